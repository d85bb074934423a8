"""Store settlement (门店结算, SPEC §11): build a store's statement for a period, confirm it (its
figures frozen), record that it was settled; drill every figure down to its records.

- ``build`` makes (or refreshes) the draft of a store's period: the period is named the store's
  way (``YYYY-MM`` for a store settled by month, ``YYYY-MM-DD`` by day or by the week holding
  that day). A confirmed or settled statement is returned as it was frozen.
- ``confirm`` freezes a draft once the period is over: the records it counts are written to
  ``settlement_item`` and the figures summed from them, in one transaction, under a lock on the
  store (PostgreSQL) or SQLite's single writer. A record landing later falls into the store's
  next statement as an adjustment.
- ``settle`` records the payment (reference and date) of a confirmed statement, once.

Every action needs ``settle`` at the statement's store (managers: their stores; admins: all);
confirm and settle are audited.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError

from shared.db.models import AuditEntry, SettlementStatement, Staff, Store
from shared.db.queries import settlement as q
from shared.db.queries.settlement import RecordRow, RecordSet
from shared.db.uow import UnitOfWork
from shared.domain.clock import business_date
from shared.domain.errors import Conflict, NotFound, PermissionDenied, ValidationError
from shared.domain.ids import new_id
from shared.domain.permissions import Perm, Role
from shared.domain.settlement import (
    Figures,
    Period,
    check_not_future,
    check_payment_ref,
    figures,
    parse_period,
    statement_no,
)
from shared.services.auth import Actor, require

PAGE_LIMIT = 500


@dataclass(frozen=True)
class StatementView:
    statement_id: str
    statement_no: str
    store_id: str
    store_code: str
    store_name: str
    timezone: str
    period: Period
    state: str
    figures: Figures
    built_at: datetime
    confirmed_at: datetime | None
    confirmed_by: str
    payment_ref: str | None
    settled_on: date | None
    settled_by: str

    def to_json(self) -> dict:
        """The fields of ``storedesk settle --json`` (SPEC §16), then the rest of the figures."""
        f = self.figures
        return {
            "statement_no": self.statement_no,
            "store": self.store_code,
            "period": self.period.label,
            "state": self.state,
            "sales_count": f.sales_count,
            "gross_fen": f.gross_fen,
            "discounts_fen": f.discounts_fen,
            "refunds_fen": f.refunds_fen,
            "net_sales_fen": f.net_sales_fen,
            "by_method": dict(f.by_method),
            "coupons_platform_fen": f.coupons_platform_fen,
            "coupons_store_fen": f.coupons_store_fen,
            "card_keys_fen": f.card_keys_fen,
            "fee_fen": f.fee_fen,
            "payable_fen": f.payable_fen,
            "period_start": self.period.start.isoformat(),
            "period_end": self.period.end.isoformat(),
            "refunds_count": f.refunds_count,
            "refunds_by_method": dict(f.refunds_by_method),
            "card_keys_count": f.card_keys_count,
            "channel_orders_count": f.channel_orders_count,
            "channel_orders_fen": f.channel_orders_fen,
            "income_fen": f.income_fen,
            "fee_rate_bp": f.fee_rate_bp,
            "cash_fen": f.cash_fen,
            "adjustments_count": f.adjustments_count,
            "adjustments_fen": f.adjustments_fen,
            "payment_ref": self.payment_ref,
            "settled_on": self.settled_on.isoformat() if self.settled_on else None,
        }


@dataclass(frozen=True)
class StoreChoice:
    store_id: str
    code: str
    name: str
    settlement_period: str


def _scope(actor: Actor) -> frozenset[str] | None:
    return None if Role.ADMIN in actor.roles else actor.store_ids


def _check_store(actor: Actor, store: Store) -> None:
    require(actor, Perm.SETTLE)
    scope = _scope(actor)
    if scope is not None and store.id not in scope:
        raise PermissionDenied(
            f"{actor.name} ({actor.account}) may not settle store {store.code}",
            code="store_not_allowed",
            store=store.code,
        )


def store_for(uow: UnitOfWork, actor: Actor, code: str) -> Store:
    """The store with ``code`` if ``actor`` may settle it."""
    store = uow.session.scalars(select(Store).where(Store.code == (code or "").strip())).first()
    if store is None:
        raise NotFound(f"no store with code {code!r}", code="unknown_store", store=code)
    _check_store(actor, store)
    return store


def _names(uow: UnitOfWork, ids: set[str | None]) -> dict[str, str]:
    wanted = {i for i in ids if i}
    if not wanted:
        return {}
    return dict(uow.session.execute(select(Staff.id, Staff.name).where(Staff.id.in_(wanted))).all())


def _view(uow: UnitOfWork, st: SettlementStatement, store: Store) -> StatementView:
    names = _names(uow, {st.confirmed_by, st.settled_by})
    return StatementView(
        statement_id=st.id,
        statement_no=st.statement_no,
        store_id=store.id,
        store_code=store.code,
        store_name=store.name,
        timezone=store.timezone,
        period=Period(st.period_kind, st.period_start, st.period_end),
        state=st.state,
        figures=Figures.from_json(st.figures),
        built_at=st.built_at,
        confirmed_at=st.confirmed_at,
        confirmed_by=names.get(st.confirmed_by or "", ""),
        payment_ref=st.payment_ref,
        settled_on=st.settled_on,
        settled_by=names.get(st.settled_by or "", ""),
    )


def record_set(st: SettlementStatement, store: Store) -> RecordSet:
    """The records ``st`` counts: its items once confirmed, else the draft's candidates."""
    period = Period(st.period_kind, st.period_start, st.period_end)
    return RecordSet(store.id, period, store.timezone, None if st.state == "draft" else st.id)


