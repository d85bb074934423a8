"""Central side of push: what a terminal authored arrives here, exactly once.

Each message is handled in ONE central transaction that writes, together:
- the inbox row keyed by ``msg_id`` (inserted first, ``ON CONFLICT DO NOTHING``: a replay finds
  it and gets the stored result back; the same id with another payload is an error, never
  applied; two pushes of one message racing on PostgreSQL wait for each other on the key);
- the document's rows, inserted with ``INSERT ... ON CONFLICT DO NOTHING`` on their natural keys;
- ``received_at`` (server time) on sale, refund and shift;
- ``sync_exception`` rows for what a manager should look at.

A completed sale is never refused: a stale price, a shift the server already closed, a receipt
number the central side already holds (a terminal restored from an old copy), a payment
reference used twice, a journal entry that forks the chain: each is accepted and flagged.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import Table, func, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from shared.db import ledger
from shared.db.models import (
    CashMovement,
    Category,
    Inbox,
    JournalEntry,
    Payment,
    Product,
    Refund,
    RefundLine,
    RefundPayment,
    Sale,
    SaleCardKey,
    SaleDiscount,
    SaleLine,
    Shift,
    Sku,
    StockMovement,
    Stocktake,
    StocktakeLine,
    SyncException,
    Terminal,
)
from shared.db.queries import catalog as catalog_q
from shared.db.uow import Database
from shared.domain.clock import Clock
from shared.domain.errors import NotFound
from shared.domain.ids import new_id
from shared.sync import card_key_issue, member_ledger, redeem, stock_ingest
from shared.sync.codec import decode_row
from shared.sync.errors import is_transport_error
from shared.sync.protocol import (
    CLOCK_WARNING_S,
    KINDS,
    MIN_PUSH_VERSION,
    PAYLOAD_VERSION,
    message_digest,
)

MAX_RENUMBER = 99


def insert_ignore(session: Session, table: Table, rows: list[dict]) -> None:
    """``INSERT ... ON CONFLICT DO NOTHING`` (any unique key) on PostgreSQL and SQLite."""
    if not rows:
        return
    dialect = session.get_bind().dialect.name
    ins = postgresql.insert if dialect == "postgresql" else sqlite.insert
    session.execute(ins(table).on_conflict_do_nothing(), rows)


def _present(session: Session, model, store_id: str, ids: list[str]) -> set[str]:
    if not ids:
        return set()
    return set(
        session.scalars(select(model.id).where(model.store_id == store_id, model.id.in_(ids)))
    )


@dataclass
class _Ctx:
    session: Session
    now: datetime
    terminal_id: str
    exceptions: list[str] = field(default_factory=list)

    def flag(self, kind: str, store_id: str, document_kind: str, document_id: str, /, **detail):
        self.session.add(
            SyncException(
                id=str(new_id()),
                store_id=store_id,
                terminal_id=self.terminal_id,
                kind=kind,
                document_kind=document_kind,
                document_id=str(document_id),
                detail=detail,
                created_at=self.now,
            )
        )
        self.exceptions.append(kind)


# ------------------------------------------------------------------------------------------------
# payload versions


def _v1_to_v2(kind: str, payload: dict) -> dict:
    out = dict(payload)
    out.setdefault("journal", None)
    out.setdefault("shift", None)
    return out


#: version N -> N+1
_UPGRADES: dict[int, Callable[[str, dict], dict]] = {1: _v1_to_v2}


def upgrade_payload(kind: str, version: int, payload: dict) -> dict:
    """Bring an older terminal's payload to the current shape, one version at a time."""
    while version < PAYLOAD_VERSION:
        payload = _UPGRADES[version](kind, payload)
        version += 1
    return payload


# ------------------------------------------------------------------------------------------------
# documents


def _placeholder_shift(ctx: _Ctx, doc: dict, at_key: str) -> dict:
    """A v1 document whose shift the central side never heard of: enough of a shift to hold it."""
    return {
        "store_id": doc["store_id"],
        "id": doc["shift_id"],
        "terminal_id": doc["terminal_id"],
        "cashier_id": doc["cashier_id"],
        "business_date": doc["business_date"],
        "status": "open",
        "opened_at": doc[at_key],
        "opening_float_fen": 0,
        "denominations": {},
    }


