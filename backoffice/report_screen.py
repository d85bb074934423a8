"""数据统计 (SPEC §12): the dashboard and report tables of the stores the manager may read.

Filters: a store (managers: their stores; admins: every store, or all at once) and a range of
business days, picked by a preset (today, yesterday, the last 7 or 30 days, this or last month)
or by hand. One query reads every figure in one read transaction on the runner's read lane
(``ReportBackend.report``); an answer for filters since replaced is dropped.

Shows: KPI cards (today's and this month's revenue, the period's revenue, orders and average
ticket), the revenue trend per day, the payment-method mix, the top-10 products, and tabs for
the daily figures, sales by store / cashier / guide, top products, payment methods, coupon
verifications, card-key stock and issue rate, low stock and shift variances. Each tab exports to
CSV or XLSX (``area_kit``), off the GUI thread.

Behaviour only: the layout is ``report_views``, the columns ``report_models``, the figures and
what they mean ``services.reports``.
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QCoreApplication, QDate, QObject, QSignalBlocker
from PySide6.QtWidgets import QWidget

from backoffice import export
from backoffice.area_kit import SavePathAsker, ask_path, run_export, save_dialog
from backoffice.messages import describe as describe_common
from backoffice.report_backend import ReportBackend
from backoffice.report_models import ReportTable, make_models
from backoffice.report_views import ReportView
from backoffice.views import set_message
from shared.domain.clock import Clock, business_date
from shared.domain.errors import DomainError
from shared.qt.errors import method_name
from shared.qt.money import fmt_fen
from shared.qt.operations import OperationRunner
from shared.services.auth import Actor
from shared.services.reports import MAX_DAYS, Report, ReportQuery, StoreChoice

#: "today" for the date presets (the service reads each store's own business days)
CHINA_TZ = "Asia/Shanghai"
PRESETS = ("today", "yesterday", "last7", "last30", "month", "last_month", "custom")


def describe(exc: BaseException) -> str:
    """A refusal of the reports in the interface language (the rest: the back office's)."""
    if isinstance(exc, DomainError):
        d = exc.details
        text = {
            "store_not_allowed": lambda: QCoreApplication.translate(
                "ReportScreen", "You may not read the reports of store {store}"
            ).format(store=d.get("store", "")),
            "report_range": lambda: QCoreApplication.translate(
                "ReportScreen", "A report covers at most {days} days: choose a shorter period"
            ).format(days=d.get("limit", MAX_DAYS)),
            "date_range": lambda: QCoreApplication.translate(
                "ReportScreen", "The date range ends before it starts"
            ),
            "unknown_store": lambda: QCoreApplication.translate("ReportScreen", "No such store"),
            "permission_denied": lambda: QCoreApplication.translate(
                "ReportScreen", "You may not read reports"
            ),
        }.get(exc.code)
        if text is not None:
            return text()
    return describe_common(exc)


def preset_range(preset: str, today: date) -> tuple[date, date] | None:
    """The days a preset names (None: custom)."""
    if preset == "today":
        return today, today
    if preset == "yesterday":
        day = today - timedelta(days=1)
        return day, day
    if preset == "last7":
        return today - timedelta(days=6), today
    if preset == "last30":
        return today - timedelta(days=29), today
    if preset == "month":
        return today.replace(day=1), today
    if preset == "last_month":
        end = today.replace(day=1) - timedelta(days=1)
        return end.replace(day=1), end
    return None


class ReportScreen(QObject):
    def __init__(
        self,
        runner: OperationRunner,
        backend: ReportBackend,
        actor: Actor,
        *,
        parent: QWidget,
        clock: Clock,
        ask_save_path: SavePathAsker | None = None,
    ) -> None:
        super().__init__(parent)
        self.runner = runner
        self.backend = backend
        self.actor = actor
        self.clock = clock
        self.widget = ReportView(parent)
        self.view = self.widget
        self.ask_save_path: SavePathAsker = ask_save_path or save_dialog(
            self.widget, self.tr("Export report")
        )
        self.report: Report | None = None
        self.query = ReportQuery()
        self._generation = 0
        self._loading = False
        self.models: dict[str, ReportTable] = make_models(self)
        for key, model in self.models.items():
            self.view.add_table(key, model, model.title, model.stretch)
        self._texts()
        self._wire()

    # -- layout texts ---------------------------------------------------------------------------
    def _texts(self) -> None:
        v = self.view
        names = {
            "today": self.tr("Today"),
            "yesterday": self.tr("Yesterday"),
            "last7": self.tr("Last 7 days"),
            "last30": self.tr("Last 30 days"),
            "month": self.tr("This month"),
            "last_month": self.tr("Last month"),
            "custom": self.tr("Custom"),
        }
        for key in PRESETS:
            v.preset.addItem(names[key], key)
        v.preset.setCurrentIndex(PRESETS.index("month"))
        self._apply_preset("month")
        v.date_from.setToolTip(self.tr("First business day"))
        v.date_to.setToolTip(self.tr("Last business day"))
        v.export_csv.setToolTip(self.tr("Export the table shown to CSV"))
        v.export_xlsx.setToolTip(self.tr("Export the table shown to XLSX"))

    def _today(self) -> date:
        return business_date(self.clock.now(), CHINA_TZ)

    def _apply_preset(self, preset: str) -> None:
        days = preset_range(preset, self._today())
        if days is None:
            return
        v = self.view
        for edit, day in ((v.date_from, days[0]), (v.date_to, days[1])):
            with QSignalBlocker(edit):
                edit.setDate(QDate(day))

    # -- behaviour ------------------------------------------------------------------------------
    def _wire(self) -> None:
        v = self.view
        v.refresh.clicked.connect(self.refresh)
        v.store.activated.connect(lambda _i: self.refresh())
        v.preset.activated.connect(self._preset_chosen)
        v.date_from.dateChanged.connect(self._dates_edited)
        v.date_to.dateChanged.connect(self._dates_edited)
        v.export_csv.clicked.connect(lambda: self.export(".csv"))
        v.export_xlsx.clicked.connect(lambda: self.export(".xlsx"))

    def start(self) -> None:
        """Load the stores for the filter, then the figures."""
        backend, actor = self.backend, self.actor
        self.runner.run(
            lambda: backend.stores(actor),
            kind="read",
            on_done=self._stores_loaded,
            on_error=lambda exc: set_message(self.view.message, describe(exc)),
            owner=self.widget,
            label="report stores",
        )

    def _stores_loaded(self, stores: list[StoreChoice]) -> None:
        combo = self.view.store
        combo.clear()
        if len(stores) != 1:
            combo.addItem(self.tr("All stores"), None)
        for s in stores:
            combo.addItem(f"{s.code} {s.name}", s.code)
        self.refresh()

    def _preset_chosen(self, _index: int) -> None:
        preset = self.view.preset.currentData()
        if preset != "custom":
            self._apply_preset(preset)
            self.refresh()

    def _dates_edited(self, _day: QDate) -> None:
        """A date changed by hand: the period is now a custom one (asked for with Query)."""
        combo = self.view.preset
        with QSignalBlocker(combo):
            combo.setCurrentIndex(PRESETS.index("custom"))

    def filters(self) -> ReportQuery:
        v = self.view
        return ReportQuery(
            store_code=v.store.currentData(),
            date_from=v.date_from.date().toPython(),
            date_to=v.date_to.date().toPython(),
        )

    def refresh(self) -> None:
        """Read every figure for the filters shown."""
        self.query = query = self.filters()
        self._generation += 1
        generation = self._generation
        set_message(self.view.message, "", "info")
        self.view.summary.setText(self.tr("Loading…"))
        self._loading = True
        actor, backend = self.actor, self.backend
        self.runner.run(
            lambda: backend.report(actor, query),
            kind="read",
            lane="report",
            on_done=lambda report: self._arrived(generation, report),
            on_error=lambda exc: self._failed(generation, exc),
            owner=self.widget,
            label="report",
        )

    @property
    def loading(self) -> bool:
        """A query is on its way (the figures shown are the previous filters')."""
        return self._loading

    def _failed(self, generation: int, exc: BaseException) -> None:
        if generation != self._generation:
            return
        self._loading = False
        self.view.summary.setText("")
        set_message(self.view.message, describe(exc))

    def _arrived(self, generation: int, report: Report) -> None:
        if generation != self._generation:
            return  # the filters changed meanwhile: a newer answer is on its way
        self.report = report
        self._loading = False
        self._show_kpis(report)
        self._show_charts(report)
        self._show_tables(report)
        store = report.store_code or self.tr("All stores")
        self.view.summary.setText(
            self.tr("{store} · {first} to {last}").format(
                store=store, first=report.date_from.isoformat(), last=report.date_to.isoformat()
            )
        )
        if report.low_stock_total > len(report.low_stock):
            set_message(
                self.view.message,
                self.tr(
                    "Low stock: the {shown} furthest below their limits of {total} are listed; "
                    "the Low stock area lists every one"
                ).format(shown=len(report.low_stock), total=report.low_stock_total),
                "info",
            )

    def _show_kpis(self, r: Report) -> None:
        k = self.view.kpis
        k["today"].show_figure(
            fmt_fen(r.today_figures.revenue_fen),
            self.tr("Orders: {count} · {day}").format(
                count=r.today_figures.orders, day=r.today.strftime("%m-%d")
            ),
        )
        k["month"].show_figure(
            fmt_fen(r.month_figures.revenue_fen),
            self.tr("Orders since the 1st: {count}").format(count=r.month_figures.orders),
        )
        k["period"].show_figure(
            fmt_fen(r.period.revenue_fen),
            self.tr("Sales {sales} · refunds {refunds}").format(
                sales=fmt_fen(r.period.sales_fen), refunds=fmt_fen(r.period.refunds_fen)
            ),
        )
        k["orders"].show_figure(
            f"{r.period.orders:,}",
            self.tr("Refunds: {count}").format(count=r.period.refunds),
        )
        ticket = r.period.average_ticket_fen
        k["ticket"].show_figure(
            fmt_fen(ticket) if ticket is not None else "—",
            self.tr("Sales ÷ orders"),
        )

    def _show_charts(self, r: Report) -> None:
        v = self.view
        v.trend.show_days([(d.day, d.revenue_fen) for d in r.trend])
        v.pie.show_methods([(m.method, method_name(m.method), m.net_fen) for m in r.payments])
        v.top.show_products([(p.name or p.sku_code, p.amount_fen) for p in r.top_products])

    def _show_tables(self, r: Report) -> None:
        rows = {
            "daily": list(reversed(r.trend)),  # the latest day first
            "stores": r.by_store,
            "cashiers": r.by_cashier,
            "guides": r.by_guide,
            "products": r.top_products,
            "payments": r.payments,
            "coupons": r.coupons,
            "card_keys": r.card_keys,
            "low_stock": r.low_stock,
            "variances": r.variances,
        }
        counts = {"low_stock": r.low_stock_total}
        tabs = self.view.tabs
        for i, (key, model) in enumerate(self.models.items()):
            model.set_rows(rows[key])
            count = counts.get(key, len(rows[key]))
            tabs.setTabText(i, f"{model.title} ({count})" if key != "daily" else model.title)

    # -- export ---------------------------------------------------------------------------------
    def current_table(self) -> ReportTable:
        return list(self.models.values())[self.view.tabs.currentIndex()]

    def export(self, suffix: str) -> None:
        """The table shown, as CSV or XLSX, with the headers shown and amounts in yuan."""
        if self.report is None:
            return
        model = self.current_table()
        r = self.report
        parts = [model.stem, r.store_code or "all", r.date_from.isoformat(), r.date_to.isoformat()]
        path = ask_path(self.ask_save_path, "-".join(parts), suffix)
        if path is None:
            return
        headers, rows = model.headers(), model.export_rows()
        run_export(
            self.runner,
            describe=describe,
            message=self.view.message,
            owner=self.widget,
            path=path,
            job=lambda: export.write_table(path, headers, [rows]),
            label="export report",
        )
