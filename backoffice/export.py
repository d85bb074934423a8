"""Writing a list to CSV or XLSX (SPEC §12: every table exports). Qt-free: the screen translates
the headers and formats the cells, this writes them a batch at a time."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from shared.domain.errors import ValidationError

FORMATS = (".csv", ".xlsx")


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
            sheet.append(list(headers))
            for batch in batches:
                for row in batch:
                    sheet.append(list(row))
                count += len(batch)
            book.save(partial)
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)
    return count
