"""Table models and display names of the 商品 area.

The product list is a ``PagedTableModel`` (``backoffice.models``) over the service's
``ProductRow``s, sorted on the server by the column's sort key; the store prices of a SKU are a
``RowTableModel``. The functions here turn stored values (kinds, statuses, fen, times) into the
text a manager reads, through Qt's translation; they never query anything.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication, QObject

from backoffice.messages import describe as describe_backoffice
from backoffice.models import PagedTableModel
from shared.domain.clock import local_time
from shared.domain.errors import DomainError
from shared.qt.money import fmt_fen
from shared.qt.operations import OperationRunner
from shared.qt.table_model import CENTER, RIGHT, Column, RowTableModel
from shared.services.catalog_admin import ProductRow, StorePriceRow

CHINA_TZ = "Asia/Shanghai"
OFF_BACKGROUND = "#eceff1"
SCHEDULED_TEXT = "#e65100"
OFF_TEXT = "#9e9e9e"
OVERRIDE_TEXT = "#1565c0"


def kind_name(kind: str) -> str:
    return {
        "goods": QCoreApplication.translate("Catalog", "Goods"),
        "service": QCoreApplication.translate("Catalog", "Service"),
        "card_key": QCoreApplication.translate("Catalog", "Card key"),
    }.get(kind, kind)


def status_name(status: str) -> str:
    return {
        "on": QCoreApplication.translate("Catalog", "On shelf"),
        "off": QCoreApplication.translate("Catalog", "Off shelf"),
    }.get(status, status)


def sku_status_name(status: str) -> str:
    return {
        "on": QCoreApplication.translate("Catalog", "On sale"),
        "off": QCoreApplication.translate("Catalog", "Not sold"),
    }.get(status, status)


def local(at: datetime | None) -> str:
    return local_time(at, CHINA_TZ).strftime("%Y-%m-%d %H:%M") if at is not None else ""


def price_range(row: ProductRow) -> str:
    if row.price_min_fen is None:
        return ""
    if row.price_min_fen == row.price_max_fen:
        return fmt_fen(row.price_min_fen)
    return f"{fmt_fen(row.price_min_fen)} – {fmt_fen(row.price_max_fen)}"


def specs_text(row: ProductRow) -> str:
    """``颜色 × 尺码 (6)``: the spec dimensions and the SKUs; a product of one SKU: ``1``."""
    names = " × ".join(n for n in (row.spec1_name, row.spec2_name) if n)
    return f"{names} ({row.skus})" if names else str(row.skus)


def barcode_text(row: ProductRow) -> str:
    if row.barcodes > 1:
        return QCoreApplication.translate("Catalog", "{barcode} (+{more})").format(
            barcode=row.barcode, more=row.barcodes - 1
        )
    return row.barcode


def schedule_text(row: ProductRow) -> str:
    """The scheduled on / off shelf times, ``↑ 11-25 08:00  ↓ 11-30 22:00``."""
    parts = []
    if row.on_shelf_at is not None:
        parts.append(
            QCoreApplication.translate("Catalog", "On {time}").format(time=local(row.on_shelf_at))
        )
    if row.off_shelf_at is not None:
        parts.append(
            QCoreApplication.translate("Catalog", "Off {time}").format(time=local(row.off_shelf_at))
        )
    return " · ".join(parts)


# the product list's columns, and what each sorts by on the server (None: not sortable)
PRODUCT_SORT_KEYS = (
    "code",
    "name",
    "category",
    "kind",
    None,
    "skus",
    "price",
    None,
    "status",
    "scheduled",
    "updated_at",
)
NAME_COLUMN = 1


def product_columns() -> list[Column[ProductRow]]:
    return [
        Column(QCoreApplication.translate("Catalog", "Code"), lambda r: r.code),
        Column(
            QCoreApplication.translate("Catalog", "Name"),
            lambda r: r.name,
            tooltip=lambda r: r.pinyin,
        ),
        Column(QCoreApplication.translate("Catalog", "Category"), lambda r: r.category),
        Column(QCoreApplication.translate("Catalog", "Kind"), lambda r: kind_name(r.kind), CENTER),
        Column(QCoreApplication.translate("Catalog", "Unit"), lambda r: r.unit, CENTER),
        Column(QCoreApplication.translate("Catalog", "Specs (SKUs)"), specs_text, CENTER),
        Column(QCoreApplication.translate("Catalog", "Price"), price_range, RIGHT),
        Column(QCoreApplication.translate("Catalog", "Barcode"), barcode_text),
        Column(
            QCoreApplication.translate("Catalog", "Status"),
            lambda r: status_name(r.status),
            CENTER,
            color=lambda r: OFF_TEXT if r.status == "off" else None,
        ),
        Column(
            QCoreApplication.translate("Catalog", "Scheduled"),
            schedule_text,
            color=lambda r: SCHEDULED_TEXT if (r.on_shelf_at or r.off_shelf_at) else None,
        ),
        Column(QCoreApplication.translate("Catalog", "Updated"), lambda r: local(r.updated_at)),
    ]


def product_model(runner: OperationRunner, *, page_size: int, parent: QObject) -> PagedTableModel:
    """Products; one off shelf is greyed."""
    return PagedTableModel(
        product_columns(),
        runner,
        page_size=page_size,
        sort_keys=PRODUCT_SORT_KEYS,
        background=lambda row, _col: OFF_BACKGROUND if row.status == "off" else None,
        parent=parent,
    )


def store_price_columns() -> list[Column[StorePriceRow]]:
    return [
        Column(QCoreApplication.translate("Catalog", "Store"), lambda r: r.store_code),
        Column(QCoreApplication.translate("Catalog", "Store name"), lambda r: r.store_name),
        Column(
            QCoreApplication.translate("Catalog", "Head-office price"),
            lambda r: r.default_fen,
            RIGHT,
            fmt_fen,
        ),
        Column(
            QCoreApplication.translate("Catalog", "Store price"),
            lambda r: r.price_fen,
            RIGHT,
            fmt_fen,
            color=lambda r: OVERRIDE_TEXT if r.price_fen is not None else None,
        ),
        Column(
            QCoreApplication.translate("Catalog", "Sells at"),
            lambda r: r.effective_fen,
            RIGHT,
            fmt_fen,
        ),
    ]


def store_price_model(parent: QObject) -> RowTableModel:
    return RowTableModel(store_price_columns(), parent)


# -- refusals --------------------------------------------------------------------------------------


def _reason_text(d: dict, what: str, limit: int | str) -> str:
    """A text field's refusal by its reason: required, too long, control characters, format."""
    reason = str(d.get("reason", ""))
    if reason == "required":
        return QCoreApplication.translate("Catalog", "Give {what}").format(what=what)
    if reason == "too_long":
        return QCoreApplication.translate(
            "Catalog", "{what} is too long (at most {limit} characters)"
        ).format(what=what, limit=d.get("limit", limit))
    if reason == "control":
        return QCoreApplication.translate(
            "Catalog", "{what} contains line breaks or other control characters"
        ).format(what=what)
    if reason == "format":
        return QCoreApplication.translate("Catalog", "{what} is one word, without spaces").format(
            what=what
        )
    return QCoreApplication.translate("Catalog", "{what} is not valid").format(what=what)


