"""Organisation reads for the back office (SPEC §1): a page of stores, of terminals, of staff,
and the few look-ups the organisation use cases need (a code or number taken, the enabled
admins).

Like ``queries.channels``: one statement picks a page (filters, ``ORDER BY``, ``LIMIT``/``OFFSET``),
a ``COUNT`` gives the total, and the per-row figures (a store's terminals and staff, a person's
stores) are read for the page's rows only. Nothing here checks permissions or validates input:
``services.org_admin`` does, and hands these functions clean values.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, exists, func, literal, or_, select
from sqlalchemy.orm import Session

from shared.db.models import Staff, StaffStore, Store, Terminal

_st = Store.__table__
_t = Terminal.__table__
_p = Staff.__table__
_ps = StaffStore.__table__


def like_pattern(text: str) -> str:
    """``%text%`` with LIKE's own metacharacters escaped (``escape="\\"``)."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _like(column, text: str):
    """``column`` contains ``text`` literally, regardless of letter case on both backends."""
    return column.ilike(like_pattern(text), escape="\\")


# -- stores ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class StoreFilter:
    #: part of the code, name, address or phone (literally)
    text: str | None = None
    #: open | closed (None: both)
    status: str | None = None
    #: only these stores (None: every store)
    scope: frozenset[str] | None = None


@dataclass(frozen=True)
class StoreRow:
    store_id: str
    code: str
    name: str
    address: str
    phone: str
    introduction: str
    status: str
    settlement_period: str
    fee_rate_bp: int
    timezone: str
    created_at: datetime
    updated_at: datetime
    #: active terminals, and staff (not deleted) who may work there
    terminals: int
    staff: int


def _store_conditions(f: StoreFilter) -> list:
    conds = []
    if f.text:
        conds.append(
            or_(
                _like(_st.c.code, f.text),
                _like(_st.c.name, f.text),
                _like(_st.c.address, f.text),
                _like(_st.c.phone, f.text),
            )
        )
    if f.status:
        conds.append(_st.c.status == f.status)
    if f.scope is not None:
        conds.append(_st.c.id.in_(sorted(f.scope)))
    return conds


def count_stores(session: Session, f: StoreFilter) -> int:
    return int(session.scalar(select(func.count()).select_from(_st).where(*_store_conditions(f))))


def _stores_select(conds: list):
    terminals = (
        select(func.count())
        .select_from(_t)
        .where(_t.c.store_id == _st.c.id, _t.c.status == "active")
        .correlate(_st)
        .scalar_subquery()
    )
    staff = (
        select(func.count())
        .select_from(_ps.join(_p, _p.c.id == _ps.c.staff_id))
        .where(_ps.c.store_id == _st.c.id, _p.c.deleted_at.is_(None))
        .correlate(_st)
        .scalar_subquery()
    )
    return select(_st, terminals.label("terminals"), staff.label("staff_count")).where(*conds)


def list_stores(session: Session, f: StoreFilter, *, offset: int, limit: int) -> list[StoreRow]:
    stmt = _stores_select(_store_conditions(f)).order_by(_st.c.code).offset(offset).limit(limit)
    return [_store_row(r) for r in session.execute(stmt)]


def store_row(session: Session, store_id: str) -> StoreRow | None:
    found = session.execute(_stores_select([_st.c.id == store_id])).first()
    return _store_row(found) if found is not None else None


def _store_row(r) -> StoreRow:
    return StoreRow(
        store_id=str(r.id),
        code=r.code,
        name=r.name,
        address=r.address or "",
        phone=r.phone or "",
        introduction=r.introduction or "",
        status=r.status,
        settlement_period=r.settlement_period,
        fee_rate_bp=int(r.fee_rate_bp or 0),
        timezone=r.timezone,
        created_at=r.created_at,
        updated_at=r.updated_at,
        terminals=int(r.terminals or 0),
        staff=int(r.staff_count or 0),
    )


def store_id_by_code(session: Session, code: str) -> str | None:
    """The store whose code is ``code`` regardless of letter case."""
    found = session.scalar(select(_st.c.id).where(func.upper(_st.c.code) == code.upper()))
    return str(found) if found is not None else None


def codes_taken(session: Session, codes: Collection[str]) -> set[str]:
    """Which of ``codes`` (upper case) some store has already, regardless of letter case."""
    wanted = sorted({c.upper() for c in codes})
    out: set[str] = set()
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        out.update(
            str(c).upper()
            for c in session.scalars(select(_st.c.code).where(func.upper(_st.c.code).in_(chunk)))
        )
    return out


@dataclass(frozen=True)
class StoreChoice:
    store_id: str
    code: str
    name: str
    status: str


