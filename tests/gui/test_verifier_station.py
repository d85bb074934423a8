"""The verifier station (核销台), driven with the keyboard: sign in, scan, card, one confirm,
refusals with their reason, offline, the camera (frames fed from QR images), history and a
manager's reversal. Central database and terminal: ``tests/gui/conftest.py``'s ``terminal``
(demo data, store S01, terminal 1; verifier01 / verify1234, manager01 PIN 8888)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import qrcode
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from sqlalchemy import func, select

from pos.verifier.app import build_verifier, close_verifier
from pos.verifier.camera import FrameDecoder, ImageFeed, decode_image
from pos.verifier.history_model import VerificationHistoryModel, kind_name, status_name
from pos.verifier.station import rule_text, yuan
from shared.db.models import CouponInstance, JournalEntry, Verification
from shared.services import verification
from shared.services.sync_status import CentralUnreachable
from shared.services.verification import CouponInfo, Redemption
from shared.sync.gateway import InProcessGateway
from tests.gui.helpers import screenshot as grab
from tests.support.coupons import issue, make_coupon, make_pickup, staff_id, store_id

VERIFIER = ("verifier01", "verify1234")


# -- fixtures and helpers ---------------------------------------------------------------------------


@pytest.fixture
def make_station(qtbot, terminal) -> Iterator:
    windows = []

    def make(*, language: str = "zh_CN", gateway_factory=None, camera_source="feed"):
        factory = gateway_factory or (lambda: InProcessGateway(terminal.central))
        source = ImageFeed() if camera_source == "feed" else camera_source
        w = build_verifier(
            terminal.db,
            terminal.ctx,
            gateway_factory=factory,
            language=language,
            camera_source=source,
        )
        qtbot.addWidget(w)
        windows.append(w)
        w.show()
        qtbot.waitExposed(w)
        w.activateWindow()
        qtbot.waitUntil(w.isActiveWindow, timeout=3000)
        return w

    yield make
    for w in windows:
        close_verifier(w)
    from PySide6.QtWidgets import QApplication

    from shared.qt.gui_gc import uninstall_gui_gc

    uninstall_gui_gc(QApplication.instance())


def idle(qtbot, w) -> None:
    qtbot.waitUntil(lambda: w.runner.idle, timeout=10_000)


def active(w):
    return w.station.active_dialog or w


def press(qtbot, w, key) -> None:
    target = active(w)
    qtbot.waitUntil(target.isActiveWindow, timeout=3000)
    qtbot.keyClick(target.focusWidget() or target, key)


def type_text(qtbot, w, text: str) -> None:
    target = active(w)
    qtbot.waitUntil(target.isActiveWindow, timeout=3000)
    qtbot.keyClicks(target.focusWidget() or target, text)


def login(qtbot, w, account: str = VERIFIER[0], password: str = VERIFIER[1]) -> None:
    view = w.login_view
    qtbot.waitUntil(view.account.hasFocus, timeout=3000)
    qtbot.keyClicks(view.account, account)
    qtbot.keyClick(view.account, Qt.Key.Key_Return)
    assert view.password.hasFocus()
    qtbot.keyClicks(view.password, password)
    qtbot.keyClick(view.password, Qt.Key.Key_Return)
    idle(qtbot, w)


def sign_in(qtbot, w) -> None:
    login(qtbot, w)
    assert w.pages.currentWidget() is w.station_view
    qtbot.waitUntil(w.station_view.scan.hasFocus, timeout=3000)


def scan(qtbot, w, code: str) -> None:
    field = w.station_view.scan
    qtbot.waitUntil(field.hasFocus, timeout=3000)
    qtbot.keyClicks(field, code)
    qtbot.keyClick(field, Qt.Key.Key_Return)
    idle(qtbot, w)


def banner(w) -> tuple[str, str]:
    b = w.station_view.banner
    return b.level, b.text.text()


def verifications(terminal) -> list[Verification]:
    with terminal.central.reader() as uow:
        return list(uow.session.scalars(select(Verification).order_by(Verification.at)))


def journaled(terminal, kind: str = "redemption") -> int:
    with terminal.db.reader() as uow:
        return uow.session.scalar(
            select(func.count()).select_from(JournalEntry).where(JournalEntry.kind == kind)
        )


def screenshot(w, path, dlg=None) -> None:
    from PySide6.QtWidgets import QApplication

    QApplication.processEvents()  # pending layout requests first, as on screen
    grab(w, path, dlg)


def qr_png(path, text: str):
    qrcode.make(text).save(str(path))
    return path


# -- redeem, refuse -------------------------------------------------------------------------------


def test_scan_confirm_redeem_then_refused_again(qtbot, make_station, terminal, screenshot_dir):
    cid = make_coupon(terminal.central, name="满50减10", threshold_fen=5000, amount_off_fen=1000)
    (code,) = issue(terminal.central, cid, phone="13800138000")
    w = make_station()
    qtbot.waitUntil(w.login_view.account.hasFocus, timeout=3000)
    screenshot(w, screenshot_dir / "verifier-login.png")
    sign_in(qtbot, w)
    assert "周杰" in w.status_verifier.text()
    v = w.station_view

    scan(qtbot, w, code.lower())  # case and dashes do not matter
    card = w.station.card
    assert card is not None and card.redeemable and card.code == code
    assert v.card.name.text() == "满50减10"
    assert v.card.value("code") == verification.format_code(code)
    assert v.card.value("customer") == "138****8000"
    assert v.confirm.isEnabled()
    assert v.scan.text() == "" and v.scan.hasFocus()

    press(qtbot, w, Qt.Key.Key_Return)  # empty field + redeemable card: Enter confirms
    idle(qtbot, w)
    level, text = banner(w)
    assert level == "ok"
    assert "满50减10" in text and verification.format_code(code) in text
    assert not v.confirm.isEnabled()
    rows = w.station.history.rows()
    assert len(rows) == 1 and rows[0].code == code and rows[0].status == "done"
    assert rows[0].verifier == "周杰"
    assert len(verifications(terminal)) == 1
    assert journaled(terminal) == 1
    assert w.station.online is True
    screenshot(w, screenshot_dir / "verifier-success.png")

    # the same code again: refused, naming the store, the verifier and the time
    scan(qtbot, w, verification.format_code(code))
    level, text = banner(w)
    at = rows[0].local_time
    assert level == "error"
    assert "S01" in text and "周杰" in text and at in text
    assert not w.station.card.redeemable
    assert w.station.card.refusal.reason == "already_redeemed"
    assert not v.confirm.isEnabled()
    press(qtbot, w, Qt.Key.Key_F2)  # nothing to confirm
    idle(qtbot, w)
    assert len(verifications(terminal)) == 1
    screenshot(w, screenshot_dir / "verifier-refusal-again.png")

    # Esc clears the card; the scan field keeps the focus throughout
    press(qtbot, w, Qt.Key.Key_Escape)
    assert w.station.card is None and v.card.empty.isVisible()
    assert v.scan.hasFocus()


def test_refusal_words_in_english(qtbot, make_station, terminal):
    now = datetime.now(UTC)
    s02 = make_coupon(terminal.central, name="S02专享", stores=("S02",))
    (code_s02,) = issue(terminal.central, s02)
    old = make_coupon(
        terminal.central,
        name="过期券",
        valid_from=now - timedelta(days=10),
        valid_until=now - timedelta(days=1),
    )
    (code_old,) = issue(terminal.central, old)
    future = make_coupon(
        terminal.central,
        name="未生效",
        valid_from=now + timedelta(days=1),
        valid_until=now + timedelta(days=5),
    )
    (code_future,) = issue(terminal.central, future)
    used = make_coupon(terminal.central, name="已用券")
    (code_used,) = issue(terminal.central, used)
    w = make_station(language="en")
    sign_in(qtbot, w)
    v = w.station_view

    scan(qtbot, w, code_s02)
    level, text = banner(w)
    assert level == "error" and text == "Not valid at this store (S01)"
    assert v.card.value("stores") == "Only at S02"
    assert not v.confirm.isEnabled()
    press(qtbot, w, Qt.Key.Key_Return)  # Enter does not redeem a refused card
    idle(qtbot, w)

    scan(qtbot, w, code_old)
    level, text = banner(w)
    assert level == "error" and text.startswith("Expired (valid until ")
    assert v.card.state.text() == "Unused" or v.card.state.text() == "Expired"

    scan(qtbot, w, code_future)
    assert banner(w)[1].startswith("Not valid yet (valid from ")

    scan(qtbot, w, "NOT-A-CODE")
    level, text = banner(w)
    assert level == "error" and text == "Not a coupon or pickup code: NOT-A-CODE"
    assert w.station.card is None

    scan(qtbot, w, code_used)
    press(qtbot, w, Qt.Key.Key_F2)
    idle(qtbot, w)
    assert banner(w)[0] == "ok"
    assert banner(w)[1].startswith("Redeemed: 已用券 (")
    scan(qtbot, w, code_used)
    at = w.station.history.rows()[0].local_time
    assert banner(w) == ("error", f"Already redeemed at S01 by 周杰 at {at}")
    assert v.card.state.text() == "Already redeemed"
    assert len(verifications(terminal)) == 1


def test_enter_right_after_a_new_scan_does_not_redeem_the_old_card(qtbot, make_station, terminal):
    cid = make_coupon(terminal.central, name="旧卡")
    first, second = issue(terminal.central, cid, 2)
    w = make_station(language="en")
    sign_in(qtbot, w)
    scan(qtbot, w, first)
    assert w.station.card.code == first and w.station_view.confirm.isEnabled()
    field = w.station_view.scan
    qtbot.keyClicks(field, second)
    qtbot.keyClick(field, Qt.Key.Key_Return)  # the look-up of the second code is on its way
    assert not w.station_view.confirm.isEnabled()
    qtbot.keyClick(field, Qt.Key.Key_Return)  # ... so this Enter does not redeem the first
    idle(qtbot, w)
    assert w.station.card.code == second and w.station.card.redeemable
    assert verifications(terminal) == []


def test_redeemed_meanwhile_at_another_store(qtbot, make_station, terminal, screenshot_dir):
    """The card said redeemable; a verifier at S02 was quicker: the confirm is refused with who,
    where and when, and nothing is redeemed twice."""
    cid = make_coupon(terminal.central, name="全场通用券")
    (code,) = issue(terminal.central, cid)
    w = make_station()
    sign_in(qtbot, w)
    scan(qtbot, w, code)
    assert w.station.card.redeemable
    other = InProcessGateway(terminal.central).redeem(
        {
            "request_id": verification.new_request_id(),
            "text": code,
            "store_id": store_id(terminal.central, "S02"),
            "terminal_id": None,
            "staff_id": staff_id(terminal.central, "manager02"),
            "purpose": "station",
        }
    )
    assert other["ok"] and other["store"] == "S02"
    press(qtbot, w, Qt.Key.Key_Return)
    idle(qtbot, w)
    level, text = banner(w)
    assert level == "error"
    assert "S02" in text and "陈刚" in text and other["local_time"] in text
    assert not w.station.card.redeemable and w.station.card.state == "used"
    assert not w.station_view.confirm.isEnabled()
    assert len(verifications(terminal)) == 1 and journaled(terminal) == 0
    screenshot(w, screenshot_dir / "verifier-refusal.png")


def test_rules_in_words(qapp):
    from shared.qt.i18n import install_translator

    install_translator(qapp, "en")  # earlier tests may have left the Chinese one installed
    base = dict(
        coupon_id="c",
        name="n",
        funded_by="store",
        stackable=False,
        threshold_fen=0,
        amount_off_fen=0,
        off_bp=0,
        cap_fen=None,
        exchange_sku_id=None,
        exchange_item=None,
        valid_from="",
        valid_until="",
        store_scope="all",
        stores=(),
    )
    assert yuan(5000) == "50" and yuan(1250) == "12.5" and yuan(1999) == "19.99"
    threshold = CouponInfo(
        type="threshold", **{**base, "threshold_fen": 5000, "amount_off_fen": 1000}
    )
    assert rule_text(threshold) == "Spend 50, get 10 off"
    capped = CouponInfo(type="discount", **{**base, "off_bp": 2000, "cap_fen": 2000})
    assert rule_text(capped) == "20% off, at most 20 off"
    assert rule_text(CouponInfo(type="discount", **{**base, "off_bp": 1500})) == "15% off"
    exchange = CouponInfo(type="exchange", **{**base, "exchange_item": "可乐 330ml"})
    assert rule_text(exchange) == "Exchange: 可乐 330ml"


def test_pickup_code(qtbot, make_station, terminal):
    make_pickup(terminal.central, "S01", "246810", order_no="PK2026000001")
    w = make_station(language="en")
    sign_in(qtbot, w)
    v = w.station_view
    scan(qtbot, w, "246810")
    card = w.station.card
    assert card.kind == "pickup" and card.redeemable
    assert v.card.kind.text() == "Pickup order"
    assert v.card.name.text() == "线上订单自提"
    assert v.card.value("order") == "PK2026000001"
    assert v.card.value("amount") == "￥19.90"
    assert v.card.state.text() == "Awaiting pickup"
    press(qtbot, w, Qt.Key.Key_F2)
    idle(qtbot, w)
    level, text = banner(w)
    assert level == "ok" and text.startswith("Collected: order PK2026000001 (code 246810)")
    assert v.card.state.text() == "Collected just now"
    row = w.station.history.rows()[0]
    assert row.kind == "pickup" and row.order_no == "PK2026000001"
    # scanned again: collected already, by whom and when
    scan(qtbot, w, "246810")
    assert banner(w) == ("error", f"Already collected at S01 by 周杰 at {row.local_time}")


def test_offline_refuses_and_records_nothing(qtbot, make_station, terminal, screenshot_dir):
    cid = make_coupon(terminal.central)
    (code,) = issue(terminal.central, cid)
    w = make_station(
        language="en",
        gateway_factory=lambda: InProcessGateway.for_url("sqlite:////nonexistent/central.db"),
    )
    sign_in(qtbot, w)
    assert w.station.online is False  # the first history read could not reach head office
    assert "not reachable" in w.status_connection.text()
    scan(qtbot, w, code)
    assert banner(w) == ("error", "Verification needs a connection to head office")
    assert w.station.card is None
    press(qtbot, w, Qt.Key.Key_F2)
    idle(qtbot, w)
    assert verifications(terminal) == []
    assert journaled(terminal) == 0
    screenshot(w, screenshot_dir / "verifier-offline.png")
    with terminal.central.reader() as uow:
        state = uow.session.scalar(select(CouponInstance.state).where(CouponInstance.code == code))
    assert state == "unused"


class LosesFirstAnswer:
    """A gateway whose first redemption commits centrally but whose answer never arrives."""

    def __init__(self, inner: InProcessGateway) -> None:
        self.inner = inner
        self.requests: list[dict] = []

    def __getattr__(self, name):
        return getattr(self.inner, name)

    def redeem(self, request: dict) -> dict:
        self.requests.append(dict(request))
        answer = self.inner.redeem(request)
        if len(self.requests) == 1:
            raise CentralUnreachable("connection reset after the central commit")
        return answer


def test_retry_after_a_lost_answer_reuses_the_request_id(
    qtbot, make_station, terminal, screenshot_dir
):
    cid = make_coupon(terminal.central, name="重试券")
    (code,) = issue(terminal.central, cid)
    gateway = LosesFirstAnswer(InProcessGateway(terminal.central))
    w = make_station(language="en", gateway_factory=lambda: gateway)
    sign_in(qtbot, w)
    scan(qtbot, w, code)
    press(qtbot, w, Qt.Key.Key_Return)
    idle(qtbot, w)
    level, text = banner(w)
    assert level == "error" and text.startswith("Verification needs a connection to head office")
    assert w.station.card.redeemable  # still on the card: Enter tries again
    screenshot(w, screenshot_dir / "verifier-lost-answer.png")
    press(qtbot, w, Qt.Key.Key_Return)
    idle(qtbot, w)
    assert banner(w)[0] == "ok"
    first, second = gateway.requests
    assert first["request_id"] == second["request_id"]
    assert len(verifications(terminal)) == 1
    assert journaled(terminal) == 1


def test_login_refusals(qtbot, make_station):
    w = make_station(language="en")
    login(qtbot, w, "verifier01", "wrong")
    assert w.pages.currentWidget() is w.login_view
    assert w.login_view.message.property("level") == "error"
    assert w.login_view.message.text().startswith("Wrong account or password")
    w.login_view.account.clear()
    w.login_view.account.setFocus()
    login(qtbot, w, "cashier01", "cashier123")  # a cashier may not verify
    assert w.pages.currentWidget() is w.login_view
    assert w.login_view.message.text() == "This account may not verify codes at this store"


# -- the camera --------------------------------------------------------------------------------------


def test_frame_decoder_reads_qr_images(qtbot, terminal, tmp_path):
    cid = make_coupon(terminal.central)
    (code,) = issue(terminal.central, cid)
    payload = InProcessGateway(terminal.central).coupon_qr(code)["payload"]
    dynamic = QImage(str(qr_png(tmp_path / "dynamic.png", payload)))
    static = QImage(str(qr_png(tmp_path / "static.png", verification.format_code(code))))
    blank = QImage(640, 480, QImage.Format.Format_RGB32)
    blank.fill(QColor("white"))
    assert decode_image(dynamic) == [payload]
    assert decode_image(blank) == []
    assert decode_image(QImage()) == []

    now = [100.0]
    decoder = FrameDecoder(repeat_after_s=3.0, clock=lambda: now[0])
    seen: list[str] = []
    decoder.decoded.connect(seen.append)
    assert decoder.feed(blank) is None
    assert decoder.feed(dynamic) == payload
    for _ in range(5):  # the same code held in front of the camera: one scan
        now[0] += 0.2
        assert decoder.feed(dynamic) is None
    now[0] += 0.2
    assert decoder.feed(static) == verification.format_code(code)  # another code: a new scan
    now[0] += 0.2
    assert decoder.feed(dynamic) == payload
    decoder.reset()
    assert decoder.feed(dynamic) == payload  # after a reset the same code counts again
    now[0] += 10
    assert decoder.feed(dynamic) == payload  # out of sight long enough
    assert seen == [payload, verification.format_code(code), payload, payload, payload]


def test_camera_frames_show_the_card(qtbot, make_station, terminal, tmp_path, screenshot_dir):
    cid = make_coupon(
        terminal.central,
        name="8折券",
        type="discount",
        off_bp=2000,
        cap_fen=2000,
        threshold_fen=0,
        amount_off_fen=0,
    )
    (code,) = issue(terminal.central, cid, phone="13900139000")
    payload = InProcessGateway(terminal.central).coupon_qr(code)["payload"]
    feed = ImageFeed(description="test camera")
    w = make_station(camera_source=feed)
    sign_in(qtbot, w)
    assert w.camera.active  # started on the station page
    assert w.station_view.camera.state.property("level") == "on"

    blank = QImage(640, 480, QImage.Format.Format_RGB32)
    blank.fill(QColor("white"))
    assert feed.push(blank)
    idle(qtbot, w)
    assert w.station.card is None

    assert feed.push(qr_png(tmp_path / "dynamic.png", payload))
    idle(qtbot, w)
    card = w.station.card
    assert card is not None and card.via_qr and card.code == code and card.redeemable
    assert w.station_view.card.name.text() == "8折券"
    assert not w.station_view.camera.preview.pixmap().isNull()
    # the same QR in the next frames does not look it up again
    feed.push(tmp_path / "dynamic.png")
    assert w.runner.idle
    screenshot(w, screenshot_dir / "verifier-camera.png")

    press(qtbot, w, Qt.Key.Key_F2)
    idle(qtbot, w)
    assert banner(w)[0] == "ok"
    assert len(verifications(terminal)) == 1

    # a static code through the camera too
    cid2 = make_coupon(terminal.central, name="满20减5")
    (code2,) = issue(terminal.central, cid2)
    feed.push(qr_png(tmp_path / "static.png", verification.format_code(code2)))
    idle(qtbot, w)
    assert w.station.card.code == code2 and not w.station.card.via_qr

    # F4 turns the camera off: frames are ignored
    press(qtbot, w, Qt.Key.Key_F4)
    assert not w.camera.active
    assert not feed.push(tmp_path / "dynamic.png")


def test_no_camera_on_this_machine(qtbot, make_station, screenshot_dir):
    from PySide6.QtMultimedia import QMediaDevices

    if QMediaDevices.videoInputs():
        pytest.skip("this machine has a camera")
    w = make_station(language="en", camera_source=None)  # the real QtMultimedia source
    sign_in(qtbot, w)
    panel = w.station_view.camera
    assert not w.camera.available
    assert panel.state.property("level") == "none"
    assert panel.state.text().startswith("No camera found")
    assert not panel.toggle.isEnabled()
    screenshot(w, screenshot_dir / "verifier-no-camera.png")


# -- history and reversal --------------------------------------------------------------------------


def test_manager_reverses_from_the_history(qtbot, make_station, terminal, screenshot_dir):
    cid = make_coupon(terminal.central, name="满30减8", threshold_fen=3000, amount_off_fen=800)
    codes = issue(terminal.central, cid, 2)
    w = make_station(language="en")
    sign_in(qtbot, w)
    for code in codes:
        scan(qtbot, w, code)
        press(qtbot, w, Qt.Key.Key_Return)
        idle(qtbot, w)
        assert banner(w)[0] == "ok"
    rows = w.station.history.rows()
    assert [r.code for r in rows] == list(reversed(codes))
    table = w.station_view.history

    # choose the older one with the arrows (the scan field keeps the focus)
    press(qtbot, w, Qt.Key.Key_Down)
    assert table.selectionModel().selectedRows()[0].row() == 1
    assert w.station_view.scan.hasFocus()

    press(qtbot, w, Qt.Key.Key_F6)
    qtbot.waitUntil(lambda: w.station.active_dialog is not None, timeout=3000)
    dlg = w.station.active_dialog
    qtbot.waitUntil(dlg.isActiveWindow, timeout=3000)
    assert codes[0] in dlg.findChild(type(dlg.title_label), "dialogText").text().replace("-", "")
    press(qtbot, w, Qt.Key.Key_Return)  # no reason yet
    assert dlg.message.text() == "Give a reason for the reversal"
    type_text(qtbot, w, "scanned twice")
    press(qtbot, w, Qt.Key.Key_Return)
    assert dlg.account.hasFocus()
    type_text(qtbot, w, "manager01")
    press(qtbot, w, Qt.Key.Key_Return)
    assert dlg.pin.hasFocus()
    type_text(qtbot, w, "0000")  # a wrong PIN: refused in the dialog, nothing reversed
    press(qtbot, w, Qt.Key.Key_Return)
    idle(qtbot, w)
    assert dlg.isVisible() and dlg.message.property("level") == "error"
    screenshot(w, screenshot_dir / "verifier-reverse.png", dlg)
    type_text(qtbot, w, "8888")
    press(qtbot, w, Qt.Key.Key_Return)
    idle(qtbot, w)
    qtbot.waitUntil(lambda: not w.station.dialogs, timeout=5000)
    level, text = banner(w)
    assert level == "ok" and text.startswith("Reversed: ") and "王芳" in text
    by_code = {r.code: r for r in w.station.history.rows()}
    assert by_code[codes[0]].status == "reversed" and by_code[codes[1]].status == "done"
    assert w.station_view.scan.hasFocus()
    assert journaled(terminal, "redemption_reversal") == 1

    # a reversed row cannot be reversed again
    qtbot.waitUntil(lambda: w.station.history.rows()[1].status == "reversed", timeout=5000)
    w.station._select_row(1)
    press(qtbot, w, Qt.Key.Key_F6)
    assert w.station.active_dialog is None
    assert banner(w)[0] == "error"

    # the reversed code can be redeemed again
    scan(qtbot, w, codes[0])
    assert w.station.card.redeemable
    press(qtbot, w, Qt.Key.Key_F2)
    idle(qtbot, w)
    assert banner(w)[0] == "ok"


def test_history_model(qtmodeltester):
    def row(i: int, status: str = "done") -> Redemption:
        return Redemption(
            verification_id=f"v{i}",
            request_id=f"r{i}",
            kind="coupon" if i % 2 else "pickup",
            code=f"CODE{i}",
            display_code=f"CODE-{i}",
            status=status,
            store="S01",
            verifier="周杰",
            at="2026-11-22T06:03:00+00:00",
            local_time="14:03",
            coupon_name="满50减10" if i % 2 else "",
            order_no="" if i % 2 else f"PK{i}",
        )

    model = VerificationHistoryModel()
    model.set_rows([row(1), row(2, "reversed")])
    qtmodeltester.check(model)
    assert model.rowCount() == 2 and model.columnCount() == 6
    text = [model.data(model.index(0, c)) for c in range(6)]
    assert text == ["14:03", kind_name("coupon"), "CODE-1", "满50减10", "周杰", status_name("done")]
    assert model.data(model.index(1, VerificationHistoryModel.KIND)) == kind_name("pickup")
    assert model.data(model.index(1, VerificationHistoryModel.WHAT)) == "PK2"
    assert model.data(model.index(1, VerificationHistoryModel.STATUS)) == status_name("reversed")
    assert model.data(
        model.index(0, VerificationHistoryModel.STATUS), Qt.ItemDataRole.ForegroundRole
    )
    assert model.reversible(model.row_at(0)) and not model.reversible(model.row_at(1))
    assert model.put(row(3)) == 0 and model.rowCount() == 3
    assert model.put(row(1, "reversed")) == 1
    assert model.row_at(1).status == "reversed"
    qtmodeltester.check(model)


# -- the composition root as ``storedesk pos --verifier`` runs it ------------------------------------

RUN_CHILD = r"""
import argparse, json, sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from pos.verifier.app import run
from pos.verifier.views import VerifierWindow

