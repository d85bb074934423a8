"""数据统计 (reports) in the back office: the KPI cards, the trend / payment / top-10 charts and
the report tables show the figures of a week of sales made through the counter's services at two
stores; the store and period filters; a manager sees their store only; a table exported to CSV
and read back; the table models on their own; and the dashboard's screenshot.

The area is built the way the back office's composition root builds an area (the window's
operation runner, the central database's clock), and added to the navigation when the root does
not register it itself.
"""

from __future__ import annotations

import csv
import shutil
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidgetItem
from sqlalchemy import select

from backoffice.report_models import (
    TABLES,
    coupon_model,
    fmt_rate,
    low_stock_model,
    make_models,
    payment_model,
    product_model,
    store_model,
    variance_model,
)
from backoffice.report_screen import PRESETS, ReportScreen, preset_range
from shared.db.engine import sqlite_url
from shared.db.models import Staff
from shared.db.queries.reports import (
    CouponUseRow,
    LowStockRow,
    MethodRow,
    ProductRow,
    StoreRow,
    VarianceRow,
)
from shared.db.uow import Database
from shared.domain.clock import FixedClock
from shared.domain.ids import new_id
from shared.domain.tenders import Tender
from shared.qt.money import fmt_fen
from shared.services import auth, catalog, refunds, sales, shifts
from shared.services.context import TerminalContext, load_terminal
from shared.services.runtime import open_database
from shared.services.terminal_setup import register
from shared.sync.gateway import InProcessGateway
from shared.sync.push import push_pending
from tests.gui.helpers import screenshot

TODAY = date(2026, 11, 22)
DAYS = 7
#: per day at S01: (product indexes, method, with the guide)
S01_SALES = (
    ((10, 11), "cash", True),
    ((12,), "wechat", False),
    ((13, 14, 15), "alipay", True),
    ((16,), "card", False),
    ((17, 18), "wechat", False),
)
#: per day at S02
S02_SALES = (((20, 21), "cash", False), ((22,), "alipay", False))


@dataclass
class Till:
    db: Database
    ctx: TerminalContext
    cashier: auth.Actor


@dataclass
class Site:
    central: Database
    clock: FixedClock
    products: list[dict]
    #: (store, day) -> revenue in fen, orders
    revenue: dict[tuple[str, date], int] = field(default_factory=lambda: defaultdict(int))
    orders: dict[tuple[str, date], int] = field(default_factory=lambda: defaultdict(int))
    methods: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    skus: set[str] = field(default_factory=set)

    def total(self, stores: set[str], first: date, last: date) -> int:
        return sum(v for (s, d), v in self.revenue.items() if s in stores and first <= d <= last)

    def count(self, stores: set[str], first: date, last: date) -> int:
        return sum(v for (s, d), v in self.orders.items() if s in stores and first <= d <= last)


def _actor(db: Database, account: str) -> auth.Actor:
    with db.reader() as uow:
        staff = uow.session.scalars(select(Staff).where(Staff.account == account)).one()
        return auth.actor_for(uow, staff)


def _sell(site: Site, till: Till, store: str, codes: list[str], method: str, guide: str | None):
    from shared.domain.cart import Cart

    cart = Cart(guide_id=guide)
    for code in codes:
        with till.db.reader() as uow:
            cart.add(catalog.scan(uow, till.ctx, code))
    total = cart.totals().total_fen
    ref = None if method == "cash" else f"T{new_id().hex}"
    with till.db.uow() as uow:
        done = sales.complete_sale(
            uow, till.ctx, till.cashier, cart, [Tender(method, total, provider_ref=ref)]
        )
    day = site.clock.now().date()
    site.revenue[(store, day)] += done.total_fen
    site.orders[(store, day)] += 1
    site.methods[method] += done.total_fen
    site.skus.update(codes)
    return done


