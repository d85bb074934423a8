"""The cart as a table: one row per priced line (name, quantity, unit price, discount, amount)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from shared.domain.cart import CartTotals, PricedLine
from shared.qt.money import fmt_fen, fmt_quantity
from shared.qt.table_model import CENTER, RIGHT, Column, RowTableModel

DISCOUNT_COLOUR = "#c62828"


def _quantity(p: PricedLine) -> str:
    ln = p.line
    qty = fmt_quantity(ln.quantity_milli, weighed=ln.weighed)
    return f"{qty} {ln.unit}" if ln.unit else qty


def _name(p: PricedLine) -> str:
    ln = p.line
    marks = []
    if ln.price_override_by:
        marks.append(QCoreApplication.translate("CartTableModel", "price changed"))
    if ln.fixed_amount_fen is not None:
        marks.append(QCoreApplication.translate("CartTableModel", "scale label"))
    return f"{ln.name} [{', '.join(marks)}]" if marks else ln.name


def _discount_tip(p: PricedLine) -> str:
    d = p.line.discount
    if d is None:
        return ""
    what = f"{d.value / 100:g}%" if d.kind == "percent" else fmt_fen(d.value)
    return f"{what} {d.reason}".strip()


class CartTableModel(RowTableModel[PricedLine]):
    NAME, QUANTITY, PRICE, DISCOUNT, AMOUNT = 0, 1, 2, 3, 4

    def __init__(self, parent=None) -> None:
        super().__init__(
            [
                Column(QCoreApplication.translate("CartTableModel", "Item"), _name),
                Column(
                    QCoreApplication.translate("CartTableModel", "Qty"),
                    _quantity,
                    align=CENTER,
                ),
                Column(
                    QCoreApplication.translate("CartTableModel", "Unit price"),
                    lambda p: p.line.unit_price_fen,
                    align=RIGHT,
                    fmt=fmt_fen,
                ),
                Column(
                    QCoreApplication.translate("CartTableModel", "Discount"),
                    lambda p: -p.line_discount_fen if p.line_discount_fen else None,
                    align=RIGHT,
                    fmt=fmt_fen,
                    color=lambda p: DISCOUNT_COLOUR if p.line_discount_fen else None,
                    tooltip=_discount_tip,
                ),
                Column(
                    QCoreApplication.translate("CartTableModel", "Amount"),
                    lambda p: p.gross_fen - p.line_discount_fen,
                    align=RIGHT,
                    fmt=fmt_fen,
                ),
            ],
            parent,
        )

    def set_totals(self, totals: CartTotals) -> None:
        self.set_rows(totals.lines)

    def line_id_at(self, row: int) -> str | None:
        p = self.row_at(row)
        return p.line.line_id if p else None

    def row_of(self, line_id: str) -> int:
        for i, p in enumerate(self.rows()):
            if p.line.line_id == line_id:
                return i
        return -1
