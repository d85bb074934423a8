"""Unit of work (Cosmic Python): one session, one transaction, committed explicitly.

Services take a ``UnitOfWork`` and call ``uow.commit()`` once, when everything that belongs
together is written; leaving the ``with`` block without committing rolls it all back.

The ``Session`` is made on first use (``uow.session``), so a unit of work that never touches it
costs nothing to enter and leave. A reader that has not started a transaction can hand out the
database's ``CatalogLookup`` (``catalog_lookup``): the counter's scans then run without a
``Session``, ``BEGIN`` or ``ROLLBACK`` at all.

A hot write path (the sale) runs its statements through ``uow.writer()``: ``Prepared`` Core
statements, compiled once, sent straight to the DBAPI connection of the unit of work's
transaction on SQLite (see ``Writer``).
"""

from __future__ import annotations

import logging
import operator
import threading
import weakref
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Date, DateTime, Engine, Time, Uuid
from sqlalchemy.exc import DBAPIError
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
        # the writer's own Core connection (``writer()`` before any use of the session)
        self._conn: Connection | None = None
        self._writer: Writer | None = None

    @property
    def session(self) -> Session:
        session = self._session
        if session is None:
            conn = self._conn
            if conn is None:
                session = self._session = self._factory()
            else:
                # the writer's transaction is under way: the session joins it and from now on
                # commits, rolls back and closes it (one transaction, as always)
                session = self._session = self._factory(
                    bind=conn, join_transaction_mode="control_fully"
                )
                if self._writer is not None:
                    self._writer.session = session
        return session

    def __enter__(self) -> UnitOfWork:
        return self

    def __exit__(self, *exc: object) -> None:
        session, conn = self._session, self._conn
        self._session = self._conn = self._writer = None
        try:
            if session is not None:
                try:
                    session.rollback()
                finally:
                    session.close()
        finally:
            if conn is not None:
                conn.close()  # rolls back what is not committed, back to the pool

    def writer(self) -> Writer:
        """The unit of work's transaction, begun here if it has not been (``BEGIN IMMEDIATE`` on
        SQLite for a writer), for ``Prepared`` statements.

        Before anything has used ``session``, the writer has a Core connection of its own and
        no ``Session`` is made at all (about 30 µs less per transaction); ``session``, if it is
        used later, joins that transaction. Otherwise, or when someone listens to the sessions'
        transaction events, it is the session's connection. Either way, what the writer and the
        session write is one transaction, which ``commit`` commits."""
        session = self._session
        if session is None and not _session_events_watched(self._factory):
            bind = self._factory.kw.get("bind")
            if isinstance(bind, Engine):
                conn = self._conn
                if conn is None:
                    conn = self._conn = bind.connect()
                if not conn.in_transaction():
                    conn.begin()  # the engine's "begin" hook: BEGIN IMMEDIATE on SQLite
                writer = self._writer
                if writer is None or writer.conn is not conn:
                    writer = self._writer = Writer(conn)
                return writer
        session = self.session
        return Writer(session.connection(), session)

    def commit(self) -> None:
        if self._session is not None:
            self._session.commit()
        elif self._conn is not None and self._conn.in_transaction():
            self._conn.commit()

    def rollback(self) -> None:
        if self._session is not None:
            self._session.rollback()
        elif self._conn is not None and self._conn.in_transaction():
            self._conn.rollback()

    def catalog_lookup(self, store_id: str) -> CatalogLookup | None:
        """The database's session-free catalog lookup, when reading through it changes nothing:
        a reader (no writes of its own to see) whose session has no transaction under way (no
        snapshot to stay in). Otherwise ``None``: use ``self.session``."""
        if not self.read_only or self._database is None:
            return None
        if self._session is not None and self._session.in_transaction():
            return None
        if self._conn is not None and self._conn.in_transaction():
            return None
        return self._database.catalog_lookup(store_id)


#: one idle session per session factory, never used: its ``dispatch`` shows whether anyone
#: listens to the factory's sessions (listeners added to ``Session`` or the factory later too)
_probes: weakref.WeakKeyDictionary[sessionmaker, Session] = weakref.WeakKeyDictionary()


