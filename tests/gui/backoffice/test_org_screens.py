"""The organisation areas of the back office, driven like an admin does: 门店 (the dialog with its
refusals under the fields, the CSV template and import with its report, closing after a
question, export), 收银终端 (register a number, a taken number refused, retire after a
question; a manager reads only), 员工 (add with a bad PIN then generated secrets shown once,
reset a PIN, disable, a refused self-disable, delete after a question, show deleted), 操作日志
(newest first, filters, the detail pane, pages of 100, export, a manager's scope); the models
on their own; and screenshots.

The areas are added to the signed-in window the way ``backoffice.app._build_areas`` adds them
(they are not registered there yet)."""

from __future__ import annotations

import csv
from datetime import timedelta

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QListWidgetItem
from sqlalchemy import select

from backoffice.audit_screen import AuditScreen
from backoffice.org_backend import OrgBackend
from backoffice.org_models import (
    audit_model,
    describe,
    detail_text,
    percent,
    staff_model,
    store_model,
)
from backoffice.staff_screen import StaffScreen
from backoffice.store_screen import StoreScreen
from backoffice.terminal_screen import TerminalScreen
from shared.db.models import AuditEntry, Staff
from shared.db.queries.audit import AuditRow
from shared.db.queries.org_admin import StaffRow, StoreRow
from shared.domain.errors import ValidationError
from shared.domain.ids import new_id
from shared.qt.operations import OperationRunner
from tests.gui.helpers import screenshot

AREAS = (
    ("stores", "Stores", StoreScreen),
    ("terminals", "Terminals", TerminalScreen),
    ("staff", "Staff", StaffScreen),
    ("audit", "Audit log", AuditScreen),
)


def sign_in(qtbot, window, account: str, password: str) -> None:
    login = window.login_page
    login.account.setText(account)
    login.password.setText(password)
    qtbot.mouseClick(login.sign_in, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.controller.actor is not None, timeout=5_000)


def add_org_areas(window, keys=("stores", "terminals", "staff", "audit")) -> None:
    """What ``_build_areas`` is to do (a no-op for an area it registers already): one ``OrgBackend`` over the central database, each screen
    with the window's runner, the actor, the clock and the export question."""
    controller = window.controller
    main = window.main_page
    backend = OrgBackend(window.backend.db)
    for key, title, screen_class in AREAS:
        if key not in keys or key in controller.areas:  # registered by the app already
            continue
        screen = screen_class(
            window.runner,
            backend,
            controller.actor,
            parent=main.areas,
            clock=controller.clock,
            ask_save_path=controller.ask_save_path,
        )
        controller.areas[key] = screen
        main.areas.addWidget(screen.widget)
        main.nav.addItem(QListWidgetItem(title))
        screen.start()


def open_area(qtbot, window, key: str, *, rows: bool = True):
    screen = window.controller.areas[key]
    main = window.main_page
    main.nav.setCurrentRow(main.areas.indexOf(screen.widget))
    qtbot.waitUntil(lambda: screen.started, timeout=5_000)
    qtbot.waitUntil(lambda: window.runner.idle, timeout=10_000)  # the filters' choices, a page
    qtbot.waitUntil(
        lambda: not screen.model.loading and (screen.model.total > 0 or not rows), timeout=5_000
    )
    return screen


def idle(qtbot, window) -> None:
    qtbot.waitUntil(lambda: window.runner.idle, timeout=10_000)


def click(qtbot, button) -> None:
    assert button.isEnabled() and button.isVisible()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def select_where(qtbot, screen, match) -> None:
    for i, r in enumerate(screen.model.rows()):
        if match(r):
            screen.view.table.selectRow(i)
            qtbot.waitUntil(lambda r=r: screen.current is r, timeout=5_000)
            return
    raise AssertionError("no such row")


@pytest.fixture
def exports(tmp_path):
    target = tmp_path / "out"
    target.mkdir()
    return target


# -- 门店 ------------------------------------------------------------------------------------------


