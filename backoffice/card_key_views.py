"""Layout of the card-key area (卡密库): the pools with, below, the selected pool's keys; the import
dialog (its report lists the problem lines), the generate, stock-setting and void dialogs.
Widgets only, no text and no behaviour: ``card_key_screen`` sets every visible string through
translation and wires the signals."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from backoffice.views import message_label as _message
from backoffice.views import table_view
from shared.services.card_keys import MAX_GENERATE

MAX_STOCK_SETTING = 10_000_000
MAX_REASON = 200


def _buttons(dialog: QDialog, name: str) -> tuple[QDialogButtonBox, QPushButton, QPushButton]:
    box = QDialogButtonBox(dialog)
    ok = QPushButton(dialog)
    ok.setObjectName("primaryButton")
    ok.setProperty("role", name)
    cancel = QPushButton(dialog)
    box.addButton(ok, QDialogButtonBox.ButtonRole.AcceptRole)
    box.addButton(cancel, QDialogButtonBox.ButtonRole.RejectRole)
    return box, ok, cancel


class CardKeyAreaView(QWidget):
    """卡密库: the notice about the encryption key (when it is missing or wrong), the actions, the
    pools, and the selected pool's keys with reveal, copy, void and delete."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cardKeyArea")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(12, 10, 12, 10)
        outer.setSpacing(8)
        self.title = QLabel(self)
        self.title.setObjectName("areaTitle")
        outer.addWidget(self.title)
        self.notice = _message(self, "keyNotice")
        self.notice.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.notice.setVisible(False)
        outer.addWidget(self.notice)

        actions = QHBoxLayout()
        actions.setSpacing(8)
        self.import_keys = QPushButton(self)
        self.import_keys.setObjectName("importCardKeys")
        self.generate = QPushButton(self)
        self.generate.setObjectName("generateCardKeys")
        self.stock = QPushButton(self)
        self.stock.setObjectName("stockSetting")
        self.refresh = QPushButton(self)
        self.refresh.setObjectName("refreshPools")
        for button in (self.import_keys, self.generate, self.stock):
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(self.refresh)
        outer.addLayout(actions)

        self.summary = QLabel(self)
        self.summary.setObjectName("summary")
        outer.addWidget(self.summary)

        split = QSplitter(Qt.Orientation.Vertical, self)
        split.setChildrenCollapsible(False)
        self.pools = table_view("cardKeyPoolTable", split)
        split.addWidget(self.pools)
        keys = QGroupBox(split)
        keys.setObjectName("keysBox")
        self.keys_box = keys
        box = QVBoxLayout(keys)
        bar = QHBoxLayout()
        bar.setSpacing(8)
        self.state_label = QLabel(keys)
        bar.addWidget(self.state_label)
        self.state = QComboBox(keys)
        self.state.setObjectName("keyStateFilter")
        bar.addWidget(self.state)
        self.keys_summary = QLabel(keys)
        self.keys_summary.setObjectName("summary")
        bar.addWidget(self.keys_summary, 1)
        self.reveal = QPushButton(keys)
        self.reveal.setObjectName("revealKey")
        self.copy = QPushButton(keys)
        self.copy.setObjectName("copyKey")
        self.void = QPushButton(keys)
        self.void.setObjectName("voidKey")
        self.delete = QPushButton(keys)
        self.delete.setObjectName("deleteKey")
        for button in (self.reveal, self.copy, self.void, self.delete):
            bar.addWidget(button)
        box.addLayout(bar)
        self.keys = table_view("cardKeyTable", keys)
        box.addWidget(self.keys, 1)
        self.revealed = QLabel(keys)
        self.revealed.setObjectName("revealedKey")
        self.revealed.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.revealed.setVisible(False)
        box.addWidget(self.revealed)
        split.addWidget(keys)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        self.split = split
        outer.addWidget(split, 1)

        self.message = _message(self)
        outer.addWidget(self.message)


