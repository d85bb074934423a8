"""The store-settlement area's table models and words on their own: the statement list (state
coloured, a store that owes head office in red), the records behind a figure (times in the
store's zone, methods and funders named, late records tinted), what each figure drills into, who
pays whom, and the refusals in words."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from PySide6.QtCore import Qt

from backoffice.settlement_models import (
    ADJUSTMENT_BACKGROUND,
    STATE_COLOURS,
    STATE_COLUMN,
    Drill,
    drill_choices,
    drill_title,
    methods_of,
    payable_words,
    period_hint,
    period_text,
    records_model,
    statement_model,
)
from backoffice.settlement_screen import describe, fee_rate_text, figure_drill
from shared.db.queries.settlement import RecordRow
from shared.domain.errors import Conflict, PermissionDenied, ValidationError
from shared.domain.settlement import Figures, Period
from shared.qt.i18n import install_translator
from shared.qt.operations import OperationRunner
from shared.qt.table_model import ROW_ROLE
from shared.services.settlement import StatementView


@pytest.fixture
def runner(qapp):
    install_translator(qapp, "en")
    runner = OperationRunner()
    yield runner
    runner.shutdown()


def figures(**values) -> Figures:
    base = {name: 0 for name in Figures.__dataclass_fields__}
    base.update(by_method={}, refunds_by_method={}, fee_rate_bp=300)
    base.update(values)
    return Figures(**base)


def statement(state: str = "draft", payable: int = 37_172, **values) -> StatementView:
    row = dict(
        statement_id="st1",
        statement_no="JS-S01-202610",
        store_id="s1",
        store_code="S01",
        store_name="星辰便利店 静安店",
        timezone="Asia/Shanghai",
        period=Period("month", date(2026, 10, 1), date(2026, 11, 1)),
        state=state,
        figures=figures(sales_count=5, net_sales_fen=37_800, fee_fen=1_428, payable_fen=payable),
        built_at=datetime(2026, 11, 22, 2, 0, tzinfo=UTC),
        confirmed_at=None,
        confirmed_by="",
        payment_ref=None,
        settled_on=None,
        settled_by="",
    )
    row.update(values)
    return StatementView(**row)


def record(**values) -> RecordRow:
    row = dict(
        kind="payment",
        doc_id="p1",
        number="SS01261001000001",
        business_date=date(2026, 10, 1),
        # 16:30 UTC on 31 October is 00:30 on 1 November in Shanghai
        at=datetime(2026, 10, 31, 16, 30, tzinfo=UTC),
        who="李娜",
        detail="cash",
        amount_fen=10_000,
        adjustment=False,
    )
    row.update(values)
    return RecordRow(**row)


def test_statement_list_colours_the_state_and_a_store_that_owes(runner):
    model = statement_model(runner, page_size=10, parent=None)
    model.set_rows(
        [
            statement("settled", payment_ref="BANK-01", confirmed_by="王芳"),
            statement("draft", payable=-1_123, statement_id="st2"),
        ]
    )
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == [
        "Statement no.",
        "Store",
        "Period",
        "State",
        "Sales",
        "Net sales",
        "Fee",
        "Payable to store",
        "Confirmed by",
        "Payment ref.",
    ]
    first = [model.index(0, c).data() for c in range(model.columnCount())]
    assert first == [
        "JS-S01-202610",
        "S01 星辰便利店 静安店",
        "2026-10",
        "Settled",
        "5",
        "￥378.00",
        "￥14.28",
        "￥371.72",
        "王芳",
        "BANK-01",
    ]
    for row, state in ((0, "settled"), (1, "draft")):
        cell = model.index(row, STATE_COLUMN)
        assert cell.data(Qt.ItemDataRole.BackgroundRole).color().name() == STATE_COLOURS[state][0]
        assert cell.data(Qt.ItemDataRole.ForegroundRole).color().name() == STATE_COLOURS[state][1]
    assert model.index(0, 0).data(Qt.ItemDataRole.BackgroundRole) is None
    owed = model.index(1, 7)
    assert owed.data() == "-￥11.23"
    assert owed.data(Qt.ItemDataRole.ForegroundRole).color().name() == "#c62828"
    assert owed.data(Qt.ItemDataRole.ToolTipRole) == "The store pays head office ￥11.23"
    assert model.index(1, 0).data(ROW_ROLE).statement_id == "st2"


def test_records_show_store_time_named_methods_and_late_records(runner):
    model = records_model(runner, lambda: "Asia/Shanghai", page_size=10, parent=None)
    model.set_rows(
        [
            record(),
            record(kind="coupon", detail="platform CP2000", amount_fen=2_000, adjustment=True),
            record(
                kind="channel",
                number="TB000000000001",
                business_date=None,
                who="测试店铺",
                detail="buyer",
            ),
        ]
    )
    rows = [[model.index(r, c).data() for c in range(7)] for r in range(3)]
    assert rows[0] == [
        "SS01261001000001",
        "2026-10-01",
        "00:30",
        "李娜",
        "Cash",
        "￥100.00",
        "",
    ]
    assert rows[1][4] == "Platform-funded CP2000" and rows[1][6] == "Late"
    assert model.index(1, 0).data(Qt.ItemDataRole.BackgroundRole).color().name() == (
        ADJUSTMENT_BACKGROUND
    )
    assert model.index(0, 0).data(Qt.ItemDataRole.BackgroundRole) is None
    # a channel order has no business day: its redemption day in the store's zone
    assert rows[2][:2] == ["TB000000000001", "2026-11-01"]
    assert model.index(2, 0).data(Qt.ItemDataRole.ToolTipRole) == "Channel order"


def test_what_each_figure_drills_into_and_who_pays_whom(runner):
    f = figures(
        by_method={"wechat": 17_000, "cash": 11_500, "zcustom": 1},
        refunds_by_method={"cash": 2_500, "wechat": 4_000},
    )
    assert methods_of(f) == ["cash", "wechat", "zcustom"]
    choices = drill_choices(f)
    assert choices[:3] == [Drill("sales"), Drill("refunds"), Drill("payments")]
    assert Drill("payments", "cash") in choices and Drill("refunds", "wechat") in choices
    assert Drill("refunds", "zcustom") not in choices  # nothing refunded that way
    assert choices[-3:] == [Drill("card_keys"), Drill("channel"), Drill("adjustments")]
    assert len(set(choices)) == len(choices)
    assert drill_title(Drill("payments", "cash")) == "Payments · Cash"
    assert drill_title(Drill("coupons", "store")) == "Coupons · Store-funded"
    assert figure_drill("cash") == Drill("payments", "cash")
    assert figure_drill("pay:wechat") == Drill("payments", "wechat")
    assert figure_drill("refund:cash") == Drill("refunds", "cash")
    assert figure_drill("coupons_owed") == Drill("coupons", "platform")
    assert figure_drill("payable") is None and figure_drill("fee") is None

    assert payable_words(37_172) == ("Payable to the store", "Head office pays the store ￥371.72")
    assert payable_words(-1_123) == ("Payable by the store", "The store pays head office ￥11.23")
    assert payable_words(0)[1] == "Nothing to pay either way"
    assert fee_rate_text(300) == "3%" and fee_rate_text(250) == "2.5%"
    assert fee_rate_text(1) == "0.01%" and fee_rate_text(0) == "0%"
    assert period_hint("month").startswith("YYYY-MM,")
    assert period_hint("day").startswith("YYYY-MM-DD") and "week" in period_hint("week")
    week = statement(period=Period("week", date(2026, 11, 2), date(2026, 11, 9)))
    assert period_text(week) == "2026-11-02~2026-11-08  (11-02 – 11-08)"
    assert period_text(statement()) == "2026-10  (10-01 – 10-31)"


def test_refusals_in_words(runner):
    def said(exc) -> str:
        return describe(exc)

    assert said(
        ValidationError("this store is settled by month", code="bad_period", kind="month")
    ).startswith("This store is settled by month")
    assert "week" in said(ValidationError("x", code="bad_period", kind="week"))
    assert said(ValidationError("no such date", code="bad_period", value="2026-13")) == (
        "There is no such date: 2026-13"
    )
    assert said(
        ValidationError("x", code="period_in_future", period="2026-12", today="2026-11-22")
    ) == ("The period 2026-12 has not begun yet (today is 2026-11-22)")
    assert "JS-S01-202610" in said(Conflict("x", code="period_overlaps", statement="JS-S01-202610"))
    assert "2026-12-01" in said(
        ValidationError("x", code="period_not_over", statement="JS", ends="2026-12-01")
    )
    assert said(ValidationError("x", code="payment_ref_required")).startswith(
        "Enter the payment reference"
    )
    assert said(PermissionDenied("x", code="store_not_allowed", store="S02")) == (
        "You may not settle store S02"
    )
    assert "BANK-1" in said(
        Conflict("x", code="already_settled", statement="JS", payment_ref="BANK-1")
    )
    assert said(PermissionDenied("x", code="permission_denied", permission="settle")).startswith(
        "You may not settle stores"
    )
    # anything else: the back office's and the counter's wording, else the service's message
    assert said(ValidationError("some other refusal", code="no_such_code")) == (
        "some other refusal"
    )
