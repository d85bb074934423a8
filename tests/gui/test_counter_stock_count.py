"""Counting stock at the counter (盘点扫码, SPEC §10), by keyboard: Ctrl+I, scan, each scan is one
``stock_count`` outbox message written off the GUI thread; repeat scans add up, ``3*code`` counts
three, refusals say why and write nothing; after a sync the counts are on the open count sheet at
head office, and the list says so."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import func, select, update

from pos.dialogs.stock_count import StockCountDialog, parse_scan
from pos.models.stock_count_model import (
    COUNTED,
    NOT_COUNTED,
    REJECTED,
    WAITING,
    StockCountModel,
    state_of,
)
from pos.screens.sync_controller import SyncOptions
from shared.db.models import Barcode, Outbox, Product, Sku, Staff
from shared.domain.errors import ValidationError
from shared.domain.permissions import Role
from shared.qt.table_model import ROW_ROLE
from shared.services import auth, stocktake
from shared.services.stock_count import Counted
from shared.services.sync_status import MessageState
from shared.sync.gateway import InProcessGateway
from tests.gui.helpers import (
    APPLE_PLU,
    CHIPS,
    NOODLES,
    WATER,
    dialog,
    idle,
    no_dialog,
    press,
    screenshot,
    sign_in_and_open,
    type_text,
)

CTRL = Qt.KeyboardModifier.ControlModifier
# quick rounds: at once on start, 50 ms after a count
FAST = {"first_round_ms": 0, "kick_ms": 50, "slow_ms": 50}


def outbox_counts(terminal) -> int:
    with terminal.db.reader() as uow:
        return uow.session.scalar(
            select(func.count()).select_from(Outbox).where(Outbox.kind == "stock_count")
        )


def open_count(qtbot, w) -> StockCountDialog:
    press(qtbot, w, Qt.Key.Key_I, CTRL)
    d = dialog(qtbot, w, "StockCountDialog")
    assert d.code.hasFocus()
    return d


def count(qtbot, w, d: StockCountDialog, text: str) -> None:
    type_text(qtbot, w, text)
    press(qtbot, w, Qt.Key.Key_Return)
    idle(qtbot, w)


def table(d: StockCountDialog) -> list[list[str]]:
    m = d.model
    return [[m.data(m.index(r, c)) for c in range(m.columnCount())] for r in range(m.rowCount())]


def open_sheet(terminal) -> str:
    """A manager opens a count sheet for store S01's warehouse at head office."""
    with terminal.central.reader() as uow:
        staff = uow.session.scalars(select(Staff).where(Staff.account == "manager01")).one()
        manager = auth.actor_for(uow, staff)
    with terminal.central.uow() as uow:
        sheet = stocktake.open_stocktake(uow, manager, warehouse="S01")
    return sheet


def sheet_lines(terminal, sheet: str) -> list[tuple[str, int]]:
    with terminal.central.reader() as uow:
        staff = uow.session.scalars(select(Staff).where(Staff.account == "manager01")).one()
        view = stocktake.stocktake_detail(uow, auth.actor_for(uow, staff), sheet)
    return [(ln.sku_code, ln.counted_milli) for ln in view.lines], view.no


def make_not_goods(terminal, barcode: str) -> None:
    """Turn a demo item into a card key (virtual goods) on this terminal."""
    with terminal.db.uow() as uow:
        product = uow.session.scalar(
            select(Sku.product_id)
            .join(Barcode, Barcode.sku_id == Sku.id)
            .where(Barcode.code == barcode)
        )
        uow.session.execute(update(Product).where(Product.id == product).values(kind="card_key"))
        uow.commit()


# -- the pieces alone ------------------------------------------------------------------------------


def _counted(i: int, sku: str, milli: int, unit: str = "袋") -> Counted:
    at = datetime(2026, 3, 1, 2, 3, i, tzinfo=UTC)
    return Counted(f"c{i}", f"m{i}", sku, f"P{sku}", f"商品{sku}", unit, milli, at)


