"""Sync tables (ARCHITECTURE.md, Sync): the terminal's outbox and pull state; the central inbox,
change log and the exceptions list a manager reviews.

One schema for both sides: terminal-only tables (``outbox``, ``sync_state``) stay empty on the
central database and central-only tables (``inbox``, ``change_log``, ``sync_exception``) stay
empty in a terminal file.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, BigInteger, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from shared.db.models.base import Base
from shared.db.types import Id, UTCDateTime

#: a 64-bit id on PostgreSQL; on SQLite an INTEGER PRIMARY KEY, so the id is the rowid
RowId = BigInteger().with_variant(Integer, "sqlite")


class Outbox(Base):
    """Terminal: what it authored and has not yet had acknowledged by the central database.

    A row is written in the same local transaction as the document it carries; ``seq`` is the
    push order. ``status``: pending -> sent (with the central ``result``) or rejected (the central
    side refused the message id itself, e.g. reused with a different payload).
    """

    __tablename__ = "outbox"
    __table_args__ = (
        Index("ix_outbox_status_seq", "status", "seq"),
        {"sqlite_autoincrement": True},
    )
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    msg_id: Mapped[str] = mapped_column(Id, unique=True)
    #: sale | refund | shift_open | cash_movement | shift_close
    kind: Mapped[str] = mapped_column(String(20))
    payload: Mapped[dict] = mapped_column(JSON)
    payload_version: Mapped[int] = mapped_column(Integer)
    #: pending | sent | rejected
    status: Mapped[str] = mapped_column(String(10), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str] = mapped_column(String(300), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    result: Mapped[dict | None] = mapped_column(JSON, nullable=True)


class SyncState(Base):
    """Terminal: one row per pulled stream (its cursor) and what the last contact said.

    Times are the terminal's clock (``last_*_at``); ``clock_offset_ms`` is server minus terminal,
    measured at the last handshake.
    """

    __tablename__ = "sync_state"
    stream: Mapped[str] = mapped_column(String(40), primary_key=True)
    cursor: Mapped[int] = mapped_column(BigInteger, default=0)
    last_pull_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    last_push_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    last_contact_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    #: when the last attempt to reach the central database was made, and how it ended
    last_attempt_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    last_error: Mapped[str] = mapped_column(String(300), default="")
    clock_offset_ms: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    min_pull_version: Mapped[int | None] = mapped_column(Integer, nullable=True)


class Inbox(Base):
    """Central: every message id ever received, with the result it got, written in the same
    transaction as the rows the message created (so a replay returns the stored result)."""

    __tablename__ = "inbox"
    msg_id: Mapped[str] = mapped_column(Id, primary_key=True)
    terminal_id: Mapped[str] = mapped_column(Id, index=True)
    store_id: Mapped[str] = mapped_column(Id)
    kind: Mapped[str] = mapped_column(String(20))
    payload_digest: Mapped[str] = mapped_column(String(64))
    payload_version: Mapped[int] = mapped_column(Integer)
    result: Mapped[dict] = mapped_column(JSON)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime)


class ChangeLog(Base):
    """Central: every change of head-office data, in commit order per stream (the pull cursor).

    ``row`` is the whole row as JSON (``sync.codec``) for an upsert, NULL for a delete (a
    tombstone); ``row_key`` is the primary key either way.
    """

    __tablename__ = "change_log"
    __table_args__ = (
        Index("ix_change_log_stream_id", "stream", "id"),
        {"sqlite_autoincrement": True},
    )
    id: Mapped[int] = mapped_column(RowId, primary_key=True, autoincrement=True)
    stream: Mapped[str] = mapped_column(String(40))
    table_name: Mapped[str] = mapped_column(String(40))
    row_key: Mapped[dict] = mapped_column(JSON)
    #: upsert | delete
    op: Mapped[str] = mapped_column(String(8))
    row: Mapped[dict | None] = mapped_column(JSON, nullable=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime)


class SyncException(Base):
    """Central: something a manager should look at in a document that was accepted anyway
    (a stale price, a sale in a shift the server had closed, a reused receipt number ...)."""

    __tablename__ = "sync_exception"
    __table_args__ = (Index("ix_sync_exception_store_created", "store_id", "created_at"),)
    id: Mapped[str] = mapped_column(Id, primary_key=True)
    store_id: Mapped[str] = mapped_column(Id)
    terminal_id: Mapped[str] = mapped_column(Id)
    kind: Mapped[str] = mapped_column(String(30))
    #: sale | refund | shift | cash_movement | journal_entry | payment
    document_kind: Mapped[str] = mapped_column(String(20))
    document_id: Mapped[str] = mapped_column(String(40))
    detail: Mapped[dict] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    resolved_by: Mapped[str | None] = mapped_column(Id, nullable=True)
