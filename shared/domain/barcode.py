"""Barcodes: EAN check digits and weighed-goods EAN-13 (SPEC §2).

A weighed-goods label printed by a store scale is an EAN-13 whose first digit(s) are the
configured prefix (default ``2``), followed by the item's PLU, then a price in fen or a weight in
grams, then the check digit::

    2 PPPPPP VVVVV C      prefix "2", 6-digit PLU, 5-digit value, check digit
"""

from __future__ import annotations

from dataclasses import dataclass

from shared.domain.errors import ValidationError


def ean_check_digit(body: str) -> int:
    """Check digit for the digits of an EAN-8/UPC-A/EAN-13 without its last digit."""
    total = 0
    for i, ch in enumerate(reversed(body)):
        total += int(ch) * (3 if i % 2 == 0 else 1)
    return (10 - total % 10) % 10


def is_valid_ean(code: str) -> bool:
    return (
        code.isdigit() and len(code) in (8, 12, 13) and ean_check_digit(code[:-1]) == int(code[-1])
    )


def with_check_digit(body: str) -> str:
    return body + str(ean_check_digit(body))


def looks_like_ean(code: str) -> bool:
    """Numeric and of an EAN/UPC length: a scanner read that must carry a valid check digit."""
    return code.isascii() and code.isdigit() and len(code) in (8, 12, 13)


@dataclass(frozen=True)
class WeighedFormat:
    prefix: str = "2"
    plu_digits: int = 6
    value_digits: int = 5
    #: ``price``: the value is the line amount in fen; ``weight``: the value is grams.
    value_kind: str = "price"

    def __post_init__(self) -> None:
        if len(self.prefix) + self.plu_digits + self.value_digits + 1 != 13:
            raise ValueError("weighed barcode format must add up to 13 digits")
        if self.value_kind not in ("price", "weight"):
            raise ValueError("value_kind is 'price' or 'weight'")


@dataclass(frozen=True)
class WeighedCode:
    plu: str
    #: amount in fen when ``value_kind == "price"``, else ``None``
    amount_fen: int | None
    #: weight in grams (= quantity in thousandths of a kg) when ``value_kind == "weight"``
    weight_g: int | None


def is_weighed(code: str, fmt: WeighedFormat) -> bool:
    return len(code) == 13 and code.isdigit() and code.startswith(fmt.prefix)


def decode_weighed(code: str, fmt: WeighedFormat) -> WeighedCode:
    if not is_weighed(code, fmt):
        raise ValidationError(f"'{code}' is not a weighed-goods barcode", code="not_weighed")
    if not is_valid_ean(code):
        raise ValidationError(
            f"barcode {code}: check digit is wrong (misread?), please scan again",
            code="bad_check_digit",
        )
    start = len(fmt.prefix)
    plu = code[start : start + fmt.plu_digits]
    value = int(code[start + fmt.plu_digits : start + fmt.plu_digits + fmt.value_digits])
    if value == 0:
        raise ValidationError(
            f"barcode {code}: the label carries no price or weight", code="weighed_zero"
        )
    if fmt.value_kind == "price":
        return WeighedCode(plu=plu, amount_fen=value, weight_g=None)
    return WeighedCode(plu=plu, amount_fen=None, weight_g=value)


def encode_weighed(plu: str, value: int, fmt: WeighedFormat) -> str:
    body = fmt.prefix + plu.zfill(fmt.plu_digits) + str(value).zfill(fmt.value_digits)
    if len(body) != 12:
        raise ValueError("PLU or value too long for the weighed format")
    return with_check_digit(body)
