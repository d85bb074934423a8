"""``storedesk verify CODE --verifier ACCOUNT [--password PW]`` (SPEC §16).

Redeems a coupon code, a coupon's signed QR payload, a channel order's redeem code or a pickup
code at this terminal's store, through the central database (online only). ``--json``:
``{"ok", "kind", "code", "store", "verifier", "at"}``; a refusal exits 1 with ``{"ok": false,
"reason", "code", ...}`` (the central side's reason in ``code``, e.g. ``already_redeemed`` with
``store``/``verifier``/``at``).
"""

from __future__ import annotations

import argparse
import os

from sqlalchemy import select

from shared.db.models import Staff
from shared.domain.errors import NotFound
from shared.services import auth, sync_status, verification
from shared.services.context import load_terminal
from shared.services.runtime import open_terminal, resolve_paths


def verify(args: argparse.Namespace):
    paths = resolve_paths(args.data_dir, args.central)
    terminal = open_terminal(paths)
    gateway = None
    try:
        with terminal.uow() as uow:
            ctx = load_terminal(uow)
            if args.password is not None:
                actor = verification.login_verifier(uow, ctx, args.verifier, args.password)
            else:
                actor = _verifier(uow, args.verifier)
        gateway = sync_status.gateway_for(
            terminal, args.central or os.environ.get("STOREDESK_CENTRAL_URL")
        )
        done = verification.redeem(terminal, gateway, ctx, actor, args.code)
    finally:
        if gateway is not None:
            gateway.close()
        terminal.dispose()
    data = {
        "ok": True,
        "kind": done.kind,
        "code": done.code,
        "store": done.store,
        "verifier": done.verifier,
        "at": done.at,
        "verification_id": done.verification_id,
        "order_no": done.order_no,
    }
    what = {
        "coupon": f"coupon {done.coupon_name}",
        "channel": f"channel order {done.order_no}",
    }.get(done.kind, f"pickup {done.order_no}")
    text = f"redeemed {done.display_code} ({what}) at {done.store} by {done.verifier} at {done.local_time}"
    return data, text


def _verifier(uow, account: str) -> auth.Actor:
    """The verifier named on the command line (an operator's script; no password given)."""
    staff = uow.session.scalars(
        select(Staff).where(Staff.account == account, Staff.deleted_at.is_(None))
    ).first()
    if staff is None or not staff.enabled:
        raise NotFound(f"no enabled staff account '{account}'", code="unknown_staff")
    return auth.actor_for(uow, staff)
