"""A manager's approval on the spot (店长授权): account and PIN.

The dialog only collects; the screen that asked runs ``auth.approve`` through the runner and
either closes it with the approver or shows the refusal here.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QRegularExpression, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QLineEdit, QWidget

from pos.dialogs.base import CounterDialog
from pos.views.widgets import big_line_edit, label


class ApprovalDialog(CounterDialog):
    # account, PIN
    submitted = Signal(str, str)

    def __init__(self, what: str, parent: QWidget | None = None, *, account: str = "") -> None:
        super().__init__(
            QCoreApplication.translate("ApprovalDialog", "Manager approval"),
            parent,
            ok_text=QCoreApplication.translate("ApprovalDialog", "Approve"),
        )
        text = label(what, "dialogText")
        text.setWordWrap(True)
        self.body.addWidget(text)
        self.account = big_line_edit("approverAccount", self.tr("Manager account"))
        self.account.setMaxLength(64)
        self.account.setText(account)
        self.pin = big_line_edit("approverPin", self.tr("PIN"))
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setMaxLength(8)
        self.pin.setValidator(QRegularExpressionValidator(QRegularExpression(r"\d{0,8}"), self.pin))
        self.add_row(self.tr("Manager"), self.account)
        self.add_row(self.tr("PIN"), self.pin)
        self.setMinimumWidth(520)
        (self.pin if account else self.account).setFocus()

    def enter_pressed(self) -> None:
        if self.account.hasFocus() and not self.pin.text():
            self.pin.setFocus()
            return
        self.submit()

    def submit(self) -> None:
        if self.busy:
            return
        if not self.account.text().strip():
            self.show_error(self.tr("Enter the manager's account"))
            self.account.setFocus()
            return
        if not self.pin.text():
            self.show_error(self.tr("Enter the manager's PIN"))
            self.pin.setFocus()
            return
        self.set_busy(True)
        self.show_info(self.tr("Checking…"))
        self.submitted.emit(self.account.text().strip(), self.pin.text())

    def refused(self, text: str) -> None:
        self.set_busy(False)
        self.show_error(text)
        self.pin.clear()
        self.pin.setFocus()
