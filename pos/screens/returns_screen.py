"""Returns (F10, 退货): find the sale by its receipt number (typed, or its QR scanned), choose the
whole sale or quantities per line, give a reason, refund. A refund above the store's threshold
asks for a manager's PIN and is retried with the approver. The refund slip prints through the
queue like a receipt."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut

from pos.models.refund_lines_model import RefundLinesModel, RefundRow
from pos.screens.approval import request_approval
from pos.screens.base import Parts
from pos.views.returns_view import ReturnsView
from shared.domain.clock import local_time
from shared.domain.errors import ApprovalRequired
from shared.qt.errors import describe, method_name
from shared.qt.money import fmt_fen
from shared.services.auth import Actor
from shared.services.refunds import RefundItem, RefundResult
from shared.services.sales import SaleView


class ReturnsScreen(QObject):
    refunded = Signal(object)

    def __init__(self, parts: Parts, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.parts = parts
        self.sale: SaleView | None = None
        self.result: RefundResult | None = None
        self.view = v = ReturnsView(parts.window)
        self.model = RefundLinesModel(v)
        v.lines.setModel(self.model)
        v.configure_lines()
        v.on_enter = self._enter
        v.on_ok = self.refund
        v.find.clicked.connect(self.find)
        v.all_button.clicked.connect(self.model.select_all)
        v.none_button.clicked.connect(self.model.clear_choice)
        QShortcut(QKeySequence(Qt.Key.Key_F1), v, self.model.select_all)
        QShortcut(QKeySequence(Qt.Key.Key_F2), v, self.model.clear_choice)
        QShortcut(QKeySequence(Qt.Key.Key_F12), v, self.refund)
        self.model.dataChanged.connect(self._estimate)
        self.model.modelReset.connect(self._estimate)
        self.model.edit_refused.connect(v.show_error)

    def open(self, receipt_no: str = "") -> None:
        self.parts.open_dialog(self.view)
        self.view.receipt.setText(receipt_no)
        self.view.receipt.setFocus()
        if receipt_no:
            self.find()

    # -- finding the sale -------------------------------------------------------------------------
    def _enter(self) -> None:
        v = self.view
        if self.result is not None:
            v.accept()
            return
        if v.busy:
            return
        if v.lines.state() == v.lines.State.EditingState:
            return  # this Enter commits the quantity being typed (the delegate does it)
        if v.receipt.hasFocus() or self.sale is None:
            self.find()
        else:
            self.refund()

    def find(self) -> None:
        v = self.view
        text = v.receipt.text().strip()
        if not text:
            v.show_error(self.tr("Scan or type the receipt number"))
            return
        v.show_info(self.tr("Looking up the receipt…"))
        self.parts.runner.run(
            lambda: self.parts.backend.find_sale(text),
            kind="read",
            owner=v,
            on_done=self._found,
            on_error=self._not_found,
            label="find sale",
        )

    def _not_found(self, exc: BaseException) -> None:
        self.sale = None
        self.model.set_rows([])
        self.view.sale_info.setText("")
        self.view.show_error(describe(exc))
        self.view.receipt.selectAll()
        self.view.receipt.setFocus()

    def _found(self, sale: SaleView) -> None:
        v = self.view
        self.sale = sale
        self.model.set_rows([RefundRow(line) for line in sale.lines])
        paid = ", ".join(f"{method_name(m)} {fmt_fen(a)}" for m, a in sale.payments)
        info = self.tr("Receipt {number} · {at} · total {total} · paid by {paid}").format(
            number=sale.receipt_no,
            at=_local(sale.completed_at, self.parts.session.ctx.timezone),
            total=fmt_fen(sale.total_fen),
            paid=paid,
        )
        if sale.refunded_fen:
            info += " · " + self.tr("already refunded {amount}").format(
                amount=fmt_fen(sale.refunded_fen)
            )
        v.sale_info.setText(info)
        v.show_info("")
        v.receipt.setText(sale.receipt_no)
        first = next((i for i, r in enumerate(self.model.rows()) if r.refundable_milli > 0), None)
        if first is None:
            v.show_error(self.tr("Nothing left to refund on this receipt"))
            return
        v.lines.setFocus()
        v.lines.setCurrentIndex(self.model.index(first, RefundLinesModel.RETURN))

    def _estimate(self, *_args) -> None:
        chosen = self.model.chosen()
        if not chosen:
            self.view.estimate.setText("")
            return
        self.view.estimate.setText(
            self.tr("Refund about {amount}").format(amount=fmt_fen(self.model.estimated_fen()))
        )

    # -- refunding ------------------------------------------------------------------------------
    def refund(self, approver: Actor | None = None) -> None:
        v = self.view
        if self.result is not None:
            v.accept()
            return
        if v.busy:
            return
        if self.sale is None:
            self.find()
            return
        if v.lines.state() == v.lines.State.EditingState:
            v.reason.setFocus()  # the editor loses the focus and commits what was typed
        chosen = self.model.chosen()
        if not chosen:
            v.show_error(self.tr("Choose what to refund: type a quantity, or F1 for everything"))
            return
        items = (
            None
            if self.model.everything_chosen()
            else [RefundItem(r.line.line_id, r.refund_milli) for r in chosen]
        )
        actor = self.parts.session.actor
        receipt_no = self.sale.receipt_no
        reason = v.reason.currentText()
        v.set_busy(True)
        v.show_info(self.tr("Refunding…"))
        self.parts.runner.run(
            lambda: self.parts.backend.refund(
                actor, receipt_no, items, approver=approver, reason=reason
            ),
            kind="write",
            owner=v,
            on_done=self._refunded,
            on_error=self._refused,
            label="refund",
        )

    def _refused(self, exc: BaseException) -> None:
        v = self.view
        v.set_busy(False)
        if isinstance(exc, ApprovalRequired):
            amount = exc.details.get("amount_fen")
            what = self.tr("A refund of {amount} needs a manager's approval.").format(
                amount=fmt_fen(amount) if isinstance(amount, int) else ""
            )
            v.show_info(what)
            request_approval(
                self.parts,
                what,
                f"refund {self.sale.receipt_no if self.sale else ''}",
                lambda approver: self.refund(approver),
                parent=v,
                on_cancel=lambda: v.show_error(self.tr("Refund not approved")),
            )
            return
        v.show_error(describe(exc))

    def _refunded(self, result: RefundResult) -> None:
        self.result = result
        self.parts.session.committed("refund")
        v = self.view
        v.set_busy(False)
        v.show_info("")
        v.done_total.setText(self.tr("Refund {amount}").format(amount=fmt_fen(result.total_fen)))
        v.done_methods.setText(
            "   ".join(
                self.tr("{method}: {amount}").format(method=method_name(m), amount=fmt_fen(a))
                for m, a in result.by_method.items()
            )
        )
        v.done_number.setText(
            self.tr("Refund No. {number} (receipt {receipt})").format(
                number=result.refund_no, receipt=result.receipt_no
            )
        )
        v.pages.setCurrentWidget(v.done_page)
        v.ok_button.set_caption(self.tr("Close"))
        v.cancel_button.hide()
        v.setFocus()
        if self.parts.printing is not None:
            self.parts.printing.print_job(result.print_job_id)
        self.refunded.emit(result)


def _local(iso: str, timezone: str) -> str:
    """An ISO UTC time from a service as the store's local "YYYY-MM-DD HH:MM"."""
    try:
        return local_time(datetime.fromisoformat(iso), timezone).strftime("%Y-%m-%d %H:%M")
    except (ValueError, TypeError):
        return iso[:16].replace("T", " ")
