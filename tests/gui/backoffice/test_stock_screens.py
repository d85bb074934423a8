"""The stock areas of the back office (库存查询, 出入库单, 库存预警) over the demo central database,
where S01's counter already sold P000011, P000012 and P000013 (their stock is -1): an inbound
voucher written through the dialog (inline refusals, scanned barcode, a repeated scan adding up)
and posted, seen in the stock list and the ledger pane; limits edited with their refusals under
the fields; the low-stock list with its suggestion; exports; outbound drafts posted or cancelled
from the list; serial-tracked goods; an admin's warehouses; screenshots."""

from __future__ import annotations

import csv
from datetime import UTC, datetime

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from sqlalchemy import select

from backoffice.stock_models import LOW_BACKGROUND, NEGATIVE_BACKGROUND, NEGATIVE_TEXT, describe
from shared.db.models import Category, Product, SerialUnit, Sku, StockBalance
from shared.domain.errors import NotFound, ValidationError
from shared.domain.ids import new_id
from shared.services import inventory

SOLD = ("P000011", "P000012", "P000013")


def sign_in(qtbot, window, account: str, password: str) -> None:
    login = window.login_page
    login.account.setText(account)
    login.password.setText(password)
    qtbot.mouseClick(login.sign_in, Qt.MouseButton.LeftButton)


def click(qtbot, button) -> None:
    assert button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def enter(qtbot, field, text: str | None = None) -> None:
    if text is not None:
        field.setText(text)
    qtbot.keyClick(field, Qt.Key.Key_Return)


def show_area(qtbot, window, key: str):
    """Switch to an area and wait for its list (read again each time the area is shown)."""
    qtbot.waitUntil(
        lambda: key in window.controller.areas and window.controller.areas[key].ready,
        timeout=5_000,
    )
    screen = window.controller.areas[key]
    main = window.main_page
    if main.areas.currentWidget() is screen.widget:
        screen.refresh()
    else:
        main.nav.setCurrentRow(main.areas.indexOf(screen.widget))
    busy = (lambda: screen.loading) if key == "low_stock" else (lambda: screen.model.loading)
    qtbot.waitUntil(lambda: not busy(), timeout=5_000)
    return screen


def search(qtbot, screen, text: str) -> None:
    screen.view.text.setText(text)
    click(qtbot, screen.view.search)
    qtbot.waitUntil(lambda: not screen.model.loading, timeout=5_000)


def background(model, row: int) -> str | None:
    brush = model.data(model.index(row, 0), Qt.ItemDataRole.BackgroundRole)
    return brush.color().name() if brush is not None else None


