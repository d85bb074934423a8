"""Serial-tracked goods sold at the counter (SPEC §10) on SQLite and PostgreSQL centrals: the
unit's serial number is asked for and checked with head office, the sale line carries it, the
unit leaves the book when the sale lands (once), a refund brings it back, and a unit sold
offline that the book did not have here is flagged, not lost."""

from __future__ import annotations

from dataclasses import replace

import pytest
from sqlalchemy import select, update

from shared.db import ledger
from shared.db.models import Product, SaleLine, SerialUnit, StockMovement, SyncException
from shared.domain.cart import Cart
from shared.domain.errors import ValidationError
from shared.domain.tenders import Tender
from shared.printing import render_escpos
from shared.services import inventory, refunds, sales, serials
from shared.services.inventory import VoucherLineInput
from shared.services.sync_status import run_once
from shared.sync.errors import CentralUnreachable
from shared.sync.gateway import InProcessGateway
from tests.unit.printing.escpos_text import read_escpos

PHONE = "P000010"  # made serial-tracked for these tests


@pytest.fixture
def shop(counter):
    """The counter with ``PHONE`` serial-tracked (centrally and in the terminal's catalog) and
    three units SN1..SN3 in stock at S01, SN7 at S02."""
    for db in (counter.central, counter.db):
        with db.uow() as uow:
            uow.session.execute(
                update(Product).where(Product.code == PHONE).values(serial_tracked=True)
            )
            uow.commit()
    _receive(counter, "S01", ("SN1", "SN2", "SN3"))
    _receive(counter, "S02", ("SN7",))
    counter.open_shift()
    return counter


def _receive(counter, store: str, numbers: tuple[str, ...]) -> None:
    _receive_at(counter.central, store, numbers)


def _receive_at(central, store: str, numbers: tuple[str, ...]) -> None:
    from shared.db.models import Staff
    from shared.services import auth

    account = "manager01" if store == "S01" else "manager02"
    with central.reader() as uow:
        staff = uow.session.scalars(select(Staff).where(Staff.account == account)).one()
        manager = auth.actor_for(uow, staff)
    with central.uow() as uow:
        vid = inventory.create_voucher(
            uow,
            manager,
            warehouse=store,
            direction="in",
            type="purchase",
            lines=[VoucherLineInput(PHONE, 1000 * len(numbers), 150_000, numbers)],
        )
    with central.uow() as uow:
        inventory.post_voucher(uow, manager, vid)


def _units(counter) -> dict[str, tuple[str, str | None]]:
    from shared.db.models import Warehouse

    with counter.central.reader() as uow:
        codes = {w.id: w.code for w in uow.session.scalars(select(Warehouse))}
        return {
            u.serial_no: (u.state, codes.get(u.warehouse_id))
            for u in uow.session.scalars(select(SerialUnit))
        }


def _sell(counter, *lines):
    cart = Cart()
    for line in lines:
        cart.add(line)
    with counter.db.uow() as uow:
        return sales.complete_sale(
            uow, counter.ctx, counter.cashier, cart, [Tender("cash", cart.totals().total_fen)]
        )


def test_the_cart_takes_a_serial_tracked_unit_only_with_its_number(shop):
    line = shop.line(PHONE)
    assert line.serial_tracked and line.serial_no is None
    cart = Cart()
    with pytest.raises(ValidationError) as exc:
        cart.add(line)
    assert exc.value.code == "serial_required"
    with pytest.raises(ValidationError) as exc:
        cart.add(replace(line, serial_no="SN1", quantity_milli=2000))
    assert exc.value.code == "serial_quantity"
    first = cart.add(replace(line, serial_no="SN1"))
    # the same number twice in one sale is refused; another unit is a line of its own
    with pytest.raises(ValidationError) as exc:
        cart.add(replace(shop.line(PHONE), serial_no="SN1"))
    assert exc.value.code == "serial_in_cart"
    cart.add(replace(shop.line(PHONE), serial_no="SN2"))
    assert [(ln.serial_no, ln.quantity_milli) for ln in cart.lines] == [
        ("SN1", 1000),
        ("SN2", 1000),
    ]
    with pytest.raises(ValidationError) as exc:
        cart.set_quantity(first.line_id, 2000)
    assert exc.value.code == "serial_quantity"
    assert cart.lines[0].quantity_milli == 1000


def test_head_office_says_whether_the_unit_is_in_stock_here(shop):
    gw = InProcessGateway(shop.central)
    line = shop.line(PHONE)
    got = serials.for_sale(gw, "S01", line, "  SN1 ")
    assert (got.line.serial_no, got.checked) == ("SN1", True)
    refusals = {
        "SN7": ("in_stock", "S02"),  # at the other store
        "NEVER-SEEN": ("unknown", ""),
    }
    for number, (state, store) in refusals.items():
        with pytest.raises(ValidationError) as exc:
            serials.for_sale(gw, "S01", line, number)
        assert exc.value.code == "serial_not_in_stock"
        assert (exc.value.details["state"], exc.value.details["store"]) == (state, store)
    for bad, code in [("", "serial_empty"), ("x" * 65, "serial_too_long")]:
        with pytest.raises(ValidationError) as exc:
            serials.for_sale(gw, "S01", line, bad)
        assert exc.value.code == code
    with pytest.raises(ValidationError) as exc:
        serials.for_sale(gw, "S01", shop.line("P000006"), "SN1")
    assert exc.value.code == "not_serial_tracked"
    # a malformed SKU id or a serial with control characters is a refusal, not a crash
    assert gw.serial("not-a-uuid", "SN1", "S01")["reason"] == "unknown_code"
    assert gw.serial(line.sku_id, "SN\x001", "S01")["reason"] == "bad_serial"
    # offline: taken unchecked
    got = serials.for_sale(None, "S01", line, "SN9")
    assert (got.line.serial_no, got.checked) == ("SN9", False)

    class Unreachable:
        def serial(self, *args):
            raise CentralUnreachable("connection refused")

    got = serials.for_sale(Unreachable(), "S01", line, "SN2")
    assert (got.line.serial_no, got.checked) == ("SN2", False)


