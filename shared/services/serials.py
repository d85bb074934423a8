"""Serial-tracked goods (SPEC §10): one serial number per unit, in and out, and at the counter.

A serial number is in stock in at most one warehouse; bringing in one that is already in stock
anywhere, or taking out one that is not in stock here, is refused with the number named.
Called inside the transaction of the document that moves the units.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy import select

from shared.db.models import SerialUnit, Warehouse
from shared.db.uow import UnitOfWork
from shared.domain.cart import CartLine
from shared.domain.errors import ValidationError
from shared.sync.errors import CentralUnreachable
from shared.sync.gateway import CentralGateway

MAX_SERIAL = 64


def clean(serial: str) -> str:
    text = (serial or "").strip()
    if not text:
        raise ValidationError("a serial number is empty", code="serial_empty")
    if len(text) > MAX_SERIAL:
        raise ValidationError(
            f"serial number too long (at most {MAX_SERIAL})",
            code="serial_too_long",
            value=text[:40],
        )
    return text


def move(
    uow: UnitOfWork,
    sku_id: str,
    serials: list[str],
    warehouse_id: str,
    direction: str,
    now: datetime,
    *,
    state_out: str = "out",
) -> None:
    """Units come ``in`` to ``warehouse_id`` or go ``out`` of it (``state_out``: ``out`` or
    ``in_transit``)."""
    s = uow.session
    numbers = [clean(x) for x in serials]
    if len(set(numbers)) != len(numbers):
        raise ValidationError("a serial number is given twice", code="serial_duplicate")
    found = {
        u.serial_no: u
        for u in s.scalars(
            select(SerialUnit).where(SerialUnit.sku_id == sku_id, SerialUnit.serial_no.in_(numbers))
        )
    }
    for number in numbers:
        unit = found.get(number)
        if direction == "in":
            if unit is not None and unit.state == "in_stock":
                where = s.get(Warehouse, unit.warehouse_id)
                raise ValidationError(
                    f"serial number {number} is already in stock at {where.code if where else '?'}",
                    code="serial_in_stock",
                    value=number,
                )
            if unit is None:
                unit = SerialUnit(sku_id=sku_id, serial_no=number, state="in_stock")
                s.add(unit)
            unit.state, unit.warehouse_id, unit.updated_at = "in_stock", warehouse_id, now
        else:
            if unit is None or unit.state != "in_stock" or unit.warehouse_id != warehouse_id:
                raise ValidationError(
                    f"serial number {number} is not in stock here",
                    code="serial_not_in_stock",
                    value=number,
                )
            unit.state, unit.updated_at = state_out, now
            if state_out == "out":
                unit.warehouse_id = None
    s.flush()


def in_stock(uow: UnitOfWork, sku_id: str, serial: str, warehouse_id: str) -> bool:
    unit = uow.session.get(SerialUnit, (sku_id, clean(serial)))
    return unit is not None and unit.state == "in_stock" and unit.warehouse_id == warehouse_id


# ---- at the counter ----------------------------------------------------------------------------


@dataclass(frozen=True)
class SerialOnLine:
    """A serial-tracked cart line with its unit's serial number. ``checked`` is False when head
    office could not be asked (offline): the sale goes ahead and the number is checked when
    the sale lands (a unit the book did not have there is flagged ``serial_not_in_stock``)."""

    line: CartLine
    checked: bool


def for_sale(
    gateway: CentralGateway | None, store_code: str, line: CartLine, serial: str
) -> SerialOnLine:
    """The unit about to be sold, checked with head office: refused (``serial_not_in_stock``)
    when the book has it elsewhere, sold, in transit or not at all."""
    if not line.serial_tracked:
        raise ValidationError(
            f"'{line.name}' is not serial-tracked", code="not_serial_tracked", name=line.name
        )
    number = clean(serial)
    with_serial = replace(line, serial_no=number)
    if gateway is None:
        return SerialOnLine(with_serial, checked=False)
    try:
        answer = gateway.serial(line.sku_id, number, store_code)
    except CentralUnreachable:
        return SerialOnLine(with_serial, checked=False)
    if not answer.get("ok"):
        raise ValidationError(
            answer.get("message") or "that is not a serial number",
            code=answer.get("reason") or "bad_serial",
            value=number,
        )
    if answer["in_stock_here"]:
        return SerialOnLine(with_serial, checked=True)
    state, where = answer.get("state"), answer.get("store")
    if state == "in_stock":
        why = f"it is in stock at {where}"
    elif state == "in_transit":
        why = "it is in transit"
    elif state == "out":
        why = "it has been sold or taken out"
    else:
        why = "head office has no record of it"
    raise ValidationError(
        f"serial number {number} is not in stock here: {why}",
        code="serial_not_in_stock",
        value=number,
        state=state or "unknown",
        store=where or "",
    )
