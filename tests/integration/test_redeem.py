"""Central redemption (SPEC §6, §9, §15) on SQLite and PostgreSQL, through the in-process gateway
(every argument and answer round-trips through JSON, as over any transport).

Every refusal is checked twice: the specific reason, and that nothing at all was written (every
table of the central database compared row by row before and after).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta

import pytest
from sqlalchemy import func, inspect, select, update

from shared.db.models import (
    AuditEntry,
    Coupon,
    CouponInstance,
    Enterprise,
    Member,
    MemberLedger,
    PickupOrder,
    Sale,
    Shift,
    Sku,
    Staff,
    Verification,
)
from shared.db.models.base import Base
from shared.db.uow import Database
from shared.domain import coupons as rules
from shared.domain.clock import FixedClock
from shared.domain.ids import new_id
from shared.services.demo import create_demo
from shared.sync.gateway import InProcessGateway
from tests.support.coupons import (
    issue,
    make_coupon,
    make_member,
    make_pickup,
    staff_id,
    store_id,
)

ACCOUNTS = ("admin", "manager01", "manager02", "cashier01", "verifier01")
VERIFIER_NAME = "周杰"  # verifier01 in the demo
MANAGER01_NAME = "王芳"


@dataclass
class Site:
    db: Database
    clock: FixedClock
    gw: InProcessGateway
    store: dict[str, str]
    staff: dict[str, str]
    terminal: str = field(default_factory=lambda: str(new_id()))

    def req(
        self,
        text: str,
        *,
        staff: str = "verifier01",
        store: str = "S01",
        request_id: str | None = None,
        **extra,
    ) -> dict:
        return {
            "request_id": request_id or str(new_id()),
            "text": text,
            "store_id": self.store[store],
            "terminal_id": self.terminal,
            "staff_id": self.staff[staff],
            **extra,
        }

    def redeem_ok(self, text: str, **kw) -> dict:
        answer = self.gw.redeem(self.req(text, **kw))
        assert answer["ok"] is True, answer
        return answer

    def coupon(self, n: int = 1, *, phone: str | None = None, **values) -> list[str]:
        return issue(self.db, make_coupon(self.db, **values), n, phone=phone)

    def instance(self, code: str) -> CouponInstance:
        return read(
            self.db,
            lambda s: s.scalars(select(CouponInstance).where(CouponInstance.code == code)).one(),
        )

    def verifications(self) -> list[Verification]:
        return read(
            self.db,
            lambda s: list(
                s.scalars(select(Verification).order_by(Verification.at, Verification.id))
            ),
        )


def read(db: Database, fn):
    """``fn(session)`` in a reader; ORM objects come back detached with their loaded values."""
    with db.reader() as uow:
        out = fn(uow.session)
        uow.session.expunge_all()
        return out


@pytest.fixture
def site(make_db, clock) -> Site:
    db = make_db()
    create_demo(db, products=10)
    return Site(
        db,
        clock,
        InProcessGateway(db),
        {code: store_id(db, code) for code in ("S01", "S02")},
        {account: staff_id(db, account) for account in ACCOUNTS},
    )


def snapshot(db: Database) -> dict[str, list[str]]:
    """Every row of every table, as text, sorted: two snapshots are equal iff nothing changed."""
    with db.reader() as uow:
        return {
            table.name: sorted(repr(tuple(row)) for row in uow.session.execute(select(table)))
            for table in Base.metadata.sorted_tables
        }


def assert_unchanged(db: Database, before: dict[str, list[str]]) -> None:
    after = snapshot(db)
    changed = {t for t in before if before[t] != after[t]}
    assert not changed, f"a refusal wrote to {sorted(changed)}"


def refused_without_writing(site: Site, call: Callable[[], dict], reason: str) -> dict:
    before = snapshot(site.db)
    answer = call()
    assert answer["ok"] is False, answer
    assert answer["reason"] == reason, answer
    assert isinstance(answer["message"], str) and answer["message"]
    assert_unchanged(site.db, before)
    return answer


# -- lookup and a plain redemption ---------------------------------------------------------------


def test_lookup_shows_what_the_code_is_and_writes_nothing(site):
    (code,) = site.coupon(stores=("S01",), stackable=True, funded_by="platform", phone=None)
    before = snapshot(site.db)
    card = site.gw.verify_lookup(rules.format_code(code).lower(), site.store["S01"])
    assert_unchanged(site.db, before)
    assert card["ok"] is True and card["redeemable"] is True
    assert (card["kind"], card["code"], card["state"], card["via_qr"]) == (
        "coupon",
        code,
        "unused",
        False,
    )
    c = card["coupon"]
    assert (c["name"], c["type"], c["threshold_fen"], c["amount_off_fen"]) == (
        "满20减5",
        "threshold",
        2000,
        500,
    )
    assert (c["stackable"], c["funded_by"], c["store_scope"], c["stores"]) == (
        True,
        "platform",
        "listed",
        ["S01"],
    )
    now = site.clock.now()
    assert c["valid_from"] == (now - timedelta(days=1)).isoformat()
    assert c["valid_until"] == (now + timedelta(days=1)).isoformat()
    assert "refusal" not in card


def test_lookup_of_an_exchange_coupon_names_its_item_and_masks_the_phone(site):
    sku = read(site.db, lambda s: s.scalars(select(Sku).where(Sku.code == "P000006")).one())
    (code,) = site.coupon(
        phone="13812345678", type="exchange", exchange_sku_id=sku.id, threshold_fen=0
    )
    card = site.gw.verify_lookup(code, site.store["S01"])
    assert card["phone"] == "138****5678"
    assert card["coupon"]["exchange_sku_id"] == sku.id
    assert card["coupon"]["exchange_item"]  # the product's name
    qr = site.gw.coupon_qr(code)
    by_qr = site.gw.verify_lookup(qr["payload"], site.store["S01"])
    assert by_qr["via_qr"] is True and by_qr["code"] == code


def test_lookup_of_a_redeemed_code_says_who_redeemed_it(site):
    (code,) = site.coupon()
    site.redeem_ok(code)
    card = site.gw.verify_lookup(code, site.store["S01"])
    assert card["ok"] is True and card["redeemable"] is False and card["state"] == "used"
    assert card["refusal"]["reason"] == "already_redeemed"
    assert "S01" in card["refusal"]["message"] and VERIFIER_NAME in card["refusal"]["message"]


def test_redeem_a_static_code(site):
    (code,) = site.coupon()
    request = site.req(rules.format_code(code))
    answer = site.gw.redeem(request)
    assert answer["ok"] is True and answer["replayed"] is False
    assert (answer["kind"], answer["code"], answer["status"]) == ("coupon", code, "done")
    assert (answer["store"], answer["verifier"], answer["local_time"]) == (
        "S01",
        VERIFIER_NAME,
        "10:00",
    )
    assert answer["at"] == site.clock.now().isoformat()
    assert answer["request_id"] == request["request_id"]
    assert (answer["coupon_name"], answer["coupon_type"], answer["funded_by"]) == (
        "满20减5",
        "threshold",
        "store",
    )
    inst = site.instance(code)
    assert inst.state == "used" and inst.verification_id == answer["verification_id"]
    assert (inst.used_store_id, inst.used_by) == (site.store["S01"], site.staff["verifier01"])
    (v,) = site.verifications()
    assert (v.id, v.status, v.terminal_id, v.instance_id) == (
        answer["verification_id"],
        "done",
        site.terminal,
        inst.id,
    )
    history = site.gw.verifications(site.terminal)
    assert [h["verification_id"] for h in history] == [answer["verification_id"]]


def test_redeem_through_the_dynamic_qr(site):
    (code,) = site.coupon()
    qr = site.gw.coupon_qr(code)
    assert qr["ttl_s"] == 60 and qr["payload"].startswith(f"SDC1.{code}.")
    site.clock.advance(seconds=60)  # still valid at exactly the expiry second
    answer = site.redeem_ok(qr["payload"])
    assert answer["code"] == code


def test_an_admin_may_verify_at_any_store(site):
    (code,) = site.coupon()
    assert site.redeem_ok(code, staff="admin", store="S02")["store"] == "S02"


# -- bad input: a specific reason, nothing written -----------------------------------------------


def _other_enterprise_code(site: Site) -> str:
    code = rules.new_code()
    with site.db.uow() as uow:
        now = uow.clock.now()
        ent = Enterprise(id=str(new_id()), name="别家连锁", settings={}, created_at=now)
        uow.session.add(ent)
        uow.session.flush()
        coupon = Coupon(
            id=str(new_id()),
            enterprise_id=ent.id,
            name="别家券",
            type="threshold",
            threshold_fen=2000,
            amount_off_fen=500,
            store_scope="all",
            valid_from=now - timedelta(days=1),
            valid_until=now + timedelta(days=1),
            created_at=now,
            updated_at=now,
        )
        uow.session.add(coupon)
        uow.session.flush()
        uow.session.add(
            CouponInstance(
                id=str(new_id()),
                coupon_id=coupon.id,
                code=code,
                state="unused",
                issued_at=now,
                updated_at=now,
            )
        )
        uow.commit()
    return code


def _alter(payload: str, part: int) -> str:
    """Change one character inside part ``part`` (1 code, 2 expiry, 3 tag) of a QR payload."""
    parts = payload.split(".")
    text = parts[part]
    i = len(text) // 2
    pool = "0123456789" if part == 2 else rules.ALPHABET
    parts[part] = text[:i] + next(ch for ch in pool if ch != text[i]) + text[i + 1 :]
    return ".".join(parts)


def _set_instance(site: Site, code: str, **values) -> None:
    with site.db.uow() as uow:
        uow.session.execute(
            update(CouponInstance).where(CouponInstance.code == code).values(**values)
        )
        uow.commit()


def _tables_intact_and_code_unused(code: str):
    def check(site: Site, answer: dict) -> None:
        names = set(inspect(site.db.engine).get_table_names())
        assert {t.name for t in Base.metadata.sorted_tables} <= names
        with site.db.reader() as uow:
            assert uow.session.scalar(select(func.count()).select_from(Coupon)) >= 1
        assert site.instance(code).state == "unused"
        assert site.gw.verify_lookup(code, site.store["S01"])["redeemable"] is True

    return check


def _names_the_first_redemption(site: Site, answer: dict) -> None:
    assert answer["message"] == f"already redeemed at S01 by {VERIFIER_NAME} at 10:00"
    assert (answer["store"], answer["verifier"], answer["local_time"]) == (
        "S01",
        VERIFIER_NAME,
        "10:00",
    )


Case = Callable[[Site], tuple]


def case_unknown_code(s: Site):
    code = rules.new_code()
    return s.req(code), "unknown_code", lambda s, a: rules.format_code(code) in a["message"]


def case_other_enterprise(s: Site):
    return s.req(_other_enterprise_code(s)), "other_enterprise"


def case_forged_signature(s: Site):
    (code,) = s.coupon()
    forged = rules.sign_qr(b"not the central key".ljust(32), code, int(s.clock.now().timestamp()))
    return s.req(forged), "qr_bad_signature"


def case_forged_before_any_key_exists(s: Site):
    """No key yet: the one created to check the signature is not kept (nothing written)."""
    (code,) = s.coupon()
    return s.req(rules.sign_qr(b"x" * 32, code, int(s.clock.now().timestamp()))), "qr_bad_signature"


def _altered(part: int) -> Case:
    def case(s: Site):
        (code,) = s.coupon()
        return s.req(_alter(s.gw.coupon_qr(code)["payload"], part)), "qr_bad_signature"

    return case


def _truncated(keep: Callable[[str], int]) -> Case:
    def case(s: Site):
        (code,) = s.coupon()
        payload = s.gw.coupon_qr(code)["payload"]
        return s.req(payload[: keep(payload)]), "qr_truncated"

    return case


def case_qr_expired_by_one_second(s: Site):
    (code,) = s.coupon()
    payload = s.gw.coupon_qr(code)["payload"]
    s.clock.advance(seconds=61)
    return s.req(payload), "qr_expired", lambda s, a: a["seconds"] == 1


def case_qr_non_ascii_in_signature(s: Site):
    """A non-ASCII character in the signature is a bad signature, not a crash."""
    (code,) = s.coupon()
    payload = s.gw.coupon_qr(code)["payload"]
    return s.req(payload[:-1] + "é"), "qr_bad_signature"


def case_replayed_after_redemption(s: Site):
    (code,) = s.coupon()
    s.redeem_ok(code)
    s.clock.advance(minutes=5)
    return s.req(code, staff="admin", store="S02"), "already_redeemed", _names_the_first_redemption


def case_replayed_by_qr_after_redemption(s: Site):
    (code,) = s.coupon()
    s.redeem_ok(code)
    payload = s.gw.coupon_qr(code)["payload"]  # a phone still showing the code
    return s.req(payload), "already_redeemed", _names_the_first_redemption


def case_wrong_store(s: Site):
    (code,) = s.coupon(stores=("S02",))
    return s.req(code), "wrong_store", lambda s, a: "S01" in a["message"]


def case_before_validity(s: Site):
    now = s.clock.now()
    (code,) = s.coupon(valid_from=now + timedelta(hours=1), valid_until=now + timedelta(days=2))
    return s.req(code), "not_yet_valid", lambda s, a: a["valid_from"] == "2026-11-22 11:00"


def case_after_validity(s: Site):
    now = s.clock.now()
    (code,) = s.coupon(valid_from=now - timedelta(days=2), valid_until=now + timedelta(hours=1))
    s.clock.advance(hours=1, seconds=1)
    return s.req(code), "expired", lambda s, a: a["valid_until"] == "2026-11-22 11:00"


def case_expired_state(s: Site):
    (code,) = s.coupon()
    _set_instance(s, code, state="expired")
    return s.req(code), "expired"


def case_void(s: Site):
    (code,) = s.coupon()
    _set_instance(s, code, state="void")
    return s.req(code), "code_void"


def case_coupon_disabled(s: Site):
    (code,) = s.coupon(status="disabled")
    return s.req(code), "coupon_disabled"


def case_limit_daily_total(s: Site):
    first, second = s.coupon(2, limit_daily_total=1)
    s.redeem_ok(first, staff="admin", store="S02")
    return s.req(second), "limit_daily_total", lambda s, a: a["limit"] == 1


def case_limit_per_device(s: Site):
    first, second = s.coupon(2, limit_device_day=1)
    s.redeem_ok(first)
    return s.req(second), "limit_device", lambda s, a: a["limit"] == 1


def case_limit_per_user_day(s: Site):
    first, second = s.coupon(2, phone="13900001111", limit_user_day=1)
    s.redeem_ok(first, staff="admin", store="S02")
    return s.req(second), "limit_user", lambda s, a: (a["limit"], a["period"]) == (1, "day")


def case_limit_per_user_week(s: Site):
    first, second = s.coupon(
        2, phone="13900001111", limit_user_week=1, valid_until=s.clock.now() + timedelta(days=30)
    )
    s.redeem_ok(first)
    s.clock.advance(days=3)
    return s.req(second), "limit_user", lambda s, a: a["period"] == "week"


def case_verifier_without_the_role(s: Site):
    (code,) = s.coupon()
    return s.req(code, staff="cashier01"), "verifier_role"


def case_verifier_of_another_store(s: Site):
    (code,) = s.coupon()
    return s.req(code, store="S02"), "verifier_store", lambda s, a: "S02" in a["message"]


def case_verifier_cannot_sell(s: Site):
    (code,) = s.coupon()
    return s.req(code, purpose="sale", sale_id=str(new_id()), amount_fen=500), "verifier_role"


def case_unknown_verifier(s: Site):
    (code,) = s.coupon()
    request = s.req(code)
    request["staff_id"] = str(new_id())
    return request, "verifier_unknown"


def case_disabled_verifier(s: Site):
    (code,) = s.coupon()
    with s.db.uow() as uow:
        uow.session.execute(
            update(Staff).where(Staff.account == "verifier01").values(enabled=False)
        )
        uow.commit()
    return s.req(code), "verifier_unknown"


def case_unknown_store(s: Site):
    (code,) = s.coupon()
    request = s.req(code)
    request["store_id"] = str(new_id())
    return request, "unknown_store"


def case_ten_kb_of_garbage(s: Site):
    (code,) = s.coupon()
    garbage = (bytes(range(256)) * 40).decode("latin-1")  # 10,240 characters, NUL included
    return s.req(garbage), "code_too_long", _tables_intact_and_code_unused(code)


def case_ten_kb_qr_lookalike(s: Site):
    return s.req("SDC1." + "A" * 10_235), "code_too_long"


def _sql(text: str) -> Case:
    def case(s: Site):
        (code,) = s.coupon()
        return s.req(text), "code_format", _tables_intact_and_code_unused(code)

    return case


def case_sql_after_a_real_code(s: Site):
    (code,) = s.coupon()
    return s.req(code + "' OR '1'='1"), "code_format", _tables_intact_and_code_unused(code)


def case_empty(s: Site):
    return s.req("   "), "code_empty"


def case_mistyped_check_character(s: Site):
    (code,) = s.coupon()
    wrong = code[:-1] + next(ch for ch in rules.ALPHABET if ch != code[-1])
    return s.req(wrong), "code_check"


def case_no_request_id(s: Site):
    (code,) = s.coupon()
    request = s.req(code)
    request["request_id"] = ""
    return request, "request_id"


def case_request_id_too_long(s: Site):
    (code,) = s.coupon()
    return s.req(code, request_id="r" * 65), "request_id"


def case_request_id_reused_for_another_code(s: Site):
    first, second = s.coupon(2)
    s.redeem_ok(first, request_id="the-same-id")
    return s.req(second, request_id="the-same-id"), "request_id_reused"


def case_pickup_code_in_a_sale(s: Site):
    make_pickup(s.db, "S01", "246810")
    request = s.req("246810", staff="cashier01", purpose="sale", sale_id=str(new_id()))
    return request, "pickup_in_sale"


def case_terminal_id_not_an_id(s: Site):
    """A terminal id that is not an id is refused at the edge: on SQLite it would otherwise be
    stored unreadably, on PostgreSQL raise DataError instead of a refusal."""
    (code,) = s.coupon()
    request = s.req(code)
    request["terminal_id"] = "counter-1"
    return request, "bad_request"


CASES: dict[str, Case] = {
    "unknown_code": case_unknown_code,
    "other_enterprise": case_other_enterprise,
    "forged_signature": case_forged_signature,
    "forged_before_any_key_exists": case_forged_before_any_key_exists,
    "qr_code_altered_one_byte": _altered(1),
    "qr_expiry_altered_one_byte": _altered(2),
    "qr_signature_altered_one_byte": _altered(3),
    "qr_truncated_last_byte": _truncated(lambda p: len(p) - 1),
    "qr_truncated_in_the_expiry": _truncated(lambda p: p.rindex(".") - 3),
    "qr_truncated_after_the_expiry": _truncated(lambda p: p.rindex(".") + 1),
    "qr_expired_by_one_second": case_qr_expired_by_one_second,
    "qr_non_ascii_in_signature": case_qr_non_ascii_in_signature,
    "replayed_after_redemption": case_replayed_after_redemption,
    "replayed_by_qr_after_redemption": case_replayed_by_qr_after_redemption,
    "wrong_store": case_wrong_store,
    "before_validity": case_before_validity,
    "after_validity": case_after_validity,
    "expired_state": case_expired_state,
    "void": case_void,
    "coupon_disabled": case_coupon_disabled,
    "limit_daily_total": case_limit_daily_total,
    "limit_per_device": case_limit_per_device,
    "limit_per_user_day": case_limit_per_user_day,
    "limit_per_user_week": case_limit_per_user_week,
    "verifier_without_the_role": case_verifier_without_the_role,
    "verifier_of_another_store": case_verifier_of_another_store,
    "verifier_cannot_redeem_for_a_sale": case_verifier_cannot_sell,
    "unknown_verifier": case_unknown_verifier,
    "disabled_verifier": case_disabled_verifier,
    "unknown_store": case_unknown_store,
    "ten_kb_of_garbage": case_ten_kb_of_garbage,
    "ten_kb_qr_lookalike": case_ten_kb_qr_lookalike,
    "sql_or_1_eq_1": _sql("' OR 1=1 --"),
    "sql_drop_table": _sql('"; DROP TABLE coupon;--'),
    "sql_after_a_real_code": case_sql_after_a_real_code,
    "empty": case_empty,
    "mistyped_check_character": case_mistyped_check_character,
    "no_request_id": case_no_request_id,
    "request_id_too_long": case_request_id_too_long,
    "request_id_reused_for_another_code": case_request_id_reused_for_another_code,
    "pickup_code_in_a_sale": case_pickup_code_in_a_sale,
    "terminal_id_not_an_id": case_terminal_id_not_an_id,
}


@pytest.mark.parametrize("case", list(CASES))
def test_bad_input_is_refused_with_its_reason_and_writes_nothing(site, case):
    request, reason, *check = CASES[case](site)
    answer = refused_without_writing(site, lambda: site.gw.redeem(request), reason)
    if check:
        assert check[0](site, answer) is not False, answer


def test_limits_leave_room_elsewhere(site):
    """The per-device limit is per device, the per-user limit per customer and per period."""
    a, b = site.coupon(2, limit_device_day=1)
    site.redeem_ok(a)
    site.terminal = str(new_id())
    site.redeem_ok(b)

    c, d = site.coupon(
        2, phone="13900002222", limit_user_day=1, valid_until=site.clock.now() + timedelta(days=9)
    )
    (e,) = issue(site.db, site.instance(c).coupon_id, phone="13900003333")
    site.redeem_ok(c)
    site.redeem_ok(e)  # another customer
    site.clock.advance(days=1, seconds=1)
    site.redeem_ok(d)  # the same customer, the next day


def test_daily_total_starts_again_at_local_midnight(site):
    now = site.clock.now()  # 10:00 in Shanghai
    codes = site.coupon(3, limit_daily_total=1, valid_until=now + timedelta(days=3))
    site.redeem_ok(codes[0])
    site.clock.advance(hours=13, minutes=59)  # 23:59 local
    assert site.gw.redeem(site.req(codes[1]))["reason"] == "limit_daily_total"
    site.clock.advance(minutes=1)  # 00:00 local, the next business day
    site.redeem_ok(codes[1])


# -- retries, reversal, release ---------------------------------------------------------------------


def test_a_retry_with_the_same_request_id_returns_the_original(site):
    (code,) = site.coupon()
    request = site.req(code)
    first = site.gw.redeem(request)
    before = snapshot(site.db)
    site.clock.advance(minutes=3)
    again = site.gw.redeem(request)
    assert_unchanged(site.db, before)
    assert again["replayed"] is True and again["ok"] is True
    assert again["verification_id"] == first["verification_id"]
    assert again["at"] == first["at"]
    assert len(site.verifications()) == 1


def test_a_retry_of_a_qr_redemption_after_the_qr_expired_returns_the_original(site):
    (code,) = site.coupon()
    request = site.req(site.gw.coupon_qr(code)["payload"])
    first = site.gw.redeem(request)
    site.clock.advance(minutes=2)  # the payload itself has expired by now
    before = snapshot(site.db)
    again = site.gw.redeem(request)
    assert_unchanged(site.db, before)
    assert (again["replayed"], again["verification_id"]) == (True, first["verification_id"])


def _reverse(site: Site, verification_id: str, manager: str = "manager01", **kw) -> dict:
    return site.gw.reverse_redemption(
        {
            "verification_id": verification_id,
            "manager_id": site.staff[manager],
            "reason": "顾客误扫",
            "terminal_id": site.terminal,
            **kw,
        }
    )


def test_reverse_within_the_window_makes_the_code_usable_again(site):
    (code,) = site.coupon()
    done = site.redeem_ok(code)
    site.clock.advance(minutes=30)  # the last moment of the default 30-minute window
    answer = _reverse(site, done["verification_id"])
    assert answer["ok"] is True and answer["status"] == "reversed"
    assert (answer["reversed_by"], answer["reason"]) == (MANAGER01_NAME, "顾客误扫")
    inst = site.instance(code)
    assert (inst.state, inst.verification_id, inst.used_at, inst.used_by) == (
        "unused",
        None,
        None,
        None,
    )
    (v,) = site.verifications()
    assert (v.status, v.reversed_by, v.reverse_reason) == (
        "reversed",
        site.staff["manager01"],
        "顾客误扫",
    )
    (audit,) = read(
        site.db,
        lambda s: list(
            s.scalars(select(AuditEntry).where(AuditEntry.action == "verification.reverse"))
        ),
    )
    assert (audit.actor_id, audit.store_id, audit.target) == (
        site.staff["manager01"],
        site.store["S01"],
        rules.format_code(code),
    )
    assert audit.detail["verification_id"] == v.id and audit.detail["reason"] == "顾客误扫"
    again = site.redeem_ok(code)
    assert again["verification_id"] != done["verification_id"]


def test_reverse_outside_the_window_is_refused(site):
    (code,) = site.coupon()
    done = site.redeem_ok(code)
    site.clock.advance(minutes=30, seconds=1)
    answer = refused_without_writing(
        site, lambda: _reverse(site, done["verification_id"]), "reverse_window"
    )
    assert answer["minutes"] == 30
    assert site.instance(code).state == "used"


def test_the_window_is_an_enterprise_setting(site):
    with site.db.uow() as uow:
        ent = uow.session.scalars(select(Enterprise)).one()
        ent.settings = {**ent.settings, "verification_reverse_minutes": 5}
        uow.commit()
    (code,) = site.coupon()
    done = site.redeem_ok(code)
    site.clock.advance(minutes=6)
    refused_without_writing(site, lambda: _reverse(site, done["verification_id"]), "reverse_window")


@pytest.mark.parametrize(
    ("who", "reason"),
    [
        ("manager02", "approver_store"),
        ("verifier01", "approver_role"),
        ("cashier01", "approver_role"),
    ],
)
def test_reverse_by_someone_who_may_not_is_refused(site, who, reason):
    (code,) = site.coupon()
    done = site.redeem_ok(code)
    refused_without_writing(site, lambda: _reverse(site, done["verification_id"], who), reason)
    assert site.instance(code).state == "used"


def test_reverse_twice_is_refused(site):
    (code,) = site.coupon()
    done = site.redeem_ok(code)
    assert _reverse(site, done["verification_id"])["ok"] is True
    refused_without_writing(site, lambda: _reverse(site, done["verification_id"]), "not_reversible")
    refused_without_writing(
        site, lambda: _reverse(site, done["verification_id"], "admin"), "not_reversible"
    )


@pytest.mark.parametrize(
    ("extra", "reason"),
    [
        ({"reason": "  "}, "reason_required"),
        ({"reason": "长" * 201}, "text_too_long"),
        ({"manager_id": "01900000-0000-7000-8000-000000000000"}, "approver_unknown"),
    ],
)
def test_reverse_needs_a_reason_and_an_approver(site, extra, reason):
    (code,) = site.coupon()
    done = site.redeem_ok(code)
    refused_without_writing(site, lambda: _reverse(site, done["verification_id"], **extra), reason)


def test_reverse_of_an_unknown_verification(site):
    refused_without_writing(site, lambda: _reverse(site, str(new_id())), "unknown_verification")


def _sale_request(site: Site, code: str, sale_id: str, **kw) -> dict:
    return site.req(code, staff="cashier01", purpose="sale", sale_id=sale_id, amount_fen=500, **kw)


def _commit_sale_centrally(site: Site, sale_id: str, store: str = "S01") -> None:
    """The sale's row as ingest would write it (the push of the sale reached the central side)."""
    with site.db.uow() as uow:
        now = uow.clock.now()
        shift_id = str(new_id())
        uow.session.add(
            Shift(
                store_id=site.store[store],
                id=shift_id,
                terminal_id=site.terminal,
                cashier_id=site.staff["cashier01"],
                business_date=now.date(),
                status="open",
                opened_at=now,
                opening_float_fen=0,
            )
        )
        uow.session.flush()
        uow.session.add(
            Sale(
                store_id=site.store[store],
                id=sale_id,
                receipt_no=f"S01-1-{sale_id[-6:]}",
                terminal_id=site.terminal,
                shift_id=shift_id,
                business_date=now.date(),
                cashier_id=site.staff["cashier01"],
                subtotal_fen=2500,
                discount_fen=500,
                total_fen=2000,
                paid_fen=2000,
                change_fen=0,
                completed_at=now,
                received_at=now,
            )
        )
        uow.commit()


