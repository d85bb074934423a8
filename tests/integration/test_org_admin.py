"""Organisation management on the central database (SPEC §1, §14, §15): stores (validation, the
CSV import with its row report and its encodings, the template), terminals (numbers unique
across the enterprise, retirement), staff (add, edit, secrets typed or generated, disable,
delete keeping every record's author, never oneself, never the last admin — also when two admins
race), permissions, audit entries without secrets, and head-office changes reaching a terminal
by pull. SQLite and PostgreSQL."""

from __future__ import annotations

import codecs
import threading
from dataclasses import replace

import pytest
from sqlalchemy import select

from shared.db.models import (
    AuditEntry,
    CardKeyLease,
    Staff,
    StaffStore,
    Store,
    SyncException,
    Terminal,
)
from shared.db.queries.org_admin import StaffRow
from shared.domain.errors import (
    AuthenticationFailed,
    Conflict,
    DomainError,
    NotFound,
    PermissionDenied,
    ValidationError,
)
from shared.domain.ids import new_id
from shared.domain.tenders import Tender
from shared.services import audit_log, auth, org_admin, sales, shift_review, shifts
from shared.services.demo import create_demo
from shared.services.org_admin import StaffInput, StaffQuery, StoreInput, StoreQuery
from shared.sync import central as central_handlers
from shared.sync.gateway import InProcessGateway
from shared.sync.pull import pull_stream
from shared.sync.push import push_pending
from tests.integration.test_redeem import assert_unchanged, snapshot
from tests.support.channels import actor


@pytest.fixture
def central(make_db):
    db = make_db()
    create_demo(db, products=10)
    return db


@pytest.fixture
def admin(central):
    return actor(central, "admin")


def store_id(db, code: str) -> str:
    with db.reader() as uow:
        return str(uow.session.scalars(select(Store.id).where(Store.code == code)).one())


def staff_id(db, account: str) -> str:
    with db.reader() as uow:
        return str(uow.session.scalars(select(Staff.id).where(Staff.account == account)).one())


def audit(db, action: str | None = None) -> list[AuditEntry]:
    with db.reader() as uow:
        stmt = select(AuditEntry).order_by(AuditEntry.at, AuditEntry.id)
        if action:
            stmt = stmt.where(AuditEntry.action == action)
        rows = list(uow.session.scalars(stmt))
        uow.session.expunge_all()  # keep what was read after the reader ends
        return rows


def call(db, fn, *args, **kwargs):
    with db.uow() as uow:
        return fn(uow, *args, **kwargs)


def read(db, fn, *args, **kwargs):
    with db.reader() as uow:
        return fn(uow, *args, **kwargs)


def refused(db, exc_type, code: str, fn, *args, **kwargs) -> DomainError:
    """``fn`` refuses with ``exc_type`` / ``code`` and nothing in the database changed."""
    before = snapshot(db)
    with pytest.raises(exc_type) as info:
        call(db, fn, *args, **kwargs)
    assert info.value.code == code, (info.value.code, info.value.message)
    assert_unchanged(db, before)
    return info.value


GOOD = StoreInput(
    code="s03",
    name="星辰便利店 浦东店",
    address="上海市浦东新区世纪大道 100 号",
    phone="021-5888 0303",
    introduction="24 小时营业\n可代收快递",
    status="open",
    settlement_period="week",
    fee_rate_bp=60,
)


# -- stores ----------------------------------------------------------------------------------------


def test_a_store_is_added_listed_filtered_and_changed_with_an_audit_trail(central, admin):
    row = call(central, org_admin.create_store, admin, GOOD)
    assert row.code == "S03"  # upper case: a terminal registers with the code upper-cased
    assert (row.settlement_period, row.fee_rate_bp, row.status) == ("week", 60, "open")
    assert row.introduction == "24 小时营业\n可代收快递"

    page = read(central, org_admin.list_stores, admin)
    assert [r.code for r in page.rows] == ["S01", "S02", "S03"] and page.total == 3
    s01 = page.rows[0]
    assert s01.staff >= 4 and s01.terminals == 0
    assert [
        r.code for r in read(central, org_admin.list_stores, admin, StoreQuery("浦东")).rows
    ] == ["S03"]
    # LIKE's metacharacters are taken literally
    assert read(central, org_admin.list_stores, admin, StoreQuery("%")).total == 0
    assert read(central, org_admin.list_stores, admin, StoreQuery("_")).total == 0
    assert read(central, org_admin.list_stores, admin, StoreQuery("' OR 1=1 --")).total == 0
    page2 = read(central, org_admin.list_stores, admin, StoreQuery(status="closed"))
    assert page2.total == 0

    changed = call(
        central,
        org_admin.update_store,
        admin,
        row.store_id,
        replace(GOOD, code="S03", settlement_period="month", fee_rate_bp=10_000, status="closed"),
    )
    assert (changed.settlement_period, changed.fee_rate_bp, changed.status) == (
        "month",
        10_000,
        "closed",
    )
    # saving it again unchanged writes nothing
    before = snapshot(central)
    call(central, org_admin.update_store, admin, row.store_id, org_admin.input_from_store(changed))
    assert_unchanged(central, before)

    created, updated = audit(central, "store.create"), audit(central, "store.update")
    assert len(created) == 1 and created[0].target == "S03"
    assert created[0].store_id == row.store_id and created[0].actor_id == admin.staff_id
    assert created[0].detail["fee_rate_bp"] == 60
    assert len(updated) == 1
    assert updated[0].detail["changed"] == {
        "settlement_period": ["week", "month"],
        "fee_rate_bp": [60, 10_000],
        "status": ["open", "closed"],
    }


