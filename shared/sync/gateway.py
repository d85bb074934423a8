"""How a terminal reaches the central database (ARCHITECTURE.md, Transport).

Services depend on ``CentralGateway`` only. Every argument and answer is JSON-serialisable; the
in-process transport proves it by round-tripping each through ``json``. An HTTP transport in front
of PostgreSQL implements the same protocol without touching a service: each method is one request
whose body is the JSON arguments and whose answer is the JSON result; a domain refusal travels as
``{"error": code, "message": ...}`` and a transport failure is raised as ``CentralUnreachable``.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Protocol, TypeVar

from shared.db.queries import stock as stock_queries
from shared.db.uow import Database
from shared.domain.clock import Clock
from shared.sync import card_key_issue, central, ingest, member_ledger, redeem, shelf_schedule
from shared.sync.errors import CentralUnreachable, is_transport_error

T = TypeVar("T")


class CentralGateway(Protocol):
    def hello(self, terminal_id: str | None = None, client_version: int | None = None) -> dict:
        """Version handshake and the server's time."""
        ...

    def register_terminal(self, store_code: str, number: int) -> dict: ...

    def snapshot(self) -> Iterator[dict]:
        """All head-office data; the first batch is ``{"cursors": {stream: id}}``."""
        ...

    def push(self, terminal_id: str, messages: list[dict]) -> dict:
        """``{"results": [...], "server_time"}``, one result per handled message, in order."""
        ...

    def pull(self, stream: str, cursor: int, limit: int, client_version: int) -> dict:
        """``{"stream", "changes": [...], "cursor", "more"}``."""
        ...

    def high_water(self, terminal_id: str, since: str | None = None) -> dict: ...

    # -- online-only operations (SPEC §6, §9): refusals are answers ``{"ok": False, ...}`` ----
    def verify_lookup(self, text: str, store_id: str) -> dict:
        """What a scanned code is, its state and conditions (``redeem.lookup``)."""
        ...

    def redeem(self, request: dict) -> dict:
        """Redeem a code exactly once; a retry with the same ``request_id`` gets the same answer."""
        ...

    def release_redemption(self, request_id: str, sale_id: str) -> dict: ...

    def reverse_redemption(self, request: dict) -> dict: ...

    def verifications(self, terminal_id: str | None = None, limit: int = 50) -> list[dict]: ...

    def coupon_qr(self, code: str) -> dict:
        """The signed 60-second payload a customer's phone would show for ``code``."""
        ...

    def member_lookup(self, phone: str) -> dict: ...

    def member_charge(self, request: dict) -> dict: ...

    def member_release(self, request_id: str, sale_id: str) -> dict: ...

    def serial(self, sku_id: str, serial: str, store_code: str) -> dict:
        """Where one unit of a serial-tracked SKU is (``db.queries.stock.serial_at``)."""
        ...

    def card_key_allocate(self, request: dict) -> dict:
        """Reserve card keys for an unpaid sale (``card_key_issue.allocate``)."""
        ...

    def card_key_release(self, sale_id: str) -> dict: ...

    def card_key_lease(self, terminal_id: str, sku_id: str, count: int) -> dict: ...

    def card_key_return(self, lease_id: str, key_ids: list[str]) -> dict: ...

    def stock(self, code: str, store_code: str) -> dict:
        """Stock of a SKU at a store and at every store (``db.queries.stock.stock_at``): an
        unknown code or store is an answer ``{"ok": False, "reason", "message"}``."""
        ...


def _wire(obj: object) -> object:
    return json.loads(json.dumps(obj, ensure_ascii=False))


@contextmanager
def _transport():
    try:
        yield
    except Exception as exc:
        if is_transport_error(exc) and not isinstance(exc, CentralUnreachable):
            raise CentralUnreachable(
                f"the central database is unreachable: {_first_line(exc)}"
            ) from exc
        raise


def _first_line(exc: BaseException) -> str:
    orig = getattr(exc, "orig", None) or exc
    text = str(orig).strip().splitlines()
    return (text[0] if text else type(orig).__name__)[:200]


def _require_existing_sqlite_file(url: str) -> None:
    """A terminal syncs with the central database it registered with; an embedded central file
    that has gone (unmounted share, moved folder) is unreachable, never silently made anew."""
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    path = parsed.database
    embedded = parsed.get_backend_name() == "sqlite" and path and path != ":memory:"
    if embedded and not Path(path).is_file():
        raise CentralUnreachable(
            f"central database file {path} not found", code="central_unreachable"
        )


