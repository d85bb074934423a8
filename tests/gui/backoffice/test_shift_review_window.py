"""The back-office window: sign in, the shift list of the manager's stores, detail, review,
export, and a screenshot; every area fits a 1366×768 screen."""

from __future__ import annotations

import csv

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QTableView

from backoffice.models import OVER_BACKGROUND, SHORT_BACKGROUND
from backoffice.shift_review_screen import VARIANCE_COLUMN

SCREEN_WIDTH = 1366
#: what the navigation (180 px) leaves the areas on that screen
AREA_WIDTH = SCREEN_WIDTH - 180


def sign_in(qtbot, window, account: str, password: str) -> None:
    login = window.login_page
    login.account.setText(account)
    login.password.setText(password)
    qtbot.mouseClick(login.sign_in, Qt.MouseButton.LeftButton)


def shift_screen(qtbot, window):
    qtbot.waitUntil(lambda: window.controller.shift_review is not None, timeout=5_000)
    screen = window.controller.shift_review
    qtbot.waitUntil(lambda: screen.model.total > 0 and not screen.model.loading, timeout=5_000)
    return screen


def select_row(qtbot, screen, row: int) -> None:
    screen.table.selectRow(row)
    shift_id = screen.model.row_at(row).shift_id
    qtbot.waitUntil(
        lambda: screen.detail is not None and screen.detail.shift.shift_id == shift_id,
        timeout=5_000,
    )


def test_wrong_password_and_a_cashier_are_refused(qtbot, make_backoffice):
    window = make_backoffice()
    sign_in(qtbot, window, "manager01", "wrong-password")
    qtbot.waitUntil(lambda: "密码错误" in window.login_page.message.text(), timeout=5_000)
    sign_in(qtbot, window, "cashier01", "cashier123")
    qtbot.waitUntil(lambda: "店长" in window.login_page.message.text(), timeout=5_000)
    assert window.pages.currentWidget() is window.login_page


def test_manager_sees_own_store_flags_and_approves(
    qtbot, make_backoffice, central, tmp_path, screenshot_dir
):
    target = tmp_path / "out"
    target.mkdir()
    window = make_backoffice(save_to=lambda name: str(target / name))
    sign_in(qtbot, window, "manager01", "manager123")
    screen = shift_screen(qtbot, window)
    nav = window.controller.window.main_page.nav
    assert nav.item(0).text() == "班次审核"  # the first area; coupon areas follow it

    # only S01's shifts; the store filter offers S01 only
    rows = screen.model.rows()
    assert {r.store_code for r in rows} == {"S01"}
    assert {r.shift_id for r in rows} == set(central.s01_shifts)
    assert screen.store.count() == 1 and screen.store.currentData() == "S01"
    assert "2" in screen.summary.text()

    # variance highlighted: red when short, amber when over
    colours = {}
    for i, r in enumerate(rows):
        brush = screen.model.index(i, VARIANCE_COLUMN).data(Qt.ItemDataRole.BackgroundRole)
        colours[r.variance_fen] = brush.color().name()
    assert colours == {-500: SHORT_BACKGROUND, 300: OVER_BACKGROUND}

    short_row = next(i for i, r in enumerate(rows) if r.variance_fen == -500)
    select_row(qtbot, screen, short_row)
    assert screen.sales_model.rowCount() == 2
    assert [m[0] for m in screen.methods_model.rows()] == ["cash"]
    assert screen.figures["variance"].text() == "-￥5.00"

    # flag without a comment: refused by the service, nothing changes
    screen.comment.clear()
    qtbot.mouseClick(screen.flag, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "说明" in screen.message.text(), timeout=5_000)
    assert screen.model.row_at(short_row).review_status == "pending"

    screen.comment.setText("短款5元，已让收银员说明")  # typed through an IME
    qtbot.mouseClick(screen.flag, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: screen.model.row_at(short_row).review_status == "flagged", timeout=5_000
    )
    assert screen.model.index(short_row, 11).data() == "已标记"
    assert "短款5元" in screen.figures["review"].text()

    over_row = 1 - short_row
    select_row(qtbot, screen, over_row)
    assert [m.reason for m in screen.moves_model.rows()] == ["备用金补充"]
    qtbot.mouseClick(screen.approve, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: screen.model.row_at(over_row).review_status == "approved", timeout=5_000
    )

    # export: every matching row, Chinese headers, yuan amounts
    qtbot.mouseClick(screen.export_csv, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.message.text().endswith(".csv"), timeout=5_000)
    files = list(target.glob("*.csv"))
    assert len(files) == 1
    exported = QCoreApplication.translate("AreaKit", "Exported {count} rows to {path}")
    assert screen.message.text() == exported.format(count=2, path=str(files[0]))
    with files[0].open(encoding="utf-8-sig", newline="") as fh:
        table = list(csv.reader(fh))
    assert table[0][:3] == ["门店", "收银机", "收银员"] and table[0][10] == "差额"
    body = {row[10]: row for row in table[1:]}
    assert set(body) == {"-5.00", "3.00"}
    assert body["-5.00"][11] == "已标记" and body["3.00"][11] == "已审核"
    qtbot.mouseClick(screen.export_xlsx, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.message.text().endswith(".xlsx"), timeout=5_000)
    from openpyxl import load_workbook

    sheet = load_workbook(next(target.glob("*.xlsx"))).active
    assert sheet.max_row == 3 and sheet.cell(1, 11).value == "差额"

    # only the flagged ones
    screen.review_filter.setCurrentIndex(screen.review_filter.findData("flagged"))
    screen.apply_filters()
    qtbot.waitUntil(lambda: screen.summary.text() == "共 1 个班次", timeout=5_000)
    screen.review_filter.setCurrentIndex(0)
    screen.apply_filters()
    qtbot.waitUntil(lambda: screen.summary.text() == "共 2 个班次", timeout=5_000)
    short_row = next(i for i, r in enumerate(screen.model.rows()) if r.variance_fen == -500)

    # the handover slip of the selected shift, as a PDF
    select_row(qtbot, screen, short_row)
    qtbot.mouseClick(screen.slip, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.message.text().endswith(".pdf"), timeout=5_000)
    assert next(target.glob("handover-S01-1-*.pdf")).read_bytes().startswith(b"%PDF")

    # the screenshot, at the counter's screen size, with the flagged shift selected
    window.resize(1366, 768)
    qtbot.wait(50)
    assert window.grab().save(str(screenshot_dir / "backoffice-shifts.png"))


