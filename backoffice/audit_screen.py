"""操作日志 (SPEC §14): the audit log, newest first, a page (100 rows) at a time as the list is
scrolled, sorted on the server by a click on a header; filtered by a date range (China time),
who did it (account or part of the name), the action (or a family of actions), the store and
part of the target; the selected entry's detail shown whole and readable; exported to CSV or
XLSX (every matching entry, not only the loaded pages).

An admin reads every entry; a manager the entries of their own stores plus their own
(``services.audit_log`` decides). A secret never shows: the service masks any value under a
secret-looking key. Behaviour only: the layout is ``org_views``, the rows and their text
``org_models``. Every call to the central database goes through the operation runner."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate, QEvent, QObject, Qt
from PySide6.QtWidgets import QWidget

from backoffice import area_kit
from backoffice.area_kit import SavePathAsker
from backoffice.backend import PAGE_SIZE
from backoffice.coupon_views import keep_columns_fitted
from backoffice.org_backend import OrgBackend
from backoffice.org_models import (
    CHINA_TZ,
    action_name,
    actor_text,
    audit_model,
    describe,
    detail_json,
    detail_text,
    local,
)
from backoffice.org_views import AuditAreaView
from backoffice.views import set_message
from shared.domain.clock import Clock, business_date
from shared.domain.permissions import Perm
from shared.qt.operations import OperationRunner
from shared.services.audit_log import AuditQuery, AuditRow
from shared.services.auth import Actor
from shared.services.org_admin import StoreChoice

__all__ = ["AuditScreen", "describe"]

#: days the date filter covers when first switched on (up to today)
DEFAULT_DAYS = 7


class AuditScreen(QObject):
    def __init__(
        self,
        runner: OperationRunner,
        backend: OrgBackend,
        actor: Actor,
        *,
        parent: QWidget,
        clock: Clock,
        ask_save_path: SavePathAsker | None = None,
    ) -> None:
        super().__init__(parent)
        self.runner = runner
        self.backend = backend
        self.actor = actor
        self.clock = clock
        self.view = AuditAreaView(parent)
        self.widget = self.view
        self.ask_save_path: SavePathAsker = ask_save_path or area_kit.save_dialog(
            self.view, self.tr("Export audit log")
        )
        self.query = AuditQuery()
        self.sort, self.descending = "at", True
        self.current: AuditRow | None = None
        self.model = audit_model(runner, page_size=PAGE_SIZE, parent=self)
        self.model.sort_requested = self._sort
        self.view.table.setModel(self.model)
        keep_columns_fitted(self.view.table)
        header = self.view.table.horizontalHeader()
        header.setSortIndicator(0, Qt.SortOrder.DescendingOrder)
        self.view.table.setSortingEnabled(True)
        self.started = False
        self._texts()
        self._default_dates()
        self._wire()
        self.view.installEventFilter(self)

    def _texts(self) -> None:
        v = self.view
        v.title.setText(self.tr("Audit log"))
        v.by_date.setText(self.tr("Date"))
        v.actor.setPlaceholderText(self.tr("Who: account or name"))
        v.target.setPlaceholderText(self.tr("Target contains…"))
        v.search.setText(self.tr("Search"))
        v.reset.setText(self.tr("Reset"))
        v.export_csv.setText(self.tr("Export CSV"))
        v.export_xlsx.setText(self.tr("Export XLSX"))
        v.action.addItem(self.tr("All actions"), None)
        v.detail.setPlaceholderText(self.tr("Choose an entry to see its detail"))

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
        for edit in (v.actor, v.target):
            edit.returnPressed.connect(self.apply_filters)
        v.action.activated.connect(lambda _i: self.apply_filters())
        v.store.activated.connect(lambda _i: self.apply_filters())
        v.by_date.toggled.connect(self._dates_toggled)
        v.table.horizontalHeader().sortIndicatorChanged.connect(self._sort_indicator_moved)
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
        if self.view.isVisible():
            self._first_load()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is self.view and event.type() == QEvent.Type.Show and not self.started:
            self._first_load()
        return False

    def _first_load(self) -> None:
        """The stores and the actions (for the filters), then the first page."""
        self.started = True
        actor, backend = self.actor, self.backend
        self.runner.run(
            lambda: (backend.store_choices(actor), backend.audit_actions(actor)),
            on_done=self._choices_loaded,
            on_error=self._failed,
            owner=self.view,
            label="audit filters",
        )

    def _choices_loaded(self, choices: tuple[list[StoreChoice], list[str]]) -> None:
        stores, actions = choices
        v = self.view
        v.store.clear()
        v.store.addItem(
            self.tr("All stores")
            if self.actor.can(Perm.MANAGE_STAFF)
            else self.tr("My stores and my own actions"),
            None,
        )
        for s in stores:
            v.store.addItem(f"{s.code} {s.name}", s.store_id)
        v.action.clear()
        v.action.addItem(self.tr("All actions"), None)
        families: dict[str, int] = {}
        for a in actions:
            if "." in a:
                family = a.split(".", 1)[0] + "."
                families[family] = families.get(family, 0) + 1
        for family, count in sorted(families.items()):
            if count > 1:
                v.action.addItem(self.tr("{family}* (all)").format(family=family), family)
        for a in actions:
            name = action_name(a)
            v.action.addItem(name if name == a else f"{name} ({a})", a)
        self.apply_filters()

    # -- the list ---------------------------------------------------------------------------------
    @staticmethod
    def _day(edit) -> date:
        return edit.date().toPython()

    def _filters(self) -> AuditQuery:
        v = self.view
        dated = v.by_date.isChecked()
        return AuditQuery(
            since=self._day(v.date_from) if dated else None,
            until=self._day(v.date_to) if dated else None,
            actor=v.actor.text().strip() or None,
            action=v.action.currentData(),
            store_id=v.store.currentData(),
            target=v.target.text().strip() or None,
        )

    def apply_filters(self) -> None:
        self.query = self._filters()
        self._reload()

    def reset_filters(self) -> None:
        v = self.view
        v.actor.clear()
        v.target.clear()
        v.action.setCurrentIndex(0)
        v.store.setCurrentIndex(0)
        self._default_dates()
        self.apply_filters()

    def _sort_indicator_moved(self, column: int, _order: Qt.SortOrder) -> None:
        """A click on a column the service cannot sort by puts the indicator back."""
        if self.model.sort_key(column) is None:
            header = self.view.table.horizontalHeader()
            order = Qt.SortOrder.DescendingOrder if self.descending else Qt.SortOrder.AscendingOrder
            header.blockSignals(True)
            header.setSortIndicator(self.model.sort_column(self.sort), order)
            header.blockSignals(False)

    def _sort(self, key: str, descending: bool) -> None:
        self.sort, self.descending = key, descending
        self._reload()

    def _reload(self) -> None:
        set_message(self.view.message, "", "info")
        self.view.summary.setText(self.tr("Loading…"))
        self._selected(-1)
        query, actor, backend = self.query, self.actor, self.backend
        sort, descending = self.sort, self.descending
        self.model.reload(
            lambda offset, limit: backend.audit_page(
                actor, query, offset, limit, sort=sort, descending=descending
            )
        )

    def _loaded(self, total: int) -> None:
        self.view.summary.setText(self.tr("{count} entries").format(count=total))
        if total:
            self.view.table.selectRow(0)

    def _selected(self, row: int) -> None:
        r = self.current = self.model.row_at(row) if row >= 0 else None
        if r is None:
            self.view.detail.clear()
            return
        head = [
            self.tr("Time: {time}").format(time=local(r.at, "%Y-%m-%d %H:%M:%S")),
            self.tr("Who: {who}").format(who=actor_text(r)),
            self.tr("Action: {name} ({action})").format(
                name=action_name(r.action), action=r.action
            ),
            self.tr("Target: {target}").format(target=r.target or "—"),
            self.tr("Store: {store}").format(store=f"{r.store_code} {r.store_name}".strip() or "—"),
            "",
            detail_json(r.detail),
        ]
        self.view.detail.setPlainText("\n".join(head))

    # -- export -----------------------------------------------------------------------------------
    def _headers(self) -> list[str]:
        return [
            self.tr("Time"),
            self.tr("Account"),
            self.tr("Name"),
            self.tr("Action"),
            self.tr("Action code"),
            self.tr("Target"),
            self.tr("Store"),
            self.tr("Detail"),
        ]

    @staticmethod
    def _cells(r: AuditRow) -> list[object]:
        return [
            local(r.at, "%Y-%m-%d %H:%M:%S"),
            r.actor_account,
            r.actor_name,
            action_name(r.action),
            r.action,
            r.target,
            f"{r.store_code} {r.store_name}".strip(),
            detail_text(r.detail),
        ]

    def export(self, suffix: str) -> None:
        day = business_date(self.clock.now(), CHINA_TZ).isoformat()
        path = area_kit.ask_path(self.ask_save_path, f"audit-log-{day}", suffix)
        if path is None:
            return
        headers = self._headers()
        actor, backend, query = self.actor, self.backend, self.query
        sort, descending = self.sort, self.descending
        area_kit.run_export(
            self.runner,
            describe=describe,
            message=self.view.message,
            owner=self.view,
            path=path,
            job=lambda: backend.export_audit(
                actor, query, path, headers, self._cells, sort=sort, descending=descending
            ),
            label="export audit log",
        )
