"""The demo enterprise (SPEC §16 ``storedesk demo``): created once, refreshed idempotently.

Stores S01 and S02, staff of every role with printed PINs and passwords, a catalog of N products
(valid EAN-13 barcodes, a clothing line with two spec dimensions, weighed goods with scale PLUs,
store prices at S02). Large catalogs are written with bulk inserts in batches.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import insert, select

from shared.db.models import (
    Barcode,
    Category,
    Enterprise,
    Product,
    Sku,
    Staff,
    StaffStore,
    Store,
    StorePrice,
)
from shared.db.uow import Database
from shared.domain.barcode import with_check_digit
from shared.domain.errors import ValidationError
from shared.domain.ids import new_id
from shared.services.auth import hash_secret
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
    db: Database, *, products: int = 200, progress: Callable[[int, int], None] | None = None
) -> DemoResult:
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
        uow.commit()

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
        )


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
