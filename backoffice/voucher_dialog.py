"""新建入库单 / 出库单: the dialog that writes an inbound or outbound voucher.

A line is entered by scanning or typing a code (SKU code, barcode, or a single-SKU product
code): Enter looks it up (off the GUI thread) and shows what it is, its stock and its average
cost; then the quantity, the unit cost (inbound only: outbound goods leave at the moving average)
and, for serial-tracked goods, one serial number per unit (the quantity follows the count). What
is wrong with a line is said under the entry before it is added; what the service refuses is
said under the field, or names the line and selects it. "Save and post" asks first: posting
moves stock at once and cannot be undone.

Behaviour only: the layout is ``stock_views.VoucherDialogView``, the rules
``services.inventory``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from backoffice.area_kit import yes_no_dialog
from backoffice.backend import BackofficeBackend, VoucherSaved
from backoffice.stock_models import (
    LINE_COST_COLUMNS,
    LINE_NAME_COLUMN,
    describe,
    kind_name,
    line_model,
    qty,
    types_of,
)
from backoffice.stock_views import VoucherDialogView, keep_fitted
from backoffice.views import set_message
from shared.db.queries.inventory import StockRow, VoucherLineRow, WarehouseChoice
from shared.domain.errors import DomainError, ValidationError
from shared.qt.money import fmt_fen, fmt_plain, parse_fen, parse_quantity
from shared.qt.operations import OperationRunner
from shared.services.auth import Actor
from shared.services.inventory import MAX_LINES, VoucherLineInput

#: asks a yes/no question over a window: (parent, title, text) -> yes; how the stock, stocktake,
#: transfer, reservation, channel and card-key areas ask (tests answer it themselves)
Confirm = Callable[[QWidget, str, str], bool]

_SERIAL_SPLIT = re.compile(r"[\s,，;；、]+")


def ask_confirm(parent: QWidget, title: str, text: str) -> bool:
    """The real question (``area_kit.yes_no_dialog``: "no" by default) over ``parent``."""
    return yes_no_dialog(parent)(title, text)


def split_serials(text: str) -> list[str]:
    """Serial numbers typed or scanned into one field: separated by spaces, commas or
    semicolons (Chinese punctuation too)."""
    return [s for s in _SERIAL_SPLIT.split(text or "") if s]


class VoucherEditor(QObject):
    """The voucher dialog's behaviour. ``saved`` carries the ``VoucherSaved``."""

    saved = Signal(object)

    def __init__(
        self,
        parent: QWidget,
        runner: OperationRunner,
        backend: BackofficeBackend,
        actor: Actor,
        warehouses: Sequence[WarehouseChoice],
        *,
        direction: str,
        warehouse: str | None = None,
        type: str | None = None,
        lines: Sequence[VoucherLineRow] = (),
        note: str = "",
        confirm: Confirm = ask_confirm,
    ) -> None:
        """``type``, ``lines`` and ``note`` prefill the dialog (a replenishment order, say)."""
        super().__init__()
        self.runner = runner
        self.backend = backend
        self.actor = actor
        self.direction = direction
        self.confirm = confirm
        self.lines: list[VoucherLineRow] = []
        #: the SKU the entry's code names, once looked up
        self.current: StockRow | None = None
        self._current_code = ""
        self._lookups = 0
        self.view = VoucherDialogView(parent)
        self.setParent(self.view)  # goes with its dialog
        self.model = line_model(self)
        self.view.lines.setModel(self.model)
        keep_fitted(self.view.lines, LINE_NAME_COLUMN)
        for column in LINE_COST_COLUMNS:
            self.view.lines.setColumnHidden(column, direction != "in")
        self._texts()
        for wh in warehouses:
            self.view.warehouse.addItem(f"{wh.code} {wh.name}", wh.code)
        if warehouse is not None:
            self.view.warehouse.setCurrentIndex(max(0, self.view.warehouse.findData(warehouse)))
        for kind in types_of(direction):
            self.view.type.addItem(kind_name(kind), kind)
        if type is not None:
            self.view.type.setCurrentIndex(max(0, self.view.type.findData(type)))
        self.view.note.setText(note)
        self._wire()
        self._show_item(None)
        self.lines = list(lines)
        self._refresh_lines()

    # -- texts and wiring ------------------------------------------------------------------------
    def _texts(self) -> None:
        v = self.view
        inbound = self.direction == "in"
        v.setWindowTitle(
            self.tr("New inbound voucher") if inbound else self.tr("New outbound voucher")
        )
        v.labels["warehouse"].setText(self.tr("Warehouse"))
        v.labels["type"].setText(self.tr("Type"))
        v.labels["note"].setText(self.tr("Note"))
        v.note.setPlaceholderText(self.tr("Supplier, delivery note, reason … (optional)"))
        v.entry_box.setTitle(self.tr("Add a line"))
        v.code_label.setText(self.tr("Code"))
        v.code.setPlaceholderText(self.tr("Scan or type a SKU code or barcode, then Enter"))
        v.qty_label.setText(self.tr("Quantity"))
        v.cost_label.setText(self.tr("Unit cost"))
        v.cost.setPlaceholderText(self.tr("yuan"))
        v.serials_label.setText(self.tr("Serial numbers"))
        v.serials.setPlaceholderText(
            self.tr("Serial-tracked goods: scan one serial number per unit, separated by spaces")
        )
        v.add.setText(self.tr("Add line"))
        v.remove.setText(self.tr("Remove line"))
        v.lines.setToolTip(self.tr("Double-click a line to change it"))
        v.save_post.setText(self.tr("Save and post"))
        v.save_draft.setText(self.tr("Save as draft"))
        v.cancel.setText(self.tr("Cancel"))
        v.cost_label.setVisible(inbound)
        v.cost.setVisible(inbound)

    def _wire(self) -> None:
        v = self.view
        v.code.returnPressed.connect(lambda: self.lookup(then_add=False))
        v.code.textEdited.connect(self._code_edited)
        v.qty.returnPressed.connect(self._qty_entered)
        v.cost.returnPressed.connect(self._cost_entered)
        v.serials.returnPressed.connect(self.add_line)
        v.serials.textChanged.connect(self._serials_changed)
        v.add.clicked.connect(self.add_line)
        v.remove.clicked.connect(self.remove_line)
        v.save_post.clicked.connect(lambda: self.save(post=True))
        v.save_draft.clicked.connect(lambda: self.save(post=False))
        v.cancel.clicked.connect(v.reject)
        v.warehouse.currentIndexChanged.connect(lambda _i: self._code_edited(v.code.text()))
        v.lines.selectionModel().selectionChanged.connect(lambda *_: self._enable())
        v.lines.doubleClicked.connect(lambda index: self.edit_line(index.row()))

    def open(self) -> None:
        self.view.open()
        self.view.code.setFocus()

    # -- the line entry --------------------------------------------------------------------------
    def _code_edited(self, _text: str) -> None:
        """The code changed: what was looked up no longer applies."""
        self.current = None
        self._show_item(None)

    def _show_item(self, row: StockRow | None) -> None:
        v = self.view
        serial = row is not None and row.serial_tracked
        v.serials.setEnabled(serial)
        v.serials_label.setEnabled(serial)
        v.qty.setReadOnly(serial)
        if row is None:
            v.item.setText(self.tr("Scan or type a code and press Enter to look it up"))
            return
        parts = [
            f"{row.sku_code} {row.name}",
            self.tr("unit: {unit}").format(unit=row.unit),
            self.tr("on hand: {qty}").format(qty=qty(row.on_hand_milli)),
            self.tr("available: {qty}").format(qty=qty(row.available_milli)),
            self.tr("average cost: {cost}").format(cost=fmt_fen(row.avg_cost_fen)),
        ]
        if row.serial_tracked:
            parts.append(self.tr("serial-tracked: one serial number per unit"))
        v.item.setText(" · ".join(parts))

    def _entry_error(self, exc: BaseException | None) -> None:
        lab = self.view.entry_error
        if exc is None:
            lab.setText("")
            lab.setVisible(False)
            return
        set_message(lab, describe(exc))
        lab.setVisible(True)

    def lookup(self, *, then_add: bool) -> None:
        """Look the entry's code up in the chosen warehouse (off the GUI thread)."""
        v = self.view
        code = v.code.text().strip()
        self._entry_error(None)
        if not code:
            self._entry_error(ValidationError("scan or type a code", code="code_empty"))
            v.code.setFocus()
            return
        warehouse = v.warehouse.currentData()
        self._lookups += 1
        ticket = self._lookups
        actor, backend = self.actor, self.backend
        self.runner.run(
            lambda: backend.find_stock_sku(actor, warehouse, code),
            on_done=lambda row: self._found(ticket, code, row, then_add),
            on_error=lambda exc: self._not_found(ticket, exc),
            owner=self.view,
            label="voucher sku",
        )

    def _found(self, ticket: int, code: str, row: StockRow, then_add: bool) -> None:
        if ticket != self._lookups or self.view.code.text().strip() != code:
            return  # typed on meanwhile
        v = self.view
        self.current, self._current_code = row, code
        self._show_item(row)
        if not row.serial_tracked and not v.qty.text().strip():
            v.qty.setText("1")
        if self.direction == "in" and not v.cost.text().strip() and row.avg_cost_fen:
            v.cost.setText(fmt_plain(row.avg_cost_fen))
        if row.serial_tracked:
            self._serials_changed()
        if then_add:
            self.add_line()
            return
        target = v.serials if row.serial_tracked else v.qty
        target.setFocus()
        target.selectAll()

    def _not_found(self, ticket: int, exc: BaseException) -> None:
        if ticket != self._lookups:
            return
        self.current = None
        self._show_item(None)
        self._entry_error(exc)
        self.view.code.setFocus()
        self.view.code.selectAll()

    def _qty_entered(self) -> None:
        if self.direction == "in":
            self.view.cost.setFocus()
            self.view.cost.selectAll()
        else:
            self.add_line()

    def _cost_entered(self) -> None:
        if self.current is not None and self.current.serial_tracked:
            self.view.serials.setFocus()
        else:
            self.add_line()

    def _serials_changed(self, *_: object) -> None:
        if self.current is not None and self.current.serial_tracked:
            self.view.qty.setText(str(len(split_serials(self.view.serials.text()))))

    def _read_entry(self, row: StockRow) -> VoucherLineRow:
        """The entry as a line, or a ``ValidationError`` saying what is wrong with it."""
        v = self.view
        serials: tuple[str, ...] = ()
        if row.serial_tracked:
            serials = tuple(split_serials(v.serials.text()))
            if not serials:
                raise ValidationError("serial numbers needed", code="serials_missing")
            if len(set(serials)) != len(serials):
                raise ValidationError("a serial number twice", code="serial_duplicate")
            taken = {s for ln in self.lines if ln.sku_id == row.sku_id for s in ln.serials}
            again = next((s for s in serials if s in taken), None)
            if again is not None:
                raise ValidationError("already on a line", code="serial_duplicate", value=again)
            qty_milli = 1000 * len(serials)
        else:
            qty_milli = parse_quantity(v.qty.text(), weighed=not row.whole_units)
            if qty_milli <= 0:
                raise ValidationError("quantity above zero", code="quantity_not_positive")
        cost = 0
        if self.direction == "in":
            if not v.cost.text().strip():
                raise ValidationError("enter the unit cost", code="unit_cost_required")
            cost = parse_fen(v.cost.text(), field="unit_cost")
        return VoucherLineRow(
            line_no=len(self.lines) + 1,
            sku_id=row.sku_id,
            sku_code=row.sku_code,
            name=row.name,
            unit=row.unit,
            qty_milli=qty_milli,
            unit_cost_fen=cost,
            serials=serials,
        )

    def add_line(self) -> None:
        """Add the entry as a line (looking its code up first when that has not been done). The
        same SKU at the same cost adds to its line (scanning an item twice means two)."""
        v = self.view
        code = v.code.text().strip()
        if self.current is None or code != self._current_code:
            self.lookup(then_add=True)
            return
        self._entry_error(None)
        try:
            line = self._read_entry(self.current)
        except ValidationError as exc:
            self._entry_error(exc)
            return
        if len(self.lines) >= MAX_LINES:
            self._entry_error(ValidationError("too many lines", code="voucher_too_long"))
            return
        for i, old in enumerate(self.lines):
            if (old.sku_id, old.unit_cost_fen) == (line.sku_id, line.unit_cost_fen):
                self.lines[i] = VoucherLineRow(
                    old.line_no,
                    old.sku_id,
                    old.sku_code,
                    old.name,
                    old.unit,
                    old.qty_milli + line.qty_milli,
                    old.unit_cost_fen,
                    old.serials + line.serials,
                )
                break
        else:
            self.lines.append(line)
        self._refresh_lines()
        for field in (v.code, v.qty, v.cost, v.serials):
            field.clear()
        self.current, self._current_code = None, ""
        self._show_item(None)
        v.code.setFocus()

    def edit_line(self, row: int) -> None:
        """Take a line back into the entry to change its quantity, cost or serial numbers (it is
        added again with "Add line")."""
        if not (0 <= row < len(self.lines)):
            return
        line = self.lines.pop(row)
        self._refresh_lines()
        v = self.view
        v.code.setText(line.sku_code)
        v.qty.setText(qty(line.qty_milli))
        v.cost.setText(fmt_plain(line.unit_cost_fen) if self.direction == "in" else "")
        v.serials.setText(" ".join(line.serials))
        self._entry_error(None)
        self.current, self._current_code = None, ""
        self._show_item(None)
        self.lookup(then_add=False)

    def remove_line(self) -> None:
        index = self.view.lines.currentIndex()
        if not index.isValid() or not (0 <= index.row() < len(self.lines)):
            return
        del self.lines[index.row()]
        self._refresh_lines()

    def _refresh_lines(self) -> None:
        self.lines = [
            VoucherLineRow(
                i,
                ln.sku_id,
                ln.sku_code,
                ln.name,
                ln.unit,
                ln.qty_milli,
                ln.unit_cost_fen,
                ln.serials,
            )
            for i, ln in enumerate(self.lines, start=1)
        ]
        self.model.set_rows(self.lines)
        self._update_totals()

    def _update_totals(self) -> None:
        count = len(self.lines)
        total_qty = sum(ln.qty_milli for ln in self.lines)
        if self.direction == "in":
            value = sum(ln.value_fen for ln in self.lines)
            text = self.tr("{lines} lines · quantity {qty} · cost {value}").format(
                lines=count, qty=qty(total_qty), value=fmt_fen(value)
            )
        else:
            text = self.tr("{lines} lines · quantity {qty}").format(lines=count, qty=qty(total_qty))
        self.view.totals.setText(text)
        self._enable()

    def _enable(self) -> None:
        v = self.view
        v.remove.setEnabled(v.lines.currentIndex().isValid() and bool(self.lines))
        v.save_post.setEnabled(bool(self.lines))
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
            "unknown_warehouse": "warehouse",
            "warehouse_not_allowed": "warehouse",
            "voucher_type": "type",
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

    def inputs(self) -> list[VoucherLineInput]:
        return [
            VoucherLineInput(ln.sku_code, ln.qty_milli, ln.unit_cost_fen, ln.serials)
            for ln in self.lines
        ]

    def save(self, *, post: bool) -> None:
        self.clear_errors()
        v = self.view
        if v.code.text().strip():  # a line typed but not added would be lost without a word
            self._entry_error(ValidationError("add or clear the entry", code="entry_pending"))
            v.code.setFocus()
            return
        if not self.lines:
            self.show_error(ValidationError("no lines", code="voucher_empty"))
            return
        if post and not self.confirm(
            v,
            self.tr("Post voucher"),
            self.tr(
                "Post this voucher now? {lines} lines, quantity {qty}. Stock changes at once "
                "and a posted voucher cannot be changed."
            ).format(lines=len(self.lines), qty=qty(sum(ln.qty_milli for ln in self.lines))),
        ):
            return
        warehouse, kind, note = v.warehouse.currentData(), v.type.currentData(), v.note.text()
        lines, direction = self.inputs(), self.direction
        actor, backend = self.actor, self.backend
        v.save_post.setEnabled(False)
        v.save_draft.setEnabled(False)
        self.runner.run(
            lambda: backend.save_voucher(
                actor,
                warehouse=warehouse,
                direction=direction,
                type=kind,
                lines=lines,
                note=note,
                post=post,
            ),
            kind="write",
            on_done=self._saved,
            on_error=self._refused,
            owner=self.view,
            label="save voucher",
        )

    def _saved(self, result: VoucherSaved) -> None:
        self._enable()
        self.saved.emit(result)
        self.view.accept()

    def _refused(self, exc: BaseException) -> None:
        self._enable()
        self.show_error(exc)
