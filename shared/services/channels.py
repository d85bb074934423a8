"""E-commerce channels (电商渠道) and channel orders (电商订单) in the back office (SPEC §8).

Runs on the central database, where channel shops and orders live (nothing here is copied to
terminals). Managing shops and orders needs ``Perm.MANAGE_CATALOG``; seeing or copying a card
key in clear needs ``Perm.REVEAL_CARD_KEYS`` and is audited. Shops and orders are
enterprise-wide: no store scope.

Every use case validates first (a bad field is a ``ValidationError`` whose ``code`` and
``details["field"]`` name it, and nothing is written), writes, audits (``AuditEntry``) and commits
once — except the batch operations that are one transaction per order on purpose:

- **Delivery** (电商发货, ``deliver_orders``): each selected order in its own transaction, so one
  sold-out order does not undo the others. An order is taken with ONE conditional update
  (``... WHERE delivered_at IS NULL AND paid AND NOT frozen ...``: the row count decides), then
  given its keys by ``card_key_issue.issue_for_order``; the unique index on the key's
  (sale, line, unit) is the last word should two deliveries ever both get past the update (the
  loser rolls back and reads the winner's keys). A delivered order is skipped and reported;
  unpaid, frozen, rejected and refunded orders are refused with their reason. Delivering is the
  order's redemption (兑换: the key is handed over): ``redeem_state`` becomes ``redeemed``, and the
  order gets a redeem code (核销码, the coupon code format of ``domain.coupons``) that a store's
  verifier station redeems once (``sync.channel_redeem``) and, when the shop has a redemption
  domain, a redemption link ``https://<domain>/r/<code>``.
- **After sale** (售后): a refund voids the order's live keys with the reason; a reissue voids them
  and issues the same number of new keys (``sync.channel_keys``), both audited.
- **Test orders** only may be deleted, after a confirmation; their keys are voided.
- **Import** (CSV exported by a channel): UTF-8 with or without BOM, or GB18030; a header row
  names the columns (Chinese or English names); an order already known (shop + order number),
  or listed twice in the file, is skipped and reported; bad rows are reported by row, column and
  reason; the good rows are inserted in one transaction.
- **Alerts**: paid orders waiting for their key, and delivered orders waiting for their
  verification, longer than ``ALERT_HOURS`` (24 h) by the central clock; shops whose balance
  changed sharply at its last change: by more than ``BALANCE_ALERT_BP`` (50 %) of the balance
  before AND by at least ``BALANCE_ALERT_MIN_FEN`` (100 yuan), so a shop starting from zero
  alerts on its first real top-up and small balances do not alert on pocket money. Each change
  of a shop's balance keeps the balance before it in ``last_balance_fen``.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import delete, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from shared.db.models import (
    AuditEntry,
    ChannelOrder,
    ChannelShop,
    CouponInstance,
    Product,
    Sku,
)
from shared.db.queries import channels as q
from shared.db.queries.channels import OrderRow, ShopRow
from shared.db.uow import UnitOfWork
from shared.domain import coupons as codes
from shared.domain.card_key_crypto import Keyring
from shared.domain.errors import Conflict, NotFound, ValidationError
from shared.domain.ids import new_id
from shared.domain.money import MAX_FEN, parse_yuan
from shared.domain.permissions import Perm
from shared.services import csv_text
from shared.services.auth import Actor, require
from shared.services.card_key_config import require_keyring, verify_keyring
from shared.sync import card_key_issue, channel_keys

__all__ = [
    "OrderRow",
    "ShopRow",
]

CHANNEL_TYPES = ("taobao", "pinduoduo", "jd", "douyin", "other")
ORIGINS = ("platform", "channel")
TABS = ("all", "platform", "channel")
REDEEM_STATES = ("pending", "redeemed")
VERIFY_STATES = ("pending", "verified")
AFTER_SALE_STATES = ("none", "pending", "refunded", "reissued")
AFTER_SALE_ACTIONS = ("refund", "reissue")
#: what ``mark_orders`` does to the selected orders
MARKS = ("freeze", "unfreeze", "reject", "after_sale")

MAX_NAME = 60
MAX_USER_ID = 64
MAX_ACCOUNT = 64
MAX_DOMAIN = 120
MAX_REASON = 200
MAX_ORDER_NO = 64
MAX_SKU_CODE = 40
MAX_SORT = 1_000_000
MAX_PAGE = 500
MAX_FILTER_TEXT = 64
#: the most orders one batch operation (delivery, delete, mark) takes
MAX_BATCH = 500
#: the most order numbers a refusal lists (the count says how many there are)
LISTED = 20
MAX_QUANTITY = card_key_issue.MAX_UNITS
MAX_IMPORT_BYTES = 20 * 1024 * 1024
MAX_IMPORT_ROWS = 50_000
#: an order waiting for its key or its verification longer than this is an alert
ALERT_HOURS = 24
#: a balance change above this share of the balance before (basis points) ...
BALANCE_ALERT_BP = 5_000
#: ... and at least this large is "sharp"
BALANCE_ALERT_MIN_FEN = 10_000
#: dates without a time (the filters, a CSV's created time) are days / times in this zone
CHINA_TZ = "Asia/Shanghai"
CODE_ATTEMPTS = 5
_EARLIEST = datetime(2000, 1, 1, tzinfo=UTC)
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")


# -- data in and out -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ShopInput:
    """A channel shop as the back office gives it (money in fen)."""

    name: str
    channel_type: str
    channel_user_id: str = ""
    balance_fen: int = 0
    redemption_domain: str = ""
    account: str = ""
    enabled: bool = True
    sort_order: int = 0


def input_from_shop(row: ShopRow) -> ShopInput:
    """The input that would save ``row`` unchanged (the edit dialog starts from it)."""
    return ShopInput(
        name=row.name,
        channel_type=row.channel_type,
        channel_user_id=row.channel_user_id,
        balance_fen=row.balance_fen,
        redemption_domain=row.redemption_domain,
        account=row.account,
        enabled=row.enabled,
        sort_order=row.sort_order,
    )


@dataclass(frozen=True)
class ShopQuery:
    """The shop list's filters: part of the name, domain or user id; a type; enabled or not."""

    text: str | None = None
    channel_type: str | None = None
    enabled: bool | None = None


@dataclass(frozen=True)
class OrderQuery:
    """The order list's tab and filters. A ``date`` is a whole day in China time (both ends
    inclusive); a ``datetime`` is an instant (aware). None: any."""

    tab: str = "all"
    order_no: str | None = None
    user_id: str | None = None
    shop_id: str | None = None
    created_from: date | datetime | None = None
    created_to: date | datetime | None = None
    redeemed_from: date | datetime | None = None
    redeemed_to: date | datetime | None = None
    redeem_state: str | None = None
    verify_state: str | None = None
    after_sale: str | None = None
    frozen: bool | None = None
    rejected: bool | None = None
    test: bool | None = None


