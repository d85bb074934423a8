"""Small helpers shared by the benchmarks: statistics, result tables, ``results.json``, profiles.

Nothing here asserts anything about time. Benchmarks report; the reader judges.
"""

from __future__ import annotations

import contextlib
import cProfile
import fcntl
import json
import math
import os
import platform
import pstats
import sqlite3
import statistics
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import sqlalchemy

BENCH_DIR = Path(__file__).resolve().parent
REPO = BENCH_DIR.parents[1]
RESULTS_JSON = BENCH_DIR / "results.json"
#: where built catalogs are cached between runs and where each run keeps its working copies
CACHE_ROOT = Path(os.environ.get("STOREDESK_BENCH_CACHE", "/tmp/storedesk-bench"))
#: the catalog size of the issue; STOREDESK_BENCH_PRODUCTS=2000 gives a quick smoke run whose
#: results are stored under their own keys (``name@2000``) so they never replace the real ones
DEFAULT_PRODUCTS = 200_000


def products() -> int:
    return int(os.environ.get("STOREDESK_BENCH_PRODUCTS", DEFAULT_PRODUCTS))


def result_key(name: str) -> str:
    n = products()
    return name if n == DEFAULT_PRODUCTS else f"{name}@{n}"


# ---- statistics ----------------------------------------------------------------------------


def percentile(sorted_values: list[float], p: float) -> float:
    """Nearest-rank percentile (no interpolation): the value below which ``p`` % of samples lie."""
    if not sorted_values:
        raise ValueError("no samples")
    rank = max(1, math.ceil(p / 100 * len(sorted_values)))
    return sorted_values[rank - 1]


@dataclass(frozen=True)
class Stats:
    n: int
    median_ms: float
    p90_ms: float
    p99_ms: float
    max_ms: float
    mean_ms: float

    @classmethod
    def of_ns(cls, samples_ns: Iterable[int]) -> Stats:
        ms = sorted(s / 1e6 for s in samples_ns)
        return cls(
            n=len(ms),
            median_ms=statistics.median(ms),
            p90_ms=percentile(ms, 90),
            p99_ms=percentile(ms, 99),
            max_ms=ms[-1],
            mean_ms=statistics.fmean(ms),
        )

    def as_dict(self) -> dict:
        return {
            "n": self.n,
            "median_ms": round(self.median_ms, 4),
            "p90_ms": round(self.p90_ms, 4),
            "p99_ms": round(self.p99_ms, 4),
            "max_ms": round(self.max_ms, 4),
            "mean_ms": round(self.mean_ms, 4),
        }


def ratio(a: float, b: float) -> float:
    return round(a / b, 2) if b > 0 else float("inf")


# ---- output --------------------------------------------------------------------------------


def print_table(
    title: str, rows: list[tuple[str, Stats]], *, baseline: Stats | None = None
) -> None:
    """A compact table: one row per variant, with its ratio to ``baseline`` when given."""
    print()
    print(f"== {title}")
    head = f"{'variant':<50}{'n':>6}{'median ms':>11}{'p90 ms':>9}{'p99 ms':>9}{'max ms':>9}"
    if baseline is not None:
        head += f"{'x med':>8}{'x p99':>8}"
    print(head)
    for label, st in rows:
        line = (
            f"{label:<50}{st.n:>6}{st.median_ms:>11.3f}{st.p90_ms:>9.3f}{st.p99_ms:>9.3f}"
            f"{st.max_ms:>9.3f}"
        )
        if baseline is not None:
            line += (
                f"{ratio(st.median_ms, baseline.median_ms):>8.1f}"
                f"{ratio(st.p99_ms, baseline.p99_ms):>8.1f}"
            )
        print(line)


def machine() -> dict:
    cpu = ""
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    try:
        nproc = len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        nproc = os.cpu_count() or 0
    return {
        "nproc": nproc,
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "cpu": cpu,
        "sqlite": sqlite3.sqlite_version,
        "sqlalchemy": sqlalchemy.__version__,
        # other work on the machine while the benchmark ran (1-minute load average)
        "loadavg_1m": round(os.getloadavg()[0], 2),
    }


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def record(name: str, entry: dict) -> None:
    """Add or replace ``name`` in ``tests/bench/results.json`` (other benchmarks' keys are kept)."""
    entry = {
        **entry,
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine(),
    }
    with _locked(CACHE_ROOT / "results.lock"):
        data: dict = {}
        if RESULTS_JSON.exists():
            try:
                data = json.loads(RESULTS_JSON.read_text(encoding="utf-8"))
            except json.JSONDecodeError:
                data = {}
        data[name] = entry
        tmp = RESULTS_JSON.with_suffix(".json.tmp")
        tmp.write_text(
            json.dumps(dict(sorted(data.items())), indent=2, ensure_ascii=False) + "\n",
            encoding="utf-8",
        )
        os.replace(tmp, RESULTS_JSON)
    print(f"   -> {RESULTS_JSON.relative_to(REPO)}[{name!r}]")


