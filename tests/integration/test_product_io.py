"""Products in and out of spreadsheets (SPEC §2, §15) on SQLite and PostgreSQL centrals: the
template, import (good rows in, bad rows reported row by row, change-logged so terminals pull
them), export (round trip changes nothing), and every kind of bad input."""

from __future__ import annotations

import csv
import os
import time
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select

from shared.db.models import AuditEntry, Barcode, Category, ChangeLog, Product, Sku, Staff
from shared.domain.barcode import with_check_digit
from shared.domain.errors import PermissionDenied, ValidationError
from shared.services import auth, catalog, product_io
from shared.services.product_io import PRODUCT_COLUMNS, Progress, run_to_end
from shared.services.sync_status import run_once
from shared.sync.gateway import InProcessGateway

HEADER = [c.header for c in PRODUCT_COLUMNS]
KEYS = [c.key for c in PRODUCT_COLUMNS]
#: a column as the error report names it: its header in the file
H = {c.key: c.header for c in PRODUCT_COLUMNS}


def bc(n: int) -> str:
    """A valid EAN-13 that no demo product uses."""
    return with_check_digit(f"693{n:09d}")


def row(**values) -> list:
    """A file row in template order: only the given keys filled."""
    return [values.get(k, "") for k in KEYS]


def good(code: str, n: int, **more) -> list:
    values = dict(
        product_code=code,
        name=f"测试商品{n}",
        category="饮料/碳酸饮料/可乐",
        unit="瓶",
        barcodes=bc(n),
        price="3.50",
        member_price="3.20",
        cost="2.10",
    )
    values.update(more)
    return row(**values)


def write_csv(path: Path, rows: list[list], header=HEADER, encoding="utf-8-sig") -> Path:
    with path.open("w", encoding=encoding, newline="") as fh:
        out = csv.writer(fh)
        if header is not None:
            out.writerow(header)
        out.writerows(rows)
    return path


def write_xlsx(path: Path, rows: list[list], header=HEADER, edit=None) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "商品"
    ws.append(header)
    for r in rows:
        ws.append([None if v == "" else v for v in r])
    if edit:
        edit(ws)
    wb.save(path)
    return path


def admin(db):
    with db.reader() as uow:
        staff = uow.session.scalars(select(Staff).where(Staff.account == "admin")).one()
        return auth.actor_for(uow, staff)


def do_import(db, source, **kw):
    with db.uow() as uow:
        return run_to_end(product_io.import_products(uow, admin(db), source, **kw))


def snapshot(db) -> dict:
    """Every catalog row and the change log's length."""
    with db.reader() as uow:
        s = uow.session
        return {
            "products": sorted(tuple(r) for r in s.execute(select(Product.__table__)).all()),
            "skus": sorted(tuple(r) for r in s.execute(select(Sku.__table__)).all()),
            "barcodes": sorted(tuple(r) for r in s.execute(select(Barcode.__table__)).all()),
            "categories": sorted(tuple(r) for r in s.execute(select(Category.__table__)).all()),
            "changes": s.scalar(select(func.count()).select_from(ChangeLog)),
        }


def sku_of(db, code: str) -> dict | None:
    with db.reader() as uow:
        r = uow.session.execute(select(Sku.__table__).where(Sku.code == code)).first()
        return dict(r._mapping) if r else None


def barcodes_of(db, code: str) -> set[str]:
    with db.reader() as uow:
        return set(
            uow.session.scalars(
                select(Barcode.code).join(Sku, Sku.id == Barcode.sku_id).where(Sku.code == code)
            )
        )


def reasons(report) -> dict[int, list[str]]:
    out: dict[int, list[str]] = {}
    for e in report.errors:
        out.setdefault(e.row, []).append(f"{e.column}: {e.reason}" if e.column else e.reason)
    return out


@pytest.fixture
def central(make_db):
    from shared.services.demo import create_demo

    db = make_db()
    create_demo(db, products=60)  # weighed goods, a clothing line with two specs, store prices
    return db


# -- template ------------------------------------------------------------------------------------


