"""Shift review in the back office (SPEC §4): list shifts by store / date / cashier with their
variance, drill into one shift's documents, approve or flag it with a comment.

Runs on the central database, which holds every terminal's shifts, sales, payments, refunds and
cash movements once they are pushed. A manager sees and reviews the stores they work at only; an
admin, every store. Every review is audited (``AuditEntry``), a second review included: the shift
keeps the latest decision, the audit trail keeps them all.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from shared.db.models import AuditEntry, Shift, Staff, Store, Terminal
from shared.db.queries import shifts as q
from shared.db.queries.shifts import CashMoveItem, RefundItem, SaleItem, ShiftRow
from shared.db.uow import UnitOfWork
from shared.domain.clock import local_time
from shared.domain.errors import NotFound, PermissionDenied, ValidationError
from shared.domain.ids import new_id
from shared.domain.permissions import Perm, Role
from shared.printing.document import ShiftReport
from shared.services.auth import Actor, require
from shared.services.shifts import shift_figures

DECISIONS = ("approved", "flagged")
REVIEW_STATUSES = ("pending", *DECISIONS)
MAX_COMMENT = 200
MAX_PAGE = 500
MAX_CASHIER_TEXT = 64
#: sales and refunds listed in a shift's detail (the figures always cover all of them)
DETAIL_LIMIT = 1_000


@dataclass(frozen=True)
class Page:
    rows: list[ShiftRow]
    #: rows matching the filters, over every page
    total: int
    offset: int


@dataclass(frozen=True)
class StoreChoice:
    store_id: str
    code: str
    name: str


@dataclass(frozen=True)
class ShiftDetail:
    shift: ShiftRow
    sales: list[SaleItem]
    refunds: list[RefundItem]
    #: captured payments less refunds, per method
    by_method: dict[str, int]
    cash_moves: list[CashMoveItem]


def _scope(actor: Actor) -> frozenset[str] | None:
    """The stores ``actor`` may review: None for every store."""
    return None if Role.ADMIN in actor.roles else actor.store_ids


def _out_of_scope(actor: Actor, code: str) -> PermissionDenied:
    return PermissionDenied(
        f"{actor.name} ({actor.account}) may not review the shifts of store {code}",
        code="store_not_allowed",
        store=code,
    )


def stores(uow: UnitOfWork, actor: Actor) -> list[StoreChoice]:
    """The stores ``actor`` may review, for the store filter."""
    require(actor, Perm.REVIEW_SHIFTS)
    return [StoreChoice(*r) for r in q.scoped_stores(uow.session, _scope(actor))]


def list_shifts(
    uow: UnitOfWork,
    actor: Actor,
    *,
    store_code: str | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
    cashier: str | None = None,
    review_status: str | None = None,
    offset: int = 0,
    limit: int = 100,
    sort: str = "business_date",
    descending: bool = True,
) -> Page:
    """One page of the shifts ``actor`` may review, newest business day first by default."""
    require(actor, Perm.REVIEW_SHIFTS)
    if not isinstance(limit, int) or not 1 <= limit <= MAX_PAGE:
        raise ValidationError(f"a page holds 1 to {MAX_PAGE} shifts", code="page_size")
    if not isinstance(offset, int) or offset < 0:
        raise ValidationError("a page offset is zero or more", code="page_offset")
    if date_from is not None and date_to is not None and date_from > date_to:
        raise ValidationError("the date range ends before it starts", code="date_range")
    if sort not in q.SORT_KEYS:
        raise ValidationError(f"cannot sort shifts by {sort!r}", code="sort_key", value=sort)
    if review_status is not None and review_status not in REVIEW_STATUSES:
        raise ValidationError(
            f"unknown review status {review_status!r}", code="review_status", value=review_status
        )
    cashier = (cashier or "").strip() or None
    if cashier is not None and len(cashier) > MAX_CASHIER_TEXT:
        raise ValidationError(
            f"cashier is too long (at most {MAX_CASHIER_TEXT} characters)", code="text_too_long"
        )
    scope = _scope(actor)
    store_id = None
    code = (store_code or "").strip()
    if code:
        found = q.store_by_code(uow.session, code)
        if found is None:
            raise ValidationError(f"no store '{code}'", code="unknown_store", value=code[:20])
        store_id = found[0]
        if scope is not None and store_id not in scope:
            raise _out_of_scope(actor, code)
    f = q.ShiftFilter(
        store_ids=scope,
        store_id=store_id,
        date_from=date_from,
        date_to=date_to,
        cashier=cashier,
        review_status=review_status,
    )
    total = q.count_shifts(uow.session, f)
    rows = (
        q.list_shifts(uow.session, f, offset=offset, limit=limit, sort=sort, descending=descending)
        if offset < total
        else []
    )
    return Page(rows, total, offset)


def _find(uow: UnitOfWork, actor: Actor, shift_id: str) -> Shift:
    require(actor, Perm.REVIEW_SHIFTS)
    text = (shift_id or "").strip()
    try:
        key = str(uuid.UUID(text))
    except (ValueError, AttributeError):
        raise ValidationError("not a shift id", code="shift_id", value=text[:40]) from None
    # the id is unique on its own (UUIDv7); the store comes with the row
    shift = uow.session.scalars(select(Shift).where(Shift.id == key)).first()
    if shift is None:
        raise NotFound("no such shift", code="shift_not_found", value=text[:40])
    scope = _scope(actor)
    if scope is not None and shift.store_id not in scope:
        row = q.shift_row(uow.session, shift.store_id, shift.id)
        raise _out_of_scope(actor, row.store_code if row else "?")
    return shift


def shift_detail(uow: UnitOfWork, actor: Actor, shift_id: str) -> ShiftDetail:
    """A shift with its sales, refunds, payments by method and cash movements."""
    shift = _find(uow, actor, shift_id)
    s = uow.session
    row = q.shift_row(s, shift.store_id, shift.id)
    assert row is not None
    return ShiftDetail(
        shift=row,
        sales=q.shift_sales(s, shift.store_id, shift.id, limit=DETAIL_LIMIT),
        refunds=q.shift_refunds(s, shift.store_id, shift.id, limit=DETAIL_LIMIT),
        by_method=q.payments_by_method(s, shift.store_id, shift.id),
        cash_moves=q.shift_cash_moves(s, shift.store_id, shift.id),
    )


def review(
    uow: UnitOfWork, actor: Actor, shift_id: str, decision: str, comment: str | None = None
) -> ShiftRow:
    """Approve or flag a closed shift. Flagging needs a comment; reviewing again replaces the
    decision and is audited again. Returns the shift's refreshed row."""
    require(actor, Perm.REVIEW_SHIFTS)
    if decision not in DECISIONS:
        raise ValidationError(
            "a review approves or flags the shift", code="review_decision", value=str(decision)[:20]
        )
    text = (comment or "").strip()
    if len(text) > MAX_COMMENT:
        raise ValidationError(
            f"comment is too long (at most {MAX_COMMENT} characters)",
            code="text_too_long",
            limit=MAX_COMMENT,
        )
    if decision == "flagged" and not text:
        raise ValidationError("say why the shift is flagged", code="comment_required")
    shift = _find(uow, actor, shift_id)
    if shift.status != "closed":
        raise ValidationError("only a closed shift can be reviewed", code="shift_not_closed")
    now = uow.clock.now()
    previous = shift.review_status or "pending"
    shift.review_status = decision
    shift.review_comment = text or None
    shift.reviewed_by = actor.staff_id
    shift.reviewed_at = now
    uow.session.add(
        AuditEntry(
            id=str(new_id()),
            at=now,
            store_id=shift.store_id,
            actor_id=actor.staff_id,
            action="shift_review",
            target=shift.id,
            detail={"decision": decision, "comment": text, "previous": previous},
        )
    )
    uow.commit()
    row = q.shift_row(uow.session, shift.store_id, shift.id)
    assert row is not None
    return row


