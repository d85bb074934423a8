"""Redemption under races and faults (SPEC §6 "exactly once", ARCHITECTURE.md online-only
operations), on a SQLite-file central and on PostgreSQL:

- 16 verifiers in 16 processes scan the same code at the same moment: one redemption, fifteen
  answers naming who redeemed it;
- the central database unreachable (a moved SQLite file; PostgreSQL behind a cut proxy) or lost in
  the middle of a redemption: ``CentralUnreachable``, nothing recorded;
- the reply lost after the central commit: the retry with the same request id reports the
  original redemption, never a second one — also when the retry races the original.
"""

from __future__ import annotations

import queue
import threading
import time

import pytest
from sqlalchemy import event, func, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from shared.db.engine import make_engine, sqlite_url
from shared.db.migrate import upgrade
from shared.db.models import CouponInstance, Verification
from shared.db.models.base import Base
from shared.db.uow import Database
from shared.domain.clock import FixedClock
from shared.domain.ids import new_id
from shared.services.demo import create_demo
from shared.sync.errors import CentralUnreachable
from shared.sync.gateway import InProcessGateway
from tests.faults import redeem_worker
from tests.faults.tcp_proxy import TcpProxy
from tests.support.coupons import issue, make_coupon, make_pickup, staff_id, store_id

VERIFIERS = 16


def open_central(url: str, clock: FixedClock) -> Database:
    engine = make_engine(url)
    upgrade(engine)
    db = Database(engine, clock)
    create_demo(db, products=10)
    return db


@pytest.fixture
def central(url_factory, clock):
    url = url_factory()
    db = open_central(url, clock)
    yield url, db
    db.dispose()


def snapshot(db: Database) -> dict[str, list[str]]:
    """Every row of every table, as text: two snapshots are equal iff nothing changed."""
    with db.reader() as uow:
        return {
            table.name: sorted(repr(tuple(row)) for row in uow.session.execute(select(table)))
            for table in Base.metadata.sorted_tables
        }


def live_verifications(db: Database, code: str) -> list[Verification]:
    with db.reader() as uow:
        rows = list(
            uow.session.scalars(
                select(Verification).where(Verification.code == code, Verification.status == "done")
            )
        )
        uow.session.expunge_all()
        return rows


def instance_state(db: Database, code: str) -> str:
    with db.reader() as uow:
        return uow.session.scalar(select(CouponInstance.state).where(CouponInstance.code == code))


def request_for(db: Database, code: str, *, store="S01", account="verifier01", **kw) -> dict:
    return {
        "request_id": str(new_id()),
        "text": code,
        "store_id": store_id(db, store),
        "terminal_id": str(new_id()),
        "staff_id": staff_id(db, account),
        **kw,
    }


# -- 16 verifiers, one code ------------------------------------------------------------------------


def test_sixteen_verifiers_in_sixteen_processes_one_code(central, clock):
    url, db = central
    (code,) = issue(db, make_coupon(db))
    verifiers = redeem_worker.add_verifiers(db, VERIFIERS)
    requests = [
        {
            "request_id": str(new_id()),
            "text": code,
            "store_id": store,
            "terminal_id": str(new_id()),
            "staff_id": sid,
        }
        for sid, _name, _code, store in verifiers
    ]
    ctx = redeem_worker.worker_context()
    barrier = ctx.Barrier(VERIFIERS)
    results = ctx.Queue()
    procs = [
        ctx.Process(
            target=redeem_worker.race,
            args=(url, clock.now().isoformat(), request, barrier, results),
            daemon=True,
        )
        for request in requests
    ]
    for p in procs:
        p.start()
    answers = {}
    try:
        for _ in procs:
            rid, answer = results.get(timeout=90)
            answers[rid] = answer
    finally:
        for p in procs:
            p.join(timeout=10)
            if p.is_alive():
                p.kill()
    errors = [a for a in answers.values() if a["ok"] is None]
    assert not errors, errors[0]["tb"]

    won = [a for a in answers.values() if a["ok"] is True]
    lost = [a for a in answers.values() if a["ok"] is False]
    assert len(won) == 1, won
    assert len(lost) == VERIFIERS - 1
    winner = won[0]
    assert winner["replayed"] is False
    by_id = {sid: (name, store) for sid, name, store, _ in verifiers}
    name, store = by_id[winner["verifier_id"]]
    assert (winner["verifier"], winner["store"], winner["local_time"]) == (name, store, "10:00")
    for answer in lost:
        assert answer["reason"] == "already_redeemed", answer
        assert answer["message"] == f"already redeemed at {store} by {name} at 10:00"
        assert (answer["store"], answer["verifier"], answer["at"]) == (store, name, winner["at"])

    (live,) = live_verifications(db, code)
    assert live.id == winner["verification_id"]
    with db.reader() as uow:
        assert uow.session.scalar(select(func.count()).select_from(Verification)) == 1
        inst = uow.session.scalars(select(CouponInstance).where(CouponInstance.code == code)).one()
        assert (inst.state, inst.verification_id) == ("used", winner["verification_id"])


