"""Catalog (SPEC §2): categories, products, SKUs with up to two spec dimensions, barcodes, store prices."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from shared.db.models.base import Base
from shared.db.types import Fen, Id, UTCDateTime


class Category(Base):
    __tablename__ = "category"
    id: Mapped[str] = mapped_column(Id, primary_key=True)
    parent_id: Mapped[str | None] = mapped_column(Id, ForeignKey("category.id"), nullable=True)
    name: Mapped[str] = mapped_column(String(60))
    level: Mapped[int] = mapped_column(Integer, default=1)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)


class Product(Base):
    __tablename__ = "product"
    id: Mapped[str] = mapped_column(Id, primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    #: pinyin initials of the name, lower case ("kkkl" for 可口可乐), for counter search
    pinyin: Mapped[str] = mapped_column(String(120), default="", index=True)
    category_id: Mapped[str | None] = mapped_column(Id, ForeignKey("category.id"), nullable=True)
    unit: Mapped[str] = mapped_column(String(16), default="件")
    #: goods | service | card_key
    kind: Mapped[str] = mapped_column(String(16), default="goods")
    serial_tracked: Mapped[bool] = mapped_column(Boolean, default=False)
    #: on | off
    status: Mapped[str] = mapped_column(String(8), default="on")
    spec1_name: Mapped[str] = mapped_column(String(30), default="")
    spec2_name: Mapped[str] = mapped_column(String(30), default="")
    on_shelf_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    off_shelf_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Sku(Base):
    __tablename__ = "sku"
    id: Mapped[str] = mapped_column(Id, primary_key=True)
    product_id: Mapped[str] = mapped_column(Id, ForeignKey("product.id"), index=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    spec1: Mapped[str] = mapped_column(String(30), default="")
    spec2: Mapped[str] = mapped_column(String(30), default="")
    price_fen: Mapped[int] = mapped_column(Fen)
    member_price_fen: Mapped[int | None] = mapped_column(Fen, nullable=True)
    cost_fen: Mapped[int] = mapped_column(Fen, default=0)
    #: scale PLU for weighed goods, matched against the PLU in a weighed EAN-13
    plu: Mapped[str | None] = mapped_column(String(8), nullable=True, unique=True)
    weighed: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[str] = mapped_column(String(8), default="on")
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Barcode(Base):
    __tablename__ = "barcode"
    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    sku_id: Mapped[str] = mapped_column(Id, ForeignKey("sku.id"), index=True)


class StorePrice(Base):
    __tablename__ = "store_price"
    store_id: Mapped[str] = mapped_column(Id, ForeignKey("store.id"), primary_key=True)
    sku_id: Mapped[str] = mapped_column(Id, ForeignKey("sku.id"), primary_key=True)
    price_fen: Mapped[int] = mapped_column(Fen)


Index("ix_product_name", Product.name)
# scheduled on/off shelf: the few products with a time set, looked up before every pull
Index(
    "ix_product_on_shelf_at",
    Product.on_shelf_at,
    sqlite_where=Product.on_shelf_at.isnot(None),
    postgresql_where=Product.on_shelf_at.isnot(None),
)
Index(
    "ix_product_off_shelf_at",
    Product.off_shelf_at,
    sqlite_where=Product.off_shelf_at.isnot(None),
    postgresql_where=Product.off_shelf_at.isnot(None),
)
