"""Terminal sync state: the pull cursor per stream, and what the last contact said.

Terminal-wide facts (last push, last contact, clock offset, last error) live on the row of the
main stream (``HEAD_OFFICE``).
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from shared.db.models import SyncState, TerminalIdentity
from shared.domain.errors import NotFound
from shared.sync.protocol import HEAD_OFFICE


def get(session: Session, stream: str = HEAD_OFFICE) -> SyncState:
    """The stream's state row, created (cursor 0) if missing. Inside a write transaction."""
    row = session.get(SyncState, stream)
    if row is None:
        row = SyncState(stream=stream, cursor=0, last_error="")
        session.add(row)
        session.flush()
    return row


def peek(session: Session, stream: str = HEAD_OFFICE) -> SyncState | None:
    return session.get(SyncState, stream)


def terminal_id(session: Session) -> str:
    ident = session.get(TerminalIdentity, 1)
    if ident is None:
        raise NotFound(
            "this data directory is not registered as a terminal: run "
            "'storedesk terminal register --store CODE --number N'",
            code="not_registered",
        )
    return ident.terminal_id
