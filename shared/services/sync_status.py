"""Sync for the counter window and the CLI, without Qt.

- ``status(local_db)``: what the sync indicator shows (online / offline, last sync time,
  messages waiting, clock offset and its warning). A cheap read; never touches the network.
- ``message_states(local_db, msg_ids)``: whether given outbox messages (the documents a screen
  just wrote) still wait or were sent, with the central side's answer. A cheap read.
- ``run_once(local_db, gateway)``: one push/pull round (for a background operation).
- ``SyncLoop``: rounds on a schedule with backoff; ``step()`` returns when to run next, so a
  Qt timer can drive it without ever blocking the GUI thread.
- ``gateway_for(local_db, central_url)``: the in-process transport to the central database this
  terminal was registered with (or the one given).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from shared.db.models import TerminalIdentity
from shared.db.uow import Database
from shared.domain.errors import NotFound
from shared.sync import outbox, state
from shared.sync.errors import CentralUnreachable, SyncRefused
from shared.sync.gateway import CentralGateway, InProcessGateway
from shared.sync.loop import Backoff, Step, SyncLoop, SyncReport
from shared.sync.loop import run_once as _run_once
from shared.sync.protocol import CLOCK_WARNING_S

__all__ = [
    "Backoff",
    "CentralUnreachable",
    "MessageState",
    "Step",
    "SyncLoop",
    "SyncRefused",
    "SyncReport",
    "SyncStatus",
    "gateway_for",
    "message_states",
    "run_once",
    "status",
]


@dataclass(frozen=True)
class SyncStatus:
    #: None: never tried; True: the last attempt reached the central side; False: it did not
    online: bool | None
    #: when the last full round (push and pull) finished, terminal clock
    last_sync_at: datetime | None
    #: outbox messages not yet acknowledged by the central side
    pending: int
    #: server time minus terminal time at the last handshake, seconds
    clock_offset_s: float | None
    #: the terminal's clock is off by more than five minutes (selling goes on)
    clock_warning: bool
    #: messages the central side refused as such (message id reused with another payload)
    rejected: int = 0
    last_attempt_at: datetime | None = None
    last_error: str = ""


def status(local_db: Database) -> SyncStatus:
    with local_db.reader() as uow:
        s = uow.session
        counts = outbox.counts(s)
        st = state.peek(s)
        if st is None:
            return SyncStatus(None, None, counts["pending"], None, False, counts["rejected"])
        if st.last_attempt_at is None:
            online = None
        else:
            online = st.last_contact_at is not None and st.last_contact_at >= st.last_attempt_at
        offset = st.clock_offset_ms / 1000 if st.clock_offset_ms is not None else None
        return SyncStatus(
            online=online,
            last_sync_at=st.last_pull_at,
            pending=counts["pending"],
            clock_offset_s=offset,
            clock_warning=offset is not None and abs(offset) > CLOCK_WARNING_S,
            rejected=counts["rejected"],
            last_attempt_at=st.last_attempt_at,
            last_error=st.last_error or "",
        )


@dataclass(frozen=True)
class MessageState:
    """One outbox message: ``pending`` (waiting to go up), ``sent`` or ``rejected``."""

    msg_id: str
    status: str
    #: what the central side answered once it was sent (or refused); None while it waits
    result: dict | None = None


def message_states(local_db: Database, msg_ids: list[str]) -> dict[str, MessageState]:
    """Where these outbox messages are, by id (ids not in the outbox are left out)."""
    if not msg_ids:
        return {}
    with local_db.reader() as uow:
        found = outbox.states(uow.session, msg_ids)
    return {m: MessageState(m, status, result) for m, (status, result) in found.items()}


def run_once(local_db: Database, gateway: CentralGateway) -> SyncReport:
    """One sync round; raises ``CentralUnreachable`` when offline (and records it)."""
    return _run_once(local_db, gateway)


def gateway_for(local_db: Database, central_url: str | None = None) -> InProcessGateway:
    """The in-process gateway to ``central_url``, or to the central database this terminal was
    registered with. The central database is opened lazily, on the first call."""
    if not central_url:
        with local_db.reader() as uow:
            ident = uow.session.get(TerminalIdentity, 1)
            central_url = ident.central_url if ident else None
    if not central_url:
        raise NotFound(
            "this data directory is not registered as a terminal: run "
            "'storedesk terminal register --store CODE --number N'",
            code="not_registered",
        )
    return InProcessGateway.for_url(central_url)
