"""``storedesk stock``, ``storedesk stock import-opening`` and ``storedesk products ...`` (SPEC
§16) on SQLite and PostgreSQL centrals, and the gateway's ``stock`` call behind them.

The commands run in-process through ``backoffice.cli.main`` (exit code, stdout, stderr), with
``backoffice.stock_commands`` registered the way ``cli.py`` registers it."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from sqlalchemy import select

from backoffice import cli, coupon_commands, stock_commands
from shared.db.models import Sku
from shared.db.queries import stock as stock_queries
from shared.domain.barcode import with_check_digit
from shared.domain.errors import NotFound, ValidationError
from shared.services.product_io import OPENING_COLUMNS
from shared.services.runtime import resolve_paths
from shared.sync.gateway import InProcessGateway

OFFLINE_URL = "postgresql+psycopg://pos:pos@127.0.0.1:1/nowhere"


@pytest.fixture
def storedesk(monkeypatch, capsys):
    """``storedesk(*argv) -> (exit code, stdout, stderr)``."""
    if "stock_commands" not in Path(cli.__file__).read_text(encoding="utf-8"):
        # cli.py does not register the module yet: register it the same way, for this test
        add = coupon_commands.add_parsers

        def add_both(sub) -> None:
            add(sub)
            stock_commands.add_parsers(sub)

        monkeypatch.setattr(coupon_commands, "add_parsers", add_both)
        monkeypatch.setattr(
            coupon_commands, "HANDLERS", {**coupon_commands.HANDLERS, **stock_commands.HANDLERS}
        )

    def run(*argv: str) -> tuple[int, str, str]:
        code = cli.main([str(a) for a in argv])
        out = capsys.readouterr()
        return code, out.out, out.err

    return run


@pytest.fixture
def shop(tmp_path, backend, request, storedesk):
    """A data dir registered as terminal 1 of S01 on a demo central database; returns
    ``(run, central_args)``: ``run(*argv)`` runs storedesk in that data dir."""
    data = tmp_path / "terminal"
    central: list[str] = []
    if backend == "postgresql":
        central = ["--central", request.getfixturevalue("pg_url_factory")()]

    def run(*argv: str, central_args: list[str] | None = None):
        where = central if central_args is None else central_args
        return storedesk("--data-dir", data, *where, *argv)

    code, out, err = run("--json", "demo", "--products", "60")
    assert code == 0, err
    return run, data


def _opening_csv(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        out = csv.writer(fh)
        out.writerow([c.header for c in OPENING_COLUMNS])
        out.writerows(rows)
    return path


def test_stock_import_opening_and_stock(shop, tmp_path):
    run, data = shop
    path = _opening_csv(
        tmp_path / "opening.csv",
        [
            ["S01", "P000006", "24", "2.10"],
            ["S01", "P000001", "12.345", "6"],
            ["S02", "P000006", "5", ""],
        ],
    )
    code, out, err = run("--json", "stock", "import-opening", path)
    assert code == 0, err
    got = json.loads(out)
    assert (got["posted"], got["rejected"], len(got["batch"])) == (3, 0, 64)

    # the same file again: refused, non-zero, one line on stderr, nothing posted
    code, out, err = run("--json", "stock", "import-opening", path)
    assert code == 1
    assert err.startswith("storedesk: this file was imported already") and err.count("\n") == 1
    assert json.loads(out)["code"] == "duplicate_batch"

    # storedesk stock CODE: this terminal's store, exactly the five fields, numbers in units
    code, out, err = run("--json", "stock", "P000006")
    assert code == 0, err
    assert json.loads(out) == {
        "code": "P000006",
        "store": "S01",
        "on_hand": 24,
        "locked": 0,
        "available": 24,
    }
    code, out, _ = run("--json", "stock", "P000006", "--store", "S02")
    assert json.loads(out)["on_hand"] == 5
    # weighed goods: three decimals
    code, out, _ = run("stock", "P000001", "--json")
    got = json.loads(out)
    assert got["on_hand"] == 12.345 and got["available"] == 12.345
    # by barcode, at a store with nothing moved yet
    code, out, _ = run("--json", "stock", with_check_digit("690000000070"), "--store", "s02")
    assert json.loads(out) == {
        "code": "P000007",
        "store": "S02",
        "on_hand": 0,
        "locked": 0,
        "available": 0,
    }
    # the human text names every store
    code, out, _ = run("stock", "P000006")
    assert code == 0 and out.startswith("P000006 ") and "on hand 24" in out and "S02" in out

    # refusals: unknown code, unknown store, a product with several SKUs, two codes
    for argv, reason in (
        (("stock", "NOPE"), "no SKU, product or barcode NOPE"),
        (("stock", "P000006", "--store", "S99"), "no store with code S99"),
        (("stock", "P000050"), "product P000050 has 6 SKUs"),
        (("stock", "P000006", "P000007"), "takes one code"),
    ):
        code, out, err = run(*argv)
        assert code == 1 and reason in err, (argv, err)


def test_stock_needs_head_office(shop, tmp_path, backend, storedesk):
    run, data = shop
    code, out, err = run("--json", "stock", "P000006", central_args=["--central", OFFLINE_URL])
    assert code == 1
    assert err.startswith("storedesk: stock needs a connection to head office")
    assert json.loads(out)["code"] == "stock_offline"
    if backend == "sqlite":
        # the central file the terminal registered with has gone (an unmounted share)
        central = Path(resolve_paths(str(data), None).central_url.split("///", 1)[1])
        central.rename(central.with_name("moved.db"))
        code, out, err = run("stock", "P000006", central_args=[])
        assert code == 1 and "stock needs a connection to head office" in err
        assert not central.exists()  # never made anew
    # a data dir that is no terminal needs --store
    code, out, err = storedesk("--data-dir", tmp_path / "elsewhere", "stock", "P000006")
    assert code == 1 and "give --store CODE" in err


def test_products_template_import_export(shop, tmp_path):
    run, _ = shop
    template = tmp_path / "template.xlsx"
    code, out, err = run("--json", "products", "template", template)
    assert code == 0 and json.loads(out) == {"path": str(template), "kind": "products"}
    code, out, err = run("products", "import", template, "--json")
    assert code == 0, err
    got = json.loads(out)
    assert (got["read"], got["imported"], got["products_created"], got["rejected"]) == (1, 1, 1, 0)

    code, out, err = run("--json", "products", "export", tmp_path / "all.csv")
    assert code == 0, err
    rows = json.loads(out)["rows"]
    code, out, err = run("--json", "products", "import", tmp_path / "all.csv")
    got = json.loads(out)
    assert (got["unchanged"], got["products_updated"], got["skus_updated"]) == (rows, 0, 0)

    # rejected rows: exit 0 (the good rows went in), listed, and written with --errors
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "商品编码,商品名称,售价\nQ1,好商品,1.00\nQ2,坏价格,abc\nQ3,,2\n", encoding="utf-8"
    )
    report = tmp_path / "errors.xlsx"
    code, out, err = run("products", "import", bad, "--errors", report)
    assert code == 0, err
    assert "3 rows of bad.csv: 1 imported, 2 rejected" in out
    assert "row 3, 售价: 'abc' is not an amount in yuan" in out
    assert "row 4, 商品名称: required" in out
    assert report.is_file()

    # a file that is no spreadsheet: refused with one line, non-zero
    junk = tmp_path / "junk.csv"
    junk.write_bytes(b"\x00\x01\x02garbage")
    code, out, err = run("products", "import", junk)
    assert code == 1 and err.startswith("storedesk: this is not a spreadsheet")
    code, out, err = run("products", "import", tmp_path / "missing.xlsx")
    assert code == 1 and "no such file" in err


def test_gateway_stock_answers_in_json(counter):
    from shared.db import ledger
    from shared.services.inventory import warehouse_by_code

    with counter.central.uow() as uow:
        wh = warehouse_by_code(uow, None, "S02")
        sku = uow.session.scalar(select(Sku.id).where(Sku.code == "P000006"))
        now = uow.clock.now()
        ledger.post(
            uow.session,
            [
                ledger.movement(
                    warehouse_id=wh.id,
                    sku_id=sku,
                    qty_milli=3000,
                    kind="purchase",
                    doc_type="voucher",
                    doc_id="t1",
                    line_key="1",
                    at=now,
                    unit_cost_fen=100,
                )
            ],
            now,
        )
        uow.commit()
    gateway = InProcessGateway(counter.central)
    answer = gateway.stock("P000006", "S01")
    assert answer["ok"] is True and answer["code"] == "P000006"
    assert (answer["on_hand_milli"], answer["available_milli"]) == (0, 0)
    assert [(s["store"], s["on_hand_milli"]) for s in answer["stores"]] == [
        ("S01", 0),
        ("S02", 3000),
    ]
    assert json.loads(json.dumps(answer)) == answer
    barcode = counter.product(6)["barcode"]
    assert gateway.stock(barcode, "S02")["on_hand_milli"] == 3000
    for code, store, reason in (
        ("NOPE", "S01", "unknown_code"),
        ("P000006", "S77", "unknown_store"),
        ("P000050", "S01", "ambiguous_product"),
        ("", "S01", "bad_code"),
        ("x" * 41, "S01", "bad_code"),
        ("'; DROP TABLE sku; --", "S01", "unknown_code"),
        ("a\tb", "S01", "bad_code"),
    ):
        answer = gateway.stock(code, store)
        assert answer["ok"] is False and answer["reason"] == reason, code
    with pytest.raises(NotFound) as exc:
        stock_queries.checked(gateway.stock("NOPE", "S01"))
    assert exc.value.code == "unknown_code"
    with pytest.raises(ValidationError):
        stock_queries.checked(gateway.stock("P000050", "S01"))
    assert stock_queries.units(12_000, False) == 12 and stock_queries.units(1523, True) == 1.523
    assert stock_queries.units(2000, True) == 2.0 and stock_queries.units(1500, False) == 1.5
