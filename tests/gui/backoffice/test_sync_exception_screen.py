"""同步异常 (sync exceptions) driven like a manager does: real exceptions made by pushing a
counter's sales (the last unit sold twice, a price head office changed meanwhile), each kind in
words with its document's receipt number, the filters, the detail pane, resolving one with the
mouse after a question ("no" first), a resolve that someone else got to first refused on the
message line, the export read back, a manager's scope, and the screenshot.

The area is added to the signed-in window the way ``backoffice.app._build_areas`` is to add it
(it is not registered there yet)."""

from __future__ import annotations

import csv
import re
from datetime import timedelta

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QListWidgetItem
from sqlalchemy import select

from backoffice.sync_exception_backend import SyncExceptionBackend
from backoffice.sync_exception_models import (
    describe,
    detail_lines,
    detail_text,
    document_text,
    kind_explanation,
    kind_name,
    state_text,
)
from backoffice.sync_exception_screen import SyncExceptionScreen
from shared.db.models import AuditEntry, Sku, Staff, Store, SyncException
from shared.domain.cart import Cart
from shared.domain.clock import local_time
from shared.domain.errors import NotFound
from shared.domain.ids import new_id
from shared.domain.money import format_yuan
from shared.domain.tenders import Tender
from shared.services import auth, catalog, inventory, sales, shifts, sync_exceptions
from shared.services.inventory import VoucherLineInput
from shared.services.sync_exceptions import KINDS, SyncExceptionRow
from shared.sync import changelog
from shared.sync.gateway import InProcessGateway
from shared.sync.push import push_pending
from tests.gui.helpers import screenshot

#: the back office at 1366×768 leaves an area this wide beside the navigation list
AREA_WIDTH = 1186


def tr(source: str) -> str:
    return QCoreApplication.translate("SyncExceptionScreen", source)


def _actor(db, account: str) -> auth.Actor:
    with db.reader() as uow:
        staff = uow.session.scalars(select(Staff).where(Staff.account == account)).one()
        return auth.actor_for(uow, staff)


@pytest.fixture
def flagged(terminal, central) -> dict[str, str]:
    """Push three S01 sales that head office flags — the last unit of a SKU sold twice (stock
    below zero) and one at a price head office had raised meanwhile — and list one S02 exception.
    Returns the receipt numbers by kind."""
    last, repriced = terminal.products[20]["code"], terminal.products[21]["code"]
    manager = _actor(central.db, "manager01")
    with central.db.uow() as uow:
        vid = inventory.create_voucher(
            uow,
            manager,
            warehouse="S01",
            direction="in",
            type="purchase",
            lines=[VoucherLineInput(last, 1000, 200)],
        )
    with central.db.uow() as uow:
        inventory.post_voucher(uow, manager, vid)
    with central.db.uow() as uow:
        changelog.capture(uow.session, uow.clock)
        sku = uow.session.scalars(select(Sku).where(Sku.code == repriced)).one()
        sku.price_fen += 100
        uow.commit()
    cashier = _actor(terminal.db, "cashier01")
    with terminal.db.uow() as uow:
        shifts.open_shift(uow, terminal.ctx, cashier, 0)
    receipts = []
    for code in (last, last, repriced):
        cart = Cart()
        with terminal.db.reader() as uow:
            cart.add(catalog.scan(uow, terminal.ctx, code))
        with terminal.db.uow() as uow:
            sold = sales.complete_sale(
                uow, terminal.ctx, cashier, cart, [Tender("cash", cart.totals().total_fen)]
            )
        receipts.append(sold.receipt_no)
    report = push_pending(terminal.db, InProcessGateway(central.db))
    assert report.pending == 0 and sorted(report.exceptions) == ["negative_stock", "stale_price"]
    with central.db.uow() as uow:  # S02's (flagged earlier, as ``sync.ingest`` writes them)
        s = uow.session
        s02 = s.scalars(select(Store.id).where(Store.code == "S02")).one()
        s.add(
            SyncException(
                id=str(new_id()),
                store_id=s02,
                terminal_id=str(new_id()),
                kind="receipt_no_reused",
                document_kind="sale",
                document_id=str(new_id()),
                detail={"printed_number": "S02-03-000042", "stored_as": "S02-03-000042/2"},
                created_at=uow.clock.now() - timedelta(hours=3),
            )
        )
        uow.commit()
    return {"negative_stock": receipts[1], "stale_price": receipts[2]}


