"""Registering a data directory as a store's terminal and loading what it needs to sell."""

from __future__ import annotations

from dataclasses import dataclass

from shared.db.models import TerminalIdentity
from shared.db.uow import Database
from shared.domain.errors import Conflict
from shared.sync.gateway import CentralGateway
from shared.sync.highwater import apply_high_water
from shared.sync.snapshot import apply_snapshot


@dataclass(frozen=True)
class Registration:
    terminal_id: str
    store_id: str
    store_code: str
    number: int
    rows: dict[str, int]


def register(
    local: Database, gateway: CentralGateway, *, store_code: str, number: int, central_url: str
) -> Registration:
    reg = gateway.register_terminal(store_code, number)
    marks = gateway.high_water(reg["terminal_id"])  # never reuse a number the central side has
    with local.uow() as uow:
        s = uow.session
        ident = s.get(TerminalIdentity, 1)
        if ident is not None and ident.terminal_id != reg["terminal_id"]:
            raise Conflict(
                f"this data directory is already terminal {ident.number} of {ident.store_code}; "
                "use another --data-dir for another terminal",
                code="already_registered",
            )
        counts = apply_snapshot(s, gateway.snapshot())
        if ident is None:
            ident = TerminalIdentity(
                slot=1, printer={"kind": "none", "paper_mm": 80}, language="zh_CN"
            )
            s.add(ident)
        ident.terminal_id = reg["terminal_id"]
        ident.store_id = reg["store_id"]
        ident.store_code = reg["store_code"]
        ident.number = reg["number"]
        ident.central_url = central_url
        ident.registered_at = uow.clock.now()
        apply_high_water(s, reg["terminal_id"], marks)
        uow.commit()
    return Registration(
        reg["terminal_id"], reg["store_id"], reg["store_code"], reg["number"], counts
    )


def refresh_catalog(local: Database, gateway: CentralGateway) -> dict[str, int]:
    """Reload head-office data from the central database (until incremental sync replaces it)."""
    with local.uow() as uow:
        counts = apply_snapshot(uow.session, gateway.snapshot())
        uow.commit()
        return counts
