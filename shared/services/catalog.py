"""Finding what the cashier scanned or typed (SPEC §2–3)."""

from __future__ import annotations

from dataclasses import dataclass, replace

from shared.db.queries import catalog as q
from shared.db.uow import Database, UnitOfWork
from shared.domain.barcode import decode_weighed, is_valid_ean, is_weighed, looks_like_ean
from shared.domain.cart import PIECE, CartLine
from shared.domain.errors import NotFound, ValidationError
from shared.domain.ids import new_id
from shared.domain.money import quantity_for_amount
from shared.services.context import TerminalContext

MAX_CODE = 40
MAX_QUERY = 40


@dataclass(frozen=True)
class SkuHit:
    sku_id: str
    code: str
    name: str
    unit: str
    kind: str
    price_fen: int
    on_shelf: bool


def _clean_code(code: str) -> str:
    code = (code or "").strip()
    if not code:
        raise ValidationError("nothing was scanned", code="empty_code")
    if len(code) > MAX_CODE:
        raise ValidationError(
            f"'{code[:20]}…' is too long to be a barcode or code", code="code_too_long"
        )
    if not code.isprintable():
        raise ValidationError("the code contains control characters", code="code_unprintable")
    return code


def _line(row: q.SkuRow, *, quantity_milli: int = PIECE, barcode: str | None = None) -> CartLine:
    if not row.on_shelf:
        raise ValidationError(
            f"'{row.display_name}' is off shelf and cannot be sold",
            code="off_shelf",
            name=row.display_name,
        )
    return CartLine(
        line_id=str(new_id()),
        sku_id=row.sku_id,
        sku_code=row.sku_code,
        name=row.display_name,
        unit=row.unit,
        kind=row.kind,
        list_price_fen=row.price_fen,
        unit_price_fen=row.price_fen,
        quantity_milli=quantity_milli,
        barcode=barcode,
        weighed=row.weighed,
        member_price_fen=row.member_price_fen,
        serial_tracked=row.serial_tracked,
    )


def _indexed_line(r: q.ScanRow, code: str) -> CartLine:
    """``_line`` for a barcode's scan index row: the same line, the same refusal."""
    sku_id, sku_code, name, unit, kind, price, member_price, weighed, serial, on_shelf = r
    if not on_shelf:
        raise ValidationError(
            f"'{name}' is off shelf and cannot be sold", code="off_shelf", name=name
        )
    return CartLine(
        str(new_id()),
        sku_id,
        sku_code,
        name,
        unit,
        kind,
        price,
        price,
        PIECE,
        code if sku_code != code else None,
        bool(weighed),
        member_price_fen=member_price,
        serial_tracked=bool(serial),
    )


class _SessionFinder:
    """The catalog queries in a unit of work's ``Session`` (its transaction, its snapshot).

    It reads no scan index: a ``Session`` scan joins, as it always has."""

    __slots__ = ("_session", "_store_id")

    def __init__(self, session, store_id: str) -> None:
        self._session = session
        self._store_id = store_id

    def scan_row(self, code: str) -> None:
        return None

    def by_barcode(self, code: str) -> q.SkuRow | None:
        return q.by_barcode(self._session, self._store_id, code)

    def by_sku_code(self, code: str) -> q.SkuRow | None:
        return q.by_sku_code(self._session, self._store_id, code)

    def by_product_code(self, code: str) -> list[q.SkuRow]:
        return q.by_product_code(self._session, self._store_id, code)

    def by_plu(self, plu: str) -> q.SkuRow | None:
        return q.by_plu(self._session, self._store_id, plu)

    def by_id(self, sku_id: str) -> q.SkuRow | None:
        return q.by_id(self._session, self._store_id, sku_id)


def _finder(uow: UnitOfWork, store_id: str) -> q.CatalogLookup | _SessionFinder:
    # a reader that has not begun a transaction reads through the database's session-free
    # lookup: the same statements and results, without a Session, BEGIN and ROLLBACK per scan
    return uow.catalog_lookup(store_id) or _SessionFinder(uow.session, store_id)


def scan(uow: UnitOfWork, ctx: TerminalContext, code: str) -> CartLine:
    """A new cart line for a scanned barcode, weighed-goods label, SKU code or product code."""
    return _scan(_finder(uow, ctx.store_id), ctx, code)


def scan_fast(db: Database, ctx: TerminalContext, code: str) -> CartLine:
    """``scan`` for the counter, without a unit of work: the database's ``CatalogLookup``
    (prepared statements on connections of its own, autocommit reads of the latest commit)."""
    return _scan(db.catalog_lookup(ctx.store_id), ctx, code)


def _scan(find: q.CatalogLookup | _SessionFinder, ctx: TerminalContext, code: str) -> CartLine:
    code = _clean_code(code)
    if is_weighed(code, ctx.weighed):
        label = decode_weighed(code, ctx.weighed)
        row = find.by_plu(label.plu)
        if row is None:
            raise NotFound(
                f"no weighed item with PLU {label.plu} (barcode {code})", code="unknown_plu"
            )
        if label.weight_g is not None:
            return _line(row, quantity_milli=label.weight_g, barcode=code)
        line = _line(row, barcode=code)
        qty = quantity_for_amount(label.amount_fen, row.price_fen)
        return replace(line, quantity_milli=qty, fixed_amount_fen=label.amount_fen, weighed=True)
    # a barcode: one read of the terminal's scan index, which leaves out the codes refused
    # below (a wrong check digit), so a code it holds needs no check; anything else (SKU and
    # product codes, a file without the index) is checked and joined as it always was
    indexed = find.scan_row(code)
    if indexed is not None:
        return _indexed_line(indexed, code)
    if looks_like_ean(code) and not is_valid_ean(code):
        raise ValidationError(
            f"barcode {code}: check digit is wrong (misread?), please scan again",
            code="bad_check_digit",
            value=code,
        )
    row = find.by_barcode(code) or find.by_sku_code(code)
    if row is None:
        rows = find.by_product_code(code)
        if len(rows) == 1:
            row = rows[0]
        elif len(rows) > 1:
            raise ValidationError(
                f"product {code} has {len(rows)} specs: scan the SKU's barcode or pick it in search",
                code="choose_sku",
            )
    if row is None:
        raise NotFound(f"unknown barcode or code: {code}", code="unknown_code", value=code)
    return _line(row, barcode=code if row.sku_code != code else None)


def line_for_sku(uow: UnitOfWork, ctx: TerminalContext, sku_id: str) -> CartLine:
    row = _finder(uow, ctx.store_id).by_id(sku_id)
    if row is None:
        raise NotFound("that item is no longer in the catalog", code="unknown_sku")
    return _line(row)


def search(uow: UnitOfWork, ctx: TerminalContext, query: str, limit: int = 50) -> list[SkuHit]:
    query = (query or "").strip()
    if not query:
        return []
    if len(query) > MAX_QUERY:
        raise ValidationError(
            f"search text is too long (at most {MAX_QUERY} characters)", code="text_too_long"
        )
    rows = q.search(uow.session, ctx.store_id, query, max(1, min(limit, 200)))
    return [
        SkuHit(r.sku_id, r.sku_code, r.display_name, r.unit, r.kind, r.price_fen, r.on_shelf)
        for r in rows
    ]
