"""Receipts and reports: device-neutral documents, rendered to ESC/POS bytes or a PDF.

Build a ``Receipt``/``ShiftReport``, then ``render_escpos(doc, paper_mm=..., copies=...)`` and
``open_sink(config).send(data)``, or ``render_pdf(doc)`` for email, archive and plain printers.
"""

from shared.printing.config import PrinterConfig
from shared.printing.document import (
    Document,
    Receipt,
    ReceiptCoupon,
    ReceiptLine,
    ReceiptPayment,
    ShiftReport,
    from_json,
    to_json,
)
from shared.printing.escpos_render import render_escpos
from shared.printing.fonts import FontSpec, find_cjk_font, register_cjk_font
from shared.printing.labels import label, method_label
from shared.printing.layout import columns_for_paper, display_width
from shared.printing.pdf_render import render_pdf
from shared.printing.qr import qr_image, qr_matrix
from shared.printing.sinks import PrinterSink, PrinterUnavailable, open_sink

__all__ = [
    "Document",
    "FontSpec",
    "PrinterConfig",
    "PrinterSink",
    "PrinterUnavailable",
    "Receipt",
    "ReceiptCoupon",
    "ReceiptLine",
    "ReceiptPayment",
    "ShiftReport",
    "columns_for_paper",
    "display_width",
    "find_cjk_font",
    "from_json",
    "label",
    "method_label",
    "open_sink",
    "qr_image",
    "qr_matrix",
    "register_cjk_font",
    "render_escpos",
    "render_pdf",
    "to_json",
]
