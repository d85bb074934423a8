"""The one way the Qt layer goes off the GUI thread (ARCHITECTURE.md; Anki's ``CollectionOp``).

``runner.run(fn, on_done=..., on_error=..., kind=...)`` calls ``fn()`` on a worker thread and
hands its result (or the exception it raised) back to ``on_done`` / ``on_error`` on the GUI thread,
through a queued signal. ``fn`` must not touch a widget: it calls services and returns plain data.

Three executors:

- ``write``: ONE thread, so two writes to the terminal database never race and run in the order
  they were asked for;
- ``read``: a few threads, beside the writer (SQLite's WAL lets reads run during a write);
- ``device``: printers and payment providers, which may be slow, beside both.

Results of operations that share a ``lane`` are delivered in the order the operations were
started, whatever order they finish in: the counter's scans use one lane, so lines land in the
cart in scan order even when lookups overlap.
"""

from __future__ import annotations

import contextlib
import logging
import traceback
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)

KINDS = ("write", "read", "device")

DoneCallback = Callable[[Any], None]
ErrorCallback = Callable[[BaseException], None]


@dataclass
class Operation:
    """A handle on one started operation (for tests, and to tell results apart)."""

    id: int
    kind: str
    lane: str | None
    label: str
    done: bool = False
    result: Any = None
    error: BaseException | None = None
    _on_done: DoneCallback | None = field(default=None, repr=False)
    _on_error: ErrorCallback | None = field(default=None, repr=False)
    _owner: QObject | None = field(default=None, repr=False)


class _Signals(QObject):
    # an operation's id — emitted from a worker thread, received on the GUI thread, which then
    # takes the outcome from the runner's table
    finished = Signal(int)


class _Task(QRunnable):
    """Runs one operation's function on a pool thread.

    The task holds no reference of its own to the function (only the runner's table does,
    emptied on the GUI thread), and drops the one it borrows before signalling: so whatever the
    function's closure keeps alive (screens, dialogs) is never freed on a worker thread.
    """

    def __init__(
        self,
        op_id: int,
        table: dict[int, Callable[[], Any]],
        outcomes: dict[int, tuple[Any, BaseException | None]],
        signals: _Signals,
    ) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._op_id = op_id
        self._table = table
        self._outcomes = outcomes
        self._signals = signals

    def run(self) -> None:  # worker thread: no widget, no Qt object but the signal
        fn = self._table.get(self._op_id)
        result: Any = None
        error: BaseException | None = None
        try:
            if fn is None:
                raise RuntimeError("operation withdrawn")
            result = fn()
        except BaseException as exc:  # delivered to on_error on the GUI thread
            with contextlib.suppress(AttributeError, TypeError):
                exc.__traceback_text__ = traceback.format_exc()  # type: ignore[attr-defined]
            error = exc
        # hand the outcome over and keep no reference to it: the GUI thread frees it
        self._outcomes[self._op_id] = (result, error)
        del fn, result, error
        self._signals.finished.emit(self._op_id)


