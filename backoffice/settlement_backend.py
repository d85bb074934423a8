"""The store-settlement area's (门店结算) door to the services: plain methods of plain data, each
opening its own unit of work on the central database, run on the operation runner's workers
(never on the GUI thread). Qt-free.

Writes (build, confirm, settle) open ``db.uow()``; reads (stores, the statement list, one
statement, a page of the records behind a figure) open ``db.reader()``, so they never queue
behind a writer. The rules — permission, store scope, periods, freezing — are
``services.settlement``'s; the PDF and XLSX of a statement are ``services.settlement_export``'s.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Generic, TypeVar

from shared.db.queries.settlement import RecordRow
from shared.db.uow import Database
from shared.services import settlement
from shared.services.auth import Actor
from shared.services.settlement import StatementFilter, StatementView, StoreChoice

Row = TypeVar("Row")


@dataclass(frozen=True)
class Page(Generic[Row]):
    """One page of a list (what ``backoffice.models.PagedTableModel`` fetches)."""

    rows: list[Row]
    #: None: not counted again (the list keeps its first page's total)
    total: int | None


class SettlementBackend:
    def __init__(self, db: Database) -> None:
        self.db = db

    # -- reads ------------------------------------------------------------------------------------
    def stores(self, actor: Actor) -> list[StoreChoice]:
        """The stores ``actor`` may settle, with each one's period (day / week / month)."""
        with self.db.reader() as uow:
            return settlement.stores(uow, actor)

    def statement_page(
        self, actor: Actor, flt: StatementFilter, offset: int, limit: int
    ) -> Page[StatementView]:
        with self.db.reader() as uow:
            rows, total = settlement.list_statements(uow, actor, flt, offset=offset, limit=limit)
        return Page(rows, total)

    def get(self, actor: Actor, statement_id: str) -> StatementView:
        with self.db.reader() as uow:
            return settlement.get(uow, actor, statement_id)

    def records_page(
        self,
        actor: Actor,
        statement_id: str,
        kind: str,
        method: str | None,
        offset: int,
        limit: int,
    ) -> Page[RecordRow]:
        """A page of the records behind one figure (``db.queries.settlement.DRILL_KINDS``)."""
        with self.db.reader() as uow:
            # counted with the first page only: the list keeps that total
            rows, total = settlement.records(
                uow,
                actor,
                statement_id,
                kind,
                method=method,
                offset=offset,
                limit=limit,
                count=offset == 0,
            )
        return Page(rows, total)

    # -- writes -----------------------------------------------------------------------------------
    def build(self, actor: Actor, store_code: str, period_text: str) -> StatementView:
        """Make or refresh the draft of the store's period (a frozen one comes back as it is)."""
        with self.db.uow() as uow:
            return settlement.build(uow, actor, store_code, period_text)

    def confirm(self, actor: Actor, statement_id: str) -> StatementView:
        with self.db.uow() as uow:
            return settlement.confirm(uow, actor, statement_id)

    def settle(
        self, actor: Actor, statement_id: str, payment_ref: str, settled_on: date | None
    ) -> StatementView:
        with self.db.uow() as uow:
            return settlement.settle(uow, actor, statement_id, payment_ref, settled_on)

    # -- exports ----------------------------------------------------------------------------------
    def export_pdf(
        self, actor: Actor, statement_id: str, path: Path, language: str = "zh_CN"
    ) -> Path:
        """The statement as a PDF at ``path`` in ``language`` (``zh_CN`` or ``en``); the path
        written."""
        from shared.services import settlement_export

        with self.db.reader() as uow:
            return Path(
                settlement_export.write_pdf(uow, actor, statement_id, Path(path), language=language)
            )

    def export_xlsx(self, actor: Actor, statement_id: str, path: Path) -> Path:
        """The statement (its figures and the records behind them) as an XLSX workbook."""
        from shared.services import settlement_export

        with self.db.reader() as uow:
            return Path(settlement_export.write_xlsx(uow, actor, statement_id, Path(path)))

    def export_archive(self, actor: Actor, store_code: str, month: str, path: Path) -> Path:
        """The store-month's audit archive (its sales, refunds and statements) as XLSX."""
        from shared.services import settlement_export

        with self.db.reader() as uow:
            return Path(
                settlement_export.write_month_archive(uow, actor, store_code, month, Path(path))
            )


__all__ = ["Page", "SettlementBackend"]
