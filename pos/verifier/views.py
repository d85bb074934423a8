"""The verifier station's layout: sign-in page, station page (scan field, result banner, code card,
confirm, camera panel, history), the reversal dialog and the window with its status bar.

Layout only: ``pos.verifier.station`` fills the texts and decides what happens.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from pos.dialogs.approval import ApprovalDialog
from pos.views.widgets import (
    TOUCH_HEIGHT,
    KeyButton,
    big_line_edit,
    label,
    message_label,
    table_view,
)

WINDOW_SIZE = (1366, 768)
#: the longest scan the field takes (a signed QR payload is about 60 characters)
MAX_SCAN = 512

# The station's own rules, on top of the counter's stylesheet (resources/styles/counter.qss).
STATION_QSS = """
#verifierLoginView, #stationView { background: #f4f6f8; }
#stationScan { font-size: 26px; min-height: 56px; border: 2px solid #1565c0; }
#passwordField { font-size: 22px; min-height: 48px; }

#resultBanner { border-radius: 8px; border: 1px solid #b0bec5; background: #ffffff; }
#resultBanner[level="ok"] { background: #2e7d32; border-color: #1b5e20; }
#resultBanner[level="error"] { background: #c62828; border-color: #8e0000; }
#resultBanner[level="busy"] { background: #fff8e1; border-color: #f9a825; }
#resultText { font-size: 22px; font-weight: 700; color: #1565c0; }
#resultBanner[level="ok"] #resultText, #resultBanner[level="error"] #resultText { color: #ffffff; }
#resultBanner[level="busy"] #resultText { color: #6d4c00; }

#codeCard { background: #ffffff; border: 1px solid #b0bec5; border-radius: 10px; }
#codeCard[level="ok"] { border: 2px solid #2e7d32; }
#codeCard[level="error"] { border: 2px solid #c62828; }
#cardKind { font-size: 16px; font-weight: 600; color: #546e7a; }
#cardState { font-size: 16px; font-weight: 700; padding: 4px 12px; border-radius: 12px;
             background: #eceff1; color: #37474f; }
#cardState[level="ok"] { background: #e8f5e9; color: #2e7d32; }
#cardState[level="error"] { background: #ffebee; color: #c62828; }
#cardName { font-size: 28px; font-weight: 700; }
#cardRule { font-size: 26px; font-weight: 800; color: #c62828; }
#cardCaption { font-size: 15px; color: #546e7a; }
#cardValue { font-size: 17px; }
#cardEmpty { font-size: 18px; color: #90a4ae; }

#confirmButton { background: #2e7d32; color: #ffffff; border-color: #1b5e20;
                 font-size: 20px; font-weight: 700; }
#confirmButton:hover { background: #388e3c; }
#confirmButton:disabled { background: #b0bec5; color: #eceff1; border-color: #b0bec5; }

