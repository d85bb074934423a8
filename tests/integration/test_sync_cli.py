"""``storedesk sync`` and two counters side by side on one central database (real processes)."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time

import pytest

from shared.services.runtime import open_database, resolve_paths
from tests.faults.sync_support import ROOT, counts, receipts

OFFLINE = "postgresql+psycopg://pos:pos@127.0.0.1:1/nowhere"


def storedesk(data_dir, *args, central=None, check=True):
    cmd = [sys.executable, "-m", "launcher.main", "--data-dir", str(data_dir)]
    if central:
        cmd += ["--central", central]
    proc = subprocess.run(
        [*cmd, "--json", *args], cwd=ROOT, capture_output=True, text=True, timeout=180
    )
    if check:
        assert proc.returncode == 0, proc.stderr
    return proc


@pytest.fixture
def two_counters(tmp_path, backend, request):
    central = None
    if backend == "postgresql":
        central = request.getfixturevalue("pg_url_factory")()
    a, b = tmp_path / "A", tmp_path / "B"
    data = json.loads(
        storedesk(
            a, "demo", "--products", "30", "--second-terminal", str(b), central=central
        ).stdout
    )
    assert data["terminal"] == {"store": "S01", "number": 1}
    assert data["second_terminal"] == {"data_dir": str(b), "store": "S02", "number": 2}
    return a, b, central or resolve_paths(str(a), None).central_url


def test_two_counters_sell_and_sync_to_one_central_database(two_counters):
    a, b, central_url = two_counters
    sold_a = json.loads(storedesk(a, "sale", "--item", "P000012").stdout)
    sold_b = json.loads(storedesk(b, "sale", "--item", "P000013", "--cashier", "cashier03").stdout)
    # B syncs to the central database it registered with; no --central needed
    out_a = json.loads(storedesk(a, "sync", "--once").stdout)
    out_b = json.loads(storedesk(b, "sync", "--once").stdout)
    for out in (out_a, out_b):
        assert {"pushed", "pulled", "pending", "last_sync"} <= set(out)
        assert (out["pushed"], out["pending"]) == (2, 0) and out["last_sync"]
    again = json.loads(storedesk(a, "sync", "--once").stdout)
    assert (again["pushed"], again["pending"]) == (0, 0)

    central = open_database(central_url)
    try:
        assert receipts(central) == sorted([sold_a["receipt_no"], sold_b["receipt_no"]])
        assert counts(central)["shift"] == 2
    finally:
        central.dispose()


def test_sync_offline_fails_with_what_is_waiting_and_selling_goes_on(two_counters):
    a, _, _ = two_counters
    storedesk(a, "sale", "--item", "P000012")
    proc = storedesk(a, "sync", "--once", central=OFFLINE, check=False)
    assert proc.returncode == 1
    assert "unreachable" in proc.stderr.strip().splitlines()[-1]
    out = json.loads(proc.stdout)
    assert out["ok"] is False and out["code"] == "central_unreachable" and out["pending"] == 2
    storedesk(a, "sale", "--item", "P000013")
    assert json.loads(storedesk(a, "sync", "--once").stdout)["pushed"] == 3


def test_sync_loop_runs_until_interrupted(two_counters):
    a, _, _ = two_counters
    storedesk(a, "sale", "--item", "P000012")
    proc = subprocess.Popen(
        [sys.executable, "-m", "launcher.main", "--data-dir", str(a), "--json", "sync"]
        + ["--interval", "0.2"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        first = json.loads(proc.stdout.readline())
        second = json.loads(proc.stdout.readline())
        assert (first["pushed"], second["pushed"], second["pending"]) == (2, 0, 0)
        time.sleep(0.1)
        proc.send_signal(signal.SIGINT)
        rest, _ = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0
    assert json.loads(rest.strip().splitlines()[-1])["stopped"] is True
