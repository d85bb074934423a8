"""Taking a payment-code payment and handling the provider's notifications (SPEC §3).

The intent is committed before the provider is called, so a crash mid-payment leaves a record to
query; the provider is called outside any transaction; the answer is recorded in a second one.
A timeout is followed by queries; a payment still unknown is refused with a clear message and can
be queried again. A second successful notification for an already-paid sale with another trade
number is flagged ``refund_due`` (seed rule: refund the later one).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import select

from shared.db.models import AuditEntry, PaymentIntent
from shared.db.uow import Database
from shared.domain.errors import PaymentFailed, ValidationError
from shared.domain.ids import new_id
from shared.domain.tenders import CODE_METHODS, Tender
from shared.services.context import TerminalContext
from shared.services.payment_provider import Notification, PaymentProvider, ProviderTimeout

#: WeChat payment codes are 18 digits starting 10–15; Alipay codes are 16–24 digits starting 25–30
_CODE_RE = {
    "wechat": re.compile(r"^1[0-5]\d{16}$"),
    "alipay": re.compile(r"^(2[5-9]|30)\d{14,22}$"),
}
QUERY_ATTEMPTS = 3


def method_for_code(auth_code: str) -> str | None:
    for method, rx in _CODE_RE.items():
        if rx.match(auth_code):
            return method
    return None


def validate_auth_code(method: str, auth_code: str) -> str:
    code = (auth_code or "").strip()
    if method not in CODE_METHODS:
        raise ValidationError(f"{method} does not take a payment code", code="payment_method")
    if not _CODE_RE[method].match(code):
        raise ValidationError(
            f"that is not a {'WeChat' if method == 'wechat' else 'Alipay'} payment code: "
            "ask the customer to refresh it and scan again",
            code="auth_code_format",
        )
    return code


@dataclass(frozen=True)
class IntentView:
    out_trade_no: str
    status: str
    trade_no: str | None
    message: str


def charge(
    db: Database,
    ctx: TerminalContext,
    provider: PaymentProvider,
    *,
    sale_id: str,
    method: str,
    auth_code: str,
    amount_fen: int,
) -> Tender:
    """Charge the customer's payment code; returns a tender for ``complete_sale``."""
    code = validate_auth_code(method, auth_code)
    if amount_fen <= 0:
        raise ValidationError("a payment must be above zero", code="payment_not_positive")
    out_trade_no = f"{ctx.store_code}{ctx.number:02d}{new_id().hex[:20]}"
    with db.uow() as uow:
        now = uow.clock.now()
        uow.session.add(
            PaymentIntent(
                store_id=ctx.store_id,
                id=str(new_id()),
                sale_id=sale_id,
                out_trade_no=out_trade_no,
                method=method,
                amount_fen=amount_fen,
                status="pending",
                created_at=now,
                updated_at=now,
            )
        )
        uow.commit()
    try:
        result = provider.pay(
            method=method, out_trade_no=out_trade_no, auth_code=code, amount_fen=amount_fen
        )
    except ProviderTimeout:
        result = None
        for _ in range(QUERY_ATTEMPTS):
            answer = provider.query(out_trade_no=out_trade_no)
            if answer.status != "pending":
                result = answer
                break
    if result is None or result.status == "pending":
        _record(db, out_trade_no, "unknown", None, "no answer from the provider")
        raise PaymentFailed(
            "the payment provider did not answer: check the customer's payment record, "
            f"then query again (trade {out_trade_no})",
            code="payment_unknown",
            out_trade_no=out_trade_no,
        )
    if result.status == "declined":
        _record(db, out_trade_no, "failed", None, result.message)
        raise PaymentFailed(f"payment declined: {result.message}", code="payment_declined")
    _record(db, out_trade_no, "authorised", result.trade_no, "")
    return Tender(method, amount_fen, provider_ref=result.trade_no)


