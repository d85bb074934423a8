"""The coupon areas of the back office: the coupon list, the coupon dialog with its inline
refusals, issuing codes (a count, and one per phone), exporting them; the verification records
filtered by store scope, coupon name, kind and time, exported; and screenshots."""

from __future__ import annotations

import csv
from itertools import count

from PySide6.QtCore import QDateTime, Qt
from sqlalchemy import select

from backoffice.coupon_screen import describe
from shared.db.models import Coupon, CouponInstance, PickupOrder, Staff, Store
from shared.domain.errors import ValidationError
from shared.sync import redeem

_requests = count(1)


def sign_in(qtbot, window, account: str, password: str) -> None:
    login = window.login_page
    login.account.setText(account)
    login.password.setText(password)
    qtbot.mouseClick(login.sign_in, Qt.MouseButton.LeftButton)


def open_area(qtbot, window, key: str):
    qtbot.waitUntil(lambda: key in window.controller.areas, timeout=5_000)
    screen = window.controller.areas[key]
    main = window.main_page
    main.nav.setCurrentRow(main.areas.indexOf(screen.widget))
    qtbot.waitUntil(lambda: not screen.model.loading and screen.model.total > 0, timeout=5_000)
    return screen


def click(qtbot, button) -> None:
    assert button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_manager_creates_a_coupon_issues_and_exports_codes(
    qtbot, make_backoffice, tmp_path, screenshot_dir
):
    out = tmp_path / "out"
    out.mkdir()
    window = make_backoffice(save_to=lambda name: str(out / name))
    sign_in(qtbot, window, "manager01", "manager123")
    screen = open_area(qtbot, window, "coupons")
    assert "verifications" in window.controller.areas
    demo_total = screen.model.total
    names = {r.name for r in screen.model.rows()}
    assert {"满50减10", "静安店8折券", "商品兑换券", "国庆满100减20"} <= names
    qtbot.waitUntil(lambda: screen.codes_model.rowCount() > 0, timeout=5_000)

    # filters: type and store (the store filter keeps the all-store coupons)
    screen.view.type.setCurrentIndex(screen.view.type.findData("discount"))
    screen.apply_filters()
    qtbot.waitUntil(lambda: not screen.model.loading and screen.model.total == 2, timeout=5_000)
    screen.view.type.setCurrentIndex(0)
    screen.view.store.setCurrentIndex(screen.view.store.findData("S02"))
    screen.apply_filters()
    qtbot.waitUntil(lambda: not screen.model.loading, timeout=5_000)
    assert "静安店8折券" not in {r.name for r in screen.model.rows()}
    assert "徐汇店满20减3" in {r.name for r in screen.model.rows()}
    screen.view.store.setCurrentIndex(0)
    screen.apply_filters()
    qtbot.waitUntil(lambda: screen.model.total == demo_total, timeout=5_000)

    window.resize(1366, 768)
    qtbot.wait(50)
    assert window.grab().save(str(screenshot_dir / "backoffice-coupons.png"))

    # a new coupon: the service's refusal shows under the field it names
    click(qtbot, screen.view.new)
    editor = screen.editor
    qtbot.waitUntil(editor.view.isVisible, timeout=5_000)
    v = editor.view
    v.threshold.setText("100")
    v.amount_off.setText("abc")
    click(qtbot, v.save)
    assert v.errors["amount_off_fen"].isVisible()  # typing errors are caught before the service
    v.amount_off.setText("20")
    click(qtbot, v.save)
    qtbot.waitUntil(lambda: v.errors["name"].isVisible(), timeout=5_000)
    assert v.errors["name"].text() == describe(ValidationError("-", code="coupon_name"))
    assert not v.errors["amount_off_fen"].isVisible()
    v.name.setText("周末满100减20")
    v.listed_stores.setChecked(True)
    click(qtbot, v.save)
    qtbot.waitUntil(lambda: v.errors["store_codes"].isVisible(), timeout=5_000)
    v.stores.item(0).setCheckState(Qt.CheckState.Checked)  # S01
    v.limits["limit_user_day"].setValue(1)
    v.valid_until.setDateTime(v.valid_from.dateTime().addSecs(-3600))
    click(qtbot, v.save)
    qtbot.waitUntil(lambda: v.errors["valid_until"].isVisible(), timeout=5_000)
    assert v.isVisible()
    v.resize(v.sizeHint())
    qtbot.wait(50)
    assert v.grab().save(str(screenshot_dir / "backoffice-coupon-dialog.png"))
    v.valid_until.setDateTime(v.valid_from.dateTime().addDays(30))
    click(qtbot, v.save)
    qtbot.waitUntil(lambda: not v.isVisible(), timeout=5_000)
    qtbot.waitUntil(lambda: screen.model.total == demo_total + 1, timeout=5_000)
    qtbot.waitUntil(lambda: screen.model.rowCount() > 0, timeout=5_000)
    created = screen.model.row_at(0)
    assert (created.name, created.threshold_fen, created.amount_off_fen) == (
        "周末满100减20",
        10_000,
        2_000,
    )
    assert created.store_codes == ("S01",) and created.limit_user_day == 1

    # issue 12 codes of it, then two bound to phones (a bad line is refused first)
    screen.view.table.selectRow(0)
    qtbot.waitUntil(lambda: screen.current is not None and screen.current.name == "周末满100减20")
    click(qtbot, screen.view.issue)
    issuer = screen.issuer
    qtbot.waitUntil(issuer.view.isVisible, timeout=5_000)
    issuer.view.count.setValue(12)
    click(qtbot, issuer.view.issue)
    qtbot.waitUntil(lambda: not issuer.view.isVisible(), timeout=5_000)
    qtbot.waitUntil(lambda: screen.codes_model.total == 12, timeout=5_000)
    assert "12" in screen.view.message.text()
    qtbot.waitUntil(lambda: screen.model.row_at(0).issued == 12, timeout=5_000)

    click(qtbot, screen.view.issue)
    issuer = screen.issuer
    issuer.view.phones.setPlainText("13800138001\n12345\n")
    assert not issuer.view.count.isEnabled()
    click(qtbot, issuer.view.issue)
    qtbot.waitUntil(lambda: issuer.view.message.text() != "", timeout=5_000)
    assert "12345" in issuer.view.message.text() and issuer.view.isVisible()
    issuer.view.phones.setPlainText("13800138001\n139 0013 9002\n")
    click(qtbot, issuer.view.issue)
    qtbot.waitUntil(lambda: screen.codes_model.total == 14, timeout=5_000)
    phones = {r.phone for r in screen.codes_model.rows()}
    assert {"13800138001", "13900139002"} <= phones

    click(qtbot, screen.view.export_csv)
    qtbot.waitUntil(lambda: screen.view.message.text().endswith(".csv"), timeout=5_000)
    with next(out.glob("codes-*.csv")).open(encoding="utf-8-sig", newline="") as fh:
        table = list(csv.reader(fh))
    assert len(table) == 15 and {r[2] for r in table[1:]} == {"周末满100减20"}
    assert all(len(r[0]) == 17 and r[0].count("-") == 3 for r in table[1:])


