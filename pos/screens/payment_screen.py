"""Taking the money (F12): cash with change, bank card, WeChat Pay / Alipay payment codes, mixes.

The sale id is made when the dialog opens and travels with every payment-code charge and with
``complete_sale``, so a provider's answer and the committed sale belong together. Charges run as
``device`` operations; completing is a ``write``. After the commit the change is shown big and the
receipt is sent to the printer; a printer failure never touches the sale.
"""

from __future__ import annotations

import contextlib
import copy

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut

from pos.dialogs.simple import ConfirmDialog
from pos.models.tender_model import TenderTableModel
from pos.screens.base import Parts
from pos.views.payment_view import PaymentView
from pos.views.widgets import set_message
from shared.domain.cart import Cart
from shared.domain.errors import DomainError, ValidationError
from shared.domain.ids import new_id
from shared.domain.tenders import CODE_METHODS, Tender, settle
from shared.qt.errors import describe, method_name
from shared.qt.money import fmt_fen, fmt_plain, parse_fen
from shared.services.sales import SaleResult


class PaymentScreen(QObject):
    # the sale committed (``SaleResult``); emitted as soon as the commit returns
    completed = Signal(object)
    # the dialog closed: the ``SaleResult``, or ``None`` when the cashier went back to the sale
    finished = Signal(object)

    def __init__(self, parts: Parts, cart: Cart, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.parts = parts
        self.cart = copy.deepcopy(cart)
        self.total_fen = self.cart.totals().total_fen
        self.sale_id = str(new_id())
        #: a charge whose result the provider did not give: F5 asks again
        self.unknown_trade: str | None = None
        self.tenders: list[Tender] = []
        self.method = "cash"
        self.result: SaleResult | None = None
        self.view = v = PaymentView(parts.window)
        self.model = TenderTableModel(v)
        v.tenders.setModel(self.model)
        v.configure_tenders()
        v.on_enter = self._enter
        v.on_ok = self.complete
        v.on_escape = self._escape
        for method, button in v.method_buttons.items():
            button.clicked.connect(lambda _=False, m=method: self.choose(m))
        v.remove_tender.clicked.connect(self.remove_selected)
        v.query_again.clicked.connect(self.query_again)
        shortcuts = {
            Qt.Key.Key_F1: lambda: self.choose("cash"),
            Qt.Key.Key_F2: lambda: self.choose("card"),
            Qt.Key.Key_F3: lambda: self.choose("wechat"),
            Qt.Key.Key_F4: lambda: self.choose("alipay"),
            Qt.Key.Key_F12: self.complete,
            Qt.Key.Key_F6: self.remove_selected,
            Qt.Key.Key_F5: self.query_again,
        }
        for key, fn in shortcuts.items():
            QShortcut(QKeySequence(key), v, fn)
        v.amount.textChanged.connect(self._update_change)
        v.due.setText(fmt_fen(self.total_fen))
        self.choose("cash")

    # -- figures ------------------------------------------------------------------------------
    @property
    def paid_fen(self) -> int:
        return sum(t.amount_fen for t in self.tenders)

    @property
    def remaining_fen(self) -> int:
        return max(0, self.total_fen - self.paid_fen)

    def _refresh(self) -> None:
        v = self.view
        self.model.set_rows(self.tenders)
        v.paid.setText(fmt_fen(self.paid_fen))
        v.remaining.setText(fmt_fen(self.remaining_fen))
        self._update_change()

    def _update_change(self) -> None:
        change = 0
        if self.method == "cash":
            try:
                change = max(0, parse_fen(self.view.amount.text()) - self.remaining_fen)
            except ValidationError:
                change = 0
        self.view.change.setText(fmt_fen(change))

    # -- showing ------------------------------------------------------------------------------
    def open(self) -> None:
        self._refresh()
        self.parts.open_dialog(self.view, self._closed)
        self.view.amount.setFocus()
        self.view.amount.selectAll()

    def choose(self, method: str) -> None:
        if self.view.busy or self.result is not None:
            return
        self.method = method
        v = self.view
        for m, button in v.method_buttons.items():
            button.setChecked(m == method)
        code = method in CODE_METHODS
        v.code.setEnabled(code)  # always laid out, so the dialog never jumps
        v.code_caption.setEnabled(code)
        v.code.clear()
        v.amount_caption.setText(
            self.tr("Cash tendered") if method == "cash" else self.tr("Amount to charge")
        )
        v.amount.setText(fmt_plain(self.remaining_fen))
        set_message(v.message, "", "info")
        if code:
            v.code.setFocus()
        else:
            v.amount.setFocus()
            v.amount.selectAll()
        self._update_change()

    # -- keys -----------------------------------------------------------------------------------
    def _enter(self) -> None:
        v = self.view
        if self.result is not None:
            v.accept()
            return
        if v.busy:
            return
        if self.method in CODE_METHODS:
            if v.amount.hasFocus():
                v.code.setFocus()
                return
            self.charge()
            return
        self.take_amount()

    def _escape(self) -> None:
        v = self.view
        if self.result is not None:
            v.accept()
            return
        if any(t.method in CODE_METHODS for t in self.tenders):
            confirm = ConfirmDialog(
                self.tr("Leave payment?"),
                self.tr(
                    "A payment-code payment has already been taken for this sale. Going back "
                    "refunds it to the customer through the provider. Go back anyway?"
                ),
                v,
                ok_text=self.tr("Refund and go back"),
            )
            self.parts.open_dialog(
                confirm,
                lambda r: (
                    self._release_and_leave() if r == ConfirmDialog.DialogCode.Accepted else None
                ),
            )
            return
        v.reject()

    def _release_and_leave(self) -> None:
        v = self.view
        self._set_busy(True)
        v.show_info(self.tr("Refunding the payment-code payment…"))
        self.parts.runner.run(
            lambda: self.parts.backend.release_payments(self.sale_id),
            kind="device",
            owner=v,
            on_done=self._released,
            on_error=self._charge_failed,
            label="release payments",
        )

    def _released(self, results) -> None:
        v = self.view
        self._set_busy(False)
        if any(r.status != "reversed" for r in results):
            v.show_error(
                self.tr(
                    "The provider did not refund every payment: it is listed for a manager to "
                    "refund. The sale was not completed."
                )
            )
            self.tenders = [t for t in self.tenders if not t.provider_ref]
            self._refresh()
            return
        v.reject()

    # -- taking money -----------------------------------------------------------------------------
    def take_amount(self) -> None:
        """Enter on the amount: add a cash or card tender; complete when the sale is covered."""
        v = self.view
        try:
            amount = parse_fen(v.amount.text(), field="amount")
            tender = Tender(self.method, amount)
        except DomainError as exc:
            v.show_error(describe(exc))
            v.amount.selectAll()
            return
        tenders = [*self.tenders, tender]
        covered = sum(t.amount_fen for t in tenders) >= self.total_fen
        if not covered:
            if self.method == "cash" and not self.tenders:
                # a single cash payment below the total: say how much is missing
                try:
                    settle(self.total_fen, tenders)
                except ValidationError as exc:
                    v.show_error(describe(exc))
                    v.amount.selectAll()
                    return
            self.tenders = tenders
            self._refresh()
            v.amount.setText(fmt_plain(self.remaining_fen))
            v.amount.selectAll()
            v.show_info(self.tr("Still due: {amount}").format(amount=fmt_fen(self.remaining_fen)))
            return
        try:
            settle(self.total_fen, tenders)
        except ValidationError as exc:
            v.show_error(describe(exc))
            v.amount.selectAll()
            return
        self._commit(tenders)

    def charge(self) -> None:
        """Charge the customer's payment code through the provider (a ``device`` operation)."""
        v = self.view
        method = self.method
        code = v.code.text().strip()
        if not code:
            v.show_error(self.tr("Scan the customer's payment code"))
            v.code.setFocus()
            return
        try:
            amount = parse_fen(v.amount.text(), field="amount")
            tender = Tender(method, amount)
            if self.paid_fen + amount >= self.total_fen:
                settle(
                    self.total_fen, [*self.tenders, tender]
                )  # refuses a charge above what is due
        except DomainError as exc:
            v.show_error(describe(exc))
            return
        self._set_busy(True)
        v.show_info(
            self.tr("Charging {amount} by {method}… waiting for the customer").format(
                amount=fmt_fen(amount), method=method_name(method)
            )
        )
        sale_id = self.sale_id
        self.parts.runner.run(
            lambda: self.parts.backend.charge(
                sale_id=sale_id, method=method, auth_code=code, amount_fen=amount
            ),
            kind="device",
            owner=v,
            on_done=self._charged,
            on_error=self._charge_failed,
            label="charge",
        )

    def _charged(self, tender: Tender) -> None:
        v = self.view
        self._set_busy(False)
        v.code.clear()
        self.tenders.append(tender)
        self._refresh()
        if self.paid_fen >= self.total_fen:
            self._commit(list(self.tenders))
            return
        v.show_info(
            self.tr("{method} paid {amount}. Still due: {due}").format(
                method=method_name(tender.method),
                amount=fmt_fen(tender.amount_fen),
                due=fmt_fen(self.remaining_fen),
            )
        )
        self.choose("cash")

    def _charge_failed(self, exc: BaseException) -> None:
        v = self.view
        self._set_busy(False)
        v.show_error(describe(exc))
        v.code.clear()
        v.code.setFocus()
        unknown = getattr(exc, "code", "") == "payment_unknown"
        self.unknown_trade = exc.details.get("out_trade_no") if unknown else None
        v.query_again.setVisible(self.unknown_trade is not None)

    def query_again(self) -> None:
        """F5: ask the provider again about a payment whose result was unknown."""
        v = self.view
        if not self.unknown_trade or v.busy:
            return
        self._set_busy(True)
        v.show_info(
            self.tr("Asking the provider about trade {ref}…").format(ref=self.unknown_trade)
        )
        trade = self.unknown_trade
        self.parts.runner.run(
            lambda: self.parts.backend.query_again(trade),
            kind="device",
            owner=v,
            on_done=self._queried,
            on_error=self._charge_failed,
            label="query payment",
        )

    def _queried(self, tender: Tender) -> None:
        self.unknown_trade = None
        self.view.query_again.hide()
        self._charged(tender)

    def remove_selected(self) -> None:
        v = self.view
        if v.busy or self.result is not None:
            return
        rows = v.tenders.selectionModel().selectedRows()
        index = rows[0].row() if rows else len(self.tenders) - 1
        if index < 0 or index >= len(self.tenders):
            return
        tender = self.tenders[index]
        if tender.provider_ref:
            v.show_error(
                self.tr(
                    "A payment-code payment cannot be removed here: it was already charged "
                    "(trade {ref})"
                ).format(ref=tender.provider_ref)
            )
            return
        del self.tenders[index]
        self._refresh()
        self.choose(self.method)

    def complete(self) -> None:
        """F12 / OK: complete with the tenders taken so far, plus what is typed for cash/card."""
        v = self.view
        if self.result is not None:
            v.accept()
            return
        if v.busy:
            return
        if self.method in CODE_METHODS or self.paid_fen >= self.total_fen:
            try:
                settle(self.total_fen, self.tenders)
            except ValidationError as exc:
                v.show_error(describe(exc))
                return
            self._commit(list(self.tenders))
            return
        self.take_amount()

    # -- committing -----------------------------------------------------------------------------
    def _commit(self, tenders: list[Tender]) -> None:
        v = self.view
        actor = self.parts.session.actor
        cart = self.cart
        sale_id = self.sale_id
        self._set_busy(True)
        v.show_info(self.tr("Saving the sale…"))
        self.parts.runner.run(
            lambda: self.parts.backend.complete_sale(actor, cart, tenders, sale_id),
            kind="write",
            owner=v,
            on_done=self._committed,
            on_error=self._refused,
            label="complete sale",
        )

    def _refused(self, exc: BaseException) -> None:
        self._set_busy(False)
        self.view.show_error(describe(exc))

    def _committed(self, result: SaleResult) -> None:
        self.result = result
        v = self.view
        self._set_busy(False)
        v.show_info("")
        v.done_change.setText(fmt_fen(result.change_fen))
        v.done_paid.setText(
            self.tr("Total {total}   Received {paid}").format(
                total=fmt_fen(result.total_fen), paid=fmt_fen(result.paid_fen + result.change_fen)
            )
        )
        v.done_receipt.setText(self.tr("Receipt No. {number}").format(number=result.receipt_no))
        v.pages.setCurrentWidget(v.done_page)
        v.ok_button.set_caption(self.tr("Next sale"))
        v.cancel_button.hide()
        v.setFocus()
        printing = self.parts.printing
        if printing is not None:
            printing.state_changed.connect(self._print_state)
            self._print_state()
        self.completed.emit(result)
        if printing is not None:
            printing.print_job(result.print_job_id)
            self._print_state()

    def _print_state(self) -> None:
        printing = self.parts.printing
        v = self.view
        if printing is None or self.result is None:
            return
        if self.result.print_job_id in printing.printed:
            set_message(v.done_print, self.tr("Receipt printed"), "ok")
        elif printing.failed:
            set_message(
                v.done_print,
                self.tr(
                    "Printing failed: {reason}. The receipt is kept in the print queue and can "
                    "be retried (F11)."
                ).format(reason=printing.last_error),
                "error",
            )
        else:
            set_message(v.done_print, self.tr("Printing the receipt…"), "info")

    def _set_busy(self, busy: bool) -> None:
        v = self.view
        v.set_busy(busy)
        for button in v.method_buttons.values():
            button.setEnabled(not busy)
        v.remove_tender.setEnabled(not busy)
        v.amount.setReadOnly(busy)
        v.code.setReadOnly(busy)

    def _closed(self, _result: int) -> None:
        printing = self.parts.printing
        if printing is not None and self.result is not None:
            with contextlib.suppress(RuntimeError, TypeError):
                printing.state_changed.disconnect(self._print_state)
        self.finished.emit(self.result)
