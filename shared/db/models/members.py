"""Members, points and stored balance (SPEC §9): decided centrally, exactly once per request."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from shared.db.models.base import Base
from shared.db.types import Fen, Id, UTCDateTime


class Member(Base):
    __tablename__ = "member"
    __table_args__ = (
        CheckConstraint("points >= 0", name="points"),
        CheckConstraint("balance_fen >= 0", name="balance"),
    )
    id: Mapped[str] = mapped_column(Id, primary_key=True)
    enterprise_id: Mapped[str] = mapped_column(Id, ForeignKey("enterprise.id"))
    phone: Mapped[str] = mapped_column(String(20), unique=True)
    name: Mapped[str] = mapped_column(String(60), default="")
    level: Mapped[str] = mapped_column(String(20), default="")
    points: Mapped[int] = mapped_column(Integer, default=0)
    balance_fen: Mapped[int] = mapped_column(Fen, default=0)
    #: active | disabled
    status: Mapped[str] = mapped_column(String(8), default="active")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class MemberLedger(Base):
    """Every change of a member's points or balance; ``request_id`` makes a retry a no-op."""

    __tablename__ = "member_ledger"
    id: Mapped[str] = mapped_column(Id, primary_key=True)
    member_id: Mapped[str] = mapped_column(Id, ForeignKey("member.id"), index=True)
    request_id: Mapped[str] = mapped_column(String(80), unique=True)
    #: earn | redeem (points paid) | pay (balance paid) | topup | release | refund | clawback
    kind: Mapped[str] = mapped_column(String(10))
    points_delta: Mapped[int] = mapped_column(Integer, default=0)
    balance_delta_fen: Mapped[int] = mapped_column(Fen, default=0)
    points_after: Mapped[int] = mapped_column(Integer)
    balance_after_fen: Mapped[int] = mapped_column(Fen)
    sale_id: Mapped[str | None] = mapped_column(Id, nullable=True, index=True)
    store_id: Mapped[str | None] = mapped_column(Id, nullable=True)
    terminal_id: Mapped[str | None] = mapped_column(Id, nullable=True)
    staff_id: Mapped[str | None] = mapped_column(Id, nullable=True)
    #: released / refunded: the request this one undoes
    undoes: Mapped[str | None] = mapped_column(String(80), nullable=True, unique=True)
    note: Mapped[str] = mapped_column(String(200), default="")
    at: Mapped[datetime] = mapped_column(UTCDateTime)
