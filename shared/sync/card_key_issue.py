"""Issuing card keys from the central pool exactly once (SPEC §7), run on the central database.

Every function works in the caller's transaction and answers plain JSON (``{"ok": True, ...}`` or
a refusal ``{"ok": False, "reason", "message", ...}``), so a gateway carries it as it is.

- ``allocate``: reserve keys for the units of an unpaid sale's card-key lines. One transaction:
  the available keys are picked with ``FOR UPDATE SKIP LOCKED`` on PostgreSQL (concurrent
  counters take different keys without waiting) and under SQLite's write lock; each is updated
  ``WHERE state = 'available'``; the partial unique index on (sale, line, unit) is the last word.
  A retry for the same sale returns the keys it already has.
- ``release``: an unpaid sale's keys go back (not once the sale has landed).
- ``bind_sale``: when the sale lands (``ingest``), its keys become ``sold``, bound to its lines.
- ``lease`` / ``return_lease`` / ``quarantine``: keys held by a terminal for offline selling.
- ``issue_for_order``: a channel order's keys, reserved and sold in one step, once per order.
- ``sweep``: reservations and leases that ran out go back to the pool — only once the terminal
  that holds them has pushed since (so a sale it committed in time has landed first); a
  quarantined lease never goes back by itself.

Secrets travel as base64 ciphertext: the central side never needs the encryption key to issue.
"""

from __future__ import annotations

import base64
import uuid
from datetime import datetime, timedelta

from sqlalchemy import and_, func, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from shared.db.models import CardKey, CardKeyLease, CardKeyPool, Product, Sale, Sku, Terminal
from shared.domain.ids import new_id

#: how long a terminal lease lasts unless the caller says otherwise
LEASE_DAYS = 7
MAX_UNITS = 100
#: a terminal must have pushed this long after a reservation ran out before it is given back
PUSH_MARGIN = timedelta(minutes=1)
_k = CardKey.__table__


def refused(reason: str, message: str, **details: object) -> dict:
    return {"ok": False, "reason": reason, "message": message, **details}


def _uuid(value: object) -> str | None:
    try:
        return str(uuid.UUID(str(value)))
    except (ValueError, TypeError, AttributeError):
        return None


def _key_json(row) -> dict:
    return {
        "card_key_id": str(row.id),
        "line_key": row.line_key,
        "unit_no": row.unit_no,
        "secret": base64.b64encode(bytes(row.secret)).decode(),
        "key_version": int(row.key_version),
        "hint": row.hint,
    }


def pick_available(session: Session, sku_id: str, n: int, now: datetime) -> list:
    stmt = (
        select(_k.c.id, _k.c.secret, _k.c.key_version, _k.c.hint)
        .where(
            _k.c.sku_id == sku_id,
            _k.c.state == "available",
            or_(_k.c.expires_at.is_(None), _k.c.expires_at > now),
        )
        .order_by(_k.c.id)
        .limit(n)
    )
    if session.get_bind().dialect.name == "postgresql":
        stmt = stmt.with_for_update(skip_locked=True)
    return session.execute(stmt).all()


def take_quota(session: Session, sku_id: str, n: int) -> bool:
    """Take ``n`` from the pool's stock setting (no setting: no limit)."""
    pool = CardKeyPool.__table__
    setting = session.execute(
        select(pool.c.stock_setting).where(pool.c.sku_id == sku_id)
    ).scalar_one_or_none()
    if setting is None:
        return True
    done = session.execute(
        update(pool)
        .where(pool.c.sku_id == sku_id, pool.c.stock_setting >= n)
        .values(stock_setting=pool.c.stock_setting - n)
    )
    return done.rowcount == 1


def _give_quota(session: Session, sku_id: str, n: int) -> None:
    pool = CardKeyPool.__table__
    session.execute(
        update(pool)
        .where(pool.c.sku_id == sku_id, pool.c.stock_setting.is_not(None))
        .values(stock_setting=pool.c.stock_setting + n)
    )


def sellable(session: Session, sku_ids: list[str], now: datetime) -> dict[str, dict]:
    """Per SKU: available keys, the stock setting, and what can be sold = min of the two."""
    if not sku_ids:
        return {}
    counts = dict(
        session.execute(
            select(_k.c.sku_id, func.count())
            .where(
                _k.c.sku_id.in_(sku_ids),
                _k.c.state == "available",
                or_(_k.c.expires_at.is_(None), _k.c.expires_at > now),
            )
            .group_by(_k.c.sku_id)
        ).all()
    )
    settings = dict(
        session.execute(
            select(CardKeyPool.sku_id, CardKeyPool.stock_setting).where(
                CardKeyPool.sku_id.in_(sku_ids)
            )
        ).all()
    )
    out = {}
    for sid in sku_ids:
        available = int(counts.get(sid, 0))
        setting = settings.get(sid)
        out[str(sid)] = {
            "available": available,
            "stock_setting": setting,
            "sellable": available if setting is None else min(available, int(setting)),
        }
    return out


