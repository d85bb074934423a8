"""The catalog as head office manages it (商品管理, SPEC §2): categories, products with their SKU
grid, barcodes, store prices, scheduled on-shelf / off-shelf.

Runs on the central database. Everything needs ``Perm.MANAGE_CATALOG`` (managers and admins);
a store price also needs the store: a manager sets the prices of his own stores only, an admin
any store's. The catalog itself is enterprise-wide.

Every use case validates first — a bad value is a ``ValidationError`` whose ``code`` names the
rule and whose ``details["field"]`` names the field (``"skus"`` for the SKU grid, with ``row``,
the grid row from 0, and ``column``) — and nothing is written when one is refused. Then it
writes, records each head-office row it changes in the change log (``changelog.capture``: the
terminals pull them), audits (``AuditEntry``, e.g. ``product.update`` with each changed field's
old and new value) and commits ONCE.

- **Categories** (分类): a tree of at most ``MAX_CATEGORY_LEVELS`` (3) levels; a child of a
  third-level category is refused (``category_too_deep``). Sibling names are unique. Reordering
  moves a category one place among its siblings (their sort orders are renumbered 0..n). Only an
  empty category is deleted: no product in it and no sub-category (``category_not_empty``).
- **Products** (商品): code (unique, one word), name (its pinyin initials kept for the counter's
  search), category, unit, kind (goods / service / card_key), serial-tracked (goods only),
  status (on / off shelf), up to ``MAX_SPECS`` (2) spec dimensions and the SKU grid: one SKU per
  combination of spec values (a combination twice is refused), each with its code (unique in the
  catalog), price, member price (not above the price), cost and barcodes (unique in the catalog;
  an all-digit barcode is an EAN-8 / UPC-A / EAN-13 / GTIN-14 with a valid check digit, and a
  13-digit one must not start with the scale-label prefix). A SKU already saved is never
  deleted (sales, stock and card keys refer to it): take it off sale (its status) instead.
  Scheduled on-shelf and off-shelf times (定时上下架) are aware datetimes, in the future when set
  or changed, the off-shelf time after the on-shelf time; ``shelf_schedule`` applies them.
- **Store prices** (门店价格): a store's own price of a SKU, set or cleared (the store then sells
  at head office's price).

An edit can carry the ``updated_at`` the editor started from: when the product changed meanwhile
the save is refused (``product_changed``) rather than overwriting the other person's change.
"""

from __future__ import annotations

import re
import unicodedata
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from shared.db.models import AuditEntry, Barcode, Category, Product, Sku, Store, StorePrice
from shared.db.queries import catalog_admin as q
from shared.db.queries.catalog_admin import (
    CategoryRow,
    ProductRow,
    SkuDetail,
    StorePriceRow,
)
from shared.db.uow import UnitOfWork
from shared.domain.barcode import ean_check_digit
from shared.domain.errors import Conflict, NotFound, PermissionDenied, ValidationError
from shared.domain.ids import new_id
from shared.domain.money import MAX_FEN
from shared.domain.permissions import Perm, Role
from shared.services.auth import Actor, require
from shared.services.context import enterprise_settings
from shared.services.product_io import name_initials
from shared.sync import changelog

__all__ = [
    "CategoryRow",
    "ProductRow",
    "SkuDetail",
    "StorePriceRow",
]

KINDS = ("goods", "service", "card_key")
STATUSES = ("on", "off")
SORTS = q.SORT_KEYS

MAX_CATEGORY_LEVELS = 3
MAX_CATEGORY_NAME = 60
MAX_CODE = 40
MAX_NAME = 120
MAX_UNIT = 16
MAX_SPECS = 2
MAX_SPEC_NAME = 30
MAX_SPEC_VALUE = 30
MAX_SKUS = 200
MAX_BARCODES = 20
MAX_BARCODE = 40
#: the largest price, member price or cost a SKU may have: 99,999,999.99 yuan (a typo beyond)
MAX_PRICE_FEN = MAX_FEN
MAX_PAGE = 500
MAX_FILTER_TEXT = 64
DEFAULT_UNIT = "件"

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_CODE_OK = re.compile(r"^[^\s\x00-\x1f\x7f]+$")
_BARCODE_OK = re.compile(r"^[A-Za-z0-9\-./]+$")


# -- data in and out -------------------------------------------------------------------------------


@dataclass(frozen=True)
class SkuInput:
    """One row of the SKU grid (money in fen). ``sku_id``: the SKU it edits (None: a new one)."""

    code: str
    price_fen: int
    specs: tuple[str, ...] = ()
    member_price_fen: int | None = None
    cost_fen: int = 0
    barcodes: tuple[str, ...] = ()
    status: str = "on"
    sku_id: str | None = None


@dataclass(frozen=True)
class ProductInput:
    """A product as the editor gives it. ``spec_names``: the spec dimensions (颜色, 尺码), at
    most two; each SKU gives one value per dimension, in the same order."""

    code: str
    name: str
    skus: tuple[SkuInput, ...]
    category_id: str | None = None
    unit: str = DEFAULT_UNIT
    kind: str = "goods"
    serial_tracked: bool = False
    status: str = "on"
    spec_names: tuple[str, ...] = ()
    on_shelf_at: datetime | None = None
    off_shelf_at: datetime | None = None


