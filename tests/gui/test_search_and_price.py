"""F2 search and F7 price override (with a manager's PIN)."""

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


def test_search_adds_with_enter(qtbot, make_counter):
    w = make_counter()
    sign_in_and_open(qtbot, w)
    press(qtbot, w, Qt.Key.Key_F2)
    d = dialog(qtbot, w, "SearchView")
    type_text(qtbot, w, "ksffbm")  # pinyin initials of 康师傅 方便面
    screen = w.counter.sale.search_screen
    qtbot.waitUntil(lambda: screen.model.rowCount() > 0, timeout=3000)
    assert all("康师傅方便面" in h.name for h in screen.model.rows())
    press(qtbot, w, Qt.Key.Key_Down)
    press(qtbot, w, Qt.Key.Key_Up)
    press(qtbot, w, Qt.Key.Key_Return)
    no_dialog(qtbot, w)
    idle(qtbot, w)
    assert [ln.name for ln in w.session.cart.lines] == [screen.model.rows()[0].name]
    assert d is not None


def test_search_error_is_shown(qtbot, make_counter):
    w = make_counter()
    sign_in_and_open(qtbot, w)
    press(qtbot, w, Qt.Key.Key_F2)
    d = dialog(qtbot, w, "SearchView")
    type_text(qtbot, w, "x" * 40)
    d.query.setText("y" * 41)  # the field holds 40; a pasted longer text is cut, never sent
    assert len(d.query.text()) == 40
    press(qtbot, w, Qt.Key.Key_Escape)
    no_dialog(qtbot, w)


def test_price_override_needs_a_manager(qtbot, make_counter):
    w = make_counter()
    sign_in_and_open(qtbot, w)
    scan(qtbot, w, NOODLES)
    idle(qtbot, w)
    press(qtbot, w, Qt.Key.Key_F7)
    d = dialog(qtbot, w, "ValueDialog")
    assert d.field.text() == "4.09"
    type_text(qtbot, w, "3")
    press(qtbot, w, Qt.Key.Key_Return)
    approval = dialog(qtbot, w, "ApprovalDialog")
    type_text(qtbot, w, "manager01")
    press(qtbot, w, Qt.Key.Key_Return)
    type_text(qtbot, w, "1234")
    press(qtbot, w, Qt.Key.Key_Return)
    idle(qtbot, w)
    assert approval.message.text() == "账号或 PIN 错误（还可尝试 4 次）"
    assert w.session.cart.lines[0].unit_price_fen == 409
    type_text(qtbot, w, "8888")
    press(qtbot, w, Qt.Key.Key_Return)
    no_dialog(qtbot, w)
    idle(qtbot, w)
    line = w.session.cart.lines[0]
    assert line.unit_price_fen == 300 and line.price_override_by is not None
    assert w.sale_view.totals.due.text() == "￥3.00"
    assert "已改价" in w.sale_view.cart.model().data(w.sale_view.cart.model().index(0, 0))
    # and the sale commits with the approved price
    press(qtbot, w, Qt.Key.Key_F12)
    dialog(qtbot, w, "PaymentView")
    press(qtbot, w, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: w.session.last_sale is not None)
    assert w.session.last_sale.total_fen == 300