def _existing(session: Session, sale_id: str) -> list:
    return session.execute(
        select(_k.c.id, _k.c.line_key, _k.c.unit_no, _k.c.secret, _k.c.key_version, _k.c.hint)
        .where(_k.c.sale_id == sale_id)
        .order_by(_k.c.line_key, _k.c.unit_no)
    ).all()


def check_lines(session: Session, lines: object) -> tuple[list[dict], dict | None]:
    if not isinstance(lines, list) or not lines or len(lines) > 50:
        return [], refused("bad_request", "no card-key lines to issue")
    out = []
    for ln in lines:
        if not isinstance(ln, dict):
            return [], refused("bad_request", "a line is not an object")
        sku_id, qty, key = _uuid(ln.get("sku_id")), ln.get("quantity"), ln.get("line_key")
        if sku_id is None or not isinstance(key, str) or not key or len(key) > 64:
            return [], refused("bad_request", "a line has no SKU or line key")
        if not isinstance(qty, int) or isinstance(qty, bool) or not 1 <= qty <= MAX_UNITS:
            return [], refused(
                "bad_quantity", f"card keys are issued 1 to {MAX_UNITS} per line", value=qty
            )
        kind = session.execute(
            select(Product.kind, Product.name)
            .join(Sku, Sku.product_id == Product.id)
            .where(Sku.id == sku_id)
        ).first()
        if kind is None:
            return [], refused("unknown_sku", "no such SKU", sku_id=sku_id)
        if kind[0] != "card_key":
            return [], refused(
                "not_card_key", f"{kind[1]} is not a card-key product", sku_id=sku_id
            )
        out.append({"sku_id": sku_id, "quantity": qty, "line_key": key, "name": kind[1]})
    return out, None


def allocate(session: Session, now: datetime, request: dict) -> dict:
    """Reserve one key per unit of ``request["lines"]`` for ``request["sale_id"]``.

    ``{"ok": True, "keys": [...], "reserved_until", "now"}`` or ``sold_out`` (nothing reserved).
    """
    sale_id = _uuid(request.get("sale_id")) if isinstance(request, dict) else None
    if sale_id is None:
        return refused("bad_request", "a card-key allocation needs the sale's id")
    lines, refusal = check_lines(session, request.get("lines"))
    if refusal:
        return refusal
    store_id, terminal_id = _uuid(request.get("store_id")), _uuid(request.get("terminal_id"))
    existing = _existing(session, sale_id)
    have = {(r.line_key, r.unit_no) for r in existing}
    wanted = {(ln["line_key"], u) for ln in lines for u in range(ln["quantity"])}
    if existing and wanted <= have:  # a retry: the same keys again
        until = session.scalar(select(func.max(_k.c.reserved_until)).where(_k.c.sale_id == sale_id))
        return {
            "ok": True,
            "keys": [_key_json(r) for r in existing if (r.line_key, r.unit_no) in wanted],
            "reserved_until": until.isoformat() if until else None,
            "now": now.isoformat(),
            "retry": True,
        }
    pool_minutes = session.scalar(
        select(func.min(CardKeyPool.reserve_minutes)).where(
            CardKeyPool.sku_id.in_([ln["sku_id"] for ln in lines])
        )
    )
    until = now + timedelta(minutes=int(pool_minutes or 30))
    for ln in lines:
        units = [u for u in range(ln["quantity"]) if (ln["line_key"], u) not in have]
        if not units:
            continue
        if not take_quota(session, ln["sku_id"], len(units)):
            session.rollback()
            return sold_out(session, ln, now)
        rows = pick_available(session, ln["sku_id"], len(units), now)
        if len(rows) < len(units):
            session.rollback()
            return sold_out(session, ln, now)
        for row, unit in zip(rows, units, strict=True):
            done = session.execute(
                update(_k)
                .where(_k.c.id == row.id, _k.c.state == "available")
                .values(
                    state="reserved",
                    sale_id=sale_id,
                    line_key=ln["line_key"],
                    unit_no=unit,
                    store_id=store_id,
                    terminal_id=terminal_id,
                    reserved_until=until,
                    updated_at=now,
                )
            )
            if done.rowcount != 1:  # taken between the pick and the update (SQLite cannot)
                session.rollback()
                return refused("busy", "the pool is busy: try again")
    return {
        "ok": True,
        "keys": [
            _key_json(r) for r in _existing(session, sale_id) if (r.line_key, r.unit_no) in wanted
        ],
        "reserved_until": until.isoformat(),
        "now": now.isoformat(),
    }