def test_template_has_headers_an_example_and_notes_and_imports_as_it_is(central, tmp_path):
    path = product_io.write_template(tmp_path / "模板.xlsx")
    wb = load_workbook(path)
    assert wb.sheetnames == ["商品", "说明"]
    ws = wb["商品"]
    header = [c.value for c in ws[1]]
    assert header == HEADER
    assert header[0] == "*商品编码(product_code)" and "*售价(元)(price)" in header
    example = [c.value for c in ws[2]]
    assert example[0] == "P900001" and example[KEYS.index("price")] == "3.50"
    notes = [r[2] for r in wb["说明"].iter_rows(min_row=2, values_only=True) if r[2]]
    assert any("饮料/碳酸饮料/可乐" in n for n in notes)
    assert any("示例" in n for n in notes)

    # the template is consistent with the importer: its example row goes in as it is
    report = do_import(central, path)
    assert (report.rows, report.rejected, report.products_created) == (1, 0, 1)
    assert sku_of(central, "P900001")["price_fen"] == 350

    csv_path = product_io.write_template(tmp_path / "template.csv")
    text = csv_path.read_bytes()
    assert text.startswith(b"\xef\xbb\xbf")
    assert do_import(central, csv_path).unchanged == 1


# -- import ------------------------------------------------------------------------------------


def test_import_creates_products_skus_specs_barcodes_and_categories_and_terminals_pull_them(
    counter, tmp_path
):
    central = counter.central
    path = write_csv(
        tmp_path / "new.csv",
        [
            good("N001", 1, name="可口可乐 330ml"),
            row(
                product_code="N002",
                name="纯棉T恤",
                category="服装/上衣/T恤",
                unit="件",
                spec1_name="颜色",
                spec1="白色",
                spec2_name="尺码",
                spec2="M",
                sku_code="N002-WM",
                barcodes=f"{bc(2)}，{bc(3)}",
                price="59",
                cost="25.5",
            ),
            row(
                product_code="N002",
                name="纯棉T恤",
                category="服装/上衣/T恤",
                unit="件",
                spec1_name="颜色",
                spec1="黑色",
                spec2_name="尺码",
                spec2="L",
                sku_code="N002-BL",
                barcodes=bc(4),
                price="69.90",
            ),
            row(
                product_code="N003",
                name="散装香梨",
                category="生鲜",
                unit="kg",
                weighed="是",
                plu="77",
                price="8.8",
                status="下架",
                kind="goods",
                on_shelf_at="2030-01-01 08:00",
            ),
        ],
    )
    before = snapshot(central)
    seen: list[Progress] = []
    with central.uow() as uow:
        job = product_io.import_products(uow, admin(central), path)
        while True:
            try:
                seen.append(next(job))
            except StopIteration as stop:
                report = stop.value
                break
    assert seen and all(p.done <= p.total or p.total == 0 for p in seen)
    assert report.rejected == 0 and report.errors == []
    assert (report.products_created, report.skus_created, report.barcodes_added) == (3, 4, 4)
    assert report.categories_created == 4  # 碳酸饮料, 可乐, 上衣, T恤 (饮料 生鲜 服装 existed)

    cola = sku_of(central, "N001")
    assert (cola["price_fen"], cola["member_price_fen"], cola["cost_fen"]) == (350, 320, 210)
    shirt = sku_of(central, "N002-WM")
    assert (shirt["spec1"], shirt["spec2"], shirt["price_fen"], shirt["cost_fen"]) == (
        "白色",
        "M",
        5900,
        2550,
    )
    assert barcodes_of(central, "N002-WM") == {bc(2), bc(3)}
    pear = sku_of(central, "N003")
    assert (pear["weighed"], pear["plu"], pear["price_fen"]) == (True, "000077", 880)
    with central.reader() as uow:
        p = uow.session.scalars(select(Product).where(Product.code == "N003")).one()
        assert p.status == "off" and p.on_shelf_at == datetime.fromisoformat(
            "2030-01-01T00:00:00+00:00"
        )
        t = uow.session.scalars(select(Product).where(Product.code == "N002")).one()
        assert (t.spec1_name, t.spec2_name, t.pinyin) == ("颜色", "尺码", "cmtx")
        leaf = uow.session.get(Category, t.category_id)
        assert (leaf.name, leaf.level) == ("T恤", 3)
        parent = uow.session.get(Category, leaf.parent_id)
        assert (parent.name, parent.level) == ("上衣", 2)
    after = snapshot(central)
    # every new row was change-logged: 4 categories, 3 products, 4 SKUs, 4 barcodes
    assert after["changes"] - before["changes"] == 15

    # the terminal pulls them and sells by the new barcodes
    run_once(counter.db, InProcessGateway(central))
    line = counter.line(bc(3))
    assert (line.sku_code, line.name, line.unit_price_fen) == ("N002-WM", "纯棉T恤 白色 M", 5900)
    with counter.db.reader() as uow:
        assert [h.code for h in catalog.search(uow, counter.ctx, "kkkl")] == ["N001"]


