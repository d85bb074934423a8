"""数据统计 (SPEC §12) on SQLite and PostgreSQL centrals: the figures of a few days of sales,
refunds, shifts, card keys, redemptions and stock limits made through the real services and
pushed, against what those services returned; the store and period filters; who may read what.

The expected figures are computed here from the services' own answers (totals, payments, refunds)
or, for per-line and per-key figures, from the central rows read one by one in Python — never
from the report's SQL aggregates.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select

from shared.db.models import (
    CardKey,
    Product,
    Refund,
    RefundLine,
    Sale,
    SaleLine,
    Sku,
    Staff,
    StockBalance,
    StockLimit,
    Store,
    Warehouse,
)
from shared.domain.card_key_crypto import Keyring
from shared.domain.errors import PermissionDenied, ValidationError
from shared.domain.ids import new_id
from shared.domain.tenders import Tender
from shared.services import auth, card_key_sales, inventory, refunds, reports, sales, shifts
from shared.services.refunds import RefundItem
from shared.services.reports import ReportQuery
from shared.sync.gateway import InProcessGateway
from shared.sync.push import push_pending
from tests.support.counter import Counter, make_counter
from tests.support.coupons import issue, make_coupon

DAY_A = date(2026, 11, 20)
DAY_B = date(2026, 11, 21)
DAY_C = date(2026, 11, 22)  # "today": the clock ends on it
#: 10:00 in Shanghai
MORNING = (2, 0)


@dataclass
class Doc:
    """A sale (sign +1) or a refund (sign -1) as the counter's service answered it."""

    store: str
    day: date
    cashier: str  # staff id
    guide: str | None
    total_fen: int
    by_method: dict[str, int]
    refund: bool = False


@dataclass
class Site:
    central: object
    s01: Counter
    s02: Counter
    keyring: Keyring
    clock: object
    docs: list[Doc] = field(default_factory=list)
    staff: dict[str, str] = field(default_factory=dict)
    variances: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))

    def actor(self, account: str) -> auth.Actor:
        with self.central.reader() as uow:
            staff = uow.session.scalars(select(Staff).where(Staff.account == account)).one()
            return auth.actor_for(uow, staff)

    def at(self, day: date) -> None:
        self.clock.at = datetime(day.year, day.month, day.day, *MORNING, tzinfo=UTC)


def _store(counter: Counter) -> str:
    return "S01" if counter.ctx.number == 1 else "S02"


def sell(
    site: Site,
    counter: Counter,
    codes: list[str],
    method: str,
    *,
    cashier: auth.Actor,
    guide: str | None = None,
    card_keys: bool = False,
):
    cart = counter.cart(*codes)
    cart.guide_id = guide
    total = cart.totals().total_fen
    ref = None if method == "cash" else f"T{new_id().hex}"
    sale_id = str(new_id())
    if card_keys:
        card_key_sales.hold_card_keys(
            counter.db,
            InProcessGateway(counter.central),
            counter.ctx,
            cashier,
            sale_id=sale_id,
            cart=cart,
        )
    with counter.db.uow() as uow:
        res = sales.complete_sale(
            uow,
            counter.ctx,
            cashier,
            cart,
            [Tender(method, total, provider_ref=ref)],
            sale_id=sale_id,
            keyring=site.keyring if card_keys else None,
        )
    assert res.total_fen == total
    site.docs.append(
        Doc(
            _store(counter),
            site.clock.now().date(),
            cashier.staff_id,
            guide,
            total,
            {method: total},
        )
    )
    return res


def refund(site: Site, counter: Counter, receipt_no: str, *, cashier: auth.Actor, line_no=None):
    """Refund the whole sale, or one whole line of it (``line_no``)."""
    items = None
    with counter.db.reader() as uow:
        sale = uow.session.scalars(select(Sale).where(Sale.receipt_no == receipt_no)).one()
        guide = sale.guide_id
        if line_no is not None:
            line = next(ln for ln in sale.lines if ln.line_no == line_no)
            items = [RefundItem(line.id, line.quantity_milli)]
    with counter.db.uow() as uow:
        res = refunds.refund(uow, counter.ctx, cashier, receipt_no, items)
    site.docs.append(
        Doc(
            _store(counter),
            site.clock.now().date(),
            cashier.staff_id,
            guide,
            res.total_fen,
            dict(res.by_method),
            refund=True,
        )
    )
    return res