def _ensure_shift(ctx: _Ctx, data: dict) -> Shift:
    """The central shift a document belongs to, inserted from the terminal's copy if missing."""
    s = ctx.session
    key = (data["store_id"], data["id"])
    shift = s.get(Shift, key)
    if shift is not None:
        return shift
    data = {**data, "received_at": ctx.now}
    insert_ignore(s, Shift.__table__, [data])
    shift = s.get(Shift, key)
    if shift is None:
        # one open shift per terminal: the server still holds another open one for this terminal
        # (its close never arrived, e.g. a terminal restored from an old copy). Close it.
        others = s.scalars(
            select(Shift).where(Shift.terminal_id == data["terminal_id"], Shift.status == "open")
        ).all()
        for other in others:
            other.status = "closed"
            other.closed_at = ctx.now
            ctx.flag(
                "shift_force_closed",
                other.store_id,
                "shift",
                other.id,
                reason="the terminal opened another shift while this one was still open centrally",
                new_shift_id=data["id"],
            )
        s.flush()
        insert_ignore(s, Shift.__table__, [data])
        shift = s.get(Shift, key)
        if shift is None:
            raise RuntimeError(f"shift {data['id']} could not be stored")
    return shift


def _shift_for(ctx: _Ctx, payload: dict, doc: dict, at_key: str) -> Shift:
    if payload.get("shift"):
        return _ensure_shift(ctx, decode_row(Shift.__table__, payload["shift"]))
    shift = ctx.session.get(Shift, (doc["store_id"], doc["shift_id"]))
    if shift is not None:
        return shift
    ctx.flag("shift_unknown", doc["store_id"], "shift", doc["shift_id"])
    return _ensure_shift(ctx, _placeholder_shift(ctx, doc, at_key))


def _journal(ctx: _Ctx, row: dict | None) -> None:
    if not row:
        return
    data = decode_row(JournalEntry.__table__, row)
    insert_ignore(ctx.session, JournalEntry.__table__, [data])
    if not _present(ctx.session, JournalEntry, data["store_id"], [data["id"]]):
        # (terminal_id, seq) is taken by another entry: the terminal's chain forked from the
        # central one (a terminal restored from an old copy of its file)
        ctx.flag(
            "journal_conflict",
            data["store_id"],
            "journal_entry",
            data["id"],
            seq=data["seq"],
            kind=data["kind"],
            document_id=data["document_id"],
            hash=data["hash"],
            entry=row,
        )


def _numbered(ctx: _Ctx, model, number_col: str, data: dict, kind: str) -> str:
    """Insert a sale/refund; if its number is already taken by another document (a terminal
    restored from an old copy that sold before it could re-seed), keep the sale under the
    number with a ``/N`` suffix and flag it. Returns the number stored."""
    s = ctx.session
    original = data[number_col]
    for n in range(1, MAX_RENUMBER + 1):
        if n > 1:
            data = {**data, number_col: f"{original}/{n}"}
        insert_ignore(s, model.__table__, [data])
        if _present(s, model, data["store_id"], [data["id"]]):
            if n > 1:
                ctx.flag(
                    "receipt_no_reused",
                    data["store_id"],
                    kind,
                    data["id"],
                    printed_number=original,
                    stored_as=data[number_col],
                )
            return data[number_col]
    raise RuntimeError(f"{kind} {original} could not be stored")


def _children(ctx: _Ctx, model, rows: list[dict]) -> list[dict]:
    """Insert child rows; return the ones that could not be stored (a unique key clash)."""
    if not rows:
        return []
    data = [decode_row(model.__table__, r) for r in rows]
    insert_ignore(ctx.session, model.__table__, data)
    have = _present(ctx.session, model, data[0]["store_id"], [d["id"] for d in data])
    return [r for r, d in zip(rows, data, strict=True) if d["id"] not in have]


