"""``storedesk settle`` (SPEC §11, §16) on SQLite and PostgreSQL centrals: a real counter sale in
the current month's draft; the fixture month built, confirmed, paid and written as PDF and XLSX
with exactly the JSON fields SPEC §16 names; refusals with a reason and a non-zero exit."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pypdf
import pytest
from openpyxl import load_workbook

from shared.domain.clock import business_date
from shared.services.runtime import open_database, resolve_paths
from tests.integration.test_settlement import S01_OCTOBER
from tests.integration.test_stock_cli import storedesk  # noqa: F401  (fixture)
from tests.support.settlement_month import fixture_month

SPEC_FIELDS = {
    "statement_no",
    "store",
    "period",
    "state",
    "sales_count",
    "gross_fen",
    "discounts_fen",
    "refunds_fen",
    "net_sales_fen",
    "by_method",
    "coupons_platform_fen",
    "coupons_store_fen",
    "card_keys_fen",
    "fee_fen",
    "payable_fen",
}


@pytest.fixture
def shop(tmp_path, backend, request, storedesk):  # noqa: F811
    data = tmp_path / "terminal"
    central: list[str] = []
    if backend == "postgresql":
        central = ["--central", request.getfixturevalue("pg_url_factory")()]

    def run(*argv: str):
        code, out, err = storedesk("--data-dir", data, *central, *argv)
        return code, (json.loads(out) if out.strip().startswith("{") else out), err

    code, _, err = run("--json", "demo", "--products", "20")
    assert code == 0, err
    url = central[1] if central else resolve_paths(data, None).central_url
    return run, url


def test_a_counter_sale_is_in_this_month_s_draft(shop, tmp_path):
    run, _ = shop
    code, sale, err = run("--json", "sale", "--item", "P000001x2", "--pay", "card")
    assert code == 0, err
    code, synced, err = run("--json", "sync", "--once")
    assert code == 0 and synced["pending"] == 0, err
    month = business_date(datetime.now(UTC), "Asia/Shanghai").strftime("%Y-%m")
    pdf = tmp_path / "statement.pdf"
    code, data, err = run("--json", "settle", "--store", "S01", "--period", month, "--pdf", pdf)
    assert code == 0, err
    assert set(data) >= SPEC_FIELDS
    assert data["statement_no"] == f"JS-S01-{month.replace('-', '')}"
    assert (data["state"], data["sales_count"], data["gross_fen"]) == (
        "draft",
        1,
        sale["total_fen"],
    )
    assert data["by_method"] == {"card": sale["total_fen"]}
    text = "".join(page.extract_text() for page in pypdf.PdfReader(pdf).pages)
    assert "门店结算单" in text and data["statement_no"] in text
    # the month is not over: it cannot be frozen yet
    code, refused, err = run("--json", "settle", "--store", "S01", "--period", month, "--confirm")
    assert code == 1 and refused["code"] == "period_not_over" and "not over" in err


def test_the_fixture_month_confirmed_paid_and_exported(shop, tmp_path):
    run, url = shop
    db = open_database(url)
    try:
        with db.uow() as uow:
            fixture_month(uow.session)
    finally:
        db.dispose()
    pdf, xlsx = tmp_path / "oct.pdf", tmp_path / "oct.xlsx"
    code, data, err = run(
        "--json",
        "settle",
        "--store",
        "S01",
        "--period",
        "2026-10",
        "--confirm",
        "--paid",
        "BANK-1105",
        "--paid-on",
        "2026-11-05",
        "--pdf",
        pdf,
        "--xlsx",
        xlsx,
    )
    assert code == 0, err
    expected = {**S01_OCTOBER, "state": "settled"}
    assert {k: data[k] for k in expected} == expected
    assert (data["payment_ref"], data["settled_on"]) == ("BANK-1105", "2026-11-05")
    text = "".join(page.extract_text() for page in pypdf.PdfReader(pdf).pages)
    for shown in ("JS-S01-202610", "已结算", "371.72", "14.28", "BANK-1105"):
        assert shown in text, shown
    book = load_workbook(xlsx, read_only=True)
    assert book.sheetnames[:2] == ["结算单", "按日"]
    sales = list(book["销售"].iter_rows(values_only=True))
    assert len(sales) == 1 + 5 and sum(float(r[5]) for r in sales[1:]) == pytest.approx(443.00)
    # settling twice is refused and changes nothing
    code, refused, err = run(
        "--json", "settle", "--store", "S01", "--period", "2026-10", "--paid", "OTHER"
    )
    assert code == 1 and refused["code"] == "already_settled"
    code, again, _ = run("--json", "settle", "--store", "S01", "--period", "2026-10")
    assert again["payment_ref"] == "BANK-1105" and again["payable_fen"] == 37_172
    # the month's audit archive
    archive = tmp_path / "archive.xlsx"
    code, out, err = run(
        "--json", "settle", "--store", "S01", "--period", "2026-10", "--archive", archive
    )
    assert code == 0, err
    book = load_workbook(archive, read_only=True)
    assert len(list(book["销售"].iter_rows(values_only=True))) == 1 + 5
    assert [r[0] for r in book["结算单"].iter_rows(min_row=2, values_only=True)] == [
        "JS-S01-202610"
    ]


@pytest.mark.parametrize(
    ("argv", "code"),
    [
        (["--store", "S01", "--period", "2099-01"], "period_in_future"),
        (["--store", "S01", "--period", "2026-10-01"], "bad_period"),
        (["--store", "S77", "--period", "2026-10"], "unknown_store"),
        (["--store", "S01", "--period", "2026-10", "--paid", ""], "payment_ref_required"),
        (["--store", "S02", "--period", "2026-10", "--by", "manager01"], "store_not_allowed"),
    ],
)
def test_refusals_exit_non_zero_with_the_reason(shop, argv, code):
    run, _ = shop
    status, data, err = run("--json", "settle", *argv)
    assert status == 1 and data["code"] == code and err.startswith("storedesk: ")
