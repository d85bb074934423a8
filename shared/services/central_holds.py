"""Coupons and member payments at the counter: taken centrally before the sale commits, given
back if it never does (SPEC §6 "released if the sale is abandoned", §9).

A coupon scanned into a sale is only *checked* (``check_coupon``). When the payment completes,
``hold_coupons`` redeems each coupon centrally for this sale (one conditional update each, the
same as the verifier station); of eight counters racing for one single-use coupon exactly one
gets it and the others are told before any money is taken. A member's balance or points are
taken the same way (``charge_member``).

Every central call is preceded by a local ``central_hold`` row (``pending``) in its own
transaction, so a crash between the central commit and the sale's commit leaves a record:
``complete_sale`` marks the sale's holds ``committed`` in the sale's transaction, and
``release_sale`` / ``sweep`` give back whatever is still ``pending`` or ``held`` for a sale that
does not exist — with the same request id, so a release is never applied twice.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import bindparam, literal_column, select, update

from shared.db.models import CentralHold, Sale
from shared.db.uow import Database, UnitOfWork
from shared.domain.cart import Cart
from shared.domain.coupons import AppliedCoupon
from shared.domain.errors import Conflict, DomainError, ValidationError
from shared.domain.ids import new_id
from shared.domain.permissions import Perm
from shared.domain.tenders import Tender
from shared.services.auth import Actor, require
from shared.services.context import TerminalContext
from shared.services.verification import (
    OFFLINE_MESSAGE,
    VerificationOffline,
    card_from_answer,
    refused,
)
from shared.sync.errors import CentralUnreachable
from shared.sync.gateway import CentralGateway

log = logging.getLogger(__name__)

#: a hold older than this whose sale does not exist is released by ``sweep``
SWEEP_AFTER = timedelta(minutes=10)
MEMBER_METHODS = ("balance", "points")


@dataclass(frozen=True)
class MemberCard:
    member_id: str
    phone: str  # masked
    name: str
    level: str
    points: int
    balance_fen: int
    points_per_yuan: int
    points_max_pay_bp: int


def _online(call):
    try:
        return call()
    except CentralUnreachable as exc:
        raise VerificationOffline(OFFLINE_MESSAGE, cause=str(exc)) from exc


# -- coupons -------------------------------------------------------------------------------------


def check_coupon(
    gateway: CentralGateway, ctx: TerminalContext, actor: Actor, text: str
) -> AppliedCoupon:
    """A coupon scanned during a sale: asked of the central database, not yet redeemed."""
    require(actor, Perm.SELL, ctx.store_id)
    card = card_from_answer(_online(lambda: gateway.verify_lookup(text, ctx.store_id)))
    if card.kind != "coupon" or card.coupon is None:
        raise ValidationError(
            "a pickup code is verified at the verifier station, not in a sale",
            code="pickup_in_sale",
        )
    if not card.redeemable and card.refusal is not None:
        r = card.refusal
        raise refused({"ok": False, "reason": r.reason, "message": r.message, **r.details})
    return AppliedCoupon(card.code, card.coupon.rule())


def _begin(db: Database, *, sale_id: str, kind: str, ref: str, amount_fen: int) -> str:
    request_id = str(new_id())
    with db.uow() as uow:
        now = uow.clock.now()
        uow.session.add(
            CentralHold(
                id=str(new_id()),
                sale_id=sale_id,
                kind=kind,
                ref=ref,
                amount_fen=amount_fen,
                request_id=request_id,
                status="pending",
                detail={},
                created_at=now,
                updated_at=now,
            )
        )
        uow.commit()
    return request_id


def _settle(db: Database, request_id: str, status: str, detail: dict | None = None) -> None:
    with db.uow() as uow:
        values = {"status": status, "updated_at": uow.clock.now()}
        if detail is not None:
            values["detail"] = detail
        uow.session.execute(
            update(CentralHold).where(CentralHold.request_id == request_id).values(**values)
        )
        uow.commit()


def begin_hold(db: Database, *, sale_id: str, kind: str, ref: str, amount_fen: int) -> str:
    """Note a hold (``pending``) before head office is asked; its request id."""
    return _begin(db, sale_id=sale_id, kind=kind, ref=ref, amount_fen=amount_fen)


def settle_hold(db: Database, request_id: str, status: str, detail: dict | None = None) -> None:
    """What head office answered: ``held`` or ``released``."""
    _settle(db, request_id, status, detail)


def _live_holds(uow: UnitOfWork, sale_id: str) -> list[CentralHold]:
    return list(
        uow.session.scalars(
            select(CentralHold).where(
                CentralHold.sale_id == sale_id, CentralHold.status.in_(("pending", "held"))
            )
        )
    )


def hold_coupons(
    db: Database,
    gateway: CentralGateway,
    ctx: TerminalContext,
    actor: Actor,
    *,
    sale_id: str,
    cart: Cart,
) -> None:
    """Redeem the cart's coupons for ``sale_id`` before payment is taken.

    All or nothing: if one coupon is refused (another counter got it first) or the central
    database cannot be reached, the ones already held for this sale are released and the
    error says why; the cart is left as it was so the cashier can remove the coupon.
    """
    require(actor, Perm.SELL, ctx.store_id)
    totals = cart.totals()
    wanted = {ct.coupon.code for ct in totals.coupons}
    with db.reader() as uow:
        holds = [h for h in _live_holds(uow, sale_id) if h.kind == "coupon"]
        held = {h.ref for h in holds if h.status == "held"}
        stale = [(h.request_id, h.ref) for h in holds if h.ref not in wanted]
    for request_id, code in stale:  # taken off the sale since the last payment attempt
        answer = _online(
            lambda request_id=request_id: gateway.release_redemption(request_id, sale_id)
        )
        if not answer.get("ok"):
            raise refused(answer)
        _settle(db, request_id, "released")
        held.discard(code)
    try:
        for ct in totals.coupons:
            code = ct.coupon.code
            if code in held:
                continue
            request_id = _begin(
                db, sale_id=sale_id, kind="coupon", ref=code, amount_fen=ct.amount_fen
            )
            request = {
                "request_id": request_id,
                "text": code,
                "store_id": ctx.store_id,
                "terminal_id": ctx.terminal_id,
                "staff_id": actor.staff_id,
                "purpose": "sale",
                "sale_id": sale_id,
                "amount_fen": ct.amount_fen,
            }
            answer = _online(lambda request=request: gateway.redeem(request))
            if not answer.get("ok"):
                _settle(db, request_id, "released", answer)
                raise refused(answer)
            _settle(db, request_id, "held", answer)
    except DomainError:
        release_sale(db, gateway, sale_id)
        raise


_h = CentralHold.__table__
_HELD = select(_h.c.kind, _h.c.ref, _h.c.request_id, _h.c.amount_fen).where(
    _h.c.sale_id == bindparam("sale_id"), _h.c.status == literal_column("'held'")
)


@dataclass(frozen=True)
class Held:
    """What is held centrally for one sale: coupon codes, and member payments by request id."""

    coupons: frozenset[str]
    member_payments: dict[str, tuple[str, int]]

    def __bool__(self) -> bool:
        return bool(self.coupons or self.member_payments)


def held_for(uow: UnitOfWork, sale_id: str) -> Held:
    """One indexed read on the sale's hot path (usually finds nothing)."""
    rows = uow.session.connection().execute(_HELD, {"sale_id": sale_id}).all()
    return Held(
        frozenset(r.ref for r in rows if r.kind == "coupon"),
        {r.request_id: (r.kind, r.amount_fen) for r in rows if r.kind in MEMBER_METHODS},
    )


