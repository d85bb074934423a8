"""Coupons (SPEC §6): codes, the dynamic QR, what a coupon takes off a sale, stacking.

Pure rules, no I/O. The central database decides whether a code may be redeemed (state, store,
validity, limits: ``shared.sync.redeem``); this module decides what shape a code has, whether a
signed QR is genuine and fresh, and how much a coupon takes off a cart.

Codes: 13 characters from an alphabet without look-alikes (no 0/O, 1/I) carry 65 bits from
``secrets``, and a 14th check character (Damm's algorithm over GF(32)) catches every single
mistyped character and every swap of two neighbours before the central database is asked. Printed in groups (``7KQ4-MZ2P-XH9C-AT``); spaces, dashes and case do not matter.

Dynamic QR (``SDC1.<code>.<expires>.<signature>``): the central side signs the code and a UTC
expiry 60 s ahead with HMAC-SHA256 (128-bit tag, base32). A payload with a missing part is
*truncated*; a tag that does not match is *forged or altered*; a past expiry is *expired*.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass

from shared.domain.errors import ValidationError
from shared.domain.money import allocate, percent_of

ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # 32 symbols: 5 bits each, no 0 O 1 I
RANDOM_CHARS = 13  # 65 bits
CODE_LENGTH = RANDOM_CHARS + 1
QR_PREFIX = "SDC1"
QR_TTL_S = 60
_TAG_BYTES = 16
_TAG_CHARS = 26  # base32 of 16 bytes, without padding
MAX_SCAN = 512  # anything longer in a scan field is not a code we issue

TYPES = ("exchange", "threshold", "discount")
FUNDERS = ("platform", "store")
STATES = ("unused", "used", "expired", "void")
#: per-user limit periods, in the order the back office shows them
LIMIT_PERIODS = ("day", "week", "month", "half_year", "year")
UNLIMITED = -1

_SEPARATORS = re.compile(r"[\s\-_]+")


def _times_a(x: int) -> int:
    """Multiply by the field element 2 in GF(32) (polynomial x^5 + x^2 + 1)."""
    x <<= 1
    return x ^ 0b100101 if x & 0b100000 else x


def _fold(text: str) -> int:
    """Damm's check over the quasigroup x * y = 2(x XOR y) of GF(32): totally anti-symmetric
    with a zero diagonal, so a code folds to 0 and ANY single wrong character or swap of two
    neighbours (the check character included) folds to something else."""
    interim = 0
    for ch in text:
        interim = _times_a(interim ^ ALPHABET.index(ch))
    return interim


def _check_char(body: str) -> str:
    # the c with 2(interim XOR c) = 0 is c = interim
    return ALPHABET[_fold(body)]


def new_code() -> str:
    body = "".join(secrets.choice(ALPHABET) for _ in range(RANDOM_CHARS))
    return body + _check_char(body)


def format_code(code: str) -> str:
    """``7KQ4MZ2PXH9CAT`` → ``7KQ4-MZ2P-XH9C-AT`` (how a code is printed and shown)."""
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


def normalise_code(text: str) -> str:
    """A scanned or typed coupon code in its stored form, or ``ValidationError``."""
    raw = (text or "").strip()
    if not raw:
        raise ValidationError("scan or type a code", code="code_empty")
    if len(raw) > MAX_SCAN:
        raise ValidationError(
            f"that is not a code (over {MAX_SCAN} characters were scanned)", code="code_too_long"
        )
    code = _SEPARATORS.sub("", raw).upper()
    if len(code) != CODE_LENGTH or any(ch not in ALPHABET for ch in code):
        raise ValidationError(
            f"'{raw[:40]}' is not a coupon code", code="code_format", value=raw[:40]
        )
    if _fold(code) != 0:
        raise ValidationError(
            f"'{raw[:40]}' is not a valid coupon code (mistyped?)",
            code="code_check",
            value=raw[:40],
        )
    return code


def looks_like_coupon_code(text: str) -> bool:
    try:
        normalise_code(text)
    except ValidationError:
        return False
    return True


# -- the dynamic QR --------------------------------------------------------------------------


def _tag(secret: bytes, code: str, expires: int) -> str:
    mac = hmac.new(secret, f"{QR_PREFIX}.{code}.{expires}".encode(), hashlib.sha256).digest()
    return base64.b32encode(mac[:_TAG_BYTES]).decode("ascii").rstrip("=")


def sign_qr(secret: bytes, code: str, now_unix: int, ttl_s: int = QR_TTL_S) -> str:
    """The payload a customer's phone shows for ``code``: valid ``ttl_s`` seconds from now."""
    expires = int(now_unix) + ttl_s
    return f"{QR_PREFIX}.{code}.{expires}.{_tag(secret, code, expires)}"


