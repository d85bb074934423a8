"""E-commerce channels on the central database (SPEC §8): shops (validation, the unsettled-orders
confirmation, total balance, the balance alert), channel orders (CSV import, batch delivery of card
keys exactly once — also when two deliveries race —, after-sale refund and reissue, deleting test
orders only, revealing a key, the 24-hour alerts). SQLite and PostgreSQL."""

from __future__ import annotations

import codecs
import random
import threading
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from shared.db.engine import make_engine
from shared.db.models import AuditEntry, CardKey, ChannelOrder, ChannelShop, Verification
from shared.db.uow import Database
from shared.domain.card_key_crypto import CardKeyCryptoError
from shared.domain.coupons import format_code, new_code
from shared.domain.errors import Conflict, NotFound, PermissionDenied, ValidationError
from shared.domain.ids import new_id
from shared.services import channels, verification
from shared.services.channels import OrderQuery, ShopInput, ShopQuery
from shared.services.demo import create_demo
from shared.sync.gateway import InProcessGateway
from tests.integration.test_redeem import Site, assert_unchanged, snapshot
from tests.support.channels import (
    actor,
    add_keys,
    add_order,
    card_key_product,
    make_shop,
    new_keyring,
)
from tests.support.coupons import staff_id, store_id


@pytest.fixture
def central(make_db):
    db = make_db()
    create_demo(db, products=10)
    return db


@pytest.fixture
def keyring():
    return new_keyring()


@pytest.fixture
def pool(central, keyring):
    """A card-key product with 20 keys; its SKU id."""
    sku_id = card_key_product(central)
    add_keys(central, keyring, sku_id, 20)
    return sku_id


def counts(db) -> dict[str, int]:
    with db.reader() as uow:
        s = uow.session
        out = {
            m.__tablename__: s.scalar(select(func.count()).select_from(m))
            for m in (ChannelShop, ChannelOrder, AuditEntry)
        }
        out["sold_keys"] = s.scalar(
            select(func.count()).select_from(CardKey).where(CardKey.state == "sold")
        )
        return out


def audit_actions(db, target: str | None = None) -> list[str]:
    with db.reader() as uow:
        stmt = select(AuditEntry.action).order_by(AuditEntry.at, AuditEntry.id)
        if target is not None:
            stmt = stmt.where(AuditEntry.target == target)
        return list(uow.session.scalars(stmt))


def shops(db, query: ShopQuery | None = None):
    with db.reader() as uow:
        return channels.list_shops(uow, actor(db, "manager01"), query)


def orders(db, query: OrderQuery | None = None, offset: int = 0, limit: int = 100):
    with db.reader() as uow:
        return channels.list_orders(uow, actor(db, "manager01"), query, offset, limit)


def deliver(db, ids, account: str = "manager01"):
    with db.uow() as uow:
        return channels.deliver_orders(uow, actor(db, account), ids)


def order_keys(db, order_id: str) -> list:
    with db.reader() as uow:
        return uow.session.execute(
            select(CardKey.id, CardKey.state, CardKey.void_reason, CardKey.replaced_by)
            .where(CardKey.channel_order_id == order_id)
            .order_by(CardKey.sold_at, CardKey.line_key, CardKey.unit_no)
        ).all()


# -- shops -----------------------------------------------------------------------------------------


def test_shops_are_created_filtered_edited_and_audited(central):
    taobao = make_shop(central)
    pdd = make_shop(
        central,
        "拼多多专营店",
        channel_type="pinduoduo",
        channel_user_id="pdd_007",
        balance_fen=120_000,
        redemption_domain="",
        enabled=False,
        sort_order=2,
    )
    page = shops(central)
    assert [r.name for r in page.rows] == ["星辰淘宝旗舰店", "拼多多专营店"]
    row = page.rows[0]
    assert (row.channel_type, row.balance_fen, row.redemption_domain, row.enabled) == (
        "taobao",
        500_000,
        "dh.xingchen.example.com",
        True,
    )
    assert row.last_balance_fen is None and row.orders == 0
    assert [r.shop_id for r in shops(central, ShopQuery(channel_type="pinduoduo")).rows] == [pdd]
    assert [r.shop_id for r in shops(central, ShopQuery(enabled=True)).rows] == [taobao]
    assert [r.shop_id for r in shops(central, ShopQuery(text="pdd_0")).rows] == [pdd]
    assert [r.shop_id for r in shops(central, ShopQuery(text="xingchen")).rows] == [taobao]
    assert shops(central, ShopQuery(text="%")).total == 0  # a metacharacter is only itself

    admin = actor(central, "admin")
    with central.uow() as uow:
        row = channels.shop_detail(uow, admin, taobao)
        edited = channels.update_shop(
            uow,
            admin,
            taobao,
            ShopInput(
                **{
                    **channels.input_from_shop(row).__dict__,
                    "name": "星辰天猫店",
                    "channel_type": "other",
                    "balance_fen": 480_000,
                    "redemption_domain": "DH.Xingchen.Example.COM.",
                }
            ),
        )
    assert (edited.name, edited.channel_type, edited.balance_fen) == (
        "星辰天猫店",
        "other",
        480_000,
    )
    assert edited.last_balance_fen == 500_000  # the balance before, for the alert
    assert edited.redemption_domain == "dh.xingchen.example.com"
    with central.reader() as uow:
        summary = channels.shop_summary(uow, admin)
    assert (summary.total_balance_fen, summary.shops) == (600_000, 2)
    assert audit_actions(central, taobao) == ["channel_shop.create", "channel_shop.update"]
    with central.reader() as uow:
        detail = uow.session.scalars(
            select(AuditEntry.detail).where(AuditEntry.action == "channel_shop.update")
        ).one()
    assert detail["changed"]["name"] == ["星辰淘宝旗舰店", "星辰天猫店"]
    assert detail["changed"]["balance_fen"] == [500_000, 480_000]

    cashier = actor(central, "cashier01")
    with pytest.raises(PermissionDenied), central.reader() as uow:
        channels.list_shops(uow, cashier)


