"""Member price (SPEC §2, §9): a member on the sale re-prices the lines that have one, and taking
the member off puts them back; overridden prices and priced scale labels keep theirs."""

import pytest

from shared.domain.cart import Cart, CartLine, Discount, cart_from_dict, cart_to_dict
from shared.domain.coupons import AppliedCoupon, CouponRule
from shared.domain.errors import ValidationError


def line(sku="a", price=1000, member=900, qty=1000, **kw) -> CartLine:
    return CartLine(
        line_id=kw.pop("line_id", f"l-{sku}-{qty}"),
        sku_id=sku,
        sku_code=sku.upper(),
        name=f"商品{sku}",
        unit="件",
        kind="goods",
        list_price_fen=price,
        unit_price_fen=price,
        quantity_milli=qty,
        member_price_fen=member,
        **kw,
    )


def prices(cart: Cart) -> list[int]:
    return [ln.unit_price_fen for ln in cart.lines]


def test_member_on_and_off_reprices_the_lines_that_have_a_member_price():
    cart = Cart()
    cart.add(line("a", 1000, 900, line_id="1"))
    cart.add(line("b", 500, None, line_id="2"))
    assert cart.totals().total_fen == 1500
    cart.set_member("m1")
    assert cart.member_id == "m1"
    assert prices(cart) == [900, 500]
    assert cart.totals().total_fen == 1400
    assert cart.member_saving_fen == 100
    cart.set_member(None)
    assert cart.member_id is None
    assert prices(cart) == [1000, 500]
    assert cart.totals().total_fen == 1500
    assert cart.member_saving_fen == 0


def test_lines_added_while_a_member_is_on_the_sale_get_the_member_price_and_merge():
    cart = Cart()
    cart.set_member("m1")
    cart.add(line("a", 1000, 900, line_id="1"))
    cart.add(line("a", 1000, 900, line_id="2"))
    assert [(ln.unit_price_fen, ln.quantity_milli) for ln in cart.lines] == [(900, 2000)]
    assert cart.totals().total_fen == 1800
    assert cart.member_saving_fen == 200


def test_weighed_lines_by_weight_take_the_member_price_per_kg():
    cart = Cart()
    cart.add(line("w", 1290, 1100, qty=523, weighed=True, line_id="1"))
    cart.set_member("m1")
    # 11.00 / kg x 0.523 kg = 5.753 -> 5.75
    assert cart.totals().total_fen == 575


def test_overridden_prices_and_priced_scale_labels_keep_theirs():
    cart = Cart()
    cart.add(line("a", 1000, 900, line_id="1"))
    cart.add(line("s", 1290, 1100, qty=1216, weighed=True, fixed_amount_fen=1568, line_id="2"))
    cart.override_price("1", 800, "manager")
    cart.set_member("m1")
    assert prices(cart) == [800, 1290]
    assert cart.totals().total_fen == 800 + 1568
    cart.set_member(None)
    assert prices(cart) == [800, 1290]


@pytest.mark.parametrize("member", [1000, 1200])
def test_a_member_price_not_below_the_list_price_does_not_apply(member):
    cart = Cart()
    cart.add(line("a", 1000, member, line_id="1"))
    cart.set_member("m1")
    assert prices(cart) == [1000]


def test_a_member_that_breaks_a_coupon_is_refused_and_the_cart_is_unchanged():
    cart = Cart()
    cart.add(line("a", 5000, 4500, line_id="1"))
    rule = CouponRule("c1", "满50减10", "threshold", threshold_fen=5000, amount_off_fen=1000)
    cart.add_coupon(AppliedCoupon("CODE", rule))
    assert cart.totals().total_fen == 4000
    with pytest.raises(ValidationError) as err:
        cart.set_member("m1")
    assert err.value.code == "coupon_threshold_not_met"
    assert cart.member_id is None and prices(cart) == [5000]
    assert cart.totals().total_fen == 4000


def test_an_amount_discount_above_the_member_priced_line_is_refused():
    cart = Cart()
    cart.add(line("a", 1000, 500, line_id="1"))
    cart.set_line_discount("1", Discount("amount", 800))
    with pytest.raises(ValidationError) as err:
        cart.set_member("m1")
    assert err.value.code == "discount_exceeds_line"
    assert cart.member_id is None and prices(cart) == [1000]


def test_parked_cart_keeps_member_and_member_prices():
    cart = Cart()
    cart.add(line("a", 1000, 900, line_id="1"))
    cart.set_member("m1")
    back = cart_from_dict(cart_to_dict(cart))
    assert back.member_id == "m1"
    assert back.lines[0].member_price_fen == 900 and back.lines[0].unit_price_fen == 900
    back.set_member(None)
    assert prices(back) == [1000]


def test_a_parked_cart_from_before_member_prices_still_loads():
    data = cart_to_dict(Cart(lines=[line("a", 1000, None, line_id="1")]))
    del data["lines"][0]["member_price_fen"]
    back = cart_from_dict(data)
    assert back.lines[0].member_price_fen is None
