"""Terminal side of pull: apply head-office changes and advance the cursor in ONE local
transaction per batch, so a crash leaves either the whole batch with its cursor or neither.

Upserts overwrite every column except the terminal's own bookkeeping (a staff member's failed
PIN attempts and lock-out are counted where they happen); deletes are tombstones by primary key.

The terminal's scan index (``models.local.ScanIndex``, what the counter's scan reads) follows
every applied product, sku, barcode and store_price row and tombstone by itself: SQLite triggers
rewrite the index rows each statement affects, so they commit or roll back with the batch.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import and_, delete
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from shared.db.models import Base
from shared.db.uow import Database
from shared.sync import state
from shared.sync.changelog import HEAD_OFFICE_TABLES
from shared.sync.codec import decode_row
from shared.sync.protocol import CLIENT_VERSION, HEAD_OFFICE

#: columns a pulled upsert never overwrites on the terminal
LOCAL_COLUMNS = {"staff": {"failed_attempts", "locked_until"}}
BATCH = 500


def apply_changes(session: Session, changes: list[dict]) -> int:
    """Apply change-log entries in order inside the caller's transaction."""
    dialect = session.get_bind().dialect.name
    ins = postgresql.insert if dialect == "postgresql" else sqlite.insert
    for ch in changes:
        name = ch["table"]
        if name not in HEAD_OFFICE_TABLES:
            raise ValueError(
                f"the central database sent changes of {name!r}, which this terminal does not "
                "know: update StoreDesk on this terminal"
            )
        table = Base.metadata.tables[name]
        pk = [c.name for c in table.primary_key.columns]
        if ch["op"] == "delete":
            key = decode_row(table, ch["key"])
            session.execute(delete(table).where(and_(*(table.c[k] == key[k] for k in pk))))
            continue
        row = decode_row(table, ch["row"])
        keep = LOCAL_COLUMNS.get(name, set())
        update_cols = {c: row[c] for c in row if c not in pk and c not in keep}
        stmt = ins(table).values(row)
        if update_cols:
            stmt = stmt.on_conflict_do_update(index_elements=pk, set_=update_cols)
        else:
            stmt = stmt.on_conflict_do_nothing()
        session.execute(stmt)
    return len(changes)


@dataclass(frozen=True)
class PullReport:
    applied: int
    cursor: int
    batches: int


def pull_stream(
    local: Database,
    gateway,
    stream: str = HEAD_OFFICE,
    *,
    limit: int = BATCH,
    client_version: int = CLIENT_VERSION,
    max_batches: int | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> PullReport:
    """Pull until caught up (or ``max_batches``). Each batch: one local transaction.

    ``progress(applied_so_far, cursor)`` is called after each committed batch (a catch-up of a
    large catalog can show it; raising from it stops the pull cleanly between batches)."""
    applied = batches = 0
    with local.reader() as uow:
        row = state.peek(uow.session, stream)
        cursor = row.cursor if row else 0
    while max_batches is None or batches < max_batches:
        answer = gateway.pull(stream, cursor, limit, client_version)
        with local.uow() as uow:
            st = state.get(uow.session, stream)
            if st.cursor != cursor:  # another puller moved on meanwhile: start from there
                cursor = st.cursor
                continue
            applied += apply_changes(uow.session, answer["changes"])
            st.cursor = int(answer["cursor"])
            st.last_pull_at = uow.clock.now()
            uow.commit()
        cursor = int(answer["cursor"])
        batches += 1
        if progress is not None:
            progress(applied, cursor)
        if not answer["more"]:
            break
    return PullReport(applied, cursor, batches)
