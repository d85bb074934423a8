"""The sale message's rows: ``outbox`` encodes them per table with its column names looked up
once; each row must be exactly what ``codec.encode_row`` makes of it, for every kind of value."""

from __future__ import annotations

import enum
from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from shared.db.models import Base
from shared.sync import outbox
from shared.sync.codec import encode_row


class Kind(enum.StrEnum):  # a str subclass: checked like any other value
    SALE = "sale"


SHANGHAI = timezone(timedelta(hours=8))

VALUES = [
    None,
    "文字",
    "",
    0,
    -7,
    2**40,
    True,
    False,
    1.5,
    Kind.SALE,
    datetime(2026, 11, 22, 14, 3, 7, 123456, tzinfo=UTC),
    datetime(2026, 11, 22, 22, 3, tzinfo=SHANGHAI),
    date(2026, 11, 22),
    b"\x00\xffkey",
    bytearray(b"abc"),
    memoryview(b"xyz"),
    {"a": [1, "二"]},
    [1, 2],
]

TABLES = ["shift", "sale", "sale_line", "sale_discount", "payment", "journal_entry"]


@pytest.mark.parametrize("table", TABLES)
def test_every_value_is_encoded_as_codec_encodes_it(table):
    t = Base.metadata.tables[table]
    encode = outbox._encoder(t)
    names = [c.name for c in t.columns]
    for shift in range(len(VALUES)):
        row = {name: VALUES[(i + shift) % len(VALUES)] for i, name in enumerate(names)}
        assert encode(row) == encode_row(t, row)
        assert list(encode(row)) == names  # the same order of keys (the JSON text follows it)
    partial = {names[0]: "x"}  # columns not given are None, as encode_row makes them
    assert encode(partial) == encode_row(t, partial)


@pytest.mark.parametrize(
    ("encode", "table"),
    [
        (outbox._encode_shift, "shift"),
        (outbox._encode_sale, "sale"),
        (outbox._encode_line, "sale_line"),
        (outbox._encode_discount, "sale_discount"),
        (outbox._encode_payment, "payment"),
        (outbox._encode_journal, "journal_entry"),
    ],
)
def test_each_of_the_sales_encoders_is_its_tables(encode, table):
    t = Base.metadata.tables[table]
    row = {c.name: VALUES[i % len(VALUES)] for i, c in enumerate(t.columns)}
    assert encode(row) == encode_row(t, row)