def close(site: Site, counter: Counter, cashier: auth.Actor, delta: int) -> None:
    with counter.db.reader() as uow:
        shift = shifts.require_open_shift(uow.session, counter.ctx)
        expected = shifts.shift_figures(uow.session, shift).expected_cash_fen
    with counter.db.uow() as uow:
        closed = shifts.close_shift(uow, counter.ctx, cashier, expected + delta)
    assert closed.variance_fen == delta
    site.variances[f"{_store(counter)}/{cashier.account}"].append(delta)


def push(counter: Counter) -> None:
    report = push_pending(counter.db, InProcessGateway(counter.central))
    assert report.pending == 0 and report.rejected == 0


@pytest.fixture
def keyring() -> Keyring:
    return Keyring.parse(Keyring.new_entry(1))


@pytest.fixture
def site(make_db, clock, keyring) -> Site:
    """Three business days at S01 (terminal 1) and one at S02 (terminal 3), pushed."""
    central = make_db()
    clock.at = datetime(DAY_A.year, DAY_A.month, DAY_A.day, *MORNING, tzinfo=UTC)
    s01 = make_counter(central, make_db(), keyring=keyring)
    s02 = make_counter(central, make_db(), store="S02", number=3, keyring=keyring)
    site = Site(central, s01, s02, keyring, clock)
    site.staff = {a: site.actor(a).staff_id for a in ("guide01", "cashier01", "cashier02")}
    p = s01.product
    guide = site.staff["guide01"]
    c1, c2, c3 = s01.cashier, s01.actor("cashier02"), s02.cashier

    # day A at S01: three sales, a line of the first refunded, 1.00 short
    site.at(DAY_A)
    s01.open_shift(20_000, c1)
    first = sell(site, s01, [p(10)["code"], p(11)["code"]], "cash", cashier=c1, guide=guide)
    second = sell(site, s01, [p(12)["code"]], "wechat", cashier=c1)
    sell(
        site, s01, [p(10)["code"], p(10)["code"], p(13)["code"]], "alipay", cashier=c1, guide=guide
    )
    refund(site, s01, first.receipt_no, cashier=c1, line_no=2)
    close(site, s01, c1, -100)

    # day B at S01: cashier02 sells by card and refunds day A's WeChat sale; 0.50 over
    site.at(DAY_B)
    s01.open_shift(10_000, c2)
    sell(site, s01, [p(14)["code"], p(10)["code"]], "card", cashier=c2, guide=guide)
    refund(site, s01, second.receipt_no, cashier=c2)
    close(site, s01, c2, 50)

    # day C ("today"): S01 sells a card key and goods (the shift stays open); S02 sells too
    site.at(DAY_C)
    s01.open_shift(10_000, c1)
    sell(site, s01, ["K001", p(15)["code"]], "cash", cashier=c1, card_keys=True)
    sell(site, s01, ["K001", "K003"], "wechat", cashier=c1, card_keys=True)
    s02.open_shift(10_000, c3)
    sell(site, s02, [p(16)["code"], p(12)["code"]], "cash", cashier=c3)
    sell(site, s02, [p(20)["code"], p(21)["code"], p(22)["code"]], "alipay", cashier=c3)
    close(site, s02, c3, 0)
    push(s01)
    push(s02)
    return site


def expected(site: Site, stores: set[str], first: date, last: date) -> dict:
    docs = [d for d in site.docs if d.store in stores and first <= d.day <= last]
    sold = [d for d in docs if not d.refund]
    back = [d for d in docs if d.refund]
    return {
        "orders": len(sold),
        "sales_fen": sum(d.total_fen for d in sold),
        "refunds": len(back),
        "refunds_fen": sum(d.total_fen for d in back),
    }


def figures(f) -> dict:
    return {
        "orders": f.orders,
        "sales_fen": f.sales_fen,
        "refunds": f.refunds,
        "refunds_fen": f.refunds_fen,
    }


def read(site: Site, account: str, **query) -> reports.Report:
    with site.central.reader() as uow:
        return reports.report(uow, site.actor(account), ReportQuery(**query))


