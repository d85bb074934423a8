"""The counter as a whole: which page shows, the status bar (with the sync indicator), the
customer display.

Made by ``pos.app.build_counter``; holds the screens and wires sign-in -> shift -> sale -> close.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel

from pos.backend import LoginOutcome
from pos.screens.base import Parts
from pos.screens.login_screen import LoginScreen
from pos.screens.printing import PrintController
from pos.screens.sale_screen import SaleScreen
from pos.screens.shift_screen import ShiftScreen
from pos.screens.sync_controller import RoundOutcome, SyncController
from pos.views.customer_display import CustomerDisplayView
from shared.domain.clock import local_time
from shared.printing.qr import qr_matrix
from shared.qt.errors import describe
from shared.qt.money import fmt_fen
from shared.services.sales import SaleResult


class Counter(QObject):
    def __init__(
        self,
        parts: Parts,
        *,
        customer_display: bool = False,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.parts = parts
        self.window = parts.window
        self.session = parts.session
        self.runner = parts.runner
        assert parts.printing is not None
        self.printing: PrintController = parts.printing
        parts.refocus = self.refocus
        self.login = LoginScreen(parts, self)
        self.sale = SaleScreen(parts, self)
        self.shift = ShiftScreen(parts, self)
        self.login.signed_in.connect(self._signed_in)
        self.shift.ready.connect(self._ready)
        self.shift.signed_out.connect(self.show_login)
        self.sale.shift_menu_requested.connect(self.shift.menu)
        self.session.staff_changed.connect(self._update_status)
        self.session.cart_changed.connect(self._update_display)
        self.session.sale_completed.connect(self._sale_done)
        self.printing.state_changed.connect(self._update_print_status)
        self.runner.busy_changed.connect(self._update_busy)
        self.display: CustomerDisplayView | None = None
        if customer_display:
            self.display = CustomerDisplayView()
            self.display.store.setText(self.session.ctx.store_name)
        self._clock = QTimer(self)
        self._clock.setInterval(20_000)
        self._clock.timeout.connect(self._tick)
        self.sync: SyncController | None = parts.sync
        if self.sync is not None:
            sync = self.sync
            sync.state_changed.connect(self._update_sync_status)
            sync.manual_finished.connect(self._sync_done)
            self.session.document_committed.connect(sync.kick)
            self.session.staff_changed.connect(sync.refresh)
            self.window.status_sync.clicked.connect(sync.sync_now)
            self.window.status_sync_warning.clicked.connect(sync.sync_now)
            self.window.status_sync.show()
        self._clock.start()
        self._tick()
        self._update_status()
        self._update_print_status()

    # -- pages ----------------------------------------------------------------------------------
    def start(self) -> None:
        self.printing.refresh()
        if self.sync is not None:
            self.sync.start()
        self.show_login()
        if self.display is not None:
            screens = QGuiApplication.screens()
            if len(screens) > 1:  # full screen on the customer's side
                self.display.setGeometry(screens[1].geometry())
                self.display.showFullScreen()
            else:
                self.display.show()

    def show_login(self) -> None:
        self.window.show_login()
        self.login.start()

    def _signed_in(self, outcome: LoginOutcome) -> None:
        self.shift.after_login(outcome)

    def _ready(self) -> None:
        self._update_status()
        self.sale.activate()

    def refocus(self) -> None:
        self.window.activateWindow()
        if self.window.pages.currentWidget() is self.window.sale_view:
            self.sale.focus_scan()
        else:
            self.window.login_view.account.setFocus()

    def may_close(self) -> bool:
        """The window may close unless a write is still running (it finishes first)."""
        return not self.runner.busy

    # -- status bar -------------------------------------------------------------------------------
    def _update_status(self) -> None:
        w = self.window
        s = self.session
        ctx = s.ctx
        w.status_terminal.setText(
            self.tr("{store} ({code}) · Terminal {number}").format(
                store=ctx.store_name, code=ctx.store_code, number=ctx.number
            )
        )
        if s.actor is None:
            w.status_cashier.setText(self.tr("Not signed in"))
            w.status_shift.setText("")
            return
        w.status_cashier.setText(self.tr("Cashier: {name}").format(name=s.actor.name))
        if s.shift is None:
            w.status_shift.setText(self.tr("No open shift"))
        else:
            opened = local_time(s.shift.opened_at, ctx.timezone).strftime("%m-%d %H:%M")
            w.status_shift.setText(
                self.tr("Shift since {opened} (float {float})").format(
                    opened=opened, float=fmt_fen(s.shift.opening_float_fen)
                )
            )

    def _update_print_status(self) -> None:
        p = self.printing
        label = self.window.status_print
        if p.printing:
            text, level = self.tr("Printing…"), "info"
        elif p.failed:
            text, level = self.tr("Printing failed: {n} in queue").format(n=p.open_count), "error"
        elif p.open_count:
            text, level = self.tr("Print queue: {n} waiting").format(n=p.open_count), "warning"
        else:
            text, level = self.tr("Printer ready"), "ok"
        label.setText(text)
        _set_level(label, level)

    def _update_sync_status(self) -> None:
        """Online/offline, last sync, messages waiting; the clock warning beside it."""
        sync = self.sync
        label = self.window.status_sync
        warn = self.window.status_sync_warning
        if sync is None:
            label.hide()
            warn.hide()
            return
        st = sync.status
        online = sync.online
        if online is True:
            state, level = self.tr("Online"), "ok"
            tip = [self.tr("Connected to the central database.")]
        elif online is False:
            state, level = self.tr("Offline"), "error"
            tip = [
                self.tr(
                    "The central database cannot be reached. Sales are kept on this terminal "
                    "and sent when it is back."
                )
            ]
        else:
            state, level = self.tr("Not synced yet"), ""
            tip = [self.tr("Not synced with the central database yet.")]
        parts = [state]
        if sync.show_running:
            parts.append(self.tr("Syncing…"))
        elif st is not None and st.last_sync_at is not None:
            parts.append(self.tr("Synced {time}").format(time=self._when(st.last_sync_at)))
        if st is not None:
            parts.append(self.tr("{n} to upload").format(n=st.pending))
            if st.last_sync_at is not None:
                tip.append(self.tr("Last sync: {time}").format(time=self._when(st.last_sync_at)))
            else:
                tip.append(self.tr("Never synced"))
            if st.last_attempt_at is not None:
                tip.append(
                    self.tr("Last attempt: {time}").format(time=self._when(st.last_attempt_at))
                )
            tip.append(self.tr("{n} messages waiting to upload").format(n=st.pending))
        error = sync.last_error
        if error:
            tip.append(self.tr("Last error: {error}").format(error=error))
        tip.append(self.tr('Click, or F11 then "Sync now", to sync at once.'))
        label.setText(" · ".join(parts))
        label.setToolTip("\n".join(tip))
        _set_level(label, level)
        label.show()

        warnings, warn_tip = [], []
        if st is not None and st.clock_warning and st.clock_offset_s is not None:
            minutes = round(abs(st.clock_offset_s) / 60)
            warnings.append(self.tr("Clock off by {minutes} min").format(minutes=minutes))
            warn_tip.append(
                (
                    self.tr("This terminal's clock is {minutes} minutes behind the central server.")
                    if st.clock_offset_s > 0
                    else self.tr(
                        "This terminal's clock is {minutes} minutes ahead of the central server."
                    )
                ).format(minutes=minutes)
                + " "
                + self.tr("Set the time; selling goes on.")
            )
        if st is not None and st.rejected:
            warnings.append(self.tr("{n} refused").format(n=st.rejected))
            warn_tip.append(
                self.tr(
                    "{n} messages were refused by the central database: call head office."
                ).format(n=st.rejected)
            )
        warn.setText(" · ".join(warnings))
        warn.setToolTip("\n".join(warn_tip))
        _set_level(warn, "warning")
        warn.setVisible(bool(warnings))

    def _when(self, at: datetime) -> str:
        """A time in the store's timezone: "14:03" today, "05-31 14:03" another day."""
        tz = self.session.ctx.timezone
        local = local_time(at, tz)
        today = local_time(self.parts.clock.now(), tz).date()
        return local.strftime("%H:%M" if local.date() == today else "%m-%d %H:%M")

    def _sync_done(self, outcome: RoundOutcome) -> None:
        """The answer to "sync now", on the sale page."""
        if self.window.pages.currentWidget() is not self.window.sale_view:
            return
        if outcome.error is not None:
            self.sale.say(
                self.tr("Sync failed: {error}").format(error=describe(outcome.error)), "error"
            )
        elif outcome.report is not None:
            self.sale.say(
                self.tr("Synced: {sent} sent, {received} received").format(
                    sent=outcome.report.pushed, received=outcome.report.pulled
                ),
                "ok",
            )

    def _update_busy(self, busy: bool) -> None:
        self.window.status_busy.setText(self.tr("Saving…") if busy else "")

    def _tick(self) -> None:
        now = local_time(self.parts.clock.now(), self.session.ctx.timezone)
        self.window.status_clock.setText(now.strftime("%Y-%m-%d %H:%M"))
        if self.sync is not None:
            self._update_sync_status()  # "14:03" becomes "05-31 14:03" after midnight

    # -- customer display -------------------------------------------------------------------------
    def _update_display(self) -> None:
        d = self.display
        if d is None:
            return
        totals = self.session.totals()
        if not totals.lines:
            return
        d.caption.setText(self.tr("Amount due"))
        d.amount.setText(fmt_fen(totals.total_fen))
        d.detail.setText(
            self.tr("{n} items, discount {discount}").format(
                n=len(totals.lines), discount=fmt_fen(totals.discount_fen)
            )
        )
        d.qr.set_matrix([])
        d.qr_caption.setText("")

    def _sale_done(self, result: SaleResult) -> None:
        d = self.display
        if d is None:
            return
        d.caption.setText(self.tr("Change"))
        d.amount.setText(fmt_fen(result.change_fen))
        d.detail.setText(
            self.tr("Paid {paid} · Receipt {number}").format(
                paid=fmt_fen(result.paid_fen + result.change_fen), number=result.receipt_no
            )
        )
        d.qr.set_matrix(qr_matrix(result.receipt_no))
        d.qr_caption.setText(self.tr("Thank you! Scan for your receipt number"))

    def shutdown(self) -> None:
        """Stop the timers (sync rounds included); ``sync.close()`` follows the runner's
        shutdown."""
        self._clock.stop()
        if self.sync is not None:
            self.sync.stop()
        if self.display is not None:
            self.display.close()


def _set_level(label: QLabel, level: str) -> None:
    """The colour of a status-bar label (``level`` in the stylesheet); "" for the plain one."""
    if label.property("level") == level:
        return
    label.setProperty("level", level)
    label.style().unpolish(label)
    label.style().polish(label)
