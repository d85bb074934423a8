"""The composition root as ``storedesk pos`` runs it: paths, context, window, event loop, exit.

``run`` runs the application's event loop to its end, which a QApplication does once: so it runs
in a child process here, not in the test process."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

CHILD = r"""
import argparse, json, sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from pos.app import run
from pos.views.counter_window import CounterWindow

app = QApplication(sys.argv[:1])
seen = {}

def look_and_quit():
    window = next(w for w in QApplication.topLevelWidgets()
                  if isinstance(w, CounterWindow) and w.isVisible())
    seen.update(title=window.windowTitle(), language=window.language,
                store=window.login_view.store.text(), staff=window.login_view.staff.count())
    if not seen["staff"]:
        QTimer.singleShot(20, look_and_quit)
        return
    window.close()
    app.quit()

QTimer.singleShot(0, look_and_quit)
rc = run(argparse.Namespace(data_dir=sys.argv[1], central=None, lang=sys.argv[2] or None))
print(json.dumps({"rc": rc, **seen}, ensure_ascii=False))
"""


def _child(data: Path, lang: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "STOREDESK_CUSTOMER_DISPLAY": "0"}
    return subprocess.run(
        [sys.executable, "-c", CHILD, str(data), lang],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_run_opens_the_counter_and_exits_cleanly(demo_template, tmp_path):
    base, _products = demo_template
    data = tmp_path / "data"
    data.mkdir()
    for name in ("terminal.db", "central.db"):
        shutil.copy(base / name, data / name)
    done = _child(data, "en")
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout.strip().splitlines()[-1])
    assert out["rc"] == 0
    assert out["title"] == "StoreDesk counter" and out["language"] == "en"
    assert out["store"] == "星辰便利店 静安店" and out["staff"] >= 3
    zh = json.loads(_child(data, "").stdout.strip().splitlines()[-1])
    assert zh["title"] == "StoreDesk 收银台" and zh["language"] == "zh_CN"


def test_run_refuses_an_unregistered_data_dir(tmp_path):
    done = _child(tmp_path / "empty", "")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.strip().splitlines()[-1])["rc"] == 2
    assert "not registered" in done.stderr
