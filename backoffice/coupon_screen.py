"""卡券管理: the coupon definitions filtered by name, type, status and store, a page at a time;
the selected coupon's codes; a dialog to create or edit a coupon (each refusal shown beside the
field it is about); a dialog to issue codes (a count, or one per phone of a pasted list); the
codes exported to CSV or XLSX.

Behaviour only: the layout is ``coupon_views``, the rows and their text ``coupon_models``, the
rules ``services.coupons``. Every call to the central database goes through the operation
runner (``backend`` methods run on its workers)."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication, QDateTime, QObject, Qt, Signal
from PySide6.QtWidgets import QListWidgetItem, QWidget

from backoffice.area_kit import SavePathAsker, ask_path, run_export, save_dialog
from backoffice.backend import PAGE_SIZE, BackofficeBackend
from backoffice.coupon_models import (
    CHINA_TZ,
    code_model,
    code_state_name,
    count_text,
    coupon_model,
    funder_name,
    local,
    phase_name,
    status_name,
    type_name,
)
from backoffice.coupon_views import (
    CouponAreaView,
    CouponDialogView,
    IssueDialogView,
    keep_columns_fitted,
)
from backoffice.messages import describe as describe_backoffice
from backoffice.views import set_message
from shared.db.queries.coupons import CodeRow, CouponRow
from shared.domain.clock import Clock, business_date, local_time
from shared.domain.coupons import FUNDERS, TYPES, format_code
from shared.domain.errors import DomainError, ValidationError
from shared.qt.money import fmt_plain, parse_fen
from shared.qt.operations import OperationRunner
from shared.services.auth import Actor
from shared.services.coupons import (
    LIMIT_FIELDS,
    LIST_STATUSES,
    STATUSES,
    CouponInput,
    CouponQuery,
    IssueResult,
    StoreChoice,
    input_from_row,
)

# the type combo's order
TYPE_PAGES = {kind: i for i, kind in enumerate(("exchange", "threshold", "discount"))}
assert set(TYPE_PAGES) == set(TYPES)


def describe(exc: BaseException) -> str:
    """A refusal of the coupon services in the interface language (the rest: the back office's
    and the counter's wording)."""
    if not isinstance(exc, DomainError):
        return describe_backoffice(exc)
    d = exc.details

    def get(key: str) -> str:
        return str(d.get(key, ""))

    texts = {
        "coupon_name": lambda: (
            QCoreApplication.translate(
                "CouponMessages", "The name is too long (at most {limit} characters)"
            ).format(limit=get("limit"))
            if "limit" in d
            else QCoreApplication.translate("CouponMessages", "Give the coupon a name")
        ),
        "coupon_type": lambda: QCoreApplication.translate(
            "CouponMessages", "Choose the coupon type"
        ),
        "coupon_type_locked": lambda: QCoreApplication.translate(
            "CouponMessages", "{issued} codes of this coupon are issued: its type cannot change"
        ).format(issued=get("issued")),
        "coupon_sku": lambda: (
            QCoreApplication.translate("CouponMessages", "No SKU with code {code}").format(
                code=get("value")
            )
            if "value" in d
            else QCoreApplication.translate(
                "CouponMessages", "Enter the code of the SKU the coupon gives"
            )
        ),
        "coupon_amount": lambda: QCoreApplication.translate(
            "CouponMessages", "The amount off must be above zero"
        ),
        "coupon_threshold": lambda: QCoreApplication.translate(
            "CouponMessages", "The threshold must be at least the amount off"
        ),
        "coupon_percent": lambda: QCoreApplication.translate(
            "CouponMessages", "The discount is between 0.01 and 9.99 (折)"
        ),
        "coupon_cap": lambda: QCoreApplication.translate(
            "CouponMessages", "The cap must be above zero (or left empty)"
        ),
        "coupon_stock": lambda: (
            QCoreApplication.translate(
                "CouponMessages", "The stock cannot go below the {issued} codes already issued"
            ).format(issued=get("issued"))
            if "issued" in d
            else QCoreApplication.translate(
                "CouponMessages", "The stock is unlimited or a whole number from 0"
            )
        ),
        "coupon_scope": lambda: QCoreApplication.translate(
            "CouponMessages", "Tick at least one store the coupon is valid at"
        ),
        "coupon_store": lambda: QCoreApplication.translate(
            "CouponMessages", "No store {store}"
        ).format(store=get("value")),
        "coupon_dates": lambda: {
            "order": QCoreApplication.translate(
                "CouponMessages", "The validity ends before it starts"
            ),
            "over": QCoreApplication.translate(
                "CouponMessages", "The validity is already over: check the end date"
            ),
        }.get(
            get("reason"),
            QCoreApplication.translate("CouponMessages", "Choose a time between 2000 and 2100"),
        ),
        "coupon_limit": lambda: QCoreApplication.translate(
            "CouponMessages", "A limit is unlimited or a whole number from 0"
        ),
        "coupon_funder": lambda: QCoreApplication.translate(
            "CouponMessages", "Choose who funds the coupon"
        ),
        "coupon_status": lambda: QCoreApplication.translate("CouponMessages", "Choose a status"),
        "coupon_note": lambda: QCoreApplication.translate(
            "CouponMessages", "The note is too long (at most {limit} characters)"
        ).format(limit=get("limit")),
        "coupon_cover": lambda: QCoreApplication.translate(
            "CouponMessages", "The image path is too long (at most {limit} characters)"
        ).format(limit=get("limit")),
        "coupon_not_found": lambda: QCoreApplication.translate(
            "CouponMessages", "This coupon no longer exists"
        ),
        "coupon_disabled": lambda: QCoreApplication.translate(
            "CouponMessages", "This coupon is disabled: enable it before issuing codes"
        ),
        "coupon_expired": lambda: QCoreApplication.translate(
            "CouponMessages", "This coupon has expired: no more codes can be issued"
        ),
        "stock_exceeded": lambda: QCoreApplication.translate(
            "CouponMessages", "Only {left} codes are left in stock"
        ).format(left=get("left")),
        "issue_count": lambda: (
            QCoreApplication.translate(
                "CouponMessages",
                "One code per phone: the count must equal the {phones} phones listed",
            ).format(phones=get("phones"))
            if "phones" in d
            else QCoreApplication.translate(
                "CouponMessages", "Issue 1 to {high} codes at a time"
            ).format(high=get("high"))
        ),
        "issue_phones": lambda: QCoreApplication.translate(
            "CouponMessages", "List one phone number per line"
        ),
        "phone_format": lambda: (
            QCoreApplication.translate(
                "CouponMessages",
                "Line {line}: {value} is not a mobile number (11 digits starting with 1)",
            )
            if "line" in d
            else QCoreApplication.translate(
                "CouponMessages", "{value} is not a mobile number (11 digits starting with 1)"
            )
        ).format(line=get("line"), value=get("value")),
        "phone_duplicate": lambda: QCoreApplication.translate(
            "CouponMessages", "Line {line}: {value} is already on line {first}"
        ).format(line=get("line"), value=get("value"), first=get("first")),
        "batch_no": lambda: QCoreApplication.translate(
            "CouponMessages", "The batch number is too long (at most 40 characters)"
        ),
        "date_range": lambda: QCoreApplication.translate(
            "CouponMessages", "The time range ends before it starts"
        ),
        "store_not_allowed": lambda: QCoreApplication.translate(
            "CouponMessages", "You may not read the records of store {store}"
        ).format(store=get("store")),
        "text_too_long": lambda: QCoreApplication.translate(
            "CouponMessages", "The search text is too long"
        ),
        "amount_format": lambda: QCoreApplication.translate(
            "CouponMessages", "Enter an amount in yuan, e.g. 50 or 49.90"
        ),
        "amount_too_large": lambda: QCoreApplication.translate(
            "CouponMessages", "That amount is too large"
        ),
        "amount_negative": lambda: QCoreApplication.translate(
            "CouponMessages", "The amount must not be negative"
        ),
    }.get(exc.code)
    return texts() if texts is not None else describe_backoffice(exc)


def to_qt(at: datetime) -> QDateTime:
    """An aware time as China wall-clock time for a ``QDateTimeEdit``."""
    wall = local_time(at, CHINA_TZ).replace(tzinfo=None, second=0, microsecond=0)
    return QDateTime(wall)


def from_qt(value: QDateTime) -> datetime:
    """A ``QDateTimeEdit``'s wall-clock time, read as China time."""
    return value.toPython().replace(tzinfo=ZoneInfo(CHINA_TZ))


def off_bp_of(zhe: float) -> int:
    """8 (折: pay 80 %) → 2000 basis points off."""
    return 10_000 - int(Decimal(str(round(zhe, 2))) * 1000)


# -- the coupon dialog -----------------------------------------------------------------------------


class CouponEditor(QObject):
    """新建 / 编辑卡券. Saves through the service; a refusal is shown under its field and the
    dialog stays open with what was typed."""

    saved = Signal(object)

    def __init__(
        self,
        parent: QWidget,
        runner: OperationRunner,
        backend: BackofficeBackend,
        actor: Actor,
        stores: list[StoreChoice],
        *,
        now: datetime,
        row: CouponRow | None = None,
    ) -> None:
        super().__init__()
        self.runner = runner
        self.backend = backend
        self.actor = actor
        self.row = row
        self.view = CouponDialogView(parent)
        self.setParent(self.view)  # goes with its dialog
        self._texts()
        self._fill_choices(stores)
        self._prefill(input_from_row(row) if row else self._defaults(now))
        self.view.type.currentIndexChanged.connect(
            lambda _i: self.view.show_rule(self.view.type.currentData())
        )
        self.view.all_stores.toggled.connect(lambda on: self.view.stores.setEnabled(not on))
        self.view.save.clicked.connect(self.save)
        self.view.cancel.clicked.connect(self.view.reject)

    # -- texts and choices ---------------------------------------------------------------------
    def _texts(self) -> None:
        v = self.view
        v.setWindowTitle(self.tr("Edit coupon") if self.row else self.tr("New coupon"))
        labels = {
            "name": self.tr("Name"),
            "type": self.tr("Type"),
            "exchange_sku_code": self.tr("SKU given"),
            "threshold_fen": self.tr("Spend at least (yuan)"),
            "amount_off_fen": self.tr("Take off (yuan)"),
            "off_bp": self.tr("Discount (折)"),
            "cap_fen": self.tr("At most off (yuan)"),
            "stock": self.tr("Stock"),
            "store_scope": self.tr("Valid at"),
            "valid_from": self.tr("Valid"),
            "stackable": self.tr("Stacking"),
            "limit_user_day": self.tr("Per customer a day"),
            "limit_user_week": self.tr("Per customer a week"),
            "limit_user_month": self.tr("Per customer a month"),
            "limit_user_half_year": self.tr("Per customer half a year"),
            "limit_user_year": self.tr("Per customer a year"),
            "limit_device_day": self.tr("Per device a day"),
            "limit_daily_total": self.tr("All stores a day"),
            "funded_by": self.tr("Funded by"),
            "status": self.tr("Status"),
            "note": self.tr("Note"),
            "cover_image": self.tr("Cover image"),
        }
        for key, text in labels.items():
            v.labels[key].setText(text)
        v.sku.setPlaceholderText(self.tr("SKU code, e.g. P000010"))
        v.threshold.setPlaceholderText(self.tr("e.g. 50"))
        v.amount_off.setPlaceholderText(self.tr("e.g. 10"))
        v.cap.setPlaceholderText(self.tr("Empty: no cap"))
        v.zhe.setSuffix(self.tr(" 折"))
        v.stock.setSpecialValueText(self.tr("Unlimited"))
        for spin in v.limits.values():
            spin.setSpecialValueText(self.tr("Unlimited"))
        v.all_stores.setText(self.tr("All stores"))
        v.listed_stores.setText(self.tr("Listed stores"))
        v.stackable.setText(self.tr("Combines with other coupons and discounts"))
        v.note.setPlaceholderText(self.tr("Shown to staff, not to customers"))
        v.cover_image.setPlaceholderText(self.tr("Image file or web address (optional)"))
        v.save.setText(self.tr("Save"))
        v.cancel.setText(self.tr("Cancel"))

    def _fill_choices(self, stores: list[StoreChoice]) -> None:
        v = self.view
        for kind in TYPE_PAGES:
            v.type.addItem(type_name(kind), kind)
        for funder in FUNDERS:
            v.funded_by.addItem(funder_name(funder), funder)
        for status in STATUSES:
            v.status.addItem(status_name(status), status)
        for store in stores:
            item = QListWidgetItem(f"{store.code} {store.name}", v.stores)
            item.setData(Qt.ItemDataRole.UserRole, store.code)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)

    @staticmethod
    def _defaults(now: datetime) -> CouponInput:
        start = local_time(now, CHINA_TZ).replace(second=0, microsecond=0)
        end = (start + timedelta(days=30)).replace(hour=23, minute=59)
        return CouponInput(name="", type="threshold", valid_from=start, valid_until=end)

    def _prefill(self, data: CouponInput) -> None:
        v = self.view
        v.name.setText(data.name)
        v.type.setCurrentIndex(TYPE_PAGES.get(data.type, 1))
        v.show_rule(v.type.currentData())
        v.sku.setText(data.exchange_sku_code or "")
        v.threshold.setText(fmt_plain(data.threshold_fen) if data.amount_off_fen else "")
        v.amount_off.setText(fmt_plain(data.amount_off_fen) if data.amount_off_fen else "")
        if data.type == "discount":
            v.zhe.setValue((10_000 - data.off_bp) / 1000)
        v.cap.setText(fmt_plain(data.cap_fen) if data.cap_fen is not None else "")
        v.stock.setValue(data.stock)
        listed = data.store_scope == "listed"
        v.listed_stores.setChecked(listed)
        v.all_stores.setChecked(not listed)
        v.stores.setEnabled(listed)
        for i in range(v.stores.count()):
            item = v.stores.item(i)
            ticked = item.data(Qt.ItemDataRole.UserRole) in data.store_codes
            item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
        v.valid_from.setDateTime(to_qt(data.valid_from))
        v.valid_until.setDateTime(to_qt(data.valid_until))
        v.stackable.setChecked(data.stackable)
        for name, spin in v.limits.items():
            spin.setValue(getattr(data, name))
        v.funded_by.setCurrentIndex(max(0, v.funded_by.findData(data.funded_by)))
        v.status.setCurrentIndex(max(0, v.status.findData(data.status)))
        v.note.setText(data.note)
        v.cover_image.setText(data.cover_image)

    # -- reading the form ------------------------------------------------------------------------
    def _money(self, key: str, text: str, *, optional: bool = False) -> int | None:
        """Typed yuan as fen; a typing error is kept for ``collect`` to report (0 meanwhile)."""
        if optional and not text.strip():
            return None
        try:
            return parse_fen(text, field=key)
        except ValidationError as exc:
            self._typing_errors.append(ValidationError(exc.message, code=exc.code, field=key))
            return 0

    def _ticked_stores(self) -> tuple[str, ...]:
        v = self.view
        return tuple(
            v.stores.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(v.stores.count())
            if v.stores.item(i).checkState() == Qt.CheckState.Checked
        )

    def collect(self) -> CouponInput | None:
        """The form as a service input, or None after showing, under each field, the amounts
        that are not yuan. Everything else the service checks."""
        self._typing_errors: list[ValidationError] = []
        data = self._read_form()
        for exc in self._typing_errors:
            self.show_error(exc)
        return None if self._typing_errors else data

    def _read_form(self) -> CouponInput:
        v = self.view
        kind = v.type.currentData()
        listed = v.listed_stores.isChecked()
        return CouponInput(
            name=v.name.text(),
            type=kind,
            valid_from=from_qt(v.valid_from.dateTime()),
            valid_until=from_qt(v.valid_until.dateTime()),
            exchange_sku_code=v.sku.text() if kind == "exchange" else None,
            threshold_fen=self._money("threshold_fen", v.threshold.text())
            if kind == "threshold"
            else 0,
            amount_off_fen=self._money("amount_off_fen", v.amount_off.text())
            if kind == "threshold"
            else 0,
            off_bp=off_bp_of(v.zhe.value()) if kind == "discount" else 0,
            cap_fen=self._money("cap_fen", v.cap.text(), optional=True)
            if kind == "discount"
            else None,
            stock=v.stock.value(),
            store_scope="listed" if listed else "all",
            store_codes=self._ticked_stores() if listed else (),
            stackable=v.stackable.isChecked(),
            **{name: v.limits[name].value() for name in LIMIT_FIELDS},
            funded_by=v.funded_by.currentData(),
            status=v.status.currentData(),
            note=v.note.text(),
            cover_image=v.cover_image.text(),
        )

    # -- saving ------------------------------------------------------------------------------------
    def open(self) -> None:
        self.view.open()
        self.view.name.setFocus()

    def clear_errors(self) -> None:
        for label in self.view.errors.values():
            label.setText("")
            label.setVisible(False)
        set_message(self.view.message, "", "info")

    def show_error(self, exc: BaseException) -> None:
        """Under the field the refusal names, else at the foot of the dialog."""
        field = exc.details.get("field") if isinstance(exc, DomainError) else None
        label = self.view.errors.get(str(field)) if field else None
        if label is None:
            set_message(self.view.message, describe(exc))
            return
        set_message(label, describe(exc))
        label.setVisible(True)

    def save(self) -> None:
        self.clear_errors()
        data = self.collect()
        if data is None:
            return
        self.view.save.setEnabled(False)
        actor, backend = self.actor, self.backend
        coupon_id = self.row.coupon_id if self.row else None
        self.runner.run(
            lambda: backend.save_coupon(actor, coupon_id, data),
            kind="write",
            on_done=self._saved,
            on_error=self._refused,
            owner=self.view,
            label="save coupon",
        )

    def _saved(self, row: CouponRow) -> None:
        self.view.save.setEnabled(True)
        self.saved.emit(row)
        self.view.accept()

    def _refused(self, exc: BaseException) -> None:
        self.view.save.setEnabled(True)
        self.show_error(exc)


