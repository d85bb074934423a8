"""The verifier station's composition root: the ONE place that builds what the station runs on.

``run(args)`` (``storedesk pos --verifier``) opens the terminal database, loads the terminal's
context, creates the QApplication, installs language and stylesheet, and builds the window with
``build_verifier``, which tests call directly with their own database, gateway factory and
camera source. The station talks to the central database this terminal registered with (or
``--central`` / ``STOREDESK_CENTRAL_URL``); every verification needs it, nothing is redeemed
offline.
"""

from __future__ import annotations

import logging
import os
import sys
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication

from pos.verifier.camera import CameraSource
from pos.verifier.station import GatewayFactory, StationBackend, VerifierStation
from pos.verifier.views import WINDOW_SIZE, VerifierWindow
from shared.db.uow import Database
from shared.domain.clock import Clock
from shared.domain.errors import DomainError
from shared.qt.appearance import apply_look
from shared.qt.gui_gc import install_gui_gc
from shared.qt.operations import OperationRunner
from shared.services.context import TerminalContext, load_terminal
from shared.services.runtime import open_terminal, resolve_paths
from shared.services.sync_status import gateway_for

log = logging.getLogger(__name__)


def prepare_application(app: QApplication, language: str | None) -> str:
    """Language, font and stylesheet (the counter's, plus the station's own rules)."""
    return apply_look(app, language, stylesheet="counter.qss", point_size=12)


def build_verifier(
    db: Database,
    ctx: TerminalContext,
    *,
    gateway_factory: GatewayFactory,
    clock: Clock | None = None,
    language: str = "zh_CN",
    camera_source: QObject | None = None,
    poll_ms: int | None = None,
) -> VerifierWindow:
    """The verifier station over ``db``, ready at its sign-in page (not shown yet).

    ``gateway_factory``: makes the gateway to the central database (called once, on a worker).
    ``camera_source``: a ``pos.verifier.camera`` source (``ImageFeed`` in tests); default: the
    machine's camera through QtMultimedia, or none. The window's ``station`` holds the
    behaviour; ``runner``, ``backend`` and ``camera`` are reachable from it for tests.
    """
    app = QApplication.instance()
    if app is None:
        raise RuntimeError("create the QApplication before build_verifier()")
    lang = prepare_application(app, language)
    install_gui_gc(app)  # Qt objects in garbage cycles are freed on this thread, never a worker's
    # device: a look-up, a redemption and a history read may overlap
    runner = OperationRunner(device_threads=3)
    window = VerifierWindow()
    runner.setParent(window)
    backend = StationBackend(db, ctx, gateway_factory)
    source = camera_source if camera_source is not None else CameraSource()
    source.setParent(window)
    kwargs = {"poll_ms": poll_ms} if poll_ms is not None else {}
    station = VerifierStation(
        window, runner, backend, ctx, clock or db.clock, source, window, **kwargs
    )
    runner.default_error = lambda exc: log.error("verifier station: %r", exc)
    window.station = station
    window.runner = runner
    window.backend = backend
    window.camera = station.camera
    window.language = lang
    window.resize(*WINDOW_SIZE)
    station.start()
    return window


def close_verifier(window: VerifierWindow) -> None:
    """Stop the station, wait for its running work, release the central database."""
    window.station.shutdown()
    window.runner.shutdown()
    window.backend.close()


def run(args: Any) -> int:
    """``storedesk pos --verifier``: open this terminal and show the verifier station."""
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    paths = resolve_paths(getattr(args, "data_dir", None), getattr(args, "central", None))
    db = open_terminal(paths)
    try:
        with db.reader() as uow:
            ctx = load_terminal(uow)
    except DomainError as exc:
        db.dispose()
        print(f"storedesk pos --verifier: {exc}", file=sys.stderr)
        return 2
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("StoreDesk")
    app.setOrganizationName("StoreDesk")
    language = getattr(args, "lang", None) or ctx.language
    # the central database named on the command line (a URL or a SQLite file's path), else the
    # one this terminal registered with
    named = getattr(args, "central", None) or os.environ.get("STOREDESK_CENTRAL_URL")
    central_url = paths.central_url if named else None
    window = build_verifier(
        db, ctx, gateway_factory=lambda: gateway_for(db, central_url), language=language
    )
    window.showMaximized()
    try:
        return app.exec()
    finally:
        close_verifier(window)
        db.dispose()
