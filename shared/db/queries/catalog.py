"""Catalog reads for the counter: one indexed statement per scan, bound parameters only.

These run on the terminal file in the hot path (a scanner fires a lookup per item), so each is a
single SELECT over primary-key or unique indexes, returning a small DTO.

The statements are built once, at import, with bind parameters (``store_id``, ``code``): building
a ``Select`` per call, and SQLAlchemy's cache-key work for a fresh one, cost more than the query
itself. Two ways to run them:

- the functions below (``by_barcode(session, store_id, code)`` ...) run them in a caller's
  ``Session`` (a unit of work's transaction);
- ``CatalogLookup``, made once per database and store, runs the same statements outside any
  ``Session``: on SQLite through a few DBAPI connections of its own in autocommit mode (each
  SELECT is its own read of the latest commit, no ``BEGIN``/``ROLLBACK``), elsewhere through a
  pooled Core connection. It is the counter's scan path (``services.catalog.scan_fast``).

On a terminal's SQLite file ``CatalogLookup.scan_row`` reads a barcode's row of the scan index
(``models.local.ScanIndex``, one row per barcode, kept in step by triggers) first: one primary-key
read instead of the four-table join. Anything it does not hold takes the join.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, Select, and_, bindparam, case, func, select, union
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from shared.db.engine import read_engine
from shared.db.models import Barcode, Product, Sku, StorePrice
from shared.db.models.local import SCAN_INDEX_TRIGGERS, ScanIndex


@dataclass(frozen=True)
class SkuRow:
    sku_id: str
    sku_code: str
    product_code: str
    name: str
    spec1: str
    spec2: str
    unit: str
    kind: str
    price_fen: int
    member_price_fen: int | None
    weighed: bool
    on_shelf: bool
    serial_tracked: bool = False

    @property
    def display_name(self) -> str:
        specs = " ".join(s for s in (self.spec1, self.spec2) if s)
        return f"{self.name} {specs}" if specs else self.name


_on_shelf = and_(Product.status == "on", Sku.status == "on")


def _base() -> Select:
    """SKU, product and the store's price; the store is the ``store_id`` bind parameter."""
    return (
        select(
            Sku.id,
            Sku.code,
            Product.code,
            Product.name,
            Sku.spec1,
            Sku.spec2,
            Product.unit,
            Product.kind,
            func.coalesce(StorePrice.price_fen, Sku.price_fen),
            Sku.member_price_fen,
            Sku.weighed,
            case((_on_shelf, True), else_=False),
            Product.serial_tracked,
        )
        .join(Product, Product.id == Sku.product_id)
        .outerjoin(
            StorePrice,
            and_(StorePrice.sku_id == Sku.id, StorePrice.store_id == bindparam("store_id")),
        )
    )


# built once: reusing the same statement object lets SQLAlchemy memoize its cache key
BY_BARCODE = (
    _base().join(Barcode, Barcode.sku_id == Sku.id).where(Barcode.code == bindparam("code"))
)
BY_SKU_CODE = _base().where(Sku.code == bindparam("code"))
BY_PRODUCT_CODE = _base().where(Product.code == bindparam("code")).order_by(Sku.code).limit(20)
BY_PLU = _base().where(Sku.plu == bindparam("code"))
BY_ID = _base().where(Sku.id == bindparam("code"))
_sku, _store_price = Sku.__table__, StorePrice.__table__
#: Core (table columns): no ORM compile or loading step for the sale's price check; the SKU's
#: member price rides along (one more column, same statement)
PRICES = (
    select(
        _sku.c.id,
        func.coalesce(_store_price.c.price_fen, _sku.c.price_fen),
        _sku.c.member_price_fen,
    )
    .select_from(
        _sku.outerjoin(
            _store_price,
            and_(
                _store_price.c.sku_id == _sku.c.id,
                _store_price.c.store_id == bindparam("store_id"),
            ),
        )
    )
    .where(_sku.c.id.in_(bindparam("sku_ids", expanding=True)))
)


def _row(r) -> SkuRow:
    return SkuRow(*r[:8], int(r[8]), r[9], bool(r[10]), bool(r[11]), bool(r[12]))


def _one(session: Session, stmt: Select, store_id: str, code: str) -> SkuRow | None:
    r = session.execute(stmt, {"store_id": store_id, "code": code}).first()
    return _row(r) if r else None


