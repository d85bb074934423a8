"""Bad input at the counter: each gets a clear, translated message and changes nothing."""

from __future__ import annotations

from PySide6.QtCore import Qt

from shared.domain.barcode import with_check_digit
from tests.gui.helpers import (
    NOODLES,
    WATER,
    cart_names,
    dialog,
    idle,
    no_dialog,
    press,
    scan,
    sign_in_and_open,
    type_text,
)


def test_unknown_barcode_adds_nothing(qtbot, make_counter):
    w = make_counter()
    sign_in_and_open(qtbot, w)
    unknown = with_check_digit("690999999999")
    scan(qtbot, w, unknown)
    idle(qtbot, w)
    assert w.session.cart.lines == []
    assert w.sale_view.message.text() == f"未找到商品：{unknown}"
    assert w.sale_view.message.property("level") == "error"
    assert w.sale_view.scan.hasFocus() and w.sale_view.scan.text() == ""


def test_bad_check_digit(qtbot, make_counter):
    w = make_counter()
    sign_in_and_open(qtbot, w)
    misread = NOODLES[:-1] + str((int(NOODLES[-1]) + 1) % 10)
    scan(qtbot, w, misread)
    idle(qtbot, w)
    assert w.session.cart.lines == []
    assert w.sale_view.message.text() == f"条码 {misread} 校验位错误（可能误读），请重新扫描"


def test_fast_scans_land_in_scan_order(qtbot, make_counter):
    w = make_counter()
    sign_in_and_open(qtbot, w)
    for code in (WATER, NOODLES, WATER, "2*" + NOODLES):
        scan(qtbot, w, code)
    idle(qtbot, w)
    assert cart_names(w) == ["统一矿泉水 小", "康师傅方便面 小"]
    assert [ln.quantity_milli for ln in w.session.cart.lines] == [2000, 3000]


def test_quantity_zero_negative_absurd_refused(qtbot, make_counter):
    w = make_counter()
    sign_in_and_open(qtbot, w)
    scan(qtbot, w, NOODLES)
    idle(qtbot, w)
    press(qtbot, w, Qt.Key.Key_F3)
    d = dialog(qtbot, w, "ValueDialog")
    for text, message in (
        ("0", "数量必须大于零"),
        ("-2", "数量必须大于零"),
        ("10000", "数量过大，请检查（最多 9999 件或 99.999 千克）"),
        ("1.5", "该商品按整件销售，数量不能有小数"),
        ("abc", "不是有效的数量：abc"),
    ):
        d.field.clear()
        type_text(qtbot, w, text)
        press(qtbot, w, Qt.Key.Key_Return)
        assert d.message.text() == message, text
        assert d.isVisible()
        assert w.session.cart.lines[0].quantity_milli == 1000
    press(qtbot, w, Qt.Key.Key_Escape)
    no_dialog(qtbot, w)
    qtbot.waitUntil(w.sale_view.scan.hasFocus)


def test_discount_above_the_line_refused(qtbot, make_counter):
    w = make_counter()
    sign_in_and_open(qtbot, w)
    scan(qtbot, w, NOODLES)  # 4.09
    idle(qtbot, w)
    press(qtbot, w, Qt.Key.Key_F4)
    d = dialog(qtbot, w, "DiscountDialog")
    press(qtbot, w, Qt.Key.Key_F2)  # amount off
    assert d.kind == "amount"
    type_text(qtbot, w, "5")
    press(qtbot, w, Qt.Key.Key_Return)
    assert d.message.text() == "折扣不能超过该行金额"
    assert w.session.cart.lines[0].discount is None
    press(qtbot, w, Qt.Key.Key_F1)  # percent
    d.value.clear()
    type_text(qtbot, w, "120")
    press(qtbot, w, Qt.Key.Key_Return)
    assert d.message.text() == "百分比须大于 0 且不超过 100"
    d.value.clear()
    type_text(qtbot, w, "1")
    press(qtbot, w, Qt.Key.Key_F2)
    press(qtbot, w, Qt.Key.Key_Return)  # 1 yuan off
    no_dialog(qtbot, w)
    assert w.session.totals().total_fen == 309


