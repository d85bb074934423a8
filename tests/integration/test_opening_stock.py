"""Opening stock from a spreadsheet (SPEC §10, §15) on SQLite and PostgreSQL centrals: posted
through the ledger as one batch (doc_id = the file's SHA-256, line key = the row number), the
same file twice refused and changing nothing, a corrected file never counting goods twice, and
bad rows reported row by row."""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from shared.db import ledger
from shared.db.models import AuditEntry, SerialUnit, Staff, StockBalance, StockMovement, Warehouse
from shared.domain.errors import Conflict, PermissionDenied, ValidationError
from shared.services import auth, inventory, product_io
from shared.services.product_io import OPENING_COLUMNS, run_to_end

HEADER = [c.header for c in OPENING_COLUMNS]
H = {c.key: c.header for c in OPENING_COLUMNS}


def actor(db, account: str = "admin"):
    with db.reader() as uow:
        staff = uow.session.scalars(select(Staff).where(Staff.account == account)).one()
        return auth.actor_for(uow, staff)


def write_csv(path: Path, rows: list[list], header=HEADER) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(header)
        out.writerows(rows)
    return path


def opening(db, source, account: str = "admin", **kw):
    with db.uow() as uow:
        return run_to_end(product_io.import_opening_stock(uow, actor(db, account), source, **kw))


def stock(db, code: str, store: str = "S01"):
    with db.reader() as uow:
        return inventory.stock(uow, None, code, store)


def movements(db) -> list[tuple]:
    with db.reader() as uow:
        return sorted(
            (r.kind, r.doc_type, r.doc_id, r.line_key, r.qty_milli, r.unit_cost_fen)
            for r in uow.session.scalars(select(StockMovement))
        )


def reasons(report) -> dict[int, list[str]]:
    out: dict[int, list[str]] = {}
    for e in report.errors:
        out.setdefault(e.row, []).append(f"{e.column}: {e.reason}" if e.column else e.reason)
    return out


@pytest.fixture
def central(make_db, tmp_path):
    """The demo catalog plus a service and a serial-tracked product (imported)."""
    from shared.services.demo import create_demo

    db = make_db()
    create_demo(db, products=60)
    keys = [c.key for c in product_io.PRODUCT_COLUMNS]

    def row(**v):
        return [v.get(k, "") for k in keys]

    path = tmp_path / "extra.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(keys)
        out.writerow(row(product_code="SV01", name="包装服务", kind="服务", price="2"))
        out.writerow(
            row(product_code="PH01", name="手机", serial_tracked="是", price="999", cost="700")
        )
    with db.uow() as uow:
        report = run_to_end(product_io.import_products(uow, actor(db), path))
    assert report.rejected == 0
    return db


