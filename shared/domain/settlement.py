"""Store settlement rules (SPEC §11), without a database: periods, statement numbers, and how the
figures of a statement follow from the totals of the records it counts.

Money is integer fen. The statement's figures:

- ``gross_fen``: the sales before any discount (Σ sale subtotal);
- ``discounts_fen``: line, order and price discounts; coupons are their own figures, split by who
  funds them (``coupons_platform_fen`` is owed to the store; ``coupons_store_fen`` is the store's
  own cost);
- ``refunds_fen``: money given back;
- ``net_sales_fen`` = gross − discounts − coupons − refunds = what the store's customers paid;
- ``by_method``: the sales' takings per payment method; ``refunds_by_method`` likewise;
- ``card_keys_fen``: the card-key lines within those sales (part of the sales, shown apart);
- ``channel_orders_fen``: e-commerce orders redeemed at the store — paid to head office online,
  handed over by the store, so owed to it;
- ``income_fen`` = net sales + platform coupons + channel orders: the store's income;
- ``fee_fen``: head office's commission at the store's rate on its income, rounded half-up once;
- ``cash_fen``: the cash the store keeps (cash taken − cash refunded);
- ``payable_fen`` = income − cash kept − fee: positive, head office pays the store; negative,
  the store pays head office (everything but cash is collected centrally: cards, payment
  codes, member balance and points).
- ``adjustments_*``: records from earlier, already confirmed periods that arrived late, included
  above (their count and their net sales).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta

from shared.domain.errors import ValidationError
from shared.domain.money import percent_of

PERIOD_KINDS = ("day", "week", "month")
STATES = ("draft", "confirmed", "settled")
#: the longest payment reference a settled statement keeps
MAX_PAYMENT_REF = 64

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


@dataclass(frozen=True)
class Period:
    kind: str
    start: date
    #: the first day after the period
    end: date

    @property
    def label(self) -> str:
        """``2026-10`` for a month, ``2026-10-05`` for a day, ``2026-10-05~2026-10-11`` for a
        week."""
        if self.kind == "month":
            return self.start.strftime("%Y-%m")
        if self.kind == "day":
            return self.start.isoformat()
        return f"{self.start.isoformat()}~{(self.end - timedelta(days=1)).isoformat()}"

    def contains(self, day: date) -> bool:
        return self.start <= day < self.end


def parse_period(text: str, kind: str) -> Period:
    """The period ``text`` names for a store settled by ``kind``: ``YYYY-MM`` for a month,
    ``YYYY-MM-DD`` for a day or for the week (Monday to Sunday) holding that day."""
    if kind not in PERIOD_KINDS:
        raise ValidationError(f"unknown settlement period {kind!r}", code="bad_period_kind")
    raw = (text or "").strip()
    try:
        if kind == "month":
            m = _MONTH.match(raw)
            if not m:
                raise ValidationError(
                    "this store is settled by month: give the period as YYYY-MM",
                    code="bad_period",
                    value=raw[:20],
                    kind=kind,
                )
            start = date(int(m[1]), int(m[2]), 1)
            days = calendar.monthrange(start.year, start.month)[1]
            return Period(kind, start, start + timedelta(days=days))
        m = _DAY.match(raw)
        if not m:
            raise ValidationError(
                f"this store is settled by {kind}: give the period as YYYY-MM-DD",
                code="bad_period",
                value=raw[:20],
                kind=kind,
            )
        day = date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        raise ValidationError(
            "no such date", code="bad_period", value=raw[:20], kind=kind
        ) from None
    if kind == "day":
        return Period(kind, day, day + timedelta(days=1))
    start = day - timedelta(days=day.weekday())
    return Period(kind, start, start + timedelta(days=7))


def check_not_future(period: Period, today: date) -> None:
    """A period that has not begun yet (in the store's zone) has nothing to settle."""
    if period.start > today:
        raise ValidationError(
            "the period has not begun yet",
            code="period_in_future",
            period=period.label,
            today=today.isoformat(),
        )


def statement_no(store_code: str, period: Period) -> str:
    if period.kind == "month":
        return f"JS-{store_code}-{period.start.strftime('%Y%m')}"
    return f"JS-{store_code}-{period.start.strftime('%Y%m%d')}"


@dataclass(frozen=True)
class Totals:
    """What the statement's records add up to (every field integer fen or a count)."""

    sales_count: int = 0
    gross_fen: int = 0
    #: every discount on the sales, coupons included (Σ sale.discount_fen)
    all_discounts_fen: int = 0
    coupons_platform_fen: int = 0
    coupons_store_fen: int = 0
    refunds_count: int = 0
    refunds_fen: int = 0
    by_method: dict[str, int] = field(default_factory=dict)
    refunds_by_method: dict[str, int] = field(default_factory=dict)
    card_keys_count: int = 0
    card_keys_fen: int = 0
    channel_orders_count: int = 0
    channel_orders_fen: int = 0
    adjustments_count: int = 0
    adjustments_fen: int = 0


@dataclass(frozen=True)
class Figures:
    sales_count: int
    gross_fen: int
    discounts_fen: int
    coupons_platform_fen: int
    coupons_store_fen: int
    refunds_count: int
    refunds_fen: int
    net_sales_fen: int
    by_method: dict[str, int]
    refunds_by_method: dict[str, int]
    card_keys_count: int
    card_keys_fen: int
    channel_orders_count: int
    channel_orders_fen: int
    income_fen: int
    fee_rate_bp: int
    fee_fen: int
    cash_fen: int
    payable_fen: int
    adjustments_count: int
    adjustments_fen: int

    def to_json(self) -> dict:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict) -> Figures:
        return cls(**{k: data[k] for k in cls.__dataclass_fields__})