# -- the central database unreachable ---------------------------------------------------------------


def test_a_sqlite_central_that_is_gone_is_unreachable_and_nothing_is_recorded(tmp_path, clock):
    real = tmp_path / "share" / "central.db"
    db = open_central(sqlite_url(real), clock)
    try:
        (code,) = issue(db, make_coupon(db))
        request = request_for(db, code)
        before = snapshot(db)
        gone = tmp_path / "unmounted" / "central.db"
        gw = InProcessGateway.for_url(sqlite_url(gone), clock)
        with pytest.raises(CentralUnreachable):
            gw.redeem(request)
        with pytest.raises(CentralUnreachable):
            gw.verify_lookup(code, request["store_id"])
        assert not gone.exists() and not gone.parent.exists()  # never silently made anew
        assert snapshot(db) == before
        assert instance_state(db, code) == "unused"
    finally:
        db.dispose()


class PgLink:
    """PostgreSQL reached through a loopback TCP proxy that can be cut."""

    def __init__(self, url: str) -> None:
        parsed = make_url(url)
        self.proxy = TcpProxy(parsed.host, parsed.port)
        self.url = parsed.set(port=self.proxy.port).render_as_string(hide_password=False)

    def engine(self):
        return make_engine(self.url)

    def cut(self) -> None:
        self.proxy.cut()

    def restore(self) -> None:
        self.proxy.restore()

    def close(self) -> None:
        self.proxy.close()


class SqliteLink:
    """The SQLite central file becomes unreadable (a share that went away): every statement
    fails with an I/O error while the link is cut."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.down = False

    def engine(self):
        engine = make_engine(self.url)

        @event.listens_for(engine, "before_cursor_execute")
        def _io(conn, cursor, statement, params, context, executemany):
            if self.down:
                raise OperationalError(statement, params, Exception("disk I/O error"))

        return engine

    def cut(self) -> None:
        self.down = True

    def restore(self) -> None:
        self.down = False

    def close(self) -> None:
        pass


@pytest.fixture
def link(backend, central):
    url, db = central
    link = SqliteLink(url) if backend == "sqlite" else PgLink(url)
    yield db, link
    link.close()


def test_postgresql_behind_a_cut_proxy_is_unreachable_and_nothing_is_recorded(
    pg_url_factory, clock
):
    url = pg_url_factory()
    db = open_central(url, clock)
    link = PgLink(url)
    try:
        (code,) = issue(db, make_coupon(db))
        request = request_for(db, code)
        gw = InProcessGateway.for_url(link.url, clock)
        assert gw.verify_lookup(code, request["store_id"])["redeemable"] is True  # link up
        before = snapshot(db)

        link.cut()
        with pytest.raises(CentralUnreachable):
            gw.redeem(request)
        with pytest.raises(CentralUnreachable):  # a counter starting while the link is down
            InProcessGateway.for_url(link.url, clock).redeem(request)
        assert snapshot(db) == before

        link.restore()
        answer = gw.redeem(request)  # the same request, once the link is back
        assert answer["ok"] is True and answer["replayed"] is False
        gw.close()
    finally:
        link.close()
        db.dispose()


def test_the_link_is_cut_in_the_middle_of_a_redemption(link, clock):
    """Cut after the conditional UPDATE took the code, before the commit (on SQLite before the
    verification row; on PostgreSQL the update and the row are one statement): the central
    transaction never commits, so the code is still unused and nothing is recorded."""
    db, cut = link
    (code,) = issue(db, make_coupon(db))
    request = request_for(db, code)
    before = snapshot(db)
    remote = Database(cut.engine(), clock)

    @event.listens_for(remote.engine, "after_cursor_execute")
    def _after(conn, cursor, statement, params, context, executemany):
        if "UPDATE COUPON_INSTANCE" in statement.upper():
            cut.cut()

    try:
        with pytest.raises(CentralUnreachable):
            InProcessGateway(remote).redeem(request)
        cut.restore()
        event.remove(remote.engine, "after_cursor_execute", _after)
        _wait_until_unlocked(db, code)
        assert snapshot(db) == before
        assert instance_state(db, code) == "unused"
        answer = InProcessGateway(remote).redeem(request)  # the retry redeems it, once
        assert answer["ok"] is True and answer["replayed"] is False
        assert len(live_verifications(db, code)) == 1
    finally:
        remote.dispose()


def _wait_until_unlocked(db: Database, code: str) -> None:
    """PostgreSQL aborts the cut connection's transaction when it notices the socket closed."""
    if db.dialect != "postgresql":
        return
    deadline = time.monotonic() + 10
    while True:
        with db.engine.connect() as conn:
            conn.execute(text("SET lock_timeout = '200ms'"))
            try:
                conn.execute(
                    select(CouponInstance.id).where(CouponInstance.code == code).with_for_update()
                )
                return
            except OperationalError:
                if time.monotonic() > deadline:
                    raise


