"""Receipt and refund numbers: the terminal's own per-day sequence (SPEC §3)."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from shared.db.models import ReceiptCounter
from shared.domain.receipt_no import format_receipt_no


def next_number(
    session: Session, *, terminal_id: str, terminal_number: int, day: date, series: str
) -> str:
    """Take the next number in this terminal's series for the day, inside the caller's transaction."""
    counter = session.get(ReceiptCounter, (terminal_id, day, series))
    if counter is None:
        counter = ReceiptCounter(
            terminal_id=terminal_id, business_date=day, series=series, last_seq=0
        )
        session.add(counter)
    counter.last_seq += 1
    return format_receipt_no(day, terminal_number, counter.last_seq, refund=series == "R")
