"""Coupons in the back office (SPEC §6): definitions, issuing codes, voiding a code, the lists and
exports, verification records; pickup orders and members for the demo and head office (§9).

Runs on the central database, the only place coupon state lives (``shared.sync.redeem`` redeems;
nothing here is copied to terminals). Managers and admins may manage coupons
(``Perm.MANAGE_CATALOG``): a coupon is an enterprise-wide definition, so a manager may create one
for any store. Store-owned things keep the store scope: a manager creates pickup orders for, and
reads verification records of, the stores they work at only; an admin, every store.

Every use case is one transaction: it validates everything first (each bad field is a
``ValidationError`` whose ``code`` and ``details["field"]`` name it, and nothing is written),
writes, audits head-office changes (``AuditEntry``) and commits once. ``commit=False`` leaves the
commit to a caller that owns a larger transaction, and ``audit=False`` is for seeding data nobody
entered: the demo builds its enterprise in one transaction and, as with its stores, staff and
catalog, leaves no audit entries.

Limits: the per-user / per-device / daily limits of a definition count *redemptions*, and are
enforced where codes are redeemed (``shared.sync.redeem``). Issuing is limited by the stock only:
several codes may be issued to one phone (a pack of three), each in its own batch line; a phone
listed twice in one batch is refused as a likely mistake in the list.
"""

from __future__ import annotations

import re
import secrets
import unicodedata
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, NamedTuple
from zoneinfo import ZoneInfo

from sqlalchemy import delete, insert, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from shared.db.models import (
    AuditEntry,
    Coupon,
    CouponInstance,
    CouponStore,
    Enterprise,
    Member,
    MemberLedger,
    PickupOrder,
    Sku,
)
from shared.db.queries import coupons as q
from shared.db.queries.coupons import CodeRow, CouponRow, VerificationRow
from shared.db.queries.shifts import scoped_stores
from shared.db.uow import UnitOfWork
from shared.domain import coupons as rules
from shared.domain.clock import local_time
from shared.domain.errors import Conflict, NotFound, PermissionDenied, ValidationError
from shared.domain.ids import new_id
from shared.domain.money import MAX_FEN
from shared.domain.permissions import Perm, Role
from shared.services.auth import Actor, require
from shared.services.shift_review import StoreChoice

__all__ = [
    "CodeRow",
    "CouponInput",
    "CouponQuery",
    "CouponRow",
    "IssueResult",
    "Page",
    "PickupCreated",
    "StoreChoice",
    "VerificationQuery",
    "VerificationRow",
]

MAX_NAME = 60
MAX_NOTE = 200
MAX_COVER = 300
MAX_SKU_CODE = 40
MAX_STORE_CODE = 16
MAX_STOCK = 100_000_000
MAX_LIMIT = 1_000_000
MAX_ISSUE = 100_000
MAX_BATCH_NO = 40
MAX_PAGE = 500
MAX_FILTER_TEXT = 60
MAX_DESCRIPTION = 200
MAX_POINTS = 1_000_000_000
#: codes are inserted this many rows per statement (and per savepoint)
INSERT_BATCH = 5_000
#: an export reads this many codes at a time
EXPORT_BATCH = 1_000
#: a batch whose codes clash with existing ones is drawn again this many times (65 random bits:
#: a clash is about as likely as guessing a code, so one retry is already more than enough)
CODE_ATTEMPTS = 5
PICKUP_ATTEMPTS = 30
PICKUP_DIGITS = 6

STATUSES = ("active", "disabled")
SCOPES = ("all", "listed")
#: what the coupon list's status filter offers (``expired``: over, whatever its status)
LIST_STATUSES = ("active", "disabled", "expired")
VERIFICATION_KINDS = ("coupon", "pickup")
LIMIT_FIELDS = tuple(f"limit_user_{p}" for p in rules.LIMIT_PERIODS) + (
    "limit_device_day",
    "limit_daily_total",
)
#: dates without a time (the date filters, the CLI's --from/--until) are days in this zone
CHINA_TZ = "Asia/Shanghai"
_EARLIEST = datetime(2000, 1, 1, tzinfo=UTC)
_LATEST = datetime(2100, 1, 1, tzinfo=UTC)
_MOBILE = re.compile(r"^1[0-9]{10}$")
_PHONE_SEPARATORS = re.compile(r"[\s\-]+")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


# -- data in and out -------------------------------------------------------------------------------


@dataclass(frozen=True)
class CouponInput:
    """A coupon definition as the back office or the CLI gives it. Money in fen, times aware.

    Only the fields of ``type`` matter: exchange: ``exchange_sku_code``; threshold:
    ``threshold_fen`` and ``amount_off_fen``; discount: ``off_bp`` (2000 = 20 % off = 8折) and
    an optional ``cap_fen``. The others are stored as zero.
    """

    name: str
    type: str
    valid_from: datetime
    valid_until: datetime
    exchange_sku_code: str | None = None
    threshold_fen: int = 0
    amount_off_fen: int = 0
    off_bp: int = 0
    cap_fen: int | None = None
    #: how many codes may be issued; -1: unlimited
    stock: int = rules.UNLIMITED
    #: all | listed (then ``store_codes`` names the stores)
    store_scope: str = "all"
    store_codes: tuple[str, ...] = ()
    stackable: bool = False
    limit_user_day: int = rules.UNLIMITED
    limit_user_week: int = rules.UNLIMITED
    limit_user_month: int = rules.UNLIMITED
    limit_user_half_year: int = rules.UNLIMITED
    limit_user_year: int = rules.UNLIMITED
    limit_device_day: int = rules.UNLIMITED
    limit_daily_total: int = rules.UNLIMITED
    funded_by: str = "store"
    status: str = "active"
    note: str = ""
    cover_image: str = ""


