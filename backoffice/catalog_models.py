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


def _tr(text: str) -> str:
    return QCoreApplication.translate("Catalog", text)


def kind_name(kind: str) -> str:
    return {
        "goods": _tr("Goods"),
        "service": _tr("Service"),
        "card_key": _tr("Card key"),
    }.get(kind, kind)


def status_name(status: str) -> str:
    return {"on": _tr("On shelf"), "off": _tr("Off shelf")}.get(status, status)


def sku_status_name(status: str) -> str:
    return {"on": _tr("On sale"), "off": _tr("Not sold")}.get(status, status)


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
        return _tr("{barcode} (+{more})").format(barcode=row.barcode, more=row.barcodes - 1)
    return row.barcode


def schedule_text(row: ProductRow) -> str:
    """The scheduled on / off shelf times, ``↑ 11-25 08:00  ↓ 11-30 22:00``."""
    parts = []
    if row.on_shelf_at is not None:
        parts.append(_tr("On {time}").format(time=local(row.on_shelf_at)))
    if row.off_shelf_at is not None:
        parts.append(_tr("Off {time}").format(time=local(row.off_shelf_at)))
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
        Column(_tr("Code"), lambda r: r.code),
        Column(_tr("Name"), lambda r: r.name, tooltip=lambda r: r.pinyin),
        Column(_tr("Category"), lambda r: r.category),
        Column(_tr("Kind"), lambda r: kind_name(r.kind), CENTER),
        Column(_tr("Unit"), lambda r: r.unit, CENTER),
        Column(_tr("Specs (SKUs)"), specs_text, CENTER),
        Column(_tr("Price"), price_range, RIGHT),
        Column(_tr("Barcode"), barcode_text),
        Column(
            _tr("Status"),
            lambda r: status_name(r.status),
            CENTER,
            color=lambda r: OFF_TEXT if r.status == "off" else None,
        ),
        Column(
            _tr("Scheduled"),
            schedule_text,
            color=lambda r: SCHEDULED_TEXT if (r.on_shelf_at or r.off_shelf_at) else None,
        ),
        Column(_tr("Updated"), lambda r: local(r.updated_at)),
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
        Column(_tr("Store"), lambda r: r.store_code),
        Column(_tr("Store name"), lambda r: r.store_name),
        Column(_tr("Head-office price"), lambda r: r.default_fen, RIGHT, fmt_fen),
        Column(
            _tr("Store price"),
            lambda r: r.price_fen,
            RIGHT,
            fmt_fen,
            color=lambda r: OVERRIDE_TEXT if r.price_fen is not None else None,
        ),
        Column(_tr("Sells at"), lambda r: r.effective_fen, RIGHT, fmt_fen),
    ]


def store_price_model(parent: QObject) -> RowTableModel:
    return RowTableModel(store_price_columns(), parent)


# -- refusals --------------------------------------------------------------------------------------


def _reason_text(d: dict, what: str, limit: int | str) -> str:
    """A text field's refusal by its reason: required, too long, control characters, format."""
    reason = str(d.get("reason", ""))
    if reason == "required":
        return _tr("Give {what}").format(what=what)
    if reason == "too_long":
        return _tr("{what} is too long (at most {limit} characters)").format(
            what=what, limit=d.get("limit", limit)
        )
    if reason == "control":
        return _tr("{what} contains line breaks or other control characters").format(what=what)
    if reason == "format":
        return _tr("{what} is one word, without spaces").format(what=what)
    return _tr("{what} is not valid").format(what=what)


