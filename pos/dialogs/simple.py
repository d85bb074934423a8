"""Small dialogs: confirm, notice, and one typed value (quantity, price, float, amount)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from pos.dialogs.base import CounterDialog
from pos.views.widgets import big_line_edit, label


class ConfirmDialog(CounterDialog):
    """Enter confirms, Esc cancels."""

    def __init__(
        self, title: str, text: str, parent: QWidget | None = None, *, ok_text: str | None = None
    ) -> None:
        super().__init__(title, parent, ok_text=ok_text)
        self.text = label(text, "dialogText")
        self.text.setWordWrap(True)
        self.body.addWidget(self.text)
        self.setMinimumWidth(460)


class NoticeDialog(CounterDialog):
    """A message to acknowledge (Enter or Esc closes)."""

    def __init__(
        self, title: str, text: str, parent: QWidget | None = None, *, level: str = "info"
    ) -> None:
        super().__init__(title, parent)
        self.ok_button.set_caption(self.tr("Close"))
        self.cancel_button.hide()
        self.text = label(text, "noticeText")
        self.text.setWordWrap(True)
        self.text.setProperty("level", level)
        self.body.addWidget(self.text)
        self.setMinimumWidth(480)

    def reject(self) -> None:
        self.accept()


# returned by an ``apply`` callback that went off to do the work itself (it closes the dialog)
PENDING = False


class ValueDialog(CounterDialog):
    """One field. ``apply(text)`` returns an error message to show, ``None`` to close, or
    ``PENDING`` when it started an operation that will close the dialog (or show its error)."""

    def __init__(
        self,
        title: str,
        caption: str,
        apply: Callable[[str], str | None | bool],
        parent: QWidget | None = None,
        *,
        initial: str = "",
        hint: str = "",
        placeholder: str = "",
    ) -> None:
        super().__init__(title, parent)
        self._apply = apply
        self.field = big_line_edit("valueField", placeholder)
        self.field.setMaxLength(32)
        self.field.setText(initial)
        self.field.selectAll()
        self.add_row(caption, self.field)
        if hint:
            h = label(hint, "hint")
            h.setWordWrap(True)
            self.body.addWidget(h)
        self.setMinimumWidth(480)
        self.field.setFocus()

    def submit(self) -> None:
        if self.busy:
            return
        error = self._apply(self.field.text())
        if error is PENDING:
            return
        if error:
            self.show_error(error)
            self.field.selectAll()
            self.field.setFocus()
            return
        self.accept()
