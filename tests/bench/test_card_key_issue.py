"""Benchmark: online card-key issuance with 8 concurrent counters on a PostgreSQL central.

8 counters, each its own process with its own engine (``InProcessGateway.for_url``), sell
``SALES`` one-key sales back to back: per sale the allocation (``card_key_allocate``: the pick
with ``FOR UPDATE SKIP LOCKED``, the conditional update, COMMIT, the answer) and the sale landing
(``bind_sale``: reserved → sold, COMMIT). All start together at a barrier; keys/s is the keys
issued by all of them over the wall time of the slowest.

Target (the issue's): at least 300 keys/s with zero duplicates. Needs ``STOREDESK_TEST_PG_URL``
(``scripts/run-tests.sh --bench`` starts a server); skips without.
"""

from __future__ import annotations

from sqlalchemy import func, select

from shared.db.engine import make_engine
from shared.db.migrate import upgrade
from shared.db.models import CardKey, Sku, Staff, Store
from shared.db.uow import Database
from shared.domain.card_key_crypto import Keyring
from shared.domain.clock import FixedClock
from shared.services import card_keys
from shared.services.auth import actor_for
from shared.services.demo import create_demo
from tests.bench import benchlib
from tests.faults import card_key_worker

COUNTERS = 8
SALES = 150
TARGET_KEYS_PER_S = 300


def test_card_key_issuance_8_counters_postgresql(pg_url_factory):
    url = pg_url_factory()
    clock = FixedClock()
    engine = make_engine(url)
    upgrade(engine)
    db = Database(engine, clock)
    try:
        keyring = Keyring.parse(Keyring.new_entry(1))
        create_demo(db, products=10, keyring=keyring)
        with db.uow() as uow:
            admin = actor_for(
                uow, uow.session.scalars(select(Staff).where(Staff.account == "admin")).one()
            )
            card_keys.generate_keys(uow, admin, keyring, "K004", COUNTERS * SALES + 200)
        with db.reader() as uow:
            sku_id = str(uow.session.scalar(select(Sku.id).where(Sku.code == "K004")))
            store_id = str(uow.session.scalar(select(Store.id).where(Store.code == "S01")))
        ctx = card_key_worker.worker_context()
        barrier = ctx.Barrier(COUNTERS)
        results = ctx.Queue()
        procs = [
            ctx.Process(
                target=card_key_worker.issue_many,
                args=(url, clock.now().isoformat(), sku_id, store_id, SALES, barrier, results),
                daemon=True,
            )
            for _ in range(COUNTERS)
        ]
        for p in procs:
            p.start()
        outs = [results.get(timeout=600) for _ in procs]
        for p in procs:
            p.join(timeout=10)
        errors = [o for o in outs if o.get("ok") is None]
        assert not errors, errors[0]["tb"]
        keys = [k for o in outs for k in o["keys"]]
        wall = max(o["seconds"] for o in outs)
        rate = len(keys) / wall
        with db.reader() as uow:
            sold = uow.session.scalar(
                select(func.count()).where(CardKey.sku_id == sku_id, CardKey.state == "sold")
            )
        duplicates = len(keys) - len(set(keys))
        print(
            f"\ncard-key issuance, {COUNTERS} counters x {SALES} sales on PostgreSQL: "
            f"{len(keys)} keys in {wall:.2f} s = {rate:.0f} keys/s, {duplicates} duplicates, "
            f"{sum(o['refused'] for o in outs)} refused"
        )
        benchlib.record(
            "card_key_issue_pg",
            {
                "counters": COUNTERS,
                "sales_each": SALES,
                "keys": len(keys),
                "seconds": round(wall, 3),
                "keys_per_s": round(rate, 1),
                "duplicates": duplicates,
            },
        )
        assert duplicates == 0 and sold == len(keys) == COUNTERS * SALES
        assert rate >= TARGET_KEYS_PER_S, f"{rate:.0f} keys/s is under {TARGET_KEYS_PER_S}"
    finally:
        db.dispose()