def test_release_of_a_sale_bound_redemption(site):
    (code,) = site.coupon()
    sale_id = str(new_id())
    request = _sale_request(site, code, sale_id)
    held = site.gw.redeem(request)
    assert held["ok"] is True and held["sale_id"] == sale_id
    (v,) = site.verifications()
    assert (v.amount_fen, v.sale_id, v.verifier_id) == (500, sale_id, site.staff["cashier01"])
    # a sale's coupon is given back by releasing the sale, never by a manager's reversal
    refused_without_writing(site, lambda: _reverse(site, v.id), "verification_in_sale")
    refused_without_writing(
        site,
        lambda: site.gw.release_redemption(request["request_id"], str(new_id())),
        "release_mismatch",
    )

    assert site.gw.release_redemption(request["request_id"], sale_id) == {
        "ok": True,
        "released": True,
    }
    assert site.instance(code).state == "unused"
    assert [v.status for v in site.verifications()] == ["released"]
    before = snapshot(site.db)
    assert site.gw.release_redemption(request["request_id"], sale_id)["ok"] is True  # again
    assert_unchanged(site.db, before)
    # a retry of the original redemption still reports it, and never takes the code again
    assert site.gw.redeem(request)["replayed"] is True
    assert_unchanged(site.db, before)
    site.redeem_ok(code)  # usable again


