"""Card keys of channel orders after the sale (SPEC §7, §8), run on the central database.

``card_key_issue.issue_for_order`` gives an order its keys once. What happens later is here:

- ``live_keys``: the keys an order holds now (sold to it, not voided);
- ``void_order_keys``: an order's live keys are voided with a reason (a refund, a deleted test
  order). Each key is updated ``WHERE state = 'sold'``: the caller compares the count with what
  it read, so two managers acting on one order at once cannot both void the same key;
- ``reissue_for_order``: the live keys are voided with a reason and the same number of fresh
  keys issued to the order in one step, each old key naming the key that replaced it
  (``replaced_by``). The new keys are bound to the order's sale slot with the line key
  ``reissue:<round>``: the unique index on (sale, line, unit) is the last word against two
  concurrent reissues of one round both issuing.

Every function works in the caller's transaction and never commits; a refusal is a plain JSON
answer (``{"ok": False, "reason", "message", ...}``) after which the caller rolls back.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from shared.db.models import CardKey
from shared.sync import card_key_issue
from shared.sync.card_key_issue import order_sale_id

_k = CardKey.__table__
REISSUE_PREFIX = "reissue:"
MAX_REASON = 200


def live_keys(session: Session, order_id: str) -> list:
    """The order's sold keys (id, line key, unit, ciphertext, key version, hint), in issue
    order."""
    return session.execute(
        select(_k.c.id, _k.c.line_key, _k.c.unit_no, _k.c.secret, _k.c.key_version, _k.c.hint)
        .where(_k.c.channel_order_id == order_id, _k.c.state == "sold")
        .order_by(_k.c.sold_at, _k.c.line_key, _k.c.unit_no)
    ).all()


def void_order_keys(
    session: Session, now: datetime, order_id: str, reason: str, ids: list[str] | None = None
) -> list[str]:
    """Void the order's live keys (or those of ``ids`` among them) with ``reason``; returns the
    ids voided, in issue order. A key changed meanwhile by another transaction is not voided
    twice: the caller checks that the ids returned are those it read."""
    voided = []
    for row in live_keys(session, order_id):
        if ids is not None and str(row.id) not in ids:
            continue
        done = session.execute(
            update(_k)
            .where(_k.c.id == row.id, _k.c.state == "sold", _k.c.channel_order_id == order_id)
            .values(state="void", void_reason=reason[:MAX_REASON], updated_at=now)
        )
        if done.rowcount == 1:
            voided.append(str(row.id))
    return voided


def _next_round(session: Session, order_id: str) -> int:
    keys = session.scalars(
        select(_k.c.line_key).where(
            _k.c.sale_id == order_sale_id(order_id), _k.c.line_key.like(REISSUE_PREFIX + "%")
        )
    ).all()
    rounds = [int(k[len(REISSUE_PREFIX) :]) for k in keys if k[len(REISSUE_PREFIX) :].isdigit()]
    return max(rounds, default=0) + 1


def reissue_for_order(
    session: Session, now: datetime, order_id: str, sku_id: str, quantity: int, reason: str
) -> dict:
    """Replace the order's live keys (or, when it has none left, give it ``quantity``): the old
    ones are voided with ``reason`` and name their replacement. ``{"ok": True, "voided": [...],
    "keys": [...]}`` or a refusal (``sold_out``, ``bad_quantity``, ``not_card_key``, ``busy``,
    ``changed``)."""
    old = [str(r.id) for r in live_keys(session, order_id)]
    wanted = len(old) or quantity
    lines, refusal = card_key_issue.check_lines(
        session, [{"sku_id": sku_id, "quantity": wanted, "line_key": "order"}]
    )
    if refusal:
        return refusal
    voided = void_order_keys(session, now, order_id, reason, old)
    if voided != old:
        return card_key_issue.refused(
            "changed", "the order's keys were changed meanwhile: look again"
        )
    if not card_key_issue.take_quota(session, sku_id, wanted):
        return card_key_issue.sold_out(session, lines[0], now)
    rows = card_key_issue.pick_available(session, sku_id, wanted, now)
    if len(rows) < wanted:
        return card_key_issue.sold_out(session, lines[0], now)
    line_key = f"{REISSUE_PREFIX}{_next_round(session, order_id)}"
    new = []
    for unit, row in enumerate(rows):
        done = session.execute(
            update(_k)
            .where(_k.c.id == row.id, _k.c.state == "available")
            .values(
                state="sold",
                sale_id=order_sale_id(order_id),
                line_key=line_key,
                unit_no=unit,
                channel_order_id=order_id,
                sold_at=now,
                updated_at=now,
            )
        )
        if done.rowcount != 1:  # taken between the pick and the update (SQLite cannot)
            return card_key_issue.refused("busy", "the pool is busy: try again")
        new.append({"card_key_id": str(row.id), "hint": row.hint})
    for old_id, key in zip(old, new, strict=False):
        session.execute(update(_k).where(_k.c.id == old_id).values(replaced_by=key["card_key_id"]))
    session.flush()  # the unique index on (sale, line, unit) speaks here
    return {"ok": True, "voided": voided, "keys": new}
