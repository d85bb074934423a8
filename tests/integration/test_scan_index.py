"""The terminal's scan index (``models.local.ScanIndex``) always holds what the join says.

One row per barcode with what a cart line needs, for the terminal's store, kept in step by SQLite
triggers in the same statement as every write of ``barcode``, ``sku``, ``product``,
``store_price`` and ``terminal_identity``. Each test compares the whole table with the join the
``Session`` path runs (``queries.catalog.by_barcode`` for every barcode): after registration,
after each kind of pulled change and tombstone, after a pull batch that fails, after a refresh,
after migrating a terminal file that had no index; and only a registered terminal's SQLite file
with all the triggers reads it (PostgreSQL and the central database keep the table empty).
"""

from __future__ import annotations

import random
import sqlite3
import uuid
from contextlib import contextmanager
from dataclasses import replace
from datetime import timedelta

import pytest
from alembic import command
from sqlalchemy import delete, inspect, select, text, update

from shared.db.engine import make_engine
from shared.db.migrate import alembic_config, current_revision, head_revision, upgrade
from shared.db.models import Barcode, Product, Sku, Store, StorePrice, TerminalIdentity
from shared.db.models.local import SCAN_INDEX_TRIGGERS
from shared.db.queries import catalog as q
from shared.db.uow import Database
from shared.domain.barcode import is_valid_ean, looks_like_ean, with_check_digit
from shared.domain.errors import NotFound, ValidationError
from shared.domain.ids import new_id
from shared.services import catalog
from shared.services.terminal_setup import refresh_catalog
from shared.sync import changelog
from shared.sync.gateway import InProcessGateway
from shared.sync.pull import pull_stream

COLUMNS = (
    "code, store_id, sku_id, sku_code, name, unit, kind, price_fen, member_price_fen, weighed, "
    "serial_tracked, on_shelf"
)


def index_rows(db: Database) -> dict[str, tuple]:
    """The scan index as stored (flags as booleans; the store as the ``Id`` type stores it)."""
    with db.engine.connect() as c:
        rows = c.exec_driver_sql(f"SELECT {COLUMNS} FROM scan_index").all()
    return {r[0]: (r[1], *r[2:9], bool(r[9]), bool(r[10]), bool(r[11])) for r in rows}


def joined_rows(db: Database, store_id: str) -> dict[str, tuple]:
    """What the index must hold: the Session path's join for every barcode a scan looks up (a
    code that looks like an EAN but has a wrong check digit is refused before any lookup)."""
    out = {}
    with db.reader() as uow:
        s = uow.session
        for code in s.scalars(select(Barcode.code)):
            if looks_like_ean(code) and not is_valid_ean(code):
                continue
            r = q.by_barcode(s, store_id, code)
            if r is not None:
                out[code] = (
                    uuid.UUID(store_id).hex,
                    r.sku_id,
                    r.sku_code,
                    r.display_name,
                    r.unit,
                    r.kind,
                    r.price_fen,
                    r.member_price_fen,
                    r.weighed,
                    r.serial_tracked,
                    r.on_shelf,
                )
    return out


def assert_in_step(counter) -> dict[str, tuple]:
    rows = index_rows(counter.db)
    assert rows == joined_rows(counter.db, counter.ctx.store_id)
    return rows


@contextmanager
def head_office(counter):
    """A central unit of work whose head-office changes are logged, committed at the end."""
    with counter.central.uow() as uow:
        changelog.capture(uow.session, uow.clock)
        yield uow.session
        uow.commit()


def pull(counter) -> None:
    pull_stream(counter.db, InProcessGateway(counter.central))


def sku_of(s, code: str) -> Sku:
    return s.scalars(select(Sku).where(Sku.code == code)).one()


def store_id(s, code: str) -> str:
    return s.scalars(select(Store.id).where(Store.code == code)).one()


def outcome(fn):
    """A scan's line (without its new line id) or its refusal (type, code, message)."""
    try:
        line = fn()
    except (NotFound, ValidationError) as exc:
        return (type(exc).__name__, exc.code, str(exc), exc.details)
    return replace(line, line_id="")


