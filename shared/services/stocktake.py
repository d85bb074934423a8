"""Stocktakes (盘点, SPEC §10): a count sheet per warehouse, scanned, compared with the book and
approved once into gain / loss movements.

Runs on the central database. A sheet covers every SKU of a warehouse or one category (with the
categories below it); a warehouse has at most one open sheet (checked under a lock on the
warehouse row, so two managers opening at once get one sheet). Counts come from the back office
(``record_count``) or from a counter through the outbox (``services.stock_count`` →
``sync.ingest``); both add to the sheet the same way (``ingest.add_count``): repeat scans add up,
a count can be set (corrected), and each line keeps the time of its last scan.

Shops keep selling while they count. The gain or loss of a line is ``counted − book at the time of
its last scan``, the book read from the ledger at approval (``SUM(qty) WHERE at <= counted_at``):
a sale before the scan is in that book (also one made offline before the scan and pushed later,
as long as it lands before the approval), a sale after the scan is not (it moves stock by itself
whenever it lands), so no sale is counted twice. The movements are posted at the line's count
time, so the ledger shows the counted quantity at that moment.

SKUs of the sheet's scope never scanned are left alone, unless the approver says ``uncounted_zero``:
then each one with stock on the book is counted as zero (as of the approval).

Approval is decided once by a conditional ``open → approved`` update: a second approval (or one
racing it) is refused and changes nothing.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, func, select, update

from shared.db import ledger
from shared.db.models import (
    Category,
    Product,
    Sku,
    StockBalance,
    StockMovement,
    Stocktake,
    StocktakeLine,
    Warehouse,
)
from shared.db.uow import UnitOfWork
from shared.domain.errors import Conflict, NotFound, PermissionDenied, ValidationError
from shared.domain.ids import new_id
from shared.domain.money import times_quantity
from shared.domain.permissions import Perm
from shared.services import inventory
from shared.services.auth import Actor, require
from shared.sync import ingest

MAX_COUNT_MILLI = inventory.MAX_QTY_MILLI
COUNT_MODES = ("add", "set")
_REASONS = {
    "unknown_sku": "is not in the catalog",
    "not_countable": "is not goods kept on a shelf",
    "out_of_scope": "is not in this count sheet's category",
}


@dataclass(frozen=True)
class LineView:
    sku_id: str
    sku_code: str
    name: str
    unit: str
    counted_milli: int
    counted_at: datetime
    counted_by: str | None
    #: the book at the time of the last scan: from the ledger now while the sheet is open, the
    #: figure the approval used once approved
    book_at_count_milli: int
    #: counted − book: a gain above zero, a loss below
    difference_milli: int
    #: the difference at cost: what was posted once approved, at today's average while open
    value_fen: int


@dataclass(frozen=True)
class UncountedView:
    sku_id: str
    sku_code: str
    name: str
    on_hand_milli: int


@dataclass(frozen=True)
class StocktakeSummary:
    stocktake_id: str
    no: str
    warehouse: str
    category: str | None
    status: str
    opened_at: datetime
    approved_at: datetime | None
    lines: int


@dataclass(frozen=True)
class StocktakeView:
    stocktake_id: str
    no: str
    warehouse: str
    category: str | None
    status: str
    opened_at: datetime
    opened_by: str | None
    approved_at: datetime | None
    approved_by: str | None
    lines: tuple[LineView, ...]
    #: SKUs of the scope with stock on the book and no count yet (open sheets only)
    uncounted: tuple[UncountedView, ...] = ()


@dataclass(frozen=True)
class Approval:
    stocktake_id: str
    no: str
    warehouse: str
    lines: tuple[LineView, ...]
    #: movements posted (lines with a difference)
    movements: int
    gain_milli: int
    loss_milli: int
    gain_fen: int
    loss_fen: int
    #: SKUs counted as zero because the approver chose "uncounted = zero"
    zeroed: int


# -- helpers ---------------------------------------------------------------------------------------


def _number(now: datetime) -> str:
    return f"PD{now:%y%m%d}-{new_id().hex[-6:].upper()}"


def _sheet(uow: UnitOfWork, actor: Actor, stocktake_id: str) -> tuple[Stocktake, Warehouse]:
    sheet = None
    try:
        uuid.UUID(str(stocktake_id))
    except ValueError:
        pass
    else:
        sheet = uow.session.get(Stocktake, str(stocktake_id))
    if sheet is None:
        raise NotFound("no such count sheet", code="unknown_stocktake")
    wh = uow.session.get(Warehouse, sheet.warehouse_id)
    if not inventory.may_use_warehouse(actor, wh):
        raise PermissionDenied(
            f"{actor.name} ({actor.account}) may not work on count sheets of {wh.code}",
            code="warehouse_not_allowed",
            warehouse=wh.code,
        )
    return sheet, wh


def _category(uow: UnitOfWork, text: str | None) -> Category | None:
    """A category by name or id (None: every category)."""
    text = (text or "").strip()
    if not text:
        return None
    found = uow.session.scalars(select(Category).where(Category.name == text)).all()
    if len(found) > 1:
        raise ValidationError(
            f"{len(found)} categories are called {text}: choose one by its id",
            code="ambiguous_category",
            value=text,
        )
    if found:
        return found[0]
    try:
        uuid.UUID(text)
    except ValueError:
        pass
    else:
        cat = uow.session.get(Category, text)
        if cat is not None:
            return cat
    raise NotFound(f"no category {text}", code="unknown_category", value=text[:40])


def _category_name(uow: UnitOfWork, category_id: str | None) -> str | None:
    if category_id is None:
        return None
    cat = uow.session.get(Category, category_id)
    return cat.name if cat else None


def _check_qty(qty_milli: int, product: Product, mode: str) -> None:
    if isinstance(qty_milli, bool) or not isinstance(qty_milli, int):
        raise ValidationError("the quantity must be a whole number of thousandths", code="quantity")
    if qty_milli < 0 or (qty_milli == 0 and mode == "add"):
        raise ValidationError(
            "a count adds a quantity above zero" if mode == "add" else "a count is zero or more",
            code="quantity_not_positive" if mode == "add" else "quantity_negative",
        )
    if qty_milli > MAX_COUNT_MILLI:
        raise ValidationError("the quantity is implausible", code="quantity_absurd")
    if qty_milli % 1000 and (product.serial_tracked or product.unit != "kg"):
        raise ValidationError(
            f"{product.name} is counted in whole units", code="quantity_fractional"
        )


def _name(product_name: str, spec1: str, spec2: str) -> str:
    return " ".join(x for x in (product_name, spec1, spec2) if x)


def _books(uow: UnitOfWork, sheet: Stocktake) -> dict[str, int]:
    """Every line's book quantity at the time of its last scan, from the ledger, in one query."""
    m, ln = StockMovement.__table__, StocktakeLine.__table__
    rows = uow.session.execute(
        select(ln.c.sku_id, func.coalesce(func.sum(m.c.qty_milli), 0))
        .select_from(
            ln.outerjoin(
                m,
                and_(
                    m.c.warehouse_id == sheet.warehouse_id,
                    m.c.sku_id == ln.c.sku_id,
                    m.c.at <= ln.c.counted_at,
                ),
            )
        )
        .where(ln.c.stocktake_id == sheet.id)
        .group_by(ln.c.sku_id)
    )
    return {str(sku): int(qty) for sku, qty in rows}


