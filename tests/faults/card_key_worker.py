"""Card-key buyers in their own processes, for the race test and the issuance benchmark.

``buy`` and ``issue_many`` are ``multiprocessing`` targets (a forkserver, like the verifier
workers): each process opens its own engine on the central URL through
``InProcessGateway.for_url`` (as a counter does), waits at the shared barrier so that all start
together, and puts its answers on the queue; a worker that fails puts ``{"ok": None, "error"}``.
A bought key is then sold the way a sale landing centrally sells it (``card_key_issue.bind_sale``
in its own transaction).
"""

from __future__ import annotations

import multiprocessing
import time
import traceback
from datetime import datetime

from shared.domain.clock import FixedClock
from shared.domain.ids import new_id
from shared.sync import card_key_issue
from shared.sync.gateway import InProcessGateway

BARRIER_TIMEOUT_S = 60


def worker_context():
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["tests.faults.card_key_worker"])
    return ctx


def _sell(gw: InProcessGateway, sale_id: str, store_id: str, answer: dict) -> None:
    """The sale lands: its reserved keys become sold, bound to its line."""
    with gw.db.uow() as uow:
        rows = [
            {
                "card_key_id": k["card_key_id"],
                "sale_line_id": str(new_id()),
                "unit_no": k["unit_no"],
            }
            for k in answer["keys"]
        ]
        problems = card_key_issue.bind_sale(
            uow.session,
            uow.clock.now(),
            {"id": sale_id, "store_id": store_id, "completed_at": uow.clock.now()},
            rows,
        )
        if problems:
            raise AssertionError(f"binding failed: {problems}")
        uow.commit()


def _request(sku_id: str, store_id: str, terminal_id: str) -> dict:
    return {
        "sale_id": str(new_id()),
        "store_id": store_id,
        "terminal_id": terminal_id,
        "lines": [{"line_key": str(new_id()), "sku_id": sku_id, "quantity": 1}],
    }


def buy(url: str, at_iso: str, sku_id: str, store_id: str, barrier, results) -> None:
    """One buyer: reserve one key the moment every other buyer is ready, then sell it."""
    gw = None
    try:
        gw = InProcessGateway.for_url(url, FixedClock(datetime.fromisoformat(at_iso)))
        gw.hello()  # open the engine and leave a connection in the pool before the start
        request = _request(sku_id, store_id, str(new_id()))
        barrier.wait(BARRIER_TIMEOUT_S)
        answer = gw.card_key_allocate(request)
        if answer.get("ok"):
            _sell(gw, request["sale_id"], store_id, answer)
    except BaseException as exc:
        barrier.abort()
        answer = {"ok": None, "error": f"{type(exc).__name__}: {exc}", "tb": traceback.format_exc()}
    finally:
        if gw is not None:
            gw.close()
    results.put(answer)


def issue_many(
    url: str, at_iso: str, sku_id: str, store_id: str, count: int, barrier, results
) -> None:
    """A counter selling ``count`` one-key sales back to back; reports its issued keys and time."""
    gw = None
    try:
        gw = InProcessGateway.for_url(url, FixedClock(datetime.fromisoformat(at_iso)))
        gw.hello()
        terminal_id = str(new_id())
        barrier.wait(BARRIER_TIMEOUT_S)
        t = time.perf_counter()
        keys, refused = [], 0
        for _ in range(count):
            request = _request(sku_id, store_id, terminal_id)
            answer = gw.card_key_allocate(request)
            if not answer.get("ok"):
                refused += 1
                continue
            _sell(gw, request["sale_id"], store_id, answer)
            keys.extend(k["card_key_id"] for k in answer["keys"])
        out = {"ok": True, "keys": keys, "refused": refused, "seconds": time.perf_counter() - t}
    except BaseException as exc:
        barrier.abort()
        out = {"ok": None, "error": f"{type(exc).__name__}: {exc}", "tb": traceback.format_exc()}
    finally:
        if gw is not None:
            gw.close()
    results.put(out)
