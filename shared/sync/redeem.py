"""Central side of verification (SPEC §6): what a code is, and redeeming it exactly once.

Online only (ARCHITECTURE.md): a terminal calls these through the gateway; while the central
database is unreachable nothing is redeemed. Each redemption is ONE central transaction:

1. a verification with the request's ``request_id`` already exists → that answer again (a reply
   lost on the way back is retried with the same id and never redeems twice);
2. the code is resolved: a signed dynamic QR (HMAC checked with the central key and the central
   clock), a static coupon code, or a store's 6-digit pickup code; a code in the coupon format
   that no coupon has may be a channel order's redeem code (``sync.channel_redeem``: the same
   steps, over ``channel_order``);
3. the checks that refuse with a reason (enterprise, state, validity, store scope, limits, role);
4. ``UPDATE coupon_instance SET state='used' ... WHERE id = :id AND state = 'unused'``: the row
   count decides; a second verifier racing for the same code updates nothing and is told who
   redeemed it;
5. the verification row, whose partial unique index (one live redemption per instance) is the
   last word if anything above were ever wrong.

Refusals are answers, not exceptions: ``{"ok": False, "reason": code, "message": text, ...}``
(JSON, the same over any transport). Nothing is written for a refusal.
"""

from __future__ import annotations

import secrets
import uuid
from datetime import datetime, timedelta
from types import SimpleNamespace

from sqlalchemy import bindparam, func, literal_column, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from shared.db.models import (
    AuditEntry,
    Coupon,
    CouponInstance,
    CouponStore,
    Enterprise,
    PickupOrder,
    Sale,
    SigningKey,
    Sku,
    Staff,
    StaffStore,
    Store,
    Verification,
)
from shared.domain import coupons as rules
from shared.domain.clock import Clock, local_time
from shared.domain.errors import ValidationError
from shared.domain.ids import new_id
from shared.domain.permissions import Perm, Role, parse_roles, permissions_of
from shared.sync import channel_redeem

QR_KEY = "coupon_qr"
#: how long after a redemption a manager may reverse it (enterprise setting
#: ``verification_reverse_minutes``)
REVERSE_WINDOW_MIN = 30
PICKUP_DIGITS = 6
MAX_REQUEST_ID = 64
MAX_REASON = 200

_ci = CouponInstance.__table__
_v = Verification.__table__
_po = PickupOrder.__table__


# -- the signing key -----------------------------------------------------------------------------


def signing_secret(session: Session, clock: Clock) -> bytes:
    """The central HMAC key for coupon QR codes, created on first use (never leaves the central
    database; rotate by deleting the row: codes signed before stop verifying within 60 s)."""
    row = session.get(SigningKey, QR_KEY)
    if row is None:
        row = SigningKey(purpose=QR_KEY, secret=secrets.token_bytes(32), created_at=clock.now())
        session.add(row)
        try:
            session.flush()
        except IntegrityError:  # created meanwhile by another session
            session.rollback()
            row = session.get(SigningKey, QR_KEY)
    return bytes(row.secret)


def dynamic_qr(session: Session, clock: Clock, code: str) -> dict:
    """The payload a customer's phone shows for an unused coupon code (valid 60 s)."""
    code = rules.normalise_code(code)
    inst = session.scalars(select(CouponInstance).where(CouponInstance.code == code)).first()
    if inst is None:
        raise ValidationError(f"no coupon with code {code}", code="unknown_code")
    secret = signing_secret(session, clock)
    now = clock.now()
    payload = rules.sign_qr(secret, code, int(now.timestamp()))
    session.commit()
    expires = int(payload.split(".")[2])
    return {
        "code": code,
        "payload": payload,
        "expires_at": datetime.fromtimestamp(expires, now.tzinfo).isoformat(),
        "ttl_s": rules.QR_TTL_S,
    }


# -- answers ---------------------------------------------------------------------------------------


def refusal(reason: str, message: str, **details: object) -> dict:
    return {"ok": False, "reason": reason, "message": message, **details}


def _is_id(value: object) -> bool:
    text = str(value)
    if len(text) not in (32, 36):
        return False
    try:
        uuid.UUID(text)
    except ValueError:
        return False
    return True