@pytest.mark.parametrize(
    ("changes", "field", "code"),
    [
        ({"name": "  "}, "name", "shop_name"),
        ({"name": "店" * 61}, "name", "shop_name"),
        ({"name": "星辰淘宝旗舰店"}, "name", "shop_name_taken"),
        ({"channel_type": "amazon"}, "channel_type", "shop_type"),
        ({"balance_fen": -1}, "balance_fen", "shop_balance"),
        ({"balance_fen": 12.5}, "balance_fen", "shop_balance"),
        ({"redemption_domain": "https://dh.example.com/r"}, "redemption_domain", "shop_domain"),
        ({"redemption_domain": "not a host"}, "redemption_domain", "shop_domain"),
        ({"redemption_domain": "localhost"}, "redemption_domain", "shop_domain"),
        ({"redemption_domain": "-bad-.example.com"}, "redemption_domain", "shop_domain"),
        ({"account": "a" * 65}, "account", "shop_account"),
        ({"channel_user_id": "u\x00"}, "channel_user_id", "shop_user_id"),
        ({"sort_order": -3}, "sort_order", "shop_sort"),
    ],
)
def test_a_bad_shop_field_is_refused_and_changes_nothing(central, changes, field, code):
    make_shop(central)
    before = counts(central)
    data = ShopInput(**{"name": "抖音小店", "channel_type": "douyin", **changes})
    with pytest.raises(ValidationError) as refused, central.uow() as uow:
        channels.create_shop(uow, actor(central, "manager01"), data)
    assert (refused.value.code, refused.value.details["field"]) == (code, field)
    assert counts(central) == before


def test_disabling_a_shop_with_unsettled_orders_lists_them_and_needs_confirmation(central, pool):
    shop = make_shop(central)
    add_order(central, shop, pool, "TB1001")
    add_order(central, shop, pool, "TB1002", after_sale="pending", redeem_state="redeemed")
    add_order(central, shop, pool, "TB1003", test=True)  # test orders do not hold a shop
    add_order(central, shop, pool, "TB1004", rejected=True, reason="风控拒绝")
    add_order(
        central,
        shop,
        pool,
        "TB1005",
        redeem_state="redeemed",
        verify_state="verified",
    )
    manager = actor(central, "manager01")
    before = counts(central)
    with pytest.raises(Conflict) as refused, central.uow() as uow:
        channels.set_shop_enabled(uow, manager, shop, False)
    assert refused.value.code == "shop_unsettled"
    assert refused.value.details["count"] == 2
    assert refused.value.details["orders"] == ["TB1001", "TB1002"]
    assert counts(central) == before
    assert shops(central).rows[0].unsettled == 2

    with pytest.raises(Conflict), central.uow() as uow:  # the edit dialog asks the same
        row = channels.shop_detail(uow, manager, shop)
        channels.update_shop(
            uow,
            manager,
            shop,
            ShopInput(**{**channels.input_from_shop(row).__dict__, "enabled": False}),
        )
    assert counts(central) == before

    with central.uow() as uow:
        row = channels.set_shop_enabled(uow, manager, shop, False, confirm=True)
    assert not row.enabled
    with central.reader() as uow:
        entry = uow.session.execute(
            select(AuditEntry.detail, AuditEntry.actor_id).where(
                AuditEntry.action == "channel_shop.disable"
            )
        ).one()
    assert entry.detail["unsettled"] == 2 and entry.actor_id == manager.staff_id
    with central.uow() as uow:
        assert channels.set_shop_enabled(uow, manager, shop, True).enabled

    other = make_shop(central, "京东自营店", channel_type="jd")
    with central.uow() as uow:  # nothing unsettled: no question asked
        assert not channels.set_shop_enabled(uow, manager, other, False).enabled