def sold_out(session: Session, ln: dict, now: datetime) -> dict:
    left = sellable(session, [ln["sku_id"]], now)[ln["sku_id"]]["sellable"]
    return refused(
        "sold_out",
        f"{ln['name']}: sold out ({left} card keys left, {ln['quantity']} wanted)",
        sku_id=ln["sku_id"],
        name=ln["name"],
        available=left,
        wanted=ln["quantity"],
    )


def release(session: Session, now: datetime, sale_id: str) -> dict:
    """Give back the keys reserved for an unpaid sale; refused once the sale has landed."""
    sale_id = _uuid(sale_id)
    if sale_id is None:
        return refused("bad_request", "no such sale")
    rows = session.execute(
        select(_k.c.id, _k.c.sku_id, _k.c.state).where(_k.c.sale_id == sale_id)
    ).all()
    if any(r.state == "sold" for r in rows) or session.scalar(
        select(Sale.id).where(Sale.id == sale_id)
    ):
        return refused("sale_committed", "the sale is complete: its keys are sold")
    return {"ok": True, "released": _release_rows(session, now, [r for r in rows])}


def _release_rows(session: Session, now: datetime, rows: list) -> int:
    by_sku: dict[str, int] = {}
    released = 0
    for r in rows:
        if r.state != "reserved":
            continue
        done = session.execute(
            update(_k)
            .where(_k.c.id == r.id, _k.c.state == "reserved")
            .values(
                state="available",
                sale_id=None,
                line_key=None,
                unit_no=None,
                store_id=None,
                terminal_id=None,
                reserved_until=None,
                lease_id=None,
                updated_at=now,
            )
        )
        if done.rowcount:
            released += 1
            by_sku[str(r.sku_id)] = by_sku.get(str(r.sku_id), 0) + 1
    for sku_id, n in by_sku.items():
        _give_quota(session, sku_id, n)
    return released


def bind_sale(session: Session, now: datetime, sale: dict, rows: list[dict]) -> list[dict]:
    """The sale has landed: each of its keys becomes ``sold``, bound to its line and unit.

    Returns the rows that could not be bound (the key is bound to another sale, or the lease
    it came from does not hold it): the sale stands and the caller flags them.
    """
    problems = []
    for r in rows:
        key_id, sale_id = str(r["card_key_id"]), str(sale["id"])
        lease_id = r.get("lease_id")
        mine = _k.c.sale_id == sale_id
        if lease_id:
            mine = or_(mine, and_(_k.c.sale_id.is_(None), _k.c.lease_id == str(lease_id)))
        done = session.execute(
            update(_k)
            .where(_k.c.id == key_id, _k.c.state == "reserved", mine)
            .values(
                state="sold",
                sale_id=sale_id,
                line_key=str(r["sale_line_id"]),
                unit_no=int(r["unit_no"]),
                store_id=str(sale["store_id"]),
                terminal_id=sale.get("terminal_id"),
                reserved_until=None,
                sold_at=sale.get("completed_at") or now,
                updated_at=now,
            )
        )
        if done.rowcount == 1:
            continue
        cur = session.execute(
            select(_k.c.state, _k.c.sale_id, _k.c.line_key, _k.c.unit_no).where(_k.c.id == key_id)
        ).first()
        if (
            cur is not None
            and cur.state == "sold"
            and cur.sale_id == sale_id
            and cur.line_key == str(r["sale_line_id"])
        ):
            continue  # already bound (a replay)
        problems.append(
            {
                "card_key_id": key_id,
                "state": cur.state if cur else "unknown",
                "bound_to": cur.sale_id if cur else None,
            }
        )
    return problems


# ---- leases ----------------------------------------------------------------------------------