def bad_ids(
    values: dict, required: tuple[str, ...] = (), optional: tuple[str, ...] = ()
) -> dict | None:
    """A refusal when an id in a request is missing or not an id (the transport is the edge of
    trust: nothing unreadable is ever stored), else None."""
    for name in required:
        if not values.get(name) or not _is_id(values[name]):
            return refusal("bad_request", f"{name} is missing or not an id", field=name)
    for name in optional:
        if values.get(name) is not None and not _is_id(values[name]):
            return refusal("bad_request", f"{name} is not an id", field=name)
    return None


def _fmt_time(at: datetime, tz: str) -> str:
    return local_time(at, tz).strftime("%H:%M")


def _store(session: Session, store_id: str) -> Store | None:
    return session.get(Store, store_id)


def _coupon_card(session: Session, coupon: Coupon) -> dict:
    sku_name = None
    if coupon.exchange_sku_id:
        sku = session.get(Sku, coupon.exchange_sku_id)
        if sku is not None:
            from shared.db.models import Product

            product = session.get(Product, sku.product_id)
            spec = " ".join(x for x in (sku.spec1, sku.spec2) if x)
            sku_name = f"{product.name} {spec}".strip() if product else sku.code
    stores = []
    if coupon.store_scope == "listed":
        stores = list(
            session.scalars(
                select(Store.code)
                .join(CouponStore, CouponStore.store_id == Store.id)
                .where(CouponStore.coupon_id == coupon.id)
                .order_by(Store.code)
            )
        )
    return {
        "coupon_id": coupon.id,
        "name": coupon.name,
        "type": coupon.type,
        "stackable": bool(coupon.stackable),
        "funded_by": coupon.funded_by,
        "exchange_sku_id": coupon.exchange_sku_id,
        "exchange_item": sku_name,
        "threshold_fen": coupon.threshold_fen,
        "amount_off_fen": coupon.amount_off_fen,
        "off_bp": coupon.off_bp,
        "cap_fen": coupon.cap_fen,
        "valid_from": coupon.valid_from.isoformat(),
        "valid_until": coupon.valid_until.isoformat(),
        "store_scope": coupon.store_scope,
        "stores": stores,
    }


def _who_redeemed(session: Session, inst: CouponInstance) -> dict:
    v = session.get(Verification, inst.verification_id) if inst.verification_id else None
    if v is None:  # written before this module's verification records (never by it)
        return refusal("already_redeemed", "this code was already redeemed")
    store = _store(session, v.store_id)
    tz = store.timezone if store else "Asia/Shanghai"
    at = _fmt_time(v.at, tz)
    return refusal(
        "already_redeemed",
        f"already redeemed at {v.store_code} by {v.verifier_name} at {at}",
        kind="coupon",
        store=v.store_code,
        verifier=v.verifier_name,
        at=v.at.isoformat(),
        local_time=at,
        order_no=v.order_no,
    )


def _mask_phone(phone: str | None) -> str | None:
    if not phone:
        return None
    return phone[:3] + "****" + phone[-4:] if len(phone) >= 7 else "****"


# -- resolving what was scanned -------------------------------------------------------------------


class _Resolved:
    def __init__(self, kind: str, code: str, *, via_qr: bool = False) -> None:
        self.kind = kind
        self.code = code
        self.via_qr = via_qr


def _resolve(session: Session, clock: Clock, text: str) -> _Resolved | dict:
    raw = (text or "").strip()
    if not raw:
        return refusal("code_empty", "scan or type a code")
    if len(raw) > rules.MAX_SCAN:
        return refusal(
            "code_too_long", f"that is not a code (over {rules.MAX_SCAN} characters were scanned)"
        )
    if rules.is_qr_payload(raw):
        try:
            claim = rules.verify_qr(
                signing_secret(session, clock), raw, int(clock.now().timestamp())
            )
        except ValidationError as exc:
            return refusal(exc.code, exc.message, **exc.details)
        try:
            code = rules.normalise_code(claim.code)
        except ValidationError:
            return refusal("qr_bad_signature", "the QR payload is not valid: forged or altered")
        return _Resolved("coupon", code, via_qr=True)
    if raw.isdigit() and len(raw) == PICKUP_DIGITS:
        return _Resolved("pickup", raw)
    try:
        return _Resolved("coupon", rules.normalise_code(raw))
    except ValidationError as exc:
        return refusal(exc.code, exc.message, **exc.details)


# -- the checks ------------------------------------------------------------------------------------


