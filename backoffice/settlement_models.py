"""Table models and display names of the store-settlement area (门店结算).

The statement list and the records behind a figure are ``PagedTableModel``s
(``backoffice.models``) over the service's DTOs (``StatementView``, ``RecordRow``): they fetch a
page at a time as the view scrolls, so a month of 100,000 sales is never loaded whole. The
functions here turn stored values (states, period kinds, funders, methods, fen) into the text a
manager reads, through Qt's translation; they never query anything.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from PySide6.QtCore import QCoreApplication, QObject

from backoffice.models import PagedTableModel
from shared.db.queries.settlement import RecordRow
from shared.domain.clock import local_time
from shared.domain.settlement import Figures
from shared.qt.errors import method_name
from shared.qt.money import fmt_fen
from shared.qt.operations import OperationRunner
from shared.qt.table_model import CENTER, RIGHT, Column
from shared.services.settlement import StatementView

#: (background, text) of each statement state
STATE_COLOURS = {
    "draft": ("#fff3e0", "#e65100"),
    "confirmed": ("#e3f2fd", "#1565c0"),
    "settled": ("#e8f5e9", "#2e7d32"),
}
ADJUSTMENT_BACKGROUND = "#fff8e1"
ADJUSTMENT_TEXT = "#e65100"
OWED_BY_STORE_TEXT = "#c62828"
#: the column of the statement list that shows the state (coloured)
STATE_COLUMN = 3
#: payment methods in the order a statement lists them (others follow, by name)
METHOD_ORDER = ("cash", "card", "wechat", "alipay", "balance", "points")


def state_name(state: str) -> str:
    return {
        "draft": QCoreApplication.translate("SettlementScreen", "Draft"),
        "confirmed": QCoreApplication.translate("SettlementScreen", "Confirmed"),
        "settled": QCoreApplication.translate("SettlementScreen", "Settled"),
    }.get(state, state)


def period_kind_name(kind: str) -> str:
    return {
        "day": QCoreApplication.translate("SettlementScreen", "daily"),
        "week": QCoreApplication.translate("SettlementScreen", "weekly"),
        "month": QCoreApplication.translate("SettlementScreen", "monthly"),
    }.get(kind, kind)


def period_hint(kind: str) -> str:
    """The placeholder of the period field: the format a store settled by ``kind`` uses."""
    if kind == "month":
        return QCoreApplication.translate("SettlementScreen", "YYYY-MM, e.g. 2026-10")
    if kind == "week":
        return QCoreApplication.translate("SettlementScreen", "YYYY-MM-DD, any day of the week")
    return QCoreApplication.translate("SettlementScreen", "YYYY-MM-DD, e.g. 2026-10-05")


def funder_name(funder: str) -> str:
    return {
        "platform": QCoreApplication.translate("SettlementScreen", "Platform-funded"),
        "store": QCoreApplication.translate("SettlementScreen", "Store-funded"),
    }.get(funder, funder)


def period_text(view: StatementView) -> str:
    """``2026-10 (10-01 – 10-31)``: the period's label and its days."""
    p = view.period
    end = p.end - timedelta(days=1)
    if p.kind == "day":
        return p.label
    return f"{p.label}  ({p.start.strftime('%m-%d')} – {end.strftime('%m-%d')})"


def methods_of(f: Figures) -> list[str]:
    """The payment methods a statement has money in, in the usual order."""
    present = set(f.by_method) | set(f.refunds_by_method)
    known = [m for m in METHOD_ORDER if m in present]
    return known + sorted(present - set(METHOD_ORDER))


def payable_words(payable_fen: int) -> tuple[str, str]:
    """(the figure's name, a sentence saying who pays whom) for a statement's payable."""
    amount = fmt_fen(abs(payable_fen))
    if payable_fen > 0:
        return (
            QCoreApplication.translate("SettlementScreen", "Payable to the store"),
            QCoreApplication.translate(
                "SettlementScreen", "Head office pays the store {amount}"
            ).format(amount=amount),
        )
    if payable_fen < 0:
        return (
            QCoreApplication.translate("SettlementScreen", "Payable by the store"),
            QCoreApplication.translate(
                "SettlementScreen", "The store pays head office {amount}"
            ).format(amount=amount),
        )
    return (
        QCoreApplication.translate("SettlementScreen", "Payable"),
        QCoreApplication.translate("SettlementScreen", "Nothing to pay either way"),
    )


