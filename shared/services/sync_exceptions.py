"""The sync exceptions list (central database): documents accepted but flagged for a manager.

A completed sale is never refused by the central side; what looks wrong (a price that no longer
matched head office when it arrived, a sale in a shift the server had closed, a receipt number
already taken, a payment reference used twice, a forked journal) is listed here to review.

``search`` reads a page of them for the back office (同步异常), newest first, with the store, the
terminal's number, the document's number and who resolved them; filters: the store, the kind,
open / resolved / all, and a date range (whole days in China time, or aware instants). An admin
reads every store's; a manager (``review_shifts``) their own stores'. ``resolve`` marks one
handled, once: resolving it again changes nothing (``False``). Resolving is audited as
``sync_exception.resolve``.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select, update

from shared.db.models import AuditEntry, SyncException
from shared.db.queries import sync_exceptions as q
from shared.db.queries.sync_exceptions import SyncExceptionRow
from shared.db.uow import UnitOfWork
from shared.domain.errors import NotFound, PermissionDenied, ValidationError
from shared.domain.ids import new_id
from shared.domain.permissions import Perm, Role
from shared.services.auth import Actor, require

__all__ = ["KINDS", "STATES", "ExceptionQuery", "ExceptionRow", "Page", "SyncExceptionRow"]

CHINA_TZ = "Asia/Shanghai"
MAX_PAGE = 500
EXPORT_BATCH = 500
#: what ``sync.ingest`` flags (``sync_exception.kind``); a kind not listed here is still shown
KINDS = (
    "stale_price",
    "shift_closed",
    "shift_unknown",
    "shift_force_closed",
    "shift_already_closed",
    "receipt_no_reused",
    "duplicate_payment_ref",
    "journal_conflict",
    "card_key_conflict",
    "negative_stock",
    "serial_not_in_stock",
    "topup_not_applied",
    "count_without_stocktake",
    "count_before_stocktake",
    "count_unknown_sku",
    "count_not_countable",
    "count_out_of_scope",
    "retired_terminal",
)
#: the state filter: still to look at, looked at, or both
STATES = ("open", "resolved", "all")
_KIND = re.compile(r"[a-z0-9_]{1,30}")


@dataclass(frozen=True)
class ExceptionRow:
    id: str
    store_id: str
    terminal_id: str
    kind: str
    document_kind: str
    document_id: str
    detail: dict
    created_at: datetime
    resolved_at: datetime | None
    resolved_by: str | None


@dataclass(frozen=True)
class ExceptionQuery:
    """The filters. A ``date`` is a whole day in China time (both ends inclusive); a
    ``datetime`` is an instant (aware). None: any."""

    store_id: str | None = None
    kind: str | None = None
    state: str = "open"
    since: date | datetime | None = None
    until: date | datetime | None = None


@dataclass(frozen=True)
class Page:
    rows: list[SyncExceptionRow]
    total: int
    offset: int


def _bad(field_name: str, code: str, message: str, **details: object) -> ValidationError:
    return ValidationError(message, code=code, field=field_name, **details)


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _instant(value: object, field_name: str, *, end: bool) -> datetime | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        if value.tzinfo is None:
            raise _bad(field_name, "date_range", "a time filter needs a time zone")
        return value.astimezone(UTC)
    if isinstance(value, date):
        day = value + timedelta(days=1) if end else value
        start = datetime.combine(day, time(0), tzinfo=ZoneInfo(CHINA_TZ)).astimezone(UTC)
        return start - timedelta(microseconds=1) if end else start
    raise _bad(field_name, "date_range", "a time filter is a date or a date and time")


def _scope(actor: Actor) -> frozenset[str] | None:
    """The stores ``actor`` may read the exceptions of (None: every store)."""
    require(actor, Perm.REVIEW_SHIFTS)
    return None if Role.ADMIN in actor.roles else actor.store_ids


def _filter(actor: Actor, query: ExceptionQuery) -> q.ExceptionFilter:
    if not isinstance(query, ExceptionQuery):
        raise ValidationError("not a sync exception query", code="exception_query")
    stores = _scope(actor)
    since = _instant(query.since, "since", end=False)
    until = _instant(query.until, "until", end=True)
    if since is not None and until is not None and since > until:
        raise _bad("since", "date_range", "the date range ends before it starts")
    kind = query.kind or None
    if kind is not None and (not isinstance(kind, str) or not _KIND.fullmatch(kind)):
        raise _bad("kind", "exception_kind", "not a sync exception kind (e.g. stale_price)")
    if query.state not in STATES:
        raise _bad("state", "exception_state", f"the state is one of {', '.join(STATES)}")
    store_id = None
    if query.store_id:
        try:
            store_id = str(uuid.UUID(str(query.store_id)))
        except ValueError:
            raise _bad("store_id", "unknown_store", "no such store") from None
        if stores is not None and store_id not in stores:
            raise PermissionDenied(
                "you may read only your own stores' sync exceptions",
                code="store_not_allowed",
                permission=Perm.REVIEW_SHIFTS.value,
            )
    return q.ExceptionFilter(
        store_id=store_id,
        kind=kind,
        resolved={"open": False, "resolved": True, "all": None}[query.state],
        since=since,
        until=until,
        scope_stores=stores,
    )


def search(
    uow: UnitOfWork,
    actor: Actor,
    query: ExceptionQuery | None = None,
    offset: int = 0,
    limit: int = 100,
) -> Page:
    """One page of the exceptions matching ``query`` in ``actor``'s scope, newest first."""
    f = _filter(actor, query or ExceptionQuery())
    if not _is_int(limit) or not 1 <= limit <= MAX_PAGE:
        raise ValidationError(f"a page holds 1 to {MAX_PAGE} rows", code="page_size")
    if not _is_int(offset) or offset < 0:
        raise ValidationError("a page offset is zero or more", code="page_offset")
    s = uow.session
    total = q.count_exceptions(s, f)
    rows = q.list_exceptions(s, f, offset=offset, limit=limit) if offset < total else []
    return Page(rows, total, offset)


