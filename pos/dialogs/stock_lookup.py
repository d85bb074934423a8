"""Stock at the counter (SPEC §10): scan or type a code, see what this store and the others have.

Stock lives at head office, so the look-up is online only: ``CounterBackend.stock`` asks the
central database through the gateway, run by the operation runner as a ``device`` operation
(never on the GUI thread). The dialog stays open for the next scan; Esc closes it. Offline, it
says so and the sale goes on.

``open_stock_lookup(parts, text)`` opens the dialog (the sale screen's Ctrl+K) and wires it to
the runner; ``StockLookupDialog`` is layout and keys only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from pos.dialogs.base import CounterDialog
from pos.views.widgets import big_line_edit, label
from shared.qt.errors import describe
from shared.qt.money import fmt_quantity

if TYPE_CHECKING:
    from pos.screens.base import Parts

MAX_CODE = 40
#: stores shown without scrolling
VISIBLE_STORES = 6


class StockLookupDialog(CounterDialog):
    """A code field (Enter asks head office), the item's stock here, and every store's."""

    # the code as scanned or typed
    submitted = Signal(str)

    STORE, NAME, ON_HAND, AVAILABLE = range(4)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("", parent)
        title = self.tr("Stock lookup")
        self.setWindowTitle(title)
        self.title_label.setText(title)
        self.ok_button.set_caption(self.tr("Look up"))
        self.cancel_button.set_caption(self.tr("Close"))
        self.code = big_line_edit("stockCode", self.tr("Scan or type a barcode or code"))
        self.code.setMaxLength(MAX_CODE)
        self.add_row(self.tr("Barcode / code"), self.code)
        self.item = label("", "dialogText")
        self.item.setWordWrap(True)
        self.body.addWidget(self.item)
        self.here = label("", "stockHere")
        self.here.setWordWrap(True)
        big = self.here.font()
        big.setBold(True)
        big.setPointSizeF(big.pointSizeF() * 1.3)
        self.here.setFont(big)
        self.body.addWidget(self.here)
        self.stores = QTableWidget(0, 4, self)
        self.stores.setObjectName("stockStores")
        self.stores.setHorizontalHeaderLabels(
            [self.tr("Store"), self.tr("Name"), self.tr("On hand"), self.tr("Available")]
        )
        self.stores.verticalHeader().setVisible(False)
        self.stores.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.stores.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.stores.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        header = self.stores.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(self.NAME, QHeaderView.ResizeMode.Stretch)
        self.stores.hide()
        self.body.addWidget(self.stores)
        hint = label(
            self.tr("Stock is kept at head office: looking it up needs a connection."), "hint"
        )
        hint.setWordWrap(True)
        self.body.addWidget(hint)
        self.setMinimumWidth(620)
        #: the last answer shown (``db.queries.stock.stock_at``), for tests and screenshots
        self.answer: dict | None = None
        self.code.setFocus()

    def submit(self) -> None:
        if self.busy:
            return
        text = self.code.text().strip()
        if not text:
            self.show_error(self.tr("Scan or type a barcode or code"))
            self.code.setFocus()
            return
        self.set_busy(True)
        self.show_info(self.tr("Asking head office…"))
        self.submitted.emit(text)

    def show_stock(self, answer: dict) -> None:
        """Head office's answer: this store's figures large, every store's in the table."""
        self.answer = answer
        self.set_busy(False)
        weighed = bool(answer.get("weighed"))
        unit = answer.get("unit") or ""

        def qty(milli: int) -> str:
            return fmt_quantity(int(milli), weighed=weighed)

        self.item.setText(f"{answer['code']}  {answer['name']}")
        self.here.setText(
            self.tr("{store}: on hand {on_hand} {unit}, available {available} {unit}").format(
                store=answer.get("store_name") or answer["store"],
                on_hand=qty(answer["on_hand_milli"]),
                available=qty(answer["available_milli"]),
                unit=unit,
            )
        )
        rows = answer.get("stores") or []
        self.stores.setRowCount(len(rows))
        for r, s in enumerate(rows):
            cells = (s["store"], s["name"], qty(s["on_hand_milli"]), qty(s["available_milli"]))
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if c in (self.ON_HAND, self.AVAILABLE):
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                if s["store"] == answer["store"]:
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                self.stores.setItem(r, c, item)
        self.stores.resizeRowsToContents()
        shown = min(len(rows), VISIBLE_STORES)
        height = self.stores.horizontalHeader().sizeHint().height() + 2 * self.stores.frameWidth()
        height += sum(self.stores.rowHeight(r) for r in range(shown))
        self.stores.setFixedHeight(height)
        self.stores.setVisible(bool(rows))
        self.show_info(self.tr("Scan the next item, or Esc to close"))
        self.code.selectAll()
        self.code.setFocus()

    def refused(self, text: str) -> None:
        self.set_busy(False)
        self.answer = None
        self.item.clear()
        self.here.clear()
        self.stores.hide()
        self.show_error(text)
        self.code.selectAll()
        self.code.setFocus()

    def refusal_text(self, exc: BaseException) -> str:
        """Why a look-up gave no figures, in the interface language."""
        code = getattr(exc, "code", "")
        details = getattr(exc, "details", {}) or {}
        value = str(details.get("value", ""))
        if code == "stock_offline":
            return self.tr("Stock needs a connection to head office; the sale goes on")
        if code == "unknown_code":
            return self.tr("Unknown barcode or code: {code}").format(code=value)
        if code == "ambiguous_product":
            return self.tr(
                "Product {code} has several SKUs: scan the barcode of the one you mean"
            ).format(code=value)
        if code == "bad_code":
            return self.tr("Not a barcode or code")
        return describe(exc)


def open_stock_lookup(parts: Parts, text: str = "") -> StockLookupDialog:
    """Open the stock look-up over the counter window; with ``text``, look it up at once."""
    dialog = StockLookupDialog(parts.window)
    backend = parts.backend

    def submitted(code: str) -> None:
        parts.runner.run(
            lambda: backend.stock(code),
            kind="device",
            owner=dialog,
            on_done=dialog.show_stock,
            on_error=lambda exc: dialog.refused(dialog.refusal_text(exc)),
            label="stock lookup",
        )

    dialog.submitted.connect(submitted)
    parts.open_dialog(dialog)
    text = (text or "").strip()[:MAX_CODE]
    if text:
        dialog.code.setText(text)
        dialog.submit()
    return dialog