def test_a_sharp_balance_change_alerts(central):
    manager = actor(central, "manager01")
    shop = make_shop(central, balance_fen=500_000)
    calm = make_shop(central, "京东自营店", channel_type="jd", balance_fen=1_000)

    def set_balance(shop_id: str, fen: int) -> None:
        with central.uow() as uow:
            row = channels.shop_detail(uow, manager, shop_id)
            data = ShopInput(**{**channels.input_from_shop(row).__dict__, "balance_fen": fen})
            channels.update_shop(uow, manager, shop_id, data)

    def alerted() -> list[str]:
        with central.reader() as uow:
            return [a.name for a in channels.alerts(uow, manager).balance_alerts]

    assert alerted() == []
    set_balance(shop, 300_000)  # -40 %
    set_balance(calm, 9_000)  # +800 %, but only 80 yuan
    assert alerted() == []
    set_balance(shop, 100_000)  # -66.7 % of the balance before
    assert alerted() == ["星辰淘宝旗舰店"]
    with central.reader() as uow:
        alert = channels.shop_summary(uow, manager).balance_alerts[0]
    assert (alert.balance_fen, alert.last_balance_fen, alert.change_fen) == (
        100_000,
        300_000,
        -200_000,
    )
    set_balance(shop, 120_000)  # +20 %: calm again
    assert alerted() == []
    assert channels.is_sharp_change(20_000, 0) and not channels.is_sharp_change(5_000, None)


# -- import ----------------------------------------------------------------------------------------

HEADER = "订单号,店铺,用户ID,商品编码,数量,金额(元),创建时间,已支付\n"


def import_csv(db, data: bytes, account: str = "manager01"):
    with db.uow() as uow:
        return channels.import_orders_csv(uow, actor(db, account), data, "orders.csv")


def test_csv_import_in_utf8_with_bom_and_gb18030_skips_known_orders(central, pool):
    make_shop(central)
    make_shop(central, "拼多多专营店", channel_type="pinduoduo")
    text = (
        HEADER
        + "TB2001,星辰淘宝旗舰店,买家甲,CK0001,1,25.00,2026-11-21 10:00:00,是\n"
        + "TB2002,星辰淘宝旗舰店,买家乙,CK0001,2,50,2026/11/21 11:30,否\n"
        + "PDD001,拼多多专营店,多多用户,CK0001,1,24.5,2026-11-21,1\n"
    )
    report = import_csv(central, codecs.BOM_UTF8 + text.encode("utf-8"))
    assert (report.read, report.imported, report.known, report.problems) == (3, 3, [], [])
    page = orders(central)
    by_no = {r.order_no: r for r in page.rows}
    assert set(by_no) == {"TB2001", "TB2002", "PDD001"}
    tb2 = by_no["TB2002"]
    assert (tb2.quantity, tb2.amount_fen, tb2.paid, tb2.channel_user_id) == (
        2,
        5000,
        False,
        "买家乙",
    )
    assert tb2.created_at.isoformat() == "2026-11-21T03:30:00+00:00"  # China time
    assert (tb2.redeem_state, tb2.verify_state, tb2.after_sale, tb2.origin) == (
        "pending",
        "pending",
        "none",
        "channel",
    )

    again = (
        HEADER
        + "TB2001,星辰淘宝旗舰店,买家甲,CK0001,1,25.00,2026-11-21 10:00:00,是\n"
        + "TB2003,星辰淘宝旗舰店,买家丙,CK0001,1,25.00,2026-11-21 12:00:00,是\n"
        + "TB2003,星辰淘宝旗舰店,买家丙,CK0001,1,25.00,2026-11-21 12:00:00,是\n"
        + "TB2001,拼多多专营店,买家甲,CK0001,1,25.00,2026-11-21 10:00:00,是\n"
    )
    report = import_csv(central, again.encode("gb18030"))
    assert (report.read, report.imported) == (4, 2)
    assert [(k.row, k.order_no, k.in_file) for k in report.known] == [
        (2, "TB2001", False),
        (4, "TB2003", True),
    ]
    assert orders(central).total == 5
    assert audit_actions(central).count("channel_order.import") == 2


