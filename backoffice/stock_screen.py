"""The stock areas of the back office (库存, SPEC §10):

- 库存查询 (``StockScreen``): the stock list of one of the actor's warehouses, filtered by code /
  name / barcode, category, "low only" and "negative only", sorted on the server and read a page
  at a time (a warehouse of 200,000 SKUs is never loaded whole); negative stock is red, stock at
  or below its lower limit amber. Below it the selected SKU's limits (edited in a dialog that
  says under each field what is wrong) and its movements, newest first. The list exports to CSV
  or XLSX (every matching row).
- 出入库单 (``VoucherScreen``): vouchers filtered by warehouse, direction, type, status, date and
  number; the selected voucher's lines; a new inbound or outbound voucher
  (``voucher_dialog``); post a draft (after a question) or cancel it.
- 库存预警 (``LowStockScreen``): the SKUs at or below their lower limit or safety stock with the
  replenishment suggestion (补货建议), exported to CSV or XLSX.

Behaviour only: layouts in ``stock_views``, rows and their text in ``stock_models``, rules in
``services.inventory``. Every call to the central database goes through the operation runner.
A stock list is read again each time its area is shown, so what was posted elsewhere (another
area, a sale that landed) appears.
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QCoreApplication, QDate, QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import QWidget

from backoffice.area_kit import SavePathAsker, ask_path, run_export, save_dialog
from backoffice.backend import (
    PAGE_SIZE,
    BackofficeBackend,
    StockQuery,
    VoucherQuery,
    VoucherSaved,
)
from backoffice.coupon_views import keep_columns_fitted
from backoffice.import_dialog import ImportDialog, open_import_dialog
from backoffice.stock_models import (
    CHINA_TZ,
    LINE_COST_COLUMNS,
    LINE_NAME_COLUMN,
    NAME_COLUMN,
    VOUCHER_CREATED_COLUMN,
    describe,
    direction_name,
    kind_name,
    line_model,
    local,
    low_stock_model,
    movement_model,
    qty,
    status_name,
    stock_model,
    types_of,
    voucher_model,
)
from backoffice.stock_views import (
    LimitsDialogView,
    LowStockAreaView,
    StockAreaView,
    VoucherAreaView,
    keep_fitted,
)
from backoffice.views import set_message
from backoffice.voucher_dialog import Confirm, VoucherEditor, ask_confirm
from shared.db.queries.inventory import (
    CategoryChoice,
    StockRow,
    VoucherLineRow,
    VoucherRow,
    WarehouseChoice,
)
from shared.domain.clock import Clock, business_date
from shared.domain.errors import DomainError, ValidationError
from shared.domain.permissions import Perm
from shared.qt.money import fmt_fen, parse_quantity
from shared.qt.operations import OperationRunner
from shared.services.auth import Actor
from shared.services.inventory import LowStockRow

VOUCHER_STATUSES = ("draft", "posted", "cancelled")


def _number(milli: int | None) -> Decimal | None:
    """Thousandths as a number for a spreadsheet cell (``12000`` → 12, ``1500`` → 1.5)."""
    if milli is None:
        return None
    value = Decimal(milli) / 1000
    return value.quantize(Decimal(1)) if milli % 1000 == 0 else value.normalize()


def _yuan(fen: int) -> Decimal:
    return (Decimal(fen) / 100).quantize(Decimal("0.01"))


class _Area(QObject):
    """What the three areas share: the warehouses, the export path question, re-reading when
    shown."""

    def __init__(
        self,
        runner: OperationRunner,
        backend: BackofficeBackend,
        actor: Actor,
        *,
        parent: QWidget,
        clock: Clock,
        ask_save_path: SavePathAsker | None = None,
    ) -> None:
        super().__init__(parent)
        self.runner = runner
        self.backend = backend
        self.actor = actor
        self.clock = clock
        #: where an export goes (tests answer it themselves)
        self.ask_save_path: SavePathAsker = ask_save_path or self._save_dialog
        #: asks before posting or cancelling (tests answer for the manager)
        self.confirm: Confirm = ask_confirm
        self.warehouses: list[WarehouseChoice] = []
        self.ready = False
        self.widget: QWidget

    def _watch_shows(self) -> None:
        self.widget.installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        # shown by the navigation (not a window coming back from being minimised): read again
        shown = event.type() == QEvent.Type.Show and not event.spontaneous()
        if obj is self.widget and shown and self.ready:
            self.refresh()
        return False

    def refresh(self) -> None:  # pragma: no cover - each area has its own
        raise NotImplementedError

    def _fill_warehouses(self, combo, *, with_all: bool = False) -> None:
        combo.clear()
        if with_all and len(self.warehouses) > 1:
            combo.addItem(QCoreApplication.translate("StockScreens", "All warehouses"), None)
        for wh in self.warehouses:
            combo.addItem(f"{wh.code} {wh.name}", wh.code)

    def _save_dialog(self, name: str, kind: str) -> str | None:
        """``area_kit``'s save dialog over the area (built after this base)."""
        title = QCoreApplication.translate("StockScreens", "Export")
        return save_dialog(self.widget, title)(name, kind)

    def _today(self) -> str:
        return business_date(self.clock.now(), CHINA_TZ).isoformat()


