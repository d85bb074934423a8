"""The stock-operation areas of the back office (盘点 stocktake, 调拨 transfers) over the demo
central database, where S01's counter already sold P000011, P000012 and P000013 (their stock is
-1): a count sheet opened, counted with the keyboard as a wedge scanner types (repeat scans add
up, ``n*code`` and the quantity field count more, a bad code is refused beside the field), a
count corrected, the sheet exported and approved (stock changes; approving again is refused
with the service's message); a transfer written by scanning, sent, and received by the other
store with a difference; a draft cancelled; screenshots.
"""

from __future__ import annotations

import csv

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from backoffice.stock_ops_models import (
    GAIN_BACKGROUND,
    GAIN_TEXT,
    LINE_DIFFERENCE_COLUMN,
    LOSS_BACKGROUND,
    LOSS_TEXT,
    TRANSFER_DIFFERENCE_COLUMN,
    describe,
    parse_scan,
)
from shared.db.models import Staff
from shared.domain.errors import Conflict, NotFound, ValidationError
from shared.services import auth, inventory, stocktake
from shared.services.inventory import VoucherLineInput

SOAP = "P000006"
SHAMPOO = "P000007"
WATER = "P000008"
SNACK = "P000009"


def actor(db, account: str) -> auth.Actor:
    with db.reader() as uow:
        staff = uow.session.scalars(select(Staff).where(Staff.account == account)).one()
        return auth.actor_for(uow, staff)


def receive_stock(db, store: str, lines: list[tuple[str, int, int]]) -> None:
    """Post an inbound voucher: (code, units, unit cost in fen) per line."""
    manager = actor(db, "manager01" if store == "S01" else "manager02")
    with db.uow() as uow:
        voucher = inventory.create_voucher(
            uow,
            manager,
            warehouse=store,
            direction="in",
            type="purchase",
            lines=[VoucherLineInput(code, units * 1000, cost) for code, units, cost in lines],
        )
    with db.uow() as uow:
        inventory.post_voucher(uow, manager, voucher)


def on_hand(db, code: str, store: str = "S01") -> int:
    with db.reader() as uow:
        return inventory.stock(uow, None, code, store).on_hand_milli


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


def scan(qtbot, field, text: str) -> None:
    """What a keyboard-wedge scanner does: type the code into the focused field, then Enter."""
    assert field.hasFocus(), "the scan field lost the focus"
    qtbot.keyClicks(field, text)
    qtbot.keyClick(field, Qt.Key.Key_Return)


def counted(screen) -> dict[str, tuple[int, int, int]]:
    """code -> (book, counted, difference) of the lines shown."""
    return {
        r.sku_code: (r.book_at_count_milli, r.counted_milli, r.difference_milli)
        for r in screen.lines_model.rows()
    }


def colours(model, row: int, column: int) -> tuple[str | None, str | None]:
    fg = model.data(model.index(row, column), Qt.ItemDataRole.ForegroundRole)
    bg = model.data(model.index(row, column), Qt.ItemDataRole.BackgroundRole)
    return (fg.color().name() if fg else None, bg.color().name() if bg else None)


def test_scan_parsing():
    assert parse_scan(" P000006 ") == parse_scan("P000006")
    assert parse_scan("P000006").qty_milli is None
    assert (parse_scan("3*P000006").code, parse_scan("3*P000006").qty_milli) == (SOAP, 3000)
    assert parse_scan("0.5×P000001").qty_milli == 500
    assert parse_scan("12X345").code == "12X345"  # a code, not a quantity
    for bad, reason in (("", "code_empty"), ("0*P000006", "quantity_not_positive")):
        with pytest.raises(ValidationError) as exc:
            parse_scan(bad)
        assert exc.value.code == reason


