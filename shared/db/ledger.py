"""The one write path of stock (SPEC §10): post movements and keep balances, in the caller's
transaction.

``post`` inserts movements with ``ON CONFLICT DO NOTHING`` on ``(doc_type, doc_id, line_key)``
(a document posted twice adds nothing) and, for each movement actually inserted, updates its
``stock_balance`` row in the same transaction: on-hand by the quantity, the moving-average cost
on the way in, the average cost recorded on the movement on the way out. Balance rows are locked
in (warehouse, SKU) order on PostgreSQL, so two documents touching the same SKUs never deadlock;
SQLite has one writer.

Locked stock (``locked_milli``: reserved by unpaid orders and pre-sales, SPEC §10) is the sum of
the open ``stock_reservation`` rows of a (warehouse, SKU); ``add_locked`` changes it in the
caller's transaction (``services.reservations`` takes and gives back, ``expire_reservations``
ends what is past its expiry). Everywhere the balance row is locked BEFORE a reservation row
is updated, so a release and an expiry of the same reservation never deadlock and never both
unlock it.

``verify`` recomputes every balance from the movements (and every locked figure from the open
reservations) and names the differences.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import func, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from shared.db.models import StockBalance, StockMovement, StockReservation
from shared.domain.ids import new_id

_m = StockMovement.__table__
_b = StockBalance.__table__
_r = StockReservation.__table__

#: kinds that bring goods in at a cost of their own (the moving average takes it in); other
#: inbound kinds (a stocktake gain, a refund) come in at the current average
COSTED_IN = ("purchase", "opening", "transfer_in", "other_in", "return_in")
IN_KINDS = COSTED_IN + ("gain", "refund")
OUT_KINDS = ("sale", "card_key", "transfer_out", "loss", "expired", "return_out", "other_out")


@dataclass(frozen=True)
class Posted:
    """A balance after posting: for negative-stock warnings and the caller's answer."""

    warehouse_id: str
    sku_id: str
    on_hand_milli: int
    locked_milli: int
    avg_cost_fen: int


def movement(
    *,
    warehouse_id: str,
    sku_id: str,
    qty_milli: int,
    kind: str,
    doc_type: str,
    doc_id: str,
    line_key: str,
    at: datetime,
    unit_cost_fen: int = 0,
    serial_no: str | None = None,
    created_by: str | None = None,
) -> dict:
    """A movement row to ``post``: ``qty_milli`` positive for inbound kinds, negative outbound."""
    if kind in IN_KINDS and qty_milli <= 0 or kind in OUT_KINDS and qty_milli >= 0:
        raise ValueError(f"a {kind} movement of {qty_milli} has the wrong sign")
    if kind not in IN_KINDS and kind not in OUT_KINDS:
        raise ValueError(f"unknown movement kind {kind!r}")
    return {
        "id": str(new_id()),
        "warehouse_id": warehouse_id,
        "sku_id": sku_id,
        "qty_milli": qty_milli,
        "kind": kind,
        "doc_type": doc_type,
        "doc_id": str(doc_id),
        "line_key": str(line_key),
        "unit_cost_fen": unit_cost_fen,
        "serial_no": serial_no,
        "at": at,
        "created_by": created_by,
    }


def _insert_new(session: Session, rows: list[dict]) -> set[str]:
    dialect = session.get_bind().dialect.name
    ins = postgresql.insert if dialect == "postgresql" else sqlite.insert
    stmt = ins(_m).on_conflict_do_nothing().returning(_m.c.id)
    inserted: set[str] = set()
    for row in rows:  # one at a time: RETURNING with executemany is not portable
        got = session.execute(stmt, row).first()
        if got is not None:
            inserted.add(str(got[0]))
    return inserted