BAD_STORES = [
    ({"code": ""}, "store_code", "code"),
    ({"code": "S-1"}, "store_code", "code"),
    ({"code": "门店1"}, "store_code", "code"),
    ({"code": "S" * 17}, "store_code", "code"),
    ({"code": "s01"}, "store_code_taken", "code"),  # regardless of case
    ({"name": "  "}, "store_name", "name"),
    ({"name": "店" * 101}, "store_name", "name"),
    ({"name": "星辰\x00店"}, "store_name", "name"),
    ({"address": "路" * 201}, "store_address", "address"),
    ({"phone": "call me"}, "store_phone", "phone"),
    ({"phone": "1" * 41}, "store_phone", "phone"),
    ({"phone": "'; DROP TABLE store; --"}, "store_phone", "phone"),
    ({"introduction": "x" * 2001}, "store_introduction", "introduction"),
    ({"introduction": "bell\x07"}, "store_introduction", "introduction"),
    ({"status": "paused"}, "store_status", "status"),
    ({"settlement_period": "year"}, "store_period", "settlement_period"),
    ({"settlement_period": None}, "store_period", "settlement_period"),
    ({"fee_rate_bp": -1}, "store_fee", "fee_rate_bp"),
    ({"fee_rate_bp": 10_001}, "store_fee", "fee_rate_bp"),
    ({"fee_rate_bp": 0.5}, "store_fee", "fee_rate_bp"),
    ({"fee_rate_bp": True}, "store_fee", "fee_rate_bp"),
]


@pytest.mark.parametrize(("change", "code", "field"), BAD_STORES)
def test_every_bad_store_field_is_refused_under_its_field_and_changes_nothing(
    central, admin, change, code, field
):
    exc = refused(
        central, ValidationError, code, org_admin.create_store, admin, replace(GOOD, **change)
    )
    assert exc.details["field"] == field
    # the same on an edit of an existing store
    s02 = store_id(central, "S02")
    data = replace(org_admin.input_from_store(read(central, org_admin.store_detail, admin, s02)))
    if change.get("code") == "s01":
        exc = refused(
            central,
            ValidationError,
            code,
            org_admin.update_store,
            admin,
            s02,
            replace(data, code="S01"),
        )
    else:
        exc = refused(
            central,
            ValidationError,
            code,
            org_admin.update_store,
            admin,
            s02,
            replace(data, **change),
        )
    assert exc.details["field"] == field


def test_the_code_is_fixed_once_a_terminal_registered_and_a_closed_store_gets_no_terminal(
    central, admin
):
    row = call(central, org_admin.create_store, admin, GOOD)
    renamed = call(central, org_admin.update_store, admin, row.store_id, replace(GOOD, code="S04"))
    assert renamed.code == "S04"  # no terminal yet: a typo can be fixed
    call(central, org_admin.register_terminal, admin, row.store_id, 7)
    refused(
        central,
        ValidationError,
        "store_code_in_use",
        org_admin.update_store,
        admin,
        row.store_id,
        replace(GOOD, code="S05"),
    )
    closed = call(central, org_admin.set_store_status, admin, row.store_id, "closed")
    assert closed.status == "closed" and closed.terminals == 1
    refused(
        central,
        ValidationError,
        "store_closed",
        org_admin.register_terminal,
        admin,
        row.store_id,
        8,
    )
    call(central, org_admin.set_store_status, admin, row.store_id, "open")
    assert [e.action for e in audit(central) if e.action.startswith("store.")] == [
        "store.create",
        "store.update",
        "store.close",
        "store.open",
    ]
    refused(
        central,
        ValidationError,
        "store_status",
        org_admin.set_store_status,
        admin,
        row.store_id,
        "gone",
    )
    refused(
        central,
        NotFound,
        "store_not_found",
        org_admin.set_store_status,
        admin,
        str(new_id()),
        "open",
    )


# -- store import ----------------------------------------------------------------------------------

IMPORT_TEXT = (
    "门店编码,门店名称,地址,电话,简介,状态,结算周期,费率(%)\n"
    "# a note line: skipped\n"
    "s10,星辰便利店 虹口店,上海市虹口区四川北路 1 号,021-6666 1010,,营业,月,0.6\n"
    "S01,重复的静安店,,,,,,\n"
    "S11,星辰便利店 闵行店,,021-1111 1111,,停业,日,3\n"
    "S12,,,,,,,\n"
    "S13,星辰便利店 宝山店,,,,,年,0.6\n"
    "S14,星辰便利店 嘉定店,,,,,,100.5\n"
    "S15,星辰便利店 松江店,,,,,,0.125\n"
    "S11,又一个闵行店,,,,,,\n"
    "S-16,星辰便利店 金山店,,abc,,暂停,,\n"
    "\n"
    "S17,星辰便利店 青浦店,,,,closed,week,\n"
)


