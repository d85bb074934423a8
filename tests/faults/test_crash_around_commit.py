"""A counter process killed around the sale's commit: all of the sale or none of it (SPEC §15)."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from shared.db.models import JournalEntry, PrintJob, ReceiptCounter, Sale, SaleLine
from shared.printing.config import PrinterConfig
from shared.services import journal, print_queue
from shared.services.demo import create_demo
from shared.services.runtime import open_database, open_terminal, resolve_paths
from shared.services.terminal_setup import register
from shared.sync.gateway import InProcessGateway

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def data_dir(tmp_path) -> Path:
    paths = resolve_paths(str(tmp_path), None)
    central = open_database(paths.central_url)
    create_demo(central, products=40)
    local = open_terminal(paths)
    register(
        local, InProcessGateway(central), store_code="S01", number=1, central_url=paths.central_url
    )
    local.dispose()
    central.dispose()
    return tmp_path


def run_and_kill(data_dir: Path, mode: str) -> subprocess.CompletedProcess:
    proc = subprocess.run(
        [sys.executable, "-m", "tests.faults.crash_sale", str(data_dir), mode],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == -signal.SIGKILL, proc.stderr
    return proc


def rows(data_dir: Path) -> dict[str, int]:
    db = open_terminal(resolve_paths(str(data_dir), None))
    try:
        with db.reader() as uow:
            s = uow.session
            out = {
                m.__tablename__: s.scalar(select(func.count()).select_from(m))
                for m in (Sale, SaleLine, JournalEntry, PrintJob)
            }
            out["receipt_seq"] = s.scalar(
                select(func.coalesce(func.max(ReceiptCounter.last_seq), 0))
            )
            return out
    finally:
        db.dispose()


def test_killed_before_the_commit_leaves_no_trace(data_dir):
    run_and_kill(data_dir, "before_commit")
    assert not (data_dir / "committed.txt").exists()
    assert rows(data_dir) == {
        "sale": 0,
        "sale_line": 0,
        "journal_entry": 0,
        "print_job": 0,
        "receipt_seq": 0,
    }


def test_killed_between_commit_and_print_keeps_the_sale_and_its_queued_receipt(data_dir, tmp_path):
    proc = run_and_kill(data_dir, "after_commit")
    receipt_no = proc.stdout.strip()
    assert receipt_no == (data_dir / "committed.txt").read_text()
    assert rows(data_dir) == {
        "sale": 1,
        "sale_line": 3,
        "journal_entry": 1,
        "print_job": 1,
        "receipt_seq": 1,
    }

    # restart: the receipt is still queued and prints now
    db = open_terminal(resolve_paths(str(data_dir), None))
    try:
        jobs = print_queue.open_jobs(db)
        assert [j.ref for j in jobs] == [receipt_no]
        out = tmp_path / "printer.bin"
        outcomes = print_queue.drain(db, PrinterConfig(kind="file", path=str(out)))
        assert [o.ok for o in outcomes] == [True]
        assert receipt_no.encode() in out.read_bytes()
        assert print_queue.open_jobs(db) == []
        with db.reader() as uow:
            assert journal.verify(uow).ok
    finally:
        db.dispose()


def test_a_second_sale_after_a_crash_reuses_no_number(data_dir):
    run_and_kill(data_dir, "before_commit")
    run_and_kill(data_dir, "after_commit")
    first = (data_dir / "committed.txt").read_text()
    assert first.endswith("-0001")  # the killed-before-commit sale took no number
    run_and_kill(data_dir, "after_commit")
    assert (data_dir / "committed.txt").read_text().endswith("-0002")