def test_an_inbound_voucher_through_the_dialog_moves_stock_and_sets_off_low_stock(
    qtbot, make_backoffice, central, terminal, tmp_path, screenshot_dir
):
    out = tmp_path / "out"
    out.mkdir()
    window = make_backoffice(save_to=lambda name: str(out / name))
    sign_in(qtbot, window, "manager01", "manager123")
    stock = show_area(qtbot, window, "stock")
    nav = [window.main_page.nav.item(i).text() for i in range(window.main_page.nav.count())]
    # shifts, coupons, verifications, the three stock areas, stocktake, transfers and stock
    # reservations (besides the catalog areas), each with its entry in the navigation
    assert {
        "shifts",
        "coupons",
        "verifications",
        "stock",
        "vouchers",
        "low_stock",
        "stocktakes",
        "transfers",
        "reservations",
    } <= set(window.controller.areas)
    assert len(nav) == len(window.controller.areas)

    # a manager of S01 works on S01's warehouse only; every stocked SKU is listed
    assert stock.view.warehouse.count() == 1 and stock.view.warehouse.currentData() == "S01"
    assert stock.model.total == 65  # 59 single-SKU products + 6 T-shirt SKUs
    stock.view.negative_only.setChecked(True)
    qtbot.waitUntil(lambda: not stock.model.loading and stock.model.total == 3, timeout=5_000)
    assert [r.sku_code for r in stock.model.rows()] == list(SOLD)
    assert all(r.on_hand_milli == -1000 for r in stock.model.rows())
    assert background(stock.model, 0) == QColor(NEGATIVE_BACKGROUND).name()
    on_hand = stock.model.data(stock.model.index(0, 4), Qt.ItemDataRole.ForegroundRole)
    assert on_hand.color().name() == QColor(NEGATIVE_TEXT).name()
    # the selected SKU's ledger: the sale that took it below zero
    qtbot.waitUntil(lambda: stock.movements_model.total == 1, timeout=5_000)
    sale = stock.movements_model.row_at(0)
    assert (sale.kind, sale.doc_type, sale.qty_milli, sale.balance_after_milli) == (
        "sale",
        "sale",
        -1000,
        -1000,
    )
    assert sale.doc_no  # the receipt number
    stock.view.negative_only.setChecked(False)
    qtbot.waitUntil(lambda: not stock.model.loading and stock.model.total == 65, timeout=5_000)

    # a new inbound voucher
    vouchers = show_area(qtbot, window, "vouchers")
    vouchers.confirm = lambda *_: True
    assert vouchers.model.total == 0
    click(qtbot, vouchers.view.new_in)
    editor = vouchers.editor
    qtbot.waitUntil(editor.view.isVisible, timeout=5_000)
    v = editor.view
    assert v.warehouse.currentData() == "S01" and v.type.currentData() == "purchase"
    assert not v.save_post.isEnabled()  # nothing to save yet

    enter(qtbot, v.code, "NOPE")
    qtbot.waitUntil(v.entry_error.isVisible, timeout=5_000)
    assert v.entry_error.text() == describe(NotFound("-", code="unknown_sku", value="NOPE"))
    enter(qtbot, v.code, "P000050")  # a product with six SKUs
    qtbot.waitUntil(lambda: "P000050" in v.entry_error.text(), timeout=5_000)

    enter(qtbot, v.code, "P000006")
    qtbot.waitUntil(lambda: editor.current is not None, timeout=5_000)
    assert "P000006" in v.item.text() and v.qty.text() == "1"
    assert v.qty.hasFocus()
    enter(qtbot, v.qty, "1.5")  # Enter goes on to the unit cost
    assert v.cost.hasFocus()
    enter(qtbot, v.cost, "2.50")
    assert v.entry_error.text() == describe(ValidationError("-", code="quantity_fractional"))
    assert not editor.lines
    v.qty.setText("12")
    click(qtbot, v.add)
    assert [(ln.sku_code, ln.qty_milli, ln.unit_cost_fen) for ln in editor.lines] == [
        ("P000006", 12_000, 250)
    ]
    assert not v.entry_error.isVisible() and v.code.text() == "" and v.code.hasFocus()

    # scanned by barcode; an amount that is not one is refused under the entry
    p7 = next(p for p in terminal.products if p["code"] == "P000007")
    enter(qtbot, v.code, p7["barcode"])
    qtbot.waitUntil(lambda: editor.current is not None, timeout=5_000)
    v.qty.setText("3")
    enter(qtbot, v.cost, "abc")
    assert v.entry_error.isVisible() and len(editor.lines) == 1
    enter(qtbot, v.cost, "1.20")
    assert [ln.sku_code for ln in editor.lines] == ["P000006", "P000007"]
    # the same SKU at the same cost again adds to its line; the add button looks the code up
    v.code.setText("P000006")
    v.qty.setText("8")
    v.cost.setText("2.5")
    click(qtbot, v.add)
    qtbot.waitUntil(lambda: editor.lines[0].qty_milli == 20_000, timeout=5_000)
    assert len(editor.lines) == 2
    v.note.setText("供应商：华东食品 送货单 A-1024")
    assert "23" in v.totals.text() and "53.60" in v.totals.text()
    # a third item looked up, its refusal under the entry (the screenshot shows both)
    enter(qtbot, v.code, "P000008")
    qtbot.waitUntil(lambda: editor.current is not None, timeout=5_000)
    assert "P000008" in v.item.text()
    v.qty.setText("2.5")
    enter(qtbot, v.cost, "3.80")
    assert v.entry_error.isVisible() and len(editor.lines) == 2
    v.resize(v.sizeHint().expandedTo(v.minimumSize()))
    qtbot.wait(50)
    assert v.grab().save(str(screenshot_dir / "backoffice-voucher.png"))
    # a line taken back into the entry and added again: nothing lost
    editor.edit_line(1)
    assert [ln.sku_code for ln in editor.lines] == ["P000006"] and v.qty.text() == "3"
    qtbot.waitUntil(lambda: editor.current is not None, timeout=5_000)
    assert v.cost.text() == "1.20"
    click(qtbot, v.add)
    assert [ln.sku_code for ln in editor.lines] == ["P000006", "P000007"]
    # a code typed but not added is not silently dropped
    v.code.setText("P000009")
    click(qtbot, v.save_post)
    assert v.entry_error.text() == describe(ValidationError("-", code="entry_pending"))
    assert v.isVisible()
    v.code.clear()

    click(qtbot, v.save_post)
    qtbot.waitUntil(lambda: not v.isVisible(), timeout=5_000)
    qtbot.waitUntil(lambda: vouchers.model.total == 1 and not vouchers.model.loading)
    posted = vouchers.model.row_at(0)
    assert (posted.direction, posted.type, posted.status, posted.lines) == (
        "in",
        "purchase",
        "posted",
        2,
    )
    assert posted.qty_milli == 23_000 and posted.cost_fen == 20 * 250 + 3 * 120
    assert posted.no in vouchers.view.message.text()
    qtbot.waitUntil(lambda: vouchers.lines_model.rowCount() == 2, timeout=5_000)
    assert not vouchers.view.post.isEnabled() and not vouchers.view.cancel.isEnabled()

    # the stock list, read again when shown: 20 on hand at 2.50, and the movement in the ledger
    stock = show_area(qtbot, window, "stock")
    search(qtbot, stock, "P000006")
    assert stock.model.total == 1
    row = stock.model.row_at(0)
    assert (row.on_hand_milli, row.avg_cost_fen, row.value_fen) == (20_000, 250, 5_000)
    qtbot.waitUntil(lambda: stock.movements_model.total == 1, timeout=5_000)
    moved = stock.movements_model.row_at(0)
    assert (moved.kind, moved.doc_no, moved.qty_milli, moved.balance_after_milli) == (
        "purchase",
        posted.no,
        20_000,
        20_000,
    )
    assert moved.created_by_name == "王芳"

    # limits: refusals under their fields, then lower 30 / upper 60: P000006 is low
    click(qtbot, stock.view.edit_limits)
    limits = stock.limits_editor
    qtbot.waitUntil(limits.view.isVisible, timeout=5_000)
    f = limits.view.fields
    f["lower"].setText("abc")
    f["safety"].setText("-1")
    click(qtbot, limits.view.save)
    assert limits.view.errors["lower"].isVisible() and limits.view.errors["safety"].isVisible()
    assert limits.view.errors["safety"].text() == describe(
        ValidationError("-", code="limit_negative")
    )
    f["safety"].setText("5")
    f["lower"].setText("30")
    f["upper"].setText("10")
    click(qtbot, limits.view.save)
    assert limits.view.errors["upper"].text() == describe(ValidationError("-", code="limit_order"))
    assert not limits.view.errors["lower"].isVisible()
    f["upper"].setText("60")
    click(qtbot, limits.view.save)
    qtbot.waitUntil(lambda: not limits.view.isVisible(), timeout=5_000)
    qtbot.waitUntil(lambda: stock.model.row_at(0).lower_milli == 30_000, timeout=5_000)
    row = stock.model.row_at(0)
    assert (row.safety_milli, row.upper_milli, row.low) == (5_000, 60_000, True)
    assert background(stock.model, 0) == QColor(LOW_BACKGROUND).name()
    assert "30" in stock.view.limits.text() and "60" in stock.view.limits.text()

    # two more limits (set by another manager meanwhile): P000011 is negative, P000015 empty
    manager = window.controller.actor
    with central.db.uow() as uow:
        inventory.set_limits(
            uow, manager, warehouse="S01", sku_code="P000011", lower_milli=3_000, upper_milli=10_000
        )
    with central.db.uow() as uow:
        inventory.set_limits(uow, manager, warehouse="S01", sku_code="P000015", lower_milli=2_000)
    search(qtbot, stock, "")
    stock.view.low_only.setChecked(True)
    qtbot.waitUntil(lambda: not stock.model.loading and stock.model.total == 3, timeout=5_000)
    assert [r.sku_code for r in stock.model.rows()] == ["P000006", "P000011", "P000015"]
    stock.view.low_only.setChecked(False)
    qtbot.waitUntil(lambda: not stock.model.loading and stock.model.total == 65, timeout=5_000)
    stock.view.table.sortByColumn(4, Qt.SortOrder.DescendingOrder)  # on hand, by the server
    qtbot.waitUntil(
        lambda: not stock.model.loading and stock.query.sort == "on_hand", timeout=5_000
    )
    assert [r.sku_code for r in stock.model.rows()[:2]] == ["P000006", "P000007"]
    assert [r.sku_code for r in stock.model.rows()[-3:]] == sorted(SOLD, reverse=True)
    # 速食 (instant food) in code order: P000007 received, P000011 negative (red), P000015 low
    stock.view.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    stock.view.category.setCurrentIndex(stock.view.category.findText("速食"))
    stock.apply_filters()
    qtbot.waitUntil(lambda: not stock.model.loading and stock.model.total == 14, timeout=5_000)
    assert [r.sku_code for r in stock.model.rows()[:3]] == ["P000007", "P000011", "P000015"]
    assert background(stock.model, 1) == QColor(NEGATIVE_BACKGROUND).name()
    assert background(stock.model, 2) == QColor(LOW_BACKGROUND).name()
    qtbot.waitUntil(lambda: stock.movements_model.total == 1, timeout=5_000)
    window.resize(1366, 768)
    qtbot.wait(50)
    assert window.grab().save(str(screenshot_dir / "backoffice-stock.png"))
    stock.view.category.setCurrentIndex(0)
    stock.apply_filters()
    qtbot.waitUntil(lambda: not stock.model.loading and stock.model.total == 65, timeout=5_000)

    click(qtbot, stock.view.export_csv)
    qtbot.waitUntil(lambda: stock.view.message.text().endswith(".csv"), timeout=10_000)
    with next(out.glob("stock-S01-*.csv")).open(encoding="utf-8-sig", newline="") as fh:
        table = list(csv.reader(fh))
    assert len(table) == 66 and len(table[0]) == 13
    assert [r[0] for r in table[1:4]] == ["P000001", "P000002", "P000003"]  # the list's order
    p6 = next(r for r in table if r[0] == "P000006")
    assert (p6[1], p6[5], p6[8], p6[9], p6[11], p6[12]) == (
        "P000006",
        "20",
        "2.50",
        "50.00",
        "30",
        "60",
    )
    assert next(r for r in table if r[0] == "P000011")[5] == "-1"

    # the low-stock list: P000006 up to its upper limit 60 from 20 available: order 40;
    # P000011 up to 10 from -1: 11; P000015 has no upper limit: twice its lower limit, 4
    low = show_area(qtbot, window, "low_stock")
    assert [(r.sku_code, r.available_milli, r.suggest_milli) for r in low.model.rows()] == [
        ("P000006", 20_000, 40_000),
        ("P000011", -1_000, 11_000),
        ("P000015", 0, 4_000),
    ]
    qtbot.wait(50)
    assert window.grab().save(str(screenshot_dir / "backoffice-low-stock.png"))
    click(qtbot, low.view.export_xlsx)
    qtbot.waitUntil(lambda: low.view.message.text().endswith(".xlsx"), timeout=10_000)
    from openpyxl import load_workbook

    sheet = load_workbook(next(out.glob("low-stock-S01-*.xlsx"))).active
    assert sheet.max_row == 4 and sheet.max_column == 10
    assert [c.value for c in sheet[2]][:2] == ["S01", "P000006"]
    assert [sheet.cell(r, 10).value for r in (2, 3, 4)] == [40, 11, 4]
    assert sheet.cell(3, 6).value == -1
    click(qtbot, low.view.export_csv)
    qtbot.waitUntil(lambda: low.view.message.text().endswith(".csv"), timeout=10_000)
    with next(out.glob("low-stock-S01-*.csv")).open(encoding="utf-8-sig", newline="") as fh:
        assert [r[-1] for r in csv.reader(fh)][1:] == ["40", "11", "4"]

    # the suggestion as a purchase voucher (补货单): checked, posted, and nothing is low any more
    low.confirm = lambda *_: True
    click(qtbot, low.view.replenish)
    qtbot.waitUntil(lambda: low.editor is not None and low.editor.view.isVisible(), timeout=5_000)
    order = low.editor
    assert order.view.type.currentData() == "purchase"
    assert [(ln.sku_code, ln.qty_milli, ln.unit_cost_fen) for ln in order.lines] == [
        ("P000006", 40_000, 250),
        ("P000011", 11_000, 0),
        ("P000015", 4_000, 0),
    ]
    click(qtbot, order.view.save_post)
    qtbot.waitUntil(lambda: not order.view.isVisible(), timeout=5_000)
    qtbot.waitUntil(
        lambda: "posted" in low.view.message.text() or "过账" in low.view.message.text(),
        timeout=5_000,
    )
    qtbot.waitUntil(lambda: not low.loading and low.model.rowCount() == 0, timeout=5_000)


