"""The catalog as head office manages it (SPEC §2, §13, §15) on SQLite and PostgreSQL centrals:
the three-level category tree, products with their SKU grid, every kind of bad input refused with
its own code and nothing changed, the audit and the change log of each write, the product list's
filters and server-side sort, store prices within the manager's stores, and the scheduled on /
off shelf applied once at the time — and, like an edited price, reaching a terminal by its pull."""

from __future__ import annotations

import threading
import time
from dataclasses import replace
from datetime import datetime, timedelta
from types import SimpleNamespace

import pytest
from sqlalchemy import func, select, text

from backoffice.catalog_backend import CatalogBackend
from shared.db.models import (
    AuditEntry,
    Barcode,
    Category,
    ChangeLog,
    Product,
    Sku,
    Staff,
    Store,
    StorePrice,
)
from shared.db.uow import Database
from shared.domain.barcode import with_check_digit
from shared.domain.errors import Conflict, DomainError, NotFound, PermissionDenied, ValidationError
from shared.services import auth, catalog, catalog_admin
from shared.services.catalog_admin import ProductInput, ProductQuery, SkuInput
from shared.services.context import load_terminal
from shared.services.demo import create_demo
from shared.sync import shelf_schedule
from shared.sync.gateway import InProcessGateway
from shared.sync.pull import pull_stream


@pytest.fixture
def central(make_db):
    db = make_db()
    create_demo(db, products=20)
    return db


def actor(db: Database, account: str) -> auth.Actor:
    with db.reader() as uow:
        staff = uow.session.scalars(select(Staff).where(Staff.account == account)).one()
        return auth.actor_for(uow, staff)


def bc(n: int) -> str:
    """A valid EAN-13 no demo product uses."""
    return with_check_digit(f"693{n:09d}")


def demo_barcode(i: int) -> str:
    return with_check_digit(f"690{i * 10:09d}")


def store_id(db: Database, code: str) -> str:
    with db.reader() as uow:
        return uow.session.scalars(select(Store.id).where(Store.code == code)).one()


def product_id(db: Database, code: str) -> str:
    with db.reader() as uow:
        return uow.session.scalars(select(Product.id).where(Product.code == code)).one()


def state(db: Database) -> tuple:
    """Everything a refused write must leave as it was."""
    with db.reader() as uow:
        s = uow.session
        rows = tuple(
            tuple(
                tuple(r) for r in s.execute(select(m.__table__).order_by(*m.__table__.primary_key))
            )
            for m in (Category, Product, Sku, Barcode, StorePrice)
        )
        audits = s.scalar(select(func.count()).select_from(AuditEntry))
        head = s.scalar(select(func.coalesce(func.max(ChangeLog.id), 0)))
        return rows, audits, head


def changes_since(db: Database, head: int) -> list[tuple[str, str]]:
    """(table, op) of the change-log rows after ``head``."""
    with db.reader() as uow:
        return [
            (t, op)
            for t, op in uow.session.execute(
                select(ChangeLog.table_name, ChangeLog.op)
                .where(ChangeLog.id > head)
                .order_by(ChangeLog.id)
            )
        ]


def audits(db: Database, action: str | None = None) -> list[SimpleNamespace]:
    with db.reader() as uow:
        stmt = select(AuditEntry).order_by(AuditEntry.at, AuditEntry.id)
        if action:
            stmt = stmt.where(AuditEntry.action == action)
        return [
            SimpleNamespace(
                action=a.action,
                target=a.target,
                actor_id=a.actor_id,
                store_id=a.store_id,
                detail=a.detail,
            )
            for a in uow.session.scalars(stmt)
        ]


def run(db: Database, fn, *args, **kwargs):
    with db.uow() as uow:
        return fn(uow, *args, **kwargs)


def read(db: Database, fn, *args, **kwargs):
    with db.reader() as uow:
        return fn(uow, *args, **kwargs)


