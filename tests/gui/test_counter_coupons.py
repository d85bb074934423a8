"""Coupons at the counter, by keyboard (SPEC §6): a scanned coupon applies its rule, is redeemed
centrally when the payment dialog opens (before any money), commits with the sale and prints on
its receipt; it is given back when the payment is abandoned; refusals say why."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from sqlalchemy import select

from pos.screens.sale_screen import is_coupon_scan
from shared.db.engine import sqlite_url
from shared.db.models import CentralHold, CouponInstance, SaleDiscount, Verification
from shared.domain import coupons as rules
from shared.domain.ids import new_id
from shared.printing import render_pdf
from shared.printing.config import PrinterConfig
from shared.services import print_queue
from shared.services.payment_provider import SimulatedProvider
from shared.sync.gateway import InProcessGateway
from tests.gui.helpers import (
    NOODLES,
    WATER,
    dialog,
    idle,
    no_dialog,
    press,
    scan,
    screenshot,
    sign_in_and_open,
    type_text,
)
from tests.support.coupons import issue, make_coupon, make_member, staff_id, store_id

CTRL = Qt.KeyboardModifier.ControlModifier
MEMBER_PHONE = "13712345678"


@pytest.fixture
def central_counter(qtbot, terminal) -> Iterator[Callable[..., QWidget]]:
    """A counter over the test's terminal whose coupons and members reach ``terminal.central``
    (``central``: True, a gateway factory of its own, or None for no central database)."""
    from PySide6.QtWidgets import QApplication

    from pos.app import build_counter
    from shared.qt.gui_gc import uninstall_gui_gc

    windows = []

    def make(*, language: str = "zh_CN", central=True, sync=False):
        factory = (lambda: InProcessGateway(terminal.central)) if central is True else central
        window = build_counter(
            terminal.db,
            terminal.ctx,
            provider=SimulatedProvider(),
            language=language,
            printer=PrinterConfig(kind="file", path=str(terminal.printer_path)),
            customer_display=False,
            sync=sync,
            central=factory,
        )
        qtbot.addWidget(window)
        windows.append(window)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        qtbot.waitUntil(lambda: window.login_view.staff.count() > 0)
        return window

    yield make
    for window in windows:
        for d in list(window.parts.dialogs):
            d.done(0)
        window.counter.shutdown()
        window.runner.shutdown()
        if window.sync is not None:
            window.sync.close()
        window.backend.close()
    uninstall_gui_gc(QApplication.instance())


def coupon_state(terminal, code: str) -> str:
    with terminal.central.reader() as uow:
        return uow.session.scalars(
            select(CouponInstance.state).where(CouponInstance.code == code)
        ).one()


def threshold_coupon(terminal, n: int = 1, **values) -> list[str]:
    """满10减2: 2.00 off a sale of at least 10.00."""
    values = {"name": "满10减2", "threshold_fen": 1000, "amount_off_fen": 200, **values}
    return issue(terminal.central, make_coupon(terminal.central, **values), n)


def redeem_at_s02(terminal, code: str) -> None:
    """Another store's manager redeems the code at the verifier station of S02."""
    answer = InProcessGateway(terminal.central).redeem(
        {
            "request_id": str(new_id()),
            "text": code,
            "store_id": store_id(terminal.central, "S02"),
            "terminal_id": None,
            "staff_id": staff_id(terminal.central, "manager02"),
            "purpose": "station",
        }
    )
    assert answer["ok"], answer


def find_member(qtbot, w, phone: str = MEMBER_PHONE) -> None:
    press(qtbot, w, Qt.Key.Key_M, CTRL)
    dialog(qtbot, w, "MemberLookupDialog")
    type_text(qtbot, w, phone)
    press(qtbot, w, Qt.Key.Key_Return)
    idle(qtbot, w)
    no_dialog(qtbot, w)


def test_what_the_scan_field_treats_as_a_coupon():
    code = rules.new_code()
    assert is_coupon_scan(code) and is_coupon_scan(rules.format_code(code).lower())
    assert is_coupon_scan(rules.sign_qr(b"k" * 32, code, 1_700_000_000))
    assert not is_coupon_scan(NOODLES) and not is_coupon_scan("P000010")
    assert not is_coupon_scan("22222222222222")  # digits are a product barcode, always


