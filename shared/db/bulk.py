"""Bulk inserts for large imports (a million card keys): each dialect's fastest plain path, in the
caller's transaction, so a rollback takes the rows back with everything else.

- SQLite: one ``executemany`` of rows whose values are already in their bound form (each column
  type's own ``bind_processor``, applied here), through ``Connection.exec_driver_sql``, so
  SQLAlchemy does no per-row, per-column work.
- PostgreSQL with psycopg 3: ``COPY table (columns) FROM STDIN`` on the session's own
  connection.
- Any other dialect: a Core ``INSERT`` executemany (what the callers did before).

Columns that hold the same value on every row (the batch, the times, the state) are given once
as ``constant`` and bound once; each row carries only its ``varying`` values.

``sqlite_cache_mb``: SQLite's page cache for this connection while the insert runs (restored by
``close()``). A million rows with a random-valued unique index (a fingerprint) make that index
larger than SQLite's default 2 MB cache, and each insert then reads and writes pages at random:
with the index in cache the same rows go in several times faster.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from sqlalchemy import LargeBinary, Table, insert
from sqlalchemy.orm import Session


class BulkInsert:
    def __init__(
        self,
        session: Session,
        table: Table,
        *,
        varying: Sequence[str],
        constant: Mapping[str, Any],
        sqlite_cache_mb: int | None = None,
    ) -> None:
        self._conn = session.connection()
        self._old_cache: int | None = None
        self._table = table
        dialect = self._conn.dialect
        self.varying = tuple(varying)
        self._constant_raw = dict(constant)
        columns = (*self.varying, *self._constant_raw)
        self.mode = "core"
        if dialect.name == "sqlite":
            self.mode = "sqlite"
        elif dialect.name == "postgresql" and dialect.driver == "psycopg":
            self.mode = "copy"
        if self.mode == "core":
            return
        procs = [self._processor(table, c, dialect) for c in self.varying]
        self._procs: list[tuple[int, Callable[[Any], Any]]] = [
            (i, p) for i, p in enumerate(procs) if p is not None
        ]
        self._constant = tuple(
            self._bound(table, c, v, dialect) for c, v in self._constant_raw.items()
        )
        names = ", ".join(columns)
        if self.mode == "sqlite":
            if sqlite_cache_mb:
                self._old_cache = self._conn.exec_driver_sql("PRAGMA cache_size").scalar()
                self._conn.exec_driver_sql(f"PRAGMA cache_size=-{int(sqlite_cache_mb) * 1024}")
            marks = ", ".join("?" * len(columns))
            self._sql = f"INSERT INTO {table.name} ({names}) VALUES ({marks})"
        else:
            self._sql = f"COPY {table.name} ({names}) FROM STDIN"

    def _processor(self, table: Table, column: str, dialect) -> Callable[[Any], Any] | None:
        """The conversion SQLAlchemy itself would apply to a value of ``column`` (the type as
        the dialect implements it: a ``DateTime`` becomes SQLite's text form)."""
        kind = table.c[column].type
        if isinstance(kind, LargeBinary):
            return None  # sqlite3 and COPY take bytes as they are (the wrapper only costs time)
        return kind.dialect_impl(dialect).bind_processor(dialect)

    def _bound(self, table: Table, column: str, value: Any, dialect) -> Any:
        proc = self._processor(table, column, dialect)
        return proc(value) if proc is not None and value is not None else value

    def close(self) -> None:
        """Give the connection its own page cache size back."""
        if self._old_cache is not None:
            old, self._old_cache = self._old_cache, None
            if not self._conn.closed and not self._conn.invalidated:
                self._conn.exec_driver_sql(f"PRAGMA cache_size={int(old)}")

    def __enter__(self) -> BulkInsert:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def write(self, rows: Sequence[tuple]) -> None:
        """Insert ``rows`` (tuples of the ``varying`` columns' values, in that order)."""
        if not rows:
            return
        if self.mode == "core":
            self._conn.execute(
                insert(self._table),
                [
                    {**dict(zip(self.varying, row, strict=True)), **self._constant_raw}
                    for row in rows
                ],
            )
            return
        constant, procs = self._constant, self._procs
        if procs:
            bound = []
            for row in rows:
                values = list(row)
                for i, proc in procs:
                    if values[i] is not None:
                        values[i] = proc(values[i])
                bound.append((*values, *constant))
        else:
            bound = [(*row, *constant) for row in rows]
        if self.mode == "sqlite":
            self._conn.exec_driver_sql(self._sql, bound)
            return
        raw = self._conn.connection.driver_connection
        with raw.cursor() as cur, cur.copy(self._sql) as copy:
            for row in bound:
                copy.write_row(row)