def test_stores_add_with_refusals_import_close_and_export(
    qtbot, make_backoffice, exports, tmp_path, screenshot_dir
):
    window = make_backoffice(save_to=lambda name: str(exports / name))
    sign_in(qtbot, window, "admin", "admin1234")
    add_org_areas(window)
    screen = open_area(qtbot, window, "stores")
    assert [r.code for r in screen.model.rows()] == ["S01", "S02"]
    assert screen.view.summary.text() == QCoreApplication.translate(
        "StoreScreen", "{count} stores"
    ).format(count=2)

    # add: a taken code and a bad phone are refused under their fields; the dialog keeps them
    click(qtbot, screen.view.new)
    editor = screen.editor
    qtbot.waitUntil(editor.view.isVisible, timeout=5_000)
    v = editor.view
    qtbot.waitUntil(v.code.hasFocus, timeout=3_000)
    qtbot.keyClicks(v.code, "s01")
    qtbot.keyClick(v.code, Qt.Key.Key_Tab)
    qtbot.waitUntil(v.name.hasFocus, timeout=3_000)
    v.name.setText("星辰便利店 浦东店")  # QTest types Latin-1 only: Chinese as an IME commits it
    v.phone.setText("call me")
    v.period.setCurrentIndex(v.period.findData("week"))
    v.fee.setValue(0.6)
    qtbot.keyClick(v.name, Qt.Key.Key_Return)  # Enter saves
    qtbot.waitUntil(lambda: v.errors["code"].isVisible(), timeout=5_000)
    assert v.errors["code"].text() == describe(
        ValidationError("-", code="store_code_taken", value="S01")
    )
    assert v.isVisible() and v.name.text() == "星辰便利店 浦东店"
    v.code.setText("S03")
    click(qtbot, v.save)
    qtbot.waitUntil(lambda: v.errors["phone"].isVisible(), timeout=5_000)
    assert not v.errors["code"].isVisible()
    v.phone.setText("021-5888 0303")
    v.address.setText("上海市浦东新区世纪大道 100 号")
    v.introduction.setPlainText("24 小时营业")
    click(qtbot, v.save)
    qtbot.waitUntil(lambda: not v.isVisible(), timeout=5_000)
    qtbot.waitUntil(lambda: not screen.model.loading and screen.model.total == 3, timeout=5_000)
    row = next(r for r in screen.model.rows() if r.code == "S03")
    assert (row.settlement_period, row.fee_rate_bp) == ("week", 60)
    i = screen.model.rows().index(row)
    assert screen.model.index(i, 6).data() == "0.60%"
    assert "S03" in screen.view.message.text()

    # the template, then an import with a bad row and an existing code
    click(qtbot, screen.view.template)
    qtbot.waitUntil(lambda: (exports / "stores-template.csv").exists(), timeout=5_000)
    template = (exports / "stores-template.csv").read_bytes()
    source = tmp_path / "stores.csv"
    source.write_bytes(
        template
        + (
            "S04,星辰便利店 虹口店,,,,营业,月,0.5\r\n"
            "S01,重复的门店,,,,,,\r\n"
            "S05,星辰便利店 宝山店,,,,,年,\r\n"
        ).encode()
    )
    screen.ask_open_path = lambda _kind: str(source)
    click(qtbot, screen.view.import_csv)
    qtbot.waitUntil(lambda: screen.report is not None and screen.report.isVisible(), timeout=5_000)
    problems = screen.report.table.model()
    assert problems.rowCount() == 2
    assert [problems.index(r, 0).data() for r in range(2)] == ["5", "6"]
    assert [problems.index(r, 1).data() for r in range(2)] == ["门店编码", "结算周期"]
    assert screen.view.message.text() == QCoreApplication.translate(
        "StoreScreen", "{read} rows read: {imported} stores added, {rejected} rows rejected"
    ).format(read=3, imported=1, rejected=2)
    screen.report.accept()
    qtbot.waitUntil(lambda: not screen.model.loading and screen.model.total == 4, timeout=5_000)

    # closing asks first: "no" changes nothing
    asked: list[str] = []
    answers = [False, True]
    screen.confirm = lambda _title, text: (asked.append(text), answers.pop(0))[1]
    select_where(qtbot, screen, lambda r: r.code == "S04")
    click(qtbot, screen.view.toggle)
    assert len(asked) == 1 and "S04" in asked[0]
    idle(qtbot, window)
    assert screen.current.status == "open"
    click(qtbot, screen.view.toggle)
    qtbot.waitUntil(
        lambda: (
            not screen.model.loading
            and any(r.code == "S04" and r.status == "closed" for r in screen.model.rows())
        ),
        timeout=5_000,
    )

    # filter by text (Enter) and by status
    screen.view.text.setText("浦东")
    qtbot.keyClick(screen.view.text, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not screen.model.loading and screen.model.total == 1, timeout=5_000)
    screen.view.text.clear()
    screen.view.status.setCurrentIndex(screen.view.status.findData("closed"))
    screen.apply_filters()
    qtbot.waitUntil(lambda: not screen.model.loading and screen.model.total == 1, timeout=5_000)
    assert screen.model.row_at(0).code == "S04"
    screen.view.status.setCurrentIndex(0)
    screen.apply_filters()
    qtbot.waitUntil(lambda: not screen.model.loading and screen.model.total == 4, timeout=5_000)

    # export: every store
    click(qtbot, screen.view.export_csv)
    idle(qtbot, window)
    (path,) = exports.glob("stores-*-*.csv")
    with path.open(encoding="utf-8-sig") as fh:
        exported = list(csv.reader(fh))
    assert [r[0] for r in exported[1:]] == ["S01", "S02", "S03", "S04"]
    assert exported[3][6] == "0.60%"

    select_where(qtbot, screen, lambda r: r.code == "S03")
    window.resize(1366, 768)
    qtbot.wait(50)
    screenshot(window, screenshot_dir / "backoffice-stores.png")


