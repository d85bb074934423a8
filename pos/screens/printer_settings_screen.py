"""Printer settings (打印设置): edit, test-print through the sink, save (a manager's approval when
the signed-in person may not configure the terminal). Also shows the payment-code provider in use
and, for the shipped simulator, lets a manager choose its answer."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut

from pos.backend import sample_receipt
from pos.screens.approval import request_approval
from pos.screens.base import Parts
from pos.views.printer_settings_view import PrinterSettingsView
from shared.domain.errors import ValidationError
from shared.domain.permissions import Perm
from shared.printing.config import PRINTER_KINDS, PrinterConfig
from shared.qt.errors import describe
from shared.services.auth import Actor
from shared.services.context import TerminalContext
from shared.services.payment_provider import OUTCOMES, SimulatedProvider


class PrinterSettingsScreen(QObject):
    saved = Signal(object)

    def __init__(self, parts: Parts, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.parts = parts
        self.view = v = PrinterSettingsView(parts.window)
        v.on_ok = self.save
        v.on_enter = self.save
        v.kind.currentIndexChanged.connect(lambda i: v.kind_pages.setCurrentIndex(i))
        v.test_print.clicked.connect(self.test_print)
        QShortcut(QKeySequence(Qt.Key.Key_F5), v, self.test_print)
        self._load(parts.printing.config if parts.printing else PrinterConfig())
        self._provider_settings()

    def open(self) -> None:
        self.parts.open_dialog(self.view)
        self.view.kind.setFocus()

    # -- form <-> config ------------------------------------------------------------------------
    def _load(self, c: PrinterConfig) -> None:
        v = self.view
        v.kind.setCurrentIndex(PRINTER_KINDS.index(c.kind) if c.kind in PRINTER_KINDS else 0)
        v.kind_pages.setCurrentIndex(v.kind.currentIndex())
        v.path.setText(c.path)
        v.host.setText(c.host)
        v.port.setValue(c.port if isinstance(c.port, int) and 0 < c.port < 65536 else 9100)
        v.usb_vendor.setText(f"0x{c.usb_vendor:04x}" if isinstance(c.usb_vendor, int) else "")
        v.usb_product.setText(f"0x{c.usb_product:04x}" if isinstance(c.usb_product, int) else "")
        v.serial_device.setText(c.serial_device)
        i = v.baudrate.findData(c.baudrate)
        v.baudrate.setCurrentIndex(max(0, i))
        v.paper.setCurrentIndex(max(0, v.paper.findData(c.paper_mm)))
        v.copies.setValue(c.copies if isinstance(c.copies, int) else 1)
        v.header.setText(c.header)
        v.footer.setText(c.footer)
        v.card_key_qr.setChecked(bool(c.card_key_qr))

    def config(self) -> PrinterConfig:
        """The form as a validated config (``ValidationError`` says what is wrong)."""
        v = self.view
        data = {
            "kind": v.kind.currentData(),
            "path": v.path.text().strip(),
            "host": v.host.text().strip(),
            "port": v.port.value(),
            "usb_vendor": v.usb_vendor.text(),
            "usb_product": v.usb_product.text(),
            "serial_device": v.serial_device.text().strip(),
            "baudrate": v.baudrate.currentData(),
            "paper_mm": v.paper.currentData(),
            "copies": v.copies.value(),
            "header": v.header.text(),
            "footer": v.footer.text(),
            "card_key_qr": v.card_key_qr.isChecked(),
        }
        return PrinterConfig.from_dict(data).validate()

    # -- provider -------------------------------------------------------------------------------
    def _provider_settings(self) -> None:
        v = self.view
        provider = self.parts.backend.provider
        if isinstance(provider, SimulatedProvider):
            v.provider_name.setText(
                self.tr(
                    "Simulator (SimulatedProvider): the shipped stand-in for WeChat Pay / Alipay. "
                    "No real money moves."
                )
            )
            names = {
                "success": self.tr("Payment succeeds"),
                "decline": self.tr("Payment is declined"),
                "timeout": self.tr("Provider times out (found paid on query)"),
                "duplicate": self.tr("Paid, then notified twice"),
            }
            for outcome in OUTCOMES:
                v.provider_outcome.addItem(names.get(outcome, outcome), outcome)
            v.provider_outcome.setCurrentIndex(
                max(0, v.provider_outcome.findData(provider.outcome))
            )
            v.provider_outcome.currentIndexChanged.connect(self._outcome_chosen)
            v.provider_outcome.setEnabled(self.parts.session.is_manager)
        else:
            v.provider_name.setText(type(provider).__name__)
            v.provider_outcome.hide()

    def _outcome_chosen(self, _index: int) -> None:
        provider = self.parts.backend.provider
        if isinstance(provider, SimulatedProvider):
            provider.outcome = self.view.provider_outcome.currentData()

    # -- actions --------------------------------------------------------------------------------
    def test_print(self) -> None:
        v = self.view
        try:
            config = self.config()
        except ValidationError as exc:
            v.show_error(describe(exc))
            return
        sample = sample_receipt(self.parts.session.ctx, config, self.tr("Test print"))
        v.show_info(self.tr("Printing a test page…"))
        self.parts.runner.run(
            lambda: self.parts.backend.test_print(config, sample),
            kind="device",
            owner=v,
            on_done=lambda _r: v.show_info(self.tr("Test page sent to the printer")),
            on_error=lambda exc: v.show_error(
                self.tr("Test print failed: {reason}").format(reason=describe_print(exc))
            ),
            label="test print",
        )

    def save(self) -> None:
        v = self.view
        if v.busy:
            return
        try:
            config = self.config()
        except ValidationError as exc:
            v.show_error(describe(exc))
            return
        session = self.parts.session
        if session.can(Perm.CONFIGURE_TERMINAL):
            self._save_as(session.actor, config)
            return
        request_approval(
            self.parts,
            self.tr("Changing the printer settings needs a manager."),
            "printer_settings",
            lambda approver: self._save_as(approver, config, requested_by=session.actor),
            parent=v,
        )

    def _save_as(
        self, actor: Actor, config: PrinterConfig, *, requested_by: Actor | None = None
    ) -> None:
        v = self.view
        v.set_busy(True)
        v.show_info(self.tr("Saving…"))
        self.parts.runner.run(
            lambda: self.parts.backend.save_printer(actor, config, requested_by),
            kind="write",
            owner=v,
            on_done=lambda ctx: self._saved(ctx, config),
            on_error=self._refused,
            label="save printer",
        )

    def _refused(self, exc: BaseException) -> None:
        self.view.set_busy(False)
        self.view.show_error(describe(exc))

    def _saved(self, ctx: TerminalContext, config: PrinterConfig) -> None:
        self.view.set_busy(False)
        backend = self.parts.backend
        backend.ctx = ctx
        self.parts.session.ctx = ctx
        if self.parts.printing is not None:
            self.parts.printing.set_config(config)
        self.saved.emit(config)
        self.view.accept()


def describe_print(exc: BaseException) -> str:
    reason = getattr(exc, "reason", None)
    return reason if isinstance(reason, str) else describe(exc)
