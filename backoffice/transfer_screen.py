"""调拨 (transfers between warehouses, SPEC §10): the transfers out of and into the actor's
warehouses, filtered by where they go from and to and by status; the selected transfer's lines
(sent, received, the difference: short red, over green); a new transfer (``TransferEditor``);
sending a draft (after a question: the goods leave the source at once and are in transit);
receiving what arrived (``ReceiveEditor``: per line, prefilled with what was sent; the
differences are shown after); cancelling a draft.

A line is written by scanning or typing a code into the entry: Enter looks it up in the source
warehouse (off the GUI thread) and adds one (``3*code`` or the quantity field: more); scanning
the same item again adds to its line. Serial-tracked goods take one serial number per unit
instead, and the quantity follows the serial numbers.

Behaviour only: the layout is ``transfer_views``, the rows and their text ``stock_ops_models``,
the rules ``services.transfers`` (through ``stock_ops_backend``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Signal
from PySide6.QtWidgets import QWidget

from backoffice.area_kit import SavePathAsker
from backoffice.stock_ops_backend import (
    TRANSFER_STATUSES,
    Listed,
    ReceivedLine,
    StockOpsBackend,
    TransferLineInput,
    TransferQuery,
    TransferView,
)
from backoffice.stock_ops_models import (
    DRAFT_NAME_COLUMN,
    TRANSFER_LINE_NAME_COLUMN,
    DraftLine,
    describe,
    draft_line_model,
    local,
    parse_scan,
    qty,
    signed_qty,
    transfer_line_model,
    transfer_model,
    transfer_status_name,
)
from backoffice.stocktake_views import fit_columns
from backoffice.transfer_views import ReceiveDialogView, TransferAreaView, TransferDialogView
from backoffice.views import set_message
from backoffice.voucher_dialog import Confirm, ask_confirm
from shared.db.queries.inventory import StockRow, WarehouseChoice
from shared.domain.clock import Clock
from shared.domain.errors import DomainError, ValidationError
from shared.qt.money import parse_quantity
from shared.qt.operations import OperationRunner
from shared.services.auth import Actor
from shared.services.transfers import MAX_LINES

_SERIAL_SPLIT = re.compile(r"[\s,，;；、]+")


def split_serials(text: str) -> list[str]:
    """Serial numbers typed or scanned into one field: separated by spaces, commas or
    semicolons (Chinese punctuation too)."""
    return [s for s in _SERIAL_SPLIT.split(text or "") if s]


def _differences_text(view: TransferView) -> str:
    parts = [
        QCoreApplication.translate(
            "TransferScreen", "{code} {name}: sent {sent}, received {received} ({diff})"
        ).format(
            code=ln.sku_code,
            name=ln.name,
            sent=qty(ln.qty_milli, ln.unit),
            received=qty(ln.received_milli, ln.unit),
            diff=signed_qty(ln.difference_milli, ln.unit),
        )
        for ln in view.differences
    ]
    return "; ".join(parts)


# -- a new transfer --------------------------------------------------------------------------------


class TransferEditor(QObject):
    """新建调拨单. ``saved`` carries ``(TransferView, refusal or None)``: the draft (sent when
    asked and the send was not refused)."""

    saved = Signal(object)

    def __init__(
        self,
        parent: QWidget,
        runner: OperationRunner,
        backend: StockOpsBackend,
        actor: Actor,
        sources: Sequence[WarehouseChoice],
        destinations: Sequence[WarehouseChoice],
        *,
        source: str | None = None,
        confirm: Confirm = ask_confirm,
    ) -> None:
        super().__init__()
        self.runner = runner
        self.backend = backend
        self.actor = actor
        self.confirm = confirm
        self.destinations = list(destinations)
        self.lines: list[DraftLine] = []
        #: the serial-tracked SKU the entry holds, once looked up (its serial numbers follow)
        self.current: StockRow | None = None
        self._lookups = 0
        self.view = TransferDialogView(parent)
        self.setParent(self.view)  # goes with its dialog
        self.model = draft_line_model(self)
        self.view.lines.setModel(self.model)
        fit_columns(self.view.lines, DRAFT_NAME_COLUMN)
        self._texts()
        for wh in sources:
            self.view.from_warehouse.addItem(f"{wh.code} {wh.name}", wh.code)
        if source is not None:
            self.view.from_warehouse.setCurrentIndex(
                max(0, self.view.from_warehouse.findData(source))
            )
        self._fill_destinations()
        self._wire()
        self._show_item(None)
        self._refresh_lines()

    def _texts(self) -> None:
        v = self.view
        v.setWindowTitle(self.tr("New transfer"))
        v.labels["from"].setText(self.tr("From"))
        v.labels["to"].setText(self.tr("To"))
        v.labels["note"].setText(self.tr("Note"))
        v.note.setPlaceholderText(self.tr("Reason, vehicle, … (optional)"))
        v.entry_box.setTitle(self.tr("Add goods"))
        v.code_label.setText(self.tr("Code"))
        v.code.setPlaceholderText(
            self.tr("Scan or type a SKU code or barcode, then Enter · 3*code adds three")
        )
        v.qty_label.setText(self.tr("Quantity"))
        v.qty.setPlaceholderText("1")
        v.serials_label.setText(self.tr("Serial numbers"))
        v.serials.setPlaceholderText(
            self.tr("Serial-tracked goods: scan one serial number per unit, then Enter")
        )
        v.add.setText(self.tr("Add line"))
        v.remove.setText(self.tr("Remove line"))
        v.save_send.setText(self.tr("Save and send"))
        v.save_draft.setText(self.tr("Save as draft"))
        v.cancel.setText(self.tr("Cancel"))

    def _wire(self) -> None:
        v = self.view
        v.code.returnPressed.connect(self.enter_code)
        v.qty.returnPressed.connect(v.code.setFocus)
        v.serials.returnPressed.connect(self.add_serial_line)
        v.serials.textChanged.connect(self._serials_changed)
        v.add.clicked.connect(self._add_clicked)
        v.remove.clicked.connect(self.remove_line)
        v.save_send.clicked.connect(lambda: self.save(send=True))
        v.save_draft.clicked.connect(lambda: self.save(send=False))
        v.cancel.clicked.connect(v.reject)
        v.from_warehouse.currentIndexChanged.connect(lambda _i: self._source_changed())
        v.lines.selectionModel().selectionChanged.connect(lambda *_: self._enable())

    def open(self) -> None:
        self.view.open()
        self.view.code.setFocus()

    def _fill_destinations(self) -> None:
        box = self.view.to_warehouse
        chosen = box.currentData()
        source = self.view.from_warehouse.currentData()
        box.clear()
        for wh in self.destinations:
            if wh.code != source:
                box.addItem(f"{wh.code} {wh.name}", wh.code)
        box.setCurrentIndex(max(0, box.findData(chosen)))

    def _source_changed(self) -> None:
        """Another source: the stock shown and the lines' lookups were of the old one."""
        self._fill_destinations()
        self._show_item(None)
        if self.lines:  # looked up (with their stock) in the other warehouse
            self.lines = []
            self._refresh_lines()
            set_message(
                self.view.entry_error,
                self.tr("Another warehouse sends: scan the goods again"),
            )
            self.view.entry_error.setVisible(True)

    # -- the entry ---------------------------------------------------------------------------------
    def _show_item(self, row: StockRow | None) -> None:
        v = self.view
        self.current = row if row is not None and row.serial_tracked else None
        serial = self.current is not None
        v.serials.setEnabled(serial)
        v.serials_label.setEnabled(serial)
        if not serial:
            v.serials.clear()
        if row is None:
            v.item.setText(self.tr("Scan or type a code and press Enter: it is added at once"))
            return
        parts = [
            f"{row.sku_code} {row.name}",
            self.tr("unit: {unit}").format(unit=row.unit),
            self.tr("on hand here: {qty}").format(qty=qty(row.on_hand_milli, row.unit)),
        ]
        if row.serial_tracked:
            parts.append(self.tr("serial-tracked: scan one serial number per unit"))
        v.item.setText(" · ".join(parts))

    def _entry_error(self, exc: BaseException | None) -> None:
        lab = self.view.entry_error
        if exc is None:
            lab.setText("")
            lab.setVisible(False)
            return
        set_message(lab, describe(exc))
        lab.setVisible(True)

    def _add_clicked(self) -> None:
        if self.current is not None:
            self.add_serial_line()
        else:
            self.enter_code()

    def enter_code(self) -> None:
        """Look the entry's code up in the source warehouse; goods are added at once, serial-
        tracked goods wait for their serial numbers. The entry is emptied at once for the next
        scan; the lookups answer in scan order, and every scan counts."""
        v = self.view
        text = v.code.text()
        self._entry_error(None)
        try:
            scanned = parse_scan(text)
            milli = scanned.qty_milli
            if milli is None:
                typed = v.qty.text().strip()
                milli = parse_quantity(typed, weighed=True) if typed else 1000
        except ValidationError as exc:
            self._entry_error(exc)
            v.code.setFocus()
            return
        v.code.clear()
        v.qty.clear()
        v.code.setFocus()
        warehouse = v.from_warehouse.currentData()
        self._lookups += 1
        ticket = self._lookups
        code, actor, backend = scanned.code, self.actor, self.backend
        self.runner.run(
            lambda: backend.find_sku(actor, warehouse, code),
            lane=f"transfer-lookup-{id(self)}",
            on_done=lambda row: self._found(ticket, row, milli),
            on_error=lambda exc: self._not_found(code, exc),
            owner=self.view,
            label="transfer sku",
        )

    def _found(self, ticket: int, row: StockRow, milli: int) -> None:
        v = self.view
        if row.kind != "goods":
            self._show_item(row)
            self._entry_error(ValidationError("not goods", code="not_stocked"))
            return
        if row.serial_tracked:
            if ticket == self._lookups:  # (scanned on meanwhile: that scan decides)
                self._show_item(row)
                v.serials.setFocus()
                self._serials_changed()
            return
        if milli % 1000 and row.whole_units:
            self._show_item(row)
            self._entry_error(ValidationError("whole units", code="quantity_fractional"))
            return
        self._add(DraftLine(row, milli))
        if self.current is None:
            self._show_item(row)

    def _not_found(self, code: str, exc: BaseException) -> None:
        set_message(
            self.view.entry_error,
            self.tr("{code}: {reason}").format(code=code[:40], reason=describe(exc)),
        )
        self.view.entry_error.setVisible(True)

    def _serials_changed(self, *_: object) -> None:
        if self.current is not None:
            self.view.qty.setText(str(len(split_serials(self.view.serials.text()))))

    def add_serial_line(self) -> None:
        row = self.current
        if row is None:
            return
        v = self.view
        self._entry_error(None)
        serials = tuple(split_serials(v.serials.text()))
        taken = {s for ln in self.lines if ln.sku.sku_id == row.sku_id for s in ln.serials}
        if not serials:
            self._entry_error(ValidationError("serials", code="serials_missing"))
            return
        if len(set(serials)) != len(serials) or any(s in taken for s in serials):
            self._entry_error(ValidationError("twice", code="serial_duplicate"))
            return
        self._add(DraftLine(row, 1000 * len(serials), serials))
        for field in (v.code, v.qty, v.serials):
            field.clear()
        self._show_item(None)
        v.code.setFocus()

    def _add(self, line: DraftLine) -> None:
        """The same SKU adds to its line (scanning an item twice means two)."""
        for i, old in enumerate(self.lines):
            if old.sku.sku_id == line.sku.sku_id:
                self.lines[i] = DraftLine(
                    line.sku, old.qty_milli + line.qty_milli, old.serials + line.serials
                )
                at = i
                break
        else:
            if len(self.lines) >= MAX_LINES:
                self._entry_error(ValidationError("too many", code="transfer_too_long"))
                return
            self.lines.append(line)
            at = len(self.lines) - 1
        self._refresh_lines()
        self.view.lines.selectRow(at)

    def remove_line(self) -> None:
        index = self.view.lines.currentIndex()
        if not index.isValid() or not (0 <= index.row() < len(self.lines)):
            return
        del self.lines[index.row()]
        self._refresh_lines()
        self.view.code.setFocus()

    def _refresh_lines(self) -> None:
        self.model.set_rows(list(enumerate(self.lines, start=1)))
        self.view.totals.setText(
            self.tr("{lines} lines · quantity {qty}").format(
                lines=len(self.lines), qty=qty(sum(ln.qty_milli for ln in self.lines))
            )
        )
        self._enable()

    def _enable(self) -> None:
        v = self.view
        v.remove.setEnabled(v.lines.currentIndex().isValid() and bool(self.lines))
        v.save_send.setEnabled(bool(self.lines))
        v.save_draft.setEnabled(bool(self.lines))

    # -- saving ------------------------------------------------------------------------------------
    def clear_errors(self) -> None:
        for label in self.view.errors.values():
            label.setText("")
            label.setVisible(False)
        set_message(self.view.message, "", "info")

    def show_error(self, exc: BaseException) -> None:
        """Under the field the refusal is about, or (a line's) with that line selected, else at
        the foot of the dialog."""
        code = exc.code if isinstance(exc, DomainError) else ""
        field = {
            "warehouse_not_allowed": "from",
            "same_warehouse": "to",
            "warehouse_inactive": "to",
            "unknown_warehouse": "to",
            "text_too_long": "note",
        }.get(code)
        if field is not None:
            label = self.view.errors[field]
            set_message(label, describe(exc))
            label.setVisible(True)
            return
        line = exc.details.get("line") if isinstance(exc, DomainError) else None
        if isinstance(line, int) and 1 <= line <= len(self.lines):
            self.view.lines.selectRow(line - 1)
        set_message(self.view.message, describe(exc))

    def inputs(self) -> list[TransferLineInput]:
        return [TransferLineInput(ln.sku_code, ln.qty_milli, ln.serials) for ln in self.lines]

    def save(self, *, send: bool) -> None:
        self.clear_errors()
        if not self.lines:
            self.show_error(ValidationError("no lines", code="transfer_empty"))
            return
        v = self.view
        src, dst, note = (
            v.from_warehouse.currentData(),
            v.to_warehouse.currentData(),
            v.note.text(),
        )
        if send and not self.confirm(
            v,
            self.tr("Send transfer"),
            self.tr(
                "Send this transfer from {src} to {dst} now? {lines} lines, quantity {qty}. "
                "The goods leave {src} at once and are in transit until {dst} receives them."
            ).format(
                src=src,
                dst=dst,
                lines=len(self.lines),
                qty=qty(sum(ln.qty_milli for ln in self.lines)),
            ),
        ):
            return
        lines, actor, backend = self.inputs(), self.actor, self.backend

        def work() -> tuple[TransferView, DomainError | None]:
            draft = backend.create_transfer(
                actor, from_warehouse=src, to_warehouse=dst, lines=lines, note=note
            )
            if not send:
                return draft, None
            try:
                return backend.send_transfer(actor, draft.transfer_id), None
            except DomainError as exc:  # the draft stays: say why it was not sent
                return draft, exc

        v.save_send.setEnabled(False)
        v.save_draft.setEnabled(False)
        self.runner.run(
            work,
            kind="write",
            on_done=self._saved,
            on_error=self._refused,
            owner=v,
            label="save transfer",
        )

    def _saved(self, result: tuple[TransferView, DomainError | None]) -> None:
        self._enable()
        self.saved.emit(result)
        self.view.accept()

    def _refused(self, exc: BaseException) -> None:
        self._enable()
        self.show_error(exc)