@dataclass(frozen=True)
class Page:
    rows: list
    #: rows matching the filters, over every page
    total: int
    offset: int


@dataclass(frozen=True)
class BalanceAlert:
    shop_id: str
    name: str
    balance_fen: int
    last_balance_fen: int
    change_fen: int


@dataclass(frozen=True)
class ShopSummary:
    total_balance_fen: int
    shops: int
    balance_alerts: list[BalanceAlert]


@dataclass(frozen=True)
class ChannelAlerts:
    """Orders overdue (over ``ALERT_HOURS``) and shops whose balance changed sharply."""

    pending_redemption: int
    pending_verification: int
    #: the oldest overdue orders' numbers (at most ``LISTED`` each)
    redemption_orders: list[str]
    verification_orders: list[str]
    balance_alerts: list[BalanceAlert]
    #: orders created / redeemed before this are overdue
    before: datetime

    @property
    def any(self) -> bool:
        return bool(self.pending_redemption or self.pending_verification or self.balance_alerts)


@dataclass(frozen=True)
class DeliveryOutcome:
    order_id: str
    order_no: str
    #: delivered | already_delivered | refused | sold_out | not_found
    result: str
    #: why it was refused (unpaid, frozen, rejected, refunded, not_card_key, ...); sold out
    reason: str = ""
    message: str = ""
    keys: int = 0
    redeem_code: str | None = None
    #: sold out: keys left in the pool
    available: int | None = None


@dataclass(frozen=True)
class DeliveryReport:
    outcomes: list[DeliveryOutcome]

    def _count(self, result: str) -> int:
        return sum(1 for o in self.outcomes if o.result == result)

    @property
    def delivered(self) -> int:
        return self._count("delivered")

    @property
    def already_delivered(self) -> int:
        return self._count("already_delivered")

    @property
    def refused(self) -> int:
        return self._count("refused") + self._count("not_found")

    @property
    def sold_out(self) -> int:
        return self._count("sold_out")


@dataclass(frozen=True)
class AfterSaleResult:
    order_id: str
    order_no: str
    action: str
    voided: list[str]
    #: the hints of the new keys (a reissue)
    new_hints: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class DeleteResult:
    deleted: list[str]
    keys_voided: int
    #: ids that no longer existed (deleted meanwhile)
    missing: int = 0


@dataclass(frozen=True)
class RevealedKey:
    card_key_id: str
    text: str
    hint: str


@dataclass(frozen=True)
class RevealedKeys:
    order_id: str
    order_no: str
    keys: list[RevealedKey]

    @property
    def text(self) -> str:
        """One key per line, as copied to the clipboard."""
        return "\n".join(k.text for k in self.keys)


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
class KnownOrder:
    row: int
    shop: str
    order_no: str
    #: listed earlier in the same file (otherwise: already in the database)
    in_file: bool = False


@dataclass(frozen=True)
class OrderImport:
    read: int
    imported: int
    known: list[KnownOrder]
    problems: list[RowProblem]

    @property
    def rejected(self) -> int:
        return len({p.row for p in self.problems})


# -- small checks ----------------------------------------------------------------------------------


def _bad(field_name: str, code: str, message: str, **details: object) -> ValidationError:
    return ValidationError(message, code=code, field=field_name, **details)


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _text(value: object, field_name: str, code: str, limit: int, what: str) -> str:
    if value is not None and not isinstance(value, str):
        raise _bad(field_name, code, f"{what} must be text")
    text = (value or "").strip()
    if len(text) > limit:
        raise _bad(
            field_name, code, f"{what} is too long (at most {limit} characters)", limit=limit
        )
    if _CONTROL.search(text):
        raise _bad(field_name, code, f"{what} contains control characters", reason="control")
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


def _key(value: object, field_name: str, code: str, what: str) -> str:
    try:
        return str(uuid.UUID(str(value or "").strip()))
    except ValueError:
        raise _bad(field_name, code, f"not {what} id", value=str(value or "")[:40]) from None


def check_domain(value: object) -> str:
    """A host name (``dh.example.com``), lower-cased; empty: none. A scheme, a path, a port or a
    character a host name cannot hold is refused with what to type instead."""
    text = _text(value, "redemption_domain", "shop_domain", MAX_DOMAIN, "the redemption domain")
    if not text:
        return ""
    host = text.lower().rstrip(".")
    if "://" in host or "/" in host or ":" in host:
        raise _bad(
            "redemption_domain",
            "shop_domain",
            "give the host name only (e.g. dh.example.com), without https:// or a path",
            reason="url",
            value=text[:40],
        )
    try:
        host = host.encode("idna").decode("ascii")
    except UnicodeError:
        host = "\x00"
    labels = host.split(".")
    if len(labels) < 2 or not all(_LABEL.match(label) for label in labels):
        raise _bad(
            "redemption_domain",
            "shop_domain",
            f"'{text[:40]}' is not a host name (e.g. dh.example.com)",
            reason="host",
            value=text[:40],
        )
    return host


def _page_bounds(offset: object, limit: object) -> tuple[int, int]:
    if not _is_int(limit) or not 1 <= limit <= MAX_PAGE:
        raise ValidationError(f"a page holds 1 to {MAX_PAGE} rows", code="page_size")
    if not _is_int(offset) or offset < 0:
        raise ValidationError("a page offset is zero or more", code="page_offset")
    return int(offset), int(limit)


def _filter_text(value: object, field_name: str) -> str | None:
    return _text(value, field_name, "text_too_long", MAX_FILTER_TEXT, "the search text") or None


def _flag(value: object, field_name: str) -> bool | None:
    if value is None or isinstance(value, bool):
        return value
    raise _bad(field_name, "order_filter", f"{field_name} is yes, no or any")


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


def _range(since: object, until: object, field_name: str) -> tuple[datetime | None, ...]:
    start = _instant(since, field_name, end=False)
    end = _instant(until, field_name, end=True)
    if start is not None and end is not None and start > end:
        raise _bad(field_name, "date_range", "the time range ends before it starts")
    return start, end


def _jsonable(value: object) -> object:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, tuple):
        return list(value)
    return value


def _audit(
    session: Session, now: datetime, actor: Actor, action: str, target: str, detail: dict
) -> None:
    session.add(
        AuditEntry(
            id=str(new_id()),
            at=now,
            store_id=None,
            actor_id=actor.staff_id,
            action=action,
            target=target[:120],
            detail={k: _jsonable(v) for k, v in detail.items()},
        )
    )