@pytest.fixture
def site(tmp_path, demo_template) -> Site:
    """The demo central database with a week of sales at S01 (terminal 1) and S02 (terminal 3),
    a refund and closed shifts, made day by day on a fixed clock and pushed."""
    base, products = demo_template
    for name in ("central.db", "terminal.db"):
        shutil.copy(base / name, tmp_path / name)
    first_day = TODAY - timedelta(days=DAYS - 1)
    clock = FixedClock(datetime(first_day.year, first_day.month, first_day.day, 2, tzinfo=UTC))
    central_url = sqlite_url(tmp_path / "central.db")
    central = open_database(central_url, clock)
    s01_db = open_database(sqlite_url(tmp_path / "terminal.db"), clock)
    s02_db = open_database(sqlite_url(tmp_path / "s02.db"), clock)
    register(s02_db, InProcessGateway(central), store_code="S02", number=3, central_url=central_url)
    tills = {}
    for store, db, account in (("S01", s01_db, "cashier01"), ("S02", s02_db, "cashier03")):
        with db.reader() as uow:
            ctx = load_terminal(uow)
        tills[store] = Till(db, ctx, _actor(db, account))
    site = Site(central, clock, products)
    guide = _actor(central, "guide01").staff_id
    code = {i: f"P{i:06d}" for i in range(1, 61)}
    for n in range(DAYS):
        for store, plan in (("S01", S01_SALES[: 1 + (n * 3) % 5]), ("S02", S02_SALES)):
            if store == "S02" and n % 2:
                continue  # S02 trades every other day
            till = tills[store]
            with till.db.uow() as uow:
                shifts.open_shift(uow, till.ctx, till.cashier, 20_000)
            sold = []
            for items, method, with_guide in plan:
                codes = [code[i] for i in items] * (1 + n % 2)
                sold.append(_sell(site, till, store, codes, method, guide if with_guide else None))
            if store == "S01" and n == DAYS - 2:  # yesterday: the first sale goes back
                with till.db.uow() as uow:
                    back = refunds.refund(uow, till.ctx, till.cashier, sold[0].receipt_no)
                day = clock.now().date()
                site.revenue[(store, day)] -= back.total_fen
                for method, amount in back.by_method.items():
                    site.methods[method] -= amount
            with till.db.reader() as uow:
                shift = shifts.require_open_shift(uow.session, till.ctx)
                expected = shifts.shift_figures(uow.session, shift).expected_cash_fen
            with till.db.uow() as uow:
                shifts.close_shift(uow, till.ctx, till.cashier, expected + (n % 3 - 1) * 100)
        clock.advance(days=1)
    clock.at = datetime(TODAY.year, TODAY.month, TODAY.day, 6, tzinfo=UTC)  # 14:00 in Shanghai
    for till in tills.values():
        report = push_pending(till.db, InProcessGateway(central))
        assert report.pending == 0 and report.rejected == 0
    yield site
    for db in (s01_db, s02_db, central):
        db.dispose()


@pytest.fixture
def make_window(qtbot, site, tmp_path):
    from backoffice.app import build_backoffice

    windows = []
    out = tmp_path / "exports"
    out.mkdir()

    def make(account: str, password: str, *, language: str = "zh_CN"):
        window = build_backoffice(
            site.central,
            clock=site.clock,
            language=language,
            ask_save_path=lambda name, kind: str(out / name),
        )
        qtbot.addWidget(window)
        windows.append(window)
        window.resize(1366, 768)
        window.show()
        qtbot.waitExposed(window)
        login = window.login_page
        login.account.setText(account)
        login.password.setText(password)
        qtbot.mouseClick(login.sign_in, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: window.controller.actor is not None, timeout=10_000)
        return window, open_reports(qtbot, window, site, out)

    yield make
    for window in windows:
        window.runner.shutdown()


