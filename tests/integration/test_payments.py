"""Payment codes through the provider simulator: success, decline, timeout, duplicate notification.

The simulator stands in for WeChat Pay / Alipay, which cannot be reached from a test.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select

from shared.db.models import AuditEntry, PaymentIntent
from shared.domain.errors import Conflict, PaymentFailed, ValidationError
from shared.domain.ids import new_id
from shared.domain.tenders import Tender
from shared.services import payments, sales
from shared.services.payment_provider import SimulatedProvider

WECHAT = "134567890123450000"


def charge(counter, provider, code=WECHAT, amount=None, sale_id=None, method="wechat"):
    return payments.charge(
        counter.db,
        counter.ctx,
        provider,
        sale_id=sale_id or str(new_id()),
        method=method,
        auth_code=code,
        amount_fen=amount or counter.cart("P000012").totals().total_fen,
    )


def intents(counter):
    with counter.db.reader() as uow:
        return [
            (i.status, i.provider_trade_no)
            for i in uow.session.scalars(select(PaymentIntent).order_by(PaymentIntent.created_at))
        ]


def test_success_completes_the_sale_and_marks_the_intent_paid(counter):
    counter.open_shift()
    sale_id = str(new_id())
    tender = charge(counter, SimulatedProvider(), sale_id=sale_id)
    assert tender.provider_ref
    with counter.db.uow() as uow:
        r = sales.complete_sale(
            uow, counter.ctx, counter.cashier, counter.cart("P000012"), [tender], sale_id=sale_id
        )
    assert r.sale_id == sale_id
    assert intents(counter) == [("paid", tender.provider_ref)]


def test_decline(counter):
    with pytest.raises(PaymentFailed) as err:
        charge(counter, SimulatedProvider(), code="134567890123450001")
    assert err.value.code == "payment_declined"
    assert intents(counter)[0][0] == "failed"


def test_timeout_then_query_finds_it_paid(counter):
    tender = charge(counter, SimulatedProvider(), code="134567890123450002")
    assert tender.provider_ref and intents(counter)[0][0] == "authorised"


def test_no_answer_at_all_is_refused_as_unknown(counter):
    class Silent(SimulatedProvider):
        def query(self, *, out_trade_no):
            from shared.services.payment_provider import ProviderResult

            return ProviderResult("pending")

    with pytest.raises(PaymentFailed) as err:
        charge(counter, Silent(), code="134567890123450002")
    assert err.value.code == "payment_unknown"
    assert intents(counter)[0][0] == "unknown"


def test_duplicate_notification_is_flagged_for_refund(counter):
    counter.open_shift()
    notes = []
    provider = SimulatedProvider(notify=notes.append)
    sale_id = str(new_id())
    tender = charge(counter, provider, code="134567890123450003", sale_id=sale_id)
    with counter.db.uow() as uow:
        sales.complete_sale(
            uow, counter.ctx, counter.cashier, counter.cart("P000012"), [tender], sale_id=sale_id
        )
    results = [payments.handle_notification(counter.db, n) for n in notes]
    assert results == ["duplicate_ignored", "refund_due"]
    assert payments.handle_notification(counter.db, notes[0]) == "duplicate_ignored"
    due = payments.refunds_due(counter.db, counter.ctx)
    assert [d.trade_no for d in due] == [notes[1].trade_no]
    with counter.db.reader() as uow:
        assert uow.session.scalars(select(AuditEntry.action)).all().count("duplicate_payment") == 1


def test_the_same_trade_cannot_pay_two_sales(counter):
    counter.open_shift()
    tender = charge(counter, SimulatedProvider())
    with counter.db.uow() as uow:
        sales.complete_sale(uow, counter.ctx, counter.cashier, counter.cart("P000012"), [tender])
    with counter.db.uow() as uow, pytest.raises(Conflict) as err:
        sales.complete_sale(uow, counter.ctx, counter.cashier, counter.cart("P000012"), [tender])
    assert err.value.code == "duplicate_payment"


@pytest.mark.parametrize(
    ("method", "code"),
    [
        ("wechat", "12345"),
        ("wechat", "281234567890123456"),
        ("alipay", "134567890123456789"),
        ("card", "134567890123456789"),
        ("wechat", "13456789012345678x"),
    ],
)
def test_bad_payment_codes(counter, method, code):
    with pytest.raises(ValidationError):
        charge(counter, SimulatedProvider(), code=code, method=method)
    assert intents(counter) == []


def test_method_from_code():
    assert payments.method_for_code("134567890123456789") == "wechat"
    assert payments.method_for_code("281234567890123456") == "alipay"
    assert payments.method_for_code("999") is None


def test_card_tender_sale(counter):
    counter.open_shift()
    total = counter.cart("P000012").totals().total_fen
    with counter.db.uow() as uow:
        r = sales.complete_sale(
            uow, counter.ctx, counter.cashier, counter.cart("P000012"), [Tender("card", total)]
        )
    assert r.change_fen == 0


def test_query_again_after_an_unknown_result(counter):
    class SlowToAnswer(SimulatedProvider):
        asked = 0

        def query(self, *, out_trade_no):
            from shared.services.payment_provider import ProviderResult

            self.asked += 1
            if self.asked <= payments.QUERY_ATTEMPTS:
                return ProviderResult("pending")
            return super().query(out_trade_no=out_trade_no)

    provider = SlowToAnswer()
    with pytest.raises(PaymentFailed) as err:
        charge(counter, provider, code="134567890123450002")
    out_trade_no = err.value.details["out_trade_no"]
    tender = payments.query_again(counter.db, provider, out_trade_no)
    assert tender.provider_ref and intents(counter)[0][0] == "authorised"


def test_an_abandoned_sale_gives_its_payment_code_charges_back(counter):
    provider = SimulatedProvider()
    sale_id = str(new_id())
    tender = charge(counter, provider, sale_id=sale_id)
    results = payments.release(counter.db, provider, sale_id)
    assert [(r.status, r.trade_no) for r in results] == [("reversed", tender.provider_ref)]
    assert provider.query(out_trade_no=results[0].out_trade_no).status == "refunded"
    assert payments.release(counter.db, provider, sale_id) == []  # nothing left to give back


def test_a_refund_the_provider_refuses_is_left_for_a_manager(counter):
    class NoRefunds(SimulatedProvider):
        def refund(self, *, out_trade_no, amount_fen):
            from shared.services.payment_provider import ProviderResult

            return ProviderResult("declined", message="refund window closed")

    provider = NoRefunds()
    sale_id = str(new_id())
    charge(counter, provider, sale_id=sale_id)
    assert [r.status for r in payments.release(counter.db, provider, sale_id)] == ["refund_due"]
    assert len(payments.refunds_due(counter.db, counter.ctx)) == 1


def test_release_asks_about_unknown_charges_first(counter):
    from shared.services.payment_provider import ProviderResult

    class Unsure(SimulatedProvider):
        taken = False

        def query(self, *, out_trade_no):
            return (
                super().query(out_trade_no=out_trade_no)
                if self.taken
                else ProviderResult("pending")
            )

    provider = Unsure()
    sale_id = str(new_id())
    with pytest.raises(PaymentFailed):
        charge(counter, provider, code="134567890123450002", sale_id=sale_id)
    assert payments.release(counter.db, provider, sale_id) == []  # not known to be taken: kept
    provider.taken = True
    assert [r.status for r in payments.release(counter.db, provider, sale_id)] == ["reversed"]
