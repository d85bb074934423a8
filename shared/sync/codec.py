"""Rows as JSON-ready dicts and back, by the column types of the shared schema.

Whatever crosses the gateway is plain JSON, so a later HTTP transport carries the same messages.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import Date, Table

from shared.db.types import UTCDateTime


def encode_row(table: Table, row: dict) -> dict:
    out = {}
    for col in table.columns:
        v = row.get(col.name)
        if isinstance(v, datetime):
            v = v.astimezone(UTC).isoformat()
        elif isinstance(v, date):
            v = v.isoformat()
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
        out[col.name] = v
    return out
