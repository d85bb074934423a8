"""Sync-exception reads (同步异常): a page of ``sync_exception`` rows with the store they concern,
the number of the terminal that sent the document, the document's own number (a sale's receipt
number, a refund's refund number) and who resolved them; the kinds that occur, for the filter.

One statement picks a page (filters, ``ORDER BY``, ``LIMIT``/``OFFSET``), a ``COUNT`` gives the
total; the documents' numbers and the names of the SKUs, warehouses and staff a detail mentions
are then read for the page's rows only (``document_id`` is text, so it is looked up, not joined).
Nothing here checks permissions or validates input: ``services.sync_exceptions`` does, and hands
these functions clean values (a manager's scope included).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import false, func, select
from sqlalchemy.orm import Session

from shared.db.models import (
    Product,
    Refund,
    Sale,
    Sku,
    Staff,
    Store,
    SyncException,
    Terminal,
    Warehouse,
)

_x = SyncException.__table__
_st = Store.__table__
_t = Terminal.__table__
_p = Staff.__table__

#: the detail keys that hold the id of a SKU, a warehouse or a person (looked up for the page)
SKU_KEYS = ("sku_id",)
WAREHOUSE_KEYS = ("warehouse_id",)
STAFF_KEYS = ("staff_id",)


@dataclass(frozen=True)
class ExceptionFilter:
    store_id: str | None = None
    kind: str | None = None
    #: True: resolved only; False: open only; None: both
    resolved: bool | None = False
    since: datetime | None = None
    until: datetime | None = None
    #: a manager's view: these stores only (None: every store)
    scope_stores: frozenset[str] | None = None
    #: this one exception only
    exception_id: str | None = None


@dataclass(frozen=True)
class SyncExceptionRow:
    id: str
    created_at: datetime
    store_id: str
    store_code: str
    store_name: str
    terminal_id: str
    #: None when the terminal is not known centrally
    terminal_number: int | None
    kind: str
    document_kind: str
    document_id: str
    #: a sale's receipt number or a refund's refund number as stored centrally ("" otherwise)
    document_no: str
    detail: dict
    resolved_at: datetime | None
    resolved_by: str | None
    resolver_account: str
    resolver_name: str
    #: id -> "code name" of the SKUs, warehouses and staff the detail mentions
    names: dict[str, str] = field(default_factory=dict)


def _conditions(f: ExceptionFilter) -> list:
    conds = []
    if f.scope_stores is not None:
        conds.append(_x.c.store_id.in_(sorted(f.scope_stores)) if f.scope_stores else false())
    if f.exception_id:
        conds.append(_x.c.id == f.exception_id)
    if f.store_id:
        conds.append(_x.c.store_id == f.store_id)
    if f.kind:
        conds.append(_x.c.kind == f.kind)
    if f.resolved is True:
        conds.append(_x.c.resolved_at.is_not(None))
    elif f.resolved is False:
        conds.append(_x.c.resolved_at.is_(None))
    if f.since is not None:
        conds.append(_x.c.created_at >= f.since)
    if f.until is not None:
        conds.append(_x.c.created_at <= f.until)
    return conds


def count_exceptions(session: Session, f: ExceptionFilter) -> int:
    return int(session.scalar(select(func.count()).select_from(_x).where(*_conditions(f))))


def list_exceptions(
    session: Session, f: ExceptionFilter, *, offset: int, limit: int
) -> list[SyncExceptionRow]:
    """Newest first (ties by id), with the page's document numbers and names looked up."""
    stmt = (
        select(
            _x,
            _st.c.code.label("store_code"),
            _st.c.name.label("store_name"),
            _t.c.number.label("terminal_number"),
            _p.c.account.label("resolver_account"),
            _p.c.name.label("resolver_name"),
        )
        .select_from(
            _x.outerjoin(_st, _st.c.id == _x.c.store_id)
            .outerjoin(_t, _t.c.id == _x.c.terminal_id)
            .outerjoin(_p, _p.c.id == _x.c.resolved_by)
        )
        .where(*_conditions(f))
        .order_by(_x.c.created_at.desc(), _x.c.id.desc())
        .offset(offset)
        .limit(limit)
    )
    got = session.execute(stmt).all()
    numbers = _document_numbers(
        session, [(r.document_kind, str(r.store_id), r.document_id) for r in got]
    )
    details = [dict(r.detail) if isinstance(r.detail, dict) else {"value": r.detail} for r in got]
    names = _names(session, details)
    return [
        SyncExceptionRow(
            id=str(r.id),
            created_at=r.created_at,
            store_id=str(r.store_id),
            store_code=r.store_code or "",
            store_name=r.store_name or "",
            terminal_id=str(r.terminal_id),
            terminal_number=r.terminal_number,
            kind=r.kind,
            document_kind=r.document_kind,
            document_id=r.document_id,
            document_no=numbers.get((r.document_kind, str(r.store_id), r.document_id), ""),
            detail=detail,
            resolved_at=r.resolved_at,
            resolved_by=str(r.resolved_by) if r.resolved_by is not None else None,
            resolver_account=r.resolver_account or "",
            resolver_name=r.resolver_name or "",
            names={k: v for k, v in names.items() if k in _mentioned(detail)},
        )
        for r, detail in zip(got, details, strict=True)
    ]