def _session_events_watched(factory: sessionmaker) -> bool:
    """Someone listens to the transaction events of this factory's sessions (a test killing
    the process just before a commit): then the writer's transaction is the session's, so
    they fire as they always have."""
    probe = _probes.get(factory)
    if probe is None:
        probe = _probes[factory] = factory()
    d = probe.dispatch
    return bool(
        d.after_transaction_create
        or d.after_begin
        or d.before_commit
        or d.after_commit
        or d.after_rollback
        or d.after_soft_rollback
        or d.after_transaction_end
    )


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


# -- prepared statements, run on the DBAPI connection -------------------------------------------


def _is(type_, *kinds: type) -> bool:
    """``type_`` is one of ``kinds``, or a ``TypeDecorator`` over one (``UTCDateTime``)."""
    return isinstance(type_, kinds) or isinstance(getattr(type_, "impl", None), kinds)


def _same_value_once(proc):
    """A bind processor of times and dates remembering its last value: a sale binds the same
    ``now`` six times (the sale, its payments, journal entry, print job and message). The
    value is looked up by identity (a datetime never changes), the pair replaced as a whole."""
    last: list[tuple[Any, Any]] = [(object(), None)]

    def process(value):
        seen, out = last[0]
        if value is seen:
            return out
        out = proc(value)
        last[0] = (value, out)
        return out

    return process


def _remembering(proc, limit: int = 4096):
    """A result processor of ids remembering what it made (text in, text out; ``str(UUID(v))``
    costs a microsecond): the same shift, store, terminal and cashier come back every sale."""
    made: dict[Any, Any] = {}

    def process(value):
        try:
            return made[value]
        except KeyError:
            if len(made) >= limit:
                made.clear()
            out = made[value] = proc(value)
            return out

    return process


class _Form:
    """A statement compiled for one dialect, for one set of parameter keys: the SQL text, and
    for each positional parameter where its value comes from and the bind processor it goes
    through; the result columns' processors."""

    __slots__ = ("sql", "keys", "procs", "fixed", "result_procs", "result_keys", "_get", "_at")

    def __init__(
        self, sql: str, compiled, dialect, positions: Sequence[str], expanded: Mapping[str, Any]
    ) -> None:
        keys: list[Any] = []
        procs: list[Any] = []
        fixed: list[Any] = []
        by_name = compiled.binds
        for name in positions:
            item = expanded.get(name)  # an item of an expanding IN list: (its list, its index)
            bp = by_name[item[0] if item else name]
            proc = bp.type.dialect_impl(dialect).bind_processor(dialect)
            if proc is not None and _is(bp.type, DateTime, Date, Time):
                proc = _same_value_once(proc)
            if item:
                keys.append((bp.key, item[1]))
                procs.append(proc)
                fixed.append(None)
            elif bp.required:
                keys.append(bp.key)
                procs.append(proc)
                fixed.append(None)
            else:  # a value written into the statement (a literal, LIMIT 1): processed once
                if bp.callable is not None:  # Core calls it at each execution: not the same
                    raise ValueError(f"a bind parameter with a callable ({name}) in Prepared")
                value = bp.effective_value
                keys.append(None)
                procs.append(None)
                fixed.append(proc(value) if proc else value)
        self.sql: str = sql
        self.keys = keys
        self.procs = procs
        self.fixed = fixed
        # the common case, every parameter a value of the caller's (an INSERT's columns): the
        # values picked in one C call, then only those with a bind processor converted
        plain = bool(keys) and all(isinstance(k, str) for k in keys)
        self._get = operator.itemgetter(*keys) if plain and len(keys) > 1 else None
        self._at = tuple((i, p) for i, p in enumerate(procs) if p is not None)
        columns = list(getattr(compiled.statement, "exported_columns", ()) or ())
        self.result_keys = tuple(c.key for c in columns)
        self.result_procs = tuple(
            (i, _remembering(p) if _is(c.type, Uuid) else p)
            for i, c in enumerate(columns)
            if (p := c.type.dialect_impl(dialect).result_processor(dialect, None)) is not None
        )

    def params(self, values: Mapping[str, Any]) -> list[Any]:
        get = self._get
        if get is not None:
            out = list(get(values))
            for i, proc in self._at:
                out[i] = proc(out[i])
            return out
        out = []
        for key, proc, fixed in zip(self.keys, self.procs, self.fixed, strict=True):
            if key is None:
                out.append(fixed)
                continue
            v = values[key[0]][key[1]] if isinstance(key, tuple) else values[key]
            out.append(proc(v) if proc is not None else v)
        return out

    def row(self, raw: Sequence[Any]) -> tuple:
        if not self.result_procs:
            return tuple(raw)
        out = list(raw)
        for i, proc in self.result_procs:
            out[i] = proc(out[i])
        return tuple(out)


