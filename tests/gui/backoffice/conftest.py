"""Back-office GUI fixtures: the demo central database (a copy per test) holding two pushed S01
shifts (one short, one over) and two S02 shifts, and the window built by
``backoffice.app.build_backoffice`` with exports going to a path the test chooses."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import timedelta

import pytest
from sqlalchemy import select

from shared.db.models import Shift, Staff, Store
from shared.db.uow import Database
from shared.domain.cart import Cart
from shared.domain.ids import new_id
from shared.domain.tenders import Tender
from shared.services import auth, catalog, sales, shifts
from shared.sync.gateway import InProcessGateway
from shared.sync.push import push_pending


@dataclass
class Central:
    db: Database
    s01_shifts: list[str] = field(default_factory=list)
    s02_shifts: list[str] = field(default_factory=list)


def _actor(db: Database, account: str) -> auth.Actor:
    with db.reader() as uow:
        staff = uow.session.scalars(select(Staff).where(Staff.account == account)).one()
        return auth.actor_for(uow, staff)


def _shift(terminal, codes: list[str], *, counted_delta: int, cash_in: int = 0) -> str:
    cashier = _actor(terminal.db, "cashier01")
    with terminal.db.uow() as uow:
        shifts.open_shift(uow, terminal.ctx, cashier, 20_000)
    if cash_in:
        with terminal.db.uow() as uow:
            shifts.cash_move(uow, terminal.ctx, cashier, "in", cash_in, "备用金补充")
    for code in codes:
        with terminal.db.reader() as uow:
            line = catalog.scan(uow, terminal.ctx, code)

        cart = Cart()
        cart.add(line)
        with terminal.db.uow() as uow:
            sales.complete_sale(
                uow, terminal.ctx, cashier, cart, [Tender("cash", cart.totals().total_fen)]
            )
    with terminal.db.reader() as uow:
        expected = shifts.shift_figures(
            uow.session, shifts.require_open_shift(uow.session, terminal.ctx)
        ).expected_cash_fen
    with terminal.db.uow() as uow:
        closed = shifts.close_shift(uow, terminal.ctx, cashier, expected + counted_delta)
    return closed.shift_id


@pytest.fixture
def central(terminal) -> Central:
    products = terminal.products
    short = _shift(terminal, [products[10]["code"], products[11]["code"]], counted_delta=-500)
    over = _shift(terminal, [products[12]["code"]], counted_delta=300, cash_in=5_000)
    report = push_pending(terminal.db, InProcessGateway(terminal.central))
    assert report.pending == 0 and report.rejected == 0
    out = Central(terminal.central, [short, over])
    with terminal.central.uow() as uow:
        s = uow.session
        store_id = s.scalars(select(Store.id).where(Store.code == "S02")).one()
        staff_id = s.scalars(select(Staff.id).where(Staff.account == "cashier03")).one()
        now = uow.clock.now()
        for i in range(2):
            shift_id = str(new_id())
            s.add(
                Shift(
                    store_id=store_id,
                    id=shift_id,
                    terminal_id=str(new_id()),
                    cashier_id=staff_id,
                    business_date=(now - timedelta(days=i)).date(),
                    status="closed",
                    opened_at=now - timedelta(days=i, hours=8),
                    closed_at=now - timedelta(days=i),
                    closed_by=staff_id,
                    opening_float_fen=0,
                    expected_cash_fen=0,
                    counted_cash_fen=0,
                    variance_fen=0,
                    denominations={},
                )
            )
            out.s02_shifts.append(shift_id)
        uow.commit()
    return out


@pytest.fixture
def make_backoffice(qtbot, central) -> Iterator[Callable[..., object]]:
    from backoffice.app import build_backoffice

    windows = []

    def make(*, language: str = "zh_CN", save_to=None):
        window = build_backoffice(
            central.db,
            language=language,
            ask_save_path=(lambda name, kind: save_to(name) if save_to else None),
        )
        qtbot.addWidget(window)
        windows.append(window)
        window.show()
        qtbot.waitExposed(window)
        return window

    yield make
    for window in windows:
        window.runner.shutdown()