def test_coupon_and_member_sale_paid_in_cash(qtbot, terminal, central_counter, screenshot_dir):
    (code,) = threshold_coupon(terminal)
    member_id = make_member(terminal.central, MEMBER_PHONE, points=300, balance_fen=5_000)
    w = central_counter()
    sign_in_and_open(qtbot, w)
    for item in (NOODLES, NOODLES, NOODLES, WATER):
        scan(qtbot, w, item)
    idle(qtbot, w)
    assert w.session.totals().total_fen == 3 * 409 + 446  # 16.73

    # Ctrl+M: the member by phone; member prices (the demo's are 90 %) apply at once
    find_member(qtbot, w)
    assert w.session.cart.member_id == member_id
    assert [ln.unit_price_fen for ln in w.session.cart.lines] == [368, 401]
    strip = w.sale_view.member.text.text()
    assert "137****5678" in strip and "测试会员" in strip and "300" in strip and "￥50.00" in strip

    # the coupon's printed code, scanned with its dashes: 满10减2 under the lines
    scan(qtbot, w, rules.format_code(code))
    idle(qtbot, w)
    assert [c.code for c in w.session.cart.coupons] == [code]
    model = w.counter.sale.coupon_model
    assert model.rowCount() == 1 and w.sale_view.coupons.isVisible()
    assert model.index(0, model.NAME).data() == "满10减2"
    assert model.index(0, model.AMOUNT).data() == "-￥2.00"
    assert w.sale_view.message.text().endswith("满10减2  -￥2.00")
    totals = w.sale_view.totals
    assert totals.coupons.isVisible() and totals.coupons.text() == "-￥2.00"
    assert totals.due.text() == "￥13.05"  # 3 x 3.68 + 4.01 - 2.00
    assert coupon_state(terminal, code) == "unused"  # checked, not redeemed yet
    qtbot.waitUntil(w.sale_view.scan.hasFocus, timeout=3000)
    screenshot(w, screenshot_dir / "counter-coupon.png")

    # F12: the coupon is redeemed for this sale before any money is taken
    press(qtbot, w, Qt.Key.Key_F12)
    pay = dialog(qtbot, w, "PaymentView")
    idle(qtbot, w)
    sale_id = w.counter.sale.payment.sale_id
    assert coupon_state(terminal, code) == "used"
    assert pay.due.text() == "￥13.05"
    assert pay.method_buttons["balance"].isVisible() and pay.method_buttons["points"].isVisible()
    assert "满10减2" in pay.sale_info.text() and "137****5678" in pay.sale_info.text()
    screenshot(w, screenshot_dir / "counter-coupon-payment.png", pay)
    pay.amount.setFocus()
    pay.amount.selectAll()
    type_text(qtbot, w, "20")
    press(qtbot, w, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: pay.pages.currentWidget() is pay.done_page, timeout=5000)
    result = w.session.last_sale
    assert result.sale_id == sale_id and result.total_fen == 1305 and result.change_fen == 695
    press(qtbot, w, Qt.Key.Key_Return)
    no_dialog(qtbot, w)
    assert w.session.cart.coupons == [] and w.session.cart.member_id is None
    assert not w.sale_view.coupons.isVisible()

    # one sale with the coupon's discount, the coupon used centrally by this very sale
    with terminal.db.reader() as uow:
        row = uow.session.scalars(select(SaleDiscount).where(SaleDiscount.scope == "coupon")).one()
        assert (row.sale_id, row.coupon_code, row.amount_fen) == (sale_id, code, 200)
        assert uow.session.scalars(select(CentralHold.status)).all() == ["committed"]
    with terminal.central.reader() as uow:
        v = uow.session.scalars(select(Verification).where(Verification.code == code)).one()
        assert (v.sale_id, v.status, v.amount_fen) == (sale_id, "done", 200)
    # the receipt: the coupon line and the member, on paper and in the PDF
    qtbot.waitUntil(lambda: result.print_job_id in w.printing.printed, timeout=5000)
    assert [(c.name, c.amount_fen) for c in result.receipt.coupons] == [("满10减2", 200)]
    assert result.receipt.member == "137****5678"
    printed = terminal.printed_text()
    assert "满10减2" in printed and "137****5678" in printed
    doc = print_queue.job_document(terminal.db, result.print_job_id)
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(render_pdf(doc))).pages)
    assert "满10减2 -￥2.00" in text and "137****5678" in text


def test_coupon_below_its_threshold_is_refused(qtbot, terminal, central_counter):
    (code,) = threshold_coupon(terminal)
    w = central_counter(language="en")
    sign_in_and_open(qtbot, w)
    scan(qtbot, w, code)  # before any item
    idle(qtbot, w)
    assert w.sale_view.message.text() == "Scan the items first, then the coupon"
    scan(qtbot, w, NOODLES)
    scan(qtbot, w, code)
    idle(qtbot, w)
    assert w.session.cart.coupons == []
    assert w.sale_view.message.text() == (
        "Coupon 满10减2 needs a sale of at least ￥10.00 (this sale: ￥4.09)"
    )
    assert w.sale_view.message.property("level") == "error"
    assert coupon_state(terminal, code) == "unused"