_st = Staff.__table__
_ss = StaffStore.__table__
_store_t = Store.__table__
_WORKS_HERE = (
    select(func.count())
    .select_from(_ss)
    .where(_ss.c.staff_id == _st.c.id, _ss.c.store_id == _store_t.c.id)
    .scalar_subquery()
)
#: the store and the person redeeming, in one round trip (built once: bound parameters)
_STORE_AND_STAFF = (
    select(
        _store_t.c.id,
        _store_t.c.enterprise_id,
        _store_t.c.code,
        _store_t.c.name,
        _store_t.c.timezone,
        _st.c.id.label("staff_id"),
        _st.c.name.label("staff_name"),
        _st.c.account.label("staff_account"),
        _st.c.roles.label("staff_roles"),
        _st.c.enabled.label("staff_enabled"),
        _st.c.deleted_at.label("staff_deleted_at"),
        _WORKS_HERE.label("works_here"),
    )
    .select_from(_store_t.outerjoin(_st, _st.c.id == bindparam("staff_id")))
    .where(_store_t.c.id == bindparam("store_id"))
)


def _staff_check(row, purpose: str):
    """The redeeming person (id, name) if they may redeem at the row's store, else a refusal."""
    if row.staff_id is None or not row.staff_enabled or row.staff_deleted_at is not None:
        return refusal("verifier_unknown", "this account cannot verify codes")
    roles = parse_roles(row.staff_roles)
    needed = Perm.SELL if purpose == "sale" else Perm.VERIFY
    if needed not in permissions_of(roles):
        return refusal(
            "verifier_role",
            f"{row.staff_name} does not have the verifier role",
            account=row.staff_account,
        )
    if Role.ADMIN not in roles and not row.works_here:
        return refusal(
            "verifier_store",
            f"{row.staff_name} does not work at {row.code}",
            store=row.code,
        )
    return SimpleNamespace(id=row.staff_id, name=row.staff_name)


def _coupon_refusal(
    session: Session, now: datetime, inst: CouponInstance, coupon: Coupon, store: Store
) -> dict | None:
    """Why ``inst`` cannot be redeemed at ``store`` now, or None."""
    if coupon.enterprise_id != store.enterprise_id:
        return refusal("other_enterprise", "this code belongs to another enterprise")
    if inst.state == "used":
        return _who_redeemed(session, inst)
    if inst.state == "void":
        return refusal("code_void", "this code was voided by head office")
    if inst.state == "expired" or now > coupon.valid_until:
        until = _fmt_date(coupon.valid_until, store.timezone)
        return refusal("expired", f"expired (valid until {until})", valid_until=until)
    if coupon.status != "active":
        return refusal("coupon_disabled", f"coupon '{coupon.name}' is disabled by head office")
    if now < coupon.valid_from:
        since = _fmt_date(coupon.valid_from, store.timezone)
        return refusal("not_yet_valid", f"not valid yet (valid from {since})", valid_from=since)
    if coupon.store_scope == "listed":
        listed = session.get(CouponStore, (coupon.id, store.id))
        if listed is None:
            return refusal(
                "wrong_store", f"not valid at this store ({store.code})", store=store.code
            )
    return None


def _fmt_date(at: datetime, tz: str) -> str:
    return local_time(at, tz).strftime("%Y-%m-%d %H:%M")


_PERIOD_DAYS = {"day": 1, "week": 7, "month": 30, "half_year": 182, "year": 365}


