"""Stock of one SKU at a store, and at every store, read on the central database (SPEC §10, §16).

``stock_at(session, code, store_code)`` answers plain JSON, so the gateway carries it as it is
(the counter's stock look-up and ``storedesk stock`` ask head office through the gateway):
quantities are thousandths (``*_milli``, 1 piece = 1000, 0.523 kg = 523); an unknown code or
store is an answer ``{"ok": False, "reason", "message", ...}``, not an exception, so an HTTP
transport carries refusals unchanged. ``checked(answer)`` turns a refusal into the domain error
a caller raises, and ``units(milli, weighed)`` is the number a person reads: whole numbers for
piece goods, three decimals for weighed goods.

A read only: a store whose warehouse does not exist yet (nothing moved there) has zero stock.
"""

from __future__ import annotations

import uuid

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from shared.db.models import Barcode, Product, SerialUnit, Sku, StockBalance, Store, Warehouse
from shared.domain.errors import DomainError, NotFound, ValidationError

MAX_CODE = 40
#: what a caller says when head office cannot be reached (a stock look-up is online only)
OFFLINE_MESSAGE = "stock needs a connection to head office"


def units(milli: int, weighed: bool) -> int | float:
    """Thousandths as the number a person reads: ``12000`` -> ``12`` for piece goods; weighed
    goods (and any odd fraction) keep three decimals: ``1523`` -> ``1.523``."""
    milli = int(milli)
    if not weighed and milli % 1000 == 0:
        return milli // 1000
    return round(milli / 1000, 3)


def _refusal(reason: str, message: str, **details: object) -> dict:
    return {"ok": False, "reason": reason, "message": message, **details}


def _find_sku(session: Session, code: str) -> tuple[dict | None, dict | None]:
    """The SKU a code names (SKU code, barcode, or the code of a single-SKU product) as
    ``(row, None)``, or ``(None, refusal)``."""
    cols = (
        Sku.id,
        Sku.code,
        Sku.spec1,
        Sku.spec2,
        Sku.weighed,
        Product.name,
        Product.unit,
        Product.kind,
    )
    base = select(*cols).join(Product, Product.id == Sku.product_id)
    row = session.execute(base.where(Sku.code == code)).first()
    if row is None:
        row = session.execute(
            base.join(Barcode, Barcode.sku_id == Sku.id).where(Barcode.code == code)
        ).first()
    if row is None:
        rows = session.execute(base.where(Product.code == code).order_by(Sku.code).limit(2)).all()
        if len(rows) > 1:
            count = session.scalar(
                select(func.count())
                .select_from(Sku)
                .join(Product, Product.id == Sku.product_id)
                .where(Product.code == code)
            )
            return None, _refusal(
                "ambiguous_product",
                f"product {code} has {count} SKUs: give the SKU code or scan its barcode",
                value=code,
                skus=int(count or 0),
            )
        row = rows[0] if rows else None
    if row is None:
        return None, _refusal("unknown_code", f"no SKU, product or barcode {code}", value=code)
    m = row._mapping
    specs = " ".join(x for x in (m[Sku.spec1], m[Sku.spec2]) if x)
    return {
        "sku_id": str(m[Sku.id]),
        "code": m[Sku.code],
        "name": f"{m[Product.name]} {specs}".strip(),
        "unit": m[Product.unit],
        "kind": m[Product.kind],
        "weighed": bool(m[Sku.weighed]) or m[Product.unit].strip().lower() == "kg",
    }, None


def stock_at(session: Session, code: str, store_code: str) -> dict:
    """On hand, locked and available of one SKU at ``store_code``, and at every store.

    ``{"ok": True, "code", "name", "unit", "kind", "weighed", "store", "store_name",
    "on_hand_milli", "locked_milli", "available_milli", "stores": [{"store", "name",
    "on_hand_milli", "locked_milli", "available_milli"}, ...]}`` (stores by code, this one
    included); or ``{"ok": False, "reason", "message"}`` with reason ``bad_code``,
    ``unknown_code``, ``ambiguous_product`` or ``unknown_store``.
    """
    code = (code or "").strip()
    store_code = (store_code or "").strip().upper()
    if not code:
        return _refusal("bad_code", "nothing was scanned or typed")
    if len(code) > MAX_CODE or not code.isprintable():
        return _refusal("bad_code", f"'{code[:20]}' is not a SKU code or barcode", value=code[:40])
    if not store_code or len(store_code) > 16:
        return _refusal("unknown_store", f"no store with code {store_code[:16]}", store=store_code)
    store = session.execute(select(Store.id, Store.name).where(Store.code == store_code)).first()
    if store is None:
        return _refusal("unknown_store", f"no store with code {store_code}", store=store_code)
    sku, refusal = _find_sku(session, code)
    if refusal is not None:
        return refusal
    assert sku is not None
    if sku["kind"] == "card_key":
        return _card_key_stock(session, sku, store_code, store.name)
    on_hand = func.coalesce(StockBalance.on_hand_milli, 0)
    locked = func.coalesce(StockBalance.locked_milli, 0)
    rows = session.execute(
        select(Store.code, Store.name, on_hand, locked)
        .select_from(Store)
        .outerjoin(Warehouse, Warehouse.store_id == Store.id)
        .outerjoin(
            StockBalance,
            and_(StockBalance.warehouse_id == Warehouse.id, StockBalance.sku_id == sku["sku_id"]),
        )
        .order_by(Store.code)
    ).all()
    stores = [
        {
            "store": c,
            "name": n,
            "on_hand_milli": int(h),
            "locked_milli": int(lk),
            "available_milli": int(h) - int(lk),
        }
        for c, n, h, lk in rows
    ]
    here = next(s for s in stores if s["store"] == store_code)
    return {
        "ok": True,
        "code": sku["code"],
        "name": sku["name"],
        "unit": sku["unit"],
        "kind": sku["kind"],
        "weighed": sku["weighed"],
        "store": store_code,
        "store_name": store.name,
        "on_hand_milli": here["on_hand_milli"],
        "locked_milli": here["locked_milli"],
        "available_milli": here["available_milli"],
        "stores": stores,
    }