def _today(uow: UnitOfWork, store: Store) -> date:
    return business_date(uow.clock.now(), store.timezone)


def stores(uow: UnitOfWork, actor: Actor) -> list[StoreChoice]:
    """The stores ``actor`` may settle."""
    require(actor, Perm.SETTLE)
    stmt = select(Store.id, Store.code, Store.name, Store.settlement_period).order_by(Store.code)
    scope = _scope(actor)
    if scope is not None:
        stmt = stmt.where(Store.id.in_(scope))
    return [StoreChoice(*r) for r in uow.session.execute(stmt).all()]


def build(uow: UnitOfWork, actor: Actor, store_code: str, period_text: str) -> StatementView:
    """The statement of ``store_code`` for the period ``period_text``: a draft made or refreshed
    from the records as they are now, or the frozen statement once confirmed."""
    store = store_for(uow, actor, store_code)
    period = parse_period(period_text, store.settlement_period)
    s = uow.session
    st = s.scalars(
        select(SettlementStatement).where(
            SettlementStatement.store_id == store.id,
            SettlementStatement.period_start == period.start,
            SettlementStatement.period_end == period.end,
        )
    ).first()
    if st is not None and st.state != "draft":
        return _view(uow, st, store)
    check_not_future(period, _today(uow, store))
    for other in q.overlapping(s, store.id, period):
        if other.state != "draft":
            raise Conflict(
                "this period overlaps a confirmed statement of the store",
                code="period_overlaps",
                statement=other.statement_no,
            )
        # a draft of another shape (the store's period setting changed): it froze nothing
        s.delete(other)
    s.flush()
    now = uow.clock.now()
    records = RecordSet(store.id, period, store.timezone)
    fig = figures(q.totals(s, records), store.fee_rate_bp)
    if st is None:
        st = SettlementStatement(
            id=str(new_id()),
            statement_no=statement_no(store.code, period),
            store_id=store.id,
            period_kind=period.kind,
            period_start=period.start,
            period_end=period.end,
            state="draft",
            figures=fig.to_json(),
            built_at=now,
            built_by=actor.staff_id,
            note="",
        )
        s.add(st)
    else:
        st.period_end = period.end
        st.figures = fig.to_json()
        st.built_at = now
        st.built_by = actor.staff_id
    try:
        uow.commit()
    except IntegrityError:  # the same draft made meanwhile by someone else
        uow.rollback()
        return build(uow, actor, store_code, period_text)
    return _view(uow, st, store)


