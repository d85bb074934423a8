"""A card key sold at the counter (SPEC §7), by keyboard: scan the card-key product, F12, cash,
Enter — the key is reserved at head office before the money is taken, the receipt prints it in
clear, and a sold-out product is refused before any money is taken."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from PySide6.QtCore import Qt

from pos.app import build_counter
from shared.domain.card_key_crypto import Keyring
from shared.printing.config import PrinterConfig
from shared.printing.pdf_render import render_pdf
from shared.services.payment_provider import SimulatedProvider
from shared.sync.gateway import InProcessGateway
from tests.gui.helpers import dialog, idle, no_dialog, press, scan, screenshot
from tests.gui.helpers import sign_in_and_open as sign_in
from tests.support.counter import make_counter


@pytest.fixture
def card_key_counter(qtbot, tmp_path):
    from PySide6.QtWidgets import QApplication

    from shared.db.engine import sqlite_url
    from shared.qt.gui_gc import uninstall_gui_gc
    from shared.services.runtime import open_database

    keyring = Keyring.parse(Keyring.new_entry(1))
    central = open_database(sqlite_url(tmp_path / "central.db"))
    local = open_database(sqlite_url(tmp_path / "terminal.db"))
    shop = make_counter(central, local, keyring=keyring)
    printed = tmp_path / "printer.bin"
    window = build_counter(
        local,
        shop.ctx,
        provider=SimulatedProvider(),
        language="zh_CN",
        printer=PrinterConfig(kind="file", path=str(printed)),
        customer_display=False,
        central=lambda: InProcessGateway(central),
        keyring=keyring,
    )
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: window.login_view.staff.count() > 0)
    yield window, shop, printed
    for d in list(window.parts.dialogs):
        d.done(0)
    window.counter.shutdown()
    window.runner.shutdown()
    window.backend.close()
    uninstall_gui_gc(QApplication.instance())
    central.dispose()
    local.dispose()


def test_a_card_key_is_issued_and_printed(qtbot, card_key_counter, screenshot_dir):
    w, shop, printed = card_key_counter
    sign_in(qtbot, w)
    scan(qtbot, w, "K001")
    idle(qtbot, w)
    assert [ln.sku_code for ln in w.session.cart.lines] == ["K001"]
    press(qtbot, w, Qt.Key.Key_F12)
    pay = dialog(qtbot, w, "PaymentView")
    idle(qtbot, w)
    press(qtbot, w, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: pay.pages.currentWidget() is pay.done_page, timeout=5000)
    result = w.session.last_sale
    assert result is not None and len(result.card_keys) == 1
    qtbot.waitUntil(lambda: result.print_job_id in w.printing.printed, timeout=5000)
    text = printed.read_bytes().decode("gb18030", errors="replace")
    assert "卡密" in text and result.card_keys[0] in text
    screenshot(w, screenshot_dir / "counter-card-key.png", pay)
    # the receipt as its PDF shows it, for the docs: the key in clear for the buyer
    pdf = render_pdf(result.receipt)
    assert pdf.startswith(b"%PDF")
    if shutil.which("pdftoppm"):
        (screenshot_dir / "receipt-card-key.pdf").write_bytes(pdf)
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                "110",
                "-singlefile",
                "receipt-card-key.pdf",
                "receipt-card-key",
            ],
            cwd=screenshot_dir,
            check=True,
        )
        (screenshot_dir / "receipt-card-key.pdf").unlink()
        assert (screenshot_dir / "receipt-card-key.png").stat().st_size > 1000
    press(qtbot, w, Qt.Key.Key_Return)
    no_dialog(qtbot, w)


def test_a_sold_out_card_key_is_refused_before_payment(qtbot, card_key_counter):
    w, shop, printed = card_key_counter
    sign_in(qtbot, w)
    scan(qtbot, w, "K004")  # an empty pool
    idle(qtbot, w)
    press(qtbot, w, Qt.Key.Key_F12)
    idle(qtbot, w)
    qtbot.waitUntil(lambda: "Steam 钱包充值卡 50元" in w.sale_view.message.text(), timeout=5000)
    no_dialog(qtbot, w)  # back at the sale, nothing taken
    assert w.session.last_sale is None
    assert [ln.sku_code for ln in w.session.cart.lines] == ["K004"]