def assert_scans_agree(counter, codes) -> None:
    """Each code: the counter's path (through the index) says what the Session path says."""
    for code in codes:
        with counter.db.reader() as uow:
            uow.session.connection()  # begun: the Session path (the join)
            expected = outcome(lambda: catalog.scan(uow, counter.ctx, code))  # noqa: B023
        assert outcome(lambda: catalog.scan_fast(counter.db, counter.ctx, code)) == expected  # noqa: B023


# ---- the table and its triggers ----------------------------------------------------------------


def test_the_migration_makes_the_table_and_on_sqlite_its_triggers(url_factory, backend):
    engine = make_engine(url_factory(empty=True))
    try:
        upgrade(engine)
        assert "scan_index" in inspect(engine).get_table_names()
        with engine.connect() as c:
            if backend == "sqlite":
                names = c.exec_driver_sql(
                    "SELECT name FROM sqlite_master WHERE type = 'trigger'"
                ).scalars()
                assert set(SCAN_INDEX_TRIGGERS) <= set(names)
                ddl = c.exec_driver_sql(
                    "SELECT sql FROM sqlite_master WHERE name = 'scan_index'"
                ).scalar()
                assert ddl.rstrip().upper().endswith("WITHOUT ROWID")
            else:
                n = c.execute(
                    text(
                        "SELECT count(*) FROM information_schema.triggers "
                        "WHERE trigger_name LIKE 'scan_index%'"
                    )
                ).scalar()
                assert n == 0  # PostgreSQL: the table only, never filled
    finally:
        engine.dispose()


def test_registration_fills_the_index_and_the_central_keeps_it_empty(counter, backend):
    with counter.db.reader() as uow:
        barcodes = len(uow.session.scalars(select(Barcode.code)).all())
    with counter.central.engine.connect() as c:
        assert c.exec_driver_sql("SELECT count(*) FROM scan_index").scalar() == 0
    lookup = counter.db.catalog_lookup(counter.ctx.store_id)
    code = counter.product(12)["barcode"]
    if backend == "postgresql":  # no triggers there: the table stays empty, the scan joins
        assert index_rows(counter.db) == {}
        assert lookup.scan_row(code) is None
    else:
        assert len(assert_in_step(counter)) == barcodes > 50
        assert lookup.scan_row(code) is not None
        # the central file has the triggers too, but no terminal identity: its lookup joins
        assert counter.central.catalog_lookup(counter.ctx.store_id).scan_row(code) is None
    assert_scans_agree(counter, [code, counter.product(13)["barcode"]])


# ---- every kind of pulled change, each in the same transaction as its rows ---------------------


def _price(counter, s):
    sku_of(s, "P000010").price_fen = 4321


def _store_prices(counter, s):
    here, other = counter.ctx.store_id, store_id(s, "S02")
    s.add(StorePrice(store_id=here, sku_id=sku_of(s, "P000011").id, price_fen=111))
    s.add(StorePrice(store_id=other, sku_id=sku_of(s, "P000012").id, price_fen=222))


def _store_price_changed_and_deleted(counter, s):
    here = counter.ctx.store_id
    s.add(StorePrice(store_id=here, sku_id=sku_of(s, "P000011").id, price_fen=111))
    s.add(StorePrice(store_id=here, sku_id=sku_of(s, "P000012").id, price_fen=333))
    s.flush()
    s.get(StorePrice, (here, sku_of(s, "P000011").id)).price_fen = 112
    s.delete(s.get(StorePrice, (here, sku_of(s, "P000012").id)))


def _product_off_shelf(counter, s):
    s.scalars(select(Product).where(Product.code == "P000013")).one().status = "off"


def _sku_off_shelf(counter, s):
    sku_of(s, "P000050-11").status = "off"


def _names_specs_and_flags(counter, s):
    p = s.scalars(select(Product).where(Product.code == "P000050")).one()
    p.name, p.unit, p.serial_tracked = "亚麻衬衫", "条", True
    sku_of(s, "P000050-00").spec1 = ""  # one spec left
    sku_of(s, "P000050-01").spec2 = ""
    sku_of(s, "P000014").member_price_fen = None
    sku_of(s, "P000015").member_price_fen = 1
    s.scalars(select(Product).where(Product.code == "P000016")).one().kind = "service"


def _barcode_deleted(counter, s):
    s.delete(s.get(Barcode, counter.product(17)["barcode"]))