# -- receiving -------------------------------------------------------------------------------------


class ReceiveEditor(QObject):
    """收货: what arrived per line (prefilled with what was sent). ``received`` carries the
    received ``TransferView``; ``refused`` a refusal that ends the dialog (received or cancelled
    meanwhile)."""

    received = Signal(object)
    refused = Signal(object)

    def __init__(
        self,
        parent: QWidget,
        runner: OperationRunner,
        backend: StockOpsBackend,
        actor: Actor,
        transfer: TransferView,
    ) -> None:
        super().__init__()
        self.runner = runner
        self.backend = backend
        self.actor = actor
        self.transfer = transfer
        v = self.view = ReceiveDialogView(parent)
        self.setParent(v)
        v.setWindowTitle(self.tr("Receive transfer"))
        v.heading.setText(
            self.tr("Receive {no} from {src} into {dst}").format(
                no=transfer.no, src=transfer.from_warehouse, dst=transfer.to_warehouse
            )
        )
        v.hint.setText(
            self.tr(
                "Count what arrived. Each line is filled in with what was sent: change the lines "
                "that differ (for serial-tracked goods, keep the serial numbers that arrived)."
            )
        )
        v.lines.setHorizontalHeaderLabels(
            [
                self.tr("#"),
                self.tr("SKU code"),
                self.tr("Name"),
                self.tr("Sent"),
                self.tr("Received"),
                self.tr("Serial numbers received"),
            ]
        )
        for ln in transfer.lines:
            field, numbers = v.add_line(
                (str(ln.line_no), ln.sku_code, ln.name, qty(ln.qty_milli, ln.unit)),
                qty(ln.qty_milli, ln.unit),
                " ".join(ln.serials) if ln.serials else None,
            )
            field.textChanged.connect(lambda _t: self._totals())
            if numbers is not None:
                field.setReadOnly(True)
                numbers.textChanged.connect(
                    lambda text, field=field: field.setText(str(len(split_serials(text))))
                )
        v.receive.setText(self.tr("Receive"))
        v.cancel.setText(self.tr("Cancel"))
        v.receive.clicked.connect(self.receive)
        v.cancel.clicked.connect(v.reject)
        self._totals()

    def open(self) -> None:
        self.view.open()
        if self.view.received:
            self.view.received[0].setFocus()
            self.view.received[0].selectAll()

    def _read(self) -> list[ReceivedLine]:
        """The lines that did not arrive as sent; ``ValidationError`` naming a bad line."""
        out = []
        for i, ln in enumerate(self.transfer.lines):
            text = self.view.received[i].text().strip()
            try:
                milli = parse_quantity(text, weighed=ln.unit == "kg")
            except ValidationError as exc:
                raise ValidationError(
                    exc.message, code=exc.code, **{**exc.details, "line": ln.line_no}
                ) from None
            numbers = self.view.serials[i]
            serials = tuple(split_serials(numbers.text())) if numbers is not None else None
            if milli == ln.qty_milli and (serials is None or set(serials) == set(ln.serials)):
                continue
            out.append(ReceivedLine(ln.line_no, milli, serials))
        return out

    def _totals(self) -> None:
        sent = sum(ln.qty_milli for ln in self.transfer.lines)
        try:
            got = sum(
                parse_quantity(f.text().strip() or "0", weighed=True) for f in self.view.received
            )
        except ValidationError:
            self.view.totals.setText("")
            return
        self.view.totals.setText(
            self.tr("Sent {sent} · received {received} · difference {diff}").format(
                sent=qty(sent), received=qty(got), diff=signed_qty(got - sent) or "0"
            )
        )

    def receive(self) -> None:
        v = self.view
        set_message(v.message, "", "info")
        try:
            received = self._read()
        except ValidationError as exc:
            set_message(v.message, describe(exc))
            return
        actor, backend, transfer_id = self.actor, self.backend, self.transfer.transfer_id
        v.receive.setEnabled(False)
        self.runner.run(
            lambda: backend.receive_transfer(actor, transfer_id, received),
            kind="write",
            on_done=self._received,
            on_error=self._refused,
            owner=v,
            label="receive transfer",
        )

    def _received(self, view: TransferView) -> None:
        self.view.receive.setEnabled(True)
        self.received.emit(view)
        self.view.accept()

    def _refused(self, exc: BaseException) -> None:
        self.view.receive.setEnabled(True)
        if isinstance(exc, DomainError) and exc.code.startswith("transfer_"):
            self.refused.emit(exc)
            self.view.reject()
            return
        set_message(self.view.message, describe(exc))


