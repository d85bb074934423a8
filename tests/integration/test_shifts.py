"""Shifts: one open per terminal, cash in/out, X report, close with counted cash and variance."""

from __future__ import annotations

import pytest

from shared.domain.errors import Conflict, PermissionDenied, ValidationError
from shared.domain.tenders import Tender
from shared.services import refunds, sales, shifts


def test_one_open_shift_per_terminal(counter):
    counter.open_shift()
    with counter.db.uow() as uow, pytest.raises(Conflict) as err:
        shifts.open_shift(uow, counter.ctx, counter.actor("cashier02"), 0)
    assert err.value.code == "shift_already_open"


def test_expected_cash_variance_and_z_report(counter):
    counter.open_shift(50_000)
    with counter.db.uow() as uow:
        s1 = sales.complete_sale(
            uow, counter.ctx, counter.cashier, counter.cart("P000012"), [Tender("cash", 100_00)]
        )
    with counter.db.uow() as uow:
        s2 = sales.complete_sale(
            uow,
            counter.ctx,
            counter.cashier,
            counter.cart("P000013"),
            [Tender("card", counter.cart("P000013").totals().total_fen)],
        )
    with counter.db.uow() as uow:
        refunds.refund(uow, counter.ctx, counter.cashier, s1.receipt_no)
    with counter.db.uow() as uow:
        shifts.cash_move(uow, counter.ctx, counter.cashier, "in", 10_000, "补零钱")
    with counter.db.uow() as uow:
        shifts.cash_move(uow, counter.ctx, counter.cashier, "out", 2_000, "买胶带")
    with counter.db.reader() as uow:
        x = shifts.x_report(uow, counter.ctx)
    assert x.report_type == "X"
    assert x.sales_count == 2 and x.refunds_count == 1
    assert x.by_method == {"card": s2.total_fen, "cash": 0}
    assert x.expected_cash_fen == 50_000 + 0 + 10_000 - 2_000
    assert x.net_fen == s2.total_fen

    with counter.db.uow() as uow:
        closed = shifts.close_shift(
            uow, counter.ctx, counter.cashier, None, denominations={10_000: 5, 5_000: 1, 100: 2}
        )
    assert closed.counted_cash_fen == 55_200
    assert closed.variance_fen == 55_200 - 58_000
    assert closed.report.report_type == "Z"
    with counter.db.reader() as uow:
        assert shifts.current_shift(uow, counter.ctx) is None


def test_close_needs_the_cashier_or_a_manager(counter):
    counter.open_shift()
    with counter.db.uow() as uow, pytest.raises(PermissionDenied):
        shifts.close_shift(uow, counter.ctx, counter.actor("cashier02"), 0)
    with counter.db.uow() as uow:
        shifts.close_shift(uow, counter.ctx, counter.manager, 0)


@pytest.mark.parametrize(
    ("direction", "amount", "reason", "code"),
    [
        ("in", 0, "x", "amount_range"),
        ("in", -5, "x", "amount_range"),
        ("out", 100, "", "reason_required"),
        ("sideways", 100, "x", "direction"),
        ("out", 10**8, "x", "cash_out_exceeds_drawer"),
        ("in", 100, "长" * 201, "text_too_long"),
    ],
)
def test_bad_cash_movements(counter, direction, amount, reason, code):
    counter.open_shift(1000)
    with counter.db.uow() as uow, pytest.raises(ValidationError) as err:
        shifts.cash_move(uow, counter.ctx, counter.cashier, direction, amount, reason)
    assert err.value.code == code


def test_counted_must_match_denominations(counter):
    counter.open_shift()
    with counter.db.uow() as uow, pytest.raises(ValidationError) as err:
        shifts.close_shift(uow, counter.ctx, counter.cashier, 1, denominations={10_000: 1})
    assert err.value.code == "count_mismatch"
    with counter.db.uow() as uow, pytest.raises(ValidationError):
        shifts.close_shift(uow, counter.ctx, counter.cashier, None, denominations={333: 1})
    with counter.db.reader() as uow:
        assert shifts.current_shift(uow, counter.ctx) is not None
