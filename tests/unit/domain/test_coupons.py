"""Coupon rules (SPEC §6) and member points (SPEC §9): pure domain, no database.

Codes (alphabet, randomness, check character, normalisation), the signed 60-second QR (genuine,
forged, altered at every position, truncated at every length, expiry to the second), what a
coupon takes off a cart and how coupons stack, and the points arithmetic.
"""

from __future__ import annotations

import math
import random
import string
import unicodedata

import pytest

from shared.domain import coupons as rules
from shared.domain import points as pts
from shared.domain.cart import Cart, CartLine, Discount, cart_from_dict, cart_to_dict, price_cart
from shared.domain.coupons import (
    ALPHABET,
    CODE_LENGTH,
    QR_TTL_S,
    AppliedCoupon,
    CouponRule,
    LineBase,
    check_stacking,
    coupon_amounts,
    format_code,
    normalise_code,
    sign_qr,
    verify_qr,
)
from shared.domain.errors import ValidationError

SECRET = b"k" * 32
OTHER_SECRET = b"m" * 32
NOW = 1_795_000_000  # a unix second in 2026


def code_from(body: str) -> str:
    """A well-formed code with the given 13-character body (the check character appended)."""
    assert len(body) == rules.RANDOM_CHARS
    return body + rules._check_char(body)


def seeded_codes(n: int, seed: int = 20261122) -> list[str]:
    rng = random.Random(seed)
    return [code_from("".join(rng.choice(ALPHABET) for _ in range(13))) for _ in range(n)]


def refused(fn, *args, **kwargs) -> ValidationError:
    with pytest.raises(ValidationError) as err:
        fn(*args, **kwargs)
    return err.value


# -- codes ---------------------------------------------------------------------------------------


def test_alphabet_has_32_symbols_without_look_alikes():
    assert len(ALPHABET) == len(set(ALPHABET)) == 32
    assert not set("0O1I") & set(ALPHABET)
    assert set(ALPHABET) <= set(string.ascii_uppercase + string.digits)


def test_new_codes_have_the_printed_shape_and_normalise_to_themselves():
    codes = [rules.new_code() for _ in range(2000)]
    assert len(set(codes)) == len(codes)
    for code in codes:
        assert len(code) == CODE_LENGTH == 14
        assert set(code) <= set(ALPHABET)
        assert normalise_code(code) == code
        assert rules.looks_like_coupon_code(format_code(code))


def test_at_least_64_bits_from_secrets_by_construction(monkeypatch):
    """Every random character is one ``secrets.choice`` over the full alphabet: 13 x 5 bits."""
    assert rules.RANDOM_CHARS * math.log2(len(ALPHABET)) >= 64
    calls: list[str] = []

    def choice(seq):
        calls.append(seq)
        return seq[len(calls) % len(seq)]

    monkeypatch.setattr(rules.secrets, "choice", choice)
    code = rules.new_code()
    assert len(calls) == rules.RANDOM_CHARS
    assert all(seq == ALPHABET for seq in calls)
    assert code[:-1] == "".join(ALPHABET[i % 32] for i in range(1, 14))


def test_every_random_position_takes_every_symbol():
    """Not a proof of randomness, but a stuck or narrowed position shows at once (a symbol missing
    from one position in 3,000 codes has a probability of about 32 * (31/32)^3000 ~ 1e-40)."""
    codes = [rules.new_code() for _ in range(3000)]
    for pos in range(rules.RANDOM_CHARS):
        assert {c[pos] for c in codes} == set(ALPHABET), pos


def _constructed_codes() -> list[str]:
    """Seeded codes plus the corner cases of a weighted mod-32 sum: all-equal bodies and bodies
    whose last character and check character differ by 16 positions in the alphabet."""
    codes = [code_from(ch * 13) for ch in ALPHABET] + seeded_codes(300)
    for code in seeded_codes(3000, seed=7):
        if abs(ALPHABET.index(code[-1]) - ALPHABET.index(code[-2])) == 16:
            codes.append(code)
            if len(codes) > 340:
                break
    return codes


