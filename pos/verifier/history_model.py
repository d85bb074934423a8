"""This station's verifications (newest first), as the central record gives them."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QModelIndex

from shared.qt.table_model import CENTER, Column, RowTableModel
from shared.services.verification import Redemption


def kind_name(kind: str) -> str:
    return {
        "coupon": QCoreApplication.translate("VerificationHistoryModel", "Coupon"),
        "pickup": QCoreApplication.translate("VerificationHistoryModel", "Pickup"),
    }.get(kind, kind)


def status_name(status: str) -> str:
    return {
        "done": QCoreApplication.translate("VerificationHistoryModel", "Redeemed"),
        "reversed": QCoreApplication.translate("VerificationHistoryModel", "Reversed"),
        "released": QCoreApplication.translate("VerificationHistoryModel", "Released"),
    }.get(status, status)


def _what(r: Redemption) -> str:
    if r.kind == "pickup":
        return r.order_no
    return r.coupon_name


def _status_colour(r: Redemption) -> str | None:
    if r.status == "done":
        return "#2e7d32"
    return "#c62828" if r.status == "reversed" else "#757575"


def _tooltip(r: Redemption) -> str:
    return QCoreApplication.translate(
        "VerificationHistoryModel", "Verification {id} at {at} (UTC)"
    ).format(id=r.verification_id, at=r.at)


class VerificationHistoryModel(RowTableModel[Redemption]):
    """Time (store time), kind, code, coupon name or order number, verifier, status."""

    TIME, KIND, CODE, WHAT, VERIFIER, STATUS = range(6)

    def __init__(self, parent=None) -> None:
        super().__init__(
            [
                Column(
                    QCoreApplication.translate("VerificationHistoryModel", "Time"),
                    lambda r: r.local_time,
                    align=CENTER,
                    tooltip=_tooltip,
                ),
                Column(
                    QCoreApplication.translate("VerificationHistoryModel", "Kind"),
                    lambda r: kind_name(r.kind),
                    align=CENTER,
                ),
                Column(
                    QCoreApplication.translate("VerificationHistoryModel", "Code"),
                    lambda r: r.display_code,
                ),
                Column(
                    QCoreApplication.translate("VerificationHistoryModel", "Coupon / order"), _what
                ),
                Column(
                    QCoreApplication.translate("VerificationHistoryModel", "Verifier"),
                    lambda r: r.verifier,
                ),
                Column(
                    QCoreApplication.translate("VerificationHistoryModel", "Status"),
                    lambda r: status_name(r.status),
                    align=CENTER,
                    color=_status_colour,
                ),
            ],
            parent,
        )

    @staticmethod
    def reversible(row: Redemption | None) -> bool:
        """Whether a manager may try to reverse this row (the central side checks the window)."""
        return row is not None and row.status == "done"

    def row_of(self, verification_id: str) -> int:
        """The row showing ``verification_id``, or -1."""
        for i, r in enumerate(self._rows):
            if r.verification_id == verification_id:
                return i
        return -1

    def put(self, redemption: Redemption) -> int:
        """Show ``redemption`` at once (a new one on top, a known one updated); returns its row."""
        row = self.row_of(redemption.verification_id)
        if row < 0:
            self.beginInsertRows(QModelIndex(), 0, 0)
            self._rows.insert(0, redemption)
            self.endInsertRows()
            return 0
        self._rows[row] = redemption
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))
        return row
