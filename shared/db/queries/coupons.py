"""Coupon reads for the back office (SPEC §6): a page of coupon definitions with their counts,
a page of a coupon's codes, a page of verification records.

Like ``queries.shifts``: one statement picks a page (filters, ``ORDER BY``, ``LIMIT``/``OFFSET``),
a ``COUNT`` gives the total, and the page's per-coupon figures (codes by state, listed stores) are
grouped by SQL for the page's coupons only. Nothing here checks permissions or validates input:
``services.coupons`` does, and hands these functions clean values.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Select, and_, false, func, or_, select
from sqlalchemy.orm import Session

from shared.db.models import (
    Coupon,
    CouponInstance,
    CouponStore,
    PickupOrder,
    Product,
    Sku,
    Staff,
    Store,
    Verification,
)

# -- coupon definitions ----------------------------------------------------------------------------


@dataclass(frozen=True)
class CouponFilter:
    #: part of the name (matched literally: ``%`` and ``_`` are not wildcards)
    name: str | None = None
    type: str | None = None
    #: active (enabled and not yet over) | disabled | expired (over, whatever its status)
    status: str | None = None
    #: coupons that can be used at this store: every all-store coupon and those listing it
    store_id: str | None = None


@dataclass(frozen=True)
class CouponRow:
    coupon_id: str
    name: str
    type: str
    exchange_sku_id: str | None
    exchange_sku_code: str | None
    exchange_item: str | None
    threshold_fen: int
    amount_off_fen: int
    off_bp: int
    cap_fen: int | None
    #: -1: unlimited
    stock: int
    issued: int
    #: codes by state
    unused: int
    used: int
    expired: int
    void: int
    store_scope: str
    #: the listed stores' codes (empty for an all-store coupon)
    store_codes: tuple[str, ...]
    valid_from: datetime
    valid_until: datetime
    stackable: bool
    limit_user_day: int
    limit_user_week: int
    limit_user_month: int
    limit_user_half_year: int
    limit_user_year: int
    limit_device_day: int
    limit_daily_total: int
    funded_by: str
    status: str
    note: str
    cover_image: str
    created_by_name: str | None
    created_at: datetime
    updated_at: datetime


def like_pattern(text: str) -> str:
    """``%text%`` with LIKE's own metacharacters escaped (``escape="\\"``)."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _coupon_where(f: CouponFilter, now: datetime) -> list:
    conds: list = []
    if f.name:
        conds.append(Coupon.name.like(like_pattern(f.name), escape="\\"))
    if f.type:
        conds.append(Coupon.type == f.type)
    if f.status == "active":
        conds += [Coupon.status == "active", Coupon.valid_until >= now]
    elif f.status == "disabled":
        conds.append(Coupon.status == "disabled")
    elif f.status == "expired":
        conds.append(Coupon.valid_until < now)
    if f.store_id:
        listed = (
            select(CouponStore.coupon_id)
            .where(CouponStore.coupon_id == Coupon.id, CouponStore.store_id == f.store_id)
            .exists()
        )
        conds.append(or_(Coupon.store_scope == "all", listed))
    return conds


def count_coupons(session: Session, f: CouponFilter, now: datetime) -> int:
    stmt = select(func.count()).select_from(Coupon).where(*_coupon_where(f, now))
    return int(session.scalar(stmt) or 0)


def _coupon_select() -> Select:
    return (
        select(Coupon, Sku.code, Product.name, Sku.spec1, Sku.spec2, Staff.name)
        .join(Sku, Sku.id == Coupon.exchange_sku_id, isouter=True)
        .join(Product, Product.id == Sku.product_id, isouter=True)
        .join(Staff, Staff.id == Coupon.created_by, isouter=True)
    )


def list_coupons(
    session: Session, f: CouponFilter, now: datetime, *, offset: int, limit: int
) -> list[CouponRow]:
    """Newest first; ties broken by id so pages never overlap."""
    stmt = (
        _coupon_select()
        .where(*_coupon_where(f, now))
        .order_by(Coupon.created_at.desc(), Coupon.id.desc())
        .offset(offset)
        .limit(limit)
    )
    return _coupon_rows(session, session.execute(stmt).all())


def coupon_row(session: Session, coupon_id: str) -> CouponRow | None:
    rows = _coupon_rows(
        session, session.execute(_coupon_select().where(Coupon.id == coupon_id)).all()
    )
    return rows[0] if rows else None


