"""The counter's two hot paths, made faster, still say exactly what they said before.

A scan through the session-free ``CatalogLookup`` (a fresh ``db.reader()``, or ``scan_fast``)
finds what the ``Session`` path finds: on a terminal's SQLite file it reads a barcode's row of the
scan index (one row per barcode, kept in step by triggers), everything else through the join, and
both are compared with the ``Session`` path's join here, before and after pulls that change the
catalog; ``complete_sale`` writes its rows through the unit of work's writer (prebuilt Core
statements, on SQLite sent straight to the DBAPI connection) and builds its journal payload,
receipt and outbox message from the values it wrote, so each is compared here with what the ORM
objects read back from the database make of them, on both of the writer's paths.
"""

from __future__ import annotations

import threading
from dataclasses import replace

import pytest
from sqlalchemy import create_engine, select, update
from sqlalchemy.exc import OperationalError

from shared.db.models import (
    Barcode,
    JournalEntry,
    Outbox,
    PrintJob,
    Product,
    ReceiptCounter,
    Sale,
    Shift,
    Sku,
    StorePrice,
)
from shared.db.queries.catalog import CatalogLookup
from shared.domain.barcode import encode_weighed
from shared.domain.cart import Discount
from shared.domain.errors import NotFound, ValidationError
from shared.domain.tenders import Tender
from shared.printing.document import from_json, to_json
from shared.services import catalog, journal, refunds, sales
from shared.services.receipts import sale_receipt
from shared.sync import changelog
from shared.sync.codec import row_of
from shared.sync.gateway import InProcessGateway
from shared.sync.pull import pull_stream


def _same(line):
    return replace(line, line_id="")


def _session_scan(counter, code):
    """``scan`` on the Session path: a reader whose transaction has begun."""
    with counter.db.reader() as uow:
        uow.session.connection()
        assert uow.catalog_lookup(counter.ctx.store_id) is None
        return catalog.scan(uow, counter.ctx, code)


def _reader_scan(counter, code):
    with counter.db.reader() as uow:
        return catalog.scan(uow, counter.ctx, code)


def _indexed(counter, code) -> bool:
    """Whether the counter's lookup answers ``code`` from the scan index (a terminal's SQLite
    file) rather than the join."""
    return counter.db.catalog_lookup(counter.ctx.store_id).scan_row(code) is not None


def _outcome(scan):
    """A scan's line (without its new line id), or its refusal: type, code, message, details."""
    try:
        return _same(scan())
    except (NotFound, ValidationError) as exc:
        return (type(exc).__name__, exc.code, str(exc), exc.details)


def _paths_agree(counter, code) -> None:
    """The counter's paths (reader per scan, ``scan_fast``) answer or refuse ``code`` exactly as
    the Session path does."""
    expected = _outcome(lambda: _session_scan(counter, code))
    assert _outcome(lambda: _reader_scan(counter, code)) == expected, code
    assert _outcome(lambda: catalog.scan_fast(counter.db, counter.ctx, code)) == expected, code


CODES = [
    lambda c: c.product(12)["barcode"],  # a barcode
    lambda c: "P000012",  # a SKU code typed in
    lambda c: "P000050-01",  # a SKU of a product with specs
    lambda c: encode_weighed("000001", 675, c.ctx.weighed),  # a weighed price label
]


@pytest.mark.parametrize("code_of", CODES, ids=["barcode", "sku_code", "spec_sku", "weighed"])
def test_the_lookup_finds_what_the_session_finds(counter, code_of):
    code = code_of(counter)
    # a barcode comes from the scan index on a terminal's SQLite file; the rest is joined
    assert _indexed(counter, code) == (counter.db.dialect == "sqlite" and code.startswith("69"))
    expected = _same(_session_scan(counter, code))
    assert _same(_reader_scan(counter, code)) == expected
    assert _same(catalog.scan_fast(counter.db, counter.ctx, code)) == expected
    sku_id = expected.sku_id
    with counter.db.reader() as uow:
        by_lookup = catalog.line_for_sku(uow, counter.ctx, sku_id)
    with counter.db.reader() as uow:
        uow.session.connection()
        by_session = catalog.line_for_sku(uow, counter.ctx, sku_id)
    assert _same(by_lookup) == _same(by_session)


