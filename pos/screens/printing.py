"""Printing after the commit: jobs go to the printer one at a time as ``device`` operations.

The sale (or refund, or shift close) has already committed its print job with it; this only
sends jobs. A failure leaves the job in the persistent queue and raises the banner; "retry"
drains the queue in order. Nothing here can affect a sale.
"""

from __future__ import annotations

from collections import deque

from PySide6.QtCore import QObject, Signal

from pos.backend import CounterBackend
from shared.printing.config import PrinterConfig
from shared.qt.errors import describe
from shared.qt.operations import OperationRunner
from shared.services.print_queue import PrintOutcome


class PrintController(QObject):
    # printing started/finished/failed, or the queue's size changed
    state_changed = Signal()

    def __init__(
        self,
        runner: OperationRunner,
        backend: CounterBackend,
        config: PrinterConfig,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.runner = runner
        self.backend = backend
        self.config = config
        self._queue: deque[str] = deque()
        self._draining = False
        self.printing = False
        self.failed = False
        self.last_error = ""
        self.open_count = 0
        self.printed: list[str] = []

    # -- asking -------------------------------------------------------------------------------
    def print_job(self, job_id: str) -> None:
        """Send one job (just committed) to the printer, after those already waiting."""
        self._queue.append(job_id)
        self._pump()

    def retry(self) -> None:
        """Send every job still in the queue, oldest first; stop at the first failure."""
        if self.printing:
            self._draining = True
            return
        self.printing = True
        self._queue.clear()  # the drain sends everything committed so far, in order
        self.state_changed.emit()
        backend, config = self.backend, self.config
        self.runner.run(
            lambda: backend.drain(config),
            kind="device",
            on_done=self._drained,
            on_error=self._failed,
            label="print drain",
        )

    def set_config(self, config: PrinterConfig) -> None:
        self.config = config
        self.refresh()

    def refresh(self) -> None:
        self.runner.run(
            self.backend.open_jobs,
            kind="read",
            on_done=self._counted,
            on_error=lambda _e: None,
            label="open print jobs",
        )

    # -- doing --------------------------------------------------------------------------------
    def _pump(self) -> None:
        while self._queue and self._queue[0] in self.printed:
            self._queue.popleft()  # a drain already printed it
        if self.printing or not self._queue:
            return
        job_id = self._queue.popleft()
        self.printing = True
        self.state_changed.emit()
        backend, config = self.backend, self.config
        self.runner.run(
            lambda: backend.print_job(job_id, config),
            kind="device",
            on_done=self._printed,
            on_error=self._failed,
            label="print job",
        )

    def _printed(self, outcome: PrintOutcome) -> None:
        self.printing = False
        if outcome.ok:
            self.printed.append(outcome.job_id)
            self.failed = False
            self.last_error = ""
        else:
            self.failed = True
            self.last_error = outcome.error
        self._after()

    def _drained(self, outcomes: list[PrintOutcome]) -> None:
        self.printing = False
        bad = [o for o in outcomes if not o.ok]
        self.printed.extend(o.job_id for o in outcomes if o.ok)
        self.failed = bool(bad)
        self.last_error = bad[0].error if bad else ""
        self._after()

    def _failed(self, exc: BaseException) -> None:
        self.printing = False
        self.failed = True
        self.last_error = describe(exc)
        self._after()

    def _after(self) -> None:
        self.state_changed.emit()
        self.refresh()
        if self._draining:
            self._draining = False
            self.retry()
        else:
            self._pump()

    def _counted(self, jobs: list) -> None:
        self.open_count = len(jobs)
        if self.open_count == 0 and not self._queue:
            self.failed = False
            self.last_error = ""
        self.state_changed.emit()
