"""Scanning and searching the catalog: barcodes, weighed labels, codes, bad input."""

from __future__ import annotations

import pytest

from shared.domain.barcode import WeighedFormat, encode_weighed
from shared.domain.errors import NotFound, ValidationError
from shared.services import catalog


def scan(counter, code):
    with counter.db.reader() as uow:
        return catalog.scan(uow, counter.ctx, code)


def search(counter, text):
    with counter.db.reader() as uow:
        return catalog.search(uow, counter.ctx, text)


def test_scan_by_barcode_sku_code_and_product_code(counter):
    p = counter.product(12)
    assert scan(counter, p["barcode"]).sku_code == "P000012"
    assert scan(counter, "P000012").list_price_fen == p["price_fen"]


def test_product_with_specs_asks_for_the_sku(counter):
    with pytest.raises(ValidationError) as err:
        scan(counter, "P000050")
    assert err.value.code == "choose_sku"
    line = scan(counter, "P000050-01")
    assert "白色" in line.name and "L" in line.name


def test_weighed_price_label(counter):
    line = scan(counter, encode_weighed("000001", 675, counter.ctx.weighed))
    assert (line.fixed_amount_fen, line.weighed, line.quantity_milli) == (675, True, 523)


def test_weighed_weight_label(counter):
    from dataclasses import replace

    ctx = replace(counter.ctx, weighed=WeighedFormat(value_kind="weight"))
    with counter.db.reader() as uow:
        line = catalog.scan(uow, ctx, encode_weighed("000002", 1500, ctx.weighed))
    assert (line.quantity_milli, line.fixed_amount_fen) == (1500, None)


@pytest.mark.parametrize(
    ("code", "error"),
    [
        ("6900000000102", "bad_check_digit"),
        ("6900000009999", "unknown_code"),
        ("NOPE", "unknown_code"),
        ("", "empty_code"),
        ("x" * 41, "code_too_long"),
        ("P0\x0700", "code_unprintable"),
        (encode_weighed("099999", 100, WeighedFormat()), "unknown_plu"),
    ],
)
def test_bad_scans(counter, code, error):
    from shared.domain.barcode import with_check_digit

    if error == "unknown_code" and code.isdigit():
        code = with_check_digit(code[:12])
    with pytest.raises((NotFound, ValidationError)) as err:
        scan(counter, code)
    assert err.value.code == error


def test_off_shelf_cannot_be_sold(counter):
    from sqlalchemy import select

    from shared.db.models import Product

    with counter.db.uow() as uow:
        uow.session.scalars(select(Product).where(Product.code == "P000012")).one().status = "off"
        uow.commit()
    with pytest.raises(ValidationError) as err:
        scan(counter, "P000012")
    assert err.value.code == "off_shelf"


def test_search_by_name_code_and_pinyin(counter):
    p = counter.product(12)
    name_part = p["name"][:2]
    assert any(h.code == "P000012" for h in search(counter, name_part))
    assert {h.code for h in search(counter, "P00001")} == {f"P0000{i}" for i in range(10, 20)}
    from shared.services.pinyin import initials

    py = initials(p["name"])[:3]
    assert any(h.code == "P000012" for h in search(counter, py))
    assert any(h.code == "P000001" for h in search(counter, "szpg"))  # 散装苹果 sǎn zhuāng píng guǒ


@pytest.mark.parametrize("text", ["%", "_", "\\", "' OR 1=1 --", "'; DROP TABLE sku; --", "%%__"])
def test_sql_metacharacters_match_literally(counter, text):
    assert search(counter, text) == []
    assert scan(counter, "P000012")  # the catalog is still there


def test_overlong_search_refused(counter):
    with pytest.raises(ValidationError):
        search(counter, "x" * 41)


def test_store_price_applies(make_db):
    from tests.support.counter import make_counter

    s02 = make_counter(make_db(), make_db(), store="S02")
    with s02.db.reader() as uow:
        line = catalog.scan(uow, s02.ctx, "P000014")  # every 7th product has an S02 price
    assert line.list_price_fen == s02.product(14)["price_fen"] + 50
