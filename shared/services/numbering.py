"""Receipt and refund numbers: the terminal's own per-day sequence (SPEC §3)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import bindparam, insert, select, update
from sqlalchemy.orm import Session

from shared.db.models import ReceiptCounter
from shared.domain.receipt_no import format_receipt_no

_counter = ReceiptCounter.__table__
_key = (
    (_counter.c.terminal_id == bindparam("k_terminal_id"))
    & (_counter.c.business_date == bindparam("k_day"))
    & (_counter.c.series == bindparam("k_series"))
)
_BUMP = update(_counter).where(_key).values(last_seq=_counter.c.last_seq + 1)
#: one statement on SQLite >= 3.35 and PostgreSQL
_BUMP_RETURNING = _BUMP.returning(_counter.c.last_seq)
_READ = select(_counter.c.last_seq).where(_key)
_FIRST = insert(_counter)


def next_number(
    session: Session, *, terminal_id: str, terminal_number: int, day: date, series: str
) -> str:
    """Take the next number in this terminal's series for the day, inside the caller's transaction."""
    key = {"k_terminal_id": terminal_id, "k_day": day, "k_series": series}
    conn = session.connection()
    if conn.dialect.update_returning:
        seq = conn.execute(_BUMP_RETURNING, key).scalar()
    else:  # an older SQLite: the update, then read the number back (same transaction)
        bumped = conn.execute(_BUMP, key).rowcount
        seq = conn.execute(_READ, key).scalar() if bumped else None
    if seq is None:  # the day's first number in this series
        seq = 1
        conn.execute(
            _FIRST,
            {"terminal_id": terminal_id, "business_date": day, "series": series, "last_seq": seq},
        )
    return format_receipt_no(day, terminal_number, seq, refund=series == "R")
