"""Table models of 数据统计 (reports): one ``ReportTable`` per report table, over the rows of
``services.reports.Report``, and the cells each exports.

The figures arrive as integer fen, thousandths and basis points; the columns format them for the
screen (``fmt_fen``, ``fmt_quantity``, a percentage) and ``ReportTable.export_rows`` writes them as
numbers a spreadsheet can add up: yuan with two decimals, units, percent. Nothing here queries
anything. Every header goes through Qt's translation (context ``ReportScreen``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject

from shared.db.queries.reports import (
    MethodRow,
    ProductRow,
    StaffRow,
)
from shared.qt.errors import method_name
from shared.qt.money import fmt_fen
from shared.qt.table_model import CENTER, RIGHT, Column, RowTableModel

SHORT_TEXT = "#c62828"
OVER_TEXT = "#e65100"

#: the tables, in the order the screen shows them
TABLES = (
    "daily",
    "stores",
    "cashiers",
    "guides",
    "products",
    "payments",
    "coupons",
    "card_keys",
    "low_stock",
    "variances",
)


def fmt_count(value: int) -> str:
    return f"{value:,}"


def fmt_qty(milli: int) -> str:
    """Thousandths as units: ``2000`` -> ``2``, ``1523`` -> ``1.523``."""
    if milli % 1000 == 0:
        return f"{milli // 1000:,}"
    return f"{milli / 1000:,.3f}"


def fmt_rate(basis_points: int) -> str:
    """Basis points as a percentage: ``1234`` -> ``12.34%``."""
    return f"{Decimal(basis_points) / 100:.2f}%"


def yuan(fen: int) -> Decimal:
    return (Decimal(fen) / 100).quantize(Decimal("0.01"))


def _export_value(column: Column, row: Any) -> Any:
    """A cell as a spreadsheet should hold it: numbers stay numbers."""
    value = column.value(row)
    if value is None:
        return ""
    if column.fmt is fmt_fen:
        return yuan(value)
    if column.fmt is fmt_qty:
        return Decimal(value) / 1000
    if column.fmt is fmt_rate:
        return (Decimal(value) / 100).quantize(Decimal("0.01"))
    if column.fmt is fmt_count:
        return value
    return column.text(row)


class ReportTable(RowTableModel):
    """One report table. ``key``: which table (``TABLES``); ``stem``: its export file's name;
    ``title``: the tab's name; ``stretch``: the column given the width left over; ``prepare``: called with the rows before they are shown (a table
    whose cells depend on every row, e.g. a share of the total)."""

    def __init__(
        self,
        key: str,
        stem: str,
        title: str,
        columns: Sequence[Column],
        parent: QObject | None = None,
        *,
        stretch: int = 0,
        prepare: Callable[[Sequence[Any]], None] | None = None,
    ) -> None:
        super().__init__(columns, parent)
        self.key = key
        self.stem = stem
        self.title = title
        #: the column that takes the room the others leave (a name)
        self.stretch = stretch
        self._prepare = prepare

    def set_rows(self, rows: Sequence[Any]) -> None:
        if self._prepare is not None:
            self._prepare(rows)
        super().set_rows(rows)

    def headers(self) -> list[str]:
        return [self.column_spec(i).header for i in range(self.columnCount())]

    def export_rows(self) -> list[list[Any]]:
        """Every row's cells, as written to CSV / XLSX."""
        columns = [self.column_spec(i) for i in range(self.columnCount())]
        return [[_export_value(c, row) for c in columns] for row in self.rows()]


# -- the columns -----------------------------------------------------------------------------------


def _figure_columns() -> list[Column]:
    """Orders, sales, refunds, refunded, revenue, average ticket (see ``Figures``)."""
    return [
        Column(
            QCoreApplication.translate("ReportScreen", "Orders"),
            lambda r: r.orders,
            RIGHT,
            fmt_count,
        ),
        Column(
            QCoreApplication.translate("ReportScreen", "Sales"),
            lambda r: r.sales_fen,
            RIGHT,
            fmt_fen,
        ),
        Column(
            QCoreApplication.translate("ReportScreen", "Refunds"),
            lambda r: r.refunds,
            RIGHT,
            fmt_count,
        ),
        Column(
            QCoreApplication.translate("ReportScreen", "Refunded"),
            lambda r: r.refunds_fen,
            RIGHT,
            fmt_fen,
        ),
        Column(
            QCoreApplication.translate("ReportScreen", "Revenue"),
            lambda r: r.revenue_fen,
            RIGHT,
            fmt_fen,
            color=lambda r: SHORT_TEXT if r.revenue_fen < 0 else None,
        ),
        Column(
            QCoreApplication.translate("ReportScreen", "Average ticket"),
            lambda r: r.average_ticket_fen,
            RIGHT,
            fmt_fen,
        ),
    ]


