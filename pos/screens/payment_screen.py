"""Taking the money (F12): cash with change, bank card, WeChat Pay / Alipay payment codes, mixes.

The sale id is made when the dialog opens and travels with every payment-code charge and with
``complete_sale``, so a provider's answer and the committed sale belong together. Charges run as
``device`` operations; completing is a ``write``. After the commit the change is shown big and the
receipt is sent to the printer; a printer failure never touches the sale.

Coupons and members (SPEC §6, §9): when the dialog opens, the sale's coupons are redeemed
centrally for its sale id (``hold_coupons``) before any money is taken; if one is refused (another
counter got it first) the dialog closes and the sale screen takes it off with the reason. With a
member on the sale, F7 pays from the balance and F8 with points (whole points, within the cap),
each taken centrally at once. Going back (Esc) or a completion that fails gives back everything
held for the sale (``release_sale``), and refunds payment-code charges as before.
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
from shared.domain.points import (
    check_points_cap,
    fen_for_points,
    max_points_payment_fen,
    points_for_fen,
    points_for_fen_floor,
)
from shared.domain.tenders import CODE_METHODS, MEMBER_METHODS, Tender, settle
from shared.qt.errors import describe, method_name
from shared.qt.money import fmt_fen, fmt_plain, parse_fen
from shared.services.central_holds import MemberCard
from shared.services.sales import SaleResult

#: methods whose tenders were taken from someone (not just typed): they are given back on leaving
TAKEN_METHODS = CODE_METHODS + MEMBER_METHODS


class PaymentScreen(QObject):
    # the sale committed (``SaleResult``); emitted as soon as the commit returns
    completed = Signal(object)
    # the dialog closed: the ``SaleResult``, or ``None`` when the cashier went back to the sale
    finished = Signal(object)
    # a coupon could not be redeemed for this sale (the refusal; ``details["coupon_code"]`` names
    # the coupon when it is known): the sale screen takes it off the sale
    coupon_refused = Signal(object)

    def __init__(
        self,
        parts: Parts,
        cart: Cart,
        parent: QObject | None = None,
        *,
        member: MemberCard | None = None,
    ) -> None:
        super().__init__(parent)
        self.parts = parts
        self.cart = copy.deepcopy(cart)
        totals = self.cart.totals()
        self.total_fen = totals.total_fen
        self.sale_id = str(new_id())
        #: the member on the sale (balance and points pay), when the cart has one
        self.member = member if member is not None and member.member_id == cart.member_id else None
        #: the coupons are redeemed centrally for this sale (nothing to redeem: True)
        self.coupons_held = not self._held_centrally()
        #: said on the sale screen after going back (e.g. what could not be given back yet)
        self.leave_note = ""
        self._leave_anyway = False
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
            Qt.Key.Key_F7: lambda: self.choose("balance"),
            Qt.Key.Key_F8: lambda: self.choose("points"),
            Qt.Key.Key_F12: self.complete,
            Qt.Key.Key_F6: self.remove_selected,
            Qt.Key.Key_F5: self.query_again,
        }
        for key, fn in shortcuts.items():
            QShortcut(QKeySequence(key), v, fn)
        v.amount.textChanged.connect(self._update_change)
        v.due.setText(fmt_fen(self.total_fen))
        v.show_member_methods(self.member is not None)
        self._coupon_text = "  ".join(
            f"{ct.coupon.rule.name} {fmt_fen(-ct.amount_fen)}" for ct in totals.coupons
        )
        self._show_sale_info()
        self.choose("cash")

    # -- figures ------------------------------------------------------------------------------
    @property
    def paid_fen(self) -> int:
        return sum(t.amount_fen for t in self.tenders)

    @property
    def remaining_fen(self) -> int:
        return max(0, self.total_fen - self.paid_fen)

    def _paid_by(self, method: str) -> int:
        return sum(t.amount_fen for t in self.tenders if t.method == method)

    @property
    def balance_left_fen(self) -> int:
        return max(0, self.member.balance_fen - self._paid_by("balance")) if self.member else 0

    @property
    def points_left(self) -> int:
        if self.member is None:
            return 0
        used = points_for_fen_floor(self._paid_by("points"), self.member.points_per_yuan)
        return max(0, self.member.points - used)

    @property
    def points_max_fen(self) -> int:
        """The most points may still pay: the cap of the sale, the member's points, what is
        still due, in whole points."""
        m = self.member
        if m is None:
            return 0
        capped = max_points_payment_fen(
            self.total_fen,
            m.points,
            points_per_yuan=m.points_per_yuan,
            max_pay_bp=m.points_max_pay_bp,
        )
        room = min(capped - self._paid_by("points"), self.remaining_fen)
        room = min(room, fen_for_points(self.points_left, m.points_per_yuan))
        whole = points_for_fen_floor(max(0, room), m.points_per_yuan)
        return fen_for_points(whole, m.points_per_yuan) if whole else 0

    def _show_sale_info(self) -> None:
        parts = []
        if self._coupon_text:
            parts.append(
                (
                    self.tr("Coupons (redeemed for this sale): {coupons}")
                    if self.coupons_held
                    else self.tr("Coupons: {coupons}")
                ).format(coupons=self._coupon_text)
            )
        m = self.member
        if m is not None:
            parts.append(
                self.tr("Member {phone} {name}: balance {balance}, {points} points").format(
                    phone=m.phone,
                    name=m.name,
                    balance=fmt_fen(self.balance_left_fen),
                    points=self.points_left,
                )
            )
        self.view.set_sale_info("\n".join(parts))

    def _refresh(self) -> None:
        v = self.view
        self.model.set_rows(self.tenders)
        v.paid.setText(fmt_fen(self.paid_fen))
        v.remaining.setText(fmt_fen(self.remaining_fen))
        self._update_change()
        self._show_sale_info()

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
        if not self.coupons_held:
            self.hold_coupons()

    # -- coupons: redeemed before any money is taken --------------------------------------------
    def hold_coupons(self, then=None) -> None:
        """Redeem the sale's coupons centrally for this sale id (``device``: a network call);
        ``then`` runs once they are held."""
        v = self.view
        actor = self.parts.session.actor
        cart, sale_id = self.cart, self.sale_id
        self._set_busy(True)
        if cart.coupons:
            v.show_info(self.tr("Redeeming the coupons with head office…"))
        else:
            v.show_info(self.tr("Reserving the card keys with head office…"))
        self.parts.runner.run(
            lambda: self.parts.backend.hold_coupons(actor, sale_id, cart),
            kind="device",
            owner=v,
            on_done=lambda _none: self._coupons_held(then),
            on_error=self._hold_refused,
            label="hold coupons",
        )

    def _held_centrally(self) -> bool:
        """Whether head office holds something for this sale before money is taken: its
        coupons (redeemed) or its card keys (reserved)."""
        return bool(self.cart.coupons) or any(ln.kind == "card_key" for ln in self.cart.lines)

    def _coupons_held(self, then) -> None:
        self.coupons_held = True
        self._set_busy(False)
        self._show_sale_info()
        if then is not None:
            then()
            return
        if self.cart.coupons:
            self.view.show_info(self.tr("Coupons redeemed for this sale. Take the payment."))
        else:
            self.view.show_info(self.tr("Card keys reserved for this sale. Take the payment."))
        self.view.amount.setFocus()
        self.view.amount.selectAll()

    def _hold_refused(self, exc: BaseException) -> None:
        """Nothing of the coupons stays held (the service released them). Before any money was
        taken, back to the sale, which takes the coupon off; else say so here."""
        v = self.view
        self._set_busy(False)
        self.coupon_refused.emit(exc)
        if not any(t.method in TAKEN_METHODS for t in self.tenders):
            v.reject()
            return
        v.show_error(
            self.tr("{reason}. Go back to the sale (Esc) and take the coupon off.").format(
                reason=describe(exc).rstrip("。.")
            )
        )

    def choose(self, method: str) -> None:
        if self.view.busy or self.result is not None:
            return
        if method in MEMBER_METHODS and self.member is None:
            return
        self.method = method
        v = self.view
        for m, button in v.method_buttons.items():
            button.setChecked(m == method)
        code = method in CODE_METHODS
        v.code.setEnabled(code)  # always laid out, so the dialog never jumps
        v.code_caption.setEnabled(code)
        v.code.clear()
        captions = {
            "cash": self.tr("Cash tendered"),
            "balance": self.tr("By balance"),
            "points": self.tr("By points"),
        }
        v.amount_caption.setText(captions.get(method, self.tr("Amount to charge")))
        v.amount.setText(fmt_plain(self.remaining_fen))
        set_message(v.message, "", "info")
        if method == "balance":
            v.amount.setText(fmt_plain(min(self.remaining_fen, self.balance_left_fen)))
            v.show_info(
                self.tr("The member's balance: {amount}").format(
                    amount=fmt_fen(self.balance_left_fen)
                )
            )
        elif method == "points":
            most = self.points_max_fen
            per_yuan = self.member.points_per_yuan if self.member else 10
            v.amount.setText(fmt_plain(most))
            v.show_info(
                self.tr(
                    "Points can pay at most {amount} ({points} points; the member has {have})"
                ).format(
                    amount=fmt_fen(most),
                    points=points_for_fen_floor(most, per_yuan),
                    have=self.points_left,
                )
            )
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
        if self.method in MEMBER_METHODS:
            self.charge_member()
            return
        if self.remaining_fen == 0 and not v.amount.text().strip(" 0.￥¥"):
            self.complete()  # covered already, or by the coupons alone: nothing more to take
            return
        self.take_amount()

    def _escape(self) -> None:
        v = self.view
        if self.result is not None:
            v.accept()
            return
        if self._leave_anyway:
            v.reject()
            return
        code = any(t.method in CODE_METHODS for t in self.tenders)
        member = any(t.method in MEMBER_METHODS for t in self.tenders)
        if code or member:
            if code and member:
                text = self.tr(
                    "Payments were already taken for this sale. Going back refunds the "
                    "payment-code payment through the provider and gives the balance and points "
                    "back to the member. Go back anyway?"
                )
            elif code:
                text = self.tr(
                    "A payment-code payment has already been taken for this sale. Going back "
                    "refunds it to the customer through the provider. Go back anyway?"
                )
            else:
                text = self.tr(
                    "The member's balance or points already paid part of this sale. Going back "
                    "gives them back to the member. Go back anyway?"
                )
            confirm = ConfirmDialog(
                self.tr("Leave payment?"),
                text,
                v,
                ok_text=self.tr("Refund and go back") if code else self.tr("Give back and go back"),
            )
            self.parts.open_dialog(
                confirm,
                lambda r: (
                    self._release_and_leave() if r == ConfirmDialog.DialogCode.Accepted else None
                ),
            )
            return
        if self._held_centrally() and self.coupons_held:
            self._release_and_leave()  # the coupons go back unused
            return
        v.reject()

    def _release_and_leave(self) -> None:
        v = self.view
        self._set_busy(True)
        if any(t.method in CODE_METHODS for t in self.tenders):
            v.show_info(self.tr("Refunding the payment-code payment…"))
        else:
            v.show_info(self.tr("Giving back what was taken for this sale…"))
        sale_id = self.sale_id
        self.parts.runner.run(
            lambda: self.parts.backend.abandon_sale(sale_id),
            kind="device",
            owner=v,
            on_done=self._released,
            on_error=self._release_failed,
            label="abandon payment",
        )

    def _released(self, abandoned) -> None:
        v = self.view
        self._set_busy(False)
        self.coupons_held = not self._held_centrally()
        self.tenders = [t for t in self.tenders if t.method not in MEMBER_METHODS]
        if any(r.status != "reversed" for r in abandoned.intents):
            v.show_error(
                self.tr(
                    "The provider did not refund every payment: it is listed for a manager to "
                    "refund. The sale was not completed."
                )
            )
            self.tenders = [t for t in self.tenders if not t.provider_ref]
            self._refresh()
            return
        if abandoned.still_held:
            self.leave_note = self.tr(
                "Head office cannot be reached: the coupons and balance/points of the abandoned "
                "sale are given back automatically once it can."
            )
        v.reject()

    def _release_failed(self, exc: BaseException) -> None:
        """Giving back failed (the terminal database, not the network): say why; a second Esc
        leaves anyway when no payment-code money is involved (the background sync gives the
        rest back)."""
        self._set_busy(False)
        self.view.show_error(describe(exc))
        if not any(t.method in CODE_METHODS for t in self.tenders):
            self._leave_anyway = True
            self.leave_note = self.tr(
                "What was held for the abandoned sale is given back by the background sync."
            )

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

    def charge_member(self) -> None:
        """Pay part of the sale from the member's balance or with points, taken centrally at
        once (a ``device`` operation)."""
        v = self.view
        m = self.member
        method = self.method
        if m is None:
            return
        try:
            amount = parse_fen(v.amount.text(), field="amount")
            tender = Tender(method, amount)
            if method == "points":
                points_for_fen(amount, m.points_per_yuan)  # whole points
                check_points_cap(
                    self._paid_by("points") + amount, self.total_fen, m.points_max_pay_bp
                )
            if self.paid_fen + amount >= self.total_fen:
                settle(self.total_fen, [*self.tenders, tender])  # refuses more than is due
        except DomainError as exc:
            v.show_error(describe(exc))
            v.amount.selectAll()
            return
        self._set_busy(True)
        v.show_info(
            self.tr("Taking {amount} from the member's {method}…").format(
                amount=fmt_fen(amount), method=method_name(method)
            )
        )
        actor = self.parts.session.actor
        sale_id, member_id, total = self.sale_id, m.member_id, self.total_fen
        self.parts.runner.run(
            lambda: self.parts.backend.charge_member(
                actor,
                sale_id=sale_id,
                member_id=member_id,
                method=method,
                amount_fen=amount,
                sale_total_fen=total,
            ),
            kind="device",
            owner=v,
            on_done=self._charged,
            on_error=self._member_charge_failed,
            label="member payment",
        )

    def _member_charge_failed(self, exc: BaseException) -> None:
        v = self.view
        self._set_busy(False)
        v.show_error(describe(exc))
        v.amount.setFocus()
        v.amount.selectAll()

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
        if tender.method in MEMBER_METHODS:
            v.show_error(
                self.tr(
                    "A balance or points payment cannot be removed here: it was already taken. "
                    "Going back to the sale (Esc) gives it back."
                )
            )
            return
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
        if self.method in MEMBER_METHODS:
            self.charge_member()  # completes when it covers the sale
            return
        self.take_amount()

    # -- committing -----------------------------------------------------------------------------
    def _commit(self, tenders: list[Tender]) -> None:
        v = self.view
        if not self.coupons_held:  # given back after a failed completion: redeem them again
            self.hold_coupons(then=lambda: self._commit(tenders))
            return
        actor = self.parts.session.actor
        cart = self.cart
        sale_id = self.sale_id
        phone = self.member.phone if self.member is not None else ""
        self._set_busy(True)
        v.show_info(self.tr("Saving the sale…"))
        self.parts.runner.run(
            lambda: self.parts.backend.complete_sale(actor, cart, tenders, sale_id, phone),
            kind="write",
            owner=v,
            on_done=self._committed,
            on_error=self._refused,
            label="complete sale",
        )

    def _refused(self, exc: BaseException) -> None:
        """The sale did not commit: give back the coupons and member payments held for it
        (redeemed again if the cashier completes after all)."""
        self._set_busy(False)
        self.view.show_error(describe(exc))
        held = self.cart.coupons or any(t.method in MEMBER_METHODS for t in self.tenders)
        if not held:
            return
        self._set_busy(True)
        sale_id = self.sale_id
        self.parts.runner.run(
            lambda: self.parts.backend.release_sale(sale_id),
            kind="device",
            owner=self.view,
            on_done=lambda _n: self._given_back(exc),
            on_error=lambda release_exc: self._given_back(exc, release_exc),
            label="release holds",
        )

    def _given_back(self, exc: BaseException, release_exc: BaseException | None = None) -> None:
        self._set_busy(False)
        self.coupons_held = not self._held_centrally()
        had_member = any(t.method in MEMBER_METHODS for t in self.tenders)
        self.tenders = [t for t in self.tenders if t.method not in MEMBER_METHODS]
        self._refresh()
        note = (
            self.tr("The coupons and balance/points payments were given back.")
            if release_exc is None
            else self.tr("They are given back by the background sync.")
        )
        if had_member:
            note += " " + self.tr("Take the balance or points payment again.")
        self.view.show_error(f"{describe(exc)} {note}")

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
