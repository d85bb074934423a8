"""Table models and display names of the e-commerce areas (电商渠道, 电商订单).

The shop and order models are ``PagedTableModel``s (``backoffice.models``) over the service's DTO
rows; the import report's model is a ``RowTableModel`` over its rejected and skipped rows. The
functions here turn stored values (channel types, states, fen) into the text a manager reads,
through Qt's translation; they never query anything. A card key is only ever shown masked.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication, QObject

from backoffice.models import PagedTableModel
from shared.db.queries.channels import OrderRow, ShopRow
from shared.domain.card_key_crypto import masked
from shared.domain.clock import local_time
from shared.domain.coupons import format_code
from shared.qt.money import fmt_fen
from shared.qt.operations import OperationRunner
from shared.qt.table_model import CENTER, RIGHT, Column, RowTableModel
from shared.services.channels import KnownOrder, RowProblem

CHINA_TZ = "Asia/Shanghai"
DIM_BACKGROUND = "#eceff1"
ALERT_BACKGROUND = "#fff3e0"
DONE_TEXT = "#2e7d32"
WAIT_TEXT = "#e65100"
BAD_TEXT = "#c62828"
GONE_TEXT = "#9e9e9e"


def channel_type_name(kind: str) -> str:
    return {
        "taobao": QCoreApplication.translate("Channels", "Taobao"),
        "pinduoduo": QCoreApplication.translate("Channels", "Pinduoduo"),
        "jd": QCoreApplication.translate("Channels", "JD"),
        "douyin": QCoreApplication.translate("Channels", "Douyin"),
        "other": QCoreApplication.translate("Channels", "Other"),
    }.get(kind, kind)


def enabled_name(enabled: bool) -> str:
    return (
        QCoreApplication.translate("Channels", "Enabled")
        if enabled
        else QCoreApplication.translate("Channels", "Disabled")
    )


def origin_name(origin: str) -> str:
    return {
        "platform": QCoreApplication.translate("Channels", "Platform"),
        "channel": QCoreApplication.translate("Channels", "Channel"),
    }.get(origin, origin)


def redeem_state_name(state: str) -> str:
    return {
        "pending": QCoreApplication.translate("Channels", "Awaiting redemption"),
        "redeemed": QCoreApplication.translate("Channels", "Redeemed"),
    }.get(state, state)


def verify_state_name(state: str) -> str:
    return {
        "pending": QCoreApplication.translate("Channels", "Awaiting verification"),
        "verified": QCoreApplication.translate("Channels", "Verified"),
    }.get(state, state)


def after_sale_name(state: str) -> str:
    return {
        "none": QCoreApplication.translate("Channels", "None"),
        "pending": QCoreApplication.translate("Channels", "After-sale pending"),
        "refunded": QCoreApplication.translate("Channels", "Refunded"),
        "reissued": QCoreApplication.translate("Channels", "Reissued"),
    }.get(state, state)


def flags_text(row: OrderRow) -> str:
    """Frozen, rejected, unpaid, test: the marks an order carries, joined."""
    marks = []
    if row.frozen:
        marks.append(QCoreApplication.translate("Channels", "Frozen"))
    if row.rejected:
        marks.append(QCoreApplication.translate("Channels", "Rejected"))
    if not row.paid:
        marks.append(QCoreApplication.translate("Channels", "Unpaid"))
    if row.test:
        marks.append(QCoreApplication.translate("Channels", "Test"))
    return " · ".join(marks)


def keys_text(row: OrderRow) -> str:
    """The order's live keys, masked (``****1234``)."""
    return ", ".join(masked(h) for h in row.key_hints)


def local(at: datetime | None, fmt: str = "%Y-%m-%d %H:%M") -> str:
    return local_time(at, CHINA_TZ).strftime(fmt) if at is not None else ""


def short_id(value: str) -> str:
    """The last 8 characters of an id (UUIDv7 starts with its time: the end tells rows apart)."""
    return value.replace("-", "")[-8:]


# -- shops -----------------------------------------------------------------------------------------