# -- 收银终端 --------------------------------------------------------------------------------------


def test_terminals_register_a_number_refuse_a_taken_one_and_retire(qtbot, make_backoffice):
    window = make_backoffice()
    sign_in(qtbot, window, "admin", "admin1234")
    add_org_areas(window)
    screen = open_area(qtbot, window, "terminals")
    assert [(r.store_code, r.number) for r in screen.model.rows()] == [("S01", 1)]

    screen.view.store.setCurrentIndex(
        screen.view.store.findText("S02", Qt.MatchFlag.MatchStartsWith)
    )
    screen.apply_filters()
    qtbot.waitUntil(lambda: not screen.model.loading and screen.model.total == 0, timeout=5_000)
    qtbot.waitUntil(lambda: screen.view.register.isEnabled(), timeout=5_000)
    click(qtbot, screen.view.register)
    editor = screen.editor
    qtbot.waitUntil(editor.view.isVisible, timeout=5_000)
    v = editor.view
    qtbot.waitUntil(lambda: v.number.value() == 2, timeout=5_000)  # the lowest free number
    assert v.store.currentText().startswith("S02")
    v.number.setValue(1)
    click(qtbot, v.save)
    qtbot.waitUntil(lambda: v.errors["number"].isVisible(), timeout=5_000)
    assert "S01" in v.errors["number"].text()
    v.number.setValue(2)
    v.name.setText("徐汇店 2 号收银台")
    click(qtbot, v.save)
    qtbot.waitUntil(lambda: not v.isVisible(), timeout=5_000)
    qtbot.waitUntil(lambda: not screen.model.loading and screen.model.total == 1, timeout=5_000)
    assert screen.model.row_at(0).name == "徐汇店 2 号收银台"
    assert "--store S02 --number 2" in screen.view.message.text()

    # retire after a question
    screen.confirm = lambda _title, text: "2" in text
    select_where(qtbot, screen, lambda r: r.number == 2)
    click(qtbot, screen.view.retire)
    qtbot.waitUntil(
        lambda: not screen.model.loading and screen.model.row_at(0).status == "retired",
        timeout=5_000,
    )
    assert not screen.view.retire.isEnabled()
    assert screen.model.index(0, 5).data() == QCoreApplication.translate("Org", "Never")


