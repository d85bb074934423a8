"""A document shown as it prints (X report, Z report, receipt preview), in a fixed-width font."""

from __future__ import annotations

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from pos.dialogs.base import CounterDialog
from shared.printing.document import Document
from shared.printing.slip import Blank, QrBlock, Rule, TextRow, compose


def document_text(doc: Document, columns: int = 48) -> str:
    """The rows the printer would print, as plain text (QR codes as a placeholder line)."""
    out: list[str] = []
    for item in compose(doc, columns):
        if isinstance(item, TextRow):
            out.append(item.text)
        elif isinstance(item, Rule):
            out.append("-" * columns)
        elif isinstance(item, Blank):
            out.append("")
        elif isinstance(item, QrBlock):
            out.append(f"[QR {item.payload}]".center(columns))
    return "\n".join(out)


class TextPreviewDialog(CounterDialog):
    def __init__(
        self, title: str, text: str, parent: QWidget | None = None, *, ok_text: str | None = None
    ) -> None:
        super().__init__(title, parent, ok_text=ok_text)
        if ok_text is None:
            self.ok_button.set_caption(self.tr("Close"))
        self.cancel_button.hide()
        self.text = QPlainTextEdit(self)
        self.text.setObjectName("documentPreview")
        self.text.setReadOnly(True)
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSize(11)
        self.text.setFont(font)
        self.text.setPlainText(text)
        self.text.setMinimumSize(560, 460)
        self.body.addWidget(self.text)
        self.setFocus()
