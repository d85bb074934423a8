"""Members at the counter, by keyboard (SPEC §9): found by phone, member prices, part of the sale
paid with points (whole points, within the cap) and from the balance — each taken centrally
exactly once —, points earned when the sale reaches head office, and cash top-ups."""

from __future__ import annotations

from PySide6.QtCore import Qt
from sqlalchemy import func, select

from shared.db.models import Member, MemberLedger, Outbox
from shared.services import sales
from shared.services.sync_status import run_once
from shared.sync.gateway import InProcessGateway
from tests.gui import test_counter_coupons as _coupons
from tests.gui.helpers import NOODLES, WATER, dialog, idle, no_dialog, press, scan, type_text
from tests.gui.helpers import sign_in_and_open as sign_in
from tests.gui.test_counter_coupons import CTRL, MEMBER_PHONE, find_member
from tests.support.coupons import make_member

#: the counter with a gateway to the central database (the fixture of the coupon tests)
central_counter = _coupons.central_counter


def member_row(terminal, member_id: str) -> tuple[int, int]:
    with terminal.central.reader() as uow:
        m = uow.session.get(Member, member_id)
        return m.points, m.balance_fen


def ledger(terminal, member_id: str) -> list[tuple[str, int, int]]:
    with terminal.central.reader() as uow:
        rows = uow.session.scalars(
            select(MemberLedger)
            .where(MemberLedger.member_id == member_id)
            .order_by(MemberLedger.at)
        )
        return sorted((r.kind, r.points_delta, r.balance_delta_fen) for r in rows)


def push_twice(terminal) -> None:
    """Sync up, then send everything again as if the first answer was lost."""
    gateway = InProcessGateway(terminal.central)
    run_once(terminal.db, gateway)
    with terminal.db.uow() as uow:
        for row in uow.session.scalars(select(Outbox)):
            row.status = "pending"
        uow.commit()
    run_once(terminal.db, gateway)


def _to_payment(qtbot, w):
    for item in (NOODLES, NOODLES, NOODLES, WATER):
        scan(qtbot, w, item)
    idle(qtbot, w)
    find_member(qtbot, w)
    press(qtbot, w, Qt.Key.Key_F12)
    pay = dialog(qtbot, w, "PaymentView")
    idle(qtbot, w)
    return pay


def test_member_pays_with_points_balance_and_cash(qtbot, terminal, central_counter):
    member_id = make_member(terminal.central, MEMBER_PHONE, points=300, balance_fen=5_000)
    w = central_counter(language="en")
    sign_in(qtbot, w)
    pay = _to_payment(qtbot, w)
    assert pay.due.text() == "￥15.05"  # member prices: 3 x 3.68 + 4.01

    # F8 points: at most half the sale (the cap), in whole points: 75 points = 7.50
    press(qtbot, w, Qt.Key.Key_F8)
    assert pay.amount.text() == "7.50"
    assert "75 points" in pay.message.text() and "the member has 300" in pay.message.text()
    type_text(qtbot, w, "7.55")
    press(qtbot, w, Qt.Key.Key_Return)
    assert pay.message.text() == "Points pay in steps of ￥0.10"
    pay.amount.selectAll()
    type_text(qtbot, w, "8")
    press(qtbot, w, Qt.Key.Key_Return)
    assert pay.message.text() == "Points can pay at most ￥7.53 of this sale"
    pay.amount.selectAll()
    type_text(qtbot, w, "7.50")
    press(qtbot, w, Qt.Key.Key_Return)
    idle(qtbot, w)
    assert [(t.method, t.amount_fen) for t in w.counter.sale.payment.tenders] == [("points", 750)]
    assert member_row(terminal, member_id) == (225, 5_000)  # taken at once, centrally

    # F7 balance: 5.00 of the 7.55 still due; F6 cannot take it off (Esc gives it back)
    press(qtbot, w, Qt.Key.Key_F7)
    assert pay.amount.text() == "7.55"
    pay.amount.selectAll()
    type_text(qtbot, w, "5")
    press(qtbot, w, Qt.Key.Key_Return)
    idle(qtbot, w)
    assert member_row(terminal, member_id) == (225, 4_500)
    press(qtbot, w, Qt.Key.Key_F6)
    assert pay.message.text().startswith("A balance or points payment cannot be removed here")
    assert pay.remaining.text() == "￥2.55"

    # the rest in cash, with change
    press(qtbot, w, Qt.Key.Key_F1)
    type_text(qtbot, w, "10")
    press(qtbot, w, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: pay.pages.currentWidget() is pay.done_page, timeout=5000)
    result = w.session.last_sale
    assert result.total_fen == 1505 and result.change_fen == 745
    with terminal.db.reader() as uow:
        sale = sales.find_sale(uow, terminal.ctx, result.receipt_no)
    assert sale.payments == (("points", 750), ("balance", 500), ("cash", 255))
    assert [(p.method, p.amount_fen) for p in result.receipt.payments][:2] == [
        ("points", 750),
        ("balance", 500),
    ]
    assert result.receipt.member == "137****5678"
    press(qtbot, w, Qt.Key.Key_Return)
    no_dialog(qtbot, w)

    # centrally: points and balance taken once each; points earned on the money paid (balance
    # and cash: 7.55 -> 7 points) once the sale arrives, however often it is sent
    push_twice(terminal)
    assert member_row(terminal, member_id) == (225 + 7, 4_500)
    assert ledger(terminal, member_id) == [("earn", 7, 0), ("pay", 0, -500), ("redeem", -75, 0)]


