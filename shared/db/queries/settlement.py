"""Store settlement reads and the one write that freezes a statement (SPEC §11).

Which records a statement counts is one definition, a *record set* per kind (sale, refund,
channel order) of ``(doc_id, adjustment)``:

- a draft's set is every record of the store that no confirmed statement counted yet, whose
  business day is in the period — or before it, in a period already confirmed (it arrived late:
  an adjustment);
- a confirmed statement's set is its ``settlement_item`` rows.

``freeze`` writes a draft's set into ``settlement_item`` with one ``INSERT … SELECT``; the figures
are then summed FROM those items, so the frozen figures and the drill-down can never disagree,
even with sales landing meanwhile. Every figure is a SQL aggregate; lists are read a page at a
time. Nothing here checks permissions: ``services.settlement`` does.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from sqlalchemy import Select, and_, case, exists, false, func, literal, or_, select, true
from sqlalchemy.orm import Session

from shared.db.bulk import BulkInsert
from shared.db.models import (
    ChannelOrder,
    ChannelShop,
    Payment,
    Refund,
    RefundPayment,
    Sale,
    SaleDiscount,
    SaleLine,
    SettlementItem,
    SettlementStatement,
    Staff,
)
from shared.domain.settlement import Period, Totals

_sale = Sale.__table__
_refund = Refund.__table__
_order = ChannelOrder.__table__
_item = SettlementItem.__table__
_st = SettlementStatement.__table__

DOC_TYPES = ("sale", "refund", "channel")
#: settlement_item rows written per statement when a statement is confirmed
FREEZE_BATCH = 5_000


def _utc_bounds(period: Period, tz: str) -> tuple[datetime, datetime]:
    zone = ZoneInfo(tz)
    start = datetime.combine(period.start, time.min, zone).astimezone(ZoneInfo("UTC"))
    end = datetime.combine(period.end, time.min, zone).astimezone(ZoneInfo("UTC"))
    return start, end


def _unsettled(doc_type: str, doc_id) -> object:
    return ~exists().where(_item.c.doc_type == doc_type, _item.c.doc_id == doc_id)


def _in_confirmed_period(store_id: str, day) -> object:
    return exists().where(
        _st.c.store_id == store_id,
        _st.c.state != "draft",
        _st.c.period_start <= day,
        _st.c.period_end > day,
    )


@dataclass(frozen=True)
class RecordSet:
    """The records one statement counts: a draft's candidates or a confirmed statement's items."""

    store_id: str
    period: Period
    timezone: str
    #: a confirmed statement's id (its items), or None for a draft
    statement_id: str | None = None

    def select(self, doc_type: str) -> Select:
        """``(doc_id, adjustment)`` of the records of ``doc_type`` in the set."""
        if self.statement_id is not None:
            return select(_item.c.doc_id, _item.c.adjustment).where(
                _item.c.statement_id == self.statement_id, _item.c.doc_type == doc_type
            )
        start, end = self.period.start, self.period.end
        if doc_type == "sale":
            table = _sale
        elif doc_type == "refund":
            table = _refund
        else:
            lo, hi = _utc_bounds(self.period, self.timezone)
            return select(_order.c.id.label("doc_id"), false().label("adjustment")).where(
                _order.c.verified_store_id == self.store_id,
                _order.c.verify_state == "verified",
                _order.c.verified_at >= lo,
                _order.c.verified_at < hi,
                _unsettled("channel", _order.c.id),
            )
        day = table.c.business_date
        late = day < start
        where = [
            table.c.store_id == self.store_id,
            day < end,
            _unsettled(doc_type, table.c.id),
            or_(day >= start, _in_confirmed_period(self.store_id, day)),
        ]
        if doc_type == "sale":
            where.append(table.c.status == "completed")
        return select(table.c.id.label("doc_id"), late.label("adjustment")).where(*where)


def _count_if(flag) -> object:
    return func.coalesce(func.sum(case((flag, 1), else_=0)), 0)


def _sum_if(flag, value) -> object:
    return func.coalesce(func.sum(case((flag, value), else_=0)), 0)


def totals(session: Session, records: RecordSet) -> Totals:
    """Everything the statement's figures are made of, summed by SQL over ``records``."""
    store_id = records.store_id
    sales = records.select("sale").subquery("s_set")
    refunds = records.select("refund").subquery("r_set")
    orders = records.select("channel").subquery("c_set")
    on_sale = and_(_sale.c.store_id == store_id, _sale.c.id == sales.c.doc_id)

    sales_count, gross, all_discounts, late_sales, late_sales_fen = session.execute(
        select(
            func.count(),
            func.coalesce(func.sum(_sale.c.subtotal_fen), 0),
            func.coalesce(func.sum(_sale.c.discount_fen), 0),
            _count_if(sales.c.adjustment),
            _sum_if(sales.c.adjustment, _sale.c.total_fen),
        )
        .select_from(sales)
        .join(_sale, on_sale)
    ).one()

    _p = Payment.__table__
    by_method = dict(
        session.execute(
            select(_p.c.method, func.sum(_p.c.amount_fen))
            .select_from(sales)
            .join(_p, and_(_p.c.store_id == store_id, _p.c.sale_id == sales.c.doc_id))
            .where(_p.c.status == "captured")
            .group_by(_p.c.method)
        ).all()
    )

    _d = SaleDiscount.__table__
    coupons = dict(
        session.execute(
            select(_d.c.funded_by, func.sum(_d.c.amount_fen))
            .select_from(sales)
            .join(_d, and_(_d.c.store_id == store_id, _d.c.sale_id == sales.c.doc_id))
            .where(_d.c.scope == "coupon")
            .group_by(_d.c.funded_by)
        ).all()
    )

    _l = SaleLine.__table__
    key_units, key_fen = session.execute(
        select(
            func.coalesce(func.sum(_l.c.quantity_milli), 0),
            func.coalesce(func.sum(_l.c.net_fen), 0),
        )
        .select_from(sales)
        .join(_l, and_(_l.c.store_id == store_id, _l.c.sale_id == sales.c.doc_id))
        .where(_l.c.kind == "card_key")
    ).one()

    refunds_count, refunds_fen, late_refunds, late_refunds_fen = session.execute(
        select(
            func.count(),
            func.coalesce(func.sum(_refund.c.total_fen), 0),
            _count_if(refunds.c.adjustment),
            _sum_if(refunds.c.adjustment, _refund.c.total_fen),
        )
        .select_from(refunds)
        .join(_refund, and_(_refund.c.store_id == store_id, _refund.c.id == refunds.c.doc_id))
    ).one()

    _rp = RefundPayment.__table__
    refunds_by_method = dict(
        session.execute(
            select(_rp.c.method, func.sum(_rp.c.amount_fen))
            .select_from(refunds)
            .join(_rp, and_(_rp.c.store_id == store_id, _rp.c.refund_id == refunds.c.doc_id))
            .group_by(_rp.c.method)
        ).all()
    )

    orders_count, orders_fen = session.execute(
        select(func.count(), func.coalesce(func.sum(_order.c.amount_fen), 0))
        .select_from(orders)
        .join(_order, _order.c.id == orders.c.doc_id)
    ).one()

    return Totals(
        sales_count=int(sales_count),
        gross_fen=int(gross),
        all_discounts_fen=int(all_discounts),
        coupons_platform_fen=int(coupons.get("platform") or 0),
        coupons_store_fen=int(coupons.get("store") or 0),
        refunds_count=int(refunds_count),
        refunds_fen=int(refunds_fen),
        by_method={m: int(v) for m, v in by_method.items()},
        refunds_by_method={m: int(v) for m, v in refunds_by_method.items()},
        card_keys_count=int(key_units) // 1000,
        card_keys_fen=int(key_fen),
        channel_orders_count=int(orders_count),
        channel_orders_fen=int(orders_fen),
        adjustments_count=int(late_sales) + int(late_refunds),
        adjustments_fen=int(late_sales_fen) - int(late_refunds_fen),
    )


