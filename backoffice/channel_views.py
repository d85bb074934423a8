"""Layout of the e-commerce areas: the shop list (电商渠道) and its dialog, the order list
(电商订单) with its tabs, filters, actions and alert banner, the after-sale dialog and the import
report. Widgets only, no text and no behaviour: ``channel_screen`` sets every visible string
through translation and wires the signals."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QTabBar,
    QVBoxLayout,
    QWidget,
)

from backoffice.views import area_title as _title
from backoffice.views import field_error as _field_error
from backoffice.views import message_label as _message
from backoffice.views import table_view
from shared.services.channels import (
    MAX_ACCOUNT,
    MAX_DOMAIN,
    MAX_FILTER_TEXT,
    MAX_NAME,
    MAX_SORT,
    MAX_USER_ID,
)

DATE_FORMAT = "yyyy-MM-dd"


class ShopAreaView(QWidget):
    """电商渠道: a search, the type and status filters, the actions, the total balance and the
    balance alert, the shop list."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("channelShopArea")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(12, 10, 12, 10)
        outer.setSpacing(8)
        self.title = _title(self)
        outer.addWidget(self.title)

        bar = QHBoxLayout()
        bar.setSpacing(8)
        self.text = QLineEdit(self)
        self.text.setObjectName("shopTextFilter")
        self.text.setMaxLength(MAX_FILTER_TEXT)
        self.text.setMinimumWidth(220)
        bar.addWidget(self.text)
        self.channel_type = QComboBox(self)
        self.channel_type.setObjectName("shopTypeFilter")
        bar.addWidget(self.channel_type)
        self.enabled = QComboBox(self)
        self.enabled.setObjectName("shopEnabledFilter")
        bar.addWidget(self.enabled)
        self.search = QPushButton(self)
        self.search.setObjectName("primaryButton")
        bar.addWidget(self.search)
        bar.addStretch(1)
        outer.addLayout(bar)

        actions = QHBoxLayout()
        actions.setSpacing(8)
        self.new = QPushButton(self)
        self.new.setObjectName("newShop")
        self.edit = QPushButton(self)
        self.edit.setObjectName("editShop")
        self.toggle = QPushButton(self)
        self.toggle.setObjectName("toggleShop")
        for button in (self.new, self.edit, self.toggle):
            actions.addWidget(button)
        actions.addStretch(1)
        self.total = QLabel(self)
        self.total.setObjectName("totalBalance")
        actions.addWidget(self.total)
        outer.addLayout(actions)

        self.alert = _message(self, "alertBanner")
        self.alert.setProperty("level", "warning")
        self.alert.setVisible(False)
        outer.addWidget(self.alert)
        self.summary = QLabel(self)
        self.summary.setObjectName("summary")
        outer.addWidget(self.summary)
        self.table = table_view("shopTable", self)
        outer.addWidget(self.table, 1)
        self.message = _message(self)
        outer.addWidget(self.message)