def tshirt(code: str = "T100", *, category_id: str | None = None, **more) -> ProductInput:
    """A T-shirt in two colours and three sizes (six SKUs, each with a barcode)."""
    skus = tuple(
        SkuInput(
            code=f"{code}-{c}{s}",
            price_fen=5900 + s * 1000,
            specs=(colour, size),
            member_price_fen=5500 + s * 1000,
            cost_fen=2500,
            barcodes=(bc(int(code[1:]) * 10 + c * 3 + s),),
        )
        for c, colour in enumerate(("白色", "黑色"))
        for s, size in enumerate(("M", "L", "XL"))
    )
    values = dict(
        code=code,
        name="纯棉圆领T恤",
        category_id=category_id,
        unit="件",
        spec_names=("颜色", "尺码"),
        skus=skus,
    )
    values.update(more)
    return ProductInput(**values)


def single(code: str = "W100", price: int = 350, **more) -> ProductInput:
    values = dict(
        code=code,
        name="可口可乐 330ml",
        skus=(SkuInput(code="", price_fen=price, barcodes=(bc(int(code[1:])),)),),
    )
    values.update(more)
    return ProductInput(**values)


def refused(db: Database, fn, *args, **kwargs) -> DomainError:
    """Run a write that must be refused; assert it changed nothing; return the refusal."""
    before = state(db)
    with pytest.raises(DomainError) as err:
        run(db, fn, *args, **kwargs)
    assert state(db) == before, f"{err.value.code} changed something"
    return err.value


# -- categories ------------------------------------------------------------------------------------


def test_categories_three_levels_rename_reorder_and_delete_only_when_empty(central):
    m = actor(central, "manager01")
    head = state(central)[2]
    drinks = run(central, catalog_admin.create_category, m, "酒水")
    fizzy = run(central, catalog_admin.create_category, m, "碳酸饮料", drinks.category_id)
    cola = run(central, catalog_admin.create_category, m, "可乐", fizzy.category_id)
    assert (drinks.level, fizzy.level, cola.level) == (1, 2, 3)
    # a fourth level is refused, and so is a sibling's name or an empty one
    err = refused(central, catalog_admin.create_category, m, "零度", cola.category_id)
    assert err.code == "category_too_deep" and err.details["field"] == "parent_id"
    err = refused(central, catalog_admin.create_category, m, "碳酸饮料", drinks.category_id)
    assert err.code == "category_name_taken"
    assert refused(central, catalog_admin.create_category, m, "  ").code == "category_name"
    err = refused(central, catalog_admin.create_category, m, "长" * 61)
    assert (err.code, err.details["reason"]) == ("category_name", "too_long")
    with pytest.raises(NotFound):
        run(central, catalog_admin.create_category, m, "x", "not-an-id")

    renamed = run(central, catalog_admin.rename_category, m, fizzy.category_id, "汽水")
    assert renamed.name == "汽水" and renamed.level == 2

    # reorder the top level: the new category moves up one place among the demo's six
    tops = [c for c in read(central, catalog_admin.categories, m) if c.level == 1]
    assert tops[-1].name == "酒水"
    run(central, catalog_admin.move_category, m, drinks.category_id, -1)
    tops = [c.name for c in read(central, catalog_admin.categories, m) if c.level == 1]
    assert tops[-2:] == ["酒水", "服装"]
    run(central, catalog_admin.move_category, m, drinks.category_id, -1)
    tree = read(central, catalog_admin.categories, m)
    names = [c.name for c in tree]
    assert names.index("酒水") < names.index("汽水") < names.index("可乐") < names.index("服装")
    assert refused(central, catalog_admin.move_category, m, drinks.category_id, 2).code == (
        "category_step"
    )

    # delete only when empty: not with a sub-category, not with a product
    err = refused(central, catalog_admin.delete_category, m, fizzy.category_id)
    assert err.code == "category_not_empty" and err.details["children"] == 1
    run(central, catalog_admin.create_product, m, single(category_id=cola.category_id))
    err = refused(central, catalog_admin.delete_category, m, cola.category_id)
    assert (err.code, err.details["products"], err.details["children"]) == (
        "category_not_empty",
        1,
        0,
    )
    empty = run(central, catalog_admin.create_category, m, "空分类")
    run(central, catalog_admin.delete_category, m, empty.category_id)
    assert "空分类" not in [c.name for c in read(central, catalog_admin.categories, m)]

    actions = [a.action for a in audits(central) if a.action.startswith("category.")]
    assert actions == [
        "category.create",
        "category.create",
        "category.create",
        "category.rename",
        "category.move",
        "category.move",
        "category.create",
        "category.delete",
    ]
    logged = changes_since(central, head)
    assert ("category", "delete") in logged  # the terminals drop it too
    assert logged.count(("category", "upsert")) >= 6