@pytest.mark.parametrize(
    ("code", "error"),
    [("P000050", "choose_sku"), ("NOPE", "unknown_code"), ("6900000000102", "bad_check_digit")],
)
def test_the_lookup_refuses_what_the_session_refuses(counter, code, error):
    for scan in (
        lambda: _reader_scan(counter, code),
        lambda: catalog.scan_fast(counter.db, counter.ctx, code),
    ):
        with pytest.raises((NotFound, ValidationError)) as err:
            scan()
        assert err.value.code == error
    with pytest.raises(NotFound) as err:
        catalog.scan_fast(
            counter.db, counter.ctx, encode_weighed("099999", 100, counter.ctx.weighed)
        )
    assert err.value.code == "unknown_plu"


def test_every_barcode_scans_the_same_through_the_index(counter):
    """Every barcode of the catalog (plain goods, weighed goods' barcodes, the clothing line's
    specs), with a store price here and one at the other store, an item off shelf and a SKU
    off shelf (refused with the same message), through both paths."""
    with counter.central.uow() as uow:
        s = uow.session
        changelog.capture(s, uow.clock)
        other = next(
            sid
            for (sid,) in s.execute(select(StorePrice.store_id).distinct())
            if sid != counter.ctx.store_id
        )
        p11 = s.scalars(select(Sku).where(Sku.code == "P000011")).one()
        p15 = s.scalars(select(Sku).where(Sku.code == "P000015")).one()
        s.add(StorePrice(store_id=counter.ctx.store_id, sku_id=p11.id, price_fen=99))
        s.add(StorePrice(store_id=other, sku_id=p15.id, price_fen=98))
        s.scalars(select(Product).where(Product.code == "P000013")).one().status = "off"
        s.scalars(select(Sku).where(Sku.code == "P000050-01")).one().status = "off"
        uow.commit()
    pull_stream(counter.db, InProcessGateway(counter.central))
    with counter.db.reader() as uow:
        codes = sorted(uow.session.scalars(select(Barcode.code)))
    assert len(codes) >= 60
    for code in codes:
        assert _indexed(counter, code) == (counter.db.dialect == "sqlite")
        _paths_agree(counter, code)
    assert _reader_scan(counter, counter.product(11)["barcode"]).list_price_fen == 99
    refused = _outcome(lambda: _reader_scan(counter, counter.product(13)["barcode"]))
    assert refused[1] == "off_shelf"


def _head_office_change(counter, change) -> None:
    """One head-office change, logged centrally and pulled by the terminal."""
    with counter.central.uow() as uow:
        s = uow.session
        changelog.capture(s, uow.clock)

        def sku(code: str) -> Sku:
            return s.scalars(select(Sku).where(Sku.code == code)).one()

        if change == "price":
            sku("P000012").price_fen = 4321
        elif change == "store_price":
            s.add(StorePrice(store_id=counter.ctx.store_id, sku_id=sku("P000012").id, price_fen=7))
        elif change == "off_shelf":
            s.scalars(select(Product).where(Product.code == "P000012")).one().status = "off"
        elif change == "barcode_deleted":
            s.delete(s.get(Barcode, counter.product(12)["barcode"]))
        elif change == "barcode_moved":
            s.get(Barcode, counter.product(12)["barcode"]).sku_id = sku("P000013").id
        uow.commit()
    pull_stream(counter.db, InProcessGateway(counter.central))