def test_going_back_gives_balance_and_points_back(qtbot, terminal, central_counter):
    member_id = make_member(terminal.central, MEMBER_PHONE, points=300, balance_fen=5_000)
    w = central_counter(language="en")
    sign_in(qtbot, w)
    pay = _to_payment(qtbot, w)
    press(qtbot, w, Qt.Key.Key_F7)
    pay.amount.selectAll()
    type_text(qtbot, w, "3")
    press(qtbot, w, Qt.Key.Key_Return)
    idle(qtbot, w)
    assert member_row(terminal, member_id) == (300, 4_700)

    press(qtbot, w, Qt.Key.Key_Escape)
    confirm = dialog(qtbot, w, "ConfirmDialog")
    assert "gives them back to the member" in confirm.text.text()
    press(qtbot, w, Qt.Key.Key_Return)
    idle(qtbot, w)
    no_dialog(qtbot, w)
    assert member_row(terminal, member_id) == (300, 5_000)
    assert ledger(terminal, member_id) == [("pay", 0, -300), ("release", 0, 300)]
    assert w.session.last_sale is None and w.session.cart.member_id == member_id


def test_balance_short_is_refused_with_the_balance(qtbot, terminal, central_counter):
    make_member(terminal.central, MEMBER_PHONE, points=0, balance_fen=200)
    w = central_counter(language="en")
    sign_in(qtbot, w)
    pay = _to_payment(qtbot, w)
    press(qtbot, w, Qt.Key.Key_F8)
    assert pay.amount.text() == "0.00"  # no points
    press(qtbot, w, Qt.Key.Key_F7)
    assert pay.amount.text() == "2.00"
    pay.amount.selectAll()
    type_text(qtbot, w, "3")
    press(qtbot, w, Qt.Key.Key_Return)
    idle(qtbot, w)
    assert pay.message.text() == "The member's balance is ￥2.00; ￥3.00 is needed"
    assert w.counter.sale.payment.tenders == []


def test_unknown_or_malformed_phone(qtbot, terminal, central_counter):
    w = central_counter(language="en")
    sign_in(qtbot, w)
    press(qtbot, w, Qt.Key.Key_M, CTRL)
    d = dialog(qtbot, w, "MemberLookupDialog")
    type_text(qtbot, w, "12345")
    press(qtbot, w, Qt.Key.Key_Return)
    idle(qtbot, w)
    assert d.message.text() == "Not a mobile number (11 digits starting with 1): 12345"
    d.phone.selectAll()
    type_text(qtbot, w, "13700000000")
    press(qtbot, w, Qt.Key.Key_Return)
    idle(qtbot, w)
    assert d.message.text() == "No member with this phone number"
    press(qtbot, w, Qt.Key.Key_Escape)
    no_dialog(qtbot, w)
    assert w.session.cart.member_id is None