# -- products --------------------------------------------------------------------------------------


def test_a_product_with_a_sku_grid_is_created_listed_filtered_and_sorted(central):
    m = actor(central, "manager01")
    head = state(central)[2]
    top = run(central, catalog_admin.create_category, m, "服饰")
    mid = run(central, catalog_admin.create_category, m, "上衣", top.category_id)
    low = run(central, catalog_admin.create_category, m, "T恤", mid.category_id)
    pid = run(central, catalog_admin.create_product, m, tshirt(category_id=low.category_id))
    detail = read(central, catalog_admin.product_detail, m, pid)
    p = detail.product
    assert (p.code, p.name, p.pinyin, p.category) == (
        "T100",
        "纯棉圆领T恤",
        "cmyltx",
        "服饰 / 上衣 / T恤",
    )
    assert detail.spec_names == ("颜色", "尺码") and p.skus == 6
    assert [(s.code, s.spec1, s.spec2, s.price_fen) for s in detail.skus][:2] == [
        ("T100-00", "白色", "M", 5900),
        ("T100-01", "白色", "L", 6900),
    ]
    assert (p.price_min_fen, p.price_max_fen, p.barcodes) == (5900, 7900, 6)
    # one transaction: the product, six SKUs, six barcodes logged for the terminals; audited
    logged = changes_since(central, head)
    assert logged.count(("product", "upsert")) == 1
    assert logged.count(("sku", "upsert")) == 6 and logged.count(("barcode", "upsert")) == 6
    created = audits(central, "product.create")[-1]
    assert created.target == pid and len(created.detail["skus"]) == 6

    def codes(**query) -> list[str]:
        page = read(central, catalog_admin.list_products, m, ProductQuery(**query), 0, 100)
        return [r.code for r in page.rows]

    # the top category finds a product two levels below it
    assert codes(category_id=top.category_id) == ["T100"]
    assert codes(category_id=low.category_id) == ["T100"]
    assert codes(text="t100-1") == ["T100"]  # a SKU code, any case
    assert codes(text="cmyl") == ["T100"]  # pinyin initials
    assert codes(text=bc(1000)[:9]) == ["T100"]  # the start of a barcode
    assert codes(text="圆领") == ["T100"]
    assert codes(text="%' OR 1=1 --") == []  # SQL metacharacters match themselves
    assert codes(text="_") == []
    assert len(codes(kind="goods")) == 21 and codes(kind="service") == []
    run(central, catalog_admin.set_product_status, m, pid, "off")
    assert codes(status="off") == ["T100"]

    # sorted on the server, paged without overlap
    page = read(
        central, catalog_admin.list_products, m, ProductQuery(sort="price", descending=True), 0, 3
    )
    assert page.total == 21 and page.rows[0].code == "T100"
    prices = [
        r.price_min_fen
        for r in read(
            central, catalog_admin.list_products, m, ProductQuery(sort="price"), 0, 100
        ).rows
    ]
    assert prices == sorted(prices)
    first = read(central, catalog_admin.list_products, m, ProductQuery(sort="name"), 0, 10)
    second = read(central, catalog_admin.list_products, m, ProductQuery(sort="name"), 10, 10)
    names = [r.product_id for r in first.rows + second.rows]
    assert len(set(names)) == 20
    with pytest.raises(ValidationError) as err:
        read(central, catalog_admin.list_products, m, ProductQuery(sort="drop table"), 0, 10)
    assert err.value.code == "product_sort"
    with pytest.raises(ValidationError) as err:
        read(central, catalog_admin.list_products, m, ProductQuery(text="x" * 65), 0, 10)
    assert err.value.code == "text_too_long"


