"""电商渠道 and 电商订单 (SPEC §8).

电商渠道: the channel shops filtered by a search (name, domain, user id), type and status; a dialog
to add or edit a shop (each refusal beside its field); enable / disable — disabling a shop with
unsettled orders asks first, listing them; the total balance over every shop and the shops whose
balance changed sharply.

电商订单: the orders in three tabs (all / platform / channel), filtered by order number, user id,
shop, each state and the created / redeemed dates, a page at a time; several rows can be chosen.
Batch delivery of the chosen orders (a report per order: delivered, already delivered, refused
with its reason, sold out), after-sale handling (refund or reissue, with a reason), copy card key
(to the clipboard, never on screen; only with ``reveal_card_keys``, audited by the service), copy
link, freeze / unfreeze / reject / open an after-sale request, deleting test orders after a
question, CSV import with a report of the rows not imported, and a banner for orders waiting
longer than 24 hours.

Behaviour only: the layout is ``channel_views``, the rows and their text ``channel_models``, the
rules ``services.channels``. Every call to the central database goes through the operation runner
(``ChannelBackend`` methods run on its workers)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDate, QEvent, QObject, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog, QInputDialog, QWidget

from backoffice.area_kit import SavePathAsker, file_filter
from backoffice.backend import PAGE_SIZE
from backoffice.card_key_screen import describe as describe_card_keys
from backoffice.channel_backend import ChannelBackend
from backoffice.channel_models import (
    after_sale_name,
    channel_type_name,
    import_model,
    order_model,
    redeem_state_name,
    shop_model,
    verify_state_name,
)
from backoffice.channel_views import (
    AfterSaleDialogView,
    ImportReportView,
    OrderAreaView,
    ShopAreaView,
    ShopDialogView,
)
from backoffice.coupon_views import keep_columns_fitted
from backoffice.import_dialog import OpenPathAsker
from backoffice.views import set_message
from backoffice.voucher_dialog import Confirm, ask_confirm
from shared.db.queries.channels import OrderRow, ShopRow
from shared.domain.clock import Clock, business_date
from shared.domain.errors import DomainError, ValidationError
from shared.domain.permissions import Perm
from shared.qt.money import fmt_fen, fmt_plain, parse_fen
from shared.qt.operations import OperationRunner
from shared.services.auth import Actor
from shared.services.channels import (
    AFTER_SALE_STATES,
    CHANNEL_TYPES,
    CHINA_TZ,
    REDEEM_STATES,
    VERIFY_STATES,
    AfterSaleResult,
    ChannelAlerts,
    DeleteResult,
    DeliveryReport,
    OrderImport,
    OrderQuery,
    RevealedKeys,
    ShopInput,
    ShopQuery,
    ShopSummary,
    input_from_shop,
)

# asks for a reason (title, label) -> the text, or None when cancelled
ReasonAsker = Callable[[QWidget, str, str], str | None]
# the tabs of the order list, in order
TABS = ("all", "platform", "channel")


def describe(exc: BaseException) -> str:
    """A refusal of the channel services in the interface language (the rest: the card-key
    area's, the back office's and the counter's wording)."""
    if not isinstance(exc, DomainError):
        return describe_card_keys(exc)
    d = exc.details

    def get(key: str) -> str:
        return str(d.get(key, ""))

    def listed() -> str:
        orders = d.get("orders") or []
        more = int(d.get("count", len(orders)) or 0) > len(orders)
        return "、".join(str(o) for o in orders) + ("…" if more else "")

    texts = {
        "shop_name": lambda: (
            QCoreApplication.translate(
                "ChannelMessages", "The name is too long (at most {limit} characters)"
            ).format(limit=get("limit"))
            if "limit" in d
            else QCoreApplication.translate("ChannelMessages", "Give the shop a name")
        ),
        "shop_name_taken": lambda: QCoreApplication.translate(
            "ChannelMessages", "A shop named {name} exists already"
        ).format(name=get("value")),
        "shop_type": lambda: QCoreApplication.translate(
            "ChannelMessages", "Choose the channel type"
        ),
        "shop_user_id": lambda: QCoreApplication.translate(
            "ChannelMessages", "The user id is at most 64 characters, without control characters"
        ),
        "shop_balance": lambda: QCoreApplication.translate(
            "ChannelMessages", "The balance is an amount from 0"
        ),
        "shop_domain": lambda: (
            QCoreApplication.translate(
                "ChannelMessages",
                "Give the host name only (e.g. dh.example.com), without https:// or a path",
            )
            if get("reason") == "url"
            else QCoreApplication.translate(
                "ChannelMessages", "{value} is not a host name (e.g. dh.example.com)"
            ).format(value=get("value"))
            if get("reason") == "host"
            else QCoreApplication.translate(
                "ChannelMessages", "The domain is too long (at most 120 characters)"
            )
        ),
        "shop_account": lambda: QCoreApplication.translate(
            "ChannelMessages", "The account is at most 64 characters, without control characters"
        ),
        "shop_sort": lambda: QCoreApplication.translate(
            "ChannelMessages", "The sort order is a whole number from 0"
        ),
        "shop_not_found": lambda: QCoreApplication.translate(
            "ChannelMessages", "This shop no longer exists"
        ),
        "shop_unsettled": lambda: QCoreApplication.translate(
            "ChannelMessages", "Shop {shop} has {count} unsettled orders: {orders}"
        ).format(shop=get("shop"), count=get("count"), orders=listed()),
        "order_not_found": lambda: QCoreApplication.translate(
            "ChannelMessages", "This order no longer exists"
        ),
        "order_selection": lambda: QCoreApplication.translate(
            "ChannelMessages", "Choose the orders first (at most 500 at a time)"
        ),
        "order_refunded": lambda: QCoreApplication.translate(
            "ChannelMessages", "Order {order} was refunded already"
        ).format(order=get("order")),
        "order_not_delivered": lambda: QCoreApplication.translate(
            "ChannelMessages", "Order {order} has no card key yet: deliver it instead"
        ).format(order=get("order")),
        "order_frozen": lambda: QCoreApplication.translate(
            "ChannelMessages", "Order {order} is frozen"
        ).format(order=get("order")),
        "order_rejected": lambda: QCoreApplication.translate(
            "ChannelMessages", "Order {order} was rejected"
        ).format(order=get("order")),
        "order_changed": lambda: QCoreApplication.translate(
            "ChannelMessages", "The order was changed meanwhile: look again"
        ),
        "changed": lambda: QCoreApplication.translate(
            "ChannelMessages", "The order was changed meanwhile: look again"
        ),
        "sold_out": lambda: QCoreApplication.translate(
            "ChannelMessages", "Sold out: {available} card keys left, {wanted} needed"
        ).format(available=get("available"), wanted=get("wanted")),
        "order_no_keys": lambda: QCoreApplication.translate(
            "ChannelMessages", "Order {order} has no card key (not delivered, or refunded)"
        ).format(order=get("order")),
        "order_no_link": lambda: QCoreApplication.translate(
            "ChannelMessages",
            "Order {order} has no redemption link (not delivered, or its shop has no "
            "redemption domain)",
        ).format(order=get("order")),
        "orders_not_test": lambda: QCoreApplication.translate(
            "ChannelMessages", "Only test orders can be deleted; these are real orders: {orders}"
        ).format(orders=listed()),
        "reason": lambda: QCoreApplication.translate(
            "ChannelMessages", "Give a reason (at most 200 characters)"
        ),
        "text_too_long": lambda: QCoreApplication.translate(
            "ChannelMessages", "The search text is too long"
        ),
        "date_range": lambda: QCoreApplication.translate(
            "ChannelMessages", "The date range ends before it starts"
        ),
        "file_encoding": lambda: QCoreApplication.translate(
            "ChannelMessages", "The file is neither UTF-8 nor GB18030 text: save it as CSV UTF-8"
        ),
        "file_not_text": lambda: QCoreApplication.translate(
            "ChannelMessages", "This is not a CSV text file"
        ),
        "file_too_large": lambda: QCoreApplication.translate(
            "ChannelMessages", "The file is larger than 20 MB: split it"
        ),
        "file_too_many_rows": lambda: QCoreApplication.translate(
            "ChannelMessages", "The file has more than 50,000 orders: split it"
        ),
        "file_csv": lambda: QCoreApplication.translate(
            "ChannelMessages", "The CSV file is malformed"
        ),
        "file_unreadable": lambda: QCoreApplication.translate(
            "ChannelMessages", "The file could not be read"
        ),
        "import_empty": lambda: QCoreApplication.translate("ChannelMessages", "The file is empty"),
        "import_columns": lambda: (
            QCoreApplication.translate(
                "ChannelMessages", "The header row lacks the columns: {columns}"
            ).format(columns=", ".join(d.get("missing") or []))
            if d.get("missing")
            else QCoreApplication.translate(
                "ChannelMessages", "A column is given twice in the header row"
            )
        ),
        "amount_format": lambda: QCoreApplication.translate(
            "ChannelMessages", "Enter an amount in yuan, e.g. 5000 or 4999.50"
        ),
        "amount_too_large": lambda: QCoreApplication.translate(
            "ChannelMessages", "That amount is too large"
        ),
        "amount_negative": lambda: QCoreApplication.translate(
            "ChannelMessages", "The balance must not be negative"
        ),
    }.get(exc.code)
    return texts() if texts is not None else describe_card_keys(exc)


def delivery_reason(reason: str) -> str:
    """Why one order of a batch delivery was not delivered."""
    return {
        "unpaid": QCoreApplication.translate("ChannelMessages", "not paid"),
        "frozen": QCoreApplication.translate("ChannelMessages", "frozen"),
        "rejected": QCoreApplication.translate("ChannelMessages", "rejected"),
        "refunded": QCoreApplication.translate("ChannelMessages", "refunded"),
        "not_card_key": QCoreApplication.translate("ChannelMessages", "not a card-key product"),
        "sold_out": QCoreApplication.translate("ChannelMessages", "sold out"),
        "order_not_found": QCoreApplication.translate("ChannelMessages", "no longer exists"),
        "busy": QCoreApplication.translate("ChannelMessages", "the pool was busy: try again"),
        "changed": QCoreApplication.translate("ChannelMessages", "changed meanwhile: try again"),
    }.get(reason, reason)


def _ask_reason(parent: QWidget, title: str, label: str) -> str | None:
    text, ok = QInputDialog.getText(parent, title, label)
    return text if ok else None


# -- the shop dialog -------------------------------------------------------------------------------


class ShopEditor(QObject):
    """添加 / 编辑渠道店铺. Saves through the service; a refusal is shown under its field and the
    dialog stays open with what was typed. Disabling a shop with unsettled orders asks first."""

    saved = Signal(object)

    def __init__(
        self,
        parent: QWidget,
        runner: OperationRunner,
        backend: ChannelBackend,
        actor: Actor,
        *,
        row: ShopRow | None = None,
        confirm: Confirm = ask_confirm,
    ) -> None:
        super().__init__()
        self.runner = runner
        self.backend = backend
        self.actor = actor
        self.row = row
        self.confirm = confirm
        self.view = ShopDialogView(parent)
        self.setParent(self.view)  # goes with its dialog
        self._texts()
        for kind in CHANNEL_TYPES:
            self.view.channel_type.addItem(channel_type_name(kind), kind)
        self._prefill(input_from_shop(row) if row else ShopInput(name="", channel_type="taobao"))
        self.view.save.clicked.connect(lambda: self.save())
        self.view.cancel.clicked.connect(self.view.reject)

    def _texts(self) -> None:
        v = self.view
        v.setWindowTitle(self.tr("Edit shop") if self.row else self.tr("Add shop"))
        labels = {
            "name": self.tr("Shop name"),
            "channel_type": self.tr("Channel type"),
            "channel_user_id": self.tr("Ordering user ID"),
            "balance_fen": self.tr("Balance (yuan)"),
            "redemption_domain": self.tr("Redemption domain"),
            "account": self.tr("Account"),
            "sort_order": self.tr("Sort order"),
            "enabled": self.tr("Status"),
        }
        for key, text in labels.items():
            v.labels[key].setText(text)
        v.name.setPlaceholderText(self.tr("e.g. XX official flagship store"))
        v.user_id.setPlaceholderText(self.tr("The channel-side user that places the orders"))
        v.balance.setPlaceholderText(self.tr("e.g. 5000"))
        v.domain.setPlaceholderText(self.tr("e.g. dh.example.com (optional)"))
        v.account.setPlaceholderText(self.tr("The account the shop is connected with"))
        v.enabled.setText(self.tr("Enabled: the shop takes orders"))
        v.save.setText(self.tr("Save"))
        v.cancel.setText(self.tr("Cancel"))

    def _prefill(self, data: ShopInput) -> None:
        v = self.view
        v.name.setText(data.name)
        v.channel_type.setCurrentIndex(max(0, v.channel_type.findData(data.channel_type)))
        v.user_id.setText(data.channel_user_id)
        v.balance.setText(fmt_plain(data.balance_fen) if self.row else "")
        v.domain.setText(data.redemption_domain)
        v.account.setText(data.account)
        v.sort_order.setValue(data.sort_order)
        v.enabled.setChecked(data.enabled)

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

    def collect(self) -> ShopInput | None:
        """The form as a service input, or None after showing a balance that is not yuan."""
        v = self.view
        text = v.balance.text().strip()
        try:
            balance = parse_fen(text, field="balance_fen") if text else 0
        except ValidationError as exc:
            self.show_error(ValidationError(exc.message, code=exc.code, field="balance_fen"))
            return None
        return ShopInput(
            name=v.name.text(),
            channel_type=v.channel_type.currentData(),
            channel_user_id=v.user_id.text(),
            balance_fen=balance,
            redemption_domain=v.domain.text(),
            account=v.account.text(),
            enabled=v.enabled.isChecked(),
            sort_order=v.sort_order.value(),
        )

    def save(self, *, confirm: bool = False) -> None:
        self.clear_errors()
        data = self.collect()
        if data is None:
            return
        self.view.save.setEnabled(False)
        actor, backend = self.actor, self.backend
        shop_id = self.row.shop_id if self.row else None
        self.runner.run(
            lambda: backend.save_shop(actor, shop_id, data, confirm=confirm),
            kind="write",
            on_done=self._saved,
            on_error=self._refused,
            owner=self.view,
            label="save shop",
        )

    def _saved(self, row: ShopRow) -> None:
        self.view.save.setEnabled(True)
        self.saved.emit(row)
        self.view.accept()

    def _refused(self, exc: BaseException) -> None:
        self.view.save.setEnabled(True)
        if isinstance(exc, DomainError) and exc.code == "shop_unsettled":
            question = self.tr(
                "{details}\n\nDisable the shop anyway? Its unsettled orders stay as they are."
            ).format(details=describe(exc))
            if self.confirm(self.view, self.tr("Disable shop"), question):
                self.save(confirm=True)
                return
        self.show_error(exc)


# -- 电商渠道 --------------------------------------------------------------------------------------


class ChannelShopScreen(QObject):
    def __init__(
        self,
        runner: OperationRunner,
        backend: ChannelBackend,
        actor: Actor,
        *,
        parent: QWidget,
        clock: Clock,
        ask_save_path: SavePathAsker | None = None,
        confirm: Confirm | None = None,
    ) -> None:
        super().__init__(parent)
        self.runner = runner
        self.backend = backend
        self.actor = actor
        self.clock = clock
        # asks before disabling a shop with unsettled orders (tests answer for the manager)
        self.confirm: Confirm = confirm or ask_confirm
        self.query = ShopQuery()
        self.current: ShopRow | None = None
        self.editor: ShopEditor | None = None
        self.summary: ShopSummary | None = None
        self.view = ShopAreaView(parent)
        self.widget = self.view
        self.model = shop_model(runner, page_size=PAGE_SIZE, parent=self)
        self.view.table.setModel(self.model)
        keep_columns_fitted(self.view.table)
        self.started = False
        self._texts()
        self._wire()
        self._enable_actions()
        self.view.installEventFilter(self)

    def _texts(self) -> None:
        v = self.view
        v.title.setText(self.tr("E-commerce channels"))
        v.text.setPlaceholderText(self.tr("Shop name, domain or user ID"))
        v.channel_type.addItem(self.tr("Any channel"), None)
        for kind in CHANNEL_TYPES:
            v.channel_type.addItem(channel_type_name(kind), kind)
        v.enabled.addItem(self.tr("Any status"), None)
        v.enabled.addItem(self.tr("Enabled"), True)
        v.enabled.addItem(self.tr("Disabled"), False)
        v.search.setText(self.tr("Search"))
        v.new.setText(self.tr("Add shop"))
        v.edit.setText(self.tr("Edit"))
        v.toggle.setText(self.tr("Disable"))

    def _wire(self) -> None:
        v = self.view
        v.search.clicked.connect(self.apply_filters)
        v.text.returnPressed.connect(self.apply_filters)
        for combo in (v.channel_type, v.enabled):
            combo.activated.connect(lambda _i: self.apply_filters())
        v.new.clicked.connect(lambda: self._open_editor(None))
        v.edit.clicked.connect(self.edit_shop)
        v.table.doubleClicked.connect(lambda _index: self.edit_shop())
        v.toggle.clicked.connect(lambda: self.toggle_shop())
        self.model.loaded.connect(self._loaded)
        self.model.failed.connect(self._failed)
        v.table.selectionModel().currentRowChanged.connect(
            lambda cur, _prev: self._selected(cur.row())
        )

    def _failed(self, exc: BaseException) -> None:
        set_message(self.view.message, describe(exc))

    def start(self) -> None:
        """Load when the area is first shown: an area not opened reads nothing at sign-in."""
        if self.view.isVisible():
            self._first_load()

    def _first_load(self) -> None:
        self.started = True
        self.apply_filters()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is self.view and event.type() == QEvent.Type.Show and not self.started:
            self._first_load()
        return False

    def apply_filters(self) -> None:
        v = self.view
        self.query = ShopQuery(
            text=v.text.text().strip() or None,
            channel_type=v.channel_type.currentData(),
            enabled=v.enabled.currentData(),
        )
        self._reload()

    def _reload(self) -> None:
        set_message(self.view.message, "", "info")
        self.view.summary.setText(self.tr("Loading…"))
        self._selected(-1)
        query, actor, backend = self.query, self.actor, self.backend
        self.model.reload(lambda offset, limit: backend.shop_page(actor, query, offset, limit))
        self.runner.run(
            lambda: backend.shop_summary(actor),
            on_done=self._summary_loaded,
            on_error=self._failed,
            owner=self.view,
            label="shop summary",
        )

    def _loaded(self, total: int) -> None:
        self.view.summary.setText(self.tr("{count} shops").format(count=total))
        if total:
            self.view.table.selectRow(0)

    def _summary_loaded(self, summary: ShopSummary) -> None:
        self.summary = summary
        self.view.total.setText(
            self.tr("Total balance of {shops} shops: {amount}").format(
                shops=summary.shops, amount=fmt_fen(summary.total_balance_fen)
            )
        )
        alerts = [
            self.tr("{shop}: balance {before} → {now} since the last sync").format(
                shop=a.name, before=fmt_fen(a.last_balance_fen), now=fmt_fen(a.balance_fen)
            )
            for a in summary.balance_alerts
        ]
        self.view.alert.setText(
            self.tr(
                "Sharp balance change — check the shop's orders and settlements: {shops}"
            ).format(shops="; ".join(alerts))
            if alerts
            else ""
        )
        self.view.alert.setVisible(bool(alerts))

    def _selected(self, row: int) -> None:
        self.current = self.model.row_at(row) if row >= 0 else None
        self._enable_actions()

    def _enable_actions(self) -> None:
        row = self.current
        self.view.edit.setEnabled(row is not None)
        self.view.toggle.setEnabled(row is not None)
        self.view.toggle.setText(
            self.tr("Enable") if row is not None and not row.enabled else self.tr("Disable")
        )

    # -- add / edit ---------------------------------------------------------------------------
    def edit_shop(self) -> None:
        if self.current is None:
            return
        actor, backend, shop_id = self.actor, self.backend, self.current.shop_id
        self.runner.run(
            lambda: backend.shop_detail(actor, shop_id),
            on_done=self._open_editor,
            on_error=self._failed,
            owner=self.view,
            label="shop detail",
        )

    def _open_editor(self, row: ShopRow | None) -> None:
        if self.editor is not None:  # one dialog at a time: the last one is done with
            self.editor.view.deleteLater()
        self.editor = ShopEditor(
            self.view, self.runner, self.backend, self.actor, row=row, confirm=self.confirm
        )
        self.editor.saved.connect(self._saved)
        self.editor.open()

    def _saved(self, row: ShopRow) -> None:
        self._reload()
        set_message(self.view.message, self.tr("Shop “{name}” saved").format(name=row.name), "info")

    # -- enable / disable ---------------------------------------------------------------------
    def toggle_shop(self, *, confirm: bool = False) -> None:
        row = self.current
        if row is None:
            return
        actor, backend, enabled = self.actor, self.backend, not row.enabled
        self.view.toggle.setEnabled(False)
        self.runner.run(
            lambda: backend.set_shop_enabled(actor, row.shop_id, enabled, confirm=confirm),
            kind="write",
            on_done=self._toggled,
            on_error=self._toggle_refused,
            owner=self.view,
            label="toggle shop",
        )

    def _toggled(self, row: ShopRow) -> None:
        self._reload()
        text = (
            self.tr("Shop “{name}” enabled") if row.enabled else self.tr("Shop “{name}” disabled")
        )
        set_message(self.view.message, text.format(name=row.name), "info")

    def _toggle_refused(self, exc: BaseException) -> None:
        self._enable_actions()
        if isinstance(exc, DomainError) and exc.code == "shop_unsettled":
            question = self.tr(
                "{details}\n\nDisable the shop anyway? Its unsettled orders stay as they are."
            ).format(details=describe(exc))
            if self.confirm(self.view, self.tr("Disable shop"), question):
                self.toggle_shop(confirm=True)
                return
        self._failed(exc)


# -- the after-sale dialog -------------------------------------------------------------------------


class AfterSaleEditor(QObject):
    """售后处理: a refund voids the order's card key, a reissue replaces it; a reason is required."""

    done = Signal(object)

    def __init__(
        self,
        parent: QWidget,
        runner: OperationRunner,
        backend: ChannelBackend,
        actor: Actor,
        row: OrderRow,
    ) -> None:
        super().__init__()
        self.runner = runner
        self.backend = backend
        self.actor = actor
        self.row = row
        v = self.view = AfterSaleDialogView(parent)
        self.setParent(v)
        v.setWindowTitle(self.tr("After sale"))
        v.order.setText(self.tr("Order {order}").format(order=row.order_no))
        v.detail.setText(
            self.tr("{product} × {qty}, {amount} · {shop} · {state}").format(
                product=row.product_name or row.sku_code,
                qty=row.quantity,
                amount=fmt_fen(row.amount_fen),
                shop=row.shop_name,
                state=after_sale_name(row.after_sale),
            )
        )
        v.refund.setText(self.tr("Refund"))
        v.reissue.setText(self.tr("Reissue the card key"))
        v.reason_label.setText(self.tr("Reason (required, kept with the order)"))
        v.ok.setText(self.tr("Confirm"))
        v.cancel.setText(self.tr("Cancel"))
        v.refund.toggled.connect(self._hint)
        v.reissue.setChecked(row.delivered)
        v.refund.setChecked(not row.delivered)
        v.reissue.setEnabled(row.delivered)
        self._hint()
        v.ok.clicked.connect(self.submit)
        v.cancel.clicked.connect(v.reject)

    def _hint(self) -> None:
        self.view.hint.setText(
            self.tr("The order's card key is voided with the reason; nothing is issued again.")
            if self.view.refund.isChecked()
            else self.tr(
                "The order's card key is voided with the reason and a new one issued from the pool."
            )
        )

    def open(self) -> None:
        self.view.open()
        self.view.reason.setFocus()

    def submit(self) -> None:
        v = self.view
        set_message(v.message, "", "info")
        action = "refund" if v.refund.isChecked() else "reissue"
        reason = v.reason.toPlainText()
        actor, backend, order_id = self.actor, self.backend, self.row.order_id
        v.ok.setEnabled(False)
        self.runner.run(
            lambda: backend.after_sale(actor, order_id, action, reason),
            kind="write",
            on_done=self._done,
            on_error=self._refused,
            owner=v,
            label="after sale",
        )

    def _done(self, result: AfterSaleResult) -> None:
        self.view.ok.setEnabled(True)
        self.done.emit(result)
        self.view.accept()

    def _refused(self, exc: BaseException) -> None:
        self.view.ok.setEnabled(True)
        set_message(self.view.message, describe(exc))


# -- 电商订单 --------------------------------------------------------------------------------------


class ChannelOrderScreen(QObject):
    def __init__(
        self,
        runner: OperationRunner,
        backend: ChannelBackend,
        actor: Actor,
        *,
        parent: QWidget,
        clock: Clock,
        ask_save_path: SavePathAsker | None = None,
        ask_open_path: OpenPathAsker | None = None,
        confirm: Confirm | None = None,
        ask_reason: ReasonAsker | None = None,
        set_clipboard: Callable[[str], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.runner = runner
        self.backend = backend
        self.actor = actor
        self.clock = clock
        self.ask_open_path: OpenPathAsker = ask_open_path or self._open_dialog
        # asks before deleting (tests answer for the manager)
        self.confirm: Confirm = confirm or ask_confirm
        self.ask_reason: ReasonAsker = ask_reason or _ask_reason
        self.set_clipboard = set_clipboard or (
            lambda text: QGuiApplication.clipboard().setText(text)
        )
        self.can_reveal = actor.can(Perm.REVEAL_CARD_KEYS)
        self.query = OrderQuery()
        self.alerts: ChannelAlerts | None = None
        # the order numbers the alert names (their rows are amber)
        self.overdue: set[str] = set()
        self.after_sale_editor: AfterSaleEditor | None = None
        self.report: ImportReportView | None = None
        self.view = OrderAreaView(parent)
        self.widget = self.view
        self.model = order_model(runner, page_size=PAGE_SIZE, parent=self, overdue=self.overdue)
        self.view.table.setModel(self.model)
        keep_columns_fitted(self.view.table)
        self.started = False
        self._texts()
        self._wire()
        self._enable_actions()
        self.view.installEventFilter(self)

    def _texts(self) -> None:
        v = self.view
        v.title.setText(self.tr("E-commerce orders"))
        for text in (self.tr("All orders"), self.tr("Platform orders"), self.tr("Channel orders")):
            v.tabs.addTab(text)
        v.order_no.setPlaceholderText(self.tr("Order no."))
        v.user_id.setPlaceholderText(self.tr("User ID"))
        v.shop.addItem(self.tr("All shops"), None)
        v.redeem_state.addItem(self.tr("Any redemption"), None)
        for state in REDEEM_STATES:
            v.redeem_state.addItem(redeem_state_name(state), state)
        v.verify_state.addItem(self.tr("Any verification"), None)
        for state in VERIFY_STATES:
            v.verify_state.addItem(verify_state_name(state), state)
        v.after_sale.addItem(self.tr("Any after-sale"), None)
        for state in AFTER_SALE_STATES:
            v.after_sale.addItem(after_sale_name(state), state)
        v.marks.addItem(self.tr("Any mark"), None)
        v.marks.addItem(self.tr("Frozen"), "frozen")
        v.marks.addItem(self.tr("Rejected"), "rejected")
        v.marks.addItem(self.tr("Test orders"), "test")
        v.by_created.setText(self.tr("Created"))
        v.by_redeemed.setText(self.tr("Redeemed"))
        v.search.setText(self.tr("Search"))
        v.reset.setText(self.tr("Reset"))
        v.deliver.setText(self.tr("Deliver card keys"))
        v.after_sale_button.setText(self.tr("After sale…"))
        v.copy_key.setText(self.tr("Copy card key"))
        v.copy_link.setText(self.tr("Copy link"))
        v.more.setText(self.tr("More"))
        v.freeze.setText(self.tr("Freeze…"))
        v.unfreeze.setText(self.tr("Unfreeze"))
        v.reject.setText(self.tr("Reject…"))
        v.request_after_sale.setText(self.tr("Open an after-sale request…"))
        v.import_csv.setText(self.tr("Import CSV…"))
        v.delete.setText(self.tr("Delete test orders"))
        if not self.can_reveal:
            v.copy_key.setToolTip(self.tr("Needs the permission to reveal card keys"))
        today = QDate(business_date(self.clock.now(), CHINA_TZ))
        for edit in (v.created_from, v.redeemed_from):
            edit.setDate(today.addDays(-7))
        for edit in (v.created_to, v.redeemed_to):
            edit.setDate(today)

    def _wire(self) -> None:
        v = self.view
        v.tabs.currentChanged.connect(lambda _i: self.apply_filters())
        v.search.clicked.connect(self.apply_filters)
        v.reset.clicked.connect(self.reset_filters)
        for edit in (v.order_no, v.user_id):
            edit.returnPressed.connect(self.apply_filters)
        for combo in (v.shop, v.redeem_state, v.verify_state, v.after_sale, v.marks):
            combo.activated.connect(lambda _i: self.apply_filters())
        for box, edits in (
            (v.by_created, (v.created_from, v.created_to)),
            (v.by_redeemed, (v.redeemed_from, v.redeemed_to)),
        ):
            box.toggled.connect(lambda on, edits=edits: [e.setEnabled(on) for e in edits])
        v.deliver.clicked.connect(self.deliver)
        v.after_sale_button.clicked.connect(self.after_sale)
        v.copy_key.clicked.connect(self.copy_key)
        v.copy_link.clicked.connect(self.copy_link)
        v.freeze.triggered.connect(lambda: self.mark("freeze"))
        v.unfreeze.triggered.connect(lambda: self.mark("unfreeze"))
        v.reject.triggered.connect(lambda: self.mark("reject"))
        v.request_after_sale.triggered.connect(lambda: self.mark("after_sale"))
        v.import_csv.clicked.connect(self.import_orders)
        v.delete.clicked.connect(self.delete_test_orders)
        self.model.loaded.connect(self._loaded)
        self.model.failed.connect(self._failed)
        v.table.selectionModel().selectionChanged.connect(lambda *_: self._enable_actions())

    def _failed(self, exc: BaseException) -> None:
        set_message(self.view.message, describe(exc))

    # -- the list ---------------------------------------------------------------------------------
    def start(self) -> None:
        """Load when the area is first shown: an area not opened reads nothing at sign-in."""
        if self.view.isVisible():
            self._first_load()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        """First shown: load; shown again: read the alerts again (time passes)."""
        if obj is self.view and event.type() == QEvent.Type.Show:
            if not self.started:
                self._first_load()
            else:
                self.load_alerts()
        return False

    def _first_load(self) -> None:
        """The shops (for the filter), then the first page of orders and the alerts."""
        self.started = True
        self.runner.run(
            lambda: self.backend.shop_choices(self.actor),
            on_done=self._shops_loaded,
            on_error=self._failed,
            owner=self.view,
            label="channel shops",
        )

    def _shops_loaded(self, shops: list[ShopRow]) -> None:
        for s in shops:
            self.view.shop.addItem(s.name, s.shop_id)
        self.apply_filters()

    @staticmethod
    def _day(edit) -> date:
        return edit.date().toPython()

    def apply_filters(self) -> None:
        v = self.view
        marks = {"frozen": None, "rejected": None, "test": None}
        if v.marks.currentData():
            marks[v.marks.currentData()] = True
        created = v.by_created.isChecked()
        redeemed = v.by_redeemed.isChecked()
        self.query = OrderQuery(
            tab=TABS[max(0, v.tabs.currentIndex())],
            order_no=v.order_no.text().strip() or None,
            user_id=v.user_id.text().strip() or None,
            shop_id=v.shop.currentData(),
            created_from=self._day(v.created_from) if created else None,
            created_to=self._day(v.created_to) if created else None,
            redeemed_from=self._day(v.redeemed_from) if redeemed else None,
            redeemed_to=self._day(v.redeemed_to) if redeemed else None,
            redeem_state=v.redeem_state.currentData(),
            verify_state=v.verify_state.currentData(),
            after_sale=v.after_sale.currentData(),
            **marks,
        )
        self._reload()

    def reset_filters(self) -> None:
        v = self.view
        v.order_no.clear()
        v.user_id.clear()
        for combo in (v.shop, v.redeem_state, v.verify_state, v.after_sale, v.marks):
            combo.setCurrentIndex(0)
        v.by_created.setChecked(False)
        v.by_redeemed.setChecked(False)
        self.apply_filters()

    def _reload(self) -> None:
        self.view.summary.setText(self.tr("Loading…"))
        query, actor, backend = self.query, self.actor, self.backend
        self.model.reload(lambda offset, limit: backend.order_page(actor, query, offset, limit))
        self.load_alerts()
        self._enable_actions()

    def _loaded(self, total: int) -> None:
        self.view.summary.setText(self.tr("{count} orders").format(count=total))
        self._enable_actions()

    def load_alerts(self) -> None:
        self.runner.run(
            lambda: self.backend.alerts(self.actor),
            on_done=self._alerts_loaded,
            on_error=self._failed,
            owner=self.view,
            label="channel alerts",
        )

    def _alerts_loaded(self, alerts: ChannelAlerts) -> None:
        self.alerts = alerts
        self.overdue.clear()
        self.overdue.update(alerts.redemption_orders)
        self.overdue.update(alerts.verification_orders)
        lines = []
        if alerts.pending_redemption:
            lines.append(
                self.tr(
                    "{count} paid orders have waited over 24 hours for their card key: {orders}"
                ).format(
                    count=alerts.pending_redemption,
                    orders=self._numbers(alerts.redemption_orders, alerts.pending_redemption),
                )
            )
        if alerts.pending_verification:
            lines.append(
                self.tr(
                    "{count} delivered orders have not been verified for over 24 hours: {orders}"
                ).format(
                    count=alerts.pending_verification,
                    orders=self._numbers(alerts.verification_orders, alerts.pending_verification),
                )
            )
        for a in alerts.balance_alerts:
            lines.append(
                self.tr("Shop {shop}: balance changed sharply ({before} → {now})").format(
                    shop=a.name, before=fmt_fen(a.last_balance_fen), now=fmt_fen(a.balance_fen)
                )
            )
        self.view.alert.setText("\n".join(lines))
        self.view.alert.setVisible(bool(lines))
        self.view.table.viewport().update()

    @staticmethod
    def _numbers(numbers: list[str], count: int) -> str:
        return "、".join(numbers) + ("…" if count > len(numbers) else "")

    # -- selection ----------------------------------------------------------------------------
    def selected(self) -> list[OrderRow]:
        rows = sorted(i.row() for i in self.view.table.selectionModel().selectedRows())
        return [r for r in (self.model.row_at(i) for i in rows) if r is not None]

    def _one(self) -> OrderRow | None:
        rows = self.selected()
        return rows[0] if len(rows) == 1 else None

    def _enable_actions(self) -> None:
        v = self.view
        rows = self.selected()
        one = rows[0] if len(rows) == 1 else None
        v.deliver.setEnabled(bool(rows))
        v.after_sale_button.setEnabled(one is not None)
        v.copy_key.setEnabled(one is not None and one.delivered and self.can_reveal)
        v.copy_link.setEnabled(one is not None and bool(one.redemption_link))
        v.more.setEnabled(bool(rows))
        v.delete.setEnabled(bool(rows))

    # -- delivery ---------------------------------------------------------------------------------
    def deliver(self) -> None:
        rows = self.selected()
        if not rows:
            return
        ids = [r.order_id for r in rows]
        actor, backend = self.actor, self.backend
        self.view.deliver.setEnabled(False)
        set_message(self.view.message, self.tr("Delivering…"), "info")
        self.runner.run(
            lambda: backend.deliver(actor, ids),
            kind="write",
            on_done=self._delivered,
            on_error=self._action_failed,
            owner=self.view,
            label="deliver orders",
        )

    def _delivered(self, report: DeliveryReport) -> None:
        parts = [self.tr("Delivered {count} orders").format(count=report.delivered)]
        if report.already_delivered:
            parts.append(
                self.tr("{count} delivered before (skipped, nothing issued again)").format(
                    count=report.already_delivered
                )
            )
        for o in report.outcomes:
            if o.result in ("refused", "sold_out", "not_found"):
                parts.append(
                    self.tr("{order}: {reason}").format(
                        order=o.order_no or "?", reason=delivery_reason(o.reason)
                    )
                )
        failed = report.refused or report.sold_out
        set_message(self.view.message, "; ".join(parts), "error" if failed else "info")
        self._reload()

    def _action_failed(self, exc: BaseException) -> None:
        self._enable_actions()
        self._failed(exc)

    # -- after sale, marks ------------------------------------------------------------------------
    def after_sale(self) -> None:
        row = self._one()
        if row is None:
            return
        if self.after_sale_editor is not None:
            self.after_sale_editor.view.deleteLater()
        self.after_sale_editor = AfterSaleEditor(
            self.view, self.runner, self.backend, self.actor, row
        )
        self.after_sale_editor.done.connect(self._after_sale_done)
        self.after_sale_editor.open()

    def _after_sale_done(self, result: AfterSaleResult) -> None:
        text = (
            self.tr("Order {order} refunded: {count} card keys voided")
            if result.action == "refund"
            else self.tr("Order {order}: {count} card keys voided and reissued")
        )
        set_message(
            self.view.message,
            text.format(order=result.order_no, count=len(result.voided)),
            "info",
        )
        self._reload()

    def mark(self, mark: str) -> None:
        rows = self.selected()
        if not rows:
            return
        reason = ""
        if mark != "unfreeze":
            title = {
                "freeze": self.tr("Freeze orders"),
                "reject": self.tr("Reject orders"),
                "after_sale": self.tr("After-sale request"),
            }[mark]
            asked = self.ask_reason(
                self.view, title, self.tr("Reason for {count} orders:").format(count=len(rows))
            )
            if asked is None:
                return
            reason = asked
        ids = [r.order_id for r in rows]
        actor, backend = self.actor, self.backend
        self.runner.run(
            lambda: backend.mark(actor, ids, mark, reason),
            kind="write",
            on_done=lambda n: self._marked(n, len(ids)),
            on_error=self._action_failed,
            owner=self.view,
            label="mark orders",
        )

    def _marked(self, changed: int, chosen: int) -> None:
        set_message(
            self.view.message,
            self.tr("{changed} of {chosen} orders changed").format(changed=changed, chosen=chosen),
            "info",
        )
        self._reload()

    # -- the key and the link ---------------------------------------------------------------------
    def copy_key(self) -> None:
        row = self._one()
        if row is None:
            return
        actor, backend, order_id = self.actor, self.backend, row.order_id
        self.runner.run(
            lambda: backend.reveal(actor, order_id, "copy"),
            kind="write",  # the copy is audited
            on_done=self._key_copied,
            on_error=self._failed,
            owner=self.view,
            label="copy card key",
        )

    def _key_copied(self, keys: RevealedKeys) -> None:
        self.set_clipboard(keys.text)
        set_message(
            self.view.message,
            self.tr("Copied {count} card keys of order {order} (recorded in the audit log)").format(
                count=len(keys.keys), order=keys.order_no
            ),
            "info",
        )

    def copy_link(self) -> None:
        row = self._one()
        if row is None:
            return
        actor, backend, order_id, order_no = self.actor, self.backend, row.order_id, row.order_no
        self.runner.run(
            lambda: backend.copy_link(actor, order_id),
            kind="write",
            on_done=lambda link: self._link_copied(link, order_no),
            on_error=self._failed,
            owner=self.view,
            label="copy link",
        )

    def _link_copied(self, link: str, order_no: str) -> None:
        self.set_clipboard(link)
        set_message(
            self.view.message,
            self.tr("Copied the redemption link of order {order}").format(order=order_no),
            "info",
        )

    # -- deletion -----------------------------------------------------------------------------
    def delete_test_orders(self) -> None:
        rows = self.selected()
        if not rows:
            return
        real = [r.order_no for r in rows if not r.test]
        if real:
            set_message(
                self.view.message,
                self.tr("Only test orders can be deleted; these are real orders: {orders}").format(
                    orders="、".join(real[:20]) + ("…" if len(real) > 20 else "")
                ),
            )
            return
        question = self.tr("Delete {count} test orders? Their card keys are voided.").format(
            count=len(rows)
        )
        if not self.confirm(self.view, self.tr("Delete test orders"), question):
            return
        ids = [r.order_id for r in rows]
        actor, backend = self.actor, self.backend
        self.runner.run(
            lambda: backend.delete_test_orders(actor, ids),
            kind="write",
            on_done=self._deleted,
            on_error=self._action_failed,
            owner=self.view,
            label="delete test orders",
        )

    def _deleted(self, result: DeleteResult) -> None:
        set_message(
            self.view.message,
            self.tr("Deleted {count} test orders").format(count=len(result.deleted)),
            "info",
        )
        self._reload()

    # -- import -------------------------------------------------------------------------------
    def import_orders(self) -> None:
        chosen = self.ask_open_path(f"{file_filter('.csv')};;{self.tr('All files (*)')}")
        if not chosen:
            return
        path = Path(chosen)
        actor, backend = self.actor, self.backend
        set_message(self.view.message, self.tr("Importing…"), "info")
        self.view.import_csv.setEnabled(False)
        self.runner.run(
            lambda: backend.import_csv(actor, path),
            kind="write",
            on_done=self._imported,
            on_error=self._import_failed,
            owner=self.view,
            label="import orders",
        )

    def _import_failed(self, exc: BaseException) -> None:
        self.view.import_csv.setEnabled(True)
        self._failed(exc)

    def _imported(self, result: OrderImport) -> None:
        self.view.import_csv.setEnabled(True)
        counts = self.tr(
            "{read} orders read: {imported} imported, {known} already known (skipped), "
            "{rejected} rejected"
        ).format(
            read=result.read,
            imported=result.imported,
            known=len(result.known),
            rejected=result.rejected,
        )
        set_message(self.view.message, counts, "error" if result.problems else "info")
        self._reload()
        if not result.problems and not result.known:
            return
        if self.report is not None:
            self.report.deleteLater()
        report = self.report = ImportReportView(self.view)
        report.setWindowTitle(self.tr("Import report"))
        report.counts.setText(counts)
        report.close_button.setText(self.tr("Close"))
        rows = sorted([*result.problems, *result.known], key=lambda r: r.row)
        report.table.setModel(import_model(rows, report))
        report.close_button.clicked.connect(report.accept)
        report.open()

    def _open_dialog(self, kind: str) -> str | None:
        path, _ = QFileDialog.getOpenFileName(self.view, self.tr("Import orders"), "", kind)
        return path or None