# -- what a figure drills down to ------------------------------------------------------------------


@dataclass(frozen=True)
class Drill:
    """The records behind a figure: a ``DRILL_KINDS`` kind, for payments / refunds / coupons
    optionally of one method or funder."""

    kind: str
    method: str | None = None


def drill_title(drill: Drill) -> str:
    if drill.kind == "payments":
        if drill.method:
            return QCoreApplication.translate("SettlementScreen", "Payments · {method}").format(
                method=method_name(drill.method)
            )
        return QCoreApplication.translate("SettlementScreen", "Payments · all methods")
    if drill.kind == "refunds":
        if drill.method:
            return QCoreApplication.translate(
                "SettlementScreen", "Refunds · paid back by {method}"
            ).format(method=method_name(drill.method))
        return QCoreApplication.translate("SettlementScreen", "Refunds")
    if drill.kind == "coupons":
        if drill.method:
            return QCoreApplication.translate("SettlementScreen", "Coupons · {funder}").format(
                funder=funder_name(drill.method)
            )
        return QCoreApplication.translate("SettlementScreen", "Coupons")
    return {
        "sales": QCoreApplication.translate("SettlementScreen", "Sales"),
        "card_keys": QCoreApplication.translate("SettlementScreen", "Card-key lines"),
        "channel": QCoreApplication.translate("SettlementScreen", "Channel orders"),
        "adjustments": QCoreApplication.translate("SettlementScreen", "Adjustments (late records)"),
    }.get(drill.kind, drill.kind)


def drill_choices(f: Figures) -> list[Drill]:
    """Every list of records a statement's figures drill down to, for the drill combo."""
    out = [Drill("sales"), Drill("refunds")]
    out += [Drill("payments")] + [Drill("payments", m) for m in methods_of(f) if m in f.by_method]
    out += [Drill("refunds", m) for m in methods_of(f) if m in f.refunds_by_method]
    out += [Drill("coupons", "platform"), Drill("coupons", "store")]
    out += [Drill("card_keys"), Drill("channel"), Drill("adjustments")]
    return out


# -- the statement list ----------------------------------------------------------------------------


def _local(at: datetime | None, tz: str, fmt: str = "%Y-%m-%d %H:%M") -> str:
    return local_time(at, tz).strftime(fmt) if at is not None else ""


def statement_columns() -> list[Column[StatementView]]:
    def payable_tip(v: StatementView) -> str:
        return payable_words(v.figures.payable_fen)[1]

    return [
        Column(
            QCoreApplication.translate("SettlementScreen", "Statement no."),
            lambda v: v.statement_no,
        ),
        Column(
            QCoreApplication.translate("SettlementScreen", "Store"),
            lambda v: f"{v.store_code} {v.store_name}",
        ),
        Column(QCoreApplication.translate("SettlementScreen", "Period"), lambda v: v.period.label),
        Column(
            QCoreApplication.translate("SettlementScreen", "State"),
            lambda v: state_name(v.state),
            CENTER,
            color=lambda v: STATE_COLOURS.get(v.state, (None, None))[1],
        ),
        Column(
            QCoreApplication.translate("SettlementScreen", "Sales"),
            lambda v: v.figures.sales_count,
            RIGHT,
        ),
        Column(
            QCoreApplication.translate("SettlementScreen", "Net sales"),
            lambda v: v.figures.net_sales_fen,
            RIGHT,
            fmt_fen,
        ),
        Column(
            QCoreApplication.translate("SettlementScreen", "Fee"),
            lambda v: v.figures.fee_fen,
            RIGHT,
            fmt_fen,
        ),
        Column(
            QCoreApplication.translate("SettlementScreen", "Payable to store"),
            lambda v: v.figures.payable_fen,
            RIGHT,
            fmt_fen,
            color=lambda v: OWED_BY_STORE_TEXT if v.figures.payable_fen < 0 else None,
            tooltip=payable_tip,
        ),
        Column(
            QCoreApplication.translate("SettlementScreen", "Confirmed by"),
            lambda v: v.confirmed_by,
            tooltip=lambda v: _local(v.confirmed_at, v.timezone),
        ),
        Column(
            QCoreApplication.translate("SettlementScreen", "Payment ref."),
            lambda v: v.payment_ref or "",
            tooltip=lambda v: v.settled_on.isoformat() if v.settled_on else "",
        ),
    ]


