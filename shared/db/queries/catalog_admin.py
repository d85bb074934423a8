"""Catalog reads for the back office's 商品 area (SPEC §2): the category tree, a page of products
(filters, server-side sort, ``LIMIT``/``OFFSET``), one product with its SKUs and barcodes, the
store prices of a SKU, who holds a code or a barcode, and the products whose scheduled on-shelf
or off-shelf time is due.

Like ``queries.channels``: one statement picks a page, a ``COUNT`` gives the total, and a page's
per-product figures (SKUs, price range, a barcode) are correlated subqueries evaluated for the
page's rows only (or for every row when the list is sorted by one of them). Nothing here checks
permissions or validates input: ``services.catalog_admin`` does and hands these functions clean
values. The one write is ``flip_schedule``, the conditional update of a due schedule.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, case, func, or_, select, update
from sqlalchemy.orm import Session

from shared.db.models import Barcode, Category, Product, Sku, Store, StorePrice
from shared.db.queries.channels import like_pattern

_p = Product.__table__
_s = Sku.__table__
_b = Barcode.__table__
_c = Category.__table__
_sp = StorePrice.__table__
_st = Store.__table__

#: codes / barcodes per ``IN (...)``
IN_CHUNK = 500


# -- categories ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CategoryRow:
    category_id: str
    parent_id: str | None
    name: str
    level: int
    sort_order: int
    #: products directly in the category (not in its sub-categories)
    products: int
    #: direct sub-categories
    children: int


def category_tree(session: Session) -> list[CategoryRow]:
    """Every category, each parent followed by its children, siblings by sort order and name;
    orphans (their parent gone) last."""
    products = (
        select(_p.c.category_id, func.count().label("n"))
        .where(_p.c.category_id.is_not(None))
        .group_by(_p.c.category_id)
        .subquery()
    )
    kids = _c.alias("kids")
    children = (
        select(kids.c.parent_id, func.count().label("n"))
        .where(kids.c.parent_id.is_not(None))
        .group_by(kids.c.parent_id)
        .subquery()
    )
    stmt = (
        select(
            _c.c.id,
            _c.c.parent_id,
            _c.c.name,
            _c.c.level,
            _c.c.sort_order,
            func.coalesce(products.c.n, 0),
            func.coalesce(children.c.n, 0),
        )
        .select_from(
            _c.outerjoin(products, products.c.category_id == _c.c.id).outerjoin(
                children, children.c.parent_id == _c.c.id
            )
        )
        .order_by(_c.c.sort_order, _c.c.name, _c.c.id)
    )
    rows = [
        CategoryRow(
            category_id=str(r[0]),
            parent_id=str(r[1]) if r[1] is not None else None,
            name=r[2],
            level=int(r[3]),
            sort_order=int(r[4]),
            products=int(r[5]),
            children=int(r[6]),
        )
        for r in session.execute(stmt)
    ]
    by_parent: dict[str | None, list[CategoryRow]] = {}
    for row in rows:
        by_parent.setdefault(row.parent_id, []).append(row)
    known = {row.category_id for row in rows}
    out: list[CategoryRow] = []

    def walk(parent: str | None, depth: int) -> None:
        if depth > 10:  # a cycle cannot be made here; never loop on one made by hand
            return
        for row in by_parent.get(parent, []):
            out.append(row)
            walk(row.category_id, depth + 1)

    walk(None, 0)
    for parent, rows_of in by_parent.items():
        if parent is not None and parent not in known:
            for row in rows_of:
                out.append(row)
                walk(row.category_id, 1)
    return out


def category_paths(rows: Iterable[CategoryRow]) -> dict[str, str]:
    """Category id -> its path, ``饮料 / 碳酸饮料 / 可乐``."""
    by_id = {r.category_id: r for r in rows}
    out: dict[str, str] = {}
    for cid in by_id:
        names: list[str] = []
        current: str | None = cid
        while current is not None and current in by_id and len(names) < 10:
            names.append(by_id[current].name)
            current = by_id[current].parent_id
        out[cid] = " / ".join(reversed(names))
    return out


def subtree_ids(category_id: str) -> Select:
    """The ids of a category and of every category below it (three levels at most)."""
    children = select(_c.c.id).where(_c.c.parent_id == category_id)
    return select(_c.c.id).where(
        or_(
            _c.c.id == category_id,
            _c.c.parent_id == category_id,
            _c.c.parent_id.in_(children),
        )
    )


def sibling_name_taken(
    session: Session, parent_id: str | None, name: str, except_id: str | None
) -> bool:
    parent = _c.c.parent_id.is_(None) if parent_id is None else _c.c.parent_id == parent_id
    stmt = select(_c.c.id).where(parent, _c.c.name == name)
    if except_id is not None:
        stmt = stmt.where(_c.c.id != except_id)
    return session.execute(stmt.limit(1)).first() is not None


def next_sort_order(session: Session, parent_id: str | None) -> int:
    parent = _c.c.parent_id.is_(None) if parent_id is None else _c.c.parent_id == parent_id
    top = session.scalar(select(func.max(_c.c.sort_order)).where(parent))
    return 0 if top is None else int(top) + 1


def products_in(session: Session, category_id: str) -> int:
    return int(
        session.scalar(select(func.count()).select_from(_p).where(_p.c.category_id == category_id))
    )


def children_of(session: Session, category_id: str) -> int:
    return int(
        session.scalar(select(func.count()).select_from(_c).where(_c.c.parent_id == category_id))
    )


# -- the product list ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ProductFilter:
    #: part of the product code, a SKU code, the name or the pinyin initials (any case), or the
    #: start of a barcode (matched literally: ``%`` and ``_`` are not wildcards)
    text: str | None = None
    #: this category or one below it
    category_id: str | None = None
    #: on | off
    status: str | None = None
    #: goods | service | card_key
    kind: str | None = None


@dataclass(frozen=True)
class ProductRow:
    product_id: str
    code: str
    name: str
    pinyin: str
    category_id: str | None
    unit: str
    kind: str
    serial_tracked: bool
    status: str
    spec1_name: str
    spec2_name: str
    on_shelf_at: datetime | None
    off_shelf_at: datetime | None
    updated_at: datetime
    skus: int
    price_min_fen: int | None
    price_max_fen: int | None
    #: the smallest barcode of its SKUs ("" when none), and how many there are
    barcode: str
    barcodes: int
    #: the category's path (filled by the service)
    category: str = ""


def _sku_count() -> ColumnElement:
    return (
        select(func.count())
        .select_from(_s)
        .where(_s.c.product_id == _p.c.id)
        .correlate(_p)
        .scalar_subquery()
    )


def _price(fn) -> ColumnElement:
    return (
        select(fn(_s.c.price_fen)).where(_s.c.product_id == _p.c.id).correlate(_p).scalar_subquery()
    )


def _barcode(fn) -> ColumnElement:
    return (
        select(fn(_b.c.code))
        .select_from(_b.join(_s, _s.c.id == _b.c.sku_id))
        .where(_s.c.product_id == _p.c.id)
        .correlate(_p)
        .scalar_subquery()
    )


def _category_name() -> ColumnElement:
    return select(_c.c.name).where(_c.c.id == _p.c.category_id).correlate(_p).scalar_subquery()


def _conditions(f: ProductFilter) -> list:
    conds: list = []
    if f.text:
        text = f.text.strip()
        pattern = like_pattern(text)
        by_sku = select(_s.c.product_id).where(_s.c.code.ilike(pattern, escape="\\"))
        by_barcode = (
            select(_s.c.product_id)
            .select_from(_s.join(_b, _b.c.sku_id == _s.c.id))
            .where(_b.c.code >= text, _b.c.code < text + "\uffff")
        )
        conds.append(
            or_(
                _p.c.code.ilike(pattern, escape="\\"),
                _p.c.name.ilike(pattern, escape="\\"),
                _p.c.pinyin.like(like_pattern(text.lower()), escape="\\"),
                _p.c.id.in_(by_sku),
                _p.c.id.in_(by_barcode),
            )
        )
    if f.category_id:
        conds.append(_p.c.category_id.in_(subtree_ids(f.category_id)))
    if f.status:
        conds.append(_p.c.status == f.status)
    if f.kind:
        conds.append(_p.c.kind == f.kind)
    return conds


#: what the list may be sorted by
SORT_KEYS = (
    "code",
    "name",
    "category",
    "kind",
    "status",
    "price",
    "skus",
    "on_shelf_at",
    "off_shelf_at",
    "scheduled",
    "updated_at",
)


def _order(sort: str, descending: bool) -> list:
    key: Any = {
        "code": _p.c.code,
        "name": _p.c.name,
        "category": func.coalesce(_category_name(), ""),
        "kind": _p.c.kind,
        "status": _p.c.status,
        "price": func.coalesce(_price(func.min), -1),
        "skus": _sku_count(),
        "on_shelf_at": _p.c.on_shelf_at,
        "off_shelf_at": _p.c.off_shelf_at,
        # the sooner of the two scheduled times
        "scheduled": case(
            (_p.c.on_shelf_at.is_(None), _p.c.off_shelf_at),
            (_p.c.off_shelf_at.is_(None), _p.c.on_shelf_at),
            (_p.c.on_shelf_at < _p.c.off_shelf_at, _p.c.on_shelf_at),
            else_=_p.c.off_shelf_at,
        ),
        "updated_at": _p.c.updated_at,
    }.get(sort, _p.c.code)
    tie = _p.c.code.desc() if descending else _p.c.code
    if sort in (
        "on_shelf_at",
        "off_shelf_at",
        "scheduled",
    ):  # products without a schedule last, either way
        return [key.is_(None), key.desc() if descending else key.asc(), tie]
    return [key.desc() if descending else key.asc(), tie]


def count_products(session: Session, f: ProductFilter) -> int:
    return int(session.scalar(select(func.count()).select_from(_p).where(*_conditions(f))))


def _products_select() -> Select:
    return select(
        _p.c.id,
        _p.c.code,
        _p.c.name,
        _p.c.pinyin,
        _p.c.category_id,
        _p.c.unit,
        _p.c.kind,
        _p.c.serial_tracked,
        _p.c.status,
        _p.c.spec1_name,
        _p.c.spec2_name,
        _p.c.on_shelf_at,
        _p.c.off_shelf_at,
        _p.c.updated_at,
        _sku_count().label("skus"),
        _price(func.min).label("price_min"),
        _price(func.max).label("price_max"),
        _barcode(func.min).label("barcode"),
        _barcode(func.count).label("barcodes"),
    )


def list_products(
    session: Session,
    f: ProductFilter,
    *,
    offset: int,
    limit: int,
    sort: str = "code",
    descending: bool = False,
) -> list[ProductRow]:
    """One page; ties broken by product code (unique), so pages never overlap."""
    stmt = (
        _products_select()
        .where(*_conditions(f))
        .order_by(*_order(sort, descending))
        .offset(offset)
        .limit(limit)
    )
    return [_product_row(r) for r in session.execute(stmt)]


def product_row(session: Session, product_id: str) -> ProductRow | None:
    found = session.execute(_products_select().where(_p.c.id == product_id)).first()
    return _product_row(found) if found is not None else None


def _product_row(r) -> ProductRow:
    return ProductRow(
        product_id=str(r.id),
        code=r.code,
        name=r.name,
        pinyin=r.pinyin or "",
        category_id=str(r.category_id) if r.category_id is not None else None,
        unit=r.unit or "",
        kind=r.kind,
        serial_tracked=bool(r.serial_tracked),
        status=r.status,
        spec1_name=r.spec1_name or "",
        spec2_name=r.spec2_name or "",
        on_shelf_at=r.on_shelf_at,
        off_shelf_at=r.off_shelf_at,
        updated_at=r.updated_at,
        skus=int(r.skus or 0),
        price_min_fen=None if r.price_min is None else int(r.price_min),
        price_max_fen=None if r.price_max is None else int(r.price_max),
        barcode=r.barcode or "",
        barcodes=int(r.barcodes or 0),
    )


# -- one product -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class SkuDetail:
    sku_id: str
    code: str
    spec1: str
    spec2: str
    price_fen: int
    member_price_fen: int | None
    cost_fen: int
    barcodes: tuple[str, ...]
    #: on | off (a SKU taken off sale stays in the catalog: sales and stock refer to it)
    status: str
    weighed: bool
    plu: str | None
    #: stores that override its price
    store_prices: int


def skus_of(session: Session, product_id: str) -> list[SkuDetail]:
    """The product's SKUs by code, each with its barcodes (sorted) and store prices counted."""
    overrides = (
        select(func.count())
        .select_from(_sp)
        .where(_sp.c.sku_id == _s.c.id)
        .correlate(_s)
        .scalar_subquery()
    )
    rows = session.execute(
        select(_s, overrides.label("store_prices"))
        .where(_s.c.product_id == product_id)
        .order_by(_s.c.code)
    ).all()
    ids = [str(r.id) for r in rows]
    codes: dict[str, list[str]] = {}
    if ids:
        for code, sku_id in session.execute(
            select(_b.c.code, _b.c.sku_id).where(_b.c.sku_id.in_(ids)).order_by(_b.c.code)
        ):
            codes.setdefault(str(sku_id), []).append(code)
    return [
        SkuDetail(
            sku_id=str(r.id),
            code=r.code,
            spec1=r.spec1 or "",
            spec2=r.spec2 or "",
            price_fen=int(r.price_fen),
            member_price_fen=None if r.member_price_fen is None else int(r.member_price_fen),
            cost_fen=int(r.cost_fen or 0),
            barcodes=tuple(codes.get(str(r.id), ())),
            status=r.status,
            weighed=bool(r.weighed),
            plu=r.plu,
            store_prices=int(r.store_prices or 0),
        )
        for r in rows
    ]


