"""F2 product search dialog: a query field and the results."""

from __future__ import annotations

from PySide6.QtWidgets import QHeaderView, QWidget

from pos.dialogs.base import CounterDialog
from pos.views.widgets import big_line_edit, label, stretch_first_column, table_view


class SearchView(CounterDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("", parent)
        self.setWindowTitle(self.tr("Find a product"))
        self.title_label.setText(self.tr("Find a product"))
        self.ok_button.set_caption(self.tr("Add to sale"))
        self.query = big_line_edit(
            "searchField", self.tr("Name, code, barcode or pinyin initials (e.g. ksf)")
        )
        self.query.setMaxLength(40)
        self.body.addWidget(self.query)
        self.results = table_view("searchResults", self)
        self.results.setMinimumSize(760, 360)
        self.body.addWidget(self.results, 1)
        self.body.addWidget(
            label(self.tr("Up/Down choose, Enter adds the item, Esc closes."), "hint")
        )
        self.setMinimumWidth(820)
        self.query.setFocus()

    def configure_results(self) -> None:
        stretch_first_column(self.results)
        header = self.results.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
