"""Terminal-only tables: who this terminal is, its counters, its print queue, its parked sales,
and the scan index its counter reads.

They exist in the central schema too (one schema, one migration history) but stay empty there.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Boolean, Date, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from shared.db.models.base import Base
from shared.db.types import Fen, Id, UTCDateTime


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


class ScanIndex(Base):
    """One row per barcode with everything the counter's cart line needs, for the terminal's
    store: derived from ``barcode``, ``sku``, ``product``, ``store_price`` and the terminal's
    identity, so that a scan reads one row by its primary key instead of joining four tables.

    Kept in step by SQLite triggers (``SCAN_INDEX_TRIGGERS``, created by migration ``0009``) on
    those five tables: every write to them, a pulled change or its tombstone, the registration
    snapshot, anything else, rewrites the rows it affects in the same statement, so in the same
    transaction. The triggers do nothing while the file has no terminal identity (the central
    database, a terminal file before registration); registering fills the table. Only the
    counter's ``CatalogLookup`` reads it, and only on a SQLite file where all the triggers are
    there; elsewhere (PostgreSQL, no triggers) the table stays empty and the scan joins. A
    migration that rebuilds one of the five tables on SQLite (batch mode copies and drops it)
    drops its triggers too and must create them again; ``tests/integration/test_scan_index.py``
    checks that they are all there at head.
    """

    __tablename__ = "scan_index"
    __table_args__ = {"sqlite_with_rowid": False}
    #: the barcode
    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    #: the store whose price the row holds: the terminal's
    store_id: Mapped[str] = mapped_column(Id)
    #: the SKU's id as the app's text (the dashed UUID, as the ``Id`` type reads it): not an
    #: ``Id`` column, so a scan takes it as it is
    sku_id: Mapped[str] = mapped_column(String(36), index=True)
    sku_code: Mapped[str] = mapped_column(String(40))
    #: the product's name and the SKU's specs, as ``SkuRow.display_name`` puts them together
    name: Mapped[str] = mapped_column(String(200))
    unit: Mapped[str] = mapped_column(String(16))
    kind: Mapped[str] = mapped_column(String(16))
    #: the store's price, else the SKU's
    price_fen: Mapped[int] = mapped_column(Fen)
    member_price_fen: Mapped[int | None] = mapped_column(Fen, nullable=True)
    weighed: Mapped[bool] = mapped_column(Boolean)
    serial_tracked: Mapped[bool] = mapped_column(Boolean)
    #: the product's and the SKU's status are both ``on``
    on_shelf: Mapped[bool] = mapped_column(Boolean)


#: the triggers that keep ``scan_index`` in step (SQLite only; migration ``0009``)
SCAN_INDEX_TRIGGERS = tuple(
    f"scan_index_{table}_{op}"
    for table in ("barcode", "sku", "product", "store_price", "terminal_identity")
    for op in ("insert", "update", "delete")
)
