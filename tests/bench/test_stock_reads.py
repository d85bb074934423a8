"""Benchmark: available stock of one SKU and of a whole warehouse, on a ledger of 2,000,000
movements over 200,000 SKUs.

The design under test (SPEC §10): ``stock_movement`` is the truth and is never updated;
``stock_balance`` is maintained by ``shared.db.ledger.post`` in the same transaction as every
movement, so reading stock is reading balance rows; ``ledger.verify`` recomputes every balance
from the movements. The data (``tests/bench/stock_fixture.py``): one central warehouse, 200,000
SKUs, 2,000,000 bulk movements with skewed popularity and their balances (bulk inserts and one
``INSERT ... SELECT SUM ... GROUP BY``), then a tail of a few thousand movements posted through
``ledger.post`` (new balance rows, sales, purchases, losses, replayed documents).

Measured on a private copy of the cached SQLite central file, in the same run:

(a) one SKU through the service path: ``inventory.stock(uow, None, sku_code, "HQ01")`` in a fresh
    ``db.reader()`` per read (warehouse by code, SKU by code, product, balance by primary key),
    and the least an ORM read can do: ``Session.get(StockBalance, (warehouse, sku))``;
(b) the baseline: ``SELECT on_hand_milli - locked_milli FROM stock_balance WHERE warehouse_id=?
    AND sku_id=?`` on a plain stdlib ``sqlite3`` connection, over the same random SKUs;
(c) the whole warehouse (every SKU's code and available quantity, ordered by code) through
    SQLAlchemy Core in a ``db.reader()``, and the same SQL on the plain connection;
(d) for contrast, the same answers summed from the ledger: one SKU's ``SUM(qty_milli)`` (the
    ``(warehouse_id, sku_id, at)`` index), for random SKUs and for the busiest ones, and the whole
    warehouse's ``GROUP BY`` over 2,000,000 movements;
(e) ``ledger.verify`` over the whole ledger: its time, that it finds no difference, and that it
    does find one planted balance error.

With ``STOREDESK_TEST_PG_URL`` set, the same data are built on a fresh PostgreSQL database (COPY,
the same GROUP BY, ANALYZE, the same tail through ``ledger.post``) and (a)-(e) run there too, the
baseline on a plain psycopg connection (autocommit). ``STOREDESK_BENCH_STOCK_PG=0`` skips it.

Targets (the issue's): one SKU under 5 ms; the whole warehouse under 1 s (medians); ratios to
reading the maintained balance row(s) are reported.
"""

from __future__ import annotations

import os
import random
import sqlite3
import time
import uuid
from collections.abc import Callable

from sqlalchemy import bindparam, event, select, update
from sqlalchemy.engine import make_url

from shared.db import ledger
from shared.db.engine import make_engine, sqlite_url
from shared.db.models import Sku, StockBalance
from shared.db.uow import Database
from shared.services import inventory
from shared.services.runtime import open_database
from tests.bench import benchlib
from tests.bench.benchlib import Stats
from tests.bench.stock_fixture import WAREHOUSE_CODE, Plan, build_postgresql, copy_db, stock_db

SEED = 20_250_302
PROBES = 2_000  # random SKUs read one at a time
HOT = 100  # the busiest SKUs, for the ledger sum
ROUNDS = 3  # every single-SKU variant runs over all probes ROUNDS times, interleaved
WARMUP = 200
LIST_RUNS = 10  # whole-warehouse reads per variant (after one warm-up each)
LEDGER_LIST_RUNS = 3
VERIFY_RUNS = 2
SINGLE_TARGET_MS = 5.0
LIST_TARGET_MS = 1_000.0

_b = StockBalance.__table__
_s = Sku.__table__
#: the whole warehouse through Core: every SKU's code and available quantity, by code
LIST_STMT = (
    select(_s.c.code, (_b.c.on_hand_milli - _b.c.locked_milli).label("available"))
    .select_from(_b.join(_s, _s.c.id == _b.c.sku_id))
    .where(_b.c.warehouse_id == bindparam("wh"))
    .order_by(_s.c.code)
)
BASE_SQL = (
    "SELECT on_hand_milli - locked_milli FROM stock_balance WHERE warehouse_id = ? AND sku_id = ?"
)
LEDGER_SQL = "SELECT SUM(qty_milli) FROM stock_movement WHERE warehouse_id = ? AND sku_id = ?"
LIST_SQL = (
    "SELECT sku.code, stock_balance.on_hand_milli - stock_balance.locked_milli AS available "
    "FROM stock_balance JOIN sku ON sku.id = stock_balance.sku_id "
    "WHERE stock_balance.warehouse_id = ? ORDER BY sku.code"
)
ON_HAND_SQL = (
    "SELECT sku.code, stock_balance.on_hand_milli FROM stock_balance "
    "JOIN sku ON sku.id = stock_balance.sku_id WHERE stock_balance.warehouse_id = ? "
    "ORDER BY sku.code"
)
LEDGER_LIST_SQL = (
    "SELECT sku.code, SUM(stock_movement.qty_milli) AS on_hand "
    "FROM stock_movement JOIN sku ON sku.id = stock_movement.sku_id "
    "WHERE stock_movement.warehouse_id = ? GROUP BY sku.id, sku.code ORDER BY sku.code"
)
COUNT_SQL = "SELECT count(*) FROM stock_movement WHERE warehouse_id = ? AND sku_id = ?"


