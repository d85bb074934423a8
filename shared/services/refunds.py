"""Returns and refunds against a receipt (SPEC §3): whole or partial, with approval when large.

A line gives back exactly what it was paid: a partial quantity refunds its share rounded half-up,
and the last units of a line refund whatever is left, so the refunds of a line add up to its net.
Money goes back to the sale's own payment methods, newest tender first, never more per method
than that method took. Card-key lines are never refundable.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from shared.db.models import Refund, RefundLine, RefundPayment, Sale
from shared.db.uow import UnitOfWork
from shared.domain.errors import ApprovalRequired, NotFound, PermissionDenied, ValidationError
from shared.domain.ids import new_id
from shared.domain.money import round_half_up
from shared.domain.permissions import Perm
from shared.domain.receipt_no import normalise_receipt_no
from shared.printing.document import Receipt
from shared.services import journal, print_queue
from shared.services.auth import Actor, require
from shared.services.context import TerminalContext
from shared.services.numbering import next_number
from shared.services.receipts import refund_receipt
from shared.services.shifts import require_open_shift
from shared.sync import outbox

MAX_REASON = 200


@dataclass(frozen=True)
class RefundItem:
    sale_line_id: str
    quantity_milli: int


@dataclass(frozen=True)
class RefundResult:
    refund_id: str
    refund_no: str
    receipt_no: str
    total_fen: int
    by_method: dict[str, int]
    print_job_id: str
    receipt: Receipt


def refunded_per_line(session: Session, sale: Sale) -> dict[str, tuple[int, int]]:
    """sale line id -> (quantity refunded, amount refunded)."""
    rows = session.execute(
        select(
            RefundLine.sale_line_id,
            func.sum(RefundLine.quantity_milli),
            func.sum(RefundLine.amount_fen),
        )
        .join(
            Refund, (Refund.store_id == RefundLine.store_id) & (Refund.id == RefundLine.refund_id)
        )
        .where(Refund.store_id == sale.store_id, Refund.sale_id == sale.id)
        .group_by(RefundLine.sale_line_id)
    )
    return {lid: (int(q), int(a)) for lid, q, a in rows}


def refunded_total(session: Session, sale: Sale) -> int:
    return int(
        session.scalar(
            select(func.coalesce(func.sum(Refund.total_fen), 0)).where(
                Refund.store_id == sale.store_id, Refund.sale_id == sale.id
            )
        )
    )


def _refunded_per_method(session: Session, sale: Sale) -> dict[str, int]:
    rows = session.execute(
        select(RefundPayment.method, func.sum(RefundPayment.amount_fen))
        .join(
            Refund,
            (Refund.store_id == RefundPayment.store_id) & (Refund.id == RefundPayment.refund_id),
        )
        .where(Refund.store_id == sale.store_id, Refund.sale_id == sale.id)
        .group_by(RefundPayment.method)
    )
    return {m: int(a) for m, a in rows}


def _line_amount(net: int, sold: int, already_qty: int, already_amt: int, qty: int) -> int:
    if already_qty + qty == sold:
        return net - already_amt
    return round_half_up(Decimal(net) * qty / Decimal(sold))


def _by_method(sale: Sale, taken: dict[str, int], amount: int) -> dict[str, int]:
    """Spread a refund over the sale's payments, newest first, within what each method still holds."""
    left = amount
    out: dict[str, int] = {}
    remaining: dict[str, int] = {}
    for p in sale.payments:
        if p.status == "captured":
            remaining[p.method] = remaining.get(p.method, 0) + p.amount_fen
    for m, a in taken.items():
        remaining[m] = remaining.get(m, 0) - a
    for p in reversed(sale.payments):
        if left == 0:
            break
        avail = remaining.get(p.method, 0) - out.get(p.method, 0)
        give = min(avail, left)
        if give > 0:
            out[p.method] = out.get(p.method, 0) + give
            left -= give
    if left:
        raise ValidationError(
            "the refund is more than the sale's payments", code="refund_exceeds_paid"
        )
    return out


