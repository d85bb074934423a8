"""The back office's one door to the services: plain functions of plain data, each opening its
own unit of work on the central database, run on the operation runner's workers."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from backoffice import export
from shared.db.queries.coupons import CodeRow, CouponRow, VerificationRow
from shared.db.queries.shifts import ShiftRow
from shared.db.uow import Database
from shared.domain.errors import PermissionDenied
from shared.domain.permissions import Perm
from shared.printing.pdf_render import render_pdf
from shared.services import auth, coupons, shift_review
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
