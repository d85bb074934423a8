"""门店结算 in the back-office window: build S01's October 2026 from the build bar with the
keyboard, read its figures (computed by hand in tests/integration/test_settlement.py), drill into
the cash payments, confirm after the yes/no question, record the payment; a manager sees only his
store; refusals (bad and future periods, an empty payment reference) change nothing; the records
of a large month arrive a page at a time; exports; and the screenshot."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable, Iterator
from datetime import date
from types import SimpleNamespace

import pypdf
import pytest
from PySide6.QtCore import QCoreApplication, QDate, Qt
from PySide6.QtWidgets import QListWidgetItem
from sqlalchemy import func, select

from backoffice.settlement_backend import SettlementBackend
from backoffice.settlement_models import STATE_COLOURS, STATE_COLUMN, state_name
from backoffice.settlement_screen import SettlementScreen, describe
from shared.db.models import AuditEntry, SettlementStatement
from shared.domain.clock import FixedClock
from shared.domain.errors import ValidationError
from shared.qt.money import fmt_fen
from tests.gui.helpers import screenshot
from tests.integration.test_settlement import S01_OCTOBER, S02_OCTOBER
from tests.support.settlement_month import MonthWriter, d, fixture_month


@pytest.fixture
def settlement_central(terminal):
    """The demo's central database holding October 2026 of S01 and S02, on a clock that says
    22 November 2026 (October is over, November is not)."""
    db = terminal.central
    db.clock = FixedClock()
    with db.uow() as uow:
        fixture_month(uow.session)
    return db


class Answers:
    """The yes/no questions the screen asked, answered from a list (yes when it runs out)."""

    def __init__(self, *answers: bool) -> None:
        self.answers = list(answers)
        self.asked: list[tuple[str, str]] = []

    def __call__(self, title: str, text: str) -> bool:
        self.asked.append((title, text))
        return self.answers.pop(0) if self.answers else True


@pytest.fixture
def make_window(qtbot, settlement_central) -> Iterator[Callable[..., object]]:
    from backoffice.app import build_backoffice

    windows = []

    def make(account: str, password: str, *, language: str = "zh_CN"):
        window = build_backoffice(settlement_central, language=language)
        qtbot.addWidget(window)
        windows.append(window)
        window.resize(1366, 768)
        window.show()
        qtbot.waitExposed(window)
        login = window.login_page
        login.account.setText(account)
        login.password.setText(password)
        qtbot.mouseClick(login.sign_in, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: window.controller.actor is not None, timeout=5_000)
        return window

    yield make
    for window in windows:
        window.runner.shutdown()


def open_settlement(qtbot, window, *, confirm=None, save_to=None) -> SettlementScreen:
    """The 门店结算 area, built as ``backoffice.app`` builds its areas (until it lists it)."""
    controller = window.controller
    main = window.main_page
    qtbot.waitUntil(lambda: main.nav.count() > 0, timeout=5_000)
    screen = controller.areas.get("settlement")
    if screen is None:
        screen = SettlementScreen(
            window.runner,
            SettlementBackend(window.backend.db),
            controller.actor,
            parent=main.areas,
            clock=controller.clock,
        )
        controller.areas["settlement"] = screen
        main.areas.addWidget(screen.widget)
        main.nav.addItem(
            QListWidgetItem(QCoreApplication.translate("BackofficeController", "Store settlement"))
        )
        screen.start()
    screen.confirm = confirm or Answers()
    screen.ask_save_path = lambda name, _kind: str(save_to / name) if save_to else None
    main.nav.setCurrentRow(main.areas.indexOf(screen.widget))
    qtbot.waitUntil(
        lambda: screen.view.build_store.count() > 0 and not screen.model.loading, timeout=5_000
    )
    qtbot.waitUntil(lambda: screen.view.summary.text() != screen.tr("Loading…"), timeout=5_000)
    return screen


def build_by_keyboard(qtbot, screen, period: str) -> None:
    field = screen.view.period
    field.setFocus()
    field.selectAll()
    qtbot.keyClick(field, Qt.Key.Key_Delete)
    qtbot.keyClicks(field, period)
    qtbot.keyClick(field, Qt.Key.Key_Return)


def wait_drill(qtbot, screen, kind: str, method: str | None = None) -> None:
    qtbot.waitUntil(
        lambda: (
            screen.drill is not None
            and (screen.drill.kind, screen.drill.method) == (kind, method)
            and not screen.records.loading
            and screen.view.drill_count.text() != screen.tr("Loading…")
        ),
        timeout=5_000,
    )


def shown(screen) -> dict[str, str]:
    return {key: w.text() for key, w in screen.figures.items()}


def db_statement(db, statement_no: str) -> SimpleNamespace:
    """The statement as the database holds it now."""
    with db.reader() as uow:
        st = uow.session.scalars(
            select(SettlementStatement).where(SettlementStatement.statement_no == statement_no)
        ).one()
        return SimpleNamespace(
            state=st.state,
            figures=dict(st.figures),
            payment_ref=st.payment_ref,
            settled_on=st.settled_on,
        )


def test_manager_builds_reads_drills_confirms_and_settles_october(
    qtbot, make_window, settlement_central, screenshot_dir
):
    window = make_window("manager01", "manager123")
    answers = Answers(True)
    screen = open_settlement(qtbot, window, confirm=answers)
    v = screen.view

    # manager01 settles S01 only: no other store in either combo, nothing built yet
    assert [v.build_store.itemData(i) for i in range(v.build_store.count())] == ["S01"]
    assert [v.store.itemData(i) for i in range(v.store.count())] == ["S01"]
    assert screen.model.total == 0
    assert v.period.placeholderText().startswith("YYYY-MM")  # S01 is settled by month

    build_by_keyboard(qtbot, screen, "2026-10")
    qtbot.waitUntil(lambda: screen.current is not None, timeout=5_000)
    assert screen.current.statement_no == "JS-S01-202610" and screen.current.state == "draft"
    qtbot.waitUntil(lambda: screen.model.total == 1, timeout=5_000)
    assert screen.model.row_at(0).statement_no == "JS-S01-202610"
    assert v.table.currentIndex().row() == 0

    # every figure as computed by hand (deductions shown with a minus sign)
    f = S01_OCTOBER
    figures = shown(screen)
    expected = {
        "gross": f["gross_fen"],
        "discounts": -f["discounts_fen"],
        "coupons_platform": -f["coupons_platform_fen"],
        "coupons_store": -f["coupons_store_fen"],
        "refunds": -f["refunds_fen"],
        "net_sales": f["net_sales_fen"],
        "card_keys": f["card_keys_fen"],
        "adjustments": 0,
        "net_sales_in": f["net_sales_fen"],
        "coupons_owed": f["coupons_platform_fen"],
        "channel_orders": f["channel_orders_fen"],
        "income": f["income_fen"],
        "fee": -f["fee_fen"],
        "cash": -f["cash_fen"],
        "payable": f["payable_fen"],  # positive: head office pays the store
    }
    for method, fen in f["by_method"].items():
        expected[f"pay:{method}"] = fen
        expected[f"refund:{method}"] = -f["refunds_by_method"].get(method, 0)
    assert figures == {key: fmt_fen(fen) for key, fen in expected.items()}
    card = v.figures
    assert fmt_fen(f["payable_fen"]) in card.payable_sentence.text()
    assert str(f["sales_count"]) in card.names["gross"].text()
    assert "3%" in card.names["fee"].text()
    assert v.state_badge.text() == state_name("draft")
    assert v.confirm.isEnabled() and not v.settle.isEnabled()

    # the sales are drilled by default; the cash payments behind "cash kept" / "cash"
    wait_drill(qtbot, screen, "sales")
    assert screen.records.total == f["sales_count"]
    qtbot.mouseClick(screen.figures["pay:cash"], Qt.MouseButton.LeftButton)
    wait_drill(qtbot, screen, "payments", "cash")
    cash = screen.records.rows()
    assert sorted(r.amount_fen for r in cash) == [1_500, 10_000]
    assert sum(r.amount_fen for r in cash) == f["by_method"]["cash"]
    assert {r.number[:4] for r in cash} == {"SS01"} and {r.business_date for r in cash} == {
        d(1),
        d(12),
    }
    assert screen.records.index(0, 5).data() == fmt_fen(cash[0].amount_fen)
    assert screen.figures["pay:cash"].property("current") is True
    assert screen.figures["cash"].property("current") is True  # the same records
    assert screen.figures["gross"].property("current") is False
    assert v.drill.currentText() == screen.view.drill.itemText(v.drill.currentIndex())
    # the channel orders, through the combo: 66.00 and 12.00 (the 9.00 one is November's)
    v.drill.setCurrentIndex(next(i for i, c in enumerate(screen._choices) if c.kind == "channel"))
    v.drill.activated.emit(v.drill.currentIndex())
    wait_drill(qtbot, screen, "channel")
    assert sorted(r.amount_fen for r in screen.records.rows()) == [1_200, 6_600]

    # confirm: asked first, then frozen
    qtbot.mouseClick(v.confirm, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.current.state == "confirmed", timeout=5_000)
    assert len(answers.asked) == 1 and "JS-S01-202610" in answers.asked[0][1]
    st = db_statement(settlement_central, "JS-S01-202610")
    assert st.state == "confirmed" and st.figures["payable_fen"] == f["payable_fen"]
    assert screen.model.row_at(0).state == "confirmed"
    assert v.state_badge.text() == state_name("confirmed")
    assert not v.confirm.isEnabled() and v.settle.isEnabled()
    wait_drill(qtbot, screen, "channel")  # the drill stays on what was shown

    # record the payment: reference and date in the dialog
    qtbot.mouseClick(v.settle, Qt.MouseButton.LeftButton)
    dialog = screen.settle_dialog
    qtbot.waitUntil(dialog.isVisible, timeout=5_000)
    assert dialog.day.date().toPython() == date(2026, 11, 22)  # today at the store
    dialog.day.setDate(QDate(2026, 11, 5))
    qtbot.keyClicks(dialog.reference, "BANK-20261105-01")
    qtbot.keyClick(dialog.reference, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: screen.current.state == "settled", timeout=5_000)
    assert not dialog.isVisible()
    st = db_statement(settlement_central, "JS-S01-202610")
    assert (st.state, st.payment_ref, st.settled_on) == (
        "settled",
        "BANK-20261105-01",
        date(2026, 11, 5),
    )
    assert screen.model.row_at(0).payment_ref == "BANK-20261105-01"
    brush = screen.model.index(0, STATE_COLUMN).data(Qt.ItemDataRole.BackgroundRole)
    assert brush.color().name() == STATE_COLOURS["settled"][0]
    assert "BANK-20261105-01" in v.info.text()
    assert not v.settle.isEnabled() and not v.confirm.isEnabled()

    # the statement with the cash payments drilled, at the back office's window size
    qtbot.mouseClick(screen.figures["pay:cash"], Qt.MouseButton.LeftButton)
    wait_drill(qtbot, screen, "payments", "cash")
    window.resize(1366, 768)
    qtbot.wait(100)
    screenshot(window, screenshot_dir / "backoffice-settlement.png")


def test_refusals_are_shown_and_change_nothing(qtbot, make_window, settlement_central):
    window = make_window("admin", "admin1234")
    answers = Answers(False, True)
    screen = open_settlement(qtbot, window, confirm=answers)
    v = screen.view
    assert [v.build_store.itemData(i) for i in range(v.build_store.count())] == ["S01", "S02"]
    assert v.store.itemData(0) is None and v.store.count() == 3  # all stores, S01, S02

    def refused(typed: str, code: str, message: str = "-", **details) -> None:
        build_by_keyboard(qtbot, screen, typed)
        text = describe(ValidationError(message, code=code, **details))
        qtbot.waitUntil(lambda: v.message.text() == text, timeout=5_000)
        assert v.message.property("level") == "error"

    refused("2026-13", "bad_period", "no such date", value="2026-13", kind="month")
    refused("2026-10-05", "bad_period", value="2026-10-05", kind="month")
    refused("2026-12", "period_in_future", period="2026-12", today="2026-11-22")
    with settlement_central.reader() as uow:
        assert uow.session.scalar(select(func.count()).select_from(SettlementStatement)) == 0

    # S02 October: built, then "no" to the question leaves it a draft
    v.build_store.setCurrentIndex(v.build_store.findData("S02"))
    build_by_keyboard(qtbot, screen, "2026-10")
    qtbot.waitUntil(lambda: screen.current is not None, timeout=5_000)
    assert v.figures.values["payable"].text() == fmt_fen(S02_OCTOBER["payable_fen"])
    assert v.figures.values["fee"].text() == fmt_fen(-S02_OCTOBER["fee_fen"])
    assert "2.5%" in v.figures.names["fee"].text()
    qtbot.mouseClick(v.confirm, Qt.MouseButton.LeftButton)
    assert len(answers.asked) == 1
    qtbot.wait(50)
    assert screen.current.state == "draft"
    assert db_statement(settlement_central, "JS-S02-202610").state == "draft"
    qtbot.mouseClick(v.confirm, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.current.state == "confirmed", timeout=5_000)

    # an empty payment reference: the service's refusal, in the dialog and on the message line
    qtbot.mouseClick(v.settle, Qt.MouseButton.LeftButton)
    dialog = screen.settle_dialog
    qtbot.waitUntil(dialog.isVisible, timeout=5_000)
    qtbot.keyClicks(dialog.reference, "   ")
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    text = describe(ValidationError("-", code="payment_ref_required"))
    qtbot.waitUntil(lambda: dialog.error.text() == text, timeout=5_000)
    assert v.message.text() == text and dialog.isVisible()
    st = db_statement(settlement_central, "JS-S02-202610")
    assert (st.state, st.payment_ref, st.settled_on) == ("confirmed", None, None)
    with settlement_central.reader() as uow:
        actions = uow.session.scalars(
            select(AuditEntry.action).where(AuditEntry.target == "JS-S02-202610")
        ).all()
    assert actions == ["settlement.confirm"]
    assert screen.current.state == "confirmed" and v.settle.isEnabled()
    dialog.reject()

    # the list filters by store and state
    v.state.setCurrentIndex(v.state.findData("draft"))
    screen.apply_filters()
    qtbot.waitUntil(lambda: not screen.model.loading and screen.model.total == 0, timeout=5_000)
    v.state.setCurrentIndex(v.state.findData("confirmed"))
    screen.apply_filters()
    qtbot.waitUntil(lambda: not screen.model.loading and screen.model.total == 1, timeout=5_000)
    assert screen.model.row_at(0).store_code == "S02"


def test_a_large_month_drills_a_page_at_a_time(qtbot, make_window, settlement_central):
    with settlement_central.uow() as uow:
        w = MonthWriter(uow.session)
        for i in range(450):
            w.sale("S02", d(1 + i % 28, 9), 100 + i)
        w.flush()
        uow.commit()
    window = make_window("manager02", "manager123")
    screen = open_settlement(qtbot, window)
    build_by_keyboard(qtbot, screen, "2026-09")
    qtbot.waitUntil(lambda: screen.current is not None, timeout=5_000)
    wait_drill(qtbot, screen, "sales")
    assert screen.records.total == 450 and screen.records.rowCount() == 100
    assert screen.records.canFetchMore()
    screen.records.fetchMore()
    qtbot.waitUntil(lambda: screen.records.rowCount() == 200, timeout=5_000)
    # scrolling to the end of the table asks for the next pages
    for _ in range(5):
        screen.view.records.scrollToBottom()
        qtbot.wait(30)
    qtbot.waitUntil(lambda: screen.records.rowCount() == 450, timeout=5_000)
    assert len({r.doc_id for r in screen.records.rows()}) == 450


def test_exports_write_the_pdf_and_the_workbook(qtbot, make_window, tmp_path, screenshot_dir):
    window = make_window("manager01", "manager123")
    screen = open_settlement(qtbot, window, save_to=tmp_path)
    build_by_keyboard(qtbot, screen, "2026-10")
    qtbot.waitUntil(lambda: screen.current is not None, timeout=5_000)
    qtbot.mouseClick(screen.view.export_pdf, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.message.text().endswith(".pdf"), timeout=10_000)
    pdf = tmp_path / "JS-S01-202610.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")
    text = "".join(page.extract_text() for page in pypdf.PdfReader(pdf).pages)
    assert "门店结算单" in text and "371.72" in text  # what head office pays S01 for October
    if shutil.which("pdftoppm"):  # the statement's first page, for the docs
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                "80",
                "-singlefile",
                "-f",
                "1",
                str(pdf),
                str(screenshot_dir / "statement-pdf"),
            ],
            check=True,
        )
        assert (screenshot_dir / "statement-pdf.png").stat().st_size > 1000
    qtbot.mouseClick(screen.view.export_xlsx, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.message.text().endswith(".xlsx"), timeout=10_000)
    from openpyxl import load_workbook

    book = load_workbook(tmp_path / "JS-S01-202610.xlsx", read_only=True)
    assert book.sheetnames[:2] == ["结算单", "按日"]
    assert len(list(book["销售"].iter_rows(values_only=True))) == 1 + 5
    qtbot.mouseClick(screen.view.export_archive, Qt.MouseButton.LeftButton)
    archive = tmp_path / "archive-S01-2026-10.xlsx"
    qtbot.waitUntil(lambda: screen.message.text().endswith(str(archive)), timeout=10_000)
    # September's sale and November's are not in October's archive
    book = load_workbook(archive, read_only=True)
    assert len(list(book["销售"].iter_rows(values_only=True))) == 1 + 5