def test_an_import_adds_the_good_rows_and_reports_every_bad_cell(central, admin):
    result = call(
        central, org_admin.import_stores_csv, admin, IMPORT_TEXT.encode("utf-8-sig"), "门店.csv"
    )
    assert (result.read, result.imported) == (10, 3)
    assert result.codes == ["S10", "S11", "S17"]
    problems = [(p.row, p.column, p.code) for p in result.problems]
    assert problems == [
        (4, "门店编码", "import_code_exists"),  # exists already: reported, not overwritten
        (6, "门店名称", "import_required"),
        (7, "结算周期", "import_period"),
        (8, "费率(%)", "import_fee"),
        (9, "费率(%)", "import_fee"),
        (10, "门店编码", "import_code_repeated"),
        (11, "门店编码", "store_code"),
        (11, "电话", "store_phone"),
        (11, "状态", "import_status"),
    ]
    assert result.rejected == 7
    with central.reader() as uow:
        rows = {s.code: s for s in uow.session.scalars(select(Store).where(Store.code.like("S1%")))}
        s01 = uow.session.scalars(select(Store).where(Store.code == "S01")).one()
        uow.session.expunge_all()
    assert set(rows) == {"S10", "S11", "S17"}
    assert (rows["S10"].fee_rate_bp, rows["S10"].settlement_period, rows["S10"].status) == (
        60,
        "month",
        "open",
    )
    assert (rows["S11"].fee_rate_bp, rows["S11"].settlement_period, rows["S11"].status) == (
        300,
        "day",
        "closed",
    )
    assert (rows["S17"].settlement_period, rows["S17"].status) == ("week", "closed")
    assert s01.name == "星辰便利店 静安店"  # not overwritten
    (entry,) = audit(central, "store.import")
    assert entry.target == "门店.csv"
    assert entry.detail == {
        "read": 10,
        "imported": 3,
        "rejected": 7,
        "codes": ["S10", "S11", "S17"],
    }


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_an_import_reads_utf8_with_or_without_bom_and_gb18030(central, admin, encoding):
    text = "门店编码,门店名称,地址\nS20,星辰便利店 杨浦店,上海市杨浦区五角场\n"
    result = call(central, org_admin.import_stores_csv, admin, text.encode(encoding), "x.csv")
    assert (result.imported, result.problems) == (1, [])
    detail = read(central, org_admin.list_stores, admin, StoreQuery("S20")).rows[0]
    assert (detail.name, detail.address) == ("星辰便利店 杨浦店", "上海市杨浦区五角场")


@pytest.mark.parametrize(
    ("data", "code"),
    [
        ("门店编码,门店名称\nS20,店\n".encode("utf-16"), "file_encoding"),
        (b"\xef\xbb\xbfcode,name\nS20,\xff\xfe\xfd\n", "file_encoding"),
        (b"code,name\nS20,\xff\xff\n", "file_encoding"),
        (b"code,name\x00\nS20,x\n", "file_not_text"),
        (b"", "import_empty"),
        (b"\n\n  \n", "import_empty"),
        ("门店名称,地址\n店,路\n".encode(), "import_columns"),
        ("门店编码,code,门店名称\nS1,S1,店\n".encode(), "import_columns"),
        (b"x" * (org_admin.MAX_IMPORT_BYTES + 1), "file_too_large"),
        (
            (
                "code,name\n" + "".join(f"X{i},n\n" for i in range(org_admin.MAX_IMPORT_ROWS + 1))
            ).encode(),
            "file_too_many_rows",
        ),
    ],
)
def test_a_file_that_cannot_be_read_is_refused_whole(central, admin, data, code):
    exc = refused(central, ValidationError, code, org_admin.import_stores_csv, admin, data, "f.csv")
    if code == "import_columns" and "missing" in exc.details:
        assert exc.details["missing"] == ["门店编码"]


def test_the_template_imports_as_it_is_and_once_filled_in(central, admin, tmp_path):
    path = org_admin.write_store_template(tmp_path / "stores-template.csv")
    data = path.read_bytes()
    assert data.startswith(codecs.BOM_UTF8)
    empty = call(central, org_admin.import_stores_csv, admin, data, path.name)
    assert (empty.read, empty.imported, empty.problems) == (0, 0, [])  # the note lines skipped
    filled = data + "S30,星辰便利店 奉贤店,,,,营业,周,1.5\r\n".encode()
    result = call(central, org_admin.import_stores_csv, admin, filled, path.name)
    assert (result.imported, result.codes) == (1, ["S30"])
    row = read(central, org_admin.list_stores, admin, StoreQuery("S30")).rows[0]
    assert (row.settlement_period, row.fee_rate_bp) == ("week", 150)
    with pytest.raises(ValidationError):
        org_admin.write_store_template(tmp_path / "t.xlsx")


