"""What the counter holds while it works: who is signed in, the open shift, the sale being rung up.

Lives on the GUI thread. The cart is the domain ``Cart``; every change goes through its own rules
(``shared.domain.cart``), which raise ``ValidationError`` and leave it unchanged when refused.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from shared.domain.cart import Cart, CartTotals
from shared.domain.permissions import Perm
from shared.services.auth import Actor
from shared.services.context import TerminalContext
from shared.services.sales import SaleResult
from shared.services.shifts import ShiftInfo


class CounterSession(QObject):
    # the cart's lines or discounts changed
    cart_changed = Signal()
    # sign-in, sign-out, shift opened/closed
    staff_changed = Signal()
    # a sale committed (the result)
    sale_completed = Signal(object)
    # a document for the central database committed: "sale", "refund", "shift_open",
    # "shift_close", "cash_move" (background sync sends it shortly)
    document_committed = Signal(str)

    def __init__(self, ctx: TerminalContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.actor: Actor | None = None
        self.shift: ShiftInfo | None = None
        self.cart = Cart()
        self.last_sale: SaleResult | None = None
        self.last_receipt_no: str | None = None

    # -- staff ----------------------------------------------------------------------------------
    def sign_in(self, actor: Actor, shift: ShiftInfo | None) -> None:
        self.actor = actor
        self.shift = shift
        self.staff_changed.emit()

    def set_shift(self, shift: ShiftInfo | None) -> None:
        self.shift = shift
        self.staff_changed.emit()

    def sign_out(self) -> None:
        self.actor = None
        self.shift = None
        self.staff_changed.emit()

    def can(self, perm: Perm) -> bool:
        return self.actor is not None and self.actor.can(perm, self.ctx.store_id)

    @property
    def is_manager(self) -> bool:
        return self.can(Perm.APPROVE)

    # -- the sale -------------------------------------------------------------------------------
    def totals(self) -> CartTotals:
        return self.cart.totals()

    def replace_cart(self, cart: Cart) -> None:
        self.cart = cart
        self.cart_changed.emit()

    def take_cart(self) -> Cart:
        """Hand the current cart over (to park or pay) and start an empty one."""
        cart, self.cart = self.cart, Cart()
        self.cart_changed.emit()
        return cart

    def clear_cart(self) -> None:
        self.cart = Cart()
        self.cart_changed.emit()

    def changed(self) -> None:
        self.cart_changed.emit()

    def record_sale(self, result: SaleResult) -> None:
        self.last_sale = result
        self.last_receipt_no = result.receipt_no
        self.sale_completed.emit(result)
        self.document_committed.emit("sale")

    def committed(self, kind: str) -> None:
        """A refund, shift or cash movement was committed (``document_committed``)."""
        self.document_committed.emit(kind)
