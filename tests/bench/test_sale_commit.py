"""Benchmark 2: committing a sale on the terminal file (WAL, ``synchronous=FULL``).

Times ``sales.complete_sale`` in its own ``db.uow()`` (``BEGIN IMMEDIATE`` ... ``COMMIT``) for a
sale of 5 lines paid by card plus cash with change: sale, lines, payments, receipt counter, journal
entry, print job (and the sync outbox message, once the service writes one) in one transaction, on
a copy of the 200,000-product terminal file.

The baseline is a bare stdlib-``sqlite3`` transaction (``BEGIN IMMEDIATE`` ... ``COMMIT``, WAL,
``synchronous=FULL``, foreign keys on) that writes the same rows (the same tables, the same number
of rows per table, rows of the same size copied from a real sale) into a second copy of the same
terminal file in the same directory, so both pay for the same indexes, foreign-key checks and
fsyncs. The two run interleaved, one sale then one bare transaction. A what-if variant runs
``complete_sale`` with the unit of work's writer sending its statements through Core
(``conn.execute``, as on PostgreSQL) instead of straight to SQLite's DBAPI connection (not the
app). A diagnostic variant adds to the bare transaction the service's reads of each sale's own 5
SKUs (the first diagnostic reads the same 5 SKUs every time, so their pages stay cached).

Target (the issue's): complete_sale at most 2x the bare transaction.
"""

from __future__ import annotations

import random
import shutil
import sqlite3
import time
import uuid
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import event, select

from shared.db import uow as uow_module
from shared.db.engine import BUSY_TIMEOUT_MS, sqlite_url
from shared.db.models import Staff
from shared.domain.cart import Cart
from shared.domain.ids import new_id
from shared.domain.tenders import Tender
from shared.services import auth, catalog, journal, sales, shifts
from shared.services.context import load_terminal
from shared.services.runtime import open_database
from tests.bench import benchlib
from tests.bench.benchlib import Stats
from tests.bench.conftest import copy_terminal

SEED = 7
SALES = 300
WARMUP = 20
PROFILED = 60
LINES = 5
RATIO_TARGET = 2.0


def _cashier(db, ctx) -> auth.Actor:
    with db.reader() as uow:
        for choice in auth.counter_staff(uow, ctx.store_id):
            if "cashier" in choice.roles:
                staff = uow.session.scalars(
                    select(Staff).where(Staff.account == choice.account)
                ).one()
                return auth.actor_for(uow, staff)
    raise AssertionError("the demo store has a cashier")


