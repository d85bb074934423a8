"""The sale (收银): scanning, the cart, coupons, the member, and every F-key.

The scan field keeps the focus. Each Enter in it starts a catalog lookup as a read operation in
the "scan" lane, so lines land in scan order however fast the scanner fires; the field is free for
the next scan at once. Cart edits are the domain ``Cart``'s own rules, applied on the GUI thread.

A scanned coupon code or coupon QR (not a product barcode: those are digits) is checked with the
central database as a ``device`` operation in the same lane, then applied by the cart's rules; it
is redeemed only when the payment dialog opens (``PaymentScreen``), and given back if the sale is
abandoned. Ctrl+M finds a member by phone (member prices apply, balance and points can pay),
Ctrl+T tops up the member's balance in cash. Ctrl+K looks stock up at head office; Ctrl+I counts
stock (盘点扫码) for the store's open count sheet.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import replace

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication

from pos.dialogs.discount import PERCENT, DiscountDialog
from pos.dialogs.help import HelpDialog
from pos.dialogs.member import MemberLookupDialog, TopUpDialog
from pos.dialogs.parked import ParkedSalesDialog
from pos.dialogs.serial import SerialDialog
from pos.dialogs.simple import ConfirmDialog, ValueDialog
from pos.dialogs.stock_count import open_stock_count
from pos.dialogs.stock_lookup import open_stock_lookup
from pos.models.cart_model import CartTableModel
from pos.models.coupon_model import CouponTableModel
from pos.models.parked_model import ParkedSalesModel
from pos.screens.approval import request_approval
from pos.screens.base import Parts
from pos.screens.payment_screen import PaymentScreen
from pos.screens.returns_screen import ReturnsScreen
from pos.screens.search_screen import SearchScreen
from pos.views.sale_view import SaleView
from pos.views.widgets import set_message
from shared.domain.cart import Cart, CartLine, Discount
from shared.domain.coupons import AppliedCoupon, is_qr_payload, looks_like_coupon_code
from shared.domain.errors import DomainError, ValidationError
from shared.domain.money import parse_percent
from shared.domain.permissions import Perm
from shared.domain.receipt_no import RECEIPT_RE
from shared.qt.errors import describe
from shared.qt.money import fmt_fen, fmt_quantity, parse_fen, parse_quantity
from shared.services import serials
from shared.services.auth import Actor
from shared.services.central_holds import MemberCard
from shared.services.members import TopUp
from shared.services.sales import SaleResult
from shared.services.suspended import ParkedSale

# "3*6901234567892": three of the item
_MULTIPLY = re.compile(r"^(\d{1,4})\s*[*xX×]\s*(\S+)$")


def is_coupon_scan(text: str) -> bool:
    """A coupon's printed code or its signed QR, not a product code (barcodes are digits)."""
    return is_qr_payload(text) or (not text.isdigit() and looks_like_coupon_code(text))


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
        self.coupon_model = CouponTableModel(self.view)
        self.view.coupons.setModel(self.coupon_model)
        self.view.configure_cart()
        #: the coupon row chosen with Up/Down (Del / F6 removes it), else None
        self.selected_coupon: str | None = None
        #: members looked up on this counter, by id (the cart holds only the id)
        self._members: dict[str, MemberCard] = {}
        #: cash top-ups taken here that the central balance does not show yet, by member id
        self._topped_up: dict[str, int] = {}
        self.member_dialog: MemberLookupDialog | None = None
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
        for name, key, fn in (
            ("member", "Ctrl+M", self.member),
            ("topup", "Ctrl+T", self.top_up),
            ("stock", "Ctrl+K", self.stock_lookup),
            ("count", "Ctrl+I", self.stock_count),
        ):
            sc = QShortcut(QKeySequence(key), v, fn)
            sc.setContext(Qt.ShortcutContext.WindowShortcut)
            self.shortcuts[name] = sc
        v.member.member_button.clicked.connect(lambda _checked=False: self.member())
        v.member.topup_button.clicked.connect(lambda _checked=False: self.top_up())
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
        self.coupon_model.set_totals(totals)
        self.view.fit_coupons(self.coupon_model.rowCount())
        t = self.view.totals
        t.count.setText(_count_text(totals.lines))
        t.subtotal.setText(fmt_fen(totals.subtotal_fen))
        t.discount.setText(fmt_fen(-totals.discount_fen) if totals.discount_fen else fmt_fen(0))
        t.coupons.setText(fmt_fen(-totals.coupon_discount_fen))
        t.set_coupons_visible(bool(totals.coupons))
        t.due.setText(fmt_fen(totals.total_fen))
        self._show_member()
        coupon = self.selected_coupon
        if coupon is not None and self.coupon_model.row_of(coupon) >= 0:
            self._select_coupon(coupon)
        elif selected is not None and self.model.row_of(selected) >= 0:
            self.select_line(selected)
        elif self.model.rowCount():
            self.select_line(self.model.line_id_at(self.model.rowCount() - 1) or "")
        else:
            self.selected_coupon = None

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
            self._select_coupon(None)
            self.view.cart.selectRow(row)
            self.view.cart.scrollTo(self.model.index(row, 0))

    def _select_coupon(self, code: str | None) -> None:
        """Choose a coupon row (the cart's line selection is cleared), or none."""
        self.selected_coupon = code
        coupons = self.view.coupons
        row = self.coupon_model.row_of(code) if code is not None else -1
        if row < 0:
            self.selected_coupon = None
            if coupons.selectionModel() is not None:
                coupons.clearSelection()
            return
        if self.view.cart.selectionModel() is not None:
            self.view.cart.clearSelection()
        coupons.selectRow(row)
        coupons.scrollTo(self.coupon_model.index(row, 0))

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
        """Up/Down through the lines, then on into the coupon rows under them."""
        lines = self.model.rowCount()
        count = lines + self.coupon_model.rowCount()
        if not count:
            return
        if self.selected_coupon is not None:
            current = lines + max(0, self.coupon_model.row_of(self.selected_coupon))
        else:
            rows = self.view.cart.selectionModel().selectedRows()
            current = rows[0].row() if rows else lines - 1
        target = max(0, min(count - 1, current + step))
        if target < lines:
            self.select_line(self.model.line_id_at(target) or "")
        else:
            self._select_coupon(self.coupon_model.code_at(target - lines))

    # -- scanning -------------------------------------------------------------------------------
    def scan_entered(self) -> None:
        text = self.view.scan.text().strip()
        self.view.scan.clear()
        if not text:
            return
        if RECEIPT_RE.match(text.upper()):
            self.open_returns(text)  # a receipt's QR code: the customer is returning something
            return
        if is_coupon_scan(text):
            self.scan_coupon(text)
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
            if line.serial_tracked and quantity != 1:
                self.fail(self.tr("Serial-tracked items are scanned one unit at a time"))
                self._scans_settled()
                return
            line = replace(line, quantity_milli=quantity * 1000)
        if line.serial_tracked and not line.serial_no:
            self.ask_serial(line)
        else:
            self.add_line(line)
        self._scans_settled()

    def ask_serial(self, line: CartLine) -> None:
        """A serial-tracked item: scan the unit's serial number; head office says whether that
        unit is in stock here (offline it is taken and checked when the sale syncs)."""
        dialog = SerialDialog(line.name, self.parts.window)
        backend = self.parts.backend

        def submitted(serial: str) -> None:
            self.parts.runner.run(
                lambda: backend.serial_line(line, serial),
                kind="device",
                owner=dialog,
                on_done=checked,
                on_error=lambda exc: dialog.refused(describe(exc)),
                label="check serial",
            )

        def checked(result: serials.SerialOnLine) -> None:
            try:
                self.session.cart.add(result.line)
            except DomainError as exc:
                dialog.refused(describe(exc))
                return
            dialog.set_busy(False)
            dialog.accept()
            self.session.changed()
            self.select_line(result.line.line_id)
            if result.checked:
                self.say(
                    self.tr("{name}  S/N {serial}  {amount}").format(
                        name=result.line.name,
                        serial=result.line.serial_no,
                        amount=fmt_fen(result.line.gross_fen),
                    ),
                    "ok",
                )
            else:
                self.say(
                    self.tr(
                        "{name}  S/N {serial}: not checked (head office unreachable); "
                        "it is checked when the sale syncs"
                    ).format(name=result.line.name, serial=result.line.serial_no),
                    "warning",
                )

        dialog.submitted.connect(submitted)
        self.parts.open_dialog(dialog)

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

    # -- coupons --------------------------------------------------------------------------------
    def scan_coupon(self, text: str) -> None:
        """Ask the central database about a scanned coupon (``device``: a network call) in the
        scan lane, so it lands after the items scanned before it; then apply its rule."""
        self.pending_scans += 1
        actor = self.session.actor
        backend = self.parts.backend
        self.say(self.tr("Checking the coupon with head office…"))
        self.parts.runner.run(
            lambda: backend.check_coupon(actor, text),
            kind="device",
            lane="scan",
            owner=self.view,
            on_done=self._coupon_checked,
            on_error=self._scan_failed,
            label="check coupon",
        )

    def _coupon_checked(self, coupon: AppliedCoupon) -> None:
        self.pending_scans -= 1
        try:
            self.session.cart.add_coupon(coupon)
        except DomainError as exc:
            self.fail(exc)
            self._scans_settled()
            return
        self.session.changed()
        self._select_coupon(coupon.code)
        amount = next(
            (c.amount_fen for c in self.session.totals().coupons if c.coupon.code == coupon.code),
            0,
        )
        self.say(
            self.tr("Coupon {name}  {amount}").format(
                name=coupon.rule.name, amount=fmt_fen(-amount)
            ),
            "ok",
        )
        self._scans_settled()

    def remove_coupon(self, code: str) -> None:
        coupon = next((c for c in self.session.cart.coupons if c.code == code), None)
        if coupon is None:
            return
        dialog = ConfirmDialog(
            self.tr("Remove coupon"),
            self.tr("Remove coupon {name} from the sale?").format(name=coupon.rule.name),
            self.parts.window,
            ok_text=self.tr("Remove"),
        )

        def closed(result: int) -> None:
            if result == ConfirmDialog.DialogCode.Accepted:
                self.session.cart.remove_coupon(code)
                self.selected_coupon = None
                self.session.changed()
                self.say(self.tr("Removed coupon {name}").format(name=coupon.rule.name))

        self.parts.open_dialog(dialog, closed)

    def _coupon_refused(self, exc: BaseException) -> None:
        """The payment could not redeem a coupon (another counter got it first, ...): take it
        off the sale and say why."""
        code = exc.details.get("coupon_code") if isinstance(exc, DomainError) else None
        cart = self.session.cart
        coupon = next((c for c in cart.coupons if c.code == code), None)
        if coupon is None or getattr(exc, "code", "") == "verification_offline":
            self.fail(
                self.tr("{reason}. Remove the coupon (choose it, Del) to sell without it.").format(
                    reason=describe(exc).rstrip("。.")
                )
            )
            return
        cart.remove_coupon(coupon.code)
        self.selected_coupon = None
        self.session.changed()
        self.fail(
            self.tr("Coupon {name} was taken off the sale: {reason}").format(
                name=coupon.rule.name, reason=describe(exc)
            )
        )

    # -- Ctrl+K stock ---------------------------------------------------------------------------
    def stock_lookup(self) -> None:
        """Ctrl+K: stock of an item here and at the other stores (asked of head office); what is
        typed in the scan field is looked up at once."""
        if self.parts.dialogs:
            return
        text = self.view.scan.text().strip()
        self.view.scan.clear()
        open_stock_lookup(self.parts, text)

    # -- Ctrl+I counting stock ------------------------------------------------------------------
    def stock_count(self) -> None:
        """Ctrl+I: count stock (盘点扫码) for the store's open count sheet, offline too."""
        if self.parts.dialogs:
            return
        if not self.session.can(Perm.COUNT_STOCK):
            actor = self.session.actor
            self.fail(
                self.tr("{name} may not count stock at this store").format(
                    name=actor.name if actor is not None else ""
                )
            )
            return
        open_stock_count(self.parts)

    # -- Ctrl+M / Ctrl+T members ------------------------------------------------------------------
    @property
    def member_card(self) -> MemberCard | None:
        member_id = self.session.cart.member_id
        return self._members.get(member_id) if member_id else None

    def _show_member(self) -> None:
        card = self.member_card
        strip = self.view.member
        if card is None:
            strip.show_member(
                self.tr("No member on this sale: Ctrl+M finds one by mobile number"), False
            )
            return
        parts = [
            card.phone,
            card.name,
            self.tr("{points} points").format(points=card.points),
            self.tr("Balance {amount}").format(amount=fmt_fen(card.balance_fen)),
        ]
        pending = self._topped_up.get(card.member_id, 0)
        if pending:
            parts[-1] += " " + self.tr("(+{amount} topped up)").format(amount=fmt_fen(pending))
        saving = self.session.cart.member_saving_fen
        if saving:
            parts.append(self.tr("Member prices save {amount}").format(amount=fmt_fen(saving)))
        strip.show_member("  ·  ".join(parts), True)

    def member(self) -> None:
        """Ctrl+M: find a member by phone; with a member on the sale, take them off."""
        if self.parts.dialogs:
            return
        card = self.member_card
        if card is not None or self.session.cart.member_id:
            self._remove_member(card)
            return
        dialog = MemberLookupDialog(self.parts.window)
        self.member_dialog = dialog
        actor = self.session.actor
        backend = self.parts.backend

        def submitted(phone: str) -> None:
            self.parts.runner.run(
                lambda: backend.find_member(actor, phone),
                kind="device",
                owner=dialog,
                on_done=found,
                on_error=lambda exc: dialog.refused(self._member_refusal(exc)),
                label="find member",
            )

        def found(card: MemberCard) -> None:
            try:
                self.session.cart.set_member(card.member_id)
            except DomainError as exc:
                dialog.refused(describe(exc))
                return
            self._members[card.member_id] = card
            dialog.set_busy(False)
            dialog.accept()
            self.session.changed()
            self.say(
                self.tr("Member {name} ({phone}): member prices apply").format(
                    name=card.name, phone=card.phone
                ),
                "ok",
            )

        dialog.submitted.connect(submitted)
        self.parts.open_dialog(dialog)

    def _member_refusal(self, exc: BaseException) -> str:
        if getattr(exc, "code", "") == "verification_offline":
            return self.tr("Looking a member up needs a connection to head office")
        return describe(exc)

    def _remove_member(self, card: MemberCard | None) -> None:
        who = f"{card.name} ({card.phone})" if card else ""
        dialog = ConfirmDialog(
            self.tr("Remove member"),
            self.tr("Take member {who} off this sale? Member prices no longer apply.").format(
                who=who
            ),
            self.parts.window,
            ok_text=self.tr("Remove"),
        )

        def closed(result: int) -> None:
            if result != ConfirmDialog.DialogCode.Accepted:
                return
            try:
                self.session.cart.set_member(None)
            except DomainError as exc:
                self.fail(exc)
                return
            self.session.changed()
            self.say(self.tr("Member taken off the sale"))

        self.parts.open_dialog(dialog, closed)

    def top_up(self) -> None:
        """Ctrl+T: the member on the sale tops up their balance in cash."""
        if self.parts.dialogs:
            return
        card = self.member_card
        if card is None:
            self.fail(self.tr("Find the member first (Ctrl+M), then top up"))
            return
        dialog = TopUpDialog(
            self.tr("{name} ({phone}), balance {balance}").format(
                name=card.name, phone=card.phone, balance=fmt_fen(card.balance_fen)
            ),
            self.parts.window,
        )
        actor = self.session.actor
        backend = self.parts.backend

        def submitted(text: str) -> None:
            try:
                amount = parse_fen(text, field="amount")
                if amount <= 0:
                    raise ValidationError(
                        "a top-up must be above zero", code="payment_not_positive"
                    )
            except DomainError as exc:
                dialog.refused(describe(exc))
                return
            dialog.set_busy(True)
            confirm = ConfirmDialog(
                self.tr("Confirm top-up"),
                self.tr(
                    "Take {amount} in cash and add it to the balance of {name} ({phone})?"
                ).format(amount=fmt_fen(amount), name=card.name, phone=card.phone),
                dialog,
                ok_text=self.tr("Take cash and top up"),
            )
            self.parts.open_dialog(confirm, lambda r: confirmed(r, amount))

        def confirmed(result: int, amount: int) -> None:
            if result != ConfirmDialog.DialogCode.Accepted:
                dialog.set_busy(False)
                dialog.amount.setFocus()
                dialog.amount.selectAll()
                return
            dialog.show_info(self.tr("Saving the top-up…"))
            self.parts.runner.run(
                lambda: backend.top_up(actor, card.member_id, card.phone, amount),
                kind="write",
                owner=dialog,
                on_done=done,
                on_error=lambda exc: dialog.refused(describe(exc)),
                label="member top-up",
            )

        def done(topped: TopUp) -> None:
            dialog.set_busy(False)
            dialog.accept()
            self._topped_up[card.member_id] = (
                self._topped_up.get(card.member_id, 0) + topped.amount_fen
            )
            self.session.committed("member_topup")
            self._show_member()
            self.say(
                self.tr(
                    "Topped up {amount} for {phone}: put the cash in the drawer. The balance "
                    "shows it after the next sync."
                ).format(amount=fmt_fen(topped.amount_fen), phone=card.phone),
                "ok",
            )

        dialog.submitted.connect(submitted)
        self.parts.open_dialog(dialog)

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
            ("Ctrl+M", self.tr("Find a member by phone / take the member off")),
            ("Ctrl+T", self.tr("Top up the member's balance (cash)")),
            ("Ctrl+K", self.tr("Stock of an item here and at the other stores")),
            ("Ctrl+I", self.tr("Count stock: scan the shelf for the store's count sheet")),
            (self.tr("Scan coupon"), self.tr("Apply a coupon (its code or QR)")),
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
        if self.selected_coupon is not None:
            self.remove_coupon(self.selected_coupon)
            return
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
                current = self.session.cart
                current.lines[:0] = cart.lines
                with contextlib.suppress(DomainError):  # the lines at this sale's member prices
                    current.set_member(current.member_id)
                self.session.changed()
            else:
                if cart.member_id and cart.member_id not in self._members:
                    # parked before this counter started: the member is looked up again
                    with contextlib.suppress(DomainError):
                        cart.set_member(None)
                    if not cart.member_id:
                        self.session.replace_cart(cart)
                        self.say(
                            self.tr("Sale resumed. Look the member up again (Ctrl+M)."), "warning"
                        )
                        return
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
        screen = PaymentScreen(self.parts, self.session.cart, member=self.member_card)
        self.payment = screen
        screen.completed.connect(self._paid)
        screen.coupon_refused.connect(self._coupon_refused)
        screen.finished.connect(self._payment_closed)
        screen.open()

    def _payment_closed(self, result: SaleResult | None) -> None:
        screen = self.payment
        note = screen.leave_note if screen is not None else ""
        if result is None and note:
            self.say(note, "warning")

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
