"""How a terminal reaches the central database (ARCHITECTURE.md, Transport).

Services depend on ``CentralGateway`` only. Every argument and answer is JSON-serialisable; the
in-process transport proves it by round-tripping each through ``json``. An HTTP transport in front
of PostgreSQL implements the same protocol without touching a service.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Protocol

from shared.db.uow import Database
from shared.sync import central


class CentralGateway(Protocol):
    def hello(self) -> dict: ...

    def register_terminal(self, store_code: str, number: int) -> dict: ...

    def snapshot(self) -> Iterator[dict]: ...


def _wire(obj: object) -> object:
    return json.loads(json.dumps(obj, ensure_ascii=False))


class InProcessGateway:
    """Calls the central handlers directly against the central database URL."""

    def __init__(self, central_db: Database) -> None:
        self._db = central_db

    def hello(self) -> dict:
        return _wire(central.hello(self._db.clock))

    def register_terminal(self, store_code: str, number: int) -> dict:
        with self._db.uow() as uow:
            return _wire(central.register_terminal(uow.session, uow.clock, store_code, number))

    def snapshot(self) -> Iterator[dict]:
        with self._db.reader() as uow:
            for batch in central.snapshot(uow.session):
                yield _wire(batch)
