"""THE counter test: a whole sale by keyboard alone, checked in the database, on the printer's
bytes and in the PDF of the same receipt."""

from __future__ import annotations

import io

from pypdf import PdfReader
from PySide6.QtCore import Qt

from pos.screens.sync_controller import SyncOptions
from shared.printing import render_pdf
from shared.services import print_queue, sales
from shared.sync.gateway import InProcessGateway
from tests.gui.helpers import (
    APPLE_PLU,
    NOODLES,
    WATER,
    cart_names,
    dialog,
    idle,
    login,
    no_dialog,
    open_shift,
    press,
    scan,
    screenshot,
    type_text,
)


def synced(w) -> bool:
    """The background sync has sent everything (the indicator reads 在线 … 待上传 0)."""
    s = w.sync
    return s.rounds > 0 and not s.running and s.status.pending == 0 and w.runner.idle


def test_keyboard_sale(qtbot, terminal, make_counter, screenshot_dir):
    # syncing in the background with the central database, as ``storedesk pos`` does
    sync = SyncOptions(
        gateway_factory=lambda: InProcessGateway(terminal.central), first_round_ms=0, kick_ms=50
    )
    w = make_counter(language="zh_CN", sync=sync)
    assert w.size().width() == 1366 and w.size().height() == 768
    qtbot.waitUntil(lambda: synced(w), timeout=5000)
    assert w.status_sync.text().startswith("在线 · 同步 ")
    screenshot(w, screenshot_dir / "login.png")

    # sign in (account + PIN) and open the shift with a float, keyboard only
    login(qtbot, w, "cashier01", "1111")
    open_shift(qtbot, w, "200")
    assert w.session.shift is not None and w.session.shift.opening_float_fen == 20000

    # three lines: a barcode, the same barcode again (quantity 2), a weighed-goods label
    # (prefix 2 + PLU + price), and one more barcode
    label = terminal.weighed_label(APPLE_PLU, 1568)
    for code in (NOODLES, NOODLES, label, WATER):
        scan(qtbot, w, code)
    idle(qtbot, w)
    assert cart_names(w) == ["康师傅方便面 小", "散装苹果", "统一矿泉水 小"]
    assert [ln.quantity_milli for ln in w.session.cart.lines] == [2000, 1216, 1000]

    # F3: the selected line (the last one scanned) becomes 3 pieces
    press(qtbot, w, Qt.Key.Key_F3)
    dialog(qtbot, w, "ValueDialog")
    type_text(qtbot, w, "3")
    press(qtbot, w, Qt.Key.Key_Return)
    no_dialog(qtbot, w)
    assert w.session.cart.lines[2].quantity_milli == 3000

    # Up Up moves to the noodles; F4 gives 10 % off that line
    press(qtbot, w, Qt.Key.Key_Up)
    press(qtbot, w, Qt.Key.Key_Up)
    press(qtbot, w, Qt.Key.Key_F4)
    dialog(qtbot, w, "DiscountDialog")
    type_text(qtbot, w, "10")
    press(qtbot, w, Qt.Key.Key_Return)
    no_dialog(qtbot, w)
    noodles = w.session.cart.lines[0]
    assert noodles.discount is not None and noodles.discount.value == 1000
    totals = w.session.totals()
    # 2 x 4.09 = 8.18 - 0.82 (10 %) + 15.68 (label) + 3 x 4.46 = 13.38  ->  36.42
    assert totals.total_fen == 736 + 1568 + 1338 == 3642
    assert w.sale_view.totals.due.text() == "￥36.42"
    qtbot.waitUntil(w.sale_view.scan.hasFocus, timeout=3000)
    qtbot.waitUntil(lambda: synced(w), timeout=5000)  # the shift went up
    screenshot(w, screenshot_dir / "sale.png")

    # F12, cash tendered above the total, change shown live, Enter
    press(qtbot, w, Qt.Key.Key_F12)
    pay = dialog(qtbot, w, "PaymentView")
    assert pay.due.text() == "￥36.42"
    assert pay.amount.hasFocus() and pay.amount.selectedText() == "36.42"
    type_text(qtbot, w, "50")
    assert pay.change.text() == "￥13.58"
    screenshot(w, screenshot_dir / "payment.png", pay)
    press(qtbot, w, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: pay.pages.currentWidget() is pay.done_page, timeout=5000)
    assert pay.done_change.text() == "￥13.58"
    receipt_no = pay.done_receipt.text().split()[-1]
    result = w.session.last_sale
    assert result is not None and result.receipt_no == receipt_no
    qtbot.waitUntil(lambda: result.print_job_id in w.printing.printed, timeout=5000)
    press(qtbot, w, Qt.Key.Key_Return)  # next sale
    no_dialog(qtbot, w)
    assert w.session.cart.lines == []
    qtbot.waitUntil(w.sale_view.scan.hasFocus, timeout=3000)

    # the committed sale, read back through the service with the number shown on screen
    with terminal.db.reader() as uow:
        sale = sales.find_sale(uow, terminal.ctx, receipt_no)
    assert sale.total_fen == 3642
    assert [(ln.name, ln.quantity_milli, ln.net_fen) for ln in sale.lines] == [
        ("康师傅方便面 小", 2000, 736),
        ("散装苹果", 1216, 1568),
        ("统一矿泉水 小", 3000, 1338),
    ]
    assert sale.payments == (("cash", 3642),)
    assert result.change_fen == 1358 and result.paid_fen == 3642

    # the ESC/POS bytes the file printer received, as GB18030
    printed = terminal.printed_text()
    assert terminal.ctx.store_name in printed
    for name in ("康师傅方便面 小", "散装苹果", "统一矿泉水 小"):
        assert name in printed
    assert "36.42" in printed and "13.58" in printed and receipt_no in printed

    # the PDF of the same receipt, from the print queue
    doc = print_queue.job_document(terminal.db, result.print_job_id)
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(render_pdf(doc))).pages)
    assert terminal.ctx.store_name in text
    assert "36.42" in text
