"""添加 / 编辑商品: the product editor of the 商品 area.

The product's fields (code, name, category, unit, kind, serial tracking, status, the scheduled
on-shelf and off-shelf times in China time), up to two spec dimensions with their values, and
the SKU grid: one row per SKU with its spec values, code, price, member price, cost, barcodes
(separated by commas) and whether it is on sale. "Generate SKUs" makes a row for each
combination of the spec values that has none yet (rows already there keep what was typed). A
SKU already saved is never deleted: "Remove" takes it off sale. Save goes through the service
(on the writer thread); a refusal is shown under its field, or for the grid under the grid with
the cell selected, and the dialog stays open with what was typed.

``ProductDialogView`` is the layout (widgets only), ``ProductEditor`` the behaviour.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, QDateTime, QObject, Qt, QTime, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from backoffice.catalog_backend import CatalogBackend
from backoffice.catalog_models import (
    CHINA_TZ,
    column_name,
    describe,
    kind_name,
    status_name,
)
from backoffice.views import set_message
from shared.db.queries.catalog_admin import CategoryRow, category_paths
from shared.domain.clock import Clock
from shared.domain.errors import DomainError, ValidationError
from shared.qt.money import fmt_plain, parse_fen
from shared.qt.operations import OperationRunner
from shared.services.auth import Actor
from shared.services.catalog_admin import (
    KINDS,
    MAX_CODE,
    MAX_NAME,
    MAX_SPEC_NAME,
    MAX_UNIT,
    STATUSES,
    ProductDetail,
    ProductInput,
    SkuInput,
    input_from_detail,
)

#: the grid's columns, in order (the service's column names)
GRID_COLUMNS = (
    "spec1",
    "spec2",
    "code",
    "price_fen",
    "member_price_fen",
    "cost_fen",
    "barcodes",
    "status",
)
COL = {name: i for i, name in enumerate(GRID_COLUMNS)}
#: where a grid row keeps the id of the SKU it edits
SKU_ID_ROLE = Qt.ItemDataRole.UserRole + 10
DATETIME_FORMAT = "yyyy-MM-dd HH:mm"

_VALUES_SPLIT = re.compile(r"\s*[,，、;；]\s*")
_BARCODES_SPLIT = re.compile(r"[\s,，;；、]+")


def split_values(text: str) -> list[str]:
    """Spec values typed into one field, separated by commas (Chinese ones too), in order, each
    once."""
    return list(dict.fromkeys(v for v in _VALUES_SPLIT.split((text or "").strip()) if v))


def split_barcodes(text: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(b for b in _BARCODES_SPLIT.split((text or "").strip()) if b))


# -- layout ----------------------------------------------------------------------------------------


def _error_label(parent: QWidget) -> QLabel:
    lab = QLabel(parent)
    lab.setObjectName("message")
    lab.setWordWrap(True)
    lab.setProperty("level", "error")
    lab.setVisible(False)
    return lab


class ProductDialogView(QDialog):
    """The fields in two columns, each with a line under it for what is wrong with it; the spec
    dimensions; the SKU grid with its buttons; the message line; Save and Cancel."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("productDialog")
        self.resize(1000, 690)
        self.labels: dict[str, QLabel] = {}
        self.errors: dict[str, QLabel] = {}
        outer = QVBoxLayout(self)
        outer.setSpacing(6)

        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(4)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        outer.addLayout(grid)
        self.code = QLineEdit(self)
        self.code.setObjectName("productCode")
        self.code.setMaxLength(MAX_CODE + 20)  # the service says what is too long
        self.name = QLineEdit(self)
        self.name.setObjectName("productName")
        self.name.setMaxLength(MAX_NAME + 20)
        self.category = QComboBox(self)
        self.category.setObjectName("productCategory")
        self.unit = QLineEdit(self)
        self.unit.setObjectName("productUnit")
        self.unit.setMaxLength(MAX_UNIT + 10)
        self.kind = QComboBox(self)
        self.kind.setObjectName("productKind")
        self.status = QComboBox(self)
        self.status.setObjectName("productStatus")
        self.serial = QCheckBox(self)
        self.serial.setObjectName("productSerial")
        self.on_shelf_enabled = QCheckBox(self)
        self.on_shelf_enabled.setObjectName("onShelfEnabled")
        self.on_shelf = QDateTimeEdit(self)
        self.on_shelf.setObjectName("onShelfAt")
        self.off_shelf_enabled = QCheckBox(self)
        self.off_shelf_enabled.setObjectName("offShelfEnabled")
        self.off_shelf = QDateTimeEdit(self)
        self.off_shelf.setObjectName("offShelfAt")
        for edit in (self.on_shelf, self.off_shelf):
            edit.setDisplayFormat(DATETIME_FORMAT)
            edit.setCalendarPopup(True)
            edit.setEnabled(False)
        on_box = QHBoxLayout()
        on_box.addWidget(self.on_shelf_enabled)
        on_box.addWidget(self.on_shelf, 1)
        off_box = QHBoxLayout()
        off_box.addWidget(self.off_shelf_enabled)
        off_box.addWidget(self.off_shelf, 1)
        self._cell(grid, 0, 0, "code", self.code)
        self._cell(grid, 0, 1, "name", self.name)
        self._cell(grid, 1, 0, "category_id", self.category)
        self._cell(grid, 1, 1, "unit", self.unit)
        self._cell(grid, 2, 0, "kind", self.kind)
        self._cell(grid, 2, 1, "status", self.status)
        self._cell(grid, 3, 0, "serial_tracked", self.serial)
        self._cell(grid, 4, 0, "on_shelf_at", on_box)
        self._cell(grid, 4, 1, "off_shelf_at", off_box)

        self.specs_box = QGroupBox(self)
        self.specs_box.setObjectName("specsBox")
        specs = QGridLayout(self.specs_box)
        specs.setHorizontalSpacing(8)
        specs.setVerticalSpacing(4)
        specs.setColumnStretch(3, 1)
        self.spec_name_labels: list[QLabel] = []
        self.spec_value_labels: list[QLabel] = []
        self.spec_names: list[QLineEdit] = []
        self.spec_values: list[QLineEdit] = []
        for i in range(2):
            name_label, value_label = QLabel(self.specs_box), QLabel(self.specs_box)
            name = QLineEdit(self.specs_box)
            name.setObjectName(f"spec{i + 1}Name")
            name.setMaxLength(MAX_SPEC_NAME + 10)
            name.setMaximumWidth(160)
            values = QLineEdit(self.specs_box)
            values.setObjectName(f"spec{i + 1}Values")
            specs.addWidget(name_label, i, 0)
            specs.addWidget(name, i, 1)
            specs.addWidget(value_label, i, 2)
            specs.addWidget(values, i, 3)
            self.spec_name_labels.append(name_label)
            self.spec_value_labels.append(value_label)
            self.spec_names.append(name)
            self.spec_values.append(values)
        self.generate = QPushButton(self.specs_box)
        self.generate.setObjectName("generateSkus")
        specs.addWidget(self.generate, 0, 4, 2, 1)
        spec_error = _error_label(self.specs_box)
        specs.addWidget(spec_error, 2, 0, 1, 5)
        for key in ("spec_names", "spec1_name", "spec2_name"):
            self.errors[key] = spec_error
        outer.addWidget(self.specs_box)

        self.skus_box = QGroupBox(self)
        self.skus_box.setObjectName("skusBox")
        skus = QVBoxLayout(self.skus_box)
        skus.setSpacing(4)
        self.grid = QTableWidget(0, len(GRID_COLUMNS), self.skus_box)
        self.grid.setObjectName("skuGrid")
        self.grid.setAlternatingRowColors(True)
        self.grid.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.grid.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.grid.verticalHeader().setDefaultSectionSize(28)
        header = self.grid.horizontalHeader()
        header.setHighlightSections(False)
        for name, width in (
            ("spec1", 90),
            ("spec2", 90),
            ("code", 130),
            ("price_fen", 90),
            ("member_price_fen", 110),
            ("cost_fen", 90),
            ("status", 70),
        ):
            self.grid.setColumnWidth(COL[name], width)
        header.setSectionResizeMode(COL["barcodes"], QHeaderView.ResizeMode.Stretch)
        skus.addWidget(self.grid, 1)
        self.errors["skus"] = _error_label(self.skus_box)
        skus.addWidget(self.errors["skus"])
        buttons = QHBoxLayout()
        self.add_row = QPushButton(self.skus_box)
        self.add_row.setObjectName("addSku")
        self.remove_row = QPushButton(self.skus_box)
        self.remove_row.setObjectName("removeSku")
        buttons.addWidget(self.add_row)
        buttons.addWidget(self.remove_row)
        self.grid_hint = QLabel(self.skus_box)
        self.grid_hint.setObjectName("summary")
        buttons.addWidget(self.grid_hint, 1)
        skus.addLayout(buttons)
        outer.addWidget(self.skus_box, 1)

        self.message = QLabel(self)
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        outer.addWidget(self.message)
        self.buttons = QDialogButtonBox(self)
        self.save = QPushButton(self)
        self.save.setObjectName("primaryButton")
        self.cancel = QPushButton(self)
        self.buttons.addButton(self.save, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.cancel, QDialogButtonBox.ButtonRole.RejectRole)
        outer.addWidget(self.buttons)

    def _cell(self, grid: QGridLayout, row: int, col: int, key: str, field) -> None:
        label = QLabel(self)
        label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.labels[key] = label
        box = QVBoxLayout()
        box.setSpacing(1)
        if isinstance(field, QWidget):
            box.addWidget(field)
        else:
            box.addLayout(field)
        error = _error_label(self)
        self.errors[key] = error
        box.addWidget(error)
        grid.addWidget(label, row, col * 2, Qt.AlignmentFlag.AlignTop)
        grid.addLayout(box, row, col * 2 + 1)


