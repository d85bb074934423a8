"""Layout of the back-office window: the sign-in page, and the main page with its navigation
list on the left and one area at a time on the right. Behaviour lives in the screens."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)


def set_message(lab: QLabel, text: str, level: str = "error") -> None:
    lab.setText(text)
    lab.setProperty("level", level)
    lab.style().unpolish(lab)
    lab.style().polish(lab)


def message_label(parent: QWidget, name: str = "message") -> QLabel:
    """A wrapping line for what an area or a dialog says (``set_message`` styles it)."""
    lab = QLabel(parent)
    lab.setObjectName(name)
    lab.setWordWrap(True)
    return lab


def field_error(parent: QWidget) -> QLabel:
    """The red line under a field that says what is wrong with it (hidden while empty)."""
    lab = message_label(parent)
    lab.setProperty("level", "error")
    lab.setVisible(False)
    return lab


def area_title(parent: QWidget) -> QLabel:
    """An area's title at its top left."""
    lab = QLabel(parent)
    lab.setObjectName("areaTitle")
    return lab


def named_button(parent: QWidget, name: str, text: str = "") -> QPushButton:
    """A button the style sheet finds by ``name`` (its text is usually set by the screen)."""
    button = QPushButton(text, parent)
    button.setObjectName(name)
    return button


def table_view(name: str, parent: QWidget | None = None) -> QTableView:
    view = QTableView(parent)
    view.setObjectName(name)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(30)
    view.horizontalHeader().setHighlightSections(False)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.horizontalHeader().setStretchLastSection(True)
    return view


class LoginPage(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("loginPage")
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        card = QFrame(self)
        card.setObjectName("loginCard")
        card.setFixedWidth(420)
        row.addWidget(card)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)
        layout = QVBoxLayout(card)
        layout.setContentsMargins(32, 28, 32, 28)
        layout.setSpacing(12)
        self.title = QLabel(card)
        self.title.setObjectName("loginTitle")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.title)
        self.account = QLineEdit(card)
        self.account.setObjectName("account")
        self.account.setMaxLength(64)
        layout.addWidget(self.account)
        self.password = QLineEdit(card)
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setMaxLength(128)
        layout.addWidget(self.password)
        self.sign_in = QPushButton(card)
        self.sign_in.setObjectName("primaryButton")
        layout.addWidget(self.sign_in)
        self.message = QLabel(card)
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)


class MainPage(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mainPage")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        side = QFrame(self)
        side.setObjectName("navPanel")
        side.setFixedWidth(180)
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 12, 0, 12)
        self.brand = QLabel(side)
        self.brand.setObjectName("brand")
        self.brand.setAlignment(Qt.AlignmentFlag.AlignCenter)
        side_layout.addWidget(self.brand)
        self.nav = QListWidget(side)
        self.nav.setObjectName("nav")
        # a long English title is elided rather than scrolled sideways
        self.nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.nav.setTextElideMode(Qt.TextElideMode.ElideRight)
        side_layout.addWidget(self.nav, 1)
        self.who = QLabel(side)
        self.who.setObjectName("who")
        self.who.setWordWrap(True)
        self.who.setAlignment(Qt.AlignmentFlag.AlignCenter)
        side_layout.addWidget(self.who)
        self.sign_out = QPushButton(side)
        self.sign_out.setObjectName("signOut")
        side_layout.addWidget(self.sign_out)
        layout.addWidget(side)
        self.areas = QStackedWidget(self)
        self.areas.setObjectName("areas")
        layout.addWidget(self.areas, 1)


class BackofficeWindow(QMainWindow):
    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("backofficeWindow")
        self.pages = QStackedWidget(self)
        self.login_page = LoginPage(self.pages)
        self.main_page = MainPage(self.pages)
        self.pages.addWidget(self.login_page)
        self.pages.addWidget(self.main_page)
        self.setCentralWidget(self.pages)
        # set by the composition root
        self.runner = None
        self.backend = None
        self.controller = None