def by_barcode(session: Session, store_id: str, code: str) -> SkuRow | None:
    return _one(session, BY_BARCODE, store_id, code)


def by_sku_code(session: Session, store_id: str, code: str) -> SkuRow | None:
    return _one(session, BY_SKU_CODE, store_id, code)


def by_product_code(session: Session, store_id: str, code: str) -> list[SkuRow]:
    return [_row(r) for r in session.execute(BY_PRODUCT_CODE, {"store_id": store_id, "code": code})]


def by_plu(session: Session, store_id: str, plu: str) -> SkuRow | None:
    return _one(session, BY_PLU, store_id, plu)


def by_id(session: Session, store_id: str, sku_id: str) -> SkuRow | None:
    return _one(session, BY_ID, store_id, sku_id)


def prices(session: Session, store_id: str, sku_ids: list[str]) -> dict[str, int]:
    if not sku_ids:
        return {}
    rows = session.execute(PRICES, {"store_id": store_id, "sku_ids": list(sku_ids)})
    return {sid: int(p) for sid, p, _member in rows}


def prices_with_member(
    session: Session, store_id: str, sku_ids: list[str]
) -> dict[str, tuple[int, int | None]]:
    """SKU id -> (the store's price, the SKU's member price or None), in one statement."""
    if not sku_ids:
        return {}
    rows = session.execute(PRICES, {"store_id": store_id, "sku_ids": list(sku_ids)})
    return {sid: (int(p), None if m is None else int(m)) for sid, p, m in rows}


def _like_escape(fragment: str) -> str:
    return fragment.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def search(session: Session, store_id: str, query: str, limit: int) -> list[SkuRow]:
    """Code or barcode prefix, pinyin-initials prefix, or a name fragment; on-shelf first.

    Prefixes are index range scans (``>= q AND < q + U+FFFF``); the name fragment is a LIKE with
    the user's ``%``/``_``/``\\`` escaped, so metacharacters match themselves.
    """
    q = query.strip()
    hi = q + "\uffff"
    py = q.lower()
    by_name = Product.name.like("%" + _like_escape(q) + "%", escape="\\")
    candidates = [
        select(Sku.id.label("id")).where(Sku.code >= q, Sku.code < hi),
        select(Barcode.sku_id.label("id")).where(Barcode.code >= q, Barcode.code < hi),
        select(Sku.id.label("id"))
        .join(Product, Product.id == Sku.product_id)
        .where(Product.pinyin >= py, Product.pinyin < py + "\uffff"),
        select(Sku.id.label("id")).join(Product, Product.id == Sku.product_id).where(by_name),
        select(Sku.id.label("id"))
        .join(Product, Product.id == Sku.product_id)
        .where(Product.code >= q, Product.code < hi),
    ]
    # each branch limited on its own (SQLite wants a limited UNION member wrapped in a subquery)
    ids = union(*(select(c.limit(limit).subquery().c.id) for c in candidates)).subquery()
    stmt = (
        _base()
        .where(Sku.id.in_(select(ids.c[0])))
        .order_by(case((_on_shelf, 0), else_=1), Product.name, Sku.code)
        .limit(limit)
    )
    return [_row(r) for r in session.execute(stmt, {"store_id": store_id})]


# ---- the counter's lookup: the same statements, without a Session -------------------------

_scan_index = ScanIndex.__table__
#: a barcode's row of the terminal's scan index, for the lookup's store (SQLite only)
SCAN_ROW = select(
    _scan_index.c.sku_id,
    _scan_index.c.sku_code,
    _scan_index.c.name,
    _scan_index.c.unit,
    _scan_index.c.kind,
    _scan_index.c.price_fen,
    _scan_index.c.member_price_fen,
    _scan_index.c.weighed,
    _scan_index.c.serial_tracked,
    _scan_index.c.on_shelf,
).where(_scan_index.c.code == bindparam("code"), _scan_index.c.store_id == bindparam("store_id"))
#: (sku_id, sku_code, display name, unit, kind, price_fen, member_price_fen, weighed,
#: serial_tracked, on_shelf): a scan index row as ``CatalogLookup.scan_row`` returns it, as the
#: table holds it (the SKU id already as text; the flags as SQLite stores them, 0 or 1)
ScanRow = tuple[str, str, str, str, str, int, int | None, int, int, int]
_INDEX_READY = (
    "SELECT count(*) FROM sqlite_master WHERE (type = 'table' AND name = 'scan_index') "
    "OR (type = 'trigger' AND tbl_name IN "
    "('barcode', 'sku', 'product', 'store_price', 'terminal_identity') "
    f"AND name IN ({', '.join(repr(n) for n in SCAN_INDEX_TRIGGERS)}))"
)
_OUR_TERMINAL = "SELECT 1 FROM terminal_identity WHERE store_id = ?"


