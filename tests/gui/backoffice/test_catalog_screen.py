"""The 商品 area of the back office: the category tree (a fourth level refused, a non-empty
category not deleted), the product list filtered by category and sorted on the server, the
product editor with its SKU grid (refusals under their field or naming the grid cell), a
scheduled off-shelf applied when the list is read after its time, store prices within the
manager's store, the export; and screenshots of the area and of the product dialog."""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QListWidgetItem
from sqlalchemy import select

from backoffice.catalog_backend import CatalogBackend
from backoffice.catalog_models import (
    PRODUCT_SORT_KEYS,
    describe,
    product_model,
    store_price_model,
)
from backoffice.catalog_screen import CatalogScreen
from backoffice.product_dialog import COL, split_barcodes, split_values
from shared.db.models import AuditEntry, Staff, StorePrice
from shared.domain.barcode import with_check_digit
from shared.domain.clock import FixedClock
from shared.domain.errors import PermissionDenied, ValidationError
from shared.qt.operations import OperationRunner
from shared.services import auth
from shared.services.catalog_admin import ProductQuery
from tests.gui.helpers import screenshot

NOW = datetime(2026, 11, 22, 2, 0, tzinfo=UTC)


@pytest.fixture
def central(terminal):
    """The demo's central database (60 products), on a clock the test moves."""
    db = terminal.central
    db.clock = FixedClock(NOW)
    return db


@pytest.fixture
def make_window(qtbot, central, tmp_path) -> Iterator[Callable[..., object]]:
    from backoffice.app import build_backoffice

    windows = []
    out = tmp_path / "out"
    out.mkdir()

    def make():
        window = build_backoffice(central, ask_save_path=lambda name, _kind: str(out / name))
        qtbot.addWidget(window)
        windows.append(window)
        window.resize(1366, 768)
        window.show()
        qtbot.waitExposed(window)
        return window

    yield make
    for window in windows:
        window.runner.shutdown()


def sign_in(qtbot, window, account: str, password: str) -> None:
    login = window.login_page
    login.account.setText(account)
    login.password.setText(password)
    qtbot.mouseClick(login.sign_in, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.controller.actor is not None, timeout=5_000)


def open_catalog(qtbot, window, **hooks) -> CatalogScreen:
    """The 商品 area: the composition root's when it has one, else built here the way it will
    build it (``_build_areas`` key "catalog"), with the test's answers to its questions."""
    controller = window.controller
    main = window.main_page
    screen = controller.areas.get("catalog")
    if screen is None:
        screen = CatalogScreen(
            controller.runner,
            CatalogBackend(controller.backend.db),
            controller.actor,
            parent=main.areas,
            clock=controller.clock,
            ask_save_path=controller.ask_save_path,
        )
        controller.areas["catalog"] = screen
        main.areas.addWidget(screen.widget)
        main.nav.addItem(
            QListWidgetItem(QCoreApplication.translate("BackofficeController", "Catalog"))
        )
        screen.start()
    for name, value in hooks.items():
        setattr(screen, name, value)
    main.nav.setCurrentRow(main.areas.indexOf(screen.widget))
    qtbot.waitUntil(lambda: screen.started, timeout=5_000)
    wait_list(qtbot, screen)
    qtbot.waitUntil(lambda: screen.view.tree.topLevelItemCount() > 1, timeout=5_000)
    return screen


def wait_list(qtbot, screen, *, empty: bool = False) -> None:
    qtbot.waitUntil(
        lambda: (
            not screen.model.loading and screen.runner.idle and (empty or screen.model.total > 0)
        ),
        timeout=5_000,
    )


def click(qtbot, button) -> None:
    assert button.isEnabled(), button.objectName()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def tree_item(screen, name: str):
    tree = screen.view.tree
    found = tree.findItems(name, Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive, 0)
    assert found, name
    return found[0]


def choose_category(qtbot, screen, name: str) -> None:
    screen.view.tree.setCurrentItem(tree_item(screen, name))
    qtbot.waitUntil(lambda: screen.query.category_id == screen.category_id, timeout=5_000)
    wait_list(qtbot, screen, empty=True)


def select_product(qtbot, screen, code: str) -> None:
    row = next(i for i, r in enumerate(screen.model.rows()) if r.code == code)
    screen.view.table.selectRow(row)
    qtbot.waitUntil(lambda: screen.current is not None and screen.current.code == code)


