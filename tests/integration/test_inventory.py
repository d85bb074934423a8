"""The stock ledger (SPEC §10) on SQLite and PostgreSQL centrals: vouchers posted once, sales and
refunds from the counter moving stock when they land, the moving average, negative stock."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from shared.db import ledger
from shared.db.models import StockMovement, SyncException
from shared.domain.errors import Conflict, NotFound, PermissionDenied, ValidationError
from shared.domain.tenders import Tender
from shared.services import inventory, refunds, sales
from shared.services.inventory import VoucherLineInput
from shared.services.sync_status import run_once
from shared.sync.gateway import InProcessGateway


def _actor(counter, account: str):
    from shared.db.models import Staff
    from shared.services import auth

    with counter.central.reader() as uow:
        staff = uow.session.scalars(select(Staff).where(Staff.account == account)).one()
        return auth.actor_for(uow, staff)


def _receive(counter, code: str, units: int, cost_fen: int, *, manager=None) -> str:
    manager = manager or _actor(counter, "manager01")
    with counter.central.uow() as uow:
        vid = inventory.create_voucher(
            uow,
            manager,
            warehouse="S01",
            direction="in",
            type="purchase",
            lines=[VoucherLineInput(code, units * 1000, cost_fen)],
        )
    with counter.central.uow() as uow:
        inventory.post_voucher(uow, manager, vid)
    return vid


def _stock(counter, code: str, store: str = "S01"):
    with counter.central.reader() as uow:
        return inventory.stock(uow, None, code, store)


def _movements(counter) -> int:
    with counter.central.reader() as uow:
        return uow.session.scalar(select(func.count()).select_from(StockMovement))


def test_a_voucher_is_posted_once_at_the_moving_average(counter):
    manager = _actor(counter, "manager01")
    vid = _receive(counter, "P000006", 10, 200, manager=manager)
    with counter.central.uow() as uow, pytest.raises(Conflict) as exc:
        inventory.post_voucher(uow, manager, vid)
    assert exc.value.code == "voucher_posted"
    _receive(counter, "P000006", 30, 300, manager=manager)
    got = _stock(counter, "P000006")
    assert (got.on_hand_milli, got.available_milli) == (40_000, 40_000)
    assert got.avg_cost_fen == 275  # (10 x 2.00 + 30 x 3.00) / 40
    assert _movements(counter) == 2
    with counter.central.reader() as uow:
        assert ledger.verify(uow.session) == []


def test_bad_vouchers_are_refused_and_write_nothing(counter):
    manager = _actor(counter, "manager01")
    cases = [
        (dict(direction="in", type="purchase", lines=[]), "voucher_empty"),
        (
            dict(direction="in", type="loss", lines=[VoucherLineInput("P000006", 1000)]),
            "voucher_type",
        ),
        (
            dict(direction="up", type="purchase", lines=[VoucherLineInput("P000006", 1000)]),
            "direction",
        ),
        (
            dict(direction="in", type="purchase", lines=[VoucherLineInput("P000006", -1000)]),
            "quantity_not_positive",
        ),
        (
            dict(direction="in", type="purchase", lines=[VoucherLineInput("P000006", 1500)]),
            "quantity_fractional",
        ),
        (
            dict(direction="in", type="purchase", lines=[VoucherLineInput("NOPE", 1000)]),
            "unknown_sku",
        ),
        (
            dict(
                direction="in",
                type="purchase",
                lines=[VoucherLineInput("'; DROP TABLE sku;--", 1000)],
            ),
            "unknown_sku",
        ),
    ]
    for values, code in cases:
        with counter.central.uow() as uow, pytest.raises((ValidationError, NotFound)) as exc:
            inventory.create_voucher(uow, manager, warehouse="S01", **values)
        assert exc.value.code == code, values
    with counter.central.uow() as uow, pytest.raises(NotFound) as exc:
        inventory.create_voucher(
            uow,
            manager,
            warehouse="NOWHERE",
            direction="in",
            type="purchase",
            lines=[VoucherLineInput("P000006", 1000)],
        )
    assert exc.value.code == "unknown_warehouse"
    # a manager of S01 cannot touch S02's warehouse
    with counter.central.uow() as uow, pytest.raises(PermissionDenied):
        inventory.create_voucher(
            uow,
            manager,
            warehouse="S02",
            direction="in",
            type="purchase",
            lines=[VoucherLineInput("P000006", 1000)],
        )
    assert _movements(counter) == 0


def test_sales_and_refunds_move_stock_when_they_land_exactly_once(counter):
    _receive(counter, "P000006", 5, 200)
    counter.open_shift()
    cart = counter.cart("P000006", "P000006")  # one line, 2 units
    with counter.db.uow() as uow:
        sold = sales.complete_sale(
            uow, counter.ctx, counter.cashier, cart, [Tender("cash", cart.totals().total_fen)]
        )
    gw = InProcessGateway(counter.central)
    run_once(counter.db, gw)
    assert _stock(counter, "P000006").on_hand_milli == 3000
    # the same messages pushed again (a lost reply) move nothing more
    from shared.db.models import Outbox

    with counter.db.uow() as uow:
        for row in uow.session.scalars(select(Outbox)):
            row.status = "pending"
        uow.commit()
    run_once(counter.db, gw)
    assert _stock(counter, "P000006").on_hand_milli == 3000
    with counter.db.uow() as uow:
        view = sales.find_sale(uow, counter.ctx, sold.receipt_no)
        refunds.refund(
            uow,
            counter.ctx,
            counter.cashier,
            sold.receipt_no,
            [refunds.RefundItem(view.lines[0].line_id, 1000)],
        )
    run_once(counter.db, gw)
    assert _stock(counter, "P000006").on_hand_milli == 4000
    with counter.central.reader() as uow:
        assert ledger.verify(uow.session) == []
        sale_moves = uow.session.scalars(
            select(StockMovement).where(StockMovement.doc_type == "sale")
        ).all()
        assert [(m.qty_milli, m.unit_cost_fen) for m in sale_moves] == [(-2000, 200)]


def test_two_counters_selling_the_last_unit_both_stand_and_someone_is_told(counter):
    _receive(counter, "P000006", 1, 200)
    counter.open_shift()
    for _ in range(2):  # two offline sales of the last unit (the second counter's, say)
        cart = counter.cart("P000006")
        with counter.db.uow() as uow:
            sales.complete_sale(
                uow, counter.ctx, counter.cashier, cart, [Tender("cash", cart.totals().total_fen)]
            )
    run_once(counter.db, InProcessGateway(counter.central))
    assert _stock(counter, "P000006").on_hand_milli == -1000
    with counter.central.reader() as uow:
        flags = uow.session.scalars(
            select(SyncException.detail).where(SyncException.kind == "negative_stock")
        ).all()
    assert len(flags) == 1 and flags[0]["on_hand_milli"] == -1000


def test_a_store_that_keeps_no_stock_is_not_flagged_for_every_sale(counter):
    counter.open_shift()
    cart = counter.cart("P000007")
    with counter.db.uow() as uow:
        sales.complete_sale(
            uow, counter.ctx, counter.cashier, cart, [Tender("cash", cart.totals().total_fen)]
        )
    run_once(counter.db, InProcessGateway(counter.central))
    assert _stock(counter, "P000007").on_hand_milli == -1000
    with counter.central.reader() as uow:
        assert not uow.session.scalars(
            select(SyncException).where(SyncException.kind == "negative_stock")
        ).all()


def test_low_stock_and_replenishment(counter):
    manager = _actor(counter, "manager01")
    _receive(counter, "P000006", 3, 200, manager=manager)
    _receive(counter, "P000008", 50, 100, manager=manager)
    with counter.central.uow() as uow:
        inventory.set_limits(
            uow,
            manager,
            warehouse="S01",
            sku_code="P000006",
            safety_milli=2000,
            lower_milli=5000,
            upper_milli=20_000,
        )
        inventory.set_limits(
            uow, manager, warehouse="S01", sku_code="P000008", lower_milli=5000, upper_milli=60_000
        )
    with counter.central.reader() as uow:
        rows = inventory.low_stock(uow, manager, "S01")
    assert [(r.sku_code, r.available_milli, r.suggest_milli) for r in rows] == [
        (rows[0].sku_code, 3000, 17_000)
    ]
    with counter.central.uow() as uow, pytest.raises(ValidationError) as exc:
        inventory.set_limits(
            uow, manager, warehouse="S01", sku_code="P000006", lower_milli=5000, upper_milli=1000
        )
    assert exc.value.code == "limit_order"


def test_gross_margin_per_sale_line_at_the_cost_when_sold(counter):
    manager = _actor(counter, "manager01")
    _receive(counter, "P000006", 10, 200, manager=manager)
    counter.open_shift()
    cart = counter.cart("P000006", "P000006", "P000006")
    with counter.db.uow() as uow:
        sold = sales.complete_sale(
            uow, counter.ctx, counter.cashier, cart, [Tender("cash", cart.totals().total_fen)]
        )
    run_once(counter.db, InProcessGateway(counter.central))
    _receive(counter, "P000006", 10, 400, manager=manager)  # later purchases change the average
    with counter.central.reader() as uow:
        (line,) = inventory.sale_margins(uow, manager, sold.receipt_no, "S01")
    assert line.cost_fen == 600  # 3 x 2.00, the average when it was sold
    assert line.margin_fen == sold.total_fen - 600
    with counter.central.reader() as uow, pytest.raises(PermissionDenied):
        inventory.sale_margins(uow, _actor(counter, "manager02"), sold.receipt_no, "S01")
