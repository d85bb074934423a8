"""What every counter screen works with, and the small helpers they share."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QWidget

from pos.backend import CounterBackend
from pos.dialogs.simple import NoticeDialog
from pos.session import CounterSession
from shared.domain.clock import Clock
from shared.qt.errors import describe
from shared.qt.operations import OperationRunner

if TYPE_CHECKING:
    from pos.screens.printing import PrintController
    from pos.screens.sync_controller import SyncController
    from pos.views.counter_window import CounterWindow


@dataclass
class Parts:
    """The counter's shared pieces, made once by ``pos.app`` and handed to each screen."""

    window: CounterWindow
    runner: OperationRunner
    backend: CounterBackend
    session: CounterSession
    clock: Clock
    printing: PrintController | None = None
    # background sync with the central database (None: this counter does not sync)
    sync: SyncController | None = None
    # puts the keyboard focus back where it belongs (the scan field on the sale page)
    refocus: Callable[[], None] = lambda: None
    # dialogs currently open, innermost last (tests and focus handling look here)
    dialogs: list[QDialog] = field(default_factory=list)

    @property
    def active_dialog(self) -> QDialog | None:
        return self.dialogs[-1] if self.dialogs else None

    def open_dialog(
        self, dialog: QDialog, on_closed: Callable[[int], None] | None = None
    ) -> QDialog:
        """Show ``dialog`` window-modal without blocking; when it closes, call ``on_closed`` with
        its result and give the focus back."""
        self.dialogs.append(dialog)

        def finished(result: int) -> None:
            if dialog in self.dialogs:
                self.dialogs.remove(dialog)
            if on_closed is not None:
                on_closed(result)
            if not self.dialogs:
                self.refocus()
            dialog.deleteLater()

        dialog.finished.connect(finished)
        dialog.open()
        dialog.raise_()
        dialog.activateWindow()
        return dialog

    def notice(self, title: str, text: str, *, level: str = "info", parent: QWidget | None = None):
        return self.open_dialog(NoticeDialog(title, text, parent or self.window, level=level))

    def error_notice(self, title: str, exc: BaseException, parent: QWidget | None = None):
        return self.notice(title, describe(exc), level="error", parent=parent)