def _chunks(values: Iterable[str]) -> Iterable[list[str]]:
    items = sorted(set(values))
    for i in range(0, len(items), IN_CHUNK):
        yield items[i : i + IN_CHUNK]


def product_code_owner(session: Session, code: str) -> str | None:
    """The id of the product with this code, if any."""
    found = session.scalar(select(_p.c.id).where(_p.c.code == code))
    return str(found) if found is not None else None


def sku_code_owners(session: Session, codes: Iterable[str]) -> dict[str, tuple[str, str, str]]:
    """SKU code -> (SKU id, product id, product code), for the codes that exist."""
    out: dict[str, tuple[str, str, str]] = {}
    for chunk in _chunks(codes):
        for code, sku_id, product_id, product_code in session.execute(
            select(_s.c.code, _s.c.id, _s.c.product_id, _p.c.code)
            .select_from(_s.join(_p, _p.c.id == _s.c.product_id))
            .where(_s.c.code.in_(chunk))
        ):
            out[code] = (str(sku_id), str(product_id), product_code)
    return out


def barcode_owners(session: Session, codes: Iterable[str]) -> dict[str, tuple[str, str, str]]:
    """Barcode -> (SKU id, SKU code, product id), for the barcodes that exist."""
    out: dict[str, tuple[str, str, str]] = {}
    for chunk in _chunks(codes):
        for code, sku_id, sku_code, product_id in session.execute(
            select(_b.c.code, _b.c.sku_id, _s.c.code, _s.c.product_id)
            .select_from(_b.join(_s, _s.c.id == _b.c.sku_id))
            .where(_b.c.code.in_(chunk))
        ):
            out[code] = (str(sku_id), sku_code, str(product_id))
    return out


