"""A counter on demo data, for service tests: databases, context, staff, and cart helpers."""

from __future__ import annotations

from dataclasses import dataclass, replace

from sqlalchemy import select

from shared.db.models import Staff
from shared.db.uow import Database
from shared.domain.cart import Cart, CartLine
from shared.services import auth, catalog, shifts
from shared.services.auth import Actor
from shared.services.context import TerminalContext, load_terminal
from shared.services.demo import DemoResult, create_demo
from shared.services.terminal_setup import register
from shared.sync.gateway import InProcessGateway


@dataclass
class Counter:
    central: Database
    db: Database
    ctx: TerminalContext
    demo: DemoResult
    cashier: Actor
    manager: Actor

    def actor(self, account: str) -> Actor:
        with self.db.reader() as uow:
            staff = uow.session.scalars(select(Staff).where(Staff.account == account)).one()
            return auth.actor_for(uow, staff)

    def line(self, code: str, qty: int | None = None) -> CartLine:
        with self.db.reader() as uow:
            line = catalog.scan(uow, self.ctx, code)
        return replace(line, quantity_milli=qty) if qty is not None else line

    def cart(self, *codes: str) -> Cart:
        cart = Cart()
        for code in codes:
            cart.add(self.line(code))
        return cart

    def open_shift(self, float_fen: int = 50_000, actor: Actor | None = None) -> None:
        with self.db.uow() as uow:
            shifts.open_shift(uow, self.ctx, actor or self.cashier, float_fen)

    def product(self, index: int) -> dict:
        code = f"P{index:06d}"
        return next(p for p in self.demo.products if p["code"] == code)


def make_counter(
    central: Database,
    local: Database,
    *,
    products: int = 60,
    store: str = "S01",
    keyring=None,
    number: int = 1,
) -> Counter:
    """``keyring``: the demo's card-key products and pools too (K001..K004)."""
    demo = create_demo(central, products=products, keyring=keyring)
    register(
        local,
        InProcessGateway(central),
        store_code=store,
        number=number,
        central_url="test://central",
    )
    return counter_over(central, local, demo, store=store)


def counter_over(central: Database, local: Database, demo: DemoResult, *, store: str = "S01"):
    """The ``Counter`` of a terminal already registered on a central database with the demo
    (``demo``: what ``create_demo`` returned when those databases were made)."""
    with local.reader() as uow:
        ctx = load_terminal(uow)
    counter = Counter(central, local, ctx, demo, None, None)  # type: ignore[arg-type]
    counter.cashier = counter.actor("cashier01" if store == "S01" else "cashier03")
    counter.manager = counter.actor("manager01" if store == "S01" else "manager02")
    return counter
