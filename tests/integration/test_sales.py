"""Completing sales on the terminal database (SQLite) and on PostgreSQL: one transaction each."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from shared.db.models import JournalEntry, Payment, PrintJob, Sale, SaleDiscount, SaleLine
from shared.domain.barcode import encode_weighed
from shared.domain.cart import Cart, Discount
from shared.domain.errors import Conflict, PermissionDenied, ValidationError
from shared.domain.tenders import Tender
from shared.services import sales


def counts(db) -> dict[str, int]:
    with db.reader() as uow:
        return {
            m.__tablename__: uow.session.scalar(select(func.count()).select_from(m))
            for m in (Sale, SaleLine, Payment, SaleDiscount, JournalEntry, PrintJob)
        }


def test_three_line_sale_with_discounts_and_mixed_tenders(counter):
    counter.open_shift()
    p10, p11 = counter.product(10), counter.product(11)
    weighed = encode_weighed("000001", 675, counter.ctx.weighed)  # 散装苹果, 6.75 yuan on the label
    cart = Cart()
    cart.add(counter.line(p10["barcode"]))
    cart.add(counter.line(p10["barcode"]))  # the same SKU again: quantity 2
    cart.add(counter.line(p11["code"]))
    cart.add(counter.line(weighed))
    first = cart.lines[0].line_id
    cart.set_line_discount(first, Discount("percent", 1000, counter.cashier.staff_id, "临期"))
    cart.set_order_discount(Discount("amount", 100, counter.cashier.staff_id, "凑整"))
    gross = 2 * p10["price_fen"] + p11["price_fen"] + 675
    line_disc = round(2 * p10["price_fen"] * 0.1 + 1e-9)
    expected_total = gross - line_disc - 100

    with counter.db.uow() as uow:
        result = sales.complete_sale(
            uow, counter.ctx, counter.cashier, cart, [Tender("card", 1000), Tender("cash", 100_00)]
        )
    assert result.total_fen == expected_total
    assert result.change_fen == 1000 + 100_00 - expected_total
    assert result.receipt_no.endswith("-01-0001")

    with counter.db.reader() as uow:
        sale = uow.session.get(Sale, (counter.ctx.store_id, result.sale_id))
        assert [ln.quantity_milli for ln in sale.lines] == [2000, 1000, 523]
        assert sale.lines[2].net_fen + sale.lines[2].order_discount_fen == 675
        assert sum(ln.net_fen for ln in sale.lines) == sale.total_fen
        assert [(p.method, p.amount_fen) for p in sale.payments] == [
            ("card", 1000),
            ("cash", expected_total - 1000),
        ]
        assert {d.scope for d in sale.discounts} == {"line", "order"}
        assert all(d.given_by == counter.cashier.staff_id for d in sale.discounts)
    c = counts(counter.db)
    assert c["journal_entry"] == 1 and c["print_job"] == 1


def test_receipt_numbers_follow_the_terminal_sequence(counter):
    counter.open_shift()
    numbers = []
    for _ in range(3):
        with counter.db.uow() as uow:
            r = sales.complete_sale(
                uow,
                counter.ctx,
                counter.cashier,
                counter.cart(counter.product(12)["barcode"]),
                [Tender("cash", 100_00)],
            )
        numbers.append(r.receipt_no)
    assert [n[-4:] for n in numbers] == ["0001", "0002", "0003"]
    assert len({n[:6] for n in numbers}) == 1


def test_tender_below_total_changes_nothing(counter):
    counter.open_shift()
    before = counts(counter.db)
    cart = counter.cart(counter.product(13)["barcode"])
    with counter.db.uow() as uow, pytest.raises(ValidationError) as err:
        sales.complete_sale(uow, counter.ctx, counter.cashier, cart, [Tender("cash", 1)])
    assert err.value.code == "tender_below_total"
    assert counts(counter.db) == before


def test_no_shift_no_sale(counter):
    with counter.db.uow() as uow, pytest.raises(Conflict) as err:
        sales.complete_sale(
            uow, counter.ctx, counter.cashier, counter.cart("P000012"), [Tender("cash", 100_00)]
        )
    assert err.value.code == "no_open_shift"


def test_empty_sale_refused(counter):
    counter.open_shift()
    with counter.db.uow() as uow, pytest.raises(ValidationError):
        sales.complete_sale(uow, counter.ctx, counter.cashier, Cart(), [])


def test_price_override_needs_a_manager(counter):
    counter.open_shift()
    cart = counter.cart("P000012")
    cart.override_price(cart.lines[0].line_id, 1, counter.cashier.staff_id)  # a cashier "approving"
    with counter.db.uow() as uow, pytest.raises(PermissionDenied):
        sales.complete_sale(uow, counter.ctx, counter.cashier, cart, [Tender("cash", 1)])
    cart.override_price(cart.lines[0].line_id, 1, counter.manager.staff_id)
    with counter.db.uow() as uow:
        r = sales.complete_sale(uow, counter.ctx, counter.cashier, cart, [Tender("cash", 1)])
    assert r.total_fen == 1
    with counter.db.reader() as uow:
        d = uow.session.scalars(select(SaleDiscount).where(SaleDiscount.sale_id == r.sale_id)).one()
        assert (d.scope, d.given_by) == ("price_override", counter.manager.staff_id)


def test_a_tampered_unit_price_is_refused(counter):
    from dataclasses import replace

    counter.open_shift()
    cart = counter.cart("P000012")
    cart.lines[0] = replace(cart.lines[0], unit_price_fen=1)
    with counter.db.uow() as uow, pytest.raises(PermissionDenied):
        sales.complete_sale(uow, counter.ctx, counter.cashier, cart, [Tender("cash", 1)])


def test_price_changed_since_scan_is_refused(counter):
    from shared.db.models import Sku

    counter.open_shift()
    cart = counter.cart("P000012")
    with counter.db.uow() as uow:
        sku = uow.session.get(Sku, cart.lines[0].sku_id)
        sku.price_fen += 100
        uow.commit()
    with counter.db.uow() as uow, pytest.raises(Conflict) as err:
        sales.complete_sale(uow, counter.ctx, counter.cashier, cart, [Tender("cash", 100_00)])
    assert err.value.code == "price_changed"


def test_a_verifier_cannot_sell(counter):
    counter.open_shift()
    with counter.db.uow() as uow, pytest.raises(PermissionDenied):
        sales.complete_sale(
            uow,
            counter.ctx,
            counter.actor("verifier01"),
            counter.cart("P000012"),
            [Tender("cash", 100_00)],
        )


def test_find_sale_by_receipt(counter):
    counter.open_shift()
    with counter.db.uow() as uow:
        r = sales.complete_sale(
            uow,
            counter.ctx,
            counter.cashier,
            counter.cart("P000012", "P000013"),
            [Tender("cash", 100_00)],
        )
    with counter.db.reader() as uow:
        view = sales.find_sale(uow, counter.ctx, r.receipt_no.replace("-", ""))
    assert view.receipt_no == r.receipt_no
    assert [ln.sku_code for ln in view.lines] == ["P000012", "P000013"]
    assert all(ln.refundable_milli == 1000 for ln in view.lines)
