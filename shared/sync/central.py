"""Central-side handlers: plain functions over a central session, called through a transport."""

from __future__ import annotations

from collections.abc import Iterator

from sqlalchemy import select
from sqlalchemy.orm import Session

from shared.db.models import Base, Store, Terminal
from shared.domain.clock import Clock
from shared.domain.errors import NotFound, ValidationError
from shared.domain.ids import new_id
from shared.sync.codec import encode_row

#: head-office tables a terminal keeps a read-only copy of, parents before children
HEAD_OFFICE_TABLES = (
    "enterprise",
    "store",
    "terminal",
    "staff",
    "staff_store",
    "category",
    "product",
    "sku",
    "barcode",
    "store_price",
)
BATCH = 5000
PROTOCOL_VERSION = 1


def hello(clock: Clock) -> dict:
    return {"server_time": clock.now().isoformat(), "protocol": PROTOCOL_VERSION}


def register_terminal(session: Session, clock: Clock, store_code: str, number: int) -> dict:
    code = (store_code or "").strip().upper()
    if not code:
        raise ValidationError("give the store code", code="store_required")
    if not isinstance(number, int) or not 1 <= number <= 99:
        raise ValidationError("a terminal number is 1 to 99", code="terminal_number")
    store = session.scalars(select(Store).where(Store.code == code)).first()
    if store is None:
        raise NotFound(f"no store with code {code} in the central database", code="unknown_store")
    term = session.scalars(
        select(Terminal).where(Terminal.store_id == store.id, Terminal.number == number)
    ).first()
    if term is None:
        term = Terminal(
            id=str(new_id()),
            store_id=store.id,
            number=number,
            name=f"{store.name} #{number}",
            status="active",
            registered_at=clock.now(),
        )
        session.add(term)
        session.commit()
    elif term.status != "active":
        raise ValidationError(f"terminal {number} of {code} is retired", code="terminal_retired")
    return {
        "terminal_id": term.id,
        "store_id": store.id,
        "store_code": store.code,
        "number": term.number,
    }


def snapshot(session: Session) -> Iterator[dict]:
    """The head-office data a terminal needs, in batches of JSON-ready rows."""
    for name in HEAD_OFFICE_TABLES:
        table = Base.metadata.tables[name]
        result = session.execute(select(table)).mappings()
        while True:
            chunk = result.fetchmany(BATCH)
            if not chunk:
                break
            yield {"table": name, "rows": [encode_row(table, dict(r)) for r in chunk]}
