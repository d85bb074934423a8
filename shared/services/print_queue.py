"""The persistent print queue (SPEC §5).

A job is written in the same transaction as the document it prints, so a sale that committed
always has its receipt waiting, and a failed or missing printer never blocks or loses a sale.
Printing happens after the commit, off the counter's write path; a failure leaves the job
queued with its error so the cashier is told and can retry or reprint.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from shared.db.models import AuditEntry, PrintJob
from shared.db.uow import Database, Prepared, Writer
from shared.domain.errors import DomainError, NotFound
from shared.domain.ids import new_id
from shared.domain.permissions import Perm
from shared.printing.config import PrinterConfig
from shared.printing.document import Document, from_json, to_json
from shared.printing.escpos_render import render_escpos
from shared.printing.sinks import PrinterSink, PrinterUnavailable, open_sink
from shared.services.auth import Actor, require
from shared.services.context import TerminalContext

OPEN = ("queued", "failed")


_INSERT = Prepared(insert(PrintJob.__table__))


def enqueue(
    where: Session | Writer,
    *,
    at,
    doc: Document,
    kind: str,
    ref: str,
    reprint: bool = False,
    job_id: str | None = None,
) -> str:
    """Queue ``doc`` in the caller's transaction: ``where`` is its session, or its writer
    (``uow.writer()``: the sale's path). The row is written at once, with an INSERT."""
    row = {
        "id": job_id or str(new_id()),
        "document_kind": kind,
        "document_ref": ref,
        "payload": to_json(doc),
        "status": "queued",
        "reprint": reprint,
        "attempts": 0,
        "last_error": "",
        "created_at": at,
    }
    if isinstance(where, Writer):
        where.execute(_INSERT, row)
    else:
        where.execute(insert(PrintJob), [row])
    return row["id"]


@dataclass(frozen=True)
class JobView:
    id: str
    kind: str
    ref: str
    status: str
    attempts: int
    last_error: str
    reprint: bool


@dataclass(frozen=True)
class PrintOutcome:
    job_id: str
    ok: bool
    error: str = ""


def open_jobs(db: Database) -> list[JobView]:
    with db.reader() as uow:
        rows = uow.session.scalars(
            select(PrintJob).where(PrintJob.status.in_(OPEN)).order_by(PrintJob.created_at)
        ).all()
        return [
            JobView(
                j.id, j.document_kind, j.document_ref, j.status, j.attempts, j.last_error, j.reprint
            )
            for j in rows
        ]


def job_document(db: Database, job_id: str) -> Document:
    with db.reader() as uow:
        job = uow.session.get(PrintJob, job_id)
        if job is None:
            raise KeyError(job_id)
        return from_json(job.payload)


SinkFactory = Callable[[PrinterConfig], PrinterSink]


def print_job(
    db: Database, job_id: str, config: PrinterConfig, *, sink_factory: SinkFactory = open_sink
) -> PrintOutcome:
    """Render and send one job. The printer is called outside any database transaction."""
    doc = job_document(db, job_id)
    try:
        config.validate()
        data = render_escpos(doc, paper_mm=config.paper_mm, copies=config.copies)
        sink_factory(config).send(data)
    except (PrinterUnavailable, DomainError) as exc:
        return _failed(db, job_id, str(exc))
    except Exception as exc:  # a driver or rendering fault must not lose the job's state
        return _failed(db, job_id, f"{type(exc).__name__}: {exc}")
    _finish(db, job_id, ok=True)
    return PrintOutcome(job_id, True)


def _failed(db: Database, job_id: str, error: str) -> PrintOutcome:
    _finish(db, job_id, ok=False, error=error)
    return PrintOutcome(job_id, False, error)


def _finish(db: Database, job_id: str, *, ok: bool, error: str = "") -> None:
    with db.uow() as uow:
        job = uow.session.get(PrintJob, job_id)
        job.attempts += 1
        if ok:
            job.status = "printed"
            job.printed_at = uow.clock.now()
            job.last_error = ""
        else:
            job.status = "failed"
            job.last_error = error[:300]
        uow.commit()


def drain(
    db: Database, config: PrinterConfig, *, sink_factory: SinkFactory = open_sink
) -> list[PrintOutcome]:
    """Print every open job in order; stop at the first failure (the printer is down)."""
    out = []
    for job in open_jobs(db):
        result = print_job(db, job.id, config, sink_factory=sink_factory)
        out.append(result)
        if not result.ok:
            break
    return out


def reprint(db: Database, ctx: TerminalContext, actor: Actor, ref: str) -> str:
    """Queue a copy of the newest job for a receipt/refund number or shift, marked as a reprint.

    Only someone who may sell at this store reprints; every reprint is audited.
    """
    require(actor, Perm.SELL, ctx.store_id)
    with db.uow() as uow:
        job = uow.session.scalars(
            select(PrintJob)
            .where(PrintJob.document_ref == ref)
            .order_by(PrintJob.created_at.desc())
            .limit(1)
        ).first()
        if job is None:
            raise NotFound(f"nothing was printed for {ref} on this terminal", code="no_print_job")
        doc = from_json(job.payload)
        if hasattr(doc, "reprint"):
            doc = replace(doc, reprint=True)
        now = uow.clock.now()
        new_job = enqueue(
            uow.session, at=now, doc=doc, kind=job.document_kind, ref=ref, reprint=True
        )
        uow.session.add(
            AuditEntry(
                id=str(new_id()),
                at=now,
                store_id=ctx.store_id,
                actor_id=actor.staff_id,
                action="reprint",
                target=ref,
                detail={"kind": job.document_kind},
            )
        )
        uow.commit()
        return new_job