#cameraPanel, #historyPanel { background: #ffffff; border: 1px solid #b0bec5; border-radius: 8px; }
#cameraPreview { background: #263238; color: #b0bec5; border-radius: 4px; font-size: 16px; }
#cameraState { font-size: 14px; color: #37474f; }
#cameraState[level="on"] { color: #2e7d32; font-weight: 600; }
#cameraState[level="error"] { color: #c62828; font-weight: 600; }
#cameraState[level="none"] { color: #8d6e00; font-weight: 600; }
#panelTitle { font-size: 17px; font-weight: 700; color: #37474f; }
#historyTable { font-size: 16px; }
#reverseReason { font-size: 20px; min-height: 48px; }
"""


def repolish(*widgets: QWidget) -> None:
    """Apply the stylesheet again after a dynamic property changed."""
    for w in widgets:
        w.style().unpolish(w)
        w.style().polish(w)
        w.updateGeometry()  # padding and fonts may have changed with the property


def set_level(widget: QWidget, level: str, *children: QWidget) -> None:
    widget.setProperty("level", level)
    repolish(widget, *children)


class VerifierLoginView(QWidget):
    """The store, "Verifier station", account and password."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("verifierLoginView")
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        card = QFrame(self)
        card.setObjectName("loginCard")
        card.setMinimumWidth(560)
        card.setMaximumWidth(640)
        row.addWidget(card, 2)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(1)

        layout = QVBoxLayout(card)
        layout.setContentsMargins(36, 28, 36, 28)
        layout.setSpacing(12)
        self.store = label("", "loginStore")
        self.store.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title = label(self.tr("Verifier station sign-in"), "loginTitle")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.terminal = label("", "loginTerminal")
        self.terminal.setAlignment(Qt.AlignmentFlag.AlignCenter)
        for w in (self.store, self.title, self.terminal):
            layout.addWidget(w)
        layout.addSpacing(8)
        self.account = big_line_edit("accountField", self.tr("Account, e.g. verifier01"))
        self.account.setMaxLength(64)
        self.password = big_line_edit("passwordField", self.tr("Password"))
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setMaxLength(128)
        layout.addWidget(label(self.tr("Account"), "fieldLabel"))
        layout.addWidget(self.account)
        layout.addWidget(label(self.tr("Password"), "fieldLabel"))
        layout.addWidget(self.password)
        self.sign_in = KeyButton(self.tr("Enter"), self.tr("Sign in"), self)
        self.sign_in.setObjectName("primaryButton")
        layout.addWidget(self.sign_in)
        self.message = message_label("loginMessage")
        layout.addWidget(self.message)
        self.hint = label(
            self.tr(
                "Verifiers and managers of this store sign in with their account and password."
            ),
            "hint",
        )
        self.hint.setWordWrap(True)
        layout.addWidget(self.hint)


class ResultBanner(QFrame):
    """One line across the station: ready (blue), busy (amber), success (green), refusal (red)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("resultBanner")
        self.setProperty("level", "info")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 8, 16, 8)
        self.text = QLabel("", self)
        self.text.setObjectName("resultText")
        self.text.setWordWrap(True)
        layout.addWidget(self.text, 1)
        self.setMinimumHeight(60)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    @property
    def level(self) -> str:
        return str(self.property("level") or "")

    def show_text(self, text: str, level: str) -> None:
        self.text.setText(text)
        set_level(self, level, self.text)


class CodeCardView(QFrame):
    """What a scanned code is: kind and state, its name, its rule, then captioned rows."""

    #: the rows, in order: key → caption
    ROWS = ("rule", "validity", "stores", "code", "customer", "order", "amount", "funding", "note")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("codeCard")
        self.setProperty("level", "")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(20, 14, 20, 14)
        outer.setSpacing(6)
        top = QHBoxLayout()
        self.kind = label("", "cardKind")
        self.state = label("", "cardState")
        self.state.setAlignment(Qt.AlignmentFlag.AlignCenter)
        top.addWidget(self.kind, 1)
        top.addWidget(self.state)
        outer.addLayout(top)
        self.name = label("", "cardName")
        self.name.setWordWrap(True)
        outer.addWidget(self.name)
        self.rule = label("", "cardRule")
        self.rule.setWordWrap(True)
        outer.addWidget(self.rule)
        self.empty = label(self.tr("No code scanned yet"), "cardEmpty")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        outer.addWidget(self.empty, 1)
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(4)
        grid.setColumnStretch(1, 1)
        captions = {
            "rule": self.tr("Rule"),
            "validity": self.tr("Valid"),
            "stores": self.tr("Stores"),
            "code": self.tr("Code"),
            "customer": self.tr("Customer"),
            "order": self.tr("Order"),
            "amount": self.tr("Amount"),
            "funding": self.tr("Funded by"),
            "note": self.tr("Note"),
        }
        self.captions: dict[str, QLabel] = {}
        self.values: dict[str, QLabel] = {}
        for i, key in enumerate(self.ROWS[1:]):  # the rule has its own big line
            cap = label(captions[key], "cardCaption")
            val = label("", "cardValue")
            val.setWordWrap(True)
            val.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
            grid.addWidget(cap, i, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(val, i, 1)
            self.captions[key] = cap
            self.values[key] = val
        outer.addLayout(grid)
        outer.addStretch(1)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        self.clear()

    def set_value(self, key: str, text: str) -> None:
        """A row's value; a row without one is hidden."""
        if key == "rule":
            self.rule.setText(text)
            self.rule.setVisible(bool(text))
            return
        self.values[key].setText(text)
        self.values[key].setVisible(bool(text))
        self.captions[key].setVisible(bool(text))

    def value(self, key: str) -> str:
        return self.rule.text() if key == "rule" else self.values[key].text()

    def set_head(self, kind: str, name: str, state: str, state_level: str, level: str) -> None:
        self.empty.hide()
        self.kind.setText(kind)
        self.name.setText(name)
        self.name.setVisible(bool(name))
        self.state.setText(state)
        self.state.setVisible(bool(state))
        self.state.setProperty("level", state_level)
        set_level(self, level, self.state)

    def clear(self) -> None:
        self.kind.setText("")
        self.name.setText("")
        self.name.hide()
        self.state.setText("")
        self.state.hide()
        for key in self.ROWS:
            self.set_value(key, "")
        self.empty.show()
        set_level(self, "")