def test_update_changes_only_what_differs_and_barcodes_follow_the_cell(central, tmp_path):
    do_import(central, write_csv(tmp_path / "a.csv", [good("U001", 10), good("U002", 11)]))
    before = snapshot(central)
    report = do_import(
        central,
        write_csv(
            tmp_path / "b.csv",
            [
                good("U001", 10, price="4.00", barcodes=f"{bc(12)},{bc(13)}"),
                good("U002", 11),
            ],
        ),
    )
    assert (report.skus_updated, report.products_updated, report.unchanged) == (1, 0, 1)
    assert (report.barcodes_added, report.barcodes_removed) == (2, 1)
    assert sku_of(central, "U001")["price_fen"] == 400
    assert barcodes_of(central, "U001") == {bc(12), bc(13)}
    with central.reader() as uow:
        ops = uow.session.execute(
            select(ChangeLog.table_name, ChangeLog.op)
            .where(ChangeLog.id > before["changes"])
            .order_by(ChangeLog.id)
        ).all()
    assert ops == [
        ("sku", "upsert"),
        ("barcode", "delete"),
        ("barcode", "upsert"),
        ("barcode", "upsert"),
    ]

    # columns missing from the file keep what the catalog has
    report = do_import(
        central,
        write_csv(
            tmp_path / "c.csv",
            [["U001", "新名字", "5"]],
            header=["商品编码", "商品名称", "售价"],
        ),
    )
    assert report.rejected == 0 and (report.products_updated, report.skus_updated) == (1, 1)
    u = sku_of(central, "U001")
    assert (u["price_fen"], u["member_price_fen"], u["cost_fen"]) == (500, 320, 210)
    assert barcodes_of(central, "U001") == {bc(12), bc(13)}


def test_export_then_import_changes_nothing(central, tmp_path):
    do_import(
        central,
        write_csv(
            tmp_path / "extra.csv",
            [
                good("R001", 20, name="=1+1 不是公式", on_shelf_at="2030-05-01 09:30"),
                good("R002", 21, name="A'; DROP TABLE product; --", member_price=""),
            ],
        ),
    )
    before = snapshot(central)
    with central.reader() as uow:
        rows = run_to_end(product_io.export_products(uow, admin(central), tmp_path / "all.xlsx"))
        run_to_end(product_io.export_products(uow, admin(central), tmp_path / "all.csv"))
        run_to_end(
            product_io.export_products(
                uow, admin(central), tmp_path / "all-gbk.csv", encoding="gb18030"
            )
        )
    assert rows == len(before["skus"]) and not list(tmp_path.glob("*.partial"))
    ws = load_workbook(tmp_path / "all.xlsx")["商品"]
    assert [c.value for c in ws[1]] == HEADER
    names = [r[1] for r in ws.iter_rows(min_row=2, values_only=True)]
    assert "=1+1 不是公式" in names  # text, not a formula
    for name in ("all.xlsx", "all.csv", "all-gbk.csv"):
        report = do_import(central, tmp_path / name)
        assert report.rejected == 0, reasons(report)
        assert report.unchanged == rows
        assert snapshot(central) == before, name


def test_cancelling_an_import_writes_nothing(central, tmp_path):
    path = write_csv(tmp_path / "many.csv", [good(f"C{i:05d}", 100 + i) for i in range(5000)])
    before = snapshot(central)
    with central.uow() as uow:
        job = product_io.import_products(uow, admin(central), path)
        for _ in range(4):
            next(job)
        job.close()
    assert snapshot(central) == before


def test_only_catalog_managers_import_and_export(central, tmp_path):
    with central.reader() as uow:
        cashier = auth.actor_for(
            uow, uow.session.scalars(select(Staff).where(Staff.account == "cashier01")).one()
        )
    path = write_csv(tmp_path / "a.csv", [good("Z001", 1)])
    with central.uow() as uow, pytest.raises(PermissionDenied):
        run_to_end(product_io.import_products(uow, cashier, path))
    with central.reader() as uow, pytest.raises(PermissionDenied):
        run_to_end(product_io.export_products(uow, cashier, tmp_path / "x.xlsx"))