def test_release_of_a_request_that_never_redeemed(site):
    before = snapshot(site.db)
    assert site.gw.release_redemption(str(new_id()), str(new_id())) == {
        "ok": True,
        "released": False,
    }
    assert_unchanged(site.db, before)


def test_release_is_refused_once_the_sale_is_central(site):
    (code,) = site.coupon()
    sale_id = str(new_id())
    request = _sale_request(site, code, sale_id)
    assert site.gw.redeem(request)["ok"] is True
    _commit_sale_centrally(site, sale_id)
    refused_without_writing(
        site, lambda: site.gw.release_redemption(request["request_id"], sale_id), "sale_committed"
    )
    assert site.instance(code).state == "used"


# -- pickup codes ---------------------------------------------------------------------------------------


def test_pickup_code_redeemed_once(site):
    order_id = make_pickup(site.db, "S01", "123456", order_no="PK20261122001")
    card = site.gw.verify_lookup("123456", site.store["S01"])
    assert (card["kind"], card["redeemable"]) == ("pickup", True)
    assert card["pickup"]["order_no"] == "PK20261122001"
    done = site.redeem_ok(" 123456 ")
    assert (done["kind"], done["order_no"], done["store"]) == ("pickup", "PK20261122001", "S01")
    with site.db.reader() as uow:
        order = uow.session.get(PickupOrder, order_id)
        assert (order.state, order.collected_by) == ("collected", site.staff["verifier01"])

    site.clock.advance(minutes=2)
    answer = refused_without_writing(
        site, lambda: site.gw.redeem(site.req("123456")), "already_redeemed"
    )
    assert answer["message"] == f"already collected at S01 by {VERIFIER_NAME} at 10:00"
    assert answer["order_no"] == "PK20261122001"


