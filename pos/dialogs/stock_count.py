"""Counting stock at the counter (盘点扫码, SPEC §10): scan what is on the shelf, each scan counts.

A scan is one write (``CounterBackend.count_stock``: ``services.stock_count.count``), run by the
operation runner on the write executor in scan order, so the field is free for the next scan at
once. It needs no connection: the count waits in the outbox and lands on the open count sheet of
the store's warehouse when the background sync sends it; the list shows where each count is, read
from the outbox (a ``read`` operation) whenever the sync controller says something changed.
``3*code`` counts three, as on the sale screen. Esc closes (after the last scans are saved).

``open_stock_count(parts)`` opens the dialog (the sale screen's Ctrl+I) and wires it to the
runner and the sync; ``StockCountDialog`` is layout, keys and what it shows.
"""

from __future__ import annotations

import contextlib
import logging
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QApplication, QHeaderView, QWidget

from pos.dialogs.base import CounterDialog
from pos.models.stock_count_model import COUNTED, NOT_COUNTED, REJECTED, WAITING, StockCountModel
from pos.views.widgets import big_line_edit, label, message_label, set_message, table_view
from shared.domain.errors import ValidationError
from shared.qt.errors import describe
from shared.qt.money import fmt_quantity, parse_quantity
from shared.services.stock_count import MAX_COUNT_MILLI, Counted
from shared.services.sync_status import MessageState

if TYPE_CHECKING:
    from pos.screens.base import Parts

log = logging.getLogger(__name__)

# a barcode or code, with room for a "9999*" in front
MAX_CODE = 60
# the counts are delivered in the order they were scanned
SCAN_LANE = "stock-count"
# the outbox is read in this lane, so an older answer never lands after a newer one
STATES_LANE = "stock-count-states"
# "3*6901234567892": three of the item; "2.5*P000001": 2.5 kg of a loose item
_MULTIPLY = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*[*xX×]\s*(\S+)\s*$")


def parse_scan(text: str) -> tuple[str, int | None]:
    """``code`` -> (code, None: what the scan says); ``3*code`` -> (code, 3000 thousandths).
    ``ValidationError`` when the quantity in front is not one."""
    text = (text or "").strip()
    m = _MULTIPLY.match(text)
    if m is None:
        return text, None
    return m.group(2), parse_quantity(m.group(1), weighed=True)