def input_from_row(row: CouponRow) -> CouponInput:
    """The input that would save ``row`` unchanged (the edit dialog starts from it)."""
    return CouponInput(
        name=row.name,
        type=row.type,
        valid_from=row.valid_from,
        valid_until=row.valid_until,
        exchange_sku_code=row.exchange_sku_code,
        threshold_fen=row.threshold_fen,
        amount_off_fen=row.amount_off_fen,
        off_bp=row.off_bp,
        cap_fen=row.cap_fen,
        stock=row.stock,
        store_scope=row.store_scope,
        store_codes=row.store_codes,
        stackable=row.stackable,
        **{name: getattr(row, name) for name in LIMIT_FIELDS},
        funded_by=row.funded_by,
        status=row.status,
        note=row.note,
        cover_image=row.cover_image,
    )


@dataclass(frozen=True)
class CouponQuery:
    """The coupon list's filters."""

    name: str | None = None
    type: str | None = None
    status: str | None = None
    store_code: str | None = None


@dataclass(frozen=True)
class VerificationQuery:
    """The verification list's filters. A ``date`` is a whole day in China time (both ends
    inclusive); a ``datetime`` is an instant (aware)."""

    date_from: date | datetime | None = None
    date_to: date | datetime | None = None
    coupon_name: str | None = None
    store_code: str | None = None
    kind: str | None = None


@dataclass(frozen=True)
class Page:
    rows: list
    #: rows matching the filters, over every page
    total: int
    offset: int


@dataclass(frozen=True)
class IssueResult:
    coupon_id: str
    coupon_name: str
    batch_no: str
    codes: list[str]
    #: the phone each code is bound to (same order), when issued to a list of phones
    phones: list[str] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.codes)


class PickupCreated(NamedTuple):
    order_no: str
    code: str


# -- small checks ----------------------------------------------------------------------------------


def _bad(field_name: str, code: str, message: str, **details: object) -> ValidationError:
    """A refusal naming the field it is about (the dialog shows it beside that field)."""
    return ValidationError(message, code=code, field=field_name, **details)


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _int_in(value: object, field_name: str, code: str, low: int, high: int, what: str) -> int:
    if not _is_int(value) or not low <= value <= high:
        raise _bad(
            field_name,
            code,
            f"{what} must be a whole number from {low} to {high}",
            value=str(value)[:20],
            low=low,
            high=high,
        )
    return int(value)


def _count_or_unlimited(value: object, field_name: str, code: str, high: int, what: str) -> int:
    """-1 (unlimited) or 0..``high``."""
    if not _is_int(value) or not (value == rules.UNLIMITED or 0 <= value <= high):
        raise _bad(
            field_name,
            code,
            f"{what} is -1 (unlimited) or a whole number from 0 to {high}",
            value=str(value)[:20],
            high=high,
        )
    return int(value)


def _text(value: object, field_name: str, code: str, limit: int, what: str) -> str:
    text = value if isinstance(value, str) else ""
    if value is not None and not isinstance(value, str):
        raise _bad(field_name, code, f"{what} must be text")
    text = text.strip()
    if len(text) > limit:
        raise _bad(
            field_name, code, f"{what} is too long (at most {limit} characters)", limit=limit
        )
    if _CONTROL.search(text):
        raise _bad(field_name, code, f"{what} contains control characters")
    return text


def _choice(value: object, choices: Sequence[str], field_name: str, code: str, what: str) -> str:
    if value not in choices:
        raise _bad(
            field_name,
            code,
            f"unknown {what} {str(value)[:20]!r} (one of {', '.join(choices)})",
            value=str(value)[:20],
        )
    return str(value)


def normalise_phone(text: object, *, field_name: str = "phone", line: int | None = None) -> str:
    """An 11-digit mainland mobile number starting with 1; spaces and dashes do not matter,
    full-width digits count as the digits they show, anything else is refused."""
    raw = text if isinstance(text, str) else ""
    phone = _PHONE_SEPARATORS.sub("", unicodedata.normalize("NFKC", raw))
    if not (phone.isascii() and _MOBILE.match(phone)):
        where = f"line {line}: " if line is not None else ""
        details: dict[str, object] = {"value": raw[:20]}
        if line is not None:
            details["line"] = line
        raise _bad(
            field_name,
            "phone_format",
            f"{where}'{raw[:20]}' is not a mobile number (11 digits starting with 1)",
            **details,
        )
    return phone


def _coupon_key(coupon_id: object) -> str:
    try:
        return str(uuid.UUID(str(coupon_id or "").strip()))
    except ValueError:
        raise _bad(
            "coupon_id", "coupon_id", "not a coupon id", value=str(coupon_id or "")[:40]
        ) from None