def test_the_check_character_catches_every_single_character_typo():
    missed = []
    for code in _constructed_codes():
        for pos in range(CODE_LENGTH):
            for ch in ALPHABET:
                if ch == code[pos]:
                    continue
                typo = code[:pos] + ch + code[pos + 1 :]
                if rules.looks_like_coupon_code(typo):
                    missed.append((code, pos, typo))
    assert missed == [], (
        f"{len(missed)} single-character typos pass the check character, e.g. "
        f"{missed[:3]} (code, position, typo)"
    )


def test_the_check_character_catches_every_adjacent_swap():
    missed = []
    for code in _constructed_codes():
        for pos in range(CODE_LENGTH - 1):
            if code[pos] == code[pos + 1]:
                continue
            swapped = code[:pos] + code[pos + 1] + code[pos] + code[pos + 2 :]
            if rules.looks_like_coupon_code(swapped):
                missed.append((code, pos, swapped))
    assert missed == [], (
        f"{len(missed)} adjacent swaps pass the check character, e.g. {missed[:3]} "
        "(code, position, swapped)"
    )


@pytest.mark.parametrize(
    "typed",
    [
        "{g}",  # as printed: 7KQ4-MZ2P-XH9C-AT
        "{c}",
        "{lower}",
        "  {g}  ",
        "{spaced}",
        "{g_lower_spaces}",
        "\t{c}\n",
        "{underscored}",
        "{double_dash}",
    ],
)
def test_dashes_spaces_and_case_do_not_matter(typed):
    code = seeded_codes(1)[0]
    g = format_code(code)
    text = typed.format(
        g=g,
        c=code,
        lower=code.lower(),
        spaced=" ".join(code),
        g_lower_spaces=g.lower().replace("-", " "),
        underscored=g.replace("-", "_"),
        double_dash=g.replace("-", "--"),
    )
    assert normalise_code(text) == code


def test_format_code_groups_by_four():
    code = seeded_codes(1)[0]
    assert format_code(code) == f"{code[:4]}-{code[4:8]}-{code[8:12]}-{code[12:]}"
    assert normalise_code(format_code(code)) == code


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "code_empty"),
        ("   ", "code_empty"),
        (None, "code_empty"),
        ("X" * (rules.MAX_SCAN + 1), "code_too_long"),
        ("ABC", "code_format"),
        ("' OR 1=1 --", "code_format"),
        ('"; DROP TABLE coupon;--', "code_format"),
        ("7KQ4MZ2PXH9CA", "code_format"),  # 13 characters
        ("7KQ4MZ2PXH9CATT", "code_format"),  # 15 characters
        ("7KQ4MZ2PXH9C0T", "code_format"),  # a zero: not in the alphabet
        ("7KQ4MZ2PXH9COT", "code_format"),  # an O
        ("7KQ4MZ2PXH9C1T", "code_format"),  # a one
        ("7KQ4MZ2PXH9CIT", "code_format"),  # an I
        ("７KQ4MZ2PXH9CAT", "code_format"),  # a full-width digit
    ],
)
def test_malformed_codes_are_refused_with_a_reason(text, reason):
    assert refused(normalise_code, text).code == reason


def test_a_wrong_check_character_is_called_a_mistype():
    code = seeded_codes(1)[0]
    wrong = code[:-1] + next(ch for ch in ALPHABET if ch != code[-1])
    err = refused(normalise_code, wrong)
    assert err.code == "code_check"
    assert "mistyped" in err.message


# -- the dynamic QR ------------------------------------------------------------------------------


@pytest.fixture
def payload() -> str:
    return sign_qr(SECRET, seeded_codes(1)[0], NOW)


def test_a_genuine_payload_verifies(payload):
    code = seeded_codes(1)[0]
    assert payload.startswith(f"SDC1.{code}.{NOW + QR_TTL_S}.")
    claim = verify_qr(SECRET, payload, NOW)
    assert (claim.code, claim.expires) == (code, NOW + QR_TTL_S)
    assert rules.is_qr_payload(payload) and not rules.is_qr_payload(seeded_codes(1)[0])


def test_a_payload_signed_with_another_key_is_forged(payload):
    forged = sign_qr(OTHER_SECRET, seeded_codes(1)[0], NOW)
    assert forged != payload
    err = refused(verify_qr, SECRET, forged, NOW)
    assert err.code == "qr_bad_signature"
    assert "forged" in err.message


