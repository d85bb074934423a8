"""Central-side handlers: plain functions over a central session, called through a transport.

Every argument and answer is JSON-ready. Pushed documents are handled by ``sync.ingest``; the
change log by ``sync.changelog``.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from shared.db.models import Base, Enterprise, JournalEntry, Refund, Sale, Store, Terminal
from shared.domain.clock import Clock
from shared.domain.errors import NotFound, ValidationError
from shared.domain.ids import new_id
from shared.sync import changelog
from shared.sync.changelog import BATCH, HEAD_OFFICE_TABLES
from shared.sync.codec import encode_row
from shared.sync.errors import SyncRefused
from shared.sync.protocol import (
    CLIENT_VERSION,
    HEAD_OFFICE,
    MIN_PULL_VERSION,
    MIN_PUSH_VERSION,
    PAYLOAD_VERSION,
    STREAMS,
)

#: kept for callers of the first version of this module
PROTOCOL_VERSION = CLIENT_VERSION

__all__ = [
    "BATCH",
    "HEAD_OFFICE",
    "HEAD_OFFICE_TABLES",
    "PROTOCOL_VERSION",
    "hello",
    "high_water",
    "min_pull_version",
    "pull",
    "register_terminal",
    "snapshot",
]


def min_pull_version(session: Session | None) -> int:
    """The lowest client version this server serves pulls to (enterprise setting
    ``sync_min_pull_version``, else ``MIN_PULL_VERSION``)."""
    if session is None:
        return MIN_PULL_VERSION
    ent = session.scalars(select(Enterprise).limit(1)).first()
    value = (ent.settings or {}).get("sync_min_pull_version") if ent else None
    return int(value) if value is not None else MIN_PULL_VERSION


def hello(
    clock: Clock,
    session: Session | None = None,
    terminal_id: str | None = None,
    client_version: int | None = None,
) -> dict:
    """The version handshake, stamped with the server's time."""
    out: dict = {
        "server_time": clock.now().isoformat(),
        "protocol": CLIENT_VERSION,
        "push_versions": [MIN_PUSH_VERSION, PAYLOAD_VERSION],
        "min_pull_version": min_pull_version(session),
    }
    if client_version is not None:
        out["pull_allowed"] = int(client_version) >= out["min_pull_version"]
    if session is not None and terminal_id:
        term = session.get(Terminal, terminal_id)
        out["terminal"] = (
            {"id": term.id, "store_id": term.store_id, "number": term.number, "status": term.status}
            if term
            else None
        )
    return out


def register_terminal(session: Session, clock: Clock, store_code: str, number: int) -> dict:
    code = (store_code or "").strip().upper()
    if not code:
        raise ValidationError("give the store code", code="store_required")
    if not isinstance(number, int) or not 1 <= number <= 99:
        raise ValidationError("a terminal number is 1 to 99", code="terminal_number")
    store = session.scalars(select(Store).where(Store.code == code)).first()
    if store is None:
        raise NotFound(f"no store with code {code} in the central database", code="unknown_store")
    term = session.scalars(select(Terminal).where(Terminal.number == number)).first()
    if term is not None and term.store_id != store.id:
        other = session.get(Store, term.store_id)
        raise ValidationError(
            f"terminal number {number} is already used by store {other.code}: terminal numbers "
            "are unique across the enterprise because they appear in receipt numbers",
            code="terminal_number_taken",
        )
    if term is None:
        changelog.capture(session, clock)  # other terminals learn of the new one
        term = Terminal(
            id=str(new_id()),
            store_id=store.id,
            number=number,
            name=f"{store.name} #{number}",
            status="active",
            registered_at=clock.now(),
        )
        session.add(term)
        session.commit()
    elif term.status != "active":
        raise ValidationError(f"terminal {number} of {code} is retired", code="terminal_retired")
    return {
        "terminal_id": term.id,
        "store_id": store.id,
        "store_code": store.code,
        "number": term.number,
    }


def snapshot(session: Session) -> Iterator[dict]:
    """The head-office data a terminal needs, in batches of JSON-ready rows.

    The first batch carries the change-log cursors read in the same snapshot (the caller runs
    this in one repeatable-read transaction), so incremental pulls continue exactly from here.
    """
    yield {"cursors": {stream: changelog.head(session, stream) for stream in STREAMS}}
    for name in HEAD_OFFICE_TABLES:
        table = Base.metadata.tables[name]
        result = session.execute(select(table)).mappings()
        while True:
            chunk = result.fetchmany(BATCH)
            if not chunk:
                break
            yield {"table": name, "rows": [encode_row(table, dict(r)) for r in chunk]}


def pull(session: Session, stream: str, cursor: int, limit: int, client_version: int) -> dict:
    """Head-office changes after ``cursor``; refused to a terminal below the minimum version."""
    if stream not in STREAMS:
        raise ValidationError(f"unknown stream {stream!r}", code="unknown_stream")
    floor = min_pull_version(session)
    if int(client_version) < floor:
        raise SyncRefused(
            f"this terminal speaks sync version {client_version}, the central database serves "
            f"pulls from version {floor}: update StoreDesk on this terminal (selling goes on, "
            "but catalog, price and staff changes will not arrive until then)",
            code="pull_version_too_old",
            client_version=int(client_version),
            min_pull_version=floor,
        )
    return changelog.changes_after(session, stream, cursor, limit)


def _seq_of(number: str) -> int:
    """The terminal's daily sequence in a receipt number (``261122-03-0042``, ``…/2`` too)."""
    return int(number.split("/", 1)[0].rsplit("-", 1)[-1])


def high_water(session: Session, terminal_id: str, since: str | None = None) -> dict:
    """The highest receipt/refund number the central side holds for a terminal, per business
    date, and the head of its journal: a terminal re-seeds its counters from this so a terminal
    restored from an old copy of its file never hands out a number twice."""
    best: dict[tuple[str, str], int] = {}
    for model, column, series in ((Sale, Sale.receipt_no, "S"), (Refund, Refund.refund_no, "R")):
        stmt = select(model.business_date, func.max(column)).where(model.terminal_id == terminal_id)
        if since:
            stmt = stmt.where(model.business_date >= date.fromisoformat(since))
        stmt = stmt.group_by(model.business_date, func.length(column))
        for day, number in session.execute(stmt):
            key = (day.isoformat(), series)
            best[key] = max(best.get(key, 0), _seq_of(number))
    last = session.execute(
        select(JournalEntry.seq, JournalEntry.hash)
        .where(JournalEntry.terminal_id == terminal_id)
        .order_by(JournalEntry.seq.desc())
        .limit(1)
    ).first()
    return {
        "terminal_id": terminal_id,
        "receipts": [
            {"business_date": d, "series": s, "last_seq": n} for (d, s), n in sorted(best.items())
        ],
        "journal": {"seq": int(last[0]), "hash": last[1]} if last else None,
    }
