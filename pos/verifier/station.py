"""The verifier station's behaviour: sign-in, scan → card → one confirm, refusals with their
reason, this station's history, and a manager's reversal.

Every service call runs on the operation runner, never on the GUI thread: signing in and the
manager's PIN are local writes (``write``); looking up, redeeming, reversing and the history go to
the central database (``device``, beside the writer; a redemption also journals locally in the
same call). A redemption carries a request id kept for the code on the card until it succeeds or
another code is scanned, so a retry after a lost answer can never redeem twice.

Keys on the station page: Enter in the scan field looks up what was typed or scanned, or — with
an empty field and a redeemable card — confirms; F2 confirms; Esc clears the field, then the card;
↑/↓ choose a history row; F4 camera on/off; F5 refresh the history; F6 reverse the chosen row (a
manager's account and PIN, and a reason); F10 signs out.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QItemSelectionModel,
    QObject,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QHeaderView

from pos.verifier.camera import CameraScanner
from pos.verifier.history_model import VerificationHistoryModel, kind_name
from pos.verifier.views import ReverseDialog, VerifierWindow, set_level
from pos.views.widgets import set_message
from shared.domain.clock import Clock, local_time
from shared.domain.errors import DomainError
from shared.domain.permissions import Perm
from shared.qt.errors import describe
from shared.qt.money import fmt_fen
from shared.qt.operations import OperationRunner
from shared.services import auth, verification
from shared.services.auth import Actor
from shared.services.context import TerminalContext
from shared.services.sync_status import CentralUnreachable
from shared.services.verification import (
    CodeCard,
    CouponInfo,
    Redemption,
    VerificationOffline,
    VerificationRefused,
)

if TYPE_CHECKING:
    from shared.db.uow import Database
    from shared.sync.gateway import CentralGateway

log = logging.getLogger(__name__)

GatewayFactory = Callable[[], "CentralGateway"]

#: how many of this station's verifications the history shows
HISTORY_LIMIT = 50
#: the history (and with it the connection state) is read again this often while signed in
POLL_MS = 30_000


# -- the station's door to the services (worker threads; plain data in and out) ------------------


class StationBackend:
    """Plain functions of plain data, each run on a worker by the operation runner.

    The gateway to the central database is made on first use, on a worker (opening it may block),
    and kept; a central database that cannot be reached surfaces as ``VerificationOffline``.
    """

    def __init__(self, db: Database, ctx: TerminalContext, gateway_factory: GatewayFactory) -> None:
        self.db = db
        self.ctx = ctx
        self._factory = gateway_factory
        self._gateway: CentralGateway | None = None
        self._lock = threading.Lock()

    def gateway(self) -> CentralGateway:
        with self._lock:
            if self._gateway is None:
                try:
                    self._gateway = self._factory()
                except CentralUnreachable as exc:
                    raise VerificationOffline(verification.OFFLINE_MESSAGE, cause=str(exc)) from exc
            return self._gateway

    def login(self, account: str, password: str) -> Actor:
        with self.db.uow() as uow:
            return verification.login_verifier(uow, self.ctx, account, password)

    def approve(self, account: str, pin: str, requested_by: Actor | None) -> Actor:
        with self.db.uow() as uow:
            return auth.approve(
                uow,
                account,
                pin,
                store_id=self.ctx.store_id,
                action="verification.reverse",
                requested_by=requested_by,
                attempts=self.ctx.lockout_attempts,
                minutes=self.ctx.lockout_minutes,
            )

    def look_up(self, actor: Actor, text: str) -> CodeCard:
        return verification.look_up(self.gateway(), self.ctx, actor, text)

    def redeem(self, actor: Actor, text: str, request_id: str) -> Redemption:
        return verification.redeem(
            self.db, self.gateway(), self.ctx, actor, text, request_id=request_id
        )

    def reverse(self, approver: Actor, verification_id: str, reason: str) -> Redemption:
        return verification.reverse(
            self.db, self.gateway(), self.ctx, approver, verification_id, reason
        )

    def history(self, limit: int = HISTORY_LIMIT) -> list[Redemption]:
        return verification.history(self.gateway(), self.ctx, limit)

    def close(self) -> None:
        """Release the central database (at exit, after the runner's work is done)."""
        with self._lock:
            gateway, self._gateway = self._gateway, None
        close = getattr(gateway, "close", None)
        if callable(close):
            close()


# -- words ----------------------------------------------------------------------------------------


def _plain(value: Decimal) -> str:
    """``Decimal("12.50")`` → ``12.5``, ``Decimal("20")`` → ``20``."""
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def yuan(fen: int) -> str:
    """``5000`` → ``50``, ``1250`` → ``12.5`` (as a rule is said: 满50减10)."""
    return _plain(Decimal(int(fen)) / 100)


def rule_text(c: CouponInfo) -> str:
    """A coupon's rule in words: 满50减10, 8折 最多减20, 兑换: <item>."""
    if c.type == "threshold":
        if c.threshold_fen > 0:
            return QCoreApplication.translate(
                "VerifierStation", "Spend {threshold}, get {amount} off"
            ).format(threshold=yuan(c.threshold_fen), amount=yuan(c.amount_off_fen))
        return QCoreApplication.translate("VerifierStation", "{amount} off").format(
            amount=yuan(c.amount_off_fen)
        )
    if c.type == "discount":
        percent = _plain(Decimal(c.off_bp) / 100)
        zhe = _plain(Decimal(10_000 - c.off_bp) / 1000)
        if c.cap_fen:
            return QCoreApplication.translate(
                "VerifierStation",
                "{percent}% off, at most {cap} off",
                "{zhe}: the 折 figure, 8 for 20% off",
            ).format(percent=percent, zhe=zhe, cap=yuan(c.cap_fen))
        return QCoreApplication.translate(
            "VerifierStation", "{percent}% off", "{zhe}: the 折 figure, 8 for 20% off"
        ).format(percent=percent, zhe=zhe)
    if c.type == "exchange":
        return QCoreApplication.translate("VerifierStation", "Exchange: {item}").format(
            item=c.exchange_item or QCoreApplication.translate("VerifierStation", "one given item")
        )
    return c.type


def coupon_type_name(kind: str) -> str:
    return {
        "threshold": QCoreApplication.translate("VerifierStation", "Spend-and-save coupon"),
        "discount": QCoreApplication.translate("VerifierStation", "Discount coupon"),
        "exchange": QCoreApplication.translate("VerifierStation", "Exchange coupon"),
    }.get(kind, kind)


def state_name(kind: str, state: str) -> str:
    if kind == "pickup":
        return {
            "open": QCoreApplication.translate("VerifierStation", "Awaiting pickup"),
            "collected": QCoreApplication.translate("VerifierStation", "Collected"),
        }.get(state, state)
    return {
        "unused": QCoreApplication.translate("VerifierStation", "Unused"),
        "used": QCoreApplication.translate("VerifierStation", "Already redeemed"),
        "expired": QCoreApplication.translate("VerifierStation", "Expired"),
        "void": QCoreApplication.translate("VerifierStation", "Voided"),
    }.get(state, state)


def _period(period: str) -> str:
    return {
        "day": QCoreApplication.translate("VerifierStation", "day"),
        "week": QCoreApplication.translate("VerifierStation", "week"),
        "month": QCoreApplication.translate("VerifierStation", "month"),
        "half_year": QCoreApplication.translate("VerifierStation", "half year"),
        "year": QCoreApplication.translate("VerifierStation", "year"),
    }.get(period, period)


def reason_text(
    reason: str, message: str, details: dict[str, Any], scanned: str = ""
) -> str | None:
    """A central refusal (its reason code and details) in the interface language, or None."""
    d = details or {}

    def get(key: str, fallback: str = "-") -> str:
        value = d.get(key)
        return str(value) if value not in (None, "") else fallback

    shown = scanned if scanned and len(scanned) <= 40 else ""
    texts: dict[str, Callable[[], str]] = {
        "already_redeemed": lambda: (
            (
                QCoreApplication.translate(
                    "VerifierStation", "Already collected at {store} by {verifier} at {time}"
                )
                if d.get("kind") == "pickup" or message.startswith("already collected")
                else QCoreApplication.translate(
                    "VerifierStation", "Already redeemed at {store} by {verifier} at {time}"
                )
            ).format(store=get("store"), verifier=get("verifier"), time=get("local_time"))
            if d.get("store")
            else QCoreApplication.translate("VerifierStation", "This code was already redeemed")
        ),
        "wrong_store": lambda: QCoreApplication.translate(
            "VerifierStation", "Not valid at this store ({store})"
        ).format(store=get("store")),
        "expired": lambda: QCoreApplication.translate(
            "VerifierStation", "Expired (valid until {until})"
        ).format(until=get("valid_until")),
        "not_yet_valid": lambda: QCoreApplication.translate(
            "VerifierStation", "Not valid yet (valid from {since})"
        ).format(since=get("valid_from")),
        "code_void": lambda: QCoreApplication.translate(
            "VerifierStation", "This code was voided by head office"
        ),
        "coupon_disabled": lambda: QCoreApplication.translate(
            "VerifierStation", "This coupon was disabled by head office"
        ),
        "other_enterprise": lambda: QCoreApplication.translate(
            "VerifierStation", "This code belongs to another company"
        ),
        "unknown_code": lambda: (
            QCoreApplication.translate("VerifierStation", "Unknown code {code}").format(code=shown)
            if shown
            else QCoreApplication.translate("VerifierStation", "Unknown code")
        ),
        "unknown_pickup": lambda: QCoreApplication.translate(
            "VerifierStation", "No open pickup order with code {code} at this store"
        ).format(code=shown or "-"),
        "code_empty": lambda: QCoreApplication.translate("VerifierStation", "Scan or type a code"),
        "code_too_long": lambda: QCoreApplication.translate(
            "VerifierStation", "That is too long to be a code"
        ),
        "code_format": lambda: QCoreApplication.translate(
            "VerifierStation", "Not a coupon or pickup code: {value}"
        ).format(value=get("value", shown)),
        "code_check": lambda: QCoreApplication.translate(
            "VerifierStation", "Not a valid coupon code (mistyped?): {value}"
        ).format(value=get("value", shown)),
        "qr_bad_signature": lambda: QCoreApplication.translate(
            "VerifierStation", "The QR code is not valid: forged or altered"
        ),
        "qr_truncated": lambda: QCoreApplication.translate(
            "VerifierStation",
            "The QR code is incomplete: ask the customer to refresh it and scan again",
        ),
        "qr_expired": lambda: QCoreApplication.translate(
            "VerifierStation",
            "The QR code has expired: ask the customer to refresh it and scan again",
        ),
        "qr_malformed": lambda: QCoreApplication.translate(
            "VerifierStation", "That is not one of our coupon QR codes"
        ),
        "limit_daily_total": lambda: QCoreApplication.translate(
            "VerifierStation", "This coupon has reached today's limit of {limit} redemptions"
        ).format(limit=get("limit")),
        "limit_device": lambda: QCoreApplication.translate(
            "VerifierStation", "This coupon has reached this station's daily limit of {limit}"
        ).format(limit=get("limit")),
        "limit_user": lambda: QCoreApplication.translate(
            "VerifierStation",
            "This customer has reached the limit of {limit} per {period} for this coupon",
        ).format(limit=get("limit"), period=_period(get("period", ""))),
        "verifier_role": lambda: QCoreApplication.translate(
            "VerifierStation", "This account does not have the verifier role"
        ),
        "verifier_unknown": lambda: QCoreApplication.translate(
            "VerifierStation", "This account cannot verify codes"
        ),
        "verifier_store": lambda: QCoreApplication.translate(
            "VerifierStation", "You do not work at this store ({store})"
        ).format(store=get("store")),
        "unknown_store": lambda: QCoreApplication.translate(
            "VerifierStation", "This station's store is not known at head office"
        ),
        "request_id_reused": lambda: QCoreApplication.translate(
            "VerifierStation", "Scan the code again"
        ),
        # reversals
        "reason_required": lambda: QCoreApplication.translate(
            "VerifierStation", "Give a reason for the reversal"
        ),
        "text_too_long": lambda: QCoreApplication.translate(
            "VerifierStation", "The reason is too long (at most 200 characters)"
        ),
        "unknown_verification": lambda: QCoreApplication.translate(
            "VerifierStation", "That verification is not known at head office"
        ),
        "approver_unknown": lambda: QCoreApplication.translate(
            "VerifierStation", "The approving account is not known at head office"
        ),
        "approver_role": lambda: QCoreApplication.translate(
            "VerifierStation", "That person cannot approve a reversal"
        ),
        "approver_store": lambda: QCoreApplication.translate(
            "VerifierStation", "That manager does not manage this store"
        ),
        "not_reversible": lambda: QCoreApplication.translate(
            "VerifierStation", "This verification was already reversed"
        ),
        "verification_in_sale": lambda: QCoreApplication.translate(
            "VerifierStation", "This coupon was used in a sale: refund the sale instead"
        ),
        "reverse_window": lambda: QCoreApplication.translate(
            "VerifierStation",
            "Too late to reverse: a verification can be reversed within {minutes} minutes",
        ).format(minutes=get("minutes")),
        "pickup_code_reused": lambda: QCoreApplication.translate(
            "VerifierStation", "Another open pickup order now has this code"
        ),
    }
    make = texts.get(reason)
    return make() if make is not None else None


def explain(exc: BaseException, scanned: str = "") -> str:
    """What to tell the verifier about a failed look-up, redemption or reversal."""
    if isinstance(exc, VerificationOffline):
        return QCoreApplication.translate(
            "VerifierStation", "Verification needs a connection to head office"
        )
    if isinstance(exc, VerificationRefused):
        text = reason_text(exc.code, exc.message, exc.details, scanned)
        if text is not None:
            return text
    return describe(exc)


# -- the controller -------------------------------------------------------------------------------


class VerifierStation(QObject):
    """Sign-in and station pages of a ``VerifierWindow``."""

    #: a card is shown (``CodeCard``) or cleared (None)
    card_changed = Signal(object)
    #: a code was redeemed (``Redemption``)
    redeemed = Signal(object)
    #: a look-up or redemption was refused (the exception, or the card's ``Refusal``)
    refused = Signal(object)
    #: a verification was reversed (``Redemption``)
    reversed = Signal(object)
    #: the history was read again
    history_loaded = Signal()

    def __init__(
        self,
        window: VerifierWindow,
        runner: OperationRunner,
        backend: StationBackend,
        ctx: TerminalContext,
        clock: Clock,
        camera_source: QObject | None,
        parent: QObject | None = None,
        *,
        poll_ms: int = POLL_MS,
    ) -> None:
        super().__init__(parent)
        self.window = window
        self.runner = runner
        self.backend = backend
        self.ctx = ctx
        self.clock = clock
        self.login_view = window.login_view
        self.view = window.station_view
        self.actor: Actor | None = None
        self.card: CodeCard | None = None
        #: what was scanned for the card (a code, a QR payload, a pickup code)
        self.card_text = ""
        #: (code, request id) of the redemption being tried for the card's code
        self._request: tuple[str, str] | None = None
        self._lookup_seq = 0
        #: the look-up whose answer is on screen (behind ``_lookup_seq`` while one is on its way)
        self._shown_seq = 0
        self._redeeming = False
        self._signing_in = False
        self._history_running = False
        #: None: not asked yet; True: the central database answered; False: it did not
        self.online: bool | None = None
        self.dialogs: list[QDialog] = []

        self.history = VerificationHistoryModel(self)
        self.view.history.setModel(self.history)
        header = self.view.history.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(VerificationHistoryModel.WHAT, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(72)

        self.camera = CameraScanner(camera_source, self.view.camera, self)
        self.camera.scanned.connect(lambda text: self.scan_text(text, from_camera=True))

        self._wire_login()
        self._wire_station()
        self.runner.busy_changed.connect(self._busy_changed)
        self._poll = QTimer(self)
        self._poll.setInterval(poll_ms)
        self._poll.timeout.connect(self._poll_due)
        self._clock_timer = QTimer(self)
        self._clock_timer.setInterval(10_000)
        self._clock_timer.timeout.connect(self._tick)
        self._tick()
        window.status_store.setText(
            self.tr("{store} · {name} · Verifier station {number}").format(
                store=ctx.store_code, name=ctx.store_name, number=ctx.number
            )
        )

    # -- life -----------------------------------------------------------------------------------
    def start(self) -> None:
        self._clock_timer.start()
        self.show_login()

    def shutdown(self) -> None:
        """Stop timers and the camera (at exit; the runner is shut down by the caller)."""
        self._poll.stop()
        self._clock_timer.stop()
        self.camera.close()
        for dialog in list(self.dialogs):
            dialog.done(0)

    def may_close(self) -> bool:
        """The window may close unless a write or a redemption is still running."""
        return not self.runner.busy and not self._redeeming

    @property
    def active_dialog(self) -> QDialog | None:
        return self.dialogs[-1] if self.dialogs else None

    def refocus(self) -> None:
        self.window.activateWindow()
        if self.window.pages.currentWidget() is self.view:
            self.view.scan.setFocus()
        else:
            self.login_view.account.setFocus()

    # -- sign-in --------------------------------------------------------------------------------
    def _wire_login(self) -> None:
        v = self.login_view
        v.store.setText(self.ctx.store_name)
        v.terminal.setText(
            self.tr("Store {code} · Verifier station {number}").format(
                code=self.ctx.store_code, number=self.ctx.number
            )
        )
        v.account.returnPressed.connect(self._account_entered)
        v.password.returnPressed.connect(self.sign_in)
        v.sign_in.clicked.connect(self.sign_in)

    def show_login(self) -> None:
        v = self.login_view
        v.account.clear()
        v.password.clear()
        set_message(v.message, "", "info")
        self.window.status_verifier.setText("")
        self.window.show_login()
        v.account.setFocus()

    def _account_entered(self) -> None:
        if self.login_view.account.text().strip():
            self.login_view.password.setFocus()

    def sign_in(self) -> None:
        if self._signing_in:
            return
        v = self.login_view
        account = v.account.text().strip()
        password = v.password.text()
        if not account:
            set_message(v.message, self.tr("Enter your account"))
            v.account.setFocus()
            return
        if not password:
            set_message(v.message, self.tr("Enter your password"))
            v.password.setFocus()
            return
        self._signing_in = True
        v.sign_in.setEnabled(False)
        set_message(v.message, self.tr("Signing in…"), "info")
        self.runner.run(
            lambda: self.backend.login(account, password),
            kind="write",
            on_done=self._signed_in,
            on_error=self._sign_in_refused,
            owner=v,
            label="verifier login",
        )

    def _sign_in_refused(self, exc: BaseException) -> None:
        self._signing_in = False
        v = self.login_view
        v.sign_in.setEnabled(True)
        if isinstance(exc, DomainError) and exc.code in ("permission_denied", "wrong_store"):
            text = self.tr("This account may not verify codes at this store")
        elif isinstance(exc, DomainError) and exc.code == "bad_credentials":
            left = exc.details.get("attempts_left")
            text = (
                self.tr("Wrong account or password ({left} attempts left)").format(left=left)
                if left is not None
                else self.tr("Wrong account or password")
            )
        else:
            text = describe(exc)
        set_message(v.message, text, "error")
        v.password.clear()
        v.password.setFocus()

    def _signed_in(self, actor: Actor) -> None:
        self._signing_in = False
        self.login_view.sign_in.setEnabled(True)
        self.login_view.password.clear()
        set_message(self.login_view.message, "", "info")
        self.actor = actor
        self.window.status_verifier.setText(self.tr("Verifier: {name}").format(name=actor.name))
        if self.online is None:
            self.window.status_connection.setText(self.tr("Head office: checking…"))
        self.clear_card()
        self.history.set_rows([])
        self.window.show_station()
        self.view.scan.clear()
        self.view.scan.setFocus()
        self.refresh_history()
        self._poll.start()
        self.camera.start()

    def sign_out(self) -> None:
        if self._redeeming or self.dialogs:
            return
        self._poll.stop()
        self.camera.stop()
        self.actor = None
        self._lookup_seq += 1  # results still on their way are dropped
        self.clear_card()
        self.history.set_rows([])
        self.show_login()

    # -- the station page -----------------------------------------------------------------------
    def _wire_station(self) -> None:
        v = self.view
        v.scan.returnPressed.connect(self.enter)
        v.scan.installEventFilter(self)
        v.confirm.clicked.connect(self.confirm)
        v.clear_button.clicked.connect(self.escape)
        v.refresh.clicked.connect(self.refresh_history)
        v.reverse.clicked.connect(self.reverse_selected)
        v.sign_out.clicked.connect(self.sign_out)
        v.history.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.shortcuts: dict[str, QShortcut] = {}
        for name, key, fn in (
            ("confirm", Qt.Key.Key_F2, self.confirm),
            ("clear", Qt.Key.Key_Escape, self.escape),
            ("camera", Qt.Key.Key_F4, self.camera.toggle),
            ("refresh", Qt.Key.Key_F5, self.refresh_history),
            ("reverse", Qt.Key.Key_F6, self.reverse_selected),
            ("sign_out", Qt.Key.Key_F10, self.sign_out),
        ):
            sc = QShortcut(QKeySequence(key), v, fn)
            sc.setContext(Qt.ShortcutContext.WindowShortcut)
            self.shortcuts[name] = sc
        self._update_buttons()

    def eventFilter(self, obj, event) -> bool:
        if (
            obj is self.view.scan
            and event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down)
        ):
            self._move_selection(-1 if event.key() == Qt.Key.Key_Up else 1)
            return True
        return super().eventFilter(obj, event)

    def _move_selection(self, step: int) -> None:
        count = self.history.rowCount()
        if not count:
            return
        current = self._selected_row()
        row = 0 if current < 0 else max(0, min(count - 1, current + step))
        self._select_row(row)

    def _selected_row(self) -> int:
        rows = self.view.history.selectionModel().selectedRows()
        return rows[0].row() if rows else -1

    def _select_row(self, row: int) -> None:
        table = self.view.history
        index = self.history.index(row, 0)
        table.selectionModel().select(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        table.scrollTo(index)

    def enter(self) -> None:
        """Enter in the scan field: look up what is in it, or confirm the card when it is empty."""
        text = self.view.scan.text().strip()
        if text:
            self.view.scan.clear()
            self.scan_text(text)
        else:
            self.confirm()

    def scan_text(self, text: str, *, from_camera: bool = False) -> None:
        """Look up a scanned or typed code and show its card."""
        if self.actor is None or self.window.pages.currentWidget() is not self.view:
            return
        if self.dialogs:
            return
        if self._redeeming:
            if not from_camera:
                self._banner(self.tr("Still redeeming the previous code: scan again"), "busy")
            return
        self._lookup_seq += 1
        seq = self._lookup_seq
        actor = self.actor
        self._banner(self.tr("Looking up {code}…").format(code=_short(text)), "busy")
        self._update_buttons()  # no confirming the old card while the new code is looked up
        self.runner.run(
            lambda: self.backend.look_up(actor, text),
            kind="device",
            lane="lookup",
            on_done=lambda card: self._card_arrived(seq, text, card),
            on_error=lambda exc: self._lookup_failed(seq, text, exc),
            owner=self.view,
            label="verify lookup",
        )

    def _card_arrived(self, seq: int, text: str, card: CodeCard) -> None:
        if seq != self._lookup_seq:
            return
        self._shown_seq = seq
        self._set_online(True)
        if self._request is not None and self._request[0] != card.code:
            self._request = None  # another code: its own request id when it is redeemed
        self.card = card
        self.card_text = text
        self._show_card(card)
        if card.redeemable:
            self._banner(self.tr("Check the conditions, then press Enter or F2 to redeem"), "info")
        elif card.refusal is not None:
            r = card.refusal
            self._banner(
                reason_text(r.reason, r.message, r.details, text) or r.message,
                "error",
            )
        else:
            self._banner(self.tr("This code cannot be redeemed"), "error")
        self._update_buttons()
        self.card_changed.emit(card)
        if card.refusal is not None:
            self.refused.emit(card.refusal)

    def _lookup_failed(self, seq: int, text: str, exc: BaseException) -> None:
        if seq != self._lookup_seq:
            return
        self._shown_seq = seq
        self._note_connection(exc)
        self._drop_card()
        self._banner(explain(exc, text), "error")
        self._update_buttons()
        self.refused.emit(exc)

    # -- confirm --------------------------------------------------------------------------------
    def confirm(self) -> None:
        """Redeem the code on the card (one confirm)."""
        card = self.card
        if self.actor is None or card is None or self._redeeming or self.dialogs:
            return
        if self._lookup_pending:  # another code was scanned: its card comes first
            return
        if not card.redeemable:
            return
        if self._request is None or self._request[0] != card.code:
            self._request = (card.code, verification.new_request_id())
        request_id = self._request[1]
        actor, text = self.actor, self.card_text
        self._redeeming = True
        self._update_buttons()
        self._banner(self.tr("Redeeming {code}…").format(code=card.display_code), "busy")
        self.runner.run(
            lambda: self.backend.redeem(actor, text, request_id),
            kind="device",
            on_done=self._redeemed,
            on_error=self._redeem_failed,
            owner=self.view,
            label="redeem",
        )

    def _redeemed(self, done: Redemption) -> None:
        self._redeeming = False
        self._request = None
        self._set_online(True)
        if self.card is not None and self.card.code == done.code:
            self.card = replace(self.card, redeemable=False, state="used", refusal=None)
            self._show_card(self.card, just_redeemed=True)
        if done.kind == "pickup":
            text = self.tr("Collected: order {order} (code {code}) at {time}").format(
                order=done.order_no, code=done.display_code, time=done.local_time
            )
        else:
            text = self.tr("Redeemed: {name} ({code}) at {time}").format(
                name=done.coupon_name, code=done.display_code, time=done.local_time
            )
        self._banner(text, "ok")
        row = self.history.put(done)
        self._select_row(row)
        self._update_buttons()
        self.view.scan.setFocus()
        self.redeemed.emit(done)
        self.refresh_history()

    def _redeem_failed(self, exc: BaseException) -> None:
        self._redeeming = False
        self._note_connection(exc)
        if isinstance(exc, VerificationRefused) and self.card is not None:
            # the central side decided: this card cannot be redeemed (the request id is kept
            # for this code, so a retry could only ever give the original answer back)
            state = self.card.state
            if exc.code == "already_redeemed":  # someone else was quicker
                state = "collected" if self.card.kind == "pickup" else "used"
            self.card = replace(self.card, redeemable=False, state=state)
            self._show_card(self.card)
            self._banner(explain(exc, self.card_text), "error")
        elif isinstance(exc, VerificationOffline):
            self._banner(
                self.tr(
                    "{reason}. Press Enter to try again once it is back: "
                    "a code is never redeemed twice."
                ).format(reason=explain(exc)),
                "error",
            )
        else:  # the answer may have been lost: the same request id is sent again on retry
            log.warning("redemption failed: %r", exc)
            self._banner(
                self.tr("{reason}. Press Enter to try again.").format(reason=explain(exc)),
                "error",
            )
        self._update_buttons()
        self.view.scan.setFocus()
        self.refused.emit(exc)

    def escape(self) -> None:
        """Esc: clear the scan field; when it is empty, clear the card."""
        if self.dialogs:
            return
        if self.view.scan.text():
            self.view.scan.clear()
            return
        if self._redeeming:
            return
        self._lookup_seq += 1
        self.clear_card()

    def clear_card(self) -> None:
        self._drop_card()
        self._banner(
            self.tr("Ready: scan a coupon code, a customer's QR code or a pickup code"), "info"
        )
        self._update_buttons()

    def _drop_card(self) -> None:
        if self.card is not None:
            self.card_changed.emit(None)
        self.card = None
        self.card_text = ""
        self.view.card.clear()
        self.camera.reset()

    # -- the card -------------------------------------------------------------------------------
    def _show_card(self, card: CodeCard, *, just_redeemed: bool = False) -> None:
        v = self.view.card
        if card.kind == "pickup":
            kind = self.tr("Pickup order")
            name = card.pickup.description if card.pickup else ""
        else:
            kind = coupon_type_name(card.coupon.type) if card.coupon else self.tr("Coupon")
            name = card.coupon.name if card.coupon else card.display_code
        if card.via_qr:
            kind = self.tr("{kind} · customer's QR code").format(kind=kind)
        if just_redeemed:
            state = (
                self.tr("Collected just now")
                if card.kind == "pickup"
                else self.tr("Redeemed just now")
            )
            state_level, level = "ok", "ok"
        else:
            state = state_name(card.kind, card.state)
            state_level = "ok" if card.redeemable else "error"
            level = "" if card.redeemable else "error"
        v.set_head(kind, name, state, state_level, level)
        v.set_value("code", card.display_code)
        v.set_value("customer", card.phone or "")
        c = card.coupon
        if c is not None:
            v.set_value("rule", rule_text(c))
            v.set_value(
                "validity",
                self.tr("{start} to {end}").format(
                    start=self._local(c.valid_from), end=self._local(c.valid_until)
                ),
            )
            v.set_value(
                "stores",
                self.tr("All stores")
                if c.store_scope == "all"
                else self.tr("Only at {stores}").format(stores=", ".join(c.stores) or "-"),
            )
            v.set_value(
                "funding",
                self.tr("Platform (head office)")
                if c.funded_by == "platform"
                else self.tr("Store"),
            )
            v.set_value(
                "note",
                self.tr("Stacks with other offers")
                if c.stackable
                else self.tr("Does not stack with other offers"),
            )
        else:
            for key in ("rule", "validity", "stores", "funding", "note"):
                v.set_value(key, "")
        p = card.pickup
        v.set_value("order", p.order_no if p else "")
        v.set_value("amount", fmt_fen(p.amount_fen) if p else "")
        if p is not None and p.phone and not card.phone:
            v.set_value("customer", p.phone)

    def _local(self, iso: str) -> str:
        try:
            at = datetime.fromisoformat(iso)
        except (TypeError, ValueError):
            return iso
        if at.tzinfo is None:
            return at.strftime("%Y-%m-%d %H:%M")
        return local_time(at, self.ctx.timezone).strftime("%Y-%m-%d %H:%M")

    # -- history --------------------------------------------------------------------------------
    def refresh_history(self) -> None:
        if self.actor is None or self._history_running:
            return
        self._history_running = True
        self.runner.run(
            lambda: self.backend.history(HISTORY_LIMIT),
            kind="device",
            lane="history",
            on_done=self._history_arrived,
            on_error=self._history_failed,
            owner=self.view,
            label="verification history",
        )

    def _history_arrived(self, rows: list[Redemption]) -> None:
        self._history_running = False
        self._set_online(True)
        chosen = self.history.row_at(self._selected_row())
        self.history.set_rows(rows)
        if chosen is not None:
            row = self.history.row_of(chosen.verification_id)
            if row >= 0:
                self._select_row(row)
        self._update_buttons()
        self.history_loaded.emit()

    def _history_failed(self, exc: BaseException) -> None:
        self._history_running = False
        self._note_connection(exc)
        if not isinstance(exc, VerificationOffline):
            log.warning("history: %r", exc)

    def _poll_due(self) -> None:
        if self.window.pages.currentWidget() is self.view and not self._redeeming:
            self.refresh_history()

    # -- reversal -------------------------------------------------------------------------------
    def reverse_selected(self) -> None:
        """F6: a manager reverses the chosen history row (their PIN and a reason)."""
        if self.actor is None or self.dialogs or self._redeeming:
            return
        row = self._selected_row()
        if row < 0 and self.history.rowCount():
            row = 0
            self._select_row(0)
        chosen = self.history.row_at(row)
        if chosen is None:
            self._banner(
                self.tr("Nothing to reverse: this station has no verifications yet"), "error"
            )
            return
        if not self.history.reversible(chosen):
            self._banner(
                self.tr("Only a redeemed code can be reversed: choose another row (↑/↓)"), "error"
            )
            return
        what = self.tr(
            "Reverse this verification? {kind} {code} ({what}), verified at {time} by "
            "{verifier}. The code becomes usable again."
        ).format(
            kind=kind_name(chosen.kind),
            code=chosen.display_code,
            what=chosen.coupon_name or chosen.order_no,
            time=chosen.local_time,
            verifier=chosen.verifier,
        )
        prefill = self.actor.account if self.actor.can(Perm.APPROVE, self.ctx.store_id) else ""
        dialog = ReverseDialog(what, self.window, account=prefill)
        requested_by = self.actor

        def submitted(account: str, pin: str) -> None:
            reason = dialog.reason.text().strip()
            self.runner.run(
                lambda: self.backend.approve(account, pin, requested_by),
                kind="write",
                owner=dialog,
                on_done=lambda approver: approved(approver, reason),
                on_error=lambda exc: dialog.refused(describe(exc)),
                label="approve reversal",
            )

        def approved(approver: Actor, reason: str) -> None:
            dialog.show_info(self.tr("Reversing…"))
            self.runner.run(
                lambda: self.backend.reverse(approver, chosen.verification_id, reason),
                kind="device",
                owner=dialog,
                on_done=lambda done: finished(done, approver),
                on_error=failed,
                label="reverse verification",
            )

        def finished(done: Redemption, approver: Actor) -> None:
            dialog.set_busy(False)
            dialog.accept()
            self._set_online(True)
            row = self.history.put(done)
            self._select_row(row)
            self._banner(
                self.tr("Reversed: {code} ({what}), approved by {manager}").format(
                    code=done.display_code,
                    what=done.coupon_name or done.order_no,
                    manager=approver.name,
                ),
                "ok",
            )
            if self.card is not None and self.card.code == done.code:
                self._drop_card()
            self._update_buttons()
            self.reversed.emit(done)
            self.refresh_history()

        def failed(exc: BaseException) -> None:
            self._note_connection(exc)
            dialog.set_busy(False)
            dialog.show_error(explain(exc))

        dialog.submitted.connect(submitted)
        self._open_dialog(dialog)

    def _open_dialog(self, dialog: QDialog) -> None:
        self.dialogs.append(dialog)

        def closed(_result: int) -> None:
            if dialog in self.dialogs:
                self.dialogs.remove(dialog)
            if not self.dialogs:
                self.refocus()
            dialog.deleteLater()

        dialog.finished.connect(closed)
        dialog.open()
        dialog.raise_()
        dialog.activateWindow()

    # -- state shown ----------------------------------------------------------------------------
    @property
    def _lookup_pending(self) -> bool:
        return self.card is not None and self._shown_seq != self._lookup_seq

    def _banner(self, text: str, level: str) -> None:
        self.view.banner.show_text(text, level)

    def _update_buttons(self) -> None:
        v = self.view
        v.confirm.setEnabled(
            self.card is not None
            and self.card.redeemable
            and not self._redeeming
            and not self._lookup_pending
        )
        v.clear_button.setEnabled(not self._redeeming)
        chosen = self.history.row_at(self._selected_row())
        v.reverse.setEnabled(
            not self._redeeming and (chosen is None or self.history.reversible(chosen))
        )

    def _note_connection(self, exc: BaseException) -> None:
        if isinstance(exc, VerificationOffline):
            self._set_online(False)
        elif isinstance(exc, VerificationRefused):
            self._set_online(True)  # the central side answered

    def _set_online(self, online: bool) -> None:
        self.online = online
        label = self.window.status_connection
        if online:
            label.setText(self.tr("Head office: connected"))
            set_level(label, "ok")
        else:
            label.setText(self.tr("Head office: not reachable, verification unavailable"))
            set_level(label, "error")

    def _busy_changed(self, busy: bool) -> None:
        self.window.status_busy.setText(self.tr("Saving…") if busy else "")

    def _tick(self) -> None:
        now = local_time(self.clock.now(), self.ctx.timezone)
        self.window.status_clock.setText(now.strftime("%Y-%m-%d %H:%M"))


def _short(text: str) -> str:
    return text if len(text) <= 24 else text[:21] + "…"
