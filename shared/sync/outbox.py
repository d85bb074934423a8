"""Terminal outbox: what a terminal authored, written in the SAME local transaction as the
document, pushed later in ``seq`` order (``sync.push``).

A message carries one whole document: a sale with its lines, discounts, payments, journal entry
and the shift it belongs to; a refund likewise; a shift opening; a cash movement; a shift close
with its journal entry. Rows travel as JSON (``codec.row_of`` of ORM objects; for a sale,
``codec.encode_row`` of the column values ``complete_sale`` wrote, which gives the same rows), so
any transport carries them. A message is written with a Core INSERT at once.
"""

from __future__ import annotations

import base64
from collections.abc import Callable, Mapping
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Table, func, insert, select
from sqlalchemy.orm import Session

from shared.db.models import Base, CashMovement, JournalEntry, Outbox, Refund, Shift
from shared.db.uow import Prepared, Writer
from shared.domain.ids import new_id
from shared.sync.codec import encode_row, row_of
from shared.sync.protocol import KINDS, PAYLOAD_VERSION

_INSERT = Prepared(insert(Outbox.__table__))


def enqueue(
    where: Session | Writer,
    *,
    kind: str,
    payload: dict,
    at: datetime,
    payload_version: int = PAYLOAD_VERSION,
    msg_id: str | None = None,
) -> str:
    """Add a message to the outbox inside the caller's transaction; the caller commits.
    ``where``: the caller's session, or the writer of its unit of work (``uow.writer()``)."""
    if kind not in KINDS:
        raise ValueError(f"unknown outbox message kind {kind!r}")
    msg_id = msg_id or str(new_id())
    # an INSERT, at once (the message is never changed in this transaction); sent_at and
    # result are left out, so they are NULL as for an ORM object that never set them
    writer = (
        where
        if isinstance(where, Writer)
        # a session's callers (refunds, shifts, ...) keep the Core path
        else Writer(where.connection(), where, direct=False)
    )
    writer.execute(
        _INSERT,
        {
            "msg_id": msg_id,
            "kind": kind,
            "payload": payload,
            "payload_version": payload_version,
            "status": "pending",
            "attempts": 0,
            "last_error": "",
            "created_at": at,
        },
    )
    return msg_id


def _journal_row(entry: JournalEntry | None) -> dict | None:
    return row_of(entry) if entry is not None else None


_tables = Base.metadata.tables

#: values that ``codec.encode_row`` leaves as they are (checked by exact type)
_PLAIN = frozenset({str, int, bool, float, type(None)})


def _value(v: Any) -> Any:
    """``codec.encode_row``'s conversion of one value."""
    if isinstance(v, datetime):
        return v.astimezone(UTC).isoformat()
    if isinstance(v, date):
        return v.isoformat()
    if isinstance(v, (bytes, bytearray, memoryview)):
        return base64.b64encode(bytes(v)).decode("ascii")
    return v


def _encoder(table: Table) -> Callable[[Mapping[str, Any]], dict]:
    """``codec.encode_row`` for one table, with its column names looked up once and only the
    values that may need it (not a str, int, bool, float or None) converted: the same dict."""
    names = tuple(col.name for col in table.columns)

    def encode(row: Mapping[str, Any]) -> dict:
        out = {}
        get = row.get
        for name in names:
            v = get(name)
            out[name] = v if v.__class__ in _PLAIN else _value(v)
        return out

    return encode


_encode_shift = _encoder(_tables["shift"])
_encode_sale = _encoder(_tables["sale"])
_encode_line = _encoder(_tables["sale_line"])
_encode_discount = _encoder(_tables["sale_discount"])
_encode_payment = _encoder(_tables["payment"])
_encode_journal = _encoder(_tables["journal_entry"])


def sale(
    where: Session | Writer,
    *,
    shift: Mapping[str, Any],
    sale: Mapping[str, Any],
    lines: list[dict],
    discounts: list[dict],
    payments: list[dict],
    journal: Mapping[str, Any] | None,
    at: datetime,
    card_keys: list[dict] | None = None,
    msg_id: str | None = None,
) -> str:
    """The sale message, from the column values ``complete_sale`` wrote (and the shift row it
    read): the same JSON rows ``codec.row_of`` makes of the ORM objects, without a flush.
    ``where``: the sale's session or writer; ``msg_id``: the message's id, if made already."""
    payload = {
        "shift": _encode_shift(shift),
        "sale": _encode_sale(sale),
        "lines": [_encode_line(r) for r in lines],
        "discounts": [_encode_discount(r) for r in discounts],
        "payments": [_encode_payment(r) for r in payments],
        "journal": _encode_journal(journal) if journal is not None else None,
    }
    if card_keys:
        payload["card_keys"] = [encode_row(_tables["sale_card_key"], r) for r in card_keys]
    return enqueue(where, kind="sale", payload=payload, at=at, msg_id=msg_id)


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


def states(session: Session, msg_ids: list[str]) -> dict[str, tuple[str, dict | None]]:
    """Where these messages are: ``msg_id`` -> (status, the central side's answer once sent).
    Ids not in the outbox are left out."""
    out: dict[str, tuple[str, dict | None]] = {}
    ids = list(dict.fromkeys(msg_ids))
    for start in range(0, len(ids), 500):  # well under SQLite's limit of bound parameters
        rows = session.execute(
            select(Outbox.msg_id, Outbox.status, Outbox.result).where(
                Outbox.msg_id.in_(ids[start : start + 500])
            )
        ).all()
        out.update({str(msg_id): (status, result) for msg_id, status, result in rows})
    return out


def journal_only(session: Session, entry: dict, *, at: datetime) -> str:
    """A journal entry of something the central database already decided (a redemption)."""
    return enqueue(session, kind="journal", payload={"journal": encode_journal(entry)}, at=at)


def member_topup(session: Session, topup: dict, entry: dict, *, at: datetime) -> str:
    """A top-up taken at this counter: ``topup`` = id, member_id, amount_fen, method, store_id,
    terminal_id, staff_id, shift_id, at (ISO)."""
    return enqueue(
        session,
        kind="member_topup",
        payload={"topup": topup, "journal": encode_journal(entry)},
        at=at,
    )


def stock_count(session: Session, count: dict, *, at: datetime) -> str:
    """A count scanned at this counter, for the store's open stocktake (added centrally, once):
    ``count`` = id, store_id, terminal_id, sku_id, qty_milli, counted_at (ISO, the terminal's
    time of the scan), staff_id."""
    return enqueue(session, kind="stock_count", payload={"count": count}, at=at)


def encode_journal(entry: dict) -> dict:
    return encode_row(Base.metadata.tables["journal_entry"], entry)