def _same_meaning(old: str, new: str) -> bool:
    """Another spelling of the same character: a letter's other case, a full-width digit."""
    if old.isdigit():
        return unicodedata.digit(new, None) == int(old)
    return old.upper() == new.upper()


def _check_alteration(payload: str, pos: int, new: str) -> str:
    """Verify ``payload`` with position ``pos`` replaced by ``new``: "refused", "same" (accepted,
    meaning exactly the signed code and expiry) or "crash: ..."; anything else fails the test."""
    code_end = payload.index(".", 5)  # 'SDC1.' + code
    expiry_end = payload.index(".", code_end + 1)
    altered = payload[:pos] + new + payload[pos + 1 :]
    try:
        claim = verify_qr(SECRET, altered, NOW)
    except ValidationError as exc:
        assert exc.code in ("qr_bad_signature", "qr_malformed", "qr_truncated"), altered
        return "refused"
    except Exception as exc:
        return f"crash: {type(exc).__name__}: {exc}"
    old = payload[pos]
    assert pos < expiry_end and _same_meaning(old, new), (pos, old, new, altered)
    assert claim == verify_qr(SECRET, payload, NOW)
    return "same"


def test_one_byte_altered_at_any_position_is_refused(payload):
    """Every position, every printable ASCII replacement: refused, unless it is a lower-case letter
    in the prefix or the code (read upper-case), which decodes to exactly the signed code and
    expiry, so nothing can be forged with it."""
    outcomes = {}
    for pos, old in enumerate(payload):
        for new in string.printable.strip() + " ":
            if new != old:
                outcomes[(pos, new)] = _check_alteration(payload, pos, new)
    assert not [k for k, v in outcomes.items() if v.startswith("crash")]
    accepted = [(pos, new) for (pos, new), v in outcomes.items() if v == "same"]
    assert all(new.islower() for _, new in accepted)


def test_a_non_ascii_character_anywhere_is_refused_not_a_crash(payload):
    """A camera or a scanner with the wrong keyboard layout can produce any character: each must
    be a refusal (a full-width digit in the expiry is read by ``int`` as the same number, and then
    means the same signed payload). A non-ASCII character in the signature part is compared as
    bytes (``hmac.compare_digest`` raises ``TypeError`` on non-ASCII ``str``) and refused."""
    crashed = []
    for new in ("é", "中", "\u00a0", "\uff10", "\uff15"):
        for pos in range(len(payload)):
            outcome = _check_alteration(payload, pos, new)
            if outcome.startswith("crash"):
                crashed.append((pos, new, outcome))
    assert crashed == [], f"{len(crashed)} positions crash, e.g. {crashed[:2]}"


def test_altered_expiry_and_tag_are_refused_as_altered(payload):
    prefix, code, expires, tag = payload.split(".")
    later = f"{prefix}.{code}.{int(expires) + 3600}.{tag}"
    assert refused(verify_qr, SECRET, later, NOW).code == "qr_bad_signature"
    other_code = seeded_codes(2)[1]
    swapped = f"{prefix}.{other_code}.{expires}.{tag}"
    assert refused(verify_qr, SECRET, swapped, NOW).code == "qr_bad_signature"
    assert refused(verify_qr, SECRET, payload[:-1] + "=", NOW).code == "qr_bad_signature"
    assert refused(verify_qr, SECRET, payload.lower(), NOW).code == "qr_bad_signature"
    longer = payload + "A"
    assert refused(verify_qr, SECRET, longer, NOW).code == "qr_bad_signature"
    assert refused(verify_qr, SECRET, payload + ".X", NOW).code == "qr_malformed"


def test_truncated_at_every_length_is_refused(payload):
    for n in range(len(payload)):
        err = refused(verify_qr, SECRET, payload[:n], NOW)
        expected = "qr_malformed" if n < len("SDC1") else "qr_truncated"
        assert err.code == expected, (n, payload[:n], err.code)
        if expected == "qr_truncated":
            assert "truncated" in err.message


def test_expired_by_exactly_one_second(payload):
    err = refused(verify_qr, SECRET, payload, NOW + QR_TTL_S + 1)
    assert err.code == "qr_expired"
    assert err.details == {"seconds": 1}
    assert "expired 1 s ago" in err.message