def test_a_manager_reads_their_stores_terminals_and_staff_without_managing(qtbot, make_backoffice):
    window = make_backoffice()
    sign_in(qtbot, window, "manager02", "manager123")
    add_org_areas(window, ("terminals", "staff"))
    terminals = open_area(qtbot, window, "terminals", rows=False)
    assert terminals.model.total == 0  # S01's terminal is not theirs
    assert not terminals.view.register.isVisible() and not terminals.view.retire.isVisible()
    assert terminals.view.hint.isVisible()
    assert terminals.view.store.count() == 1
    staff = open_area(qtbot, window, "staff")
    assert {r.account for r in staff.model.rows()} >= {"manager02", "cashier03"}
    assert "cashier01" not in {r.account for r in staff.model.rows()}
    for button in (staff.view.new, staff.view.edit, staff.view.delete, staff.view.reset_pin):
        assert not button.isVisible()


# -- 员工 ------------------------------------------------------------------------------------------


def test_staff_add_with_generated_secrets_reset_disable_delete(
    qtbot, make_backoffice, central, exports, screenshot_dir
):
    window = make_backoffice(save_to=lambda name: str(exports / name))
    sign_in(qtbot, window, "admin", "admin1234")
    add_org_areas(window)
    screen = open_area(qtbot, window, "staff")
    assert "admin" in {r.account for r in screen.model.rows()}

    screen.view.role.setCurrentIndex(screen.view.role.findData("cashier"))
    screen.apply_filters()
    qtbot.waitUntil(
        lambda: (
            not screen.model.loading
            and [r.account for r in screen.model.rows()] == ["cashier01", "cashier02", "cashier03"]
        ),
        timeout=5_000,
    )

    # add: no store and a bad PIN are refused under their fields
    click(qtbot, screen.view.new)
    editor = screen.editor
    qtbot.waitUntil(editor.view.isVisible, timeout=5_000)
    v = editor.view
    qtbot.waitUntil(v.account.hasFocus, timeout=3_000)
    assert not v.account.isReadOnly()
    qtbot.keyClicks(v.account, "cashier09")
    v.name.setText("孙丽")
    v.position.setText("收银组长")
    v.roles["cashier"].setChecked(True)
    v.pin.setText("12")
    click(qtbot, v.save)
    qtbot.waitUntil(lambda: v.errors["store_ids"].isVisible(), timeout=5_000)
    editor.check_store(next(s.store_id for s in screen.stores if s.code == "S01"))
    click(qtbot, v.save)
    qtbot.waitUntil(lambda: v.errors["pin"].isVisible(), timeout=5_000)
    assert v.errors["pin"].text() == describe(ValidationError("-", code="pin_format"))
    v.pin.clear()  # empty: generated, like the password
    click(qtbot, v.save)
    qtbot.waitUntil(lambda: not v.isVisible(), timeout=5_000)
    qtbot.waitUntil(
        lambda: screen.secret_view is not None and screen.secret_view.isVisible(), timeout=5_000
    )
    shown = screen.secret_view.secrets.text()
    password_label = QCoreApplication.translate("StaffScreen", "Password: {secret}").format(
        secret=""
    )
    pin_label = QCoreApplication.translate("StaffScreen", "PIN: {secret}").format(secret="")
    assert password_label in shown and pin_label in shown
    pin = shown.split(pin_label)[1].strip()
    assert pin.isdigit() and len(pin) == 6
    secret_view = screen.secret_view
    secret_view.close_button.click()
    qtbot.waitUntil(lambda: screen.secret_view is None, timeout=5_000)
    qtbot.waitUntil(
        lambda: (
            not screen.model.loading and "cashier09" in {r.account for r in screen.model.rows()}
        ),
        timeout=5_000,
    )
    with central.db.reader() as uow:
        entries = list(uow.session.scalars(select(AuditEntry.detail)))
    assert pin not in repr(entries)

    # reset the PIN: typed twice, a mismatch is caught before anything is sent
    select_where(qtbot, screen, lambda r: r.account == "cashier09")
    click(qtbot, screen.view.reset_pin)
    reset = screen.reset_editor
    qtbot.waitUntil(reset.view.isVisible, timeout=5_000)
    qtbot.waitUntil(reset.view.secret.hasFocus, timeout=3_000)
    qtbot.keyClicks(reset.view.secret, "4321")
    qtbot.keyClick(reset.view.secret, Qt.Key.Key_Return)
    assert reset.view.repeat.hasFocus()
    qtbot.keyClicks(reset.view.repeat, "4322")
    qtbot.keyClick(reset.view.repeat, Qt.Key.Key_Return)
    assert reset.view.errors["repeat"].isVisible() and window.runner.idle
    reset.view.repeat.setText("4321")
    qtbot.keyClick(reset.view.repeat, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not reset.view.isVisible(), timeout=5_000)
    reset_done = QCoreApplication.translate("StaffScreen", "PIN of {account} reset").format(
        account="cashier09"
    )
    qtbot.waitUntil(lambda: reset_done in screen.view.message.text(), timeout=5_000)
    assert screen.secret_view is None  # typed: nothing to show

    # disable, then a refused self-disable
    qtbot.waitUntil(lambda: not screen.model.loading, timeout=5_000)
    select_where(qtbot, screen, lambda r: r.account == "cashier09")
    click(qtbot, screen.view.toggle)
    qtbot.waitUntil(
        lambda: (
            not screen.model.loading
            and any(r.account == "cashier09" and not r.enabled for r in screen.model.rows())
        ),
        timeout=5_000,
    )
    screen.view.role.setCurrentIndex(0)
    screen.apply_filters()
    qtbot.waitUntil(lambda: not screen.model.loading and screen.model.total > 3, timeout=5_000)
    select_where(qtbot, screen, lambda r: r.account == "admin")
    click(qtbot, screen.view.toggle)
    qtbot.waitUntil(
        lambda: screen.view.message.text() == describe(ValidationError("-", code="self_disable")),
        timeout=5_000,
    )

    # delete after a question: gone from the list, shown with "show deleted"
    asked: list[str] = []
    screen.confirm = lambda _title, text: asked.append(text) or True
    select_where(qtbot, screen, lambda r: r.account == "cashier02")
    click(qtbot, screen.view.delete)
    qtbot.waitUntil(
        lambda: (
            not screen.model.loading and "cashier02" not in {r.account for r in screen.model.rows()}
        ),
        timeout=5_000,
    )
    assert "cashier02" in asked[0]
    screen.view.deleted.setChecked(True)
    qtbot.waitUntil(
        lambda: (
            not screen.model.loading and "cashier02" in {r.account for r in screen.model.rows()}
        ),
        timeout=5_000,
    )
    select_where(qtbot, screen, lambda r: r.account == "cashier02")
    assert not screen.view.edit.isEnabled() and not screen.view.delete.isEnabled()
    i = next(i for i, r in enumerate(screen.model.rows()) if r.account == "cashier02")
    assert screen.model.index(i, 5).data() == QCoreApplication.translate("Org", "Deleted")
    with central.db.reader() as uow:
        gone = uow.session.scalars(select(Staff).where(Staff.account == "cashier02")).one()
        assert gone.deleted_at is not None and not gone.enabled

    click(qtbot, screen.view.export_xlsx)
    idle(qtbot, window)
    assert list(exports.glob("staff-*.xlsx"))

    # the edit dialog over the list, for the picture
    screen.view.deleted.setChecked(False)
    qtbot.waitUntil(lambda: not screen.model.loading, timeout=5_000)
    select_where(qtbot, screen, lambda r: r.account == "cashier01")
    click(qtbot, screen.view.edit)
    qtbot.waitUntil(
        lambda: screen.editor is not editor and screen.editor.view.isVisible(), timeout=5_000
    )
    assert screen.editor.view.account.isReadOnly()
    assert not screen.editor.view.password.isVisible()
    window.resize(1366, 768)
    qtbot.wait(50)
    screenshot(window, screenshot_dir / "backoffice-staff.png", screen.editor.view)
    screen.editor.view.reject()


