"""Every service call the counter makes, as plain functions of plain data.

These run on the operation runner's worker threads (never on the GUI thread, never touching a
widget): each opens its own unit of work — ``db.uow()`` for writes, ``db.reader()`` for reads —
calls one service and returns its DTO. The screens decide WHEN to call them and on which executor
(``kind="write" | "read" | "device"``); this module decides nothing about the interface.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from shared.db.uow import Database
from shared.domain.cart import Cart, CartLine
from shared.domain.tenders import Tender
from shared.printing import Receipt, ReceiptLine, ReceiptPayment, render_escpos
from shared.printing.config import PrinterConfig
from shared.printing.document import Document
from shared.printing.sinks import PrinterSink, open_sink
from shared.services import (
    auth,
    catalog,
    payments,
    print_queue,
    refunds,
    sales,
    shifts,
    suspended,
    terminal_settings,
)
from shared.services.auth import Actor
from shared.services.context import TerminalContext, load_terminal
from shared.services.payment_provider import PaymentProvider

SinkFactory = Callable[[PrinterConfig], PrinterSink]


@dataclass(frozen=True)
class LoginOutcome:
    actor: Actor
    shift: shifts.ShiftInfo | None


class CounterBackend:
    """The counter's door to the services: one terminal database, its context, a provider."""

    def __init__(
        self,
        db: Database,
        ctx: TerminalContext,
        *,
        provider: PaymentProvider,
        sink_factory: SinkFactory | None = None,
    ) -> None:
        self.db = db
        self.ctx = ctx
        self.provider = provider
        self.sink_factory: SinkFactory = sink_factory or open_sink

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
        self, actor: Actor, cart: Cart, tenders: list[Tender], sale_id: str
    ) -> sales.SaleResult:
        with self.db.uow() as uow:
            return sales.complete_sale(uow, self.ctx, actor, cart, tenders, sale_id=sale_id)

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