class CameraPanel(QFrame):
    """The camera's preview, its state in words, and a button to switch it on or off."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cameraPanel")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.setSpacing(6)
        layout.addWidget(label(self.tr("Camera"), "panelTitle"))
        self.preview = QLabel("", self)
        self.preview.setObjectName("cameraPreview")
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setMinimumSize(320, 180)
        self.preview.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        layout.addWidget(self.preview, 1)
        self.state = label("", "cameraState")
        self.state.setWordWrap(True)
        self.state.setMinimumHeight(40)
        layout.addWidget(self.state)
        self.toggle = KeyButton("F4", self.tr("Camera on"), self)
        layout.addWidget(self.toggle)

    def show_state(self, level: str, text: str) -> None:
        self.state.setText(text)
        set_level(self.state, level)


class StationView(QWidget):
    """The station page: scan, result, card and confirm on the left, the camera on the right,
    this station's history below."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("stationView")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(14, 10, 14, 8)
        outer.setSpacing(8)

        top = QHBoxLayout()
        top.setSpacing(12)
        left = QVBoxLayout()
        left.setSpacing(8)
        scan_row = QHBoxLayout()
        caption = label(self.tr("Scan"), "scanCaption")
        scan_row.addWidget(caption)
        self.scan = big_line_edit(
            "stationScan", self.tr("Scan or type a coupon code, QR or pickup code, then Enter")
        )
        self.scan.setMaxLength(MAX_SCAN)
        scan_row.addWidget(self.scan, 1)
        left.addLayout(scan_row)
        self.banner = ResultBanner(self)
        left.addWidget(self.banner)
        self.card = CodeCardView(self)
        left.addWidget(self.card, 1)
        buttons = QHBoxLayout()
        self.clear_button = KeyButton("Esc", self.tr("Clear"), self)
        self.clear_button.setObjectName("cancelButton")
        self.confirm = KeyButton(self.tr("Enter / F2"), self.tr("Confirm redemption"), self)
        self.confirm.setObjectName("confirmButton")
        self.confirm.setMinimumHeight(TOUCH_HEIGHT + 8)
        buttons.addWidget(self.clear_button, 1)
        buttons.addWidget(self.confirm, 2)
        left.addLayout(buttons)
        top.addLayout(left, 3)

        self.camera = CameraPanel(self)
        self.camera.setFixedWidth(400)
        top.addWidget(self.camera)
        outer.addLayout(top, 3)

        history = QFrame(self)
        history.setObjectName("historyPanel")
        hl = QVBoxLayout(history)
        hl.setContentsMargins(12, 8, 12, 8)
        hl.setSpacing(6)
        head = QHBoxLayout()
        self.history_title = label(self.tr("This station's verifications"), "panelTitle")
        head.addWidget(self.history_title, 1)
        self.hint = label(self.tr("↑/↓ choose a row"), "hint")
        head.addWidget(self.hint)
        self.refresh = KeyButton("F5", self.tr("Refresh"), self)
        self.reverse = KeyButton("F6", self.tr("Reverse (manager)"), self)
        self.sign_out = KeyButton("F10", self.tr("Sign out"), self)
        for b in (self.refresh, self.reverse, self.sign_out):
            b.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
            b.setMinimumWidth(150)
            head.addWidget(b)
        hl.addLayout(head)
        self.history = table_view("historyTable")
        self.history.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.history.verticalHeader().setDefaultSectionSize(34)
        self.history.verticalHeader().hide()
        hl.addWidget(self.history, 1)
        outer.addWidget(history, 2)


