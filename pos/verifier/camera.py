"""Scanning with a camera: QtMultimedia frames → ``QImage`` → zxing-cpp → the text, once per code.

- ``FrameDecoder`` decodes ``QImage``s (a QR code, or a 1-D barcode such as a printed pickup code)
  and emits ``decoded(text)`` once per distinct code: the same code held in front of the camera
  for many frames is one scan; it counts again after it has been out of sight for
  ``repeat_after_s`` or after ``reset()``. It needs no camera: tests feed it images.
- ``CameraSource`` is the real camera (``QCamera`` + ``QMediaCaptureSession`` + ``QVideoSink``);
  ``ImageFeed`` is a source whose frames are pushed in (images from files, tests). Both emit
  ``frame(QImage)`` while started and ``changed()`` when their state changes.
- ``CameraScanner`` ties a source, a decoder and the station's camera panel together and emits
  ``scanned(text)``; with no camera on the machine the panel says so and the scan field is the
  way in.

Decoding runs on the GUI thread but only a few frames a second, each scaled down first (a few
milliseconds each with zxing-cpp): the preview stays smooth and no Qt object crosses threads.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

import zxingcpp
from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtGui import QImage, QPixmap

log = logging.getLogger(__name__)

#: frames wider or taller than this are scaled down before decoding
MAX_DECODE_SIDE = 1024
#: at most this many decodes a second from a live camera
LIVE_DECODES_PER_S = 6
#: at most this many preview frames a second
PREVIEW_FPS = 15


def decode_image(image: QImage, *, max_side: int | None = MAX_DECODE_SIDE) -> list[str]:
    """The texts of the codes zxing-cpp finds in ``image`` (empty when none)."""
    if image.isNull() or image.width() == 0 or image.height() == 0:
        return []
    if max_side and max(image.width(), image.height()) > max_side:
        image = image.scaled(
            max_side,
            max_side,
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
    gray = image.convertToFormat(QImage.Format.Format_Grayscale8)
    view = zxingcpp.ImageView(
        gray.constBits(), gray.width(), gray.height(), zxingcpp.ImageFormat.Lum, gray.bytesPerLine()
    )
    try:
        found = zxingcpp.read_barcodes(view)
    except (RuntimeError, ValueError) as exc:  # a frame zxing cannot read: not a code
        log.debug("frame not decodable: %s", exc)
        return []
    return [b.text.strip() for b in found if b.valid and b.text and b.text.strip()]


class FrameDecoder(QObject):
    """Decodes frames and emits each distinct code once (see the module's docstring)."""

    decoded = Signal(str)

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        repeat_after_s: float = 3.0,
        min_interval_s: float = 0.0,
        max_side: int | None = MAX_DECODE_SIDE,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(parent)
        self.repeat_after_s = repeat_after_s
        self.min_interval_s = min_interval_s
        self.max_side = max_side
        self._clock = clock
        self._last_text: str | None = None
        self._last_seen: float | None = None
        self._last_decode: float | None = None

    def feed(self, image: QImage) -> str | None:
        """Decode ``image``; returns (and emits) the text when it is a new scan, else None."""
        now = self._clock()
        if (
            self.min_interval_s > 0
            and self._last_decode is not None
            and now - self._last_decode < self.min_interval_s
        ):
            return None
        self._last_decode = now
        texts = decode_image(image, max_side=self.max_side)
        if not texts:
            return None
        # one code in view is the usual case; with several, the one seen before keeps the lead
        text = self._last_text if self._last_text in texts else texts[0]
        seen_recently = (
            text == self._last_text
            and self._last_seen is not None
            and now - self._last_seen < self.repeat_after_s
        )
        self._last_text = text
        self._last_seen = now
        if seen_recently:
            return None
        self.decoded.emit(text)
        return text

    def reset(self) -> None:
        """Forget the last code: showing it again is a new scan."""
        self._last_text = None
        self._last_seen = None
        self._last_decode = None


class FrameSource(Protocol):
    """What ``CameraScanner`` needs from a camera (a ``QObject`` with these signals)."""

    frame: Signal  # (QImage)
    changed: Signal  # ()

    @property
    def available(self) -> bool: ...

    @property
    def active(self) -> bool: ...

    @property
    def description(self) -> str: ...

    @property
    def error(self) -> str: ...

    def start(self) -> bool: ...

    def stop(self) -> None: ...


class CameraSource(QObject):
    """A camera through QtMultimedia: the default video input, or ``device``.

    Nothing is opened before ``start()``; cameras plugged in or out are noticed
    (``changed``). Frames arrive as ``QImage``s on the GUI thread.
    """

    frame = Signal(QImage)
    changed = Signal()

    def __init__(self, parent: QObject | None = None, *, device=None) -> None:
        super().__init__(parent)
        from PySide6.QtMultimedia import QMediaDevices

        self._media = QMediaDevices(self)
        self._media.videoInputsChanged.connect(self._inputs_changed)
        self._fixed_device = device
        self._camera = None
        self._session = None
        self._sink = None
        self._error = ""
        self._last_frame = 0.0

    # -- state ----------------------------------------------------------------------------------
    def _device(self):
        from PySide6.QtMultimedia import QMediaDevices

        if self._fixed_device is not None:
            return self._fixed_device
        if not QMediaDevices.videoInputs():
            return None
        device = QMediaDevices.defaultVideoInput()
        return None if device.isNull() else device

    @property
    def available(self) -> bool:
        return self._device() is not None

    @property
    def active(self) -> bool:
        return self._camera is not None and self._camera.isActive()

    @property
    def description(self) -> str:
        device = self._device()
        return device.description() if device is not None else ""

    @property
    def error(self) -> str:
        return self._error

    # -- control --------------------------------------------------------------------------------
    def start(self) -> bool:
        from PySide6.QtMultimedia import QCamera, QMediaCaptureSession, QVideoSink

        device = self._device()
        if device is None:
            self._error = ""
            self.changed.emit()
            return False
        if self._camera is None:
            self._camera = QCamera(device, self)
            self._camera.errorOccurred.connect(self._failed)
            self._camera.activeChanged.connect(lambda _active: self.changed.emit())
            self._session = QMediaCaptureSession(self)
            self._sink = QVideoSink(self)
            self._session.setCamera(self._camera)
            self._session.setVideoSink(self._sink)
            # frames may be delivered on a media thread: hand them to this (the GUI) thread
            self._sink.videoFrameChanged.connect(self._frame, Qt.ConnectionType.QueuedConnection)
        self._error = ""
        self._camera.start()
        self.changed.emit()
        return True

    def stop(self) -> None:
        if self._camera is not None:
            self._camera.stop()
        self.changed.emit()

    def close(self) -> None:
        """Release the camera (at exit)."""
        if self._camera is not None:
            self._camera.stop()
            self._sink.videoFrameChanged.disconnect(self._frame)
            self._session.setCamera(None)
            self._camera.deleteLater()
            self._camera = None

    # -- Qt -------------------------------------------------------------------------------------
    @Slot()
    def _inputs_changed(self) -> None:
        if self._camera is not None and self._fixed_device is None and not self.available:
            self.close()
        self.changed.emit()

    def _failed(self, _error, text: str) -> None:
        self._error = text or "camera error"
        log.warning("camera: %s", self._error)
        self.changed.emit()

    def _frame(self, video_frame) -> None:
        now = time.monotonic()
        if now - self._last_frame < 1.0 / PREVIEW_FPS:
            return
        self._last_frame = now
        image = video_frame.toImage()
        if not image.isNull():
            self.frame.emit(image)


class ImageFeed(QObject):
    """A camera stand-in whose frames are pushed in: ``QImage``s or image files."""

    frame = Signal(QImage)
    changed = Signal()

    def __init__(self, parent: QObject | None = None, *, description: str = "image feed") -> None:
        super().__init__(parent)
        self._description = description
        self._active = False

    @property
    def available(self) -> bool:
        return True

    @property
    def active(self) -> bool:
        return self._active

    @property
    def description(self) -> str:
        return self._description

    @property
    def error(self) -> str:
        return ""

    def start(self) -> bool:
        self._active = True
        self.changed.emit()
        return True

    def stop(self) -> None:
        self._active = False
        self.changed.emit()

    def push(self, image: QImage | str | Path) -> bool:
        """Deliver one frame (ignored while stopped, as a camera's would be)."""
        if not isinstance(image, QImage):
            image = QImage(str(image))
        if not self._active:
            return False
        self.frame.emit(image)
        return True


class CameraScanner(QObject):
    """The camera panel's behaviour: start/stop, preview, decode, ``scanned(text)``."""

    scanned = Signal(str)

    def __init__(self, source: QObject | None, panel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.source = source
        self.panel = panel
        live = isinstance(source, CameraSource)
        self.decoder = FrameDecoder(self, min_interval_s=1.0 / LIVE_DECODES_PER_S if live else 0.0)
        self.decoder.decoded.connect(self.scanned)
        self.last_text = ""
        if source is not None:
            source.frame.connect(self._frame)
            source.changed.connect(self._update)
        panel.toggle.clicked.connect(self.toggle)
        self._update()

    @property
    def available(self) -> bool:
        return self.source is not None and self.source.available

    @property
    def active(self) -> bool:
        return self.source is not None and self.source.active

    def start(self) -> None:
        if self.available:
            self.source.start()
        self._update()

    def stop(self) -> None:
        if self.source is not None and self.source.active:
            self.source.stop()
        self.decoder.reset()
        self.panel.preview.clear()
        self._update()

    def toggle(self) -> None:
        if self.active:
            self.stop()
        else:
            self.start()

    def reset(self) -> None:
        """The code on the card was cleared: the same code shown again is a new scan."""
        self.decoder.reset()

    def close(self) -> None:
        self.stop()
        close = getattr(self.source, "close", None)
        if callable(close):
            close()

    # -- frames ---------------------------------------------------------------------------------
    @Slot(QImage)
    def _frame(self, image: QImage) -> None:
        if not self.active:
            return
        preview = self.panel.preview
        size = preview.contentsRect().size()
        if size.width() > 0 and size.height() > 0:
            preview.setPixmap(
                QPixmap.fromImage(image).scaled(
                    size,
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.FastTransformation,
                )
            )
        text = self.decoder.feed(image)
        if text is not None:
            self.last_text = text

    def _update(self) -> None:
        panel = self.panel
        if not self.available:
            panel.show_state(
                "none",
                self.tr("No camera found: scan with the scanner or type the code above"),
            )
            panel.toggle.setEnabled(False)
            panel.preview.setText(self.tr("No camera"))
            return
        panel.toggle.setEnabled(True)
        name = self.source.description or self.tr("camera")
        if self.source.error:
            panel.show_state(
                "error",
                self.tr("Camera error ({name}): {error}").format(
                    name=name, error=self.source.error
                ),
            )
        elif self.active:
            panel.show_state(
                "on", self.tr("Camera on ({name}): hold the code in front of it").format(name=name)
            )
            panel.toggle.set_caption(self.tr("Camera off"))
            if panel.preview.pixmap() is None or panel.preview.pixmap().isNull():
                panel.preview.setText(self.tr("Waiting for the camera…"))
        else:
            panel.show_state(
                "off", self.tr("Camera off ({name}): F4 turns it on").format(name=name)
            )
            panel.toggle.set_caption(self.tr("Camera on"))
            if panel.preview.pixmap() is None or panel.preview.pixmap().isNull():
                panel.preview.setText(self.tr("Camera off"))