class _Prepared:
    """One of the statements above compiled for SQLite's DBAPI, ``store_id`` already bound.

    The SQL text is what SQLAlchemy sends for the statement; parameters and result columns go
    through the same type processors (ids: 32 hex digits on SQLite, dashed strings in Python).
    """

    __slots__ = ("sql", "_params", "_code_at", "_code_proc", "_procs")

    def __init__(self, stmt: Select, dialect, store_id: str) -> None:
        compiled = stmt.compile(dialect=dialect)
        self.sql = compiled.string
        names = list(compiled.positiontup or ())
        values = compiled.construct_params({"store_id": store_id, "code": None})
        params: list[Any] = []
        self._code_at = names.index("code")
        self._code_proc = None
        for name in names:
            proc = compiled.binds[name].type.dialect_impl(dialect).bind_processor(dialect)
            if name == "code":
                self._code_proc = proc
                params.append(None)
            else:
                value = values[name]
                params.append(proc(value) if proc else value)
        self._params = params
        self._procs = [
            (i, proc)
            for i, col in enumerate(stmt.selected_columns)
            if (proc := col.type.dialect_impl(dialect).result_processor(dialect, None))
        ]

    def params(self, code: str) -> list[Any]:
        params = self._params.copy()
        params[self._code_at] = self._code_proc(code) if self._code_proc else code
        return params

    def row(self, raw: tuple) -> SkuRow:
        if self._procs:
            r = list(raw)
            for i, proc in self._procs:
                r[i] = proc(r[i])
            return _row(r)
        return _row(raw)