def _uncounted(uow: UnitOfWork, sheet: Stocktake) -> list:
    """SKUs of the sheet's scope with stock on the book (not zero) and no line yet."""
    b, ln = StockBalance.__table__, StocktakeLine.__table__
    counted = select(ln.c.sku_id).where(ln.c.stocktake_id == sheet.id)
    stmt = (
        select(b.c.sku_id, b.c.on_hand_milli, Sku.code, Product.name, Sku.spec1, Sku.spec2)
        .join(Sku, Sku.id == b.c.sku_id)
        .join(Product, Product.id == Sku.product_id)
        .where(
            b.c.warehouse_id == sheet.warehouse_id,
            b.c.on_hand_milli != 0,
            Product.kind.in_(ingest.COUNTABLE_KINDS),
            b.c.sku_id.not_in(counted),
        )
        .order_by(Sku.code)
    )
    cats = ingest.scope_categories(uow.session, sheet.category_id)
    if cats is not None:
        stmt = stmt.where(Product.category_id.in_(cats))
    return uow.session.execute(stmt).all()


def _line_rows(uow: UnitOfWork, sheet: Stocktake) -> list:
    ln = StocktakeLine.__table__
    return uow.session.execute(
        select(
            ln.c.sku_id,
            ln.c.counted_milli,
            ln.c.counted_at,
            ln.c.counted_by,
            ln.c.book_at_count_milli,
            Sku.code,
            Product.name,
            Product.unit,
            Sku.spec1,
            Sku.spec2,
        )
        .join(Sku, Sku.id == ln.c.sku_id)
        .join(Product, Product.id == Sku.product_id)
        .where(ln.c.stocktake_id == sheet.id)
        .order_by(Sku.code)
    ).all()