def cell(editor, row: int, column: str):
    return editor.view.grid.item(row, COL[column])


def test_categories_products_editor_schedule_store_prices_export_and_screenshots(
    qtbot, make_window, central, tmp_path, screenshot_dir
):
    window = make_window()
    sign_in(qtbot, window, "manager01", "manager123")
    names: list[str] = []
    answers: list[bool] = []
    screen = open_catalog(
        qtbot,
        window,
        ask_text=lambda _p, _t, _l, _text: names.pop(0) if names else None,
        confirm=lambda _t, _q: answers.pop(0) if answers else False,
    )
    assert screen.model.total == 60 and screen.model.rowCount() == 60
    tree = screen.view.tree
    assert [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())][1:] == [
        "饮料",
        "零食",
        "日用品",
        "速食",
        "生鲜",
        "服装",
    ]

    # the tree: two levels below 饮料, a fourth refused, a category with products kept
    choose_category(qtbot, screen, "饮料")
    drinks = screen.model.total
    assert 0 < drinks < 60
    names[:] = ["碳酸饮料"]
    click(qtbot, screen.view.add_child)
    qtbot.waitUntil(
        lambda: bool(tree.findItems("碳酸饮料", Qt.MatchFlag.MatchRecursive)), timeout=5_000
    )
    assert screen._category_row().name == "碳酸饮料"
    names[:] = ["可乐"]
    click(qtbot, screen.view.add_child)
    qtbot.waitUntil(
        lambda: screen._category_row() is not None and screen._category_row().name == "可乐"
    )
    assert screen._category_row().level == 3
    names[:] = ["零度可乐"]
    click(qtbot, screen.view.add_child)
    qtbot.waitUntil(
        lambda: "三" in screen.view.message.text() or "three" in screen.view.message.text(),
        timeout=5_000,
    )
    assert screen.view.message.text() == describe(
        ValidationError("-", code="category_too_deep", parent="可乐")
    )
    assert not tree.findItems("零度可乐", Qt.MatchFlag.MatchRecursive)
    choose_category(qtbot, screen, "饮料")
    answers[:] = [True]
    click(qtbot, screen.view.delete_category)
    qtbot.waitUntil(lambda: "饮料" in screen.view.message.text(), timeout=5_000)
    assert tree.findItems("饮料", Qt.MatchFlag.MatchRecursive)

    # a new product under 可乐, with two spec dimensions and a generated SKU grid
    choose_category(qtbot, screen, "可乐")
    qtbot.waitUntil(lambda: screen.model.total == 0 and not screen.model.loading, timeout=5_000)
    click(qtbot, screen.view.new)
    editor = screen.editor
    qtbot.waitUntil(editor.view.isVisible, timeout=5_000)
    v = editor.view
    assert v.category.currentData() == screen.category_id
    v.code.setText("P000001")  # taken: refused under the code field
    v.name.setText("可口可乐 经典装")
    v.spec_names[0].setText("规格")
    v.spec_values[0].setText("330ml，500ml")
    v.spec_names[1].setText("包装")
    v.spec_values[1].setText("单瓶, 整箱")
    click(qtbot, v.generate)
    assert v.grid.rowCount() == 4
    assert [cell(editor, r, "spec1").text() for r in range(4)] == [
        "330ml",
        "330ml",
        "500ml",
        "500ml",
    ]
    assert [cell(editor, r, "spec2").text() for r in range(4)] == ["单瓶", "整箱", "单瓶", "整箱"]
    prices = ["3.50", "72.00", "5.00", "99.00"]
    for r in range(4):
        cell(editor, r, "price_fen").setText(prices[r])
        cell(editor, r, "cost_fen").setText("1.20")
        cell(editor, r, "barcodes").setText(with_check_digit(f"69350000000{r}"))
    cell(editor, 1, "member_price_fen").setText("68")
    click(qtbot, v.save)
    qtbot.waitUntil(lambda: v.errors["code"].isVisible(), timeout=5_000)
    assert v.errors["code"].text() == describe(
        ValidationError("-", code="product_code_taken", value="P000001")
    )
    v.code.setText("C330")
    for r in range(4):  # the generated codes followed the first code typed
        cell(editor, r, "code").setText(f"C330-{r + 1:02d}")
    cell(editor, 2, "barcodes").setText("6935000000021")  # a wrong check digit
    click(qtbot, v.save)
    qtbot.waitUntil(lambda: v.errors["skus"].isVisible(), timeout=5_000)
    assert not v.errors["code"].isVisible()
    assert v.errors["skus"].text().startswith(editor.tr("Row {row}").format(row=3))
    assert (v.grid.currentRow(), v.grid.currentColumn()) == (2, COL["barcodes"])
    cell(editor, 2, "barcodes").setText(with_check_digit("693500000002"))
    cell(editor, 3, "price_fen").setText("-1")  # negative: the service says so
    click(qtbot, v.save)
    qtbot.waitUntil(
        lambda: (
            v.errors["skus"].text().endswith(describe(ValidationError("-", code="price_negative")))
        ),
        timeout=5_000,
    )
    v.off_shelf_enabled.setChecked(True)  # a week and a day ahead, 08:00 China time
    assert v.off_shelf.isEnabled()
    qtbot.wait(50)
    screenshot(window, screenshot_dir / "backoffice-product-dialog.png", dlg=v)
    cell(editor, 3, "price_fen").setText("99")
    click(qtbot, v.save)
    qtbot.waitUntil(lambda: not v.isVisible(), timeout=5_000)
    qtbot.waitUntil(lambda: screen.model.total == 1 and not screen.model.loading, timeout=5_000)
    row = screen.model.row_at(0)
    assert (row.code, row.skus, row.price_min_fen, row.price_max_fen) == ("C330", 4, 350, 9900)
    assert row.category == "饮料 / 碳酸饮料 / 可乐" and row.off_shelf_at is not None
    assert "C330" in screen.view.message.text()
    with central.reader() as uow:
        entry = uow.session.scalars(
            select(AuditEntry).where(AuditEntry.action == "product.create")
        ).one()
        assert entry.detail["code"] == "C330" and len(entry.detail["skus"]) == 4

    # edit it: the editor starts from what was saved; the price of one SKU changes
    click(qtbot, screen.view.edit)
    qtbot.waitUntil(lambda: screen.editor is not editor and screen.editor.view.isVisible())
    editor = screen.editor
    v = editor.view
    assert v.code.text() == "C330" and v.grid.rowCount() == 4
    assert not v.grid.isColumnHidden(COL["spec2"]) and v.off_shelf_enabled.isChecked()
    assert cell(editor, 1, "member_price_fen").text() == "68.00"
    cell(editor, 0, "price_fen").setText("3.80")
    v.grid.setCurrentCell(3, 0)
    v.remove_row.click()  # a saved SKU is taken off sale, not removed
    assert v.grid.rowCount() == 4
    assert cell(editor, 3, "status").checkState() == Qt.CheckState.Unchecked
    click(qtbot, v.save)
    qtbot.waitUntil(lambda: not v.isVisible(), timeout=5_000)
    qtbot.waitUntil(lambda: screen.model.total == 1 and not screen.model.loading, timeout=5_000)
    assert screen.model.row_at(0).price_min_fen == 380
    with central.reader() as uow:
        entry = uow.session.scalars(
            select(AuditEntry).where(AuditEntry.action == "product.update")
        ).one()
        assert entry.detail["skus"] == {
            "C330-01": {"price_fen": [350, 380]},
            "C330-04": {"status": ["on", "off"]},
        }

    # the off-shelf time comes: the list read after it shows the product off shelf
    central.clock.at = NOW + timedelta(days=9)
    click(qtbot, screen.view.search)
    qtbot.waitUntil(
        lambda: (
            not screen.model.loading
            and screen.model.total == 1
            and screen.model.row_at(0).status == "off"
        ),
        timeout=5_000,
    )
    assert screen.model.row_at(0).off_shelf_at is None
    select_product(qtbot, screen, "C330")
    assert screen.view.on_shelf.isEnabled() and not screen.view.off_shelf.isEnabled()
    click(qtbot, screen.view.on_shelf)
    qtbot.waitUntil(lambda: screen.model.row_at(0).status == "on", timeout=5_000)

    # store prices: manager01 prices S01 only
    click(qtbot, screen.view.store_prices)
    qtbot.waitUntil(lambda: screen.prices is not None and screen.prices.view.isVisible())
    prices_dialog = screen.prices
    qtbot.waitUntil(lambda: prices_dialog.model.rowCount() == 1, timeout=5_000)
    assert prices_dialog.model.row_at(0).store_code == "S01"
    assert prices_dialog.view.price.text() == "3.80"
    prices_dialog.view.price.setText("abc")
    click(qtbot, prices_dialog.view.set_price)
    assert prices_dialog.view.message.text() != ""
    prices_dialog.view.price.setText("3.60")
    click(qtbot, prices_dialog.view.set_price)
    qtbot.waitUntil(
        lambda: (
            prices_dialog.model.rowCount() == 1 and prices_dialog.model.row_at(0).price_fen == 360
        ),
        timeout=5_000,
    )
    assert prices_dialog.view.clear_price.isEnabled()
    with central.reader() as uow:
        assert uow.session.scalars(
            select(StorePrice.price_fen).where(StorePrice.price_fen == 360)
        ).all()
    prices_dialog.view.reject()

    # back to every product: sorted on the server by price, highest first
    choose_category(qtbot, screen, screen.tr("All categories"))
    assert screen.model.total == 61
    price_col = PRODUCT_SORT_KEYS.index("price")
    screen.view.table.sortByColumn(price_col, Qt.SortOrder.DescendingOrder)
    qtbot.waitUntil(
        lambda: (
            screen.query.sort == "price" and screen.query.descending and not screen.model.loading
        ),
        timeout=5_000,
    )
    wait_list(qtbot, screen)
    lows = [r.price_min_fen for r in screen.model.rows()]
    assert lows == sorted(lows, reverse=True)

    # export the list (every matching row)
    out = tmp_path / "out"
    click(qtbot, screen.view.export_csv)
    qtbot.waitUntil(lambda: any(out.glob("products-*.csv")), timeout=5_000)
    qtbot.waitUntil(lambda: screen.runner.idle, timeout=5_000)
    exported = next(out.glob("products-*.csv"))
    with exported.open(encoding="utf-8-sig") as fh:
        rows = list(csv.reader(fh))
    assert len(rows) == 62 and "C330" in [r[0] for r in rows]

    # the template of the product import
    click(qtbot, screen.view.template)
    qtbot.waitUntil(lambda: (out / "products-template.xlsx").exists(), timeout=5_000)

    screen.view.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    wait_list(qtbot, screen)
    select_product(qtbot, screen, "P000003")
    qtbot.wait(100)
    screenshot(window, screenshot_dir / "backoffice-catalog.png")
    assert (screenshot_dir / "backoffice-catalog.png").stat().st_size > 10_000