def test_another_stores_pickup_code_is_unknown_here(site):
    other = make_pickup(site.db, "S02", "654321")
    answer = refused_without_writing(
        site, lambda: site.gw.redeem(site.req("654321")), "unknown_pickup"
    )
    assert "S01" in answer["message"]
    with site.db.reader() as uow:
        assert uow.session.get(PickupOrder, other).state == "open"


def test_the_same_pickup_code_at_two_stores_collects_only_this_stores_order(site):
    here = make_pickup(site.db, "S01", "111111", order_no="PK-S01-1")
    there = make_pickup(site.db, "S02", "111111", order_no="PK-S02-1")
    site.redeem_ok("111111")
    with site.db.reader() as uow:
        assert uow.session.get(PickupOrder, here).state == "collected"
        assert uow.session.get(PickupOrder, there).state == "open"


def test_reversing_a_pickup_reopens_the_order(site):
    order_id = make_pickup(site.db, "S01", "222222")
    done = site.redeem_ok("222222")
    assert _reverse(site, done["verification_id"])["ok"] is True
    with site.db.reader() as uow:
        assert uow.session.get(PickupOrder, order_id).state == "open"
    site.redeem_ok("222222")


# -- members ------------------------------------------------------------------------------------------


@dataclass
class MemberSite:
    site: Site
    member_id: str
    sale_id: str = field(default_factory=lambda: str(new_id()))

    def charge(self, kind: str, amount_fen: int, *, request_id=None, sale_total_fen=10_000):
        return self.site.gw.member_charge(
            {
                "request_id": request_id or str(new_id()),
                "member_id": self.member_id,
                "kind": kind,
                "amount_fen": amount_fen,
                "sale_id": self.sale_id,
                "sale_total_fen": sale_total_fen,
                "store_id": self.site.store["S01"],
                "terminal_id": self.site.terminal,
                "staff_id": self.site.staff["cashier01"],
            }
        )

    def member(self) -> Member:
        return read(self.site.db, lambda s: s.get(Member, self.member_id))

    def ledger(self) -> list[MemberLedger]:
        return read(
            self.site.db,
            lambda s: list(
                s.scalars(
                    select(MemberLedger)
                    .where(MemberLedger.member_id == self.member_id)
                    .order_by(MemberLedger.at, MemberLedger.id)
                )
            ),
        )