def test_a_count_sheet_scanned_with_the_keyboard_approved_once(
    qtbot, make_backoffice, central, terminal, tmp_path, screenshot_dir
):
    db = central.db
    receive_stock(
        db, "S01", [(SOAP, 10, 200), (SHAMPOO, 4, 1500), (WATER, 5, 100), (SNACK, 6, 350)]
    )
    out = tmp_path / "out"
    out.mkdir()
    window = make_backoffice(save_to=lambda name: str(out / name))
    sign_in(qtbot, window, "manager01")
    screen = show_area(qtbot, window, "stocktakes")
    v = screen.view
    assert screen.model.rowCount() == 0 and not v.entry.isVisible()
    assert v.warehouse.count() == 1 and v.warehouse.currentData() == "S01"

    # open a sheet of every SKU of S01
    click(qtbot, v.open_sheet)
    opener = screen.opener
    qtbot.waitUntil(opener.view.isVisible, timeout=5_000)
    assert opener.view.warehouse.currentData() == "S01" and opener.view.all_goods.isChecked()
    click(qtbot, opener.view.open_button)
    qtbot.waitUntil(
        lambda: screen.sheet is not None and screen.model.rowCount() == 1, timeout=5_000
    )
    qtbot.waitUntil(lambda: not opener.view.isVisible(), timeout=5_000)
    sheet = screen.sheet
    assert sheet.status == "open" and sheet.warehouse == "S01"
    assert v.entry.isVisible() and v.approve.isEnabled()
    # in stock on the book, not counted yet: the four received, and the three sold below zero
    assert {u.sku_code for u in screen.uncounted_model.rows()} == {
        SOAP,
        SHAMPOO,
        WATER,
        SNACK,
        "P000011",
        "P000012",
        "P000013",
    }
    qtbot.waitUntil(v.scan.hasFocus, timeout=2_000)  # the sheet in progress takes the keyboard

    # a second sheet for the same warehouse is refused while this one is open
    click(qtbot, v.open_sheet)
    qtbot.waitUntil(screen.opener.view.isVisible, timeout=5_000)
    click(qtbot, screen.opener.view.open_button)
    qtbot.waitUntil(lambda: sheet.no in screen.opener.view.message.text(), timeout=5_000)
    assert screen.opener.view.message.text() == describe(
        Conflict("-", code="stocktake_open", no=sheet.no)
    )
    screen.opener.view.reject()
    qtbot.waitUntil(v.scan.hasFocus, timeout=2_000)  # closing a dialog gives it back

    # scanning: repeat scans add up; n*code and the quantity field count more
    for _ in range(3):
        scan(qtbot, v.scan, SOAP)
    scan(qtbot, v.scan, f"4*{SOAP}")
    qtbot.waitUntil(lambda: counted(screen).get(SOAP, (0, 0))[1] == 7000, timeout=5_000)
    water_barcode = next(p["barcode"] for p in terminal.products if p["code"] == WATER)
    v.qty.setFocus()
    qtbot.keyClicks(v.qty, "6")
    qtbot.keyClick(v.qty, Qt.Key.Key_Return)  # back to the scan field
    scan(qtbot, v.scan, water_barcode)
    scan(qtbot, v.scan, f"6*{SNACK}")
    scan(qtbot, v.scan, SHAMPOO)
    qtbot.waitUntil(lambda: len(counted(screen)) == 4, timeout=5_000)
    assert v.qty.text() == ""  # the quantity field counts for one scan
    assert counted(screen) == {
        SOAP: (10_000, 7000, -3000),
        WATER: (5000, 6000, 1000),
        SNACK: (6000, 6000, 0),
        SHAMPOO: (4000, 1000, -3000),
    }
    assert v.scan.hasFocus() and v.scan.text() == ""
    assert SHAMPOO in v.feedback.text() and "+1" in v.feedback.text()

    # a code that names nothing is refused beside the field, and nothing is counted
    scan(qtbot, v.scan, "NOPE-123")
    qtbot.waitUntil(lambda: "NOPE-123" in v.feedback.text(), timeout=5_000)
    assert describe(NotFound("-", code="unknown_sku", value="NOPE-123")) in v.feedback.text()
    assert v.feedback.property("level") == "error"
    assert len(counted(screen)) == 4 and v.scan.hasFocus()

    # correct a count: the shampoo was counted twice over, 2 are on the shelf (set, not add)
    row = next(i for i, r in enumerate(screen.lines_model.rows()) if r.sku_code == SHAMPOO)
    v.lines.selectRow(row)
    click(qtbot, v.correct)
    corrector = screen.corrector
    qtbot.waitUntil(corrector.view.isVisible, timeout=5_000)
    assert corrector.view.count.text() == "1"
    corrector.view.count.setText("2")
    qtbot.keyClick(corrector.view.count, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: counted(screen)[SHAMPOO][1] == 2000, timeout=5_000)
    qtbot.waitUntil(lambda: not corrector.view.isVisible(), timeout=5_000)
    assert counted(screen)[SHAMPOO] == (4000, 2000, -2000)

    # once the scanning pauses the sheet is read again: values at the average cost
    qtbot.waitUntil(
        lambda: (
            not screen.loading
            and {r.sku_code: r.value_fen for r in screen.lines_model.rows()}.get(SOAP) == -600
        ),
        timeout=5_000,
    )
    values = {r.sku_code: r.value_fen for r in screen.lines_model.rows()}
    assert values == {SOAP: -600, WATER: 100, SNACK: 0, SHAMPOO: -3000}
    assert {u.sku_code for u in screen.uncounted_model.rows()} == {
        "P000011",
        "P000012",
        "P000013",
    }
    # gains green, losses red
    rows = {r.sku_code: i for i, r in enumerate(screen.lines_model.rows())}
    assert colours(screen.lines_model, rows[WATER], LINE_DIFFERENCE_COLUMN) == (
        QColor(GAIN_TEXT).name(),
        QColor(GAIN_BACKGROUND).name(),
    )
    assert colours(screen.lines_model, rows[SOAP], LINE_DIFFERENCE_COLUMN) == (
        QColor(LOSS_TEXT).name(),
        QColor(LOSS_BACKGROUND).name(),
    )
    assert colours(screen.lines_model, rows[SNACK], LINE_DIFFERENCE_COLUMN) == (None, None)
    assert screen.model.row_at(0).lines == 4
    v.lines.clearSelection()
    QApplication.processEvents()
    window.grab().save(str(screenshot_dir / "backoffice-stocktake.png"))

    # the sheet exports: counted lines, then what is not counted yet
    click(qtbot, v.export_csv)
    qtbot.waitUntil(lambda: "csv" in v.message.text(), timeout=5_000)
    files = list(out.glob("*.csv"))
    assert len(files) == 1 and files[0].name.startswith(sheet.no)
    with files[0].open(encoding="utf-8-sig") as fh:
        table = list(csv.reader(fh))
    assert len(table) == 1 + 4 + 3
    soap = next(r for r in table if r[0] == SOAP)
    assert soap[3:7] == ["10", "7", "-3", "-6.00"]
    assert table[-1][0] == "P000013" and table[-1][4] == ""

    # approve: the dialog states gains and losses and the "uncounted = zero" choice
    click(qtbot, v.approve)
    qtbot.waitUntil(lambda: screen.approver is not None, timeout=5_000)
    approver = screen.approver
    qtbot.waitUntil(approver.view.isVisible, timeout=5_000)
    a = approver.view
    assert "1" in a.gains.text() and "+1" in a.gains.text()  # one SKU, one unit of water
    assert "2" in a.losses.text() and "-5" in a.losses.text()  # soap and shampoo: 3 + 2
    assert not a.zero.isChecked() and a.zero.isEnabled()
    assert "3" in a.zero.text()
    left_alone = a.uncounted.text()
    a.zero.setChecked(True)
    assert a.uncounted.text() != left_alone
    a.zero.setChecked(False)
    click(qtbot, a.approve)
    qtbot.waitUntil(
        lambda: screen.sheet is not None and screen.sheet.status == "approved", timeout=5_000
    )
    assert sheet.no in v.message.text() and v.message.property("level") == "info"
    assert (on_hand(db, SOAP), on_hand(db, WATER), on_hand(db, SNACK)) == (7000, 6000, 6000)
    assert on_hand(db, SHAMPOO) == 2000
    assert on_hand(db, "P000012") == -1000  # not counted: left alone
    assert not v.entry.isVisible() and not v.approve.isEnabled()
    assert not v.cancel_sheet.isEnabled() and v.export_xlsx.isEnabled()

    # a new sheet; approved by another manager while this one asks: the service refuses
    click(qtbot, v.open_sheet)
    qtbot.waitUntil(screen.opener.view.isVisible, timeout=5_000)
    click(qtbot, screen.opener.view.open_button)
    qtbot.waitUntil(lambda: screen.sheet is not None and screen.sheet.no != sheet.no, timeout=5_000)
    second = screen.sheet
    v.scan.setFocus()
    scan(qtbot, v.scan, SOAP)
    qtbot.waitUntil(lambda: SOAP in counted(screen), timeout=5_000)
    click(qtbot, v.approve)
    qtbot.waitUntil(
        lambda: screen.approver is not approver and screen.approver.view.isVisible(),
        timeout=5_000,
    )
    with db.uow() as uow:
        stocktake.approve_stocktake(uow, actor(db, "manager01"), second.stocktake_id)
    click(qtbot, screen.approver.view.approve)
    expected = describe(Conflict("-", code="stocktake_approved", no=second.no))
    qtbot.waitUntil(lambda: v.message.text() == expected, timeout=5_000)
    assert v.message.property("level") == "error"
    qtbot.waitUntil(lambda: screen.sheet.status == "approved", timeout=5_000)
    assert on_hand(db, SOAP) == 1000  # approved once: 1 counted at the count