def store_choices(session: Session, scope: frozenset[str] | None) -> list[StoreChoice]:
    """``(id, code, name, status)`` of the stores in scope (None: all), by code."""
    stmt = select(_st.c.id, _st.c.code, _st.c.name, _st.c.status).order_by(_st.c.code)
    if scope is not None:
        stmt = stmt.where(_st.c.id.in_(sorted(scope)))
    return [StoreChoice(str(i), c, n, s) for i, c, n, s in session.execute(stmt)]


def store_terminal_count(session: Session, store_id: str) -> int:
    """Every terminal ever registered to the store (retired ones too)."""
    return int(
        session.scalar(select(func.count()).select_from(_t).where(_t.c.store_id == store_id))
    )


# -- terminals -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TerminalFilter:
    store_id: str | None = None
    #: active | retired (None: both)
    status: str | None = None
    scope: frozenset[str] | None = None


@dataclass(frozen=True)
class TerminalRow:
    terminal_id: str
    store_id: str
    store_code: str
    store_name: str
    number: int
    name: str
    status: str
    registered_at: datetime
    last_push_at: datetime | None


def _terminal_conditions(f: TerminalFilter) -> list:
    conds = []
    if f.store_id:
        conds.append(_t.c.store_id == f.store_id)
    if f.status:
        conds.append(_t.c.status == f.status)
    if f.scope is not None:
        conds.append(_t.c.store_id.in_(sorted(f.scope)))
    return conds


def count_terminals(session: Session, f: TerminalFilter) -> int:
    return int(session.scalar(select(func.count()).select_from(_t).where(*_terminal_conditions(f))))


def _terminals_select(conds: list):
    return (
        select(_t, _st.c.code.label("store_code"), _st.c.name.label("store_name"))
        .join(_st, _st.c.id == _t.c.store_id)
        .where(*conds)
    )


def list_terminals(
    session: Session, f: TerminalFilter, *, offset: int, limit: int
) -> list[TerminalRow]:
    stmt = (
        _terminals_select(_terminal_conditions(f))
        .order_by(_st.c.code, _t.c.number)
        .offset(offset)
        .limit(limit)
    )
    return [_terminal_row(r) for r in session.execute(stmt)]


def terminal_row(session: Session, terminal_id: str) -> TerminalRow | None:
    found = session.execute(_terminals_select([_t.c.id == terminal_id])).first()
    return _terminal_row(found) if found is not None else None


def terminal_by_number(session: Session, number: int) -> TerminalRow | None:
    found = session.execute(_terminals_select([_t.c.number == number])).first()
    return _terminal_row(found) if found is not None else None


def _terminal_row(r) -> TerminalRow:
    return TerminalRow(
        terminal_id=str(r.id),
        store_id=str(r.store_id),
        store_code=r.store_code,
        store_name=r.store_name,
        number=int(r.number),
        name=r.name or "",
        status=r.status,
        registered_at=r.registered_at,
        last_push_at=r.last_push_at,
    )


def next_terminal_number(session: Session, limit: int) -> int | None:
    """The lowest terminal number from 1 to ``limit`` no terminal has (None: all taken)."""
    used = set(session.scalars(select(_t.c.number)))
    return next((n for n in range(1, limit + 1) if n not in used), None)


# -- staff -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class StaffFilter:
    #: part of the account or the name (literally)
    text: str | None = None
    role: str | None = None
    #: who may work at this store
    store_id: str | None = None
    enabled: bool | None = None
    include_deleted: bool = False
    #: only people who work at one of these stores (None: everyone)
    scope: frozenset[str] | None = None


@dataclass(frozen=True)
class StaffRow:
    staff_id: str
    account: str
    name: str
    position: str
    roles: tuple[str, ...]
    #: the stores they may work at, by code: (id, code)
    stores: tuple[tuple[str, str], ...]
    enabled: bool
    has_pin: bool
    locked_until: datetime | None
    deleted_at: datetime | None
    created_at: datetime
    updated_at: datetime

    @property
    def store_ids(self) -> tuple[str, ...]:
        return tuple(i for i, _ in self.stores)

    @property
    def store_codes(self) -> tuple[str, ...]:
        return tuple(c for _, c in self.stores)

    @property
    def deleted(self) -> bool:
        return self.deleted_at is not None


def role_condition(role: str):
    """The comma-separated ``roles`` holds ``role`` (a whole name, not a part of another)."""
    return (literal(",") + _p.c.roles + literal(",")).like(f"%,{role},%")


def _works_at(store_ids: Sequence[str]):
    return exists(
        select(_ps.c.staff_id).where(_ps.c.staff_id == _p.c.id, _ps.c.store_id.in_(store_ids))
    )


