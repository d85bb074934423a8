"""What every head-office sub-command shares: the ``--by ACCOUNT`` and ``--json`` options, the
central database named by ``--data-dir`` / ``--central``, and the account a command acts as.

Importing this module is cheap (argparse only): services are imported when a command runs.
"""

from __future__ import annotations

import argparse


def add_json(parser: argparse.ArgumentParser) -> None:
    """``--json`` after the sub-command too; SUPPRESS keeps the global one when not given here."""
    parser.add_argument("--json", action="store_true", default=argparse.SUPPRESS)


def add_by(parser: argparse.ArgumentParser, *, actor_alias: bool = False) -> None:
    names = ("--by", "--actor") if actor_alias else ("--by",)
    parser.add_argument(
        *names, dest="by", metavar="ACCOUNT", help="act as this account (default: an admin)"
    )


def add_common(parser: argparse.ArgumentParser) -> None:
    add_by(parser)
    add_json(parser)


def open_central(args: argparse.Namespace):
    """The central database the command names (``--central``, else the data dir's)."""
    from shared.services.runtime import open_database, resolve_paths

    return open_database(resolve_paths(args.data_dir, args.central).central_url)


def acting_actor(uow, account: str | None):
    """``account``'s actor, or the first enabled admin's."""
    from sqlalchemy import select

    from shared.db.models import Staff
    from shared.domain.errors import NotFound
    from shared.services import auth

    stmt = select(Staff).where(Staff.enabled.is_(True), Staff.deleted_at.is_(None))
    if account:
        staff = uow.session.scalars(stmt.where(Staff.account == account)).first()
        if staff is None:
            raise NotFound(f"no enabled staff account '{account}'", code="unknown_staff")
    else:
        staff = uow.session.scalars(
            stmt.where(Staff.roles.like("%admin%")).order_by(Staff.account)
        ).first()
        if staff is None:
            raise NotFound("no admin account: name one with --by", code="unknown_staff")
    return auth.actor_for(uow, staff)