def _aware(value: object, field_name: str, what: str) -> datetime:
    if not isinstance(value, datetime) or value.tzinfo is None:
        raise _bad(
            field_name, "coupon_dates", f"{what} must be a date and time with a zone", reason="zone"
        )
    if not _EARLIEST <= value < _LATEST:
        raise _bad(
            field_name, "coupon_dates", f"{what} must be between 2000 and 2100", reason="range"
        )
    return value.astimezone(UTC)


# -- validating a definition -----------------------------------------------------------------------


@dataclass(frozen=True)
class _Clean:
    """A validated definition: the coupon's columns and the listed stores (codes and ids)."""

    columns: dict[str, Any]
    store_codes: tuple[str, ...]
    store_ids: tuple[str, ...]


def _check_name(value: object) -> str:
    name = _text(value, "name", "coupon_name", MAX_NAME, "the name")
    if not name:
        raise _bad("name", "coupon_name", "give the coupon a name")
    return name


def _check_rule(session: Session, data: CouponInput) -> dict[str, Any]:
    """The type and the fields of that type; the others zeroed."""
    kind = _choice(data.type, rules.TYPES, "type", "coupon_type", "coupon type")
    out: dict[str, Any] = {
        "type": kind,
        "exchange_sku_id": None,
        "threshold_fen": 0,
        "amount_off_fen": 0,
        "off_bp": 0,
        "cap_fen": None,
    }
    if kind == "exchange":
        out["exchange_sku_id"] = _exchange_sku(session, data.exchange_sku_code)
    elif kind == "threshold":
        amount = _int_in(
            data.amount_off_fen, "amount_off_fen", "coupon_amount", 1, MAX_FEN, "the amount off"
        )
        threshold = _int_in(
            data.threshold_fen, "threshold_fen", "coupon_threshold", 0, MAX_FEN, "the threshold"
        )
        if threshold < amount:
            raise _bad(
                "threshold_fen",
                "coupon_threshold",
                "the threshold must be at least the amount off",
                threshold_fen=threshold,
                amount_off_fen=amount,
            )
        out.update(threshold_fen=threshold, amount_off_fen=amount)
    else:
        out["off_bp"] = _int_in(
            data.off_bp, "off_bp", "coupon_percent", 1, 9_999, "the discount (basis points off)"
        )
        if data.cap_fen is not None:
            out["cap_fen"] = _int_in(data.cap_fen, "cap_fen", "coupon_cap", 1, MAX_FEN, "the cap")
    # the counter's own rule check, so a definition saved here always applies at the counter
    rules.CouponRule(
        coupon_id="-",
        name="-",
        type=kind,
        exchange_sku_id=out["exchange_sku_id"],
        threshold_fen=out["threshold_fen"],
        amount_off_fen=out["amount_off_fen"],
        off_bp=out["off_bp"],
        cap_fen=out["cap_fen"],
    )
    return out


def _exchange_sku(session: Session, code: object) -> str:
    text = _text(code, "exchange_sku_code", "coupon_sku", MAX_SKU_CODE, "the SKU code")
    if not text:
        raise _bad("exchange_sku_code", "coupon_sku", "an exchange coupon names the SKU it gives")
    sku_id = session.scalar(select(Sku.id).where(Sku.code == text))
    if sku_id is None:
        raise _bad("exchange_sku_code", "coupon_sku", f"no SKU with code '{text}'", value=text)
    return sku_id


def _check_scope(
    session: Session, data: CouponInput
) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
    scope = _choice(data.store_scope, SCOPES, "store_scope", "coupon_scope", "store scope")
    codes = data.store_codes
    if isinstance(codes, str) or not isinstance(codes, (tuple, list)):
        raise _bad("store_codes", "coupon_store", "the stores are a list of store codes")
    wanted: list[str] = []
    for raw in codes:
        text = _text(raw, "store_codes", "coupon_store", MAX_STORE_CODE, "a store code")
        if text and text not in wanted:
            wanted.append(text)
    if scope == "all":
        if wanted:
            raise _bad(
                "store_codes",
                "coupon_scope",
                "a coupon valid at all stores lists no stores (choose 'listed stores')",
            )
        return scope, (), ()
    if not wanted:
        raise _bad("store_codes", "coupon_scope", "list at least one store the coupon is valid at")
    found = q.stores_by_code(session, wanted)
    missing = [c for c in wanted if c not in found]
    if missing:
        raise _bad("store_codes", "coupon_store", f"no store '{missing[0]}'", value=missing[0])
    return scope, tuple(wanted), tuple(found[c] for c in wanted)


def _check_dates(data: CouponInput, now: datetime, *, creating: bool) -> tuple[datetime, datetime]:
    start = _aware(data.valid_from, "valid_from", "the start of validity")
    end = _aware(data.valid_until, "valid_until", "the end of validity")
    if start >= end:
        raise _bad(
            "valid_until", "coupon_dates", "the validity ends before it starts", reason="order"
        )
    if creating and end <= now:
        raise _bad(
            "valid_until",
            "coupon_dates",
            "the validity is already over: check the end date",
            reason="over",
        )
    return start, end