def test_the_model_adds_up_per_sku_and_follows_the_outbox(qtmodeltester):
    model = StockCountModel(timezone="Asia/Shanghai")
    qtmodeltester.check(model)
    model.add(_counted(1, "1", 1000))
    model.add(_counted(2, "2", 523, "kg"))
    model.add(_counted(3, "1", 3000))
    qtmodeltester.check(model)
    rows = [model.data(model.index(r, 0), ROW_ROLE) for r in range(model.rowCount())]
    # newest first; each row carries the SKU's total once it was added
    assert [(r.count.count_id, r.total_milli, r.state) for r in rows] == [
        ("c3", 4000, WAITING),
        ("c2", 523, WAITING),
        ("c1", 1000, WAITING),
    ]
    cells = [model.data(model.index(0, c)) for c in range(model.columnCount())]
    assert cells[: StockCountModel.STATE] == ["10:03:03", "P1", "商品1", "3 袋", "4 袋"]
    assert model.data(model.index(1, StockCountModel.QTY)) == "0.523 kg"
    assert model.total_of("1") == 4000 and model.total_of("9") == 0 and model.sku_count() == 2
    assert model.waiting() == ["m3", "m2", "m1"]

    sent = {"status": "accepted", "counted": True, "stocktake_no": "PD1"}
    model.apply_states(
        {
            "m1": MessageState("m1", "sent", sent),
            "m2": MessageState("m2", "sent", {"status": "accepted", "counted": False}),
            "m3": MessageState("m3", "pending"),
            "other": MessageState("other", "sent", sent),
        }
    )
    qtmodeltester.check(model)
    assert model.tally() == {WAITING: 1, COUNTED: 1, NOT_COUNTED: 1, REJECTED: 0}
    assert model.waiting() == ["m3"] and model.sheets() == ["PD1"]
    assert "PD1" in model.data(model.index(2, StockCountModel.STATE))
    assert model.data(model.index(2, StockCountModel.STATE), Qt.ItemDataRole.ForegroundRole)
    assert model.data(model.index(2, StockCountModel.STATE), Qt.ItemDataRole.ToolTipRole)
    assert state_of(MessageState("x", "rejected", {"status": "error"})) == (REJECTED, "")
    # an older read arriving late never takes a count back to waiting
    model.apply_states({"m1": MessageState("m1", "pending")})
    assert model.tally()[COUNTED] == 1 and model.waiting() == ["m3"]


def test_what_the_code_field_reads():
    assert parse_scan(f" {NOODLES} ") == (NOODLES, None)
    assert parse_scan(f"3*{NOODLES}") == (NOODLES, 3000)
    assert parse_scan("2.5 x P000001") == ("P000001", 2500)
    assert parse_scan("12×P000007") == ("P000007", 12_000)
    assert parse_scan("P000007*3") == ("P000007*3", None)  # the quantity goes in front
    with pytest.raises(ValidationError) as exc:
        parse_scan(f"1.2345*{NOODLES}")
    assert exc.value.code == "quantity_format"


# -- at the counter --------------------------------------------------------------------------------


def test_scans_add_up_and_refusals_write_nothing(qtbot, terminal, make_counter):
    make_not_goods(terminal, CHIPS)
    w = make_counter(language="en")
    sign_in_and_open(qtbot, w)
    d = open_count(qtbot, w)
    assert d.summary.text() == "Nothing counted yet"

    count(qtbot, w, d, NOODLES)
    count(qtbot, w, d, NOODLES)
    assert outbox_counts(terminal) == 2  # two scans, two messages
    assert [(r[1], r[3], r[4]) for r in table(d)] == [
        ("P000007", "1 件", "2 件"),
        ("P000007", "1 件", "1 件"),
    ]
    assert d.last.text() == "P000007 康师傅方便面 小: +1 件, 2 件 counted here"
    assert d.message.text() == "Counted. Scan the next item, or Esc to close"
    assert d.code.hasFocus() and d.code.text() == ""

    # a quantity in front, as on the sale screen; a weighed label counts its weight
    count(qtbot, w, d, f"3*{WATER}")
    label = terminal.weighed_label(APPLE_PLU, 1568)
    count(qtbot, w, d, label)
    assert outbox_counts(terminal) == 4
    rows = table(d)
    assert (rows[1][1], rows[1][3], rows[1][4]) == ("P000008", "3 件", "3 件")
    assert rows[0][3].endswith(" kg") and "." in rows[0][3]
    assert d.model.total_of(d.model.rows()[-1].count.sku_id) == 2000
    assert d.summary.text() == "Scans: 4 · SKUs: 3 · waiting to sync: 4"
    assert {r[5] for r in rows} == {"Waiting to sync"}

    # refusals: each says why, the list and the outbox stay as they are
    for text, message in [
        ("NOPE123", "Unknown barcode or code: NOPE123"),
        (CHIPS, "统一薯片 小 is not goods kept on a shelf: it is not counted"),
        (f"99999999*{NOODLES}", "That quantity is implausible: at most 9999999 per scan"),
        (f"1.5*{NOODLES}", "康师傅方便面 小 is counted in whole units"),
        (f"0*{NOODLES}", "A count must be above zero"),
        (f"1.2345*{NOODLES}", "Not a quantity: 1.2345 (3*code counts three)"),
    ]:
        count(qtbot, w, d, text)
        assert d.message.text() == message, text
        assert d.message.property("level") == "error"
        assert d.code.hasFocus()
    assert outbox_counts(terminal) == 4 and d.model.rowCount() == 4
    press(qtbot, w, Qt.Key.Key_Return)  # an empty Enter
    assert d.message.text() == "Scan or type a barcode or code"

    # Esc right after a scan: the scan is saved, then the dialog closes
    type_text(qtbot, w, NOODLES)
    press(qtbot, w, Qt.Key.Key_Return)
    press(qtbot, w, Qt.Key.Key_Escape)
    no_dialog(qtbot, w)
    idle(qtbot, w)
    assert outbox_counts(terminal) == 5
    qtbot.waitUntil(w.sale_view.scan.hasFocus, timeout=3000)
    assert w.session.cart.lines == []  # counting is not selling

    # the shortcut is in the help
    press(qtbot, w, Qt.Key.Key_F1)
    help_dialog = dialog(qtbot, w, "HelpDialog")
    texts = [lab.text() for lab in help_dialog.findChildren(type(d.title_label))]
    assert "Ctrl+I" in texts
    press(qtbot, w, Qt.Key.Key_Escape)
    no_dialog(qtbot, w)


