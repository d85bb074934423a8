"""GUI test fixtures: a real terminal database (demo catalog, store S01, terminal 1) per test,
registered against a real central database, the counter window built by
``pos.app.build_counter``, and keyboard helpers.

The demo enterprise is built once per session and its two SQLite files are copied for each test,
so every test starts from the same fresh terminal in a few milliseconds.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("STOREDESK_CUSTOMER_DISPLAY", "0")

import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWidget

from shared.db.engine import sqlite_url
from shared.db.uow import Database
from shared.domain.barcode import encode_weighed
from shared.printing.config import PrinterConfig
from shared.services.context import TerminalContext, load_terminal
from shared.services.demo import create_demo
from shared.services.payment_provider import SimulatedProvider
from shared.services.runtime import open_database
from shared.services.terminal_setup import register
from shared.sync.gateway import InProcessGateway

DEMO_PRODUCTS = 60


@dataclass
class Terminal:
    db: Database
    central: Database
    ctx: TerminalContext
    dir: Path
    printer_path: Path
    products: list[dict] = field(default_factory=list)

    def weighed_label(self, plu: str, amount_fen: int) -> str:
        return encode_weighed(plu, amount_fen, self.ctx.weighed)

    def product(self, barcode: str) -> dict:
        return next(p for p in self.products if p["barcode"] == barcode)

    def printed_text(self) -> str:
        if not self.printer_path.exists():
            return ""
        return self.printer_path.read_bytes().decode("gb18030", errors="replace")


@pytest.fixture(scope="session", autouse=True)
def compiled_translations() -> None:
    """The .qm files are build output (``make install``); compile them here when missing or
    older than their .ts, so the Chinese interface is what the tests see."""
    import subprocess
    import sys

    folder = Path(__file__).resolve().parents[2] / "resources" / "translations"
    lrelease = Path(sys.executable).parent / "pyside6-lrelease"
    for ts in folder.glob("storedesk_*.ts"):
        qm = ts.with_suffix(".qm")
        if not qm.exists() or qm.stat().st_mtime < ts.stat().st_mtime:
            subprocess.run([str(lrelease), "-silent", str(ts), "-qm", str(qm)], check=True)


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory) -> tuple[Path, list[dict]]:
    base = tmp_path_factory.mktemp("demo-template")
    central_url = sqlite_url(base / "central.db")
    central = open_database(central_url)
    result = create_demo(central, products=DEMO_PRODUCTS)
    local = open_database(sqlite_url(base / "terminal.db"))
    register(local, InProcessGateway(central), store_code="S01", number=1, central_url=central_url)
    local.dispose()
    central.dispose()
    return base, result.products


@pytest.fixture
def terminal(tmp_path, demo_template) -> Iterator[Terminal]:
    base, products = demo_template
    for name in ("central.db", "terminal.db"):
        shutil.copy(base / name, tmp_path / name)
    central = open_database(sqlite_url(tmp_path / "central.db"))
    db = open_database(sqlite_url(tmp_path / "terminal.db"))
    with db.reader() as uow:
        ctx = load_terminal(uow)
    term = Terminal(db, central, ctx, tmp_path, tmp_path / "printer.bin", products)
    yield term
    db.dispose()
    central.dispose()


@pytest.fixture
def make_counter(qtbot, terminal) -> Iterator[Callable[..., QWidget]]:
    from pos.app import build_counter

    windows = []

    def make(
        *,
        language: str = "zh_CN",
        provider=None,
        printer: PrinterConfig | None = None,
        customer_display: bool = False,
        sync=False,
    ):
        """``sync``: False (no background sync, no indicator) or ``pos.screens.sync_controller.
        SyncOptions`` (its gateway factory points at ``terminal.central``)."""
        window = build_counter(
            terminal.db,
            terminal.ctx,
            provider=provider or SimulatedProvider(),
            language=language,
            printer=printer or PrinterConfig(kind="file", path=str(terminal.printer_path)),
            customer_display=customer_display,
            sync=sync,
        )
        qtbot.addWidget(window)
        windows.append(window)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        qtbot.waitUntil(lambda: window.login_view.staff.count() > 0)
        return window

    yield make
    for window in windows:
        for dialog in list(window.parts.dialogs):
            dialog.done(0)
        window.counter.shutdown()
        window.runner.shutdown()
        if window.sync is not None:
            window.sync.close()
    from PySide6.QtWidgets import QApplication

    from shared.qt.gui_gc import uninstall_gui_gc

    uninstall_gui_gc(QApplication.instance())  # other test folders keep Python's own collector