def _validate(
    session: Session, data: CouponInput, now: datetime, *, issued: int, creating: bool
) -> _Clean:
    """Every field of ``data`` checked, in the order the dialog shows them."""
    if not isinstance(data, CouponInput):
        raise ValidationError("not a coupon definition", code="coupon_input")
    columns: dict[str, Any] = {"name": _check_name(data.name)}
    columns.update(_check_rule(session, data))
    stock = _count_or_unlimited(data.stock, "stock", "coupon_stock", MAX_STOCK, "the stock")
    if stock != rules.UNLIMITED and stock < issued:
        raise _bad(
            "stock",
            "coupon_stock",
            f"the stock cannot go below the {issued} codes already issued",
            issued=issued,
        )
    columns["stock"] = stock
    scope, store_codes, store_ids = _check_scope(session, data)
    columns["store_scope"] = scope
    columns["valid_from"], columns["valid_until"] = _check_dates(data, now, creating=creating)
    if not isinstance(data.stackable, bool):
        raise _bad("stackable", "coupon_stackable", "stackable is yes or no")
    columns["stackable"] = data.stackable
    for name in LIMIT_FIELDS:
        columns[name] = _count_or_unlimited(
            getattr(data, name), name, "coupon_limit", MAX_LIMIT, name.replace("_", " ")
        )
    columns["funded_by"] = _choice(
        data.funded_by, rules.FUNDERS, "funded_by", "coupon_funder", "funder"
    )
    columns["status"] = _choice(data.status, STATUSES, "status", "coupon_status", "status")
    columns["note"] = _text(data.note, "note", "coupon_note", MAX_NOTE, "the note")
    columns["cover_image"] = _text(
        data.cover_image, "cover_image", "coupon_cover", MAX_COVER, "the cover image"
    )
    return _Clean(columns, store_codes, store_ids)


# -- writing helpers -------------------------------------------------------------------------------


def _enterprise_id(session: Session) -> str:
    ent_id = session.scalar(select(Enterprise.id).limit(1))
    if ent_id is None:
        raise NotFound("no enterprise in this database: run 'storedesk demo'", code="no_enterprise")
    return ent_id


def _jsonable(value: object) -> object:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, tuple):
        return list(value)
    return value


def _audit(
    session: Session,
    now: datetime,
    actor: Actor,
    action: str,
    target: str,
    detail: dict,
    store_id: str | None = None,
) -> None:
    session.add(
        AuditEntry(
            id=str(new_id()),
            at=now,
            store_id=store_id,
            actor_id=actor.staff_id,
            action=action,
            target=target[:120],
            detail={k: _jsonable(v) for k, v in detail.items()},
        )
    )


def _replace_stores(session: Session, coupon_id: str, store_ids: Sequence[str]) -> None:
    session.execute(delete(CouponStore).where(CouponStore.coupon_id == coupon_id))
    if store_ids:
        session.execute(
            insert(CouponStore), [{"coupon_id": coupon_id, "store_id": s} for s in store_ids]
        )


def _find_coupon(session: Session, coupon_id: object, *, lock: bool = False) -> Coupon:
    key = _coupon_key(coupon_id)
    stmt = select(Coupon).where(Coupon.id == key)
    if lock:  # PostgreSQL: serialise with issuing (SQLite has one writer already)
        stmt = stmt.with_for_update()
    coupon = session.scalars(stmt).first()
    if coupon is None:
        raise NotFound("no such coupon", code="coupon_not_found", value=key)
    return coupon


# -- definitions -----------------------------------------------------------------------------------


def create_coupon(
    uow: UnitOfWork,
    actor: Actor,
    data: CouponInput,
    *,
    commit: bool = True,
    audit: bool = True,
) -> str:
    """A new coupon definition; returns its id. Audited as ``coupon.create``."""
    require(actor, Perm.MANAGE_CATALOG)
    s = uow.session
    now = uow.clock.now()
    clean = _validate(s, data, now, issued=0, creating=True)
    coupon_id = str(new_id())
    s.add(
        Coupon(
            id=coupon_id,
            enterprise_id=_enterprise_id(s),
            issued=0,
            created_by=actor.staff_id,
            created_at=now,
            updated_at=now,
            **clean.columns,
        )
    )
    s.flush()
    _replace_stores(s, coupon_id, clean.store_ids)
    if audit:
        _audit(
            s,
            now,
            actor,
            "coupon.create",
            coupon_id,
            {**clean.columns, "store_codes": list(clean.store_codes)},
        )
    if commit:
        uow.commit()
    return coupon_id


def update_coupon(
    uow: UnitOfWork, actor: Actor, coupon_id: str, data: CouponInput, *, commit: bool = True
) -> None:
    """Change a definition. The stock cannot go below the codes already issued, and once codes
    are out the type cannot change (a customer holding an exchange coupon keeps an exchange
    coupon). Audited as ``coupon.update`` with each changed field's old and new value."""
    require(actor, Perm.MANAGE_CATALOG)
    s = uow.session
    now = uow.clock.now()
    coupon = _find_coupon(s, coupon_id, lock=True)
    clean = _validate(s, data, now, issued=coupon.issued, creating=False)
    if coupon.issued and clean.columns["type"] != coupon.type:
        raise _bad(
            "type",
            "coupon_type_locked",
            f"{coupon.issued} codes of this coupon are issued: its type cannot change",
            issued=coupon.issued,
        )
    old_stores = q.listed_store_codes(s, [coupon.id]).get(coupon.id, [])
    changed = {
        name: [getattr(coupon, name), value]
        for name, value in clean.columns.items()
        if getattr(coupon, name) != value
    }
    new_stores = sorted(clean.store_codes)
    if sorted(old_stores) != new_stores:
        changed["store_codes"] = [sorted(old_stores), new_stores]
    for name, value in clean.columns.items():
        setattr(coupon, name, value)
    coupon.updated_at = now
    s.flush()
    _replace_stores(s, coupon.id, clean.store_ids)
    _audit(
        s,
        now,
        actor,
        "coupon.update",
        coupon.id,
        {"changed": {k: [_jsonable(a), _jsonable(b)] for k, (a, b) in changed.items()}},
    )
    if commit:
        uow.commit()