def _limit_refusal(
    session: Session,
    now: datetime,
    inst: CouponInstance,
    coupon: Coupon,
    store: Store,
    terminal_id: str | None,
) -> dict | None:
    """Per-user (bound phone), per-device (terminal) and daily-total limits of SPEC §6.

    Counted over live verifications; the caller has locked the coupon row (PostgreSQL) or holds
    the one SQLite writer, so two redemptions cannot both see room for one more.
    """
    live = (_v.c.coupon_id == coupon.id) & (_v.c.status == "done")
    day_start = _local_day_start(now, store.timezone)

    def count(*conds) -> int:
        return int(session.scalar(select(func.count()).select_from(_v).where(live, *conds)))

    if coupon.limit_daily_total >= 0 and count(_v.c.at >= day_start) >= coupon.limit_daily_total:
        return refusal(
            "limit_daily_total",
            f"coupon '{coupon.name}' reached today's limit of {coupon.limit_daily_total} redemptions",
            limit=coupon.limit_daily_total,
        )
    if (
        coupon.limit_device_day >= 0
        and terminal_id
        and count(_v.c.terminal_id == terminal_id, _v.c.at >= day_start) >= coupon.limit_device_day
    ):
        return refusal(
            "limit_device",
            f"coupon '{coupon.name}' reached this device's daily limit of "
            f"{coupon.limit_device_day}",
            limit=coupon.limit_device_day,
        )
    if inst.phone:
        for period in rules.LIMIT_PERIODS:
            limit = getattr(coupon, f"limit_user_{period}")
            if limit < 0:
                continue
            since = now - timedelta(days=_PERIOD_DAYS[period])
            if count(_v.c.phone == inst.phone, _v.c.at >= since) >= limit:
                return refusal(
                    "limit_user",
                    f"this customer reached the limit of {limit} for coupon '{coupon.name}' "
                    f"per {period.replace('_', ' ')}",
                    limit=limit,
                    period=period,
                )
    return None


def _local_day_start(now: datetime, tz: str) -> datetime:
    from datetime import UTC

    local = local_time(now, tz)
    start = local.replace(hour=0, minute=0, second=0, microsecond=0)
    return start.astimezone(UTC)


def _has_limits(coupon: Coupon) -> bool:
    values = [coupon.limit_daily_total, coupon.limit_device_day]
    values += [getattr(coupon, f"limit_user_{p}") for p in rules.LIMIT_PERIODS]
    return any(v >= 0 for v in values)


# -- lookup ---------------------------------------------------------------------------------------


def lookup(session: Session, clock: Clock, *, text: str, store_id: str) -> dict:
    """What a scanned code is, its state and conditions, and whether it can be redeemed here."""
    bad = bad_ids({"store_id": store_id}, ("store_id",))
    if bad is not None:
        return bad
    store = _store(session, store_id)
    if store is None:
        return refusal("unknown_store", "this terminal's store is not known centrally")
    resolved = _resolve(session, clock, text)
    if isinstance(resolved, dict):
        return resolved
    now = clock.now()
    if resolved.kind == "pickup":
        order = _open_pickup(session, store.id, resolved.code)
        if order is None:
            return _pickup_unknown(session, store, resolved.code)
        return {
            "ok": True,
            "kind": "pickup",
            "code": resolved.code,
            "state": order.state,
            "redeemable": True,
            "pickup": _pickup_card(order),
        }
    inst = session.scalars(
        select(CouponInstance).where(CouponInstance.code == resolved.code)
    ).first()
    if inst is None:  # a channel order's redeem code has the coupon format
        card = channel_redeem.lookup(session, resolved.code, store)
        if card is not None:
            return card
        return refusal("unknown_code", f"unknown code {rules.format_code(resolved.code)}")
    coupon = session.get(Coupon, inst.coupon_id)
    why = _coupon_refusal(session, now, inst, coupon, store)
    card = {
        "ok": True,
        "kind": "coupon",
        "code": inst.code,
        "state": inst.state,
        "via_qr": resolved.via_qr,
        "phone": _mask_phone(inst.phone),
        "coupon": _coupon_card(session, coupon),
        "redeemable": why is None,
    }
    if why is not None:
        if why["reason"] == "other_enterprise":
            return why
        card["refusal"] = why
    return card


# -- redeem ---------------------------------------------------------------------------------------


def _replayed(session: Session, request_id: str, code: str | None) -> dict | None:
    v = session.scalars(select(Verification).where(Verification.request_id == request_id)).first()
    if v is None:
        return None
    if code is not None and v.code != code:
        return refusal("request_id_reused", "this request id was already used for another code")
    return {**_done_answer(session, v), "replayed": True}


def _done_answer(session: Session, v: Verification) -> dict:
    store = _store(session, v.store_id)
    return _answer(v, store.timezone if store else "Asia/Shanghai")


def _answer(v, tz: str) -> dict:
    """A redemption's answer from its verification (an ORM row, or the dict just written)."""
    if isinstance(v, dict):
        v = SimpleNamespace(**v)
    return {
        "ok": True,
        "kind": v.kind,
        "code": v.code,
        "verification_id": v.id,
        "request_id": v.request_id,
        "status": v.status,
        "store": v.store_code,
        "store_name": v.store_name,
        "verifier": v.verifier_name,
        "verifier_id": v.verifier_id,
        "at": v.at.isoformat(),
        "local_time": _fmt_time(v.at, tz),
        "coupon_id": v.coupon_id,
        "coupon_name": v.coupon_name,
        "coupon_type": v.coupon_type,
        "funded_by": v.funded_by,
        "order_no": v.order_no,
        "sale_id": v.sale_id,
    }


