"""Migration 0002 (sync tables, received_at) upgrades a database that already holds data."""

from __future__ import annotations

import pytest
from alembic import command
from sqlalchemy import delete, func, insert, inspect, select
from sqlalchemy.exc import IntegrityError

from shared.db.engine import make_engine
from shared.db.migrate import alembic_config, current_revision, head_revision, upgrade
from shared.db.models import Refund, RefundLine, Sale, SaleLine, Shift
from shared.db.uow import Database
from shared.domain.ids import new_id
from shared.domain.tenders import Tender
from shared.services import sales
from tests.support.counter import make_counter

STORE, OTHER_STORE, SHIFT, SALE, TERM, LINE, REFUND = (str(new_id()) for _ in range(7))


def test_0002_upgrades_a_0001_database_with_sales_in_it(url_factory, make_db, clock):
    engine = make_engine(url_factory(empty=True))
    try:
        command.upgrade(alembic_config(engine), "0001")
        assert current_revision(engine) == "0001"
        cols = {c["name"] for c in inspect(engine).get_columns("sale")}
        assert "received_at" not in cols and "outbox" not in inspect(engine).get_table_names()
        # a completed sale written at 0001 (as the previous release did)
        now = clock.now()
        with engine.begin() as conn:
            conn.execute(
                insert(Shift.__table__).values(
                    store_id=STORE,
                    id=SHIFT,
                    terminal_id=TERM,
                    cashier_id=TERM,
                    business_date=now.date(),
                    status="open",
                    opened_at=now,
                    opening_float_fen=0,
                    denominations={},
                )
            )
            conn.execute(
                insert(Sale.__table__).values(
                    store_id=STORE,
                    id=SALE,
                    receipt_no="261122-01-0001",
                    terminal_id=TERM,
                    shift_id=SHIFT,
                    business_date=now.date(),
                    cashier_id=TERM,
                    status="completed",
                    subtotal_fen=100,
                    discount_fen=0,
                    total_fen=100,
                    paid_fen=100,
                    change_fen=0,
                    completed_at=now,
                )
            )
            conn.execute(
                insert(SaleLine.__table__).values(
                    store_id=STORE,
                    id=LINE,
                    sale_id=SALE,
                    line_no=1,
                    sku_id=TERM,
                    sku_code="P1",
                    name="x",
                    unit="件",
                    kind="goods",
                    weighed=False,
                    quantity_milli=1000,
                    list_price_fen=100,
                    unit_price_fen=100,
                    gross_fen=100,
                    line_discount_fen=0,
                    order_discount_fen=0,
                    net_fen=100,
                )
            )
            conn.execute(
                insert(Refund.__table__).values(
                    store_id=STORE,
                    id=REFUND,
                    refund_no="R261122-01-0001",
                    sale_id=SALE,
                    terminal_id=TERM,
                    shift_id=SHIFT,
                    business_date=now.date(),
                    cashier_id=TERM,
                    total_fen=100,
                    reason="",
                    created_at=now,
                )
            )
            conn.execute(
                insert(RefundLine.__table__).values(
                    store_id=STORE,
                    id=str(new_id()),
                    refund_id=REFUND,
                    sale_line_id=LINE,
                    quantity_milli=1000,
                    amount_fen=100,
                )
            )
        engine.dispose()
        assert upgrade(engine) is True
        assert current_revision(engine) == head_revision()  # 0002 and every later revision
        names = set(inspect(engine).get_table_names())
        assert {"outbox", "sync_state", "inbox", "change_log", "sync_exception"} <= names
        for table in ("sale", "refund", "shift"):
            assert "received_at" in {c["name"] for c in inspect(engine).get_columns(table)}
        with engine.connect() as conn:
            kept = conn.execute(select(Sale.__table__.c.receipt_no, Sale.__table__.c.received_at))
            assert kept.all() == [("261122-01-0001", None)]
            if engine.dialect.name == "sqlite":
                assert conn.exec_driver_sql("PRAGMA foreign_key_check").all() == []
            assert conn.execute(select(func.count()).select_from(RefundLine)).scalar() == 1
        # numbers are unique per store now: another store may hold the same number, one may not
        row = {c.name: None for c in Sale.__table__.columns}
        with engine.begin() as conn:
            old = conn.execute(select(Sale.__table__)).mappings().one()
            row = {**old, "store_id": OTHER_STORE, "id": str(new_id()), "shift_id": SHIFT}
            conn.execute(
                insert(Shift.__table__).values(
                    store_id=OTHER_STORE,
                    id=SHIFT,
                    terminal_id=TERM,
                    cashier_id=TERM,
                    business_date=now.date(),
                    status="closed",
                    opened_at=now,
                    opening_float_fen=0,
                    denominations={},
                )
            )
            conn.execute(insert(Sale.__table__).values(row))
        with pytest.raises(IntegrityError), engine.begin() as conn:
            conn.execute(insert(Sale.__table__).values({**row, "id": str(new_id())}))
        with engine.begin() as conn:  # make room for the demo terminal below
            for t in (RefundLine, Refund, SaleLine, Sale, Shift):
                conn.execute(delete(t.__table__))
        # and the upgraded schema works end to end
        central = make_db()
        counter = make_counter(central, Database(engine, clock))
        counter.open_shift()
        with counter.db.uow() as uow:
            sales.complete_sale(
                uow,
                counter.ctx,
                counter.cashier,
                counter.cart(counter.product(10)["barcode"]),
                [Tender("cash", 10_000)],
            )
        with counter.db.reader() as uow:
            assert uow.session.scalar(select(func.count()).select_from(Sale)) == 1
    finally:
        engine.dispose()
