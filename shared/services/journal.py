"""The tamper-evident journal (SPEC §14): append in the document's transaction; verify the chain.

``verify`` checks three things per entry: it follows the previous one (sequence and hash link),
its hash matches its content, and the document it records still says what was journaled (a
sale edited in the database after the fact is named as the broken entry).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import bindparam, func, insert, select
from sqlalchemy.orm import Session

from shared.db.models import JournalEntry, Refund, Sale, Shift
from shared.db.uow import Prepared, UnitOfWork, Writer
from shared.domain.ids import new_id
from shared.domain.journal_chain import (
    GENESIS,
    ChainEntry,
    entry_hash,
    first_broken,
    payload_digest,
)


def sale_payload(sale: Sale) -> dict:
    """What a sale's entry records: ``sale`` is a ``Sale`` or anything with its attributes and
    its ``lines`` and ``payments`` in order (``complete_sale`` passes the rows it wrote)."""
    return {
        "receipt_no": sale.receipt_no,
        "total_fen": sale.total_fen,
        "discount_fen": sale.discount_fen,
        "paid_fen": sale.paid_fen,
        "change_fen": sale.change_fen,
        "cashier_id": sale.cashier_id,
        "lines": [
            [ln.sku_code, ln.quantity_milli, ln.unit_price_fen, ln.net_fen] for ln in sale.lines
        ],
        "payments": [[p.method, p.amount_fen, p.provider_ref] for p in sale.payments],
    }


def refund_payload(refund: Refund) -> dict:
    return {
        "refund_no": refund.refund_no,
        "sale_id": refund.sale_id,
        "total_fen": refund.total_fen,
        "approved_by": refund.approved_by,
        "lines": sorted([ln.sale_line_id, ln.quantity_milli, ln.amount_fen] for ln in refund.lines),
        "payments": sorted([p.method, p.amount_fen] for p in refund.payments),
    }


def shift_payload(shift: Shift) -> dict:
    return {
        "shift_id": shift.id,
        "opening_float_fen": shift.opening_float_fen,
        "expected_cash_fen": shift.expected_cash_fen,
        "counted_cash_fen": shift.counted_cash_fen,
        "variance_fen": shift.variance_fen,
        "closed_by": shift.closed_by,
    }


_DOCUMENTS: dict[str, tuple[type, Callable[[object], dict]]] = {
    "sale": (Sale, sale_payload),
    "refund": (Refund, refund_payload),
    "shift_close": (Shift, shift_payload),
}


# the link to continue from: only (seq, hash) of the terminal's newest entry, not its payload
_entry = JournalEntry.__table__
LAST_LINK = (
    select(_entry.c.seq, _entry.c.hash)
    .where(_entry.c.terminal_id == bindparam("terminal_id"))
    .order_by(_entry.c.seq.desc())
    .limit(1)
)
_INSERT_ENTRY = insert(_entry)
_P_LAST_LINK = Prepared(LAST_LINK)
_P_INSERT_ENTRY = Prepared(_INSERT_ENTRY)


def _writer(where: Session | Writer) -> Writer:
    return (
        where
        if isinstance(where, Writer)
        # a session's callers (refunds, shifts, ...) keep the Core path
        else Writer(where.connection(), where, direct=False)
    )


def _next_link(writer: Writer, terminal_id: str) -> tuple[int, str]:
    # LAST_LINK is not an ORM query, so it does not autoflush: an entry appended earlier in this
    # transaction and still pending must be written first, or both would take the same seq
    session = writer.session
    if session is not None and any(isinstance(obj, JournalEntry) for obj in session.new):
        session.flush()
    last = writer.first(_P_LAST_LINK, {"terminal_id": terminal_id})
    return (last[0] + 1, last[1]) if last else (1, GENESIS)


def entry_values(
    where: Session | Writer,
    *,
    at,
    terminal_id: str,
    store_id: str,
    kind: str,
    document_id: str,
    payload: dict,
    entry_id: str | None = None,
) -> dict:
    """The next entry of the terminal's chain, as column values (not yet written); ``where``:
    the caller's session, or the writer of its unit of work."""
    seq, prev = _next_link(_writer(where), terminal_id)
    at_iso = at.isoformat()
    digest = payload_digest(payload)
    return {
        "store_id": store_id,
        "id": entry_id or str(new_id()),
        "terminal_id": terminal_id,
        "seq": seq,
        "kind": kind,
        "document_id": document_id,
        "at": at,
        "at_iso": at_iso,
        "payload": payload,
        "payload_digest": digest,
        "prev_hash": prev,
        "hash": entry_hash(prev, seq, kind, document_id, at_iso, digest),
    }