# -- shops -----------------------------------------------------------------------------------------


def _validate_shop(session: Session, data: ShopInput, shop_id: str | None) -> dict[str, Any]:
    """Every field of ``data`` checked, in the order the dialog shows them."""
    if not isinstance(data, ShopInput):
        raise ValidationError("not a channel shop", code="shop_input")
    name = _text(data.name, "name", "shop_name", MAX_NAME, "the shop name")
    if not name:
        raise _bad("name", "shop_name", "give the shop a name")
    _name_taken(session, name, shop_id)
    columns: dict[str, Any] = {"name": name}
    columns["channel_type"] = _choice(
        data.channel_type, CHANNEL_TYPES, "channel_type", "shop_type", "channel type"
    )
    columns["channel_user_id"] = _text(
        data.channel_user_id, "channel_user_id", "shop_user_id", MAX_USER_ID, "the user id"
    )
    if not _is_int(data.balance_fen) or not 0 <= data.balance_fen <= MAX_FEN:
        raise _bad(
            "balance_fen",
            "shop_balance",
            "the balance is an amount from 0 (whole fen)",
            value=str(data.balance_fen)[:20],
        )
    columns["balance_fen"] = int(data.balance_fen)
    columns["redemption_domain"] = check_domain(data.redemption_domain)
    columns["account"] = _text(data.account, "account", "shop_account", MAX_ACCOUNT, "the account")
    if not isinstance(data.enabled, bool):
        raise _bad("enabled", "shop_enabled", "enabled is yes or no")
    columns["enabled"] = data.enabled
    if not _is_int(data.sort_order) or not 0 <= data.sort_order <= MAX_SORT:
        raise _bad(
            "sort_order", "shop_sort", f"the sort order is a whole number from 0 to {MAX_SORT}"
        )
    columns["sort_order"] = int(data.sort_order)
    return columns


def _name_taken(session: Session, name: str, shop_id: str | None) -> None:
    other = session.scalar(select(ChannelShop.id).where(ChannelShop.name == name))
    if other is not None and other != shop_id:
        raise _bad("name", "shop_name_taken", f"a shop named '{name}' exists already", value=name)


def _find_shop(session: Session, shop_id: object, *, lock: bool = False) -> ChannelShop:
    key = _key(shop_id, "shop_id", "shop_not_found", "a shop")
    stmt = select(ChannelShop).where(ChannelShop.id == key)
    if lock:
        stmt = stmt.with_for_update()
    shop = session.scalars(stmt).first()
    if shop is None:
        raise NotFound("no such channel shop", code="shop_not_found", value=key)
    return shop


def _flush_name(session: Session, name: str) -> None:
    """Flush, turning a name taken meanwhile (the unique index) into the field's refusal."""
    try:
        with session.begin_nested():
            session.flush()
    except IntegrityError:
        raise _bad(
            "name", "shop_name_taken", f"a shop named '{name}' exists already", value=name
        ) from None


def list_shops(
    uow: UnitOfWork, actor: Actor, query: ShopQuery | None = None, offset: int = 0, limit: int = 100
) -> Page:
    """One page of channel shops, by sort order and name, with their orders counted."""
    require(actor, Perm.MANAGE_CATALOG)
    f = query or ShopQuery()
    offset, limit = _page_bounds(offset, limit)
    kind = None
    if f.channel_type:
        kind = _choice(f.channel_type, CHANNEL_TYPES, "channel_type", "shop_type", "channel type")
    qf = q.ShopFilter(
        text=_filter_text(f.text, "text"), channel_type=kind, enabled=_flag(f.enabled, "enabled")
    )
    s = uow.session
    total = q.count_shops(s, qf)
    rows = q.list_shops(s, qf, offset=offset, limit=limit) if offset < total else []
    return Page(rows, total, offset)


def shop_detail(uow: UnitOfWork, actor: Actor, shop_id: str) -> ShopRow:
    require(actor, Perm.MANAGE_CATALOG)
    key = _key(shop_id, "shop_id", "shop_not_found", "a shop")
    row = q.shop_row(uow.session, key)
    if row is None:
        raise NotFound("no such channel shop", code="shop_not_found", value=key)
    return row


def _balance_alerts(session: Session) -> list[BalanceAlert]:
    out = []
    for shop_id, name, balance, last in q.balances(session):
        if last is None:
            continue
        change = balance - last
        if abs(change) >= BALANCE_ALERT_MIN_FEN and abs(change) * 10_000 > BALANCE_ALERT_BP * last:
            out.append(BalanceAlert(shop_id, name, balance, last, change))
    return out


def is_sharp_change(balance_fen: int, last_balance_fen: int | None) -> bool:
    """The balance alert's rule (see the module)."""
    if last_balance_fen is None:
        return False
    change = abs(balance_fen - last_balance_fen)
    return change >= BALANCE_ALERT_MIN_FEN and change * 10_000 > BALANCE_ALERT_BP * last_balance_fen


def shop_summary(uow: UnitOfWork, actor: Actor) -> ShopSummary:
    """The total balance over every shop, and the shops whose balance changed sharply."""
    require(actor, Perm.MANAGE_CATALOG)
    total, n = q.total_balance(uow.session)
    return ShopSummary(total, n, _balance_alerts(uow.session))


def create_shop(uow: UnitOfWork, actor: Actor, data: ShopInput, *, commit: bool = True) -> str:
    """A new channel shop; returns its id. Audited as ``channel_shop.create``."""
    require(actor, Perm.MANAGE_CATALOG)
    s = uow.session
    columns = _validate_shop(s, data, None)
    now = uow.clock.now()
    shop_id = str(new_id())
    s.add(ChannelShop(id=shop_id, last_balance_fen=None, created_at=now, updated_at=now, **columns))
    _flush_name(s, columns["name"])
    _audit(s, now, actor, "channel_shop.create", shop_id, columns)
    if commit:
        uow.commit()
    return shop_id


def _unsettled_refusal(session: Session, shop: ChannelShop) -> Conflict | None:
    n, numbers = q.unsettled_orders(session, shop.id, LISTED)
    if not n:
        return None
    return Conflict(
        f"shop '{shop.name}' has {n} unsettled orders ({', '.join(numbers)}"
        f"{', ...' if n > len(numbers) else ''}): confirm to disable it anyway",
        code="shop_unsettled",
        count=n,
        orders=numbers,
        shop=shop.name,
    )


