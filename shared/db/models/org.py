"""Organisation and people (SPEC §1): enterprise, stores, terminals, staff."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Boolean, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from shared.db.models.base import Base
from shared.db.types import Fen, Id, UTCDateTime


class Enterprise(Base):
    __tablename__ = "enterprise"
    id: Mapped[str] = mapped_column(Id, primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    #: refund approval threshold, weighed-barcode format, receipt language ...
    settings: Mapped[dict] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Store(Base):
    __tablename__ = "store"
    id: Mapped[str] = mapped_column(Id, primary_key=True)
    enterprise_id: Mapped[str] = mapped_column(Id, ForeignKey("enterprise.id"))
    code: Mapped[str] = mapped_column(String(16), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    address: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    introduction: Mapped[str] = mapped_column(Text, default="")
    image: Mapped[str] = mapped_column(String(300), default="")
    status: Mapped[str] = mapped_column(String(16), default="open")
    timezone: Mapped[str] = mapped_column(String(64), default="Asia/Shanghai")
    #: refunds above this need a manager's PIN (None: the enterprise default)
    refund_approval_fen: Mapped[int | None] = mapped_column(Fen, nullable=True)
    receipt_header: Mapped[str] = mapped_column(String(200), default="")
    receipt_footer: Mapped[str] = mapped_column(String(200), default="")
    #: how often the store is settled (SPEC §11): day | week | month
    settlement_period: Mapped[str] = mapped_column(
        String(8), default="month", server_default="month"
    )
    #: head office's commission / platform fee on the store's income, in basis points (300 = 3 %)
    fee_rate_bp: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Terminal(Base):
    """A counter of one store. Its number appears in every receipt number it issues, so numbers
    are unique across the enterprise (S01 has 1 and 2, S02 then 3 ...)."""

    __tablename__ = "terminal"
    id: Mapped[str] = mapped_column(Id, primary_key=True)
    store_id: Mapped[str] = mapped_column(Id, ForeignKey("store.id"))
    number: Mapped[int] = mapped_column(Integer, unique=True)
    name: Mapped[str] = mapped_column(String(60), default="")
    status: Mapped[str] = mapped_column(String(16), default="active")
    registered_at: Mapped[datetime] = mapped_column(UTCDateTime)
    #: the central clock at its last push: a card key reserved for one of its sales is given
    #: back only after the terminal has pushed since the reservation ran out
    last_push_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)


class Staff(Base):
    __tablename__ = "staff"
    id: Mapped[str] = mapped_column(Id, primary_key=True)
    enterprise_id: Mapped[str] = mapped_column(Id, ForeignKey("enterprise.id"))
    account: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(60))
    position: Mapped[str] = mapped_column(String(60), default="")
    password_hash: Mapped[str] = mapped_column(String(200))
    pin_hash: Mapped[str | None] = mapped_column(String(200), nullable=True)
    #: comma-separated roles: cashier, verifier, guide, manager, admin
    roles: Mapped[str] = mapped_column(String(100))
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class StaffStore(Base):
    __tablename__ = "staff_store"
    staff_id: Mapped[str] = mapped_column(Id, ForeignKey("staff.id"), primary_key=True)
    store_id: Mapped[str] = mapped_column(Id, ForeignKey("store.id"), primary_key=True)


class AuditEntry(Base):
    """Who did what: approvals, logins locked, settings changed. Never a secret in ``detail``."""

    __tablename__ = "audit_entry"
    id: Mapped[str] = mapped_column(Id, primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    store_id: Mapped[str | None] = mapped_column(Id, nullable=True)
    actor_id: Mapped[str | None] = mapped_column(Id, nullable=True)
    action: Mapped[str] = mapped_column(String(60))
    target: Mapped[str] = mapped_column(String(120), default="")
    detail: Mapped[dict] = mapped_column(JSON, default=dict)