def test_the_import_dialog_opens_from_the_area_and_a_cashier_cannot_reach_the_services(
    qtbot, make_window, central
):
    window = make_window()
    sign_in(qtbot, window, "manager01", "manager123")
    screen = open_catalog(qtbot, window)
    dialog = screen.open_import()
    qtbot.waitUntil(dialog.isVisible, timeout=5_000)
    assert dialog.kind == "products"
    dialog.close()
    # the service refuses whoever lacks the permission, whatever the screen shows
    with central.reader() as uow:
        staff = uow.session.scalars(select(Staff).where(Staff.account == "cashier01")).one()
        cashier = auth.actor_for(uow, staff)
    with pytest.raises(PermissionDenied):
        CatalogBackend(central).product_page(cashier, ProductQuery(), 0, 10)


def test_models_and_refusal_texts_alone(qtbot):
    runner = OperationRunner()
    try:
        model = product_model(runner, page_size=100, parent=None)
        assert model.columnCount() == len(PRODUCT_SORT_KEYS)
        assert model.sort_column("price") == PRODUCT_SORT_KEYS.index("price")
        assert store_price_model(None).columnCount() == 5
    finally:
        runner.shutdown()
    assert split_values("白色， 黑色、白色 ,") == ["白色", "黑色"]
    assert split_barcodes("6901234567892, 6901234567892 123") == ("6901234567892", "123")
    # every refusal code of the service has its own words, never the English message
    for code in (
        "category_too_deep",
        "category_not_empty",
        "product_code_taken",
        "sku_code_taken",
        "barcode_taken",
        "barcode_check_digit",
        "spec_too_many",
        "spec_duplicate",
        "price_negative",
        "price_too_large",
        "shelf_times",
        "shelf_time_past",
        "store_price_not_allowed",
        "sku_remove",
        "product_changed",
    ):
        text = describe(ValidationError("english message", code=code))
        assert text and text != "english message", code
