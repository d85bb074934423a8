"""数据统计 (SPEC §12): the back office's dashboard and report tables, on the central database.

Who may read: anyone with ``review_shifts`` or ``settle`` (managers and admins). A manager reads
the stores they work at (``Actor.store_ids``); asking for another store is refused with
``PermissionDenied`` (``store_not_allowed``). An admin reads every store, and, without a store
filter, also what belongs to no store (card keys sold to e-commerce orders, head office's
warehouses).

The period is a range of business days (``date_from`` to ``date_to``, both included; by default
the first of this month to today), at most ``MAX_DAYS`` long. A sale's or refund's business day is
its shift's day in the store's time zone; "today" is the business day now in the zone of the
store chosen, else of the stores read when they share one, else China time.

What each figure means (money is integer fen, quantities thousandths; nothing is formatted here):

- ``orders``: completed sales (``sale.status = 'completed'``) whose business day is in the period.
- ``sales_fen``: Σ ``sale.total_fen`` of those sales — what customers paid after every discount
  and coupon.
- ``refunds`` / ``refunds_fen``: refund documents, and Σ ``refund.total_fen``, whose business day
  is in the period (a refund counts on its own day, not its sale's).
- ``revenue_fen`` (营业额) = ``sales_fen − refunds_fen``.
- ``average_ticket_fen`` (客单价) = ``sales_fen ÷ orders``, rounded half-up to the fen; None
  without orders.
- ``today`` / ``month``: those figures for today, and for the month so far (the 1st to today),
  whatever the period; ``period``: for the period chosen.
- ``trend``: the figures of every day of the period, days without business at zero.
- ``top_products``: the ten SKUs with the largest Σ ``sale_line.net_fen`` less Σ
  ``refund_line.amount_fen`` (quantities likewise).
- ``by_store``: every store read, with its figures; ``by_cashier``: per cashier, the sales they
  rang up and the refunds they processed; ``by_guide`` (导购业绩): per guide, the sales credited to
  them (``sale.guide_id``) and the period's refunds of those sales.
- ``payments``: per method, captured payments of the period's sales less the refunds paid back in
  that method (the pie shows the positive nets).
- ``coupons``: live redemptions (``verification.status = 'done'``) per coupon and store, the
  redemption's instant (``at``) within the period's days in the store's zone; with what the
  coupons took off sales.
- ``card_keys``: per card-key product, the pool now (``available``, ``reserved``; the pool is
  shared by every store), the keys sold in the period to the stores read (``sold``), and the
  issue rate ``sold ÷ (sold + available)`` in basis points.
- ``low_stock``: (warehouse, SKU) whose available stock (on hand − locked) is at or below the
  lower limit or the safety stock — now, whatever the period — at most ``LOW_STOCK_LIMIT`` rows,
  furthest below first; ``low_stock_total`` counts them all.
- ``variances``: the period's closed shifts per store and cashier, with Σ of their short (< 0)
  and over (> 0) cash variances (``shift.variance_fen``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from shared.db.queries import reports as q
from shared.db.queries.reports import (
    CardKeyRow,
    CouponUseRow,
    DayRow,
    Figures,
    LowStockRow,
    MethodRow,
    ProductRow,
    StaffRow,
    StoreRow,
    VarianceRow,
)
from shared.db.queries.shifts import scoped_stores, store_by_code
from shared.db.uow import UnitOfWork
from shared.domain.clock import business_date
from shared.domain.errors import PermissionDenied, ValidationError
from shared.domain.permissions import Perm, Role
from shared.services.auth import Actor

#: the longest period a report covers, in days
MAX_DAYS = 366
#: the most low-stock rows a report lists (``low_stock_total`` counts them all)
LOW_STOCK_LIMIT = 500
TOP_PRODUCTS = 10
MAX_STORE_CODE = 16


@dataclass(frozen=True)
class ReportQuery:
    """The filters: a store's code (None: every store the caller may read) and the business days
    (None: the first of this month, today)."""

    store_code: str | None = None
    date_from: date | None = None
    date_to: date | None = None


@dataclass(frozen=True)
class StoreChoice:
    store_id: str
    code: str
    name: str


@dataclass(frozen=True)
class Report:
    """Every figure of the dashboard and its tables, read in one transaction (see the module's
    doc for what each means)."""

    store_code: str | None
    date_from: date
    date_to: date
    today: date
    today_figures: Figures
    month_figures: Figures
    period: Figures
    trend: list[DayRow]
    payments: list[MethodRow]
    top_products: list[ProductRow]
    by_store: list[StoreRow]
    by_cashier: list[StaffRow]
    by_guide: list[StaffRow]
    coupons: list[CouponUseRow]
    card_keys: list[CardKeyRow]
    low_stock: list[LowStockRow]
    low_stock_total: int
    variances: list[VarianceRow]


@dataclass(frozen=True)
class _Resolved:
    scope: q.Scope
    store_code: str | None
    today: date


def _require(actor: Actor) -> None:
    if not (actor.can(Perm.REVIEW_SHIFTS) or actor.can(Perm.SETTLE)):
        raise PermissionDenied(
            f"{actor.name} ({actor.account}) may not read reports",
            code="permission_denied",
            permission=Perm.REVIEW_SHIFTS.value,
        )


def _scope(actor: Actor) -> frozenset[str] | None:
    """The stores ``actor`` may read: None for every store."""
    return None if Role.ADMIN in actor.roles else actor.store_ids


def stores(uow: UnitOfWork, actor: Actor) -> list[StoreChoice]:
    """The stores ``actor`` may read, by code (for the store filter)."""
    _require(actor)
    return [StoreChoice(*r) for r in scoped_stores(uow.session, _scope(actor))]


def _resolve(uow: UnitOfWork, actor: Actor, query: ReportQuery) -> _Resolved:
    _require(actor)
    allowed = _scope(actor)
    store_ids = allowed
    code = (query.store_code or "").strip()
    if len(code) > MAX_STORE_CODE:
        raise ValidationError("no such store", code="unknown_store", value=code[:20])
    if code:
        found = store_by_code(uow.session, code)
        if found is None:
            raise ValidationError(f"no store '{code}'", code="unknown_store", value=code)
        if allowed is not None and found[0] not in allowed:
            raise PermissionDenied(
                f"{actor.name} ({actor.account}) may not read the reports of store {code}",
                code="store_not_allowed",
                store=code,
            )
        store_ids = frozenset({found[0]})
    zones = q.store_zones(uow.session, store_ids)
    zone = next(iter(zones)) if len(zones) == 1 else q.DEFAULT_TZ
    today = business_date(uow.clock.now(), zone)
    for value in (query.date_from, query.date_to):
        if value is not None and not isinstance(value, date):
            raise ValidationError("a report's period is a range of days", code="date_range")
    date_from = query.date_from or today.replace(day=1)
    date_to = query.date_to or today
    if date_from > date_to:
        raise ValidationError("the date range ends before it starts", code="date_range")
    if (date_to - date_from).days + 1 > MAX_DAYS:
        raise ValidationError(
            f"a report covers at most {MAX_DAYS} days", code="report_range", limit=MAX_DAYS
        )
    return _Resolved(q.Scope(store_ids, date_from, date_to), code or None, today)


def _fill_days(scope: q.Scope, rows: list[DayRow]) -> list[DayRow]:
    by_day = {r.day: r for r in rows}
    days = (scope.date_to - scope.date_from).days + 1
    out = []
    for i in range(days):
        day = scope.date_from + timedelta(days=i)
        out.append(by_day.get(day) or DayRow(day=day))
    return out


def report(uow: UnitOfWork, actor: Actor, query: ReportQuery | None = None) -> Report:
    """The dashboard's figures and every report table for ``query``."""
    r = _resolve(uow, actor, query or ReportQuery())
    s, scope = uow.session, r.scope
    today = q.Scope(scope.store_ids, r.today, r.today)
    month = q.Scope(scope.store_ids, r.today.replace(day=1), r.today)
    return Report(
        store_code=r.store_code,
        date_from=scope.date_from,
        date_to=scope.date_to,
        today=r.today,
        today_figures=q.totals(s, today),
        month_figures=q.totals(s, month),
        period=q.totals(s, scope),
        trend=_fill_days(scope, q.by_day(s, scope)),
        payments=q.by_method(s, scope),
        top_products=q.top_products(s, scope, limit=TOP_PRODUCTS),
        by_store=q.by_store(s, scope),
        by_cashier=q.by_cashier(s, scope),
        by_guide=q.by_guide(s, scope),
        coupons=q.coupon_uses(s, scope),
        card_keys=q.card_key_stock(s, scope),
        low_stock=q.low_stock(s, scope, limit=LOW_STOCK_LIMIT),
        low_stock_total=q.count_low_stock(s, scope),
        variances=q.shift_variances(s, scope),
    )


__all__ = [
    "LOW_STOCK_LIMIT",
    "MAX_DAYS",
    "TOP_PRODUCTS",
    "CardKeyRow",
    "CouponUseRow",
    "DayRow",
    "Figures",
    "LowStockRow",
    "MethodRow",
    "ProductRow",
    "Report",
    "ReportQuery",
    "StaffRow",
    "StoreChoice",
    "StoreRow",
    "VarianceRow",
    "report",
    "stores",
]
