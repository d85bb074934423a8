"""锁定库存 (stock reservations, SPEC §10: available = on hand − locked): the reservations of the
actor's warehouses filtered by warehouse, state, SKU and reference, newest first (what is past
its expiry has ended by the time the list is read); the selected reservation with its SKU's
stock now; locking stock (``ReserveEditor``: a warehouse, a SKU looked up with Enter, how many,
what for, a reference, an optional expiry); releasing or fulfilling an open reservation after a
question (once: a second attempt is refused with the service's message); exporting the list to
CSV or XLSX.

Behaviour only: the layout is ``reservation_views``, the rows and their text
``reservation_models``, the rules ``services.reservations`` (through ``stock_ops_backend``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QCoreApplication, QDateTime, QEvent, QObject, QTimeZone, Signal
from PySide6.QtWidgets import QWidget

from backoffice.area_kit import SavePathAsker, ask_path, run_export, save_dialog
from backoffice.reservation_models import (
    NAME_COLUMN,
    describe,
    export_cells,
    export_headers,
    reason_name,
    reservation_model,
    state_name,
)
from backoffice.reservation_views import ReservationAreaView, ReserveDialogView
from backoffice.stock_ops_backend import (
    RESERVATION_REASONS,
    RESERVATION_STATES,
    Listed,
    ReservationQuery,
    ReservationView,
    StockOpsBackend,
)
from backoffice.stock_ops_models import CHINA_TZ, local, qty
from backoffice.stocktake_views import fit_columns
from backoffice.views import set_message
from backoffice.voucher_dialog import Confirm, ask_confirm
from shared.db.queries.inventory import StockRow, WarehouseChoice
from shared.domain.clock import Clock, business_date
from shared.domain.errors import DomainError, ValidationError
from shared.qt.money import parse_quantity
from shared.qt.operations import OperationRunner
from shared.services.auth import Actor

#: the expiry a new reservation is offered (when the manager ticks "expires")
DEFAULT_EXPIRY = timedelta(days=1)

#: which field of the dialog a refusal is about
_FIELD_OF = {
    "unknown_warehouse": "warehouse",
    "warehouse_not_allowed": "warehouse",
    "warehouse_inactive": "warehouse",
    "code_empty": "sku",
    "unknown_sku": "sku",
    "ambiguous_product": "sku",
    "not_stocked": "sku",
    "quantity_format": "qty",
    "quantity_not_positive": "qty",
    "quantity_absurd": "qty",
    "quantity_fractional": "qty",
    "reservation_short": "qty",
    "reservation_reason": "reason",
    "text_too_long": "reference",
    "expiry_past": "expiry",
    "expiry_naive": "expiry",
}


def _stock_text(row: StockRow) -> str:
    return QCoreApplication.translate(
        "ReserveEditor",
        "{code} {name} · on hand {on_hand} · locked {locked} · available {available} {unit}",
    ).format(
        code=row.sku_code,
        name=row.name,
        on_hand=qty(row.on_hand_milli, row.unit),
        locked=qty(row.locked_milli, row.unit),
        available=qty(row.available_milli, row.unit),
        unit=row.unit,
    )


# -- locking stock ---------------------------------------------------------------------------------


class ReserveEditor(QObject):
    """锁定库存 (a new reservation). ``saved`` carries the new ``ReservationView``."""

    saved = Signal(object)

    def __init__(
        self,
        parent: QWidget,
        runner: OperationRunner,
        backend: StockOpsBackend,
        actor: Actor,
        warehouses: Sequence[WarehouseChoice],
        *,
        clock: Clock,
        warehouse: str | None = None,
    ) -> None:
        super().__init__()
        self.runner = runner
        self.backend = backend
        self.actor = actor
        self.clock = clock
        #: the SKU the code field names, once looked up in the chosen warehouse
        self.found: StockRow | None = None
        self._lookups = 0
        v = self.view = ReserveDialogView(parent)
        self.setParent(v)  # goes with its dialog
        self._texts()
        for wh in warehouses:
            v.warehouse.addItem(f"{wh.code} {wh.name}", wh.code)
        if warehouse is not None:
            v.warehouse.setCurrentIndex(max(0, v.warehouse.findData(warehouse)))
        for reason in RESERVATION_REASONS:
            v.reason.addItem(reason_name(reason), reason)
        # the expiry is chosen in China time; offered: a day from now, to the minute
        zone = QTimeZone(CHINA_TZ.encode())
        v.expiry.setTimeZone(zone)
        offered = int((clock.now() + DEFAULT_EXPIRY).timestamp()) // 60 * 60
        v.expiry.setDateTime(QDateTime.fromSecsSinceEpoch(offered, zone))
        self._wire()
        self._show_item(None)

    def _texts(self) -> None:
        v = self.view
        v.setWindowTitle(self.tr("Lock stock"))
        v.labels["warehouse"].setText(self.tr("Warehouse"))
        v.labels["sku"].setText(self.tr("Item"))
        v.code.setPlaceholderText(self.tr("Scan or type a SKU code or barcode, then Enter"))
        v.labels["qty"].setText(self.tr("Quantity"))
        v.qty.setPlaceholderText("1")
        v.labels["reason"].setText(self.tr("For"))
        v.labels["reference"].setText(self.tr("Reference"))
        v.reference.setPlaceholderText(self.tr("Order number, customer phone or a note"))
        v.labels["expiry"].setText(self.tr("Expiry"))
        v.expires.setText(self.tr("Unlock automatically at"))
        v.hint.setText(
            self.tr(
                "Locked stock stays on hand but is no longer available to other orders. An "
                "unpaid order or other reason may lock only what is available; a pre-sale may "
                "lock more than there is."
            )
        )
        v.reserve.setText(self.tr("Lock"))
        v.cancel.setText(self.tr("Cancel"))

    def _wire(self) -> None:
        v = self.view
        v.code.returnPressed.connect(self.look_up)
        v.code.textEdited.connect(lambda _t: self._show_item(None))
        v.qty.returnPressed.connect(v.reference.setFocus)
        v.warehouse.currentIndexChanged.connect(lambda _i: self._warehouse_changed())
        v.expires.toggled.connect(v.expiry.setEnabled)
        v.reserve.clicked.connect(self.save)
        v.cancel.clicked.connect(v.reject)

    def open(self) -> None:
        self.view.open()
        self.view.code.setFocus()

    # -- the item ----------------------------------------------------------------------------------
    def _show_item(self, row: StockRow | None) -> None:
        self.found = row
        if row is None:
            self.view.item.setText(self.tr("Press Enter to see the item and its stock here"))
        else:
            self.view.item.setText(_stock_text(row))

    def _warehouse_changed(self) -> None:
        """Another warehouse: the stock shown was the old one's."""
        if self.view.code.text().strip():
            self.look_up()
        else:
            self._show_item(None)

    def look_up(self) -> None:
        """The code's SKU and its stock in the chosen warehouse (off the GUI thread)."""
        v = self.view
        code = v.code.text().strip()
        self._field_error("sku", None)
        self._show_item(None)
        if not code:
            self._field_error("sku", ValidationError("empty", code="code_empty"))
            return
        warehouse = v.warehouse.currentData()
        self._lookups += 1
        ticket = self._lookups
        actor, backend = self.actor, self.backend
        self.runner.run(
            lambda: backend.find_sku(actor, warehouse, code),
            lane=f"reserve-lookup-{id(self)}",
            on_done=lambda row: self._found(ticket, row),
            on_error=lambda exc: self._not_found(ticket, exc),
            owner=self.view,
            label="reservation sku",
        )

    def _found(self, ticket: int, row: StockRow) -> None:
        if ticket != self._lookups:  # looked up again meanwhile: that one decides
            return
        self._show_item(row)
        if row.kind != "goods":
            self._field_error("sku", ValidationError("not goods", code="not_stocked"))
            return
        self.view.qty.setFocus()
        self.view.qty.selectAll()

    def _not_found(self, ticket: int, exc: BaseException) -> None:
        if ticket == self._lookups:
            self._field_error("sku", exc)

    # -- saving ------------------------------------------------------------------------------------
    def _field_error(self, field: str, exc: BaseException | None) -> None:
        label = self.view.errors[field]
        if exc is None:
            label.setText("")
            label.setVisible(False)
            return
        set_message(label, describe(exc))
        label.setVisible(True)

    def clear_errors(self) -> None:
        for field in self.view.errors:
            self._field_error(field, None)
        set_message(self.view.message, "", "info")

    def show_error(self, exc: BaseException) -> None:
        """Under the field the refusal is about, else at the foot of the dialog."""
        code = exc.code if isinstance(exc, DomainError) else ""
        field = _FIELD_OF.get(code)
        if field is not None:
            self._field_error(field, exc)
            return
        set_message(self.view.message, describe(exc))

    def expires_at(self) -> datetime | None:
        """The expiry chosen (in China time) as an aware UTC time, or None."""
        v = self.view
        if not v.expires.isChecked():
            return None
        return datetime.fromtimestamp(v.expiry.dateTime().toSecsSinceEpoch(), UTC)

    def set_expiry(self, at: datetime | None) -> None:
        """Tick "unlock automatically" at ``at`` (aware), or untick it (None)."""
        v = self.view
        v.expires.setChecked(at is not None)
        if at is not None:
            v.expiry.setDateTime(
                QDateTime.fromSecsSinceEpoch(int(at.timestamp()), QTimeZone(CHINA_TZ.encode()))
            )

    def save(self) -> None:
        self.clear_errors()
        v = self.view
        code = v.code.text().strip()
        if not code:
            self.show_error(ValidationError("empty", code="code_empty"))
            v.code.setFocus()
            return
        typed = v.qty.text().strip()
        try:
            milli = parse_quantity(typed, weighed=True) if typed else 1000
        except ValidationError as exc:
            self.show_error(exc)
            v.qty.setFocus()
            return
        warehouse, reason, reference = (
            v.warehouse.currentData(),
            v.reason.currentData(),
            v.reference.text(),
        )
        expires_at = self.expires_at()
        actor, backend = self.actor, self.backend
        v.reserve.setEnabled(False)
        self.runner.run(
            lambda: backend.reserve(
                actor,
                warehouse=warehouse,
                sku_code=code,
                qty_milli=milli,
                reason=reason,
                reference=reference,
                expires_at=expires_at,
            ),
            kind="write",
            on_done=self._saved,
            on_error=self._refused,
            owner=v,
            label="lock stock",
        )

    def _saved(self, view: ReservationView) -> None:
        self.view.reserve.setEnabled(True)
        self.saved.emit(view)
        self.view.accept()

    def _refused(self, exc: BaseException) -> None:
        self.view.reserve.setEnabled(True)
        self.show_error(exc)


