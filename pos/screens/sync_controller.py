"""Sync in the background: push/pull rounds with the central database, never on the GUI thread.

A round is ``SyncLoop.step()`` run as a ``device`` operation (beside the writes, never queued
behind them); the gateway is made on the worker on the first round (opening a central engine may
block). A round that reached the central side ends with ``central_holds.sweep``: coupons and
member payments held for sales that never committed are given back. A single-shot timer starts
the next round after the delay the loop returns: the interval while the central side answers, a
growing backoff while it does not. Only one round runs at a time; a committed document (sale,
refund, shift opened or closed, cash in/out) asks for a round shortly afterwards, debounced, and
"sync now" asks for one at once.

The controller keeps the state the indicator shows (``status``, ``online``, ``error``) and says
when it changed; ``pos.counter.Counter`` draws it in the status bar.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, QTimer, Signal

from shared.db.uow import Database
from shared.qt.errors import describe
from shared.qt.operations import OperationRunner
from shared.services import central_holds, sync_status
from shared.services.sync_status import Backoff, SyncLoop, SyncReport, SyncStatus
from shared.sync.gateway import CentralGateway

log = logging.getLogger(__name__)

GatewayFactory = Callable[[], CentralGateway]


@dataclass(frozen=True)
class SyncOptions:
    """How the counter syncs. ``gateway_factory``: makes the gateway (called on a worker, again
    after it failed); default: the central database at ``central_url`` or, without one, the one
    this terminal registered with."""

    gateway_factory: GatewayFactory | None = None
    central_url: str | None = None
    #: seconds between rounds while the central side answers
    interval_s: float = 30.0
    #: the first round, after the counter starts
    first_round_ms: int = 1000
    #: a round this long after a committed document (later documents push it no further)
    kick_ms: int = 1500
    #: "syncing…" shows once a round has run this long (or at once after "sync now")
    slow_ms: int = 800
    #: backoff while the central side does not answer: 2, 4, 8 ... up to this many seconds
    backoff_cap_s: float = 300.0


@dataclass(frozen=True)
class RoundOutcome:
    """What one round gives back to the GUI thread (plain data)."""

    status: SyncStatus
    report: SyncReport | None
    error: BaseException | None
    next_delay_s: float


class _Rounds:
    """The worker side: holds the gateway and the loop; plain Python, no Qt.

    ``round()`` runs on a pool thread; the controller never starts a second one before the first
    is delivered, and the lock keeps ``close()`` from disposing the gateway under a round.
    """

    def __init__(self, db: Database, options: SyncOptions) -> None:
        self.db = db
        self.options = options
        self.backoff = Backoff(cap=options.backoff_cap_s)
        self._factory = options.gateway_factory or self._registered_central
        self._loop: SyncLoop | None = None
        self._lock = threading.Lock()
        self._closed = False

    def _registered_central(self) -> CentralGateway:
        return sync_status.gateway_for(self.db, self.options.central_url)

    def round(self) -> RoundOutcome:
        with self._lock:
            if self._closed:
                raise RuntimeError("sync is stopped")
            if self._loop is None:
                try:
                    gateway = self._factory()
                except Exception as exc:  # unreachable, not registered: try again later
                    delay = self.backoff.failure()
                    return RoundOutcome(sync_status.status(self.db), None, exc, delay)
                self._loop = SyncLoop(
                    self.db, gateway, interval=self.options.interval_s, backoff=self.backoff
                )
            step = self._loop.step()
            if step.error is None:
                self._sweep(self._loop.gateway)
            return RoundOutcome(
                sync_status.status(self.db), step.report, step.error, step.next_delay
            )

    def _sweep(self, gateway: CentralGateway) -> None:
        """After a round that reached the central side: give back the coupons and member
        payments held for sales that never committed (abandoned, crashed; SPEC §6)."""
        try:
            released = central_holds.sweep(self.db, gateway)
        except Exception as exc:  # a sweep that fails is tried again after the next round
            log.warning("releasing abandoned holds failed: %s", exc)
            return
        if released:
            log.info("released %d coupon/member holds of abandoned sales", released)

    def close(self, timeout_s: float = 5.0) -> None:
        if not self._lock.acquire(timeout=timeout_s):
            log.warning("a sync round is still running: its gateway is left open")
            return
        try:
            self._closed = True
            gateway = self._loop.gateway if self._loop is not None else None
            self._loop = None
            close = getattr(gateway, "close", None)
            if callable(close):
                close()
        finally:
            self._lock.release()


class SyncController(QObject):
    # status read, round started or finished
    state_changed = Signal()
    # a round asked for with "sync now" finished (its RoundOutcome)
    manual_finished = Signal(object)

    def __init__(
        self,
        runner: OperationRunner,
        db: Database,
        options: SyncOptions | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.runner = runner
        self.db = db
        self.options = options or SyncOptions()
        self._rounds = _Rounds(db, self.options)
        #: the last status read (None until the first read arrives)
        self.status: SyncStatus | None = None
        #: the last round's failure; None after a round that reached the central side
        self.error: BaseException | None = None
        self.report: SyncReport | None = None
        #: a round is on a worker now
        self.running = False
        #: the running round has taken long, or was asked for: say "syncing…"
        self.show_running = False
        #: rounds finished (tests)
        self.rounds = 0
        self._stopped = True
        self._again = False
        self._manual = False
        self._manual_waiting = False
        self._error_text = ""
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._start_round)
        self._slow = QTimer(self)
        self._slow.setSingleShot(True)
        self._slow.timeout.connect(self._slow_round)

    # -- what the indicator shows -----------------------------------------------------------------
    @property
    def online(self) -> bool | None:
        """True: the last round reached the central side; False: it did not; None: none yet."""
        if self.error is not None:
            return False
        return self.status.online if self.status is not None else None

    @property
    def last_error(self) -> str:
        """The last round's failure in the interface language, else what the database says."""
        if self.error is not None:
            return self._error_text
        return self.status.last_error if self.status is not None else ""

    @property
    def next_round_in_ms(self) -> int | None:
        """When the next round starts (None: none scheduled, or one is running)."""
        return self._timer.remainingTime() if self._timer.isActive() else None

    # -- life -------------------------------------------------------------------------------------
    def start(self) -> None:
        self._stopped = False
        self.refresh()
        self._timer.start(max(0, self.options.first_round_ms))

    def stop(self) -> None:
        """No more rounds (a running one finishes on its worker)."""
        self._stopped = True
        self._timer.stop()
        self._slow.stop()

    def close(self) -> None:
        """Release the gateway: after the runner has shut down (no round left on a worker)."""
        self.stop()
        self._rounds.close()

    # -- asking -----------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Read the status again (a cheap local read; the pending count after a document)."""
        if self._stopped:
            return
        db = self.db
        self._run(
            lambda: sync_status.status(db),
            kind="read",
            on_done=self._status_read,
            on_error=lambda exc: log.warning("sync status unreadable: %s", exc),
            label="sync status",
        )

    def kick(self, *_args) -> None:
        """A document was committed: show it waiting, and sync it shortly (debounced)."""
        if self._stopped:
            return
        self.refresh()
        if self.running:
            self._again = True  # the round on the worker may have pushed before the commit
            return
        self._schedule(self.options.kick_ms)

    def sync_now(self) -> None:
        """A round at once (or right after the one running), with a word when it is done."""
        if self._stopped:
            return
        self._manual_waiting = True
        self.show_running = True
        self.state_changed.emit()
        if self.running:
            self._again = True
            return
        self._timer.start(0)

    # -- rounds -----------------------------------------------------------------------------------
    def _schedule(self, ms: int) -> None:
        """Start a round within ``ms`` (an earlier one already scheduled stays)."""
        if self._stopped:
            return
        if self._timer.isActive() and self._timer.remainingTime() <= ms:
            return
        self._timer.start(max(0, ms))

    def _start_round(self) -> None:
        if self._stopped or self.running:
            return
        self.running = True
        self._again = False
        self._manual, self._manual_waiting = self._manual_waiting, False
        self.show_running = self._manual
        if not self._run(
            self._rounds.round,
            kind="device",
            on_done=self._round_done,
            on_error=self._round_broke,
            label="sync round",
        ):
            self.running = False
            return
        self._slow.start(max(0, self.options.slow_ms))
        self.state_changed.emit()

    def _slow_round(self) -> None:
        if self.running and not self.show_running:
            self.show_running = True
            self.state_changed.emit()

    def _round_done(self, outcome: RoundOutcome) -> None:
        self.status = outcome.status
        self._set_error(outcome.error)
        self.report = outcome.report
        if outcome.error is not None:
            log.info("sync round failed: %s", outcome.error)
        self._finished(int(outcome.next_delay_s * 1000), outcome)

    def _round_broke(self, exc: BaseException) -> None:
        """The round itself raised (the local database, not the network): try again later."""
        log.warning("sync round broke: %s", exc)
        self._set_error(exc)
        delay = self._rounds.backoff.failure()
        self._finished(int(delay * 1000), RoundOutcome(self.status, None, exc, delay))  # type: ignore[arg-type]

    def _finished(self, delay_ms: int, outcome: RoundOutcome) -> None:
        self.running = False
        self.show_running = False
        self._slow.stop()
        self.rounds += 1
        manual, self._manual = self._manual, False
        if self._manual_waiting:  # "sync now" while this round ran: one more at once
            delay_ms = 0
        elif self._again:
            delay_ms = min(delay_ms, self.options.kick_ms)
        self._again = False
        if not self._stopped:
            self._timer.start(max(0, delay_ms))
        self.state_changed.emit()
        if manual:
            self.manual_finished.emit(outcome)

    def _set_error(self, exc: BaseException | None) -> None:
        self.error = exc
        self._error_text = describe(exc) if exc is not None else ""

    def _status_read(self, status: SyncStatus) -> None:
        self.status = status
        self.state_changed.emit()

    def _run(self, fn, **kwargs) -> bool:
        try:
            self.runner.run(fn, owner=self, **kwargs)
        except RuntimeError:  # the runner is shut down: the counter is closing
            return False
        return True
