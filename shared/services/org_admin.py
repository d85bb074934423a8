"""Organisation management in the back office (SPEC §1, §14, §15): stores (门店), terminals
(收银终端) and staff (员工) at head office.

Runs on the central database. Every write needs ``Perm.MANAGE_STAFF`` (admins), re-checks that
the signed-in admin is still an enabled admin (an account disabled meanwhile stops at once),
validates first — a bad field is a ``ValidationError`` whose ``code`` names the problem and
whose ``details["field"]`` names the field, and nothing is written —, writes, audits
(``AuditEntry``: never a password, PIN or hash in ``detail``) and commits once. Stores, terminals,
staff and their stores are head-office data: each write runs under ``changelog.capture``, so the
rows reach every terminal by pull in the same transaction's order.

Reading: an admin reads everything; a manager may read the terminals (``configure_terminal``)
and the staff (``review_shifts``) of their own stores, read-only.

- **Stores**: the code is 1–16 letters or digits, stored upper case (terminals register with it,
  upper-cased), unique regardless of case, and fixed once a terminal was registered to the store
  (each terminal keeps it). The settlement period is day / week / month; the fee rate is basis
  points, 0–10000 (the back office shows it as a percent). A CSV import (UTF-8 with or without
  BOM, or GB18030; Chinese or English headers; ``#`` lines are notes) adds the good rows in one
  transaction and reports every bad cell by row, column and reason; a code that exists already,
  or twice in the file, is reported and never overwritten.
- **Terminals**: a number 1–99 (it is printed in receipt numbers, two digits), unique across the
  enterprise; a store that is closed gets no new terminal. Retiring one sets ``status='retired'``
  (its registration is refused from then on) and quarantines its card-key leases
  (``card_key_issue.quarantine``: their keys never go back to the pool by themselves).
- **Staff**: the account (letters, digits, ``. _ - @``, 64 at most) is unique regardless of case
  and cannot be changed; roles from ``Role``; everyone but an admin works at one store at least.
  A password (``auth.validate_password``) and an optional PIN (``auth.validate_pin``) are typed
  by the admin or generated and handed back ONCE. Deleting an account sets ``deleted_at`` and
  disables it: the row stays, so every sale, redemption and audit entry keeps its author; a
  deleted account cannot sign in and is left out of lists unless asked for. An admin cannot
  disable, delete or demote themselves, and the last enabled admin cannot be disabled, deleted or
  demoted (their rows are locked while counting on PostgreSQL, so two admins disabling each
  other at once cannot leave nobody).
"""

from __future__ import annotations

import csv
import io
import re
import secrets
import unicodedata
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from shared.db.models import AuditEntry, Enterprise, Staff, StaffStore, Store, Terminal
from shared.db.queries import org_admin as q
from shared.db.queries.org_admin import StaffRow, StoreChoice, StoreRow, TerminalRow
from shared.db.uow import UnitOfWork
from shared.domain.errors import (
    ConfigurationError,
    Conflict,
    NotFound,
    PermissionDenied,
    ValidationError,
)
from shared.domain.ids import new_id
from shared.domain.permissions import Perm, Role
from shared.services import csv_text
from shared.services.auth import Actor, hash_secret, require, validate_password, validate_pin
from shared.sync import card_key_issue, changelog

__all__ = [
    "StaffRow",
    "StoreChoice",
    "StoreRow",
    "TerminalRow",
]

STORE_STATUSES = ("open", "closed")
SETTLEMENT_PERIODS = ("day", "week", "month")
TERMINAL_STATUSES = ("active", "retired")
ROLES = tuple(r.value for r in Role)
MAX_CODE = 16
MAX_STORE_NAME = 100
MAX_ADDRESS = 200
MAX_PHONE = 40
MAX_INTRODUCTION = 2000
MAX_FEE_BP = 10_000
MAX_TERMINAL = 99
MAX_TERMINAL_NAME = 60
MAX_ACCOUNT = 64
MAX_STAFF_NAME = 60
MAX_POSITION = 60
MAX_PAGE = 500
MAX_FILTER_TEXT = 64
MAX_IMPORT_BYTES = 5 * 1024 * 1024
MAX_IMPORT_ROWS = 5_000
#: the longest value an audit entry keeps of a changed field
AUDIT_VALUE = 200
#: generated secrets: no look-alikes (0/O, 1/l/I)
_PASSWORD_ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
GENERATED_PASSWORD_LENGTH = 10
GENERATED_PIN_LENGTH = 6

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_CONTROL_MULTILINE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_CODE = re.compile(r"[A-Z0-9]{1,16}")
_ACCOUNT = re.compile(r"[A-Za-z0-9._@-]{1,64}")
_PHONE = re.compile(r"[0-9+\-()/#*,、 转]+")


# -- data in and out -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Page:
    rows: list
    #: rows matching the filters, over every page
    total: int
    offset: int


@dataclass(frozen=True)
class StoreInput:
    code: str
    name: str
    address: str = ""
    phone: str = ""
    introduction: str = ""
    status: str = "open"
    settlement_period: str = "month"
    #: basis points: 60 = 0.6 %
    fee_rate_bp: int = 0


def input_from_store(row: StoreRow) -> StoreInput:
    """The input that would save ``row`` unchanged (the edit dialog starts from it)."""
    return StoreInput(
        code=row.code,
        name=row.name,
        address=row.address,
        phone=row.phone,
        introduction=row.introduction,
        status=row.status,
        settlement_period=row.settlement_period,
        fee_rate_bp=row.fee_rate_bp,
    )


@dataclass(frozen=True)
class StoreQuery:
    text: str | None = None
    status: str | None = None


@dataclass(frozen=True)
class TerminalQuery:
    store_id: str | None = None
    status: str | None = None


@dataclass(frozen=True)
class StaffInput:
    account: str
    name: str
    position: str = ""
    roles: tuple[str, ...] = ()
    store_ids: tuple[str, ...] = ()
    enabled: bool = True


def input_from_staff(row: StaffRow) -> StaffInput:
    return StaffInput(
        account=row.account,
        name=row.name,
        position=row.position,
        roles=row.roles,
        store_ids=row.store_ids,
        enabled=row.enabled,
    )


@dataclass(frozen=True)
class StaffQuery:
    text: str | None = None
    role: str | None = None
    store_id: str | None = None
    enabled: bool | None = None
    include_deleted: bool = False