def test_percent_parsing():
    assert org_admin.parse_percent("0.6") == 60
    assert org_admin.parse_percent("０.６%") == 60
    assert org_admin.parse_percent(" 3 % ") == 300
    assert org_admin.parse_percent("100") == 10_000
    for bad in ("0.125", "-1", "100.01", "abc", "", "NaN", "1e3"):
        with pytest.raises(ValidationError):
            org_admin.parse_percent(bad)


# -- terminals -------------------------------------------------------------------------------------


def test_terminal_numbers_are_unique_across_the_enterprise_and_retiring_is_final(central, admin):
    s01, s02 = store_id(central, "S01"), store_id(central, "S02")
    assert read(central, org_admin.next_terminal_number, admin) == 1
    t1 = call(central, org_admin.register_terminal, admin, s01, 1)
    t3 = call(central, org_admin.register_terminal, admin, s01, 3, "收银台 3")
    assert (t1.name, t3.name, t1.store_code) == ("星辰便利店 静安店 #1", "收银台 3", "S01")
    assert read(central, org_admin.next_terminal_number, admin) == 2
    exc = refused(
        central,
        ValidationError,
        "terminal_number_taken",
        org_admin.register_terminal,
        admin,
        s02,
        3,
    )
    assert exc.details == {"field": "number", "value": 3, "store": "S01"}
    for number in (0, 100, -1, "2", None, 2.0, True):
        refused(
            central,
            ValidationError,
            "terminal_number",
            org_admin.register_terminal,
            admin,
            s02,
            number,
        )
    refused(
        central,
        ValidationError,
        "terminal_name",
        org_admin.register_terminal,
        admin,
        s02,
        2,
        "名" * 61,
    )
    refused(central, NotFound, "store_not_found", org_admin.register_terminal, admin, "nope", 2)

    # the counter then registers with the store code and the number
    with central.uow() as uow:
        answer = central_handlers.register_terminal(uow.session, uow.clock, "s01", 3)
    assert answer["terminal_id"] == t3.terminal_id

    # retiring quarantines the terminal's card-key leases and refuses its registration
    with central.uow() as uow:
        now = uow.clock.now()
        uow.session.add(
            CardKeyLease(
                id=str(new_id()),
                terminal_id=t3.terminal_id,
                sku_id=str(new_id()),
                state="active",
                created_at=now,
                expires_at=now,
                note="",
            )
        )
        uow.commit()
    retired = call(central, org_admin.retire_terminal, admin, t3.terminal_id)
    assert retired.status == "retired"
    with central.reader() as uow:
        assert uow.session.scalars(select(CardKeyLease.state)).one() == "quarantined"
    with central.uow() as uow, pytest.raises(ValidationError) as info:
        central_handlers.register_terminal(uow.session, uow.clock, "S01", 3)
    assert info.value.code == "terminal_retired"
    refused(central, Conflict, "terminal_retired", org_admin.retire_terminal, admin, t3.terminal_id)
    (entry,) = audit(central, "terminal.retire")
    assert entry.target == "S01 #3" and entry.detail["leases_quarantined"] == 1
    assert entry.store_id == s01
    assert [e.target for e in audit(central, "terminal.register")] == ["S01 #1", "S01 #3"]
    # the number stays taken: it is in the receipts the terminal printed
    refused(
        central,
        ValidationError,
        "terminal_number_taken",
        org_admin.register_terminal,
        admin,
        s02,
        3,
    )


def test_a_manager_reads_their_own_stores_terminals_and_staff_only(central, admin):
    s01, s02 = store_id(central, "S01"), store_id(central, "S02")
    call(central, org_admin.register_terminal, admin, s01, 1)
    call(central, org_admin.register_terminal, admin, s02, 2)
    manager = actor(central, "manager01")
    page = read(central, org_admin.list_terminals, manager)
    assert [(r.store_code, r.number) for r in page.rows] == [("S01", 1)]
    assert read(central, org_admin.list_terminals, admin).total == 2
    with pytest.raises(PermissionDenied) as info:
        read(central, org_admin.list_terminals, manager, org_admin.TerminalQuery(store_id=s02))
    assert info.value.code == "store_not_allowed"
    staff = read(central, org_admin.list_staff, manager)
    accounts = {r.account for r in staff.rows}
    assert "cashier01" in accounts and "cashier03" not in accounts and "manager02" not in accounts
    assert [c.code for c in read(central, org_admin.store_choices, manager)] == ["S01"]
    with pytest.raises(PermissionDenied):
        read(central, org_admin.list_stores, manager)
    cashier = actor(central, "cashier01")
    for fn in (org_admin.list_terminals, org_admin.list_staff, org_admin.store_choices):
        with pytest.raises(PermissionDenied):
            read(central, fn, cashier)
    with pytest.raises(NotFound):
        read(central, org_admin.staff_detail, manager, staff_id(central, "cashier03"))


# -- staff -----------------------------------------------------------------------------------------

NEW = StaffInput(
    account="cashier09",
    name="孙丽",
    position="收银组长",
    roles=("cashier", "guide"),
    store_ids=(),
    enabled=True,
)