def open_reports(qtbot, window, site: Site, out) -> ReportScreen:
    """The reports area: the one the composition root registered, else built as it builds one."""
    from backoffice.report_backend import ReportBackend

    controller = window.controller
    main = window.main_page
    screen = controller.areas.get("reports")
    if screen is None:
        screen = ReportScreen(
            window.runner,
            ReportBackend(site.central),
            controller.actor,
            parent=main.areas,
            clock=site.clock,
            ask_save_path=lambda name, kind: str(out / name),
        )
        controller.areas["reports"] = screen
        main.areas.addWidget(screen.widget)
        main.nav.addItem(QListWidgetItem(screen.tr("Reports")))
        screen.start()
    main.nav.setCurrentRow(main.areas.indexOf(screen.widget))
    wait_report(qtbot, screen)
    return screen


def wait_report(qtbot, screen: ReportScreen) -> None:
    qtbot.waitUntil(lambda: screen.report is not None and not screen.loading, timeout=10_000)
    qtbot.waitUntil(lambda: screen.runner.idle, timeout=10_000)


def requery(qtbot, screen: ReportScreen, *, store=None, preset: str | None = None) -> None:
    v = screen.view
    index = next(i for i in range(v.store.count()) if v.store.itemData(i) == store)
    v.store.setCurrentIndex(index)
    if preset is not None:
        v.preset.setCurrentIndex(PRESETS.index(preset))
        v.preset.activated.emit(v.preset.currentIndex())  # as a click on the list does
    else:
        screen.refresh()
    wait_report(qtbot, screen)


def kpi(screen: ReportScreen, key: str) -> str:
    return screen.view.kpis[key].value.text()


def test_the_dashboard_shows_the_week_and_follows_the_filters(
    qtbot, site, make_window, screenshot_dir
):
    window, screen = make_window("admin", "admin1234")
    both = {"S01", "S02"}
    month = TODAY.replace(day=1)
    r = screen.report
    assert (r.date_from, r.date_to, r.today) == (month, TODAY, TODAY)
    assert screen.view.store.itemData(0) is None and screen.view.store.count() == 3

    # the KPI cards: integer fen in the figures, formatted only here
    assert kpi(screen, "today") == fmt_fen(site.total(both, TODAY, TODAY))
    assert kpi(screen, "month") == fmt_fen(site.total(both, month, TODAY))
    assert kpi(screen, "period") == fmt_fen(site.total(both, month, TODAY))
    orders = site.count(both, month, TODAY)
    assert kpi(screen, "orders") == f"{orders:,}"
    assert kpi(screen, "ticket") == fmt_fen(r.period.average_ticket_fen)
    assert r.period.average_ticket_fen == round(r.period.sales_fen / orders)

    # the trend: one point per business day of the month so far, at that day's revenue
    series = screen.view.trend.series
    assert series.count() == TODAY.day
    for i in range(series.count()):
        day = month + timedelta(days=i)
        assert series.at(i).y() == pytest.approx(site.total(both, day, day) / 100)
    busy = {d for (_, d), fen in site.revenue.items() if fen}
    assert sum(1 for i in range(series.count()) if series.at(i).y()) == len(busy) >= DAYS - 1
    # the payment mix: one slice per method with money left in it, in proportion
    pie = screen.view.pie.series
    nets = {m: v for m, v in site.methods.items() if v > 0}
    assert pie.count() == len(nets)
    assert sum(s.value() for s in pie.slices()) == pytest.approx(sum(nets.values()) / 100)
    assert {s.property("method") for s in pie.slices()} == set(nets)
    # the top 10: ten bars (more SKUs were sold), best at the top
    bars = screen.view.top.bars
    assert len(site.skus) > 10 and bars.count() == 10
    values = [bars.at(i) for i in range(bars.count())]
    assert values == sorted(values)  # drawn bottom-up
    assert values[-1] == pytest.approx(r.top_products[0].amount_fen / 100)

    # the tables: a tab each, with the row count in its title
    tabs = screen.view.tabs
    assert tabs.count() == len(TABLES)
    stores = screen.models["stores"]
    assert [row.store_code for row in stores.rows()] == ["S01", "S02"]
    assert tabs.tabText(TABLES.index("stores")).endswith("(2)")
    assert stores.index(0, 6).data() == fmt_fen(site.total({"S01"}, month, TODAY))
    assert screen.models["guides"].rowCount() == 1
    assert screen.models["variances"].rowCount() == 2

    # the screenshot: the whole month, every store, at the back office's size
    window.resize(1366, 768)
    qtbot.wait(100)
    assert not screen.view.scroll.verticalScrollBar().isVisible()  # everything fits
    screenshot(window, screenshot_dir / "backoffice-dashboard.png")

    # a store: its figures only, the others' gone
    requery(qtbot, screen, store="S02")
    assert screen.report.store_code == "S02"
    assert kpi(screen, "period") == fmt_fen(site.total({"S02"}, month, TODAY))
    assert kpi(screen, "today") == fmt_fen(site.total({"S02"}, TODAY, TODAY))
    assert [row.store_code for row in screen.models["stores"].rows()] == ["S02"]
    assert screen.models["guides"].rowCount() == 0

    # a preset: the last 7 days, every store
    requery(qtbot, screen, store=None, preset="last7")
    first, last = preset_range("last7", TODAY)
    assert (screen.report.date_from, screen.report.date_to) == (first, last)
    assert screen.view.trend.series.count() == 7
    assert kpi(screen, "period") == fmt_fen(site.total(both, first, last))

    # a period by hand that ends before it starts: refused, said on the message line
    screen.view.date_from.setDate(TODAY)
    screen.view.date_to.setDate(TODAY - timedelta(days=3))
    assert screen.view.preset.currentData() == "custom"
    screen.refresh()
    qtbot.waitUntil(lambda: not screen.loading, timeout=10_000)
    assert screen.view.message.property("level") == "error" and screen.view.message.text()