@dataclass(frozen=True)
class StaffSaved:
    """A saved account, with the secrets generated for it — to be shown once, never stored."""

    row: StaffRow
    password: str | None = None
    pin: str | None = None


@dataclass(frozen=True)
class SecretReset:
    row: StaffRow
    #: the generated secret (None: the admin typed it)
    secret: str | None
    #: the account was locked after wrong attempts; the reset unlocked it
    unlocked: bool = False


@dataclass(frozen=True)
class RowProblem:
    """A rejected row of an import: its row number as a spreadsheet shows it (the header is
    row 1), the column's header, the reason."""

    row: int
    column: str
    code: str
    message: str
    value: str = ""


@dataclass(frozen=True)
class StoreImport:
    read: int
    imported: int
    #: codes of the stores added, in file order
    codes: list[str]
    problems: list[RowProblem]

    @property
    def rejected(self) -> int:
        return len({p.row for p in self.problems})


# -- small checks ----------------------------------------------------------------------------------


def _bad(field_name: str, code: str, message: str, **details: object) -> ValidationError:
    return ValidationError(message, code=code, field=field_name, **details)


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _text(
    value: object,
    field_name: str,
    code: str,
    limit: int,
    what: str,
    *,
    required: bool = False,
    multiline: bool = False,
) -> str:
    if value is not None and not isinstance(value, str):
        raise _bad(field_name, code, f"{what} must be text")
    text = unicodedata.normalize("NFC", value or "").strip()
    if multiline:
        text = text.replace("\r\n", "\n")
    if required and not text:
        raise _bad(field_name, code, f"give {what}", reason="required")
    if len(text) > limit:
        raise _bad(
            field_name,
            code,
            f"{what} is too long (at most {limit} characters)",
            reason="too_long",
            limit=limit,
        )
    if (_CONTROL_MULTILINE if multiline else _CONTROL).search(text):
        raise _bad(field_name, code, f"{what} contains control characters", reason="control")
    return text


def _choice(value: object, choices: Sequence[str], field_name: str, code: str, what: str) -> str:
    if not isinstance(value, str) or value not in choices:
        raise _bad(
            field_name,
            code,
            f"unknown {what} {str(value)[:20]!r} (one of {', '.join(choices)})",
            value=str(value)[:20],
        )
    return value


def _key(value: object, field_name: str, code: str, what: str) -> str:
    try:
        return str(uuid.UUID(str(value or "").strip()))
    except ValueError:
        raise NotFound(f"no such {what}", code=code, field=field_name) from None


def _page_bounds(offset: object, limit: object) -> tuple[int, int]:
    if not _is_int(limit) or not 1 <= limit <= MAX_PAGE:
        raise ValidationError(f"a page holds 1 to {MAX_PAGE} rows", code="page_size")
    if not _is_int(offset) or offset < 0:
        raise ValidationError("a page offset is zero or more", code="page_offset")
    return int(offset), int(limit)


def _filter_text(value: object, field_name: str = "text") -> str | None:
    return _text(value, field_name, "text_too_long", MAX_FILTER_TEXT, "the search text") or None


def _flag(value: object, field_name: str) -> bool | None:
    if value is None or isinstance(value, bool):
        return value
    raise _bad(field_name, "filter_flag", f"{field_name} is yes, no or any")


def check_store_code(value: object) -> str:
    """A store code, upper-cased: 1–16 ASCII letters or digits."""
    if value is not None and not isinstance(value, str):
        raise _bad("code", "store_code", "the store code must be text")
    code = unicodedata.normalize("NFKC", value or "").strip().upper()
    if not code:
        raise _bad("code", "store_code", "give the store code", reason="required")
    if len(code) > MAX_CODE:
        raise _bad(
            "code",
            "store_code",
            f"the store code is at most {MAX_CODE} characters",
            reason="too_long",
            limit=MAX_CODE,
        )
    if not _CODE.fullmatch(code):
        raise _bad(
            "code",
            "store_code",
            "the store code is letters and digits only (e.g. S03)",
            reason="format",
            value=code[:20],
        )
    return code


def check_phone(value: object) -> str:
    """A phone number as people write it (``021-6288 0101``, ``+86 138 0013 8000``,
    ``400-820-8820转1``); full-width digits become ASCII. Empty: none."""
    if value is not None and not isinstance(value, str):
        raise _bad("phone", "store_phone", "the phone number must be text")
    text = unicodedata.normalize("NFKC", value or "").strip()
    if not text:
        return ""
    if len(text) > MAX_PHONE:
        raise _bad(
            "phone",
            "store_phone",
            f"the phone number is at most {MAX_PHONE} characters",
            reason="too_long",
            limit=MAX_PHONE,
        )
    if not _PHONE.fullmatch(text) or not any(c.isdigit() for c in text):
        raise _bad(
            "phone",
            "store_phone",
            "a phone number is digits, spaces and + - ( ) only (e.g. 021-6288 0101)",
            reason="format",
            value=text[:40],
        )
    return text


def check_fee_rate(value: object) -> int:
    if not _is_int(value) or not 0 <= value <= MAX_FEE_BP:
        raise _bad(
            "fee_rate_bp",
            "store_fee",
            "the fee rate is 0 to 100 % (0 to 10000 basis points)",
            value=str(value)[:20],
        )
    return int(value)


def parse_percent(text: str) -> int:
    """``0.6`` / ``0.6%`` / ``0.60 %`` -> 60 basis points; at most two decimals, 0–100."""
    cleaned = unicodedata.normalize("NFKC", text or "").strip().rstrip("%").strip()
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        value = Decimal("NaN")
    if not value.is_finite():
        raise ValidationError(
            "the fee rate is a percent such as 0.6 or 3",
            code="store_fee",
            field="fee_rate_bp",
            value=cleaned[:20],
        )
    bp = value * 100
    if bp != bp.to_integral_value():
        raise ValidationError(
            "the fee rate has at most two decimals",
            code="store_fee",
            field="fee_rate_bp",
            value=cleaned[:20],
        )
    return check_fee_rate(int(bp))


def _jsonable(value: object) -> object:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, (tuple, set, frozenset)):
        return [_jsonable(v) for v in sorted(value) if v is not None]
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    if isinstance(value, str) and len(value) > AUDIT_VALUE:
        return value[:AUDIT_VALUE] + "…"
    return value


