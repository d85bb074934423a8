"""The counter's main window: sign-in and sale pages, and the status bar."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QMainWindow, QStackedWidget, QWidget

from pos.views.login_view import LoginView
from pos.views.sale_view import SaleView


class ClickableLabel(QLabel):
    """A status-bar label that can be clicked (it never takes the keyboard focus)."""

    clicked = Signal()

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def mouseReleaseEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(
            event.position().toPoint()
        ):
            self.clicked.emit()
        super().mouseReleaseEvent(event)


class CounterWindow(QMainWindow):
    """Layout only. ``pos.counter.Counter`` (set as ``.counter``) holds the behaviour."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("counterWindow")
        self.setWindowTitle(self.tr("StoreDesk counter"))
        self.pages = QStackedWidget(self)
        self.login_view = LoginView(self.pages)
        self.sale_view = SaleView(self.pages)
        self.pages.addWidget(self.login_view)
        self.pages.addWidget(self.sale_view)
        self.setCentralWidget(self.pages)

        bar = self.statusBar()
        bar.setObjectName("statusBar")
        bar.setSizeGripEnabled(False)
        self.status_cashier = self._status("statusCashier")
        self.status_shift = self._status("statusShift")
        self.status_terminal = self._status("statusTerminal")
        self.status_print = self._status("statusPrint")
        self.status_busy = self._status("statusBusy")
        self.status_clock = self._status("statusClock")
        # sync: online/offline, last sync, messages waiting; clock warning (hidden when sync is off)
        self.status_sync = ClickableLabel("", self)
        self.status_sync.setObjectName("statusSync")
        self.status_sync_warning = ClickableLabel("", self)
        self.status_sync_warning.setObjectName("statusSyncWarning")
        self.status_sync.hide()
        self.status_sync_warning.hide()
        for w in (self.status_cashier, self.status_shift, self.status_terminal):
            bar.addWidget(w)
        for w in (
            self.status_busy,
            self.status_sync_warning,
            self.status_sync,
            self.status_print,
            self.status_clock,
        ):
            bar.addPermanentWidget(w)
        # set by pos.app.build_counter: the controller and the pieces it runs on
        self.counter = None
        self.parts = None
        self.runner = None
        self.session = None
        self.backend = None
        self.printing = None
        self.sync = None
        self.language = ""

    def _status(self, name: str) -> QLabel:
        lab = QLabel("", self)
        lab.setObjectName(name)
        return lab

    def show_login(self) -> None:
        self.pages.setCurrentWidget(self.login_view)

    def show_sale(self) -> None:
        self.pages.setCurrentWidget(self.sale_view)

    def closeEvent(self, event) -> None:
        if self.counter is not None and not self.counter.may_close():
            event.ignore()
            return
        super().closeEvent(event)
