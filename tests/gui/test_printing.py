"""A printer that cannot be reached never touches the sale: the sale commits, the receipt waits
in the print queue, the cashier sees the banner and can retry."""

from __future__ import annotations

import socket

from PySide6.QtCore import Qt

from shared.printing.config import PrinterConfig
from shared.services import print_queue, sales
from tests.gui.helpers import (
    NOODLES,
    dialog,
    idle,
    no_dialog,
    press,
    scan,
    sign_in_and_open,
    type_text,
)


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _pay_cash(qtbot, w, amount: str) -> None:
    press(qtbot, w, Qt.Key.Key_F12)
    dialog(qtbot, w, "PaymentView")
    type_text(qtbot, w, amount)
    press(qtbot, w, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: w.session.last_sale is not None)


def test_unreachable_printer_keeps_the_sale_and_the_job(qtbot, make_counter, terminal):
    printer = PrinterConfig(kind="network", host="127.0.0.1", port=_closed_port())
    w = make_counter(printer=printer)
    sign_in_and_open(qtbot, w)
    scan(qtbot, w, NOODLES)
    idle(qtbot, w)
    _pay_cash(qtbot, w, "10")
    pay = w.parts.active_dialog
    qtbot.waitUntil(lambda: w.printing.failed and not w.printing.printing)
    idle(qtbot, w)
    result = w.session.last_sale

    # the sale is committed
    with terminal.db.reader() as uow:
        sale = sales.find_sale(uow, terminal.ctx, result.receipt_no)
    assert sale.total_fen == 409
    # the receipt waits in the queue
    jobs = print_queue.open_jobs(terminal.db)
    assert [j.ref for j in jobs] == [result.receipt_no]
    assert jobs[0].status == "failed" and "127.0.0.1" in jobs[0].last_error
    # the cashier is told, in the payment dialog and on the sale screen
    assert pay.done_print.text().startswith("打印失败")
    press(qtbot, w, Qt.Key.Key_Return)
    no_dialog(qtbot, w)
    banner = w.sale_view.print_banner
    qtbot.waitUntil(banner.isVisible)
    assert "打印失败" in banner.text.text()
    assert "小票已保留在打印队列" in banner.text.text() and "可重试" in banner.text.text()
    assert w.status_print.text() == "打印失败：队列中 1 张"
    # the next sale goes on regardless
    scan(qtbot, w, NOODLES)
    idle(qtbot, w)
    assert len(w.session.cart.lines) == 1

    # retry from the F11 menu while the printer is still down: still queued, still told
    press(qtbot, w, Qt.Key.Key_Escape)
    dialog(qtbot, w, "ConfirmDialog")
    press(qtbot, w, Qt.Key.Key_Return)
    no_dialog(qtbot, w)
    press(qtbot, w, Qt.Key.Key_F11)
    dialog(qtbot, w, "ShiftMenuDialog")
    press(qtbot, w, Qt.Key.Key_6)
    qtbot.waitUntil(lambda: not w.printing.printing)
    idle(qtbot, w)
    assert len(print_queue.open_jobs(terminal.db)) == 1
    assert banner.isVisible()

    # the printer comes back (a file here): Ctrl+P prints the queue and the banner goes
    w.printing.config = PrinterConfig(kind="file", path=str(terminal.printer_path))
    press(qtbot, w, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not banner.isVisible(), timeout=5000)
    idle(qtbot, w)
    assert print_queue.open_jobs(terminal.db) == []
    assert result.receipt_no in terminal.printed_text()
    assert w.status_print.text() == "打印机就绪"


def test_reprint_last_receipt(qtbot, make_counter, terminal):
    w = make_counter()
    sign_in_and_open(qtbot, w)
    scan(qtbot, w, NOODLES)
    idle(qtbot, w)
    _pay_cash(qtbot, w, "5")
    press(qtbot, w, Qt.Key.Key_Return)
    no_dialog(qtbot, w)
    number = w.session.last_sale.receipt_no
    qtbot.waitUntil(lambda: len(w.printing.printed) == 1)
    press(qtbot, w, Qt.Key.Key_F11)
    dialog(qtbot, w, "ShiftMenuDialog")
    press(qtbot, w, Qt.Key.Key_5)
    d = dialog(qtbot, w, "ValueDialog")
    assert d.field.text() == number
    press(qtbot, w, Qt.Key.Key_Return)
    no_dialog(qtbot, w)
    qtbot.waitUntil(lambda: len(w.printing.printed) == 2)
    text = terminal.printed_text()
    assert text.count(number) >= 2 and "重打小票" in text
