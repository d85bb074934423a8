"""Pull: head-office changes reach the terminal incrementally through the change log."""

from __future__ import annotations

import threading
import time

import pytest
from sqlalchemy import select, text

from shared.db.engine import make_engine
from shared.db.models import Barcode, Enterprise, Product, Sku, Staff, StorePrice, SyncState
from shared.db.uow import Database
from shared.domain.errors import NotFound
from shared.domain.ids import new_id
from shared.services import catalog
from shared.services.context import load_terminal
from shared.services.terminal_setup import register
from shared.sync import changelog
from shared.sync.gateway import InProcessGateway
from shared.sync.protocol import HEAD_OFFICE
from shared.sync.pull import pull_stream


def head_office(counter):
    """A central unit of work whose head-office changes are logged (as the back office's)."""
    uow = counter.central.uow()
    uow.__enter__()
    changelog.capture(uow.session, uow.clock)
    return uow


def cursor(db) -> int:
    with db.reader() as uow:
        return uow.session.get(SyncState, HEAD_OFFICE).cursor


def test_registration_starts_at_the_snapshot_cursor(counter):
    with counter.central.reader() as uow:
        head = changelog.head(uow.session)
    assert head > 0  # the demo's catalog was logged
    assert cursor(counter.db) == head
    report = pull_stream(counter.db, InProcessGateway(counter.central))
    assert (report.applied, report.cursor) == (0, head)


def test_price_change_new_product_and_deleted_barcode_arrive(counter):
    p10, p11 = counter.product(10), counter.product(11)
    uow = head_office(counter)
    try:
        s = uow.session
        sku = s.scalars(select(Sku).where(Sku.code == p10["code"])).one()
        sku.price_fen = 999
        s.delete(s.get(Barcode, p11["barcode"]))
        pid, sid = str(new_id()), str(new_id())
        s.add(
            Product(
                id=pid, code="NEW1", name="新品 矿泉水", pinyin="xp", updated_at=uow.clock.now()
            )
        )
        s.flush()
        s.add(Sku(id=sid, product_id=pid, code="NEW1", price_fen=250, updated_at=uow.clock.now()))
        s.flush()
        s.add(Barcode(code="6901234567892", sku_id=sid))
        ent = s.scalars(select(Enterprise)).one()
        ent.settings = {**ent.settings, "refund_approval_fen": 55_500}
        uow.commit()
    finally:
        uow.__exit__(None, None, None)

    seen = []
    report = pull_stream(
        counter.db,
        InProcessGateway(counter.central),
        limit=2,
        progress=lambda applied, at: seen.append(applied),
    )
    assert report.applied == 6 and report.batches == 3 and seen == [2, 4, 6]
    with counter.db.reader() as r:
        ctx = load_terminal(r)
        assert catalog.scan(r, ctx, p10["barcode"]).list_price_fen == 999
        with pytest.raises(NotFound):  # the tombstone removed the barcode ...
            catalog.scan(r, ctx, p11["barcode"])
        assert catalog.scan(r, ctx, p11["code"]).sku_code == p11["code"]  # ... not the item
        assert catalog.scan(r, ctx, "6901234567892").name == "新品 矿泉水"
        assert ctx.refund_approval_fen == 55_500
    with counter.central.reader() as r:
        assert cursor(counter.db) == changelog.head(r.session)


def test_a_store_price_and_a_staff_rename_keep_the_terminals_own_counters(counter):
    with counter.db.uow() as uow:  # the terminal counted two wrong PINs for cashier01
        uow.session.scalars(
            select(Staff).where(Staff.account == "cashier01")
        ).one().failed_attempts = 2
        uow.commit()
    p12 = counter.product(12)
    uow = head_office(counter)
    try:
        s = uow.session
        sku = s.scalars(select(Sku).where(Sku.code == p12["code"])).one()
        s.add(StorePrice(store_id=counter.ctx.store_id, sku_id=sku.id, price_fen=1))
        s.scalars(select(Staff).where(Staff.account == "cashier01")).one().name = "李娜娜"
        uow.commit()
    finally:
        uow.__exit__(None, None, None)
    pull_stream(counter.db, InProcessGateway(counter.central))
    with counter.db.reader() as r:
        ctx = load_terminal(r)
        assert catalog.scan(r, ctx, p12["code"]).list_price_fen == 1
        staff = r.session.scalars(select(Staff).where(Staff.account == "cashier01")).one()
        assert (staff.name, staff.failed_attempts) == ("李娜娜", 2)


