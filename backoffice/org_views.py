"""Layout of the organisation areas: the store list (门店) and its dialog and import report, the
terminal list (收银终端) and its dialog, the staff list (员工), its dialog and the secret dialogs,
the audit search (操作日志). Widgets only, no text and no behaviour: the screens set every visible
string through translation and wire the signals."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from backoffice.views import area_title as _title
from backoffice.views import field_error as _field_error
from backoffice.views import message_label as _message
from backoffice.views import named_button as _button
from backoffice.views import table_view
from shared.services.org_admin import (
    MAX_ACCOUNT,
    MAX_ADDRESS,
    MAX_CODE,
    MAX_FILTER_TEXT,
    MAX_PHONE,
    MAX_POSITION,
    MAX_STAFF_NAME,
    MAX_STORE_NAME,
    MAX_TERMINAL,
    MAX_TERMINAL_NAME,
    ROLES,
)

DATE_FORMAT = "yyyy-MM-dd"


def _area(widget: QWidget, name: str) -> QVBoxLayout:
    widget.setObjectName(name)
    outer = QVBoxLayout(widget)
    outer.setContentsMargins(12, 10, 12, 10)
    outer.setSpacing(8)
    return outer


class _FormDialog(QDialog):
    """One row per field, a line under each for what is wrong with it, a message and buttons."""

    def __init__(self, parent: QWidget | None, name: str, width: int = 520) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setMinimumWidth(width)
        self.labels: dict[str, QLabel] = {}
        self.errors: dict[str, QLabel] = {}
        self.outer = QVBoxLayout(self)
        self.form = QFormLayout()
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.form.setVerticalSpacing(4)
        self.outer.addLayout(self.form)

    def _row(self, key: str, field: QWidget) -> None:
        label = QLabel(self)
        self.labels[key] = label
        box = QVBoxLayout()
        box.setSpacing(1)
        box.addWidget(field)
        error = _field_error(self)
        self.errors[key] = error
        box.addWidget(error)
        self.form.addRow(label, box)

    def _foot(self) -> None:
        self.message = _message(self)
        self.outer.addWidget(self.message)
        self.buttons = QDialogButtonBox(self)
        self.save = QPushButton(self)
        self.save.setObjectName("primaryButton")
        self.save.setDefault(True)
        self.cancel = QPushButton(self)
        self.buttons.addButton(self.save, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.cancel, QDialogButtonBox.ButtonRole.RejectRole)
        self.outer.addWidget(self.buttons)


# -- stores ----------------------------------------------------------------------------------------


class StoreAreaView(QWidget):
    """门店: a search and the status filter, the actions, the store list."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = _area(self, "storeArea")
        self.title = _title(self)
        outer.addWidget(self.title)
        bar = QHBoxLayout()
        bar.setSpacing(8)
        self.text = QLineEdit(self)
        self.text.setObjectName("storeTextFilter")
        self.text.setMaxLength(MAX_FILTER_TEXT)
        self.text.setMinimumWidth(240)
        bar.addWidget(self.text)
        self.status = QComboBox(self)
        self.status.setObjectName("storeStatusFilter")
        bar.addWidget(self.status)
        self.search = _button(self, "primaryButton")
        bar.addWidget(self.search)
        bar.addStretch(1)
        outer.addLayout(bar)

        actions = QHBoxLayout()
        actions.setSpacing(8)
        self.new = _button(self, "newStore")
        self.edit = _button(self, "editStore")
        self.toggle = _button(self, "toggleStore")
        for b in (self.new, self.edit, self.toggle):
            actions.addWidget(b)
        actions.addStretch(1)
        self.template = _button(self, "storeTemplate")
        self.import_csv = _button(self, "importStores")
        self.export_csv = _button(self, "exportStoresCsv")
        self.export_xlsx = _button(self, "exportStoresXlsx")
        for b in (self.template, self.import_csv, self.export_csv, self.export_xlsx):
            actions.addWidget(b)
        outer.addLayout(actions)
        self.summary = QLabel(self)
        self.summary.setObjectName("summary")
        outer.addWidget(self.summary)
        self.table = table_view("storeTable", self)
        outer.addWidget(self.table, 1)
        self.message = _message(self)
        outer.addWidget(self.message)


