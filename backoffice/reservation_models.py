"""Table model, display names and refusal texts of the stock reservation area (锁定库存).

The model is a ``ColouredTableModel`` over the service's rows (``services.reservations``): an open
reservation's state is blue, a fulfilled one's green, released and expired rows are greyed. The
functions here turn stored values (reasons, states, thousandths, times) into the text a manager
reads, through Qt's translation; they never query anything.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from PySide6.QtCore import QCoreApplication, QObject

from backoffice.stock_ops_models import (
    GAIN_TEXT,
    GONE_BACKGROUND,
    GONE_TEXT,
    LOSS_TEXT,
    OPEN_TEXT,
    ColouredTableModel,
    local,
    number,
    qty,
)
from backoffice.stock_ops_models import describe as describe_stock_ops
from shared.domain.errors import DomainError
from shared.qt.table_model import CENTER, RIGHT, Column
from shared.services.reservations import MAX_REFERENCE, ReservationView

#: the column that takes the room left over (the item's name)
NAME_COLUMN = 3


def reason_name(reason: str) -> str:
    return {
        "order": QCoreApplication.translate("Reservations", "Unpaid order"),
        "presale": QCoreApplication.translate("Reservations", "Pre-sale"),
        "other": QCoreApplication.translate("Reservations", "Other"),
    }.get(reason, reason)


def state_name(state: str) -> str:
    return {
        "open": QCoreApplication.translate("Reservations", "Locked"),
        "released": QCoreApplication.translate("Reservations", "Released"),
        "fulfilled": QCoreApplication.translate("Reservations", "Fulfilled"),
        "expired": QCoreApplication.translate("Reservations", "Expired"),
    }.get(state, state)


def _state_colour(state: str) -> str | None:
    if state == "open":
        return OPEN_TEXT
    if state == "fulfilled":
        return GAIN_TEXT
    return GONE_TEXT


def ended(row: ReservationView) -> bool:
    return row.state != "open"


# -- refusals --------------------------------------------------------------------------------------


def describe(exc: BaseException) -> str:
    """A refusal of the reservation service in the interface language (the rest: the other stock
    areas' wording)."""
    if not isinstance(exc, DomainError):
        return describe_stock_ops(exc)
    d = exc.details

    def get(key: str) -> str:
        return str(d.get(key, ""))

    def units(key: str) -> str:
        value = d.get(key)
        return qty(int(value), get("unit")) if isinstance(value, int) else ""

    texts: dict[str, Callable[[], str]] = {
        "reservation_short": lambda: QCoreApplication.translate(
            "ReservationMessages",
            "Not enough {sku} {name} available in {warehouse} to lock {qty}: {available} "
            "available ({on_hand} on hand, {locked} already locked). Only a pre-sale may lock "
            "more than is available.",
        ).format(
            sku=get("sku"),
            name=get("name"),
            warehouse=get("warehouse"),
            qty=units("qty_milli"),
            available=units("available_milli"),
            on_hand=units("on_hand_milli"),
            locked=units("locked_milli"),
        ),
        "reservation_released": lambda: QCoreApplication.translate(
            "ReservationMessages", "Reservation {no} is already released"
        ).format(no=get("no")),
        "reservation_fulfilled": lambda: QCoreApplication.translate(
            "ReservationMessages", "Reservation {no} is already fulfilled"
        ).format(no=get("no")),
        "reservation_expired": lambda: QCoreApplication.translate(
            "ReservationMessages", "Reservation {no} has expired: its stock is available again"
        ).format(no=get("no")),
        "unknown_reservation": lambda: QCoreApplication.translate(
            "ReservationMessages", "This reservation no longer exists"
        ),
        "reservation_reason": lambda: QCoreApplication.translate(
            "ReservationMessages", "Choose what the stock is locked for"
        ),
        "expiry_past": lambda: QCoreApplication.translate(
            "ReservationMessages", "The expiry must be later than now"
        ),
        "expiry_naive": lambda: QCoreApplication.translate(
            "ReservationMessages", "The expiry must be later than now"
        ),
        "not_stocked": lambda: QCoreApplication.translate(
            "ReservationMessages", "This item is not goods kept in a warehouse: it cannot be locked"
        ),
        "quantity_fractional": lambda: QCoreApplication.translate(
            "ReservationMessages", "This item is locked in whole units"
        ),
        "status": lambda: QCoreApplication.translate("ReservationMessages", "No such state"),
    }
    if exc.code == "text_too_long" and d.get("field") == "reference":
        return QCoreApplication.translate(
            "ReservationMessages", "The reference is too long (at most {limit} characters)"
        ).format(limit=MAX_REFERENCE)
    text = texts.get(exc.code)
    return text() if text is not None else describe_stock_ops(exc)


# -- the list --------------------------------------------------------------------------------------


def reservation_columns() -> list[Column[ReservationView]]:
    return [
        Column(QCoreApplication.translate("Reservations", "Reservation no."), lambda r: r.no),
        Column(QCoreApplication.translate("Reservations", "Warehouse"), lambda r: r.warehouse),
        Column(QCoreApplication.translate("Reservations", "SKU code"), lambda r: r.sku_code),
        Column(QCoreApplication.translate("Reservations", "Name"), lambda r: r.name),
        Column(
            QCoreApplication.translate("Reservations", "Quantity"),
            lambda r: qty(r.qty_milli, r.unit),
            RIGHT,
        ),
        Column(QCoreApplication.translate("Reservations", "Unit"), lambda r: r.unit, CENTER),
        Column(
            QCoreApplication.translate("Reservations", "Reason"),
            lambda r: reason_name(r.reason),
            CENTER,
        ),
        Column(
            QCoreApplication.translate("Reservations", "Reference"),
            lambda r: r.reference,
            tooltip=lambda r: r.reference,
        ),
        Column(
            QCoreApplication.translate("Reservations", "State"),
            lambda r: state_name(r.state),
            CENTER,
            color=lambda r: _state_colour(r.state),
        ),
        Column(
            QCoreApplication.translate("Reservations", "Expires at"),
            lambda r: local(r.expires_at),
        ),
        Column(
            QCoreApplication.translate("Reservations", "Locked at"),
            lambda r: local(r.created_at),
            tooltip=lambda r: r.created_by,
        ),
        Column(
            QCoreApplication.translate("Reservations", "Ended at"),
            lambda r: local(r.closed_at),
            tooltip=lambda r: r.closed_by,
        ),
        Column(
            QCoreApplication.translate("Reservations", "Available now"),
            lambda r: qty(r.available_milli, r.unit),
            RIGHT,
            color=lambda r: LOSS_TEXT if r.available_milli < 0 else None,
            tooltip=lambda r: QCoreApplication.translate(
                "Reservations", "On hand {on_hand} · locked {locked} in {warehouse} now"
            ).format(
                on_hand=qty(r.on_hand_milli, r.unit),
                locked=qty(r.locked_milli, r.unit),
                warehouse=r.warehouse,
            ),
        ),
    ]


def reservation_model(parent: QObject) -> ColouredTableModel:
    return ColouredTableModel(
        reservation_columns(),
        lambda row, _col: GONE_BACKGROUND if row.state in ("released", "expired") else None,
        parent,
    )


def export_headers() -> list[str]:
    return [
        QCoreApplication.translate("Reservations", "Reservation no."),
        QCoreApplication.translate("Reservations", "Warehouse"),
        QCoreApplication.translate("Reservations", "SKU code"),
        QCoreApplication.translate("Reservations", "Name"),
        QCoreApplication.translate("Reservations", "Unit"),
        QCoreApplication.translate("Reservations", "Quantity"),
        QCoreApplication.translate("Reservations", "Reason"),
        QCoreApplication.translate("Reservations", "Reference"),
        QCoreApplication.translate("Reservations", "State"),
        QCoreApplication.translate("Reservations", "Expires at"),
        QCoreApplication.translate("Reservations", "Locked at"),
        QCoreApplication.translate("Reservations", "Locked by"),
        QCoreApplication.translate("Reservations", "Ended at"),
        QCoreApplication.translate("Reservations", "Ended by"),
    ]


def export_cells(
    row: ReservationView, reasons: dict[str, str], states: dict[str, str]
) -> list[str | Decimal | None]:
    """A reservation as a spreadsheet row: quantities as numbers, times in China time, reasons
    and states by the names given (translated on the GUI thread before the export runs)."""
    return [
        row.no,
        row.warehouse,
        row.sku_code,
        row.name,
        row.unit,
        number(row.qty_milli),
        reasons.get(row.reason, row.reason),
        row.reference,
        states.get(row.state, row.state),
        local(row.expires_at),
        local(row.created_at),
        row.created_by,
        local(row.closed_at),
        row.closed_by,
    ]


__all__ = [
    "NAME_COLUMN",
    "describe",
    "ended",
    "export_cells",
    "export_headers",
    "reason_name",
    "reservation_columns",
    "reservation_model",
    "state_name",
]
