"""Store settlement on the central database (SPEC §11): the fixture month's statements computed by
hand, to the fen; confirmed statements frozen, late records as the next period's adjustments;
store scope; bad input (future period, overlapping periods, settling twice, empty payment
reference). SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from shared.db.models import AuditEntry, SettlementItem, SettlementStatement, Store
from shared.domain.errors import Conflict, NotFound, PermissionDenied, ValidationError
from shared.services import settlement
from shared.services.demo import create_demo
from tests.support.channels import actor
from tests.support.settlement_month import MonthWriter, d, fixture_month

# October 2026 at S01, by hand (tests/support/settlement_month.fixture_month):
#   sales   10-01 100.00 cash | 10-05 200.00 −10.00 order −20.00 platform coupon, wechat 170.00
#           10-12 50.00 −5.00 store coupon, card 30.00 + cash 15.00 | 10-20 2 card keys 98.00
#           alipay | 10-31 33.33 −3.33, member balance 30.00   (09-30 and 11-01: other months)
#   refunds 10-15 25.00 cash | 10-25 40.00 wechat
#   channel orders redeemed at S01: 66.00 (10-10), 12.00 (10-31 23:30 local); 9.00 at 00:30 on
#           11-01 local (16:30 UTC on 10-31) belongs to November
S01_OCTOBER = {
    "statement_no": "JS-S01-202610",
    "store": "S01",
    "period": "2026-10",
    "state": "draft",
    "sales_count": 5,
    "gross_fen": 10_000 + 20_000 + 5_000 + 9_800 + 3_333,  # 48,133
    "discounts_fen": 1_000 + 333,  # coupons are their own figures
    "refunds_fen": 2_500 + 4_000,
    # 100 + 170 + 45 + 98 + 30 = 443.00 taken, 65.00 given back
    "net_sales_fen": 44_300 - 6_500,  # 37,800
    "by_method": {
        "alipay": 9_800,
        "balance": 3_000,
        "card": 3_000,
        "cash": 11_500,
        "wechat": 17_000,
    },
    "coupons_platform_fen": 2_000,
    "coupons_store_fen": 500,
    "card_keys_fen": 9_800,
    # income 378.00 + 20.00 + 78.00 = 476.00; 3 % = 14.28
    "fee_fen": 1_428,
    # income − cash kept (115.00 − 25.00) − fee = 476.00 − 90.00 − 14.28
    "payable_fen": 47_600 - 9_000 - 1_428,  # 37,172
    "refunds_count": 2,
    "refunds_by_method": {"cash": 2_500, "wechat": 4_000},
    "card_keys_count": 2,
    "channel_orders_count": 2,
    "channel_orders_fen": 7_800,
    "income_fen": 47_600,
    "fee_rate_bp": 300,
    "cash_fen": 9_000,
    "adjustments_count": 0,
    "adjustments_fen": 0,
}
# S02: 123.45 cash; 80.00 −10.00 platform coupon, wechat 70.00; refund 10.00 wechat; a channel
# order of 50.00. Income 183.45 + 10.00 + 50.00 = 243.45; 2.5 % = 6.08625 → 6.09 (half-up).
S02_OCTOBER = {
    "sales_count": 2,
    "gross_fen": 20_345,
    "discounts_fen": 0,
    "refunds_fen": 1_000,
    "net_sales_fen": 18_345,
    "by_method": {"cash": 12_345, "wechat": 7_000},
    "coupons_platform_fen": 1_000,
    "coupons_store_fen": 0,
    "card_keys_fen": 0,
    "channel_orders_fen": 5_000,
    "income_fen": 24_345,
    "fee_fen": 609,
    "cash_fen": 12_345,
    "payable_fen": 24_345 - 12_345 - 609,  # 113.91
}


@pytest.fixture
def central(make_db):
    db = make_db()
    create_demo(db, products=10)
    with db.uow() as uow:
        fixture_month(uow.session)
    return db


def _build(db, account: str, store: str, period: str) -> settlement.StatementView:
    with db.uow() as uow:
        return settlement.build(uow, actor(db, account), store, period)


def test_the_fixture_month_adds_up_to_the_fen(central):
    s01 = _build(central, "admin", "S01", "2026-10")
    assert {k: v for k, v in s01.to_json().items() if k in S01_OCTOBER} == S01_OCTOBER
    s02 = _build(central, "manager02", "S02", "2026-10").to_json()
    assert {k: s02[k] for k in S02_OCTOBER} == S02_OCTOBER
    # the figures hold together
    f = s01.figures
    assert sum(f.by_method.values()) - sum(f.refunds_by_method.values()) == f.net_sales_fen


def test_every_figure_drills_down_to_its_records(central):
    view = _build(central, "admin", "S01", "2026-10")
    with central.reader() as uow:
        admin = actor(central, "admin")

        def page(kind, method=None):
            return settlement.records(uow, admin, view.statement_id, kind, method=method)

        sales, n = page("sales")
        assert n == 5 and sum(r.amount_fen for r in sales) == 44_300
        assert {r.business_date.month for r in sales} == {10}
        refunds, n = page("refunds")
        assert n == 2 and sum(r.amount_fen for r in refunds) == view.figures.refunds_fen
        cash, _ = page("payments", "cash")
        assert sum(r.amount_fen for r in cash) == view.figures.by_method["cash"]
        platform, _ = page("coupons", "platform")
        assert [r.amount_fen for r in platform] == [2_000]
        keys, _ = page("card_keys")
        assert sum(r.amount_fen for r in keys) == view.figures.card_keys_fen
        channel, n = page("channel")
        assert n == 2 and sorted(r.amount_fen for r in channel) == [1_200, 6_600]
        first, total = settlement.records(uow, admin, view.statement_id, "sales", limit=2)
        second, _ = settlement.records(uow, admin, view.statement_id, "sales", offset=2, limit=2)
        assert (
            total == 5
            and len(first) == 2
            and not {r.doc_id for r in first} & {r.doc_id for r in second}
        )
        with pytest.raises(ValidationError) as bad:
            settlement.records(uow, admin, view.statement_id, "everything")
        assert bad.value.code == "bad_figure"


def test_confirmed_statement_is_frozen_and_late_records_become_next_period_adjustments(
    central, clock
):
    october = _build(central, "manager01", "S01", "2026-10")
    with central.uow() as uow:
        confirmed = settlement.confirm(uow, actor(central, "manager01"), october.statement_id)
    assert confirmed.state == "confirmed" and confirmed.confirmed_by == "王芳"
    assert confirmed.figures == october.figures
    with central.reader() as uow:
        items = uow.session.scalar(
            select(func.count())
            .select_from(SettlementItem)
            .where(SettlementItem.statement_id == october.statement_id)
        )
    assert items == 5 + 2 + 2  # sales, refunds, channel orders

    # a sale of 28 October and a refund of the 1 October sale arrive after the confirmation
    with central.uow() as uow:
        w = MonthWriter(uow.session)
        late = w.sale("S01", d(28), 5_000, pay={"card": 5_000})
        w.flush()
        uow.commit()
    again = _build(central, "admin", "S01", "2026-10")
    assert again.state == "confirmed" and again.figures == confirmed.figures

    november = _build(central, "manager01", "S01", "2026-11")
    f = november.figures
    # November's own sale of 20.00 cash, and the late one as an adjustment
    assert (f.sales_count, f.gross_fen, f.adjustments_count, f.adjustments_fen) == (
        2,
        7_000,
        1,
        5_000,
    )
    assert f.by_method == {"card": 5_000, "cash": 2_000}
    assert f.channel_orders_fen == 900  # redeemed 00:30 on 1 November, Shanghai time
    with central.reader() as uow:
        adjustments, n = settlement.records(
            uow, actor(central, "admin"), november.statement_id, "adjustments"
        )
    assert n == 1 and adjustments[0].doc_id == late and adjustments[0].adjustment

    # September was never confirmed: its sale is not an adjustment of anything
    september = _build(central, "admin", "S01", "2026-09")
    assert september.figures.sales_count == 1 and september.figures.adjustments_count == 0

    # settle October: reference required, once
    with central.uow() as uow, pytest.raises(ValidationError) as empty:
        settlement.settle(uow, actor(central, "admin"), october.statement_id, "  ")
    assert empty.value.code == "payment_ref_required"
    with central.uow() as uow:
        paid = settlement.settle(
            uow,
            actor(central, "admin"),
            october.statement_id,
            "BANK-20261105-01",
            date(2026, 11, 5),
        )
    assert (paid.state, paid.payment_ref, paid.settled_on) == (
        "settled",
        "BANK-20261105-01",
        date(2026, 11, 5),
    )
    with central.uow() as uow, pytest.raises(Conflict) as twice:
        settlement.settle(uow, actor(central, "admin"), october.statement_id, "AGAIN")
    assert twice.value.code == "already_settled"
    with central.reader() as uow:
        st = uow.session.get(SettlementStatement, october.statement_id)
        assert st.payment_ref == "BANK-20261105-01"
        actions = uow.session.scalars(
            select(AuditEntry.action).where(AuditEntry.target == "JS-S01-202610")
        ).all()
    assert sorted(actions) == ["settlement.confirm", "settlement.settle"]


def test_november_cannot_be_confirmed_before_it_is_over_nor_october_twice(central):
    november = _build(central, "admin", "S01", "2026-11")  # the clock says 22 November
    with central.uow() as uow, pytest.raises(ValidationError) as early:
        settlement.confirm(uow, actor(central, "admin"), november.statement_id)
    assert early.value.code == "period_not_over"
    october = _build(central, "admin", "S01", "2026-10")
    with central.uow() as uow:
        settlement.confirm(uow, actor(central, "admin"), october.statement_id)
    with central.uow() as uow, pytest.raises(Conflict) as twice:
        settlement.confirm(uow, actor(central, "admin"), october.statement_id)
    assert twice.value.code == "already_confirmed"
    with central.uow() as uow, pytest.raises(ValidationError) as unconfirmed:
        settlement.settle(uow, actor(central, "admin"), november.statement_id, "REF")
    assert unconfirmed.value.code == "statement_not_confirmed"


@pytest.mark.parametrize(
    ("period", "code"),
    [
        ("2026-12", "period_in_future"),
        ("2027-01", "period_in_future"),
        ("2026-13", "bad_period"),
        ("2026-10-05", "bad_period"),  # S01 is settled by month
        ("10/2026", "bad_period"),
        ("", "bad_period"),
    ],
)
def test_bad_periods_are_refused_and_change_nothing(central, period, code):
    with central.uow() as uow, pytest.raises(ValidationError) as refused:
        settlement.build(uow, actor(central, "admin"), "S01", period)
    assert refused.value.code == code
    with central.reader() as uow:
        assert uow.session.scalar(select(func.count()).select_from(SettlementStatement)) == 0


def test_a_period_overlapping_a_confirmed_statement_is_refused(central):
    october = _build(central, "admin", "S01", "2026-10")
    with central.uow() as uow:
        settlement.confirm(uow, actor(central, "admin"), october.statement_id)
    with central.uow() as uow:  # the store is now settled by week
        uow.session.execute(
            Store.__table__.update().where(Store.code == "S01").values(settlement_period="week")
        )
        uow.commit()
    with central.uow() as uow, pytest.raises(Conflict) as overlap:
        settlement.build(uow, actor(central, "admin"), "S01", "2026-10-28")
    assert overlap.value.code == "period_overlaps"
    assert overlap.value.details["statement"] == "JS-S01-202610"
    # the week after October is fine: Monday 2 November to Sunday 8 November
    week = _build(central, "admin", "S01", "2026-11-04")
    assert (week.period.start, week.period.end, week.statement_no) == (
        date(2026, 11, 2),
        date(2026, 11, 9),
        "JS-S01-20261102",
    )
    # a draft of another shape is simply replaced
    with central.uow() as uow:
        uow.session.execute(
            Store.__table__.update().where(Store.code == "S01").values(settlement_period="day")
        )
        uow.commit()
    day = _build(central, "admin", "S01", "2026-11-03")
    assert day.period.label == "2026-11-03"
    with central.reader() as uow:
        shapes = uow.session.execute(
            select(SettlementStatement.period_kind, SettlementStatement.state).order_by(
                SettlementStatement.period_start
            )
        ).all()
    assert shapes == [("month", "confirmed"), ("day", "draft")]


def test_a_manager_of_s01_can_neither_see_nor_settle_s02(central):
    s02 = _build(central, "admin", "S02", "2026-10")
    manager = actor(central, "manager01")
    with central.uow() as uow:
        with pytest.raises(PermissionDenied) as build:
            settlement.build(uow, manager, "S02", "2026-10")
        assert build.value.code == "store_not_allowed"
        for call in (
            lambda: settlement.get(uow, manager, s02.statement_id),
            lambda: settlement.confirm(uow, manager, s02.statement_id),
            lambda: settlement.settle(uow, manager, s02.statement_id, "REF"),
            lambda: settlement.records(uow, manager, s02.statement_id, "sales"),
        ):
            with pytest.raises(PermissionDenied):
                call()
        listed, total = settlement.list_statements(uow, manager)
        assert total == 0 and listed == []
        assert [c.code for c in settlement.stores(uow, manager)] == ["S01"]
        with pytest.raises(PermissionDenied):
            settlement.build(uow, actor(central, "cashier01"), "S01", "2026-10")
        with pytest.raises(NotFound):
            settlement.build(uow, actor(central, "admin"), "S99", "2026-10")
    with central.reader() as uow:
        st = uow.session.get(SettlementStatement, s02.statement_id)
        assert st.state == "draft"
