"""Benchmark 3: cold start of ``storedesk pos`` with the 200,000-product terminal file.

Each run is a new ``python -c`` process (``QT_QPA_PLATFORM=offscreen``) that goes through the same
path as ``storedesk --data-dir DIR --central URL pos`` (``launcher.main`` -> ``pos.app.run``), so
interpreter start, imports, opening and migrating the terminal file, building the window and
signing in are all counted. The clock is the parent's: from just before the process is spawned to
the moment the child says a stage was reached. "Cold" means a new process; the files are in the OS
page cache (they were just copied), as on a counter that has run before.

Stages (each a line the child prints, timestamped by the parent when it arrives):

* ``window``: the first top-level window is visible and exposed;
* ``login``: the sign-in page is shown (its ``accountField`` and ``pinField`` are visible);
* ``sale``: the sale screen is ready: its ``scanField`` is visible. To get there the child does
  what a cashier does, without the typing time: it puts the demo cashier's account and PIN
  (``cashier01``/``1111``) in the two fields and presses Enter; the PIN check (argon2), the
  ``login`` write and the shift read then run as in the app. The terminal copy has the cashier's
  shift already open (a counter restarted mid-day), because opening a shift asks the cashier for
  a float.

No hook in ``pos/`` is needed: the child hands the app a ``QApplication`` subclass that polls the
widgets from the first event loop that runs. If ``pos/app.py`` ever offers its own hook (it
mentions ``STOREDESK_EXIT_WHEN_READY``), that is used instead: the benchmark sets
``STOREDESK_EXIT_WHEN_READY=1`` and ``STOREDESK_BENCH_LOGIN=cashier01:1111`` and waits for a line
starting ``STOREDESK_READY`` on stdout.

Target (the issue's): under 2 s to a ready sale screen. Skipped while ``pos/app.py`` does not exist.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from shared.db.engine import sqlite_url
from shared.db.models import Staff
from shared.services import auth, shifts
from shared.services.context import load_terminal
from shared.services.runtime import open_database
from tests.bench import benchlib
from tests.bench.benchlib import Stats
from tests.bench.conftest import copy_terminal

POS_APP = benchlib.REPO / "pos" / "app.py"
HOOK_ENV = "STOREDESK_EXIT_WHEN_READY"
LOGIN_ENV = "STOREDESK_BENCH_LOGIN"
CASHIER, PIN = "cashier01", "1111"  # shared/services/demo.py STAFF
RUNS = 6  # the first is reported on its own (it also pulls Qt's libraries into the page cache)
TIMEOUT_S = 90
TARGET_MS = 2000.0
STAGE, READY = "STOREDESK_STAGE", "STOREDESK_READY"

# Runs in the child. argv: data_dir central_url mode. Prints "STOREDESK_STAGE <name> <json>" per
# stage and "STOREDESK_READY <name> <json>" at the last one, then exits at once.
CHILD = r"""
import json, os, sys, time
t_start = time.perf_counter()
data_dir, central, mode = sys.argv[1:4]


def say(tag, name, **info):
    info["child_s"] = round(time.perf_counter() - t_start, 4)
    sys.stdout.write(f"{tag} {name} {json.dumps(info, ensure_ascii=False)}\n")
    sys.stdout.flush()


