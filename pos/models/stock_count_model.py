"""The counts scanned at the counter (盘点扫码), newest first: time, code, name, quantity, the
SKU's running total on this list, and where the count is (waiting to sync, on a count sheet)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication, QModelIndex

from shared.qt.money import fmt_quantity
from shared.qt.table_model import CENTER, RIGHT, Column, RowTableModel
from shared.services.stock_count import Counted
from shared.services.sync_status import MessageState

# where a count is: in the outbox, on the open count sheet, sent but on no sheet, refused
WAITING, COUNTED, NOT_COUNTED, REJECTED = "waiting", "counted", "not_counted", "rejected"

_COLOURS = {WAITING: "#8d6e00", COUNTED: "#2e7d32", NOT_COUNTED: "#c62828", REJECTED: "#c62828"}


@dataclass(frozen=True)
class CountRow:
    count: Counted
    # the SKU's total on this list once this scan was added (repeat scans add up)
    total_milli: int
    state: str = WAITING
    # the count sheet it landed on (``COUNTED``)
    sheet_no: str = ""


def state_of(message: MessageState) -> tuple[str, str]:
    """(state, count sheet number) of a count's outbox message."""
    if message.status == "pending":
        return WAITING, ""
    if message.status == "sent":
        result = message.result or {}
        if result.get("counted"):
            return COUNTED, str(result.get("stocktake_no") or "")
        return NOT_COUNTED, ""
    return REJECTED, ""


def _qty(milli: int, unit: str) -> str:
    return f"{fmt_quantity(milli)} {unit}".strip()


class StockCountModel(RowTableModel[CountRow]):
    TIME, CODE, NAME, QTY, TOTAL, STATE = range(6)

    def __init__(self, parent=None, *, timezone: str | None = None) -> None:
        self._tz = ZoneInfo(timezone) if timezone else None
        super().__init__(
            [
                Column(
                    QCoreApplication.translate("StockCountModel", "Time"),
                    self._time,
                    align=CENTER,
                ),
                Column(QCoreApplication.translate("StockCountModel", "Code"), self._code),
                Column(QCoreApplication.translate("StockCountModel", "Name"), self._name),
                Column(
                    QCoreApplication.translate("StockCountModel", "Qty"),
                    lambda r: _qty(r.count.qty_milli, r.count.unit),
                    align=RIGHT,
                ),
                Column(
                    QCoreApplication.translate("StockCountModel", "Total"),
                    lambda r: _qty(r.total_milli, r.count.unit),
                    align=RIGHT,
                ),
                Column(
                    QCoreApplication.translate("StockCountModel", "Sync"),
                    self._state,
                    color=lambda r: _COLOURS.get(r.state),
                    tooltip=self._state_tip,
                ),
            ],
            parent,
        )

    # -- rows ---------------------------------------------------------------------------------
    def add(self, counted: Counted) -> CountRow:
        """A count just written (waiting to sync), on top; its total adds to the SKU's."""
        row = CountRow(counted, self.total_of(counted.sku_id) + counted.qty_milli)
        self.beginInsertRows(QModelIndex(), 0, 0)
        self._rows.insert(0, row)
        self.endInsertRows()
        return row

    def total_of(self, sku_id: str) -> int:
        """The SKU's total on this list (0 when not scanned)."""
        return sum(r.count.qty_milli for r in self._rows if r.count.sku_id == sku_id)

    def waiting(self) -> list[str]:
        """The outbox message ids of the counts still waiting to sync."""
        return [r.count.msg_id for r in self._rows if r.state == WAITING]

    def apply_states(self, messages: Mapping[str, MessageState]) -> None:
        """Where the counts' messages are now (read from the outbox)."""
        for i, row in enumerate(self._rows):
            message = messages.get(row.count.msg_id)
            if message is None:
                continue
            state, sheet_no = state_of(message)
            if (state, sheet_no) == (row.state, row.sheet_no) or state == WAITING:
                continue  # a message only moves on from waiting (sent once, never unsent)
            self._rows[i] = replace(row, state=state, sheet_no=sheet_no)
            self.dataChanged.emit(self.index(i, 0), self.index(i, self.columnCount() - 1))

    def tally(self) -> dict[str, int]:
        """How many counts are in each state."""
        out = dict.fromkeys((WAITING, COUNTED, NOT_COUNTED, REJECTED), 0)
        for r in self._rows:
            out[r.state] += 1
        return out

    def sheets(self) -> list[str]:
        """The count sheets the counts landed on, in the order first seen (oldest first)."""
        return list(dict.fromkeys(r.sheet_no for r in reversed(self._rows) if r.sheet_no))

    def sku_count(self) -> int:
        return len({r.count.sku_id for r in self._rows})

    # -- cells --------------------------------------------------------------------------------
    def _time(self, r: CountRow) -> str:
        at = r.count.counted_at
        if self._tz is not None and at.tzinfo is not None:
            at = at.astimezone(self._tz)
        return at.strftime("%H:%M:%S")

    @staticmethod
    def _code(r: CountRow) -> str:
        return r.count.sku_code

    @staticmethod
    def _name(r: CountRow) -> str:
        return r.count.name

    @staticmethod
    def _state(r: CountRow) -> str:
        if r.state == COUNTED:
            return QCoreApplication.translate("StockCountModel", "On sheet {no}").format(
                no=r.sheet_no
            )
        if r.state == NOT_COUNTED:
            return QCoreApplication.translate("StockCountModel", "Not on a sheet")
        if r.state == REJECTED:
            return QCoreApplication.translate("StockCountModel", "Refused")
        return QCoreApplication.translate("StockCountModel", "Waiting to sync")

    @staticmethod
    def _state_tip(r: CountRow) -> str:
        if r.state == COUNTED:
            return QCoreApplication.translate(
                "StockCountModel", "Added to count sheet {no} at head office"
            ).format(no=r.sheet_no)
        if r.state == NOT_COUNTED:
            return QCoreApplication.translate(
                "StockCountModel",
                "Head office received it, but no count sheet of this store was open for it: the "
                "manager sees it among the sync exceptions",
            )
        if r.state == REJECTED:
            return QCoreApplication.translate(
                "StockCountModel", "Head office refused the message: tell the manager"
            )
        return QCoreApplication.translate(
            "StockCountModel", "Kept on this counter; it goes to head office with the next sync"
        )
