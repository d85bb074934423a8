"""Tenders taken so far in the payment dialog: method, amount, provider reference."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from shared.domain.tenders import Tender
from shared.qt.errors import method_name
from shared.qt.money import fmt_fen
from shared.qt.table_model import RIGHT, Column, RowTableModel


class TenderTableModel(RowTableModel[Tender]):
    def __init__(self, parent=None) -> None:
        super().__init__(
            [
                Column(
                    QCoreApplication.translate("TenderTableModel", "Method"),
                    lambda t: method_name(t.method),
                ),
                Column(
                    QCoreApplication.translate("TenderTableModel", "Amount"),
                    lambda t: t.amount_fen,
                    align=RIGHT,
                    fmt=fmt_fen,
                ),
                Column(
                    QCoreApplication.translate("TenderTableModel", "Reference"),
                    lambda t: t.provider_ref or "",
                ),
            ],
            parent,
        )