def test_coupon_redeemed_elsewhere_is_refused_with_where_who_and_when(
    qtbot, terminal, central_counter
):
    first, second = threshold_coupon(terminal, 2)
    redeem_at_s02(terminal, first)
    w = central_counter(language="en")
    sign_in_and_open(qtbot, w)
    scan(qtbot, w, "3*" + NOODLES)
    scan(qtbot, w, first)
    idle(qtbot, w)
    assert w.session.cart.coupons == []
    message = w.sale_view.message.text()
    assert message.startswith("Already redeemed at S02 by 陈刚 at ")
    assert message[-5:-3].isdigit() and message[-3] == ":"  # HH:MM at the store

    # the second code is fine when scanned, but another store takes it before the payment: the
    # payment dialog is told when it opens, takes no money, and the sale drops the coupon
    scan(qtbot, w, second)
    idle(qtbot, w)
    assert [c.code for c in w.session.cart.coupons] == [second]
    redeem_at_s02(terminal, second)
    press(qtbot, w, Qt.Key.Key_F12)
    idle(qtbot, w)
    no_dialog(qtbot, w)
    assert w.session.last_sale is None
    assert w.session.cart.coupons == [] and len(w.session.cart.lines) == 1
    message = w.sale_view.message.text()
    assert message.startswith(
        "Coupon 满10减2 was taken off the sale: Already redeemed at S02 by 陈刚"
    )
    with terminal.db.reader() as uow:
        assert set(uow.session.scalars(select(CentralHold.status))) == {"released"}
    # and the sale goes on without it
    press(qtbot, w, Qt.Key.Key_F12)
    pay = dialog(qtbot, w, "PaymentView")
    assert pay.due.text() == "￥12.27"
    press(qtbot, w, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: w.session.last_sale is not None, timeout=5000)


def test_abandoned_payment_gives_the_coupon_back(qtbot, terminal, central_counter):
    (code,) = threshold_coupon(terminal)
    w = central_counter()
    sign_in_and_open(qtbot, w)
    scan(qtbot, w, "3*" + WATER)
    scan(qtbot, w, code)
    idle(qtbot, w)
    press(qtbot, w, Qt.Key.Key_F12)
    dialog(qtbot, w, "PaymentView")
    idle(qtbot, w)
    first_sale = w.counter.sale.payment.sale_id
    assert coupon_state(terminal, code) == "used"

    press(qtbot, w, Qt.Key.Key_Escape)  # back to the sale: the coupon goes back unused
    idle(qtbot, w)
    no_dialog(qtbot, w)
    assert coupon_state(terminal, code) == "unused"
    with terminal.central.reader() as uow:
        assert uow.session.scalars(
            select(Verification.status).where(Verification.code == code)
        ).all() == ["released"]
    assert [c.code for c in w.session.cart.coupons] == [code]  # still on the sale

    # paying now redeems it again, for the new payment's sale id
    press(qtbot, w, Qt.Key.Key_F12)
    pay = dialog(qtbot, w, "PaymentView")
    idle(qtbot, w)
    assert w.counter.sale.payment.sale_id != first_sale
    press(qtbot, w, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: pay.pages.currentWidget() is pay.done_page, timeout=5000)
    assert w.session.last_sale.total_fen == 3 * 446 - 200
    assert coupon_state(terminal, code) == "used"


def test_failed_completion_gives_the_coupon_back_and_a_retry_redeems_it_again(
    qtbot, terminal, central_counter
):
    from shared.domain.errors import Conflict

    (code,) = threshold_coupon(terminal)
    w = central_counter(language="en")
    sign_in_and_open(qtbot, w)
    scan(qtbot, w, "3*" + WATER)
    scan(qtbot, w, code)
    idle(qtbot, w)
    press(qtbot, w, Qt.Key.Key_F12)
    pay = dialog(qtbot, w, "PaymentView")
    idle(qtbot, w)
    assert coupon_state(terminal, code) == "used"

    real = w.backend.complete_sale
    calls = []

    def fails_once(*args):
        calls.append(args)
        if len(calls) == 1:
            raise Conflict("the terminal database is busy", code="database_busy")
        return real(*args)

    w.backend.complete_sale = fails_once
    press(qtbot, w, Qt.Key.Key_Return)
    idle(qtbot, w)
    assert w.session.last_sale is None
    assert pay.message.text() == (
        "the terminal database is busy The coupons and balance/points payments were given back."
    )
    assert coupon_state(terminal, code) == "unused"
    assert not w.counter.sale.payment.coupons_held

    press(qtbot, w, Qt.Key.Key_F12)  # again: redeemed again first, then committed
    qtbot.waitUntil(lambda: pay.pages.currentWidget() is pay.done_page, timeout=5000)
    assert w.session.last_sale.total_fen == 3 * 446 - 200
    assert coupon_state(terminal, code) == "used"
    with terminal.central.reader() as uow:
        statuses = uow.session.scalars(
            select(Verification.status).where(Verification.code == code)
        ).all()
    assert sorted(statuses) == ["done", "released"]


