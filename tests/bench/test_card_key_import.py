"""Benchmark: importing 1,000,000 card keys into a pool (SPEC §7), encrypted and deduplicated.

What is timed is what ``storedesk cardkeys import --product CODE FILE`` runs once the process is
up: ``card_keys.read_file`` (a 25 MB TXT file: one key per line, a third of them
``card_no,password``) and ``card_keys.import_keys`` in one ``db.uow()``: the start-up key check,
every line decoded and normalised, its HMAC fingerprint checked against the rest of the file
and against the pool (which already holds 20,000 keys: read once, being smaller than the
file), a UUIDv7 and an AES-256-GCM seal per key, the rows written 5,000 at a time (SQLite:
``executemany`` with a 256 MB page cache; PostgreSQL: ``COPY``), the batch row, the audit
entry, one commit.

**Baseline**, in the same run and on a database prepared the same way (schema, indexes, the same
20,000 keys): a bare batched insert of the same 1,000,000 rows *unencrypted* (the key text as
``secret`` and as ``fingerprint``, ids made beforehand), 5,000 rows per ``executemany``, in one
transaction, on a plain DB-API connection (stdlib ``sqlite3`` with the app's pragmas; psycopg on
PostgreSQL). On PostgreSQL a diagnostic row also times the same rows through a bare ``COPY``.
The ratio is keys/s of the import ÷ keys/s of the bare insert (1.0: as fast as the bare insert).

Checks (the timing is only reported): the report is ``{read: N, added: N, duplicate: 0,
invalid: 0}``; the pool holds N + 20,000 keys; 2,000 random rows decrypt to a key of the file
whose fingerprint is the stored one; 10,000 lines of the file imported again are all reported as
duplicates and add nothing (the pool, now larger than that file, is asked 5,000 fingerprints
at a time); on SQLite, five keys are not in the database file in clear.

A cProfile of an import of 100,000 keys shows where the time goes. Wall time
and this process's CPU time are both printed: on a busy machine the wall time grows, the CPU
time much less (``STOREDESK_BENCH_CARD_KEY_DIAG=1`` also times the bare SQLite insert with the
default 2 MB page cache).

With ``STOREDESK_TEST_PG_URL`` set the same runs on a fresh PostgreSQL database.
``STOREDESK_BENCH_CARD_KEYS=100000`` makes a quick run (stored as ``card_key_import@100000``).

Targets (the issue's): the import under 60 s; the ratio at least 0.3.
"""

from __future__ import annotations

import mmap
import os
import random
import shutil
import sqlite3
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.engine import make_url

from shared.db.engine import BUSY_TIMEOUT_MS, make_engine, sqlite_url
from shared.db.models import CardKey
from shared.db.uow import Database
from shared.domain import card_key_crypto as crypto
from shared.domain.card_key_crypto import Keyring
from shared.domain.ids import new_id
from shared.services import card_keys
from shared.services.demo import create_demo
from shared.services.runtime import open_database
from tests.bench import benchlib
from tests.support.card_keys import actor, make_card_key_product

SEED = 20_261_122
KEYS = int(os.environ.get("STOREDESK_BENCH_CARD_KEYS", 1_000_000))
SEEDED = 20_000  # keys in the pool before the import
RESEND = 10_000  # lines of the file imported again: all duplicates
SAMPLE = 2_000  # rows decrypted and checked after the import
PROFILE_KEYS = min(100_000, KEYS)
BARE_BATCH = 5_000
CODE = "CKBENCH"
TARGET_S = 60.0
# STOREDESK_BENCH_CARD_KEY_DIAG=1 also times the bare insert with SQLite's default page cache
DIAGNOSTICS = os.environ.get("STOREDESK_BENCH_CARD_KEY_DIAG", "") not in ("", "0")
TARGET_RATIO = 0.3
ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
COLUMNS = (
    "id",
    "sku_id",
    "batch_id",
    "secret",
    "key_version",
    "fingerprint",
    "hint",
    "state",
    "expires_at",
    "void_reason",
    "created_at",
    "updated_at",
)


