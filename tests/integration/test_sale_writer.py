"""The sale's write path: ``uow.writer()`` and ``Prepared`` statements (``shared.db.uow``).

On SQLite the writer sends a sale's statements straight to the DBAPI connection of the unit of
work's transaction. What it stores must be exactly what the same statements store through Core:
a sale's statements are replayed through Core on a copy of the file taken just before the sale,
and every row of every table the sale wrote is compared, byte for byte. The reads return what
Core returns; errors are SQLAlchemy's; and the unit of work is still one transaction whether the
writer runs on its own Core connection or a session joins it (card keys, coupons), or a session
listener wants the session's own transaction (the crash test's hook).
"""

from __future__ import annotations

import copy
import shutil
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import event, insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from shared.db.engine import make_engine, sqlite_url
from shared.db.models import (
    AuditEntry,
    CentralHold,
    PrintJob,
    SaleCardKey,
    Shift,
)
from shared.db.queries.catalog import PRICES
from shared.db.uow import Prepared, Writer
from shared.domain.card_key_crypto import Keyring
from shared.domain.cart import Discount
from shared.domain.ids import new_id
from shared.domain.tenders import Tender
from shared.services import card_key_sales, central_holds, journal, sales
from shared.services.runtime import open_database
from shared.sync.gateway import InProcessGateway
from tests.support.counter import make_counter
from tests.support.coupons import issue, make_coupon

#: the tables a sale writes (all of them through the writer)
SALE_TABLES = (
    "sale",
    "sale_line",
    "sale_discount",
    "payment",
    "sale_card_key",
    "receipt_counter",
    "journal_entry",
    "print_job",
    "outbox",
)


def _core(writer: Writer) -> Writer:
    """The same transaction, every statement through ``conn.execute``."""
    return Writer(writer.conn, writer.session, direct=False)


# -- one sale, stored the same either way --------------------------------------------------------


def _full_cart(counter):
    p10 = counter.product(10)
    cart = counter.cart(p10["barcode"], p10["barcode"], "P000011", "P000014")
    lines = cart.lines
    cart.set_line_discount(lines[0].line_id, Discount("percent", 1000, None, "临期"))
    cart.override_price(lines[1].line_id, lines[1].unit_price_fen - 10, counter.manager.staff_id)
    cart.set_order_discount(Discount("amount", 100, counter.cashier.staff_id, "凑整"))
    return cart


def _rows(path: Path) -> dict[str, list[tuple]]:
    con = sqlite3.connect(path)
    try:
        return {t: con.execute(f"SELECT * FROM {t} ORDER BY rowid").fetchall() for t in SALE_TABLES}
    finally:
        con.close()


def _first_sale_of_the_day(counter) -> None:
    """The day's first number makes the counter's row (``numbering.next_number``, not the
    writer); the sales compared below take the next ones."""
    with counter.db.uow() as uow:
        sales.complete_sale(
            uow, counter.ctx, counter.cashier, counter.cart("P000012"), [Tender("cash", 100_000)]
        )


def _sell_and_replay(db, path: Path, tmp_path: Path, monkeypatch, sell) -> dict:
    """Run ``sell()`` on ``db`` (file ``path``) recording the writer's writes; replay them
    through Core on a copy of the file taken just before; return both files' rows."""
    db.dispose()  # the last connection checkpoints the WAL into the file
    before = tmp_path / "before.db"
    shutil.copyfile(path, before)
    writes: list[tuple] = []
    direct: list[bool] = []
    real = {name: getattr(Writer, name) for name in ("execute", "executemany", "first")}

    def recording(name):
        def run(self, stmt, values):
            if stmt.stmt.is_dml:
                writes.append((name, stmt.stmt, copy.deepcopy(values)))
                direct.append(self.direct)
            return real[name](self, stmt, values)

        return run

    for name in real:
        monkeypatch.setattr(Writer, name, recording(name))
    result = sell()
    for name, fn in real.items():
        monkeypatch.setattr(Writer, name, fn)
    db.dispose()
    assert direct and all(direct), "the sale's statements went straight to the DBAPI connection"

    replayed = make_engine(sqlite_url(before))
    try:
        with replayed.begin() as conn:
            for name, stmt, values in writes:
                conn.execute(stmt, list(values) if name == "executemany" else values)
    finally:
        replayed.dispose()
    return {"result": result, "direct": _rows(path), "core": _rows(before), "writes": writes}


def _same_rows(out: dict, *tables_written: str) -> None:
    for table in SALE_TABLES:
        assert out["direct"][table] == out["core"][table], table
    for table in tables_written:
        assert out["direct"][table], f"the sale wrote no {table} row"


