"""F1: the counter's keyboard shortcuts."""

from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QWidget

from pos.dialogs.base import CounterDialog
from pos.views.widgets import label


class HelpDialog(CounterDialog):
    def __init__(self, rows: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__("", parent)
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        self.title_label.setText(self.tr("Keyboard shortcuts"))
        self.ok_button.set_caption(self.tr("Close"))
        self.cancel_button.hide()
        grid = QGridLayout()
        grid.setHorizontalSpacing(24)
        half = (len(rows) + 1) // 2
        for i, (key, text) in enumerate(rows):
            col = 0 if i < half else 2
            grid.addWidget(label(key, "helpKey"), i % half, col)
            text_label = label(text, "helpText")
            text_label.setWordWrap(True)
            grid.addWidget(text_label, i % half, col + 1)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        self.body.addLayout(grid)
        self.setMinimumWidth(720)
