"""The sale (收银): scanning, the cart, and every F-key.

The scan field keeps the focus. Each Enter in it starts a catalog lookup as a read operation in
the "scan" lane, so lines land in scan order however fast the scanner fires; the field is free for
the next scan at once. Cart edits are the domain ``Cart``'s own rules, applied on the GUI thread.
"""

from __future__ import annotations

import re
from dataclasses import replace

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication

from pos.dialogs.discount import PERCENT, DiscountDialog
from pos.dialogs.help import HelpDialog
from pos.dialogs.parked import ParkedSalesDialog
from pos.dialogs.simple import ConfirmDialog, ValueDialog
from pos.models.cart_model import CartTableModel
from pos.models.parked_model import ParkedSalesModel
from pos.screens.approval import request_approval
from pos.screens.base import Parts
from pos.screens.payment_screen import PaymentScreen
from pos.screens.returns_screen import ReturnsScreen
from pos.screens.search_screen import SearchScreen
from pos.views.sale_view import SaleView
from pos.views.widgets import set_message
from shared.domain.cart import Cart, CartLine, Discount
from shared.domain.errors import DomainError, ValidationError
from shared.domain.money import parse_percent
from shared.domain.receipt_no import RECEIPT_RE
from shared.qt.errors import describe
from shared.qt.money import fmt_fen, fmt_quantity, parse_fen, parse_quantity
from shared.services.auth import Actor
from shared.services.sales import SaleResult
from shared.services.suspended import ParkedSale

# "3*6901234567892": three of the item
_MULTIPLY = re.compile(r"^(\d{1,4})\s*[*xX×]\s*(\S+)$")


