"""Layout of the coupon areas: the coupon list with its codes, the coupon dialog, the issue dialog,
the verification records. Widgets only, no text and no behaviour: the screens
(``coupon_screen``, ``verification_screen``) set every visible string through translation and
wire the signals."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from backoffice.views import field_error as _field_error
from backoffice.views import message_label as _message
from backoffice.views import table_view
from shared.services.coupons import (
    LIMIT_FIELDS,
    MAX_BATCH_NO,
    MAX_COVER,
    MAX_ISSUE,
    MAX_LIMIT,
    MAX_NAME,
    MAX_NOTE,
    MAX_SKU_CODE,
    MAX_STOCK,
)

DATETIME_FORMAT = "yyyy-MM-dd HH:mm"


def keep_columns_fitted(table: QTableView) -> None:
    """Fit the columns to the rows each time a page arrives: a header left to size itself
    measures only the rows it had when it was last laid out (none, if the first page came while
    the table was on screen)."""

    def fit(*_: object) -> None:
        if not isValid(table):  # the rows arrived after the area was closed
            return
        header = table.horizontalHeader()
        header.resizeSections(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)  # the last column takes the room left again
        header.setStretchLastSection(True)

    table.model().rowsInserted.connect(fit)


def _count_spin(parent: QWidget, high: int) -> QSpinBox:
    """-1 shows as the special text (unlimited), set by the screen."""
    spin = QSpinBox(parent)
    spin.setRange(-1, high)
    spin.setValue(-1)
    spin.setAccelerated(True)
    spin.setMinimumWidth(110)
    return spin


class CouponAreaView(QWidget):
    """卡券管理: filters, actions, the coupon list and, below it, the selected coupon's codes."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("couponArea")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(12, 10, 12, 10)
        outer.setSpacing(8)
        self.title = QLabel(self)
        self.title.setObjectName("areaTitle")
        outer.addWidget(self.title)

        bar = QHBoxLayout()
        bar.setSpacing(8)
        self.name_label = QLabel(self)
        bar.addWidget(self.name_label)
        self.name = QLineEdit(self)
        self.name.setObjectName("couponNameFilter")
        self.name.setMaxLength(60)
        self.name.setMaximumWidth(180)
        bar.addWidget(self.name)
        self.type = QComboBox(self)
        self.type.setObjectName("couponTypeFilter")
        bar.addWidget(self.type)
        self.status = QComboBox(self)
        self.status.setObjectName("couponStatusFilter")
        bar.addWidget(self.status)
        self.store = QComboBox(self)
        self.store.setObjectName("couponStoreFilter")
        self.store.setMinimumWidth(180)
        bar.addWidget(self.store)
        self.search = QPushButton(self)
        self.search.setObjectName("primaryButton")
        bar.addWidget(self.search)
        bar.addStretch(1)
        outer.addLayout(bar)

        actions = QHBoxLayout()
        actions.setSpacing(8)
        self.new = QPushButton(self)
        self.new.setObjectName("newCoupon")
        self.edit = QPushButton(self)
        self.edit.setObjectName("editCoupon")
        self.issue = QPushButton(self)
        self.issue.setObjectName("issueCodes")
        self.export_csv = QPushButton(self)
        self.export_xlsx = QPushButton(self)
        for button in (self.new, self.edit, self.issue):
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(self.export_csv)
        actions.addWidget(self.export_xlsx)
        outer.addLayout(actions)

        self.summary = QLabel(self)
        self.summary.setObjectName("summary")
        outer.addWidget(self.summary)

        split = QSplitter(Qt.Orientation.Vertical, self)
        split.setChildrenCollapsible(False)
        self.table = table_view("couponTable", split)
        split.addWidget(self.table)
        codes = QGroupBox(split)
        codes.setObjectName("codesBox")
        self.codes_box = codes
        codes_layout = QVBoxLayout(codes)
        self.codes_summary = QLabel(codes)
        self.codes_summary.setObjectName("summary")
        codes_layout.addWidget(self.codes_summary)
        self.codes = table_view("codeTable", codes)
        codes_layout.addWidget(self.codes)
        split.addWidget(codes)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        outer.addWidget(split, 1)

        self.message = _message(self)
        outer.addWidget(self.message)