# -- 操作日志 --------------------------------------------------------------------------------------


def test_audit_log_newest_first_filters_detail_pages_and_export(
    qtbot, make_backoffice, central, exports, screenshot_dir
):
    db = central.db
    with db.uow() as uow:
        s = uow.session
        admin_id = s.scalars(select(Staff.id).where(Staff.account == "admin")).one()
        now = uow.clock.now()
        for i in range(230):
            s.add(
                AuditEntry(
                    id=str(new_id()),
                    at=now - timedelta(days=2, minutes=i),
                    store_id=None,
                    actor_id=admin_id,
                    action="coupon.update",
                    target=f"COUPON-{i:03d}",
                    detail={"changed": {"name": [f"旧名 {i}", f"新名 {i}"]}},
                )
            )
        uow.commit()
    window = make_backoffice(save_to=lambda name: str(exports / name))
    sign_in(qtbot, window, "admin", "admin1234")
    add_org_areas(window)
    # a few writes through the other areas first
    stores = open_area(qtbot, window, "stores")
    click(qtbot, stores.view.new)
    v = stores.editor.view
    qtbot.waitUntil(v.isVisible, timeout=5_000)
    v.code.setText("S03")
    v.name.setText("星辰便利店 浦东店")
    v.fee.setValue(1.25)
    click(qtbot, v.save)
    qtbot.waitUntil(lambda: not v.isVisible(), timeout=5_000)

    screen = open_area(qtbot, window, "audit")
    assert screen.model.total == 231
    assert screen.model.rowCount() == 100  # a page at a time
    first = screen.model.row_at(0)
    assert first.action == "store.create" and first.actor_name == "赵敏"
    assert screen.model.index(0, 1).data() == "赵敏 (admin)"
    assert "fee_rate_bp: 125" in screen.model.index(0, 5).data()
    qtbot.waitUntil(lambda: "星辰便利店 浦东店" in screen.view.detail.toPlainText(), timeout=5_000)
    assert '"fee_rate_bp": 125' in screen.view.detail.toPlainText()
    screen.view.table.scrollToBottom()
    qtbot.waitUntil(lambda: screen.model.rowCount() >= 200, timeout=5_000)

    # the action filter offers what occurs; a family, then one action
    actions = [screen.view.action.itemData(i) for i in range(screen.view.action.count())]
    assert "coupon.update" in actions and "store.create" in actions
    screen.view.action.setCurrentIndex(actions.index("store.create"))
    screen.apply_filters()
    qtbot.waitUntil(lambda: not screen.model.loading and screen.model.total == 1, timeout=5_000)
    screen.view.action.setCurrentIndex(0)
    qtbot.keyClicks(screen.view.target, "COUPON-00")
    qtbot.keyClick(screen.view.target, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not screen.model.loading and screen.model.total == 10, timeout=5_000)
    # the date filter: today only (China time) leaves the older entries out
    screen.view.target.clear()
    screen.view.by_date.setChecked(True)
    screen.view.date_from.setDate(screen.view.date_to.date())
    screen.apply_filters()
    qtbot.waitUntil(lambda: not screen.model.loading and screen.model.total == 1, timeout=5_000)
    click(qtbot, screen.view.reset)
    qtbot.waitUntil(lambda: not screen.model.loading and screen.model.total == 231, timeout=5_000)
    assert not screen.view.date_from.isEnabled()

    # sorting on the server: oldest first
    screen.view.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    qtbot.waitUntil(
        lambda: not screen.model.loading and screen.model.row_at(0).target == "COUPON-229",
        timeout=5_000,
    )
    screen.view.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    qtbot.waitUntil(
        lambda: not screen.model.loading and screen.model.row_at(0).action == "store.create",
        timeout=5_000,
    )

    click(qtbot, screen.view.export_csv)
    idle(qtbot, window)
    (path,) = exports.glob("audit-log-*.csv")
    with path.open(encoding="utf-8-sig") as fh:
        exported = list(csv.reader(fh))
    assert len(exported) == 232 and exported[1][1:3] == ["admin", "赵敏"]
    assert exported[1][4] == "store.create"

    window.resize(1366, 768)
    qtbot.wait(50)
    screenshot(window, screenshot_dir / "backoffice-audit.png")


