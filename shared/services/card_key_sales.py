"""Card keys sold at the counter (SPEC §7): online from the central pool, offline from a lease.

Online, before the money is taken, ``hold_card_keys`` reserves one key per unit of the sale's
card-key lines centrally (``sync.card_key_issue.allocate``) and notes the hold locally
(``CentralHold`` kind ``card_key``) — a retry returns the same keys, an abandoned sale gives
them back (``central_holds.release_sale``), a crashed counter's hold is swept. ``issue`` then
runs INSIDE the sale's transaction: it takes the held keys, or — when head office could not be
reached or the pool is sold out — keys from this terminal's lease, marked sold in the same
local transaction. Either way the sale carries ``sale_card_key`` rows that bind the keys to its
lines centrally when it lands; if neither can serve, the sale is refused before it commits.

Leases (``lease_keys``, ``return_lease``) are asked for by a manager at the counter or with
``storedesk cardkeys lease``: the keys arrive sealed, as in the pool, and are opened only to
print the buyer's receipt.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select, update

from shared.db.models import CentralHold, LeasedCardKey, Sku
from shared.db.uow import Database, UnitOfWork
from shared.domain.card_key_crypto import Keyring
from shared.domain.cart import Cart
from shared.domain.errors import Conflict, DomainError, ValidationError
from shared.domain.ids import new_id
from shared.domain.permissions import Perm
from shared.services import central_holds
from shared.services.auth import Actor, require
from shared.services.context import TerminalContext
from shared.sync.errors import CentralUnreachable
from shared.sync.gateway import CentralGateway

#: a held reservation is not used for a sale this close to running out (the central sweeper
#: gives a reservation back only after the terminal pushed past its end)
SAFETY = timedelta(minutes=5)


@dataclass(frozen=True)
class IssuedKey:
    sale_line_id: str
    unit_no: int
    card_key_id: str
    text: str
    hint: str


def card_key_lines(cart: Cart) -> list:
    return [ln for ln in cart.lines if ln.kind == "card_key"]


def _units(ln) -> int:
    return ln.quantity_milli // 1000


def hold_card_keys(
    db: Database,
    gateway: CentralGateway | None,
    ctx: TerminalContext,
    actor: Actor,
    *,
    sale_id: str,
    cart: Cart,
) -> bool:
    """Reserve the sale's keys centrally before payment. True: held; False: not held because
    head office is unreachable or its pool is sold out while this terminal's lease can serve
    (the sale then issues from the lease). Refused (``card_key_sold_out``) when neither can."""
    require(actor, Perm.SELL, ctx.store_id)
    lines = card_key_lines(cart)
    if not lines:
        return False
    for ln in lines:
        if ln.quantity_milli % 1000:
            raise ValidationError("card keys are sold in whole units", code="quantity_fractional")
    with db.reader() as uow:
        live = uow.session.scalars(
            select(CentralHold.request_id).where(
                CentralHold.sale_id == sale_id,
                CentralHold.kind == "card_key",
                CentralHold.status.in_(("pending", "held")),
            )
        ).first()
    request_id = live or central_holds.begin_hold(
        db, sale_id=sale_id, kind="card_key", ref="pool", amount_fen=0
    )
    request = {
        "request_id": request_id,
        "sale_id": sale_id,
        "store_id": ctx.store_id,
        "terminal_id": ctx.terminal_id,
        "lines": [
            {"line_key": ln.line_id, "sku_id": ln.sku_id, "quantity": _units(ln)} for ln in lines
        ],
    }
    if gateway is None:
        central_holds.settle_hold(db, request_id, "released", {"offline": True})
        _lease_can_serve(db, lines, offline=True)
        return False
    try:
        answer = gateway.card_key_allocate(request)
    except CentralUnreachable:
        central_holds.settle_hold(db, request_id, "released", {"offline": True})
        _lease_can_serve(db, lines, offline=True)
        return False
    if not answer.get("ok"):
        central_holds.settle_hold(db, request_id, "released", answer)
        if answer.get("reason") == "sold_out":
            try:
                _lease_can_serve(db, lines, offline=False)
            except ValidationError:
                raise ValidationError(
                    answer.get("message") or "sold out",
                    code="card_key_sold_out",
                    name=answer.get("name", ""),
                    available=answer.get("available", 0),
                ) from None
            return False
        raise ValidationError(
            answer.get("message") or "card keys could not be reserved",
            code=answer.get("reason") or "card_key_refused",
        )
    with db.reader() as uow:
        local_now = uow.clock.now()
    central_now = datetime.fromisoformat(answer["now"])
    until = datetime.fromisoformat(answer["reserved_until"])
    deadline = local_now + (until - central_now) - SAFETY
    central_holds.settle_hold(
        db, request_id, "held", {"keys": answer["keys"], "use_before": deadline.isoformat()}
    )
    return True


def _lease_left(uow: UnitOfWork, sku_id: str, now: datetime) -> int:
    return int(
        uow.session.scalar(
            select(func.count()).where(
                LeasedCardKey.sku_id == sku_id,
                LeasedCardKey.state == "available",
                LeasedCardKey.expires_at > now,
            )
        )
        or 0
    )


def _lease_can_serve(db: Database, lines: list, *, offline: bool) -> None:
    with db.reader() as uow:
        now = uow.clock.now()
        for ln in lines:
            left = _lease_left(uow, ln.sku_id, now)
            if left < _units(ln):
                if offline:
                    raise ValidationError(
                        f"{ln.name}: no connection to head office and this counter's card-key "
                        f"lease has {left} left ({_units(ln)} wanted)",
                        code="card_key_unavailable",
                        name=ln.name,
                        available=left,
                    )
                raise ValidationError(
                    f"{ln.name}: sold out", code="card_key_sold_out", name=ln.name
                )


def issue(
    uow: UnitOfWork,
    ctx: TerminalContext,
    keyring: Keyring | None,
    *,
    sale_id: str,
    lines: list,
    line_ids: dict[str, str],
) -> tuple[list[dict], list[IssuedKey]]:
    """Inside the sale's transaction: the keys of its card-key ``lines`` (cart lines;
    ``line_ids`` maps a cart line to its sale line), from the central hold or the lease.

    Returns the ``sale_card_key`` rows to write and the keys in clear for the receipt."""
    if not lines:
        return [], []
    if keyring is None:
        raise ValidationError(
            "card keys cannot be printed: this counter has no card-key encryption key "
            "configured (STOREDESK_CARD_KEYS)",
            code="card_key_no_key",
        )
    s = uow.session
    now = uow.clock.now()
    hold = s.scalars(
        select(CentralHold).where(
            CentralHold.sale_id == sale_id,
            CentralHold.kind == "card_key",
            CentralHold.status == "held",
        )
    ).first()
    held: dict[tuple[str, int], dict] = {}
    if hold is not None:
        if datetime.fromisoformat(hold.detail["use_before"]) < now:
            raise Conflict(
                "the card keys reserved for this sale ran out: take the payment again",
                code="card_key_hold_expired",
            )
        held = {(k["line_key"], int(k["unit_no"])): k for k in hold.detail["keys"]}
    rows: list[dict] = []
    issued: list[IssuedKey] = []
    for ln in lines:
        sale_line_id = line_ids[ln.line_id]
        units = _units(ln)
        from_hold = [held.get((ln.line_id, u)) for u in range(units)]
        if all(from_hold):
            picks = [
                (k["card_key_id"], base64.b64decode(k["secret"]), k["key_version"], k["hint"], None)
                for k in from_hold
            ]
            source = "pool"
        else:
            leased = s.execute(
                select(
                    LeasedCardKey.id,
                    LeasedCardKey.secret,
                    LeasedCardKey.key_version,
                    LeasedCardKey.hint,
                    LeasedCardKey.lease_id,
                )
                .where(
                    LeasedCardKey.sku_id == ln.sku_id,
                    LeasedCardKey.state == "available",
                    LeasedCardKey.expires_at > now,
                )
                .order_by(LeasedCardKey.id)
                .limit(units)
            ).all()
            if len(leased) < units:
                raise ValidationError(
                    f"{ln.name}: no card key can be issued (head office did not reserve one "
                    f"and this counter's lease has {len(leased)} left)",
                    code="card_key_unavailable",
                    name=ln.name,
                    available=len(leased),
                )
            for row in leased:
                done = s.execute(
                    update(LeasedCardKey)
                    .where(LeasedCardKey.id == row.id, LeasedCardKey.state == "available")
                    .values(state="sold", sale_id=sale_id)
                )
                if done.rowcount != 1:
                    raise Conflict("the lease changed: try again", code="card_key_busy")
            picks = [(r.id, bytes(r.secret), r.key_version, r.hint, r.lease_id) for r in leased]
            source = "lease"
        for unit, (key_id, secret, version, hint, lease_id) in enumerate(picks):
            text = keyring.open(secret, str(key_id), int(version))
            rows.append(
                {
                    "store_id": ctx.store_id,
                    "id": str(new_id()),
                    "sale_id": sale_id,
                    "sale_line_id": sale_line_id,
                    "unit_no": unit,
                    "card_key_id": str(key_id),
                    "source": source,
                    "lease_id": lease_id,
                    "secret": secret,
                    "key_version": int(version),
                    "hint": hint,
                }
            )
            issued.append(IssuedKey(sale_line_id, unit, str(key_id), text, hint))
    return rows, issued


# ---- leases ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LeaseResult:
    lease_id: str
    sku_code: str
    received: int
    available: int
    expires_at: datetime


@dataclass(frozen=True)
class _SkuRef:
    id: str
    code: str


def _sku(db: Database, code: str) -> _SkuRef:
    code = (code or "").strip()
    with db.reader() as uow:
        row = uow.session.execute(select(Sku.id, Sku.code).where(Sku.code == code)).first()
    if row is None:
        raise ValidationError(f"no SKU {code[:40]}", code="unknown_sku", value=code[:40])
    return _SkuRef(str(row[0]), row[1])


def lease_keys(
    db: Database,
    gateway: CentralGateway,
    ctx: TerminalContext,
    actor: Actor,
    sku_code: str,
    count: int,
) -> LeaseResult:
    """Ask head office for ``count`` more keys of a product for offline selling (补货)."""
    require(actor, Perm.APPROVE, ctx.store_id)
    sku = _sku(db, sku_code)
    try:
        answer = gateway.card_key_lease(ctx.terminal_id, sku.id, count)
    except CentralUnreachable as exc:
        raise CentralUnreachable(
            "a card-key lease needs a connection to head office", code="lease_offline"
        ) from exc
    if not answer.get("ok"):
        raise ValidationError(
            answer.get("message") or "refused", code=answer.get("reason") or "lease_refused"
        )
    expires = datetime.fromisoformat(answer["expires_at"])
    with db.uow() as uow:
        now = uow.clock.now()
        for k in answer["keys"]:
            uow.session.merge(
                LeasedCardKey(
                    id=k["card_key_id"],
                    lease_id=answer["lease_id"],
                    sku_id=sku.id,
                    secret=base64.b64decode(k["secret"]),
                    key_version=int(k["key_version"]),
                    hint=k["hint"],
                    state="available",
                    expires_at=expires,
                    received_at=now,
                )
            )
        uow.session.flush()
        left = _lease_left(uow, sku.id, now)
        uow.commit()
    return LeaseResult(answer["lease_id"], sku.code, len(answer["keys"]), left, expires)


def return_lease(
    db: Database, gateway: CentralGateway, ctx: TerminalContext, actor: Actor, sku_code: str
) -> int:
    """Give this terminal's unsold leased keys of a product back to the pool (退库). They are
    marked ``returning`` locally first (never sold again here), then given back centrally."""
    require(actor, Perm.APPROVE, ctx.store_id)
    sku = _sku(db, sku_code)
    with db.uow() as uow:
        uow.session.execute(
            update(LeasedCardKey)
            .where(LeasedCardKey.sku_id == sku.id, LeasedCardKey.state == "available")
            .values(state="returning")
        )
        uow.commit()
    with db.reader() as uow:
        by_lease: dict[str, list[str]] = {}
        for key_id, lease_id in uow.session.execute(
            select(LeasedCardKey.id, LeasedCardKey.lease_id).where(
                LeasedCardKey.sku_id == sku.id, LeasedCardKey.state == "returning"
            )
        ):
            by_lease.setdefault(str(lease_id), []).append(str(key_id))
    returned = 0
    for lease_id, ids in by_lease.items():
        try:
            answer = gateway.card_key_return(lease_id, ids)
        except CentralUnreachable as exc:
            raise CentralUnreachable(
                "giving keys back needs head office: they stay set aside and are given back "
                "next time",
                code="lease_offline",
            ) from exc
        if not answer.get("ok"):
            raise DomainError(answer.get("message") or "refused", code=answer.get("reason"))
        with db.uow() as uow:
            uow.session.execute(
                update(LeasedCardKey)
                .where(LeasedCardKey.id.in_(ids), LeasedCardKey.state == "returning")
                .values(state="returned")
            )
            uow.commit()
        returned += int(answer.get("returned", 0))
    return returned
