"""Inventory reads for the back office (SPEC §10): the warehouses a caller may choose, the stock
list of a warehouse, a SKU's movements (the ledger), the voucher list and a voucher's lines, and
the SKU a typed or scanned code names.

Like ``queries.shifts`` and ``queries.coupons``: one statement picks a page (filters, ``ORDER
BY``, ``LIMIT``/``OFFSET``), a ``COUNT`` gives the total, and what the page needs besides (document
numbers, line totals) is read for the page's rows only. A stock list of 200,000 SKUs is never
loaded whole. Nothing here checks permissions or validates input: the caller decides which
stores (``store_ids``) and which warehouse may be read and hands these functions clean values.

"Low" means what ``services.inventory.low_stock`` means: a limit is set and the available stock
(on hand minus locked) is at or below the lower limit or the safety stock, so the stock list's
filter and the low-stock list agree.
"""

from __future__ import annotations

import uuid
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy import ColumnElement, and_, case, false, func, or_, select, true
from sqlalchemy.orm import Session, aliased

from shared.db.models import (
    Barcode,
    Category,
    Product,
    Refund,
    Sale,
    Sku,
    Staff,
    StockBalance,
    StockLimit,
    StockMovement,
    Stocktake,
    StockVoucher,
    StockVoucherLine,
    Store,
    Transfer,
    Warehouse,
)

#: product kinds that are kept in stock (a service is not)
STOCKED_KINDS = ("goods", "card_key")
#: the stock list's sort keys
STOCK_SORT_KEYS = (
    "code",
    "name",
    "category",
    "on_hand",
    "locked",
    "available",
    "avg_cost",
    "value",
    "safety",
    "lower",
    "upper",
)
#: the voucher list's sort keys
VOUCHER_SORT_KEYS = ("created_at", "no", "warehouse", "direction", "type", "status", "posted_at")

#: sorts a missing upper limit above every real one
NO_UPPER = 2**62

_b = StockBalance.__table__
_lim = StockLimit.__table__
_m = StockMovement.__table__


@dataclass(frozen=True)
class Page:
    rows: list
    #: rows matching the filters, not only those of this page
    total: int


