"""Serial-tracked goods (SPEC §10): one serial number per unit, in and out.

A serial number is in stock in at most one warehouse; bringing in one that is already in stock
anywhere, or taking out one that is not in stock here, is refused with the number named.
Called inside the transaction of the document that moves the units.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from shared.db.models import SerialUnit, Warehouse
from shared.db.uow import UnitOfWork
from shared.domain.errors import ValidationError

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