def redeem(session: Session, clock: Clock, request: dict) -> dict:
    """Redeem a scanned code at a store, exactly once. ``request``:

    ``request_id`` (the caller's, reused on retry), ``text`` (code, QR payload or pickup code),
    ``store_id``, ``terminal_id``, ``staff_id``; for a coupon applied to a sale at the counter
    also ``purpose="sale"``, ``sale_id`` and ``amount_fen`` (what it takes off).
    Commits on success; a refusal writes nothing.
    """
    request_id = str(request.get("request_id") or "")
    if not request_id or len(request_id) > MAX_REQUEST_ID:
        return refusal("request_id", "a redemption needs a request id (at most 64 characters)")
    bad = bad_ids(request, ("store_id", "staff_id"), ("terminal_id", "sale_id"))
    if bad is not None:
        return bad
    if request.get("purpose") == "sale" and not request.get("sale_id"):
        return refusal("bad_request", "a coupon used in a sale names the sale", field="sale_id")
    answer = _redeem(session, clock, request_id, request)
    if answer.get("ok") or answer.get("reason") == "request_id_reused":
        return answer
    # refused: was it this very request, answered before (the reply was lost, the QR has
    # expired since)? Only refusals pay for this look-up; a first redemption never does.
    session.rollback()
    replay = _replayed(session, request_id, None)
    if replay is None:
        return answer
    resolved = _resolve(session, clock, request.get("text") or "")
    if isinstance(resolved, _Resolved) and resolved.code != replay.get("code"):
        return refusal("request_id_reused", "this request id was already used for another code")
    return replay


def _redeem(session: Session, clock: Clock, request_id: str, request: dict) -> dict:
    store = session.execute(
        _STORE_AND_STAFF,
        {"store_id": str(request.get("store_id")), "staff_id": str(request.get("staff_id"))},
    ).first()
    if store is None:
        return refusal("unknown_store", "this terminal's store is not known centrally")
    purpose = request.get("purpose") or "station"
    staff = _staff_check(store, purpose)
    if isinstance(staff, dict):
        return staff
    resolved = _resolve(session, clock, request.get("text") or "")
    if isinstance(resolved, dict):
        return resolved
    if resolved.kind == "pickup":
        if purpose == "sale":
            return refusal("pickup_in_sale", "a pickup code is verified at the verifier station")
        return _redeem_pickup(session, clock, request_id, resolved.code, store, staff, request)
    return _redeem_coupon(session, clock, request_id, resolved.code, store, staff, request)


_coupon_t = Coupon.__table__
_INSTANCE_AND_COUPON = (
    select(
        _ci.c.id.label("instance_id"),
        _ci.c.state,
        _ci.c.phone,
        _ci.c.verification_id,
        *[c for c in _coupon_t.c],
    )
    .join(_coupon_t, _coupon_t.c.id == _ci.c.coupon_id)
    .where(_ci.c.code == bindparam("code"))
)
#: THE conditional update: its row count decides who redeemed the code
_USE_INSTANCE = (
    update(_ci)
    .where(_ci.c.id == bindparam("instance_id"), _ci.c.state == literal_column("'unused'"))
    .values(
        state=literal_column("'used'"),
        used_at=bindparam("now"),
        used_store_id=bindparam("store_id"),
        used_by=bindparam("staff_id"),
        verification_id=bindparam("verification_id"),
        updated_at=bindparam("now"),
    )
)
_INSERT_VERIFICATION = _v.insert()
#: PostgreSQL: the conditional update and the verification row in ONE statement (a data-modifying
#: CTE): the row is inserted only if the update took the code; one round trip fewer
_used = _USE_INSTANCE.returning(_ci.c.id).cte("used")
_USE_AND_RECORD = (
    _v.insert()
    .from_select(
        [c.name for c in _v.c],
        select(
            *[
                _used.c.id if c.name == "instance_id" else bindparam(f"v_{c.name}", type_=c.type)
                for c in _v.c
            ]
        ),
    )
    .add_cte(_used)
    .returning(_v.c.id)
)