def test_a_sale_stores_exactly_what_core_stores(sqlite_counter, tmp_path, monkeypatch):
    counter = sqlite_counter
    counter.open_shift()
    _first_sale_of_the_day(counter)
    cart = _full_cart(counter)
    from shared.domain.barcode import encode_weighed

    cart.add(counter.line(encode_weighed("000001", 675, counter.ctx.weighed)))

    def sell():
        with counter.db.uow() as uow:
            return sales.complete_sale(
                uow,
                counter.ctx,
                counter.cashier,
                cart,
                [Tender("card", 1000, provider_ref="T-0001"), Tender("cash", 100_000)],
                member_phone="138****0000",
            )

    out = _sell_and_replay(counter.db, tmp_path / "terminal.db", tmp_path, monkeypatch, sell)
    _same_rows(
        out,
        "sale",
        "sale_line",
        "sale_discount",
        "payment",
        "receipt_counter",
        "journal_entry",
        "print_job",
        "outbox",
    )
    assert len(out["direct"]["sale_discount"]) == 3  # line, price override, order


@pytest.fixture
def keyring() -> Keyring:
    return Keyring.parse(Keyring.new_entry(1))


@pytest.fixture
def sqlite_shop(tmp_path, clock, keyring):
    """A SQLite counter with the demo's card-key products, its shift open."""
    central = open_database(sqlite_url(tmp_path / "central.db"), clock)
    local = open_database(sqlite_url(tmp_path / "terminal.db"), clock)
    shop = make_counter(central, local, keyring=keyring)
    shop.open_shift()
    yield shop
    central.dispose()
    local.dispose()


def test_a_sale_with_card_keys_and_a_coupon_stores_what_core_stores(
    sqlite_shop, tmp_path, monkeypatch, keyring
):
    """The session joins the writer's transaction (card keys, the coupon's hold): one commit."""
    shop = sqlite_shop
    _first_sale_of_the_day(shop)
    gw = InProcessGateway(shop.central)
    code = issue(
        shop.central,
        make_coupon(shop.central, name="满30减6", threshold_fen=3000, amount_off_fen=600),
    )[0]
    cart = shop.cart("K001", "P000010", "P000010", "P000010", "P000010", "P000010")
    cart.add_coupon(central_holds.check_coupon(gw, shop.ctx, shop.cashier, code))
    sale_id = str(new_id())
    central_holds.hold_coupons(shop.db, gw, shop.ctx, shop.cashier, sale_id=sale_id, cart=cart)
    card_key_sales.hold_card_keys(shop.db, gw, shop.ctx, shop.cashier, sale_id=sale_id, cart=cart)

    def sell():
        with shop.db.uow() as uow:
            return sales.complete_sale(
                uow,
                shop.ctx,
                shop.cashier,
                cart,
                [Tender("cash", cart.totals().total_fen)],
                sale_id=sale_id,
                keyring=keyring,
            )

    out = _sell_and_replay(shop.db, tmp_path / "terminal.db", tmp_path, monkeypatch, sell)
    _same_rows(out, "sale", "sale_line", "sale_discount", "sale_card_key", "outbox")
    result = out["result"]
    assert len(result.card_keys) == 1
    assert [(c.name, c.amount_fen) for c in result.receipt.coupons] == [("满30减6", 600)]
    with shop.db.reader() as uow:  # what the session wrote committed with the rest
        s = uow.session
        holds = s.scalars(select(CentralHold.status).where(CentralHold.sale_id == sale_id)).all()
        assert holds and set(holds) == {"committed"}
        assert s.scalars(select(SaleCardKey).where(SaleCardKey.sale_id == sale_id)).one()
        assert journal.verify(uow, shop.ctx.terminal_id).ok


# -- the reads and the errors --------------------------------------------------------------------


def test_the_reads_return_what_core_returns(counter):
    counter.open_shift()
    sku_ids = [counter.line(f"P{i:06d}").sku_id for i in range(10, 15)]
    with counter.db.uow() as uow:
        w = uow.writer()
        assert w.direct == (counter.db.dialect == "sqlite")
        core = _core(w)
        shift_read = Prepared(sales._OPEN_SHIFT)
        for writer in (w, core):
            # every column of the shift: ids, dates, UTC times, JSON, NULLs
            assert writer.mapping(shift_read, {"terminal_id": counter.ctx.terminal_id}) == dict(
                uow.session.execute(select(Shift.__table__)).mappings().one()
            )
        prices = Prepared(PRICES)
        for n in (1, 3, 5, 2):  # an expanding IN list, one form per length
            values = {"store_id": counter.ctx.store_id, "sku_ids": sku_ids[:n]}
            assert sorted(w.all(prices, values)) == sorted(core.all(prices, values))
            assert len(w.all(prices, values)) == n
        link = Prepared(journal.LAST_LINK)  # LIMIT 1: a value written into the statement
        assert w.first(link, {"terminal_id": counter.ctx.terminal_id}) is None
        assert (
            w.scalar(prices, {"store_id": counter.ctx.store_id, "sku_ids": sku_ids[:1]})
            == (sku_ids[0])
        )