@dataclass(frozen=True)
class ProductDetail:
    product: ProductRow
    skus: tuple[SkuDetail, ...]

    @property
    def spec_names(self) -> tuple[str, ...]:
        names = (self.product.spec1_name, self.product.spec2_name)
        return tuple(n for n in names if n)


def input_from_detail(detail: ProductDetail) -> ProductInput:
    """The input that would save ``detail`` unchanged (the editor starts from it)."""
    p = detail.product
    names = detail.spec_names
    return ProductInput(
        code=p.code,
        name=p.name,
        category_id=p.category_id,
        unit=p.unit,
        kind=p.kind,
        serial_tracked=p.serial_tracked,
        status=p.status,
        spec_names=names,
        on_shelf_at=p.on_shelf_at,
        off_shelf_at=p.off_shelf_at,
        skus=tuple(
            SkuInput(
                code=s.code,
                price_fen=s.price_fen,
                specs=(s.spec1, s.spec2)[: len(names)],
                member_price_fen=s.member_price_fen,
                cost_fen=s.cost_fen,
                barcodes=s.barcodes,
                status=s.status,
                sku_id=s.sku_id,
            )
            for s in detail.skus
        ),
    )


@dataclass(frozen=True)
class ProductQuery:
    """The product list's filters and sort, as the screen holds them."""

    text: str | None = None
    #: this category and those below it
    category_id: str | None = None
    status: str | None = None
    kind: str | None = None
    sort: str = "code"
    descending: bool = False

    def with_sort(self, sort: str, descending: bool) -> ProductQuery:
        return replace(self, sort=sort, descending=descending)


@dataclass(frozen=True)
class Page:
    rows: list
    #: rows matching the filters, over every page
    total: int
    offset: int = 0


@dataclass
class _CleanSku:
    index: int
    sku_id: str | None
    code: str
    spec1: str
    spec2: str
    price_fen: int
    member_price_fen: int | None
    cost_fen: int
    barcodes: tuple[str, ...]
    status: str


@dataclass
class _Clean:
    columns: dict[str, Any]
    skus: list[_CleanSku] = field(default_factory=list)


# -- small checks ----------------------------------------------------------------------------------


def _bad(field_name: str, code: str, message: str, **details: object) -> ValidationError:
    return ValidationError(message, code=code, field=field_name, **details)


def _grid(row: int, column: str, code: str, message: str, **details: object) -> ValidationError:
    """A refusal about one cell of the SKU grid (``row`` from 0)."""
    return ValidationError(
        f"SKU row {row + 1}: {message}", code=code, field="skus", row=row, column=column, **details
    )


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _text(
    value: object,
    limit: int,
    what: str,
    fail,
    *,
    required: bool = False,
) -> str:
    """Stripped, NFC text; ``fail(message, **details)`` makes the refusal."""
    if value is not None and not isinstance(value, str):
        raise fail(f"{what} must be text", reason="type")
    text = unicodedata.normalize("NFC", (value or "").strip())
    if required and not text:
        raise fail(f"give {what}", reason="required")
    if len(text) > limit:
        raise fail(
            f"{what} is too long ({len(text)} characters, at most {limit})",
            reason="too_long",
            limit=limit,
        )
    if _CONTROL.search(text):
        raise fail(f"{what} contains control characters", reason="control")
    return text


def _key(value: object, field_name: str, code: str, what: str) -> str:
    try:
        return str(uuid.UUID(str(value or "").strip()))
    except ValueError:
        raise NotFound(
            f"no such {what}", code=code, field=field_name, value=str(value or "")[:40]
        ) from None


def _choice(value: object, choices: Sequence[str], field_name: str, code: str, what: str) -> str:
    if value not in choices:
        raise _bad(
            field_name,
            code,
            f"unknown {what} {str(value)[:20]!r} (one of {', '.join(choices)})",
            value=str(value)[:20],
        )
    return str(value)


def _jsonable(value: object) -> object:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
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
            detail=_jsonable(detail),
        )
    )


def _page_bounds(offset: object, limit: object) -> tuple[int, int]:
    if not _is_int(limit) or not 1 <= limit <= MAX_PAGE:  # type: ignore[operator]
        raise ValidationError(f"a page holds 1 to {MAX_PAGE} rows", code="page_size")
    if not _is_int(offset) or offset < 0:  # type: ignore[operator]
        raise ValidationError("a page offset is zero or more", code="page_offset")
    return int(offset), int(limit)  # type: ignore[call-overload]


def check_barcode(code: str, weighed_prefix: str = "") -> None:
    """Refuse a barcode the counter could not sell by (the rules of ``product_io``'s import):
    letters, digits and ``- . /`` only, at most 40; an all-digit one is an EAN-8 / UPC-A /
    EAN-13 / GTIN-14 with a right check digit, and a 13-digit one must not start with the
    scale-label prefix (the counter would read it as a weighed-goods label). Raises a
    ``ValidationError`` whose code names the rule, with the barcode as ``value``."""
    shown = code[:40]
    if len(code) > MAX_BARCODE:
        raise ValidationError(
            f"barcode {shown}… is too long (at most {MAX_BARCODE})",
            code="barcode_too_long",
            value=shown,
        )
    if not code.isascii() or not _BARCODE_OK.match(code):
        raise ValidationError(
            f"barcode {shown!r}: letters, digits and - . / only", code="barcode_format", value=shown
        )
    if code.isdigit():
        if len(code) not in (8, 12, 13, 14):
            raise ValidationError(
                f"barcode {code}: an all-digit barcode has 8, 12, 13 or 14 digits; this has "
                f"{len(code)}",
                code="barcode_length",
                value=code,
                digits=len(code),
            )
        expected = ean_check_digit(code[:-1])
        if expected != int(code[-1]):
            raise ValidationError(
                f"barcode {code}: the check digit is wrong (it should end in {expected})",
                code="barcode_check_digit",
                value=code,
                expected=str(expected),
            )
        if len(code) == 13 and weighed_prefix and code.startswith(weighed_prefix):
            raise ValidationError(
                f"barcode {code} starts with {weighed_prefix}, the scale-label prefix",
                code="barcode_weighed_prefix",
                value=code,
                prefix=weighed_prefix,
            )


