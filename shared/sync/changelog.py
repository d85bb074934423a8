"""Central change log of head-office data: what terminals pull, in commit order.

Every write of a head-office table (``HEAD_OFFICE_TABLES``) records a change row in the SAME
central transaction: the whole row for an upsert, the primary key alone for a delete (a
tombstone). A terminal pulls ``id > cursor`` and advances its cursor to the last id it applied.

Why the cursor cannot skip a row: ids come from a sequence when the row is inserted, but become
visible when the transaction commits. If writer A took id 10 and writer B took id 11 and B
committed first, a reader could see 11, move its cursor to 11 and never see 10. So on PostgreSQL
every append first takes ``pg_advisory_xact_lock(<the stream's key>)``: appends to one stream are
serialised and held until commit, so ids become visible in id order. SQLite has one writer at a
time (``BEGIN IMMEDIATE``), which gives the same guarantee for free.

Two ways to record:
- ``record`` / ``record_many``: explicit, for Core bulk inserts (the demo's catalog);
- ``capture(session)``: records every head-office ORM object the session flushes (new, changed,
  deleted), parents before children; the lock is taken before the flush writes its rows, so all
  head-office writers take their locks in the same order (the advisory lock first).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import UTC, datetime

from sqlalchemy import event, func, insert, select
from sqlalchemy.orm import Session

from shared.db.models import Base, ChangeLog
from shared.domain.clock import Clock
from shared.sync.codec import encode_row, primary_key, row_of
from shared.sync.protocol import HEAD_OFFICE

#: head-office tables a terminal keeps a read-only copy of, parents before children
HEAD_OFFICE_TABLES = (
    "enterprise",
    "store",
    "terminal",
    "staff",
    "staff_store",
    "category",
    "product",
    "sku",
    "barcode",
    "store_price",
)
_ORDER = {name: i for i, name in enumerate(HEAD_OFFICE_TABLES)}
BATCH = 5000
MAX_PULL = 5000


def stream_lock_key(stream: str) -> int:
    """A stable signed 64-bit advisory-lock key for a stream."""
    digest = hashlib.sha256(f"storedesk.change_log:{stream}".encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


def lock_stream(session: Session, stream: str = HEAD_OFFICE) -> None:
    """Serialise appends to ``stream`` until this transaction ends (no-op on SQLite)."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(select(func.pg_advisory_xact_lock(stream_lock_key(stream))))


def _entry(table_name: str, row: dict, op: str, at: datetime, stream: str) -> dict:
    if table_name not in _ORDER:
        raise ValueError(f"{table_name!r} is not head-office data")
    if op not in ("upsert", "delete"):
        raise ValueError(f"unknown change op {op!r}")
    table = Base.metadata.tables[table_name]
    return {
        "stream": stream,
        "table_name": table_name,
        "row_key": primary_key(table, row),
        "op": op,
        "row": row if op == "upsert" else None,
        "at": at,
    }


def record(
    session: Session,
    table_name: str,
    row: dict,
    *,
    op: str = "upsert",
    at: datetime | None = None,
    stream: str = HEAD_OFFICE,
) -> None:
    """Record one change of a head-office row (Python values or JSON-ready; encoded here)."""
    record_many(session, table_name, [row], op=op, at=at, stream=stream)


def record_many(
    session: Session,
    table_name: str,
    rows: Iterable[dict],
    *,
    op: str = "upsert",
    at: datetime | None = None,
    stream: str = HEAD_OFFICE,
) -> int:
    table = Base.metadata.tables[table_name]
    at = at or datetime.now(UTC)
    entries = [_entry(table_name, encode_row(table, r), op, at, stream) for r in rows]
    if not entries:
        return 0
    lock_stream(session, stream)
    for i in range(0, len(entries), BATCH):
        session.execute(insert(ChangeLog), entries[i : i + BATCH])
    return len(entries)


def capture(session: Session, clock: Clock | None = None, *, stream: str = HEAD_OFFICE) -> None:
    """Record every head-office ORM change this session flushes, in the same transaction.

    For central sessions only (a terminal applying pulled rows must not log them again).
    """
    if session.info.get("changelog_capture"):
        return
    session.info["changelog_capture"] = True

    def now() -> datetime:
        return clock.now() if clock else datetime.now(UTC)

    def head_office(objs) -> list:
        return [o for o in objs if getattr(o, "__tablename__", None) in _ORDER]

    @event.listens_for(session, "before_flush")
    def _lock(sess, _ctx, _instances) -> None:
        if head_office(sess.new) or head_office(sess.dirty) or head_office(sess.deleted):
            lock_stream(sess, stream)

    @event.listens_for(session, "after_flush")
    def _record(sess, _ctx) -> None:
        at = now()
        ups = head_office(sess.new) + [o for o in head_office(sess.dirty) if sess.is_modified(o)]
        dels = head_office(sess.deleted)
        entries = [
            _entry(o.__tablename__, row_of(o), "delete", at, stream)
            for o in sorted(dels, key=lambda o: -_ORDER[o.__tablename__])
        ] + [
            _entry(o.__tablename__, row_of(o), "upsert", at, stream)
            for o in sorted(ups, key=lambda o: _ORDER[o.__tablename__])
        ]
        if entries:
            sess.connection().execute(insert(ChangeLog), entries)


def head(session: Session, stream: str = HEAD_OFFICE) -> int:
    """The newest change id of a stream visible to this transaction (0 when empty)."""
    return int(
        session.scalar(
            select(func.coalesce(func.max(ChangeLog.id), 0)).where(ChangeLog.stream == stream)
        )
    )


def changes_after(session: Session, stream: str, cursor: int, limit: int) -> dict:
    """Changes with ``id > cursor``, oldest first, and the cursor to ask from next time."""
    limit = max(1, min(int(limit), MAX_PULL))
    rows = session.execute(
        select(ChangeLog.id, ChangeLog.table_name, ChangeLog.row_key, ChangeLog.op, ChangeLog.row)
        .where(ChangeLog.stream == stream, ChangeLog.id > int(cursor))
        .order_by(ChangeLog.id)
        .limit(limit + 1)
    ).all()
    more = len(rows) > limit
    rows = rows[:limit]
    return {
        "stream": stream,
        "changes": [
            {"id": int(i), "table": t, "key": k, "op": op, "row": row} for i, t, k, op, row in rows
        ],
        "cursor": int(rows[-1][0]) if rows else int(cursor),
        "more": more,
    }