def test_export_a_table_to_csv_and_read_it_back(qtbot, site, make_window, tmp_path):
    window, screen = make_window("admin", "admin1234", language="en")
    tabs = screen.view.tabs
    tabs.setCurrentIndex(TABLES.index("stores"))
    model = screen.models["stores"]
    qtbot.mouseClick(screen.view.export_csv, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.view.message.text().endswith(".csv"), timeout=10_000)
    (path,) = (tmp_path / "exports").glob("*.csv")
    assert path.name.startswith("sales-by-store-all-")
    with path.open(encoding="utf-8-sig", newline="") as fh:
        table = list(csv.reader(fh))
    assert table[0] == model.headers()
    month = TODAY.replace(day=1)
    body = {row[0]: row for row in table[1:]}
    assert set(body) == {"S01", "S02"}
    revenue = model.headers().index("Revenue")
    for store in ("S01", "S02"):
        want = Decimal(site.total({store}, month, TODAY)) / 100
        assert Decimal(body[store][revenue]) == want
        assert body[store][model.headers().index("Orders")] == str(
            site.count({store}, month, TODAY)
        )

    # the same table as a workbook: numbers stay numbers
    qtbot.mouseClick(screen.view.export_xlsx, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.view.message.text().endswith(".xlsx"), timeout=10_000)
    from openpyxl import load_workbook

    sheet = load_workbook(next((tmp_path / "exports").glob("*.xlsx"))).active
    assert sheet.max_row == 3
    values = {sheet.cell(r, 1).value: sheet.cell(r, revenue + 1).value for r in (2, 3)}
    assert values["S01"] == pytest.approx(site.total({"S01"}, month, TODAY) / 100)


