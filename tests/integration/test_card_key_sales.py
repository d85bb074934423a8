"""Card keys sold at the counter (SPEC §7) on SQLite and PostgreSQL centrals: online from the pool
(reserved before payment, a retry gets the same keys, given back when the sale is abandoned or
the counter crashed), offline from the terminal's lease, bound to the sale's lines when it lands,
printed on the receipt, and never issued twice. The demo pools: K001 (40 keys), K002 (30, with
passwords), K003 (20), K004 (none)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select, update

from shared.db.models import (
    CardKey,
    CardKeyLease,
    CentralHold,
    LeasedCardKey,
    SaleCardKey,
    SyncException,
    Terminal,
)
from shared.domain.card_key_crypto import Keyring
from shared.domain.cart import Cart
from shared.domain.errors import Conflict, ValidationError
from shared.domain.tenders import Tender
from shared.printing import render_escpos
from shared.services import card_key_sales, central_holds, sales
from shared.services.sync_status import run_once
from shared.sync import card_key_issue
from shared.sync.errors import CentralUnreachable
from shared.sync.gateway import InProcessGateway
from tests.support.counter import make_counter
from tests.unit.printing.escpos_text import read_escpos


@pytest.fixture
def keyring() -> Keyring:
    return Keyring.parse(Keyring.new_entry(1))


@pytest.fixture
def shop(make_db, keyring):
    counter = make_counter(make_db(), make_db(), keyring=keyring)
    counter.open_shift()
    return counter


class Offline:
    """Head office unreachable: every call fails as a cut connection does."""

    def __getattr__(self, name):
        def call(*args, **kwargs):
            raise CentralUnreachable("connection refused")

        return call


def _states(shop, code: str) -> dict[str, int]:
    with shop.central.reader() as uow:
        rows = uow.session.execute(
            select(CardKey.state, func.count())
            .join_from(CardKey, _sku_table(), _sku_table().c.id == CardKey.sku_id)
            .where(_sku_table().c.code == code)
            .group_by(CardKey.state)
        ).all()
    return {s: int(n) for s, n in rows}


def _sku_table():
    from shared.db.models import Sku

    return Sku.__table__


def _sell(shop, cart: Cart, keyring, gateway, sale_id=None):
    from shared.domain.ids import new_id

    sale_id = sale_id or str(new_id())
    card_key_sales.hold_card_keys(
        shop.db, gateway, shop.ctx, shop.cashier, sale_id=sale_id, cart=cart
    )
    with shop.db.uow() as uow:
        return sales.complete_sale(
            uow,
            shop.ctx,
            shop.cashier,
            cart,
            [Tender("cash", cart.totals().total_fen)],
            sale_id=sale_id,
            keyring=keyring,
        )


def test_online_a_sale_gets_one_key_per_unit_printed_and_bound_when_it_lands(shop, keyring):
    gw = InProcessGateway(shop.central)
    cart = shop.cart("K001", "P000006")
    cart.add(shop.line("K002", 2000))
    sold = _sell(shop, cart, keyring, gw)
    assert len(sold.card_keys) == 3 and len(set(sold.card_keys)) == 3
    # K002 keys are card_no,password pairs
    assert sum("," in k for k in sold.card_keys) == 2
    printed = "\n".join(read_escpos(render_escpos(sold.receipt)).lines)
    for key in sold.card_keys:
        assert key in printed
    assert _states(shop, "K001") == {"available": 39, "reserved": 1}
    run_once(shop.db, gw)
    run_once(shop.db, gw)  # a second round moves nothing
    assert _states(shop, "K001") == {"available": 39, "sold": 1}
    assert _states(shop, "K002") == {"available": 28, "sold": 2}
    with shop.central.reader() as uow:
        keys = uow.session.scalars(select(CardKey).where(CardKey.state == "sold")).all()
        bound = uow.session.scalars(select(SaleCardKey)).all()
        assert {k.id for k in keys} == {b.card_key_id for b in bound}
        assert {(k.sale_id, k.line_key, k.unit_no) for k in keys} == {
            (sold.sale_id, b.sale_line_id, b.unit_no) for b in bound
        }
        texts = {keyring.open(bytes(k.secret), k.id, k.key_version) for k in keys}
        assert texts == set(sold.card_keys)
        assert not uow.session.scalars(select(SyncException)).all()
    with shop.db.reader() as uow:
        assert uow.session.scalar(
            select(func.count()).select_from(CentralHold).where(CentralHold.status == "committed")
        )


def test_a_retry_gets_the_same_keys_and_an_abandoned_sale_gives_them_back(shop):
    gw = InProcessGateway(shop.central)
    cart = shop.cart("K003", "K003")  # 2 units on one line
    sale_id = "01a2a000-0000-7000-8000-000000000001"
    for _ in range(2):
        card_key_sales.hold_card_keys(
            shop.db, gw, shop.ctx, shop.cashier, sale_id=sale_id, cart=cart
        )
    with shop.db.reader() as uow:
        holds = uow.session.execute(
            select(CentralHold.status, CentralHold.detail).where(CentralHold.kind == "card_key")
        ).all()
    (detail,) = [d for status, d in holds if status == "held"]
    assert len(detail["keys"]) == 2
    assert _states(shop, "K003") == {"available": 18, "reserved": 2}
    assert central_holds.release_sale(shop.db, gw, sale_id) == 1
    assert _states(shop, "K003") == {"available": 20}


def test_sold_out_is_refused_before_payment_and_reserves_nothing(shop, keyring):
    gw = InProcessGateway(shop.central)
    with pytest.raises(ValidationError) as exc:
        _sell(shop, shop.cart("K004"), keyring, gw)
    assert exc.value.code == "card_key_sold_out"
    assert "sold out" in exc.value.message
    cart = Cart()
    cart.add(shop.line("K003", 21_000))
    with pytest.raises(ValidationError) as exc:
        _sell(shop, cart, keyring, gw)
    assert exc.value.code == "card_key_sold_out"
    assert exc.value.details["available"] == 20
    assert _states(shop, "K003") == {"available": 20}


def test_the_stock_setting_caps_what_can_be_sold(shop, keyring):
    gw = InProcessGateway(shop.central)
    with shop.central.uow() as uow:
        from shared.db.models import CardKeyPool, Sku

        sku_id = uow.session.scalar(select(Sku.id).where(Sku.code == "K003"))
        uow.session.execute(
            update(CardKeyPool).where(CardKeyPool.sku_id == sku_id).values(stock_setting=1)
        )
        uow.commit()
    with shop.central.reader() as uow:
        assert card_key_issue.sellable(uow.session, [sku_id], uow.clock.now())[sku_id] == {
            "available": 20,
            "stock_setting": 1,
            "sellable": 1,
        }
    _sell(shop, shop.cart("K003"), keyring, gw)
    with pytest.raises(ValidationError) as exc:
        _sell(shop, shop.cart("K003"), keyring, gw)
    assert exc.value.code == "card_key_sold_out"


def test_a_counter_that_crashed_after_the_reservation_loses_no_key(shop):
    gw = InProcessGateway(shop.central)
    sale_id = "01a2a000-0000-7000-8000-000000000002"
    card_key_sales.hold_card_keys(
        shop.db, gw, shop.ctx, shop.cashier, sale_id=sale_id, cart=shop.cart("K001")
    )
    assert _states(shop, "K001") == {"available": 39, "reserved": 1}
    # the counter died before the sale committed; after the restart its sweep gives it back
    assert central_holds.sweep(shop.db, gw, older_than=timedelta(0)) == 1
    assert _states(shop, "K001") == {"available": 40}


def test_a_reservation_that_ran_out_goes_back_only_after_the_terminal_pushed(shop, keyring, clock):
    """The central sweeper must not give back a key whose sale may be committed on a counter
    that has not pushed since: it waits for a push after the reservation ran out."""
    gw = InProcessGateway(shop.central)
    sale_id = "01a2a000-0000-7000-8000-000000000003"
    card_key_sales.hold_card_keys(
        shop.db, gw, shop.ctx, shop.cashier, sale_id=sale_id, cart=shop.cart("K001")
    )
    clock.advance(minutes=45)
    with shop.central.uow() as uow:
        assert card_key_issue.sweep(uow.session, uow.clock.now())["released"] == 0
        uow.commit()
    assert _states(shop, "K001") == {"available": 39, "reserved": 1}
    # the counter can no longer use the hold for a sale
    with shop.db.uow() as uow, pytest.raises(Conflict) as exc:
        cart = shop.cart("K001")
        sales.complete_sale(
            uow,
            shop.ctx,
            shop.cashier,
            cart,
            [Tender("cash", cart.totals().total_fen)],
            sale_id=sale_id,
            keyring=keyring,
        )
    assert exc.value.code == "card_key_hold_expired"
    run_once(shop.db, gw)  # the terminal pushes (nothing); the push sweeps
    assert _states(shop, "K001") == {"available": 40}


def test_a_sale_committed_in_time_and_pushed_late_keeps_its_key(shop, keyring, clock):
    gw = InProcessGateway(shop.central)
    sold = _sell(shop, shop.cart("K001"), keyring, gw)
    clock.advance(hours=3)  # offline for hours, then back
    with shop.central.uow() as uow:
        card_key_issue.sweep(uow.session, uow.clock.now())
        uow.commit()
    assert _states(shop, "K001") == {"available": 39, "reserved": 1}
    run_once(shop.db, gw)
    assert _states(shop, "K001") == {"available": 39, "sold": 1}
    with shop.central.reader() as uow:
        key = uow.session.scalars(select(CardKey).where(CardKey.state == "sold")).one()
        assert keyring.open(bytes(key.secret), key.id, key.key_version) == sold.card_keys[0]


def test_offline_the_sale_is_served_from_the_lease_and_refused_without_one(shop, keyring):
    gw = InProcessGateway(shop.central)
    with pytest.raises(ValidationError) as exc:
        _sell(shop, shop.cart("K001"), keyring, Offline())
    assert exc.value.code == "card_key_unavailable"
    assert "lease has 0 left" in exc.value.message

    got = card_key_sales.lease_keys(shop.db, gw, shop.ctx, shop.manager, "K001", 3)
    assert (got.received, got.available) == (3, 3)
    assert _states(shop, "K001") == {"available": 37, "reserved": 3}
    cart = Cart()
    cart.add(shop.line("K001", 2000))
    sold = _sell(shop, cart, keyring, Offline())
    assert len(set(sold.card_keys)) == 2
    with shop.db.reader() as uow:
        assert (
            uow.session.scalar(select(func.count()).where(LeasedCardKey.state == "available")) == 1
        )
    run_once(shop.db, gw)
    assert _states(shop, "K001") == {"available": 37, "reserved": 1, "sold": 2}
    # the unsold leased key goes back to the pool (退库)
    assert card_key_sales.return_lease(shop.db, gw, shop.ctx, shop.manager, "K001") == 1
    assert _states(shop, "K001") == {"available": 38, "sold": 2}
    with shop.central.reader() as uow:
        assert uow.session.scalars(select(CardKeyLease.state)).all() == ["returned"]
    # a cashier may not ask for a lease
    from shared.domain.errors import PermissionDenied

    with pytest.raises(PermissionDenied):
        card_key_sales.lease_keys(shop.db, gw, shop.ctx, shop.cashier, "K001", 1)


def test_two_offline_terminals_with_leases_never_sell_the_same_key(make_db, keyring):
    central = make_db()
    first = make_counter(central, make_db(), keyring=keyring)
    second = make_counter(central, make_db(), keyring=keyring, number=2)
    sold = []
    for counter in (first, second):
        counter.open_shift()
        gw = InProcessGateway(central)
        card_key_sales.lease_keys(counter.db, gw, counter.ctx, counter.manager, "K002", 3)
    for counter in (first, second):  # both offline now
        cart = Cart()
        cart.add(counter.line("K002", 3000))
        sold.extend(_sell(counter, cart, keyring, Offline()).card_keys)
    for counter in (first, second):
        run_once(counter.db, InProcessGateway(central))
    assert len(sold) == len(set(sold)) == 6
    with central.reader() as uow:
        keys = uow.session.scalars(select(CardKey).where(CardKey.state == "sold")).all()
        assert len(keys) == 6 and len({(k.sale_id, k.line_key, k.unit_no) for k in keys}) == 6
        assert not uow.session.scalars(select(SyncException)).all()


def test_a_lost_terminal_lease_is_quarantined_and_never_reissued(shop, keyring, clock):
    gw = InProcessGateway(shop.central)
    card_key_sales.lease_keys(shop.db, gw, shop.ctx, shop.manager, "K003", 4)
    with shop.central.uow() as uow:
        n = card_key_issue.quarantine(
            uow.session, uow.clock.now(), shop.ctx.terminal_id, None, "counter stolen"
        )
        uow.commit()
    assert n == 1
    clock.advance(days=30)
    with shop.central.uow() as uow:
        uow.session.execute(
            update(Terminal)
            .where(Terminal.id == shop.ctx.terminal_id)
            .values(last_push_at=uow.clock.now())
        )
        card_key_issue.sweep(uow.session, uow.clock.now())
        uow.commit()
    assert _states(shop, "K003") == {"available": 16, "reserved": 4}
    with pytest.raises(Exception) as exc:  # giving them back needs head office's decision
        card_key_sales.return_lease(shop.db, gw, shop.ctx, shop.manager, "K003")
    assert getattr(exc.value, "code", "") == "lease_quarantined"
    assert _states(shop, "K003") == {"available": 16, "reserved": 4}


def test_an_expired_lease_goes_back_after_the_terminal_pushed(shop, keyring, clock):
    gw = InProcessGateway(shop.central)
    card_key_sales.lease_keys(shop.db, gw, shop.ctx, shop.manager, "K003", 2)
    clock.advance(days=8)
    # the counter no longer sells from it
    with pytest.raises(ValidationError) as exc:
        _sell(shop, shop.cart("K003"), keyring, Offline())
    assert exc.value.code == "card_key_unavailable"
    run_once(shop.db, gw)
    assert _states(shop, "K003") == {"available": 20}
    with shop.central.reader() as uow:
        assert uow.session.scalars(select(CardKeyLease.state)).all() == ["expired"]


def test_card_key_lines_are_not_refundable(shop, keyring):
    from shared.services import refunds

    sold = _sell(shop, shop.cart("K001"), keyring, InProcessGateway(shop.central))
    with shop.db.uow() as uow:
        view = sales.find_sale(uow, shop.ctx, sold.receipt_no)
        with pytest.raises(ValidationError) as exc:
            refunds.refund(
                uow,
                shop.ctx,
                shop.cashier,
                sold.receipt_no,
                [refunds.RefundItem(view.lines[0].line_id, 1000)],
            )
    assert exc.value.code == "card_key_not_refundable"


def test_a_counter_without_the_encryption_key_refuses_before_committing(shop):
    gw = InProcessGateway(shop.central)
    cart = shop.cart("K001")
    with pytest.raises(ValidationError) as exc:
        _sell(shop, cart, None, gw)
    assert exc.value.code == "card_key_no_key"
    with shop.db.reader() as uow:
        from shared.db.models import Sale

        assert uow.session.scalar(select(func.count()).select_from(Sale)) == 0


def test_a_manager_replaces_a_key_that_does_not_work(shop, keyring):
    from shared.db.models import AuditEntry
    from shared.domain.errors import Conflict, PermissionDenied
    from shared.services import card_keys

    gw = InProcessGateway(shop.central)
    sold = _sell(shop, shop.cart("K001"), keyring, gw)
    run_once(shop.db, gw)
    with shop.central.reader() as uow:
        old = uow.session.scalars(select(CardKey).where(CardKey.state == "sold")).one()
        old_id, binding = old.id, (old.sale_id, old.line_key, old.unit_no)
    with shop.central.uow() as uow, pytest.raises(PermissionDenied):
        card_keys.replace_key(uow, shop.cashier, keyring, old_id, "does not activate")
    with shop.central.uow() as uow, pytest.raises(ValidationError):
        card_keys.replace_key(uow, shop.manager, keyring, old_id, "  ")
    with shop.central.uow() as uow:
        new_id, text = card_keys.replace_key(
            uow, shop.manager, keyring, old_id, "does not activate"
        )
    assert text != sold.card_keys[0]
    with shop.central.reader() as uow:
        old = uow.session.get(CardKey, old_id)
        new = uow.session.get(CardKey, new_id)
        assert (old.state, old.void_reason, old.replaced_by) == (
            "void",
            "does not activate",
            new_id,
        )
        assert (new.state, (new.sale_id, new.line_key, new.unit_no)) == ("sold", binding)
        assert keyring.open(bytes(new.secret), new.id, new.key_version) == text
        actions = uow.session.scalars(
            select(AuditEntry.action).where(
                AuditEntry.action.in_(("card_keys.void", "card_keys.replace"))
            )
        ).all()
        assert sorted(actions) == ["card_keys.replace", "card_keys.void"]
    # a void key cannot be replaced again
    with shop.central.uow() as uow, pytest.raises(Conflict) as exc:
        card_keys.replace_key(uow, shop.manager, keyring, old_id, "again")
    assert exc.value.code == "card_key_not_sold"


def test_the_reservation_timeout_is_set_per_pool(shop, clock):
    from shared.services import card_keys

    with shop.central.uow() as uow, pytest.raises(ValidationError) as exc:
        card_keys.set_reserve_minutes(uow, shop.manager, "K001", 2)
    assert exc.value.code == "minutes_range"
    with shop.central.uow() as uow:
        card_keys.set_reserve_minutes(uow, shop.manager, "K001", 45)
    sale_id = "01a2a000-0000-7000-8000-000000000009"
    card_key_sales.hold_card_keys(
        shop.db,
        InProcessGateway(shop.central),
        shop.ctx,
        shop.cashier,
        sale_id=sale_id,
        cart=shop.cart("K001"),
    )
    with shop.central.reader() as uow:
        until = uow.session.scalar(select(CardKey.reserved_until).where(CardKey.sale_id == sale_id))
        assert until - uow.clock.now() == timedelta(minutes=45)
