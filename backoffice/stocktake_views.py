"""Layout of the stocktake area (盘点): the count-sheet list, the sheet in progress (a scan field
that keeps the focus, the counted lines beside what is not counted yet, approve and cancel),
and its dialogs (open a sheet, correct a count, approve). Widgets only, no text and no
behaviour: ``stocktake_screen`` sets every visible string through translation and wires the
signals."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QComboBox,
    QDialog,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from backoffice.views import message_label, table_view


def fit_columns(table: QTableView, stretch: int) -> None:
    """Fit the columns to their rows each time the rows change, then give the room left over to
    the ``stretch`` column (an item's name)."""
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)

    def fit(*_: object) -> None:
        if not isValid(table):  # the rows arrived after the area was closed
            return
        header.setStretchLastSection(False)
        header.resizeSections(QHeaderView.ResizeMode.ResizeToContents)
        used = sum(
            header.sectionSize(i) for i in range(header.count()) if not header.isSectionHidden(i)
        )
        spare = table.viewport().width() - used
        if spare > 0 and 0 <= stretch < header.count():
            header.resizeSection(stretch, header.sectionSize(stretch) + spare)

    model = table.model()
    for signal in (model.rowsInserted, model.modelReset, model.dataChanged):
        signal.connect(fit)


def summary_label(parent: QWidget, name: str = "summary") -> QLabel:
    lab = QLabel(parent)
    lab.setObjectName(name)
    return lab


def combo(parent: QWidget, name: str, min_width: int = 0) -> QComboBox:
    box = QComboBox(parent)
    box.setObjectName(name)
    if min_width:
        box.setMinimumWidth(min_width)
    return box


def no_focus(*widgets: QWidget) -> None:
    """Clicking these leaves the keyboard focus where it is (on the scan field)."""
    for widget in widgets:
        widget.setFocusPolicy(Qt.FocusPolicy.NoFocus)


def not_default(*buttons: QAbstractButton) -> None:
    """Enter in a field belongs to that field (a scanner ends every code with Enter), never to a
    dialog's default button."""
    for button in buttons:
        if isinstance(button, QPushButton):
            button.setAutoDefault(False)
            button.setDefault(False)


