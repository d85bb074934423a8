"""Table models, display names, scan parsing and refusal texts of the stocktake (盘点) and
transfer (调拨) areas.

The models are ``RowTableModel``s over the services' DTO rows (``services.stocktake``,
``services.transfers``); a difference is green when it is a gain (or more arrived than was
sent) and red when it is a loss (or less arrived). The functions here turn stored values
(statuses, thousandths, fen, times) into the text a manager reads, through Qt's translation;
they never query anything.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from backoffice.stock_models import describe as describe_stock
from shared.db.queries.inventory import StockRow
from shared.domain.clock import local_time
from shared.domain.errors import DomainError, ValidationError
from shared.qt.money import fmt_fen, fmt_quantity, parse_quantity
from shared.qt.table_model import CENTER, RIGHT, Column, RowTableModel
from shared.services.stocktake import LineView, StocktakeSummary, UncountedView
from shared.services.transfers import TransferLineView, TransferSummary

#: the zone stock times are shown in
CHINA_TZ = "Asia/Shanghai"
GAIN_TEXT = "#2e7d32"
GAIN_BACKGROUND = "#e8f5e9"
LOSS_TEXT = "#c62828"
LOSS_BACKGROUND = "#ffebee"
GONE_TEXT = "#9e9e9e"
GONE_BACKGROUND = "#eceff1"
OPEN_TEXT = "#1565c0"
#: the column of each table that takes the room left over (the item's name)
LINE_NAME_COLUMN = 1
UNCOUNTED_NAME_COLUMN = 1
TRANSFER_LINE_NAME_COLUMN = 2
DRAFT_NAME_COLUMN = 2
#: the difference column of the counted lines and of a transfer's lines
LINE_DIFFERENCE_COLUMN = 5
TRANSFER_DIFFERENCE_COLUMN = 6

_Index = QModelIndex | QPersistentModelIndex

# a scan: "code", or "quantity*code" (3*P000006, 0.5×P000001)
_SCAN = re.compile(r"^\s*([0-9]+(?:\.[0-9]+)?)\s*[*×]\s*(\S+)\s*$")


# -- quantities and times --------------------------------------------------------------------------


def qty(milli: int | None, unit: str = "") -> str:
    """Thousandths as a manager reads them: ``12000`` → ``12``, a kilogram figure ``523`` →
    ``0.523``."""
    if milli is None:
        return ""
    return fmt_quantity(milli, weighed=unit == "kg")


def signed_qty(milli: int | None, unit: str = "") -> str:
    if milli is None:
        return ""
    return ("+" if milli > 0 else "") + qty(milli, unit)


def signed_fen(fen: int | None) -> str:
    if fen is None:
        return ""
    return ("+" if fen > 0 else "") + fmt_fen(fen)


def local(at: datetime | None, fmt: str = "%Y-%m-%d %H:%M") -> str:
    return local_time(at, CHINA_TZ).strftime(fmt) if at is not None else ""


def number(milli: int | None) -> Decimal | None:
    """Thousandths as a number for a spreadsheet cell (``12000`` → 12, ``1500`` → 1.5)."""
    if milli is None:
        return None
    value = Decimal(milli) / 1000
    return value.quantize(Decimal(1)) if milli % 1000 == 0 else value.normalize()


def yuan(fen: int) -> Decimal:
    return (Decimal(fen) / 100).quantize(Decimal("0.01"))


def difference_colour(milli: int | None) -> str | None:
    if not milli:
        return None
    return GAIN_TEXT if milli > 0 else LOSS_TEXT


def difference_background(milli: int | None) -> str | None:
    if not milli:
        return None
    return GAIN_BACKGROUND if milli > 0 else LOSS_BACKGROUND


@dataclass(frozen=True)
class Scan:
    """What the scan field read: a code and the quantity it adds (None: the quantity field's)."""

    code: str
    qty_milli: int | None = None


def parse_scan(text: str) -> Scan:
    """``P000006`` → one of it (the quantity field says how many); ``3*P000006`` → three.
    ``ValidationError`` when the text is empty or its quantity is not one."""
    text = (text or "").strip()
    if not text:
        raise ValidationError("scan or type a code", code="code_empty")
    m = _SCAN.match(text)
    if m is None:
        return Scan(text)
    milli = parse_quantity(m.group(1), weighed=True)
    if milli <= 0:
        raise ValidationError("a quantity above zero", code="quantity_not_positive")
    return Scan(m.group(2), milli)


# -- names -----------------------------------------------------------------------------------------


def stocktake_status_name(status: str) -> str:
    return {
        "open": QCoreApplication.translate("StockOpsStatus", "Counting"),
        "approved": QCoreApplication.translate("StockOpsStatus", "Approved"),
        "cancelled": QCoreApplication.translate("StockOpsStatus", "Cancelled"),
    }.get(status, status)


def transfer_status_name(status: str) -> str:
    return {
        "draft": QCoreApplication.translate("StockOpsStatus", "Draft"),
        "in_transit": QCoreApplication.translate("StockOpsStatus", "In transit"),
        "received": QCoreApplication.translate("StockOpsStatus", "Received"),
        "cancelled": QCoreApplication.translate("StockOpsStatus", "Cancelled"),
    }.get(status, status)


def scope_name(category: str | None) -> str:
    return category or QCoreApplication.translate("StockOps", "All goods")


def _status_colour(status: str) -> str | None:
    if status in ("open", "in_transit", "draft"):
        return OPEN_TEXT
    if status in ("approved", "received"):
        return GAIN_TEXT
    return GONE_TEXT


# -- refusals --------------------------------------------------------------------------------------


def describe(exc: BaseException) -> str:
    """A refusal of the stocktake and transfer services in the interface language (the rest: the
    stock areas', the back office's and the counter's wording)."""
    if not isinstance(exc, DomainError):
        return describe_stock(exc)
    d = exc.details

    def get(key: str) -> str:
        return str(d.get(key, ""))

    texts: dict[str, Callable[[], str]] = {
        "code_empty": lambda: QCoreApplication.translate(
            "StockOpsMessages", "Scan or type a code first"
        ),
        "stocktake_open": lambda: QCoreApplication.translate(
            "StockOpsMessages",
            "This warehouse already has a count sheet in progress ({no}): approve or cancel it "
            "first",
        ).format(no=get("no")),
        "stocktake_approved": lambda: QCoreApplication.translate(
            "StockOpsMessages", "Count sheet {no} is already approved"
        ).format(no=get("no")),
        "stocktake_cancelled": lambda: QCoreApplication.translate(
            "StockOpsMessages", "Count sheet {no} is cancelled"
        ).format(no=get("no")),
        "stocktake_not_open": lambda: QCoreApplication.translate(
            "StockOpsMessages", "Count sheet {no} is no longer open: counts go on an open sheet"
        ).format(no=get("no")),
        "stocktake_empty": lambda: QCoreApplication.translate(
            "StockOpsMessages",
            "Nothing is counted on {no}: count first, approve with uncounted = zero, or cancel "
            "the sheet",
        ).format(no=get("no")),
        "unknown_stocktake": lambda: QCoreApplication.translate(
            "StockOpsMessages", "This count sheet no longer exists"
        ),
        "unknown_category": lambda: QCoreApplication.translate(
            "StockOpsMessages", "No such category"
        ),
        "ambiguous_category": lambda: QCoreApplication.translate(
            "StockOpsMessages", "Several categories have this name"
        ),
        "sku_out_of_scope": lambda: QCoreApplication.translate(
            "StockOpsMessages", "{sku} is not in this count sheet's category"
        ).format(sku=get("sku")),
        "sku_not_countable": lambda: QCoreApplication.translate(
            "StockOpsMessages", "{sku} is not goods kept on a shelf: it is not counted"
        ).format(sku=get("sku")),
        "quantity_negative": lambda: QCoreApplication.translate(
            "StockOpsMessages", "A count is zero or more"
        ),
        "transfer_empty": lambda: QCoreApplication.translate(
            "StockOpsMessages", "Add at least one line"
        ),
        "transfer_too_long": lambda: QCoreApplication.translate(
            "StockOpsMessages", "A transfer holds at most 1000 lines"
        ),
        "same_warehouse": lambda: QCoreApplication.translate(
            "StockOpsMessages", "A transfer goes to another warehouse"
        ),
        "warehouse_inactive": lambda: QCoreApplication.translate(
            "StockOpsMessages", "Warehouse {warehouse} is not active"
        ).format(warehouse=get("warehouse")),
        "not_stocked": lambda: QCoreApplication.translate(
            "StockOpsMessages", "This item is not goods kept in a warehouse"
        ),
        "unknown_transfer": lambda: QCoreApplication.translate(
            "StockOpsMessages", "This transfer no longer exists"
        ),
        "transfer_draft": lambda: QCoreApplication.translate(
            "StockOpsMessages", "Transfer {no} has not been sent yet"
        ).format(no=get("no")),
        "transfer_in_transit": lambda: QCoreApplication.translate(
            "StockOpsMessages", "Transfer {no} is already sent (in transit)"
        ).format(no=get("no")),
        "transfer_received": lambda: QCoreApplication.translate(
            "StockOpsMessages", "Transfer {no} is already received"
        ).format(no=get("no")),
        "transfer_cancelled": lambda: QCoreApplication.translate(
            "StockOpsMessages", "Transfer {no} is cancelled"
        ).format(no=get("no")),
        "stock_short": lambda: QCoreApplication.translate(
            "StockOpsMessages",
            "Not enough stock to send this transfer, and the sending warehouse does not allow "
            "negative stock",
        ),
        "received_more_serials": lambda: QCoreApplication.translate(
            "StockOpsMessages", "More units received than were sent"
        ),
        "serial_not_sent": lambda: QCoreApplication.translate(
            "StockOpsMessages", "Serial number {serial} was not sent on this transfer"
        ).format(serial=get("value")),
        "serial_not_in_transit": lambda: QCoreApplication.translate(
            "StockOpsMessages", "Serial number {serial} is no longer in transit"
        ).format(serial=get("value")),
        "unknown_line": lambda: QCoreApplication.translate(
            "StockOpsMessages", "The transfer has no such line"
        ),
        "line_duplicate": lambda: QCoreApplication.translate(
            "StockOpsMessages", "A line is given twice"
        ),
    }
    text = texts.get(exc.code)
    if text is None:
        return describe_stock(exc)
    message = text()
    line = d.get("line")
    if line is not None:
        return QCoreApplication.translate("StockOpsMessages", "Line {line}: {message}").format(
            line=line, message=message
        )
    return message


# -- a table model with row colours ----------------------------------------------------------------


class ColouredTableModel(RowTableModel):
    """A ``RowTableModel`` whose cells may have a background (a gain green, a loss red)."""

    def __init__(
        self,
        columns: Sequence[Column],
        background: Callable[[Any, int], str | None] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(columns, parent)
        self._background = background

    def replace_row(self, match: Callable[[Any], bool], row: Any) -> int:
        """Put ``row`` in place of the first row ``match`` accepts; its index, or -1."""
        for i, old in enumerate(self._rows):
            if match(old):
                self._rows[i] = row
                self.dataChanged.emit(self.index(i, 0), self.index(i, self.columnCount() - 1))
                return i
        return -1

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.BackgroundRole and self._background is not None:
            row = self.row_at(index.row())
            if row is None:
                return None
            colour = self._background(row, index.column())
            return QBrush(QColor(colour)) if colour else None
        return super().data(index, role)


# -- count sheets ----------------------------------------------------------------------------------


def stocktake_columns() -> list[Column[StocktakeSummary]]:
    return [
        Column(QCoreApplication.translate("StockOps", "Sheet no."), lambda r: r.no),
        Column(QCoreApplication.translate("StockOps", "Warehouse"), lambda r: r.warehouse),
        Column(QCoreApplication.translate("StockOps", "Scope"), lambda r: scope_name(r.category)),
        Column(
            QCoreApplication.translate("StockOps", "Status"),
            lambda r: stocktake_status_name(r.status),
            CENTER,
            color=lambda r: _status_colour(r.status),
        ),
        Column(QCoreApplication.translate("StockOps", "Opened at"), lambda r: local(r.opened_at)),
        Column(
            QCoreApplication.translate("StockOps", "Approved at"), lambda r: local(r.approved_at)
        ),
        Column(QCoreApplication.translate("StockOps", "Lines counted"), lambda r: r.lines, RIGHT),
    ]


def stocktake_model(parent: QObject) -> ColouredTableModel:
    return ColouredTableModel(
        stocktake_columns(),
        lambda row, _col: GONE_BACKGROUND if row.status == "cancelled" else None,
        parent,
    )


def count_line_columns() -> list[Column[LineView]]:
    return [
        Column(QCoreApplication.translate("StockOps", "SKU code"), lambda r: r.sku_code),
        Column(QCoreApplication.translate("StockOps", "Name"), lambda r: r.name),
        Column(QCoreApplication.translate("StockOps", "Unit"), lambda r: r.unit, CENTER),
        Column(
            QCoreApplication.translate("StockOps", "Book"),
            lambda r: qty(r.book_at_count_milli, r.unit),
            RIGHT,
            tooltip=lambda _r: QCoreApplication.translate(
                "StockOps", "The book quantity at the time of the last scan"
            ),
        ),
        Column(
            QCoreApplication.translate("StockOps", "Counted"),
            lambda r: qty(r.counted_milli, r.unit),
            RIGHT,
        ),
        Column(
            QCoreApplication.translate("StockOps", "Difference"),
            lambda r: signed_qty(r.difference_milli, r.unit),
            RIGHT,
            color=lambda r: difference_colour(r.difference_milli),
        ),
        Column(
            QCoreApplication.translate("StockOps", "Value"),
            lambda r: signed_fen(r.value_fen) if r.difference_milli else "",
            RIGHT,
            color=lambda r: difference_colour(r.value_fen),
        ),
        Column(
            QCoreApplication.translate("StockOps", "Last scan"),
            lambda r: local(r.counted_at, "%H:%M:%S"),
            CENTER,
            tooltip=lambda r: local(r.counted_at, "%Y-%m-%d %H:%M:%S"),
        ),
    ]


def count_line_model(parent: QObject) -> ColouredTableModel:
    """The counted lines: a gain's difference green, a loss's red."""
    return ColouredTableModel(
        count_line_columns(),
        lambda row, col: (
            difference_background(row.difference_milli)
            if col in (LINE_DIFFERENCE_COLUMN, LINE_DIFFERENCE_COLUMN + 1)
            else None
        ),
        parent,
    )


def uncounted_columns() -> list[Column[UncountedView]]:
    return [
        Column(QCoreApplication.translate("StockOps", "SKU code"), lambda r: r.sku_code),
        Column(QCoreApplication.translate("StockOps", "Name"), lambda r: r.name),
        Column(
            QCoreApplication.translate("StockOps", "Book"), lambda r: qty(r.on_hand_milli), RIGHT
        ),
    ]


def uncounted_model(parent: QObject) -> RowTableModel:
    return RowTableModel(uncounted_columns(), parent)


# -- transfers -------------------------------------------------------------------------------------


def transfer_columns() -> list[Column[TransferSummary]]:
    return [
        Column(QCoreApplication.translate("StockOps", "Transfer no."), lambda r: r.no),
        Column(QCoreApplication.translate("StockOps", "From"), lambda r: r.from_warehouse),
        Column(QCoreApplication.translate("StockOps", "To"), lambda r: r.to_warehouse),
        Column(
            QCoreApplication.translate("StockOps", "Status"),
            lambda r: transfer_status_name(r.status),
            CENTER,
            color=lambda r: _status_colour(r.status),
        ),
        Column(QCoreApplication.translate("StockOps", "Lines"), lambda r: r.lines, RIGHT),
        Column(QCoreApplication.translate("StockOps", "Created at"), lambda r: local(r.created_at)),
    ]


def transfer_model(parent: QObject) -> ColouredTableModel:
    return ColouredTableModel(
        transfer_columns(),
        lambda row, _col: GONE_BACKGROUND if row.status == "cancelled" else None,
        parent,
    )


def transfer_line_columns() -> list[Column[TransferLineView]]:
    return [
        Column(QCoreApplication.translate("StockOps", "#"), lambda r: r.line_no, RIGHT),
        Column(QCoreApplication.translate("StockOps", "SKU code"), lambda r: r.sku_code),
        Column(QCoreApplication.translate("StockOps", "Name"), lambda r: r.name),
        Column(QCoreApplication.translate("StockOps", "Unit"), lambda r: r.unit, CENTER),
        Column(
            QCoreApplication.translate("StockOps", "Sent"),
            lambda r: qty(r.qty_milli, r.unit),
            RIGHT,
        ),
        Column(
            QCoreApplication.translate("StockOps", "Received"),
            lambda r: qty(r.received_milli, r.unit),
            RIGHT,
        ),
        Column(
            QCoreApplication.translate("StockOps", "Difference"),
            lambda r: signed_qty(r.difference_milli, r.unit) if r.difference_milli else "",
            RIGHT,
            color=lambda r: difference_colour(r.difference_milli),
        ),
        Column(
            QCoreApplication.translate("StockOps", "Unit cost"),
            lambda r: r.unit_cost_fen or None,
            RIGHT,
            fmt_fen,
        ),
        Column(
            QCoreApplication.translate("StockOps", "Serial numbers"),
            lambda r: ", ".join(r.serials),
            tooltip=lambda r: "\n".join(r.serials),
        ),
        Column(
            QCoreApplication.translate("StockOps", "Not arrived"),
            lambda r: ", ".join(r.missing_serials),
            color=lambda r: LOSS_TEXT if r.missing_serials else None,
        ),
    ]


def transfer_line_model(parent: QObject) -> ColouredTableModel:
    return ColouredTableModel(
        transfer_line_columns(),
        lambda row, col: (
            difference_background(row.difference_milli)
            if col == TRANSFER_DIFFERENCE_COLUMN
            else None
        ),
        parent,
    )


@dataclass(frozen=True)
class DraftLine:
    """A line of the transfer being written: the SKU as looked up, how many, which units."""

    sku: StockRow
    qty_milli: int
    serials: tuple[str, ...] = ()

    @property
    def sku_code(self) -> str:
        return self.sku.sku_code


def draft_line_columns() -> list[Column[tuple[int, DraftLine]]]:
    return [
        Column(QCoreApplication.translate("StockOps", "#"), lambda r: r[0], RIGHT),
        Column(QCoreApplication.translate("StockOps", "SKU code"), lambda r: r[1].sku.sku_code),
        Column(QCoreApplication.translate("StockOps", "Name"), lambda r: r[1].sku.name),
        Column(QCoreApplication.translate("StockOps", "Unit"), lambda r: r[1].sku.unit, CENTER),
        Column(
            QCoreApplication.translate("StockOps", "Quantity"),
            lambda r: qty(r[1].qty_milli, r[1].sku.unit),
            RIGHT,
        ),
        Column(
            QCoreApplication.translate("StockOps", "On hand"),
            lambda r: qty(r[1].sku.on_hand_milli, r[1].sku.unit),
            RIGHT,
            color=lambda r: LOSS_TEXT if r[1].sku.on_hand_milli < r[1].qty_milli else None,
        ),
        Column(
            QCoreApplication.translate("StockOps", "Serial numbers"),
            lambda r: ", ".join(r[1].serials),
            tooltip=lambda r: "\n".join(r[1].serials),
        ),
    ]


def draft_line_model(parent: QObject) -> RowTableModel:
    return RowTableModel(draft_line_columns(), parent)
