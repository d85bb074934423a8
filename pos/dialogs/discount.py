"""Line (F4) or order (F5) discount: percent off or an amount off, with a reason."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QButtonGroup, QComboBox, QHBoxLayout, QRadioButton, QWidget

from pos.dialogs.base import CounterDialog
from pos.views.widgets import KeyButton, big_line_edit, label

PERCENT = "percent"
AMOUNT = "amount"


class DiscountDialog(CounterDialog):
    """``apply(kind, text, reason)`` returns an error message, or ``None`` when applied.
    ``clear()`` (Delete key) removes the discount; only offered when one is set."""

    def __init__(
        self,
        title: str,
        apply: Callable[[str, str, str], str | None],
        parent: QWidget | None = None,
        *,
        base_text: str = "",
        clear: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(title, parent)
        self._apply = apply
        self._clear = clear
        if base_text:
            self.body.addWidget(label(base_text, "dialogText"))
        modes = QHBoxLayout()
        self.percent = QRadioButton(self.tr("F1  Percent off (%)"), self)
        self.amount = QRadioButton(self.tr("F2  Amount off (yuan)"), self)
        for r in (self.percent, self.amount):
            r.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            r.setMinimumHeight(40)
            modes.addWidget(r)
        self.group = QButtonGroup(self)
        self.group.addButton(self.percent)
        self.group.addButton(self.amount)
        self.percent.setChecked(True)
        self.body.addLayout(modes)
        self.value = big_line_edit("discountValue", self.tr("e.g. 10"))
        self.value.setMaxLength(12)
        self.add_row(self.tr("Discount"), self.value)
        self.reason = QComboBox(self)
        self.reason.setObjectName("discountReason")
        self.reason.setEditable(True)
        self.reason.setMinimumHeight(44)
        self.reason.addItems(
            [
                self.tr("Promotion"),
                self.tr("Member discount"),
                self.tr("Near expiry"),
                self.tr("Damaged packaging"),
                self.tr("Manager's special"),
            ]
        )
        self.reason.lineEdit().setMaxLength(200)
        self.add_row(self.tr("Reason"), self.reason)
        hint = self.tr("F1 / F2 switch between percent and amount. Enter applies.")
        if clear is not None:
            self.clear_button = KeyButton(self.tr("Del"), self.tr("Remove discount"), self)
            self.clear_button.clicked.connect(self._do_clear)
            self.buttons.insertWidget(1, self.clear_button)
            QShortcut(QKeySequence(Qt.Key.Key_Delete), self, self._do_clear)
            hint += " " + self.tr("Del removes the discount.")
        self.body.addWidget(label(hint, "hint"))
        QShortcut(QKeySequence(Qt.Key.Key_F1), self, lambda: self.percent.setChecked(True))
        QShortcut(QKeySequence(Qt.Key.Key_F2), self, lambda: self.amount.setChecked(True))
        self.setMinimumWidth(560)
        self.value.setFocus()

    @property
    def kind(self) -> str:
        return PERCENT if self.percent.isChecked() else AMOUNT

    def submit(self) -> None:
        error = self._apply(self.kind, self.value.text(), self.reason.currentText())
        if error:
            self.show_error(error)
            self.value.selectAll()
            self.value.setFocus()
            return
        self.accept()

    def _do_clear(self) -> None:
        if self._clear is not None and not self.value.text().strip():
            self._clear()
            self.accept()
        elif self._clear is not None:
            self.value.clear()