def _staff_name(row: StaffRow) -> str:
    return row.name or row.account or QCoreApplication.translate("ReportScreen", "(deleted staff)")


def daily_model(parent: QObject | None = None) -> ReportTable:
    return ReportTable(
        "daily",
        "daily-sales",
        QCoreApplication.translate("ReportScreen", "Daily"),
        [
            Column(
                QCoreApplication.translate("ReportScreen", "Business day"),
                lambda r: r.day.isoformat(),
            ),
            *_figure_columns(),
        ],
        parent,
    )


def store_model(parent: QObject | None = None) -> ReportTable:
    return ReportTable(
        "stores",
        "sales-by-store",
        QCoreApplication.translate("ReportScreen", "By store"),
        [
            Column(
                QCoreApplication.translate("ReportScreen", "Store code"), lambda r: r.store_code
            ),
            Column(QCoreApplication.translate("ReportScreen", "Store"), lambda r: r.store_name),
            *_figure_columns(),
        ],
        parent,
        stretch=1,
    )


def cashier_model(parent: QObject | None = None) -> ReportTable:
    return ReportTable(
        "cashiers",
        "sales-by-cashier",
        QCoreApplication.translate("ReportScreen", "By cashier"),
        [
            Column(QCoreApplication.translate("ReportScreen", "Account"), lambda r: r.account),
            Column(QCoreApplication.translate("ReportScreen", "Cashier"), _staff_name),
            *_figure_columns(),
        ],
        parent,
        stretch=1,
    )


def guide_model(parent: QObject | None = None) -> ReportTable:
    return ReportTable(
        "guides",
        "guide-performance",
        QCoreApplication.translate("ReportScreen", "Guide performance"),
        [
            Column(QCoreApplication.translate("ReportScreen", "Account"), lambda r: r.account),
            Column(QCoreApplication.translate("ReportScreen", "Guide"), _staff_name),
            *_figure_columns(),
        ],
        parent,
        stretch=1,
    )


def product_model(parent: QObject | None = None) -> ReportTable:
    ranks: dict[int, int] = {}

    def prepare(rows: Sequence[ProductRow]) -> None:
        ranks.clear()
        ranks.update({id(r): i for i, r in enumerate(rows, start=1)})

    return ReportTable(
        "products",
        "top-products",
        QCoreApplication.translate("ReportScreen", "Top products"),
        [
            Column(
                QCoreApplication.translate("ReportScreen", "Rank"),
                lambda r: ranks.get(id(r)),
                CENTER,
            ),
            Column(QCoreApplication.translate("ReportScreen", "SKU code"), lambda r: r.sku_code),
            Column(QCoreApplication.translate("ReportScreen", "Product"), lambda r: r.name),
            Column(
                QCoreApplication.translate("ReportScreen", "Quantity"),
                lambda r: r.quantity_milli,
                RIGHT,
                fmt_qty,
            ),
            Column(
                QCoreApplication.translate("ReportScreen", "Sales"),
                lambda r: r.sales_fen,
                RIGHT,
                fmt_fen,
            ),
            Column(
                QCoreApplication.translate("ReportScreen", "Refunded"),
                lambda r: r.refunds_fen,
                RIGHT,
                fmt_fen,
            ),
            Column(
                QCoreApplication.translate("ReportScreen", "Net amount"),
                lambda r: r.amount_fen,
                RIGHT,
                fmt_fen,
            ),
        ],
        parent,
        stretch=2,
        prepare=prepare,
    )


def share_bp(part_fen: int, whole_fen: int) -> int | None:
    """``part`` of ``whole`` in basis points, half-up (None unless both are positive)."""
    if whole_fen <= 0 or part_fen <= 0:
        return None
    q, r = divmod(part_fen * 10_000, whole_fen)
    return q + 1 if 2 * r >= whole_fen else q


