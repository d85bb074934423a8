"""Table model, display names and refusals of the sync-exceptions area (同步异常).

The list model is a ``PagedTableModel`` (``backoffice.models``) over
``services.sync_exceptions.SyncExceptionRow``. The functions here turn what ``sync.ingest``
stored (a kind, a document kind, a detail of ids, fen, thousandths and UTC times) into the text
a manager reads, through Qt's translation (context ``SyncExceptionScreen``): each kind in words
with a line saying what it means and what to do. They never query anything: the document
numbers and the names of the SKUs, warehouses and people a detail mentions come with the row.
``describe`` words the service's refusals, falling back to ``backoffice.messages``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QCoreApplication, QObject

from backoffice.messages import describe as describe_backoffice
from backoffice.models import PagedTableModel
from backoffice.org_models import BAD_TEXT, DIM_BACKGROUND, GONE_TEXT, WAIT_TEXT, local
from shared.domain.errors import DomainError
from shared.domain.money import format_yuan
from shared.qt.errors import method_name
from shared.qt.operations import OperationRunner
from shared.qt.table_model import CENTER, RIGHT, Column
from shared.services.sync_exceptions import SyncExceptionRow

#: the longest one-line detail a cell shows (the tooltip and the detail pane show it all)
DETAIL_CELL = 36
TIME = "%Y-%m-%d %H:%M:%S"
#: when it was handled, in the list's state cell (the detail pane and the export say the year)
SHORT_TIME = "%m-%d %H:%M"


# -- kinds -----------------------------------------------------------------------------------------


def _kinds() -> dict[str, tuple[str, str]]:
    """kind -> (name, what it means and what to do)."""
    return {
        "stale_price": (
            QCoreApplication.translate("SyncExceptionScreen", "Price out of date"),
            QCoreApplication.translate(
                "SyncExceptionScreen",
                "The counter sold at a price head office had already changed (it had not pulled "
                "the new price yet). Check the difference; the counter takes the new price at "
                "its next sync.",
            ),
        ),
        "shift_closed": (
            QCoreApplication.translate("SyncExceptionScreen", "Document in a closed shift"),
            QCoreApplication.translate(
                "SyncExceptionScreen",
                "The document arrived for a shift head office had already closed, so the shift's "
                "figures changed after its close. Review the shift again.",
            ),
        ),
        "shift_unknown": (
            QCoreApplication.translate("SyncExceptionScreen", "Unknown shift"),
            QCoreApplication.translate(
                "SyncExceptionScreen",
                "A document named a shift head office had never heard of; a stand-in shift was "
                "opened to hold it. Check the counter's shifts and close the stand-in.",
            ),
        ),
        "shift_force_closed": (
            QCoreApplication.translate("SyncExceptionScreen", "Shift closed by head office"),
            QCoreApplication.translate(
                "SyncExceptionScreen",
                "The counter opened a new shift while head office still held an older one open; "
                "the older one was closed without a cash count. Count and review it by hand.",
            ),
        ),
        "shift_already_closed": (
            QCoreApplication.translate("SyncExceptionScreen", "Shift closed twice"),
            QCoreApplication.translate(
                "SyncExceptionScreen",
                "The counter closed a shift head office had already closed, with other figures. "
                "Compare the two closings and correct the shift review.",
            ),
        ),
        "receipt_no_reused": (
            QCoreApplication.translate("SyncExceptionScreen", "Receipt number reused"),
            QCoreApplication.translate(
                "SyncExceptionScreen",
                "A counter (perhaps restored from an old copy) issued a number already taken; the "
                "document was kept under a suffixed number. Find it by its printed number.",
            ),
        ),
        "duplicate_payment_ref": (
            QCoreApplication.translate("SyncExceptionScreen", "Payment reference used twice"),
            QCoreApplication.translate(
                "SyncExceptionScreen",
                "The provider's trade number had already paid another sale. Ask the payment "
                "provider whether the customer paid once or twice; refund if twice.",
            ),
        ),
        "journal_conflict": (
            QCoreApplication.translate("SyncExceptionScreen", "Journal conflict"),
            QCoreApplication.translate(
                "SyncExceptionScreen",
                "The counter's journal forked from head office's (a counter restored from an old "
                "copy). Check the counter's data; call support if it happens again.",
            ),
        ),
        "card_key_conflict": (
            QCoreApplication.translate("SyncExceptionScreen", "Card key conflict"),
            QCoreApplication.translate(
                "SyncExceptionScreen",
                "A card key sold at the counter was bound to another sale, or its lease had lost "
                "it. Check the key the customer got; issue another if it does not work.",
            ),
        ),
        "negative_stock": (
            QCoreApplication.translate("SyncExceptionScreen", "Stock below zero"),
            QCoreApplication.translate(
                "SyncExceptionScreen",
                "A sale took the stock below zero (e.g. two counters sold the last unit "
                "offline). Count the SKU and correct the stock with a voucher.",
            ),
        ),
        "serial_not_in_stock": (
            QCoreApplication.translate("SyncExceptionScreen", "Serial number not in stock"),
            QCoreApplication.translate(
                "SyncExceptionScreen",
                "A unit was sold whose serial number the stock book did not hold in this store. "
                "Find where the unit came from and correct the serial records.",
            ),
        ),
        "topup_not_applied": (
            QCoreApplication.translate("SyncExceptionScreen", "Top-up not applied"),
            QCoreApplication.translate(
                "SyncExceptionScreen",
                "A member top-up could not be applied centrally (unknown member, or applied "
                "before). Check the member's balance; apply it by hand if money was taken.",
            ),
        ),
        "count_without_stocktake": (
            QCoreApplication.translate("SyncExceptionScreen", "Count without a stocktake"),
            QCoreApplication.translate(
                "SyncExceptionScreen",
                "A count was scanned while no count sheet was open for the store; it was not "
                "added. Open a stocktake and count the SKU again.",
            ),
        ),
        "count_before_stocktake": (
            QCoreApplication.translate("SyncExceptionScreen", "Count before the stocktake"),
            QCoreApplication.translate(
                "SyncExceptionScreen",
                "A count was scanned before the open count sheet was opened; it was not added. "
                "Count the SKU again on the sheet.",
            ),
        ),
        "count_unknown_sku": (
            QCoreApplication.translate("SyncExceptionScreen", "Count of an unknown SKU"),
            QCoreApplication.translate(
                "SyncExceptionScreen",
                "A count named a SKU head office does not know; it was not added. Check the "
                "barcode, add the product if needed and count again.",
            ),
        ),
        "count_not_countable": (
            QCoreApplication.translate("SyncExceptionScreen", "Count of a product not counted"),
            QCoreApplication.translate(
                "SyncExceptionScreen",
                "A count named a service or a card-key product, which has no shelf stock; it was "
                "not added. Nothing to correct.",
            ),
        ),
        "count_out_of_scope": (
            QCoreApplication.translate("SyncExceptionScreen", "Count outside the stocktake"),
            QCoreApplication.translate(
                "SyncExceptionScreen",
                "A count named a SKU outside the open sheet's categories; it was not added. "
                "Count it on a sheet that covers it, if needed.",
            ),
        ),
        "retired_terminal": (
            QCoreApplication.translate("SyncExceptionScreen", "Document from a retired terminal"),
            QCoreApplication.translate(
                "SyncExceptionScreen",
                "A retired terminal sent this document; it was kept. Find out who still uses "
                "the terminal and stop it.",
            ),
        ),
    }


def kind_name(kind: str) -> str:
    known = _kinds().get(kind)
    if known is not None:
        return known[0]
    return QCoreApplication.translate("SyncExceptionScreen", "Other ({kind})").format(kind=kind)


def kind_explanation(kind: str) -> str:
    known = _kinds().get(kind)
    if known is not None:
        return known[1]
    return QCoreApplication.translate(
        "SyncExceptionScreen", "Not known to this version of the back office: see the detail."
    )


def document_kind_name(kind: str) -> str:
    return {
        "sale": QCoreApplication.translate("SyncExceptionScreen", "Sale"),
        "refund": QCoreApplication.translate("SyncExceptionScreen", "Refund"),
        "shift": QCoreApplication.translate("SyncExceptionScreen", "Shift"),
        "shift_open": QCoreApplication.translate("SyncExceptionScreen", "Shift opening"),
        "shift_close": QCoreApplication.translate("SyncExceptionScreen", "Shift closing"),
        "cash_movement": QCoreApplication.translate("SyncExceptionScreen", "Cash in / out"),
        "journal_entry": QCoreApplication.translate("SyncExceptionScreen", "Journal entry"),
        "journal": QCoreApplication.translate("SyncExceptionScreen", "Journal entry"),
        "payment": QCoreApplication.translate("SyncExceptionScreen", "Payment"),
        "member_topup": QCoreApplication.translate("SyncExceptionScreen", "Member top-up"),
        "stock_count": QCoreApplication.translate("SyncExceptionScreen", "Stock count"),
    }.get(kind, kind)


# -- cells -----------------------------------------------------------------------------------------


def store_text(row: SyncExceptionRow) -> str:
    return f"{row.store_code} {row.store_name}".strip() or row.store_id


def terminal_text(row: SyncExceptionRow) -> str:
    return str(row.terminal_number) if row.terminal_number is not None else "?"


def document_text(row: SyncExceptionRow) -> str:
    """The document's kind, and its receipt / refund number when it is a sale or a refund."""
    name = document_kind_name(row.document_kind)
    return f"{name} {row.document_no}" if row.document_no else name


