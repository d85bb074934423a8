"""Layout of the transfer area (调拨): the transfer list with the selected transfer's lines, the
dialog that writes a transfer (lines scanned or typed, serial numbers for serial-tracked
goods), and the receipt dialog (what arrived per line). Widgets only, no text and no behaviour:
``transfer_screen`` sets every visible string through translation and wires the signals."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from backoffice.stocktake_views import combo, message_label, not_default, summary_label
from backoffice.views import table_view
from shared.services.inventory import MAX_NOTE


class TransferAreaView(QWidget):
    """调拨: from / to / status filters and the actions; the transfer list; the selected
    transfer's lines (sent, received, the difference)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("transferArea")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(12, 10, 12, 10)
        outer.setSpacing(8)
        self.title = QLabel(self)
        self.title.setObjectName("areaTitle")
        outer.addWidget(self.title)

        bar = QHBoxLayout()
        bar.setSpacing(8)
        self.from_label = QLabel(self)
        bar.addWidget(self.from_label)
        self.from_warehouse = combo(self, "transferFromFilter", 170)
        bar.addWidget(self.from_warehouse)
        self.to_label = QLabel(self)
        bar.addWidget(self.to_label)
        self.to_warehouse = combo(self, "transferToFilter", 170)
        bar.addWidget(self.to_warehouse)
        self.status = combo(self, "transferStatusFilter", 110)
        bar.addWidget(self.status)
        self.search = QPushButton(self)
        self.search.setObjectName("searchTransfers")
        bar.addWidget(self.search)
        bar.addStretch(1)
        outer.addLayout(bar)

        actions = QHBoxLayout()
        actions.setSpacing(8)
        self.new = QPushButton(self)
        self.new.setObjectName("primaryButton")
        self.send = QPushButton(self)
        self.send.setObjectName("sendTransfer")
        self.receive = QPushButton(self)
        self.receive.setObjectName("approveButton")
        self.cancel = QPushButton(self)
        self.cancel.setObjectName("flagButton")
        for button in (self.new, self.send, self.receive, self.cancel):
            actions.addWidget(button)
        actions.addStretch(1)
        self.summary = summary_label(self)
        actions.addWidget(self.summary)
        outer.addLayout(actions)

        split = QSplitter(Qt.Orientation.Vertical, self)
        split.setChildrenCollapsible(False)
        self.table = table_view("transferTable", split)
        split.addWidget(self.table)
        detail = QGroupBox(split)
        detail.setObjectName("transferDetail")
        self.detail = detail
        box = QVBoxLayout(detail)
        box.setSpacing(6)
        self.heading = QLabel(detail)
        self.heading.setObjectName("transferHeading")
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        box.addWidget(self.heading)
        self.info = summary_label(detail)
        self.info.setWordWrap(True)
        box.addWidget(self.info)
        self.lines = table_view("transferLineTable", detail)
        box.addWidget(self.lines, 1)
        self.differences = message_label(detail)  # styled as a message: red when short
        box.addWidget(self.differences)
        split.addWidget(detail)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        outer.addWidget(split, 1)

        self.message = message_label(self)
        outer.addWidget(self.message)


