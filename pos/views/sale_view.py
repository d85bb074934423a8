"""The sale screen's layout: scan field, cart table, totals, F-key buttons, print banner."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from pos.views.widgets import (
    Banner,
    KeyButton,
    big_line_edit,
    hline,
    label,
    message_label,
    stretch_first_column,
    table_view,
)


class TotalsPanel(QFrame):
    """件数 / 合计 / 优惠 / 应收, always visible; the amount due is the biggest thing on screen."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("totalsPanel")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 14)
        layout.setSpacing(6)
        grid = QGridLayout()
        grid.setVerticalSpacing(6)
        self.count = self._row(grid, 0, self.tr("Items"))
        self.subtotal = self._row(grid, 1, self.tr("Subtotal"))
        self.discount = self._row(grid, 2, self.tr("Discount"))
        self.discount.setObjectName("totalsDiscount")
        layout.addLayout(grid)
        layout.addWidget(hline(self))
        self.due_caption = label(self.tr("Amount due"), "dueCaption")
        layout.addWidget(self.due_caption)
        self.due = label("￥0.00", "dueValue")
        self.due.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        layout.addWidget(self.due)
        layout.addStretch(1)
        self.last_box = QFrame(self)
        self.last_box.setObjectName("lastSale")
        last = QGridLayout(self.last_box)
        last.setContentsMargins(10, 8, 10, 8)
        self.last_title = label(self.tr("Last sale"), "lastTitle")
        last.addWidget(self.last_title, 0, 0, 1, 2)
        self.last_receipt = label("", "lastReceipt")
        last.addWidget(self.last_receipt, 1, 0, 1, 2)
        last.addWidget(label(self.tr("Paid"), "lastCaption"), 2, 0)
        self.last_paid = label("", "lastPaid")
        self.last_paid.setAlignment(Qt.AlignmentFlag.AlignRight)
        last.addWidget(self.last_paid, 2, 1)
        last.addWidget(label(self.tr("Change"), "lastCaption"), 3, 0)
        self.last_change = label("", "lastChange")
        self.last_change.setAlignment(Qt.AlignmentFlag.AlignRight)
        last.addWidget(self.last_change, 3, 1)
        self.last_box.hide()
        layout.addWidget(self.last_box)

    def _row(self, grid: QGridLayout, row: int, caption: str) -> QLabel:
        grid.addWidget(label(caption, "totalsCaption"), row, 0)
        value = label("", "totalsValue")
        value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        grid.addWidget(value, row, 1)
        return value


class SaleView(QWidget):
    # (attribute, key, caption) of the F-key buttons, in screen order
    KEYS = (
        ("help", "F1", "Help"),
        ("search", "F2", "Search"),
        ("quantity", "F3", "Quantity"),
        ("line_discount", "F4", "Line discount"),
        ("order_discount", "F5", "Order discount"),
        ("remove", "F6", "Remove line"),
        ("price", "F7", "Change price"),
        ("park", "F8", "Park sale"),
        ("resume", "F9", "Resume sale"),
        ("returns", "F10", "Returns"),
        ("shift", "F11", "Shift"),
        ("clear", "Esc", "Clear sale"),
        ("pay", "F12", "Pay"),
    )

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("saleView")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(10, 8, 10, 8)
        outer.setSpacing(8)

        self.print_banner = Banner("printBanner", self)
        outer.addWidget(self.print_banner)

        body = QHBoxLayout()
        body.setSpacing(10)
        left = QVBoxLayout()
        left.setSpacing(6)
        scan_row = QHBoxLayout()
        self.scan_caption = label(self.tr("Scan / code"), "scanCaption")
        scan_row.addWidget(self.scan_caption)
        self.scan = big_line_edit(
            "scanField", self.tr("Scan a barcode or type a code, then Enter (3*code for 3)")
        )
        self.scan.setMaxLength(64)
        scan_row.addWidget(self.scan, 1)
        left.addLayout(scan_row)
        self.message = message_label("scanMessage")
        left.addWidget(self.message)
        self.cart = table_view("cartTable")
        self.cart.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        left.addWidget(self.cart, 1)
        body.addLayout(left, 13)

        self.totals = TotalsPanel(self)
        self.totals.setMinimumWidth(300)
        body.addWidget(self.totals, 6)
        outer.addLayout(body, 1)

        keys = QGridLayout()
        keys.setHorizontalSpacing(6)
        keys.setVerticalSpacing(6)
        captions = {
            "Help": self.tr("Help"),
            "Search": self.tr("Search"),
            "Quantity": self.tr("Quantity"),
            "Line discount": self.tr("Line discount"),
            "Order discount": self.tr("Order discount"),
            "Remove line": self.tr("Remove line"),
            "Change price": self.tr("Change price"),
            "Park sale": self.tr("Park sale"),
            "Resume sale": self.tr("Resume sale"),
            "Returns": self.tr("Returns"),
            "Shift": self.tr("Shift"),
            "Clear sale": self.tr("Clear sale"),
            "Pay": self.tr("Pay"),
        }
        self.buttons: dict[str, KeyButton] = {}
        for i, (attr, key, caption) in enumerate(self.KEYS):
            button = KeyButton(key, captions[caption], self)
            button.setObjectName(f"key_{attr}")
            self.buttons[attr] = button
            setattr(self, f"{attr}_button", button)
            if attr == "pay":
                button.setObjectName("payButton")
                keys.addWidget(button, 0, 6, 2, 1)
                button.setMinimumHeight(2 * 48 + 6)
                button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
                continue
            keys.addWidget(button, i // 6, i % 6)
        for col in range(7):
            keys.setColumnStretch(col, 1)
        outer.addLayout(keys)

    def configure_cart(self) -> None:
        stretch_first_column(self.cart)
