"""The sign-in screen's layout: the store, the counter staff list, account and PIN."""

from __future__ import annotations

from PySide6.QtCore import QRegularExpression, Qt
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QVBoxLayout,
    QWidget,
)

from pos.views.widgets import KeyButton, big_line_edit, label, message_label


class LoginView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("loginView")
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        card = QFrame(self)
        card.setObjectName("loginCard")
        card.setMinimumWidth(760)
        card.setMaximumWidth(900)
        row.addWidget(card, 3)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(1)

        layout = QVBoxLayout(card)
        layout.setContentsMargins(32, 28, 32, 28)
        layout.setSpacing(14)
        self.store = label("", "loginStore")
        self.store.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title = label(self.tr("Counter sign-in"), "loginTitle")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.terminal = label("", "loginTerminal")
        self.terminal.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.store)
        layout.addWidget(self.title)
        layout.addWidget(self.terminal)

        body = QHBoxLayout()
        body.setSpacing(24)
        left = QVBoxLayout()
        left.addWidget(label(self.tr("Staff on duty"), "fieldLabel"))
        self.staff = QListWidget(self)
        self.staff.setObjectName("staffList")
        self.staff.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.staff.setMinimumWidth(260)
        left.addWidget(self.staff, 1)
        body.addLayout(left, 1)

        form = QGridLayout()
        form.setVerticalSpacing(10)
        self.account = big_line_edit("accountField", self.tr("Account, e.g. cashier01"))
        self.account.setMaxLength(64)
        self.pin = big_line_edit("pinField", self.tr("PIN"))
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setMaxLength(8)
        self.pin.setValidator(QRegularExpressionValidator(QRegularExpression(r"\d{0,8}"), self.pin))
        self.pin.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly)
        form.addWidget(label(self.tr("Account"), "fieldLabel"), 0, 0)
        form.addWidget(self.account, 1, 0)
        form.addWidget(label(self.tr("PIN"), "fieldLabel"), 2, 0)
        form.addWidget(self.pin, 3, 0)
        self.sign_in = KeyButton(self.tr("Enter"), self.tr("Sign in"), self)
        self.sign_in.setObjectName("primaryButton")
        form.addWidget(self.sign_in, 4, 0)
        self.message = message_label("loginMessage")
        form.addWidget(self.message, 5, 0)
        self.hint = label(
            self.tr("Pick your name or type your account, then your PIN and Enter."), "hint"
        )
        self.hint.setWordWrap(True)
        form.addWidget(self.hint, 6, 0)
        form.setRowStretch(7, 1)
        body.addLayout(form, 1)
        layout.addLayout(body)
