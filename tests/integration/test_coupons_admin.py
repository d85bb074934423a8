"""Coupons in the back office on the central database (SPEC §6): definitions, issuing codes,
voiding, lists and exports, verification records and their store scope, pickup orders, members,
and the demo's coupons. SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import timedelta
from itertools import count

import pytest
from sqlalchemy import func, select

from shared.db.models import (
    AuditEntry,
    Coupon,
    CouponInstance,
    CouponStore,
    Member,
    MemberLedger,
    PickupOrder,
    Staff,
    Store,
)
from shared.domain import coupons as rules
from shared.domain.errors import Conflict, NotFound, PermissionDenied, ValidationError
from shared.services import auth, coupons
from shared.services.coupons import CouponInput, CouponQuery, VerificationQuery
from shared.services.demo import create_demo
from shared.sync import redeem


@pytest.fixture
def central(make_db):
    db = make_db()
    create_demo(db, products=30)
    return db


def actor(db, account: str) -> auth.Actor:
    with db.reader() as uow:
        staff = uow.session.scalars(select(Staff).where(Staff.account == account)).one()
        return auth.actor_for(uow, staff)


def store_id(db, code: str) -> str:
    with db.reader() as uow:
        return uow.session.scalars(select(Store.id).where(Store.code == code)).one()


def counts(db) -> dict[str, int]:
    """How many rows the use cases here may write, to prove a refusal wrote nothing."""
    with db.reader() as uow:
        s = uow.session
        return {
            model.__tablename__: s.scalar(select(func.count()).select_from(model))
            for model in (
                Coupon,
                CouponStore,
                CouponInstance,
                AuditEntry,
                PickupOrder,
                Member,
                MemberLedger,
            )
        }


def spend_and_save(db, **changes) -> CouponInput:
    now = db.clock.now()
    values = dict(
        name="满100减20",
        type="threshold",
        threshold_fen=10_000,
        amount_off_fen=2_000,
        valid_from=now - timedelta(hours=1),
        valid_until=now + timedelta(days=30),
    )
    values.update(changes)
    return CouponInput(**values)


def create(db, data: CouponInput, account: str = "manager01") -> str:
    with db.uow() as uow:
        return coupons.create_coupon(uow, actor(db, account), data)


def issue(db, coupon_id: str, n: int | None, phones=None, account: str = "manager01"):
    with db.uow() as uow:
        return coupons.issue_codes(uow, actor(db, account), coupon_id, n, phones)


def detail(db, coupon_id: str):
    with db.reader() as uow:
        return coupons.coupon_detail(uow, actor(db, "admin"), coupon_id)


# -- definitions -----------------------------------------------------------------------------------


def test_create_and_update_are_saved_and_audited(central):
    coupon_id = create(central, spend_and_save(central, store_scope="listed", store_codes=("S01",)))
    row = detail(central, coupon_id)
    assert (row.name, row.type, row.threshold_fen, row.amount_off_fen) == (
        "满100减20",
        "threshold",
        10_000,
        2_000,
    )
    assert row.store_scope == "listed" and row.store_codes == ("S01",)
    assert row.stock == -1 and row.issued == 0 and row.created_by_name == "王芳"

    change = spend_and_save(
        central,
        name="满100减25",
        amount_off_fen=2_500,
        store_codes=("S01", "S02"),
        store_scope="listed",
        stackable=True,
        limit_user_week=2,
        funded_by="platform",
        note="周末活动",
    )
    with central.uow() as uow:
        coupons.update_coupon(uow, actor(central, "admin"), coupon_id, change)
    row = detail(central, coupon_id)
    assert (row.name, row.amount_off_fen, row.store_codes) == ("满100减25", 2_500, ("S01", "S02"))
    assert row.stackable and row.limit_user_week == 2 and row.funded_by == "platform"
    assert coupons.input_from_row(row) == change

    with central.reader() as uow:
        entries = uow.session.execute(
            select(AuditEntry.action, AuditEntry.detail)
            .where(AuditEntry.target == coupon_id)
            .order_by(AuditEntry.at, AuditEntry.id)
        ).all()
    assert [action for action, _ in entries] == ["coupon.create", "coupon.update"]
    changed = entries[1][1]["changed"]
    assert changed["name"] == ["满100减20", "满100减25"]
    assert changed["store_codes"] == [["S01"], ["S01", "S02"]]
    assert "threshold_fen" not in changed


def test_each_type_keeps_only_its_own_fields(central):
    exchange = create(
        central,
        spend_and_save(central, type="exchange", exchange_sku_code="P000010", off_bp=500),
    )
    discount = create(
        central, spend_and_save(central, type="discount", off_bp=2_000, cap_fen=2_000)
    )
    row = detail(central, exchange)
    assert row.exchange_sku_code == "P000010" and row.exchange_item
    assert (row.threshold_fen, row.amount_off_fen, row.off_bp, row.cap_fen) == (0, 0, 0, None)
    row = detail(central, discount)
    assert (row.off_bp, row.cap_fen, row.threshold_fen, row.exchange_sku_id) == (
        2000,
        2000,
        0,
        None,
    )


BAD_FIELDS = [
    ({"name": "  "}, "coupon_name", "name"),
    ({"name": "券" * 61}, "coupon_name", "name"),
    ({"name": "满\n减"}, "coupon_name", "name"),
    ({"type": "gift"}, "coupon_type", "type"),
    ({"type": "exchange"}, "coupon_sku", "exchange_sku_code"),
    ({"type": "exchange", "exchange_sku_code": "NOPE"}, "coupon_sku", "exchange_sku_code"),
    ({"amount_off_fen": 0}, "coupon_amount", "amount_off_fen"),
    ({"amount_off_fen": -5}, "coupon_amount", "amount_off_fen"),
    ({"amount_off_fen": "10"}, "coupon_amount", "amount_off_fen"),
    ({"threshold_fen": 1_000, "amount_off_fen": 2_000}, "coupon_threshold", "threshold_fen"),
    ({"threshold_fen": 10**12}, "coupon_threshold", "threshold_fen"),
    ({"type": "discount", "off_bp": 0}, "coupon_percent", "off_bp"),
    ({"type": "discount", "off_bp": 10_000}, "coupon_percent", "off_bp"),
    ({"type": "discount", "off_bp": 2_000, "cap_fen": 0}, "coupon_cap", "cap_fen"),
    ({"stock": -2}, "coupon_stock", "stock"),
    ({"stock": True}, "coupon_stock", "stock"),
    ({"store_scope": "some"}, "coupon_scope", "store_scope"),
    ({"store_scope": "listed"}, "coupon_scope", "store_codes"),
    ({"store_scope": "listed", "store_codes": ("S01", "S99")}, "coupon_store", "store_codes"),
    ({"store_codes": ("S01",)}, "coupon_scope", "store_codes"),
    ({"store_scope": "listed", "store_codes": "S01"}, "coupon_store", "store_codes"),
    ({"valid_until": "2026-12-01"}, "coupon_dates", "valid_until"),
    ({"valid_from": "later"}, "coupon_dates", "valid_from"),
    ({"swap_dates": True}, "coupon_dates", "valid_until"),
    ({"past": True}, "coupon_dates", "valid_until"),
    ({"stackable": "yes"}, "coupon_stackable", "stackable"),
    ({"limit_user_day": -3}, "coupon_limit", "limit_user_day"),
    ({"limit_user_half_year": 10**7}, "coupon_limit", "limit_user_half_year"),
    ({"limit_device_day": 1.5}, "coupon_limit", "limit_device_day"),
    ({"limit_daily_total": None}, "coupon_limit", "limit_daily_total"),
    ({"funded_by": "bank"}, "coupon_funder", "funded_by"),
    ({"status": "paused"}, "coupon_status", "status"),
    ({"note": "x" * 201}, "coupon_note", "note"),
    ({"cover_image": "x" * 301}, "coupon_cover", "cover_image"),
]


def test_each_bad_field_is_named_and_nothing_changes(central):
    now = central.clock.now()
    before = counts(central)
    for changes, code, field in BAD_FIELDS:
        changes = dict(changes)
        if changes.pop("swap_dates", False):
            changes.update(valid_from=now + timedelta(days=2), valid_until=now + timedelta(days=1))
        if changes.pop("past", False):
            changes.update(valid_from=now - timedelta(days=9), valid_until=now - timedelta(days=1))
        with pytest.raises(ValidationError) as err:
            create(central, spend_and_save(central, **changes))
        assert (err.value.code, err.value.details.get("field")) == (code, field), changes
    assert counts(central) == before


def test_update_refusals_change_nothing(central):
    coupon_id = create(central, spend_and_save(central, stock=10))
    issue(central, coupon_id, 4)
    before = counts(central)
    admin = actor(central, "admin")
    for data, error, code in [
        (spend_and_save(central, stock=3), ValidationError, "coupon_stock"),
        (
            spend_and_save(central, type="discount", off_bp=1000),
            ValidationError,
            "coupon_type_locked",
        ),
        (spend_and_save(central, name=""), ValidationError, "coupon_name"),
    ]:
        with central.uow() as uow, pytest.raises(error) as err:
            coupons.update_coupon(uow, admin, coupon_id, data)
        assert err.value.code == code
    with central.uow() as uow, pytest.raises(NotFound):
        coupons.update_coupon(
            uow, admin, "0190b7a0-0000-7000-8000-000000000000", spend_and_save(central)
        )
    with central.uow() as uow, pytest.raises(ValidationError) as err:
        coupons.update_coupon(uow, admin, "1; DROP TABLE coupon", spend_and_save(central))
    assert err.value.code == "coupon_id"
    assert counts(central) == before
    assert detail(central, coupon_id).stock == 10
    # down to exactly what is issued is fine; unlimited too
    with central.uow() as uow:
        coupons.update_coupon(uow, admin, coupon_id, spend_and_save(central, stock=4))
    assert detail(central, coupon_id).stock == 4


def test_only_managers_and_admins_manage_coupons(central):
    cashier = actor(central, "cashier01")
    with central.uow() as uow, pytest.raises(PermissionDenied):
        coupons.create_coupon(uow, cashier, spend_and_save(central))
    with central.reader() as uow, pytest.raises(PermissionDenied):
        coupons.list_coupons(uow, actor(central, "verifier01"))


# -- issuing ---------------------------------------------------------------------------------------


def test_issuing_respects_the_stock(central):
    coupon_id = create(central, spend_and_save(central, stock=5))
    first = issue(central, coupon_id, 3)
    assert first.count == 3 and first.batch_no
    before = counts(central)
    with pytest.raises(ValidationError) as err:
        issue(central, coupon_id, 3)
    assert err.value.code == "stock_exceeded" and err.value.details["left"] == 2
    assert counts(central) == before and detail(central, coupon_id).issued == 3
    issue(central, coupon_id, 2)
    row = detail(central, coupon_id)
    assert (row.issued, row.unused) == (5, 5)
    with pytest.raises(ValidationError) as err:
        issue(central, coupon_id, 1)
    assert err.value.details["left"] == 0


@pytest.mark.parametrize("n", [0, -1, 100_001, "5", None])
def test_a_bad_count_is_refused(central, n):
    coupon_id = create(central, spend_and_save(central))
    with pytest.raises(ValidationError) as err:
        issue(central, coupon_id, n)
    assert err.value.code == "issue_count"


def test_codes_are_unique_well_formed_and_inserted_in_batches(central, monkeypatch):
    monkeypatch.setattr(coupons, "INSERT_BATCH", 400)
    coupon_id = create(central, spend_and_save(central))
    result = issue(central, coupon_id, 1_000)
    assert len(result.codes) == len(set(result.codes)) == 1_000
    assert all(rules.normalise_code(c) == c and len(c) == 14 for c in result.codes)
    assert all(rules.normalise_code(rules.format_code(c)) == c for c in result.codes[:50])
    with central.reader() as uow:
        stored = set(
            uow.session.scalars(
                select(CouponInstance.code).where(CouponInstance.coupon_id == coupon_id)
            )
        )
    assert stored == set(result.codes)
    assert detail(central, coupon_id).issued == 1_000


def test_a_code_that_clashes_is_drawn_again(central, monkeypatch):
    coupon_id = create(central, spend_and_save(central))
    taken = issue(central, coupon_id, 1).codes[0]
    fresh = iter([taken, rules.new_code(), rules.new_code()])
    monkeypatch.setattr(rules, "new_code", lambda: next(fresh))
    result = issue(central, coupon_id, 1)
    assert result.codes != [taken]
    assert detail(central, coupon_id).issued == 2


def test_codes_bound_to_phones(central):
    coupon_id = create(central, spend_and_save(central))
    result = issue(
        central, coupon_id, None, ["138 0013 8001", "139-0013-9002", "１３７００１３７００３"]
    )
    assert result.phones == ["13800138001", "13900139002", "13700137003"]
    with central.reader() as uow:
        bound = dict(
            uow.session.execute(
                select(CouponInstance.code, CouponInstance.phone).where(
                    CouponInstance.coupon_id == coupon_id
                )
            ).all()
        )
    assert bound == dict(zip(result.codes, result.phones, strict=True))

    before = counts(central)
    for phones, n, code, line in [
        (["13800138001", "2380013800"], None, "phone_format", 2),
        (["13800138001", "1380013800a"], None, "phone_format", 2),
        (["13800138001", "13800138001"], None, "phone_duplicate", 2),
        (["13800138001"], 2, "issue_count", None),
        ([], None, "issue_phones", None),
    ]:
        with pytest.raises(ValidationError) as err:
            issue(central, coupon_id, n, phones)
        assert err.value.code == code
        assert err.value.details.get("line") == line
    assert counts(central) == before


def test_disabled_and_expired_coupons_issue_nothing(central, clock):
    disabled = create(central, spend_and_save(central, status="disabled"))
    running = create(central, spend_and_save(central))
    with pytest.raises(ValidationError) as err:
        issue(central, disabled, 1)
    assert err.value.code == "coupon_disabled"
    clock.advance(days=31)
    with pytest.raises(ValidationError) as err:
        issue(central, running, 1)
    assert err.value.code == "coupon_expired"
    with pytest.raises(NotFound):
        issue(central, "0190b7a0-0000-7000-8000-000000000000", 1)


def test_void_a_code(central):
    coupon_id = create(central, spend_and_save(central))
    code = issue(central, coupon_id, 1).codes[0]
    admin = actor(central, "admin")
    with central.uow() as uow:
        row = coupons.void_code(uow, admin, rules.format_code(code).lower(), "发错了")
    assert row.state == "void"
    with central.uow() as uow, pytest.raises(ValidationError) as err:
        coupons.void_code(uow, admin, code)
    assert err.value.code == "code_not_unused" and err.value.details["state"] == "void"
    with central.reader() as uow:
        answer = redeem.lookup(uow.session, uow.clock, text=code, store_id=store_id(central, "S01"))
    assert answer["redeemable"] is False and answer["refusal"]["reason"] == "code_void"


# -- lists -----------------------------------------------------------------------------------------


def page(db, query=None, account="admin", **kw):
    with db.reader() as uow:
        return coupons.list_coupons(uow, actor(db, account), query, **kw)


def test_coupon_list_filters_counts_and_pages(central, clock):
    percent = create(central, spend_and_save(central, name="100%_送礼"))
    issue(central, percent, 3)
    names = {r.name for r in page(central).rows}
    assert {"满50减10", "静安店8折券", "100%_送礼"} <= names
    # LIKE metacharacters are literal
    assert [r.name for r in page(central, CouponQuery(name="%_")).rows] == ["100%_送礼"]
    assert page(central, CouponQuery(name="0%_送")).rows[0].issued == 3
    assert page(central, CouponQuery(name="' OR 1=1 --")).total == 0
    assert {r.type for r in page(central, CouponQuery(type="discount")).rows} == {"discount"}
    at_s02 = {r.name for r in page(central, CouponQuery(store_code="S02")).rows}
    assert "徐汇店满20减3" in at_s02 and "满50减10" in at_s02 and "静安店8折券" not in at_s02
    assert [r.name for r in page(central, CouponQuery(status="expired")).rows] == ["国庆满100减20"]
    active = {r.name for r in page(central, CouponQuery(status="active")).rows}
    assert "国庆满100减20" not in active and "新春9折券" in active
    row = next(r for r in page(central).rows if r.name == "100%_送礼")
    assert (row.issued, row.unused, row.used) == (3, 3, 0)

    total = page(central).total
    first, second = page(central, limit=3), page(central, offset=3, limit=3)
    assert first.total == total and not {r.coupon_id for r in first.rows} & {
        r.coupon_id for r in second.rows
    }
    for bad, code in [
        (CouponQuery(type="x"), "coupon_type"),
        (CouponQuery(status="x"), "coupon_status"),
        (CouponQuery(store_code="S99"), "unknown_store"),
        (CouponQuery(name="x" * 61), "text_too_long"),
    ]:
        with pytest.raises(ValidationError) as err:
            page(central, bad)
        assert err.value.code == code
    with pytest.raises(ValidationError):
        page(central, limit=501)


def test_codes_list_and_export(central):
    coupon_id = create(central, spend_and_save(central))
    codes = issue(central, coupon_id, 25).codes
    admin = actor(central, "admin")
    with central.uow() as uow:
        coupons.void_code(uow, admin, codes[0])
    with central.reader() as uow:
        listed = coupons.list_codes(uow, admin, coupon_id, offset=0, limit=10)
        voided = coupons.list_codes(uow, admin, coupon_id, state="void")
        exported = [r for b in coupons.export_codes(uow, admin, coupon_id, batch=7) for r in b]
        with pytest.raises(ValidationError):
            coupons.list_codes(uow, admin, coupon_id, state="lost")
    assert listed.total == 25 and len(listed.rows) == 10
    assert [r.code for r in voided.rows] == [codes[0]]
    assert [r.code for r in exported] == codes
    cells = coupons.code_cells(exported[0])
    assert cells[:3] == [codes[0], rules.format_code(codes[0]), "满100减20"]
    assert cells[5] == "void"


# -- verification records --------------------------------------------------------------------------

_requests = count(1)


def verify(db, code: str, store: str, account: str) -> dict:
    with db.uow() as uow:
        staff = uow.session.scalars(select(Staff.id).where(Staff.account == account)).one()
        answer = redeem.redeem(
            uow.session,
            uow.clock,
            {
                "request_id": f"test-{next(_requests)}",
                "text": code,
                "store_id": store_id(db, store),
                "staff_id": staff,
            },
        )
    assert answer["ok"], answer
    return answer


def verifications(db, account: str, query: VerificationQuery | None = None):
    with db.reader() as uow:
        return coupons.list_verifications(uow, actor(db, account), query)


def test_verification_records_filter_and_store_scope(central, clock):
    demo = create_demo(central, products=30)
    s01 = [c for c in demo.coupons if c["valid"] and c["store_scope"] == "all"]
    s02_only = [c for c in demo.coupons if c["store_scope"] == ["S02"]]
    verify(central, s01[0]["code"], "S01", "verifier01")
    verify(central, demo.pickups[0]["code"], "S01", "verifier01")
    clock.advance(days=2)
    verify(central, s02_only[0]["code"], "S02", "admin")
    verify(central, s01[1]["code"], "S02", "admin")

    everything = verifications(central, "admin")
    assert everything.total == 4
    first = everything.rows[-1]  # oldest last
    assert (first.kind, first.store_code, first.verifier_name) == ("coupon", "S01", "周杰")
    assert first.coupon_name == s01[0]["coupon"] and first.coupon_type == "threshold"
    assert first.coupon_id and first.verifier_id and first.store_id and first.status == "done"
    pickup = next(r for r in everything.rows if r.kind == "pickup")
    assert pickup.order_no == demo.pickups[0]["order_no"] and pickup.coupon_id is None

    # a manager sees the stores they work at only
    mine = verifications(central, "manager01")
    assert mine.total == 2 and {r.store_code for r in mine.rows} == {"S01"}
    with pytest.raises(PermissionDenied) as err:
        verifications(central, "manager01", VerificationQuery(store_code="S02"))
    assert err.value.code == "store_not_allowed"
    assert verifications(central, "manager02").total == 2

    assert verifications(central, "admin", VerificationQuery(store_code="S02")).total == 2
    assert verifications(central, "admin", VerificationQuery(kind="pickup")).total == 1
    by_name = verifications(central, "admin", VerificationQuery(coupon_name="徐汇"))
    assert [r.coupon_name for r in by_name.rows] == ["徐汇店满20减3"]
    today = clock.now().date()
    recent = verifications(central, "admin", VerificationQuery(date_from=today))
    assert recent.total == 2
    older = verifications(
        central, "admin", VerificationQuery(date_to=clock.now() - timedelta(days=1))
    )
    assert older.total == 2 and {r.store_code for r in older.rows} == {"S01"}
    for bad, code in [
        (VerificationQuery(date_from=today, date_to=today - timedelta(days=1)), "date_range"),
        (VerificationQuery(kind="card"), "verification_kind"),
        (VerificationQuery(store_code="S99"), "unknown_store"),
        (VerificationQuery(date_from="yesterday"), "date_range"),
    ]:
        with pytest.raises(ValidationError) as err:
            verifications(central, "admin", bad)
        assert err.value.code == code


# -- pickup orders and members ---------------------------------------------------------------------


def pickup(db, store: str = "S01", account: str = "manager01", **kw):
    with db.uow() as uow:
        return coupons.create_pickup_order(
            uow,
            actor(db, account),
            store,
            kw.pop("description", "线上订单"),
            kw.pop("amount_fen", 1_990),
            **kw,
        )


def test_pickup_codes_are_unique_among_the_stores_open_orders(central, monkeypatch):
    first = pickup(central, phone="13800138001")
    assert len(first.code) == 6 and first.code.isdigit() and first.order_no.startswith("PK")
    # the next draw hits the open code first, then a free one
    taken = int(first.code)
    draws = iter([taken, taken, 123_456])
    real = coupons.secrets.randbelow
    monkeypatch.setattr(
        coupons.secrets, "randbelow", lambda n: next(draws) if n == 10**6 else real(n)
    )
    second = pickup(central)
    assert second.code == "123456"
    # the same code at another store is fine
    draws = iter([123_456])
    assert pickup(central, "S02", "admin").code == "123456"
    # once collected, a code may be given again
    with central.uow() as uow:
        order = uow.session.scalars(
            select(PickupOrder).where(PickupOrder.order_no == second.order_no)
        ).one()
        order.state = "collected"
        uow.commit()
    draws = iter([123_456])
    assert pickup(central).code == "123456"
    with central.reader() as uow:
        open_codes = uow.session.scalars(
            select(PickupOrder.code).where(
                PickupOrder.store_id == store_id(central, "S01"), PickupOrder.state == "open"
            )
        ).all()
    assert len(open_codes) == len(set(open_codes))


def test_pickup_refusals(central):
    before = counts(central)
    with pytest.raises(PermissionDenied):
        pickup(central, "S02", "manager01")
    for kw, code in [
        ({"description": "  "}, "pickup_description"),
        ({"amount_fen": -1}, "pickup_amount"),
        ({"phone": "12345"}, "phone_format"),
    ]:
        with pytest.raises(ValidationError) as err:
            pickup(central, **kw)
        assert err.value.code == code
    with pytest.raises(ValidationError) as err:
        pickup(central, "S99", "admin")
    assert err.value.code == "unknown_store"
    assert counts(central) == before


def test_create_member(central):
    admin = actor(central, "admin")
    with central.uow() as uow:
        member_id = coupons.create_member(uow, admin, "139 0000 1111", "周小川", 300, 2_500)
    with central.reader() as uow:
        member = uow.session.get(Member, member_id)
        assert (member.phone, member.points, member.balance_fen) == ("13900001111", 300, 2_500)
        ledger = uow.session.execute(
            select(MemberLedger.points_after, MemberLedger.balance_after_fen).where(
                MemberLedger.member_id == member_id
            )
        ).all()
    assert [tuple(e) for e in ledger] == [(300, 2_500)]
    before = counts(central)
    for args, error, code in [
        (("13900001111", "重复"), Conflict, "member_exists"),
        (("1390000111", "短号"), ValidationError, "phone_format"),
        (("13900002222", "x", -1), ValidationError, "member_points"),
        (("13900002222", "x", 0, -1), ValidationError, "member_balance"),
        (("13900002222", "名" * 61), ValidationError, "member_name"),
    ]:
        with central.uow() as uow, pytest.raises(error) as err:
            coupons.create_member(uow, admin, *args)
        assert err.value.code == code
    assert counts(central) == before


# -- the demo --------------------------------------------------------------------------------------


def test_demo_coupons_are_idempotent_and_redeemable(central):
    before = counts(central)
    assert before["audit_entry"] == 0  # seeding, like the demo's catalog, is not audited
    demo = create_demo(central, products=30)
    assert counts(central) == before  # the fixture already ran it once
    assert {c["type"] for c in demo.coupons} == {"threshold", "discount", "exchange"}
    assert any(c["store_scope"] == ["S02"] for c in demo.coupons)
    assert any(not c["valid"] and c["coupon"] == "国庆满100减20" for c in demo.coupons)
    assert any(not c["valid"] and c["coupon"] == "新春9折券" for c in demo.coupons)
    assert [m["phone"] for m in demo.members] == ["13800138001", "13800138002", "13800138003"]
    assert [(m["points"], m["balance_fen"]) for m in demo.members] == [
        (500, 10_000),
        (0, 0),
        (2_000, 5_000),
    ]
    assert len(demo.pickups) == 2 and {p["store"] for p in demo.pickups} == {"S01"}

    s01 = store_id(central, "S01")
    at_s01 = [c for c in demo.coupons if c["valid"] and c["store_scope"] in ("all", ["S01"])]
    assert len(at_s01) >= 20
    with central.reader() as uow:
        for c in demo.coupons:
            answer = redeem.lookup(uow.session, uow.clock, text=c["code"], store_id=s01)
            assert answer["redeemable"] is (c in at_s01), (c, answer)
        for p in demo.pickups:
            assert redeem.lookup(uow.session, uow.clock, text=p["code"], store_id=s01)["ok"]

    # a code redeemed is topped up by the next run; nothing else changes
    verify(central, at_s01[0]["code"], "S01", "verifier01")
    again = create_demo(central, products=30)
    assert len(again.coupons) == len(demo.coupons)
    assert at_s01[0]["code"] not in {c["code"] for c in again.coupons}
    assert [p["code"] for p in again.pickups] == [p["code"] for p in demo.pickups]


# -- the command line ------------------------------------------------------------------------------


def cli(central, *argv: str):
    """A ``coupon`` / ``pickup`` command as ``storedesk --central URL --json ...`` runs it: the
    parsed arguments go to the handler; a refusal comes back as the ``DomainError``."""
    import argparse

    from backoffice import coupon_commands
    from shared.domain.errors import DomainError

    parser = argparse.ArgumentParser(prog="storedesk")
    parser.add_argument("--data-dir")
    parser.add_argument("--central")
    parser.add_argument("--json", action="store_true")
    sub = parser.add_subparsers(dest="command", required=True)
    coupon_commands.add_parsers(sub)
    url = central.engine.url.render_as_string(hide_password=False)
    args = parser.parse_args(["--central", url, "--json", *argv])
    try:
        data, _text = coupon_commands.HANDLERS[args.command](args)
    except DomainError as exc:
        return exc
    return data


def test_coupon_commands(central, tmp_path):
    made = cli(
        central,
        *("coupon", "create", "--name", "命令行满50减10", "--type", "threshold"),
        *("--threshold", "50", "--off", "10.00", "--stores", "S01", "--stock", "100"),
        *("--until", "2099-12-31", "--limit-user-day", "2", "--by", "manager01"),
    )
    assert made["store_scope"] == ["S01"] and made["threshold_fen"] == 5_000
    assert made["amount_off_fen"] == 1_000 and made["valid_until"].startswith("2099-12-31T23:59")
    coupon_id = made["coupon_id"]
    listed = cli(central, "coupon", "list", "--name", "命令行")
    assert [c["coupon_id"] for c in listed["coupons"]] == [coupon_id] and listed["total"] == 1

    issued = cli(central, "coupon", "issue", "--coupon", coupon_id, "--count", "5")
    assert issued["count"] == 5 and len(issued["codes"]) == 5
    phones = tmp_path / "phones.txt"
    phones.write_text("\ufeff13800138001,林晓\n\n13800138002\n", encoding="utf-8")
    bound = cli(central, "coupon", "issue", "--coupon", coupon_id, "--phones", str(phones))
    assert bound["phones"] == ["13800138001", "13800138002"]

    voided = cli(central, "coupon", "void", issued["codes"][0], "--reason", "test")
    assert voided["state"] == "void"
    for name in ("codes.csv", "codes.xlsx"):
        out = cli(central, "coupon", "export", "--coupon", coupon_id, "--out", str(tmp_path / name))
        assert out["rows"] == 7
    import csv

    with (tmp_path / "codes.csv").open(encoding="utf-8-sig", newline="") as fh:
        table = list(csv.reader(fh))
    assert table[0][:2] == ["code", "printed_code"] and len(table) == 8
    assert {r[0] for r in table[1:]} == set(issued["codes"]) | set(bound["codes"])

    qr = cli(central, "coupon", "qr", rules.format_code(issued["codes"][1]))
    code, _expires, _tag = rules.parse_qr(qr["payload"])
    assert code == issued["codes"][1] and qr["ttl_s"] == 60

    made = cli(
        central, "pickup", "create", "--store", "S01", "--description", "自提", "--amount", "19.90"
    )
    assert len(made["code"]) == 6 and made["amount_fen"] == 1_990

    bad = [
        (
            ("coupon", "issue", "--coupon", "0190b7a0-0000-7000-8000-000000000000", "--count", "1"),
            "coupon_not_found",
        ),
        (
            (
                "coupon",
                "create",
                "--name",
                "x",
                "--type",
                "threshold",
                "--threshold",
                "abc",
                "--off",
                "1",
            ),
            "amount_format",
        ),
        (
            ("coupon", "create", "--name", "x", "--type", "discount", "--percent-off", "100"),
            "coupon_percent",
        ),
        (
            (
                "coupon",
                "create",
                "--name",
                "x",
                "--type",
                "threshold",
                "--off",
                "5",
                "--threshold",
                "9",
                "--from",
                "soon",
            ),
            "date_format",
        ),
        (
            ("coupon", "issue", "--coupon", coupon_id, "--count", "1", "--by", "nobody"),
            "unknown_staff",
        ),
        (
            ("coupon", "issue", "--coupon", coupon_id, "--count", "1", "--by", "cashier01"),
            "permission_denied",
        ),
        (
            ("coupon", "issue", "--coupon", coupon_id, "--phones", str(tmp_path / "none.txt")),
            "phones_file",
        ),
        (("coupon", "qr", "2345678923456"), "code_format"),
        (
            ("pickup", "create", "--store", "S02", "--description", "x", "--by", "manager01"),
            "permission_denied",
        ),
    ]
    gbk = tmp_path / "gbk.txt"
    gbk.write_bytes("13800138001 林晓\n".encode("gbk"))
    bad.append(
        (("coupon", "issue", "--coupon", coupon_id, "--phones", str(gbk)), "phones_encoding")
    )
    before = counts(central)
    for argv, code in bad:
        exc = cli(central, *argv)
        assert getattr(exc, "code", None) == code, (argv, exc)
    assert counts(central) == before
