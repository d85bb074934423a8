"""The back office's one door to the services: plain functions of plain data, each opening its
own unit of work on the central database, run on the operation runner's workers."""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from backoffice import export
from shared.db.queries import inventory as stock_q
from shared.db.queries.coupons import CodeRow, CouponRow, VerificationRow
from shared.db.queries.shifts import ShiftRow
from shared.db.uow import Database, UnitOfWork
from shared.domain.errors import DomainError, NotFound, PermissionDenied, ValidationError
from shared.domain.permissions import Perm, Role
from shared.printing.pdf_render import render_pdf
from shared.services import auth, coupons, inventory, reservations, shift_review
from shared.services.auth import Actor

#: the rows a list screen fetches at a time
PAGE_SIZE = 100
#: an export reads the list this many rows at a time
EXPORT_BATCH = 500


@dataclass(frozen=True)
class ShiftQuery:
    """The shift list's filters and sort, as the screen holds them."""

    store_code: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    cashier: str | None = None
    review_status: str | None = None
    sort: str = "business_date"
    descending: bool = True

    def with_sort(self, sort: str, descending: bool) -> ShiftQuery:
        return replace(self, sort=sort, descending=descending)


#: the zone the stock area's date filters are read in (a voucher list spans stores)
STOCK_TZ = "Asia/Shanghai"
#: the longest search text the stock lists accept
MAX_STOCK_TEXT = 60


@dataclass(frozen=True)
class StockQuery:
    """The stock list's warehouse, filters and sort, as the screen holds them."""

    warehouse: str
    text: str | None = None
    category_id: str | None = None
    low_only: bool = False
    negative_only: bool = False
    sort: str = "code"
    descending: bool = False

    def with_sort(self, sort: str, descending: bool) -> StockQuery:
        return replace(self, sort=sort, descending=descending)

    def filter(self) -> stock_q.StockFilter:
        return stock_q.StockFilter(
            text=self.text,
            category_id=self.category_id,
            low_only=self.low_only,
            negative_only=self.negative_only,
        )


@dataclass(frozen=True)
class VoucherQuery:
    """The voucher list's filters and sort; dates are days in ``STOCK_TZ``, both included."""

    warehouse: str | None = None
    direction: str | None = None
    type: str | None = None
    status: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    text: str | None = None
    sort: str = "created_at"
    descending: bool = True

    def with_sort(self, sort: str, descending: bool) -> VoucherQuery:
        return replace(self, sort=sort, descending=descending)


@dataclass(frozen=True)
class VoucherSaved:
    """A voucher just saved: posted, or left a draft (``error``: why posting it was refused)."""

    voucher: stock_q.VoucherRow
    posted: bool
    error: DomainError | None = None