def _money(value: object, row: int, column: str, what: str, *, optional: bool = False) -> Any:
    if value is None and optional:
        return None
    if not _is_int(value):
        raise _grid(row, column, "price_format", f"{what} is an amount in whole fen")
    fen = int(value)  # type: ignore[arg-type]
    if fen < 0:
        raise _grid(row, column, "price_negative", f"{what} must not be negative", value=fen)
    if fen > MAX_PRICE_FEN:
        raise _grid(
            row,
            column,
            "price_too_large",
            f"{what} is implausibly large (at most {MAX_PRICE_FEN // 100} yuan)",
            value=fen,
            limit=MAX_PRICE_FEN,
        )
    return fen


# -- categories ------------------------------------------------------------------------------------


def categories(uow: UnitOfWork, actor: Actor) -> list[CategoryRow]:
    """The category tree, parents before their children, siblings in their order."""
    require(actor, Perm.MANAGE_CATALOG)
    return q.category_tree(uow.session)


def _find_category(session: Session, category_id: object, field_name: str = "category_id"):
    key = _key(category_id, field_name, "category_not_found", "category")
    found = session.get(Category, key)
    if found is None:
        raise NotFound("no such category", code="category_not_found", field=field_name, value=key)
    return found


def _category_name(value: object) -> str:
    return _text(
        value,
        MAX_CATEGORY_NAME,
        "the category name",
        lambda message, **d: _bad("name", "category_name", message, **d),
        required=True,
    )


def _category_row(session: Session, category_id: str) -> CategoryRow:
    return next(r for r in q.category_tree(session) if r.category_id == category_id)


def _name_free(session: Session, parent_id: str | None, name: str, except_id: str | None) -> None:
    if q.sibling_name_taken(session, parent_id, name, except_id):
        raise _bad(
            "name",
            "category_name_taken",
            f"a category named '{name}' exists already there",
            value=name,
        )


def create_category(
    uow: UnitOfWork, actor: Actor, name: str, parent_id: str | None = None
) -> CategoryRow:
    """A new category at the end of its siblings; under ``parent_id`` (None: a top level).
    Audited as ``category.create``."""
    require(actor, Perm.MANAGE_CATALOG)
    s = uow.session
    clean = _category_name(name)
    level = 1
    parent_key: str | None = None
    if parent_id is not None:
        parent = _find_category(s, parent_id, "parent_id")
        if parent.level >= MAX_CATEGORY_LEVELS:
            raise _bad(
                "parent_id",
                "category_too_deep",
                f"categories have at most {MAX_CATEGORY_LEVELS} levels: "
                f"'{parent.name}' is on the last one",
                limit=MAX_CATEGORY_LEVELS,
                parent=parent.name,
            )
        level, parent_key = parent.level + 1, parent.id
    _name_free(s, parent_key, clean, None)
    changelog.capture(s, uow.clock)
    now = uow.clock.now()
    category_id = str(new_id())
    s.add(
        Category(
            id=category_id,
            parent_id=parent_key,
            name=clean,
            level=level,
            sort_order=q.next_sort_order(s, parent_key),
        )
    )
    _flush(s)
    _audit(
        s,
        now,
        actor,
        "category.create",
        category_id,
        {"name": clean, "parent_id": parent_key, "level": level},
    )
    row = _category_row(s, category_id)
    uow.commit()
    return row


def rename_category(uow: UnitOfWork, actor: Actor, category_id: str, name: str) -> CategoryRow:
    """Audited as ``category.rename`` (old and new name)."""
    require(actor, Perm.MANAGE_CATALOG)
    s = uow.session
    cat = _find_category(s, category_id)
    clean = _category_name(name)
    if clean == cat.name:
        return _category_row(s, cat.id)
    _name_free(s, cat.parent_id, clean, cat.id)
    changelog.capture(s, uow.clock)
    now = uow.clock.now()
    old, cat.name = cat.name, clean
    s.flush()
    _audit(s, now, actor, "category.rename", cat.id, {"name": [old, clean]})
    row = _category_row(s, cat.id)
    uow.commit()
    return row


