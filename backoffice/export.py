"""Writing a list to CSV or XLSX (SPEC §12: every table exports). Qt-free: the screen translates
the headers and formats the cells, this writes them a batch at a time.

An export started through ``area_kit.run_export`` runs inside ``tracking(progress)``: between
batches ``write_table`` adds the rows written to ``progress.rows`` (the dialog shows them) and
stops with ``ExportCancelled`` once the person pressed Cancel — the half-written file is removed.
"""

from __future__ import annotations

import contextlib
import csv
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextvars import ContextVar
from pathlib import Path
from typing import Any

from shared.domain.errors import DomainError, ValidationError

FORMATS = (".csv", ".xlsx")


class ExportCancelled(DomainError):
    code = "export_cancelled"


class ExportProgress:
    """Shared by the worker writing an export and the dialog watching it."""

    def __init__(self) -> None:
        self.rows = 0
        self._cancelled = threading.Event()

    def cancel(self) -> None:
        self._cancelled.set()

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    def check(self) -> None:
        if self.cancelled:
            raise ExportCancelled("the export was cancelled; nothing was written")


_current: ContextVar[ExportProgress | None] = ContextVar("export_progress", default=None)


@contextlib.contextmanager
def tracking(progress: ExportProgress) -> Iterator[ExportProgress]:
    """Exports written inside this block report to (and can be cancelled through) ``progress``."""
    token = _current.set(progress)
    try:
        yield progress
    finally:
        _current.reset(token)


def _watched(batches: Iterable[Sequence[Sequence[Any]]]) -> Iterator[Sequence[Sequence[Any]]]:
    progress = _current.get()
    for batch in batches:
        if progress is not None:
            progress.check()
        yield batch
        if progress is not None:
            progress.rows += len(batch)
    if progress is not None:
        progress.check()


def write_table(
    path: Path, headers: Sequence[str], batches: Iterable[Sequence[Sequence[Any]]]
) -> int:
    """``headers`` then every row of ``batches`` into ``path``; the suffix picks the format.

    CSV is UTF-8 with a byte-order mark, so Excel opens Chinese text correctly. The file is
    written beside its final name and renamed at the end: a failed export leaves no half file.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise ValidationError(
            "export to a .csv or .xlsx file", code="export_format", value=path.suffix[:10]
        )
    partial = path.with_name(path.name + ".part")
    count = 0
    batches = _watched(batches)
    try:
        if suffix == ".csv":
            with partial.open("w", encoding="utf-8-sig", newline="") as fh:
                writer = csv.writer(fh)
                writer.writerow(headers)
                for batch in batches:
                    writer.writerows(batch)
                    count += len(batch)
        else:
            from openpyxl import Workbook

            book = Workbook(write_only=True)
            sheet = book.create_sheet()
            try:
                sheet.append(list(headers))
                for batch in batches:
                    for row in batch:
                        sheet.append(list(row))
                    count += len(batch)
            except BaseException:
                sheet.close()  # the sheet's own temporary file, left open by a stop midway
                raise
            book.save(partial)
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)
    return count
