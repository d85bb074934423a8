"""Store settlement (门店结算, SPEC §11): a statement per store and period, and the records it
settled.

A statement is ``draft`` (its figures are rebuilt from the records each time it is built),
``confirmed`` (figures frozen in ``figures``; the records it counted are written to
``settlement_item`` in the same transaction) or ``settled`` (paid: ``payment_ref`` and
``settled_on``). ``settlement_item``'s primary key (``doc_type``, ``doc_id``) is the last word
against a record being settled twice: a sale, refund or channel order belongs to at most one
confirmed statement. A record that arrives after its period was confirmed is picked up by the
next statement of the store as an adjustment (``adjustment``).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from shared.db.models.base import Base
from shared.db.types import Id, UTCDateTime


class SettlementStatement(Base):
    __tablename__ = "settlement_statement"
    __table_args__ = (
        UniqueConstraint("store_id", "period_start", name="uq_settlement_store_period"),
        CheckConstraint("state IN ('draft', 'confirmed', 'settled')", name="state"),
        CheckConstraint("period_kind IN ('day', 'week', 'month')", name="period_kind"),
        CheckConstraint("period_end > period_start", name="period_range"),
    )
    id: Mapped[str] = mapped_column(Id, primary_key=True)
    #: JS-S01-202610 (month), JS-S01-20261005 (day or the week starting that Monday)
    statement_no: Mapped[str] = mapped_column(String(40), unique=True)
    store_id: Mapped[str] = mapped_column(Id, ForeignKey("store.id"), index=True)
    period_kind: Mapped[str] = mapped_column(String(8))
    #: business days, the end excluded
    period_start: Mapped[date] = mapped_column(Date)
    period_end: Mapped[date] = mapped_column(Date)
    state: Mapped[str] = mapped_column(String(10), default="draft")
    #: every figure of the statement (``shared.domain.settlement.Figures.to_json``)
    figures: Mapped[dict] = mapped_column(JSON, default=dict)
    built_at: Mapped[datetime] = mapped_column(UTCDateTime)
    built_by: Mapped[str] = mapped_column(Id)
    confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    confirmed_by: Mapped[str | None] = mapped_column(Id, nullable=True)
    payment_ref: Mapped[str | None] = mapped_column(String(64), nullable=True)
    settled_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    settled_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    settled_by: Mapped[str | None] = mapped_column(Id, nullable=True)
    note: Mapped[str] = mapped_column(String(200), default="")


class SettlementItem(Base):
    """One record a confirmed statement counted: a sale, a refund or a channel order."""

    __tablename__ = "settlement_item"
    __table_args__ = (
        CheckConstraint("doc_type IN ('sale', 'refund', 'channel')", name="doc_type"),
        Index("ix_settlement_item_statement", "statement_id", "doc_type"),
    )
    doc_type: Mapped[str] = mapped_column(String(8), primary_key=True)
    doc_id: Mapped[str] = mapped_column(Id, primary_key=True)
    statement_id: Mapped[str] = mapped_column(Id, ForeignKey("settlement_statement.id"))
    store_id: Mapped[str] = mapped_column(Id)
    #: the record's business day was before the statement's period (it arrived late)
    adjustment: Mapped[bool] = mapped_column(Boolean, default=False)