def test_order_discount_and_remove_and_clear(qtbot, make_counter):
    w = make_counter()
    sign_in_and_open(qtbot, w)
    for code in (NOODLES, WATER):
        scan(qtbot, w, code)
    idle(qtbot, w)
    press(qtbot, w, Qt.Key.Key_F5)
    dialog(qtbot, w, "DiscountDialog")
    type_text(qtbot, w, "50")
    press(qtbot, w, Qt.Key.Key_Return)
    no_dialog(qtbot, w)
    # 50 % of 8.55: the discount 4.275 rounds half-up to 4.28, leaving 4.27
    assert w.session.totals().total_fen == 427
    assert w.sale_view.totals.discount.text() == "-￥4.28"
    # Delete removes the selected line after a confirmation
    press(qtbot, w, Qt.Key.Key_Delete)
    dialog(qtbot, w, "ConfirmDialog")
    press(qtbot, w, Qt.Key.Key_Return)
    no_dialog(qtbot, w)
    assert cart_names(w) == ["康师傅方便面 小"]
    # Esc clears the sale after a confirmation
    qtbot.waitUntil(w.sale_view.scan.hasFocus)
    press(qtbot, w, Qt.Key.Key_Escape)
    dialog(qtbot, w, "ConfirmDialog")
    press(qtbot, w, Qt.Key.Key_Return)
    no_dialog(qtbot, w)
    assert w.session.cart.lines == []
    assert w.sale_view.totals.due.text() == "￥0.00"


def test_tender_below_total_cannot_complete(qtbot, make_counter):
    w = make_counter()
    sign_in_and_open(qtbot, w)
    scan(qtbot, w, WATER)  # 4.46
    idle(qtbot, w)
    press(qtbot, w, Qt.Key.Key_F12)
    pay = dialog(qtbot, w, "PaymentView")
    type_text(qtbot, w, "2")
    press(qtbot, w, Qt.Key.Key_Return)
    assert pay.message.text() == "实收金额不足应收：还差 ￥2.46"
    press(qtbot, w, Qt.Key.Key_F12)
    assert pay.message.text() == "实收金额不足应收：还差 ￥2.46"
    idle(qtbot, w)
    assert w.session.last_sale is None
    assert pay.pages.currentWidget() is pay.take_page
    press(qtbot, w, Qt.Key.Key_Escape)  # back to the sale, nothing lost
    no_dialog(qtbot, w)
    assert cart_names(w) == ["统一矿泉水 小"]


def test_empty_sale_cannot_be_paid(qtbot, make_counter):
    w = make_counter()
    sign_in_and_open(qtbot, w)
    press(qtbot, w, Qt.Key.Key_F12)
    assert w.sale_view.message.text() == "当前销售没有商品"
    assert not w.parts.dialogs


def test_mixed_card_and_cash(qtbot, make_counter):
    w = make_counter()
    sign_in_and_open(qtbot, w)
    scan(qtbot, w, "3*" + WATER)  # 13.38
    idle(qtbot, w)
    press(qtbot, w, Qt.Key.Key_F12)
    pay = dialog(qtbot, w, "PaymentView")
    press(qtbot, w, Qt.Key.Key_F2)  # card
    pay.amount.clear()
    type_text(qtbot, w, "20")
    press(qtbot, w, Qt.Key.Key_Return)
    assert pay.message.text() == "非现金付款不能超过待付金额"
    pay.amount.clear()
    type_text(qtbot, w, "10")
    press(qtbot, w, Qt.Key.Key_Return)  # 10.00 by card, 3.38 still due
    assert pay.remaining.text() == "￥3.38"
    press(qtbot, w, Qt.Key.Key_F1)
    assert pay.amount.text() == "3.38"
    pay.amount.clear()
    type_text(qtbot, w, "5")
    assert pay.change.text() == "￥1.62"
    press(qtbot, w, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: w.session.last_sale is not None)
    result = w.session.last_sale
    assert result.total_fen == 1338 and result.change_fen == 162