class CouponDialogView(QDialog):
    """新建 / 编辑卡券: the definition on the left (rule, stock, stores, validity), the limits and
    the rest on the right; under each field a line for what is wrong with it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("couponDialog")
        self.setMinimumWidth(900)
        #: the row labels and the error lines, by field (the service's field names)
        self.labels: dict[str, QLabel] = {}
        self.errors: dict[str, QLabel] = {}
        outer = QVBoxLayout(self)
        outer.setSpacing(8)
        columns = QHBoxLayout()
        columns.setSpacing(16)
        left = QFormLayout()
        right = QFormLayout()
        for form in (left, right):
            form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            form.setVerticalSpacing(4)
        columns.addLayout(left, 3)
        columns.addLayout(right, 2)
        outer.addLayout(columns)

        self.name = QLineEdit(self)
        self.name.setObjectName("couponName")
        self.name.setMaxLength(MAX_NAME + 20)  # the service says what is too long
        self._row(left, "name", self.name)
        self.type = QComboBox(self)
        self.type.setObjectName("couponType")
        self._row(left, "type", self.type)
        self._rule_rows(left)

        stock_row = QHBoxLayout()
        self.stock = _count_spin(self, MAX_STOCK)
        self.stock.setObjectName("couponStock")
        stock_row.addWidget(self.stock)
        stock_row.addStretch(1)
        self._row(left, "stock", stock_row)

        scope = QHBoxLayout()
        self.all_stores = QRadioButton(self)
        self.all_stores.setObjectName("allStores")
        self.listed_stores = QRadioButton(self)
        self.listed_stores.setObjectName("listedStores")
        scope.addWidget(self.all_stores)
        scope.addWidget(self.listed_stores)
        scope.addStretch(1)
        self._row(left, "store_scope", scope)
        self.stores = QListWidget(self)
        self.stores.setObjectName("couponStores")
        self.stores.setMaximumHeight(72)
        self.stores.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        left.addRow("", self.stores)
        self.errors["store_codes"] = self.errors["store_scope"]

        dates = QHBoxLayout()
        self.valid_from = QDateTimeEdit(self)
        self.valid_until = QDateTimeEdit(self)
        self.dates_dash = QLabel("—", self)
        for edit, name in ((self.valid_from, "validFrom"), (self.valid_until, "validUntil")):
            edit.setObjectName(name)
            edit.setCalendarPopup(True)
            edit.setDisplayFormat(DATETIME_FORMAT)
            dates.addWidget(edit)
            if edit is self.valid_from:
                dates.addWidget(self.dates_dash)
        dates.addStretch(1)
        self._row(left, "valid_from", dates)
        self.errors["valid_until"] = self.errors["valid_from"]

        self.stackable = QCheckBox(self)
        self.stackable.setObjectName("couponStackable")
        self._row(right, "stackable", self.stackable)
        self.limits: dict[str, QSpinBox] = {}
        for name in LIMIT_FIELDS:
            spin = _count_spin(self, MAX_LIMIT)
            spin.setObjectName(name)
            self.limits[name] = spin
            self._row(right, name, spin)
        self.funded_by = QComboBox(self)
        self.funded_by.setObjectName("couponFundedBy")
        self._row(right, "funded_by", self.funded_by)
        self.status = QComboBox(self)
        self.status.setObjectName("couponStatus")
        self._row(right, "status", self.status)
        self.note = QLineEdit(self)
        self.note.setObjectName("couponNote")
        self.note.setMaxLength(MAX_NOTE + 20)
        self._row(right, "note", self.note)
        self.cover_image = QLineEdit(self)
        self.cover_image.setObjectName("couponCover")
        self.cover_image.setMaxLength(MAX_COVER + 20)
        self._row(right, "cover_image", self.cover_image)

        self.message = _message(self)
        outer.addWidget(self.message)
        self.buttons = QDialogButtonBox(self)
        self.save = QPushButton(self)
        self.save.setObjectName("primaryButton")
        self.cancel = QPushButton(self)
        self.buttons.addButton(self.save, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.cancel, QDialogButtonBox.ButtonRole.RejectRole)
        outer.addWidget(self.buttons)

    def _row(self, form: QFormLayout, key: str, field: QWidget | QHBoxLayout) -> None:
        label = QLabel(self)
        self.labels[key] = label
        box = QVBoxLayout()
        box.setSpacing(1)
        if isinstance(field, QWidget):
            box.addWidget(field)
        else:
            box.addLayout(field)
        error = _field_error(self)
        self.errors[key] = error
        box.addWidget(error)
        form.addRow(label, box)

    def _rule_rows(self, form: QFormLayout) -> None:
        """The fields of every coupon type; ``show_rule`` shows those of one type."""
        self.sku = QLineEdit(self)
        self.sku.setObjectName("couponSku")
        self.sku.setMaxLength(MAX_SKU_CODE)
        self.threshold = QLineEdit(self)
        self.threshold.setObjectName("couponThreshold")
        self.amount_off = QLineEdit(self)
        self.amount_off.setObjectName("couponAmountOff")
        self.zhe = QDoubleSpinBox(self)
        self.zhe.setObjectName("couponZhe")
        self.zhe.setRange(0.01, 9.99)
        self.zhe.setDecimals(2)
        self.zhe.setSingleStep(0.5)
        self.zhe.setValue(8.0)
        self.cap = QLineEdit(self)
        self.cap.setObjectName("couponCap")
        for money in (self.threshold, self.amount_off, self.cap):
            money.setMaxLength(14)
        self._form = form
        self._rule_fields = {
            "exchange": [("exchange_sku_code", self.sku)],
            "threshold": [("threshold_fen", self.threshold), ("amount_off_fen", self.amount_off)],
            "discount": [("off_bp", self.zhe), ("cap_fen", self.cap)],
        }
        self._rule_rows_at: dict[str, int] = {}
        for fields in self._rule_fields.values():
            for key, widget in fields:
                self._rule_rows_at[key] = form.rowCount()
                self._row(form, key, widget)

    def show_rule(self, kind: str) -> None:
        for rule, fields in self._rule_fields.items():
            for key, _widget in fields:
                self._form.setRowVisible(self._rule_rows_at[key], rule == kind)


class IssueDialogView(QDialog):
    """发券: how many codes, or one per phone of a pasted list."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("issueDialog")
        self.setMinimumWidth(460)
        outer = QVBoxLayout(self)
        self.coupon = QLabel(self)
        self.coupon.setObjectName("areaTitle")
        outer.addWidget(self.coupon)
        self.stock = QLabel(self)
        self.stock.setObjectName("summary")
        outer.addWidget(self.stock)
        grid = QGridLayout()
        self.count_label = QLabel(self)
        grid.addWidget(self.count_label, 0, 0)
        self.count = QSpinBox(self)
        self.count.setObjectName("issueCount")
        self.count.setRange(1, MAX_ISSUE)
        self.count.setValue(10)
        grid.addWidget(self.count, 0, 1)
        self.batch_label = QLabel(self)
        grid.addWidget(self.batch_label, 1, 0)
        self.batch_no = QLineEdit(self)
        self.batch_no.setObjectName("issueBatch")
        self.batch_no.setMaxLength(MAX_BATCH_NO)
        grid.addWidget(self.batch_no, 1, 1)
        self.phones_label = QLabel(self)
        self.phones_label.setWordWrap(True)
        grid.addWidget(self.phones_label, 2, 0, 1, 2)
        self.phones = QPlainTextEdit(self)
        self.phones.setObjectName("issuePhones")
        self.phones.setMinimumHeight(120)
        grid.addWidget(self.phones, 3, 0, 1, 2)
        grid.setColumnStretch(1, 1)
        outer.addLayout(grid)
        self.message = _message(self)
        outer.addWidget(self.message)
        self.buttons = QDialogButtonBox(self)
        self.issue = QPushButton(self)
        self.issue.setObjectName("primaryButton")
        self.cancel = QPushButton(self)
        self.buttons.addButton(self.issue, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.cancel, QDialogButtonBox.ButtonRole.RejectRole)
        outer.addWidget(self.buttons)


