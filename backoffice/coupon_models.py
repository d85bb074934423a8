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

#: the zone coupon times are shown in (a coupon is enterprise-wide; stores keep theirs for records)
CHINA_TZ = "Asia/Shanghai"
#: grey rows: a coupon that can no longer be used, a code that is gone
DIM_BACKGROUND = "#eceff1"
USED_TEXT = "#2e7d32"
GONE_TEXT = "#9e9e9e"
REVERSED_TEXT = "#c62828"


def _t(text: str) -> str:
    return QCoreApplication.translate("Coupons", text)


def type_name(kind: str) -> str:
    return {
        "exchange": _t("Exchange"),
        "threshold": _t("Spend and save"),
        "discount": _t("Discount"),
    }.get(kind, kind)


def funder_name(funder: str) -> str:
    return {"platform": _t("Platform"), "store": _t("Store")}.get(funder, funder)


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
        "disabled": _t("Disabled"),
        "expired": _t("Expired"),
        "upcoming": _t("Not started"),
        "running": _t("Running"),
    }.get(name, name)


def status_name(status: str) -> str:
    return {"active": _t("Enabled"), "disabled": _t("Disabled")}.get(status, status)


def code_state_name(state: str) -> str:
    return {
        "unused": _t("Unused"),
        "used": _t("Used"),
        "expired": _t("Expired"),
        "void": _t("Void"),
    }.get(state, state)


def kind_name(kind: str) -> str:
    return {"coupon": _t("Coupon"), "pickup": _t("Pickup code")}.get(kind, kind)


def verification_status_name(status: str) -> str:
    return {
        "done": _t("Verified"),
        "reversed": _t("Reversed"),
        "released": _t("Released"),
    }.get(status, status)


def zhe(off_bp: int) -> str:
    """2000 bp off → ``8``; 1500 → ``8.5`` (what the customer pays, in tenths: 折)."""
    value = (Decimal(10_000 - off_bp) / Decimal(1000)).normalize()
    return f"{value:f}"


def rule_text(row: CouponRow) -> str:
    if row.type == "exchange":
        return _t("Free: {item}").format(item=row.exchange_item or row.exchange_sku_code or "?")
    if row.type == "threshold":
        return _t("{amount} off from {threshold}").format(
            amount=fmt_fen(row.amount_off_fen), threshold=fmt_fen(row.threshold_fen)
        )
    percent = (Decimal(row.off_bp) / 100).normalize()
    text = _t("{zhe}折 ({percent} % off)").format(zhe=zhe(row.off_bp), percent=f"{percent:f}")
    if row.cap_fen is not None:
        text += ", " + _t("at most {cap}").format(cap=fmt_fen(row.cap_fen))
    return text


def scope_text(row: CouponRow) -> str:
    return _t("All stores") if row.store_scope == "all" else ", ".join(row.store_codes)


def count_text(value: int) -> str:
    return _t("Unlimited") if value == UNLIMITED else str(value)


def local(at: datetime | None, tz: str = CHINA_TZ, fmt: str = "%Y-%m-%d %H:%M") -> str:
    return local_time(at, tz).strftime(fmt) if at is not None else ""


def coupon_columns(now: Callable[[], datetime]) -> list[Column[CouponRow]]:
    return [
        Column(_t("Name"), lambda r: r.name),
        Column(_t("Type"), lambda r: type_name(r.type)),
        Column(_t("Rule"), rule_text),
        Column(_t("Stores"), scope_text),
        Column(_t("Valid from"), lambda r: local(r.valid_from)),
        Column(_t("Valid until"), lambda r: local(r.valid_until)),
        Column(_t("Stock"), lambda r: count_text(r.stock), RIGHT),
        Column(_t("Issued"), lambda r: r.issued, RIGHT),
        Column(_t("Used"), lambda r: r.used, RIGHT),
        Column(_t("Funded by"), lambda r: funder_name(r.funded_by), CENTER),
        Column(_t("Stacks"), lambda r: _t("Yes") if r.stackable else _t("No"), CENTER),
        Column(
            _t("Status"),
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
        Column(_t("Code"), lambda r: format_code(r.code)),
        Column(_t("State"), lambda r: code_state_name(r.state), CENTER, color=_code_colour),
        Column(_t("Phone"), lambda r: r.phone or ""),
        Column(_t("Batch"), lambda r: r.batch_no),
        Column(_t("Issued at"), lambda r: local(r.issued_at)),
        Column(_t("Used at"), lambda r: local(r.used_at)),
        Column(_t("Used at store"), lambda r: r.used_store_code or ""),
    ]


def code_model(runner: OperationRunner, *, page_size: int, parent: QObject) -> PagedTableModel:
    return PagedTableModel(code_columns(), runner, page_size=page_size, parent=parent)


def shown_code(row: VerificationRow) -> str:
    return format_code(row.code) if row.kind == "coupon" else row.code


def verification_columns() -> list[Column[VerificationRow]]:
    """SPEC §6's fields: order number, coupon id and name and type, verifier id and name, store
    and store id, verification time, status (then what the coupon took off a sale)."""
    return [
        Column(_t("Verified at"), lambda r: local(r.at, r.store_timezone, "%Y-%m-%d %H:%M:%S")),
        Column(_t("Order no."), lambda r: r.order_no),
        Column(_t("Kind"), lambda r: kind_name(r.kind), CENTER),
        Column(_t("Code"), shown_code),
        Column(_t("Coupon"), lambda r: r.coupon_name),
        Column(_t("Coupon type"), lambda r: type_name(r.coupon_type) if r.coupon_type else ""),
        Column(_t("Store"), lambda r: f"{r.store_code} {r.store_name}".strip()),
        Column(_t("Verifier"), lambda r: r.verifier_name),
        Column(
            _t("Status"),
            lambda r: verification_status_name(r.status),
            CENTER,
            color=lambda r: REVERSED_TEXT if r.status != "done" else None,
        ),
        Column(_t("Amount off"), lambda r: r.amount_fen, RIGHT, fmt_fen),
        Column(_t("Coupon ID"), lambda r: r.coupon_id or ""),
        Column(_t("Verifier ID"), lambda r: r.verifier_id),
        Column(_t("Store ID"), lambda r: r.store_id),
    ]


def verification_model(
    runner: OperationRunner, *, page_size: int, parent: QObject
) -> PagedTableModel:
    return PagedTableModel(verification_columns(), runner, page_size=page_size, parent=parent)