def coupons_held(uow: UnitOfWork, sale_id: str) -> set[str]:
    """The coupon codes held centrally for ``sale_id``."""
    return set(held_for(uow, sale_id).coupons)


def member_payments_held(uow: UnitOfWork, sale_id: str) -> dict[str, tuple[str, int]]:
    """request id → (method, amount) of the balance/points payments held for ``sale_id``."""
    return held_for(uow, sale_id).member_payments


def mark_committed(uow: UnitOfWork, sale_id: str) -> None:
    """Inside the sale's transaction: its holds now belong to a committed sale."""
    uow.session.execute(
        update(CentralHold)
        .where(CentralHold.sale_id == sale_id, CentralHold.status == "held")
        .values(status="committed", updated_at=uow.clock.now())
    )


# -- members -------------------------------------------------------------------------------------


def find_member(
    gateway: CentralGateway, ctx: TerminalContext, actor: Actor, phone: str
) -> MemberCard:
    require(actor, Perm.SELL, ctx.store_id)
    answer = _online(lambda: gateway.member_lookup(phone))
    if not answer.get("ok"):
        raise refused(answer)
    m = answer["member"]
    return MemberCard(
        m["member_id"],
        m["phone"],
        m["name"],
        m["level"],
        int(m["points"]),
        int(m["balance_fen"]),
        int(m["points_per_yuan"]),
        int(m["points_max_pay_bp"]),
    )


