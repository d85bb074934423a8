"""数据统计's (reports) door to the services: plain functions of plain data, each opening its own
read-only unit of work on the central database, run on the operation runner's workers (never on
the GUI thread). The rules and the figures are ``services.reports``'.

Kept apart from ``backoffice.backend`` like ``stock_ops_backend``: the composition root builds one
over the same central ``Database``.
"""

from __future__ import annotations

from shared.db.uow import Database
from shared.services import reports
from shared.services.auth import Actor
from shared.services.reports import Report, ReportQuery, StoreChoice


class ReportBackend:
    def __init__(self, db: Database) -> None:
        self.db = db

    def stores(self, actor: Actor) -> list[StoreChoice]:
        """The stores ``actor`` may read, for the store filter."""
        with self.db.reader() as uow:
            return reports.stores(uow, actor)

    def report(self, actor: Actor, query: ReportQuery) -> Report:
        """Every figure of the dashboard and its tables, in one read transaction."""
        with self.db.reader() as uow:
            return reports.report(uow, actor, query)