def statement_and_store(
    uow: UnitOfWork, actor: Actor, statement_id: str
) -> tuple[SettlementStatement, Store]:
    """The statement and its store, if ``actor`` may settle that store."""
    st = uow.session.get(SettlementStatement, statement_id)
    if st is None:
        raise NotFound("no such statement", code="unknown_statement", statement=statement_id)
    store = uow.session.get(Store, st.store_id)
    assert store is not None
    _check_store(actor, store)
    return st, store


def get(uow: UnitOfWork, actor: Actor, statement_id: str) -> StatementView:
    st, store = statement_and_store(uow, actor, statement_id)
    return _view(uow, st, store)


def confirm(uow: UnitOfWork, actor: Actor, statement_id: str) -> StatementView:
    """Freeze a draft whose period is over: its records and figures never change again."""
    s = uow.session
    st, store = statement_and_store(uow, actor, statement_id)
    if st.state != "draft":
        raise Conflict(
            "this statement is already confirmed",
            code="already_confirmed",
            statement=st.statement_no,
            state=st.state,
        )
    if _today(uow, store) < st.period_end:
        raise ValidationError(
            "the period is not over yet",
            code="period_not_over",
            statement=st.statement_no,
            ends=st.period_end.isoformat(),
        )
    # one confirmation per store at a time: two statements never take the same late record
    s.execute(select(Store.id).where(Store.id == store.id).with_for_update())
    now = uow.clock.now()
    won = s.execute(
        update(SettlementStatement)
        .where(SettlementStatement.id == st.id, SettlementStatement.state == "draft")
        .values(state="confirmed", confirmed_at=now, confirmed_by=actor.staff_id)
        .execution_options(synchronize_session=False)
    ).rowcount
    if won != 1:
        uow.rollback()
        raise Conflict(
            "this statement was confirmed meanwhile",
            code="already_confirmed",
            statement=st.statement_no,
        )
    period = Period(st.period_kind, st.period_start, st.period_end)
    try:
        frozen = q.freeze(s, RecordSet(store.id, period, store.timezone), st.id)
    except IntegrityError:
        uow.rollback()
        raise Conflict(
            "another statement of this store was confirmed at the same time; try again",
            code="settlement_busy",
            statement=st.statement_no,
        ) from None
    fig = figures(q.totals(s, frozen), store.fee_rate_bp)
    s.execute(
        update(SettlementStatement)
        .where(SettlementStatement.id == st.id)
        .values(figures=fig.to_json(), built_at=now, built_by=actor.staff_id)
        .execution_options(synchronize_session=False)
    )
    s.add(
        AuditEntry(
            id=str(new_id()),
            at=now,
            store_id=store.id,
            actor_id=actor.staff_id,
            action="settlement.confirm",
            target=st.statement_no,
            detail={"payable_fen": fig.payable_fen, "sales_count": fig.sales_count},
        )
    )
    uow.commit()
    s.expire_all()
    return get(uow, actor, statement_id)