def update_shop(
    uow: UnitOfWork, actor: Actor, shop_id: str, data: ShopInput, *, confirm: bool = False
) -> ShopRow:
    """Change a shop. A new balance keeps the one before it (``last_balance_fen``, for the
    balance alert). Disabling a shop that has unsettled orders needs ``confirm=True`` (else
    ``shop_unsettled``, listing them). Audited as ``channel_shop.update`` with each changed
    field's old and new value."""
    require(actor, Perm.MANAGE_CATALOG)
    s = uow.session
    shop = _find_shop(s, shop_id, lock=True)
    columns = _validate_shop(s, data, shop.id)
    if shop.enabled and not columns["enabled"] and not confirm:
        refusal = _unsettled_refusal(s, shop)
        if refusal is not None:
            raise refusal
    changed = {
        name: [getattr(shop, name), value]
        for name, value in columns.items()
        if getattr(shop, name) != value
    }
    if not changed:
        return shop_detail(uow, actor, shop.id)
    now = uow.clock.now()
    if "balance_fen" in changed:
        shop.last_balance_fen = shop.balance_fen
    for name, value in columns.items():
        setattr(shop, name, value)
    shop.updated_at = now
    _flush_name(s, columns["name"])
    detail: dict[str, Any] = {"changed": changed}
    if "enabled" in changed and not columns["enabled"]:
        detail["unsettled"] = q.unsettled_orders(s, shop.id, LISTED)[0]
    _audit(s, now, actor, "channel_shop.update", shop.id, detail)
    uow.commit()
    return shop_detail(uow, actor, shop.id)


def set_shop_enabled(
    uow: UnitOfWork, actor: Actor, shop_id: str, enabled: bool, *, confirm: bool = False
) -> ShopRow:
    """Enable or disable a shop (the list's switch): disabling one with unsettled orders needs
    ``confirm=True``, else ``shop_unsettled`` lists them and nothing changes. Audited as
    ``channel_shop.enable`` / ``channel_shop.disable``."""
    require(actor, Perm.MANAGE_CATALOG)
    if not isinstance(enabled, bool):
        raise _bad("enabled", "shop_enabled", "enabled is yes or no")
    s = uow.session
    shop = _find_shop(s, shop_id, lock=True)
    if shop.enabled == enabled:
        return shop_detail(uow, actor, shop.id)
    unsettled = 0
    if not enabled:
        refusal = _unsettled_refusal(s, shop)
        if refusal is not None:
            if not confirm:
                raise refusal
            unsettled = int(refusal.details["count"])
    now = uow.clock.now()
    shop.enabled, shop.updated_at = enabled, now
    action = "channel_shop.enable" if enabled else "channel_shop.disable"
    _audit(s, now, actor, action, shop.id, {"name": shop.name, "unsettled": unsettled})
    uow.commit()
    return shop_detail(uow, actor, shop.id)


# -- orders: reading -------------------------------------------------------------------------------


def _order_filter(session: Session, f: OrderQuery) -> q.OrderFilter:
    tab = _choice(f.tab or "all", TABS, "tab", "order_filter", "tab")
    shop_id = None
    if f.shop_id:
        shop_id = _find_shop(session, f.shop_id).id
    created = _range(f.created_from, f.created_to, "created")
    redeemed = _range(f.redeemed_from, f.redeemed_to, "redeemed")

    def state(value: object, choices: Sequence[str], name: str) -> str | None:
        return (
            _choice(value, choices, name, "order_filter", name.replace("_", " ")) if value else None
        )

    return q.OrderFilter(
        origin=None if tab == "all" else tab,
        order_no=_filter_text(f.order_no, "order_no"),
        user_id=_filter_text(f.user_id, "user_id"),
        shop_id=shop_id,
        created_since=created[0],
        created_until=created[1],
        redeemed_since=redeemed[0],
        redeemed_until=redeemed[1],
        redeem_state=state(f.redeem_state, REDEEM_STATES, "redeem_state"),
        verify_state=state(f.verify_state, VERIFY_STATES, "verify_state"),
        after_sale=state(f.after_sale, AFTER_SALE_STATES, "after_sale"),
        frozen=_flag(f.frozen, "frozen"),
        rejected=_flag(f.rejected, "rejected"),
        test=_flag(f.test, "test"),
    )


def list_orders(
    uow: UnitOfWork,
    actor: Actor,
    query: OrderQuery | None = None,
    offset: int = 0,
    limit: int = 100,
) -> Page:
    """One page of channel orders, newest first, with the masked hints of their keys."""
    require(actor, Perm.MANAGE_CATALOG)
    offset, limit = _page_bounds(offset, limit)
    s = uow.session
    qf = _order_filter(s, query or OrderQuery())
    total = q.count_orders(s, qf)
    rows = q.list_orders(s, qf, offset=offset, limit=limit) if offset < total else []
    return Page(rows, total, offset)


def order_detail(uow: UnitOfWork, actor: Actor, order_id: str) -> OrderRow:
    require(actor, Perm.MANAGE_CATALOG)
    key = _key(order_id, "order_id", "order_not_found", "an order")
    rows = q.order_rows(uow.session, [key])
    if not rows:
        raise NotFound("no such channel order", code="order_not_found", value=key)
    return rows[0]


def alerts(uow: UnitOfWork, actor: Actor) -> ChannelAlerts:
    """What needs attention now, by the central clock (see the module)."""
    require(actor, Perm.MANAGE_CATALOG)
    s = uow.session
    before = uow.clock.now() - timedelta(hours=ALERT_HOURS)
    n_red, red = q.overdue_redemption(s, before, LISTED)
    n_ver, ver = q.overdue_verification(s, before, LISTED)
    return ChannelAlerts(n_red, n_ver, red, ver, _balance_alerts(s), before)


# -- orders: delivery ------------------------------------------------------------------------------


def _batch_ids(order_ids: object) -> list[str]:
    if isinstance(order_ids, str) or not isinstance(order_ids, (list, tuple)):
        raise _bad("order_ids", "order_selection", "choose the orders (a list of ids)")
    if not order_ids:
        raise _bad("order_ids", "order_selection", "choose at least one order")
    if len(order_ids) > MAX_BATCH:
        raise _bad(
            "order_ids",
            "order_selection",
            f"at most {MAX_BATCH} orders at a time",
            limit=MAX_BATCH,
        )
    out: list[str] = []
    for raw in order_ids:
        key = _key(raw, "order_ids", "order_selection", "an order")
        if key not in out:
            out.append(key)
    return out


def _refusal_of(order) -> tuple[str, str] | None:
    """Why an order cannot be delivered, or None."""
    if order.rejected:
        return "rejected", f"the order was rejected: {order.reason}".rstrip(": ")
    if order.frozen:
        return "frozen", "the order is frozen"
    if order.after_sale == "refunded":
        return "refunded", "the order was refunded"
    if not order.paid:
        return "unpaid", "the order is not paid"
    return None