# -- store prices ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class StorePriceRow:
    store_id: str
    store_code: str
    store_name: str
    sku_id: str
    #: the head-office price of the SKU
    default_fen: int
    #: the store's own price (None: the store sells at the default)
    price_fen: int | None

    @property
    def effective_fen(self) -> int:
        return self.default_fen if self.price_fen is None else self.price_fen


def store_prices(
    session: Session, sku_id: str, store_ids: Sequence[str] | None
) -> list[StorePriceRow]:
    """Every store (or those of ``store_ids``) with the SKU's price there, by store code."""
    default = select(_s.c.price_fen).where(_s.c.id == sku_id).scalar_subquery()
    stmt = (
        select(_st.c.id, _st.c.code, _st.c.name, default.label("default"), _sp.c.price_fen)
        .select_from(_st.outerjoin(_sp, and_(_sp.c.store_id == _st.c.id, _sp.c.sku_id == sku_id)))
        .order_by(_st.c.code)
    )
    if store_ids is not None:
        stmt = stmt.where(_st.c.id.in_(list(store_ids)))
    return [
        StorePriceRow(
            store_id=str(r[0]),
            store_code=r[1],
            store_name=r[2],
            sku_id=sku_id,
            default_fen=int(r[3] or 0),
            price_fen=None if r[4] is None else int(r[4]),
        )
        for r in session.execute(stmt)
    ]