def test_csv_import_reports_bad_rows_by_row_and_column_and_imports_the_rest(central, pool):
    make_shop(central)
    make_shop(central, "停用小店", enabled=False)
    text = (
        "电商单号,店铺名称,下单用户,SKU编码,数量,金额,下单时间,是否支付,来源,测试订单\n"
        "TB3001,星辰淘宝旗舰店,u1,CK0001,1,25,2026-11-21 10:00,是,平台,否\n"
        ",星辰淘宝旗舰店,u2,CK0001,1,25,2026-11-21 10:00,是,,\n"
        "TB3003,没有这家店,u3,CK0001,0,abc,昨天,也许,,\n"
        "TB3004,星辰淘宝旗舰店,u4,NOPE,1,25,2026-11-21 10:00,是,,\n"
        "TB3005,停用小店,u5,CK0001,1,25,2026-11-21 10:00,是,,\n"
        "TB3006,星辰淘宝旗舰店,u6,CK0001,101,-5,2126-11-21 10:00,是,外星,是\n"
        "TB3007,星辰淘宝旗舰店,u7,CK0001,1,25,2026-11-21 10:00,是,,是\n"
    )
    report = import_csv(central, text.encode("utf-8"))
    assert (report.read, report.imported, report.rejected) == (7, 2, 5)
    problems = [(p.row, p.column, p.code) for p in report.problems]
    assert problems == [
        (3, "电商单号", "import_required"),
        (4, "店铺名称", "import_shop"),
        (4, "数量", "import_quantity"),
        (4, "金额", "import_amount"),
        (4, "下单时间", "import_time"),
        (4, "是否支付", "import_flag"),
        (5, "SKU编码", "import_sku"),
        (6, "店铺名称", "import_shop_disabled"),
        (7, "数量", "import_quantity"),
        (7, "金额", "import_amount"),
        (7, "下单时间", "import_time"),
        (7, "来源", "import_origin"),
    ]
    by_no = {r.order_no: r for r in orders(central).rows}
    assert set(by_no) == {"TB3001", "TB3007"}
    assert by_no["TB3001"].origin == "platform" and not by_no["TB3001"].test
    assert by_no["TB3007"].test


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", "import_empty"),
        ("订单号,店铺\nTB1,店\n".encode(), "import_columns"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "file_not_text"),
        (codecs.BOM_UTF8 + "订单号".encode("gb18030"), "file_encoding"),
        ((HEADER + "TB1,店\n").encode("utf-16"), "file_encoding"),
    ],
    ids=["empty", "columns", "binary", "bad-utf8", "utf16"],
)
def test_a_file_that_is_not_an_order_export_is_refused_whole(central, pool, data, code):
    make_shop(central)
    before = counts(central)
    with pytest.raises(ValidationError) as refused:
        import_csv(central, data)
    assert refused.value.code == code
    assert counts(central) == before


# -- delivery --------------------------------------------------------------------------------------


def test_batch_delivery_gives_each_paid_order_its_keys_once(central, pool):
    shop = make_shop(central)
    ok1 = add_order(central, shop, pool, "TB4001")
    ok2 = add_order(central, shop, pool, "TB4002", quantity=3, amount_fen=7500)
    unpaid = add_order(central, shop, pool, "TB4003", paid=False)
    frozen = add_order(central, shop, pool, "TB4004", frozen=True)
    rejected = add_order(central, shop, pool, "TB4005", rejected=True, reason="风控拒绝")
    report = deliver(central, [ok1, ok2, unpaid, frozen, rejected])
    got = {o.order_no: (o.result, o.reason, o.keys) for o in report.outcomes}
    assert got == {
        "TB4001": ("delivered", "", 1),
        "TB4002": ("delivered", "", 3),
        "TB4003": ("refused", "unpaid", 0),
        "TB4004": ("refused", "frozen", 0),
        "TB4005": ("refused", "rejected", 0),
    }
    assert (report.delivered, report.refused) == (2, 3)
    rows = {r.order_no: r for r in orders(central).rows}
    one = rows["TB4001"]
    assert one.redeem_state == "redeemed" and one.redeemed_at == central.clock.now()
    assert one.verify_state == "pending" and one.redeem_code and len(one.key_hints) == 1
    assert one.redemption_link == f"https://dh.xingchen.example.com/r/{one.redeem_code}"
    assert len(rows["TB4002"].key_hints) == 3
    assert rows["TB4003"].redeem_code is None and rows["TB4003"].key_hints == ()
    assert counts(central)["sold_keys"] == 4
    assert audit_actions(central).count("channel_order.deliver") == 2

    again = deliver(central, [ok1, ok2])
    assert [(o.result, o.keys) for o in again.outcomes] == [
        ("already_delivered", 1),
        ("already_delivered", 3),
    ]
    assert counts(central)["sold_keys"] == 4
    assert {r.order_no: r.redeem_code for r in orders(central).rows} == {
        n: r.redeem_code for n, r in rows.items()
    }


def test_a_sold_out_order_is_reported_and_the_others_are_delivered(central, keyring):
    sku = card_key_product(central, "CK0009", "游戏点卡")
    add_keys(central, keyring, sku, 3)
    shop = make_shop(central)
    a = add_order(central, shop, sku, "TB5001")
    big = add_order(central, shop, sku, "TB5002", quantity=5)
    b = add_order(central, shop, sku, "TB5003", quantity=2)
    report = deliver(central, [a, big, b])
    assert [(o.order_no, o.result) for o in report.outcomes] == [
        ("TB5001", "delivered"),
        ("TB5002", "sold_out"),
        ("TB5003", "delivered"),
    ]
    assert report.outcomes[1].available == 2
    rows = {r.order_no: r for r in orders(central).rows}
    assert rows["TB5002"].redeem_state == "pending" and rows["TB5002"].redeem_code is None
    assert counts(central)["sold_keys"] == 3

    goods = add_order(central, shop, pool_goods_sku(central), "TB5004")
    assert deliver(central, [goods]).outcomes[0].reason == "not_card_key"
    with pytest.raises(ValidationError) as refused, central.uow() as uow:
        channels.deliver_orders(uow, actor(central, "manager01"), [])
    assert refused.value.code == "order_selection"