class ReverseDialog(ApprovalDialog):
    """A manager reverses a verification on the spot: the reason, their account and PIN."""

    def __init__(self, what: str, parent: QWidget | None = None, *, account: str = "") -> None:
        super().__init__(what, parent, account=account)
        title = self.tr("Reverse a verification")
        self.setWindowTitle(title)
        self.title_label.setText(title)
        self.ok_button.set_caption(self.tr("Reverse"))
        self.reason = big_line_edit("reverseReason", self.tr("e.g. redeemed by mistake"))
        self.reason.setMaxLength(200)
        row = QHBoxLayout()
        cap = QLabel(self.tr("Reason"), self)
        cap.setObjectName("fieldLabel")
        cap.setMinimumWidth(120)
        row.addWidget(cap)
        row.addWidget(self.reason, 1)
        self.body.insertLayout(1, row)
        self.setMinimumWidth(600)
        self.reason.setFocus()

    def enter_pressed(self) -> None:
        if self.reason.hasFocus():
            if not self.reason.text().strip():
                self.show_error(self.tr("Give a reason for the reversal"))
                return
            (self.pin if self.account.text().strip() else self.account).setFocus()
            return
        super().enter_pressed()

    def submit(self) -> None:
        if self.busy:
            return
        if not self.reason.text().strip():
            self.show_error(self.tr("Give a reason for the reversal"))
            self.reason.setFocus()
            return
        super().submit()


class VerifierWindow(QMainWindow):
    """Layout only. ``pos.verifier.station.VerifierStation`` (set as ``.station``) behaves."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("verifierWindow")
        self.setWindowTitle(self.tr("StoreDesk verifier station"))
        self.setStyleSheet(STATION_QSS)
        self.pages = QStackedWidget(self)
        self.login_view = VerifierLoginView(self.pages)
        self.station_view = StationView(self.pages)
        self.pages.addWidget(self.login_view)
        self.pages.addWidget(self.station_view)
        self.setCentralWidget(self.pages)

        bar = self.statusBar()
        bar.setObjectName("statusBar")
        bar.setSizeGripEnabled(False)
        self.status_store = self._status("statusStore")
        self.status_verifier = self._status("statusVerifier")
        self.status_busy = self._status("statusBusy")
        self.status_connection = self._status("statusConnection")
        self.status_clock = self._status("statusClock")
        bar.addWidget(self.status_store)
        bar.addWidget(self.status_verifier)
        for w in (self.status_busy, self.status_connection, self.status_clock):
            bar.addPermanentWidget(w)
        # set by pos.verifier.app.build_verifier
        self.station = None
        self.runner = None
        self.backend = None
        self.camera = None
        self.language = ""

    def _status(self, name: str) -> QLabel:
        lab = QLabel("", self)
        lab.setObjectName(name)
        return lab

    def show_login(self) -> None:
        self.pages.setCurrentWidget(self.login_view)

    def show_station(self) -> None:
        self.pages.setCurrentWidget(self.station_view)

    def closeEvent(self, event) -> None:
        if self.station is not None and not self.station.may_close():
            event.ignore()
            return
        super().closeEvent(event)