def key_texts(n: int, start: int, rng: random.Random) -> list[str]:
    """``n`` distinct keys like ``7KQ2-M9XH-000123-PF4Z``, a third with an 8-digit password."""
    out = []
    for i in range(start, start + n):
        a = "".join(rng.choices(ALPHABET, k=8))
        text = f"{a[:4]}-{a[4:]}-{i:07d}-{''.join(rng.choices(ALPHABET, k=4))}"
        if i % 3 == 0:
            text += f",{rng.randrange(10**8):08d}"
        out.append(text)
    return out


def result_key(name: str) -> str:
    return name if KEYS == 1_000_000 else f"{name}@{KEYS}"


# ---- one backend ---------------------------------------------------------------------------


def prepare(db: Database, ring: Keyring, seeded: list[str]) -> str:
    """The demo's staff, one card-key product, ``seeded`` keys in its pool; its SKU id."""
    create_demo(db, products=10)
    sku_id = make_card_key_product(db, CODE, name="基准测试点卡")
    with db.uow() as uow:
        card_keys.import_keys(
            uow, actor(db, "admin"), ring, CODE, "\n".join(seeded).encode(), file_name="seed"
        )
    return sku_id


def timed_import(
    db: Database, ring: Keyring, path: Path
) -> tuple[float, float, card_keys.ImportReport]:
    """Wall and CPU seconds (this process) of the import, and its report."""
    admin = actor(db, "admin")
    t, c = time.perf_counter(), time.process_time()
    data = card_keys.read_file(path)
    with db.uow() as uow:
        report = card_keys.import_keys(uow, admin, ring, CODE, data, file_name=path.name)
    return time.perf_counter() - t, time.process_time() - c, report


def bare_rows(texts: list[str], *, pg: bool, sku_id: str) -> list[tuple]:
    """The import's rows, unencrypted, as the plain connection binds them."""
    now = datetime.now(UTC)
    batch = str(new_id())

    def key(v: str):
        return uuid.UUID(v) if pg else uuid.UUID(v).hex

    stamp = now if pg else now.replace(tzinfo=None).strftime("%Y-%m-%d %H:%M:%S.%f")
    sku, bat = key(sku_id), key(batch)
    return [
        (
            key(str(new_id())),
            sku,
            bat,
            t.encode(),
            1,
            t,
            crypto.hint(t),
            "available",
            None,
            "",
            stamp,
            stamp,
        )
        for t in texts
    ]


def bare_sqlite(path: Path, rows: list[tuple], *, cache_mb: int | None) -> tuple[float, float]:
    con = sqlite3.connect(path, isolation_level=None)
    try:
        for pragma in ("synchronous=FULL", "foreign_keys=ON", f"busy_timeout={BUSY_TIMEOUT_MS}"):
            con.execute(f"PRAGMA {pragma}")
        if cache_mb:
            con.execute(f"PRAGMA cache_size=-{cache_mb * 1024}")
        sql = (
            f"INSERT INTO card_key ({', '.join(COLUMNS)}) VALUES ({', '.join('?' * len(COLUMNS))})"
        )
        t, c = time.perf_counter(), time.process_time()
        con.execute("BEGIN IMMEDIATE")
        for i in range(0, len(rows), BARE_BATCH):
            con.executemany(sql, rows[i : i + BARE_BATCH])
        con.execute("COMMIT")
        return time.perf_counter() - t, time.process_time() - c
    finally:
        con.close()


