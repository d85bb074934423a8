"""Who this counter is: the terminal, its store and the settings that govern it."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from shared.db.models import Enterprise, Store, TerminalIdentity
from shared.db.uow import UnitOfWork
from shared.domain.barcode import WeighedFormat
from shared.domain.errors import NotFound

DEFAULT_SETTINGS = {
    "refund_approval_fen": 20_000,
    "weighed_prefix": "2",
    "weighed_value_kind": "price",
    "lockout_attempts": 5,
    "lockout_minutes": 15,
}


@dataclass(frozen=True)
class TerminalContext:
    terminal_id: str
    store_id: str
    store_code: str
    store_name: str
    store_address: str
    store_phone: str
    receipt_header: str
    receipt_footer: str
    number: int
    timezone: str
    refund_approval_fen: int
    weighed: WeighedFormat
    lockout_attempts: int
    lockout_minutes: int
    language: str
    printer: dict
    central_url: str


def enterprise_settings(uow: UnitOfWork) -> dict:
    ent = uow.session.scalars(select(Enterprise).limit(1)).first()
    return {**DEFAULT_SETTINGS, **(ent.settings if ent else {})}


def load_terminal(uow: UnitOfWork) -> TerminalContext:
    ident = uow.session.get(TerminalIdentity, 1)
    if ident is None:
        raise NotFound(
            "this data directory is not registered as a terminal: run "
            "'storedesk demo' or 'storedesk terminal register --store CODE --number N'",
            code="not_registered",
        )
    store = uow.session.get(Store, ident.store_id)
    if store is None:
        raise NotFound(
            "this terminal's store is missing from the local catalog", code="store_missing"
        )
    settings = enterprise_settings(uow)
    threshold = (
        store.refund_approval_fen
        if store.refund_approval_fen is not None
        else settings["refund_approval_fen"]
    )
    return TerminalContext(
        terminal_id=ident.terminal_id,
        store_id=store.id,
        store_code=store.code,
        store_name=store.name,
        store_address=store.address,
        store_phone=store.phone,
        receipt_header=store.receipt_header,
        receipt_footer=store.receipt_footer,
        number=ident.number,
        timezone=store.timezone,
        refund_approval_fen=int(threshold),
        weighed=WeighedFormat(
            prefix=settings["weighed_prefix"],
            plu_digits=12 - len(settings["weighed_prefix"]) - 5,
            value_digits=5,
            value_kind=settings["weighed_value_kind"],
        ),
        lockout_attempts=int(settings["lockout_attempts"]),
        lockout_minutes=int(settings["lockout_minutes"]),
        language=ident.language,
        printer=dict(ident.printer or {}),
        central_url=ident.central_url,
    )
