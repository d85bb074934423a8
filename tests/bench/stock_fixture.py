"""The stock ledger of the stock-read benchmark: one central warehouse, N SKUs, 10 N movements.

The data are made from a seed, so SQLite and PostgreSQL get the same catalog, the same bulk
ledger and the same tail:

* a catalog of ``skus`` minimal products with one SKU each (no barcodes);
* one central warehouse (``HQ01``, no store);
* the bulk ledger, exactly ``movements`` rows, written the fast way (bulk inserts / ``COPY``):
  an opening movement for every SKU but the "fresh" ones (one in 200), then a year of sales,
  purchase vouchers, refunds and losses whose SKUs follow a skewed (Zipf 0.8) popularity, so a
  few SKUs carry tens of thousands of movements and most carry a handful;
* its balances in one ``INSERT ... SELECT SUM(qty_milli) ... GROUP BY`` (and a few locked
  quantities, which only orders set);
* then a realistic tail through ``shared.db.ledger.post``, one document per transaction the way
  the services post: purchase vouchers bringing the fresh SKUs in (their balance rows are created
  by ``post``), sales, purchases, losses, and replays of documents already posted (which must add
  nothing).

On SQLite the result is cached under ``/tmp/storedesk-bench/stock-<skus>-<schema head>/`` like the
catalog of ``conftest.py`` (``STOREDESK_BENCH_REBUILD=1`` rebuilds); a benchmark reads a copy.
"""

from __future__ import annotations

import contextlib
import fcntl
import itertools
import json
import os
import random
import shutil
import sqlite3
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert, text

from shared.db import ledger
from shared.db.engine import sqlite_url
from shared.db.migrate import head_revision
from shared.db.models import Enterprise, Product, Sku, Warehouse
from shared.db.uow import Database
from shared.services.runtime import open_database
from tests.bench import benchlib

SEED = 20_250_301
MOVEMENTS_PER_SKU = 10
#: one SKU in FRESH_EVERY has no bulk movements: the tail brings it in through ``ledger.post``
FRESH_EVERY = 200
#: one SKU in LOCKED_EVERY has a quantity reserved by an (unpaid) order
LOCKED_EVERY = 50
ZIPF_S = 0.8
WAREHOUSE_CODE = "HQ01"
T0 = datetime(2025, 1, 1, tzinfo=UTC)
SPAN = timedelta(days=365)
#: the tail (documents posted through ``ledger.post``), at full scale; scaled down with the SKUs
TAIL_SALES = 800
TAIL_PURCHASES = 100
TAIL_LOSSES = 50
TAIL_REPLAYS = 25
FRESH_PER_VOUCHER = 20

MOVEMENT_COLUMNS = (
    "id",
    "warehouse_id",
    "sku_id",
    "qty_milli",
    "kind",
    "doc_type",
    "doc_id",
    "line_key",
    "unit_cost_fen",
    "serial_no",
    "at",
    "created_by",
)
PRODUCT_COLUMNS = tuple(c.name for c in Product.__table__.columns)
SKU_COLUMNS = tuple(c.name for c in Sku.__table__.columns)

BALANCES_FROM_LEDGER = """
INSERT INTO stock_balance (warehouse_id, sku_id, on_hand_milli, locked_milli, avg_cost_fen,
                           updated_at)
SELECT warehouse_id, sku_id, SUM(qty_milli), 0, MAX(unit_cost_fen), MAX(at)
FROM stock_movement
GROUP BY warehouse_id, sku_id
"""


def _stamp(at: datetime) -> str:
    """``at`` as SQLAlchemy stores a UTC datetime on SQLite (naive UTC, microseconds)."""
    return at.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