class VerificationAreaView(QWidget):
    """核销记录: time range, coupon name, store and kind; the records; export."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("verificationArea")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(12, 10, 12, 10)
        outer.setSpacing(8)
        self.title = QLabel(self)
        self.title.setObjectName("areaTitle")
        outer.addWidget(self.title)

        bar = QHBoxLayout()
        bar.setSpacing(8)
        self.by_time = QCheckBox(self)
        self.by_time.setObjectName("byTime")
        bar.addWidget(self.by_time)
        self.date_from = QDateTimeEdit(self)
        self.date_to = QDateTimeEdit(self)
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat(DATETIME_FORMAT)
            edit.setEnabled(False)
        bar.addWidget(self.date_from)
        bar.addWidget(QLabel("—", self))
        bar.addWidget(self.date_to)
        self.coupon_label = QLabel(self)
        bar.addWidget(self.coupon_label)
        self.coupon_name = QLineEdit(self)
        self.coupon_name.setObjectName("couponNameFilter")
        self.coupon_name.setMaxLength(60)
        self.coupon_name.setMinimumWidth(120)
        self.coupon_name.setMaximumWidth(160)
        bar.addWidget(self.coupon_name)
        self.store = QComboBox(self)
        self.store.setObjectName("storeFilter")
        self.store.setMinimumWidth(180)
        bar.addWidget(self.store)
        self.kind = QComboBox(self)
        self.kind.setObjectName("kindFilter")
        bar.addWidget(self.kind)
        self.search = QPushButton(self)
        self.search.setObjectName("primaryButton")
        bar.addWidget(self.search)
        bar.addStretch(1)
        self.export_csv = QPushButton(self)
        self.export_xlsx = QPushButton(self)
        bar.addWidget(self.export_csv)
        bar.addWidget(self.export_xlsx)
        outer.addLayout(bar)

        self.summary = QLabel(self)
        self.summary.setObjectName("summary")
        outer.addWidget(self.summary)
        self.table = table_view("verificationTable", self)
        outer.addWidget(self.table, 1)
        self.message = _message(self)
        outer.addWidget(self.message)
