"""Layout of the store-settlement area (门店结算): the build bar, the filters, the statement list,
the selected statement's figures in two columns (sales, then what the store is paid) with the
payment methods under them, the records behind the chosen figure beside them, and the small
dialog that records a payment. Widgets and their fixed words only; ``settlement_screen`` fills
them and wires the signals."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QCursor
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from backoffice.views import named_button as _button
from backoffice.views import table_view
from shared.domain.settlement import MAX_PAYMENT_REF

#: the figures of the sales column, top to bottom
SALES_FIGURES = (
    "gross",
    "discounts",
    "coupons_platform",
    "coupons_store",
    "refunds",
    "net_sales",
    "card_keys",
    "adjustments",
)
#: the figures of the settlement column, top to bottom
SETTLEMENT_FIGURES = (
    "net_sales_in",
    "coupons_owed",
    "channel_orders",
    "income",
    "fee",
    "cash",
    "payable",
)
#: figures that are a sum of the ones above them (a rule above, bold)
TOTAL_FIGURES = frozenset({"net_sales", "income", "payable"})
#: figures computed from others: no records of their own to show
COMPUTED_FIGURES = frozenset({"income", "fee", "payable"})

STYLE = """
#buildBar { background: #e3f2fd; border: 1px solid #bbdefb; border-radius: 6px; }
#buildBar QLabel { background: transparent; font-weight: 600; color: #0d47a1; }
#statementNo { font-size: 16px; font-weight: 600; }
#statementHeading { font-weight: 600; }
#statementInfo { color: #546e7a; font-size: 12px; }
#stateBadge { border-radius: 10px; padding: 1px 10px; font-weight: 600; }
#stateBadge[state="draft"] { background: #fff3e0; color: #e65100; border: 1px solid #ffcc80; }
#stateBadge[state="confirmed"] { background: #e3f2fd; color: #1565c0; border: 1px solid #90caf9; }
#stateBadge[state="settled"] { background: #e8f5e9; color: #2e7d32; border: 1px solid #a5d6a7; }
#figuresCard { background: #ffffff; border: 1px solid #cfd8dc; border-radius: 6px; }
#figuresCard QLabel { background: transparent; }
#figureHeading { font-weight: 600; color: #37474f; padding: 2px 0;
                 border-bottom: 2px solid #1565c0; }
#figureName { color: #37474f; }
#figureName[total="true"] { font-weight: 600; color: #1a1a1a; }
QPushButton#figureLink { border: none; border-radius: 3px; background: transparent;
                         color: #1565c0; text-align: right; padding: 0 6px; min-height: 23px; }
