"""Coupons at the counter without Qt, through the counter's backend (``pos.backend``) and the
services it calls, on SQLite and PostgreSQL: a coupon is held centrally for the sale before any
money, committed with it, given back when the payment is abandoned; and of eight counters racing
for one single-use coupon exactly one gets it, the others are told before they take money."""

from __future__ import annotations

import threading
from dataclasses import dataclass

import pytest
from sqlalchemy import func, select

from pos.backend import CounterBackend
from shared.db.models import CentralHold, CouponInstance, Sale, SaleDiscount, Verification
from shared.db.uow import Database
from shared.domain.cart import Cart
from shared.domain.errors import Conflict, DomainError
from shared.domain.ids import new_id
from shared.domain.tenders import Tender
from shared.services import catalog, shifts, verification
from shared.services.auth import Actor
from shared.services.context import TerminalContext, load_terminal
from shared.services.payment_provider import SimulatedProvider
from shared.services.terminal_setup import register
from shared.services.verification import VerificationOffline, VerificationRefused
from shared.sync.gateway import InProcessGateway
from tests.support.counter import Counter
from tests.support.coupons import issue, make_coupon

MISSING_CENTRAL = "sqlite:////nonexistent-storedesk/central.db"
RACERS = 8


def _backend(db: Database, ctx: TerminalContext, central: Database | None) -> CounterBackend:
    return CounterBackend(
        db,
        ctx,
        provider=SimulatedProvider(),
        central=(lambda: InProcessGateway(central)) if central is not None else None,
    )


@pytest.fixture
def door(counter) -> CounterBackend:
    """The counter's backend over the test's terminal, with a gateway to its central database."""
    return _backend(counter.db, counter.ctx, counter.central)


def _cart(db: Database, ctx: TerminalContext, over_fen: int) -> Cart:
    """A cart of one demo item, enough of it to pass ``over_fen``."""
    with db.reader() as uow:
        line = catalog.scan(uow, ctx, "P000010")
    cart = Cart()
    cart.add(line)
    qty = over_fen // line.unit_price_fen + 1
    cart.set_quantity(cart.lines[0].line_id, qty * 1000)
    return cart


def _state(central: Database, code: str) -> str:
    with central.reader() as uow:
        return uow.session.scalars(
            select(CouponInstance.state).where(CouponInstance.code == code)
        ).one()


def _count(db: Database, model, *where) -> int:
    with db.reader() as uow:
        return uow.session.scalar(select(func.count()).select_from(model).where(*where))


def _pay_cash(backend: CounterBackend, actor: Actor, cart: Cart, sale_id: str):
    total = cart.totals().total_fen
    return backend.complete_sale(actor, cart, [Tender("cash", total)], sale_id, "")


def test_hold_then_complete(counter, door):
    code = issue(
        counter.central,
        make_coupon(counter.central, name="满30减6", threshold_fen=3000, amount_off_fen=600),
    )[0]
    counter.open_shift()
    cart = _cart(counter.db, counter.ctx, 3000)
    gross = cart.totals().total_fen
    cart.add_coupon(door.check_coupon(counter.cashier, code))
    assert cart.totals().total_fen == gross - 600
    assert _state(counter.central, code) == "unused"  # checked, not redeemed

    sale_id = str(new_id())
    door.hold_coupons(counter.cashier, sale_id, cart)
    assert _state(counter.central, code) == "used"  # before any money is taken
    result = _pay_cash(door, counter.cashier, cart, sale_id)
    assert result.sale_id == sale_id and result.total_fen == gross - 600
    assert [(c.name, c.amount_fen) for c in result.receipt.coupons] == [("满30减6", 600)]

    with counter.db.reader() as uow:
        row = uow.session.scalars(select(SaleDiscount).where(SaleDiscount.scope == "coupon")).one()
        assert (row.sale_id, row.coupon_code, row.amount_fen) == (sale_id, code, 600)
    assert _count(counter.db, CentralHold, CentralHold.status == "committed") == 1
    with counter.central.reader() as uow:
        v = uow.session.scalars(select(Verification).where(Verification.code == code)).one()
        assert (v.sale_id, v.status, v.amount_fen) == (sale_id, "done", 600)
    # the sale committed: going back is no longer possible, and nothing is released
    with pytest.raises(Conflict) as exc:
        door.release_sale(sale_id)
    assert exc.value.code == "sale_committed"
    assert _state(counter.central, code) == "used"