def coupon_detail(uow: UnitOfWork, actor: Actor, coupon_id: str) -> CouponRow:
    require(actor, Perm.MANAGE_CATALOG)
    key = _coupon_key(coupon_id)
    row = q.coupon_row(uow.session, key)
    if row is None:
        raise NotFound("no such coupon", code="coupon_not_found", value=key)
    return row


def _page_bounds(offset: object, limit: object) -> tuple[int, int]:
    if not _is_int(limit) or not 1 <= limit <= MAX_PAGE:
        raise ValidationError(f"a page holds 1 to {MAX_PAGE} rows", code="page_size")
    if not _is_int(offset) or offset < 0:
        raise ValidationError("a page offset is zero or more", code="page_offset")
    return int(offset), int(limit)


def _filter_text(value: object, field_name: str) -> str | None:
    text = _text(value, field_name, "text_too_long", MAX_FILTER_TEXT, "the search text")
    return text or None


def _store_id_of(session: Session, code: object) -> str | None:
    text = _text(code, "store_code", "unknown_store", MAX_STORE_CODE, "the store code")
    if not text:
        return None
    found = q.stores_by_code(session, [text])
    if text not in found:
        raise _bad("store_code", "unknown_store", f"no store '{text}'", value=text)
    return found[text]


def list_coupons(
    uow: UnitOfWork,
    actor: Actor,
    filters: CouponQuery | None = None,
    offset: int = 0,
    limit: int = 100,
) -> Page:
    """One page of coupon definitions, newest first, with their codes counted by state."""
    require(actor, Perm.MANAGE_CATALOG)
    f = filters or CouponQuery()
    offset, limit = _page_bounds(offset, limit)
    kind = None
    if f.type:
        kind = _choice(f.type, rules.TYPES, "type", "coupon_type", "coupon type")
    status = None
    if f.status:
        status = _choice(f.status, LIST_STATUSES, "status", "coupon_status", "status")
    s = uow.session
    qf = q.CouponFilter(
        name=_filter_text(f.name, "name"),
        type=kind,
        status=status,
        store_id=_store_id_of(s, f.store_code),
    )
    now = uow.clock.now()
    total = q.count_coupons(s, qf, now)
    rows = q.list_coupons(s, qf, now, offset=offset, limit=limit) if offset < total else []
    return Page(rows, total, offset)


def stores(uow: UnitOfWork, actor: Actor) -> list[StoreChoice]:
    """Every store (a coupon may be valid at any of them), for the scope and store filters."""
    require(actor, Perm.MANAGE_CATALOG)
    return [StoreChoice(*r) for r in scoped_stores(uow.session, None)]


# -- codes -----------------------------------------------------------------------------------------


def _check_issue_count(count: object, phones: list[str] | None) -> int:
    if phones is not None:
        if not phones:
            raise _bad("phones", "issue_phones", "the phone list is empty")
        if count is not None and count != len(phones):
            raise _bad(
                "count",
                "issue_count",
                f"one code per phone: the count ({count}) must equal the number of phones "
                f"({len(phones)})",
                phones=len(phones),
            )
        count = len(phones)
    return _int_in(count, "count", "issue_count", 1, MAX_ISSUE, "the number of codes")


def _check_phones(phones: Sequence[object] | None) -> list[str] | None:
    if phones is None:
        return None
    if isinstance(phones, str):
        raise _bad("phones", "issue_phones", "the phones are a list, one number per line")
    if len(phones) > MAX_ISSUE:
        raise _bad("phones", "issue_count", f"at most {MAX_ISSUE} phones in one batch")
    out: list[str] = []
    seen: dict[str, int] = {}
    for i, raw in enumerate(phones, start=1):
        phone = normalise_phone(raw, field_name="phones", line=i)
        if phone in seen:
            raise _bad(
                "phones",
                "phone_duplicate",
                f"line {i}: {phone} is already on line {seen[phone]}",
                line=i,
                first=seen[phone],
                value=phone,
            )
        seen[phone] = i
        out.append(phone)
    return out


def _check_batch_no(batch_no: object, now: datetime) -> str:
    text = _text(batch_no, "batch_no", "batch_no", MAX_BATCH_NO, "the batch number")
    if text:
        return text
    local = local_time(now, CHINA_TZ)
    return f"{local:%Y%m%d-%H%M%S}-{secrets.token_hex(2).upper()}"


def _issuable(coupon: Coupon, now: datetime) -> None:
    if coupon.status != "active":
        raise _bad("coupon_id", "coupon_disabled", f"coupon '{coupon.name}' is disabled")
    if now > coupon.valid_until:
        raise _bad("coupon_id", "coupon_expired", f"coupon '{coupon.name}' has expired")