def _redeem_coupon(
    session: Session,
    clock: Clock,
    request_id: str,
    code: str,
    store,
    staff,
    request: dict,
) -> dict:
    """The redemption path, in Core: one read of the code and its coupon, the conditional
    update, the verification row, commit; the answer is built from the values in hand."""
    now = clock.now()
    found = session.execute(_INSTANCE_AND_COUPON, {"code": code}).first()
    if found is None:  # a channel order's redeem code has the coupon format
        done = channel_redeem.redeem(session, clock, request_id, code, store, staff, request)
        if done is not None:
            return done
        return refusal("unknown_code", f"unknown code {rules.format_code(code)}")
    inst = SimpleNamespace(
        id=found.instance_id,
        state=found.state,
        phone=found.phone,
        verification_id=found.verification_id,
    )
    coupon = found  # the coupon's columns under their own names
    why = _coupon_refusal(session, now, inst, coupon, store)
    if why is not None:  # (``redeem`` asks whether it was this very request's, answered before)
        return why
    terminal_id = request.get("terminal_id")
    if _has_limits(coupon):
        if session.get_bind().dialect.name == "postgresql":  # serialise this coupon's counts
            session.execute(select(Coupon.id).where(Coupon.id == coupon.id).with_for_update())
        why = _limit_refusal(session, now, inst, coupon, store, terminal_id)
        if why is not None:
            return why
    vid = str(new_id())
    use = {
        "instance_id": inst.id,
        "now": now,
        "store_id": store.id,
        "staff_id": staff.id,
        "verification_id": vid,
    }
    one_statement = session.get_bind().dialect.name == "postgresql"
    if not one_statement:
        won = session.execute(_USE_INSTANCE, use).rowcount
        if won != 1:
            return _lost_race(session, request_id, code)
    sale_id = request.get("sale_id") if request.get("purpose") == "sale" else None
    row = {
        "id": vid,
        "request_id": request_id,
        "kind": "coupon",
        "code": code,
        "order_no": str(request.get("order_no") or "")[:40],
        "sale_id": sale_id,
        "instance_id": inst.id,
        "coupon_id": coupon.id,
        "coupon_name": coupon.name,
        "coupon_type": coupon.type,
        "funded_by": coupon.funded_by,
        "amount_fen": max(0, int(request.get("amount_fen") or 0)),
        "pickup_order_id": None,
        "phone": inst.phone,
        "store_id": store.id,
        "store_code": store.code,
        "store_name": store.name,
        "terminal_id": terminal_id,
        "verifier_id": staff.id,
        "verifier_name": staff.name,
        "at": now,
        "status": "done",
        "reversed_at": None,
        "reversed_by": None,
        "reverse_reason": "",
    }
    try:
        if one_statement:
            recorded = session.execute(
                _USE_AND_RECORD, {**use, **{f"v_{k}": v for k, v in row.items()}}
            ).first()
            if recorded is None:  # the update took nothing: someone redeemed it first
                return _lost_race(session, request_id, code)
        else:
            session.execute(_INSERT_VERIFICATION, row)
    except IntegrityError:  # the unique indexes: one live redemption per instance, per request
        return _lost_race(session, request_id, code)
    session.commit()
    return {
        **_answer(row, store.timezone),
        "replayed": False,
        "coupon": _coupon_card(session, coupon),
    }


def _lost_race(session: Session, request_id: str, code: str) -> dict:
    """Another transaction redeemed the code first: this request's own earlier attempt (a retry
    racing its original) gets that answer, anyone else is told who redeemed it."""
    session.rollback()
    session.expire_all()
    replay = _replayed(session, request_id, code)
    if replay is not None:
        return replay
    inst = session.scalars(select(CouponInstance).where(CouponInstance.code == code)).first()
    return _who_redeemed(session, inst)


def _open_pickup(session: Session, store_id: str, code: str) -> PickupOrder | None:
    return session.scalars(
        select(PickupOrder).where(
            PickupOrder.store_id == store_id, PickupOrder.code == code, PickupOrder.state == "open"
        )
    ).first()


def _pickup_card(order: PickupOrder) -> dict:
    return {
        "order_id": order.id,
        "order_no": order.order_no,
        "description": order.description,
        "amount_fen": order.amount_fen,
        "phone": _mask_phone(order.phone),
        "created_at": order.created_at.isoformat(),
    }


