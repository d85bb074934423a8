"""What every back-office area does the same way, in one place: ask where to save an export and
write it off the GUI thread, ask a yes/no question, show a refusal on the area's message line.

The strings here are translated in the ``AreaKit`` context once for every area; an area passes
only its own words (the dialog title, the file's stem). Tests replace the two questions with
callables (``SavePathAsker``, ``Confirmer``) so no modal dialog ever opens under pytest-qt.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import QFileDialog, QLabel, QMessageBox, QProgressDialog, QWidget

from backoffice.export import ExportCancelled, ExportProgress, tracking
from backoffice.messages import describe
from backoffice.views import set_message
from shared.qt.operations import OperationRunner

#: an export still running after this long shows its progress dialog (with Cancel)
PROGRESS_AFTER_MS = 400

#: asks where to save: (suggested file name, file-type filter) -> a path, or None to cancel
SavePathAsker = Callable[[str, str], str | None]
#: asks a yes/no question: (title, text) -> yes
Confirmer = Callable[[str, str], bool]


def file_filter(suffix: str) -> str:
    """The save dialog's file-type filter for ``.csv`` / ``.xlsx`` / ``.pdf``."""
    if suffix == ".csv":
        return QCoreApplication.translate("AreaKit", "CSV files (*.csv)")
    if suffix == ".xlsx":
        return QCoreApplication.translate("AreaKit", "Excel workbooks (*.xlsx)")
    if suffix == ".pdf":
        return QCoreApplication.translate("AreaKit", "PDF documents (*.pdf)")
    return f"*{suffix}"


def save_dialog(parent: QWidget, title: str) -> SavePathAsker:
    """The real question: a save-file dialog over ``parent`` titled ``title``."""

    def ask(name: str, kind: str) -> str | None:
        path, _ = QFileDialog.getSaveFileName(parent, title, name, kind)
        return path or None

    return ask


def yes_no_dialog(parent: QWidget) -> Confirmer:
    """The real question: "no" is the default answer."""

    def ask(title: str, text: str) -> bool:
        answer = QMessageBox.question(
            parent,
            title,
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    return ask


def ask_path(ask: SavePathAsker, stem: str, suffix: str) -> Path | None:
    """Where to write ``stem`` + ``suffix``; the suffix is added when the person left it off.
    None when they cancelled."""
    chosen = ask(f"{stem}{suffix}", file_filter(suffix))
    if not chosen:
        return None
    path = Path(chosen)
    if path.suffix.lower() != suffix:
        path = path.with_name(path.name + suffix)
    return path


#: turns a refusal into the interface's words (an area passes its own for its own codes)
Describer = Callable[[BaseException], str]


def show_error(message: QLabel, exc: BaseException, describe: Describer = describe) -> None:
    set_message(message, describe(exc))


def run_export(
    runner: OperationRunner,
    *,
    message: QLabel,
    owner: QWidget,
    path: Path,
    job: Callable[[], int],
    label: str,
    on_done: Callable[[int], None] | None = None,
    describe: Describer = describe,
) -> ExportProgress:
    """Run ``job`` (which writes ``path`` and returns the rows written) on the device lane, with
    "Exporting…" on ``message`` meanwhile and the count and path, or the refusal, after.

    An export that takes longer than ``PROGRESS_AFTER_MS`` shows a progress dialog with the rows
    written so far and Cancel: a table export (``export.write_table``) stops at its next batch and
    leaves no file; any other job is let finish and its file removed. Returns the progress, which
    tests may cancel.
    """
    set_message(message, QCoreApplication.translate("AreaKit", "Exporting…"), "info")
    progress = ExportProgress()
    dialog = QProgressDialog(
        QCoreApplication.translate("AreaKit", "Exporting…"),
        QCoreApplication.translate("AreaKit", "Cancel"),
        0,
        0,
        owner,
    )
    dialog.setObjectName("exportProgress")
    dialog.setWindowTitle(QCoreApplication.translate("AreaKit", "Export"))
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(PROGRESS_AFTER_MS)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.canceled.connect(progress.cancel)
    timer = QTimer(dialog)
    timer.setInterval(200)
    timer.timeout.connect(
        lambda: dialog.setLabelText(
            QCoreApplication.translate("AreaKit", "Exported {count} rows…").format(
                count=progress.rows
            )
        )
    )
    timer.start()

    def close() -> None:
        timer.stop()
        dialog.canceled.disconnect(progress.cancel)
        dialog.close()
        dialog.deleteLater()

    def cancelled() -> None:
        path.unlink(missing_ok=True)
        set_message(
            message,
            QCoreApplication.translate("AreaKit", "Export cancelled; no file was written"),
            "info",
        )

    def done(count: int) -> None:
        close()
        if progress.cancelled:
            cancelled()
            return
        set_message(
            message,
            QCoreApplication.translate("AreaKit", "Exported {count} rows to {path}").format(
                count=count, path=str(path)
            ),
            "info",
        )
        if on_done is not None:
            on_done(count)

    def failed(exc: BaseException) -> None:
        close()
        if isinstance(exc, ExportCancelled):
            cancelled()
        else:
            show_error(message, exc, describe)

    def tracked() -> int:
        with tracking(progress):
            return job()

    runner.run(tracked, kind="device", on_done=done, on_error=failed, owner=owner, label=label)
    return progress


__all__ = [
    "Confirmer",
    "Describer",
    "SavePathAsker",
    "ask_path",
    "file_filter",
    "run_export",
    "save_dialog",
    "show_error",
    "yes_no_dialog",
]
