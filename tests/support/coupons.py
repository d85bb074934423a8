"""Coupons, codes, members and pickup orders written straight into a central database, for
tests of the redemption path (the back office's own services are tested on their own)."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select

from shared.db.models import (
    Coupon,
    CouponInstance,
    CouponStore,
    Enterprise,
    Member,
    PickupOrder,
    Store,
)
from shared.db.uow import Database
from shared.domain import coupons as rules
from shared.domain.ids import new_id


def make_coupon(central: Database, *, stores: tuple[str, ...] = (), **values) -> str:
    """A coupon definition (defaults: 5.00 off from 20.00, valid a day either side of now)."""
    with central.uow() as uow:
        s = uow.session
        now = uow.clock.now()
        ent = s.scalars(select(Enterprise).limit(1)).one()
        row = {
            "id": str(new_id()),
            "enterprise_id": ent.id,
            "name": "满20减5",
            "type": "threshold",
            "threshold_fen": 2000,
            "amount_off_fen": 500,
            "store_scope": "listed" if stores else "all",
            "valid_from": now - timedelta(days=1),
            "valid_until": now + timedelta(days=1),
            "funded_by": "store",
            "created_at": now,
            "updated_at": now,
            **values,
        }
        s.add(Coupon(**row))
        s.flush()
        for code in stores:
            store = s.scalars(select(Store).where(Store.code == code)).one()
            s.add(CouponStore(coupon_id=row["id"], store_id=store.id))
        uow.commit()
        return row["id"]


def issue(central: Database, coupon_id: str, n: int = 1, *, phone: str | None = None) -> list[str]:
    codes = [rules.new_code() for _ in range(n)]
    with central.uow() as uow:
        now = uow.clock.now()
        for code in codes:
            uow.session.add(
                CouponInstance(
                    id=str(new_id()),
                    coupon_id=coupon_id,
                    code=code,
                    phone=phone,
                    batch_no="T",
                    state="unused",
                    issued_at=now,
                    updated_at=now,
                )
            )
        uow.commit()
    return codes


def make_member(central: Database, phone: str, *, points: int = 0, balance_fen: int = 0) -> str:
    with central.uow() as uow:
        now = uow.clock.now()
        ent = uow.session.scalars(select(Enterprise).limit(1)).one()
        mid = str(new_id())
        uow.session.add(
            Member(
                id=mid,
                enterprise_id=ent.id,
                phone=phone,
                name="测试会员",
                points=points,
                balance_fen=balance_fen,
                created_at=now,
                updated_at=now,
            )
        )
        uow.commit()
        return mid


def make_pickup(
    central: Database, store_code: str, code: str, *, order_no: str | None = None
) -> str:
    with central.uow() as uow:
        now = uow.clock.now()
        store = uow.session.scalars(select(Store).where(Store.code == store_code)).one()
        oid = str(new_id())
        uow.session.add(
            PickupOrder(
                id=oid,
                store_id=store.id,
                order_no=order_no or f"PK{new_id().hex[-12:]}",
                code=code,
                description="线上订单自提",
                amount_fen=1990,
                state="open",
                created_at=now,
            )
        )
        uow.commit()
        return oid


def staff_id(central: Database, account: str) -> str:
    from shared.db.models import Staff

    with central.reader() as uow:
        return uow.session.scalars(select(Staff.id).where(Staff.account == account)).one()


def store_id(central: Database, code: str) -> str:
    with central.reader() as uow:
        return uow.session.scalars(select(Store.id).where(Store.code == code)).one()


__all__ = ["datetime", "issue", "make_coupon", "make_member", "make_pickup", "staff_id", "store_id"]