def _sale(ctx: _Ctx, p: dict) -> dict:
    s = ctx.session
    sale = decode_row(Sale.__table__, p["sale"])
    store_id, sale_id = sale["store_id"], sale["id"]
    existing = s.execute(
        select(Sale.receipt_no).where(Sale.store_id == store_id, Sale.id == sale_id)
    ).first()
    if existing is not None:  # the same sale under another message id: nothing new to store
        return {"document_id": sale_id, "number": existing[0], "duplicate_document": True}
    shift = _shift_for(ctx, p, sale, "completed_at")
    shift_closed = shift.status == "closed"
    number = _numbered(ctx, Sale, "receipt_no", {**sale, "received_at": ctx.now}, "sale")
    _children(ctx, SaleLine, p.get("lines", []))
    _children(ctx, SaleDiscount, p.get("discounts", []))
    keys = p.get("card_keys", [])
    if keys:
        _children(ctx, SaleCardKey, keys)
        bound = [decode_row(SaleCardKey.__table__, r) for r in keys]
        for problem in card_key_issue.bind_sale(s, ctx.now, sale, bound):
            # never expected: the key was bound to another sale, or the lease lost it
            ctx.flag("card_key_conflict", store_id, "sale", sale_id, **problem)
    for row in _children(ctx, Payment, p.get("payments", [])):
        ctx.flag(
            "duplicate_payment_ref",
            store_id,
            "sale",
            sale_id,
            payment=row,
            reason="this provider trade number already paid another sale",
        )
    _journal(ctx, p.get("journal"))
    lines = p.get("lines", [])
    prices = catalog_q.prices(s, store_id, [ln["sku_id"] for ln in lines])
    stale = [
        {
            "line_no": ln["line_no"],
            "sku_code": ln["sku_code"],
            "name": ln["name"],
            "sold_at_fen": ln["list_price_fen"],
            "central_fen": prices.get(ln["sku_id"]),
        }
        for ln in lines
        if prices.get(ln["sku_id"]) != ln["list_price_fen"]
    ]
    if stale:
        ctx.flag("stale_price", store_id, "sale", sale_id, receipt_no=number, lines=stale)
    redeem.attach_sale(s, sale_id, number)
    posted = stock_ingest.sale_movements(s, ctx.now, sale, p.get("lines", []))
    _negative(ctx, store_id, "sale", sale_id, posted)
    for unit in stock_ingest.sale_serials(s, ctx.now, sale, p.get("lines", [])):
        # sold although the book did not have it here: the sale stands, a manager is told
        ctx.flag("serial_not_in_stock", store_id, "sale", sale_id, receipt_no=number, **unit)
    member_ledger.on_sale(
        s,
        ctx.now,
        {**sale, "receipt_no": number},
        [decode_row(Payment.__table__, r) for r in p.get("payments", [])],
    )
    if shift_closed:
        ctx.flag(
            "shift_closed",
            store_id,
            "sale",
            sale_id,
            receipt_no=number,
            shift_id=shift.id,
            shift_closed_at=shift.closed_at.isoformat() if shift.closed_at else None,
        )
    return {"document_id": sale_id, "number": number}


def _negative(ctx: _Ctx, store_id: str, kind: str, document_id: str, posted: list) -> None:
    """Stock driven below zero by a sale is accepted and flagged for a manager (SPEC §10) —
    where the store keeps stock of that SKU at all (it ever came in): a store that does not
    count its stock is not told about every sale."""
    for b in posted:
        if b.on_hand_milli < 0 and stock_ingest.ever_stocked(ctx.session, b.warehouse_id, b.sku_id):
            ctx.flag(
                "negative_stock",
                store_id,
                kind,
                document_id,
                warehouse_id=b.warehouse_id,
                sku_id=b.sku_id,
                on_hand_milli=b.on_hand_milli,
            )


def _refund(ctx: _Ctx, p: dict) -> dict:
    s = ctx.session
    refund = decode_row(Refund.__table__, p["refund"])
    store_id, refund_id = refund["store_id"], refund["id"]
    existing = s.execute(
        select(Refund.refund_no).where(Refund.store_id == store_id, Refund.id == refund_id)
    ).first()
    if existing is not None:
        return {"document_id": refund_id, "number": existing[0], "duplicate_document": True}
    shift = _shift_for(ctx, p, refund, "created_at")
    shift_closed = shift.status == "closed"
    number = _numbered(ctx, Refund, "refund_no", {**refund, "received_at": ctx.now}, "refund")
    _children(ctx, RefundLine, p.get("lines", []))
    _children(ctx, RefundPayment, p.get("payments", []))
    _journal(ctx, p.get("journal"))
    stock_ingest.refund_movements(s, ctx.now, refund, p.get("lines", []))
    sale_row = s.get(Sale, (store_id, refund["sale_id"]))
    if sale_row is not None:
        member_ledger.on_refund(
            s,
            ctx.now,
            sale_row,
            {**refund, "refund_no": number},
            [decode_row(RefundPayment.__table__, r) for r in p.get("payments", [])],
        )
    if shift_closed:
        ctx.flag("shift_closed", store_id, "refund", refund_id, refund_no=number, shift_id=shift.id)
    return {"document_id": refund_id, "number": number}