# -- the issue dialog ------------------------------------------------------------------------------


class IssueEditor(QObject):
    """发券: a count, or one code per phone of a pasted list (then the count follows the list)."""

    issued = Signal(object)

    def __init__(
        self,
        parent: QWidget,
        runner: OperationRunner,
        backend: BackofficeBackend,
        actor: Actor,
        row: CouponRow,
    ) -> None:
        super().__init__()
        self.runner = runner
        self.backend = backend
        self.actor = actor
        self.row = row
        v = self.view = IssueDialogView(parent)
        self.setParent(v)  # goes with its dialog
        v.setWindowTitle(self.tr("Issue codes"))
        v.coupon.setText(row.name)
        v.stock.setText(
            self.tr("Stock {stock}, issued {issued}").format(
                stock=count_text(row.stock), issued=row.issued
            )
        )
        v.count_label.setText(self.tr("Number of codes"))
        v.batch_label.setText(self.tr("Batch number"))
        v.batch_no.setPlaceholderText(self.tr("Empty: made from the date and time"))
        v.phones_label.setText(
            self.tr("Or bind each code to a customer: one mobile number per line")
        )
        v.phones.setPlaceholderText("13800138000\n13900139000")
        v.issue.setText(self.tr("Issue"))
        v.cancel.setText(self.tr("Cancel"))
        v.phones.textChanged.connect(self._phones_changed)
        v.issue.clicked.connect(self.issue)
        v.cancel.clicked.connect(v.reject)

    def phones(self) -> list[str] | None:
        lines = [ln.strip() for ln in self.view.phones.toPlainText().splitlines()]
        listed = [ln for ln in lines if ln]
        return listed or None

    def _phones_changed(self) -> None:
        phones = self.phones()
        self.view.count.setEnabled(phones is None)
        if phones is not None:
            self.view.count.setValue(min(len(phones), self.view.count.maximum()))

    def open(self) -> None:
        self.view.open()

    def issue(self) -> None:
        set_message(self.view.message, "", "info")
        phones = self.phones()
        count = None if phones is not None else self.view.count.value()
        batch = self.view.batch_no.text().strip() or None
        actor, backend, coupon_id = self.actor, self.backend, self.row.coupon_id
        self.view.issue.setEnabled(False)
        self.runner.run(
            lambda: backend.issue_codes(actor, coupon_id, count, phones, batch),
            kind="write",
            on_done=self._issued,
            on_error=self._refused,
            owner=self.view,
            label="issue codes",
        )

    def _issued(self, result: IssueResult) -> None:
        self.view.issue.setEnabled(True)
        self.issued.emit(result)
        self.view.accept()

    def _refused(self, exc: BaseException) -> None:
        self.view.issue.setEnabled(True)
        set_message(self.view.message, describe(exc))


