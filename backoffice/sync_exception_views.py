"""Layout of the sync-exceptions area (同步异常): the filters on two rows, the actions, the list
and the selected exception's detail. Widgets only, no text and no behaviour: the screen sets
every visible string through translation and wires the signals.

Fits the back office at 1366×768: the area is at most 1186 px wide (the navigation list takes
the rest), so the filters are split over two rows and the list's detail cell is kept short."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from backoffice.views import named_button as _button
from backoffice.views import table_view

DATE_FORMAT = "yyyy-MM-dd"


class SyncExceptionAreaView(QWidget):
    """同步异常: store, kind and state filters, a date range, resolve and export, the list, the
    detail pane."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("syncExceptionArea")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(12, 10, 12, 10)
        outer.setSpacing(8)
        self.title = QLabel(self)
        self.title.setObjectName("areaTitle")
        outer.addWidget(self.title)

        first = QHBoxLayout()
        first.setSpacing(8)
        self.store = QComboBox(self)
        self.store.setObjectName("syncExceptionStoreFilter")
        self.store.setMinimumWidth(220)
        first.addWidget(self.store)
        self.kind = QComboBox(self)
        self.kind.setObjectName("syncExceptionKindFilter")
        self.kind.setMinimumWidth(220)
        first.addWidget(self.kind)
        self.state = QComboBox(self)
        self.state.setObjectName("syncExceptionStateFilter")
        self.state.setMinimumWidth(110)
        first.addWidget(self.state)
        self.search = _button(self, "primaryButton")
        first.addWidget(self.search)
        self.reset = _button(self, "syncExceptionReset")
        first.addWidget(self.reset)
        first.addStretch(1)
        outer.addLayout(first)

        second = QHBoxLayout()
        second.setSpacing(8)
        self.by_date = QCheckBox(self)
        self.by_date.setObjectName("syncExceptionByDate")
        second.addWidget(self.by_date)
        self.date_from = QDateEdit(self)
        self.date_from.setObjectName("syncExceptionDateFrom")
        self.date_to = QDateEdit(self)
        self.date_to.setObjectName("syncExceptionDateTo")
        for i, edit in enumerate((self.date_from, self.date_to)):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat(DATE_FORMAT)
            second.addWidget(edit)
            if i == 0:
                second.addWidget(QLabel("—", self))
        second.addStretch(1)
        self.resolve = _button(self, "resolveSyncException")
        second.addWidget(self.resolve)
        self.export_csv = _button(self, "exportSyncExceptionsCsv")
        self.export_xlsx = _button(self, "exportSyncExceptionsXlsx")
        second.addWidget(self.export_csv)
        second.addWidget(self.export_xlsx)
        outer.addLayout(second)

        self.summary = QLabel(self)
        self.summary.setObjectName("summary")
        outer.addWidget(self.summary)
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.setChildrenCollapsible(False)
        self.table = table_view("syncExceptionTable", split)
        split.addWidget(self.table)
        self.detail = QPlainTextEdit(split)
        self.detail.setObjectName("syncExceptionDetail")
        self.detail.setReadOnly(True)
        split.addWidget(self.detail)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        outer.addWidget(split, 1)
        self.message = QLabel(self)
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        outer.addWidget(self.message)