# -- 库存查询 ---------------------------------------------------------------------------------------


class StockScreen(_Area):
    def __init__(
        self,
        runner: OperationRunner,
        backend: BackofficeBackend,
        actor: Actor,
        *,
        parent: QWidget,
        clock: Clock,
        ask_save_path: SavePathAsker | None = None,
    ) -> None:
        super().__init__(
            runner, backend, actor, parent=parent, clock=clock, ask_save_path=ask_save_path
        )
        self.query: StockQuery | None = None
        self.current: StockRow | None = None
        self._keep_sku: str | None = None
        self.limits_editor: LimitsEditor | None = None
        self.view = StockAreaView(parent)
        self.widget = self.view
        self.model = stock_model(runner, page_size=PAGE_SIZE, parent=self)
        self.view.table.setModel(self.model)
        self.movements_model = movement_model(runner, page_size=PAGE_SIZE, parent=self)
        self.view.movements.setModel(self.movements_model)
        keep_fitted(self.view.table, NAME_COLUMN)
        keep_columns_fitted(self.view.movements)
        self.view.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.view.table.setSortingEnabled(True)
        self.model.sort_requested = self._sort
        self._texts()
        self._wire()
        self._show_detail(None)
        self._watch_shows()

    def _texts(self) -> None:
        v = self.view
        v.title.setText(self.tr("Stock"))
        v.warehouse_label.setText(self.tr("Warehouse"))
        v.text.setPlaceholderText(self.tr("Code, name or barcode"))
        v.low_only.setText(self.tr("Low stock only"))
        v.low_only.setToolTip(self.tr("At or below the lower limit or the safety stock"))
        v.negative_only.setText(self.tr("Negative only"))
        v.search.setText(self.tr("Search"))
        v.export_csv.setText(self.tr("Export CSV"))
        v.export_xlsx.setText(self.tr("Export XLSX"))
        v.edit_limits.setText(self.tr("Edit limits"))
        v.import_products.setText(self.tr("Import products"))
        v.import_opening.setText(self.tr("Import opening stock"))
        can = self.actor.can
        v.import_products.setVisible(can(Perm.MANAGE_CATALOG))
        v.import_opening.setVisible(can(Perm.MANAGE_STOCK))

    def _wire(self) -> None:
        v = self.view
        v.import_products.clicked.connect(lambda: self.open_import("products"))
        v.import_opening.clicked.connect(lambda: self.open_import("opening"))
        v.search.clicked.connect(self.apply_filters)
        v.text.returnPressed.connect(self.apply_filters)
        for combo in (v.warehouse, v.category):
            combo.activated.connect(lambda _i: self.apply_filters())
        for box in (v.low_only, v.negative_only):
            box.toggled.connect(lambda _on: self.apply_filters())
        v.export_csv.clicked.connect(lambda: self.export(".csv"))
        v.export_xlsx.clicked.connect(lambda: self.export(".xlsx"))
        v.edit_limits.clicked.connect(self.edit_limits)
        v.table.doubleClicked.connect(lambda _index: self.edit_limits())
        self.model.loaded.connect(self._loaded)
        self.model.failed.connect(self._failed)
        self.movements_model.loaded.connect(self._movements_loaded)
        self.movements_model.failed.connect(self._failed)
        v.table.selectionModel().currentRowChanged.connect(
            lambda cur, _prev: self._show_detail(self.model.row_at(cur.row()))
        )

    def _failed(self, exc: BaseException) -> None:
        set_message(self.view.message, describe(exc))

    # -- the list ----------------------------------------------------------------------------------
    def start(self) -> None:
        """Load the warehouses and categories, then (when on screen) the first page."""
        actor, backend = self.actor, self.backend
        self.runner.run(
            lambda: (backend.stock_warehouses(actor), backend.stock_categories(actor)),
            on_done=self._choices_loaded,
            on_error=self._failed,
            owner=self.view,
            label="stock choices",
        )

    def _choices_loaded(self, choices: tuple[list[WarehouseChoice], list[CategoryChoice]]) -> None:
        warehouses, categories = choices
        self.warehouses = warehouses
        self._fill_warehouses(self.view.warehouse)
        combo = self.view.category
        combo.clear()
        combo.addItem(self.tr("All categories"), None)
        for c in categories:
            combo.addItem(("    " * max(0, c.level - 1)) + c.name, c.category_id)
        self.ready = True
        if not warehouses:
            set_message(self.view.message, self.tr("You have no warehouse to work on"))
            return
        if self.view.isVisible():
            self.refresh()

    def refresh(self) -> None:
        """Read the list again (keeping the selected SKU selected when it is on the first page)."""
        self._keep_sku = self.current.sku_id if self.current is not None else None
        self.apply_filters(keep=True)

    def apply_filters(self, *, keep: bool = False) -> None:
        v = self.view
        warehouse = v.warehouse.currentData()
        if warehouse is None:
            return
        if not keep:
            self._keep_sku = None
        old = self.query
        self.query = StockQuery(
            warehouse=warehouse,
            text=v.text.text().strip() or None,
            category_id=v.category.currentData(),
            low_only=v.low_only.isChecked(),
            negative_only=v.negative_only.isChecked(),
            sort=old.sort if old else "code",
            descending=old.descending if old else False,
        )
        self._reload()

    def _sort(self, key: str, descending: bool) -> None:
        if self.query is None:
            return
        self.query = self.query.with_sort(key, descending)
        self._reload()

    def _reload(self) -> None:
        if self.query is None:
            return
        set_message(self.view.message, "", "info")
        self.view.summary.setText(self.tr("Loading…"))
        query, actor, backend = self.query, self.actor, self.backend
        self.model.reload(lambda offset, limit: backend.stock_page(actor, query, offset, limit))

    def _loaded(self, total: int) -> None:
        name = self.view.warehouse.currentText()
        self.view.summary.setText(
            self.tr(
                "{warehouse}: {count} SKUs · red: negative stock · amber: at or below the lower limit"
            ).format(warehouse=name, count=total)
        )
        if not total:
            self._show_detail(None)
            return
        row = 0
        if self._keep_sku is not None:
            for i, r in enumerate(self.model.rows()):
                if r.sku_id == self._keep_sku:
                    row = i
                    break
        self.view.table.selectRow(row)  # shows its detail (the current row changes)
        if self.current is not self.model.row_at(row):
            self._show_detail(self.model.row_at(row))

    # -- the detail: limits and ledger -------------------------------------------------------------
    def _show_detail(self, row: StockRow | None) -> None:
        v = self.view
        self.current = row
        v.edit_limits.setEnabled(row is not None)
        if row is None:
            v.detail.setTitle(self.tr("Movements"))
            v.limits.setText(self.tr("Select a SKU to see its limits and movements"))
            v.movements_summary.setText("")
            self.movements_model.set_rows([])
            return
        v.detail.setTitle(
            self.tr("{code} {name}: movements").format(code=row.sku_code, name=row.name)
        )
        v.limits.setText(self._limits_text(row))
        v.movements_summary.setText(self.tr("Loading…"))
        actor, backend, sku_id = self.actor, self.backend, row.sku_id
        warehouse = self.query.warehouse if self.query else ""
        self.movements_model.reload(
            lambda offset, limit: backend.movement_page(actor, warehouse, sku_id, offset, limit)
        )

    def _limits_text(self, row: StockRow) -> str:
        stock = self.tr("On hand {on_hand} · locked {locked} · available {available}").format(
            on_hand=qty(row.on_hand_milli),
            locked=qty(row.locked_milli),
            available=qty(row.available_milli),
        )
        if not row.has_limits:
            limits = self.tr("No limits set")
        else:
            limits = self.tr(
                "Safety stock {safety} · lower limit {lower} · upper limit {upper}"
            ).format(
                safety=qty(row.safety_milli),
                lower=qty(row.lower_milli),
                upper=qty(row.upper_milli) if row.upper_milli is not None else self.tr("none"),
            )
        if row.negative:
            state = self.tr("Negative stock")
        elif row.low:
            state = self.tr("Low stock: replenish")
        else:
            state = ""
        return "  |  ".join(x for x in (stock, limits, state) if x)

    def _movements_loaded(self, total: int) -> None:
        self.view.movements_summary.setText(
            self.tr("Movements: {count}, newest first").format(count=total)
        )

    def edit_limits(self) -> None:
        if self.current is None or self.query is None:
            return
        if self.limits_editor is not None:
            self.limits_editor.view.deleteLater()
        self.limits_editor = LimitsEditor(
            self.view, self.runner, self.backend, self.actor, self.query.warehouse, self.current
        )
        self.limits_editor.saved.connect(self._limits_saved)
        self.limits_editor.open()

    def _limits_saved(self, row: StockRow | None) -> None:
        if row is None:
            self.refresh()
            return
        self.model.replace_row(lambda r: r.sku_id == row.sku_id, row)
        if self.current is not None and self.current.sku_id == row.sku_id:
            self.current = row
            self.view.limits.setText(self._limits_text(row))
        set_message(
            self.view.message,
            self.tr("Limits of {code} saved").format(code=row.sku_code),
            "info",
        )

    # -- export -----------------------------------------------------------------------------------
    def headers(self) -> list[str]:
        return [
            self.tr("SKU code"),
            self.tr("Product code"),
            self.tr("Name"),
            self.tr("Category"),
            self.tr("Unit"),
            self.tr("On hand"),
            self.tr("Locked"),
            self.tr("Available"),
            self.tr("Avg cost (yuan)"),
            self.tr("Stock value (yuan)"),
            self.tr("Safety stock"),
            self.tr("Lower limit"),
            self.tr("Upper limit"),
        ]

    @staticmethod
    def cells(row: StockRow) -> list[object]:
        return [
            row.sku_code,
            row.product_code,
            row.name,
            row.category,
            row.unit,
            _number(row.on_hand_milli),
            _number(row.locked_milli),
            _number(row.available_milli),
            _yuan(row.avg_cost_fen),
            _yuan(row.value_fen),
            _number(row.safety_milli),
            _number(row.lower_milli),
            _number(row.upper_milli),
        ]

    def export(self, suffix: str) -> None:
        query = self.query
        if query is None:
            return
        path = ask_path(self.ask_save_path, f"stock-{query.warehouse}-{self._today()}", suffix)
        if path is None:
            return
        headers, cells = self.headers(), self.cells
        actor, backend = self.actor, self.backend
        run_export(
            self.runner,
            describe=describe,
            message=self.view.message,
            owner=self.view,
            path=path,
            job=lambda: backend.export_stock(actor, query, path, headers, cells),
            label="export stock",
        )

    def open_import(self, kind: str) -> ImportDialog:
        """导入商品 / 导入期初库存; the list is read again after an import."""
        return open_import_dialog(
            self.runner,
            self.backend,
            self.actor,
            kind=kind,
            parent=self.view,
            ask_save_path=self.ask_save_path,
            on_imported=lambda _report: self.refresh() if self.ready else None,
        )


