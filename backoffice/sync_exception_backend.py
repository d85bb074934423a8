"""The sync-exceptions area's (同步异常) door to the services: plain methods of plain data, each
opening its own unit of work on the central database, run on the operation runner's workers
(never on the GUI thread).

Kept apart from ``backoffice.backend`` like ``org_backend``; the composition root builds one over
the same central ``Database``. The rules are ``services.sync_exceptions``'s (who sees which
store, resolving once, the audit entry); the export writes through ``backoffice.export``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from backoffice import export
from shared.db.uow import Database
from shared.services import org_admin, sync_exceptions
from shared.services.auth import Actor
from shared.services.org_admin import StoreChoice
from shared.services.sync_exceptions import ExceptionQuery, Page, SyncExceptionRow


class SyncExceptionBackend:
    def __init__(self, db: Database) -> None:
        self.db = db

    def store_choices(self, actor: Actor) -> list[StoreChoice]:
        """The stores ``actor`` may filter by: an admin every store, a manager their own."""
        with self.db.reader() as uow:
            return org_admin.store_choices(uow, actor)

    def kinds(self, actor: Actor) -> list[str]:
        with self.db.reader() as uow:
            return sync_exceptions.kinds(uow, actor)

    def page(self, actor: Actor, query: ExceptionQuery, offset: int, limit: int) -> Page:
        with self.db.reader() as uow:
            return sync_exceptions.search(uow, actor, query, offset, limit)

    def row(self, actor: Actor, exception_id: str) -> SyncExceptionRow:
        with self.db.reader() as uow:
            return sync_exceptions.exception_row(uow, actor, exception_id)

    def resolve(self, actor: Actor, exception_id: str) -> tuple[bool, SyncExceptionRow]:
        """Mark it handled; (whether this call did, the exception as it now stands: resolved
        by whom and when)."""
        with self.db.uow() as uow:
            changed = sync_exceptions.resolve(uow, actor, exception_id)
        return changed, self.row(actor, exception_id)

    def export(
        self,
        actor: Actor,
        query: ExceptionQuery,
        path: Path,
        headers: Sequence[str],
        cells: Callable[[SyncExceptionRow], Sequence[Any]],
    ) -> int:
        """Every exception matching ``query`` (not only the loaded pages), read in one
        transaction."""
        with self.db.reader() as uow:
            return export.write_table(
                path,
                headers,
                ([cells(r) for r in rows] for rows in sync_exceptions.batches(uow, actor, query)),
            )