def move_category(uow: UnitOfWork, actor: Actor, category_id: str, step: int) -> CategoryRow:
    """Move a category ``step`` places among its siblings (-1: up, 1: down); at either end it
    stays. The siblings' sort orders are renumbered 0..n. Audited as ``category.move``."""
    require(actor, Perm.MANAGE_CATALOG)
    if not _is_int(step) or step not in (-1, 1):
        raise _bad("step", "category_step", "move a category one place up or down")
    s = uow.session
    cat = _find_category(s, category_id)
    parent = (
        Category.parent_id.is_(None)
        if cat.parent_id is None
        else Category.parent_id == cat.parent_id
    )
    siblings = list(
        s.scalars(
            select(Category).where(parent).order_by(Category.sort_order, Category.name, Category.id)
        )
    )
    at = next(i for i, c in enumerate(siblings) if c.id == cat.id)
    to = at + step
    if not 0 <= to < len(siblings):
        return _category_row(s, cat.id)
    changelog.capture(s, uow.clock)
    now = uow.clock.now()
    siblings[at], siblings[to] = siblings[to], siblings[at]
    for i, c in enumerate(siblings):
        if c.sort_order != i:
            c.sort_order = i
    s.flush()
    _audit(s, now, actor, "category.move", cat.id, {"name": cat.name, "position": [at, to]})
    row = _category_row(s, cat.id)
    uow.commit()
    return row


def delete_category(uow: UnitOfWork, actor: Actor, category_id: str) -> None:
    """Delete an empty category (no product in it, no sub-category): else ``category_not_empty``
    says how many of each it has. Audited as ``category.delete``."""
    require(actor, Perm.MANAGE_CATALOG)
    s = uow.session
    cat = _find_category(s, category_id)
    products, children = q.products_in(s, cat.id), q.children_of(s, cat.id)
    if products or children:
        raise Conflict(
            f"category '{cat.name}' is not empty ({products} products, {children} "
            "sub-categories): move them first",
            code="category_not_empty",
            name=cat.name,
            products=products,
            children=children,
        )
    changelog.capture(s, uow.clock)
    now = uow.clock.now()
    detail = {"name": cat.name, "parent_id": cat.parent_id, "level": cat.level}
    s.delete(cat)
    _flush(s)
    _audit(s, now, actor, "category.delete", cat.id, detail)
    uow.commit()


# -- products: reading -----------------------------------------------------------------------------


def _filter_text(value: object) -> str | None:
    return (
        _text(
            value,
            MAX_FILTER_TEXT,
            "the search text",
            lambda message, **d: _bad("text", "text_too_long", message, **d),
        )
        or None
    )


def list_products(
    uow: UnitOfWork,
    actor: Actor,
    query: ProductQuery | None = None,
    offset: int = 0,
    limit: int = 100,
) -> Page:
    """One page of products matching the filters, sorted on the server (``SORTS``)."""
    require(actor, Perm.MANAGE_CATALOG)
    f = query or ProductQuery()
    offset, limit = _page_bounds(offset, limit)
    s = uow.session
    category_id = None
    if f.category_id:
        category_id = _find_category(s, f.category_id).id
    qf = q.ProductFilter(
        text=_filter_text(f.text),
        category_id=category_id,
        status=_choice(f.status, STATUSES, "status", "product_status", "status")
        if f.status
        else None,
        kind=_choice(f.kind, KINDS, "kind", "product_kind", "kind") if f.kind else None,
    )
    sort = _choice(f.sort or "code", SORTS, "sort", "product_sort", "sort")
    total = q.count_products(s, qf)
    rows: list[ProductRow] = []
    if offset < total:
        rows = q.list_products(
            s, qf, offset=offset, limit=limit, sort=sort, descending=bool(f.descending)
        )
        paths = q.category_paths(q.category_tree(s))
        rows = [replace(r, category=paths.get(r.category_id or "", "")) for r in rows]
    return Page(rows, total, offset)


def product_detail(uow: UnitOfWork, actor: Actor, product_id: str) -> ProductDetail:
    require(actor, Perm.MANAGE_CATALOG)
    return _detail(uow.session, _key(product_id, "product_id", "product_not_found", "product"))


def _detail(session: Session, product_id: str) -> ProductDetail:
    row = q.product_row(session, product_id)
    if row is None:
        raise NotFound("no such product", code="product_not_found", value=product_id)
    if row.category_id is not None:
        paths = q.category_paths(q.category_tree(session))
        row = replace(row, category=paths.get(row.category_id, ""))
    return ProductDetail(row, tuple(q.skus_of(session, product_id)))


# -- products: validation --------------------------------------------------------------------------


def _shelf_time(value: object, field_name: str, what: str) -> datetime | None:
    if value is None:
        return None
    if not isinstance(value, datetime) or value.tzinfo is None:
        raise _bad(field_name, "shelf_time_zone", f"{what} is a date and time with a time zone")
    return value