class StocktakeAreaView(QWidget):
    """盘点: filters and the count-sheet list on top; below it the selected sheet: the scan
    entry, the counted lines beside the SKUs not counted yet, the totals, approve and cancel."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("stocktakeArea")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(12, 10, 12, 10)
        outer.setSpacing(6)
        self.title = QLabel(self)
        self.title.setObjectName("areaTitle")
        outer.addWidget(self.title)

        bar = QHBoxLayout()
        bar.setSpacing(8)
        self.warehouse = combo(self, "stocktakeWarehouseFilter", 200)
        bar.addWidget(self.warehouse)
        self.status = combo(self, "stocktakeStatusFilter", 110)
        bar.addWidget(self.status)
        self.search = QPushButton(self)
        self.search.setObjectName("searchStocktakes")
        bar.addWidget(self.search)
        self.summary = summary_label(self)
        bar.addWidget(self.summary)
        bar.addStretch(1)
        self.open_sheet = QPushButton(self)
        self.open_sheet.setObjectName("primaryButton")
        bar.addWidget(self.open_sheet)
        outer.addLayout(bar)

        split = QSplitter(Qt.Orientation.Vertical, self)
        split.setObjectName("stocktakeSplit")
        split.setChildrenCollapsible(False)
        self.table = table_view("stocktakeTable", split)
        self.table.setMinimumHeight(110)
        split.addWidget(self.table)

        sheet = QGroupBox(split)
        sheet.setObjectName("stocktakeSheet")
        self.sheet = sheet
        box = QVBoxLayout(sheet)
        box.setContentsMargins(8, 6, 8, 6)
        box.setSpacing(6)
        head = QHBoxLayout()
        self.heading = QLabel(sheet)
        self.heading.setObjectName("sheetHeading")
        font = self.heading.font()
        font.setBold(True)
        font.setPointSize(font.pointSize() + 1)
        self.heading.setFont(font)
        head.addWidget(self.heading)
        self.info = summary_label(sheet)
        self.info.setWordWrap(True)
        head.addWidget(self.info, 1)
        self.export_csv = QPushButton(sheet)
        self.export_csv.setObjectName("exportSheetCsv")
        self.export_xlsx = QPushButton(sheet)
        self.export_xlsx.setObjectName("exportSheetXlsx")
        head.addWidget(self.export_csv)
        head.addWidget(self.export_xlsx)
        box.addLayout(head)

        entry = QFrame(sheet)
        entry.setObjectName("scanEntry")
        self.entry = entry
        row = QHBoxLayout(entry)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(8)
        self.scan_label = QLabel(entry)
        row.addWidget(self.scan_label)
        self.scan = QLineEdit(entry)
        self.scan.setObjectName("scanField")
        self.scan.setMaxLength(60)
        self.scan.setMinimumWidth(320)
        self.scan.setMinimumHeight(34)
        big = QFont(self.scan.font())
        big.setPointSize(big.pointSize() + 3)
        self.scan.setFont(big)
        row.addWidget(self.scan, 2)
        self.qty_label = QLabel(entry)
        row.addWidget(self.qty_label)
        self.qty = QLineEdit(entry)
        self.qty.setObjectName("scanQty")
        self.qty.setMaxLength(12)
        self.qty.setMaximumWidth(90)
        self.qty.setMinimumHeight(34)
        row.addWidget(self.qty)
        self.correct = QPushButton(entry)
        self.correct.setObjectName("correctCount")
        row.addWidget(self.correct)
        row.addStretch(1)
        box.addWidget(entry)
        self.feedback = message_label(sheet)
        self.feedback.setObjectName("message")
        self.feedback.setMinimumHeight(20)
        box.addWidget(self.feedback)

        lists = QSplitter(Qt.Orientation.Horizontal, sheet)
        lists.setChildrenCollapsible(False)
        counted = QGroupBox(lists)
        counted.setObjectName("countedBox")
        self.counted_box = counted
        counted_layout = QVBoxLayout(counted)
        counted_layout.setContentsMargins(4, 4, 4, 4)
        self.lines = table_view("countedTable", counted)
        counted_layout.addWidget(self.lines)
        lists.addWidget(counted)
        uncounted = QGroupBox(lists)
        uncounted.setObjectName("uncountedBox")
        self.uncounted_box = uncounted
        uncounted_layout = QVBoxLayout(uncounted)
        uncounted_layout.setContentsMargins(4, 4, 4, 4)
        self.uncounted = table_view("uncountedTable", uncounted)
        uncounted_layout.addWidget(self.uncounted)
        lists.addWidget(uncounted)
        lists.setStretchFactor(0, 5)
        lists.setStretchFactor(1, 2)
        box.addWidget(lists, 1)

        foot = QHBoxLayout()
        self.totals = summary_label(sheet, "sheetTotals")
        self.totals.setWordWrap(True)
        foot.addWidget(self.totals, 1)
        self.approve = QPushButton(sheet)
        self.approve.setObjectName("approveButton")
        self.cancel_sheet = QPushButton(sheet)
        self.cancel_sheet.setObjectName("flagButton")
        foot.addWidget(self.approve)
        foot.addWidget(self.cancel_sheet)
        box.addLayout(foot)
        split.addWidget(sheet)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 4)
        outer.addWidget(split, 1)

        self.message = message_label(self)
        outer.addWidget(self.message)
        # the scanner's keystrokes must keep landing in the scan field: clicking a table or a
        # button of the sheet does not take the focus from it
        no_focus(
            self.table,
            self.lines,
            self.uncounted,
            self.correct,
            self.approve,
            self.cancel_sheet,
            self.export_csv,
            self.export_xlsx,
        )


class OpenSheetDialogView(QDialog):
    """开始盘点: the warehouse, and every SKU or one category."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("openSheetDialog")
        self.setMinimumWidth(460)
        outer = QVBoxLayout(self)
        grid = QGridLayout()
        grid.setHorizontalSpacing(8)
        self.warehouse_label = QLabel(self)
        grid.addWidget(self.warehouse_label, 0, 0)
        self.warehouse = combo(self, "sheetWarehouse", 240)
        grid.addWidget(self.warehouse, 0, 1, 1, 2)
        self.scope_label = QLabel(self)
        grid.addWidget(self.scope_label, 1, 0)
        self.all_goods = QRadioButton(self)
        self.all_goods.setObjectName("allGoods")
        self.all_goods.setChecked(True)
        grid.addWidget(self.all_goods, 1, 1, 1, 2)
        self.one_category = QRadioButton(self)
        self.one_category.setObjectName("oneCategory")
        grid.addWidget(self.one_category, 2, 1)
        self.category = combo(self, "sheetCategory", 160)
        self.category.setEnabled(False)
        grid.addWidget(self.category, 2, 2)
        grid.setColumnStretch(2, 1)
        outer.addLayout(grid)
        self.hint = summary_label(self, "hint")
        self.hint.setWordWrap(True)
        outer.addWidget(self.hint)
        self.message = message_label(self)
        outer.addWidget(self.message)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.open_button = QPushButton(self)
        self.open_button.setObjectName("primaryButton")
        self.cancel = QPushButton(self)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.cancel)
        outer.addLayout(buttons)
        not_default(self.open_button, self.cancel)