def charge_member(
    db: Database,
    gateway: CentralGateway,
    ctx: TerminalContext,
    actor: Actor,
    *,
    sale_id: str,
    member_id: str,
    method: str,
    amount_fen: int,
    sale_total_fen: int,
) -> Tender:
    """Pay part of a sale with the member's balance or points; a tender for ``complete_sale``."""
    require(actor, Perm.SELL, ctx.store_id)
    if method not in MEMBER_METHODS:
        raise ValidationError(f"{method} is not a member payment", code="payment_method")
    if amount_fen <= 0:
        raise ValidationError("a payment must be above zero", code="payment_not_positive")
    request_id = _begin(db, sale_id=sale_id, kind=method, ref=member_id, amount_fen=amount_fen)
    request = {
        "request_id": request_id,
        "member_id": member_id,
        "kind": method,
        "amount_fen": amount_fen,
        "sale_id": sale_id,
        "sale_total_fen": sale_total_fen,
        "store_id": ctx.store_id,
        "terminal_id": ctx.terminal_id,
        "staff_id": actor.staff_id,
    }
    try:
        answer = _online(lambda: gateway.member_charge(request))
    except VerificationOffline:
        raise VerificationOffline(
            "paying with a member's balance or points needs a connection to head office"
        ) from None
    if not answer.get("ok"):
        _settle(db, request_id, "released", answer)
        raise refused(answer)
    _settle(db, request_id, "held", answer)
    return Tender(method, amount_fen, provider_ref=request_id)


# -- giving back ---------------------------------------------------------------------------------


def release_sale(db: Database, gateway: CentralGateway, sale_id: str) -> int:
    """Give back every coupon and member payment held for a sale that will not commit.

    Returns how many were released; what cannot be released now (central unreachable) stays
    ``pending``/``held`` for ``sweep``.
    """
    with db.reader() as uow:
        if uow.session.scalar(select(Sale.id).where(Sale.id == sale_id)) is not None:
            raise Conflict("this sale is complete: refund it instead", code="sale_committed")
        holds = [(h.request_id, h.kind) for h in _live_holds(uow, sale_id)]
    released = 0
    for request_id, kind in holds:
        try:
            if kind == "coupon":
                answer = gateway.release_redemption(request_id, sale_id)
            elif kind == "card_key":
                answer = gateway.card_key_release(sale_id)
            else:
                answer = gateway.member_release(request_id, sale_id)
        except CentralUnreachable as exc:
            log.warning("hold %s of sale %s not released yet: %s", request_id, sale_id, exc)
            continue
        if answer.get("ok"):
            _settle(db, request_id, "released")
            released += 1
        elif answer.get("reason") == "sale_committed":
            _settle(db, request_id, "committed")
        else:
            log.warning("hold %s of sale %s refused release: %s", request_id, sale_id, answer)
    return released


def sweep(db: Database, gateway: CentralGateway, *, older_than: timedelta = SWEEP_AFTER) -> int:
    """Release the holds of sales that never committed (abandoned, crashed), once they are older
    than ``older_than``. Run by the counter's background sync."""
    with db.reader() as uow:
        cutoff = uow.clock.now() - older_than
        sale_ids = set(
            uow.session.scalars(
                select(CentralHold.sale_id).where(
                    CentralHold.status.in_(("pending", "held")), CentralHold.created_at <= cutoff
                )
            )
        )
        committed = (
            set(uow.session.scalars(select(Sale.id).where(Sale.id.in_(sale_ids))))
            if sale_ids
            else set()
        )
    if committed:
        with db.uow() as uow:
            uow.session.execute(
                update(CentralHold)
                .where(CentralHold.sale_id.in_(committed), CentralHold.status == "held")
                .values(status="committed", updated_at=uow.clock.now())
            )
            uow.commit()
    total = 0
    for sale_id in sale_ids - committed:
        total += release_sale(db, gateway, sale_id)
    return total