def checked(answer: dict) -> dict:
    """The answer of ``stock_at``, or the domain error its refusal stands for."""
    if answer.get("ok"):
        return answer
    reason = str(answer.get("reason") or "refused")
    message = str(answer.get("message") or reason)
    details = {k: v for k, v in answer.items() if k not in ("ok", "reason", "message", "code")}
    cls: type[DomainError] = (
        NotFound if reason in ("unknown_code", "unknown_store") else ValidationError
    )
    raise cls(message, code=reason, **details)


def serial_at(session: Session, sku_id: str, serial: str, store_code: str) -> dict:
    """Where one unit of a serial-tracked SKU is, as the counter asks before selling it.

    ``{"ok": True, "in_stock_here": bool, "state": "in_stock" | "out" | "in_transit" | "unknown",
    "store": the store holding it or None}``; a bad serial or store is a refusal as above.
    """
    serial = (serial or "").strip()
    store_code = (store_code or "").strip().upper()
    if not serial or len(serial) > 64 or not serial.isprintable():
        return _refusal("bad_serial", "that is not a serial number", value=serial[:40])
    if not store_code or len(store_code) > 16:
        return _refusal("unknown_store", f"no store with code {store_code[:16]}", store=store_code)
    try:
        sku_id = str(uuid.UUID(str(sku_id)))
    except ValueError:
        return _refusal("unknown_code", "no such SKU", value=str(sku_id)[:40])
    row = session.execute(
        select(SerialUnit.state, Store.code)
        .select_from(SerialUnit)
        .outerjoin(Warehouse, Warehouse.id == SerialUnit.warehouse_id)
        .outerjoin(Store, Store.id == Warehouse.store_id)
        .where(SerialUnit.sku_id == sku_id, SerialUnit.serial_no == serial)
    ).first()
    if row is None:
        return {"ok": True, "in_stock_here": False, "state": "unknown", "store": None}
    state, where = row
    return {
        "ok": True,
        "in_stock_here": state == "in_stock" and where == store_code,
        "state": state,
        "store": where,
    }


def _card_key_stock(session: Session, sku: dict, store_code: str, store_name: str) -> dict:
    """A card-key product's stock is its central pool, the same at every store (SPEC §7):
    on hand = keys available, locked = keys reserved (unpaid sales, leases), available =
    min(the pool's stock setting, the keys available)."""
    from datetime import UTC, datetime

    from sqlalchemy import or_

    from shared.db.models import CardKey, CardKeyPool

    now = datetime.now(UTC)
    counts = dict(
        session.execute(
            select(CardKey.state, func.count())
            .where(
                CardKey.sku_id == sku["sku_id"],
                CardKey.state.in_(("available", "reserved")),
                or_(CardKey.expires_at.is_(None), CardKey.expires_at > now),
            )
            .group_by(CardKey.state)
        ).all()
    )
    setting = session.scalar(
        select(CardKeyPool.stock_setting).where(CardKeyPool.sku_id == sku["sku_id"])
    )
    keys = int(counts.get("available", 0))
    figures = {
        "on_hand_milli": keys * 1000,
        "locked_milli": int(counts.get("reserved", 0)) * 1000,
        "available_milli": (keys if setting is None else min(keys, int(setting))) * 1000,
    }
    stores = [
        {"store": c, "name": n, **figures}
        for c, n in session.execute(select(Store.code, Store.name).order_by(Store.code))
    ]
    return {
        "ok": True,
        "code": sku["code"],
        "name": sku["name"],
        "unit": sku["unit"],
        "kind": sku["kind"],
        "weighed": False,
        "store": store_code,
        "store_name": store_name,
        **figures,
        "stores": stores,
        "card_key_pool": True,
    }