class ShopDialogView(QDialog):
    """添加 / 编辑渠道店铺: one row per field, a line under each for what is wrong with it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shopDialog")
        self.setMinimumWidth(520)
        # the row labels and the error lines, by field (the service's field names)
        self.labels: dict[str, QLabel] = {}
        self.errors: dict[str, QLabel] = {}
        outer = QVBoxLayout(self)
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        form.setVerticalSpacing(4)
        outer.addLayout(form)
        self.name = QLineEdit(self)
        self.name.setObjectName("shopName")
        self.name.setMaxLength(MAX_NAME + 20)  # the service says what is too long
        self._row(form, "name", self.name)
        self.channel_type = QComboBox(self)
        self.channel_type.setObjectName("shopType")
        self._row(form, "channel_type", self.channel_type)
        self.user_id = QLineEdit(self)
        self.user_id.setObjectName("shopUserId")
        self.user_id.setMaxLength(MAX_USER_ID + 20)
        self._row(form, "channel_user_id", self.user_id)
        self.balance = QLineEdit(self)
        self.balance.setObjectName("shopBalance")
        self.balance.setMaxLength(14)
        self._row(form, "balance_fen", self.balance)
        self.domain = QLineEdit(self)
        self.domain.setObjectName("shopDomain")
        self.domain.setMaxLength(MAX_DOMAIN + 20)
        self._row(form, "redemption_domain", self.domain)
        self.account = QLineEdit(self)
        self.account.setObjectName("shopAccount")
        self.account.setMaxLength(MAX_ACCOUNT + 20)
        self._row(form, "account", self.account)
        self.sort_order = QSpinBox(self)
        self.sort_order.setObjectName("shopSort")
        self.sort_order.setRange(0, MAX_SORT)
        self._row(form, "sort_order", self.sort_order)
        self.enabled = QCheckBox(self)
        self.enabled.setObjectName("shopEnabled")
        self._row(form, "enabled", self.enabled)
        self.message = _message(self)
        outer.addWidget(self.message)
        self.buttons = QDialogButtonBox(self)
        self.save = QPushButton(self)
        self.save.setObjectName("primaryButton")
        self.cancel = QPushButton(self)
        self.buttons.addButton(self.save, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.cancel, QDialogButtonBox.ButtonRole.RejectRole)
        outer.addWidget(self.buttons)

    def _row(self, form: QFormLayout, key: str, field: QWidget) -> None:
        label = QLabel(self)
        self.labels[key] = label
        box = QVBoxLayout()
        box.setSpacing(1)
        box.addWidget(field)
        error = _field_error(self)
        self.errors[key] = error
        box.addWidget(error)
        form.addRow(label, box)


class OrderAreaView(QWidget):
    """电商订单: the tabs (all / platform / channel), two rows of filters, the actions, the alert
    banner, the order list (several rows can be chosen)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("channelOrderArea")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(12, 10, 12, 10)
        outer.setSpacing(6)
        self.title = _title(self)
        outer.addWidget(self.title)
        self.tabs = QTabBar(self)
        self.tabs.setObjectName("orderTabs")
        self.tabs.setExpanding(False)
        outer.addWidget(self.tabs)

        first = QHBoxLayout()
        first.setSpacing(8)
        self.order_no = QLineEdit(self)
        self.order_no.setObjectName("orderNoFilter")
        self.order_no.setMaxLength(MAX_FILTER_TEXT)
        self.order_no.setMaximumWidth(170)
        first.addWidget(self.order_no)
        self.user_id = QLineEdit(self)
        self.user_id.setObjectName("userIdFilter")
        self.user_id.setMaxLength(MAX_FILTER_TEXT)
        self.user_id.setMaximumWidth(150)
        first.addWidget(self.user_id)
        self.shop = QComboBox(self)
        self.shop.setObjectName("shopFilter")
        self.shop.setMinimumWidth(150)
        first.addWidget(self.shop)
        self.redeem_state = QComboBox(self)
        self.redeem_state.setObjectName("redeemStateFilter")
        first.addWidget(self.redeem_state)
        self.verify_state = QComboBox(self)
        self.verify_state.setObjectName("verifyStateFilter")
        first.addWidget(self.verify_state)
        self.after_sale = QComboBox(self)
        self.after_sale.setObjectName("afterSaleFilter")
        first.addWidget(self.after_sale)
        self.marks = QComboBox(self)
        self.marks.setObjectName("marksFilter")
        first.addWidget(self.marks)
        first.addStretch(1)
        outer.addLayout(first)

        second = QHBoxLayout()
        second.setSpacing(8)
        self.by_created = QCheckBox(self)
        self.by_created.setObjectName("byCreated")
        second.addWidget(self.by_created)
        self.created_from, self.created_to = self._dates(second)
        self.by_redeemed = QCheckBox(self)
        self.by_redeemed.setObjectName("byRedeemed")
        second.addWidget(self.by_redeemed)
        self.redeemed_from, self.redeemed_to = self._dates(second)
        self.search = QPushButton(self)
        self.search.setObjectName("primaryButton")
        second.addWidget(self.search)
        self.reset = QPushButton(self)
        second.addWidget(self.reset)
        second.addStretch(1)
        outer.addLayout(second)

        actions = QHBoxLayout()
        actions.setSpacing(8)
        self.deliver = QPushButton(self)
        self.deliver.setObjectName("deliverOrders")
        self.after_sale_button = QPushButton(self)
        self.after_sale_button.setObjectName("afterSale")
        self.copy_key = QPushButton(self)
        self.copy_key.setObjectName("copyKey")
        self.copy_link = QPushButton(self)
        self.copy_link.setObjectName("copyLink")
        self.more = QPushButton(self)
        self.more.setObjectName("moreActions")
        self.more_menu = QMenu(self.more)
        self.more.setMenu(self.more_menu)
        self.freeze = self.more_menu.addAction("")
        self.unfreeze = self.more_menu.addAction("")
        self.reject = self.more_menu.addAction("")
        self.request_after_sale = self.more_menu.addAction("")
        for button in (self.deliver, self.after_sale_button, self.copy_key, self.copy_link):
            actions.addWidget(button)
        actions.addWidget(self.more)
        actions.addStretch(1)
        self.import_csv = QPushButton(self)
        self.import_csv.setObjectName("importOrders")
        self.delete = QPushButton(self)
        self.delete.setObjectName("deleteTestOrders")
        actions.addWidget(self.import_csv)
        actions.addWidget(self.delete)
        outer.addLayout(actions)

        self.alert = _message(self, "alertBanner")
        self.alert.setProperty("level", "warning")
        self.alert.setVisible(False)
        outer.addWidget(self.alert)
        self.summary = QLabel(self)
        self.summary.setObjectName("summary")
        outer.addWidget(self.summary)
        self.table = table_view("orderTable", self)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        outer.addWidget(self.table, 1)
        self.message = _message(self)
        outer.addWidget(self.message)

    def _dates(self, row: QHBoxLayout) -> tuple[QDateEdit, QDateEdit]:
        edits = []
        for i in range(2):
            edit = QDateEdit(self)
            edit.setCalendarPopup(True)
            edit.setDisplayFormat(DATE_FORMAT)
            edit.setEnabled(False)
            row.addWidget(edit)
            if i == 0:
                row.addWidget(QLabel("—", self))
            edits.append(edit)
        return edits[0], edits[1]


