"""Counting stock at the counter (盘点扫码, SPEC §10), offline like a sale.

A scan is resolved in the terminal's catalog (barcode, weighed-goods label, SKU or product code)
and written as one ``stock_count`` outbox message in one local transaction: nothing needs the
central database. When the message lands (``sync.ingest``) the count is added, exactly once, to
the open count sheet of the store's warehouse; a count that finds no open sheet is kept as a
``count_without_stocktake`` sync exception for the manager. The count carries the terminal's time
of the scan: the approval compares it with the book at that moment, so sales before and after the
scan are each accounted for once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from shared.db.uow import UnitOfWork
from shared.domain.errors import ValidationError
from shared.domain.ids import new_id
from shared.domain.permissions import Perm
from shared.services import catalog
from shared.services.auth import Actor, require
from shared.services.context import TerminalContext
from shared.sync import outbox

#: the most one scan may count (thousandths): a typo, not a shelf
MAX_COUNT_MILLI = 9_999_999_000
COUNTABLE_KINDS = ("goods",)


@dataclass(frozen=True)
class Counted:
    count_id: str
    msg_id: str
    sku_id: str
    sku_code: str
    name: str
    unit: str
    qty_milli: int
    counted_at: datetime


def count(
    uow: UnitOfWork,
    ctx: TerminalContext,
    actor: Actor,
    sku_code_or_barcode: str,
    qty_milli: int | None = None,
) -> Counted:
    """Count what was scanned: ``qty_milli`` thousandths, or (``None``) what the scan says — one
    piece, or the quantity on a weighed-goods label. Scanning the same item again adds up."""
    require(actor, Perm.COUNT_STOCK, ctx.store_id)
    line = catalog.scan(uow, ctx, sku_code_or_barcode)
    if line.kind not in COUNTABLE_KINDS:
        raise ValidationError(
            f"'{line.name}' is not goods kept on a shelf: it is not counted",
            code="not_countable",
            name=line.name,
        )
    qty = line.quantity_milli if qty_milli is None else qty_milli
    if isinstance(qty, bool) or not isinstance(qty, int):
        raise ValidationError("the quantity must be a whole number of thousandths", code="quantity")
    if qty <= 0:
        raise ValidationError("a count adds a quantity above zero", code="quantity_not_positive")
    if qty > MAX_COUNT_MILLI:
        raise ValidationError("the quantity is implausible", code="quantity_absurd")
    if qty % 1000 and not (line.weighed or line.unit == "kg"):
        raise ValidationError(
            f"'{line.name}' is counted in whole units", code="quantity_fractional", name=line.name
        )
    now = uow.clock.now()
    count_id = str(new_id())
    msg_id = outbox.stock_count(
        uow.session,
        {
            "id": count_id,
            "store_id": ctx.store_id,
            "terminal_id": ctx.terminal_id,
            "sku_id": line.sku_id,
            "qty_milli": qty,
            "counted_at": now.isoformat(),
            "staff_id": actor.staff_id,
        },
        at=now,
    )
    uow.commit()
    return Counted(count_id, msg_id, line.sku_id, line.sku_code, line.name, line.unit, qty, now)