def _fresh_redeem_code(session: Session) -> str:
    """A coupon-format code used by no order and no coupon (65 random bits: a clash is as
    likely as guessing a code; the unique index has the last word anyway)."""
    for _ in range(CODE_ATTEMPTS):
        code = codes.new_code()
        if session.scalar(
            select(ChannelOrder.id).where(ChannelOrder.redeem_code == code)
        ) is None and (
            session.scalar(select(CouponInstance.id).where(CouponInstance.code == code)) is None
        ):
            return code
    raise Conflict("could not draw a unique redeem code: try again", code="code_clash")


def redemption_link(domain: str, code: str) -> str:
    return f"https://{domain}/r/{code}" if domain else ""


_o = ChannelOrder.__table__


def _read_order(session: Session, order_id: str):
    return session.execute(
        select(_o, ChannelShop.redemption_domain)
        .join(ChannelShop, ChannelShop.id == _o.c.shop_id)
        .where(_o.c.id == order_id)
    ).first()


def _already(session: Session, order) -> DeliveryOutcome:
    return DeliveryOutcome(
        str(order.id),
        order.order_no,
        "already_delivered",
        "already_delivered",
        "the order was delivered already: nothing was issued again",
        keys=len(channel_keys.live_keys(session, str(order.id))),
        redeem_code=order.redeem_code,
    )


def _deliver_one(uow: UnitOfWork, actor: Actor, order_id: str) -> DeliveryOutcome:
    s = uow.session
    now = uow.clock.now()
    order = _read_order(s, order_id)
    if order is None:
        return DeliveryOutcome(order_id, "", "not_found", "order_not_found", "no such order")
    if order.delivered_at is not None:
        return _already(s, order)
    why = _refusal_of(order)
    if why is not None:
        return DeliveryOutcome(order_id, order.order_no, "refused", *why)
    code = _fresh_redeem_code(s)
    won = s.execute(
        update(_o)
        .where(
            _o.c.id == order_id,
            _o.c.delivered_at.is_(None),
            _o.c.paid.is_(True),
            _o.c.frozen.is_(False),
            _o.c.rejected.is_(False),
            _o.c.after_sale != "refunded",
        )
        .values(
            delivered_at=now,
            redeem_state="redeemed",
            redeemed_at=now,
            redeem_code=code,
            redemption_link=redemption_link(order.redemption_domain, code),
            updated_at=now,
        )
    ).rowcount
    if won != 1:  # delivered (or changed) meanwhile by someone else: as it is now
        s.rollback()
        order = _read_order(s, order_id)
        if order is None:
            return DeliveryOutcome(order_id, "", "not_found", "order_not_found", "no such order")
        if order.delivered_at is not None:
            return _already(s, order)
        why = _refusal_of(order) or ("changed", "the order changed meanwhile: try again")
        return DeliveryOutcome(order_id, order.order_no, "refused", *why)
    answer = card_key_issue.issue_for_order(s, now, order_id, str(order.sku_id), order.quantity)
    if not answer.get("ok"):
        s.rollback()
        reason = answer.get("reason", "refused")
        return DeliveryOutcome(
            order_id,
            order.order_no,
            "sold_out" if reason == "sold_out" else "refused",
            reason,
            answer.get("message", ""),
            available=answer.get("available"),
        )
    keys = answer["keys"]
    _audit(
        s,
        now,
        actor,
        "channel_order.deliver",
        order.order_no,
        {"order_id": order_id, "card_key_ids": [k["card_key_id"] for k in keys]},
    )
    uow.commit()
    return DeliveryOutcome(order_id, order.order_no, "delivered", keys=len(keys), redeem_code=code)


def deliver_orders(uow: UnitOfWork, actor: Actor, order_ids: Sequence[str]) -> DeliveryReport:
    """Issue card keys to the selected orders (电商发货), each order in its own transaction;
    a report per order. Never twice: see the module."""
    require(actor, Perm.MANAGE_CATALOG)
    ids = _batch_ids(order_ids)
    outcomes = []
    for order_id in ids:
        try:
            outcome = _deliver_one(uow, actor, order_id)
        except IntegrityError as exc:
            # a concurrent delivery of this order won at the unique index: its keys stand
            uow.rollback()
            if not card_key_issue.is_duplicate_issue(exc):
                raise
            order = _read_order(uow.session, order_id)
            if order is not None and order.delivered_at is not None:
                outcome = _already(uow.session, order)
            else:
                outcome = DeliveryOutcome(
                    order_id,
                    order.order_no if order is not None else "",
                    "refused",
                    "busy",
                    "the pool was busy: try again",
                )
        outcomes.append(outcome)
        uow.rollback()  # end the order's transaction (nothing is left to roll back)
    return DeliveryReport(outcomes)


# -- orders: after sale, marks, deletion ------------------------------------------------------------


def _find_order(session: Session, order_id: object, *, lock: bool = False) -> ChannelOrder:
    key = _key(order_id, "order_id", "order_not_found", "an order")
    stmt = select(ChannelOrder).where(ChannelOrder.id == key)
    if lock:
        stmt = stmt.with_for_update()
    order = session.scalars(stmt).first()
    if order is None:
        raise NotFound("no such channel order", code="order_not_found", value=key)
    return order


def _reason(value: object, *, required: bool = True) -> str:
    text = _text(value, "reason", "reason", MAX_REASON, "the reason")
    if required and not text:
        raise _bad("reason", "reason", "give a reason")
    return text