def sign_in(qtbot, window, account: str, password: str) -> None:
    login = window.login_page
    login.account.setText(account)
    login.password.setText(password)
    qtbot.mouseClick(login.sign_in, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.controller.actor is not None, timeout=5_000)


def add_area(window, confirm) -> SyncExceptionScreen:
    """The registered area, or one built the way ``_build_areas`` is to build it (shown when the
    actor may review shifts); the question answered by ``confirm``."""
    controller = window.controller
    screen = controller.areas.get("sync_exceptions")
    if screen is None:
        main = window.main_page
        screen = SyncExceptionScreen(
            window.runner,
            SyncExceptionBackend(window.backend.db),
            controller.actor,
            parent=main.areas,
            clock=controller.clock,
            ask_save_path=controller.ask_save_path,
            confirm=confirm,
        )
        controller.areas["sync_exceptions"] = screen
        main.areas.addWidget(screen.widget)
        main.nav.addItem(QListWidgetItem(tr("Sync exceptions")))
        screen.start()
    screen.confirm = confirm
    return screen


def open_area(qtbot, window, screen: SyncExceptionScreen) -> None:
    main = window.main_page
    main.nav.setCurrentRow(main.areas.indexOf(screen.widget))
    qtbot.waitUntil(lambda: screen.started, timeout=5_000)
    settle(qtbot, window, screen)


def settle(qtbot, window, screen) -> None:
    qtbot.waitUntil(lambda: window.runner.idle, timeout=10_000)
    qtbot.waitUntil(lambda: not screen.model.loading, timeout=5_000)


def choose(combo, data) -> None:
    i = combo.findData(data)
    assert i >= 0, data
    combo.setCurrentIndex(i)


def china(at, fmt: str) -> str:
    return local_time(at, "Asia/Shanghai").strftime(fmt)


def move_to(qtbot, screen, match) -> None:
    """Up or Down in the list until the current row is the one ``match`` accepts."""
    rows = screen.model.rows()
    goal = next(i for i, r in enumerate(rows) if match(r))
    here = rows.index(screen.current) if screen.current in rows else 0
    key = Qt.Key.Key_Down if goal >= here else Qt.Key.Key_Up
    for _ in range(abs(goal - here)):
        qtbot.keyClick(screen.view.table, key)
    qtbot.waitUntil(lambda: screen.current is not None and match(screen.current), timeout=5_000)


def row_texts(screen, i: int) -> list[str]:
    return [screen.model.index(i, c).data() for c in range(screen.model.columnCount())]


