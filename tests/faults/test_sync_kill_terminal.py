"""kill -9 of a selling, syncing terminal at random points in 200 sales: after a restart and a
sync, every sale whose commit returned is on the central side, none half, none twice."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time

from sqlalchemy import func, select

from shared.db.models import Outbox, Sale
from shared.services import sync_status
from shared.sync.gateway import InProcessGateway
from tests.faults.sync_support import ROOT, counts, half_sales, make_site, open_local, receipts

TARGET = 200
SEED = 20261122


def test_kill_9_at_random_points_in_200_sales(tmp_path, url_factory):
    central_url = url_factory()
    data = tmp_path / "counter"
    central = make_site(data, central_url)
    rng = random.Random(SEED)
    log = data / "committed.log"
    kills = runs = 0
    started = time.monotonic()
    while True:
        runs += 1
        sold_before = len(log.read_text().split()) if log.exists() else 0
        more = rng.randint(5, 40)  # let it sell this many more, then kill it a moment later
        proc = subprocess.Popen(
            [sys.executable, "-m", "tests.faults.sync_seller", str(data), central_url]
            + [str(TARGET), str(SEED)],
            cwd=ROOT,
            stderr=subprocess.PIPE,
        )
        try:
            while proc.poll() is None:
                sold = len(log.read_text().split()) if log.exists() else 0
                if sold >= sold_before + more:
                    time.sleep(rng.uniform(0, 0.05))
                    proc.send_signal(signal.SIGKILL)
                    proc.wait()
                    kills += 1
                    break
                time.sleep(0.002)
            else:
                assert proc.returncode == 0, proc.stderr.read().decode()
                break
        finally:
            proc.stderr.close()
        assert time.monotonic() - started < 120, "the seller makes no progress"
    assert kills >= 4, f"only {kills} kills in {runs} runs: the test did not exercise much"

    committed = log.read_text().split()
    assert len(committed) == TARGET and len(set(committed)) == TARGET
    local = open_local(data)
    try:
        report = sync_status.run_once(local, InProcessGateway(central))
        assert report.pending == 0 and report.rejected == 0
        with local.reader() as uow:
            local_sales = set(uow.session.scalars(select(Sale.receipt_no)))
            assert uow.session.scalar(select(func.count()).where(Outbox.status != "sent")) == 0
    finally:
        local.dispose()
    on_central = receipts(central)
    assert len(on_central) == len(set(on_central))  # none twice
    assert set(committed) <= set(on_central)  # every sale whose commit returned arrived
    assert set(on_central) == local_sales  # and nothing the terminal did not commit
    assert half_sales(central) == []  # none half
    assert counts(central)["inbox"] == counts(central)["sale"] + counts(central)["shift"]
    central.dispose()
