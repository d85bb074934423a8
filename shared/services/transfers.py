"""Transfers between warehouses (调拨, SPEC §10): out of one, in transit, into the other on receipt.

Runs on the central database. A transfer is a draft (lines with quantities, and one serial number
per unit for serial-tracked goods), then:

- **send** (``draft → in_transit``, once): ``transfer_out`` movements out of the source at its
  moving-average cost, which each line keeps; serial units go ``in_transit``;
- **receive** (``in_transit → received``, once): ``transfer_in`` movements into the target for
  what ARRIVED per line, at the cost the goods left with. What arrived may differ from what was
  sent: the line keeps both (``qty_milli`` sent, ``received_milli``) and the result lists the
  differences; serial units that arrived are in stock at the target, the others stay
  ``in_transit`` and are named.

Each step is decided by a conditional status update, so a double click or two managers at once
do it once; a second send or receipt is refused and changes nothing. A manager sends from (and
creates and cancels drafts of) their store's warehouse and receives into it; an admin works on
every warehouse.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, or_, select, update
from sqlalchemy.orm import aliased

from shared.db import ledger
from shared.db.models import Product, SerialUnit, Sku, Transfer, TransferLine, Warehouse
from shared.db.uow import UnitOfWork
from shared.domain.errors import Conflict, NotFound, PermissionDenied, ValidationError
from shared.domain.ids import new_id
from shared.domain.permissions import Perm
from shared.services import inventory
from shared.services import serials as serial_units
from shared.services.auth import Actor, require

MAX_LINES = inventory.MAX_LINES
MAX_QTY_MILLI = inventory.MAX_QTY_MILLI
MAX_NOTE = inventory.MAX_NOTE


@dataclass(frozen=True)
class TransferLineInput:
    sku_code: str
    qty_milli: int
    serials: tuple[str, ...] = ()


@dataclass(frozen=True)
class ReceivedLine:
    """What arrived of one line. Lines not given arrived as sent. For serial-tracked goods give
    the serial numbers that arrived when fewer units arrived than were sent."""

    line_no: int
    received_milli: int
    serials: tuple[str, ...] | None = None


@dataclass(frozen=True)
class TransferLineView:
    line_no: int
    sku_id: str
    sku_code: str
    name: str
    unit: str
    qty_milli: int
    received_milli: int | None
    #: received − sent once received (below zero: short), else None
    difference_milli: int | None
    #: the cost of one unit the goods left the source with (set on sending)
    unit_cost_fen: int
    serials: tuple[str, ...]
    #: serial numbers sent that have not arrived (still in transit)
    missing_serials: tuple[str, ...]


@dataclass(frozen=True)
class TransferView:
    transfer_id: str
    no: str
    from_warehouse: str
    to_warehouse: str
    status: str
    note: str
    created_at: datetime
    sent_at: datetime | None
    received_at: datetime | None
    lines: tuple[TransferLineView, ...]

    @property
    def differences(self) -> tuple[TransferLineView, ...]:
        """The lines where what arrived differs from what was sent."""
        return tuple(ln for ln in self.lines if ln.difference_milli)


@dataclass(frozen=True)
class TransferSummary:
    transfer_id: str
    no: str
    from_warehouse: str
    to_warehouse: str
    status: str
    created_at: datetime
    lines: int


# -- helpers ---------------------------------------------------------------------------------------


def _number(now: datetime) -> str:
    return f"DB{now:%y%m%d}-{new_id().hex[-6:].upper()}"


def _denied(actor: Actor, wh: Warehouse, what: str) -> PermissionDenied:
    return PermissionDenied(
        f"{actor.name} ({actor.account}) may not {what} warehouse {wh.code}",
        code="warehouse_not_allowed",
        warehouse=wh.code,
    )


def _load(uow: UnitOfWork, transfer_id: str) -> tuple[Transfer, Warehouse, Warehouse]:
    t = None
    try:
        uuid.UUID(str(transfer_id))
    except ValueError:
        pass
    else:
        t = uow.session.get(Transfer, str(transfer_id))
    if t is None:
        raise NotFound("no such transfer", code="unknown_transfer")
    s = uow.session
    return t, s.get(Warehouse, t.from_warehouse_id), s.get(Warehouse, t.to_warehouse_id)


def _check_qty(no: int, qty_milli: int, product: Product, *, zero_ok: bool = False) -> None:
    if isinstance(qty_milli, bool) or not isinstance(qty_milli, int):
        raise ValidationError(
            f"line {no}: the quantity must be a whole number of thousandths",
            code="quantity",
            line=no,
        )
    if qty_milli < 0 or (qty_milli == 0 and not zero_ok):
        raise ValidationError(
            f"line {no}: the quantity must be {'zero or more' if zero_ok else 'above zero'}",
            code="quantity_not_positive",
            line=no,
        )
    if qty_milli > MAX_QTY_MILLI:
        raise ValidationError(
            f"line {no}: the quantity is implausible", code="quantity_absurd", line=no
        )
    if qty_milli % 1000 and (
        product.serial_tracked or product.kind != "goods" or product.unit != "kg"
    ):
        raise ValidationError(
            f"line {no}: {product.name} is moved in whole units",
            code="quantity_fractional",
            line=no,
        )


def _serials(no: int, product: Product, qty_milli: int, given: tuple[str, ...]) -> list[str]:
    numbers = [serial_units.clean(x) for x in given if (x or "").strip()]
    if product.serial_tracked:
        if len(numbers) * 1000 != qty_milli:
            raise ValidationError(
                f"line {no}: {product.name} is serial-tracked: give one serial number per unit "
                f"({qty_milli // 1000} needed, {len(numbers)} given)",
                code="serials_missing",
                line=no,
            )
        if len(set(numbers)) != len(numbers):
            raise ValidationError(
                f"line {no}: a serial number is given twice", code="serial_duplicate", line=no
            )
    elif numbers:
        raise ValidationError(
            f"line {no}: {product.name} is not serial-tracked", code="serials_unexpected", line=no
        )
    return numbers


def _view(uow: UnitOfWork, t: Transfer, src: Warehouse, dst: Warehouse) -> TransferView:
    s = uow.session
    rows = s.execute(
        select(TransferLine, Sku.code, Product.name, Product.unit, Sku.spec1, Sku.spec2)
        .join(Sku, Sku.id == TransferLine.sku_id)
        .join(Product, Product.id == Sku.product_id)
        .where(TransferLine.transfer_id == t.id)
        .order_by(TransferLine.line_no)
        .execution_options(populate_existing=True)
    ).all()
    lines = []
    for ln, code, name, unit, spec1, spec2 in rows:
        sent = tuple(ln.serials or ())
        missing: tuple[str, ...] = ()
        if sent and t.status == "received":
            missing = tuple(
                s.scalars(
                    select(SerialUnit.serial_no)
                    .where(
                        SerialUnit.sku_id == ln.sku_id,
                        SerialUnit.serial_no.in_(sent),
                        SerialUnit.state == "in_transit",
                        SerialUnit.warehouse_id == src.id,
                    )
                    .order_by(SerialUnit.serial_no)
                )
            )
        lines.append(
            TransferLineView(
                ln.line_no,
                str(ln.sku_id),
                code,
                " ".join(x for x in (name, spec1, spec2) if x),
                unit,
                ln.qty_milli,
                ln.received_milli,
                None if ln.received_milli is None else ln.received_milli - ln.qty_milli,
                ln.unit_cost_fen,
                sent,
                missing,
            )
        )
    return TransferView(
        t.id,
        t.no,
        src.code,
        dst.code,
        t.status,
        t.note,
        t.created_at,
        t.sent_at,
        t.received_at,
        tuple(lines),
    )


def _advance(uow: UnitOfWork, t: Transfer, before: str, values: dict) -> None:
    """The conditional status update: exactly one caller wins, the others are refused."""
    s = uow.session
    won = s.execute(
        update(Transfer)
        .where(Transfer.id == t.id, Transfer.status == before)
        .values(**values)
        .execution_options(synchronize_session=False)
    ).rowcount
    if won != 1:
        s.rollback()
        current = s.get(Transfer, t.id, populate_existing=True)
        raise Conflict(
            f"transfer {current.no} is {current.status.replace('_', ' ')}",
            code=f"transfer_{current.status}",
            no=current.no,
            status=current.status,
        )


# -- the steps -------------------------------------------------------------------------------------


def create_transfer(
    uow: UnitOfWork,
    actor: Actor,
    *,
    from_warehouse: str,
    to_warehouse: str,
    lines: list[TransferLineInput],
    note: str = "",
) -> str:
    """A draft transfer; every line is checked, nothing written on a refusal."""
    require(actor, Perm.MANAGE_STOCK)
    if not lines:
        raise ValidationError("a transfer needs at least one line", code="transfer_empty")
    if len(lines) > MAX_LINES:
        raise ValidationError(f"at most {MAX_LINES} lines", code="transfer_too_long")
    if len(note) > MAX_NOTE:
        raise ValidationError(f"the note is too long (at most {MAX_NOTE})", code="text_too_long")
    src = inventory.warehouse_by_code(uow, actor, from_warehouse)
    dst = inventory.warehouse_by_code(uow, None, to_warehouse)
    if src.id == dst.id:
        raise ValidationError(
            "a transfer goes from one warehouse to another", code="same_warehouse"
        )
    if dst.status != "active":
        raise ValidationError(
            f"warehouse {dst.code} is not active", code="warehouse_inactive", warehouse=dst.code
        )
    now = uow.clock.now()
    tid = str(new_id())
    rows = []
    for no, ln in enumerate(lines, start=1):
        sku, product = inventory.find_sku(uow, ln.sku_code)
        if product.kind != "goods":
            raise ValidationError(
                f"line {no}: {product.name} is not goods kept in a warehouse",
                code="not_stocked",
                line=no,
            )
        _check_qty(no, ln.qty_milli, product)
        rows.append(
            TransferLine(
                transfer_id=tid,
                line_no=no,
                sku_id=sku.id,
                qty_milli=ln.qty_milli,
                received_milli=None,
                unit_cost_fen=0,
                serials=_serials(no, product, ln.qty_milli, ln.serials),
            )
        )
    uow.session.add(
        Transfer(
            id=tid,
            no=_number(now),
            from_warehouse_id=src.id,
            to_warehouse_id=dst.id,
            status="draft",
            note=note.strip(),
            created_by=actor.staff_id,
            created_at=now,
        )
    )
    uow.session.flush()
    uow.session.add_all(rows)
    uow.commit()
    return tid


def send_transfer(uow: UnitOfWork, actor: Actor, transfer_id: str) -> TransferView:
    """Send a draft, once: the goods leave the source (at its average cost) and are in transit."""
    require(actor, Perm.MANAGE_STOCK)
    t, src, dst = _load(uow, transfer_id)
    if not inventory.may_use_warehouse(actor, src):
        raise _denied(actor, src, "send from")
    s = uow.session
    now = uow.clock.now()
    _advance(uow, t, "draft", {"status": "in_transit", "sent_at": now})
    lines = s.scalars(
        select(TransferLine)
        .where(TransferLine.transfer_id == t.id)
        .order_by(TransferLine.line_no)
        .execution_options(populate_existing=True)
    ).all()
    rows = []
    for ln in lines:
        if ln.serials:
            serial_units.move(
                uow, ln.sku_id, list(ln.serials), src.id, "out", now, state_out="in_transit"
            )
        rows.append(
            ledger.movement(
                warehouse_id=src.id,
                sku_id=str(ln.sku_id),
                qty_milli=-ln.qty_milli,
                kind="transfer_out",
                doc_type="transfer",
                doc_id=t.id,
                line_key=f"out:{ln.line_no}",
                at=now,
                created_by=actor.staff_id,
            )
        )
    posted = ledger.post(s, rows, now)
    if not src.allow_negative:
        short = [b for b in posted if b.on_hand_milli < 0]
        if short:
            s.rollback()
            raise Conflict(
                f"not enough stock in {src.code} for this transfer (negative stock is not "
                "allowed there)",
                code="stock_short",
                sku_id=short[0].sku_id,
            )
    # the cost each line left with (the source's moving average), carried to the target
    cost = {r["line_key"]: r["unit_cost_fen"] for r in rows}
    for ln in lines:
        ln.unit_cost_fen = cost[f"out:{ln.line_no}"]
    s.flush()
    view = _view(uow, s.get(Transfer, t.id, populate_existing=True), src, dst)
    uow.commit()
    return view


def receive_transfer(
    uow: UnitOfWork,
    actor: Actor,
    transfer_id: str,
    received: list[ReceivedLine] | None = None,
) -> TransferView:
    """Receive a transfer in transit, once: what arrived goes into the target at the cost it left
    with. ``received`` gives the lines where what arrived differs (the others arrived as sent);
    the view's ``differences`` lists them."""
    require(actor, Perm.MANAGE_STOCK)
    t, src, dst = _load(uow, transfer_id)
    if not inventory.may_use_warehouse(actor, dst):
        raise _denied(actor, dst, "receive into")
    s = uow.session
    if t.status != "in_transit":
        raise Conflict(
            f"transfer {t.no} is {t.status.replace('_', ' ')}",
            code=f"transfer_{t.status}",
            no=t.no,
            status=t.status,
        )
    lines = s.scalars(
        select(TransferLine)
        .where(TransferLine.transfer_id == t.id)
        .order_by(TransferLine.line_no)
        .execution_options(populate_existing=True)
    ).all()
    by_no = {ln.line_no: ln for ln in lines}
    given: dict[int, ReceivedLine] = {}
    for r in received or ():
        if r.line_no not in by_no:
            raise ValidationError(
                f"transfer {t.no} has no line {r.line_no}", code="unknown_line", line=r.line_no
            )
        if r.line_no in given:
            raise ValidationError(
                f"line {r.line_no} is given twice", code="line_duplicate", line=r.line_no
            )
        given[r.line_no] = r
    # what arrived per line, checked before anything is written
    arrived: dict[int, tuple[int, list[str]]] = {}
    for ln in lines:
        product = s.scalars(
            select(Product).join(Sku, Sku.product_id == Product.id).where(Sku.id == ln.sku_id)
        ).one()
        r = given.get(ln.line_no)
        if r is None:
            arrived[ln.line_no] = (ln.qty_milli, list(ln.serials or ()))
            continue
        _check_qty(ln.line_no, r.received_milli, product, zero_ok=True)
        serials: list[str] = []
        if product.serial_tracked:
            if r.received_milli > ln.qty_milli:
                raise ValidationError(
                    f"line {ln.line_no}: more units of {product.name} than were sent",
                    code="received_more_serials",
                    line=ln.line_no,
                )
            if r.serials is None and r.received_milli == ln.qty_milli:
                serials = list(ln.serials or ())
            else:
                serials = _serials(ln.line_no, product, r.received_milli, tuple(r.serials or ()))
                strays = sorted(set(serials) - set(ln.serials or ()))
                if strays:
                    raise ValidationError(
                        f"line {ln.line_no}: serial number {strays[0]} was not sent on this "
                        "transfer",
                        code="serial_not_sent",
                        line=ln.line_no,
                        value=strays[0],
                    )
        elif r.serials:
            raise ValidationError(
                f"line {ln.line_no}: {product.name} is not serial-tracked",
                code="serials_unexpected",
                line=ln.line_no,
            )
        arrived[ln.line_no] = (r.received_milli, serials)
    now = uow.clock.now()
    _advance(
        uow,
        t,
        "in_transit",
        {"status": "received", "received_at": now, "received_by": actor.staff_id},
    )
    rows = []
    for ln in lines:
        qty, serials = arrived[ln.line_no]
        ln.received_milli = qty
        if serials:
            _arrive_serials(uow, t, ln, serials, src, dst, now)
        if qty:
            rows.append(
                ledger.movement(
                    warehouse_id=dst.id,
                    sku_id=str(ln.sku_id),
                    qty_milli=qty,
                    kind="transfer_in",
                    doc_type="transfer",
                    doc_id=t.id,
                    line_key=f"in:{ln.line_no}",
                    at=now,
                    unit_cost_fen=ln.unit_cost_fen,
                    created_by=actor.staff_id,
                )
            )
    s.flush()
    ledger.post(s, rows, now)
    view = _view(uow, s.get(Transfer, t.id, populate_existing=True), src, dst)
    uow.commit()
    return view


