"""Stock at the counter (SPEC §10), by keyboard: scan a code into the stock look-up, see this
store's on hand / available and every other store's, asked of head office off the GUI thread;
offline, a clear message and the sale goes on."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from pos.dialogs.stock_lookup import StockLookupDialog, open_stock_lookup
from shared.db import ledger
from shared.db.engine import sqlite_url
from shared.db.models import Sku
from shared.services.inventory import warehouse_by_code
from shared.sync.gateway import InProcessGateway
from tests.gui import test_counter_coupons as _coupons
from tests.gui.helpers import NOODLES, dialog, idle, no_dialog, press, scan, type_text
from tests.gui.helpers import sign_in_and_open as sign_in

#: the counter with a gateway to the central database (the fixture of the coupon tests)
central_counter = _coupons.central_counter
CTRL = Qt.KeyboardModifier.ControlModifier


def receive(terminal, code: str, store: str, milli: int) -> None:
    """Goods into a store's warehouse at head office (an opening movement)."""
    with terminal.central.uow() as uow:
        wh = warehouse_by_code(uow, None, store)
        sku = uow.session.scalar(select(Sku.id).where(Sku.code == code))
        now = uow.clock.now()
        ledger.post(
            uow.session,
            [
                ledger.movement(
                    warehouse_id=wh.id,
                    sku_id=sku,
                    qty_milli=milli,
                    kind="opening",
                    doc_type="opening",
                    doc_id=f"test-{store}-{code}",
                    line_key="1",
                    at=now,
                    unit_cost_fen=100,
                )
            ],
            now,
        )
        uow.commit()


def open_lookup(qtbot, w) -> StockLookupDialog:
    """Ctrl+K where the sale screen has it, else the dialog's own entry point."""
    sale = w.counter.sale
    if "stock" in getattr(sale, "shortcuts", {}):
        press(qtbot, w, Qt.Key.Key_K, CTRL)
    else:
        open_stock_lookup(w.parts)
    return dialog(qtbot, w, "StockLookupDialog")


def look_up(qtbot, w, d: StockLookupDialog, code: str) -> None:
    d.code.selectAll()
    type_text(qtbot, w, code)
    press(qtbot, w, Qt.Key.Key_Return)
    idle(qtbot, w)


def test_stock_of_this_store_and_the_others(qtbot, terminal, central_counter):
    receive(terminal, "P000007", "S01", 12_000)
    receive(terminal, "P000007", "S02", 3_000)
    receive(terminal, "P000001", "S01", 2_345)  # weighed goods, kg
    w = central_counter(language="en")
    sign_in(qtbot, w)
    d = open_lookup(qtbot, w)
    assert d.code.hasFocus() and not d.stores.isVisible()

    look_up(qtbot, w, d, NOODLES)  # the barcode of P000007
    assert d.answer is not None and d.answer["code"] == "P000007"
    assert d.item.text().startswith("P000007")
    assert "on hand 12" in d.here.text() and "available 12" in d.here.text()
    assert d.here.text().startswith(terminal.ctx.store_name)
    table = [
        [d.stores.item(r, c).text() for c in range(d.stores.columnCount())]
        for r in range(d.stores.rowCount())
    ]
    assert [(r[0], r[2], r[3]) for r in table] == [("S01", "12", "12"), ("S02", "3", "3")]
    assert d.message.text() == "Scan the next item, or Esc to close"
    assert d.code.hasFocus() and d.code.selectedText() == NOODLES

    # the next scan replaces it; weighed goods keep three decimals
    look_up(qtbot, w, d, "P000001")
    assert "on hand 2.345 kg" in d.here.text()
    # an unknown code, then a product with several SKUs
    look_up(qtbot, w, d, "NOPE")
    assert d.message.text() == "Unknown barcode or code: NOPE"
    assert d.here.text() == "" and not d.stores.isVisible()
    look_up(qtbot, w, d, "P000050")
    assert d.message.text().startswith("Product P000050 has several SKUs")
    d.code.clear()
    press(qtbot, w, Qt.Key.Key_Return)
    assert d.message.text() == "Scan or type a barcode or code"

    # Esc closes it; the sale goes on where it was
    press(qtbot, w, Qt.Key.Key_Escape)
    no_dialog(qtbot, w)
    scan(qtbot, w, NOODLES)
    idle(qtbot, w)
    assert [ln.sku_code for ln in w.session.cart.lines] == ["P000007"]


def test_offline_says_so_and_the_sale_goes_on(qtbot, terminal, central_counter, tmp_path):
    missing = sqlite_url(tmp_path / "gone" / "central.db")
    w = central_counter(language="en", central=lambda: InProcessGateway.for_url(missing))
    sign_in(qtbot, w)
    scan(qtbot, w, NOODLES)
    idle(qtbot, w)
    d = open_lookup(qtbot, w)
    look_up(qtbot, w, d, NOODLES)
    assert d.message.text() == "Stock needs a connection to head office; the sale goes on"
    assert d.answer is None and not d.busy
    press(qtbot, w, Qt.Key.Key_Escape)
    no_dialog(qtbot, w)
    scan(qtbot, w, NOODLES)
    idle(qtbot, w)
    assert w.session.cart.lines[0].quantity_milli == 2000


def test_no_central_database_at_all(qtbot, terminal, central_counter):
    w = central_counter(language="en", central=None)
    sign_in(qtbot, w)
    d = open_lookup(qtbot, w)
    look_up(qtbot, w, d, NOODLES)
    assert d.message.text() == "Stock needs a connection to head office; the sale goes on"


def test_ctrl_k_opens_it_with_what_is_in_the_scan_field(qtbot, terminal, central_counter):
    w = central_counter(language="en")
    if "stock" not in getattr(w.counter.sale, "shortcuts", {}):
        pytest.skip("Ctrl+K is not wired into the sale screen yet")
    receive(terminal, "P000007", "S01", 5_000)
    sign_in(qtbot, w)
    type_text(qtbot, w, NOODLES)
    press(qtbot, w, Qt.Key.Key_K, CTRL)
    d = dialog(qtbot, w, "StockLookupDialog")
    idle(qtbot, w)
    assert d.answer is not None and d.answer["on_hand_milli"] == 5_000
    press(qtbot, w, Qt.Key.Key_Escape)
    no_dialog(qtbot, w)
    assert w.sale_view.scan.text() == "" and w.session.cart.lines == []
