"""The audit-log search (操作日志, SPEC §14) on the central database: who (joined from staff, a
deleted account too), when (days in China time), each filter, paging 100 at a time and sorting
on the server, a manager's scope (their stores plus their own entries), every bad filter refused,
the export's batches, and secrets never shown. SQLite and PostgreSQL."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from shared.db.models import AuditEntry, Staff, Store
from shared.domain.errors import PermissionDenied, ValidationError
from shared.domain.ids import new_id
from shared.services import audit_log, org_admin
from shared.services.audit_log import AuditQuery
from shared.services.demo import create_demo
from shared.services.org_admin import StaffInput, StoreInput
from tests.support.channels import actor

T0 = datetime(2026, 11, 22, 2, 0, tzinfo=UTC)  # 10:00 in Shanghai


@pytest.fixture
def central(make_db):
    db = make_db()
    create_demo(db, products=10)
    return db


def ids(db) -> dict[str, str]:
    with db.reader() as uow:
        out = {c: str(i) for c, i in uow.session.execute(select(Store.code, Store.id))}
        out.update({a: str(i) for a, i in uow.session.execute(select(Staff.account, Staff.id))})
        return out


def add(db, at: datetime, action: str, *, actor_id=None, store_id=None, target="", detail=None):
    with db.uow() as uow:
        uow.session.add(
            AuditEntry(
                id=str(new_id()),
                at=at,
                store_id=store_id,
                actor_id=actor_id,
                action=action,
                target=target,
                detail=detail or {},
            )
        )
        uow.commit()


def search(db, who, query: AuditQuery | None = None, offset: int = 0, limit: int = 100, **kw):
    with db.reader() as uow:
        return audit_log.search(uow, who, query or AuditQuery(), offset, limit, **kw)


def test_entries_show_who_when_what_newest_first_also_for_a_deleted_account(central, clock):
    admin = actor(central, "admin")
    with central.uow() as uow:
        store = org_admin.create_store(
            uow, admin, StoreInput(code="S03", name="星辰便利店 浦东店", fee_rate_bp=60)
        )
    clock.advance(minutes=5)
    with central.uow() as uow:
        made = org_admin.create_staff(
            uow,
            admin,
            StaffInput(account="admin2", name="钱进", roles=("admin",)),
            password="admin-pass-2",
        )
    clock.advance(minutes=5)
    admin2 = actor(central, "admin2")
    with central.uow() as uow:
        org_admin.set_store_status(uow, admin2, store.store_id, "closed")
    clock.advance(minutes=5)
    with central.uow() as uow:
        org_admin.delete_staff(uow, admin, made.row.staff_id)
    add(central, clock.now() + timedelta(minutes=1), "nightly.cleanup")  # no actor: the system

    page = search(central, admin)
    assert page.total == 5
    rows = page.rows
    assert [r.action for r in rows] == [
        "nightly.cleanup",
        "staff.delete",
        "store.close",
        "staff.create",
        "store.create",
    ]
    assert (rows[0].actor_id, rows[0].actor_account) == (None, "")
    closed = rows[2]
    assert (closed.actor_account, closed.actor_name, closed.actor_deleted) == (
        "admin2",
        "钱进",
        True,
    )
    assert (closed.store_code, closed.store_name, closed.target) == (
        "S03",
        "星辰便利店 浦东店",
        "S03",
    )
    assert closed.at == T0 + timedelta(minutes=10)
    assert rows[4].detail["fee_rate_bp"] == 60 and rows[4].actor_name == "赵敏"
    # found by the deleted account's name and by its account (any case)
    assert search(central, admin, AuditQuery(actor="ADMIN2")).total == 1
    assert search(central, admin, AuditQuery(actor="钱")).total == 1


def test_each_filter_and_a_day_is_a_day_in_china_time(central):
    k = ids(central)
    s01, s02 = k["S01"], k["S02"]
    late_21 = datetime(2026, 11, 21, 15, 30, tzinfo=UTC)  # 23:30 on the 21st in Shanghai
    early_22 = datetime(2026, 11, 21, 16, 30, tzinfo=UTC)  # 00:30 on the 22nd in Shanghai
    add(central, late_21, "store.update", actor_id=k["admin"], store_id=s01, target="S01")
    add(central, early_22, "store.update", actor_id=k["admin"], store_id=s02, target="S02")
    add(central, T0, "staff.reset_pin", actor_id=k["admin"], target="cashier01")
    add(central, T0, "approval", actor_id=k["manager01"], store_id=s01, target="refund 50%_off")
    admin = actor(central, "admin")

    def targets(**q) -> list[str]:
        return sorted(r.target for r in search(central, admin, AuditQuery(**q)).rows)

    assert targets(since=date(2026, 11, 22), until=date(2026, 11, 22)) == [
        "S02",
        "cashier01",
        "refund 50%_off",
    ]
    assert targets(until=date(2026, 11, 21)) == ["S01"]
    assert targets(since=early_22, until=early_22) == ["S02"]
    assert targets(action="store.update") == ["S01", "S02"]
    assert targets(action="store.") == ["S01", "S02"]  # a family
    assert targets(action="staff.") == ["cashier01"]
    assert targets(actor="manager01") == ["refund 50%_off"]
    assert targets(actor="王") == ["refund 50%_off"]  # part of the name
    assert targets(store_id=s01) == ["S01", "refund 50%_off"]
    assert targets(target="50%") == ["refund 50%_off"]  # % and _ taken literally
    assert targets(target="%") == ["refund 50%_off"]
    assert targets(target="_") == ["refund 50%_off"]
    assert targets(target="s0") == ["S01", "S02"]  # any case
    assert targets(target="' OR '1'='1") == []
    assert targets(action="store.", store_id=s02, actor="admin") == ["S02"]

    with central.reader() as uow:
        assert audit_log.actions(uow, admin) == ["approval", "staff.reset_pin", "store.update"]


def test_pages_of_100_and_sorting_over_every_row(central):
    k = ids(central)
    for i in range(250):
        add(
            central,
            T0 + timedelta(seconds=i),
            "store.update" if i % 2 else "staff.update",
            actor_id=k["admin"],
            target=f"T{i:03d}",
        )
    admin = actor(central, "admin")
    seen = []
    for offset in (0, 100, 200):
        page = search(central, admin, offset=offset, limit=100)
        assert page.total == 250 and page.offset == offset
        seen += [r.target for r in page.rows]
    assert len(seen) == 250 and len(set(seen)) == 250
    assert seen[0] == "T249" and seen[-1] == "T000"  # newest first
    assert search(central, admin, offset=250).rows == []
    oldest = search(central, admin, limit=3, sort="at", descending=False).rows
    assert [r.target for r in oldest] == ["T000", "T001", "T002"]
    by_action = search(central, admin, limit=126, sort="action", descending=False).rows
    assert {r.action for r in by_action[:125]} == {"staff.update"}
    assert by_action[125].action == "store.update"
    by_target = search(central, admin, limit=2, sort="target", descending=True).rows
    assert [r.target for r in by_target] == ["T249", "T248"]


def test_a_manager_reads_their_stores_entries_and_their_own_only(central):
    k = ids(central)
    add(central, T0, "store.update", actor_id=k["admin"], store_id=k["S01"], target="mine-store")
    add(central, T0, "store.update", actor_id=k["admin"], store_id=k["S02"], target="other-store")
    add(central, T0, "channel_shop.create", actor_id=k["manager01"], target="my-own")
    add(central, T0, "coupon.create", actor_id=k["admin"], target="head-office")
    manager = actor(central, "manager01")
    rows = search(central, manager).rows
    assert sorted(r.target for r in rows) == ["mine-store", "my-own"]
    assert search(central, manager, AuditQuery(store_id=k["S01"])).total == 1
    with pytest.raises(PermissionDenied) as info:
        search(central, manager, AuditQuery(store_id=k["S02"]))
    assert info.value.code == "store_not_allowed"
    with central.reader() as uow:
        assert audit_log.actions(uow, manager) == ["channel_shop.create", "store.update"]
    assert search(central, actor(central, "admin")).total == 4
    with pytest.raises(PermissionDenied) as info:
        search(central, actor(central, "cashier01"))
    assert info.value.code == "permission_denied"


@pytest.mark.parametrize(
    ("query", "kwargs", "code"),
    [
        (AuditQuery(since=date(2026, 11, 22), until=date(2026, 11, 21)), {}, "date_range"),
        (AuditQuery(since=datetime(2026, 11, 22)), {}, "date_range"),  # naive
        (AuditQuery(since="2026-11-22"), {}, "date_range"),
        (AuditQuery(action="DROP TABLE audit_entry"), {}, "audit_action"),
        (AuditQuery(action="a" * 61), {}, "audit_action"),
        (AuditQuery(action="a" * 65), {}, "text_too_long"),
        (AuditQuery(actor="x" * 65), {}, "text_too_long"),
        (AuditQuery(target="x" * 65), {}, "text_too_long"),
        (AuditQuery(target="tab\there"), {}, "text_too_long"),
        (AuditQuery(store_id="S01"), {}, "unknown_store"),
        (AuditQuery(), {"limit": 0}, "page_size"),
        (AuditQuery(), {"limit": 501}, "page_size"),
        (AuditQuery(), {"offset": -1}, "page_offset"),
        (AuditQuery(), {"sort": "detail"}, "audit_sort"),
    ],
)
def test_every_bad_filter_is_refused(central, query, kwargs, code):
    with pytest.raises(ValidationError) as info:
        search(central, actor(central, "admin"), query, **kwargs)
    assert info.value.code == code


def test_the_export_reads_every_matching_entry_up_to_now_in_batches(central, clock):
    k = ids(central)
    for i in range(1203):
        add(central, T0 - timedelta(seconds=i), "staff.update", actor_id=k["admin"], target=f"{i}")
    add(central, T0 + timedelta(hours=1), "staff.update", actor_id=k["admin"], target="later")
    admin = actor(central, "admin")
    with central.reader() as uow:
        batches = list(audit_log.batches(uow, admin, AuditQuery(action="staff.update")))
    assert [len(b) for b in batches] == [500, 500, 203]
    targets = [r.target for b in batches for r in b]
    assert "later" not in targets and targets[0] == "0" and targets[-1] == "1202"


def test_a_secret_under_any_writer_is_never_shown(central):
    k = ids(central)
    add(
        central,
        T0,
        "legacy.thing",
        actor_id=k["admin"],
        detail={"password": "hunter22", "nested": {"pin": "1234"}, "pin_set": True, "n": 3},
    )
    row = search(central, actor(central, "admin")).rows[0]
    shown = audit_log.shown_detail(row.detail)
    assert shown == {"password": "***", "nested": {"pin": "***"}, "pin_set": True, "n": 3}
    assert audit_log.shown_detail("plain") == {"value": "plain"}
    # and the organisation writes never put one there
    admin = actor(central, "admin")
    with central.uow() as uow:
        saved = org_admin.create_staff(
            uow,
            admin,
            replace(
                StaffInput(account="c9", name="新人", roles=("cashier",)),
                store_ids=(k["S01"],),
            ),
        )
    with central.uow() as uow:
        reset = org_admin.reset_password(uow, admin, saved.row.staff_id)
    text = repr([r.detail for r in search(central, admin).rows])
    for secret in (saved.password, saved.pin, reset.secret):
        assert secret and secret not in text
