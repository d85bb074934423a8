"""Transfers between warehouses (SPEC §10) on SQLite and PostgreSQL centrals: sent once, received
once with what arrived (a difference stays visible), at the cost the goods left with; serial
units in transit; bad input and other stores refused without writing anything."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select, update

from shared.db import ledger
from shared.db.models import Product, SerialUnit, StockMovement, Transfer
from shared.domain.errors import Conflict, NotFound, PermissionDenied, ValidationError
from shared.services import inventory, transfers
from shared.services.inventory import VoucherLineInput
from shared.services.transfers import ReceivedLine, TransferLineInput

APPLE = "P000001"  # weighed goods, sold by the kg
SOAP = "P000006"
PHONE = "P000010"  # made serial-tracked for the test


def _actor(counter, account: str):
    from shared.db.models import Staff
    from shared.services import auth

    with counter.central.reader() as uow:
        staff = uow.session.scalars(select(Staff).where(Staff.account == account)).one()
        return auth.actor_for(uow, staff)


def _receive(counter, store: str, code: str, milli: int, cost_fen: int, serials=()) -> None:
    manager = _actor(counter, "manager01" if store == "S01" else "manager02")
    with counter.central.uow() as uow:
        vid = inventory.create_voucher(
            uow,
            manager,
            warehouse=store,
            direction="in",
            type="purchase",
            lines=[VoucherLineInput(code, milli, cost_fen, tuple(serials))],
        )
    with counter.central.uow() as uow:
        inventory.post_voucher(uow, manager, vid)


def _stock(counter, code: str, store: str):
    with counter.central.reader() as uow:
        return inventory.stock(uow, None, code, store)


def _create(counter, lines, *, actor=None, src="S01", dst="S02") -> str:
    with counter.central.uow() as uow:
        return transfers.create_transfer(
            uow,
            actor or _actor(counter, "manager01"),
            from_warehouse=src,
            to_warehouse=dst,
            lines=lines,
        )


def _send(counter, tid: str, actor=None):
    with counter.central.uow() as uow:
        return transfers.send_transfer(uow, actor or _actor(counter, "manager01"), tid)


def _arrive(counter, tid: str, received=None, actor=None):
    with counter.central.uow() as uow:
        return transfers.receive_transfer(uow, actor or _actor(counter, "manager02"), tid, received)


def _movements(counter) -> int:
    with counter.central.reader() as uow:
        return uow.session.scalar(select(func.count()).select_from(StockMovement))


def _transfers(counter) -> int:
    with counter.central.reader() as uow:
        return uow.session.scalar(select(func.count()).select_from(Transfer))


def _verified(counter) -> None:
    with counter.central.reader() as uow:
        assert ledger.verify(uow.session) == []


def _units(counter) -> dict[str, tuple[str, str | None]]:
    """serial number -> (state, warehouse code)"""
    from shared.db.models import Warehouse

    with counter.central.reader() as uow:
        codes = {w.id: w.code for w in uow.session.scalars(select(Warehouse))}
        return {
            u.serial_no: (u.state, codes.get(u.warehouse_id))
            for u in uow.session.scalars(select(SerialUnit))
        }


def test_send_and_receive_with_a_difference_at_the_cost_the_goods_left_with(counter):
    _receive(counter, "S01", SOAP, 10_000, 200)
    _receive(counter, "S02", SOAP, 10_000, 400)
    _receive(counter, "S01", APPLE, 5000, 774)
    tid = _create(counter, [TransferLineInput(SOAP, 4000), TransferLineInput(APPLE, 1500)])
    with counter.central.reader() as uow:
        draft = transfers.transfer_detail(uow, _actor(counter, "manager01"), tid)
    assert (draft.status, draft.from_warehouse, draft.to_warehouse) == ("draft", "S01", "S02")
    assert _stock(counter, SOAP, "S01").on_hand_milli == 10_000  # a draft moves nothing

    sent = _send(counter, tid)
    assert sent.status == "in_transit"
    assert [(ln.qty_milli, ln.unit_cost_fen, ln.received_milli) for ln in sent.lines] == [
        (4000, 200, None),
        (1500, 774, None),
    ]
    assert (
        _stock(counter, SOAP, "S01").on_hand_milli,
        _stock(counter, APPLE, "S01").on_hand_milli,
    ) == (6000, 3500)
    assert _stock(counter, SOAP, "S02").on_hand_milli == 10_000  # in transit: nowhere yet
    with pytest.raises(Conflict) as exc:
        _send(counter, tid)
    assert exc.value.code == "transfer_in_transit"
    with pytest.raises(PermissionDenied):  # S01's manager does not receive into S02
        _arrive(counter, tid, actor=_actor(counter, "manager01"))

    got = _arrive(counter, tid, [ReceivedLine(1, 3000)])  # one unit of soap did not arrive
    assert got.status == "received"
    assert [
        (d.line_no, d.qty_milli, d.received_milli, d.difference_milli) for d in got.differences
    ] == [(1, 4000, 3000, -1000)]
    soap = _stock(counter, SOAP, "S02")
    assert soap.on_hand_milli == 13_000
    assert soap.avg_cost_fen == 354  # (10 x 4.00 + 3 x 2.00) / 13, at the cost it left with
    assert _stock(counter, APPLE, "S02").on_hand_milli == 1500
    assert _stock(counter, APPLE, "S02").avg_cost_fen == 774

    moved = _movements(counter)
    with pytest.raises(Conflict) as exc:
        _arrive(counter, tid)
    assert exc.value.code == "transfer_received"
    with pytest.raises(Conflict) as exc:
        _arrive(counter, tid, actor=_actor(counter, "admin"))
    assert exc.value.code == "transfer_received"
    assert _movements(counter) == moved
    assert _stock(counter, SOAP, "S02").on_hand_milli == 13_000
    with counter.central.reader() as uow:
        seen = transfers.transfer_detail(uow, _actor(counter, "manager02"), tid)
        listed = transfers.list_transfers(uow, _actor(counter, "manager02"), warehouse="S02")
    assert [ln.difference_milli for ln in seen.lines] == [-1000, 0]
    assert [(t.transfer_id, t.status, t.lines) for t in listed] == [(tid, "received", 2)]
    _verified(counter)


def test_serial_units_travel_in_transit_and_arrive_at_the_target(counter):
    with counter.central.uow() as uow:
        uow.session.execute(
            update(Product).where(Product.code == PHONE).values(serial_tracked=True)
        )
        uow.commit()
    _receive(counter, "S01", PHONE, 3000, 1000, ("SN1", "SN2", "SN3"))
    with pytest.raises(ValidationError) as exc:
        _create(counter, [TransferLineInput(PHONE, 2000, ("SN1",))])
    assert exc.value.code == "serials_missing"
    with pytest.raises(ValidationError) as exc:
        _create(counter, [TransferLineInput(SOAP, 1000, ("X1",))])
    assert exc.value.code == "serials_unexpected"

    # a unit that is not in stock at the source cannot be sent: nothing moves
    stray = _create(counter, [TransferLineInput(PHONE, 2000, ("SN1", "SN9"))])
    with pytest.raises(ValidationError) as exc:
        _send(counter, stray)
    assert exc.value.code == "serial_not_in_stock"
    with counter.central.reader() as uow:
        assert uow.session.get(Transfer, stray).status == "draft"
    assert _units(counter)["SN1"] == ("in_stock", "S01")
    with counter.central.uow() as uow:
        transfers.cancel_transfer(uow, _actor(counter, "manager01"), stray)

    tid = _create(counter, [TransferLineInput(PHONE, 2000, ("SN1", "SN2"))])
    _send(counter, tid)
    assert _units(counter) == {
        "SN1": ("in_transit", "S01"),
        "SN2": ("in_transit", "S01"),
        "SN3": ("in_stock", "S01"),
    }
    assert _stock(counter, PHONE, "S01").on_hand_milli == 1000
    for received, reason in [
        ([ReceivedLine(1, 1000)], "serials_missing"),  # which one arrived?
        ([ReceivedLine(1, 1000, ("SN3",))], "serial_not_sent"),
        ([ReceivedLine(1, 3000, ("SN1", "SN2", "SN3"))], "received_more_serials"),
    ]:
        with pytest.raises(ValidationError) as exc:
            _arrive(counter, tid, received)
        assert exc.value.code == reason
    got = _arrive(counter, tid, [ReceivedLine(1, 1000, ("SN1",))])
    assert [(ln.received_milli, ln.missing_serials) for ln in got.lines] == [(1000, ("SN2",))]
    assert _units(counter) == {
        "SN1": ("in_stock", "S02"),
        "SN2": ("in_transit", "S01"),
        "SN3": ("in_stock", "S01"),
    }
    assert _stock(counter, PHONE, "S02").on_hand_milli == 1000
    assert _stock(counter, PHONE, "S02").avg_cost_fen == 1000

    # all arrived as sent: every serial is in stock at the target
    whole = _create(counter, [TransferLineInput(PHONE, 1000, ("SN3",))])
    _send(counter, whole)
    _arrive(counter, whole)
    assert _units(counter)["SN3"] == ("in_stock", "S02")
    _verified(counter)


def test_bad_transfers_are_refused_and_write_nothing(counter):
    _receive(counter, "S01", SOAP, 10_000, 200)
    cases = [
        ([], "transfer_empty", {}),
        ([TransferLineInput(SOAP, -1000)], "quantity_not_positive", {}),
        ([TransferLineInput(SOAP, 0)], "quantity_not_positive", {}),
        ([TransferLineInput(SOAP, 1500)], "quantity_fractional", {}),
        ([TransferLineInput("NOPE", 1000)], "unknown_sku", {}),
        ([TransferLineInput(SOAP, 1000)], "unknown_warehouse", {"dst": "NOWHERE"}),
        ([TransferLineInput(SOAP, 1000)], "unknown_warehouse", {"src": "NOWHERE"}),
        ([TransferLineInput(SOAP, 1000)], "same_warehouse", {"dst": "S01"}),
    ]
    for lines, reason, kw in cases:
        with pytest.raises((ValidationError, NotFound)) as exc:
            _create(counter, lines, **kw)
        assert exc.value.code == reason, (lines, kw)
    # other stores' warehouses, and staff without the permission
    with pytest.raises(PermissionDenied):
        _create(counter, [TransferLineInput(SOAP, 1000)], actor=_actor(counter, "manager02"))
    with pytest.raises(PermissionDenied):
        _create(counter, [TransferLineInput(SOAP, 1000)], actor=_actor(counter, "cashier01"))
    assert (_transfers(counter), _movements(counter)) == (0, 1)

    tid = _create(counter, [TransferLineInput(SOAP, 2000)])
    with pytest.raises(PermissionDenied):
        _send(counter, tid, actor=_actor(counter, "manager02"))
    with pytest.raises(Conflict) as exc:
        _arrive(counter, tid)  # not sent yet
    assert exc.value.code == "transfer_draft"
    _send(counter, tid)
    for received, reason in [
        ([ReceivedLine(1, -1000)], "quantity_not_positive"),
        ([ReceivedLine(1, 1500)], "quantity_fractional"),
        ([ReceivedLine(2, 1000)], "unknown_line"),
        ([ReceivedLine(1, 1000), ReceivedLine(1, 1000)], "line_duplicate"),
    ]:
        with pytest.raises(ValidationError) as exc:
            _arrive(counter, tid, received)
        assert exc.value.code == reason
    with counter.central.reader() as uow:
        assert uow.session.get(Transfer, tid).status == "in_transit"
    got = _arrive(counter, tid, [ReceivedLine(1, 0)])  # nothing arrived
    assert [(ln.received_milli, ln.difference_milli) for ln in got.lines] == [(0, -2000)]
    assert _stock(counter, SOAP, "S02").on_hand_milli == 0
    assert _stock(counter, SOAP, "S01").on_hand_milli == 8000

    # a draft can be cancelled, once; then it cannot be sent
    draft = _create(counter, [TransferLineInput(SOAP, 1000)])
    with counter.central.uow() as uow, pytest.raises(PermissionDenied):
        transfers.cancel_transfer(uow, _actor(counter, "manager02"), draft)
    with counter.central.uow() as uow:
        transfers.cancel_transfer(uow, _actor(counter, "manager01"), draft)
    with counter.central.uow() as uow, pytest.raises(Conflict) as exc:
        transfers.cancel_transfer(uow, _actor(counter, "manager01"), draft)
    assert exc.value.code == "transfer_cancelled"
    with pytest.raises(Conflict) as exc:
        _send(counter, draft)
    assert exc.value.code == "transfer_cancelled"
    with counter.central.uow() as uow, pytest.raises(NotFound):
        transfers.send_transfer(uow, _actor(counter, "manager01"), "nope")
    assert _stock(counter, SOAP, "S01").on_hand_milli == 8000
    _verified(counter)


def test_a_warehouse_that_forbids_negative_stock_cannot_send_what_it_does_not_have(counter):
    from shared.db.models import Warehouse

    _receive(counter, "S01", SOAP, 1000, 200)
    with counter.central.uow() as uow:
        uow.session.execute(
            update(Warehouse).where(Warehouse.code == "S01").values(allow_negative=False)
        )
        uow.commit()
    tid = _create(counter, [TransferLineInput(SOAP, 2000)])
    with pytest.raises(Conflict) as exc:
        _send(counter, tid)
    assert exc.value.code == "stock_short"
    with counter.central.reader() as uow:
        assert uow.session.get(Transfer, tid).status == "draft"
    assert _stock(counter, SOAP, "S01").on_hand_milli == 1000
    _verified(counter)


def test_a_transfer_received_at_once_by_two_managers_arrives_once(counter):
    import threading

    _receive(counter, "S01", SOAP, 10_000, 200)
    tid = _create(counter, [TransferLineInput(SOAP, 4000)])
    _send(counter, tid)
    actors = [_actor(counter, "manager02"), _actor(counter, "admin")] * 2
    barrier = threading.Barrier(len(actors))
    out: list = [None] * len(actors)

    def run(i: int) -> None:
        barrier.wait()
        try:
            out[i] = _arrive(counter, tid, actor=actors[i])
        except Exception as exc:  # collected for the assertions
            out[i] = exc

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(actors))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert sum(isinstance(x, transfers.TransferView) for x in out) == 1, out
    assert all(
        isinstance(x, Conflict) and x.code == "transfer_received"
        for x in out
        if not isinstance(x, transfers.TransferView)
    )
    assert _stock(counter, SOAP, "S02").on_hand_milli == 4000
    _verified(counter)