def pool_goods_sku(db) -> str:
    from shared.db.models import Product, Sku

    with db.reader() as uow:
        return uow.session.scalars(
            select(Sku.id)
            .join(Product, Product.id == Sku.product_id)
            .where(Product.kind == "goods")
        ).first()


def _race(central: Database, order_ids: list[str]):
    """Two deliveries of the same orders at once, each with its own engine (two back offices)."""
    url = central.engine.url.render_as_string(hide_password=False)
    dbs = [Database(make_engine(url), central.clock) for _ in range(2)]
    barrier = threading.Barrier(2)
    reports: list = [None, None]
    errors: list[BaseException] = []

    def run(i: int) -> None:
        ids = list(order_ids)
        random.Random(i).shuffle(ids)
        try:
            barrier.wait()
            reports[i] = deliver(dbs[i], ids)
        except BaseException as exc:  # reported by the test
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    for db in dbs:
        db.dispose()
    assert not errors, errors
    return reports


def test_two_deliveries_racing_for_the_same_orders_issue_each_order_once(central, pool):
    shop = make_shop(central)
    ids = [add_order(central, shop, pool, f"TB6{i:03d}", quantity=1 + i % 2) for i in range(10)]
    reports = _race(central, ids)
    delivered = [o for r in reports for o in r.outcomes if o.result == "delivered"]
    skipped = [o for r in reports for o in r.outcomes if o.result == "already_delivered"]
    assert len(delivered) == 10 and len(skipped) == 10
    assert {o.order_id for o in delivered} == set(ids)
    with central.reader() as uow:
        keys = uow.session.execute(
            select(CardKey.id, CardKey.channel_order_id, CardKey.sale_id).where(
                CardKey.state == "sold"
            )
        ).all()
        quantities = dict(uow.session.execute(select(ChannelOrder.id, ChannelOrder.quantity)).all())
    assert len(keys) == sum(quantities.values()) == 15
    assert len({k.id for k in keys}) == len(keys)
    per_order = {}
    for k in keys:
        assert k.sale_id == f"order:{k.channel_order_id}"
        per_order[k.channel_order_id] = per_order.get(k.channel_order_id, 0) + 1
    assert per_order == quantities
    codes = [r.redeem_code for r in orders(central).rows]
    assert len(set(codes)) == 10 and None not in codes
    assert audit_actions(central).count("channel_order.deliver") == 10


# -- after sale ------------------------------------------------------------------------------------


def test_refund_voids_the_key_and_reissue_replaces_it(central, pool):
    shop = make_shop(central)
    refunded = add_order(central, shop, pool, "TB7001")
    reissued = add_order(central, shop, pool, "TB7002", quantity=2)
    never = add_order(central, shop, pool, "TB7003")
    deliver(central, [refunded, reissued])
    manager = actor(central, "manager01")

    with pytest.raises(ValidationError) as refused, central.uow() as uow:
        channels.after_sale(uow, manager, refunded, "refund", "  ")
    assert refused.value.code == "reason"
    with central.uow() as uow:
        done = channels.after_sale(uow, manager, refunded, "refund", "买家申请退款")
    assert done.action == "refund" and len(done.voided) == 1
    [key] = order_keys(central, refunded)
    assert key.state == "void" and key.void_reason == "refund: 买家申请退款"
    with pytest.raises(Conflict) as refused, central.uow() as uow:
        channels.after_sale(uow, manager, refunded, "reissue", "再补一张")
    assert refused.value.code == "order_refunded"
    row = {r.order_no: r for r in orders(central).rows}["TB7001"]
    assert (row.after_sale, row.reason, row.key_hints) == ("refunded", "买家申请退款", ())
    assert deliver(central, [refunded]).outcomes[0].result == "already_delivered"

    old = [k.id for k in order_keys(central, reissued)]
    with central.uow() as uow:
        done = channels.after_sale(uow, manager, reissued, "reissue", "卡密无法激活")
    assert sorted(done.voided) == sorted(old) and len(done.new_hints) == 2
    keys = order_keys(central, reissued)
    assert len(keys) == 4
    voided = {k.id: k for k in keys if k.state == "void"}
    live = [k.id for k in keys if k.state == "sold"]
    assert set(voided) == set(old) and len(live) == 2
    assert {k.replaced_by for k in voided.values()} == set(live)
    assert all(k.void_reason == "reissue: 卡密无法激活" for k in voided.values())
    with central.uow() as uow:  # a second reissue replaces the new keys
        channels.after_sale(uow, manager, reissued, "reissue", "仍然无法激活")
    assert sum(1 for k in order_keys(central, reissued) if k.state == "sold") == 2
    assert counts(central)["sold_keys"] == 2

    with pytest.raises(Conflict) as refused, central.uow() as uow:
        channels.after_sale(uow, manager, never, "reissue", "补发")
    assert refused.value.code == "order_not_delivered"
    actions = audit_actions(central)
    assert (
        actions.count("channel_order.refund") == 1 and actions.count("channel_order.reissue") == 2
    )


