"""Layout of the stock reservation area (锁定库存): the reservation list with filters and the
selected reservation below it, and the dialog that locks stock. Widgets only, no text and no
behaviour: ``reservation_screen`` sets every visible string through translation and wires the
signals."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDateTimeEdit,
    QDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from backoffice.stocktake_views import combo, message_label, not_default, summary_label
from backoffice.views import table_view
from shared.services.reservations import MAX_FILTER_TEXT, MAX_REFERENCE


class ReservationAreaView(QWidget):
    """锁定库存: warehouse / state / SKU / reference filters; lock, release, fulfil and export;
    the reservation list; the selected reservation and its SKU's stock now."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reservationArea")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(12, 10, 12, 10)
        outer.setSpacing(8)
        self.title = QLabel(self)
        self.title.setObjectName("areaTitle")
        outer.addWidget(self.title)

        bar = QHBoxLayout()
        bar.setSpacing(8)
        self.warehouse_label = QLabel(self)
        bar.addWidget(self.warehouse_label)
        self.warehouse = combo(self, "reservationWarehouseFilter", 170)
        bar.addWidget(self.warehouse)
        self.state = combo(self, "reservationStateFilter", 110)
        bar.addWidget(self.state)
        self.sku = QLineEdit(self)
        self.sku.setObjectName("reservationSkuFilter")
        self.sku.setMaxLength(MAX_FILTER_TEXT)
        self.sku.setMinimumWidth(180)
        self.sku.setClearButtonEnabled(True)
        bar.addWidget(self.sku)
        self.reference = QLineEdit(self)
        self.reference.setObjectName("reservationReferenceFilter")
        self.reference.setMaxLength(MAX_FILTER_TEXT)
        self.reference.setMinimumWidth(180)
        self.reference.setClearButtonEnabled(True)
        bar.addWidget(self.reference)
        self.search = QPushButton(self)
        self.search.setObjectName("searchReservations")
        bar.addWidget(self.search)
        bar.addStretch(1)
        outer.addLayout(bar)

        actions = QHBoxLayout()
        actions.setSpacing(8)
        self.new = QPushButton(self)
        self.new.setObjectName("primaryButton")
        self.fulfil = QPushButton(self)
        self.fulfil.setObjectName("approveButton")
        self.release = QPushButton(self)
        self.release.setObjectName("flagButton")
        self.export_csv = QPushButton(self)
        self.export_csv.setObjectName("exportReservationsCsv")
        self.export_xlsx = QPushButton(self)
        self.export_xlsx.setObjectName("exportReservationsXlsx")
        for button in (self.new, self.fulfil, self.release, self.export_csv, self.export_xlsx):
            actions.addWidget(button)
        actions.addStretch(1)
        self.summary = summary_label(self)
        actions.addWidget(self.summary)
        outer.addLayout(actions)

        self.table = table_view("reservationTable", self)
        outer.addWidget(self.table, 1)

        detail = QGroupBox(self)
        detail.setObjectName("reservationDetail")
        self.detail = detail
        box = QVBoxLayout(detail)
        box.setSpacing(4)
        self.heading = QLabel(detail)
        self.heading.setObjectName("reservationHeading")
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.heading.setWordWrap(True)
        box.addWidget(self.heading)
        self.info = summary_label(detail)
        self.info.setWordWrap(True)
        box.addWidget(self.info)
        self.stock = summary_label(detail, "reservationStock")
        self.stock.setWordWrap(True)
        box.addWidget(self.stock)
        outer.addWidget(detail)

        self.message = message_label(self)
        outer.addWidget(self.message)


class ReserveDialogView(QDialog):
    """锁定库存: the warehouse; the SKU (a code or barcode, looked up with Enter, its stock shown);
    how many; what for; a reference; an optional expiry. Each field has its own error line."""

    #: the fields, in the order of the grid (each with a label and an error line)
    FIELDS = ("warehouse", "sku", "qty", "reason", "reference", "expiry")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reserveDialog")
        self.setMinimumWidth(620)
        outer = QVBoxLayout(self)
        outer.setSpacing(8)
        self.labels: dict[str, QLabel] = {}
        self.errors: dict[str, QLabel] = {}

        self.warehouse = combo(self, "reserveWarehouse", 240)
        self.code = QLineEdit(self)
        self.code.setObjectName("reserveCode")
        self.code.setMaxLength(60)
        self.code.setMinimumWidth(260)
        self.qty = QLineEdit(self)
        self.qty.setObjectName("reserveQty")
        self.qty.setMaxLength(16)
        self.qty.setMaximumWidth(140)
        self.reason = combo(self, "reserveReason", 160)
        self.reference = QLineEdit(self)
        self.reference.setObjectName("reserveReference")
        self.reference.setMaxLength(MAX_REFERENCE + 20)  # the service says what is too long
        expiry = QWidget(self)
        row = QHBoxLayout(expiry)
        row.setContentsMargins(0, 0, 0, 0)
        self.expires = QCheckBox(expiry)
        self.expires.setObjectName("reserveExpires")
        row.addWidget(self.expires)
        self.expiry = QDateTimeEdit(expiry)
        self.expiry.setObjectName("reserveExpiry")
        self.expiry.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.expiry.setCalendarPopup(True)
        self.expiry.setEnabled(False)
        row.addWidget(self.expiry)
        row.addStretch(1)
        self.item = summary_label(self, "reserveItem")
        self.item.setWordWrap(True)

        grid = QGridLayout()
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(2)
        fields = {
            "warehouse": self.warehouse,
            "sku": self.code,
            "qty": self.qty,
            "reason": self.reason,
            "reference": self.reference,
            "expiry": expiry,
        }
        r = 0
        for key in self.FIELDS:
            label = QLabel(self)
            self.labels[key] = label
            grid.addWidget(label, r, 0)
            grid.addWidget(fields[key], r, 1)
            r += 1
            if key == "sku":  # what the code names, and its stock here
                grid.addWidget(self.item, r, 1)
                r += 1
            error = message_label(self)
            error.setProperty("level", "error")
            error.setVisible(False)
            self.errors[key] = error
            grid.addWidget(error, r, 1)
            r += 1
        grid.setColumnStretch(1, 1)
        outer.addLayout(grid)

        self.hint = summary_label(self, "hint")
        self.hint.setWordWrap(True)
        outer.addWidget(self.hint)
        self.message = message_label(self)
        outer.addWidget(self.message)
        # no default button: Enter in the code field looks the code up (a scanner ends every
        # code with Enter), never "lock"
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.reserve = QPushButton(self)
        self.reserve.setObjectName("primaryButton")
        self.cancel = QPushButton(self)
        buttons.addWidget(self.reserve)
        buttons.addWidget(self.cancel)
        outer.addLayout(buttons)
        not_default(self.reserve, self.cancel)


__all__ = ["ReservationAreaView", "ReserveDialogView"]
