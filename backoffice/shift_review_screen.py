"""班次审核: the shifts of the stores the manager may review, filtered by store, date range and
cashier, read a page at a time; the selected shift's sales, payments and cash movements; approve
or flag it with a comment; export the list (every matching row) to CSV or XLSX."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from PySide6.QtCore import QCoreApplication, QDate, QLocale, QObject, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from backoffice.area_kit import SavePathAsker, ask_path, run_export, save_dialog, show_error
from backoffice.backend import PAGE_SIZE, BackofficeBackend, ShiftQuery
from backoffice.models import PagedTableModel, variance_colours
from backoffice.views import set_message, table_view
from shared.db.queries.shifts import CashMoveItem, RefundItem, SaleItem, ShiftRow
from shared.domain.clock import Clock, business_date, local_time
from shared.qt.errors import method_name
from shared.qt.money import fmt_fen
from shared.qt.operations import OperationRunner
from shared.qt.table_model import CENTER, RIGHT, Column, RowTableModel
from shared.services.auth import Actor
from shared.services.shift_review import MAX_COMMENT, ShiftDetail, StoreChoice

VARIANCE_COLUMN = 10
#: "today" for the date filter's defaults (stores keep their own zone for their figures)
CHINA_TZ = "Asia/Shanghai"


def review_status_name(status: str) -> str:
    return {
        "pending": QCoreApplication.translate("ShiftReview", "Pending"),
        "approved": QCoreApplication.translate("ShiftReview", "Approved"),
        "flagged": QCoreApplication.translate("ShiftReview", "Flagged"),
    }.get(status, status)


def shift_status_name(status: str) -> str:
    return {
        "open": QCoreApplication.translate("ShiftReview", "Open"),
        "closed": QCoreApplication.translate("ShiftReview", "Closed"),
    }.get(status, status)


def _local(at: datetime | None, tz: str, fmt: str = "%m-%d %H:%M") -> str:
    return local_time(at, tz).strftime(fmt) if at is not None else ""


def _yuan(fen: int | None) -> Decimal | None:
    return None if fen is None else (Decimal(fen) / 100).quantize(Decimal("0.01"))


class ShiftReviewScreen(QObject):
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
        self.clock = clock
        self.runner = runner
        self.backend = backend
        self.actor = actor
        self.query = ShiftQuery()
        self.detail: ShiftDetail | None = None
        self.widget = QWidget(parent)
        self.widget.setObjectName("shiftReview")
        #: where an export or a handover slip goes (tests answer it themselves)
        self.ask_save_path: SavePathAsker = ask_save_path or save_dialog(
            self.widget, QCoreApplication.translate("ShiftReview", "Export shifts")
        )
        self._build()
        self._wire()

    # -- layout -----------------------------------------------------------------------------------
    def _build(self) -> None:
        w = self.widget
        outer = QVBoxLayout(w)
        outer.setContentsMargins(12, 10, 12, 10)
        outer.setSpacing(8)

        title = QLabel(QCoreApplication.translate("ShiftReview", "Shift review"), w)
        title.setObjectName("areaTitle")
        outer.addWidget(title)

        bar = QHBoxLayout()
        bar.setSpacing(8)
        bar.addWidget(QLabel(QCoreApplication.translate("ShiftReview", "Store"), w))
        self.store = QComboBox(w)
        self.store.setObjectName("storeFilter")
        self.store.setMinimumWidth(200)
        bar.addWidget(self.store)
        self.by_date = QCheckBox(QCoreApplication.translate("ShiftReview", "Business day"), w)
        self.by_date.setObjectName("byDate")
        bar.addWidget(self.by_date)
        today = QDate(business_date(self.clock.now(), CHINA_TZ))
        self.date_from = QDateEdit(today.addDays(-30), w)
        self.date_to = QDateEdit(today, w)
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setEnabled(False)
        bar.addWidget(self.date_from)
        bar.addWidget(QLabel("—", w))
        bar.addWidget(self.date_to)
        bar.addWidget(QLabel(QCoreApplication.translate("ShiftReview", "Cashier"), w))
        self.cashier = QLineEdit(w)
        self.cashier.setObjectName("cashierFilter")
        self.cashier.setMaxLength(64)
        self.cashier.setPlaceholderText(
            QCoreApplication.translate("ShiftReview", "Account or name")
        )
        self.cashier.setMaximumWidth(160)
        bar.addWidget(self.cashier)
        self.review_filter = QComboBox(w)
        self.review_filter.setObjectName("reviewFilter")
        self.review_filter.addItem(QCoreApplication.translate("ShiftReview", "Any review"), None)
        for status in ("pending", "approved", "flagged"):
            self.review_filter.addItem(review_status_name(status), status)
        bar.addWidget(self.review_filter)
        self.search = QPushButton(QCoreApplication.translate("ShiftReview", "Search"), w)
        self.search.setObjectName("primaryButton")
        bar.addWidget(self.search)
        bar.addStretch(1)
        self.export_csv = QPushButton(QCoreApplication.translate("ShiftReview", "Export CSV"), w)
        self.export_xlsx = QPushButton(QCoreApplication.translate("ShiftReview", "Export XLSX"), w)
        bar.addWidget(self.export_csv)
        bar.addWidget(self.export_xlsx)
        outer.addLayout(bar)

        self.summary = QLabel(w)
        self.summary.setObjectName("summary")
        outer.addWidget(self.summary)

        split = QSplitter(Qt.Orientation.Vertical, w)
        split.setChildrenCollapsible(False)
        self.table = table_view("shiftTable", split)
        self.model = PagedTableModel(
            self._columns(),
            self.runner,
            page_size=PAGE_SIZE,
            sort_keys=[
                "store",
                "terminal",
                "cashier",
                "business_date",
                "opened_at",
                "closed_at",
                None,
                None,
                None,
                None,
                "variance",
                "review_status",
            ],
            background=lambda row, col: (
                variance_colours(row.variance_fen)[0] if col == VARIANCE_COLUMN else None
            ),
            parent=self,
        )
        self.table.setModel(self.model)
        # newest business day first, as the service sorts by default; a click on a sortable
        # header asks the service for that order (over every row, not only the loaded pages)
        self.table.horizontalHeader().setSortIndicator(3, Qt.SortOrder.DescendingOrder)
        self.table.setSortingEnabled(True)
        self.model.sort_requested = self._sort
        split.addWidget(self.table)
        split.addWidget(self._detail_pane(split))
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        outer.addWidget(split, 1)

        self.message = QLabel(w)
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        outer.addWidget(self.message)

    def _columns(self) -> list[Column[ShiftRow]]:
        def vcolour(row: ShiftRow) -> str | None:
            return variance_colours(row.variance_fen)[1]

        return [
            Column(QCoreApplication.translate("ShiftReview", "Store"), lambda r: r.store_code),
            Column(
                QCoreApplication.translate("ShiftReview", "Terminal"),
                lambda r: r.terminal_number,
                CENTER,
            ),
            Column(QCoreApplication.translate("ShiftReview", "Cashier"), lambda r: r.cashier_name),
            Column(
                QCoreApplication.translate("ShiftReview", "Business day"),
                lambda r: r.business_date.isoformat(),
            ),
            Column(
                QCoreApplication.translate("ShiftReview", "Opened at"),
                lambda r: _local(r.opened_at, r.store_timezone),
            ),
            Column(
                QCoreApplication.translate("ShiftReview", "Closed at"),
                lambda r: _local(r.closed_at, r.store_timezone),
            ),
            Column(
                QCoreApplication.translate("ShiftReview", "Sales"), lambda r: r.sales_count, RIGHT
            ),
            Column(
                QCoreApplication.translate("ShiftReview", "Net"),
                lambda r: r.net_fen,
                RIGHT,
                fmt_fen,
            ),
            Column(
                QCoreApplication.translate("ShiftReview", "Expected cash"),
                lambda r: r.expected_cash_fen,
                RIGHT,
                fmt_fen,
            ),
            Column(
                QCoreApplication.translate("ShiftReview", "Counted cash"),
                lambda r: r.counted_cash_fen,
                RIGHT,
                fmt_fen,
            ),
            Column(
                QCoreApplication.translate("ShiftReview", "Variance"),
                lambda r: r.variance_fen,
                RIGHT,
                fmt_fen,
                color=vcolour,
            ),
            Column(
                QCoreApplication.translate("ShiftReview", "Review"),
                lambda r: review_status_name(r.review_status),
                CENTER,
                tooltip=lambda r: r.review_comment or "",
            ),
        ]

    def _detail_pane(self, parent: QWidget) -> QWidget:
        pane = QFrame(parent)
        pane.setObjectName("detailPane")
        row = QHBoxLayout(pane)
        row.setContentsMargins(0, 6, 0, 0)
        row.setSpacing(8)

        box = QGroupBox(QCoreApplication.translate("ShiftReview", "Shift"), pane)
        grid = QGridLayout(box)
        grid.setVerticalSpacing(4)
        self.figures: dict[str, QLabel] = {}
        names = [
            ("cashier", QCoreApplication.translate("ShiftReview", "Cashier")),
            ("hours", QCoreApplication.translate("ShiftReview", "Hours")),
            ("float", QCoreApplication.translate("ShiftReview", "Opening float")),
            ("expected", QCoreApplication.translate("ShiftReview", "Expected cash")),
            ("counted", QCoreApplication.translate("ShiftReview", "Counted cash")),
            ("variance", QCoreApplication.translate("ShiftReview", "Variance")),
            ("review", QCoreApplication.translate("ShiftReview", "Review")),
        ]
        for i, (key, text) in enumerate(names):
            grid.addWidget(QLabel(text, box), i, 0)
            value = QLabel(box)
            value.setObjectName(f"figure_{key}")
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            grid.addWidget(value, i, 1)
            self.figures[key] = value
        self.methods_model: RowTableModel[tuple[str, int]] = RowTableModel(
            [
                Column(
                    QCoreApplication.translate("ShiftReview", "Payment method"),
                    lambda r: method_name(r[0]),
                ),
                Column(
                    QCoreApplication.translate("ShiftReview", "Amount"),
                    lambda r: r[1],
                    RIGHT,
                    fmt_fen,
                ),
            ],
            self,
        )
        methods = table_view("methodsTable", box)
        methods.setModel(self.methods_model)
        grid.addWidget(methods, len(names), 0, 1, 2)
        row.addWidget(box, 3)

        sales_box = QGroupBox(QCoreApplication.translate("ShiftReview", "Sales and refunds"), pane)
        sales_layout = QVBoxLayout(sales_box)
        self.sales_model: RowTableModel[SaleItem | RefundItem] = RowTableModel(
            [
                Column(
                    QCoreApplication.translate("ShiftReview", "Receipt"),
                    lambda r: r.receipt_no if isinstance(r, SaleItem) else r.refund_no,
                ),
                Column(
                    QCoreApplication.translate("ShiftReview", "Time"),
                    lambda r: self._time(
                        r.completed_at if isinstance(r, SaleItem) else r.created_at
                    ),
                ),
                Column(
                    QCoreApplication.translate("ShiftReview", "Total"),
                    lambda r: r.total_fen if isinstance(r, SaleItem) else -r.total_fen,
                    RIGHT,
                    fmt_fen,
                    color=lambda r: None if isinstance(r, SaleItem) else "#c62828",
                ),
            ],
            self,
        )
        self.sales_table = table_view("salesTable", sales_box)
        self.sales_table.setModel(self.sales_model)
        sales_layout.addWidget(self.sales_table)
        row.addWidget(sales_box, 3)

        moves_box = QGroupBox(QCoreApplication.translate("ShiftReview", "Cash in / out"), pane)
        moves_layout = QVBoxLayout(moves_box)
        self.moves_model: RowTableModel[CashMoveItem] = RowTableModel(
            [
                Column(
                    QCoreApplication.translate("ShiftReview", "Time"), lambda r: self._time(r.at)
                ),
                Column(
                    QCoreApplication.translate("ShiftReview", "Direction"),
                    lambda r: (
                        QCoreApplication.translate("ShiftReview", "Cash in")
                        if r.direction == "in"
                        else QCoreApplication.translate("ShiftReview", "Cash out")
                    ),
                ),
                Column(
                    QCoreApplication.translate("ShiftReview", "Amount"),
                    lambda r: r.amount_fen,
                    RIGHT,
                    fmt_fen,
                ),
                Column(QCoreApplication.translate("ShiftReview", "Reason"), lambda r: r.reason),
            ],
            self,
        )
        moves = table_view("movesTable", moves_box)
        moves.setModel(self.moves_model)
        moves_layout.addWidget(moves)
        row.addWidget(moves_box, 3)

        review_box = QGroupBox(QCoreApplication.translate("ShiftReview", "Review"), pane)
        review_layout = QVBoxLayout(review_box)
        self.comment = QLineEdit(review_box)
        self.comment.setObjectName("reviewComment")
        self.comment.setMaxLength(MAX_COMMENT)
        self.comment.setPlaceholderText(
            QCoreApplication.translate("ShiftReview", "Comment (required to flag)")
        )
        review_layout.addWidget(self.comment)
        self.approve = QPushButton(QCoreApplication.translate("ShiftReview", "Approve"), review_box)
        self.approve.setObjectName("approveButton")
        self.flag = QPushButton(QCoreApplication.translate("ShiftReview", "Flag"), review_box)
        self.flag.setObjectName("flagButton")
        review_layout.addWidget(self.approve)
        review_layout.addWidget(self.flag)
        review_layout.addStretch(1)
        self.slip = QPushButton(
            QCoreApplication.translate("ShiftReview", "Handover slip (PDF)"), review_box
        )
        self.slip.setObjectName("slipButton")
        self.slip.setEnabled(False)
        review_layout.addWidget(self.slip)
        row.addWidget(review_box, 2)
        self._enable_review(False)
        return pane

    def _time(self, at: datetime) -> str:
        tz = self.detail.shift.store_timezone if self.detail else "Asia/Shanghai"
        return _local(at, tz, "%H:%M:%S")

    # -- behaviour -----------------------------------------------------------------------------
    def _wire(self) -> None:
        self.search.clicked.connect(self.apply_filters)
        self.cashier.returnPressed.connect(self.apply_filters)
        self.store.activated.connect(lambda _i: self.apply_filters())
        self.review_filter.activated.connect(lambda _i: self.apply_filters())
        header = self.table.horizontalHeader()
        header.sortIndicatorChanged.connect(self._sort_indicator_moved)
        self.by_date.toggled.connect(self._dates_toggled)
        self.export_csv.clicked.connect(lambda: self.export(".csv"))
        self.export_xlsx.clicked.connect(lambda: self.export(".xlsx"))
        self.model.loaded.connect(self._loaded)
        self.model.failed.connect(self._failed)
        self.table.selectionModel().currentRowChanged.connect(
            lambda cur, _prev: self._selected(cur.row())
        )
        self.approve.clicked.connect(lambda: self.review("approved"))
        self.flag.clicked.connect(lambda: self.review("flagged"))
        self.slip.clicked.connect(self.save_slip)

    def _failed(self, exc: BaseException) -> None:
        show_error(self.message, exc)

    def start(self) -> None:
        """Load the stores for the filter, then the first page of shifts."""
        self.runner.run(
            lambda: self.backend.stores(self.actor),
            on_done=self._stores_loaded,
            on_error=self._failed,
            owner=self.widget,
            label="stores",
        )

    def _stores_loaded(self, stores: list[StoreChoice]) -> None:
        self.store.clear()
        if len(stores) != 1:
            self.store.addItem(QCoreApplication.translate("ShiftReview", "All stores"), None)
        for s in stores:
            self.store.addItem(f"{s.code} {s.name}", s.code)
        self.apply_filters()

    def _dates_toggled(self, on: bool) -> None:
        self.date_from.setEnabled(on)
        self.date_to.setEnabled(on)

    def _filters(self) -> ShiftQuery:
        def day(edit: QDateEdit) -> date | None:
            return edit.date().toPython() if self.by_date.isChecked() else None

        return ShiftQuery(
            store_code=self.store.currentData(),
            date_from=day(self.date_from),
            date_to=day(self.date_to),
            cashier=self.cashier.text().strip() or None,
            review_status=self.review_filter.currentData(),
            sort=self.query.sort,
            descending=self.query.descending,
        )

    def apply_filters(self) -> None:
        self.query = self._filters()
        self._reload()

    def _sort_indicator_moved(self, column: int, _order: Qt.SortOrder) -> None:
        """A click on a column the service cannot sort by puts the indicator back."""
        if self.model.sort_key(column) is None:
            header = self.table.horizontalHeader()
            current = self.model.sort_column(self.query.sort)
            order = (
                Qt.SortOrder.DescendingOrder
                if self.query.descending
                else Qt.SortOrder.AscendingOrder
            )
            header.blockSignals(True)
            header.setSortIndicator(current, order)
            header.blockSignals(False)

    def _sort(self, key: str, descending: bool) -> None:
        self.query = self.query.with_sort(key, descending)
        self._reload()

    def _reload(self) -> None:
        set_message(self.message, "", "info")
        self.summary.setText(QCoreApplication.translate("ShiftReview", "Loading…"))
        self._show_detail(None)
        query, actor, backend = self.query, self.actor, self.backend
        self.model.reload(lambda offset, limit: backend.shift_page(actor, query, offset, limit))

    def _loaded(self, total: int) -> None:
        self.summary.setText(
            QCoreApplication.translate("ShiftReview", "{count} shifts").format(count=total)
        )

    def _selected(self, row: int) -> None:
        shift = self.model.row_at(row)
        if shift is None:
            self._show_detail(None)
            return
        actor, backend, shift_id = self.actor, self.backend, shift.shift_id
        self.runner.run(
            lambda: backend.shift_detail(actor, shift_id),
            lane="detail",
            on_done=self._detail_arrived,
            on_error=self._failed,
            owner=self.widget,
            label="shift detail",
        )

    def _detail_arrived(self, detail: ShiftDetail) -> None:
        current = self.model.row_at(self.table.currentIndex().row())
        if current is None or current.shift_id != detail.shift.shift_id:
            return  # the selection moved on meanwhile
        self._show_detail(detail)

    def _show_detail(self, detail: ShiftDetail | None) -> None:
        self.detail = detail
        if detail is None:
            for value in self.figures.values():
                value.setText("")
            self.methods_model.set_rows([])
            self.sales_model.set_rows([])
            self.moves_model.set_rows([])
            self.comment.clear()
            self._enable_review(False)
            return
        s = detail.shift
        self.figures["cashier"].setText(f"{s.cashier_name} ({s.cashier_account})")
        self.figures["hours"].setText(
            f"{_local(s.opened_at, s.store_timezone)} – {_local(s.closed_at, s.store_timezone)}"
            f"  {shift_status_name(s.status)}"
        )
        self.figures["float"].setText(fmt_fen(s.opening_float_fen))
        self.figures["expected"].setText(fmt_fen(s.expected_cash_fen))
        self.figures["counted"].setText(fmt_fen(s.counted_cash_fen))
        variance = self.figures["variance"]
        variance.setText(fmt_fen(s.variance_fen))
        colour = variance_colours(s.variance_fen)[1]
        variance.setStyleSheet(f"color: {colour}; font-weight: 600;" if colour else "")
        review = review_status_name(s.review_status)
        if s.reviewed_by_name:
            review += f" · {s.reviewed_by_name}"
        if s.review_comment:
            review += f" · {s.review_comment}"
        self.figures["review"].setText(review)
        self.methods_model.set_rows(list(detail.by_method.items()))
        self.sales_model.set_rows([*detail.sales, *detail.refunds])
        self.moves_model.set_rows(detail.cash_moves)
        self.comment.setText(s.review_comment or "")
        self._enable_review(s.status == "closed")

    def _enable_review(self, on: bool) -> None:
        for w in (self.comment, self.approve, self.flag, self.slip):
            w.setEnabled(on)

    # -- handover slip --------------------------------------------------------------------------
    def save_slip(self) -> None:
        """The selected shift's handover slip as a PDF (print it from the PDF viewer)."""
        if self.detail is None:
            return
        s = self.detail.shift
        stem = f"handover-{s.store_code}-{s.terminal_number}-{s.business_date.isoformat()}"
        path = ask_path(self.ask_save_path, stem, ".pdf")
        if path is None:
            return
        actor, backend, shift_id = self.actor, self.backend, s.shift_id
        language = QLocale().name() if QLocale().language() != QLocale.Language.English else "en"
        self.runner.run(
            lambda: backend.save_handover_slip(actor, shift_id, path, language),
            kind="device",
            on_done=lambda saved: set_message(
                self.message,
                QCoreApplication.translate("ShiftReview", "Handover slip saved to {path}").format(
                    path=str(saved)
                ),
                "info",
            ),
            on_error=self._failed,
            owner=self.widget,
            label="handover slip",
        )

    def review(self, decision: str) -> None:
        if self.detail is None:
            return
        actor, backend = self.actor, self.backend
        shift_id, comment = self.detail.shift.shift_id, self.comment.text()
        self._enable_review(False)
        self.runner.run(
            lambda: backend.review(actor, shift_id, decision, comment),
            kind="write",
            on_done=self._reviewed,
            on_error=self._review_refused,
            owner=self.widget,
            label="review shift",
        )

    def _reviewed(self, row: ShiftRow) -> None:
        self.model.replace_row(lambda r: r.shift_id == row.shift_id, row)
        if self.detail is not None and self.detail.shift.shift_id == row.shift_id:
            self.detail = ShiftDetail(
                row,
                self.detail.sales,
                self.detail.refunds,
                self.detail.by_method,
                self.detail.cash_moves,
            )
            self._show_detail(self.detail)
        text = (
            QCoreApplication.translate("ShiftReview", "Shift approved")
            if row.review_status == "approved"
            else QCoreApplication.translate("ShiftReview", "Shift flagged")
        )
        set_message(self.message, text, "info")

    def _review_refused(self, exc: BaseException) -> None:
        self._failed(exc)
        self._enable_review(self.detail is not None and self.detail.shift.status == "closed")
        self.comment.setFocus()

    # -- export --------------------------------------------------------------------------------
    def export(self, suffix: str) -> None:
        stem = f"shifts-{business_date(self.clock.now(), CHINA_TZ).isoformat()}"
        path = ask_path(self.ask_save_path, stem, suffix)
        if path is None:
            return
        columns = self._columns()
        headers = [c.header for c in columns]
        money = {7, 8, 9, 10}

        def cells(row: ShiftRow) -> list:
            out: list = []
            for i, col in enumerate(columns):
                if i in money:
                    out.append(_yuan(col.value(row)))
                else:
                    value = col.value(row)
                    out.append("" if value is None else value)
            return out

        actor, backend, query = self.actor, self.backend, self.query
        run_export(
            self.runner,
            message=self.message,
            owner=self.widget,
            path=path,
            job=lambda: backend.export_shifts(actor, query, path, headers, cells),
            label="export shifts",
        )
