"""Inventory at head office (SPEC §10): warehouses, stock, vouchers, limits, low stock, margin.

Runs on the central database. Every change of stock goes through ``shared.db.ledger.post`` in
the same transaction as the document that causes it; a voucher is posted once (a conditional
``draft → posted`` update decides, so a double click or two managers at once post it once).
A manager works on the warehouses of their stores; an admin on every warehouse.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select, update

from shared.db import ledger
from shared.db.models import (
    Product,
    Sku,
    StockBalance,
    StockLimit,
    StockVoucher,
    StockVoucherLine,
    Store,
    Warehouse,
)
from shared.db.uow import UnitOfWork
from shared.domain.errors import Conflict, NotFound, PermissionDenied, ValidationError
from shared.domain.ids import new_id
from shared.domain.money import MAX_FEN
from shared.domain.permissions import Perm, Role
from shared.services import serials as serial_units
from shared.services.auth import Actor, require
from shared.sync.stock_ingest import warehouse_for_store

IN_TYPES = ("purchase", "return_in", "other_in")
OUT_TYPES = ("loss", "expired", "return_out", "other_out")
MAX_LINES = 1000
MAX_QTY_MILLI = 9_999_999_000
MAX_NOTE = 200


@dataclass(frozen=True)
class StockView:
    code: str
    name: str
    store: str
    warehouse: str
    on_hand_milli: int
    locked_milli: int
    avg_cost_fen: int

    @property
    def available_milli(self) -> int:
        return self.on_hand_milli - self.locked_milli


@dataclass(frozen=True)
class VoucherLineInput:
    sku_code: str
    qty_milli: int
    unit_cost_fen: int = 0
    serials: tuple[str, ...] = ()


@dataclass(frozen=True)
class VoucherView:
    voucher_id: str
    no: str
    warehouse: str
    direction: str
    type: str
    status: str
    lines: int


# -- warehouses and scope ------------------------------------------------------------------------


def may_use_warehouse(actor: Actor, wh: Warehouse) -> bool:
    return Role.ADMIN in actor.roles or (wh.store_id is not None and wh.store_id in actor.store_ids)


def warehouse_by_code(uow: UnitOfWork, actor: Actor | None, code: str) -> Warehouse:
    """A warehouse by its code (a store's warehouse has the store's code)."""
    code = (code or "").strip().upper()
    wh = uow.session.scalars(select(Warehouse).where(Warehouse.code == code)).first()
    if wh is None:
        store = uow.session.scalars(select(Store).where(Store.code == code)).first()
        if store is None:
            raise NotFound(f"no warehouse or store with code {code}", code="unknown_warehouse")
        wh = uow.session.get(Warehouse, warehouse_for_store(uow.session, store.id, uow.clock.now()))
    if actor is not None and not may_use_warehouse(actor, wh):
        raise PermissionDenied(
            f"{actor.name} ({actor.account}) may not work on warehouse {wh.code}",
            code="warehouse_not_allowed",
            warehouse=wh.code,
        )
    return wh


def find_sku(uow: UnitOfWork, code: str) -> tuple[Sku, Product]:
    """A SKU by its SKU code, product code (single-SKU products) or barcode."""
    from shared.db.models import Barcode

    code = (code or "").strip()
    if not code or len(code) > 40:
        raise ValidationError(
            f"'{code[:40]}' is not a SKU code", code="unknown_sku", value=code[:40]
        )
    s = uow.session
    sku = s.scalars(select(Sku).where(Sku.code == code)).first()
    if sku is None:
        bc = s.get(Barcode, code)
        sku = s.get(Sku, bc.sku_id) if bc else None
    if sku is None:
        product = s.scalars(select(Product).where(Product.code == code)).first()
        if product is not None:
            skus = s.scalars(select(Sku).where(Sku.product_id == product.id)).all()
            if len(skus) == 1:
                sku = skus[0]
            elif skus:
                raise ValidationError(
                    f"product {code} has {len(skus)} SKUs: give the SKU code",
                    code="ambiguous_product",
                    value=code,
                )
    if sku is None:
        raise NotFound(f"no SKU, product or barcode {code}", code="unknown_sku", value=code)
    return sku, s.get(Product, sku.product_id)


# -- reading stock ---------------------------------------------------------------------------------


def stock(uow: UnitOfWork, actor: Actor | None, code: str, store_code: str) -> StockView:
    """On hand, locked and available of one SKU at a store (one balance row)."""
    if actor is not None and not (actor.can(Perm.MANAGE_STOCK) or actor.can(Perm.SELL)):
        require(actor, Perm.MANAGE_STOCK)
    wh = warehouse_by_code(uow, None, store_code)
    sku, product = find_sku(uow, code)
    bal = uow.session.get(StockBalance, (wh.id, sku.id))
    spec = " ".join(x for x in (sku.spec1, sku.spec2) if x)
    return StockView(
        code=sku.code,
        name=f"{product.name} {spec}".strip(),
        store=store_code.strip().upper(),
        warehouse=wh.code,
        on_hand_milli=bal.on_hand_milli if bal else 0,
        locked_milli=bal.locked_milli if bal else 0,
        avg_cost_fen=bal.avg_cost_fen if bal else 0,
    )


# -- vouchers --------------------------------------------------------------------------------------


def _number(prefix: str, now: datetime) -> str:
    return f"{prefix}{now:%y%m%d}-{new_id().hex[-6:].upper()}"


def create_voucher(
    uow: UnitOfWork,
    actor: Actor,
    *,
    warehouse: str,
    direction: str,
    type: str,
    lines: list[VoucherLineInput],
    note: str = "",
) -> str:
    """A draft inbound or outbound voucher; every line is checked, nothing written on a refusal."""
    require(actor, Perm.MANAGE_STOCK)
    if direction not in ("in", "out"):
        raise ValidationError("a voucher is inbound ('in') or outbound ('out')", code="direction")
    allowed = IN_TYPES if direction == "in" else OUT_TYPES
    if type not in allowed:
        raise ValidationError(
            f"a{'n inbound' if direction == 'in' else 'n outbound'} voucher is one of "
            f"{', '.join(allowed)}",
            code="voucher_type",
            value=type,
        )
    if not lines:
        raise ValidationError("a voucher needs at least one line", code="voucher_empty")
    if len(lines) > MAX_LINES:
        raise ValidationError(f"at most {MAX_LINES} lines", code="voucher_too_long")
    if len(note) > MAX_NOTE:
        raise ValidationError(f"the note is too long (at most {MAX_NOTE})", code="text_too_long")
    wh = warehouse_by_code(uow, actor, warehouse)
    now = uow.clock.now()
    vid = str(new_id())
    rows = []
    for no, ln in enumerate(lines, start=1):
        sku, product = find_sku(uow, ln.sku_code)
        _check_qty(no, ln.qty_milli, product)
        if not 0 <= ln.unit_cost_fen <= MAX_FEN:
            raise ValidationError(
                f"line {no}: the unit cost must be zero or more", code="unit_cost", line=no
            )
        serials = tuple(s.strip() for s in ln.serials if s.strip())
        if product.serial_tracked:
            if len(serials) * 1000 != ln.qty_milli:
                raise ValidationError(
                    f"line {no}: {product.name} is serial-tracked: give one serial number per "
                    f"unit ({ln.qty_milli // 1000} needed, {len(serials)} given)",
                    code="serials_missing",
                    line=no,
                )
            if len(set(serials)) != len(serials):
                raise ValidationError(
                    f"line {no}: a serial number is given twice", code="serial_duplicate", line=no
                )
        elif serials:
            raise ValidationError(
                f"line {no}: {product.name} is not serial-tracked",
                code="serials_unexpected",
                line=no,
            )
        rows.append(
            StockVoucherLine(
                voucher_id=vid,
                line_no=no,
                sku_id=sku.id,
                qty_milli=ln.qty_milli,
                unit_cost_fen=ln.unit_cost_fen,
                serials=list(serials),
            )
        )
    uow.session.add(
        StockVoucher(
            id=vid,
            no=_number("RK" if direction == "in" else "CK", now),
            warehouse_id=wh.id,
            direction=direction,
            type=type,
            status="draft",
            note=note.strip(),
            created_by=actor.staff_id,
            created_at=now,
        )
    )
    uow.session.flush()
    uow.session.add_all(rows)
    uow.commit()
    return vid


def _check_qty(no: int, qty_milli: int, product: Product) -> None:
    if not isinstance(qty_milli, int) or qty_milli <= 0:
        raise ValidationError(
            f"line {no}: the quantity must be above zero", code="quantity_not_positive", line=no
        )
    if qty_milli > MAX_QTY_MILLI:
        raise ValidationError(
            f"line {no}: the quantity is implausible", code="quantity_absurd", line=no
        )
    if qty_milli % 1000 and (
        product.serial_tracked or product.kind != "goods" or product.unit != "kg"
    ):
        raise ValidationError(
            f"line {no}: {product.name} is counted in whole units",
            code="quantity_fractional",
            line=no,
        )


def post_voucher(uow: UnitOfWork, actor: Actor, voucher_id: str) -> VoucherView:
    """Post a draft voucher's movements, once. A second post is refused and changes nothing."""
    require(actor, Perm.MANAGE_STOCK)
    s = uow.session
    v = s.get(StockVoucher, voucher_id)
    if v is None:
        raise NotFound("no such voucher", code="unknown_voucher")
    wh = s.get(Warehouse, v.warehouse_id)
    if not may_use_warehouse(actor, wh):
        raise PermissionDenied(f"may not post vouchers of {wh.code}", code="warehouse_not_allowed")
    now = uow.clock.now()
    won = s.execute(
        update(StockVoucher)
        .where(StockVoucher.id == voucher_id, StockVoucher.status == "draft")
        .values(status="posted", posted_at=now, posted_by=actor.staff_id)
    ).rowcount
    if won != 1:
        s.rollback()
        current = s.get(StockVoucher, voucher_id)
        raise Conflict(
            f"voucher {current.no} is already {current.status}",
            code="voucher_posted" if current.status == "posted" else "voucher_cancelled",
            no=current.no,
        )
    lines = s.scalars(
        select(StockVoucherLine)
        .where(StockVoucherLine.voucher_id == voucher_id)
        .order_by(StockVoucherLine.line_no)
    ).all()
    sign = 1 if v.direction == "in" else -1
    rows = []
    for ln in lines:
        if ln.serials:
            serial_units.move(uow, ln.sku_id, ln.serials, wh.id, "in" if sign > 0 else "out", now)
        rows.append(
            ledger.movement(
                warehouse_id=wh.id,
                sku_id=ln.sku_id,
                qty_milli=sign * ln.qty_milli,
                kind=v.type,
                doc_type="voucher",
                doc_id=v.id,
                line_key=str(ln.line_no),
                at=now,
                unit_cost_fen=ln.unit_cost_fen if sign > 0 else 0,
                created_by=actor.staff_id,
            )
        )
    posted = ledger.post(s, rows, now)
    if sign < 0 and not wh.allow_negative:
        short = [b for b in posted if b.on_hand_milli < 0]
        if short:
            s.rollback()
            raise Conflict(
                f"not enough stock in {wh.code} for this voucher (negative stock is not allowed)",
                code="stock_short",
                sku_id=short[0].sku_id,
            )
    uow.commit()
    return VoucherView(v.id, v.no, wh.code, v.direction, v.type, "posted", len(lines))


