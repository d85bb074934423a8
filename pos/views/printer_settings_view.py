"""The printer settings dialog's layout (打印设置), and the payment provider in use."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from pos.dialogs.base import CounterDialog
from pos.views.widgets import KeyButton, label
from shared.printing.config import BAUDRATES, MAX_COPIES, PAPER_WIDTHS, PRINTER_KINDS


class PrinterSettingsView(CounterDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("", parent)
        self.setWindowTitle(self.tr("Printer settings"))
        self.title_label.setText(self.tr("Printer settings"))
        self.ok_button.set_caption(self.tr("Save"))

        printer = QGroupBox(self.tr("Receipt printer"), self)
        form = QFormLayout(printer)
        self.kind = QComboBox(printer)
        self.kind.setObjectName("printerKind")
        names = {
            "none": self.tr("No printer"),
            "file": self.tr("File or device path"),
            "network": self.tr("Network (TCP 9100)"),
            "usb": self.tr("USB"),
            "serial": self.tr("Serial port"),
        }
        for kind in PRINTER_KINDS:
            self.kind.addItem(names[kind], kind)
        form.addRow(self.tr("Printer type"), self.kind)

        self.kind_pages = QStackedWidget(printer)
        none_page = QWidget()
        self.kind_pages.addWidget(none_page)
        file_page = QWidget()
        f = QFormLayout(file_page)
        self.path = QLineEdit(file_page)
        self.path.setObjectName("printerPath")
        self.path.setPlaceholderText("/dev/usb/lp0")
        f.addRow(self.tr("Path"), self.path)
        self.kind_pages.addWidget(file_page)
        net_page = QWidget()
        n = QFormLayout(net_page)
        self.host = QLineEdit(net_page)
        self.host.setObjectName("printerHost")
        self.host.setPlaceholderText("192.168.1.87")
        self.port = QSpinBox(net_page)
        self.port.setObjectName("printerPort")
        self.port.setRange(1, 65535)
        self.port.setValue(9100)
        n.addRow(self.tr("Host"), self.host)
        n.addRow(self.tr("Port"), self.port)
        self.kind_pages.addWidget(net_page)
        usb_page = QWidget()
        u = QFormLayout(usb_page)
        self.usb_vendor = QLineEdit(usb_page)
        self.usb_vendor.setObjectName("printerVendor")
        self.usb_vendor.setPlaceholderText("0x0416")
        self.usb_product = QLineEdit(usb_page)
        self.usb_product.setObjectName("printerProduct")
        self.usb_product.setPlaceholderText("0x5011")
        u.addRow(self.tr("Vendor id"), self.usb_vendor)
        u.addRow(self.tr("Product id"), self.usb_product)
        self.kind_pages.addWidget(usb_page)
        serial_page = QWidget()
        s = QFormLayout(serial_page)
        self.serial_device = QLineEdit(serial_page)
        self.serial_device.setObjectName("printerSerial")
        self.serial_device.setPlaceholderText("/dev/ttyS0  COM3")
        self.baudrate = QComboBox(serial_page)
        for rate in BAUDRATES:
            self.baudrate.addItem(str(rate), rate)
        s.addRow(self.tr("Device"), self.serial_device)
        s.addRow(self.tr("Baud rate"), self.baudrate)
        self.kind_pages.addWidget(serial_page)
        form.addRow(self.kind_pages)

        self.paper = QComboBox(printer)
        self.paper.setObjectName("printerPaper")
        for width in PAPER_WIDTHS:
            self.paper.addItem(self.tr("{mm} mm").format(mm=width), width)
        form.addRow(self.tr("Paper width"), self.paper)
        self.copies = QSpinBox(printer)
        self.copies.setObjectName("printerCopies")
        self.copies.setRange(1, MAX_COPIES)
        form.addRow(self.tr("Copies"), self.copies)
        self.test_print = KeyButton("F5", self.tr("Test print"), printer)
        self.test_print.setObjectName("testPrint")
        form.addRow("", self.test_print)

        texts = QGroupBox(self.tr("Receipt text"), self)
        tf = QFormLayout(texts)
        self.header = QLineEdit(texts)
        self.header.setObjectName("printerHeader")
        self.header.setMaxLength(500)
        tf.addRow(self.tr("Header text"), self.header)
        self.footer = QLineEdit(texts)
        self.footer.setObjectName("printerFooter")
        self.footer.setMaxLength(500)
        tf.addRow(self.tr("Footer text"), self.footer)
        self.card_key_qr = QCheckBox(self.tr("Print a QR code under each card key"), texts)
        tf.addRow("", self.card_key_qr)

        provider = QGroupBox(self.tr("Payment-code provider (WeChat Pay / Alipay)"), self)
        pf = QFormLayout(provider)
        self.provider_name = label("", "providerName")
        self.provider_name.setWordWrap(True)
        pf.addRow(self.tr("Provider"), self.provider_name)
        self.provider_outcome = QComboBox(provider)
        self.provider_outcome.setObjectName("providerOutcome")
        pf.addRow(self.tr("Simulated answer"), self.provider_outcome)

        columns = QHBoxLayout()
        columns.setSpacing(12)
        columns.addWidget(printer, 1)
        right = QVBoxLayout()
        right.addWidget(texts)
        right.addWidget(provider)
        right.addStretch(1)
        columns.addLayout(right, 1)
        self.body.addLayout(columns)
        self.setMinimumWidth(940)