def _barcode_moved(counter, s):
    s.get(Barcode, counter.product(18)["barcode"]).sku_id = sku_of(s, "P000019").id


def _new_item(counter, s):
    now = counter.central.clock.now()
    pid, sid = str(new_id()), str(new_id())
    s.add(Product(id=pid, code="NEW1", name="新品", updated_at=now))
    s.flush()
    s.add(Sku(id=sid, product_id=pid, code="NEW1", spec1="红", price_fen=250, updated_at=now))
    s.flush()
    s.add(Barcode(code=with_check_digit("690123456789"), sku_id=sid))


def _items_deleted(counter, s):
    # one SKU of the clothing product with its barcode; a whole product with its SKU and barcode
    sku = sku_of(s, "P000050-12")
    s.delete(s.scalars(select(Barcode).where(Barcode.sku_id == sku.id)).one())
    s.flush()
    s.delete(sku)
    s.delete(s.get(Barcode, counter.product(20)["barcode"]))
    s.flush()
    s.delete(sku_of(s, "P000020"))
    s.flush()
    s.delete(s.scalars(select(Product).where(Product.code == "P000020")).one())


def _scheduled_off_shelf(counter, s):
    """Head office schedules P000021 off an hour ago: the pull handler flips it, and the
    product row arrives like any other change."""
    p = s.scalars(select(Product).where(Product.code == "P000021")).one()
    p.off_shelf_at = counter.central.clock.now() - timedelta(hours=1)


CHANGES = {
    "price": _price,
    "store_prices": _store_prices,
    "store_price_changed_and_deleted": _store_price_changed_and_deleted,
    "product_off_shelf": _product_off_shelf,
    "sku_off_shelf": _sku_off_shelf,
    "names_specs_and_flags": _names_specs_and_flags,
    "barcode_deleted": _barcode_deleted,
    "barcode_moved": _barcode_moved,
    "new_item": _new_item,
    "items_deleted": _items_deleted,
    "scheduled_off_shelf": _scheduled_off_shelf,
}


@pytest.mark.parametrize("change", list(CHANGES))
def test_a_pulled_change_keeps_the_index_in_step(sqlite_counter, change):
    counter = sqlite_counter
    before = assert_in_step(counter)
    with head_office(counter) as s:
        CHANGES[change](counter, s)
    pull(counter)
    after = assert_in_step(counter)
    assert after != before  # the change reached the index
    touched = {c for c in before.keys() | after.keys() if before.get(c) != after.get(c)}
    assert_scans_agree(counter, sorted(touched) + ["P000010", "NOPE"])


def test_all_the_changes_in_one_pull_in_small_batches(sqlite_counter):
    counter = sqlite_counter
    for change in CHANGES.values():
        if change is not _store_prices:  # the same store price again would clash
            with head_office(counter) as s:
                change(counter, s)
    pull_stream(counter.db, InProcessGateway(counter.central), limit=3)
    rows = assert_in_step(counter)
    assert_scans_agree(counter, sorted(rows)[:40] + [counter.product(17)["barcode"]])


def test_a_pull_batch_that_fails_leaves_the_index_as_it_was(sqlite_counter):
    counter = sqlite_counter
    with head_office(counter) as s:
        _price(counter, s)
        _barcode_deleted(counter, s)
    before = assert_in_step(counter)

    class Broken(InProcessGateway):
        def pull(self, *args, **kwargs):  # the batch ends with a table the terminal refuses
            answer = super().pull(*args, **kwargs)
            answer["changes"].append({"table": "nope", "op": "upsert", "key": {}, "row": {}})
            return answer

    with pytest.raises(ValueError):
        pull_stream(counter.db, Broken(counter.central))
    assert assert_in_step(counter) == before  # rolled back with the rows it was applied with
    pull(counter)
    assert assert_in_step(counter) != before


# ---- other ways the catalog or the identity change ---------------------------------------------


