"""Every service call the counter makes, as plain functions of plain data.

These run on the operation runner's worker threads (never on the GUI thread, never touching a
widget): each opens its own unit of work — ``db.uow()`` for writes, ``db.reader()`` for reads —
calls one service and returns its DTO. The screens decide WHEN to call them and on which executor
(``kind="write" | "read" | "device"``); this module decides nothing about the interface.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass

from shared.db.uow import Database
from shared.domain.card_key_crypto import Keyring
from shared.domain.cart import Cart, CartLine
from shared.domain.coupons import AppliedCoupon
from shared.domain.errors import DomainError
from shared.domain.tenders import Tender
from shared.printing import Receipt, ReceiptLine, ReceiptPayment, render_escpos
from shared.printing.config import PrinterConfig
from shared.printing.document import Document
from shared.printing.sinks import PrinterSink, open_sink
from shared.services import (
    auth,
    card_key_sales,
    catalog,
    central_holds,
    members,
    payments,
    print_queue,
    refunds,
    sales,
    serials,
    shifts,
    stock_count,
    suspended,
    sync_status,
    terminal_settings,
)
from shared.services.auth import Actor
from shared.services.central_holds import MemberCard
from shared.services.context import TerminalContext, load_terminal
from shared.services.payment_provider import PaymentProvider
from shared.services.verification import OFFLINE_MESSAGE, VerificationOffline
from shared.sync.errors import CentralUnreachable
from shared.sync.gateway import CentralGateway

log = logging.getLogger(__name__)

SinkFactory = Callable[[PrinterConfig], PrinterSink]
CentralFactory = Callable[[], CentralGateway]


@dataclass(frozen=True)
class LoginOutcome:
    actor: Actor
    shift: shifts.ShiftInfo | None


@dataclass(frozen=True)
class Abandoned:
    """What going back from the payment gave back: payment-code refunds, and the coupons and
    member payments released centrally (``still_held``: not reachable now, released later by the
    background sync's sweep)."""

    intents: list[payments.IntentView]
    released: int
    still_held: int


class CounterBackend:
    """The counter's door to the services: one terminal database, its context, a provider."""

    def __init__(
        self,
        db: Database,
        ctx: TerminalContext,
        *,
        provider: PaymentProvider,
        sink_factory: SinkFactory | None = None,
        central: CentralFactory | None = None,
        keyring: Keyring | None = None,
    ) -> None:
        self.db = db
        #: the card-key encryption keys (configuration): opens issued keys for the receipt
        self.keyring = keyring
        self.ctx = ctx
        self.provider = provider
        self.sink_factory: SinkFactory = sink_factory or open_sink
        # the central database, for what only it decides (coupons, member balances and points):
        # the gateway is made on first use, on a worker, and kept
        self._central = central
        self._gateway: CentralGateway | None = None
        self._gateway_lock = threading.Lock()

    # -- staff ------------------------------------------------------------------------------------
    def counter_staff(self) -> list[auth.StaffChoice]:
        with self.db.reader() as uow:
            return auth.counter_staff(uow, self.ctx.store_id)

    def login(self, account: str, pin: str) -> LoginOutcome:
        """Sign in with a PIN (a write: failures and lock-outs are recorded), then read the shift."""
        with self.db.uow() as uow:
            actor = auth.login_with_pin(
                uow,
                account,
                pin,
                store_id=self.ctx.store_id,
                attempts=self.ctx.lockout_attempts,
                minutes=self.ctx.lockout_minutes,
            )
        with self.db.reader() as uow:
            return LoginOutcome(actor, shifts.current_shift(uow, self.ctx))

    def approve(self, account: str, pin: str, action: str, requested_by: Actor | None) -> Actor:
        with self.db.uow() as uow:
            return auth.approve(
                uow,
                account,
                pin,
                store_id=self.ctx.store_id,
                action=action,
                requested_by=requested_by,
                attempts=self.ctx.lockout_attempts,
                minutes=self.ctx.lockout_minutes,
            )

    # -- shifts -----------------------------------------------------------------------------------
    def current_shift(self) -> shifts.ShiftInfo | None:
        with self.db.reader() as uow:
            return shifts.current_shift(uow, self.ctx)

    def open_shift(self, actor: Actor, float_fen: int) -> shifts.ShiftInfo:
        with self.db.uow() as uow:
            return shifts.open_shift(uow, self.ctx, actor, float_fen)

    def print_x_report(self, actor: Actor) -> str:
        with self.db.uow() as uow:
            return shifts.print_x_report(uow, self.ctx, actor)

    def x_report(self):
        with self.db.reader() as uow:
            return shifts.x_report(uow, self.ctx)

    def cash_move(self, actor: Actor, direction: str, amount_fen: int, reason: str) -> str:
        with self.db.uow() as uow:
            return shifts.cash_move(uow, self.ctx, actor, direction, amount_fen, reason)

    def close_shift(
        self, actor: Actor, counted_fen: int | None, denominations: dict[int, int] | None
    ) -> shifts.CloseResult:
        with self.db.uow() as uow:
            return shifts.close_shift(
                uow, self.ctx, actor, counted_fen, denominations=denominations or None
            )

    # -- catalog ----------------------------------------------------------------------------------
    def scan(self, code: str) -> CartLine:
        with self.db.reader() as uow:
            return catalog.scan(uow, self.ctx, code)

    def search(self, query: str) -> list[catalog.SkuHit]:
        with self.db.reader() as uow:
            return catalog.search(uow, self.ctx, query)

    def line_for_sku(self, sku_id: str) -> CartLine:
        with self.db.reader() as uow:
            return catalog.line_for_sku(uow, self.ctx, sku_id)

    # -- selling ----------------------------------------------------------------------------------
    def complete_sale(
        self,
        actor: Actor,
        cart: Cart,
        tenders: list[Tender],
        sale_id: str,
        member_phone: str = "",
    ) -> sales.SaleResult:
        with self.db.uow() as uow:
            return sales.complete_sale(
                uow,
                self.ctx,
                actor,
                cart,
                tenders,
                sale_id=sale_id,
                member_phone=member_phone,
                keyring=self.keyring,
            )

    def charge(self, *, sale_id: str, method: str, auth_code: str, amount_fen: int) -> Tender:
        """A payment-code charge: talks to the provider, so it runs as a ``device`` operation."""
        return payments.charge(
            self.db,
            self.ctx,
            self.provider,
            sale_id=sale_id,
            method=method,
            auth_code=auth_code,
            amount_fen=amount_fen,
        )

    def query_again(self, out_trade_no: str) -> Tender:
        """Ask the provider again about a charge whose result was unknown (``device``)."""
        return payments.query_again(self.db, self.provider, out_trade_no)

    def release_payments(self, sale_id: str) -> list[payments.IntentView]:
        """Refund every payment-code charge of an abandoned sale (a ``device`` operation)."""
        return payments.release(self.db, self.provider, sale_id)

    # -- the central database: coupons and members (``device``: network calls) ---------------
    def gateway(self) -> CentralGateway:
        """The gateway to the central database, made on first use and reused; without one
        (no central database configured, or it cannot be opened) ``VerificationOffline``."""
        if self._central is None:
            raise VerificationOffline(OFFLINE_MESSAGE, cause="no central database configured")
        with self._gateway_lock:
            if self._gateway is None:
                try:
                    self._gateway = self._central()
                except (CentralUnreachable, DomainError) as exc:
                    raise VerificationOffline(OFFLINE_MESSAGE, cause=str(exc)) from exc
            return self._gateway

    def close(self) -> None:
        """Release the central gateway (after the runner has shut down)."""
        with self._gateway_lock:
            gateway, self._gateway = self._gateway, None
        close = getattr(gateway, "close", None)
        if callable(close):
            close()

    def check_coupon(self, actor: Actor, text: str) -> AppliedCoupon:
        """A coupon scanned into a sale: checked centrally, not yet redeemed."""
        return central_holds.check_coupon(self.gateway(), self.ctx, actor, text)

    def hold_coupons(self, actor: Actor, sale_id: str, cart: Cart) -> None:
        """Redeem the cart's coupons for ``sale_id`` before any money is taken.

        On a refusal, the refused coupon's code is added to the error's details
        (``coupon_code``) when it can be told: the other coupons are asked about again.
        """
        if cart.coupons:
            gateway = self.gateway()
            try:
                central_holds.hold_coupons(
                    self.db, gateway, self.ctx, actor, sale_id=sale_id, cart=cart
                )
            except DomainError as exc:
                if "coupon_code" not in exc.details:
                    code = self._refused_coupon(gateway, actor, cart, exc)
                    if code is not None:
                        exc.details["coupon_code"] = code
                raise
        if card_key_sales.card_key_lines(cart):
            # card keys: reserved in the pool now, or (offline, pool sold out) from the lease
            try:
                gateway = self.gateway()
            except VerificationOffline:
                gateway = None
            try:
                card_key_sales.hold_card_keys(
                    self.db, gateway, self.ctx, actor, sale_id=sale_id, cart=cart
                )
            except DomainError:
                if cart.coupons:
                    self.release_sale(sale_id)
                raise

    def _refused_coupon(
        self, gateway: CentralGateway, actor: Actor, cart: Cart, exc: DomainError
    ) -> str | None:
        if isinstance(exc, VerificationOffline):
            return None
        if len(cart.coupons) == 1:
            return cart.coupons[0].code
        for coupon in cart.coupons:  # everything held was released: ask which one is refused
            try:
                central_holds.check_coupon(gateway, self.ctx, actor, coupon.code)
            except DomainError:
                return coupon.code
        return None

    def find_member(self, actor: Actor, phone: str) -> MemberCard:
        return central_holds.find_member(self.gateway(), self.ctx, actor, phone)

    def charge_member(
        self,
        actor: Actor,
        *,
        sale_id: str,
        member_id: str,
        method: str,
        amount_fen: int,
        sale_total_fen: int,
    ) -> Tender:
        """Pay part of the sale from the member's balance or points (taken centrally, once)."""
        return central_holds.charge_member(
            self.db,
            self.gateway(),
            self.ctx,
            actor,
            sale_id=sale_id,
            member_id=member_id,
            method=method,
            amount_fen=amount_fen,
            sale_total_fen=sale_total_fen,
        )

    def serial_line(self, line: CartLine, serial: str) -> serials.SerialOnLine:
        """A serial-tracked line with its unit's serial number, checked with head office
        (``device``: a network call); offline it is taken unchecked (``checked`` False)."""
        try:
            gateway = self.gateway()
        except VerificationOffline:
            gateway = None
        return serials.for_sale(gateway, self.ctx.store_code, line, serial)

    def stock(self, code: str) -> dict:
        """Stock of a SKU at this store and at the others, asked of head office (``device``: a
        network call): ``db.queries.stock.stock_at``'s answer; an unknown code is its domain
        error, no connection ``CentralUnreachable`` with code ``stock_offline``."""
        from shared.db.queries import stock as stock_queries

        try:
            answer = self.gateway().stock(code, self.ctx.store_code)
        except (CentralUnreachable, VerificationOffline) as exc:
            raise CentralUnreachable(
                stock_queries.OFFLINE_MESSAGE, code="stock_offline", cause=str(exc)
            ) from exc
        return stock_queries.checked(answer)

    # -- counting stock (盘点扫码): offline, through the outbox ---------------------------------
    def count_stock(
        self, actor: Actor, code: str, qty_milli: int | None = None
    ) -> stock_count.Counted:
        """One scan counted for the store's open count sheet (a write: one outbox message)."""
        with self.db.uow() as uow:
            return stock_count.count(uow, self.ctx, actor, code, qty_milli)

    def message_states(self, msg_ids: list[str]) -> dict[str, sync_status.MessageState]:
        """Whether these outbox messages wait or were sent, with the central answer (a read)."""
        return sync_status.message_states(self.db, msg_ids)

    def release_sale(self, sale_id: str) -> int:
        """Give back the coupons and member payments held for a sale that will not commit."""
        if self._central is None:
            return 0
        try:
            gateway = self.gateway()
        except VerificationOffline as exc:
            log.warning("holds of sale %s not released yet: %s", sale_id, exc)
            return 0
        return central_holds.release_sale(self.db, gateway, sale_id)

    def abandon_sale(self, sale_id: str) -> Abandoned:
        """The cashier went back from the payment: refund the payment-code charges through the
        provider, and release what is held centrally for the sale."""
        intents = payments.release(self.db, self.provider, sale_id)
        released = self.release_sale(sale_id)
        with self.db.reader() as uow:
            still = len(central_holds.coupons_held(uow, sale_id)) + len(
                central_holds.member_payments_held(uow, sale_id)
            )
        return Abandoned(intents, released, still)

    def top_up(
        self, actor: Actor, member_id: str, member_phone: str, amount_fen: int
    ) -> members.TopUp:
        """Cash into the drawer and onto the member's balance (credited centrally by sync)."""
        with self.db.uow() as uow:
            return members.top_up(
                uow,
                self.ctx,
                actor,
                member_id=member_id,
                member_phone=member_phone,
                amount_fen=amount_fen,
            )

    def park(self, actor: Actor, cart: Cart, label: str) -> str:
        with self.db.uow() as uow:
            return suspended.suspend(uow, self.ctx, actor, cart, label)

    def parked(self) -> list[suspended.ParkedSale]:
        with self.db.reader() as uow:
            return suspended.parked(uow, self.ctx)

    def resume(self, actor: Actor, park_id: str) -> Cart:
        with self.db.uow() as uow:
            return suspended.resume(uow, self.ctx, actor, park_id)

    # -- returns ----------------------------------------------------------------------------------
    def find_sale(self, receipt_no: str) -> sales.SaleView:
        with self.db.reader() as uow:
            return sales.find_sale(uow, self.ctx, receipt_no)

    def refund(
        self,
        actor: Actor,
        receipt_no: str,
        items: list[refunds.RefundItem] | None,
        *,
        approver: Actor | None,
        reason: str,
    ) -> refunds.RefundResult:
        with self.db.uow() as uow:
            return refunds.refund(
                uow, self.ctx, actor, receipt_no, items, approver=approver, reason=reason
            )

    # -- printing ---------------------------------------------------------------------------------
    def print_job(self, job_id: str, config: PrinterConfig) -> print_queue.PrintOutcome:
        return print_queue.print_job(self.db, job_id, config, sink_factory=self.sink_factory)

    def drain(self, config: PrinterConfig) -> list[print_queue.PrintOutcome]:
        return print_queue.drain(self.db, config, sink_factory=self.sink_factory)

    def open_jobs(self) -> list[print_queue.JobView]:
        return print_queue.open_jobs(self.db)

    def reprint(self, actor: Actor, ref: str) -> str:
        return print_queue.reprint(self.db, self.ctx, actor, ref)

    def job_document(self, job_id: str) -> Document:
        return print_queue.job_document(self.db, job_id)

    def test_print(self, config: PrinterConfig, sample: Receipt) -> None:
        config.validate()
        data = render_escpos(sample, paper_mm=config.paper_mm, copies=1)
        self.sink_factory(config).send(data)

    def save_printer(
        self, actor: Actor, config: PrinterConfig, requested_by: Actor | None = None
    ) -> TerminalContext:
        with self.db.uow() as uow:
            terminal_settings.save_printer(uow, self.ctx, actor, config, requested_by=requested_by)
        with self.db.reader() as uow:
            return load_terminal(uow)


def sample_receipt(ctx: TerminalContext, config: PrinterConfig, title: str) -> Receipt:
    """A small receipt for "test print": the store's name, one line, the configured texts."""
    return Receipt(
        store_name=ctx.store_name,
        receipt_no="000000-00-0000",
        issued_at="",
        cashier="",
        terminal_number=ctx.number,
        lines=(ReceiptLine(title, "1", "", 0, 0),),
        subtotal_fen=0,
        discount_fen=0,
        total_fen=0,
        paid_fen=0,
        change_fen=0,
        payments=(ReceiptPayment("cash", 0),),
        header=config.header or ctx.receipt_header,
        footer=config.footer or ctx.receipt_footer,
        language=ctx.language,
    )