class TransferDialogView(QDialog):
    """新建调拨单: from, to and a note; a line entry (scan or type a code, how many, serial
    numbers) with its own error line; the lines; save as a draft, or save and send."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("transferDialog")
        self.setMinimumSize(960, 600)
        outer = QVBoxLayout(self)
        outer.setSpacing(8)
        self.labels: dict[str, QLabel] = {}
        self.errors: dict[str, QLabel] = {}

        head = QGridLayout()
        head.setHorizontalSpacing(8)
        head.setVerticalSpacing(1)
        self.from_warehouse = combo(self, "transferFrom", 200)
        self.to_warehouse = combo(self, "transferTo", 200)
        self.note = QLineEdit(self)
        self.note.setObjectName("transferNote")
        self.note.setMaxLength(MAX_NOTE + 20)  # the service says what is too long
        for col, (key, field) in enumerate(
            (("from", self.from_warehouse), ("to", self.to_warehouse), ("note", self.note))
        ):
            label = QLabel(self)
            self.labels[key] = label
            head.addWidget(label, 0, 2 * col)
            head.addWidget(field, 0, 2 * col + 1)
            error = message_label(self)
            error.setProperty("level", "error")
            error.setVisible(False)
            self.errors[key] = error
            head.addWidget(error, 1, 2 * col + 1)
        head.setColumnStretch(5, 1)
        outer.addLayout(head)

        entry = QGroupBox(self)
        entry.setObjectName("transferEntry")
        self.entry_box = entry
        grid = QGridLayout(entry)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(4)
        self.code_label = QLabel(entry)
        grid.addWidget(self.code_label, 0, 0)
        self.code = QLineEdit(entry)
        self.code.setObjectName("transferCode")
        self.code.setMaxLength(60)
        self.code.setMinimumWidth(260)
        grid.addWidget(self.code, 0, 1)
        self.qty_label = QLabel(entry)
        grid.addWidget(self.qty_label, 0, 2)
        self.qty = QLineEdit(entry)
        self.qty.setObjectName("transferQty")
        self.qty.setMaxLength(16)
        self.qty.setMaximumWidth(100)
        grid.addWidget(self.qty, 0, 3)
        self.add = QPushButton(entry)
        self.add.setObjectName("addTransferLine")
        grid.addWidget(self.add, 0, 4)
        self.item = summary_label(entry, "transferItem")
        self.item.setWordWrap(True)
        grid.addWidget(self.item, 1, 1, 1, 4)
        self.serials_label = QLabel(entry)
        grid.addWidget(self.serials_label, 2, 0)
        self.serials = QLineEdit(entry)
        self.serials.setObjectName("transferSerials")
        self.serials.setMaxLength(20_000)
        grid.addWidget(self.serials, 2, 1, 1, 4)
        self.entry_error = message_label(entry)
        self.entry_error.setProperty("level", "error")
        self.entry_error.setVisible(False)
        grid.addWidget(self.entry_error, 3, 1, 1, 4)
        grid.setColumnStretch(1, 1)
        outer.addWidget(entry)

        self.lines = table_view("transferDraftTable", self)
        outer.addWidget(self.lines, 1)
        foot = QHBoxLayout()
        self.remove = QPushButton(self)
        self.remove.setObjectName("removeTransferLine")
        foot.addWidget(self.remove)
        foot.addStretch(1)
        self.totals = summary_label(self)
        foot.addWidget(self.totals)
        outer.addLayout(foot)

        self.message = message_label(self)
        outer.addWidget(self.message)
        # no default button: Enter in a field belongs to the line entry (a scanner ends every
        # code with Enter), never to "save"
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.save_send = QPushButton(self)
        self.save_send.setObjectName("primaryButton")
        self.save_draft = QPushButton(self)
        self.save_draft.setObjectName("saveTransferDraft")
        self.cancel = QPushButton(self)
        for button in (self.save_send, self.save_draft, self.cancel):
            buttons.addWidget(button)
        outer.addLayout(buttons)
        not_default(self.add, self.remove, self.save_send, self.save_draft, self.cancel)


class ReceiveDialogView(QDialog):
    """收货: per line what was sent and what arrived (a field, prefilled with what was sent; the
    serial numbers that arrived for serial-tracked goods)."""

    #: the columns of the lines table; ``RECEIVED`` and ``SERIALS`` hold fields
    LINE, CODE, NAME, SENT, RECEIVED, SERIALS = range(6)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("receiveDialog")
        self.setMinimumSize(860, 420)
        outer = QVBoxLayout(self)
        outer.setSpacing(8)
        self.heading = QLabel(self)
        self.heading.setObjectName("areaTitle")
        self.heading.setWordWrap(True)
        outer.addWidget(self.heading)
        self.hint = summary_label(self, "hint")
        self.hint.setWordWrap(True)
        outer.addWidget(self.hint)
        self.lines = QTableWidget(0, 6, self)
        self.lines.setObjectName("receiveTable")
        self.lines.verticalHeader().setVisible(False)
        self.lines.verticalHeader().setDefaultSectionSize(34)
        self.lines.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.lines.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.lines.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(self.SERIALS, QHeaderView.ResizeMode.Stretch)
        outer.addWidget(self.lines, 1)
        self.totals = summary_label(self)
        outer.addWidget(self.totals)
        self.message = message_label(self)
        outer.addWidget(self.message)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.receive = QPushButton(self)
        self.receive.setObjectName("approveButton")
        self.cancel = QPushButton(self)
        buttons.addWidget(self.receive)
        buttons.addWidget(self.cancel)
        outer.addLayout(buttons)
        not_default(self.receive, self.cancel)
        #: the fields of each line, by row: what arrived, and its serial numbers (or None)
        self.received: list[QLineEdit] = []
        self.serials: list[QLineEdit | None] = []

    def add_line(
        self, cells: tuple[str, str, str, str], received: str, serials: str | None
    ) -> tuple[QLineEdit, QLineEdit | None]:
        """A row: line no., code, name and what was sent as text, then the fields."""
        row = self.lines.rowCount()
        self.lines.insertRow(row)
        for col, text in zip((self.LINE, self.CODE, self.NAME, self.SENT), cells, strict=True):
            item = QTableWidgetItem(text)
            if col in (self.LINE, self.SENT):
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.lines.setItem(row, col, item)
        qty = QLineEdit(self.lines)
        qty.setObjectName("receivedQty")
        qty.setMaxLength(16)
        qty.setAlignment(Qt.AlignmentFlag.AlignRight)
        qty.setText(received)
        self.lines.setCellWidget(row, self.RECEIVED, qty)
        numbers = None
        if serials is not None:
            numbers = QLineEdit(self.lines)
            numbers.setObjectName("receivedSerials")
            numbers.setMaxLength(20_000)
            numbers.setText(serials)
            self.lines.setCellWidget(row, self.SERIALS, numbers)
        self.received.append(qty)
        self.serials.append(numbers)
        self.lines.resizeColumnsToContents()
        return qty, numbers
