"""Returns against a receipt: partial and whole, exact amounts, approval, refusals."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from shared.db.models import Refund
from shared.domain.cart import Discount
from shared.domain.errors import ApprovalRequired, NotFound, PermissionDenied, ValidationError
from shared.domain.tenders import Tender
from shared.services import refunds, sales
from shared.services.refunds import RefundItem


def sell(counter, *codes, tenders=None, order_discount=None, qty=None):
    cart = counter.cart(*codes)
    if qty:
        cart.set_quantity(cart.lines[0].line_id, qty)
    if order_discount:
        cart.set_order_discount(order_discount)
    with counter.db.uow() as uow:
        return sales.complete_sale(
            uow, counter.ctx, counter.cashier, cart, tenders or [Tender("cash", 9_999_00)]
        )


def view(counter, receipt_no):
    with counter.db.reader() as uow:
        return sales.find_sale(uow, counter.ctx, receipt_no)


def refund_count(counter) -> int:
    with counter.db.reader() as uow:
        return uow.session.scalar(select(func.count()).select_from(Refund))


def test_partial_refunds_add_up_to_the_line_exactly(counter):
    counter.open_shift()
    sale = sell(counter, "P000012", qty=3000, order_discount=Discount("amount", 100))
    line = view(counter, sale.receipt_no).lines[0]
    with counter.db.uow() as uow:
        r1 = refunds.refund(
            uow, counter.ctx, counter.cashier, sale.receipt_no, [RefundItem(line.line_id, 1000)]
        )
    with counter.db.uow() as uow:
        r2 = refunds.refund(
            uow, counter.ctx, counter.cashier, sale.receipt_no, [RefundItem(line.line_id, 2000)]
        )
    assert r1.total_fen + r2.total_fen == sale.total_fen
    assert r1.refund_no.startswith("R") and r1.refund_no != r2.refund_no
    assert view(counter, sale.receipt_no).lines[0].refundable_milli == 0


def test_whole_refund_goes_back_to_the_methods_used(counter):
    counter.open_shift()
    sale = sell(
        counter, "P000012", "P000013", tenders=[Tender("card", 100), Tender("cash", 9_999_00)]
    )
    with counter.db.uow() as uow:
        r = refunds.refund(uow, counter.ctx, counter.cashier, sale.receipt_no)
    assert r.total_fen == sale.total_fen
    assert r.by_method == {"cash": sale.total_fen - 100, "card": 100}


def test_refund_more_than_sold_refused(counter):
    counter.open_shift()
    sale = sell(counter, "P000012")
    line = view(counter, sale.receipt_no).lines[0]
    with counter.db.uow() as uow, pytest.raises(ValidationError) as err:
        refunds.refund(
            uow, counter.ctx, counter.cashier, sale.receipt_no, [RefundItem(line.line_id, 2000)]
        )
    assert err.value.code == "refund_exceeds_sold"
    with counter.db.uow() as uow:
        refunds.refund(uow, counter.ctx, counter.cashier, sale.receipt_no)
    with counter.db.uow() as uow, pytest.raises(ValidationError) as err:
        refunds.refund(uow, counter.ctx, counter.cashier, sale.receipt_no)
    assert err.value.code == "nothing_to_refund"
    assert refund_count(counter) == 1


@pytest.mark.parametrize("number", ["261122-01-9999", "R261122-01-0001"])
def test_unknown_or_wrong_receipt(counter, number):
    counter.open_shift()
    with counter.db.uow() as uow, pytest.raises((NotFound, ValidationError)):
        refunds.refund(uow, counter.ctx, counter.cashier, number)
    assert refund_count(counter) == 0


@pytest.mark.parametrize("qty", [0, -1000, 500])
def test_bad_refund_quantities(counter, qty):
    counter.open_shift()
    sale = sell(counter, "P000012", qty=2000)
    line = view(counter, sale.receipt_no).lines[0]
    with counter.db.uow() as uow, pytest.raises(ValidationError):
        refunds.refund(
            uow, counter.ctx, counter.cashier, sale.receipt_no, [RefundItem(line.line_id, qty)]
        )
    assert refund_count(counter) == 0


def test_large_refund_needs_a_managers_approval(counter):
    counter.open_shift()
    sale = sell(counter, "P000012", qty=200_000)  # well above the 200 yuan threshold
    assert sale.total_fen > counter.ctx.refund_approval_fen
    with counter.db.uow() as uow, pytest.raises(ApprovalRequired):
        refunds.refund(uow, counter.ctx, counter.cashier, sale.receipt_no)
    with counter.db.uow() as uow, pytest.raises(PermissionDenied):
        refunds.refund(
            uow, counter.ctx, counter.cashier, sale.receipt_no, approver=counter.actor("cashier02")
        )
    assert refund_count(counter) == 0
    with counter.db.uow() as uow:
        r = refunds.refund(
            uow, counter.ctx, counter.cashier, sale.receipt_no, approver=counter.manager
        )
    with counter.db.reader() as uow:
        assert (
            uow.session.get(Refund, (counter.ctx.store_id, r.refund_id)).approved_by
            == counter.manager.staff_id
        )