class StoreDialogView(_FormDialog):
    """添加 / 编辑门店."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, "storeDialog", 560)
        self.code = QLineEdit(self)
        self.code.setObjectName("storeCode")
        self.code.setMaxLength(MAX_CODE + 8)  # the service says what is too long
        self._row("code", self.code)
        self.name = QLineEdit(self)
        self.name.setObjectName("storeName")
        self.name.setMaxLength(MAX_STORE_NAME + 20)
        self._row("name", self.name)
        self.address = QLineEdit(self)
        self.address.setObjectName("storeAddress")
        self.address.setMaxLength(MAX_ADDRESS + 20)
        self._row("address", self.address)
        self.phone = QLineEdit(self)
        self.phone.setObjectName("storePhone")
        self.phone.setMaxLength(MAX_PHONE + 10)
        self._row("phone", self.phone)
        self.introduction = QPlainTextEdit(self)
        self.introduction.setObjectName("storeIntroduction")
        self.introduction.setTabChangesFocus(True)
        self.introduction.setMaximumHeight(90)
        self._row("introduction", self.introduction)
        self.status = QComboBox(self)
        self.status.setObjectName("storeStatus")
        self._row("status", self.status)
        self.period = QComboBox(self)
        self.period.setObjectName("storePeriod")
        self._row("settlement_period", self.period)
        self.fee = QDoubleSpinBox(self)
        self.fee.setObjectName("storeFee")
        self.fee.setDecimals(2)
        self.fee.setRange(0.0, 100.0)
        self.fee.setSingleStep(0.1)
        self.fee.setSuffix(" %")
        self._row("fee_rate_bp", self.fee)
        self._foot()


class ImportReportView(QDialog):
    """导入结果: the counts, then the rejected rows (row, column, value, reason)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("storeImportReport")
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


# -- terminals -------------------------------------------------------------------------------------


class TerminalAreaView(QWidget):
    """收银终端: the store and status filters, register / retire, the terminal list."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = _area(self, "terminalArea")
        self.title = _title(self)
        outer.addWidget(self.title)
        bar = QHBoxLayout()
        bar.setSpacing(8)
        self.store = QComboBox(self)
        self.store.setObjectName("terminalStoreFilter")
        self.store.setMinimumWidth(220)
        bar.addWidget(self.store)
        self.status = QComboBox(self)
        self.status.setObjectName("terminalStatusFilter")
        bar.addWidget(self.status)
        bar.addStretch(1)
        self.register = _button(self, "registerTerminal")
        self.retire = _button(self, "retireTerminal")
        bar.addWidget(self.register)
        bar.addWidget(self.retire)
        outer.addLayout(bar)
        self.hint = _message(self, "summary")
        outer.addWidget(self.hint)
        self.summary = QLabel(self)
        self.summary.setObjectName("summary")
        outer.addWidget(self.summary)
        self.table = table_view("terminalTable", self)
        outer.addWidget(self.table, 1)
        self.message = _message(self)
        outer.addWidget(self.message)


class TerminalDialogView(_FormDialog):
    """登记收银终端: the store, the number, a name."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, "terminalDialog", 460)
        self.store = QComboBox(self)
        self.store.setObjectName("terminalStore")
        self._row("store_id", self.store)
        self.number = QSpinBox(self)
        self.number.setObjectName("terminalNumber")
        self.number.setRange(1, MAX_TERMINAL)
        self._row("number", self.number)
        self.name = QLineEdit(self)
        self.name.setObjectName("terminalName")
        self.name.setMaxLength(MAX_TERMINAL_NAME + 10)
        self._row("name", self.name)
        self.hint = _message(self, "summary")
        self.outer.addWidget(self.hint)
        self._foot()


# -- staff -----------------------------------------------------------------------------------------


