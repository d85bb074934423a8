"""The counter's dialogs share one frame: a title, a body, an inline message, Esc / Enter buttons.

Dialogs are opened with ``open()`` (window-modal, not blocking the event loop), so the runner's
results keep arriving while one is up, and tests can drive them with the keyboard. Enter anywhere
in the dialog calls ``enter_pressed()`` (by default: ``submit()``); Esc rejects.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from pos.views.widgets import KeyButton, label, message_label, set_message


class CounterDialog(QDialog):
    def __init__(
        self,
        title: str,
        parent: QWidget | None = None,
        *,
        ok_text: str | None = None,
        cancel_text: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName(type(self).__name__)
        self.setWindowTitle(title)
        self.setModal(True)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(20, 16, 20, 16)
        self._layout.setSpacing(10)
        self.title_label = label(title, "dialogTitle")
        self._layout.addWidget(self.title_label)
        self.body = QVBoxLayout()
        self.body.setSpacing(8)
        self._layout.addLayout(self.body, 1)
        self.message = message_label("dialogMessage")
        self._layout.addWidget(self.message)
        self.buttons = QHBoxLayout()
        self.buttons.addStretch(1)
        self.cancel_button = KeyButton("Esc", cancel_text or self.tr("Cancel"), self)
        self.cancel_button.setObjectName("cancelButton")
        self.ok_button = KeyButton(self.tr("Enter"), ok_text or self.tr("OK"), self)
        self.ok_button.setObjectName("primaryButton")
        for b in (self.cancel_button, self.ok_button):
            b.setAutoDefault(False)
            b.setDefault(False)
            b.setMinimumWidth(150)
            self.buttons.addWidget(b)
        self._layout.addLayout(self.buttons)
        self.cancel_button.clicked.connect(self._escape)
        self.ok_button.clicked.connect(self._ok)
        self._busy = False
        # a controller may take over Enter, OK and Esc (view/screen pairs)
        self.on_enter: Callable[[], None] | None = None
        self.on_ok: Callable[[], None] | None = None
        self.on_escape: Callable[[], None] | None = None

    # -- behaviour hooks ----------------------------------------------------------------------
    def submit(self) -> None:
        """Enter / OK. Subclasses validate and ``accept()``; the default just accepts."""
        if not self._busy:
            self.accept()

    def enter_pressed(self) -> None:
        self.submit()

    def show_error(self, text: str) -> None:
        set_message(self.message, text, "error")

    def show_info(self, text: str) -> None:
        set_message(self.message, text, "info")

    def set_busy(self, busy: bool) -> None:
        """While a service call for this dialog runs: OK disabled, Enter ignored."""
        self._busy = busy
        self.ok_button.setEnabled(not busy)

    @property
    def busy(self) -> bool:
        return self._busy

    def add_row(self, caption: str, widget: QWidget) -> QWidget:
        row = QHBoxLayout()
        cap = QLabel(caption, self)
        cap.setObjectName("fieldLabel")
        cap.setMinimumWidth(120)
        row.addWidget(cap)
        row.addWidget(widget, 1)
        self.body.addLayout(row)
        return widget

    # -- keys ---------------------------------------------------------------------------------
    def _ok(self) -> None:
        if self.on_ok is not None:
            self.on_ok()
        else:
            self.submit()

    def _escape(self) -> None:
        if self._busy:
            return
        if self.on_escape is not None:
            self.on_escape()
        else:
            self.reject()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()
            if self.on_enter is not None:
                self.on_enter()
            elif not self._busy:
                self.enter_pressed()
            return
        if event.key() == Qt.Key.Key_Escape:
            event.accept()
            self._escape()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event) -> None:
        if self._busy:
            event.ignore()
            return
        super().closeEvent(event)
