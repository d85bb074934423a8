"""The back office's composition root: the ONE place that builds what the manager window runs on.

``run(args)`` (from ``storedesk backoffice``) opens the central database (``--central`` /
``STOREDESK_CENTRAL_URL``, else the embedded file in the data dir), creates the QApplication and
shows the window; ``build_backoffice`` builds the window over a given database, for tests.

The window signs in with a password (managers and admins only), then shows a navigation list of
the areas the signed-in person may use (``_build_areas``): 班次审核 (shift review), 同步异常
(what arrived from the counters for a manager to look at), 数据统计
(reports), 门店结算 (store settlement), 商品 (catalog), 卡券 (coupons), 核销记录 (verification
records), 卡密库 (card-key pools, whose encryption key ``run`` loads from configuration and checks
once at start: ``card_key_backend.card_key_setup``), 电商渠道 / 电商订单 (channel shops and
orders), the stock areas (库存查询, 出入库单, 库存预警, 盘点, 调拨, 锁定库存), and 门店 / 收银终端
/ 员工 / 操作日志 (stores, terminals, staff — written by admins, read by managers for their own
stores — and the audit log).
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication, QListWidgetItem

from backoffice.audit_screen import AuditScreen
from backoffice.backend import BackofficeBackend
from backoffice.card_key_backend import CardKeyBackend, CardKeySetup, card_key_setup
from backoffice.card_key_screen import CardKeyScreen
from backoffice.catalog_backend import CatalogBackend
from backoffice.catalog_screen import CatalogScreen
from backoffice.channel_backend import ChannelBackend
from backoffice.channel_screen import ChannelOrderScreen, ChannelShopScreen
from backoffice.coupon_screen import CouponScreen
from backoffice.messages import describe
from backoffice.org_backend import OrgBackend
from backoffice.report_backend import ReportBackend
from backoffice.report_screen import ReportScreen
from backoffice.reservation_screen import ReservationScreen
from backoffice.settlement_backend import SettlementBackend
from backoffice.settlement_screen import SettlementScreen
from backoffice.shift_review_screen import SavePathAsker, ShiftReviewScreen
from backoffice.staff_screen import StaffScreen
from backoffice.stock_ops_backend import StockOpsBackend
from backoffice.stock_screen import LowStockScreen, StockScreen, VoucherScreen
from backoffice.stocktake_screen import StocktakeScreen
from backoffice.store_screen import StoreScreen
from backoffice.sync_exception_backend import SyncExceptionBackend
from backoffice.sync_exception_screen import SyncExceptionScreen
from backoffice.terminal_screen import TerminalScreen
from backoffice.transfer_screen import TransferScreen
from backoffice.verification_screen import VerificationScreen
from backoffice.views import BackofficeWindow, set_message
from shared.db.uow import Database
from shared.domain.clock import Clock
from shared.domain.permissions import Perm
from shared.qt.appearance import apply_look
from shared.qt.gui_gc import install_gui_gc
from shared.qt.operations import OperationRunner
from shared.services.auth import Actor
from shared.services.runtime import open_database, resolve_paths

log = logging.getLogger(__name__)

WINDOW_SIZE = (1366, 768)


def prepare_application(app: QApplication, language: str | None) -> str:
    """Language, font and stylesheet of the back office. Returns the language installed."""
    return apply_look(app, language, stylesheet="backoffice.qss", point_size=10)


class BackofficeController(QObject):
    """Sign-in, sign-out and the navigation between areas."""

    def __init__(
        self,
        window: BackofficeWindow,
        runner: OperationRunner,
        backend: BackofficeBackend,
        *,
        clock: Clock,
        ask_save_path: SavePathAsker | None = None,
        card_keys: CardKeySetup | None = None,
    ) -> None:
        super().__init__(window)
        self.clock = clock
        # the card-key encryption key as checked at start (None: none configured)
        self.card_keys = card_keys or CardKeySetup(None)
        self.window = window
        self.runner = runner
        self.backend = backend
        self.ask_save_path = ask_save_path
        self.actor: Actor | None = None
        self.areas: dict[str, Any] = {}
        login = window.login_page
        login.title.setText(self.tr("StoreDesk back office"))
        login.account.setPlaceholderText(self.tr("Account"))
        login.password.setPlaceholderText(self.tr("Password"))
        login.sign_in.setText(self.tr("Sign in"))
        login.account.returnPressed.connect(login.password.setFocus)
        login.password.returnPressed.connect(self.sign_in)
        login.sign_in.clicked.connect(self.sign_in)
        main = window.main_page
        main.brand.setText(self.tr("StoreDesk"))
        main.sign_out.setText(self.tr("Sign out"))
        main.sign_out.clicked.connect(self.sign_out)
        main.nav.currentRowChanged.connect(main.areas.setCurrentIndex)
        window.setWindowTitle(self.tr("StoreDesk back office"))

    # -- sign-in ----------------------------------------------------------------------------------
    def sign_in(self) -> None:
        login = self.window.login_page
        account, password = login.account.text(), login.password.text()
        login.sign_in.setEnabled(False)
        set_message(login.message, "", "info")
        self.runner.run(
            lambda: self.backend.login(account, password),
            kind="write",  # a failure is counted (lock-out) in the central database
            on_done=self._signed_in,
            on_error=self._refused,
            owner=login,
            label="sign in",
        )

    def _refused(self, exc: BaseException) -> None:
        login = self.window.login_page
        login.sign_in.setEnabled(True)
        login.password.clear()
        login.password.setFocus()
        set_message(login.message, describe(exc))

    def _signed_in(self, actor: Actor) -> None:
        self.actor = actor
        login = self.window.login_page
        login.sign_in.setEnabled(True)
        login.password.clear()
        main = self.window.main_page
        main.who.setText(f"{actor.name}\n{actor.account}")
        self._build_areas(actor)
        self.window.pages.setCurrentWidget(main)
        main.nav.setCurrentRow(0)

    def _build_areas(self, actor: Actor) -> None:
        """The areas ``actor`` may use, in navigation order (shift review first)."""
        main = self.window.main_page
        self._clear_areas()
        db, runner = self.backend.db, self.runner
        placed = {"parent": main.areas, "clock": self.clock}
        exports = {**placed, "ask_save_path": self.ask_save_path}
        areas: list[tuple[str, str, Callable[[], Any]]] = []

        def area(key: str, title: str, make: Callable[[], Any]) -> None:
            areas.append((key, title, make))

        if actor.can(Perm.REVIEW_SHIFTS):
            area(
                "shifts",
                self.tr("Shift review"),
                lambda: ShiftReviewScreen(runner, self.backend, actor, **exports),
            )
        if actor.can(Perm.REVIEW_SHIFTS):
            sync_exceptions = SyncExceptionBackend(db)
            area(
                "sync_exceptions",
                self.tr("Sync exceptions"),
                lambda: SyncExceptionScreen(runner, sync_exceptions, actor, **exports),
            )
        if actor.can(Perm.REVIEW_SHIFTS) or actor.can(Perm.SETTLE):
            reports = ReportBackend(db)
            area(
                "reports",
                self.tr("Reports"),
                lambda: ReportScreen(runner, reports, actor, **exports),
            )
        if actor.can(Perm.SETTLE):
            settlements = SettlementBackend(db)
            area(
                "settlement",
                self.tr("Store settlement"),
                lambda: SettlementScreen(runner, settlements, actor, **exports),
            )
        if actor.can(Perm.MANAGE_CATALOG):
            catalog = CatalogBackend(db)
            area(
                "catalog",
                self.tr("Catalog"),
                lambda: CatalogScreen(runner, catalog, actor, **exports),
            )
            area(
                "coupons",
                self.tr("Coupons"),
                lambda: CouponScreen(runner, self.backend, actor, **exports),
            )
            area(
                "verifications",
                self.tr("Verification records"),
                lambda: VerificationScreen(runner, self.backend, actor, **exports),
            )
            card_key_backend = CardKeyBackend(db, self.card_keys)
            area(
                "card_keys",
                self.tr("Card-key pools"),
                lambda: CardKeyScreen(runner, card_key_backend, actor, **placed),
            )
            channels = ChannelBackend(db, self.card_keys)
            area(
                "channel_shops",
                self.tr("E-commerce channels"),
                lambda: ChannelShopScreen(runner, channels, actor, **exports),
            )
            area(
                "channel_orders",
                self.tr("E-commerce orders"),
                lambda: ChannelOrderScreen(runner, channels, actor, **exports),
            )
        if actor.can(Perm.MANAGE_STOCK):
            area(
                "stock",
                self.tr("Stock"),
                lambda: StockScreen(runner, self.backend, actor, **exports),
            )
            area(
                "vouchers",
                self.tr("Stock vouchers"),
                lambda: VoucherScreen(runner, self.backend, actor, **exports),
            )
            area(
                "low_stock",
                self.tr("Low stock"),
                lambda: LowStockScreen(runner, self.backend, actor, **exports),
            )
            stock_ops = StockOpsBackend(db)
            area(
                "stocktakes",
                self.tr("Stocktake"),
                lambda: StocktakeScreen(runner, stock_ops, actor, **exports),
            )
            area(
                "transfers",
                self.tr("Transfers"),
                lambda: TransferScreen(runner, stock_ops, actor, **exports),
            )
            area(
                "reservations",
                self.tr("Stock reservations"),
                lambda: ReservationScreen(runner, stock_ops, actor, **exports),
            )
        org = OrgBackend(db)
        if actor.can(Perm.MANAGE_STAFF):
            area("stores", self.tr("Stores"), lambda: StoreScreen(runner, org, actor, **exports))
        if actor.can(Perm.MANAGE_STAFF) or actor.can(Perm.CONFIGURE_TERMINAL):
            area(
                "terminals",
                self.tr("Terminals"),
                lambda: TerminalScreen(runner, org, actor, **exports),
            )
        if actor.can(Perm.MANAGE_STAFF) or actor.can(Perm.REVIEW_SHIFTS):
            area("staff", self.tr("Staff"), lambda: StaffScreen(runner, org, actor, **exports))
            area(
                "audit",
                self.tr("Audit log"),
                lambda: AuditScreen(runner, org, actor, **exports),
            )
        for key, title, make in areas:
            screen = make()
            self.areas[key] = screen
            main.areas.addWidget(screen.widget)
            main.nav.addItem(QListWidgetItem(title))
            screen.start()

    def _clear_areas(self) -> None:
        main = self.window.main_page
        main.nav.clear()
        # deleted now, screens (with the models they own) and their widgets together: an answer
        # still on its way finds its owner gone and is dropped by the runner; deferred deletion
        # let one arrive between the two and touch a half-deleted area
        for screen in self.areas.values():
            screen.setParent(None)
            shiboken6.delete(screen)
        while main.areas.count():
            widget = main.areas.widget(0)
            main.areas.removeWidget(widget)
            shiboken6.delete(widget)
        self.areas = {}

    def sign_out(self) -> None:
        self.actor = None
        self._clear_areas()
        self.window.pages.setCurrentWidget(self.window.login_page)
        self.window.login_page.account.setFocus()

    @property
    def shift_review(self) -> ShiftReviewScreen | None:
        return self.areas.get("shifts")


def build_backoffice(
    central_db: Database,
    *,
    clock: Clock | None = None,
    language: str = "zh_CN",
    ask_save_path: SavePathAsker | None = None,
    card_keys: CardKeySetup | None = None,
) -> BackofficeWindow:
    """The back-office window over the central database, at its sign-in page (not shown yet).

    ``ask_save_path``: where exports go (default: a save dialog); tests pass their own.
    ``clock``: what "today" is for the date filter (default: the database's clock, which also
    stamps reviews).
    ``card_keys``: the card-key encryption key as ``card_key_setup`` loaded and checked it
    (default: none configured; the card-key area then says how to configure one).
    """
    app = QApplication.instance()
    if app is None:
        raise RuntimeError("create the QApplication before build_backoffice()")
    lang = prepare_application(app, language)
    install_gui_gc(app)
    runner = OperationRunner()
    window = BackofficeWindow()
    runner.setParent(window)
    runner.default_error = lambda exc: log.error("back-office operation failed: %s", exc)
    backend = BackofficeBackend(central_db)
    controller = BackofficeController(
        window,
        runner,
        backend,
        clock=clock or central_db.clock,
        ask_save_path=ask_save_path,
        card_keys=card_keys,
    )
    window.runner = runner
    window.backend = backend
    window.controller = controller
    window.language = lang
    window.resize(*WINDOW_SIZE)
    window.login_page.account.setFocus()
    return window


def run(args: Any) -> int:
    """``storedesk backoffice``: open the central database and show the window until closed."""
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    paths = resolve_paths(getattr(args, "data_dir", None), getattr(args, "central", None))
    try:
        db = open_database(paths.central_url)
    except Exception as exc:  # an unreachable or unusable central database: say so and stop
        print(f"storedesk backoffice: cannot open the central database: {exc}", file=sys.stderr)
        return 2
    # the card-key encryption key: read from configuration once, checked against the pool
    card_keys = card_key_setup(db, paths.data_dir)
    if card_keys.error is not None:
        log.error("card keys unusable: %s", card_keys.error)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("StoreDesk")
    app.setOrganizationName("StoreDesk")
    window = build_backoffice(
        db, language=getattr(args, "lang", None) or "zh_CN", card_keys=card_keys
    )
    window.showMaximized()
    try:
        return app.exec()
    finally:
        window.runner.shutdown()
        db.dispose()
