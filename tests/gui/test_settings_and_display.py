"""Printer settings (saved with a manager's approval, test print) and the customer display."""

from __future__ import annotations

from PySide6.QtCore import Qt

from shared.printing.config import PrinterConfig
from shared.services.context import load_terminal
from shared.services.payment_provider import SimulatedProvider
from tests.gui.helpers import (
    NOODLES,
    dialog,
    idle,
    no_dialog,
    press,
    scan,
    sign_in_and_open,
    type_text,
)


def test_printer_settings_test_print_and_save(qtbot, make_counter, terminal, tmp_path):
    provider = SimulatedProvider()
    w = make_counter(provider=provider, printer=PrinterConfig())  # no printer yet
    sign_in_and_open(qtbot, w)
    press(qtbot, w, Qt.Key.Key_F11)
    dialog(qtbot, w, "ShiftMenuDialog")
    press(qtbot, w, Qt.Key.Key_7)
    d = dialog(qtbot, w, "PrinterSettingsView")
    assert "SimulatedProvider" in d.provider_name.text() and "模拟" in d.provider_name.text()
    assert not d.provider_outcome.isEnabled()  # a cashier cannot change the simulator
    assert d.kind.currentData() == "none"
    # a file printer without a path is refused with the reason
    d.kind.setCurrentIndex(d.kind.findData("file"))
    press(qtbot, w, Qt.Key.Key_Return)
    assert d.message.text() == "文件打印机需要填写路径"
    target = tmp_path / "settings-printer.bin"
    d.path.setText(str(target))
    d.paper.setCurrentIndex(d.paper.findData(58))
    d.footer.setText("谢谢光临")
    press(qtbot, w, Qt.Key.Key_F5)  # test print through the sink
    qtbot.waitUntil(lambda: target.exists())
    idle(qtbot, w)
    assert d.message.text() == "测试页已发送到打印机"
    assert terminal.ctx.store_name in target.read_bytes().decode("gb18030", "replace")
    # saving needs a manager: the cashier may not configure the terminal
    press(qtbot, w, Qt.Key.Key_Return)
    dialog(qtbot, w, "ApprovalDialog")
    type_text(qtbot, w, "manager01")
    press(qtbot, w, Qt.Key.Key_Return)
    type_text(qtbot, w, "8888")
    press(qtbot, w, Qt.Key.Key_Return)
    no_dialog(qtbot, w)
    idle(qtbot, w)
    assert w.printing.config.kind == "file" and w.printing.config.paper_mm == 58
    with terminal.db.reader() as uow:
        saved = load_terminal(uow).printer
    assert saved["path"] == str(target) and saved["footer"] == "谢谢光临"
    assert w.session.ctx.printer["paper_mm"] == 58
    # the next receipt prints there
    scan(qtbot, w, NOODLES)
    idle(qtbot, w)
    press(qtbot, w, Qt.Key.Key_F12)
    dialog(qtbot, w, "PaymentView")
    press(qtbot, w, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: w.session.last_sale is not None)
    qtbot.waitUntil(
        lambda: w.session.last_sale.receipt_no in target.read_bytes().decode("gb18030", "replace")
    )


def test_manager_sets_the_simulator_outcome(qtbot, make_counter):
    provider = SimulatedProvider()
    w = make_counter(provider=provider)
    sign_in_and_open(qtbot, w, "manager01", "8888")
    press(qtbot, w, Qt.Key.Key_F11)
    dialog(qtbot, w, "ShiftMenuDialog")
    press(qtbot, w, Qt.Key.Key_7)
    d = dialog(qtbot, w, "PrinterSettingsView")
    assert d.provider_outcome.isEnabled()
    d.provider_outcome.setCurrentIndex(d.provider_outcome.findData("decline"))
    assert provider.outcome == "decline"
    press(qtbot, w, Qt.Key.Key_Escape)
    no_dialog(qtbot, w)


def test_customer_display_and_help(qtbot, make_counter):
    w = make_counter(customer_display=True)
    display = w.counter.display
    assert display is not None and display.isVisible()
    sign_in_and_open(qtbot, w)
    scan(qtbot, w, NOODLES)
    idle(qtbot, w)
    assert display.amount.text() == "￥4.09"
    press(qtbot, w, Qt.Key.Key_F12)
    dialog(qtbot, w, "PaymentView")
    type_text(qtbot, w, "5")
    press(qtbot, w, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: w.session.last_sale is not None)
    assert display.caption.text() == "找零" and display.amount.text() == "￥0.91"
    assert display.qr.matrix and display.qr.isVisible()
    press(qtbot, w, Qt.Key.Key_Return)
    no_dialog(qtbot, w)
    press(qtbot, w, Qt.Key.Key_F1)
    help_dialog = dialog(qtbot, w, "HelpDialog")
    assert help_dialog.isVisible()
    press(qtbot, w, Qt.Key.Key_Escape)
    no_dialog(qtbot, w)