def bare_pg(dsn: str, rows: list[tuple], *, copy: bool) -> tuple[float, float]:
    import psycopg

    with psycopg.connect(dsn) as con:
        t, c = time.perf_counter(), time.process_time()
        with con.cursor() as cur:
            if copy:
                with cur.copy(f"COPY card_key ({', '.join(COLUMNS)}) FROM STDIN") as cp:
                    for row in rows:
                        cp.write_row(row)
            else:
                sql = (
                    f"INSERT INTO card_key ({', '.join(COLUMNS)}) "
                    f"VALUES ({', '.join(['%s'] * len(COLUMNS))})"
                )
                for i in range(0, len(rows), BARE_BATCH):
                    cur.executemany(sql, rows[i : i + BARE_BATCH])
        con.commit()
        return time.perf_counter() - t, time.process_time() - c


def check(db: Database, ring: Keyring, texts: list[str], report, sku_id: str) -> dict:
    """The import did what it says: counts, decryption, fingerprints, duplicates caught."""
    assert report.as_json() == {"read": KEYS, "added": KEYS, "duplicate": 0, "invalid": 0}
    fingerprint = ring.fingerprinter()
    known = set(texts)
    with db.reader() as uow:
        n = uow.session.scalar(
            select(func.count()).select_from(CardKey).where(CardKey.sku_id == sku_id)
        )
        assert n == KEYS + SEEDED, n
        ids = list(
            uow.session.scalars(
                select(CardKey.id).where(CardKey.batch_id == report.batch_id).order_by(CardKey.id)
            )
        )
        picks = random.Random(SEED).sample(ids, min(SAMPLE, len(ids)))
        for key_id in picks:
            row = uow.session.get(CardKey, key_id)
            text = ring.open(bytes(row.secret), row.id, row.key_version)
            assert text in known and fingerprint(text) == row.fingerprint
            assert text.encode() not in bytes(row.secret)
    resend = random.Random(SEED + 1).sample(texts, min(RESEND, len(texts)))
    t = time.perf_counter()
    with db.uow() as uow:
        again = card_keys.import_keys(
            uow, actor(db, "admin"), ring, CODE, "\n".join(resend).encode(), file_name="again"
        )
    resend_s = time.perf_counter() - t
    assert again.as_json() == {
        "read": len(resend),
        "added": 0,
        "duplicate": len(resend),
        "invalid": 0,
    }
    return {"decrypted_sample": len(picks), "resend_lines": len(resend), "resend_s": resend_s}


def no_clear_text(path: Path, texts: list[str]) -> int:
    """Five keys searched for in the SQLite file's bytes (and its WAL)."""
    probes = random.Random(SEED + 2).sample(texts, 5)
    for file in (path, Path(f"{path}-wal")):
        if not file.exists() or file.stat().st_size == 0:
            continue
        with file.open("rb") as fh, mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as mm:
            for text in probes:
                assert mm.find(text.encode()) == -1, f"a key in clear in {file.name}"
                assert mm.find(text.split(",")[0].encode()) == -1
    return len(probes)


def profile(db: Database, ring: Keyring, texts: list[str]) -> list[dict]:
    prof = benchlib.Profile()
    admin = actor(db, "admin")
    data = "\n".join(texts).encode()
    t = time.perf_counter()
    with prof.run(), db.uow() as uow:
        card_keys.import_keys(uow, admin, ring, CODE, data, file_name="profile")
    wall = time.perf_counter() - t
    crypto_file = "card_key_crypto.py"
    service = "services/card_keys.py"
    parts = [
        ("rows written (BulkInsert.write: executemany / COPY)", prof.cum_s("db/bulk.py", "write")),
        (
            "duplicate look-ups in the pool (in_pool)",
            prof.cum_s("services/card_keys.py", "in_pool"),
        ),
        ("seal (AES-256-GCM, a 12-byte nonce)", prof.cum_s(crypto_file, "seal")),
        ("fingerprint (HMAC-SHA256)", prof.cum_s(crypto_file, "fingerprint")),
        (
            "new_id_strings (UUIDv7, a batch at a time)",
            prof.cum_s("domain/ids.py", "new_id_strings"),
        ),
        ("normalise (a line to a key's text)", prof.cum_s(crypto_file, "normalise")),
        ("_lines (split, decode UTF-8 / GB18030)", prof.cum_s(service, "_lines")),
        ("commit", prof.cum_s("db/uow.py", "commit")),
    ]
    print()
    print(f"-- where the time goes: import of {len(texts):,} keys (cProfile)")
    total = prof.total_s()
    print(f"   profiled {total:.2f} s vs {wall:.2f} s wall (profiling overhead included)")
    out = []
    for label, secs in parts:
        print(f"   {label:<62}{secs:>7.2f} s{100 * secs / total:>6.1f} %")
        out.append(
            {"part": label, "profiled_s": round(secs, 3), "pct": round(100 * secs / total, 1)}
        )
    prof.print_top(14, restrict="/work/main/shared")
    return out


