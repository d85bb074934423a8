"""Terminal outbox: what a terminal authored, written in the SAME local transaction as the
document, pushed later in ``seq`` order (``sync.push``).

A message carries one whole document: a sale with its lines, discounts, payments, journal entry
and the shift it belongs to; a refund likewise; a shift opening; a cash movement; a shift close
with its journal entry. Rows travel as JSON (``codec.row_of``), so any transport carries them.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from shared.db.models import CashMovement, JournalEntry, Outbox, Refund, Sale, Shift
from shared.domain.ids import new_id
from shared.sync.codec import row_of
from shared.sync.protocol import KINDS, PAYLOAD_VERSION


def enqueue(
    session: Session,
    *,
    kind: str,
    payload: dict,
    at: datetime,
    payload_version: int = PAYLOAD_VERSION,
    msg_id: str | None = None,
) -> str:
    """Add a message to the outbox inside the caller's transaction; the caller commits."""
    if kind not in KINDS:
        raise ValueError(f"unknown outbox message kind {kind!r}")
    msg_id = msg_id or str(new_id())
    session.add(
        Outbox(
            msg_id=msg_id,
            kind=kind,
            payload=payload,
            payload_version=payload_version,
            status="pending",
            attempts=0,
            last_error="",
            created_at=at,
        )
    )
    return msg_id


def _journal_row(entry: JournalEntry | None) -> dict | None:
    return row_of(entry) if entry is not None else None


def sale(
    session: Session, sale: Sale, shift: Shift, journal: JournalEntry | None, *, at: datetime
) -> str:
    session.flush()  # defaults and foreign keys filled in before the rows are copied
    payload = {
        "shift": row_of(shift),
        "sale": row_of(sale),
        "lines": [row_of(ln) for ln in sale.lines],
        "discounts": [row_of(d) for d in sale.discounts],
        "payments": [row_of(p) for p in sale.payments],
        "journal": _journal_row(journal),
    }
    return enqueue(session, kind="sale", payload=payload, at=at)


def refund(
    session: Session, refund: Refund, shift: Shift, journal: JournalEntry | None, *, at: datetime
) -> str:
    session.flush()
    payload = {
        "shift": row_of(shift),
        "refund": row_of(refund),
        "lines": [row_of(ln) for ln in refund.lines],
        "payments": [row_of(p) for p in refund.payments],
        "journal": _journal_row(journal),
    }
    return enqueue(session, kind="refund", payload=payload, at=at)


def shift_open(session: Session, shift: Shift, *, at: datetime) -> str:
    session.flush()
    return enqueue(session, kind="shift_open", payload={"shift": row_of(shift)}, at=at)


def cash_movement(session: Session, movement: CashMovement, shift: Shift, *, at: datetime) -> str:
    session.flush()
    payload = {"shift": row_of(shift), "movement": row_of(movement)}
    return enqueue(session, kind="cash_movement", payload=payload, at=at)


def shift_close(
    session: Session, shift: Shift, journal: JournalEntry | None, *, at: datetime
) -> str:
    session.flush()
    payload = {"shift": row_of(shift), "journal": _journal_row(journal)}
    return enqueue(session, kind="shift_close", payload=payload, at=at)


def pending_count(session: Session) -> int:
    return int(
        session.scalar(select(func.count()).select_from(Outbox).where(Outbox.status == "pending"))
        or 0
    )


def counts(session: Session) -> dict[str, int]:
    rows = session.execute(select(Outbox.status, func.count()).group_by(Outbox.status)).all()
    out = {"pending": 0, "sent": 0, "rejected": 0}
    out.update({status: int(n) for status, n in rows})
    return out
