"""Rows as JSON-ready dicts and back, by the column types of the shared schema.

Whatever crosses the gateway is plain JSON, so a later HTTP transport carries the same messages.
"""

from __future__ import annotations

import base64
from datetime import UTC, date, datetime

from sqlalchemy import Date, LargeBinary, Table
from sqlalchemy import inspect as sa_inspect

from shared.db.types import UTCDateTime


def encode_row(table: Table, row: dict) -> dict:
    out = {}
    for col in table.columns:
        v = row.get(col.name)
        if isinstance(v, datetime):
            v = v.astimezone(UTC).isoformat()
        elif isinstance(v, date):
            v = v.isoformat()
        elif isinstance(v, (bytes, bytearray, memoryview)):
            v = base64.b64encode(bytes(v)).decode("ascii")
        out[col.name] = v
    return out


def decode_row(table: Table, data: dict) -> dict:
    out = {}
    for col in table.columns:
        if col.name not in data:
            continue
        v = data[col.name]
        if v is not None and isinstance(col.type, UTCDateTime):
            v = datetime.fromisoformat(v)
        elif v is not None and isinstance(col.type, Date):
            v = date.fromisoformat(v)
        elif isinstance(v, str) and isinstance(col.type, LargeBinary):
            v = base64.b64decode(v)
        out[col.name] = v
    return out


def row_of(obj: object) -> dict:
    """An ORM object as a JSON-ready row of its table (column values as they are now)."""
    mapper = sa_inspect(obj).mapper
    table = mapper.local_table
    values = {prop.columns[0].name: getattr(obj, prop.key) for prop in mapper.column_attrs}
    return encode_row(table, values)


def primary_key(table: Table, row: dict) -> dict:
    return {col.name: row[col.name] for col in table.primary_key.columns}