def settle(
    uow: UnitOfWork,
    actor: Actor,
    statement_id: str,
    payment_ref: str,
    settled_on: date | None = None,
) -> StatementView:
    """Record that a confirmed statement was paid: the payment reference and its date (default
    today in the store's zone). Once."""
    ref = check_payment_ref(payment_ref)
    s = uow.session
    st, store = statement_and_store(uow, actor, statement_id)
    if st.state == "settled":
        raise Conflict(
            "this statement is already settled",
            code="already_settled",
            statement=st.statement_no,
            payment_ref=st.payment_ref or "",
        )
    if st.state != "confirmed":
        raise ValidationError(
            "confirm the statement before settling it",
            code="statement_not_confirmed",
            statement=st.statement_no,
        )
    today = _today(uow, store)
    day = settled_on or today
    if day > today:
        raise ValidationError(
            "the payment date is in the future", code="settled_in_future", day=day.isoformat()
        )
    if day < st.period_start:
        raise ValidationError(
            "the payment date is before the period",
            code="settled_before_period",
            day=day.isoformat(),
        )
    now = uow.clock.now()
    won = s.execute(
        update(SettlementStatement)
        .where(SettlementStatement.id == st.id, SettlementStatement.state == "confirmed")
        .values(
            state="settled",
            payment_ref=ref,
            settled_on=day,
            settled_at=now,
            settled_by=actor.staff_id,
        )
        .execution_options(synchronize_session=False)
    ).rowcount
    if won != 1:
        uow.rollback()
        raise Conflict(
            "this statement was settled meanwhile",
            code="already_settled",
            statement=st.statement_no,
        )
    s.add(
        AuditEntry(
            id=str(new_id()),
            at=now,
            store_id=store.id,
            actor_id=actor.staff_id,
            action="settlement.settle",
            target=st.statement_no,
            detail={"payment_ref": ref, "settled_on": day.isoformat()},
        )
    )
    uow.commit()
    s.expire_all()
    return get(uow, actor, statement_id)


@dataclass(frozen=True)
class StatementFilter:
    store_code: str | None = None
    state: str | None = None
    year: int | None = None


def list_statements(
    uow: UnitOfWork,
    actor: Actor,
    flt: StatementFilter | None = None,
    *,
    offset: int = 0,
    limit: int = 100,
) -> tuple[list[StatementView], int]:
    """The statements ``actor`` may see, newest period first, a page at a time."""
    require(actor, Perm.SETTLE)
    flt = flt or StatementFilter()
    s = uow.session
    stmt = select(SettlementStatement, Store).join(Store, Store.id == SettlementStatement.store_id)
    scope = _scope(actor)
    if scope is not None:
        stmt = stmt.where(Store.id.in_(scope))
    if flt.store_code:
        stmt = stmt.where(Store.code == flt.store_code)
    if flt.state:
        stmt = stmt.where(SettlementStatement.state == flt.state)
    if flt.year:
        stmt = stmt.where(
            SettlementStatement.period_start >= date(flt.year, 1, 1),
            SettlementStatement.period_start < date(flt.year + 1, 1, 1),
        )
    total = s.scalar(select(func.count()).select_from(stmt.order_by(None).subquery()))
    rows = s.execute(
        stmt.order_by(SettlementStatement.period_start.desc(), Store.code)
        .offset(offset)
        .limit(min(limit, PAGE_LIMIT))
    ).all()
    return [_view(uow, st, store) for st, store in rows], int(total or 0)


def records(
    uow: UnitOfWork,
    actor: Actor,
    statement_id: str,
    kind: str,
    *,
    method: str | None = None,
    offset: int = 0,
    limit: int = 100,
    count: bool = True,
) -> tuple[list[RecordRow], int | None]:
    """A page of the records behind one of the statement's figures (``q.DRILL_KINDS``), and
    their number (None when ``count`` is false)."""
    if kind not in q.DRILL_KINDS:
        raise ValidationError(f"no figure {kind!r} to drill into", code="bad_figure", kind=kind)
    st, store = statement_and_store(uow, actor, statement_id)
    return q.records_page(
        uow.session,
        record_set(st, store),
        kind,
        method=method,
        offset=max(0, offset),
        limit=max(1, min(limit, PAGE_LIMIT)),
        count=count,
    )


__all__ = [
    "StatementFilter",
    "StatementView",
    "StoreChoice",
    "build",
    "confirm",
    "get",
    "list_statements",
    "records",
    "settle",
    "stores",
]