# -- opening, listing ------------------------------------------------------------------------------


def open_stocktake(
    uow: UnitOfWork, actor: Actor, *, warehouse: str, category: str | None = None
) -> str:
    """Open a count sheet for a warehouse (every SKU, or one category by name or id). Refused
    while the warehouse has another open sheet."""
    require(actor, Perm.MANAGE_STOCK)
    wh = inventory.warehouse_by_code(uow, actor, warehouse)
    cat = _category(uow, category)
    s = uow.session
    # one open sheet per warehouse: the warehouse row is the lock (SQLite has one writer); FOR NO
    # KEY UPDATE, so movements being posted into the warehouse (a key share) do not wait for it
    lock = select(Warehouse.id).where(Warehouse.id == wh.id)
    if s.get_bind().dialect.name == "postgresql":
        lock = lock.with_for_update(key_share=True)
    s.execute(lock)
    other = s.scalars(
        select(Stocktake).where(Stocktake.warehouse_id == wh.id, Stocktake.status == "open")
    ).first()
    if other is not None:
        raise Conflict(
            f"warehouse {wh.code} already has an open count sheet {other.no}: approve or cancel "
            "it first",
            code="stocktake_open",
            no=other.no,
            stocktake_id=other.id,
        )
    now = uow.clock.now()
    sid = str(new_id())
    s.add(
        Stocktake(
            id=sid,
            no=_number(now),
            warehouse_id=wh.id,
            category_id=cat.id if cat else None,
            status="open",
            opened_by=actor.staff_id,
            opened_at=now,
        )
    )
    uow.commit()
    return sid


def list_stocktakes(
    uow: UnitOfWork,
    actor: Actor,
    *,
    warehouse: str | None = None,
    status: str | None = None,
    limit: int = 200,
) -> list[StocktakeSummary]:
    """Newest first; a manager sees the sheets of their stores' warehouses."""
    require(actor, Perm.COUNT_STOCK)
    st, ln = Stocktake.__table__, StocktakeLine.__table__
    lines = (
        select(func.count()).select_from(ln).where(ln.c.stocktake_id == st.c.id).scalar_subquery()
    )
    stmt = (
        select(Stocktake, Warehouse, lines)
        .join(Warehouse, Warehouse.id == Stocktake.warehouse_id)
        .order_by(Stocktake.opened_at.desc())
        .limit(max(1, min(limit, 1000)))
    )
    if warehouse:
        stmt = stmt.where(Warehouse.id == inventory.warehouse_by_code(uow, actor, warehouse).id)
    if status:
        stmt = stmt.where(Stocktake.status == status)
    return [
        StocktakeSummary(
            sheet.id,
            sheet.no,
            wh.code,
            _category_name(uow, sheet.category_id),
            sheet.status,
            sheet.opened_at,
            sheet.approved_at,
            int(n),
        )
        for sheet, wh, n in uow.session.execute(stmt)
        if inventory.may_use_warehouse(actor, wh)
    ]


