"""Small building blocks shared by the counter's views (layout only, no behaviour)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QTableView,
    QWidget,
)

# buttons and fields are at least this tall (touch screens)
TOUCH_HEIGHT = 48


class KeyButton(QPushButton):
    """A button that shows its keyboard shortcut first: "F12 结账".

    It never takes the focus, so pressing it leaves the cursor in the scan field.
    """

    def __init__(self, key: str, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.caption = text
        self.setText(f"{key}  {text}" if key else text)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setMinimumHeight(TOUCH_HEIGHT)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setProperty("fkey", True)

    def set_caption(self, text: str) -> None:
        self.caption = text
        self.setText(f"{self.key}  {text}" if self.key else text)


def big_line_edit(
    object_name: str, placeholder: str = "", parent: QWidget | None = None
) -> QLineEdit:
    edit = QLineEdit(parent)
    edit.setObjectName(object_name)
    edit.setPlaceholderText(placeholder)
    edit.setMinimumHeight(TOUCH_HEIGHT)
    return edit


def label(text: str, object_name: str = "", parent: QWidget | None = None) -> QLabel:
    lab = QLabel(text, parent)
    if object_name:
        lab.setObjectName(object_name)
    return lab


def message_label(object_name: str = "message", parent: QWidget | None = None) -> QLabel:
    """A one-line message (error in red, info in blue) shown under a field; empty when unused."""
    lab = QLabel("", parent)
    lab.setObjectName(object_name)
    lab.setWordWrap(True)
    lab.setProperty("level", "info")
    lab.setMinimumHeight(24)
    return lab


def set_message(lab: QLabel, text: str, level: str = "error") -> None:
    lab.setText(text)
    lab.setProperty("level", level)
    lab.style().unpolish(lab)
    lab.style().polish(lab)


def table_view(object_name: str, parent: QWidget | None = None) -> QTableView:
    view = QTableView(parent)
    view.setObjectName(object_name)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.verticalHeader().setDefaultSectionSize(40)
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    view.horizontalHeader().setHighlightSections(False)
    view.setWordWrap(False)
    return view


def stretch_first_column(view: QTableView) -> None:
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)


def hline(parent: QWidget | None = None) -> QFrame:
    line = QFrame(parent)
    line.setFrameShape(QFrame.Shape.HLine)
    line.setObjectName("rule")
    return line


class Banner(QFrame):
    """A coloured strip across the top of a screen: a message and an action button."""

    def __init__(self, object_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 6, 12, 6)
        self.text = QLabel("", self)
        self.text.setObjectName(f"{object_name}Text")
        self.text.setWordWrap(True)
        self.action = KeyButton("", "", self)
        self.action.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.action)
        self.hide()