class CorrectDialogView(QDialog):
    """更正数量: the item, what is counted now, the right count."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("correctDialog")
        self.setMinimumWidth(420)
        outer = QVBoxLayout(self)
        self.item = QLabel(self)
        self.item.setObjectName("areaTitle")
        self.item.setWordWrap(True)
        outer.addWidget(self.item)
        self.current = summary_label(self)
        self.current.setWordWrap(True)
        outer.addWidget(self.current)
        row = QHBoxLayout()
        self.count_label = QLabel(self)
        row.addWidget(self.count_label)
        self.count = QLineEdit(self)
        self.count.setObjectName("correctedCount")
        self.count.setMaxLength(16)
        self.count.setMaximumWidth(140)
        row.addWidget(self.count)
        row.addStretch(1)
        outer.addLayout(row)
        self.message = message_label(self)
        outer.addWidget(self.message)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.save = QPushButton(self)
        self.save.setObjectName("primaryButton")
        self.cancel = QPushButton(self)
        buttons.addWidget(self.save)
        buttons.addWidget(self.cancel)
        outer.addLayout(buttons)
        not_default(self.save, self.cancel)


class ApproveDialogView(QDialog):
    """审核盘点: the gains, the losses, what is not counted and whether it counts as zero."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("approveDialog")
        self.setMinimumWidth(520)
        outer = QVBoxLayout(self)
        outer.setSpacing(8)
        self.heading = QLabel(self)
        self.heading.setObjectName("areaTitle")
        self.heading.setWordWrap(True)
        outer.addWidget(self.heading)
        figures = QGridLayout()
        figures.setHorizontalSpacing(12)
        self.gains_label = QLabel(self)
        self.gains = QLabel(self)
        self.gains.setObjectName("approveGains")
        self.losses_label = QLabel(self)
        self.losses = QLabel(self)
        self.losses.setObjectName("approveLosses")
        self.uncounted_label = QLabel(self)
        self.uncounted = QLabel(self)
        self.uncounted.setObjectName("approveUncounted")
        self.uncounted.setWordWrap(True)
        for i, (label, value) in enumerate(
            (
                (self.gains_label, self.gains),
                (self.losses_label, self.losses),
                (self.uncounted_label, self.uncounted),
            )
        ):
            figures.addWidget(label, i, 0, Qt.AlignmentFlag.AlignTop)
            figures.addWidget(value, i, 1)
        figures.setColumnStretch(1, 1)
        outer.addLayout(figures)
        self.zero = QCheckBox(self)
        self.zero.setObjectName("uncountedZero")
        outer.addWidget(self.zero)
        self.warning = summary_label(self, "hint")
        self.warning.setWordWrap(True)
        outer.addWidget(self.warning)
        self.message = message_label(self)
        outer.addWidget(self.message)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.approve = QPushButton(self)
        self.approve.setObjectName("approveButton")
        self.cancel = QPushButton(self)
        buttons.addWidget(self.approve)
        buttons.addWidget(self.cancel)
        outer.addLayout(buttons)
        not_default(self.approve, self.cancel)