def like_pattern(text: str) -> str:
    """``%text%`` with LIKE's own metacharacters escaped (``escape="\\"``)."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _fen_of_milli(qty_milli: int, unit_fen: int) -> int:
    """The value of ``qty_milli`` thousandths at ``unit_fen`` a unit, rounded half-up once."""
    value = Decimal(qty_milli) * unit_fen / 1000
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _item_name(name: str, spec1: str | None, spec2: str | None) -> str:
    return " ".join(x for x in (name, spec1, spec2) if x)


# -- warehouses ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class WarehouseChoice:
    #: None: a store whose warehouse is made on first use (nothing has moved there yet)
    warehouse_id: str | None
    code: str
    name: str
    store_id: str | None
    store_code: str | None
    #: store | central
    kind: str
    allow_negative: bool = True
    status: str = "active"


def _store_warehouse_name(store_name: str) -> str:
    # the name ``sync.stock_ingest.warehouse_for_store`` gives it when it is made
    return f"{store_name}仓"


def warehouse_choices(session: Session, store_ids: Collection[str] | None) -> list[WarehouseChoice]:
    """The warehouses of ``store_ids`` (None: every warehouse, head office's too), by code; a
    store whose warehouse does not exist yet is listed under the store's code."""
    stmt = select(Warehouse, Store.code).join(Store, Store.id == Warehouse.store_id, isouter=True)
    stores = select(Store).where(
        ~select(Warehouse.id).where(Warehouse.store_id == Store.id).exists()
    )
    if store_ids is not None:
        ids = list(store_ids)
        if not ids:
            return []
        stmt = stmt.where(Warehouse.store_id.in_(ids))
        stores = stores.where(Store.id.in_(ids))
    out = [
        WarehouseChoice(
            wh.id,
            wh.code,
            wh.name,
            wh.store_id,
            store_code,
            wh.kind,
            bool(wh.allow_negative),
            wh.status,
        )
        for wh, store_code in session.execute(stmt)
    ]
    out += [
        WarehouseChoice(None, st.code, _store_warehouse_name(st.name), st.id, st.code, "store")
        for st in session.scalars(stores)
    ]
    return sorted(out, key=lambda w: w.code)


def find_warehouse(session: Session, code: str) -> WarehouseChoice | None:
    """A warehouse by its code, or a store's warehouse by the store's code (``warehouse_id``
    None when it does not exist yet)."""
    code = (code or "").strip().upper()
    if not code:
        return None
    row = session.execute(
        select(Warehouse, Store.code)
        .join(Store, Store.id == Warehouse.store_id, isouter=True)
        .where(Warehouse.code == code)
    ).first()
    if row is None:
        store = session.scalars(select(Store).where(Store.code == code)).first()
        if store is None:
            return None
        row = session.execute(
            select(Warehouse, Store.code)
            .join(Store, Store.id == Warehouse.store_id)
            .where(Warehouse.store_id == store.id)
        ).first()
        if row is None:
            return WarehouseChoice(
                None, store.code, _store_warehouse_name(store.name), store.id, store.code, "store"
            )
    wh, store_code = row
    return WarehouseChoice(
        wh.id,
        wh.code,
        wh.name,
        wh.store_id,
        store_code,
        wh.kind,
        bool(wh.allow_negative),
        wh.status,
    )


@dataclass(frozen=True)
class CategoryChoice:
    category_id: str
    name: str
    level: int
    parent_id: str | None


def categories(session: Session) -> list[CategoryChoice]:
    """Every category, each parent followed by its children (for the stock list's filter)."""
    rows = session.scalars(select(Category).order_by(Category.sort_order, Category.name)).all()
    children: dict[str | None, list[Category]] = {}
    for c in rows:
        children.setdefault(c.parent_id, []).append(c)
    known = {c.id for c in rows}
    out: list[CategoryChoice] = []

    def walk(parent: str | None) -> None:
        for c in children.get(parent, []):
            out.append(CategoryChoice(c.id, c.name, c.level, c.parent_id))
            walk(c.id)

    walk(None)
    for parent, kids in children.items():  # orphans (a parent deleted): still listed
        if parent is not None and parent not in known:
            for c in kids:
                out.append(CategoryChoice(c.id, c.name, c.level, c.parent_id))
    return out


# -- the stock list --------------------------------------------------------------------------------


@dataclass(frozen=True)
class StockFilter:
    #: part of a SKU code, product code, name or pinyin initials (any case), or a whole barcode
    #: (matched literally: ``%`` and ``_`` are not wildcards)
    text: str | None = None
    #: this category or one of its children
    category_id: str | None = None
    #: only SKUs at or below their lower limit or safety stock
    low_only: bool = False
    #: only SKUs whose on-hand stock is below zero
    negative_only: bool = False


@dataclass(frozen=True)
class StockRow:
    sku_id: str
    sku_code: str
    product_code: str
    name: str
    category: str
    unit: str
    kind: str
    serial_tracked: bool
    on_hand_milli: int
    locked_milli: int
    avg_cost_fen: int
    #: None: no limits set for the SKU in this warehouse
    safety_milli: int | None
    lower_milli: int | None
    upper_milli: int | None

    @property
    def available_milli(self) -> int:
        return self.on_hand_milli - self.locked_milli

    @property
    def value_fen(self) -> int:
        """On hand at the moving-average cost."""
        return _fen_of_milli(self.on_hand_milli, self.avg_cost_fen)

    @property
    def has_limits(self) -> bool:
        return self.lower_milli is not None

    @property
    def negative(self) -> bool:
        return self.on_hand_milli < 0

    @property
    def low(self) -> bool:
        if not self.has_limits:
            return False
        return self.available_milli <= max(self.lower_milli or 0, self.safety_milli or 0)

    @property
    def whole_units(self) -> bool:
        """Counted in whole units (only loose goods sold by the kilogram take fractions)."""
        return self.serial_tracked or self.kind != "goods" or self.unit != "kg"


def _on_hand() -> ColumnElement:
    return func.coalesce(_b.c.on_hand_milli, 0)


def _locked() -> ColumnElement:
    return func.coalesce(_b.c.locked_milli, 0)


def _stock_from(warehouse_id: str | None, f: StockFilter | None = None):
    """SKU ⋈ product, the warehouse's balance and limits, the category (outer).

    The balance and limits are outer joins (a SKU never moved is listed at zero), except when
    the filter needs the row anyway: "negative only" needs a balance, "low only" a limit. Then
    they are inner joins, so the planner starts from the warehouse's few rows instead of walking
    every SKU (on PostgreSQL with stale statistics the outer join took seconds)."""
    wh = warehouse_id
    # a store warehouse not made yet holds nothing: every SKU at zero, no limits
    on_balance = and_(_b.c.sku_id == Sku.id, _b.c.warehouse_id == wh) if wh else false()
    on_limit = and_(_lim.c.sku_id == Sku.id, _lim.c.warehouse_id == wh) if wh else false()
    stmt = select().select_from(Sku).join(Product, Product.id == Sku.product_id)
    stmt = stmt.join(_b, on_balance, isouter=not (f and f.negative_only))
    stmt = stmt.join(_lim, on_limit, isouter=not (f and f.low_only))
    return stmt.outerjoin(Category, Category.id == Product.category_id)


def _stock_where(f: StockFilter) -> list:
    conds: list = [or_(Product.kind.in_(STOCKED_KINDS), _b.c.sku_id.is_not(None))]
    if f.text:
        text = f.text.strip()
        pattern = like_pattern(text)
        barcode = select(Barcode.sku_id).where(Barcode.code == text)  # once, not per row
        conds.append(
            or_(
                Sku.code.ilike(pattern, escape="\\"),
                Product.code.ilike(pattern, escape="\\"),
                Product.name.ilike(pattern, escape="\\"),
                Product.pinyin.ilike(pattern, escape="\\"),
                Sku.id.in_(barcode),
            )
        )
    if f.category_id:
        conds.append(or_(Product.category_id == f.category_id, Category.parent_id == f.category_id))
    if f.low_only:
        available = _on_hand() - _locked()
        conds.append(
            and_(
                _lim.c.sku_id.is_not(None),
                or_(available <= _lim.c.lower_milli, available <= _lim.c.safety_milli),
            )
        )
    if f.negative_only:
        conds.append(_on_hand() < 0)
    return conds


def _stock_order(sort: str, descending: bool) -> list:
    on_hand, locked = _on_hand(), _locked()
    key: Any = {
        "code": Sku.code,
        "name": Product.name,
        "category": func.coalesce(Category.name, ""),
        "on_hand": on_hand,
        "locked": locked,
        "available": on_hand - locked,
        "avg_cost": func.coalesce(_b.c.avg_cost_fen, 0),
        "value": on_hand * func.coalesce(_b.c.avg_cost_fen, 0),
        # no limit sorts below a limit of zero; no upper limit (but others) above every number
        "safety": func.coalesce(_lim.c.safety_milli, -1),
        "lower": func.coalesce(_lim.c.lower_milli, -1),
        "upper": case(
            (_lim.c.sku_id.is_(None), -1), else_=func.coalesce(_lim.c.upper_milli, NO_UPPER)
        ),
    }.get(sort, Sku.code)
    tie = Sku.code.desc() if descending else Sku.code
    return [key.desc() if descending else key.asc(), tie]


def _stock_columns() -> list:
    return [
        Sku.id,
        Sku.code,
        Product.code,
        Product.name,
        Sku.spec1,
        Sku.spec2,
        Category.name,
        Product.unit,
        Product.kind,
        Product.serial_tracked,
        _on_hand(),
        _locked(),
        func.coalesce(_b.c.avg_cost_fen, 0),
        _lim.c.safety_milli,
        _lim.c.lower_milli,
        _lim.c.upper_milli,
    ]


def _stock_row(r: Sequence) -> StockRow:
    (
        sku_id,
        sku_code,
        product_code,
        name,
        spec1,
        spec2,
        category,
        unit,
        kind,
        serial_tracked,
        on_hand,
        locked,
        avg,
        safety,
        lower,
        upper,
    ) = r
    return StockRow(
        sku_id=str(sku_id),
        sku_code=sku_code,
        product_code=product_code,
        name=_item_name(name, spec1, spec2),
        category=category or "",
        unit=unit or "",
        kind=kind,
        serial_tracked=bool(serial_tracked),
        on_hand_milli=int(on_hand),
        locked_milli=int(locked),
        avg_cost_fen=int(avg),
        safety_milli=safety,
        lower_milli=lower,
        upper_milli=upper,
    )


def count_stock(session: Session, warehouse_id: str | None, f: StockFilter) -> int:
    stmt = _stock_from(warehouse_id, f).add_columns(func.count()).where(*_stock_where(f))
    return int(session.scalar(stmt) or 0)


def list_stock(
    session: Session,
    warehouse_id: str | None,
    f: StockFilter,
    *,
    offset: int,
    limit: int,
    sort: str = "code",
    descending: bool = False,
) -> list[StockRow]:
    """One page of the warehouse's stock list; ties broken by SKU code, so pages never overlap."""
    stmt = (
        _stock_from(warehouse_id, f)
        .add_columns(*_stock_columns())
        .where(*_stock_where(f))
        .order_by(*_stock_order(sort, descending))
        .offset(offset)
        .limit(limit)
    )
    return [_stock_row(r) for r in session.execute(stmt)]


def stock_page(
    session: Session,
    warehouse_id: str | None,
    f: StockFilter,
    *,
    offset: int,
    limit: int,
    sort: str = "code",
    descending: bool = False,
) -> Page:
    rows = list_stock(
        session, warehouse_id, f, offset=offset, limit=limit, sort=sort, descending=descending
    )
    return Page(rows, count_stock(session, warehouse_id, f))


def iter_stock(
    session: Session,
    warehouse_id: str | None,
    f: StockFilter,
    *,
    sort: str = "code",
    descending: bool = False,
    batch: int = 500,
) -> Iterator[list[StockRow]]:
    """Every row of the stock list in the list's order, ``batch`` rows at a time, from one
    statement (an export of 200,000 SKUs does not re-run the query per page)."""
    stmt = (
        _stock_from(warehouse_id, f)
        .add_columns(*_stock_columns())
        .where(*_stock_where(f))
        .order_by(*_stock_order(sort, descending))
        .execution_options(yield_per=batch)
    )
    for part in session.execute(stmt).partitions(batch):
        yield [_stock_row(r) for r in part]


def stock_row(session: Session, warehouse_id: str | None, sku_id: str) -> StockRow | None:
    """One SKU's row of the stock list (after its limits changed, say)."""
    stmt = _stock_from(warehouse_id).add_columns(*_stock_columns()).where(Sku.id == sku_id)
    row = session.execute(stmt).first()
    return _stock_row(row) if row is not None else None


# -- the SKU a code names --------------------------------------------------------------------------


def find_skus(session: Session, code: str, warehouse_id: str | None) -> list[StockRow]:
    """The SKU ``code`` names, as ``services.inventory`` resolves a voucher line: a SKU code, else
    a barcode, else a product code (all of its SKUs: one means that one, several is ambiguous).
    Each with its stock in ``warehouse_id``. Empty when nothing matches."""
    code = (code or "").strip()
    if not code:
        return []
    base = _stock_from(warehouse_id).add_columns(*_stock_columns())
    for cond in (
        Sku.code == code,
        Sku.id.in_(select(Barcode.sku_id).where(Barcode.code == code)),
        Product.code == code,
    ):
        rows = session.execute(base.where(cond).order_by(Sku.code).limit(50)).all()
        if rows:
            return [_stock_row(r) for r in rows]
    return []


# -- the ledger ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MovementRow:
    movement_id: str
    at: datetime
    #: purchase | sale | refund | transfer_in | ... (``shared.db.ledger``)
    kind: str
    #: voucher | sale | refund | stocktake | transfer | opening
    doc_type: str
    doc_id: str
    #: the document's human number (voucher no., receipt no. ...), when it can be found
    doc_no: str | None
    qty_milli: int
    unit_cost_fen: int
    #: on hand right after this movement
    balance_after_milli: int
    serial_no: str | None
    created_by_name: str | None

    @property
    def value_fen(self) -> int:
        return _fen_of_milli(self.qty_milli, self.unit_cost_fen)


def count_movements(session: Session, warehouse_id: str | None, sku_id: str) -> int:
    if warehouse_id is None:
        return 0
    stmt = (
        select(func.count())
        .select_from(_m)
        .where(_m.c.warehouse_id == warehouse_id, _m.c.sku_id == sku_id)
    )
    return int(session.scalar(stmt) or 0)


def list_movements(
    session: Session, warehouse_id: str | None, sku_id: str, *, offset: int, limit: int
) -> list[MovementRow]:
    """A SKU's movements in a warehouse, newest first, each with the balance it left."""
    if warehouse_id is None:
        return []
    running = (
        select(
            _m.c.id,
            _m.c.at,
            _m.c.kind,
            _m.c.doc_type,
            _m.c.doc_id,
            _m.c.qty_milli,
            _m.c.unit_cost_fen,
            _m.c.serial_no,
            _m.c.created_by,
            func.sum(_m.c.qty_milli)
            .over(order_by=(_m.c.at, _m.c.id), rows=(None, 0))
            .label("balance_after"),
        )
        .where(_m.c.warehouse_id == warehouse_id, _m.c.sku_id == sku_id)
        .subquery()
    )
    staff = aliased(Staff)
    stmt = (
        select(running, staff.name)
        .join(staff, staff.id == running.c.created_by, isouter=True)
        .order_by(running.c.at.desc(), running.c.id.desc())
        .offset(offset)
        .limit(limit)
    )
    rows = session.execute(stmt).all()
    numbers = document_numbers(session, [(r.doc_type, r.doc_id) for r in rows])
    return [
        MovementRow(
            movement_id=str(r.id),
            at=r.at,
            kind=r.kind,
            doc_type=r.doc_type,
            doc_id=r.doc_id,
            doc_no=numbers.get((r.doc_type, r.doc_id)),
            qty_milli=int(r.qty_milli),
            unit_cost_fen=int(r.unit_cost_fen),
            balance_after_milli=int(r.balance_after),
            serial_no=r.serial_no,
            created_by_name=r[-1],
        )
        for r in rows
    ]


def movement_page(
    session: Session, warehouse_id: str | None, sku_id: str, *, offset: int, limit: int
) -> Page:
    rows = list_movements(session, warehouse_id, sku_id, offset=offset, limit=limit)
    return Page(rows, count_movements(session, warehouse_id, sku_id))


def _uuid_text(value: str) -> str | None:
    try:
        return str(uuid.UUID(str(value)))
    except ValueError:
        return None


def document_numbers(
    session: Session, docs: Collection[tuple[str, str]]
) -> dict[tuple[str, str], str]:
    """``{(doc_type, doc_id): number}`` of the documents movements name (one page of them)."""
    by_type: dict[str, dict[str, str]] = {}
    for doc_type, doc_id in docs:
        key = _uuid_text(doc_id)
        if key is not None:
            by_type.setdefault(doc_type, {})[key] = doc_id
    sources: dict[str, tuple[Any, Any]] = {
        "voucher": (StockVoucher.id, StockVoucher.no),
        "sale": (Sale.id, Sale.receipt_no),
        "refund": (Refund.id, Refund.refund_no),
        "stocktake": (Stocktake.id, Stocktake.no),
        "transfer": (Transfer.id, Transfer.no),
    }
    out: dict[tuple[str, str], str] = {}
    for doc_type, ids in by_type.items():
        source = sources.get(doc_type)
        if source is None:
            continue
        id_col, no_col = source
        for found_id, no in session.execute(select(id_col, no_col).where(id_col.in_(list(ids)))):
            original = ids.get(_uuid_text(found_id) or "")
            if original is not None:
                out[(doc_type, original)] = no
    return out


# -- vouchers --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class VoucherFilter:
    #: the stores whose warehouses the caller may read (None: every warehouse)
    store_ids: Collection[str] | None = None
    warehouse_id: str | None = None
    #: in | out
    direction: str | None = None
    type: str | None = None
    #: draft | posted | cancelled
    status: str | None = None
    #: created at or after / before (aware times)
    created_from: datetime | None = None
    created_before: datetime | None = None
    #: part of the voucher number or of the note
    text: str | None = None


@dataclass(frozen=True)
class VoucherRow:
    voucher_id: str
    no: str
    warehouse_id: str
    warehouse_code: str
    warehouse_name: str
    direction: str
    type: str
    status: str
    note: str
    lines: int
    qty_milli: int
    #: the lines' quantities at their unit costs (what an inbound voucher brings in)
    cost_fen: int
    created_by_name: str | None
    created_at: datetime
    posted_by_name: str | None
    posted_at: datetime | None


def _voucher_where(f: VoucherFilter) -> list:
    conds: list = []
    if f.store_ids is not None:
        ids = list(f.store_ids)
        conds.append(Warehouse.store_id.in_(ids) if ids else false())
    if f.warehouse_id:
        conds.append(StockVoucher.warehouse_id == f.warehouse_id)
    if f.direction:
        conds.append(StockVoucher.direction == f.direction)
    if f.type:
        conds.append(StockVoucher.type == f.type)
    if f.status:
        conds.append(StockVoucher.status == f.status)
    if f.created_from is not None:
        conds.append(StockVoucher.created_at >= f.created_from)
    if f.created_before is not None:
        conds.append(StockVoucher.created_at < f.created_before)
    if f.text:
        pattern = like_pattern(f.text.strip())
        conds.append(
            or_(
                StockVoucher.no.ilike(pattern, escape="\\"),
                StockVoucher.note.ilike(pattern, escape="\\"),
            )
        )
    return conds or [true()]


_creator = aliased(Staff)
_poster = aliased(Staff)


def _voucher_select():
    return (
        select(StockVoucher, Warehouse.code, Warehouse.name, _creator.name, _poster.name)
        .join(Warehouse, Warehouse.id == StockVoucher.warehouse_id)
        .join(_creator, _creator.id == StockVoucher.created_by, isouter=True)
        .join(_poster, _poster.id == StockVoucher.posted_by, isouter=True)
    )


def _voucher_order(sort: str, descending: bool) -> list:
    key: Any = {
        "created_at": StockVoucher.created_at,
        "no": StockVoucher.no,
        "warehouse": Warehouse.code,
        "direction": StockVoucher.direction,
        "type": StockVoucher.type,
        "status": StockVoucher.status,
        # a draft (never posted) sorts as the oldest
        "posted_at": func.coalesce(StockVoucher.posted_at, StockVoucher.created_at),
    }.get(sort, StockVoucher.created_at)
    if descending:
        return [key.desc(), StockVoucher.id.desc()]
    return [key.asc(), StockVoucher.id.asc()]


def count_vouchers(session: Session, f: VoucherFilter) -> int:
    stmt = (
        select(func.count())
        .select_from(StockVoucher)
        .join(Warehouse, Warehouse.id == StockVoucher.warehouse_id)
        .where(*_voucher_where(f))
    )
    return int(session.scalar(stmt) or 0)


def list_vouchers(
    session: Session,
    f: VoucherFilter,
    *,
    offset: int,
    limit: int,
    sort: str = "created_at",
    descending: bool = True,
) -> list[VoucherRow]:
    """Newest first by default; ties broken by id so pages never overlap."""
    stmt = (
        _voucher_select()
        .where(*_voucher_where(f))
        .order_by(*_voucher_order(sort, descending))
        .offset(offset)
        .limit(limit)
    )
    return _voucher_rows(session, session.execute(stmt).all())


def voucher_page(
    session: Session,
    f: VoucherFilter,
    *,
    offset: int,
    limit: int,
    sort: str = "created_at",
    descending: bool = True,
) -> Page:
    rows = list_vouchers(session, f, offset=offset, limit=limit, sort=sort, descending=descending)
    return Page(rows, count_vouchers(session, f))


def voucher_row(session: Session, voucher_id: str) -> VoucherRow | None:
    rows = _voucher_rows(
        session, session.execute(_voucher_select().where(StockVoucher.id == voucher_id)).all()
    )
    return rows[0] if rows else None


def _voucher_rows(session: Session, rows: Sequence) -> list[VoucherRow]:
    if not rows:
        return []
    ids = [r[0].id for r in rows]
    totals = {
        str(vid): (int(n), int(qty or 0), int(value or 0))
        for vid, n, qty, value in session.execute(
            select(
                StockVoucherLine.voucher_id,
                func.count(),
                func.sum(StockVoucherLine.qty_milli),
                func.sum(StockVoucherLine.qty_milli * StockVoucherLine.unit_cost_fen),
            )
            .where(StockVoucherLine.voucher_id.in_(ids))
            .group_by(StockVoucherLine.voucher_id)
        )
    }
    out = []
    for v, wh_code, wh_name, creator, poster in rows:
        n, qty, value = totals.get(str(v.id), (0, 0, 0))
        out.append(
            VoucherRow(
                voucher_id=str(v.id),
                no=v.no,
                warehouse_id=str(v.warehouse_id),
                warehouse_code=wh_code,
                warehouse_name=wh_name,
                direction=v.direction,
                type=v.type,
                status=v.status,
                note=v.note or "",
                lines=n,
                qty_milli=qty,
                cost_fen=_fen_of_milli(value, 1),
                created_by_name=creator,
                created_at=v.created_at,
                posted_by_name=poster,
                posted_at=v.posted_at,
            )
        )
    return out


@dataclass(frozen=True)
class VoucherLineRow:
    line_no: int
    sku_id: str
    sku_code: str
    name: str
    unit: str
    qty_milli: int
    unit_cost_fen: int
    serials: tuple[str, ...]

    @property
    def value_fen(self) -> int:
        return _fen_of_milli(self.qty_milli, self.unit_cost_fen)


def voucher_lines(session: Session, voucher_id: str) -> list[VoucherLineRow]:
    """A voucher's lines in order (at most ``services.inventory.MAX_LINES``)."""
    stmt = (
        select(StockVoucherLine, Sku.code, Product.name, Sku.spec1, Sku.spec2, Product.unit)
        .join(Sku, Sku.id == StockVoucherLine.sku_id, isouter=True)
        .join(Product, Product.id == Sku.product_id, isouter=True)
        .where(StockVoucherLine.voucher_id == voucher_id)
        .order_by(StockVoucherLine.line_no)
    )
    return [
        VoucherLineRow(
            line_no=ln.line_no,
            sku_id=str(ln.sku_id),
            sku_code=code or "",
            name=_item_name(name, spec1, spec2) if name else "",
            unit=unit or "",
            qty_milli=ln.qty_milli,
            unit_cost_fen=ln.unit_cost_fen,
            serials=tuple(ln.serials or ()),
        )
        for ln, code, name, spec1, spec2, unit in session.execute(stmt)
    ]