def lease(
    session: Session,
    now: datetime,
    terminal_id: str,
    sku_id: str,
    count: int,
    days: int = LEASE_DAYS,
) -> dict:
    """Allocate (or top up) a terminal's lease of ``count`` keys of a product."""
    terminal_id, sku_id = _uuid(terminal_id), _uuid(sku_id)
    if terminal_id is None or session.get(Terminal, terminal_id) is None:
        return refused("unknown_terminal", "no such terminal")
    if not isinstance(count, int) or not 1 <= count <= 1000:
        return refused("bad_quantity", "a lease holds 1 to 1000 keys", value=count)
    lines, refusal = check_lines(session, [{"sku_id": sku_id, "quantity": 1, "line_key": "lease"}])
    if refusal:
        return refusal
    terminal = session.get(Terminal, terminal_id)
    if terminal.status != "active":
        return refused("terminal_retired", "the terminal is not active")
    held = session.scalars(
        select(CardKeyLease).where(
            CardKeyLease.terminal_id == terminal_id,
            CardKeyLease.sku_id == sku_id,
            CardKeyLease.state == "active",
        )
    ).first()
    if held is None:
        held = CardKeyLease(
            id=str(new_id()),
            terminal_id=terminal_id,
            sku_id=sku_id,
            state="active",
            created_at=now,
            expires_at=now + timedelta(days=days),
        )
        session.add(held)
        session.flush()
    if not take_quota(session, sku_id, count):
        session.rollback()
        return sold_out(session, {**lines[0], "quantity": count}, now)
    rows = pick_available(session, sku_id, count, now)
    if len(rows) < count:
        session.rollback()
        return sold_out(session, {**lines[0], "quantity": count}, now)
    ids = [r.id for r in rows]
    session.execute(
        update(_k)
        .where(_k.c.id.in_(ids), _k.c.state == "available")
        .values(
            state="reserved",
            lease_id=held.id,
            terminal_id=terminal_id,
            store_id=terminal.store_id,
            updated_at=now,
        )
    )
    return {
        "ok": True,
        "lease_id": held.id,
        "sku_id": sku_id,
        "expires_at": held.expires_at.isoformat(),
        "keys": [
            {
                "card_key_id": str(r.id),
                "secret": base64.b64encode(bytes(r.secret)).decode(),
                "key_version": int(r.key_version),
                "hint": r.hint,
            }
            for r in rows
        ],
    }


def return_lease(session: Session, now: datetime, lease_id: str, key_ids: list[str]) -> dict:
    """The terminal gives back unsold keys of its lease (退库); sold ones stay sold."""
    lease_id = _uuid(lease_id)
    held = session.get(CardKeyLease, lease_id) if lease_id else None
    if held is None:
        return refused("unknown_lease", "no such lease")
    if held.state == "quarantined":
        return refused("lease_quarantined", "the lease is quarantined: head office decides")
    ids = [k for k in (_uuid(x) for x in key_ids or []) if k]
    rows = session.execute(
        select(_k.c.id, _k.c.sku_id, _k.c.state).where(
            _k.c.id.in_(ids), _k.c.lease_id == lease_id, _k.c.sale_id.is_(None)
        )
    ).all()
    released = _release_rows(session, now, rows)
    left = session.scalar(
        select(func.count()).where(
            _k.c.lease_id == lease_id, _k.c.state == "reserved", _k.c.sale_id.is_(None)
        )
    )
    if not left and held.state == "active":
        held.state, held.closed_at = "returned", now
    return {"ok": True, "returned": released, "left": int(left or 0)}


def quarantine(session: Session, now: datetime, terminal_id: str, by: str | None, note: str) -> int:
    """A lost or retired terminal: its active leases are quarantined; their unsold keys stay
    reserved and are never given back automatically."""
    leases = session.scalars(
        select(CardKeyLease).where(
            CardKeyLease.terminal_id == terminal_id, CardKeyLease.state == "active"
        )
    ).all()
    for held in leases:
        held.state, held.closed_at, held.closed_by, held.note = "quarantined", now, by, note[:200]
    return len(leases)


# ---- channel orders --------------------------------------------------------------------------


def order_sale_id(order_id: str) -> str:
    return f"order:{order_id}"


def issue_for_order(
    session: Session, now: datetime, order_id: str, sku_id: str, quantity: int
) -> dict:
    """Issue (reserve and sell in one step) a channel order's keys, once per order: a second
    call returns the keys it already got. Concurrent deliveries of one order meet at the unique
    index; the loser's transaction fails and its caller reads the winner's keys."""
    sale_id = order_sale_id(order_id)
    existing = _existing(session, sale_id)
    if existing:
        return {"ok": True, "keys": [_key_json(r) for r in existing], "again": True}
    lines, refusal = check_lines(
        session, [{"sku_id": sku_id, "quantity": quantity, "line_key": "order"}]
    )
    if refusal:
        return refusal
    if not take_quota(session, sku_id, quantity):
        return sold_out(session, lines[0], now)
    rows = pick_available(session, sku_id, quantity, now)
    if len(rows) < quantity:
        return sold_out(session, lines[0], now)
    for unit, row in enumerate(rows):
        session.execute(
            update(_k)
            .where(_k.c.id == row.id, _k.c.state == "available")
            .values(
                state="sold",
                sale_id=sale_id,
                line_key="order",
                unit_no=unit,
                channel_order_id=order_id,
                sold_at=now,
                updated_at=now,
            )
        )
    session.flush()
    return {"ok": True, "keys": [_key_json(r) for r in _existing(session, sale_id)]}