class LimitsEditor(QObject):
    """库存上下限: safety stock, lower and upper limit of the SKU in the warehouse. What is not a
    quantity, below zero or out of order is said under its field; the service has the last word."""

    saved = Signal(object)

    def __init__(
        self,
        parent: QWidget,
        runner: OperationRunner,
        backend: BackofficeBackend,
        actor: Actor,
        warehouse: str,
        row: StockRow,
    ) -> None:
        super().__init__()
        self.runner = runner
        self.backend = backend
        self.actor = actor
        self.warehouse = warehouse
        self.row = row
        v = self.view = LimitsDialogView(parent)
        self.setParent(v)  # goes with its dialog
        v.setWindowTitle(self.tr("Stock limits"))
        v.item.setText(f"{row.sku_code} {row.name}")
        v.stock.setText(
            self.tr("{warehouse} · on hand {on_hand} · available {available}").format(
                warehouse=warehouse,
                on_hand=qty(row.on_hand_milli),
                available=qty(row.available_milli),
            )
        )
        v.labels["safety"].setText(self.tr("Safety stock"))
        v.labels["lower"].setText(self.tr("Lower limit"))
        v.labels["upper"].setText(self.tr("Upper limit"))
        v.fields["upper"].setPlaceholderText(self.tr("Empty: no upper limit"))
        v.hint.setText(
            self.tr(
                "A SKU is low when its available stock is at or below the lower limit or the "
                "safety stock. The replenishment suggestion orders up to the upper limit (or "
                "twice the lower limit when there is none)."
            )
        )
        v.save.setText(self.tr("Save"))
        v.cancel.setText(self.tr("Cancel"))
        v.fields["safety"].setText(qty(row.safety_milli) if row.has_limits else "0")
        v.fields["lower"].setText(qty(row.lower_milli) if row.has_limits else "0")
        v.fields["upper"].setText(qty(row.upper_milli) if row.upper_milli is not None else "")
        v.save.clicked.connect(self.save)
        v.cancel.clicked.connect(v.reject)

    def open(self) -> None:
        self.view.open()
        self.view.fields["lower"].setFocus()
        self.view.fields["lower"].selectAll()

    def clear_errors(self) -> None:
        for label in self.view.errors.values():
            label.setText("")
            label.setVisible(False)
        set_message(self.view.message, "", "info")

    def show_error(self, exc: BaseException, field: str | None = None) -> None:
        if field is None and isinstance(exc, DomainError):
            field = {"limit_order": "upper"}.get(exc.code)
        label = self.view.errors.get(field) if field else None
        if label is None:
            set_message(self.view.message, describe(exc))
            return
        set_message(label, describe(exc))
        label.setVisible(True)

    def _read(self, key: str, *, optional: bool) -> int | None:
        text = self.view.fields[key].text().strip()
        if not text:
            return None if optional else 0
        value = parse_quantity(text, weighed=not self.row.whole_units)
        if value < 0:
            raise ValidationError("limits are zero or more", code="limit_negative")
        return value

    def collect(self) -> tuple[int, int, int | None] | None:
        """(safety, lower, upper) in thousandths, or None after saying under each field what is
        wrong with it."""
        values: dict[str, int | None] = {}
        failed = False
        for key in ("safety", "lower", "upper"):
            try:
                values[key] = self._read(key, optional=key == "upper")
            except ValidationError as exc:
                self.show_error(exc, key)
                failed = True
        if failed:
            return None
        safety, lower, upper = values["safety"] or 0, values["lower"] or 0, values["upper"]
        if upper is not None and upper < max(lower, safety):
            self.show_error(ValidationError("order", code="limit_order"), "upper")
            return None
        return safety, lower, upper

    def save(self) -> None:
        self.clear_errors()
        values = self.collect()
        if values is None:
            return
        safety, lower, upper = values
        actor, backend, warehouse, code = (
            self.actor,
            self.backend,
            self.warehouse,
            self.row.sku_code,
        )
        self.view.save.setEnabled(False)
        self.runner.run(
            lambda: backend.set_stock_limits(
                actor,
                warehouse,
                code,
                safety_milli=safety,
                lower_milli=lower,
                upper_milli=upper,
            ),
            kind="write",
            on_done=self._saved,
            on_error=self._refused,
            owner=self.view,
            label="stock limits",
        )

    def _saved(self, row: StockRow | None) -> None:
        self.view.save.setEnabled(True)
        self.saved.emit(row)
        self.view.accept()

    def _refused(self, exc: BaseException) -> None:
        self.view.save.setEnabled(True)
        self.show_error(exc)