def test_list_filter_resolve_export_and_screenshot(
    qtbot, make_backoffice, central, flagged, tmp_path, screenshot_dir
):
    exports = tmp_path / "out"
    exports.mkdir()
    asked: list[str] = []
    answers = [False, True, True]
    window = make_backoffice(save_to=lambda name: str(exports / name))
    sign_in(qtbot, window, "admin", "admin1234")
    screen = add_area(window, lambda _title, text: (asked.append(text), answers.pop(0))[1])
    open_area(qtbot, window, screen)
    v = screen.view

    # open ones, newest first: S01's two (just pushed), then S02's
    assert screen.model.total == 3
    assert v.summary.text() == tr("{count} exceptions").format(count=3)
    kinds = [r.kind for r in screen.model.rows()]
    assert (
        sorted(kinds[:2]) == ["negative_stock", "stale_price"] and kinds[2] == "receipt_no_reused"
    )
    i = kinds.index("negative_stock")
    cells = row_texts(screen, i)
    row = screen.model.row_at(i)
    assert cells[0] == china(row.created_at, "%Y-%m-%d %H:%M:%S")
    assert cells[1].startswith("S01 ") and cells[2] == "1"
    assert cells[3] == tr("Stock below zero")
    assert cells[4] == f"{tr('Sale')} {flagged['negative_stock']}"
    assert cells[6] == tr("Open")
    assert screen.model.index(i, 3).data(Qt.ItemDataRole.ToolTipRole) == tr(
        "A sale took the stock below zero (e.g. two counters sold the last unit offline). Count "
        "the SKU and correct the stock with a voucher."
    )
    s02 = row_texts(screen, 2)
    assert s02[3] == tr("Receipt number reused") and s02[4] == tr("Sale")
    assert tr("Printed number: {value}").format(value="S02-03-000042") in s02[5]

    # the filters: the kinds that occur, in words; one store
    assert [v.kind.itemData(k) for k in range(v.kind.count())] == [
        None,
        "stale_price",
        "receipt_no_reused",
        "negative_stock",
    ]
    choose(v.kind, "stale_price")
    qtbot.mouseClick(v.search, Qt.MouseButton.LeftButton)
    settle(qtbot, window, screen)
    assert [r.document_no for r in screen.model.rows()] == [flagged["stale_price"]]
    qtbot.waitUntil(lambda: screen.current is not None, timeout=5_000)
    detail = v.detail.toPlainText()
    assert tr("Price out of date") in detail
    [line] = screen.current.detail["lines"]
    assert (
        tr("Line {no} {code} {name}: sold at {sold}, head office {central}").format(
            no=1,
            code=line["sku_code"],
            name=line["name"],
            sold="¥" + format_yuan(line["sold_at_fen"]),
            central="¥" + format_yuan(line["sold_at_fen"] + 100),
        )
        in detail.splitlines()
    )
    v.kind.setCurrentIndex(0)
    choose(
        v.store,
        next(
            v.store.itemData(k)
            for k in range(1, v.store.count())
            if v.store.itemText(k).startswith("S02")
        ),
    )
    screen.apply_filters()
    settle(qtbot, window, screen)
    assert [r.kind for r in screen.model.rows()] == ["receipt_no_reused"]
    qtbot.mouseClick(v.reset, Qt.MouseButton.LeftButton)
    settle(qtbot, window, screen)
    assert screen.model.total == 3 and v.state.currentData() == "open"

    # the keyboard moves to the negative-stock row: its whole detail below the list
    v.table.setFocus()
    move_to(qtbot, screen, lambda r: r.kind == "negative_stock")
    detail = v.detail.toPlainText()
    assert tr("Stock below zero") in detail and flagged["negative_stock"] in detail
    assert tr("On hand after the sale: {qty}").format(qty="-1") in detail
    target = screen.current
    sku_line = tr("SKU: {value}").format(value=target.names[target.detail["sku_id"]])
    assert sku_line in detail

    # "Mark as handled" asks first: "no" changes nothing; "yes" resolves it
    assert v.resolve.isEnabled()
    qtbot.mouseClick(v.resolve, Qt.MouseButton.LeftButton)
    assert len(asked) == 1 and flagged["negative_stock"] in asked[0]
    assert window.runner.idle and screen.current is target
    with central.db.reader() as uow:
        assert uow.session.get(SyncException, target.id).resolved_at is None
    qtbot.mouseClick(v.resolve, Qt.MouseButton.LeftButton)
    done = tr("“{kind}” of {document} marked as handled").format(
        kind=tr("Stock below zero"), document=f"{tr('Sale')} {flagged['negative_stock']}"
    )
    qtbot.waitUntil(lambda: v.message.text() == done, timeout=5_000)
    settle(qtbot, window, screen)
    assert screen.model.total == 2 and target.id not in {r.id for r in screen.model.rows()}
    admin = _actor(central.db, "admin")
    with central.db.reader() as uow:
        stored = uow.session.get(SyncException, target.id)
        assert stored.resolved_by == admin.staff_id and stored.resolved_at is not None
        assert uow.session.scalars(
            select(AuditEntry.target).where(AuditEntry.action == "sync_exception.resolve")
        ).all() == [target.id]

    # someone else resolves the stale-price one meanwhile: the click is refused on the message line
    stale = next(r for r in screen.model.rows() if r.kind == "stale_price")
    manager = _actor(central.db, "manager01")
    with central.db.uow() as uow:
        assert sync_exceptions.resolve(uow, manager, stale.id)
    move_to(qtbot, screen, lambda r: r.id == stale.id)
    qtbot.mouseClick(v.resolve, Qt.MouseButton.LeftButton)
    with central.db.reader() as uow:
        first = uow.session.get(SyncException, stale.id)
        assert first.resolved_by == manager.staff_id
        refused = tr("This exception was already handled by {who}, {time}").format(
            who=manager.name, time=china(first.resolved_at, "%Y-%m-%d %H:%M")
        )
    qtbot.waitUntil(lambda: v.message.text() == refused, timeout=5_000)
    assert v.message.property("level") == "error"
    settle(qtbot, window, screen)

    # all of them: the handled ones say by whom
    choose(v.state, "all")
    screen.apply_filters()
    settle(qtbot, window, screen)
    assert screen.model.total == 3
    states = {r.kind: row_texts(screen, k)[6] for k, r in enumerate(screen.model.rows())}
    with central.db.reader() as uow:
        handled_at = uow.session.get(SyncException, target.id).resolved_at
    assert states["negative_stock"] == tr("Handled by {who}, {time}").format(
        who=admin.name, time=china(handled_at, "%m-%d %H:%M")
    )
    assert states["receipt_no_reused"] == tr("Open")

    # export: the filtered list, read back
    qtbot.mouseClick(v.export_csv, Qt.MouseButton.LeftButton)
    settle(qtbot, window, screen)
    (path,) = exports.glob("sync-exceptions-*.csv")
    with path.open(encoding="utf-8-sig") as fh:
        exported = list(csv.reader(fh))
    assert exported[0][:5] == [tr("Time"), tr("Store"), tr("Terminal"), tr("Kind"), tr("Kind code")]
    assert len(exported) == 4
    by_code = {r[4]: r for r in exported[1:]}
    assert set(by_code) == {"negative_stock", "stale_price", "receipt_no_reused"}
    assert by_code["stale_price"][5] == f"{tr('Sale')} {flagged['stale_price']}"
    assert by_code["stale_price"][2] == "1"
    assert by_code["stale_price"][3] == tr("Price out of date")
    assert by_code["receipt_no_reused"][8] == tr("Open")
    assert v.message.text() == QCoreApplication.translate(
        "AreaKit", "Exported {count} rows to {path}"
    ).format(count=3, path=str(path))

    # the picture: the stale-price one selected, its detail below
    window.resize(1366, 768)
    qtbot.wait(50)
    for k, r in enumerate(screen.model.rows()):
        if r.kind == "stale_price":
            v.table.selectRow(k)
    qtbot.waitUntil(
        lambda: screen.current is not None and screen.current.kind == "stale_price", timeout=5_000
    )
    assert v.width() <= AREA_WIDTH and v.minimumSizeHint().width() <= AREA_WIDTH
    assert v.table.horizontalScrollBar().maximum() == 0  # every column fits
    screenshot(window, screenshot_dir / "backoffice-sync-exceptions.png")