def shop_columns() -> list[Column[ShopRow]]:
    """SPEC §8: sort order, id, name, channel type, user id, balance, redemption domain, account,
    enabled (then the shop's orders and those not settled)."""
    return [
        Column(QCoreApplication.translate("Channels", "Sort"), lambda r: r.sort_order, RIGHT),
        Column(
            QCoreApplication.translate("Channels", "ID"),
            lambda r: short_id(r.shop_id),
            tooltip=lambda r: r.shop_id,
        ),
        Column(QCoreApplication.translate("Channels", "Shop"), lambda r: r.name),
        Column(
            QCoreApplication.translate("Channels", "Channel type"),
            lambda r: channel_type_name(r.channel_type),
            CENTER,
        ),
        Column(QCoreApplication.translate("Channels", "User ID"), lambda r: r.channel_user_id),
        Column(
            QCoreApplication.translate("Channels", "Balance"),
            lambda r: r.balance_fen,
            RIGHT,
            fmt_fen,
            tooltip=lambda r: (
                QCoreApplication.translate("Channels", "Before the last change: {amount}").format(
                    amount=fmt_fen(r.last_balance_fen)
                )
                if r.last_balance_fen is not None
                else ""
            ),
        ),
        Column(
            QCoreApplication.translate("Channels", "Redemption domain"),
            lambda r: r.redemption_domain,
        ),
        Column(QCoreApplication.translate("Channels", "Account"), lambda r: r.account),
        Column(
            QCoreApplication.translate("Channels", "Status"),
            lambda r: enabled_name(r.enabled),
            CENTER,
            color=lambda r: None if r.enabled else GONE_TEXT,
        ),
        Column(QCoreApplication.translate("Channels", "Orders"), lambda r: r.orders, RIGHT),
        Column(
            QCoreApplication.translate("Channels", "Unsettled"),
            lambda r: r.unsettled,
            RIGHT,
            color=lambda r: WAIT_TEXT if r.unsettled else None,
        ),
    ]


def shop_model(runner: OperationRunner, *, page_size: int, parent: QObject) -> PagedTableModel:
    """Channel shops; a disabled one is greyed."""
    return PagedTableModel(
        shop_columns(),
        runner,
        page_size=page_size,
        background=lambda row, _col: None if row.enabled else DIM_BACKGROUND,
        parent=parent,
    )


# -- orders ----------------------------------------------------------------------------------------


def _redeem_colour(row: OrderRow) -> str:
    return DONE_TEXT if row.redeem_state == "redeemed" else WAIT_TEXT


def _verify_colour(row: OrderRow) -> str:
    return DONE_TEXT if row.verify_state == "verified" else WAIT_TEXT


def _after_sale_colour(row: OrderRow) -> str | None:
    return {"pending": WAIT_TEXT, "refunded": BAD_TEXT, "reissued": DONE_TEXT}.get(row.after_sale)


def is_closed(row: OrderRow) -> bool:
    """Nothing more happens to it: rejected, refunded, or a test order."""
    return row.rejected or row.after_sale == "refunded" or row.test


def order_columns() -> list[Column[OrderRow]]:
    """SPEC §8: order number, shop, user id, product, created and redeemed time, the states, the
    masked card key, the redemption link, the refund / reject reason."""
    return [
        Column(QCoreApplication.translate("Channels", "Order no."), lambda r: r.order_no),
        Column(QCoreApplication.translate("Channels", "Shop"), lambda r: r.shop_name),
        Column(
            QCoreApplication.translate("Channels", "Origin"),
            lambda r: origin_name(r.origin),
            CENTER,
        ),
        Column(QCoreApplication.translate("Channels", "User ID"), lambda r: r.channel_user_id),
        Column(
            QCoreApplication.translate("Channels", "Product"),
            lambda r: r.product_name or r.sku_code,
            tooltip=lambda r: r.sku_code,
        ),
        Column(QCoreApplication.translate("Channels", "Qty"), lambda r: r.quantity, RIGHT),
        Column(
            QCoreApplication.translate("Channels", "Amount"), lambda r: r.amount_fen, RIGHT, fmt_fen
        ),
        Column(QCoreApplication.translate("Channels", "Created"), lambda r: local(r.created_at)),
        Column(
            QCoreApplication.translate("Channels", "Redeemed at"), lambda r: local(r.redeemed_at)
        ),
        Column(
            QCoreApplication.translate("Channels", "Redemption"),
            lambda r: redeem_state_name(r.redeem_state),
            CENTER,
            color=_redeem_colour,
        ),
        Column(
            QCoreApplication.translate("Channels", "Verification"),
            lambda r: verify_state_name(r.verify_state),
            CENTER,
            color=_verify_colour,
            tooltip=lambda r: (
                QCoreApplication.translate("Channels", "Verified at {store}, {time}").format(
                    store=r.verified_store_code or "", time=local(r.verified_at)
                )
                if r.verified_at
                else ""
            ),
        ),
        Column(
            QCoreApplication.translate("Channels", "After sale"),
            lambda r: after_sale_name(r.after_sale),
            CENTER,
            color=_after_sale_colour,
        ),
        Column(
            QCoreApplication.translate("Channels", "Marks"),
            flags_text,
            CENTER,
            color=lambda r: BAD_TEXT if (r.frozen or r.rejected) else None,
        ),
        Column(QCoreApplication.translate("Channels", "Card key"), keys_text),
        Column(
            QCoreApplication.translate("Channels", "Redeem code"),
            lambda r: format_code(r.redeem_code) if r.redeem_code else "",
        ),
        Column(
            QCoreApplication.translate("Channels", "Redemption link"), lambda r: r.redemption_link
        ),
        Column(
            QCoreApplication.translate("Channels", "Reason"),
            lambda r: r.reason,
            tooltip=lambda r: r.reason,
        ),
    ]