def _bad_inputs(now: datetime) -> list[tuple[str, ProductInput, str, dict]]:
    """(case, input, code, details expected) of a new product refused."""
    good = single("W200")
    sku = good.skus[0]
    tee = tshirt("T300")
    return [
        ("duplicate product code", replace(good, code="P000001"), "product_code_taken", {}),
        (
            "duplicate SKU code",
            replace(good, skus=(replace(sku, code="P000002"),)),
            "sku_code_taken",
            {"owner": "P000002", "row": 0, "column": "code"},
        ),
        (
            "SKU code twice in the grid",
            replace(tee, skus=(tee.skus[0], replace(tee.skus[1], code=tee.skus[0].code))),
            "sku_code_duplicate",
            {"row": 1},
        ),
        (
            "barcode of another product",
            replace(good, skus=(replace(sku, barcodes=(demo_barcode(7),)),)),
            "barcode_taken",
            {"value": demo_barcode(7), "owner": "P000007"},
        ),
        (
            "barcode twice in the grid",
            replace(tee, skus=(tee.skus[0], replace(tee.skus[1], barcodes=tee.skus[0].barcodes))),
            "barcode_duplicate",
            {"row": 1, "column": "barcodes"},
        ),
        (
            "EAN-13 check digit",
            replace(good, skus=(replace(sku, barcodes=("6901234567890",)),)),
            "barcode_check_digit",
            {"expected": "2"},
        ),
        (
            "all-digit barcode of a wrong length",
            replace(good, skus=(replace(sku, barcodes=("69012345678",)),)),
            "barcode_length",
            {},
        ),
        (
            "barcode with the scale-label prefix",
            replace(good, skus=(replace(sku, barcodes=(with_check_digit("200001001230"),)),)),
            "barcode_weighed_prefix",
            {"prefix": "2"},
        ),
        (
            "barcode with spaces",
            replace(good, skus=(replace(sku, barcodes=("69 01",)),)),
            "barcode_format",
            {},
        ),
        (
            "negative price",
            replace(good, skus=(replace(sku, price_fen=-1),)),
            "price_negative",
            {"column": "price_fen"},
        ),
        (
            "absurd price",
            replace(good, skus=(replace(sku, price_fen=10**12),)),
            "price_too_large",
            {"column": "price_fen"},
        ),
        (
            "negative cost",
            replace(good, skus=(replace(sku, cost_fen=-5),)),
            "price_negative",
            {"column": "cost_fen"},
        ),
        (
            "price not whole fen",
            replace(good, skus=(replace(sku, price_fen=3.5),)),  # type: ignore[arg-type]
            "price_format",
            {},
        ),
        (
            "member price above the price",
            replace(good, skus=(replace(sku, member_price_fen=400),)),
            "member_price_above_price",
            {},
        ),
        (
            "a third spec dimension",
            replace(tee, spec_names=("颜色", "尺码", "款式")),
            "spec_too_many",
            {"field": "spec_names"},
        ),
        (
            "three spec values on a SKU",
            replace(tee, skus=(replace(tee.skus[0], specs=("白色", "M", "修身")), *tee.skus[1:])),
            "spec_too_many",
            {},
        ),
        (
            "a spec combination twice",
            replace(tee, skus=(*tee.skus, replace(tee.skus[0], code="T300-99", barcodes=()))),
            "spec_duplicate",
            {"row": 6, "other": 0, "value": "白色 / M"},
        ),
        (
            "a spec value missing",
            replace(tee, skus=(replace(tee.skus[0], specs=("白色", "")), *tee.skus[1:])),
            "spec_value_missing",
            {"row": 0, "column": "spec2"},
        ),
        (
            "the second spec without the first",
            replace(tee, spec_names=("", "尺码")),
            "spec_order",
            {},
        ),
        (
            "off shelf before on shelf",
            replace(
                good,
                on_shelf_at=now + timedelta(days=2),
                off_shelf_at=now + timedelta(days=1),
            ),
            "shelf_times",
            {"field": "off_shelf_at"},
        ),
        (
            "a scheduled time in the past",
            replace(good, off_shelf_at=now - timedelta(minutes=1)),
            "shelf_time_past",
            {"field": "off_shelf_at"},
        ),
        (
            "a time without a zone",
            replace(good, on_shelf_at=datetime(2030, 1, 1, 8, 0)),
            "shelf_time_zone",
            {},
        ),
        ("over-long name", replace(good, name="名" * 121), "product_name", {"reason": "too_long"}),
        ("over-long code", replace(good, code="C" * 41), "product_code", {"reason": "too_long"}),
        ("a code with a space", replace(good, code="W 1"), "product_code", {"reason": "format"}),
        ("no name", replace(good, name="  "), "product_name", {"reason": "required"}),
        ("control characters", replace(good, name="可\n乐"), "product_name", {"reason": "control"}),
        ("over-long unit", replace(good, unit="箱" * 17), "product_unit", {}),
        ("unknown kind", replace(good, kind="gift"), "product_kind", {}),
        ("unknown status", replace(good, status="maybe"), "product_status", {}),
        (
            "a serial-tracked service",
            replace(good, kind="service", serial_tracked=True),
            "serial_not_goods",
            {},
        ),
        ("no SKU", replace(good, skus=()), "sku_required", {}),
        (
            "an unknown category",
            replace(good, category_id="01900000-0000-7000-8000-000000000000"),
            "category_not_found",
            {},
        ),
        (
            "over-long spec value",
            replace(tee, skus=(replace(tee.skus[0], specs=("白" * 31, "M")), *tee.skus[1:])),
            "spec_value",
            {"reason": "too_long"},
        ),
    ]


