"""The sync-exceptions list of the back office (同步异常) on SQLite and PostgreSQL centrals:
real exceptions made by pushing sales (a price head office changed meanwhile, the last unit sold
twice), filtered by store, kind, state and date range, read a page at a time, each manager
seeing their own stores', resolved once (audited), exported in batches."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest
from sqlalchemy import func, select

from shared.db.models import AuditEntry, Sku, Store, SyncException
from shared.domain.clock import business_date
from shared.domain.errors import NotFound, PermissionDenied, ValidationError
from shared.domain.ids import new_id
from shared.domain.tenders import Tender
from shared.services import inventory, sales, shifts, sync_exceptions
from shared.services.context import load_terminal
from shared.services.inventory import VoucherLineInput
from shared.services.sync_exceptions import ExceptionQuery
from shared.services.sync_status import run_once
from shared.services.terminal_setup import register
from shared.sync import changelog
from shared.sync.gateway import InProcessGateway
from tests.support.counter import Counter

CHINA = "Asia/Shanghai"
LAST_UNIT = "P000006"
REPRICED = "P000010"


@dataclass
class World:
    s01: Counter
    s02: Counter
    s01_id: str
    s02_id: str
    #: receipt numbers of the S01 sales sold at the old price, and of the S02 one
    s01_stale: list[str]
    s02_stale: str
    #: the S01 sale that took the last unit below zero
    negative: str
    s02_day: date
    s01_day: date


def _sell(c: Counter, code: str) -> sales.SaleResult:
    cart = c.cart(code)
    with c.db.uow() as uow:
        return sales.complete_sale(uow, c.ctx, c.cashier, cart, [Tender("cash", 10**6)])


def _second_counter(counter: Counter, make_db) -> Counter:
    """Terminal 2 of S02 on the same central database."""
    local = make_db()
    register(
        local,
        InProcessGateway(counter.central),
        store_code="S02",
        number=2,
        central_url="test://central",
    )
    with local.reader() as uow:
        ctx = load_terminal(uow)
    c = Counter(counter.central, local, ctx, counter.demo, None, None)  # type: ignore[arg-type]
    c.cashier = c.actor("cashier03")
    c.manager = c.actor("manager02")
    return c


@pytest.fixture
def world(counter, make_db, clock) -> World:
    s01, s02 = counter, _second_counter(counter, make_db)
    with s01.central.uow() as uow:  # one unit in stock: S01 keeps stock of it
        vid = inventory.create_voucher(
            uow,
            s01.manager,
            warehouse="S01",
            direction="in",
            type="purchase",
            lines=[VoucherLineInput(LAST_UNIT, 1000, 200)],
        )
    with s01.central.uow() as uow:
        inventory.post_voucher(uow, s01.manager, vid)
    # head office raises a price; neither counter has pulled it when it sells
    with s01.central.uow() as uow:
        changelog.capture(uow.session, uow.clock)
        sku = uow.session.scalars(select(Sku).where(Sku.code == REPRICED)).one()
        sku.price_fen += 100
        uow.commit()
    s01.open_shift()
    _sell(s01, LAST_UNIT)
    negative = _sell(s01, LAST_UNIT).receipt_no
    s01_stale = [_sell(s01, REPRICED).receipt_no for _ in range(3)]
    with s02.db.uow() as uow:
        shifts.open_shift(uow, s02.ctx, s02.cashier, 0)
    s02_stale = _sell(s02, REPRICED).receipt_no
    s02_day = business_date(clock.now(), CHINA)
    assert run_once(s02.db, InProcessGateway(s02.central)).pending == 0
    clock.advance(days=1)
    s01_day = business_date(clock.now(), CHINA)
    assert run_once(s01.db, InProcessGateway(s01.central)).pending == 0
    with s01.central.reader() as uow:
        stores = dict(uow.session.execute(select(Store.code, Store.id)).all())
    return World(
        s01,
        s02,
        str(stores["S01"]),
        str(stores["S02"]),
        s01_stale,
        s02_stale,
        negative,
        s02_day,
        s01_day,
    )


def _page(w: World, actor, query: ExceptionQuery | None = None, offset: int = 0, limit: int = 100):
    with w.s01.central.reader() as uow:
        return sync_exceptions.search(uow, actor, query, offset, limit)


def test_the_list_shows_store_terminal_kind_document_and_names(world):
    w = world
    admin = w.s01.actor("admin")
    page = _page(w, admin)
    assert page.total == 5 and len(page.rows) == 5
    assert [(r.store_code, r.terminal_number) for r in page.rows].count(("S01", 1)) == 4
    assert [(r.store_code, r.terminal_number) for r in page.rows].count(("S02", 2)) == 1
    # newest first: S01's arrived a day after S02's
    assert page.rows[-1].store_code == "S02"
    assert [r.created_at for r in page.rows] == sorted(
        (r.created_at for r in page.rows), reverse=True
    )
    stale = sorted(r.document_no for r in page.rows if r.kind == "stale_price")
    assert stale == sorted([*w.s01_stale, w.s02_stale])
    assert all(r.document_kind == "sale" and r.resolved_at is None for r in page.rows)
    [neg] = [r for r in page.rows if r.kind == "negative_stock"]
    assert neg.document_no == w.negative and neg.detail["on_hand_milli"] == -1000
    sku_name = neg.names[neg.detail["sku_id"]]
    assert sku_name.startswith(LAST_UNIT + " ")
    assert neg.names[neg.detail["warehouse_id"]].startswith("S01")
    [line] = next(r for r in page.rows if r.document_no == w.s02_stale).detail["lines"]
    assert line["central_fen"] == line["sold_at_fen"] + 100

    with w.s01.central.reader() as uow:
        assert sync_exceptions.kinds(uow, admin) == ["negative_stock", "stale_price"]
        assert sync_exceptions.kinds(uow, w.s02.manager) == ["stale_price"]


def test_filters_by_store_kind_and_date_range(world):
    w = world
    admin = w.s01.actor("admin")
    assert _page(w, admin, ExceptionQuery(store_id=w.s02_id)).total == 1
    assert _page(w, admin, ExceptionQuery(store_id=w.s01_id)).total == 4
    assert _page(w, admin, ExceptionQuery(kind="stale_price")).total == 4
    only = _page(w, admin, ExceptionQuery(store_id=w.s01_id, kind="negative_stock"))
    assert only.total == 1 and only.rows[0].document_no == w.negative
    assert _page(w, admin, ExceptionQuery(kind="shift_closed")).total == 0
    # whole days in China time: S02's were flagged the day before S01's
    day1 = _page(w, admin, ExceptionQuery(since=w.s02_day, until=w.s02_day))
    assert day1.total == 1 and day1.rows[0].store_code == "S02"
    assert _page(w, admin, ExceptionQuery(since=w.s01_day)).total == 4
    assert _page(w, admin, ExceptionQuery(until=w.s02_day)).total == 1
    assert _page(w, admin, ExceptionQuery(since=w.s02_day, until=w.s01_day)).total == 5

    for query, code in (
        (ExceptionQuery(since=w.s01_day, until=w.s02_day), "date_range"),
        (ExceptionQuery(kind="Stale Price!"), "exception_kind"),
        (ExceptionQuery(state="maybe"), "exception_state"),
        (ExceptionQuery(store_id="not-a-store"), "unknown_store"),
    ):
        with pytest.raises(ValidationError) as exc:
            _page(w, admin, query)
        assert exc.value.code == code
    with pytest.raises(ValidationError) as exc:
        _page(w, admin, limit=0)
    assert exc.value.code == "page_size"


def test_pages_cover_every_row_once_in_order(world):
    w = world
    admin = w.s01.actor("admin")
    everything = [r.id for r in _page(w, admin).rows]
    seen = []
    for offset in (0, 2, 4):
        page = _page(w, admin, offset=offset, limit=2)
        assert page.total == 5 and page.offset == offset
        seen += [r.id for r in page.rows]
    assert seen == everything and len(set(seen)) == 5
    assert _page(w, admin, offset=5, limit=2).rows == []
    with w.s01.central.reader() as uow:
        batches = list(sync_exceptions.batches(uow, admin, ExceptionQuery(), size=2))
    assert [len(b) for b in batches] == [2, 2, 1]
    assert [r.id for b in batches for r in b] == everything


def test_a_manager_sees_only_their_stores(world):
    w = world
    manager01, manager02 = w.s01.manager, w.s02.manager
    mine = _page(w, manager01)
    assert mine.total == 4 and {r.store_code for r in mine.rows} == {"S01"}
    assert _page(w, manager01, ExceptionQuery(kind="stale_price")).total == 3
    theirs = _page(w, manager02)
    assert theirs.total == 1 and theirs.rows[0].document_no == w.s02_stale
    with pytest.raises(PermissionDenied) as exc:
        _page(w, manager01, ExceptionQuery(store_id=w.s02_id))
    assert exc.value.code == "store_not_allowed"
    with pytest.raises(PermissionDenied):
        _page(w, w.s01.cashier)


def test_resolve_once_audited_and_only_in_ones_own_store(world):
    w = world
    manager01, manager02 = w.s01.manager, w.s02.manager
    admin = w.s01.actor("admin")
    target = next(r for r in _page(w, manager01).rows if r.kind == "negative_stock")
    central = w.s01.central

    with pytest.raises(PermissionDenied), central.uow() as uow:
        sync_exceptions.resolve(uow, manager02, target.id)
    with central.uow() as uow:
        assert sync_exceptions.resolve(uow, manager01, target.id) is True
    with central.uow() as uow:  # once: a second resolve changes nothing
        assert sync_exceptions.resolve(uow, admin, target.id) is False
    with central.reader() as uow:
        row = sync_exceptions.exception_row(uow, admin, target.id)
        stored = uow.session.get(SyncException, target.id).resolved_by
        audits = [
            (str(a.actor_id), a.target, str(a.store_id), a.detail["kind"])
            for a in uow.session.scalars(
                select(AuditEntry).where(AuditEntry.action == "sync_exception.resolve")
            )
        ]
    assert row.resolved_by == manager01.staff_id and row.resolver_account == "manager01"
    assert row.resolved_at == w.s01.central.clock.now()
    assert stored == manager01.staff_id
    assert audits == [(manager01.staff_id, target.id, w.s01_id, "negative_stock")]

    # the state filter: open (the default), handled, all
    assert _page(w, manager01).total == 3
    handled = _page(w, manager01, ExceptionQuery(state="resolved"))
    assert handled.total == 1 and handled.rows[0].resolver_name == row.resolver_name
    assert _page(w, manager01, ExceptionQuery(state="all")).total == 4
    assert _page(w, manager02, ExceptionQuery(state="resolved")).total == 0
    with central.reader() as uow:  # the older reader keeps working
        assert target.id not in {r.id for r in sync_exceptions.list_exceptions(uow, manager01)}
        assert len(sync_exceptions.list_exceptions(uow, manager01, include_resolved=True)) == 4

    for missing in (str(new_id()), "not-an-id"):
        with pytest.raises(NotFound), central.uow() as uow:
            sync_exceptions.resolve(uow, manager01, missing)
    with central.reader() as uow:
        assert (
            uow.session.scalar(
                select(func.count())
                .select_from(AuditEntry)
                .where(AuditEntry.action == "sync_exception.resolve")
            )
            == 1
        )
