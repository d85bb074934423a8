"""Table models and display names of the card-key area (卡密库).

The pool list is a ``RowTableModel`` over the service's ``PoolSummary`` rows (one per card-key
product: a short list); a pool's keys are a ``PagedTableModel`` (a pool may hold a million keys)
over ``KeyRow``s, masked by the service; an import's problem lines are a ``RowTableModel`` over
``(line, code, message)``. The functions here turn stored values into the text a manager reads,
through Qt's translation; they never query anything.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject

from backoffice.coupon_models import local
from backoffice.models import PagedTableModel
from shared.qt.operations import OperationRunner
from shared.qt.table_model import CENTER, RIGHT, Column, RowTableModel
from shared.services.card_keys import KeyRow, PoolSummary

# (line number, reason code, the service's English message)
Problem = tuple[int, str, str]

SOLD_TEXT = "#2e7d32"
RESERVED_TEXT = "#e65100"
GONE_TEXT = "#9e9e9e"
# the shown stock when the setting holds it below the available keys
LIMITED_TEXT = "#1565c0"


def state_name(state: str) -> str:
    return {
        "available": QCoreApplication.translate("CardKeys", "Available"),
        "reserved": QCoreApplication.translate("CardKeys", "Reserved"),
        "sold": QCoreApplication.translate("CardKeys", "Sold"),
        "void": QCoreApplication.translate("CardKeys", "Void"),
    }.get(state, state)


def setting_text(setting: int | None) -> str:
    """The stock setting: a number, or no limit."""
    if setting is None:
        return QCoreApplication.translate("CardKeys", "No limit")
    return str(setting)


def problem_text(code: str, message: str) -> str:
    """Why an import line was not added, in the interface language."""
    text = {
        "duplicate_in_pool": QCoreApplication.translate("CardKeys", "Already in the pool"),
        "duplicate_in_file": QCoreApplication.translate("CardKeys", "Given twice in this file"),
        "key_encoding": QCoreApplication.translate("CardKeys", "Neither UTF-8 nor GB18030 text"),
        "key_too_long": QCoreApplication.translate("CardKeys", "Longer than 512 characters"),
        "key_unprintable": QCoreApplication.translate("CardKeys", "Contains control characters"),
        "key_no_card": QCoreApplication.translate(
            "CardKeys", "The card number is missing before the comma"
        ),
        "key_no_password": QCoreApplication.translate(
            "CardKeys", "The password is missing after the comma (card_no,password)"
        ),
        "key_commas": QCoreApplication.translate("CardKeys", "More than one comma"),
        "key_empty": QCoreApplication.translate("CardKeys", "Empty line"),
    }.get(code)
    return text if text is not None else message


def _state_colour(row: KeyRow) -> str | None:
    return {"sold": SOLD_TEXT, "reserved": RESERVED_TEXT, "void": GONE_TEXT}.get(row.state)


def pool_columns() -> list[Column[PoolSummary]]:
    return [
        Column(QCoreApplication.translate("CardKeys", "Code"), lambda p: p.code),
        Column(QCoreApplication.translate("CardKeys", "Product"), lambda p: p.name),
        Column(QCoreApplication.translate("CardKeys", "Available"), lambda p: p.available, RIGHT),
        Column(QCoreApplication.translate("CardKeys", "Reserved"), lambda p: p.reserved, RIGHT),
        Column(QCoreApplication.translate("CardKeys", "Sold"), lambda p: p.sold, RIGHT),
        Column(QCoreApplication.translate("CardKeys", "Void"), lambda p: p.void, RIGHT),
        Column(
            QCoreApplication.translate("CardKeys", "Expired"),
            lambda p: p.expired,
            RIGHT,
            color=lambda p: GONE_TEXT if p.expired else None,
        ),
        Column(
            QCoreApplication.translate("CardKeys", "Stock setting"),
            lambda p: setting_text(p.stock_setting),
            RIGHT,
        ),
        Column(
            QCoreApplication.translate("CardKeys", "Shown stock"),
            lambda p: p.shown_stock,
            RIGHT,
            color=lambda p: LIMITED_TEXT if p.shown_stock < p.available else None,
            tooltip=lambda p: QCoreApplication.translate(
                "CardKeys", "The smaller of the stock setting and the available keys"
            ),
        ),
    ]


def pool_model(parent: QObject) -> RowTableModel[PoolSummary]:
    return RowTableModel(pool_columns(), parent)


def key_columns() -> list[Column[KeyRow]]:
    return [
        Column(QCoreApplication.translate("CardKeys", "Card key"), lambda r: r.masked),
        Column(
            QCoreApplication.translate("CardKeys", "State"),
            lambda r: state_name(r.state),
            CENTER,
            color=_state_colour,
        ),
        Column(
            QCoreApplication.translate("CardKeys", "Imported at"), lambda r: local(r.created_at)
        ),
        Column(QCoreApplication.translate("CardKeys", "Expires"), lambda r: local(r.expires_at)),
        Column(QCoreApplication.translate("CardKeys", "Sold at"), lambda r: local(r.sold_at)),
        Column(QCoreApplication.translate("CardKeys", "Void reason"), lambda r: r.void_reason),
        Column(QCoreApplication.translate("CardKeys", "Key ID"), lambda r: r.key_id),
    ]


def key_model(runner: OperationRunner, *, page_size: int, parent: QObject) -> PagedTableModel:
    return PagedTableModel(key_columns(), runner, page_size=page_size, parent=parent)


def problem_columns() -> list[Column[Problem]]:
    return [
        Column(QCoreApplication.translate("CardKeys", "Line"), lambda p: p[0], RIGHT),
        Column(
            QCoreApplication.translate("CardKeys", "Reason"), lambda p: problem_text(p[1], p[2])
        ),
    ]


def problem_model(parent: QObject) -> RowTableModel[Problem]:
    return RowTableModel(problem_columns(), parent)
