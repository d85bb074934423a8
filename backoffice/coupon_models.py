"""Table models and display names of the coupon areas (卡券管理, 核销记录).

The models are ``PagedTableModel``s (``backoffice.models``) over the service's DTO rows: coupon
definitions, a coupon's codes, verification records. The functions here turn stored values
(types, states, basis points, fen) into the text a manager reads, through Qt's translation; they
never query anything.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from decimal import Decimal

from PySide6.QtCore import QCoreApplication, QObject

from backoffice.models import PagedTableModel
from shared.db.queries.coupons import CodeRow, CouponRow, VerificationRow
from shared.domain.clock import local_time
from shared.domain.coupons import UNLIMITED, format_code
from shared.qt.money import fmt_fen
from shared.qt.operations import OperationRunner
from shared.qt.table_model import CENTER, RIGHT, Column

# the zone coupon times are shown in (a coupon is enterprise-wide; stores keep theirs for records)
CHINA_TZ = "Asia/Shanghai"
# grey rows: a coupon that can no longer be used, a code that is gone
DIM_BACKGROUND = "#eceff1"
USED_TEXT = "#2e7d32"
GONE_TEXT = "#9e9e9e"
REVERSED_TEXT = "#c62828"


def type_name(kind: str) -> str:
    return {
        "exchange": QCoreApplication.translate("Coupons", "Exchange"),
        "threshold": QCoreApplication.translate("Coupons", "Spend and save"),
        "discount": QCoreApplication.translate("Coupons", "Discount"),
    }.get(kind, kind)


def funder_name(funder: str) -> str:
    return {
        "platform": QCoreApplication.translate("Coupons", "Platform"),
        "store": QCoreApplication.translate("Coupons", "Store"),
    }.get(funder, funder)


def phase(row: CouponRow, now: datetime) -> str:
    """What the coupon is now: disabled | expired | upcoming | running."""
    if row.status != "active":
        return "disabled"
    if now > row.valid_until:
        return "expired"
    if now < row.valid_from:
        return "upcoming"
    return "running"


def phase_name(name: str) -> str:
    return {
        "disabled": QCoreApplication.translate("Coupons", "Disabled"),
        "expired": QCoreApplication.translate("Coupons", "Expired"),
        "upcoming": QCoreApplication.translate("Coupons", "Not started"),
        "running": QCoreApplication.translate("Coupons", "Running"),
    }.get(name, name)


def status_name(status: str) -> str:
    return {
        "active": QCoreApplication.translate("Coupons", "Enabled"),
        "disabled": QCoreApplication.translate("Coupons", "Disabled"),
    }.get(status, status)


def code_state_name(state: str) -> str:
    return {
        "unused": QCoreApplication.translate("Coupons", "Unused"),
        "used": QCoreApplication.translate("Coupons", "Used"),
        "expired": QCoreApplication.translate("Coupons", "Expired"),
        "void": QCoreApplication.translate("Coupons", "Void"),
    }.get(state, state)


def kind_name(kind: str) -> str:
    return {
        "coupon": QCoreApplication.translate("Coupons", "Coupon"),
        "pickup": QCoreApplication.translate("Coupons", "Pickup code"),
    }.get(kind, kind)


def verification_status_name(status: str) -> str:
    return {
        "done": QCoreApplication.translate("Coupons", "Verified"),
        "reversed": QCoreApplication.translate("Coupons", "Reversed"),
        "released": QCoreApplication.translate("Coupons", "Released"),
    }.get(status, status)


def zhe(off_bp: int) -> str:
    """2000 bp off → ``8``; 1500 → ``8.5`` (what the customer pays, in tenths: 折)."""
    value = (Decimal(10_000 - off_bp) / Decimal(1000)).normalize()
    return f"{value:f}"


def rule_text(row: CouponRow) -> str:
    if row.type == "exchange":
        return QCoreApplication.translate("Coupons", "Free: {item}").format(
            item=row.exchange_item or row.exchange_sku_code or "?"
        )
    if row.type == "threshold":
        return QCoreApplication.translate("Coupons", "{amount} off from {threshold}").format(
            amount=fmt_fen(row.amount_off_fen), threshold=fmt_fen(row.threshold_fen)
        )
    percent = (Decimal(row.off_bp) / 100).normalize()
    text = QCoreApplication.translate("Coupons", "{zhe}折 ({percent} % off)").format(
        zhe=zhe(row.off_bp), percent=f"{percent:f}"
    )
    if row.cap_fen is not None:
        text += ", " + QCoreApplication.translate("Coupons", "at most {cap}").format(
            cap=fmt_fen(row.cap_fen)
        )
    return text


def scope_text(row: CouponRow) -> str:
    return (
        QCoreApplication.translate("Coupons", "All stores")
        if row.store_scope == "all"
        else ", ".join(row.store_codes)
    )


def count_text(value: int) -> str:
    return QCoreApplication.translate("Coupons", "Unlimited") if value == UNLIMITED else str(value)


def local(at: datetime | None, tz: str = CHINA_TZ, fmt: str = "%Y-%m-%d %H:%M") -> str:
    return local_time(at, tz).strftime(fmt) if at is not None else ""


def coupon_columns(now: Callable[[], datetime]) -> list[Column[CouponRow]]:
    return [
        Column(QCoreApplication.translate("Coupons", "Name"), lambda r: r.name),
        Column(QCoreApplication.translate("Coupons", "Type"), lambda r: type_name(r.type)),
        Column(QCoreApplication.translate("Coupons", "Rule"), rule_text),
        Column(QCoreApplication.translate("Coupons", "Stores"), scope_text),
        Column(QCoreApplication.translate("Coupons", "Valid from"), lambda r: local(r.valid_from)),
        Column(
            QCoreApplication.translate("Coupons", "Valid until"), lambda r: local(r.valid_until)
        ),
        Column(
            QCoreApplication.translate("Coupons", "Stock"), lambda r: count_text(r.stock), RIGHT
        ),
        Column(QCoreApplication.translate("Coupons", "Issued"), lambda r: r.issued, RIGHT),
        Column(QCoreApplication.translate("Coupons", "Used"), lambda r: r.used, RIGHT),
        Column(
            QCoreApplication.translate("Coupons", "Funded by"),
            lambda r: funder_name(r.funded_by),
            CENTER,
        ),
        Column(
            QCoreApplication.translate("Coupons", "Stacks"),
            lambda r: (
                QCoreApplication.translate("Coupons", "Yes")
                if r.stackable
                else QCoreApplication.translate("Coupons", "No")
            ),
            CENTER,
        ),
        Column(
            QCoreApplication.translate("Coupons", "Status"),
            lambda r: phase_name(phase(r, now())),
            CENTER,
            color=lambda r: GONE_TEXT if phase(r, now()) in ("disabled", "expired") else None,
            tooltip=lambda r: r.note,
        ),
    ]


def coupon_model(
    runner: OperationRunner, now: Callable[[], datetime], *, page_size: int, parent: QObject
) -> PagedTableModel:
    """Coupon definitions; one that can no longer be used is greyed."""
    return PagedTableModel(
        coupon_columns(now),
        runner,
        page_size=page_size,
        background=lambda row, _col: (
            DIM_BACKGROUND if phase(row, now()) in ("disabled", "expired") else None
        ),
        parent=parent,
    )


def _code_colour(row: CodeRow) -> str | None:
    if row.state == "used":
        return USED_TEXT
    return GONE_TEXT if row.state in ("void", "expired") else None


def code_columns() -> list[Column[CodeRow]]:
    return [
        Column(QCoreApplication.translate("Coupons", "Code"), lambda r: format_code(r.code)),
        Column(
            QCoreApplication.translate("Coupons", "State"),
            lambda r: code_state_name(r.state),
            CENTER,
            color=_code_colour,
        ),
        Column(QCoreApplication.translate("Coupons", "Phone"), lambda r: r.phone or ""),
        Column(QCoreApplication.translate("Coupons", "Batch"), lambda r: r.batch_no),
        Column(QCoreApplication.translate("Coupons", "Issued at"), lambda r: local(r.issued_at)),
        Column(QCoreApplication.translate("Coupons", "Used at"), lambda r: local(r.used_at)),
        Column(
            QCoreApplication.translate("Coupons", "Used at store"),
            lambda r: r.used_store_code or "",
        ),
    ]


def code_model(runner: OperationRunner, *, page_size: int, parent: QObject) -> PagedTableModel:
    return PagedTableModel(code_columns(), runner, page_size=page_size, parent=parent)


def shown_code(row: VerificationRow) -> str:
    return format_code(row.code) if row.kind == "coupon" else row.code


def verification_columns() -> list[Column[VerificationRow]]:
    """SPEC §6's fields: order number, coupon id and name and type, verifier id and name, store
    and store id, verification time, status (then what the coupon took off a sale)."""
    return [
        Column(
            QCoreApplication.translate("Coupons", "Verified at"),
            lambda r: local(r.at, r.store_timezone, "%Y-%m-%d %H:%M:%S"),
        ),
        Column(QCoreApplication.translate("Coupons", "Order no."), lambda r: r.order_no),
        Column(QCoreApplication.translate("Coupons", "Kind"), lambda r: kind_name(r.kind), CENTER),
        Column(QCoreApplication.translate("Coupons", "Code"), shown_code),
        Column(QCoreApplication.translate("Coupons", "Coupon"), lambda r: r.coupon_name),
        Column(
            QCoreApplication.translate("Coupons", "Coupon type"),
            lambda r: type_name(r.coupon_type) if r.coupon_type else "",
        ),
        Column(
            QCoreApplication.translate("Coupons", "Store"),
            lambda r: f"{r.store_code} {r.store_name}".strip(),
        ),
        Column(QCoreApplication.translate("Coupons", "Verifier"), lambda r: r.verifier_name),
        Column(
            QCoreApplication.translate("Coupons", "Status"),
            lambda r: verification_status_name(r.status),
            CENTER,
            color=lambda r: REVERSED_TEXT if r.status != "done" else None,
        ),
        Column(
            QCoreApplication.translate("Coupons", "Amount off"),
            lambda r: r.amount_fen,
            RIGHT,
            fmt_fen,
        ),
        Column(QCoreApplication.translate("Coupons", "Coupon ID"), lambda r: r.coupon_id or ""),
        Column(QCoreApplication.translate("Coupons", "Verifier ID"), lambda r: r.verifier_id),
        Column(QCoreApplication.translate("Coupons", "Store ID"), lambda r: r.store_id),
    ]


def verification_model(
    runner: OperationRunner, *, page_size: int, parent: QObject
) -> PagedTableModel:
    return PagedTableModel(verification_columns(), runner, page_size=page_size, parent=parent)