def test_a_transfer_scanned_sent_and_received_with_a_difference(
    qtbot, make_backoffice, central, terminal, screenshot_dir
):
    db = central.db
    receive_stock(db, "S01", [(SOAP, 10, 200), (WATER, 5, 100)])
    window = make_backoffice()
    sign_in(qtbot, window, "manager01")
    screen = show_area(qtbot, window, "transfers")
    screen.confirm = lambda *_: True
    v = screen.view
    assert screen.model.rowCount() == 0
    assert not v.send.isEnabled() and not v.receive.isEnabled()

    # a transfer to S02 written by scanning
    click(qtbot, v.new)
    editor = screen.editor
    qtbot.waitUntil(editor.view.isVisible, timeout=5_000)
    e = editor.view
    assert e.from_warehouse.currentData() == "S01" and e.to_warehouse.currentData() == "S02"
    assert not e.save_send.isEnabled()
    qtbot.waitUntil(e.code.hasFocus, timeout=2_000)  # the dialog opens on the code entry
    scan(qtbot, e.code, "NOPE")
    qtbot.waitUntil(e.entry_error.isVisible, timeout=5_000)
    assert e.entry_error.text().startswith("NOPE")
    assert describe(NotFound("-", code="unknown_sku", value="NOPE")) in e.entry_error.text()
    assert e.code.text() == "" and e.code.hasFocus()  # emptied for the next scan
    scan(qtbot, e.code, f"3*{SOAP}")
    qtbot.waitUntil(lambda: len(editor.lines) == 1, timeout=5_000)
    scan(qtbot, e.code, SOAP)  # scanning again adds to its line
    water_barcode = next(p["barcode"] for p in terminal.products if p["code"] == WATER)
    scan(qtbot, e.code, water_barcode)
    qtbot.waitUntil(
        lambda: (
            [(ln.sku_code, ln.qty_milli) for ln in editor.lines] == [(SOAP, 4000), (WATER, 1000)]
        ),
        timeout=5_000,
    )
    assert not e.entry_error.isVisible() and e.code.text() == ""
    click(qtbot, e.save_send)
    qtbot.waitUntil(lambda: not e.isVisible(), timeout=5_000)
    qtbot.waitUntil(lambda: screen.current is not None, timeout=5_000)
    sent = screen.current
    assert sent.status == "in_transit" and (sent.from_warehouse, sent.to_warehouse) == (
        "S01",
        "S02",
    )
    assert sent.no in v.message.text()
    assert on_hand(db, SOAP) == 6000 and on_hand(db, SOAP, "S02") == 0
    assert not v.send.isEnabled() and not v.receive.isEnabled()  # S02 receives, not S01

    # a draft, cancelled
    click(qtbot, v.new)
    qtbot.waitUntil(screen.editor.view.code.hasFocus, timeout=5_000)
    scan(qtbot, screen.editor.view.code, WATER)
    qtbot.waitUntil(lambda: len(screen.editor.lines) == 1, timeout=5_000)
    click(qtbot, screen.editor.view.save_draft)
    qtbot.waitUntil(
        lambda: screen.current is not None and screen.current.status == "draft", timeout=5_000
    )
    click(qtbot, v.cancel)
    qtbot.waitUntil(lambda: screen.current.status == "cancelled", timeout=5_000)
    assert on_hand(db, WATER) == 4000  # the first transfer's water only

    # S02's manager receives: one unit of soap did not arrive
    click(qtbot, window.main_page.sign_out)
    sign_in(qtbot, window, "manager02")
    screen = show_area(qtbot, window, "transfers")
    v = screen.view
    # transfers into S02 are listed for S02 (the cancelled draft too); filter what is on its way
    assert [r.status for r in screen.model.rows()] == ["cancelled", "in_transit"]
    v.status.setCurrentIndex(v.status.findData("in_transit"))
    click(qtbot, v.search)
    qtbot.waitUntil(
        lambda: not screen.loading and [r.status for r in screen.model.rows()] == ["in_transit"],
        timeout=5_000,
    )
    v.from_warehouse.setCurrentIndex(v.from_warehouse.findData("S02"))
    click(qtbot, v.search)
    qtbot.waitUntil(lambda: not screen.loading and screen.model.rowCount() == 0, timeout=5_000)
    v.from_warehouse.setCurrentIndex(v.from_warehouse.findData("S01"))
    v.to_warehouse.setCurrentIndex(v.to_warehouse.findData("S02"))
    click(qtbot, v.search)
    qtbot.waitUntil(
        lambda: not screen.loading and screen.current is not None and screen.model.rowCount() == 1,
        timeout=5_000,
    )
    assert screen.current.transfer_id == sent.transfer_id
    click(qtbot, v.receive)
    receiver = screen.receiver
    qtbot.waitUntil(receiver.view.isVisible, timeout=5_000)
    r = receiver.view
    assert [f.text() for f in r.received] == ["4", "1"]  # what was sent
    r.received[0].setText("3")
    assert "-1" in r.totals.text()
    click(qtbot, r.receive)
    qtbot.waitUntil(
        lambda: screen.current is not None and screen.current.status == "received", timeout=5_000
    )
    got = screen.current
    assert [(d.sku_code, d.qty_milli, d.received_milli) for d in got.differences] == [
        (SOAP, 4000, 3000)
    ]
    assert SOAP in v.message.text() and v.message.property("level") == "error"
    assert SOAP in v.differences.text()
    assert colours(screen.lines_model, 0, TRANSFER_DIFFERENCE_COLUMN) == (
        QColor(LOSS_TEXT).name(),
        QColor(LOSS_BACKGROUND).name(),
    )
    assert (on_hand(db, SOAP, "S02"), on_hand(db, WATER, "S02")) == (3000, 1000)
    assert not v.receive.isEnabled()
    # it left the "in transit" list; with any status it is listed again, still selected
    v.status.setCurrentIndex(0)
    click(qtbot, v.search)
    qtbot.waitUntil(lambda: not screen.loading and screen.model.rowCount() == 2, timeout=5_000)
    assert screen.current.transfer_id == got.transfer_id
    assert screen.model.row_at(v.table.currentIndex().row()).transfer_id == got.transfer_id
    window.grab().save(str(screenshot_dir / "backoffice-transfer.png"))


