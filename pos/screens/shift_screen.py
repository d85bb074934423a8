"""The shift around the sale: opening it after sign-in, and the F11 menu (X report, cash in/out,
close shift, reprint, retry printing, printer settings, sign out, sync now)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut

from pos.backend import LoginOutcome
from pos.dialogs.cash_move import CashMoveDialog
from pos.dialogs.shift_menu import ShiftMenuDialog
from pos.dialogs.simple import PENDING, ConfirmDialog, NoticeDialog, ValueDialog
from pos.dialogs.text_preview import TextPreviewDialog, document_text
from pos.screens.base import Parts
from pos.screens.close_shift_screen import CloseShiftScreen
from pos.screens.printer_settings_screen import PrinterSettingsScreen
from pos.views.widgets import KeyButton, set_message
from shared.domain.clock import local_time
from shared.domain.errors import ValidationError
from shared.qt.errors import describe
from shared.qt.money import fmt_fen, parse_fen
from shared.services.shifts import ShiftInfo


class ShiftScreen(QObject):
    # the signed-in person may sell now (shift open and theirs, or taken over by a manager)
    ready = Signal()
    # back to the sign-in screen (cancelled, someone else's shift, shift closed, signed out)
    signed_out = Signal()

    def __init__(self, parts: Parts, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.parts = parts
        self.close_screen: CloseShiftScreen | None = None
        self.settings_screen: PrinterSettingsScreen | None = None

    # -- after sign-in --------------------------------------------------------------------------
    def after_login(self, outcome: LoginOutcome) -> None:
        session = self.parts.session
        session.sign_in(outcome.actor, outcome.shift)
        shift = outcome.shift
        if shift is None:
            self._ask_float()
        elif shift.cashier_id == outcome.actor.staff_id:
            self.ready.emit()
        else:
            self._someone_elses(shift)

    def _ask_float(self) -> None:
        actor = self.parts.session.actor
        dialog: ValueDialog

        def apply(text: str):
            try:
                fen = parse_fen(text, field="opening float")
            except ValidationError as exc:
                return describe(exc)
            dialog.set_busy(True)
            dialog.show_info(self.tr("Opening the shift…"))
            self.parts.runner.run(
                lambda: self.parts.backend.open_shift(actor, fen),
                kind="write",
                owner=dialog,
                on_done=opened,
                on_error=refused,
                label="open shift",
            )
            return PENDING

        def opened(shift: ShiftInfo) -> None:
            dialog.set_busy(False)
            self.parts.session.set_shift(shift)
            self.parts.session.committed("shift_open")
            dialog.accept()
            self.ready.emit()

        def refused(exc: BaseException) -> None:
            dialog.set_busy(False)
            dialog.show_error(describe(exc))

        dialog = ValueDialog(
            self.tr("Open shift"),
            self.tr("Opening float (yuan)"),
            apply,
            self.parts.window,
            initial="",
            placeholder=self.tr("e.g. 200.00"),
            hint=self.tr(
                "No shift is open on this terminal. Count the change in the drawer and enter it."
            ),
        )
        dialog.ok_button.set_caption(self.tr("Open shift"))
        dialog.setObjectName("OpenShiftDialog")

        def closed(result: int) -> None:
            if result != ValueDialog.DialogCode.Accepted:
                self.sign_out()

        self.parts.open_dialog(dialog, closed)
        dialog.field.setFocus()

    def _someone_elses(self, shift: ShiftInfo) -> None:
        session = self.parts.session
        opened = local_time(shift.opened_at, session.ctx.timezone).strftime("%Y-%m-%d %H:%M")
        text = self.tr("The shift on this terminal was opened by {name} at {opened}.").format(
            name=shift.cashier_name, opened=opened
        )
        if not session.is_manager:
            dialog = NoticeDialog(
                self.tr("Shift open by someone else"),
                text
                + "\n"
                + self.tr("{name} must close it first, or ask a manager.").format(
                    name=shift.cashier_name
                ),
                self.parts.window,
                level="warning",
            )
            dialog.setObjectName("OtherShiftDialog")
            self.parts.open_dialog(dialog, lambda _r: self.sign_out())
            return
        dialog = ConfirmDialog(
            self.tr("Shift open by someone else"),
            text + "\n" + self.tr("As a manager you may continue this shift or close it."),
            self.parts.window,
            ok_text=self.tr("Continue the shift"),
        )
        dialog.setObjectName("OtherShiftDialog")
        close = KeyButton("F2", self.tr("Close the shift"), dialog)
        close.setObjectName("closeOtherShift")
        dialog.buttons.insertWidget(1, close)
        choice: dict[str, str] = {}

        def choose_close() -> None:
            choice["close"] = "yes"
            dialog.accept()

        close.clicked.connect(choose_close)
        QShortcut(QKeySequence(Qt.Key.Key_F2), dialog, choose_close)

        def closed(result: int) -> None:
            if result != ConfirmDialog.DialogCode.Accepted:
                self.sign_out()
            elif choice.get("close"):
                self.close_shift()
            else:
                self.ready.emit()

        self.parts.open_dialog(dialog, closed)

    # -- the F11 menu -----------------------------------------------------------------------------
    def menu(self) -> ShiftMenuDialog:
        entries = [
            ("x_report", self.tr("X report")),
            ("cash_in", self.tr("Cash in")),
            ("cash_out", self.tr("Cash out")),
            ("close_shift", self.tr("Close shift")),
            ("reprint", self.tr("Reprint a receipt")),
            ("retry_print", self.tr("Retry printing")),
            ("printer", self.tr("Printer settings")),
            ("sign_out", self.tr("Sign out")),
        ]
        if self.parts.sync is not None:
            entries.append(("sync_now", self.tr("Sync now")))
        dialog = ShiftMenuDialog(entries, self.parts.window)
        actions: dict[str, Callable[[], None]] = {
            "x_report": self.x_report,
            "cash_in": lambda: self.cash_move("in"),
            "cash_out": lambda: self.cash_move("out"),
            "close_shift": self.close_shift,
            "reprint": self.reprint,
            "retry_print": self.retry_print,
            "printer": self.printer_settings,
            "sign_out": self.request_sign_out,
            "sync_now": self.sync_now,
        }
        chosen: list[str] = []
        dialog.chosen.connect(chosen.append)

        def closed(_result: int) -> None:
            if chosen:
                actions[chosen[0]]()

        self.parts.open_dialog(dialog, closed)
        return dialog

    def x_report(self) -> None:
        def show(report) -> None:
            dialog = TextPreviewDialog(
                self.tr("X report"),
                document_text(report),
                self.parts.window,
                ok_text=self.tr("Print"),
            )
            dialog.cancel_button.set_caption(self.tr("Close"))
            dialog.cancel_button.show()
            self.parts.open_dialog(
                dialog,
                lambda r: self._print_x_report() if r == dialog.DialogCode.Accepted else None,
            )

        self.parts.runner.run(
            self.parts.backend.x_report,
            kind="read",
            on_done=show,
            on_error=lambda exc: self.parts.error_notice(self.tr("X report"), exc),
            label="x report",
        )

    def _print_x_report(self) -> None:
        actor = self.parts.session.actor
        printing = self.parts.printing
        self.parts.runner.run(
            lambda: self.parts.backend.print_x_report(actor),
            kind="write",
            on_done=lambda job_id: printing.print_job(job_id) if printing is not None else None,
            on_error=lambda exc: self.parts.error_notice(self.tr("X report"), exc),
            label="print x report",
        )

    def cash_move(self, direction: str) -> None:
        actor = self.parts.session.actor
        dialog = CashMoveDialog(direction, self.parts.window)

        def submitted(amount_text: str, reason: str) -> None:
            try:
                fen = parse_fen(amount_text, field="amount")
            except ValidationError as exc:
                dialog.refused(describe(exc))
                return
            self.parts.runner.run(
                lambda: self.parts.backend.cash_move(actor, direction, fen, reason),
                kind="write",
                owner=dialog,
                on_done=lambda _id: done(fen),
                on_error=lambda exc: dialog.refused(describe(exc)),
                label="cash move",
            )

        def done(fen: int) -> None:
            self.parts.session.committed("cash_move")
            dialog.set_busy(False)
            dialog.accept()
            sale = self.parts.window.sale_view
            text = (
                self.tr("Cash in recorded: {amount}")
                if direction == "in"
                else self.tr("Cash out recorded: {amount}")
            )
            set_message(sale.message, text.format(amount=fmt_fen(fen)), "ok")

        dialog.submitted.connect(submitted)
        self.parts.open_dialog(dialog)

    def close_shift(self) -> None:
        if self.parts.session.cart.lines:
            self.parts.notice(
                self.tr("Close shift"),
                self.tr("Finish, park or clear the current sale first."),
                level="warning",
            )
            return
        screen = CloseShiftScreen(self.parts)
        self.close_screen = screen
        screen.closed.connect(lambda _result: self.sign_out())
        screen.open()

    def reprint(self) -> None:
        last = self.parts.session.last_receipt_no or ""

        dialog: ValueDialog

        def apply(text: str):
            ref = text.strip().upper()
            if not ref:
                return self.tr("Enter a receipt number")
            dialog.set_busy(True)
            actor = self.parts.session.actor
            self.parts.runner.run(
                lambda: self.parts.backend.reprint(actor, ref),
                kind="write",
                owner=dialog,
                on_done=queued,
                on_error=refused,
                label="reprint",
            )
            return PENDING

        def queued(job_id: str) -> None:
            dialog.set_busy(False)
            dialog.accept()
            if self.parts.printing is not None:
                self.parts.printing.print_job(job_id)

        def refused(exc: BaseException) -> None:
            dialog.set_busy(False)
            dialog.show_error(describe(exc))

        dialog = ValueDialog(
            self.tr("Reprint a receipt"),
            self.tr("Receipt No."),
            apply,
            self.parts.window,
            initial=last,
            hint=self.tr("The copy is marked as a reprint."),
        )
        self.parts.open_dialog(dialog)

    def retry_print(self) -> None:
        if self.parts.printing is not None:
            self.parts.printing.retry()

    def printer_settings(self) -> None:
        screen = PrinterSettingsScreen(self.parts)
        self.settings_screen = screen
        screen.open()

    def sync_now(self) -> None:
        if self.parts.sync is None:
            return
        self.parts.sync.sync_now()
        set_message(
            self.parts.window.sale_view.message,
            self.tr("Syncing with the central database…"),
            "info",
        )

    def request_sign_out(self) -> None:
        if self.parts.session.cart.lines:
            self.parts.notice(
                self.tr("Sign out"),
                self.tr("Finish, park or clear the current sale first."),
                level="warning",
            )
            return
        self.sign_out()

    def sign_out(self) -> None:
        self.parts.session.sign_out()
        self.signed_out.emit()
