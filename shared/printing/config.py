"""Printer settings of one terminal (打印设置) and their validation."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from typing import Any, NoReturn

from shared.domain.errors import ValidationError

PRINTER_KINDS = ("none", "file", "network", "usb", "serial")
PAPER_WIDTHS = (58, 80)
BAUDRATES = (1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200)
MAX_COPIES = 5
MAX_TEXT = 500


@dataclass(frozen=True)
class PrinterConfig:
    #: none | file | network | usb | serial
    kind: str = "none"
    #: kind "file": a file or device path (/dev/usb/lp0)
    path: str = ""
    host: str = ""
    port: int = 9100
    usb_vendor: int | None = None
    usb_product: int | None = None
    serial_device: str = ""
    baudrate: int = 9600
    paper_mm: int = 80
    copies: int = 1
    #: printed under the store name
    header: str = ""
    #: printed at the end of every receipt
    footer: str = ""
    #: print a QR code under each card key
    card_key_qr: bool = False

    def validate(self) -> PrinterConfig:
        """Return ``self`` when usable, else raise ``ValidationError`` saying what is wrong."""
        if self.kind not in PRINTER_KINDS:
            _fail(
                f"printer type must be one of {', '.join(PRINTER_KINDS)}, not {self.kind!r}",
                "printer_kind",
            )
        check = {
            "file": self._check_file,
            "network": self._check_network,
            "usb": self._check_usb,
            "serial": self._check_serial,
        }.get(self.kind)
        if check:
            check()
        if not _is_int(self.paper_mm) or self.paper_mm not in PAPER_WIDTHS:
            _fail(f"paper width must be 58 or 80 mm, not {self.paper_mm!r}", "printer_paper")
        if not _is_int(self.copies) or not 1 <= self.copies <= MAX_COPIES:
            _fail(f"copies must be 1 to {MAX_COPIES}, not {self.copies!r}", "printer_copies")
        for name in ("header", "footer"):
            text = getattr(self, name)
            if not isinstance(text, str):
                _fail(f"{name} must be text", "printer_text")
            if len(text) > MAX_TEXT:
                _fail(f"{name} is {len(text)} characters long; at most {MAX_TEXT}", "printer_text")
        if not isinstance(self.card_key_qr, bool):
            _fail("card key QR must be on or off", "printer_card_key_qr")
        return self

    def _check_file(self) -> None:
        if not isinstance(self.path, str) or not self.path.strip():
            _fail(
                "a file printer needs a path (a file or a device such as /dev/usb/lp0)",
                "printer_path",
            )

    def _check_network(self) -> None:
        host = self.host.strip() if isinstance(self.host, str) else ""
        if not host:
            _fail("a network printer needs a host name or IP address", "printer_host")
        if "://" in host or "/" in host or any(ch.isspace() for ch in host):
            _fail(f"printer host {host!r} is not a host name or IP address", "printer_host")
        if host.count(":") == 1:
            _fail(
                f"printer host {host!r} includes a port: put the port in its own field",
                "printer_host",
            )
        if not _is_int(self.port) or not 1 <= self.port <= 65535:
            _fail(
                f"printer port must be a number from 1 to 65535, not {self.port!r}", "printer_port"
            )

    def _check_usb(self) -> None:
        for name, value in (("vendor", self.usb_vendor), ("product", self.usb_product)):
            if value is None:
                _fail(f"a USB printer needs its {name} id (e.g. 0x0416)", "printer_usb_id")
            if not _is_int(value) or not 0 < value <= 0xFFFF:
                _fail(
                    f"USB {name} id must be from 0x0001 to 0xFFFF, not {value!r}", "printer_usb_id"
                )

    def _check_serial(self) -> None:
        if not isinstance(self.serial_device, str) or not self.serial_device.strip():
            _fail("a serial printer needs a device (e.g. /dev/ttyS0 or COM3)", "printer_serial")
        if not _is_int(self.baudrate) or self.baudrate not in BAUDRATES:
            rates = ", ".join(map(str, BAUDRATES))
            _fail(f"baud rate must be one of {rates}, not {self.baudrate!r}", "printer_baudrate")

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> PrinterConfig:
        """Build from stored settings. Unknown keys are ignored; numbers may be strings
        (``"9100"``; USB ids in hex as ``lsusb`` shows them, ``"0416"`` or ``"0x0416"``).
        Call ``validate()`` before use."""
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in data.items() if k in known}
        for name in ("port", "baudrate", "paper_mm", "copies", "usb_vendor", "usb_product"):
            if isinstance(values.get(name), str):
                values[name] = _parse_int(values[name], hex_=name.startswith("usb_"))
        if isinstance(values.get("card_key_qr"), str):
            values["card_key_qr"] = values["card_key_qr"].strip().lower() in (
                "1",
                "true",
                "yes",
                "on",
            )
        return cls(**values)


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _parse_int(text: str, *, hex_: bool = False) -> int | str | None:
    """An int when ``text`` is one; otherwise ``text`` itself, for ``validate()`` to report."""
    text = text.strip()
    if not text:
        return None
    try:
        return int(text, 16) if hex_ else int(text)
    except ValueError:
        return text


def _fail(message: str, code: str) -> NoReturn:
    raise ValidationError(message, code=code)
