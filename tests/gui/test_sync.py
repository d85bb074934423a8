"""Background sync in the counter: the status-bar indicator (online / offline, last sync time,
messages waiting, the clock warning), rounds on a worker after each sale, "sync now" from the
indicator and the F11 menu; the counter keeps selling, and the GUI thread never waits, while the
central database is slow or down."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import timedelta

import pytest
from PySide6.QtCore import Qt

from pos.screens.sync_controller import SyncOptions
from shared.db.models import Sale
from shared.db.uow import Database
from shared.domain.clock import FixedClock, local_time
from shared.services import sales, sync_status
from shared.sync.errors import CentralUnreachable
from shared.sync.gateway import InProcessGateway
from tests.gui.helpers import (
    NOODLES,
    WATER,
    cart_names,
    dialog,
    no_dialog,
    press,
    scan,
    sign_in_and_open,
)

# quick rounds for the tests: at once on start, 50 ms after a sale, "syncing…" after 50 ms
FAST = {"first_round_ms": 0, "kick_ms": 50, "slow_ms": 50}


class Gate:
    """Holds a gateway's rounds on their worker until released (a slow network)."""

    def __init__(self) -> None:
        self.open = threading.Event()
        self.open.set()
        self.entered = threading.Event()

    def hold(self) -> None:
        self.entered.clear()
        self.open.clear()

    def passage(self) -> None:  # worker thread
        self.entered.set()
        assert self.open.wait(10), "the test never released the round"


@pytest.fixture
def gate(make_counter) -> Iterator[Gate]:
    g = Gate()
    yield g
    g.open.set()  # before the counter's runner waits for its workers


class SlowGateway(InProcessGateway):
    """The real central database, reached through a gate."""

    def __init__(self, central: Database, gate: Gate) -> None:
        super().__init__(central)
        self.gate = gate

    def hello(self, *args, **kwargs) -> dict:
        self.gate.passage()
        return super().hello(*args, **kwargs)


class TimeoutGateway:
    """A central database that never answers: each call waits at the gate, then times out."""

    def __init__(self, gate: Gate) -> None:
        self.gate = gate

    def hello(self, *args, **kwargs) -> dict:
        self.gate.passage()
        raise CentralUnreachable("the central database is unreachable: connection timed out")


def unreachable() -> InProcessGateway:
    raise CentralUnreachable("the central database is unreachable: connection refused")


def settled(w) -> bool:
    """A round has finished, none runs, and the indicator shows what the database holds."""
    s = w.sync
    return s.rounds > 0 and not s.running and s.status is not None and w.runner.idle


def pay_cash(qtbot, w) -> sales.SaleResult:
    """F12, the amount due in cash, Enter; back on the sale page."""
    before = w.session.last_sale
    press(qtbot, w, Qt.Key.Key_F12)
    dialog(qtbot, w, "PaymentView")
    press(qtbot, w, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: w.session.last_sale is not before, timeout=5000)
    press(qtbot, w, Qt.Key.Key_Return)  # next sale
    no_dialog(qtbot, w)
    return w.session.last_sale


def test_a_sale_waits_then_goes_up_in_the_background(qtbot, terminal, make_counter, gate):
    w = make_counter(
        sync=SyncOptions(gateway_factory=lambda: SlowGateway(terminal.central, gate), **FAST)
    )
    label = w.status_sync
    assert label.isVisible() and not w.status_sync_warning.isVisible()
    qtbot.waitUntil(lambda: settled(w) and w.sync.online is True, timeout=5000)
    # the last sync time in the store's timezone
    synced = local_time(w.sync.status.last_sync_at, terminal.ctx.timezone).strftime("%H:%M")
    assert label.text() == f"在线 · 同步 {synced} · 待上传 0"
    assert label.property("level") == "ok"
    assert "已连接总部数据库" in label.toolTip()

    sign_in_and_open(qtbot, w)
    qtbot.waitUntil(lambda: settled(w) and w.sync.status.pending == 0, timeout=5000)

    # the central side is slow now: the round after the sale waits on its worker
    gate.hold()
    scan(qtbot, w, NOODLES)
    qtbot.waitUntil(lambda: cart_names(w) == ["康师傅方便面 小"], timeout=3000)
    result = pay_cash(qtbot, w)
    qtbot.waitUntil(gate.entered.is_set, timeout=3000)  # the round the sale asked for waits...
    waiting = sync_status.status(terminal.db).pending
    assert waiting > 0
    qtbot.waitUntil(lambda: label.text().endswith(f"待上传 {waiting}"), timeout=3000)
    assert label.text().startswith("在线")
    assert w.sync.running
    with terminal.central.reader() as uow:  # ...and nothing reached the central side yet
        assert uow.session.get(Sale, (terminal.ctx.store_id, result.sale_id)) is None

    gate.open.set()
    qtbot.waitUntil(lambda: settled(w) and w.sync.status.pending == 0, timeout=5000)
    assert label.text().startswith("在线 · 同步 ") and label.text().endswith("待上传 0")
    with terminal.central.reader() as uow:
        sale = uow.session.get(Sale, (terminal.ctx.store_id, result.sale_id))
        assert sale is not None
        assert (sale.receipt_no, sale.total_fen) == (result.receipt_no, result.total_fen)


