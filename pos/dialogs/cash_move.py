"""Cash in / cash out of the drawer (现金存入 / 取出) with a reason."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QWidget

from pos.dialogs.base import CounterDialog
from pos.views.widgets import big_line_edit


class CashMoveDialog(CounterDialog):
    # amount text, reason
    submitted = Signal(str, str)

    def __init__(self, direction: str, parent: QWidget | None = None) -> None:
        super().__init__("", parent)
        self.direction = direction
        title = self.tr("Cash in") if direction == "in" else self.tr("Cash out")
        self.setWindowTitle(title)
        self.title_label.setText(title)
        self.amount = big_line_edit("cashMoveAmount", self.tr("Amount in yuan"))
        self.amount.setMaxLength(12)
        self.add_row(self.tr("Amount"), self.amount)
        self.reason = QComboBox(self)
        self.reason.setObjectName("cashMoveReason")
        self.reason.setEditable(True)
        self.reason.setMinimumHeight(44)
        if direction == "in":
            self.reason.addItems([self.tr("Add change"), self.tr("Other")])
        else:
            self.reason.addItems(
                [self.tr("Bank deposit"), self.tr("Petty cash purchase"), self.tr("Other")]
            )
        self.reason.lineEdit().setMaxLength(200)
        self.add_row(self.tr("Reason"), self.reason)
        self.setMinimumWidth(500)
        self.amount.setFocus()

    def submit(self) -> None:
        if self.busy:
            return
        self.set_busy(True)
        self.submitted.emit(self.amount.text(), self.reason.currentText())

    def refused(self, text: str) -> None:
        self.set_busy(False)
        self.show_error(text)
        self.amount.setFocus()
