"""门店 (SPEC §1): the stores, filtered by a search (code, name, address, phone) and status; a
dialog to add or edit a store (each refusal under its field, the dialog stays open with what was
typed); open / close a store (closing asks first); a CSV template to download and a CSV import
with a report of the rows not imported (row, column, reason); export of the list to CSV / XLSX.

For admins (``manage_staff``). Behaviour only: the layout is ``org_views``, the rows and their
text ``org_models``, the rules ``services.org_admin``. Every call to the central database goes
through the operation runner (``OrgBackend`` methods run on its workers)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtWidgets import QFileDialog, QWidget

from backoffice import area_kit
from backoffice.area_kit import Confirmer, SavePathAsker
from backoffice.backend import PAGE_SIZE
from backoffice.coupon_views import keep_columns_fitted
from backoffice.org_backend import OrgBackend
from backoffice.org_models import (
    describe,
    import_model,
    percent,
    period_name,
    store_model,
    store_status_name,
)
from backoffice.org_views import ImportReportView, StoreAreaView, StoreDialogView
from backoffice.views import set_message
from shared.domain.clock import Clock, business_date
from shared.domain.errors import DomainError
from shared.qt.operations import OperationRunner
from shared.services.auth import Actor
from shared.services.org_admin import (
    SETTLEMENT_PERIODS,
    STORE_STATUSES,
    StoreImport,
    StoreInput,
    StoreQuery,
    StoreRow,
    input_from_store,
)

__all__ = ["StoreEditor", "StoreScreen", "describe"]

#: asks for a file to read: (file-type filter) -> a path, or None to cancel
OpenPathAsker = Callable[[str], str | None]
CHINA_TZ = "Asia/Shanghai"


class StoreEditor(QObject):
    """添加 / 编辑门店. Saves through the service; a refusal is shown under its field and the
    dialog stays open with what was typed."""

    saved = Signal(object)

    def __init__(
        self,
        parent: QWidget,
        runner: OperationRunner,
        backend: OrgBackend,
        actor: Actor,
        *,
        row: StoreRow | None = None,
    ) -> None:
        super().__init__()
        self.runner = runner
        self.backend = backend
        self.actor = actor
        self.row = row
        self.view = StoreDialogView(parent)
        self.setParent(self.view)  # goes with its dialog
        self._texts()
        self._prefill(input_from_store(row) if row else StoreInput(code="", name=""))
        self.view.save.clicked.connect(lambda: self.save())
        self.view.cancel.clicked.connect(self.view.reject)

    def _texts(self) -> None:
        v = self.view
        v.setWindowTitle(self.tr("Edit store") if self.row else self.tr("Add store"))
        labels = {
            "code": self.tr("Store code"),
            "name": self.tr("Store name"),
            "address": self.tr("Address"),
            "phone": self.tr("Phone"),
            "introduction": self.tr("Introduction"),
            "status": self.tr("Status"),
            "settlement_period": self.tr("Settlement period"),
            "fee_rate_bp": self.tr("Fee rate"),
        }
        for key, text in labels.items():
            v.labels[key].setText(text)
        v.code.setPlaceholderText(self.tr("1 to 16 letters or digits, e.g. S03"))
        v.name.setPlaceholderText(self.tr("e.g. XX convenience store, Pudong"))
        v.phone.setPlaceholderText(self.tr("e.g. 021-6288 0101"))
        v.introduction.setPlaceholderText(self.tr("Opening hours, services … (optional)"))
        for status in STORE_STATUSES:
            v.status.addItem(store_status_name(status), status)
        for period in SETTLEMENT_PERIODS:
            v.period.addItem(period_name(period), period)
        v.fee.setToolTip(self.tr("Head office's commission on the store's income, e.g. 0.60 %"))
        v.save.setText(self.tr("Save"))
        v.cancel.setText(self.tr("Cancel"))

    def _prefill(self, data: StoreInput) -> None:
        v = self.view
        v.code.setText(data.code)
        v.name.setText(data.name)
        v.address.setText(data.address)
        v.phone.setText(data.phone)
        v.introduction.setPlainText(data.introduction)
        v.status.setCurrentIndex(max(0, v.status.findData(data.status)))
        v.period.setCurrentIndex(max(0, v.period.findData(data.settlement_period)))
        v.fee.setValue(data.fee_rate_bp / 100)

    def open(self) -> None:
        self.view.open()
        (self.view.name if self.row else self.view.code).setFocus()

    def clear_errors(self) -> None:
        for label in self.view.errors.values():
            label.setText("")
            label.setVisible(False)
        set_message(self.view.message, "", "info")

    def show_error(self, exc: BaseException) -> None:
        """Under the field the refusal names, else at the foot of the dialog."""
        field = exc.details.get("field") if isinstance(exc, DomainError) else None
        label = self.view.errors.get(str(field)) if field else None
        if label is None:
            set_message(self.view.message, describe(exc))
            return
        set_message(label, describe(exc))
        label.setVisible(True)

    def collect(self) -> StoreInput:
        v = self.view
        return StoreInput(
            code=v.code.text(),
            name=v.name.text(),
            address=v.address.text(),
            phone=v.phone.text(),
            introduction=v.introduction.toPlainText(),
            status=v.status.currentData(),
            settlement_period=v.period.currentData(),
            fee_rate_bp=round(v.fee.value() * 100),
        )

    def save(self) -> None:
        self.clear_errors()
        data = self.collect()
        self.view.save.setEnabled(False)
        actor, backend = self.actor, self.backend
        store_id = self.row.store_id if self.row else None
        self.runner.run(
            lambda: backend.save_store(actor, store_id, data),
            kind="write",
            on_done=self._saved,
            on_error=self._refused,
            owner=self.view,
            label="save store",
        )

    def _saved(self, row: StoreRow) -> None:
        self.view.save.setEnabled(True)
        self.saved.emit(row)
        self.view.accept()

    def _refused(self, exc: BaseException) -> None:
        self.view.save.setEnabled(True)
        self.show_error(exc)


class StoreScreen(QObject):
    def __init__(
        self,
        runner: OperationRunner,
        backend: OrgBackend,
        actor: Actor,
        *,
        parent: QWidget,
        clock: Clock,
        ask_save_path: SavePathAsker | None = None,
        ask_open_path: OpenPathAsker | None = None,
        confirm: Confirmer | None = None,
    ) -> None:
        super().__init__(parent)
        self.runner = runner
        self.backend = backend
        self.actor = actor
        self.clock = clock
        self.view = StoreAreaView(parent)
        self.widget = self.view
        self.ask_save_path: SavePathAsker = ask_save_path or area_kit.save_dialog(
            self.view, self.tr("Save")
        )
        self.ask_open_path: OpenPathAsker = ask_open_path or self._open_dialog
        self.confirm: Confirmer = confirm or area_kit.yes_no_dialog(self.view)
        self.query = StoreQuery()
        self.current: StoreRow | None = None
        self.editor: StoreEditor | None = None
        self.report: ImportReportView | None = None
        self.model = store_model(runner, page_size=PAGE_SIZE, parent=self)
        self.view.table.setModel(self.model)
        keep_columns_fitted(self.view.table)
        self.started = False
        self._texts()
        self._wire()
        self._enable_actions()
        self.view.installEventFilter(self)

    def _texts(self) -> None:
        v = self.view
        v.title.setText(self.tr("Stores"))
        v.text.setPlaceholderText(self.tr("Code, name, address or phone"))
        v.status.addItem(self.tr("Any status"), None)
        for status in STORE_STATUSES:
            v.status.addItem(store_status_name(status), status)
        v.search.setText(self.tr("Search"))
        v.new.setText(self.tr("Add store"))
        v.edit.setText(self.tr("Edit"))
        v.toggle.setText(self.tr("Close store"))
        v.template.setText(self.tr("Download template"))
        v.import_csv.setText(self.tr("Import CSV…"))
        v.export_csv.setText(self.tr("Export CSV"))
        v.export_xlsx.setText(self.tr("Export XLSX"))

    def _wire(self) -> None:
        v = self.view
        v.search.clicked.connect(self.apply_filters)
        v.text.returnPressed.connect(self.apply_filters)
        v.status.activated.connect(lambda _i: self.apply_filters())
        v.new.clicked.connect(lambda: self._open_editor(None))
        v.edit.clicked.connect(self.edit_store)
        v.table.activated.connect(lambda _index: self.edit_store())
        v.toggle.clicked.connect(self.toggle_store)
        v.template.clicked.connect(self.download_template)
        v.import_csv.clicked.connect(self.import_stores)
        v.export_csv.clicked.connect(lambda: self.export(".csv"))
        v.export_xlsx.clicked.connect(lambda: self.export(".xlsx"))
        self.model.loaded.connect(self._loaded)
        self.model.failed.connect(self._failed)
        v.table.selectionModel().currentRowChanged.connect(
            lambda cur, _prev: self._selected(cur.row())
        )

    def _failed(self, exc: BaseException) -> None:
        set_message(self.view.message, describe(exc))

    def start(self) -> None:
        """Load when the area is first shown: an area not opened reads nothing at sign-in."""
        if self.view.isVisible():
            self._first_load()

    def _first_load(self) -> None:
        self.started = True
        self.apply_filters()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is self.view and event.type() == QEvent.Type.Show and not self.started:
            self._first_load()
        return False

    # -- the list ---------------------------------------------------------------------------------
    def apply_filters(self) -> None:
        v = self.view
        self.query = StoreQuery(text=v.text.text().strip() or None, status=v.status.currentData())
        self._reload()

    def _reload(self, *, keep_message: bool = False) -> None:
        if not keep_message:
            set_message(self.view.message, "", "info")
        self.view.summary.setText(self.tr("Loading…"))
        self._selected(-1)
        query, actor, backend = self.query, self.actor, self.backend
        self.model.reload(lambda offset, limit: backend.store_page(actor, query, offset, limit))

    def _loaded(self, total: int) -> None:
        self.view.summary.setText(self.tr("{count} stores").format(count=total))
        if total:
            self.view.table.selectRow(0)

    def _selected(self, row: int) -> None:
        self.current = self.model.row_at(row) if row >= 0 else None
        self._enable_actions()

    def _enable_actions(self) -> None:
        row = self.current
        self.view.edit.setEnabled(row is not None)
        self.view.toggle.setEnabled(row is not None)
        self.view.toggle.setText(
            self.tr("Reopen store")
            if row is not None and row.status == "closed"
            else self.tr("Close store")
        )

    # -- add / edit -------------------------------------------------------------------------------
    def edit_store(self) -> None:
        if self.current is None:
            return
        actor, backend, store_id = self.actor, self.backend, self.current.store_id
        self.runner.run(
            lambda: backend.store_detail(actor, store_id),
            on_done=self._open_editor,
            on_error=self._failed,
            owner=self.view,
            label="store detail",
        )

    def _open_editor(self, row: StoreRow | None) -> None:
        if self.editor is not None:  # one dialog at a time: the last one is done with
            self.editor.view.deleteLater()
        self.editor = StoreEditor(self.view, self.runner, self.backend, self.actor, row=row)
        self.editor.saved.connect(self._saved)
        self.editor.open()

    def _saved(self, row: StoreRow) -> None:
        set_message(
            self.view.message,
            self.tr("Store {code} “{name}” saved").format(code=row.code, name=row.name),
            "info",
        )
        self._reload(keep_message=True)

    # -- open / close -----------------------------------------------------------------------------
    def toggle_store(self) -> None:
        row = self.current
        if row is None:
            return
        status = "open" if row.status == "closed" else "closed"
        if status == "closed" and not self.confirm(
            self.tr("Close store"),
            self.tr(
                "Close store {code} “{name}”? No terminal can be added to it while it is closed; "
                "its records stay."
            ).format(code=row.code, name=row.name),
        ):
            return
        actor, backend = self.actor, self.backend
        self.view.toggle.setEnabled(False)
        self.runner.run(
            lambda: backend.set_store_status(actor, row.store_id, status),
            kind="write",
            on_done=self._toggled,
            on_error=self._toggle_refused,
            owner=self.view,
            label="open or close store",
        )

    def _toggled(self, row: StoreRow) -> None:
        text = (
            self.tr("Store {code} reopened")
            if row.status == "open"
            else self.tr("Store {code} closed")
        )
        set_message(self.view.message, text.format(code=row.code), "info")
        self._reload(keep_message=True)

    def _toggle_refused(self, exc: BaseException) -> None:
        self._enable_actions()
        self._failed(exc)

    # -- template and import ----------------------------------------------------------------------
    def download_template(self) -> None:
        path = area_kit.ask_path(self.ask_save_path, "stores-template", ".csv")
        if path is None:
            return
        backend = self.backend
        self.runner.run(
            lambda: backend.write_store_template(path),
            kind="device",
            on_done=lambda p: set_message(
                self.view.message,
                self.tr("Template saved to {path}").format(path=str(p)),
                "info",
            ),
            on_error=self._failed,
            owner=self.view,
            label="write store template",
        )

    def import_stores(self) -> None:
        chosen = self.ask_open_path(self.tr("CSV files (*.csv);;All files (*)"))
        if not chosen:
            return
        path = Path(chosen)
        actor, backend = self.actor, self.backend
        set_message(self.view.message, self.tr("Importing…"), "info")
        self.view.import_csv.setEnabled(False)
        self.runner.run(
            lambda: backend.import_stores(actor, path),
            kind="write",
            on_done=self._imported,
            on_error=self._import_failed,
            owner=self.view,
            label="import stores",
        )

    def _import_failed(self, exc: BaseException) -> None:
        self.view.import_csv.setEnabled(True)
        self._failed(exc)

    def _imported(self, result: StoreImport) -> None:
        self.view.import_csv.setEnabled(True)
        counts = self.tr(
            "{read} rows read: {imported} stores added, {rejected} rows rejected"
        ).format(read=result.read, imported=result.imported, rejected=result.rejected)
        set_message(self.view.message, counts, "error" if result.problems else "info")
        self._reload(keep_message=True)
        if not result.problems:
            return
        if self.report is not None:
            self.report.deleteLater()
        report = self.report = ImportReportView(self.view)
        report.setWindowTitle(self.tr("Import report"))
        report.counts.setText(counts)
        report.close_button.setText(self.tr("Close"))
        report.table.setModel(import_model(list(result.problems), report))
        report.close_button.clicked.connect(report.accept)
        report.open()

    def _open_dialog(self, kind: str) -> str | None:
        path, _ = QFileDialog.getOpenFileName(self.view, self.tr("Import stores"), "", kind)
        return path or None

    # -- export -----------------------------------------------------------------------------------
    def _headers(self) -> list[str]:
        return [
            self.tr("Code"),
            self.tr("Name"),
            self.tr("Address"),
            self.tr("Phone"),
            self.tr("Status"),
            self.tr("Settlement period"),
            self.tr("Fee rate"),
            self.tr("Active terminals"),
            self.tr("Staff"),
            self.tr("Introduction"),
        ]

    @staticmethod
    def _cells(r: StoreRow) -> list[object]:
        return [
            r.code,
            r.name,
            r.address,
            r.phone,
            store_status_name(r.status),
            period_name(r.settlement_period),
            percent(r.fee_rate_bp),
            r.terminals,
            r.staff,
            r.introduction,
        ]

    def export(self, suffix: str) -> None:
        day = business_date(self.clock.now(), CHINA_TZ).isoformat()
        path = area_kit.ask_path(self.ask_save_path, f"stores-{day}", suffix)
        if path is None:
            return
        headers, cells = self._headers(), self._cells
        actor, backend, query = self.actor, self.backend, self.query
        area_kit.run_export(
            self.runner,
            describe=describe,
            message=self.view.message,
            owner=self.view,
            path=path,
            job=lambda: backend.export_stores(actor, query, path, headers, cells),
            label="export stores",
        )
