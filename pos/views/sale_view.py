"""The sale screen's layout: scan field, cart table, coupons, member strip, totals, F-key
buttons, print banner."""

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
        # what the coupons took off (part of the discount), shown while the sale has coupons
        self.coupons = self._row(grid, 3, self.tr("Coupons"))
        self.coupons.setObjectName("totalsDiscount")
        self.coupons_caption = grid.itemAtPosition(3, 0).widget()
        self.set_coupons_visible(False)
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

    def set_coupons_visible(self, visible: bool) -> None:
        self.coupons_caption.setVisible(visible)
        self.coupons.setVisible(visible)


class MemberStrip(QFrame):
    """The member on the sale (masked phone, name, points, balance), or a hint how to find one,
    with the member and top-up keys beside it."""

    STYLE = """
        #memberStrip { background: #ffffff; border: 1px solid #cfd8dc; border-radius: 6px; }
        #memberStrip[member="true"] { background: #fff8e1; border: 2px solid #f9a825; }
        #memberText { font-size: 16px; }
        #memberStrip[member="true"] #memberText { font-weight: 600; color: #5d4037; }
        #memberStrip QPushButton { min-height: 40px; font-size: 15px; }
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("memberStrip")
        self.setStyleSheet(self.STYLE)
        self.setProperty("member", False)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 4, 6, 4)
        layout.setSpacing(8)
        self.caption = label(self.tr("Member"), "memberCaption")
        self.caption.setStyleSheet("font-size: 16px; color: #8d6e00; font-weight: 700;")
        layout.addWidget(self.caption)
        self.text = label("", "memberText")
        self.text.setWordWrap(True)  # a long name and the member's figures take two lines
        self.text.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        layout.addWidget(self.text, 1)
        self.member_button = KeyButton("Ctrl+M", self.tr("Member"), self)
        self.member_button.setObjectName("key_member")
        self.member_button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.member_button.setMinimumWidth(140)
        layout.addWidget(self.member_button)
        self.topup_button = KeyButton("Ctrl+T", self.tr("Top up"), self)
        self.topup_button.setObjectName("key_topup")
        self.topup_button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.topup_button.setMinimumWidth(140)
        layout.addWidget(self.topup_button)

    def show_member(self, text: str, on: bool) -> None:
        self.text.setText(text)
        self.text.setToolTip(text)
        if self.property("member") != on:
            self.setProperty("member", on)
            for w in (self, self.text):
                w.style().unpolish(w)
                w.style().polish(w)


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
        # the coupons applied to the sale, each its own row (hidden while there are none)
        self.coupons = table_view("couponTable")
        self.coupons.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.coupons.setStyleSheet(
            "#couponTable { background: #fff5f5; alternate-background-color: #fff5f5;"
            " border: 1px dashed #c62828; font-size: 17px; }"
        )
        self.coupons.verticalHeader().setDefaultSectionSize(34)
        self.coupons.horizontalHeader().hide()
        self.coupons.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.coupons.hide()
        left.addWidget(self.coupons)
        self.member = MemberStrip(self)
        left.addWidget(self.member)
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
        stretch_first_column(self.coupons)

    def fit_coupons(self, rows: int) -> None:
        """The coupon strip as tall as its rows (at most three, then it scrolls)."""
        self.coupons.setVisible(rows > 0)
        if rows:
            height = self.coupons.verticalHeader().defaultSectionSize() * min(rows, 3)
            self.coupons.setFixedHeight(height + 2 * self.coupons.frameWidth() + 2)