def is_qr_payload(text: str) -> bool:
    return (text or "").strip().upper().startswith(QR_PREFIX + ".")


@dataclass(frozen=True)
class QrClaim:
    code: str
    expires: int


def parse_qr(text: str) -> tuple[str, int, str]:
    """Split a payload into code, expiry and tag; a payload missing any part is truncated."""
    raw = (text or "").strip()
    if len(raw) > MAX_SCAN:
        raise ValidationError("the QR payload is too long to be ours", code="qr_malformed")
    parts = raw.split(".")
    if parts[0].upper() != QR_PREFIX:
        raise ValidationError("that is not a StoreDesk coupon QR", code="qr_malformed")
    if len(parts) < 4 or not parts[3]:
        raise ValidationError(
            "the QR payload is incomplete (truncated): ask the customer to refresh the code",
            code="qr_truncated",
        )
    if len(parts) > 4:
        raise ValidationError("the QR payload has extra parts: it was altered", code="qr_malformed")
    _, code, expires, tag = parts
    if len(tag) < _TAG_CHARS:
        raise ValidationError(
            "the QR payload is incomplete (truncated): ask the customer to refresh the code",
            code="qr_truncated",
        )
    if not expires.isdigit() or len(expires) > 12:
        raise ValidationError(
            "the QR payload is not valid: forged or altered", code="qr_bad_signature"
        )
    return code.upper(), int(expires), tag


def verify_qr(secret: bytes, text: str, now_unix: int) -> QrClaim:
    """The code inside a genuine, fresh payload; otherwise a ``ValidationError`` saying why.

    The signature is checked before the expiry: an altered payload is reported as altered even
    when it has also run out.
    """
    code, expires, tag = parse_qr(text)
    genuine = _tag(secret, code, expires).encode("ascii")
    if len(tag) != _TAG_CHARS or not hmac.compare_digest(tag.encode("utf-8"), genuine):
        raise ValidationError(
            "the QR signature does not match: the code was forged or altered",
            code="qr_bad_signature",
        )
    if expires > int(now_unix) + QR_TTL_S + 5:
        raise ValidationError(
            "the QR payload is valid too far ahead: it was not signed by head office",
            code="qr_bad_signature",
        )
    if int(now_unix) > expires:
        raise ValidationError(
            f"the QR code expired {int(now_unix) - expires} s ago: ask the customer to refresh it",
            code="qr_expired",
            seconds=int(now_unix) - expires,
        )
    return QrClaim(code, expires)


# -- what a coupon takes off a sale ------------------------------------------------------------


@dataclass(frozen=True)
class CouponRule:
    """A coupon definition as the counter needs it."""

    coupon_id: str
    name: str
    type: str
    stackable: bool = False
    funded_by: str = "store"
    #: exchange: the SKU given free (one unit)
    exchange_sku_id: str | None = None
    #: threshold: spend at least ``threshold_fen``, take ``amount_off_fen`` off
    threshold_fen: int = 0
    amount_off_fen: int = 0
    #: discount: basis points off (2000 = 20 % off, shown as 8折), at most ``cap_fen`` if set
    off_bp: int = 0
    cap_fen: int | None = None

    def __post_init__(self) -> None:
        validate_rule(self)


