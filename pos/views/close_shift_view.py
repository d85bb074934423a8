"""The close-shift dialog's layout (交班): counted cash, or a count by denomination; the result."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFontDatabase, QIntValidator
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QGridLayout,
    QLineEdit,
    QPlainTextEdit,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from pos.dialogs.base import CounterDialog
from pos.views.widgets import big_line_edit, label
from shared.qt.money import fmt_fen
from shared.services.shifts import DENOMINATIONS


def denomination_caption(fen: int) -> str:
    if fen >= 100:
        return QCoreApplication.translate("CloseShiftView", "{n} yuan").format(n=fen // 100)
    return QCoreApplication.translate("CloseShiftView", "{n} jiao").format(n=fen // 10)


class CloseShiftView(CounterDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("", parent)
        self.setWindowTitle(self.tr("Close shift"))
        self.title_label.setText(self.tr("Close shift"))
        self.ok_button.set_caption(self.tr("Close shift"))
        self.pages = QStackedWidget(self)
        self.body.addWidget(self.pages, 1)

        count = QWidget(self.pages)
        c = QVBoxLayout(count)
        c.setContentsMargins(0, 0, 0, 0)
        self.summary = label("", "shiftSummary")
        self.summary.setWordWrap(True)
        c.addWidget(self.summary)
        grid = QGridLayout()
        grid.addWidget(label(self.tr("Counted cash"), "fieldLabel"), 0, 0)
        self.counted = big_line_edit("countedField", self.tr("Cash in the drawer, in yuan"))
        self.counted.setMaxLength(12)
        grid.addWidget(self.counted, 0, 1)
        grid.setColumnStretch(1, 1)
        c.addLayout(grid)
        self.by_denomination = QCheckBox(self.tr("F2  Count by denomination"), count)
        self.by_denomination.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        c.addWidget(self.by_denomination)
        self.denominations = QFrame(count)
        self.denominations.setObjectName("denominations")
        dg = QGridLayout(self.denominations)
        dg.setContentsMargins(8, 4, 8, 4)
        dg.setVerticalSpacing(4)
        self.denomination_fields: dict[int, QLineEdit] = {}
        self.denomination_totals: dict[int, object] = {}
        for i, fen in enumerate(DENOMINATIONS):
            row, col = i % 4, (i // 4) * 3
            dg.addWidget(label(denomination_caption(fen), "fieldLabel"), row, col)
            field = QLineEdit(self.denominations)
            field.setObjectName(f"denom_{fen}")
            field.setValidator(QIntValidator(0, 100_000, field))
            field.setPlaceholderText("0")
            field.setMinimumHeight(40)
            field.setMaximumWidth(110)
            dg.addWidget(field, row, col + 1)
            total = label(fmt_fen(0), "denomTotal")
            total.setMinimumWidth(110)
            total.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            dg.addWidget(total, row, col + 2)
            self.denomination_fields[fen] = field
            self.denomination_totals[fen] = total
        self.denomination_sum = label("", "denomSum")
        dg.addWidget(self.denomination_sum, 4, 0, 1, 6)
        self.denominations.hide()
        c.addWidget(self.denominations)
        c.addStretch(1)
        self.pages.addWidget(count)

        result = QWidget(self.pages)
        r = QVBoxLayout(result)
        r.setContentsMargins(0, 0, 0, 0)
        figures = QGridLayout()
        self.expected = self._figure(figures, 0, self.tr("Expected cash"), "closeExpected")
        self.counted_value = self._figure(figures, 1, self.tr("Counted cash"), "closeCounted")
        self.variance = self._figure(figures, 2, self.tr("Variance"), "closeVariance")
        r.addLayout(figures)
        self.report = QPlainTextEdit(result)
        self.report.setObjectName("documentPreview")
        self.report.setReadOnly(True)
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSize(10)
        self.report.setFont(font)
        self.report.setMinimumHeight(300)
        r.addWidget(self.report, 1)
        self.pages.addWidget(result)
        self.count_page = count
        self.result_page = result
        self.setMinimumWidth(760)

    def _figure(self, grid: QGridLayout, col: int, caption: str, name: str):
        cap = label(caption, "payCaption")
        cap.setAlignment(Qt.AlignmentFlag.AlignCenter)
        value = label("", name)
        value.setAlignment(Qt.AlignmentFlag.AlignCenter)
        grid.addWidget(cap, 0, col)
        grid.addWidget(value, 1, col)
        return value