def _arrive_serials(
    uow: UnitOfWork,
    t: Transfer,
    ln: TransferLine,
    serials: list[str],
    src: Warehouse,
    dst: Warehouse,
    now: datetime,
) -> None:
    """Units that arrived: in transit from the source on this transfer, now in stock at the
    target."""
    units = {
        u.serial_no: u
        for u in uow.session.scalars(
            select(SerialUnit).where(
                SerialUnit.sku_id == ln.sku_id, SerialUnit.serial_no.in_(serials)
            )
        )
    }
    for number in serials:
        unit = units.get(number)
        if unit is None or unit.state != "in_transit" or unit.warehouse_id != src.id:
            uow.session.rollback()
            raise Conflict(
                f"serial number {number} is no longer in transit from {src.code}",
                code="serial_not_in_transit",
                value=number,
                no=t.no,
            )
    serial_units.move(uow, ln.sku_id, serials, dst.id, "in", now)


def cancel_transfer(uow: UnitOfWork, actor: Actor, transfer_id: str) -> None:
    """Cancel a draft (nothing has moved yet)."""
    require(actor, Perm.MANAGE_STOCK)
    t, src, _ = _load(uow, transfer_id)
    if not inventory.may_use_warehouse(actor, src):
        raise _denied(actor, src, "cancel transfers of")
    _advance(uow, t, "draft", {"status": "cancelled"})
    uow.commit()