def test_a_reissue_with_the_pool_empty_changes_nothing(central, keyring):
    sku = card_key_product(central, "CK0010", "一张卡")
    add_keys(central, keyring, sku, 1)
    shop = make_shop(central)
    order = add_order(central, shop, sku, "TB7101")
    deliver(central, [order])
    before = order_keys(central, order)
    with pytest.raises(Conflict) as refused, central.uow() as uow:
        channels.after_sale(uow, actor(central, "manager01"), order, "reissue", "坏卡")
    assert refused.value.code == "sold_out"
    assert order_keys(central, order) == before


def test_marks_freeze_reject_and_open_an_after_sale_request(central, pool):
    shop = make_shop(central)
    a = add_order(central, shop, pool, "TB7201")
    b = add_order(central, shop, pool, "TB7202")
    manager = actor(central, "manager01")
    with central.uow() as uow:
        assert channels.mark_orders(uow, manager, [a, b], "freeze", "可疑订单") == 2
    assert deliver(central, [a]).outcomes[0].reason == "frozen"
    with central.uow() as uow:
        assert channels.mark_orders(uow, manager, [a], "unfreeze") == 1
        assert channels.mark_orders(uow, manager, [b], "reject", "重复下单") == 1
        assert channels.mark_orders(uow, manager, [a], "after_sale", "买家投诉") == 1
    got = {r.order_no: r for r in orders(central).rows}
    assert not got["TB7201"].frozen and got["TB7201"].after_sale == "pending"
    assert got["TB7202"].rejected and got["TB7202"].reason == "重复下单"
    assert orders(central, OrderQuery(after_sale="pending")).total == 1
    assert orders(central, OrderQuery(rejected=True)).total == 1
    assert orders(central, OrderQuery(frozen=True)).total == 1


# -- deletion --------------------------------------------------------------------------------------


def test_only_test_orders_are_deleted_and_only_after_confirmation(central, pool):
    shop = make_shop(central)
    real = add_order(central, shop, pool, "TB8001")
    test1 = add_order(central, shop, pool, "TEST-1", test=True)
    test2 = add_order(central, shop, pool, "TEST-2", test=True)
    deliver(central, [test2])
    manager = actor(central, "manager01")
    before = counts(central)
    with pytest.raises(ValidationError) as refused, central.uow() as uow:
        channels.delete_test_orders(uow, manager, [test1, real], confirm=True)
    assert refused.value.code == "orders_not_test"
    assert refused.value.details["orders"] == ["TB8001"]
    with pytest.raises(Conflict) as asked, central.uow() as uow:
        channels.delete_test_orders(uow, manager, [test1, test2])
    assert asked.value.code == "confirm_delete" and asked.value.details["count"] == 2
    assert counts(central) == before

    with central.uow() as uow:
        done = channels.delete_test_orders(uow, manager, [test1, test2], confirm=True)
    assert done.deleted == ["TEST-1", "TEST-2"] and done.keys_voided == 1
    assert [r.order_no for r in orders(central).rows] == ["TB8001"]
    assert counts(central)["sold_keys"] == 0
    assert audit_actions(central).count("channel_order.delete") == 1


# -- the key and the link --------------------------------------------------------------------------


def test_revealing_a_key_needs_the_permission_and_is_audited(central, pool, keyring):
    shop = make_shop(central)
    order = add_order(central, shop, pool, "TB9001", quantity=2)
    undelivered = add_order(central, shop, pool, "TB9002")
    deliver(central, [order])
    manager, admin = actor(central, "manager01"), actor(central, "admin")
    before = counts(central)
    with pytest.raises(PermissionDenied), central.uow() as uow:
        channels.reveal_keys(uow, manager, keyring, order)
    assert counts(central) == before  # refused: nothing audited

    with central.uow() as uow:
        shown = channels.reveal_keys(uow, admin, keyring, order, purpose="copy")
    assert shown.order_no == "TB9001"
    assert shown.text == "CARD000000,PW0000\nCARD000001,PW0001"
    assert [k.hint for k in shown.keys] == ["0000", "0001"]
    with central.reader() as uow:
        entry = uow.session.execute(
            select(AuditEntry.target, AuditEntry.actor_id, AuditEntry.detail).where(
                AuditEntry.action == "card_key.copy"
            )
        ).one()
    assert entry.target == "TB9001" and entry.actor_id == admin.staff_id
    assert "CARD" not in str(entry.detail)  # which keys, never their text

    with pytest.raises(CardKeyCryptoError) as wrong, central.uow() as uow:
        channels.reveal_keys(uow, admin, new_keyring(), order)
    assert wrong.value.code == "card_key_wrong_key"
    with pytest.raises(CardKeyCryptoError) as missing, central.uow() as uow:
        channels.reveal_keys(uow, admin, None, order)
    assert missing.value.code == "card_key_no_key"
    with pytest.raises(Conflict) as none, central.uow() as uow:
        channels.reveal_keys(uow, admin, keyring, undelivered)
    assert none.value.code == "order_no_keys"
    assert audit_actions(central).count("card_key.copy") == 1

    with central.uow() as uow:
        link = channels.copy_link(uow, manager, order)
    assert link.startswith("https://dh.xingchen.example.com/r/")
    with pytest.raises(Conflict) as nolink, central.uow() as uow:
        channels.copy_link(uow, manager, undelivered)
    assert nolink.value.code == "order_no_link"
    with pytest.raises(NotFound), central.uow() as uow:
        channels.copy_link(uow, manager, "00000000-0000-0000-0000-000000000000")