def _avg(on_hand: int, avg: int, qty: int, cost: int) -> int:
    """The moving average after ``qty`` thousandths arrive at ``cost`` fen a unit."""
    after = on_hand + qty
    if on_hand <= 0 or after <= 0:
        return cost
    value = Decimal(on_hand) * avg + Decimal(qty) * cost
    return int((value / after).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def post(session: Session, rows: list[dict], now: datetime) -> list[Posted]:
    """Post movements (from ``movement``) in the caller's transaction; returns the balances they
    touched (only those of movements not posted before)."""
    if not rows:
        return []
    rows = sorted(rows, key=lambda r: (r["warehouse_id"], r["sku_id"], r["line_key"]))
    # outbound movements carry the average cost they take out: read it before inserting
    keys = sorted({(r["warehouse_id"], r["sku_id"]) for r in rows})
    balances = lock_balances(session, keys, now)
    for r in rows:
        bal = balances[(r["warehouse_id"], r["sku_id"])]
        if r["qty_milli"] < 0 or r["kind"] not in COSTED_IN:
            r.setdefault("unit_cost_fen", 0)
            if not r["unit_cost_fen"]:
                r["unit_cost_fen"] = bal["avg_cost_fen"]
    inserted = _insert_new(session, rows)
    touched: dict[tuple[str, str], dict] = {}
    for r in rows:
        if r["id"] not in inserted:
            continue
        key = (r["warehouse_id"], r["sku_id"])
        bal = balances[key]
        if r["qty_milli"] > 0 and r["kind"] in COSTED_IN:
            bal["avg_cost_fen"] = _avg(
                bal["on_hand_milli"], bal["avg_cost_fen"], r["qty_milli"], r["unit_cost_fen"]
            )
        bal["on_hand_milli"] += r["qty_milli"]
        touched[key] = bal
    for (wh, sku), bal in touched.items():
        session.execute(
            _b.update()
            .where(_b.c.warehouse_id == wh, _b.c.sku_id == sku)
            .values(
                on_hand_milli=bal["on_hand_milli"],
                avg_cost_fen=bal["avg_cost_fen"],
                updated_at=now,
            )
        )
    return [
        Posted(wh, sku, b["on_hand_milli"], b["locked_milli"], b["avg_cost_fen"])
        for (wh, sku), b in touched.items()
    ]


def lock_balances(session: Session, keys: list[tuple[str, str]], now: datetime) -> dict:
    """The balance rows of ``keys``, created at zero where missing, locked for this transaction
    (PostgreSQL: ``FOR UPDATE`` in key order)."""
    dialect = session.get_bind().dialect.name
    ins = postgresql.insert if dialect == "postgresql" else sqlite.insert
    session.execute(
        ins(_b).on_conflict_do_nothing(),
        [
            {
                "warehouse_id": wh,
                "sku_id": sku,
                "on_hand_milli": 0,
                "locked_milli": 0,
                "avg_cost_fen": 0,
                "updated_at": now,
            }
            for wh, sku in keys
        ],
    )
    out: dict[tuple[str, str], dict] = {}
    for wh, sku in keys:
        stmt = select(_b.c.on_hand_milli, _b.c.locked_milli, _b.c.avg_cost_fen).where(
            _b.c.warehouse_id == wh, _b.c.sku_id == sku
        )
        if dialect == "postgresql":
            stmt = stmt.with_for_update()
        row = session.execute(stmt).one()
        out[(wh, sku)] = dict(row._mapping)
    return out


def add_locked(
    session: Session, warehouse_id: str, sku_id: str, delta_milli: int, now: datetime
) -> None:
    """Add ``delta_milli`` (negative: give back) to the locked figure of a balance row the caller
    has locked (``lock_balances``), in the caller's transaction."""
    session.execute(
        _b.update()
        .where(_b.c.warehouse_id == warehouse_id, _b.c.sku_id == sku_id)
        .values(locked_milli=_b.c.locked_milli + delta_milli, updated_at=now)
    )


def _due(now: datetime):
    return (_r.c.state == "open") & (_r.c.expires_at.is_not(None)) & (_r.c.expires_at <= now)


def reservations_due(session: Session, now: datetime) -> bool:
    """Whether an open reservation is past its expiry at ``now`` (a read: callers look before
    they open a write transaction)."""
    return session.scalar(select(_r.c.id).where(_due(now)).limit(1)) is not None


def expire_reservations(session: Session, now: datetime) -> int:
    """End every open reservation past its expiry at ``now`` (state ``expired``) and unlock its
    quantity, in the caller's transaction; returns how many ended (0 when none was due, and
    then nothing is written). Each ends by a conditional update on ``state = 'open'`` after its
    balance row is locked, so one released or fulfilled meanwhile is not unlocked twice, and a
    second run ends nothing more."""
    due = session.execute(
        select(_r.c.id, _r.c.warehouse_id, _r.c.sku_id, _r.c.qty_milli)
        .where(_due(now))
        .order_by(_r.c.warehouse_id, _r.c.sku_id, _r.c.id)
    ).all()
    if not due:
        return 0
    keys = sorted({(str(w), str(k)) for _, w, k, _ in due})
    lock_balances(session, keys, now)
    unlock: dict[tuple[str, str], int] = {}
    ended = 0
    for rid, wh, sku, qty in due:
        won = session.execute(
            update(_r)
            .where(_r.c.id == rid, _r.c.state == "open")
            .values(state="expired", closed_at=now, closed_by=None)
        ).rowcount
        if won == 1:
            ended += 1
            key = (str(wh), str(sku))
            unlock[key] = unlock.get(key, 0) + int(qty)
    for (wh, sku), qty in unlock.items():
        add_locked(session, wh, sku, -qty, now)
    return ended


@dataclass(frozen=True)
class Difference:
    """A balance figure that differs from what it is recomputed from: ``on_hand`` against the
    movements (``ledger_milli`` their sum), ``locked`` against the open reservations
    (``ledger_milli`` their sum)."""

    warehouse_id: str
    sku_id: str
    balance_milli: int
    ledger_milli: int
    field: str = "on_hand"


def verify(session: Session, warehouse_id: str | None = None) -> list[Difference]:
    """Every balance recomputed from the ledger, and every locked figure from the open
    reservations; the figures that differ (none, when all is well), by (warehouse, SKU), the
    on-hand difference of a row before its locked one."""
    ledger = select(_m.c.warehouse_id, _m.c.sku_id, func.sum(_m.c.qty_milli).label("qty")).group_by(
        _m.c.warehouse_id, _m.c.sku_id
    )
    reserved = (
        select(_r.c.warehouse_id, _r.c.sku_id, func.sum(_r.c.qty_milli).label("qty"))
        .where(_r.c.state == "open")
        .group_by(_r.c.warehouse_id, _r.c.sku_id)
    )
    balances = select(_b.c.warehouse_id, _b.c.sku_id, _b.c.on_hand_milli, _b.c.locked_milli)
    if warehouse_id:
        ledger = ledger.where(_m.c.warehouse_id == warehouse_id)
        reserved = reserved.where(_r.c.warehouse_id == warehouse_id)
        balances = balances.where(_b.c.warehouse_id == warehouse_id)
    sums = {(str(w), str(s)): int(q) for w, s, q in session.execute(ledger)}
    locks = {(str(w), str(s)): int(q) for w, s, q in session.execute(reserved)}
    held: dict[tuple[str, str], int] = {}
    held_locked: dict[tuple[str, str], int] = {}
    for w, s, on_hand, locked in session.execute(balances):
        held[(str(w), str(s))] = int(on_hand)
        held_locked[(str(w), str(s))] = int(locked or 0)
    out = []
    for key in sorted(set(sums) | set(held) | set(locks)):
        if sums.get(key, 0) != held.get(key, 0):
            out.append(Difference(key[0], key[1], held.get(key, 0), sums.get(key, 0)))
        if locks.get(key, 0) != held_locked.get(key, 0):
            out.append(
                Difference(key[0], key[1], held_locked.get(key, 0), locks.get(key, 0), "locked")
            )
    return out
