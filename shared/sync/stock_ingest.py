"""Stock movements of what a terminal sold or refunded, posted when the document lands centrally.

A counter keeps no ledger of its own: the movements of a sale are derived from its lines in the
SAME central transaction that stores the sale (``ingest``), keyed by the sale line, so a pushed
sale posts its movements exactly once however often it is pushed. Selling is never refused for
stock: a warehouse that allows negative stock (the default) takes the sale and the central side
flags ``negative_stock`` for the manager (two offline counters selling the last unit: both sales
stand, stock is -1, and someone is told).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from shared.db import ledger
from shared.db.models import SaleLine, SerialUnit, StockMovement, Store, Warehouse
from shared.domain.ids import new_id

#: product kinds whose sale moves stock (a service does not)
STOCKED_KINDS = ("goods", "card_key")
_w = Warehouse.__table__


def warehouse_for_store(session: Session, store_id: str, now: datetime) -> str:
    """The store's warehouse id, created on first use (one per store, SPEC §10)."""
    found = session.scalar(select(_w.c.id).where(_w.c.store_id == store_id))
    if found is not None:
        return str(found)
    store = session.get(Store, store_id)
    if store is None:
        raise ValueError(f"unknown store {store_id}")
    dialect = session.get_bind().dialect.name
    ins = postgresql.insert if dialect == "postgresql" else sqlite.insert
    session.execute(
        ins(_w)
        .values(
            id=str(new_id()),
            enterprise_id=store.enterprise_id,
            store_id=store.id,
            code=store.code,
            name=f"{store.name}仓",
            kind="store",
            allow_negative=True,
            status="active",
            created_at=now,
        )
        .on_conflict_do_nothing()
    )
    return str(session.scalar(select(_w.c.id).where(_w.c.store_id == store_id)))


def sale_movements(session: Session, now: datetime, sale: dict, lines: list[dict]) -> list:
    """Post the movements of a sale's stocked lines; returns the balances they touched."""
    stocked = [ln for ln in lines if ln.get("kind", "goods") in STOCKED_KINDS]
    if not stocked:
        return []
    wh = warehouse_for_store(session, sale["store_id"], now)
    rows = [
        ledger.movement(
            warehouse_id=wh,
            sku_id=ln["sku_id"],
            qty_milli=-int(ln["quantity_milli"]),
            kind="card_key" if ln.get("kind") == "card_key" else "sale",
            doc_type="sale",
            doc_id=sale["id"],
            line_key=ln["id"],
            at=sale["completed_at"],
            created_by=sale.get("cashier_id"),
            serial_no=ln.get("serial_no"),
        )
        for ln in stocked
    ]
    posted = ledger.post(session, rows, now)
    _after_approved_counts(session, now, wh, sale, stocked)
    return posted


def sale_serials(session: Session, now: datetime, sale: dict, lines: list[dict]) -> list[dict]:
    """The units with a serial number a sale took out of the store's warehouse; called once per
    sale, in the transaction that stores it. A unit the book does not have here (sold offline,
    or never booked in) does not stop the sale: it is returned for the caller to flag."""
    sold = [ln for ln in lines if ln.get("serial_no")]
    if not sold:
        return []
    wh = warehouse_for_store(session, sale["store_id"], now)
    problems = []
    for ln in sold:
        unit = session.get(SerialUnit, (ln["sku_id"], ln["serial_no"]))
        if unit is None or unit.state != "in_stock" or str(unit.warehouse_id) != wh:
            problems.append(
                {
                    "sku_id": ln["sku_id"],
                    "serial_no": ln["serial_no"],
                    "state": unit.state if unit else "unknown",
                    "warehouse_id": str(unit.warehouse_id) if unit and unit.warehouse_id else None,
                }
            )
            if unit is None:
                session.add(
                    SerialUnit(
                        sku_id=ln["sku_id"],
                        serial_no=ln["serial_no"],
                        state="out",
                        warehouse_id=None,
                        updated_at=now,
                    )
                )
                continue
        unit.state, unit.warehouse_id, unit.updated_at = "out", None, now
    session.flush()
    return problems