def _pickup_unknown(session: Session, store: Store, code: str) -> dict:
    last = session.scalars(
        select(Verification)
        .where(
            Verification.kind == "pickup",
            Verification.code == code,
            Verification.store_id == store.id,
            Verification.status == "done",
        )
        .order_by(Verification.at.desc())
        .limit(1)
    ).first()
    if last is not None:
        at = _fmt_time(last.at, store.timezone)
        return refusal(
            "already_redeemed",
            f"already collected at {last.store_code} by {last.verifier_name} at {at}",
            kind="pickup",
            store=last.store_code,
            verifier=last.verifier_name,
            at=last.at.isoformat(),
            local_time=at,
            order_no=last.order_no,
        )
    return refusal("unknown_pickup", f"no open pickup order with code {code} at {store.code}")


def _redeem_pickup(
    session: Session,
    clock: Clock,
    request_id: str,
    code: str,
    store: Store,
    staff: Staff,
    request: dict,
) -> dict:
    now = clock.now()
    order = _open_pickup(session, store.id, code)
    if order is None:
        return _pickup_unknown(session, store, code)
    won = session.execute(
        update(_po)
        .where(_po.c.id == order.id, _po.c.state == "open")
        .values(state="collected", collected_at=now, collected_by=staff.id)
    ).rowcount
    if won != 1:
        session.rollback()
        replay = _replayed(session, request_id, code)  # a retry of this request won: its answer
        if replay is not None:
            return replay
        return _pickup_unknown(session, store, code)
    vid = str(new_id())
    session.execute(
        _v.insert(),
        {
            "id": vid,
            "request_id": request_id,
            "kind": "pickup",
            "code": code,
            "order_no": order.order_no,
            "sale_id": None,
            "instance_id": None,
            "coupon_id": None,
            "coupon_name": "",
            "coupon_type": "",
            "funded_by": "",
            "amount_fen": 0,
            "pickup_order_id": order.id,
            "phone": order.phone,
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
        },
    )
    session.commit()
    v = session.get(Verification, vid)
    return {**_done_answer(session, v), "replayed": False, "pickup": _pickup_card(order)}


# -- undo -----------------------------------------------------------------------------------------


def release(session: Session, clock: Clock, *, request_id: str, sale_id: str) -> dict:
    """Undo a redemption held for a sale that never committed (abandoned, payment failed, the
    counter crashed). Idempotent: a request that never redeemed, or was released, is fine.
    Refused once the sale has reached the central database (it did commit)."""
    bad = bad_ids({"sale_id": sale_id}, ("sale_id",))
    if bad is not None:
        return bad
    v = session.scalars(select(Verification).where(Verification.request_id == request_id)).first()
    if v is None or v.status == "released":
        return {"ok": True, "released": v is not None}
    if v.sale_id != sale_id:
        return refusal("release_mismatch", "this redemption belongs to another sale")
    if v.status != "done":
        return refusal("release_state", f"this redemption is {v.status}")
    if session.scalar(select(func.count()).select_from(Sale).where(Sale.id == sale_id)):
        return refusal("sale_committed", "the sale this coupon was used for is complete")
    now = clock.now()
    session.execute(
        update(_v).where(_v.c.id == v.id, _v.c.status == "done").values(status="released")
    )
    if v.instance_id:
        session.execute(
            update(_ci)
            .where(_ci.c.id == v.instance_id, _ci.c.verification_id == v.id, _ci.c.state == "used")
            .values(
                state="unused",
                used_at=None,
                used_store_id=None,
                used_by=None,
                verification_id=None,
                updated_at=now,
            )
        )
    session.commit()
    return {"ok": True, "released": True}


