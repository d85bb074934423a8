"""Card-key products, keyrings and key states for the tests of the card-key pools (SPEC §7).

``make_card_key_product`` writes a product of kind ``card_key`` with one SKU straight into a
central database (no change log: the pools are head office's alone); ``keyring`` makes a keyring
of fresh random keys; ``set_state`` puts keys into a state the way an issue would, without the
counter (for the refusals of void and delete)."""

from __future__ import annotations

import base64
import os

from sqlalchemy import select, update

from shared.db.models import AuditEntry, CardKey, Product, Sku, Staff
from shared.db.uow import Database
from shared.domain.card_key_crypto import Keyring
from shared.domain.ids import new_id
from shared.services import auth


def keyring(*versions: int) -> Keyring:
    """Fresh random 32-byte keys under ``versions`` (default: version 1 alone)."""
    return Keyring({v: os.urandom(32) for v in (versions or (1,))})


def keyring_text(ring: Keyring) -> str:
    """``ring`` as configuration (``VERSION:BASE64`` entries, comma-separated)."""
    return ",".join(
        f"{v}:{base64.urlsafe_b64encode(k).decode()}" for v, k in sorted(ring.keys.items())
    )


def make_card_key_product(
    db: Database,
    code: str = "CKT01",
    *,
    name: str = "测试游戏点卡 50元",
    price_fen: int = 5000,
    kind: str = "card_key",
) -> str:
    """A single-SKU product of ``kind`` whose product and SKU code are ``code``; returns the SKU
    id."""
    with db.uow() as uow:
        now = uow.clock.now()
        pid, sid = str(new_id()), str(new_id())
        uow.session.add(
            Product(
                id=pid,
                code=code,
                name=name,
                pinyin="",
                unit="张",
                kind=kind,
                serial_tracked=False,
                status="on",
                spec1_name="",
                spec2_name="",
                updated_at=now,
            )
        )
        uow.session.flush()
        uow.session.add(
            Sku(
                id=sid,
                product_id=pid,
                code=code,
                spec1="",
                spec2="",
                price_fen=price_fen,
                cost_fen=0,
                weighed=False,
                status="on",
                updated_at=now,
            )
        )
        uow.commit()
    return sid


def actor(db: Database, account: str) -> auth.Actor:
    with db.reader() as uow:
        staff = uow.session.scalars(select(Staff).where(Staff.account == account)).one()
        return auth.actor_for(uow, staff)


def key_ids(db: Database, sku_id: str) -> list[str]:
    with db.reader() as uow:
        return list(
            uow.session.scalars(
                select(CardKey.id).where(CardKey.sku_id == sku_id).order_by(CardKey.id)
            )
        )


def set_state(db: Database, key_id: str, state: str) -> None:
    """``reserved`` or ``sold`` as an issue leaves it (bound to a made-up sale)."""
    with db.uow() as uow:
        now = uow.clock.now()
        values: dict = {"state": state, "updated_at": now}
        if state in ("reserved", "sold"):
            values.update(sale_id=str(new_id()), line_key="1", unit_no=1)
        if state == "sold":
            values["sold_at"] = now
        uow.session.execute(update(CardKey).where(CardKey.id == key_id).values(**values))
        uow.commit()


def table_rows(db: Database) -> list[tuple]:
    """Every card-key row as stored (for before/after comparisons)."""
    with db.reader() as uow:
        cols = CardKey.__table__.c
        return [
            tuple(bytes(v) if isinstance(v, memoryview) else v for v in row)
            for row in uow.session.execute(select(*cols).order_by(cols.id))
        ]


def audits(db: Database, action_prefix: str = "card_keys.") -> list:
    """The audit entries whose action starts with ``action_prefix``, oldest first: rows with
    ``action``, ``target``, ``actor_id`` and ``detail``."""
    a = AuditEntry
    with db.reader() as uow:
        return list(
            uow.session.execute(
                select(a.action, a.target, a.actor_id, a.detail)
                .where(a.action.like(f"{action_prefix}%"))
                .order_by(a.at, a.id)
            )
        )
