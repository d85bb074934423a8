"""A receipt-width PDF of a receipt or shift report, drawn with reportlab.

The page is as wide as the paper roll (58 or 80 mm) and as tall as the content. It prints the same
rows as the ESC/POS renderer: each cell is drawn at its printer column, in an embedded TrueType
Chinese font, so Chinese shows on any viewer and columns line up as on paper.
"""

from __future__ import annotations

import io

from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from shared.printing.document import Document, Receipt
from shared.printing.fonts import register_cjk_font
from shared.printing.layout import Cell, columns_for_paper
from shared.printing.slip import Blank, QrBlock, Rule, SlipItem, TextRow, compose

_PRINTABLE_MM = {58: 48, 80: 72}
_QR_MM = {"large": 28, "small": 18}
_LINE_SPACING = 1.4
_TALL = 1.6
_TOP_MM = 5
_BOTTOM_MM = 8


def render_pdf(doc: Document, *, paper_mm: int = 80) -> bytes:
    """One page, ``paper_mm`` wide, fitted to the content. Deterministic for a given document."""
    columns = columns_for_paper(paper_mm)
    items = compose(doc, columns)
    font = register_cjk_font()
    page = _Page(paper_mm, columns, font)
    height = _TOP_MM * mm + sum(page.height(item) for item in items) + _BOTTOM_MM * mm
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(paper_mm * mm, height), invariant=1, initialFontName=font)
    canvas.setTitle(_title(doc))
    canvas.setAuthor("StoreDesk")
    canvas.setCreator("StoreDesk")
    top = height - _TOP_MM * mm
    for item in items:
        page.draw(canvas, item, top)
        top -= page.height(item)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _title(doc: Document) -> str:
    if isinstance(doc, Receipt):
        return f"{doc.store_name} {doc.receipt_no}"
    return f"{doc.store_name} {doc.report_type} {doc.at}"


class _Page:
    def __init__(self, paper_mm: int, columns: int, font: str) -> None:
        printable = _PRINTABLE_MM[paper_mm] * mm
        self.left = (paper_mm * mm - printable) / 2
        self.width = printable
        self.column = printable / columns
        self.font = font
        #: a Chinese character is one em wide and fills two printer columns
        self.size = 2 * self.column

    def height(self, item: SlipItem) -> float:
        if isinstance(item, QrBlock):
            return (_QR_MM[item.size] + 2) * mm
        if isinstance(item, TextRow) and item.tall:
            return self.size * _TALL * _LINE_SPACING
        return self.size * _LINE_SPACING

    def draw(self, canvas: Canvas, item: SlipItem, top: float) -> None:
        if isinstance(item, TextRow):
            self._text(canvas, item, top)
        elif isinstance(item, Rule):
            y = top - self.height(item) / 2
            canvas.saveState()
            canvas.setLineWidth(0.5)
            canvas.setDash(2, 1.5)
            canvas.line(self.left, y, self.left + self.width, y)
            canvas.restoreState()
        elif isinstance(item, QrBlock):
            self._qr(canvas, item, top)
        elif not isinstance(item, Blank):
            raise TypeError(f"cannot draw {item!r}")

    def _text(self, canvas: Canvas, row: TextRow, top: float) -> None:
        size = self.size * (_TALL if row.tall else 1)
        line = self.height(row)
        baseline = top - line / 2 - size * 0.35
        for cell in row.cells:
            self._cell(canvas, cell, baseline, size, row.bold)

    def _cell(self, canvas: Canvas, cell: Cell, baseline: float, size: float, bold: bool) -> None:
        if not cell.text:
            return
        box = cell.width * self.column
        natural = stringWidth(cell.text, self.font, size)
        scale = min(1.0, box / natural) if natural else 1.0
        drawn = natural * scale
        x = self.left + cell.start * self.column
        if cell.align == "right":
            x += box - drawn
        elif cell.align == "center":
            x += (box - drawn) / 2
        canvas.saveState()
        text = canvas.beginText(x, baseline)
        text.setFont(self.font, size)
        text.setHorizScale(scale * 100)
        if bold:
            canvas.setLineWidth(size / 30)
            text.setTextRenderMode(2)
        text.textOut(cell.text)
        canvas.drawText(text)
        canvas.restoreState()

    def _qr(self, canvas: Canvas, block: QrBlock, top: float) -> None:
        side = _QR_MM[block.size] * mm
        widget = QrCodeWidget(block.payload, barLevel="M")
        x0, y0, x1, y1 = widget.getBounds()
        drawing = Drawing(
            side,
            side,
            transform=[side / (x1 - x0), 0, 0, side / (y1 - y0), 0, 0],
            initialFontName=self.font,
        )
        drawing.add(widget)
        renderPDF.draw(drawing, canvas, self.left + (self.width - side) / 2, top - side - 1 * mm)
