"""Layout of the stock areas: the stock list with a SKU's ledger and limits, the limits dialog,
the voucher list with a voucher's lines, the voucher dialog, the low-stock list. Widgets only,
no text and no behaviour: the screens (``stock_screen``, ``voucher_dialog``) set every visible
string through translation and wire the signals."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from backoffice.views import area_title as _title
from backoffice.views import field_error, message_label, table_view
from shared.services.inventory import MAX_NOTE

DATE_FORMAT = "yyyy-MM-dd"


def keep_fitted(table: QTableView, stretch: int) -> None:
    """Fit the columns to their rows each time rows arrive, then give the room left over to the
    ``stretch`` column (an item's name), not to the last one; the last one still takes what a
    later resize of the window adds. (Sections are sized once per arrival, not kept at their
    contents' size: a header in that mode would undo the stretch at its next layout.)"""
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
        room = table.viewport().width()
        scroll = table.verticalScrollBar()
        if not scroll.isVisible():  # it may appear once the rows are laid out
            room -= scroll.sizeHint().width()
        spare = room - used
        if spare > 0 and 0 <= stretch < header.count():
            header.resizeSection(stretch, header.sectionSize(stretch) + spare)
        header.setStretchLastSection(True)

    model = table.model()
    model.rowsInserted.connect(fit)
    model.modelReset.connect(fit)


def _area(widget: QWidget, name: str) -> QVBoxLayout:
    widget.setObjectName(name)
    outer = QVBoxLayout(widget)
    outer.setContentsMargins(12, 10, 12, 10)
    outer.setSpacing(8)
    return outer


def _summary(parent: QWidget) -> QLabel:
    lab = QLabel(parent)
    lab.setObjectName("summary")
    return lab


def _combo(parent: QWidget, name: str, min_width: int = 0) -> QComboBox:
    combo = QComboBox(parent)
    combo.setObjectName(name)
    if min_width:
        combo.setMinimumWidth(min_width)
    return combo


class StockAreaView(QWidget):
    """库存查询: warehouse and filters, the list's summary beside the export and import buttons,
    the stock list, and below it the selected SKU's limits and movements. (Two rows above the
    list, not one: in one row the filters and the six buttons made the back office wider than a
    1366 px screen.)"""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = _area(self, "stockArea")
        self.title = _title(self)
        outer.addWidget(self.title)

        bar = QHBoxLayout()
        bar.setSpacing(8)
        self.warehouse_label = QLabel(self)
        bar.addWidget(self.warehouse_label)
        self.warehouse = _combo(self, "warehouseFilter", 200)
        bar.addWidget(self.warehouse)
        self.text = QLineEdit(self)
        self.text.setObjectName("stockTextFilter")
        self.text.setMaxLength(60)
        self.text.setMinimumWidth(200)
        self.text.setMaximumWidth(260)
        self.text.setClearButtonEnabled(True)
        bar.addWidget(self.text)
        self.category = _combo(self, "categoryFilter", 120)
        bar.addWidget(self.category)
        self.low_only = QCheckBox(self)
        self.low_only.setObjectName("lowOnly")
        bar.addWidget(self.low_only)
        self.negative_only = QCheckBox(self)
        self.negative_only.setObjectName("negativeOnly")
        bar.addWidget(self.negative_only)
        self.search = QPushButton(self)
        self.search.setObjectName("primaryButton")
        bar.addWidget(self.search)
        bar.addStretch(1)
        outer.addLayout(bar)

        actions = QHBoxLayout()
        actions.setSpacing(8)
        self.summary = _summary(self)
        self.summary.setWordWrap(True)  # a long warehouse name wraps, never widens the area
        actions.addWidget(self.summary, 1)
        self.export_csv = QPushButton(self)
        self.export_xlsx = QPushButton(self)
        actions.addWidget(self.export_csv)
        actions.addWidget(self.export_xlsx)
        self.import_products = QPushButton(self)
        self.import_products.setObjectName("importProducts")
        self.import_opening = QPushButton(self)
        self.import_opening.setObjectName("importOpening")
        actions.addWidget(self.import_products)
        actions.addWidget(self.import_opening)
        outer.addLayout(actions)

        split = QSplitter(Qt.Orientation.Vertical, self)
        split.setChildrenCollapsible(False)
        self.table = table_view("stockTable", split)
        split.addWidget(self.table)
        detail = QGroupBox(split)
        detail.setObjectName("stockDetail")
        self.detail = detail
        box = QVBoxLayout(detail)
        box.setSpacing(6)
        head = QHBoxLayout()
        self.limits = QLabel(detail)
        self.limits.setObjectName("limitsText")
        self.limits.setWordWrap(True)
        head.addWidget(self.limits, 1)
        self.edit_limits = QPushButton(detail)
        self.edit_limits.setObjectName("editLimits")
        head.addWidget(self.edit_limits)
        box.addLayout(head)
        self.movements_summary = _summary(detail)
        box.addWidget(self.movements_summary)
        self.movements = table_view("movementTable", detail)
        box.addWidget(self.movements, 1)
        split.addWidget(detail)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        outer.addWidget(split, 1)

        self.message = message_label(self)
        outer.addWidget(self.message)


class LimitsDialogView(QDialog):
    """库存上下限: safety stock, lower and upper limit of one SKU in one warehouse."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("limitsDialog")
        self.setMinimumWidth(460)
        outer = QVBoxLayout(self)
        self.item = QLabel(self)
        self.item.setObjectName("areaTitle")
        self.item.setWordWrap(True)
        outer.addWidget(self.item)
        self.stock = _summary(self)
        outer.addWidget(self.stock)
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.labels: dict[str, QLabel] = {}
        self.errors: dict[str, QLabel] = {}
        self.fields: dict[str, QLineEdit] = {}
        for key in ("safety", "lower", "upper"):
            edit = QLineEdit(self)
            edit.setObjectName(f"{key}Limit")
            edit.setMaxLength(16)
            label = QLabel(self)
            error = field_error(self)
            column = QVBoxLayout()
            column.setSpacing(1)
            column.addWidget(edit)
            column.addWidget(error)
            form.addRow(label, column)
            self.labels[key], self.errors[key], self.fields[key] = label, error, edit
        outer.addLayout(form)
        self.hint = _summary(self)
        self.hint.setWordWrap(True)
        outer.addWidget(self.hint)
        self.message = message_label(self)
        outer.addWidget(self.message)
        self.buttons = QDialogButtonBox(self)
        self.save = QPushButton(self)
        self.save.setObjectName("primaryButton")
        self.cancel = QPushButton(self)
        self.buttons.addButton(self.save, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.cancel, QDialogButtonBox.ButtonRole.RejectRole)
        outer.addWidget(self.buttons)


class VoucherAreaView(QWidget):
    """出入库单: filters, actions, the voucher list and, below it, the selected voucher's lines."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = _area(self, "voucherArea")
        self.title = _title(self)
        outer.addWidget(self.title)

        bar = QHBoxLayout()
        bar.setSpacing(8)
        self.warehouse = _combo(self, "warehouseFilter", 180)
        bar.addWidget(self.warehouse)
        self.direction = _combo(self, "directionFilter")
        bar.addWidget(self.direction)
        self.type = _combo(self, "typeFilter")
        bar.addWidget(self.type)
        self.status = _combo(self, "statusFilter")
        bar.addWidget(self.status)
        self.by_date = QCheckBox(self)
        self.by_date.setObjectName("byDate")
        bar.addWidget(self.by_date)
        self.date_from = QDateEdit(self)
        self.date_to = QDateEdit(self)
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat(DATE_FORMAT)
            edit.setEnabled(False)
        bar.addWidget(self.date_from)
        bar.addWidget(QLabel("—", self))
        bar.addWidget(self.date_to)
        self.text = QLineEdit(self)
        self.text.setObjectName("voucherTextFilter")
        self.text.setMaxLength(60)
        self.text.setMinimumWidth(120)
        self.text.setMaximumWidth(160)
        self.text.setClearButtonEnabled(True)
        bar.addWidget(self.text)
        self.search = QPushButton(self)
        self.search.setObjectName("primaryButton")
        bar.addWidget(self.search)
        bar.addStretch(1)
        outer.addLayout(bar)

        actions = QHBoxLayout()
        actions.setSpacing(8)
        self.new_in = QPushButton(self)
        self.new_in.setObjectName("newInbound")
        self.new_out = QPushButton(self)
        self.new_out.setObjectName("newOutbound")
        self.post = QPushButton(self)
        self.post.setObjectName("approveButton")
        self.cancel = QPushButton(self)
        self.cancel.setObjectName("flagButton")
        for button in (self.new_in, self.new_out, self.post, self.cancel):
            actions.addWidget(button)
        actions.addStretch(1)
        outer.addLayout(actions)

        self.summary = _summary(self)
        outer.addWidget(self.summary)

        split = QSplitter(Qt.Orientation.Vertical, self)
        split.setChildrenCollapsible(False)
        self.table = table_view("voucherTable", split)
        split.addWidget(self.table)
        lines = QGroupBox(split)
        lines.setObjectName("voucherLinesBox")
        self.lines_box = lines
        box = QVBoxLayout(lines)
        self.lines_summary = _summary(lines)
        self.lines_summary.setWordWrap(True)
        box.addWidget(self.lines_summary)
        self.lines = table_view("voucherLineTable", lines)
        box.addWidget(self.lines, 1)
        split.addWidget(lines)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        outer.addWidget(split, 1)

        self.message = message_label(self)
        outer.addWidget(self.message)


class VoucherDialogView(QDialog):
    """新建入库单 / 出库单: warehouse, type and note; a line entry (scan or type a code, quantity,
    unit cost, serial numbers) with its own error line; the lines; save or save and post."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("voucherDialog")
        self.setMinimumSize(960, 600)
        outer = QVBoxLayout(self)
        outer.setSpacing(8)
        self.labels: dict[str, QLabel] = {}
        self.errors: dict[str, QLabel] = {}

        head = QGridLayout()
        head.setHorizontalSpacing(8)
        head.setVerticalSpacing(1)
        self.warehouse = _combo(self, "voucherWarehouse", 220)
        self.type = _combo(self, "voucherType", 140)
        self.note = QLineEdit(self)
        self.note.setObjectName("voucherNote")
        self.note.setMaxLength(MAX_NOTE + 20)  # the service says what is too long
        for col, (key, field) in enumerate(
            (("warehouse", self.warehouse), ("type", self.type), ("note", self.note))
        ):
            label = QLabel(self)
            self.labels[key] = label
            head.addWidget(label, 0, 2 * col)
            head.addWidget(field, 0, 2 * col + 1)
            error = field_error(self)
            self.errors[key] = error
            head.addWidget(error, 1, 2 * col + 1)
        head.setColumnStretch(5, 1)
        outer.addLayout(head)

        entry = QGroupBox(self)
        entry.setObjectName("voucherEntry")
        self.entry_box = entry
        grid = QGridLayout(entry)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(4)
        self.code_label = QLabel(entry)
        grid.addWidget(self.code_label, 0, 0)
        self.code = QLineEdit(entry)
        self.code.setObjectName("lineCode")
        self.code.setMaxLength(60)
        self.code.setMinimumWidth(220)
        grid.addWidget(self.code, 0, 1)
        self.qty_label = QLabel(entry)
        grid.addWidget(self.qty_label, 0, 2)
        self.qty = QLineEdit(entry)
        self.qty.setObjectName("lineQty")
        self.qty.setMaxLength(16)
        self.qty.setMaximumWidth(110)
        grid.addWidget(self.qty, 0, 3)
        self.cost_label = QLabel(entry)
        grid.addWidget(self.cost_label, 0, 4)
        self.cost = QLineEdit(entry)
        self.cost.setObjectName("lineCost")
        self.cost.setMaxLength(14)
        self.cost.setMaximumWidth(120)
        grid.addWidget(self.cost, 0, 5)
        self.add = QPushButton(entry)
        self.add.setObjectName("addLine")
        grid.addWidget(self.add, 0, 6)
        self.item = _summary(entry)
        self.item.setObjectName("lineItem")
        self.item.setWordWrap(True)
        grid.addWidget(self.item, 1, 1, 1, 6)
        self.serials_label = QLabel(entry)
        grid.addWidget(self.serials_label, 2, 0)
        self.serials = QLineEdit(entry)
        self.serials.setObjectName("lineSerials")
        self.serials.setMaxLength(20_000)
        grid.addWidget(self.serials, 2, 1, 1, 6)
        self.entry_error = field_error(entry)
        grid.addWidget(self.entry_error, 3, 1, 1, 6)
        grid.setColumnStretch(1, 1)
        outer.addWidget(entry)

        self.lines = table_view("draftLineTable", self)
        outer.addWidget(self.lines, 1)
        foot = QHBoxLayout()
        self.remove = QPushButton(self)
        self.remove.setObjectName("removeLine")
        foot.addWidget(self.remove)
        foot.addStretch(1)
        self.totals = _summary(self)
        foot.addWidget(self.totals)
        outer.addLayout(foot)

        self.message = message_label(self)
        outer.addWidget(self.message)
        # no button box and no default button: Enter in a field belongs to the line entry (a
        # scanner ends every code with Enter), never to "save"
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.save_post = QPushButton(self)
        self.save_post.setObjectName("primaryButton")
        self.save_draft = QPushButton(self)
        self.save_draft.setObjectName("saveDraft")
        self.cancel = QPushButton(self)
        for button in (self.save_post, self.save_draft, self.cancel):
            buttons.addWidget(button)
        outer.addLayout(buttons)
        for button in (self.add, self.remove, self.save_post, self.save_draft, self.cancel):
            button.setAutoDefault(False)
            button.setDefault(False)


class LowStockAreaView(QWidget):
    """库存预警: the SKUs of a warehouse at or below their limits, with the replenishment
    suggestion (补货建议)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = _area(self, "lowStockArea")
        self.title = _title(self)
        outer.addWidget(self.title)
        bar = QHBoxLayout()
        bar.setSpacing(8)
        self.warehouse_label = QLabel(self)
        bar.addWidget(self.warehouse_label)
        self.warehouse = _combo(self, "warehouseFilter", 200)
        bar.addWidget(self.warehouse)
        self.refresh = QPushButton(self)
        self.refresh.setObjectName("primaryButton")
        bar.addWidget(self.refresh)
        self.replenish = QPushButton(self)
        self.replenish.setObjectName("replenish")
        bar.addWidget(self.replenish)
        bar.addStretch(1)
        self.export_csv = QPushButton(self)
        self.export_xlsx = QPushButton(self)
        bar.addWidget(self.export_csv)
        bar.addWidget(self.export_xlsx)
        outer.addLayout(bar)
        self.summary = _summary(self)
        self.summary.setWordWrap(True)
        outer.addWidget(self.summary)
        self.table = table_view("lowStockTable", self)
        outer.addWidget(self.table, 1)
        self.message = message_label(self)
        outer.addWidget(self.message)
