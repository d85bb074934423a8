"""Table models of the back office over DTO rows (``shared.qt.table_model``).

``PagedTableModel`` holds the rows fetched so far of a list that may be large: the view asks
``canFetchMore`` / ``fetchMore`` as the user scrolls, and the model fetches the next page through
the operation runner (never on the GUI thread). A reload (new filters, another sort) starts a new
generation; a page that arrives for an older one is dropped.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from shared.qt.operations import OperationRunner
from shared.qt.table_model import Column, RowTableModel

_Index = QModelIndex | QPersistentModelIndex

#: (offset, limit) -> an object with ``rows`` and ``total`` (run on a worker)
PageFetcher = Callable[[int, int], Any]

SHORT_BACKGROUND = "#ffcdd2"  # red: the drawer held less than expected
OVER_BACKGROUND = "#ffe0b2"  # amber: more than expected
SHORT_TEXT = "#b71c1c"
OVER_TEXT = "#e65100"


class PagedTableModel(RowTableModel):
    # the first page of a (re)load arrived: the total of rows matching
    loaded = Signal(int)
    # a page could not be fetched
    failed = Signal(object)

    def __init__(
        self,
        columns: Sequence[Column],
        runner: OperationRunner,
        *,
        page_size: int = 100,
        sort_keys: Sequence[str | None] = (),
        background: Callable[[Any, int], str | None] | None = None,
        parent=None,
    ) -> None:
        super().__init__(columns, parent)
        self._runner = runner
        self._page_size = page_size
        self._fetcher: PageFetcher | None = None
        self._total = 0
        self._generation = 0
        self._loading = False
        # the sort key each column sorts by (None: not sortable)
        self._sort_keys = list(sort_keys)
        self._background = background
        self.sort_requested: Callable[[str, bool], None] | None = None

    # -- loading ----------------------------------------------------------------------------------
    @property
    def total(self) -> int:
        return self._total

    @property
    def loading(self) -> bool:
        return self._loading

    def reload(self, fetcher: PageFetcher) -> None:
        """Forget the rows and fetch the first page with ``fetcher``."""
        self._generation += 1
        self._fetcher = fetcher
        self._total = 0
        self.set_rows([])
        self._fetch(first=True)

    def canFetchMore(self, parent: _Index = QModelIndex()) -> bool:  # noqa: B008
        if parent.isValid() or self._fetcher is None or self._loading:
            return False
        return self.rowCount() < self._total

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:  # noqa: B008
        if self.canFetchMore(parent):
            self._fetch(first=False)

    def _fetch(self, *, first: bool) -> None:
        fetcher = self._fetcher
        assert fetcher is not None
        generation = self._generation
        offset = self.rowCount()
        limit = self._page_size
        self._loading = True
        self._runner.run(
            lambda: fetcher(offset, limit),
            kind="read",
            lane=f"page-{id(self)}",
            on_done=lambda page: self._arrived(generation, offset, page, first),
            on_error=lambda exc: self._lost(generation, exc),
            owner=self,
            label="page",
        )

    def _arrived(self, generation: int, offset: int, page: Any, first: bool) -> None:
        if generation != self._generation:
            return
        self._loading = False
        if page.total is not None:  # a later page may skip counting: the first page's total holds
            self._total = page.total
        rows = list(page.rows)
        if offset != self.rowCount():  # never happens with one fetch at a time; be safe
            return
        if rows:
            start = self.rowCount()
            self.beginInsertRows(QModelIndex(), start, start + len(rows) - 1)
            self._rows.extend(rows)
            self.endInsertRows()
        if first:
            self.loaded.emit(self._total)

    def _lost(self, generation: int, exc: BaseException) -> None:
        if generation != self._generation:
            return
        self._loading = False
        self.failed.emit(exc)

    def replace_row(self, match: Callable[[Any], bool], row: Any) -> int:
        """Put ``row`` in place of the first row ``match`` accepts; its index, or -1."""
        for i, old in enumerate(self._rows):
            if match(old):
                self._rows[i] = row
                self.dataChanged.emit(self.index(i, 0), self.index(i, self.columnCount() - 1))
                return i
        return -1

    # -- sorting (by the service, over every row, not only the loaded ones) ----------------------
    def sort_key(self, column: int) -> str | None:
        return self._sort_keys[column] if 0 <= column < len(self._sort_keys) else None

    def sort_column(self, key: str) -> int:
        return self._sort_keys.index(key) if key in self._sort_keys else -1

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = self.sort_key(column)
        if key is None or self.sort_requested is None:
            return
        self.sort_requested(key, order == Qt.SortOrder.DescendingOrder)

    # -- colours ----------------------------------------------------------------------------------
    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.BackgroundRole and self._background is not None:
            row = self.row_at(index.row())
            if row is None:
                return None
            colour = self._background(row, index.column())
            return QBrush(QColor(colour)) if colour else None
        return super().data(index, role)


def variance_colours(variance_fen: int | None) -> tuple[str | None, str | None]:
    """(background, text) of a variance cell: red when short, amber when over."""
    if not variance_fen:
        return None, None
    if variance_fen < 0:
        return SHORT_BACKGROUND, SHORT_TEXT
    return OVER_BACKGROUND, OVER_TEXT