def test_an_account_is_added_with_typed_or_generated_secrets_that_never_reach_the_log(
    central, admin
):
    s01 = store_id(central, "S01")
    typed = call(
        central,
        org_admin.create_staff,
        admin,
        replace(NEW, store_ids=(s01,)),
        password="secret-pass-1",
        pin="246810",
    )
    assert (typed.password, typed.pin) == (None, None)
    assert typed.row.roles == ("cashier", "guide") and typed.row.store_codes == ("S01",)
    assert typed.row.has_pin
    with central.uow() as uow:
        assert auth.login_with_password(uow, "cashier09", "secret-pass-1").name == "孙丽"
    with central.uow() as uow:
        assert auth.login_with_pin(uow, "cashier09", "246810", store_id=s01).account == "cashier09"

    generated = call(
        central,
        org_admin.create_staff,
        admin,
        replace(NEW, account="cashier10", store_ids=(s01,)),
    )
    assert generated.password and len(generated.password) == org_admin.GENERATED_PASSWORD_LENGTH
    assert generated.pin and generated.pin.isdigit() and len(generated.pin) == 6
    with central.uow() as uow:
        auth.login_with_password(uow, "cashier10", generated.password)
    no_pin = call(
        central,
        org_admin.create_staff,
        admin,
        replace(NEW, account="admin2", roles=("admin",)),
        password="admin-pass-2",
        with_pin=False,
    )
    assert not no_pin.row.has_pin and no_pin.row.store_ids == ()  # an admin may have no store

    entries = audit(central, "staff.create")
    assert [e.target for e in entries] == ["cashier09", "cashier10", "admin2"]
    assert entries[0].detail["pin_set"] is True and entries[0].detail["password_generated"] is False
    assert entries[1].detail["pin_generated"] is True
    assert entries[2].detail["pin_set"] is False
    text = repr([e.detail for e in audit(central)])
    for secret in ("secret-pass-1", "246810", generated.password, generated.pin, "admin-pass-2"):
        assert secret not in text
    assert "$argon2" not in text


BAD_STAFF = [
    ({"account": ""}, "staff_account", "account"),
    ({"account": "李娜"}, "staff_account", "account"),
    ({"account": "a b"}, "staff_account", "account"),
    ({"account": "a" * 65}, "staff_account", "account"),
    ({"account": "CASHIER01"}, "staff_account_taken", "account"),  # regardless of case
    ({"name": ""}, "staff_name", "name"),
    ({"name": "名" * 61}, "staff_name", "name"),
    ({"position": "职" * 61}, "staff_position", "position"),
    ({"roles": ()}, "staff_roles", "roles"),
    ({"roles": ("boss",)}, "staff_roles", "roles"),
    ({"roles": "cashier"}, "staff_roles", "roles"),
    ({"store_ids": ()}, "staff_stores", "store_ids"),  # a cashier works somewhere
    ({"store_ids": ("not-a-store",)}, "staff_store_unknown", "store_ids"),
    ({"store_ids": (str(new_id()),)}, "staff_store_unknown", "store_ids"),
    ({"enabled": "yes"}, "staff_enabled", "enabled"),
]


@pytest.mark.parametrize(("change", "code", "field"), BAD_STAFF)
def test_every_bad_staff_field_is_refused_and_changes_nothing(central, admin, change, code, field):
    data = replace(NEW, store_ids=(store_id(central, "S01"),))
    exc = refused(
        central, ValidationError, code, org_admin.create_staff, admin, replace(data, **change)
    )
    assert exc.details["field"] == field


@pytest.mark.parametrize(
    ("password", "pin", "code"),
    [
        ("short", None, "password_format"),
        ("x" * 129, None, "password_format"),
        (None, "12", "pin_format"),
        (None, "12345a", "pin_format"),
        (None, "１２３４", "pin_format"),
        (None, "123456789", "pin_format"),
    ],
)
def test_a_bad_password_or_pin_is_refused(central, admin, password, pin, code):
    data = replace(NEW, store_ids=(store_id(central, "S01"),))
    exc = refused(
        central,
        ValidationError,
        code,
        org_admin.create_staff,
        admin,
        data,
        password=password,
        pin=pin,
    )
    assert exc.details["field"] == ("pin" if pin else "password")
    cashier = staff_id(central, "cashier01")
    if pin:
        refused(central, ValidationError, code, org_admin.reset_pin, admin, cashier, pin)
    else:
        refused(central, ValidationError, code, org_admin.reset_password, admin, cashier, password)


def test_editing_an_account_changes_roles_and_stores_and_keeps_the_account(central, admin):
    s01, s02 = store_id(central, "S01"), store_id(central, "S02")
    cashier = staff_id(central, "cashier01")
    row = read(central, org_admin.staff_detail, admin, cashier)
    data = org_admin.input_from_staff(row)
    changed = call(
        central,
        org_admin.update_staff,
        admin,
        cashier,
        replace(data, name="李娜娜", roles=("cashier", "verifier"), store_ids=(s02, s01)),
    )
    assert changed.name == "李娜娜" and changed.roles == ("cashier", "verifier")
    assert changed.store_codes == ("S01", "S02")
    (entry,) = audit(central, "staff.update")
    assert entry.target == "cashier01"
    assert entry.detail["changed"] == {
        "name": ["李娜", "李娜娜"],
        "roles": [["cashier"], ["cashier", "verifier"]],
        "stores": [["S01"], ["S01", "S02"]],
    }
    refused(
        central,
        ValidationError,
        "staff_account_fixed",
        org_admin.update_staff,
        admin,
        cashier,
        replace(data, account="cashier99"),
    )
    dropped = call(
        central,
        org_admin.update_staff,
        admin,
        cashier,
        replace(org_admin.input_from_staff(changed), store_ids=(s02,)),
    )
    assert dropped.store_codes == ("S02",)
    with central.reader() as uow:
        links = uow.session.scalars(
            select(StaffStore.store_id).where(StaffStore.staff_id == cashier)
        )
        assert [str(x) for x in links] == [s02]


