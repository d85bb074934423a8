"""Terminal-only tables: who this terminal is, its counters, its print queue, its parked sales.

They exist in the central schema too (one schema, one migration history) but stay empty there.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Boolean, Date, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from shared.db.models.base import Base
from shared.db.types import Id, UTCDateTime


class TerminalIdentity(Base):
    """The single row that says which terminal of which store this database file is."""

    __tablename__ = "terminal_identity"
    slot: Mapped[int] = mapped_column(Integer, primary_key=True, default=1)
    terminal_id: Mapped[str] = mapped_column(Id)
    store_id: Mapped[str] = mapped_column(Id)
    store_code: Mapped[str] = mapped_column(String(16))
    number: Mapped[int] = mapped_column(Integer)
    central_url: Mapped[str] = mapped_column(String(400))
    registered_at: Mapped[datetime] = mapped_column(UTCDateTime)
    printer: Mapped[dict] = mapped_column(JSON, default=dict)
    language: Mapped[str] = mapped_column(String(8), default="zh_CN")


class ReceiptCounter(Base):
    """Per terminal, per business day, per series (S = sale, R = refund): the last number used."""

    __tablename__ = "receipt_counter"
    terminal_id: Mapped[str] = mapped_column(Id, primary_key=True)
    business_date: Mapped[date] = mapped_column(Date, primary_key=True)
    series: Mapped[str] = mapped_column(String(1), primary_key=True)
    last_seq: Mapped[int] = mapped_column(Integer, default=0)


class PrintJob(Base):
    """The persistent print queue: a job is written in the same transaction as its document."""

    __tablename__ = "print_job"
    id: Mapped[str] = mapped_column(Id, primary_key=True)
    #: receipt | refund | shift_report
    document_kind: Mapped[str] = mapped_column(String(20))
    #: the receipt / refund number or shift id the job prints
    document_ref: Mapped[str] = mapped_column(String(40), index=True)
    #: the document as JSON (shared.printing.document.to_json)
    payload: Mapped[str] = mapped_column(Text)
    #: queued | printed | failed (failed jobs stay retryable)
    status: Mapped[str] = mapped_column(String(10), default="queued", index=True)
    reprint: Mapped[bool] = mapped_column(Boolean, default=False)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str] = mapped_column(String(300), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    printed_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)


class SuspendedSale(Base):
    """A parked cart (挂单); several per terminal. Resuming deletes the row."""

    __tablename__ = "suspended_sale"
    id: Mapped[str] = mapped_column(Id, primary_key=True)
    terminal_id: Mapped[str] = mapped_column(Id, index=True)
    cashier_id: Mapped[str] = mapped_column(Id)
    label: Mapped[str] = mapped_column(String(60), default="")
    cart: Mapped[dict] = mapped_column(JSON)
    total_fen: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class CentralHold(Base):
    """A coupon redeemed or a member's balance/points taken centrally for a sale not yet committed.

    Written (``pending``) before the central database is asked, ``held`` once it answered, and
    ``committed`` in the sale's own transaction. A hold whose sale never committed (abandoned,
    payment failed, the counter crashed) is released centrally with the same ``request_id``, so
    nothing is spent without a sale and a retry never spends twice.
    """

    __tablename__ = "central_hold"
    id: Mapped[str] = mapped_column(Id, primary_key=True)
    sale_id: Mapped[str] = mapped_column(Id, index=True)
    #: coupon | balance | points
    kind: Mapped[str] = mapped_column(String(8))
    #: the coupon code, or the member id
    ref: Mapped[str] = mapped_column(String(64))
    amount_fen: Mapped[int] = mapped_column(Integer, default=0)
    request_id: Mapped[str] = mapped_column(String(64), unique=True)
    #: pending | held | committed | released
    status: Mapped[str] = mapped_column(String(10), default="pending")
    #: what the central side answered (verification or ledger entry)
    detail: Mapped[dict] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
