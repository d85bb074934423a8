"""收银终端 (SPEC §1, §13): the terminals of one store or of all, with their number, name, status,
when they were registered and when they last pushed; register a new terminal number for a store
(numbers are unique across the enterprise: they appear in receipt numbers) and retire one, after
a question (its registration is refused from then on; its card-key leases are quarantined).

Admins (``manage_staff``) manage; a manager (``configure_terminal``) sees their own stores'
terminals, read-only. Behaviour only: the layout is ``org_views``, the rows and their text
``org_models``, the rules ``services.org_admin``. Every call to the central database goes
through the operation runner."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtWidgets import QWidget

from backoffice import area_kit
from backoffice.area_kit import Confirmer, SavePathAsker
from backoffice.backend import PAGE_SIZE
from backoffice.coupon_views import keep_columns_fitted
from backoffice.org_backend import OrgBackend
from backoffice.org_models import describe, terminal_model, terminal_status_name
from backoffice.org_views import TerminalAreaView, TerminalDialogView
from backoffice.views import set_message
from shared.domain.clock import Clock
from shared.domain.errors import DomainError
from shared.domain.permissions import Perm
from shared.qt.operations import OperationRunner
from shared.services.auth import Actor
from shared.services.org_admin import (
    TERMINAL_STATUSES,
    StoreChoice,
    TerminalQuery,
    TerminalRow,
)

__all__ = ["TerminalEditor", "TerminalScreen", "describe"]


class TerminalEditor(QObject):
    """登记收银终端: the store (open stores only), the number (the lowest free one suggested),
    a name (empty: "<store name> #<number>")."""

    saved = Signal(object)

    def __init__(
        self,
        parent: QWidget,
        runner: OperationRunner,
        backend: OrgBackend,
        actor: Actor,
        stores: list[StoreChoice],
        *,
        store_id: str | None = None,
    ) -> None:
        super().__init__()
        self.runner = runner
        self.backend = backend
        self.actor = actor
        self.view = TerminalDialogView(parent)
        self.setParent(self.view)
        v = self.view
        v.setWindowTitle(self.tr("Register terminal"))
        v.labels["store_id"].setText(self.tr("Store"))
        v.labels["number"].setText(self.tr("Terminal number"))
        v.labels["name"].setText(self.tr("Name"))
        v.name.setPlaceholderText(self.tr("Optional, e.g. Counter 2 by the door"))
        v.hint.setText(
            self.tr(
                "Terminal numbers are unique across the enterprise: they appear in every receipt "
                "number. Then, on the counter: storedesk terminal register --store <code> "
                "--number <number>"
            )
        )
        for s in stores:
            if s.status == "open":
                v.store.addItem(f"{s.code} {s.name}", s.store_id)
        if store_id is not None:
            v.store.setCurrentIndex(max(0, v.store.findData(store_id)))
        v.save.setText(self.tr("Register"))
        v.cancel.setText(self.tr("Cancel"))
        v.save.clicked.connect(self.save)
        v.cancel.clicked.connect(v.reject)
        self._suggest()

    def _suggest(self) -> None:
        actor, backend = self.actor, self.backend
        self.runner.run(
            lambda: backend.next_terminal_number(actor),
            on_done=self._suggested,
            on_error=self.show_error,
            owner=self.view,
            label="next terminal number",
        )

    def _suggested(self, number: int | None) -> None:
        if number is not None:
            self.view.number.setValue(number)

    def open(self) -> None:
        self.view.open()
        self.view.number.setFocus()
        self.view.number.selectAll()

    def clear_errors(self) -> None:
        for label in self.view.errors.values():
            label.setText("")
            label.setVisible(False)
        set_message(self.view.message, "", "info")

    def show_error(self, exc: BaseException) -> None:
        field = exc.details.get("field") if isinstance(exc, DomainError) else None
        label = self.view.errors.get(str(field)) if field else None
        if label is None:
            set_message(self.view.message, describe(exc))
            return
        set_message(label, describe(exc))
        label.setVisible(True)

    def save(self) -> None:
        self.clear_errors()
        v = self.view
        store_id = v.store.currentData()
        if store_id is None:
            set_message(v.errors["store_id"], self.tr("Choose an open store"))
            v.errors["store_id"].setVisible(True)
            return
        number, name = v.number.value(), v.name.text()
        actor, backend = self.actor, self.backend
        v.save.setEnabled(False)
        self.runner.run(
            lambda: backend.register_terminal(actor, store_id, number, name),
            kind="write",
            on_done=self._saved,
            on_error=self._refused,
            owner=v,
            label="register terminal",
        )

    def _saved(self, row: TerminalRow) -> None:
        self.view.save.setEnabled(True)
        self.saved.emit(row)
        self.view.accept()

    def _refused(self, exc: BaseException) -> None:
        self.view.save.setEnabled(True)
        self.show_error(exc)


class TerminalScreen(QObject):
    def __init__(
        self,
        runner: OperationRunner,
        backend: OrgBackend,
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
        self.ask_save_path = ask_save_path
        self.view = TerminalAreaView(parent)
        self.widget = self.view
        self.confirm: Confirmer = confirm or area_kit.yes_no_dialog(self.view)
        # admins manage; a manager reads their own stores' terminals
        self.can_manage = actor.can(Perm.MANAGE_STAFF)
        self.query = TerminalQuery()
        self.stores: list[StoreChoice] = []
        self.current: TerminalRow | None = None
        self.editor: TerminalEditor | None = None
        self.model = terminal_model(runner, page_size=PAGE_SIZE, parent=self)
        self.view.table.setModel(self.model)
        keep_columns_fitted(self.view.table)
        self.started = False
        self._texts()
        self._wire()
        self._enable_actions()
        self.view.installEventFilter(self)

    def _texts(self) -> None:
        v = self.view
        v.title.setText(self.tr("Terminals"))
        v.status.addItem(self.tr("Any status"), None)
        for status in TERMINAL_STATUSES:
            v.status.addItem(terminal_status_name(status), status)
        v.register.setText(self.tr("Register terminal"))
        v.retire.setText(self.tr("Retire"))
        v.register.setVisible(self.can_manage)
        v.retire.setVisible(self.can_manage)
        v.hint.setText(
            ""
            if self.can_manage
            else self.tr("Read-only: only an administrator registers or retires terminals")
        )
        v.hint.setVisible(not self.can_manage)

    def _wire(self) -> None:
        v = self.view
        v.store.activated.connect(lambda _i: self.apply_filters())
        v.status.activated.connect(lambda _i: self.apply_filters())
        v.register.clicked.connect(self.register_terminal)
        v.retire.clicked.connect(self.retire_terminal)
        self.model.loaded.connect(self._loaded)
        self.model.failed.connect(self._failed)
        v.table.selectionModel().currentRowChanged.connect(
            lambda cur, _prev: self._selected(cur.row())
        )

    def _failed(self, exc: BaseException) -> None:
        set_message(self.view.message, describe(exc))

    def start(self) -> None:
        if self.view.isVisible():
            self._first_load()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is self.view and event.type() == QEvent.Type.Show and not self.started:
            self._first_load()
        return False

    def _first_load(self) -> None:
        """The stores (for the filter and the dialog), then the first page."""
        self.started = True
        self.runner.run(
            lambda: self.backend.store_choices(self.actor),
            on_done=self._stores_loaded,
            on_error=self._failed,
            owner=self.view,
            label="terminal stores",
        )

    def _stores_loaded(self, stores: list[StoreChoice]) -> None:
        self.stores = stores
        combo = self.view.store
        combo.clear()
        if len(stores) != 1:
            combo.addItem(self.tr("All stores"), None)
        for s in stores:
            combo.addItem(f"{s.code} {s.name}", s.store_id)
        self.apply_filters()

    # -- the list ---------------------------------------------------------------------------------
    def apply_filters(self) -> None:
        v = self.view
        self.query = TerminalQuery(store_id=v.store.currentData(), status=v.status.currentData())
        self._reload()

    def _reload(self, *, keep_message: bool = False) -> None:
        if not keep_message:
            set_message(self.view.message, "", "info")
        self.view.summary.setText(self.tr("Loading…"))
        self._selected(-1)
        query, actor, backend = self.query, self.actor, self.backend
        self.model.reload(lambda offset, limit: backend.terminal_page(actor, query, offset, limit))

    def _loaded(self, total: int) -> None:
        self.view.summary.setText(self.tr("{count} terminals").format(count=total))
        if total:
            self.view.table.selectRow(0)

    def _selected(self, row: int) -> None:
        self.current = self.model.row_at(row) if row >= 0 else None
        self._enable_actions()

    def _enable_actions(self) -> None:
        row = self.current
        self.view.register.setEnabled(self.can_manage and bool(self.stores))
        self.view.retire.setEnabled(self.can_manage and row is not None and row.status == "active")

    # -- register / retire ------------------------------------------------------------------------
    def register_terminal(self) -> None:
        if not self.can_manage:
            return
        if self.editor is not None:
            self.editor.view.deleteLater()
        self.editor = TerminalEditor(
            self.view,
            self.runner,
            self.backend,
            self.actor,
            self.stores,
            store_id=self.view.store.currentData(),
        )
        self.editor.saved.connect(self._registered)
        self.editor.open()

    def _registered(self, row: TerminalRow) -> None:
        set_message(
            self.view.message,
            self.tr(
                "Terminal {number} registered for store {store}: on the counter run "
                "storedesk terminal register --store {store} --number {number}"
            ).format(number=row.number, store=row.store_code),
            "info",
        )
        self._reload(keep_message=True)

    def retire_terminal(self) -> None:
        row = self.current
        if row is None or row.status != "active" or not self.can_manage:
            return
        if not self.confirm(
            self.tr("Retire terminal"),
            self.tr(
                "Retire terminal {number} “{name}” of store {store}? It can no longer register "
                "or lease card keys, and its card-key leases are quarantined. This cannot be "
                "undone."
            ).format(number=row.number, name=row.name, store=row.store_code),
        ):
            return
        actor, backend = self.actor, self.backend
        self.view.retire.setEnabled(False)
        self.runner.run(
            lambda: backend.retire_terminal(actor, row.terminal_id),
            kind="write",
            on_done=self._retired,
            on_error=self._retire_refused,
            owner=self.view,
            label="retire terminal",
        )

    def _retired(self, row: TerminalRow) -> None:
        set_message(
            self.view.message,
            self.tr("Terminal {number} of store {store} retired").format(
                number=row.number, store=row.store_code
            ),
            "info",
        )
        self._reload(keep_message=True)

    def _retire_refused(self, exc: BaseException) -> None:
        self._enable_actions()
        self._failed(exc)