class Prepared:
    """A Core statement built once and compiled once per dialect (and per set of column keys for
    an ``INSERT``, per length of an expanding ``IN`` list), for ``Writer``.

    The SQL is what SQLAlchemy sends for the statement, and every parameter and result column
    goes through the same type processors as on the Core path (ids as 32 hex digits on SQLite,
    UTC times, JSON), so a row written either way is the same row. An ``INSERT`` must get every
    column that has a Python-side default (there is no execution context to make one)."""

    __slots__ = ("stmt", "_insert", "_forms", "_lock")

    def __init__(self, stmt) -> None:
        self.stmt = stmt
        self._insert = bool(stmt.is_insert)
        self._forms: dict[Any, Any] = {}
        self._lock = threading.Lock()

    def form(self, dialect, values: Mapping[str, Any]) -> _Form:
        key = (dialect, tuple(values)) if self._insert else dialect
        form = self._forms.get(key)
        if form is None:
            form = self._compile(dialect, values)
            with self._lock:
                self._forms[key] = form
        if isinstance(form, _Form):
            return form
        return form.form(dialect, values)

    def _compile(self, dialect, values: Mapping[str, Any]) -> _Form | _Expanding:
        if self._insert:
            compiled = self.stmt.compile(dialect=dialect, column_keys=list(values))
            if compiled.insert_prefetch:
                missing = [c.key for c in compiled.insert_prefetch]
                raise ValueError(f"an INSERT through Prepared must give {missing} (defaults)")
        else:
            compiled = self.stmt.compile(dialect=dialect)
        positions = compiled.positiontup or ()
        if any(compiled.binds[n].expanding for n in positions):
            return _Expanding(compiled)
        return _Form(compiled.string, compiled, dialect, positions, {})


class _Expanding:
    """A compiled statement with an expanding ``IN`` list: one form per length of the list."""

    __slots__ = ("compiled", "names", "_forms", "_lock")

    def __init__(self, compiled) -> None:
        self.compiled = compiled
        self.names = [n for n in compiled.positiontup if compiled.binds[n].expanding]
        self._forms: dict[tuple[int, ...], _Form] = {}
        self._lock = threading.Lock()

    def form(self, dialect, values: Mapping[str, Any]) -> _Form:
        binds = self.compiled.binds
        lengths = tuple(len(values[binds[n].key]) for n in self.names)
        form = self._forms.get(lengths)
        if form is not None:
            return form
        sample = {binds[n].key: None for n in self.compiled.positiontup}
        for n, length in zip(self.names, lengths, strict=True):
            sample[binds[n].key] = [None] * length
        state = self.compiled.construct_expanded_state(sample)
        expanded = {
            name: (n, i) for n in self.names for i, name in enumerate(state.parameter_expansion[n])
        }
        form = _Form(state.statement, self.compiled, dialect, state.positiontup or (), expanded)
        with self._lock:
            self._forms[lengths] = form
        return form


def _observed(engine: Engine) -> bool:
    """Someone watches this engine's statements (echo/logging, execute, cursor or error
    events): they must see every one, so the writer sends them through Core."""
    d = engine.dispatch
    return bool(
        d.before_cursor_execute
        or d.after_cursor_execute
        or d.before_execute
        or d.after_execute
        or engine.dialect.dispatch.handle_error
        or engine.logger.isEnabledFor(logging.INFO)
    )