def test_outbound_drafts_are_posted_or_cancelled_from_the_list(qtbot, make_backoffice, central):
    window = make_backoffice(language="en")
    sign_in(qtbot, window, "manager01", "manager123")
    vouchers = show_area(qtbot, window, "vouchers")
    answers: list[bool] = []
    vouchers.confirm = lambda *_: answers.pop(0)

    def draft(code: str, units: str) -> None:
        click(qtbot, vouchers.view.new_out)
        editor = vouchers.editor
        qtbot.waitUntil(editor.view.isVisible, timeout=5_000)
        v = editor.view
        assert not v.cost.isVisible()  # goods leave at the moving average
        v.type.setCurrentIndex(v.type.findData("loss"))
        enter(qtbot, v.code, code)
        qtbot.waitUntil(lambda: editor.current is not None, timeout=5_000)
        enter(qtbot, v.qty, units)  # outbound: Enter adds the line
        assert len(editor.lines) == 1
        click(qtbot, v.save_draft)
        qtbot.waitUntil(lambda: not v.isVisible(), timeout=5_000)
        qtbot.waitUntil(lambda: "draft" in vouchers.view.message.text(), timeout=5_000)

    draft("P000020", "2")
    draft("P000021", "1")
    qtbot.waitUntil(lambda: vouchers.model.total == 2 and not vouchers.model.loading)
    first = vouchers.model.row_at(0)
    assert (first.status, first.direction, first.type) == ("draft", "out", "loss")
    assert vouchers.view.post.isEnabled() and vouchers.view.cancel.isEnabled()

    # "no" to the question: nothing happens
    answers.append(False)
    click(qtbot, vouchers.view.cancel)
    assert vouchers.model.row_at(0).status == "draft"
    answers.append(True)
    click(qtbot, vouchers.view.cancel)
    qtbot.waitUntil(lambda: vouchers.model.row_at(0).status == "cancelled", timeout=5_000)
    assert not vouchers.view.post.isEnabled()

    vouchers.view.table.selectRow(1)
    qtbot.waitUntil(lambda: vouchers.current.status == "draft", timeout=5_000)
    answers.append(True)
    click(qtbot, vouchers.view.post)
    qtbot.waitUntil(lambda: vouchers.model.row_at(1).status == "posted", timeout=5_000)
    assert "posted" in vouchers.view.message.text()

    # filters: status, direction and type, the number
    vouchers.view.status.setCurrentIndex(vouchers.view.status.findData("cancelled"))
    vouchers.apply_filters()
    qtbot.waitUntil(lambda: not vouchers.model.loading and vouchers.model.total == 1)
    assert vouchers.model.row_at(0).no == first.no
    vouchers.view.status.setCurrentIndex(0)
    vouchers.view.direction.setCurrentIndex(vouchers.view.direction.findData("in"))
    vouchers._direction_chosen()
    qtbot.waitUntil(lambda: not vouchers.model.loading and vouchers.model.total == 0)
    assert vouchers.view.type.findData("loss") == -1  # inbound types only
    vouchers.view.direction.setCurrentIndex(0)
    vouchers._direction_chosen()
    vouchers.view.text.setText(first.no[-6:])
    click(qtbot, vouchers.view.search)
    qtbot.waitUntil(lambda: not vouchers.model.loading and vouchers.model.total == 1)

    # the stock: P000020 went out twice below zero (allowed, and red)
    stock = show_area(qtbot, window, "stock")
    search(qtbot, stock, "P000020")
    assert stock.model.row_at(0).on_hand_milli == -2_000
    assert background(stock.model, 0) == QColor(NEGATIVE_BACKGROUND).name()
    search(qtbot, stock, "P000021")
    assert stock.model.row_at(0).on_hand_milli == 0  # the cancelled draft moved nothing


