"""Catalog reads for the counter: one indexed statement per scan, bound parameters only.

These run on the terminal file in the hot path (a scanner fires a lookup per item), so each is a
single SELECT over primary-key or unique indexes, returning a small DTO.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Select, and_, case, func, select, union
from sqlalchemy.orm import Session

from shared.db.models import Barcode, Product, Sku, StorePrice


@dataclass(frozen=True)
class SkuRow:
    sku_id: str
    sku_code: str
    product_code: str
    name: str
    spec1: str
    spec2: str
    unit: str
    kind: str
    price_fen: int
    member_price_fen: int | None
    weighed: bool
    on_shelf: bool

    @property
    def display_name(self) -> str:
        specs = " ".join(s for s in (self.spec1, self.spec2) if s)
        return f"{self.name} {specs}" if specs else self.name


_on_shelf = and_(Product.status == "on", Sku.status == "on")


def _base(store_id: str) -> Select:
    return (
        select(
            Sku.id,
            Sku.code,
            Product.code,
            Product.name,
            Sku.spec1,
            Sku.spec2,
            Product.unit,
            Product.kind,
            func.coalesce(StorePrice.price_fen, Sku.price_fen),
            Sku.member_price_fen,
            Sku.weighed,
            case((_on_shelf, True), else_=False),
        )
        .join(Product, Product.id == Sku.product_id)
        .outerjoin(StorePrice, and_(StorePrice.sku_id == Sku.id, StorePrice.store_id == store_id))
    )


def _row(r) -> SkuRow:
    return SkuRow(*r[:8], int(r[8]), r[9], bool(r[10]), bool(r[11]))


def by_barcode(session: Session, store_id: str, code: str) -> SkuRow | None:
    stmt = _base(store_id).join(Barcode, Barcode.sku_id == Sku.id).where(Barcode.code == code)
    r = session.execute(stmt).first()
    return _row(r) if r else None


def by_sku_code(session: Session, store_id: str, code: str) -> SkuRow | None:
    r = session.execute(_base(store_id).where(Sku.code == code)).first()
    return _row(r) if r else None


def by_product_code(session: Session, store_id: str, code: str) -> list[SkuRow]:
    stmt = _base(store_id).where(Product.code == code).order_by(Sku.code).limit(20)
    return [_row(r) for r in session.execute(stmt)]


def by_plu(session: Session, store_id: str, plu: str) -> SkuRow | None:
    r = session.execute(_base(store_id).where(Sku.plu == plu)).first()
    return _row(r) if r else None


def by_id(session: Session, store_id: str, sku_id: str) -> SkuRow | None:
    r = session.execute(_base(store_id).where(Sku.id == sku_id)).first()
    return _row(r) if r else None


def prices(session: Session, store_id: str, sku_ids: list[str]) -> dict[str, int]:
    stmt = (
        select(Sku.id, func.coalesce(StorePrice.price_fen, Sku.price_fen))
        .outerjoin(StorePrice, and_(StorePrice.sku_id == Sku.id, StorePrice.store_id == store_id))
        .where(Sku.id.in_(sku_ids))
    )
    return {sid: int(p) for sid, p in session.execute(stmt)}


def _like_escape(fragment: str) -> str:
    return fragment.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def search(session: Session, store_id: str, query: str, limit: int) -> list[SkuRow]:
    """Code or barcode prefix, pinyin-initials prefix, or a name fragment; on-shelf first.

    Prefixes are index range scans (``>= q AND < q + U+FFFF``); the name fragment is a LIKE with
    the user's ``%``/``_``/``\\`` escaped, so metacharacters match themselves.
    """
    q = query.strip()
    hi = q + "\uffff"
    py = q.lower()
    by_name = Product.name.like("%" + _like_escape(q) + "%", escape="\\")
    candidates = [
        select(Sku.id.label("id")).where(Sku.code >= q, Sku.code < hi),
        select(Barcode.sku_id.label("id")).where(Barcode.code >= q, Barcode.code < hi),
        select(Sku.id.label("id"))
        .join(Product, Product.id == Sku.product_id)
        .where(Product.pinyin >= py, Product.pinyin < py + "\uffff"),
        select(Sku.id.label("id")).join(Product, Product.id == Sku.product_id).where(by_name),
        select(Sku.id.label("id"))
        .join(Product, Product.id == Sku.product_id)
        .where(Product.code >= q, Product.code < hi),
    ]
    # each branch limited on its own (SQLite wants a limited UNION member wrapped in a subquery)
    ids = union(*(select(c.limit(limit).subquery().c.id) for c in candidates)).subquery()
    stmt = (
        _base(store_id)
        .where(Sku.id.in_(select(ids.c[0])))
        .order_by(case((_on_shelf, 0), else_=1), Product.name, Sku.code)
        .limit(limit)
    )
    return [_row(r) for r in session.execute(stmt)]


__all__ = [
    "SkuRow",
    "by_barcode",
    "by_id",
    "by_plu",
    "by_product_code",
    "by_sku_code",
    "prices",
    "search",
]