def resolver_text(row: SyncExceptionRow) -> str:
    if row.resolver_name:
        return row.resolver_name
    return row.resolver_account or (row.resolved_by or "")


def state_text(row: SyncExceptionRow, fmt: str = "%Y-%m-%d %H:%M") -> str:
    if row.resolved_at is None:
        return QCoreApplication.translate("SyncExceptionScreen", "Open")
    return QCoreApplication.translate("SyncExceptionScreen", "Handled by {who}, {time}").format(
        who=resolver_text(row), time=local(row.resolved_at, fmt)
    )


def _short(text: str, limit: int = DETAIL_CELL) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


# -- the detail, readable --------------------------------------------------------------------------


def _money(value: object) -> str:
    if isinstance(value, int) and not isinstance(value, bool):
        return "¥" + format_yuan(value)
    return QCoreApplication.translate("SyncExceptionScreen", "not priced")


def _qty(value: object) -> str:
    if not isinstance(value, int) or isinstance(value, bool):
        return str(value)
    sign = "-" if value < 0 else ""
    whole, part = divmod(abs(value), 1000)
    return f"{sign}{whole}" if not part else f"{sign}{whole}.{part:03d}".rstrip("0")


def _when(value: object) -> str:
    if isinstance(value, datetime):
        return local(value, TIME)
    if isinstance(value, str) and value:
        try:
            at = datetime.fromisoformat(value)
        except ValueError:
            return value
        return local(at, TIME) if at.tzinfo is not None else value
    return "—"