def freeze(session: Session, records: RecordSet, statement_id: str) -> RecordSet:
    """Write a draft's records into ``settlement_item`` for ``statement_id`` and return the
    statement's own set. A record another statement took meanwhile makes the insert fail on the
    primary key (the caller rolls back).

    The record set is read first and then written by ``db.bulk.BulkInsert`` (``COPY`` on
    PostgreSQL), not by one ``INSERT … SELECT``: on PostgreSQL that statement's anti-join on ``settlement_item`` is planned
    for the empty table it starts from and rescans the rows it has just added, which made the
    confirmation of a 100,000-sale month take minutes instead of seconds.
    """
    for doc_type in DOC_TYPES:
        chosen = session.execute(records.select(doc_type)).all()
        with BulkInsert(
            session,
            _item,
            varying=("doc_id", "adjustment"),
            constant={
                "doc_type": doc_type,
                "statement_id": statement_id,
                "store_id": records.store_id,
            },
        ) as bulk:
            for start in range(0, len(chosen), FREEZE_BATCH):
                bulk.write(
                    [
                        (str(doc_id), bool(adjustment))
                        for doc_id, adjustment in chosen[start : start + FREEZE_BATCH]
                    ]
                )
    return RecordSet(records.store_id, records.period, records.timezone, statement_id)