if mode == "drive":
    from PySide6 import QtCore, QtWidgets

    account, pin = os.environ["STOREDESK_BENCH_LOGIN"].split(":", 1)
    state = {"stage": "start", "since": None}

    def shown(app, object_name):
        for w in app.topLevelWidgets():
            if not w.isVisible():
                continue
            for edit in w.findChildren(QtWidgets.QLineEdit, object_name):
                if edit.isVisible():
                    return edit
        return None

    def status_texts(app):
        texts = []
        for w in app.topLevelWidgets():
            if w.isVisible() and isinstance(w, QtWidgets.QMainWindow) and w.statusBar():
                texts += [lab.text() for lab in w.statusBar().findChildren(QtWidgets.QLabel)
                          if lab.isVisible() and lab.text()]
        return texts[:12]

    def poll(app):
        now = time.perf_counter()
        if state["stage"] == "start":
            for w in app.topLevelWidgets():
                handle = w.windowHandle()
                if w.isVisible() and handle is not None and handle.isExposed():
                    say("STOREDESK_STAGE", "window", window=type(w).__name__,
                        title=w.windowTitle())
                    state.update(stage="window", since=now)
                    break
        if state["stage"] == "window":
            acc, pw = shown(app, "accountField"), shown(app, "pinField")
            if acc is not None and pw is not None:
                say("STOREDESK_STAGE", "login")
                state.update(stage="login", since=now)
                acc.setText(account)
                pw.setText(pin)
                pw.returnPressed.emit()  # Enter in the PIN field
            elif now - state["since"] > 10:
                say("STOREDESK_READY", "window", note="no accountField/pinField: stopped at "
                    "the first window")
                os._exit(0)
        if state["stage"] == "login":
            if shown(app, "scanField") is not None:
                focus = QtWidgets.QApplication.focusWidget()
                say("STOREDESK_READY", "sale", status=status_texts(app),
                    focus=focus.objectName() if focus is not None else None)
                os._exit(0)
            elif now - state["since"] > 30:
                say("STOREDESK_READY", "stuck", note="signed in, but no scanField after 30 s",
                    labels=status_texts(app))
                os._exit(0)

    class _WatchedApplication(QtWidgets.QApplication):
        # polls from the first event loop that runs (app.exec(), or a dialog's exec() before it)
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._bench_timer = QtCore.QTimer(self)
            self._bench_timer.timeout.connect(lambda: poll(self))
            self._bench_timer.start(2)

    QtWidgets.QApplication = _WatchedApplication

from launcher.main import main
sys.exit(main(["--data-dir", data_dir, "--central", central, "pos"]))
"""


def _mode() -> str:
    return "hook" if HOOK_ENV in POS_APP.read_text(encoding="utf-8") else "drive"


def _open_shift(terminal: Path) -> None:
    """The demo cashier's shift, open (a counter restarted mid-day): sign-in goes to the sale."""
    db = open_database(sqlite_url(terminal))
    try:
        with db.uow() as uow:
            ctx = load_terminal(uow)
            staff = uow.session.scalars(select(Staff).where(Staff.account == CASHIER)).one()
            actor = auth.actor_for(uow, staff)
            if shifts.current_shift(uow, ctx) is None:
                shifts.open_shift(uow, ctx, actor, 0)
    finally:
        db.dispose()


def _run_once(data_dir: Path, central: Path, mode: str) -> tuple[dict[str, int], str, dict]:
    """One start: the parent's ns from spawn to each stage, the final stage and its details."""
    xdg = data_dir / "xdg-runtime"  # Qt warns on every start without one
    xdg.mkdir(mode=0o700, exist_ok=True)
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_RUNTIME_DIR": os.environ.get("XDG_RUNTIME_DIR") or str(xdg),
        "STOREDESK_DATA_DIR": str(data_dir),
        "STOREDESK_CENTRAL_URL": sqlite_url(central),
        LOGIN_ENV: f"{CASHIER}:{PIN}",
    }
    if mode == "hook":
        env[HOOK_ENV] = "1"
    with tempfile.TemporaryFile("w+") as err:
        t0 = time.perf_counter_ns()
        proc = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(data_dir), sqlite_url(central), mode],
            cwd=benchlib.REPO,
            env=env,
            stdout=subprocess.PIPE,
            stderr=err,
            text=True,
        )
        killer = threading.Timer(TIMEOUT_S, proc.kill)
        killer.start()
        try:
            stages: dict[str, int] = {}
            final, info = None, {}
            assert proc.stdout is not None
            for line in proc.stdout:
                now = time.perf_counter_ns() - t0
                tag, _, rest = line.strip().partition(" ")
                if tag not in (STAGE, READY):
                    continue
                name, _, payload = rest.partition(" ")
                stages[name] = now
                if tag == READY:
                    final = name
                    try:
                        info = json.loads(payload) if payload.startswith("{") else {}
                    except json.JSONDecodeError:
                        info = {"said": payload}
                    break
            if final is None or final == "stuck":
                proc.kill()
                proc.wait(timeout=10)
                err.seek(0)
                pytest.fail(
                    f"storedesk pos did not reach a ready screen ({mode}); stages {list(stages)}; "
                    f"{json.dumps(info, ensure_ascii=False)}; exit {proc.returncode}; "
                    f"stderr tail:\n{err.read()[-2000:]}"
                )
            proc.stdout.read()  # the drive child exits at once; a hook exits by itself
            proc.wait(timeout=TIMEOUT_S)
            return stages, final, info
        finally:
            killer.cancel()
            if proc.poll() is None:
                proc.kill()
                proc.wait(timeout=10)


