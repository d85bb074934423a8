import pytest

from shared.domain.errors import ValidationError
from shared.domain.money import (
    allocate,
    format_yuan,
    parse_percent,
    parse_yuan,
    percent_of,
    quantity_for_amount,
    times_quantity,
)


@pytest.mark.parametrize(
    ("text", "fen"),
    [("12.50", 1250), ("12.5", 1250), ("12", 1200), (" 0.01 ", 1), ("0", 0), ("１２.５", 1250)],
)
def test_parse_yuan(text, fen):
    assert parse_yuan(text) == fen


@pytest.mark.parametrize(
    "text", ["", "abc", "1.234", "1e3", "12,50", "--1", "1.", ".5", "123456789", "١٢"]
)
def test_parse_yuan_refuses(text):
    with pytest.raises(ValidationError):
        parse_yuan(text)


def test_parse_yuan_negative_only_when_allowed():
    with pytest.raises(ValidationError, match="negative"):
        parse_yuan("-1.00")
    assert parse_yuan("-1.00", allow_negative=True) == -100


def test_format_yuan():
    assert format_yuan(1250) == "12.50"
    assert format_yuan(-5, symbol="￥") == "-￥0.05"
    assert format_yuan(0) == "0.00"


def test_percent_rounds_half_up_once():
    assert percent_of(1005, 1000) == 101  # 100.5 -> 101
    assert percent_of(1004, 1000) == 100  # 100.4 -> 100
    assert times_quantity(1290, 523) == 675  # 674.67 -> 675
    assert times_quantity(1000, 1500) == 1500


def test_parse_percent():
    assert parse_percent("10") == 1000
    assert parse_percent("12.5%") == 1250
    for bad in ("0", "101", "-5", "abc", "1.234"):
        with pytest.raises(ValidationError):
            parse_percent(bad)


@pytest.mark.parametrize(
    ("total", "weights"),
    [(100, [1, 1, 1]), (1, [5, 5]), (999, [333, 1, 7000]), (0, [1, 2]), (50, [0, 0])],
)
def test_allocate_adds_up_exactly(total, weights):
    parts = allocate(total, weights)
    assert sum(parts) == total
    assert all(p >= 0 for p in parts)


def test_allocate_is_proportional():
    assert allocate(100, [1, 1, 1]) == [34, 33, 33]
    assert allocate(300, [100, 200]) == [100, 200]


def test_quantity_for_amount():
    assert quantity_for_amount(1290, 1290) == 1000
    assert quantity_for_amount(675, 1290) == 523