def _verify(db, code: str, store: str, account: str) -> None:
    with db.uow() as uow:
        s = uow.session
        answer = redeem.redeem(
            s,
            uow.clock,
            {
                "request_id": f"gui-{next(_requests)}",
                "text": code,
                "store_id": s.scalars(select(Store.id).where(Store.code == store)).one(),
                "staff_id": s.scalars(select(Staff.id).where(Staff.account == account)).one(),
            },
        )
    assert answer["ok"], answer


def _codes(db, coupon: str, n: int) -> list[str]:
    with db.reader() as uow:
        return list(
            uow.session.scalars(
                select(CouponInstance.code)
                .join(Coupon, Coupon.id == CouponInstance.coupon_id)
                .where(Coupon.name == coupon, CouponInstance.state == "unused")
                .limit(n)
            )
        )


def _redeem_some(db) -> None:
    """Two coupons and a pickup code at S01, one coupon at S02."""
    first, second = _codes(db, "满50减10", 2)
    _verify(db, first, "S01", "verifier01")
    _verify(db, _codes(db, "静安店8折券", 1)[0], "S01", "verifier01")
    with db.reader() as uow:
        pickup = uow.session.scalars(select(PickupOrder.code).limit(1)).one()
    _verify(db, pickup, "S01", "verifier01")
    _verify(db, second, "S02", "admin")