def test_list_filters_by_text_role_store_status_and_hides_the_deleted(central, admin):
    s02 = store_id(central, "S02")

    def accounts(**query) -> list[str]:
        return [
            r.account for r in read(central, org_admin.list_staff, admin, StaffQuery(**query)).rows
        ]

    assert accounts(role="manager") == ["manager01", "manager02"]
    assert accounts(role="admin") == ["admin"]
    assert accounts(text="李") == ["cashier01"]
    assert accounts(text="CASHIER0") == ["cashier01", "cashier02", "cashier03"]
    assert accounts(text="%") == [] and accounts(text="_") == []
    assert "cashier03" in accounts(store_id=s02) and "cashier01" not in accounts(store_id=s02)
    call(central, org_admin.set_staff_enabled, admin, staff_id(central, "guide01"), False)
    assert accounts(enabled=False) == ["guide01"]
    call(central, org_admin.delete_staff, admin, staff_id(central, "verifier01"))
    assert "verifier01" not in accounts()
    assert "verifier01" in accounts(include_deleted=True)
    with pytest.raises(ValidationError) as info:
        read(central, org_admin.list_staff, admin, StaffQuery(text="x" * 65))
    assert info.value.code == "text_too_long"
    with pytest.raises(ValidationError):
        read(central, org_admin.list_staff, admin, StaffQuery(role="boss"))
    with pytest.raises(ValidationError):
        read(central, org_admin.list_staff, admin, StaffQuery(), 0, 501)


def test_disable_delete_and_reset_and_what_an_admin_may_not_do_to_themselves(central, admin):
    cashier = staff_id(central, "cashier02")
    off = call(central, org_admin.set_staff_enabled, admin, cashier, False)
    assert not off.enabled
    with central.uow() as uow, pytest.raises(AuthenticationFailed) as info:
        auth.login_with_password(uow, "cashier02", "cashier123")
    assert info.value.code == "account_disabled"
    call(central, org_admin.set_staff_enabled, admin, cashier, True)

    # a locked account: a reset unlocks it; a generated PIN is handed back once
    with central.uow() as uow:
        person = uow.session.get(Staff, cashier)
        person.locked_until = uow.clock.now().replace(year=2099)
        uow.commit()
    reset = call(central, org_admin.reset_pin, admin, cashier)
    assert reset.unlocked and reset.secret and reset.secret.isdigit()
    with central.uow() as uow:
        auth.login_with_pin(uow, "cashier02", reset.secret, store_id=store_id(central, "S01"))
    typed = call(central, org_admin.reset_password, admin, cashier, "new-password-2")
    assert typed.secret is None and not typed.unlocked
    with central.uow() as uow:
        auth.login_with_password(uow, "cashier02", "new-password-2")
    entries = audit(central)
    assert [e.action for e in entries if e.action.startswith("staff.")] == [
        "staff.disable",
        "staff.enable",
        "staff.reset_pin",
        "staff.reset_password",
    ]
    assert entries[-1].detail == {"name": "张伟", "generated": False, "unlocked": False}
    assert reset.secret not in repr([e.detail for e in entries])

    me = admin.staff_id
    refused(central, ValidationError, "self_disable", org_admin.set_staff_enabled, admin, me, False)
    refused(central, ValidationError, "self_delete", org_admin.delete_staff, admin, me)
    mine = org_admin.input_from_staff(read(central, org_admin.staff_detail, admin, me))
    refused(
        central,
        ValidationError,
        "self_disable",
        org_admin.update_staff,
        admin,
        me,
        replace(mine, enabled=False),
    )
    refused(
        central,
        ValidationError,
        "self_demote",
        org_admin.update_staff,
        admin,
        me,
        replace(mine, roles=("manager",)),
    )

    deleted = call(central, org_admin.delete_staff, admin, cashier)
    assert deleted.deleted and not deleted.enabled
    with central.uow() as uow, pytest.raises(AuthenticationFailed) as info:
        auth.login_with_password(uow, "cashier02", "new-password-2")
    assert info.value.code == "bad_credentials"  # as if it did not exist
    for fn, args in (
        (org_admin.delete_staff, ()),
        (org_admin.set_staff_enabled, (True,)),
        (org_admin.reset_pin, ("1234",)),
    ):
        refused(central, Conflict, "staff_deleted", fn, admin, cashier, *args)
    refused(
        central,
        ValidationError,
        "staff_account_taken",
        org_admin.create_staff,
        admin,
        replace(NEW, account="cashier02", store_ids=(store_id(central, "S01"),)),
    )
    refused(central, NotFound, "staff_not_found", org_admin.delete_staff, admin, str(new_id()))
    refused(central, NotFound, "staff_not_found", org_admin.delete_staff, admin, "'; --")