class StockCountDialog(CounterDialog):
    """A code field (Enter counts), the last count large, the counts of this visit below."""

    # the code scanned or typed, and the quantity typed in front of it (thousandths) or None
    submitted = Signal(str, object)

    def __init__(self, model: StockCountModel, parent: QWidget | None = None) -> None:
        super().__init__("", parent)
        title = self.tr("Count stock")
        self.setWindowTitle(title)
        self.title_label.setText(title)
        self.ok_button.set_caption(self.tr("Count"))
        self.cancel_button.set_caption(self.tr("Close"))
        self.code = big_line_edit("countCode", self.tr("Scan or type a code · 3*code counts three"))
        self.code.setMaxLength(MAX_CODE)
        self.add_row(self.tr("Barcode / code"), self.code)
        self.last = label("", "countLast")
        self.last.setWordWrap(True)
        big = self.last.font()
        big.setBold(True)
        big.setPointSizeF(big.pointSizeF() * 1.3)
        self.last.setFont(big)
        self.body.addWidget(self.last)
        self.model = model
        self.table = table_view("countTable", self)
        self.table.setModel(model)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(StockCountModel.NAME, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.table.setMinimumHeight(280)
        self.body.addWidget(self.table, 1)
        self.summary = message_label("countSummary")
        self.body.addWidget(self.summary)
        hint = label(
            self.tr(
                "Each scan counts one (3*code: three) for the store's open count sheet. Counts are "
                "kept on this counter and go to head office with the sync, also after a time "
                "offline."
            ),
            "hint",
        )
        hint.setWordWrap(True)
        self.body.addWidget(hint)
        self.setMinimumWidth(820)
        # scans sent to be counted whose answer has not arrived
        self.pending = 0
        # Esc was pressed while scans were being saved: close once they are
        self._closing = False
        # the background sync reached head office in its last round (None: not known)
        self.online: bool | None = None
        self.on_escape = self._close_when_saved
        self.show_summary()
        self.code.setFocus()

    # -- scanning ---------------------------------------------------------------------------------
    def submit(self) -> None:
        text = self.code.text().strip()
        self.code.clear()
        self.code.setFocus()
        if not text:
            self.show_error(self.tr("Scan or type a barcode or code"))
            return
        try:
            code, qty = parse_scan(text)
        except ValidationError as exc:
            self.refused(self.refusal_text(exc))
            return
        self.pending += 1
        self.submitted.emit(code, qty)

    def counted(self, counted: Counted) -> None:
        """A scan was counted: on top of the list, and large above it."""
        self.pending = max(0, self.pending - 1)
        row = self.model.add(counted)
        self.table.selectRow(0)
        self.table.scrollToTop()
        self.last.setText(
            self.tr("{code} {name}: +{qty}, {total} counted here").format(
                code=counted.sku_code,
                name=counted.name,
                qty=f"{fmt_quantity(counted.qty_milli)} {counted.unit}".strip(),
                total=f"{fmt_quantity(row.total_milli)} {counted.unit}".strip(),
            )
        )
        self.show_info(self.tr("Counted. Scan the next item, or Esc to close"))
        self.show_summary()
        if self._closing and not self.pending:
            self.reject()

    def refused(self, text: str, *, scanned: bool = False) -> None:
        """A scan was not counted (``scanned``: its answer came back from the service)."""
        if scanned:
            self.pending = max(0, self.pending - 1)
        self._closing = False  # stay open: the refusal must be read
        self.show_error(text)
        QApplication.beep()
        self.code.setFocus()

    def refusal_text(self, exc: BaseException, actor_name: str = "") -> str:
        """Why a scan was not counted, in the interface language."""
        code = getattr(exc, "code", "")
        details = getattr(exc, "details", {}) or {}
        if code == "permission_denied":
            return self.tr("{name} may not count stock at this store: nothing was counted").format(
                name=actor_name
            )
        if code == "not_countable":
            return self.tr("{name} is not goods kept on a shelf: it is not counted").format(
                name=details.get("name", "")
            )
        if code == "unknown_code":
            return self.tr("Unknown barcode or code: {code}").format(code=details.get("value", ""))
        if code == "quantity_not_positive":
            return self.tr("A count must be above zero")
        if code == "quantity_absurd":
            return self.tr("That quantity is implausible: at most {max} per scan").format(
                max=fmt_quantity(MAX_COUNT_MILLI)
            )
        if code == "quantity_fractional":
            return self.tr("{name} is counted in whole units").format(name=details.get("name", ""))
        if code == "quantity_format":
            return self.tr("Not a quantity: {value} (3*code counts three)").format(
                value=details.get("value", "")
            )
        return describe(exc)

    # -- where the counts are -----------------------------------------------------------------------
    def show_states(self, messages: Mapping[str, MessageState]) -> None:
        self.model.apply_states(messages)
        self.show_summary()

    def set_online(self, online: bool | None) -> None:
        self.online = online
        self.show_summary()

    def show_summary(self) -> None:
        """How many scans of how many items, and how many wait to sync / are on a count sheet."""
        rows = self.model.rowCount()
        if not rows:
            set_message(self.summary, self.tr("Nothing counted yet"), "info")
            return
        tally = self.model.tally()
        parts = [
            self.tr("Scans: {scans} · SKUs: {skus}").format(scans=rows, skus=self.model.sku_count())
        ]
        level = "ok"
        if tally[WAITING]:
            parts.append(self.tr("waiting to sync: {n}").format(n=tally[WAITING]))
            if self.online is False:
                parts.append(self.tr("offline, kept on this counter"))
                level = "warning"
            else:
                level = "info"
        if tally[COUNTED]:
            parts.append(
                self.tr("on count sheet {no}: {n}").format(
                    no=", ".join(self.model.sheets()), n=tally[COUNTED]
                )
            )
        if tally[NOT_COUNTED]:
            parts.append(self.tr("not on a count sheet: {n}").format(n=tally[NOT_COUNTED]))
            level = "error"
        if tally[REJECTED]:
            parts.append(self.tr("refused by head office: {n}").format(n=tally[REJECTED]))
            level = "error"
        if not tally[WAITING] and level == "ok":
            parts.append(self.tr("all synced"))
        set_message(self.summary, " · ".join(parts), level)

    # -- closing ------------------------------------------------------------------------------------
    def _close_when_saved(self) -> None:
        if self.pending:
            self._closing = True
            self.show_info(self.tr("Saving the last scans…"))
            return
        self.reject()


def open_stock_count(parts: Parts) -> StockCountDialog:
    """Open the counting dialog over the counter window and wire it to the runner and the sync."""
    session, backend, sync = parts.session, parts.backend, parts.sync
    model = StockCountModel(timezone=session.ctx.timezone)
    dialog = StockCountDialog(model, parts.window)
    model.setParent(dialog)

    def submitted(code: str, qty_milli: int | None) -> None:
        actor = session.actor
        name = actor.name if actor is not None else ""
        parts.runner.run(
            lambda: backend.count_stock(actor, code, qty_milli),
            kind="write",
            lane=SCAN_LANE,
            owner=dialog,
            on_done=counted,
            on_error=lambda exc: dialog.refused(dialog.refusal_text(exc, name), scanned=True),
            label="stock count",
        )

    def counted(count: Counted) -> None:
        dialog.counted(count)
        session.committed("stock_count")  # the background sync sends it shortly

    def sync_changed() -> None:
        dialog.set_online(sync.online if sync is not None else None)
        waiting = model.waiting()
        if not waiting:
            return
        with contextlib.suppress(RuntimeError):  # the runner is shut down: the counter closes
            parts.runner.run(
                lambda: backend.message_states(waiting),
                kind="read",
                lane=STATES_LANE,
                owner=dialog,
                on_done=dialog.show_states,
                on_error=lambda exc: log.warning("stock count states unreadable: %s", exc),
                label="stock count states",
            )

    dialog.submitted.connect(submitted)
    if sync is not None:
        sync.state_changed.connect(sync_changed)
        dialog.finished.connect(lambda _result: sync.state_changed.disconnect(sync_changed))
        dialog.set_online(sync.online)
    parts.open_dialog(dialog)
    return dialog