def _plain(value: object) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return (
            QCoreApplication.translate("SyncExceptionScreen", "yes")
            if value
            else QCoreApplication.translate("SyncExceptionScreen", "no")
        )
    if isinstance(value, list):
        return "、".join(_plain(v) for v in value) or "—"
    if isinstance(value, dict):
        return "; ".join(f"{k}: {_plain(v)}" for k, v in value.items())
    return str(value)


def _price_line(line: object) -> str:
    if not isinstance(line, dict):
        return _plain(line)
    return QCoreApplication.translate(
        "SyncExceptionScreen", "Line {no} {code} {name}: sold at {sold}, head office {central}"
    ).format(
        no=line.get("line_no", "?"),
        code=line.get("sku_code", ""),
        name=line.get("name", ""),
        sold=_money(line.get("sold_at_fen")),
        central=_money(line.get("central_fen")),
    )


def _payment_line(payment: object) -> str:
    if not isinstance(payment, dict):
        return _plain(payment)
    return QCoreApplication.translate(
        "SyncExceptionScreen", "Payment: {method} {amount}, trade number {ref}"
    ).format(
        method=method_name(str(payment.get("method", ""))),
        amount=_money(payment.get("amount_fen")),
        ref=payment.get("provider_ref") or "—",
    )


def _closing_line(close: object) -> str:
    if not isinstance(close, dict):
        return _plain(close)
    return QCoreApplication.translate(
        "SyncExceptionScreen",
        "The counter's closing: at {time}, expected {expected}, counted {counted}, "
        "difference {variance}",
    ).format(
        time=_when(close.get("closed_at")),
        expected=_money(close.get("expected_cash_fen")),
        counted=_money(close.get("counted_cash_fen")),
        variance=_money(close.get("variance_fen")),
    )