def test_the_dashboard_figures_are_the_documents_sold_and_refunded(site):
    both = {"S01", "S02"}
    r = read(site, "admin", date_from=DAY_A, date_to=DAY_C)
    assert (r.date_from, r.date_to, r.today, r.store_code) == (DAY_A, DAY_C, DAY_C, None)
    want = expected(site, both, DAY_A, DAY_C)
    assert figures(r.period) == want and want["refunds"] == 2 and want["orders"] == 8
    assert r.period.revenue_fen == want["sales_fen"] - want["refunds_fen"]
    q, rem = divmod(want["sales_fen"], want["orders"])
    assert r.period.average_ticket_fen == q + (1 if 2 * rem >= want["orders"] else 0)
    assert figures(r.today_figures) == expected(site, both, DAY_C, DAY_C)
    assert figures(r.month_figures) == expected(site, both, DAY_C.replace(day=1), DAY_C)

    # the trend: every day of the period, in order, each with its own documents
    assert [d.day for d in r.trend] == [DAY_A, DAY_B, DAY_C]
    for d in r.trend:
        assert figures(d) == expected(site, both, d.day, d.day)
    assert sum(d.revenue_fen for d in r.trend) == r.period.revenue_fen

    # per store: both stores, each with its own documents
    assert [s.store_code for s in r.by_store] == ["S01", "S02"]
    for s in r.by_store:
        assert figures(s) == expected(site, {s.store_code}, DAY_A, DAY_C)

    # per cashier (who rang up / refunded) and per guide (the refunds of the guide's sales)
    docs = site.docs
    for row in r.by_cashier:
        mine = [d for d in docs if d.cashier == row.staff_id]
        assert row.orders == sum(not d.refund for d in mine)
        assert row.revenue_fen == sum(-d.total_fen if d.refund else d.total_fen for d in mine)
    assert {row.staff_id for row in r.by_cashier} == {d.cashier for d in docs}
    assert [x.revenue_fen for x in r.by_cashier] == sorted(
        (x.revenue_fen for x in r.by_cashier), reverse=True
    )
    guide = site.staff["guide01"]
    assert [(g.staff_id, g.account, g.name) for g in r.by_guide] == [(guide, "guide01", "吴敏")]
    credited = [d for d in docs if d.guide == guide]
    assert r.by_guide[0].orders == sum(not d.refund for d in credited)
    assert r.by_guide[0].refunds == 1  # a line of the first sale; the WeChat sale had no guide
    assert r.by_guide[0].revenue_fen == sum(
        -d.total_fen if d.refund else d.total_fen for d in credited
    )

    # payment mix: what each method took, less what went back in it
    net: dict[str, int] = defaultdict(int)
    for d in docs:
        for method, amount in d.by_method.items():
            net[method] += -amount if d.refund else amount
    assert {m.method: m.net_fen for m in r.payments} == dict(net)
    assert sum(m.net_fen for m in r.payments) == r.period.revenue_fen
    assert next(m for m in r.payments if m.method == "wechat").refunded_fen > 0
    assert [m.net_fen for m in r.payments] == sorted((m.net_fen for m in r.payments), reverse=True)


def _product_figures(site: Site, first: date, last: date, store: str | None = None) -> dict:
    """SKU code -> (sold milli, sales fen, refunded milli, refunds fen), line by line."""
    out: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    with site.central.reader() as uow:
        s = uow.session
        stores = {i: c for i, c in s.execute(select(Store.id, Store.code))}
        lines = {}
        for sale in s.scalars(select(Sale)):
            for ln in sale.lines:
                lines[ln.id] = ln
                if first <= sale.business_date <= last and store in (None, stores[sale.store_id]):
                    out[ln.sku_code][0] += ln.quantity_milli
                    out[ln.sku_code][1] += ln.net_fen
        for ref in s.scalars(select(Refund)):
            if not (first <= ref.business_date <= last and store in (None, stores[ref.store_id])):
                continue
            for rl in s.scalars(select(RefundLine).where(RefundLine.refund_id == ref.id)):
                code = lines[rl.sale_line_id].sku_code
                out[code][2] += rl.quantity_milli
                out[code][3] += rl.amount_fen
    assert all(isinstance(ln, SaleLine) for ln in lines.values())
    return {k: tuple(v) for k, v in out.items()}