# -- bad input ---------------------------------------------------------------------------------


def test_wrong_headers_name_what_is_missing_and_unknown(central, tmp_path):
    before = snapshot(central)
    path = write_csv(
        tmp_path / "h.csv",
        [["P1", "x", "1"]],
        header=["商品编码", "品名称", "颜色"],
    )
    with pytest.raises(ValidationError) as exc:
        do_import(central, path)
    e = exc.value
    assert e.code == "bad_headers"
    assert e.details["missing"] == ["*商品名称(name)", "*售价(元)(price)"]
    assert e.details["unknown"] == ["品名称", "颜色"]
    assert "missing *商品名称(name), *售价(元)(price)" in e.message
    assert "unknown '品名称', '颜色'" in e.message
    # a column given twice
    path = write_csv(tmp_path / "h2.csv", [], header=["商品编码", "name", "售价", "商品名称"])
    with pytest.raises(ValidationError) as exc:
        do_import(central, path)
    assert exc.value.details["duplicate"] == ["商品名称"]
    assert snapshot(central) == before


def test_bad_cells_are_reported_row_by_row_and_good_rows_go_in(central, tmp_path):
    taken = with_check_digit("690000000100")  # demo product P000010's barcode
    rows = [
        good("B001", 31),  # row 2: fine
        good("B002", 32, price="12.345"),  # 3
        good("B003", 33, price="-1"),  # 4
        good("B004", 34, barcodes=with_check_digit("693000000035")[:-1] + "0"),  # 5: check digit
        good("B005", 35, barcodes="12345"),  # 6: digits, not an EAN length
        good("B006", 36, barcodes=taken),  # 7: another SKU's barcode
        good("B007", 37, name="长" * 121),  # 8: too long
        good("B008", 38, kind="衣服"),  # 9: unknown kind
        good("B009", 39, member_price="9.00"),  # 10: above the price
        good("B010", 40, category="a/b/c/d"),  # 11: four levels
        good("B011", 41, on_shelf_at="明天"),  # 12
        good("B012", 42, weighed="maybe"),  # 13
        good("B013", 43, barcodes=with_check_digit("200000100001")),  # 14: scale-label prefix
        good("B014", 44, name="两行\n名字"),  # 15: control character
        good("B015", 45, price=""),  # 16: required
        good("B016", 46, spec1_name="颜色"),  # 17: spec value missing
        good("", 47),  # 18: no product code
        good("B018", 48, product_code="B 018"),  # 19: a code with a space
        good("B019", 49, sku_code="P000011"),  # 20: another product's SKU
        good("B020", 50, plu="1234567", weighed="是"),  # 21: PLU too long
        good("B021", 51, name="'; DELETE FROM sku; --", sku_code="B021';--"),  # 22: plain text
    ]
    before = snapshot(central)
    report = do_import(central, write_csv(tmp_path / "bad.csv", rows))
    got = reasons(report)
    assert report.rows == 21 and report.rejected == 19 and report.imported == 2
    with central.reader() as uow:  # an import is a head-office change: audited
        target, detail = uow.session.execute(
            select(AuditEntry.target, AuditEntry.detail).where(
                AuditEntry.action == "product.import"
            )
        ).one()
    assert (target, detail["rows"], detail["rejected"]) == ("bad.csv", 21, 19)
    assert sorted(got) == list(range(3, 22))
    assert got[3] == [f"{H['price']}: '12.345' is not an amount in yuan (e.g. 12.50)"]
    assert got[4] == [f"{H['price']}: '-1': must not be negative"]
    assert got[5] == [
        f"{H['barcodes']}: barcode 6930000000350: check digit is wrong (should end in "
        f"{with_check_digit('693000000035')[-1]})"
    ]
    assert "8, 12, 13 or 14 digits" in got[6][0]
    assert got[7] == [f"{H['barcodes']}: barcode {taken} is already on another SKU"]
    assert got[8] == [f"{H['name']}: too long: 121 characters (at most 120)"]
    assert got[9][0].startswith(f"{H['kind']}: '衣服' is not one of")
    assert got[10] == [f"{H['member_price']}: the member price 9.00 is above the price 3.50"]
    assert "at most 3 levels" in got[11][0]
    assert got[12][0].startswith(f"{H['on_shelf_at']}: '明天' is not a date")
    assert got[13] == [f"{H['weighed']}: 'maybe' is not 是 or 否 (yes / no)"]
    assert "scale-label prefix" in got[14][0]
    assert got[15] == [f"{H['name']}: contains control characters (line breaks, tabs)"]
    assert got[16] == [f"{H['price']}: required"]
    assert got[17] == [f"{H['spec1']}: required when 规格1名称 is given"]
    assert got[18][0] == f"{H['product_code']}: required"
    assert "contains spaces" in got[19][0]
    assert got[20] == [f"{H['sku_code']}: SKU code P000011 belongs to product P000011"]
    assert "not 1 to 6 digits" in got[21][0]
    assert all(e.code for e in report.errors)
    after = snapshot(central)
    assert len(after["products"]) == len(before["products"]) + 2
    # SQL metacharacters are plain text, stored as typed
    sneaky = sku_of(central, "B021';--")
    assert sneaky is not None and sneaky["price_fen"] == 350
    with central.reader() as uow:
        assert (
            uow.session.scalar(select(Product.name).where(Product.code == "B021"))
            == "'; DELETE FROM sku; --"
        )
    assert len(after["skus"]) == len(before["skus"]) + 2

    # the error report file: row, column, reason
    out = product_io.write_errors(report.errors, tmp_path / "errors.csv")
    lines = list(csv.reader(out.open(encoding="utf-8-sig")))
    assert lines[0] == ["行号 (row)", "列 (column)", "原因 (reason)"]
    assert lines[1][:2] == ["3", H["price"]]
    xlsx = product_io.write_errors(report.errors, tmp_path / "errors.xlsx")
    assert load_workbook(xlsx).active.max_row == len(report.errors) + 1


