"""The returns dialog's layout (退货): receipt number, sold lines with quantities, reason, result."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from pos.dialogs.base import CounterDialog
from pos.views.widgets import KeyButton, big_line_edit, label, table_view


class ReturnsView(CounterDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("", parent)
        self.setWindowTitle(self.tr("Returns"))
        self.title_label.setText(self.tr("Returns"))
        self.ok_button.key = "F12"  # Enter looks the receipt up; F12 refunds
        self.ok_button.set_caption(self.tr("Refund"))
        self.cancel_button.set_caption(self.tr("Close"))
        self.pages = QStackedWidget(self)
        self.body.addWidget(self.pages, 1)

        choose = QWidget(self.pages)
        layout = QVBoxLayout(choose)
        layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        row.addWidget(label(self.tr("Receipt No."), "fieldLabel"))
        self.receipt = big_line_edit(
            "receiptField", self.tr("Scan the receipt's QR code or type its number")
        )
        self.receipt.setMaxLength(40)
        row.addWidget(self.receipt, 1)
        self.find = KeyButton(self.tr("Enter"), self.tr("Find"), choose)
        row.addWidget(self.find)
        layout.addLayout(row)
        self.sale_info = label("", "saleInfo")
        self.sale_info.setWordWrap(True)
        layout.addWidget(self.sale_info)
        self.lines = table_view("refundLines", choose)
        self.lines.setEditTriggers(
            QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.lines.setMinimumSize(820, 260)
        layout.addWidget(self.lines, 1)
        keys = QHBoxLayout()
        self.all_button = KeyButton("F1", self.tr("Return everything"), choose)
        self.none_button = KeyButton("F2", self.tr("Clear choice"), choose)
        keys.addWidget(self.all_button)
        keys.addWidget(self.none_button)
        keys.addStretch(1)
        layout.addLayout(keys)
        reason_row = QHBoxLayout()
        reason_row.addWidget(label(self.tr("Reason"), "fieldLabel"))
        self.reason = QComboBox(choose)
        self.reason.setObjectName("refundReason")
        self.reason.setEditable(True)
        self.reason.setMinimumHeight(44)
        self.reason.addItems(
            [
                self.tr("Customer changed their mind"),
                self.tr("Quality problem"),
                self.tr("Wrong item"),
                self.tr("Expired"),
            ]
        )
        self.reason.lineEdit().setMaxLength(200)
        reason_row.addWidget(self.reason, 1)
        self.estimate = label("", "refundEstimate")
        self.estimate.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        reason_row.addWidget(self.estimate, 1)
        layout.addLayout(reason_row)
        self.hint = label(
            self.tr(
                "Up/Down choose a line, type the quantity to return, Enter. "
                "F1 returns everything. F12 refunds."
            ),
            "hint",
        )
        self.hint.setWordWrap(True)
        layout.addWidget(self.hint)
        self.pages.addWidget(choose)

        done = QFrame(self.pages)
        done.setObjectName("refundDone")
        d = QVBoxLayout(done)
        self.done_title = label(self.tr("Refund complete"), "doneTitle")
        self.done_title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        d.addWidget(self.done_title)
        d.addStretch(1)
        self.done_total = label("", "doneChange")
        self.done_total.setAlignment(Qt.AlignmentFlag.AlignCenter)
        d.addWidget(self.done_total)
        self.done_methods = label("", "donePaid")
        self.done_methods.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.done_methods.setWordWrap(True)
        d.addWidget(self.done_methods)
        self.done_number = label("", "doneReceipt")
        self.done_number.setAlignment(Qt.AlignmentFlag.AlignCenter)
        d.addWidget(self.done_number)
        d.addStretch(1)
        self.pages.addWidget(done)
        self.choose_page = choose
        self.done_page = done
        self.setMinimumWidth(900)
        self.resize(960, 640)

    def configure_lines(self) -> None:
        header = self.lines.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
