"""The counter's composition root: the ONE place that builds what the counter runs on.

``run(args)`` (from ``storedesk pos``) opens the terminal database, loads the terminal's context,
creates the QApplication, installs the language and stylesheet, and builds the counter window via
``build_counter``, which tests call directly with their own database, provider, printer sink and
(optionally) gateway to a central database. ``run`` syncs in the background with the central
database this terminal registered with (or ``--central`` / ``STOREDESK_CENTRAL_URL``).
"""

from __future__ import annotations

import logging
import os
import sys
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from pos.backend import CentralFactory, CounterBackend, SinkFactory
from pos.counter import Counter
from pos.screens.base import Parts
from pos.screens.printing import PrintController
from pos.screens.sync_controller import SyncController, SyncOptions
from pos.session import CounterSession
from pos.views.counter_window import CounterWindow
from shared.db.uow import Database
from shared.domain.card_key_crypto import Keyring
from shared.domain.clock import Clock
from shared.domain.errors import DomainError
from shared.printing.config import PrinterConfig
from shared.qt.appearance import apply_look
from shared.qt.gui_gc import install_gui_gc
from shared.qt.operations import OperationRunner
from shared.services import payments
from shared.services.card_key_config import load_keyring
from shared.services.context import TerminalContext, load_terminal
from shared.services.payment_provider import PaymentProvider, SimulatedProvider
from shared.services.runtime import open_terminal, resolve_paths
from shared.services.sync_status import gateway_for
from shared.services.terminal_settings import printer_config

log = logging.getLogger(__name__)

WINDOW_SIZE = (1366, 768)


def prepare_application(app: QApplication, language: str | None) -> str:
    """Language, font and stylesheet of the counter. Returns the language installed."""
    return apply_look(app, language, stylesheet="counter.qss", point_size=12)


def wants_customer_display() -> bool:
    """A second screen is attached, or ``STOREDESK_CUSTOMER_DISPLAY=1``."""
    flag = os.environ.get("STOREDESK_CUSTOMER_DISPLAY", "").strip().lower()
    if flag in ("1", "yes", "true", "on"):
        return True
    if flag in ("0", "no", "false", "off"):
        return False
    return len(QGuiApplication.screens()) > 1


def build_counter(
    db: Database,
    ctx: TerminalContext,
    *,
    provider: PaymentProvider,
    clock: Clock | None = None,
    sink_factory: SinkFactory | None = None,
    language: str = "zh_CN",
    printer: PrinterConfig | None = None,
    customer_display: bool | None = None,
    sync: bool | SyncOptions = False,
    central: CentralFactory | None = None,
    keyring: Keyring | None = None,
) -> CounterWindow:
    """The counter window over ``db``, ready at the sign-in page (not shown yet).

    ``printer``: overrides the terminal's saved printer settings; ``sink_factory``: where print
    jobs go (default: the real sinks). ``sync``: False, no background sync and no indicator;
    True, sync with the central database this terminal registered with; ``SyncOptions``: with
    its gateway factory (tests) and timings. ``central``: makes the gateway to the central
    database for coupons and members at the counter (called once, on a worker, on first use);
    None: coupons, balance and points are refused as offline. ``keyring``: the card-key
    encryption keys from configuration (card keys print on the receipt; without it a card-key
    sale is refused before it commits). The window's ``counter`` holds
    the screens; ``runner``, ``session``, ``backend`` and ``sync`` are reachable from it for
    tests.
    """
    app = QApplication.instance()
    if app is None:
        raise RuntimeError("create the QApplication before build_counter()")
    lang = prepare_application(app, language)
    install_gui_gc(app)  # Qt objects in garbage cycles are freed on this thread, never a worker's
    # device: a printer job, a payment provider call and a sync round may all run at once
    runner = OperationRunner(device_threads=3)
    window = CounterWindow()
    runner.setParent(window)
    sync_controller: SyncController | None = None
    if sync is not False:
        options = sync if isinstance(sync, SyncOptions) else SyncOptions()
        sync_controller = SyncController(runner, db, options, window)
    backend = CounterBackend(
        db, ctx, provider=provider, sink_factory=sink_factory, central=central, keyring=keyring
    )
    session = CounterSession(ctx, window)
    config = printer if printer is not None else _saved_printer(ctx)
    printing = PrintController(runner, backend, config, window)
    parts = Parts(
        window=window,
        runner=runner,
        backend=backend,
        session=session,
        clock=clock or db.clock,
        printing=printing,
        sync=sync_controller,
    )
    runner.default_error = lambda exc: parts.error_notice(
        QCoreApplication.translate("CounterWindow", "Error"), exc
    )
    show_display = wants_customer_display() if customer_display is None else customer_display
    counter = Counter(parts, customer_display=show_display, parent=window)
    window.counter = counter
    window.parts = parts
    window.runner = runner
    window.session = session
    window.backend = backend
    window.printing = printing
    window.sync = sync_controller
    window.language = lang
    window.resize(*WINDOW_SIZE)
    counter.start()
    return window


def _saved_printer(ctx: TerminalContext) -> PrinterConfig:
    try:
        return printer_config(ctx).validate()
    except DomainError as exc:
        log.warning("printer settings unusable (%s): printing to no printer", exc)
        return PrinterConfig()


def run(args: Any) -> int:
    """``storedesk pos``: open this terminal and show the counter until it is closed."""
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
        print(f"storedesk pos: {exc}", file=sys.stderr)
        return 2
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("StoreDesk")
    app.setOrganizationName("StoreDesk")
    language = getattr(args, "lang", None) or ctx.language

    def notified(note) -> None:  # the simulator's "callback": record it like a real provider's
        try:
            payments.handle_notification(db, note)
        except DomainError as exc:
            log.warning("payment notification refused: %s", exc)

    provider = SimulatedProvider(notify=notified)
    try:
        keyring = load_keyring(paths.data_dir)
    except DomainError as exc:  # a malformed key is an error, never silently ignored
        db.dispose()
        print(f"storedesk pos: {exc}", file=sys.stderr)
        return 2
    # the central database named on the command line, else the one this terminal registered with
    central_url = getattr(args, "central", None) or os.environ.get("STOREDESK_CENTRAL_URL")
    window = build_counter(
        db,
        ctx,
        provider=provider,
        language=language,
        sync=SyncOptions(central_url=central_url),
        central=lambda: gateway_for(db, central_url),
        keyring=keyring,
    )
    window.showMaximized()
    try:
        return app.exec()
    finally:
        window.counter.shutdown()
        window.runner.shutdown()
        if window.sync is not None:
            window.sync.close()  # no round is left on a worker: release the central database
        window.backend.close()
        db.dispose()