def _lines_for(key: str, value: object, names: dict[str, str], kind: str) -> list[str] | None:
    """The readable lines of one detail entry; None: not a key this area knows."""

    def named(v: object) -> str:
        return names.get(str(v), _plain(v))

    texts: dict[str, Callable[[], list[str]]] = {
        "receipt_no": lambda: [
            QCoreApplication.translate("SyncExceptionScreen", "Receipt: {value}").format(
                value=value
            )
        ],
        "refund_no": lambda: [
            QCoreApplication.translate("SyncExceptionScreen", "Refund: {value}").format(value=value)
        ],
        "lines": lambda: [_price_line(ln) for ln in value] if isinstance(value, list) else [],
        "shift_id": lambda: [
            QCoreApplication.translate("SyncExceptionScreen", "Shift: {value}").format(value=value)
        ],
        "shift_closed_at": lambda: [
            QCoreApplication.translate(
                "SyncExceptionScreen", "Shift closed at head office: {time}"
            ).format(time=_when(value))
        ],
        "central_closed_at": lambda: [
            QCoreApplication.translate(
                "SyncExceptionScreen", "Shift closed at head office: {time}"
            ).format(time=_when(value))
        ],
        "terminal_close": lambda: [_closing_line(value)],
        "new_shift_id": lambda: [
            QCoreApplication.translate(
                "SyncExceptionScreen", "The counter's new shift: {value}"
            ).format(value=value)
        ],
        "printed_number": lambda: [
            QCoreApplication.translate("SyncExceptionScreen", "Printed number: {value}").format(
                value=value
            )
        ],
        "stored_as": lambda: [
            QCoreApplication.translate("SyncExceptionScreen", "Stored as: {value}").format(
                value=value
            )
        ],
        "payment": lambda: [_payment_line(value)],
        "seq": lambda: [
            QCoreApplication.translate(
                "SyncExceptionScreen", "Journal entry number: {value}"
            ).format(value=value)
        ],
        "kind": lambda: [
            QCoreApplication.translate("SyncExceptionScreen", "Journal entry for: {value}").format(
                value=document_kind_name(str(value))
            )
        ],
        "document_id": lambda: [
            QCoreApplication.translate("SyncExceptionScreen", "Document id: {value}").format(
                value=value
            )
        ],
        "card_key_id": lambda: [
            QCoreApplication.translate("SyncExceptionScreen", "Card key: {value}").format(
                value=value
            )
        ],
        "bound_to": lambda: [
            QCoreApplication.translate("SyncExceptionScreen", "Bound to sale: {value}").format(
                value=_plain(value)
            )
        ],
        "state": lambda: [
            QCoreApplication.translate("SyncExceptionScreen", "State in the books: {value}").format(
                value=_plain(value)
            )
        ],
        "warehouse_id": lambda: [
            QCoreApplication.translate("SyncExceptionScreen", "Warehouse: {value}").format(
                value=named(value)
            )
        ],
        "sku_id": lambda: [
            QCoreApplication.translate("SyncExceptionScreen", "SKU: {value}").format(
                value=named(value)
            )
        ],
        "on_hand_milli": lambda: [
            QCoreApplication.translate(
                "SyncExceptionScreen", "On hand after the sale: {qty}"
            ).format(qty=_qty(value))
        ],
        "serial_no": lambda: [
            QCoreApplication.translate("SyncExceptionScreen", "Serial number: {value}").format(
                value=value
            )
        ],
        "member_id": lambda: [
            QCoreApplication.translate("SyncExceptionScreen", "Member: {value}").format(value=value)
        ],
        "amount_fen": lambda: [
            QCoreApplication.translate("SyncExceptionScreen", "Amount: {amount}").format(
                amount=_money(value)
            )
        ],
        "qty_milli": lambda: [
            QCoreApplication.translate("SyncExceptionScreen", "Counted: {qty}").format(
                qty=_qty(value)
            )
        ],
        "counted_at": lambda: [
            QCoreApplication.translate("SyncExceptionScreen", "Scanned at: {time}").format(
                time=_when(value)
            )
        ],
        "staff_id": lambda: [
            QCoreApplication.translate("SyncExceptionScreen", "By: {value}").format(
                value=named(value)
            )
        ],
        "stocktake_no": lambda: [
            QCoreApplication.translate("SyncExceptionScreen", "Count sheet: {value}").format(
                value=value
            )
        ],
        "opened_at": lambda: [
            QCoreApplication.translate(
                "SyncExceptionScreen", "Count sheet opened at: {time}"
            ).format(time=_when(value))
        ],
        "number": lambda: [
            QCoreApplication.translate(
                "SyncExceptionScreen", "Retired terminal number: {value}"
            ).format(value=value)
        ],
        # the server's own words, in English: the kind's explanation says it in the interface's
        "reason": lambda: [],
        # the whole journal entry and its hash: in the full detail only
        "entry": lambda: [],
        "hash": lambda: [],
    }
    if key == "kind" and kind != "journal_conflict":
        return None
    make = texts.get(key)
    return make() if make is not None else None