def test_opening_stock_is_posted_once_as_one_batch(central, tmp_path):
    barcode = next(iter(_barcodes(central, "P000007")))
    path = write_csv(
        tmp_path / "opening.csv",
        [
            ["S01", "P000006", "24", "2.10"],  # row 2: by SKU code, with a cost
            ["s01", barcode, "10", ""],  # row 3: by barcode; no cost: the catalog's
            ["S02", "P000006", "5", "2.50"],  # row 4: another store
            ["S01", "P000001", "12.345", "6"],  # row 5: weighed goods in kg
            ["S01", "PH01", "2", "", "IMEI-001, IMEI-002"],  # row 6: serial numbers
        ],
    )
    report = opening(central, path)
    batch = hashlib.sha256(path.read_bytes()).hexdigest()
    assert (report.batch, report.rows, report.posted, report.rejected) == (batch, 5, 5, 0)
    with central.reader() as uow:  # audited: who posted which batch
        target, detail = uow.session.execute(
            select(AuditEntry.target, AuditEntry.detail).where(
                AuditEntry.action == "stock.import_opening"
            )
        ).one()
    assert (target, detail["posted"]) == (batch[:16], 5)
    got = stock(central, "P000006")
    assert (got.on_hand_milli, got.avg_cost_fen) == (24_000, 210)
    assert stock(central, "P000006", "S02").on_hand_milli == 5_000
    assert stock(central, "P000007").on_hand_milli == 10_000
    with central.reader() as uow:
        p7 = inventory.stock(uow, None, "P000007", "S01")
        catalog_cost = uow.session.scalar(
            select(func.max(StockMovement.unit_cost_fen)).where(StockMovement.line_key == "3")
        )
    assert p7.avg_cost_fen == catalog_cost > 0
    assert stock(central, "P000001").on_hand_milli == 12_345
    assert stock(central, "PH01").on_hand_milli == 2_000
    with central.reader() as uow:
        units = uow.session.scalars(select(SerialUnit.serial_no).order_by(SerialUnit.serial_no))
        assert list(units) == ["IMEI-001", "IMEI-002"]
    posted = movements(central)
    assert {(m[0], m[1], m[2]) for m in posted} == {("opening", "opening", batch)}
    assert sorted(m[3] for m in posted) == ["2", "3", "4", "5", "6"]
    with central.reader() as uow:
        assert ledger.verify(uow.session) == []

    # the same file again: refused as a duplicate batch, nothing changes
    with pytest.raises(Conflict) as exc:
        opening(central, path)
    assert exc.value.code == "duplicate_batch" and exc.value.details["batch"] == batch
    assert "imported already" in exc.value.message
    assert movements(central) == posted
    # the same bytes under another name are the same batch
    copy = tmp_path / "copy-of-opening.csv"
    copy.write_bytes(path.read_bytes())
    with pytest.raises(Conflict):
        opening(central, copy)

    # a corrected file (other bytes) never counts the same goods twice
    again = write_csv(
        tmp_path / "opening-2.csv",
        [
            ["S01", "P000006", "24", "2.10"],
            ["S01", "P000008", "3", "1"],
        ],
    )
    report = opening(central, again)
    assert (report.posted, report.rejected) == (1, 1)
    assert reasons(report)[2][0].startswith(
        f"{H['sku']}: P000006 already has opening stock in S01 (batch {batch[:12]}, row 2)"
    )
    assert stock(central, "P000006").on_hand_milli == 24_000
    assert stock(central, "P000008").on_hand_milli == 3_000


def _barcodes(db, code: str) -> set[str]:
    from shared.db.models import Barcode, Sku

    with db.reader() as uow:
        return set(
            uow.session.scalars(
                select(Barcode.code).join(Sku, Sku.id == Barcode.sku_id).where(Sku.code == code)
            )
        )