def _shift_open(ctx: _Ctx, p: dict) -> dict:
    data = decode_row(Shift.__table__, p["shift"])
    shift = _ensure_shift(ctx, data)
    return {"document_id": shift.id}


def _cash_movement(ctx: _Ctx, p: dict) -> dict:
    move = decode_row(CashMovement.__table__, p["movement"])
    if p.get("shift"):
        shift = _ensure_shift(ctx, decode_row(Shift.__table__, p["shift"]))
    else:
        shift = _ensure_existing_shift(ctx, move)
    closed = shift.status == "closed"
    _children(ctx, CashMovement, [p["movement"]])
    if closed:
        ctx.flag("shift_closed", move["store_id"], "cash_movement", move["id"], shift_id=shift.id)
    return {"document_id": move["id"]}


def _ensure_existing_shift(ctx: _Ctx, move: dict) -> Shift:
    shift = ctx.session.get(Shift, (move["store_id"], move["shift_id"]))
    if shift is None:
        raise RuntimeError(f"cash movement {move['id']} belongs to an unknown shift")
    return shift


_CLOSE_FIELDS = (
    "status",
    "closed_at",
    "closed_by",
    "expected_cash_fen",
    "counted_cash_fen",
    "variance_fen",
    "denominations",
)


def _shift_close(ctx: _Ctx, p: dict) -> dict:
    s = ctx.session
    data = decode_row(Shift.__table__, p["shift"])
    key = (data["store_id"], data["id"])
    shift = s.get(Shift, key)
    if shift is None:
        shift = _ensure_shift(ctx, data)  # arrives closed: nothing more to do
    elif shift.status == "open":
        s.execute(
            update(Shift)
            .where(Shift.store_id == key[0], Shift.id == key[1], Shift.status == "open")
            .values({f: data[f] for f in _CLOSE_FIELDS})
        )
        s.expire(shift)
    elif shift.closed_at != data["closed_at"] or shift.counted_cash_fen != data["counted_cash_fen"]:
        ctx.flag(
            "shift_already_closed",
            data["store_id"],
            "shift",
            data["id"],
            reason="the terminal closed a shift the central side had already closed",
            central_closed_at=shift.closed_at.isoformat() if shift.closed_at else None,
            terminal_close={f: p["shift"].get(f) for f in _CLOSE_FIELDS},
        )
    _journal(ctx, p.get("journal"))
    return {"document_id": data["id"]}


def _journal_only(ctx: _Ctx, p: dict) -> dict:
    _journal(ctx, p.get("journal"))
    return {"document_id": p["journal"]["document_id"]}


def _member_topup(ctx: _Ctx, p: dict) -> dict:
    topup = p["topup"]
    applied = member_ledger.topup_in_transaction(ctx.session, ctx.now, topup)
    if not applied:
        ctx.flag(
            "topup_not_applied",
            topup["store_id"],
            "member_topup",
            topup["id"],
            member_id=topup["member_id"],
            amount_fen=topup["amount_fen"],
            reason="the member is not known centrally, or this top-up was applied before",
        )
    _journal(ctx, p.get("journal"))
    return {"document_id": topup["id"]}


# ------------------------------------------------------------------------------------------------
# stock counts: a count sheet (stocktake) being scanned. The handler below and
# ``services.stocktake`` (counting in the back office) share these, so a count is added the same
# way wherever it was scanned.

#: product kinds that are counted on a shelf (a service has no stock, card keys live in a pool)
COUNTABLE_KINDS = ("goods",)
#: a count scanned (terminal clock) this long before its warehouse's sheet was opened belongs to
#: no sheet: it was meant for an earlier one and arrived late
COUNT_BEFORE_OPEN = timedelta(seconds=CLOCK_WARNING_S)


