"""The payment dialog's layout: amount due, tenders, method keys (balance and points with a
member on the sale), cash and code fields, change, and what the coupons and the member do."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from pos.dialogs.base import CounterDialog
from pos.views.widgets import KeyButton, big_line_edit, label, stretch_first_column, table_view


class PaymentView(CounterDialog):
    METHODS = (
        ("cash", "F1"),
        ("card", "F2"),
        ("wechat", "F3"),
        ("alipay", "F4"),
        ("balance", "F7"),
        ("points", "F8"),
    )
    MEMBER_METHODS = ("balance", "points")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("", parent)
        self.setWindowTitle(self.tr("Payment"))
        self.title_label.setText(self.tr("Payment"))
        self.ok_button.set_caption(self.tr("Take payment"))
        self.cancel_button.set_caption(self.tr("Back to sale"))
        self.pages = QStackedWidget(self)
        self.body.addWidget(self.pages, 1)

        # -- page 1: taking the money ----------------------------------------------------------
        take = QWidget(self.pages)
        layout = QVBoxLayout(take)
        layout.setContentsMargins(0, 0, 0, 0)
        figures = QFrame(take)
        figures.setObjectName("paymentFigures")
        grid = QGridLayout(figures)
        grid.setContentsMargins(16, 10, 16, 10)
        self.due = self._figure(grid, 0, self.tr("Amount due"), "payDue")
        self.paid = self._figure(grid, 1, self.tr("Received"), "payPaid")
        self.remaining = self._figure(grid, 2, self.tr("Still due"), "payRemaining")
        self.change = self._figure(grid, 3, self.tr("Change"), "payChange")
        layout.addWidget(figures)

        methods = QHBoxLayout()
        names = {
            "cash": self.tr("Cash"),
            "card": self.tr("Bank card"),
            "wechat": self.tr("WeChat Pay"),
            "alipay": self.tr("Alipay"),
            "balance": self.tr("Balance"),
            "points": self.tr("Points"),
        }
        self.method_buttons: dict[str, KeyButton] = {}
        for method, key in self.METHODS:
            b = KeyButton(key, names[method], take)
            b.setObjectName(f"method_{method}")
            b.setCheckable(True)
            b.setAutoDefault(False)
            methods.addWidget(b)
            self.method_buttons[method] = b
            if method in self.MEMBER_METHODS:
                b.hide()
        layout.addLayout(methods)
        # the coupons redeemed for the sale and the member on it (empty: hidden)
        self.sale_info = label("", "hint")
        self.sale_info.setWordWrap(True)
        self.sale_info.hide()
        layout.addWidget(self.sale_info)

        form = QGridLayout()
        form.setVerticalSpacing(8)
        self.amount_caption = label(self.tr("Cash tendered"), "fieldLabel")
        self.amount = big_line_edit("payAmount", self.tr("Amount in yuan"))
        self.amount.setMaxLength(12)
        form.addWidget(self.amount_caption, 0, 0)
        form.addWidget(self.amount, 0, 1)
        self.code_caption = label(self.tr("Payment code"), "fieldLabel")
        self.code = big_line_edit("payCode", self.tr("Scan the customer's payment code"))
        self.code.setMaxLength(32)
        form.addWidget(self.code_caption, 1, 0)
        form.addWidget(self.code, 1, 1)
        form.setColumnStretch(1, 1)
        layout.addLayout(form)

        tenders_row = QHBoxLayout()
        self.tenders = table_view("tenderTable", take)
        self.tenders.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.tenders.setMinimumHeight(130)
        tenders_row.addWidget(self.tenders, 1)
        side = QVBoxLayout()
        self.remove_tender = KeyButton("F6", self.tr("Remove payment"), take)
        self.remove_tender.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        side.addWidget(self.remove_tender)
        self.query_again = KeyButton("F5", self.tr("Query payment"), take)
        self.query_again.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.query_again.hide()
        side.addWidget(self.query_again)
        side.addStretch(1)
        tenders_row.addLayout(side)
        layout.addLayout(tenders_row)
        self.hint = label(
            self.tr(
                "F1 cash  F2 card  F3 WeChat  F4 Alipay  ·  Enter takes the amount  ·  "
                "F6 removes the last payment  ·  F12 completes"
            ),
            "hint",
        )
        self.member_hint = self.tr(
            "F1 cash  F2 card  F3 WeChat  F4 Alipay  F7 balance  F8 points  ·  Enter takes the "
            "amount  ·  F6 removes the last payment  ·  F12 completes"
        )
        self.hint.setWordWrap(True)
        layout.addWidget(self.hint)
        self.pages.addWidget(take)

        # -- page 2: done -----------------------------------------------------------------------
        done = QFrame(self.pages)
        done.setObjectName("paymentDone")
        d = QVBoxLayout(done)
        self.done_title = label(self.tr("Payment complete"), "doneTitle")
        self.done_title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        d.addWidget(self.done_title)
        d.addStretch(1)
        self.done_change_caption = label(self.tr("Change"), "doneChangeCaption")
        self.done_change_caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        d.addWidget(self.done_change_caption)
        self.done_change = label("", "doneChange")
        self.done_change.setAlignment(Qt.AlignmentFlag.AlignCenter)
        d.addWidget(self.done_change)
        self.done_paid = label("", "donePaid")
        self.done_paid.setAlignment(Qt.AlignmentFlag.AlignCenter)
        d.addWidget(self.done_paid)
        self.done_receipt = label("", "doneReceipt")
        self.done_receipt.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.done_receipt.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        d.addWidget(self.done_receipt)
        self.done_print = label("", "donePrint")
        self.done_print.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.done_print.setWordWrap(True)
        d.addWidget(self.done_print)
        d.addStretch(1)
        self.pages.addWidget(done)
        self.done_page = done
        self.take_page = take
        self.setMinimumWidth(760)

    def _figure(self, grid: QGridLayout, col: int, caption: str, name: str):
        cap = label(caption, "payCaption")
        cap.setAlignment(Qt.AlignmentFlag.AlignCenter)
        value = label("", name)
        value.setAlignment(Qt.AlignmentFlag.AlignCenter)
        grid.addWidget(cap, 0, col)
        grid.addWidget(value, 1, col)
        return value

    def configure_tenders(self) -> None:
        stretch_first_column(self.tenders)

    def show_member_methods(self, on: bool) -> None:
        """Balance and points keys, with a member on the sale."""
        for method in self.MEMBER_METHODS:
            self.method_buttons[method].setVisible(on)
        if on:
            self.hint.setText(self.member_hint)
            self.setMinimumWidth(900)

    def set_sale_info(self, text: str) -> None:
        self.sale_info.setText(text)
        self.sale_info.setVisible(bool(text))