def test_member_off_the_sale_goes_back_to_list_prices(qtbot, terminal, central_counter):
    make_member(terminal.central, MEMBER_PHONE)
    w = central_counter()
    sign_in(qtbot, w)
    scan(qtbot, w, NOODLES)
    idle(qtbot, w)
    find_member(qtbot, w)
    assert w.sale_view.totals.due.text() == "￥3.68"
    press(qtbot, w, Qt.Key.Key_M, CTRL)  # with a member on the sale: take them off
    dialog(qtbot, w, "ConfirmDialog")
    press(qtbot, w, Qt.Key.Key_Return)
    no_dialog(qtbot, w)
    assert w.session.cart.member_id is None
    assert w.sale_view.totals.due.text() == "￥4.09"


def test_top_up_in_cash(qtbot, terminal, central_counter):
    member_id = make_member(terminal.central, MEMBER_PHONE, balance_fen=1_000)
    w = central_counter(language="en")
    sign_in(qtbot, w)
    press(qtbot, w, Qt.Key.Key_T, CTRL)
    assert w.sale_view.message.text() == "Find the member first (Ctrl+M), then top up"
    find_member(qtbot, w)
    before = w.backend.x_report().expected_cash_fen

    press(qtbot, w, Qt.Key.Key_T, CTRL)
    d = dialog(qtbot, w, "TopUpDialog")
    assert "137****5678" in d.member.text() and "￥10.00" in d.member.text()
    type_text(qtbot, w, "abc")
    press(qtbot, w, Qt.Key.Key_Return)
    assert d.message.text().startswith("Not an amount in yuan")
    d.amount.selectAll()
    type_text(qtbot, w, "100")
    press(qtbot, w, Qt.Key.Key_Return)
    confirm = dialog(qtbot, w, "ConfirmDialog")
    assert "￥100.00" in confirm.text.text() and "137****5678" in confirm.text.text()
    press(qtbot, w, Qt.Key.Key_Return)
    idle(qtbot, w)
    no_dialog(qtbot, w)
    assert w.sale_view.message.text().startswith("Topped up ￥100.00 for 137****5678")
    assert "(+￥100.00 topped up)" in w.sale_view.member.text.text()
    # the drawer's expected cash includes it; the balance is credited once the top-up syncs
    assert w.backend.x_report().expected_cash_fen == before + 10_000
    assert member_row(terminal, member_id) == (0, 1_000)
    push_twice(terminal)
    assert member_row(terminal, member_id) == (0, 11_000)
    with terminal.central.reader() as uow:
        topups = uow.session.scalar(
            select(func.count())
            .select_from(MemberLedger)
            .where(MemberLedger.member_id == member_id, MemberLedger.kind == "topup")
        )
    assert topups == 1


def test_parked_sale_keeps_member_and_coupon(qtbot, terminal, central_counter):
    from tests.gui.test_counter_coupons import coupon_state, threshold_coupon

    (code,) = threshold_coupon(terminal)
    member_id = make_member(terminal.central, MEMBER_PHONE)
    w = central_counter()
    sign_in(qtbot, w)
    scan(qtbot, w, "3*" + WATER)
    idle(qtbot, w)
    find_member(qtbot, w)
    scan(qtbot, w, code)
    idle(qtbot, w)
    assert w.sale_view.totals.due.text() == "￥10.03"  # 3 x 4.01 - 2.00
    press(qtbot, w, Qt.Key.Key_F8)
    idle(qtbot, w)
    assert w.session.cart.member_id is None and w.session.cart.coupons == []
    assert "137****5678" not in w.sale_view.member.text.text()

    press(qtbot, w, Qt.Key.Key_F9)
    dialog(qtbot, w, "ParkedSalesDialog")
    press(qtbot, w, Qt.Key.Key_Return)
    no_dialog(qtbot, w)
    idle(qtbot, w)
    assert w.session.cart.member_id == member_id
    assert [c.code for c in w.session.cart.coupons] == [code]
    assert "137****5678" in w.sale_view.member.text.text()
    assert w.sale_view.totals.due.text() == "￥10.03"
    assert coupon_state(terminal, code) == "unused"  # parked: checked, never redeemed
    press(qtbot, w, Qt.Key.Key_F12)
    pay = dialog(qtbot, w, "PaymentView")
    idle(qtbot, w)
    press(qtbot, w, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: pay.pages.currentWidget() is pay.done_page, timeout=5000)
    assert w.session.last_sale.total_fen == 1003
    assert coupon_state(terminal, code) == "used"
