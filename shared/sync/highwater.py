"""Re-seeding a terminal's receipt counters from the central high-water mark.

A terminal restored from an old copy of its file (or a new file registered as an existing
terminal number) would otherwise hand out receipt numbers the central side already holds. On
registration and on every sync handshake the terminal raises each counter to
``max(local, central)``; numbers only ever move forward.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from shared.db.models import JournalEntry, ReceiptCounter, Shift


def since(session: Session, terminal_id: str, today: date) -> str:
    """The earliest business date this terminal may still number documents on."""
    oldest_open = session.scalar(
        select(func.min(Shift.business_date)).where(
            Shift.terminal_id == terminal_id, Shift.status == "open"
        )
    )
    start = today - timedelta(days=2)
    if oldest_open is not None and oldest_open < start:
        start = oldest_open
    return start.isoformat()


def apply_high_water(session: Session, terminal_id: str, high_water: dict) -> dict:
    """Raise local counters to the central marks inside the caller's transaction.

    Returns ``{"raised": N, "journal_behind": bool}``: ``journal_behind`` says the central side
    holds journal entries of this terminal that its file does not (it was restored from a copy).
    """
    raised = 0
    for mark in high_water.get("receipts", []):
        day = date.fromisoformat(mark["business_date"])
        key = (terminal_id, day, mark["series"])
        counter = session.get(ReceiptCounter, key)
        if counter is None:
            session.add(
                ReceiptCounter(
                    terminal_id=terminal_id,
                    business_date=day,
                    series=mark["series"],
                    last_seq=int(mark["last_seq"]),
                )
            )
            raised += 1
        elif counter.last_seq < int(mark["last_seq"]):
            counter.last_seq = int(mark["last_seq"])
            raised += 1
    central_journal = (high_water.get("journal") or {}).get("seq") or 0
    local_journal = (
        session.scalar(
            select(func.max(JournalEntry.seq)).where(JournalEntry.terminal_id == terminal_id)
        )
        or 0
    )
    return {"raised": raised, "journal_behind": central_journal > local_journal}