def detail_lines(row: SyncExceptionRow, *, brief: bool = False) -> list[str]:
    """The detail as lines a manager reads: known entries in words (money in yuan, quantities in
    units, times in China time, SKUs, warehouses and people by name), others as ``key: value``.
    ``brief``: without the receipt / refund number the document column shows already."""
    out: list[str] = []
    detail = row.detail if isinstance(row.detail, dict) else {"value": row.detail}
    for key, value in detail.items():
        if brief and row.document_no and key in ("receipt_no", "refund_no"):
            continue
        lines = _lines_for(key, value, row.names, row.kind)
        if lines is None:
            lines = [f"{key}: {_plain(value)}"]
        out.extend(lines)
    return out


def detail_text(row: SyncExceptionRow) -> str:
    """The detail on one line, for the list's cell and the export (which show the document's
    number in a column of its own)."""
    return "; ".join(detail_lines(row, brief=True))


def detail_json(row: SyncExceptionRow) -> str:
    """The whole detail as stored, indented (Chinese as it is, not escaped)."""
    return json.dumps(row.detail, ensure_ascii=False, indent=2, sort_keys=True, default=str)


# -- refusals --------------------------------------------------------------------------------------


def describe(exc: BaseException) -> str:
    """A refusal of ``services.sync_exceptions`` in the interface language (the rest: the back
    office's and the counter's wording)."""
    if not isinstance(exc, DomainError):
        return describe_backoffice(exc)
    text = {
        "unknown_exception": lambda: QCoreApplication.translate(
            "SyncExceptionScreen", "This sync exception no longer exists"
        ),
        "store_not_allowed": lambda: QCoreApplication.translate(
            "SyncExceptionScreen", "You may see only your own stores' sync exceptions"
        ),
        "permission_denied": lambda: QCoreApplication.translate(
            "SyncExceptionScreen", "You may not handle the sync exceptions of this store"
        ),
        "exception_kind": lambda: QCoreApplication.translate(
            "SyncExceptionScreen", "Not a sync exception kind"
        ),
        "exception_state": lambda: QCoreApplication.translate(
            "SyncExceptionScreen", "Choose open, handled or all"
        ),
        "date_range": lambda: QCoreApplication.translate(
            "SyncExceptionScreen", "The date range ends before it starts"
        ),
        "unknown_store": lambda: QCoreApplication.translate("SyncExceptionScreen", "No such store"),
    }.get(exc.code)
    return text() if text is not None else describe_backoffice(exc)


# -- the list --------------------------------------------------------------------------------------


def columns() -> list[Column[SyncExceptionRow]]:
    return [
        Column(
            QCoreApplication.translate("SyncExceptionScreen", "Time"),
            lambda r: local(r.created_at, TIME),
        ),
        Column(
            QCoreApplication.translate("SyncExceptionScreen", "Store"),
            store_text,
            tooltip=store_text,
        ),
        Column(QCoreApplication.translate("SyncExceptionScreen", "Terminal"), terminal_text, RIGHT),
        Column(
            QCoreApplication.translate("SyncExceptionScreen", "Kind"),
            lambda r: kind_name(r.kind),
            color=lambda r: None if r.resolved_at else BAD_TEXT,
            tooltip=lambda r: kind_explanation(r.kind),
        ),
        Column(
            QCoreApplication.translate("SyncExceptionScreen", "Document"),
            document_text,
            tooltip=lambda r: r.document_id,
        ),
        Column(
            QCoreApplication.translate("SyncExceptionScreen", "Detail"),
            lambda r: _short(detail_text(r)),
            tooltip=lambda r: "\n".join(detail_lines(r)),
        ),
        Column(
            QCoreApplication.translate("SyncExceptionScreen", "State"),
            lambda r: state_text(r, SHORT_TIME),
            CENTER,
            tooltip=state_text,
            color=lambda r: GONE_TEXT if r.resolved_at else WAIT_TEXT,
        ),
    ]


def exception_model(runner: OperationRunner, *, page_size: int, parent: QObject) -> PagedTableModel:
    """The exceptions, newest first; a handled one is greyed."""
    return PagedTableModel(
        columns(),
        runner,
        page_size=page_size,
        background=lambda row, _col: DIM_BACKGROUND if row.resolved_at else None,
        parent=parent,
    )