# -- the area --------------------------------------------------------------------------------------


class ReservationScreen(QObject):
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
        #: asks before releasing or fulfilling (tests answer for the manager)
        self.confirm: Confirm = ask_confirm
        self.query = ReservationQuery()
        self.warehouses: list[WarehouseChoice] = []
        self.current: ReservationView | None = None
        self.ready = False
        self.loading = False
        self.editor: ReserveEditor | None = None
        self._keep: str | None = None
        self.view = ReservationAreaView(parent)
        self.widget = self.view
        #: where an export goes (tests answer it themselves)
        self.ask_save_path: SavePathAsker = ask_save_path or save_dialog(
            self.view, self.tr("Export reservations")
        )
        self.model = reservation_model(self)
        self.view.table.setModel(self.model)
        fit_columns(self.view.table, NAME_COLUMN)
        self._texts()
        self._wire()
        self._show(None)
        self.view.installEventFilter(self)

    def _texts(self) -> None:
        v = self.view
        v.title.setText(self.tr("Stock reservations"))
        v.warehouse_label.setText(self.tr("Warehouse"))
        v.state.addItem(self.tr("Any state"), None)
        for state in RESERVATION_STATES:
            v.state.addItem(state_name(state), state)
        v.sku.setPlaceholderText(self.tr("SKU code, barcode or name"))
        v.reference.setPlaceholderText(self.tr("Reference (order no., phone)"))
        v.search.setText(self.tr("Search"))
        v.new.setText(self.tr("Lock stock…"))
        v.fulfil.setText(self.tr("Fulfilled…"))
        v.fulfil.setToolTip(
            self.tr("The customer's goods were sold: unlock them (the sale takes them out)")
        )
        v.release.setText(self.tr("Release…"))
        v.release.setToolTip(self.tr("The order fell through: the stock is available again"))
        v.export_csv.setText(self.tr("Export CSV"))
        v.export_xlsx.setText(self.tr("Export XLSX"))

    def _wire(self) -> None:
        v = self.view
        v.search.clicked.connect(self.apply_filters)
        for box in (v.warehouse, v.state):
            box.activated.connect(lambda _i: self.apply_filters())
        for field in (v.sku, v.reference):
            field.returnPressed.connect(self.apply_filters)
        v.new.clicked.connect(self.new_reservation)
        v.release.clicked.connect(self.release)
        v.fulfil.clicked.connect(self.fulfil)
        v.export_csv.clicked.connect(lambda: self.export(".csv"))
        v.export_xlsx.clicked.connect(lambda: self.export(".xlsx"))
        v.table.selectionModel().currentRowChanged.connect(
            lambda cur, _prev: self._selected(cur.row())
        )

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        """Read the list again each time the area is shown (reservations expire, sales land)."""
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
            lambda: backend.warehouses(actor),
            on_done=self._choices_loaded,
            on_error=self._failed,
            owner=self.view,
            label="reservation warehouses",
        )

    def _choices_loaded(self, warehouses: list[WarehouseChoice]) -> None:
        self.warehouses = warehouses
        box = self.view.warehouse
        box.clear()
        box.addItem(self.tr("Any warehouse"), None)
        for wh in warehouses:
            box.addItem(f"{wh.code} {wh.name}", wh.code)
        self.view.new.setEnabled(bool(warehouses))
        self.ready = True
        self.apply_filters()

    def refresh(self) -> None:
        self._reload(keep=self.current.reservation_id if self.current else None)

    def apply_filters(self) -> None:
        v = self.view
        self.query = ReservationQuery(
            warehouse=v.warehouse.currentData(),
            state=v.state.currentData(),
            sku=v.sku.text().strip() or None,
            reference=v.reference.text().strip() or None,
        )
        self.refresh()

    def _reload(self, keep: str | None = None) -> None:
        set_message(self.view.message, "", "info")
        self.view.summary.setText(self.tr("Loading…"))
        self.loading = True
        self._keep = keep
        query, actor, backend = self.query, self.actor, self.backend
        self.runner.run(
            lambda: backend.reservations(actor, query),
            on_done=self._listed,
            on_error=self._failed,
            owner=self.view,
            label="reservations",
        )

    def _listed(self, listed: Listed) -> None:
        rows: list[ReservationView] = listed.rows
        self.model.set_rows(rows)
        locked = sum(1 for r in rows if r.state == "open")
        if listed.more:
            text = self.tr("The newest {count} reservations ({open} locked)")
        else:
            text = self.tr("{count} reservations ({open} locked)")
        self.view.summary.setText(text.format(count=len(rows), open=locked))
        self.loading = False
        index = next((i for i, r in enumerate(rows) if r.reservation_id == self._keep), None)
        if index is None and self.current is not None and self.current.reservation_id == self._keep:
            # just locked or ended, and the filters no longer list it: it stays shown below
            self._enable()
            return
        if index is None and rows:
            index = 0
        if index is None:
            self._show(None)
            return
        if self.view.table.currentIndex().row() == index:
            self._selected(index)
        else:
            self.view.table.selectRow(index)

    def _selected(self, row: int) -> None:
        self._show(self.model.row_at(row))

    # -- the selected reservation ------------------------------------------------------------------
    def _mine(self, code: str) -> bool:
        return any(w.code == code for w in self.warehouses)

    def _show(self, r: ReservationView | None) -> None:
        v = self.view
        self.current = r
        if r is None:
            v.heading.setText(self.tr("No reservation selected"))
            v.info.setText("")
            v.stock.setText("")
        else:
            v.heading.setText(
                f"{r.no} · {r.warehouse} · {r.sku_code} {r.name} · "
                f"{qty(r.qty_milli, r.unit)} {r.unit} · {state_name(r.state)}"
            )
            info = [
                reason_name(r.reason),
                self.tr("locked {at} by {who}").format(at=local(r.created_at), who=r.created_by),
            ]
            if r.reference:
                info.insert(1, self.tr("reference: {reference}").format(reference=r.reference))
            if r.expires_at is not None:
                info.append(self.tr("expires {at}").format(at=local(r.expires_at)))
            if r.closed_at is not None:
                ended = (
                    self.tr("ended {at} by {who}").format(at=local(r.closed_at), who=r.closed_by)
                    if r.closed_by
                    else self.tr("ended {at}").format(at=local(r.closed_at))
                )
                info.append(ended)
            v.info.setText(" · ".join(info))
            v.stock.setText(
                self.tr(
                    "{code} in {warehouse} now: on hand {on_hand} · locked {locked} · "
                    "available {available}"
                ).format(
                    code=r.sku_code,
                    warehouse=r.warehouse,
                    on_hand=qty(r.on_hand_milli, r.unit),
                    locked=qty(r.locked_milli, r.unit),
                    available=qty(r.available_milli, r.unit),
                )
            )
        self._enable()

    def _enable(self) -> None:
        v, r = self.view, self.current
        open_here = r is not None and r.state == "open" and self._mine(r.warehouse)
        v.release.setEnabled(open_here)
        v.fulfil.setEnabled(open_here)
        v.export_csv.setEnabled(self.ready)
        v.export_xlsx.setEnabled(self.ready)

    # -- new ---------------------------------------------------------------------------------------
    def new_reservation(self) -> None:
        if self.editor is not None:  # one dialog at a time: the last one is done with
            self.editor.view.deleteLater()
        chosen = self.view.warehouse.currentData()
        self.editor = ReserveEditor(
            self.view,
            self.runner,
            self.backend,
            self.actor,
            self.warehouses,
            clock=self.clock,
            warehouse=chosen if self._mine(chosen or "") else None,
        )
        self.editor.saved.connect(self._saved)
        self.editor.open()

    def _saved(self, r: ReservationView) -> None:
        self._show(r)
        self._reload(keep=r.reservation_id)
        set_message(
            self.view.message,
            self.tr(
                "Reservation {no}: {qty} {unit} of {code} locked in {warehouse}; "
                "{available} {unit} available now"
            ).format(
                no=r.no,
                qty=qty(r.qty_milli, r.unit),
                unit=r.unit,
                code=r.sku_code,
                warehouse=r.warehouse,
                available=qty(r.available_milli, r.unit),
            ),
            "info",
        )

    # -- release, fulfil ---------------------------------------------------------------------------
    def release(self) -> None:
        r = self.current
        if r is None or r.state != "open":
            return
        if not self.confirm(
            self.view,
            self.tr("Release reservation"),
            self.tr(
                "Release reservation {no}? The {qty} {unit} of {code} {name} locked in "
                "{warehouse} become available again."
            ).format(
                no=r.no,
                qty=qty(r.qty_milli, r.unit),
                unit=r.unit,
                code=r.sku_code,
                name=r.name,
                warehouse=r.warehouse,
            ),
        ):
            return
        self._end(r, self.backend.release_reservation, "release reservation")

    def fulfil(self) -> None:
        r = self.current
        if r is None or r.state != "open":
            return
        if not self.confirm(
            self.view,
            self.tr("Reservation fulfilled"),
            self.tr(
                "Mark reservation {no} as fulfilled? The {qty} {unit} of {code} {name} locked in "
                "{warehouse} are unlocked; the sale takes them out of stock when it reaches "
                "head office."
            ).format(
                no=r.no,
                qty=qty(r.qty_milli, r.unit),
                unit=r.unit,
                code=r.sku_code,
                name=r.name,
                warehouse=r.warehouse,
            ),
        ):
            return
        self._end(r, self.backend.fulfil_reservation, "fulfil reservation")

    def _end(
        self,
        r: ReservationView,
        call: Callable[[Actor, str], ReservationView],
        label: str,
    ) -> None:
        actor, reservation_id = self.actor, r.reservation_id
        self.view.release.setEnabled(False)
        self.view.fulfil.setEnabled(False)
        self.runner.run(
            lambda: call(actor, reservation_id),
            kind="write",
            on_done=self._ended,
            on_error=self._end_refused,
            owner=self.view,
            label=label,
        )

    def _ended(self, r: ReservationView) -> None:
        self._show(r)
        self._reload(keep=r.reservation_id)
        text = (
            self.tr("Reservation {no} released: {available} {unit} of {code} available now")
            if r.state == "released"
            else self.tr("Reservation {no} fulfilled: {available} {unit} of {code} available now")
        )
        set_message(
            self.view.message,
            text.format(
                no=r.no, available=qty(r.available_milli, r.unit), unit=r.unit, code=r.sku_code
            ),
            "info",
        )

    def _end_refused(self, exc: BaseException) -> None:
        self._reload(keep=self.current.reservation_id if self.current else None)
        set_message(self.view.message, describe(exc))

    # -- export ------------------------------------------------------------------------------------
    def export(self, suffix: str) -> None:
        day = business_date(self.clock.now(), CHINA_TZ).isoformat()
        where = self.query.warehouse or "all"
        path = ask_path(self.ask_save_path, f"reservations-{where}-{day}", suffix)
        if path is None:
            return
        headers = export_headers()
        # names in the interface language, resolved here on the GUI thread
        reasons = {reason: reason_name(reason) for reason in RESERVATION_REASONS}
        states = {state: state_name(state) for state in RESERVATION_STATES}
        query, actor, backend = self.query, self.actor, self.backend
        run_export(
            self.runner,
            describe=describe,
            message=self.view.message,
            owner=self.view,
            path=path,
            job=lambda: backend.export_reservations(
                actor, query, path, headers, lambda r: export_cells(r, reasons, states)
            ),
            label="export reservations",
        )


__all__ = ["ReservationScreen", "ReserveEditor"]
