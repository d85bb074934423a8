"""Receipt numbers (SPEC §3): ``YYMMDD-TT-NNNN``.

Business date in the store's timezone, the terminal's number, and the terminal's sequence for that
day. Unique across the enterprise while terminal numbers are unique per store and the store code is
known from the terminal; readable over the phone. A refund is numbered the same way with an ``R``.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from shared.domain.errors import ValidationError

RECEIPT_RE = re.compile(r"^(R?)([0-9]{6})-([0-9]{2,3})-([0-9]{4,6})$")


def format_receipt_no(day: date, terminal_number: int, seq: int, *, refund: bool = False) -> str:
    if not 1 <= terminal_number <= 999:
        raise ValueError("terminal number out of range")
    if seq < 1:
        raise ValueError("sequence starts at 1")
    tn = f"{terminal_number:02d}"
    return f"{'R' if refund else ''}{day:%y%m%d}-{tn}-{seq:04d}"


def normalise_receipt_no(text: str) -> str:
    """Accept what a cashier types or a scanner reads; refuse anything that is no receipt number."""
    cleaned = unicodedata.normalize("NFKC", text or "").strip().upper()
    if (
        len(cleaned) == 12 and cleaned.isascii() and cleaned.isdigit()
    ):  # typed without dashes: YYMMDDTTNNNN
        cleaned = f"{cleaned[:6]}-{cleaned[6:8]}-{cleaned[8:]}"
    if not RECEIPT_RE.match(cleaned):
        raise ValidationError(
            f"'{text[:40]}' is not a receipt number (like 261122-03-0042)", code="receipt_no_format"
        )
    return cleaned