@pytest.mark.parametrize(
    ("change", "expect"),
    [
        ("price", 4321),
        ("store_price", 7),
        ("off_shelf", "off_shelf"),
        ("barcode_deleted", "unknown_code"),
        ("barcode_moved", "P000013"),
    ],
)
def test_after_a_pull_the_lookup_still_finds_what_the_session_finds(counter, change, expect):
    codes = [counter.product(12)["barcode"], counter.product(13)["barcode"], "P000012"]
    for code in codes:
        _paths_agree(counter, code)  # warm: the lookup's connections are open before the pull
    _head_office_change(counter, change)
    for code in codes:
        _paths_agree(counter, code)
    after = _outcome(lambda: catalog.scan_fast(counter.db, counter.ctx, codes[0]))
    if isinstance(expect, int):
        assert after.list_price_fen == expect
    elif expect.startswith("P"):
        assert after.sku_code == expect and after.barcode == codes[0]
    else:
        assert after[1] == expect
    assert _indexed(counter, codes[0]) == (
        counter.db.dialect == "sqlite" and change != "barcode_deleted"
    )


def test_a_scan_reads_the_latest_commit(counter):
    code = counter.product(12)["barcode"]
    before = catalog.scan_fast(counter.db, counter.ctx, code)  # the lookup and its connection
    with counter.db.uow() as uow:
        uow.session.execute(update(Sku).where(Sku.id == before.sku_id).values(price_fen=4321))
        uow.session.execute(update(Sku).where(Sku.code == "P000013").values(status="off"))
        uow.commit()
    assert catalog.scan_fast(counter.db, counter.ctx, code).list_price_fen == 4321  # no S01 price
    assert _reader_scan(counter, code).list_price_fen == 4321
    with pytest.raises(ValidationError) as err:
        _reader_scan(counter, "P000013")
    assert err.value.code == "off_shelf"


def test_a_reader_inside_its_transaction_keeps_its_snapshot(sqlite_counter):
    counter = sqlite_counter
    code = counter.product(12)["barcode"]
    with counter.db.reader() as reader:
        first = catalog.scan(reader, counter.ctx, code)  # through the lookup: no snapshot yet
        reader.session.scalar(select(Sku.price_fen).where(Sku.id == first.sku_id))  # BEGIN
        with counter.db.uow() as uow:
            uow.session.execute(update(Sku).where(Sku.id == first.sku_id).values(price_fen=1))
            uow.commit()
        # the reader's snapshot still has the old price, and its scans stay in it
        assert catalog.scan(reader, counter.ctx, code).list_price_fen == first.list_price_fen
    assert _reader_scan(counter, code).list_price_fen == 1


def test_the_lookup_serves_threads_at_once(counter):
    codes = [p["code"] for p in counter.demo.products][:20]
    assert len(codes) >= 10
    expected = {c: _same(_session_scan(counter, c)) for c in codes}
    failures: list[BaseException] = []

    def work() -> None:
        try:
            for _ in range(20):
                for c in codes:
                    assert _same(catalog.scan_fast(counter.db, counter.ctx, c)) == expected[c]
        except BaseException as exc:  # reported by the main thread
            failures.append(exc)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not failures, failures
    lookup = counter.db.catalog_lookup(counter.ctx.store_id)
    assert len(lookup._free) <= 4  # never more connections than calls at once


def test_dispose_closes_the_lookup_and_it_opens_again(sqlite_counter):
    counter = sqlite_counter
    code = counter.product(12)["barcode"]
    line = catalog.scan_fast(counter.db, counter.ctx, code)
    lookup = counter.db.catalog_lookup(counter.ctx.store_id)
    assert lookup._free
    counter.db.dispose()
    assert not lookup._free
    assert _same(catalog.scan_fast(counter.db, counter.ctx, code)) == _same(line)


def test_a_database_error_in_the_lookup_is_a_sqlalchemy_error(tmp_path):
    engine = create_engine(f"sqlite+pysqlite:///{tmp_path / 'empty.db'}")
    lookup = CatalogLookup(engine, "01a20435-45ba-70dc-8249-6376d5f2d9ae")
    try:
        with pytest.raises(OperationalError):
            lookup.by_barcode("6900000012304")
        assert not lookup._free  # the failed connection was not kept
    finally:
        lookup.close()
        engine.dispose()