def test_a_manager_sees_their_store_only(qtbot, site, make_window):
    window, screen = make_window("manager01", "manager123")
    combo = screen.view.store
    assert combo.count() == 1 and combo.currentData() == "S01"
    month = TODAY.replace(day=1)
    assert screen.report.store_code == "S01"
    assert kpi(screen, "period") == fmt_fen(site.total({"S01"}, month, TODAY))
    assert [row.store_code for row in screen.models["stores"].rows()] == ["S01"]
    assert {row.store_code for row in screen.models["variances"].rows()} == {"S01"}
    # the service refuses another store even when asked directly (a stale filter, a forged one)
    from shared.domain.errors import PermissionDenied
    from shared.services.reports import ReportQuery

    with pytest.raises(PermissionDenied) as e:
        screen.backend.report(screen.actor, ReportQuery(store_code="S02"))
    assert e.value.code == "store_not_allowed"

    # signing out while a query is on its way: the area goes, the late answer is dropped
    screen.refresh()
    qtbot.mouseClick(window.main_page.sign_out, Qt.MouseButton.LeftButton)
    assert window.pages.currentWidget() is window.login_page
    assert "reports" not in window.controller.areas
    qtbot.waitUntil(lambda: window.runner.idle, timeout=10_000)
    qtbot.wait(50)


def test_the_report_models_on_their_own(qapp):
    models = make_models()
    assert list(models) == list(TABLES)

    stores = store_model()
    stores.set_rows(
        [
            StoreRow(
                store_id="a",
                store_code="S01",
                store_name="静安店",
                orders=3,
                sales_fen=10_001,
                refunds=1,
                refunds_fen=2_000,
            ),
            StoreRow(store_id="b", store_code="S02", store_name="徐汇店"),
        ]
    )
    texts = [stores.index(0, c).data() for c in range(stores.columnCount())]
    assert texts == ["S01", "静安店", "3", "￥100.01", "1", "￥20.00", "￥80.01", "￥33.34"]
    assert stores.index(1, 7).data() == ""  # no orders: no average ticket
    assert stores.export_rows()[0][2:] == [
        3,
        Decimal("100.01"),
        1,
        Decimal("20.00"),
        Decimal("80.01"),
        Decimal("33.34"),
    ]
    assert stores.export_rows()[1][7] == ""

    pay = payment_model()
    pay.set_rows([MethodRow("wechat", 2, 3_000, 0), MethodRow("cash", 3, 1_500, 2_000)])
    share = pay.headers().index(pay.column_spec(5).header)
    assert [pay.index(i, share).data() for i in range(2)] == ["100.00%", ""]  # none when < 0
    assert pay.index(1, 4).data() == "-￥5.00"

    top = product_model()
    rows = [
        ProductRow("x", "P1", "散装苹果", "kg", 1_523, 1_965, 0, 0),
        ProductRow("y", "P2", "矿泉水", "瓶", 3_000, 600, 1_000, 200),
    ]
    top.set_rows(rows)
    assert [top.index(i, 0).data() for i in range(2)] == ["1", "2"]
    assert [top.index(i, 3).data() for i in range(2)] == ["1.523", "2"]
    assert top.export_rows()[0][3] == Decimal("1.523") and top.export_rows()[1][6] == Decimal("4")

    low = low_stock_model()
    low.set_rows([LowStockRow("S01", "S01", "P9", "可乐", "瓶", -2_000, 0, 1_000, 5_000, None)])
    assert low.index(0, 4).data() == "-2" and low.index(0, 10).data() == "7"
    assert low.index(0, 4).data(Qt.ItemDataRole.ForegroundRole).color().name() == "#c62828"

    var = variance_model()
    var.set_rows([VarianceRow("S01", "静安店", "c1", "李娜", 3, 1, -500, 1, 200)])
    assert var.index(0, 9).data() == "-￥3.00"
    assert var.index(0, 8).data(Qt.ItemDataRole.ForegroundRole).color().name() == "#e65100"

    coupons = coupon_model()
    coupons.set_rows([CouponUseRow("pickup", None, "", "S01", "静安店", 2, 0)])
    assert coupons.index(0, 1).data() == coupons.index(0, 0).data()  # a pickup has no coupon
    assert fmt_rate(1234) == "12.34%" and fmt_rate(5) == "0.05%"