# -- the area --------------------------------------------------------------------------------------


class TransferScreen(QObject):
    def __init__(
        self,
        runner: OperationRunner,
        backend: StockOpsBackend,
        actor: Actor,
        *,
        parent: QWidget,
        clock: Clock,
        ask_save_path: SavePathAsker | None = None,
    ) -> None:
        super().__init__(parent)
        self.runner = runner
        self.backend = backend
        self.actor = actor
        self.clock = clock
        self.ask_save_path = ask_save_path
        #: asks before sending or cancelling (tests answer for the manager)
        self.confirm: Confirm = ask_confirm
        self.query = TransferQuery()
        self.warehouses: list[WarehouseChoice] = []
        self.destinations: list[WarehouseChoice] = []
        self.current: TransferView | None = None
        self.ready = False
        self.loading = False
        self.editor: TransferEditor | None = None
        self.receiver: ReceiveEditor | None = None
        self._keep: str | None = None
        self._stay = False
        self._detail_ticket = 0
        self.view = TransferAreaView(parent)
        self.widget = self.view
        self.model = transfer_model(self)
        self.view.table.setModel(self.model)
        self.lines_model = transfer_line_model(self)
        self.view.lines.setModel(self.lines_model)
        fit_columns(self.view.table, 5)
        fit_columns(self.view.lines, TRANSFER_LINE_NAME_COLUMN)
        self._texts()
        self._wire()
        self._show_transfer(None)
        self.view.installEventFilter(self)

    def _texts(self) -> None:
        v = self.view
        v.title.setText(self.tr("Transfers"))
        v.from_label.setText(self.tr("From"))
        v.to_label.setText(self.tr("To"))
        v.status.addItem(self.tr("Any status"), None)
        for status in TRANSFER_STATUSES:
            v.status.addItem(transfer_status_name(status), status)
        v.search.setText(self.tr("Search"))
        v.new.setText(self.tr("New transfer"))
        v.send.setText(self.tr("Send…"))
        v.receive.setText(self.tr("Receive…"))
        v.cancel.setText(self.tr("Cancel draft"))

    def _wire(self) -> None:
        v = self.view
        v.search.clicked.connect(self.apply_filters)
        for box in (v.from_warehouse, v.to_warehouse, v.status):
            box.activated.connect(lambda _i: self.apply_filters())
        v.new.clicked.connect(self.new_transfer)
        v.send.clicked.connect(self.send)
        v.receive.clicked.connect(self.receive)
        v.cancel.clicked.connect(self.cancel)
        v.table.selectionModel().currentRowChanged.connect(
            lambda cur, _prev: self._selected(cur.row())
        )

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        """Read the list again each time the area is shown (another store may have received)."""
        if obj is self.view and event.type() == QEvent.Type.Show and self.ready:
            self.refresh()
        return False

    def _failed(self, exc: BaseException) -> None:
        self.loading = False
        set_message(self.view.message, describe(exc))

    # -- the list ----------------------------------------------------------------------------------
    def start(self) -> None:
        actor, backend = self.actor, self.backend
        self.loading = True
        self.runner.run(
            lambda: (backend.warehouses(actor), backend.destinations(actor)),
            on_done=self._choices_loaded,
            on_error=self._failed,
            owner=self.view,
            label="transfer warehouses",
        )

    def _choices_loaded(self, choices: tuple[list[WarehouseChoice], list[WarehouseChoice]]) -> None:
        self.warehouses, self.destinations = choices
        v = self.view
        for box in (v.from_warehouse, v.to_warehouse):
            box.clear()
            box.addItem(self.tr("Any warehouse"), None)
            for wh in self.destinations:
                box.addItem(f"{wh.code} {wh.name}", wh.code)
        v.new.setEnabled(bool(self.warehouses))
        self.ready = True
        self.apply_filters()

    def refresh(self) -> None:
        self._reload(keep=self.current.transfer_id if self.current else None)

    def apply_filters(self) -> None:
        v = self.view
        self.query = TransferQuery(
            from_warehouse=v.from_warehouse.currentData(),
            to_warehouse=v.to_warehouse.currentData(),
            status=v.status.currentData(),
        )
        self.refresh()

    def _reload(self, keep: str | None = None, *, stay: bool = False) -> None:
        """Read the list again, selecting ``keep`` when listed; ``stay``: keep showing it below
        even when the filters no longer list it (it was just sent, received or cancelled)."""
        set_message(self.view.message, "", "info")
        self.view.summary.setText(self.tr("Loading…"))
        self.loading = True
        self._keep = keep
        self._stay = stay
        query, actor, backend = self.query, self.actor, self.backend
        self.runner.run(
            lambda: backend.transfers(actor, query),
            on_done=self._listed,
            on_error=self._failed,
            owner=self.view,
            label="transfers",
        )

    def _listed(self, listed: Listed) -> None:
        rows = listed.rows
        self.model.set_rows(rows)
        if listed.more:
            text = self.tr("The newest {count} transfers").format(count=len(rows))
        else:
            text = self.tr("{count} transfers").format(count=len(rows))
        self.view.summary.setText(text)
        index = next((i for i, r in enumerate(rows) if r.transfer_id == self._keep), None)
        stays = self.current is not None and self.current.transfer_id == self._keep
        if index is None and self._stay and stays:
            # the transfer just sent / received / cancelled left the filtered list: it stays
            # in the pane below until another is chosen
            self.loading = False
            self._enable()
            return
        if index is None and rows:
            index = 0
        if index is None:
            self.loading = False
            self._show_transfer(None)
            return
        if self.view.table.currentIndex().row() == index:
            self._selected(index)
        else:
            self.view.table.selectRow(index)

    def _selected(self, row: int) -> None:
        summary = self.model.row_at(row)
        if summary is None:
            return
        self._detail_ticket += 1
        ticket, actor, backend = self._detail_ticket, self.actor, self.backend
        transfer_id = summary.transfer_id
        self.loading = True
        self.runner.run(
            lambda: backend.transfer(actor, transfer_id),
            on_done=lambda view: self._detail_read(ticket, view),
            on_error=self._failed,
            owner=self.view,
            label="transfer detail",
        )

    def _detail_read(self, ticket: int, view: TransferView) -> None:
        if ticket != self._detail_ticket:
            return
        self.loading = False
        self._show_transfer(view)

    # -- the selected transfer ---------------------------------------------------------------------
    def _mine(self, code: str) -> bool:
        return any(w.code == code for w in self.warehouses)

    def _show_transfer(self, view: TransferView | None) -> None:
        v = self.view
        self.current = view
        if view is None:
            v.heading.setText(self.tr("No transfer selected"))
            v.info.setText("")
            v.differences.setText("")
            self.lines_model.set_rows([])
        else:
            v.heading.setText(
                f"{view.no} · {view.from_warehouse} → {view.to_warehouse} · "
                f"{transfer_status_name(view.status)}"
            )
            info = [self.tr("Created {at}").format(at=local(view.created_at))]
            if view.sent_at is not None:
                info.append(self.tr("sent {at}").format(at=local(view.sent_at)))
            if view.received_at is not None:
                info.append(self.tr("received {at}").format(at=local(view.received_at)))
            if view.note:
                info.append(self.tr("note: {note}").format(note=view.note))
            v.info.setText(" · ".join(info))
            self.lines_model.set_rows(list(view.lines))
            if view.status != "received":
                set_message(v.differences, "", "info")
            elif view.differences:
                set_message(
                    v.differences,
                    self.tr("Arrived differently from what was sent: {lines}").format(
                        lines=_differences_text(view)
                    ),
                )
            else:
                set_message(v.differences, self.tr("Everything arrived as sent"), "info")
        self._enable()

    def _enable(self) -> None:
        v, t = self.view, self.current
        v.send.setEnabled(t is not None and t.status == "draft" and self._mine(t.from_warehouse))
        v.cancel.setEnabled(t is not None and t.status == "draft" and self._mine(t.from_warehouse))
        v.receive.setEnabled(
            t is not None and t.status == "in_transit" and self._mine(t.to_warehouse)
        )

    # -- new ---------------------------------------------------------------------------------------
    def new_transfer(self) -> None:
        if self.editor is not None:  # one dialog at a time: the last one is done with
            self.editor.view.deleteLater()
        source = self.view.from_warehouse.currentData()
        self.editor = TransferEditor(
            self.view,
            self.runner,
            self.backend,
            self.actor,
            self.warehouses,
            self.destinations,
            source=source if self._mine(source or "") else None,
            confirm=lambda parent, title, text: self.confirm(parent, title, text),
        )
        self.editor.saved.connect(self._saved)
        self.editor.open()

    def _saved(self, result: tuple[TransferView, DomainError | None]) -> None:
        view, error = result
        self._show_transfer(view)
        self._reload(keep=view.transfer_id, stay=True)
        if error is not None:
            set_message(
                self.view.message,
                self.tr("Transfer {no} is saved as a draft but was not sent: {reason}").format(
                    no=view.no, reason=describe(error)
                ),
            )
        elif view.status == "in_transit":
            set_message(
                self.view.message,
                self.tr("Transfer {no} sent: the goods are in transit to {dst}").format(
                    no=view.no, dst=view.to_warehouse
                ),
                "info",
            )
        else:
            set_message(
                self.view.message,
                self.tr("Transfer {no} saved as a draft").format(no=view.no),
                "info",
            )

    # -- send, receive, cancel ---------------------------------------------------------------------
    def send(self) -> None:
        t = self.current
        if t is None or t.status != "draft":
            return
        if not self.confirm(
            self.view,
            self.tr("Send transfer"),
            self.tr(
                "Send transfer {no} from {src} to {dst} now? {lines} lines, quantity {qty}. "
                "The goods leave {src} at once and are in transit until {dst} receives them."
            ).format(
                no=t.no,
                src=t.from_warehouse,
                dst=t.to_warehouse,
                lines=len(t.lines),
                qty=qty(sum(ln.qty_milli for ln in t.lines)),
            ),
        ):
            return
        actor, backend, transfer_id = self.actor, self.backend, t.transfer_id
        self.runner.run(
            lambda: backend.send_transfer(actor, transfer_id),
            kind="write",
            on_done=self._sent,
            on_error=self._step_refused,
            owner=self.view,
            label="send transfer",
        )

    def _sent(self, view: TransferView) -> None:
        self._show_transfer(view)
        self._reload(keep=view.transfer_id, stay=True)
        set_message(
            self.view.message,
            self.tr("Transfer {no} sent: the goods are in transit to {dst}").format(
                no=view.no, dst=view.to_warehouse
            ),
            "info",
        )

    def _step_refused(self, exc: BaseException) -> None:
        self._reload(keep=self.current.transfer_id if self.current else None)
        set_message(self.view.message, describe(exc))

    def receive(self) -> None:
        t = self.current
        if t is None or t.status != "in_transit":
            return
        if self.receiver is not None:
            self.receiver.view.deleteLater()
        self.receiver = ReceiveEditor(self.view, self.runner, self.backend, self.actor, t)
        self.receiver.received.connect(self._received)
        self.receiver.refused.connect(self._step_refused)
        self.receiver.open()

    def _received(self, view: TransferView) -> None:
        self._show_transfer(view)
        self._reload(keep=view.transfer_id, stay=True)
        if view.differences:
            set_message(
                self.view.message,
                self.tr("Transfer {no} received. {count} lines differ: {lines}").format(
                    no=view.no, count=len(view.differences), lines=_differences_text(view)
                ),
            )
        else:
            set_message(
                self.view.message,
                self.tr("Transfer {no} received: everything arrived as sent").format(no=view.no),
                "info",
            )

    def cancel(self) -> None:
        t = self.current
        if t is None or t.status != "draft":
            return
        if not self.confirm(
            self.view,
            self.tr("Cancel transfer"),
            self.tr("Cancel draft transfer {no}? Nothing has moved yet.").format(no=t.no),
        ):
            return
        actor, backend, transfer_id = self.actor, self.backend, t.transfer_id
        self.runner.run(
            lambda: backend.cancel_transfer(actor, transfer_id),
            kind="write",
            on_done=self._cancelled,
            on_error=self._step_refused,
            owner=self.view,
            label="cancel transfer",
        )

    def _cancelled(self, view: TransferView) -> None:
        self._show_transfer(view)
        self._reload(keep=view.transfer_id, stay=True)
        set_message(
            self.view.message, self.tr("Transfer {no} cancelled").format(no=view.no), "info"
        )


__all__ = ["ReceiveEditor", "TransferEditor", "TransferScreen", "split_serials"]
