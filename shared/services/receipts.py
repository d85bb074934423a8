"""Build the device-neutral documents (``shared.printing.document``) from committed records."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from shared.db.models import Refund, Sale, SaleDiscount, SaleLine, Staff
from shared.domain.clock import local_time
from shared.domain.coupons import format_code
from shared.printing.document import Receipt, ReceiptCoupon, ReceiptLine, ReceiptPayment
from shared.services.context import TerminalContext


def quantity_text(quantity_milli: int, weighed: bool) -> str:
    if not weighed and quantity_milli % 1000 == 0:
        return str(quantity_milli // 1000)
    return f"{quantity_milli / 1000:.3f}"


def _time(ctx: TerminalContext, at) -> str:
    return local_time(at, ctx.timezone).strftime("%Y-%m-%d %H:%M:%S")


def _name(session: Session, staff_id: str | None) -> str:
    if not staff_id:
        return ""
    staff = session.get(Staff, staff_id)
    return staff.name if staff else ""


def _printer_flag(ctx: TerminalContext, key: str, default):
    return ctx.printer.get(key, default)


def _header(ctx: TerminalContext) -> str:
    """The terminal's printer header when one is set, else the store's receipt header."""
    return ctx.printer.get("header") or ctx.receipt_header


def _footer(ctx: TerminalContext) -> str:
    return ctx.printer.get("footer") or ctx.receipt_footer


def sale_receipt(
    session: Session | None,
    ctx: TerminalContext,
    sale: Sale,
    *,
    reprint: bool = False,
    cashier: str | None = None,
) -> Receipt:
    """The receipt of ``sale``: a ``Sale`` or anything with its attributes, ``lines`` and
    ``payments`` in order. ``cashier``: the cashier's name when the caller has it (the signed-in
    actor), else it is read from the staff table. ``session`` is only read from for the name
    and for the coupons (when ``sale`` has no ``coupon_rows``): ``None`` when both are given."""
    return Receipt(
        store_name=ctx.store_name,
        store_address=ctx.store_address,
        store_phone=ctx.store_phone,
        header=_header(ctx),
        footer=_footer(ctx),
        receipt_no=sale.receipt_no,
        issued_at=_time(ctx, sale.completed_at),
        cashier=_name(session, sale.cashier_id) if cashier is None else cashier,
        terminal_number=ctx.number,
        lines=tuple(
            ReceiptLine(
                name=ln.name,
                quantity=quantity_text(ln.quantity_milli, ln.weighed),
                unit=ln.unit,
                unit_price_fen=ln.unit_price_fen,
                gross_fen=ln.gross_fen,
                discount_fen=ln.line_discount_fen + ln.order_discount_fen,
                serial_no=getattr(ln, "serial_no", None) or "",
                card_keys=tuple(getattr(ln, "card_keys", ()) or ()),
            )
            for ln in sale.lines
        ),
        subtotal_fen=sale.subtotal_fen,
        discount_fen=sale.discount_fen,
        total_fen=sale.total_fen,
        paid_fen=sale.paid_fen + sale.change_fen,
        change_fen=sale.change_fen,
        payments=tuple(
            ReceiptPayment(
                p.method, p.amount_fen, p.tendered_fen, p.change_fen, p.provider_ref or ""
            )
            for p in sale.payments
        ),
        reprint=reprint,
        card_key_qr=bool(_printer_flag(ctx, "card_key_qr", False)),
        language=ctx.language,
        coupons=_coupons(session, sale),
        member=getattr(sale, "member_phone", "") or "",
    )


def masked_code(code: str) -> str:
    """A redeemed coupon's code on paper: enough to find it, not enough to copy it."""
    shown = format_code(code)
    return shown[:4] + "-****-****-" + shown[-2:] if len(code) > 8 else shown


def _coupons(session: Session, sale) -> tuple[ReceiptCoupon, ...]:
    """The coupons of a sale: the rows ``complete_sale`` just wrote, or read back (reprint)."""
    rows = getattr(sale, "coupon_rows", None)
    if rows is None:
        rows = session.scalars(
            select(SaleDiscount).where(
                SaleDiscount.store_id == sale.store_id,
                SaleDiscount.sale_id == sale.id,
                SaleDiscount.scope == "coupon",
            )
        ).all()
    return tuple(
        ReceiptCoupon(r.reason, masked_code(r.coupon_code or ""), r.amount_fen) for r in rows
    )


def refund_receipt(
    session: Session, ctx: TerminalContext, refund: Refund, sale: Sale, *, reprint: bool = False
) -> Receipt:
    lines_by_id = {ln.id: ln for ln in sale.lines}
    rlines = []
    for rl in refund.lines:
        sl: SaleLine = lines_by_id[rl.sale_line_id]
        rlines.append(
            ReceiptLine(
                name=sl.name,
                quantity=quantity_text(rl.quantity_milli, sl.weighed),
                unit=sl.unit,
                unit_price_fen=sl.unit_price_fen,
                gross_fen=rl.amount_fen,
            )
        )
    return Receipt(
        store_name=ctx.store_name,
        store_address=ctx.store_address,
        store_phone=ctx.store_phone,
        header=_header(ctx),
        footer=_footer(ctx),
        receipt_no=refund.refund_no,
        issued_at=_time(ctx, refund.created_at),
        cashier=_name(session, refund.cashier_id),
        terminal_number=ctx.number,
        lines=tuple(rlines),
        subtotal_fen=refund.total_fen,
        discount_fen=0,
        total_fen=refund.total_fen,
        paid_fen=refund.total_fen,
        change_fen=0,
        payments=tuple(ReceiptPayment(p.method, p.amount_fen) for p in refund.payments),
        is_refund=True,
        original_receipt_no=sale.receipt_no,
        reprint=reprint,
        language=ctx.language,
    )
