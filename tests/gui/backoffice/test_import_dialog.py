"""导入商品 over the demo central database: a workbook of three good rows and three bad ones
(a barcode's check digit, a missing price, a formula) imported through the dialog, the counts
and the rejected rows' table, the error report saved, the template downloaded, a long import
cancelled midway committing nothing, and a screenshot in Chinese."""

from __future__ import annotations

import csv
from pathlib import Path

from openpyxl import Workbook, load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from sqlalchemy import func, select

from backoffice.import_dialog import ImportDialog
from shared.db.models import Product, Sku
from shared.domain.barcode import with_check_digit
from shared.services.product_io import PRODUCT_COLUMNS, ProductImport

HEADER = [c.header for c in PRODUCT_COLUMNS]
KEYS = [c.key for c in PRODUCT_COLUMNS]
H = {c.key: c.header for c in PRODUCT_COLUMNS}


def bc(n: int) -> str:
    """A valid EAN-13 that no demo product uses."""
    return with_check_digit(f"694{n:09d}")


def good(code: str, n: int, **more) -> list:
    values = dict(
        product_code=code,
        name=f"导入商品{n}",
        category="饮料/茶饮料",
        unit="瓶",
        barcodes=bc(n),
        price="4.50",
        cost="2.80",
    )
    values.update(more)
    return [values.get(k, "") for k in KEYS]


def sign_in(qtbot, window) -> None:
    login = window.login_page
    login.account.setText("manager01")
    login.password.setText("manager123")
    qtbot.mouseClick(login.sign_in, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.controller.actor is not None, timeout=5_000)


def make_dialog(qtbot, window, *, open_path=None, save_to=None) -> ImportDialog:
    c = window.controller
    dialog = ImportDialog(
        window.runner,
        c.backend,
        c.actor,
        kind="products",
        parent=window,
        ask_open_path=lambda _kind: str(open_path) if open_path else None,
        ask_save_path=lambda name, _kind: str(save_to(name)) if save_to else None,
    )
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def codes_like(db, prefix: str) -> int:
    with db.reader() as uow:
        return uow.session.scalar(
            select(func.count()).select_from(Product).where(Product.code.like(f"{prefix}%"))
        )