def column_name(column: str) -> str:
    """A SKU-grid column as a refusal names it."""
    return {
        "spec1": _tr("Spec 1"),
        "spec2": _tr("Spec 2"),
        "code": _tr("SKU code"),
        "price_fen": _tr("Price"),
        "member_price_fen": _tr("Member price"),
        "cost_fen": _tr("Cost"),
        "barcodes": _tr("Barcodes"),
        "status": _tr("On sale"),
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
        "category_name": lambda: _reason_text(d, _tr("The category name"), 60),
        "category_name_taken": lambda: _tr("A category named {name} exists already there").format(
            name=get("value")
        ),
        "category_too_deep": lambda: _tr(
            "Categories have at most three levels: {parent} is on the third"
        ).format(parent=get("parent")),
        "category_not_found": lambda: _tr("This category no longer exists"),
        "category_not_empty": lambda: _tr(
            "Category {name} is not empty ({products} products, {children} sub-categories): "
            "move them first"
        ).format(name=get("name"), products=get("products"), children=get("children")),
        "category_step": lambda: _tr("Move a category one place up or down"),
        # the product
        "product_code": lambda: _reason_text(d, _tr("The product code"), 40),
        "product_code_taken": lambda: _tr("Product code {code} is used already").format(
            code=get("value")
        ),
        "product_name": lambda: _reason_text(d, _tr("The product name"), 120),
        "product_unit": lambda: _reason_text(d, _tr("The unit"), 16),
        "product_kind": lambda: _tr("Choose the kind: goods, service or card key"),
        "product_status": lambda: _tr("Choose on shelf or off shelf"),
        "product_sort": lambda: _tr("The list cannot be sorted by this column"),
        "serial_tracked": lambda: _tr("Serial tracking is yes or no"),
        "serial_not_goods": lambda: _tr("Only goods can be serial-tracked"),
        "weighed_not_goods": lambda: _tr("A weighed SKU belongs to goods: the kind cannot change"),
        "product_not_found": lambda: _tr("This product no longer exists"),
        "product_changed": lambda: _tr(
            "Product {code} was changed by someone else meanwhile: close and open it again"
        ).format(code=get("value")),
        "catalog_changed": lambda: _tr(
            "The catalog changed meanwhile (a code or barcode was just taken): look again"
        ),
        "product_input": lambda: _tr("This is not a product"),
        # specs
        "spec_name": lambda: _reason_text(d, _tr("A spec name"), 30),
        "spec_too_many": lambda: _tr("A product has at most two spec dimensions"),
        "spec_order": lambda: _tr("Name the first spec dimension before the second"),
        "spec_name_twice": lambda: _tr("The spec {name} is named twice").format(name=get("value")),
        "spec_value": lambda: _reason_text(d, _tr("A spec value"), 30),
        "spec_value_missing": lambda: _tr("Give its {spec}").format(spec=get("spec")),
        "spec_value_unexpected": lambda: _tr(
            "A spec value without a spec name: name the dimension first"
        ),
        "spec_duplicate": lambda: _tr("The combination {specs} is also row {row}").format(
            specs=get("value") or "—", row=other_row()
        ),
        # SKUs
        "sku_required": lambda: _tr("A product has at least one SKU"),
        "sku_too_many": lambda: _tr("At most 200 SKUs per product"),
        "sku_input": lambda: _tr("This is not a SKU"),
        "sku_not_found": lambda: _tr("This SKU no longer exists"),
        "sku_code": lambda: _reason_text(d, _tr("The SKU code"), 40),
        "sku_code_duplicate": lambda: _tr("SKU code {code} is also row {row}").format(
            code=get("value"), row=other_row()
        ),
        "sku_code_taken": lambda: _tr("SKU code {code} is used by product {owner}").format(
            code=get("value"), owner=get("owner")
        ),
        "sku_code_swap": lambda: _tr(
            "SKU code {code} is another SKU's of this product: save in two steps"
        ).format(code=get("value")),
        "sku_remove": lambda: _tr(
            "SKU {code} cannot be removed (sales and stock refer to it): take it off sale instead"
        ).format(code=get("value")),
        "sku_status": lambda: _tr("A SKU is on sale or not"),
        # money
        "price_format": lambda: _tr("Enter an amount in yuan, e.g. 12.50"),
        "price_required": lambda: _tr("Give the price"),
        "price_negative": lambda: _tr("A price must not be negative"),
        "price_too_large": lambda: _tr("That amount is implausibly large (at most {limit})").format(
            limit=yuan_limit
        ),
        "member_price_above_price": lambda: _tr("The member price is above the price"),
        # barcodes
        "barcode_too_long": lambda: _tr("Barcode {code} is too long (at most 40)").format(
            code=get("value")
        ),
        "barcode_format": lambda: _tr("Barcode {code}: letters, digits and - . / only").format(
            code=get("value")
        ),
        "barcode_length": lambda: _tr(
            "Barcode {code}: an all-digit barcode has 8, 12, 13 or 14 digits"
        ).format(code=get("value")),
        "barcode_check_digit": lambda: _tr(
            "Barcode {code}: the check digit is wrong (it should end in {digit})"
        ).format(code=get("value"), digit=get("expected")),
        "barcode_weighed_prefix": lambda: _tr(
            "Barcode {code} starts with {prefix}, the scale-label prefix: the counter would read "
            "it as a weighed-goods label"
        ).format(code=get("value"), prefix=get("prefix")),
        "barcode_duplicate": lambda: _tr("Barcode {code} is also on row {row}").format(
            code=get("value"), row=other_row()
        ),
        "barcode_taken": lambda: _tr("Barcode {code} is on SKU {owner} already").format(
            code=get("value"), owner=get("owner")
        ),
        "barcodes_too_many": lambda: _tr("At most 20 barcodes per SKU"),
        # scheduled on / off shelf
        "shelf_time_zone": lambda: _tr("A scheduled time needs a date and a time"),
        "shelf_time_past": lambda: _tr("A scheduled time must be in the future"),
        "shelf_times": lambda: _tr("The off-shelf time must be after the on-shelf time"),
        # store prices
        "store_not_found": lambda: _tr("This store no longer exists"),
        "store_price_not_allowed": lambda: _tr(
            "You may not set the prices of store {store}"
        ).format(store=get("store")),
        # the list
        "text_too_long": lambda: _tr("The search text is too long (at most 64 characters)"),
    }.get(exc.code)
    return texts() if texts is not None else describe_backoffice(exc)
