from datetime import date

import pytest

from shared.domain.barcode import (
    WeighedFormat,
    decode_weighed,
    encode_weighed,
    is_valid_ean,
    with_check_digit,
)
from shared.domain.errors import ValidationError
from shared.domain.ids import new_id
from shared.domain.receipt_no import format_receipt_no, normalise_receipt_no


def test_ean13_check_digit():
    assert is_valid_ean("6901234567892")
    assert not is_valid_ean("6901234567893")
    assert with_check_digit("690123456789") == "6901234567892"
    assert is_valid_ean("96385074")  # EAN-8


def test_weighed_price_label():
    fmt = WeighedFormat()
    code = encode_weighed("000001", 675, fmt)
    assert code.startswith("2000001") and len(code) == 13
    assert decode_weighed(code, fmt).amount_fen == 675


def test_weighed_weight_label():
    fmt = WeighedFormat(value_kind="weight")
    assert decode_weighed(encode_weighed("000002", 523, fmt), fmt).weight_g == 523


def test_weighed_bad_check_digit_refused():
    fmt = WeighedFormat()
    code = encode_weighed("000001", 675, fmt)
    bad = code[:-1] + str((int(code[-1]) + 1) % 10)
    with pytest.raises(ValidationError) as err:
        decode_weighed(bad, fmt)
    assert err.value.code == "bad_check_digit"


def test_weighed_zero_value_refused():
    fmt = WeighedFormat()
    with pytest.raises(ValidationError):
        decode_weighed(encode_weighed("000001", 0, fmt), fmt)


def test_receipt_numbers():
    assert format_receipt_no(date(2026, 11, 22), 3, 42) == "261122-03-0042"
    assert format_receipt_no(date(2026, 11, 22), 3, 42, refund=True) == "R261122-03-0042"
    assert normalise_receipt_no(" 261122030042 ") == "261122-03-0042"
    assert normalise_receipt_no("r261122-03-0042") == "R261122-03-0042"
    for bad in ("", "hello", "261122-03", "'; DROP TABLE sale; --", "x" * 500):
        with pytest.raises(ValidationError):
            normalise_receipt_no(bad)


def test_ids_are_uuid7_and_ordered():
    ids = [new_id() for _ in range(2000)]
    assert all(i.version == 7 for i in ids)
    assert ids == sorted(ids)
    assert len(set(ids)) == len(ids)