def test_valid_at_exactly_the_expiry_second(payload):
    assert verify_qr(SECRET, payload, NOW + QR_TTL_S).expires == NOW + QR_TTL_S


def test_altered_and_expired_is_reported_as_altered(payload):
    forged = sign_qr(OTHER_SECRET, seeded_codes(1)[0], NOW)
    assert refused(verify_qr, SECRET, forged, NOW + 3600).code == "qr_bad_signature"


def test_valid_too_far_in_the_future_is_refused():
    code = seeded_codes(1)[0]
    # up to 5 s of clock skew between the signer and the verifier is tolerated
    assert verify_qr(SECRET, sign_qr(SECRET, code, NOW + 5), NOW).code == code
    err = refused(verify_qr, SECRET, sign_qr(SECRET, code, NOW + 6), NOW)
    assert err.code == "qr_bad_signature"
    ahead = sign_qr(SECRET, code, NOW, ttl_s=86_400)  # a genuine tag, but a day ahead
    assert refused(verify_qr, SECRET, ahead, NOW).code == "qr_bad_signature"


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "qr_malformed"),
        ("XYZ1.ABC.1.DEF", "qr_malformed"),
        ("SDC1." + "A" * rules.MAX_SCAN, "qr_malformed"),
        ("SDC1.CODE.12ab.AAAAAAAAAAAAAAAAAAAAAAAAAA", "qr_bad_signature"),
        ("SDC1.CODE.-5.AAAAAAAAAAAAAAAAAAAAAAAAAA", "qr_bad_signature"),
        ("SDC1.CODE.1234567890123.AAAAAAAAAAAAAAAAAAAAAAAAAA", "qr_bad_signature"),
        ("SDC1.CODE.1.AAAAAAAAAAAAAAAAAAAAAAAAAA.extra", "qr_malformed"),
        ("SDC1.CODE.1.", "qr_truncated"),
    ],
)
def test_malformed_payloads(text, reason):
    assert refused(verify_qr, SECRET, text, NOW).code == reason


# -- what a coupon takes off -----------------------------------------------------------------------


def threshold(threshold_fen=2000, off=500, **kw) -> CouponRule:
    return CouponRule(
        "c-thr", "满20减5", "threshold", threshold_fen=threshold_fen, amount_off_fen=off, **kw
    )


def discount(off_bp=2000, cap=None, **kw) -> CouponRule:
    return CouponRule("c-dis", "8折券", "discount", off_bp=off_bp, cap_fen=cap, **kw)


def exchange(sku="cola", **kw) -> CouponRule:
    return CouponRule("c-exc", "可乐兑换券", "exchange", exchange_sku_id=sku, **kw)


def base(sku, remaining, price=None, qty=1000) -> LineBase:
    return LineBase(sku, price if price is not None else remaining, qty, remaining)


def test_threshold_met_exactly_takes_the_amount_off_spread_over_lines():
    parts = coupon_amounts(threshold(), [base("a", 1500), base("b", 500)])
    assert parts == [375, 125]


def test_threshold_not_met_by_one_fen():
    err = refused(coupon_amounts, threshold(), [base("a", 1999)])
    assert err.code == "coupon_threshold_not_met"
    assert err.details["threshold_fen"] == 2000 and err.details["base_fen"] == 1999
    assert "20.00" in err.message and "19.99" in err.message


def test_discount_is_rounded_half_up_once():
    assert coupon_amounts(discount(2000), [base("a", 3333)]) == [667]  # 666.6
    assert coupon_amounts(discount(2500), [base("a", 2)]) == [1]  # 0.5 -> 1
    assert sum(coupon_amounts(discount(2000), [base("a", 1111), base("b", 2222)])) == 667


def test_discount_cap_limits_the_amount():
    assert sum(coupon_amounts(discount(5000, cap=1000), [base("a", 10_000)])) == 1000
    assert sum(coupon_amounts(discount(5000, cap=1000), [base("a", 1500)])) == 750  # under cap
    assert sum(coupon_amounts(discount(5000, cap=1000), [base("a", 2000)])) == 1000  # at the cap


