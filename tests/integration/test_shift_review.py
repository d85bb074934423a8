"""Shift review on the central database (SPEC §4): list, page, filter, scope, review, refusals."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from shared.db.models import AuditEntry, Shift, Staff, Store
from shared.domain.errors import NotFound, PermissionDenied, ValidationError
from shared.domain.ids import new_id
from shared.domain.tenders import Tender
from shared.services import auth, refunds, sales, shift_review, shifts
from shared.sync.gateway import InProcessGateway
from shared.sync.push import push_pending


def central_actor(counter, account: str) -> auth.Actor:
    with counter.central.reader() as uow:
        staff = uow.session.scalars(select(Staff).where(Staff.account == account)).one()
        return auth.actor_for(uow, staff)


def run_a_shift(counter, *, counted_fen: int | None = None) -> str:
    """Float 100, a cash-in of 20, two sales (cash, then wechat), a refund of the first, close;
    pushed to the central side. Returns the shift id."""
    counter.open_shift(10_000)
    with counter.db.uow() as uow:
        shifts.cash_move(uow, counter.ctx, counter.cashier, "in", 2_000, "零钱")
    first = None
    for tender, code in (("cash", counter.product(10)["code"]), ("wechat", None)):
        cart = counter.cart(code or counter.product(11)["code"])
        total = cart.totals().total_fen
        with counter.db.uow() as uow:
            pay = Tender(tender, total, provider_ref=None if tender == "cash" else f"W{new_id()}")
            res = sales.complete_sale(uow, counter.ctx, counter.cashier, cart, [pay])
        first = first or res
    with counter.db.uow() as uow:
        refunds.refund(uow, counter.ctx, counter.cashier, first.receipt_no, None)
    with counter.db.uow() as uow:
        closed = shifts.close_shift(
            uow,
            counter.ctx,
            counter.cashier,
            counted_fen if counted_fen is not None else 0,
        )
    report = push_pending(counter.db, InProcessGateway(counter.central))
    assert report.pending == 0 and report.rejected == 0
    return closed.shift_id


def add_shifts(counter, store_code: str, n: int, *, start: date, cashier: str) -> None:
    """``n`` closed shifts straight into the central database, one per day from ``start``."""
    with counter.central.uow() as uow:
        s = uow.session
        store_id = s.scalars(select(Store.id).where(Store.code == store_code)).one()
        staff_id = s.scalars(select(Staff.id).where(Staff.account == cashier)).one()
        now = uow.clock.now()
        for i in range(n):
            s.add(
                Shift(
                    store_id=store_id,
                    id=str(new_id()),
                    terminal_id=str(new_id()),
                    cashier_id=staff_id,
                    business_date=start + timedelta(days=i),
                    status="closed",
                    opened_at=now,
                    closed_at=now,
                    closed_by=staff_id,
                    opening_float_fen=0,
                    expected_cash_fen=1_000,
                    counted_cash_fen=1_000 + (i % 3 - 1) * 100,
                    variance_fen=(i % 3 - 1) * 100,
                    denominations={},
                )
            )
        uow.commit()


def test_a_pushed_shift_lists_with_its_figures_and_detail(counter):
    shift_id = run_a_shift(counter, counted_fen=12_345)
    manager = central_actor(counter, "manager01")
    with counter.central.reader() as uow:
        page = shift_review.list_shifts(uow, manager)
        assert page.total == 1 and len(page.rows) == 1
        row = page.rows[0]
        assert row.shift_id == shift_id and row.store_code == "S01"
        assert row.terminal_number == 1 and row.cashier_name == "李娜"
        assert row.status == "closed" and row.review_status == "pending"
        assert row.sales_count == 2
        detail = shift_review.shift_detail(uow, manager, shift_id)
    assert [s.receipt_no for s in detail.sales] and len(detail.sales) == 2
    sold = sum(s.total_fen for s in detail.sales)
    assert len(detail.refunds) == 1
    assert row.net_fen == sold - detail.refunds[0].total_fen
    assert detail.refunds[0].receipt_no == detail.sales[0].receipt_no
    assert set(detail.by_method) == {"cash", "wechat"}
    assert detail.by_method["cash"] == 0  # sold for cash, refunded in cash
    assert sum(detail.by_method.values()) == row.net_fen
    assert [(m.direction, m.amount_fen, m.reason) for m in detail.cash_moves] == [
        ("in", 2_000, "零钱")
    ]
    # expected = float + cash net + cash in; the variance is what the cashier counted against it
    assert row.expected_cash_fen == 10_000 + 0 + 2_000
    assert row.counted_cash_fen == 12_345 and row.variance_fen == 12_345 - 12_000


def test_pages_filters_and_sorting_never_load_the_table_whole(counter):
    add_shifts(counter, "S01", 230, start=date(2026, 1, 1), cashier="cashier01")
    add_shifts(counter, "S01", 20, start=date(2026, 1, 1), cashier="cashier02")
    add_shifts(counter, "S02", 15, start=date(2026, 1, 1), cashier="cashier03")
    admin = central_actor(counter, "admin")
    with counter.central.reader() as uow:
        seen: list[str] = []
        offset = 0
        while True:
            page = shift_review.list_shifts(uow, admin, offset=offset, limit=100)
            assert page.total == 265 and len(page.rows) <= 100
            if not page.rows:
                break
            seen += [r.shift_id for r in page.rows]
            offset += len(page.rows)
        assert len(seen) == len(set(seen)) == 265  # no overlap, nothing skipped
        dates = [r.business_date for r in shift_review.list_shifts(uow, admin, limit=500).rows]
        assert dates == sorted(dates, reverse=True)

        s02 = shift_review.list_shifts(uow, admin, store_code="S02")
        assert s02.total == 15 and {r.store_code for r in s02.rows} == {"S02"}
        jan = shift_review.list_shifts(
            uow, admin, date_from=date(2026, 1, 10), date_to=date(2026, 1, 19)
        )
        assert jan.total == 10 + 10 + 6  # cashier01 and cashier02 at S01, S02 until the 15th
        by_account = shift_review.list_shifts(uow, admin, cashier="cashier02")
        by_name = shift_review.list_shifts(uow, admin, cashier="张")  # 张伟
        assert by_account.total == by_name.total == 20
        worst = shift_review.list_shifts(uow, admin, sort="variance", descending=False, limit=5)
        assert [r.variance_fen for r in worst.rows] == [-100] * 5
        assert shift_review.list_shifts(uow, admin, offset=1_000).rows == []


def test_a_manager_sees_and_reviews_only_their_stores(counter):
    add_shifts(counter, "S01", 3, start=date(2026, 2, 1), cashier="cashier01")
    add_shifts(counter, "S02", 2, start=date(2026, 2, 1), cashier="cashier03")
    m1 = central_actor(counter, "manager01")
    m2 = central_actor(counter, "manager02")
    with counter.central.reader() as uow:
        assert shift_review.list_shifts(uow, m1).total == 3
        assert {r.store_code for r in shift_review.list_shifts(uow, m2).rows} == {"S02"}
        assert [s.code for s in shift_review.stores(uow, m1)] == ["S01"]
        assert [s.code for s in shift_review.stores(uow, central_actor(counter, "admin"))] == [
            "S01",
            "S02",
        ]
        with pytest.raises(PermissionDenied) as e:
            shift_review.list_shifts(uow, m1, store_code="S02")
        assert e.value.code == "store_not_allowed"
        other = shift_review.list_shifts(uow, m2).rows[0].shift_id
        with pytest.raises(PermissionDenied) as e:
            shift_review.shift_detail(uow, m1, other)
        assert e.value.code == "store_not_allowed"
    with pytest.raises(PermissionDenied) as e, counter.central.uow() as uow:
        shift_review.review(uow, m1, other, "approved")
    assert e.value.code == "store_not_allowed"
    cashier = central_actor(counter, "cashier01")
    with pytest.raises(PermissionDenied) as e, counter.central.reader() as uow:
        shift_review.list_shifts(uow, cashier)
    assert e.value.code == "permission_denied"
    with counter.central.reader() as uow:
        assert uow.session.scalar(select(func.count()).select_from(AuditEntry)) == 0
        assert uow.session.scalar(select(func.count()).where(Shift.review_status != "pending")) == 0


def test_review_approve_flag_again_and_every_decision_is_audited(counter):
    shift_id = run_a_shift(counter)
    m1 = central_actor(counter, "manager01")
    with counter.central.uow() as uow:
        row = shift_review.review(uow, m1, shift_id, "approved", "")
    assert row.review_status == "approved" and row.reviewed_by_name == "王芳"
    with counter.central.uow() as uow:
        row = shift_review.review(uow, m1, shift_id, "flagged", "  短款 20 元，请核对  ")
    assert row.review_status == "flagged" and row.review_comment == "短款 20 元，请核对"
    with counter.central.reader() as uow:
        assert shift_review.list_shifts(uow, m1, review_status="flagged").total == 1
        audit = uow.session.scalars(
            select(AuditEntry).where(AuditEntry.action == "shift_review").order_by(AuditEntry.id)
        ).all()
        assert [(a.detail["decision"], a.detail["previous"]) for a in audit] == [
            ("approved", "pending"),
            ("flagged", "approved"),
        ]
        assert {a.target for a in audit} == {shift_id}
        assert {a.actor_id for a in audit} == {m1.staff_id}


@pytest.mark.parametrize(
    ("decision", "comment", "error", "code"),
    [
        ("flagged", "", ValidationError, "comment_required"),
        ("flagged", "   ", ValidationError, "comment_required"),
        ("flagged", "长" * 201, ValidationError, "text_too_long"),
        ("rejected", "x", ValidationError, "review_decision"),
    ],
)
def test_bad_reviews_are_refused_and_change_nothing(counter, decision, comment, error, code):
    add_shifts(counter, "S01", 1, start=date(2026, 3, 1), cashier="cashier01")
    m1 = central_actor(counter, "manager01")
    with counter.central.reader() as uow:
        shift_id = shift_review.list_shifts(uow, m1).rows[0].shift_id
    with pytest.raises(error) as e, counter.central.uow() as uow:
        shift_review.review(uow, m1, shift_id, decision, comment)
    assert e.value.code == code
    with counter.central.reader() as uow:
        assert shift_review.list_shifts(uow, m1).rows[0].review_status == "pending"
        assert uow.session.scalar(select(func.count()).select_from(AuditEntry)) == 0


def test_other_bad_input_is_refused_with_a_reason(counter):
    counter.open_shift()
    push_pending(counter.db, InProcessGateway(counter.central))  # an open shift, centrally
    m1 = central_actor(counter, "manager01")
    with counter.central.reader() as uow:
        open_id = shift_review.list_shifts(uow, m1).rows[0].shift_id
    cases = [
        (lambda u: shift_review.review(u, m1, open_id, "approved"), "shift_not_closed"),
        (lambda u: shift_review.review(u, m1, "not-an-id", "approved"), "shift_id"),
        (lambda u: shift_review.shift_detail(u, m1, str(new_id())), "shift_not_found"),
        (lambda u: shift_review.list_shifts(u, m1, limit=0), "page_size"),
        (lambda u: shift_review.list_shifts(u, m1, limit=501), "page_size"),
        (lambda u: shift_review.list_shifts(u, m1, offset=-1), "page_offset"),
        (lambda u: shift_review.list_shifts(u, m1, store_code="S99"), "unknown_store"),
        (lambda u: shift_review.list_shifts(u, m1, sort="'; drop"), "sort_key"),
        (lambda u: shift_review.list_shifts(u, m1, review_status="odd"), "review_status"),
        (lambda u: shift_review.list_shifts(u, m1, cashier="x" * 65), "text_too_long"),
        (
            lambda u: shift_review.list_shifts(
                u, m1, date_from=date(2026, 2, 2), date_to=date(2026, 2, 1)
            ),
            "date_range",
        ),
    ]
    for call, code in cases:
        with pytest.raises((ValidationError, NotFound)) as e, counter.central.uow() as uow:
            call(uow)
        assert e.value.code == code, code
    with counter.central.reader() as uow:
        # a cashier filter with LIKE wildcards matches them literally
        assert shift_review.list_shifts(uow, m1, cashier="%").total == 0
        assert shift_review.list_shifts(uow, m1).rows[0].review_status == "pending"


def test_the_handover_slip_is_rebuilt_from_the_central_copy(counter):
    shift_id = run_a_shift(counter, counted_fen=11_900)
    m1 = central_actor(counter, "manager01")
    with counter.central.reader() as uow:
        slip = shift_review.handover_slip(uow, m1, shift_id)
        row = shift_review.list_shifts(uow, m1).rows[0]
    assert slip.report_type == "Z" and slip.terminal_number == 1 and slip.cashier == "李娜"
    assert slip.sales_count == 2 and slip.refunds_count == 1 and slip.net_fen == row.net_fen
    assert slip.cash_in_fen == 2_000 and slip.expected_cash_fen == row.expected_cash_fen
    assert slip.counted_cash_fen == 11_900 and slip.variance_fen == -100
    with pytest.raises(PermissionDenied), counter.central.reader() as uow:
        shift_review.handover_slip(uow, central_actor(counter, "manager02"), shift_id)