def after_sale(
    uow: UnitOfWork, actor: Actor, order_id: str, action: str, reason: str
) -> AfterSaleResult:
    """售后: ``refund`` voids the order's live keys with the reason (after-sale ``refunded``, for
    good); ``reissue`` voids them and issues the same number of new keys (``reissued``). A reason
    is required. Audited as ``channel_order.refund`` / ``channel_order.reissue``."""
    require(actor, Perm.MANAGE_CATALOG)
    what = _choice(action, AFTER_SALE_ACTIONS, "action", "after_sale_action", "after-sale action")
    why = _reason(reason)
    s = uow.session
    order = _find_order(s, order_id, lock=True)
    if order.after_sale == "refunded":
        raise Conflict(
            f"order {order.order_no} was refunded already",
            code="order_refunded",
            order=order.order_no,
        )
    now = uow.clock.now()
    new_keys: list[dict] = []
    if what == "refund":
        seen = [str(r.id) for r in channel_keys.live_keys(s, order.id)]
        voided = channel_keys.void_order_keys(s, now, order.id, f"refund: {why}", seen)
        if voided != seen:
            s.rollback()
            raise Conflict(
                "the order's keys were changed meanwhile: look again", code="order_changed"
            )
    else:
        if order.delivered_at is None:
            raise Conflict(
                f"order {order.order_no} has no keys yet: deliver it instead",
                code="order_not_delivered",
                order=order.order_no,
            )
        if order.rejected or order.frozen:
            state = "rejected" if order.rejected else "frozen"
            raise Conflict(
                f"order {order.order_no} is {state}", code=f"order_{state}", order=order.order_no
            )
        answer = channel_keys.reissue_for_order(
            s, now, order.id, order.sku_id, order.quantity, f"reissue: {why}"
        )
        if not answer.get("ok"):
            s.rollback()
            details = {k: v for k, v in answer.items() if k not in ("ok", "reason", "message")}
            raise Conflict(answer["message"], code=answer["reason"], **details)
        voided = answer["voided"]
        new_keys = answer["keys"]
    order.after_sale = "refunded" if what == "refund" else "reissued"
    order.reason = why
    order.updated_at = now
    _audit(
        s,
        now,
        actor,
        f"channel_order.{what}",
        order.order_no,
        {
            "order_id": order.id,
            "reason": why,
            "voided": voided,
            "new": [k["card_key_id"] for k in new_keys],
        },
    )
    try:
        uow.commit()
    except IntegrityError as exc:  # a concurrent reissue of the same round won
        uow.rollback()
        if not card_key_issue.is_duplicate_issue(exc):
            raise
        raise Conflict(
            "the order's keys were changed meanwhile: look again", code="order_changed"
        ) from None
    return AfterSaleResult(order.id, order.order_no, what, voided, [k["hint"] for k in new_keys])


def mark_orders(
    uow: UnitOfWork, actor: Actor, order_ids: Sequence[str], mark: str, reason: str = ""
) -> int:
    """Freeze, unfreeze or reject the selected orders, or open an after-sale request (售后待处理)
    on them; returns how many changed (an order already so, a delivered order to reject — refund
    it instead — or one with an after-sale request open is left as it is). Freezing, rejecting
    and after-sale requests need a reason. Audited as ``channel_order.<mark>``, one entry per
    order that changed."""
    require(actor, Perm.MANAGE_CATALOG)
    what = _choice(mark, MARKS, "mark", "order_mark", "mark")
    why = _reason(reason, required=what != "unfreeze")
    ids = _batch_ids(order_ids)
    s = uow.session
    now = uow.clock.now()
    values: dict[str, Any] = {
        "freeze": {"frozen": True},
        "unfreeze": {"frozen": False},
        "reject": {"rejected": True},
        "after_sale": {"after_sale": "pending"},
    }[what]
    guard = {
        "freeze": _o.c.frozen.is_(False),
        "unfreeze": _o.c.frozen.is_(True),
        "reject": (_o.c.rejected.is_(False)) & (_o.c.delivered_at.is_(None)),
        "after_sale": _o.c.after_sale.in_(("none", "reissued")),
    }[what]
    changed = 0
    numbers = dict(s.execute(select(_o.c.id, _o.c.order_no).where(_o.c.id.in_(ids))).all())
    missing = [i for i in ids if i not in numbers]
    if missing:
        raise NotFound("some of the chosen orders no longer exist", code="order_not_found")
    for order_id in ids:
        extra = {"reason": why} if why else {}
        done = s.execute(
            update(_o).where(_o.c.id == order_id, guard).values(**values, **extra, updated_at=now)
        ).rowcount
        if done:
            changed += 1
            _audit(
                s,
                now,
                actor,
                f"channel_order.{what}",
                numbers[order_id],
                {"order_id": order_id, "reason": why},
            )
    uow.commit()
    return changed


def delete_test_orders(
    uow: UnitOfWork, actor: Actor, order_ids: Sequence[str], *, confirm: bool = False
) -> DeleteResult:
    """Delete test orders (``test``) only: a real order among the chosen ones refuses the whole
    batch (``orders_not_test``, naming them); without ``confirm=True`` nothing is deleted
    (``confirm_delete``, with the count). A delivered test order's keys are voided. Audited as
    ``channel_order.delete``."""
    require(actor, Perm.MANAGE_CATALOG)
    ids = _batch_ids(order_ids)
    s = uow.session
    rows = s.execute(select(_o.c.id, _o.c.order_no, _o.c.test).where(_o.c.id.in_(ids))).all()
    real = sorted(r.order_no for r in rows if not r.test)
    if real:
        raise ValidationError(
            f"only test orders can be deleted: {', '.join(real[:LISTED])}"
            f"{', ...' if len(real) > LISTED else ''} are real orders",
            code="orders_not_test",
            field="order_ids",
            orders=real[:LISTED],
            count=len(real),
        )
    numbers = sorted(r.order_no for r in rows)
    if not confirm:
        raise Conflict(
            f"delete {len(numbers)} test orders? Confirm to delete them",
            code="confirm_delete",
            count=len(numbers),
            orders=numbers[:LISTED],
        )
    now = uow.clock.now()
    voided: list[str] = []
    for r in rows:
        voided += channel_keys.void_order_keys(s, now, str(r.id), "test order deleted")
    if rows:
        s.execute(delete(_o).where(_o.c.id.in_([str(r.id) for r in rows]), _o.c.test.is_(True)))
        _audit(
            s,
            now,
            actor,
            "channel_order.delete",
            f"{len(rows)} test orders",
            {"orders": numbers, "order_ids": [str(r.id) for r in rows], "card_key_ids": voided},
        )
    uow.commit()
    return DeleteResult(numbers, len(voided), missing=len(ids) - len(rows))


# -- orders: the key and the link --------------------------------------------------------------------


def reveal_keys(
    uow: UnitOfWork,
    actor: Actor,
    keyring: Keyring | None,
    order_id: str,
    *,
    purpose: str = "reveal",
) -> RevealedKeys:
    """The order's live card keys in clear, for a user with ``reveal_card_keys`` only (checked
    before anything is read). Every reveal or copy is audited (``card_key.reveal`` /
    ``card_key.copy``: which keys, never their text) in a transaction of its own."""
    require(actor, Perm.REVEAL_CARD_KEYS)
    if purpose not in ("reveal", "copy"):
        raise _bad("purpose", "reveal_purpose", "reveal or copy")
    ring = require_keyring(keyring)
    s = uow.session
    order = _find_order(s, order_id)
    verify_keyring(uow, ring)
    rows = channel_keys.live_keys(s, order.id)
    if not rows:
        raise Conflict(
            f"order {order.order_no} has no card key (not delivered, or refunded)",
            code="order_no_keys",
            order=order.order_no,
        )
    keys = [
        RevealedKey(str(r.id), ring.open(bytes(r.secret), str(r.id), int(r.key_version)), r.hint)
        for r in rows
    ]
    _audit(
        s,
        uow.clock.now(),
        actor,
        f"card_key.{purpose}",
        order.order_no,
        {"order_id": order.id, "card_key_ids": [k.card_key_id for k in keys]},
    )
    uow.commit()
    return RevealedKeys(order.id, order.order_no, keys)