def test_coupon_removed_with_del(qtbot, terminal, central_counter):
    (code,) = threshold_coupon(terminal)
    w = central_counter()
    sign_in_and_open(qtbot, w)
    scan(qtbot, w, "3*" + WATER)
    scan(qtbot, w, code)
    idle(qtbot, w)
    sale = w.counter.sale
    assert sale.selected_coupon == code  # the coupon just scanned is the chosen row
    press(qtbot, w, Qt.Key.Key_Up)  # up to the line, down again to the coupon
    assert sale.selected_coupon is None and sale.selected_line_id() is not None
    press(qtbot, w, Qt.Key.Key_Down)
    assert sale.selected_coupon == code and sale.selected_line_id() is None
    press(qtbot, w, Qt.Key.Key_Delete)
    dialog(qtbot, w, "ConfirmDialog")
    press(qtbot, w, Qt.Key.Key_Return)
    no_dialog(qtbot, w)
    assert w.session.cart.coupons == [] and len(w.session.cart.lines) == 1
    assert not w.sale_view.coupons.isVisible()
    assert w.sale_view.totals.due.text() == "￥13.38"


def test_offline_coupon_is_refused_and_the_sale_goes_on(qtbot, terminal, central_counter, tmp_path):
    (code,) = threshold_coupon(terminal)
    missing = sqlite_url(tmp_path / "gone" / "central.db")
    w = central_counter(language="en", central=lambda: InProcessGateway.for_url(missing))
    sign_in_and_open(qtbot, w)
    scan(qtbot, w, "3*" + WATER)
    scan(qtbot, w, code)
    idle(qtbot, w)
    assert w.session.cart.coupons == []
    assert w.sale_view.message.text() == "Verification needs a connection to head office"
    press(qtbot, w, Qt.Key.Key_M, CTRL)
    d = dialog(qtbot, w, "MemberLookupDialog")
    type_text(qtbot, w, MEMBER_PHONE)
    press(qtbot, w, Qt.Key.Key_Return)
    idle(qtbot, w)
    assert d.message.text() == "Looking a member up needs a connection to head office"
    press(qtbot, w, Qt.Key.Key_Escape)
    no_dialog(qtbot, w)
    press(qtbot, w, Qt.Key.Key_F12)
    pay = dialog(qtbot, w, "PaymentView")
    assert not pay.method_buttons["balance"].isVisible()
    press(qtbot, w, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: w.session.last_sale is not None, timeout=5000)
    assert w.session.last_sale.total_fen == 3 * 446


def test_background_sync_gives_back_the_holds_of_a_sale_that_never_committed(counter, clock):
    """The counter crashed between redeeming a coupon and committing its sale: after a sync
    round that reached head office (and once the hold is old enough), it is unused again."""
    from pos.backend import CounterBackend
    from pos.screens.sync_controller import SyncOptions, _Rounds
    from shared.services.central_holds import SWEEP_AFTER
    from tests.integration.test_counter_coupons import _cart, _state

    code = issue(counter.central, make_coupon(counter.central))[0]
    door = CounterBackend(
        counter.db,
        counter.ctx,
        provider=SimulatedProvider(),
        central=lambda: InProcessGateway(counter.central),
    )
    cart = _cart(counter.db, counter.ctx, 2500)
    cart.add_coupon(door.check_coupon(counter.cashier, code))
    door.hold_coupons(counter.cashier, str(new_id()), cart)
    assert _state(counter.central, code) == "used"

    rounds = _Rounds(
        counter.db, SyncOptions(gateway_factory=lambda: InProcessGateway(counter.central))
    )
    assert rounds.round().error is None  # a young hold may still commit: left alone
    assert _state(counter.central, code) == "used"
    clock.advance(seconds=SWEEP_AFTER.total_seconds() + 60)
    assert rounds.round().error is None
    assert _state(counter.central, code) == "unused"
    with counter.db.reader() as uow:
        assert uow.session.scalars(select(CentralHold.status)).all() == ["released"]