def test_exchange_takes_one_unit_of_its_item():
    lines = [base("water", 300), base("cola", 700, price=350, qty=2000)]
    assert coupon_amounts(exchange(), lines) == [0, 350]


def test_exchange_takes_at_most_what_is_left_of_the_line():
    assert coupon_amounts(exchange(), [base("cola", 200, price=350)]) == [200]


def test_exchange_item_missing():
    err = refused(coupon_amounts, exchange(), [base("water", 300)])
    assert err.code == "coupon_item_missing"
    weighed_under_one = [base("cola", 175, price=350, qty=500)]
    assert refused(coupon_amounts, exchange(), weighed_under_one).code == "coupon_item_missing"


def test_line_shares_add_up_to_the_coupon_amount_exactly():
    rng = random.Random(11)
    for _ in range(2000):
        n = rng.randint(1, 8)
        lines = [base(f"s{i}", rng.randint(0, 50_000)) for i in range(n)]
        total = sum(ln.remaining_fen for ln in lines)
        rule = discount(rng.randint(1, 9999), cap=rng.choice([None, rng.randint(1, 20_000)]))
        parts = coupon_amounts(rule, lines)
        expected = rules.percent_of(total, rule.off_bp)
        if rule.cap_fen is not None:
            expected = min(expected, rule.cap_fen)
        assert sum(parts) == min(expected, total)
        assert all(0 <= p <= ln.remaining_fen for p, ln in zip(parts, lines, strict=True))
        if total >= 2000:
            parts = coupon_amounts(threshold(2000, rng.randint(1, 2000)), lines)
            assert all(0 <= p <= ln.remaining_fen for p, ln in zip(parts, lines, strict=True))


@pytest.mark.parametrize(
    ("kwargs", "reason"),
    [
        (dict(type="gift"), "coupon_type"),
        (
            dict(type="threshold", amount_off_fen=500, threshold_fen=2000, funded_by="x"),
            "coupon_funder",
        ),
        (dict(type="exchange"), "coupon_sku"),
        (dict(type="threshold", amount_off_fen=0, threshold_fen=2000), "coupon_amount"),
        (dict(type="threshold", amount_off_fen=500, threshold_fen=499), "coupon_threshold"),
        (dict(type="discount", off_bp=0), "coupon_percent"),
        (dict(type="discount", off_bp=10_000), "coupon_percent"),
        (dict(type="discount", off_bp=2000, cap_fen=0), "coupon_cap"),
    ],
)
def test_invalid_rules_are_refused(kwargs, reason):
    assert refused(CouponRule, "c", "券", **kwargs).code == reason


# -- stacking --------------------------------------------------------------------------------------


def applied(rule: CouponRule, code: str | None = None) -> AppliedCoupon:
    return AppliedCoupon(code or rules.new_code(), rule)


def test_one_non_stackable_coupon_alone_is_fine():
    check_stacking([applied(threshold())], has_promotion=False)


def test_a_non_stackable_coupon_with_another_coupon_is_refused():
    for first, second in (
        (threshold(stackable=False), discount(stackable=True)),
        (threshold(stackable=True), discount(stackable=False)),
    ):
        err = refused(check_stacking, [applied(first), applied(second)], has_promotion=False)
        assert err.code == "coupon_no_stacking"


def test_a_non_stackable_coupon_with_a_promotion_is_refused():
    err = refused(check_stacking, [applied(threshold())], has_promotion=True)
    assert err.code == "coupon_no_stacking"
    assert "discount" in err.message


def test_stackable_coupons_stack_with_each_other_and_promotions():
    check_stacking(
        [applied(threshold(stackable=True)), applied(discount(stackable=True))], has_promotion=True
    )


def test_the_same_code_twice_is_refused():
    code = rules.new_code()
    rule = threshold(stackable=True)
    err = refused(check_stacking, [applied(rule, code), applied(rule, code)], has_promotion=False)
    assert err.code == "coupon_already_in_sale"


# -- coupons in the cart ---------------------------------------------------------------------------


