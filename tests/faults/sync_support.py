"""Helpers for the sync tests (integration and faults): gateways that fail on purpose, counting
what the central side holds, selling quickly."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select

from shared.db.models import (
    CashMovement,
    Inbox,
    JournalEntry,
    Payment,
    Refund,
    RefundLine,
    Sale,
    SaleLine,
    Shift,
    SyncException,
)
from shared.db.uow import Database
from shared.domain.cart import Cart
from shared.domain.tenders import Tender
from shared.services import catalog, sales, shifts
from shared.services.auth import login_with_pin
from shared.services.context import load_terminal
from shared.sync.errors import CentralUnreachable
from shared.sync.gateway import InProcessGateway

COUNTED = (Sale, SaleLine, Payment, Refund, RefundLine, Shift, CashMovement, JournalEntry, Inbox)


def counts(db: Database) -> dict[str, int]:
    with db.reader() as uow:
        return {
            m.__tablename__: int(uow.session.scalar(select(func.count()).select_from(m)))
            for m in COUNTED
        }


def receipts(db: Database) -> list[str]:
    """Every sale's receipt number (duplicates would show twice)."""
    with db.reader() as uow:
        return list(uow.session.scalars(select(Sale.receipt_no).order_by(Sale.receipt_no)))


def exception_kinds(db: Database) -> list[str]:
    with db.reader() as uow:
        return sorted(uow.session.scalars(select(SyncException.kind)))


def half_sales(db: Database) -> list[str]:
    """Receipt numbers of central sales whose lines, payments or journal entry are missing."""
    with db.reader() as uow:
        s = uow.session
        bad = []
        for sale in s.scalars(select(Sale)):
            lines = s.scalar(
                select(func.count()).where(
                    SaleLine.store_id == sale.store_id, SaleLine.sale_id == sale.id
                )
            )
            paid = s.scalar(
                select(func.coalesce(func.sum(Payment.amount_fen), 0)).where(
                    Payment.store_id == sale.store_id, Payment.sale_id == sale.id
                )
            )
            journaled = s.scalar(
                select(func.count()).where(
                    JournalEntry.kind == "sale", JournalEntry.document_id == sale.id
                )
            )
            if not lines or paid != sale.total_fen or journaled != 1:
                bad.append(sale.receipt_no)
        return bad


class LossyGateway(InProcessGateway):
    """The central side commits each push, then the reply is lost on the way back."""

    def __init__(self, central_db: Database, *, lose: int = 1) -> None:
        super().__init__(central_db)
        self.lose = lose
        self.committed: list[dict] = []

    def push(self, terminal_id: str, messages: list[dict]) -> dict:
        answer = super().push(terminal_id, messages)
        if self.lose > 0:
            self.lose -= 1
            self.committed.append(answer)
            raise CentralUnreachable("the reply was lost (connection reset)")
        return answer


class DownGateway:
    """A central database that cannot be reached at all."""

    def _down(self, *_a, **_k):
        raise CentralUnreachable("the central database is unreachable: connection refused")

    hello = register_terminal = snapshot = push = pull = high_water = _down


def sell_one(db: Database, codes=("P000012", "P000013"), *, account="cashier01", pin="1111"):
    """Ring up one cash sale on a terminal database (opening a shift if none is open)."""
    with db.uow() as uow:
        ctx = load_terminal(uow)
        actor = login_with_pin(uow, account, pin, store_id=ctx.store_id)
        if shifts.current_shift(uow, ctx) is None:
            shifts.open_shift(uow, ctx, actor, 0)
    cart = Cart()
    with db.reader() as uow:
        for code in codes:
            cart.add(catalog.scan(uow, ctx, code))
    with db.uow() as uow:
        return sales.complete_sale(uow, ctx, actor, cart, [Tender("cash", 1_000_00)])


ROOT = Path(__file__).resolve().parents[2]


def make_site(data_dir: Path, central_url: str, *, products: int = 40, store: str = "S01"):
    """Demo data in the central database and ``data_dir`` registered as terminal 1 of ``store``.
    Returns the open central ``Database`` (the caller disposes it)."""
    from shared.services.demo import create_demo
    from shared.services.runtime import open_database, open_terminal, resolve_paths
    from shared.services.terminal_setup import register

    central = open_database(central_url)
    create_demo(central, products=products)
    local = open_terminal(resolve_paths(str(data_dir), central_url))
    try:
        register(
            local,
            InProcessGateway(central),
            store_code=store,
            number=1,
            central_url=central_url,
        )
    finally:
        local.dispose()
    return central


def open_local(data_dir: Path) -> Database:
    from shared.services.runtime import open_terminal, resolve_paths

    return open_terminal(resolve_paths(str(data_dir), None))
