"""Card keys (卡密, SPEC §7) and e-commerce channel orders (SPEC §8).

The pool (``card_key``) is central. A key's text is never stored in clear: ``secret`` is
AES-256-GCM under a key from configuration (``shared.domain.card_key_crypto``), bound to the row's
id; ``fingerprint`` (an HMAC of the normalised text) finds duplicates without decrypting; ``hint``
is the last four characters of the card number, for a masked display.

States: ``available`` → ``reserved`` (held for an unpaid sale or order until ``reserved_until``,
or leased to a terminal: ``lease_id``) → ``sold``; ``available`` → ``void``; a sold key replaced by
a manager is ``void`` with its reason. The partial unique index on (``sale_id``, ``line_key``,
``unit_no``) is the last word against one unit of a sale line getting two keys, and a key row can
be bound to one sale only, so no key is ever issued twice.

``sale_card_key`` rows travel with the sale from the terminal (which key each unit got, with the
ciphertext for a reprint); ``leased_card_key`` is the terminal's copy of its lease, for offline
selling.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    LargeBinary,
    String,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from shared.db.models.base import Base
from shared.db.types import Fen, Id, UTCDateTime

#: a key's text (card number, or card number and password) after normalising, at most
MAX_KEY_TEXT = 512


class CardKeyCheck(Base):
    """One row per encryption-key version ever used: a known text encrypted under it, so a
    wrong key in the configuration is refused at start-up before anything is decrypted or
    written."""

    __tablename__ = "card_key_check"
    version: Mapped[int] = mapped_column(Integer, primary_key=True)
    check: Mapped[bytes] = mapped_column(LargeBinary(128))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class CardKeyPool(Base):
    """The settings of a card-key product's pool. ``stock_setting`` is the quota still to sell
    (None: no quota): sellable = min(stock_setting, available keys); issuing takes from it,
    giving a reservation back returns to it."""

    __tablename__ = "card_key_pool"
    sku_id: Mapped[str] = mapped_column(Id, primary_key=True)
    stock_setting: Mapped[int | None] = mapped_column(Integer, nullable=True)
    #: minutes an unpaid reservation holds a key
    reserve_minutes: Mapped[int] = mapped_column(Integer, default=30)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class CardKeyBatch(Base):
    """One import (or generation) into a pool, with its counts."""

    __tablename__ = "card_key_batch"
    id: Mapped[str] = mapped_column(Id, primary_key=True)
    sku_id: Mapped[str] = mapped_column(Id, index=True)
    #: import | generate
    source: Mapped[str] = mapped_column(String(10))
    file_name: Mapped[str] = mapped_column(String(200), default="")
    read: Mapped[int] = mapped_column(Integer, default=0)
    added: Mapped[int] = mapped_column(Integer, default=0)
    duplicate: Mapped[int] = mapped_column(Integer, default=0)
    invalid: Mapped[int] = mapped_column(Integer, default=0)
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    created_by: Mapped[str | None] = mapped_column(Id, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class CardKey(Base):
    __tablename__ = "card_key"
    __table_args__ = (
        UniqueConstraint("sku_id", "fingerprint"),
        Index(
            "uq_card_key_sale_unit",
            "sale_id",
            "line_key",
            "unit_no",
            unique=True,
            sqlite_where=text("sale_id IS NOT NULL"),
            postgresql_where=text("sale_id IS NOT NULL"),
        ),
        Index("ix_card_key_pick", "sku_id", "state", "id"),
        Index("ix_card_key_lease", "lease_id"),
        Index("ix_card_key_reserved", "state", "reserved_until"),
        CheckConstraint("state IN ('available', 'reserved', 'sold', 'void')", name="state"),
    )
    id: Mapped[str] = mapped_column(Id, primary_key=True)
    sku_id: Mapped[str] = mapped_column(Id)
    batch_id: Mapped[str | None] = mapped_column(Id, nullable=True)
    #: nonce (12 bytes) + AES-256-GCM ciphertext and tag; associated data: the row id
    secret: Mapped[bytes] = mapped_column(LargeBinary(600))
    key_version: Mapped[int] = mapped_column(Integer)
    #: HMAC-SHA256 (hex) of the normalised text under a key derived from the encryption key
    fingerprint: Mapped[str] = mapped_column(String(64))
    #: last four characters of the card number: "****1234"
    hint: Mapped[str] = mapped_column(String(8), default="")
    state: Mapped[str] = mapped_column(String(10), default="available")
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    #: reserved for an unpaid sale (its id) or channel order until ``reserved_until``
    reserved_until: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    #: the terminal lease holding it (reserved, sold offline from the lease)
    lease_id: Mapped[str | None] = mapped_column(Id, nullable=True)
    #: the sale (and its line and unit) it is reserved for or sold to
    store_id: Mapped[str | None] = mapped_column(Id, nullable=True)
    terminal_id: Mapped[str | None] = mapped_column(Id, nullable=True)
    sale_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    line_key: Mapped[str | None] = mapped_column(String(64), nullable=True)
    unit_no: Mapped[int | None] = mapped_column(Integer, nullable=True)
    channel_order_id: Mapped[str | None] = mapped_column(Id, nullable=True, index=True)
    sold_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    void_reason: Mapped[str] = mapped_column(String(200), default="")
    #: the key that replaced it (a manager's replacement of a wrong key)
    replaced_by: Mapped[str | None] = mapped_column(Id, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class CardKeyLease(Base):
    """N keys of a product held by a terminal for offline selling (SPEC §7): active →
    returned | expired (unsold keys back to the pool) | quarantined (a lost terminal: its keys
    are never reissued automatically)."""

    __tablename__ = "card_key_lease"
    __table_args__ = (
        CheckConstraint("state IN ('active', 'returned', 'expired', 'quarantined')", name="state"),
    )
    id: Mapped[str] = mapped_column(Id, primary_key=True)
    terminal_id: Mapped[str] = mapped_column(Id, index=True)
    sku_id: Mapped[str] = mapped_column(Id)
    state: Mapped[str] = mapped_column(String(12), default="active")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    closed_by: Mapped[str | None] = mapped_column(Id, nullable=True)
    note: Mapped[str] = mapped_column(String(200), default="")


class SaleCardKey(Base):
    """Which key each unit of a sale's card-key line got. Written by the terminal in the sale's
    transaction, pushed with the sale; the central side binds the pool's key to the sale when
    the sale lands. ``secret``: the ciphertext, for reprinting the receipt."""

    __tablename__ = "sale_card_key"
    __table_args__ = (
        ForeignKeyConstraint(["store_id", "sale_id"], ["sale.store_id", "sale.id"]),
        UniqueConstraint("store_id", "sale_line_id", "unit_no"),
        UniqueConstraint("card_key_id"),
    )
    store_id: Mapped[str] = mapped_column(Id, primary_key=True)
    id: Mapped[str] = mapped_column(Id, primary_key=True)
    sale_id: Mapped[str] = mapped_column(Id, index=True)
    sale_line_id: Mapped[str] = mapped_column(Id)
    unit_no: Mapped[int] = mapped_column(Integer)
    card_key_id: Mapped[str] = mapped_column(Id)
    #: pool (issued online) | lease (issued offline from the terminal's lease)
    source: Mapped[str] = mapped_column(String(6))
    lease_id: Mapped[str | None] = mapped_column(Id, nullable=True)
    secret: Mapped[bytes] = mapped_column(LargeBinary(600))
    key_version: Mapped[int] = mapped_column(Integer)
    hint: Mapped[str] = mapped_column(String(8), default="")


class LeasedCardKey(Base):
    """Terminal only: a key of this terminal's lease (ciphertext as in the pool)."""

    __tablename__ = "leased_card_key"
    __table_args__ = (Index("ix_leased_card_key_pick", "sku_id", "state", "expires_at"),)
    id: Mapped[str] = mapped_column(Id, primary_key=True)
    lease_id: Mapped[str] = mapped_column(Id)
    sku_id: Mapped[str] = mapped_column(Id)
    secret: Mapped[bytes] = mapped_column(LargeBinary(600))
    key_version: Mapped[int] = mapped_column(Integer)
    hint: Mapped[str] = mapped_column(String(8), default="")
    #: available | sold | returning | returned
    state: Mapped[str] = mapped_column(String(10), default="available")
    #: the lease's expiry: not sold offline after it
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    sale_id: Mapped[str | None] = mapped_column(Id, nullable=True)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime)