def test_import_reports_counts_and_rejected_rows_and_saves_the_error_report(
    qtbot, make_backoffice, central, tmp_path, screenshot_dir
):
    bad_barcode = bc(4)[:-1] + str((int(bc(4)[-1]) + 1) % 10)
    wb = Workbook()
    ws = wb.active
    ws.title = "商品"
    ws.append(HEADER)
    for r in (
        good("IMP001", 1),  # row 2
        good("IMP002", 2),  # 3
        good("IMP003", 3),  # 4
        good("IMP004", 4, barcodes=bad_barcode),  # 5: check digit
        good("IMP005", 5, price=""),  # 6: price missing
        good("IMP006", 6, name="=A2&B2"),  # 7: a formula
    ):
        ws.append([None if v == "" else v for v in r])
    path = tmp_path / "products.xlsx"
    wb.save(path)

    window = make_backoffice()
    sign_in(qtbot, window)
    saved: list[Path] = []

    def save_to(name: str) -> Path:
        saved.append(tmp_path / ("errors.csv" if len(saved) else name))
        return saved[-1]

    dialog = make_dialog(qtbot, window, open_path=path, save_to=save_to)
    assert dialog.windowTitle() == "导入商品" or dialog.windowTitle() == "Import products"
    assert not dialog.save_errors.isEnabled()

    # the template first (an .xlsx the import reads back with no row)
    qtbot.mouseClick(dialog.template, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: saved and str(saved[0]) in dialog.message.text(), timeout=5_000)
    assert saved[0].name == "products-template.xlsx"
    assert load_workbook(saved[0]).active.cell(1, 1).value == HEADER[0]
    saved.clear()

    imported: list[ProductImport] = []
    dialog.imported.connect(imported.append)
    qtbot.mouseClick(dialog.choose, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(imported), timeout=10_000)
    report = dialog.report
    assert isinstance(report, ProductImport)
    assert (report.rows, report.imported, report.skus_created, report.rejected) == (6, 3, 3, 3)
    assert codes_like(central.db, "IMP00") == 3
    assert dialog.progress is None and not dialog.running
    m = dialog.errors_model
    table = [tuple(m.data(m.index(r, c)) for c in range(3)) for r in range(m.rowCount())]
    assert [(r, c) for r, c, _ in table] == [(5, H["barcodes"]), (6, H["price"]), (7, H["name"])]
    assert "check digit" in table[0][2]
    assert "formula" in table[2][2]
    assert "3" in dialog.summary.text()
    assert dialog.save_errors.isEnabled()

    dialog.resize(900, 520)
    qtbot.wait(50)
    assert dialog.grab().save(str(screenshot_dir / "backoffice-import-errors.png"))

    # the error report, as XLSX then CSV
    qtbot.mouseClick(dialog.save_errors, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: str(saved[-1]) in dialog.message.text(), timeout=5_000)
    rows = list(load_workbook(saved[-1]).active.iter_rows(values_only=True))
    assert [r[:2] for r in rows[1:]] == [(5, H["barcodes"]), (6, H["price"]), (7, H["name"])]
    qtbot.mouseClick(dialog.save_errors, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: len(saved) == 2 and str(saved[-1]) in dialog.message.text(), timeout=5_000
    )
    with saved[-1].open(encoding="utf-8-sig", newline="") as fh:
        lines = list(csv.reader(fh))
    assert [r[:2] for r in lines[1:]] == [["5", H["barcodes"]], ["6", H["price"]], ["7", H["name"]]]

    # the same file again: nothing new, the three good rows unchanged
    imported.clear()
    qtbot.mouseClick(dialog.choose, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(imported), timeout=10_000)
    assert (dialog.report.skus_created, dialog.report.unchanged, dialog.report.rejected) == (
        0,
        3,
        3,
    )


def test_cancelling_a_long_import_commits_nothing(qtbot, make_backoffice, central, tmp_path):
    path = tmp_path / "many.csv"
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(HEADER)
        out.writerows(good(f"BIG{i:05d}", 1000 + i) for i in range(20_000))
    window = make_backoffice()
    sign_in(qtbot, window)
    with central.db.reader() as uow:
        skus_before = uow.session.scalar(select(func.count()).select_from(Sku))
    dialog = make_dialog(qtbot, window, open_path=path)
    imported: list[object] = []
    dialog.imported.connect(imported.append)
    qtbot.mouseClick(dialog.choose, Qt.MouseButton.LeftButton)
    assert dialog.running and dialog.progress is not None and dialog.progress.isVisible()
    qtbot.waitUntil(lambda: dialog.state is not None and dialog.state.done > 0, timeout=10_000)
    qtbot.waitUntil(lambda: dialog.progress.maximum() > 0, timeout=5_000)  # shown by the bar
    cancel = dialog.progress.findChild(QPushButton)
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.running, timeout=20_000)
    assert dialog.cancelled and dialog.report is None and not imported
    assert dialog.progress is None
    assert dialog.errors_model.rowCount() == 0
    assert codes_like(central.db, "BIG") == 0
    with central.db.reader() as uow:
        assert uow.session.scalar(select(func.count()).select_from(Sku)) == skus_before
    assert dialog.choose.isEnabled()


def test_the_stock_area_opens_both_imports(qtbot, make_backoffice):
    window = make_backoffice()
    sign_in(qtbot, window)
    qtbot.waitUntil(lambda: "stock" in window.controller.areas, timeout=5_000)
    stock = window.controller.areas["stock"]
    for button, kind in (
        (stock.view.import_products, "products"),
        (stock.view.import_opening, "opening"),
    ):
        assert not button.isHidden()
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        dialogs = [d for d in stock.view.findChildren(ImportDialog) if d.isVisible()]
        assert [d.kind for d in dialogs] == [kind]
        dialogs[0].close()