# -- lists and alerts ------------------------------------------------------------------------------


def test_order_list_tabs_filters_and_pages(central, pool, clock):
    shop = make_shop(central)
    other = make_shop(central, "拼多多专营店", channel_type="pinduoduo")
    now = clock.now()
    for i in range(7):
        add_order(
            central,
            shop if i % 2 else other,
            pool,
            f"TB{i:04d}",
            origin="platform" if i < 3 else "channel",
            channel_user_id=f"user_{i}",
            created_at=now - timedelta(days=i),
        )
    assert orders(central).total == 7
    assert orders(central, OrderQuery(tab="platform")).total == 3
    assert orders(central, OrderQuery(tab="channel")).total == 4
    assert [r.order_no for r in orders(central, OrderQuery(order_no="0005")).rows] == ["TB0005"]
    assert orders(central, OrderQuery(order_no="_")).total == 0
    assert orders(central, OrderQuery(user_id="user_1")).total == 1
    assert orders(central, OrderQuery(shop_id=other)).total == 4
    today = now.date()
    assert orders(central, OrderQuery(created_from=today - timedelta(days=2))).total == 3
    page = orders(central, offset=5, limit=5)
    assert (page.total, len(page.rows)) == (7, 2)
    assert [r.order_no for r in orders(central, limit=3).rows] == ["TB0000", "TB0001", "TB0002"]
    deliver(central, [r.order_id for r in orders(central, OrderQuery(order_no="TB0001")).rows])
    assert orders(central, OrderQuery(redeem_state="redeemed")).total == 1
    assert orders(central, OrderQuery(redeemed_from=date(2000, 1, 1))).total == 1
    for bad, code in (
        (OrderQuery(tab="mine"), "order_filter"),
        (OrderQuery(redeem_state="lost"), "order_filter"),
        (OrderQuery(created_from=today, created_to=today - timedelta(days=1)), "date_range"),
        (OrderQuery(order_no="x" * 65), "text_too_long"),
    ):
        with pytest.raises(ValidationError) as refused:
            orders(central, bad)
        assert refused.value.code == code


def test_orders_pending_longer_than_24_hours_alert_by_the_central_clock(central, pool, clock):
    shop = make_shop(central)
    waiting = add_order(central, shop, pool, "TB9101")
    delivered = add_order(central, shop, pool, "TB9102")
    add_order(central, shop, pool, "TB9103", paid=False)  # unpaid: nothing to deliver yet
    add_order(central, shop, pool, "TB9104", test=True)
    deliver(central, [delivered])
    manager = actor(central, "manager01")

    def now_alerts():
        with central.reader() as uow:
            return channels.alerts(uow, manager)

    first = now_alerts()
    assert (first.pending_redemption, first.pending_verification, first.any) == (0, 0, False)
    clock.advance(hours=23, minutes=59)
    assert not now_alerts().any
    clock.advance(minutes=2)
    late = now_alerts()
    assert (late.pending_redemption, late.redemption_orders) == (1, ["TB9101"])
    assert (late.pending_verification, late.verification_orders) == (1, ["TB9102"])
    deliver(central, [waiting])
    late = now_alerts()
    assert (late.pending_redemption, late.pending_verification) == (0, 1)


# -- redeeming at a store --------------------------------------------------------------------------


def _delivered(db, keyring, **order_values) -> tuple[str, str]:
    """A delivered channel order: (its id, its redeem code)."""
    sku = card_key_product(db, "CK0100", "视频会员月卡")
    add_keys(db, keyring, sku, 5)
    shop = make_shop(db)
    order = add_order(db, shop, sku, "TB9901", **order_values)
    with db.uow() as uow:
        report = channels.deliver_orders(uow, actor(db, "admin"), [order])
    return order, report.outcomes[0].redeem_code


def _order_row(db, order_id: str) -> ChannelOrder:
    with db.reader() as uow:
        row = uow.session.get(ChannelOrder, order_id)
        uow.session.expunge(row)
        return row