# -- the area --------------------------------------------------------------------------------------


class CouponScreen(QObject):
    def __init__(
        self,
        runner: OperationRunner,
        backend: BackofficeBackend,
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
        self.query = CouponQuery()
        self.stores: list[StoreChoice] = []
        self.current: CouponRow | None = None
        self.editor: CouponEditor | None = None
        self.issuer: IssueEditor | None = None
        self.view = CouponAreaView(parent)
        self.widget = self.view
        #: where an export goes (tests answer it themselves)
        self.ask_save_path: SavePathAsker = ask_save_path or save_dialog(
            self.view, self.tr("Export codes")
        )
        self.model = coupon_model(runner, clock.now, page_size=PAGE_SIZE, parent=self)
        self.view.table.setModel(self.model)
        self.codes_model = code_model(runner, page_size=PAGE_SIZE, parent=self)
        self.view.codes.setModel(self.codes_model)
        keep_columns_fitted(self.view.table)
        keep_columns_fitted(self.view.codes)
        self._texts()
        self._wire()
        self._enable_actions()

    def _texts(self) -> None:
        v = self.view
        v.title.setText(self.tr("Coupons"))
        v.name_label.setText(self.tr("Name"))
        v.name.setPlaceholderText(self.tr("Part of the name"))
        v.type.addItem(self.tr("Any type"), None)
        for kind in TYPE_PAGES:
            v.type.addItem(type_name(kind), kind)
        v.status.addItem(self.tr("Any status"), None)
        names = {"active": phase_name("running"), "disabled": phase_name("disabled")}
        for status in LIST_STATUSES:
            v.status.addItem(names.get(status, phase_name(status)), status)
        v.store.addItem(self.tr("All stores"), None)
        v.search.setText(self.tr("Search"))
        v.new.setText(self.tr("New coupon"))
        v.edit.setText(self.tr("Edit"))
        v.issue.setText(self.tr("Issue codes"))
        v.export_csv.setText(self.tr("Export codes CSV"))
        v.export_xlsx.setText(self.tr("Export codes XLSX"))
        v.codes_box.setTitle(self.tr("Codes"))

    def _wire(self) -> None:
        v = self.view
        v.search.clicked.connect(self.apply_filters)
        v.name.returnPressed.connect(self.apply_filters)
        for combo in (v.type, v.status, v.store):
            combo.activated.connect(lambda _i: self.apply_filters())
        v.new.clicked.connect(self.new_coupon)
        v.edit.clicked.connect(self.edit_coupon)
        v.table.doubleClicked.connect(lambda _index: self.edit_coupon())
        v.issue.clicked.connect(self.issue_codes)
        v.export_csv.clicked.connect(lambda: self.export_codes(".csv"))
        v.export_xlsx.clicked.connect(lambda: self.export_codes(".xlsx"))
        self.model.loaded.connect(self._loaded)
        self.model.failed.connect(self._failed)
        self.codes_model.loaded.connect(self._codes_loaded)
        self.codes_model.failed.connect(self._failed)
        v.table.selectionModel().currentRowChanged.connect(
            lambda cur, _prev: self._selected(cur.row())
        )

    def _failed(self, exc: BaseException) -> None:
        set_message(self.view.message, describe(exc))

    # -- the list ----------------------------------------------------------------------------------
    def start(self) -> None:
        """Load the stores (for the filter and the dialog), then the first page of coupons."""
        self.runner.run(
            lambda: self.backend.coupon_stores(self.actor),
            on_done=self._stores_loaded,
            on_error=self._failed,
            owner=self.view,
            label="coupon stores",
        )

    def _stores_loaded(self, stores: list[StoreChoice]) -> None:
        self.stores = stores
        for s in stores:
            self.view.store.addItem(f"{s.code} {s.name}", s.code)
        self.apply_filters()

    def apply_filters(self) -> None:
        v = self.view
        self.query = CouponQuery(
            name=v.name.text().strip() or None,
            type=v.type.currentData(),
            status=v.status.currentData(),
            store_code=v.store.currentData(),
        )
        self._reload()

    def _reload(self) -> None:
        set_message(self.view.message, "", "info")
        self.view.summary.setText(self.tr("Loading…"))
        self._show_codes(None)
        query, actor, backend = self.query, self.actor, self.backend
        self.model.reload(lambda offset, limit: backend.coupon_page(actor, query, offset, limit))

    def _loaded(self, total: int) -> None:
        self.view.summary.setText(self.tr("{count} coupons").format(count=total))
        if total:
            self.view.table.selectRow(0)

    def _selected(self, row: int) -> None:
        self._show_codes(self.model.row_at(row))

    def _show_codes(self, row: CouponRow | None) -> None:
        self.current = row
        self._enable_actions()
        if row is None:
            self.view.codes_summary.setText("")
            self.codes_model.set_rows([])
            return
        self.view.codes_summary.setText(self.tr("Loading…"))
        actor, backend, coupon_id = self.actor, self.backend, row.coupon_id
        self.codes_model.reload(
            lambda offset, limit: backend.code_page(actor, coupon_id, offset, limit)
        )

    def _codes_loaded(self, total: int) -> None:
        row = self.current
        if row is None:
            return
        self.view.codes_summary.setText(
            self.tr(
                "{name}: {total} codes, {unused} unused, {used} used · valid {start} – {end}"
            ).format(
                name=row.name,
                total=total,
                unused=row.unused,
                used=row.used,
                start=local(row.valid_from),
                end=local(row.valid_until),
            )
        )

    def _enable_actions(self) -> None:
        selected = self.current is not None
        for button in (
            self.view.edit,
            self.view.issue,
            self.view.export_csv,
            self.view.export_xlsx,
        ):
            button.setEnabled(selected)

    # -- new / edit -----------------------------------------------------------------------------
    def new_coupon(self) -> None:
        self._open_editor(None)

    def edit_coupon(self) -> None:
        """Edit the selected coupon as it is now (read again: another manager may have changed
        it since the list was loaded)."""
        if self.current is None:
            return
        actor, backend, coupon_id = self.actor, self.backend, self.current.coupon_id
        self.runner.run(
            lambda: backend.coupon_detail(actor, coupon_id),
            on_done=self._open_editor,
            on_error=self._failed,
            owner=self.view,
            label="coupon detail",
        )

    def _open_editor(self, row: CouponRow | None) -> None:
        if self.editor is not None:  # one dialog at a time: the last one is done with
            self.editor.view.deleteLater()
        self.editor = CouponEditor(
            self.view,
            self.runner,
            self.backend,
            self.actor,
            self.stores,
            now=self.clock.now(),
            row=row,
        )
        self.editor.saved.connect(lambda saved: self._saved(saved, created=row is None))
        self.editor.open()

    def _saved(self, row: CouponRow, *, created: bool) -> None:
        if created:
            self._reload()
        else:
            self._replace(row)
        set_message(
            self.view.message, self.tr("Coupon “{name}” saved").format(name=row.name), "info"
        )

    def _replace(self, row: CouponRow) -> None:
        index = self.model.replace_row(lambda r: r.coupon_id == row.coupon_id, row)
        if index >= 0 and self.current is not None and self.current.coupon_id == row.coupon_id:
            self._show_codes(row)

    # -- issuing ----------------------------------------------------------------------------------
    def issue_codes(self) -> None:
        if self.current is None:
            return
        if self.issuer is not None:
            self.issuer.view.deleteLater()
        self.issuer = IssueEditor(self.view, self.runner, self.backend, self.actor, self.current)
        self.issuer.issued.connect(self._issued)
        self.issuer.open()

    def _issued(self, result: IssueResult) -> None:
        set_message(
            self.view.message,
            self.tr("Issued {count} codes of “{name}” (batch {batch})").format(
                count=result.count, name=result.coupon_name, batch=result.batch_no
            ),
            "info",
        )
        actor, backend = self.actor, self.backend
        self.runner.run(
            lambda: backend.coupon_detail(actor, result.coupon_id),
            on_done=self._replace,
            on_error=self._failed,
            owner=self.view,
            label="coupon detail",
        )

    # -- export -----------------------------------------------------------------------------------
    def _code_headers(self) -> list[str]:
        return [
            self.tr("Code"),
            self.tr("Code without dashes"),
            self.tr("Coupon"),
            self.tr("Phone"),
            self.tr("Batch"),
            self.tr("State"),
            self.tr("Issued at"),
            self.tr("Used at"),
            self.tr("Used at store"),
        ]

    @staticmethod
    def _code_cells(row: CodeRow) -> list[object]:
        return [
            format_code(row.code),
            row.code,
            row.coupon_name,
            row.phone or "",
            row.batch_no,
            code_state_name(row.state),
            local(row.issued_at, fmt="%Y-%m-%d %H:%M:%S"),
            local(row.used_at, fmt="%Y-%m-%d %H:%M:%S"),
            row.used_store_code or "",
        ]

    def export_codes(self, suffix: str) -> None:
        row = self.current
        if row is None:
            return
        day = business_date(self.clock.now(), CHINA_TZ).isoformat()
        path = ask_path(self.ask_save_path, f"codes-{day}", suffix)
        if path is None:
            return
        headers = self._code_headers()
        cells = self._code_cells
        actor, backend, coupon_id = self.actor, self.backend, row.coupon_id
        run_export(
            self.runner,
            describe=describe,
            message=self.view.message,
            owner=self.view,
            path=path,
            job=lambda: backend.export_codes(actor, coupon_id, path, headers, cells),
            label="export codes",
        )