# -- reading ---------------------------------------------------------------------------------------


def transfer_detail(uow: UnitOfWork, actor: Actor, transfer_id: str) -> TransferView:
    """A transfer with its lines: sent, received and the difference."""
    require(actor, Perm.MANAGE_STOCK)
    t, src, dst = _load(uow, transfer_id)
    if not (inventory.may_use_warehouse(actor, src) or inventory.may_use_warehouse(actor, dst)):
        raise _denied(actor, src, "see transfers of")
    return _view(uow, t, src, dst)


def list_transfers(
    uow: UnitOfWork,
    actor: Actor,
    *,
    warehouse: str | None = None,
    status: str | None = None,
    limit: int = 200,
) -> list[TransferSummary]:
    """Newest first: transfers out of or into the warehouses the actor works on."""
    require(actor, Perm.MANAGE_STOCK)
    src, dst = aliased(Warehouse), aliased(Warehouse)
    tl = TransferLine.__table__
    n = (
        select(func.count())
        .select_from(tl)
        .where(tl.c.transfer_id == Transfer.__table__.c.id)
        .scalar_subquery()
    )
    stmt = (
        select(Transfer, src, dst, n)
        .join(src, src.id == Transfer.from_warehouse_id)
        .join(dst, dst.id == Transfer.to_warehouse_id)
        .order_by(Transfer.created_at.desc())
        .limit(max(1, min(limit, 1000)))
    )
    if warehouse:
        wh = inventory.warehouse_by_code(uow, actor, warehouse)
        stmt = stmt.where(or_(src.id == wh.id, dst.id == wh.id))
    if status:
        stmt = stmt.where(Transfer.status == status)
    return [
        TransferSummary(t.id, t.no, a.code, b.code, t.status, t.created_at, int(k))
        for t, a, b, k in uow.session.execute(stmt)
        if inventory.may_use_warehouse(actor, a) or inventory.may_use_warehouse(actor, b)
    ]