def _validate(
    uow: UnitOfWork, data: ProductInput, product: Product | None, existing: Sequence[Sku]
) -> _Clean:
    """Every field of ``data`` checked, in the order the editor shows them; the clean values."""
    if not isinstance(data, ProductInput):
        raise ValidationError("not a product", code="product_input")
    s = uow.session
    now = uow.clock.now()
    product_id = product.id if product is not None else None

    code = _text(
        data.code,
        MAX_CODE,
        "the product code",
        lambda m, **d: _bad("code", "product_code", m, **d),
        required=True,
    )
    if not _CODE_OK.match(code):
        raise _bad(
            "code", "product_code", "a product code is one word (no spaces)", reason="format"
        )
    owner = q.product_code_owner(s, code)
    if owner is not None and owner != product_id:
        raise _bad("code", "product_code_taken", f"product code {code} is used already", value=code)
    name = _text(
        data.name,
        MAX_NAME,
        "the product name",
        lambda m, **d: _bad("name", "product_name", m, **d),
        required=True,
    )
    category_id = None
    if data.category_id:
        category_id = _find_category(s, data.category_id).id
    unit = (
        _text(data.unit, MAX_UNIT, "the unit", lambda m, **d: _bad("unit", "product_unit", m, **d))
        or DEFAULT_UNIT
    )
    kind = _choice(data.kind, KINDS, "kind", "product_kind", "kind")
    if not isinstance(data.serial_tracked, bool):
        raise _bad("serial_tracked", "serial_tracked", "serial tracking is yes or no")
    if data.serial_tracked and kind != "goods":
        raise _bad(
            "serial_tracked",
            "serial_not_goods",
            f"a {kind} product cannot be serial-tracked",
            kind=kind,
        )
    status = _choice(data.status, STATUSES, "status", "product_status", "status")

    # spec dimensions: at most two, the first before the second
    if not isinstance(data.spec_names, tuple | list):
        raise _bad("spec_names", "spec_name", "the spec dimensions are a list of names")
    names = [
        _text(
            n,
            MAX_SPEC_NAME,
            "a spec name",
            lambda m, i=i, **d: _bad(f"spec{min(i, MAX_SPECS - 1) + 1}_name", "spec_name", m, **d),
        )
        for i, n in enumerate(data.spec_names[:10])
    ]
    while names and not names[-1]:
        names.pop()
    if len(names) > MAX_SPECS or len(data.spec_names) > 10:
        raise _bad(
            "spec_names",
            "spec_too_many",
            f"a product has at most {MAX_SPECS} spec dimensions",
            limit=MAX_SPECS,
            count=max(len(names), 3),
        )
    if any(not n for n in names):
        raise _bad("spec1_name", "spec_order", "name the first spec dimension before the second")
    if len(names) == 2 and names[0] == names[1]:
        raise _bad(
            "spec2_name", "spec_name_twice", f"the spec '{names[0]}' is named twice", value=names[0]
        )

    on = _shelf_time(data.on_shelf_at, "on_shelf_at", "the on-shelf time")
    off = _shelf_time(data.off_shelf_at, "off_shelf_at", "the off-shelf time")
    for value, before, field_name in (
        (on, product.on_shelf_at if product else None, "on_shelf_at"),
        (off, product.off_shelf_at if product else None, "off_shelf_at"),
    ):
        if value is not None and value != before and value <= now:
            raise _bad(
                field_name,
                "shelf_time_past",
                "a scheduled time must be in the future",
                value=value.isoformat(),
            )
    if on is not None and off is not None and off <= on:
        raise _bad(
            "off_shelf_at",
            "shelf_times",
            "the off-shelf time must be after the on-shelf time",
        )

    columns: dict[str, Any] = {
        "code": code,
        "name": name,
        "category_id": category_id,
        "unit": unit,
        "kind": kind,
        "serial_tracked": data.serial_tracked,
        "status": status,
        "spec1_name": names[0] if names else "",
        "spec2_name": names[1] if len(names) > 1 else "",
        "on_shelf_at": on,
        "off_shelf_at": off,
    }
    clean = _Clean(columns)
    clean.skus = _validate_skus(uow, data, names, kind, product_id, existing)
    return clean