def statement_model(
    runner: OperationRunner, *, page_size: int, parent: QObject | None
) -> PagedTableModel:
    """Statements, newest period first; the state cell coloured by state."""
    return PagedTableModel(
        statement_columns(),
        runner,
        page_size=page_size,
        background=lambda v, col: (
            STATE_COLOURS.get(v.state, (None, None))[0] if col == STATE_COLUMN else None
        ),
        parent=parent,
    )


# -- the records behind a figure -------------------------------------------------------------------


def record_detail(row: RecordRow) -> str:
    """What the record is beyond its number: the payment method, the coupon's funder and code,
    the card-key product, the refund's reason, the channel buyer."""
    if row.kind == "payment":
        return method_name(row.detail)
    if row.kind == "coupon":
        funder, _, code = row.detail.partition(" ")
        return f"{funder_name(funder)} {code}".strip()
    return row.detail


def record_kind_name(kind: str) -> str:
    return {
        "sale": QCoreApplication.translate("SettlementScreen", "Sale"),
        "payment": QCoreApplication.translate("SettlementScreen", "Payment"),
        "coupon": QCoreApplication.translate("SettlementScreen", "Coupon"),
        "card_key": QCoreApplication.translate("SettlementScreen", "Card key"),
        "refund": QCoreApplication.translate("SettlementScreen", "Refund"),
        "channel": QCoreApplication.translate("SettlementScreen", "Channel order"),
    }.get(kind, kind)


def record_columns(timezone: Callable[[], str]) -> list[Column[RecordRow]]:
    """``timezone``: the zone of the statement's store (times are shown in it)."""

    def day(r: RecordRow) -> str:
        if r.business_date is not None:
            return r.business_date.isoformat()
        return _local(r.at, timezone(), "%Y-%m-%d")

    return [
        Column(
            QCoreApplication.translate("SettlementScreen", "Number"),
            lambda r: r.number,
            tooltip=lambda r: record_kind_name(r.kind),
        ),
        Column(QCoreApplication.translate("SettlementScreen", "Business day"), day),
        Column(
            QCoreApplication.translate("SettlementScreen", "Time"),
            lambda r: _local(r.at, timezone(), "%H:%M"),
            CENTER,
        ),
        Column(QCoreApplication.translate("SettlementScreen", "Who"), lambda r: r.who),
        Column(QCoreApplication.translate("SettlementScreen", "Detail"), record_detail),
        Column(
            QCoreApplication.translate("SettlementScreen", "Amount"),
            lambda r: r.amount_fen,
            RIGHT,
            fmt_fen,
        ),
        Column(
            QCoreApplication.translate("SettlementScreen", "Adjustment"),
            lambda r: (
                QCoreApplication.translate("SettlementScreen", "Late") if r.adjustment else ""
            ),
            CENTER,
            color=lambda r: ADJUSTMENT_TEXT if r.adjustment else None,
            tooltip=lambda r: (
                QCoreApplication.translate(
                    "SettlementScreen",
                    "Arrived after its own period was confirmed: counted in this statement",
                )
                if r.adjustment
                else ""
            ),
        ),
    ]


def records_model(
    runner: OperationRunner,
    timezone: Callable[[], str],
    *,
    page_size: int,
    parent: QObject | None,
) -> PagedTableModel:
    """The records behind a figure, newest first, a page at a time; late ones (adjustments)
    tinted."""
    return PagedTableModel(
        record_columns(timezone),
        runner,
        page_size=page_size,
        background=lambda r, _col: ADJUSTMENT_BACKGROUND if r.adjustment else None,
        parent=parent,
    )


__all__ = [
    "ADJUSTMENT_BACKGROUND",
    "METHOD_ORDER",
    "STATE_COLOURS",
    "STATE_COLUMN",
    "Drill",
    "drill_choices",
    "drill_title",
    "funder_name",
    "methods_of",
    "payable_words",
    "period_hint",
    "period_kind_name",
    "period_text",
    "record_columns",
    "record_detail",
    "records_model",
    "state_name",
    "statement_columns",
    "statement_model",
]
