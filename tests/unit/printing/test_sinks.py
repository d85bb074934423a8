import socket
import threading
import time

import pytest

from shared.domain.errors import ValidationError
from shared.printing.config import PrinterConfig
from shared.printing.escpos_render import render_escpos
from shared.printing.sinks import (
    FileSink,
    NetworkSink,
    NullSink,
    PrinterUnavailable,
    SerialSink,
    UsbSink,
    open_sink,
)
from tests.unit.printing.samples import sample_receipt


class Listener:
    """A one-job TCP printer on 127.0.0.1: accepts one connection and keeps what it is sent."""

    def __init__(self) -> None:
        self.server = socket.create_server(("127.0.0.1", 0))
        self.server.settimeout(5)
        self.port = self.server.getsockname()[1]
        self.received = bytearray()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        try:
            conn, _ = self.server.accept()
        except OSError:
            return
        with conn:
            conn.settimeout(5)
            while chunk := conn.recv(65536):
                self.received += chunk

    def close(self) -> bytes:
        self.thread.join(timeout=5)
        self.server.close()
        assert not self.thread.is_alive()
        return bytes(self.received)


def test_network_sink_delivers_the_exact_bytes():
    data = render_escpos(sample_receipt(), copies=2)
    listener = Listener()
    open_sink(PrinterConfig(kind="network", host="127.0.0.1", port=listener.port)).send(data)
    assert listener.close() == data


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_network_sink_reports_a_closed_port():
    port = _closed_port()
    started = time.monotonic()
    with pytest.raises(PrinterUnavailable, match=f"127.0.0.1:{port}") as info:
        NetworkSink("127.0.0.1", port).send(b"job")
    assert time.monotonic() - started < 3.5
    assert "refused" in info.value.reason.lower()


def test_network_sink_gives_up_on_a_printer_that_stops_reading():
    server = socket.create_server(("127.0.0.1", 0))
    try:
        sink = NetworkSink("127.0.0.1", server.getsockname()[1], send_timeout=0.5)
        started = time.monotonic()
        with pytest.raises(PrinterUnavailable, match="stopped taking data"):
            sink.send(b"\0" * (64 * 1024 * 1024))
        assert time.monotonic() - started < 10
    finally:
        server.close()


def test_file_sink_appends_each_job(tmp_path):
    path = tmp_path / "printer.bin"
    sink = open_sink(PrinterConfig(kind="file", path=str(path)))
    sink.send(b"first")
    sink.send(b"second")
    assert path.read_bytes() == b"firstsecond"


def test_file_sink_reports_an_unwritable_path(tmp_path):
    with pytest.raises(PrinterUnavailable, match="cannot write to"):
        FileSink(str(tmp_path / "no" / "such" / "dir" / "job.bin")).send(b"job")
    with pytest.raises(PrinterUnavailable, match="cannot write to"):
        FileSink(str(tmp_path)).send(b"job")


def test_none_accepts_and_discards():
    sink = open_sink(PrinterConfig())
    assert isinstance(sink, NullSink)
    sink.send(b"anything")


def test_open_sink_builds_the_configured_kind():
    assert isinstance(open_sink(PrinterConfig(kind="file", path="/tmp/x")), FileSink)
    network = open_sink(PrinterConfig(kind="network", host=" 192.168.1.50 ", port=9101))
    assert isinstance(network, NetworkSink)
    assert (network.host, network.port, network.connect_timeout) == ("192.168.1.50", 9101, 3.0)
    usb = open_sink(PrinterConfig(kind="usb", usb_vendor=0x0416, usb_product=0x5011))
    assert isinstance(usb, UsbSink) and (usb.vendor, usb.product) == (0x0416, 0x5011)
    serial = open_sink(PrinterConfig(kind="serial", serial_device="/dev/ttyS0", baudrate=19200))
    assert isinstance(serial, SerialSink) and serial.baudrate == 19200


def test_open_sink_refuses_an_invalid_config():
    with pytest.raises(ValidationError):
        open_sink(PrinterConfig(kind="network", host="", port=9100))


def test_usb_and_serial_without_a_device_are_unavailable_not_crashes(tmp_path):
    with pytest.raises(PrinterUnavailable, match="USB printer 0416:5011"):
        UsbSink(0x0416, 0x5011).send(b"job")
    with pytest.raises(PrinterUnavailable, match="serial printer"):
        SerialSink(str(tmp_path / "ttyNONE")).send(b"job")