class Writer:
    """Runs ``Prepared`` statements in one Core connection's transaction.

    On SQLite the statement goes straight to the connection's DBAPI connection: the SQL compiled
    once, the parameters through the columns' bind processors, the result rows through their
    result processors; none of SQLAlchemy's per-execution work (execution context, cursor
    result, caches), which costs 10-40 µs a statement against 2-5 µs for the DBAPI call. It is
    the same connection in the same transaction. A DBAPI error comes out as SQLAlchemy's
    exception (``IntegrityError`` …), as on the Core path. Elsewhere (PostgreSQL), or when the
    engine's statements are watched (``echo``, cursor events), the statement runs through
    ``conn.execute`` as any Core statement would; results are the same plain tuples."""

    __slots__ = ("conn", "dialect", "session", "_dbapi")

    def __init__(
        self, conn: Connection, session: Session | None = None, *, direct: bool = True
    ) -> None:
        self.conn = conn
        #: the session whose transaction this is, if any (for code that must flush it first)
        self.session = session
        self.dialect = conn.dialect
        #: ``direct=False``: always through Core (``conn.execute``)
        self._dbapi = (
            conn.connection.dbapi_connection
            if direct and self.dialect.name == "sqlite" and not _observed(conn.engine)
            else None
        )

    @property
    def direct(self) -> bool:
        """Whether statements go straight to the DBAPI connection."""
        return self._dbapi is not None

    def _run(self, form: _Form, params: list[Any]):
        try:
            return self._dbapi.execute(form.sql, params)
        except self.dialect.loaded_dbapi.Error as exc:
            raise DBAPIError.instance(
                form.sql, params, exc, self.dialect.loaded_dbapi.Error
            ) from exc

    def execute(self, stmt: Prepared, values: Mapping[str, Any]) -> None:
        if self._dbapi is None:
            self.conn.execute(stmt.stmt, values)
            return
        form = stmt.form(self.dialect, values)
        self._run(form, form.params(values)).close()

    def executemany(self, stmt: Prepared, rows: Sequence[Mapping[str, Any]]) -> None:
        """Every row with the same keys (as Core's executemany)."""
        if not rows:
            return
        if self._dbapi is None:
            self.conn.execute(stmt.stmt, list(rows))
            return
        form = stmt.form(self.dialect, rows[0])
        params = [form.params(r) for r in rows]
        try:
            self._dbapi.executemany(form.sql, params)
        except self.dialect.loaded_dbapi.Error as exc:
            raise DBAPIError.instance(
                form.sql, params, exc, self.dialect.loaded_dbapi.Error
            ) from exc

    def all(self, stmt: Prepared, values: Mapping[str, Any]) -> list[tuple]:
        if self._dbapi is None:
            return [tuple(r) for r in self.conn.execute(stmt.stmt, values)]
        form = stmt.form(self.dialect, values)
        cur = self._run(form, form.params(values))
        rows = cur.fetchall()
        cur.close()
        return [form.row(r) for r in rows]

    def first(self, stmt: Prepared, values: Mapping[str, Any]) -> tuple | None:
        if self._dbapi is None:
            r = self.conn.execute(stmt.stmt, values).first()
            return None if r is None else tuple(r)
        form = stmt.form(self.dialect, values)
        cur = self._run(form, form.params(values))
        r = cur.fetchone()
        cur.close()
        return None if r is None else form.row(r)

    def mapping(self, stmt: Prepared, values: Mapping[str, Any]) -> dict | None:
        """The first row as a dict by column key (``.mappings().first()``)."""
        if self._dbapi is None:
            r = self.conn.execute(stmt.stmt, values).mappings().first()
            return None if r is None else dict(r)
        form = stmt.form(self.dialect, values)
        cur = self._run(form, form.params(values))
        r = cur.fetchone()
        cur.close()
        return None if r is None else dict(zip(form.result_keys, form.row(r), strict=True))

    def scalar(self, stmt: Prepared, values: Mapping[str, Any]) -> Any:
        r = self.first(stmt, values)
        return None if r is None else r[0]