def _validate_skus(
    uow: UnitOfWork,
    data: ProductInput,
    names: list[str],
    kind: str,
    product_id: str | None,
    existing: Sequence[Sku],
) -> list[_CleanSku]:
    s = uow.session
    if not isinstance(data.skus, tuple | list) or not data.skus:
        raise _bad("skus", "sku_required", "a product has at least one SKU")
    if len(data.skus) > MAX_SKUS:
        raise _bad("skus", "sku_too_many", f"at most {MAX_SKUS} SKUs per product", limit=MAX_SKUS)
    mine = {sku.id: sku for sku in existing}
    prefix = str(enterprise_settings(uow).get("weighed_prefix") or "")
    out: list[_CleanSku] = []
    seen_ids: set[str] = set()
    combos: dict[tuple[str, ...], int] = {}
    codes: dict[str, int] = {}
    barcodes: dict[str, int] = {}
    for i, row in enumerate(data.skus):
        if not isinstance(row, SkuInput):
            raise _grid(i, "", "sku_input", "not a SKU")
        sku_id = None
        if row.sku_id is not None:
            sku_id = str(row.sku_id)
            if sku_id not in mine or sku_id in seen_ids:
                raise _grid(i, "", "sku_not_found", "this SKU is not one of the product's")
            seen_ids.add(sku_id)
        # spec values: one per dimension
        values = list(row.specs) if isinstance(row.specs, tuple | list) else None
        if values is None:
            raise _grid(i, "spec1", "spec_value", "the spec values are a list")
        while len(values) > len(names) and not (values[-1] or "").strip():
            values.pop()
        if len(values) > len(names):
            if len(values) > MAX_SPECS:
                raise _grid(
                    i,
                    "spec2",
                    "spec_too_many",
                    f"a product has at most {MAX_SPECS} spec dimensions",
                    limit=MAX_SPECS,
                    count=len(values),
                )
            raise _grid(
                i,
                f"spec{len(names) + 1}",
                "spec_value_unexpected",
                "a spec value without a spec name: name the dimension first",
            )
        specs: list[str] = []
        for d, spec_name in enumerate(names):
            column = f"spec{d + 1}"
            value = _text(
                values[d] if d < len(values) else "",
                MAX_SPEC_VALUE,
                f"the {spec_name} value",
                lambda m, i=i, column=column, **dd: _grid(i, column, "spec_value", m, **dd),
            )
            if not value:
                raise _grid(
                    i, column, "spec_value_missing", f"give its {spec_name}", spec=spec_name
                )
            specs.append(value)
        combo = tuple(specs)
        if combo in combos:
            shown = " / ".join(specs) if specs else ""
            raise _grid(
                i,
                "spec1",
                "spec_duplicate",
                f"the combination {shown or '(no spec)'} is also row {combos[combo] + 1}",
                value=shown,
                other=combos[combo],
            )
        combos[combo] = i
        # code
        code = _text(
            row.code,
            MAX_CODE,
            "the SKU code",
            lambda m, i=i, **d: _grid(i, "code", "sku_code", m, **d),
        )
        if not code and len(data.skus) == 1:
            code = str(data.code or "").strip()  # a product of one SKU: the product's code
        if not code:
            raise _grid(i, "code", "sku_code", "give the SKU code", reason="required")
        if not _CODE_OK.match(code):
            raise _grid(
                i, "code", "sku_code", "a SKU code is one word (no spaces)", reason="format"
            )
        if code in codes:
            raise _grid(
                i,
                "code",
                "sku_code_duplicate",
                f"SKU code {code} is also row {codes[code] + 1}",
                value=code,
                other=codes[code],
            )
        codes[code] = i
        # money
        price = _money(row.price_fen, i, "price_fen", "the price")
        member = _money(
            row.member_price_fen, i, "member_price_fen", "the member price", optional=True
        )
        cost = _money(row.cost_fen if row.cost_fen is not None else 0, i, "cost_fen", "the cost")
        if member is not None and member > price:
            raise _grid(
                i,
                "member_price_fen",
                "member_price_above_price",
                "the member price is above the price",
                price=price,
                member_price=member,
            )
        # barcodes
        if not isinstance(row.barcodes, tuple | list):
            raise _grid(i, "barcodes", "barcode_format", "the barcodes are a list")
        wanted: list[str] = []
        for raw in row.barcodes:
            text = unicodedata.normalize("NFKC", str(raw or "")).strip()
            if not text or text in wanted:
                continue
            try:
                check_barcode(text, prefix)
            except ValidationError as exc:
                raise _grid(i, "barcodes", exc.code, exc.message, **exc.details) from None
            if text in barcodes:
                raise _grid(
                    i,
                    "barcodes",
                    "barcode_duplicate",
                    f"barcode {text} is also on row {barcodes[text] + 1}",
                    value=text,
                    other=barcodes[text],
                )
            barcodes[text] = i
            wanted.append(text)
        if len(wanted) > MAX_BARCODES:
            raise _grid(
                i,
                "barcodes",
                "barcodes_too_many",
                f"at most {MAX_BARCODES} barcodes per SKU",
                limit=MAX_BARCODES,
            )
        status = row.status if row.status in STATUSES else None
        if status is None:
            raise _grid(i, "status", "sku_status", "a SKU is on or off sale")
        if kind != "goods" and sku_id is not None and mine[sku_id].weighed:
            raise _bad(
                "kind",
                "weighed_not_goods",
                f"SKU {code} is weighed goods: a {kind} product cannot have it",
                kind=kind,
            )
        out.append(
            _CleanSku(
                index=i,
                sku_id=sku_id,
                code=code,
                spec1=specs[0] if specs else "",
                spec2=specs[1] if len(specs) > 1 else "",
                price_fen=price,
                member_price_fen=member,
                cost_fen=cost,
                barcodes=tuple(wanted),
                status=status,
            )
        )
    # a SKU saved before is never deleted
    for sku in existing:
        if sku.id not in seen_ids:
            raise _bad(
                "skus",
                "sku_remove",
                f"SKU {sku.code} cannot be removed (sales and stock refer to it): "
                "take it off sale instead",
                value=sku.code,
            )
    # codes and barcodes held elsewhere
    holders = q.sku_code_owners(s, codes)
    for row in out:
        held = holders.get(row.code)
        if held is None or held[0] == row.sku_id:
            continue
        if held[1] != product_id:
            raise _grid(
                row.index,
                "code",
                "sku_code_taken",
                f"SKU code {row.code} is used by product {held[2]}",
                value=row.code,
                owner=held[2],
            )
        if row.sku_id is not None:
            # two of this product's SKUs swapping codes: the unique index would refuse the
            # first update (a new SKU taking a code another one gives up is fine: SQLAlchemy
            # updates before it inserts)
            raise _grid(
                row.index,
                "code",
                "sku_code_swap",
                f"SKU code {row.code} is another SKU's of this product: save in two steps",
                value=row.code,
            )
    owners = q.barcode_owners(s, barcodes)
    for text, i in barcodes.items():
        held = owners.get(text)
        if held is not None and held[2] != product_id:
            raise _grid(
                i,
                "barcodes",
                "barcode_taken",
                f"barcode {text} is on SKU {held[1]} already",
                value=text,
                owner=held[1],
            )
    return out


# -- products: writing -----------------------------------------------------------------------------


def _flush(session: Session) -> None:
    """Flush, turning a code or barcode taken meanwhile (a unique index) into a refusal."""
    try:
        with session.begin_nested():
            session.flush()
    except IntegrityError:
        raise Conflict(
            "the catalog changed meanwhile (a code or barcode just taken, a category just "
            "removed or filled): look again",
            code="catalog_changed",
        ) from None


