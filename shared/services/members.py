"""Member top-ups at the counter (SPEC §9).

A top-up is cash the cashier takes into the drawer and stored value the member gets. Both are
written in ONE local transaction: the cash movement (so the shift's expected cash includes it),
a journal entry, and a ``member_topup`` outbox message; the central side credits the balance when
the message arrives, exactly once by its id (``member_ledger.topup_in_transaction``). A top-up
therefore works offline too; the balance shows it after the next sync.

Looking a member up and paying with balance or points are online: ``central_holds``.
"""

from __future__ import annotations

from dataclasses import dataclass

from shared.db.models import CashMovement
from shared.db.uow import UnitOfWork
from shared.domain.errors import ValidationError
from shared.domain.ids import new_id
from shared.domain.money import MAX_FEN
from shared.domain.permissions import Perm
from shared.services import journal
from shared.services.auth import Actor, require
from shared.services.context import TerminalContext
from shared.services.shifts import require_open_shift
from shared.sync import outbox

#: the most one top-up may add (a counter is not a bank)
MAX_TOPUP_FEN = 5_000_00
TOPUP_METHODS = ("cash",)


@dataclass(frozen=True)
class TopUp:
    topup_id: str
    member_id: str
    amount_fen: int


def top_up(
    uow: UnitOfWork,
    ctx: TerminalContext,
    actor: Actor,
    *,
    member_id: str,
    member_phone: str,
    amount_fen: int,
    method: str = "cash",
) -> TopUp:
    require(actor, Perm.SELL, ctx.store_id)
    require(actor, Perm.CASH_MOVE, ctx.store_id)
    if method not in TOPUP_METHODS:
        raise ValidationError(
            "top-ups are taken in cash at the counter", code="topup_method", method=method
        )
    if not member_id:
        raise ValidationError("look the member up first", code="member_required")
    if amount_fen <= 0:
        raise ValidationError("a top-up must be above zero", code="payment_not_positive")
    if amount_fen > min(MAX_TOPUP_FEN, MAX_FEN):
        raise ValidationError(
            f"a top-up is at most {MAX_TOPUP_FEN / 100:.2f}",
            code="topup_too_large",
            limit_fen=MAX_TOPUP_FEN,
        )
    s = uow.session
    shift = require_open_shift(s, ctx)
    now = uow.clock.now()
    topup_id = str(new_id())
    move = CashMovement(
        store_id=ctx.store_id,
        id=str(new_id()),
        shift_id=shift.id,
        direction="in",
        amount_fen=amount_fen,
        reason=f"会员充值 {member_phone}"[:200],
        staff_id=actor.staff_id,
        at=now,
    )
    s.add(move)
    s.flush()
    outbox.cash_movement(s, move, shift, at=now)
    entry = journal.append_row(
        s,
        at=now,
        terminal_id=ctx.terminal_id,
        store_id=ctx.store_id,
        kind="member_topup",
        document_id=topup_id,
        payload={"member_id": member_id, "amount_fen": amount_fen, "method": method},
    )
    outbox.member_topup(
        s,
        {
            "id": topup_id,
            "member_id": member_id,
            "amount_fen": amount_fen,
            "method": method,
            "store_id": ctx.store_id,
            "terminal_id": ctx.terminal_id,
            "staff_id": actor.staff_id,
            "shift_id": shift.id,
            "cash_movement_id": move.id,
            "at": now.isoformat(),
        },
        entry,
        at=now,
    )
    uow.commit()
    return TopUp(topup_id, member_id, amount_fen)