def _after_approved_counts(
    session: Session, now: datetime, wh: str, sale: dict, stocked: list[dict]
) -> None:
    """A sale made BEFORE a count but reaching head office AFTER the count was approved: the
    count already saw the goods gone, and the approval (which could not know the sale) booked
    them as a loss. Posting the sale takes them out a second time, so a gain of the same
    quantity puts them back — once per sale line (keyed by it), whatever number of later
    approved counts there are."""
    from sqlalchemy import func

    from shared.db.models import Stocktake, StocktakeLine

    sold_at = sale["completed_at"]
    counted = set(
        session.scalars(
            select(StocktakeLine.sku_id)
            .join(Stocktake, Stocktake.id == StocktakeLine.stocktake_id)
            .where(
                Stocktake.warehouse_id == wh,
                Stocktake.status == "approved",
                StocktakeLine.sku_id.in_([ln["sku_id"] for ln in stocked]),
                StocktakeLine.counted_at >= sold_at,
            )
            .group_by(StocktakeLine.sku_id)
            .having(func.count() > 0)
        )
    )
    rows = [
        ledger.movement(
            warehouse_id=wh,
            sku_id=ln["sku_id"],
            qty_milli=int(ln["quantity_milli"]),
            kind="gain",
            doc_type="recount",
            doc_id=sale["id"],
            line_key=ln["id"],
            at=now,
        )
        for ln in stocked
        if str(ln["sku_id"]) in {str(x) for x in counted}
    ]
    ledger.post(session, rows, now)


def refund_movements(session: Session, now: datetime, refund: dict, lines: list[dict]) -> list:
    """Goods refunded come back into the store's warehouse at the cost they left with."""
    if not lines:
        return []
    sold = {
        str(sl.id): sl
        for sl in session.scalars(
            select(SaleLine).where(
                SaleLine.store_id == refund["store_id"],
                SaleLine.id.in_([ln["sale_line_id"] for ln in lines]),
            )
        )
    }
    costs = {
        line_key: cost
        for line_key, cost in session.execute(
            select(StockMovement.line_key, StockMovement.unit_cost_fen).where(
                StockMovement.doc_type == "sale",
                StockMovement.doc_id == str(refund["sale_id"]),
            )
        )
    }
    wh = warehouse_for_store(session, refund["store_id"], now)
    rows = []
    for ln in lines:
        sl = sold.get(str(ln["sale_line_id"]))
        if sl is None or sl.kind not in STOCKED_KINDS or sl.kind == "card_key":
            continue  # card keys are never refunded into stock
        if sl.serial_no:
            unit = session.get(SerialUnit, (sl.sku_id, sl.serial_no))
            if unit is not None and unit.state == "out":
                unit.state, unit.warehouse_id, unit.updated_at = "in_stock", wh, now
        rows.append(
            ledger.movement(
                warehouse_id=wh,
                sku_id=sl.sku_id,
                qty_milli=int(ln["quantity_milli"]),
                kind="refund",
                doc_type="refund",
                doc_id=refund["id"],
                line_key=ln["id"],
                at=refund["created_at"],
                unit_cost_fen=costs.get(str(sl.id), 0),
                created_by=refund.get("cashier_id"),
                serial_no=sl.serial_no,
            )
        )
    return ledger.post(session, rows, now)


def ever_stocked(session: Session, warehouse_id: str, sku_id: str) -> bool:
    """Whether any stock of the SKU ever came into the warehouse (it is managed there)."""
    m = StockMovement.__table__
    return (
        session.scalar(
            select(m.c.id)
            .where(m.c.warehouse_id == warehouse_id, m.c.sku_id == sku_id, m.c.qty_milli > 0)
            .limit(1)
        )
        is not None
    )
