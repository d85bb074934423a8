"""A printer that is off or unplugged never blocks or loses a sale (SPEC §5)."""

from __future__ import annotations

import socket
import threading

import pytest

from shared.domain.tenders import Tender
from shared.printing.config import PrinterConfig
from shared.services import print_queue, sales


def closed_port() -> int:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


class Listener:
    """A network printer on 127.0.0.1 that keeps what it receives."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(1)
        self.sock.settimeout(10)
        self.port = self.sock.getsockname()[1]
        self.data = b""
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        conn, _ = self.sock.accept()
        conn.settimeout(10)
        with conn:
            while chunk := conn.recv(65536):
                self.data += chunk

    def close(self) -> None:
        self.thread.join(10)
        self.sock.close()


def test_sale_commits_job_stays_queued_then_prints_when_the_printer_is_back(sqlite_counter):
    counter = sqlite_counter
    counter.open_shift()
    with counter.db.uow() as uow:
        sale = sales.complete_sale(
            uow, counter.ctx, counter.cashier, counter.cart("P000012"), [Tender("cash", 100_00)]
        )

    down = PrinterConfig(kind="network", host="127.0.0.1", port=closed_port())
    outcome = print_queue.print_job(counter.db, sale.print_job_id, down)
    assert not outcome.ok and outcome.error  # the cashier is told why
    jobs = print_queue.open_jobs(counter.db)
    assert [(j.ref, j.status, j.attempts) for j in jobs] == [(sale.receipt_no, "failed", 1)]
    with counter.db.reader() as uow:
        assert sales.find_sale(uow, counter.ctx, sale.receipt_no).total_fen == sale.total_fen

    printer = Listener()
    up = PrinterConfig(kind="network", host="127.0.0.1", port=printer.port)
    assert [o.ok for o in print_queue.drain(counter.db, up)] == [True]
    printer.close()
    assert sale.receipt_no.encode() in printer.data
    assert print_queue.open_jobs(counter.db) == []


def test_reprint_is_marked_as_a_reprint(sqlite_counter, tmp_path):
    counter = sqlite_counter
    counter.open_shift()
    with counter.db.uow() as uow:
        sale = sales.complete_sale(
            uow, counter.ctx, counter.cashier, counter.cart("P000012"), [Tender("cash", 100_00)]
        )
    out = tmp_path / "p.bin"
    cfg = PrinterConfig(kind="file", path=str(out))
    print_queue.drain(counter.db, cfg)
    first = out.read_bytes()
    job = print_queue.reprint(counter.db, counter.ctx, counter.cashier, sale.receipt_no)
    assert print_queue.job_document(counter.db, job).reprint
    print_queue.drain(counter.db, cfg)
    second = out.read_bytes()[len(first) :]
    assert "重打".encode("gb18030") in second and "重打".encode("gb18030") not in first


def test_reprint_needs_someone_who_sells_here_and_is_audited(sqlite_counter):
    from sqlalchemy import select

    from shared.db.models import AuditEntry
    from shared.domain.errors import PermissionDenied

    counter = sqlite_counter
    counter.open_shift()
    with counter.db.uow() as uow:
        sale = sales.complete_sale(
            uow, counter.ctx, counter.cashier, counter.cart("P000012"), [Tender("cash", 100_00)]
        )
    before = len(print_queue.open_jobs(counter.db))
    with pytest.raises(PermissionDenied):
        print_queue.reprint(counter.db, counter.ctx, counter.actor("verifier01"), sale.receipt_no)
    assert len(print_queue.open_jobs(counter.db)) == before
    print_queue.reprint(counter.db, counter.ctx, counter.cashier, sale.receipt_no)
    with counter.db.reader() as uow:
        audit = uow.session.execute(
            select(AuditEntry.target, AuditEntry.actor_id).where(AuditEntry.action == "reprint")
        ).all()
    assert [tuple(a) for a in audit] == [(sale.receipt_no, counter.cashier.staff_id)]
