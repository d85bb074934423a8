"""Terminal side of push: pending outbox messages go up in ``seq`` order, in batches.

The answers of a batch are recorded in ONE local transaction: accepted messages become ``sent``
with the central result; a message the central side refused as such (its id reused with another
payload) becomes ``rejected``; a message to retry stays ``pending`` with its error, and the push
stops there so that nothing overtakes it. A transport failure leaves the whole batch pending
(attempts + 1, last error): the central side may have committed some of it, and the next push
gets those stored results back from its inbox.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select, update

from shared.db.models import Outbox
from shared.db.uow import Database
from shared.domain.errors import DomainError
from shared.sync import state
from shared.sync.outbox import pending_count

BATCH = 100


@dataclass
class PushReport:
    pushed: int = 0
    rejected: int = 0
    replayed: int = 0
    pending: int = 0
    exceptions: list[str] = field(default_factory=list)
    error: str = ""


def _wire(row: Outbox) -> dict:
    return {
        "msg_id": row.msg_id,
        "kind": row.kind,
        "payload_version": row.payload_version,
        "payload": row.payload,
        "created_at": row.created_at.isoformat(),
    }


def push_pending(
    local: Database, gateway, *, batch: int = BATCH, max_batches: int | None = None
) -> PushReport:
    report = PushReport()
    batches = 0
    with local.reader() as uow:
        terminal_id = state.terminal_id(uow.session)
    after = 0
    while max_batches is None or batches < max_batches:
        with local.reader() as uow:
            rows = uow.session.scalars(
                select(Outbox)
                .where(Outbox.status == "pending", Outbox.seq > after)
                .order_by(Outbox.seq)
                .limit(batch)
            ).all()
            messages = [_wire(r) for r in rows]
            last_seq = rows[-1].seq if rows else after
        if not messages:
            break
        batches += 1
        try:
            answer = gateway.push(terminal_id, messages)
        except DomainError as exc:  # unreachable, or refused as a whole (unknown terminal ...)
            _record_failure(local, [m["msg_id"] for m in messages], str(exc))
            raise
        stop = _record_answers(local, answer["results"], report)
        after = last_seq
        if stop or len(answer["results"]) < len(messages):
            break
    with local.reader() as uow:
        report.pending = pending_count(uow.session)
    return report


def _record_failure(local: Database, msg_ids: list[str], error: str) -> None:
    with local.uow() as uow:
        uow.session.execute(
            update(Outbox)
            .where(Outbox.msg_id.in_(msg_ids), Outbox.status == "pending")
            .values(attempts=Outbox.attempts + 1, last_error=error[:300])
        )
        uow.commit()


def _record_answers(local: Database, results: list[dict], report: PushReport) -> bool:
    stop = False
    with local.uow() as uow:
        s = uow.session
        now = uow.clock.now()
        for res in results:
            status = res.get("status")
            where = (Outbox.msg_id == res["msg_id"], Outbox.status == "pending")
            if status == "accepted":
                s.execute(
                    update(Outbox)
                    .where(*where)
                    .values(
                        status="sent",
                        sent_at=now,
                        result=res,
                        attempts=Outbox.attempts + 1,
                        last_error="",
                    )
                )
                report.pushed += 1
                report.replayed += bool(res.get("replayed"))
                report.exceptions += res.get("exceptions", [])
            elif status == "error":
                s.execute(
                    update(Outbox)
                    .where(*where)
                    .values(
                        status="rejected",
                        result=res,
                        attempts=Outbox.attempts + 1,
                        last_error=str(res.get("error", ""))[:300],
                    )
                )
                report.rejected += 1
            else:  # retry: keep it pending and stop, so nothing overtakes it
                s.execute(
                    update(Outbox)
                    .where(*where)
                    .values(
                        attempts=Outbox.attempts + 1,
                        last_error=str(res.get("error", ""))[:300],
                    )
                )
                report.error = str(res.get("error", ""))
                stop = True
        state.get(s).last_push_at = now
        uow.commit()
    return stop
