"""The sync round: version handshake, server time and clock offset, status, backoff,
and the exceptions list a manager sees."""

from __future__ import annotations

import random
from datetime import timedelta

import pytest
from sqlalchemy import select, update

from shared.db.models import Enterprise, Shift, Sku
from shared.db.uow import Database
from shared.domain.clock import FixedClock
from shared.domain.errors import PermissionDenied
from shared.domain.tenders import Tender
from shared.services import sales, shifts, sync_exceptions, sync_status
from shared.sync import changelog
from shared.sync.errors import CentralUnreachable, SyncRefused
from shared.sync.gateway import InProcessGateway
from shared.sync.loop import Backoff, SyncLoop
from tests.faults.sync_support import DownGateway, counts, exception_kinds


def sell(counter, *codes):
    cart = counter.cart(*codes)
    with counter.db.uow() as uow:
        return sales.complete_sale(uow, counter.ctx, counter.cashier, cart, [Tender("cash", 10**6)])


def central_with_clock(counter, clock: FixedClock) -> Database:
    """The same central database seen through a server whose clock is ``clock``."""
    return Database(counter.central.engine, clock)


def test_status_before_during_and_after_an_outage(counter):
    assert sync_status.status(counter.db).online is None
    counter.open_shift()
    sell(counter, counter.product(10)["barcode"])
    with pytest.raises(CentralUnreachable):
        sync_status.run_once(counter.db, DownGateway())
    st = sync_status.status(counter.db)
    assert (st.online, st.pending, st.last_sync_at) == (False, 2, None)
    assert "unreachable" in st.last_error
    sell(counter, counter.product(11)["barcode"])  # offline selling goes on

    report = sync_status.run_once(counter.db, InProcessGateway(counter.central))
    assert (report.pushed, report.pending) == (3, 0)
    st = sync_status.status(counter.db)
    assert (st.online, st.pending, st.last_error) == (True, 0, "")
    assert st.last_sync_at == counter.db.clock.now()


def test_server_time_stamps_what_it_receives_and_the_clock_offset_is_recorded(counter, clock):
    server_clock = FixedClock(clock.now() + timedelta(minutes=7))
    gw = InProcessGateway(central_with_clock(counter, server_clock))
    counter.open_shift()
    res = sell(counter, counter.product(10)["barcode"])
    report = sync_status.run_once(counter.db, gw)
    assert report.clock_offset_s == 420.0 and report.clock_warning
    assert any("7 minutes behind" in w for w in report.warnings)
    st = sync_status.status(counter.db)
    assert st.clock_warning and st.clock_offset_s == 420.0
    from shared.db.models import Sale

    with counter.central.reader() as uow:
        sale = uow.session.get(Sale, (counter.ctx.store_id, res.sale_id))
        assert sale.completed_at == clock.now()  # the terminal's time, as it sold
        assert sale.received_at == server_clock.now()  # the server's time, as it received
    sell(counter, counter.product(11)["barcode"])  # a wrong clock never stops a sale

    server_clock.at = clock.now() + timedelta(minutes=4)
    report = sync_status.run_once(counter.db, gw)
    assert not report.clock_warning and not sync_status.status(counter.db).clock_warning


def test_pull_is_refused_below_the_minimum_version_and_pushes_still_go_up(counter):
    with counter.central.uow() as uow:
        ent = uow.session.scalars(select(Enterprise)).one()
        ent.settings = {**ent.settings, "sync_min_pull_version": 3}
        uow.commit()
    gw = InProcessGateway(counter.central)
    hello = gw.hello(counter.ctx.terminal_id, 2)
    assert hello["min_pull_version"] == 3 and hello["pull_allowed"] is False
    assert hello["push_versions"] == [1, 2]
    with pytest.raises(SyncRefused, match="serves pulls from version 3: update StoreDesk"):
        gw.pull("head_office", 0, 10, 2)

    counter.open_shift()
    sell(counter, counter.product(10)["barcode"])
    report = sync_status.run_once(counter.db, gw)
    assert (report.pushed, report.pending, report.pulled) == (2, 0, 0)
    assert any("update StoreDesk" in w for w in report.warnings)
    st = sync_status.status(counter.db)
    assert st.online is True and "update StoreDesk" in st.last_error
    assert gw.pull("head_office", 0, 10, 3)["changes"]  # a current terminal is served