def test_duplicates_in_the_file_refuse_every_row_involved(central, tmp_path):
    rows = [
        good("D001", 60),  # 2: SKU code D001 twice
        good("D001", 61, name="测试商品60"),  # 3
        good("D003", 62),  # 4: barcode bc(62) twice
        good("D004", 62),  # 5
        good("D005", 65),  # 6: fine
        good("D006", 66, name="名字一"),  # 7: product D006 with two names
        good("D006", 67, name="名字二", sku_code="D006-2"),  # 8
    ]
    report = do_import(central, write_csv(tmp_path / "dup.csv", rows))
    got = reasons(report)
    assert sorted(got) == [2, 3, 4, 5, 8]
    assert got[2] == [f"{H['sku_code']}: SKU code D001 is in the file more than once (also row 3)"]
    assert got[4] == [
        f"{H['barcodes']}: barcode {bc(62)} is in the file more than once (also row 5)"
    ]
    assert "product D006: differs from row 7" in got[8][0]
    assert sku_of(central, "D005") is not None and sku_of(central, "D006") is not None
    assert sku_of(central, "D001") is None and sku_of(central, "D006-2") is None


def test_excel_oddities_formulas_dates_merged_cells_numbers_and_blank_rows(central, tmp_path):
    def edit(ws):
        ws["P3"] = "=1+2"  # row 3: the price is a formula
        ws["B4"] = datetime(2024, 3, 1)  # row 4: Excel turned the name into a date
        ws.merge_cells("B6:B7")  # rows 6-7: a merged name
        ws["O8"] = int(bc(99))  # row 8: a barcode typed as a number
        ws["P8"] = 12.5  # and the price as a number
        ws["A9"] = 900009  # row 9: a product code typed as a number
        ws["P9"] = "7.00"  # and the price as text
        # rows 10-11 blank, then one more row
        for col in "ABCDEFGHIJKLMNOPQRST":
            ws[f"{col}10"] = None
            ws[f"{col}11"] = None

    rows = [good(f"X{i:03d}", 70 + i) for i in range(1, 9)]
    rows.insert(8, row())  # row 10 blank
    rows.insert(9, row())  # row 11 blank
    rows.append(good("X012", 82))  # row 12
    path = write_xlsx(tmp_path / "odd.xlsx", rows, edit=edit)
    report = do_import(central, path)
    got = reasons(report)
    assert got[3] == [f"{H['price']}: formula, not a value: type the value itself"]
    assert got[4][0].startswith(f"{H['name']}: a date (2024-03-01 00:00:00), not text")
    assert "merged cells (B6:B7)" in got[6][0] and "merged cells (B6:B7)" in got[7][0]
    assert sorted(got) == [3, 4, 6, 7]
    assert report.blank == 2 and report.rows == 9 and report.imported == 5
    assert sku_of(central, "X007")["price_fen"] == 1250
    assert barcodes_of(central, "X007") == {bc(99)}
    assert sku_of(central, "900009")["price_fen"] == 700


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-8", "gb18030"])
def test_csv_encodings(central, tmp_path, encoding):
    path = write_csv(
        tmp_path / "enc.csv", [good("E001", 90, name="农夫山泉 550ml")], encoding=encoding
    )
    report = do_import(central, path)
    assert report.rejected == 0
    with central.reader() as uow:
        assert uow.session.scalar(select(Product.name).where(Product.code == "E001")) == (
            "农夫山泉 550ml"
        )