# ---- profiles ------------------------------------------------------------------------------

#: pstats keys of the C functions where SQLite itself does the work
SQLITE_C = (
    "<method 'execute' of 'sqlite3.Cursor' objects>",
    "<method 'executemany' of 'sqlite3.Cursor' objects>",
    "<method 'execute' of 'sqlite3.Connection' objects>",
    "<method 'commit' of 'sqlite3.Connection' objects>",
    "<method 'rollback' of 'sqlite3.Connection' objects>",
    "<method 'fetchone' of 'sqlite3.Cursor' objects>",
    "<method 'fetchall' of 'sqlite3.Cursor' objects>",
    "<method 'fetchmany' of 'sqlite3.Cursor' objects>",
)


class Profile:
    """cProfile around the calls of a block; ``share()`` sums cumulative time by function."""

    def __init__(self) -> None:
        self._prof = cProfile.Profile()
        self.calls = 0
        self._stats: pstats.Stats | None = None

    @contextlib.contextmanager
    def run(self) -> Iterator[None]:
        self._prof.enable()
        try:
            yield
        finally:
            self._prof.disable()
            self.calls += 1

    @property
    def stats(self) -> pstats.Stats:
        if self._stats is None:
            self._stats = pstats.Stats(self._prof, stream=sys.stdout)
        return self._stats

    def total_s(self) -> float:
        return self.stats.total_tt  # type: ignore[attr-defined]

    def cum_s(self, file_part: str, func: str) -> float:
        """Cumulative seconds of functions named ``func`` in files whose path contains ``file_part``
        (``~`` for built-ins); recursion is counted once (pstats' primitive-call cumtime)."""
        total = 0.0
        for (filename, _line, name), (_cc, _nc, _tt, ct, _callers) in self.stats.stats.items():  # type: ignore[attr-defined]
            if name == func and file_part in filename:
                total += ct
        return total

    def cum_from_s(self, file_part: str, func: str, caller_file: str, caller_func: str) -> float:
        """Cumulative seconds of ``func`` spent in calls made directly by ``caller_func``."""
        total = 0.0
        for (filename, _line, name), (*_, callers) in self.stats.stats.items():  # type: ignore[attr-defined]
            if name != func or file_part not in filename:
                continue
            for (cfile, _cline, cname), (_cc, _nc, _tt, ct) in callers.items():
                if cname == caller_func and caller_file in cfile:
                    total += ct
        return total

    def sqlite_s(self) -> float:
        return sum(self.cum_s("~", f) for f in SQLITE_C)

    def print_breakdown(
        self, title: str, parts: list[tuple[str, float]], *, per: int, wall_median_ms: float
    ) -> list[dict]:
        """Print ``parts`` (label, profiled seconds) as ms per call and % of profiled time.

        cProfile inflates Python code (each call is hooked) much more than the C calls into
        SQLite, so the percentages are of *profiled* time and the SQLite line is also shown as an
        estimate of its share of the *unprofiled* median.
        """
        total = self.total_s()
        print()
        print(f"-- where the time goes: {title} (cProfile over {per} calls)")
        print(
            f"   profiled {total / per * 1e3:.3f} ms/call vs {wall_median_ms:.3f} ms unprofiled "
            f"median (profiling overhead x{total / per * 1e3 / wall_median_ms:.1f})"
        )
        out = []
        for label, secs in parts:
            ms = secs / per * 1e3
            pct = 100 * secs / total if total else 0.0
            print(f"   {label:<74}{ms:>8.3f} ms{pct:>6.1f} %")
            out.append({"part": label, "profiled_ms": round(ms, 4), "pct": round(pct, 1)})
        sq = self.sqlite_s() / per * 1e3
        print(
            f"   {'SQLite C calls (execute/executemany/fetch/commit)':<74}{sq:>8.3f} ms"
            f"  = ~{100 * sq / wall_median_ms:.0f} % of the unprofiled median"
        )
        out.append({"part": "sqlite C calls", "profiled_ms": round(sq, 4)})
        return out

    def print_top(self, n: int = 18, *, restrict: str = "") -> None:
        print(f"   top {n} by cumulative time{f' ({restrict})' if restrict else ''}:")
        rows = []
        for (filename, line, name), (_cc, nc, _tt, ct, _c) in self.stats.stats.items():  # type: ignore[attr-defined]
            if restrict and restrict not in filename:
                continue
            rows.append((ct, nc, filename, line, name))
        rows.sort(reverse=True)
        for ct, nc, filename, line, name in rows[:n]:
            short = filename
            for marker in ("site-packages/", str(REPO) + "/"):
                if marker in short:
                    short = short.split(marker, 1)[1]
            where = f"{short}:{line}({name})" if filename != "~" else name
            print(f"   {ct * 1e3 / max(self.calls, 1):>9.3f} ms/call {nc:>8} calls  {where}")