class InProcessGateway:
    """Calls the central handlers directly against the central database (SQLite or PostgreSQL).

    Give it an open central ``Database``, or a URL (``InProcessGateway.for_url``): then the
    central database is opened (and migrated) on first use, so a terminal that starts while the
    central side is down still starts, and reconnects when it is back.
    """

    def __init__(
        self,
        central_db: Database | None = None,
        *,
        opener: Callable[[], Database] | None = None,
    ) -> None:
        if central_db is None and opener is None:
            raise ValueError("give a central Database or an opener")
        self._db = central_db
        self._opener = opener
        self._opening = threading.Lock()  # two first calls on two threads open ONE engine

    @classmethod
    def for_url(cls, url: str, clock: Clock | None = None) -> InProcessGateway:
        def opener() -> Database:
            from shared.db.engine import make_engine
            from shared.db.migrate import upgrade

            _require_existing_sqlite_file(url)
            engine = make_engine(url)
            try:
                upgrade(engine)
            except Exception:
                engine.dispose()
                raise
            return Database(engine, clock) if clock else Database(engine)

        return cls(opener=opener)

    @property
    def db(self) -> Database:
        if self._db is None:
            with self._opening, _transport():
                if self._db is None:
                    self._db = self._opener()  # type: ignore[misc]
        return self._db

    def close(self) -> None:
        if self._db is not None and self._opener is not None:
            self._db.dispose()
            self._db = None

    def _call(self, fn: Callable[[], T]) -> T:
        with _transport():
            return _wire(fn())  # type: ignore[return-value]

    def hello(self, terminal_id: str | None = None, client_version: int | None = None) -> dict:
        def run() -> dict:
            with self.db.reader() as uow:
                return central.hello(uow.clock, uow.session, terminal_id, client_version)

        return self._call(run)

    def register_terminal(self, store_code: str, number: int) -> dict:
        def run() -> dict:
            with self.db.uow() as uow:
                return central.register_terminal(uow.session, uow.clock, store_code, number)

        return self._call(run)

    def snapshot(self) -> Iterator[dict]:
        with _transport():
            db = self.db
            shelf_schedule.apply_due_in(db)  # scheduled on/off shelf due by now, first
            with db.reader() as uow:
                if db.dialect == "postgresql":  # one snapshot for the cursor and every table
                    uow.session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
                for batch in central.snapshot(uow.session):
                    yield _wire(batch)

    def push(self, terminal_id: str, messages: list[dict]) -> dict:
        messages = _wire(messages)  # what an HTTP body would carry
        return self._call(lambda: ingest.push(self.db, terminal_id, messages))

    def pull(self, stream: str, cursor: int, limit: int, client_version: int) -> dict:
        def run() -> dict:
            shelf_schedule.apply_due_in(self.db)  # scheduled on/off shelf due by now, first
            with self.db.reader() as uow:
                return central.pull(uow.session, stream, cursor, limit, client_version)

        return self._call(run)

    def high_water(self, terminal_id: str, since: str | None = None) -> dict:
        def run() -> dict:
            with self.db.reader() as uow:
                return central.high_water(uow.session, terminal_id, since)

        return self._call(run)

    # -- online-only operations ------------------------------------------------------------------
    def _write(self, fn: Callable[[object], T]) -> T:
        def run() -> T:
            with self.db.uow() as uow:
                return fn(uow)

        return self._call(run)

    def verify_lookup(self, text: str, store_id: str) -> dict:
        return self._write(
            lambda uow: redeem.lookup(uow.session, uow.clock, text=text, store_id=store_id)
        )

    def redeem(self, request: dict) -> dict:
        request = _wire(request)
        return self._write(lambda uow: redeem.redeem(uow.session, uow.clock, request))

    def release_redemption(self, request_id: str, sale_id: str) -> dict:
        return self._write(
            lambda uow: redeem.release(
                uow.session, uow.clock, request_id=request_id, sale_id=sale_id
            )
        )

    def reverse_redemption(self, request: dict) -> dict:
        request = _wire(request)
        return self._write(lambda uow: redeem.reverse(uow.session, uow.clock, request))

    def verifications(self, terminal_id: str | None = None, limit: int = 50) -> list[dict]:
        def run() -> list[dict]:
            with self.db.reader() as uow:
                return redeem.history(uow.session, terminal_id=terminal_id, limit=limit)

        return self._call(run)

    def coupon_qr(self, code: str) -> dict:
        return self._write(lambda uow: redeem.dynamic_qr(uow.session, uow.clock, code))

    def member_lookup(self, phone: str) -> dict:
        def run() -> dict:
            with self.db.reader() as uow:
                return member_ledger.lookup(uow.session, phone)

        return self._call(run)

    def member_charge(self, request: dict) -> dict:
        request = _wire(request)
        return self._write(lambda uow: member_ledger.charge(uow.session, uow.clock, request))

    def member_release(self, request_id: str, sale_id: str) -> dict:
        return self._write(
            lambda uow: member_ledger.release(
                uow.session, uow.clock, request_id=request_id, sale_id=sale_id
            )
        )

    def _decide(self, fn: Callable[[object], dict]) -> dict:
        """A central decision in one transaction: committed when the answer is ok."""

        def decide(uow) -> dict:
            answer = fn(uow)
            if answer.get("ok"):
                uow.commit()
            return answer

        return self._write(decide)

    def card_key_allocate(self, request: dict) -> dict:
        request = _wire(request)
        return self._decide(
            lambda uow: card_key_issue.allocate(uow.session, uow.clock.now(), request)
        )

    def card_key_release(self, sale_id: str) -> dict:
        return self._decide(
            lambda uow: card_key_issue.release(uow.session, uow.clock.now(), sale_id)
        )

    def card_key_lease(self, terminal_id: str, sku_id: str, count: int) -> dict:
        return self._decide(
            lambda uow: card_key_issue.lease(
                uow.session, uow.clock.now(), terminal_id, sku_id, count
            )
        )

    def card_key_return(self, lease_id: str, key_ids: list[str]) -> dict:
        key_ids = _wire(key_ids)
        return self._decide(
            lambda uow: card_key_issue.return_lease(uow.session, uow.clock.now(), lease_id, key_ids)
        )

    def serial(self, sku_id: str, serial: str, store_code: str) -> dict:
        def run() -> dict:
            with self.db.reader() as uow:
                return stock_queries.serial_at(uow.session, sku_id, serial, store_code)

        return self._call(run)

    def stock(self, code: str, store_code: str) -> dict:
        def run() -> dict:
            with self.db.reader() as uow:
                return stock_queries.stock_at(uow.session, code, store_code)

        return self._call(run)
