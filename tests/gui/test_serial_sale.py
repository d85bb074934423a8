"""Selling a serial-tracked item at the counter (SPEC §10), by keyboard: the scan asks for the
unit's serial number, head office is asked off the GUI thread, a unit not in stock here is
refused with the reason and the dialog stays for the next try; offline the unit is taken with a
warning. Each unit is a line of its own and prints its serial number."""

from __future__ import annotations

from PySide6.QtCore import Qt
from sqlalchemy import update

from pos.dialogs.serial import SerialDialog
from shared.db.models import Product
from shared.services import inventory
from shared.services.inventory import VoucherLineInput
from tests.gui import test_counter_coupons as _coupons
from tests.gui.helpers import dialog, idle, no_dialog, press, scan, screenshot, type_text
from tests.gui.helpers import sign_in_and_open as sign_in

central_counter = _coupons.central_counter
PHONE = "P000010"


def serial_tracked(terminal) -> None:
    """``PHONE`` serial-tracked, SN1 and SN2 in stock at S01, SN7 at S02."""
    from sqlalchemy import select

    from shared.db.models import Staff
    from shared.services import auth

    for db in (terminal.central, terminal.db):
        with db.uow() as uow:
            uow.session.execute(
                update(Product).where(Product.code == PHONE).values(serial_tracked=True)
            )
            uow.commit()
    for store, account, numbers in [
        ("S01", "manager01", ("SN1", "SN2")),
        ("S02", "manager02", ("SN7",)),
    ]:
        with terminal.central.uow() as uow:
            staff = uow.session.scalars(select(Staff).where(Staff.account == account)).one()
            manager = auth.actor_for(uow, staff)
            vid = inventory.create_voucher(
                uow,
                manager,
                warehouse=store,
                direction="in",
                type="purchase",
                lines=[VoucherLineInput(PHONE, 1000 * len(numbers), 100_000, numbers)],
            )
        with terminal.central.uow() as uow:
            inventory.post_voucher(uow, manager, vid)


def enter_serial(qtbot, w, d: SerialDialog, number: str) -> None:
    d.serial.selectAll()
    type_text(qtbot, w, number)
    press(qtbot, w, Qt.Key.Key_Return)
    idle(qtbot, w)


def test_the_serial_number_is_asked_for_and_checked(qtbot, terminal, central_counter):
    serial_tracked(terminal)
    w = central_counter(language="en")
    sign_in(qtbot, w)
    scan(qtbot, w, PHONE)
    idle(qtbot, w)
    d = dialog(qtbot, w, "SerialDialog")
    assert d.serial.hasFocus() and not w.session.cart.lines

    press(qtbot, w, Qt.Key.Key_Return)  # nothing typed
    assert d.message.text() == "Scan or type the serial number"
    enter_serial(qtbot, w, d, "SN7")
    assert d.message.text() == "Serial number SN7 is not in stock here: it is at S02"
    assert d.isVisible() and not w.session.cart.lines and d.serial.hasFocus()
    enter_serial(qtbot, w, d, "NOPE-1")
    assert "head office has no record" in d.message.text()

    enter_serial(qtbot, w, d, "SN1")
    no_dialog(qtbot, w)
    assert [(ln.sku_code, ln.serial_no) for ln in w.session.cart.lines] == [(PHONE, "SN1")]
    assert "S/N SN1" in w.sale_view.message.text()

    # the same number again: refused, the cart keeps one line
    scan(qtbot, w, PHONE)
    idle(qtbot, w)
    d = dialog(qtbot, w, "SerialDialog")
    enter_serial(qtbot, w, d, "SN1")
    assert d.message.text() == "Serial number SN1 is already in this sale"
    # Esc gives up on that unit; the sale goes on
    press(qtbot, w, Qt.Key.Key_Escape)
    no_dialog(qtbot, w)
    assert len(w.session.cart.lines) == 1
    # 2*PHONE: serial-tracked units are scanned one at a time
    scan(qtbot, w, f"2*{PHONE}")
    idle(qtbot, w)
    no_dialog(qtbot, w)
    assert "one unit at a time" in w.sale_view.message.text()

    scan(qtbot, w, PHONE)
    idle(qtbot, w)
    d = dialog(qtbot, w, "SerialDialog")
    enter_serial(qtbot, w, d, "SN2")
    no_dialog(qtbot, w)
    assert [ln.serial_no for ln in w.session.cart.lines] == ["SN1", "SN2"]


def test_offline_the_unit_is_taken_with_a_warning(qtbot, terminal, central_counter, screenshot_dir):
    serial_tracked(terminal)
    w = central_counter(language="zh_CN", central=None)
    sign_in(qtbot, w)
    scan(qtbot, w, PHONE)
    idle(qtbot, w)
    d = dialog(qtbot, w, "SerialDialog")
    type_text(qtbot, w, "SN9")
    screenshot(w, screenshot_dir / "counter-serial.png", d)
    press(qtbot, w, Qt.Key.Key_Return)
    idle(qtbot, w)
    no_dialog(qtbot, w)
    assert [ln.serial_no for ln in w.session.cart.lines] == ["SN9"]
    assert "SN9" in w.sale_view.message.text()
    assert w.sale_view.message.property("level") == "warning"