def _carts(db, ctx, raw: sqlite3.Connection, count: int) -> list[tuple[Cart, list[Tender]]]:
    """``count`` carts of 5 distinct random SKUs (scanned, not timed) with card + cash tenders."""
    rng = random.Random(SEED)
    codes = [
        c
        for (c,) in raw.execute(
            "SELECT b.code FROM barcode b JOIN sku s ON s.id = b.sku_id WHERE s.weighed = 0"
        )
    ]
    picks = rng.sample(codes, count * LINES)
    out = []
    with db.reader() as uow:
        for i in range(count):
            cart = Cart()
            for code in picks[i * LINES : (i + 1) * LINES]:
                cart.add(catalog.scan(uow, ctx, code))
            assert len(cart.lines) == LINES
            total = cart.totals().total_fen
            card = total // 2
            cash = ((total - card) // 10_000 + 1) * 10_000  # next 100 yuan note: always change
            out.append((cart, [Tender("card", card), Tender("cash", cash)]))
    return out


def _capture_writes(db, fn) -> Counter:
    """Rows written per (statement kind, table) while ``fn`` runs."""
    rows: Counter = Counter()

    def before(_conn, _cursor, statement, parameters, _context, executemany):
        words = statement.split()
        kind = words[0].upper()
        if kind in ("INSERT", "UPDATE", "DELETE"):
            table = words[2] if kind in ("INSERT", "DELETE") else words[1]
            rows[(kind, table.strip('"'))] += len(parameters) if executemany else 1

    event.listen(db.engine, "before_cursor_execute", before)
    try:
        fn()
    finally:
        event.remove(db.engine, "before_cursor_execute", before)
    return rows


class BareSale:
    """The baseline: the same rows as one complete_sale, written with stdlib sqlite3."""

    #: the writes this baseline knows how to repeat, keyed like ``_capture_writes``
    KNOWN = {
        ("INSERT", "sale"),
        ("INSERT", "sale_line"),
        ("INSERT", "payment"),
        ("INSERT", "journal_entry"),
        ("INSERT", "print_job"),
        ("UPDATE", "receipt_counter"),
        ("INSERT", "outbox"),  # the sync message, once complete_sale writes one
    }

    def __init__(
        self, path: Path, sale_id: str, written: Counter, *, with_reads: bool = False
    ) -> None:
        sale_id_hex = uuid.UUID(sale_id).hex
        con = sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
        con.execute("PRAGMA journal_mode=WAL")
        con.execute("PRAGMA synchronous=FULL")
        con.execute("PRAGMA foreign_keys=ON")
        con.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        con.row_factory = sqlite3.Row
        self.con = con
        self.with_reads = with_reads

        def one(sql, *args):
            r = con.execute(sql, args).fetchone()
            assert r is not None, sql
            return dict(r)

        # templates: the rows a real complete_sale wrote, so sizes and index keys look the same
        self.sale = one("SELECT * FROM sale WHERE id = ?", sale_id_hex)
        self.lines = [
            dict(r)
            for r in con.execute(
                "SELECT * FROM sale_line WHERE sale_id = ? ORDER BY line_no", (sale_id_hex,)
            )
        ]
        self.payments = [
            dict(r)
            for r in con.execute(
                "SELECT * FROM payment WHERE sale_id = ? ORDER BY seq", (sale_id_hex,)
            )
        ]
        self.journal = one("SELECT * FROM journal_entry WHERE document_id = ?", sale_id)
        self.print_job = one(
            "SELECT * FROM print_job WHERE document_ref = ?", self.sale["receipt_no"]
        )
        self.outbox = None
        if ("INSERT", "outbox") in written:
            # the newest message is the one the captured sale wrote; seq is the rowid
            self.outbox = one("SELECT * FROM outbox ORDER BY seq DESC LIMIT 1")
            del self.outbox["seq"]
            assert self.outbox["kind"] == "sale", self.outbox["kind"]
        self.counter_key = (self.sale["terminal_id"], self.sale["business_date"], "S")
        self.seq = con.execute(
            "SELECT max(seq) FROM journal_entry WHERE terminal_id = ?",
            (self.journal["terminal_id"],),
        ).fetchone()[0]
        self.sku_ids = [ln["sku_id"] for ln in self.lines]
        self.n = 0
        self.sql = {
            t: self._insert_sql(t, cols)
            for t, cols in (
                ("sale", self.sale),
                ("sale_line", self.lines[0]),
                ("payment", self.payments[0]),
                ("journal_entry", self.journal),
                ("print_job", self.print_job),
                ("outbox", self.outbox or {}),
            )
        }

    @staticmethod
    def _insert_sql(table: str, row: dict) -> str:
        cols = list(row)
        return f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"

    def rows_per_sale(self) -> Counter:
        rows = Counter(
            {
                ("INSERT", "sale"): 1,
                ("INSERT", "sale_line"): len(self.lines),
                ("INSERT", "payment"): len(self.payments),
                ("INSERT", "journal_entry"): 1,
                ("INSERT", "print_job"): 1,
                ("UPDATE", "receipt_counter"): 1,
            }
        )
        if self.outbox is not None:
            rows[("INSERT", "outbox")] = 1
        return rows

    def _reads(self) -> None:
        """The indexed reads complete_sale makes, as plain SQL (the diagnostic variant only):
        the open shift (all of it: the outbox message carries it), the 5 prices, and the
        journal's last (seq, hash). The receipt number is the UPDATE ... RETURNING itself."""
        c = self.con
        c.execute(
            "SELECT * FROM shift WHERE terminal_id = ? AND status = 'open'",
            (self.sale["terminal_id"],),
        ).fetchone()
        c.execute(
            "SELECT sku.id, coalesce(store_price.price_fen, sku.price_fen) FROM sku "
            "LEFT OUTER JOIN store_price ON store_price.sku_id = sku.id "
            "AND store_price.store_id = ? WHERE sku.id IN (?, ?, ?, ?, ?)",
            (self.sale["store_id"], *self.sku_ids),
        ).fetchall()
        c.execute(
            "SELECT seq, hash FROM journal_entry WHERE terminal_id = ? ORDER BY seq DESC LIMIT 1",
            (self.journal["terminal_id"],),
        ).fetchone()

    def __call__(self) -> None:
        self.n += 1
        self.seq += 1
        sale_uuid = new_id()
        sale_id = sale_uuid.hex  # Id columns hold 32 hex digits on SQLite
        receipt_no = f"B{self.n:09d}"
        c = self.con
        c.execute("BEGIN IMMEDIATE")
        try:
            if self.with_reads:
                self._reads()
            c.execute(
                self.sql["sale"],
                tuple({**self.sale, "id": sale_id, "receipt_no": receipt_no}.values()),
            )
            c.execute(
                "UPDATE receipt_counter SET last_seq = last_seq + 1 "
                "WHERE terminal_id = ? AND business_date = ? AND series = ?",
                self.counter_key,
            )
            c.executemany(
                self.sql["payment"],
                [
                    tuple({**p, "id": new_id().hex, "sale_id": sale_id}.values())
                    for p in self.payments
                ],
            )
            c.executemany(
                self.sql["sale_line"],
                [
                    tuple({**ln, "id": new_id().hex, "sale_id": sale_id}.values())
                    for ln in self.lines
                ],
            )
            c.execute(
                self.sql["journal_entry"],
                tuple(
                    {
                        **self.journal,
                        "id": new_id().hex,
                        "seq": self.seq,
                        "document_id": str(sale_uuid),  # a VARCHAR: the dashed form
                    }.values()
                ),
            )
            c.execute(
                self.sql["print_job"],
                tuple({**self.print_job, "id": new_id().hex, "document_ref": receipt_no}.values()),
            )
            if self.outbox is not None:
                c.execute(
                    self.sql["outbox"],
                    tuple({**self.outbox, "msg_id": new_id().hex}.values()),
                )
            c.execute("COMMIT")
        except BaseException:
            c.execute("ROLLBACK")
            raise

    def close(self) -> None:
        self.con.close()


class BareSaleWithItsReads(BareSale):
    """A diagnostic, not the baseline: the bare transaction plus the service's reads, of the
    5 SKUs of the sale it runs next to (random SKUs of the catalog, as the service reads them,
    where ``BareSale(with_reads=True)`` reads the template sale's 5 SKUs every time)."""

    def __init__(self, path: Path, sale_id: str, written: Counter) -> None:
        super().__init__(path, sale_id, written, with_reads=True)

    def for_skus(self, sku_ids: list[str]) -> None:
        self.sku_ids = [uuid.UUID(sid).hex for sid in sku_ids]  # as the sku table holds them
        self()


# the first benchmark of a run may also build the catalog (~40 s here)
@pytest.mark.timeout(1200)
def test_sale_commit(bench_catalog, bench_workdir):
    work = bench_workdir / "sale"
    path = copy_terminal(bench_catalog, work)
    db = open_database(sqlite_url(path))
    raw = sqlite3.connect(path)
    try:
        with db.reader() as uow:
            ctx = load_terminal(uow)
        actor = _cashier(db, ctx)
        with db.uow() as uow:
            if shifts.current_shift(uow, ctx) is None:
                shifts.open_shift(uow, ctx, actor, 0)
        carts = _carts(db, ctx, raw, WARMUP + 1 + 2 * SALES + PROFILED)
        results: list[sales.SaleResult] = []

        def sell(i: int) -> None:
            cart, tenders = carts[i]
            with db.uow() as uow:
                r = sales.complete_sale(uow, ctx, actor, cart, tenders)
            results.append(r)

        def sell_through_core(i: int) -> None:
            # what-if (not the app): the writer's statements through Core (conn.execute), as
            # when someone watches the engine's statements, and as on PostgreSQL
            saved = uow_module._observed
            uow_module._observed = lambda engine: True
            try:
                sell(i)
            finally:
                uow_module._observed = saved

        for i in range(WARMUP):
            sell(i)
        # what one complete_sale writes, row by row: the baseline must write the same
        written = _capture_writes(db, lambda: sell(WARMUP))
        unknown = set(written) - BareSale.KNOWN
        assert not unknown, (
            f"complete_sale now also writes {sorted(unknown)}: teach BareSale to write those "
            "rows too, so that the baseline stays the same work"
        )
        last = results[-1]

        # the baseline's file: a copy of the terminal file as it is now, in the same directory
        # (and one more for the diagnostic variant, so that no two writers share a file)
        bare_path = work / "bare.db"
        db.dispose()
        busy, _, _ = raw.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        assert busy == 0, "the WAL is checkpointed into the file before it is copied"
        shutil.copyfile(path, bare_path)
        shutil.copyfile(path, work / "bare-reads.db")
        shutil.copyfile(path, work / "bare-its-reads.db")
        bare = BareSale(bare_path, last.sale_id, written)
        bare_reads = BareSale(work / "bare-reads.db", last.sale_id, written, with_reads=True)
        bare_its_reads = BareSaleWithItsReads(work / "bare-its-reads.db", last.sale_id, written)
        assert bare.rows_per_sale() == written, (bare.rows_per_sale(), written)
        for _ in range(WARMUP):
            bare()
            bare_reads()
            bare_its_reads()

        def skus(i: int) -> list[str]:
            return [ln.sku_id for ln in carts[i][0].lines]

        app_ns, bare_ns, reads_ns, whatif_ns, its_reads_ns = [], [], [], [], []
        for k in range(SALES):
            i = WARMUP + 1 + k
            steps = [
                (app_ns, lambda i=i: sell(i)),
                (bare_ns, bare),
                (whatif_ns, lambda i=i: sell_through_core(i + SALES)),
                (reads_ns, bare_reads),
                (its_reads_ns, lambda i=i: bare_its_reads.for_skus(skus(i))),
            ]
            if k % 2:
                steps.reverse()
            for out, fn in steps:
                t0 = time.perf_counter_ns()
                fn()
                out.append(time.perf_counter_ns() - t0)

        app, base, reads = Stats.of_ns(app_ns), Stats.of_ns(bare_ns), Stats.of_ns(reads_ns)
        whatif = Stats.of_ns(whatif_ns)
        its_reads = Stats.of_ns(its_reads_ns)
        rows_total = sum(written.values())
        benchlib.print_table(
            f"sale commit: {LINES} lines, card + cash with change, journal, print job "
            f"({rows_total} rows written; WAL, synchronous=FULL; ratios are to the bare txn)",
            [
                ("complete_sale in its own db.uow()", app),
                ("what-if: the writer's statements through Core", whatif),
                ("diag: bare txn + the service's 3 reads", reads),
                ("diag: bare txn + the reads, each sale's own SKUs", its_reads),
                ("BASELINE bare sqlite3 txn, same rows", base),
            ],
            baseline=base,
        )
        ratio_med = benchlib.ratio(app.median_ms, base.median_ms)
        ratio_p99 = benchlib.ratio(app.p99_ms, base.p99_ms)
        print(
            "   rows per sale: "
            + ", ".join(f"{k[0].lower()} {k[1]} x{v}" for k, v in sorted(written.items()))
        )
        print(
            f"   target ratio <= {RATIO_TARGET}: medians {ratio_med}, p99s {ratio_p99} "
            f"{'PASS' if max(ratio_med, ratio_p99) <= RATIO_TARGET else 'MISS'}"
        )

        breakdown = _profile(sell, WARMUP + 1 + 2 * SALES, wall_median=app.median_ms)

        # what was timed really committed: every sale, its lines and payments, an intact journal
        total_sales = WARMUP + 1 + 2 * SALES + PROFILED
        assert len(results) == total_sales
        assert len({r.receipt_no for r in results}) == total_sales
        assert all(r.change_fen > 0 and r.paid_fen == r.total_fen for r in results)
        db2 = open_database(sqlite_url(path))
        try:
            check = sqlite3.connect(path)
            try:
                assert check.execute("SELECT count(*) FROM sale").fetchone()[0] == total_sales
                assert (
                    check.execute("SELECT count(*) FROM sale_line").fetchone()[0]
                    == total_sales * LINES
                )
                assert (
                    check.execute("SELECT count(*) FROM payment").fetchone()[0] == total_sales * 2
                )
                assert (
                    check.execute(
                        "SELECT count(*) FROM print_job WHERE document_kind = 'receipt'"
                    ).fetchone()[0]
                    == total_sales
                )
                if ("INSERT", "outbox") in written:
                    assert (
                        check.execute("SELECT count(*) FROM outbox WHERE kind = 'sale'").fetchone()[
                            0
                        ]
                        == total_sales
                    )
            finally:
                check.close()
            with db2.reader() as uow:
                verdict = journal.verify(uow, ctx.terminal_id)
            assert verdict.ok, verdict
        finally:
            db2.dispose()
        bare.close()
        bare_reads.close()
        bare_its_reads.close()

        benchlib.record(
            benchlib.result_key("sale_commit"),
            {
                "what": "sales.complete_sale in its own db.uow(): 5 lines, card + cash with "
                "change, journal entry, print job, receipt counter; terminal file with "
                f"{bench_catalog.products:,} products, WAL, synchronous=FULL",
                "median_ms": round(app.median_ms, 4),
                "p99_ms": round(app.p99_ms, 4),
                "ratio": ratio_med,
                "ratio_p99": ratio_p99,
                "target": f"ratio <= {RATIO_TARGET}",
                "pass": max(ratio_med, ratio_p99) <= RATIO_TARGET,
                "checks": {
                    "ratio_of_medians_le_2": ratio_med <= RATIO_TARGET,
                    "ratio_of_p99s_le_2": ratio_p99 <= RATIO_TARGET,
                },
                "n": app.n,
                "stats": app.as_dict(),
                "rows_per_sale": {f"{k[0].lower()} {k[1]}": v for k, v in sorted(written.items())},
                "baseline": "stdlib sqlite3 BEGIN IMMEDIATE ... COMMIT (WAL, synchronous=FULL, "
                "foreign_keys=ON) writing the same rows into a copy of the same terminal file "
                "in the same directory, interleaved with the sales",
                "baseline_stats": base.as_dict(),
                "bare_with_reads_stats": reads.as_dict(),
                "ratio_to_bare_with_reads": benchlib.ratio(app.median_ms, reads.median_ms),
                "bare_with_this_sales_reads_stats": its_reads.as_dict(),
                "ratio_to_bare_with_this_sales_reads": benchlib.ratio(
                    app.median_ms, its_reads.median_ms
                ),
                "what_if_statements_through_core_stats": whatif.as_dict(),
                "what_if_statements_through_core_ratio": benchlib.ratio(
                    whatif.median_ms, base.median_ms
                ),
                "profile": breakdown,
                "catalog_products": bench_catalog.products,
            },
        )
    finally:
        raw.close()
        db.dispose()


def _profile(sell, start: int, *, wall_median: float) -> list[dict]:
    prof = benchlib.Profile()
    for i in range(start, start + PROFILED):
        with prof.run():
            sell(i)
    cs = prof.cum_s("shared/services/sales.py", "complete_sale")
    commit = prof.cum_s("shared/db/uow.py", "commit")
    sqlite_commit = prof.cum_s("~", "<method 'commit' of 'sqlite3.Connection' objects>")
    own = sum(
        prof.cum_from_s("shared/db/uow.py", fn, "services/sales.py", "complete_sale")
        for fn in ("execute", "executemany", "mapping")
    )
    parts = [
        ("uow enter + exit (the connection back to the pool)", prof.total_s() - cs),
        ("complete_sale, all of it", cs),
        (
            "  uow.writer(): a Core connection from the pool, BEGIN IMMEDIATE",
            prof.cum_s("shared/db/uow.py", "writer"),
        ),
        ("  its own statements through the writer: shift read, sale, lines, payments", own),
        (
            "  _check_prices (the prebuilt SELECT of the 5 prices)",
            prof.cum_s("services/sales.py", "_check_prices"),
        ),
        (
            "  price_cart + settle (domain)",
            prof.cum_s("domain/cart.py", "price_cart") + prof.cum_s("domain/tenders.py", "settle"),
        ),
        (
            "  the receipt number (UPDATE ... RETURNING)",
            prof.cum_s("services/sales.py", "_next_receipt_no"),
        ),
        ("  the ids (new_id_strings)", prof.cum_s("domain/ids.py", "new_id_strings")),
        (
            "  the rows as dicts",
            prof.cum_s("services/sales.py", "<listcomp>")
            + prof.cum_s("services/sales.py", "_discount"),
        ),
        (
            "  journal.append_row (last (seq, hash), hashing, INSERT)",
            prof.cum_s("services/journal.py", "append_row"),
        ),
        (
            "  sale_receipt (the Receipt document)",
            prof.cum_s("services/receipts.py", "sale_receipt"),
        ),
        (
            "  print_queue.enqueue (receipt to JSON, INSERT)",
            prof.cum_s("services/print_queue.py", "enqueue"),
        ),
        (
            "    of which: document.to_json (field by field + json)",
            prof.cum_s("printing/document.py", "to_json"),
        ),
        (
            "  outbox.sale (rows to JSON, INSERT)",
            prof.cum_s("shared/sync/outbox.py", "sale"),
        ),
        ("  uow.commit, all of it", commit),
        ("    of which: sqlite3 COMMIT (WAL append + fsync)", sqlite_commit),
    ]
    out = prof.print_breakdown(
        "complete_sale in its own db.uow()", parts, per=PROFILED, wall_median_ms=wall_median
    )
    prof.print_top(16, restrict="/shared/")
    return out