def test_top_products_are_net_of_refunds_and_follow_the_filters(site):
    r = read(site, "admin", date_from=DAY_A, date_to=DAY_C)
    want = _product_figures(site, DAY_A, DAY_C)
    assert len(want) > reports.TOP_PRODUCTS  # so the limit matters
    ranked = sorted(want.items(), key=lambda kv: (-(kv[1][1] - kv[1][3]), kv[0]))
    assert [p.sku_code for p in r.top_products] == [k for k, _ in ranked[: reports.TOP_PRODUCTS]]
    for p in r.top_products:
        assert (p.sold_milli, p.sales_fen, p.refunded_milli, p.refunds_fen) == want[p.sku_code]
        assert p.amount_fen == want[p.sku_code][1] - want[p.sku_code][3]
    assert r.top_products[0].name  # the name as sold

    # fewer products than the limit: every one, the refunded ones at their net
    early = read(site, "admin", store_code="S01", date_from=DAY_A, date_to=DAY_B)
    want_early = _product_figures(site, DAY_A, DAY_B, "S01")
    assert len(want_early) < reports.TOP_PRODUCTS
    assert {
        p.sku_code: (p.sold_milli, p.sales_fen, p.refunded_milli, p.refunds_fen)
        for p in early.top_products
    } == want_early
    assert sum(1 for p in early.top_products if p.refunds_fen) == 2
    assert [p.amount_fen for p in early.top_products] == sorted(
        (p.amount_fen for p in early.top_products), reverse=True
    )

    s02 = read(site, "admin", store_code="S02", date_from=DAY_A, date_to=DAY_C)
    want02 = _product_figures(site, DAY_A, DAY_C, "S02")
    assert {p.sku_code: p.sales_fen for p in s02.top_products} == {
        k: v[1] for k, v in want02.items()
    }


def test_the_store_and_period_filters(site):
    r = read(site, "admin", store_code="S02", date_from=DAY_A, date_to=DAY_C)
    assert r.store_code == "S02"
    assert figures(r.period) == expected(site, {"S02"}, DAY_A, DAY_C)
    assert [s.store_code for s in r.by_store] == ["S02"]
    assert {c.account for c in r.by_cashier} == {"cashier03"} and r.by_guide == []
    assert [v.store_code for v in r.variances] == ["S02"]

    day_b = read(site, "admin", date_from=DAY_B, date_to=DAY_B)
    assert figures(day_b.period) == expected(site, {"S01", "S02"}, DAY_B, DAY_B)
    assert day_b.period.refunds == 1 and day_b.period.revenue_fen < day_b.period.sales_fen
    assert [d.day for d in day_b.trend] == [DAY_B]
    # today's and the month's figures do not follow the period
    assert figures(day_b.today_figures) == expected(site, {"S01", "S02"}, DAY_C, DAY_C)

    # the default period: the 1st of this month to today
    default = read(site, "admin")
    assert (default.date_from, default.date_to) == (DAY_C.replace(day=1), DAY_C)
    assert len(default.trend) == DAY_C.day
    assert figures(default.period) == expected(site, {"S01", "S02"}, DAY_A, DAY_C)
    assert sum(1 for d in default.trend if d.orders) == 3

    # a period without business: every figure zero, no average ticket
    empty = read(site, "admin", date_from=date(2026, 10, 1), date_to=date(2026, 10, 31))
    assert figures(empty.period) == {"orders": 0, "sales_fen": 0, "refunds": 0, "refunds_fen": 0}
    assert empty.period.average_ticket_fen is None and len(empty.trend) == 31
    assert empty.top_products == [] and empty.payments == [] and empty.variances == []
    assert all(c.sold == 0 for c in empty.card_keys)