def _reserve_stock(session: Session, coupon: Coupon, count: int, now: datetime) -> None:
    """``issued += count`` if the stock allows, as ONE conditional update: two managers issuing
    at once can never issue past the stock together."""
    c = Coupon.__table__.c
    won = session.execute(
        update(Coupon.__table__)
        .where(c.id == coupon.id, or_(c.stock < 0, c.issued + count <= c.stock))
        .values(issued=c.issued + count, updated_at=now)
    ).rowcount
    if won != 1:
        session.refresh(coupon)
        left = max(0, coupon.stock - coupon.issued)
        raise _bad(
            "count",
            "stock_exceeded",
            f"only {left} codes of coupon '{coupon.name}' are left in stock",
            left=left,
            stock=coupon.stock,
            issued=coupon.issued,
        )


def _draw_codes(n: int) -> list[str]:
    """``n`` distinct fresh codes (the database's unique index checks them against the rest)."""
    codes: dict[str, None] = {}
    while len(codes) < n:
        codes[rules.new_code()] = None
    return list(codes)


def _insert_codes(
    session: Session,
    coupon_id: str,
    batch_no: str,
    phones: Sequence[str | None],
    now: datetime,
) -> list[str]:
    """Insert one code per entry of ``phones`` (None: unbound), ``INSERT_BATCH`` rows per
    statement. A batch whose codes clash with existing ones is rolled back to its savepoint and
    drawn again."""
    issued: list[str] = []
    for start in range(0, len(phones), INSERT_BATCH):
        chunk = phones[start : start + INSERT_BATCH]
        for attempt in range(CODE_ATTEMPTS):
            codes = _draw_codes(len(chunk))
            rows = [
                {
                    "id": str(new_id()),
                    "coupon_id": coupon_id,
                    "code": code,
                    "phone": phone,
                    "batch_no": batch_no,
                    "state": "unused",
                    "issued_at": now,
                    "used_at": None,
                    "used_store_id": None,
                    "used_by": None,
                    "verification_id": None,
                    "updated_at": now,
                }
                for code, phone in zip(codes, chunk, strict=True)
            ]
            try:
                with session.begin_nested():
                    session.execute(insert(CouponInstance.__table__), rows)
            except IntegrityError:
                if attempt == CODE_ATTEMPTS - 1:
                    raise Conflict(
                        "could not draw unique codes: try again", code="code_clash"
                    ) from None
                continue
            issued.extend(codes)
            break
    return issued


def issue_codes(
    uow: UnitOfWork,
    actor: Actor,
    coupon_id: str,
    count: int | None,
    phones: Sequence[str] | None = None,
    batch_no: str | None = None,
    *,
    commit: bool = True,
    audit: bool = True,
) -> IssueResult:
    """Issue ``count`` codes of a coupon in one batch, or one code per phone of ``phones``
    (``count`` then equals the number of phones, or is None). Refused for a disabled or expired
    coupon and beyond the stock; all or nothing, in one transaction. Audited as
    ``coupon.issue`` (the count, not the phones)."""
    require(actor, Perm.MANAGE_CATALOG)
    s = uow.session
    now = uow.clock.now()
    clean_phones = _check_phones(phones)
    n = _check_issue_count(count, clean_phones)
    batch = _check_batch_no(batch_no, now)
    coupon = _find_coupon(s, coupon_id)
    _issuable(coupon, now)
    _reserve_stock(s, coupon, n, now)
    bound: Sequence[str | None] = clean_phones if clean_phones is not None else [None] * n
    codes = _insert_codes(s, coupon.id, batch, bound, now)
    if audit:
        _audit(
            s,
            now,
            actor,
            "coupon.issue",
            coupon.id,
            {"count": n, "batch_no": batch, "bound_to_phones": clean_phones is not None},
        )
    if commit:
        uow.commit()
    return IssueResult(coupon.id, coupon.name, batch, codes, list(clean_phones or []))


def void_code(uow: UnitOfWork, actor: Actor, code: str, reason: str = "") -> CodeRow:
    """An unused code can no longer be redeemed (unused → void). Audited as ``coupon.void``."""
    require(actor, Perm.MANAGE_CATALOG)
    s = uow.session
    stored = rules.normalise_code(code)
    why = _text(reason, "reason", "text_too_long", MAX_NOTE, "the reason")
    row = q.code_row(s, stored)
    if row is None:
        raise NotFound(f"no coupon with code {rules.format_code(stored)}", code="unknown_code")
    now = uow.clock.now()
    c = CouponInstance.__table__.c
    won = s.execute(
        update(CouponInstance.__table__)
        .where(c.id == row.instance_id, c.state == "unused")
        .values(state="void", updated_at=now)
    ).rowcount
    if won != 1:
        raise ValidationError(
            f"only an unused code can be voided (this one is {row.state})",
            code="code_not_unused",
            state=row.state,
        )
    _audit(
        s,
        now,
        actor,
        "coupon.void",
        rules.format_code(stored),
        {"coupon_id": row.coupon_id, "reason": why},
    )
    uow.commit()
    voided = q.code_row(s, stored)
    assert voided is not None
    return voided


