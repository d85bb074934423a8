"""The serial number of a serial-tracked unit being sold (SPEC §10).

Layout and keys only: the sale screen asks head office whether the unit is in stock here and calls
``refused`` with the reason when it is not; the scanner types into the field and presses Enter.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from pos.dialogs.base import CounterDialog
from pos.views.widgets import big_line_edit, label

#: as the service allows (``services.serials.MAX_SERIAL``)
MAX_SERIAL = 64


class SerialDialog(CounterDialog):
    """Scan (or type) the serial number of the unit; Enter checks it and adds the line."""

    # the serial number as scanned
    submitted = Signal(str)

    def __init__(self, item_name: str, parent: QWidget | None = None) -> None:
        super().__init__("", parent)
        title = self.tr("Serial number")
        self.setWindowTitle(title)
        self.title_label.setText(title)
        self.ok_button.set_caption(self.tr("Add"))
        self.item = label(item_name, "dialogText")
        self.add_row(self.tr("Item"), self.item)
        self.serial = big_line_edit("serialNumber", self.tr("Scan the serial number on the unit"))
        self.serial.setMaxLength(MAX_SERIAL)
        self.add_row(self.tr("Serial number"), self.serial)
        hint = label(
            self.tr(
                "This item is sold by serial number, one unit per line. The number is checked "
                "with head office; offline it is checked when the sale is synced."
            ),
            "hint",
        )
        hint.setWordWrap(True)
        self.body.addWidget(hint)
        self.setMinimumWidth(560)
        self.serial.setFocus()

    def submit(self) -> None:
        if self.busy:
            return
        text = self.serial.text().strip()
        if not text:
            self.show_error(self.tr("Scan or type the serial number"))
            self.serial.setFocus()
            return
        self.set_busy(True)
        self.show_info(self.tr("Checking the serial number…"))
        self.submitted.emit(text)

    def refused(self, text: str) -> None:
        self.set_busy(False)
        self.show_error(text)
        self.serial.selectAll()
        self.serial.setFocus()