def test_a_manager_reads_only_their_stores(site):
    r = read(site, "manager01", date_from=DAY_A, date_to=DAY_C)
    assert figures(r.period) == expected(site, {"S01"}, DAY_A, DAY_C)
    assert [s.store_code for s in r.by_store] == ["S01"]
    assert {v.store_code for v in r.variances} == {"S01"}
    with site.central.reader() as uow:
        m1 = site.actor("manager01")
        assert [s.code for s in reports.stores(uow, m1)] == ["S01"]
        assert [s.code for s in reports.stores(uow, site.actor("admin"))] == ["S01", "S02"]
        with pytest.raises(PermissionDenied) as e:
            reports.report(uow, m1, ReportQuery(store_code="S02"))
        assert e.value.code == "store_not_allowed" and e.value.details["store"] == "S02"
        for account in ("cashier01", "guide01", "verifier01"):
            with pytest.raises(PermissionDenied) as e:
                reports.report(uow, site.actor(account))
            assert e.value.code == "permission_denied"
            with pytest.raises(PermissionDenied):
                reports.stores(uow, site.actor(account))
    own = read(site, "manager02", store_code="S02", date_from=DAY_C, date_to=DAY_C)
    assert figures(own.period) == expected(site, {"S02"}, DAY_C, DAY_C)


@pytest.mark.parametrize(
    ("query", "error", "code"),
    [
        ({"store_code": "S99"}, ValidationError, "unknown_store"),
        ({"store_code": "S" * 40}, ValidationError, "unknown_store"),
        ({"store_code": "' OR 1=1 --"}, ValidationError, "unknown_store"),
        ({"date_from": DAY_C, "date_to": DAY_A}, ValidationError, "date_range"),
        ({"date_from": "2026-11-01"}, ValidationError, "date_range"),
        ({"date_from": date(2025, 1, 1), "date_to": DAY_C}, ValidationError, "report_range"),
    ],
)
def test_bad_filters_are_refused_with_a_reason(site, query, error, code):
    with pytest.raises(error) as e:
        read(site, "admin", **query)
    assert e.value.code == code