def _staff_conditions(f: StaffFilter) -> list:
    conds = []
    if not f.include_deleted:
        conds.append(_p.c.deleted_at.is_(None))
    if f.text:
        conds.append(or_(_like(_p.c.account, f.text), _like(_p.c.name, f.text)))
    if f.role:
        conds.append(role_condition(f.role))
    if f.store_id:
        conds.append(_works_at([f.store_id]))
    if f.enabled is not None:
        conds.append(_p.c.enabled.is_(f.enabled))
    if f.scope is not None:
        conds.append(_works_at(sorted(f.scope)))
    return conds


def count_staff(session: Session, f: StaffFilter) -> int:
    return int(session.scalar(select(func.count()).select_from(_p).where(*_staff_conditions(f))))


_STAFF_COLUMNS = (
    _p.c.id,
    _p.c.account,
    _p.c.name,
    _p.c.position,
    _p.c.roles,
    _p.c.enabled,
    _p.c.pin_hash.is_not(None).label("has_pin"),
    _p.c.locked_until,
    _p.c.deleted_at,
    _p.c.created_at,
    _p.c.updated_at,
)


def list_staff(session: Session, f: StaffFilter, *, offset: int, limit: int) -> list[StaffRow]:
    stmt = (
        select(*_STAFF_COLUMNS)
        .where(*_staff_conditions(f))
        .order_by(_p.c.account, _p.c.id)
        .offset(offset)
        .limit(limit)
    )
    return _staff_rows(session, session.execute(stmt).all())


def staff_row(session: Session, staff_id: str) -> StaffRow | None:
    found = session.execute(select(*_STAFF_COLUMNS).where(_p.c.id == staff_id)).all()
    rows = _staff_rows(session, found)
    return rows[0] if rows else None


def _staff_rows(session: Session, found) -> list[StaffRow]:
    ids = [str(r.id) for r in found]
    stores: dict[str, list[tuple[str, str]]] = {i: [] for i in ids}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        for staff_id, store_id, code in session.execute(
            select(_ps.c.staff_id, _st.c.id, _st.c.code)
            .join(_st, _st.c.id == _ps.c.store_id)
            .where(_ps.c.staff_id.in_(chunk))
            .order_by(_st.c.code)
        ):
            stores[str(staff_id)].append((str(store_id), code))
    return [
        StaffRow(
            staff_id=str(r.id),
            account=r.account,
            name=r.name,
            position=r.position or "",
            roles=tuple(x for x in (r.roles or "").split(",") if x),
            stores=tuple(stores[str(r.id)]),
            enabled=bool(r.enabled),
            has_pin=bool(r.has_pin),
            locked_until=r.locked_until,
            deleted_at=r.deleted_at,
            created_at=r.created_at,
            updated_at=r.updated_at,
        )
        for r in found
    ]


def account_taken(session: Session, account: str) -> str | None:
    """The id of the account (deleted or not) spelled ``account`` regardless of letter case."""
    found = session.scalar(select(_p.c.id).where(func.lower(_p.c.account) == account.lower()))
    return str(found) if found is not None else None


def enabled_admins(session: Session, *, lock: bool = False) -> list[str]:
    """Ids of the enabled, not deleted admins. ``lock``: take their rows (PostgreSQL), so two
    admins disabling each other at once cannot leave nobody: the second waits, then sees the
    first's change."""
    stmt = (
        select(Staff.id)
        .where(Staff.enabled.is_(True), Staff.deleted_at.is_(None), role_condition("admin"))
        .order_by(Staff.id)
    )
    if lock:
        stmt = stmt.with_for_update()
    return [str(i) for i in session.scalars(stmt)]


def staff_store_ids(session: Session, staff_id: str) -> set[str]:
    return {
        str(i) for i in session.scalars(select(_ps.c.store_id).where(_ps.c.staff_id == staff_id))
    }


def existing_store_ids(session: Session, store_ids: Collection[str]) -> dict[str, str]:
    """``{id: code}`` of those of ``store_ids`` that exist."""
    ids = sorted(set(store_ids))
    if not ids:
        return {}
    return {
        str(i): c for i, c in session.execute(select(_st.c.id, _st.c.code).where(_st.c.id.in_(ids)))
    }


def works_anywhere_in(session: Session, staff_id: str, store_ids: Collection[str]) -> bool:
    if not store_ids:
        return False
    return bool(
        session.scalar(
            select(func.count())
            .select_from(_ps)
            .where(and_(_ps.c.staff_id == staff_id, _ps.c.store_id.in_(sorted(store_ids))))
        )
    )