def run_backend(name: str, make_db, bare, texts, seeded, path: Path, *, pg: bool) -> dict:
    """Bare insert first, then the import, each on a freshly prepared database."""
    ring = Keyring({1: os.urandom(32)})
    bare_db = make_db("bare")
    sku_bare = prepare(bare_db, ring, seeded)
    rows = bare_rows(texts, pg=pg, sku_id=sku_bare)
    bare_s, bare_cpu = bare(bare_db, rows)
    extra = {}
    if not pg and DIAGNOSTICS:  # the same rows with SQLite's default page cache (2 MB)
        plain_db = make_db("bare-default-cache")
        sku_plain = prepare(plain_db, ring, seeded)
        plain_db.dispose()
        extra["bare_default_cache_s"] = bare_sqlite(
            plain_db.path, bare_rows(texts, pg=False, sku_id=sku_plain), cache_mb=None
        )[0]
    if pg:
        copy_db = make_db("copy")
        sku_copy = prepare(copy_db, ring, seeded)
        extra["bare_copy_s"] = bare_pg(
            copy_db.dsn, bare_rows(texts, pg=True, sku_id=sku_copy), copy=True
        )[0]
        copy_db.dispose()
    del rows
    bare_db.dispose()

    db = make_db("import")
    sku_id = prepare(db, ring, seeded)
    import_s, import_cpu, report = timed_import(db, ring, path)
    checks = check(db, ring, texts, report, sku_id)
    if not pg:
        db.dispose()
        checks["clear_text_probes"] = no_clear_text(db.path, texts)
    else:
        db.dispose()
    prof_db = make_db("profile")
    prepare(prof_db, ring, seeded)
    breakdown = profile(prof_db, ring, texts[:PROFILE_KEYS])
    prof_db.dispose()

    rate, bare_rate = KEYS / import_s, KEYS / bare_s
    ratio = benchlib.ratio(rate, bare_rate)
    print()
    print(f"== card-key import on {name}: {KEYS:,} keys (pool already holding {SEEDED:,})")
    print(
        f"   {'import (read_file + import_keys + commit)':<52}{import_s:>8.2f} s "
        f"{rate:>10,.0f} keys/s   (CPU of this process {import_cpu:.1f} s)"
    )
    print(
        f"   {'baseline: bare batched INSERT, unencrypted':<52}{bare_s:>8.2f} s "
        f"{bare_rate:>10,.0f} keys/s   (CPU of this process {bare_cpu:.1f} s)"
    )
    if "bare_default_cache_s" in extra:
        c = extra["bare_default_cache_s"]
        print(
            f"   {'diagnostic: the same, default 2 MB page cache':<52}{c:>8.2f} s "
            f"{KEYS / c:>10,.0f} keys/s"
        )
    if "bare_copy_s" in extra:
        c = extra["bare_copy_s"]
        print(f"   {'diagnostic: bare COPY, unencrypted':<52}{c:>8.2f} s {KEYS / c:>10,.0f} keys/s")
    print(
        f"   ratio {ratio:.2f} (target >= {TARGET_RATIO}); import {import_s:.1f} s "
        f"(target < {TARGET_S:.0f} s); 10,000 lines again: {checks['resend_s']:.2f} s, all duplicates"
    )
    return {
        "import_s": round(import_s, 2),
        "import_cpu_s": round(import_cpu, 2),
        "bare_cpu_s": round(bare_cpu, 2),
        "loadavg_1m_after": round(os.getloadavg()[0], 2),
        "keys_per_s": round(rate),
        "bare_s": round(bare_s, 2),
        "bare_keys_per_s": round(bare_rate),
        "ratio": ratio,
        "pass": import_s < TARGET_S and ratio >= TARGET_RATIO,
        **{k: round(v, 2) for k, v in extra.items()},
        "checks": {k: round(v, 2) if isinstance(v, float) else v for k, v in checks.items()},
        "profile": breakdown,
    }