@pytest.fixture
def member(site) -> MemberSite:
    return MemberSite(site, make_member(site.db, "13712345678", points=1000, balance_fen=10_000))


def test_member_lookup(member):
    gw = member.site.gw
    card = gw.member_lookup("137-1234-5678")
    assert card["ok"] is True
    m = card["member"]
    assert (m["phone"], m["points"], m["balance_fen"]) == ("137****5678", 1000, 10_000)
    assert (m["points_per_yuan"], m["points_max_pay_bp"]) == (10, 5000)
    assert gw.member_lookup("13700000000")["reason"] == "unknown_member"
    assert gw.member_lookup("' OR 1=1 --")["reason"] == "phone_format"


def test_balance_charged_exactly_once_per_request(member):
    answer = member.charge("balance", 3000, request_id="pay-1")
    assert answer["ok"] is True and answer["replayed"] is False
    assert (answer["balance_delta_fen"], answer["balance_after_fen"]) == (-3000, 7000)
    before = snapshot(member.site.db)
    again = member.charge("balance", 3000, request_id="pay-1")
    assert_unchanged(member.site.db, before)
    assert again["replayed"] is True and again["ledger_id"] == answer["ledger_id"]
    assert member.member().balance_fen == 7000
    assert len(member.ledger()) == 1


