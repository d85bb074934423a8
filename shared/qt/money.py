"""Money and quantities as the counter shows and reads them (integer fen inside, yuan outside)."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from shared.domain.errors import ValidationError
from shared.domain.money import format_yuan, parse_yuan

YUAN = "￥"


def fmt_fen(fen: int | None) -> str:
    """``1250`` -> ``"￥12.50"``; ``-175`` -> ``"-￥1.75"``; ``None`` -> ``""``."""
    if fen is None:
        return ""
    return format_yuan(fen, symbol=YUAN)


def fmt_plain(fen: int) -> str:
    """``1250`` -> ``"12.50"`` (for prefilling an amount field)."""
    return format_yuan(fen)


def parse_fen(text: str, *, field: str = "amount", allow_negative: bool = False) -> int:
    """Typed yuan (``12``, ``12.5``, ``￥12.50``) -> fen; ``ValidationError`` with a reason."""
    cleaned = (text or "").strip().replace(YUAN, "").replace("¥", "").replace(",", "")
    return parse_yuan(cleaned, field=field, allow_negative=allow_negative)


def fmt_quantity(quantity_milli: int, *, weighed: bool = False) -> str:
    """``2000`` -> ``"2"``; weighed ``523`` -> ``"0.523"``."""
    if not weighed and quantity_milli % 1000 == 0:
        return str(quantity_milli // 1000)
    return f"{quantity_milli / 1000:.3f}"


def parse_quantity(text: str, *, weighed: bool) -> int:
    """A typed quantity -> thousandths. Whole pieces for goods, up to 3 decimals for weights.

    Range checks (zero, negative, absurd) are the domain's (``validate_quantity``); this only
    refuses what is not a number.
    """
    cleaned = (text or "").strip()
    try:
        value = Decimal(cleaned)
    except (InvalidOperation, ValueError):
        raise ValidationError(
            f"'{cleaned[:20]}' is not a quantity", code="quantity_format", value=cleaned[:20]
        ) from None
    if not value.is_finite():
        raise ValidationError("not a quantity", code="quantity_format", value=cleaned[:20])
    milli = value * 1000
    if milli != milli.to_integral_value():
        raise ValidationError(
            "at most three decimals in a quantity", code="quantity_format", value=cleaned[:20]
        )
    if abs(milli) > 10**12:
        raise ValidationError("quantity is implausibly large", code="quantity_absurd")
    if not weighed and milli % 1000 and milli > 0:
        raise ValidationError("this item is sold in whole pieces", code="quantity_fractional")
    return int(milli)