def copy_link(uow: UnitOfWork, actor: Actor, order_id: str) -> str:
    """The order's redemption link (it redeems the order: audited as
    ``channel_order.copy_link``)."""
    require(actor, Perm.MANAGE_CATALOG)
    s = uow.session
    order = _find_order(s, order_id)
    if not order.redemption_link:
        raise Conflict(
            f"order {order.order_no} has no redemption link (not delivered, or its shop has no "
            "redemption domain)",
            code="order_no_link",
            order=order.order_no,
        )
    _audit(
        s, uow.clock.now(), actor, "channel_order.copy_link", order.order_no, {"order_id": order.id}
    )
    uow.commit()
    return order.redemption_link


# -- CSV import ------------------------------------------------------------------------------------

#: the columns of an import, with the header names a channel's export may use
IMPORT_COLUMNS: dict[str, tuple[str, ...]] = {
    "order_no": ("订单号", "电商单号", "订单编号", "order_no", "ordernumber", "orderno", "order"),
    "shop": ("店铺", "店铺名称", "电商店铺", "shop", "shopname"),
    "user_id": ("用户id", "下单用户", "下单用户id", "用户", "userid", "user_id", "user", "buyer"),
    "sku": ("商品编码", "sku编码", "sku", "skucode", "sku_code", "productcode", "商品"),
    "quantity": ("数量", "quantity", "qty"),
    "amount": ("金额", "金额(元)", "实付金额", "订单金额", "amount", "amount(yuan)"),
    "created_at": ("创建时间", "下单时间", "created", "createdat", "created_at", "createdtime"),
    "paid": ("已支付", "是否支付", "支付状态", "paid"),
    "origin": ("来源", "订单来源", "origin"),
    "test": ("测试订单", "测试", "test"),
}
REQUIRED_COLUMNS = (
    "order_no",
    "shop",
    "user_id",
    "sku",
    "quantity",
    "amount",
    "created_at",
    "paid",
)
_YES = {"1", "y", "yes", "true", "是", "已支付", "paid", "t"}
_NO = {"0", "n", "no", "false", "否", "未支付", "unpaid", "f"}
_ORIGINS = {"platform": "platform", "平台": "platform", "channel": "channel", "渠道": "channel"}
_TIME_FORMATS = (
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y/%m/%d %H:%M:%S",
    "%Y/%m/%d %H:%M",
    "%Y-%m-%d",
    "%Y/%m/%d",
)


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
                f"the column '{cell.strip()}' is given twice", code="import_columns", column=cell
            )
        found[key] = i
    missing = [k for k in REQUIRED_COLUMNS if k not in found]
    if missing:
        raise ValidationError(
            f"the header row lacks the columns: {', '.join(missing)}",
            code="import_columns",
            missing=missing,
        )
    return found


class _Bad(Exception):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def _cell_text(value: str, limit: int, what: str, *, required: bool = True) -> str:
    text = unicodedata.normalize("NFKC", value).strip()
    if required and not text:
        raise _Bad("import_required", f"{what} is empty")
    if len(text) > limit:
        raise _Bad("import_too_long", f"{what} is longer than {limit} characters")
    if _CONTROL.search(text):
        raise _Bad("import_control", f"{what} contains control characters")
    return text


def _cell_flag(value: str, what: str, *, default: bool | None = None) -> bool:
    text = unicodedata.normalize("NFKC", value).strip().lower()
    if not text and default is not None:
        return default
    if text in _YES:
        return True
    if text in _NO:
        return False
    raise _Bad("import_flag", f"{what} is yes/no (是/否, 1/0), not '{value.strip()[:20]}'")


def _cell_time(value: str, now: datetime) -> datetime:
    text = unicodedata.normalize("NFKC", value).strip()
    if not text:
        raise _Bad("import_required", "the created time is empty")
    at = None
    try:
        at = datetime.fromisoformat(text)
    except ValueError:
        for fmt in _TIME_FORMATS:
            try:
                at = datetime.strptime(text, fmt)
                break
            except ValueError:
                continue
    if at is None:
        raise _Bad("import_time", f"'{text[:30]}' is not a time (e.g. 2026-11-21 14:30:00)")
    if at.tzinfo is None:
        at = at.replace(tzinfo=ZoneInfo(CHINA_TZ))
    at = at.astimezone(UTC)
    if at < _EARLIEST or at > now + timedelta(days=1):
        raise _Bad("import_time", f"'{text[:30]}' is not a plausible order time")
    return at


def _cell_quantity(value: str) -> int:
    text = unicodedata.normalize("NFKC", value).strip()
    if not text.isdigit() or not 1 <= int(text) <= MAX_QUANTITY:
        raise _Bad("import_quantity", f"the quantity is a whole number from 1 to {MAX_QUANTITY}")
    return int(text)


def _cell_amount(value: str) -> int:
    try:
        return parse_yuan(
            unicodedata.normalize("NFKC", value).strip().lstrip("¥￥"), field="amount"
        )
    except ValidationError as exc:
        raise _Bad("import_amount", exc.message) from None


def _rows(text: str) -> Iterable[tuple[int, list[str]]]:
    first = next((ln for ln in text.splitlines() if ln.strip()), "")
    delimiter = max((",", "\t", ";"), key=lambda d: (first.count(d), d == ","))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        yield from enumerate(reader, start=1)
    except csv.Error as exc:
        raise ValidationError(
            f"line {reader.line_num}: the CSV is malformed ({exc})", code="file_csv"
        ) from None