def test_points_charged_exactly_once_per_request(member):
    answer = member.charge("points", 1000, request_id="pts-1", sale_total_fen=2000)
    assert (answer["points_delta"], answer["points_after"]) == (-100, 900)
    assert member.charge("points", 1000, request_id="pts-1", sale_total_fen=2000)["replayed"]
    assert member.member().points == 900
    assert [row.kind for row in member.ledger()] == ["redeem"]


def test_a_request_id_reused_for_another_sale_is_refused(member):
    member.charge("balance", 100, request_id="pay-1")
    member.sale_id = str(new_id())
    refused_without_writing(
        member.site, lambda: member.charge("balance", 100, request_id="pay-1"), "request_id_reused"
    )


@pytest.mark.parametrize(
    ("kind", "amount", "total", "reason"),
    [
        ("balance", 10_001, 20_000, "balance_insufficient"),
        ("points", 1100, 2000, "points_cap"),  # 50 % of 20.00 is 10.00
        ("points", 5, 2000, "points_step"),  # half a point
        ("points", 0, 2000, "payment_not_positive"),
        ("balance", -100, 2000, "payment_not_positive"),
        ("cash", 100, 2000, "payment_method"),
    ],
)
def test_member_payment_refusals_write_nothing(member, kind, amount, total, reason):
    answer = refused_without_writing(
        member.site, lambda: member.charge(kind, amount, sale_total_fen=total), reason
    )
    if reason == "balance_insufficient":
        assert (answer["balance_fen"], answer["needed_fen"]) == (10_000, 10_001)