def test_a_manager_sees_only_their_stores_exceptions(qtbot, make_backoffice, flagged):
    window = make_backoffice()
    sign_in(qtbot, window, "manager01", "manager123")
    screen = add_area(window, lambda _title, _text: True)
    open_area(qtbot, window, screen)
    assert screen.model.total == 2
    assert {r.store_code for r in screen.model.rows()} == {"S01"}
    assert screen.view.store.count() == 2  # "my stores", S01
    assert screen.view.store.itemText(0) == tr("My stores")


# -- the models on their own -----------------------------------------------------------------------


def _row(kind: str, detail: dict, **over) -> SyncExceptionRow:
    from datetime import UTC, datetime

    values = dict(
        id=str(new_id()),
        created_at=datetime(2026, 11, 21, 2, 0, tzinfo=UTC),
        store_id="s1",
        store_code="S01",
        store_name="星辰便利店",
        terminal_id="t1",
        terminal_number=1,
        kind=kind,
        document_kind="sale",
        document_id="d1",
        document_no="",
        detail=detail,
        resolved_at=None,
        resolved_by=None,
        resolver_account="",
        resolver_name="",
        names={},
    )
    values.update(over)
    return SyncExceptionRow(**values)


def test_every_kind_ingest_flags_is_in_words_and_its_detail_reads_well(qapp):
    from pathlib import Path

    import shared.sync.ingest as ingest

    source = Path(ingest.__file__).read_text(encoding="utf-8")
    flagged_kinds = set(re.findall(r'flag\(\s*"(\w+)"', source))
    flagged_kinds |= {f"count_{why}" for why in ("unknown_sku", "not_countable", "out_of_scope")}
    assert 'flag(f"count_{why}"' in source  # the reasons ``countable`` gives
    assert flagged_kinds == set(KINDS)
    other = tr("Other ({kind})").format(kind="x")
    for kind in KINDS:
        assert kind_name(kind) != tr("Other ({kind})").format(kind=kind)
        assert kind_explanation(kind) != kind_explanation("x")
    assert kind_name("x") == other

    sku = "0192a3b4-0000-7000-8000-000000000001"
    row = _row(
        "negative_stock",
        {"warehouse_id": "w", "sku_id": sku, "on_hand_milli": -1500},
        document_no="261121-01-0007",
        names={sku: "P000006 可口可乐 500ml"},
    )
    assert document_text(row) == f"{tr('Sale')} 261121-01-0007"
    assert detail_lines(row)[1:] == [
        tr("SKU: {value}").format(value="P000006 可口可乐 500ml"),
        tr("On hand after the sale: {qty}").format(qty="-1.5"),
    ]
    stale = _row(
        "stale_price",
        {
            "receipt_no": "261121-01-0007",
            "lines": [
                {
                    "line_no": 2,
                    "sku_code": "P1",
                    "name": "水",
                    "sold_at_fen": 200,
                    "central_fen": None,
                }
            ],
        },
        document_no="261121-01-0007",
    )
    assert detail_text(stale) == tr(
        "Line {no} {code} {name}: sold at {sold}, head office {central}"
    ).format(no=2, code="P1", name="水", sold="¥2.00", central=tr("not priced"))
    assert detail_lines(stale)[0] == tr("Receipt: {value}").format(value="261121-01-0007")
    payment = _row(
        "duplicate_payment_ref",
        {"payment": {"method": "cash", "amount_fen": 1250, "provider_ref": "T1"}, "reason": "x"},
    )
    assert detail_lines(payment) == [
        tr("Payment: {method} {amount}, trade number {ref}").format(
            method=QCoreApplication.translate("PaymentMethods", "Cash"), amount="¥12.50", ref="T1"
        )
    ]
    closed = _row(
        "shift_closed",
        {"shift_closed_at": "2026-11-21T02:00:00+00:00", "surprise": [1, True]},
        resolved_at=row.created_at,
        resolver_name="王芳",
    )
    assert detail_lines(closed) == [
        tr("Shift closed at head office: {time}").format(time="2026-11-21 10:00:00"),
        "surprise: 1、" + tr("yes"),
    ]
    assert state_text(closed) == tr("Handled by {who}, {time}").format(
        who="王芳", time="2026-11-21 10:00"
    )
    assert describe(NotFound("-", code="unknown_exception")) == tr(
        "This sync exception no longer exists"
    )