def payment_model(parent: QObject | None = None) -> ReportTable:
    """Per method, with each positive net's share of the positive nets (what the pie shows)."""
    whole = {"fen": 0}

    def prepare(rows: Sequence[MethodRow]) -> None:
        whole["fen"] = sum(max(0, r.net_fen) for r in rows)

    return ReportTable(
        "payments",
        "payment-methods",
        QCoreApplication.translate("ReportScreen", "Payment methods"),
        [
            Column(
                QCoreApplication.translate("ReportScreen", "Payment method"),
                lambda r: method_name(r.method),
            ),
            Column(
                QCoreApplication.translate("ReportScreen", "Payments"),
                lambda r: r.payments,
                RIGHT,
                fmt_count,
            ),
            Column(
                QCoreApplication.translate("ReportScreen", "Paid"),
                lambda r: r.paid_fen,
                RIGHT,
                fmt_fen,
            ),
            Column(
                QCoreApplication.translate("ReportScreen", "Refunded"),
                lambda r: r.refunded_fen,
                RIGHT,
                fmt_fen,
            ),
            Column(
                QCoreApplication.translate("ReportScreen", "Net"),
                lambda r: r.net_fen,
                RIGHT,
                fmt_fen,
            ),
            Column(
                QCoreApplication.translate("ReportScreen", "Share"),
                lambda r: share_bp(r.net_fen, whole["fen"]),
                RIGHT,
                fmt_rate,
            ),
        ],
        parent,
        prepare=prepare,
    )


def verification_kind_name(kind: str) -> str:
    return {
        "coupon": QCoreApplication.translate("ReportScreen", "Coupon"),
        "pickup": QCoreApplication.translate("ReportScreen", "Pickup order"),
        "channel": QCoreApplication.translate("ReportScreen", "Channel order"),
    }.get(kind, kind)


def coupon_model(parent: QObject | None = None) -> ReportTable:
    return ReportTable(
        "coupons",
        "coupon-verifications",
        QCoreApplication.translate("ReportScreen", "Coupon verifications"),
        [
            Column(
                QCoreApplication.translate("ReportScreen", "Kind"),
                lambda r: verification_kind_name(r.kind),
            ),
            Column(
                QCoreApplication.translate("ReportScreen", "Coupon"),
                lambda r: r.coupon_name or verification_kind_name(r.kind),
            ),
            Column(
                QCoreApplication.translate("ReportScreen", "Store code"), lambda r: r.store_code
            ),
            Column(QCoreApplication.translate("ReportScreen", "Store"), lambda r: r.store_name),
            Column(
                QCoreApplication.translate("ReportScreen", "Redemptions"),
                lambda r: r.count,
                RIGHT,
                fmt_count,
            ),
            Column(
                QCoreApplication.translate("ReportScreen", "Discount given"),
                lambda r: r.amount_fen,
                RIGHT,
                fmt_fen,
            ),
        ],
        parent,
        stretch=1,
    )


def card_key_model(parent: QObject | None = None) -> ReportTable:
    return ReportTable(
        "card_keys",
        "card-key-stock",
        QCoreApplication.translate("ReportScreen", "Card-key stock"),
        [
            Column(QCoreApplication.translate("ReportScreen", "SKU code"), lambda r: r.sku_code),
            Column(QCoreApplication.translate("ReportScreen", "Product"), lambda r: r.name),
            Column(
                QCoreApplication.translate("ReportScreen", "Available"),
                lambda r: r.available,
                RIGHT,
                fmt_count,
                color=lambda r: SHORT_TEXT if r.available == 0 else None,
            ),
            Column(
                QCoreApplication.translate("ReportScreen", "Reserved"),
                lambda r: r.reserved,
                RIGHT,
                fmt_count,
            ),
            Column(
                QCoreApplication.translate("ReportScreen", "Stock setting"),
                lambda r: r.stock_setting,
                RIGHT,
                fmt_count,
            ),
            Column(
                QCoreApplication.translate("ReportScreen", "Sellable"),
                lambda r: r.sellable,
                RIGHT,
                fmt_count,
            ),
            Column(
                QCoreApplication.translate("ReportScreen", "Sold in period"),
                lambda r: r.sold,
                RIGHT,
                fmt_count,
            ),
            Column(
                QCoreApplication.translate("ReportScreen", "Issue rate"),
                lambda r: r.issue_rate_bp,
                RIGHT,
                fmt_rate,
                tooltip=lambda r: QCoreApplication.translate(
                    "ReportScreen", "Sold in period ÷ (sold in period + available now)"
                ),
            ),
        ],
        parent,
        stretch=1,
    )


