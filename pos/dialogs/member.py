"""Members at the counter (SPEC §9): find one by phone (Ctrl+M), top up their balance (Ctrl+T).

Layout and keys only: the sale screen runs the look-up and the top-up through the operation
runner and calls ``refused`` with the reason when the service says no.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from pos.dialogs.base import CounterDialog
from pos.views.widgets import big_line_edit, label

#: a phone number as typed: digits, spaces, dashes, +86 (the service checks it)
MAX_PHONE = 20


class MemberLookupDialog(CounterDialog):
    """Type (or scan) the customer's mobile number, Enter looks the member up."""

    # the phone number as typed
    submitted = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("", parent)
        title = self.tr("Find member")
        self.setWindowTitle(title)
        self.title_label.setText(title)
        self.ok_button.set_caption(self.tr("Find"))
        self.phone = big_line_edit("memberPhone", self.tr("11-digit mobile number"))
        self.phone.setMaxLength(MAX_PHONE)
        self.add_row(self.tr("Mobile number"), self.phone)
        hint = label(
            self.tr(
                "Member prices apply to the sale; balance and points can pay part of it. "
                "Looking a member up needs a connection to head office."
            ),
            "hint",
        )
        hint.setWordWrap(True)
        self.body.addWidget(hint)
        self.setMinimumWidth(520)
        self.phone.setFocus()

    def submit(self) -> None:
        if self.busy:
            return
        text = self.phone.text().strip()
        if not text:
            self.show_error(self.tr("Type the customer's mobile number"))
            self.phone.setFocus()
            return
        self.set_busy(True)
        self.show_info(self.tr("Looking the member up…"))
        self.submitted.emit(text)

    def refused(self, text: str) -> None:
        self.set_busy(False)
        self.show_error(text)
        self.phone.selectAll()
        self.phone.setFocus()


class TopUpDialog(CounterDialog):
    """The amount the member hands over in cash, in yuan; Enter asks to confirm."""

    # the amount as typed
    submitted = Signal(str)

    def __init__(self, member_text: str, parent: QWidget | None = None) -> None:
        super().__init__("", parent)
        title = self.tr("Top up member balance")
        self.setWindowTitle(title)
        self.title_label.setText(title)
        self.ok_button.set_caption(self.tr("Top up"))
        self.member = label(member_text, "dialogText")
        self.member.setWordWrap(True)
        self.body.addWidget(self.member)
        self.amount = big_line_edit("topUpAmount", self.tr("Amount in yuan"))
        self.amount.setMaxLength(12)
        self.add_row(self.tr("Amount"), self.amount)
        self.add_row(self.tr("Paid by"), label(self.tr("Cash (into the drawer)"), "dialogText"))
        hint = label(
            self.tr(
                "The cash goes into this shift's drawer. The member's balance shows the top-up "
                "after the next sync with head office."
            ),
            "hint",
        )
        hint.setWordWrap(True)
        self.body.addWidget(hint)
        self.setMinimumWidth(520)
        self.amount.setFocus()

    def submit(self) -> None:
        if self.busy:
            return
        self.submitted.emit(self.amount.text())

    def refused(self, text: str) -> None:
        self.set_busy(False)
        self.show_error(text)
        self.amount.selectAll()
        self.amount.setFocus()
