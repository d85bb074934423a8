"""The back office's inventory reads (``shared.db.queries.inventory``) on SQLite and PostgreSQL:
warehouses by scope, the stock list a page at a time (every row once, whatever the sort),
its filters and sorts, a SKU's ledger newest first with the balance each movement left, the
voucher list by scope and filters, a voucher's lines, and the SKU a code names."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import pytest
from sqlalchemy import select

from shared.db.models import Barcode, Category, Product, Staff, Store, Warehouse
from shared.db.queries import inventory as q
from shared.db.uow import Database
from shared.domain.errors import NotFound, PermissionDenied, ValidationError
from shared.domain.ids import new_id
from shared.services import auth, inventory
from shared.services.auth import Actor
from shared.services.demo import create_demo
from shared.services.inventory import VoucherLineInput

STOCKED_SKUS = 65  # 59 single-SKU products and the six SKUs of the T-shirt P000050


@dataclass
class Stocked:
    db: Database
    manager01: Actor
    manager02: Actor
    admin: Actor
    s01: str
    s02: str
    vouchers: dict[str, str]


def _actor(db: Database, account: str) -> Actor:
    with db.reader() as uow:
        staff = uow.session.scalars(select(Staff).where(Staff.account == account)).one()
        return auth.actor_for(uow, staff)


def _voucher(db, actor, warehouse, direction, type, lines, *, post=True, note="") -> str:
    with db.uow() as uow:
        vid = inventory.create_voucher(
            uow,
            actor,
            warehouse=warehouse,
            direction=direction,
            type=type,
            lines=[VoucherLineInput(*ln) for ln in lines],
            note=note,
        )
    if post:
        with db.uow() as uow:
            inventory.post_voucher(uow, actor, vid)
    return vid


@pytest.fixture
def stocked(make_db, clock) -> Stocked:
    """S01: P000006 ×10 at 2.50, P000007 ×5 at 1.00 then 7 lost (-2), three T-shirts at 25.00,
    a draft and a cancelled voucher; S02: P000006 ×4 at 3.00. Limits in S01: P000006 lower 20
    upper 50 (low), P000008 upper 5 only (0 available: low), P000009 lower 1 (no upper)."""
    db = make_db()
    create_demo(db, products=60)
    m1, m2, admin = (_actor(db, a) for a in ("manager01", "manager02", "admin"))
    v = {}
    v["purchase"] = _voucher(
        db,
        m1,
        "S01",
        "in",
        "purchase",
        [("P000006", 10_000, 250), ("P000007", 5_000, 100), ("P000050-01", 3_000, 2_500)],
        note="华东食品 送货单 A-1024",
    )
    clock.advance(minutes=5)
    v["loss"] = _voucher(db, m1, "S01", "out", "loss", [("P000007", 7_000)])
    clock.advance(minutes=5)
    v["draft"] = _voucher(db, m1, "S01", "in", "other_in", [("P000008", 1_000, 0)], post=False)
    clock.advance(minutes=5)
    v["cancelled"] = _voucher(db, m1, "S01", "out", "other_out", [("P000006", 1_000)], post=False)
    with db.uow() as uow:
        inventory.cancel_voucher(uow, m1, v["cancelled"])
    clock.advance(minutes=5)
    v["s02"] = _voucher(db, m2, "S02", "in", "purchase", [("P000006", 4_000, 300)])
    for code, limits in (
        ("P000006", dict(lower_milli=20_000, upper_milli=50_000)),
        ("P000008", dict(upper_milli=5_000)),
        ("P000009", dict(lower_milli=1_000, safety_milli=0)),
    ):
        with db.uow() as uow:
            inventory.set_limits(uow, m1, warehouse="S01", sku_code=code, **limits)
    with db.reader() as uow:
        s01 = q.find_warehouse(uow.session, "S01").warehouse_id
        s02 = q.find_warehouse(uow.session, "S02").warehouse_id
    return Stocked(db, m1, m2, admin, s01, s02, v)


def _page(stocked: Stocked, f=q.StockFilter(), wh: str | None = "s01", **kw) -> q.Page:  # noqa: B008
    warehouse = {"s01": stocked.s01, "s02": stocked.s02}.get(wh or "", wh)
    with stocked.db.reader() as uow:
        return q.stock_page(
            uow.session, warehouse, f, offset=kw.pop("offset", 0), limit=kw.pop("limit", 100), **kw
        )


def _codes(page: q.Page) -> list[str]:
    return [r.sku_code for r in page.rows]


# -- warehouses ------------------------------------------------------------------------------------


def test_warehouses_by_scope_and_a_store_whose_warehouse_is_not_made_yet(stocked):
    db = stocked.db
    with db.uow() as uow:
        s = uow.session
        enterprise = s.scalars(select(Store.enterprise_id).where(Store.code == "S01")).one()
        now = uow.clock.now()
        s.add(
            Store(
                id=str(new_id()),
                enterprise_id=enterprise,
                code="S03",
                name="星辰便利店 浦东店",
                created_at=now,
                updated_at=now,
            )
        )
        uow.commit()
    with db.reader() as uow:
        s = uow.session
        mine = q.warehouse_choices(s, stocked.manager01.store_ids)
        assert [(w.code, w.warehouse_id) for w in mine] == [("S01", stocked.s01)]
        assert mine[0].name == "星辰便利店 静安店仓" and mine[0].store_code == "S01"
        assert [w.code for w in q.warehouse_choices(s, stocked.manager02.store_ids)] == ["S02"]
        everything = q.warehouse_choices(s, None)
        assert [w.code for w in everything] == ["S01", "S02", "S03"]
        assert everything[2].warehouse_id is None  # nothing ever moved there
        assert q.warehouse_choices(s, frozenset()) == []
        assert q.find_warehouse(s, " s01 ").warehouse_id == stocked.s01
        assert q.find_warehouse(s, "S03").warehouse_id is None
        assert q.find_warehouse(s, "S03").name == "星辰便利店 浦东店仓"
        assert q.find_warehouse(s, "NOPE") is None and q.find_warehouse(s, "") is None
        # a store warehouse not made yet holds nothing: every SKU at zero, no limits
        page = q.stock_page(s, None, q.StockFilter(), offset=0, limit=100)
        assert page.total == STOCKED_SKUS
        assert {(r.on_hand_milli, r.has_limits) for r in page.rows} == {(0, False)}
        assert q.movement_page(s, None, page.rows[0].sku_id, offset=0, limit=10) == q.Page([], 0)
    categories = q.categories(s)
    assert [c.name for c in categories][:4] == ["饮料", "零食", "日用品", "速食"]


# -- the stock list --------------------------------------------------------------------------------


def test_pages_cover_the_stock_list_once_in_every_sort(stocked):
    for sort in q.STOCK_SORT_KEYS:
        for descending in (False, True):
            seen: list[str] = []
            offset = 0
            while True:
                page = _page(stocked, offset=offset, limit=7, sort=sort, descending=descending)
                assert page.total == STOCKED_SKUS
                if not page.rows:
                    break
                seen += _codes(page)
                offset += len(page.rows)
            assert len(seen) == len(set(seen)) == STOCKED_SKUS, (sort, descending)
    codes = _codes(_page(stocked))
    assert codes == sorted(codes) and codes[0] == "P000001"


def test_sorts_are_by_the_server_over_every_row(stocked):
    def first(sort: str, descending: bool) -> list[str]:
        return _codes(_page(stocked, sort=sort, descending=descending, limit=3))

    assert first("on_hand", True) == ["P000006", "P000050-01", "P000060"]
    assert first("available", False)[0] == "P000007"  # -2
    assert first("value", True)[:2] == ["P000050-01", "P000006"]  # 75.00, 25.00
    assert first("avg_cost", True)[:3] == ["P000050-01", "P000006", "P000007"]
    assert first("lower", True)[:2] == ["P000006", "P000009"]
    # no upper limit (but other limits) above every upper limit; no limits at all below
    assert first("upper", True)[:3] == ["P000009", "P000006", "P000008"]
    assert first("upper", False)[0] != "P000008"
    # by product name (then SKU code: a product's SKUs stay together)
    rows = _page(stocked, sort="name").rows
    names = [r.name for r in rows if r.product_code == r.sku_code]  # no specs: the product name
    assert names == sorted(names)
    shirts = [i for i, r in enumerate(rows) if r.product_code == "P000050"]
    assert shirts == list(range(shirts[0], shirts[0] + 6))
    assert _page(stocked, sort="code", descending=True).rows[0].sku_code == "P000060"


def test_rows_carry_stock_cost_value_and_limits(stocked):
    rows = {r.sku_code: r for r in _page(stocked).rows}
    p6 = rows["P000006"]
    assert (p6.on_hand_milli, p6.locked_milli, p6.available_milli) == (10_000, 0, 10_000)
    assert (p6.avg_cost_fen, p6.value_fen) == (250, 2_500)
    assert (p6.safety_milli, p6.lower_milli, p6.upper_milli) == (0, 20_000, 50_000)
    assert p6.low and not p6.negative and p6.whole_units
    assert (p6.category, p6.unit, p6.product_code) == ("日用品", "件", "P000006")
    p7 = rows["P000007"]
    assert (p7.on_hand_milli, p7.negative, p7.has_limits, p7.low) == (-2_000, True, False, False)
    assert p7.value_fen == -200  # the average cost stays at 1.00
    shirt = rows["P000050-01"]
    assert shirt.name == "纯棉T恤 1号款 白色 L" and shirt.product_code == "P000050"
    assert rows["P000001"].unit == "kg" and not rows["P000001"].whole_units
    # S02's stock is its own
    s02 = {r.sku_code: r for r in _page(stocked, wh="s02").rows}
    assert (s02["P000006"].on_hand_milli, s02["P000006"].avg_cost_fen) == (4_000, 300)
    assert not s02["P000006"].has_limits and s02["P000007"].on_hand_milli == 0
    with stocked.db.reader() as uow:
        one = q.stock_row(uow.session, stocked.s01, p6.sku_id)
        assert one == p6
        assert q.stock_row(uow.session, stocked.s01, str(new_id())) is None


def test_stock_filters(stocked):
    def codes(**kw) -> list[str]:
        page = _page(stocked, q.StockFilter(**kw))
        assert page.total == len(page.rows)
        return _codes(page)

    assert codes(text="T恤") == [f"P000050-{c}{s}" for c in "01" for s in "012"]
    assert codes(text="p000006") == ["P000006"]  # any case
    assert codes(text="P00000") == [f"P00000{i}" for i in range(1, 10)]
    with stocked.db.reader() as uow:
        sku7 = q.find_skus(uow.session, "P000007", stocked.s01)[0]
        barcode = uow.session.scalars(
            select(Barcode.code).where(Barcode.sku_id == sku7.sku_id)
        ).one()
    assert codes(text=barcode) == ["P000007"]
    assert codes(text="%") == [] and codes(text="_") == []  # literal, not wildcards
    assert codes(low_only=True) == ["P000006", "P000008", "P000009"]
    assert codes(negative_only=True) == ["P000007"]
    assert codes(low_only=True, negative_only=True) == []
    with stocked.db.reader() as uow:
        fast_food = next(c for c in q.categories(uow.session) if c.name == "速食")
    instant = codes(category_id=fast_food.category_id)
    assert len(instant) == 14 and instant[:2] == ["P000007", "P000011"]
    assert codes(category_id=fast_food.category_id, text="P00000") == ["P000007"]
    # a child category's products are listed under its parent
    with stocked.db.uow() as uow:
        s = uow.session
        child = str(new_id())
        s.add(Category(id=child, parent_id=fast_food.category_id, name="泡面", level=2))
        s.flush()
        s.get(
            Product, s.scalars(select(Product.id).where(Product.code == "P000006")).one()
        ).category_id = child
        uow.commit()
    assert "P000006" in codes(category_id=fast_food.category_id)
    assert codes(category_id=child) == ["P000006"]
    with stocked.db.reader() as uow:
        tree = [(c.name, c.level) for c in q.categories(uow.session)]
    assert tree[tree.index(("速食", 1)) + 1] == ("泡面", 2)


def test_an_export_reads_every_row_in_the_lists_order_in_batches(stocked):
    with stocked.db.reader() as uow:
        batches = list(
            q.iter_stock(
                uow.session, stocked.s01, q.StockFilter(), sort="on_hand", descending=True, batch=10
            )
        )
    assert [len(b) for b in batches] == [10] * 6 + [5]
    rows = [r for b in batches for r in b]
    assert [r.sku_code for r in rows[:2]] == ["P000006", "P000050-01"]
    assert rows[-1].sku_code == "P000007"


def test_find_skus_as_a_voucher_line_resolves_a_code(stocked):
    with stocked.db.reader() as uow:
        s = uow.session
        (p6,) = q.find_skus(s, " P000006 ", stocked.s01)
        assert (p6.sku_code, p6.on_hand_milli) == ("P000006", 10_000)
        barcode = s.scalars(select(Barcode.code).where(Barcode.sku_id == p6.sku_id)).one()
        assert [r.sku_code for r in q.find_skus(s, barcode, stocked.s02)] == ["P000006"]
        assert q.find_skus(s, barcode, stocked.s02)[0].on_hand_milli == 4_000
        shirts = q.find_skus(s, "P000050", stocked.s01)  # a product with six SKUs
        assert len(shirts) == 6 and shirts[1].on_hand_milli == 3_000
        assert q.find_skus(s, "P000050-01", None)[0].on_hand_milli == 0
        assert q.find_skus(s, "NOPE", stocked.s01) == [] and q.find_skus(s, "", stocked.s01) == []
        assert q.find_skus(s, "'; DROP TABLE sku;--", stocked.s01) == []


# -- the ledger ------------------------------------------------------------------------------------


def test_movements_newest_first_with_the_balance_each_left(stocked):
    with stocked.db.reader() as uow:
        s = uow.session
        sku = q.find_skus(s, "P000007", stocked.s01)[0]
        page = q.movement_page(s, stocked.s01, sku.sku_id, offset=0, limit=10)
        numbers = {
            vid: q.voucher_row(s, vid).no
            for vid in (stocked.vouchers["purchase"], stocked.vouchers["loss"])
        }
        assert page.total == 2
        loss, purchase = page.rows
        assert (loss.kind, loss.qty_milli, loss.balance_after_milli, loss.unit_cost_fen) == (
            "loss",
            -7_000,
            -2_000,
            100,  # out at the moving average
        )
        assert (purchase.kind, purchase.qty_milli, purchase.balance_after_milli) == (
            "purchase",
            5_000,
            5_000,
        )
        assert purchase.value_fen == 500
        assert loss.doc_type == "voucher" and loss.doc_no == numbers[stocked.vouchers["loss"]]
        assert purchase.doc_no == numbers[stocked.vouchers["purchase"]]
        assert loss.at > purchase.at and loss.created_by_name == "王芳"
        second = q.movement_page(s, stocked.s01, sku.sku_id, offset=1, limit=1)
        assert [m.movement_id for m in second.rows] == [purchase.movement_id]
        # another warehouse's ledger of the same SKU is its own (S02 never had P000007)
        assert q.movement_page(s, stocked.s02, sku.sku_id, offset=0, limit=10).total == 0
        # numbers of documents that do not exist or ids that are not ids: left out
        assert q.document_numbers(s, [("voucher", "not-an-id"), ("sale", str(new_id()))]) == {}


# -- vouchers --------------------------------------------------------------------------------------


def _vouchers(stocked, **kw) -> q.Page:
    sort = kw.pop("sort", "created_at")
    descending = kw.pop("descending", True)
    offset, limit = kw.pop("offset", 0), kw.pop("limit", 100)
    with stocked.db.reader() as uow:
        return q.voucher_page(
            uow.session,
            q.VoucherFilter(**kw),
            offset=offset,
            limit=limit,
            sort=sort,
            descending=descending,
        )


def test_voucher_list_by_scope_and_filters(stocked, clock):
    v = stocked.vouchers
    mine = _vouchers(stocked, store_ids=stocked.manager01.store_ids)
    assert [r.voucher_id for r in mine.rows] == [
        v["cancelled"],
        v["draft"],
        v["loss"],
        v["purchase"],
    ]
    assert mine.total == 4
    assert [
        r.voucher_id for r in _vouchers(stocked, store_ids=stocked.manager02.store_ids).rows
    ] == [v["s02"]]
    assert _vouchers(stocked).total == 5  # an admin's: every warehouse
    assert _vouchers(stocked, store_ids=frozenset()).total == 0
    assert _vouchers(stocked, warehouse_id=stocked.s02).total == 1

    purchase = next(r for r in mine.rows if r.voucher_id == v["purchase"])
    assert (purchase.direction, purchase.type, purchase.status, purchase.lines) == (
        "in",
        "purchase",
        "posted",
        3,
    )
    assert purchase.qty_milli == 18_000 and purchase.cost_fen == 2_500 + 500 + 7_500
    assert (purchase.created_by_name, purchase.posted_by_name) == ("王芳", "王芳")
    assert purchase.warehouse_code == "S01" and purchase.no.startswith("RK")
    assert purchase.note == "华东食品 送货单 A-1024"

    def ids(**kw) -> list[str]:
        return [
            r.voucher_id
            for r in _vouchers(stocked, store_ids=stocked.manager01.store_ids, **kw).rows
        ]

    assert ids(direction="out") == [v["cancelled"], v["loss"]]
    assert ids(type="loss") == [v["loss"]]
    assert ids(status="draft") == [v["draft"]]
    assert ids(status="cancelled", direction="in") == []
    assert ids(text=purchase.no[-6:].lower()) == [v["purchase"]]
    assert ids(text="送货单") == [v["purchase"]]
    assert ids(text="%") == []
    start = purchase.created_at
    assert ids(created_from=start + timedelta(minutes=1)) == [v["cancelled"], v["draft"], v["loss"]]
    assert ids(created_before=start + timedelta(minutes=1)) == [v["purchase"]]
    assert ids(
        created_from=start + timedelta(minutes=4), created_before=start + timedelta(minutes=6)
    ) == [v["loss"]]


def test_voucher_pages_and_sorts(stocked):
    for sort in q.VOUCHER_SORT_KEYS:
        for descending in (False, True):
            seen = []
            for offset in range(0, 5, 2):
                page = _vouchers(stocked, sort=sort, descending=descending, offset=offset, limit=2)
                seen += [r.voucher_id for r in page.rows]
            assert len(seen) == len(set(seen)) == 5, (sort, descending)
    by_no = [r.no for r in _vouchers(stocked, sort="no", descending=False).rows]
    assert by_no == sorted(by_no)
    assert [r.status for r in _vouchers(stocked, sort="status", descending=False).rows] == [
        "cancelled",
        "draft",
        "posted",
        "posted",
        "posted",
    ]


def test_voucher_lines_in_order(stocked):
    with stocked.db.reader() as uow:
        s = uow.session
        lines = q.voucher_lines(s, stocked.vouchers["purchase"])
        assert [(ln.line_no, ln.sku_code, ln.qty_milli, ln.unit_cost_fen) for ln in lines] == [
            (1, "P000006", 10_000, 250),
            (2, "P000007", 5_000, 100),
            (3, "P000050-01", 3_000, 2_500),
        ]
        assert lines[2].name == "纯棉T恤 1号款 白色 L" and lines[2].value_fen == 7_500
        assert lines[0].unit == "件" and lines[0].serials == ()
        assert q.voucher_lines(s, str(new_id())) == []
        assert q.voucher_row(s, str(new_id())) is None


# -- through the back office's door: who may read what -----------------------------------------------


def test_the_back_office_reads_only_the_warehouses_of_the_actors_stores(stocked):
    from backoffice.backend import BackofficeBackend, StockQuery, VoucherQuery

    backend = BackofficeBackend(stocked.db)
    m1, m2, admin = stocked.manager01, stocked.manager02, stocked.admin
    assert [w.code for w in backend.stock_warehouses(m2)] == ["S02"]
    assert [w.code for w in backend.stock_warehouses(admin)] == ["S01", "S02"]
    assert backend.stock_page(m1, StockQuery("S01"), 0, 10).total == STOCKED_SKUS
    with pytest.raises(PermissionDenied) as refused:
        backend.stock_page(m2, StockQuery("S01"), 0, 10)
    assert refused.value.code == "warehouse_not_allowed"
    with pytest.raises(NotFound):
        backend.stock_page(m1, StockQuery("NOWHERE"), 0, 10)
    with pytest.raises(ValidationError):
        backend.stock_page(m1, StockQuery("S01", sort="price; DROP TABLE sku"), 0, 10)
    p6 = backend.find_stock_sku(m1, "S01", "P000006")
    with pytest.raises(PermissionDenied):
        backend.movement_page(m2, "S01", p6.sku_id, 0, 10)
    with pytest.raises(ValidationError) as ambiguous:
        backend.find_stock_sku(m1, "S01", "P000050")
    assert ambiguous.value.code == "ambiguous_product"
    with pytest.raises(NotFound):
        backend.find_stock_sku(m1, "S01", "x" * 41)

    # vouchers: a manager lists and touches only their stores' (the service's cancel does not
    # check the warehouse: the back office does)
    assert backend.voucher_page(m2, VoucherQuery(), 0, 10).total == 1
    assert backend.voucher_page(admin, VoucherQuery(), 0, 10).total == 5
    with pytest.raises(PermissionDenied):
        backend.voucher_page(m2, VoucherQuery(warehouse="S01"), 0, 10)
    with pytest.raises(PermissionDenied):
        backend.cancel_voucher(m2, stocked.vouchers["draft"])
    with pytest.raises(PermissionDenied):
        backend.voucher_detail(m2, stocked.vouchers["draft"])
    with pytest.raises(NotFound):
        backend.voucher_detail(m1, str(new_id()))
    row, lines = backend.voucher_detail(m1, stocked.vouchers["draft"])
    assert row.status == "draft" and [ln.sku_code for ln in lines] == ["P000008"]

    # low stock and the replenishment order of S01 (S02 has no limits)
    low = backend.low_stock(m1, "S01")
    assert [(r.sku_code, r.suggest_milli) for r in low] == [
        ("P000006", 40_000),
        ("P000008", 5_000),
        ("P000009", 2_000),
    ]
    assert backend.low_stock(m2, "S02") == []
    order = backend.replenishment(m1, "S01")
    assert [(ln.line_no, ln.sku_code, ln.qty_milli, ln.unit_cost_fen) for ln in order] == [
        (1, "P000006", 40_000, 250),
        (2, "P000008", 5_000, 0),
        (3, "P000009", 2_000, 0),
    ]
    saved = backend.save_voucher(
        m1,
        warehouse="S01",
        direction="in",
        type="purchase",
        lines=[VoucherLineInput(ln.sku_code, ln.qty_milli, ln.unit_cost_fen) for ln in order],
        post=True,
    )
    assert saved.posted and saved.error is None and saved.voucher.lines == 3
    assert backend.low_stock(m1, "S01") == []
    # a refused post leaves the draft and says why
    with stocked.db.uow() as uow:
        s01 = uow.session.get(Warehouse, stocked.s01)
        s01.allow_negative = False
        uow.commit()
    short = backend.save_voucher(
        m1,
        warehouse="S01",
        direction="out",
        type="loss",
        lines=[VoucherLineInput("P000007", 1_000)],
        post=True,
    )
    assert not short.posted and short.error.code == "stock_short"
    assert short.voucher.status == "draft"
