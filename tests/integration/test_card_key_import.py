"""Card-key pools at head office (SPEC §7, §15, §16): the import of TXT files and every bad input
it meets, generation, the stock setting, the masked list, reveal (audited, with the permission
only), void and delete, the encryption key (a wrong one at start-up, rotation, nothing in clear
in the database file) and ``storedesk cardkeys``. SQLite and PostgreSQL."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from sqlalchemy import func, select, update

from backoffice import cli
from shared.db.models import AuditEntry, CardKey, CardKeyBatch, CardKeyCheck, CardKeyPool, Sku
from shared.db.uow import Database
from shared.domain.card_key_crypto import CardKeyCryptoError, Keyring
from shared.domain.errors import Conflict, NotFound, PermissionDenied, ValidationError
from shared.services import card_keys
from shared.services.card_key_config import (
    ENV_FILE,
    ENV_KEYS,
    check_keyring,
    load_keyring,
    verify_keyring,
)
from shared.services.demo import create_demo
from tests.support.card_keys import (
    actor,
    audits,
    key_ids,
    keyring,
    keyring_text,
    make_card_key_product,
    set_state,
    table_rows,
)

CODE = "CKT01"


@pytest.fixture
def central(make_db) -> Database:
    db = make_db()
    create_demo(db, products=30)
    make_card_key_product(db, CODE)
    return db


@pytest.fixture
def ring() -> Keyring:
    return keyring(1)


def imp(db: Database, ring: Keyring, data: bytes, *, code: str = CODE, account="manager01", **kw):
    with db.uow() as uow:
        return card_keys.import_keys(uow, actor(db, account), ring, code, data, **kw)


def reveal(db: Database, ring: Keyring, key_id: str, account: str = "admin") -> str:
    with db.uow() as uow:
        return card_keys.reveal(uow, actor(db, account), ring, key_id, purpose="reveal")


def revealed(db: Database, ring: Keyring, code: str = CODE) -> list[str]:
    """Every key of the pool in clear, in insertion order (ids are time-ordered)."""
    with db.reader() as uow:
        rows = uow.session.execute(
            select(CardKey.id, CardKey.secret, CardKey.key_version)
            .join(Sku, Sku.id == CardKey.sku_id)
            .where(Sku.code == code)
            .order_by(CardKey.id)
        ).all()
    return [ring.open(bytes(s), str(i), int(v)) for i, s, v in rows]


def counts(db: Database) -> dict[str, int]:
    """The rows an import may write, to prove a refusal wrote nothing."""
    with db.reader() as uow:
        return {
            m.__tablename__: uow.session.scalar(select(func.count()).select_from(m))
            for m in (CardKey, CardKeyBatch, CardKeyPool, CardKeyCheck, AuditEntry)
        }


def pool(db: Database, code: str = CODE) -> card_keys.PoolSummary:
    with db.reader() as uow:
        return next(p for p in card_keys.pools(uow, actor(db, "manager01")) if p.code == code)


def problems(report) -> list[tuple[int, str]]:
    return [(no, code) for no, code, _ in report.problems]


# -- a good file -------------------------------------------------------------------------------


def test_a_file_is_imported_sealed_counted_and_reported(central, ring):
    data = (
        "  GAME-0001-AAAA  \n"
        "\n"
        "GAME-0002-BBBB\n"
        "   \t \n"
        "CARD-0003,PASS-3333\n"
        "CARD-0004 ， PASS-4444\n"  # a Chinese comma, spaces around
        "GAME-0005-EEEE"  # no newline at the end
    ).encode()
    before = counts(central)
    report = imp(central, ring, data, file_name="keys.txt")
    assert report.as_json() == {"read": 5, "added": 5, "duplicate": 0, "invalid": 0}
    assert report.problems == [] and report.batch_id
    assert revealed(central, ring) == [
        "GAME-0001-AAAA",
        "GAME-0002-BBBB",
        "CARD-0003,PASS-3333",
        "CARD-0004,PASS-4444",
        "GAME-0005-EEEE",
    ]
    after = counts(central)
    assert after["card_key"] == before["card_key"] + 5
    assert after["card_key_batch"] == before["card_key_batch"] + 1
    assert after["card_key_check"] == 1  # the key version's check token, on first use
    with central.reader() as uow:
        batch = uow.session.get(CardKeyBatch, report.batch_id)
        assert (batch.read, batch.added, batch.duplicate, batch.invalid) == (5, 5, 0, 0)
        assert batch.file_name == "keys.txt" and batch.source == "import"
        keys = uow.session.execute(
            select(CardKey.state, CardKey.key_version, CardKey.hint, CardKey.secret).order_by(
                CardKey.id
            )
        ).all()
    assert {k.state for k in keys} == {"available"} and {k.key_version for k in keys} == {1}
    assert [k.hint for k in keys] == ["AAAA", "BBBB", "0003", "0004", "EEEE"]
    assert all(b"GAME" not in bytes(k.secret) and b"PASS" not in bytes(k.secret) for k in keys)
    entry = audits(central, "card_keys.import")[-1]
    assert entry.target == CODE and entry.detail["added"] == 5
    assert "GAME" not in json.dumps(entry.detail, ensure_ascii=False)
    p = pool(central)
    assert (p.available, p.reserved, p.sold, p.void, p.stock_setting) == (5, 0, 0, 0, None)


def test_keys_are_stored_exactly_as_the_orm_stores_a_row(central, ring, backend):
    """The import writes through the dialect's bulk path (``shared.db.bulk``): the stored forms
    are those of a row the ORM wrote (the batch row, in the same transaction)."""
    report = imp(
        central, ring, b"FORM-0001\nFORM-0002\n", expires_at=central.clock.now().replace(year=2030)
    )
    sql = {
        "key": "SELECT created_at, updated_at, expires_at, sku_id, batch_id FROM card_key",
        "batch": "SELECT created_at, created_at, expires_at, sku_id, id FROM card_key_batch",
    }
    with central.reader() as uow:
        conn = uow.session.connection()
        keys = conn.exec_driver_sql(sql["key"]).all()
        (batch,) = conn.exec_driver_sql(sql["batch"]).all()
        if backend == "sqlite":
            types = conn.exec_driver_sql(
                "SELECT DISTINCT typeof(id), typeof(secret), typeof(created_at) FROM card_key"
            ).all()
            assert types == [("text", "blob", "text")]
        again = uow.session.scalars(select(CardKey).order_by(CardKey.id)).all()
        assert [k.batch_id for k in again] == [report.batch_id] * 2
        assert {k.created_at for k in again} == {central.clock.now()}
        assert {k.expires_at.year for k in again} == {2030}
    assert [tuple(k) for k in keys] == [tuple(batch)] * 2


def test_the_list_is_masked_paged_and_filtered_by_state(central, ring):
    imp(central, ring, "\n".join(f"LIST-{i:04d}-KEY{i:04d}" for i in range(12)).encode())
    ids = key_ids(central, pool(central).sku_id)
    set_state(central, ids[0], "sold")
    set_state(central, ids[1], "reserved")
    manager = actor(central, "manager01")
    with central.reader() as uow:
        rows, total = card_keys.list_keys(uow, manager, CODE, offset=0, limit=5)
        assert total == 12 and len(rows) == 5
        assert rows[0].masked == "****0000" and rows[0].state == "sold"
        assert all(re.fullmatch(r"\*\*\*\*KEY\d|\*\*\*\*\d{4}", r.masked) for r in rows)
        rest, _ = card_keys.list_keys(uow, manager, CODE, offset=10, limit=5)
        assert len(rest) == 2 and rest[-1].masked == "****0011"
        sold, n_sold = card_keys.list_keys(uow, manager, CODE, state="sold")
        assert n_sold == 1 and [r.key_id for r in sold] == [ids[0]]
        avail, n_avail = card_keys.list_keys(uow, manager, CODE, state="available")
        assert n_avail == 10
        with pytest.raises(ValidationError) as bad:
            card_keys.list_keys(uow, manager, CODE, state="'; DROP TABLE card_key; --")
        assert bad.value.code == "state_unknown"
        with pytest.raises(PermissionDenied):
            card_keys.list_keys(uow, actor(central, "cashier01"), CODE)


# -- every bad input of the issue ----------------------------------------------------------------


def test_an_empty_file_is_refused_and_changes_nothing(central, ring, tmp_path):
    before = counts(central)
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    with pytest.raises(ValidationError) as refused:
        card_keys.read_file(empty)
    assert refused.value.code == "file_empty"
    with pytest.raises(ValidationError) as refused:
        imp(central, ring, b"")
    assert refused.value.code == "file_empty"
    with pytest.raises(ValidationError) as blank:
        imp(central, ring, b"\n  \r\n\t\n\n")  # only blank lines
    assert blank.value.code == "file_empty"
    assert counts(central) == before
    with pytest.raises(NotFound) as missing:
        card_keys.read_file(tmp_path / "nowhere.txt")
    assert missing.value.code == "file_unreadable"


def test_a_binary_file_is_refused_and_changes_nothing(central, ring, tmp_path):
    before = counts(central)
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 40
    with pytest.raises(ValidationError) as refused:
        imp(central, ring, png)
    assert refused.value.code == "file_binary"
    # no NUL byte, but lines that are neither UTF-8 nor GB18030
    noise = b"\n".join(bytes([0xFF, 0x80 + i, 0xFF, 0xFE]) for i in range(20))
    with pytest.raises(ValidationError) as refused:
        imp(central, ring, noise)
    assert refused.value.code == "file_binary"
    assert counts(central) == before


def test_a_50_mb_file_is_refused_before_it_is_read(central, ring, tmp_path, monkeypatch):
    big = tmp_path / "big.txt"
    with big.open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)  # sparse: made at once, nothing written
    before = counts(central)

    def never(*_a, **_k):
        raise AssertionError("the file was read")

    monkeypatch.setattr(Path, "read_bytes", never)
    monkeypatch.setattr(Path, "open", never)
    with pytest.raises(ValidationError) as refused:
        card_keys.read_file(big)
    assert refused.value.code == "file_too_large"
    assert "50.0 MB" in str(refused.value) and "split the file" in str(refused.value)
    assert counts(central) == before


def test_mixed_encodings_bom_and_crlf_read_correctly(central, ring):
    gb = "卡密乙二号-0002".encode("gb18030")
    with pytest.raises(UnicodeDecodeError):
        gb.decode("utf-8")  # the GB18030 line really is not UTF-8
    data = (
        b"\xef\xbb\xbf"  # a UTF-8 BOM before the first key
        + "卡密甲一号-0001".encode()
        + b"\r\n"
        + gb
        + b"\r\n"
        + "充值卡,密码丙".encode("gb18030")
        + b"\r\n"
        + b"PLAIN-ASCII-0004\r\n"
        + "卡密丁-0005".encode()
        + b"\r\n\r\n"
    )
    report = imp(central, ring, data)
    assert report.as_json() == {"read": 5, "added": 5, "duplicate": 0, "invalid": 0}
    assert revealed(central, ring) == [
        "卡密甲一号-0001",
        "卡密乙二号-0002",
        "充值卡,密码丙",
        "PLAIN-ASCII-0004",
        "卡密丁-0005",
    ]


def test_a_bom_is_no_part_of_the_first_key(central, ring):
    imp(central, ring, b"\xef\xbb\xbfBOM-KEY-0001\nBOM-KEY-0002\n")
    assert revealed(central, ring) == ["BOM-KEY-0001", "BOM-KEY-0002"]
    # the same key without the BOM is a duplicate, not a new key
    again = imp(central, ring, b"BOM-KEY-0001\n")
    assert again.as_json() == {"read": 1, "added": 0, "duplicate": 1, "invalid": 0}


def test_crlf_line_ends_are_no_part_of_the_keys(central, ring):
    imp(central, ring, b"CRLF-0001\r\nCRLF-0002,PW-2\r\n\r\nCRLF-0003\r\n")
    assert revealed(central, ring) == ["CRLF-0001", "CRLF-0002,PW-2", "CRLF-0003"]


def test_over_long_lines_and_bad_pairs_are_reported_with_their_line_numbers(central, ring):
    lines = [
        "GOOD-0001",  # 1
        "X" * 513,  # 2: too long
        "CARD-0003,",  # 3: no password
        "GOOD-0004," + "P" * 20,  # 4
        ",PASS-0005",  # 5: no card number
        "A,B,C",  # 6: two commas
        "Y" * 4000,  # 7: far too long
        "GOOD-0008",  # 8
        "CTRL\x07-0009",  # 9: a control character
        "Z" * 512,  # 10: exactly the limit
    ]
    before = counts(central)["card_key"]
    report = imp(central, ring, "\n".join(lines).encode())
    assert report.as_json() == {"read": 10, "added": 4, "duplicate": 0, "invalid": 6}
    assert problems(report) == [
        (2, "key_too_long"),
        (3, "key_no_password"),
        (5, "key_no_card"),
        (6, "key_commas"),
        (7, "key_too_long"),
        (9, "key_unprintable"),
    ]
    assert "password missing" in report.problems[1][2]
    assert counts(central)["card_key"] == before + 4
    assert "Z" * 512 in revealed(central, ring)


def test_a_file_of_duplicates_only_adds_nothing_and_counts_right(central, ring):
    data = b"DUP-0001\nDUP-0002\nDUP-0003,PW\n"
    first = imp(central, ring, data)
    assert first.added == 3
    before = counts(central)["card_key"]
    again = imp(central, ring, data)
    assert again.as_json() == {"read": 3, "added": 0, "duplicate": 3, "invalid": 0}
    assert problems(again) == [
        (1, "duplicate_in_pool"),
        (2, "duplicate_in_pool"),
        (3, "duplicate_in_pool"),
    ]
    assert counts(central)["card_key"] == before
    # written differently, the same key: spaces around it and a Chinese comma
    variants = imp(central, ring, "  DUP-0001 \nDUP-0003 ，PW\n".encode())
    assert variants.as_json() == {"read": 2, "added": 0, "duplicate": 2, "invalid": 0}
    assert pool(central).available == 3


def test_duplicates_in_the_file_and_against_the_pool_are_reported_and_skipped(central, ring):
    imp(central, ring, b"POOL-0001\nPOOL-0002\n")
    data = b"NEW-0001\nPOOL-0001\nNEW-0002\nNEW-0001\n\nPOOL-0002\nNEW-0002\nNEW-0003\n"
    report = imp(central, ring, data)
    assert report.as_json() == {"read": 7, "added": 3, "duplicate": 4, "invalid": 0}
    assert problems(report) == [
        (2, "duplicate_in_pool"),
        (4, "duplicate_in_file"),
        (6, "duplicate_in_pool"),
        (7, "duplicate_in_file"),
    ]
    assert sorted(revealed(central, ring)) == sorted(
        ["POOL-0001", "POOL-0002", "NEW-0001", "NEW-0002", "NEW-0003"]
    )
    # another product's pool is another pool: the same key is no duplicate there
    make_card_key_product(central, "CKT02", name="另一种点卡")
    other = imp(central, ring, b"POOL-0001\n", code="CKT02")
    assert other.added == 1


def test_a_product_that_is_not_a_card_key_product_is_refused(central, ring):
    make_card_key_product(central, "GOODS1", name="普通商品", kind="goods")
    before = counts(central)
    with pytest.raises(ValidationError) as refused:
        imp(central, ring, b"KEY-0001\n", code="GOODS1")
    assert refused.value.code == "not_card_key"
    assert "not a card-key product" in str(refused.value)
    with pytest.raises(NotFound) as unknown:
        imp(central, ring, b"KEY-0001\n", code="NOPE404")
    assert unknown.value.code == "unknown_sku"
    with pytest.raises(ValidationError), central.uow() as uow:
        card_keys.set_stock(uow, actor(central, "manager01"), "GOODS1", 5)
    assert counts(central) == before


def test_only_catalog_managers_import(central, ring):
    before = counts(central)
    with pytest.raises(PermissionDenied):
        imp(central, ring, b"KEY-0001\n", account="cashier01")
    assert counts(central) == before


def test_a_cancelled_import_adds_nothing(central, ring):
    data = "\n".join(f"CANCEL-{i:06d}" for i in range(card_keys.BATCH * 2 + 10)).encode()
    before = counts(central)
    seen: list[tuple[int, int]] = []
    asked = []

    def cancelled() -> bool:
        asked.append(1)
        return len(asked) >= 2  # after the second batch was written (and not committed)

    with pytest.raises(Conflict) as stopped:
        imp(central, ring, data, progress=lambda d, t: seen.append((d, t)), cancelled=cancelled)
    assert stopped.value.code == card_keys.CANCELLED
    assert seen and seen[0][1] == card_keys.BATCH * 2 + 10
    assert counts(central) == before
    assert pool(central).available == 0


def test_a_file_of_many_batches_reports_every_line_in_order(central, ring, monkeypatch):
    imp(central, ring, b"AHEAD-0003\nAHEAD-0030\n")
    monkeypatch.setattr(card_keys, "BIG_IMPORT", 10)  # the big-import path (SQLite: its cache)
    monkeypatch.setattr(card_keys, "BATCH", 7)
    lines = [f"AHEAD-{i:04d}" for i in range(60)]
    lines[12] = lines[5]  # given twice (line 13)
    lines[40] = "NO-PASSWORD,"  # line 41
    seen: list[tuple[int, int]] = []
    report = imp(
        central, ring, "\n".join(lines).encode(), progress=lambda d, t: seen.append((d, t))
    )
    assert report.as_json() == {"read": 60, "added": 56, "duplicate": 3, "invalid": 1}
    assert problems(report) == [
        (4, "duplicate_in_pool"),
        (13, "duplicate_in_file"),
        (31, "duplicate_in_pool"),
        (41, "key_no_password"),
    ]
    assert seen[0] == (7, 60) and seen[-1] == (60, 60) and len(seen) == 9
    assert sorted(revealed(central, ring)) == sorted(
        {"AHEAD-0003", "AHEAD-0030", *(x for x in lines if "," not in x)}
    )

    # cancelled after the second batch: nothing added
    before = counts(central)
    calls = []
    with pytest.raises(Conflict):
        imp(
            central,
            ring,
            "\n".join(f"AHEAD-MORE-{i:04d}" for i in range(200)).encode(),
            cancelled=lambda: calls.append(1) or len(calls) >= 2,
        )
    assert counts(central) == before

    # a failure half-way through the file: nothing added
    real = card_keys.crypto.normalise

    def broken(line: str) -> str:
        if line.startswith("AHEAD-BAD-0150"):
            raise RuntimeError("disk on fire")
        return real(line)

    monkeypatch.setattr(card_keys.crypto, "normalise", broken)
    with pytest.raises(RuntimeError, match="disk on fire"):
        imp(central, ring, "\n".join(f"AHEAD-BAD-{i:04d}" for i in range(200)).encode())
    assert counts(central) == before


def test_progress_is_reported_per_batch_and_at_the_end(central, ring):
    n = card_keys.BATCH + 7
    seen: list[tuple[int, int]] = []
    report = imp(
        central,
        ring,
        "\n".join(f"PROG-{i:06d}" for i in range(n)).encode(),
        progress=lambda d, t: seen.append((d, t)),
    )
    assert report.added == n
    assert seen == [(card_keys.BATCH, n), (n, n)]


def test_a_big_import_on_sqlite_gives_the_page_cache_back(central, ring, backend, monkeypatch):
    if backend != "sqlite":
        return  # a PRAGMA of SQLite's
    monkeypatch.setattr(card_keys, "BIG_IMPORT", 5)
    with central.uow() as uow:
        default = uow.session.connection().exec_driver_sql("PRAGMA cache_size").scalar()
    assert imp(central, ring, "\n".join(f"BIG-{i:04d}" for i in range(50)).encode()).added == 50
    with central.uow() as uow:
        assert uow.session.connection().exec_driver_sql("PRAGMA cache_size").scalar() == default
    with pytest.raises(Conflict):  # cancelled: given back too
        imp(central, ring, b"BIG-X\nBIG-Y\n", cancelled=lambda: True)
    with central.uow() as uow:
        assert uow.session.connection().exec_driver_sql("PRAGMA cache_size").scalar() == default


def test_an_expiry_in_the_past_is_refused(central, ring):
    past = central.clock.now().replace(year=2001)
    with pytest.raises(ValidationError) as refused:
        imp(central, ring, b"KEY-0001\n", expires_at=past)
    assert refused.value.code == "expiry_past"


# -- generation and the stock setting -----------------------------------------------------------


def test_generated_keys_are_random_unique_and_of_the_asked_shape(central, ring):
    manager = actor(central, "manager01")
    with central.uow() as uow:
        report = card_keys.generate_keys(uow, manager, ring, CODE, 50, length=12)
    assert report.added == 50
    with central.uow() as uow:
        card_keys.generate_keys(uow, manager, ring, CODE, 5, length=20, with_password=True)
    keys = revealed(central, ring)
    assert len(set(keys)) == 55
    assert all(re.fullmatch(r"[2-9A-HJ-NP-Z]{12}", k) for k in keys[:50])
    assert all(re.fullmatch(r"[2-9A-HJ-NP-Z]{20},\d{8}", k) for k in keys[50:])
    for count, length, code in (
        (0, 16, "count_range"),
        (100_001, 16, "count_range"),
        (5, 7, "length_range"),
        (5, 65, "length_range"),
    ):
        with pytest.raises(ValidationError) as refused, central.uow() as uow:
            card_keys.generate_keys(uow, manager, ring, CODE, count, length=length)
        assert refused.value.code == code


def test_shown_stock_is_the_smaller_of_the_setting_and_the_available_keys(central, ring):
    manager = actor(central, "manager01")
    with central.uow() as uow:
        card_keys.generate_keys(uow, manager, ring, CODE, 50)
    assert pool(central).shown_stock == 50  # no setting: every available key
    with central.uow() as uow:
        card_keys.set_stock(uow, manager, CODE, 100)
    p = pool(central)
    assert (p.stock_setting, p.available, p.shown_stock) == (100, 50, 50)  # SPEC §7's example
    with central.uow() as uow:
        card_keys.set_stock(uow, manager, CODE, 20)
    assert pool(central).shown_stock == 20
    ids = key_ids(central, p.sku_id)
    for key_id in ids[:35]:
        set_state(central, key_id, "sold")
    with central.uow() as uow:
        card_keys.void_key(uow, manager, ids[40], "印刷错误")
    p = pool(central)
    assert (p.available, p.sold, p.void, p.shown_stock) == (14, 35, 1, 14)
    with central.uow() as uow:
        card_keys.set_stock(uow, manager, CODE, None)
    assert pool(central).stock_setting is None
    for bad in (-1, 10_000_001, 2.5, "5"):
        with pytest.raises(ValidationError) as refused, central.uow() as uow:
            card_keys.set_stock(uow, manager, CODE, bad)
        assert refused.value.code == "stock_range"
    assert [a.detail["new"] for a in audits(central, "card_keys.stock")] == [100, 20, None]


def test_expired_available_keys_are_not_counted_as_available(central, ring, clock):
    soon = clock.now().replace(microsecond=0)
    from datetime import timedelta

    imp(central, ring, b"EXP-0001\nEXP-0002\n", expires_at=soon + timedelta(days=1))
    imp(central, ring, b"LIVE-0001\n")
    assert pool(central).available == 3
    clock.advance(days=2)
    p = pool(central)
    assert (p.available, p.expired, p.shown_stock) == (1, 2, 1)


# -- void and delete ------------------------------------------------------------------------------


def test_reserved_and_sold_keys_cannot_be_voided_or_deleted(central, ring):
    imp(central, ring, b"VD-0001\nVD-0002\nVD-0003\nVD-0004\n")
    ids = key_ids(central, pool(central).sku_id)
    set_state(central, ids[0], "reserved")
    set_state(central, ids[1], "sold")
    manager = actor(central, "manager01")
    before = table_rows(central)
    for key_id, state in ((ids[0], "reserved"), (ids[1], "sold")):
        with pytest.raises(Conflict) as refused, central.uow() as uow:
            card_keys.void_key(uow, manager, key_id, "客户投诉")
        assert refused.value.code == "card_key_not_available"
        assert f"a {state} key cannot be voided" in str(refused.value)
        with pytest.raises(Conflict) as refused, central.uow() as uow:
            card_keys.delete_key(uow, manager, key_id)
        assert refused.value.code == "card_key_not_available"
    assert table_rows(central) == before
    assert audits(central, "card_keys.void") == [] and audits(central, "card_keys.delete") == []

    with pytest.raises(ValidationError) as no_reason, central.uow() as uow:
        card_keys.void_key(uow, manager, ids[2], "   ")
    assert no_reason.value.code == "reason_required"
    with central.uow() as uow:
        card_keys.void_key(uow, manager, ids[2], "卡密泄露")
    with central.uow() as uow:
        card_keys.delete_key(uow, manager, ids[3])
    with central.reader() as uow:
        voided = uow.session.get(CardKey, ids[2])
        assert (voided.state, voided.void_reason) == ("void", "卡密泄露")
        assert uow.session.get(CardKey, ids[3]) is None
    # a void key is no longer available: neither voided again nor deleted
    with pytest.raises(Conflict), central.uow() as uow:
        card_keys.delete_key(uow, manager, ids[2])
    with pytest.raises(NotFound), central.uow() as uow:
        card_keys.void_key(uow, manager, ids[3], "again")
    assert [a.target for a in audits(central, "card_keys.void")] == [ids[2]]
    assert [a.target for a in audits(central, "card_keys.delete")] == [ids[3]]


# -- reveal ---------------------------------------------------------------------------------------


def test_reveal_needs_the_permission_and_is_audited(central, ring):
    imp(central, ring, b"REVEAL-ME-0001,PW-778899\n")
    (key_id,) = key_ids(central, pool(central).sku_id)
    before = len(audits(central))
    for account in ("manager01", "cashier01"):
        with pytest.raises(PermissionDenied) as refused, central.uow() as uow:
            card_keys.reveal(uow, actor(central, account), ring, key_id, purpose="reveal")
        assert refused.value.details["permission"] == "reveal_card_keys"
    assert len(audits(central)) == before  # a refusal leaves no entry

    assert reveal(central, ring, key_id) == "REVEAL-ME-0001,PW-778899"
    with central.uow() as uow:
        text = card_keys.reveal(uow, actor(central, "admin"), ring, key_id, purpose="copy")
    assert text == "REVEAL-ME-0001,PW-778899"
    entries = audits(central)[before:]
    assert [(e.action, e.target) for e in entries] == [
        ("card_keys.reveal", key_id),
        ("card_keys.copy", key_id),
    ]
    admin = actor(central, "admin")
    assert {e.actor_id for e in entries} == {admin.staff_id}
    assert entries[0].detail == {"hint": "0001", "state": "available"}
    assert all("REVEAL-ME" not in json.dumps(e.detail) for e in entries)
    with pytest.raises(ValidationError), central.uow() as uow:
        card_keys.reveal(uow, admin, ring, key_id, purpose="print")
    with pytest.raises(NotFound), central.uow() as uow:
        card_keys.reveal(uow, admin, ring, "0192f3a4-5b6c-7d8e-9f00-112233445566", purpose="reveal")


def test_a_row_altered_in_the_database_does_not_reveal(central, ring):
    imp(central, ring, b"ALTER-0001\nALTER-0002\n")
    first, second = key_ids(central, pool(central).sku_id)
    with central.uow() as uow:  # the first key's ciphertext copied onto the second row
        secret = uow.session.get(CardKey, first).secret
        uow.session.execute(update(CardKey).where(CardKey.id == second).values(secret=secret))
        uow.commit()
    before = len(audits(central))
    with pytest.raises(CardKeyCryptoError) as refused:
        reveal(central, ring, second)
    assert refused.value.code == "card_key_tampered"
    assert len(audits(central)) == before


# -- the encryption key ---------------------------------------------------------------------------


def test_a_wrong_key_at_start_up_is_refused_before_anything_is_decrypted_or_written(central, ring):
    imp(central, ring, b"WRONG-0001\nWRONG-0002\n")
    rows, before = table_rows(central), counts(central)
    with central.reader() as uow:
        checks = uow.session.execute(select(CardKeyCheck.version, CardKeyCheck.check)).all()
    wrong = keyring(1)  # another key under the same version
    with pytest.raises(CardKeyCryptoError) as refused, central.uow() as uow:
        check_keyring(uow, wrong)
    assert refused.value.code == "card_key_wrong_key"
    assert "not the one the card keys were encrypted with" in str(refused.value)
    with pytest.raises(CardKeyCryptoError), central.reader() as uow:
        verify_keyring(uow, wrong)
    # every path that would decrypt or write checks first
    with pytest.raises(CardKeyCryptoError) as refused:
        imp(central, wrong, b"WRONG-0003\n")
    assert refused.value.code == "card_key_wrong_key"
    with pytest.raises(CardKeyCryptoError):
        card_keys.rotate(central.uow, Keyring({1: wrong.keys[1], 2: keyring(2).keys[2]}))
    with pytest.raises(CardKeyCryptoError), central.uow() as uow:
        card_keys.generate_keys(uow, actor(central, "admin"), wrong, CODE, 3)
    assert table_rows(central) == rows and counts(central) == before
    with central.reader() as uow:
        assert uow.session.execute(select(CardKeyCheck.version, CardKeyCheck.check)).all() == checks
    # the right key still works
    with central.uow() as uow:
        check_keyring(uow, ring)
    assert revealed(central, ring) == ["WRONG-0001", "WRONG-0002"]


def test_a_key_version_the_pool_still_uses_must_stay_configured(central, ring):
    imp(central, ring, b"KEEP-0001\n")
    rows, before = table_rows(central), counts(central)
    only_new = keyring(2)  # version 1 left out before the rotation
    with pytest.raises(CardKeyCryptoError) as refused, central.uow() as uow:
        check_keyring(uow, only_new)
    assert refused.value.code == "card_key_missing_version"
    assert refused.value.details["version"] == 1
    with pytest.raises(CardKeyCryptoError):
        imp(central, only_new, b"KEEP-0001\n")  # would be let in as a new key otherwise
    assert table_rows(central) == rows and counts(central) == before


def test_rotation_re_encrypts_everything_and_duplicates_are_still_caught(central, ring):
    first = [f"ROT-{i:04d}" for i in range(25)]
    imp(central, ring, "\n".join(first).encode())
    both = Keyring({1: ring.keys[1], 2: keyring(2).keys[2]})
    # before the rotation, under version 2: a key sealed under version 1 is still a duplicate
    mid = imp(central, both, b"ROT-0003\nROT-NEW-1\n")
    assert mid.as_json() == {"read": 2, "added": 1, "duplicate": 1, "invalid": 0}
    with central.reader() as uow:
        versions = dict(
            uow.session.execute(
                select(CardKey.key_version, func.count()).group_by(CardKey.key_version)
            ).all()
        )
    assert versions == {1: 25, 2: 1}
    # a file larger than the pool: the pool's fingerprints are read once, older ones too
    bigger = [f"ROT-{i:04d}" for i in (1, 2)] + [f"ROT-MORE-{i:02d}" for i in range(30)]
    more = imp(central, both, "\n".join(bigger).encode())
    assert more.as_json() == {"read": 32, "added": 30, "duplicate": 2, "invalid": 0}
    assert problems(more) == [(1, "duplicate_in_pool"), (2, "duplicate_in_pool")]
    admin = actor(central, "admin")
    seen: list[int] = []
    done = card_keys.rotate(central.uow, both, actor=admin, batch=10, progress=seen.append)
    assert done == 25 and seen == [10, 20, 25]  # the 31 under version 2 stay as they are
    with central.reader() as uow:
        assert set(uow.session.scalars(select(CardKey.key_version))) == {2}
        assert set(uow.session.scalars(select(CardKeyCheck.version))) == {1, 2}
    only_new = Keyring({2: both.keys[2]})
    assert sorted(revealed(central, only_new)) == sorted([*first, "ROT-NEW-1", *bigger[2:]])
    # the old version can now be left out of the configuration
    with central.uow() as uow:
        check_keyring(uow, only_new)
    again = imp(central, only_new, b"ROT-0000\nROT-0024\nROT-NEW-1\nROT-NEW-2\n")
    assert again.as_json() == {"read": 4, "added": 1, "duplicate": 3, "invalid": 0}
    assert card_keys.rotate(central.uow, only_new) == 0  # nothing left to do
    assert [a.detail for a in audits(central, "card_keys.rotate")] == [{"keys": 25}]


def test_an_unauthorised_rotation_is_refused(central, ring):
    imp(central, ring, b"ROT-0001\n")
    both = Keyring({1: ring.keys[1], 2: keyring(2).keys[2]})
    with pytest.raises(PermissionDenied):
        card_keys.rotate(central.uow, both, actor=actor(central, "cashier01"))
    with central.reader() as uow:
        assert set(uow.session.scalars(select(CardKey.key_version))) == {1}


def test_the_database_file_holds_no_key_in_clear(tmp_path, ring, clock):
    from shared.db.engine import sqlite_url
    from shared.services.runtime import open_database

    path = tmp_path / "central.db"
    db = open_database(sqlite_url(path), clock)
    create_demo(db, products=10)
    make_card_key_product(db, CODE)
    distinctive = "ZQXJ-SECRET-7F3A9C1E5B"
    password = "PW-8d6e4c2a0b"
    imp(db, ring, f"{distinctive},{password}\nOTHER-KEY-42\n".encode())
    assert reveal(db, ring, key_ids(db, pool(db).sku_id)[0]) == f"{distinctive},{password}"
    db.dispose()  # the last connection checkpoints the WAL into the file
    files = [p for p in tmp_path.iterdir() if p.name.startswith("central.db")]
    raw = b"".join(p.read_bytes() for p in files)
    assert len(raw) > 100_000
    for text in (distinctive, password, "ZQXJ-SECRET", "OTHER-KEY-42"):
        for encoding in ("utf-8", "utf-16-le", "utf-16-be"):
            assert text.encode(encoding) not in raw, (text, encoding)


def test_load_keyring_reads_the_variable_the_file_and_the_data_dir(tmp_path, ring):
    text = keyring_text(ring)
    assert load_keyring(tmp_path, {}) is None
    assert load_keyring(tmp_path, {ENV_KEYS: text}).keys == ring.keys
    conf = tmp_path / "keys.conf"
    conf.write_text(f"# keys\n{text}\n", encoding="utf-8")
    assert load_keyring(None, {ENV_FILE: str(conf)}).keys == ring.keys
    with pytest.raises(CardKeyCryptoError) as missing:
        load_keyring(None, {ENV_FILE: str(tmp_path / "nowhere.conf")})
    assert missing.value.code == "card_key_no_key"
    (tmp_path / "card-keys.conf").write_text(text, encoding="utf-8")
    assert load_keyring(tmp_path, {}).keys == ring.keys
    (tmp_path / "card-keys.conf").write_text("1:not-a-key!", encoding="utf-8")
    with pytest.raises(CardKeyCryptoError) as bad:
        load_keyring(tmp_path, {})
    assert bad.value.code == "card_key_bad_key"


# -- storedesk cardkeys ---------------------------------------------------------------------------


@pytest.fixture
def storedesk(capsys, monkeypatch, tmp_path, central, ring):
    """``storedesk(*argv) -> (exit code, stdout, stderr)`` on the central database, with the
    keyring in ``STOREDESK_CARD_KEYS``."""
    url = central.engine.url.render_as_string(hide_password=False)
    monkeypatch.setenv(ENV_KEYS, keyring_text(ring))
    monkeypatch.delenv(ENV_FILE, raising=False)
    data = tmp_path / "data"

    def run(*argv: str) -> tuple[int, str, str]:
        code = cli.main(["--data-dir", str(data), "--central", url, *map(str, argv)])
        out = capsys.readouterr()
        return code, out.out, out.err

    return run


def test_cli_import_json_has_exactly_the_four_counts(storedesk, central, ring, tmp_path):
    path = tmp_path / "keys.txt"
    path.write_bytes(b"CLI-0001\nCLI-0002\nCLI-0001\nCLI-0004,\n\nCLI-0005,PW\n")
    code, out, err = storedesk("--json", "cardkeys", "import", "--product", CODE, path)
    assert code == 0, err
    assert json.loads(out) == {"read": 5, "added": 3, "duplicate": 1, "invalid": 1}
    assert list(json.loads(out)) == ["read", "added", "duplicate", "invalid"]
    assert err == ""
    # --json after the sub-command, and the same file again
    code, out, _ = storedesk("cardkeys", "import", "--product", CODE, path, "--json")
    assert code == 0 and json.loads(out) == {"read": 5, "added": 0, "duplicate": 4, "invalid": 1}
    # the human report lists the lines not added, never a key
    code, out, _ = storedesk("cardkeys", "import", "--product", CODE, str(path))
    assert code == 0
    assert out.splitlines()[0] == f"{CODE}: read 5, added 0, duplicate 4, invalid 1"
    assert "line 4: password missing after the comma" in out
    assert "CLI-0001" not in out and "CLI-0005" not in out
    assert sorted(revealed(central, ring)) == ["CLI-0001", "CLI-0002", "CLI-0005,PW"]
    # as a named account; a cashier may not
    code, _, err = storedesk("cardkeys", "import", "--product", CODE, path, "--actor", "cashier01")
    assert code == 1 and "may not manage catalog" in err


@pytest.mark.parametrize(
    "content, reason",
    [
        (b"", "is empty"),
        (b"\x00\x01\x02\x03" * 100, "binary content"),
        (None, "split the file"),  # 50 MB
    ],
)
def test_cli_import_refuses_a_bad_file_in_one_line(storedesk, central, tmp_path, content, reason):
    path = tmp_path / "bad.txt"
    if content is None:
        with path.open("wb") as fh:
            fh.truncate(50 * 1024 * 1024)
    else:
        path.write_bytes(content)
    before = counts(central)
    code, out, err = storedesk("cardkeys", "import", "--product", CODE, path)
    assert code != 0 and out == ""
    assert len(err.strip().splitlines()) == 1 and reason in err
    code, out, err = storedesk("--json", "cardkeys", "import", "--product", CODE, path)
    assert code != 0 and json.loads(out)["ok"] is False
    assert counts(central) == before


def test_cli_refuses_without_a_key_or_with_the_wrong_one(storedesk, central, tmp_path, monkeypatch):
    path = tmp_path / "keys.txt"
    path.write_bytes(b"K-0001\n")
    assert storedesk("cardkeys", "import", "--product", CODE, path)[0] == 0
    rows = table_rows(central)
    monkeypatch.delenv(ENV_KEYS)
    code, _, err = storedesk("cardkeys", "import", "--product", CODE, path)
    assert code == 1 and "none is configured" in err and "cardkeys keygen" in err
    code, _, err = storedesk("cardkeys", "check")
    assert code == 1 and "none is configured" in err
    monkeypatch.setenv(ENV_KEYS, keyring_text(keyring(1)))
    for argv in (("check",), ("import", "--product", CODE, path), ("rotate",)):
        code, out, err = storedesk("cardkeys", *argv)
        assert code == 1 and out == ""
        assert "is not the one the card keys were encrypted with" in err
        assert len(err.strip().splitlines()) == 1
    assert table_rows(central) == rows


def test_cli_generate_list_stock_keygen_rotate_and_check(storedesk, central, ring, monkeypatch):
    code, out, err = storedesk("--json", "cardkeys", "check")
    assert code == 0, err
    assert json.loads(out) == {"ok": True, "versions": [1], "current": 1, "source": ENV_KEYS}

    code, out, err = storedesk(
        "--json", "cardkeys", "generate", "--product", CODE, "--count", "30", "--password"
    )
    assert code == 0, err
    assert json.loads(out) == {
        "product": CODE,
        "read": 30,
        "added": 30,
        "duplicate": 0,
        "invalid": 0,
    }

    code, out, _ = storedesk("--json", "cardkeys", "list", "--product", CODE, "--limit", "5")
    listed = json.loads(out)
    assert code == 0 and listed["total"] == 30 and len(listed["keys"]) == 5
    assert all(re.fullmatch(r"\*\*\*\*\w{4}", k["key"]) for k in listed["keys"])
    clear = revealed(central, ring)
    assert not any(k.split(",")[0] in out or k.split(",")[1] in out for k in clear)
    set_state(central, listed["keys"][0]["id"], "sold")
    code, out, _ = storedesk("--json", "cardkeys", "list", "--product", CODE, "--state", "sold")
    assert [k["id"] for k in json.loads(out)["keys"]] == [listed["keys"][0]["id"]]

    code, out, _ = storedesk("--json", "cardkeys", "stock", "--product", CODE, "--set", "10")
    assert code == 0
    assert json.loads(out) == {
        "product": CODE,
        "stock_setting": 10,
        "available": 29,
        "reserved": 0,
        "sold": 1,
        "void": 0,
        "shown_stock": 10,
        "reserve_minutes": 30,
    }
    code, out, _ = storedesk("--json", "cardkeys", "stock", "--product", CODE, "--set", "none")
    assert json.loads(out)["stock_setting"] is None and json.loads(out)["shown_stock"] == 29
    code, out, _ = storedesk("cardkeys", "stock", "--product", CODE)
    assert code == 0 and "shown stock 29" in out
    code, _, err = storedesk("cardkeys", "stock", "--product", CODE, "--set", "lots")
    assert code == 1 and "not a whole number" in err

    before = counts(central)
    code, out, _ = storedesk("--json", "cardkeys", "keygen")
    entry = json.loads(out)
    assert code == 0 and entry["version"] == 2 and entry["entry"].startswith("2:")
    new = Keyring.parse(entry["entry"])
    assert len(new.keys[2]) == 32 and counts(central) == before  # nothing written
    code, out, _ = storedesk("cardkeys", "keygen")
    assert code == 0 and re.fullmatch(r"2:[A-Za-z0-9_=-]{44}\n", out)

    monkeypatch.setenv(ENV_KEYS, keyring_text(ring) + "," + entry["entry"])
    code, out, err = storedesk("--json", "cardkeys", "rotate")
    assert code == 0, err
    assert json.loads(out) == {"rotated": 30, "version": 2}
    code, out, _ = storedesk("cardkeys", "rotate")
    assert code == 0 and out.strip() == "re-encrypted 0 card keys under key version 2"
    monkeypatch.setenv(ENV_KEYS, entry["entry"])  # version 1 retired
    code, out, err = storedesk("cardkeys", "check")
    assert code == 0 and "versions 2, current 2" in out
    assert sorted(revealed(central, new)) == sorted(clear)