def test_every_bad_input_is_refused_with_its_own_error_and_changes_nothing(central):
    m = actor(central, "manager01")
    now = central.clock.now()
    for case, data, code, details in _bad_inputs(now):
        err = refused(central, catalog_admin.create_product, m, data)
        assert err.code == code, f"{case}: {err.code} ({err})"
        for key, value in details.items():
            assert err.details.get(key) == value, f"{case}: {key}={err.details.get(key)!r}"
        assert err.message  # an English reason for the CLI and the logs
    # the good ones go in
    run(central, catalog_admin.create_product, m, single("W200"))
    run(central, catalog_admin.create_product, m, tshirt("T300"))


def test_an_edit_is_audited_with_its_changes_logged_and_a_save_of_nothing_writes_nothing(
    central, clock
):
    m = actor(central, "manager01")
    pid = run(central, catalog_admin.create_product, m, tshirt("T400"))
    detail = read(central, catalog_admin.product_detail, m, pid)
    data = catalog_admin.input_from_detail(detail)
    # saving what was read changes nothing at all
    before = state(central)
    again = run(central, catalog_admin.update_product, m, pid, data)
    assert state(central) == before and again == detail

    clock.advance(minutes=1)
    head = state(central)[2]
    first, second = data.skus[0], data.skus[1]
    edited = replace(
        data,
        name="精梳棉圆领T恤",
        skus=(
            replace(first, price_fen=6500, barcodes=(bc(9001), bc(9002))),
            replace(second, barcodes=(), status="off"),
            *data.skus[2:],
            SkuInput(code="T400-20", price_fen=9900, specs=("灰色", "M"), barcodes=(bc(9003),)),
        ),
    )
    saved = run(
        central,
        catalog_admin.update_product,
        m,
        pid,
        edited,
        expected_updated_at=detail.product.updated_at,
    )
    assert saved.product.name == "精梳棉圆领T恤" and saved.product.pinyin == "jsmyltx"
    assert saved.product.skus == 7
    by_code = {s.code: s for s in saved.skus}
    assert by_code["T400-00"].price_fen == 6500
    assert by_code["T400-00"].barcodes == (bc(9001), bc(9002))
    assert by_code["T400-01"].status == "off" and by_code["T400-01"].barcodes == ()
    entry = audits(central, "product.update")[-1]
    assert entry.target == pid and entry.actor_id == m.staff_id
    assert entry.detail["changed"]["name"] == ["纯棉圆领T恤", "精梳棉圆领T恤"]
    assert entry.detail["skus"]["T400-00"] == {"price_fen": [5900, 6500]}
    assert entry.detail["skus"]["T400-01"] == {"status": ["on", "off"]}
    assert entry.detail["skus_added"] == ["T400-20"]
    assert sorted(entry.detail["barcodes_added"]) == sorted([bc(9001), bc(9002), bc(9003)])
    assert sorted(entry.detail["barcodes_removed"]) == sorted(
        [first.barcodes[0], second.barcodes[0]]
    )
    logged = changes_since(central, head)
    assert ("product", "upsert") in logged and ("sku", "upsert") in logged
    assert logged.count(("barcode", "delete")) == 2  # tombstones: terminals drop them
    assert logged.count(("barcode", "upsert")) == 3

    # the editor's copy is stale now: its save is refused, nothing overwritten
    err = refused(
        central,
        catalog_admin.update_product,
        m,
        pid,
        data,
        expected_updated_at=detail.product.updated_at,
    )
    assert isinstance(err, Conflict) and err.code == "product_changed"
    # a saved SKU is never deleted (take it off sale); another product's SKU is not this one's
    current = catalog_admin.input_from_detail(saved)
    err = refused(
        central, catalog_admin.update_product, m, pid, replace(current, skus=current.skus[1:])
    )
    assert (err.code, err.details["value"]) == ("sku_remove", "T400-00")
    other = read(central, catalog_admin.product_detail, m, product_id(central, "P000010"))
    stolen = replace(current.skus[0], sku_id=other.skus[0].sku_id)
    err = refused(
        central,
        catalog_admin.update_product,
        m,
        pid,
        replace(current, skus=(stolen, *current.skus[1:])),
    )
    assert err.code == "sku_not_found"
    # two SKUs of the product swapping codes is refused (save it in two steps)
    a, b = current.skus[0], current.skus[1]
    err = refused(
        central,
        catalog_admin.update_product,
        m,
        pid,
        replace(
            current, skus=(replace(a, code=b.code), replace(b, code=a.code), *current.skus[2:])
        ),
    )
    assert err.code == "sku_code_swap"
    # a barcode moves between two SKUs of the same product
    moved = replace(
        current,
        skus=(replace(a, barcodes=()), replace(b, barcodes=a.barcodes), *current.skus[2:]),
    )
    saved = run(central, catalog_admin.update_product, m, pid, moved)
    assert {s.code: s.barcodes for s in saved.skus}[b.code] == a.barcodes