def _code_filter(
    session: Session, coupon_id: str, state: object, batch_no: object, phone: object
) -> q.CodeFilter:
    coupon = _find_coupon(session, coupon_id)
    if state is not None and state != "":
        state = _choice(state, rules.STATES, "state", "code_state", "code state")
    batch = _text(batch_no, "batch_no", "batch_no", MAX_BATCH_NO, "the batch number")
    bound = normalise_phone(phone) if phone else None
    return q.CodeFilter(coupon.id, state or None, batch or None, bound)


def list_codes(
    uow: UnitOfWork,
    actor: Actor,
    coupon_id: str,
    *,
    state: str | None = None,
    batch_no: str | None = None,
    phone: str | None = None,
    offset: int = 0,
    limit: int = 100,
) -> Page:
    """One page of a coupon's codes, newest first."""
    require(actor, Perm.MANAGE_CATALOG)
    offset, limit = _page_bounds(offset, limit)
    f = _code_filter(uow.session, coupon_id, state, batch_no, phone)
    total = q.count_codes(uow.session, f)
    rows = q.list_codes(uow.session, f, offset=offset, limit=limit) if offset < total else []
    return Page(rows, total, offset)


def export_codes(
    uow: UnitOfWork,
    actor: Actor,
    coupon_id: str,
    *,
    state: str | None = None,
    batch_no: str | None = None,
    batch: int = EXPORT_BATCH,
) -> Iterator[list[CodeRow]]:
    """Every code of a coupon (filtered), oldest first, a batch at a time, for a CSV/XLSX
    writer. Checked when called (not when first read), so a refusal comes before any file."""
    require(actor, Perm.MANAGE_CATALOG)
    f = _code_filter(uow.session, coupon_id, state, batch_no, None)
    size = _int_in(batch, "batch", "page_size", 1, 10_000, "the batch size")

    def batches() -> Iterator[list[CodeRow]]:
        after = None
        while True:
            rows = q.codes_after(uow.session, f, after_id=after, limit=size)
            if not rows:
                return
            yield rows
            after = rows[-1].instance_id

    return batches()


#: the columns ``code_cells`` fills, for exports without a translated header (the CLI)
CODE_EXPORT_HEADERS = (
    "code",
    "printed_code",
    "coupon",
    "phone",
    "batch_no",
    "state",
    "issued_at",
    "used_at",
    "used_store",
)


def code_cells(row: CodeRow, tz: str = CHINA_TZ) -> list[object]:
    """One exported line: the code as stored and as printed, times in ``tz``."""

    def when(at: datetime | None) -> str:
        return local_time(at, tz).strftime("%Y-%m-%d %H:%M:%S") if at else ""

    return [
        row.code,
        rules.format_code(row.code),
        row.coupon_name,
        row.phone or "",
        row.batch_no,
        row.state,
        when(row.issued_at),
        when(row.used_at),
        row.used_store_code or "",
    ]


# -- verification records --------------------------------------------------------------------------


def _scope(actor: Actor) -> frozenset[str] | None:
    """The stores whose records ``actor`` may read: None for every store."""
    return None if Role.ADMIN in actor.roles else actor.store_ids


def verification_stores(uow: UnitOfWork, actor: Actor) -> list[StoreChoice]:
    """The stores ``actor`` may read verification records of, for the store filter."""
    require(actor, Perm.MANAGE_CATALOG)
    return [StoreChoice(*r) for r in scoped_stores(uow.session, _scope(actor))]


def _instant(value: object, field_name: str, *, end: bool) -> datetime | None:
    """A filter bound as an instant: a date is its whole day in China time."""
    if value is None:
        return None
    if isinstance(value, datetime):
        if value.tzinfo is None:
            raise _bad(field_name, "date_range", "a time filter needs a time zone")
        return value.astimezone(UTC)
    if isinstance(value, date):
        day = value + timedelta(days=1) if end else value
        start = datetime.combine(day, time(0), tzinfo=ZoneInfo(CHINA_TZ)).astimezone(UTC)
        return start - timedelta(microseconds=1) if end else start
    raise _bad(field_name, "date_range", "a time filter is a date or a date and time")


def list_verifications(
    uow: UnitOfWork,
    actor: Actor,
    query: VerificationQuery | None = None,
    *,
    offset: int = 0,
    limit: int = 100,
) -> Page:
    """One page of verification records (结算数据), newest first: a manager reads the stores
    they work at, an admin every store."""
    require(actor, Perm.MANAGE_CATALOG)
    f = query or VerificationQuery()
    offset, limit = _page_bounds(offset, limit)
    since = _instant(f.date_from, "date_from", end=False)
    until = _instant(f.date_to, "date_to", end=True)
    if since is not None and until is not None and since > until:
        raise _bad("date_to", "date_range", "the date range ends before it starts")
    kind = None
    if f.kind:
        kind = _choice(f.kind, VERIFICATION_KINDS, "kind", "verification_kind", "kind")
    s = uow.session
    scope = _scope(actor)
    store_id = _store_id_of(s, f.store_code)
    if store_id is not None and scope is not None and store_id not in scope:
        code = (f.store_code or "").strip()
        raise PermissionDenied(
            f"{actor.name} ({actor.account}) may not read the records of store {code}",
            code="store_not_allowed",
            store=code,
        )
    vf = q.VerificationFilter(
        store_ids=scope,
        store_id=store_id,
        since=since,
        until=until,
        coupon_name=_filter_text(f.coupon_name, "coupon_name"),
        kind=kind,
    )
    total = q.count_verifications(s, vf)
    rows = q.list_verifications(s, vf, offset=offset, limit=limit) if offset < total else []
    return Page(rows, total, offset)


