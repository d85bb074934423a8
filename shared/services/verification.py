"""The verifier station (核销台, SPEC §6): look up a scanned code, redeem it once, reverse it.

Online only: the central database decides (``shared.sync.redeem`` through the gateway). While it
is unreachable every lookup and redemption is refused with ``VerificationOffline`` and nothing is
recorded anywhere. A redemption the central side confirmed is journaled on this terminal (and the
entry pushed through the outbox), in one local transaction.

Each redemption carries a ``request_id`` chosen here; a caller that lost the answer (timeout,
connection cut after the central commit) retries with the same id and gets the original
redemption back, never a second one.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from shared.db.uow import Database, UnitOfWork
from shared.domain.coupons import CouponRule, format_code
from shared.domain.errors import DomainError
from shared.domain.ids import new_id
from shared.domain.permissions import Perm
from shared.services import journal
from shared.services.auth import Actor, login_with_password, require
from shared.services.context import TerminalContext
from shared.sync import outbox
from shared.sync.errors import CentralUnreachable
from shared.sync.gateway import CentralGateway

OFFLINE_MESSAGE = "verification needs a connection to head office"


class VerificationOffline(DomainError):
    """The central database cannot be reached: nothing is redeemed offline."""

    code = "verification_offline"


class VerificationRefused(DomainError):
    """The central database refused the code; ``code`` is its reason (``already_redeemed`` …)."""

    code = "verification_refused"


@dataclass(frozen=True)
class CouponInfo:
    coupon_id: str
    name: str
    type: str
    funded_by: str
    stackable: bool
    threshold_fen: int
    amount_off_fen: int
    off_bp: int
    cap_fen: int | None
    exchange_sku_id: str | None
    exchange_item: str | None
    valid_from: str
    valid_until: str
    store_scope: str
    stores: tuple[str, ...]

    def rule(self) -> CouponRule:
        return CouponRule(
            coupon_id=self.coupon_id,
            name=self.name,
            type=self.type,
            stackable=self.stackable,
            funded_by=self.funded_by,
            exchange_sku_id=self.exchange_sku_id,
            threshold_fen=self.threshold_fen,
            amount_off_fen=self.amount_off_fen,
            off_bp=self.off_bp,
            cap_fen=self.cap_fen,
        )


@dataclass(frozen=True)
class PickupInfo:
    order_no: str
    description: str
    amount_fen: int
    phone: str | None


@dataclass(frozen=True)
class Refusal:
    reason: str
    message: str
    details: dict = field(default_factory=dict)


@dataclass(frozen=True)
class CodeCard:
    """What a scanned code is, its state and conditions, and whether one confirm redeems it."""

    kind: str  # coupon | pickup | channel (a channel order's redeem code)
    code: str
    display_code: str
    state: str
    redeemable: bool
    via_qr: bool = False
    phone: str | None = None
    coupon: CouponInfo | None = None
    pickup: PickupInfo | None = None
    refusal: Refusal | None = None


@dataclass(frozen=True)
class Redemption:
    verification_id: str
    request_id: str
    kind: str
    code: str
    display_code: str
    status: str
    store: str
    verifier: str
    at: str  # ISO, UTC (server time)
    local_time: str  # HH:MM at the store
    coupon_name: str
    order_no: str
    replayed: bool = False


def _coupon_info(data: dict) -> CouponInfo:
    return CouponInfo(
        coupon_id=data["coupon_id"],
        name=data["name"],
        type=data["type"],
        funded_by=data["funded_by"],
        stackable=bool(data["stackable"]),
        threshold_fen=int(data["threshold_fen"]),
        amount_off_fen=int(data["amount_off_fen"]),
        off_bp=int(data["off_bp"]),
        cap_fen=data["cap_fen"],
        exchange_sku_id=data["exchange_sku_id"],
        exchange_item=data.get("exchange_item"),
        valid_from=data["valid_from"],
        valid_until=data["valid_until"],
        store_scope=data["store_scope"],
        stores=tuple(data.get("stores") or ()),
    )


def _display(kind: str, code: str) -> str:
    return format_code(code) if kind in ("coupon", "channel") else code


def refused(answer: dict) -> VerificationRefused:
    details = {k: v for k, v in answer.items() if k not in ("ok", "reason", "message")}
    return VerificationRefused(answer["message"], code=answer["reason"], **details)


def _online(call):
    try:
        return call()
    except CentralUnreachable as exc:
        raise VerificationOffline(OFFLINE_MESSAGE, cause=str(exc)) from exc


def card_from_answer(answer: dict) -> CodeCard:
    if not answer.get("ok"):
        raise refused(answer)
    kind = answer["kind"]
    refusal = answer.get("refusal")
    pickup = answer.get("pickup")
    return CodeCard(
        kind=kind,
        code=answer["code"],
        display_code=_display(kind, answer["code"]),
        state=answer["state"],
        redeemable=bool(answer["redeemable"]),
        via_qr=bool(answer.get("via_qr")),
        phone=answer.get("phone"),
        coupon=_coupon_info(answer["coupon"]) if answer.get("coupon") else None,
        pickup=PickupInfo(
            pickup["order_no"], pickup["description"], int(pickup["amount_fen"]), pickup["phone"]
        )
        if pickup
        else None,
        refusal=Refusal(
            refusal["reason"],
            refusal["message"],
            {k: v for k, v in refusal.items() if k not in ("ok", "reason", "message")},
        )
        if refusal
        else None,
    )


def redemption_from_answer(answer: dict) -> Redemption:
    return Redemption(
        verification_id=answer["verification_id"],
        request_id=answer["request_id"],
        kind=answer["kind"],
        code=answer["code"],
        display_code=_display(answer["kind"], answer["code"]),
        status=answer["status"],
        store=answer["store"],
        verifier=answer["verifier"],
        at=answer["at"],
        local_time=answer["local_time"],
        coupon_name=answer.get("coupon_name") or "",
        order_no=answer.get("order_no") or "",
        replayed=bool(answer.get("replayed")),
    )


# -- the station --------------------------------------------------------------------------------


def login_verifier(uow: UnitOfWork, ctx: TerminalContext, account: str, password: str) -> Actor:
    """A verifier (or manager) signs in at the station with account and password."""
    actor = login_with_password(
        uow,
        account,
        password,
        store_id=ctx.store_id,
        attempts=ctx.lockout_attempts,
        minutes=ctx.lockout_minutes,
    )
    require(actor, Perm.VERIFY, ctx.store_id)
    return actor


def look_up(gateway: CentralGateway, ctx: TerminalContext, actor: Actor, text: str) -> CodeCard:
    require(actor, Perm.VERIFY, ctx.store_id)
    answer = _online(lambda: gateway.verify_lookup(text, ctx.store_id))
    return card_from_answer(answer)


def new_request_id() -> str:
    return str(new_id())


def redeem(
    db: Database,
    gateway: CentralGateway,
    ctx: TerminalContext,
    actor: Actor,
    text: str,
    *,
    request_id: str | None = None,
) -> Redemption:
    """Redeem a scanned code at this terminal's store; refused with the central side's reason."""
    require(actor, Perm.VERIFY, ctx.store_id)
    request = {
        "request_id": request_id or new_request_id(),
        "text": text,
        "store_id": ctx.store_id,
        "terminal_id": ctx.terminal_id,
        "staff_id": actor.staff_id,
        "purpose": "station",
    }
    answer = _online(lambda: gateway.redeem(request))
    if not answer.get("ok"):
        raise refused(answer)
    done = redemption_from_answer(answer)
    _journal(db, ctx, done, kind="redemption")
    return done


def _journal(db: Database, ctx: TerminalContext, done: Redemption, *, kind: str) -> None:
    """Journal a centrally decided redemption (or reversal) once on this terminal."""
    from sqlalchemy import select

    from shared.db.models import JournalEntry

    with db.uow() as uow:
        s = uow.session
        seen = s.scalar(
            select(JournalEntry.id).where(
                JournalEntry.terminal_id == ctx.terminal_id,
                JournalEntry.kind == kind,
                JournalEntry.document_id == done.verification_id,
            )
        )
        if seen:  # a replayed answer: journaled when it first came back
            return
        now = uow.clock.now()
        entry = journal.append_row(
            s,
            at=now,
            terminal_id=ctx.terminal_id,
            store_id=ctx.store_id,
            kind=kind,
            document_id=done.verification_id,
            payload={
                "kind": done.kind,
                "code": done.code,
                "store": done.store,
                "verifier": done.verifier,
                "at": done.at,
                "status": done.status,
            },
        )
        outbox.journal_only(s, entry, at=now)
        uow.commit()


def reverse(
    db: Database,
    gateway: CentralGateway,
    ctx: TerminalContext,
    approver: Actor,
    verification_id: str,
    reason: str,
) -> Redemption:
    """A manager (whose PIN was checked with ``auth.approve``) reverses a verification."""
    require(approver, Perm.APPROVE, ctx.store_id)
    answer = _online(
        lambda: gateway.reverse_redemption(
            {
                "verification_id": verification_id,
                "manager_id": approver.staff_id,
                "reason": reason,
                "terminal_id": ctx.terminal_id,
            }
        )
    )
    if not answer.get("ok"):
        raise refused(answer)
    done = redemption_from_answer(answer)
    _journal(db, ctx, done, kind="redemption_reversal")
    return done


def history(gateway: CentralGateway, ctx: TerminalContext, limit: int = 50) -> list[Redemption]:
    """This station's latest verifications (newest first), from the central record."""
    rows = _online(lambda: gateway.verifications(ctx.terminal_id, limit))
    return [redemption_from_answer(r) for r in rows]
