"""A month of records for store settlement tests, written straight into a central database.

``MonthWriter`` writes sales (lines, discounts, coupons by funder, payments), refunds and channel
orders redeemed at a store as the central database holds them after sync, with exact amounts,
so a test can compute the statement by hand. ``fixture_month`` writes October 2026 for S01 and
S02 of the demo; its hand-computed statements are in tests/integration/test_settlement.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from shared.db.models import (
    ChannelOrder,
    ChannelShop,
    Payment,
    Refund,
    RefundPayment,
    Sale,
    SaleDiscount,
    SaleLine,
    Shift,
    Sku,
    Staff,
    Store,
    Terminal,
)
from shared.domain.ids import new_id

SHANGHAI = ZoneInfo("Asia/Shanghai")
UTC = ZoneInfo("UTC")


def local(day: date, hour: int = 12, minute: int = 0) -> datetime:
    """``day`` at ``hour``:``minute`` in Shanghai, as UTC."""
    return datetime.combine(day, time(hour, minute), SHANGHAI).astimezone(UTC)


@dataclass
class MonthWriter:
    session: Session
    rows: dict[type, list[dict]] = field(default_factory=dict)
    _shifts: dict[tuple[str, date], str] = field(default_factory=dict)
    _numbers: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        s = self.session
        self.stores = {code: sid for sid, code in s.execute(select(Store.id, Store.code)).all()}
        self.cashier = s.scalars(select(Staff.id).where(Staff.account == "cashier01")).one()
        self.sku = s.scalars(select(Sku).order_by(Sku.code).limit(1)).one()
        self.terminals: dict[str, str] = {}
        for code, store_id in self.stores.items():
            tid = s.scalars(select(Terminal.id).where(Terminal.store_id == store_id)).first()
            if tid is None:
                tid = str(new_id())
                number = 900 + len(self.terminals)
                s.execute(
                    insert(Terminal),
                    [
                        {
                            "id": tid,
                            "store_id": store_id,
                            "number": number,
                            "name": f"T{number}",
                            "status": "active",
                            "registered_at": local(date(2026, 9, 1)),
                        }
                    ],
                )
            self.terminals[code] = tid
        self.shop_id: str | None = None

    def _add(self, model: type, row: dict) -> None:
        self.rows.setdefault(model, []).append(row)

    def _shift(self, store: str, day: date) -> str:
        key = (store, day)
        if key not in self._shifts:
            sid = str(new_id())
            self._shifts[key] = sid
            self._add(
                Shift,
                {
                    "store_id": self.stores[store],
                    "id": sid,
                    "terminal_id": self.terminals[store],
                    "cashier_id": self.cashier,
                    "business_date": day,
                    "status": "closed",
                    "opened_at": local(day, 8),
                    "closed_at": local(day, 22),
                    "closed_by": self.cashier,
                    "opening_float_fen": 0,
                    "expected_cash_fen": 0,
                    "counted_cash_fen": 0,
                    "variance_fen": 0,
                    "denominations": {},
                    "received_at": local(day, 22),
                    "review_status": "pending",
                },
            )
        return self._shifts[key]

    def _no(self, store: str, prefix: str, day: date) -> str:
        n = self._numbers[store + prefix] = self._numbers.get(store + prefix, 0) + 1
        return f"{prefix}{store}{day.strftime('%y%m%d')}{n:06d}"

    def sale(
        self,
        store: str,
        day: date,
        subtotal: int,
        *,
        pay: dict[str, int] | None = None,
        discount: int = 0,
        coupons: tuple[tuple[str, int], ...] = (),
        card_keys: int = 0,
        received: datetime | None = None,
    ) -> str:
        """A completed sale: ``subtotal`` before discounts, an order ``discount``, ``coupons`` as
        (funder, fen), ``card_keys`` units on a card-key line (the whole sale is that line when
        given), paid by ``pay`` (default: cash for the total)."""
        store_id = self.stores[store]
        sale_id = str(new_id())
        coupon_fen = sum(a for _, a in coupons)
        total = subtotal - discount - coupon_fen
        at = local(day, 15)
        self._add(
            Sale,
            {
                "store_id": store_id,
                "id": sale_id,
                "receipt_no": self._no(store, "S", day),
                "terminal_id": self.terminals[store],
                "shift_id": self._shift(store, day),
                "business_date": day,
                "cashier_id": self.cashier,
                "guide_id": None,
                "member_id": None,
                "status": "completed",
                "subtotal_fen": subtotal,
                "discount_fen": discount + coupon_fen,
                "total_fen": total,
                "paid_fen": total,
                "change_fen": 0,
                "completed_at": at,
                "received_at": received or at,
            },
        )
        line_id = str(new_id())
        self._add(
            SaleLine,
            {
                "store_id": store_id,
                "id": line_id,
                "sale_id": sale_id,
                "line_no": 1,
                "sku_id": self.sku.id,
                "sku_code": self.sku.code,
                "name": "卡密" if card_keys else "商品",
                "unit": "件",
                "kind": "card_key" if card_keys else "goods",
                "barcode": None,
                "weighed": False,
                "quantity_milli": (card_keys or 1) * 1000,
                "list_price_fen": subtotal // (card_keys or 1),
                "unit_price_fen": subtotal // (card_keys or 1),
                "price_override_by": None,
                "gross_fen": subtotal,
                "line_discount_fen": 0,
                "order_discount_fen": discount + coupon_fen,
                "net_fen": total,
                "serial_no": None,
            },
        )
        discounts = [("order", None, discount)] if discount else []
        discounts += [("coupon", funder, amount) for funder, amount in coupons]
        for scope, funder, amount in discounts:
            self._add(
                SaleDiscount,
                {
                    "store_id": store_id,
                    "id": str(new_id()),
                    "sale_id": sale_id,
                    "line_id": None,
                    "scope": scope,
                    "kind": "amount",
                    "value": amount,
                    "amount_fen": amount,
                    "given_by": self.cashier,
                    "reason": "",
                    "coupon_code": f"CP{amount}" if funder else None,
                    "funded_by": funder,
                },
            )
        for seq, (method, amount) in enumerate((pay or {"cash": total}).items(), start=1):
            self._add(
                Payment,
                {
                    "store_id": store_id,
                    "id": str(new_id()),
                    "sale_id": sale_id,
                    "seq": seq,
                    "method": method,
                    "amount_fen": amount,
                    "tendered_fen": amount,
                    "change_fen": 0,
                    "provider_ref": None,
                    "status": "captured",
                    "created_at": at,
                },
            )
        return sale_id

    def refund(self, store: str, sale_id: str, day: date, amount: int, method: str = "cash") -> str:
        store_id = self.stores[store]
        refund_id = str(new_id())
        self._add(
            Refund,
            {
                "store_id": store_id,
                "id": refund_id,
                "refund_no": self._no(store, "R", day),
                "sale_id": sale_id,
                "terminal_id": self.terminals[store],
                "shift_id": self._shift(store, day),
                "business_date": day,
                "cashier_id": self.cashier,
                "approved_by": None,
                "total_fen": amount,
                "reason": "退货",
                "created_at": local(day, 16),
                "received_at": local(day, 16),
            },
        )
        self._add(
            RefundPayment,
            {
                "store_id": store_id,
                "id": str(new_id()),
                "refund_id": refund_id,
                "method": method,
                "amount_fen": amount,
            },
        )
        return refund_id

    def channel_order(self, store: str | None, verified_at: datetime | None, amount: int) -> str:
        """A delivered channel order, redeemed at ``store`` at ``verified_at`` (UTC)."""
        if self.shop_id is None:
            self.shop_id = str(new_id())
            self._add(
                ChannelShop,
                {
                    "id": self.shop_id,
                    "sort_order": 0,
                    "name": f"测试店铺-{self.shop_id[-6:]}",
                    "channel_type": "taobao",
                    "channel_user_id": "",
                    "balance_fen": 0,
                    "last_balance_fen": None,
                    "redemption_domain": "",
                    "account": "",
                    "enabled": True,
                    "created_at": local(date(2026, 9, 1)),
                    "updated_at": local(date(2026, 9, 1)),
                },
            )
        order_id = str(new_id())
        self._add(
            ChannelOrder,
            {
                "id": order_id,
                "shop_id": self.shop_id,
                "order_no": f"TB{order_id[-12:]}",
                "origin": "channel",
                "channel_user_id": "buyer",
                "sku_id": self.sku.id,
                "quantity": 1,
                "amount_fen": amount,
                "paid": True,
                "test": False,
                "redeem_state": "redeemed",
                "verify_state": "verified" if store else "pending",
                "after_sale": "none",
                "frozen": False,
                "rejected": False,
                "reason": "",
                "redemption_link": "",
                "redeem_code": None,
                "delivered_at": verified_at,
                "redeemed_at": verified_at,
                "verified_at": verified_at if store else None,
                "verified_store_id": self.stores[store] if store else None,
                "created_at": verified_at or local(date(2026, 10, 1)),
                "updated_at": verified_at or local(date(2026, 10, 1)),
                "imported_at": None,
            },
        )
        return order_id

    def flush(self) -> None:
        """Write what was added, parents first, and forget it."""
        order = (
            ChannelShop,
            Shift,
            Sale,
            SaleLine,
            SaleDiscount,
            Payment,
            Refund,
            RefundPayment,
            ChannelOrder,
        )
        for model in order:
            rows = self.rows.pop(model, [])
            for i in range(0, len(rows), 5_000):
                self.session.execute(insert(model), rows[i : i + 5_000])
        self.rows.clear()


OCT = date(2026, 10, 1)


def d(day: int, month: int = 10) -> date:
    return date(2026, month, day)


def fixture_month(session: Session) -> MonthWriter:
    """October 2026 for S01 (fee 3 %) and S02 (fee 2.5 %): see test_settlement.py for the
    statement computed by hand. Commits."""
    session.execute(Store.__table__.update().where(Store.code == "S01").values(fee_rate_bp=300))
    session.execute(Store.__table__.update().where(Store.code == "S02").values(fee_rate_bp=250))
    w = MonthWriter(session)
    s1 = w.sale("S01", d(1), 10_000)
    s2 = w.sale(
        "S01", d(5), 20_000, discount=1_000, coupons=(("platform", 2_000),), pay={"wechat": 17_000}
    )
    w.sale("S01", d(12), 5_000, coupons=(("store", 500),), pay={"card": 3_000, "cash": 1_500})
    w.sale("S01", d(20), 9_800, card_keys=2, pay={"alipay": 9_800})
    w.sale("S01", d(31), 3_333, discount=333, pay={"balance": 3_000})
    w.sale("S01", d(30, 9), 7_000)  # September: not October's
    w.sale("S01", d(1, 11), 2_000)  # November
    w.refund("S01", s1, d(15), 2_500, "cash")
    w.refund("S01", s2, d(25), 4_000, "wechat")
    w.channel_order("S01", local(d(10), 12), 6_600)
    w.channel_order("S01", local(d(31), 23, 30), 1_200)  # 15:30 UTC: still October there
    w.channel_order("S01", local(d(1, 11), 0, 30), 900)  # 31 Oct 16:30 UTC: November there
    w.channel_order(None, None, 4_400)  # delivered, never redeemed at a store
    t1 = w.sale("S02", d(3), 12_345)
    t2 = w.sale("S02", d(18), 8_000, coupons=(("platform", 1_000),), pay={"wechat": 7_000})
    w.refund("S02", t2, d(19), 1_000, "wechat")
    w.channel_order("S02", local(d(7), 10), 5_000)
    assert t1
    w.flush()
    session.commit()
    return w
