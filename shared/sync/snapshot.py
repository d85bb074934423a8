"""Apply a full head-office snapshot to a terminal file, all or nothing, in one transaction.

The snapshot's first batch carries the change-log cursors it was read at; they are stored in the
same transaction, so incremental pulls continue exactly where the snapshot ends.

The terminal's scan index (``models.local.ScanIndex``) is kept by SQLite triggers in the same
transaction: on a registered terminal they follow each deleted and inserted row; on a new one
(no identity yet: ``register`` writes it after the snapshot) they wait, and the identity's first
row fills the whole index at once.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import delete, insert
from sqlalchemy.orm import Session

from shared.db.models import Base
from shared.sync import state
from shared.sync.changelog import HEAD_OFFICE_TABLES
from shared.sync.codec import decode_row


def apply_snapshot(session: Session, batches: Iterable[dict]) -> dict[str, int]:
    """Replace the terminal's copy of head-office data. The caller commits."""
    for name in reversed(HEAD_OFFICE_TABLES):
        session.execute(delete(Base.metadata.tables[name]))
    counts: dict[str, int] = dict.fromkeys(HEAD_OFFICE_TABLES, 0)
    for batch in batches:
        if "cursors" in batch:
            for stream, cursor in batch["cursors"].items():
                state.get(session, stream).cursor = int(cursor)
            continue
        name = batch["table"]
        if name not in HEAD_OFFICE_TABLES:
            raise ValueError(f"snapshot carries an unexpected table {name!r}")
        table = Base.metadata.tables[name]
        rows = [decode_row(table, r) for r in batch["rows"]]
        if rows:
            session.execute(insert(table), rows)
        counts[name] += len(rows)
    return counts
