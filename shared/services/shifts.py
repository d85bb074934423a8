"""Shifts and handover (SPEC §4): open with a float, cash in/out, X report, close with a Z report."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from shared.db.models import CashMovement, Payment, Refund, RefundPayment, Sale, Shift, Staff
from shared.db.uow import UnitOfWork
from shared.domain.clock import business_date, local_time
from shared.domain.errors import Conflict, PermissionDenied, ValidationError
from shared.domain.ids import new_id
from shared.domain.money import MAX_FEN
from shared.domain.permissions import Perm
from shared.printing.document import ShiftReport
from shared.services import journal, print_queue
from shared.services.auth import Actor, require
from shared.services.context import TerminalContext
from shared.sync import outbox

#: Chinese banknotes and coins, in fen, for counting the drawer by denomination
DENOMINATIONS = (10_000, 5_000, 2_000, 1_000, 500, 100, 50, 10)
MAX_REASON = 200


@dataclass(frozen=True)
class ShiftInfo:
    id: str
    cashier_id: str
    cashier_name: str
    opened_at: datetime
    opening_float_fen: int
    business_date: str


@dataclass(frozen=True)
class ShiftFigures:
    sales_count: int
    gross_fen: int
    discounts_fen: int
    refunds_count: int
    refunds_fen: int
    net_fen: int
    by_method: dict[str, int]
    cash_in_fen: int
    cash_out_fen: int
    opening_float_fen: int

    @property
    def expected_cash_fen(self) -> int:
        return (
            self.opening_float_fen
            + self.by_method.get("cash", 0)
            + self.cash_in_fen
            - self.cash_out_fen
        )


@dataclass(frozen=True)
class CloseResult:
    shift_id: str
    report: ShiftReport
    print_job_id: str
    expected_cash_fen: int
    counted_cash_fen: int
    variance_fen: int


def _open_shift(session: Session, terminal_id: str) -> Shift | None:
    return session.scalars(
        select(Shift).where(Shift.terminal_id == terminal_id, Shift.status == "open")
    ).first()


def require_open_shift(session: Session, ctx: TerminalContext) -> Shift:
    shift = _open_shift(session, ctx.terminal_id)
    if shift is None:
        raise Conflict(
            "no shift is open on this terminal: open a shift first", code="no_open_shift"
        )
    return shift


def _info(session: Session, shift: Shift) -> ShiftInfo:
    staff = session.get(Staff, shift.cashier_id)
    return ShiftInfo(
        shift.id,
        shift.cashier_id,
        staff.name if staff else "",
        shift.opened_at,
        shift.opening_float_fen,
        shift.business_date.isoformat(),
    )


def current_shift(uow: UnitOfWork, ctx: TerminalContext) -> ShiftInfo | None:
    shift = _open_shift(uow.session, ctx.terminal_id)
    return _info(uow.session, shift) if shift else None


def _check_amount(amount_fen: int, what: str, *, allow_zero: bool) -> None:
    if amount_fen < 0 or (amount_fen == 0 and not allow_zero):
        raise ValidationError(
            f"{what} must be {'zero or more' if allow_zero else 'above zero'}", code="amount_range"
        )
    if amount_fen > MAX_FEN:
        raise ValidationError(f"{what} is implausibly large", code="amount_too_large")


def open_shift(
    uow: UnitOfWork, ctx: TerminalContext, actor: Actor, opening_float_fen: int
) -> ShiftInfo:
    require(actor, Perm.OPEN_SHIFT, ctx.store_id)
    _check_amount(opening_float_fen, "opening float", allow_zero=True)
    s = uow.session
    existing = _open_shift(s, ctx.terminal_id)
    if existing is not None:
        holder = s.get(Staff, existing.cashier_id)
        raise Conflict(
            f"a shift is already open on this terminal ({holder.name if holder else '?'})",
            code="shift_already_open",
        )
    now = uow.clock.now()
    shift = Shift(
        store_id=ctx.store_id,
        id=str(new_id()),
        terminal_id=ctx.terminal_id,
        cashier_id=actor.staff_id,
        business_date=business_date(now, ctx.timezone),
        status="open",
        opened_at=now,
        opening_float_fen=opening_float_fen,
        denominations={},
    )
    s.add(shift)
    try:
        outbox.shift_open(s, shift, at=now)
        uow.commit()
    except IntegrityError:  # another process opened one between our check and our insert
        raise Conflict(
            "a shift is already open on this terminal", code="shift_already_open"
        ) from None
    return _info(s, shift)


def cash_move(
    uow: UnitOfWork,
    ctx: TerminalContext,
    actor: Actor,
    direction: str,
    amount_fen: int,
    reason: str,
) -> str:
    """Paid-in (``in``) or paid-out (``out``) of the drawer, with a reason."""
    require(actor, Perm.CASH_MOVE, ctx.store_id)
    if direction not in ("in", "out"):
        raise ValidationError("cash movement is 'in' or 'out'", code="direction")
    _check_amount(amount_fen, "amount", allow_zero=False)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError("give a reason for the cash movement", code="reason_required")
    if len(reason) > MAX_REASON:
        raise ValidationError(
            f"reason is too long (at most {MAX_REASON} characters)", code="text_too_long"
        )
    s = uow.session
    shift = require_open_shift(s, ctx)
    if direction == "out":
        figures = shift_figures(s, shift)
        if amount_fen > figures.expected_cash_fen:
            raise ValidationError(
                f"the drawer should hold only {figures.expected_cash_fen / 100:.2f}",
                code="cash_out_exceeds_drawer",
                drawer_fen=figures.expected_cash_fen,
            )
    move_id = str(new_id())
    move = CashMovement(
        store_id=ctx.store_id,
        id=move_id,
        shift_id=shift.id,
        direction=direction,
        amount_fen=amount_fen,
        reason=reason,
        staff_id=actor.staff_id,
        at=uow.clock.now(),
    )
    s.add(move)
    outbox.cash_movement(s, move, shift, at=move.at)
    uow.commit()
    return move_id


def shift_figures(session: Session, shift: Shift) -> ShiftFigures:
    sales = session.execute(
        select(
            func.count(),
            func.coalesce(func.sum(Sale.subtotal_fen), 0),
            func.coalesce(func.sum(Sale.discount_fen), 0),
            func.coalesce(func.sum(Sale.total_fen), 0),
        ).where(Sale.store_id == shift.store_id, Sale.shift_id == shift.id)
    ).one()
    by_method: dict[str, int] = defaultdict(int)
    for method, amount in session.execute(
        select(Payment.method, func.sum(Payment.amount_fen))
        .join(Sale, (Sale.store_id == Payment.store_id) & (Sale.id == Payment.sale_id))
        .where(
            Sale.store_id == shift.store_id, Sale.shift_id == shift.id, Payment.status == "captured"
        )
        .group_by(Payment.method)
    ):
        by_method[method] += int(amount)
    refunds = session.execute(
        select(func.count(), func.coalesce(func.sum(Refund.total_fen), 0)).where(
            Refund.store_id == shift.store_id, Refund.shift_id == shift.id
        )
    ).one()
    for method, amount in session.execute(
        select(RefundPayment.method, func.sum(RefundPayment.amount_fen))
        .join(
            Refund,
            (Refund.store_id == RefundPayment.store_id) & (Refund.id == RefundPayment.refund_id),
        )
        .where(Refund.store_id == shift.store_id, Refund.shift_id == shift.id)
        .group_by(RefundPayment.method)
    ):
        by_method[method] -= int(amount)
    moves = dict(
        session.execute(
            select(CashMovement.direction, func.sum(CashMovement.amount_fen))
            .where(CashMovement.store_id == shift.store_id, CashMovement.shift_id == shift.id)
            .group_by(CashMovement.direction)
        ).all()
    )
    return ShiftFigures(
        sales_count=int(sales[0]),
        gross_fen=int(sales[1]),
        discounts_fen=int(sales[2]),
        refunds_count=int(refunds[0]),
        refunds_fen=int(refunds[1]),
        net_fen=int(sales[3]) - int(refunds[1]),
        by_method=dict(sorted(by_method.items())),
        cash_in_fen=int(moves.get("in", 0)),
        cash_out_fen=int(moves.get("out", 0)),
        opening_float_fen=shift.opening_float_fen,
    )


def _report(
    session: Session,
    ctx: TerminalContext,
    shift: Shift,
    figures: ShiftFigures,
    *,
    kind: str,
    at: datetime,
) -> ShiftReport:
    staff = session.get(Staff, shift.cashier_id)
    fmt = "%Y-%m-%d %H:%M"
    return ShiftReport(
        report_type=kind,
        store_name=ctx.store_name,
        terminal_number=ctx.number,
        cashier=staff.name if staff else "",
        opened_at=local_time(shift.opened_at, ctx.timezone).strftime(fmt),
        at=local_time(at, ctx.timezone).strftime(fmt),
        sales_count=figures.sales_count,
        gross_fen=figures.gross_fen,
        discounts_fen=figures.discounts_fen,
        refunds_count=figures.refunds_count,
        refunds_fen=figures.refunds_fen,
        net_fen=figures.net_fen,
        by_method=figures.by_method,
        opening_float_fen=figures.opening_float_fen,
        cash_in_fen=figures.cash_in_fen,
        cash_out_fen=figures.cash_out_fen,
        expected_cash_fen=figures.expected_cash_fen,
        counted_cash_fen=shift.counted_cash_fen,
        variance_fen=shift.variance_fen,
        denominations=dict(shift.denominations or {}),
        language=ctx.language,
    )


def x_report(uow: UnitOfWork, ctx: TerminalContext) -> ShiftReport:
    shift = require_open_shift(uow.session, ctx)
    figures = shift_figures(uow.session, shift)
    return _report(uow.session, ctx, shift, figures, kind="X", at=uow.clock.now())


def print_x_report(uow: UnitOfWork, ctx: TerminalContext, actor: Actor) -> str:
    """Queue the X report (totals so far; the shift stays open) for printing. Returns the job."""
    require(actor, Perm.SELL, ctx.store_id)
    report = x_report(uow, ctx)
    shift = require_open_shift(uow.session, ctx)
    job = print_queue.enqueue(
        uow.session, at=uow.clock.now(), doc=report, kind="shift_report", ref=f"X-{shift.id}"
    )
    uow.commit()
    return job


def counted_from_denominations(denominations: dict[int, int]) -> int:
    total = 0
    for value, count in denominations.items():
        if value not in DENOMINATIONS:
            raise ValidationError(f"{value / 100:.2f} is not a denomination", code="denomination")
        if count < 0 or count > 100_000:
            raise ValidationError(
                "a denomination count must be 0 to 100000", code="denomination_count"
            )
        total += value * count
    return total


def close_shift(
    uow: UnitOfWork,
    ctx: TerminalContext,
    actor: Actor,
    counted_fen: int | None,
    *,
    denominations: dict[int, int] | None = None,
) -> CloseResult:
    """Close the open shift: counted cash (or count by denomination), variance, Z report, journal."""
    require(actor, Perm.CLOSE_SHIFT, ctx.store_id)
    s = uow.session
    shift = require_open_shift(s, ctx)
    if shift.cashier_id != actor.staff_id and not actor.can(Perm.APPROVE, ctx.store_id):
        raise PermissionDenied(
            "only the shift's cashier or a manager may close it", code="not_your_shift"
        )
    if denominations:
        by_denom = counted_from_denominations(denominations)
        if counted_fen is not None and counted_fen != by_denom:
            raise ValidationError(
                f"counted {counted_fen / 100:.2f} does not match the denominations ({by_denom / 100:.2f})",
                code="count_mismatch",
            )
        counted_fen = by_denom
    if counted_fen is None:
        raise ValidationError("enter the counted cash", code="counted_required")
    _check_amount(counted_fen, "counted cash", allow_zero=True)
    figures = shift_figures(s, shift)
    now = uow.clock.now()
    shift.status = "closed"
    shift.closed_at = now
    shift.closed_by = actor.staff_id
    shift.expected_cash_fen = figures.expected_cash_fen
    shift.counted_cash_fen = counted_fen
    shift.variance_fen = counted_fen - figures.expected_cash_fen
    shift.denominations = {str(k): v for k, v in (denominations or {}).items() if v}
    s.flush()
    entry = journal.append(
        s,
        at=now,
        terminal_id=ctx.terminal_id,
        store_id=ctx.store_id,
        kind="shift_close",
        document_id=shift.id,
        payload=journal.shift_payload(shift),
    )
    report = _report(s, ctx, shift, figures, kind="Z", at=now)
    job = print_queue.enqueue(s, at=now, doc=report, kind="shift_report", ref=shift.id)
    outbox.shift_close(s, shift, entry, at=now)
    uow.commit()
    return CloseResult(
        shift.id, report, job, figures.expected_cash_fen, counted_fen, shift.variance_fen
    )
