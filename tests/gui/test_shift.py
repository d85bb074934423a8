"""The shift: X report, cash in/out, closing with a variance, counting by denomination."""

from __future__ import annotations

from PySide6.QtCore import Qt

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


def _sell_cash(qtbot, w, code: str, cash: str) -> None:
    scan(qtbot, w, code)
    idle(qtbot, w)
    press(qtbot, w, Qt.Key.Key_F12)
    dialog(qtbot, w, "PaymentView")
    type_text(qtbot, w, cash)
    press(qtbot, w, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: w.session.last_sale is not None)
    press(qtbot, w, Qt.Key.Key_Return)
    no_dialog(qtbot, w)


def _menu(qtbot, w, key) -> None:
    press(qtbot, w, Qt.Key.Key_F11)
    dialog(qtbot, w, "ShiftMenuDialog")
    press(qtbot, w, key)


def test_close_shift_shows_the_variance(qtbot, make_counter, terminal):
    w = make_counter()
    sign_in_and_open(qtbot, w)  # float 200.00
    _sell_cash(qtbot, w, NOODLES, "10")  # 4.09 in cash

    # cash in 50 for change, cash out is refused above the drawer
    _menu(qtbot, w, Qt.Key.Key_2)
    d = dialog(qtbot, w, "CashMoveDialog")
    type_text(qtbot, w, "50")
    press(qtbot, w, Qt.Key.Key_Return)
    no_dialog(qtbot, w)
    assert w.sale_view.message.text() == "已登记现金存入：￥50.00"
    _menu(qtbot, w, Qt.Key.Key_3)
    d = dialog(qtbot, w, "CashMoveDialog")
    type_text(qtbot, w, "1000")
    press(qtbot, w, Qt.Key.Key_Return)
    idle(qtbot, w)
    assert d.message.text() == "钱箱中没有这么多现金（应有 ￥254.09）"
    press(qtbot, w, Qt.Key.Key_Escape)
    no_dialog(qtbot, w)

    # X report: shown, the shift stays open
    _menu(qtbot, w, Qt.Key.Key_1)
    x = dialog(qtbot, w, "TextPreviewDialog")
    report = x.text.toPlainText()
    assert "X报表" in report and terminal.ctx.store_name in report and "254.09" in report
    press(qtbot, w, Qt.Key.Key_Return)
    no_dialog(qtbot, w)

    # close: expected 200 + 4.09 + 50 = 254.09; counted 250 -> variance -4.09, in red
    _menu(qtbot, w, Qt.Key.Key_4)
    close = dialog(qtbot, w, "CloseShiftView")
    type_text(qtbot, w, "250")
    press(qtbot, w, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: close.pages.currentWidget() is close.result_page)
    assert close.expected.text() == "￥254.09"
    assert close.counted_value.text() == "￥250.00"
    assert close.variance.text() == "-￥4.09"
    assert close.variance.property("level") == "error"
    assert "Z报表" in close.report.toPlainText()
    screen = w.counter.shift.close_screen
    qtbot.waitUntil(lambda: screen.result.print_job_id in w.printing.printed)
    assert "Z报表" in terminal.printed_text()
    press(qtbot, w, Qt.Key.Key_Return)
    no_dialog(qtbot, w)
    qtbot.waitUntil(lambda: w.pages.currentWidget() is w.login_view)
    assert w.session.actor is None


def test_close_shift_by_denomination(qtbot, make_counter):
    w = make_counter()
    sign_in_and_open(qtbot, w)  # float 200.00, no sales
    _menu(qtbot, w, Qt.Key.Key_4)
    close = dialog(qtbot, w, "CloseShiftView")
    press(qtbot, w, Qt.Key.Key_F2)
    assert close.by_denomination.isChecked() and close.denominations.isVisible()
    type_text(qtbot, w, "1")  # one 100
    press(qtbot, w, Qt.Key.Key_Return)
    type_text(qtbot, w, "1")  # one 50
    press(qtbot, w, Qt.Key.Key_Return)
    type_text(qtbot, w, "2")  # two 20
    press(qtbot, w, Qt.Key.Key_Return)
    type_text(qtbot, w, "1")  # one 10
    assert close.denomination_sum.text() == "清点合计：￥200.00"
    assert close.counted.text() == "200.00"
    press(qtbot, w, Qt.Key.Key_F12)  # F12 is not bound here: nothing happens
    close.on_ok()
    qtbot.waitUntil(lambda: close.pages.currentWidget() is close.result_page)
    assert close.variance.text() == "￥0.00"
    assert close.variance.property("level") == "ok"
    assert "100" in close.report.toPlainText()
    press(qtbot, w, Qt.Key.Key_Escape)
    no_dialog(qtbot, w)
    qtbot.waitUntil(lambda: w.pages.currentWidget() is w.login_view)


def test_the_x_report_prints_on_enter_and_not_on_escape(qtbot, make_counter, terminal):
    from shared.services import print_queue

    w = make_counter()
    sign_in_and_open(qtbot, w)
    _sell_cash(qtbot, w, NOODLES, "10")
    # the sale's receipt is printed (its job is marked printed only after the bytes are written)
    qtbot.waitUntil(lambda: not print_queue.open_jobs(terminal.db), timeout=5000)
    idle(qtbot, w)
    printed_before = terminal.printed_text()
    _menu(qtbot, w, Qt.Key.Key_1)
    dialog(qtbot, w, "TextPreviewDialog")
    press(qtbot, w, Qt.Key.Key_Escape)
    no_dialog(qtbot, w)
    idle(qtbot, w)
    assert terminal.printed_text() == printed_before  # closing prints nothing
    _menu(qtbot, w, Qt.Key.Key_1)
    dialog(qtbot, w, "TextPreviewDialog")
    press(qtbot, w, Qt.Key.Key_Return)
    no_dialog(qtbot, w)
    qtbot.waitUntil(lambda: "X报表" in terminal.printed_text(), timeout=5000)
    # the job is marked printed right after its bytes reach the printer
    qtbot.waitUntil(lambda: print_queue.open_jobs(terminal.db) == [], timeout=5000)