def reverse(session: Session, clock: Clock, request: dict) -> dict:
    """A manager reverses a verification (used → unused) within the configured window.

    ``request``: ``verification_id``, ``manager_id`` (whose PIN the terminal checked),
    ``reason``, ``terminal_id``. Audited centrally; the terminal journals it.
    """
    bad = bad_ids(request, ("verification_id", "manager_id"), ("terminal_id",))
    if bad is not None:
        return bad
    vid = str(request.get("verification_id") or "")
    reason = str(request.get("reason") or "").strip()
    if not reason:
        return refusal("reason_required", "give a reason for the reversal")
    if len(reason) > MAX_REASON:
        return refusal("text_too_long", f"the reason is too long (at most {MAX_REASON} characters)")
    v = session.get(Verification, vid) if vid else None
    if v is None:
        return refusal("unknown_verification", "no such verification")
    manager = session.get(Staff, str(request.get("manager_id") or ""))
    if manager is None or not manager.enabled:
        return refusal("approver_unknown", "the approving account is not known")
    roles = parse_roles(manager.roles)
    if Perm.APPROVE not in permissions_of(roles):
        return refusal("approver_role", f"{manager.name} cannot approve a reversal")
    if Role.ADMIN not in roles and session.get(StaffStore, (manager.id, v.store_id)) is None:
        return refusal("approver_store", f"{manager.name} is not a manager of {v.store_code}")
    if v.status != "done":
        return refusal("not_reversible", f"this verification is already {v.status}")
    if v.sale_id:
        return refusal(
            "verification_in_sale",
            "this coupon was used in a sale: refund the sale instead of reversing",
        )
    now = clock.now()
    ent = session.scalars(select(Enterprise).limit(1)).first()
    window = int((ent.settings or {}).get("verification_reverse_minutes", REVERSE_WINDOW_MIN))
    if now - v.at > timedelta(minutes=window):
        return refusal(
            "reverse_window",
            f"a verification can be reversed within {window} minutes; this one is older",
            minutes=window,
        )
    if v.kind == "pickup" and v.pickup_order_id:
        order = session.get(PickupOrder, v.pickup_order_id)
        if order is not None and _open_pickup(session, order.store_id, order.code) is not None:
            return refusal("pickup_code_reused", "another open pickup order now has this code")
    changed = session.execute(
        update(_v)
        .where(_v.c.id == v.id, _v.c.status == "done")
        .values(status="reversed", reversed_at=now, reversed_by=manager.id, reverse_reason=reason)
    ).rowcount
    if changed != 1:
        session.rollback()
        return refusal("not_reversible", "this verification was reversed meanwhile")
    if v.instance_id:
        session.execute(
            update(_ci)
            .where(_ci.c.id == v.instance_id, _ci.c.verification_id == v.id)
            .values(
                state="unused",
                used_at=None,
                used_store_id=None,
                used_by=None,
                verification_id=None,
                updated_at=now,
            )
        )
    if v.kind == channel_redeem.KIND:
        channel_redeem.reverse(session, v.code)
    if v.pickup_order_id:
        session.execute(
            update(_po)
            .where(_po.c.id == v.pickup_order_id, _po.c.state == "collected")
            .values(state="open", collected_at=None, collected_by=None)
        )
    session.add(
        AuditEntry(
            id=str(new_id()),
            at=now,
            store_id=v.store_id,
            actor_id=manager.id,
            action="verification.reverse",
            target=v.code if v.kind == "pickup" else rules.format_code(v.code),
            detail={
                "verification_id": v.id,
                "kind": v.kind,
                "reason": reason,
                "verifier": v.verifier_name,
                "terminal_id": request.get("terminal_id"),
            },
        )
    )
    session.commit()
    session.refresh(v)
    return {**_done_answer(session, v), "reversed_by": manager.name, "reason": reason}


# -- after the sale arrives ------------------------------------------------------------------------


def attach_sale(session: Session, sale_id: str, receipt_no: str) -> None:
    """A pushed sale names the verifications held for it: they get its receipt number."""
    session.execute(
        update(_v).where(_v.c.sale_id == sale_id, _v.c.order_no == "").values(order_no=receipt_no)
    )


# -- history --------------------------------------------------------------------------------------


def history(
    session: Session,
    *,
    terminal_id: str | None = None,
    store_id: str | None = None,
    limit: int = 50,
) -> list[dict]:
    """The latest verifications of a terminal (the station's history) or a store."""
    if bad_ids({"terminal_id": terminal_id, "store_id": store_id}, (), ("terminal_id", "store_id")):
        raise ValidationError("terminal_id or store_id is not an id", code="bad_request")
    stmt = select(Verification).order_by(Verification.at.desc()).limit(max(1, min(limit, 500)))
    if terminal_id:
        stmt = stmt.where(Verification.terminal_id == terminal_id)
    if store_id:
        stmt = stmt.where(Verification.store_id == store_id)
    return [_done_answer(session, v) for v in session.scalars(stmt)]