def test_only_catalog_managers_write_and_read_the_catalog(central):
    cashier = actor(central, "cashier01")
    m = actor(central, "manager01")
    pid = product_id(central, "P000010")
    detail = read(central, catalog_admin.product_detail, m, pid)
    for fn, args in (
        (catalog_admin.create_category, ("饮品",)),
        (catalog_admin.create_product, (single("W300"),)),
        (catalog_admin.update_product, (pid, catalog_admin.input_from_detail(detail))),
        (catalog_admin.set_product_status, (pid, "off")),
        (catalog_admin.set_store_price, (detail.skus[0].sku_id, store_id(central, "S01"), 100)),
    ):
        err = refused(central, fn, cashier, *args)
        assert isinstance(err, PermissionDenied), fn.__name__
    with pytest.raises(PermissionDenied):
        read(central, catalog_admin.list_products, cashier)
    with pytest.raises(PermissionDenied):
        read(central, catalog_admin.categories, cashier)


def test_store_prices_stay_within_the_managers_stores(central):
    m1, admin = actor(central, "manager01"), actor(central, "admin")
    s01, s02 = store_id(central, "S01"), store_id(central, "S02")
    sku = read(central, catalog_admin.product_detail, m1, product_id(central, "P000014")).skus[0]
    # manager01 sees and sets S01 only
    rows = read(central, catalog_admin.store_prices, m1, sku.sku_id)
    assert [(r.store_code, r.price_fen) for r in rows] == [("S01", None)]
    row = run(central, catalog_admin.set_store_price, m1, sku.sku_id, s01, 1234)
    assert (row.store_code, row.price_fen, row.effective_fen) == ("S01", 1234, 1234)
    err = refused(central, catalog_admin.set_store_price, m1, sku.sku_id, s02, 999)
    assert isinstance(err, PermissionDenied)
    assert (err.code, err.details["store"]) == ("store_price_not_allowed", "S02")
    err = refused(central, catalog_admin.clear_store_price, m1, sku.sku_id, s02)
    assert err.code == "store_price_not_allowed"
    # bad prices
    assert refused(central, catalog_admin.set_store_price, m1, sku.sku_id, s01, -1).code == (
        "price_negative"
    )
    assert refused(central, catalog_admin.set_store_price, m1, sku.sku_id, s01, 10**12).code == (
        "price_too_large"
    )
    assert refused(central, catalog_admin.set_store_price, m1, sku.sku_id, s01, "12").code == (
        "price_format"
    )
    assert refused(central, catalog_admin.set_store_price, m1, "nope", s01, 1).code == (
        "sku_not_found"
    )
    # the admin prices any store (the demo priced S02 already: P000014 is a seventh)
    rows = read(central, catalog_admin.store_prices, admin, sku.sku_id)
    assert [(r.store_code, r.price_fen) for r in rows] == [
        ("S01", 1234),
        ("S02", sku.price_fen + 50),
    ]
    run(central, catalog_admin.set_store_price, admin, sku.sku_id, s02, 888)
    row = run(central, catalog_admin.clear_store_price, m1, sku.sku_id, s01)
    assert (row.price_fen, row.effective_fen) == (None, sku.price_fen)
    entries = audits(central)
    prices = [
        (a.action, a.store_id, a.detail["price_fen"]) for a in entries if "store_price" in a.action
    ]
    assert prices == [
        ("store_price.set", s01, [None, 1234]),
        ("store_price.set", s02, [sku.price_fen + 50, 888]),
        ("store_price.clear", s01, [1234, None]),
    ]


