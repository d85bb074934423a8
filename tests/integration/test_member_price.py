"""Member price through the services (SQLite and PostgreSQL): the scan carries the SKU's member
price, the cart applies it while a member is on the sale, and ``complete_sale`` accepts exactly
that price — nothing else without a manager's approval."""

from __future__ import annotations

from dataclasses import replace

import pytest
from sqlalchemy import select, update

from shared.db.models import Sale, Sku
from shared.domain.cart import Cart
from shared.domain.errors import Conflict, PermissionDenied
from shared.domain.ids import new_id
from shared.domain.tenders import Tender
from shared.services import catalog, sales

MEMBER = str(new_id())


def _sell(counter, cart: Cart):
    total = cart.totals().total_fen
    with counter.db.uow() as uow:
        return sales.complete_sale(uow, counter.ctx, counter.cashier, cart, [Tender("cash", total)])


def test_scan_and_line_for_sku_carry_the_member_price(counter):
    p = counter.product(10)
    line = counter.line(p["barcode"])
    assert line.member_price_fen == p["price_fen"] * 9 // 10  # the demo's member prices
    assert line.unit_price_fen == p["price_fen"]
    with counter.db.reader() as uow:
        again = catalog.line_for_sku(uow, counter.ctx, line.sku_id)
    assert again.member_price_fen == line.member_price_fen
    fast = catalog.scan_fast(counter.db, counter.ctx, p["barcode"])
    assert fast.member_price_fen == line.member_price_fen


def test_a_member_sale_commits_at_member_prices(counter):
    counter.open_shift()
    p10, p11 = counter.product(10), counter.product(11)
    cart = counter.cart(p10["barcode"], p10["barcode"], p11["barcode"])
    cart.set_member(MEMBER)
    member10, member11 = p10["price_fen"] * 9 // 10, p11["price_fen"] * 9 // 10
    assert cart.totals().total_fen == 2 * member10 + member11
    result = _sell(counter, cart)
    assert result.total_fen == 2 * member10 + member11
    with counter.db.reader() as uow:
        sale = uow.session.get(Sale, (counter.ctx.store_id, result.sale_id))
        assert sale.member_id == MEMBER
        assert [(ln.list_price_fen, ln.unit_price_fen) for ln in sale.lines] == [
            (p10["price_fen"], member10),
            (p11["price_fen"], member11),
        ]


def test_member_prices_without_a_member_are_refused(counter):
    counter.open_shift()
    p = counter.product(10)
    cart = counter.cart(p["barcode"])
    cart.set_member(MEMBER)
    cart.member_id = None  # the lines keep the member price, the member is gone
    with pytest.raises(PermissionDenied) as err:
        _sell(counter, cart)
    assert err.value.code == "override_unapproved"


def test_a_made_up_member_price_is_refused(counter):
    counter.open_shift()
    p = counter.product(10)
    line = counter.line(p["barcode"])
    forged = replace(line, member_price_fen=1, unit_price_fen=1)
    cart = Cart(member_id=MEMBER)
    cart.lines.append(forged)
    with pytest.raises(Conflict) as err:
        _sell(counter, cart)
    assert err.value.code == "price_changed"


def test_a_member_price_changed_by_head_office_asks_for_a_new_scan(counter):
    counter.open_shift()
    p = counter.product(10)
    cart = counter.cart(p["barcode"])
    cart.set_member(MEMBER)
    with counter.db.uow() as uow:
        uow.session.execute(
            update(Sku).where(Sku.code == p["code"]).values(member_price_fen=p["price_fen"] // 2)
        )
        uow.commit()
    with pytest.raises(Conflict) as err:
        _sell(counter, cart)
    assert err.value.code == "price_changed"
    # scanned again, the line has the new member price and the sale goes through
    cart = counter.cart(p["barcode"])
    cart.set_member(MEMBER)
    assert _sell(counter, cart).total_fen == p["price_fen"] // 2


def test_sku_without_member_price_stays_at_list_price_for_a_member(counter):
    counter.open_shift()
    with counter.db.reader() as uow:
        weighed = uow.session.scalars(select(Sku).where(Sku.weighed.is_(True))).first()
        assert weighed.member_price_fen is None
    p = counter.product(10)
    with counter.db.uow() as uow:
        uow.session.execute(update(Sku).where(Sku.code == p["code"]).values(member_price_fen=None))
        uow.commit()
    cart = counter.cart(p["barcode"])
    cart.set_member(MEMBER)
    assert cart.lines[0].unit_price_fen == p["price_fen"]
    assert _sell(counter, cart).total_fen == p["price_fen"]