def test_the_last_enabled_admin_stays(central, admin):
    s01 = store_id(central, "S01")
    second = call(
        central,
        org_admin.create_staff,
        admin,
        replace(NEW, account="admin2", name="钱进", roles=("admin",)),
        password="admin-pass-2",
    ).row
    admin2 = actor(central, "admin2")
    # with two admins, one may disable the other ...
    call(central, org_admin.set_staff_enabled, admin2, admin.staff_id, False)
    # ... whose session is refused from then on, whatever it holds
    exc = refused(
        central,
        PermissionDenied,
        "actor_revoked",
        org_admin.set_staff_enabled,
        admin,
        second.staff_id,
        False,
    )
    assert "sign in again" in exc.message
    # the one left can neither disable, delete nor demote themselves: nobody else may
    mine = org_admin.input_from_staff(
        read(central, org_admin.staff_detail, admin2, second.staff_id)
    )
    refused(
        central,
        ValidationError,
        "self_disable",
        org_admin.set_staff_enabled,
        admin2,
        second.staff_id,
        False,
    )
    refused(
        central, ValidationError, "self_delete", org_admin.delete_staff, admin2, second.staff_id
    )
    refused(
        central,
        ValidationError,
        "self_demote",
        org_admin.update_staff,
        admin2,
        second.staff_id,
        replace(mine, roles=("manager",), store_ids=(s01,)),
    )
    # and the rule itself holds whoever asks (defence in depth under the self checks)
    with central.uow() as uow:
        person = uow.session.get(Staff, second.staff_id)
        with pytest.raises(Conflict) as info:
            org_admin._keep_an_admin(uow.session, person, staying=False)
    assert info.value.code == "last_admin"
    # two admins again: demoting one of them is fine
    call(central, org_admin.set_staff_enabled, admin2, admin.staff_id, True)
    demoted = call(
        central,
        org_admin.update_staff,
        admin,
        second.staff_id,
        replace(mine, roles=("manager",), store_ids=(s01,)),
    )
    assert demoted.roles == ("manager",)
    refused(central, PermissionDenied, "actor_revoked", org_admin.create_store, admin2, GOOD)


