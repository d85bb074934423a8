"""The lines of a sale being returned: what was sold, what is left, and how much to take back.

The "Return qty" column is editable (type a number); everything else is read-only.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, Qt, Signal

from shared.domain.errors import ValidationError
from shared.qt.money import fmt_fen, fmt_quantity, parse_quantity
from shared.qt.table_model import CENTER, RIGHT, Column, RowTableModel
from shared.services.sales import SoldLine


@dataclass
class RefundRow:
    line: SoldLine
    # quantity chosen for return, thousandths
    refund_milli: int = 0

    @property
    def refundable_milli(self) -> int:
        return self.line.refundable_milli


def _qty(row: RefundRow, milli: int) -> str:
    return fmt_quantity(milli, weighed=row.line.weighed)


class RefundLinesModel(RowTableModel[RefundRow]):
    NAME, SOLD, REFUNDED, LEFT, RETURN, AMOUNT = range(6)
    # an edit was refused (the reason, translated)
    edit_refused = Signal(str)

    def __init__(self, parent=None) -> None:
        super().__init__(
            [
                Column(
                    QCoreApplication.translate("RefundLinesModel", "Item"), lambda r: r.line.name
                ),
                Column(
                    QCoreApplication.translate("RefundLinesModel", "Sold"),
                    lambda r: _qty(r, r.line.quantity_milli),
                    align=CENTER,
                ),
                Column(
                    QCoreApplication.translate("RefundLinesModel", "Returned"),
                    lambda r: _qty(r, r.line.refunded_milli),
                    align=CENTER,
                ),
                Column(
                    QCoreApplication.translate("RefundLinesModel", "Returnable"),
                    self._left,
                    align=CENTER,
                    color=lambda r: "#9e9e9e" if r.refundable_milli <= 0 else None,
                ),
                Column(
                    QCoreApplication.translate("RefundLinesModel", "Return qty"),
                    lambda r: _qty(r, r.refund_milli),
                    align=CENTER,
                    color=lambda r: "#1565c0" if r.refund_milli else None,
                ),
                Column(
                    QCoreApplication.translate("RefundLinesModel", "Paid"),
                    lambda r: r.line.net_fen,
                    align=RIGHT,
                    fmt=fmt_fen,
                ),
            ],
            parent,
        )

    @staticmethod
    def _left(r: RefundRow) -> str:
        if r.line.kind == "card_key":
            return QCoreApplication.translate("RefundLinesModel", "card key: no return")
        return _qty(r, r.refundable_milli)

    # -- editing --------------------------------------------------------------------------------
    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        row = self.row_at(index.row()) if index.isValid() else None
        if index.isValid() and index.column() == self.RETURN and row and row.refundable_milli > 0:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.EditRole and index.isValid() and index.column() == self.RETURN:
            row = self.row_at(index.row())
            return _qty(row, row.refund_milli) if row else None
        return super().data(index, role)

    def setData(self, index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or index.column() != self.RETURN:
            return False
        row = self.row_at(index.row())
        if row is None or row.refundable_milli <= 0:
            return False
        try:
            milli = parse_quantity(str(value), weighed=row.line.weighed)
        except ValidationError:
            self.edit_refused.emit(
                QCoreApplication.translate("RefundLinesModel", "Not a quantity: {value}").format(
                    value=value
                )
            )
            return False
        if milli < 0 or milli > row.refundable_milli:
            self.edit_refused.emit(
                QCoreApplication.translate(
                    "RefundLinesModel", "{name}: at most {left} can be returned"
                ).format(name=row.line.name, left=_qty(row, row.refundable_milli))
            )
            return False
        row.refund_milli = milli
        self.dataChanged.emit(index, index.siblingAtColumn(self.AMOUNT))
        return True

    def set_quantity(self, row_index: int, milli: int) -> bool:
        return self.setData(self.index(row_index, self.RETURN), fmt_quantity(milli, weighed=True))

    # -- choices ------------------------------------------------------------------------------
    def select_all(self) -> None:
        for r in self._rows:
            r.refund_milli = max(0, r.refundable_milli)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, self.AMOUNT))

    def clear_choice(self) -> None:
        for r in self._rows:
            r.refund_milli = 0
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, self.AMOUNT))

    def chosen(self) -> list[RefundRow]:
        return [r for r in self._rows if r.refund_milli > 0]

    def everything_chosen(self) -> bool:
        open_rows = [r for r in self._rows if r.refundable_milli > 0]
        return bool(open_rows) and all(r.refund_milli == r.refundable_milli for r in open_rows)

    def estimated_fen(self) -> int:
        """An estimate of the refund (the service computes the exact figure)."""
        total = 0
        for r in self.chosen():
            if r.line.quantity_milli:
                total += r.line.net_fen * r.refund_milli // r.line.quantity_milli
        return total