app = QApplication(sys.argv[:1])
seen = {}

def window():
    return next(w for w in QApplication.topLevelWidgets()
                if isinstance(w, VerifierWindow) and w.isVisible())

def sign_in():
    w = window()
    seen.update(title=w.windowTitle(), language=w.language, store=w.login_view.store.text())
    w.login_view.account.setText("verifier01")
    w.login_view.password.setText("verify1234")
    w.station.sign_in()
    QTimer.singleShot(20, signed_in)

def signed_in():
    w = window()
    if w.station.actor is None or w.station.online is None:
        QTimer.singleShot(20, signed_in)
        return
    seen.update(verifier=w.station.actor.account, online=w.station.online)
    w.close()
    app.quit()

QTimer.singleShot(0, sign_in)
rc = run(argparse.Namespace(data_dir=sys.argv[1], central=sys.argv[2], lang="en"))
print(json.dumps({"rc": rc, **seen}, ensure_ascii=False))
"""


def test_run_opens_the_station_and_exits_cleanly(demo_template, tmp_path):
    base, _products = demo_template
    data = tmp_path / "data"
    data.mkdir()
    for name in ("terminal.db", "central.db"):
        shutil.copy(base / name, data / name)
    done = subprocess.run(
        [sys.executable, "-c", RUN_CHILD, str(data), str(data / "central.db")],
        cwd=Path(__file__).resolve().parents[2],
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout.strip().splitlines()[-1])
    assert out["rc"] == 0
    assert out["title"] == "StoreDesk verifier station" and out["language"] == "en"
    assert out["store"] == "星辰便利店 静安店"
    assert out["verifier"] == "verifier01" and out["online"] is True
