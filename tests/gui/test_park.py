"""Parking and resuming sales (挂单 / 取单)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.gui.helpers import (
    CHIPS,
    NOODLES,
    WATER,
    cart_names,
    dialog,
    idle,
    no_dialog,
    press,
    scan,
    sign_in_and_open,
)


def test_park_and_resume(qtbot, make_counter):
    w = make_counter()
    sign_in_and_open(qtbot, w)
    for code in (NOODLES, NOODLES, WATER):
        scan(qtbot, w, code)
    idle(qtbot, w)
    press(qtbot, w, Qt.Key.Key_F8)
    assert w.session.cart.lines == []  # the screen is free for the next customer at once
    idle(qtbot, w)
    assert w.sale_view.message.text() == "已挂单（￥12.64），按 F9 取单。"

    # the next customer
    scan(qtbot, w, CHIPS)
    idle(qtbot, w)
    press(qtbot, w, Qt.Key.Key_F9)
    idle(qtbot, w)
    assert w.sale_view.message.text() == "请先结账、挂单或清空当前销售"
    assert not w.parts.dialogs
    press(qtbot, w, Qt.Key.Key_F8)
    idle(qtbot, w)

    # two parked sales; resume the first one
    press(qtbot, w, Qt.Key.Key_F9)
    d = dialog(qtbot, w, "ParkedSalesDialog")
    assert d.model.rowCount() == 2
    assert d.model.data(d.model.index(0, 1)) == "康师傅方便面 小 等 2 种商品"
    assert d.model.data(d.model.index(0, 3)) == "￥12.64"
    press(qtbot, w, Qt.Key.Key_Return)
    no_dialog(qtbot, w)
    idle(qtbot, w)
    assert cart_names(w) == ["康师傅方便面 小", "统一矿泉水 小"]
    assert [ln.quantity_milli for ln in w.session.cart.lines] == [2000, 1000]
    assert w.sale_view.totals.due.text() == "￥12.64"

    # one left
    w.session.clear_cart()
    press(qtbot, w, Qt.Key.Key_F9)
    d = dialog(qtbot, w, "ParkedSalesDialog")
    assert d.model.rowCount() == 1
    press(qtbot, w, Qt.Key.Key_Return)
    no_dialog(qtbot, w)
    idle(qtbot, w)
    assert cart_names(w) == ["统一薯片 小"]
    w.session.clear_cart()
    press(qtbot, w, Qt.Key.Key_F9)
    idle(qtbot, w)
    assert w.sale_view.message.text() == "本终端没有挂单"