def _find_product(session: Session, product_id: object, *, lock: bool = False) -> Product:
    key = _key(product_id, "product_id", "product_not_found", "product")
    stmt = select(Product).where(Product.id == key)
    if lock:
        stmt = stmt.with_for_update()
    found = session.scalars(stmt).first()
    if found is None:
        raise NotFound("no such product", code="product_not_found", value=key)
    return found


def _skus(session: Session, product_id: str, *, lock: bool = False) -> list[Sku]:
    stmt = select(Sku).where(Sku.product_id == product_id).order_by(Sku.code)
    if lock:
        stmt = stmt.with_for_update()
    return list(session.scalars(stmt))


_SKU_FIELDS = ("code", "spec1", "spec2", "price_fen", "member_price_fen", "cost_fen", "status")


def _write_skus(
    session: Session, product_id: str, clean: _Clean, existing: Sequence[Sku], now: datetime
) -> dict[str, Any]:
    """Apply the clean grid: SKUs changed or added, barcodes added, moved or removed. Returns
    what changed (for the audit)."""
    mine = {sku.id: sku for sku in existing}
    changed: dict[str, dict] = {}
    added: list[str] = []
    for row in clean.skus:
        values = {name: getattr(row, name) for name in _SKU_FIELDS}
        if row.sku_id is None:
            sku = Sku(
                id=str(new_id()),
                product_id=product_id,
                plu=None,
                weighed=False,
                updated_at=now,
                **values,
            )
            session.add(sku)
            mine[sku.id] = sku
            row.sku_id = sku.id
            added.append(row.code)
            continue
        sku = mine[row.sku_id]
        diff = {k: [getattr(sku, k), v] for k, v in values.items() if getattr(sku, k) != v}
        if diff:
            for k, (_old, new) in diff.items():
                setattr(sku, k, new)
            sku.updated_at = now
            changed[sku.code if "code" not in diff else diff["code"][0]] = diff
    _flush(session)  # the product and its new SKUs exist before their barcodes
    ids = [row.sku_id for row in clean.skus]
    have = (
        {b.code: b for b in session.scalars(select(Barcode).where(Barcode.sku_id.in_(ids)))}
        if ids
        else {}
    )
    wanted = {code: row.sku_id for row in clean.skus for code in row.barcodes}
    barcodes_added, barcodes_removed, barcodes_moved = [], [], []
    for code, b in sorted(have.items()):
        if code not in wanted:
            session.delete(b)
            barcodes_removed.append(code)
    for code, sku_id in sorted(wanted.items()):
        b = have.get(code)
        if b is None:
            session.add(Barcode(code=code, sku_id=sku_id))
            barcodes_added.append(code)
        elif b.sku_id != sku_id:
            b.sku_id = sku_id
            barcodes_moved.append(code)
    out: dict[str, Any] = {}
    if changed:
        out["skus"] = changed
    if added:
        out["skus_added"] = added
    if barcodes_added:
        out["barcodes_added"] = barcodes_added
    if barcodes_removed:
        out["barcodes_removed"] = barcodes_removed
    if barcodes_moved:
        out["barcodes_moved"] = barcodes_moved
    return out


def create_product(uow: UnitOfWork, actor: Actor, data: ProductInput) -> str:
    """A new product with its SKUs and barcodes; returns its id. Audited as ``product.create``."""
    require(actor, Perm.MANAGE_CATALOG)
    s = uow.session
    clean = _validate(uow, data, None, ())
    changelog.capture(s, uow.clock)
    now = uow.clock.now()
    product_id = str(new_id())
    s.add(
        Product(
            id=product_id,
            pinyin=name_initials(clean.columns["name"]),
            updated_at=now,
            **clean.columns,
        )
    )
    _write_skus(s, product_id, clean, (), now)
    _flush(s)
    _audit(
        s,
        now,
        actor,
        "product.create",
        product_id,
        {
            **{k: v for k, v in clean.columns.items() if v not in (None, "")},
            "skus": [
                {
                    "code": r.code,
                    "specs": [x for x in (r.spec1, r.spec2) if x],
                    "price_fen": r.price_fen,
                    "barcodes": list(r.barcodes),
                }
                for r in clean.skus
            ],
        },
    )
    uow.commit()
    return product_id


def update_product(
    uow: UnitOfWork,
    actor: Actor,
    product_id: str,
    data: ProductInput,
    *,
    expected_updated_at: datetime | None = None,
) -> ProductDetail:
    """Change a product and its SKU grid. ``expected_updated_at``: the product's ``updated_at``
    when the editor read it; another save since then refuses this one (``product_changed``).
    Audited as ``product.update`` with each changed field's old and new value (the SKUs' and
    the barcodes' changes too); a save that changes nothing writes nothing."""
    require(actor, Perm.MANAGE_CATALOG)
    s = uow.session
    product = _find_product(s, product_id, lock=True)
    if expected_updated_at is not None and product.updated_at != expected_updated_at:
        raise Conflict(
            f"product {product.code} was changed by someone else meanwhile: open it again",
            code="product_changed",
            value=product.code,
        )
    existing = _skus(s, product.id, lock=True)
    clean = _validate(uow, data, product, existing)
    changelog.capture(s, uow.clock)
    now = uow.clock.now()
    changed = {
        k: [getattr(product, k), v] for k, v in clean.columns.items() if getattr(product, k) != v
    }
    for k, (_old, new) in changed.items():
        setattr(product, k, new)
    if "name" in changed:
        product.pinyin = name_initials(product.name)
    grid = _write_skus(s, product.id, clean, existing, now)
    if not changed and not grid:
        uow.rollback()
        return _detail(s, product.id)
    product.updated_at = now
    _flush(s)
    detail: dict[str, Any] = {"code": product.code}
    if changed:
        detail["changed"] = changed
    detail.update(grid)
    _audit(s, now, actor, "product.update", product.id, detail)
    uow.commit()
    return _detail(s, product.id)