def test_a_manager_sees_their_stores_entries_and_their_own(qtbot, make_backoffice, central):
    db = central.db
    with db.uow() as uow:
        s = uow.session
        from shared.db.models import Store

        stores = dict(s.execute(select(Store.code, Store.id)).all())
        people = dict(s.execute(select(Staff.account, Staff.id)).all())
        now = uow.clock.now()
        for code, who, target in (
            ("S01", "admin", "s01-entry"),
            ("S02", "admin", "s02-entry"),
            (None, "manager01", "own-entry"),
            (None, "admin", "head-office"),
        ):
            s.add(
                AuditEntry(
                    id=str(new_id()),
                    at=now,
                    store_id=stores[code] if code else None,
                    actor_id=people[who],
                    action="store.update",
                    target=target,
                    detail={},
                )
            )
        uow.commit()
    window = make_backoffice()
    sign_in(qtbot, window, "manager01", "manager123")
    add_org_areas(window, ("audit",))
    screen = open_area(qtbot, window, "audit")
    targets = {r.target for r in screen.model.rows()}
    assert {"s01-entry", "own-entry"} <= targets
    assert not targets & {"s02-entry", "head-office"}
    assert screen.view.store.count() == 2  # their stores and own entries, or S01


# -- the models on their own -----------------------------------------------------------------------