def _coupon_rows(session: Session, rows: Sequence) -> list[CouponRow]:
    if not rows:
        return []
    ids = [r[0].id for r in rows]
    states = code_counts(session, ids)
    stores = listed_store_codes(session, ids)
    out = []
    for c, sku_code, product_name, spec1, spec2, creator in rows:
        counts = states.get(c.id, {})
        item = None
        if product_name is not None:
            item = " ".join(x for x in (product_name, spec1, spec2) if x)
        out.append(
            CouponRow(
                coupon_id=c.id,
                name=c.name,
                type=c.type,
                exchange_sku_id=c.exchange_sku_id,
                exchange_sku_code=sku_code,
                exchange_item=item,
                threshold_fen=c.threshold_fen,
                amount_off_fen=c.amount_off_fen,
                off_bp=c.off_bp,
                cap_fen=c.cap_fen,
                stock=c.stock,
                issued=c.issued,
                unused=counts.get("unused", 0),
                used=counts.get("used", 0),
                expired=counts.get("expired", 0),
                void=counts.get("void", 0),
                store_scope=c.store_scope,
                store_codes=tuple(stores.get(c.id, ())),
                valid_from=c.valid_from,
                valid_until=c.valid_until,
                stackable=bool(c.stackable),
                limit_user_day=c.limit_user_day,
                limit_user_week=c.limit_user_week,
                limit_user_month=c.limit_user_month,
                limit_user_half_year=c.limit_user_half_year,
                limit_user_year=c.limit_user_year,
                limit_device_day=c.limit_device_day,
                limit_daily_total=c.limit_daily_total,
                funded_by=c.funded_by,
                status=c.status,
                note=c.note or "",
                cover_image=c.cover_image or "",
                created_by_name=creator,
                created_at=c.created_at,
                updated_at=c.updated_at,
            )
        )
    return out


def code_counts(session: Session, coupon_ids: Collection[str]) -> dict[str, dict[str, int]]:
    """``{coupon_id: {state: count}}`` for the given coupons (one page)."""
    if not coupon_ids:
        return {}
    out: dict[str, dict[str, int]] = {}
    for cid, state, n in session.execute(
        select(CouponInstance.coupon_id, CouponInstance.state, func.count())
        .where(CouponInstance.coupon_id.in_(list(coupon_ids)))
        .group_by(CouponInstance.coupon_id, CouponInstance.state)
    ):
        out.setdefault(cid, {})[state] = int(n)
    return out


def listed_store_codes(session: Session, coupon_ids: Collection[str]) -> dict[str, list[str]]:
    if not coupon_ids:
        return {}
    out: dict[str, list[str]] = {}
    for cid, code in session.execute(
        select(CouponStore.coupon_id, Store.code)
        .join(Store, Store.id == CouponStore.store_id)
        .where(CouponStore.coupon_id.in_(list(coupon_ids)))
        .order_by(Store.code)
    ):
        out.setdefault(cid, []).append(code)
    return out


# -- codes -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CodeFilter:
    coupon_id: str
    state: str | None = None
    batch_no: str | None = None
    phone: str | None = None


@dataclass(frozen=True)
class CodeRow:
    instance_id: str
    coupon_id: str
    coupon_name: str
    code: str
    phone: str | None
    batch_no: str
    state: str
    issued_at: datetime
    used_at: datetime | None
    used_store_code: str | None


def _code_where(f: CodeFilter) -> list:
    conds = [CouponInstance.coupon_id == f.coupon_id]
    if f.state:
        conds.append(CouponInstance.state == f.state)
    if f.batch_no:
        conds.append(CouponInstance.batch_no == f.batch_no)
    if f.phone:
        conds.append(CouponInstance.phone == f.phone)
    return conds


def count_codes(session: Session, f: CodeFilter) -> int:
    stmt = select(func.count()).select_from(CouponInstance).where(*_code_where(f))
    return int(session.scalar(stmt) or 0)


def _code_select(f: CodeFilter) -> Select:
    return (
        select(
            CouponInstance.id,
            CouponInstance.coupon_id,
            Coupon.name,
            CouponInstance.code,
            CouponInstance.phone,
            CouponInstance.batch_no,
            CouponInstance.state,
            CouponInstance.issued_at,
            CouponInstance.used_at,
            Store.code,
        )
        .join(Coupon, Coupon.id == CouponInstance.coupon_id)
        .join(Store, Store.id == CouponInstance.used_store_id, isouter=True)
        .where(*_code_where(f))
    )


def list_codes(session: Session, f: CodeFilter, *, offset: int, limit: int) -> list[CodeRow]:
    """Newest first (ids are UUIDv7: their order is the order of issue)."""
    stmt = _code_select(f).order_by(CouponInstance.id.desc()).offset(offset).limit(limit)
    return [CodeRow(*r) for r in session.execute(stmt)]