def test_bad_rows_are_reported_and_the_good_ones_posted(central, tmp_path):
    rows = [
        ["S01", "P000009", "4", "1.00"],  # 2: fine
        ["S09", "P000009", "4", "1.00"],  # 3: no such store or warehouse
        ["S01", "NOPE", "4", ""],  # 4: unknown code
        ["S01", "P000050", "4", ""],  # 5: a product with six SKUs
        ["S01", "P000010", "0", ""],  # 6: zero
        ["S01", "P000010", "-2", ""],  # 7: negative
        ["S01", "P000010", "1.5", ""],  # 8: half a piece
        ["S01", "P000010", "abc", ""],  # 9: not a number
        ["S01", "P000010", "2", "-1"],  # 10: negative cost
        ["S01", "SV01", "2", ""],  # 11: a service has no stock
        ["S01", "PH01", "2", "", "ONLY-ONE"],  # 12: one serial for two units
        ["S01", "P000011", "2", "", "SN-1"],  # 13: serials for goods without them
        ["S01", "P000012", "2", ""],  # 14: the same SKU twice in the file
        ["S01", "P000012", "3", ""],  # 15
        ["", "P000013", "2", ""],  # 16: no warehouse
        ["S01", "P000013", "2000000", ""],  # 17: absurd
        ["S01", "x';DELETE/**/FROM/**/sku;--", "1", ""],  # 18: plain text, unknown
        ["", "", "", ""],  # 19: blank, skipped
        ["S01", "P000014", "1.2345", ""],  # 20: too many decimals
    ]
    report = opening(central, write_csv(tmp_path / "bad.csv", rows))
    got = reasons(report)
    assert report.posted == 1 and report.blank == 1 and report.rows == 18
    assert sorted(got) == list(range(3, 19)) + [20]
    assert got[3] == [f"{H['warehouse']}: no warehouse or store with code S09"]
    assert got[4] == [f"{H['sku']}: no SKU, product or barcode NOPE"]
    assert got[5] == [f"{H['sku']}: product P000050 has 6 SKUs: give the SKU code"]
    assert got[6] == [f"{H['quantity']}: the quantity must be above zero"]
    assert got[7] == [f"{H['quantity']}: the quantity must be above zero"]
    assert got[8][0].endswith("is counted in whole units")
    assert got[9] == [f"{H['quantity']}: 'abc' is not a quantity (e.g. 24 or 1.250)"]
    assert got[10] == [f"{H['unit_cost']}: '-1': must not be negative"]
    assert got[11] == [f"{H['sku']}: 包装服务 is a service: it has no stock"]
    assert "one serial number per unit (2 needed, 1 given)" in got[12][0]
    assert got[13][0].endswith("is not serial-tracked")
    assert "in the file more than once (also row 15)" in got[14][0]
    assert "in the file more than once (also row 14)" in got[15][0]
    assert got[16] == [f"{H['warehouse']}: required"]
    assert "implausible" in got[17][0]
    assert got[18] == [f"{H['sku']}: no SKU, product or barcode x';DELETE/**/FROM/**/sku;--"]
    assert got[20] == [f"{H['quantity']}: '1.2345': at most three decimals"]
    assert stock(central, "P000009").on_hand_milli == 4_000
    assert len(movements(central)) == 1


def test_a_manager_posts_only_to_their_own_stores(central, tmp_path):
    path = write_csv(
        tmp_path / "m.csv",
        [["S01", "P000015", "2", "1"], ["S02", "P000015", "2", "1"]],
    )
    report = opening(central, path, account="manager01")
    assert report.posted == 1
    assert reasons(report) == {
        3: [f"{H['warehouse']}: 王芳 (manager01) may not work on warehouse S02"]
    }
    with pytest.raises(PermissionDenied):
        opening(central, write_csv(tmp_path / "c.csv", [["S01", "P000016", "1", "1"]]), "cashier01")


def test_xlsx_template_and_bad_files(central, tmp_path):
    template = product_io.write_template(tmp_path / "期初库存.xlsx", "opening")
    wb = Workbook()
    ws = wb.active
    ws.title = "期初库存"
    ws.append(HEADER)
    ws.append(["S02", "P000020", 7, 1.5])  # numbers typed as numbers
    ws.append(["S02", "P000021", "=2*3", "1"])  # a formula
    wb.save(tmp_path / "o.xlsx")
    report = opening(central, tmp_path / "o.xlsx")
    assert report.posted == 1
    assert reasons(report) == {3: [f"{H['quantity']}: formula, not a value: type the value itself"]}
    got = stock(central, "P000020", "S02")
    assert (got.on_hand_milli, got.avg_cost_fen) == (7_000, 150)

    # the template's own example row posts as it is
    assert opening(central, template).posted == 1
    with central.reader() as uow:
        assert uow.session.scalar(select(func.count()).select_from(Warehouse)) == 2

    before = movements(central)
    for name, data, code in (
        ("empty.csv", b"", "file_empty"),
        ("garbage.csv", bytes(range(256)) * 8, "file_not_text"),
        ("bad.xlsx", b"PK\x03\x04nonsense", "file_unreadable"),
        ("headers.csv", "仓库,商品,数\r\nS01,P1,1\r\n".encode(), "bad_headers"),
    ):
        (tmp_path / name).write_bytes(data)
        with pytest.raises(ValidationError) as exc:
            opening(central, tmp_path / name)
        assert exc.value.code == code, name
    assert movements(central) == before
    with central.reader() as uow:
        assert uow.session.scalar(select(func.sum(StockBalance.on_hand_milli))) == 7_000 + 24_000