def test_a_database_error_is_sqlalchemys(counter):
    job = {
        "id": str(new_id()),
        "document_kind": "receipt",
        "document_ref": "X",
        "payload": "{}",
        "status": "queued",
        "reprint": False,
        "attempts": 0,
        "last_error": "",
        "created_at": counter.db.clock.now(),
    }
    stmt = Prepared(insert(PrintJob.__table__))
    with counter.db.uow() as uow:
        w = uow.writer()
        w.execute(stmt, job)
        with pytest.raises(IntegrityError) as err:
            w.execute(stmt, job)  # the same primary key
    if counter.db.dialect == "sqlite":
        assert isinstance(err.value.orig, sqlite3.IntegrityError)
        assert "INSERT INTO print_job" in str(err.value)


def test_an_insert_must_give_the_columns_with_python_defaults():
    with pytest.raises(ValueError, match="status"):
        Prepared(insert(PrintJob.__table__)).form(
            make_engine("sqlite://").dialect,
            {"id": "x", "document_kind": "k", "document_ref": "r", "payload": "{}"},
        )


# -- one transaction ------------------------------------------------------------------------------


def _job(at) -> dict:
    return {
        "id": str(new_id()),
        "document_kind": "note",
        "document_ref": "T",
        "payload": "{}",
        "status": "queued",
        "reprint": False,
        "attempts": 0,
        "last_error": "",
        "created_at": at,
    }


def _audit(at) -> AuditEntry:
    return AuditEntry(
        id=str(new_id()), at=at, store_id=None, actor_id=None, action="t", target="T", detail={}
    )


def _counts(db) -> tuple[int, int]:
    with db.reader() as uow:
        s = uow.session
        return (
            len(s.scalars(select(PrintJob.id)).all()),
            len(s.scalars(select(AuditEntry.id)).all()),
        )


def test_the_writer_alone_makes_no_session(counter):
    stmt = Prepared(insert(PrintJob.__table__))
    before = _counts(counter.db)
    with counter.db.uow() as uow:
        w = uow.writer()
        assert uow.writer() is w  # the same transaction
        w.execute(stmt, _job(uow.clock.now()))
        uow.commit()
        assert uow._session is None
        # a second transaction in the same unit of work
        uow.writer().execute(stmt, _job(uow.clock.now()))
        uow.commit()
    assert _counts(counter.db) == (before[0] + 2, before[1])


@pytest.mark.parametrize("commit", [True, False], ids=["committed", "left"])
def test_a_session_joins_the_writers_transaction(counter, commit):
    stmt = Prepared(insert(PrintJob.__table__))
    before = _counts(counter.db)
    with counter.db.uow() as uow:
        w = uow.writer()
        w.execute(stmt, _job(uow.clock.now()))
        uow.session.add(_audit(uow.clock.now()))  # the session, made now, joins it
        assert w.session is uow.session
        assert uow.session.connection() is w.conn
        w.execute(stmt, _job(uow.clock.now()))
        if commit:
            uow.commit()
    expected = (before[0] + 2, before[1] + 1) if commit else before
    assert _counts(counter.db) == expected


def test_a_session_listener_gets_the_sessions_own_transaction(counter):
    """``tests/faults/crash_sale.py`` kills the process from ``Session``'s ``before_commit``: a
    sale must still commit through a session then."""
    seen: list[Session] = []

    def before_commit(session):
        seen.append(session)

    event.listen(Session, "before_commit", before_commit)
    try:
        with counter.db.uow() as uow:
            w = uow.writer()
            assert uow._session is not None and w.session is uow._session
            w.execute(Prepared(insert(PrintJob.__table__)), _job(uow.clock.now()))
            uow.commit()
        assert len(seen) == 1
    finally:
        event.remove(Session, "before_commit", before_commit)
    with counter.db.uow() as uow:  # and without the listener, no session again
        uow.writer()
        assert uow._session is None


def test_watched_statements_go_through_core(counter):
    seen: list[str] = []

    def before(_conn, _cursor, statement, *_):
        seen.append(statement.split()[0])

    event.listen(counter.db.engine, "before_cursor_execute", before)
    try:
        with counter.db.uow() as uow:
            w = uow.writer()
            assert not w.direct
            w.execute(Prepared(insert(PrintJob.__table__)), _job(uow.clock.now()))
            uow.commit()
    finally:
        event.remove(counter.db.engine, "before_cursor_execute", before)
    assert "INSERT" in seen