class BackofficeBackend:
    def __init__(self, db: Database) -> None:
        self.db = db

    # -- sign-in --------------------------------------------------------------------------------
    def login(self, account: str, password: str) -> Actor:
        """A manager's or admin's password; anyone else is refused."""
        with self.db.uow() as uow:
            actor = auth.login_with_password(uow, account, password)
        if not actor.can(Perm.REVIEW_SHIFTS):
            raise PermissionDenied(
                f"{actor.name} ({actor.account}) may not use the back office",
                code="backoffice_denied",
            )
        return actor

    # -- shifts ---------------------------------------------------------------------------------
    def stores(self, actor: Actor) -> list[shift_review.StoreChoice]:
        with self.db.reader() as uow:
            return shift_review.stores(uow, actor)

    def shift_page(
        self, actor: Actor, query: ShiftQuery, offset: int, limit: int = PAGE_SIZE
    ) -> shift_review.Page:
        with self.db.reader() as uow:
            return shift_review.list_shifts(
                uow,
                actor,
                store_code=query.store_code,
                date_from=query.date_from,
                date_to=query.date_to,
                cashier=query.cashier,
                review_status=query.review_status,
                offset=offset,
                limit=limit,
                sort=query.sort,
                descending=query.descending,
            )

    def shift_detail(self, actor: Actor, shift_id: str) -> shift_review.ShiftDetail:
        with self.db.reader() as uow:
            return shift_review.shift_detail(uow, actor, shift_id)

    def review(self, actor: Actor, shift_id: str, decision: str, comment: str) -> ShiftRow:
        with self.db.uow() as uow:
            return shift_review.review(uow, actor, shift_id, decision, comment)

    def save_handover_slip(self, actor: Actor, shift_id: str, path: Path, language: str) -> Path:
        """The shift's handover slip as a PDF (the receipt printer's layout) at ``path``."""
        with self.db.reader() as uow:
            report = shift_review.handover_slip(uow, actor, shift_id, language=language)
        data = render_pdf(report)
        partial = path.with_name(path.name + ".part")
        try:
            partial.write_bytes(data)
            partial.replace(path)
        finally:
            partial.unlink(missing_ok=True)
        return path

    def export_shifts(
        self,
        actor: Actor,
        query: ShiftQuery,
        path: Path,
        headers: Sequence[str],
        cells: Callable[[ShiftRow], Sequence[Any]],
    ) -> int:
        """Every shift matching ``query`` (not only the loaded pages) into ``path`` (.csv or
        .xlsx), read a batch at a time. Returns the number of rows written."""

        def batches():
            offset = 0
            while True:
                page = self.shift_page(actor, query, offset, EXPORT_BATCH)
                if not page.rows:
                    return
                yield [cells(r) for r in page.rows]
                offset += len(page.rows)
                if offset >= page.total:
                    return

        return export.write_table(path, headers, batches())

    # -- coupons --------------------------------------------------------------------------------
    def coupon_stores(self, actor: Actor) -> list[shift_review.StoreChoice]:
        """Every store, for a coupon's scope and the coupon list's store filter."""
        with self.db.reader() as uow:
            return coupons.stores(uow, actor)

    def coupon_page(
        self, actor: Actor, query: coupons.CouponQuery, offset: int, limit: int = PAGE_SIZE
    ) -> coupons.Page:
        with self.db.reader() as uow:
            return coupons.list_coupons(uow, actor, query, offset, limit)

    def coupon_detail(self, actor: Actor, coupon_id: str) -> CouponRow:
        with self.db.reader() as uow:
            return coupons.coupon_detail(uow, actor, coupon_id)

    def save_coupon(
        self, actor: Actor, coupon_id: str | None, data: coupons.CouponInput
    ) -> CouponRow:
        """Create (``coupon_id`` None) or update a definition; its refreshed row."""
        with self.db.uow() as uow:
            if coupon_id is None:
                coupon_id = coupons.create_coupon(uow, actor, data)
            else:
                coupons.update_coupon(uow, actor, coupon_id, data)
        return self.coupon_detail(actor, coupon_id)

    def issue_codes(
        self,
        actor: Actor,
        coupon_id: str,
        count: int | None,
        phones: list[str] | None = None,
        batch_no: str | None = None,
    ) -> coupons.IssueResult:
        with self.db.uow() as uow:
            return coupons.issue_codes(uow, actor, coupon_id, count, phones, batch_no)

    def code_page(
        self, actor: Actor, coupon_id: str, offset: int, limit: int = PAGE_SIZE
    ) -> coupons.Page:
        with self.db.reader() as uow:
            return coupons.list_codes(uow, actor, coupon_id, offset=offset, limit=limit)

    def export_codes(
        self,
        actor: Actor,
        coupon_id: str,
        path: Path,
        headers: Sequence[str],
        cells: Callable[[CodeRow], Sequence[Any]],
    ) -> int:
        """Every code of the coupon into ``path`` (.csv or .xlsx), oldest first."""
        with self.db.reader() as uow:
            batches = coupons.export_codes(uow, actor, coupon_id)
            return export.write_table(path, headers, ([cells(r) for r in b] for b in batches))

    # -- verification records --------------------------------------------------------------------
    def verification_stores(self, actor: Actor) -> list[shift_review.StoreChoice]:
        with self.db.reader() as uow:
            return coupons.verification_stores(uow, actor)

    def verification_page(
        self,
        actor: Actor,
        query: coupons.VerificationQuery,
        offset: int,
        limit: int = PAGE_SIZE,
    ) -> coupons.Page:
        with self.db.reader() as uow:
            return coupons.list_verifications(uow, actor, query, offset=offset, limit=limit)

    def export_verifications(
        self,
        actor: Actor,
        query: coupons.VerificationQuery,
        path: Path,
        headers: Sequence[str],
        cells: Callable[[VerificationRow], Sequence[Any]],
    ) -> int:
        """Every record matching ``query`` (not only the loaded pages) into ``path``. Records
        verified while the export runs are left out (they would shift the pages)."""
        if query.date_to is None:
            query = replace(query, date_to=self.db.clock.now())

        def batches():
            offset = 0
            while True:
                page = self.verification_page(actor, query, offset, EXPORT_BATCH)
                if not page.rows:
                    return
                yield [cells(r) for r in page.rows]
                offset += len(page.rows)
                if offset >= page.total:
                    return

        return export.write_table(path, headers, batches())

    # -- stock (库存) ------------------------------------------------------------------------------
    @staticmethod
    def _stock_scope(actor: Actor) -> Collection[str] | None:
        """The stores whose warehouses ``actor`` may work on (None: every warehouse)."""
        auth.require(actor, Perm.MANAGE_STOCK)
        return None if Role.ADMIN in actor.roles else actor.store_ids

    def _stock_warehouse(
        self, uow: UnitOfWork, actor: Actor, code: str | None
    ) -> stock_q.WarehouseChoice:
        scope = self._stock_scope(actor)
        wh = stock_q.find_warehouse(uow.session, code or "")
        if wh is None:
            raise NotFound(
                f"no warehouse or store with code {(code or '')[:16]}", code="unknown_warehouse"
            )
        if scope is not None and wh.store_id not in scope:
            raise PermissionDenied(
                f"{actor.name} ({actor.account}) may not work on warehouse {wh.code}",
                code="warehouse_not_allowed",
                warehouse=wh.code,
            )
        return wh

    def _expire_reservations(self, actor: Actor) -> None:
        """Reservations past their expiry (the central clock) end before ``actor`` reads stock,
        so locked and available are right without a daemon; a read first, a write only when
        one is due (``services.reservations``)."""
        self._stock_scope(actor)
        with self.db.reader() as uow:
            if not reservations.any_due(uow, uow.clock.now()):
                return
        with self.db.uow() as uow:
            reservations.expire_due(uow, uow.clock.now())

    @staticmethod
    def _check_text(text: str | None) -> None:
        if text is not None and len(text) > MAX_STOCK_TEXT:
            raise ValidationError("the search text is too long", code="text_too_long")

    def stock_warehouses(self, actor: Actor) -> list[stock_q.WarehouseChoice]:
        """The warehouses ``actor`` may work on: a manager's stores', an admin's all."""
        with self.db.reader() as uow:
            return stock_q.warehouse_choices(uow.session, self._stock_scope(actor))

    def stock_categories(self, actor: Actor) -> list[stock_q.CategoryChoice]:
        self._stock_scope(actor)
        with self.db.reader() as uow:
            return stock_q.categories(uow.session)

    def stock_page(
        self, actor: Actor, query: StockQuery, offset: int, limit: int = PAGE_SIZE
    ) -> stock_q.Page:
        if query.sort not in stock_q.STOCK_SORT_KEYS:
            raise ValidationError(f"cannot sort stock by {query.sort!r}", code="sort_key")
        self._check_text(query.text)
        if offset <= 0:  # the list's start (not each page fetched as it scrolls)
            self._expire_reservations(actor)
        with self.db.reader() as uow:
            wh = self._stock_warehouse(uow, actor, query.warehouse)
            return stock_q.stock_page(
                uow.session,
                wh.warehouse_id,
                query.filter(),
                offset=max(0, offset),
                limit=max(1, min(limit, EXPORT_BATCH)),
                sort=query.sort,
                descending=query.descending,
            )

    def stock_row(self, actor: Actor, warehouse: str, sku_id: str) -> stock_q.StockRow | None:
        with self.db.reader() as uow:
            wh = self._stock_warehouse(uow, actor, warehouse)
            return stock_q.stock_row(uow.session, wh.warehouse_id, sku_id)

    def movement_page(
        self, actor: Actor, warehouse: str, sku_id: str, offset: int, limit: int = PAGE_SIZE
    ) -> stock_q.Page:
        """A SKU's ledger in the warehouse, newest first."""
        with self.db.reader() as uow:
            wh = self._stock_warehouse(uow, actor, warehouse)
            return stock_q.movement_page(
                uow.session,
                wh.warehouse_id,
                sku_id,
                offset=max(0, offset),
                limit=max(1, min(limit, EXPORT_BATCH)),
            )

    def set_stock_limits(
        self,
        actor: Actor,
        warehouse: str,
        sku_code: str,
        *,
        safety_milli: int,
        lower_milli: int,
        upper_milli: int | None,
    ) -> stock_q.StockRow | None:
        """Set a SKU's limits in a warehouse; its refreshed stock row."""
        with self.db.reader() as uow:
            self._stock_warehouse(uow, actor, warehouse)
        with self.db.uow() as uow:
            inventory.set_limits(
                uow,
                actor,
                warehouse=warehouse,
                sku_code=sku_code,
                safety_milli=safety_milli,
                lower_milli=lower_milli,
                upper_milli=upper_milli,
            )
        with self.db.reader() as uow:
            wh = self._stock_warehouse(uow, actor, warehouse)
            found = stock_q.find_skus(uow.session, sku_code, wh.warehouse_id)
            return found[0] if len(found) == 1 else None

    def export_stock(
        self,
        actor: Actor,
        query: StockQuery,
        path: Path,
        headers: Sequence[str],
        cells: Callable[[stock_q.StockRow], Sequence[Any]],
    ) -> int:
        """Every row of the stock list matching ``query`` (not only the loaded pages), read
        from one statement a batch at a time, into ``path`` (.csv or .xlsx)."""
        if query.sort not in stock_q.STOCK_SORT_KEYS:
            raise ValidationError(f"cannot sort stock by {query.sort!r}", code="sort_key")
        self._check_text(query.text)
        self._expire_reservations(actor)
        with self.db.reader() as uow:
            wh = self._stock_warehouse(uow, actor, query.warehouse)
            batches = stock_q.iter_stock(
                uow.session,
                wh.warehouse_id,
                query.filter(),
                sort=query.sort,
                descending=query.descending,
                batch=EXPORT_BATCH,
            )
            return export.write_table(path, headers, ([cells(r) for r in b] for b in batches))

    def find_stock_sku(self, actor: Actor, warehouse: str, code: str) -> stock_q.StockRow:
        """The SKU a scanned or typed code names (SKU code, barcode, single-SKU product code),
        with its stock in the warehouse; refused as the voucher service would refuse it."""
        code = (code or "").strip()
        with self.db.reader() as uow:
            wh = self._stock_warehouse(uow, actor, warehouse)
            found = stock_q.find_skus(uow.session, code, wh.warehouse_id) if len(code) <= 40 else []
        if not found:
            raise NotFound(
                f"no SKU, product or barcode {code[:40]}", code="unknown_sku", value=code[:40]
            )
        if len(found) > 1:
            raise ValidationError(
                f"product {code} has {len(found)} SKUs: give the SKU code",
                code="ambiguous_product",
                value=code,
                count=len(found),
                skus=[r.sku_code for r in found],
            )
        return found[0]

    # -- vouchers (出入库单) ------------------------------------------------------------------------
    def voucher_page(
        self, actor: Actor, query: VoucherQuery, offset: int, limit: int = PAGE_SIZE
    ) -> stock_q.Page:
        if query.sort not in stock_q.VOUCHER_SORT_KEYS:
            raise ValidationError(f"cannot sort vouchers by {query.sort!r}", code="sort_key")
        if query.date_from and query.date_to and query.date_from > query.date_to:
            raise ValidationError("the date range ends before it starts", code="date_range")
        self._check_text(query.text)
        tz = ZoneInfo(STOCK_TZ)

        def start(day: date | None) -> datetime | None:
            return None if day is None else datetime.combine(day, time(0), tz)

        with self.db.reader() as uow:
            scope = self._stock_scope(actor)
            wh_id = None
            if query.warehouse:
                wh = self._stock_warehouse(uow, actor, query.warehouse)
                if wh.warehouse_id is None:  # nothing was ever written there
                    return stock_q.Page([], 0)
                wh_id = wh.warehouse_id
            f = stock_q.VoucherFilter(
                store_ids=scope,
                warehouse_id=wh_id,
                direction=query.direction,
                type=query.type,
                status=query.status,
                created_from=start(query.date_from),
                created_before=start(query.date_to + timedelta(days=1)) if query.date_to else None,
                text=query.text,
            )
            return stock_q.voucher_page(
                uow.session,
                f,
                offset=max(0, offset),
                limit=max(1, min(limit, EXPORT_BATCH)),
                sort=query.sort,
                descending=query.descending,
            )

    def _voucher(self, uow: UnitOfWork, actor: Actor, voucher_id: str) -> stock_q.VoucherRow:
        row = stock_q.voucher_row(uow.session, voucher_id)
        if row is None:
            raise NotFound("no such voucher", code="unknown_voucher")
        self._stock_warehouse(uow, actor, row.warehouse_code)
        return row

    def voucher_detail(
        self, actor: Actor, voucher_id: str
    ) -> tuple[stock_q.VoucherRow, list[stock_q.VoucherLineRow]]:
        with self.db.reader() as uow:
            row = self._voucher(uow, actor, voucher_id)
            return row, stock_q.voucher_lines(uow.session, voucher_id)

    def save_voucher(
        self,
        actor: Actor,
        *,
        warehouse: str,
        direction: str,
        type: str,
        lines: list[inventory.VoucherLineInput],
        note: str = "",
        post: bool = False,
    ) -> VoucherSaved:
        """Create a draft voucher and, with ``post``, post it at once. A refused post leaves the
        draft (``VoucherSaved.error`` says why); a refused draft writes nothing."""
        with self.db.uow() as uow:
            voucher_id = inventory.create_voucher(
                uow,
                actor,
                warehouse=warehouse,
                direction=direction,
                type=type,
                lines=lines,
                note=note,
            )
        posted, error = False, None
        if post:
            try:
                with self.db.uow() as uow:
                    inventory.post_voucher(uow, actor, voucher_id)
                posted = True
            except DomainError as exc:
                error = exc
        with self.db.reader() as uow:
            return VoucherSaved(self._voucher(uow, actor, voucher_id), posted, error)

    def post_voucher(self, actor: Actor, voucher_id: str) -> stock_q.VoucherRow:
        """Post a draft: its movements, once."""
        with self.db.uow() as uow:
            inventory.post_voucher(uow, actor, voucher_id)
        with self.db.reader() as uow:
            return self._voucher(uow, actor, voucher_id)

    def cancel_voucher(self, actor: Actor, voucher_id: str) -> stock_q.VoucherRow:
        """Cancel a draft (of a warehouse ``actor`` may work on)."""
        with self.db.reader() as uow:
            self._voucher(uow, actor, voucher_id)
        with self.db.uow() as uow:
            inventory.cancel_voucher(uow, actor, voucher_id)
        with self.db.reader() as uow:
            return self._voucher(uow, actor, voucher_id)

    # -- low stock (库存预警) -----------------------------------------------------------------------
    def low_stock(self, actor: Actor, warehouse: str) -> list[inventory.LowStockRow]:
        """SKUs at or below their lower limit or safety stock, with the replenishment suggestion
        (补货建议)."""
        self._expire_reservations(actor)
        with self.db.reader() as uow:
            wh = self._stock_warehouse(uow, actor, warehouse)
            if wh.warehouse_id is None:  # no limits can be set where no warehouse exists yet
                return []
            return inventory.low_stock(uow, actor, wh.code)

    def replenishment(self, actor: Actor, warehouse: str) -> list[stock_q.VoucherLineRow]:
        """The low-stock list's suggestions as the lines of a purchase voucher (补货单), each at
        the SKU's average cost in the warehouse (the manager types the supplier's price)."""
        lines: list[stock_q.VoucherLineRow] = []
        with self.db.reader() as uow:
            wh = self._stock_warehouse(uow, actor, warehouse)
            if wh.warehouse_id is None:
                return []
            for row in inventory.low_stock(uow, actor, wh.code):
                found = stock_q.find_skus(uow.session, row.sku_code, wh.warehouse_id)
                if row.suggest_milli <= 0 or len(found) != 1:
                    continue
                sku = found[0]
                lines.append(
                    stock_q.VoucherLineRow(
                        line_no=len(lines) + 1,
                        sku_id=sku.sku_id,
                        sku_code=sku.sku_code,
                        name=sku.name,
                        unit=sku.unit,
                        qty_milli=row.suggest_milli,
                        unit_cost_fen=sku.avg_cost_fen,
                        serials=(),
                    )
                )
        return lines

    def export_low_stock(
        self,
        actor: Actor,
        warehouse: str,
        path: Path,
        headers: Sequence[str],
        cells: Callable[[inventory.LowStockRow], Sequence[Any]],
    ) -> int:
        rows = self.low_stock(actor, warehouse)
        return export.write_table(path, headers, [[cells(r) for r in rows]] if rows else [])