def test_serial_tracked_goods_travel_by_serial_number(qtbot, make_backoffice, central):
    """An admin (every warehouse) sends two phones by their serial numbers; one arrives."""
    from sqlalchemy import update

    from shared.db.models import Product, SerialUnit

    db = central.db
    phone = "P000010"
    with db.uow() as uow:
        uow.session.execute(
            update(Product).where(Product.code == phone).values(serial_tracked=True)
        )
        uow.commit()
    manager = actor(db, "manager01")
    with db.uow() as uow:
        voucher = inventory.create_voucher(
            uow,
            manager,
            warehouse="S01",
            direction="in",
            type="purchase",
            lines=[VoucherLineInput(phone, 3000, 99_900, ("SN1", "SN2", "SN3"))],
        )
    with db.uow() as uow:
        inventory.post_voucher(uow, manager, voucher)

    window = make_backoffice()
    sign_in(qtbot, window, "admin", "admin1234")
    screen = show_area(qtbot, window, "transfers")
    screen.confirm = lambda *_: True
    click(qtbot, screen.view.new)
    editor = screen.editor
    e = editor.view
    qtbot.waitUntil(e.code.hasFocus, timeout=5_000)
    assert e.from_warehouse.count() >= 2  # an admin sends from any warehouse
    e.from_warehouse.setCurrentIndex(e.from_warehouse.findData("S01"))
    e.to_warehouse.setCurrentIndex(e.to_warehouse.findData("S02"))
    scan(qtbot, e.code, phone)
    qtbot.waitUntil(e.serials.hasFocus, timeout=5_000)  # serial-tracked: the serials next
    assert not editor.lines and phone in e.item.text()
    qtbot.keyClicks(e.serials, "SN1 SN2")
    assert e.qty.text() == "2"  # the quantity follows the serial numbers
    qtbot.keyClick(e.serials, Qt.Key.Key_Return)
    assert [(ln.sku_code, ln.qty_milli, ln.serials) for ln in editor.lines] == [
        (phone, 2000, ("SN1", "SN2"))
    ]
    assert e.code.hasFocus()
    scan(qtbot, e.code, phone)  # the same unit again is refused
    qtbot.waitUntil(e.serials.hasFocus, timeout=5_000)
    qtbot.keyClicks(e.serials, "SN2")
    qtbot.keyClick(e.serials, Qt.Key.Key_Return)
    assert e.entry_error.isVisible() and len(editor.lines[0].serials) == 2
    e.serials.clear()
    click(qtbot, e.save_send)
    qtbot.waitUntil(
        lambda: screen.current is not None and screen.current.status == "in_transit",
        timeout=5_000,
    )
    sent = screen.current
    assert sent.lines[0].serials == ("SN1", "SN2")
    assert screen.view.receive.isEnabled()  # an admin receives into S02 too

    click(qtbot, screen.view.receive)
    r = screen.receiver.view
    qtbot.waitUntil(r.isVisible, timeout=5_000)
    assert r.received[0].text() == "2" and r.received[0].isReadOnly()
    r.serials[0].setText("SN1")  # SN2 did not arrive
    assert r.received[0].text() == "1"
    click(qtbot, r.receive)
    qtbot.waitUntil(lambda: screen.current.status == "received", timeout=5_000)
    line = screen.current.lines[0]
    assert (line.received_milli, line.missing_serials) == (1000, ("SN2",))
    assert "SN2" in screen.view.lines.model().data(
        screen.view.lines.model().index(0, screen.view.lines.model().columnCount() - 1)
    )
    with db.reader() as uow:
        units = {u.serial_no: u.state for u in uow.session.scalars(select(SerialUnit))}
    assert units == {"SN1": "in_stock", "SN2": "in_transit", "SN3": "in_stock"}
    assert on_hand(db, phone, "S02") == 1000 and on_hand(db, phone) == 1000