class SaleScreen(QObject):
    # the F11 key
    shift_menu_requested = Signal()

    def __init__(self, parts: Parts, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.parts = parts
        self.session = parts.session
        self.view: SaleView = parts.window.sale_view
        self.model = CartTableModel(self.view)
        self.view.cart.setModel(self.model)
        self.view.configure_cart()
        self.pending_scans = 0
        self._pay_when_scanned = False
        self.payment: PaymentScreen | None = None
        self.returns: ReturnsScreen | None = None
        self.search_screen: SearchScreen | None = None
        self._parking = False

        v = self.view
        v.scan.returnPressed.connect(self.scan_entered)
        v.scan.installEventFilter(self)
        actions = {
            "help": (Qt.Key.Key_F1, self.show_help),
            "search": (Qt.Key.Key_F2, self.search),
            "quantity": (Qt.Key.Key_F3, self.change_quantity),
            "line_discount": (Qt.Key.Key_F4, self.line_discount),
            "order_discount": (Qt.Key.Key_F5, self.order_discount),
            "remove": (Qt.Key.Key_F6, self.remove_line),
            "price": (Qt.Key.Key_F7, self.override_price),
            "park": (Qt.Key.Key_F8, self.park),
            "resume": (Qt.Key.Key_F9, self.resume),
            "returns": (Qt.Key.Key_F10, self.open_returns),
            "shift": (Qt.Key.Key_F11, self.shift_menu_requested.emit),
            "pay": (Qt.Key.Key_F12, self.pay),
            "clear": (Qt.Key.Key_Escape, self.escape),
        }
        self.shortcuts: dict[str, QShortcut] = {}
        for name, (key, fn) in actions.items():
            v.buttons[name].clicked.connect(lambda _checked=False, f=fn: f())
            sc = QShortcut(QKeySequence(key), v, fn)
            sc.setContext(Qt.ShortcutContext.WindowShortcut)
            self.shortcuts[name] = sc
        delete = QShortcut(QKeySequence(Qt.Key.Key_Delete), v, self.remove_line)
        delete.setContext(Qt.ShortcutContext.WindowShortcut)
        retry = QShortcut(QKeySequence("Ctrl+P"), v, self._retry_print)
        retry.setContext(Qt.ShortcutContext.WindowShortcut)
        v.print_banner.action.clicked.connect(lambda _checked=False: self._retry_print())
        v.print_banner.action.key = "Ctrl+P"
        v.print_banner.action.set_caption(self.tr("Retry printing"))

        self.session.cart_changed.connect(self.refresh)
        parts.runner.busy_changed.connect(self._busy)
        if parts.printing is not None:
            parts.printing.state_changed.connect(self._print_state)
        self.refresh()

    # -- life -----------------------------------------------------------------------------------
    def activate(self) -> None:
        self.parts.window.show_sale()
        self.refresh()
        self.focus_scan()

    def focus_scan(self) -> None:
        self.view.scan.setFocus(Qt.FocusReason.OtherFocusReason)

    def say(self, text: str, level: str = "info") -> None:
        set_message(self.view.message, text, level)

    def fail(self, exc_or_text: BaseException | str) -> None:
        text = exc_or_text if isinstance(exc_or_text, str) else describe(exc_or_text)
        set_message(self.view.message, text, "error")
        QApplication.beep()

    # -- the cart on screen -------------------------------------------------------------------------
    def refresh(self) -> None:
        selected = self.selected_line_id()
        try:
            totals = self.session.totals()
        except DomainError as exc:  # cannot happen with a cart built by its own rules
            self.fail(exc)
            return
        self.model.set_totals(totals)
        t = self.view.totals
        t.count.setText(_count_text(totals.lines))
        t.subtotal.setText(fmt_fen(totals.subtotal_fen))
        t.discount.setText(fmt_fen(-totals.discount_fen) if totals.discount_fen else fmt_fen(0))
        t.due.setText(fmt_fen(totals.total_fen))
        if selected is not None and self.model.row_of(selected) >= 0:
            self.select_line(selected)
        elif self.model.rowCount():
            self.view.cart.selectRow(self.model.rowCount() - 1)

    def selected_line_id(self) -> str | None:
        rows = (
            self.view.cart.selectionModel().selectedRows()
            if self.view.cart.selectionModel()
            else []
        )
        return self.model.line_id_at(rows[0].row()) if rows else None

    def selected_line(self) -> CartLine | None:
        line_id = self.selected_line_id()
        if line_id is None:
            return None
        for ln in self.session.cart.lines:
            if ln.line_id == line_id:
                return ln
        return None

    def select_line(self, line_id: str) -> None:
        row = self.model.row_of(line_id)
        if row >= 0:
            self.view.cart.selectRow(row)
            self.view.cart.scrollTo(self.model.index(row, 0))

    def eventFilter(self, obj, event) -> bool:
        if obj is self.view.scan and event.type() == QEvent.Type.KeyPress:
            key = event.key()
            if key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
                self._move_selection(-1 if key == Qt.Key.Key_Up else 1)
                return True
            if key == Qt.Key.Key_Delete and not self.view.scan.text():
                self.remove_line()  # the line edit would swallow Delete as an editing key
                return True
        return super().eventFilter(obj, event)

    def _move_selection(self, step: int) -> None:
        count = self.model.rowCount()
        if not count:
            return
        rows = self.view.cart.selectionModel().selectedRows()
        current = rows[0].row() if rows else count - 1
        self.view.cart.selectRow(max(0, min(count - 1, current + step)))

    # -- scanning -------------------------------------------------------------------------------
    def scan_entered(self) -> None:
        text = self.view.scan.text().strip()
        self.view.scan.clear()
        if not text:
            return
        if RECEIPT_RE.match(text.upper()):
            self.open_returns(text)  # a receipt's QR code: the customer is returning something
            return
        quantity = None
        m = _MULTIPLY.match(text)
        if m:
            quantity, text = int(m.group(1)), m.group(2)
        self.pending_scans += 1
        backend = self.parts.backend
        self.parts.runner.run(
            lambda: backend.scan(text),
            kind="read",
            lane="scan",
            owner=self.view,
            on_done=lambda line: self._scanned(line, quantity),
            on_error=self._scan_failed,
            label="scan",
        )

    def _scanned(self, line: CartLine, quantity: int | None) -> None:
        self.pending_scans -= 1
        if quantity is not None:
            if line.weighed or line.fixed_amount_fen is not None:
                self.fail(self.tr("Weighed items take their quantity from the scale label"))
                self._scans_settled()
                return
            line = replace(line, quantity_milli=quantity * 1000)
        self.add_line(line)
        self._scans_settled()

    def _scan_failed(self, exc: BaseException) -> None:
        self.pending_scans -= 1
        self.fail(exc)
        self._scans_settled()

    def add_line(self, line: CartLine) -> bool:
        """Add ``line`` to the cart (merging a repeat scan); say what happened."""
        try:
            added = self.session.cart.add(line)
        except DomainError as exc:
            self.fail(exc)
            return False
        self.session.changed()
        self.select_line(added.line_id)
        qty = fmt_quantity(added.quantity_milli, weighed=added.weighed)
        self.say(
            self.tr("{name} × {qty}  {amount}").format(
                name=added.name, qty=qty, amount=fmt_fen(added.gross_fen)
            ),
            "ok",
        )
        return True

    def _scans_settled(self) -> None:
        if self.pending_scans == 0 and self._pay_when_scanned:
            self._pay_when_scanned = False
            self.pay()

    # -- F1 help --------------------------------------------------------------------------------
    def show_help(self) -> None:
        rows = [
            (self.tr("Enter"), self.tr("Add the scanned or typed code")),
            (self.tr("3*code"), self.tr("Add 3 of an item")),
            (self.tr("Up / Down"), self.tr("Choose a line")),
            ("F1", self.tr("This help")),
            ("F2", self.tr("Find a product by name, code or pinyin")),
            ("F3", self.tr("Change the quantity of the chosen line")),
            ("F4", self.tr("Discount on the chosen line")),
            ("F5", self.tr("Discount on the whole sale")),
            ("F6 / Del", self.tr("Remove the chosen line")),
            ("F7", self.tr("Change the price (manager)")),
            ("F8", self.tr("Park the sale")),
            ("F9", self.tr("Resume a parked sale")),
            ("F10", self.tr("Returns")),
            ("F11", self.tr("Shift: X report, cash in/out, close, printing")),
            ("F12", self.tr("Pay")),
            ("Esc", self.tr("Clear the sale")),
            ("Ctrl+P", self.tr("Retry printing")),
        ]
        self.parts.open_dialog(HelpDialog(rows, self.parts.window))

    # -- F2 search ------------------------------------------------------------------------------
    def search(self) -> None:
        screen = SearchScreen(self.parts, self.add_line)  # one at a time, freed when replaced
        self.search_screen = screen
        text = self.view.scan.text().strip()
        self.view.scan.clear()
        screen.open(text)

    # -- F3 quantity ----------------------------------------------------------------------------
    def _need_line(self) -> CartLine | None:
        line = self.selected_line()
        if line is None:
            self.fail(self.tr("Choose a line first (Up/Down)"))
        return line

    def change_quantity(self) -> None:
        line = self._need_line()
        if line is None:
            return
        cart = self.session.cart

        def apply(text: str) -> str | None:
            try:
                milli = parse_quantity(text, weighed=line.weighed)
                cart.set_quantity(line.line_id, milli)
            except DomainError as exc:
                return describe(exc)
            self.session.changed()
            self.say(
                self.tr("Quantity of {name} is now {qty}").format(
                    name=line.name, qty=fmt_quantity(milli, weighed=line.weighed)
                ),
                "ok",
            )
            return None

        caption = self.tr("Weight (kg)") if line.weighed else self.tr("Quantity")
        self.parts.open_dialog(
            ValueDialog(
                self.tr("Quantity of {name}").format(name=line.name),
                caption,
                apply,
                self.parts.window,
                initial=fmt_quantity(line.quantity_milli, weighed=line.weighed),
            )
        )

    # -- F4 / F5 discounts ------------------------------------------------------------------------
    def _discount(self, kind: str, text: str, reason: str) -> Discount:
        actor = self.session.actor
        value = parse_percent(text) if kind == PERCENT else parse_fen(text, field="discount")
        return Discount(
            kind, value, given_by=actor.staff_id if actor else None, reason=reason.strip()
        )

    def _said_discount(self) -> None:
        self.say(
            self.tr("Discount given. The sale's discounts: {amount}").format(
                amount=fmt_fen(self.session.totals().discount_fen)
            ),
            "ok",
        )

    def line_discount(self) -> None:
        line = self._need_line()
        if line is None:
            return
        cart = self.session.cart

        def apply(kind: str, text: str, reason: str) -> str | None:
            try:
                cart.set_line_discount(line.line_id, self._discount(kind, text, reason))
            except DomainError as exc:
                return describe(exc)
            self.session.changed()
            self._said_discount()
            return None

        def clear() -> None:
            cart.set_line_discount(line.line_id, None)
            self.session.changed()

        self.parts.open_dialog(
            DiscountDialog(
                self.tr("Line discount"),
                apply,
                self.parts.window,
                base_text=self.tr("{name}: {amount}").format(
                    name=line.name, amount=fmt_fen(line.gross_fen)
                ),
                clear=clear if line.discount else None,
            )
        )

    def order_discount(self) -> None:
        cart = self.session.cart
        if not cart.lines:
            self.fail(self.tr("The sale has no items"))
            return

        def apply(kind: str, text: str, reason: str) -> str | None:
            try:
                cart.set_order_discount(self._discount(kind, text, reason))
            except DomainError as exc:
                return describe(exc)
            self.session.changed()
            self._said_discount()
            return None

        def clear() -> None:
            cart.set_order_discount(None)
            self.session.changed()

        totals = cart.totals()
        self.parts.open_dialog(
            DiscountDialog(
                self.tr("Order discount"),
                apply,
                self.parts.window,
                base_text=self.tr("Sale after line discounts: {amount}").format(
                    amount=fmt_fen(totals.subtotal_fen - totals.line_discounts_fen)
                ),
                clear=clear if cart.order_discount else None,
            )
        )

    # -- F6 remove --------------------------------------------------------------------------------
    def remove_line(self) -> None:
        line = self._need_line()
        if line is None:
            return
        dialog = ConfirmDialog(
            self.tr("Remove line"),
            self.tr("Remove {name} from the sale?").format(name=line.name),
            self.parts.window,
            ok_text=self.tr("Remove"),
        )

        def closed(result: int) -> None:
            if result == ConfirmDialog.DialogCode.Accepted:
                try:
                    self.session.cart.remove(line.line_id)
                except DomainError as exc:
                    self.fail(exc)
                    return
                self.session.changed()
                self.say(self.tr("Removed {name}").format(name=line.name))

        self.parts.open_dialog(dialog, closed)

    # -- F7 price override --------------------------------------------------------------------------
    def override_price(self) -> None:
        line = self._need_line()
        if line is None:
            return
        if line.fixed_amount_fen is not None:
            self.fail(describe(ValidationError("", code="price_fixed")))
            return
        chosen: dict[str, int] = {}

        def apply(text: str) -> str | None:
            try:
                chosen["fen"] = parse_fen(text, field="price")
            except DomainError as exc:
                return describe(exc)
            return None

        def closed(result: int) -> None:
            if result != ValueDialog.DialogCode.Accepted or "fen" not in chosen:
                return
            fen = chosen["fen"]
            request_approval(
                self.parts,
                self.tr("Change the price of {name} from {old} to {new}?").format(
                    name=line.name, old=fmt_fen(line.unit_price_fen), new=fmt_fen(fen)
                ),
                "price_override",
                lambda approver: self._apply_price(line.line_id, fen, approver),
            )

        self.parts.open_dialog(
            ValueDialog(
                self.tr("Change price of {name}").format(name=line.name),
                self.tr("New unit price (yuan)"),
                apply,
                self.parts.window,
                initial=fmt_fen(line.unit_price_fen).replace("￥", ""),
                hint=self.tr("A price change needs a manager's approval."),
            ),
            closed,
        )

    def _apply_price(self, line_id: str, fen: int, approver: Actor) -> None:
        try:
            self.session.cart.override_price(line_id, fen, approver.staff_id)
        except DomainError as exc:
            self.fail(exc)
            return
        self.session.changed()
        self.say(self.tr("Price changed, approved by {name}").format(name=approver.name), "ok")

    # -- F8 / F9 parking --------------------------------------------------------------------------
    def park(self) -> None:
        if not self.session.cart.lines:
            self.fail(self.tr("The sale has no items"))
            return
        if self._parking:
            return
        cart = self.session.take_cart()
        first = cart.lines[0].name
        label = (
            first
            if len(cart.lines) == 1
            else self.tr("{name} and {n} more").format(
                name=first, n=len(cart.lines) - 1, total=len(cart.lines)
            )
        )
        actor = self.session.actor
        self._parking = True
        self.say(self.tr("Parking the sale…"))
        self.parts.runner.run(
            lambda: self.parts.backend.park(actor, cart, label),
            kind="write",
            owner=self.view,
            on_done=lambda _id: self._parked(cart),
            on_error=lambda exc: self._park_failed(cart, exc),
            label="park",
        )

    def _parked(self, cart: Cart) -> None:
        self._parking = False
        self.say(
            self.tr("Sale parked ({amount}). F9 resumes it.").format(
                amount=fmt_fen(cart.totals().total_fen)
            ),
            "ok",
        )

    def _park_failed(self, cart: Cart, exc: BaseException) -> None:
        self._parking = False
        current = self.session.cart
        if not current.lines:
            self.session.replace_cart(cart)
        else:  # the cashier already scanned on: put the parked lines back in front
            current.lines[:0] = cart.lines
            self.session.changed()
        self.fail(exc)

    def resume(self) -> None:
        if self.session.cart.lines:
            self.fail(self.tr("Finish, park or clear the current sale first"))
            return
        self.parts.runner.run(
            self.parts.backend.parked,
            kind="read",
            owner=self.view,
            on_done=self._show_parked,
            on_error=self.fail,
            label="parked sales",
        )

    def _show_parked(self, parked: list[ParkedSale]) -> None:
        if not parked:
            self.fail(self.tr("No parked sales on this terminal"))
            return
        model = ParkedSalesModel(timezone=self.session.ctx.timezone)
        model.set_rows(parked)
        dialog = ParkedSalesDialog(model, self.parts.window)
        model.setParent(dialog)
        actor = self.session.actor

        def chosen(park_id: str) -> None:
            self.parts.runner.run(
                lambda: self.parts.backend.resume(actor, park_id),
                kind="write",
                owner=dialog,
                on_done=resumed,
                on_error=lambda exc: dialog.refused(describe(exc)),
                label="resume",
            )

        def resumed(cart: Cart) -> None:
            dialog.set_busy(False)
            dialog.accept()
            if self.session.cart.lines:  # scanned meanwhile: keep both
                self.session.cart.lines[:0] = cart.lines
                self.session.changed()
            else:
                self.session.replace_cart(cart)
            self.say(self.tr("Sale resumed"), "ok")

        dialog.chosen.connect(chosen)
        self.parts.open_dialog(dialog)

    # -- F10 returns ------------------------------------------------------------------------------
    def open_returns(self, receipt_no: str = "") -> None:
        if self.parts.dialogs:
            return
        screen = ReturnsScreen(self.parts)
        self.returns = screen
        text = receipt_no or self.view.scan.text().strip()
        self.view.scan.clear()
        screen.open(text)

    # -- F12 pay ----------------------------------------------------------------------------------
    def pay(self) -> None:
        if self.parts.dialogs:
            return
        if self.pending_scans:
            self._pay_when_scanned = True  # the last scans are still being looked up
            return
        if not self.session.cart.lines:
            self.fail(self.tr("The sale has no items"))
            return
        if self.parts.runner.busy:
            self.say(self.tr("Saving… one moment"))
            return
        screen = PaymentScreen(self.parts, self.session.cart)
        self.payment = screen
        screen.completed.connect(self._paid)
        screen.open()

    def _paid(self, result: SaleResult) -> None:
        self.session.record_sale(result)
        self.session.clear_cart()
        t = self.view.totals
        t.last_box.show()
        t.last_receipt.setText(result.receipt_no)
        t.last_paid.setText(fmt_fen(result.paid_fen + result.change_fen))
        t.last_change.setText(fmt_fen(result.change_fen))
        self.say(
            self.tr("Sale {number} complete. Change {change}").format(
                number=result.receipt_no, change=fmt_fen(result.change_fen)
            ),
            "ok",
        )

    # -- Esc ------------------------------------------------------------------------------------
    def escape(self) -> None:
        if self.view.scan.text():
            self.view.scan.clear()
            return
        if not self.session.cart.lines:
            set_message(self.view.message, "", "info")
            return
        dialog = ConfirmDialog(
            self.tr("Clear sale"),
            self.tr("Clear all {n} lines of this sale?").format(n=len(self.session.cart.lines)),
            self.parts.window,
            ok_text=self.tr("Clear"),
        )

        def closed(result: int) -> None:
            if result == ConfirmDialog.DialogCode.Accepted:
                self.session.clear_cart()
                self.say(self.tr("Sale cleared"))

        self.parts.open_dialog(dialog, closed)

    # -- state ------------------------------------------------------------------------------------
    def _busy(self, busy: bool) -> None:
        self.view.buttons["pay"].setEnabled(not busy)

    def _retry_print(self) -> None:
        if self.parts.printing is not None:
            self.parts.printing.retry()

    def _print_state(self) -> None:
        printing = self.parts.printing
        banner = self.view.print_banner
        if printing is None:
            return
        if printing.failed and printing.open_count:
            banner.text.setText(
                self.tr(
                    "Printing failed: {reason}. The receipt is kept in the print queue "
                    "({n} waiting) and can be retried."
                ).format(reason=printing.last_error, n=printing.open_count)
            )
            banner.show()
        elif printing.failed:
            banner.text.setText(
                self.tr(
                    "Printing failed: {reason}. The receipt is kept in the print queue and can "
                    "be retried."
                ).format(reason=printing.last_error)
            )
            banner.show()
        else:
            banner.hide()


def _count_text(lines) -> str:
    pieces = 0
    weighed = 0
    for p in lines:
        if p.line.weighed:
            weighed += 1
        else:
            pieces += p.line.quantity_milli // 1000
    return str(pieces + weighed)