def test_hold_then_abandon_gives_the_coupon_back(counter, door):
    code = issue(counter.central, make_coupon(counter.central))[0]
    counter.open_shift()
    cart = _cart(counter.db, counter.ctx, 2500)
    cart.add_coupon(door.check_coupon(counter.cashier, code))
    sale_id = str(new_id())
    door.hold_coupons(counter.cashier, sale_id, cart)
    assert _state(counter.central, code) == "used"

    gone = door.abandon_sale(sale_id)  # Esc in the payment dialog
    assert (gone.intents, gone.released, gone.still_held) == ([], 1, 0)
    assert _state(counter.central, code) == "unused"
    assert _count(counter.db, CentralHold, CentralHold.status == "released") == 1
    assert _count(counter.db, Sale) == 0
    with counter.central.reader() as uow:
        assert (
            uow.session.scalars(select(Verification.status).where(Verification.code == code)).one()
            == "released"
        )

    # paying again (a new payment dialog, a new sale id) redeems it again and completes
    again = str(new_id())
    door.hold_coupons(counter.cashier, again, cart)
    _pay_cash(door, counter.cashier, cart, again)
    assert _state(counter.central, code) == "used"


def test_complete_sale_refuses_a_coupon_not_held_for_that_sale(counter, door):
    code = issue(counter.central, make_coupon(counter.central))[0]
    counter.open_shift()
    cart = _cart(counter.db, counter.ctx, 2500)
    cart.add_coupon(door.check_coupon(counter.cashier, code))
    with pytest.raises(Conflict) as exc:
        _pay_cash(door, counter.cashier, cart, str(new_id()))
    assert exc.value.code == "coupon_not_held"
    # held for one sale, it does not pay another
    held_for = str(new_id())
    door.hold_coupons(counter.cashier, held_for, cart)
    with pytest.raises(Conflict) as exc:
        _pay_cash(door, counter.cashier, cart, str(new_id()))
    assert exc.value.code == "coupon_not_held"
    assert _count(counter.db, Sale) == 0


def test_a_coupon_redeemed_elsewhere_after_the_scan_is_refused_before_payment(counter, door):
    code = issue(counter.central, make_coupon(counter.central))[0]
    counter.open_shift()
    cart = _cart(counter.db, counter.ctx, 2500)
    cart.add_coupon(door.check_coupon(counter.cashier, code))
    # meanwhile the verifier station redeems it
    verification.redeem(
        counter.db,
        InProcessGateway(counter.central),
        counter.ctx,
        counter.actor("verifier01"),
        code,
    )
    with pytest.raises(VerificationRefused) as exc:
        door.hold_coupons(counter.cashier, str(new_id()), cart)
    assert exc.value.code == "already_redeemed"
    assert exc.value.details["coupon_code"] == code  # the screen takes this one off the sale
    assert exc.value.details["store"] == "S01" and exc.value.details["local_time"]
    assert _count(counter.db, CentralHold, CentralHold.status.in_(("pending", "held"))) == 0


def test_the_refused_one_of_two_coupons_is_named(counter, door):
    coupon_id = make_coupon(counter.central, stackable=True)
    first, second = issue(counter.central, coupon_id, 2)
    counter.open_shift()
    cart = _cart(counter.db, counter.ctx, 5000)
    for code in (first, second):
        cart.add_coupon(door.check_coupon(counter.cashier, code))
    other = str(new_id())
    door.hold_coupons(counter.cashier, other, Cart(lines=cart.lines, coupons=[cart.coupons[1]]))
    with pytest.raises(VerificationRefused) as exc:
        door.hold_coupons(counter.cashier, str(new_id()), cart)
    assert exc.value.details["coupon_code"] == second
    assert _state(counter.central, first) == "unused"  # all or nothing: the first went back