def test_a_user_without_count_stock_is_refused(qtbot, terminal, make_counter):
    w = make_counter(language="en")
    sign_in_and_open(qtbot, w)
    cashier = w.session.actor
    guide = replace(cashier, roles=frozenset({Role.GUIDE}))

    # the counter does not open it for someone without the permission
    w.session.actor = guide
    press(qtbot, w, Qt.Key.Key_I, CTRL)
    idle(qtbot, w)
    assert not w.parts.dialogs
    assert w.sale_view.message.text() == f"{cashier.name} may not count stock at this store"

    # and the service refuses it too (the permission taken away while the dialog is open)
    w.session.actor = cashier
    d = open_count(qtbot, w)
    w.session.actor = guide
    count(qtbot, w, d, NOODLES)
    assert d.message.text() == (
        f"{cashier.name} may not count stock at this store: nothing was counted"
    )
    assert d.model.rowCount() == 0 and outbox_counts(terminal) == 0
    press(qtbot, w, Qt.Key.Key_Escape)
    no_dialog(qtbot, w)


def test_counts_reach_the_open_count_sheet_with_the_sync(
    qtbot, terminal, make_counter, screenshot_dir
):
    sheet = open_sheet(terminal)
    w = make_counter(
        sync=SyncOptions(gateway_factory=lambda: InProcessGateway(terminal.central), **FAST)
    )
    sign_in_and_open(qtbot, w)
    d = open_count(qtbot, w)
    for text in (NOODLES, NOODLES, f"3*{WATER}", NOODLES, terminal.weighed_label(APPLE_PLU, 1568)):
        count(qtbot, w, d, text)
    assert outbox_counts(terminal) == 5
    qtbot.waitUntil(lambda: d.model.tally()[COUNTED] == 5, timeout=10_000)
    lines, no = sheet_lines(terminal, sheet)
    assert ("P000007", 3000) in lines and ("P000008", 3000) in lines and len(lines) == 3
    assert table(d)[1][5] == f"已计入 {no}"
    assert d.summary.text() == f"扫码 5 次 · 3 个商品 · 盘点单 {no}：5 条 · 已全部上传"
    assert d.summary.property("level") == "ok"
    idle(qtbot, w)
    screenshot(w, screenshot_dir / "counter-stock-count.png", d)
    press(qtbot, w, Qt.Key.Key_Escape)
    no_dialog(qtbot, w)


def test_a_count_with_no_open_sheet_says_so(qtbot, terminal, make_counter):
    w = make_counter(
        language="en",
        sync=SyncOptions(gateway_factory=lambda: InProcessGateway(terminal.central), **FAST),
    )
    sign_in_and_open(qtbot, w)
    d = open_count(qtbot, w)
    count(qtbot, w, d, NOODLES)
    qtbot.waitUntil(lambda: d.model.tally()[NOT_COUNTED] == 1, timeout=10_000)
    assert table(d)[0][5] == "Not on a sheet"
    assert d.summary.text() == "Scans: 1 · SKUs: 1 · not on a count sheet: 1"
    assert d.summary.property("level") == "error"
