import pytest

from shared.domain.errors import ValidationError
from shared.printing.config import PrinterConfig


@pytest.mark.parametrize(
    ("config", "code", "words"),
    [
        (PrinterConfig(kind="bluetooth"), "printer_kind", "printer type must be one of"),
        (PrinterConfig(kind="file", path="  "), "printer_path", "needs a path"),
        (PrinterConfig(kind="network"), "printer_host", "needs a host"),
        (PrinterConfig(kind="network", host="http://10.0.0.5"), "printer_host", "not a host"),
        (PrinterConfig(kind="network", host="10.0.0.5:9100"), "printer_host", "includes a port"),
        (PrinterConfig(kind="network", host="10.0.0.5", port=0), "printer_port", "1 to 65535"),
        (PrinterConfig(kind="network", host="10.0.0.5", port=70000), "printer_port", "1 to 65535"),
        (PrinterConfig(kind="network", host="10.0.0.5", port="9100"), "printer_port", "1 to 65535"),
        (PrinterConfig(kind="usb", usb_product=0x5011), "printer_usb_id", "vendor id"),
        (
            PrinterConfig(kind="usb", usb_vendor=0x0416, usb_product=0x10000),
            "printer_usb_id",
            "0xFFFF",
        ),
        (PrinterConfig(kind="serial"), "printer_serial", "needs a device"),
        (
            PrinterConfig(kind="serial", serial_device="COM3", baudrate=1000),
            "printer_baudrate",
            "baud rate",
        ),
        (PrinterConfig(paper_mm=76), "printer_paper", "58 or 80"),
        (PrinterConfig(copies=0), "printer_copies", "1 to 5"),
        (PrinterConfig(copies=6), "printer_copies", "1 to 5"),
        (PrinterConfig(copies=True), "printer_copies", "1 to 5"),
        (PrinterConfig(footer="谢" * 501), "printer_text", "at most 500"),
    ],
)
def test_validation_names_the_problem(config, code, words):
    with pytest.raises(ValidationError, match=words) as info:
        config.validate()
    assert info.value.code == code


@pytest.mark.parametrize(
    "config",
    [
        PrinterConfig(),
        PrinterConfig(kind="file", path="/dev/usb/lp0", paper_mm=58),
        PrinterConfig(kind="network", host="192.168.1.50"),
        PrinterConfig(kind="network", host="fe80::1", port=9100),
        PrinterConfig(kind="usb", usb_vendor=0x0416, usb_product=0x5011, copies=5),
        PrinterConfig(kind="serial", serial_device="COM3", baudrate=115200),
    ],
)
def test_valid_configs_pass(config):
    assert config.validate() is config


def test_dict_round_trip():
    config = PrinterConfig(
        kind="network",
        host="192.168.1.50",
        port=9101,
        paper_mm=58,
        copies=2,
        header="会员日全场9折",
        footer="谢谢惠顾",
        card_key_qr=True,
    )
    assert PrinterConfig.from_dict(config.to_dict()) == config


def test_from_dict_reads_strings_and_ignores_unknown_keys():
    config = PrinterConfig.from_dict(
        {
            "kind": "usb",
            "usb_vendor": "0416",
            "usb_product": "0x5011",
            "paper_mm": "58",
            "copies": "2",
            "card_key_qr": "true",
            "logo": "logo.png",
        }
    )
    assert (config.usb_vendor, config.usb_product) == (0x0416, 0x5011)
    assert (config.paper_mm, config.copies, config.card_key_qr) == (58, 2, True)
    config.validate()
    bad = PrinterConfig.from_dict({"kind": "network", "host": "10.0.0.5", "port": "nine"})
    with pytest.raises(ValidationError, match="'nine'"):
        bad.validate()