def test_not_enough_points(member):
    member.charge("points", 5000, sale_total_fen=20_000)  # 500 points
    member.charge("points", 4000, sale_total_fen=20_000)  # 400 points: 100 left
    answer = refused_without_writing(
        member.site,
        lambda: member.charge("points", 1010, sale_total_fen=20_000),
        "points_insufficient",
    )
    assert (answer["points"], answer["needed"]) == (100, 101)


def test_member_release_is_idempotent(member):
    charged = member.charge("balance", 2500, request_id="pay-9")
    assert charged["balance_after_fen"] == 7500
    gw = member.site.gw
    released = gw.member_release("pay-9", member.sale_id)
    assert released["ok"] is True and released["released"] is True
    assert member.member().balance_fen == 10_000
    before = snapshot(member.site.db)
    again = gw.member_release("pay-9", member.sale_id)
    assert again["ok"] is True and again["replayed"] is True
    assert_unchanged(member.site.db, before)
    assert [row.kind for row in member.ledger()] == ["pay", "release"]
    # the original charge retried after its release is the stored answer, not a new charge
    assert member.charge("balance", 2500, request_id="pay-9")["replayed"] is True
    assert member.member().balance_fen == 10_000
    assert gw.member_release(str(new_id()), member.sale_id) == {"ok": True, "released": False}


def test_member_release_refused_once_the_sale_is_central(member):
    member.charge("points", 1000, request_id="pts-7", sale_total_fen=2000)
    _commit_sale_centrally(member.site, member.sale_id)
    refused_without_writing(
        member.site,
        lambda: member.site.gw.member_release("pts-7", member.sale_id),
        "sale_committed",
    )
    assert member.member().points == 900