class StaffAreaView(QWidget):
    """员工: a search, the role / store / status filters, the actions, the staff list."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = _area(self, "staffArea")
        self.title = _title(self)
        outer.addWidget(self.title)
        bar = QHBoxLayout()
        bar.setSpacing(8)
        self.text = QLineEdit(self)
        self.text.setObjectName("staffTextFilter")
        self.text.setMaxLength(MAX_FILTER_TEXT)
        self.text.setMinimumWidth(200)
        bar.addWidget(self.text)
        self.role = QComboBox(self)
        self.role.setObjectName("staffRoleFilter")
        bar.addWidget(self.role)
        self.store = QComboBox(self)
        self.store.setObjectName("staffStoreFilter")
        self.store.setMinimumWidth(180)
        bar.addWidget(self.store)
        self.enabled = QComboBox(self)
        self.enabled.setObjectName("staffEnabledFilter")
        bar.addWidget(self.enabled)
        self.deleted = QCheckBox(self)
        self.deleted.setObjectName("staffShowDeleted")
        bar.addWidget(self.deleted)
        self.search = _button(self, "primaryButton")
        bar.addWidget(self.search)
        bar.addStretch(1)
        outer.addLayout(bar)

        actions = QHBoxLayout()
        actions.setSpacing(8)
        self.new = _button(self, "newStaff")
        self.edit = _button(self, "editStaff")
        self.reset_password = _button(self, "resetPassword")
        self.reset_pin = _button(self, "resetPin")
        self.toggle = _button(self, "toggleStaff")
        self.delete = _button(self, "deleteStaff")
        for b in (self.new, self.edit, self.reset_password, self.reset_pin, self.toggle):
            actions.addWidget(b)
        actions.addWidget(self.delete)
        actions.addStretch(1)
        self.export_csv = _button(self, "exportStaffCsv")
        self.export_xlsx = _button(self, "exportStaffXlsx")
        actions.addWidget(self.export_csv)
        actions.addWidget(self.export_xlsx)
        outer.addLayout(actions)
        self.summary = QLabel(self)
        self.summary.setObjectName("summary")
        outer.addWidget(self.summary)
        self.table = table_view("staffTable", self)
        outer.addWidget(self.table, 1)
        self.message = _message(self)
        outer.addWidget(self.message)


class StaffDialogView(_FormDialog):
    """添加 / 编辑员工: account, name, position, roles, stores, enabled; on a new account the
    password and the PIN (empty: generated and shown once)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, "staffDialog", 560)
        self.account = QLineEdit(self)
        self.account.setObjectName("staffAccount")
        self.account.setMaxLength(MAX_ACCOUNT + 10)
        self._row("account", self.account)
        self.name = QLineEdit(self)
        self.name.setObjectName("staffName")
        self.name.setMaxLength(MAX_STAFF_NAME + 10)
        self._row("name", self.name)
        self.position = QLineEdit(self)
        self.position.setObjectName("staffPosition")
        self.position.setMaxLength(MAX_POSITION + 10)
        self._row("position", self.position)
        roles = QWidget(self)
        grid = QGridLayout(roles)
        grid.setContentsMargins(0, 0, 0, 0)
        self.roles: dict[str, QCheckBox] = {}
        for i, role in enumerate(ROLES):
            box = QCheckBox(roles)
            box.setObjectName(f"role_{role}")
            self.roles[role] = box
            grid.addWidget(box, i // 3, i % 3)
        self._row("roles", roles)
        self.stores = QListWidget(self)
        self.stores.setObjectName("staffStores")
        self.stores.setMaximumHeight(120)
        self._row("store_ids", self.stores)
        self.enabled = QCheckBox(self)
        self.enabled.setObjectName("staffEnabled")
        self._row("enabled", self.enabled)
        self.password = QLineEdit(self)
        self.password.setObjectName("staffPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setMaxLength(128)
        self._row("password", self.password)
        self.with_pin = QCheckBox(self)
        self.with_pin.setObjectName("staffWithPin")
        self.with_pin.setChecked(True)
        self._row("with_pin", self.with_pin)
        self.pin = QLineEdit(self)
        self.pin.setObjectName("staffPin")
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setMaxLength(8)
        self._row("pin", self.pin)
        self._foot()

    def show_secret_rows(self, on: bool) -> None:
        for key in ("password", "with_pin", "pin"):
            self.labels[key].setVisible(on)
            self.form.setRowVisible(self.labels[key], on)


class ResetSecretView(_FormDialog):
    """重置密码 / 重置 PIN: type the new one, or leave it empty to have one generated."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, "resetSecretDialog", 460)
        self.who = QLabel(self)
        self.who.setObjectName("areaTitle")
        self.outer.insertWidget(0, self.who)
        self.secret = QLineEdit(self)
        self.secret.setObjectName("newSecret")
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.secret.setMaxLength(128)
        self._row("secret", self.secret)
        self.repeat = QLineEdit(self)
        self.repeat.setObjectName("repeatSecret")
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat.setMaxLength(128)
        self._row("repeat", self.repeat)
        self.hint = _message(self, "summary")
        self.outer.insertWidget(2, self.hint)
        self._foot()


class SecretShownView(QDialog):
    """The generated secrets of an account, shown once."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("secretShown")
        self.setMinimumWidth(420)
        outer = QVBoxLayout(self)
        self.title = QLabel(self)
        self.title.setObjectName("areaTitle")
        self.title.setWordWrap(True)
        outer.addWidget(self.title)
        self.secrets = QLabel(self)
        self.secrets.setObjectName("shownSecrets")
        self.secrets.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = QFont("monospace")
        font.setStyleHint(QFont.StyleHint.Monospace)
        font.setPointSize(16)
        self.secrets.setFont(font)
        outer.addWidget(self.secrets)
        self.note = _message(self, "summary")
        outer.addWidget(self.note)
        self.buttons = QDialogButtonBox(self)
        self.close_button = QPushButton(self)
        self.close_button.setObjectName("primaryButton")
        self.buttons.addButton(self.close_button, QDialogButtonBox.ButtonRole.AcceptRole)
        outer.addWidget(self.buttons)


# -- the audit log ---------------------------------------------------------------------------------


class AuditAreaView(QWidget):
    """操作日志: the filters on two rows, the export, the entries and the selected entry's
    detail."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = _area(self, "auditArea")
        self.title = _title(self)
        outer.addWidget(self.title)
        first = QHBoxLayout()
        first.setSpacing(8)
        self.by_date = QCheckBox(self)
        self.by_date.setObjectName("auditByDate")
        first.addWidget(self.by_date)
        self.date_from = QDateEdit(self)
        self.date_to = QDateEdit(self)
        for i, edit in enumerate((self.date_from, self.date_to)):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat(DATE_FORMAT)
            first.addWidget(edit)
            if i == 0:
                first.addWidget(QLabel("—", self))
        self.actor = QLineEdit(self)
        self.actor.setObjectName("auditActorFilter")
        self.actor.setMaxLength(MAX_FILTER_TEXT)
        self.actor.setMinimumWidth(160)
        first.addWidget(self.actor)
        self.action = QComboBox(self)
        self.action.setObjectName("auditActionFilter")
        self.action.setMinimumWidth(180)
        first.addWidget(self.action)
        first.addStretch(1)
        outer.addLayout(first)
        second = QHBoxLayout()
        second.setSpacing(8)
        self.store = QComboBox(self)
        self.store.setObjectName("auditStoreFilter")
        self.store.setMinimumWidth(200)
        second.addWidget(self.store)
        self.target = QLineEdit(self)
        self.target.setObjectName("auditTargetFilter")
        self.target.setMaxLength(MAX_FILTER_TEXT)
        self.target.setMinimumWidth(200)
        second.addWidget(self.target)
        self.search = _button(self, "primaryButton")
        second.addWidget(self.search)
        self.reset = _button(self, "auditReset")
        second.addWidget(self.reset)
        second.addStretch(1)
        self.export_csv = _button(self, "exportAuditCsv")
        self.export_xlsx = _button(self, "exportAuditXlsx")
        second.addWidget(self.export_csv)
        second.addWidget(self.export_xlsx)
        outer.addLayout(second)
        self.summary = QLabel(self)
        self.summary.setObjectName("summary")
        outer.addWidget(self.summary)
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.setChildrenCollapsible(False)
        self.table = table_view("auditTable", split)
        split.addWidget(self.table)
        self.detail = QPlainTextEdit(split)
        self.detail.setObjectName("auditDetail")
        self.detail.setReadOnly(True)
        split.addWidget(self.detail)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        outer.addWidget(split, 1)
        self.message = _message(self)
        outer.addWidget(self.message)
