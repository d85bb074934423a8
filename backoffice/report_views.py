"""Layout of 数据统计 (reports): the filter bar, a row of KPI cards, three charts (the revenue
trend, the payment-method mix, the top-10 products) and the report tables in tabs, with the export
buttons beside the tabs. Behaviour lives in ``report_screen``; the tables' columns in
``report_models``.

Sized for the back office's 1366×768 window (the area is about 1180 px wide): everything fits
without scrolling there; a smaller window scrolls instead of squeezing the charts. The charts
take integer fen and show yuan; their strings go through Qt's translation (context
``ReportScreen``).
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from datetime import date

from PySide6.QtCharts import (
    QAbstractBarSeries,
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QChartView,
    QDateTimeAxis,
    QHorizontalBarSeries,
    QLineSeries,
    QPieSeries,
    QValueAxis,
)
from PySide6.QtCore import QCoreApplication, QDate, QDateTime, QMargins, QPointF, Qt, QTime
from PySide6.QtGui import QBrush, QColor, QCursor, QFont, QPainter, QPen
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from backoffice.views import table_view
from shared.qt.money import fmt_fen

BRAND = "#1565c0"
INK_SOFT = "#546e7a"
GRID = "#e0e6ea"
#: a payment method's colour in the pie (others take the palette in turn)
METHOD_COLOURS = {
    "cash": "#2e7d32",
    "wechat": "#07c160",
    "alipay": "#1677ff",
    "card": "#6a1b9a",
    "balance": "#f9a825",
    "points": "#ef6c00",
}
PALETTE = ("#00838f", "#ad1457", "#5d4037", "#455a64", "#9e9d24", "#c62828")
#: the longest product name a bar's label shows (CJK characters are wide)
BAR_LABEL_CHARS = 9

STYLE = """
#reportContent { background: #f4f6f8; }
#kpiCard, #chartCard {
    background: #ffffff;
    border: 1px solid #dde3e8;
    border-radius: 8px;
}
#kpiTitle { color: #546e7a; font-size: 12px; }
#kpiNote { color: #78909c; font-size: 12px; }
#chartTitle { font-weight: 600; color: #37474f; }
#chartEmpty { color: #90a4ae; }
QTabWidget::pane { border: 1px solid #cfd8dc; background: #ffffff; top: -1px; }
QTabBar::tab {
    background: #eceff1;
    border: 1px solid #cfd8dc;
    padding: 5px 12px;
    margin-right: 2px;
    border-top-left-radius: 4px;
    border-top-right-radius: 4px;
}
#exportCsv, #exportXlsx { padding: 2px 10px; min-height: 22px; }
QTabBar::tab:selected { background: #ffffff; color: #1565c0; font-weight: 600; border-bottom-color: #ffffff; }
"""


def _yuan(fen: int) -> float:
    """For drawing only: the figures themselves stay integer fen."""
    return fen / 100


def _small_font(point_size: int = 8) -> QFont:
    font = QFont()
    font.setPointSize(point_size)
    return font


def short_label(text: str, limit: int = BAR_LABEL_CHARS) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


class KpiCard(QFrame):
    """A figure in large type, its name above, a note below; a coloured stripe on the left."""

    def __init__(self, key: str, accent: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("kpiCard")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 10, 0)
        row.setSpacing(10)
        stripe = QFrame(self)
        stripe.setFixedWidth(4)
        stripe.setStyleSheet(
            f"background: {accent}; border: none; border-top-left-radius: 8px;"
            " border-bottom-left-radius: 8px;"
        )
        row.addWidget(stripe)
        col = QVBoxLayout()
        col.setContentsMargins(0, 8, 0, 8)
        col.setSpacing(2)
        self.title = QLabel(self)
        self.title.setObjectName("kpiTitle")
        self.value = QLabel("—", self)
        self.value.setObjectName(f"kpi_{key}")
        self.value.setProperty("role", "value")
        self.value.setStyleSheet("font-size: 22px; font-weight: 600; color: #1a1a1a;")
        self.value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.note = QLabel(self)
        self.note.setObjectName("kpiNote")
        for label in (self.title, self.value, self.note):
            col.addWidget(label)
        row.addLayout(col, 1)

    def show_figure(self, value: str, note: str = "") -> None:
        self.value.setText(value)
        self.note.setText(note)


class ChartCard(QFrame):
    """A chart under its title, or "No data" when there is nothing to draw."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("chartCard")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 6)
        layout.setSpacing(2)
        self.title = QLabel(self)
        self.title.setObjectName("chartTitle")
        layout.addWidget(self.title)
        self.chart = QChart()
        self.chart.setBackgroundVisible(False)
        self.chart.setMargins(QMargins(0, 0, 0, 0))
        self.chart.layout().setContentsMargins(0, 0, 0, 0)
        self.chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        self.chart.legend().hide()
        self.view = QChartView(self.chart, self)
        self.view.setObjectName(name)
        self.view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.view.setFrameShape(QFrame.Shape.NoFrame)
        self.view.setStyleSheet("background: transparent;")
        self.empty = QLabel(self)
        self.empty.setObjectName("chartEmpty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setText(QCoreApplication.translate("ReportScreen", "No data in this period"))
        self.body = QWidget(self)
        self.body_layout = QHBoxLayout(self.body)
        self.body_layout.setContentsMargins(0, 0, 0, 0)
        self.body_layout.setSpacing(6)
        self.body_layout.addWidget(self.view, 1)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.body)
        self.stack.addWidget(self.empty)
        layout.addWidget(self.stack, 1)

    def set_empty(self, empty: bool) -> None:
        self.stack.setCurrentWidget(self.empty if empty else self.body)

    @property
    def is_empty(self) -> bool:
        return self.stack.currentWidget() is self.empty


class TrendChart(ChartCard):
    """Revenue per business day: a line over the period's days."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("trendChart", parent)
        self.series = QLineSeries()
        self.series.setName(QCoreApplication.translate("ReportScreen", "Revenue"))
        pen = QPen(QColor(BRAND))
        pen.setWidth(2)
        self.series.setPen(pen)
        self.series.setPointsVisible(True)
        self.chart.addSeries(self.series)
        self.x_axis = QDateTimeAxis()
        self.x_axis.setFormat("MM-dd")
        self.y_axis = QValueAxis()
        self.y_axis.setLabelFormat("%.0f")
        for axis, side in (
            (self.x_axis, Qt.AlignmentFlag.AlignBottom),
            (self.y_axis, Qt.AlignmentFlag.AlignLeft),
        ):
            axis.setLabelsFont(_small_font())
            axis.setGridLineColor(QColor(GRID))
            axis.setLinePenColor(QColor(GRID))
            self.chart.addAxis(axis, side)
            self.series.attachAxis(axis)
        self._days: list[tuple[date, int]] = []
        self.series.hovered.connect(self._hovered)

    def show_days(self, days: Sequence[tuple[date, int]]) -> None:
        """``(business day, revenue in fen)`` for every day of the period, in order."""
        self._days = list(days)
        points = [QPointF(_msecs(day), _yuan(fen)) for day, fen in self._days]
        self.series.replace(points)
        self.series.setPointsVisible(len(points) <= 31)
        if not points:
            self.set_empty(True)
            return
        # half a day of room either side, so the first and last points are drawn whole
        first, last = self._days[0][0], self._days[-1][0]
        half = 12 * 3600 * 1000
        start, end = _msecs(first) - half, _msecs(last) + half - 1  # the last label: its day
        if first == last:  # one day: more room, so the axis has two labels
            start, end = start - 2 * half, end + 2 * half
        self.x_axis.setRange(
            QDateTime.fromMSecsSinceEpoch(start), QDateTime.fromMSecsSinceEpoch(end)
        )
        self.x_axis.setTickCount(max(2, min(len(points), 8)))
        values = [fen for _, fen in self._days]
        low, high = min(0, *values), max(0, *values)
        if low == high:
            high = 10_000  # ￥100: an empty period still draws a sensible grid
        self.y_axis.setRange(_yuan(low), _yuan(high) * 1.1 if high > 0 else 0)
        self.y_axis.applyNiceNumbers()
        self.set_empty(not any(values))

    def _hovered(self, point: QPointF, state: bool) -> None:
        if not state or not self._days:
            QToolTip.hideText()
            return
        index = min(range(len(self._days)), key=lambda i: abs(_msecs(self._days[i][0]) - point.x()))
        day, fen = self._days[index]
        QToolTip.showText(QCursor.pos(), f"{day.isoformat()}  {fmt_fen(fen)}")


def _msecs(day: date) -> int:
    """Noon of ``day`` on the chart's time axis."""
    return QDateTime(QDate(day.year, day.month, day.day), QTime(12, 0)).toMSecsSinceEpoch()


class PieChart(ChartCard):
    """The payment-method mix: each method's positive net, its share in the legend."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("paymentChart", parent)
        self.series = QPieSeries()
        self.series.setHoleSize(0.45)
        self.series.setPieSize(0.9)
        self.chart.addSeries(self.series)
        self.legend = QWidget(self.body)
        self.legend.setObjectName("pieLegend")
        self.legend_layout = QVBoxLayout(self.legend)
        self.legend_layout.setContentsMargins(0, 0, 0, 0)
        self.legend_layout.setSpacing(6)
        self.legend_labels: list[QLabel] = []
        self.body_layout.addWidget(self.legend, 0, Qt.AlignmentFlag.AlignVCenter)

    def show_methods(self, slices: Sequence[tuple[str, str, int]]) -> None:
        """``(method, its name, net fen)``; methods at zero or below are left out."""
        self.series.clear()
        shown = [(m, name, fen) for m, name, fen in slices if fen > 0]
        whole = sum(fen for _, _, fen in shown)
        for label in self.legend_labels:
            self.legend_layout.removeWidget(label)
            label.deleteLater()
        self.legend_labels = []
        for i, (method, name, fen) in enumerate(shown):
            share = fen * 100 / whole
            piece = self.series.append(f"{name} {share:.1f}%", _yuan(fen))
            colour = METHOD_COLOURS.get(method) or PALETTE[i % len(PALETTE)]
            label = QLabel(self.legend)
            label.setObjectName(f"legend_{method}")
            label.setTextFormat(Qt.TextFormat.RichText)
            label.setText(
                f'<span style="color:{colour}; font-size:14px;">●</span> {html.escape(name)}'
                f'<br><span style="color:{INK_SOFT};">{share:.1f}% · {fmt_fen(fen)}</span>'
            )
            self.legend_layout.addWidget(label)
            self.legend_labels.append(label)
            piece.setBrush(QBrush(QColor(colour)))
            piece.setBorderColor(QColor("#ffffff"))
            piece.setProperty("method", method)
            piece.hovered.connect(lambda on, piece=piece, fen=fen: self._hovered(piece, on, fen))
        self.set_empty(not shown)

    def _hovered(self, piece, on: bool, fen: int) -> None:
        piece.setExploded(on)
        if on:
            QToolTip.showText(QCursor.pos(), f"{piece.label()}  {fmt_fen(fen)}")
        else:
            QToolTip.hideText()


class BarChart(ChartCard):
    """The top products: one horizontal bar each, the first at the top."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("topChart", parent)
        self.series = QHorizontalBarSeries()
        self.series.setBarWidth(0.7)
        self.series.setLabelsVisible(True)
        self.series.setLabelsPosition(QAbstractBarSeries.LabelsPosition.LabelsOutsideEnd)
        self.series.setLabelsFormat("@value")
        self.series.setLabelsPrecision(12)
        self.bars = QBarSet(QCoreApplication.translate("ReportScreen", "Net amount"))
        self.bars.setColor(QColor(BRAND))
        self.bars.setBorderColor(QColor(BRAND))
        self.bars.setLabelColor(QColor(INK_SOFT))
        self.bars.setLabelFont(_small_font())
        self.series.append(self.bars)
        self.chart.addSeries(self.series)
        self.y_axis = QBarCategoryAxis()
        self.y_axis.setTruncateLabels(False)  # the names are shortened here, to a known width
        self.y_axis.setLabelsFont(_small_font())
        self.y_axis.setGridLineVisible(False)
        self.y_axis.setLinePenColor(QColor(GRID))
        self.x_axis = QValueAxis()
        self.x_axis.setLabelFormat("%.0f")
        self.x_axis.setLabelsFont(_small_font())
        self.x_axis.setGridLineColor(QColor(GRID))
        self.x_axis.setLinePenColor(QColor(GRID))
        self.chart.addAxis(self.y_axis, Qt.AlignmentFlag.AlignLeft)
        self.chart.addAxis(self.x_axis, Qt.AlignmentFlag.AlignBottom)
        self.series.attachAxis(self.y_axis)
        self.series.attachAxis(self.x_axis)
        self._names: list[str] = []
        self.series.hovered.connect(self._hovered)

    def show_products(self, products: Sequence[tuple[str, int]]) -> None:
        """``(name, net fen)`` best first."""
        ranked = list(products)
        # a bar chart draws its first category at the bottom: best last
        order = list(reversed(ranked))
        self._names = [name for name, _ in order]
        self.bars.remove(0, self.bars.count())
        self.bars.append([_yuan(fen) for _, fen in order])
        self.y_axis.clear()
        count = len(ranked)
        self.y_axis.append(
            [f"{count - i}. {short_label(name)}" for i, (name, _) in enumerate(order)]
        )
        high = max([fen for _, fen in ranked] + [0])
        self.x_axis.setRange(0, _yuan(high) * 1.2 if high > 0 else 100)
        self.x_axis.applyNiceNumbers()
        self.x_axis.setTickCount(4)
        self.set_empty(not ranked)

    def _hovered(self, on: bool, index: int, _bars) -> None:
        if on and 0 <= index < len(self._names):
            QToolTip.showText(
                QCursor.pos(), f"{self._names[index]}  {fmt_fen(round(self.bars.at(index) * 100))}"
            )
        else:
            QToolTip.hideText()


class ReportView(QWidget):
    """The area's widget. Texts that never change are set here; figures by the screen."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reports")
        self.setStyleSheet(STYLE)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        outer.addWidget(self.scroll)
        content = QWidget()
        content.setObjectName("reportContent")
        self.scroll.setWidget(content)
        layout = QVBoxLayout(content)
        layout.setContentsMargins(12, 10, 12, 8)
        layout.setSpacing(8)

        bar = QHBoxLayout()
        bar.setSpacing(8)
        self.title = QLabel(QCoreApplication.translate("ReportScreen", "Reports"), content)
        self.title.setObjectName("areaTitle")
        bar.addWidget(self.title)
        bar.addSpacing(8)
        self.store = QComboBox(content)
        self.store.setObjectName("reportStore")
        self.store.setMinimumWidth(190)
        self.store.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        bar.addWidget(self.store)
        self.preset = QComboBox(content)
        self.preset.setObjectName("reportPreset")
        bar.addWidget(self.preset)
        self.date_from = QDateEdit(content)
        self.date_to = QDateEdit(content)
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.date_from.setObjectName("reportFrom")
        self.date_to.setObjectName("reportTo")
        bar.addWidget(self.date_from)
        bar.addWidget(QLabel("—", content))
        bar.addWidget(self.date_to)
        self.refresh = QPushButton(QCoreApplication.translate("ReportScreen", "Query"), content)
        self.refresh.setObjectName("primaryButton")
        bar.addWidget(self.refresh)
        bar.addStretch(1)
        self.summary = QLabel(content)
        self.summary.setObjectName("summary")
        bar.addWidget(self.summary)
        layout.addLayout(bar)

        kpis = QHBoxLayout()
        kpis.setSpacing(10)
        self.kpis: dict[str, KpiCard] = {}
        for key, title, accent in (
            ("today", QCoreApplication.translate("ReportScreen", "Today's revenue"), BRAND),
            ("month", QCoreApplication.translate("ReportScreen", "Revenue this month"), "#00838f"),
            ("period", QCoreApplication.translate("ReportScreen", "Revenue in period"), "#2e7d32"),
            ("orders", QCoreApplication.translate("ReportScreen", "Orders in period"), "#6a1b9a"),
            ("ticket", QCoreApplication.translate("ReportScreen", "Average ticket"), "#ef6c00"),
        ):
            card = KpiCard(key, accent, content)
            card.title.setText(title)
            kpis.addWidget(card, 1)
            self.kpis[key] = card
        layout.addLayout(kpis)

        charts = QHBoxLayout()
        charts.setSpacing(10)
        self.trend = TrendChart(content)
        self.trend.title.setText(QCoreApplication.translate("ReportScreen", "Revenue trend"))
        self.pie = PieChart(content)
        self.pie.title.setText(QCoreApplication.translate("ReportScreen", "Payment methods"))
        self.top = BarChart(content)
        self.top.title.setText(QCoreApplication.translate("ReportScreen", "Top 10 products"))
        charts.addWidget(self.trend, 5)
        charts.addWidget(self.pie, 3)
        charts.addWidget(self.top, 4)
        charts_box = QWidget(content)
        charts_box.setLayout(charts)
        charts.setContentsMargins(0, 0, 0, 0)
        charts_box.setMinimumHeight(220)
        layout.addWidget(charts_box, 3)

        self.tabs = QTabWidget(content)
        self.tabs.setObjectName("reportTabs")
        self.tabs.setDocumentMode(False)
        self.tabs.setUsesScrollButtons(True)
        self.tabs.setMinimumHeight(220)
        corner = QWidget(self.tabs)
        corner_row = QHBoxLayout(corner)
        corner_row.setContentsMargins(0, 0, 0, 4)
        corner_row.setSpacing(6)
        self.export_csv = QPushButton(
            QCoreApplication.translate("ReportScreen", "Export CSV"), corner
        )
        self.export_csv.setObjectName("exportCsv")
        self.export_xlsx = QPushButton(
            QCoreApplication.translate("ReportScreen", "Export XLSX"), corner
        )
        self.export_xlsx.setObjectName("exportXlsx")
        corner_row.addWidget(self.export_csv)
        corner_row.addWidget(self.export_xlsx)
        self.tabs.setCornerWidget(corner, Qt.Corner.TopRightCorner)
        layout.addWidget(self.tabs, 4)
        self.tables: dict[str, QTableView] = {}

        self.message = QLabel(content)
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)

    def add_table(self, key: str, model, title: str, stretch: int = 0) -> QTableView:
        """A tab holding ``model``'s table; column ``stretch`` takes the width left over."""
        table = table_view(f"{key}Table", self.tabs)
        table.setModel(model)
        header = table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
        self.tabs.addTab(table, title)
        self.tables[key] = table
        return table
