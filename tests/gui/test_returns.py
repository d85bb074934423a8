"""Returns through the dialog: partial, then more than is left refused; a large refund asks
for a manager's PIN."""

from __future__ import annotations

from PySide6.QtCore import Qt

from shared.domain.cart import Cart
from shared.domain.tenders import Tender
from shared.services import auth, catalog, print_queue, sales, shifts
from tests.gui.helpers import (
    NOODLES,
    WATER,
    dialog,
    idle,
    login_to_open_shift,
    no_dialog,
    press,
    scan,
    sign_in_and_open,
    type_text,
)


def _sale(terminal, items: list[tuple[str, int]], cash_fen: int) -> str:
    """Ring up a sale through the services (as cashier01), for the returns dialog to find."""
    db, ctx = terminal.db, terminal.ctx
    with db.uow() as uow:
        actor = auth.login_with_pin(uow, "cashier01", "1111", store_id=ctx.store_id)
    with db.uow() as uow:
        if shifts.current_shift(uow, ctx) is None:
            shifts.open_shift(uow, ctx, actor, 0)
    cart = Cart()
    with db.reader() as uow:
        for code, qty in items:
            line = catalog.scan(uow, ctx, code)
            from dataclasses import replace

            cart.add(replace(line, quantity_milli=qty * 1000))
    with db.uow() as uow:
        return sales.complete_sale(uow, ctx, actor, cart, [Tender("cash", cash_fen)]).receipt_no


def _open_returns(qtbot, w, receipt_no: str):
    press(qtbot, w, Qt.Key.Key_F10)
    d = dialog(qtbot, w, "ReturnsView")
    type_text(qtbot, w, receipt_no.replace("-", ""))  # typed without dashes
    press(qtbot, w, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: w.counter.sale.returns.sale is not None)
    idle(qtbot, w)
    return d


def test_partial_then_over_refund_refused(qtbot, make_counter, terminal):
    receipt_no = _sale(terminal, [(NOODLES, 3), (WATER, 1)], 2000)
    w = make_counter()
    login_to_open_shift(qtbot, w)
    d = _open_returns(qtbot, w, receipt_no)
    screen = w.counter.sale.returns
    assert d.receipt.text() == receipt_no
    assert screen.model.rowCount() == 2
    assert d.lines.hasFocus()
    # return 1 of the 3 noodles: type the quantity on the chosen line, Enter, then F12
    type_text(qtbot, w, "1")
    press(qtbot, w, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: [r.refund_milli for r in screen.model.rows()] == [1000, 0])
    assert d.message.text() == ""
    assert d.estimate.text() == "预计退款 ￥4.09"
    press(qtbot, w, Qt.Key.Key_F12)
    qtbot.waitUntil(lambda: screen.result is not None)
    assert screen.result.total_fen == 409 and screen.result.by_method == {"cash": 409}
    assert d.done_total.text() == "退款 ￥4.09"
    assert "现金" in d.done_methods.text()
    qtbot.waitUntil(lambda: screen.result.print_job_id in w.printing.printed)
    assert screen.result.refund_no in terminal.printed_text()
    press(qtbot, w, Qt.Key.Key_Return)
    no_dialog(qtbot, w)

    # 2 noodles are left: asking for 3 is refused, nothing changes
    d = _open_returns(qtbot, w, receipt_no)
    screen = w.counter.sale.returns
    assert "已退款 ￥4.09" in d.sale_info.text()
    type_text(qtbot, w, "3")
    press(qtbot, w, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: d.message.text() == "康师傅方便面 小：最多可退 2")
    assert screen.model.chosen() == []
    # the service refuses it too (another terminal may have refunded meanwhile)
    from shared.services.refunds import RefundItem

    line_id = screen.model.rows()[0].line.line_id
    actor = w.session.actor
    errors = []
    w.runner.run(
        lambda: w.backend.refund(
            actor, receipt_no, [RefundItem(line_id, 3000)], approver=None, reason=""
        ),
        kind="write",
        on_error=errors.append,
    )
    idle(qtbot, w)
    from shared.qt.errors import describe

    assert errors and errors[0].code == "refund_exceeds_sold"
    assert describe(errors[0]) == "康师傅方便面 小 退货数量超过可退数量：还可退 2"
    press(qtbot, w, Qt.Key.Key_Escape)
    no_dialog(qtbot, w)
    with terminal.db.reader() as uow:
        view = sales.find_sale(uow, terminal.ctx, receipt_no)
    assert view.refunded_fen == 409


def test_unknown_receipt(qtbot, make_counter):
    w = make_counter()
    sign_in_and_open(qtbot, w)
    press(qtbot, w, Qt.Key.Key_F10)
    d = dialog(qtbot, w, "ReturnsView")
    type_text(qtbot, w, "261122-01-9999")
    press(qtbot, w, Qt.Key.Key_Return)
    idle(qtbot, w)
    assert d.message.text() == "本终端没有小票号为 261122-01-9999 的销售单"
    d.receipt.clear()
    type_text(qtbot, w, "hello")
    press(qtbot, w, Qt.Key.Key_Return)
    idle(qtbot, w)
    assert d.message.text() == "不是有效的小票号（例如 261122-03-0042）：hello"


def test_large_refund_needs_a_manager(qtbot, make_counter, terminal):
    assert terminal.ctx.refund_approval_fen == 20000
    receipt_no = _sale(terminal, [(WATER, 50)], 30000)  # 50 x 4.46 = 223.00
    w = make_counter()
    login_to_open_shift(qtbot, w)
    d = _open_returns(qtbot, w, receipt_no)
    screen = w.counter.sale.returns
    press(qtbot, w, Qt.Key.Key_F1)  # everything
    press(qtbot, w, Qt.Key.Key_F12)
    approval = dialog(qtbot, w, "ApprovalDialog")
    assert screen.result is None
    # a cashier's PIN is no approval
    type_text(qtbot, w, "cashier02")
    press(qtbot, w, Qt.Key.Key_Return)
    type_text(qtbot, w, "2222")
    press(qtbot, w, Qt.Key.Key_Return)
    idle(qtbot, w)
    assert approval.message.text() == "您无权执行此操作"
    approval.account.clear()
    approval.account.setFocus()
    type_text(qtbot, w, "manager01")
    press(qtbot, w, Qt.Key.Key_Return)
    type_text(qtbot, w, "8888")
    press(qtbot, w, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: screen.result is not None)
    assert screen.result.total_fen == 22300
    assert w.parts.active_dialog is d
    assert d.pages.currentWidget() is d.done_page
    idle(qtbot, w)
    jobs = [j.ref for j in print_queue.open_jobs(terminal.db)]
    assert screen.result.refund_no not in jobs or w.printing.printing


def test_scanning_a_receipt_qr_at_the_sale_opens_returns(qtbot, make_counter, terminal):
    receipt_no = _sale(terminal, [(NOODLES, 1)], 500)
    w = make_counter()
    login_to_open_shift(qtbot, w)
    scan(qtbot, w, receipt_no)  # the receipt's QR code carries its number
    d = dialog(qtbot, w, "ReturnsView")
    qtbot.waitUntil(lambda: w.counter.sale.returns.sale is not None)
    assert d.receipt.text() == receipt_no
    assert w.session.cart.lines == []
