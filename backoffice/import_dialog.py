"""导入商品 / 导入期初库存 (SPEC §2, §10, §15): a dialog over ``services.product_io``.

Download the template, choose a file, and the import runs on the writer thread through the
operation runner while a progress dialog shows how far it is; Cancel closes the import
generator, so nothing is committed (the service rolls back). Then the counts (new, updated,
unchanged, rejected; or posted and rejected for opening stock) and a table of the rejected rows
(row, column, reason), which can be saved as an error report (CSV or XLSX).

The worker never touches a widget: it drives the generator and leaves the latest progress in a
``JobState`` that a timer on the GUI thread reads; Cancel sets the state's event, which the
worker checks between two steps.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Generator
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QProgressDialog,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from backoffice.area_kit import SavePathAsker, file_filter, save_dialog
from backoffice.backend import BackofficeBackend
from backoffice.stock_models import describe
from backoffice.views import set_message, table_view
from shared.db.uow import Database
from shared.qt.operations import OperationRunner
from shared.services import product_io
from shared.services.auth import Actor
from shared.services.product_io import OpeningImport, ProductImport, Progress, RowError

#: asks for a file to read: (file-type filter) -> a path, or None to cancel
OpenPathAsker = Callable[[str], str | None]

KINDS = ("products", "opening")
#: how often the GUI reads the worker's progress (ms)
POLL_MS = 100


class JobState:
    """What the worker and the GUI share: the latest progress and the cancel request."""

    def __init__(self) -> None:
        self.done = 0
        self.total = 0
        self.cancel = threading.Event()


def drive(job: Generator[Progress, None, Any], state: JobState) -> Any:
    """Run ``job`` to its end, leaving its progress in ``state``; when cancelled, close it (the
    service rolls back) and return None."""
    while True:
        if state.cancel.is_set():
            job.close()
            return None
        try:
            done, total = next(job)
        except StopIteration as stop:
            return stop.value
        state.done, state.total = done, total


def run_import(
    db: Database, actor: Actor, kind: str, path: Path, state: JobState
) -> ProductImport | OpeningImport | None:
    """One import in one unit of work (worker thread). None when cancelled."""
    with db.uow() as uow:
        if kind == "products":
            return drive(product_io.import_products(uow, actor, path), state)
        return drive(product_io.import_opening_stock(uow, actor, path), state)


class ErrorModel(QAbstractTableModel):
    """The rejected rows: row, column, reason."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.errors: list[RowError] = []

    def set_errors(self, errors: list[RowError]) -> None:
        self.beginResetModel()
        self.errors = list(errors)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.errors)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 3

    def data(self, index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        e = self.errors[index.row()]
        return (e.row, e.column, e.reason)[index.column()]

    def headerData(self, section: int, orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (
            QCoreApplication.translate("ImportDialog", "Row"),
            QCoreApplication.translate("ImportDialog", "Column"),
            QCoreApplication.translate("ImportDialog", "Reason"),
        )[section]


class ImportDialog(QDialog):
    """导入商品 (``kind="products"``) or 导入期初库存 (``kind="opening"``)."""

    #: the report, after an import that was not cancelled (the stock list reads again)
    imported = Signal(object)

    def __init__(
        self,
        runner: OperationRunner,
        backend: BackofficeBackend,
        actor: Actor,
        *,
        kind: str = "products",
        parent: QWidget | None = None,
        ask_open_path: OpenPathAsker | None = None,
        ask_save_path: SavePathAsker | None = None,
    ) -> None:
        super().__init__(parent)
        if kind not in KINDS:
            raise ValueError(f"kind must be one of {KINDS}, not {kind!r}")
        self.runner = runner
        self.backend = backend
        self.actor = actor
        self.kind = kind
        self.ask_open_path: OpenPathAsker = ask_open_path or self._open_dialog
        self.ask_save_path: SavePathAsker = ask_save_path or save_dialog(self, self.tr("Save"))
        self.report: ProductImport | OpeningImport | None = None
        self.cancelled = False
        self.state: JobState | None = None
        self.progress: QProgressDialog | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self._poll)
        self.setObjectName("importDialog")
        self.resize(820, 560)
        self._build()
        self._texts()
        self._show_result()

    # -- layout ------------------------------------------------------------------------------------
    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setSpacing(8)
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        outer.addWidget(self.intro)
        bar = QHBoxLayout()
        self.template = QPushButton(self)
        self.template.setObjectName("downloadTemplate")
        self.choose = QPushButton(self)
        self.choose.setObjectName("primaryButton")
        bar.addWidget(self.template)
        bar.addWidget(self.choose)
        bar.addStretch(1)
        outer.addLayout(bar)
        self.file = QLabel(self)
        self.file.setObjectName("importFile")
        outer.addWidget(self.file)
        self.message = QLabel(self)
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        outer.addWidget(self.message)
        self.summary = QLabel(self)
        self.summary.setObjectName("importSummary")
        self.summary.setWordWrap(True)
        outer.addWidget(self.summary)
        self.errors_model = ErrorModel(self)
        self.errors = table_view("importErrors", self)
        self.errors.setModel(self.errors_model)
        outer.addWidget(self.errors, 1)
        foot = QHBoxLayout()
        self.save_errors = QPushButton(self)
        self.save_errors.setObjectName("saveErrors")
        foot.addWidget(self.save_errors)
        foot.addStretch(1)
        self.close_button = QPushButton(self)
        foot.addWidget(self.close_button)
        outer.addLayout(foot)
        self.template.clicked.connect(self.download_template)
        self.choose.clicked.connect(self.choose_file)
        self.save_errors.clicked.connect(self.save_error_report)
        self.close_button.clicked.connect(self.reject)

    def _texts(self) -> None:
        if self.kind == "products":
            self.setWindowTitle(self.tr("Import products"))
            self.intro.setText(
                self.tr(
                    "Fill in the template (one row per SKU) and import it. Rows with a problem "
                    "are listed below and change nothing; the other rows go in together."
                )
            )
        else:
            self.setWindowTitle(self.tr("Import opening stock"))
            self.intro.setText(
                self.tr(
                    "Fill in the template (warehouse, SKU, quantity) and import it. Rows with a "
                    "problem are listed below and post nothing; the same file is never posted "
                    "twice."
                )
            )
        self.template.setText(self.tr("Download template…"))
        self.choose.setText(self.tr("Choose file and import…"))
        self.save_errors.setText(self.tr("Save error report…"))
        self.close_button.setText(self.tr("Close"))
        self.file.setText(self.tr("No file chosen"))

    def _file_filter(self) -> str:
        return self.tr("Spreadsheets (*.xlsx *.csv)")

    def _open_dialog(self, kind: str) -> str | None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Choose the file to import"), "", kind)
        return path or None

    @staticmethod
    def _save_filter() -> str:
        """A template or an error report is saved as either kind (``.xlsx`` first)."""
        return f"{file_filter('.xlsx')};;{file_filter('.csv')}"

    @staticmethod
    def _path(chosen: str) -> Path:
        path = Path(chosen)
        return path if path.suffix.lower() in (".xlsx", ".csv") else path.with_suffix(".xlsx")

    def _failed(self, exc: BaseException) -> None:
        set_message(self.message, describe(exc))

    def reject(self) -> None:
        # closed while importing: the import stops and commits nothing
        self.cancel()
        super().reject()

    # -- template ------------------------------------------------------------------------------
    def download_template(self) -> None:
        name = "products-template.xlsx" if self.kind == "products" else "opening-template.xlsx"
        chosen = self.ask_save_path(name, self._save_filter())
        if not chosen:
            return
        path, kind = self._path(chosen), self.kind
        self.runner.run(
            lambda: product_io.write_template(path, kind),
            kind="device",
            on_done=lambda p: set_message(
                self.message, self.tr("Template saved to {path}").format(path=str(p)), "info"
            ),
            on_error=self._failed,
            owner=self,
            label="write import template",
        )

    # -- the import ------------------------------------------------------------------------------
    @property
    def running(self) -> bool:
        return self.state is not None

    def choose_file(self) -> None:
        chosen = self.ask_open_path(self._file_filter())
        if chosen:
            self.start(Path(chosen))

    def start(self, path: Path) -> None:
        if self.running:
            return
        self.report = None
        self.cancelled = False
        self._show_result()
        self.file.setText(self.tr("File: {path}").format(path=str(path)))
        set_message(self.message, "", "info")
        state = self.state = JobState()
        self.template.setEnabled(False)
        self.choose.setEnabled(False)
        progress = self.progress = QProgressDialog(self)
        progress.setObjectName("importProgress")
        progress.setWindowTitle(self.windowTitle())
        progress.setLabelText(self.tr("Importing {name}…").format(name=path.name))
        progress.setCancelButtonText(self.tr("Cancel"))
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setAutoClose(False)
        progress.setAutoReset(False)
        progress.setMinimumDuration(0)
        progress.setRange(0, 0)
        progress.canceled.connect(self.cancel)
        progress.show()
        self._timer.start()
        db, actor, kind = self.backend.db, self.actor, self.kind
        self.runner.run(
            lambda: run_import(db, actor, kind, path, state),
            kind="write",
            on_done=self._finished,
            on_error=self._refused,
            owner=self,
            label=f"import {kind}",
        )

    def cancel(self) -> None:
        """Stop the running import: nothing of it is committed."""
        if self.state is None:
            return
        self.state.cancel.set()
        if self.progress is not None:
            self.progress.setLabelText(self.tr("Cancelling…"))

    def _poll(self) -> None:
        state, progress = self.state, self.progress
        if state is None or progress is None or state.cancel.is_set():
            return
        done, total = state.done, state.total
        if total <= 0:
            progress.setRange(0, 0)
        else:
            progress.setRange(0, total)
            progress.setValue(min(done, total))

    def _stop(self) -> None:
        self._timer.stop()
        self.state = None
        if self.progress is not None:
            self.progress.canceled.disconnect(self.cancel)
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None
        self.template.setEnabled(True)
        self.choose.setEnabled(True)

    def _finished(self, report: ProductImport | OpeningImport | None) -> None:
        self._stop()
        if report is None:
            self.cancelled = True
            set_message(self.message, self.tr("Import cancelled: nothing was changed"), "info")
            self._show_result()
            return
        self.report = report
        self._show_result()
        self.imported.emit(report)

    def _refused(self, exc: BaseException) -> None:
        self._stop()
        self._failed(exc)

    def _show_result(self) -> None:
        report = self.report
        self.errors_model.set_errors(report.errors if report is not None else [])
        self.save_errors.setEnabled(bool(report is not None and report.errors))
        if report is None:
            self.summary.setText("")
        elif isinstance(report, ProductImport):
            self.summary.setText(
                self.tr(
                    "Imported {imported} rows: {created} new, {updated} updated, {unchanged} "
                    "unchanged. Rejected {rejected} rows."
                ).format(
                    imported=report.imported,
                    created=report.skus_created,
                    updated=report.skus_updated,
                    unchanged=report.unchanged,
                    rejected=report.rejected,
                )
            )
        else:
            self.summary.setText(
                self.tr("Posted {posted} rows of opening stock. Rejected {rejected} rows.").format(
                    posted=report.posted, rejected=report.rejected
                )
            )
        if report is not None:
            level = "error" if report.rejected else "info"
            self.summary.setProperty("level", level)
            self.summary.style().unpolish(self.summary)
            self.summary.style().polish(self.summary)

    # -- the error report ----------------------------------------------------------------------
    def save_error_report(self) -> None:
        report = self.report
        if report is None or not report.errors:
            return
        name = "import-errors.xlsx"
        chosen = self.ask_save_path(name, self._save_filter())
        if not chosen:
            return
        path, errors = self._path(chosen), list(report.errors)
        self.runner.run(
            lambda: product_io.write_errors(errors, path),
            kind="device",
            on_done=lambda p: set_message(
                self.message,
                self.tr("Saved {count} rejected rows to {path}").format(
                    count=len(errors), path=str(p)
                ),
                "info",
            ),
            on_error=self._failed,
            owner=self,
            label="write import errors",
        )


def open_import_dialog(
    runner: OperationRunner,
    backend: BackofficeBackend,
    actor: Actor,
    *,
    kind: str,
    parent: QWidget,
    ask_save_path: SavePathAsker | None = None,
    on_imported: Callable[[object], None] | None = None,
) -> ImportDialog:
    """Open the dialog (not modal: the runner keeps working) and return it."""
    dialog = ImportDialog(
        runner, backend, actor, kind=kind, parent=parent, ask_save_path=ask_save_path
    )
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    if on_imported is not None:
        dialog.imported.connect(on_imported)
    dialog.show()
    return dialog
