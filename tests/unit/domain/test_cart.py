import pytest

from shared.domain.cart import Cart, CartLine, Discount, cart_from_dict, cart_to_dict, price_cart
from shared.domain.errors import ValidationError


def line(sku="a", price=1000, qty=1000, **kw) -> CartLine:
    return CartLine(
        line_id=kw.pop("line_id", f"l-{sku}-{qty}"),
        sku_id=sku,
        sku_code=sku.upper(),
        name=f"商品{sku}",
        unit="件",
        kind=kw.pop("kind", "goods"),
        list_price_fen=price,
        unit_price_fen=price,
        quantity_milli=qty,
        **kw,
    )


def test_same_sku_scanned_again_increments():
    cart = Cart()
    cart.add(line("a", line_id="1"))
    cart.add(line("a", line_id="2"))
    cart.add(line("b", line_id="3"))
    assert [(ln.sku_id, ln.quantity_milli) for ln in cart.lines] == [("a", 2000), ("b", 1000)]


def test_weighed_lines_never_merge():
    cart = Cart()
    cart.add(line("w", qty=523, weighed=True, line_id="1"))
    cart.add(line("w", qty=300, weighed=True, line_id="2"))
    assert len(cart.lines) == 2


@pytest.mark.parametrize(
    ("qty", "code"),
    [
        (0, "quantity_not_positive"),
        (-1000, "quantity_not_positive"),
        (10_000_000, "quantity_absurd"),
        (1500, "quantity_fractional"),
    ],
)
def test_bad_quantities_refused_and_cart_unchanged(qty, code):
    cart = Cart()
    cart.add(line("a", line_id="1"))
    with pytest.raises(ValidationError) as err:
        cart.set_quantity("1", qty)
    assert err.value.code == code
    assert cart.lines[0].quantity_milli == 1000


def test_line_and_order_discounts_priced_once():
    cart = Cart()
    cart.add(line("a", price=1000, qty=3000, line_id="1"))
    cart.add(line("b", price=500, line_id="2"))
    cart.set_line_discount("1", Discount("percent", 1000, "m", "会员"))  # 10% of 3000 = 300
    cart.set_order_discount(Discount("amount", 100))
    t = cart.totals()
    assert t.subtotal_fen == 3500
    assert t.line_discounts_fen == 300
    assert t.order_discount_fen == 100
    assert t.total_fen == 3100
    # order discount spread over lines in proportion to what is left after line discounts
    assert [p.order_discount_fen for p in t.lines] == [84, 16]  # largest remainder
    assert sum(p.net_fen for p in t.lines) == t.total_fen


def test_discount_above_line_refused_and_nothing_changes():
    cart = Cart()
    cart.add(line("a", price=1000, line_id="1"))
    with pytest.raises(ValidationError) as err:
        cart.set_line_discount("1", Discount("amount", 1001))
    assert err.value.code == "discount_exceeds_line"
    assert cart.lines[0].discount is None


def test_order_discount_above_total_refused():
    cart = Cart()
    cart.add(line("a", price=1000, line_id="1"))
    with pytest.raises(ValidationError) as err:
        cart.set_order_discount(Discount("amount", 2000))
    assert err.value.code == "discount_exceeds_total"
    assert cart.order_discount is None


def test_reducing_quantity_under_an_amount_discount_is_refused():
    cart = Cart()
    cart.add(line("a", price=1000, qty=3000, line_id="1"))
    cart.set_line_discount("1", Discount("amount", 2500))
    with pytest.raises(ValidationError):
        cart.set_quantity("1", 2000)
    assert cart.lines[0].quantity_milli == 3000


@pytest.mark.parametrize(
    "kwargs",
    [
        dict(kind="x", value=1),
        dict(kind="percent", value=0),
        dict(kind="percent", value=10_001),
        dict(kind="amount", value=-5),
        dict(kind="amount", value=5, reason="长" * 201),
    ],
)
def test_bad_discounts(kwargs):
    with pytest.raises(ValidationError):
        Discount(**kwargs)


def test_fixed_amount_label_cannot_change_quantity_or_price():
    cart = Cart()
    cart.add(line("w", price=1290, qty=523, weighed=True, fixed_amount_fen=675, line_id="1"))
    assert cart.totals().total_fen == 675
    with pytest.raises(ValidationError):
        cart.set_quantity("1", 1000)
    with pytest.raises(ValidationError):
        cart.override_price("1", 100, "m")


def test_price_override_records_approver():
    cart = Cart()
    cart.add(line("a", price=1000, line_id="1"))
    cart.override_price("1", 800, "manager-1")
    assert cart.totals().total_fen == 800
    assert cart.lines[0].price_override_by == "manager-1"


def test_round_trip_for_parking():
    cart = Cart()
    cart.add(line("a", price=1000, qty=2000, line_id="1"))
    cart.set_line_discount("1", Discount("amount", 100, "s", "r"))
    cart.set_order_discount(Discount("percent", 500))
    back = cart_from_dict(cart_to_dict(cart))
    assert back == cart
    assert back.totals() == cart.totals()


def test_empty_cart_totals_zero():
    assert price_cart([], None).total_fen == 0