def open_stocktake(session: Session, warehouse_id: str) -> Stocktake | None:
    """The warehouse's open count sheet, locked for this transaction. On PostgreSQL (``FOR
    UPDATE``) an approval or cancellation under way is waited for, and a sheet it closed is not
    returned: a count is either on the sheet before it is approved, or on no sheet."""
    stmt = (
        select(Stocktake)
        .where(Stocktake.warehouse_id == warehouse_id, Stocktake.status == "open")
        .order_by(Stocktake.opened_at)
        .execution_options(populate_existing=True)
    )
    if session.get_bind().dialect.name == "postgresql":
        # FOR NO KEY UPDATE: waits for an approval's update, not for lines being inserted
        stmt = stmt.with_for_update(key_share=True)
    return session.scalars(stmt).first()


def scope_categories(session: Session, category_id: str | None) -> set[str] | None:
    """The category and every category below it (None: the sheet counts every category)."""
    if category_id is None:
        return None
    below: dict[str, list[str]] = {}
    for cid, parent in session.execute(select(Category.id, Category.parent_id)):
        if parent is not None:
            below.setdefault(str(parent), []).append(str(cid))
    out, todo = set(), [str(category_id)]
    while todo:
        cid = todo.pop()
        if cid not in out:
            out.add(cid)
            todo.extend(below.get(cid, ()))
    return out


def countable(session: Session, sheet: Stocktake, sku_id: str) -> tuple[str | None, str | None]:
    """``(sku id as stored, None)`` when the SKU may be counted on the sheet, else ``(None,
    reason)``: ``unknown_sku``, ``not_countable`` (not goods) or ``out_of_scope`` (another
    category than the sheet's)."""
    row = session.execute(
        select(Sku.id, Product.kind, Product.category_id)
        .join(Product, Product.id == Sku.product_id)
        .where(Sku.id == sku_id)
    ).first()
    if row is None:
        return None, "unknown_sku"
    if row.kind not in COUNTABLE_KINDS:
        return None, "not_countable"
    cats = scope_categories(session, sheet.category_id)
    if cats is not None and (row.category_id is None or str(row.category_id) not in cats):
        return None, "out_of_scope"
    return str(row.id), None


def book_at(session: Session, warehouse_id: str, sku_id: str, at: datetime) -> int:
    """The book quantity of a SKU in a warehouse at a moment: every movement up to ``at``."""
    m = StockMovement.__table__
    return int(
        session.scalar(
            select(func.coalesce(func.sum(m.c.qty_milli), 0)).where(
                m.c.warehouse_id == warehouse_id, m.c.sku_id == sku_id, m.c.at <= at
            )
        )
        or 0
    )


def add_count(
    session: Session,
    sheet: Stocktake,
    sku_id: str,
    qty_milli: int,
    counted_at: datetime,
    staff_id: str | None,
    *,
    mode: str = "add",
) -> StocktakeLine:
    """Add a count to the (locked, open) sheet: ``add`` adds it to what was counted of the SKU
    (repeat scans add up; the line's time is its latest scan), ``set`` replaces it (a
    correction, as of ``counted_at``). The line's book figure is the book at that time as known
    now; the approval computes it again from the ledger."""
    if mode not in ("add", "set"):
        raise ValueError(f"unknown count mode {mode!r}")
    line = session.get(StocktakeLine, (sheet.id, sku_id), populate_existing=True)
    if line is None:
        line = StocktakeLine(
            stocktake_id=sheet.id,
            sku_id=sku_id,
            counted_milli=0,
            book_at_count_milli=0,
            counted_at=counted_at,
            counted_by=staff_id,
        )
        session.add(line)
    if mode == "add":
        line.counted_milli = (line.counted_milli or 0) + qty_milli
        line.counted_at = max(line.counted_at, counted_at)
    else:
        line.counted_milli = qty_milli
        line.counted_at = counted_at
    line.counted_by = staff_id
    line.book_at_count_milli = book_at(session, sheet.warehouse_id, sku_id, line.counted_at)
    session.flush()
    return line


