"""Locked stock (锁定库存, SPEC §10) on SQLite and PostgreSQL centrals: a reservation locks stock
and reduces what is available (on hand − locked) in its own transaction; it is refused when not
enough is available (unless it is a pre-sale) and then changes nothing; it ends once (released,
fulfilled, or expired by the central clock); bad input and other stores are refused without
writing anything; ``ledger.verify`` checks the locked figures against the open reservations."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from sqlalchemy import func, select, update

from shared.db import ledger
from shared.db.models import (
    AuditEntry,
    Product,
    Sku,
    StockBalance,
    StockReservation,
    Warehouse,
)
from shared.db.queries.stock import stock_at
from shared.domain.errors import Conflict, NotFound, PermissionDenied, ValidationError
from shared.domain.tenders import Tender
from shared.services import inventory, reservations, sales
from shared.services.inventory import VoucherLineInput
from shared.services.reservations import ReservationView
from shared.services.sync_status import run_once
from shared.sync import ingest
from shared.sync.gateway import InProcessGateway

APPLE = "P000001"  # weighed goods, sold by the kg
SOAP = "P000006"
SHAMPOO = "P000007"
WATER = "P000008"
SNACK = "P000009"
MANAGER01 = "王芳"  # the demo's manager of S01


def _actor(counter, account: str):
    from shared.db.models import Staff
    from shared.services import auth

    with counter.central.reader() as uow:
        staff = uow.session.scalars(select(Staff).where(Staff.account == account)).one()
        return auth.actor_for(uow, staff)


def _receive(counter, store: str, code: str, milli: int, cost_fen: int = 200) -> None:
    manager = _actor(counter, "manager01" if store == "S01" else "manager02")
    with counter.central.uow() as uow:
        vid = inventory.create_voucher(
            uow,
            manager,
            warehouse=store,
            direction="in",
            type="purchase",
            lines=[VoucherLineInput(code, milli, cost_fen)],
        )
    with counter.central.uow() as uow:
        inventory.post_voucher(uow, manager, vid)


def _reserve(counter, code: str, milli: int, *, actor=None, store="S01", **kw) -> ReservationView:
    with counter.central.uow() as uow:
        return reservations.reserve(
            uow,
            actor or _actor(counter, "manager01"),
            warehouse=store,
            sku_code=code,
            qty_milli=milli,
            **kw,
        )


def _release(counter, rid: str, actor=None) -> ReservationView:
    with counter.central.uow() as uow:
        return reservations.release(uow, actor or _actor(counter, "manager01"), rid)


def _fulfil(counter, rid: str, actor=None) -> ReservationView:
    with counter.central.uow() as uow:
        return reservations.fulfil(uow, actor or _actor(counter, "manager01"), rid)


def _list(counter, actor=None, **filters) -> list[ReservationView]:
    with counter.central.uow() as uow:
        return reservations.list_reservations(uow, actor or _actor(counter, "manager01"), **filters)


def _stock(counter, code: str, store: str = "S01"):
    with counter.central.reader() as uow:
        return inventory.stock(uow, None, code, store)


def _state(counter) -> tuple:
    """Everything a reservation may write: balance rows, reservations, audit entries."""
    with counter.central.reader() as uow:
        s = uow.session
        balances = sorted(
            (str(b.warehouse_id), str(b.sku_id), b.on_hand_milli, b.locked_milli, b.avg_cost_fen)
            for b in s.scalars(select(StockBalance))
        )
        rows = sorted(
            (r.no, r.state, r.qty_milli, r.closed_at) for r in s.scalars(select(StockReservation))
        )
        audits = s.scalar(select(func.count()).select_from(AuditEntry))
        warehouses = s.scalar(select(func.count()).select_from(Warehouse))
    return balances, rows, audits, warehouses


def _verified(counter) -> None:
    with counter.central.reader() as uow:
        assert ledger.verify(uow.session) == []


def _refused(counter, exc_type, code: str, call) -> Exception:
    before = _state(counter)
    with pytest.raises(exc_type) as exc:
        call()
    assert exc.value.code == code, exc.value
    assert _state(counter) == before, f"{code}: something was written"
    return exc.value


def _sell(counter, *codes: str) -> None:
    cart = counter.cart(*codes)
    with counter.db.uow() as uow:
        sales.complete_sale(
            uow, counter.ctx, counter.cashier, cart, [Tender("cash", cart.totals().total_fen)]
        )


# -- reserving -------------------------------------------------------------------------------------


def test_a_reservation_locks_stock_and_reduces_what_is_available(counter):
    _receive(counter, "S01", SOAP, 10_000)
    got = _reserve(counter, SOAP, 3000, reason="order", reference="  订单 20261122-001  ")
    assert (got.state, got.reason, got.reference, got.warehouse) == (
        "open",
        "order",
        "订单 20261122-001",  # trimmed
        "S01",
    )
    assert got.no.startswith("SD") and got.created_by == MANAGER01
    assert (got.on_hand_milli, got.locked_milli, got.available_milli) == (10_000, 3000, 7000)
    soap = _stock(counter, SOAP)
    assert (soap.on_hand_milli, soap.locked_milli, soap.available_milli) == (10_000, 3000, 7000)
    # the counter's stock look-up and `storedesk stock` read the same figures (through the
    # gateway): locked comes through, available = on hand − locked
    with counter.central.reader() as uow:
        answer = stock_at(uow.session, SOAP, "S01")
    assert (answer["on_hand_milli"], answer["locked_milli"], answer["available_milli"]) == (
        10_000,
        3000,
        7000,
    )
    here = next(s for s in answer["stores"] if s["store"] == "S01")
    assert here["available_milli"] == 7000
    assert InProcessGateway(counter.central).stock(SOAP, "S01")["available_milli"] == 7000

    # what is left can be reserved, to the last unit
    last = _reserve(counter, SOAP, 7000)
    assert (last.locked_milli, last.available_milli) == (10_000, 0)
    with counter.central.reader() as uow:
        audits = uow.session.scalars(
            select(AuditEntry.action, AuditEntry.target).where(AuditEntry.action == "stock_reserve")
        ).all()
    assert len(audits) == 2
    _verified(counter)


def test_not_enough_available_is_refused_naming_the_sku_and_changes_nothing(counter):
    _receive(counter, "S01", SOAP, 5000)
    _reserve(counter, SOAP, 4000)
    exc = _refused(counter, Conflict, "reservation_short", lambda: _reserve(counter, SOAP, 2000))
    assert exc.details["sku"] == SOAP and exc.details["available_milli"] == 1000
    assert exc.details["on_hand_milli"] == 5000 and exc.details["locked_milli"] == 4000
    assert SOAP in str(exc) and "1 件 available" in str(exc)
    # a SKU never stocked here: nothing available (and no balance row is left behind)
    exc = _refused(counter, Conflict, "reservation_short", lambda: _reserve(counter, WATER, 1000))
    assert exc.details["available_milli"] == 0
    # a store whose warehouse was never made (nothing ever moved there): refused, and the
    # warehouse the look-up made is not left behind
    with counter.central.reader() as uow:
        assert uow.session.scalars(select(Warehouse).where(Warehouse.code == "S02")).first() is None
    manager02 = _actor(counter, "manager02")
    exc = _refused(
        counter,
        Conflict,
        "reservation_short",
        lambda: _reserve(counter, SOAP, 1000, actor=manager02, store="S02"),
    )
    assert exc.details["warehouse"] == "S02"
    before = _state(counter)  # listing its reservations does not make the warehouse either
    assert _list(counter, manager02, warehouse="S02") == []
    assert _state(counter) == before
    # weighed goods: thousandths of a kg
    _receive(counter, "S01", APPLE, 1500)
    assert _reserve(counter, APPLE, 1250).available_milli == 250
    exc = _refused(counter, Conflict, "reservation_short", lambda: _reserve(counter, APPLE, 251))
    assert "0.25 kg available" in str(exc)
    _verified(counter)


def test_a_presale_may_reserve_beyond_stock(counter):
    _receive(counter, "S01", SOAP, 2000)
    pre = _reserve(counter, SOAP, 5000, reason="presale", reference="预售 新年礼盒")
    assert (pre.state, pre.reason) == ("open", "presale")
    assert (pre.on_hand_milli, pre.locked_milli, pre.available_milli) == (2000, 5000, -3000)
    # nothing there at all: the balance row is made
    water = _reserve(counter, WATER, 3000, reason="presale")
    assert (water.on_hand_milli, water.locked_milli) == (0, 3000)
    # an order is still refused while a pre-sale holds the stock
    _refused(counter, Conflict, "reservation_short", lambda: _reserve(counter, SOAP, 1000))
    _verified(counter)


def test_many_managers_reserving_the_last_units_at_once_take_exactly_what_there_is(counter):
    _receive(counter, "S01", SOAP, 3000)
    actors = [_actor(counter, "manager01"), _actor(counter, "admin")] * 4
    barrier = threading.Barrier(len(actors))
    out: list = [None] * len(actors)

    def run(i: int) -> None:
        barrier.wait()
        try:
            out[i] = _reserve(counter, SOAP, 1000, actor=actors[i])
        except Exception as exc:  # collected for the assertions
            out[i] = exc

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(actors))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert sum(isinstance(x, ReservationView) for x in out) == 3, out
    assert all(
        isinstance(x, Conflict) and x.code == "reservation_short"
        for x in out
        if not isinstance(x, ReservationView)
    ), out
    soap = _stock(counter, SOAP)
    assert (soap.locked_milli, soap.available_milli) == (3000, 0)
    _verified(counter)


# -- ending ----------------------------------------------------------------------------------------


def test_release_and_fulfil_end_a_reservation_once(counter):
    _receive(counter, "S01", SOAP, 10_000)
    a = _reserve(counter, SOAP, 4000)
    b = _reserve(counter, SOAP, 2000, reason="other")
    assert _stock(counter, SOAP).available_milli == 4000

    released = _release(counter, a.reservation_id)
    assert (released.state, released.closed_by) == ("released", MANAGER01)
    assert released.closed_at is not None
    assert (released.on_hand_milli, released.locked_milli) == (10_000, 2000)
    for again in (_release, _fulfil):  # a second end is refused and changes nothing
        exc = _refused(
            counter,
            Conflict,
            "reservation_released",
            lambda again=again: again(counter, a.reservation_id),
        )
        assert exc.details["no"] == a.no

    fulfilled = _fulfil(counter, b.reservation_id)
    assert fulfilled.state == "fulfilled"
    # fulfilling only unlocks: the sale moves the stock when it lands
    soap = _stock(counter, SOAP)
    assert (soap.on_hand_milli, soap.locked_milli, soap.available_milli) == (10_000, 0, 10_000)
    _refused(counter, Conflict, "reservation_fulfilled", lambda: _fulfil(counter, b.reservation_id))
    _refused(
        counter, Conflict, "reservation_fulfilled", lambda: _release(counter, b.reservation_id)
    )
    with counter.central.reader() as uow:
        actions = sorted(
            uow.session.scalars(
                select(AuditEntry.action).where(AuditEntry.action.like("stock_%"))
            ).all()
        )
    assert actions == ["stock_fulfil", "stock_release", "stock_reserve", "stock_reserve"]
    _verified(counter)


def test_a_release_and_a_fulfil_at_once_end_it_once(counter):
    _receive(counter, "S01", SOAP, 10_000)
    r = _reserve(counter, SOAP, 4000)
    calls = [_release, _fulfil] * 3
    actors = [_actor(counter, "manager01"), _actor(counter, "admin")] * 3
    barrier = threading.Barrier(len(calls))
    out: list = [None] * len(calls)

    def run(i: int) -> None:
        barrier.wait()
        try:
            out[i] = calls[i](counter, r.reservation_id, actors[i])
        except Exception as exc:  # collected for the assertions
            out[i] = exc

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(calls))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    won = [x for x in out if isinstance(x, ReservationView)]
    assert len(won) == 1, out
    assert all(
        isinstance(x, Conflict) and x.code == f"reservation_{won[0].state}"
        for x in out
        if not isinstance(x, ReservationView)
    ), out
    assert _stock(counter, SOAP).locked_milli == 0
    _verified(counter)


# -- expiry ----------------------------------------------------------------------------------------


def test_a_reservation_expires_by_the_central_clock(counter, clock):
    _receive(counter, "S01", SOAP, 10_000)
    soon = _reserve(counter, SOAP, 3000, expires_at=clock.now() + timedelta(hours=1))
    later = _reserve(counter, SOAP, 2000, expires_at=clock.now() + timedelta(days=2))
    never = _reserve(counter, SOAP, 1000)
    assert soon.expires_at == clock.now() + timedelta(hours=1)
    clock.advance(minutes=59)
    with counter.central.uow() as uow:
        assert reservations.expire_due(uow, clock.now()) == 0
    assert _stock(counter, SOAP).locked_milli == 6000

    clock.advance(minutes=2)
    # not swept yet: the stock figure still holds it; the list sweeps before it reads
    assert _stock(counter, SOAP).locked_milli == 6000
    listed = {r.no: r.state for r in _list(counter)}
    assert listed == {soon.no: "expired", later.no: "open", never.no: "open"}
    soap = _stock(counter, SOAP)
    assert (soap.locked_milli, soap.available_milli) == (3000, 7000)
    with counter.central.reader() as uow:
        gone = uow.session.get(StockReservation, soon.reservation_id)
        assert (gone.closed_at, gone.closed_by) == (clock.now(), None)
    with counter.central.uow() as uow:  # idempotent
        assert reservations.expire_due(uow, clock.now()) == 0
    _refused(
        counter, Conflict, "reservation_expired", lambda: _release(counter, soon.reservation_id)
    )
    _verified(counter)

    # past its expiry but not swept yet: ending it finds it expired, and unlocks it once
    clock.advance(days=2)
    with pytest.raises(Conflict) as exc:
        _fulfil(counter, later.reservation_id)
    assert exc.value.code == "reservation_expired"
    assert _stock(counter, SOAP).locked_milli == 1000
    _verified(counter)


def test_reserving_counts_what_expired_as_available_again(counter, clock):
    _receive(counter, "S01", SOAP, 2000)
    _reserve(counter, SOAP, 2000, expires_at=clock.now() + timedelta(minutes=30))
    _refused(counter, Conflict, "reservation_short", lambda: _reserve(counter, SOAP, 1000))
    clock.advance(minutes=31)
    assert _reserve(counter, SOAP, 2000).locked_milli == 2000
    _verified(counter)


def test_the_central_push_cycle_expires_reservations(counter, clock):
    _receive(counter, "S01", SOAP, 10_000)
    r = _reserve(counter, SOAP, 3000, expires_at=clock.now() + timedelta(minutes=15))
    assert ingest.expire_reservations(counter.central) == 0  # not due: nothing written
    clock.advance(minutes=20)
    counter.open_shift()
    _sell(counter, SOAP, SOAP)
    run_once(counter.db, InProcessGateway(counter.central))  # a push that stored something
    with counter.central.reader() as uow:
        assert uow.session.get(StockReservation, r.reservation_id).state == "expired"
    soap = _stock(counter, SOAP)
    assert (soap.on_hand_milli, soap.locked_milli) == (8000, 0)
    assert ingest.expire_reservations(counter.central) == 0
    _verified(counter)


# -- bad input -------------------------------------------------------------------------------------


def test_bad_input_is_refused_and_writes_nothing(counter, clock):
    _receive(counter, "S01", SOAP, 10_000)
    _receive(counter, "S01", APPLE, 5000)
    manager02 = _actor(counter, "manager02")
    cashier = _actor(counter, "cashier01")

    for milli in (0, -1000):
        _refused(
            counter,
            ValidationError,
            "quantity_not_positive",
            lambda m=milli: _reserve(counter, SOAP, m),
        )
    _refused(counter, ValidationError, "quantity_fractional", lambda: _reserve(counter, SOAP, 1500))
    _refused(counter, ValidationError, "quantity_absurd", lambda: _reserve(counter, SOAP, 10**13))
    _refused(counter, ValidationError, "quantity_format", lambda: _reserve(counter, SOAP, 1.5))
    _refused(counter, ValidationError, "quantity_format", lambda: _reserve(counter, SOAP, True))
    assert _reserve(counter, APPLE, 1500).qty_milli == 1500  # 1.5 kg of weighed goods is fine
    _refused(counter, NotFound, "unknown_sku", lambda: _reserve(counter, "NOPE-404", 1000))
    _refused(counter, ValidationError, "unknown_sku", lambda: _reserve(counter, "", 1000))
    _refused(counter, ValidationError, "unknown_sku", lambda: _reserve(counter, "x" * 41, 1000))
    _refused(
        counter, NotFound, "unknown_warehouse", lambda: _reserve(counter, SOAP, 1000, store="ZZ")
    )
    # a manager of another store: S01's warehouse is not theirs
    exc = _refused(
        counter,
        PermissionDenied,
        "warehouse_not_allowed",
        lambda: _reserve(counter, SOAP, 1000, actor=manager02),
    )
    assert exc.details["warehouse"] == "S01"
    _refused(
        counter,
        PermissionDenied,
        "permission_denied",
        lambda: _reserve(counter, SOAP, 1000, actor=cashier),
    )
    exc = _refused(
        counter,
        ValidationError,
        "text_too_long",
        lambda: _reserve(counter, SOAP, 1000, reference="单" * 101),
    )
    assert exc.details["field"] == "reference"
    assert _reserve(counter, SOAP, 1000, reference=" " + "单" * 100 + " ").reference == "单" * 100
    for at in (clock.now(), clock.now() - timedelta(seconds=1)):
        _refused(
            counter,
            ValidationError,
            "expiry_past",
            lambda at=at: _reserve(counter, SOAP, 1000, expires_at=at),
        )
    _refused(
        counter,
        ValidationError,
        "expiry_naive",
        lambda: _reserve(counter, SOAP, 1000, expires_at=clock.now().replace(tzinfo=None)),
    )
    _refused(
        counter,
        ValidationError,
        "reservation_reason",
        lambda: _reserve(counter, SOAP, 1000, reason="gift"),
    )
    with counter.central.uow() as uow:  # a service is not kept in a warehouse
        uow.session.execute(update(Product).where(Product.code == SNACK).values(kind="service"))
        uow.commit()
    _refused(counter, ValidationError, "not_stocked", lambda: _reserve(counter, SNACK, 1000))

    # ending: unknown ids, another store's reservation, a cashier
    r = _reserve(counter, SOAP, 1000)
    for bad in ("nope", "00000000-0000-7000-8000-000000000000"):
        _refused(counter, NotFound, "unknown_reservation", lambda b=bad: _release(counter, b))
    _refused(
        counter,
        PermissionDenied,
        "warehouse_not_allowed",
        lambda: _release(counter, r.reservation_id, manager02),
    )
    _refused(
        counter,
        PermissionDenied,
        "permission_denied",
        lambda: _fulfil(counter, r.reservation_id, cashier),
    )
    # the list: a bad state, an over-long text, another store's warehouse
    _refused(counter, ValidationError, "status", lambda: _list(counter, state="lost"))
    _refused(counter, NotFound, "unknown_warehouse", lambda: _list(counter, warehouse="ZZ"))
    _refused(counter, ValidationError, "text_too_long", lambda: _list(counter, sku="x" * 61))
    _refused(
        counter,
        PermissionDenied,
        "warehouse_not_allowed",
        lambda: _list(counter, manager02, warehouse="S01"),
    )
    _verified(counter)


# -- the list --------------------------------------------------------------------------------------


def test_the_list_is_newest_first_filtered_and_limited_to_the_actors_stores(counter, clock):
    _receive(counter, "S01", SOAP, 10_000)
    _receive(counter, "S01", SHAMPOO, 10_000)
    _receive(counter, "S02", SOAP, 10_000)
    a = _reserve(counter, SOAP, 1000, reference="订单 A-100%")
    clock.advance(seconds=1)
    b = _reserve(counter, SHAMPOO, 2000, reference="13800001111")
    clock.advance(seconds=1)
    c = _reserve(
        counter, SOAP, 3000, actor=_actor(counter, "manager02"), store="S02", reason="presale"
    )
    clock.advance(seconds=1)
    _release(counter, a.reservation_id)

    assert [r.no for r in _list(counter)] == [b.no, a.no]  # S01's manager: S01 only
    assert [r.no for r in _list(counter, _actor(counter, "manager02"))] == [c.no]
    admin = _actor(counter, "admin")
    assert [r.no for r in _list(counter, admin)] == [c.no, b.no, a.no]
    assert [r.no for r in _list(counter, admin, warehouse="S02")] == [c.no]
    assert [r.no for r in _list(counter, admin, state="open")] == [c.no, b.no]
    assert [r.no for r in _list(counter, admin, state="released")] == [a.no]
    assert [r.no for r in _list(counter, admin, sku=SOAP)] == [c.no, a.no]
    with counter.central.reader() as uow:
        name = uow.session.scalars(select(Product.name).join(Sku).where(Sku.code == SHAMPOO)).one()
        barcode = next(p["barcode"] for p in counter.demo.products if p["code"] == SHAMPOO)
    assert [r.no for r in _list(counter, admin, sku=name[1:4])] == [b.no]
    assert [r.no for r in _list(counter, admin, sku=barcode)] == [b.no]
    assert [r.no for r in _list(counter, admin, reference="1380000")] == [b.no]
    assert [r.no for r in _list(counter, admin, reference="100%")] == [a.no]
    assert _list(counter, admin, reference="_") == []  # LIKE's metacharacters are literal
    assert _list(counter, admin, reference="'; DROP TABLE stock_reservation; --") == []
    shown = {r.no: r for r in _list(counter, admin)}
    assert (shown[b.no].sku_code, shown[b.no].warehouse, shown[b.no].reason) == (
        SHAMPOO,
        "S01",
        "order",
    )
    assert shown[c.no].available_milli == 7000
    with counter.central.uow() as uow:
        detail = reservations.reservation_detail(uow, admin, b.reservation_id)
    assert detail == shown[b.no]


# -- the ledger check ------------------------------------------------------------------------------


def test_verify_finds_nothing_after_reservations_and_sales_and_finds_a_corrupted_figure(
    counter, clock
):
    _receive(counter, "S01", SOAP, 10_000)
    _receive(counter, "S01", SHAMPOO, 5000)
    counter.open_shift()
    a = _reserve(counter, SOAP, 2000, reference="订单 1")
    _reserve(counter, SOAP, 1000, expires_at=clock.now() + timedelta(minutes=5))
    c = _reserve(counter, SHAMPOO, 3000, reason="presale")
    _sell(counter, SOAP, SOAP, SHAMPOO)
    _fulfil(counter, a.reservation_id)
    run_once(counter.db, InProcessGateway(counter.central))
    clock.advance(minutes=10)
    _sell(counter, SOAP)
    run_once(counter.db, InProcessGateway(counter.central))  # the push cycle expires one
    _release(counter, c.reservation_id)
    _reserve(counter, SHAMPOO, 1000)
    soap, shampoo = _stock(counter, SOAP), _stock(counter, SHAMPOO)
    assert (soap.on_hand_milli, soap.locked_milli) == (7000, 0)
    assert (shampoo.on_hand_milli, shampoo.locked_milli) == (4000, 1000)
    _verified(counter)

    # a locked figure changed by hand is found
    with counter.central.uow() as uow:
        wh = uow.session.scalars(select(Warehouse.id).where(Warehouse.code == "S01")).one()
        sku = uow.session.scalars(select(Sku.id).where(Sku.code == SHAMPOO)).one()
        uow.session.execute(
            update(StockBalance)
            .where(StockBalance.warehouse_id == wh, StockBalance.sku_id == sku)
            .values(locked_milli=StockBalance.locked_milli + 500)
        )
        uow.commit()
    with counter.central.reader() as uow:
        found = ledger.verify(uow.session)
        assert ledger.verify(uow.session, str(wh)) == found
    assert found == [ledger.Difference(str(wh), str(sku), 1500, 1000, "locked")]
    # ... and so is a reservation ended by hand without unlocking it
    with counter.central.uow() as uow:
        uow.session.execute(
            update(StockBalance)
            .where(StockBalance.warehouse_id == wh, StockBalance.sku_id == sku)
            .values(locked_milli=1000)
        )
        uow.session.execute(
            update(StockReservation)
            .where(StockReservation.sku_id == sku, StockReservation.state == "open")
            .values(state="released")
        )
        uow.commit()
    with counter.central.reader() as uow:
        assert ledger.verify(uow.session) == [
            ledger.Difference(str(wh), str(sku), 1000, 0, "locked")
        ]
    with counter.central.reader() as uow:  # an on-hand difference still reads as before
        diffs = inventory.verify_ledger(uow, _actor(counter, "admin"))
    assert [d.field for d in diffs] == ["locked"]