def figures(totals: Totals, fee_rate_bp: int) -> Figures:
    """The statement's figures from its totals and the store's fee rate (basis points)."""
    if not 0 <= fee_rate_bp <= 10_000:
        raise ValidationError("the fee rate is 0 to 100 %", code="bad_fee_rate", value=fee_rate_bp)
    coupons = totals.coupons_platform_fen + totals.coupons_store_fen
    discounts = totals.all_discounts_fen - coupons
    net_sales = totals.gross_fen - discounts - coupons - totals.refunds_fen
    income = net_sales + totals.coupons_platform_fen + totals.channel_orders_fen
    fee = percent_of(income, fee_rate_bp)
    cash = totals.by_method.get("cash", 0) - totals.refunds_by_method.get("cash", 0)
    return Figures(
        sales_count=totals.sales_count,
        gross_fen=totals.gross_fen,
        discounts_fen=discounts,
        coupons_platform_fen=totals.coupons_platform_fen,
        coupons_store_fen=totals.coupons_store_fen,
        refunds_count=totals.refunds_count,
        refunds_fen=totals.refunds_fen,
        net_sales_fen=net_sales,
        by_method=dict(sorted(totals.by_method.items())),
        refunds_by_method=dict(sorted(totals.refunds_by_method.items())),
        card_keys_count=totals.card_keys_count,
        card_keys_fen=totals.card_keys_fen,
        channel_orders_count=totals.channel_orders_count,
        channel_orders_fen=totals.channel_orders_fen,
        income_fen=income,
        fee_rate_bp=fee_rate_bp,
        fee_fen=fee,
        cash_fen=cash,
        payable_fen=income - cash - fee,
        adjustments_count=totals.adjustments_count,
        adjustments_fen=totals.adjustments_fen,
    )


def check_payment_ref(ref: str | None) -> str:
    text = (ref or "").strip()
    if not text:
        raise ValidationError(
            "give the payment reference of the settlement", code="payment_ref_required"
        )
    if len(text) > MAX_PAYMENT_REF:
        raise ValidationError(
            f"the payment reference is at most {MAX_PAYMENT_REF} characters",
            code="text_too_long",
            field="payment_ref",
            limit=MAX_PAYMENT_REF,
        )
    return text


__all__ = [
    "Figures",
    "PERIOD_KINDS",
    "Period",
    "STATES",
    "Totals",
    "check_not_future",
    "check_payment_ref",
    "figures",
    "parse_period",
    "statement_no",
]