# ---- e-commerce channels (SPEC §8) ------------------------------------------------------------


class ChannelShop(Base):
    """An outside shop (Taobao, Pinduoduo, ...) selling the enterprise's card keys and coupons."""

    __tablename__ = "channel_shop"
    id: Mapped[str] = mapped_column(Id, primary_key=True)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    name: Mapped[str] = mapped_column(String(60), unique=True)
    #: taobao | pinduoduo | jd | douyin | other
    channel_type: Mapped[str] = mapped_column(String(12))
    #: the channel-side user id that places orders
    channel_user_id: Mapped[str] = mapped_column(String(64), default="")
    balance_fen: Mapped[int] = mapped_column(Fen, default=0)
    #: the balance at the last sync, for the "changed sharply" alert
    last_balance_fen: Mapped[int | None] = mapped_column(Fen, nullable=True)
    redemption_domain: Mapped[str] = mapped_column(String(120), default="")
    account: Mapped[str] = mapped_column(String(64), default="")
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class ChannelOrder(Base):
    """An order placed on a channel shop: delivered (a card key issued) once, redeemed,
    verified, and handled after sale."""

    __tablename__ = "channel_order"
    __table_args__ = (
        UniqueConstraint("shop_id", "order_no"),
        Index("ix_channel_order_created", "created_at"),
        Index("ix_channel_order_verified", "verified_store_id", "verified_at"),
        CheckConstraint("redeem_state IN ('pending', 'redeemed')", name="redeem_state"),
        CheckConstraint("verify_state IN ('pending', 'verified')", name="verify_state"),
        CheckConstraint(
            "after_sale IN ('none', 'pending', 'refunded', 'reissued')", name="after_sale"
        ),
    )
    id: Mapped[str] = mapped_column(Id, primary_key=True)
    shop_id: Mapped[str] = mapped_column(Id, ForeignKey("channel_shop.id"), index=True)
    order_no: Mapped[str] = mapped_column(String(64))
    #: platform (placed on the enterprise's own platform) | channel (an outside shop)
    origin: Mapped[str] = mapped_column(String(8), default="channel")
    channel_user_id: Mapped[str] = mapped_column(String(64), default="")
    sku_id: Mapped[str] = mapped_column(Id)
    quantity: Mapped[int] = mapped_column(Integer, default=1)
    amount_fen: Mapped[int] = mapped_column(Fen, default=0)
    paid: Mapped[bool] = mapped_column(Boolean, default=True)
    #: a test or invalid order (the only kind that may be deleted)
    test: Mapped[bool] = mapped_column(Boolean, default=False)
    redeem_state: Mapped[str] = mapped_column(String(8), default="pending")
    verify_state: Mapped[str] = mapped_column(String(8), default="pending")
    after_sale: Mapped[str] = mapped_column(String(8), default="none")
    frozen: Mapped[bool] = mapped_column(Boolean, default=False)
    rejected: Mapped[bool] = mapped_column(Boolean, default=False)
    reason: Mapped[str] = mapped_column(String(200), default="")
    redemption_link: Mapped[str] = mapped_column(String(300), default="")
    #: the code a customer shows at a store to redeem the order (核销码)
    redeem_code: Mapped[str | None] = mapped_column(String(32), nullable=True, unique=True)
    delivered_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    redeemed_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    verified_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    verified_store_id: Mapped[str | None] = mapped_column(Id, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    imported_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