class CardKeyImportView(QDialog):
    """导入卡密: the pool, the file, a progress dialog while it runs (made by the screen), then
    the counts and the lines not added."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cardKeyImportDialog")
        self.resize(720, 520)
        outer = QVBoxLayout(self)
        outer.setSpacing(8)
        self.product = QLabel(self)
        self.product.setObjectName("areaTitle")
        outer.addWidget(self.product)
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        outer.addWidget(self.intro)
        bar = QHBoxLayout()
        self.choose = QPushButton(self)
        self.choose.setObjectName("primaryButton")
        bar.addWidget(self.choose)
        bar.addStretch(1)
        outer.addLayout(bar)
        self.file = QLabel(self)
        self.file.setObjectName("importFile")
        outer.addWidget(self.file)
        self.message = _message(self)
        outer.addWidget(self.message)
        self.summary = _message(self, "importSummary")
        outer.addWidget(self.summary)
        self.problems = table_view("importProblems", self)
        outer.addWidget(self.problems, 1)
        foot = QHBoxLayout()
        foot.addStretch(1)
        self.close_button = QPushButton(self)
        foot.addWidget(self.close_button)
        outer.addLayout(foot)


class GenerateDialogView(QDialog):
    """生成卡密: how many, how long, with a password or not."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("generateDialog")
        self.setMinimumWidth(420)
        outer = QVBoxLayout(self)
        self.product = QLabel(self)
        self.product.setObjectName("areaTitle")
        outer.addWidget(self.product)
        form = QFormLayout()
        self.count_label = QLabel(self)
        self.count = QSpinBox(self)
        self.count.setObjectName("generateCount")
        self.count.setRange(1, MAX_GENERATE)
        self.count.setValue(100)
        self.count.setAccelerated(True)
        form.addRow(self.count_label, self.count)
        self.length_label = QLabel(self)
        self.length = QSpinBox(self)
        self.length.setObjectName("generateLength")
        self.length.setRange(8, 64)
        self.length.setValue(16)
        form.addRow(self.length_label, self.length)
        self.password = QCheckBox(self)
        self.password.setObjectName("generatePassword")
        form.addRow("", self.password)
        outer.addLayout(form)
        self.message = _message(self)
        outer.addWidget(self.message)
        self.buttons, self.ok, self.cancel = _buttons(self, "generate")
        outer.addWidget(self.buttons)


class StockDialogView(QDialog):
    """库存设置: no limit, or a number (shown stock = the smaller of it and the available keys)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("stockSettingDialog")
        self.setMinimumWidth(420)
        outer = QVBoxLayout(self)
        self.product = QLabel(self)
        self.product.setObjectName("areaTitle")
        outer.addWidget(self.product)
        self.explain = QLabel(self)
        self.explain.setWordWrap(True)
        outer.addWidget(self.explain)
        self.unlimited = QRadioButton(self)
        self.unlimited.setObjectName("noLimit")
        outer.addWidget(self.unlimited)
        row = QHBoxLayout()
        self.limited = QRadioButton(self)
        self.limited.setObjectName("limitTo")
        row.addWidget(self.limited)
        self.setting = QSpinBox(self)
        self.setting.setObjectName("stockSettingValue")
        self.setting.setRange(0, MAX_STOCK_SETTING)
        self.setting.setAccelerated(True)
        self.setting.setMinimumWidth(120)
        row.addWidget(self.setting)
        row.addStretch(1)
        outer.addLayout(row)
        self.message = _message(self)
        outer.addWidget(self.message)
        self.buttons, self.ok, self.cancel = _buttons(self, "save")
        outer.addWidget(self.buttons)


class VoidDialogView(QDialog):
    """作废卡密: the key (masked) and the reason."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("voidKeyDialog")
        self.setMinimumWidth(420)
        outer = QVBoxLayout(self)
        self.key = QLabel(self)
        self.key.setObjectName("areaTitle")
        outer.addWidget(self.key)
        self.reason_label = QLabel(self)
        outer.addWidget(self.reason_label)
        self.reason = QLineEdit(self)
        self.reason.setObjectName("voidReason")
        self.reason.setMaxLength(MAX_REASON + 20)  # the service says what is too long
        outer.addWidget(self.reason)
        self.message = _message(self)
        outer.addWidget(self.message)
        self.buttons, self.ok, self.cancel = _buttons(self, "void")
        outer.addWidget(self.buttons)
