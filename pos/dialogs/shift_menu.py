"""F11: the shift menu — reports, cash in/out, closing, printing, settings, sign-out, sync now.

Each entry is a button with a digit key; pressing the digit (or clicking) chooses it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QGridLayout, QWidget

from pos.dialogs.base import CounterDialog
from pos.views.widgets import KeyButton


class ShiftMenuDialog(CounterDialog):
    chosen = Signal(str)

    def __init__(self, entries: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        """``entries``: (name, caption) in menu order; the n-th gets the digit key n."""
        super().__init__("", parent)
        self.setWindowTitle(self.tr("Shift menu"))
        self.title_label.setText(self.tr("Shift menu"))
        self.ok_button.hide()
        grid = QGridLayout()
        grid.setSpacing(8)
        self.entry_buttons: dict[str, KeyButton] = {}
        for i, (name, caption) in enumerate(entries, start=1):
            button = KeyButton(str(i), caption, self)
            button.setObjectName(f"menu_{name}")
            button.setMinimumWidth(260)
            button.clicked.connect(lambda _=False, n=name: self._choose(n))
            QShortcut(QKeySequence(str(i)), self, lambda n=name: self._choose(n))
            grid.addWidget(button, (i - 1) // 2, (i - 1) % 2)
            self.entry_buttons[name] = button
        self.body.addLayout(grid)
        self.setMinimumWidth(600)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setFocus()

    def _choose(self, name: str) -> None:
        self.chosen.emit(name)
        self.accept()

    def enter_pressed(self) -> None:
        pass