#: how each database names a violation of the one-key-per-unit index
_UNIT_INDEX = ("uq_card_key_sale_unit", "card_key.sale_id, card_key.line_key, card_key.unit_no")


def is_duplicate_issue(exc: IntegrityError) -> bool:
    """Whether ``exc`` is the (sale, line, unit) index refusing a second key for one unit —
    PostgreSQL names the index, SQLite its columns — and not some other unique key."""
    text = str(exc.orig)
    return any(name in text for name in _UNIT_INDEX)


# ---- sweeping ----------------------------------------------------------------------------------


def sweep(session: Session, now: datetime) -> dict:
    """Reservations and leases that ran out, given back where it is safe (see the module)."""
    t = Terminal.__table__
    stale = session.execute(
        select(
            _k.c.id, _k.c.sku_id, _k.c.state, _k.c.sale_id, _k.c.reserved_until, t.c.last_push_at
        )
        .select_from(_k.outerjoin(t, t.c.id == _k.c.terminal_id))
        .where(
            _k.c.state == "reserved",
            _k.c.lease_id.is_(None),
            _k.c.reserved_until.is_not(None),
            _k.c.reserved_until < now,
        )
    ).all()
    safe = []
    for r in stale:
        if r.last_push_at is None or r.last_push_at <= r.reserved_until + PUSH_MARGIN:
            continue  # the terminal may hold a committed sale that has not landed yet
        if _uuid(r.sale_id) and session.scalar(select(Sale.id).where(Sale.id == r.sale_id)):
            continue
        safe.append(r)
    released = _release_rows(session, now, safe)
    expired = 0
    for held in session.scalars(
        select(CardKeyLease).where(CardKeyLease.state == "active", CardKeyLease.expires_at < now)
    ).all():
        pushed = session.scalar(select(t.c.last_push_at).where(t.c.id == held.terminal_id))
        if pushed is None or pushed <= held.expires_at + PUSH_MARGIN:
            continue
        rows = session.execute(
            select(_k.c.id, _k.c.sku_id, _k.c.state).where(
                _k.c.lease_id == held.id, _k.c.state == "reserved", _k.c.sale_id.is_(None)
            )
        ).all()
        released += _release_rows(session, now, rows)
        held.state, held.closed_at = "expired", now
        expired += 1
    return {"released": released, "leases_expired": expired}


def replace(session: Session, now: datetime, key_id: str, reason: str) -> dict:
    """A sold key that does not work: voided with the reason, and a new key of the same product
    sold in its place, bound to the same sale line and unit, in one transaction."""
    key_id = _uuid(key_id)
    old = session.get(CardKey, key_id) if key_id else None
    if old is None:
        return refused("unknown_card_key", "no such card key")
    if old.state != "sold":
        return refused(
            "card_key_not_sold", f"only a sold key can be replaced (this one is {old.state})"
        )
    rows = pick_available(session, old.sku_id, 1, now)
    if not rows:
        name = session.scalar(
            select(Product.name).join(Sku, Sku.product_id == Product.id).where(Sku.id == old.sku_id)
        )
        return refused("sold_out", f"{name}: sold out, no key to replace it with", available=0)
    sale_id, line_key, unit_no = old.sale_id, old.line_key, old.unit_no
    old.state, old.void_reason, old.updated_at = "void", reason[:200], now
    old.line_key, old.unit_no, old.replaced_by = None, None, str(rows[0].id)
    session.flush()
    done = session.execute(
        update(_k)
        .where(_k.c.id == rows[0].id, _k.c.state == "available")
        .values(
            state="sold",
            sale_id=sale_id,
            line_key=line_key,
            unit_no=unit_no,
            store_id=old.store_id,
            terminal_id=old.terminal_id,
            channel_order_id=old.channel_order_id,
            sold_at=now,
            updated_at=now,
        )
    )
    if done.rowcount != 1:
        session.rollback()
        return refused("busy", "the pool is busy: try again")
    new = session.execute(
        select(
            _k.c.id, _k.c.line_key, _k.c.unit_no, _k.c.secret, _k.c.key_version, _k.c.hint
        ).where(_k.c.id == rows[0].id)
    ).one()
    return {"ok": True, "old": str(old.id), "new": _key_json(new)}