def kinds(uow: UnitOfWork, actor: Actor) -> list[str]:
    """The kinds found among the exceptions ``actor`` may read (open or not), for the filter."""
    return q.kinds(uow.session, q.ExceptionFilter(resolved=None, scope_stores=_scope(actor)))


def batches(
    uow: UnitOfWork,
    actor: Actor,
    query: ExceptionQuery | None = None,
    *,
    size: int = EXPORT_BATCH,
) -> Iterator[list[SyncExceptionRow]]:
    """Every exception matching ``query``, ``size`` at a time, for an export: exceptions flagged
    while it runs are left out (the range ends now), so they do not shift the pages."""
    query = query or ExceptionQuery()
    if query.until is None:
        query = ExceptionQuery(
            store_id=query.store_id,
            kind=query.kind,
            state=query.state,
            since=query.since,
            until=uow.clock.now(),
        )
    offset = 0
    while True:
        page = search(uow, actor, query, offset, min(size, MAX_PAGE))
        if not page.rows:
            return
        yield page.rows
        offset += len(page.rows)
        if offset >= page.total:
            return


def _find(uow: UnitOfWork, exception_id: str) -> SyncException:
    try:
        key = str(uuid.UUID(str(exception_id)))
    except ValueError:
        key = None
    row = uow.session.get(SyncException, key) if key else None
    if row is None:
        raise NotFound("no such sync exception", code="unknown_exception")
    return row


def exception_row(uow: UnitOfWork, actor: Actor, exception_id: str) -> SyncExceptionRow:
    """One exception as the list shows it (``actor`` must be allowed its store)."""
    row = _find(uow, exception_id)
    require(actor, Perm.REVIEW_SHIFTS, row.store_id)
    f = q.ExceptionFilter(resolved=None, exception_id=str(row.id))
    for r in q.list_exceptions(uow.session, f, offset=0, limit=1):
        return r
    raise NotFound("no such sync exception", code="unknown_exception")


def list_exceptions(
    uow: UnitOfWork,
    actor: Actor,
    *,
    store_id: str | None = None,
    include_resolved: bool = False,
    limit: int = 500,
) -> list[ExceptionRow]:
    """Newest first. A manager sees the stores they manage; an admin sees every store."""
    require(actor, Perm.REVIEW_SHIFTS, store_id)
    stmt = select(SyncException).order_by(SyncException.created_at.desc()).limit(limit)
    if store_id is not None:
        stmt = stmt.where(SyncException.store_id == store_id)
    if not include_resolved:
        stmt = stmt.where(SyncException.resolved_at.is_(None))
    rows = [r for r in uow.session.scalars(stmt) if actor.can(Perm.REVIEW_SHIFTS, r.store_id)]
    return [
        ExceptionRow(
            r.id,
            r.store_id,
            r.terminal_id,
            r.kind,
            r.document_kind,
            r.document_id,
            dict(r.detail or {}),
            r.created_at,
            r.resolved_at,
            r.resolved_by,
        )
        for r in rows
    ]


def resolve(uow: UnitOfWork, actor: Actor, exception_id: str) -> bool:
    """Mark the exception handled by ``actor``, now, and commit. Once: an exception resolved
    already (by anyone, or by a concurrent call) keeps who resolved it first and when, and
    ``False`` is returned. Audited as ``sync_exception.resolve`` when it changed."""
    row = _find(uow, exception_id)
    require(actor, Perm.REVIEW_SHIFTS, row.store_id)
    now = uow.clock.now()
    s = uow.session
    done = s.execute(
        update(SyncException)
        .where(SyncException.id == row.id, SyncException.resolved_at.is_(None))
        .values(resolved_at=now, resolved_by=actor.staff_id)
        .execution_options(synchronize_session=False)
    )
    changed = done.rowcount == 1
    if changed:
        s.add(
            AuditEntry(
                id=str(new_id()),
                at=now,
                store_id=row.store_id,
                actor_id=actor.staff_id,
                action="sync_exception.resolve",
                target=str(row.id),
                detail={
                    "kind": row.kind,
                    "document_kind": row.document_kind,
                    "document_id": row.document_id,
                    "terminal_id": str(row.terminal_id),
                },
            )
        )
    uow.commit()
    return changed
