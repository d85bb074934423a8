"""The terminal side of verification and member money: the station service, holds for a sale,
top-ups through the outbox (SQLite and PostgreSQL centrals)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from shared.db.models import (
    CashMovement,
    CentralHold,
    CouponInstance,
    JournalEntry,
    Member,
    MemberLedger,
    Outbox,
    Sale,
    SaleDiscount,
    Verification,
)
from shared.domain.errors import Conflict, PermissionDenied
from shared.domain.tenders import Tender
from shared.services import central_holds, journal, members, sales, verification
from shared.services.sync_status import run_once
from shared.sync.gateway import InProcessGateway
from tests.support.coupons import issue, make_coupon, make_member

MISSING_CENTRAL = "sqlite:////nonexistent-storedesk/central.db"


@pytest.fixture
def gw(counter):
    return InProcessGateway(counter.central)


def _count(db, model, *where) -> int:
    with db.reader() as uow:
        return uow.session.scalar(select(func.count()).select_from(model).where(*where))


def _state(central, code: str) -> str:
    with central.reader() as uow:
        return uow.session.scalars(
            select(CouponInstance.state).where(CouponInstance.code == code)
        ).one()


# -- the station ----------------------------------------------------------------------------------


def test_station_redeems_once_and_journals_it(counter, gw):
    code = issue(counter.central, make_coupon(counter.central))[0]
    verifier = counter.actor("verifier01")
    card = verification.look_up(gw, counter.ctx, verifier, code)
    assert card.kind == "coupon" and card.redeemable and card.coupon.name == "满20减5"

    done = verification.redeem(counter.db, gw, counter.ctx, verifier, code)
    assert (done.store, done.verifier, done.kind) == ("S01", "周杰", "coupon")
    assert _state(counter.central, code) == "used"
    # journaled once on this terminal, and pushed
    assert _count(counter.db, JournalEntry, JournalEntry.kind == "redemption") == 1
    assert _count(counter.db, Outbox, Outbox.kind == "journal") == 1

    # the answer was lost: the retry with the same request id is the same redemption
    again = verification.redeem(
        counter.db, gw, counter.ctx, verifier, code, request_id=done.request_id
    )
    assert again.verification_id == done.verification_id and again.replayed
    assert _count(counter.db, JournalEntry, JournalEntry.kind == "redemption") == 1

    with pytest.raises(verification.VerificationRefused) as refused:
        verification.redeem(counter.db, gw, counter.ctx, verifier, code)
    assert refused.value.code == "already_redeemed"
    assert "S01" in str(refused.value) and "周杰" in str(refused.value)
    assert refused.value.details["verifier"] == "周杰"

    report = run_once(counter.db, gw)
    assert report.pushed >= 1
    with counter.central.reader() as uow:
        assert journal.verify(uow, counter.ctx.terminal_id).ok
    assert [r.verification_id for r in verification.history(gw, counter.ctx)] == [
        done.verification_id
    ]


def test_station_refuses_offline_and_records_nothing(counter):
    code = issue(counter.central, make_coupon(counter.central))[0]
    offline = InProcessGateway.for_url(MISSING_CENTRAL)
    verifier = counter.actor("verifier01")
    with pytest.raises(verification.VerificationOffline) as exc:
        verification.redeem(counter.db, offline, counter.ctx, verifier, code)
    assert "connection to head office" in str(exc.value)
    with pytest.raises(verification.VerificationOffline):
        verification.look_up(offline, counter.ctx, verifier, code)
    assert _state(counter.central, code) == "unused"
    assert _count(counter.db, JournalEntry, JournalEntry.kind == "redemption") == 0
    assert _count(counter.central, Verification) == 0


def test_a_cashier_cannot_verify_at_the_station(counter, gw):
    code = issue(counter.central, make_coupon(counter.central))[0]
    with pytest.raises(PermissionDenied):
        verification.redeem(counter.db, gw, counter.ctx, counter.cashier, code)
    assert _state(counter.central, code) == "unused"


def test_manager_reverses_a_station_redemption(counter, gw):
    code = issue(counter.central, make_coupon(counter.central))[0]
    done = verification.redeem(counter.db, gw, counter.ctx, counter.actor("verifier01"), code)
    with pytest.raises(verification.VerificationRefused) as exc:
        verification.reverse(counter.db, gw, counter.ctx, counter.manager, done.verification_id, "")
    assert exc.value.code == "reason_required"
    back = verification.reverse(
        counter.db, gw, counter.ctx, counter.manager, done.verification_id, "顾客误核销"
    )
    assert back.status == "reversed"
    assert _state(counter.central, code) == "unused"
    assert _count(counter.db, JournalEntry, JournalEntry.kind == "redemption_reversal") == 1


# -- a coupon and member money held for a sale -----------------------------------------------------


def _cart_over(counter, fen: int):
    cart = counter.cart("P000006")
    line = cart.lines[0]
    qty = -(-fen // line.unit_price_fen)
    cart.set_quantity(line.line_id, qty * 1000)
    return cart


def test_coupon_is_redeemed_with_the_sale_and_printed(counter, gw):
    code = issue(counter.central, make_coupon(counter.central))[0]
    counter.open_shift()
    cart = _cart_over(counter, 2500)
    cart.add_coupon(central_holds.check_coupon(gw, counter.ctx, counter.cashier, code))
    sale_id = "01a20500-0000-7000-8000-000000000001"
    central_holds.hold_coupons(
        counter.db, gw, counter.ctx, counter.cashier, sale_id=sale_id, cart=cart
    )
    total = cart.totals().total_fen
    with counter.db.uow() as uow:
        result = sales.complete_sale(
            uow, counter.ctx, counter.cashier, cart, [Tender("cash", total)], sale_id=sale_id
        )
    assert result.receipt.coupons[0].amount_fen == 500
    assert result.receipt.coupons[0].name == "满20减5"
    with counter.db.reader() as uow:
        row = uow.session.scalars(select(SaleDiscount).where(SaleDiscount.scope == "coupon")).one()
        assert (row.coupon_code, row.funded_by, row.amount_fen) == (code, "store", 500)
        sale = uow.session.get(Sale, (counter.ctx.store_id, sale_id))
        assert sale.discount_fen == 500 and sum(ln.net_fen for ln in sale.lines) == total
    assert _count(counter.db, CentralHold, CentralHold.status == "committed") == 1
    run_once(counter.db, gw)
    with counter.central.reader() as uow:
        v = uow.session.scalars(select(Verification)).one()
        assert (v.sale_id, v.order_no, v.amount_fen) == (sale_id, result.receipt_no, 500)
    # a committed sale's coupon is never released
    assert central_holds.sweep(counter.db, gw, older_than=timedelta(0)) == 0
    assert _state(counter.central, code) == "used"


def test_complete_sale_refuses_a_coupon_not_held(counter, gw):
    code = issue(counter.central, make_coupon(counter.central))[0]
    counter.open_shift()
    cart = _cart_over(counter, 2500)
    cart.add_coupon(central_holds.check_coupon(gw, counter.ctx, counter.cashier, code))
    with counter.db.uow() as uow, pytest.raises(Conflict) as exc:
        sales.complete_sale(
            uow, counter.ctx, counter.cashier, cart, [Tender("cash", cart.totals().total_fen)]
        )
    assert exc.value.code == "coupon_not_held"
    assert _count(counter.db, Sale) == 0


def test_abandoned_sale_gives_the_coupon_and_balance_back(counter, gw):
    code = issue(counter.central, make_coupon(counter.central))[0]
    member_id = make_member(counter.central, "13900000002", balance_fen=10_000)
    counter.open_shift()
    cart = _cart_over(counter, 2500)
    cart.member_id = member_id
    cart.add_coupon(central_holds.check_coupon(gw, counter.ctx, counter.cashier, code))
    sale_id = "01a20500-0000-7000-8000-000000000002"
    central_holds.hold_coupons(
        counter.db, gw, counter.ctx, counter.cashier, sale_id=sale_id, cart=cart
    )
    central_holds.charge_member(
        counter.db,
        gw,
        counter.ctx,
        counter.cashier,
        sale_id=sale_id,
        member_id=member_id,
        method="balance",
        amount_fen=1000,
        sale_total_fen=cart.totals().total_fen,
    )
    assert _state(counter.central, code) == "used"
    # the counter crashed before the sale committed: the sweep gives everything back, once
    assert central_holds.sweep(counter.db, gw, older_than=timedelta(0)) == 2
    assert central_holds.sweep(counter.db, gw, older_than=timedelta(0)) == 0
    assert _state(counter.central, code) == "unused"
    with counter.central.reader() as uow:
        assert uow.session.get(Member, member_id).balance_fen == 10_000
        kinds = sorted(
            uow.session.scalars(
                select(MemberLedger.kind).where(MemberLedger.member_id == member_id)
            )
        )
        assert kinds == ["pay", "release"]


def test_sweep_waits_while_the_central_database_is_away(counter, gw):
    code = issue(counter.central, make_coupon(counter.central))[0]
    counter.open_shift()
    cart = _cart_over(counter, 2500)
    cart.add_coupon(central_holds.check_coupon(gw, counter.ctx, counter.cashier, code))
    sale_id = "01a20500-0000-7000-8000-000000000003"
    central_holds.hold_coupons(
        counter.db, gw, counter.ctx, counter.cashier, sale_id=sale_id, cart=cart
    )
    offline = InProcessGateway.for_url(MISSING_CENTRAL)
    assert central_holds.sweep(counter.db, offline, older_than=timedelta(0)) == 0
    assert _count(counter.db, CentralHold, CentralHold.status == "held") == 1
    assert central_holds.sweep(counter.db, gw, older_than=timedelta(0)) == 1
    assert _state(counter.central, code) == "unused"


# -- top-ups ---------------------------------------------------------------------------------------


def test_top_up_puts_cash_in_the_drawer_and_credits_once(counter, gw):
    member_id = make_member(counter.central, "13900000003", balance_fen=0)
    counter.open_shift()
    with counter.db.uow() as uow:
        members.top_up(
            uow,
            counter.ctx,
            counter.cashier,
            member_id=member_id,
            member_phone="139****0003",
            amount_fen=20_000,
        )
    assert _count(counter.db, CashMovement, CashMovement.amount_fen == 20_000) == 1
    run_once(counter.db, gw)
    # the same messages pushed again (a lost reply) change nothing
    with counter.db.uow() as uow:
        for row in uow.session.scalars(select(Outbox)):
            row.status = "pending"
        uow.commit()
    run_once(counter.db, gw)
    with counter.central.reader() as uow:
        assert uow.session.get(Member, member_id).balance_fen == 20_000
        assert (
            uow.session.scalar(
                select(func.count())
                .select_from(MemberLedger)
                .where(MemberLedger.kind == "topup", MemberLedger.member_id == member_id)
            )
            == 1
        )


def test_a_coupon_taken_off_after_holding_is_given_back(counter, gw):
    first, second = issue(counter.central, make_coupon(counter.central, stackable=True), 2)
    counter.open_shift()
    cart = _cart_over(counter, 5000)
    for code in (first, second):
        cart.add_coupon(central_holds.check_coupon(gw, counter.ctx, counter.cashier, code))
    sale_id = "01a20500-0000-7000-8000-000000000004"
    central_holds.hold_coupons(
        counter.db, gw, counter.ctx, counter.cashier, sale_id=sale_id, cart=cart
    )
    cart.remove_coupon(second)  # the cashier went back to the sale and took one off
    tenders = [Tender("cash", cart.totals().total_fen)]
    with counter.db.uow() as uow, pytest.raises(Conflict) as exc:
        sales.complete_sale(uow, counter.ctx, counter.cashier, cart, tenders, sale_id=sale_id)
    assert exc.value.code == "coupon_hold_stale"
    # paying again holds what the cart has and releases the rest
    central_holds.hold_coupons(
        counter.db, gw, counter.ctx, counter.cashier, sale_id=sale_id, cart=cart
    )
    with counter.db.uow() as uow:
        sales.complete_sale(uow, counter.ctx, counter.cashier, cart, tenders, sale_id=sale_id)
    assert _state(counter.central, first) == "used"
    assert _state(counter.central, second) == "unused"
