"""Closing the shift (交班): counted cash typed or counted by denomination, then the variance and
the Z report. The Z report prints through the queue like a receipt."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut

from pos.dialogs.text_preview import document_text
from pos.screens.base import Parts
from pos.views.close_shift_view import CloseShiftView
from pos.views.widgets import set_message
from shared.domain.clock import local_time
from shared.domain.errors import ValidationError
from shared.qt.errors import describe
from shared.qt.money import fmt_fen, parse_fen
from shared.services.shifts import CloseResult


class CloseShiftScreen(QObject):
    # the shift closed (the ``CloseResult``), after the cashier dismissed the result
    closed = Signal(object)

    def __init__(self, parts: Parts, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.parts = parts
        self.view = CloseShiftView(parts.window)
        self.result: CloseResult | None = None
        v = self.view
        v.on_enter = self._enter
        v.on_ok = self._ok
        v.by_denomination.toggled.connect(self._toggle_denominations)
        QShortcut(QKeySequence(Qt.Key.Key_F2), v, v.by_denomination.toggle)
        for field in v.denomination_fields.values():
            field.textChanged.connect(self._recount)
        shift = parts.session.shift
        if shift is not None:
            v.summary.setText(
                self.tr("Shift of {name}, opened {opened}, opening float {float}").format(
                    name=shift.cashier_name,
                    opened=local_time(shift.opened_at, parts.session.ctx.timezone).strftime(
                        "%Y-%m-%d %H:%M"
                    ),
                    float=fmt_fen(shift.opening_float_fen),
                )
            )

    def open(self) -> None:
        self.parts.open_dialog(self.view, self._dialog_closed)
        self.view.counted.setFocus()

    # -- counting -----------------------------------------------------------------------------
    def _toggle_denominations(self, on: bool) -> None:
        self.view.denominations.setVisible(on)
        self.view.counted.setReadOnly(on)
        if on:
            self._recount()
            first = next(iter(self.view.denomination_fields.values()))
            first.setFocus()
        else:
            self.view.counted.setFocus()

    def _counts(self) -> dict[int, int]:
        out = {}
        for fen, field in self.view.denomination_fields.items():
            text = field.text().strip()
            if text:
                out[fen] = int(text)
        return out

    def _recount(self) -> None:
        total = 0
        for fen, field in self.view.denomination_fields.items():
            count = int(field.text()) if field.text().strip() else 0
            self.view.denomination_totals[fen].setText(fmt_fen(fen * count))
            total += fen * count
        self.view.denomination_sum.setText(
            self.tr("Total counted: {total}").format(total=fmt_fen(total))
        )
        if self.view.by_denomination.isChecked():
            self.view.counted.setText(fmt_fen(total).replace("￥", ""))

    def _ok(self) -> None:
        v = self.view
        if v.pages.currentWidget() is v.result_page:
            v.accept()
        elif not v.busy:
            self.submit()

    def _enter(self) -> None:
        v = self.view
        if v.pages.currentWidget() is v.result_page:
            v.accept()
            return
        if v.busy:
            return
        if v.by_denomination.isChecked():
            focused = v.focusWidget()
            fields = list(v.denomination_fields.values())
            if focused in fields and focused is not fields[-1]:
                fields[fields.index(focused) + 1].setFocus()
                return
        self.submit()

    def submit(self) -> None:
        v = self.view
        denominations = self._counts() if v.by_denomination.isChecked() else None
        counted: int | None = None
        if not denominations:
            try:
                counted = parse_fen(v.counted.text(), field="counted cash")
            except ValidationError as exc:
                v.show_error(describe(exc))
                v.counted.setFocus()
                return
        actor = self.parts.session.actor
        v.set_busy(True)
        v.show_info(self.tr("Closing the shift…"))
        self.parts.runner.run(
            lambda: self.parts.backend.close_shift(actor, counted, denominations),
            kind="write",
            on_done=self._closed,
            on_error=self._refused,
            owner=v,
            label="close shift",
        )

    def _refused(self, exc: BaseException) -> None:
        self.view.set_busy(False)
        self.view.show_error(describe(exc))

    def _closed(self, result: CloseResult) -> None:
        self.result = result
        self.parts.session.committed("shift_close")
        v = self.view
        v.set_busy(False)
        v.show_info("")
        v.expected.setText(fmt_fen(result.expected_cash_fen))
        v.counted_value.setText(fmt_fen(result.counted_cash_fen))
        sign = "+" if result.variance_fen > 0 else ""
        v.variance.setText(sign + fmt_fen(result.variance_fen))
        set_message(v.variance, v.variance.text(), "error" if result.variance_fen else "ok")
        v.report.setPlainText(document_text(result.report))
        v.pages.setCurrentWidget(v.result_page)
        v.ok_button.set_caption(self.tr("Done"))
        v.cancel_button.hide()
        v.on_escape = v.accept
        if self.parts.printing is not None:
            self.parts.printing.print_job(result.print_job_id)

    def _dialog_closed(self, _result: int) -> None:
        if self.result is not None:
            self.closed.emit(self.result)
