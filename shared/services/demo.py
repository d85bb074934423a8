"""The demo enterprise (SPEC §16 ``storedesk demo``): created once, refreshed idempotently.

Stores S01 and S02, staff of every role with printed PINs and passwords, a catalog of N products
(valid EAN-13 barcodes, a clothing line with two spec dimensions, weighed goods with scale PLUs,
store prices at S02). Large catalogs are written with bulk inserts in batches.

Coupons of every type with unused codes (most redeemable at S01, some only at S02, one expired, one
not valid yet), three members and two open pickup orders at S01 are made with the back office's
own services (``services.coupons``), in the demo's one transaction. A second run adds nothing: a
coupon is found by its name, a member by phone, a pickup order by its description; it only tops
up a running coupon's unused codes that were redeemed meanwhile.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import func, insert, select

from shared.db.models import (
    Barcode,
    Category,
    Coupon,
    CouponInstance,
    CouponStore,
    Enterprise,
    Member,
    PickupOrder,
    Product,
    Sku,
    Staff,
    StaffStore,
    Store,
    StorePrice,
)
from shared.db.uow import Database, UnitOfWork
from shared.domain.barcode import with_check_digit
from shared.domain.card_key_crypto import Keyring
from shared.domain.errors import ValidationError
from shared.domain.ids import new_id
from shared.services import coupons
from shared.services.auth import Actor, actor_for, hash_secret
from shared.services.context import DEFAULT_SETTINGS
from shared.services.pinyin import initials
from shared.sync import changelog

ENTERPRISE_NAME = "星辰连锁便利"
STORES = (
    ("S01", "星辰便利店 静安店", "上海市静安区南京西路 1266 号", "021-6288 0101"),
    ("S02", "星辰便利店 徐汇店", "上海市徐汇区漕溪北路 88 号", "021-6468 0202"),
)


@dataclass(frozen=True)
class DemoStaff:
    account: str
    name: str
    roles: tuple[str, ...]
    stores: tuple[str, ...]
    pin: str
    password: str


STAFF = (
    DemoStaff("admin", "赵敏", ("admin",), ("S01", "S02"), "9999", "admin1234"),
    DemoStaff("manager01", "王芳", ("manager",), ("S01",), "8888", "manager123"),
    DemoStaff("manager02", "陈刚", ("manager",), ("S02",), "7777", "manager123"),
    DemoStaff("cashier01", "李娜", ("cashier",), ("S01",), "1111", "cashier123"),
    DemoStaff("cashier02", "张伟", ("cashier",), ("S01",), "2222", "cashier123"),
    DemoStaff("cashier03", "刘洋", ("cashier",), ("S02",), "3333", "cashier123"),
    DemoStaff("verifier01", "周杰", ("verifier",), ("S01",), "4444", "verify1234"),
    DemoStaff("guide01", "吴敏", ("guide",), ("S01",), "5555", "guide1234"),
)

CATEGORIES = {
    "饮料": ["矿泉水", "可乐", "橙汁", "绿茶", "咖啡", "酸奶", "豆浆", "苏打水", "奶茶", "椰汁"],
    "零食": ["薯片", "饼干", "巧克力", "坚果", "牛肉干", "果冻", "海苔", "瓜子", "糖果", "蛋卷"],
    "日用品": [
        "纸巾",
        "牙膏",
        "洗发水",
        "沐浴露",
        "洗衣液",
        "牙刷",
        "毛巾",
        "垃圾袋",
        "电池",
        "雨伞",
    ],
    "速食": [
        "方便面",
        "自热火锅",
        "速冻水饺",
        "螺蛳粉",
        "八宝粥",
        "火腿肠",
        "午餐肉",
        "粽子",
        "面包",
        "饭团",
    ],
}
BRANDS = [
    "农夫",
    "康师傅",
    "统一",
    "旺旺",
    "良品",
    "三只松鼠",
    "蒙牛",
    "伊利",
    "清风",
    "蓝月亮",
    "娃哈哈",
    "雀巢",
]
SIZES = ["小", "中", "大", "家庭装"]
WEIGHED = (("散装苹果", 1290), ("香蕉", 690), ("五花肉", 3280), ("土鸡蛋", 1580), ("东北大米", 680))
CLOTHING_COLOURS = ("白色", "黑色")
CLOTHING_SIZES = ("M", "L", "XL")


@dataclass(frozen=True)
class DemoResult:
    enterprise_id: str
    stores: list[dict]
    staff: list[dict]
    products: list[dict]
    created_products: int
    #: unused demo codes: ``{"code", "type", "store_scope", "coupon", "valid"}``; store_scope is
    #: "all" or a list of store codes, valid says whether the code is redeemable now
    coupons: list[dict] = field(default_factory=list)
    #: ``{"phone", "name", "points", "balance_fen"}``
    members: list[dict] = field(default_factory=list)
    #: open demo pickup orders: ``{"store", "order_no", "code", "description", "amount_fen"}``
    pickups: list[dict] = field(default_factory=list)
    #: card-key products and their pools: ``{"code", "name", "price_fen", "available"}``
    card_key_products: list[dict] = field(default_factory=list)


#: the demo's card-key products: code, name, price, keys in the pool, with passwords
CARD_KEY_PRODUCTS = (
    ("K001", "腾讯视频VIP月卡", 2500, 40, False),
    ("K002", "爱奇艺黄金会员月卡", 1980, 30, True),
    ("K003", "王者荣耀点券 100", 1000, 20, False),
    ("K004", "Steam 钱包充值卡 50元", 5000, 0, True),
)


def _barcode(index: int) -> str:
    return with_check_digit(f"690{index:09d}")


def _product_rows(n: int, now, cat_ids: dict[str, str]) -> Callable[[int], tuple]:
    cat_names = list(CATEGORIES)

    def make(i: int) -> tuple[dict, list[dict], list[dict]]:
        pid = str(new_id())
        code = f"P{i:06d}"
        if i <= len(WEIGHED):
            name, per_kg = WEIGHED[i - 1]
            product = dict(
                id=pid,
                code=code,
                name=name,
                pinyin=initials(name),
                category_id=cat_ids["生鲜"],
                unit="kg",
                kind="goods",
                serial_tracked=False,
                status="on",
                spec1_name="",
                spec2_name="",
                updated_at=now,
            )
            sku = dict(
                id=str(new_id()),
                product_id=pid,
                code=code,
                spec1="",
                spec2="",
                price_fen=per_kg,
                member_price_fen=None,
                cost_fen=per_kg * 6 // 10,
                plu=f"{i:06d}",
                weighed=True,
                status="on",
                updated_at=now,
            )
            return product, [sku], []
        if i % 50 == 0:
            name = f"纯棉T恤 {i // 50}号款"
            product = dict(
                id=pid,
                code=code,
                name=name,
                pinyin=initials(name),
                category_id=cat_ids["服装"],
                unit="件",
                kind="goods",
                serial_tracked=False,
                status="on",
                spec1_name="颜色",
                spec2_name="尺码",
                updated_at=now,
            )
            skus, codes = [], []
            for ci, colour in enumerate(CLOTHING_COLOURS):
                for si, size in enumerate(CLOTHING_SIZES):
                    sid = str(new_id())
                    skus.append(
                        dict(
                            id=sid,
                            product_id=pid,
                            code=f"{code}-{ci}{si}",
                            spec1=colour,
                            spec2=size,
                            price_fen=5900 + si * 1000,
                            member_price_fen=None,
                            cost_fen=2500,
                            plu=None,
                            weighed=False,
                            status="on",
                            updated_at=now,
                        )
                    )
                    codes.append(dict(code=_barcode(i * 10 + ci * 3 + si), sku_id=sid))
            return product, skus, codes
        cat = cat_names[i % len(cat_names)]
        items = CATEGORIES[cat]
        brand = BRANDS[(i // len(cat_names)) % len(BRANDS)]
        item = items[(i // (len(cat_names) * len(BRANDS))) % len(items)]
        size = SIZES[(i // (len(cat_names) * len(BRANDS) * len(items))) % len(SIZES)]
        serial = i // (len(cat_names) * len(BRANDS) * len(items) * len(SIZES))
        name = f"{brand}{item} {size}" + (f" {serial}" if serial else "")
        price = 150 + (i * 37) % 4850
        product = dict(
            id=pid,
            code=code,
            name=name,
            pinyin=initials(brand) + initials(item),
            category_id=cat_ids[cat],
            unit="件",
            kind="goods",
            serial_tracked=False,
            status="on",
            spec1_name="",
            spec2_name="",
            updated_at=now,
        )
        sid = str(new_id())
        sku = dict(
            id=sid,
            product_id=pid,
            code=code,
            spec1="",
            spec2="",
            price_fen=price,
            member_price_fen=price * 9 // 10,
            cost_fen=price * 6 // 10,
            plu=None,
            weighed=False,
            status="on",
            updated_at=now,
        )
        return product, [sku], [dict(code=_barcode(i * 10), sku_id=sid)]

    return make


def create_demo(
    db: Database,
    *,
    products: int = 200,
    progress: Callable[[int, int], None] | None = None,
    keyring: Keyring | None = None,
) -> DemoResult:
    """The demo enterprise (idempotent). With a ``keyring`` (configuration, not data) it also
    has card-key products with pools of generated keys."""
    if products < 10 or products > 1_000_000:
        raise ValidationError("--products is 10 to 1000000", code="products_range")
    with db.uow() as uow:
        s = uow.session
        now = uow.clock.now()
        changelog.capture(s, uow.clock)  # head-office changes reach terminals through the log
        ent = s.scalars(select(Enterprise).limit(1)).first()
        if ent is None:
            ent = Enterprise(
                id=str(new_id()),
                name=ENTERPRISE_NAME,
                settings=dict(DEFAULT_SETTINGS),
                created_at=now,
            )
            s.add(ent)
        stores: dict[str, Store] = {st.code: st for st in s.scalars(select(Store))}
        for code, name, address, phone in STORES:
            if code not in stores:
                stores[code] = Store(
                    id=str(new_id()),
                    enterprise_id=ent.id,
                    code=code,
                    name=name,
                    address=address,
                    phone=phone,
                    introduction="",
                    image="",
                    status="open",
                    timezone="Asia/Shanghai",
                    receipt_header="欢迎光临",
                    receipt_footer="谢谢惠顾，欢迎再次光临",
                    created_at=now,
                    updated_at=now,
                )
                s.add(stores[code])
        s.flush()
        existing_staff = {st.account: st for st in s.scalars(select(Staff))}
        for d in STAFF:
            st = existing_staff.get(d.account)
            if st is None:
                st = Staff(
                    id=str(new_id()), enterprise_id=ent.id, account=d.account, created_at=now
                )
                s.add(st)
            st.name = d.name
            st.roles = ",".join(d.roles)
            st.position = {
                "admin": "管理员",
                "manager": "店长",
                "cashier": "收银员",
                "verifier": "核销员",
                "guide": "导购",
            }[d.roles[0]]
            st.password_hash = hash_secret(d.password)
            st.pin_hash = hash_secret(d.pin)
            st.enabled = True
            st.failed_attempts = 0
            st.locked_until = None
            st.deleted_at = None
            st.updated_at = now
            s.flush()
            have = set(s.scalars(select(StaffStore.store_id).where(StaffStore.staff_id == st.id)))
            for code in d.stores:
                if stores[code].id not in have:
                    s.add(StaffStore(staff_id=st.id, store_id=stores[code].id))
        cat_ids = {c.name: c.id for c in s.scalars(select(Category).where(Category.level == 1))}
        for i, name in enumerate([*CATEGORIES, "生鲜", "服装"]):
            if name not in cat_ids:
                cat_ids[name] = str(new_id())
                s.add(Category(id=cat_ids[name], parent_id=None, name=name, level=1, sort_order=i))
        s.flush()
        have_codes = set(s.scalars(select(Product.code)))
        make = _product_rows(products, now, cat_ids)
        created = 0
        batch_p, batch_s, batch_b, batch_sp = [], [], [], []

        def flush() -> None:
            for model, rows in (
                (Product, batch_p),
                (Sku, batch_s),
                (Barcode, batch_b),
                (StorePrice, batch_sp),
            ):
                if rows:
                    s.execute(insert(model), rows)
                    changelog.record_many(s, model.__tablename__, rows, at=now)
                    rows.clear()

        for i in range(1, products + 1):
            if f"P{i:06d}" in have_codes:
                continue
            p, skus, codes = make(i)
            batch_p.append(p)
            batch_s.extend(skus)
            batch_b.extend(codes)
            if i % 7 == 0 and not skus[0]["weighed"]:
                batch_sp.append(
                    dict(
                        store_id=stores["S02"].id,
                        sku_id=skus[0]["id"],
                        price_fen=skus[0]["price_fen"] + 50,
                    )
                )
            created += 1
            if len(batch_p) >= 5000:
                flush()
                if progress:
                    progress(i, products)
        flush()
        admin = actor_for(uow, s.scalars(select(Staff).where(Staff.account == "admin")).one())
        _demo_coupons(uow, admin)
        _demo_members(uow, admin)
        _demo_pickups(uow, admin)
        if keyring is not None:
            _demo_card_key_products(uow, now, cat_ids)
        uow.commit()
    if keyring is not None:
        _demo_card_keys(db, admin, keyring)
    with db.reader() as uow:
        s = uow.session
        sample = _sample_products(s, products)
        return DemoResult(
            enterprise_id=ent.id,
            stores=[{"code": c, "name": n} for c, n, _, _ in STORES],
            staff=[
                {
                    "account": d.account,
                    "name": d.name,
                    "roles": list(d.roles),
                    "pin": d.pin,
                    "password": d.password,
                    "stores": list(d.stores),
                }
                for d in STAFF
            ],
            products=sample,
            created_products=created,
            coupons=_coupon_codes(s, uow.clock.now()),
            members=_member_list(s),
            pickups=_pickup_list(s),
            card_key_products=_card_key_list(uow) if keyring is not None else [],
        )


def _demo_card_key_products(uow: UnitOfWork, now: datetime, cat_ids: dict[str, str]) -> None:
    s = uow.session
    have = set(s.scalars(select(Product.code).where(Product.kind == "card_key")))
    if "虚拟卡券" not in cat_ids:
        cat_ids["虚拟卡券"] = str(new_id())
        s.add(
            Category(
                id=cat_ids["虚拟卡券"], parent_id=None, name="虚拟卡券", level=1, sort_order=99
            )
        )
    for i, (code, name, price, _, _) in enumerate(CARD_KEY_PRODUCTS):
        if code in have:
            continue
        pid, sid = str(new_id()), str(new_id())
        s.add(
            Product(
                id=pid,
                code=code,
                name=name,
                pinyin=initials(name),
                category_id=cat_ids["虚拟卡券"],
                unit="张",
                kind="card_key",
                serial_tracked=False,
                status="on",
                spec1_name="",
                spec2_name="",
                updated_at=now,
            )
        )
        s.flush()
        s.add(
            Sku(
                id=sid,
                product_id=pid,
                code=code,
                spec1="",
                spec2="",
                price_fen=price,
                member_price_fen=None,
                cost_fen=price * 8 // 10,
                plu=None,
                weighed=False,
                status="on",
                updated_at=now,
            )
        )
        s.flush()
        s.add(Barcode(code=with_check_digit(f"691{i:09d}"), sku_id=sid))
    s.flush()


def _demo_card_keys(db: Database, admin: Actor, keyring: Keyring) -> None:
    """Generated keys for each demo pool that is still empty."""
    from shared.db.models import CardKey
    from shared.services import card_keys

    for code, _, _, count, with_password in CARD_KEY_PRODUCTS:
        if not count:
            continue
        with db.uow() as uow:
            sku_id = uow.session.scalar(select(Sku.id).where(Sku.code == code))
            if uow.session.scalar(select(CardKey.id).where(CardKey.sku_id == sku_id).limit(1)):
                continue
            card_keys.generate_keys(
                uow, admin, keyring, code, count, length=16, with_password=with_password
            )


def _card_key_list(uow: UnitOfWork) -> list[dict]:
    from shared.sync import card_key_issue

    s = uow.session
    rows = s.execute(
        select(Sku.id, Sku.code, Product.name, Sku.price_fen)
        .join(Product, Product.id == Sku.product_id)
        .where(Product.kind == "card_key")
        .order_by(Sku.code)
    ).all()
    stock = card_key_issue.sellable(s, [str(r[0]) for r in rows], uow.clock.now())
    return [
        {
            "code": code,
            "name": name,
            "price_fen": int(price),
            "available": stock[str(sid)]["sellable"],
        }
        for sid, code, name, price in rows
    ]


def _sample_products(s, n: int) -> list[dict]:
    codes = [f"P{i:06d}" for i in list(range(1, min(n, 25) + 1)) + ([50] if n >= 50 else [])]
    rows = s.execute(
        select(
            Product.name,
            Product.kind,
            Sku.code,
            Sku.price_fen,
            Sku.weighed,
            Sku.plu,
            Sku.spec1,
            Sku.spec2,
            Barcode.code,
        )
        .join(Sku, Sku.product_id == Product.id)
        .outerjoin(Barcode, Barcode.sku_id == Sku.id)
        .where(Product.code.in_(codes))
        .order_by(Product.code, Sku.code)
    ).all()
    out = []
    for name, kind, scode, price, weighed, plu, spec1, spec2, barcode in rows:
        item = {
            "code": scode,
            "barcode": barcode,
            "name": " ".join(x for x in (name, spec1, spec2) if x),
            "price_fen": price,
            "kind": kind,
        }
        if weighed:
            item["plu"] = plu
            item["unit"] = "kg"
        out.append(item)
    return out


# -- coupons, members, pickup orders -------------------------------------------------------------


@dataclass(frozen=True)
class DemoCoupon:
    """One demo coupon: its definition relative to now, and the unused codes it keeps."""

    name: str
    make: Callable[[datetime, str], coupons.CouponInput]
    #: unused codes kept (a second run tops up to this while the coupon runs)
    codes: int
    #: the first codes are bound to these phones (the others to nobody)
    phones: tuple[str, ...] = ()
    #: move the validity into the past once the codes are issued (an ended campaign)
    ended: bool = False


def _window(now: datetime, start_days: int, end_days: int) -> dict:
    return {
        "valid_from": now + timedelta(days=start_days),
        "valid_until": now + timedelta(days=end_days),
    }


MEMBERS = (
    ("13800138001", "林晓", 500, 10_000),
    ("13800138002", "黄磊", 0, 0),
    ("13800138003", "孙丽", 2_000, 5_000),
)

DEMO_COUPONS = (
    DemoCoupon(
        "满50减10",
        lambda now, _sku: coupons.CouponInput(
            name="满50减10",
            type="threshold",
            threshold_fen=5_000,
            amount_off_fen=1_000,
            stock=1_000,
            note="演示：全部门店可用",
            **_window(now, -7, 180),
        ),
        codes=10,
    ),
    DemoCoupon(
        "静安店8折券",
        lambda now, _sku: coupons.CouponInput(
            name="静安店8折券",
            type="discount",
            off_bp=2_000,
            cap_fen=2_000,
            store_scope="listed",
            store_codes=("S01",),
            limit_user_day=1,
            note="演示：仅S01，最多减20元",
            **_window(now, -7, 90),
        ),
        codes=8,
    ),
    DemoCoupon(
        "商品兑换券",
        lambda now, sku: coupons.CouponInput(
            name="商品兑换券",
            type="exchange",
            exchange_sku_code=sku,
            stock=200,
            note="演示：兑换一件指定商品",
            **_window(now, -7, 60),
        ),
        codes=4,
    ),
    DemoCoupon(
        "平台满30减5",
        lambda now, _sku: coupons.CouponInput(
            name="平台满30减5",
            type="threshold",
            threshold_fen=3_000,
            amount_off_fen=500,
            stackable=True,
            funded_by="platform",
            note="演示：平台出资，可叠加",
            **_window(now, -7, 120),
        ),
        codes=5,
        phones=("13800138001", "13800138002"),
    ),
    DemoCoupon(
        "徐汇店满20减3",
        lambda now, _sku: coupons.CouponInput(
            name="徐汇店满20减3",
            type="threshold",
            threshold_fen=2_000,
            amount_off_fen=300,
            store_scope="listed",
            store_codes=("S02",),
            note="演示：仅S02",
            **_window(now, -7, 90),
        ),
        codes=3,
    ),
    DemoCoupon(
        "国庆满100减20",
        lambda now, _sku: coupons.CouponInput(
            name="国庆满100减20",
            type="threshold",
            threshold_fen=10_000,
            amount_off_fen=2_000,
            note="演示：已过期",
            **_window(now, -60, 1),
        ),
        codes=3,
        ended=True,
    ),
    DemoCoupon(
        "新春9折券",
        lambda now, _sku: coupons.CouponInput(
            name="新春9折券",
            type="discount",
            off_bp=1_000,
            note="演示：尚未开始",
            **_window(now, 30, 90),
        ),
        codes=2,
    ),
)
#: the product whose first SKU the exchange coupon gives
EXCHANGE_PRODUCT = "P000010"
PICKUPS = (
    ("S01", "线上商城订单：农夫山泉矿泉水 12 瓶", 2_400, "13800138001"),
    ("S01", "社区团购：蒙牛纯牛奶 2 箱", 11_800, None),
)


def _exchange_sku_code(s) -> str:
    return s.scalars(
        select(Sku.code)
        .join(Product, Product.id == Sku.product_id)
        .where(Product.code == EXCHANGE_PRODUCT)
        .order_by(Sku.code)
        .limit(1)
    ).one()


def _demo_coupons(uow: UnitOfWork, admin: Actor) -> None:
    """Each demo coupon once (found again by its name), and its unused codes kept topped up
    while it runs. The ended campaign is issued while valid and then moved into the past."""
    s = uow.session
    now = uow.clock.now()
    sku = _exchange_sku_code(s)
    for demo in DEMO_COUPONS:
        coupon = s.scalars(select(Coupon).where(Coupon.name == demo.name)).first()
        if coupon is None:
            coupon_id = coupons.create_coupon(
                uow, admin, demo.make(now, sku), commit=False, audit=False
            )
            coupon = s.get(Coupon, coupon_id)
        if coupon.status != "active" or now > coupon.valid_until:
            continue
        unused = s.scalar(
            select(func.count())
            .select_from(CouponInstance)
            .where(CouponInstance.coupon_id == coupon.id, CouponInstance.state == "unused")
        )
        missing = demo.codes - int(unused or 0)
        if missing <= 0:
            continue
        bound = [p for p in demo.phones if not _holds_code(s, coupon.id, p)][:missing]
        if bound:
            coupons.issue_codes(
                uow, admin, coupon.id, None, bound, "DEMO", commit=False, audit=False
            )
        if missing - len(bound) > 0:
            coupons.issue_codes(
                uow,
                admin,
                coupon.id,
                missing - len(bound),
                None,
                "DEMO",
                commit=False,
                audit=False,
            )
        if demo.ended:
            s.refresh(coupon)
            coupon.valid_from = now - timedelta(days=60)
            coupon.valid_until = now - timedelta(days=30)
            coupon.updated_at = now
    s.flush()


def _holds_code(s, coupon_id: str, phone: str) -> bool:
    return (
        s.scalar(
            select(func.count())
            .select_from(CouponInstance)
            .where(
                CouponInstance.coupon_id == coupon_id,
                CouponInstance.phone == phone,
                CouponInstance.state == "unused",
            )
        )
        > 0
    )


def _demo_members(uow: UnitOfWork, admin: Actor) -> None:
    s = uow.session
    have = set(s.scalars(select(Member.phone)))
    for phone, name, points, balance in MEMBERS:
        if phone not in have:
            coupons.create_member(
                uow, admin, phone, name, points, balance, commit=False, audit=False
            )


def _demo_pickups(uow: UnitOfWork, admin: Actor) -> None:
    s = uow.session
    for store_code, description, amount, phone in PICKUPS:
        open_one = s.scalar(
            select(func.count())
            .select_from(PickupOrder)
            .join(Store, Store.id == PickupOrder.store_id)
            .where(
                Store.code == store_code,
                PickupOrder.description == description,
                PickupOrder.state == "open",
            )
        )
        if not open_one:
            coupons.create_pickup_order(
                uow, admin, store_code, description, amount, phone, commit=False, audit=False
            )


def _coupon_codes(s, now: datetime) -> list[dict]:
    """Every unused code of the demo coupons, the definitions' order, oldest code first."""
    names = [d.name for d in DEMO_COUPONS]
    scope: dict[str, list[str]] = {}
    for coupon_id, code in s.execute(
        select(CouponStore.coupon_id, Store.code)
        .join(Store, Store.id == CouponStore.store_id)
        .order_by(Store.code)
    ):
        scope.setdefault(coupon_id, []).append(code)
    rows = s.execute(
        select(CouponInstance.code, Coupon)
        .join(Coupon, Coupon.id == CouponInstance.coupon_id)
        .where(Coupon.name.in_(names), CouponInstance.state == "unused")
        .order_by(CouponInstance.id)
    ).all()
    out = []
    for code, coupon in sorted(rows, key=lambda r: names.index(r[1].name)):
        out.append(
            {
                "code": code,
                "type": coupon.type,
                "store_scope": "all" if coupon.store_scope == "all" else scope.get(coupon.id, []),
                "coupon": coupon.name,
                "valid": coupon.status == "active"
                and coupon.valid_from <= now <= coupon.valid_until,
            }
        )
    return out


def _member_list(s) -> list[dict]:
    phones = [m[0] for m in MEMBERS]
    return [
        {"phone": m.phone, "name": m.name, "points": m.points, "balance_fen": m.balance_fen}
        for m in s.scalars(select(Member).where(Member.phone.in_(phones)).order_by(Member.phone))
    ]


def _pickup_list(s) -> list[dict]:
    descriptions = [p[1] for p in PICKUPS]
    rows = s.execute(
        select(PickupOrder, Store.code)
        .join(Store, Store.id == PickupOrder.store_id)
        .where(PickupOrder.description.in_(descriptions), PickupOrder.state == "open")
        .order_by(PickupOrder.created_at, PickupOrder.order_no)
    ).all()
    return [
        {
            "store": code,
            "order_no": order.order_no,
            "code": order.code,
            "description": order.description,
            "amount_fen": order.amount_fen,
        }
        for order, code in rows
    ]