def query_again(db: Database, provider: PaymentProvider, out_trade_no: str) -> Tender:
    """Ask the provider once more about a charge whose result was unknown."""
    with db.reader() as uow:
        intent = uow.session.scalars(
            select(PaymentIntent).where(PaymentIntent.out_trade_no == out_trade_no)
        ).first()
        if intent is None:
            raise ValidationError(
                f"no payment {out_trade_no} on this terminal", code="unknown_trade"
            )
        method, amount = intent.method, intent.amount_fen
    answer = provider.query(out_trade_no=out_trade_no)
    if answer.status == "paid":
        _record(db, out_trade_no, "authorised", answer.trade_no, "")
        return Tender(method, amount, provider_ref=answer.trade_no)
    if answer.status == "declined":
        _record(db, out_trade_no, "failed", None, answer.message)
        raise PaymentFailed(f"payment declined: {answer.message}", code="payment_declined")
    raise PaymentFailed(
        f"still no answer for trade {out_trade_no}: ask again in a moment",
        code="payment_unknown",
        out_trade_no=out_trade_no,
    )


def release(db: Database, provider: PaymentProvider, sale_id: str) -> list[IntentView]:
    """Give back every charge taken for a sale that was abandoned before it completed.

    Charges whose result was unknown are asked about first. A charge the provider will not
    refund is flagged ``refund_due`` for a manager.
    """
    with db.reader() as uow:
        taken = [
            (i.out_trade_no, i.amount_fen, i.status)
            for i in uow.session.scalars(
                select(PaymentIntent).where(
                    PaymentIntent.sale_id == sale_id,
                    PaymentIntent.status.in_(("authorised", "unknown")),
                )
            )
        ]
    out = []
    for out_trade_no, amount, status in taken:
        if status == "unknown" and provider.query(out_trade_no=out_trade_no).status != "paid":
            continue  # never taken: nothing to give back
        answer = provider.refund(out_trade_no=out_trade_no, amount_fen=amount)
        status = "reversed" if answer.status == "refunded" else "refund_due"
        _update(db, out_trade_no, status=status, message=(answer.message or "sale abandoned")[:200])
        out.append(IntentView(out_trade_no, status, answer.trade_no or None, answer.message))
    return out


def _record(
    db: Database, out_trade_no: str, status: str, trade_no: str | None, message: str
) -> None:
    _update(db, out_trade_no, status=status, provider_trade_no=trade_no, message=message[:200])


def _update(db: Database, out_trade_no: str, **fields: object) -> None:
    with db.uow() as uow:
        intent = uow.session.scalars(
            select(PaymentIntent).where(PaymentIntent.out_trade_no == out_trade_no)
        ).one()
        for name, value in fields.items():
            setattr(intent, name, value)
        intent.updated_at = uow.clock.now()
        uow.commit()


def handle_notification(db: Database, note: Notification) -> str:
    """Record a provider notification; returns ``recorded``, ``duplicate_ignored`` or ``refund_due``."""
    with db.uow() as uow:
        s = uow.session
        intent = s.scalars(
            select(PaymentIntent).where(PaymentIntent.out_trade_no == note.out_trade_no)
        ).first()
        if intent is None:
            raise ValidationError(
                f"notification for unknown trade {note.out_trade_no}", code="unknown_trade"
            )
        now = uow.clock.now()
        if intent.provider_trade_no in (None, note.trade_no):
            if intent.provider_trade_no == note.trade_no:
                return "duplicate_ignored"
            intent.provider_trade_no = note.trade_no
            intent.status = "authorised"
            intent.updated_at = now
            uow.commit()
            return "recorded"
        s.add(
            PaymentIntent(
                store_id=intent.store_id,
                id=str(new_id()),
                sale_id=intent.sale_id,
                out_trade_no=f"{note.out_trade_no}-DUP-{note.trade_no}"[:64],
                method=intent.method,
                amount_fen=note.amount_fen,
                status="refund_due",
                provider_trade_no=note.trade_no,
                message=f"second payment for {note.out_trade_no}: refund it",
                created_at=now,
                updated_at=now,
            )
        )
        s.add(
            AuditEntry(
                id=str(new_id()),
                at=now,
                store_id=intent.store_id,
                actor_id=None,
                action="duplicate_payment",
                target=note.out_trade_no,
                detail={
                    "first": intent.provider_trade_no,
                    "second": note.trade_no,
                    "amount_fen": note.amount_fen,
                },
            )
        )
        uow.commit()
        return "refund_due"


def refunds_due(db: Database, ctx: TerminalContext) -> list[IntentView]:
    with db.reader() as uow:
        rows = uow.session.scalars(
            select(PaymentIntent).where(
                PaymentIntent.store_id == ctx.store_id, PaymentIntent.status == "refund_due"
            )
        )
        return [IntentView(r.out_trade_no, r.status, r.provider_trade_no, r.message) for r in rows]