@pytest.mark.timeout(3600)
def test_card_key_import(bench_workdir, request):
    rng = random.Random(SEED)
    texts = key_texts(KEYS, SEEDED, rng)
    seeded = key_texts(SEEDED, 0, rng)
    work = bench_workdir / "card-keys"
    work.mkdir(parents=True, exist_ok=True)
    path = work / "keys.txt"
    path.write_text("\n".join(texts) + "\n", encoding="utf-8")
    print(f"\n   the file: {path.stat().st_size / 2**20:.1f} MB, {KEYS:,} keys")

    template = work / "template.db"
    engine = make_engine(sqlite_url(template))
    from shared.db.migrate import upgrade

    upgrade(engine, backup=False)
    engine.dispose()

    def make_sqlite(tag: str) -> Database:
        target = work / f"{tag}.db"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{target}{suffix}").unlink(missing_ok=True)
        shutil.copyfile(template, target)
        db = open_database(sqlite_url(target))
        db.path = target  # type: ignore[attr-defined]
        return db

    def bare_lite(db: Database, rows: list[tuple]) -> float:
        path_ = db.path  # type: ignore[attr-defined]
        db.dispose()
        # the page cache the import gives itself (card_keys.SQLITE_CACHE_MB), for a fair race
        cache = card_keys.SQLITE_CACHE_MB if KEYS > card_keys.BIG_IMPORT else None
        return bare_sqlite(path_, rows, cache_mb=cache)

    lite = run_backend("SQLite", make_sqlite, bare_lite, texts, seeded, path, pg=False)
    results = {"sqlite": lite}

    if os.environ.get("STOREDESK_TEST_PG_URL"):

        def make_pg(_tag: str) -> Database:
            url = request.getfixturevalue("pg_url_factory")()
            db = Database(make_engine(url))
            db.dsn = (  # type: ignore[attr-defined]
                make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
            )
            return db

        def bare_postgres(db: Database, rows: list[tuple]) -> float:
            return bare_pg(db.dsn, rows, copy=False)  # type: ignore[attr-defined]

        results["postgresql"] = run_backend(
            "PostgreSQL", make_pg, bare_postgres, texts, seeded, path, pg=True
        )
    else:
        print("\n== PostgreSQL: skipped (STOREDESK_TEST_PG_URL is not set)")

    benchlib.record(
        result_key("card_key_import"),
        {
            "what": f"card_keys.read_file + import_keys of {KEYS:,} keys (AES-256-GCM, HMAC "
            f"fingerprints, deduplicated against the file and a pool of {SEEDED:,}) in one "
            "transaction, SQLite central file (and PostgreSQL when STOREDESK_TEST_PG_URL is "
            "set); ratio = import keys/s / bare batched INSERT keys/s of the same rows "
            "unencrypted",
            "median_ms": round(lite["import_s"] * 1000),
            "p99_ms": None,
            "ratio": lite["ratio"],
            "target": f"under {TARGET_S:.0f} s; ratio >= {TARGET_RATIO}",
            "pass": all(r["pass"] for r in results.values()),
            "n": 1,
            **results,
        },
    )
