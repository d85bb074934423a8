"""The audit-log search of the back office (操作日志, SPEC §14).

Reads ``audit_entry`` on the central database, newest first, a page at a time: who did it (their
account and name, joined from ``staff`` — a deleted account's too), when, the action, its target
and the detail. Filters: a date range (whole days in China time, or aware instants), the actor
(account exactly, or part of the name), the action (exactly, or a family such as ``store.``),
the store, and part of the target. An admin (``manage_staff``) reads every entry; a manager
(``review_shifts``) the entries of their own stores plus their own.

Nothing here writes. Every bad filter is a ``ValidationError`` with a specific code.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from shared.db.queries import audit as q
from shared.db.queries.audit import SORTS, AuditRow
from shared.db.uow import UnitOfWork
from shared.domain.errors import PermissionDenied, ValidationError
from shared.domain.permissions import Perm
from shared.services.auth import Actor, require

__all__ = ["SORTS", "AuditRow"]

CHINA_TZ = "Asia/Shanghai"
MAX_PAGE = 500
MAX_FILTER_TEXT = 64
MAX_ACTION = 60
#: the most distinct actions the action filter offers
MAX_ACTIONS = 500
EXPORT_BATCH = 500
#: detail keys whose values are never shown, whatever wrote them (defence in depth: no writer
#: should ever put a secret there)
SECRET_KEYS = frozenset(
    {"password", "pin", "secret", "token", "key", "card_key", "password_hash", "pin_hash"}
)
_ACTION = re.compile(r"[a-z0-9_.]+")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


@dataclass(frozen=True)
class AuditQuery:
    """The filters. A ``date`` is a whole day in China time (both ends inclusive); a
    ``datetime`` is an instant (aware). None: any."""

    since: date | datetime | None = None
    until: date | datetime | None = None
    actor: str | None = None
    action: str | None = None
    store_id: str | None = None
    target: str | None = None


@dataclass(frozen=True)
class Page:
    rows: list
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


def _text(value: object, field_name: str) -> str | None:
    if value is not None and not isinstance(value, str):
        raise _bad(field_name, "text_too_long", "the search text must be text")
    text = (value or "").strip()
    if len(text) > MAX_FILTER_TEXT:
        raise _bad(
            field_name,
            "text_too_long",
            f"the search text is too long (at most {MAX_FILTER_TEXT} characters)",
            limit=MAX_FILTER_TEXT,
        )
    if _CONTROL.search(text):
        raise _bad(field_name, "text_too_long", "the search text contains control characters")
    return text or None


def _scope(actor: Actor) -> tuple[frozenset[str] | None, str | None]:
    """(stores, actor id) a manager is limited to; (None, None) for an admin."""
    if actor.can(Perm.MANAGE_STAFF):
        return None, None
    require(actor, Perm.REVIEW_SHIFTS)
    return actor.store_ids, actor.staff_id


def _filter(actor: Actor, query: AuditQuery) -> q.AuditFilter:
    if not isinstance(query, AuditQuery):
        raise ValidationError("not an audit query", code="audit_query")
    stores, me = _scope(actor)
    since = _instant(query.since, "since", end=False)
    until = _instant(query.until, "until", end=True)
    if since is not None and until is not None and since > until:
        raise _bad("since", "date_range", "the date range ends before it starts")
    action = _text(query.action, "action")
    if action is not None and (len(action) > MAX_ACTION or not _ACTION.fullmatch(action)):
        raise _bad("action", "audit_action", "not an action name (e.g. store.update)")
    store_id = None
    if query.store_id:
        try:
            store_id = str(uuid.UUID(str(query.store_id)))
        except ValueError:
            raise _bad("store_id", "unknown_store", "no such store") from None
        if stores is not None and store_id not in stores:
            raise PermissionDenied(
                "you may read only your own stores' entries",
                code="store_not_allowed",
                permission=Perm.REVIEW_SHIFTS.value,
            )
    return q.AuditFilter(
        since=since,
        until=until,
        actor=_text(query.actor, "actor"),
        action=action,
        store_id=store_id,
        target=_text(query.target, "target"),
        scope_stores=stores,
        scope_actor=me,
    )


def search(
    uow: UnitOfWork,
    actor: Actor,
    query: AuditQuery | None = None,
    offset: int = 0,
    limit: int = 100,
    *,
    sort: str = "at",
    descending: bool = True,
) -> Page:
    """One page of audit entries matching ``query`` in ``actor``'s scope."""
    f = _filter(actor, query or AuditQuery())
    if not _is_int(limit) or not 1 <= limit <= MAX_PAGE:
        raise ValidationError(f"a page holds 1 to {MAX_PAGE} rows", code="page_size")
    if not _is_int(offset) or offset < 0:
        raise ValidationError("a page offset is zero or more", code="page_offset")
    if sort not in SORTS:
        raise _bad("sort", "audit_sort", f"sort by one of {', '.join(SORTS)}", value=str(sort)[:20])
    s = uow.session
    total = q.count_entries(s, f)
    rows = (
        q.list_entries(s, f, offset=offset, limit=limit, sort=sort, descending=bool(descending))
        if offset < total
        else []
    )
    return Page(rows, total, offset)


def actions(uow: UnitOfWork, actor: Actor) -> list[str]:
    """The actions found among the entries ``actor`` may read, for the action filter."""
    stores, me = _scope(actor)
    return q.actions(uow.session, q.AuditFilter(scope_stores=stores, scope_actor=me), MAX_ACTIONS)


def batches(
    uow: UnitOfWork,
    actor: Actor,
    query: AuditQuery | None = None,
    *,
    sort: str = "at",
    descending: bool = True,
    size: int = EXPORT_BATCH,
) -> Iterator[list[AuditRow]]:
    """Every entry matching ``query``, ``size`` at a time, for an export: entries written while
    it runs are left out (the range ends now), so they do not shift the pages."""
    query = query or AuditQuery()
    if query.until is None:
        query = AuditQuery(
            since=query.since,
            until=uow.clock.now(),
            actor=query.actor,
            action=query.action,
            store_id=query.store_id,
            target=query.target,
        )
    offset = 0
    while True:
        page = search(
            uow, actor, query, offset, min(size, MAX_PAGE), sort=sort, descending=descending
        )
        if not page.rows:
            return
        yield page.rows
        offset += len(page.rows)
        if offset >= page.total:
            return


def _masked(key: object, value: object) -> bool:
    return (
        str(key).lower() in SECRET_KEYS
        and value not in (None, "")
        and not isinstance(value, (bool, dict, list))
    )


def shown_detail(detail: object) -> dict:
    """``detail`` with any value under a secret-looking key masked: never shown, never exported
    (defence in depth — no writer should put a secret there)."""

    def clean(value: object) -> object:
        if isinstance(value, dict):
            return {k: "***" if _masked(k, v) else clean(v) for k, v in value.items()}
        if isinstance(value, list):
            return [clean(v) for v in value]
        return value

    if not isinstance(detail, dict):
        return {"value": clean(detail)}
    return clean(detail)  # type: ignore[return-value]
