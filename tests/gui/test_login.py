"""Signing in: wrong PINs, the lock-out, whose shift it is; the English interface."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.gui.helpers import (
    NOODLES,
    dialog,
    idle,
    login,
    no_dialog,
    open_shift,
    press,
    scan,
    sign_in_and_open,
    type_text,
)


def test_wrong_pin_then_lockout(qtbot, make_counter, terminal):
    w = make_counter()
    message = w.login_view.message
    attempts = terminal.ctx.lockout_attempts
    for left in range(attempts - 1, 0, -1):
        login(qtbot, w, "cashier01", "0000")
        assert message.text() == f"账号或 PIN 错误（还可尝试 {left} 次）"
        assert message.property("level") == "error"
        assert w.login_view.pin.text() == ""
        w.login_view.account.clear()
        w.login_view.account.setFocus()
    login(qtbot, w, "cashier01", "0000")
    assert message.text().startswith("PIN 多次输错，账号已锁定")
    # even the right PIN is refused while locked
    w.login_view.account.clear()
    w.login_view.account.setFocus()
    login(qtbot, w, "cashier01", "1111")
    assert message.text().startswith("PIN 多次输错，账号已锁定")
    assert "分钟后再试" in message.text()
    assert w.pages.currentWidget() is w.login_view
    assert w.session.actor is None


def test_pick_from_the_staff_list_with_arrows(qtbot, make_counter):
    w = make_counter()
    view = w.login_view
    qtbot.waitUntil(view.account.hasFocus)
    names = [view.staff.item(i).text() for i in range(view.staff.count())]
    target = next(i for i, n in enumerate(names) if "cashier02" in n)
    for _ in range(target + 1):
        qtbot.keyClick(view.account, Qt.Key.Key_Down)
    assert view.account.text() == "cashier02"
    qtbot.keyClick(view.account, Qt.Key.Key_Return)
    qtbot.keyClicks(view.pin, "2222")
    qtbot.keyClick(view.pin, Qt.Key.Key_Return)
    idle(qtbot, w)
    dialog(qtbot, w, "OpenShiftDialog")
    assert w.session.actor.account == "cashier02"


def test_someone_elses_shift(qtbot, make_counter):
    w = make_counter()
    sign_in_and_open(qtbot, w, "cashier01", "1111")
    press(qtbot, w, Qt.Key.Key_F11)
    menu = dialog(qtbot, w, "ShiftMenuDialog")
    assert "sign_out" in menu.entry_buttons
    press(qtbot, w, Qt.Key.Key_8)  # sign out, the shift stays open
    qtbot.waitUntil(lambda: w.pages.currentWidget() is w.login_view)

    # another cashier is told whose shift it is and goes back to sign-in
    login(qtbot, w, "cashier02", "2222")
    notice = dialog(qtbot, w, "OtherShiftDialog")
    assert "李娜" in notice.text.text()
    press(qtbot, w, Qt.Key.Key_Return)
    no_dialog(qtbot, w)
    assert w.pages.currentWidget() is w.login_view and w.session.actor is None

    # a manager may continue it
    login(qtbot, w, "manager01", "8888")
    choice = dialog(qtbot, w, "OtherShiftDialog")
    assert "李娜" in choice.text.text()
    press(qtbot, w, Qt.Key.Key_Return)
    no_dialog(qtbot, w)
    assert w.pages.currentWidget() is w.sale_view
    assert w.session.actor.account == "manager01" and w.session.shift.cashier_name == "李娜"


def test_english_interface(qtbot, make_counter):
    w = make_counter(language="en")
    assert w.language == "en"
    assert w.login_view.title.text() == "Counter sign-in"
    assert w.login_view.sign_in.text() == "Enter  Sign in"
    login(qtbot, w, "cashier01", "0000")
    assert w.login_view.message.text() == "Wrong account or PIN (4 attempts left)"
    w.login_view.account.clear()
    w.login_view.account.setFocus()
    login(qtbot, w, "cashier01", "1111")
    open_shift(qtbot, w, "100")
    assert w.sale_view.buttons["pay"].text() == "F12  Pay"
    assert w.sale_view.totals.due_caption.text() == "Amount due"
    scan(qtbot, w, "6900000000007")
    idle(qtbot, w)
    assert w.sale_view.message.text() == "Item not found: 6900000000007"
    scan(qtbot, w, NOODLES)
    idle(qtbot, w)
    assert w.sale_view.cart.model().headerData(0, Qt.Orientation.Horizontal) == "Item"
    assert w.status_cashier.text() == "Cashier: 李娜"


def test_manager_closes_someone_elses_shift(qtbot, make_counter):
    w = make_counter()
    sign_in_and_open(qtbot, w, "cashier01", "1111")
    press(qtbot, w, Qt.Key.Key_F11)
    dialog(qtbot, w, "ShiftMenuDialog")
    press(qtbot, w, Qt.Key.Key_8)
    qtbot.waitUntil(lambda: w.pages.currentWidget() is w.login_view)
    login(qtbot, w, "manager01", "8888")
    dialog(qtbot, w, "OtherShiftDialog")
    press(qtbot, w, Qt.Key.Key_F2)
    close = dialog(qtbot, w, "CloseShiftView")
    assert "李娜" in close.summary.text()
    type_text(qtbot, w, "200")
    press(qtbot, w, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: close.pages.currentWidget() is close.result_page)
    assert close.variance.text() == "￥0.00"
    press(qtbot, w, Qt.Key.Key_Return)
    no_dialog(qtbot, w)
    qtbot.waitUntil(lambda: w.pages.currentWidget() is w.login_view)
