"""Parking and resuming sales (挂单 / 取单), several at once per terminal."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from shared.db.models import SuspendedSale
from shared.db.uow import UnitOfWork
from shared.domain.cart import Cart, cart_from_dict, cart_to_dict
from shared.domain.errors import NotFound, ValidationError
from shared.domain.ids import new_id
from shared.domain.permissions import Perm
from shared.services.auth import Actor, require
from shared.services.context import TerminalContext

MAX_PARKED = 20


@dataclass(frozen=True)
class ParkedSale:
    id: str
    label: str
    total_fen: int
    line_count: int
    created_at: datetime


def suspend(
    uow: UnitOfWork, ctx: TerminalContext, actor: Actor, cart: Cart, label: str = ""
) -> str:
    require(actor, Perm.SELL, ctx.store_id)
    if not cart.lines:
        raise ValidationError("an empty sale cannot be parked", code="empty_sale")
    label = (label or "").strip()[:60]
    s = uow.session
    count = len(
        s.scalars(
            select(SuspendedSale.id).where(SuspendedSale.terminal_id == ctx.terminal_id)
        ).all()
    )
    if count >= MAX_PARKED:
        raise ValidationError(
            f"at most {MAX_PARKED} parked sales per terminal", code="too_many_parked"
        )
    park_id = str(new_id())
    s.add(
        SuspendedSale(
            id=park_id,
            terminal_id=ctx.terminal_id,
            cashier_id=actor.staff_id,
            label=label,
            cart=cart_to_dict(cart),
            total_fen=cart.totals().total_fen,
            created_at=uow.clock.now(),
        )
    )
    uow.commit()
    return park_id


def parked(uow: UnitOfWork, ctx: TerminalContext) -> list[ParkedSale]:
    rows = uow.session.scalars(
        select(SuspendedSale)
        .where(SuspendedSale.terminal_id == ctx.terminal_id)
        .order_by(SuspendedSale.created_at)
    )
    return [
        ParkedSale(r.id, r.label, r.total_fen, len(r.cart["lines"]), r.created_at) for r in rows
    ]


def resume(uow: UnitOfWork, ctx: TerminalContext, actor: Actor, park_id: str) -> Cart:
    require(actor, Perm.SELL, ctx.store_id)
    row = uow.session.get(SuspendedSale, park_id)
    if row is None or row.terminal_id != ctx.terminal_id:
        raise NotFound("that parked sale was already resumed", code="parked_missing")
    cart = cart_from_dict(row.cart)
    uow.session.delete(row)
    uow.commit()
    return cart