def test_offline_the_counter_sells_and_counts_what_waits(qtbot, terminal, make_counter):
    w = make_counter(sync=SyncOptions(gateway_factory=unreachable, **FAST))
    label = w.status_sync
    qtbot.waitUntil(lambda: settled(w) and w.sync.online is False, timeout=5000)
    assert label.text() == "离线 · 待上传 0"
    assert label.property("level") == "error"
    tip = label.toolTip()
    assert "无法连接总部数据库" in tip and "connection refused" in tip

    sign_in_and_open(qtbot, w)
    qtbot.waitUntil(lambda: w.sync.rounds >= 2 and settled(w), timeout=5000)  # shift opened
    scan(qtbot, w, WATER)
    qtbot.waitUntil(lambda: cart_names(w) == ["统一矿泉水 小"], timeout=3000)
    result = pay_cash(qtbot, w)
    qtbot.waitUntil(lambda: w.sync.rounds >= 3 and settled(w), timeout=5000)  # sold
    waiting = sync_status.status(terminal.db).pending
    assert waiting > 0
    assert label.text() == f"离线 · 待上传 {waiting}"
    with terminal.db.reader() as uow:  # sold and kept on the terminal
        assert sales.find_sale(uow, terminal.ctx, result.receipt_no).total_fen == 446
    scan(qtbot, w, NOODLES)  # selling goes on
    qtbot.waitUntil(lambda: cart_names(w) == ["康师傅方便面 小"], timeout=3000)

    # F11, 9: "sync now" from the shift menu, and the answer on the sale page
    press(qtbot, w, Qt.Key.Key_F11)
    menu = dialog(qtbot, w, "ShiftMenuDialog")
    assert menu.entry_buttons["sync_now"].text() == "9  立即同步"
    press(qtbot, w, Qt.Key.Key_9)
    no_dialog(qtbot, w)
    assert w.sale_view.message.text() == "正在与总部数据库同步…"
    qtbot.waitUntil(lambda: w.sale_view.message.text().startswith("同步失败"), timeout=3000)
    assert w.sync.rounds >= 4 and "connection refused" in w.sale_view.message.text()
    assert cart_names(w) == ["康师傅方便面 小"]


def test_a_slow_round_never_blocks_the_counter(qtbot, terminal, make_counter, gate):
    w = make_counter(sync=SyncOptions(gateway_factory=lambda: TimeoutGateway(gate), **FAST))
    label = w.status_sync
    qtbot.waitUntil(lambda: settled(w) and w.sync.online is False, timeout=5000)
    sign_in_and_open(qtbot, w)
    qtbot.waitUntil(lambda: w.sync.rounds >= 2 and settled(w), timeout=5000)  # shift opened

    # a click on the indicator: sync now; the round hangs on its worker
    gate.hold()
    qtbot.mouseClick(label, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(gate.entered.is_set, timeout=3000)
    qtbot.waitUntil(lambda: "正在同步…" in label.text(), timeout=3000)
    # meanwhile the GUI thread takes the next scans and the runner delivers them
    scan(qtbot, w, NOODLES)
    scan(qtbot, w, WATER)
    qtbot.waitUntil(lambda: cart_names(w) == ["康师傅方便面 小", "统一矿泉水 小"], timeout=3000)
    assert w.sync.running and not gate.open.is_set()
    assert w.sale_view.scan.hasFocus()  # the click took no focus from the scan field

    gate.open.set()
    qtbot.waitUntil(lambda: w.sale_view.message.text().startswith("同步失败"), timeout=5000)
    assert w.sync.rounds >= 3 and not w.sync.running
    assert label.text().startswith("离线") and "正在同步" not in label.text()
    assert "connection timed out" in label.toolTip()


def test_a_wrong_clock_is_shown_and_selling_goes_on(qtbot, terminal, make_counter):
    server = Database(terminal.central.engine, FixedClock(terminal.db.clock.now()))

    def gateway() -> InProcessGateway:  # the server's clock is 7 minutes ahead of the terminal's
        server.clock.at = terminal.db.clock.now() + timedelta(minutes=7)
        return InProcessGateway(server)

    w = make_counter(sync=SyncOptions(gateway_factory=gateway, **FAST))
    warn = w.status_sync_warning
    qtbot.waitUntil(lambda: settled(w) and warn.isVisible(), timeout=5000)
    assert warn.text() == "本机时间偏差 7 分钟"
    assert warn.property("level") == "warning"
    assert "慢 7 分钟" in warn.toolTip()
    assert w.status_sync.text().startswith("在线")

    sign_in_and_open(qtbot, w)
    scan(qtbot, w, WATER)
    qtbot.waitUntil(lambda: cart_names(w) == ["统一矿泉水 小"], timeout=3000)
    result = pay_cash(qtbot, w)
    assert result.total_fen == 446
    qtbot.waitUntil(lambda: settled(w) and w.sync.status.pending == 0, timeout=5000)
    assert warn.isVisible()


def test_documents_ask_for_one_round_soon(qtbot, terminal, make_counter):
    w = make_counter(
        sync=SyncOptions(
            gateway_factory=lambda: InProcessGateway(terminal.central),
            first_round_ms=0,
            kick_ms=200,
        )
    )
    qtbot.waitUntil(lambda: settled(w) and w.sync.rounds == 1, timeout=5000)
    assert w.sync.next_round_in_ms > 20_000  # the next regular round, 30 s on
    for kind in ("refund", "shift_close", "sale"):  # a burst of documents...
        w.session.committed(kind)
    assert w.sync.next_round_in_ms < 1_000  # ...asks for one round, soon (200 ms)
    qtbot.waitUntil(lambda: w.sync.rounds == 2 and settled(w), timeout=5000)
    assert w.sync.next_round_in_ms > 20_000  # and only one
