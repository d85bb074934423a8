"""Coupons, verifications and pickup orders (SPEC §6): head-office data kept centrally only.

Nothing here is copied to terminals: a code is redeemed by one conditional update on the central
database (``shared.sync.redeem``), with the partial unique indexes below as the last word.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from shared.db.models.base import Base
from shared.db.types import Fen, Id, UTCDateTime


class Coupon(Base):
    """A coupon definition (卡券)."""

    __tablename__ = "coupon"
    __table_args__ = (
        CheckConstraint("type IN ('exchange', 'threshold', 'discount')", name="type"),
        CheckConstraint("funded_by IN ('platform', 'store')", name="funded_by"),
        CheckConstraint("store_scope IN ('all', 'listed')", name="store_scope"),
    )
    id: Mapped[str] = mapped_column(Id, primary_key=True)
    enterprise_id: Mapped[str] = mapped_column(Id, ForeignKey("enterprise.id"), index=True)
    name: Mapped[str] = mapped_column(String(60))
    cover_image: Mapped[str] = mapped_column(String(300), default="")
    #: exchange | threshold | discount
    type: Mapped[str] = mapped_column(String(12))
    exchange_sku_id: Mapped[str | None] = mapped_column(Id, nullable=True)
    threshold_fen: Mapped[int] = mapped_column(Fen, default=0)
    amount_off_fen: Mapped[int] = mapped_column(Fen, default=0)
    #: discount coupons: basis points off (2000 = 20 % off = 8折)
    off_bp: Mapped[int] = mapped_column(Integer, default=0)
    cap_fen: Mapped[int | None] = mapped_column(Fen, nullable=True)
    #: how many instances may be issued (-1: unlimited); ``issued`` counts them
    stock: Mapped[int] = mapped_column(Integer, default=-1)
    issued: Mapped[int] = mapped_column(Integer, default=0)
    #: all | listed (then ``coupon_store`` lists the stores)
    store_scope: Mapped[str] = mapped_column(String(8), default="all")
    valid_from: Mapped[datetime] = mapped_column(UTCDateTime)
    valid_until: Mapped[datetime] = mapped_column(UTCDateTime)
    stackable: Mapped[bool] = mapped_column(Boolean, default=False)
    #: redemptions per customer (bound phone) per period; -1 = unlimited
    limit_user_day: Mapped[int] = mapped_column(Integer, default=-1)
    limit_user_week: Mapped[int] = mapped_column(Integer, default=-1)
    limit_user_month: Mapped[int] = mapped_column(Integer, default=-1)
    limit_user_half_year: Mapped[int] = mapped_column(Integer, default=-1)
    limit_user_year: Mapped[int] = mapped_column(Integer, default=-1)
    #: redemptions per device (terminal) per day; -1 = unlimited
    limit_device_day: Mapped[int] = mapped_column(Integer, default=-1)
    #: redemptions across all stores per day; -1 = unlimited
    limit_daily_total: Mapped[int] = mapped_column(Integer, default=-1)
    #: platform | store: who pays for the discount (drives settlement)
    funded_by: Mapped[str] = mapped_column(String(8), default="store")
    #: active | disabled
    status: Mapped[str] = mapped_column(String(8), default="active")
    note: Mapped[str] = mapped_column(String(200), default="")
    created_by: Mapped[str | None] = mapped_column(Id, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class CouponStore(Base):
    __tablename__ = "coupon_store"
    coupon_id: Mapped[str] = mapped_column(Id, ForeignKey("coupon.id"), primary_key=True)
    store_id: Mapped[str] = mapped_column(Id, ForeignKey("store.id"), primary_key=True)


class CouponInstance(Base):
    """A code issued from a definition (用户卡券): unused → used | expired | void."""

    __tablename__ = "coupon_instance"
    __table_args__ = (
        CheckConstraint("state IN ('unused', 'used', 'expired', 'void')", name="state"),
    )
    id: Mapped[str] = mapped_column(Id, primary_key=True)
    coupon_id: Mapped[str] = mapped_column(Id, ForeignKey("coupon.id"), index=True)
    code: Mapped[str] = mapped_column(String(20), unique=True)
    phone: Mapped[str | None] = mapped_column(String(20), nullable=True, index=True)
    batch_no: Mapped[str] = mapped_column(String(40), default="")
    state: Mapped[str] = mapped_column(String(8), default="unused")
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    used_store_id: Mapped[str | None] = mapped_column(Id, nullable=True)
    used_by: Mapped[str | None] = mapped_column(Id, nullable=True)
    verification_id: Mapped[str | None] = mapped_column(Id, nullable=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Verification(Base):
    """One redemption (结算数据): a coupon or a pickup code, at a store, by a verifier.

    ``request_id`` makes a retried request (reply lost) return this record, not a second one.
    The partial unique indexes are the last word: one live redemption per instance / order.
    """

    __tablename__ = "verification"
    __table_args__ = (
        Index(
            "uq_verification_live_instance",
            "instance_id",
            unique=True,
            sqlite_where=text("status = 'done' AND instance_id IS NOT NULL"),
            postgresql_where=text("status = 'done' AND instance_id IS NOT NULL"),
        ),
        Index(
            "uq_verification_live_pickup",
            "pickup_order_id",
            unique=True,
            sqlite_where=text("status = 'done' AND pickup_order_id IS NOT NULL"),
            postgresql_where=text("status = 'done' AND pickup_order_id IS NOT NULL"),
        ),
        Index("ix_verification_at", "at"),
        Index("ix_verification_store_at", "store_id", "at"),
        Index("ix_verification_terminal_at", "terminal_id", "at"),
        CheckConstraint("status IN ('done', 'reversed', 'released')", name="status"),
    )
    id: Mapped[str] = mapped_column(Id, primary_key=True)
    request_id: Mapped[str] = mapped_column(String(64), unique=True)
    #: coupon | pickup
    kind: Mapped[str] = mapped_column(String(12))
    code: Mapped[str] = mapped_column(String(40))
    #: the order it belongs to: the sale's receipt number, the pickup order's number
    order_no: Mapped[str] = mapped_column(String(40), default="")
    sale_id: Mapped[str | None] = mapped_column(Id, nullable=True, index=True)
    instance_id: Mapped[str | None] = mapped_column(Id, nullable=True)
    coupon_id: Mapped[str | None] = mapped_column(Id, nullable=True, index=True)
    coupon_name: Mapped[str] = mapped_column(String(60), default="")
    coupon_type: Mapped[str] = mapped_column(String(12), default="")
    funded_by: Mapped[str] = mapped_column(String(8), default="")
    #: what the coupon took off a sale (0 at the verifier station)
    amount_fen: Mapped[int] = mapped_column(Fen, default=0)
    pickup_order_id: Mapped[str | None] = mapped_column(Id, nullable=True)
    phone: Mapped[str | None] = mapped_column(String(20), nullable=True)
    store_id: Mapped[str] = mapped_column(Id)
    store_code: Mapped[str] = mapped_column(String(16))
    store_name: Mapped[str] = mapped_column(String(100), default="")
    terminal_id: Mapped[str | None] = mapped_column(Id, nullable=True)
    verifier_id: Mapped[str] = mapped_column(Id)
    verifier_name: Mapped[str] = mapped_column(String(60))
    #: server time
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    #: done | reversed (by a manager) | released (the sale it was held for was abandoned)
    status: Mapped[str] = mapped_column(String(10), default="done")
    reversed_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    reversed_by: Mapped[str | None] = mapped_column(Id, nullable=True)
    reverse_reason: Mapped[str] = mapped_column(String(200), default="")


class PickupOrder(Base):
    """An order paid elsewhere and collected in store with a 6-digit code (提货码)."""

    __tablename__ = "pickup_order"
    __table_args__ = (
        Index(
            "uq_pickup_open_code",
            "store_id",
            "code",
            unique=True,
            sqlite_where=text("state = 'open'"),
            postgresql_where=text("state = 'open'"),
        ),
        CheckConstraint("state IN ('open', 'collected', 'cancelled')", name="state"),
    )
    id: Mapped[str] = mapped_column(Id, primary_key=True)
    store_id: Mapped[str] = mapped_column(Id, ForeignKey("store.id"))
    order_no: Mapped[str] = mapped_column(String(40), unique=True)
    code: Mapped[str] = mapped_column(String(6))
    description: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str | None] = mapped_column(String(20), nullable=True)
    amount_fen: Mapped[int] = mapped_column(Fen, default=0)
    state: Mapped[str] = mapped_column(String(10), default="open")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    collected_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    collected_by: Mapped[str | None] = mapped_column(Id, nullable=True)


class SigningKey(Base):
    """Central-only secrets (the coupon QR's HMAC key). Never copied to a terminal, never logged."""

    __tablename__ = "signing_key"
    purpose: Mapped[str] = mapped_column(String(20), primary_key=True)
    secret: Mapped[bytes] = mapped_column(LargeBinary(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