def test_a_refresh_from_the_snapshot_keeps_the_index_in_step(sqlite_counter):
    counter = sqlite_counter
    with counter.central.uow() as uow:  # not in the change log: only a snapshot brings it
        s = uow.session
        s.execute(update(Sku).where(Sku.code == "P000010").values(price_fen=1234))
        s.execute(delete(Barcode).where(Barcode.code == counter.product(11)["barcode"]))
        uow.commit()
    refresh_catalog(counter.db, InProcessGateway(counter.central))
    rows = assert_in_step(counter)
    assert counter.product(11)["barcode"] not in rows
    assert rows[counter.product(10)["barcode"]][6] == 1234


def test_writes_made_on_the_terminal_itself_keep_it_in_step(sqlite_counter):
    """Some tests and tools write a terminal's catalog directly: the triggers see those too."""
    counter = sqlite_counter
    with counter.db.uow() as uow:
        s = uow.session
        s.execute(update(Sku).where(Sku.code == "P000010").values(member_price_fen=7))
        s.execute(update(Product).where(Product.code == "P000011").values(serial_tracked=True))
        uow.commit()
    rows = assert_in_step(counter)
    assert rows[counter.product(10)["barcode"]][7] == 7


def test_the_identity_decides_the_store_and_without_one_the_index_is_empty(sqlite_counter):
    counter = sqlite_counter
    with counter.db.uow() as uow:
        s = uow.session
        s2 = store_id(s, "S02")
        prices = s.execute(select(StorePrice.sku_id).where(StorePrice.store_id == s2)).all()
        assert prices, "the demo has store prices at S02"
        s.execute(update(TerminalIdentity).values(store_id=s2))
        uow.commit()
    assert index_rows(counter.db) == joined_rows(counter.db, s2)  # refilled for S02
    # a lookup for S01 now finds no row of its store: it joins
    code = counter.product(12)["barcode"]
    assert counter.db.catalog_lookup(counter.ctx.store_id).scan_row(code) is None
    assert_scans_agree(counter, [code])
    with counter.db.uow() as uow:
        uow.session.execute(delete(TerminalIdentity))
        uow.commit()
    assert index_rows(counter.db) == {}


def test_codes_a_scan_refuses_are_left_out(sqlite_counter):
    """The index leaves out codes that look like an EAN but have a wrong check digit (the scan
    refuses them before any lookup), so an indexed code needs no check: the SQL and
    ``is_valid_ean`` agree on every length and on codes that only look like digits."""
    counter = sqlite_counter
    rng = random.Random(7)
    codes = {"１２３４５６７８", "1234567a", "٣٣٣٣٣٣٣٣", "ABC-1", "2000001006759"}
    for n in range(1, 15):
        for _ in range(12):
            body = "".join(rng.choice("0123456789") for _ in range(n))
            codes.add(body)
            codes.add(with_check_digit(body))
    with head_office(counter) as s:
        sid = sku_of(s, "P000022").id
        for code in sorted(codes):
            s.add(Barcode(code=code, sku_id=sid))
    pull(counter)
    rows = assert_in_step(counter)
    bad = {c for c in codes if looks_like_ean(c) and not is_valid_ean(c)}
    assert bad and not bad & rows.keys()
    assert (codes - bad) <= rows.keys()
    assert_scans_agree(counter, sorted(bad)[:10] + sorted(codes - bad)[:20])


def test_the_migration_fills_an_existing_terminal_file(sqlite_counter):
    counter = sqlite_counter
    counter.db.dispose()
    command.downgrade(alembic_config(counter.db.engine), "0008")
    assert "scan_index" not in inspect(counter.db.engine).get_table_names()
    counter.db.dispose()
    assert upgrade(counter.db.engine) is True
    assert current_revision(counter.db.engine) == head_revision()
    assert len(assert_in_step(counter)) > 50
    assert_scans_agree(counter, [counter.product(12)["barcode"]])


def test_without_all_its_triggers_the_lookup_joins(sqlite_counter):
    counter = sqlite_counter
    code = counter.product(12)["barcode"]
    path = counter.db.engine.url.database
    counter.db.dispose()
    raw = sqlite3.connect(path)
    raw.execute(f"DROP TRIGGER {SCAN_INDEX_TRIGGERS[4]}")  # as a careless batch migration would
    raw.close()
    lookup = counter.db.catalog_lookup(counter.ctx.store_id)
    assert lookup.scan_row(code) is None and lookup._indexed is False
    assert_scans_agree(counter, [code, "P000012"])
