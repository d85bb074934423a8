"""The counter as a whole: which page shows, the status bar, the customer display.

Made by ``pos.app.build_counter``; holds the screens and wires sign-in -> shift -> sale -> close.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QGuiApplication

from pos.backend import LoginOutcome
from pos.screens.base import Parts
from pos.screens.login_screen import LoginScreen
from pos.screens.printing import PrintController
from pos.screens.sale_screen import SaleScreen
from pos.screens.shift_screen import ShiftScreen
from pos.views.customer_display import CustomerDisplayView
from shared.domain.clock import local_time
from shared.printing.qr import qr_matrix
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
        self._clock.start()
        self._tick()
        self._update_status()
        self._update_print_status()

    # -- pages ----------------------------------------------------------------------------------
    def start(self) -> None:
        self.printing.refresh()
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
        label.setProperty("level", level)
        label.style().unpolish(label)
        label.style().polish(label)

    def _update_busy(self, busy: bool) -> None:
        self.window.status_busy.setText(self.tr("Saving…") if busy else "")

    def _tick(self) -> None:
        now = local_time(self.parts.clock.now(), self.session.ctx.timezone)
        self.window.status_clock.setText(now.strftime("%Y-%m-%d %H:%M"))

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
        self._clock.stop()
        if self.display is not None:
            self.display.close()