def test_offline_a_coupon_is_refused_and_selling_goes_on(counter):
    code = issue(counter.central, make_coupon(counter.central))[0]
    counter.open_shift()
    for door in (
        _backend(counter.db, counter.ctx, None),  # no central database configured
        CounterBackend(
            counter.db,
            counter.ctx,
            provider=SimulatedProvider(),
            central=lambda: InProcessGateway.for_url(MISSING_CENTRAL),
        ),
    ):
        with pytest.raises(VerificationOffline) as exc:
            door.check_coupon(counter.cashier, code)
        assert str(exc.value) == "verification needs a connection to head office"
        with pytest.raises(VerificationOffline):
            door.find_member(counter.cashier, "13900000009")
        cart = _cart(counter.db, counter.ctx, 100)
        assert door.release_sale(str(new_id())) == 0
        _pay_cash(door, counter.cashier, cart, str(new_id()))  # no coupon: sold as usual
    assert _count(counter.db, Sale) == 2


# -- the race ---------------------------------------------------------------------------------


@dataclass
class Racer:
    db: Database
    ctx: TerminalContext
    actor: Actor
    backend: CounterBackend
    sale_id: str
    outcome: object = None


def test_eight_counters_race_for_one_coupon(counter, make_db):
    """Eight terminals of S01, each its own database registered with the same central one, hold
    the same single-use coupon at the same moment: one gets it, seven hear "already redeemed
    at ... by ... at ..." before taking any money, and only the winner's sale has the discount."""
    code = issue(counter.central, make_coupon(counter.central))[0]
    racers: list[Racer] = []
    for number in range(2, 2 + RACERS):
        local = make_db()
        register(
            local,
            InProcessGateway(counter.central),
            store_code="S01",
            number=number,
            central_url="test://central",
        )
        with local.reader() as uow:
            ctx = load_terminal(uow)
        actor = Counter(counter.central, local, ctx, counter.demo, None, None).actor("cashier01")  # type: ignore[arg-type]
        with local.uow() as uow:
            shifts.open_shift(uow, ctx, actor, 10_000)
        racers.append(
            Racer(local, ctx, actor, _backend(local, ctx, counter.central), str(new_id()))
        )
    carts = []
    for r in racers:
        cart = _cart(r.db, r.ctx, 2500)
        cart.add_coupon(r.backend.check_coupon(r.actor, code))  # every counter scanned it
        carts.append(cart)

    barrier = threading.Barrier(RACERS)

    def race(r: Racer, cart: Cart) -> None:
        barrier.wait()
        try:
            r.backend.hold_coupons(r.actor, r.sale_id, cart)
            r.outcome = "held"
        except DomainError as exc:
            r.outcome = exc

    threads = [
        threading.Thread(target=race, args=(r, c)) for r, c in zip(racers, carts, strict=True)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    winners = [r for r in racers if r.outcome == "held"]
    losers = [r for r in racers if r.outcome != "held"]
    assert len(winners) == 1 and len(losers) == RACERS - 1
    winner = winners[0]
    for r in losers:
        exc = r.outcome
        assert isinstance(exc, VerificationRefused), exc
        assert exc.code == "already_redeemed"
        assert exc.details["store"] == "S01" and exc.details["verifier"]
        assert exc.details["local_time"]
        assert _count(r.db, CentralHold, CentralHold.status.in_(("pending", "held"))) == 0

    # the winner pays; the others take the coupon off and sell at full price
    for r, cart in zip(racers, carts, strict=True):
        if r is not winner:
            cart.remove_coupon(code)
        _pay_cash(r.backend, r.actor, cart, r.sale_id)
    with counter.central.reader() as uow:
        done = uow.session.scalars(
            select(Verification).where(Verification.code == code, Verification.status == "done")
        ).all()
        assert [v.sale_id for v in done] == [winner.sale_id]
    discounted = [
        r for r in racers if _count(r.db, SaleDiscount, SaleDiscount.scope == "coupon") == 1
    ]
    assert discounted == [winner]
    assert _state(counter.central, code) == "used"
