"""A card-key product with a pool of keys, channel shops and channel orders written straight into
a central database, for the tests of the channel areas (the pool's own import service is tested
on its own). Keys are sealed with a test keyring, as the real import seals them."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from shared.db.models import CardKey, ChannelOrder, Product, Sku, Staff
from shared.db.uow import Database
from shared.domain.card_key_crypto import Keyring, hint
from shared.domain.ids import new_id
from shared.services import auth, channels
from shared.services.card_key_config import check_keyring


def new_keyring() -> Keyring:
    return Keyring.parse(Keyring.new_entry(1))


def actor(db: Database, account: str) -> auth.Actor:
    with db.reader() as uow:
        staff = uow.session.scalars(select(Staff).where(Staff.account == account)).one()
        return auth.actor_for(uow, staff)


def card_key_product(db: Database, code: str = "CK0001", name: str = "视频会员月卡") -> str:
    """A ``card_key`` product with one SKU (25.00); returns the SKU id."""
    with db.uow() as uow:
        s = uow.session
        now = uow.clock.now()
        product_id, sku_id = str(new_id()), str(new_id())
        s.add(
            Product(
                id=product_id,
                code=code,
                name=name,
                pinyin="",
                unit="张",
                kind="card_key",
                status="on",
                updated_at=now,
            )
        )
        s.flush()
        s.add(Sku(id=sku_id, product_id=product_id, code=code, price_fen=2500, updated_at=now))
        uow.commit()
    return sku_id


def add_keys(
    db: Database, keyring: Keyring, sku_id: str, n: int, prefix: str = "CARD"
) -> list[str]:
    """``n`` available keys ``CARD000001,PW0001`` ...; returns their texts. The keyring's check
    token is stored as at start-up."""
    texts = []
    fingerprint = keyring.fingerprinter()
    with db.uow() as uow:
        check_keyring(uow, keyring)
        s = uow.session
        now = uow.clock.now()
        start = s.query(CardKey).filter(CardKey.sku_id == sku_id).count()
        for i in range(start, start + n):
            key_id = str(new_id())
            text = f"{prefix}{i:06d},PW{i:04d}"
            secret, version = keyring.seal(text, key_id)
            s.add(
                CardKey(
                    id=key_id,
                    sku_id=sku_id,
                    secret=secret,
                    key_version=version,
                    fingerprint=fingerprint(text),
                    hint=hint(text),
                    state="available",
                    created_at=now,
                    updated_at=now,
                )
            )
            texts.append(text)
        uow.commit()
    return texts


def make_shop(db: Database, name: str = "星辰淘宝旗舰店", **values) -> str:
    data = {
        "name": name,
        "channel_type": "taobao",
        "channel_user_id": "tb_buyer_001",
        "balance_fen": 500_000,
        "redemption_domain": "dh.xingchen.example.com",
        "account": "xc_taobao",
        **values,
    }
    with db.uow() as uow:
        return channels.create_shop(uow, actor(db, "admin"), channels.ShopInput(**data))


def add_order(
    db: Database,
    shop_id: str,
    sku_id: str,
    order_no: str,
    *,
    created_at: datetime | None = None,
    **values,
) -> str:
    """A paid channel order of one unit (2500 fen), created now unless told."""
    with db.uow() as uow:
        now = uow.clock.now()
        order_id = str(new_id())
        row = {
            "id": order_id,
            "shop_id": shop_id,
            "order_no": order_no,
            "origin": "channel",
            "channel_user_id": "tb_buyer_001",
            "sku_id": sku_id,
            "quantity": 1,
            "amount_fen": 2500,
            "paid": True,
            "created_at": created_at or now,
            "imported_at": now,
            "updated_at": now,
            **values,
        }
        uow.session.add(ChannelOrder(**row))
        uow.commit()
    return order_id
