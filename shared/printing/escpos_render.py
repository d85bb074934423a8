"""ESC/POS bytes for a receipt or shift report, built with python-escpos' ``Dummy`` printer.

Chinese is sent as GB18030 inside Kanji mode (``FS &`` ... ``FS .``) rather than through
python-escpos' code-page guessing, which has no Chinese code page. The output depends only on the
document, so it can be compared byte for byte with golden files.
"""

from __future__ import annotations

from escpos.capabilities import Profile
from escpos.constants import QR_ECLEVEL_M
from escpos.printer import Dummy

from shared.printing.document import Document
from shared.printing.layout import columns_for_paper
from shared.printing.slip import Blank, QrBlock, Rule, SlipItem, TextRow, compose

KANJI_ON = b"\x1c\x26"
KANJI_OFF = b"\x1c\x2e"

#: printable width in dots at 203 dpi: 58 mm paper prints 48 mm, 80 mm paper prints 72 mm
_PRINTABLE = {58: (48, 384), 80: (72, 576)}
_QR_MODULE_DOTS = {"large": 6, "small": 4}


def render_escpos(doc: Document, *, paper_mm: int = 80, copies: int = 1) -> bytes:
    """The print job for ``doc``: ``copies`` full copies, each fed and cut."""
    columns = columns_for_paper(paper_mm)
    if not 1 <= copies <= 5:
        raise ValueError(f"copies must be 1 to 5, not {copies!r}")
    items = compose(doc, columns)
    printer = Dummy(profile=_profile(paper_mm))
    printer.hw("INIT")
    for _ in range(copies):
        for item in items:
            _emit(printer, item, columns)
        printer.cut()
    return printer.output


def encode_line(text: str) -> bytes:
    """One line of text as printer bytes: plain ASCII, or GB18030 wrapped in Kanji mode."""
    if text.isascii():
        return text.encode("ascii")
    return KANJI_ON + text.encode("gb18030") + KANJI_OFF


def _emit(printer: Dummy, item: SlipItem, columns: int) -> None:
    if isinstance(item, TextRow):
        _emit_text(printer, item)
    elif isinstance(item, Rule):
        printer._raw(b"-" * columns + b"\n")
    elif isinstance(item, Blank):
        printer._raw(b"\n")
    elif isinstance(item, QrBlock):
        printer.set(align="center")
        printer.qr(item.payload, ec=QR_ECLEVEL_M, size=_QR_MODULE_DOTS[item.size], native=True)
        printer._raw(b"\n")
        printer.set(align="left")


def _emit_text(printer: Dummy, row: TextRow) -> None:
    if row.bold:
        printer.set(bold=True)
    if row.tall:
        printer.set(custom_size=True, width=1, height=2)
    printer._raw(encode_line(row.text) + b"\n")
    if row.tall:
        printer.set(custom_size=True, width=1, height=1)
    if row.bold:
        printer.set(bold=False)


def _profile(paper_mm: int) -> Profile:
    """A generic printer of this paper width: Font A columns, dots across, cutter, native QR."""
    printable_mm, dots = _PRINTABLE[paper_mm]
    profile = Profile(
        columns=columns_for_paper(paper_mm),
        features={"paperFullCut": True, "paperPartCut": True, "qrCode": True},
    )
    profile.profile_data = {
        **profile.profile_data,
        "media": {"dpi": 203, "width": {"mm": printable_mm, "pixels": dots}},
    }
    return profile