def column_name(column: str) -> str:
    """A SKU-grid column as a refusal names it."""
    return {
        "spec1": QCoreApplication.translate("Catalog", "Spec 1"),
        "spec2": QCoreApplication.translate("Catalog", "Spec 2"),
        "code": QCoreApplication.translate("Catalog", "SKU code"),
        "price_fen": QCoreApplication.translate("Catalog", "Price"),
        "member_price_fen": QCoreApplication.translate("Catalog", "Member price"),
        "cost_fen": QCoreApplication.translate("Catalog", "Cost"),
        "barcodes": QCoreApplication.translate("Catalog", "Barcodes"),
        "status": QCoreApplication.translate("Catalog", "On sale"),
    }.get(column, column)


def describe(exc: BaseException) -> str:
    """A refusal of the catalog services in the interface language (the rest: the back office's
    and the counter's wording)."""
    if not isinstance(exc, DomainError):
        return describe_backoffice(exc)
    d = exc.details

    def get(key: str) -> str:
        return str(d.get(key, ""))

    def other_row() -> str:
        other = d.get("other")
        return str(int(other) + 1) if isinstance(other, int) else "?"

    yuan_limit = "99,999,999.99"
    texts = {
        # categories
        "category_name": lambda: _reason_text(
            d, QCoreApplication.translate("Catalog", "The category name"), 60
        ),
        "category_name_taken": lambda: QCoreApplication.translate(
            "Catalog", "A category named {name} exists already there"
        ).format(name=get("value")),
        "category_too_deep": lambda: QCoreApplication.translate(
            "Catalog", "Categories have at most three levels: {parent} is on the third"
        ).format(parent=get("parent")),
        "category_not_found": lambda: QCoreApplication.translate(
            "Catalog", "This category no longer exists"
        ),
        "category_not_empty": lambda: QCoreApplication.translate(
            "Catalog",
            "Category {name} is not empty ({products} products, {children} sub-categories): "
            "move them first",
        ).format(name=get("name"), products=get("products"), children=get("children")),
        "category_step": lambda: QCoreApplication.translate(
            "Catalog", "Move a category one place up or down"
        ),
        # the product
        "product_code": lambda: _reason_text(
            d, QCoreApplication.translate("Catalog", "The product code"), 40
        ),
        "product_code_taken": lambda: QCoreApplication.translate(
            "Catalog", "Product code {code} is used already"
        ).format(code=get("value")),
        "product_name": lambda: _reason_text(
            d, QCoreApplication.translate("Catalog", "The product name"), 120
        ),
        "product_unit": lambda: _reason_text(
            d, QCoreApplication.translate("Catalog", "The unit"), 16
        ),
        "product_kind": lambda: QCoreApplication.translate(
            "Catalog", "Choose the kind: goods, service or card key"
        ),
        "product_status": lambda: QCoreApplication.translate(
            "Catalog", "Choose on shelf or off shelf"
        ),
        "product_sort": lambda: QCoreApplication.translate(
            "Catalog", "The list cannot be sorted by this column"
        ),
        "serial_tracked": lambda: QCoreApplication.translate(
            "Catalog", "Serial tracking is yes or no"
        ),
        "serial_not_goods": lambda: QCoreApplication.translate(
            "Catalog", "Only goods can be serial-tracked"
        ),
        "weighed_not_goods": lambda: QCoreApplication.translate(
            "Catalog", "A weighed SKU belongs to goods: the kind cannot change"
        ),
        "product_not_found": lambda: QCoreApplication.translate(
            "Catalog", "This product no longer exists"
        ),
        "product_changed": lambda: QCoreApplication.translate(
            "Catalog",
            "Product {code} was changed by someone else meanwhile: close and open it again",
        ).format(code=get("value")),
        "catalog_changed": lambda: QCoreApplication.translate(
            "Catalog",
            "The catalog changed meanwhile (a code or barcode was just taken): look again",
        ),
        "product_input": lambda: QCoreApplication.translate("Catalog", "This is not a product"),
        # specs
        "spec_name": lambda: _reason_text(
            d, QCoreApplication.translate("Catalog", "A spec name"), 30
        ),
        "spec_too_many": lambda: QCoreApplication.translate(
            "Catalog", "A product has at most two spec dimensions"
        ),
        "spec_order": lambda: QCoreApplication.translate(
            "Catalog", "Name the first spec dimension before the second"
        ),
        "spec_name_twice": lambda: QCoreApplication.translate(
            "Catalog", "The spec {name} is named twice"
        ).format(name=get("value")),
        "spec_value": lambda: _reason_text(
            d, QCoreApplication.translate("Catalog", "A spec value"), 30
        ),
        "spec_value_missing": lambda: QCoreApplication.translate(
            "Catalog", "Give its {spec}"
        ).format(spec=get("spec")),
        "spec_value_unexpected": lambda: QCoreApplication.translate(
            "Catalog", "A spec value without a spec name: name the dimension first"
        ),
        "spec_duplicate": lambda: QCoreApplication.translate(
            "Catalog", "The combination {specs} is also row {row}"
        ).format(specs=get("value") or "—", row=other_row()),
        # SKUs
        "sku_required": lambda: QCoreApplication.translate(
            "Catalog", "A product has at least one SKU"
        ),
        "sku_too_many": lambda: QCoreApplication.translate(
            "Catalog", "At most 200 SKUs per product"
        ),
        "sku_input": lambda: QCoreApplication.translate("Catalog", "This is not a SKU"),
        "sku_not_found": lambda: QCoreApplication.translate("Catalog", "This SKU no longer exists"),
        "sku_code": lambda: _reason_text(
            d, QCoreApplication.translate("Catalog", "The SKU code"), 40
        ),
        "sku_code_duplicate": lambda: QCoreApplication.translate(
            "Catalog", "SKU code {code} is also row {row}"
        ).format(code=get("value"), row=other_row()),
        "sku_code_taken": lambda: QCoreApplication.translate(
            "Catalog", "SKU code {code} is used by product {owner}"
        ).format(code=get("value"), owner=get("owner")),
        "sku_code_swap": lambda: QCoreApplication.translate(
            "Catalog", "SKU code {code} is another SKU's of this product: save in two steps"
        ).format(code=get("value")),
        "sku_remove": lambda: QCoreApplication.translate(
            "Catalog",
            "SKU {code} cannot be removed (sales and stock refer to it): take it off sale instead",
        ).format(code=get("value")),
        "sku_status": lambda: QCoreApplication.translate("Catalog", "A SKU is on sale or not"),
        # money
        "price_format": lambda: QCoreApplication.translate(
            "Catalog", "Enter an amount in yuan, e.g. 12.50"
        ),
        "price_required": lambda: QCoreApplication.translate("Catalog", "Give the price"),
        "price_negative": lambda: QCoreApplication.translate(
            "Catalog", "A price must not be negative"
        ),
        "price_too_large": lambda: QCoreApplication.translate(
            "Catalog", "That amount is implausibly large (at most {limit})"
        ).format(limit=yuan_limit),
        "member_price_above_price": lambda: QCoreApplication.translate(
            "Catalog", "The member price is above the price"
        ),
        # barcodes
        "barcode_too_long": lambda: QCoreApplication.translate(
            "Catalog", "Barcode {code} is too long (at most 40)"
        ).format(code=get("value")),
        "barcode_format": lambda: QCoreApplication.translate(
            "Catalog", "Barcode {code}: letters, digits and - . / only"
        ).format(code=get("value")),
        "barcode_length": lambda: QCoreApplication.translate(
            "Catalog", "Barcode {code}: an all-digit barcode has 8, 12, 13 or 14 digits"
        ).format(code=get("value")),
        "barcode_check_digit": lambda: QCoreApplication.translate(
            "Catalog", "Barcode {code}: the check digit is wrong (it should end in {digit})"
        ).format(code=get("value"), digit=get("expected")),
        "barcode_weighed_prefix": lambda: QCoreApplication.translate(
            "Catalog",
            "Barcode {code} starts with {prefix}, the scale-label prefix: the counter would read "
            "it as a weighed-goods label",
        ).format(code=get("value"), prefix=get("prefix")),
        "barcode_duplicate": lambda: QCoreApplication.translate(
            "Catalog", "Barcode {code} is also on row {row}"
        ).format(code=get("value"), row=other_row()),
        "barcode_taken": lambda: QCoreApplication.translate(
            "Catalog", "Barcode {code} is on SKU {owner} already"
        ).format(code=get("value"), owner=get("owner")),
        "barcodes_too_many": lambda: QCoreApplication.translate(
            "Catalog", "At most 20 barcodes per SKU"
        ),
        # scheduled on / off shelf
        "shelf_time_zone": lambda: QCoreApplication.translate(
            "Catalog", "A scheduled time needs a date and a time"
        ),
        "shelf_time_past": lambda: QCoreApplication.translate(
            "Catalog", "A scheduled time must be in the future"
        ),
        "shelf_times": lambda: QCoreApplication.translate(
            "Catalog", "The off-shelf time must be after the on-shelf time"
        ),
        # store prices
        "store_not_found": lambda: QCoreApplication.translate(
            "Catalog", "This store no longer exists"
        ),
        "store_price_not_allowed": lambda: QCoreApplication.translate(
            "Catalog", "You may not set the prices of store {store}"
        ).format(store=get("store")),
        # the list
        "text_too_long": lambda: QCoreApplication.translate(
            "Catalog", "The search text is too long (at most 64 characters)"
        ),
    }.get(exc.code)
    return texts() if texts is not None else describe_backoffice(exc)
