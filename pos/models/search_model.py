"""Search results (F2): code, name, unit, price, on/off shelf."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from shared.qt.money import fmt_fen
from shared.qt.table_model import CENTER, RIGHT, Column, RowTableModel
from shared.services.catalog import SkuHit


def _shelf(hit: SkuHit) -> str:
    if hit.on_shelf:
        return ""
    return QCoreApplication.translate("SearchResultsModel", "off shelf")


class SearchResultsModel(RowTableModel[SkuHit]):
    def __init__(self, parent=None) -> None:
        super().__init__(
            [
                Column(QCoreApplication.translate("SearchResultsModel", "Code"), lambda h: h.code),
                Column(QCoreApplication.translate("SearchResultsModel", "Name"), lambda h: h.name),
                Column(
                    QCoreApplication.translate("SearchResultsModel", "Unit"),
                    lambda h: h.unit,
                    align=CENTER,
                ),
                Column(
                    QCoreApplication.translate("SearchResultsModel", "Price"),
                    lambda h: h.price_fen,
                    align=RIGHT,
                    fmt=fmt_fen,
                ),
                Column(
                    QCoreApplication.translate("SearchResultsModel", "Status"),
                    _shelf,
                    align=CENTER,
                    color=lambda h: None if h.on_shelf else "#c62828",
                ),
            ],
            parent,
        )