# the first benchmark of a run may also build the catalog (~40 s here)
@pytest.mark.timeout(1200)
def test_pos_cold_start(bench_catalog, bench_workdir):
    key = benchlib.result_key("pos_cold_start")
    if not POS_APP.exists():
        reason = (
            "pos/app.py does not exist yet (the counter window is being written): nothing to "
            "start; this benchmark runs once it exists"
        )
        benchlib.record(
            key,
            {
                "what": "storedesk pos in a new process (offscreen) to a ready sale screen",
                "status": "skipped",
                "reason": reason,
                "median_ms": None,
                "p99_ms": None,
                "ratio": None,
                "target": f"< {TARGET_MS:.0f} ms to a ready sale screen",
                "pass": None,
                "n": 0,
            },
        )
        pytest.skip(reason)

    data_dir = bench_workdir / "pos"
    terminal = copy_terminal(bench_catalog, data_dir, with_central=True)
    _open_shift(terminal)
    central = data_dir / "central.db"
    mode = _mode()
    runs = [_run_once(data_dir, central, mode) for _ in range(RUNS)]
    finals = {final for _, final, _ in runs}
    final = "sale" if finals == {"sale"} else sorted(finals)[0]
    later = runs[1:]

    def stage_stats(name: str, which) -> Stats | None:
        values = [stages[name] for stages, _, _ in which if name in stages]
        return Stats.of_ns(values) if len(values) == len(which) else None

    rows = []
    for name, label in (
        ("window", "first window shown"),
        ("login", "sign-in page shown"),
        ("sale", "sale screen ready (after sign-in)"),
    ):
        first, rest = stage_stats(name, runs[:1]), stage_stats(name, later)
        if first is not None and rest is not None:
            rows.append((f"{label}: first run", first))
            rows.append((f"{label}: runs 2..{RUNS}", rest))
    if mode == "hook":
        what = "to the sale screen (pos/app.py's STOREDESK_EXIT_WHEN_READY hook)"
    elif final == "sale":
        what = (
            "to a ready sale screen (spawn -> sign-in page -> demo cashier's PIN entered "
            "by the benchmark -> scan field shown; shift already open)"
        )
    else:
        what = "to the first window only (no sign-in fields found: the sale screen is not counted)"
    benchlib.print_table(
        f"storedesk pos cold start, {bench_catalog.products:,} products, {what}", rows
    )
    print(f"   at the end of the last run: {json.dumps(runs[-1][2], ensure_ascii=False)[:400]}")
    main = stage_stats(final, later)
    assert main is not None
    login = stage_stats("login", later)
    print(
        f"   target < {TARGET_MS:.0f} ms to a ready sale screen: median {main.median_ms:.0f} ms "
        + (
            ("PASS" if main.median_ms < TARGET_MS else "MISS")
            if final == "sale"
            else "(not measured to the sale screen)"
        )
    )
    benchlib.record(
        key,
        {
            "what": f"storedesk pos in a new python process, offscreen, {what}; clock from "
            "spawn to the stage, as seen by the parent; median/p99 over runs 2..N",
            "status": "measured",
            "mode": mode,
            "measured_to": final,
            "median_ms": round(main.median_ms, 1),
            "p99_ms": round(main.p99_ms, 1),
            "first_run_ms": round(runs[0][0][final] / 1e6, 1),
            "ratio": None,
            "target": f"< {TARGET_MS:.0f} ms to a ready sale screen",
            "pass": main.median_ms < TARGET_MS if final == "sale" else None,
            "n": main.n,
            "stats": main.as_dict(),
            "to_login_page": login.as_dict() if login is not None else None,
            "last_run_said": runs[-1][2],
            "per_run_ms": [
                {k: round(v / 1e6, 1) for k, v in stages.items()} for stages, _, _ in runs
            ],
            "catalog_products": bench_catalog.products,
        },
    )