# -- 出入库单 ---------------------------------------------------------------------------------------


class VoucherScreen(_Area):
    def __init__(
        self,
        runner: OperationRunner,
        backend: BackofficeBackend,
        actor: Actor,
        *,
        parent: QWidget,
        clock: Clock,
        ask_save_path: SavePathAsker | None = None,
    ) -> None:
        super().__init__(
            runner, backend, actor, parent=parent, clock=clock, ask_save_path=ask_save_path
        )
        self.query = VoucherQuery()
        self.current: VoucherRow | None = None
        self.editor: VoucherEditor | None = None
        self.view = VoucherAreaView(parent)
        self.widget = self.view
        self.model = voucher_model(runner, page_size=PAGE_SIZE, parent=self)
        self.view.table.setModel(self.model)
        self.lines_model = line_model(self)
        self.view.lines.setModel(self.lines_model)
        keep_columns_fitted(self.view.table)
        keep_fitted(self.view.lines, LINE_NAME_COLUMN)
        self.view.table.horizontalHeader().setSortIndicator(
            VOUCHER_CREATED_COLUMN, Qt.SortOrder.DescendingOrder
        )
        self.view.table.setSortingEnabled(True)
        self.model.sort_requested = self._sort
        self._texts()
        self._default_dates()
        self._wire()
        self._show_voucher(None)
        self._watch_shows()

    def _texts(self) -> None:
        v = self.view
        v.title.setText(self.tr("Stock vouchers"))
        v.direction.addItem(self.tr("Inbound and outbound"), None)
        for direction in ("in", "out"):
            v.direction.addItem(direction_name(direction), direction)
        self._fill_types(None)
        v.status.addItem(self.tr("Any status"), None)
        for status in VOUCHER_STATUSES:
            v.status.addItem(status_name(status), status)
        v.by_date.setText(self.tr("Created"))
        v.text.setPlaceholderText(self.tr("Voucher no. or note"))
        v.search.setText(self.tr("Search"))
        v.new_in.setText(self.tr("New inbound voucher"))
        v.new_out.setText(self.tr("New outbound voucher"))
        v.post.setText(self.tr("Post"))
        v.cancel.setText(self.tr("Cancel draft"))
        v.lines_box.setTitle(self.tr("Lines"))

    def _fill_types(self, direction: str | None) -> None:
        combo = self.view.type
        chosen = combo.currentData()
        combo.clear()
        combo.addItem(self.tr("Any type"), None)
        for kind in types_of(direction):
            combo.addItem(kind_name(kind), kind)
        combo.setCurrentIndex(max(0, combo.findData(chosen)))

    def _default_dates(self) -> None:
        today = QDate(business_date(self.clock.now(), CHINA_TZ))
        self.view.date_from.setDate(today.addDays(-30))
        self.view.date_to.setDate(today)

    def _wire(self) -> None:
        v = self.view
        v.search.clicked.connect(self.apply_filters)
        v.text.returnPressed.connect(self.apply_filters)
        v.direction.activated.connect(lambda _i: self._direction_chosen())
        for combo in (v.warehouse, v.type, v.status):
            combo.activated.connect(lambda _i: self.apply_filters())
        v.by_date.toggled.connect(self._by_date)
        v.new_in.clicked.connect(lambda: self.new_voucher("in"))
        v.new_out.clicked.connect(lambda: self.new_voucher("out"))
        v.post.clicked.connect(self.post)
        v.cancel.clicked.connect(self.cancel)
        self.model.loaded.connect(self._loaded)
        self.model.failed.connect(self._failed)
        v.table.selectionModel().currentRowChanged.connect(
            lambda cur, _prev: self._show_voucher(self.model.row_at(cur.row()))
        )

    def _failed(self, exc: BaseException) -> None:
        set_message(self.view.message, describe(exc))

    def _direction_chosen(self) -> None:
        self._fill_types(self.view.direction.currentData())
        self.apply_filters()

    def _by_date(self, on: bool) -> None:
        self.view.date_from.setEnabled(on)
        self.view.date_to.setEnabled(on)
        self.apply_filters()

    # -- the list ----------------------------------------------------------------------------------
    def start(self) -> None:
        actor, backend = self.actor, self.backend
        self.runner.run(
            lambda: backend.stock_warehouses(actor),
            on_done=self._warehouses_loaded,
            on_error=self._failed,
            owner=self.view,
            label="voucher warehouses",
        )

    def _warehouses_loaded(self, warehouses: list[WarehouseChoice]) -> None:
        self.warehouses = warehouses
        self._fill_warehouses(self.view.warehouse, with_all=True)
        self.ready = True
        enabled = bool(warehouses)
        self.view.new_in.setEnabled(enabled)
        self.view.new_out.setEnabled(enabled)
        if self.view.isVisible():
            self.refresh()

    def refresh(self) -> None:
        self.apply_filters()

    def apply_filters(self) -> None:
        if not self.ready:
            return
        v = self.view
        dated = v.by_date.isChecked()
        self.query = VoucherQuery(
            warehouse=v.warehouse.currentData(),
            direction=v.direction.currentData(),
            type=v.type.currentData(),
            status=v.status.currentData(),
            date_from=v.date_from.date().toPython() if dated else None,
            date_to=v.date_to.date().toPython() if dated else None,
            text=v.text.text().strip() or None,
            sort=self.query.sort,
            descending=self.query.descending,
        )
        self._reload()

    def _sort(self, key: str, descending: bool) -> None:
        self.query = self.query.with_sort(key, descending)
        self._reload()

    def _reload(self, keep: str | None = None) -> None:
        if keep is None:
            set_message(self.view.message, "", "info")
        self.view.summary.setText(self.tr("Loading…"))
        self._keep = (
            keep if keep is not None else (self.current.voucher_id if self.current else None)
        )
        self._show_voucher(None)
        query, actor, backend = self.query, self.actor, self.backend
        self.model.reload(lambda offset, limit: backend.voucher_page(actor, query, offset, limit))

    def _loaded(self, total: int) -> None:
        self.view.summary.setText(self.tr("{count} vouchers").format(count=total))
        if not total:
            return
        row = 0
        for i, r in enumerate(self.model.rows()):
            if r.voucher_id == self._keep:
                row = i
                break
        self.view.table.selectRow(row)  # shows its lines (the current row changes)
        if self.current is not self.model.row_at(row):
            self._show_voucher(self.model.row_at(row))

    def _show_voucher(self, row: VoucherRow | None) -> None:
        self.current = row
        v = self.view
        draft = row is not None and row.status == "draft"
        v.post.setEnabled(draft)
        v.cancel.setEnabled(draft)
        if row is None:
            v.lines_summary.setText("")
            self.lines_model.set_rows([])
            return
        for column in LINE_COST_COLUMNS:
            v.lines.setColumnHidden(column, row.direction != "in")
        v.lines_summary.setText(self._voucher_text(row))
        actor, backend, voucher_id = self.actor, self.backend, row.voucher_id
        self.runner.run(
            lambda: backend.voucher_detail(actor, voucher_id),
            on_done=self._detail_loaded,
            on_error=self._failed,
            owner=self.view,
            label="voucher lines",
        )

    def _detail_loaded(self, detail: tuple[VoucherRow, list[VoucherLineRow]]) -> None:
        row, lines = detail
        if self.current is None or self.current.voucher_id != row.voucher_id:
            return
        self.lines_model.set_rows(lines)

    def _voucher_text(self, row: VoucherRow) -> str:
        parts = [
            f"{row.no} · {row.warehouse_code} {row.warehouse_name}",
            f"{direction_name(row.direction)} · {kind_name(row.type)} · {status_name(row.status)}",
            self.tr("created by {name} at {at}").format(
                name=row.created_by_name or "—", at=local(row.created_at)
            ),
        ]
        if row.posted_at is not None:
            parts.append(
                self.tr("posted by {name} at {at}").format(
                    name=row.posted_by_name or "—", at=local(row.posted_at)
                )
            )
        if row.direction == "in":
            parts.append(self.tr("cost {cost}").format(cost=fmt_fen(row.cost_fen)))
        if row.note:
            parts.append(self.tr("note: {note}").format(note=row.note))
        return " · ".join(parts)

    # -- new, post, cancel ------------------------------------------------------------------------
    def new_voucher(self, direction: str) -> None:
        if not self.warehouses:
            return
        if self.editor is not None:  # one dialog at a time: the last one is done with
            self.editor.view.deleteLater()
        self.editor = VoucherEditor(
            self.view,
            self.runner,
            self.backend,
            self.actor,
            self.warehouses,
            direction=direction,
            warehouse=self.view.warehouse.currentData(),
            confirm=lambda parent, title, text: self.confirm(parent, title, text),
        )
        self.editor.saved.connect(self._saved)
        self.editor.open()

    def _saved(self, result: VoucherSaved) -> None:
        row = result.voucher
        if result.posted:
            text, level = self.tr("Voucher {no} posted").format(no=row.no), "info"
        elif result.error is not None:
            text = self.tr("Voucher {no} saved as a draft but not posted: {reason}").format(
                no=row.no, reason=describe(result.error)
            )
            level = "error"
        else:
            text, level = self.tr("Voucher {no} saved as a draft").format(no=row.no), "info"
        self._reload(keep=row.voucher_id)
        set_message(self.view.message, text, level)

    def post(self) -> None:
        row = self.current
        if row is None or row.status != "draft":
            return
        if not self.confirm(
            self.view,
            self.tr("Post voucher"),
            self.tr(
                "Post voucher {no} ({lines} lines, quantity {qty}) now? Stock changes at once "
                "and a posted voucher cannot be changed."
            ).format(no=row.no, lines=row.lines, qty=qty(row.qty_milli)),
        ):
            return
        actor, backend, voucher_id = self.actor, self.backend, row.voucher_id
        self.view.post.setEnabled(False)
        self.runner.run(
            lambda: backend.post_voucher(actor, voucher_id),
            kind="write",
            on_done=lambda done: self._changed(
                done, self.tr("Voucher {no} posted").format(no=done.no)
            ),
            on_error=self._refused,
            owner=self.view,
            label="post voucher",
        )

    def cancel(self) -> None:
        row = self.current
        if row is None or row.status != "draft":
            return
        if not self.confirm(
            self.view,
            self.tr("Cancel draft"),
            self.tr("Cancel draft voucher {no}? It can no longer be posted.").format(no=row.no),
        ):
            return
        actor, backend, voucher_id = self.actor, self.backend, row.voucher_id
        self.view.cancel.setEnabled(False)
        self.runner.run(
            lambda: backend.cancel_voucher(actor, voucher_id),
            kind="write",
            on_done=lambda done: self._changed(
                done, self.tr("Voucher {no} cancelled").format(no=done.no)
            ),
            on_error=self._refused,
            owner=self.view,
            label="cancel voucher",
        )

    def _changed(self, row: VoucherRow, text: str) -> None:
        self.model.replace_row(lambda r: r.voucher_id == row.voucher_id, row)
        if self.current is not None and self.current.voucher_id == row.voucher_id:
            self._show_voucher(row)
        set_message(self.view.message, text, "info")

    def _refused(self, exc: BaseException) -> None:
        set_message(self.view.message, describe(exc))
        current = self.current
        if current is not None:  # someone else may have posted or cancelled it meanwhile
            self._reload(keep=current.voucher_id)
            set_message(self.view.message, describe(exc))