def test_a_count_sheet_of_one_category_cancelled(qtbot, make_backoffice, central):
    db = central.db
    receive_stock(db, "S01", [(SOAP, 10, 200), (WATER, 5, 100)])
    window = make_backoffice()
    sign_in(qtbot, window, "manager01")
    screen = show_area(qtbot, window, "stocktakes")
    v = screen.view
    click(qtbot, v.open_sheet)
    o = screen.opener.view
    qtbot.waitUntil(o.isVisible, timeout=5_000)
    assert not o.category.isEnabled()
    o.one_category.setChecked(True)
    assert o.category.isEnabled()
    o.category.setCurrentIndex(o.category.findText("饮料", Qt.MatchFlag.MatchContains))
    click(qtbot, o.open_button)
    qtbot.waitUntil(lambda: screen.sheet is not None, timeout=5_000)
    assert screen.sheet.category == "饮料"
    # soap is not a drink: refused; only the drinks with stock wait to be counted
    assert {u.sku_code for u in screen.uncounted_model.rows()} == {WATER, "P000012"}
    qtbot.waitUntil(v.scan.hasFocus, timeout=2_000)
    scan(qtbot, v.scan, SOAP)
    qtbot.waitUntil(lambda: SOAP in v.feedback.text(), timeout=5_000)
    assert "{sku}" not in v.feedback.text() and v.feedback.property("level") == "error"
    assert not screen.lines_model.rows()
    # a count set from the not-counted list (double-click): zero water on the shelf
    row = next(i for i, u in enumerate(screen.uncounted_model.rows()) if u.sku_code == WATER)
    screen.correct_uncounted(row)
    c = screen.corrector.view
    qtbot.waitUntil(c.isVisible, timeout=5_000)
    assert c.count.text() == ""
    c.count.setText("0")
    click(qtbot, c.save)
    qtbot.waitUntil(lambda: counted(screen).get(WATER) == (5000, 0, -5000), timeout=5_000)
    assert WATER not in {u.sku_code for u in screen.uncounted_model.rows()}

    screen.confirm = lambda *_: False  # asked, and said no: nothing happens
    click(qtbot, v.cancel_sheet)
    assert screen.sheet.status == "open"
    screen.confirm = lambda *_: True
    click(qtbot, v.cancel_sheet)
    qtbot.waitUntil(lambda: screen.sheet.status == "cancelled", timeout=5_000)
    assert screen.sheet.no in v.message.text()
    assert not v.entry.isVisible() and not v.approve.isEnabled()
    assert on_hand(db, WATER) == 5000  # nothing posted
    # the status filter
    v.status.setCurrentIndex(v.status.findData("open"))
    click(qtbot, v.search)
    qtbot.waitUntil(lambda: not screen.loading and screen.model.rowCount() == 0, timeout=5_000)
