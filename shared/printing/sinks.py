"""Where print jobs go: a file or device, a network printer, USB, serial, or nowhere.

``open_sink(config)`` returns a sink whose ``send(data)`` delivers one whole job or raises
``PrinterUnavailable`` with the reason. Sinks connect per job and keep nothing open, so a printer
switched off between two sales costs one failed job (which the print queue retries), not a hang.
"""

from __future__ import annotations

import contextlib
import socket
from typing import Protocol

from shared.printing.config import PrinterConfig


class PrinterUnavailable(Exception):
    """The printer could not take the job; ``reason`` says why, for the cashier."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class PrinterSink(Protocol):
    def send(self, data: bytes) -> None: ...


class NullSink:
    """No printer configured: jobs are accepted and dropped."""

    def send(self, data: bytes) -> None:
        return None


class FileSink:
    """Appends each job to a file or writes it to a device such as ``/dev/usb/lp0``."""

    def __init__(self, path: str) -> None:
        self.path = path

    def send(self, data: bytes) -> None:
        try:
            with open(self.path, "ab") as f:
                f.write(data)
        except OSError as exc:
            raise PrinterUnavailable(f"cannot write to {self.path}: {_why(exc)}") from exc


class NetworkSink:
    """A raw TCP printer (port 9100): connect, send the job, close."""

    def __init__(
        self,
        host: str,
        port: int = 9100,
        *,
        connect_timeout: float = 3.0,
        send_timeout: float = 15.0,
    ) -> None:
        self.host = host
        self.port = port
        self.connect_timeout = connect_timeout
        self.send_timeout = send_timeout

    def send(self, data: bytes) -> None:
        where = f"{self.host}:{self.port}"
        try:
            conn = socket.create_connection((self.host, self.port), timeout=self.connect_timeout)
        except TimeoutError as exc:
            raise PrinterUnavailable(
                f"network printer {where} did not answer within {self.connect_timeout:g} s"
            ) from exc
        except OSError as exc:
            raise PrinterUnavailable(
                f"cannot connect to network printer {where}: {_why(exc)}"
            ) from exc
        with conn:
            try:
                conn.settimeout(self.send_timeout)
                conn.sendall(data)
                conn.shutdown(socket.SHUT_WR)
            except TimeoutError as exc:
                raise PrinterUnavailable(
                    f"network printer {where} stopped taking data (paper out or cover open?)"
                ) from exc
            except OSError as exc:
                raise PrinterUnavailable(f"network printer {where} broke off: {_why(exc)}") from exc


class UsbSink:
    """A USB printer through python-escpos (needs pyusb and access to the device)."""

    def __init__(self, vendor: int, product: int, *, timeout_ms: int = 5000) -> None:
        self.vendor = vendor
        self.product = product
        self.timeout_ms = timeout_ms

    def send(self, data: bytes) -> None:
        from escpos.printer import Usb

        where = f"USB printer {self.vendor:04x}:{self.product:04x}"
        if not Usb.is_usable():
            raise PrinterUnavailable(f"{where}: USB printing needs the pyusb package")
        printer = Usb(self.vendor, self.product, timeout=self.timeout_ms)
        _send_with(printer, data, where)


class SerialSink:
    """A serial printer through python-escpos (needs pyserial)."""

    def __init__(self, device: str, baudrate: int = 9600) -> None:
        self.device = device
        self.baudrate = baudrate

    def send(self, data: bytes) -> None:
        from escpos.printer import Serial

        where = f"serial printer {self.device}"
        if not Serial.is_usable():
            raise PrinterUnavailable(f"{where}: serial printing needs the pyserial package")
        printer = Serial(devfile=self.device, baudrate=self.baudrate, timeout=5)
        _send_with(printer, data, where)


def _send_with(printer, data: bytes, where: str) -> None:
    try:
        printer.open()
        printer._raw(data)
    except Exception as exc:  # pyusb / pyserial raise their own error types
        raise PrinterUnavailable(f"{where}: {exc}") from exc
    finally:
        with contextlib.suppress(Exception):
            printer.close()


def open_sink(config: PrinterConfig) -> PrinterSink:
    """The sink for a validated ``config`` (``ValidationError`` if it is not valid)."""
    config.validate()
    if config.kind == "file":
        return FileSink(config.path)
    if config.kind == "network":
        return NetworkSink(config.host.strip(), config.port)
    if config.kind == "usb":
        return UsbSink(config.usb_vendor, config.usb_product)
    if config.kind == "serial":
        return SerialSink(config.serial_device, config.baudrate)
    return NullSink()


def _why(exc: OSError) -> str:
    return exc.strerror or str(exc) or type(exc).__name__
