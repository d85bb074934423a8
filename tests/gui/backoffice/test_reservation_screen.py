"""The stock reservation area of the back office (锁定库存) over the demo central database: stock
locked through the dialog (an unknown code and more than is available are refused beside their
fields, changing nothing; a pre-sale may lock more than there is), the list filtered and
exported, a reservation released after a question (and only once: one ended elsewhere meanwhile
is refused with the service's message), the stock list showing what is locked, a reservation
past its expiry ended when the area is read again; a screenshot.
"""

from __future__ import annotations

import csv
from datetime import timedelta

from PySide6.QtCore import Qt
from sqlalchemy import select, update

from backoffice.backend import StockQuery
from backoffice.reservation_models import describe, state_name
from shared.db.models import Staff, StockReservation
from shared.domain.errors import Conflict, NotFound
from shared.services import auth, inventory, reservations
from shared.services.inventory import VoucherLineInput

SOAP = "P000006"
SHAMPOO = "P000007"
WATER = "P000008"
APPLE = "P000001"  # sold by the kg


def actor(db, account: str) -> auth.Actor:
    with db.reader() as uow:
        staff = uow.session.scalars(select(Staff).where(Staff.account == account)).one()
        return auth.actor_for(uow, staff)


def receive_stock(db, store: str, lines: list[tuple[str, int]]) -> None:
    """Post an inbound voucher: (code, thousandths) per line."""
    manager = actor(db, "manager01" if store == "S01" else "manager02")
    with db.uow() as uow:
        voucher = inventory.create_voucher(
            uow,
            manager,
            warehouse=store,
            direction="in",
            type="purchase",
            lines=[VoucherLineInput(code, milli, 200) for code, milli in lines],
        )
    with db.uow() as uow:
        inventory.post_voucher(uow, manager, voucher)


def stock(db, code: str, store: str = "S01"):
    with db.reader() as uow:
        return inventory.stock(uow, None, code, store)


def sign_in(qtbot, window, account: str, password: str = "manager123") -> None:
    login = window.login_page
    login.account.setText(account)
    login.password.setText(password)
    qtbot.mouseClick(login.sign_in, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.controller.actor is not None, timeout=5_000)


def click(qtbot, button) -> None:
    assert button.isEnabled(), button.objectName()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def show_area(qtbot, window, key: str):
    qtbot.waitUntil(
        lambda: key in window.controller.areas and window.controller.areas[key].ready,
        timeout=5_000,
    )
    screen = window.controller.areas[key]
    main = window.main_page
    main.nav.setCurrentRow(main.areas.indexOf(screen.widget))
    qtbot.waitUntil(lambda: not screen.loading, timeout=5_000)
    return screen


def enter(qtbot, field, text: str) -> None:
    """Type into a field as a person or a wedge scanner does, then Enter."""
    field.setFocus()
    field.clear()
    qtbot.keyClicks(field, text)
    qtbot.keyClick(field, Qt.Key.Key_Return)


def open_editor(qtbot, screen):
    click(qtbot, screen.view.new)
    editor = screen.editor
    qtbot.waitUntil(editor.view.isVisible, timeout=5_000)
    qtbot.waitUntil(editor.view.code.hasFocus, timeout=2_000)  # it opens on the code
    return editor


def look_up(qtbot, editor, code: str) -> None:
    enter(qtbot, editor.view.code, code)
    qtbot.waitUntil(
        lambda: (
            editor.found is not None
            and code in (editor.found.sku_code, editor.found.name)
            or editor.view.errors["sku"].isVisible()
        ),
        timeout=5_000,
    )


def shown(screen) -> list[tuple[str, str, int]]:
    return [(r.sku_code, r.state, r.qty_milli) for r in screen.model.rows()]