# -- reaching the terminals ------------------------------------------------------------------------


def scan_price(counter, code: str) -> int:
    with counter.db.reader() as r:
        return catalog.scan(r, load_terminal(r), code).list_price_fen


def test_an_edited_price_and_a_store_price_reach_the_terminals_scan(counter):
    m = counter.actor("manager01")
    p12 = counter.product(12)
    pid = product_id(counter.central, p12["code"])
    detail = read(counter.central, catalog_admin.product_detail, m, pid)
    data = catalog_admin.input_from_detail(detail)
    run(
        counter.central,
        catalog_admin.update_product,
        m,
        pid,
        replace(data, skus=(replace(data.skus[0], price_fen=777),)),
    )
    pull_stream(counter.db, InProcessGateway(counter.central))
    assert scan_price(counter, p12["barcode"]) == 777
    run(
        counter.central,
        catalog_admin.set_store_price,
        m,
        detail.skus[0].sku_id,
        counter.ctx.store_id,
        699,
    )
    pull_stream(counter.db, InProcessGateway(counter.central))
    assert scan_price(counter, p12["barcode"]) == 699
    run(
        counter.central,
        catalog_admin.clear_store_price,
        m,
        detail.skus[0].sku_id,
        counter.ctx.store_id,
    )
    # a new product with a new barcode is sold at the terminal after its pull
    run(counter.central, catalog_admin.create_product, m, single("W500", price=450))
    pull_stream(counter.db, InProcessGateway(counter.central))
    assert scan_price(counter, p12["barcode"]) == 777
    assert scan_price(counter, bc(500)) == 450