# -- pickup orders ---------------------------------------------------------------------------------


def _draw_pickup_code(session: Session, store_id: str) -> str:
    """A 6-digit code no open order of the store has now (the partial unique index decides
    finally, should another order take it meanwhile)."""
    for _ in range(PICKUP_ATTEMPTS):
        code = f"{secrets.randbelow(10**PICKUP_DIGITS):0{PICKUP_DIGITS}d}"
        if not q.open_pickup_codes(session, store_id, [code]):
            return code
    raise Conflict("no free pickup code found: try again", code="pickup_code_clash")


def create_pickup_order(
    uow: UnitOfWork,
    actor: Actor,
    store_code: str,
    description: str,
    amount_fen: int,
    phone: str | None = None,
    *,
    commit: bool = True,
    audit: bool = True,
) -> PickupCreated:
    """An order collected in store with a 6-digit code (提货码), unique among the store's open
    orders. Returns its order number and code. Audited as ``pickup.create``."""
    require(actor, Perm.MANAGE_CATALOG)
    s = uow.session
    store_id = _store_id_of(s, store_code)
    if store_id is None:
        raise _bad("store_code", "unknown_store", "name the store the order is collected at")
    require(actor, Perm.MANAGE_CATALOG, store_id)
    text = _text(
        description, "description", "pickup_description", MAX_DESCRIPTION, "the description"
    )
    if not text:
        raise _bad("description", "pickup_description", "say what the order is")
    amount = _int_in(amount_fen, "amount_fen", "pickup_amount", 0, MAX_FEN, "the amount")
    bound = normalise_phone(phone) if phone else None
    now = uow.clock.now()
    local = local_time(now, CHINA_TZ)
    for _ in range(PICKUP_ATTEMPTS):
        code = _draw_pickup_code(s, store_id)
        order_no = f"PK{local:%Y%m%d}{secrets.randbelow(10**8):08d}"
        order_id = str(new_id())
        try:
            with s.begin_nested():
                s.execute(
                    insert(PickupOrder.__table__),
                    {
                        "id": order_id,
                        "store_id": store_id,
                        "order_no": order_no,
                        "code": code,
                        "description": text,
                        "phone": bound,
                        "amount_fen": amount,
                        "state": "open",
                        "created_at": now,
                        "collected_at": None,
                        "collected_by": None,
                    },
                )
        except IntegrityError:  # the code or the number was taken meanwhile: draw again
            continue
        break
    else:
        raise Conflict("no free pickup code found: try again", code="pickup_code_clash")
    if audit:
        _audit(
            s,
            now,
            actor,
            "pickup.create",
            order_no,
            {"order_id": order_id, "amount_fen": amount},
            store_id=store_id,
        )
    if commit:
        uow.commit()
    return PickupCreated(order_no, code)


# -- members ---------------------------------------------------------------------------------------


def create_member(
    uow: UnitOfWork,
    actor: Actor,
    phone: str,
    name: str,
    points: int = 0,
    balance_fen: int = 0,
    *,
    commit: bool = True,
    audit: bool = True,
) -> str:
    """A member with an opening balance and points; returns the member id. The opening amounts
    are one ledger row (every change of points or balance has one), audited as
    ``member.create``."""
    require(actor, Perm.MANAGE_CATALOG)
    s = uow.session
    mobile = normalise_phone(phone)
    member_name = _text(name, "name", "member_name", MAX_NAME, "the name")
    opening_points = _int_in(points, "points", "member_points", 0, MAX_POINTS, "the points")
    opening_fen = _int_in(balance_fen, "balance_fen", "member_balance", 0, MAX_FEN, "the balance")
    if s.scalar(select(Member.id).where(Member.phone == mobile)) is not None:
        raise Conflict(
            f"a member with phone {mobile[:3]}****{mobile[-4:]} already exists",
            code="member_exists",
            field="phone",
        )
    now = uow.clock.now()
    member_id = str(new_id())
    try:
        with s.begin_nested():
            s.add(
                Member(
                    id=member_id,
                    enterprise_id=_enterprise_id(s),
                    phone=mobile,
                    name=member_name,
                    points=opening_points,
                    balance_fen=opening_fen,
                    status="active",
                    created_at=now,
                    updated_at=now,
                )
            )
            s.flush()
    except IntegrityError:
        raise Conflict(
            "a member with this phone was added meanwhile", code="member_exists", field="phone"
        ) from None
    if opening_points or opening_fen:
        s.add(
            MemberLedger(
                id=str(new_id()),
                member_id=member_id,
                request_id=f"opening-{member_id}",
                kind="topup",
                points_delta=opening_points,
                balance_delta_fen=opening_fen,
                points_after=opening_points,
                balance_after_fen=opening_fen,
                staff_id=actor.staff_id,
                note="opening balance",
                at=now,
            )
        )
    if audit:
        _audit(
            s,
            now,
            actor,
            "member.create",
            f"{mobile[:3]}****{mobile[-4:]}",
            {"member_id": member_id, "points": opening_points, "balance_fen": opening_fen},
        )
    if commit:
        uow.commit()
    return member_id
