"""One sync round and the loop around it, in plain Python (the Qt layer schedules it).

``run_once``: hello (version handshake, server time -> clock offset) -> re-seed receipt counters
from the central high-water mark -> push the outbox -> pull head-office changes. It never
touches a sale in progress: each step is its own short local transaction.

``SyncLoop``: runs ``run_once`` every ``interval`` seconds while the central side answers, and
backs off exponentially (with a cap and jitter) while it does not.
"""

from __future__ import annotations

import random
import threading
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import datetime

from sqlalchemy import func, select

from shared.db.models import Outbox
from shared.db.uow import Database
from shared.domain.errors import DomainError
from shared.sync import highwater, state
from shared.sync.errors import CentralUnreachable, SyncRefused
from shared.sync.protocol import CLIENT_VERSION, CLOCK_WARNING_S, HEAD_OFFICE, PAYLOAD_VERSION
from shared.sync.pull import pull_stream
from shared.sync.push import push_pending


@dataclass
class SyncReport:
    pushed: int = 0
    pulled: int = 0
    pending: int = 0
    rejected: int = 0
    replayed: int = 0
    last_sync: str | None = None
    clock_offset_s: float | None = None
    clock_warning: bool = False
    receipt_counters_raised: int = 0
    exceptions: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        return asdict(self)


def _record_unreachable(local: Database, error: str) -> None:
    with local.uow() as uow:
        st = state.get(uow.session)
        st.last_attempt_at = uow.clock.now()
        st.last_error = error[:300]
        uow.commit()


def run_once(
    local: Database,
    gateway,
    *,
    push_batch: int = 100,
    pull_limit: int = 500,
    client_version: int = CLIENT_VERSION,
) -> SyncReport:
    """One round. Raises ``CentralUnreachable`` when the central side cannot be reached (the
    attempt is recorded for ``sync_status``); everything else is in the report."""
    report = SyncReport()
    with local.reader() as uow:
        terminal_id = state.terminal_id(uow.session)
    try:
        t0 = local.clock.now()
        hello = gateway.hello(terminal_id, client_version)
        t1 = local.clock.now()
        server = datetime.fromisoformat(hello["server_time"])
        offset_s = (server - (t0 + (t1 - t0) / 2)).total_seconds()
        report.clock_offset_s = round(offset_s, 3)
        report.clock_warning = abs(offset_s) > CLOCK_WARNING_S
        if report.clock_warning:
            report.warnings.append(
                f"this terminal's clock is {abs(offset_s) / 60:.0f} minutes "
                f"{'behind' if offset_s > 0 else 'ahead of'} the server: set the time "
                "(selling goes on; the server stamps what it receives)"
            )
        with local.uow() as uow:
            st = state.get(uow.session)
            st.clock_offset_ms = int(round(offset_s * 1000))
            st.min_pull_version = int(hello.get("min_pull_version") or 0) or None
            st.last_contact_at = t1
            since = highwater.since(uow.session, terminal_id, t1.date())
            uow.commit()

        marks = gateway.high_water(terminal_id, since)
        with local.uow() as uow:
            seeded = highwater.apply_high_water(uow.session, terminal_id, marks)
            uow.commit()
        report.receipt_counters_raised = seeded["raised"]
        if seeded["journal_behind"]:
            report.warnings.append(
                "the central database holds journal entries of this terminal that this file "
                "does not: it was restored from an older copy (receipt numbers were re-seeded)"
            )

        refusal = ""
        low, high = hello.get("push_versions", [1, PAYLOAD_VERSION])
        if low <= PAYLOAD_VERSION <= high:
            pushed = push_pending(local, gateway, batch=push_batch)
            report.pushed, report.rejected = pushed.pushed, pushed.rejected
            report.replayed, report.exceptions = pushed.replayed, pushed.exceptions
            if pushed.error:
                report.warnings.append(f"a message is waiting to be retried: {pushed.error}")
        else:
            refusal = (
                f"the central database accepts payload versions {low}..{high}, this terminal "
                f"writes {PAYLOAD_VERSION}: its documents wait here until the server is upgraded"
            )
            report.warnings.append(refusal)

        try:
            pulled = pull_stream(
                local, gateway, HEAD_OFFICE, limit=pull_limit, client_version=client_version
            )
            report.pulled = pulled.applied
        except SyncRefused as exc:
            refusal = str(exc)
            report.warnings.append(refusal)
    except CentralUnreachable as exc:
        _record_unreachable(local, str(exc))
        raise
    except DomainError as exc:  # refused as a whole (e.g. terminal unknown to this central)
        _record_unreachable(local, str(exc))
        raise

    with local.uow() as uow:
        st = state.get(uow.session)
        now = uow.clock.now()
        st.last_attempt_at = st.last_contact_at = now
        st.last_error = refusal[:300]
        if not refusal:
            st.last_pull_at = now
        report.last_sync = st.last_pull_at.isoformat() if st.last_pull_at else None
        counts = dict(
            uow.session.execute(select(Outbox.status, func.count()).group_by(Outbox.status)).all()
        )
        report.pending = int(counts.get("pending", 0))
        report.rejected = int(counts.get("rejected", 0))
        uow.commit()
    return report


class Backoff:
    """Exponential backoff with a cap and jitter: 2, 4, 8 ... up to ``cap`` seconds, +/- 20 %."""

    def __init__(
        self,
        base: float = 2.0,
        cap: float = 300.0,
        jitter: float = 0.2,
        rng: random.Random | None = None,
    ) -> None:
        self.base, self.cap, self.jitter = base, cap, jitter
        self.failures = 0
        self._rng = rng or random.Random()

    def reset(self) -> None:
        self.failures = 0

    def failure(self) -> float:
        self.failures += 1
        return self.delay()

    def delay(self) -> float:
        if self.failures == 0:
            return 0.0
        raw = min(self.cap, self.base * 2 ** (self.failures - 1))
        return max(0.0, raw * (1 + self.jitter * (2 * self._rng.random() - 1)))


@dataclass(frozen=True)
class Step:
    report: SyncReport | None
    error: Exception | None
    next_delay: float


class SyncLoop:
    """Run sync rounds: every ``interval`` seconds when all is well, backing off on failure.

    ``step()`` runs one round and says when to run the next (for a Qt timer); ``run(stop)``
    loops on the calling thread until ``stop`` is set (for ``storedesk sync`` or a worker).
    """

    def __init__(
        self,
        local: Database,
        gateway,
        *,
        interval: float = 30.0,
        backoff: Backoff | None = None,
        on_step: Callable[[Step], None] | None = None,
    ) -> None:
        self.local, self.gateway = local, gateway
        self.interval = interval
        self.backoff = backoff or Backoff()
        self.on_step = on_step

    def step(self) -> Step:
        try:
            report = run_once(self.local, self.gateway)
        except Exception as exc:  # never let one failed round end the loop
            step = Step(None, exc, self.backoff.failure())
        else:
            self.backoff.reset()
            step = Step(report, None, self.interval)
        if self.on_step:
            self.on_step(step)
        return step

    def run(self, stop: threading.Event | None = None, *, max_steps: int | None = None) -> int:
        stop = stop or threading.Event()
        steps = 0
        while not stop.is_set() and (max_steps is None or steps < max_steps):
            step = self.step()
            steps += 1
            if max_steps is not None and steps >= max_steps:
                break
            stop.wait(step.next_delay)
        return steps