def codes_after(
    session: Session, f: CodeFilter, *, after_id: str | None, limit: int
) -> list[CodeRow]:
    """Oldest first from just after ``after_id`` (keyset paging: an export of 100,000 codes reads
    each row once, however far it has gone)."""
    stmt = _code_select(f).order_by(CouponInstance.id).limit(limit)
    if after_id is not None:
        stmt = stmt.where(CouponInstance.id > after_id)
    return [CodeRow(*r) for r in session.execute(stmt)]


def code_row(session: Session, code: str) -> CodeRow | None:
    stmt = (
        select(
            CouponInstance.id,
            CouponInstance.coupon_id,
            Coupon.name,
            CouponInstance.code,
            CouponInstance.phone,
            CouponInstance.batch_no,
            CouponInstance.state,
            CouponInstance.issued_at,
            CouponInstance.used_at,
            Store.code,
        )
        .join(Coupon, Coupon.id == CouponInstance.coupon_id)
        .join(Store, Store.id == CouponInstance.used_store_id, isouter=True)
        .where(CouponInstance.code == code)
    )
    row = session.execute(stmt).first()
    return CodeRow(*row) if row else None


# -- verification records --------------------------------------------------------------------------


@dataclass(frozen=True)
class VerificationFilter:
    #: the stores the caller may read (None: every store)
    store_ids: Collection[str] | None = None
    store_id: str | None = None
    #: server time, inclusive at both ends
    since: datetime | None = None
    until: datetime | None = None
    #: part of the coupon's name (as it was when redeemed)
    coupon_name: str | None = None
    #: coupon | pickup
    kind: str | None = None


@dataclass(frozen=True)
class VerificationRow:
    """One verification record (结算数据) with the fields SPEC §6 names."""

    verification_id: str
    kind: str
    code: str
    order_no: str
    coupon_id: str | None
    coupon_name: str
    coupon_type: str
    funded_by: str
    amount_fen: int
    verifier_id: str
    verifier_name: str
    store_id: str
    store_code: str
    store_name: str
    store_timezone: str
    terminal_id: str | None
    at: datetime
    status: str


def _verification_where(f: VerificationFilter) -> list:
    conds: list = []
    if f.store_ids is not None:
        conds.append(Verification.store_id.in_(list(f.store_ids)) if f.store_ids else false())
    if f.store_id is not None:
        conds.append(Verification.store_id == f.store_id)
    if f.since is not None:
        conds.append(Verification.at >= f.since)
    if f.until is not None:
        conds.append(Verification.at <= f.until)
    if f.coupon_name:
        conds.append(Verification.coupon_name.like(like_pattern(f.coupon_name), escape="\\"))
    if f.kind:
        conds.append(Verification.kind == f.kind)
    return conds


def count_verifications(session: Session, f: VerificationFilter) -> int:
    stmt = select(func.count()).select_from(Verification).where(*_verification_where(f))
    return int(session.scalar(stmt) or 0)


def list_verifications(
    session: Session, f: VerificationFilter, *, offset: int, limit: int
) -> list[VerificationRow]:
    """Newest first; ties broken by id so pages never overlap or skip a row."""
    stmt = (
        select(
            Verification.id,
            Verification.kind,
            Verification.code,
            Verification.order_no,
            Verification.coupon_id,
            Verification.coupon_name,
            Verification.coupon_type,
            Verification.funded_by,
            Verification.amount_fen,
            Verification.verifier_id,
            Verification.verifier_name,
            Verification.store_id,
            Verification.store_code,
            Verification.store_name,
            func.coalesce(Store.timezone, "Asia/Shanghai"),
            Verification.terminal_id,
            Verification.at,
            Verification.status,
        )
        .join(Store, Store.id == Verification.store_id, isouter=True)
        .where(*_verification_where(f))
        .order_by(Verification.at.desc(), Verification.id.desc())
        .offset(offset)
        .limit(limit)
    )
    return [VerificationRow(*r) for r in session.execute(stmt)]


# -- stores ----------------------------------------------------------------------------------------


def stores_by_code(session: Session, codes: Collection[str]) -> dict[str, str]:
    """``{code: id}`` of the stores among ``codes`` that exist."""
    if not codes:
        return {}
    return dict(
        session.execute(select(Store.code, Store.id).where(Store.code.in_(list(codes)))).all()
    )


def open_pickup_codes(session: Session, store_id: str, codes: Collection[str]) -> set[str]:
    """Which of ``codes`` an open pickup order of the store already has."""
    if not codes:
        return set()
    return set(
        session.scalars(
            select(PickupOrder.code).where(
                and_(
                    PickupOrder.store_id == store_id,
                    PickupOrder.state == "open",
                    PickupOrder.code.in_(list(codes)),
                )
            )
        )
    )
