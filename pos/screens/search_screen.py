"""F2 search: type a name, code or pinyin initials; results follow as you type (read operations);
Up/Down choose; Enter adds the chosen item to the sale."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer

from pos.models.search_model import SearchResultsModel
from pos.screens.base import Parts
from pos.views.search_view import SearchView
from shared.domain.cart import CartLine
from shared.qt.errors import describe
from shared.services.catalog import SkuHit

DEBOUNCE_MS = 150


class SearchScreen(QObject):
    def __init__(
        self, parts: Parts, add_line: Callable[[CartLine], bool], parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.parts = parts
        self.add_line = add_line
        self.view = v = SearchView(parts.window)
        self.model = SearchResultsModel(v)
        v.results.setModel(self.model)
        v.configure_results()
        v.on_enter = self.choose
        v.on_ok = self.choose
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.search)
        v.query.textChanged.connect(lambda _t: self._timer.start())
        v.finished.connect(lambda _r: self._timer.stop())  # no search after the dialog is gone
        v.query.installEventFilter(self)
        self._asked = 0
        self.searching = False

    def open(self, text: str = "") -> None:
        self.parts.open_dialog(self.view)
        self.view.query.setText(text)
        self.view.query.setFocus()

    def eventFilter(self, obj, event) -> bool:
        if (
            obj is self.view.query
            and event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down)
            and self.model.rowCount()
        ):
            current = self.view.results.currentIndex().row()
            step = -1 if event.key() == Qt.Key.Key_Up else 1
            row = max(0, min(self.model.rowCount() - 1, current + step if current >= 0 else 0))
            self.view.results.selectRow(row)
            return True
        return super().eventFilter(obj, event)

    def search(self) -> None:
        text = self.view.query.text().strip()
        self._timer.stop()
        self._asked += 1
        asked = self._asked
        if not text:
            self.model.set_rows([])
            return
        self.searching = True
        self.parts.runner.run(
            lambda: self.parts.backend.search(text),
            kind="read",
            owner=self.view,
            on_done=lambda hits: self._show(asked, hits),
            on_error=lambda exc: self._failed(asked, exc),
            label="search",
        )

    def _show(self, asked: int, hits: list[SkuHit]) -> None:
        if asked != self._asked:
            return  # an older answer: the cashier typed on
        self.searching = False
        self.model.set_rows(hits)
        if hits:
            self.view.results.selectRow(0)
            self.view.show_info(self.tr("{n} found").format(n=len(hits)))
        else:
            self.view.show_info(self.tr("Nothing found"))

    def _failed(self, asked: int, exc: BaseException) -> None:
        if asked != self._asked:
            return
        self.searching = False
        self.model.set_rows([])
        self.view.show_error(describe(exc))

    def choose(self) -> None:
        v = self.view
        if self._timer.isActive():
            self.search()  # Enter before the pause: search now, the cashier presses Enter again
            return
        rows = v.results.selectionModel().selectedRows()
        hit = self.model.row_at(rows[0].row()) if rows else None
        if hit is None:
            v.show_error(self.tr("Type something to search for, then choose an item"))
            return
        if not hit.on_shelf:
            v.show_error(self.tr("{name} is off shelf and cannot be sold").format(name=hit.name))
            return
        v.set_busy(True)
        self.parts.runner.run(
            lambda: self.parts.backend.line_for_sku(hit.sku_id),
            kind="read",
            lane="scan",
            owner=v,
            on_done=self._add,
            on_error=self._refused,
            label="line for sku",
        )

    def _add(self, line: CartLine) -> None:
        self.view.set_busy(False)
        if self.add_line(line):
            self.view.accept()

    def _refused(self, exc: BaseException) -> None:
        self.view.set_busy(False)
        self.view.show_error(describe(exc))