def validate_rule(rule: CouponRule) -> None:
    if rule.type not in TYPES:
        raise ValidationError(f"unknown coupon type '{rule.type}'", code="coupon_type")
    if rule.funded_by not in FUNDERS:
        raise ValidationError(f"unknown funder '{rule.funded_by}'", code="coupon_funder")
    if rule.type == "exchange" and not rule.exchange_sku_id:
        raise ValidationError("an exchange coupon names the product it gives", code="coupon_sku")
    if rule.type == "threshold":
        if rule.amount_off_fen <= 0:
            raise ValidationError("the amount off must be above zero", code="coupon_amount")
        if rule.threshold_fen < rule.amount_off_fen:
            raise ValidationError(
                "the threshold must be at least the amount off", code="coupon_threshold"
            )
    if rule.type == "discount":
        if not 0 < rule.off_bp < 10_000:
            raise ValidationError(
                "a discount coupon takes between 0 % and 100 % off", code="coupon_percent"
            )
        if rule.cap_fen is not None and rule.cap_fen <= 0:
            raise ValidationError("the cap must be above zero", code="coupon_cap")


def describe_rule(rule: CouponRule) -> str:
    """A short English description (the UI builds its own translated text from the fields)."""
    if rule.type == "exchange":
        return "exchange for one item"
    if rule.type == "threshold":
        return f"{rule.amount_off_fen / 100:.2f} off from {rule.threshold_fen / 100:.2f}"
    cap = f", at most {rule.cap_fen / 100:.2f}" if rule.cap_fen else ""
    return f"{rule.off_bp / 100:g} % off{cap}"


@dataclass(frozen=True)
class AppliedCoupon:
    """A coupon a cashier scanned into a sale: checked with the central database when scanned,
    redeemed when the payment completes."""

    code: str
    rule: CouponRule


@dataclass(frozen=True)
class LineBase:
    """What a coupon sees of a cart line: its SKU, unit price and what is left of it."""

    sku_id: str
    unit_price_fen: int
    quantity_milli: int
    remaining_fen: int


def coupon_amounts(rule: CouponRule, lines: list[LineBase]) -> list[int]:
    """What ``rule`` takes off each line (same order), or ``ValidationError`` if it cannot apply."""
    base = sum(ln.remaining_fen for ln in lines)
    if rule.type == "exchange":
        for i, ln in enumerate(lines):
            if ln.sku_id == rule.exchange_sku_id and ln.quantity_milli >= 1000:
                out = [0] * len(lines)
                out[i] = min(ln.unit_price_fen, ln.remaining_fen)
                return out
        raise ValidationError(
            f"coupon '{rule.name}' is for one given item: add that item to the sale first",
            code="coupon_item_missing",
            name=rule.name,
        )
    if rule.type == "threshold":
        if base < rule.threshold_fen:
            raise ValidationError(
                f"coupon '{rule.name}' needs a sale of at least {rule.threshold_fen / 100:.2f} "
                f"(this sale: {base / 100:.2f})",
                code="coupon_threshold_not_met",
                name=rule.name,
                threshold_fen=rule.threshold_fen,
                base_fen=base,
            )
        amount = rule.amount_off_fen
    else:
        amount = percent_of(base, rule.off_bp)
        if rule.cap_fen is not None:
            amount = min(amount, rule.cap_fen)
    amount = min(amount, base)
    return allocate(amount, [ln.remaining_fen for ln in lines])


def check_stacking(coupons: list[AppliedCoupon], *, has_promotion: bool) -> None:
    """SPEC §6: if any chosen coupon or promotion does not stack, no stacking happens.

    A promotion here is a discount given at the counter (a line or order discount).
    """
    if len(coupons) > 1:
        for c in coupons:
            if not c.rule.stackable:
                raise ValidationError(
                    f"coupon '{c.rule.name}' cannot be combined with another coupon",
                    code="coupon_no_stacking",
                    name=c.rule.name,
                )
    if has_promotion:
        for c in coupons:
            if not c.rule.stackable:
                raise ValidationError(
                    f"coupon '{c.rule.name}' cannot be combined with a discount",
                    code="coupon_no_stacking",
                    name=c.rule.name,
                )
    codes = [c.code for c in coupons]
    if len(set(codes)) != len(codes):
        raise ValidationError("that coupon is already in this sale", code="coupon_already_in_sale")
