"""Table models, display names and refusal texts of the stock areas (库存查询, 出入库单, 库存预警).

The models are ``PagedTableModel``s (``backoffice.models``) over the read queries' DTO rows
(``shared.db.queries.inventory``) or plain ``RowTableModel``s over short lists (a voucher's lines,
the low-stock list). The functions here turn stored values (kinds, states, thousandths, fen) into
the text a manager reads, through Qt's translation; they never query anything.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication, QObject

from backoffice.messages import describe as describe_backoffice
from backoffice.models import PagedTableModel
from shared.db.queries.inventory import MovementRow, StockRow, VoucherLineRow, VoucherRow
from shared.domain.clock import local_time
from shared.domain.errors import DomainError
from shared.qt.money import fmt_fen, fmt_quantity
from shared.qt.operations import OperationRunner
from shared.qt.table_model import CENTER, RIGHT, Column, RowTableModel
from shared.services.inventory import IN_TYPES, OUT_TYPES, LowStockRow

#: the zone stock times are shown in
CHINA_TZ = "Asia/Shanghai"
NEGATIVE_TEXT = "#c62828"
NEGATIVE_BACKGROUND = "#ffebee"
LOW_TEXT = "#e65100"
LOW_BACKGROUND = "#fff3e0"
IN_TEXT = "#2e7d32"
GONE_TEXT = "#9e9e9e"

#: the sort key of each stock-list column (None: not sortable)
STOCK_SORT_KEYS = [
    "code",
    "name",
    "category",
    None,
    "on_hand",
    "locked",
    "available",
    "avg_cost",
    "value",
    "safety",
    "lower",
    "upper",
]
#: the sort key of each voucher-list column
VOUCHER_SORT_KEYS = [
    "no",
    "warehouse",
    "direction",
    "type",
    "status",
    None,
    None,
    None,
    "created_at",
    None,
    "posted_at",
    None,
]
VOUCHER_CREATED_COLUMN = 8
#: the column that takes the room left over in a table (the item's name)
NAME_COLUMN = 1
LINE_NAME_COLUMN = 2
#: the voucher-line columns that show costs (hidden for outbound vouchers: they go out at the
#: moving average, not at a typed cost)
LINE_COST_COLUMNS = (5, 6)


def qty(milli: int | None) -> str:
    """Thousandths as a manager reads them: ``12000`` → ``12``, ``1500`` → ``1.500``."""
    return "" if milli is None else fmt_quantity(milli)


def signed_qty(milli: int) -> str:
    return ("+" if milli > 0 else "") + qty(milli)


def local(at: datetime | None, fmt: str = "%Y-%m-%d %H:%M") -> str:
    return local_time(at, CHINA_TZ).strftime(fmt) if at is not None else ""


# -- names -----------------------------------------------------------------------------------------


def direction_name(direction: str) -> str:
    return {
        "in": QCoreApplication.translate("Stock", "Inbound"),
        "out": QCoreApplication.translate("Stock", "Outbound"),
    }.get(direction, direction)


def kind_name(kind: str) -> str:
    """A movement kind or voucher type (入库单 / 出库单 types are movement kinds)."""
    return {
        "purchase": QCoreApplication.translate("Stock", "Purchase"),
        "return_in": QCoreApplication.translate("Stock", "Customer return"),
        "other_in": QCoreApplication.translate("Stock", "Other inbound"),
        "gain": QCoreApplication.translate("Stock", "Stocktake gain"),
        "opening": QCoreApplication.translate("Stock", "Opening stock"),
        "transfer_in": QCoreApplication.translate("Stock", "Transfer in"),
        "refund": QCoreApplication.translate("Stock", "Refund"),
        "sale": QCoreApplication.translate("Stock", "Sale"),
        "card_key": QCoreApplication.translate("Stock", "Card key sale"),
        "transfer_out": QCoreApplication.translate("Stock", "Transfer out"),
        "loss": QCoreApplication.translate("Stock", "Damage / loss"),
        "expired": QCoreApplication.translate("Stock", "Expired"),
        "return_out": QCoreApplication.translate("Stock", "Return to supplier"),
        "other_out": QCoreApplication.translate("Stock", "Other outbound"),
    }.get(kind, kind)


def doc_type_name(doc_type: str) -> str:
    return {
        "voucher": QCoreApplication.translate("Stock", "Voucher"),
        "sale": QCoreApplication.translate("Stock", "Sale"),
        "refund": QCoreApplication.translate("Stock", "Refund"),
        "stocktake": QCoreApplication.translate("Stock", "Stocktake"),
        "transfer": QCoreApplication.translate("Stock", "Transfer"),
        "opening": QCoreApplication.translate("Stock", "Opening"),
    }.get(doc_type, doc_type)


def status_name(status: str) -> str:
    return {
        "draft": QCoreApplication.translate("Stock", "Draft"),
        "posted": QCoreApplication.translate("Stock", "Posted"),
        "cancelled": QCoreApplication.translate("Stock", "Cancelled"),
    }.get(status, status)


def types_of(direction: str | None) -> tuple[str, ...]:
    if direction == "in":
        return IN_TYPES
    if direction == "out":
        return OUT_TYPES
    return IN_TYPES + OUT_TYPES


def document_text(row: MovementRow) -> str:
    return f"{doc_type_name(row.doc_type)} {row.doc_no or ''}".strip()


# -- refusals --------------------------------------------------------------------------------------


def describe(exc: BaseException) -> str:
    """A refusal of the inventory services in the interface language, with the voucher line it
    is about when it names one (the rest: the back office's and the counter's wording)."""
    if not isinstance(exc, DomainError):
        return describe_backoffice(exc)
    d = exc.details

    def get(key: str) -> str:
        return str(d.get(key, ""))

    texts = {
        "unknown_warehouse": lambda: QCoreApplication.translate(
            "StockMessages", "No such warehouse or store"
        ),
        "warehouse_not_allowed": lambda: QCoreApplication.translate(
            "StockMessages", "You may not work on warehouse {warehouse}"
        ).format(warehouse=get("warehouse")),
        "direction": lambda: QCoreApplication.translate(
            "StockMessages", "Choose inbound or outbound"
        ),
        "voucher_type": lambda: QCoreApplication.translate(
            "StockMessages", "Choose the voucher type"
        ),
        "voucher_empty": lambda: QCoreApplication.translate(
            "StockMessages", "Add at least one line"
        ),
        "entry_pending": lambda: QCoreApplication.translate(
            "StockMessages", "Add the line being entered, or clear its code, before saving"
        ),
        "voucher_too_long": lambda: QCoreApplication.translate(
            "StockMessages", "A voucher holds at most 1000 lines"
        ),
        "text_too_long": lambda: QCoreApplication.translate(
            "StockMessages", "The text is too long"
        ),
        "unknown_sku": lambda: QCoreApplication.translate(
            "StockMessages", "No SKU, product or barcode {code}"
        ).format(code=get("value")),
        "ambiguous_product": lambda: QCoreApplication.translate(
            "StockMessages", "Product {code} has several SKUs: scan or type the SKU code"
        ).format(code=get("value")),
        "quantity_not_positive": lambda: QCoreApplication.translate(
            "StockMessages", "The quantity must be above zero"
        ),
        "quantity_absurd": lambda: QCoreApplication.translate(
            "StockMessages", "That quantity is implausibly large"
        ),
        "quantity_fractional": lambda: QCoreApplication.translate(
            "StockMessages", "This item is counted in whole units"
        ),
        "quantity_format": lambda: QCoreApplication.translate(
            "StockMessages", "Enter a quantity, e.g. 12 (or 1.250 for goods sold by weight)"
        ),
        "unit_cost": lambda: QCoreApplication.translate(
            "StockMessages", "The unit cost must be zero or more"
        ),
        "unit_cost_required": lambda: QCoreApplication.translate(
            "StockMessages", "Enter the unit cost in yuan (0 is allowed)"
        ),
        "serials_missing": lambda: QCoreApplication.translate(
            "StockMessages", "Serial-tracked goods need one serial number per unit"
        ),
        "serial_duplicate": lambda: QCoreApplication.translate(
            "StockMessages", "A serial number is given twice"
        ),
        "serials_unexpected": lambda: QCoreApplication.translate(
            "StockMessages", "This item is not serial-tracked: leave the serial numbers empty"
        ),
        "serial_in_stock": lambda: QCoreApplication.translate(
            "StockMessages", "Serial number {serial} is already in stock"
        ).format(serial=get("value")),
        "serial_not_in_stock": lambda: QCoreApplication.translate(
            "StockMessages", "Serial number {serial} is not in stock in this warehouse"
        ).format(serial=get("value")),
        "serial_empty": lambda: QCoreApplication.translate(
            "StockMessages", "A serial number is empty"
        ),
        "serial_too_long": lambda: QCoreApplication.translate(
            "StockMessages", "A serial number is too long (at most 64 characters)"
        ),
        "voucher_posted": lambda: QCoreApplication.translate(
            "StockMessages", "Voucher {no} is already posted"
        ).format(no=get("no")),
        "voucher_cancelled": lambda: QCoreApplication.translate(
            "StockMessages", "Voucher {no} is cancelled"
        ).format(no=get("no")),
        "voucher_not_draft": lambda: QCoreApplication.translate(
            "StockMessages", "Only a draft voucher can be cancelled"
        ),
        "unknown_voucher": lambda: QCoreApplication.translate(
            "StockMessages", "This voucher no longer exists"
        ),
        "stock_short": lambda: QCoreApplication.translate(
            "StockMessages",
            "Not enough stock for this voucher, and this warehouse does not allow negative stock",
        ),
        "limit_negative": lambda: QCoreApplication.translate(
            "StockMessages", "Limits are zero or more"
        ),
        "limit_order": lambda: QCoreApplication.translate(
            "StockMessages",
            "The upper limit must be at least the lower limit and the safety stock",
        ),
        "date_range": lambda: QCoreApplication.translate(
            "StockMessages", "The date range ends before it starts"
        ),
    }.get(exc.code)
    text = texts() if texts is not None else describe_backoffice(exc)
    line = d.get("line")
    if line is not None:
        return QCoreApplication.translate("StockMessages", "Line {line}: {message}").format(
            line=line, message=text
        )
    return text


# -- the stock list --------------------------------------------------------------------------------


def _negative(milli: int | None) -> str | None:
    return NEGATIVE_TEXT if milli is not None and milli < 0 else None


def stock_background(row: StockRow, _column: int) -> str | None:
    """Negative stock red, at or below the lower limit amber."""
    if row.negative:
        return NEGATIVE_BACKGROUND
    return LOW_BACKGROUND if row.low else None


def stock_columns() -> list[Column[StockRow]]:
    def low_colour(r: StockRow) -> str | None:
        return _negative(r.available_milli) or (LOW_TEXT if r.low else None)

    return [
        Column(QCoreApplication.translate("Stock", "SKU code"), lambda r: r.sku_code),
        Column(QCoreApplication.translate("Stock", "Name"), lambda r: r.name),
        Column(QCoreApplication.translate("Stock", "Category"), lambda r: r.category),
        Column(QCoreApplication.translate("Stock", "Unit"), lambda r: r.unit, CENTER),
        Column(
            QCoreApplication.translate("Stock", "On hand"),
            lambda r: qty(r.on_hand_milli),
            RIGHT,
            color=lambda r: _negative(r.on_hand_milli),
        ),
        Column(QCoreApplication.translate("Stock", "Locked"), lambda r: qty(r.locked_milli), RIGHT),
        Column(
            QCoreApplication.translate("Stock", "Available"),
            lambda r: qty(r.available_milli),
            RIGHT,
            color=low_colour,
        ),
        Column(
            QCoreApplication.translate("Stock", "Avg cost"),
            lambda r: r.avg_cost_fen,
            RIGHT,
            fmt_fen,
        ),
        Column(
            QCoreApplication.translate("Stock", "Value"),
            lambda r: r.value_fen,
            RIGHT,
            fmt_fen,
            color=lambda r: _negative(r.value_fen),
        ),
        Column(
            QCoreApplication.translate("Stock", "Safety"),
            lambda r: qty(r.safety_milli),
            RIGHT,
        ),
        Column(QCoreApplication.translate("Stock", "Lower"), lambda r: qty(r.lower_milli), RIGHT),
        Column(QCoreApplication.translate("Stock", "Upper"), lambda r: qty(r.upper_milli), RIGHT),
    ]


def stock_model(runner: OperationRunner, *, page_size: int, parent: QObject) -> PagedTableModel:
    return PagedTableModel(
        stock_columns(),
        runner,
        page_size=page_size,
        sort_keys=STOCK_SORT_KEYS,
        background=stock_background,
        parent=parent,
    )


def movement_columns() -> list[Column[MovementRow]]:
    return [
        Column(
            QCoreApplication.translate("Stock", "Time"),
            lambda r: local(r.at, "%Y-%m-%d %H:%M:%S"),
        ),
        Column(QCoreApplication.translate("Stock", "Kind"), lambda r: kind_name(r.kind)),
        Column(QCoreApplication.translate("Stock", "Document"), document_text),
        Column(
            QCoreApplication.translate("Stock", "Quantity"),
            lambda r: signed_qty(r.qty_milli),
            RIGHT,
            color=lambda r: IN_TEXT if r.qty_milli > 0 else NEGATIVE_TEXT,
        ),
        Column(
            QCoreApplication.translate("Stock", "Unit cost"),
            lambda r: r.unit_cost_fen,
            RIGHT,
            fmt_fen,
        ),
        Column(
            QCoreApplication.translate("Stock", "Balance"),
            lambda r: qty(r.balance_after_milli),
            RIGHT,
            color=lambda r: _negative(r.balance_after_milli),
        ),
        Column(QCoreApplication.translate("Stock", "Serial no."), lambda r: r.serial_no or ""),
        Column(QCoreApplication.translate("Stock", "By"), lambda r: r.created_by_name or ""),
    ]


def movement_model(runner: OperationRunner, *, page_size: int, parent: QObject) -> PagedTableModel:
    return PagedTableModel(movement_columns(), runner, page_size=page_size, parent=parent)


# -- vouchers --------------------------------------------------------------------------------------


def _status_colour(row: VoucherRow) -> str | None:
    if row.status == "posted":
        return IN_TEXT
    return GONE_TEXT if row.status == "cancelled" else None


def voucher_columns() -> list[Column[VoucherRow]]:
    return [
        Column(QCoreApplication.translate("Stock", "Voucher no."), lambda r: r.no),
        Column(
            QCoreApplication.translate("Stock", "Warehouse"),
            lambda r: f"{r.warehouse_code} {r.warehouse_name}",
        ),
        Column(
            QCoreApplication.translate("Stock", "Direction"),
            lambda r: direction_name(r.direction),
            CENTER,
        ),
        Column(QCoreApplication.translate("Stock", "Type"), lambda r: kind_name(r.type)),
        Column(
            QCoreApplication.translate("Stock", "Status"),
            lambda r: status_name(r.status),
            CENTER,
            color=_status_colour,
        ),
        Column(QCoreApplication.translate("Stock", "Lines"), lambda r: r.lines, RIGHT),
        Column(QCoreApplication.translate("Stock", "Quantity"), lambda r: qty(r.qty_milli), RIGHT),
        Column(
            QCoreApplication.translate("Stock", "Cost"),
            lambda r: r.cost_fen if r.direction == "in" else None,
            RIGHT,
            fmt_fen,
        ),
        Column(QCoreApplication.translate("Stock", "Created at"), lambda r: local(r.created_at)),
        Column(
            QCoreApplication.translate("Stock", "Created by"), lambda r: r.created_by_name or ""
        ),
        Column(QCoreApplication.translate("Stock", "Posted at"), lambda r: local(r.posted_at)),
        Column(QCoreApplication.translate("Stock", "Note"), lambda r: r.note),
    ]


def voucher_model(runner: OperationRunner, *, page_size: int, parent: QObject) -> PagedTableModel:
    return PagedTableModel(
        voucher_columns(),
        runner,
        page_size=page_size,
        sort_keys=VOUCHER_SORT_KEYS,
        background=lambda row, _col: "#eceff1" if row.status == "cancelled" else None,
        parent=parent,
    )


def line_columns() -> list[Column[VoucherLineRow]]:
    return [
        Column(QCoreApplication.translate("Stock", "#"), lambda r: r.line_no, RIGHT),
        Column(QCoreApplication.translate("Stock", "SKU code"), lambda r: r.sku_code),
        Column(QCoreApplication.translate("Stock", "Name"), lambda r: r.name),
        Column(QCoreApplication.translate("Stock", "Unit"), lambda r: r.unit, CENTER),
        Column(QCoreApplication.translate("Stock", "Quantity"), lambda r: qty(r.qty_milli), RIGHT),
        Column(
            QCoreApplication.translate("Stock", "Unit cost"),
            lambda r: r.unit_cost_fen,
            RIGHT,
            fmt_fen,
        ),
        Column(
            QCoreApplication.translate("Stock", "Amount"), lambda r: r.value_fen, RIGHT, fmt_fen
        ),
        Column(
            QCoreApplication.translate("Stock", "Serial numbers"),
            lambda r: ", ".join(r.serials),
            tooltip=lambda r: "\n".join(r.serials),
        ),
    ]


def line_model(parent: QObject) -> RowTableModel:
    return RowTableModel(line_columns(), parent)


# -- low stock -------------------------------------------------------------------------------------


def low_stock_columns() -> list[Column[LowStockRow]]:
    return [
        Column(QCoreApplication.translate("Stock", "SKU code"), lambda r: r.sku_code),
        Column(QCoreApplication.translate("Stock", "Name"), lambda r: r.name),
        Column(
            QCoreApplication.translate("Stock", "On hand"),
            lambda r: qty(r.on_hand_milli),
            RIGHT,
            color=lambda r: _negative(r.on_hand_milli),
        ),
        Column(QCoreApplication.translate("Stock", "Locked"), lambda r: qty(r.locked_milli), RIGHT),
        Column(
            QCoreApplication.translate("Stock", "Available"),
            lambda r: qty(r.available_milli),
            RIGHT,
            color=lambda r: _negative(r.available_milli) or LOW_TEXT,
        ),
        Column(
            QCoreApplication.translate("Stock", "Safety stock"),
            lambda r: qty(r.safety_milli),
            RIGHT,
        ),
        Column(
            QCoreApplication.translate("Stock", "Lower limit"), lambda r: qty(r.lower_milli), RIGHT
        ),
        Column(
            QCoreApplication.translate("Stock", "Upper limit"), lambda r: qty(r.upper_milli), RIGHT
        ),
        Column(
            QCoreApplication.translate("Stock", "Suggested order"),
            lambda r: qty(r.suggest_milli),
            RIGHT,
            color=lambda r: IN_TEXT if r.suggest_milli else None,
        ),
    ]


def low_stock_model(parent: QObject) -> RowTableModel:
    return RowTableModel(
        low_stock_columns(),
        parent,
    )