def test_verification_records_of_the_managers_stores(
    qtbot, make_backoffice, central, tmp_path, screenshot_dir
):
    _redeem_some(central.db)
    out = tmp_path / "out"
    out.mkdir()
    window = make_backoffice(save_to=lambda name: str(out / name))
    sign_in(qtbot, window, "manager01", "manager123")
    screen = open_area(qtbot, window, "verifications")
    assert screen.model.total == 3
    assert {r.store_code for r in screen.model.rows()} == {"S01"}
    assert screen.view.store.count() == 1 and screen.view.store.currentData() == "S01"
    window.resize(1366, 768)
    qtbot.wait(50)
    assert window.grab().save(str(screenshot_dir / "backoffice-verifications.png"))

    screen.view.coupon_name.setText("8折")
    click(qtbot, screen.view.search)
    qtbot.waitUntil(lambda: screen.model.total == 1 and not screen.model.loading, timeout=5_000)
    record = screen.model.row_at(0)
    assert (record.coupon_name, record.verifier_name, record.kind) == (
        "静安店8折券",
        "周杰",
        "coupon",
    )

    screen.view.coupon_name.clear()
    screen.view.kind.setCurrentIndex(screen.view.kind.findData("pickup"))
    click(qtbot, screen.view.search)
    qtbot.waitUntil(lambda: screen.model.total == 1 and not screen.model.loading, timeout=5_000)
    assert screen.model.row_at(0).order_no

    screen.view.kind.setCurrentIndex(0)
    click(qtbot, screen.view.search)
    qtbot.waitUntil(lambda: screen.model.total == 3 and not screen.model.loading, timeout=5_000)
    click(qtbot, screen.view.export_xlsx)
    qtbot.waitUntil(lambda: screen.view.message.text().endswith(".xlsx"), timeout=5_000)
    from openpyxl import load_workbook

    sheet = load_workbook(next(out.glob("verifications-*.xlsx"))).active
    assert sheet.max_row == 4 and sheet.max_column == 13


def test_admin_filters_verification_records_by_store_and_time(qtbot, make_backoffice, central):
    _redeem_some(central.db)
    window = make_backoffice(language="en")
    sign_in(qtbot, window, "admin", "admin1234")
    screen = open_area(qtbot, window, "verifications")
    assert screen.model.total == 4
    assert screen.view.store.itemText(0) == "All stores"
    screen.view.store.setCurrentIndex(screen.view.store.findData("S02"))
    screen.apply_filters()
    qtbot.waitUntil(lambda: screen.model.total == 1 and not screen.model.loading, timeout=5_000)
    assert screen.model.row_at(0).verifier_name == "赵敏"

    # a time range that ends before it starts: refused with a reason, nothing listed
    screen.view.store.setCurrentIndex(0)
    screen.view.by_time.setChecked(True)
    assert screen.view.date_from.isEnabled()
    now = QDateTime.currentDateTime()
    screen.view.date_from.setDateTime(now.addDays(1))
    screen.view.date_to.setDateTime(now.addDays(-1))
    click(qtbot, screen.view.search)
    qtbot.waitUntil(lambda: screen.view.message.text() != "", timeout=5_000)
    assert screen.view.message.text() == describe(ValidationError("-", code="date_range"))
    # a range in the future: nothing yet
    screen.view.date_to.setDateTime(now.addDays(2))
    click(qtbot, screen.view.search)
    qtbot.waitUntil(lambda: screen.view.summary.text() == "0 records", timeout=5_000)
    # the last week, which holds them all
    screen.view.date_from.setDateTime(now.addDays(-7))
    click(qtbot, screen.view.search)
    qtbot.waitUntil(lambda: screen.model.total == 4 and not screen.model.loading, timeout=5_000)