def test_a_terminal_registered_elsewhere_reaches_the_others(counter, make_db):
    other = make_db()
    register(
        other,
        InProcessGateway(counter.central),
        store_code="S02",
        number=2,
        central_url="test://central",
    )
    report = pull_stream(counter.db, InProcessGateway(counter.central))
    assert report.applied == 1
    with counter.db.reader() as r:
        from shared.db.models import Terminal

        numbers = sorted((t.store_id, t.number) for t in r.session.scalars(select(Terminal)))
    assert len(numbers) == 2


# ------------------------------------------------------------------------------------------------
# the cursor cannot skip a row committed out of order (PostgreSQL: advisory lock per stream)


def _category_row(name: str) -> dict:
    return {"id": str(new_id()), "parent_id": None, "name": name, "level": 1, "sort_order": 0}


def _waiting_on_lock(db: Database, timeout: float = 5.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with db.engine.connect() as c:
            n = c.execute(
                text(
                    "SELECT count(*) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND wait_event_type = 'Lock'"
                )
            ).scalar()
        if n:
            return True
        time.sleep(0.02)
    return False


def _race(db: Database) -> tuple[list[str], list[str], bool]:
    """Writer A appends and holds its transaction open; writer B appends and commits; a reader
    pulls meanwhile and again after both. Returns (names seen first, names seen after, B waited)."""
    a = db.uow()
    a.__enter__()
    changelog.record(a.session, "category", _category_row("A"), at=db.clock.now())
    a.session.flush()
    b_done = threading.Event()

    def writer_b() -> None:
        with db.uow() as b:
            changelog.record(b.session, "category", _category_row("B"), at=db.clock.now())
            b.commit()
        b_done.set()

    t = threading.Thread(target=writer_b)
    t.start()
    b_waited = _waiting_on_lock(db, timeout=1.0)
    if not b_waited:
        b_done.wait(5)
    with db.reader() as r:
        first = changelog.changes_after(r.session, HEAD_OFFICE, 0, 100)
    a.commit()
    a.__exit__(None, None, None)
    t.join(10)
    with db.reader() as r:
        after = changelog.changes_after(r.session, HEAD_OFFICE, first["cursor"], 100)
    names = [c["row"]["name"] for c in first["changes"]]
    later = [c["row"]["name"] for c in after["changes"]]
    return names, later, b_waited


@pytest.fixture
def pg_db(pg_url_factory):
    db = Database(make_engine(pg_url_factory()))
    yield db
    db.dispose()


def test_postgresql_cursor_never_skips_a_row_committed_out_of_order(pg_db):
    first, later, b_waited = _race(pg_db)
    assert b_waited, "writer B should wait for A's advisory lock"
    assert first == []  # A's row is not committed and B could not append past it
    assert later == ["A", "B"]  # both arrive, in id order, nothing skipped


def test_without_the_lock_the_cursor_would_skip(pg_db, monkeypatch):
    """The control experiment: the same race with the lock switched off loses A's row."""
    monkeypatch.setattr(changelog, "lock_stream", lambda *a, **k: None)
    first, later, b_waited = _race(pg_db)
    assert not b_waited
    assert first == ["B"]  # B committed with a higher id while A was still open ...
    assert later == []  # ... the cursor moved past A's id: A's row is never pulled


def test_terminal_numbers_are_unique_across_the_enterprise(counter, make_db):
    """A receipt number names its terminal by number: S02 cannot have S01's terminal 1."""
    from shared.domain.errors import ValidationError

    with pytest.raises(ValidationError) as err:
        register(
            make_db(),
            InProcessGateway(counter.central),
            store_code="S02",
            number=1,
            central_url="test://central",
        )
    assert err.value.code == "terminal_number_taken" and "S01" in str(err.value)