# -- drill-down ------------------------------------------------------------------------------------

#: what a figure drills down to
DRILL_KINDS = ("sales", "refunds", "payments", "coupons", "card_keys", "channel", "adjustments")


@dataclass(frozen=True)
class RecordRow:
    """One record behind a figure. ``amount_fen`` is the figure's share of it."""

    kind: str
    doc_id: str
    number: str
    business_date: date | None
    at: datetime | None
    who: str
    detail: str
    amount_fen: int
    adjustment: bool


def _records_stmt(records: RecordSet, kind: str, method: str | None) -> tuple[Select, tuple]:
    """The records behind the figure ``kind`` and their order (newest first)."""
    store_id = records.store_id
    staff = Staff.__table__
    if kind in ("sales", "payments", "coupons", "card_keys", "adjustments"):
        sales = records.select("sale").subquery("s_set")
        base = (
            select()
            .select_from(sales)
            .join(_sale, and_(_sale.c.store_id == store_id, _sale.c.id == sales.c.doc_id))
            .outerjoin(staff, staff.c.id == _sale.c.cashier_id)
        )
        who = func.coalesce(staff.c.name, "")
        if kind in ("sales", "adjustments"):
            stmt = base.add_columns(
                literal("sale").label("kind"),
                _sale.c.id,
                _sale.c.receipt_no,
                _sale.c.business_date,
                _sale.c.completed_at,
                who,
                literal(""),
                _sale.c.total_fen,
                sales.c.adjustment,
            )
            if kind == "adjustments":
                stmt = stmt.where(sales.c.adjustment == true())
            order = (_sale.c.completed_at.desc(), _sale.c.id.desc())
        elif kind == "payments":
            _p = Payment.__table__
            stmt = (
                base.join(_p, and_(_p.c.store_id == store_id, _p.c.sale_id == _sale.c.id))
                .where(_p.c.status == "captured")
                .add_columns(
                    literal("payment").label("kind"),
                    _p.c.id,
                    _sale.c.receipt_no,
                    _sale.c.business_date,
                    _p.c.created_at,
                    who,
                    _p.c.method,
                    _p.c.amount_fen,
                    sales.c.adjustment,
                )
            )
            if method:
                stmt = stmt.where(_p.c.method == method)
            order = (_p.c.created_at.desc(), _p.c.id.desc())
        elif kind == "coupons":
            _d = SaleDiscount.__table__
            stmt = (
                base.join(_d, and_(_d.c.store_id == store_id, _d.c.sale_id == _sale.c.id))
                .where(_d.c.scope == "coupon")
                .add_columns(
                    literal("coupon").label("kind"),
                    _d.c.id,
                    _sale.c.receipt_no,
                    _sale.c.business_date,
                    _sale.c.completed_at,
                    who,
                    func.coalesce(_d.c.funded_by, "")
                    + literal(" ")
                    + func.coalesce(_d.c.coupon_code, ""),
                    _d.c.amount_fen,
                    sales.c.adjustment,
                )
            )
            if method:
                stmt = stmt.where(_d.c.funded_by == method)
            order = (_sale.c.completed_at.desc(), _d.c.id.desc())
        else:
            _l = SaleLine.__table__
            stmt = (
                base.join(_l, and_(_l.c.store_id == store_id, _l.c.sale_id == _sale.c.id))
                .where(_l.c.kind == "card_key")
                .add_columns(
                    literal("card_key").label("kind"),
                    _l.c.id,
                    _sale.c.receipt_no,
                    _sale.c.business_date,
                    _sale.c.completed_at,
                    who,
                    _l.c.name,
                    _l.c.net_fen,
                    sales.c.adjustment,
                )
            )
            order = (_sale.c.completed_at.desc(), _l.c.id.desc())
    elif kind == "refunds":
        refunds = records.select("refund").subquery("r_set")
        stmt = (
            select(
                literal("refund").label("kind"),
                _refund.c.id,
                _refund.c.refund_no,
                _refund.c.business_date,
                _refund.c.created_at,
                func.coalesce(staff.c.name, ""),
                _refund.c.reason,
                _refund.c.total_fen,
                refunds.c.adjustment,
            )
            .select_from(refunds)
            .join(_refund, and_(_refund.c.store_id == store_id, _refund.c.id == refunds.c.doc_id))
            .outerjoin(staff, staff.c.id == _refund.c.cashier_id)
        )
        if method:
            _rp = RefundPayment.__table__
            stmt = stmt.where(
                exists().where(
                    _rp.c.store_id == store_id,
                    _rp.c.refund_id == _refund.c.id,
                    _rp.c.method == method,
                )
            )
        order = (_refund.c.created_at.desc(), _refund.c.id.desc())
    elif kind == "channel":
        orders = records.select("channel").subquery("c_set")
        shop = ChannelShop.__table__
        stmt = (
            select(
                literal("channel").label("kind"),
                _order.c.id,
                _order.c.order_no,
                literal(None).label("business_date"),
                _order.c.verified_at,
                func.coalesce(shop.c.name, ""),
                _order.c.channel_user_id,
                _order.c.amount_fen,
                orders.c.adjustment,
            )
            .select_from(orders)
            .join(_order, _order.c.id == orders.c.doc_id)
            .outerjoin(shop, shop.c.id == _order.c.shop_id)
        )
        order = (_order.c.verified_at.desc(), _order.c.id.desc())
    else:
        raise ValueError(f"unknown figure {kind!r}")
    return stmt, order


