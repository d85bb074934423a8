"""What a counter authors (SPEC §3–4, §14): shifts, cash movements, sales, refunds, the journal.

Every store-owned table carries ``store_id`` in its primary key and its foreign keys, so the
central database can later be distributed by store without a rewrite (ARCHITECTURE.md, Data).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    ForeignKeyConstraint,
    Index,
    Integer,
    String,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from shared.db.models.base import Base
from shared.db.types import Fen, Id, UTCDateTime


class Shift(Base):
    __tablename__ = "shift"
    __table_args__ = (
        Index(
            "uq_shift_one_open_per_terminal",
            "terminal_id",
            unique=True,
            sqlite_where=text("status = 'open'"),
            postgresql_where=text("status = 'open'"),
        ),
        # the back office lists a store's shifts by business date
        Index("ix_shift_store_date", "store_id", "business_date"),
    )
    store_id: Mapped[str] = mapped_column(Id, primary_key=True)
    id: Mapped[str] = mapped_column(Id, primary_key=True)
    terminal_id: Mapped[str] = mapped_column(Id, index=True)
    cashier_id: Mapped[str] = mapped_column(Id)
    business_date: Mapped[date] = mapped_column(Date)
    #: open | closed
    status: Mapped[str] = mapped_column(String(8), default="open")
    opened_at: Mapped[datetime] = mapped_column(UTCDateTime)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    closed_by: Mapped[str | None] = mapped_column(Id, nullable=True)
    opening_float_fen: Mapped[int] = mapped_column(Fen)
    expected_cash_fen: Mapped[int | None] = mapped_column(Fen, nullable=True)
    counted_cash_fen: Mapped[int | None] = mapped_column(Fen, nullable=True)
    variance_fen: Mapped[int | None] = mapped_column(Fen, nullable=True)
    #: denomination in fen (as text) -> count, when counted by denomination
    denominations: Mapped[dict] = mapped_column(JSON, default=dict)
    #: central only: when the central database received it (server time; NULL on a terminal)
    received_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    #: the back office's review (SPEC §4): pending | approved | flagged
    # no Python-side default: a Core insert that leaves it out (an older terminal's row, a
    # placeholder shift) gets the server's; ORM objects get it from ``__init__``
    review_status: Mapped[str] = mapped_column(String(8), server_default="pending")
    review_comment: Mapped[str | None] = mapped_column(String(200), nullable=True)
    reviewed_by: Mapped[str | None] = mapped_column(Id, nullable=True)
    reviewed_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)

    def __init__(self, **kwargs: object) -> None:
        # set now, not at flush: the outbox copies a new shift's row before it is flushed, and
        # the central side must never receive an explicit NULL review status
        kwargs.setdefault("review_status", "pending")
        super().__init__(**kwargs)


class CashMovement(Base):
    __tablename__ = "cash_movement"
    __table_args__ = (
        ForeignKeyConstraint(["store_id", "shift_id"], ["shift.store_id", "shift.id"]),
    )
    store_id: Mapped[str] = mapped_column(Id, primary_key=True)
    id: Mapped[str] = mapped_column(Id, primary_key=True)
    shift_id: Mapped[str] = mapped_column(Id, index=True)
    #: in | out
    direction: Mapped[str] = mapped_column(String(4))
    amount_fen: Mapped[int] = mapped_column(Fen)
    reason: Mapped[str] = mapped_column(String(200))
    staff_id: Mapped[str] = mapped_column(Id)
    at: Mapped[datetime] = mapped_column(UTCDateTime)


class Sale(Base):
    __tablename__ = "sale"
    __table_args__ = (
        ForeignKeyConstraint(["store_id", "shift_id"], ["shift.store_id", "shift.id"]),
        Index("ix_sale_store_date", "store_id", "business_date"),
        # a receipt number names its terminal by its number in the store: unique per store
        UniqueConstraint("store_id", "receipt_no"),
    )
    store_id: Mapped[str] = mapped_column(Id, primary_key=True)
    id: Mapped[str] = mapped_column(Id, primary_key=True)
    receipt_no: Mapped[str] = mapped_column(String(24))
    terminal_id: Mapped[str] = mapped_column(Id)
    shift_id: Mapped[str] = mapped_column(Id, index=True)
    business_date: Mapped[date] = mapped_column(Date)
    cashier_id: Mapped[str] = mapped_column(Id)
    guide_id: Mapped[str | None] = mapped_column(Id, nullable=True)
    member_id: Mapped[str | None] = mapped_column(Id, nullable=True)
    #: completed (a refund is its own document; a sale is never edited)
    status: Mapped[str] = mapped_column(String(12), default="completed")
    subtotal_fen: Mapped[int] = mapped_column(Fen)
    discount_fen: Mapped[int] = mapped_column(Fen)
    total_fen: Mapped[int] = mapped_column(Fen)
    paid_fen: Mapped[int] = mapped_column(Fen)
    change_fen: Mapped[int] = mapped_column(Fen)
    completed_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    #: central only: when the central database received it (server time; NULL on a terminal)
    received_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)

    lines: Mapped[list[SaleLine]] = relationship(
        order_by="SaleLine.line_no", cascade="all, delete-orphan", lazy="selectin"
    )
    payments: Mapped[list[Payment]] = relationship(
        order_by="Payment.seq", cascade="all, delete-orphan", lazy="selectin"
    )
    discounts: Mapped[list[SaleDiscount]] = relationship(
        cascade="all, delete-orphan", lazy="selectin"
    )


class SaleLine(Base):
    __tablename__ = "sale_line"
    __table_args__ = (
        ForeignKeyConstraint(["store_id", "sale_id"], ["sale.store_id", "sale.id"]),
        UniqueConstraint("store_id", "sale_id", "line_no"),
    )
    store_id: Mapped[str] = mapped_column(Id, primary_key=True)
    id: Mapped[str] = mapped_column(Id, primary_key=True)
    sale_id: Mapped[str] = mapped_column(Id, index=True)
    line_no: Mapped[int] = mapped_column(Integer)
    sku_id: Mapped[str] = mapped_column(Id, index=True)
    sku_code: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(160))
    unit: Mapped[str] = mapped_column(String(16))
    kind: Mapped[str] = mapped_column(String(16))
    barcode: Mapped[str | None] = mapped_column(String(40), nullable=True)
    weighed: Mapped[bool] = mapped_column(Boolean, default=False)
    quantity_milli: Mapped[int] = mapped_column(Integer)
    list_price_fen: Mapped[int] = mapped_column(Fen)
    unit_price_fen: Mapped[int] = mapped_column(Fen)
    price_override_by: Mapped[str | None] = mapped_column(Id, nullable=True)
    gross_fen: Mapped[int] = mapped_column(Fen)
    line_discount_fen: Mapped[int] = mapped_column(Fen)
    order_discount_fen: Mapped[int] = mapped_column(Fen)
    net_fen: Mapped[int] = mapped_column(Fen)
    #: the unit's serial number for serial-tracked goods (such a line is one unit)
    serial_no: Mapped[str | None] = mapped_column(String(64), nullable=True)


class SaleDiscount(Base):
    """Every discount records who gave it and why (SPEC §3)."""

    __tablename__ = "sale_discount"
    __table_args__ = (ForeignKeyConstraint(["store_id", "sale_id"], ["sale.store_id", "sale.id"]),)
    store_id: Mapped[str] = mapped_column(Id, primary_key=True)
    id: Mapped[str] = mapped_column(Id, primary_key=True)
    sale_id: Mapped[str] = mapped_column(Id, index=True)
    line_id: Mapped[str | None] = mapped_column(Id, nullable=True)
    #: line | order | price_override | coupon
    scope: Mapped[str] = mapped_column(String(16))
    #: percent (basis points) | amount (fen) | price (new unit price, fen)
    kind: Mapped[str] = mapped_column(String(16))
    value: Mapped[int] = mapped_column(Fen)
    amount_fen: Mapped[int] = mapped_column(Fen)
    given_by: Mapped[str | None] = mapped_column(Id, nullable=True)
    reason: Mapped[str] = mapped_column(String(200), default="")
    #: scope 'coupon': the redeemed code and who funds the discount (platform | store)
    coupon_code: Mapped[str | None] = mapped_column(String(20), nullable=True)
    funded_by: Mapped[str | None] = mapped_column(String(8), nullable=True)


class Payment(Base):
    __tablename__ = "payment"
    __table_args__ = (
        ForeignKeyConstraint(["store_id", "sale_id"], ["sale.store_id", "sale.id"]),
        Index(
            "uq_payment_provider_ref",
            "method",
            "provider_ref",
            unique=True,
            sqlite_where=text("provider_ref IS NOT NULL"),
            postgresql_where=text("provider_ref IS NOT NULL"),
        ),
    )
    store_id: Mapped[str] = mapped_column(Id, primary_key=True)
    id: Mapped[str] = mapped_column(Id, primary_key=True)
    sale_id: Mapped[str] = mapped_column(Id, index=True)
    seq: Mapped[int] = mapped_column(Integer)
    method: Mapped[str] = mapped_column(String(16))
    amount_fen: Mapped[int] = mapped_column(Fen)
    tendered_fen: Mapped[int] = mapped_column(Fen)
    change_fen: Mapped[int] = mapped_column(Fen)
    #: provider trade number for card / payment-code payments
    provider_ref: Mapped[str | None] = mapped_column(String(64), nullable=True)
    #: captured | refund_due (a duplicate payment the provider took twice)
    status: Mapped[str] = mapped_column(String(16), default="captured")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class PaymentIntent(Base):
    """A payment-code charge in flight, written before the provider is called (SPEC §3).

    ``out_trade_no`` is ours; the provider's notification carries it back. A second successful
    notification for a sale that is already paid, with another trade number, is flagged for refund.
    """

    __tablename__ = "payment_intent"
    store_id: Mapped[str] = mapped_column(Id, primary_key=True)
    id: Mapped[str] = mapped_column(Id, primary_key=True)
    sale_id: Mapped[str] = mapped_column(Id, index=True)
    out_trade_no: Mapped[str] = mapped_column(String(64), unique=True)
    method: Mapped[str] = mapped_column(String(16))
    amount_fen: Mapped[int] = mapped_column(Fen)
    #: pending | paid | failed | unknown | refund_due
    status: Mapped[str] = mapped_column(String(12), default="pending")
    provider_trade_no: Mapped[str | None] = mapped_column(String(64), nullable=True)
    message: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Refund(Base):
    __tablename__ = "refund"
    __table_args__ = (
        ForeignKeyConstraint(["store_id", "sale_id"], ["sale.store_id", "sale.id"]),
        UniqueConstraint("store_id", "refund_no"),
        Index("ix_refund_store_date", "store_id", "business_date"),
    )
    store_id: Mapped[str] = mapped_column(Id, primary_key=True)
    id: Mapped[str] = mapped_column(Id, primary_key=True)
    refund_no: Mapped[str] = mapped_column(String(24))
    sale_id: Mapped[str] = mapped_column(Id, index=True)
    terminal_id: Mapped[str] = mapped_column(Id)
    shift_id: Mapped[str] = mapped_column(Id, index=True)
    business_date: Mapped[date] = mapped_column(Date)
    cashier_id: Mapped[str] = mapped_column(Id)
    approved_by: Mapped[str | None] = mapped_column(Id, nullable=True)
    total_fen: Mapped[int] = mapped_column(Fen)
    reason: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    #: central only: when the central database received it (server time; NULL on a terminal)
    received_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)

    lines: Mapped[list[RefundLine]] = relationship(cascade="all, delete-orphan", lazy="selectin")
    payments: Mapped[list[RefundPayment]] = relationship(
        cascade="all, delete-orphan", lazy="selectin"
    )


class RefundLine(Base):
    __tablename__ = "refund_line"
    __table_args__ = (
        ForeignKeyConstraint(["store_id", "refund_id"], ["refund.store_id", "refund.id"]),
        ForeignKeyConstraint(["store_id", "sale_line_id"], ["sale_line.store_id", "sale_line.id"]),
    )
    store_id: Mapped[str] = mapped_column(Id, primary_key=True)
    id: Mapped[str] = mapped_column(Id, primary_key=True)
    refund_id: Mapped[str] = mapped_column(Id, index=True)
    sale_line_id: Mapped[str] = mapped_column(Id, index=True)
    quantity_milli: Mapped[int] = mapped_column(Integer)
    amount_fen: Mapped[int] = mapped_column(Fen)


class RefundPayment(Base):
    __tablename__ = "refund_payment"
    __table_args__ = (
        ForeignKeyConstraint(["store_id", "refund_id"], ["refund.store_id", "refund.id"]),
    )
    store_id: Mapped[str] = mapped_column(Id, primary_key=True)
    id: Mapped[str] = mapped_column(Id, primary_key=True)
    refund_id: Mapped[str] = mapped_column(Id, index=True)
    method: Mapped[str] = mapped_column(String(16))
    amount_fen: Mapped[int] = mapped_column(Fen)


class JournalEntry(Base):
    """One link of a terminal's hash chain (SPEC §14). ``seq`` counts from 1 per terminal."""

    __tablename__ = "journal_entry"
    __table_args__ = (UniqueConstraint("terminal_id", "seq"),)
    store_id: Mapped[str] = mapped_column(Id, primary_key=True)
    id: Mapped[str] = mapped_column(Id, primary_key=True)
    terminal_id: Mapped[str] = mapped_column(Id)
    seq: Mapped[int] = mapped_column(Integer)
    #: sale | refund | shift_close
    kind: Mapped[str] = mapped_column(String(20))
    document_id: Mapped[str] = mapped_column(String(40))
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    #: ISO text of ``at`` exactly as hashed, so the chain does not depend on datetime round-trips
    at_iso: Mapped[str] = mapped_column(String(40))
    payload: Mapped[dict] = mapped_column(JSON)
    payload_digest: Mapped[str] = mapped_column(String(64))
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
