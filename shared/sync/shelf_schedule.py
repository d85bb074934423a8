"""Scheduled on-shelf and off-shelf (定时上下架, SPEC §2), applied by the central side at the time,
without a daemon.

A product's ``on_shelf_at`` / ``off_shelf_at`` is a time at which head office wants its status
to become ``on`` / ``off``. ``apply_due(session, now)`` applies every schedule whose time has come:
the product's status flips and the applied time is cleared, so it happens once. When both times
are due, the later one decides (on at 09:00, off at 17:00, applied at 18:00: off). Each product is
taken by ONE conditional update on the schedule it was read with (``queries.catalog_admin.
flip_schedule``): a second run — another pull, the back office, racing on PostgreSQL or SQLite —
finds nothing left or loses the update and writes nothing, and an edit of the schedule meanwhile
wins over the stale read. Every product flipped is recorded in the change log in the same
transaction, so the terminals receive it by their next pull.

Where it runs: before the central side hands out head-office changes (the pull handler) and
before the back office reads the product list (``services.catalog_admin`` does the latter).
``apply_due_in(db)`` is the way to call it from outside a transaction: it looks in a read first
and writes only when something is due, and never fails its caller (an error is logged; the next
call tries again).

It lives in ``shared.sync`` because the pull handler (``gateway.InProcessGateway.pull`` and
``snapshot``) calls it; it depends on ``shared.db`` and ``sync.changelog`` only.
"""

from __future__ import annotations

import logging
from datetime import datetime

from sqlalchemy.orm import Session

from shared.db.queries import catalog_admin as q
from shared.db.uow import Database
from shared.sync import changelog

log = logging.getLogger(__name__)

#: products flipped per call at most (a larger backlog is finished by the next calls)
BATCH = 2000


def any_due(session: Session, now: datetime) -> bool:
    """Whether a product has a scheduled on-shelf or off-shelf time at or before ``now``."""
    return q.any_due(session, now)


def outcome(seen: q.DueSchedule, now: datetime) -> tuple[str, datetime | None, datetime | None]:
    """(status, on-shelf time left, off-shelf time left) once ``seen``'s due times are applied."""
    on = seen.on_shelf_at if seen.on_shelf_at is not None and seen.on_shelf_at <= now else None
    off = seen.off_shelf_at if seen.off_shelf_at is not None and seen.off_shelf_at <= now else None
    if on is not None and off is not None:
        status = "off" if off >= on else "on"
    elif on is not None:
        status = "on"
    elif off is not None:
        status = "off"
    else:
        status = seen.status
    return (
        status,
        None if on is not None else seen.on_shelf_at,
        None if off is not None else seen.off_shelf_at,
    )


def apply_due(session: Session, now: datetime) -> int:
    """Apply the schedules due at ``now`` in the caller's transaction (the caller commits);
    returns how many products this call flipped (0: nothing was written)."""
    due = q.due_schedules(session, now, BATCH)
    if not due:
        return 0
    # head-office writers take the change log's lock before writing their rows (PostgreSQL)
    changelog.lock_stream(session)
    applied: list[str] = []
    for seen in due:
        status, on, off = outcome(seen, now)
        if q.flip_schedule(session, seen, status=status, on_shelf_at=on, off_shelf_at=off, now=now):
            applied.append(seen.product_id)
    if applied:
        changelog.record_many(session, "product", q.product_rows(session, applied), at=now)
    return len(applied)


def apply_due_in(db: Database) -> int:
    """``apply_due`` in a transaction of its own, by the database's clock: a read first, a write
    only when something is due. Never raises (logged): a pull or a list is never refused for
    it."""
    try:
        with db.reader() as uow:
            if not q.any_due(uow.session, uow.clock.now()):
                return 0
        with db.uow() as uow:
            applied = apply_due(uow.session, uow.clock.now())
            if applied:
                uow.commit()
            return applied
    except Exception as exc:  # the caller's own work goes on; the next call tries again
        log.warning("applying scheduled on/off shelf failed: %s", exc)
        return 0
