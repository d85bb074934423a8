"""Payments against a total (SPEC §3): mixed tenders, cash change, nothing over- or under-paid."""

from __future__ import annotations

from dataclasses import dataclass

from shared.domain.errors import ValidationError
from shared.domain.money import MAX_FEN

METHODS = ("cash", "card", "wechat", "alipay", "balance", "points")
#: paid from a member's account, decided centrally (``central_holds.charge_member``)
MEMBER_METHODS = ("balance", "points")
CODE_METHODS = ("wechat", "alipay")


@dataclass(frozen=True)
class Tender:
    method: str
    #: for cash: what the customer handed over; for other methods: the amount charged
    amount_fen: int
    provider_ref: str | None = None

    def __post_init__(self) -> None:
        if self.method not in METHODS:
            raise ValidationError(f"unknown payment method '{self.method}'", code="payment_method")
        if self.amount_fen <= 0:
            raise ValidationError("a payment must be above zero", code="payment_not_positive")
        if self.amount_fen > MAX_FEN:
            raise ValidationError("payment amount is implausibly large", code="payment_absurd")


@dataclass(frozen=True)
class AppliedTender:
    method: str
    amount_fen: int  # what counts toward the sale
    tendered_fen: int  # what was handed over (cash) or charged
    change_fen: int
    provider_ref: str | None


@dataclass(frozen=True)
class Settlement:
    tenders: tuple[AppliedTender, ...]
    paid_fen: int
    change_fen: int


def settle(total_fen: int, tenders: list[Tender]) -> Settlement:
    """Apply tenders in order. Only cash may exceed what is due; the excess is change.

    Raises ``ValidationError`` when the tenders do not cover the total, or a non-cash tender is
    more than what is still due (a card is never charged more than the sale).
    """
    if total_fen < 0:
        raise ValidationError("sale total cannot be negative", code="total_negative")
    if total_fen > 0 and not tenders:
        raise ValidationError("no payment given", code="no_payment")
    due = total_fen
    applied: list[AppliedTender] = []
    change = 0
    for i, t in enumerate(tenders):
        if due == 0:
            raise ValidationError(
                f"payment {i + 1} ({t.method}) is not needed: the sale is already paid",
                code="payment_not_needed",
            )
        if t.amount_fen > due:
            if t.method != "cash":
                raise ValidationError(
                    f"{t.method} payment {t.amount_fen / 100:.2f} is more than the "
                    f"{due / 100:.2f} still due",
                    code="non_cash_overpay",
                )
            if i != len(tenders) - 1:
                raise ValidationError(
                    "cash with change must be the last payment", code="cash_not_last"
                )
            change = t.amount_fen - due
            applied.append(AppliedTender("cash", due, t.amount_fen, change, t.provider_ref))
            due = 0
        else:
            applied.append(AppliedTender(t.method, t.amount_fen, t.amount_fen, 0, t.provider_ref))
            due -= t.amount_fen
    if due > 0:
        raise ValidationError(
            f"payment is short by {due / 100:.2f}: tendered below the total",
            code="tender_below_total",
            short_fen=due,
        )
    return Settlement(tuple(applied), total_fen, change)