def _row(r) -> RecordRow:
    return RecordRow(
        kind=r[0],
        doc_id=str(r[1]),
        number=r[2] or "",
        business_date=r[3],
        at=r[4],
        who=r[5] or "",
        detail=r[6] or "",
        amount_fen=int(r[7] or 0),
        adjustment=bool(r[8]),
    )


def records_page(
    session: Session,
    records: RecordSet,
    kind: str,
    *,
    method: str | None = None,
    offset: int = 0,
    limit: int = 100,
    count: bool = True,
) -> tuple[list[RecordRow], int | None]:
    """A page of the records behind the figure ``kind`` (for ``payments``, of one ``method``
    when given), newest first, and how many there are (None when ``count`` is false: a list
    counts once, with its first page)."""
    stmt, order = _records_stmt(records, kind, method)
    total = None
    if count:
        total = int(
            session.scalar(select(func.count()).select_from(stmt.order_by(None).subquery())) or 0
        )
    rows = session.execute(stmt.order_by(*order).offset(offset).limit(limit)).all()
    return [_row(r) for r in rows], total


def iter_records(
    session: Session, records: RecordSet, kind: str, *, method: str | None = None
) -> Iterator[RecordRow]:
    """Every record behind the figure ``kind``, newest first, streamed in one query (an export
    of a 100,000-sale month reads it once instead of paging through it)."""
    stmt, order = _records_stmt(records, kind, method)
    result = session.execute(
        stmt.order_by(*order).execution_options(yield_per=2_000, stream_results=True)
    )
    for r in result:
        yield _row(r)


# -- statements ------------------------------------------------------------------------------------


def overlapping(session: Session, store_id: str, period: Period) -> list[SettlementStatement]:
    """The store's statements whose period overlaps ``period`` without being exactly it."""
    return list(
        session.scalars(
            select(SettlementStatement).where(
                SettlementStatement.store_id == store_id,
                SettlementStatement.period_start < period.end,
                SettlementStatement.period_end > period.start,
                or_(
                    SettlementStatement.period_start != period.start,
                    SettlementStatement.period_end != period.end,
                ),
            )
        ).all()
    )


@dataclass(frozen=True)
class DayRow:
    day: date
    sales_count: int
    sales_fen: int
    refunds_fen: int


def daily(session: Session, records: RecordSet) -> list[DayRow]:
    """The statement's sales and refunds per business day (late records on their own day)."""
    store_id = records.store_id
    sales = records.select("sale").subquery("s_set")
    refunds = records.select("refund").subquery("r_set")
    out: dict[date, list[int]] = {}
    for day, n, fen in session.execute(
        select(_sale.c.business_date, func.count(), func.sum(_sale.c.total_fen))
        .select_from(sales)
        .join(_sale, and_(_sale.c.store_id == store_id, _sale.c.id == sales.c.doc_id))
        .group_by(_sale.c.business_date)
    ).all():
        out.setdefault(day, [0, 0, 0])[:2] = [int(n), int(fen or 0)]
    for day, fen in session.execute(
        select(_refund.c.business_date, func.sum(_refund.c.total_fen))
        .select_from(refunds)
        .join(_refund, and_(_refund.c.store_id == store_id, _refund.c.id == refunds.c.doc_id))
        .group_by(_refund.c.business_date)
    ).all():
        out.setdefault(day, [0, 0, 0])[2] = int(fen or 0)
    return [DayRow(day, *values) for day, values in sorted(out.items())]
