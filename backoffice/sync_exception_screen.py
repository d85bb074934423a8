"""同步异常 (sync exceptions): what the central side accepted from a counter but flagged for a
manager (a stale price, a document in a closed shift, a reused receipt number, stock below zero
…), newest first, a page (100 rows) at a time as the list is scrolled; filtered by the store,
the kind, open / handled / all (open at first) and a date range (China time). Each kind is
shown in words, with a line saying what it means and what to do; the document by its receipt
or refund number; the detail readable. The selected exception's whole detail is shown below the
list; "Mark as handled" asks first, then resolves it (once: the service keeps the first
resolver, and audits it). Exported to CSV or XLSX (every matching exception, not only the loaded
pages).

An admin reads every store's exceptions; a manager their own stores' (``services.
sync_exceptions`` decides). Behaviour only: the layout is ``sync_exception_views``, the rows and
their text ``sync_exception_models``. Every call to the central database goes through the
operation runner."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate, QEvent, QObject, Qt
from PySide6.QtWidgets import QWidget

from backoffice import area_kit
from backoffice.area_kit import Confirmer, SavePathAsker
from backoffice.backend import PAGE_SIZE
from backoffice.coupon_views import keep_columns_fitted
from backoffice.org_models import CHINA_TZ, local
from backoffice.sync_exception_backend import SyncExceptionBackend
from backoffice.sync_exception_models import (
    TIME,
    describe,
    detail_json,
    detail_lines,
    detail_text,
    document_text,
    exception_model,
    kind_explanation,
    kind_name,
    resolver_text,
    state_text,
    store_text,
    terminal_text,
)
from backoffice.sync_exception_views import SyncExceptionAreaView
from backoffice.views import set_message
from shared.domain.clock import Clock, business_date
from shared.domain.permissions import Perm
from shared.qt.operations import OperationRunner
from shared.services.auth import Actor
from shared.services.org_admin import StoreChoice
from shared.services.sync_exceptions import KINDS, ExceptionQuery, SyncExceptionRow

__all__ = ["SyncExceptionScreen", "describe"]

#: days the date filter covers when first switched on (up to today)
DEFAULT_DAYS = 7


class SyncExceptionScreen(QObject):
    def __init__(
        self,
        runner: OperationRunner,
        backend: SyncExceptionBackend,
        actor: Actor,
        *,
        parent: QWidget,
        clock: Clock,
        ask_save_path: SavePathAsker | None = None,
        confirm: Confirmer | None = None,
    ) -> None:
        super().__init__(parent)
        self.runner = runner
        self.backend = backend
        self.actor = actor
        self.clock = clock
        self.view = SyncExceptionAreaView(parent)
        self.widget = self.view
        self.ask_save_path: SavePathAsker = ask_save_path or area_kit.save_dialog(
            self.view, self.tr("Export sync exceptions")
        )
        self.confirm: Confirmer = confirm or area_kit.yes_no_dialog(self.view)
        self.query = ExceptionQuery()
        self.current: SyncExceptionRow | None = None
        self.model = exception_model(runner, page_size=PAGE_SIZE, parent=self)
        self.view.table.setModel(self.model)
        keep_columns_fitted(self.view.table)
        self.started = False
        self._texts()
        self._default_dates()
        self._wire()
        self._enable_actions()
        self.view.installEventFilter(self)

    def _texts(self) -> None:
        v = self.view
        v.title.setText(self.tr("Sync exceptions"))
        v.store.addItem(self.tr("All stores"), None)
        v.kind.addItem(self.tr("All kinds"), None)
        v.state.addItem(self.tr("Open"), "open")
        v.state.addItem(self.tr("Handled"), "resolved")
        v.state.addItem(self.tr("All"), "all")
        v.by_date.setText(self.tr("Date"))
        v.search.setText(self.tr("Search"))
        v.reset.setText(self.tr("Reset"))
        v.resolve.setText(self.tr("Mark as handled"))
        v.resolve.setToolTip(
            self.tr("The exception leaves the open list; the audit log records who handled it")
        )
        v.export_csv.setText(self.tr("Export CSV"))
        v.export_xlsx.setText(self.tr("Export XLSX"))
        v.detail.setPlaceholderText(self.tr("Choose an exception to see its detail"))

    def _default_dates(self) -> None:
        today = business_date(self.clock.now(), CHINA_TZ)
        self.view.date_to.setDate(QDate(today.year, today.month, today.day))
        start = today - timedelta(days=DEFAULT_DAYS - 1)
        self.view.date_from.setDate(QDate(start.year, start.month, start.day))
        self.view.by_date.setChecked(False)
        self._dates_toggled(False)

    def _wire(self) -> None:
        v = self.view
        v.search.clicked.connect(self.apply_filters)
        v.reset.clicked.connect(self.reset_filters)
        v.store.activated.connect(lambda _i: self.apply_filters())
        v.kind.activated.connect(lambda _i: self.apply_filters())
        v.state.activated.connect(lambda _i: self.apply_filters())
        v.by_date.toggled.connect(self._dates_toggled)
        v.resolve.clicked.connect(self.resolve)
        v.export_csv.clicked.connect(lambda: self.export(".csv"))
        v.export_xlsx.clicked.connect(lambda: self.export(".xlsx"))
        self.model.loaded.connect(self._loaded)
        self.model.failed.connect(self._failed)
        v.table.selectionModel().currentRowChanged.connect(
            lambda cur, _prev: self._selected(cur.row())
        )

    def _failed(self, exc: BaseException) -> None:
        set_message(self.view.message, describe(exc))

    def _dates_toggled(self, on: bool) -> None:
        self.view.date_from.setEnabled(on)
        self.view.date_to.setEnabled(on)

    def start(self) -> None:
        """Load when the area is first shown: an area not opened reads nothing at sign-in."""
        if self.view.isVisible():
            self._first_load()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is self.view and event.type() == QEvent.Type.Show and not self.started:
            self._first_load()
        return False

    def _first_load(self) -> None:
        """The stores and the kinds that occur (for the filters), then the first page."""
        self.started = True
        actor, backend = self.actor, self.backend
        self.runner.run(
            lambda: (backend.store_choices(actor), backend.kinds(actor)),
            on_done=self._choices_loaded,
            on_error=self._failed,
            owner=self.view,
            label="sync exception filters",
        )

    def _choices_loaded(self, choices: tuple[list[StoreChoice], list[str]]) -> None:
        stores, kinds = choices
        v = self.view
        v.store.clear()
        v.store.addItem(
            self.tr("All stores") if self.actor.can(Perm.MANAGE_STAFF) else self.tr("My stores"),
            None,
        )
        for s in stores:
            v.store.addItem(f"{s.code} {s.name}", s.store_id)
        v.kind.clear()
        v.kind.addItem(self.tr("All kinds"), None)
        known = [k for k in KINDS if k in kinds] + sorted(k for k in kinds if k not in KINDS)
        for k in known:
            v.kind.addItem(kind_name(k), k)
            v.kind.setItemData(v.kind.count() - 1, kind_explanation(k), Qt.ItemDataRole.ToolTipRole)
        self.apply_filters()

    # -- the list ---------------------------------------------------------------------------------
    @staticmethod
    def _day(edit) -> date:
        return edit.date().toPython()

    def _filters(self) -> ExceptionQuery:
        v = self.view
        dated = v.by_date.isChecked()
        return ExceptionQuery(
            store_id=v.store.currentData(),
            kind=v.kind.currentData(),
            state=v.state.currentData() or "open",
            since=self._day(v.date_from) if dated else None,
            until=self._day(v.date_to) if dated else None,
        )

    def apply_filters(self) -> None:
        self.query = self._filters()
        self._reload()

    def reset_filters(self) -> None:
        v = self.view
        v.store.setCurrentIndex(0)
        v.kind.setCurrentIndex(0)
        v.state.setCurrentIndex(0)
        self._default_dates()
        self.apply_filters()

    def _reload(self, *, keep_message: bool = False) -> None:
        if not keep_message:
            set_message(self.view.message, "", "info")
        self.view.summary.setText(self.tr("Loading…"))
        self._selected(-1)
        query, actor, backend = self.query, self.actor, self.backend
        self.model.reload(lambda offset, limit: backend.page(actor, query, offset, limit))

    def _loaded(self, total: int) -> None:
        self.view.summary.setText(self.tr("{count} exceptions").format(count=total))
        if total:
            self.view.table.selectRow(0)

    def _selected(self, row: int) -> None:
        r = self.current = self.model.row_at(row) if row >= 0 else None
        self._enable_actions()
        if r is None:
            self.view.detail.clear()
            return
        lines = [
            kind_name(r.kind),
            kind_explanation(r.kind),
            "",
            self.tr("Time: {time}").format(time=local(r.created_at, TIME)),
            self.tr("Store: {store}").format(store=store_text(r)),
            self.tr("Terminal: {number}").format(number=terminal_text(r)),
            self.tr("Document: {document} ({id})").format(
                document=document_text(r), id=r.document_id
            ),
            self.tr("State: {state}").format(state=state_text(r)),
            "",
            *detail_lines(r),
            "",
            self.tr("As stored:"),
            detail_json(r),
        ]
        self.view.detail.setPlainText("\n".join(lines))

    def _enable_actions(self) -> None:
        row = self.current
        self.view.resolve.setEnabled(row is not None and row.resolved_at is None)

    # -- resolve ----------------------------------------------------------------------------------
    def resolve(self) -> None:
        row = self.current
        if row is None or row.resolved_at is not None:
            return
        if not self.confirm(
            self.tr("Mark as handled"),
            self.tr(
                "Mark “{kind}” of {document} at {store} as handled? It leaves the list of open "
                "exceptions; the audit log records that you handled it."
            ).format(kind=kind_name(row.kind), document=document_text(row), store=store_text(row)),
        ):
            return
        actor, backend = self.actor, self.backend
        self.view.resolve.setEnabled(False)
        self.runner.run(
            lambda: backend.resolve(actor, row.id),
            kind="write",
            on_done=self._resolved,
            on_error=self._resolve_refused,
            owner=self.view,
            label="resolve sync exception",
        )

    def _resolved(self, result: tuple[bool, SyncExceptionRow]) -> None:
        changed, row = result
        if changed:
            set_message(
                self.view.message,
                self.tr("“{kind}” of {document} marked as handled").format(
                    kind=kind_name(row.kind), document=document_text(row)
                ),
                "info",
            )
        else:
            set_message(
                self.view.message,
                self.tr("This exception was already handled by {who}, {time}").format(
                    who=resolver_text(row), time=local(row.resolved_at)
                ),
            )
        self._reload(keep_message=True)

    def _resolve_refused(self, exc: BaseException) -> None:
        self._enable_actions()
        self._failed(exc)

    # -- export -----------------------------------------------------------------------------------
    def _headers(self) -> list[str]:
        return [
            self.tr("Time"),
            self.tr("Store"),
            self.tr("Terminal"),
            self.tr("Kind"),
            self.tr("Kind code"),
            self.tr("Document"),
            self.tr("Document id"),
            self.tr("Detail"),
            self.tr("State"),
        ]

    @staticmethod
    def _cells(r: SyncExceptionRow) -> list[object]:
        return [
            local(r.created_at, TIME),
            store_text(r),
            r.terminal_number if r.terminal_number is not None else "",
            kind_name(r.kind),
            r.kind,
            document_text(r),
            r.document_id,
            detail_text(r),
            state_text(r),
        ]

    def export(self, suffix: str) -> None:
        day = business_date(self.clock.now(), CHINA_TZ).isoformat()
        path = area_kit.ask_path(self.ask_save_path, f"sync-exceptions-{day}", suffix)
        if path is None:
            return
        headers = self._headers()
        actor, backend, query = self.actor, self.backend, self.query
        area_kit.run_export(
            self.runner,
            describe=describe,
            message=self.view.message,
            owner=self.view,
            path=path,
            job=lambda: backend.export(actor, query, path, headers, self._cells),
            label="export sync exceptions",
        )
