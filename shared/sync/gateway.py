"""How a terminal reaches the central database (ARCHITECTURE.md, Transport).

Services depend on ``CentralGateway`` only. Every argument and answer is JSON-serialisable; the
in-process transport proves it by round-tripping each through ``json``. An HTTP transport in front
of PostgreSQL implements the same protocol without touching a service: each method is one request
whose body is the JSON arguments and whose answer is the JSON result; a domain refusal travels as
``{"error": code, "message": ...}`` and a transport failure is raised as ``CentralUnreachable``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Protocol, TypeVar

from shared.db.uow import Database
from shared.domain.clock import Clock
from shared.sync import central, ingest
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
            with _transport():
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
            with self.db.reader() as uow:
                return central.pull(uow.session, stream, cursor, limit, client_version)

        return self._call(run)

    def high_water(self, terminal_id: str, since: str | None = None) -> dict:
        def run() -> dict:
            with self.db.reader() as uow:
                return central.high_water(uow.session, terminal_id, since)

        return self._call(run)
