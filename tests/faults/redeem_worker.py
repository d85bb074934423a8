"""Verifiers in their own processes, for the redemption race test and the latency benchmark.

``race`` and ``latency`` are ``multiprocessing`` targets (a spawn-like start method: a fresh
interpreter, nothing inherited from the test process): each process opens its own engine on the
central URL through ``InProcessGateway.for_url`` (as a counter does), gets everything ready, waits
at the shared barrier so that all of them start at the same moment, and puts its answers on the
queue. A worker that fails puts ``{"ok": None, "error": ...}`` instead of hanging the test.
"""

from __future__ import annotations

import multiprocessing
import time
import traceback
from datetime import datetime

from sqlalchemy import select

from shared.db.models import Staff, StaffStore, Store
from shared.db.uow import Database
from shared.domain.clock import FixedClock
from shared.domain.ids import new_id
from shared.sync.gateway import InProcessGateway

BARRIER_TIMEOUT_S = 60


def worker_context():
    """Fresh interpreters, not forks of this test process: a forkserver (started like ``spawn``)
    with the worker module preloaded, so that 16 children on a small machine start in about a
    second instead of importing SQLAlchemy 16 times over (some 10 s on two cores). Each child
    still opens its own engine and connections on the central URL after it starts."""
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["tests.faults.redeem_worker"])
    return ctx


def add_verifiers(db: Database, n: int) -> list[tuple[str, str, str, str]]:
    """``n`` verifier accounts, alternately at S01 and S02: (staff id, name, store code, store
    id)."""
    made = []
    with db.uow() as uow:
        now = uow.clock.now()
        stores = {s.code: s for s in uow.session.scalars(select(Store))}
        ent_id = stores["S01"].enterprise_id
        for i in range(n):
            code = ("S01", "S02")[i % 2]
            sid = str(new_id())
            uow.session.add(
                Staff(
                    id=sid,
                    enterprise_id=ent_id,
                    account=f"race{i:02d}",
                    name=f"核销员{i:02d}",
                    password_hash="-",
                    roles="verifier",
                    enabled=True,
                    created_at=now,
                    updated_at=now,
                )
            )
            uow.session.flush()
            uow.session.add(StaffStore(staff_id=sid, store_id=stores[code].id))
            made.append((sid, f"核销员{i:02d}", code, stores[code].id))
        uow.commit()
    return made


def _gateway(url: str, at_iso: str) -> InProcessGateway:
    return InProcessGateway.for_url(url, FixedClock(datetime.fromisoformat(at_iso)))


def race(url: str, at_iso: str, request: dict, barrier, results) -> None:
    """Redeem ``request`` once, the moment every other verifier is ready too."""
    gw = None
    try:
        gw = _gateway(url, at_iso)
        # open the engine, check the schema and leave a connection in the pool before the start
        gw.verify_lookup(request["text"], request["store_id"])
        barrier.wait(BARRIER_TIMEOUT_S)
        t = time.perf_counter()
        answer = gw.redeem(request)
        answer["elapsed_ms"] = (time.perf_counter() - t) * 1000
    except BaseException as exc:  # reported to the test, which fails with it
        barrier.abort()
        answer = {"ok": None, "error": f"{type(exc).__name__}: {exc}", "tb": traceback.format_exc()}
    finally:
        if gw is not None:
            gw.close()
    results.put((request["request_id"], answer))


BARE_UPDATE = "UPDATE coupon_instance SET state = 'used' WHERE id = %s AND state = 'unused'"


def latency(
    url: str,
    pg_dsn: str,
    at_iso: str,
    requests: list[dict],
    bare_ids: list[str],
    warmup: int,
    barrier,
    results,
) -> None:
    """Time each of ``requests`` through the gateway, and each bare conditional UPDATE + COMMIT of
    ``bare_ids`` on a plain psycopg connection; the first ``warmup`` of each are not counted.

    Phases, each started by all workers together: bare UPDATEs, then redemptions.
    """
    import psycopg

    gw = conn = None
    try:
        gw = _gateway(url, at_iso)
        gw.verify_lookup(requests[0]["text"], requests[0]["store_id"])
        conn = psycopg.connect(pg_dsn, autocommit=False)
        bare_ns: list[int] = []
        redeem_ns: list[int] = []
        refused: list[dict] = []

        barrier.wait(BARRIER_TIMEOUT_S)
        phases = {"bare_start": time.time()}
        for i, vid in enumerate(bare_ids):
            t = time.perf_counter_ns()
            with conn.cursor() as cur:
                cur.execute(BARE_UPDATE, (vid,))
                won = cur.rowcount
            conn.commit()
            elapsed = time.perf_counter_ns() - t
            if won != 1:
                raise AssertionError(f"bare update of {vid} changed {won} rows")
            if i >= warmup:
                bare_ns.append(elapsed)

        phases["bare_end"] = time.time()
        barrier.wait(BARRIER_TIMEOUT_S)
        phases["redeem_start"] = time.time()
        cpu_start = time.process_time()
        for i, request in enumerate(requests):
            t = time.perf_counter_ns()
            answer = gw.redeem(request)
            elapsed = time.perf_counter_ns() - t
            if not answer.get("ok") or answer.get("replayed"):
                refused.append(answer)
            if i >= warmup:
                redeem_ns.append(elapsed)
        phases["redeem_end"] = time.time()
        phases["redeem_cpu_s"] = time.process_time() - cpu_start
        out = {
            "ok": True,
            "bare_ns": bare_ns,
            "redeem_ns": redeem_ns,
            "refused": refused,
            "phases": phases,
        }
    except BaseException as exc:
        barrier.abort()
        out = {"ok": None, "error": f"{type(exc).__name__}: {exc}", "tb": traceback.format_exc()}
    finally:
        if conn is not None:
            conn.close()
        if gw is not None:
            gw.close()
    results.put(out)
