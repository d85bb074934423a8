"""Staff authentication and permission checks (SPEC §1, §14).

Passwords and PINs are argon2 hashes. Repeated failures lock the account for a while; the
lock-out is recorded in the same transaction as the failure, so killing the app does not reset it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select

from shared.db.models import AuditEntry, Staff, StaffStore
from shared.db.uow import UnitOfWork
from shared.domain.errors import (
    AccountLocked,
    AuthenticationFailed,
    PermissionDenied,
    ValidationError,
)
from shared.domain.ids import new_id
from shared.domain.permissions import Perm, Role, parse_roles, permissions_of

# OWASP's argon2id minimum (19 MiB, t=2): about 30 ms here, cheap enough for a counter login.
_HASHER = PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1)

DEFAULT_LOCKOUT_ATTEMPTS = 5
DEFAULT_LOCKOUT_MINUTES = 15


def hash_secret(secret: str) -> str:
    return _HASHER.hash(secret)


def verify_secret(hashed: str | None, secret: str) -> bool:
    if not hashed:
        return False
    try:
        return _HASHER.verify(hashed, secret)
    except (VerificationError, InvalidHashError):
        return False


def validate_pin(pin: str) -> str:
    if not (pin.isascii() and pin.isdigit() and 4 <= len(pin) <= 8):
        raise ValidationError("a PIN is 4 to 8 digits", code="pin_format")
    return pin


def validate_password(password: str) -> str:
    if len(password) < 8 or len(password) > 128:
        raise ValidationError("a password is 8 to 128 characters", code="password_format")
    return password


@dataclass(frozen=True)
class Actor:
    """The signed-in person a service acts for."""

    staff_id: str
    account: str
    name: str
    roles: frozenset[Role]
    store_ids: frozenset[str]

    def can(self, perm: Perm, store_id: str | None = None) -> bool:
        if perm not in permissions_of(self.roles):
            return False
        if store_id is None or Role.ADMIN in self.roles:
            return True
        return store_id in self.store_ids


def require(actor: Actor, perm: Perm, store_id: str | None = None) -> None:
    if not actor.can(perm, store_id):
        where = " at this store" if store_id and perm in permissions_of(actor.roles) else ""
        raise PermissionDenied(
            f"{actor.name} ({actor.account}) may not {perm.value.replace('_', ' ')}{where}",
            code="permission_denied",
            permission=perm.value,
        )


def actor_for(uow: UnitOfWork, staff: Staff) -> Actor:
    stores = uow.session.scalars(
        select(StaffStore.store_id).where(StaffStore.staff_id == staff.id)
    ).all()
    return Actor(staff.id, staff.account, staff.name, parse_roles(staff.roles), frozenset(stores))


def _check_secret(
    uow: UnitOfWork,
    account: str,
    secret: str,
    *,
    use_pin: bool,
    store_id: str | None,
    attempts: int,
    minutes: int,
) -> Actor:
    account = (account or "").strip()
    if not account or len(account) > 64:
        raise AuthenticationFailed("enter your account", code="account_required")
    if len(secret) > 128:
        raise AuthenticationFailed("wrong account or PIN", code="bad_credentials")
    staff = uow.session.scalars(
        select(Staff).where(Staff.account == account, Staff.deleted_at.is_(None))
    ).first()
    now = uow.clock.now()
    what = "PIN" if use_pin else "password"
    if staff is None:
        # Same message as a wrong secret: do not tell which accounts exist.
        raise AuthenticationFailed(f"wrong account or {what}", code="bad_credentials")
    if not staff.enabled:
        raise AuthenticationFailed("this account is disabled", code="account_disabled")
    if staff.locked_until is not None and staff.locked_until > now:
        left = max(1, int((staff.locked_until - now).total_seconds() // 60) + 1)
        raise AccountLocked(
            f"account locked after repeated failures; try again in {left} min or ask a manager",
            code="account_locked",
            minutes=left,
        )
    ok = verify_secret(staff.pin_hash if use_pin else staff.password_hash, secret)
    if not ok:
        staff.failed_attempts += 1
        locked = staff.failed_attempts >= attempts
        if locked:
            staff.locked_until = now + timedelta(minutes=minutes)
            staff.failed_attempts = 0
            uow.session.add(
                AuditEntry(
                    id=str(new_id()),
                    at=now,
                    store_id=store_id,
                    actor_id=staff.id,
                    action="account_locked",
                    target=staff.account,
                    detail={"minutes": minutes},
                )
            )
        uow.commit()
        if locked:
            raise AccountLocked(
                f"account locked for {minutes} min after {attempts} wrong attempts",
                code="account_locked",
                minutes=minutes,
            )
        left = attempts - staff.failed_attempts
        raise AuthenticationFailed(
            f"wrong account or {what} ({left} attempts left)",
            code="bad_credentials",
            attempts_left=left,
        )
    actor = actor_for(uow, staff)
    if store_id is not None and Role.ADMIN not in actor.roles and store_id not in actor.store_ids:
        raise PermissionDenied(f"{staff.name} does not work at this store", code="wrong_store")
    if staff.failed_attempts or staff.locked_until:
        staff.failed_attempts = 0
        staff.locked_until = None
        uow.commit()
    return actor


def login_with_pin(
    uow: UnitOfWork,
    account: str,
    pin: str,
    *,
    store_id: str,
    attempts: int = DEFAULT_LOCKOUT_ATTEMPTS,
    minutes: int = DEFAULT_LOCKOUT_MINUTES,
) -> Actor:
    return _check_secret(
        uow, account, pin, use_pin=True, store_id=store_id, attempts=attempts, minutes=minutes
    )


def login_with_password(
    uow: UnitOfWork,
    account: str,
    password: str,
    *,
    store_id: str | None = None,
    attempts: int = DEFAULT_LOCKOUT_ATTEMPTS,
    minutes: int = DEFAULT_LOCKOUT_MINUTES,
) -> Actor:
    return _check_secret(
        uow,
        account,
        password,
        use_pin=False,
        store_id=store_id,
        attempts=attempts,
        minutes=minutes,
    )


def approve(
    uow: UnitOfWork,
    account: str,
    pin: str,
    *,
    store_id: str,
    action: str,
    requested_by: Actor | None = None,
    attempts: int = DEFAULT_LOCKOUT_ATTEMPTS,
    minutes: int = DEFAULT_LOCKOUT_MINUTES,
) -> Actor:
    """A manager's PIN on the spot. Returns the approver; the approval itself is audited."""
    approver = login_with_pin(
        uow, account, pin, store_id=store_id, attempts=attempts, minutes=minutes
    )
    require(approver, Perm.APPROVE, store_id)
    uow.session.add(
        AuditEntry(
            id=str(new_id()),
            at=uow.clock.now(),
            store_id=store_id,
            actor_id=approver.staff_id,
            action="approval",
            target=action,
            detail={"requested_by": requested_by.account if requested_by else None},
        )
    )
    uow.commit()
    return approver


@dataclass(frozen=True)
class StaffChoice:
    account: str
    name: str
    roles: tuple[str, ...]


def counter_staff(uow: UnitOfWork, store_id: str) -> list[StaffChoice]:
    """Who may sign in at this store's counter, for the login screen's list."""
    rows = uow.session.execute(
        select(Staff)
        .join(StaffStore, StaffStore.staff_id == Staff.id, isouter=True)
        .where(Staff.enabled.is_(True), Staff.deleted_at.is_(None))
        .where((StaffStore.store_id == store_id) | Staff.roles.like("%admin%"))
        .order_by(Staff.account)
        .distinct()
    ).scalars()
    out = []
    for s in rows:
        roles = parse_roles(s.roles)
        if roles & {Role.CASHIER, Role.MANAGER, Role.ADMIN}:
            out.append(StaffChoice(s.account, s.name, tuple(sorted(r.value for r in roles))))
    return out


def staff_names(uow: UnitOfWork, ids: set[str]) -> dict[str, str]:
    ids = {i for i in ids if i}
    if not ids:
        return {}
    return dict(uow.session.execute(select(Staff.id, Staff.name).where(Staff.id.in_(ids))).all())