class OperationRunner(QObject):
    """Runs callables off the GUI thread and delivers their outcome on it."""

    # True while a write is queued or running (screens disable what must wait for it)
    busy_changed = Signal(bool)
    # any operation started or finished (status bars, tests)
    activity = Signal()

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        read_threads: int = 2,
        device_threads: int = 2,
        default_error: ErrorCallback | None = None,
    ) -> None:
        super().__init__(parent)
        self._pools: dict[str, QThreadPool] = {}
        for kind, threads in (("write", 1), ("read", read_threads), ("device", device_threads)):
            pool = QThreadPool(self)
            pool.setMaxThreadCount(max(1, threads))
            pool.setExpiryTimeout(-1)
            pool.setObjectName(f"storedesk-{kind}")
            self._pools[kind] = pool
        self._signals = _Signals(self)
        # Queued: the slot always runs on this object's (the GUI) thread.
        self._signals.finished.connect(self._finished, Qt.ConnectionType.QueuedConnection)
        self._ops: dict[int, Operation] = {}
        # the functions of running operations, by id (read by the workers, emptied here)
        self._fns: dict[int, Callable[[], Any]] = {}
        # what finished operations returned or raised, by id (written by the workers)
        self._outcomes: dict[int, tuple[Any, BaseException | None]] = {}
        self._lanes: dict[str, deque[int]] = {}
        self._next_id = 0
        self._writes = 0
        self._closed = False
        self.default_error = default_error

    # -- starting -----------------------------------------------------------------------------
    def run(
        self,
        fn: Callable[[], Any],
        *,
        on_done: DoneCallback | None = None,
        on_error: ErrorCallback | None = None,
        kind: str = "read",
        lane: str | None = None,
        owner: QObject | None = None,
        label: str = "",
    ) -> Operation:
        """Start ``fn`` on the ``kind`` executor. Callbacks run on the GUI thread.

        ``owner``: a widget the callbacks belong to; when it has been deleted by the time the
        result arrives, the callbacks are skipped. ``lane``: deliver in start order within it.
        """
        if kind not in KINDS:
            raise ValueError(f"kind must be one of {KINDS}, not {kind!r}")
        if self._closed:
            raise RuntimeError("the operation runner is shut down")
        self._next_id += 1
        op = Operation(
            self._next_id,
            kind,
            lane,
            label or getattr(fn, "__name__", "operation"),
            _on_done=on_done,
            _on_error=on_error,
            _owner=owner,
        )
        self._ops[op.id] = op
        if lane is not None:
            self._lanes.setdefault(lane, deque()).append(op.id)
        if kind == "write":
            self._writes += 1
            if self._writes == 1:
                self.busy_changed.emit(True)
        self._fns[op.id] = fn
        self._pools[kind].start(_Task(op.id, self._fns, self._outcomes, self._signals))
        self.activity.emit()
        return op

    # -- state ----------------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        """A write is queued or running."""
        return self._writes > 0

    def pending(self, kind: str | None = None) -> int:
        """Operations started and not yet delivered (of one kind, or all)."""
        return sum(1 for op in self._ops.values() if kind is None or op.kind == kind)

    @property
    def idle(self) -> bool:
        return not self._ops

    def shutdown(self, timeout_ms: int = 30_000) -> bool:
        """Refuse new work and wait for the running work to finish (at exit, before disposing the
        database). Results that arrive afterwards are dropped."""
        self._closed = True
        ok = True
        for pool in self._pools.values():
            ok = pool.waitForDone(timeout_ms) and ok
        return ok

    # -- delivering (GUI thread) ----------------------------------------------------------------
    @Slot(int)
    def _finished(self, op_id: int) -> None:
        self._fns.pop(op_id, None)
        result, error = self._outcomes.pop(op_id, (None, None))
        op = self._ops.get(op_id)
        if op is None:
            return
        op.done = True
        op.result = result
        op.error = error if isinstance(error, BaseException) else None
        if op.kind == "write":
            self._writes -= 1
            if self._writes == 0:
                self.busy_changed.emit(False)
        if op.lane is None:
            self._deliver(op)
        else:
            queue = self._lanes[op.lane]
            while queue and self._ops[queue[0]].done:
                self._deliver(self._ops[queue.popleft()])
            if not queue:
                del self._lanes[op.lane]
        self.activity.emit()

    def _deliver(self, op: Operation) -> None:
        self._ops.pop(op.id, None)
        if self._closed:
            return
        if op._owner is not None and not _alive(op._owner):
            return
        if op.error is not None:
            handler = op._on_error or self.default_error
            if handler is None:
                log.error(
                    "operation %s failed: %s\n%s",
                    op.label,
                    op.error,
                    getattr(op.error, "__traceback_text__", ""),
                )
                return
            handler(op.error)
        elif op._on_done is not None:
            op._on_done(op.result)


def _alive(obj: QObject) -> bool:
    try:
        from shiboken6 import isValid
    except ImportError:  # pragma: no cover - shiboken6 always ships with PySide6
        return True
    return isValid(obj)
