"""QR codes as images or module matrices, for the on-screen preview and any raster output."""

from __future__ import annotations

import qrcode
from PIL import Image
from qrcode.constants import ERROR_CORRECT_M
from qrcode.image.pil import PilImage


def _build(payload: str, *, border: int, box_size: int = 1) -> qrcode.QRCode:
    if not payload:
        raise ValueError("a QR code needs a payload")
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=border, box_size=box_size)
    code.add_data(payload)
    code.make(fit=True)
    return code


def qr_matrix(payload: str, *, border: int = 0) -> list[list[bool]]:
    """Rows of modules, ``True`` for dark, with ``border`` light modules around."""
    return [list(row) for row in _build(payload, border=border).get_matrix()]


def qr_image(payload: str, *, box_size: int = 6, border: int = 4) -> Image.Image:
    """A black-on-white ``"1"``-mode PIL image, ``box_size`` pixels per module."""
    code = _build(payload, border=border, box_size=box_size)
    return code.make_image(image_factory=PilImage).get_image().convert("1")