def test_a_sold_unit_leaves_the_book_once_and_a_refund_brings_it_back(shop):
    gw = InProcessGateway(shop.central)
    unit = serials.for_sale(gw, "S01", shop.line(PHONE), "SN2").line
    sold = _sell(shop, unit, shop.line("P000006"))
    printed = read_escpos(render_escpos(sold.receipt)).lines
    assert "  序列号：SN2" in printed
    with shop.db.reader() as uow:
        lines = uow.session.scalars(select(SaleLine).order_by(SaleLine.line_no)).all()
        assert [ln.serial_no for ln in lines] == ["SN2", None]
    run_once(shop.db, gw)
    run_once(shop.db, gw)
    assert _units(shop)["SN2"] == ("out", None)
    with shop.central.reader() as uow:
        moved = uow.session.scalars(
            select(StockMovement).where(StockMovement.doc_type == "sale")
        ).all()
        assert sorted((m.qty_milli, m.serial_no or "") for m in moved) == [
            (-1000, ""),
            (-1000, "SN2"),
        ]
        assert not uow.session.scalars(select(SyncException)).all()
    assert inventory_on_hand(shop) == 2000
    # the unit is no longer sellable here
    with pytest.raises(ValidationError) as exc:
        serials.for_sale(gw, "S01", shop.line(PHONE), "SN2")
    assert (exc.value.code, exc.value.details["state"]) == ("serial_not_in_stock", "out")

    with shop.db.uow() as uow:
        view = sales.find_sale(uow, shop.ctx, sold.receipt_no)
        phone_line = next(ln for ln in view.lines if ln.sku_code.startswith(PHONE))
        refunds.refund(
            uow,
            shop.ctx,
            shop.cashier,
            sold.receipt_no,
            [refunds.RefundItem(phone_line.line_id, 1000)],
        )
    run_once(shop.db, gw)
    assert _units(shop)["SN2"] == ("in_stock", "S01")
    assert inventory_on_hand(shop) == 3000
    assert serials.for_sale(gw, "S01", shop.line(PHONE), "SN2").checked
    with shop.central.reader() as uow:
        assert ledger.verify(uow.session) == []


def test_a_unit_sold_offline_that_the_book_does_not_have_here_is_flagged(shop):
    gw = InProcessGateway(shop.central)
    # offline, the cashier sells SN7 (the book has it at S02) and SN1 (in stock here)
    stray = serials.for_sale(None, "S01", shop.line(PHONE), "SN7").line
    fine = serials.for_sale(None, "S01", shop.line(PHONE), "SN1").line
    sold = _sell(shop, stray, fine)
    run_once(shop.db, gw)
    with shop.central.reader() as uow:
        flags = uow.session.scalars(
            select(SyncException).where(SyncException.kind == "serial_not_in_stock")
        ).all()
        assert [(f.document_id, f.detail["serial_no"], f.detail["state"]) for f in flags] == [
            (sold.sale_id, "SN7", "in_stock")
        ]
    # the sale stands; both units are out of the book, the store's count is down by two
    units = _units(shop)
    assert units["SN7"] == ("out", None) and units["SN1"] == ("out", None)
    assert inventory_on_hand(shop) == 1000


def inventory_on_hand(counter, store: str = "S01") -> int:
    with counter.central.reader() as uow:
        return inventory.stock(uow, None, PHONE, store).on_hand_milli


def test_storedesk_sale_takes_the_serial_numbers(tmp_path, monkeypatch, capsys):
    """``storedesk sale --item CODE --serial NUMBER``: checked with head office like the counter."""
    import json

    from backoffice import cli
    from shared.services.runtime import open_database, open_terminal, resolve_paths

    data = tmp_path / "terminal"

    def run(*argv):
        code = cli.main(["--data-dir", str(data), *argv])
        out = capsys.readouterr()
        return code, out.out, out.err

    assert run("demo", "--products", "20")[0] == 0
    paths = resolve_paths(str(data), None)
    central, local = open_database(paths.central_url), open_terminal(paths)
    try:
        for db in (central, local):
            with db.uow() as uow:
                uow.session.execute(
                    update(Product).where(Product.code == PHONE).values(serial_tracked=True)
                )
                uow.commit()
        _receive_at(central, "S01", ("SN1", "SN2"))
    finally:
        central.dispose()
        local.dispose()

    for argv, says in [
        (["--item", PHONE], "give its unit's --serial NUMBER"),
        (["--item", f"{PHONE}x2", "--serial", "SN1"], "give one --item per unit"),
        (["--item", PHONE, "--serial", "SN5"], "serial number SN5 is not in stock here"),
        (["--item", PHONE, "--serial", "SN1", "--serial", "SN2"], "--serial SN2 has no"),
    ]:
        code, out, err = run("sale", *argv)
        assert code != 0 and out == "", argv
        assert says in err, (argv, err)
    code, out, err = run(
        "--json", "sale", "--item", PHONE, "--item", PHONE, "--serial", "SN2", "--serial", "SN1"
    )
    assert code == 0, err
    sale_id = json.loads(out)["sale_id"]
    local = open_terminal(paths)
    try:
        with local.reader() as uow:
            got = uow.session.scalars(
                select(SaleLine.serial_no).where(SaleLine.sale_id == sale_id)
            ).all()
    finally:
        local.dispose()
    assert sorted(got) == ["SN1", "SN2"]
