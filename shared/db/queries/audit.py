"""Audit-log reads (操作日志, SPEC §14): a page of ``audit_entry`` rows with who did it (joined from
``staff``, deleted accounts included: the row stays so every entry keeps its author) and the
store it concerns, and the actions that occur, for the filter.

One statement picks a page (filters, ``ORDER BY``, ``LIMIT``/``OFFSET``), a ``COUNT`` gives the
total. Nothing here checks permissions or validates input: ``services.audit_log`` does, and hands
these functions clean values (a manager's scope included).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from shared.db.models import AuditEntry, Staff, Store
from shared.db.queries.org_admin import like_pattern

_a = AuditEntry.__table__
_p = Staff.__table__
_st = Store.__table__

#: what the list sorts by (the service accepts these names)
SORTS = ("at", "action", "actor", "target", "store")


@dataclass(frozen=True)
class AuditFilter:
    since: datetime | None = None
    until: datetime | None = None
    #: the actor's account (exactly, any case) or a part of their name
    actor: str | None = None
    #: an action exactly, or a family of them: ``store.`` matches store.create, store.update ...
    action: str | None = None
    store_id: str | None = None
    #: part of the target (literally)
    target: str | None = None
    #: a manager's view: the entries of these stores ...
    scope_stores: frozenset[str] | None = None
    #: ... and their own
    scope_actor: str | None = None


@dataclass(frozen=True)
class AuditRow:
    entry_id: str
    at: datetime
    action: str
    target: str
    detail: dict
    actor_id: str | None
    #: empty when the entry has no actor (a system action) or the id is unknown here
    actor_account: str
    actor_name: str
    actor_deleted: bool
    store_id: str | None
    store_code: str
    store_name: str


def _conditions(f: AuditFilter) -> list:
    conds = []
    if f.since is not None:
        conds.append(_a.c.at >= f.since)
    if f.until is not None:
        conds.append(_a.c.at <= f.until)
    if f.actor:
        conds.append(
            or_(
                func.lower(_p.c.account) == f.actor.lower(),
                _p.c.name.ilike(like_pattern(f.actor), escape="\\"),
            )
        )
    if f.action:
        if f.action.endswith("."):
            conds.append(_a.c.action.like(like_pattern(f.action)[1:], escape="\\"))
        else:
            conds.append(_a.c.action == f.action)
    if f.store_id:
        conds.append(_a.c.store_id == f.store_id)
    if f.target:
        conds.append(_a.c.target.ilike(like_pattern(f.target), escape="\\"))
    if f.scope_stores is not None or f.scope_actor is not None:
        scope = []
        if f.scope_stores:
            scope.append(_a.c.store_id.in_(sorted(f.scope_stores)))
        if f.scope_actor:
            scope.append(_a.c.actor_id == f.scope_actor)
        conds.append(or_(*scope) if scope else _a.c.id.is_(None))
    return conds


def _from():
    return _a.outerjoin(_p, _p.c.id == _a.c.actor_id).outerjoin(_st, _st.c.id == _a.c.store_id)


def count_entries(session: Session, f: AuditFilter) -> int:
    return int(session.scalar(select(func.count()).select_from(_from()).where(*_conditions(f))))


def _order(sort: str, descending: bool) -> list:
    column = {
        "at": _a.c.at,
        "action": _a.c.action,
        "actor": _p.c.account,
        "target": _a.c.target,
        "store": _st.c.code,
    }[sort]
    first = column.desc() if descending else column.asc()
    tie = [_a.c.at.desc(), _a.c.id.desc()] if descending else [_a.c.at.asc(), _a.c.id.asc()]
    return [first, *tie] if sort != "at" else [first, tie[1]]


def list_entries(
    session: Session,
    f: AuditFilter,
    *,
    offset: int,
    limit: int,
    sort: str = "at",
    descending: bool = True,
) -> list[AuditRow]:
    stmt = (
        select(
            _a,
            _p.c.account.label("actor_account"),
            _p.c.name.label("actor_name"),
            _p.c.deleted_at.label("actor_deleted_at"),
            _st.c.code.label("store_code"),
            _st.c.name.label("store_name"),
        )
        .select_from(_from())
        .where(*_conditions(f))
        .order_by(*_order(sort, descending))
        .offset(offset)
        .limit(limit)
    )
    return [
        AuditRow(
            entry_id=str(r.id),
            at=r.at,
            action=r.action,
            target=r.target or "",
            detail=dict(r.detail or {}) if isinstance(r.detail, dict) else {"value": r.detail},
            actor_id=str(r.actor_id) if r.actor_id is not None else None,
            actor_account=r.actor_account or "",
            actor_name=r.actor_name or "",
            actor_deleted=r.actor_deleted_at is not None,
            store_id=str(r.store_id) if r.store_id is not None else None,
            store_code=r.store_code or "",
            store_name=r.store_name or "",
        )
        for r in session.execute(stmt)
    ]


def actions(session: Session, f: AuditFilter, limit: int) -> list[str]:
    """The distinct actions among the entries ``f`` lets through (its scope), alphabetically."""
    stmt = (
        select(_a.c.action)
        .select_from(_from())
        .where(*_conditions(f))
        .group_by(_a.c.action)
        .order_by(_a.c.action)
        .limit(limit)
    )
    return list(session.scalars(stmt))