class CatalogLookup:
    """The counter's catalog reads for one store, made once per terminal database.

    Thread-safe: on SQLite each call borrows one of the lookup's own DBAPI connections (opened
    through the engine's pool, so with its settings, then detached from it) and gives it back;
    there are never more of them than calls running at the same time. They are in autocommit
    mode: no ``BEGIN``, so a lookup never holds a WAL snapshot open or blocks a checkpoint, and
    each SELECT reads the latest commit (a catalog pull shows at the next scan). ``close()``
    closes them; the lookup opens new ones if it is used again. On PostgreSQL and on an in-memory
    SQLite database it runs the same prebuilt statements on a connection from the engine's pool.
    """

    def __init__(self, engine: Engine, store_id: str) -> None:
        self.engine = engine
        self.store_id = store_id
        # own connections only to a SQLite file: a new connection to an in-memory database would
        # be another, empty database, so there the lookup uses the engine's pool like the rest
        database = engine.url.database or ""
        self._sqlite = (
            engine.dialect.name == "sqlite"
            and database not in ("", ":memory:")
            and "mode=memory" not in str(engine.url)
        )
        # the Core path reads in a DEFERRED transaction on SQLite (never the write lock)
        self._reads = read_engine(engine)
        self._free: list[Any] = []  # idle DBAPI connections (list.pop/append are atomic)
        self._lock = threading.Lock()
        self._generation = 0
        #: whether this file has a scan index kept in step (checked at the first scan)
        self._indexed: bool | None = None if self._sqlite else False
        if self._sqlite:
            d = engine.dialect
            compiled = SCAN_ROW.compile(dialect=d)
            if list(compiled.positiontup or ()) != ["code", "store_id"]:  # scan_row binds so
                raise RuntimeError(f"SCAN_ROW binds {compiled.positiontup}")
            self._scan_sql = compiled.string
            store_col = _scan_index.c.store_id
            self._store_key = store_col.type.dialect_impl(d).bind_processor(d)(store_id)
            self._barcode = _Prepared(BY_BARCODE, d, store_id)
            self._sku_code = _Prepared(BY_SKU_CODE, d, store_id)
            self._product_code = _Prepared(BY_PRODUCT_CODE, d, store_id)
            self._plu = _Prepared(BY_PLU, d, store_id)
            self._id = _Prepared(BY_ID, d, store_id)

    # -- the lookups --------------------------------------------------------------------------
    def scan_row(self, code: str) -> ScanRow | None:
        """The scan index's row for barcode ``code`` (the SKU id as text), or ``None``: not a
        barcode of the catalog, or no scan index here (PostgreSQL, a file without its triggers,
        an in-memory database), so the caller takes the join (``by_barcode`` ...)."""
        indexed = self._indexed
        if not indexed:
            if indexed is False:
                return None
            indexed = self._indexed = self._index_ready()
            if not indexed:
                return None
        return self._run(self._scan_sql, (code, self._store_key), many=False)

    def by_barcode(self, code: str) -> SkuRow | None:
        if self._sqlite:
            return self._one(self._barcode, code)
        return self._core_one(BY_BARCODE, code)

    def by_sku_code(self, code: str) -> SkuRow | None:
        if self._sqlite:
            return self._one(self._sku_code, code)
        return self._core_one(BY_SKU_CODE, code)

    def by_plu(self, plu: str) -> SkuRow | None:
        if self._sqlite:
            return self._one(self._plu, plu)
        return self._core_one(BY_PLU, plu)

    def by_id(self, sku_id: str) -> SkuRow | None:
        if self._sqlite:
            return self._one(self._id, sku_id)
        return self._core_one(BY_ID, sku_id)

    def by_product_code(self, code: str) -> list[SkuRow]:
        if not self._sqlite:
            with self._reads.connect() as conn:
                rows = conn.execute(BY_PRODUCT_CODE, {"store_id": self.store_id, "code": code})
                return [_row(r) for r in rows]
        p = self._product_code
        return [p.row(r) for r in self._run(p.sql, p.params(code), many=True)]

    def _one(self, p: _Prepared, code: str) -> SkuRow | None:
        r = self._run(p.sql, p.params(code), many=False)
        return p.row(r) if r else None

    def _core_one(self, stmt: Select, code: str) -> SkuRow | None:
        with self._reads.connect() as conn:
            r = conn.execute(stmt, {"store_id": self.store_id, "code": code}).first()
        return _row(r) if r else None

    # -- the connections (SQLite) -------------------------------------------------------------
    def _index_ready(self) -> bool:
        """The scan index is kept here, for this lookup's store: the table and all its triggers
        are in the file (migration 0009; a file made otherwise, or whose triggers a later
        migration lost, joins) and the file is a terminal of the store (the index holds that
        store's prices; on the central database it stays empty)."""
        if self._run(_INDEX_READY, (), many=False)[0] != 1 + len(SCAN_INDEX_TRIGGERS):
            return False
        return self._run(_OUR_TERMINAL, (self._store_key,), many=False) is not None

    def _run(self, sql: str, params: Any, *, many: bool) -> Any:
        generation = self._generation
        try:
            conn = self._free.pop()
        except IndexError:
            conn = self._connect()
        try:
            cur = conn.execute(sql, params)
            out = cur.fetchall() if many else cur.fetchone()
            cur.close()
        except BaseException as exc:
            conn.close()  # a connection in an unknown state is not reused
            dbapi = self.engine.dialect.loaded_dbapi
            if isinstance(exc, dbapi.Error):  # raised as the Session path would raise it
                raise DBAPIError.instance(sql, params, exc, dbapi.Error) from exc
            raise
        if generation == self._generation:
            self._free.append(conn)
        else:  # close() ran while this call did
            conn.close()
        return out

    def _connect(self) -> Any:
        fairy = self.engine.raw_connection()
        conn = fairy.dbapi_connection
        fairy.detach()  # ours from now on; the pool opens another when it needs one
        if conn.in_transaction:  # never: the engine's connect hook sets autocommit
            conn.rollback()
        return conn

    def close(self) -> None:
        with self._lock:
            self._generation += 1
            if self._sqlite:
                self._indexed = None  # checked again when used again
            while self._free:
                self._free.pop().close()


__all__ = [
    "BY_BARCODE",
    "BY_ID",
    "BY_PLU",
    "BY_PRODUCT_CODE",
    "BY_SKU_CODE",
    "PRICES",
    "SCAN_ROW",
    "CatalogLookup",
    "ScanRow",
    "SkuRow",
    "by_barcode",
    "by_id",
    "by_plu",
    "by_product_code",
    "by_sku_code",
    "prices",
    "prices_with_member",
    "search",
]
