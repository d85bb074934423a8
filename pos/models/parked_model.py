"""Parked sales (挂单) of this terminal, oldest first."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from shared.qt.money import fmt_fen
from shared.qt.table_model import CENTER, RIGHT, Column, RowTableModel
from shared.services.suspended import ParkedSale


def _time(p: ParkedSale) -> str:
    at = p.created_at
    try:
        return at.astimezone().strftime("%H:%M:%S")
    except (ValueError, OSError):
        return str(at)


class ParkedSalesModel(RowTableModel[ParkedSale]):
    def __init__(self, parent=None, *, timezone: str | None = None) -> None:
        self._tz = timezone
        super().__init__(
            [
                Column(
                    QCoreApplication.translate("ParkedSalesModel", "Parked at"),
                    self._time,
                    align=CENTER,
                ),
                Column(QCoreApplication.translate("ParkedSalesModel", "Note"), lambda p: p.label),
                Column(
                    QCoreApplication.translate("ParkedSalesModel", "Lines"),
                    lambda p: p.line_count,
                    align=CENTER,
                ),
                Column(
                    QCoreApplication.translate("ParkedSalesModel", "Total"),
                    lambda p: p.total_fen,
                    align=RIGHT,
                    fmt=fmt_fen,
                ),
            ],
            parent,
        )

    def _time(self, p: ParkedSale) -> str:
        if self._tz:
            from zoneinfo import ZoneInfo

            at = p.created_at
            if at.tzinfo is not None:
                return at.astimezone(ZoneInfo(self._tz)).strftime("%H:%M:%S")
        return _time(p)