def test_models_show_percent_status_roles_and_readable_detail(qapp):
    from datetime import UTC, datetime

    runner = OperationRunner()
    at = datetime(2026, 11, 21, 2, 0, tzinfo=UTC)
    try:
        stores = store_model(runner, page_size=10, parent=None)
        stores.set_rows(
            [
                StoreRow(
                    "s1",
                    "S03",
                    "星辰便利店",
                    "",
                    "",
                    "",
                    "closed",
                    "day",
                    5,
                    "Asia/Shanghai",
                    at,
                    at,
                    2,
                    7,
                )
            ]
        )
        row = [stores.index(0, c).data() for c in range(stores.columnCount())]
        assert row[:2] == ["S03", "星辰便利店"]
        assert row[4] == QCoreApplication.translate("Org", "Closed") and row[6] == "0.05%"
        assert stores.index(0, 0).data(Qt.ItemDataRole.BackgroundRole) is not None
        assert percent(10_000) == "100.00%" and percent(0) == "0.00%"

        staff = staff_model(runner, page_size=10, parent=None)
        staff.set_rows(
            [
                StaffRow(
                    "p1",
                    "c1",
                    "李娜",
                    "",
                    ("cashier", "guide"),
                    (("s1", "S01"),),
                    True,
                    True,
                    None,
                    at,
                    at,
                    at,
                )
            ]
        )
        cells = [staff.index(0, c).data() for c in range(staff.columnCount())]
        cashier = QCoreApplication.translate("Org", "Cashier")
        guide = QCoreApplication.translate("Org", "Sales guide")
        assert cells[3] == f"{cashier}、{guide}" and cells[4] == "S01"
        assert cells[5] == QCoreApplication.translate("Org", "Deleted")

        audit = audit_model(runner, page_size=10, parent=None)
        audit.set_rows(
            [
                AuditRow(
                    "e1",
                    at,
                    "staff.update",
                    "c1",
                    {"changed": {"roles": [["cashier"], ["cashier", "guide"]]}, "password": "x"},
                    "p1",
                    "admin",
                    "赵敏",
                    False,
                    None,
                    "",
                    "",
                )
            ]
        )
        cells = [audit.index(0, c).data() for c in range(audit.columnCount())]
        assert cells[0] == "2026-11-21 10:00:00"  # China time
        assert cells[1] == "赵敏 (admin)"
        assert cells[2] == QCoreApplication.translate("Org", "Account changed")
        assert "roles: cashier → cashier、guide" in cells[5]
        assert "password: ***" in cells[5]
        assert detail_text({"enabled": False}) == "enabled: " + QCoreApplication.translate(
            "Org", "no"
        )
    finally:
        runner.shutdown()
