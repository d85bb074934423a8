"""Completing a sale (SPEC §3): everything that belongs to it commits in ONE transaction.

The sale, its lines, discounts and payments, the receipt number, the journal entry and the print
job are written together; the receipt prints only after the commit (``print_queue``). Prices are
checked against the terminal's catalog, and the cart is priced again here, so the UI never
decides a total.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import SimpleNamespace

from sqlalchemy import bindparam, insert, literal_column, select
from sqlalchemy.exc import IntegrityError

from shared.db.models import (
    Payment,
    PaymentIntent,
    Sale,
    SaleCardKey,
    SaleDiscount,
    SaleLine,
    Shift,
    Staff,
)
from shared.db.queries import catalog as catalog_q
from shared.db.uow import Prepared, UnitOfWork, Writer
from shared.domain.card_key_crypto import Keyring
from shared.domain.cart import Cart, price_cart
from shared.domain.errors import Conflict, NotFound, PermissionDenied, ValidationError
from shared.domain.ids import new_id_strings
from shared.domain.permissions import Perm, parse_roles, permissions_of
from shared.domain.receipt_no import format_receipt_no, normalise_receipt_no
from shared.domain.tenders import MEMBER_METHODS, Tender, settle
from shared.printing.document import Receipt
from shared.services import card_key_sales, central_holds, journal, print_queue
from shared.services.auth import Actor, require
from shared.services.context import TerminalContext
from shared.services.numbering import _BUMP_RETURNING, next_number
from shared.services.receipts import sale_receipt
from shared.services.refunds import refunded_per_line, refunded_total
from shared.sync import outbox

# built once (bind parameters), Core: the sale's reads and writes skip the ORM unit of work
_shift = Shift.__table__
# 'open' is written into the SQL, not bound: SQLite re-prepares a statement on every run when a
# bound value decides whether a partial index (uq_shift_one_open_per_terminal) applies
_OPEN_SHIFT = select(_shift).where(
    _shift.c.terminal_id == bindparam("terminal_id"), _shift.c.status == literal_column("'open'")
)
_INSERT_SALE = insert(Sale.__table__)
_INSERT_LINE = insert(SaleLine.__table__)
_INSERT_DISCOUNT = insert(SaleDiscount.__table__)
_INSERT_PAYMENT = insert(Payment.__table__)
_payment = Payment.__table__
_TRADE_USED = select(_payment.c.id).where(
    _payment.c.method == bindparam("method"), _payment.c.provider_ref == bindparam("ref")
)
# the same statements, run by the unit of work's writer (straight to SQLite's DBAPI connection)
_P_OPEN_SHIFT = Prepared(_OPEN_SHIFT)
_P_PRICES = Prepared(catalog_q.PRICES)
_P_TRADE_USED = Prepared(_TRADE_USED)
_P_HELD = Prepared(central_holds._HELD)  # held_for's read
#: ``numbering.next_number``'s statement: the receipt counter's UPDATE ... RETURNING
_P_NEXT_RECEIPT = Prepared(_BUMP_RETURNING)
_P_SALE = Prepared(_INSERT_SALE)
_P_LINES = Prepared(_INSERT_LINE)
_P_DISCOUNTS = Prepared(_INSERT_DISCOUNT)
_P_PAYMENTS = Prepared(_INSERT_PAYMENT)
_P_CARD_KEYS = Prepared(insert(SaleCardKey.__table__))
_NOTHING_HELD = central_holds.Held(frozenset(), {})


@dataclass(frozen=True)
class SaleResult:
    sale_id: str
    receipt_no: str
    total_fen: int
    paid_fen: int
    change_fen: int
    print_job_id: str
    receipt: Receipt
    #: the card keys issued, in clear, in line order (for the buyer's receipt and ``--json``)
    card_keys: tuple[str, ...] = ()


def _check_prices(uow: UnitOfWork, w: Writer, ctx: TerminalContext, cart: Cart) -> None:
    """Every line at the catalog's price, at the SKU's member price when a member is on the
    sale (and that price is below the list price), or at a price a manager approved."""
    # catalog_q.prices_with_member, through the writer: SKU id -> (store price, member price)
    rows = w.all(_P_PRICES, {"store_id": ctx.store_id, "sku_ids": [ln.sku_id for ln in cart.lines]})
    current = {sid: (int(p), None if m is None else int(m)) for sid, p, m in rows}
    approvers: set[str] = set()
    for ln in cart.lines:
        if ln.sku_id not in current:
            raise NotFound(f"'{ln.name}' is no longer in the catalog", code="unknown_sku")
        price, member_price = current[ln.sku_id]
        if ln.list_price_fen != price:
            raise Conflict(
                f"the price of '{ln.name}' changed to {price / 100:.2f}: scan it again",
                code="price_changed",
            )
        if ln.price_override_by:
            approvers.add(ln.price_override_by)
        elif ln.fixed_amount_fen is None and ln.unit_price_fen != ln.list_price_fen:
            if cart.member_id and ln.unit_price_fen == ln.member_price_fen:
                if member_price is not None and ln.unit_price_fen == member_price < price:
                    continue  # the member price, as the catalog has it
                raise Conflict(
                    f"the member price of '{ln.name}' changed: scan it again",
                    code="price_changed",
                )
            raise PermissionDenied(
                f"the price of '{ln.name}' was changed without a manager's approval",
                code="override_unapproved",
            )
    for staff_id in approvers:
        staff = uow.session.get(Staff, staff_id)
        if staff is None or Perm.APPROVE not in permissions_of(parse_roles(staff.roles)):
            raise PermissionDenied(
                "a price override was not approved by a manager", code="override_unapproved"
            )


def complete_sale(
    uow: UnitOfWork,
    ctx: TerminalContext,
    actor: Actor,
    cart: Cart,
    tenders: list[Tender],
    *,
    sale_id: str | None = None,
    member_phone: str = "",
    keyring: Keyring | None = None,
) -> SaleResult:
    """Commit the sale. Coupons in ``cart`` and balance/points tenders must have been taken
    centrally for ``sale_id`` first (``central_holds``); ``member_phone``: the member's masked
    phone for the receipt. Card-key lines get their keys from the central hold
    (``card_key_sales.hold_card_keys``) or this terminal's lease, in this transaction;
    ``keyring`` opens them for the receipt."""
    require(actor, Perm.SELL, ctx.store_id)
    if not cart.lines:
        raise ValidationError("the sale has no items", code="empty_sale")
    # the sale's one transaction starts here (BEGIN IMMEDIATE on SQLite); its statements go
    # through the writer: on SQLite straight to the DBAPI connection of that transaction
    w = uow.writer()
    shift = w.mapping(_P_OPEN_SHIFT, {"terminal_id": ctx.terminal_id})
    if shift is None:  # as shifts.require_open_shift says it
        raise Conflict(
            "no shift is open on this terminal: open a shift first", code="no_open_shift"
        )
    _check_prices(uow, w, ctx, cart)
    totals = price_cart(cart.lines, cart.order_discount, cart.coupons)
    settlement = settle(totals.total_fen, tenders)
    _refuse_reused_trades(w, settlement.tenders)
    # the ids of every row the sale writes, made together (one clock read and one urandom call
    # for all of them), in the order the rows were made before: the sale (unless the caller
    # made its id), its lines with their discounts, the order discount, the coupons, the
    # payments, the journal entry, the print job, the outbox message
    ids = iter(new_id_strings((not sale_id) + _rows_with_new_ids(cart, totals, settlement)))
    sale_id = sale_id or next(ids)
    holds = _check_central_holds(uow, w, sale_id, cart, settlement.tenders)

    now = uow.clock.now()
    store_id = ctx.store_id
    business_date = shift["business_date"]
    receipt_no = _next_receipt_no(uow, w, ctx, business_date)
    # the rows, built once: they are written as they are, and the journal payload, the receipt
    # and the outbox message are made from the same values (no ORM objects, no flush)
    sale = {
        "store_id": store_id,
        "id": sale_id,
        "receipt_no": receipt_no,
        "terminal_id": ctx.terminal_id,
        "shift_id": shift["id"],
        "business_date": business_date,
        "cashier_id": actor.staff_id,
        "guide_id": cart.guide_id,
        "member_id": cart.member_id,
        "status": "completed",
        "subtotal_fen": totals.subtotal_fen,
        "discount_fen": totals.discount_fen,
        "total_fen": totals.total_fen,
        "paid_fen": settlement.paid_fen,
        "change_fen": settlement.change_fen,
        "completed_at": now,
    }
    lines: list[dict] = []
    discounts: list[dict] = []
    line_ids: dict[str, str] = {}
    for no, priced in enumerate(totals.lines, start=1):
        ln = priced.line
        line_id = next(ids)
        line_ids[ln.line_id] = line_id
        lines.append(
            {
                "store_id": store_id,
                "id": line_id,
                "sale_id": sale_id,
                "line_no": no,
                "sku_id": ln.sku_id,
                "sku_code": ln.sku_code,
                "name": ln.name,
                "unit": ln.unit,
                "kind": ln.kind,
                "barcode": ln.barcode,
                "weighed": ln.weighed,
                "quantity_milli": ln.quantity_milli,
                "list_price_fen": ln.list_price_fen,
                "unit_price_fen": ln.unit_price_fen,
                "price_override_by": ln.price_override_by,
                "gross_fen": priced.gross_fen,
                "line_discount_fen": priced.line_discount_fen,
                # order-level discounts: the order discount's share and the coupons' shares
                "order_discount_fen": priced.order_discount_fen + priced.coupon_discount_fen,
                "net_fen": priced.net_fen,
                "serial_no": ln.serial_no,
            }
        )
        if ln.price_override_by:
            discounts.append(
                _discount(
                    next(ids),
                    store_id,
                    sale_id,
                    line_id,
                    scope="price_override",
                    kind="price",
                    value=ln.unit_price_fen,
                    amount_fen=(ln.list_price_fen - ln.unit_price_fen) * ln.quantity_milli // 1000,
                    given_by=ln.price_override_by,
                    reason="price override",
                )
            )
        if ln.discount:
            discounts.append(
                _discount(
                    next(ids),
                    store_id,
                    sale_id,
                    line_id,
                    scope="line",
                    kind=ln.discount.kind,
                    value=ln.discount.value,
                    amount_fen=priced.line_discount_fen,
                    given_by=ln.discount.given_by or actor.staff_id,
                    reason=ln.discount.reason,
                )
            )
    if cart.order_discount:
        discounts.append(
            _discount(
                next(ids),
                store_id,
                sale_id,
                None,
                scope="order",
                kind=cart.order_discount.kind,
                value=cart.order_discount.value,
                amount_fen=totals.order_discount_fen,
                given_by=cart.order_discount.given_by or actor.staff_id,
                reason=cart.order_discount.reason,
            )
        )
    for ct in totals.coupons:
        rule = ct.coupon.rule
        only = [i for i, part in enumerate(ct.per_line_fen) if part]
        discounts.append(
            _discount(
                next(ids),
                store_id,
                sale_id,
                lines[only[0]]["id"] if rule.type == "exchange" and only else None,
                scope="coupon",
                kind=rule.type,
                value=ct.amount_fen,
                amount_fen=ct.amount_fen,
                given_by=actor.staff_id,
                reason=rule.name[:200],
                coupon_code=ct.coupon.code,
                funded_by=rule.funded_by,
            )
        )
    payments = [
        {
            "store_id": store_id,
            "id": next(ids),
            "sale_id": sale_id,
            "seq": seq,
            "method": t.method,
            "amount_fen": t.amount_fen,
            "tendered_fen": t.tendered_fen,
            "change_fen": t.change_fen,
            "provider_ref": t.provider_ref,
            "status": "captured",
            "created_at": now,
        }
        for seq, t in enumerate(settlement.tenders, start=1)
    ]
    key_rows, issued = card_key_sales.issue(
        uow,
        ctx,
        keyring,
        sale_id=sale_id,
        lines=[ln for ln in cart.lines if ln.kind == "card_key"],
        line_ids=line_ids,
    )
    w.execute(_P_SALE, sale)
    w.executemany(_P_LINES, lines)
    if key_rows:
        w.executemany(_P_CARD_KEYS, key_rows)
    if discounts:
        w.executemany(_P_DISCOUNTS, discounts)
    try:
        w.executemany(_P_PAYMENTS, payments)
    except IntegrityError as exc:
        if "provider_ref" in str(exc.orig):
            raise Conflict(
                "this payment was already used for another sale", code="duplicate_payment"
            ) from None
        raise
    _settle_intents(uow, sale_id, [t.provider_ref for t in settlement.tenders if t.provider_ref])
    if holds or key_rows:
        central_holds.mark_committed(uow, sale_id)

    # what the journal payload and the receipt read: the sale's attributes, lines and payments
    written = SimpleNamespace(
        **sale,
        lines=[
            SimpleNamespace(
                **r,
                card_keys=tuple(k.text for k in issued if k.sale_line_id == r["id"])
                if issued
                else (),
            )
            for r in lines
        ],
        payments=[SimpleNamespace(**r) for r in payments],
        coupon_rows=[SimpleNamespace(**d) for d in discounts if d["scope"] == "coupon"],
        member_phone=member_phone,
    )
    entry = journal.append_row(
        w,
        at=now,
        terminal_id=ctx.terminal_id,
        store_id=store_id,
        kind="sale",
        document_id=sale_id,
        payload=journal.sale_payload(written),
        entry_id=next(ids),
    )
    # the cashier's name and the coupon rows are given: the receipt reads nothing (no session)
    receipt = sale_receipt(None, ctx, written, cashier=actor.name)
    job_id = print_queue.enqueue(
        w, at=now, doc=receipt, kind="receipt", ref=receipt_no, job_id=next(ids)
    )
    outbox.sale(
        w,
        shift=shift,
        sale=sale,
        lines=lines,
        discounts=discounts,
        payments=payments,
        journal=entry,
        at=now,
        card_keys=key_rows,
        msg_id=next(ids),
    )
    uow.commit()
    return SaleResult(
        sale_id,
        receipt_no,
        totals.total_fen,
        settlement.paid_fen,
        settlement.change_fen,
        job_id,
        receipt,
        tuple(k.text for k in issued),
    )


def _rows_with_new_ids(cart: Cart, totals, settlement) -> int:
    """How many ids ``complete_sale`` makes after the sale's own: its lines, discounts and
    payments, the journal entry, the print job and the outbox message."""
    per_line = sum(1 + bool(p.line.price_override_by) + bool(p.line.discount) for p in totals.lines)
    return per_line + bool(cart.order_discount) + len(totals.coupons) + len(settlement.tenders) + 3


def _discount(id_: str, store_id: str, sale_id: str, line_id: str | None, **values) -> dict:
    # every row carries every column: one executemany statement for all of them
    return {
        "store_id": store_id,
        "id": id_,
        "sale_id": sale_id,
        "line_id": line_id,
        "coupon_code": None,
        "funded_by": None,
        **values,
    }


def _next_receipt_no(uow: UnitOfWork, w: Writer, ctx: TerminalContext, day) -> str:
    """``numbering.next_number`` for the sale: its ``UPDATE ... RETURNING`` through the writer
    when the dialect has it and the day's counter exists; otherwise (the day's first sale, an
    old SQLite) ``next_number`` itself."""
    if w.dialect.update_returning:
        seq = w.scalar(
            _P_NEXT_RECEIPT, {"k_terminal_id": ctx.terminal_id, "k_day": day, "k_series": "S"}
        )
        if seq is not None:
            return format_receipt_no(day, ctx.number, seq, refund=False)
    return next_number(
        uow.session, terminal_id=ctx.terminal_id, terminal_number=ctx.number, day=day, series="S"
    )


def _check_central_holds(
    uow: UnitOfWork, w: Writer, sale_id: str, cart: Cart, tenders
) -> central_holds.Held:
    """Coupons and member payments are decided centrally before the sale commits: each must be
    held for THIS sale (``central_holds``), and everything held for it must be in it — the holds
    are marked committed with the sale, so nothing taken centrally may be left out of it."""
    # central_holds.held_for's read, through the writer; nearly always nothing is held
    holds = (
        central_holds.held_for(uow, sale_id)
        if w.first(_P_HELD, {"sale_id": sale_id})
        else _NOTHING_HELD
    )
    held = holds.coupons
    in_cart = {c.code for c in cart.coupons}
    for c in cart.coupons:
        if c.code not in held:
            raise Conflict(
                f"coupon '{c.rule.name}' was not redeemed for this sale: scan it again",
                code="coupon_not_held",
                name=c.rule.name,
            )
    if held - in_cart:
        raise Conflict(
            "a coupon taken off this sale is still redeemed for it: take the payment again",
            code="coupon_hold_stale",
        )
    member = [t for t in tenders if t.method in MEMBER_METHODS]
    if member and not cart.member_id:
        raise ValidationError(
            "a balance or points payment needs the member on the sale", code="member_required"
        )
    held_pay = holds.member_payments
    for t in member:
        if held_pay.get(t.provider_ref or "") != (t.method, t.amount_fen):
            raise Conflict(
                f"the {t.method} payment was not taken for this sale", code="member_pay_not_held"
            )
    if set(held_pay) - {t.provider_ref for t in member}:
        raise Conflict(
            "a member payment taken for this sale is missing from its payments",
            code="member_pay_missing",
        )
    return holds


def _refuse_reused_trades(w: Writer, tenders) -> None:
    for t in tenders:
        if t.provider_ref and w.first(_P_TRADE_USED, {"method": t.method, "ref": t.provider_ref}):
            raise Conflict(
                f"{t.method} trade {t.provider_ref} already paid another sale",
                code="duplicate_payment",
            )


def _settle_intents(uow: UnitOfWork, sale_id: str, refs: list[str]) -> None:
    if not refs:
        return
    with uow.session.no_autoflush:
        found = uow.session.scalars(
            select(PaymentIntent).where(
                PaymentIntent.sale_id == sale_id, PaymentIntent.provider_trade_no.in_(refs)
            )
        ).all()
    for intent in found:
        intent.status = "paid"


@dataclass(frozen=True)
class SoldLine:
    line_id: str
    name: str
    sku_code: str
    kind: str
    weighed: bool
    quantity_milli: int
    refunded_milli: int
    unit_price_fen: int
    net_fen: int

    @property
    def refundable_milli(self) -> int:
        return 0 if self.kind == "card_key" else self.quantity_milli - self.refunded_milli


@dataclass(frozen=True)
class SaleView:
    sale_id: str
    receipt_no: str
    completed_at: str
    total_fen: int
    lines: tuple[SoldLine, ...]
    payments: tuple[tuple[str, int], ...]
    refunded_fen: int


def find_sale(uow: UnitOfWork, ctx: TerminalContext, receipt_no: str) -> SaleView:
    number = normalise_receipt_no(receipt_no)
    if number.startswith("R"):
        raise ValidationError(f"{number} is a refund slip, not a sale receipt", code="is_refund_no")
    s = uow.session
    sale = s.scalars(select(Sale).where(Sale.receipt_no == number)).first()
    if sale is None:
        raise NotFound(
            f"no sale with receipt number {number} at this terminal", code="unknown_receipt"
        )
    if sale.store_id != ctx.store_id:
        raise ValidationError(f"receipt {number} belongs to another store", code="other_store")
    done = refunded_per_line(s, sale)
    return SaleView(
        sale.id,
        sale.receipt_no,
        sale.completed_at.isoformat(),
        sale.total_fen,
        tuple(
            SoldLine(
                ln.id,
                ln.name,
                ln.sku_code,
                ln.kind,
                ln.weighed,
                ln.quantity_milli,
                done.get(ln.id, (0, 0))[0],
                ln.unit_price_fen,
                ln.net_fen,
            )
            for ln in sale.lines
        ),
        tuple((p.method, p.amount_fen) for p in sale.payments),
        refunded_total(s, sale),
    )
