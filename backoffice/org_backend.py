"""The organisation areas' (门店, 收银终端, 员工, 操作日志) door to the services: plain functions of
plain data, each opening its own unit of work on the central database, run on the operation
runner's workers (never on the GUI thread).

Kept apart from ``backoffice.backend`` like ``channel_backend``; the composition root builds one
over the same central ``Database``. The rules are ``services.org_admin``'s and
``services.audit_log``'s; the exports write through ``backoffice.export``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from backoffice import export
from shared.db.uow import Database
from shared.domain.errors import ValidationError
from shared.services import audit_log, org_admin
from shared.services.audit_log import AuditQuery, AuditRow
from shared.services.auth import Actor
from shared.services.org_admin import (
    Page,
    SecretReset,
    StaffInput,
    StaffQuery,
    StaffRow,
    StaffSaved,
    StoreChoice,
    StoreImport,
    StoreInput,
    StoreQuery,
    StoreRow,
    TerminalQuery,
    TerminalRow,
)

#: rows per export batch (each batch one read of the list)
EXPORT_BATCH = 500


class OrgBackend:
    def __init__(self, db: Database) -> None:
        self.db = db

    # -- stores -----------------------------------------------------------------------------------
    def store_page(self, actor: Actor, query: StoreQuery, offset: int, limit: int) -> Page:
        with self.db.reader() as uow:
            return org_admin.list_stores(uow, actor, query, offset, limit)

    def store_detail(self, actor: Actor, store_id: str) -> StoreRow:
        with self.db.reader() as uow:
            return org_admin.store_detail(uow, actor, store_id)

    def store_choices(self, actor: Actor) -> list[StoreChoice]:
        with self.db.reader() as uow:
            return org_admin.store_choices(uow, actor)

    def save_store(self, actor: Actor, store_id: str | None, data: StoreInput) -> StoreRow:
        with self.db.uow() as uow:
            if store_id is None:
                return org_admin.create_store(uow, actor, data)
            return org_admin.update_store(uow, actor, store_id, data)

    def set_store_status(self, actor: Actor, store_id: str, status: str) -> StoreRow:
        with self.db.uow() as uow:
            return org_admin.set_store_status(uow, actor, store_id, status)

    def write_store_template(self, path: Path) -> Path:
        return org_admin.write_store_template(path)

    def import_stores(self, actor: Actor, path: Path) -> StoreImport:
        """Read the file here (on the worker), then import it in one transaction."""
        try:
            if Path(path).stat().st_size > org_admin.MAX_IMPORT_BYTES:
                raise ValidationError(
                    f"the file is larger than {org_admin.MAX_IMPORT_BYTES // (1024 * 1024)} MB: "
                    "split it",
                    code="file_too_large",
                    limit_mb=org_admin.MAX_IMPORT_BYTES // (1024 * 1024),
                )
            data = Path(path).read_bytes()
        except OSError as exc:
            raise ValidationError(
                f"the file could not be read: {exc.strerror or exc}", code="file_unreadable"
            ) from None
        with self.db.uow() as uow:
            return org_admin.import_stores_csv(uow, actor, data, Path(path).name)

    def export_stores(
        self,
        actor: Actor,
        query: StoreQuery,
        path: Path,
        headers: Sequence[str],
        cells: Callable[[StoreRow], Sequence[Any]],
    ) -> int:
        return self._export(
            lambda uow, offset: org_admin.list_stores(uow, actor, query, offset, EXPORT_BATCH),
            path,
            headers,
            cells,
        )

    # -- terminals --------------------------------------------------------------------------------
    def terminal_page(self, actor: Actor, query: TerminalQuery, offset: int, limit: int) -> Page:
        with self.db.reader() as uow:
            return org_admin.list_terminals(uow, actor, query, offset, limit)

    def next_terminal_number(self, actor: Actor) -> int | None:
        with self.db.reader() as uow:
            return org_admin.next_terminal_number(uow, actor)

    def register_terminal(
        self, actor: Actor, store_id: str, number: int, name: str = ""
    ) -> TerminalRow:
        with self.db.uow() as uow:
            return org_admin.register_terminal(uow, actor, store_id, number, name)

    def retire_terminal(self, actor: Actor, terminal_id: str) -> TerminalRow:
        with self.db.uow() as uow:
            return org_admin.retire_terminal(uow, actor, terminal_id)

    # -- staff ------------------------------------------------------------------------------------
    def staff_page(self, actor: Actor, query: StaffQuery, offset: int, limit: int) -> Page:
        with self.db.reader() as uow:
            return org_admin.list_staff(uow, actor, query, offset, limit)

    def staff_detail(self, actor: Actor, staff_id: str) -> StaffRow:
        with self.db.reader() as uow:
            return org_admin.staff_detail(uow, actor, staff_id)

    def create_staff(
        self,
        actor: Actor,
        data: StaffInput,
        *,
        password: str | None = None,
        pin: str | None = None,
        with_pin: bool = True,
    ) -> StaffSaved:
        with self.db.uow() as uow:
            return org_admin.create_staff(
                uow, actor, data, password=password, pin=pin, with_pin=with_pin
            )

    def update_staff(self, actor: Actor, staff_id: str, data: StaffInput) -> StaffRow:
        with self.db.uow() as uow:
            return org_admin.update_staff(uow, actor, staff_id, data)

    def set_staff_enabled(self, actor: Actor, staff_id: str, enabled: bool) -> StaffRow:
        with self.db.uow() as uow:
            return org_admin.set_staff_enabled(uow, actor, staff_id, enabled)

    def delete_staff(self, actor: Actor, staff_id: str) -> StaffRow:
        with self.db.uow() as uow:
            return org_admin.delete_staff(uow, actor, staff_id)

    def reset_password(
        self, actor: Actor, staff_id: str, password: str | None = None
    ) -> SecretReset:
        with self.db.uow() as uow:
            return org_admin.reset_password(uow, actor, staff_id, password)

    def reset_pin(self, actor: Actor, staff_id: str, pin: str | None = None) -> SecretReset:
        with self.db.uow() as uow:
            return org_admin.reset_pin(uow, actor, staff_id, pin)

    def export_staff(
        self,
        actor: Actor,
        query: StaffQuery,
        path: Path,
        headers: Sequence[str],
        cells: Callable[[StaffRow], Sequence[Any]],
    ) -> int:
        return self._export(
            lambda uow, offset: org_admin.list_staff(uow, actor, query, offset, EXPORT_BATCH),
            path,
            headers,
            cells,
        )

    # -- the audit log ----------------------------------------------------------------------------
    def audit_page(
        self,
        actor: Actor,
        query: AuditQuery,
        offset: int,
        limit: int,
        sort: str = "at",
        descending: bool = True,
    ) -> audit_log.Page:
        with self.db.reader() as uow:
            return audit_log.search(
                uow, actor, query, offset, limit, sort=sort, descending=descending
            )

    def audit_actions(self, actor: Actor) -> list[str]:
        with self.db.reader() as uow:
            return audit_log.actions(uow, actor)

    def export_audit(
        self,
        actor: Actor,
        query: AuditQuery,
        path: Path,
        headers: Sequence[str],
        cells: Callable[[AuditRow], Sequence[Any]],
        *,
        sort: str = "at",
        descending: bool = True,
    ) -> int:
        """Every entry matching ``query`` (not only the loaded pages), read in one transaction."""
        with self.db.reader() as uow:
            return export.write_table(
                path,
                headers,
                (
                    [cells(r) for r in rows]
                    for rows in audit_log.batches(
                        uow, actor, query, sort=sort, descending=descending
                    )
                ),
            )

    # -- helpers ----------------------------------------------------------------------------------
    def _export(
        self,
        page: Callable[[Any, int], Page],
        path: Path,
        headers: Sequence[str],
        cells: Callable[[Any], Sequence[Any]],
    ) -> int:
        with self.db.reader() as uow:

            def batches():
                offset = 0
                while True:
                    got = page(uow, offset)
                    if not got.rows:
                        return
                    yield [cells(r) for r in got.rows]
                    offset += len(got.rows)
                    if offset >= got.total:
                        return

            return export.write_table(path, headers, batches())