def kinds(session: Session, f: ExceptionFilter) -> list[str]:
    """The distinct kinds among the exceptions ``f`` lets through, alphabetically."""
    stmt = select(_x.c.kind).where(*_conditions(f)).group_by(_x.c.kind).order_by(_x.c.kind)
    return list(session.scalars(stmt))


# -- look-ups for a page ---------------------------------------------------------------------------


def _uuid(value: object) -> str | None:
    try:
        return str(uuid.UUID(str(value)))
    except (ValueError, TypeError, AttributeError):
        return None


def _ids(values: Iterable[object]) -> list[str]:
    return sorted({u for v in values if (u := _uuid(v)) is not None})


def _document_numbers(
    session: Session, docs: list[tuple[str, str, str]]
) -> dict[tuple[str, str, str], str]:
    """(document kind, store id, document id) -> the sale's receipt number / refund number."""
    out: dict[tuple[str, str, str], str] = {}
    for kind, model, column in (
        ("sale", Sale, Sale.receipt_no),
        ("refund", Refund, Refund.refund_no),
    ):
        wanted = {(s, d): _uuid(d) for k, s, d in docs if k == kind}
        ids = _ids(u for u in wanted.values() if u)
        if not ids:
            continue
        found = {
            (str(store), str(doc)): no
            for store, doc, no in session.execute(
                select(model.store_id, model.id, column).where(model.id.in_(ids))
            )
        }
        for (store, doc), canonical in wanted.items():
            if canonical and (store, canonical) in found:
                out[(kind, store, doc)] = found[(store, canonical)]
    return out


def _mentioned(detail: dict) -> set[str]:
    return {
        str(detail[k])
        for k in (*SKU_KEYS, *WAREHOUSE_KEYS, *STAFF_KEYS)
        if detail.get(k) not in (None, "")
    }


def _names(session: Session, details: list[dict]) -> dict[str, str]:
    """The ids the details mention (as written there) -> "code name"."""
    wanted: dict[str, set[str]] = {"sku": set(), "warehouse": set(), "staff": set()}
    for d in details:
        for group, keys in (
            ("sku", SKU_KEYS),
            ("warehouse", WAREHOUSE_KEYS),
            ("staff", STAFF_KEYS),
        ):
            wanted[group].update(str(d[k]) for k in keys if d.get(k) not in (None, ""))
    by_uuid: dict[str, str] = {}
    skus = _ids(wanted["sku"])
    if skus:
        stmt = (
            select(Sku.id, Sku.code, Product.name)
            .join(Product, Product.id == Sku.product_id)
            .where(Sku.id.in_(skus))
        )
        by_uuid.update({str(i): f"{c} {n}" for i, c, n in session.execute(stmt)})
    warehouses = _ids(wanted["warehouse"])
    if warehouses:
        stmt = select(Warehouse.id, Warehouse.code, Warehouse.name).where(
            Warehouse.id.in_(warehouses)
        )
        by_uuid.update({str(i): f"{c} {n}" for i, c, n in session.execute(stmt)})
    people = _ids(wanted["staff"])
    if people:
        stmt = select(Staff.id, Staff.account, Staff.name).where(Staff.id.in_(people))
        by_uuid.update({str(i): f"{n} ({a})" for i, a, n in session.execute(stmt)})
    out = {}
    for group in wanted.values():
        for raw in group:
            canonical = _uuid(raw)
            if canonical in by_uuid:
                out[raw] = by_uuid[canonical]
    return out