# -- the reply lost after the central commit --------------------------------------------------------


def test_the_reply_is_lost_after_the_central_commit(link, clock, monkeypatch):
    """The central side commits, then the link goes before the answer reaches the caller (the
    reply is lost on the way back): the caller sees ``CentralUnreachable``. Its retry with the
    same request id, through a fresh gateway, reports the original redemption; none is added."""
    from shared.sync import gateway as gateway_module

    db, cut = link
    (code,) = issue(db, make_coupon(db))
    request = request_for(db, code)
    remote = Database(cut.engine(), clock)
    state = {"committed": False}

    @event.listens_for(remote.engine, "commit")
    def _commit(conn):
        state["committed"] = True

    real_wire = gateway_module._wire

    def lossy_wire(obj):
        if state["committed"]:  # the answer exists; the link goes before it is delivered
            cut.cut()
            raise ConnectionError("connection reset while reading the reply")
        return real_wire(obj)

    monkeypatch.setattr(gateway_module, "_wire", lossy_wire)
    try:
        with pytest.raises(CentralUnreachable):
            InProcessGateway(remote).redeem(request)
        monkeypatch.setattr(gateway_module, "_wire", real_wire)
        (stored,) = live_verifications(db, code)
        assert stored.request_id == request["request_id"]
        assert instance_state(db, code) == "used"
        before = snapshot(db)
        cut.restore()

        fresh = InProcessGateway.for_url(cut.url, clock)
        try:
            again = fresh.redeem(request)
        finally:
            fresh.close()
        assert again["ok"] is True and again["replayed"] is True
        assert again["verification_id"] == stored.id
        assert snapshot(db) == before
    finally:
        remote.dispose()


@pytest.mark.parametrize("kind", ["coupon", "pickup"])
def test_a_retry_racing_the_original_reports_the_original(central, clock, kind):
    """The retry arrives while the original is still committing (an HTTP client that timed out and
    retried, say): the retry must report the original redemption, not "already redeemed" by the
    same request. On PostgreSQL the retry waits on the row lock of the conditional UPDATE; on
    SQLite on the write lock."""
    url, db = central
    if kind == "coupon":
        (code,) = issue(db, make_coupon(db))
    else:
        code = "135790"
        make_pickup(db, "S01", code, order_no="PK-RACE-1")
    request = request_for(db, code)
    slow = Database(make_engine(url), clock)
    other = Database(make_engine(url), clock)
    at_commit, go = threading.Event(), threading.Event()

    @event.listens_for(slow.engine, "commit")
    def _hold(conn):
        at_commit.set()
        go.wait(20)

    answers: queue.Queue = queue.Queue()

    def run(gw: InProcessGateway, name: str) -> None:
        try:
            answers.put((name, gw.redeem(dict(request))))
        except BaseException as exc:
            answers.put((name, {"ok": None, "error": repr(exc)}))

    first = threading.Thread(target=run, args=(InProcessGateway(slow), "original"))
    retry = threading.Thread(target=run, args=(InProcessGateway(other), "retry"))
    try:
        first.start()
        assert at_commit.wait(20)
        retry.start()
        _wait_until_waiting(db, retry)
        go.set()
        first.join(20)
        retry.join(20)
        got = dict(answers.get(timeout=1) for _ in range(2))
    finally:
        go.set()
        slow.dispose()
        other.dispose()
    original, again = got["original"], got["retry"]
    assert original["ok"] is True and original["replayed"] is False, original
    assert again.get("ok") is True, again
    assert again["replayed"] is True and again["verification_id"] == original["verification_id"]
    assert len(live_verifications(db, code)) == 1


def _wait_until_waiting(db: Database, thread: threading.Thread) -> None:
    """Until the retry is blocked behind the original (PostgreSQL: waiting on a lock)."""
    if db.dialect != "postgresql":
        time.sleep(0.5)  # BEGIN IMMEDIATE waits for the writer (busy timeout 10 s)
        return
    deadline = time.monotonic() + 10
    with db.engine.connect() as conn:
        while time.monotonic() < deadline and thread.is_alive():
            waiting = conn.execute(
                text(
                    "SELECT count(*) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND wait_event_type = 'Lock'"
                )
            ).scalar()
            conn.rollback()
            if waiting:
                return
            time.sleep(0.02)
    raise AssertionError("the retry never waited behind the original")