def test_two_admins_disabling_each_other_at_once_leave_one(central, admin):
    call(
        central,
        org_admin.create_staff,
        admin,
        replace(NEW, account="admin2", name="钱进", roles=("admin",)),
        password="admin-pass-2",
    )
    admin2 = actor(central, "admin2")
    barrier = threading.Barrier(2)
    outcomes: dict[str, object] = {}

    def disable(who, whom) -> None:
        barrier.wait()
        try:
            with central.uow() as uow:
                outcomes[who.account] = org_admin.set_staff_enabled(uow, who, whom.staff_id, False)
        except Exception as exc:
            outcomes[who.account] = exc

    threads = [
        threading.Thread(target=disable, args=(admin, admin2)),
        threading.Thread(target=disable, args=(admin2, admin)),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    won = [v for v in outcomes.values() if isinstance(v, StaffRow)]
    lost = [v for v in outcomes.values() if not isinstance(v, StaffRow)]
    assert len(won) == 1 and len(lost) == 1, outcomes
    assert isinstance(lost[0], DomainError), repr(lost[0])  # never a deadlock or a raw error
    assert lost[0].code in ("actor_revoked", "last_admin")
    with central.reader() as uow:
        left = uow.session.scalars(
            select(Staff.account).where(
                Staff.enabled.is_(True), Staff.roles.like("%admin%"), Staff.deleted_at.is_(None)
            )
        ).all()
    assert len(left) == 1
    assert len(audit(central, "staff.disable")) == 1


def test_only_an_admin_writes_and_a_refusal_writes_nothing(central):
    s01 = store_id(central, "S01")
    cashier = staff_id(central, "cashier01")
    for account in ("manager01", "cashier01"):
        who = actor(central, account)
        for fn, args in (
            (org_admin.create_store, (GOOD,)),
            (org_admin.update_store, (s01, GOOD)),
            (org_admin.set_store_status, (s01, "closed")),
            (org_admin.import_stores_csv, (IMPORT_TEXT.encode(), "x.csv")),
            (org_admin.register_terminal, (s01, 5)),
            (org_admin.retire_terminal, (str(new_id()),)),
            (org_admin.create_staff, (replace(NEW, store_ids=(s01,)),)),
            (org_admin.update_staff, (cashier, replace(NEW, account="cashier01"))),
            (org_admin.set_staff_enabled, (cashier, False)),
            (org_admin.delete_staff, (cashier,)),
            (org_admin.reset_password, (cashier, "new-password-1")),
            (org_admin.reset_pin, (cashier, "1234")),
        ):
            exc = refused(central, PermissionDenied, "permission_denied", fn, who, *args)
            assert exc.details["permission"] == "manage_staff"


# -- reaching the terminals ------------------------------------------------------------------------


def test_a_store_and_an_account_made_at_head_office_reach_a_terminal_by_pull(counter):
    central, terminal = counter.central, counter.db
    admin = actor(central, "admin")
    s01 = counter.ctx.store_id
    store = call(central, org_admin.create_store, admin, GOOD)
    made = call(
        central,
        org_admin.create_staff,
        admin,
        replace(NEW, store_ids=(s01,)),
        password="cashier-pass-9",
        pin="909090",
    )
    t2 = call(central, org_admin.register_terminal, admin, store.store_id, 9)
    report = pull_stream(terminal, InProcessGateway(central))
    assert report.applied >= 4  # store, staff, staff_store, terminal
    with terminal.reader() as uow:
        local_store = uow.session.get(Store, store.store_id)
        assert (local_store.code, local_store.fee_rate_bp, local_store.settlement_period) == (
            "S03",
            60,
            "week",
        )
        assert uow.session.get(Terminal, t2.terminal_id).number == 9
    with terminal.uow() as uow:  # the new cashier signs in at the counter with their PIN
        assert auth.login_with_pin(uow, "cashier09", "909090", store_id=s01).name == "孙丽"

    # a reset PIN, a rename and then a deletion travel the same way
    call(central, org_admin.reset_pin, admin, made.row.staff_id, "808080")
    pull_stream(terminal, InProcessGateway(central))
    with terminal.uow() as uow:
        auth.login_with_pin(uow, "cashier09", "808080", store_id=s01)
    call(central, org_admin.delete_staff, admin, made.row.staff_id)
    pull_stream(terminal, InProcessGateway(central))
    with terminal.uow() as uow, pytest.raises(AuthenticationFailed):
        auth.login_with_pin(uow, "cashier09", "808080", store_id=s01)
    with terminal.reader() as uow:
        assert "cashier09" not in {c.account for c in auth.counter_staff(uow, s01)}
    # a store dropped from an account: its staff_store row is removed on the terminal too
    cashier02 = staff_id(central, "cashier02")
    data = org_admin.input_from_staff(read(central, org_admin.staff_detail, admin, cashier02))
    call(
        central,
        org_admin.update_staff,
        admin,
        cashier02,
        replace(data, store_ids=(store.store_id,)),
    )
    pull_stream(terminal, InProcessGateway(central))
    with terminal.reader() as uow:
        stores = uow.session.scalars(
            select(StaffStore.store_id).where(StaffStore.staff_id == cashier02)
        ).all()
    assert [str(x) for x in stores] == [store.store_id]


def test_a_deleted_cashier_keeps_their_name_on_their_shift_and_in_the_audit_log(counter):
    central = counter.central
    admin = actor(central, "admin")
    cashier = counter.actor("cashier02")
    counter.open_shift(10_000, actor=cashier)
    cart = counter.cart(counter.product(10)["code"])
    with counter.db.uow() as uow:
        sales.complete_sale(
            uow, counter.ctx, cashier, cart, [Tender("cash", cart.totals().total_fen)]
        )
    with counter.db.uow() as uow:
        closed = shifts.close_shift(uow, counter.ctx, cashier, 10_000 + cart.totals().total_fen)
    assert push_pending(counter.db, InProcessGateway(central)).pending == 0
    # a second admin acts, then both accounts are deleted
    call(
        central,
        org_admin.create_staff,
        admin,
        replace(NEW, account="admin2", name="钱进", roles=("admin",)),
        password="admin-pass-2",
    )
    admin2 = actor(central, "admin2")
    call(central, org_admin.create_store, admin2, GOOD)
    call(central, org_admin.delete_staff, admin, cashier.staff_id)
    call(central, org_admin.delete_staff, admin, admin2.staff_id)

    manager = actor(central, "manager01")
    with central.reader() as uow:
        page = shift_review.list_shifts(uow, manager)
        row = next(r for r in page.rows if r.shift_id == closed.shift_id)
        assert row.cashier_name == "张伟"
        detail = shift_review.shift_detail(uow, manager, closed.shift_id)
        assert len(detail.sales) == 1
    with central.reader() as uow:
        made = audit_log.search(uow, admin, audit_log.AuditQuery(action="store.create")).rows
    assert [(r.actor_account, r.actor_name, r.actor_deleted) for r in made] == [
        ("admin2", "钱进", True)
    ]


def test_a_retired_terminals_documents_still_land_and_are_flagged(counter):
    """Nothing a counter did is lost: a retired counter's pushed documents are accepted, and each
    is put before a manager as a sync exception ``retired_terminal``."""
    central = counter.central
    admin = actor(central, "admin")
    call(central, org_admin.retire_terminal, admin, counter.ctx.terminal_id)
    counter.open_shift(10_000)
    report = push_pending(counter.db, InProcessGateway(central))
    assert report.pending == 0 and report.rejected == 0, report
    with central.reader() as uow:
        flagged = uow.session.execute(
            select(SyncException.kind, SyncException.document_kind).where(
                SyncException.terminal_id == counter.ctx.terminal_id
            )
        ).all()
    assert flagged == [("retired_terminal", "shift_open")]
