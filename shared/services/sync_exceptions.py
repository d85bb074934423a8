"""The sync exceptions list (central database): documents accepted but flagged for a manager.

A completed sale is never refused by the central side; what looks wrong (a price that no longer
matched head office when it arrived, a sale in a shift the server had closed, a receipt number
already taken, a payment reference used twice, a forked journal) is listed here to review.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from shared.db.models import SyncException
from shared.db.uow import UnitOfWork
from shared.domain.errors import NotFound
from shared.domain.permissions import Perm
from shared.services.auth import Actor, require


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


def resolve(uow: UnitOfWork, actor: Actor, exception_id: str) -> None:
    row = uow.session.get(SyncException, exception_id)
    if row is None:
        raise NotFound("no such sync exception", code="unknown_exception")
    require(actor, Perm.REVIEW_SHIFTS, row.store_id)
    if row.resolved_at is None:
        row.resolved_at = uow.clock.now()
        row.resolved_by = actor.staff_id
    uow.commit()
