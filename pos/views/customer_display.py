"""The customer-facing window for a second screen: total, change, and a QR code."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QVBoxLayout, QWidget

from pos.views.widgets import label


class QrWidget(QWidget):
    """Paints a QR module matrix (``shared.printing.qr.qr_matrix``) as black squares."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.matrix: list[list[bool]] = []
        self.setMinimumSize(180, 180)

    def set_matrix(self, matrix: list[list[bool]]) -> None:
        self.matrix = matrix
        self.setVisible(bool(matrix))
        self.update()

    def paintEvent(self, _event) -> None:
        if not self.matrix:
            return
        painter = QPainter(self)
        size = min(self.width(), self.height())
        n = len(self.matrix) + 4  # a quiet zone of two modules each side
        cell = size / n
        x0 = (self.width() - size) / 2
        y0 = (self.height() - size) / 2
        painter.fillRect(QRectF(x0, y0, size, size), QColor("white"))
        for r, row in enumerate(self.matrix):
            for c, dark in enumerate(row):
                if dark:
                    painter.fillRect(
                        QRectF(x0 + (c + 2) * cell, y0 + (r + 2) * cell, cell + 0.5, cell + 0.5),
                        QColor("black"),
                    )
        painter.end()


class CustomerDisplayView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("customerDisplay")
        self.setWindowTitle(self.tr("Customer display"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 30, 40, 30)
        self.store = label("", "cdStore")
        self.store.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.store)
        layout.addStretch(1)
        self.caption = label(self.tr("Amount due"), "cdCaption")
        self.caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.caption)
        self.amount = label("￥0.00", "cdAmount")
        self.amount.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.amount)
        self.detail = label("", "cdDetail")
        self.detail.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.detail)
        self.qr = QrWidget(self)
        self.qr.hide()
        layout.addWidget(self.qr, 0, Qt.AlignmentFlag.AlignHCenter)
        self.qr_caption = label("", "cdDetail")
        self.qr_caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.qr_caption)
        layout.addStretch(1)
        self.resize(800, 600)