def test_admin_sees_every_store_and_filters_by_store(qtbot, make_backoffice, central):
    window = make_backoffice(language="en")
    sign_in(qtbot, window, "admin", "admin1234")
    screen = shift_screen(qtbot, window)
    assert screen.model.total == 4
    assert screen.store.itemText(0) == "All stores"
    screen.store.setCurrentIndex(screen.store.findData("S02"))
    screen.apply_filters()
    qtbot.waitUntil(lambda: screen.model.total == 2 and not screen.model.loading, timeout=5_000)
    assert {r.shift_id for r in screen.model.rows()} == set(central.s02_shifts)
    # sorting is the service's, over every row; a column it cannot sort by is left alone
    header = screen.table.horizontalHeader()
    header.setSortIndicator(6, Qt.SortOrder.AscendingOrder)  # 笔数: not sortable
    assert header.sortIndicatorSection() == 3
    header.setSortIndicator(VARIANCE_COLUMN, Qt.SortOrder.AscendingOrder)
    qtbot.waitUntil(lambda: screen.query.sort == "variance" and not screen.model.loading)
    assert [r.variance_fen for r in screen.model.rows()] == [0, 0]
    screen.store.setCurrentIndex(0)
    screen.apply_filters()
    qtbot.waitUntil(lambda: screen.model.total == 4 and not screen.model.loading)
    assert [r.variance_fen for r in screen.model.rows()][0] == -500

    screen.cashier.setText("nobody")
    screen.apply_filters()
    qtbot.waitUntil(lambda: screen.summary.text() == "0 shifts", timeout=5_000)
    qtbot.mouseClick(window.main_page.sign_out, Qt.MouseButton.LeftButton)
    assert window.pages.currentWidget() is window.login_page
    assert window.main_page.nav.count() == 0


def test_the_paged_model_fetches_pages_as_the_view_asks(qtbot):
    from types import SimpleNamespace

    from backoffice.models import PagedTableModel
    from shared.qt.operations import OperationRunner
    from shared.qt.table_model import Column

    runner = OperationRunner()
    asked: list[tuple[int, int]] = []

    def fetch(offset: int, limit: int):
        asked.append((offset, limit))
        rows = list(range(offset, min(offset + limit, 250)))
        return SimpleNamespace(rows=rows, total=250)

    model = PagedTableModel([Column("n", lambda r: r)], runner, page_size=100)
    model.reload(fetch)
    assert not model.canFetchMore()  # one fetch at a time
    qtbot.waitUntil(lambda: model.rowCount() == 100, timeout=5_000)
    assert model.canFetchMore()
    model.fetchMore()
    qtbot.waitUntil(lambda: model.rowCount() == 200, timeout=5_000)
    model.fetchMore()
    qtbot.waitUntil(lambda: model.rowCount() == 250, timeout=5_000)
    assert not model.canFetchMore()
    assert asked == [(0, 100), (100, 100), (200, 100)]
    # a reload drops a page still on its way for the old filters
    model.reload(fetch)
    model.reload(fetch)
    qtbot.waitUntil(lambda: model.rowCount() == 100 and not model.loading, timeout=5_000)
    qtbot.wait(50)
    assert model.rowCount() == 100 and [model.row_at(i) for i in (0, 99)] == [0, 99]
    runner.shutdown()


def test_storedesk_backoffice_starts_through_the_launcher(tmp_path, capsys):
    from launcher.main import main

    # nothing listens on port 1: refused at once, before any window opens
    unreachable = "postgresql+psycopg://pos:pos@127.0.0.1:1/pos"
    assert main(["--data-dir", str(tmp_path), "--central", unreachable, "backoffice"]) == 2
    assert "cannot open the central database" in capsys.readouterr().err


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_every_area_fits_a_1366_screen(qtbot, make_backoffice, language):
    """Signed in as admin (every area), each area shown with its rows loaded and its first row
    selected (texts that arrive with the data count too): no area asks for more than the width
    beside the navigation, nor the window for more than the screen."""
    window = make_backoffice(language=language)
    sign_in(qtbot, window, "admin", "admin1234")
    controller = window.controller
    qtbot.waitUntil(lambda: bool(controller.areas), timeout=5_000)
    nav = window.main_page.nav
    assert nav.count() == len(controller.areas) > 10
    too_wide = {}
    for row, (key, screen) in enumerate(controller.areas.items()):
        nav.setCurrentRow(row)
        qtbot.waitUntil(lambda: window.runner.idle, timeout=5_000)
        table = screen.widget.findChild(QTableView)
        if table is not None and table.model() is not None and table.model().rowCount():
            table.selectRow(0)
            qtbot.waitUntil(lambda: window.runner.idle, timeout=5_000)
        width = screen.widget.minimumSizeHint().width()
        if width > AREA_WIDTH:
            too_wide[key] = width
    assert too_wide == {}
    assert window.minimumSizeHint().width() <= SCREEN_WIDTH
