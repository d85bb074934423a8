"""The cart at the counter and how it is priced (SPEC §3).

Pure rules, no I/O: the counter window keeps a ``Cart`` while the cashier works, and the sale
service prices the same ``Cart`` again before it commits, so the UI never decides a total.

Quantities are thousandths (``quantity_milli``): 1 piece = 1000, 0.523 kg = 523. Rounding happens
once per figure, half-up: a line's gross (price x quantity), a percentage discount, and the
proportional share of an order discount (largest remainder, so the shares add up exactly).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from shared.domain.coupons import (
    AppliedCoupon,
    CouponRule,
    LineBase,
    check_stacking,
    coupon_amounts,
)
from shared.domain.errors import ValidationError
from shared.domain.money import MAX_FEN, allocate, percent_of, times_quantity

PIECE = 1000
MAX_PIECES = 9999
MAX_WEIGHT_MILLI = 99_999  # 99.999 kg on one label
MAX_LINES = 500
MAX_TEXT = 200


@dataclass(frozen=True)
class Discount:
    """A discount a person gave: ``percent`` in basis points (1000 = 10 % off) or ``amount`` in fen."""

    kind: str
    value: int
    given_by: str | None = None
    reason: str = ""

    def __post_init__(self) -> None:
        if self.kind not in ("percent", "amount"):
            raise ValidationError(f"unknown discount kind '{self.kind}'", code="discount_kind")
        if self.value <= 0:
            raise ValidationError("a discount must be above zero", code="discount_not_positive")
        if self.kind == "percent" and self.value > 10_000:
            raise ValidationError("a discount cannot be more than 100 %", code="discount_over_100")
        if len(self.reason) > MAX_TEXT:
            raise ValidationError(
                f"discount reason is too long (at most {MAX_TEXT} characters)", code="text_too_long"
            )

    def amount_on(self, base_fen: int) -> int:
        return percent_of(base_fen, self.value) if self.kind == "percent" else self.value


@dataclass(frozen=True)
class CartLine:
    line_id: str
    sku_id: str
    sku_code: str
    name: str
    unit: str
    kind: str
    list_price_fen: int
    unit_price_fen: int
    quantity_milli: int
    barcode: str | None = None
    weighed: bool = False
    #: set when a price-embedded scale label fixes the line amount
    fixed_amount_fen: int | None = None
    price_override_by: str | None = None
    discount: Discount | None = None
    #: the SKU's member price (SPEC §2/§9): the line's price while a member is on the sale
    member_price_fen: int | None = None
    #: serial-tracked goods (SPEC §10): the SKU needs a serial number per unit; such a line is
    #: one unit carrying its ``serial_no``
    serial_tracked: bool = False
    serial_no: str | None = None

    @property
    def gross_fen(self) -> int:
        if self.fixed_amount_fen is not None:
            return self.fixed_amount_fen
        return times_quantity(self.unit_price_fen, self.quantity_milli)

    @property
    def line_discount_fen(self) -> int:
        return self.discount.amount_on(self.gross_fen) if self.discount else 0

    @property
    def mergeable(self) -> bool:
        return (
            not self.weighed
            and not self.serial_tracked
            and self.fixed_amount_fen is None
            and self.price_override_by is None
        )


def validate_quantity(quantity_milli: int, *, weighed: bool) -> None:
    if quantity_milli <= 0:
        raise ValidationError("quantity must be above zero", code="quantity_not_positive")
    if weighed:
        if quantity_milli > MAX_WEIGHT_MILLI:
            raise ValidationError(
                "weight is implausibly large (over 99.999 kg)", code="quantity_absurd"
            )
    else:
        if quantity_milli % PIECE:
            raise ValidationError("this item is sold in whole pieces", code="quantity_fractional")
        if quantity_milli > MAX_PIECES * PIECE:
            raise ValidationError(
                f"quantity is implausibly large (over {MAX_PIECES})", code="quantity_absurd"
            )


@dataclass(frozen=True)
class PricedLine:
    line: CartLine
    gross_fen: int
    line_discount_fen: int
    order_discount_fen: int
    #: this line's share of the coupons (an exchange coupon's whole amount on its item)
    coupon_discount_fen: int = 0

    @property
    def net_fen(self) -> int:
        return (
            self.gross_fen
            - self.line_discount_fen
            - self.order_discount_fen
            - self.coupon_discount_fen
        )


@dataclass(frozen=True)
class CouponTotal:
    """What one applied coupon took off the sale, and from which lines (same order)."""

    coupon: AppliedCoupon
    amount_fen: int
    per_line_fen: tuple[int, ...]


@dataclass(frozen=True)
class CartTotals:
    lines: tuple[PricedLine, ...]
    subtotal_fen: int  # sum of gross
    line_discounts_fen: int
    order_discount_fen: int
    total_fen: int
    coupons: tuple[CouponTotal, ...] = ()

    @property
    def coupon_discount_fen(self) -> int:
        return sum(c.amount_fen for c in self.coupons)

    @property
    def discount_fen(self) -> int:
        return self.line_discounts_fen + self.order_discount_fen + self.coupon_discount_fen

    @property
    def item_count_milli(self) -> int:
        return sum(p.line.quantity_milli for p in self.lines)


@dataclass
class Cart:
    lines: list[CartLine] = field(default_factory=list)
    order_discount: Discount | None = None
    guide_id: str | None = None
    member_id: str | None = None
    #: coupons scanned into the sale, in scan order (each applies to what the previous left)
    coupons: list[AppliedCoupon] = field(default_factory=list)

    # -- building ---------------------------------------------------------------------------
    def add(self, line: CartLine) -> CartLine:
        """Add a line; the same SKU scanned again increments the quantity of its line.

        With a member on the sale, the line is priced at its member price (``set_member``)."""
        validate_quantity(line.quantity_milli, weighed=line.weighed)
        if line.serial_tracked:
            self._check_serial(line)
        line = self._member_priced(line)
        if line.mergeable:
            for i, existing in enumerate(self.lines):
                if (
                    existing.sku_id == line.sku_id
                    and existing.mergeable
                    and existing.discount is None
                ):
                    merged = replace(
                        existing, quantity_milli=existing.quantity_milli + line.quantity_milli
                    )
                    validate_quantity(merged.quantity_milli, weighed=False)
                    self.lines[i] = merged
                    self._check_discounts()
                    return merged
        if len(self.lines) >= MAX_LINES:
            raise ValidationError(f"a sale holds at most {MAX_LINES} lines", code="too_many_lines")
        self.lines.append(line)
        return line

    def _check_serial(self, line: CartLine) -> None:
        if not line.serial_no:
            raise ValidationError(
                f"'{line.name}' is serial-tracked: scan or type its serial number",
                code="serial_required",
                name=line.name,
            )
        if line.quantity_milli != PIECE:
            raise ValidationError(
                "a serial-tracked line is one unit", code="serial_quantity", name=line.name
            )
        for existing in self.lines:
            if existing.sku_id == line.sku_id and existing.serial_no == line.serial_no:
                raise ValidationError(
                    f"serial number {line.serial_no} is already in this sale",
                    code="serial_in_cart",
                    value=line.serial_no,
                )

    def index_of(self, line_id: str) -> int:
        for i, ln in enumerate(self.lines):
            if ln.line_id == line_id:
                return i
        raise ValidationError("that line is no longer in the sale", code="line_missing")

    def set_quantity(self, line_id: str, quantity_milli: int) -> None:
        i = self.index_of(line_id)
        line = self.lines[i]
        if line.fixed_amount_fen is not None:
            raise ValidationError(
                "the quantity of a priced scale label cannot be changed", code="quantity_fixed"
            )
        if line.serial_tracked and quantity_milli != PIECE:
            raise ValidationError(
                "a serial-tracked line is one unit: scan the next unit's serial number instead",
                code="serial_quantity",
                name=line.name,
            )
        validate_quantity(quantity_milli, weighed=line.weighed)
        old = self.lines[i]
        self.lines[i] = replace(line, quantity_milli=quantity_milli)
        try:
            self._check_discounts()
        except ValidationError:
            self.lines[i] = old
            raise

    def remove(self, line_id: str) -> None:
        i = self.index_of(line_id)
        removed = self.lines.pop(i)
        try:
            self._check_discounts()
        except ValidationError:
            self.lines.insert(i, removed)
            raise
        if not self.lines:
            self.order_discount = None
            self.coupons.clear()

    def add_coupon(self, coupon: AppliedCoupon) -> None:
        """Apply a coupon; refused (cart unchanged) if it does not fit or stack."""
        if not self.lines:
            raise ValidationError("scan the items first, then the coupon", code="coupon_empty_sale")
        self.coupons.append(coupon)
        try:
            self._check_discounts()
        except ValidationError:
            self.coupons.pop()
            raise

    def remove_coupon(self, code: str) -> None:
        self.coupons[:] = [c for c in self.coupons if c.code != code]

    # -- the member (SPEC §9) -----------------------------------------------------------------
    def _member_priced(self, line: CartLine) -> CartLine:
        """``line`` at the price it has with the sale's member (or without one).

        A line whose price a manager changed, or whose amount a scale label fixed, keeps it. The
        member price applies only where it is below the line's list price (a store price may
        already be lower); without a member every other line is back at its list price.
        """
        if line.fixed_amount_fen is not None or line.price_override_by is not None:
            return line
        price = line.list_price_fen
        member = line.member_price_fen
        if self.member_id and member is not None and 0 <= member < line.list_price_fen:
            price = member
        return line if price == line.unit_price_fen else replace(line, unit_price_fen=price)

    def set_member(self, member_id: str | None) -> None:
        """Put a member on the sale (their member prices apply) or take them off (``None``).

        Refused, the cart unchanged, if the new prices no longer carry a coupon or a discount
        (a threshold coupon whose threshold the member prices fall below, say).
        """
        old_member, old_lines = self.member_id, list(self.lines)
        self.member_id = member_id or None
        self.lines[:] = [self._member_priced(ln) for ln in self.lines]
        try:
            self._check_discounts()
        except ValidationError:
            self.member_id = old_member
            self.lines[:] = old_lines
            raise

    @property
    def member_saving_fen(self) -> int:
        """What the member prices take off the list prices of the lines (0 without a member)."""
        if not self.member_id:
            return 0
        return sum(
            times_quantity(ln.list_price_fen, ln.quantity_milli) - ln.gross_fen
            for ln in self.lines
            if ln.member_price_fen is not None
            and ln.price_override_by is None
            and ln.fixed_amount_fen is None
            and ln.unit_price_fen == ln.member_price_fen
        )

    def override_price(self, line_id: str, unit_price_fen: int, approved_by: str) -> None:
        if unit_price_fen < 0 or unit_price_fen > MAX_FEN:
            raise ValidationError("price must be zero or more", code="price_range")
        i = self.index_of(line_id)
        line = self.lines[i]
        if line.fixed_amount_fen is not None:
            raise ValidationError("a priced scale label cannot be re-priced", code="price_fixed")
        old = line
        self.lines[i] = replace(line, unit_price_fen=unit_price_fen, price_override_by=approved_by)
        try:
            self._check_discounts()
        except ValidationError:
            self.lines[i] = old
            raise

    def set_line_discount(self, line_id: str, discount: Discount | None) -> None:
        i = self.index_of(line_id)
        old = self.lines[i]
        self.lines[i] = replace(old, discount=discount)
        try:
            self._check_discounts()
        except ValidationError:
            self.lines[i] = old
            raise

    def set_order_discount(self, discount: Discount | None) -> None:
        old = self.order_discount
        self.order_discount = discount
        try:
            self._check_discounts()
        except ValidationError:
            self.order_discount = old
            raise

    # -- pricing ----------------------------------------------------------------------------
    def _check_discounts(self) -> None:
        price_cart(self.lines, self.order_discount, self.coupons)

    def totals(self) -> CartTotals:
        return price_cart(self.lines, self.order_discount, self.coupons)


def price_cart(
    lines: list[CartLine],
    order_discount: Discount | None,
    coupons: list[AppliedCoupon] | tuple[AppliedCoupon, ...] = (),
) -> CartTotals:
    grosses: list[int] = []
    line_discounts: list[int] = []
    for line in lines:
        validate_quantity(line.quantity_milli, weighed=line.weighed)
        gross = line.gross_fen
        ld = line.line_discount_fen
        if ld > gross:
            raise ValidationError(
                f"discount on '{line.name}' ({ld / 100:.2f}) is more than the line ({gross / 100:.2f})",
                code="discount_exceeds_line",
                name=line.name,
            )
        grosses.append(gross)
        line_discounts.append(ld)
    after_lines = [g - d for g, d in zip(grosses, line_discounts, strict=True)]
    base = sum(after_lines)
    od = order_discount.amount_on(base) if order_discount else 0
    if od > base:
        raise ValidationError(
            f"order discount ({od / 100:.2f}) is more than the sale ({base / 100:.2f})",
            code="discount_exceeds_total",
        )
    shares = allocate(od, after_lines) if lines else []
    remaining = [a - s for a, s in zip(after_lines, shares, strict=True)]
    coupon_shares = [0] * len(lines)
    applied: list[CouponTotal] = []
    if coupons:
        has_promotion = order_discount is not None or any(ln.discount for ln in lines)
        check_stacking(list(coupons), has_promotion=has_promotion)
        for coupon in coupons:
            bases = [
                LineBase(ln.sku_id, ln.unit_price_fen, ln.quantity_milli, r)
                for ln, r in zip(lines, remaining, strict=True)
            ]
            parts = coupon_amounts(coupon.rule, bases)
            remaining = [r - p for r, p in zip(remaining, parts, strict=True)]
            coupon_shares = [c + p for c, p in zip(coupon_shares, parts, strict=True)]
            applied.append(CouponTotal(coupon, sum(parts), tuple(parts)))
    priced = tuple(
        PricedLine(line, g, d, s, c)
        for line, g, d, s, c in zip(
            lines, grosses, line_discounts, shares, coupon_shares, strict=True
        )
    )
    subtotal = sum(grosses)
    total = subtotal - sum(line_discounts) - od - sum(coupon_shares)
    if total > MAX_FEN:
        raise ValidationError("the sale total is implausibly large", code="total_absurd")
    return CartTotals(priced, subtotal, sum(line_discounts), od, total, tuple(applied))


def cart_to_dict(cart: Cart) -> dict:
    """A cart as JSON-ready data, for parking a sale (挂单)."""
    from dataclasses import asdict

    return {
        "lines": [asdict(ln) for ln in cart.lines],
        "order_discount": asdict(cart.order_discount) if cart.order_discount else None,
        "guide_id": cart.guide_id,
        "member_id": cart.member_id,
        "coupons": [asdict(c) for c in cart.coupons],
    }


def cart_from_dict(data: dict) -> Cart:
    lines = []
    for ln in data["lines"]:
        d = ln.get("discount")
        lines.append(CartLine(**{**ln, "discount": Discount(**d) if d else None}))
    od = data.get("order_discount")
    return Cart(
        lines=lines,
        order_discount=Discount(**od) if od else None,
        guide_id=data.get("guide_id"),
        member_id=data.get("member_id"),
        coupons=[
            AppliedCoupon(c["code"], CouponRule(**c["rule"])) for c in data.get("coupons") or []
        ],
    )
