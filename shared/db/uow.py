"""Unit of work (Cosmic Python): one session, one transaction, committed explicitly.

Services take a ``UnitOfWork`` and call ``uow.commit()`` once, when everything that belongs
together is written; leaving the ``with`` block without committing rolls it all back.

The ``Session`` is made on first use (``uow.session``), so a unit of work that never touches it
costs nothing to enter and leave. A reader that has not started a transaction can hand out the
database's ``CatalogLookup`` (``catalog_lookup``): the counter's scans then run without a
``Session``, ``BEGIN`` or ``ROLLBACK`` at all.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from shared.domain.clock import Clock, SystemClock

if TYPE_CHECKING:
    from shared.db.queries.catalog import CatalogLookup


class UnitOfWork:
    def __init__(
        self,
        factory: sessionmaker[Session],
        clock: Clock,
        *,
        database: Database | None = None,
        read_only: bool = False,
    ) -> None:
        self._factory = factory
        self.clock = clock
        self._session: Session | None = None
        self._database = database
        self.read_only = read_only

    @property
    def session(self) -> Session:
        session = self._session
        if session is None:
            session = self._session = self._factory()
        return session

    def __enter__(self) -> UnitOfWork:
        return self

    def __exit__(self, *exc: object) -> None:
        session = self._session
        if session is None:
            return
        self._session = None
        try:
            session.rollback()
        finally:
            session.close()

    def commit(self) -> None:
        if self._session is not None:
            self._session.commit()

    def rollback(self) -> None:
        if self._session is not None:
            self._session.rollback()

    def catalog_lookup(self, store_id: str) -> CatalogLookup | None:
        """The database's session-free catalog lookup, when reading through it changes nothing:
        a reader (no writes of its own to see) whose session has no transaction under way (no
        snapshot to stay in). Otherwise ``None``: use ``self.session``."""
        if not self.read_only or self._database is None:
            return None
        if self._session is not None and self._session.in_transaction():
            return None
        return self._database.catalog_lookup(store_id)


class Database:
    """An engine plus the session factories over it. Made by a composition root, never at import."""

    def __init__(self, engine: Engine, clock: Clock | None = None) -> None:
        from shared.db.engine import read_engine

        self.engine = engine
        self.clock: Clock = clock or SystemClock()
        self._write = sessionmaker(engine, expire_on_commit=False)
        self._read = sessionmaker(read_engine(engine), expire_on_commit=False)
        self._lookups: dict[str, CatalogLookup] = {}
        self._lookups_lock = threading.Lock()

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def uow(self) -> UnitOfWork:
        """A unit of work for writes (``BEGIN IMMEDIATE`` on SQLite)."""
        return UnitOfWork(self._write, self.clock)

    def reader(self) -> UnitOfWork:
        """A unit of work for reads only; it never takes SQLite's write lock."""
        return UnitOfWork(self._read, self.clock, database=self, read_only=True)

    def catalog_lookup(self, store_id: str) -> CatalogLookup:
        """The counter's catalog reads for ``store_id`` (prepared once, shared by threads)."""
        lookup = self._lookups.get(store_id)
        if lookup is None:
            from shared.db.queries.catalog import CatalogLookup

            with self._lookups_lock:
                lookup = self._lookups.get(store_id)
                if lookup is None:
                    lookup = self._lookups[store_id] = CatalogLookup(self.engine, store_id)
        return lookup

    def dispose(self) -> None:
        for lookup in list(self._lookups.values()):
            lookup.close()
        self.engine.dispose()