# -- behaviour -------------------------------------------------------------------------------------


class ProductEditor(QObject):
    """The product dialog's behaviour. ``saved`` carries the ``ProductDetail`` as saved."""

    saved = Signal(object)

    def __init__(
        self,
        parent: QWidget,
        runner: OperationRunner,
        backend: CatalogBackend,
        actor: Actor,
        categories: Sequence[CategoryRow],
        *,
        clock: Clock,
        detail: ProductDetail | None = None,
        category_id: str | None = None,
    ) -> None:
        super().__init__()
        self.runner = runner
        self.backend = backend
        self.actor = actor
        self.clock = clock
        self.detail = detail
        self.view = ProductDialogView(parent)
        self.setParent(self.view)  # goes with its dialog
        self._texts()
        v = self.view
        v.category.addItem(self.tr("No category"), None)
        paths = category_paths(categories)
        for c in categories:
            v.category.addItem(paths.get(c.category_id, c.name), c.category_id)
        for kind in KINDS:
            v.kind.addItem(kind_name(kind), kind)
        for status in STATUSES:
            v.status.addItem(status_name(status), status)
        if detail is not None:
            self._prefill(input_from_detail(detail))
        else:
            self._prefill(
                ProductInput(
                    code="",
                    name="",
                    category_id=category_id,
                    skus=(SkuInput(code="", price_fen=0),),
                )
            )
            self._cell(0, "price_fen").setText("")
        self._wire()
        self._spec_columns()

    # -- texts and wiring ------------------------------------------------------------------------
    def _texts(self) -> None:
        v = self.view
        v.setWindowTitle(self.tr("Edit product") if self.detail else self.tr("New product"))
        labels = {
            "code": self.tr("Product code"),
            "name": self.tr("Name"),
            "category_id": self.tr("Category"),
            "unit": self.tr("Unit"),
            "kind": self.tr("Kind"),
            "status": self.tr("Status"),
            "serial_tracked": self.tr("Serial numbers"),
            "on_shelf_at": self.tr("Scheduled on-shelf"),
            "off_shelf_at": self.tr("Scheduled off-shelf"),
        }
        for key, text in labels.items():
            v.labels[key].setText(text)
        v.code.setPlaceholderText(self.tr("e.g. P900001 (one word)"))
        v.name.setPlaceholderText(self.tr("e.g. 可口可乐 330ml"))
        v.unit.setPlaceholderText(self.tr("件"))
        v.serial.setText(self.tr("Track a serial number per unit (goods only)"))
        v.on_shelf_enabled.setText(self.tr("At"))
        v.off_shelf_enabled.setText(self.tr("At"))
        v.specs_box.setTitle(self.tr("Specs (at most two dimensions)"))
        for i in range(2):
            v.spec_name_labels[i].setText(self.tr("Spec {n}").format(n=i + 1))
            v.spec_value_labels[i].setText(self.tr("Values"))
        v.spec_names[0].setPlaceholderText(self.tr("e.g. 颜色"))
        v.spec_names[1].setPlaceholderText(self.tr("e.g. 尺码"))
        v.spec_values[0].setPlaceholderText(self.tr("e.g. 白色, 黑色"))
        v.spec_values[1].setPlaceholderText(self.tr("e.g. M, L, XL"))
        v.generate.setText(self.tr("Generate SKUs"))
        v.generate.setToolTip(self.tr("A row for each combination of the values that has none yet"))
        v.skus_box.setTitle(self.tr("SKUs"))
        v.add_row.setText(self.tr("Add SKU"))
        v.remove_row.setText(self.tr("Remove SKU"))
        v.grid_hint.setText(
            self.tr(
                "Prices in yuan; several barcodes separated by commas; a saved SKU is taken off sale, not deleted"
            )
        )
        v.save.setText(self.tr("Save"))
        v.cancel.setText(self.tr("Cancel"))
        self._headers()

    def _headers(self) -> None:
        v = self.view
        names = [n.text().strip() for n in v.spec_names]
        texts = {
            "spec1": names[0] or self.tr("Spec 1"),
            "spec2": names[1] or self.tr("Spec 2"),
            "code": self.tr("SKU code"),
            "price_fen": self.tr("Price"),
            "member_price_fen": self.tr("Member price"),
            "cost_fen": self.tr("Cost"),
            "barcodes": self.tr("Barcodes"),
            "status": self.tr("On sale"),
        }
        v.grid.setHorizontalHeaderLabels([texts[c] for c in GRID_COLUMNS])

    def _wire(self) -> None:
        v = self.view
        v.save.clicked.connect(lambda: self.save())
        v.cancel.clicked.connect(v.reject)
        v.generate.clicked.connect(self.generate)
        v.add_row.clicked.connect(lambda: self.add_row())
        v.remove_row.clicked.connect(self.remove_row)
        v.on_shelf_enabled.toggled.connect(lambda on: self._schedule_toggled(v.on_shelf, on, 0))
        v.off_shelf_enabled.toggled.connect(lambda on: self._schedule_toggled(v.off_shelf, on, 7))
        for name in v.spec_names:
            name.textChanged.connect(lambda _t: self._spec_columns())

    def _tomorrow_morning(self, days: int = 0) -> datetime:
        local = self.clock.now().astimezone(ZoneInfo(CHINA_TZ)) + timedelta(days=days + 1)
        return local.replace(hour=8, minute=0, second=0, microsecond=0)

    def _schedule_toggled(self, edit: QDateTimeEdit, on: bool, days: int) -> None:
        edit.setEnabled(on)
        if on and not edit.property("set"):
            self._set_time(edit, self._tomorrow_morning(days))

    def _spec_columns(self) -> None:
        v = self.view
        named = [bool(n.text().strip()) for n in v.spec_names]
        v.grid.setColumnHidden(COL["spec1"], not named[0])
        v.grid.setColumnHidden(COL["spec2"], not named[1])
        self._headers()

    # -- the form --------------------------------------------------------------------------------
    def _set_time(self, edit: QDateTimeEdit, at: datetime) -> None:
        local = at.astimezone(ZoneInfo(CHINA_TZ))
        edit.setDateTime(
            QDateTime(QDate(local.year, local.month, local.day), QTime(local.hour, local.minute))
        )
        edit.setProperty("set", True)

    @staticmethod
    def _time_of(edit: QDateTimeEdit) -> datetime:
        d, t = edit.date(), edit.time()
        local = datetime(
            d.year(), d.month(), d.day(), t.hour(), t.minute(), tzinfo=ZoneInfo(CHINA_TZ)
        )
        return local

    def _prefill(self, data: ProductInput) -> None:
        v = self.view
        v.code.setText(data.code)
        v.name.setText(data.name)
        v.category.setCurrentIndex(max(0, v.category.findData(data.category_id)))
        v.unit.setText(data.unit)
        v.kind.setCurrentIndex(max(0, v.kind.findData(data.kind)))
        v.status.setCurrentIndex(max(0, v.status.findData(data.status)))
        v.serial.setChecked(data.serial_tracked)
        for at, box, edit in (
            (data.on_shelf_at, v.on_shelf_enabled, v.on_shelf),
            (data.off_shelf_at, v.off_shelf_enabled, v.off_shelf),
        ):
            if at is not None:
                self._set_time(edit, at)
            else:  # what checking the box proposes: tomorrow, 08:00
                self._set_time(edit, self._tomorrow_morning())
                edit.setProperty("set", False)
            box.setChecked(at is not None)
            edit.setEnabled(at is not None)
        for i, edit in enumerate(v.spec_names):
            edit.setText(data.spec_names[i] if i < len(data.spec_names) else "")
        for i, edit in enumerate(v.spec_values):
            values = [s.specs[i] for s in data.skus if i < len(s.specs) and s.specs[i]]
            edit.setText(", ".join(dict.fromkeys(values)))
        v.grid.setRowCount(0)
        for sku in data.skus:
            self.add_row(sku)

    def _cell(self, row: int, column: str) -> QTableWidgetItem:
        item = self.view.grid.item(row, COL[column])
        assert item is not None
        return item

    def add_row(self, sku: SkuInput | None = None) -> int:
        """A grid row for ``sku`` (None: an empty new SKU, its price from the first row's)."""
        grid = self.view.grid
        row = grid.rowCount()
        grid.insertRow(row)
        if sku is None:
            first_price = self._cell(0, "price_fen").text() if row else ""
            sku = SkuInput(code="", price_fen=0)
            price_text = first_price
        else:
            price_text = fmt_plain(sku.price_fen)
        specs = list(sku.specs) + ["", ""]
        texts = {
            "spec1": specs[0],
            "spec2": specs[1],
            "code": sku.code,
            "price_fen": price_text,
            "member_price_fen": fmt_plain(sku.member_price_fen)
            if sku.member_price_fen is not None
            else "",
            "cost_fen": fmt_plain(sku.cost_fen) if sku.sku_id or sku.cost_fen else "",
            "barcodes": ", ".join(sku.barcodes),
        }
        for name, text in texts.items():
            item = QTableWidgetItem(text)
            if name in ("price_fen", "member_price_fen", "cost_fen"):
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            grid.setItem(row, COL[name], item)
        status = QTableWidgetItem()
        status.setFlags(
            Qt.ItemFlag.ItemIsUserCheckable
            | Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
        )
        status.setCheckState(
            Qt.CheckState.Checked if sku.status == "on" else Qt.CheckState.Unchecked
        )
        grid.setItem(row, COL["status"], status)
        self._cell(row, "code").setData(SKU_ID_ROLE, sku.sku_id)
        return row

    def _sku_id(self, row: int) -> str | None:
        return self._cell(row, "code").data(SKU_ID_ROLE)

    def remove_row(self) -> None:
        """Remove the chosen row; a saved SKU is taken off sale instead (never deleted)."""
        grid = self.view.grid
        row = grid.currentRow()
        if row < 0:
            return
        if self._sku_id(row) is not None:
            self._cell(row, "status").setCheckState(Qt.CheckState.Unchecked)
            set_message(
                self.view.message,
                self.tr("A saved SKU is taken off sale, not deleted (sales and stock refer to it)"),
                "info",
            )
            return
        grid.removeRow(row)

    def generate(self) -> None:
        """A row for each combination of the spec values that has none yet."""
        v = self.view
        self.clear_errors()
        names = [n.text().strip() for n in v.spec_names]
        values = [split_values(e.text()) for e in v.spec_values]
        if not names[0] and names[1]:
            self.show_error(ValidationError("-", code="spec_order", field="spec1_name"))
            return
        dims = [values[i] for i in range(2) if names[i]]
        if not dims or any(not d for d in dims):
            set_message(
                v.message, self.tr("Name each spec and give its values, separated by commas")
            )
            return
        combos: list[tuple[str, ...]] = [()]
        for d in dims:
            combos = [c + (x,) for c in combos for x in d]
        have = set()
        for row in range(v.grid.rowCount()):
            have.add(
                tuple(self._cell(row, f"spec{i + 1}").text().strip() for i in range(len(dims)))
            )
        # an empty row (no spec value yet) takes the first combination
        blanks = [
            row
            for row in range(v.grid.rowCount())
            if not any(self._cell(row, f"spec{i + 1}").text().strip() for i in range(2))
        ]
        code = v.code.text().strip()
        taken = {self._cell(r, "code").text().strip() for r in range(v.grid.rowCount())}
        added = 0
        n = 0
        for combo in combos:
            if combo in have:
                continue
            if blanks:
                row = blanks.pop(0)
            else:
                row = self.add_row()
                added += 1
            for i, value in enumerate(combo):
                self._cell(row, f"spec{i + 1}").setText(value)
            if not self._cell(row, "code").text().strip() and code:
                while True:
                    n += 1
                    candidate = f"{code}-{n:02d}"
                    if candidate not in taken:
                        break
                taken.add(candidate)
                self._cell(row, "code").setText(candidate)
        set_message(v.message, self.tr("{count} SKUs added").format(count=added), "info")

    def open(self) -> None:
        self.view.open()
        (self.view.name if self.detail else self.view.code).setFocus()

    def clear_errors(self) -> None:
        for label in set(self.view.errors.values()):
            label.setText("")
            label.setVisible(False)
        set_message(self.view.message, "", "info")

    def show_error(self, exc: BaseException) -> None:
        """Under the field the refusal names (the grid: under it, the cell selected), else at
        the foot of the dialog."""
        v = self.view
        d = exc.details if isinstance(exc, DomainError) else {}
        field = d.get("field")
        text = describe(exc)
        if field == "skus" and isinstance(d.get("row"), int):
            row, column = int(d["row"]), str(d.get("column") or "")
            where = self.tr("Row {row}").format(row=row + 1)
            if column:
                where = f"{where} · {column_name(column)}"
            text = f"{where}: {text}"
            if 0 <= row < v.grid.rowCount():
                v.grid.setCurrentCell(row, COL.get(column, COL["code"]))
        label = v.errors.get(str(field)) if field else None
        if label is None:
            set_message(v.message, text)
            return
        set_message(label, text)
        label.setVisible(True)

    def collect(self) -> ProductInput | None:
        """The form as a service input, or None after showing an amount that is not yuan."""
        v = self.view
        names = tuple(n.text() for n in v.spec_names)
        dims = len([n for n in names if n.strip()])
        if not names[0].strip() and names[1].strip():
            dims = 2
        skus: list[SkuInput] = []
        for row in range(v.grid.rowCount()):
            money: dict[str, int | None] = {}
            for column in ("price_fen", "member_price_fen", "cost_fen"):
                text = self._cell(row, column).text().strip()
                if not text:
                    money[column] = None
                    continue
                try:
                    money[column] = parse_fen(text, field=column, allow_negative=True)
                except ValidationError as exc:
                    self.show_error(
                        ValidationError(
                            exc.message, code=exc.code, field="skus", row=row, column=column
                        )
                    )
                    return None
            if money["price_fen"] is None:
                self.show_error(
                    ValidationError(
                        "-", code="price_required", field="skus", row=row, column="price_fen"
                    )
                )
                return None
            specs = tuple(self._cell(row, f"spec{i + 1}").text() for i in range(dims))
            skus.append(
                SkuInput(
                    code=self._cell(row, "code").text(),
                    price_fen=int(money["price_fen"]),
                    specs=specs,
                    member_price_fen=money["member_price_fen"],
                    cost_fen=money["cost_fen"] or 0,
                    barcodes=split_barcodes(self._cell(row, "barcodes").text()),
                    status="on"
                    if self._cell(row, "status").checkState() == Qt.CheckState.Checked
                    else "off",
                    sku_id=self._sku_id(row),
                )
            )
        return ProductInput(
            code=v.code.text(),
            name=v.name.text(),
            category_id=v.category.currentData(),
            unit=v.unit.text(),
            kind=v.kind.currentData(),
            serial_tracked=v.serial.isChecked(),
            status=v.status.currentData(),
            spec_names=names[:dims] if dims else (),
            on_shelf_at=self._time_of(v.on_shelf) if v.on_shelf_enabled.isChecked() else None,
            off_shelf_at=self._time_of(v.off_shelf) if v.off_shelf_enabled.isChecked() else None,
            skus=tuple(skus),
        )

    def save(self) -> None:
        self.clear_errors()
        data = self.collect()
        if data is None:
            return
        if self.detail is not None:
            data = self._keep_times(data)
        self.view.save.setEnabled(False)
        actor, backend = self.actor, self.backend
        product_id = self.detail.product.product_id if self.detail else None
        expected = self.detail.product.updated_at if self.detail else None
        self.runner.run(
            lambda: backend.save_product(actor, product_id, data, expected_updated_at=expected),
            kind="write",
            on_done=self._saved,
            on_error=self._refused,
            owner=self.view,
            label="save product",
        )

    def _keep_times(self, data: ProductInput) -> ProductInput:
        """A scheduled time shown to the minute but stored to the second stays what is stored
        when the person did not change it (so a save does not count it as changed)."""
        p = self.detail.product if self.detail else None
        if p is None:
            return data

        def same(shown: datetime | None, stored: datetime | None) -> bool:
            return (
                shown is not None
                and stored is not None
                and shown.replace(second=0, microsecond=0)
                == stored.astimezone(shown.tzinfo).replace(second=0, microsecond=0)
            )

        if same(data.on_shelf_at, p.on_shelf_at):
            data = replace(data, on_shelf_at=p.on_shelf_at)
        if same(data.off_shelf_at, p.off_shelf_at):
            data = replace(data, off_shelf_at=p.off_shelf_at)
        return data

    def _saved(self, detail: ProductDetail) -> None:
        self.view.save.setEnabled(True)
        self.saved.emit(detail)
        self.view.accept()

    def _refused(self, exc: BaseException) -> None:
        self.view.save.setEnabled(True)
        self.show_error(exc)