def _stock_count(ctx: _Ctx, p: dict) -> dict:
    """A count scanned at a counter: added to the store warehouse's open sheet (exactly once: the
    inbox decides), or flagged for the manager when it belongs to no sheet."""
    s = ctx.session
    c = p["count"]
    store_id, count_id = c["store_id"], str(c["id"])
    qty = int(c["qty_milli"])
    counted_at = datetime.fromisoformat(c["counted_at"])
    detail = {
        "sku_id": c["sku_id"],
        "qty_milli": qty,
        "counted_at": c["counted_at"],
        "staff_id": c.get("staff_id"),
    }
    not_counted = {"document_id": count_id, "stocktake_id": None, "counted": False}
    wh = stock_ingest.warehouse_for_store(s, store_id, ctx.now)
    sheet = open_stocktake(s, wh)
    if sheet is None:
        ctx.flag(
            "count_without_stocktake",
            store_id,
            "stock_count",
            count_id,
            **detail,
            reason="no count sheet was open for the store's warehouse when the count arrived",
        )
        return not_counted
    if counted_at < sheet.opened_at - COUNT_BEFORE_OPEN:
        ctx.flag(
            "count_before_stocktake",
            store_id,
            "stock_count",
            count_id,
            **detail,
            stocktake_no=sheet.no,
            opened_at=sheet.opened_at.isoformat(),
            reason="the count was scanned before the open count sheet was opened",
        )
        return not_counted
    sku_id, why = countable(s, sheet, c["sku_id"])
    if sku_id is None:
        ctx.flag(f"count_{why}", store_id, "stock_count", count_id, **detail, stocktake_no=sheet.no)
        return not_counted
    line = add_count(s, sheet, sku_id, qty, counted_at, c.get("staff_id"))
    return {
        "document_id": count_id,
        "stocktake_id": sheet.id,
        "stocktake_no": sheet.no,
        "counted": True,
        "counted_milli": line.counted_milli,
    }


_HANDLERS: dict[str, Callable[[_Ctx, dict], dict]] = {
    "sale": _sale,
    "refund": _refund,
    "shift_open": _shift_open,
    "cash_movement": _cash_movement,
    "shift_close": _shift_close,
    "journal": _journal_only,
    "member_topup": _member_topup,
    "stock_count": _stock_count,
}
assert set(_HANDLERS) == set(KINDS)

_MAIN_ROW = {
    "sale": "sale",
    "refund": "refund",
    "shift_open": "shift",
    "cash_movement": "movement",
    "shift_close": "shift",
    "journal": "journal",
    "member_topup": "topup",
    "stock_count": "count",
}


# ------------------------------------------------------------------------------------------------
# messages


def _retry(msg_id: str, code: str, error: str) -> dict:
    return {"msg_id": msg_id, "status": "retry", "code": code, "error": error[:300]}


def handle(session: Session, clock: Clock, terminal_id: str, message: dict) -> dict:
    """Handle one pushed message inside the caller's transaction (the caller commits when the
    answer's status is ``accepted`` and it is not a replay)."""
    msg_id = str(message["msg_id"])
    kind = message.get("kind")
    version = int(message.get("payload_version") or 0)
    payload = message.get("payload") or {}
    if kind not in _HANDLERS:
        return _retry(
            msg_id, "unknown_kind", f"this server does not know messages of kind {kind!r}"
        )
    if version > PAYLOAD_VERSION or version < MIN_PUSH_VERSION:
        return _retry(
            msg_id,
            "payload_version",
            f"payload version {version} is outside {MIN_PUSH_VERSION}..{PAYLOAD_VERSION} "
            "served here: upgrade the central side",
        )
    digest = message_digest(kind, version, payload)
    now = clock.now()
    store_id = payload[_MAIN_ROW[kind]]["store_id"]
    dialect = session.get_bind().dialect.name
    ins = postgresql.insert if dialect == "postgresql" else sqlite.insert
    first = session.execute(
        ins(Inbox.__table__)
        .values(
            msg_id=msg_id,
            terminal_id=terminal_id,
            store_id=store_id,
            kind=kind,
            payload_digest=digest,
            payload_version=version,
            result={"status": "processing"},
            received_at=now,
        )
        .on_conflict_do_nothing()
        .returning(Inbox.__table__.c.msg_id)
    ).first()
    inbox = session.get(Inbox, msg_id)
    if first is None:
        # seen before; on PostgreSQL a concurrent push of the same id waited for the first
        # to commit, so what is read here is that first push's result
        if inbox.payload_digest != digest or inbox.terminal_id != terminal_id:
            return {
                "msg_id": msg_id,
                "status": "error",
                "code": "msg_id_reused",
                "error": "message id reused with a different payload",
            }
        return {**inbox.result, "replayed": True}
    ctx = _Ctx(session, now, terminal_id)
    terminal = session.get(Terminal, terminal_id)
    if terminal is not None and terminal.status == "retired":
        # what a counter did is never lost, but a retired counter's documents go before a manager
        main = payload[_MAIN_ROW[kind]]
        ctx.flag(
            "retired_terminal", store_id, kind, main.get("id") or msg_id, number=terminal.number
        )
    body = _HANDLERS[kind](ctx, upgrade_payload(kind, version, payload))
    result = {
        "msg_id": msg_id,
        "status": "accepted",
        "kind": kind,
        **body,
        "exceptions": ctx.exceptions,
        "received_at": now.isoformat(),
    }
    inbox.result = result
    return result