def low_stock_model(parent: QObject | None = None) -> ReportTable:
    return ReportTable(
        "low_stock",
        "low-stock",
        QCoreApplication.translate("ReportScreen", "Low stock"),
        [
            Column(
                QCoreApplication.translate("ReportScreen", "Warehouse"), lambda r: r.warehouse_code
            ),
            Column(QCoreApplication.translate("ReportScreen", "SKU code"), lambda r: r.sku_code),
            Column(QCoreApplication.translate("ReportScreen", "Product"), lambda r: r.name),
            Column(QCoreApplication.translate("ReportScreen", "Unit"), lambda r: r.unit, CENTER),
            Column(
                QCoreApplication.translate("ReportScreen", "Available"),
                lambda r: r.available_milli,
                RIGHT,
                fmt_qty,
                color=lambda r: SHORT_TEXT if r.available_milli < 0 else OVER_TEXT,
            ),
            Column(
                QCoreApplication.translate("ReportScreen", "On hand"),
                lambda r: r.on_hand_milli,
                RIGHT,
                fmt_qty,
            ),
            Column(
                QCoreApplication.translate("ReportScreen", "Locked"),
                lambda r: r.locked_milli,
                RIGHT,
                fmt_qty,
            ),
            Column(
                QCoreApplication.translate("ReportScreen", "Safety stock"),
                lambda r: r.safety_milli,
                RIGHT,
                fmt_qty,
            ),
            Column(
                QCoreApplication.translate("ReportScreen", "Lower limit"),
                lambda r: r.lower_milli,
                RIGHT,
                fmt_qty,
            ),
            Column(
                QCoreApplication.translate("ReportScreen", "Upper limit"),
                lambda r: r.upper_milli,
                RIGHT,
                fmt_qty,
            ),
            Column(
                QCoreApplication.translate("ReportScreen", "Short by"),
                lambda r: r.short_milli,
                RIGHT,
                fmt_qty,
            ),
        ],
        parent,
        stretch=2,
    )


def _variance_colour(fen: int) -> str | None:
    if fen < 0:
        return SHORT_TEXT
    if fen > 0:
        return OVER_TEXT
    return None


def variance_model(parent: QObject | None = None) -> ReportTable:
    return ReportTable(
        "variances",
        "shift-variances",
        QCoreApplication.translate("ReportScreen", "Shift variances"),
        [
            Column(
                QCoreApplication.translate("ReportScreen", "Store code"), lambda r: r.store_code
            ),
            Column(QCoreApplication.translate("ReportScreen", "Store"), lambda r: r.store_name),
            Column(
                QCoreApplication.translate("ReportScreen", "Account"), lambda r: r.cashier_account
            ),
            Column(
                QCoreApplication.translate("ReportScreen", "Cashier"),
                lambda r: r.cashier_name or r.cashier_account or "?",
            ),
            Column(
                QCoreApplication.translate("ReportScreen", "Closed shifts"),
                lambda r: r.shifts,
                RIGHT,
                fmt_count,
            ),
            Column(
                QCoreApplication.translate("ReportScreen", "Short shifts"),
                lambda r: r.short_shifts,
                RIGHT,
                fmt_count,
            ),
            Column(
                QCoreApplication.translate("ReportScreen", "Short"),
                lambda r: r.short_fen,
                RIGHT,
                fmt_fen,
                color=lambda r: _variance_colour(r.short_fen),
            ),
            Column(
                QCoreApplication.translate("ReportScreen", "Over shifts"),
                lambda r: r.over_shifts,
                RIGHT,
                fmt_count,
            ),
            Column(
                QCoreApplication.translate("ReportScreen", "Over"),
                lambda r: r.over_fen,
                RIGHT,
                fmt_fen,
                color=lambda r: _variance_colour(r.over_fen),
            ),
            Column(
                QCoreApplication.translate("ReportScreen", "Net variance"),
                lambda r: r.net_fen,
                RIGHT,
                fmt_fen,
                color=lambda r: _variance_colour(r.net_fen),
            ),
        ],
        parent,
        stretch=1,
    )


MODELS: dict[str, Callable[[QObject | None], ReportTable]] = {
    "daily": daily_model,
    "stores": store_model,
    "cashiers": cashier_model,
    "guides": guide_model,
    "products": product_model,
    "payments": payment_model,
    "coupons": coupon_model,
    "card_keys": card_key_model,
    "low_stock": low_stock_model,
    "variances": variance_model,
}


def make_models(parent: QObject | None = None) -> dict[str, ReportTable]:
    """Every report table's model, in ``TABLES`` order."""
    return {key: MODELS[key](parent) for key in TABLES}


__all__ = [
    "MODELS",
    "TABLES",
    "ReportTable",
    "fmt_count",
    "fmt_qty",
    "fmt_rate",
    "make_models",
    "share_bp",
    "verification_kind_name",
    "yuan",
]
