"""Report aggregates for the back office's 数据统计 (SPEC §12).

Every figure here is a ``GROUP BY`` (or a plain ``SUM``/``COUNT``) run by the database over the
rows of the period: nothing loads a table whole, and every list is bounded by what it groups by
(days, stores, staff, payment methods, coupons, card-key products) or by an explicit limit (top
products, low stock). Nothing here checks permissions or validates input: the service
(``services.reports``) decides which stores a caller may read and hands these functions a clean
``Scope``.

Two kinds of period:

- Sales, refunds and shifts carry a ``business_date``: the store-local business day of their
  shift. A period is ``business_date BETWEEN date_from AND date_to``.
- Verifications and card keys carry an instant (``at``, ``sold_at``, UTC). A period is, for each
  store, ``[date_from 00:00, date_to + 1 day 00:00)`` in that store's time zone; keys sold to no
  store (e-commerce orders) are read in China time (``DEFAULT_TZ``).

Money is integer fen and quantities thousandths everywhere; PostgreSQL's ``SUM`` of a ``bigint``
is a ``numeric``, so every sum is turned back into an ``int`` here.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import (
    BigInteger,
    ColumnElement,
    and_,
    case,
    false,
    func,
    literal_column,
    or_,
    select,
    true,
    union_all,
)
from sqlalchemy.orm import Session

from shared.db.models import (
    CardKey,
    CardKeyPool,
    Payment,
    Product,
    Refund,
    RefundLine,
    RefundPayment,
    Sale,
    SaleLine,
    Shift,
    Sku,
    Staff,
    StockBalance,
    StockLimit,
    Store,
    Verification,
    Warehouse,
)

#: the zone of what belongs to no store, and of "today" when the stores do not share one zone
DEFAULT_TZ = "Asia/Shanghai"


@dataclass(frozen=True)
class Scope:
    """What a report reads: the stores (None: every store, and what belongs to no store) and the
    business days ``date_from`` to ``date_to``, both included."""

    store_ids: Collection[str] | None
    date_from: date
    date_to: date


# -- rows ----------------------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class Figures:
    """Sales and refunds of a period (or of one group of it).

    ``orders``: completed sales; ``sales_fen``: Σ ``sale.total_fen`` of those sales (what the
    customers paid, after every discount and coupon); ``refunds`` / ``refunds_fen``: refund
    documents and Σ ``refund.total_fen``. Both by business day, each document in the period of
    its own business day (a refund today of last week's sale counts today)."""

    orders: int = 0
    sales_fen: int = 0
    refunds: int = 0
    refunds_fen: int = 0

    @property
    def revenue_fen(self) -> int:
        """营业额: Σ sales − Σ refunds."""
        return self.sales_fen - self.refunds_fen

    @property
    def average_ticket_fen(self) -> int | None:
        """客单价: Σ sales ÷ orders, rounded half-up to the fen (None without orders)."""
        if not self.orders:
            return None
        return _div_half_up(self.sales_fen, self.orders)


@dataclass(frozen=True, kw_only=True)
class DayRow(Figures):
    day: date


@dataclass(frozen=True, kw_only=True)
class StoreRow(Figures):
    store_id: str
    store_code: str
    store_name: str


@dataclass(frozen=True, kw_only=True)
class StaffRow(Figures):
    """A cashier's or a guide's figures. A cashier: the sales they rang up and the refunds they
    processed. A guide (导购业绩): the sales credited to them (``sale.guide_id``) and the refunds
    of those sales."""

    staff_id: str
    account: str
    name: str


@dataclass(frozen=True)
class ProductRow:
    """A SKU's sales: what its lines sold (``sale_line.net_fen``, after line, order and coupon
    shares) less what was refunded of them (``refund_line``), each by its document's business
    day."""

    sku_id: str
    sku_code: str
    name: str
    unit: str
    sold_milli: int
    sales_fen: int
    refunded_milli: int
    refunds_fen: int

    @property
    def quantity_milli(self) -> int:
        return self.sold_milli - self.refunded_milli

    @property
    def amount_fen(self) -> int:
        return self.sales_fen - self.refunds_fen


@dataclass(frozen=True)
class MethodRow:
    """A payment method: captured payments of the period's sales less the refunds paid back in
    that method."""

    method: str
    payments: int
    paid_fen: int
    refunded_fen: int

    @property
    def net_fen(self) -> int:
        return self.paid_fen - self.refunded_fen


@dataclass(frozen=True)
class CouponUseRow:
    """Live redemptions (``verification.status = 'done'``; reversed and released ones are not
    counted) of one coupon (or pickup / channel code kind) at one store."""

    kind: str
    coupon_id: str | None
    coupon_name: str
    store_code: str
    store_name: str
    count: int
    #: what the coupons took off sales (0 for a redemption at the verifier station)
    amount_fen: int


@dataclass(frozen=True)
class CardKeyRow:
    """A card-key product's pool. ``available`` and ``reserved`` are the pool now (the pool is
    head office's, shared by every store); ``sold`` are the keys sold in the period (``sold_at``)
    to the stores read, still sold (a replaced key is void and not counted, its replacement is)."""

    sku_id: str
    sku_code: str
    name: str
    stock_setting: int | None
    available: int
    reserved: int
    sold: int

    @property
    def sellable(self) -> int:
        """What the counter may still sell: min(stock setting, available)."""
        if self.stock_setting is None:
            return self.available
        return max(0, min(self.stock_setting, self.available))

    @property
    def issue_rate_bp(self) -> int | None:
        """Sold in the period ÷ (sold + available now), in basis points, half-up."""
        whole = self.sold + self.available
        return _div_half_up(self.sold * 10_000, whole) if whole else None


@dataclass(frozen=True)
class LowStockRow:
    """A SKU at or below its lower limit or safety stock in a warehouse (what
    ``queries.inventory``'s ``low_only`` filter and ``services.inventory.low_stock`` call low)."""

    warehouse_code: str
    store_code: str | None
    sku_code: str
    name: str
    unit: str
    on_hand_milli: int
    locked_milli: int
    safety_milli: int
    lower_milli: int
    upper_milli: int | None

    @property
    def available_milli(self) -> int:
        return self.on_hand_milli - self.locked_milli

    @property
    def short_milli(self) -> int:
        """How far below the higher of the lower limit and the safety stock."""
        return max(self.lower_milli, self.safety_milli) - self.available_milli


@dataclass(frozen=True)
class VarianceRow:
    """The closed shifts of one cashier at one store: how many, and their cash variances
    (``shift.variance_fen``: counted − expected), short and over apart."""

    store_code: str
    store_name: str
    cashier_account: str
    cashier_name: str
    shifts: int
    short_shifts: int
    #: Σ of the negative variances (≤ 0)
    short_fen: int
    over_shifts: int
    #: Σ of the positive variances (≥ 0)
    over_fen: int

    @property
    def net_fen(self) -> int:
        return self.short_fen + self.over_fen


def _div_half_up(numerator: int, denominator: int) -> int:
    q, r = divmod(numerator, denominator)
    return q + 1 if 2 * r >= denominator else q


def _int(value) -> int:
    return int(value or 0)


# -- conditions ----------------------------------------------------------------------------------


def _stores(column, scope: Scope) -> ColumnElement:
    if scope.store_ids is None:
        return true()
    ids = list(scope.store_ids)
    return column.in_(ids) if ids else false()


def _days(column, scope: Scope) -> ColumnElement:
    return column.between(scope.date_from, scope.date_to)


def _bounds(scope: Scope, tz: str) -> tuple[datetime, datetime]:
    zone = ZoneInfo(tz)
    start = datetime.combine(scope.date_from, time(0), tzinfo=zone).astimezone(UTC)
    end = datetime.combine(scope.date_to + timedelta(days=1), time(0), tzinfo=zone)
    return start, end.astimezone(UTC)


def store_zones(session: Session, store_ids: Collection[str] | None) -> dict[str, list[str]]:
    """Time zone -> the stores in it, of ``store_ids`` (None: every store)."""
    stmt = select(Store.timezone, Store.id)
    if store_ids is not None:
        ids = list(store_ids)
        if not ids:
            return {}
        stmt = stmt.where(Store.id.in_(ids))
    out: dict[str, list[str]] = {}
    for tz, store_id in session.execute(stmt):
        out.setdefault(tz or DEFAULT_TZ, []).append(store_id)
    return out


def _instants(session: Session, at, store_column, scope: Scope) -> ColumnElement:
    """``at`` within the period's days, each store's in its own zone (see the module's doc)."""
    zones = store_zones(session, scope.store_ids)
    if scope.store_ids is None and len(zones) <= 1:
        # one zone (the usual chain): one range, and rows of no store are read in it too
        start, end = _bounds(scope, next(iter(zones), DEFAULT_TZ))
        return and_(at >= start, at < end)
    conds = []
    for tz, ids in zones.items():
        start, end = _bounds(scope, tz)
        conds.append(and_(store_column.in_(ids), at >= start, at < end))
    if scope.store_ids is None:
        start, end = _bounds(scope, DEFAULT_TZ)
        conds.append(and_(store_column.is_(None), at >= start, at < end))
    return or_(*conds) if conds else false()


def _sales_where(scope: Scope) -> list:
    return [
        Sale.status == "completed",
        _stores(Sale.store_id, scope),
        _days(Sale.business_date, scope),
    ]


def _refunds_where(scope: Scope) -> list:
    return [_stores(Refund.store_id, scope), _days(Refund.business_date, scope)]


# -- sales and refunds ---------------------------------------------------------------------------


def totals(session: Session, scope: Scope) -> Figures:
    """The period's sales and refunds (two aggregate statements)."""
    orders, sold = session.execute(
        select(func.count(), func.coalesce(func.sum(Sale.total_fen), 0)).where(*_sales_where(scope))
    ).one()
    refunds, refunded = session.execute(
        select(func.count(), func.coalesce(func.sum(Refund.total_fen), 0)).where(
            *_refunds_where(scope)
        )
    ).one()
    return Figures(
        orders=_int(orders), sales_fen=_int(sold), refunds=_int(refunds), refunds_fen=_int(refunded)
    )


def _grouped(
    session: Session, sales_key, refunds_key, scope: Scope, *, refunds_join_sale: bool = False
) -> dict:
    """key -> [orders, sales_fen, refunds, refunds_fen], grouped by ``sales_key`` over the sales
    and by ``refunds_key`` over the refunds (joined to their sale when the key is the sale's)."""
    out: dict = {}
    for key, n, total in session.execute(
        select(sales_key, func.count(), func.sum(Sale.total_fen))
        .where(*_sales_where(scope))
        .group_by(sales_key)
    ):
        out.setdefault(key, [0, 0, 0, 0])[:2] = [_int(n), _int(total)]
    stmt = select(refunds_key, func.count(), func.sum(Refund.total_fen)).where(
        *_refunds_where(scope)
    )
    if refunds_join_sale:
        stmt = stmt.join(Sale, and_(Sale.store_id == Refund.store_id, Sale.id == Refund.sale_id))
    for key, n, total in session.execute(stmt.group_by(refunds_key)):
        out.setdefault(key, [0, 0, 0, 0])[2:] = [_int(n), _int(total)]
    return out


def _figures(values: list[int]) -> dict[str, int]:
    orders, sold, refunds, refunded = values
    return {"orders": orders, "sales_fen": sold, "refunds": refunds, "refunds_fen": refunded}


def by_day(session: Session, scope: Scope) -> list[DayRow]:
    """The days of the period that have a sale or a refund, in order (the caller fills the
    others with zeros)."""
    grouped = _grouped(session, Sale.business_date, Refund.business_date, scope)
    return [DayRow(day=day, **_figures(v)) for day, v in sorted(grouped.items())]


def by_store(session: Session, scope: Scope) -> list[StoreRow]:
    """Every store read (those without a sale too), by code."""
    grouped = _grouped(session, Sale.store_id, Refund.store_id, scope)
    stmt = select(Store.id, Store.code, Store.name).where(_stores(Store.id, scope))
    return [
        StoreRow(store_id=i, store_code=code, store_name=name, **_figures(grouped.get(i, [0] * 4)))
        for i, code, name in session.execute(stmt.order_by(Store.code))
    ]


def _staff_rows(session: Session, grouped: dict) -> list[StaffRow]:
    ids = [k for k in grouped if k is not None]
    names = (
        {
            i: (account, name)
            for i, account, name in session.execute(
                select(Staff.id, Staff.account, Staff.name).where(Staff.id.in_(ids))
            )
        }
        if ids
        else {}
    )
    rows = [
        StaffRow(
            staff_id=i,
            account=names.get(i, ("", ""))[0],
            name=names.get(i, ("", ""))[1],
            **_figures(grouped[i]),
        )
        for i in ids
    ]
    return sorted(rows, key=lambda r: (-r.revenue_fen, r.account, r.staff_id))


def by_cashier(session: Session, scope: Scope) -> list[StaffRow]:
    """Per cashier: the sales they rang up, the refunds they processed; best revenue first."""
    return _staff_rows(session, _grouped(session, Sale.cashier_id, Refund.cashier_id, scope))


def by_guide(session: Session, scope: Scope) -> list[StaffRow]:
    """Per guide (导购业绩): the sales credited to them, less the refunds (in the period) of
    those sales; best revenue first. Sales without a guide are left out."""
    grouped = _grouped(session, Sale.guide_id, Sale.guide_id, scope, refunds_join_sale=True)
    grouped.pop(None, None)
    return _staff_rows(session, grouped)


def by_method(session: Session, scope: Scope) -> list[MethodRow]:
    """Per payment method: captured payments of the period's completed sales less what the
    period's refunds paid back in it; largest net first."""
    out: dict[str, list[int]] = {}
    for method, n, amount in session.execute(
        select(Payment.method, func.count(), func.sum(Payment.amount_fen))
        .join(Sale, and_(Sale.store_id == Payment.store_id, Sale.id == Payment.sale_id))
        .where(*_sales_where(scope), Payment.status == "captured")
        .group_by(Payment.method)
    ):
        out.setdefault(method, [0, 0, 0])[:2] = [_int(n), _int(amount)]
    for method, amount in session.execute(
        select(RefundPayment.method, func.sum(RefundPayment.amount_fen))
        .join(
            Refund,
            and_(Refund.store_id == RefundPayment.store_id, Refund.id == RefundPayment.refund_id),
        )
        .where(*_refunds_where(scope))
        .group_by(RefundPayment.method)
    ):
        out.setdefault(method, [0, 0, 0])[2] = _int(amount)
    rows = [MethodRow(m, n, paid, refunded) for m, (n, paid, refunded) in out.items()]
    return sorted(rows, key=lambda r: (-r.net_fen, r.method))


def top_products(session: Session, scope: Scope, *, limit: int = 10) -> list[ProductRow]:
    """The ``limit`` SKUs with the largest net sales amount (ties by SKU code)."""
    zero = literal_column("0", BigInteger)
    sold = (
        select(
            SaleLine.sku_id.label("sku_id"),
            SaleLine.sku_code.label("sku_code"),
            SaleLine.name.label("name"),
            SaleLine.unit.label("unit"),
            SaleLine.quantity_milli.label("sold_milli"),
            SaleLine.net_fen.label("sales_fen"),
            zero.label("refunded_milli"),
            zero.label("refunds_fen"),
        )
        .join(Sale, and_(Sale.store_id == SaleLine.store_id, Sale.id == SaleLine.sale_id))
        .where(*_sales_where(scope))
    )
    refunded = (
        select(
            SaleLine.sku_id,
            SaleLine.sku_code,
            SaleLine.name,
            SaleLine.unit,
            zero,
            zero,
            RefundLine.quantity_milli,
            RefundLine.amount_fen,
        )
        .select_from(RefundLine)
        .join(
            Refund, and_(Refund.store_id == RefundLine.store_id, Refund.id == RefundLine.refund_id)
        )
        .join(
            SaleLine,
            and_(SaleLine.store_id == RefundLine.store_id, SaleLine.id == RefundLine.sale_line_id),
        )
        .where(*_refunds_where(scope))
    )
    lines = union_all(sold, refunded).subquery()
    net = func.sum(lines.c.sales_fen) - func.sum(lines.c.refunds_fen)
    code = func.max(lines.c.sku_code)
    stmt = (
        select(
            lines.c.sku_id,
            code,
            func.max(lines.c.name),
            func.max(lines.c.unit),
            func.sum(lines.c.sold_milli),
            func.sum(lines.c.sales_fen),
            func.sum(lines.c.refunded_milli),
            func.sum(lines.c.refunds_fen),
        )
        .group_by(lines.c.sku_id)
        .order_by(net.desc(), code)
        .limit(limit)
    )
    return [
        ProductRow(str(i), c or "", n or "", u or "", _int(q), _int(s), _int(rq), _int(rs))
        for i, c, n, u, q, s, rq, rs in session.execute(stmt)
    ]


# -- coupons, card keys --------------------------------------------------------------------------


def coupon_uses(session: Session, scope: Scope) -> list[CouponUseRow]:
    """Live redemptions per coupon and store in the period (``verification.at`` in each store's
    zone); most used first."""
    v = Verification
    count = func.count()
    stmt = (
        select(
            v.kind,
            v.coupon_id,
            func.max(v.coupon_name),
            func.max(v.store_code),
            func.max(v.store_name),
            count,
            func.sum(v.amount_fen),
        )
        .where(
            v.status == "done",
            _stores(v.store_id, scope),
            _instants(session, v.at, v.store_id, scope),
        )
        .group_by(v.kind, v.coupon_id, v.store_id)
    )
    rows = [
        CouponUseRow(kind, cid, name or "", code or "", sname or "", _int(n), _int(amount))
        for kind, cid, name, code, sname, n, amount in session.execute(stmt)
    ]
    return sorted(rows, key=lambda r: (-r.count, r.coupon_name, r.store_code, r.kind))


def card_key_stock(session: Session, scope: Scope) -> list[CardKeyRow]:
    """Every card-key product (kind ``card_key``) with its pool now and the keys sold in the
    period to the stores read (see ``CardKeyRow``), by SKU code."""
    states: dict[str, dict[str, int]] = {}
    for sku_id, state, n in session.execute(
        select(CardKey.sku_id, CardKey.state, func.count())
        .where(CardKey.state.in_(("available", "reserved")))
        .group_by(CardKey.sku_id, CardKey.state)
    ):
        states.setdefault(sku_id, {})[state] = _int(n)
    sold = {
        sku_id: _int(n)
        for sku_id, n in session.execute(
            select(CardKey.sku_id, func.count())
            .where(
                CardKey.state == "sold",
                _stores(CardKey.store_id, scope),
                _instants(session, CardKey.sold_at, CardKey.store_id, scope),
            )
            .group_by(CardKey.sku_id)
        )
    }
    rows = []
    for sku_id, code, name, spec1, spec2, setting in session.execute(
        select(Sku.id, Sku.code, Product.name, Sku.spec1, Sku.spec2, CardKeyPool.stock_setting)
        .join(Product, Product.id == Sku.product_id)
        .outerjoin(CardKeyPool, CardKeyPool.sku_id == Sku.id)
        .where(Product.kind == "card_key")
        .order_by(Sku.code)
    ):
        counts = states.get(sku_id, {})
        rows.append(
            CardKeyRow(
                sku_id=sku_id,
                sku_code=code,
                name=" ".join(x for x in (name, spec1, spec2) if x),
                stock_setting=setting,
                available=counts.get("available", 0),
                reserved=counts.get("reserved", 0),
                sold=sold.get(sku_id, 0),
            )
        )
    return rows


# -- stock, shifts -------------------------------------------------------------------------------


def _low_stock_from(scope: Scope):
    on_hand = func.coalesce(StockBalance.on_hand_milli, 0)
    locked = func.coalesce(StockBalance.locked_milli, 0)
    available = on_hand - locked
    where = [
        _stores(Warehouse.store_id, scope),
        or_(available <= StockLimit.lower_milli, available <= StockLimit.safety_milli),
    ]

    def build(*columns):
        return (
            select(*columns)
            .select_from(StockLimit)
            .join(Warehouse, Warehouse.id == StockLimit.warehouse_id)
            .outerjoin(
                StockBalance,
                and_(
                    StockBalance.warehouse_id == StockLimit.warehouse_id,
                    StockBalance.sku_id == StockLimit.sku_id,
                ),
            )
            .where(*where)
        )

    return build, on_hand, locked, available


def count_low_stock(session: Session, scope: Scope) -> int:
    """How many (warehouse, SKU) are low in the warehouses of the stores read (None: every
    warehouse, head office's too). Stock is now: the period does not apply."""
    build, *_ = _low_stock_from(scope)
    return _int(session.scalar(build(func.count())))


def low_stock(session: Session, scope: Scope, *, limit: int) -> list[LowStockRow]:
    """The ``limit`` lowest: furthest below their lower limit first."""
    build, on_hand, locked, available = _low_stock_from(scope)
    stmt = (
        build(
            Warehouse.code,
            Store.code,
            Sku.code,
            Product.name,
            Sku.spec1,
            Sku.spec2,
            Product.unit,
            on_hand,
            locked,
            StockLimit.safety_milli,
            StockLimit.lower_milli,
            StockLimit.upper_milli,
        )
        .outerjoin(Store, Store.id == Warehouse.store_id)
        .join(Sku, Sku.id == StockLimit.sku_id)
        .join(Product, Product.id == Sku.product_id)
        .order_by((available - StockLimit.lower_milli).asc(), Warehouse.code, Sku.code)
        .limit(limit)
    )
    return [
        LowStockRow(
            warehouse_code=wh,
            store_code=store,
            sku_code=code,
            name=" ".join(x for x in (name, spec1, spec2) if x),
            unit=unit or "",
            on_hand_milli=_int(oh),
            locked_milli=_int(lk),
            safety_milli=_int(safety),
            lower_milli=_int(lower),
            upper_milli=upper,
        )
        for wh, store, code, name, spec1, spec2, unit, oh, lk, safety, lower, upper in (
            session.execute(stmt)
        )
    ]


def shift_variances(session: Session, scope: Scope) -> list[VarianceRow]:
    """The period's closed shifts per store and cashier with their variances; the shortest
    (most negative net) first."""
    variance = func.coalesce(Shift.variance_fen, 0)
    short = variance < 0
    over = variance > 0
    stmt = (
        select(
            Store.code,
            Store.name,
            func.max(Staff.account),
            func.max(Staff.name),
            func.count(),
            func.sum(case((short, 1), else_=0)),
            func.sum(case((short, variance), else_=0)),
            func.sum(case((over, 1), else_=0)),
            func.sum(case((over, variance), else_=0)),
        )
        .join(Store, Store.id == Shift.store_id)
        .outerjoin(Staff, Staff.id == Shift.cashier_id)
        .where(
            Shift.status == "closed",
            _stores(Shift.store_id, scope),
            _days(Shift.business_date, scope),
        )
        .group_by(Shift.store_id, Store.code, Store.name, Shift.cashier_id)
    )
    rows = [
        VarianceRow(
            code,
            name,
            account or "",
            cashier or "",
            _int(n),
            _int(sn),
            _int(sf),
            _int(on),
            _int(of),
        )
        for code, name, account, cashier, n, sn, sf, on, of in session.execute(stmt)
    ]
    return sorted(rows, key=lambda r: (r.net_fen, r.store_code, r.cashier_account))