def _audit(
    session: Session,
    now: datetime,
    actor: Actor,
    action: str,
    target: str,
    detail: dict,
    *,
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


def _changes(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list]:
    return {k: [_jsonable(before[k]), _jsonable(v)] for k, v in after.items() if before[k] != v}


def _writer(uow: UnitOfWork, actor: Actor, *, lock_admins: bool = False) -> Session:
    """The session of a head-office write by an admin still allowed to make it: ``manage_staff``,
    and their own account still enabled and an admin's (it may have changed since they signed
    in). Head-office rows written through it are logged for the terminals.

    ``lock_admins`` (staff writes): take the enabled admins' rows first, in id order, before any
    other row — every staff write locks in the same order, so two admins changing each other
    at once wait for one another instead of deadlocking, and the check below reads what the
    other committed."""
    require(actor, Perm.MANAGE_STAFF)
    s = uow.session
    if lock_admins:
        q.enabled_admins(s, lock=True)
    me = s.scalars(
        select(Staff).where(Staff.id == actor.staff_id).execution_options(populate_existing=True)
    ).first()
    if (
        me is None
        or not me.enabled
        or me.deleted_at is not None
        or Role.ADMIN.value not in (me.roles or "").split(",")
    ):
        raise PermissionDenied(
            "your account was disabled or changed meanwhile: sign in again",
            code="actor_revoked",
        )
    changelog.capture(s, uow.clock)
    return s


def _read_scope(actor: Actor, perm: Perm) -> frozenset[str] | None:
    """None: everything (an admin); else the stores a manager may read (``perm``)."""
    if actor.can(Perm.MANAGE_STAFF):
        return None
    require(actor, perm)
    return actor.store_ids


# -- stores ----------------------------------------------------------------------------------------


def _find_store(session: Session, store_id: object, *, lock: bool = False) -> Store:
    key = _key(store_id, "store_id", "store_not_found", "store")
    stmt = select(Store).where(Store.id == key)
    if lock:
        stmt = stmt.with_for_update()
    store = session.scalars(stmt).first()
    if store is None:
        raise NotFound("no such store", code="store_not_found", value=key)
    return store


def _code_taken(code: str) -> ValidationError:
    return _bad("code", "store_code_taken", f"a store with code {code} exists already", value=code)


def _validate_store(session: Session, data: StoreInput, store: Store | None) -> dict[str, Any]:
    """Every field of ``data`` checked, in the order the dialog shows them."""
    if not isinstance(data, StoreInput):
        raise ValidationError("not a store", code="store_input")
    code = check_store_code(data.code)
    other = q.store_id_by_code(session, code)
    if other is not None and (store is None or other != store.id):
        raise _code_taken(code)
    if store is not None and code != store.code and q.store_terminal_count(session, store.id):
        raise _bad(
            "code",
            "store_code_in_use",
            f"store {store.code} has registered terminals: its code cannot change",
            value=store.code,
        )
    columns: dict[str, Any] = {"code": code}
    columns["name"] = _text(
        data.name, "name", "store_name", MAX_STORE_NAME, "the store name", required=True
    )
    columns["address"] = _text(data.address, "address", "store_address", MAX_ADDRESS, "the address")
    columns["phone"] = check_phone(data.phone)
    columns["introduction"] = _text(
        data.introduction,
        "introduction",
        "store_introduction",
        MAX_INTRODUCTION,
        "the introduction",
        multiline=True,
    )
    columns["status"] = _choice(data.status, STORE_STATUSES, "status", "store_status", "status")
    columns["settlement_period"] = _choice(
        data.settlement_period,
        SETTLEMENT_PERIODS,
        "settlement_period",
        "store_period",
        "settlement period",
    )
    columns["fee_rate_bp"] = check_fee_rate(data.fee_rate_bp)
    return columns


def _flush_code(session: Session, code: str) -> None:
    """Flush, turning a code taken meanwhile (the unique index) into the field's refusal."""
    try:
        with session.begin_nested():
            session.flush()
    except IntegrityError:
        raise _code_taken(code) from None


def _enterprise_id(session: Session) -> str:
    ent = session.scalar(select(Enterprise.id).limit(1))
    if ent is None:
        raise ConfigurationError("the central database has no enterprise yet", code="no_enterprise")
    return str(ent)


def list_stores(
    uow: UnitOfWork,
    actor: Actor,
    query: StoreQuery | None = None,
    offset: int = 0,
    limit: int = 100,
) -> Page:
    """One page of stores by code, with their active terminals and staff counted."""
    require(actor, Perm.MANAGE_STAFF)
    f = query or StoreQuery()
    offset, limit = _page_bounds(offset, limit)
    status = None
    if f.status:
        status = _choice(f.status, STORE_STATUSES, "status", "store_status", "status")
    qf = q.StoreFilter(text=_filter_text(f.text), status=status)
    s = uow.session
    total = q.count_stores(s, qf)
    rows = q.list_stores(s, qf, offset=offset, limit=limit) if offset < total else []
    return Page(rows, total, offset)


def store_detail(uow: UnitOfWork, actor: Actor, store_id: str) -> StoreRow:
    scope = _read_scope(actor, Perm.CONFIGURE_TERMINAL)
    key = _key(store_id, "store_id", "store_not_found", "store")
    row = q.store_row(uow.session, key)
    if row is None or (scope is not None and key not in scope):
        raise NotFound("no such store", code="store_not_found", value=key)
    return row


def store_choices(uow: UnitOfWork, actor: Actor) -> list[StoreChoice]:
    """The stores ``actor`` may see in a filter or pick for a person: an admin every store, a
    manager (who may review shifts or configure terminals) their own."""
    if actor.can(Perm.MANAGE_STAFF):
        return q.store_choices(uow.session, None)
    if not (actor.can(Perm.REVIEW_SHIFTS) or actor.can(Perm.CONFIGURE_TERMINAL)):
        require(actor, Perm.MANAGE_STAFF)
    return q.store_choices(uow.session, actor.store_ids)


def create_store(uow: UnitOfWork, actor: Actor, data: StoreInput) -> StoreRow:
    """A new store. Audited as ``store.create``."""
    s = _writer(uow, actor)
    columns = _validate_store(s, data, None)
    now = uow.clock.now()
    store_id = str(new_id())
    s.add(
        Store(
            id=store_id,
            enterprise_id=_enterprise_id(s),
            created_at=now,
            updated_at=now,
            **columns,
        )
    )
    _flush_code(s, columns["code"])
    _audit(s, now, actor, "store.create", columns["code"], columns, store_id=store_id)
    uow.commit()
    return store_detail(uow, actor, store_id)


def update_store(uow: UnitOfWork, actor: Actor, store_id: str, data: StoreInput) -> StoreRow:
    """Change a store. Audited as ``store.update`` with each changed field's old and new value
    (nothing changed: nothing written)."""
    s = _writer(uow, actor)
    store = _find_store(s, store_id, lock=True)
    columns = _validate_store(s, data, store)
    changed = _changes({k: getattr(store, k) for k in columns}, columns)
    if not changed:
        return store_detail(uow, actor, store.id)
    now = uow.clock.now()
    for name, value in columns.items():
        setattr(store, name, value)
    store.updated_at = now
    _flush_code(s, columns["code"])
    _audit(s, now, actor, "store.update", store.code, {"changed": changed}, store_id=store.id)
    uow.commit()
    return store_detail(uow, actor, store.id)


def set_store_status(uow: UnitOfWork, actor: Actor, store_id: str, status: str) -> StoreRow:
    """Open or close a store (the list's switch). Audited as ``store.open`` / ``store.close``."""
    s = _writer(uow, actor)
    status = _choice(status, STORE_STATUSES, "status", "store_status", "status")
    store = _find_store(s, store_id, lock=True)
    if store.status == status:
        return store_detail(uow, actor, store.id)
    now = uow.clock.now()
    store.status, store.updated_at = status, now
    action = "store.open" if status == "open" else "store.close"
    _audit(s, now, actor, action, store.code, {"name": store.name}, store_id=store.id)
    uow.commit()
    return store_detail(uow, actor, store.id)


# -- store import ----------------------------------------------------------------------------------

#: the columns of a store import, with the header names a sheet may use (the first is the
#: template's)
IMPORT_COLUMNS: dict[str, tuple[str, ...]] = {
    "code": ("门店编码", "门店代码", "编码", "code", "storecode", "store_code"),
    "name": ("门店名称", "名称", "门店", "name", "storename", "store_name"),
    "address": ("地址", "门店地址", "address"),
    "phone": ("电话", "联系电话", "门店电话", "phone", "tel", "telephone"),
    "introduction": ("简介", "门店简介", "介绍", "introduction", "intro", "description"),
    "status": ("状态", "营业状态", "status"),
    "settlement_period": (
        "结算周期",
        "结算方式",
        "settlementperiod",
        "settlement_period",
        "period",
    ),
    "fee_rate": ("费率(%)", "费率", "佣金费率(%)", "扣点(%)", "feerate(%)", "fee_rate", "feerate"),
}
REQUIRED_COLUMNS = ("code", "name")
_STATUS_WORDS = {
    "open": "open",
    "营业": "open",
    "营业中": "open",
    "开业": "open",
    "closed": "closed",
    "close": "closed",
    "停业": "closed",
    "关闭": "closed",
    "闭店": "closed",
}
_PERIOD_WORDS = {
    "day": "day",
    "daily": "day",
    "日": "day",
    "日结": "day",
    "按日": "day",
    "week": "week",
    "weekly": "week",
    "周": "week",
    "周结": "week",
    "按周": "week",
    "month": "month",
    "monthly": "month",
    "月": "month",
    "月结": "month",
    "按月": "month",
}
#: the template: its header and a note line (``#`` lines are skipped on import)
TEMPLATE_HEADER = ("门店编码", "门店名称", "地址", "电话", "简介", "状态", "结算周期", "费率(%)")
TEMPLATE_NOTES = (
    "# 说明：以 # 开头的行不会导入。门店编码 1-16 位字母或数字且不能重复；门店名称必填；"
    "状态：营业/停业（留空为营业）；结算周期：日/周/月（留空为月）；费率为百分数，如 0.6（留空为 0）",
    "# 示例：S09,星辰便利店 浦东店,上海市浦东新区世纪大道 100 号,021-5888 0909,24 小时营业,营业,月,0.6",
)


def write_store_template(path: str | Path) -> Path:
    """The downloadable CSV template (UTF-8 with BOM, which Excel opens correctly): the header
    row and two note lines, which the import skips."""
    path = Path(path)
    if path.suffix.lower() != ".csv":
        raise ValidationError("the template is a .csv file", code="export_format")
    partial = path.with_name(path.name + ".part")
    try:
        with partial.open("w", encoding="utf-8-sig", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(TEMPLATE_HEADER)
            for note in TEMPLATE_NOTES:
                fh.write(note + "\r\n")
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)
    return path


def decode_csv(data: bytes) -> str:
    """UTF-8 (with or without BOM) or GB18030 text; anything else is refused."""
    return csv_text.decode(data, max_bytes=MAX_IMPORT_BYTES)


_norm_header = csv_text.norm_header

_ALIASES = {_norm_header(alias): key for key, names in IMPORT_COLUMNS.items() for alias in names}


def _header(row: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for i, cell in enumerate(row):
        key = _ALIASES.get(_norm_header(cell))
        if key is None:
            continue
        if key in found:
            raise ValidationError(
                f"the column '{cell.strip()}' is given twice",
                code="import_columns",
                column=cell.strip()[:40],
            )
        found[key] = i
    missing = [k for k in REQUIRED_COLUMNS if k not in found]
    if missing:
        raise ValidationError(
            f"the header row lacks the columns: {', '.join(missing)}",
            code="import_columns",
            missing=[IMPORT_COLUMNS[k][0] for k in missing],
        )
    return found


def _rows(text: str) -> Iterable[tuple[int, list[str]]]:
    first = next((ln for ln in text.splitlines() if ln.strip()), "")
    delimiter = max((",", "\t", ";"), key=lambda d: (first.count(d), d == ","))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        yield from enumerate(reader, start=1)
    except csv.Error as exc:
        raise ValidationError(
            f"line {reader.line_num}: the CSV is malformed ({exc})",
            code="file_csv",
            line=reader.line_num,
        ) from None


class _Bad(Exception):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def _cell(read, value: str):
    """Run a field check on one cell, turning its refusal into the cell's problem."""
    try:
        return read(value)
    except ValidationError as exc:
        reason = exc.details.get("reason")
        code = {
            "required": "import_required",
            "too_long": "import_too_long",
            "control": "import_control",
        }.get(str(reason), exc.code)
        raise _Bad(code, exc.message) from None


def _cell_status(value: str) -> str:
    text = unicodedata.normalize("NFKC", value).strip().lower()
    if not text:
        return "open"
    if text not in _STATUS_WORDS:
        raise _Bad("import_status", "the status is open or closed (营业/停业)")
    return _STATUS_WORDS[text]


def _cell_period(value: str) -> str:
    text = unicodedata.normalize("NFKC", value).strip().lower()
    if not text:
        return "month"
    if text not in _PERIOD_WORDS:
        raise _Bad("import_period", "the settlement period is day, week or month (日/周/月)")
    return _PERIOD_WORDS[text]


def _cell_fee(value: str) -> int:
    if not value.strip():
        return 0
    try:
        return parse_percent(value)
    except ValidationError:
        raise _Bad(
            "import_fee", "the fee rate is a percent from 0 to 100 with two decimals at most"
        ) from None


def import_stores_csv(
    uow: UnitOfWork, actor: Actor, data: bytes, file_name: str = ""
) -> StoreImport:
    """Import stores from CSV (see the module). File-level problems (the encoding, a missing
    column, a malformed file) refuse the file and change nothing; row problems are reported by
    row, column and reason and the other rows added, all in one transaction. Audited as
    ``store.import`` (the counts and the codes added)."""
    s = _writer(uow, actor)
    text = decode_csv(data)
    now = uow.clock.now()
    records = [
        (n, r)
        for n, r in _rows(text)
        if any(c.strip() for c in r) and not r[0].lstrip().startswith("#")
    ]
    if not records:
        raise ValidationError("the file is empty", code="import_empty")
    if len(records) > MAX_IMPORT_ROWS + 1:
        raise ValidationError(
            f"the file has more than {MAX_IMPORT_ROWS} stores: split it",
            code="file_too_many_rows",
            limit=MAX_IMPORT_ROWS,
        )
    header_row = records[0][1]
    cols = _header(header_row)
    names = {k: header_row[i].strip() for k, i in cols.items()}
    readers = {
        "code": lambda v: _cell(check_store_code, v),
        "name": lambda v: _cell(
            lambda x: _text(
                x, "name", "store_name", MAX_STORE_NAME, "the store name", required=True
            ),
            v,
        ),
        "address": lambda v: _cell(
            lambda x: _text(x, "address", "store_address", MAX_ADDRESS, "the address"), v
        ),
        "phone": lambda v: _cell(check_phone, v),
        "introduction": lambda v: _cell(
            lambda x: _text(
                x,
                "introduction",
                "store_introduction",
                MAX_INTRODUCTION,
                "the introduction",
                multiline=True,
            ),
            v,
        ),
        "status": _cell_status,
        "settlement_period": _cell_period,
        "fee_rate": _cell_fee,
    }
    problems: list[RowProblem] = []
    parsed: list[tuple[int, dict[str, Any]]] = []
    for number, record in records[1:]:
        row: dict[str, Any] = {}
        row_problems: list[RowProblem] = []
        for key, read in readers.items():
            i = cols.get(key)
            raw = record[i] if i is not None and i < len(record) else ""
            try:
                row[key] = read(raw)
            except _Bad as bad:
                row_problems.append(
                    RowProblem(number, names.get(key, key), bad.code, bad.message, raw.strip()[:40])
                )
        if row_problems:
            problems.extend(row_problems)
        else:
            parsed.append((number, row))
    taken = q.codes_taken(s, [r["code"] for _, r in parsed])
    seen: dict[str, int] = {}
    good: list[tuple[int, dict[str, Any]]] = []
    for number, row in parsed:
        code = row["code"]
        if code in taken:
            problems.append(
                RowProblem(
                    number,
                    names["code"],
                    "import_code_exists",
                    f"a store with code {code} exists already (not changed)",
                    code,
                )
            )
        elif code in seen:
            problems.append(
                RowProblem(
                    number,
                    names["code"],
                    "import_code_repeated",
                    f"code {code} is given twice in the file (row {seen[code]})",
                    code,
                )
            )
        else:
            seen[code] = number
            good.append((number, row))
    position = {names[k]: i for k, i in cols.items()}
    problems.sort(key=lambda p: (p.row, position.get(p.column, 0)))
    enterprise_id = _enterprise_id(s) if good else ""
    for _number, row in good:
        fee = row.pop("fee_rate")
        s.add(
            Store(
                id=str(new_id()),
                enterprise_id=enterprise_id,
                fee_rate_bp=fee,
                created_at=now,
                updated_at=now,
                **row,
            )
        )
    codes = [row["code"] for _, row in good]
    if good:
        try:
            with s.begin_nested():
                s.flush()
        except IntegrityError:
            raise Conflict(
                "another import or edit added one of these store codes meanwhile: import again",
                code="import_conflict",
            ) from None
    result = StoreImport(len(records) - 1, len(good), codes, problems)
    _audit(
        s,
        now,
        actor,
        "store.import",
        (file_name or "stores.csv")[:120],
        {
            "read": result.read,
            "imported": result.imported,
            "rejected": result.rejected,
            "codes": codes[:200],
        },
    )
    uow.commit()
    return result


# -- terminals -------------------------------------------------------------------------------------


def _find_terminal(session: Session, terminal_id: object, *, lock: bool = False) -> Terminal:
    key = _key(terminal_id, "terminal_id", "terminal_not_found", "terminal")
    stmt = select(Terminal).where(Terminal.id == key)
    if lock:
        stmt = stmt.with_for_update()
    term = session.scalars(stmt).first()
    if term is None:
        raise NotFound("no such terminal", code="terminal_not_found", value=key)
    return term


def check_terminal_number(value: object) -> int:
    if not _is_int(value) or not 1 <= value <= MAX_TERMINAL:
        raise _bad(
            "number",
            "terminal_number",
            f"a terminal number is 1 to {MAX_TERMINAL}",
            value=str(value)[:20],
        )
    return int(value)


def list_terminals(
    uow: UnitOfWork,
    actor: Actor,
    query: TerminalQuery | None = None,
    offset: int = 0,
    limit: int = 100,
) -> Page:
    """One page of terminals by store code and number: an admin's of every store, a manager's
    of their own stores."""
    scope = _read_scope(actor, Perm.CONFIGURE_TERMINAL)
    f = query or TerminalQuery()
    offset, limit = _page_bounds(offset, limit)
    status = None
    if f.status:
        status = _choice(f.status, TERMINAL_STATUSES, "status", "terminal_status", "status")
    store_id = None
    if f.store_id:
        store_id = _key(f.store_id, "store_id", "store_not_found", "store")
        if scope is not None and store_id not in scope:
            raise PermissionDenied(
                "you may see only your own stores' terminals",
                code="store_not_allowed",
                permission=Perm.CONFIGURE_TERMINAL.value,
            )
    qf = q.TerminalFilter(store_id=store_id, status=status, scope=scope)
    s = uow.session
    total = q.count_terminals(s, qf)
    rows = q.list_terminals(s, qf, offset=offset, limit=limit) if offset < total else []
    return Page(rows, total, offset)


def next_terminal_number(uow: UnitOfWork, actor: Actor) -> int | None:
    """The lowest free terminal number (a suggestion for the dialog); None when all are used."""
    require(actor, Perm.MANAGE_STAFF)
    return q.next_terminal_number(uow.session, MAX_TERMINAL)


def register_terminal(
    uow: UnitOfWork, actor: Actor, store_id: str, number: int, name: str = ""
) -> TerminalRow:
    """Give a store a new terminal number (the counter then registers with the store's code and
    this number). Audited as ``terminal.register``."""
    s = _writer(uow, actor)
    store = _find_store(s, store_id)
    number = check_terminal_number(number)
    label = _text(name, "name", "terminal_name", MAX_TERMINAL_NAME, "the terminal name")
    if store.status != "open":
        raise _bad(
            "store_id",
            "store_closed",
            f"store {store.code} is closed: open it before adding a terminal",
            store=store.code,
        )
    taken = q.terminal_by_number(s, number)
    if taken is not None:
        raise _bad(
            "number",
            "terminal_number_taken",
            f"terminal number {number} is already used by store {taken.store_code}: terminal "
            "numbers are unique across the enterprise because they appear in receipt numbers",
            value=number,
            store=taken.store_code,
        )
    now = uow.clock.now()
    term = Terminal(
        id=str(new_id()),
        store_id=store.id,
        number=number,
        name=label or f"{store.name} #{number}"[:MAX_TERMINAL_NAME],
        status="active",
        registered_at=now,
        last_push_at=None,
    )
    s.add(term)
    try:
        with s.begin_nested():
            s.flush()
    except IntegrityError:
        raise _bad(
            "number",
            "terminal_number_taken",
            f"terminal number {number} was taken meanwhile",
            value=number,
            store="",
        ) from None
    _audit(
        s,
        now,
        actor,
        "terminal.register",
        f"{store.code} #{number}",
        {"number": number, "name": term.name, "store": store.code},
        store_id=store.id,
    )
    uow.commit()
    row = q.terminal_row(s, term.id)
    assert row is not None
    return row


def retire_terminal(uow: UnitOfWork, actor: Actor, terminal_id: str) -> TerminalRow:
    """Retire a terminal for good: its registration is refused from then on, and its card-key
    leases are quarantined. Audited as ``terminal.retire``."""
    s = _writer(uow, actor)
    term = _find_terminal(s, terminal_id, lock=True)
    store = s.get(Store, term.store_id)
    code = store.code if store is not None else "?"
    if term.status == "retired":
        raise Conflict(
            f"terminal {term.number} of {code} is retired already",
            code="terminal_retired",
            number=term.number,
        )
    now = uow.clock.now()
    term.status = "retired"
    leases = card_key_issue.quarantine(
        s, now, term.id, actor.staff_id, f"terminal {term.number} retired"
    )
    _audit(
        s,
        now,
        actor,
        "terminal.retire",
        f"{code} #{term.number}",
        {"number": term.number, "name": term.name, "store": code, "leases_quarantined": leases},
        store_id=term.store_id,
    )
    uow.commit()
    row = q.terminal_row(s, term.id)
    assert row is not None
    return row


# -- staff -----------------------------------------------------------------------------------------


def _find_staff(session: Session, staff_id: object, *, lock: bool = False) -> Staff:
    key = _key(staff_id, "staff_id", "staff_not_found", "staff member")
    stmt = select(Staff).where(Staff.id == key).execution_options(populate_existing=True)
    if lock:
        stmt = stmt.with_for_update()
    staff = session.scalars(stmt).first()
    if staff is None:
        raise NotFound("no such staff member", code="staff_not_found", value=key)
    return staff


def _live(staff: Staff) -> None:
    if staff.deleted_at is not None:
        raise Conflict(
            f"the account {staff.account} was deleted", code="staff_deleted", account=staff.account
        )


def _roles_of(staff: Staff) -> set[str]:
    return {r for r in (staff.roles or "").split(",") if r}


def _check_roles(value: object) -> tuple[str, ...]:
    if isinstance(value, str) or not isinstance(value, (list, tuple, set, frozenset)):
        raise _bad("roles", "staff_roles", "choose the roles")
    chosen = set(value)
    unknown = [str(r)[:20] for r in chosen if r not in ROLES]
    if unknown:
        raise _bad("roles", "staff_roles", f"unknown role {unknown[0]!r}", value=unknown[0])
    if not chosen:
        raise _bad("roles", "staff_roles", "give the account one role at least", reason="required")
    return tuple(r for r in ROLES if r in chosen)


def _check_account(value: object) -> str:
    if value is not None and not isinstance(value, str):
        raise _bad("account", "staff_account", "the account must be text")
    account = (value or "").strip()
    if not account:
        raise _bad("account", "staff_account", "give the account", reason="required")
    if len(account) > MAX_ACCOUNT:
        raise _bad(
            "account",
            "staff_account",
            f"the account is at most {MAX_ACCOUNT} characters",
            reason="too_long",
            limit=MAX_ACCOUNT,
        )
    if not _ACCOUNT.fullmatch(account):
        raise _bad(
            "account",
            "staff_account",
            "the account is letters, digits and . _ - @ only",
            reason="format",
            value=account[:40],
        )
    return account


def _validate_staff(session: Session, data: StaffInput, staff: Staff | None) -> dict[str, Any]:
    if not isinstance(data, StaffInput):
        raise ValidationError("not a staff member", code="staff_input")
    account = _check_account(data.account)
    if staff is not None and account != staff.account:
        raise _bad(
            "account",
            "staff_account_fixed",
            "an account cannot be renamed: add a new one",
            value=staff.account,
        )
    if staff is None and q.account_taken(session, account) is not None:
        raise _bad(
            "account",
            "staff_account_taken",
            f"the account {account} exists already (perhaps deleted)",
            value=account,
        )
    columns: dict[str, Any] = {"account": account}
    columns["name"] = _text(
        data.name, "name", "staff_name", MAX_STAFF_NAME, "the name", required=True
    )
    columns["position"] = _text(
        data.position, "position", "staff_position", MAX_POSITION, "the position"
    )
    columns["roles"] = _check_roles(data.roles)
    if isinstance(data.store_ids, str) or not isinstance(
        data.store_ids, (list, tuple, set, frozenset)
    ):
        raise _bad("store_ids", "staff_stores", "choose the stores")
    wanted = set()
    for value in data.store_ids:
        try:
            wanted.add(str(uuid.UUID(str(value))))
        except ValueError:
            raise _bad(
                "store_ids", "staff_store_unknown", "no such store", value=str(value)[:40]
            ) from None
    known = q.existing_store_ids(session, wanted)
    missing = sorted(wanted - set(known))
    if missing:
        raise _bad("store_ids", "staff_store_unknown", "no such store", value=missing[0])
    if not known and Role.ADMIN.value not in columns["roles"]:
        raise _bad(
            "store_ids",
            "staff_stores",
            "choose the stores this person works at (only an admin may have none)",
            reason="required",
        )
    columns["store_ids"] = tuple(sorted(known, key=lambda i: known[i]))
    if not isinstance(data.enabled, bool):
        raise _bad("enabled", "staff_enabled", "enabled is yes or no")
    columns["enabled"] = data.enabled
    return columns


def _store_codes(session: Session, store_ids: Iterable[str]) -> list[str]:
    return sorted(q.existing_store_ids(session, set(store_ids)).values())


def _keep_an_admin(session: Session, staff: Staff, *, staying: bool) -> None:
    """Refuse when ``staff`` is an enabled admin now, will not be one after the change
    (``staying`` False) and no other enabled admin is left."""
    if staying or Role.ADMIN.value not in _roles_of(staff) or not staff.enabled:
        return
    if staff.deleted_at is not None:
        return
    others = [i for i in q.enabled_admins(session, lock=True) if i != staff.id]
    if not others:
        raise Conflict(
            f"{staff.name} ({staff.account}) is the last enabled admin: make another admin first",
            code="last_admin",
            account=staff.account,
        )


def _secret(value: str | None, kind: str) -> tuple[str, bool]:
    """The secret to set and whether it was generated (``value`` None or empty)."""
    if value is None or value == "":
        if kind == "pin":
            return "".join(secrets.choice("0123456789") for _ in range(GENERATED_PIN_LENGTH)), True
        return (
            "".join(secrets.choice(_PASSWORD_ALPHABET) for _ in range(GENERATED_PASSWORD_LENGTH)),
            True,
        )
    if not isinstance(value, str):
        raise ValidationError(f"the {kind} must be text", code=f"{kind}_format", field=kind)
    try:
        return (validate_pin(value) if kind == "pin" else validate_password(value)), False
    except ValidationError as exc:
        raise ValidationError(exc.message, code=exc.code, field=kind) from None


def list_staff(
    uow: UnitOfWork,
    actor: Actor,
    query: StaffQuery | None = None,
    offset: int = 0,
    limit: int = 100,
) -> Page:
    """One page of staff by account: an admin's of every store, a manager's (read-only) of the
    people who work at one of their stores. Deleted accounts only when asked for."""
    scope = _read_scope(actor, Perm.REVIEW_SHIFTS)
    f = query or StaffQuery()
    offset, limit = _page_bounds(offset, limit)
    role = _choice(f.role, ROLES, "role", "staff_roles", "role") if f.role else None
    store_id = None
    if f.store_id:
        store_id = _key(f.store_id, "store_id", "store_not_found", "store")
        if scope is not None and store_id not in scope:
            raise PermissionDenied(
                "you may see only your own stores' staff",
                code="store_not_allowed",
                permission=Perm.REVIEW_SHIFTS.value,
            )
    if not isinstance(f.include_deleted, bool):
        raise _bad("include_deleted", "filter_flag", "include_deleted is yes or no")
    qf = q.StaffFilter(
        text=_filter_text(f.text),
        role=role,
        store_id=store_id,
        enabled=_flag(f.enabled, "enabled"),
        include_deleted=f.include_deleted,
        scope=scope,
    )
    s = uow.session
    total = q.count_staff(s, qf)
    rows = q.list_staff(s, qf, offset=offset, limit=limit) if offset < total else []
    return Page(rows, total, offset)


def staff_detail(uow: UnitOfWork, actor: Actor, staff_id: str) -> StaffRow:
    scope = _read_scope(actor, Perm.REVIEW_SHIFTS)
    key = _key(staff_id, "staff_id", "staff_not_found", "staff member")
    row = q.staff_row(uow.session, key)
    if row is None or (scope is not None and not (set(row.store_ids) & scope)):
        raise NotFound("no such staff member", code="staff_not_found", value=key)
    return row


def _saved_row(uow: UnitOfWork, staff_id: str) -> StaffRow:
    row = q.staff_row(uow.session, staff_id)
    assert row is not None
    return row


def create_staff(
    uow: UnitOfWork,
    actor: Actor,
    data: StaffInput,
    *,
    password: str | None = None,
    pin: str | None = None,
    with_pin: bool = True,
) -> StaffSaved:
    """A new account. ``password`` / ``pin``: typed by the admin, or None to generate one
    (returned once in the result); ``with_pin=False`` and no ``pin``: no PIN (no counter login).
    Audited as ``staff.create`` (whether each secret was generated; never the secret)."""
    s = _writer(uow, actor)
    columns = _validate_staff(s, data, None)
    new_password, password_generated = _secret(password, "password")
    new_pin, pin_generated = (None, False)
    if pin or with_pin:
        new_pin, pin_generated = _secret(pin, "pin")
    now = uow.clock.now()
    staff_id = str(new_id())
    s.add(
        Staff(
            id=staff_id,
            enterprise_id=_enterprise_id(s),
            account=columns["account"],
            name=columns["name"],
            position=columns["position"],
            password_hash=hash_secret(new_password),
            pin_hash=hash_secret(new_pin) if new_pin else None,
            roles=",".join(columns["roles"]),
            enabled=columns["enabled"],
            failed_attempts=0,
            locked_until=None,
            deleted_at=None,
            created_at=now,
            updated_at=now,
        )
    )
    try:
        with s.begin_nested():
            s.flush()  # the staff row before its stores (the change log keeps parents first)
            for store_id in columns["store_ids"]:
                s.add(StaffStore(staff_id=staff_id, store_id=store_id))
            s.flush()
    except IntegrityError:
        raise _bad(
            "account",
            "staff_account_taken",
            f"the account {columns['account']} was added meanwhile",
            value=columns["account"],
        ) from None
    _audit(
        s,
        now,
        actor,
        "staff.create",
        columns["account"],
        {
            "name": columns["name"],
            "position": columns["position"],
            "roles": list(columns["roles"]),
            "stores": _store_codes(s, columns["store_ids"]),
            "enabled": columns["enabled"],
            "password_generated": password_generated,
            "pin_set": new_pin is not None,
            "pin_generated": pin_generated,
        },
    )
    uow.commit()
    return StaffSaved(
        _saved_row(uow, staff_id),
        new_password if password_generated else None,
        new_pin if pin_generated else None,
    )


def update_staff(uow: UnitOfWork, actor: Actor, staff_id: str, data: StaffInput) -> StaffRow:
    """Change an account's name, position, roles, stores and enabled flag (the account itself
    stays). Audited as ``staff.update`` with what changed."""
    s = _writer(uow, actor, lock_admins=True)
    staff = _find_staff(s, staff_id, lock=True)
    _live(staff)
    columns = _validate_staff(s, data, staff)
    roles_after = set(columns["roles"])
    if staff.id == actor.staff_id:
        if not columns["enabled"]:
            raise _bad("enabled", "self_disable", "you cannot disable your own account")
        if Role.ADMIN.value not in roles_after:
            raise _bad("roles", "self_demote", "you cannot take the admin role from yourself")
    _keep_an_admin(s, staff, staying=columns["enabled"] and Role.ADMIN.value in roles_after)
    stores_before = q.staff_store_ids(s, staff.id)
    before = {
        "name": staff.name,
        "position": staff.position or "",
        "roles": tuple(r for r in ROLES if r in _roles_of(staff)),
        "enabled": staff.enabled,
    }
    after = {k: columns[k] for k in before}
    changed = _changes(before, after)
    stores_after = set(columns["store_ids"])
    if stores_after != stores_before:
        changed["stores"] = [_store_codes(s, stores_before), _store_codes(s, stores_after)]
    if not changed:
        return _saved_row(uow, staff.id)
    now = uow.clock.now()
    staff.name, staff.position = columns["name"], columns["position"]
    staff.roles = ",".join(columns["roles"])
    staff.enabled = columns["enabled"]
    staff.updated_at = now
    for link in s.scalars(select(StaffStore).where(StaffStore.staff_id == staff.id)).all():
        if link.store_id not in stores_after:
            s.delete(link)
    for store_id in sorted(stores_after - stores_before):
        s.add(StaffStore(staff_id=staff.id, store_id=store_id))
    _audit(s, now, actor, "staff.update", staff.account, {"changed": changed})
    uow.commit()
    return _saved_row(uow, staff.id)


def set_staff_enabled(uow: UnitOfWork, actor: Actor, staff_id: str, enabled: bool) -> StaffRow:
    """Enable or disable an account. Audited as ``staff.enable`` / ``staff.disable``."""
    s = _writer(uow, actor, lock_admins=True)
    if not isinstance(enabled, bool):
        raise _bad("enabled", "staff_enabled", "enabled is yes or no")
    staff = _find_staff(s, staff_id, lock=True)
    _live(staff)
    if staff.enabled == enabled:
        return _saved_row(uow, staff.id)
    if not enabled:
        if staff.id == actor.staff_id:
            raise _bad("enabled", "self_disable", "you cannot disable your own account")
        _keep_an_admin(s, staff, staying=False)
    now = uow.clock.now()
    staff.enabled, staff.updated_at = enabled, now
    action = "staff.enable" if enabled else "staff.disable"
    _audit(s, now, actor, action, staff.account, {"name": staff.name})
    uow.commit()
    return _saved_row(uow, staff.id)


def delete_staff(uow: UnitOfWork, actor: Actor, staff_id: str) -> StaffRow:
    """Delete an account: ``deleted_at`` set and disabled; the row stays (every record keeps its
    author). Audited as ``staff.delete``."""
    s = _writer(uow, actor, lock_admins=True)
    staff = _find_staff(s, staff_id, lock=True)
    _live(staff)
    if staff.id == actor.staff_id:
        raise _bad("account", "self_delete", "you cannot delete your own account")
    _keep_an_admin(s, staff, staying=False)
    now = uow.clock.now()
    staff.deleted_at, staff.enabled, staff.updated_at = now, False, now
    staff.failed_attempts, staff.locked_until = 0, None
    _audit(
        s,
        now,
        actor,
        "staff.delete",
        staff.account,
        {"name": staff.name, "roles": sorted(_roles_of(staff))},
    )
    uow.commit()
    return _saved_row(uow, staff.id)


def _reset(
    uow: UnitOfWork, actor: Actor, staff_id: str, value: str | None, kind: str
) -> SecretReset:
    s = _writer(uow, actor)
    staff = _find_staff(s, staff_id, lock=True)
    _live(staff)
    secret, generated = _secret(value, kind)
    now = uow.clock.now()
    unlocked = bool(staff.locked_until is not None and staff.locked_until > now)
    if kind == "pin":
        staff.pin_hash = hash_secret(secret)
    else:
        staff.password_hash = hash_secret(secret)
    staff.failed_attempts, staff.locked_until = 0, None
    staff.updated_at = now
    _audit(
        s,
        now,
        actor,
        f"staff.reset_{kind}",
        staff.account,
        {"name": staff.name, "generated": generated, "unlocked": unlocked},
    )
    uow.commit()
    return SecretReset(_saved_row(uow, staff.id), secret if generated else None, unlocked)


def reset_password(
    uow: UnitOfWork, actor: Actor, staff_id: str, password: str | None = None
) -> SecretReset:
    """A new password, typed (``auth.validate_password``) or generated (handed back once); the
    account is unlocked. Audited as ``staff.reset_password``."""
    return _reset(uow, actor, staff_id, password, "password")


def reset_pin(uow: UnitOfWork, actor: Actor, staff_id: str, pin: str | None = None) -> SecretReset:
    """A new counter PIN, typed (``auth.validate_pin``) or generated (handed back once); the
    account is unlocked. Audited as ``staff.reset_pin``."""
    return _reset(uow, actor, staff_id, pin, "pin")