def _full_sale(counter):
    counter.open_shift()
    p10 = counter.product(10)
    cart = counter.cart(p10["barcode"], p10["barcode"], "P000011", "P000014")
    cart.add(counter.line(encode_weighed("000001", 675, counter.ctx.weighed)))
    lines = cart.lines
    cart.set_line_discount(lines[0].line_id, Discount("percent", 1000, None, "临期"))
    cart.override_price(lines[1].line_id, lines[1].unit_price_fen - 10, counter.manager.staff_id)
    cart.set_order_discount(Discount("amount", 100, counter.cashier.staff_id, "凑整"))
    with counter.db.uow() as uow:
        return sales.complete_sale(
            uow,
            counter.ctx,
            counter.cashier,
            cart,
            [Tender("card", 1000, provider_ref="T-0001"), Tender("cash", 100_000)],
        )


@pytest.mark.parametrize("path", ["writer", "core"])
def test_what_a_sale_writes_matches_its_orm_view(counter, monkeypatch, path):
    """``writer``: as the counter sells (on SQLite the writer's statements go straight to the
    DBAPI connection); ``core``: every statement through Core, as when the engine is watched."""
    from shared.db import uow as uow_module

    direct: list[bool] = []
    real_writer = uow_module.UnitOfWork.writer

    def writer(self):
        w = real_writer(self)
        direct.append(w.direct)
        return w

    monkeypatch.setattr(uow_module.UnitOfWork, "writer", writer)
    if path == "core":
        monkeypatch.setattr(uow_module, "_observed", lambda engine: True)
    result = _full_sale(counter)
    assert direct == [path == "writer" and counter.db.dialect == "sqlite"]
    with counter.db.reader() as uow:
        s = uow.session
        sale = s.get(Sale, (counter.ctx.store_id, result.sale_id))
        shift = s.scalars(select(Shift).where(Shift.id == sale.shift_id)).one()
        entry = s.scalars(select(JournalEntry).where(JournalEntry.document_id == sale.id)).one()
        message = s.scalars(select(Outbox).where(Outbox.kind == "sale")).one()
        job = s.get(PrintJob, result.print_job_id)

        # the outbox message: the rows codec.row_of makes of the ORM objects
        payload = message.payload
        assert payload["shift"] == row_of(shift)
        assert payload["sale"] == row_of(sale)
        assert payload["lines"] == [row_of(ln) for ln in sale.lines]
        assert payload["payments"] == [row_of(p) for p in sale.payments]
        by_id = sorted(payload["discounts"], key=lambda d: d["id"])
        assert by_id == sorted((row_of(d) for d in sale.discounts), key=lambda d: d["id"])
        assert {d["scope"] for d in by_id} == {"line", "price_override", "order"}
        assert payload["journal"] == row_of(entry)
        assert (message.status, message.attempts, message.sent_at, message.result) == (
            "pending",
            0,
            None,
            None,
        )

        # the journal: the payload sale_payload makes of the sale as stored
        assert entry.payload == journal.sale_payload(sale)
        assert journal.verify(uow, counter.ctx.terminal_id).ok

        # the receipt: what sale_receipt makes of the stored sale, cashier read from staff
        assert job.payload == to_json(sale_receipt(s, counter.ctx, sale))
        assert from_json(job.payload) == result.receipt
        assert result.receipt.cashier == counter.cashier.name
        assert (result.total_fen, result.paid_fen) == (sale.total_fen, sale.paid_fen)
        assert result.change_fen == sale.change_fen > 0


