"""Shift reads for the back office (SPEC §4): a page of shifts with their figures, one shift's
documents.

A list is read a page at a time: one statement picks the page's shift keys (filters, sort,
``LIMIT``/``OFFSET``), a ``COUNT`` gives the total, and the page's sales and refunds are summed by
SQL for those keys only. Nothing here loads a table whole, and nothing here checks permissions:
the service (``services.shift_review``) decides which stores a caller may read.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Select, and_, false, func, or_, select
from sqlalchemy.orm import Session, aliased

from shared.db.models import (
    CashMovement,
    Payment,
    Refund,
    RefundPayment,
    Sale,
    Shift,
    Staff,
    Store,
    Terminal,
)

#: the sort keys a list accepts, and the column each sorts by
SORT_KEYS = (
    "business_date",
    "opened_at",
    "closed_at",
    "store",
    "terminal",
    "cashier",
    "variance",
    "review_status",
)


@dataclass(frozen=True)
class ShiftFilter:
    #: the stores the caller may read (None: every store)
    store_ids: Collection[str] | None = None
    store_id: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    #: a cashier's account (exact) or part of their name
    cashier: str | None = None
    review_status: str | None = None


@dataclass(frozen=True)
class ShiftRow:
    shift_id: str
    store_id: str
    store_code: str
    store_timezone: str
    terminal_number: int | None
    cashier_account: str
    cashier_name: str
    business_date: date
    status: str
    opened_at: datetime
    closed_at: datetime | None
    sales_count: int
    net_fen: int
    opening_float_fen: int
    expected_cash_fen: int | None
    counted_cash_fen: int | None
    variance_fen: int | None
    review_status: str
    review_comment: str | None
    reviewed_by_name: str | None
    reviewed_at: datetime | None


@dataclass(frozen=True)
class SaleItem:
    sale_id: str
    receipt_no: str
    completed_at: datetime
    subtotal_fen: int
    discount_fen: int
    total_fen: int


@dataclass(frozen=True)
class RefundItem:
    refund_id: str
    refund_no: str
    receipt_no: str
    created_at: datetime
    total_fen: int
    reason: str


@dataclass(frozen=True)
class CashMoveItem:
    movement_id: str
    at: datetime
    direction: str
    amount_fen: int
    reason: str
    staff_name: str


def _where(f: ShiftFilter, cashier: type[Staff]) -> list:
    conds: list = []
    if f.store_ids is not None:
        conds.append(Shift.store_id.in_(list(f.store_ids)) if f.store_ids else false())
    if f.store_id is not None:
        conds.append(Shift.store_id == f.store_id)
    if f.date_from is not None:
        conds.append(Shift.business_date >= f.date_from)
    if f.date_to is not None:
        conds.append(Shift.business_date <= f.date_to)
    if f.cashier:
        escaped = f.cashier.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        conds.append(
            or_(cashier.account == f.cashier, cashier.name.like(f"%{escaped}%", escape="\\"))
        )
    if f.review_status is not None:
        conds.append(Shift.review_status == f.review_status)
    return conds


def _base(stmt: Select, f: ShiftFilter, cashier: type[Staff]) -> Select:
    return (
        stmt.join(Store, Store.id == Shift.store_id)
        .join(cashier, cashier.id == Shift.cashier_id, isouter=True)
        .join(Terminal, Terminal.id == Shift.terminal_id, isouter=True)
        .where(*_where(f, cashier))
    )


def count_shifts(session: Session, f: ShiftFilter) -> int:
    cashier = aliased(Staff)
    return int(session.scalar(_base(select(func.count()).select_from(Shift), f, cashier)) or 0)


def _sort_columns(sort: str, descending: bool, cashier: type[Staff]) -> list:
    column = {
        "business_date": Shift.business_date,
        "opened_at": Shift.opened_at,
        "closed_at": Shift.closed_at,
        "store": Store.code,
        "terminal": Terminal.number,
        "cashier": cashier.name,
        "variance": Shift.variance_fen,
        "review_status": Shift.review_status,
    }[sort]
    first = column.desc().nulls_last() if descending else column.asc().nulls_first()
    # ties broken by time and id, so pages never overlap or skip a row
    return [first, Shift.opened_at.desc(), Shift.id.desc()]


def _rows_select(f: ShiftFilter) -> tuple[Select, type[Staff]]:
    cashier = aliased(Staff)
    reviewer = aliased(Staff)
    stmt = _base(
        select(
            Shift,
            Store.code,
            Store.timezone,
            Terminal.number,
            cashier.account,
            cashier.name,
            reviewer.name,
        ),
        f,
        cashier,
    ).join(reviewer, reviewer.id == Shift.reviewed_by, isouter=True)
    return stmt, cashier


def list_shifts(
    session: Session,
    f: ShiftFilter,
    *,
    offset: int,
    limit: int,
    sort: str = "business_date",
    descending: bool = True,
) -> list[ShiftRow]:
    if sort not in SORT_KEYS:
        raise ValueError(f"unknown sort key {sort!r}")
    stmt, cashier = _rows_select(f)
    stmt = stmt.order_by(*_sort_columns(sort, descending, cashier)).offset(offset).limit(limit)
    return _materialise(session, session.execute(stmt).all())


def shift_row(session: Session, store_id: str, shift_id: str) -> ShiftRow | None:
    """One shift as a list row (to refresh its line after a review)."""
    stmt, _ = _rows_select(ShiftFilter(store_id=store_id))
    rows = _materialise(session, session.execute(stmt.where(Shift.id == shift_id)).all())
    return rows[0] if rows else None


def _materialise(session: Session, rows: list) -> list[ShiftRow]:
    if not rows:
        return []
    keys = [(r[0].store_id, r[0].id) for r in rows]
    sales = _sums_by_shift(
        session,
        select(Sale.store_id, Sale.shift_id, func.count(), func.sum(Sale.total_fen)),
        Sale,
        keys,
    )
    refunds = _sums_by_shift(
        session,
        select(Refund.store_id, Refund.shift_id, func.count(), func.sum(Refund.total_fen)),
        Refund,
        keys,
    )
    out = []
    for shift, code, tz, number, account, name, reviewer_name in rows:
        count, sold = sales.get((shift.store_id, shift.id), (0, 0))
        _, refunded = refunds.get((shift.store_id, shift.id), (0, 0))
        out.append(
            ShiftRow(
                shift_id=shift.id,
                store_id=shift.store_id,
                store_code=code,
                store_timezone=tz,
                terminal_number=number,
                cashier_account=account or "",
                cashier_name=name or "",
                business_date=shift.business_date,
                status=shift.status,
                opened_at=shift.opened_at,
                closed_at=shift.closed_at,
                sales_count=count,
                net_fen=sold - refunded,
                opening_float_fen=shift.opening_float_fen,
                expected_cash_fen=shift.expected_cash_fen,
                counted_cash_fen=shift.counted_cash_fen,
                variance_fen=shift.variance_fen,
                review_status=shift.review_status or "pending",
                review_comment=shift.review_comment,
                reviewed_by_name=reviewer_name,
                reviewed_at=shift.reviewed_at,
            )
        )
    return out


def _sums_by_shift(
    session: Session, stmt: Select, model: type[Sale] | type[Refund], keys: list[tuple[str, str]]
) -> dict[tuple[str, str], tuple[int, int]]:
    """``(count, sum of total_fen)`` per shift, for the given shifts only (one page)."""
    cond = or_(*(and_(model.store_id == s, model.shift_id == i) for s, i in keys))
    result = session.execute(stmt.where(cond).group_by(model.store_id, model.shift_id))
    return {(s, i): (int(n), int(total or 0)) for s, i, n, total in result}


def shift_sales(session: Session, store_id: str, shift_id: str, *, limit: int) -> list[SaleItem]:
    rows = session.execute(
        select(
            Sale.id,
            Sale.receipt_no,
            Sale.completed_at,
            Sale.subtotal_fen,
            Sale.discount_fen,
            Sale.total_fen,
        )
        .where(Sale.store_id == store_id, Sale.shift_id == shift_id)
        .order_by(Sale.completed_at, Sale.receipt_no)
        .limit(limit)
    )
    return [SaleItem(*r) for r in rows]


def shift_refunds(
    session: Session, store_id: str, shift_id: str, *, limit: int
) -> list[RefundItem]:
    rows = session.execute(
        select(
            Refund.id,
            Refund.refund_no,
            Sale.receipt_no,
            Refund.created_at,
            Refund.total_fen,
            Refund.reason,
        )
        .join(Sale, and_(Sale.store_id == Refund.store_id, Sale.id == Refund.sale_id))
        .where(Refund.store_id == store_id, Refund.shift_id == shift_id)
        .order_by(Refund.created_at, Refund.refund_no)
        .limit(limit)
    )
    return [RefundItem(*r) for r in rows]


def shift_cash_moves(session: Session, store_id: str, shift_id: str) -> list[CashMoveItem]:
    rows = session.execute(
        select(
            CashMovement.id,
            CashMovement.at,
            CashMovement.direction,
            CashMovement.amount_fen,
            CashMovement.reason,
            Staff.name,
        )
        .join(Staff, Staff.id == CashMovement.staff_id, isouter=True)
        .where(CashMovement.store_id == store_id, CashMovement.shift_id == shift_id)
        .order_by(CashMovement.at, CashMovement.id)
    )
    return [CashMoveItem(i, at, d, a, r, n or "") for i, at, d, a, r, n in rows]


def payments_by_method(session: Session, store_id: str, shift_id: str) -> dict[str, int]:
    """Captured payments less refunds, per method (what the drawer and the providers hold)."""
    out: dict[str, int] = {}
    for method, amount in session.execute(
        select(Payment.method, func.sum(Payment.amount_fen))
        .join(Sale, and_(Sale.store_id == Payment.store_id, Sale.id == Payment.sale_id))
        .where(Sale.store_id == store_id, Sale.shift_id == shift_id, Payment.status == "captured")
        .group_by(Payment.method)
    ):
        out[method] = out.get(method, 0) + int(amount or 0)
    for method, amount in session.execute(
        select(RefundPayment.method, func.sum(RefundPayment.amount_fen))
        .join(
            Refund,
            and_(Refund.store_id == RefundPayment.store_id, Refund.id == RefundPayment.refund_id),
        )
        .where(Refund.store_id == store_id, Refund.shift_id == shift_id)
        .group_by(RefundPayment.method)
    ):
        out[method] = out.get(method, 0) - int(amount or 0)
    return dict(sorted(out.items()))


def scoped_stores(
    session: Session, store_ids: Collection[str] | None
) -> list[tuple[str, str, str]]:
    """``(id, code, name)`` of the stores in scope (None: all), by code."""
    stmt = select(Store.id, Store.code, Store.name).order_by(Store.code)
    if store_ids is not None:
        stmt = stmt.where(Store.id.in_(list(store_ids)))
    return [tuple(r) for r in session.execute(stmt)]


def store_by_code(session: Session, code: str) -> tuple[str, str] | None:
    row = session.execute(select(Store.id, Store.code).where(Store.code == code)).first()
    return (row[0], row[1]) if row else None