def test_a_scheduled_off_shelf_is_applied_once_at_the_time_and_reaches_the_terminal(counter, clock):
    m = counter.actor("manager01")
    p15 = counter.product(15)
    pid = product_id(counter.central, p15["code"])
    data = catalog_admin.input_from_detail(
        read(counter.central, catalog_admin.product_detail, m, pid)
    )
    run(
        counter.central,
        catalog_admin.update_product,
        m,
        pid,
        replace(data, off_shelf_at=clock.now() + timedelta(hours=1)),
    )
    pull_stream(counter.db, InProcessGateway(counter.central))
    # not yet: nothing applied, nothing written, the terminal still sells it
    with counter.central.reader() as r:
        head = r.session.scalar(select(func.max(ChangeLog.id)))
    assert shelf_schedule.apply_due_in(counter.central) == 0
    assert changes_since(counter.central, head) == []
    assert scan_price(counter, p15["barcode"]) == p15["price_fen"]

    clock.advance(hours=1, seconds=1)
    assert shelf_schedule.apply_due_in(counter.central) == 1
    assert shelf_schedule.apply_due_in(counter.central) == 0  # once
    assert changes_since(counter.central, head) == [("product", "upsert")]
    row = read(counter.central, catalog_admin.product_detail, m, pid).product
    assert (row.status, row.off_shelf_at) == ("off", None)
    report = pull_stream(counter.db, InProcessGateway(counter.central))
    assert report.applied == 1
    with pytest.raises(ValidationError) as err, counter.db.reader() as r:
        catalog.scan(r, load_terminal(r), p15["barcode"])
    assert err.value.code == "off_shelf"


def test_a_scheduled_on_shelf_and_both_times_due_together(central, clock):
    m = actor(central, "manager01")
    now = clock.now()
    a = run(
        central,
        catalog_admin.create_product,
        m,
        single("W601", status="off", on_shelf_at=now + timedelta(hours=1)),
    )
    b = run(
        central,
        catalog_admin.create_product,
        m,
        single(
            "W602",
            status="off",
            on_shelf_at=now + timedelta(hours=1),
            off_shelf_at=now + timedelta(hours=2),
        ),
    )
    c = run(
        central,
        catalog_admin.create_product,
        m,
        single(
            "W603",
            status="off",
            on_shelf_at=now + timedelta(hours=1),
            off_shelf_at=now + timedelta(hours=5),
        ),
    )
    clock.advance(hours=3)
    # the back office's list applies what is due before it reads
    page = CatalogBackend(central).product_page(m, ProductQuery(text="W60"), 0, 100)
    rows = {r.code: r for r in page.rows}
    assert (rows["W601"].status, rows["W601"].on_shelf_at) == ("on", None)
    # both due: the later one decides
    assert (rows["W602"].status, rows["W602"].on_shelf_at, rows["W602"].off_shelf_at) == (
        "off",
        None,
        None,
    )
    # on applied, off still ahead
    assert rows["W603"].status == "on" and rows["W603"].off_shelf_at == now + timedelta(hours=5)
    assert {a, b, c} == {r.product_id for r in page.rows}


def _waiting_on_lock(db: Database, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with db.engine.connect() as conn:
            n = conn.execute(
                text(
                    "SELECT count(*) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND wait_event_type = 'Lock'"
                )
            ).scalar()
        if n:
            return True
        time.sleep(0.02)
    return False


def test_two_appliers_racing_flip_a_schedule_once(central, clock, backend):
    m = actor(central, "manager01")
    pid = run(
        central,
        catalog_admin.create_product,
        m,
        single("W700", off_shelf_at=clock.now() + timedelta(minutes=5)),
    )
    clock.advance(minutes=10)
    head = state(central)[2]
    results: list[int] = []
    a = central.uow()
    a.__enter__()
    try:
        assert shelf_schedule.apply_due(a.session, clock.now()) == 1  # not committed yet

        def second() -> None:
            with central.uow() as b:  # SQLite: waits for A's write lock
                n = shelf_schedule.apply_due(b.session, clock.now())
                b.commit()
                results.append(n)

        t = threading.Thread(target=second)
        t.start()
        if backend == "postgresql":  # B read the schedule, then waits for the stream's lock
            assert _waiting_on_lock(central, 5.0)
        else:
            time.sleep(0.2)
        a.commit()
    finally:
        a.__exit__(None, None, None)
    t.join(15)
    assert results == [0]  # the loser's conditional update found nothing to flip
    assert changes_since(central, head) == [("product", "upsert")]
    row = read(central, catalog_admin.product_detail, m, pid).product
    assert (row.status, row.off_shelf_at) == ("off", None)
