"""Roles and the permissions they carry (SPEC §1, §14). Checked by services, never only in the UI."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    CASHIER = "cashier"
    VERIFIER = "verifier"
    GUIDE = "guide"
    MANAGER = "manager"
    ADMIN = "admin"


class Perm(StrEnum):
    SELL = "sell"
    REFUND = "refund"
    OPEN_SHIFT = "open_shift"
    CLOSE_SHIFT = "close_shift"
    CASH_MOVE = "cash_move"
    APPROVE = "approve"  # give a manager's PIN for price override, large refunds, voids
    VERIFY = "verify"
    REVEAL_CARD_KEYS = "reveal_card_keys"
    MANAGE_CATALOG = "manage_catalog"
    MANAGE_STAFF = "manage_staff"
    REVIEW_SHIFTS = "review_shifts"
    SETTLE = "settle"
    CONFIGURE_TERMINAL = "configure_terminal"
    #: vouchers, transfers, limits, approving stocktakes
    MANAGE_STOCK = "manage_stock"
    #: scanning a count sheet (at the counter or in the back office)
    COUNT_STOCK = "count_stock"


_COUNTER = {
    Perm.SELL,
    Perm.REFUND,
    Perm.OPEN_SHIFT,
    Perm.CLOSE_SHIFT,
    Perm.CASH_MOVE,
    Perm.COUNT_STOCK,
}
_MANAGER = _COUNTER | {
    Perm.APPROVE,
    Perm.VERIFY,
    Perm.MANAGE_CATALOG,
    Perm.REVIEW_SHIFTS,
    Perm.SETTLE,
    Perm.CONFIGURE_TERMINAL,
    Perm.MANAGE_STOCK,
}

ROLE_PERMISSIONS: dict[Role, frozenset[Perm]] = {
    Role.CASHIER: frozenset(_COUNTER),
    Role.VERIFIER: frozenset({Perm.VERIFY}),
    Role.GUIDE: frozenset(),
    Role.MANAGER: frozenset(_MANAGER),
    Role.ADMIN: frozenset(_MANAGER | {Perm.MANAGE_STAFF, Perm.REVEAL_CARD_KEYS}),
}


def parse_roles(text: str) -> frozenset[Role]:
    return frozenset(Role(r) for r in text.split(",") if r)


def permissions_of(roles: frozenset[Role] | set[Role]) -> frozenset[Perm]:
    out: set[Perm] = set()
    for r in roles:
        out |= ROLE_PERMISSIONS[r]
    return frozenset(out)