def _pg(sql: str) -> str:
    return sql.replace("?", "%s")


class Backend:
    """One database under test: the app's ``Database`` and a plain DB-API connection to it."""

    def __init__(self, name: str, db: Database, raw, plan: Plan, *, pg: bool) -> None:
        self.name = name
        self.db = db
        self.raw = raw
        self.plan = plan
        self.pg = pg

    def key(self, hex_id: str):
        """An id as the plain connection binds it (hex on SQLite, ``uuid.UUID`` on PostgreSQL)."""
        return uuid.UUID(hex_id) if self.pg else hex_id

    def sql(self, sql: str) -> str:
        return _pg(sql) if self.pg else sql

    def one(self, sql: str, *args):
        cur = self.raw.execute(self.sql(sql), args)
        return cur.fetchone()[0]

    def all(self, sql: str, *args) -> list[tuple]:
        return [tuple(r) for r in self.raw.execute(self.sql(sql), args).fetchall()]


# ---- (a), (b), (d): one SKU -------------------------------------------------------------


def _single(be: Backend) -> dict:
    plan = be.plan
    rng = random.Random(SEED)
    picks = rng.sample(range(plan.skus), PROBES)
    wh_hex = plan.warehouse_id
    wh_id = str(uuid.UUID(wh_hex))
    wh_key = be.key(wh_hex)
    probes = [
        (plan.sku_codes[i], str(uuid.UUID(plan.sku_ids[i])), be.key(plan.sku_ids[i])) for i in picks
    ]
    hot = [be.key(plan.sku_ids[i]) for i in plan.ranked[:HOT]]
    base_sql, ledger_sql = be.sql(BASE_SQL), be.sql(LEDGER_SQL)
    raw, db = be.raw, be.db

    def service(p) -> int:
        with db.reader() as uow:
            return inventory.stock(uow, None, p[0], WAREHOUSE_CODE).available_milli

    def session_get(p) -> int:
        with db.reader() as uow:
            bal = uow.session.get(StockBalance, (wh_id, p[1]))
            return bal.on_hand_milli - bal.locked_milli

    def bare(p) -> int:
        return raw.execute(base_sql, (wh_key, p[2])).fetchone()[0]

    def ledger_sum(p) -> int:
        return raw.execute(ledger_sql, (wh_key, p[2])).fetchone()[0]

    def ledger_hot(k) -> int:
        return raw.execute(ledger_sql, (wh_key, k)).fetchone()[0]

    variants: list[tuple[str, Callable, list]] = [
        ("service", service, probes),
        ("session_get", session_get, probes),
        ("bare", bare, probes),
        ("ledger_sum", ledger_sum, probes),
        ("ledger_sum_hot", ledger_hot, hot),
    ]
    for _name, fn, items in variants:
        for p in items[:WARMUP]:
            fn(p)
    samples: dict[str, list[int]] = {name: [] for name, _fn, _items in variants}
    answers: dict[str, list[int]] = {}
    for rnd in range(ROUNDS):
        # a different order each round, so no variant always runs right after another
        order = variants[rnd % len(variants) :] + variants[: rnd % len(variants)]
        for name, fn, items in order:
            got = []
            ns = samples[name]
            for p in items:
                t = time.perf_counter_ns()
                v = fn(p)
                ns.append(time.perf_counter_ns() - t)
                got.append(v)
            answers.setdefault(name, got)
    # every path read the same numbers
    assert answers["service"] == answers["bare"]
    assert answers["session_get"] == answers["bare"]
    on_hand_sql = "SELECT on_hand_milli FROM stock_balance WHERE warehouse_id = ? AND sku_id = ?"
    on_hand = [be.one(on_hand_sql, wh_key, p[2]) for p in probes]
    assert answers["ledger_sum"] == on_hand, "a ledger sum differs from its balance"

    # how many statements one service read sends
    sent: list[str] = []

    def grab(_conn, _cursor, statement, _parameters, _context, _executemany):
        sent.append(statement.split()[0].upper())

    event.listen(db.engine, "before_cursor_execute", grab)
    try:
        service(probes[0])
    finally:
        event.remove(db.engine, "before_cursor_execute", grab)
    hot_moves = sorted(be.one(COUNT_SQL, wh_key, k) for k in hot)
    rand_moves = sorted(be.one(COUNT_SQL, wh_key, p[2]) for p in probes[:500])
    stats = {name: Stats.of_ns(ns) for name, ns in samples.items()}
    return {
        "stats": stats,
        "service_statements": sent,
        "hot_movements": {
            "min": hot_moves[0],
            "median": hot_moves[len(hot_moves) // 2],
            "max": hot_moves[-1],
        },
        "random_movements": {
            "min": rand_moves[0],
            "median": rand_moves[len(rand_moves) // 2],
            "max": rand_moves[-1],
        },
    }


# ---- (c), (d): the whole warehouse --------------------------------------------------------


def _warehouse(be: Backend) -> dict:
    plan, db = be.plan, be.db
    wh_id = str(uuid.UUID(plan.warehouse_id))
    wh_key = be.key(plan.warehouse_id)
    list_sql = be.sql(LIST_SQL)

    def core() -> list[tuple]:
        with db.reader() as uow:
            return uow.session.execute(LIST_STMT, {"wh": wh_id}).all()

    def bare() -> list[tuple]:
        return be.raw.execute(list_sql, (wh_key,)).fetchall()

    core_rows, bare_rows = core(), bare()  # warm-up, and the check
    assert len(bare_rows) == plan.skus, (len(bare_rows), plan.skus)
    assert [tuple(r) for r in core_rows] == [tuple(r) for r in bare_rows]
    samples: dict[str, list[int]] = {"core": [], "bare": []}
    for _ in range(LIST_RUNS):
        for name, fn in (("core", core), ("bare", bare)):
            t = time.perf_counter_ns()
            rows = fn()
            samples[name].append(time.perf_counter_ns() - t)
            assert len(rows) == plan.skus
            del rows
    on_hand = be.all(ON_HAND_SQL, wh_key)
    ledger_ns = []
    for _ in range(LEDGER_LIST_RUNS):
        t = time.perf_counter_ns()
        summed = be.raw.execute(be.sql(LEDGER_LIST_SQL), (wh_key,)).fetchall()
        ledger_ns.append(time.perf_counter_ns() - t)
        assert [tuple(r) for r in summed] == on_hand, "the ledger's sums differ from the balances"
    return {
        "stats": {
            "core": Stats.of_ns(samples["core"]),
            "bare": Stats.of_ns(samples["bare"]),
            "ledger_group_by": Stats.of_ns(ledger_ns),
        },
        "rows": len(bare_rows),
    }


# ---- (e): verify ------------------------------------------------------------------------------


def _verify(be: Backend) -> dict:
    plan, db = be.plan, be.db
    ns = []
    for _ in range(VERIFY_RUNS):
        t = time.perf_counter_ns()
        with db.reader() as uow:
            diffs = ledger.verify(uow.session)
        ns.append(time.perf_counter_ns() - t)
        assert diffs == [], diffs[:5]
    # and it is not blind: one balance off by a unit is found (rolled back afterwards)
    victim = str(uuid.UUID(plan.sku_ids[plan.ranked[0]]))
    wh_id = str(uuid.UUID(plan.warehouse_id))
    with db.uow() as uow:
        uow.session.execute(
            update(StockBalance)
            .where(StockBalance.warehouse_id == wh_id, StockBalance.sku_id == victim)
            .values(on_hand_milli=StockBalance.on_hand_milli + 1000)
        )
        planted = ledger.verify(uow.session)
        uow.rollback()
    assert [(d.sku_id, d.balance_milli - d.ledger_milli) for d in planted] == [(victim, 1000)]
    return {"stats": Stats.of_ns(ns), "differences": 0, "planted_error_found": True}


# ---- running and reporting ----------------------------------------------------------------


def _run(be: Backend) -> dict:
    single = _single(be)
    whole = _warehouse(be)
    verify = _verify(be)
    s, w = single["stats"], whole["stats"]
    label = be.name
    benchlib.print_table(
        f"{label}: available stock of ONE SKU ({PROBES:,} random SKUs x {ROUNDS} rounds, "
        f"interleaved; {HOT} busiest SKUs for the hot ledger sum); ratios to the bare balance read",
        [
            ("(a) inventory.stock in a fresh db.reader()", s["service"]),
            ("(a) Session.get(StockBalance) in a fresh reader", s["session_get"]),
            ("(b) BASELINE bare SELECT balance by primary key", s["bare"]),
            ("(d) ledger SUM(qty_milli), same random SKUs", s["ledger_sum"]),
            (f"(d) ledger SUM(qty_milli), {HOT} busiest SKUs", s["ledger_sum_hot"]),
        ],
        baseline=s["bare"],
    )
    print(
        f"   inventory.stock sends {len(single['service_statements'])} statements: "
        f"{' '.join(single['service_statements'])}; movements per SKU: random SKUs median "
        f"{single['random_movements']['median']} (max {single['random_movements']['max']}), "
        f"{HOT} busiest median {single['hot_movements']['median']} "
        f"(max {single['hot_movements']['max']})"
    )
    benchlib.print_table(
        f"{label}: the WHOLE warehouse ({whole['rows']:,} rows: SKU code + available, by code); "
        "ratios to the bare balance list",
        [
            ("(c) Core select in a db.reader(), .all()", w["core"]),
            ("(c) BASELINE same SQL, plain connection fetchall", w["bare"]),
            ("(d) ledger GROUP BY over all movements", w["ledger_group_by"]),
            ("(e) ledger.verify (whole ledger, no difference)", verify["stats"]),
        ],
        baseline=w["bare"],
    )
    ok_single = s["service"].median_ms < SINGLE_TARGET_MS
    ok_list = w["core"].median_ms < LIST_TARGET_MS
    print(
        f"   target one SKU < {SINGLE_TARGET_MS:g} ms: median {s['service'].median_ms:.3f} ms "
        f"(p99 {s['service'].p99_ms:.3f}) {'PASS' if ok_single else 'MISS'}; "
        f"whole warehouse < {LIST_TARGET_MS:g} ms: median {w['core'].median_ms:.1f} ms "
        f"{'PASS' if ok_list else 'MISS'}"
    )
    return {
        "single_sku": {
            "what": "inventory.stock(uow, None, sku_code, warehouse) in a fresh db.reader() per "
            "read, random SKUs",
            "median_ms": round(s["service"].median_ms, 4),
            "p99_ms": round(s["service"].p99_ms, 4),
            "ratio": benchlib.ratio(s["service"].median_ms, s["bare"].median_ms),
            "ratio_p99": benchlib.ratio(s["service"].p99_ms, s["bare"].p99_ms),
            "pass": ok_single,
            "stats": s["service"].as_dict(),
            "session_get_stats": s["session_get"].as_dict(),
            "session_get_ratio": benchlib.ratio(s["session_get"].median_ms, s["bare"].median_ms),
            "baseline": BASE_SQL + (" (psycopg, autocommit)" if be.pg else " (stdlib sqlite3)"),
            "baseline_stats": s["bare"].as_dict(),
            "ledger_sum_stats": s["ledger_sum"].as_dict(),
            "ledger_sum_ratio": benchlib.ratio(s["ledger_sum"].median_ms, s["bare"].median_ms),
            "ledger_sum_hot_stats": s["ledger_sum_hot"].as_dict(),
            "ledger_sum_hot_ratio": benchlib.ratio(
                s["ledger_sum_hot"].median_ms, s["bare"].median_ms
            ),
            "service_statements": single["service_statements"],
            "movements_per_random_sku": single["random_movements"],
            "movements_per_hot_sku": single["hot_movements"],
        },
        "warehouse_list": {
            "what": "SKU code + available of every SKU of the warehouse, ordered by code: "
            "Core select (stock_balance JOIN sku) in a db.reader(), .all()",
            "rows": whole["rows"],
            "median_ms": round(w["core"].median_ms, 2),
            "p99_ms": round(w["core"].p99_ms, 2),
            "ratio": benchlib.ratio(w["core"].median_ms, w["bare"].median_ms),
            "pass": ok_list,
            "stats": w["core"].as_dict(),
            "baseline": "the same SQL on a plain connection, fetchall",
            "baseline_stats": w["bare"].as_dict(),
            "ledger_group_by_stats": w["ledger_group_by"].as_dict(),
            "ledger_group_by_ratio": benchlib.ratio(
                w["ledger_group_by"].median_ms, w["bare"].median_ms
            ),
        },
        "verify": {
            "what": "ledger.verify over the whole ledger (every balance recomputed)",
            "median_ms": round(verify["stats"].median_ms, 1),
            "stats": verify["stats"].as_dict(),
            "differences": verify["differences"],
            "planted_error_found": verify["planted_error_found"],
        },
    }


def _postgresql(request, plan: Plan) -> dict:
    if not os.environ.get("STOREDESK_TEST_PG_URL"):
        print("\n== PostgreSQL: skipped (STOREDESK_TEST_PG_URL is not set)")
        return {"skipped": "STOREDESK_TEST_PG_URL not set"}
    if os.environ.get("STOREDESK_BENCH_STOCK_PG", "") == "0":
        print("\n== PostgreSQL: skipped (STOREDESK_BENCH_STOCK_PG=0)")
        return {"skipped": "STOREDESK_BENCH_STOCK_PG=0"}
    import psycopg

    url = request.getfixturevalue("pg_url_factory")()
    db = Database(make_engine(url))
    try:
        print(f"\nbuilding the same ledger on PostgreSQL ({plan.movements:,} movements, COPY) ...")
        build = build_postgresql(db, plan)
        _print_build("PostgreSQL build", build)
        dsn = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
        with psycopg.connect(dsn, autocommit=True) as raw:
            out = _run(Backend("PostgreSQL", db, raw, plan, pg=True))
            server = raw.execute("SELECT version()").fetchone()[0]
        return {**out, "build": build, "server": server}
    finally:
        db.dispose()


def _print_build(title: str, b: dict) -> None:
    print(f"\n== {title}")
    for phase, secs in b["phases"].items():
        print(f"   {phase:<34}{secs:>8.2f} s")
    t = b["tail"]
    print(
        f"   {'total':<34}{b['total_s']:>8.2f} s; {b['movements']:,} movements, "
        f"{b['balances']:,} balances; tail: {t['documents']} documents ({t['movements']} "
        f"movements, {t['fresh_skus']} new balance rows) + {t['replays']} replays, "
        f"ledger.post + commit median {t['post_ms_median']} ms, p99 {t['post_ms_p99']} ms"
    )


def test_stock_reads(bench_workdir, request):
    sdb = stock_db(benchlib.products())
    plan = sdb.plan
    _print_build(
        f"stock ledger on SQLite ({'reused from cache, built ' + sdb.build['built_at'] if sdb.reused else 'built now'}; "
        f"{sdb.build['file_mb']} MB)",
        sdb.build,
    )
    path = bench_workdir / "stock" / "central.db"
    copy_db(sdb.central, path)
    db = open_database(sqlite_url(path))
    raw = sqlite3.connect(path, isolation_level=None)
    try:
        lite = _run(Backend("SQLite", db, raw, plan, pg=False))
    finally:
        raw.close()
        db.dispose()
    pg = _postgresql(request, plan)

    single, whole = lite["single_sku"], lite["warehouse_list"]
    benchlib.record(
        benchlib.result_key("stock_reads"),
        {
            "what": "available stock from the maintained stock_balance (ledger: stock_movement, "
            "balances posted in the same transaction): one SKU through inventory.stock in a "
            "fresh db.reader(), and the whole warehouse through Core; SQLite central file "
            "(and PostgreSQL when STOREDESK_TEST_PG_URL is set)",
            "median_ms": single["median_ms"],
            "p99_ms": single["p99_ms"],
            "ratio": single["ratio"],
            "ratio_p99": single["ratio_p99"],
            "target": f"single SKU < {SINGLE_TARGET_MS:g} ms; whole warehouse < 1 s",
            "targets": {
                "single_sku": f"single SKU < {SINGLE_TARGET_MS:g} ms (median)",
                "warehouse_list": "whole warehouse < 1 s (median)",
            },
            "pass": single["pass"]
            and whole["pass"]
            and all(pg[k]["pass"] for k in ("single_sku", "warehouse_list") if k in pg),
            "checks": {
                "sqlite_single_sku_under_5ms": single["pass"],
                "sqlite_whole_warehouse_under_1s": whole["pass"],
                **(
                    {
                        "postgresql_single_sku_under_5ms": pg["single_sku"]["pass"],
                        "postgresql_whole_warehouse_under_1s": pg["warehouse_list"]["pass"],
                    }
                    if "single_sku" in pg
                    else {}
                ),
                "verify_no_difference": True,
            },
            "n": PROBES * ROUNDS,
            "skus": plan.skus,
            "movements": sdb.build["movements"],
            "sqlite": lite,
            "build": {**sdb.build, "reused_from_cache": sdb.reused},
            "postgresql": pg,
        },
    )