def test_stock_locked_through_the_dialog_released_once_filtered_and_exported(
    qtbot, make_backoffice, central, tmp_path, screenshot_dir
):
    db = central.db
    receive_stock(db, "S01", [(SOAP, 10_000), (SHAMPOO, 6000), (APPLE, 4500)])
    out = tmp_path / "out"
    out.mkdir()
    window = make_backoffice(save_to=lambda name: str(out / name))
    sign_in(qtbot, window, "manager01")
    screen = show_area(qtbot, window, "reservations")
    v = screen.view
    assert screen.model.rowCount() == 0
    assert not v.release.isEnabled() and not v.fulfil.isEnabled() and v.new.isEnabled()

    # the dialog: an unknown code is refused beside the field
    editor = open_editor(qtbot, screen)
    e = editor.view
    assert e.warehouse.currentData() == "S01" and e.reason.currentData() == "order"
    assert not e.expires.isChecked() and not e.expiry.isEnabled()
    look_up(qtbot, editor, "NOPE")
    assert e.errors["sku"].text() == describe(NotFound("-", code="unknown_sku", value="NOPE"))
    # the SKU and its stock here; the quantity field takes the keyboard
    look_up(qtbot, editor, SOAP)
    assert not e.errors["sku"].isVisible()
    assert "10" in e.item.text() and SOAP in e.item.text()
    qtbot.waitUntil(e.qty.hasFocus, timeout=2_000)

    # more than is available: refused beside the quantity, nothing locked
    e.qty.setText("12")
    click(qtbot, e.reserve)
    qtbot.waitUntil(e.errors["qty"].isVisible, timeout=5_000)
    assert SOAP in e.errors["qty"].text() and e.isVisible()
    assert stock(db, SOAP).locked_milli == 0
    e.qty.setText("1.5")
    click(qtbot, e.reserve)
    qtbot.waitUntil(
        lambda: e.errors["qty"].text() == describe(Conflict("-", code="quantity_fractional")),
        timeout=5_000,
    )

    # three, for an unpaid order, unlocked automatically in two days
    e.qty.setText("3")
    e.reference.setText("订单 A-1001")
    editor.set_expiry(db.clock.now() + timedelta(days=2))
    assert e.expiry.isEnabled()
    click(qtbot, e.reserve)
    qtbot.waitUntil(lambda: not e.isVisible(), timeout=5_000)
    qtbot.waitUntil(
        lambda: screen.current is not None and screen.model.rowCount() == 1, timeout=5_000
    )
    first = screen.current
    assert (first.sku_code, first.qty_milli, first.reason, first.reference) == (
        SOAP,
        3000,
        "order",
        "订单 A-1001",
    )
    assert first.expires_at is not None
    assert abs(first.expires_at - (db.clock.now() + timedelta(days=2))) < timedelta(minutes=2)
    assert first.no in v.message.text() and v.message.property("level") == "info"
    soap = stock(db, SOAP)
    assert (soap.on_hand_milli, soap.locked_milli, soap.available_milli) == (10_000, 3000, 7000)
    assert v.release.isEnabled() and v.fulfil.isEnabled()
    assert "7" in v.stock.text()

    # a pre-sale may lock more than there is; weighed goods take fractions
    editor = open_editor(qtbot, screen)
    e = editor.view
    look_up(qtbot, editor, WATER)
    e.qty.setText("20")
    e.reason.setCurrentIndex(e.reason.findData("presale"))
    e.reference.setText("预售 13800001111")
    click(qtbot, e.reserve)
    qtbot.waitUntil(lambda: not e.isVisible(), timeout=5_000)
    qtbot.waitUntil(lambda: screen.model.rowCount() == 2, timeout=5_000)
    assert stock(db, WATER).available_milli == -20_000
    editor = open_editor(qtbot, screen)
    look_up(qtbot, editor, APPLE)
    editor.view.qty.setText("1.25")
    click(qtbot, editor.view.reserve)
    qtbot.waitUntil(lambda: screen.model.rowCount() == 3, timeout=5_000)
    assert stock(db, APPLE).locked_milli == 1250
    assert shown(screen) == [(APPLE, "open", 1250), (WATER, "open", 20_000), (SOAP, "open", 3000)]

    # the stock list shows what is locked, and what is left available
    manager = window.controller.actor
    page = window.backend.stock_page(manager, StockQuery("S01", text=SOAP), 0)
    assert [(r.sku_code, r.locked_milli, r.available_milli) for r in page.rows] == [
        (SOAP, 3000, 7000)
    ]

    # release the soap: asked first (no: nothing happens), then released once
    v.table.selectRow(2)
    qtbot.waitUntil(lambda: screen.current.sku_code == SOAP, timeout=5_000)
    asked: list[str] = []
    screen.confirm = lambda _parent, _title, text: asked.append(text) or False
    click(qtbot, v.release)
    assert len(asked) == 1 and first.no in asked[0] and SOAP in asked[0]
    assert stock(db, SOAP).locked_milli == 3000
    screen.confirm = lambda *_: True
    click(qtbot, v.release)
    qtbot.waitUntil(lambda: screen.current.state == "released", timeout=5_000)
    assert screen.current.reservation_id == first.reservation_id
    assert first.no in v.message.text() and v.message.property("level") == "info"
    assert stock(db, SOAP).locked_milli == 0
    qtbot.waitUntil(lambda: not screen.loading, timeout=5_000)
    assert not v.release.isEnabled() and not v.fulfil.isEnabled()

    # the pre-sale is fulfilled elsewhere while this window still shows it open
    v.table.selectRow(1)
    qtbot.waitUntil(lambda: screen.current.sku_code == WATER, timeout=5_000)
    water = screen.current
    assert water.state == "open" and v.fulfil.isEnabled()
    with db.uow() as uow:
        reservations.release(uow, actor(db, "admin"), water.reservation_id)
    click(qtbot, v.fulfil)
    expected = describe(Conflict("-", code="reservation_released", no=water.no))
    qtbot.waitUntil(lambda: v.message.text() == expected, timeout=5_000)
    assert v.message.property("level") == "error"
    qtbot.waitUntil(lambda: screen.current.state == "released", timeout=5_000)
    assert stock(db, WATER).locked_milli == 0  # released once, not fulfilled on top

    # filters: state, SKU text, reference
    v.state.setCurrentIndex(v.state.findData("open"))
    click(qtbot, v.search)
    qtbot.waitUntil(
        lambda: not screen.loading and shown(screen) == [(APPLE, "open", 1250)], timeout=5_000
    )
    v.state.setCurrentIndex(0)
    v.reference.setText("A-1001")
    click(qtbot, v.search)
    qtbot.waitUntil(
        lambda: not screen.loading and shown(screen) == [(SOAP, "released", 3000)], timeout=5_000
    )
    v.reference.clear()
    enter(qtbot, v.sku, WATER)
    qtbot.waitUntil(
        lambda: not screen.loading and shown(screen) == [(WATER, "released", 20_000)], timeout=5_000
    )
    v.sku.clear()
    click(qtbot, v.search)
    qtbot.waitUntil(lambda: not screen.loading and screen.model.rowCount() == 3, timeout=5_000)

    # export: every row, names in Chinese
    click(qtbot, v.export_csv)
    qtbot.waitUntil(lambda: "csv" in v.message.text(), timeout=5_000)
    files = list(out.glob("*.csv"))
    assert len(files) == 1 and files[0].name.startswith("reservations-all-")
    with files[0].open(encoding="utf-8-sig") as fh:
        table = list(csv.reader(fh))
    assert len(table) == 1 + 3
    soap_row = next(r for r in table if r[2] == SOAP)
    assert soap_row[5] == "3" and soap_row[7] == "订单 A-1001"
    assert soap_row[8] == state_name("released") != "released"
    apple_row = next(r for r in table if r[2] == APPLE)
    assert apple_row[5] == "1.25"

    # a picture with something locked: one more, selected
    editor = open_editor(qtbot, screen)
    look_up(qtbot, editor, SHAMPOO)
    editor.view.qty.setText("2")
    editor.view.reference.setText("会员 王女士 13912345678")
    click(qtbot, editor.view.reserve)
    qtbot.waitUntil(lambda: screen.model.rowCount() == 4, timeout=5_000)
    qtbot.waitUntil(lambda: not screen.loading, timeout=5_000)
    assert screen.current.sku_code == SHAMPOO
    summary = v.summary  # laid out again for its new text before the picture
    qtbot.waitUntil(lambda: summary.width() >= summary.sizeHint().width(), timeout=5_000)
    window.grab().save(str(screenshot_dir / "backoffice-reservations.png"))