def line(sku="a", price=1000, qty=1000, **kw) -> CartLine:
    return CartLine(
        line_id=kw.pop("line_id", f"l-{sku}"),
        sku_id=sku,
        sku_code=sku.upper(),
        name=f"商品{sku}",
        unit="件",
        kind="goods",
        list_price_fen=price,
        unit_price_fen=price,
        quantity_milli=qty,
        **kw,
    )


def cart_of(*lines: CartLine) -> Cart:
    cart = Cart()
    for ln in lines:
        cart.add(ln)
    return cart


def assert_consistent(cart: Cart) -> None:
    t = cart.totals()
    assert sum(p.net_fen for p in t.lines) == t.total_fen
    assert t.total_fen == t.subtotal_fen - t.discount_fen
    for ct in t.coupons:
        assert sum(ct.per_line_fen) == ct.amount_fen
    by_line = [sum(ct.per_line_fen[i] for ct in t.coupons) for i in range(len(t.lines))]
    assert by_line == [p.coupon_discount_fen for p in t.lines]
    assert all(p.net_fen >= 0 for p in t.lines)


def test_a_threshold_coupon_in_the_cart():
    cart = cart_of(line("a", 1234, 1000), line("b", 999, 1000))
    c = applied(threshold())
    cart.add_coupon(c)
    t = cart.totals()
    assert (t.subtotal_fen, t.coupon_discount_fen, t.total_fen) == (2233, 500, 1733)
    assert t.coupons[0].coupon == c
    assert t.coupons[0].per_line_fen == (276, 224)
    assert_consistent(cart)


def test_a_threshold_coupon_not_met_leaves_the_cart_unchanged():
    cart = cart_of(line("a", 1999))
    err = refused(cart.add_coupon, applied(threshold()))
    assert err.code == "coupon_threshold_not_met"
    assert cart.coupons == []
    assert cart.totals().total_fen == 1999


def test_a_coupon_needs_items_first():
    assert refused(Cart().add_coupon, applied(threshold())).code == "coupon_empty_sale"


def test_a_capped_discount_coupon_in_the_cart():
    cart = cart_of(line("a", 30_000), line("b", 20_000, 2000))
    cart.add_coupon(applied(discount(2000, cap=5000)))  # 20 % of 700.00 = 140.00, capped at 50.00
    t = cart.totals()
    assert (t.coupon_discount_fen, t.total_fen) == (5000, 65_000)
    assert_consistent(cart)


def test_an_exchange_coupon_with_and_without_its_item():
    cart = cart_of(line("water", 300), line("cola", 350, 3000))
    cart.add_coupon(applied(exchange("cola")))
    t = cart.totals()
    assert [p.coupon_discount_fen for p in t.lines] == [0, 350]
    assert t.total_fen == 300 + 3 * 350 - 350
    assert_consistent(cart)
    # removing the item the coupon gives is refused while the coupon is in the sale
    assert refused(cart.remove, "l-cola").code == "coupon_item_missing"
    assert [ln.sku_id for ln in cart.lines] == ["water", "cola"]

    other = cart_of(line("water", 300))
    assert refused(other.add_coupon, applied(exchange("cola"))).code == "coupon_item_missing"
    assert other.coupons == []


def test_a_non_stackable_coupon_and_a_second_coupon():
    cart = cart_of(line("a", 5000))
    first = applied(threshold())
    cart.add_coupon(first)
    err = refused(cart.add_coupon, applied(discount(1000, stackable=True)))
    assert err.code == "coupon_no_stacking"
    assert cart.coupons == [first]
    assert cart.totals().total_fen == 4500


def test_a_non_stackable_coupon_and_a_line_or_order_discount():
    cart = cart_of(line("a", 5000, line_id="1"))
    cart.add_coupon(applied(threshold()))
    assert refused(cart.set_line_discount, "1", Discount("amount", 100)).code == (
        "coupon_no_stacking"
    )
    assert cart.lines[0].discount is None
    assert refused(cart.set_order_discount, Discount("percent", 1000)).code == (
        "coupon_no_stacking"
    )
    assert cart.order_discount is None

    discounted = cart_of(line("a", 5000, line_id="1"))
    discounted.set_order_discount(Discount("amount", 100))
    assert refused(discounted.add_coupon, applied(threshold())).code == "coupon_no_stacking"
    assert discounted.coupons == []


