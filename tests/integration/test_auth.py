"""PIN and password login, lock-out, approvals."""

from __future__ import annotations

import pytest

from shared.domain.errors import AccountLocked, AuthenticationFailed, PermissionDenied
from shared.services import auth


def pin(counter, account, secret):
    with counter.db.uow() as uow:
        return auth.login_with_pin(uow, account, secret, store_id=counter.ctx.store_id)


def test_pin_login(counter):
    actor = pin(counter, "cashier01", "1111")
    assert actor.name == "李娜"


def test_wrong_pin_counts_down_then_locks(counter, clock):
    for left in (4, 3, 2, 1):
        with pytest.raises(AuthenticationFailed, match=f"{left} attempts left"):
            pin(counter, "cashier01", "0000")
    with pytest.raises(AccountLocked):
        pin(counter, "cashier01", "0000")
    with pytest.raises(AccountLocked):  # even the right PIN, while locked
        pin(counter, "cashier01", "1111")
    clock.advance(minutes=16)
    assert pin(counter, "cashier01", "1111").account == "cashier01"


def test_unknown_account_says_the_same_as_a_wrong_pin(counter):
    with pytest.raises(AuthenticationFailed) as err:
        pin(counter, "nobody", "1111")
    assert err.value.code == "bad_credentials"


def test_staff_of_another_store_cannot_sign_in_here(counter):
    with pytest.raises(PermissionDenied):
        pin(counter, "cashier03", "3333")


def test_disabled_account(counter):
    from sqlalchemy import select

    from shared.db.models import Staff

    with counter.db.uow() as uow:
        uow.session.scalars(select(Staff).where(Staff.account == "cashier02")).one().enabled = False
        uow.commit()
    with pytest.raises(AuthenticationFailed) as err:
        pin(counter, "cashier02", "2222")
    assert err.value.code == "account_disabled"


def test_only_managers_approve(counter):
    with counter.db.uow() as uow:
        approver = auth.approve(
            uow, "manager01", "8888", store_id=counter.ctx.store_id, action="test"
        )
    assert approver.account == "manager01"
    with counter.db.uow() as uow, pytest.raises(PermissionDenied):
        auth.approve(uow, "cashier02", "2222", store_id=counter.ctx.store_id, action="test")


def test_password_login_and_hashes_are_argon2(counter):
    with counter.db.uow() as uow:
        assert auth.login_with_password(uow, "admin", "admin1234").account == "admin"
    assert auth.hash_secret("1111").startswith("$argon2id$")
    assert not auth.verify_secret("not-a-hash", "1111")


def test_counter_staff_lists_who_may_sign_in(counter):
    with counter.db.reader() as uow:
        accounts = [s.account for s in auth.counter_staff(uow, counter.ctx.store_id)]
    assert "cashier01" in accounts and "manager01" in accounts and "admin" in accounts
    assert "verifier01" not in accounts and "cashier03" not in accounts
