"""盘点 (stocktake, SPEC §10): the count sheets of the actor's warehouses filtered by warehouse and
status; opening a sheet (every SKU of a warehouse or one category); the sheet in progress.

Counting is made for a keyboard-wedge scanner: the scan field keeps the focus (the tables and
buttons of the sheet never take it), a code and Enter counts one, ``3*code`` or the quantity
field counts more, scanning the same item again adds up. Each scan is one write through the
operation runner in scan order; its line shows at once, and once the scanning pauses the sheet
is read again (the book figures, the values, what is still not counted, counts arriving from the
counters). A count is corrected (set) from the counted list or the not-counted list. Approving
asks first, stating the gains and losses and whether what is not counted counts as zero; the
service approves a sheet once and its refusal is shown. A sheet exports to CSV or XLSX.

Behaviour only: the layout is ``stocktake_views``, the rows and their text ``stock_ops_models``,
the rules ``services.stocktake`` (through ``stock_ops_backend``).
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QEvent, QModelIndex, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QTableView, QWidget

from backoffice.area_kit import SavePathAsker, ask_path, run_export, save_dialog
from backoffice.stock_ops_backend import (
    STOCKTAKE_STATUSES,
    Approval,
    LineView,
    Listed,
    StockOpsBackend,
    StocktakeQuery,
    StocktakeView,
    UncountedView,
)
from backoffice.stock_ops_models import (
    CHINA_TZ,
    LINE_NAME_COLUMN,
    UNCOUNTED_NAME_COLUMN,
    count_line_model,
    describe,
    local,
    number,
    parse_scan,
    qty,
    scope_name,
    signed_qty,
    stocktake_model,
    stocktake_status_name,
    uncounted_model,
    yuan,
)
from backoffice.stocktake_views import (
    ApproveDialogView,
    CorrectDialogView,
    OpenSheetDialogView,
    StocktakeAreaView,
    fit_columns,
)
from backoffice.views import set_message
from backoffice.voucher_dialog import Confirm, ask_confirm
from shared.db.queries.inventory import CategoryChoice, WarehouseChoice
from shared.domain.clock import Clock, business_date
from shared.domain.errors import Conflict, NotFound, ValidationError
from shared.qt.money import fmt_fen, parse_quantity
from shared.qt.operations import OperationRunner
from shared.services.auth import Actor

#: the sheet is read again this long after the last scan
REFRESH_AFTER_MS = 600
#: the lane the scans are delivered in (in the order they were scanned)
SCAN_LANE = "stocktake-scan"


def _totals(lines: tuple[LineView, ...] | list[LineView]) -> tuple[int, int, int, int, int, int]:
    """(gain SKUs, gain quantity, gain value, loss SKUs, loss quantity, loss value)."""
    gains = [ln for ln in lines if ln.difference_milli > 0]
    losses = [ln for ln in lines if ln.difference_milli < 0]
    return (
        len(gains),
        sum(ln.difference_milli for ln in gains),
        sum(ln.value_fen for ln in gains),
        len(losses),
        -sum(ln.difference_milli for ln in losses),
        -sum(ln.value_fen for ln in losses),
    )


# -- opening a sheet -------------------------------------------------------------------------------


class OpenSheetDialog(QObject):
    """开始盘点: a warehouse of the actor's, every SKU or one category. ``opened`` carries the new
    sheet (``StocktakeView``)."""

    opened = Signal(object)

    def __init__(
        self,
        parent: QWidget,
        runner: OperationRunner,
        backend: StockOpsBackend,
        actor: Actor,
        warehouses: list[WarehouseChoice],
        categories: list[CategoryChoice],
        *,
        warehouse: str | None = None,
    ) -> None:
        super().__init__()
        self.runner = runner
        self.backend = backend
        self.actor = actor
        v = self.view = OpenSheetDialogView(parent)
        self.setParent(v)  # goes with its dialog
        v.setWindowTitle(self.tr("Open a count sheet"))
        v.warehouse_label.setText(self.tr("Warehouse"))
        v.scope_label.setText(self.tr("Count"))
        v.all_goods.setText(self.tr("Every SKU of the warehouse"))
        v.one_category.setText(self.tr("One category (and those below it)"))
        v.hint.setText(
            self.tr(
                "The shop may keep selling while it counts: each count is compared with the book "
                "at the time it was scanned."
            )
        )
        v.open_button.setText(self.tr("Open sheet"))
        v.cancel.setText(self.tr("Cancel"))
        for wh in warehouses:
            v.warehouse.addItem(f"{wh.code} {wh.name}", wh.code)
        if warehouse is not None:
            v.warehouse.setCurrentIndex(max(0, v.warehouse.findData(warehouse)))
        for cat in categories:
            v.category.addItem("　" * max(0, cat.level - 1) + cat.name, cat.category_id)
        v.one_category.toggled.connect(v.category.setEnabled)
        v.open_button.clicked.connect(self.submit)
        v.cancel.clicked.connect(v.reject)

    def open(self) -> None:
        self.view.open()

    def submit(self) -> None:
        v = self.view
        set_message(v.message, "", "info")
        warehouse = v.warehouse.currentData()
        category = v.category.currentData() if v.one_category.isChecked() else None
        if warehouse is None:
            set_message(v.message, describe(NotFound("-", code="unknown_warehouse")))
            return
        actor, backend = self.actor, self.backend
        v.open_button.setEnabled(False)
        self.runner.run(
            lambda: backend.open_stocktake(actor, warehouse, category),
            kind="write",
            on_done=self._opened,
            on_error=self._refused,
            owner=v,
            label="open stocktake",
        )

    def _opened(self, sheet: StocktakeView) -> None:
        self.view.open_button.setEnabled(True)
        self.opened.emit(sheet)
        self.view.accept()

    def _refused(self, exc: BaseException) -> None:
        self.view.open_button.setEnabled(True)
        set_message(self.view.message, describe(exc))


# -- correcting a count ----------------------------------------------------------------------------


class CorrectDialog(QObject):
    """更正数量: set what is counted of one SKU (zero allowed). ``corrected`` carries the line."""

    corrected = Signal(object)

    def __init__(
        self,
        parent: QWidget,
        runner: OperationRunner,
        backend: StockOpsBackend,
        actor: Actor,
        sheet_id: str,
        *,
        sku_code: str,
        name: str,
        unit: str,
        counted_milli: int | None,
        book_milli: int,
    ) -> None:
        super().__init__()
        self.runner = runner
        self.backend = backend
        self.actor = actor
        self.sheet_id = sheet_id
        self.sku_code = sku_code
        self.unit = unit
        v = self.view = CorrectDialogView(parent)
        self.setParent(v)
        v.setWindowTitle(self.tr("Correct a count"))
        v.item.setText(f"{sku_code} {name}")
        if counted_milli is None:
            v.current.setText(
                self.tr("Not counted yet · book {book}").format(book=qty(book_milli, unit))
            )
        else:
            v.current.setText(
                self.tr("Counted so far {counted} · book {book}").format(
                    counted=qty(counted_milli, unit), book=qty(book_milli, unit)
                )
            )
        v.count_label.setText(self.tr("The right count"))
        v.count.setPlaceholderText(self.tr("e.g. 12"))
        if counted_milli is not None:
            v.count.setText(qty(counted_milli, unit))
        v.save.setText(self.tr("Set count"))
        v.cancel.setText(self.tr("Cancel"))
        v.count.returnPressed.connect(self.save)
        v.save.clicked.connect(self.save)
        v.cancel.clicked.connect(v.reject)

    def open(self) -> None:
        self.view.open()
        self.view.count.setFocus()
        self.view.count.selectAll()

    def save(self) -> None:
        v = self.view
        set_message(v.message, "", "info")
        try:
            milli = parse_quantity(v.count.text(), weighed=self.unit == "kg")
        except ValidationError as exc:
            set_message(v.message, describe(exc))
            return
        actor, backend, sheet_id, code = self.actor, self.backend, self.sheet_id, self.sku_code
        v.save.setEnabled(False)
        self.runner.run(
            lambda: backend.count(actor, sheet_id, code, milli, "set"),
            kind="write",
            lane=SCAN_LANE,
            on_done=self._saved,
            on_error=self._refused,
            owner=v,
            label="correct count",
        )

    def _saved(self, line: LineView) -> None:
        self.view.save.setEnabled(True)
        self.corrected.emit(line)
        self.view.accept()

    def _refused(self, exc: BaseException) -> None:
        self.view.save.setEnabled(True)
        set_message(self.view.message, describe(exc))


# -- approving -------------------------------------------------------------------------------------


class ApproveDialog(QObject):
    """审核盘点: states the gains and losses and asks whether the SKUs not counted count as zero.
    ``approved`` carries the ``Approval``; ``refused`` a refusal that ends the dialog (the sheet
    was approved or cancelled meanwhile)."""

    approved = Signal(object)
    refused = Signal(object)

    def __init__(
        self,
        parent: QWidget,
        runner: OperationRunner,
        backend: StockOpsBackend,
        actor: Actor,
        sheet: StocktakeView,
    ) -> None:
        super().__init__()
        self.runner = runner
        self.backend = backend
        self.actor = actor
        self.sheet = sheet
        v = self.view = ApproveDialogView(parent)
        self.setParent(v)
        v.setWindowTitle(self.tr("Approve count sheet"))
        v.heading.setText(
            self.tr("Approve {no} ({warehouse}, {scope})?").format(
                no=sheet.no, warehouse=sheet.warehouse, scope=scope_name(sheet.category)
            )
        )
        v.gains_label.setText(self.tr("Gains"))
        v.losses_label.setText(self.tr("Losses"))
        v.uncounted_label.setText(self.tr("Not counted"))
        n_uncounted = len(sheet.uncounted)
        v.zero.setText(
            self.tr(
                "Count the {count} SKUs not counted as zero (their book stock is set to zero)"
            ).format(count=n_uncounted)
        )
        v.zero.setEnabled(n_uncounted > 0)
        v.approve.setText(self.tr("Approve"))
        v.cancel.setText(self.tr("Cancel"))
        v.zero.toggled.connect(lambda _on: self._figures())
        v.approve.clicked.connect(self.approve)
        v.cancel.clicked.connect(v.reject)
        self._figures()

    def _figures(self) -> None:
        v, sheet = self.view, self.sheet
        gain_n, gain_q, gain_v, loss_n, loss_q, loss_v = _totals(sheet.lines)
        zero = v.zero.isChecked()
        v.gains.setText(
            self.tr("{skus} SKUs, +{qty}, {value} at today's average cost").format(
                skus=gain_n, qty=qty(gain_q), value=fmt_fen(gain_v)
            )
        )
        v.losses.setText(
            self.tr("{skus} SKUs, -{qty}, {value} at today's average cost").format(
                skus=loss_n, qty=qty(loss_q), value=fmt_fen(loss_v)
            )
        )
        book = sum(u.on_hand_milli for u in sheet.uncounted)
        if not sheet.uncounted:
            v.uncounted.setText(self.tr("Every SKU with stock on the book is counted"))
        elif zero:
            v.uncounted.setText(
                self.tr(
                    "{count} SKUs with {qty} on the book: counted as zero, the difference is posted"
                ).format(count=len(sheet.uncounted), qty=qty(book))
            )
        else:
            v.uncounted.setText(
                self.tr("{count} SKUs with {qty} on the book: left as they are").format(
                    count=len(sheet.uncounted), qty=qty(book)
                )
            )
        v.warning.setText(
            self.tr(
                "Approving posts the gains and losses to the stock ledger at once. A sheet is "
                "approved once and cannot be changed afterwards."
            )
        )

    def open(self) -> None:
        self.view.open()

    def approve(self) -> None:
        v = self.view
        set_message(v.message, "", "info")
        zero = v.zero.isChecked()
        actor, backend, sheet_id = self.actor, self.backend, self.sheet.stocktake_id
        v.approve.setEnabled(False)
        self.runner.run(
            lambda: backend.approve_stocktake(actor, sheet_id, uncounted_zero=zero),
            kind="write",
            on_done=self._approved,
            on_error=self._refused,
            owner=v,
            label="approve stocktake",
        )

    def _approved(self, result: Approval) -> None:
        self.view.approve.setEnabled(True)
        self.approved.emit(result)
        self.view.accept()

    def _refused(self, exc: BaseException) -> None:
        self.view.approve.setEnabled(True)
        if isinstance(exc, (Conflict, NotFound)):  # approved or cancelled meanwhile: done here
            self.refused.emit(exc)
            self.view.reject()
            return
        set_message(self.view.message, describe(exc))


# -- the area --------------------------------------------------------------------------------------


class StocktakeScreen(QObject):
    def __init__(
        self,
        runner: OperationRunner,
        backend: StockOpsBackend,
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
        #: asks before cancelling a sheet (tests answer for the manager)
        self.confirm: Confirm = ask_confirm
        self.query = StocktakeQuery()
        self.warehouses: list[WarehouseChoice] = []
        self.categories: list[CategoryChoice] = []
        #: the sheet shown below the list (as last read, with the scans since applied)
        self.sheet: StocktakeView | None = None
        self.ready = False
        self.loading = False
        self.opener: OpenSheetDialog | None = None
        self.corrector: CorrectDialog | None = None
        self.approver: ApproveDialog | None = None
        self._keep: str | None = None
        self._detail_ticket = 0
        self._scans_started = 0
        self._scans_pending = 0
        self.view = StocktakeAreaView(parent)
        self.widget = self.view
        #: where an export goes (tests answer it themselves)
        self.ask_save_path: SavePathAsker = ask_save_path or save_dialog(
            self.view, self.tr("Export count sheet")
        )
        self.model = stocktake_model(self)
        self.view.table.setModel(self.model)
        self.lines_model = count_line_model(self)
        self.view.lines.setModel(self.lines_model)
        self.uncounted_model = uncounted_model(self)
        self.view.uncounted.setModel(self.uncounted_model)
        fit_columns(self.view.table, 2)
        fit_columns(self.view.lines, LINE_NAME_COLUMN)
        fit_columns(self.view.uncounted, UNCOUNTED_NAME_COLUMN)
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(REFRESH_AFTER_MS)
        self._refresh_timer.timeout.connect(self._refresh_sheet)
        self._texts()
        self._wire()
        self._show_sheet(None)
        self.view.installEventFilter(self)

    def _texts(self) -> None:
        v = self.view
        v.title.setText(self.tr("Stocktake"))
        v.status.addItem(self.tr("Any status"), None)
        for status in STOCKTAKE_STATUSES:
            v.status.addItem(stocktake_status_name(status), status)
        v.search.setText(self.tr("Refresh"))
        v.open_sheet.setText(self.tr("Open a count sheet"))
        v.scan_label.setText(self.tr("Scan"))
        v.scan.setPlaceholderText(
            self.tr("Scan or type a code and press Enter · 3*code counts three")
        )
        v.qty_label.setText(self.tr("Quantity"))
        v.qty.setPlaceholderText("1")
        v.qty.setToolTip(self.tr("How many the next scan counts (empty: one)"))
        v.correct.setText(self.tr("Correct count…"))
        v.correct.setToolTip(
            self.tr("Set the count of the selected line (counted or not counted) to a number")
        )
        v.export_csv.setText(self.tr("Export CSV"))
        v.export_xlsx.setText(self.tr("Export XLSX"))
        v.approve.setText(self.tr("Approve…"))
        v.cancel_sheet.setText(self.tr("Cancel sheet"))

    def _wire(self) -> None:
        v = self.view
        v.search.clicked.connect(self.apply_filters)
        for box in (v.warehouse, v.status):
            box.activated.connect(lambda _i: self.apply_filters())
        v.open_sheet.clicked.connect(self.open_sheet)
        v.scan.returnPressed.connect(self.scan)
        v.qty.returnPressed.connect(self._qty_entered)
        v.correct.clicked.connect(self.correct)
        v.lines.doubleClicked.connect(lambda index: self.correct_line(index.row()))
        v.uncounted.doubleClicked.connect(lambda index: self.correct_uncounted(index.row()))
        v.approve.clicked.connect(self.approve)
        v.cancel_sheet.clicked.connect(self.cancel_sheet)
        v.export_csv.clicked.connect(lambda: self.export(".csv"))
        v.export_xlsx.clicked.connect(lambda: self.export(".xlsx"))
        v.table.selectionModel().currentRowChanged.connect(
            lambda cur, _prev: self._selected(cur.row())
        )
        for table, other in ((v.lines, v.uncounted), (v.uncounted, v.lines)):
            table.selectionModel().currentRowChanged.connect(
                lambda cur, _prev, other=other: self._picked(cur, other)
            )

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        """Read the list again each time the area is shown (counts arrive from the counters)."""
        if obj is self.view and event.type() == QEvent.Type.Show and self.ready:
            self.refresh()
        return False

    def _failed(self, exc: BaseException) -> None:
        self.loading = False
        set_message(self.view.message, describe(exc))

    # -- the list ----------------------------------------------------------------------------------
    def start(self) -> None:
        """Load the warehouses and categories, then the sheets."""
        actor, backend = self.actor, self.backend
        self.loading = True
        self.runner.run(
            lambda: (backend.warehouses(actor), backend.categories(actor)),
            on_done=self._choices_loaded,
            on_error=self._failed,
            owner=self.view,
            label="stocktake choices",
        )

    def _choices_loaded(self, choices: tuple[list[WarehouseChoice], list[CategoryChoice]]) -> None:
        self.warehouses, self.categories = choices
        box = self.view.warehouse
        box.clear()
        if len(self.warehouses) != 1:
            box.addItem(self.tr("All warehouses"), None)
        for wh in self.warehouses:
            box.addItem(f"{wh.code} {wh.name}", wh.code)
        self.view.open_sheet.setEnabled(bool(self.warehouses))
        self.ready = True
        self.apply_filters()

    def refresh(self) -> None:
        self._reload(keep=self.sheet.stocktake_id if self.sheet else None)

    def apply_filters(self) -> None:
        v = self.view
        self.query = StocktakeQuery(
            warehouse=v.warehouse.currentData(), status=v.status.currentData()
        )
        self._reload(keep=self.sheet.stocktake_id if self.sheet else None)

    def _reload(self, keep: str | None = None) -> None:
        set_message(self.view.message, "", "info")
        self.view.summary.setText(self.tr("Loading…"))
        self.loading = True
        self._keep = keep
        query, actor, backend = self.query, self.actor, self.backend
        self.runner.run(
            lambda: backend.stocktakes(actor, query),
            on_done=self._listed,
            on_error=self._failed,
            owner=self.view,
            label="stocktakes",
        )

    def _listed(self, listed: Listed) -> None:
        self.loading = False
        rows = listed.rows
        keep = self._keep
        self.model.set_rows(rows)
        text = self.tr("{count} count sheets").format(count=len(rows))
        if listed.more:
            text = self.tr("The newest {count} count sheets").format(count=len(rows))
        self.view.summary.setText(text)
        index = next((i for i, r in enumerate(rows) if r.stocktake_id == keep), None)
        if index is None and rows:
            # the sheet in progress first, else the newest
            index = next((i for i, r in enumerate(rows) if r.status == "open"), 0)
        if index is None:
            self._show_sheet(None)
            return
        if self.view.table.currentIndex().row() == index:
            self._selected(index)
        else:
            self.view.table.selectRow(index)

    def _selected(self, row: int) -> None:
        summary = self.model.row_at(row)
        if summary is not None:  # (no row: the list is being read again; the sheet stays)
            self._load_sheet(summary.stocktake_id)

    def _load_sheet(self, sheet_id: str) -> None:
        self._detail_ticket += 1
        ticket, scans = self._detail_ticket, self._scans_started
        actor, backend = self.actor, self.backend
        self.loading = True
        self.runner.run(
            lambda: backend.stocktake(actor, sheet_id),
            on_done=lambda sheet: self._sheet_read(ticket, scans, sheet),
            on_error=self._failed,
            owner=self.view,
            label="stocktake detail",
        )

    def _sheet_read(self, ticket: int, scans: int, sheet: StocktakeView) -> None:
        if ticket != self._detail_ticket:
            return  # another sheet was chosen meanwhile
        self.loading = False
        same = self.sheet is not None and self.sheet.stocktake_id == sheet.stocktake_id
        if same and (scans != self._scans_started or self._scans_pending):
            # scanned while this was read: what it says is older than the lines shown
            self._refresh_timer.start()
            return
        self._show_sheet(sheet)
        self._replace_summary(sheet)

    def _replace_summary(self, sheet: StocktakeView) -> None:
        """The list's row of the sheet just read: its status and lines as they are now."""
        for r in self.model.rows():
            if r.stocktake_id == sheet.stocktake_id:
                changed = replace(
                    r, status=sheet.status, approved_at=sheet.approved_at, lines=len(sheet.lines)
                )
                if changed != r:
                    self.model.replace_row(lambda x: x.stocktake_id == sheet.stocktake_id, changed)
                return

    # -- the sheet ---------------------------------------------------------------------------------
    def _show_sheet(self, sheet: StocktakeView | None) -> None:
        v = self.view
        self.sheet = sheet
        is_open = sheet is not None and sheet.status == "open"
        v.entry.setVisible(is_open)
        v.feedback.setVisible(is_open)
        v.uncounted_box.setVisible(sheet is None or is_open)
        if sheet is None:
            v.heading.setText(self.tr("No count sheet selected"))
            v.info.setText(self.tr("Choose a sheet in the list, or open a new one to count."))
            self.lines_model.set_rows([])
            self.uncounted_model.set_rows([])
        else:
            v.heading.setText(
                f"{sheet.no} · {sheet.warehouse} · {scope_name(sheet.category)} · "
                f"{stocktake_status_name(sheet.status)}"
            )
            info = self.tr("Opened {opened}").format(opened=local(sheet.opened_at))
            if sheet.approved_at is not None:
                info += " · " + self.tr("approved {at}").format(at=local(sheet.approved_at))
            v.info.setText(info)
            self.lines_model.set_rows(list(sheet.lines))
            self.uncounted_model.set_rows(list(sheet.uncounted))
        self._update_totals()
        if is_open and QApplication.activeModalWidget() is None:
            self.take_keyboard()

    def _update_totals(self) -> None:
        v = self.view
        lines = self.lines_model.rows()
        uncounted = self.uncounted_model.rows()
        v.counted_box.setTitle(self.tr("Counted ({count})").format(count=len(lines)))
        v.uncounted_box.setTitle(self.tr("Not counted yet ({count})").format(count=len(uncounted)))
        if self.sheet is None:
            v.totals.setText("")
        else:
            gain_n, gain_q, gain_v, loss_n, loss_q, loss_v = _totals(lines)
            v.totals.setText(
                self.tr(
                    "{lines} lines counted · gains: {gains} SKUs +{gain_qty} ({gain_value}) · "
                    "losses: {losses} SKUs -{loss_qty} ({loss_value}) · {uncounted} not counted"
                ).format(
                    lines=len(lines),
                    gains=gain_n,
                    gain_qty=qty(gain_q),
                    gain_value=fmt_fen(gain_v),
                    losses=loss_n,
                    loss_qty=qty(loss_q),
                    loss_value=fmt_fen(loss_v),
                    uncounted=len(uncounted),
                )
            )
        self._enable()

    def _picked(self, current: QModelIndex, other: QTableView) -> None:
        """A line picked in one list (to correct its count): none in the other."""
        if current.isValid() and other.currentIndex().isValid():
            other.selectionModel().clear()
        self._enable()

    def _enable(self) -> None:
        v = self.view
        is_open = self.sheet is not None and self.sheet.status == "open"
        picked = (
            v.lines.currentIndex().isValid() or v.uncounted.currentIndex().isValid()
        ) and is_open
        v.correct.setEnabled(picked)
        v.approve.setEnabled(is_open)
        v.cancel_sheet.setEnabled(is_open)
        v.export_csv.setEnabled(self.sheet is not None)
        v.export_xlsx.setEnabled(self.sheet is not None)

    # -- scanning ----------------------------------------------------------------------------------
    def take_keyboard(self) -> None:
        """Give the scan field the keyboard (a dialog closed: the scanner types here again)."""
        if self.sheet is None or self.sheet.status != "open" or not self.view.isVisible():
            return
        window = self.view.window()
        if not window.isActiveWindow():
            window.activateWindow()
        self.view.scan.setFocus()

    def _qty_entered(self) -> None:
        self.view.scan.setFocus()

    def scan(self) -> None:
        """Count what the scan field holds: one (or the quantity field's, or ``n*code``'s)."""
        v = self.view
        text = v.scan.text()
        v.scan.clear()
        v.scan.setFocus()
        sheet = self.sheet
        if sheet is None or sheet.status != "open" or not text.strip():
            return
        try:
            scanned = parse_scan(text)
            milli = scanned.qty_milli
            if milli is None:
                typed = v.qty.text().strip()
                milli = parse_quantity(typed, weighed=True) if typed else 1000
        except ValidationError as exc:
            self._scan_refused(text.strip(), exc)
            return
        v.qty.clear()
        code, actor, backend, sheet_id = scanned.code, self.actor, self.backend, sheet.stocktake_id
        self._scans_started += 1
        self._scans_pending += 1
        self._refresh_timer.stop()
        self.runner.run(
            lambda: backend.count(actor, sheet_id, code, milli, "add"),
            kind="write",
            lane=SCAN_LANE,
            on_done=lambda line: self._counted(sheet_id, milli, line),
            on_error=lambda exc: self._scan_failed(code, exc),
            owner=self.view,
            label="stocktake scan",
        )

    def _scan_done(self) -> None:
        self._scans_pending = max(0, self._scans_pending - 1)
        if not self._scans_pending:
            self._refresh_timer.start()

    def _counted(self, sheet_id: str, added: int, line: LineView) -> None:
        self._scan_done()
        if self.sheet is None or self.sheet.stocktake_id != sheet_id:
            return
        self._apply_line(line)
        set_message(
            self.view.feedback,
            self.tr(
                "{code} {name}: +{added} → counted {counted} (book {book}, difference {diff})"
            ).format(
                code=line.sku_code,
                name=line.name,
                added=qty(added, line.unit),
                counted=qty(line.counted_milli, line.unit),
                book=qty(line.book_at_count_milli, line.unit),
                diff=signed_qty(line.difference_milli, line.unit) or "0",
            ),
            "info",
        )

    def _apply_line(self, line: LineView) -> None:
        """Show a line just counted at once (its value follows when the sheet is read again)."""
        rows = self.lines_model.rows()
        old = next((r for r in rows if r.sku_id == line.sku_id), None)
        if old is not None and old.difference_milli == line.difference_milli:
            line = replace(line, value_fen=old.value_fen)
        rows = [r for r in rows if r.sku_id != line.sku_id] + [line]
        rows.sort(key=lambda r: r.sku_code)
        self.lines_model.set_rows(rows)
        at = rows.index(line)
        self.view.lines.selectRow(at)
        self.view.lines.scrollTo(self.lines_model.index(at, 0))
        uncounted = [u for u in self.uncounted_model.rows() if u.sku_id != line.sku_id]
        if len(uncounted) != self.uncounted_model.rowCount():
            self.uncounted_model.set_rows(uncounted)
        self._update_totals()

    def _scan_failed(self, code: str, exc: BaseException) -> None:
        self._scan_done()
        self._scan_refused(code, exc)
        if isinstance(exc, Conflict):  # the sheet was approved or cancelled meanwhile
            self.refresh()

    def _scan_refused(self, code: str, exc: BaseException) -> None:
        QApplication.beep()
        set_message(
            self.view.feedback,
            self.tr("{code}: {reason}").format(code=code[:40], reason=describe(exc)),
        )

    def _refresh_sheet(self) -> None:
        if self.sheet is not None and not self._scans_pending:
            self._load_sheet(self.sheet.stocktake_id)

    # -- correcting --------------------------------------------------------------------------------
    def correct(self) -> None:
        v = self.view
        if v.lines.currentIndex().isValid():
            self.correct_line(v.lines.currentIndex().row())
        elif v.uncounted.currentIndex().isValid():
            self.correct_uncounted(v.uncounted.currentIndex().row())

    def correct_line(self, row: int) -> None:
        line = self.lines_model.row_at(row)
        if line is None:
            return
        self._open_corrector(
            line.sku_code, line.name, line.unit, line.counted_milli, line.book_at_count_milli
        )

    def correct_uncounted(self, row: int) -> None:
        item: UncountedView | None = self.uncounted_model.row_at(row)
        if item is None:
            return
        self._open_corrector(item.sku_code, item.name, "", None, item.on_hand_milli)

    def _open_corrector(
        self, code: str, name: str, unit: str, counted: int | None, book: int
    ) -> None:
        sheet = self.sheet
        if sheet is None or sheet.status != "open":
            return
        if self.corrector is not None:
            self.corrector.view.deleteLater()
        self.corrector = CorrectDialog(
            self.view,
            self.runner,
            self.backend,
            self.actor,
            sheet.stocktake_id,
            sku_code=code,
            name=name,
            unit=unit,
            counted_milli=counted,
            book_milli=book,
        )
        self.corrector.corrected.connect(self._corrected)
        self.corrector.view.finished.connect(lambda _r: self.take_keyboard())
        self.corrector.open()

    def _corrected(self, line: LineView) -> None:
        self._apply_line(line)
        set_message(
            self.view.feedback,
            self.tr(
                "{code} {name}: count set to {counted} (book {book}, difference {diff})"
            ).format(
                code=line.sku_code,
                name=line.name,
                counted=qty(line.counted_milli, line.unit),
                book=qty(line.book_at_count_milli, line.unit),
                diff=signed_qty(line.difference_milli, line.unit) or "0",
            ),
            "info",
        )
        self._refresh_timer.start()

    # -- opening, approving, cancelling ------------------------------------------------------------
    def open_sheet(self) -> None:
        if self.opener is not None:
            self.opener.view.deleteLater()
        self.opener = OpenSheetDialog(
            self.view,
            self.runner,
            self.backend,
            self.actor,
            self.warehouses,
            self.categories,
            warehouse=self.view.warehouse.currentData(),
        )
        self.opener.opened.connect(self._opened)
        self.opener.view.finished.connect(lambda _r: self.take_keyboard())
        self.opener.open()

    def _opened(self, sheet: StocktakeView) -> None:
        v = self.view
        if self.query.status not in (None, "open") or self.query.warehouse not in (
            None,
            sheet.warehouse,
        ):
            v.status.setCurrentIndex(0)
            v.warehouse.setCurrentIndex(max(0, v.warehouse.findData(sheet.warehouse)))
            self.query = StocktakeQuery(
                warehouse=v.warehouse.currentData(), status=v.status.currentData()
            )
        self._show_sheet(sheet)
        self._reload(keep=sheet.stocktake_id)
        set_message(
            v.message,
            self.tr("Count sheet {no} opened for {warehouse}: scan to count").format(
                no=sheet.no, warehouse=sheet.warehouse
            ),
            "info",
        )

    def approve(self) -> None:
        """Read the sheet as it is now (after the scans still on their way: the read queues
        behind them on the writer), then ask."""
        sheet = self.sheet
        if sheet is None:
            return
        self._refresh_timer.stop()
        self._detail_ticket += 1
        actor, backend, sheet_id = self.actor, self.backend, sheet.stocktake_id
        self.runner.run(
            lambda: backend.stocktake(actor, sheet_id),
            kind="write",
            on_done=self._ask_approval,
            on_error=self._failed,
            owner=self.view,
            label="stocktake before approval",
        )

    def _ask_approval(self, sheet: StocktakeView) -> None:
        if self.sheet is None or self.sheet.stocktake_id != sheet.stocktake_id:
            return
        self._show_sheet(sheet)
        self._replace_summary(sheet)
        if sheet.status != "open":  # approved or cancelled elsewhere meanwhile
            set_message(
                self.view.message,
                describe(Conflict("-", code=f"stocktake_{sheet.status}", no=sheet.no)),
            )
            return
        if self.approver is not None:
            self.approver.view.deleteLater()
        self.approver = ApproveDialog(self.view, self.runner, self.backend, self.actor, sheet)
        self.approver.approved.connect(self._approved)
        self.approver.refused.connect(self._approve_refused)
        self.approver.view.finished.connect(lambda _r: self.take_keyboard())
        self.approver.open()

    def _approved(self, result: Approval) -> None:
        text = self.tr(
            "Count sheet {no} approved: {movements} movements posted · gains +{gain_qty} "
            "({gain_value}) · losses -{loss_qty} ({loss_value})"
        ).format(
            no=result.no,
            movements=result.movements,
            gain_qty=qty(result.gain_milli),
            gain_value=fmt_fen(result.gain_fen),
            loss_qty=qty(result.loss_milli),
            loss_value=fmt_fen(result.loss_fen),
        )
        if result.zeroed:
            text += " · " + self.tr("{count} SKUs not counted were counted as zero").format(
                count=result.zeroed
            )
        self._reload(keep=result.stocktake_id)
        set_message(self.view.message, text, "info")

    def _approve_refused(self, exc: BaseException) -> None:
        sheet = self.sheet
        self._reload(keep=sheet.stocktake_id if sheet else None)
        set_message(self.view.message, describe(exc))

    def cancel_sheet(self) -> None:
        sheet = self.sheet
        if sheet is None or sheet.status != "open":
            return
        if not self.confirm(
            self.view,
            self.tr("Cancel count sheet"),
            self.tr(
                "Cancel count sheet {no}? Its {lines} counted lines are dropped and nothing is "
                "posted."
            ).format(no=sheet.no, lines=len(self.lines_model.rows())),
        ):
            self.view.scan.setFocus()
            return
        actor, backend, sheet_id = self.actor, self.backend, sheet.stocktake_id
        self.runner.run(
            lambda: backend.cancel_stocktake(actor, sheet_id),
            kind="write",
            on_done=self._cancelled,
            on_error=self._cancel_refused,
            owner=self.view,
            label="cancel stocktake",
        )

    def _cancelled(self, sheet: StocktakeView) -> None:
        self._reload(keep=sheet.stocktake_id)
        set_message(
            self.view.message,
            self.tr("Count sheet {no} cancelled").format(no=sheet.no),
            "info",
        )

    def _cancel_refused(self, exc: BaseException) -> None:
        self._approve_refused(exc)

    # -- export ------------------------------------------------------------------------------------
    def _headers(self) -> list[str]:
        return [
            self.tr("SKU code"),
            self.tr("Name"),
            self.tr("Unit"),
            self.tr("Book"),
            self.tr("Counted"),
            self.tr("Difference"),
            self.tr("Difference value (yuan)"),
            self.tr("Last scan"),
            self.tr("State"),
        ]

    def export(self, suffix: str) -> None:
        sheet = self.sheet
        if sheet is None:
            return
        day = business_date(self.clock.now(), CHINA_TZ).isoformat()
        path = ask_path(self.ask_save_path, f"{sheet.no}-{day}", suffix)
        if path is None:
            return
        headers = self._headers()
        counted, not_counted = self.tr("Counted"), self.tr("Not counted")

        def line_cells(ln: LineView) -> list[object]:
            return [
                ln.sku_code,
                ln.name,
                ln.unit,
                number(ln.book_at_count_milli),
                number(ln.counted_milli),
                number(ln.difference_milli),
                yuan(ln.value_fen),
                local(ln.counted_at, "%Y-%m-%d %H:%M:%S"),
                counted,
            ]

        def uncounted_cells(u: UncountedView) -> list[object]:
            return [
                u.sku_code,
                u.name,
                "",
                number(u.on_hand_milli),
                None,
                None,
                None,
                "",
                not_counted,
            ]

        actor, backend, sheet_id = self.actor, self.backend, sheet.stocktake_id
        run_export(
            self.runner,
            describe=describe,
            message=self.view.message,
            owner=self.view,
            path=path,
            job=lambda: backend.export_stocktake(
                actor, sheet_id, path, headers, line_cells, uncounted_cells
            ),
            label="export stocktake",
        )


__all__ = ["ApproveDialog", "CorrectDialog", "OpenSheetDialog", "StocktakeScreen"]