def stocktake_detail(uow: UnitOfWork, actor: Actor, stocktake_id: str) -> StocktakeView:
    """The sheet with book against counted per line (and, while open, what is not counted)."""
    require(actor, Perm.COUNT_STOCK)
    sheet, wh = _sheet(uow, actor, stocktake_id)
    s = uow.session
    is_open = sheet.status == "open"
    books = _books(uow, sheet) if is_open else {}
    if is_open:
        avg = {
            str(sku): cost
            for sku, cost in s.execute(
                select(StockBalance.sku_id, StockBalance.avg_cost_fen).where(
                    StockBalance.warehouse_id == wh.id
                )
            )
        }
    else:
        m = StockMovement.__table__
        posted = {
            str(key): (qty, cost)
            for key, qty, cost in s.execute(
                select(m.c.line_key, m.c.qty_milli, m.c.unit_cost_fen).where(
                    m.c.doc_type == "stocktake", m.c.doc_id == str(sheet.id)
                )
            )
        }
    lines = []
    for r in _line_rows(uow, sheet):
        sku = str(r.sku_id)
        book = books.get(sku, 0) if is_open else r.book_at_count_milli
        diff = r.counted_milli - book
        if is_open:
            value = times_quantity(avg.get(sku, 0), diff)
        else:
            qty, cost = posted.get(sku, (0, 0))
            value = times_quantity(cost, qty)
        lines.append(
            LineView(
                sku,
                r.code,
                _name(r.name, r.spec1, r.spec2),
                r.unit,
                r.counted_milli,
                r.counted_at,
                r.counted_by,
                book,
                diff,
                value,
            )
        )
    uncounted = (
        tuple(
            UncountedView(str(r.sku_id), r.code, _name(r.name, r.spec1, r.spec2), r.on_hand_milli)
            for r in _uncounted(uow, sheet)
        )
        if is_open
        else ()
    )
    return StocktakeView(
        sheet.id,
        sheet.no,
        wh.code,
        _category_name(uow, sheet.category_id),
        sheet.status,
        sheet.opened_at,
        sheet.opened_by,
        sheet.approved_at,
        sheet.approved_by,
        tuple(lines),
        uncounted,
    )


# -- counting --------------------------------------------------------------------------------------


def record_count(
    uow: UnitOfWork,
    actor: Actor,
    stocktake_id: str,
    sku_code: str,
    qty_milli: int,
    *,
    mode: str = "add",
) -> LineView:
    """Count a SKU on an open sheet (SKU code, product code or barcode): ``add`` adds to what was
    counted (scanning again adds up), ``set`` corrects it to ``qty_milli`` (zero allowed)."""
    require(actor, Perm.COUNT_STOCK)
    if mode not in COUNT_MODES:
        raise ValidationError("a count adds ('add') or corrects ('set')", code="count_mode")
    sheet, wh = _sheet(uow, actor, stocktake_id)
    sku, product = inventory.find_sku(uow, sku_code)
    _check_qty(qty_milli, product, mode)
    s = uow.session
    locked = ingest.open_stocktake(s, wh.id)
    if locked is None or locked.id != sheet.id:
        s.refresh(sheet)
        raise Conflict(
            f"count sheet {sheet.no} is {sheet.status}: counts go on an open sheet",
            code="stocktake_not_open",
            no=sheet.no,
            status=sheet.status,
        )
    sku_id, why = ingest.countable(s, locked, sku.id)
    if sku_id is None:
        raise ValidationError(
            f"{_name(product.name, sku.spec1, sku.spec2)} {_REASONS[why]}",
            code="sku_not_countable" if why != "out_of_scope" else "sku_out_of_scope",
            sku=sku.code,
        )
    now = uow.clock.now()
    line = ingest.add_count(s, locked, sku_id, qty_milli, now, actor.staff_id, mode=mode)
    view = LineView(
        sku_id,
        sku.code,
        _name(product.name, sku.spec1, sku.spec2),
        product.unit,
        line.counted_milli,
        line.counted_at,
        line.counted_by,
        line.book_at_count_milli,
        line.counted_milli - line.book_at_count_milli,
        0,
    )
    uow.commit()
    return view


# -- closing ---------------------------------------------------------------------------------------


def _close(uow: UnitOfWork, sheet: Stocktake, values: dict) -> None:
    """The conditional ``open → …`` update: exactly one caller wins; the others are refused."""
    s = uow.session
    won = s.execute(
        update(Stocktake)
        .where(Stocktake.id == sheet.id, Stocktake.status == "open")
        .values(**values)
        .execution_options(synchronize_session=False)
    ).rowcount
    if won != 1:
        s.rollback()
        current = s.get(Stocktake, sheet.id, populate_existing=True)
        raise Conflict(
            f"count sheet {current.no} is already {current.status}",
            code=f"stocktake_{current.status}",
            no=current.no,
            status=current.status,
        )