def cancel_voucher(uow: UnitOfWork, actor: Actor, voucher_id: str) -> None:
    require(actor, Perm.MANAGE_STOCK)
    v = uow.session.get(StockVoucher, voucher_id)
    if v is None:
        raise NotFound("no such voucher", code="unknown_voucher")
    wh = uow.session.get(Warehouse, v.warehouse_id)
    if not may_use_warehouse(actor, wh):
        raise PermissionDenied(
            f"may not cancel vouchers of {wh.code}", code="warehouse_not_allowed", warehouse=wh.code
        )
    won = uow.session.execute(
        update(StockVoucher)
        .where(StockVoucher.id == voucher_id, StockVoucher.status == "draft")
        .values(status="cancelled")
    ).rowcount
    if won != 1:
        uow.session.rollback()
        raise Conflict("only a draft voucher can be cancelled", code="voucher_not_draft")
    uow.commit()


# -- limits, low stock, replenishment --------------------------------------------------------------


def set_limits(
    uow: UnitOfWork,
    actor: Actor,
    *,
    warehouse: str,
    sku_code: str,
    safety_milli: int = 0,
    lower_milli: int = 0,
    upper_milli: int | None = None,
) -> None:
    require(actor, Perm.MANAGE_STOCK)
    if min(safety_milli, lower_milli) < 0 or (upper_milli is not None and upper_milli < 0):
        raise ValidationError("limits are zero or more", code="limit_negative")
    if upper_milli is not None and upper_milli < max(lower_milli, safety_milli):
        raise ValidationError(
            "the upper limit must be at least the lower limit and the safety stock",
            code="limit_order",
        )
    wh = warehouse_by_code(uow, actor, warehouse)
    sku, _ = find_sku(uow, sku_code)
    row = uow.session.get(StockLimit, (wh.id, sku.id))
    if row is None:
        row = StockLimit(warehouse_id=wh.id, sku_id=sku.id)
        uow.session.add(row)
    row.safety_milli, row.lower_milli, row.upper_milli = safety_milli, lower_milli, upper_milli
    uow.commit()