# -- scheduled on / off shelf ----------------------------------------------------------------------


@dataclass(frozen=True)
class DueSchedule:
    product_id: str
    status: str
    on_shelf_at: datetime | None
    off_shelf_at: datetime | None


def _due(now: datetime) -> ColumnElement:
    return or_(_p.c.on_shelf_at <= now, _p.c.off_shelf_at <= now)


def any_due(session: Session, now: datetime) -> bool:
    """Whether a schedule is due: one look per column, each on its partial index (this runs
    before every pull, over a catalog of hundreds of thousands of products)."""
    return any(
        session.execute(select(_p.c.id).where(column <= now).limit(1)).first() is not None
        for column in (_p.c.on_shelf_at, _p.c.off_shelf_at)
    )


def due_schedules(session: Session, now: datetime, limit: int) -> list[DueSchedule]:
    """Products with a scheduled time at or before ``now``, by id."""
    rows = session.execute(
        select(_p.c.id, _p.c.status, _p.c.on_shelf_at, _p.c.off_shelf_at)
        .where(_due(now))
        .order_by(_p.c.id)
        .limit(limit)
    ).all()
    return [DueSchedule(str(r[0]), r[1], r[2], r[3]) for r in rows]


def _same(column, value: datetime | None) -> ColumnElement:
    return column.is_(None) if value is None else column == value


def flip_schedule(
    session: Session,
    seen: DueSchedule,
    *,
    status: str,
    on_shelf_at: datetime | None,
    off_shelf_at: datetime | None,
    now: datetime,
) -> bool:
    """Apply a due schedule with ONE conditional update: only while the product still has the
    schedule ``seen`` read (another run, or an edit, that got there first wins). True when this
    call applied it."""
    result = session.execute(
        update(_p)
        .where(
            _p.c.id == seen.product_id,
            _same(_p.c.on_shelf_at, seen.on_shelf_at),
            _same(_p.c.off_shelf_at, seen.off_shelf_at),
        )
        .values(status=status, on_shelf_at=on_shelf_at, off_shelf_at=off_shelf_at, updated_at=now)
    )
    return result.rowcount == 1


def product_rows(session: Session, product_ids: Sequence[str]) -> list[dict]:
    """The whole ``product`` rows of these ids (for the change log)."""
    out: list[dict] = []
    for chunk in _chunks(product_ids):
        out.extend(dict(r._mapping) for r in session.execute(select(_p).where(_p.c.id.in_(chunk))))
    return out