class AfterSaleDialogView(QDialog):
    """售后处理: refund or reissue, and why."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("afterSaleDialog")
        self.setMinimumWidth(460)
        outer = QVBoxLayout(self)
        self.order = QLabel(self)
        self.order.setObjectName("areaTitle")
        outer.addWidget(self.order)
        self.detail = QLabel(self)
        self.detail.setObjectName("summary")
        self.detail.setWordWrap(True)
        outer.addWidget(self.detail)
        choice = QHBoxLayout()
        self.refund = QRadioButton(self)
        self.refund.setObjectName("refund")
        self.reissue = QRadioButton(self)
        self.reissue.setObjectName("reissue")
        choice.addWidget(self.refund)
        choice.addWidget(self.reissue)
        choice.addStretch(1)
        outer.addLayout(choice)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        outer.addWidget(self.hint)
        self.reason_label = QLabel(self)
        outer.addWidget(self.reason_label)
        self.reason = QPlainTextEdit(self)
        self.reason.setObjectName("afterSaleReason")
        self.reason.setMaximumHeight(80)
        outer.addWidget(self.reason)
        self.message = _message(self)
        outer.addWidget(self.message)
        self.buttons = QDialogButtonBox(self)
        self.ok = QPushButton(self)
        self.ok.setObjectName("primaryButton")
        self.cancel = QPushButton(self)
        self.buttons.addButton(self.ok, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.cancel, QDialogButtonBox.ButtonRole.RejectRole)
        outer.addWidget(self.buttons)


class ImportReportView(QDialog):
    """导入结果: the counts, then the rejected and skipped rows (row, column, value, reason)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importReport")
        self.setMinimumSize(640, 360)
        outer = QVBoxLayout(self)
        self.counts = QLabel(self)
        self.counts.setObjectName("areaTitle")
        self.counts.setWordWrap(True)
        outer.addWidget(self.counts)
        self.table = table_view("importProblems", self)
        outer.addWidget(self.table, 1)
        self.buttons = QDialogButtonBox(self)
        self.close_button = QPushButton(self)
        self.close_button.setObjectName("primaryButton")
        self.buttons.addButton(self.close_button, QDialogButtonBox.ButtonRole.AcceptRole)
        outer.addWidget(self.buttons)