def cancel_stocktake(uow: UnitOfWork, actor: Actor, stocktake_id: str) -> None:
    """Cancel an open sheet: nothing is posted; the warehouse may open another."""
    require(actor, Perm.MANAGE_STOCK)
    sheet, _ = _sheet(uow, actor, stocktake_id)
    _close(uow, sheet, {"status": "cancelled"})
    uow.commit()


def approve_stocktake(
    uow: UnitOfWork, actor: Actor, stocktake_id: str, *, uncounted_zero: bool = False
) -> Approval:
    """Approve an open sheet once: post each line's gain / loss (counted − book at its count).

    ``uncounted_zero``: SKUs of the scope with stock on the book that were never counted are
    counted as zero (a loss of what the book holds at approval); by default they are left alone.
    """
    require(actor, Perm.MANAGE_STOCK)
    sheet, wh = _sheet(uow, actor, stocktake_id)
    s = uow.session
    now = uow.clock.now()
    _close(uow, sheet, {"status": "approved", "approved_at": now, "approved_by": actor.staff_id})
    lines = s.scalars(
        select(StocktakeLine)
        .where(StocktakeLine.stocktake_id == sheet.id)
        .execution_options(populate_existing=True)
    ).all()
    zero = [str(r.sku_id) for r in _uncounted(uow, sheet)] if uncounted_zero else []
    if not lines and not zero:
        s.rollback()
        raise ValidationError(
            f"nothing is counted on {sheet.no}: count, approve with uncounted = zero, or cancel",
            code="stocktake_empty",
            no=sheet.no,
        )
    # lock the balances first (PostgreSQL): a sale landing now either is in the book read below
    # or waits for this approval to commit (it is then after every count, as it should be)
    keys = sorted({(wh.id, str(ln.sku_id)) for ln in lines} | {(wh.id, sku) for sku in zero})
    held = ledger.lock_balances(s, keys, now)
    books = _books(uow, sheet)
    rows = []
    for ln in lines:
        ln.book_at_count_milli = books.get(str(ln.sku_id), 0)
        diff = ln.counted_milli - ln.book_at_count_milli
        if diff:
            rows.append(_movement(wh, ln, diff, actor))
    zeroed = 0
    for sku in zero:
        on_hand = held[(wh.id, sku)]["on_hand_milli"]
        if not on_hand:
            continue
        ln = StocktakeLine(
            stocktake_id=sheet.id,
            sku_id=sku,
            counted_milli=0,
            book_at_count_milli=on_hand,
            counted_at=now,
            counted_by=actor.staff_id,
        )
        s.add(ln)
        rows.append(_movement(wh, ln, -on_hand, actor))
        zeroed += 1
    s.flush()
    ledger.post(s, rows, now)
    cost = {r["line_key"]: r["unit_cost_fen"] for r in rows}
    refreshed = s.get(Stocktake, sheet.id, populate_existing=True)
    views = []
    for r in _line_rows(uow, refreshed):
        sku = str(r.sku_id)
        diff = r.counted_milli - r.book_at_count_milli
        views.append(
            LineView(
                sku,
                r.code,
                _name(r.name, r.spec1, r.spec2),
                r.unit,
                r.counted_milli,
                r.counted_at,
                r.counted_by,
                r.book_at_count_milli,
                diff,
                times_quantity(cost.get(sku, 0), diff),
            )
        )
    uow.commit()
    gains = [v for v in views if v.difference_milli > 0]
    losses = [v for v in views if v.difference_milli < 0]
    return Approval(
        sheet.id,
        sheet.no,
        wh.code,
        tuple(views),
        len(rows),
        sum(v.difference_milli for v in gains),
        -sum(v.difference_milli for v in losses),
        sum(v.value_fen for v in gains),
        -sum(v.value_fen for v in losses),
        zeroed,
    )


def _movement(wh: Warehouse, ln: StocktakeLine, diff: int, actor: Actor) -> dict:
    return ledger.movement(
        warehouse_id=wh.id,
        sku_id=str(ln.sku_id),
        qty_milli=diff,
        kind="gain" if diff > 0 else "loss",
        doc_type="stocktake",
        doc_id=str(ln.stocktake_id),
        line_key=str(ln.sku_id),
        # at the time of the count: the ledger then shows the counted quantity at that moment
        at=ln.counted_at,
        created_by=actor.staff_id,
    )
