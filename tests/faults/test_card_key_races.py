"""Card keys under races (SPEC §7 "no key is ever issued twice"), on a SQLite-file central and on
PostgreSQL: 50 buyers in 50 processes against a pool of 30 keys get 30 distinct keys and 20
clear "sold out" answers; the pool's stock setting holds under the same race."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select, update

from shared.db.engine import make_engine
from shared.db.migrate import upgrade
from shared.db.models import CardKey, CardKeyPool, Sku, Staff, Store
from shared.db.uow import Database
from shared.domain.card_key_crypto import Keyring
from shared.services import card_keys
from shared.services.auth import actor_for
from shared.services.demo import create_demo
from tests.faults import card_key_worker

BUYERS = 50
KEYS = 30


@pytest.fixture
def pool(url_factory, clock):
    """A central with K004 holding ``KEYS`` keys; yields (url, db, sku_id, store_id)."""
    url = url_factory()
    engine = make_engine(url)
    upgrade(engine)
    db = Database(engine, clock)
    keyring = Keyring.parse(Keyring.new_entry(1))
    create_demo(db, products=10, keyring=keyring)
    with db.uow() as uow:
        admin = actor_for(
            uow, uow.session.scalars(select(Staff).where(Staff.account == "admin")).one()
        )
        card_keys.generate_keys(uow, admin, keyring, "K004", KEYS)
    with db.reader() as uow:
        sku_id = str(uow.session.scalar(select(Sku.id).where(Sku.code == "K004")))
        store_id = str(uow.session.scalar(select(Store.id).where(Store.code == "S01")))
    yield url, db, sku_id, store_id
    db.dispose()


def _race(url, clock, sku_id, store_id, buyers: int = BUYERS) -> list[dict]:
    ctx = card_key_worker.worker_context()
    barrier = ctx.Barrier(buyers)
    results = ctx.Queue()
    procs = [
        ctx.Process(
            target=card_key_worker.buy,
            args=(url, clock.now().isoformat(), sku_id, store_id, barrier, results),
            daemon=True,
        )
        for _ in range(buyers)
    ]
    for p in procs:
        p.start()
    answers = []
    try:
        for _ in procs:
            answers.append(results.get(timeout=120))
    finally:
        for p in procs:
            p.join(timeout=10)
            if p.is_alive():
                p.kill()
    errors = [a for a in answers if a.get("ok") is None]
    assert not errors, errors[0]["tb"]
    return answers


def _sold(db: Database, sku_id: str) -> list:
    with db.reader() as uow:
        return uow.session.execute(
            select(CardKey.id, CardKey.sale_id).where(
                CardKey.sku_id == sku_id, CardKey.state == "sold"
            )
        ).all()


@pytest.mark.slow
def test_fifty_buyers_thirty_keys(pool, clock):
    url, db, sku_id, store_id = pool
    answers = _race(url, clock, sku_id, store_id)
    won = [a for a in answers if a["ok"]]
    lost = [a for a in answers if not a["ok"]]
    assert len(won) == KEYS and len(lost) == BUYERS - KEYS
    for a in lost:
        assert a["reason"] == "sold_out", a
        assert "sold out" in a["message"]
    issued = [k["card_key_id"] for a in won for k in a["keys"]]
    assert len(issued) == len(set(issued)) == KEYS
    sold = _sold(db, sku_id)
    assert {str(k) for k, _ in sold} == set(issued)
    assert len({s for _, s in sold}) == KEYS  # one sale each
    with db.reader() as uow:
        assert (
            uow.session.scalar(
                select(func.count()).where(CardKey.sku_id == sku_id, CardKey.state != "sold")
            )
            == 0
        )


@pytest.mark.slow
def test_the_stock_setting_holds_under_the_race(pool, clock):
    url, db, sku_id, store_id = pool
    with db.uow() as uow:
        uow.session.execute(
            update(CardKeyPool).where(CardKeyPool.sku_id == sku_id).values(stock_setting=6)
        )
        uow.commit()
    answers = _race(url, clock, sku_id, store_id, buyers=16)
    assert sum(1 for a in answers if a["ok"]) == 6
    assert all(a["reason"] == "sold_out" for a in answers if not a["ok"])
    assert len(_sold(db, sku_id)) == 6
    with db.reader() as uow:
        assert uow.session.get(CardKeyPool, sku_id).stock_setting == 0