def handover_slip(
    uow: UnitOfWork, actor: Actor, shift_id: str, *, language: str = "zh_CN"
) -> ShiftReport:
    """The closed shift's handover slip (Z report), rebuilt from the central copy of its
    documents, for the back office to print or save as PDF."""
    shift = _find(uow, actor, shift_id)
    if shift.status != "closed" or shift.closed_at is None:
        raise ValidationError("only a closed shift has a handover slip", code="shift_not_closed")
    s = uow.session
    store = s.get(Store, shift.store_id)
    cashier = s.get(Staff, shift.cashier_id)
    terminal = s.get(Terminal, shift.terminal_id)
    tz = store.timezone if store else "Asia/Shanghai"
    figures = shift_figures(s, shift)
    fmt = "%Y-%m-%d %H:%M"
    return ShiftReport(
        report_type="Z",
        store_name=store.name if store else "",
        terminal_number=terminal.number if terminal else 0,
        cashier=cashier.name if cashier else "",
        opened_at=local_time(shift.opened_at, tz).strftime(fmt),
        at=local_time(shift.closed_at, tz).strftime(fmt),
        sales_count=figures.sales_count,
        gross_fen=figures.gross_fen,
        discounts_fen=figures.discounts_fen,
        refunds_count=figures.refunds_count,
        refunds_fen=figures.refunds_fen,
        net_fen=figures.net_fen,
        by_method=figures.by_method,
        opening_float_fen=figures.opening_float_fen,
        cash_in_fen=figures.cash_in_fen,
        cash_out_fen=figures.cash_out_fen,
        # as the terminal computed and the cashier counted them at the close
        expected_cash_fen=(
            shift.expected_cash_fen
            if shift.expected_cash_fen is not None
            else figures.expected_cash_fen
        ),
        counted_cash_fen=shift.counted_cash_fen,
        variance_fen=shift.variance_fen,
        denominations=dict(shift.denominations or {}),
        language=language,
    )