def expire_reservations(central: Database) -> int:
    """End the stock reservations past their expiry by the central clock (``ledger.
    expire_reservations``): run after a push that stored something, so expiry needs no daemon
    of its own. Looks first in a read; writes only when one is due. Never fails the push (its
    messages are committed already): an error is logged and the next push tries again."""
    try:
        with central.reader() as uow:
            if not ledger.reservations_due(uow.session, uow.clock.now()):
                return 0
        with central.uow() as uow:
            ended = ledger.expire_reservations(uow.session, uow.clock.now())
            uow.commit()
            return ended
    except Exception as exc:
        logging.getLogger(__name__).warning("expiring stock reservations failed: %s", exc)
        return 0


def push(central: Database, terminal_id: str, messages: list[dict]) -> dict:
    """Handle pushed messages in order, one central transaction each.

    Stops at the first message that must be retried (order matters: a refund needs its sale).
    A transport failure propagates (the caller reports the central side unreachable); what
    committed before it is found again in the inbox on the next push.
    """
    with central.reader() as uow:
        if uow.session.get(Terminal, terminal_id) is None:
            raise NotFound(
                "this terminal is not registered with this central database",
                code="unknown_terminal",
            )
    results: list[dict] = []
    for message in messages:
        try:
            with central.uow() as uow:
                result = handle(uow.session, uow.clock, terminal_id, message)
                if result["status"] == "accepted" and not result.get("replayed"):
                    uow.commit()
        except Exception as exc:
            if is_transport_error(exc):
                raise
            result = _after_failure(central, terminal_id, message, exc)
        results.append(result)
        if result["status"] == "retry":
            break
    if any(r["status"] == "accepted" and not r.get("replayed") for r in results):
        expire_reservations(central)
    _pushed(central, terminal_id)
    return {"results": results, "server_time": central.clock.now().isoformat()}


def _pushed(central: Database, terminal_id: str) -> None:
    """Note when the terminal last pushed (card-key reservations of its sales that ran out are
    given back only after it pushed since), then give back what is safe to give back. Never
    fails the push."""
    try:
        with central.uow() as uow:
            uow.session.execute(
                update(Terminal)
                .where(Terminal.id == terminal_id)
                .values(last_push_at=uow.clock.now())
            )
            card_key_issue.sweep(uow.session, uow.clock.now())
            uow.commit()
    except Exception as exc:
        if is_transport_error(exc):
            raise
        logging.getLogger(__name__).warning("card-key sweep after a push failed: %s", exc)


def _after_failure(central: Database, terminal_id: str, message: dict, exc: Exception) -> dict:
    """A message failed inside its transaction. If a concurrent push of the same message won
    the race, answer with its stored result; otherwise the message stays pending (retry)."""
    msg_id = str(message.get("msg_id"))
    if isinstance(exc, IntegrityError):
        with central.reader() as uow:
            inbox = uow.session.get(Inbox, msg_id)
            digest = message_digest(
                message.get("kind"), int(message.get("payload_version") or 0), message["payload"]
            )
            if (
                inbox is not None
                and inbox.payload_digest == digest
                and inbox.terminal_id == terminal_id
                and inbox.result.get("status") == "accepted"
            ):
                return {**inbox.result, "replayed": True}
    return _retry(msg_id, "failed", f"{type(exc).__name__}: {exc}")
