"""WeChat Pay / Alipay payment codes through the shipped provider simulator."""

from __future__ import annotations

from PySide6.QtCore import Qt

from shared.services import sales
from tests.gui.helpers import WATER, dialog, idle, press, scan, sign_in_and_open, type_text

WECHAT_OK = "134567890123456789"
WECHAT_DECLINED = "134567890123450001"
ALIPAY_TIMEOUT = "281234567890120002"


def _to_payment(qtbot, w, code: str = WATER):
    scan(qtbot, w, code)
    idle(qtbot, w)
    press(qtbot, w, Qt.Key.Key_F12)
    return dialog(qtbot, w, "PaymentView")


def test_wechat_declined_then_paid(qtbot, make_counter, terminal):
    w = make_counter()
    sign_in_and_open(qtbot, w)
    pay = _to_payment(qtbot, w)
    press(qtbot, w, Qt.Key.Key_F3)
    assert pay.code.isEnabled() and pay.code.hasFocus()
    type_text(qtbot, w, "12345")
    press(qtbot, w, Qt.Key.Key_Return)
    idle(qtbot, w)
    assert pay.message.text() == "这不是有效的微信付款码：请顾客刷新后重新扫描"
    type_text(qtbot, w, WECHAT_DECLINED)
    press(qtbot, w, Qt.Key.Key_Return)
    idle(qtbot, w)
    assert pay.message.text().startswith("支付被拒绝：")
    assert w.session.last_sale is None
    type_text(qtbot, w, WECHAT_OK)
    press(qtbot, w, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: w.session.last_sale is not None)
    result = w.session.last_sale
    assert result.change_fen == 0
    assert result.sale_id == w.counter.sale.payment.sale_id
    with terminal.db.reader() as uow:
        sale = sales.find_sale(uow, terminal.ctx, result.receipt_no)
    assert sale.payments == (("wechat", 446),)
    assert pay.done_change.text() == "￥0.00"


def test_alipay_timeout_is_queried_and_paid_partly_then_cash(qtbot, make_counter):
    w = make_counter()
    sign_in_and_open(qtbot, w)
    pay = _to_payment(qtbot, w, "3*" + WATER)  # 13.38
    press(qtbot, w, Qt.Key.Key_F4)
    pay.amount.setFocus()
    pay.amount.selectAll()
    type_text(qtbot, w, "10")
    press(qtbot, w, Qt.Key.Key_Return)  # to the code field
    assert pay.code.hasFocus()
    type_text(qtbot, w, ALIPAY_TIMEOUT)
    press(qtbot, w, Qt.Key.Key_Return)
    idle(qtbot, w)
    # the simulator times out; the query finds it paid: a 10.00 Alipay tender
    assert [t.method for t in w.counter.sale.payment.tenders] == ["alipay"]
    assert pay.remaining.text() == "￥3.38"
    # it cannot be removed once charged
    press(qtbot, w, Qt.Key.Key_F6)
    assert pay.message.text().startswith("扫码付款已扣款，不能在此删除")
    press(qtbot, w, Qt.Key.Key_F1)
    type_text(qtbot, w, "5")
    press(qtbot, w, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: w.session.last_sale is not None)
    assert w.session.last_sale.change_fen == 162


class _SilentProvider:
    """A provider that never answers: the payment's result stays unknown."""

    def pay(self, *, method, out_trade_no, auth_code, amount_fen):
        from shared.services.payment_provider import ProviderTimeout

        raise ProviderTimeout("no answer")

    def query(self, *, out_trade_no):
        from shared.services.payment_provider import ProviderResult

        return ProviderResult("pending")


def test_unknown_payment_result_is_said_clearly(qtbot, make_counter):
    w = make_counter(provider=_SilentProvider())
    sign_in_and_open(qtbot, w)
    pay = _to_payment(qtbot, w)
    press(qtbot, w, Qt.Key.Key_F3)
    type_text(qtbot, w, WECHAT_OK)
    press(qtbot, w, Qt.Key.Key_Return)
    idle(qtbot, w)
    assert pay.message.text().startswith("支付结果未知：请核对顾客的付款记录后再试（交易号 S0101")
    assert w.counter.sale.payment.tenders == [] and w.session.last_sale is None
    assert pay.code.hasFocus()


def test_leaving_payment_after_a_code_charge_refunds_it(qtbot, make_counter, terminal):
    from sqlalchemy import select

    from shared.db.models import PaymentIntent
    from tests.gui.helpers import no_dialog

    w = make_counter()
    sign_in_and_open(qtbot, w)
    pay = _to_payment(qtbot, w, "3*" + WATER)
    press(qtbot, w, Qt.Key.Key_F3)
    pay.amount.setFocus()
    pay.amount.selectAll()
    type_text(qtbot, w, "5")
    press(qtbot, w, Qt.Key.Key_Return)
    type_text(qtbot, w, WECHAT_OK)
    press(qtbot, w, Qt.Key.Key_Return)
    idle(qtbot, w)
    assert [t.method for t in w.counter.sale.payment.tenders] == ["wechat"]
    press(qtbot, w, Qt.Key.Key_Escape)
    dialog(qtbot, w, "ConfirmDialog")
    press(qtbot, w, Qt.Key.Key_Return)
    no_dialog(qtbot, w)
    idle(qtbot, w)
    assert w.session.last_sale is None and len(w.session.cart.lines) == 1  # back at the sale
    with terminal.db.reader() as uow:
        assert uow.session.scalars(select(PaymentIntent.status)).all() == ["reversed"]


class _AnswersLater(_SilentProvider):
    """Times out, stays silent for the first queries, then finds the payment made."""

    def __init__(self) -> None:
        self.answer_paid = False

    def query(self, *, out_trade_no):
        from shared.services.payment_provider import ProviderResult

        if self.answer_paid:
            return ProviderResult("paid", trade_no="LATE0001")
        return ProviderResult("pending")


def test_f5_asks_again_about_an_unknown_payment(qtbot, make_counter):
    provider = _AnswersLater()
    w = make_counter(provider=provider)
    sign_in_and_open(qtbot, w)
    pay = _to_payment(qtbot, w)
    assert not pay.query_again.isVisible()
    press(qtbot, w, Qt.Key.Key_F3)
    type_text(qtbot, w, WECHAT_OK)
    press(qtbot, w, Qt.Key.Key_Return)
    idle(qtbot, w)
    assert pay.query_again.isVisible()
    provider.answer_paid = True
    press(qtbot, w, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: w.session.last_sale is not None)
    assert w.counter.sale.payment.tenders[0].provider_ref == "LATE0001"