def test_the_verifier_station_redeems_a_channel_order_once(counter, keyring):
    central = counter.central
    order, code = _delivered(central, keyring)
    gw = InProcessGateway(central)
    verifier = counter.actor("verifier01")
    shown = format_code(code)
    card = verification.look_up(gw, counter.ctx, verifier, shown.lower())
    assert (card.kind, card.state, card.redeemable, card.display_code) == (
        "channel",
        "pending",
        True,
        shown,
    )

    done = verification.redeem(counter.db, gw, counter.ctx, verifier, shown)
    assert (done.kind, done.store, done.verifier, done.order_no) == (
        "channel",
        "S01",
        "周杰",
        "TB9901",
    )
    row = _order_row(central, order)
    assert row.verify_state == "verified" and row.verified_at == counter.central.clock.now()
    assert row.verified_store_id == counter.ctx.store_id

    again = verification.redeem(
        counter.db, gw, counter.ctx, verifier, code, request_id=done.request_id
    )
    assert again.replayed and again.verification_id == done.verification_id
    with pytest.raises(verification.VerificationRefused) as refused:
        verification.redeem(counter.db, gw, counter.ctx, verifier, code)
    assert refused.value.code == "already_redeemed"
    assert refused.value.details["store"] == "S01" and refused.value.details["verifier"] == "周杰"
    card = verification.look_up(gw, counter.ctx, verifier, code)
    assert not card.redeemable and card.refusal.reason == "already_redeemed"
    with central.reader() as uow:
        kinds = list(uow.session.scalars(select(Verification.kind)))
    assert kinds == ["channel"]
    assert [r.order_no for r in orders(central, OrderQuery(verify_state="verified")).rows] == [
        "TB9901"
    ]


def test_a_refunded_or_frozen_order_is_refused_at_the_store(make_db, keyring, clock):
    db = make_db()
    create_demo(db, products=10)
    site = Site(
        db,
        clock,
        InProcessGateway(db),
        {c: store_id(db, c) for c in ("S01", "S02")},
        {a: staff_id(db, a) for a in ("verifier01", "manager01", "cashier01")},
    )
    order, code = _delivered(db, keyring)
    manager = actor(db, "manager01")
    with db.uow() as uow:
        channels.mark_orders(uow, manager, [order], "freeze", "可疑")
    before = snapshot(db)
    answer = site.gw.redeem(site.req(code))
    assert answer["reason"] == "order_frozen"
    assert site.gw.redeem(site.req(code, staff="cashier01", purpose="sale", sale_id=str(new_id())))[
        "reason"
    ] == ("channel_in_sale")
    assert_unchanged(db, before)
    with db.uow() as uow:
        channels.mark_orders(uow, manager, [order], "unfreeze")
        channels.after_sale(uow, manager, order, "refund", "买家退款")
    before = snapshot(db)
    assert site.gw.redeem(site.req(code))["reason"] == "order_refunded"
    assert site.gw.verify_lookup(code, site.store["S01"])["refusal"]["reason"] == "order_refunded"
    assert_unchanged(db, before)
    unknown = new_code()
    assert site.gw.redeem(site.req(unknown))["reason"] == "unknown_code"


def test_two_stations_racing_for_one_channel_order_redeem_it_once(make_db, keyring, clock):
    db = make_db()
    create_demo(db, products=10)
    order, code = _delivered(db, keyring)
    url = db.engine.url.render_as_string(hide_password=False)
    stations = [Database(make_engine(url), clock) for _ in range(2)]
    stores = [store_id(db, "S01"), store_id(db, "S02")]
    staff = staff_id(db, "admin")  # may verify at both stores
    barrier = threading.Barrier(2)
    answers: list = [None, None]

    def run(i: int) -> None:
        barrier.wait()
        answers[i] = InProcessGateway(stations[i]).redeem(
            {
                "request_id": f"race-{i}",
                "text": code,
                "store_id": stores[i],
                "terminal_id": str(new_id()),
                "staff_id": staff,
            }
        )

    threads = [threading.Thread(target=run, args=(i,)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    for s in stations:
        s.dispose()
    oks = [a for a in answers if a["ok"]]
    assert len(oks) == 1, answers
    loser = next(a for a in answers if not a["ok"])
    assert loser["reason"] == "already_redeemed" and loser["store"] == oks[0]["store"]
    assert _order_row(db, order).verify_state == "verified"


def test_a_manager_reverses_a_channel_verification(counter, keyring):
    order, code = _delivered(counter.central, keyring)
    gw = InProcessGateway(counter.central)
    done = verification.redeem(counter.db, gw, counter.ctx, counter.actor("verifier01"), code)
    verification.reverse(
        counter.db, gw, counter.ctx, counter.manager, done.verification_id, "扫错了"
    )
    assert _order_row(counter.central, order).verify_state == "pending"
    again = verification.redeem(counter.db, gw, counter.ctx, counter.actor("verifier01"), code)
    assert again.kind == "channel" and again.verification_id != done.verification_id
