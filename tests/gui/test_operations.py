"""The operation runner: results and errors come back on the GUI thread; writes never overlap;
results of one lane arrive in start order."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QCoreApplication, QObject, QThread

from shared.domain.errors import ValidationError
from shared.qt.operations import OperationRunner


@pytest.fixture
def runner(qapp):
    r = OperationRunner(read_threads=4, device_threads=2)
    yield r
    r.shutdown()


def test_result_and_error_arrive_on_the_gui_thread(qtbot, runner):
    gui = QCoreApplication.instance().thread()
    seen = {}

    def work():
        seen["worker"] = QThread.currentThread()
        return 42

    def done(value):
        seen["done_thread"] = QThread.currentThread()
        seen["value"] = value

    def fail():
        raise ValidationError("nope", code="quantity_absurd")

    def failed(exc):
        seen["error_thread"] = QThread.currentThread()
        seen["error"] = exc

    runner.run(work, on_done=done, kind="read")
    runner.run(fail, on_error=failed, kind="write")
    qtbot.waitUntil(lambda: "value" in seen and "error" in seen)
    assert seen["worker"] is not gui
    assert seen["done_thread"] is gui and seen["error_thread"] is gui
    assert seen["value"] == 42
    assert isinstance(seen["error"], ValidationError) and seen["error"].code == "quantity_absurd"
    qtbot.waitUntil(lambda: runner.idle)


def test_writes_are_serial_and_in_order(qtbot, runner):
    lock = threading.Lock()
    state = {"running": 0, "max": 0}
    started: list[int] = []
    delivered: list[int] = []
    gate = threading.Event()

    def write(i):
        def fn():
            with lock:
                state["running"] += 1
                state["max"] = max(state["max"], state["running"])
                started.append(i)
            if i == 0:
                gate.wait(5)  # the first write holds the executor until a read has run
            with lock:
                state["running"] -= 1
            return i

        return fn

    busy = []
    runner.busy_changed.connect(busy.append)
    for i in range(6):
        runner.run(write(i), on_done=delivered.append, kind="write")
    assert runner.busy
    read_done = []
    runner.run(lambda: "read", on_done=read_done.append, kind="read")
    qtbot.waitUntil(lambda: read_done == ["read"])  # reads run beside a write in flight
    assert delivered == []
    gate.set()
    qtbot.waitUntil(lambda: len(delivered) == 6)
    assert state["max"] == 1
    assert started == list(range(6)) and delivered == list(range(6))
    assert busy == [True, False] and not runner.busy


def test_a_lane_delivers_in_start_order(qtbot, runner):
    gate = threading.Event()
    delivered: list[str] = []

    def slow():
        gate.wait(5)
        return "first"

    runner.run(slow, on_done=delivered.append, kind="read", lane="scan")
    runner.run(lambda: "second", on_done=delivered.append, kind="read", lane="scan")
    runner.run(lambda: "third", on_done=delivered.append, kind="read", lane="scan")
    # the later lookups finish first but wait for the first one
    qtbot.waitUntil(lambda: runner.pending("read") == 3 and _done_count(runner) == 2)
    assert delivered == []
    gate.set()
    qtbot.waitUntil(lambda: len(delivered) == 3)
    assert delivered == ["first", "second", "third"]


def _done_count(runner) -> int:
    return sum(1 for op in runner._ops.values() if op.done)


def test_callbacks_of_a_deleted_owner_are_skipped(qtbot, runner):
    owner = QObject()
    gate = threading.Event()
    called = []
    runner.run(lambda: gate.wait(5), on_done=called.append, owner=owner, kind="device")
    owner.deleteLater()
    qtbot.waitUntil(lambda: _deleted(owner))
    gate.set()
    qtbot.waitUntil(lambda: runner.idle)
    assert called == []


def _deleted(obj) -> bool:
    from shiboken6 import isValid

    QCoreApplication.sendPostedEvents(None, 0)
    return not isValid(obj)


def test_unknown_kind_is_refused(runner):
    with pytest.raises(ValueError):
        runner.run(lambda: None, kind="network")


class _Probe:
    """Records on which thread it is freed."""

    def __init__(self, freed: list[bool]) -> None:
        self.freed = freed

    def __del__(self) -> None:
        self.freed.append(threading.current_thread() is threading.main_thread())


def test_what_an_operation_holds_is_freed_on_the_gui_thread(qtbot, runner):
    freed: list[bool] = []
    errors = []

    def make(fail: bool):
        probe = _Probe(freed)

        def fn(p=probe):
            if fail:
                raise ValidationError("no", code="x")
            return None

        return fn

    runner.run(make(False), kind="read")
    runner.run(make(True), kind="write", on_error=errors.append)
    qtbot.waitUntil(lambda: runner.idle)
    errors.clear()  # the traceback held the failing function's frame
    qtbot.waitUntil(lambda: len(freed) == 2)
    assert freed == [True, True]


def test_the_counter_collects_garbage_on_the_gui_thread(qtbot, make_counter):
    import gc

    from shared.qt.gui_gc import GuiGarbageCollector

    make_counter()
    assert not gc.isenabled()
    collector = QCoreApplication.instance().findChild(QObject, "storedesk-gui-gc")
    assert isinstance(collector, GuiGarbageCollector)
    assert collector.collect() >= 0