def test_stale_price_and_closed_shift_are_accepted_and_listed_for_a_manager(counter):
    counter.open_shift()
    p10 = counter.product(10)
    first = sell(counter, p10["barcode"])
    sync_status.run_once(counter.db, InProcessGateway(counter.central))

    # head office raises the price and a manager closes the shift centrally, both before the
    # terminal (offline, still on the old price and the old shift) pushes its next sales
    with counter.central.uow() as uow:
        changelog.capture(uow.session, uow.clock)
        sku = uow.session.scalars(select(Sku).where(Sku.code == p10["code"])).one()
        sku.price_fen += 100
        uow.session.execute(
            update(Shift).values(status="closed", closed_at=uow.clock.now(), closed_by=None)
        )
        uow.commit()
    second = sell(counter, p10["barcode"])
    with counter.db.uow() as uow:
        shifts.close_shift(uow, counter.ctx, counter.cashier, 50_000)
    report = sync_status.run_once(counter.db, InProcessGateway(counter.central))
    assert report.pending == 0
    assert sorted(report.exceptions) == ["shift_already_closed", "shift_closed", "stale_price"]
    assert counts(counter.central)["sale"] == 2  # accepted, never refused

    manager = counter.manager
    with counter.central.reader() as uow:
        rows = sync_exceptions.list_exceptions(uow, manager, store_id=counter.ctx.store_id)
    by_kind = {r.kind: r for r in rows}
    assert by_kind["stale_price"].document_id == second.sale_id
    [line] = by_kind["stale_price"].detail["lines"]
    assert line["central_fen"] == line["sold_at_fen"] + 100
    assert by_kind["shift_closed"].detail["receipt_no"] == second.receipt_no
    assert first.sale_id not in {r.document_id for r in rows}
    with counter.central.uow() as uow:
        sync_exceptions.resolve(uow, manager, by_kind["stale_price"].id)
    with counter.central.reader() as uow:
        open_rows = sync_exceptions.list_exceptions(uow, manager)
    assert "stale_price" not in {r.kind for r in open_rows}
    assert exception_kinds(counter.central) == [
        "shift_already_closed",
        "shift_closed",
        "stale_price",
    ]
    with pytest.raises(PermissionDenied), counter.central.reader() as uow:
        sync_exceptions.list_exceptions(uow, counter.cashier)


def test_backoff_doubles_up_to_a_cap_with_jitter():
    b = Backoff(base=2, cap=60, jitter=0.2, rng=random.Random(7))
    delays = [b.failure() for _ in range(8)]
    for n, d in enumerate(delays, start=1):
        nominal = min(60, 2 * 2 ** (n - 1))
        assert 0.8 * nominal <= d <= 1.2 * nominal
    assert max(delays) <= 72
    b.reset()
    assert b.delay() == 0


def test_the_loop_backs_off_while_offline_and_recovers(counter):
    counter.open_shift()
    steps = []
    gw = DownGateway()
    loop = SyncLoop(
        counter.db,
        gw,
        interval=30,
        backoff=Backoff(base=1, cap=8, jitter=0, rng=random.Random(1)),
        on_step=steps.append,
    )
    delays = [loop.step().next_delay for _ in range(5)]
    assert delays == [1, 2, 4, 8, 8]
    assert all(isinstance(s.error, CentralUnreachable) for s in steps)
    loop.gateway = InProcessGateway(counter.central)
    step = loop.step()
    assert step.error is None and step.report.pushed == 1 and step.next_delay == 30
    loop.interval = 0.01
    assert loop.run(max_steps=2) == 2


def test_a_missing_embedded_central_file_is_unreachable_not_recreated(tmp_path):
    from shared.db.engine import sqlite_url
    from shared.sync.errors import CentralUnreachable
    from shared.sync.gateway import InProcessGateway

    missing = tmp_path / "gone" / "central.db"
    gw = InProcessGateway.for_url(sqlite_url(missing))
    with pytest.raises(CentralUnreachable):
        gw.hello("00000000-0000-7000-8000-000000000000", 2)
    assert not missing.exists()