def test_files_that_are_not_spreadsheets_are_refused_and_change_nothing(central, tmp_path):
    before = snapshot(central)
    header = ",".join(HEADER).encode()
    cases = {
        "empty.csv": (b"", "file_empty"),
        "spaces.csv": (b"  \r\n\r\n", "file_empty"),
        "header-only.csv": (b"\xef\xbb\xbf" + header + b"\r\n", "file_empty"),
        "garbage.csv": (os.urandom(4096) + b"\x00", "file_not_text"),
        "garbage.xlsx": (b"this is not a workbook at all", "file_unreadable"),
        "broken.xlsx": (b"PK\x03\x04" + os.urandom(2000), "file_unreadable"),
        "old.xls": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(2000), "file_xls"),
        "latin1.csv": (header + b"\r\nP1,caf\xe9\x80,3\r\n", "file_encoding"),
        "controls.csv": (header + b"\r\n" + b"\x01\x02\x03\x04" * 200, "file_not_text"),
    }
    for name, (data, code) in cases.items():
        (tmp_path / name).write_bytes(data)
        with pytest.raises(ValidationError) as exc:
            do_import(central, tmp_path / name)
        assert exc.value.code == code, name
        with pytest.raises(ValidationError) as exc:
            do_import(central, data, filename=name)
        assert exc.value.code == code, name
    # one stray control character is the cell's fault, not the file's
    stray = tmp_path / "stray.csv"
    stray.write_bytes(header + b"\r\nS1,bad\x01name,3\r\n")
    report = do_import(central, stray)
    assert report.rejected == 1 and "control characters" in report.errors[0].reason
    # a workbook whose only sheet is empty
    wb = Workbook()
    wb.save(tmp_path / "blank.xlsx")
    with pytest.raises(ValidationError) as exc:
        do_import(central, tmp_path / "blank.xlsx")
    assert exc.value.code == "file_empty"
    assert snapshot(central) == before


BIG = 100_000


@pytest.fixture(scope="module")
def big_file(tmp_path_factory) -> Path:
    """A 100,000-row workbook, made once for both backends."""
    path = tmp_path_factory.mktemp("big") / "big.xlsx"
    n = BIG
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("商品")
    ws.append(HEADER)
    for i in range(n):
        ws.append(
            [
                f"H{i:07d}",
                f"批量商品 {i}",
                "饮料/茶饮",
                "瓶",
                None,
                None,
                None,
                None,
                None,
                None,
                None,
                None,
                None,
                None,
                with_check_digit(f"694{i:09d}"),
                "3.50",
                None,
                "2.00",
            ]
        )
    wb.save(path)
    return path


@pytest.mark.slow
def test_a_hundred_thousand_rows_go_in_whole(central, big_file):
    """All 100,000 rows go in, each change-logged (how fast is a benchmark's business, not a
    test's: the time is printed, never asserted)."""
    n = BIG
    before = snapshot(central)["changes"]
    start = time.monotonic()
    report = do_import(central, big_file)
    print(f"imported {n} rows in {time.monotonic() - start:.1f} s")
    assert report.rejected == 0 and report.products_created == n and report.barcodes_added == n
    with central.reader() as uow:
        s = uow.session
        assert s.scalar(select(func.count()).select_from(Sku).where(Sku.code.like("H%"))) == n
        assert s.scalar(select(func.count()).select_from(ChangeLog)) - before == 3 * n + 1
