"""The storedesk command (SPEC §16), run as a real process."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


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


def out(proc) -> dict:
    return json.loads(proc.stdout)


@pytest.fixture
def demo_dir(tmp_path, backend, request):
    central = None
    if backend == "postgresql":
        central = request.getfixturevalue("pg_url_factory")()
    data = out(storedesk(tmp_path, "demo", "--products", "30", central=central))
    return tmp_path, central, data


def test_demo_json(demo_dir):
    _, _, data = demo_dir
    assert {s["code"] for s in data["stores"]} == {"S01", "S02"}
    assert data["terminal"] == {"store": "S01", "number": 1}
    roles = {r for s in data["staff"] for r in s["roles"]}
    assert roles == {"cashier", "verifier", "guide", "manager", "admin"}
    assert all(s["pin"] and s["password"] for s in data["staff"])
    p = data["products"][10]
    assert set(p) >= {"code", "barcode", "name", "price_fen", "kind"}
    assert {"coupons", "card_key_products", "central"} <= set(data)


def test_demo_is_idempotent(demo_dir):
    path, central, _ = demo_dir
    again = out(storedesk(path, "demo", "--products", "30", central=central))
    assert again["terminal"] == {"store": "S01", "number": 1}


def test_sale_refund_shift_close_and_journal(demo_dir):
    path, central, data = demo_dir
    p = data["products"][10]
    sale = out(
        storedesk(
            path,
            "sale",
            "--item",
            f"{p['barcode']}x3",
            "--item",
            "P000012",
            "--pay",
            "card:1.00",
            "--pay",
            "cash:500",
            central=central,
        )
    )
    assert sale["total_fen"] > 0 and sale["paid_fen"] == sale["total_fen"]
    assert sale["change_fen"] == 100 + 500_00 - sale["total_fen"]
    assert sale["receipt_no"].endswith("-01-0001")

    refund = out(
        storedesk(path, "refund", sale["receipt_no"], "--item", f"{p['code']}x1", central=central)
    )
    assert 0 < refund["total_fen"] < sale["total_fen"]

    z = out(storedesk(path, "shift", "close", "--counted", "600.00", central=central))
    assert z["sales_count"] == 1 and z["refunds_count"] == 1
    assert z["expected_cash_fen"] == z["by_method"]["cash"]
    assert z["variance_fen"] == 600_00 - z["expected_cash_fen"]

    verdict = out(storedesk(path, "journal", "verify", central=central))
    assert verdict == {"ok": True, "terminals": 1, "entries": 3}


def test_wechat_payment_through_the_simulator(demo_dir):
    path, central, _ = demo_dir
    sale = out(storedesk(path, "sale", "--item", "P000012", "--pay", "wechat", central=central))
    assert sale["paid_fen"] == sale["total_fen"]


@pytest.fixture(scope="module")
def untouched_dir(tmp_path_factory):
    """A demo terminal that only ever sees refused commands (SQLite; bad input never reaches the
    central database)."""
    path = tmp_path_factory.mktemp("bad-input")
    storedesk(path, "demo", "--products", "30")
    return path


@pytest.mark.parametrize(
    ("args", "reason"),
    [
        (["sale", "--item", "NOPE"], "unknown barcode"),
        (["sale", "--item", "6900000000102"], "check digit"),
        (["sale", "--item", "P000012x0"], "quantity"),
        (["sale", "--item", "P000012", "--pay", "cash:0.01"], "short"),
        (["sale", "--item", "P000012", "--pay", "gold"], "unknown payment method"),
        (["refund", "261122-01-9999"], "no sale"),
        (["refund", "hello"], "not a receipt number"),
        (["shift", "close", "--counted", "abc"], "not an amount"),
    ],
)
def test_bad_input_fails_with_one_line_and_changes_nothing(untouched_dir, args, reason):
    proc = storedesk(untouched_dir, *args, check=False)
    assert proc.returncode == 1
    assert len(proc.stderr.strip().splitlines()) == 1 and reason in proc.stderr
    assert out(proc)["ok"] is False
    assert out(storedesk(untouched_dir, "journal", "verify"))["entries"] == 0


def test_unregistered_data_dir(tmp_path):
    proc = storedesk(tmp_path, "sale", "--item", "P000012", check=False)
    assert proc.returncode == 1 and "not registered" in proc.stderr