def set_product_status(uow: UnitOfWork, actor: Actor, product_id: str, status: str) -> ProductRow:
    """Put a product on or off shelf now (上架 / 下架). Audited as ``product.update``."""
    require(actor, Perm.MANAGE_CATALOG)
    status = _choice(status, STATUSES, "status", "product_status", "status")
    s = uow.session
    product = _find_product(s, product_id, lock=True)
    if product.status != status:
        changelog.capture(s, uow.clock)
        now = uow.clock.now()
        old, product.status, product.updated_at = product.status, status, now
        s.flush()
        _audit(
            s,
            now,
            actor,
            "product.update",
            product.id,
            {"code": product.code, "changed": {"status": [old, status]}},
        )
        uow.commit()
    return _detail(s, product.id).product


# -- store prices ----------------------------------------------------------------------------------


def _price_scope(actor: Actor) -> frozenset[str] | None:
    """The stores whose prices ``actor`` may see and set (None: every store)."""
    require(actor, Perm.MANAGE_CATALOG)
    return None if Role.ADMIN in actor.roles else actor.store_ids


def _find_sku(session: Session, sku_id: object) -> Sku:
    key = _key(sku_id, "sku_id", "sku_not_found", "SKU")
    sku = session.get(Sku, key)
    if sku is None:
        raise NotFound("no such SKU", code="sku_not_found", value=key)
    return sku


def store_prices(uow: UnitOfWork, actor: Actor, sku_id: str) -> list[StorePriceRow]:
    """The SKU's price at each store the actor may price (admins: every store), by store code;
    ``price_fen`` None where the store sells at the default."""
    scope = _price_scope(actor)
    sku = _find_sku(uow.session, sku_id)
    return q.store_prices(uow.session, sku.id, None if scope is None else sorted(scope))


def _store_for_price(session: Session, actor: Actor, store_id: object) -> Store:
    key = _key(store_id, "store_id", "store_not_found", "store")
    store = session.get(Store, key)
    if store is None:
        raise NotFound("no such store", code="store_not_found", value=key)
    if not actor.can(Perm.MANAGE_CATALOG, store.id):
        raise PermissionDenied(
            f"{actor.name} ({actor.account}) may not set the prices of store {store.code}",
            code="store_price_not_allowed",
            store=store.code,
        )
    return store


def _price_row(session: Session, sku_id: str, store_id: str) -> StorePriceRow:
    return q.store_prices(session, sku_id, [store_id])[0]


def set_store_price(
    uow: UnitOfWork, actor: Actor, sku_id: str, store_id: str, price_fen: int
) -> StorePriceRow:
    """The store's own price of the SKU. Audited as ``store_price.set`` (old and new)."""
    require(actor, Perm.MANAGE_CATALOG)
    s = uow.session
    sku = _find_sku(s, sku_id)
    store = _store_for_price(s, actor, store_id)
    if not _is_int(price_fen):
        raise _bad("price_fen", "price_format", "the price is an amount in whole fen")
    if price_fen < 0:
        raise _bad("price_fen", "price_negative", "the price must not be negative", value=price_fen)
    if price_fen > MAX_PRICE_FEN:
        raise _bad(
            "price_fen",
            "price_too_large",
            f"the price is implausibly large (at most {MAX_PRICE_FEN // 100} yuan)",
            value=price_fen,
            limit=MAX_PRICE_FEN,
        )
    row = s.get(StorePrice, (store.id, sku.id))
    if row is not None and row.price_fen == price_fen:
        return _price_row(s, sku.id, store.id)
    changelog.capture(s, uow.clock)
    now = uow.clock.now()
    old = row.price_fen if row is not None else None
    if row is None:
        s.add(StorePrice(store_id=store.id, sku_id=sku.id, price_fen=int(price_fen)))
    else:
        row.price_fen = int(price_fen)
    s.flush()
    _audit(
        s,
        now,
        actor,
        "store_price.set",
        sku.id,
        {"sku": sku.code, "store": store.code, "price_fen": [old, int(price_fen)]},
        store_id=store.id,
    )
    uow.commit()
    return _price_row(s, sku.id, store.id)


def clear_store_price(uow: UnitOfWork, actor: Actor, sku_id: str, store_id: str) -> StorePriceRow:
    """The store sells the SKU at head office's price again. Audited as ``store_price.clear``."""
    require(actor, Perm.MANAGE_CATALOG)
    s = uow.session
    sku = _find_sku(s, sku_id)
    store = _store_for_price(s, actor, store_id)
    row = s.get(StorePrice, (store.id, sku.id))
    if row is None:
        return _price_row(s, sku.id, store.id)
    changelog.capture(s, uow.clock)
    now = uow.clock.now()
    old = row.price_fen
    s.delete(row)
    s.flush()
    _audit(
        s,
        now,
        actor,
        "store_price.clear",
        sku.id,
        {"sku": sku.code, "store": store.code, "price_fen": [old, None]},
        store_id=store.id,
    )
    uow.commit()
    return _price_row(s, sku.id, store.id)
