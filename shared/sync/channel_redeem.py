"""Redeeming a channel order at a store (SPEC §6, §8): the verifier station scans the order's
redeem code (核销码, given at delivery by ``services.channels``) and redeems it exactly once.

Called by ``sync.redeem`` when a scanned code in the coupon format is no coupon's (so the coupon
path costs nothing more): ``lookup`` says what the order is and whether it can be redeemed here,
``redeem`` redeems it in ONE central transaction, the same way a coupon is:

1. the refusals (refunded, rejected, frozen, already verified — naming the store, the verifier
   and the time, like a coupon);
2. ``UPDATE channel_order SET verify_state = 'verified' ... WHERE id = :id AND verify_state =
   'pending' AND NOT frozen AND NOT rejected AND after_sale <> 'refunded'``: the row count
   decides; a second verifier racing for the same order updates nothing and is told who won;
3. a ``verification`` row (kind ``channel``, the order number) with the caller's request id, so
   a retried request gets its answer back and the station's history and the verification
   records show it.

Answers are the JSON of ``sync.redeem`` (``{"ok": False, "reason", "message", ...}`` for a
refusal; nothing is written for one). A channel order is redeemed at the verifier station only,
never as a coupon in a sale.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from shared.db.models import ChannelOrder, ChannelShop, Product, Sku, Verification
from shared.domain.clock import Clock
from shared.domain.ids import new_id

KIND = "channel"
_o = ChannelOrder.__table__
_v = Verification.__table__


def _refusal(reason: str, message: str, **details: object) -> dict:
    return {"ok": False, "reason": reason, "message": message, **details}


def _find(session: Session, code: str):
    return session.execute(
        select(
            _o,
            ChannelShop.name.label("shop_name"),
            Product.name.label("product_name"),
            Sku.code.label("sku_code"),
        )
        .join(ChannelShop, ChannelShop.id == _o.c.shop_id)
        .outerjoin(Sku, Sku.id == _o.c.sku_id)
        .outerjoin(Product, Product.id == Sku.product_id)
        .where(_o.c.redeem_code == code)
    ).first()


def _card(order) -> dict:
    user = order.channel_user_id or ""
    return {
        "order_id": str(order.id),
        "order_no": order.order_no,
        "shop": order.shop_name,
        "product": order.product_name or order.sku_code or "",
        "quantity": int(order.quantity),
        "amount_fen": int(order.amount_fen),
        "user_id": user[:3] + "****" + user[-2:] if len(user) > 6 else user,
        "created_at": order.created_at.isoformat(),
        "delivered_at": order.delivered_at.isoformat() if order.delivered_at else None,
    }


def _who_redeemed(session: Session, code: str, tz: str) -> dict:
    from shared.sync.redeem import _fmt_time

    v = session.scalars(
        select(Verification)
        .where(Verification.kind == KIND, Verification.code == code, Verification.status == "done")
        .order_by(Verification.at.desc())
        .limit(1)
    ).first()
    if v is None:
        return _refusal("already_redeemed", "this order was already redeemed", kind=KIND)
    at = _fmt_time(v.at, tz)
    return _refusal(
        "already_redeemed",
        f"already redeemed at {v.store_code} by {v.verifier_name} at {at}",
        kind=KIND,
        store=v.store_code,
        verifier=v.verifier_name,
        at=v.at.isoformat(),
        local_time=at,
        order_no=v.order_no,
    )


def _why_not(session: Session, order, store) -> dict | None:
    if order.after_sale == "refunded":
        return _refusal(
            "order_refunded", f"order {order.order_no} was refunded", order_no=order.order_no
        )
    if order.rejected:
        return _refusal(
            "order_rejected", f"order {order.order_no} was rejected", order_no=order.order_no
        )
    if order.frozen:
        return _refusal(
            "order_frozen",
            f"order {order.order_no} is frozen by head office",
            order_no=order.order_no,
        )
    if order.verify_state == "verified":
        return _who_redeemed(session, order.redeem_code, store.timezone)
    return None


def lookup(session: Session, code: str, store) -> dict | None:
    """What the channel order with this redeem code is, or None when there is none."""
    order = _find(session, code)
    if order is None:
        return None
    why = _why_not(session, order, store)
    card = {
        "ok": True,
        "kind": KIND,
        "code": code,
        "state": order.verify_state,
        "redeemable": why is None,
        "channel": _card(order),
    }
    if why is not None:
        card["refusal"] = why
    return card


def redeem(
    session: Session,
    clock: Clock,
    request_id: str,
    code: str,
    store,
    staff,
    request: dict,
) -> dict | None:
    """Redeem the channel order with this redeem code at ``store``; None when there is none
    (the caller says the code is unknown). Commits on success."""
    from shared.sync.redeem import _answer

    order = _find(session, code)
    if order is None:
        return None
    if request.get("purpose") == "sale":
        return _refusal(
            "channel_in_sale", "a channel order is redeemed at the verifier station, not in a sale"
        )
    why = _why_not(session, order, store)
    if why is not None:
        return why
    now: datetime = clock.now()
    won = session.execute(
        update(_o)
        .where(
            _o.c.id == order.id,
            _o.c.verify_state == "pending",
            _o.c.frozen.is_(False),
            _o.c.rejected.is_(False),
            _o.c.after_sale != "refunded",
        )
        .values(
            verify_state="verified", verified_at=now, verified_store_id=store.id, updated_at=now
        )
    ).rowcount
    if won != 1:
        return _lost(session, request_id, code, store)
    row = {
        "id": str(new_id()),
        "request_id": request_id,
        "kind": KIND,
        "code": code,
        "order_no": order.order_no[:40],
        "sale_id": None,
        "instance_id": None,
        "coupon_id": None,
        "coupon_name": "",
        "coupon_type": "",
        "funded_by": "",
        "amount_fen": 0,
        "pickup_order_id": None,
        "phone": None,
        "store_id": store.id,
        "store_code": store.code,
        "store_name": store.name,
        "terminal_id": request.get("terminal_id"),
        "verifier_id": staff.id,
        "verifier_name": staff.name,
        "at": now,
        "status": "done",
        "reversed_at": None,
        "reversed_by": None,
        "reverse_reason": "",
    }
    try:
        session.execute(_v.insert(), row)
    except IntegrityError:  # the request id was used meanwhile (a retry racing its original)
        return _lost(session, request_id, code, store)
    session.commit()
    return {**_answer(row, store.timezone), "replayed": False, "channel": _card(order)}


def _lost(session: Session, request_id: str, code: str, store) -> dict:
    """Another transaction changed the order first: this request's own earlier attempt gets
    that answer, anyone else the reason (who redeemed it, or what head office did)."""
    from shared.sync.redeem import _replayed

    session.rollback()
    session.expire_all()
    replay = _replayed(session, request_id, code)
    if replay is not None:
        return replay
    order = _find(session, code)
    why = _why_not(session, order, store) if order is not None else None
    return why or _refusal("already_redeemed", "this order was already redeemed", kind=KIND)


def reverse(session: Session, code: str) -> None:
    """A manager reversed the order's verification (``sync.redeem.reverse``): it can be
    redeemed again."""
    session.execute(
        update(_o)
        .where(_o.c.redeem_code == code, _o.c.verify_state == "verified")
        .values(verify_state="pending", verified_at=None, verified_store_id=None)
    )