# -- 库存预警 ---------------------------------------------------------------------------------------


class LowStockScreen(_Area):
    def __init__(
        self,
        runner: OperationRunner,
        backend: BackofficeBackend,
        actor: Actor,
        *,
        parent: QWidget,
        clock: Clock,
        ask_save_path: SavePathAsker | None = None,
    ) -> None:
        super().__init__(
            runner, backend, actor, parent=parent, clock=clock, ask_save_path=ask_save_path
        )
        self.rows: list[LowStockRow] = []
        self.loading = False
        self.editor: VoucherEditor | None = None
        self.view = LowStockAreaView(parent)
        self.widget = self.view
        self.model = low_stock_model(self)
        self.view.table.setModel(self.model)
        keep_fitted(self.view.table, NAME_COLUMN)
        self._texts()
        self._wire()
        self._enable()
        self._watch_shows()

    def _texts(self) -> None:
        v = self.view
        v.title.setText(self.tr("Low stock"))
        v.warehouse_label.setText(self.tr("Warehouse"))
        v.refresh.setText(self.tr("Refresh"))
        v.replenish.setText(self.tr("Purchase voucher from the suggestion…"))
        v.replenish.setToolTip(
            self.tr("A purchase voucher with the suggested quantities, to check and post")
        )
        v.export_csv.setText(self.tr("Export CSV"))
        v.export_xlsx.setText(self.tr("Export XLSX"))

    def _wire(self) -> None:
        v = self.view
        v.refresh.clicked.connect(self.refresh)
        v.replenish.clicked.connect(self.replenish)
        v.warehouse.activated.connect(lambda _i: self.refresh())
        v.export_csv.clicked.connect(lambda: self.export(".csv"))
        v.export_xlsx.clicked.connect(lambda: self.export(".xlsx"))

    def _failed(self, exc: BaseException) -> None:
        self.loading = False
        set_message(self.view.message, describe(exc))

    def _enable(self) -> None:
        for button in (self.view.export_csv, self.view.export_xlsx):
            button.setEnabled(bool(self.rows))
        self.view.replenish.setEnabled(any(r.suggest_milli > 0 for r in self.rows))

    def start(self) -> None:
        actor, backend = self.actor, self.backend
        self.runner.run(
            lambda: backend.stock_warehouses(actor),
            on_done=self._warehouses_loaded,
            on_error=self._failed,
            owner=self.view,
            label="low stock warehouses",
        )

    def _warehouses_loaded(self, warehouses: list[WarehouseChoice]) -> None:
        self.warehouses = warehouses
        self._fill_warehouses(self.view.warehouse)
        self.ready = True
        if self.view.isVisible():
            self.refresh()

    def refresh(self) -> None:
        warehouse = self.view.warehouse.currentData()
        if warehouse is None:
            return
        set_message(self.view.message, "", "info")
        self.view.summary.setText(self.tr("Loading…"))
        self.loading = True
        actor, backend = self.actor, self.backend
        self.runner.run(
            lambda: backend.low_stock(actor, warehouse),
            on_done=self._loaded,
            on_error=self._failed,
            owner=self.view,
            label="low stock",
        )

    def _loaded(self, rows: list[LowStockRow]) -> None:
        self.loading = False
        self.rows = rows
        self.model.set_rows(rows)
        self.view.summary.setText(
            self.tr(
                "SKUs at or below their lower limit or safety stock: {count}. The suggested "
                "order (补货建议) fills up to the upper limit, or to twice the lower limit when "
                "there is none, in whole units."
            ).format(count=len(rows))
        )
        self._enable()

    # -- replenishment (补货单) ---------------------------------------------------------------------
    def replenish(self) -> None:
        """Open a purchase voucher holding the suggested quantities (at the average cost, to be
        corrected to the supplier's price) for the manager to check and post."""
        warehouse = self.view.warehouse.currentData()
        if warehouse is None:
            return
        actor, backend = self.actor, self.backend
        self.view.replenish.setEnabled(False)
        self.runner.run(
            lambda: backend.replenishment(actor, warehouse),
            on_done=lambda lines: self._open_voucher(warehouse, lines),
            on_error=self._failed,
            owner=self.view,
            label="replenishment",
        )

    def _open_voucher(self, warehouse: str, lines: list[VoucherLineRow]) -> None:
        self._enable()
        if not lines:
            return
        if self.editor is not None:
            self.editor.view.deleteLater()
        self.editor = VoucherEditor(
            self.view,
            self.runner,
            self.backend,
            self.actor,
            self.warehouses,
            direction="in",
            warehouse=warehouse,
            type="purchase",
            lines=lines,
            note=self.tr("Replenishment (补货)"),
            confirm=lambda parent, title, text: self.confirm(parent, title, text),
        )
        self.editor.saved.connect(self._voucher_saved)
        self.editor.open()

    def _voucher_saved(self, result: VoucherSaved) -> None:
        row = result.voucher
        if result.posted:
            text, level = self.tr("Voucher {no} posted").format(no=row.no), "info"
        elif result.error is not None:
            text = self.tr("Voucher {no} saved as a draft but not posted: {reason}").format(
                no=row.no, reason=describe(result.error)
            )
            level = "error"
        else:
            text, level = self.tr("Voucher {no} saved as a draft").format(no=row.no), "info"
        self.refresh()
        set_message(self.view.message, text, level)

    def headers(self) -> list[str]:
        return [
            self.tr("Warehouse"),
            self.tr("SKU code"),
            self.tr("Name"),
            self.tr("On hand"),
            self.tr("Locked"),
            self.tr("Available"),
            self.tr("Safety stock"),
            self.tr("Lower limit"),
            self.tr("Upper limit"),
            self.tr("Suggested order"),
        ]

    @staticmethod
    def cells(row: LowStockRow) -> list[object]:
        return [
            row.warehouse,
            row.sku_code,
            row.name,
            _number(row.on_hand_milli),
            _number(row.locked_milli),
            _number(row.available_milli),
            _number(row.safety_milli),
            _number(row.lower_milli),
            _number(row.upper_milli),
            _number(row.suggest_milli),
        ]

    def export(self, suffix: str) -> None:
        warehouse = self.view.warehouse.currentData()
        if warehouse is None:
            return
        path = ask_path(self.ask_save_path, f"low-stock-{warehouse}-{self._today()}", suffix)
        if path is None:
            return
        headers, cells = self.headers(), self.cells
        actor, backend = self.actor, self.backend
        run_export(
            self.runner,
            describe=describe,
            message=self.view.message,
            owner=self.view,
            path=path,
            job=lambda: backend.export_low_stock(actor, warehouse, path, headers, cells),
            label="export low stock",
        )
