"""Fixtures of the benchmarks: the 200,000-product catalog, built once and cached.

The catalog is what ``storedesk demo --products 200000`` makes: ``create_demo`` on a central SQLite
file, then ``register`` copies head-office data into the terminal file. It is cached under
``/tmp/storedesk-bench/catalog-<products>-<schema head>/`` and reused while the schema head is the
same (``STOREDESK_BENCH_REBUILD=1`` forces a rebuild). Each benchmark works on its own copy in a
per-run directory, so the cache is never written to after it is built.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import shutil
import sqlite3
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from shared.db.engine import sqlite_url
from shared.db.migrate import head_revision
from shared.services.demo import create_demo
from shared.services.runtime import Paths, open_database, open_terminal
from shared.services.terminal_setup import register
from shared.sync.gateway import InProcessGateway
from tests.bench import benchlib

BUILD_MARKER = "build.json"
#: the issue's order: scan, sale, cold start (pytest would otherwise run them alphabetically)
ORDER = ("test_scan_lookup", "test_sale_commit", "test_pos_cold_start")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    def rank(item: pytest.Item) -> int:
        name = item.module.__name__.rsplit(".", 1)[-1] if item.module else ""
        return ORDER.index(name) if name in ORDER else len(ORDER)

    items.sort(key=rank)


@dataclass(frozen=True)
class Catalog:
    """A built catalog: the central file, the registered terminal file, and how it was built."""

    dir: Path
    products: int
    head: str
    build: dict

    @property
    def central(self) -> Path:
        return self.dir / "central.db"

    @property
    def terminal(self) -> Path:
        return self.dir / "terminal.db"


def _build(target: Path, n: int, head: str) -> dict:
    """What ``storedesk demo --products N`` does, phase by phase, timed."""
    paths = Paths(target, sqlite_url(target / "central.db"))
    phases: dict[str, float] = {}
    t = time.perf_counter()
    central = open_database(paths.central_url)
    phases["open_central_and_migrate_s"] = time.perf_counter() - t
    try:
        t = time.perf_counter()
        result = create_demo(central, products=n)
        phases["create_demo_s"] = time.perf_counter() - t
        t = time.perf_counter()
        local = open_terminal(paths)
        phases["open_terminal_and_migrate_s"] = time.perf_counter() - t
        try:
            t = time.perf_counter()
            reg = register(
                local,
                InProcessGateway(central),
                store_code="S01",
                number=1,
                central_url=paths.central_url,
            )
            phases["register_copy_to_terminal_s"] = time.perf_counter() - t
        finally:
            local.dispose()
    finally:
        central.dispose()
    return {
        "products": n,
        "created_products": result.created_products,
        "head": head,
        "rows": reg.rows,
        "phases": {k: round(v, 2) for k, v in phases.items()},
        "total_s": round(sum(phases.values()), 2),
        "terminal_mb": round((target / "terminal.db").stat().st_size / 2**20, 1),
        "central_mb": round((target / "central.db").stat().st_size / 2**20, 1),
        "built_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
    }


@pytest.fixture(scope="session")
def bench_catalog() -> Catalog:
    n = benchlib.products()
    head = head_revision()
    target = benchlib.CACHE_ROOT / f"catalog-{n}-{head}"
    benchlib.CACHE_ROOT.mkdir(parents=True, exist_ok=True)
    # another `make bench` may be building the same catalog: wait for it rather than race
    with open(benchlib.CACHE_ROOT / f".catalog-{n}-{head}.lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        marker = target / BUILD_MARKER
        rebuild = os.environ.get("STOREDESK_BENCH_REBUILD", "") not in ("", "0")
        if marker.exists() and not rebuild:
            build = json.loads(marker.read_text())
            reused = True
        else:
            shutil.rmtree(target, ignore_errors=True)  # a half-built one from an aborted run
            target.mkdir(parents=True)
            print(f"\nbuilding the {n:,}-product catalog in {target} (cached for later runs) ...")
            try:
                build = _build(target, n, head)
            except BaseException:
                shutil.rmtree(target, ignore_errors=True)  # 300 MB of half a catalog
                raise
            marker.write_text(json.dumps(build, indent=2, ensure_ascii=False))
            reused = False
            for stale in benchlib.CACHE_ROOT.glob(f"catalog-{n}-*"):
                if stale != target:  # built for an older schema head: never used again
                    shutil.rmtree(stale, ignore_errors=True)
    catalog = Catalog(target, n, head, build)
    _report_build(catalog, reused)
    return catalog


def _report_build(catalog: Catalog, reused: bool) -> None:
    b = catalog.build
    print()
    print(
        f"== catalog build: storedesk demo --products {catalog.products:,} "
        f"({'reused from cache, built ' + b['built_at'] if reused else 'built now'})"
    )
    for phase, secs in b["phases"].items():
        print(f"   {phase:<34}{secs:>8.2f} s")
    print(f"   {'total':<34}{b['total_s']:>8.2f} s   target: under ~180 s")
    print(
        f"   rows copied to the terminal: {sum(b['rows'].values()):,} "
        f"(sku {b['rows'].get('sku', 0):,}, barcode {b['rows'].get('barcode', 0):,}); "
        f"terminal file {b['terminal_mb']} MB"
    )
    benchlib.record(
        benchlib.result_key("catalog_build"),
        {
            "what": "storedesk demo --products N: create_demo on a central SQLite file, "
            "then register (copy head-office data into the terminal file)",
            "median_ms": round(b["total_s"] * 1000, 1),
            "p99_ms": None,
            "ratio": None,
            "target": "under ~3 minutes (180,000 ms)",
            "pass": b["total_s"] < 180,
            "n": 1,
            # a reused catalog keeps the figures of the run that built it (built_at)
            "reused_from_cache": reused,
            **b,
        },
    )


@pytest.fixture(scope="session")
def bench_workdir() -> Iterator[Path]:
    """This run's scratch directory (copies of the catalog); removed at the end of the run."""
    for old in benchlib.CACHE_ROOT.glob("work-*"):  # left by runs that were killed
        pid = old.name.removeprefix("work-")
        if pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(old, ignore_errors=True)
    work = benchlib.CACHE_ROOT / f"work-{os.getpid()}"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    yield work
    shutil.rmtree(work, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def copy_terminal(catalog: Catalog, dest_dir: Path, *, with_central: bool = False) -> Path:
    """A private copy of the catalog's terminal file (and central file) in ``dest_dir``.

    The copy's ``terminal_identity.central_url`` points at the copied central file when there is
    one, so nothing a benchmark runs can write to the cache.
    """
    dest_dir.mkdir(parents=True, exist_ok=True)
    term = dest_dir / "terminal.db"
    _copy_db(catalog.terminal, term)
    if with_central:
        central = dest_dir / "central.db"
        _copy_db(catalog.central, central)
        con = sqlite3.connect(term)
        try:
            cols = {r[1] for r in con.execute("PRAGMA table_info(terminal_identity)")}
            if "central_url" in cols:
                con.execute("UPDATE terminal_identity SET central_url = ?", (sqlite_url(central),))
                con.commit()
        finally:
            con.close()
    return term


def _copy_db(src: Path, dst: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{dst}{suffix}").unlink(missing_ok=True)
    wal = Path(f"{src}-wal")
    if wal.exists() and wal.stat().st_size > 0:
        # not checkpointed (an aborted run?): let SQLite make a consistent copy
        with (
            contextlib.closing(sqlite3.connect(src)) as s,
            contextlib.closing(sqlite3.connect(dst)) as d,
        ):
            s.backup(d)
        return
    shutil.copyfile(src, dst)
