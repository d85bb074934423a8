"""Stocktakes (SPEC §10) on SQLite and PostgreSQL centrals: counts adding up, the book at the time
of each count (sales before, between and pushed late each accounted for once), approval once,
cancel, uncounted SKUs, and counting at the counter through the outbox."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from shared.db import ledger
from shared.db.models import Outbox, StockMovement, Stocktake, StocktakeLine, SyncException
from shared.domain.barcode import encode_weighed
from shared.domain.errors import Conflict, NotFound, PermissionDenied, ValidationError
from shared.domain.tenders import Tender
from shared.services import inventory, sales, stock_count, stocktake
from shared.services.inventory import VoucherLineInput
from shared.services.sync_status import run_once
from shared.sync.gateway import InProcessGateway

APPLE = "P000001"  # weighed, 12.90 a kg, PLU 000001 (生鲜)
SOAP = "P000006"  # 日用品
WATER = "P000008"  # 饮料
SNACK = "P000009"  # 零食


def _actor(counter, account: str):
    from shared.db.models import Staff
    from shared.services import auth

    with counter.central.reader() as uow:
        staff = uow.session.scalars(select(Staff).where(Staff.account == account)).one()
        return auth.actor_for(uow, staff)


def _receive(counter, code: str, milli: int, cost_fen: int, store: str = "S01") -> None:
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


def _sell(counter, code: str, units: int = 1) -> None:
    """A sale at the counter, written locally (offline until the next push)."""
    cart = counter.cart(*([code] * units))
    with counter.db.uow() as uow:
        sales.complete_sale(
            uow, counter.ctx, counter.cashier, cart, [Tender("cash", cart.totals().total_fen)]
        )


def _push(counter):
    return run_once(counter.db, InProcessGateway(counter.central))


def _on_hand(counter, code: str, store: str = "S01") -> int:
    with counter.central.reader() as uow:
        return inventory.stock(uow, None, code, store).on_hand_milli


def _open(counter, manager=None, **kw) -> str:
    with counter.central.uow() as uow:
        return stocktake.open_stocktake(
            uow, manager or _actor(counter, "manager01"), warehouse=kw.pop("warehouse", "S01"), **kw
        )


def _count(counter, sheet: str, code: str, milli: int, *, mode: str = "add", actor=None):
    with counter.central.uow() as uow:
        return stocktake.record_count(
            uow, actor or _actor(counter, "manager01"), sheet, code, milli, mode=mode
        )


def _approve(counter, sheet: str, **kw):
    with counter.central.uow() as uow:
        return stocktake.approve_stocktake(uow, _actor(counter, "manager01"), sheet, **kw)


def _detail(counter, sheet: str):
    with counter.central.reader() as uow:
        return stocktake.stocktake_detail(uow, _actor(counter, "manager01"), sheet)


def _movements(counter) -> int:
    with counter.central.reader() as uow:
        return uow.session.scalar(select(func.count()).select_from(StockMovement))


def _verified(counter) -> None:
    with counter.central.reader() as uow:
        assert ledger.verify(uow.session) == []


def _tick(counter, minutes: float = 1) -> None:
    counter.central.clock.advance(minutes=minutes)  # the terminal shares the test's clock


def test_scans_add_up_a_count_can_be_corrected_and_approval_happens_once(counter):
    _receive(counter, SOAP, 10_000, 200)
    sheet = _open(counter)
    barcode = counter.product(6)["barcode"]
    assert _count(counter, sheet, SOAP, 3000).counted_milli == 3000
    _tick(counter)
    line = _count(counter, sheet, barcode, 4000)  # by barcode: the same SKU, adding up
    assert (line.counted_milli, line.book_at_count_milli, line.difference_milli) == (
        7000,
        10_000,
        -3000,
    )
    line = _count(counter, sheet, SOAP, 6000, mode="set")  # a correction
    assert line.counted_milli == 6000
    assert _count(counter, sheet, APPLE, 523).counted_milli == 523  # weighed: thousandths of a kg
    for code, milli, mode, reason in [
        (SOAP, 0, "add", "quantity_not_positive"),
        (SOAP, -1000, "set", "quantity_negative"),
        (SOAP, 1500, "add", "quantity_fractional"),
        (SOAP, 1000, "replace", "count_mode"),
        ("NOPE", 1000, "add", "unknown_sku"),
    ]:
        with pytest.raises((ValidationError, NotFound)) as exc:
            _count(counter, sheet, code, milli, mode=mode)
        assert exc.value.code == reason, (code, milli, mode)
    view = _detail(counter, sheet)
    assert [
        (ln.sku_code, ln.counted_milli, ln.book_at_count_milli, ln.difference_milli)
        for ln in view.lines
    ] == [
        (APPLE, 523, 0, 523),
        (SOAP, 6000, 10_000, -4000),
    ]
    assert view.lines[1].value_fen == -800  # 4 units at the 2.00 average
    _tick(counter)
    done = _approve(counter, sheet)
    assert (done.movements, done.loss_milli, done.gain_milli, done.loss_fen) == (2, 4000, 523, 800)
    assert _on_hand(counter, SOAP) == 6000
    assert _on_hand(counter, APPLE) == 523
    moved = _movements(counter)
    with pytest.raises(Conflict) as exc:
        _approve(counter, sheet)
    assert exc.value.code == "stocktake_approved"
    with pytest.raises(Conflict) as exc:
        _count(counter, sheet, SOAP, 1000)
    assert exc.value.code == "stocktake_not_open"
    assert _movements(counter) == moved and _on_hand(counter, SOAP) == 6000
    view = _detail(counter, sheet)
    assert view.status == "approved"
    assert [(ln.sku_code, ln.book_at_count_milli, ln.value_fen) for ln in view.lines] == [
        (APPLE, 0, view.lines[0].value_fen),
        (SOAP, 10_000, -800),
    ]
    _verified(counter)


def test_sales_before_between_and_pushed_late_are_each_accounted_once(counter):
    _receive(counter, SOAP, 10_000, 200)
    counter.open_shift()
    sheet = _open(counter)
    _tick(counter)
    _sell(counter, SOAP)  # A: before the scan, at head office before the scan
    _push(counter)
    _tick(counter)
    _sell(counter, SOAP)  # B: before the scan, offline: reaches head office after the scan
    _tick(counter)
    # on the shelf: 10 - A - B = 8, but one has gone missing: 7 are counted
    line = _count(counter, sheet, SOAP, 7000)
    assert line.book_at_count_milli == 9000  # B has not arrived yet
    counted_at = line.counted_at
    _tick(counter)
    _sell(counter, SOAP, 2)  # C: after the scan, before the approval
    _push(counter)  # B and C land now
    assert _on_hand(counter, SOAP) == 6000
    view = _detail(counter, sheet)
    assert (view.lines[0].book_at_count_milli, view.lines[0].difference_milli) == (8000, -1000)
    _tick(counter)
    done = _approve(counter, sheet)
    assert [(ln.book_at_count_milli, ln.difference_milli) for ln in done.lines] == [(8000, -1000)]
    # 10 in, A, B, C (4) out, 1 lost: the 5 left on the shelf
    assert _on_hand(counter, SOAP) == 5000
    _tick(counter)
    _sell(counter, SOAP)  # D: after the approval, pushed later
    _push(counter)
    assert _on_hand(counter, SOAP) == 4000
    with counter.central.reader() as uow:
        moves = [
            (m.kind, m.qty_milli, m.at, m.unit_cost_fen)
            for m in uow.session.scalars(
                select(StockMovement).where(StockMovement.doc_type == "stocktake")
            )
        ]
        stored = uow.session.scalars(select(StocktakeLine.book_at_count_milli)).one()
        # the ledger shows the counted quantity at the moment of the count
        assert ledger_book(uow, SOAP, counted_at) == 7000
    assert moves == [("loss", -1000, counted_at, 200)]
    assert stored == 8000
    _verified(counter)


def ledger_book(uow, code: str, at) -> int:
    from shared.sync import ingest

    wh = inventory.warehouse_by_code(uow, None, "S01")
    sku, _ = inventory.find_sku(uow, code)
    return ingest.book_at(uow.session, wh.id, sku.id, at)


def test_uncounted_skus_are_left_alone_unless_the_approver_says_zero(counter):
    _receive(counter, SOAP, 10_000, 200)
    _receive(counter, WATER, 5000, 100)
    _receive(counter, "P000012", 4000, 100)  # 饮料 too
    sheet = _open(counter)
    _count(counter, sheet, SOAP, 10_000)
    view = _detail(counter, sheet)
    assert sorted((u.sku_code, u.on_hand_milli) for u in view.uncounted) == [
        (WATER, 5000),
        ("P000012", 4000),
    ]
    done = _approve(counter, sheet)
    assert (done.movements, done.zeroed) == (0, 0)
    assert (_on_hand(counter, SOAP), _on_hand(counter, WATER)) == (10_000, 5000)

    # a sheet of the drinks category only
    drinks = _open(counter, category="饮料")
    with pytest.raises(ValidationError) as exc:
        _count(counter, drinks, SOAP, 1000)
    assert exc.value.code == "sku_out_of_scope"
    _count(counter, drinks, "P000012", 3000)
    with counter.central.reader() as uow:
        assert [
            u.sku_code
            for u in stocktake.stocktake_detail(uow, _actor(counter, "manager01"), drinks).uncounted
        ] == [WATER]
    done = _approve(counter, drinks, uncounted_zero=True)
    assert done.zeroed == 1
    assert sorted((ln.sku_code, ln.counted_milli, ln.difference_milli) for ln in done.lines) == [
        (WATER, 0, -5000),
        ("P000012", 3000, -1000),
    ]
    assert (_on_hand(counter, WATER), _on_hand(counter, "P000012")) == (0, 3000)
    assert _on_hand(counter, SOAP) == 10_000  # another category: untouched

    # nothing counted and nothing to zero: refused, the sheet stays open
    empty = _open(counter, category="零食")
    with pytest.raises(ValidationError) as exc:
        _approve(counter, empty, uncounted_zero=True)
    assert exc.value.code == "stocktake_empty"
    assert _detail(counter, empty).status == "open"
    _verified(counter)


def test_one_open_sheet_per_warehouse_cancel_and_scope(counter):
    manager01, manager02 = _actor(counter, "manager01"), _actor(counter, "manager02")
    cashier01, cashier03 = _actor(counter, "cashier01"), _actor(counter, "cashier03")
    sheet = _open(counter)
    with pytest.raises(Conflict) as exc:
        _open(counter)
    assert exc.value.code == "stocktake_open"
    with pytest.raises(PermissionDenied):
        _open(counter, manager01, warehouse="S02")
    with pytest.raises(PermissionDenied):
        _open(counter, cashier01)
    with pytest.raises(NotFound) as exc:
        _open(counter, category="no such category")
    assert exc.value.code == "unknown_category"
    other = _open(counter, manager02, warehouse="S02")  # another warehouse: its own sheet
    # counter staff count (in the back office too), at their own store only
    assert _count(counter, sheet, SOAP, 2000, actor=cashier01).counted_milli == 2000
    with pytest.raises(PermissionDenied):
        _count(counter, sheet, SOAP, 1000, actor=cashier03)
    with pytest.raises(PermissionDenied):
        _count(counter, other, SOAP, 1000, actor=manager01)
    with counter.central.uow() as uow, pytest.raises(PermissionDenied):
        stocktake.approve_stocktake(uow, cashier01, sheet)
    with counter.central.uow() as uow, pytest.raises(NotFound):
        stocktake.approve_stocktake(uow, manager01, "not-an-id")

    with counter.central.uow() as uow:
        stocktake.cancel_stocktake(uow, manager01, sheet)
    for call, code in [
        (lambda uow: stocktake.cancel_stocktake(uow, manager01, sheet), "stocktake_cancelled"),
        (lambda uow: stocktake.approve_stocktake(uow, manager01, sheet), "stocktake_cancelled"),
    ]:
        with counter.central.uow() as uow, pytest.raises(Conflict) as exc:
            call(uow)
        assert exc.value.code == code
    with pytest.raises(Conflict) as exc:
        _count(counter, sheet, SOAP, 1000)
    assert exc.value.code == "stocktake_not_open"
    again = _open(counter)  # the warehouse may open another now
    with counter.central.reader() as uow:
        rows = stocktake.list_stocktakes(uow, manager01)
        assert {(r.stocktake_id, r.status, r.lines) for r in rows} == {
            (sheet, "cancelled", 1),
            (again, "open", 0),
        }
        assert [r.stocktake_id for r in stocktake.list_stocktakes(uow, manager02)] == [other]
    assert _movements(counter) == 0
    _verified(counter)


def test_counting_at_the_counter_through_push_exactly_once(counter):
    _receive(counter, SOAP, 10_000, 200)
    counter.open_shift()
    _sell(counter, SOAP)  # offline, before the scans: pushed with them
    sheet = _open(counter)
    _tick(counter)
    barcode = counter.product(6)["barcode"]
    label = encode_weighed("000001", 675, counter.ctx.weighed)  # 6.75 yuan of apples = 0.523 kg
    with counter.db.uow() as uow:
        stock_count.count(uow, counter.ctx, counter.cashier, barcode)
    with counter.db.uow() as uow:
        stock_count.count(uow, counter.ctx, counter.cashier, barcode)
    with counter.db.uow() as uow:
        got = stock_count.count(uow, counter.ctx, counter.cashier, SOAP, 3000)
    with counter.db.uow() as uow:
        apples = stock_count.count(uow, counter.ctx, counter.cashier, label)
    assert (got.sku_code, got.qty_milli, apples.sku_code, apples.qty_milli) == (
        SOAP,
        3000,
        APPLE,
        523,
    )
    guide = counter.actor("guide01")
    for actor, code, milli, error, reason in [
        (counter.cashier, SOAP, 1500, ValidationError, "quantity_fractional"),
        (counter.cashier, SOAP, -1000, ValidationError, "quantity_not_positive"),
        (counter.cashier, SOAP, 0, ValidationError, "quantity_not_positive"),
        (counter.cashier, "NO-SUCH-CODE", None, NotFound, "unknown_code"),
        (guide, SOAP, 1000, PermissionDenied, "permission_denied"),
    ]:
        with counter.db.uow() as uow, pytest.raises(error) as exc:
            stock_count.count(uow, counter.ctx, actor, code, milli)
        assert exc.value.code == reason, (code, milli)
    with counter.db.reader() as uow:
        assert (
            uow.session.scalar(
                select(func.count()).select_from(Outbox).where(Outbox.kind == "stock_count")
            )
            == 4
        )
    _push(counter)
    view = _detail(counter, sheet)
    assert [(ln.sku_code, ln.counted_milli, ln.book_at_count_milli) for ln in view.lines] == [
        (APPLE, 523, 0),
        (SOAP, 5000, 9000),  # the sale before the scans is in the book
    ]
    # every message pushed again (a lost reply): nothing is counted twice
    with counter.db.uow() as uow:
        for row in uow.session.scalars(select(Outbox)):
            row.status = "pending"
        uow.commit()
    _push(counter)
    assert [ln.counted_milli for ln in _detail(counter, sheet).lines] == [523, 5000]
    _tick(counter)
    _approve(counter, sheet)
    assert (_on_hand(counter, SOAP), _on_hand(counter, APPLE)) == (5000, 523)

    # a count with no open sheet is kept for the manager and counts nowhere
    _tick(counter)
    with counter.db.uow() as uow:
        late = stock_count.count(uow, counter.ctx, counter.cashier, SOAP)
    _push(counter)
    with counter.central.reader() as uow:
        flags = uow.session.execute(
            select(
                SyncException.document_kind, SyncException.document_id, SyncException.detail
            ).where(SyncException.kind == "count_without_stocktake")
        ).all()
        lines = uow.session.scalar(select(func.count()).select_from(StocktakeLine))
    assert [(kind, doc, detail["qty_milli"]) for kind, doc, detail in flags] == [
        ("stock_count", late.count_id, 1000)
    ]
    assert lines == 2
    assert _on_hand(counter, SOAP) == 5000
    _verified(counter)


def test_a_count_scanned_before_the_sheet_was_opened_is_not_put_on_it(counter):
    _receive(counter, SOAP, 10_000, 200)
    with counter.db.uow() as uow:  # offline, long before the sheet
        early = stock_count.count(uow, counter.ctx, counter.cashier, SOAP)
    _tick(counter, 60)
    sheet = _open(counter)
    _push(counter)
    assert _detail(counter, sheet).lines == ()
    with counter.central.reader() as uow:
        flags = uow.session.scalars(
            select(SyncException.document_id).where(SyncException.kind == "count_before_stocktake")
        ).all()
        assert uow.session.scalar(select(Stocktake.status).where(Stocktake.id == sheet)) == "open"
    assert flags == [early.count_id]
    _verified(counter)


def _race(n: int, work) -> list:
    """Run ``work(i)`` in ``n`` threads started together; each result or the error it raised."""
    import threading

    barrier = threading.Barrier(n)
    out: list = [None] * n

    def run(i: int) -> None:
        barrier.wait()
        try:
            out[i] = work(i)
        except Exception as exc:  # collected for the assertions
            out[i] = exc

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    return out


def test_two_managers_at_once_open_one_sheet_and_approve_it_once(counter):
    _receive(counter, SOAP, 10_000, 200)
    manager = _actor(counter, "manager01")

    def open_one(_):
        with counter.central.uow() as uow:
            return stocktake.open_stocktake(uow, manager, warehouse="S01")

    opened = _race(4, open_one)
    sheets = [x for x in opened if isinstance(x, str)]
    assert len(sheets) == 1, opened
    assert all(
        isinstance(x, Conflict) and x.code == "stocktake_open" for x in opened if x not in sheets
    )
    _count(counter, sheets[0], SOAP, 7000)

    def approve(_):
        with counter.central.uow() as uow:
            return stocktake.approve_stocktake(uow, manager, sheets[0])

    approved = _race(4, approve)
    assert sum(isinstance(x, stocktake.Approval) for x in approved) == 1, approved
    assert all(
        isinstance(x, Conflict) and x.code == "stocktake_approved"
        for x in approved
        if not isinstance(x, stocktake.Approval)
    )
    assert _on_hand(counter, SOAP) == 7000
    _verified(counter)


def test_a_sale_made_before_the_count_but_landing_after_the_approval_counts_once(counter):
    _receive(counter, SOAP, 10_000, 200)
    counter.open_shift()
    sheet = _open(counter)
    _tick(counter)
    _sell(counter, SOAP)  # offline: head office does not know it yet
    _tick(counter)
    _count(counter, sheet, SOAP, 9000)  # the shelf: 9 (the sold one is gone)
    _tick(counter)
    _approve(counter, sheet)  # book 10 at the count, counted 9: a "loss" of 1 is booked
    assert _on_hand(counter, SOAP) == 9000
    _push(counter)  # the sale lands: it must not take the same unit out a second time
    assert _on_hand(counter, SOAP) == 9000
    _push(counter)  # and pushing again changes nothing
    assert _on_hand(counter, SOAP) == 9000
    _tick(counter)
    _sell(counter, SOAP)  # a sale after the count moves stock as usual
    _push(counter)
    assert _on_hand(counter, SOAP) == 8000
    _verified(counter)
