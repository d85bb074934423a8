"""``storedesk cardkeys lease|return|quarantine|replace``: the operator's side of leases and
replacements, on a demo data dir (SQLite central)."""

from __future__ import annotations

import json

from sqlalchemy import select

from backoffice import cli
from shared.db.models import CardKey, CardKeyLease
from shared.services.runtime import open_database, resolve_paths


def test_lease_return_quarantine_and_replace(tmp_path, capsys):
    data = tmp_path / "terminal"

    def run(*argv):
        code = cli.main(["--data-dir", str(data), "--json", *argv])
        out = capsys.readouterr()
        return code, (json.loads(out.out) if out.out.strip() else None), out.err

    assert run("demo", "--products", "20")[0] == 0
    code, got, err = run(
        "cardkeys", "lease", "--product", "K002", "--count", "4", "--by", "manager01"
    )
    assert code == 0, err
    assert (got["product"], got["received"], got["available"]) == ("K002", 4, 4)
    code, got, err = run(
        "cardkeys", "lease", "--product", "K002", "--count", "1", "--by", "cashier01"
    )
    assert code == 1 and "may not approve" in err
    code, got, err = run(
        "cardkeys", "lease", "--product", "K004", "--count", "1", "--by", "manager01"
    )
    assert code == 1 and "sold out" in err

    code, got, err = run("cardkeys", "return", "--product", "K002", "--by", "manager01")
    assert (code, got["returned"]) == (0, 4), err
    central = open_database(resolve_paths(str(data), None).central_url)
    try:
        with central.reader() as uow:
            assert uow.session.scalars(select(CardKeyLease.state)).all() == ["returned"]

        # a lease taken again, then the counter is lost
        assert (
            run("cardkeys", "lease", "--product", "K002", "--count", "2", "--by", "manager01")[0]
            == 0
        )
        code, got, err = run("cardkeys", "quarantine", "--terminal", "1", "--note", "stolen")
        assert (code, got["quarantined"]) == (0, 1), err
        code, got, err = run("cardkeys", "return", "--product", "K002", "--by", "manager01")
        assert code == 1 and "quarantined" in err
        with central.reader() as uow:
            assert sorted(uow.session.scalars(select(CardKeyLease.state))) == [
                "quarantined",
                "returned",
            ]

        code, sold, err = run("sale", "--item", "K001")
        assert code == 0, err
        with central.reader() as uow:
            key_id = uow.session.scalar(
                select(CardKey.id).where(CardKey.state == "reserved", CardKey.lease_id.is_(None))
            )
        assert run("sync", "--once")[0] == 0
        code, got, err = run(
            "cardkeys", "replace", str(key_id), "--reason", "does not activate", "--by", "manager01"
        )
        assert code == 0, err
        assert got["old"] == str(key_id) and got["key"] != sold["card_keys"][0]
        code, got, err = run(
            "cardkeys", "replace", str(key_id), "--reason", "again", "--by", "manager01"
        )
        assert code == 1 and "only a sold key" in err
        # a card-key product's stock is its pool: min(stock setting, keys available)
        code, got, err = run("stock", "K001")
        assert (got["on_hand"], got["locked"], got["available"]) == (38, 0, 38), err
        assert run("cardkeys", "stock", "--product", "K001", "--set", "5")[0] == 0
        code, got, err = run("stock", "K001", "--store", "S02")
        assert (got["store"], got["on_hand"], got["available"]) == ("S02", 38, 5), err
    finally:
        central.dispose()