QPushButton#figureLink:hover { background: #e3f2fd; text-decoration: underline; }
QPushButton#figureLink:focus { background: #e3f2fd; }
QPushButton#figureLink[current="true"] { background: #bbdefb; font-weight: 600; }
QPushButton#figureLink[total="true"] { font-weight: 600; }
#figureValue { padding: 0 6px; min-height: 23px; }
#figureValue[total="true"] { font-weight: 600; }
#figureRule { background: #b0bec5; max-height: 1px; min-height: 1px; }
#payableValue { font-size: 17px; font-weight: 700; color: #2e7d32; padding: 0 6px; }
#payableValue[owed="store"] { color: #c62828; }
#payableBox { background: #e8f5e9; border: 1px solid #a5d6a7; border-radius: 4px; }
#payableBox[owed="store"] { background: #ffebee; border-color: #ef9a9a; }
#payableSentence { font-weight: 600; }
#payableFormula { color: #546e7a; }
#methodHeader { color: #546e7a; font-weight: 600; }
#emptyDetail { color: #78909c; font-size: 14px; }
#drillCount { color: #546e7a; }
"""


def _label(parent: QWidget, name: str, text: str = "") -> QLabel:
    lab = QLabel(text, parent)
    lab.setObjectName(name)
    return lab


def set_flag(widget: QWidget, name: str, value: object) -> None:
    """Set a dynamic property the style sheet reads, and restyle the widget."""
    widget.setProperty(name, value)
    widget.style().unpolish(widget)
    widget.style().polish(widget)


class FiguresCard(QFrame):
    """Every figure of one statement: two columns of name and amount, the payment methods under
    them, and who pays whom. A figure with records behind it is a link-like button."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("figuresCard")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(14, 8, 14, 8)
        outer.setSpacing(6)
        grid = QGridLayout()
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(1)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)
        grid.setColumnMinimumWidth(2, 18)
        grid.setColumnStretch(3, 3)
        grid.setColumnStretch(4, 2)
        self.sales_heading = _label(
            self, "figureHeading", QCoreApplication.translate("SettlementScreen", "Sales")
        )
        self.settlement_heading = _label(
            self,
            "figureHeading",
            QCoreApplication.translate("SettlementScreen", "What the store is paid"),
        )
        grid.addWidget(self.sales_heading, 0, 0, 1, 2)
        grid.addWidget(self.settlement_heading, 0, 3, 1, 2)
        #: the name of each figure (its text carries counts and the fee rate)
        self.names: dict[str, QLabel] = {}
        #: the amount of each figure: a button when it drills down, else a label
        self.values: dict[str, QPushButton | QLabel] = {}
        for col, keys in ((0, SALES_FIGURES), (3, SETTLEMENT_FIGURES)):
            row = 1
            for key in keys:
                if key in TOTAL_FIGURES:
                    rule = QFrame(self)
                    rule.setObjectName("figureRule")
                    grid.addWidget(rule, row, col, 1, 2)
                    row += 1
                name = _label(self, "figureName")
                name.setProperty("total", key in TOTAL_FIGURES)
                grid.addWidget(name, row, col)
                if key == "payable":
                    value: QPushButton | QLabel = _label(self, "payableValue")
                    value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                elif key in COMPUTED_FIGURES:
                    value = _label(self, "figureValue")
                    value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                    value.setProperty("total", key in TOTAL_FIGURES)
                else:
                    value = _button(self, "figureLink", "")
                    value.setProperty("figure", key)
                    value.setProperty("total", key in TOTAL_FIGURES)
                    value.setCursor(QCursor(Qt.CursorShape.PointingHandCursor))
                    value.setFlat(True)
                grid.addWidget(value, row, col + 1)
                self.names[key] = name
                self.values[key] = value
                row += 1
        outer.addLayout(grid)

        self.methods_heading = _label(
            self,
            "figureHeading",
            QCoreApplication.translate("SettlementScreen", "By payment method"),
        )
        outer.addWidget(self.methods_heading)
        self.methods = QWidget(self)
        self.methods_grid = QGridLayout(self.methods)
        self.methods_grid.setContentsMargins(0, 0, 0, 0)
        self.methods_grid.setHorizontalSpacing(4)
        self.methods_grid.setVerticalSpacing(1)
        outer.addWidget(self.methods)
        #: the buttons of the methods grid: ``pay:<method>`` and ``refund:<method>``
        self.method_values: dict[str, QPushButton] = {}

        self.payable_box = QFrame(self)
        self.payable_box.setObjectName("payableBox")
        box = QVBoxLayout(self.payable_box)
        box.setContentsMargins(10, 6, 10, 6)
        box.setSpacing(2)
        self.payable_sentence = _label(self.payable_box, "payableSentence")
        self.payable_sentence.setWordWrap(True)
        self.payable_formula = _label(self.payable_box, "payableFormula")
        self.payable_formula.setWordWrap(True)
        box.addWidget(self.payable_sentence)
        box.addWidget(self.payable_formula)
        outer.addWidget(self.payable_box)
        outer.addStretch(1)

    def set_methods(
        self, rows: list[tuple[str, str, str, str]], on_click: Callable[[str], None]
    ) -> None:
        """One column per method: its name, what was taken, what was given back.
        ``rows``: (method, name, taken text, refunded text)."""
        grid = self.methods_grid
        while grid.count():
            item = grid.takeAt(0)
            w = item.widget()
            if w is not None:
                w.setParent(None)
                w.deleteLater()
        self.method_values = {}
        taken = _label(
            self.methods, "methodHeader", QCoreApplication.translate("SettlementScreen", "Taken")
        )
        given = _label(
            self.methods,
            "methodHeader",
            QCoreApplication.translate("SettlementScreen", "Refunded"),
        )
        grid.addWidget(taken, 1, 0)
        grid.addWidget(given, 2, 0)
        grid.setColumnStretch(0, 0)
        for i, (method, name, taken_text, given_text) in enumerate(rows, start=1):
            head = _label(self.methods, "methodHeader", name)
            head.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            grid.addWidget(head, 0, i)
            grid.setColumnStretch(i, 1)
            for r, (key, text) in enumerate(
                ((f"pay:{method}", taken_text), (f"refund:{method}", given_text)), start=1
            ):
                b = _button(self.methods, "figureLink", text)
                b.setProperty("figure", key)
                b.setFlat(True)
                b.setCursor(QCursor(Qt.CursorShape.PointingHandCursor))
                b.clicked.connect(lambda _=False, key=key: on_click(key))
                grid.addWidget(b, r, i)
                self.method_values[key] = b
        if not rows:
            none = _label(
                self.methods,
                "methodHeader",
                QCoreApplication.translate("SettlementScreen", "No payments in this period"),
            )
            grid.addWidget(none, 0, 0)
            taken.setVisible(False)
            given.setVisible(False)


