"""A crash while applying a pull never leaves a half-applied catalog: a batch and its cursor
commit together, or neither does."""

from __future__ import annotations

import signal
import subprocess
import sys

import pytest
from sqlalchemy import select

from shared.db.models import Barcode, Sku, SyncState
from shared.services import sync_status
from shared.sync import changelog
from shared.sync.gateway import InProcessGateway
from shared.sync.protocol import HEAD_OFFICE
from tests.faults.sync_support import ROOT, make_site, open_local

CHANGED = 30


@pytest.fixture
def site(tmp_path, url_factory):
    url = url_factory()
    data = tmp_path / "counter"
    central = make_site(data, url)
    # head office reprices 30 SKUs and withdraws a barcode, in one transaction
    with central.uow() as uow:
        changelog.capture(uow.session, uow.clock)
        skus = uow.session.scalars(select(Sku).order_by(Sku.code).limit(CHANGED)).all()
        for sku in skus:
            sku.price_fen = 77_700
        uow.session.flush()
        uow.session.delete(uow.session.scalars(select(Barcode).order_by(Barcode.code)).first())
        uow.commit()
    yield central, data, url
    central.dispose()


def terminal_view(data) -> tuple[int, int, int]:
    """(SKUs at the new price, barcodes, cursor) on the terminal."""
    db = open_local(data)
    try:
        with db.reader() as uow:
            s = uow.session
            repriced = len(s.scalars(select(Sku.id).where(Sku.price_fen == 77_700)).all())
            barcodes = len(s.scalars(select(Barcode.code)).all())
            cursor = s.get(SyncState, HEAD_OFFICE).cursor
        return repriced, barcodes, cursor
    finally:
        db.dispose()


def crash_pull(data, url, limit: int, die_after: int) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "tests.faults.sync_pull_crash", str(data), url]
        + [str(limit), str(die_after)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == -signal.SIGKILL, proc.stderr


def test_a_crash_inside_the_batch_leaves_the_catalog_and_cursor_as_they_were(site):
    central, data, url = site
    before = terminal_view(data)
    assert before[0] == 0
    crash_pull(data, url, limit=1000, die_after=CHANGED // 2)  # one batch, killed half-way
    assert terminal_view(data) == before  # no price changed, barcode kept, cursor unchanged

    terminal = open_local(data)
    try:
        report = sync_status.run_once(terminal, InProcessGateway(central))
        assert report.pulled == CHANGED + 1
    finally:
        terminal.dispose()
    repriced, barcodes, cursor = terminal_view(data)
    assert (repriced, barcodes) == (CHANGED, before[1] - 1)
    with central.reader() as uow:
        assert cursor == changelog.head(uow.session)


def test_a_crash_between_batches_keeps_each_batch_with_its_cursor(site):
    central, data, url = site
    before = terminal_view(data)
    crash_pull(data, url, limit=10, die_after=25)  # batches of 10: dies inside the third
    repriced, barcodes, cursor = terminal_view(data)
    assert repriced == 20 and barcodes == before[1]  # two whole batches, nothing of the third
    assert cursor > before[2]
    with central.reader() as uow:
        applied = changelog.changes_after(uow.session, HEAD_OFFICE, before[2], 20)
    assert cursor == applied["cursor"]  # the cursor is exactly at the end of batch two