def order_model(
    runner: OperationRunner,
    *,
    page_size: int,
    parent: QObject,
    overdue: set[str] | None = None,
) -> PagedTableModel:
    """Channel orders; a closed one is greyed, one in ``overdue`` (order numbers of the alert)
    is amber."""
    late = overdue if overdue is not None else set()
    return PagedTableModel(
        order_columns(),
        runner,
        page_size=page_size,
        background=lambda row, _col: (
            ALERT_BACKGROUND if row.order_no in late else DIM_BACKGROUND if is_closed(row) else None
        ),
        parent=parent,
    )


# -- the import report -----------------------------------------------------------------------------


def import_columns() -> list[Column[RowProblem | KnownOrder]]:
    """A rejected row (row, column, reason) or a skipped known order (row, its number)."""

    def what(r: RowProblem | KnownOrder) -> str:
        if isinstance(r, KnownOrder):
            return (
                QCoreApplication.translate("Channels", "Listed twice in the file: skipped")
                if r.in_file
                else QCoreApplication.translate("Channels", "Already imported: skipped")
            )
        return import_problem_text(r)

    return [
        Column(QCoreApplication.translate("Channels", "Row"), lambda r: r.row, RIGHT),
        Column(
            QCoreApplication.translate("Channels", "Column"),
            lambda r: r.column if isinstance(r, RowProblem) else "",
        ),
        Column(
            QCoreApplication.translate("Channels", "Value"),
            lambda r: r.value if isinstance(r, RowProblem) else r.order_no,
        ),
        Column(
            QCoreApplication.translate("Channels", "Reason"),
            what,
            color=lambda r: GONE_TEXT if isinstance(r, KnownOrder) else BAD_TEXT,
        ),
    ]


def import_problem_text(p: RowProblem) -> str:
    """A rejected cell's reason in the interface language (the service's English otherwise)."""
    return {
        "import_required": lambda: QCoreApplication.translate("Channels", "Empty"),
        "import_too_long": lambda: QCoreApplication.translate("Channels", "Too long"),
        "import_control": lambda: QCoreApplication.translate(
            "Channels", "Contains control characters"
        ),
        "import_flag": lambda: QCoreApplication.translate("Channels", "Not yes or no (是/否, 1/0)"),
        "import_time": lambda: QCoreApplication.translate(
            "Channels", "Not a plausible time (e.g. 2026-11-21 14:30:00)"
        ),
        "import_quantity": lambda: QCoreApplication.translate(
            "Channels", "Not a whole number from 1 to 100"
        ),
        "import_amount": lambda: QCoreApplication.translate(
            "Channels", "Not an amount in yuan (e.g. 25.00)"
        ),
        "import_origin": lambda: QCoreApplication.translate(
            "Channels", "Origin is platform or channel (平台/渠道)"
        ),
        "import_shop": lambda: QCoreApplication.translate(
            "Channels", "No channel shop by this name"
        ),
        "import_shop_disabled": lambda: QCoreApplication.translate(
            "Channels", "This shop is disabled"
        ),
        "import_sku": lambda: QCoreApplication.translate("Channels", "No SKU with this code"),
    }.get(p.code, lambda: p.message)()


def import_model(rows: list[RowProblem | KnownOrder], parent: QObject) -> RowTableModel:
    model = RowTableModel(import_columns(), parent)
    model.set_rows(rows)
    return model
