"""F9: the parked sales of this terminal; Enter resumes the selected one."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QWidget

from pos.dialogs.base import CounterDialog
from pos.models.parked_model import ParkedSalesModel
from pos.views.widgets import stretch_first_column, table_view


class ParkedSalesDialog(CounterDialog):
    # the parked sale's id
    chosen = Signal(str)

    def __init__(self, model: ParkedSalesModel, parent: QWidget | None = None) -> None:
        super().__init__("", parent)
        self.setWindowTitle(self.tr("Resume a parked sale"))
        self.title_label.setText(self.tr("Resume a parked sale"))
        self.ok_button.set_caption(self.tr("Resume"))
        self.model = model
        self.table = table_view("parkedTable", self)
        self.table.setModel(model)
        stretch_first_column(self.table)
        self.table.setMinimumSize(620, 300)
        self.body.addWidget(self.table)
        if model.rowCount():
            self.table.selectRow(0)
        self.table.setFocus()
        self.setMinimumWidth(680)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.table.setFocus()
        super().keyPressEvent(event)

    def submit(self) -> None:
        if self.busy:
            return
        rows = self.table.selectionModel().selectedRows()
        row = self.model.row_at(rows[0].row()) if rows else None
        if row is None:
            self.show_error(self.tr("Choose a parked sale"))
            return
        self.set_busy(True)
        self.chosen.emit(row.id)

    def refused(self, text: str) -> None:
        self.set_busy(False)
        self.show_error(text)
