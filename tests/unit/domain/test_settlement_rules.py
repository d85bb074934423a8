"""Settlement periods, statement numbers and figures (shared.domain.settlement), without a
database."""

from __future__ import annotations

from datetime import date

import pytest

from shared.domain.errors import ValidationError
from shared.domain.settlement import (
    Totals,
    check_not_future,
    check_payment_ref,
    figures,
    parse_period,
    statement_no,
)


@pytest.mark.parametrize(
    ("text", "kind", "start", "end", "label"),
    [
        ("2026-10", "month", date(2026, 10, 1), date(2026, 11, 1), "2026-10"),
        ("2028-02", "month", date(2028, 2, 1), date(2028, 3, 1), "2028-02"),
        ("2026-12", "month", date(2026, 12, 1), date(2027, 1, 1), "2026-12"),
        (" 2026-10-05 ", "day", date(2026, 10, 5), date(2026, 10, 6), "2026-10-05"),
        # the week holding a Thursday runs Monday to Sunday
        ("2026-10-08", "week", date(2026, 10, 5), date(2026, 10, 12), "2026-10-05~2026-10-11"),
        ("2026-10-05", "week", date(2026, 10, 5), date(2026, 10, 12), "2026-10-05~2026-10-11"),
    ],
)
def test_periods(text, kind, start, end, label):
    period = parse_period(text, kind)
    assert (period.start, period.end, period.label) == (start, end, label)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("2026-10-05", "month"),
        ("2026-10", "day"),
        ("2026-13", "month"),
        ("2026-02-30", "day"),
        ("202610", "month"),
        ("", "week"),
        ("2026-10'; DROP TABLE sale;--", "month"),
    ],
)
def test_bad_periods(text, kind):
    with pytest.raises(ValidationError) as bad:
        parse_period(text, kind)
    assert bad.value.code == "bad_period"


def test_unknown_period_kind_and_future():
    with pytest.raises(ValidationError):
        parse_period("2026-10", "year")
    check_not_future(parse_period("2026-11", "month"), date(2026, 11, 1))
    with pytest.raises(ValidationError) as future:
        check_not_future(parse_period("2026-11-02", "day"), date(2026, 11, 1))
    assert future.value.code == "period_in_future"


def test_statement_numbers():
    assert statement_no("S01", parse_period("2026-10", "month")) == "JS-S01-202610"
    assert statement_no("S01", parse_period("2026-10-08", "week")) == "JS-S01-20261005"


def test_figures_follow_from_the_totals_and_round_the_fee_half_up_once():
    totals = Totals(
        sales_count=3,
        gross_fen=10_000,
        all_discounts_fen=1_500,
        coupons_platform_fen=1_000,
        coupons_store_fen=200,
        refunds_fen=700,
        by_method={"cash": 4_000, "wechat": 4_500},
        refunds_by_method={"cash": 700},
        channel_orders_fen=1_050,
    )
    f = figures(totals, 150)  # 1.5 %
    assert f.discounts_fen == 300
    assert f.net_sales_fen == 10_000 - 300 - 1_200 - 700 == 7_800
    assert f.income_fen == 7_800 + 1_000 + 1_050 == 9_850
    assert f.fee_fen == 148  # 147.75 → 148
    assert f.cash_fen == 3_300
    assert f.payable_fen == 9_850 - 3_300 - 148
    negative = figures(Totals(gross_fen=10_000, by_method={"cash": 10_000}), 500)
    assert negative.payable_fen == -500  # all cash: the store owes the fee
    with pytest.raises(ValidationError):
        figures(totals, 10_001)


def test_payment_reference():
    assert check_payment_ref("  BANK-1 ") == "BANK-1"
    for bad, code in (
        ("", "payment_ref_required"),
        ("   ", "payment_ref_required"),
        ("x" * 65, "text_too_long"),
    ):
        with pytest.raises(ValidationError) as refused:
            check_payment_ref(bad)
        assert refused.value.code == code