def _serial_product(db) -> str:
    with db.uow() as uow:
        s = uow.session
        now = datetime.now(UTC)
        pid = str(new_id())
        category = s.scalars(select(Category.id).where(Category.name == "日用品")).first()
        s.add(
            Product(
                id=pid,
                code="PHONE01",
                name="智能手机 X1",
                pinyin="znsj",
                category_id=category,
                unit="台",
                kind="goods",
                serial_tracked=True,
                status="on",
                updated_at=now,
            )
        )
        s.flush()
        s.add(
            Sku(
                id=str(new_id()),
                product_id=pid,
                code="PHONE01",
                price_fen=199_900,
                cost_fen=150_000,
                status="on",
                updated_at=now,
            )
        )
        uow.commit()
    return "PHONE01"


def test_serial_tracked_goods_need_one_serial_number_per_unit(qtbot, make_backoffice, central):
    code = _serial_product(central.db)
    window = make_backoffice(language="en")
    sign_in(qtbot, window, "manager01", "manager123")
    vouchers = show_area(qtbot, window, "vouchers")
    vouchers.confirm = lambda *_: True

    click(qtbot, vouchers.view.new_in)
    editor = vouchers.editor
    v = editor.view
    qtbot.waitUntil(v.isVisible, timeout=5_000)
    assert not v.serials.isEnabled()
    enter(qtbot, v.code, code)
    qtbot.waitUntil(lambda: editor.current is not None, timeout=5_000)
    assert v.serials.isEnabled() and v.qty.isReadOnly() and v.serials.hasFocus()
    v.cost.setText("1500")
    enter(qtbot, v.serials, "")
    assert v.entry_error.text() == describe(ValidationError("-", code="serials_missing"))
    v.serials.setText("SN001, SN002 SN002")
    assert v.qty.text() == "3"
    enter(qtbot, v.serials)
    assert v.entry_error.text() == describe(ValidationError("-", code="serial_duplicate"))
    v.serials.setText("SN001，SN002")
    enter(qtbot, v.serials)
    assert [(ln.qty_milli, ln.serials) for ln in editor.lines] == [(2_000, ("SN001", "SN002"))]
    click(qtbot, v.save_post)
    qtbot.waitUntil(lambda: not v.isVisible(), timeout=5_000)
    qtbot.waitUntil(lambda: vouchers.model.total == 1 and not vouchers.model.loading)
    assert vouchers.model.row_at(0).status == "posted"
    with central.db.reader() as uow:
        units = uow.session.scalars(select(SerialUnit).order_by(SerialUnit.serial_no)).all()
        assert [(u.serial_no, u.state) for u in units] == [
            ("SN001", "in_stock"),
            ("SN002", "in_stock"),
        ]

    # out with a serial number that is not in stock: the draft stays, the refusal is said
    click(qtbot, vouchers.view.new_out)
    editor = vouchers.editor
    v = editor.view
    qtbot.waitUntil(v.isVisible, timeout=5_000)
    enter(qtbot, v.code, code)
    qtbot.waitUntil(lambda: editor.current is not None, timeout=5_000)
    enter(qtbot, v.serials, "SN009")
    assert len(editor.lines) == 1
    click(qtbot, v.save_post)
    qtbot.waitUntil(lambda: not v.isVisible(), timeout=5_000)
    qtbot.waitUntil(lambda: vouchers.model.total == 2 and not vouchers.model.loading)
    draft = vouchers.model.row_at(0)
    assert draft.status == "draft"
    assert "SN009" in vouchers.view.message.text() and draft.no in vouchers.view.message.text()
    with central.db.reader() as uow:
        sku_id = uow.session.scalars(select(Sku.id).where(Sku.code == code)).one()
        balances = uow.session.scalars(
            select(StockBalance.on_hand_milli).where(StockBalance.sku_id == sku_id)
        ).all()
        assert balances == [2_000]


def test_an_admin_chooses_among_every_warehouse(qtbot, make_backoffice, central):
    window = make_backoffice(language="en")
    sign_in(qtbot, window, "admin", "admin1234")
    stock = show_area(qtbot, window, "stock")
    codes = [stock.view.warehouse.itemData(i) for i in range(stock.view.warehouse.count())]
    assert {"S01", "S02"} <= set(codes)
    # S02 never had stock moved: every SKU at zero, and nothing low
    stock.view.warehouse.setCurrentIndex(codes.index("S02"))
    stock.apply_filters()
    qtbot.waitUntil(lambda: not stock.model.loading and stock.model.total == 65, timeout=5_000)
    assert {r.on_hand_milli for r in stock.model.rows()} == {0}
    vouchers = show_area(qtbot, window, "vouchers")
    assert vouchers.view.warehouse.itemText(0) == "All warehouses"
    low = show_area(qtbot, window, "low_stock")
    low.view.warehouse.setCurrentIndex(low.view.warehouse.findData("S02"))
    low.refresh()
    qtbot.waitUntil(lambda: not low.loading, timeout=5_000)
    assert low.model.rowCount() == 0 and not low.view.export_csv.isEnabled()