def test_coupon_verifications_card_keys_low_stock_and_variances(site):
    central, gw = site.central, InProcessGateway(site.central)
    ids = {code: sid for sid, code in _stores(central)}
    # verifier01 works at S01; manager02 verifies at S02
    verifier = {"S01": site.actor("verifier01").staff_id, "S02": site.actor("manager02").staff_id}

    def redeem(code: str, store: str) -> dict:
        answer = gw.redeem(
            {
                "request_id": str(new_id()),
                "text": code,
                "store_id": ids[store],
                "terminal_id": str(new_id()),
                "staff_id": verifier[store],
            }
        )
        assert answer["ok"] is True, answer
        return answer

    cheap = make_coupon(central, name="满20减5")
    big = make_coupon(central, name="满100减30", threshold_fen=10_000, amount_off_fen=3_000)
    cheap_codes, big_codes = issue(central, cheap, 4), issue(central, big, 2)
    site.at(DAY_B)
    redeem(cheap_codes[0], "S01")  # day B: outside a period of today only
    site.at(DAY_C)
    redeem(cheap_codes[1], "S01")
    redeem(cheap_codes[2], "S01")
    redeem(cheap_codes[3], "S02")
    redeem(big_codes[0], "S01")
    reversed_one = redeem(big_codes[1], "S01")
    undone = gw.reverse_redemption(
        {
            "verification_id": reversed_one["verification_id"],
            "manager_id": site.actor("manager01").staff_id,
            "reason": "顾客误扫",
            "terminal_id": str(new_id()),
        }
    )
    assert undone["ok"] is True, undone

    today = read(site, "admin", date_from=DAY_C, date_to=DAY_C)
    uses = {(u.coupon_name, u.store_code): u.count for u in today.coupons}
    assert uses == {("满20减5", "S01"): 2, ("满20减5", "S02"): 1, ("满100减30", "S01"): 1}
    assert [u.count for u in today.coupons] == sorted(uses.values(), reverse=True)
    both_days = read(site, "admin", date_from=DAY_B, date_to=DAY_C)
    assert {(u.coupon_name, u.store_code): u.count for u in both_days.coupons}[
        ("满20减5", "S01")
    ] == 3
    s02 = read(site, "manager02", date_from=DAY_C, date_to=DAY_C)
    assert [(u.coupon_name, u.store_code, u.count) for u in s02.coupons] == [("满20减5", "S02", 1)]

    # card keys: the pool now, and the keys sold today, counted key by key
    with central.reader() as uow:
        s = uow.session
        codes = dict(s.execute(select(Sku.id, Sku.code)).all())
        pools: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        for key in s.scalars(select(CardKey)):
            pools[codes[key.sku_id]][key.state] += 1
        card_skus = set(s.scalars(select(Sku.code).join(Product).where(Product.kind == "card_key")))
    keys = {k.sku_code: k for k in today.card_keys}
    assert set(keys) == card_skus and {"K001", "K003", "K004"} <= card_skus
    for code, row in keys.items():
        assert row.available == pools[code]["available"]
        assert row.reserved == pools[code]["reserved"]
        assert row.sold == pools[code]["sold"]
    assert keys["K001"].sold == 2 and keys["K003"].sold == 1 and keys["K004"].available == 0
    k1 = keys["K001"]
    assert k1.issue_rate_bp == (k1.sold * 10_000 * 2 + k1.sold + k1.available) // (
        2 * (k1.sold + k1.available)
    )
    assert keys["K004"].issue_rate_bp is None
    assert {k.sku_code: k.sold for k in s02.card_keys}["K001"] == 0  # sold at S01 only
    assert all(k.sold == 0 for k in read(site, "admin", date_from=DAY_A, date_to=DAY_B).card_keys)

    # low stock: limits in both stores' warehouses; the sales drove P000010 below zero
    admin = site.actor("admin")
    with central.uow() as uow:
        inventory.set_limits(uow, admin, warehouse="S01", sku_code="P000010", lower_milli=5_000)
    with central.uow() as uow:
        inventory.set_limits(
            uow, admin, warehouse="S01", sku_code="P000030", safety_milli=2_000, lower_milli=1_000
        )
    with central.uow() as uow:
        inventory.set_limits(uow, admin, warehouse="S02", sku_code="P000016", lower_milli=1_000)
    want = _low(central)
    assert {w for w, _ in want} == {"S01", "S02"}
    r = read(site, "admin", date_from=DAY_C, date_to=DAY_C)
    assert r.low_stock_total == len(want)
    assert {(x.warehouse_code, x.sku_code): x.available_milli for x in r.low_stock} == want
    assert [x.available_milli - x.lower_milli for x in r.low_stock] == sorted(
        x.available_milli - x.lower_milli for x in r.low_stock
    )
    mine = read(site, "manager01", date_from=DAY_C, date_to=DAY_C)
    assert {x.warehouse_code for x in mine.low_stock} == {"S01"}
    assert mine.low_stock_total == sum(1 for w, _ in want if w == "S01")

    # shift variances: the closed shifts of the period per store and cashier
    r = read(site, "admin", date_from=DAY_A, date_to=DAY_C)
    got = {f"{v.store_code}/{v.cashier_account}": v for v in r.variances}
    assert set(got) == set(site.variances)
    for key, deltas in site.variances.items():
        v = got[key]
        assert v.shifts == len(deltas)
        assert v.short_fen == sum(d for d in deltas if d < 0)
        assert v.over_fen == sum(d for d in deltas if d > 0)
        assert v.short_shifts == sum(1 for d in deltas if d < 0)
        assert v.net_fen == sum(deltas)
    assert [v.net_fen for v in r.variances] == sorted(v.net_fen for v in r.variances)


def _stores(central) -> list[tuple[str, str]]:
    with central.reader() as uow:
        return list(uow.session.execute(select(Store.id, Store.code)).all())


def _low(central) -> dict[tuple[str, str], int]:
    """(warehouse, SKU) -> available, for the limits whose available stock is at or below the
    lower limit or the safety stock, read row by row."""
    out = {}
    with central.reader() as uow:
        s = uow.session
        whs = dict(s.execute(select(Warehouse.id, Warehouse.code)).all())
        skus = dict(s.execute(select(Sku.id, Sku.code)).all())
        for lim in s.scalars(select(StockLimit)):
            bal = s.get(StockBalance, (lim.warehouse_id, lim.sku_id))
            available = (bal.on_hand_milli - bal.locked_milli) if bal else 0
            if available <= lim.lower_milli or available <= lim.safety_milli:
                out[(whs[lim.warehouse_id], skus[lim.sku_id])] = available
    return out