def test_stackable_coupons_apply_in_turn_to_what_is_left():
    cart = cart_of(line("a", 3000, line_id="1"), line("b", 1000, line_id="2"))
    cart.set_order_discount(Discount("amount", 400))  # 4000 -> 3600
    cart.add_coupon(applied(threshold(2000, 500, stackable=True)))  # 3600 -> 3100
    cart.add_coupon(applied(discount(1000, stackable=True)))  # 10 % of 3100 = 310
    t = cart.totals()
    assert [ct.amount_fen for ct in t.coupons] == [500, 310]
    assert t.total_fen == 4000 - 400 - 500 - 310
    assert_consistent(cart)


def test_net_of_lines_equals_total_for_random_carts():
    rng = random.Random(5)
    for _ in range(500):
        lines = [
            line(f"s{i}", rng.randint(1, 20_000), rng.randint(1, 5) * 1000, line_id=str(i))
            for i in range(rng.randint(1, 6))
        ]
        coupons = [
            applied(discount(rng.randint(1, 9999), cap=rng.choice([None, 3000]), stackable=True))
        ]
        od = Discount("percent", rng.randint(1, 3000)) if rng.random() < 0.5 else None
        subtotal = sum(ln.gross_fen for ln in lines)
        if subtotal >= 5000:
            coupons.append(applied(threshold(5000, rng.randint(1, 5000), stackable=True)))
        try:
            t = price_cart(lines, od, coupons)
        except ValidationError as exc:
            assert exc.code == "coupon_threshold_not_met"  # the order discount took it under
            continue
        assert sum(p.net_fen for p in t.lines) == t.total_fen
        assert t.total_fen == t.subtotal_fen - t.discount_fen >= 0
        for ct in t.coupons:
            assert sum(ct.per_line_fen) == ct.amount_fen


def test_a_parked_cart_keeps_its_coupons():
    cart = cart_of(line("a", 3000, line_id="1"))
    cart.add_coupon(applied(threshold()))
    back = cart_from_dict(cart_to_dict(cart))
    assert back == cart
    assert back.totals() == cart.totals()


# -- points ----------------------------------------------------------------------------------------


def test_points_for_an_amount():
    assert pts.points_for_fen(1000) == 100  # 10.00 yuan at 10 points a yuan
    assert pts.points_for_fen(10) == 1
    assert pts.fen_for_points(100) == 1000
    err = refused(pts.points_for_fen, 5)
    assert (err.code, err.details) == ("points_step", {"step_fen": 10})
    assert refused(pts.points_for_fen, 0).code == "payment_not_positive"
    assert refused(pts.points_for_fen, -10).code == "payment_not_positive"
    # 3 points a yuan: only whole yuan make whole points
    assert pts.points_for_fen(200, 3) == 6
    assert refused(pts.points_for_fen, 50, 3).details == {"step_fen": 100}


def test_points_cap_is_inclusive():
    pts.check_points_cap(1000, 2000)  # exactly 50 %
    err = refused(pts.check_points_cap, 1001, 2000)
    assert (err.code, err.details) == ("points_cap", {"cap_fen": 1000})
    assert "10.00" in err.message
    pts.check_points_cap(300, 1000, max_pay_bp=3000)
    assert refused(pts.check_points_cap, 301, 1000, max_pay_bp=3000).code == "points_cap"


def test_the_most_points_may_pay():
    assert pts.max_points_payment_fen(2000, 10_000) == 1000  # the cap
    assert pts.max_points_payment_fen(2000, 50) == 500  # the member's points
    assert pts.max_points_payment_fen(1234, 10_000) == 610  # cap 617, in whole points
    assert pts.max_points_payment_fen(2000, 0) == 0
    for total in range(0, 5000, 7):
        for have in (0, 3, 77, 1000):
            best = pts.max_points_payment_fen(total, have)
            assert best <= pts.fen_for_points(have)
            if best:
                pts.check_points_cap(best, total)
                assert pts.points_for_fen(best) <= have


def test_points_earned_per_whole_yuan():
    assert pts.earned_points(1999) == 19
    assert pts.earned_points(99) == 0
    assert pts.earned_points(-500) == 0
    assert pts.earned_points(1000, 2) == 20
