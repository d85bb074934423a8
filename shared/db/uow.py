"""Unit of work (Cosmic Python): one session, one transaction, committed explicitly.

Services take a ``UnitOfWork`` and call ``uow.commit()`` once, when everything that belongs
together is written; leaving the ``with`` block without committing rolls it all back.
"""

from __future__ import annotations

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from shared.domain.clock import Clock, SystemClock


class UnitOfWork:
    def __init__(self, factory: sessionmaker[Session], clock: Clock) -> None:
        self._factory = factory
        self.clock = clock
        self.session: Session

    def __enter__(self) -> UnitOfWork:
        self.session = self._factory()
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            self.session.rollback()
        finally:
            self.session.close()

    def commit(self) -> None:
        self.session.commit()

    def rollback(self) -> None:
        self.session.rollback()


class Database:
    """An engine plus the session factories over it. Made by a composition root, never at import."""

    def __init__(self, engine: Engine, clock: Clock | None = None) -> None:
        from shared.db.engine import read_engine

        self.engine = engine
        self.clock: Clock = clock or SystemClock()
        self._write = sessionmaker(engine, expire_on_commit=False)
        self._read = sessionmaker(read_engine(engine), expire_on_commit=False)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def uow(self) -> UnitOfWork:
        """A unit of work for writes (``BEGIN IMMEDIATE`` on SQLite)."""
        return UnitOfWork(self._write, self.clock)

    def reader(self) -> UnitOfWork:
        """A unit of work for reads only; it never takes SQLite's write lock."""
        return UnitOfWork(self._read, self.clock)

    def dispose(self) -> None:
        self.engine.dispose()
