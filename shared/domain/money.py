"""Money as integer fen.

Every amount in StoreDesk is an ``int`` count of fen (1 yuan = 100 fen). Floats never carry money.
This module parses and formats yuan strings and does the one rounding rule the product uses:
half-up, applied once, where a percentage or a fractional quantity meets a price.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from shared.domain.errors import ValidationError

#: The largest amount a single figure may hold: 99,999,999.99 yuan. Anything larger is a typo.
MAX_FEN = 9_999_999_999

_YUAN_RE = re.compile(r"^\s*(-)?([0-9]{1,8})(?:\.([0-9]{1,2}))?\s*$")


def parse_yuan(text: str, *, field: str = "amount", allow_negative: bool = False) -> int:
    """Parse ``"12.5"`` / ``"12.50"`` / ``"12"`` into fen. Rejects anything else with a reason."""
    if text is None:
        raise ValidationError(f"{field}: an amount is required", code="amount_required")
    # full-width digits from a Chinese input method count as the digits they show
    m = _YUAN_RE.match(unicodedata.normalize("NFKC", str(text)))
    if not m:
        raise ValidationError(
            f"{field}: '{text}' is not an amount in yuan (e.g. 12.50)", code="amount_format"
        )
    sign, whole, frac = m.groups()
    fen = int(whole) * 100 + int((frac or "0").ljust(2, "0"))
    if sign:
        if not allow_negative:
            raise ValidationError(f"{field}: must not be negative", code="amount_negative")
        fen = -fen
    if abs(fen) > MAX_FEN:
        raise ValidationError(f"{field}: {text} is too large", code="amount_too_large")
    return fen


def format_yuan(fen: int, *, symbol: str = "") -> str:
    """``1250`` -> ``"12.50"``; negative amounts keep their sign before the symbol."""
    sign = "-" if fen < 0 else ""
    whole, frac = divmod(abs(int(fen)), 100)
    return f"{sign}{symbol}{whole}.{frac:02d}"


def round_half_up(value: Decimal) -> int:
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def percent_of(fen: int, basis_points: int) -> int:
    """``basis_points`` per 10,000 of ``fen``, rounded half-up once. 1,000 bp = 10 %."""
    return round_half_up(Decimal(fen) * Decimal(basis_points) / Decimal(10_000))


def times_quantity(unit_fen: int, quantity_milli: int) -> int:
    """A unit price times a quantity in thousandths (weighed goods), rounded half-up once."""
    return round_half_up(Decimal(unit_fen) * Decimal(quantity_milli) / Decimal(1000))


def parse_percent(text: str, *, field: str = "discount") -> int:
    """``"10"`` or ``"12.5"`` (percent) -> basis points (1000 / 1250)."""
    try:
        value = Decimal(str(text).strip().rstrip("%"))
    except (InvalidOperation, ValueError):
        raise ValidationError(
            f"{field}: '{text}' is not a percentage", code="percent_format"
        ) from None
    if not value.is_finite() or value <= 0 or value > 100:
        raise ValidationError(
            f"{field}: a percentage must be above 0 and at most 100", code="percent_range"
        )
    bp = value * 100
    if bp != bp.to_integral_value():
        raise ValidationError(
            f"{field}: at most two decimals in a percentage", code="percent_format"
        )
    return int(bp)


def allocate(total: int, weights: list[int]) -> list[int]:
    """Split ``total`` fen over ``weights`` proportionally; the parts add up to ``total`` exactly.

    Largest-remainder method, ties to the earlier item. Used to spread an order discount over lines,
    so that a partial refund gives back exactly what the line was paid.
    """
    if not weights:
        return []
    base = sum(weights)
    if base == 0:
        parts = [0] * len(weights)
        parts[0] = total
        return parts
    raw = [Decimal(total) * Decimal(w) / Decimal(base) for w in weights]
    parts = [int(r) for r in raw]  # truncates toward zero; total and weights are non-negative
    rest = total - sum(parts)
    order = sorted(range(len(weights)), key=lambda i: (-(raw[i] - parts[i]), i))
    for i in order[:rest]:
        parts[i] += 1
    return parts


def quantity_for_amount(amount_fen: int, unit_fen: int) -> int:
    """The quantity in thousandths that ``amount_fen`` buys at ``unit_fen`` (price-embedded labels)."""
    if unit_fen <= 0:
        return 1000
    return max(1, round_half_up(Decimal(amount_fen) * 1000 / Decimal(unit_fen)))