def append(
    session: Session,
    *,
    at,
    terminal_id: str,
    store_id: str,
    kind: str,
    document_id: str,
    payload: dict,
) -> JournalEntry:
    entry = JournalEntry(
        **entry_values(
            session,
            at=at,
            terminal_id=terminal_id,
            store_id=store_id,
            kind=kind,
            document_id=document_id,
            payload=payload,
        )
    )
    session.add(entry)
    return entry


def append_row(
    where: Session | Writer,
    *,
    at,
    terminal_id: str,
    store_id: str,
    kind: str,
    document_id: str,
    payload: dict,
    entry_id: str | None = None,
) -> dict:
    """``append``, written at once with an INSERT (no ORM object); returns the row's values.
    ``where``: the caller's session, or the writer of its unit of work (``uow.writer()``)."""
    writer = _writer(where)
    values = entry_values(
        writer,
        at=at,
        terminal_id=terminal_id,
        store_id=store_id,
        kind=kind,
        document_id=document_id,
        payload=payload,
        entry_id=entry_id,
    )
    writer.execute(_P_INSERT_ENTRY, values)
    return values


@dataclass(frozen=True)
class JournalVerdict:
    ok: bool
    terminals: int
    entries: int
    broken_terminal_id: str | None = None
    broken_seq: int | None = None
    reason: str = ""

    def to_json(self) -> dict:
        out: dict = {"ok": self.ok, "terminals": self.terminals, "entries": self.entries}
        if not self.ok:
            out["first_broken"] = {
                "terminal_id": self.broken_terminal_id,
                "seq": self.broken_seq,
                "reason": self.reason,
            }
        return out


def verify(uow: UnitOfWork, terminal_id: str | None = None) -> JournalVerdict:
    """Verify one terminal's chain, or (``terminal_id=None``) every chain in the database."""
    s = uow.session
    if terminal_id is None:
        terminal_ids = list(s.scalars(select(JournalEntry.terminal_id).distinct()))
    else:
        terminal_ids = [terminal_id]
    total = 0
    for tid in sorted(terminal_ids):
        entries = list(
            s.scalars(
                select(JournalEntry)
                .where(JournalEntry.terminal_id == tid)
                .order_by(JournalEntry.seq)
            )
        )
        total += len(entries)
        chain = [
            ChainEntry(
                e.seq, e.kind, e.document_id, e.at_iso, e.payload_digest, e.prev_hash, e.hash
            )
            for e in entries
        ]
        brk = first_broken(chain)
        content_break = _first_content_break(s, entries)
        candidates = [b for b in (brk and (brk.seq, brk.reason), content_break) if b]
        if candidates:
            seq, reason = min(candidates)
            return JournalVerdict(False, len(terminal_ids), total, tid, seq, reason)
    return JournalVerdict(True, len(terminal_ids), total)


def _first_content_break(s: Session, entries: list[JournalEntry]) -> tuple[int, str] | None:
    for e in entries:
        if payload_digest(e.payload) != e.payload_digest:
            return e.seq, "its recorded payload was altered"
        model, build = _DOCUMENTS.get(e.kind, (None, None))
        if model is None:
            continue
        doc = s.get(model, (e.store_id, e.document_id))
        if doc is None:
            return e.seq, f"the {e.kind} it records is missing"
        if payload_digest(build(doc)) != e.payload_digest:
            return e.seq, f"the {e.kind} it records was changed after it was journaled"
    return None


def entry_count(uow: UnitOfWork, terminal_id: str) -> int:
    return (
        uow.session.scalar(
            select(func.count())
            .select_from(JournalEntry)
            .where(JournalEntry.terminal_id == terminal_id)
        )
        or 0
    )