def import_orders_csv(
    uow: UnitOfWork, actor: Actor, data: bytes, file_name: str = ""
) -> OrderImport:
    """Import the orders of a channel's CSV export (see the module). File-level problems (the
    encoding, a missing column) refuse the file; row problems are reported and the other rows
    imported, all in one transaction. Audited as ``channel_order.import`` (counts only)."""
    require(actor, Perm.MANAGE_CATALOG)
    text = decode_csv(data)
    s = uow.session
    now = uow.clock.now()
    records = [(n, r) for n, r in _rows(text) if any(c.strip() for c in r)]
    if not records:
        raise ValidationError("the file is empty", code="import_empty")
    if len(records) > MAX_IMPORT_ROWS + 1:
        raise ValidationError(
            f"the file has more than {MAX_IMPORT_ROWS} orders: split it", code="file_too_many_rows"
        )
    header_row = records[0][1]
    cols = _header(header_row)
    names = {k: header_row[i].strip() for k, i in cols.items()}
    shops = {
        name: (shop_id, enabled)
        for shop_id, name, enabled in s.execute(
            select(ChannelShop.id, ChannelShop.name, ChannelShop.enabled)
        )
    }
    problems: list[RowProblem] = []
    good: list[tuple[int, dict]] = []
    wanted_skus: set[str] = set()
    parsed: list[tuple[int, dict[str, Any]]] = []
    for number, record in records[1:]:

        def cell(key: str, record=record) -> str:
            i = cols.get(key)
            return record[i] if i is not None and i < len(record) else ""

        row: dict[str, Any] = {}
        row_problems: list[RowProblem] = []
        readers = {
            "order_no": lambda v: _cell_text(v, MAX_ORDER_NO, "the order number"),
            "shop": lambda v: _cell_text(v, MAX_NAME, "the shop"),
            "user_id": lambda v: _cell_text(v, MAX_USER_ID, "the user id", required=False),
            "sku": lambda v: _cell_text(v, MAX_SKU_CODE, "the SKU code"),
            "quantity": _cell_quantity,
            "amount": _cell_amount,
            "created_at": lambda v: _cell_time(v, now),
            "paid": lambda v: _cell_flag(v, "paid"),
            "origin": lambda v: v,
            "test": lambda v: _cell_flag(v, "test", default=False),
        }
        for key, read in readers.items():
            if key not in cols:
                continue
            raw = cell(key)
            try:
                row[key] = read(raw)
            except _Bad as bad:
                row_problems.append(RowProblem(number, names[key], bad.code, bad.message, raw[:40]))
        origin = unicodedata.normalize("NFKC", row.get("origin") or "").strip().lower()
        if origin and origin not in _ORIGINS:
            row_problems.append(
                RowProblem(
                    number,
                    names["origin"],
                    "import_origin",
                    "the origin is platform or channel (平台/渠道)",
                    origin[:40],
                )
            )
        row["origin"] = _ORIGINS.get(origin, "channel")
        if "shop" in row:
            shop = shops.get(row["shop"])
            if shop is None:
                row_problems.append(
                    RowProblem(
                        number,
                        names["shop"],
                        "import_shop",
                        f"no channel shop named '{row['shop']}'",
                        row["shop"][:40],
                    )
                )
            elif not shop[1]:
                row_problems.append(
                    RowProblem(
                        number,
                        names["shop"],
                        "import_shop_disabled",
                        f"the shop '{row['shop']}' is disabled",
                        row["shop"][:40],
                    )
                )
        if "sku" in row:
            wanted_skus.add(row["sku"])
        if row_problems:
            problems.extend(row_problems)
        else:
            parsed.append((number, row))
    sku_ids = _sku_ids(s, wanted_skus)
    for number, row in parsed:
        if row["sku"] not in sku_ids:
            problems.append(
                RowProblem(
                    number,
                    names["sku"],
                    "import_sku",
                    f"no SKU with code '{row['sku']}'",
                    row["sku"],
                )
            )
            continue
        good.append((number, row))
    position = {names[k]: i for k, i in cols.items()}
    problems.sort(key=lambda p: (p.row, position.get(p.column, 0)))
    known: list[KnownOrder] = []
    seen: dict[tuple[str, str], int] = {}
    to_insert: list[tuple[int, dict]] = []
    for number, row in good:
        shop_id = shops[row["shop"]][0]
        k = (shop_id, row["order_no"])
        if k in seen:
            known.append(KnownOrder(number, row["shop"], row["order_no"], in_file=True))
            continue
        seen[k] = number
        to_insert.append(
            (
                number,
                {
                    "id": str(new_id()),
                    "shop_id": shop_id,
                    "order_no": row["order_no"],
                    "origin": row["origin"],
                    "channel_user_id": row.get("user_id", ""),
                    "sku_id": sku_ids[row["sku"]],
                    "quantity": row["quantity"],
                    "amount_fen": row["amount"],
                    "paid": row["paid"],
                    "test": row.get("test", False),
                    "redeem_state": "pending",
                    "verify_state": "pending",
                    "after_sale": "none",
                    "frozen": False,
                    "rejected": False,
                    "reason": "",
                    "redemption_link": "",
                    "redeem_code": None,
                    "delivered_at": None,
                    "redeemed_at": None,
                    "verified_at": None,
                    "verified_store_id": None,
                    "created_at": row["created_at"],
                    "imported_at": now,
                    "updated_at": now,
                },
            )
        )
    inserted = _insert_new(s, [r for _, r in to_insert])
    for number, r in to_insert:
        if r["id"] not in inserted:
            shop_name = next(n for n, v in shops.items() if v[0] == r["shop_id"])
            known.append(KnownOrder(number, shop_name, r["order_no"]))
    known.sort(key=lambda k: k.row)
    result = OrderImport(len(records) - 1, len(inserted), known, problems)
    _audit(
        s,
        now,
        actor,
        "channel_order.import",
        (file_name or "orders.csv")[:120],
        {
            "read": result.read,
            "imported": result.imported,
            "known": len(known),
            "rejected": result.rejected,
        },
    )
    uow.commit()
    return result


def _sku_ids(session: Session, codes_wanted: set[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    wanted = sorted(codes_wanted)
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        out.update(
            {
                code: str(sku_id)
                for code, sku_id in session.execute(
                    select(Sku.code, Sku.id)
                    .join(Product, Product.id == Sku.product_id)
                    .where(Sku.code.in_(chunk))
                )
            }
        )
    return out


def _insert_new(session: Session, rows: list[dict]) -> set[str]:
    """Insert the rows, skipping those whose (shop, order number) is known (also one imported
    meanwhile by someone else); the ids of those inserted."""
    if not rows:
        return set()
    dialect = session.get_bind().dialect.name
    ins = postgresql.insert if dialect == "postgresql" else sqlite.insert
    stmt = ins(_o).on_conflict_do_nothing(index_elements=["shop_id", "order_no"])
    for start in range(0, len(rows), 1000):
        session.execute(stmt, rows[start : start + 1000])
    inserted: set[str] = set()
    ids = [r["id"] for r in rows]
    for start in range(0, len(ids), 500):
        inserted.update(
            str(i)
            for i in session.scalars(select(_o.c.id).where(_o.c.id.in_(ids[start : start + 500])))
        )
    return inserted
