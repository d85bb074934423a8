"""Inventory as a ledger (SPEC §10): warehouses, movements, balances, vouchers, serial units,
stocktakes, transfers. Central data: a counter reads stock from head office.

``stock_movement`` is the truth and is never updated; ``stock_balance`` is maintained in the
same transaction as every movement (``shared.db.ledger``) so reading stock is one row, and
``ledger.verify`` recomputes every balance from the movements.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from shared.db.models.base import Base
from shared.db.types import Fen, Id, UTCDateTime


class Warehouse(Base):
    """Each store has one (``store_id``); head office may have more (``store_id`` NULL)."""

    __tablename__ = "warehouse"
    id: Mapped[str] = mapped_column(Id, primary_key=True)
    enterprise_id: Mapped[str] = mapped_column(Id, ForeignKey("enterprise.id"))
    store_id: Mapped[str | None] = mapped_column(
        Id, ForeignKey("store.id"), nullable=True, unique=True
    )
    code: Mapped[str] = mapped_column(String(16), unique=True)
    name: Mapped[str] = mapped_column(String(60))
    #: store | central
    kind: Mapped[str] = mapped_column(String(8), default="store")
    #: may a sale drive stock below zero (SPEC §10: default yes, with a warning)
    allow_negative: Mapped[bool] = mapped_column(Boolean, default=True)
    status: Mapped[str] = mapped_column(String(8), default="active")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class StockMovement(Base):
    """One change of stock. ``(doc_type, doc_id, line_key)`` is unique: posting a document twice
    (a replayed push, a double click) adds nothing."""

    __tablename__ = "stock_movement"
    __table_args__ = (
        UniqueConstraint("doc_type", "doc_id", "line_key"),
        Index("ix_stock_movement_wh_sku_at", "warehouse_id", "sku_id", "at"),
        CheckConstraint("qty_milli <> 0", name="qty_not_zero"),
    )
    id: Mapped[str] = mapped_column(Id, primary_key=True)
    warehouse_id: Mapped[str] = mapped_column(Id, ForeignKey("warehouse.id"))
    sku_id: Mapped[str] = mapped_column(Id, index=True)
    #: thousandths, signed: + in, - out
    qty_milli: Mapped[int] = mapped_column(Integer)
    #: purchase | return_in | gain | other_in | opening | transfer_in | refund |
    #: sale | card_key | transfer_out | loss | expired | return_out | other_out
    kind: Mapped[str] = mapped_column(String(16))
    #: voucher | sale | refund | stocktake | transfer | opening
    doc_type: Mapped[str] = mapped_column(String(12))
    doc_id: Mapped[str] = mapped_column(String(64))
    line_key: Mapped[str] = mapped_column(String(64))
    #: cost of one unit (per 1000 thousandths) this movement carried in or out, fen
    unit_cost_fen: Mapped[int] = mapped_column(Fen, default=0)
    serial_no: Mapped[str | None] = mapped_column(String(64), nullable=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    created_by: Mapped[str | None] = mapped_column(Id, nullable=True)


class StockBalance(Base):
    """On hand, locked and the moving-average cost of a SKU in a warehouse."""

    __tablename__ = "stock_balance"
    warehouse_id: Mapped[str] = mapped_column(Id, ForeignKey("warehouse.id"), primary_key=True)
    sku_id: Mapped[str] = mapped_column(Id, primary_key=True)
    on_hand_milli: Mapped[int] = mapped_column(Integer, default=0)
    #: reserved by unpaid orders / pre-sale
    locked_milli: Mapped[int] = mapped_column(Integer, default=0)
    avg_cost_fen: Mapped[int] = mapped_column(Fen, default=0)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class StockLimit(Base):
    """Safety stock and lower / upper limits of a SKU in a warehouse (thousandths)."""

    __tablename__ = "stock_limit"
    warehouse_id: Mapped[str] = mapped_column(Id, ForeignKey("warehouse.id"), primary_key=True)
    sku_id: Mapped[str] = mapped_column(Id, primary_key=True)
    safety_milli: Mapped[int] = mapped_column(Integer, default=0)
    lower_milli: Mapped[int] = mapped_column(Integer, default=0)
    upper_milli: Mapped[int | None] = mapped_column(Integer, nullable=True)


class StockVoucher(Base):
    """An inbound (入库单) or outbound (出库单) voucher: draft → posted (once) | cancelled."""

    __tablename__ = "stock_voucher"
    id: Mapped[str] = mapped_column(Id, primary_key=True)
    no: Mapped[str] = mapped_column(String(32), unique=True)
    warehouse_id: Mapped[str] = mapped_column(Id, ForeignKey("warehouse.id"), index=True)
    #: in | out
    direction: Mapped[str] = mapped_column(String(3))
    #: the movement kind its lines post (purchase, return_in, other_in, loss, expired, ...)
    type: Mapped[str] = mapped_column(String(16))
    #: draft | posted | cancelled
    status: Mapped[str] = mapped_column(String(10), default="draft")
    note: Mapped[str] = mapped_column(String(200), default="")
    created_by: Mapped[str | None] = mapped_column(Id, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    posted_by: Mapped[str | None] = mapped_column(Id, nullable=True)
    posted_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)


class StockVoucherLine(Base):
    __tablename__ = "stock_voucher_line"
    voucher_id: Mapped[str] = mapped_column(Id, ForeignKey("stock_voucher.id"), primary_key=True)
    line_no: Mapped[int] = mapped_column(Integer, primary_key=True)
    sku_id: Mapped[str] = mapped_column(Id)
    qty_milli: Mapped[int] = mapped_column(Integer)
    unit_cost_fen: Mapped[int] = mapped_column(Fen, default=0)
    #: serial numbers, one per unit, for serial-tracked goods
    serials: Mapped[list] = mapped_column(JSON, default=list)


class SerialUnit(Base):
    """One unit of a serial-tracked SKU: where it is."""

    __tablename__ = "serial_unit"
    sku_id: Mapped[str] = mapped_column(Id, primary_key=True)
    serial_no: Mapped[str] = mapped_column(String(64), primary_key=True)
    warehouse_id: Mapped[str | None] = mapped_column(Id, nullable=True, index=True)
    #: in_stock | out | in_transit
    state: Mapped[str] = mapped_column(String(10))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class StockReservation(Base):
    """Stock locked (锁定) for an unpaid order or a pre-sale (SPEC §10): while ``open`` its
    quantity is in ``stock_balance.locked_milli`` and not available. It ends once: ``released``
    (the order fell through), ``fulfilled`` (the goods left by a sale) or ``expired`` (past
    ``expires_at`` by the central clock)."""

    __tablename__ = "stock_reservation"
    __table_args__ = (
        CheckConstraint("qty_milli > 0", name="qty_positive"),
        CheckConstraint("state IN ('open', 'released', 'fulfilled', 'expired')", name="state"),
        Index("ix_stock_reservation_open", "warehouse_id", "sku_id", "state"),
    )
    id: Mapped[str] = mapped_column(Id, primary_key=True)
    no: Mapped[str] = mapped_column(String(32), unique=True)
    warehouse_id: Mapped[str] = mapped_column(Id, ForeignKey("warehouse.id"))
    sku_id: Mapped[str] = mapped_column(Id)
    qty_milli: Mapped[int] = mapped_column(Integer)
    #: order | presale | other
    reason: Mapped[str] = mapped_column(String(10), default="order")
    #: the customer's order number, phone or a note
    reference: Mapped[str] = mapped_column(String(100), default="")
    state: Mapped[str] = mapped_column(String(10), default="open")
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    created_by: Mapped[str | None] = mapped_column(Id, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    closed_by: Mapped[str | None] = mapped_column(Id, nullable=True)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)


class Stocktake(Base):
    """A count sheet (盘点单) of a warehouse, all SKUs or one category: open → approved once."""

    __tablename__ = "stocktake"
    id: Mapped[str] = mapped_column(Id, primary_key=True)
    no: Mapped[str] = mapped_column(String(32), unique=True)
    warehouse_id: Mapped[str] = mapped_column(Id, ForeignKey("warehouse.id"), index=True)
    category_id: Mapped[str | None] = mapped_column(Id, nullable=True)
    #: open | approved | cancelled
    status: Mapped[str] = mapped_column(String(10), default="open")
    opened_by: Mapped[str | None] = mapped_column(Id, nullable=True)
    opened_at: Mapped[datetime] = mapped_column(UTCDateTime)
    approved_by: Mapped[str | None] = mapped_column(Id, nullable=True)
    approved_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)


class StocktakeLine(Base):
    """What was counted of a SKU, and the book quantity at the moment of the (last) count: the
    gain or loss is ``counted - book_at_count``, so sales between the count and the approval are
    not counted twice."""

    __tablename__ = "stocktake_line"
    stocktake_id: Mapped[str] = mapped_column(Id, ForeignKey("stocktake.id"), primary_key=True)
    sku_id: Mapped[str] = mapped_column(Id, primary_key=True)
    counted_milli: Mapped[int] = mapped_column(Integer, default=0)
    book_at_count_milli: Mapped[int] = mapped_column(Integer, default=0)
    counted_at: Mapped[datetime] = mapped_column(UTCDateTime)
    counted_by: Mapped[str | None] = mapped_column(Id, nullable=True)


class Transfer(Base):
    """A transfer (调拨单) between warehouses: draft → in_transit → received (once)."""

    __tablename__ = "transfer"
    id: Mapped[str] = mapped_column(Id, primary_key=True)
    no: Mapped[str] = mapped_column(String(32), unique=True)
    from_warehouse_id: Mapped[str] = mapped_column(Id, ForeignKey("warehouse.id"))
    to_warehouse_id: Mapped[str] = mapped_column(Id, ForeignKey("warehouse.id"))
    #: draft | in_transit | received | cancelled
    status: Mapped[str] = mapped_column(String(10), default="draft")
    note: Mapped[str] = mapped_column(String(200), default="")
    created_by: Mapped[str | None] = mapped_column(Id, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    received_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    received_by: Mapped[str | None] = mapped_column(Id, nullable=True)


class TransferLine(Base):
    __tablename__ = "transfer_line"
    transfer_id: Mapped[str] = mapped_column(Id, ForeignKey("transfer.id"), primary_key=True)
    line_no: Mapped[int] = mapped_column(Integer, primary_key=True)
    sku_id: Mapped[str] = mapped_column(Id)
    qty_milli: Mapped[int] = mapped_column(Integer)
    #: what arrived (set on receipt); a difference is reported
    received_milli: Mapped[int | None] = mapped_column(Integer, nullable=True)
    unit_cost_fen: Mapped[int] = mapped_column(Fen, default=0)
    serials: Mapped[list] = mapped_column(JSON, default=list)