class SettleDialog(QDialog):
    """登记付款: the payment reference and its date. The refusal shows under the fields."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("SettleDialog")
        self.setWindowTitle(QCoreApplication.translate("SettlementScreen", "Record payment"))
        self.setMinimumWidth(440)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 14)
        layout.setSpacing(10)
        self.info = QLabel(self)
        self.info.setObjectName("settleInfo")
        self.info.setWordWrap(True)
        layout.addWidget(self.info)
        form = QFormLayout()
        form.setSpacing(8)
        self.reference = QLineEdit(self)
        self.reference.setObjectName("paymentRef")
        self.reference.setMaxLength(MAX_PAYMENT_REF)
        self.reference.setPlaceholderText(
            QCoreApplication.translate("SettlementScreen", "e.g. the bank transfer number")
        )
        form.addRow(
            QCoreApplication.translate("SettlementScreen", "Payment reference"), self.reference
        )
        self.day = QDateEdit(self)
        self.day.setObjectName("settledOn")
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        form.addRow(QCoreApplication.translate("SettlementScreen", "Payment date"), self.day)
        layout.addLayout(form)
        self.error = QLabel(self)
        self.error.setObjectName("message")
        self.error.setWordWrap(True)
        self.error.setProperty("level", "error")
        layout.addWidget(self.error)
        row = QHBoxLayout()
        row.addStretch(1)
        self.cancel = _button(
            self, "cancelSettle", QCoreApplication.translate("SettlementScreen", "Cancel")
        )
        self.ok = _button(
            self, "primaryButton", QCoreApplication.translate("SettlementScreen", "Record payment")
        )
        self.ok.setDefault(True)
        row.addWidget(self.cancel)
        row.addWidget(self.ok)
        layout.addLayout(row)
        self.cancel.clicked.connect(self.reject)
        self.reference.returnPressed.connect(self.ok.click)


class SettlementAreaView(QWidget):
    """门店结算: the title and build bar, the filters, the statement list, the statement."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settlementArea")
        self.setStyleSheet(STYLE)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(12, 10, 12, 10)
        outer.setSpacing(8)

        top = QHBoxLayout()
        top.setSpacing(12)
        self.title = _label(
            self, "areaTitle", QCoreApplication.translate("SettlementScreen", "Store settlement")
        )
        top.addWidget(self.title)
        top.addStretch(1)
        build = QFrame(self)
        build.setObjectName("buildBar")
        bar = QHBoxLayout(build)
        bar.setContentsMargins(10, 4, 6, 4)
        bar.setSpacing(6)
        bar.addWidget(
            QLabel(QCoreApplication.translate("SettlementScreen", "New statement"), build)
        )
        self.build_store = QComboBox(build)
        self.build_store.setObjectName("buildStore")
        self.build_store.setMinimumWidth(190)
        bar.addWidget(self.build_store)
        self.period = QLineEdit(build)
        self.period.setObjectName("buildPeriod")
        self.period.setMaxLength(20)
        self.period.setMinimumWidth(210)
        bar.addWidget(self.period)
        self.build = _button(
            build,
            "primaryButton",
            QCoreApplication.translate("SettlementScreen", "Build statement"),
        )
        bar.addWidget(self.build)
        top.addWidget(build)
        outer.addLayout(top)

        filters = QHBoxLayout()
        filters.setSpacing(8)
        filters.addWidget(QLabel(QCoreApplication.translate("SettlementScreen", "Store"), self))
        self.store = QComboBox(self)
        self.store.setObjectName("storeFilter")
        self.store.setMinimumWidth(190)
        filters.addWidget(self.store)
        filters.addWidget(QLabel(QCoreApplication.translate("SettlementScreen", "State"), self))
        self.state = QComboBox(self)
        self.state.setObjectName("stateFilter")
        filters.addWidget(self.state)
        filters.addWidget(QLabel(QCoreApplication.translate("SettlementScreen", "Year"), self))
        self.year = QComboBox(self)
        self.year.setObjectName("yearFilter")
        filters.addWidget(self.year)
        self.search = _button(
            self, "searchButton", QCoreApplication.translate("SettlementScreen", "Search")
        )
        filters.addWidget(self.search)
        filters.addStretch(1)
        self.summary = _label(self, "summary")
        filters.addWidget(self.summary)
        outer.addLayout(filters)

        split = QSplitter(Qt.Orientation.Vertical, self)
        split.setObjectName("settlementSplit")
        split.setChildrenCollapsible(False)
        self.table = table_view("statementTable", split)
        self.table.setMinimumHeight(96)
        split.addWidget(self.table)
        self.detail = QStackedWidget(split)
        self.empty = _label(
            self.detail,
            "emptyDetail",
            QCoreApplication.translate(
                "SettlementScreen",
                "Choose a statement in the list, or build one: pick the store, type the "
                "period and press Enter.",
            ),
        )
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.detail.addWidget(self.empty)
        self.detail.addWidget(self._statement_page(self.detail))
        split.addWidget(self.detail)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 4)
        split.setSizes([120, 600])
        self.split = split
        outer.addWidget(split, 1)

        self.message = _label(self, "message")
        self.message.setWordWrap(True)
        outer.addWidget(self.message)

    def _statement_page(self, parent: QWidget) -> QWidget:
        page = QWidget(parent)
        page.setObjectName("statementPage")
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.setSpacing(6)

        head = QHBoxLayout()
        head.setSpacing(8)
        self.statement_no = _label(page, "statementNo")
        self.statement_no.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        head.addWidget(self.statement_no)
        self.state_badge = _label(page, "stateBadge")
        head.addWidget(self.state_badge)
        names = QVBoxLayout()
        names.setSpacing(0)
        self.heading = _label(page, "statementHeading")
        self.heading.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.info = _label(page, "statementInfo")
        self.info.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        names.addWidget(self.heading)
        names.addWidget(self.info)
        head.addLayout(names, 1)
        self.refresh = _button(
            page, "refreshButton", QCoreApplication.translate("SettlementScreen", "Recount")
        )
        self.refresh.setToolTip(
            QCoreApplication.translate(
                "SettlementScreen", "Count the draft again from the records as they are now"
            )
        )
        self.confirm = _button(
            page, "approveButton", QCoreApplication.translate("SettlementScreen", "Confirm")
        )
        self.confirm.setToolTip(
            QCoreApplication.translate(
                "SettlementScreen",
                "Freeze the figures: records arriving later go into the next period",
            )
        )
        self.settle = _button(
            page, "settleButton", QCoreApplication.translate("SettlementScreen", "Record payment")
        )
        self.export_pdf = _button(
            page, "exportPdf", QCoreApplication.translate("SettlementScreen", "Export PDF")
        )
        self.export_xlsx = _button(
            page, "exportXlsx", QCoreApplication.translate("SettlementScreen", "Export XLSX")
        )
        self.export_archive = _button(
            page, "exportArchive", QCoreApplication.translate("SettlementScreen", "Month archive")
        )
        self.export_archive.setToolTip(
            QCoreApplication.translate(
                "SettlementScreen",
                "Every sale and refund of the store's month and its statements, for audit (XLSX)",
            )
        )
        for b in (
            self.refresh,
            self.confirm,
            self.settle,
            self.export_pdf,
            self.export_xlsx,
            self.export_archive,
        ):
            head.addWidget(b)
        layout.addLayout(head)

        body = QSplitter(Qt.Orientation.Horizontal, page)
        body.setObjectName("statementBody")
        body.setChildrenCollapsible(False)
        scroll = QScrollArea(body)
        scroll.setObjectName("figuresScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.figures = FiguresCard(scroll)
        scroll.setWidget(self.figures)
        scroll.setMinimumWidth(420)
        body.addWidget(scroll)

        drill = QGroupBox(
            QCoreApplication.translate("SettlementScreen", "Records behind the figure"), body
        )
        drill.setObjectName("drillBox")
        dl = QVBoxLayout(drill)
        dl.setContentsMargins(8, 10, 8, 8)
        dl.setSpacing(6)
        row = QHBoxLayout()
        self.drill = QComboBox(drill)
        self.drill.setObjectName("drillChoice")
        self.drill.setMinimumWidth(200)
        row.addWidget(self.drill)
        row.addStretch(1)
        self.drill_count = _label(drill, "drillCount")
        row.addWidget(self.drill_count)
        dl.addLayout(row)
        self.records = table_view("recordsTable", drill)
        dl.addWidget(self.records, 1)
        body.addWidget(drill)
        # the figures keep their width; the records table takes what the window gives
        body.setStretchFactor(0, 0)
        body.setStretchFactor(1, 1)
        body.setSizes([540, 640])
        self.body = body
        layout.addWidget(body, 1)
        return page


__all__ = [
    "COMPUTED_FIGURES",
    "SALES_FIGURES",
    "SETTLEMENT_FIGURES",
    "STYLE",
    "FiguresCard",
    "SettleDialog",
    "SettlementAreaView",
    "set_flag",
]
