"""Sign-in: pick or type the account, type the PIN, Enter. Wrong PINs and lock-outs are shown
as the service words them (translated)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import QListWidgetItem

from pos.backend import LoginOutcome
from pos.screens.base import Parts
from pos.views.login_view import LoginView
from pos.views.widgets import set_message
from shared.qt.errors import describe
from shared.services.auth import StaffChoice

_ROLE_ORDER = ("admin", "manager", "cashier")


class LoginScreen(QObject):
    # the sign-in succeeded: a ``LoginOutcome`` (actor and the terminal's open shift)
    signed_in = Signal(object)

    def __init__(self, parts: Parts, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.parts = parts
        self.view: LoginView = parts.window.login_view
        self.staff: list[StaffChoice] = []
        ctx = parts.session.ctx
        self.view.store.setText(ctx.store_name)
        self.view.terminal.setText(
            self.tr("Store {code} · Terminal {number}").format(
                code=ctx.store_code, number=ctx.number
            )
        )
        self.view.account.returnPressed.connect(self._account_entered)
        self.view.pin.returnPressed.connect(self.submit)
        self.view.sign_in.clicked.connect(self.submit)
        self.view.staff.currentRowChanged.connect(self._staff_chosen)
        self.view.staff.itemClicked.connect(lambda _item: self.view.pin.setFocus())
        self.view.account.installEventFilter(self)
        self._busy = False

    # -- life -----------------------------------------------------------------------------------
    def start(self) -> None:
        """Show an empty form and (re)load the staff list."""
        self.view.pin.clear()
        self.view.account.clear()
        set_message(self.view.message, "", "info")
        self._set_busy(False)
        self.view.account.setFocus()
        self.parts.runner.run(
            self.parts.backend.counter_staff,
            kind="read",
            on_done=self._show_staff,
            on_error=lambda exc: set_message(self.view.message, describe(exc)),
            owner=self.view,
            label="counter staff",
        )

    def _show_staff(self, staff: list[StaffChoice]) -> None:
        self.staff = staff
        self.view.staff.blockSignals(True)
        self.view.staff.clear()
        role_names = {
            "admin": self.tr("Administrator"),
            "manager": self.tr("Manager"),
            "cashier": self.tr("Cashier"),
        }
        for s in staff:
            role = next((r for r in _ROLE_ORDER if r in s.roles), "")
            item = QListWidgetItem(f"{s.name}  ·  {s.account}  ·  {role_names.get(role, role)}")
            item.setData(Qt.ItemDataRole.UserRole, s.account)
            self.view.staff.addItem(item)
        self.view.staff.blockSignals(False)

    # -- input --------------------------------------------------------------------------------
    def eventFilter(self, obj, event) -> bool:
        if (
            obj is self.view.account
            and event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down)
            and self.view.staff.count()
        ):
            row = self.view.staff.currentRow()
            step = -1 if event.key() == Qt.Key.Key_Up else 1
            row = max(0, min(self.view.staff.count() - 1, row + step if row >= 0 else 0))
            self.view.staff.setCurrentRow(row)
            return True
        return super().eventFilter(obj, event)

    def _staff_chosen(self, row: int) -> None:
        item = self.view.staff.item(row)
        if item is not None:
            self.view.account.setText(item.data(Qt.ItemDataRole.UserRole))

    def _account_entered(self) -> None:
        if self.view.account.text().strip():
            self.view.pin.setFocus()

    def submit(self) -> None:
        if self._busy:
            return
        account = self.view.account.text().strip()
        pin = self.view.pin.text()
        if not account:
            set_message(self.view.message, self.tr("Enter your account"))
            self.view.account.setFocus()
            return
        if not pin:
            set_message(self.view.message, self.tr("Enter your PIN"))
            self.view.pin.setFocus()
            return
        self._set_busy(True)
        set_message(self.view.message, self.tr("Signing in…"), "info")
        self.parts.runner.run(
            lambda: self.parts.backend.login(account, pin),
            kind="write",
            on_done=self._done,
            on_error=self._refused,
            owner=self.view,
            label="login",
        )

    def _done(self, outcome: LoginOutcome) -> None:
        self._set_busy(False)
        set_message(self.view.message, "", "info")
        self.view.pin.clear()
        self.signed_in.emit(outcome)

    def _refused(self, exc: BaseException) -> None:
        self._set_busy(False)
        set_message(self.view.message, describe(exc), "error")
        self.view.pin.clear()
        self.view.pin.setFocus()

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.view.sign_in.setEnabled(not busy)
