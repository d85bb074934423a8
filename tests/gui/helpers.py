"""Keyboard helpers for the GUI tests: drive the counter the way a cashier does."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QWidget

#: demo products used by the tests (see shared/services/demo.py)
NOODLES = "6900000000700"  # 康师傅方便面 小, 4.09
WATER = "6900000000809"  # 统一矿泉水 小, 4.46
CHIPS = "6900000000908"  # 统一薯片 小, 4.83
APPLE_PLU = "000001"  # 散装苹果, 12.90 / kg (weighed)


def idle(qtbot, w) -> None:
    """Wait until every operation started so far has been delivered."""
    qtbot.waitUntil(lambda: w.runner.idle, timeout=5000)


def active(w) -> QWidget:
    return w.parts.active_dialog or w


def dialog(qtbot, w, name: str | None = None) -> QDialog:
    """Wait for a dialog (optionally of a given object name) to be the innermost one open."""
    qtbot.waitUntil(
        lambda: (
            w.parts.active_dialog is not None
            and (name is None or w.parts.active_dialog.objectName() == name)
        ),
        timeout=5000,
    )
    d = w.parts.active_dialog
    qtbot.waitUntil(d.isActiveWindow, timeout=3000)
    return d


def no_dialog(qtbot, w) -> None:
    qtbot.waitUntil(lambda: not w.parts.dialogs, timeout=5000)


def press(qtbot, w, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    """A key press where the cashier's keyboard would send it: the focused widget of the active
    window (shortcuts included)."""
    target = active(w)
    qtbot.waitUntil(target.isActiveWindow, timeout=3000)
    qtbot.keyClick(target.focusWidget() or target, key, modifier)


def type_text(qtbot, w, text: str) -> None:
    target = active(w)
    qtbot.waitUntil(target.isActiveWindow, timeout=3000)
    qtbot.keyClicks(target.focusWidget() or target, text)


def login(qtbot, w, account: str, pin: str) -> None:
    view = w.login_view
    qtbot.waitUntil(view.account.hasFocus, timeout=3000)
    qtbot.keyClicks(view.account, account)
    qtbot.keyClick(view.account, Qt.Key.Key_Return)
    assert view.pin.hasFocus()
    qtbot.keyClicks(view.pin, pin)
    qtbot.keyClick(view.pin, Qt.Key.Key_Return)
    idle(qtbot, w)


def open_shift(qtbot, w, float_yuan: str = "200") -> None:
    d = dialog(qtbot, w, "OpenShiftDialog")
    type_text(qtbot, w, float_yuan)
    press(qtbot, w, Qt.Key.Key_Return)
    idle(qtbot, w)
    no_dialog(qtbot, w)
    assert w.pages.currentWidget() is w.sale_view
    assert d is not None


def sign_in_and_open(qtbot, w, account: str = "cashier01", pin: str = "1111") -> None:
    login(qtbot, w, account, pin)
    open_shift(qtbot, w)
    qtbot.waitUntil(w.sale_view.scan.hasFocus, timeout=3000)


def scan(qtbot, w, code: str) -> None:
    scan_field = w.sale_view.scan
    qtbot.waitUntil(scan_field.hasFocus, timeout=3000)
    qtbot.keyClicks(scan_field, code)
    qtbot.keyClick(scan_field, Qt.Key.Key_Return)


def cart_names(w) -> list[str]:
    return [ln.name for ln in w.session.cart.lines]


def screenshot(w, path, dlg: QWidget | None = None) -> None:
    """Save the window as the cashier sees it, with ``dlg`` drawn over it where it opens
    (centred, the window dimmed behind it, as a modal dialog looks)."""
    from pathlib import Path

    from PySide6.QtGui import QColor, QPainter

    pixmap = w.grab()
    if dlg is not None:
        painter = QPainter(pixmap)
        painter.fillRect(pixmap.rect(), QColor(0, 0, 0, 90))
        shot = dlg.grab()
        x = (pixmap.width() - shot.width()) // 2
        y = (pixmap.height() - shot.height()) // 2
        painter.drawPixmap(x, y, shot)
        painter.end()
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    assert pixmap.save(str(path)), path


def login_to_open_shift(qtbot, w, account: str = "cashier01", pin: str = "1111") -> None:
    """Sign in when the cashier's shift is already open: straight to the sale page."""
    login(qtbot, w, account, pin)
    qtbot.waitUntil(lambda: w.pages.currentWidget() is w.sale_view, timeout=3000)
    qtbot.waitUntil(w.sale_view.scan.hasFocus, timeout=3000)