def test_a_reservation_past_its_expiry_ends_when_stock_is_read_again(
    qtbot, make_backoffice, central
):
    db = central.db
    receive_stock(db, "S01", [(SOAP, 5000)])
    manager = actor(db, "manager01")
    with db.uow() as uow:
        r = reservations.reserve(
            uow,
            manager,
            warehouse="S01",
            sku_code=SOAP,
            qty_milli=4000,
            expires_at=db.clock.now() + timedelta(hours=1),
        )
    window = make_backoffice()
    sign_in(qtbot, window, "manager01")
    screen = show_area(qtbot, window, "reservations")
    assert shown(screen) == [(SOAP, "open", 4000)]
    # an hour later (the expiry moved back, as the central clock cannot be moved here)
    with db.uow() as uow:
        uow.session.execute(
            update(StockReservation)
            .where(StockReservation.id == r.reservation_id)
            .values(expires_at=db.clock.now() - timedelta(seconds=1))
        )
        uow.commit()
    assert stock(db, SOAP).locked_milli == 4000  # nothing has swept yet
    # the stock list sweeps before it reads
    page = window.backend.stock_page(window.controller.actor, StockQuery("S01", text=SOAP), 0)
    assert [(r.locked_milli, r.available_milli) for r in page.rows] == [(0, 5000)]
    click(qtbot, screen.view.search)
    qtbot.waitUntil(
        lambda: not screen.loading and shown(screen) == [(SOAP, "expired", 4000)], timeout=5_000
    )
    assert screen.current.closed_at is not None and not screen.view.release.isEnabled()
    assert state_name("expired") in screen.view.heading.text()