class _Ids:
    """UUIDv7 ids from a seeded generator (``shared.domain.ids`` layout), as 32 hex digits."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def at(self, ms: int) -> str:
        value = (ms & ((1 << 48) - 1)) << 80
        value |= 0x7 << 76
        value |= self.rng.getrandbits(12) << 64
        value |= 0b10 << 62
        value |= self.rng.getrandbits(62)
        return f"{value:032x}"


def _ms(at: datetime) -> int:
    return int(at.timestamp() * 1000)


@dataclass(frozen=True)
class Plan:
    """Who is who in the generated data (the same on every backend for one ``skus``)."""

    skus: int
    movements: int
    enterprise_id: str
    warehouse_id: str
    product_ids: list[str]
    sku_ids: list[str]
    sku_codes: list[str]
    cost_fen: list[int]
    #: indexes of SKUs with bulk movements, most popular first; their cumulative Zipf weights
    ranked: list[int]
    cum_weights: list[float]
    fresh: list[int]
    locked: list[int]

    @property
    def tail_now(self) -> datetime:
        return T0 + SPAN + timedelta(hours=1)


def make_plan(skus: int, movements: int | None = None, seed: int = SEED) -> Plan:
    rng = random.Random(seed)
    ids = _Ids(rng)
    t = _ms(T0) - 86_400_000
    product_ids = [ids.at(t) for _ in range(skus)]
    sku_ids = [ids.at(t) for _ in range(skus)]
    fresh = [i for i in range(skus) if i % FRESH_EVERY == FRESH_EVERY - 1]
    fresh_set = set(fresh)
    ranked = [i for i in range(skus) if i not in fresh_set]
    rng.shuffle(ranked)
    cum_weights = list(itertools.accumulate(1 / (k + 1) ** ZIPF_S for k in range(len(ranked))))
    return Plan(
        skus=skus,
        movements=movements if movements is not None else MOVEMENTS_PER_SKU * skus,
        enterprise_id=ids.at(t),
        warehouse_id=ids.at(t),
        product_ids=product_ids,
        sku_ids=sku_ids,
        sku_codes=[f"BS{i:07d}" for i in range(skus)],
        cost_fen=[rng.randint(50, 20_000) for _ in range(skus)],
        ranked=ranked,
        cum_weights=cum_weights,
        fresh=fresh,
        locked=[i for i in range(0, skus, LOCKED_EVERY) if i not in fresh_set],
    )


# ---- the catalog and the bulk ledger -------------------------------------------------------


def enterprise_row(plan: Plan) -> dict:
    return {"id": plan.enterprise_id, "name": "库存基准", "settings": {}, "created_at": T0}


def warehouse_row(plan: Plan) -> dict:
    return {
        "id": plan.warehouse_id,
        "enterprise_id": plan.enterprise_id,
        "store_id": None,
        "code": WAREHOUSE_CODE,
        "name": "总部仓",
        "kind": "central",
        "allow_negative": True,
        "status": "active",
        "created_at": T0,
    }


def product_rows(plan: Plan) -> Iterator[dict]:
    for i in range(plan.skus):
        yield {
            "id": plan.product_ids[i],
            "code": f"BP{i:07d}",
            "name": f"基准商品 {i:07d}",
            "pinyin": "jzsp",
            "category_id": None,
            "unit": "件",
            "kind": "goods",
            "serial_tracked": False,
            "status": "on",
            "spec1_name": "",
            "spec2_name": "",
            "on_shelf_at": None,
            "off_shelf_at": None,
            "updated_at": T0,
        }


def sku_rows(plan: Plan) -> Iterator[dict]:
    for i in range(plan.skus):
        cost = plan.cost_fen[i]
        yield {
            "id": plan.sku_ids[i],
            "product_id": plan.product_ids[i],
            "code": plan.sku_codes[i],
            "spec1": "",
            "spec2": "",
            "price_fen": cost * 3 // 2,
            "member_price_fen": None,
            "cost_fen": cost,
            "plu": None,
            "weighed": False,
            "status": "on",
            "updated_at": T0,
        }


#: (kind, doc_type, share of documents, lines (min, max), units per line (min, max), sign)
DOC_KINDS = (
    ("sale", "sale", 0.85, (1, 6), (1, 3), -1),
    ("purchase", "voucher", 0.08, (5, 20), (2, 10), 1),
    ("refund", "refund", 0.04, (1, 1), (1, 1), 1),
    ("loss", "voucher", 0.03, (1, 3), (1, 2), -1),
)


def movement_rows(plan: Plan, *, seed: int = SEED) -> Iterator[tuple]:
    """The bulk ledger: exactly ``plan.movements`` tuples in ``MOVEMENT_COLUMNS`` order, ``at``
    as stored on SQLite (naive UTC text), in time order."""
    rng = random.Random(seed + 1)
    ids = _Ids(rng)
    wh = plan.warehouse_id
    opening_at = _stamp(T0)
    opening_ms = _ms(T0)
    opening_doc = str(uuid.UUID(ids.at(opening_ms)))
    for i in plan.ranked:
        units = rng.randint(20, 200)
        yield (
            ids.at(opening_ms),
            wh,
            plan.sku_ids[i],
            units * 1000,
            "opening",
            "opening",
            opening_doc,
            plan.sku_codes[i],
            plan.cost_fen[i],
            None,
            opening_at,
            None,
        )
    rest = plan.movements - len(plan.ranked)
    if rest <= 0:
        return
    picks = rng.choices(plan.ranked, cum_weights=plan.cum_weights, k=rest)
    kinds = [k[:2] + k[3:] for k in DOC_KINDS]
    cum_share = list(itertools.accumulate(k[2] for k in DOC_KINDS))
    start_ms = _ms(T0) + 3_600_000
    span_ms = int(SPAN.total_seconds() * 1000) - 3_600_000
    n = 0
    while n < rest:
        (kind, doc_type, (lo, hi), (ulo, uhi), sign) = rng.choices(kinds, cum_weights=cum_share)[0]
        lines = min(rng.randint(lo, hi), rest - n)
        ms = start_ms + n * span_ms // rest
        at = _stamp(datetime.fromtimestamp(ms / 1000, UTC))
        doc_id = str(uuid.UUID(ids.at(ms)))
        for line_no in range(1, lines + 1):
            sku = picks[n]
            n += 1
            yield (
                ids.at(ms),
                wh,
                plan.sku_ids[sku],
                sign * rng.randint(ulo, uhi) * 1000,
                kind,
                doc_type,
                doc_id,
                str(line_no),
                plan.cost_fen[sku],
                None,
                at,
                None,
            )


def _chunks(rows, size: int) -> Iterator[list]:
    it = iter(rows)
    while chunk := list(itertools.islice(it, size)):
        yield chunk


# ---- the tail, through ledger.post ---------------------------------------------------------


@dataclass(frozen=True)
class TailDoc:
    doc_type: str
    doc_id: str
    lines: tuple[tuple[int, int, str, int], ...]  # (sku index, qty_milli, kind, unit_cost_fen)


def tail_docs(plan: Plan, *, seed: int = SEED) -> list[TailDoc]:
    """The documents of the tail, in posting order (fresh SKUs' vouchers come first)."""
    rng = random.Random(seed + 2)
    ids = _Ids(rng)
    scale = plan.skus / benchlib.DEFAULT_PRODUCTS
    ms = _ms(plan.tail_now)

    def doc_id() -> str:
        return str(uuid.UUID(ids.at(ms)))

    def popular(k: int) -> list[int]:
        return rng.choices(plan.ranked, cum_weights=plan.cum_weights, k=k)

    docs = []
    for start in range(0, len(plan.fresh), FRESH_PER_VOUCHER):
        batch = plan.fresh[start : start + FRESH_PER_VOUCHER]
        lines = tuple((i, rng.randint(20, 200) * 1000, "purchase", plan.cost_fen[i]) for i in batch)
        docs.append(TailDoc("voucher", doc_id(), lines))
    mixed = []
    for _ in range(max(1, round(TAIL_SALES * scale))):
        skus = popular(rng.randint(1, 5))
        mixed.append(
            TailDoc(
                "sale",
                doc_id(),
                tuple((i, -rng.randint(1, 3) * 1000, "sale", 0) for i in skus),
            )
        )
    for _ in range(max(1, round(TAIL_PURCHASES * scale))):
        skus = popular(rng.randint(5, 20))
        mixed.append(
            TailDoc(
                "voucher",
                doc_id(),
                tuple(
                    (i, rng.randint(2, 10) * 1000, "purchase", plan.cost_fen[i] + rng.randint(0, 9))
                    for i in skus
                ),
            )
        )
    for _ in range(max(1, round(TAIL_LOSSES * scale))):
        skus = popular(rng.randint(1, 2))
        mixed.append(TailDoc("voucher", doc_id(), tuple((i, -1000, "loss", 0) for i in skus)))
    rng.shuffle(mixed)
    docs += mixed
    # replays: the same documents again (a pushed sale replayed, a double click)
    docs += rng.sample(mixed, min(len(mixed), max(1, round(TAIL_REPLAYS * scale))))
    return docs


def post_tail(db: Database, plan: Plan) -> dict:
    """Post the tail, one document per transaction; what it took."""
    docs = tail_docs(plan)
    seen: set[str] = set()
    posted_ns: list[int] = []
    movements = replays = 0
    for n, doc in enumerate(docs):
        now = plan.tail_now + timedelta(seconds=n)
        rows = [
            ledger.movement(
                warehouse_id=plan.warehouse_id,
                sku_id=plan.sku_ids[i],
                qty_milli=qty,
                kind=kind,
                doc_type=doc.doc_type,
                doc_id=doc.doc_id,
                line_key=str(line_no),
                at=now,
                unit_cost_fen=cost,
            )
            for line_no, (i, qty, kind, cost) in enumerate(doc.lines, start=1)
        ]
        t = time.perf_counter_ns()
        with db.uow() as uow:
            touched = ledger.post(uow.session, rows, now)
            uow.commit()
        posted_ns.append(time.perf_counter_ns() - t)
        if doc.doc_id in seen:
            assert touched == [], f"replayed document {doc.doc_id} changed a balance"
            replays += 1
        else:
            assert touched, f"document {doc.doc_id} touched no balance"
            seen.add(doc.doc_id)
            movements += len(rows)
    st = benchlib.Stats.of_ns(posted_ns)
    return {
        "documents": len(docs) - replays,
        "replays": replays,
        "movements": movements,
        "fresh_skus": len(plan.fresh),
        "post_ms_median": round(st.median_ms, 3),
        "post_ms_p99": round(st.p99_ms, 3),
    }


def lock_some(conn, plan: Plan, param: str = "?") -> None:
    """Reserve a unit of every LOCKED_EVERY-th SKU (orders do this; the ledger does not)."""
    sql = (
        f"UPDATE stock_balance SET locked_milli = 1000 WHERE warehouse_id = {param} "
        f"AND sku_id = {param}"
    )
    conn.exec_driver_sql(sql, [(plan.warehouse_id, plan.sku_ids[i]) for i in plan.locked])


# ---- SQLite: build once, cache ---------------------------------------------------------------


@dataclass(frozen=True)
class StockDb:
    dir: Path
    plan: Plan
    build: dict
    reused: bool

    @property
    def central(self) -> Path:
        return self.dir / "central.db"


def _build_sqlite(target: Path, plan: Plan) -> dict:
    phases: dict[str, float] = {}
    path = target / "central.db"
    t = time.perf_counter()
    db = open_database(sqlite_url(path))
    phases["open_and_migrate_s"] = time.perf_counter() - t
    try:
        with db.engine.begin() as conn:
            conn.exec_driver_sql("PRAGMA cache_size=-1048576")  # 1 GiB for the index builds
            t = time.perf_counter()
            conn.execute(insert(Enterprise.__table__), [enterprise_row(plan)])
            conn.execute(insert(Warehouse.__table__), [warehouse_row(plan)])
            for chunk in _chunks(product_rows(plan), 20_000):
                conn.execute(insert(Product.__table__), chunk)
            for chunk in _chunks(sku_rows(plan), 20_000):
                conn.execute(insert(Sku.__table__), chunk)
            phases["catalog_core_insert_s"] = time.perf_counter() - t
            t = time.perf_counter()
            sql = (
                f"INSERT INTO stock_movement ({', '.join(MOVEMENT_COLUMNS)}) "
                f"VALUES ({', '.join('?' * len(MOVEMENT_COLUMNS))})"
            )
            for chunk in _chunks(movement_rows(plan), 50_000):
                conn.exec_driver_sql(sql, chunk)
            phases["movements_bulk_insert_s"] = time.perf_counter() - t
            t = time.perf_counter()
            conn.exec_driver_sql(BALANCES_FROM_LEDGER)
            lock_some(conn, plan)
            phases["balances_group_by_s"] = time.perf_counter() - t
            conn.exec_driver_sql("PRAGMA cache_size=-2000")
        t = time.perf_counter()
        tail = post_tail(db, plan)
        phases["tail_through_ledger_post_s"] = time.perf_counter() - t
    finally:
        db.dispose()
    con = sqlite3.connect(path, isolation_level=None)
    try:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # one self-contained file to copy
        count = con.execute("SELECT count(*) FROM stock_movement").fetchone()[0]
        balances = con.execute("SELECT count(*) FROM stock_balance").fetchone()[0]
    finally:
        con.close()
    return {
        "skus": plan.skus,
        "bulk_movements": plan.movements,
        "movements": count,
        "balances": balances,
        "tail": tail,
        "phases": {k: round(v, 2) for k, v in phases.items()},
        "total_s": round(sum(phases.values()), 2),
        "file_mb": round(path.stat().st_size / 2**20, 1),
        "built_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
    }


def stock_db(skus: int) -> StockDb:
    """The cached SQLite ledger of ``skus`` SKUs, built when missing (or when asked)."""
    head = head_revision()
    plan = make_plan(skus)
    root = benchlib.CACHE_ROOT
    target = root / f"stock-{skus}-{head}"
    root.mkdir(parents=True, exist_ok=True)
    with open(root / f".stock-{skus}-{head}.lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        marker = target / "build.json"
        rebuild = os.environ.get("STOREDESK_BENCH_REBUILD", "") not in ("", "0")
        if marker.exists() and not rebuild:
            return StockDb(target, plan, json.loads(marker.read_text()), True)
        shutil.rmtree(target, ignore_errors=True)
        target.mkdir(parents=True)
        print(
            f"\nbuilding the stock ledger ({skus:,} SKUs, {plan.movements:,} movements) in "
            f"{target} (cached for later runs) ..."
        )
        try:
            build = {**_build_sqlite(target, plan), "head": head}
        except BaseException:
            shutil.rmtree(target, ignore_errors=True)
            raise
        marker.write_text(json.dumps(build, indent=2, ensure_ascii=False))
        for stale in root.glob(f"stock-{skus}-*"):
            if stale != target:  # built for an older schema head
                shutil.rmtree(stale, ignore_errors=True)
    return StockDb(target, plan, build, False)


def copy_db(src: Path, dst: Path) -> None:
    """A private copy of a SQLite file (the cache is never written to after it is built)."""
    dst.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{dst}{suffix}").unlink(missing_ok=True)
    wal = Path(f"{src}-wal")
    if wal.exists() and wal.stat().st_size > 0:
        with (
            contextlib.closing(sqlite3.connect(src)) as s,
            contextlib.closing(sqlite3.connect(dst)) as d,
        ):
            s.backup(d)
        return
    shutil.copyfile(src, dst)


# ---- PostgreSQL: COPY ----------------------------------------------------------------------


def _copy(conn, table: str, columns: tuple[str, ...], rows) -> None:
    raw = conn.connection.driver_connection
    with (
        raw.cursor() as cur,
        cur.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as cp,
    ):
        for row in rows:
            cp.write_row(row)


def build_postgresql(db: Database, plan: Plan) -> dict:
    """The same data on a migrated PostgreSQL database: COPY, the balances' GROUP BY, ANALYZE,
    then the same tail through ``ledger.post``."""
    phases: dict[str, float] = {}
    with db.engine.begin() as conn:
        t = time.perf_counter()
        conn.execute(insert(Enterprise.__table__), [enterprise_row(plan)])
        conn.execute(insert(Warehouse.__table__), [warehouse_row(plan)])
        _copy(conn, "product", PRODUCT_COLUMNS, (tuple(r.values()) for r in product_rows(plan)))
        _copy(conn, "sku", SKU_COLUMNS, (tuple(r.values()) for r in sku_rows(plan)))
        phases["catalog_copy_s"] = time.perf_counter() - t
        t = time.perf_counter()
        _copy(
            conn,
            "stock_movement",
            MOVEMENT_COLUMNS,
            (r[:10] + (r[10] + "+00", None) for r in movement_rows(plan)),
        )
        phases["movements_copy_s"] = time.perf_counter() - t
        t = time.perf_counter()
        conn.exec_driver_sql(BALANCES_FROM_LEDGER)
        lock_some(conn, plan, "%s")
        phases["balances_group_by_s"] = time.perf_counter() - t
    t = time.perf_counter()
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text("ANALYZE"))
    phases["analyze_s"] = time.perf_counter() - t
    t = time.perf_counter()
    tail = post_tail(db, plan)
    phases["tail_through_ledger_post_s"] = time.perf_counter() - t
    with db.engine.connect() as conn:
        count = conn.exec_driver_sql("SELECT count(*) FROM stock_movement").scalar_one()
        balances = conn.exec_driver_sql("SELECT count(*) FROM stock_balance").scalar_one()
        size = conn.exec_driver_sql("SELECT pg_database_size(current_database())").scalar_one()
    return {
        "movements": count,
        "balances": balances,
        "tail": tail,
        "phases": {k: round(v, 2) for k, v in phases.items()},
        "total_s": round(sum(phases.values()), 2),
        "database_mb": round(size / 2**20, 1),
    }