@dataclass(frozen=True)
class LowStockRow:
    warehouse: str
    sku_code: str
    name: str
    on_hand_milli: int
    locked_milli: int
    available_milli: int
    safety_milli: int
    lower_milli: int
    upper_milli: int | None
    #: the replenishment suggestion (补货): up to the upper limit, else twice the lower limit
    suggest_milli: int


def low_stock(uow: UnitOfWork, actor: Actor, warehouse: str) -> list[LowStockRow]:
    """SKUs whose available stock is at or below their lower limit or safety stock."""
    require(actor, Perm.MANAGE_STOCK)
    wh = warehouse_by_code(uow, actor, warehouse)
    b, lim = StockBalance.__table__, StockLimit.__table__
    on_hand = func.coalesce(b.c.on_hand_milli, 0)
    locked = func.coalesce(b.c.locked_milli, 0)
    rows = uow.session.execute(
        select(
            Sku.code,
            Product.name,
            Sku.spec1,
            Sku.spec2,
            on_hand.label("on_hand"),
            locked.label("locked"),
            lim.c.safety_milli,
            lim.c.lower_milli,
            lim.c.upper_milli,
        )
        .select_from(lim)
        .join(Sku, Sku.id == lim.c.sku_id)
        .join(Product, Product.id == Sku.product_id)
        .outerjoin(b, (b.c.warehouse_id == lim.c.warehouse_id) & (b.c.sku_id == lim.c.sku_id))
        .where(lim.c.warehouse_id == wh.id)
        .where((on_hand - locked <= lim.c.lower_milli) | (on_hand - locked <= lim.c.safety_milli))
        .order_by(Sku.code)
    ).all()
    out = []
    for r in rows:
        available = r.on_hand - r.locked
        target = (
            r.upper_milli if r.upper_milli is not None else 2 * max(r.lower_milli, r.safety_milli)
        )
        suggest = max(0, target - available)
        suggest = -(-suggest // 1000) * 1000  # whole units
        name = " ".join(x for x in (r.name, r.spec1, r.spec2) if x)
        out.append(
            LowStockRow(
                wh.code,
                r.code,
                name,
                r.on_hand,
                r.locked,
                available,
                r.safety_milli,
                r.lower_milli,
                r.upper_milli,
                suggest,
            )
        )
    return out


# -- checks ----------------------------------------------------------------------------------------


def verify_ledger(uow: UnitOfWork, actor: Actor, warehouse: str | None = None) -> list:
    """Recompute balances from the ledger; the differences (an empty list when all is well)."""
    require(actor, Perm.MANAGE_STOCK)
    wh = warehouse_by_code(uow, actor, warehouse) if warehouse else None
    return ledger.verify(uow.session, wh.id if wh else None)


# -- gross margin ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class LineMargin:
    line_no: int
    sku_code: str
    name: str
    quantity_milli: int
    net_fen: int
    #: the moving-average cost the goods left with when the sale landed
    cost_fen: int

    @property
    def margin_fen(self) -> int:
        return self.net_fen - self.cost_fen


def sale_margins(
    uow: UnitOfWork, actor: Actor, receipt_no: str, store_code: str
) -> list[LineMargin]:
    """Gross margin per line of a sale at the cost when sold (SPEC §10); a line that moves no
    stock (a service) has no cost."""
    from shared.db.models import Sale, SaleLine, StockMovement
    from shared.domain.money import times_quantity

    require(actor, Perm.MANAGE_STOCK)
    store = uow.session.scalars(
        select(Store).where(Store.code == store_code.strip().upper())
    ).first()
    if store is None:
        raise NotFound(f"no store {store_code}", code="unknown_store")
    if Role.ADMIN not in actor.roles and store.id not in actor.store_ids:
        raise PermissionDenied(f"may not read the sales of {store.code}", code="store_not_allowed")
    sale = uow.session.scalars(
        select(Sale).where(Sale.store_id == store.id, Sale.receipt_no == receipt_no.strip())
    ).first()
    if sale is None:
        raise NotFound(f"no sale {receipt_no} at {store.code}", code="unknown_receipt")
    costs = dict(
        uow.session.execute(
            select(StockMovement.line_key, StockMovement.unit_cost_fen).where(
                StockMovement.doc_type == "sale", StockMovement.doc_id == str(sale.id)
            )
        ).all()
    )
    lines = uow.session.scalars(
        select(SaleLine)
        .where(SaleLine.store_id == store.id, SaleLine.sale_id == sale.id)
        .order_by(SaleLine.line_no)
    ).all()
    return [
        LineMargin(
            ln.line_no,
            ln.sku_code,
            ln.name,
            ln.quantity_milli,
            ln.net_fen,
            times_quantity(costs.get(str(ln.id), 0), ln.quantity_milli),
        )
        for ln in lines
    ]