def refund(
    uow: UnitOfWork,
    ctx: TerminalContext,
    actor: Actor,
    receipt_no: str,
    items: list[RefundItem] | None = None,
    *,
    approver: Actor | None = None,
    reason: str = "",
) -> RefundResult:
    """Refund ``items`` of a sale, or (``items=None``) everything still refundable on it."""
    require(actor, Perm.REFUND, ctx.store_id)
    reason = (reason or "").strip()
    if len(reason) > MAX_REASON:
        raise ValidationError(
            f"reason is too long (at most {MAX_REASON} characters)", code="text_too_long"
        )
    number = normalise_receipt_no(receipt_no)
    s = uow.session
    sale = s.scalars(select(Sale).where(Sale.receipt_no == number)).first()
    if sale is None:
        raise NotFound(
            f"no sale with receipt number {number} at this terminal",
            code="unknown_receipt",
            value=number,
        )
    if sale.store_id != ctx.store_id:
        raise ValidationError(f"receipt {number} belongs to another store", code="other_store")
    shift = require_open_shift(s, ctx)
    lines = {ln.id: ln for ln in sale.lines}
    done = refunded_per_line(s, sale)

    if items is None:
        items = [
            RefundItem(ln.id, ln.quantity_milli - done.get(ln.id, (0, 0))[0])
            for ln in sale.lines
            if ln.kind != "card_key" and ln.quantity_milli > done.get(ln.id, (0, 0))[0]
        ]
        if not items:
            raise ValidationError(f"nothing left to refund on {number}", code="nothing_to_refund")
    if not items:
        raise ValidationError("choose what to refund", code="nothing_chosen")

    seen: set[str] = set()
    planned: list[tuple[RefundItem, int]] = []
    for it in items:
        ln = lines.get(it.sale_line_id)
        if ln is None:
            raise ValidationError(f"that line is not on receipt {number}", code="line_not_on_sale")
        if it.sale_line_id in seen:
            raise ValidationError(f"'{ln.name}' is listed twice", code="line_twice")
        seen.add(it.sale_line_id)
        if ln.kind == "card_key":
            raise ValidationError(
                f"'{ln.name}' is a card key: card keys are never refundable",
                code="card_key_not_refundable",
                name=ln.name,
            )
        if it.quantity_milli <= 0:
            raise ValidationError(
                "refund quantity must be above zero", code="quantity_not_positive"
            )
        if not ln.weighed and it.quantity_milli % 1000:
            raise ValidationError(
                f"'{ln.name}' is refunded in whole pieces", code="quantity_fractional"
            )
        qty_done, amt_done = done.get(ln.id, (0, 0))
        if qty_done + it.quantity_milli > ln.quantity_milli:
            left = ln.quantity_milli - qty_done
            raise ValidationError(
                f"cannot refund more '{ln.name}' than was sold: {left / 1000:g} left to refund",
                code="refund_exceeds_sold",
                name=ln.name,
                left_milli=left,
            )
        planned.append(
            (it, _line_amount(ln.net_fen, ln.quantity_milli, qty_done, amt_done, it.quantity_milli))
        )
    total = sum(a for _, a in planned)
    if total > ctx.refund_approval_fen:
        if approver is None:
            raise ApprovalRequired(
                f"a refund of {total / 100:.2f} needs a manager's approval "
                f"(above {ctx.refund_approval_fen / 100:.2f})",
                code="approval_required",
                amount_fen=total,
            )
        if not approver.can(Perm.APPROVE, ctx.store_id):
            raise PermissionDenied(
                f"{approver.name} cannot approve refunds", code="not_an_approver"
            )
    methods = _by_method(sale, _refunded_per_method(s, sale), total)

    now = uow.clock.now()
    refund_no = next_number(
        s,
        terminal_id=ctx.terminal_id,
        terminal_number=ctx.number,
        day=shift.business_date,
        series="R",
    )
    refund = Refund(
        store_id=ctx.store_id,
        id=str(new_id()),
        refund_no=refund_no,
        sale_id=sale.id,
        terminal_id=ctx.terminal_id,
        shift_id=shift.id,
        business_date=shift.business_date,
        cashier_id=actor.staff_id,
        approved_by=approver.staff_id if approver else None,
        total_fen=total,
        reason=reason,
        created_at=now,
    )
    for it, amount in planned:
        refund.lines.append(
            RefundLine(
                store_id=ctx.store_id,
                id=str(new_id()),
                sale_line_id=it.sale_line_id,
                quantity_milli=it.quantity_milli,
                amount_fen=amount,
            )
        )
    for method, amount in methods.items():
        refund.payments.append(
            RefundPayment(store_id=ctx.store_id, id=str(new_id()), method=method, amount_fen=amount)
        )
    s.add(refund)
    s.flush()
    entry = journal.append(
        s,
        at=now,
        terminal_id=ctx.terminal_id,
        store_id=ctx.store_id,
        kind="refund",
        document_id=refund.id,
        payload=journal.refund_payload(refund),
    )
    receipt = refund_receipt(s, ctx, refund, sale)
    job_id = print_queue.enqueue(s, at=now, doc=receipt, kind="refund", ref=refund_no)
    outbox.refund(s, refund, shift, entry, at=now)
    uow.commit()
    return RefundResult(refund.id, refund_no, number, total, methods, job_id, receipt)