def test_a_reused_trade_number_is_refused(counter):
    _full_sale(counter)
    with counter.db.uow() as uow, pytest.raises(Exception) as err:
        sales.complete_sale(
            uow,
            counter.ctx,
            counter.cashier,
            counter.cart("P000012"),
            [Tender("card", counter.product(12)["price_fen"], provider_ref="T-0001")],
        )
    assert getattr(err.value, "code", None) == "duplicate_payment"


@pytest.mark.parametrize("returning", [True, False], ids=["returning", "update_then_select"])
def test_receipt_and_refund_numbers(counter, monkeypatch, returning):
    monkeypatch.setattr(counter.db.engine.dialect, "update_returning", returning)
    counter.open_shift()
    numbers = []
    for code in ("P000012", "P000013", "P000014"):
        with counter.db.uow() as uow:
            numbers.append(
                sales.complete_sale(
                    uow, counter.ctx, counter.cashier, counter.cart(code), [Tender("cash", 100_00)]
                ).receipt_no
            )
    assert [n[-4:] for n in numbers] == ["0001", "0002", "0003"]
    with counter.db.uow() as uow:
        r = refunds.refund(uow, counter.ctx, counter.cashier, numbers[0])
    assert r.refund_no.startswith("R") and r.refund_no.endswith("-0001")
    with counter.db.reader() as uow:
        seqs = dict(
            uow.session.execute(select(ReceiptCounter.series, ReceiptCounter.last_seq)).all()
        )
    assert seqs == {"S": 3, "R": 1}


def test_two_entries_in_one_transaction_keep_the_chain(counter):
    at = counter.db.clock.now()
    with counter.db.uow() as uow:
        common = {
            "at": at,
            "terminal_id": counter.ctx.terminal_id,
            "store_id": counter.ctx.store_id,
        }
        a = journal.append(uow.session, kind="note", document_id="a", payload={"n": 1}, **common)
        b = journal.append(uow.session, kind="note", document_id="b", payload={"n": 2}, **common)
        row = journal.append_row(
            uow.session, kind="note", document_id="c", payload={"n": 3}, **common
        )
        uow.commit()
    assert (a.seq, b.seq, row["seq"]) == (1, 2, 3)
    assert b.prev_hash == a.hash and row["prev_hash"] == b.hash
    with counter.db.reader() as uow:
        assert journal.verify(uow, counter.ctx.terminal_id).ok


def test_an_in_memory_database_is_read_through_the_engines_pool(clock):
    """A second connection to ``sqlite://`` would be another, empty database."""
    from datetime import UTC, datetime

    from sqlalchemy import insert

    from shared.db.engine import make_engine
    from shared.db.models import Barcode, Base, Product
    from shared.db.uow import Database

    db = Database(make_engine("sqlite+pysqlite://"), clock)
    try:
        Base.metadata.create_all(db.engine)
        now = datetime(2026, 1, 1, tzinfo=UTC)
        pid, sid = "01a20435-45ba-70dc-8249-6376d5f2d9a1", "01a20435-45ba-70dc-8249-6376d5f2d9a2"
        with db.uow() as uow:
            s = uow.session
            s.execute(
                insert(Product), [{"id": pid, "code": "P1", "name": "苹果", "updated_at": now}]
            )
            s.execute(
                insert(Sku),
                [{"id": sid, "product_id": pid, "code": "P1", "price_fen": 350, "updated_at": now}],
            )
            s.execute(insert(Barcode), [{"code": "6900000000019", "sku_id": sid}])
            uow.commit()
        with db.reader() as uow:
            lookup = uow.catalog_lookup("01a20435-45ba-70dc-8249-6376d5f2d9a3")
            assert lookup is not None
            row = lookup.by_barcode("6900000000019")
        assert (row.sku_id, row.name, row.price_fen, row.on_shelf) == (sid, "苹果", 350, True)
        assert lookup.by_sku_code("P1") == row and lookup.by_id(sid) == row
        assert lookup.by_product_code("P1") == [row] and lookup.by_plu("000001") is None
        assert not lookup._free  # no connections of its own
    finally:
        db.dispose()
