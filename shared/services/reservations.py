"""Locked stock (锁定库存, SPEC §10): available = on hand − locked, locked = reserved by unpaid
orders and pre-sales.

Runs on the central database. A reservation takes a quantity of a SKU in a warehouse for an
order, a pre-sale or another reason, with a reference (the customer's order number, a phone, a
note) and an optional expiry. While it is ``open`` its quantity is in the balance row's
``locked_milli`` (``db.ledger.add_locked``, in the reservation's own transaction) and not
available. It ends exactly once:

- **released** (the order fell through) or **fulfilled** (the goods left by a sale; the sale
  moves the stock itself when it lands, so fulfilling only unlocks) by a manager;
- **expired** by the central clock once past ``expires_at`` (``expire_due``). No daemon runs
  for it: it is called where the central side reads or sweeps stock (this module's list, the
  back office's stock list, the central push cycle in ``sync.ingest``).

Reserving locks the balance row first (``ledger.lock_balances``: ``FOR UPDATE`` on PostgreSQL,
the single writer on SQLite) and refuses what is not available, naming the SKU and what is
available, unless the reason is ``presale`` (a pre-sale may reserve beyond stock). Ending one
locks its balance row, then decides by a conditional update on ``state = 'open'``: a double
click, two managers at once, or a release racing an expiry end it once; the others are refused
and change nothing. ``ledger.verify`` checks every locked figure against the open reservations.

A manager works on the warehouses of their stores; an admin on every warehouse.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import false, or_, select, update
from sqlalchemy.orm import aliased

from shared.db import ledger
from shared.db.models import (
    AuditEntry,
    Barcode,
    Product,
    Sku,
    Staff,
    StockBalance,
    StockReservation,
    Store,
    Warehouse,
)
from shared.db.uow import UnitOfWork
from shared.domain.errors import Conflict, NotFound, PermissionDenied, ValidationError
from shared.domain.ids import new_id
from shared.domain.permissions import Perm, Role
from shared.services import inventory
from shared.services.auth import Actor, require

REASONS = ("order", "presale", "other")
STATES = ("open", "released", "fulfilled", "expired")
MAX_REFERENCE = 100
MAX_QTY_MILLI = inventory.MAX_QTY_MILLI
#: the longest SKU or reference text the list's filters take
MAX_FILTER_TEXT = 60


@dataclass(frozen=True)
class ReservationView:
    reservation_id: str
    no: str
    warehouse: str
    warehouse_name: str
    sku_id: str
    sku_code: str
    name: str
    unit: str
    qty_milli: int
    reason: str
    reference: str
    state: str
    expires_at: datetime | None
    created_at: datetime
    created_by: str
    closed_at: datetime | None
    closed_by: str
    #: the SKU's balance in the warehouse now (after this reservation was taken or ended)
    on_hand_milli: int
    locked_milli: int

    @property
    def available_milli(self) -> int:
        return self.on_hand_milli - self.locked_milli


# -- helpers ---------------------------------------------------------------------------------------


def _number(now: datetime) -> str:
    return f"SD{now:%y%m%d}-{new_id().hex[-6:].upper()}"


def _check_qty(qty_milli: int, product: Product) -> None:
    """The voucher rules: above zero, plausible, whole units unless sold by weight."""
    if isinstance(qty_milli, bool) or not isinstance(qty_milli, int):
        raise ValidationError(
            "the quantity must be a whole number of thousandths", code="quantity_format"
        )
    if qty_milli <= 0:
        raise ValidationError("the quantity must be above zero", code="quantity_not_positive")
    if qty_milli > MAX_QTY_MILLI:
        raise ValidationError("the quantity is implausible", code="quantity_absurd")
    if qty_milli % 1000 and (
        product.serial_tracked or product.kind != "goods" or product.unit != "kg"
    ):
        raise ValidationError(
            f"{product.name} is reserved in whole units", code="quantity_fractional"
        )


def _units(milli: int, unit: str) -> str:
    """Thousandths as a message says them: ``3000`` → ``3``, ``1500`` kg → ``1.5``."""
    if milli % 1000 == 0:
        text = str(milli // 1000)
    else:
        text = f"{milli / 1000:.3f}".rstrip("0").rstrip(".")
    return f"{text} {unit}".strip()


def _audit(
    uow: UnitOfWork, actor: Actor, action: str, r: StockReservation, wh: Warehouse, now: datetime
) -> None:
    uow.session.add(
        AuditEntry(
            id=str(new_id()),
            at=now,
            store_id=wh.store_id,
            actor_id=actor.staff_id,
            action=action,
            target=r.no,
            detail={
                "warehouse": wh.code,
                "sku_id": str(r.sku_id),
                "qty_milli": r.qty_milli,
                "reason": r.reason,
                "reference": r.reference,
            },
        )
    )


def _denied(actor: Actor, wh: Warehouse, what: str) -> PermissionDenied:
    return PermissionDenied(
        f"{actor.name} ({actor.account}) may not {what} warehouse {wh.code}",
        code="warehouse_not_allowed",
        warehouse=wh.code,
    )


def _load(uow: UnitOfWork, reservation_id: str) -> tuple[StockReservation, Warehouse]:
    r = None
    try:
        uuid.UUID(str(reservation_id))
    except ValueError:
        pass
    else:
        r = uow.session.get(StockReservation, str(reservation_id), populate_existing=True)
    if r is None:
        raise NotFound("no such reservation", code="unknown_reservation")
    return r, uow.session.get(Warehouse, r.warehouse_id)


def _select():
    created, closed = aliased(Staff), aliased(Staff)
    b = StockBalance.__table__
    return (
        select(
            StockReservation,
            Warehouse.code,
            Warehouse.name,
            Sku.code,
            Sku.spec1,
            Sku.spec2,
            Product.name,
            Product.unit,
            created.name,
            closed.name,
            b.c.on_hand_milli,
            b.c.locked_milli,
        )
        .join(Warehouse, Warehouse.id == StockReservation.warehouse_id)
        .join(Sku, Sku.id == StockReservation.sku_id)
        .join(Product, Product.id == Sku.product_id)
        .outerjoin(created, created.id == StockReservation.created_by)
        .outerjoin(closed, closed.id == StockReservation.closed_by)
        .outerjoin(
            b,
            (b.c.warehouse_id == StockReservation.warehouse_id)
            & (b.c.sku_id == StockReservation.sku_id),
        )
    )


def _view(row) -> ReservationView:
    r, wh_code, wh_name, code, spec1, spec2, name, unit, by, closer, on_hand, locked = row
    return ReservationView(
        reservation_id=str(r.id),
        no=r.no,
        warehouse=wh_code,
        warehouse_name=wh_name,
        sku_id=str(r.sku_id),
        sku_code=code,
        name=" ".join(x for x in (name, spec1, spec2) if x),
        unit=unit,
        qty_milli=r.qty_milli,
        reason=r.reason,
        reference=r.reference,
        state=r.state,
        expires_at=r.expires_at,
        created_at=r.created_at,
        created_by=by or "",
        closed_at=r.closed_at,
        closed_by=closer or "",
        on_hand_milli=int(on_hand or 0),
        locked_milli=int(locked or 0),
    )


def _read(uow: UnitOfWork, reservation_id: str) -> ReservationView:
    row = uow.session.execute(
        _select()
        .where(StockReservation.id == reservation_id)
        .execution_options(populate_existing=True)
    ).one()
    return _view(row)


# -- taking and ending -----------------------------------------------------------------------------


def reserve(
    uow: UnitOfWork,
    actor: Actor,
    *,
    warehouse: str,
    sku_code: str,
    qty_milli: int,
    reason: str = "order",
    reference: str = "",
    expires_at: datetime | None = None,
) -> ReservationView:
    """Lock ``qty_milli`` of a SKU in a warehouse (a store's code names its warehouse). Refused,
    writing nothing, when less is available (on hand − locked) — unless ``reason`` is
    ``presale`` — or when any input is bad."""
    require(actor, Perm.MANAGE_STOCK)
    if reason not in REASONS:
        raise ValidationError(
            f"a reservation is for one of {', '.join(REASONS)}",
            code="reservation_reason",
            value=str(reason)[:20],
        )
    reference = (reference or "").strip()
    if len(reference) > MAX_REFERENCE:
        raise ValidationError(
            f"the reference is too long (at most {MAX_REFERENCE} characters)",
            code="text_too_long",
            field="reference",
            limit=MAX_REFERENCE,
        )
    now = uow.clock.now()
    if expires_at is not None:
        if expires_at.tzinfo is None:
            raise ValidationError("the expiry needs a time zone", code="expiry_naive")
        if expires_at <= now:
            raise ValidationError(
                "the expiry must be in the future", code="expiry_past", now=now.isoformat()
            )
    expire_due(uow, now)  # what is past its expiry is available again
    wh = inventory.warehouse_by_code(uow, actor, warehouse)
    if wh.status != "active":
        raise ValidationError(
            f"warehouse {wh.code} is not active", code="warehouse_inactive", warehouse=wh.code
        )
    sku, product = inventory.find_sku(uow, sku_code)
    if product.kind != "goods":
        raise ValidationError(
            f"{product.name} is not goods kept in a warehouse",
            code="not_stocked",
            value=sku.code,
        )
    _check_qty(qty_milli, product)
    s = uow.session
    key = (str(wh.id), str(sku.id))
    bal = ledger.lock_balances(s, [key], now)[key]
    available = bal["on_hand_milli"] - bal["locked_milli"]
    if reason != "presale" and available < qty_milli:
        refusal = Conflict(
            f"not enough {sku.code} {product.name} available in {wh.code} to reserve "
            f"{_units(qty_milli, product.unit)}: {_units(available, product.unit)} available "
            f"({_units(bal['on_hand_milli'], product.unit)} on hand, "
            f"{_units(bal['locked_milli'], product.unit)} locked)",
            code="reservation_short",
            sku=sku.code,
            name=product.name,
            unit=product.unit,
            warehouse=wh.code,
            qty_milli=qty_milli,
            available_milli=available,
            on_hand_milli=bal["on_hand_milli"],
            locked_milli=bal["locked_milli"],
        )
        # made before the rollback: it may take back the store's warehouse made just now
        s.rollback()
        raise refusal
    r = StockReservation(
        id=str(new_id()),
        no=_number(now),
        warehouse_id=wh.id,
        sku_id=sku.id,
        qty_milli=qty_milli,
        reason=reason,
        reference=reference,
        state="open",
        expires_at=expires_at,
        created_by=actor.staff_id,
        created_at=now,
    )
    s.add(r)
    s.flush()
    ledger.add_locked(s, *key, qty_milli, now)
    _audit(uow, actor, "stock_reserve", r, wh, now)
    s.flush()
    view = _read(uow, r.id)
    uow.commit()
    return view


def _end(uow: UnitOfWork, actor: Actor, reservation_id: str, state: str) -> ReservationView:
    require(actor, Perm.MANAGE_STOCK)
    now = uow.clock.now()
    # one past its expiry has expired, even before a sweep saw it: it is not ended again
    expire_due(uow, now)
    r, wh = _load(uow, reservation_id)
    if not inventory.may_use_warehouse(actor, wh):
        raise _denied(actor, wh, "end reservations of")
    s = uow.session
    key = (str(r.warehouse_id), str(r.sku_id))
    ledger.lock_balances(s, [key], now)  # before the reservation row: see ``db.ledger``
    won = s.execute(
        update(StockReservation)
        .where(StockReservation.id == r.id, StockReservation.state == "open")
        .values(state=state, closed_at=now, closed_by=actor.staff_id)
        .execution_options(synchronize_session=False)
    ).rowcount
    if won != 1:
        s.rollback()
        current = s.get(StockReservation, r.id, populate_existing=True)
        raise Conflict(
            f"reservation {current.no} is already {current.state}",
            code=f"reservation_{current.state}",
            no=current.no,
            state=current.state,
        )
    ledger.add_locked(s, *key, -r.qty_milli, now)
    _audit(uow, actor, "stock_release" if state == "released" else "stock_fulfil", r, wh, now)
    s.flush()
    view = _read(uow, r.id)
    uow.commit()
    return view


def release(uow: UnitOfWork, actor: Actor, reservation_id: str) -> ReservationView:
    """End an open reservation, once, giving its quantity back to available (the order fell
    through). A second call is refused and changes nothing."""
    return _end(uow, actor, reservation_id, "released")


def fulfil(uow: UnitOfWork, actor: Actor, reservation_id: str) -> ReservationView:
    """End an open reservation, once, because the goods were sold: it only unlocks (the sale
    moves the stock when it lands). A second call is refused and changes nothing."""
    return _end(uow, actor, reservation_id, "fulfilled")


def any_due(uow: UnitOfWork, now: datetime) -> bool:
    """Whether a reservation is past its expiry at ``now`` (a read: look before a write)."""
    return ledger.reservations_due(uow.session, now)


def expire_due(uow: UnitOfWork, now: datetime) -> int:
    """End every open reservation past ``expires_at`` at ``now`` (the central clock), unlocking
    its quantity, and commit; how many ended. Idempotent: a second call ends nothing, and when
    nothing is due nothing is written."""
    ended = ledger.expire_reservations(uow.session, now)
    if ended:
        uow.commit()
    return ended


# -- reading ---------------------------------------------------------------------------------------


def reservation_detail(uow: UnitOfWork, actor: Actor, reservation_id: str) -> ReservationView:
    require(actor, Perm.MANAGE_STOCK)
    r, wh = _load(uow, reservation_id)
    if not inventory.may_use_warehouse(actor, wh):
        raise _denied(actor, wh, "see reservations of")
    return _read(uow, r.id)


def _listed_warehouse(uow: UnitOfWork, actor: Actor, code: str) -> str | None:
    """The warehouse a list filter names (its code, or its store's), WITHOUT making a store's
    warehouse on first use as ``inventory.warehouse_by_code`` does (a list only reads): None
    for a store whose warehouse was never made (nothing was ever locked there)."""
    code = (code or "").strip().upper()
    s = uow.session
    wh = s.scalars(select(Warehouse).where(Warehouse.code == code)).first()
    if wh is None:
        store = s.scalars(select(Store).where(Store.code == code)).first()
        if store is None:
            raise NotFound(f"no warehouse or store with code {code[:16]}", code="unknown_warehouse")
        wh = s.scalars(select(Warehouse).where(Warehouse.store_id == store.id)).first()
        if wh is None:
            if Role.ADMIN not in actor.roles and store.id not in actor.store_ids:
                raise PermissionDenied(
                    f"{actor.name} ({actor.account}) may not work on warehouse {store.code}",
                    code="warehouse_not_allowed",
                    warehouse=store.code,
                )
            return None
    if not inventory.may_use_warehouse(actor, wh):
        raise _denied(actor, wh, "work on")
    return str(wh.id)


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def list_reservations(
    uow: UnitOfWork,
    actor: Actor,
    *,
    warehouse: str | None = None,
    state: str | None = None,
    sku: str | None = None,
    reference: str | None = None,
    limit: int | None = 200,
) -> list[ReservationView]:
    """Newest first: the reservations of the warehouses the actor works on, filtered by
    warehouse (or store) code, state, SKU (code, barcode or product name, in part) and
    reference (in part); at most ``limit`` (None: all, for an export). What is past its expiry
    is ended first (``expire_due``)."""
    require(actor, Perm.MANAGE_STOCK)
    if state is not None and state not in STATES:
        raise ValidationError(f"no state {state!r}", code="status", value=str(state)[:20])
    sku = (sku or "").strip()
    reference = (reference or "").strip()
    if len(sku) > MAX_FILTER_TEXT or len(reference) > MAX_FILTER_TEXT:
        raise ValidationError("the search text is too long", code="text_too_long")
    expire_due(uow, uow.clock.now())
    stmt = _select()
    if warehouse:
        warehouse_id = _listed_warehouse(uow, actor, warehouse)
        if warehouse_id is None:
            return []
        stmt = stmt.where(StockReservation.warehouse_id == warehouse_id)
    elif Role.ADMIN not in actor.roles:
        stores = list(actor.store_ids)
        stmt = stmt.where(Warehouse.store_id.in_(stores) if stores else false())
    if state:
        stmt = stmt.where(StockReservation.state == state)
    if sku:
        pattern = _like(sku)
        by_barcode = select(Barcode.sku_id).where(Barcode.code == sku)
        stmt = stmt.where(
            or_(
                Sku.code.ilike(pattern, escape="\\"),
                Product.name.ilike(pattern, escape="\\"),
                StockReservation.sku_id.in_(by_barcode),
            )
        )
    if reference:
        stmt = stmt.where(StockReservation.reference.ilike(_like(reference), escape="\\"))
    stmt = stmt.order_by(StockReservation.created_at.desc(), StockReservation.no.desc())
    if limit is not None:
        stmt = stmt.limit(max(1, min(limit, 1000)))
    return [_view(row) for row in uow.session.execute(stmt)]


__all__ = [
    "MAX_REFERENCE",
    "REASONS",
    "STATES",
    "ReservationView",
    "any_due",
    "expire_due",
    "fulfil",
    "list_reservations",
    "release",
    "reservation_detail",
    "reserve",
]
