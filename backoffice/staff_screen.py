"""员工 (SPEC §1, §14): the staff, filtered by a search (account, name), role, store and status
(deleted accounts only when asked for); a dialog to add or edit an account (account, name,
position, roles, stores, enabled; on a new account its password and PIN, typed or generated);
reset the password or the PIN (typed, or generated and shown ONCE); enable / disable; delete
after a question (the account stays on every record it made but can no longer sign in); export
to CSV / XLSX.

Admins (``manage_staff``) manage; a manager (``review_shifts``) sees the staff of their own
stores, read-only. The service refuses an admin disabling, deleting or demoting themselves and
the last enabled admin being disabled, deleted or demoted; the screen shows why.

Behaviour only: the layout is ``org_views``, the rows and their text ``org_models``, the rules
``services.org_admin``. Every call to the central database goes through the operation runner.
A generated secret lives only in the dialog that shows it."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import QListWidgetItem, QWidget

from backoffice import area_kit
from backoffice.area_kit import Confirmer, SavePathAsker
from backoffice.backend import PAGE_SIZE
from backoffice.coupon_views import keep_columns_fitted
from backoffice.org_backend import OrgBackend
from backoffice.org_models import (
    describe,
    local,
    role_name,
    roles_text,
    staff_model,
    staff_status_name,
)
from backoffice.org_views import ResetSecretView, SecretShownView, StaffAreaView, StaffDialogView
from backoffice.views import set_message
from shared.domain.clock import Clock, business_date
from shared.domain.errors import DomainError
from shared.domain.permissions import Perm
from shared.qt.operations import OperationRunner
from shared.services.auth import Actor
from shared.services.org_admin import (
    ROLES,
    SecretReset,
    StaffInput,
    StaffQuery,
    StaffRow,
    StaffSaved,
    StoreChoice,
    input_from_staff,
)

__all__ = ["ResetEditor", "StaffEditor", "StaffScreen", "describe"]

CHINA_TZ = "Asia/Shanghai"


def _show_field_error(view, exc: BaseException) -> None:
    """Under the field the refusal names, else at the foot of the dialog."""
    field = exc.details.get("field") if isinstance(exc, DomainError) else None
    label = view.errors.get(str(field)) if field else None
    if label is None:
        set_message(view.message, describe(exc))
        return
    set_message(label, describe(exc))
    label.setVisible(True)


def _clear_errors(view) -> None:
    for label in view.errors.values():
        label.setText("")
        label.setVisible(False)
    set_message(view.message, "", "info")


class StaffEditor(QObject):
    """添加 / 编辑员工. The account is fixed once made; on a new account an empty password or PIN
    is generated and shown once."""

    saved = Signal(object)

    def __init__(
        self,
        parent: QWidget,
        runner: OperationRunner,
        backend: OrgBackend,
        actor: Actor,
        stores: list[StoreChoice],
        *,
        row: StaffRow | None = None,
    ) -> None:
        super().__init__()
        self.runner = runner
        self.backend = backend
        self.actor = actor
        self.row = row
        self.view = StaffDialogView(parent)
        self.setParent(self.view)
        self._texts(stores)
        self._prefill(
            input_from_staff(row) if row else StaffInput(account="", name="", roles=("cashier",))
        )
        self.view.save.clicked.connect(self.save)
        self.view.cancel.clicked.connect(self.view.reject)
        self.view.with_pin.toggled.connect(self.view.pin.setEnabled)

    def _texts(self, stores: list[StoreChoice]) -> None:
        v = self.view
        v.setWindowTitle(self.tr("Edit account") if self.row else self.tr("Add account"))
        labels = {
            "account": self.tr("Account"),
            "name": self.tr("Name"),
            "position": self.tr("Position"),
            "roles": self.tr("Roles"),
            "store_ids": self.tr("Stores"),
            "enabled": self.tr("Status"),
            "password": self.tr("Password"),
            "with_pin": self.tr("Counter PIN"),
            "pin": self.tr("PIN"),
        }
        for key, text in labels.items():
            v.labels[key].setText(text)
        v.account.setPlaceholderText(self.tr("Letters, digits and . _ - @, e.g. cashier05"))
        v.position.setPlaceholderText(self.tr("e.g. Shift leader (optional)"))
        for role, box in v.roles.items():
            box.setText(role_name(role))
        for s in stores:
            item = QListWidgetItem(f"{s.code} {s.name}", v.stores)
            item.setData(Qt.ItemDataRole.UserRole, s.store_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
        v.enabled.setText(self.tr("Enabled: may sign in"))
        v.password.setPlaceholderText(self.tr("8 to 128 characters; empty: generate one"))
        v.with_pin.setText(self.tr("Give a PIN for signing in at the counter"))
        v.pin.setPlaceholderText(self.tr("4 to 8 digits; empty: generate one"))
        v.save.setText(self.tr("Save"))
        v.cancel.setText(self.tr("Cancel"))
        v.account.setReadOnly(self.row is not None)
        v.show_secret_rows(self.row is None)

    def _prefill(self, data: StaffInput) -> None:
        v = self.view
        v.account.setText(data.account)
        v.name.setText(data.name)
        v.position.setText(data.position)
        for role, box in v.roles.items():
            box.setChecked(role in data.roles)
        chosen = set(data.store_ids)
        for i in range(v.stores.count()):
            item = v.stores.item(i)
            on = item.data(Qt.ItemDataRole.UserRole) in chosen
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
        v.enabled.setChecked(data.enabled)

    def open(self) -> None:
        self.view.open()
        (self.view.name if self.row else self.view.account).setFocus()

    def check_store(self, store_id: str, on: bool = True) -> None:
        v = self.view
        for i in range(v.stores.count()):
            item = v.stores.item(i)
            if item.data(Qt.ItemDataRole.UserRole) == store_id:
                item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

    def collect(self) -> StaffInput:
        v = self.view
        stores = tuple(
            v.stores.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(v.stores.count())
            if v.stores.item(i).checkState() == Qt.CheckState.Checked
        )
        return StaffInput(
            account=v.account.text(),
            name=v.name.text(),
            position=v.position.text(),
            roles=tuple(r for r in ROLES if v.roles[r].isChecked()),
            store_ids=stores,
            enabled=v.enabled.isChecked(),
        )

    def save(self) -> None:
        _clear_errors(self.view)
        v = self.view
        data = self.collect()
        actor, backend = self.actor, self.backend
        v.save.setEnabled(False)
        if self.row is None:
            password = v.password.text() or None
            with_pin = v.with_pin.isChecked()
            pin = (v.pin.text() or None) if with_pin else None
            job = lambda: backend.create_staff(  # noqa: E731
                actor, data, password=password, pin=pin, with_pin=with_pin
            )
        else:
            staff_id = self.row.staff_id
            job = lambda: backend.update_staff(actor, staff_id, data)  # noqa: E731
        self.runner.run(
            job,
            kind="write",
            on_done=self._saved,
            on_error=self._refused,
            owner=v,
            label="save account",
        )

    def _saved(self, result: StaffSaved | StaffRow) -> None:
        v = self.view
        v.save.setEnabled(True)
        v.password.clear()
        v.pin.clear()
        self.saved.emit(result)
        v.accept()

    def _refused(self, exc: BaseException) -> None:
        self.view.save.setEnabled(True)
        _show_field_error(self.view, exc)


class ResetEditor(QObject):
    """重置密码 / 重置 PIN: typed twice, or left empty to have one generated (shown once)."""

    done = Signal(object)

    def __init__(
        self,
        parent: QWidget,
        runner: OperationRunner,
        backend: OrgBackend,
        actor: Actor,
        row: StaffRow,
        kind: str,
    ) -> None:
        super().__init__()
        if kind not in ("password", "pin"):
            raise ValueError(f"kind is password or pin, not {kind!r}")
        self.runner = runner
        self.backend = backend
        self.actor = actor
        self.row = row
        self.kind = kind
        self.view = v = ResetSecretView(parent)
        self.setParent(v)
        pin = kind == "pin"
        v.setWindowTitle(self.tr("Reset PIN") if pin else self.tr("Reset password"))
        v.who.setText(f"{row.name} ({row.account})")
        v.labels["secret"].setText(self.tr("New PIN") if pin else self.tr("New password"))
        v.labels["repeat"].setText(self.tr("Repeat"))
        v.secret.setPlaceholderText(
            self.tr("4 to 8 digits") if pin else self.tr("8 to 128 characters")
        )
        if pin:
            v.secret.setMaxLength(8)
            v.repeat.setMaxLength(8)
        v.hint.setText(
            self.tr(
                "Leave both empty to have one generated: it is shown once. The account is "
                "unlocked too."
            )
        )
        v.save.setText(self.tr("Reset"))
        v.cancel.setText(self.tr("Cancel"))
        # Enter moves from the first field to the second and saves from there; no default
        # button, or Enter in the first field would save too
        for button in (v.save, v.cancel):
            button.setDefault(False)
            button.setAutoDefault(False)
        v.save.clicked.connect(self.save)
        v.cancel.clicked.connect(v.reject)
        v.secret.returnPressed.connect(v.repeat.setFocus)
        v.repeat.returnPressed.connect(self.save)

    def open(self) -> None:
        self.view.open()
        self.view.secret.setFocus()

    def save(self) -> None:
        v = self.view
        _clear_errors(v)
        typed, again = v.secret.text(), v.repeat.text()
        if typed != again:
            set_message(v.errors["repeat"], self.tr("The two entries differ"))
            v.errors["repeat"].setVisible(True)
            return
        actor, backend, staff_id, secret = (
            self.actor,
            self.backend,
            self.row.staff_id,
            typed or None,
        )
        reset = backend.reset_pin if self.kind == "pin" else backend.reset_password
        v.save.setEnabled(False)
        self.runner.run(
            lambda: reset(actor, staff_id, secret),
            kind="write",
            on_done=self._done,
            on_error=self._refused,
            owner=v,
            label=f"reset {self.kind}",
        )

    def _done(self, result: SecretReset) -> None:
        v = self.view
        v.save.setEnabled(True)
        v.secret.clear()
        v.repeat.clear()
        self.done.emit(result)
        v.accept()

    def _refused(self, exc: BaseException) -> None:
        self.view.save.setEnabled(True)
        if isinstance(exc, DomainError) and exc.details.get("field") in ("pin", "password"):
            exc.details["field"] = "secret"
        _show_field_error(self.view, exc)


class StaffScreen(QObject):
    def __init__(
        self,
        runner: OperationRunner,
        backend: OrgBackend,
        actor: Actor,
        *,
        parent: QWidget,
        clock: Clock,
        ask_save_path: SavePathAsker | None = None,
        confirm: Confirmer | None = None,
    ) -> None:
        super().__init__(parent)
        self.runner = runner
        self.backend = backend
        self.actor = actor
        self.clock = clock
        self.view = StaffAreaView(parent)
        self.widget = self.view
        self.ask_save_path: SavePathAsker = ask_save_path or area_kit.save_dialog(
            self.view, self.tr("Export staff")
        )
        self.confirm: Confirmer = confirm or area_kit.yes_no_dialog(self.view)
        self.can_manage = actor.can(Perm.MANAGE_STAFF)
        self.query = StaffQuery()
        self.stores: list[StoreChoice] = []
        self.current: StaffRow | None = None
        self.editor: StaffEditor | None = None
        self.reset_editor: ResetEditor | None = None
        # the dialog showing a generated secret (once), while open
        self.secret_view: SecretShownView | None = None
        self.model = staff_model(runner, page_size=PAGE_SIZE, parent=self)
        self.view.table.setModel(self.model)
        keep_columns_fitted(self.view.table)
        self.started = False
        self._texts()
        self._wire()
        self._enable_actions()
        self.view.installEventFilter(self)

    def _texts(self) -> None:
        v = self.view
        v.title.setText(self.tr("Staff"))
        v.text.setPlaceholderText(self.tr("Account or name"))
        v.role.addItem(self.tr("Any role"), None)
        for role in ROLES:
            v.role.addItem(role_name(role), role)
        v.enabled.addItem(self.tr("Any status"), None)
        v.enabled.addItem(self.tr("Enabled"), True)
        v.enabled.addItem(self.tr("Disabled"), False)
        v.deleted.setText(self.tr("Show deleted"))
        v.search.setText(self.tr("Search"))
        v.new.setText(self.tr("Add account"))
        v.edit.setText(self.tr("Edit"))
        v.reset_password.setText(self.tr("Reset password"))
        v.reset_pin.setText(self.tr("Reset PIN"))
        v.toggle.setText(self.tr("Disable"))
        v.delete.setText(self.tr("Delete"))
        v.export_csv.setText(self.tr("Export CSV"))
        v.export_xlsx.setText(self.tr("Export XLSX"))
        for b in (v.new, v.edit, v.reset_password, v.reset_pin, v.toggle, v.delete):
            b.setVisible(self.can_manage)

    def _wire(self) -> None:
        v = self.view
        v.search.clicked.connect(self.apply_filters)
        v.text.returnPressed.connect(self.apply_filters)
        for combo in (v.role, v.store, v.enabled):
            combo.activated.connect(lambda _i: self.apply_filters())
        v.deleted.toggled.connect(lambda _on: self.apply_filters())
        v.new.clicked.connect(lambda: self._open_editor(None))
        v.edit.clicked.connect(self.edit_staff)
        v.table.activated.connect(lambda _index: self.edit_staff())
        v.reset_password.clicked.connect(lambda: self.reset("password"))
        v.reset_pin.clicked.connect(lambda: self.reset("pin"))
        v.toggle.clicked.connect(self.toggle_staff)
        v.delete.clicked.connect(self.delete_staff)
        v.export_csv.clicked.connect(lambda: self.export(".csv"))
        v.export_xlsx.clicked.connect(lambda: self.export(".xlsx"))
        self.model.loaded.connect(self._loaded)
        self.model.failed.connect(self._failed)
        v.table.selectionModel().currentRowChanged.connect(
            lambda cur, _prev: self._selected(cur.row())
        )

    def _failed(self, exc: BaseException) -> None:
        set_message(self.view.message, describe(exc))

    def start(self) -> None:
        if self.view.isVisible():
            self._first_load()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is self.view and event.type() == QEvent.Type.Show and not self.started:
            self._first_load()
        return False

    def _first_load(self) -> None:
        """The stores (for the filter and the dialog), then the first page."""
        self.started = True
        self.runner.run(
            lambda: self.backend.store_choices(self.actor),
            on_done=self._stores_loaded,
            on_error=self._failed,
            owner=self.view,
            label="staff stores",
        )

    def _stores_loaded(self, stores: list[StoreChoice]) -> None:
        self.stores = stores
        combo = self.view.store
        combo.clear()
        combo.addItem(self.tr("All stores"), None)
        for s in stores:
            combo.addItem(f"{s.code} {s.name}", s.store_id)
        self.apply_filters()

    # -- the list ---------------------------------------------------------------------------------
    def apply_filters(self) -> None:
        v = self.view
        self.query = StaffQuery(
            text=v.text.text().strip() or None,
            role=v.role.currentData(),
            store_id=v.store.currentData(),
            enabled=v.enabled.currentData(),
            include_deleted=v.deleted.isChecked(),
        )
        self._reload()

    def _reload(self, *, keep_message: bool = False) -> None:
        if not keep_message:
            set_message(self.view.message, "", "info")
        self.view.summary.setText(self.tr("Loading…"))
        self._selected(-1)
        query, actor, backend = self.query, self.actor, self.backend
        self.model.reload(lambda offset, limit: backend.staff_page(actor, query, offset, limit))

    def _loaded(self, total: int) -> None:
        self.view.summary.setText(self.tr("{count} accounts").format(count=total))
        if total:
            self.view.table.selectRow(0)

    def _selected(self, row: int) -> None:
        self.current = self.model.row_at(row) if row >= 0 else None
        self._enable_actions()

    def select_account(self, account: str) -> bool:
        """Select the loaded row of ``account`` (keyboard and tests); whether it was found."""
        for i in range(self.model.rowCount()):
            if self.model.row_at(i).account == account:
                self.view.table.selectRow(i)
                return True
        return False

    def _enable_actions(self) -> None:
        v, row = self.view, self.current
        live = self.can_manage and row is not None and not row.deleted
        v.new.setEnabled(self.can_manage and bool(self.stores))
        for b in (v.edit, v.reset_password, v.reset_pin, v.toggle, v.delete):
            b.setEnabled(live)
        v.toggle.setText(
            self.tr("Enable") if row is not None and not row.enabled else self.tr("Disable")
        )

    # -- add / edit -------------------------------------------------------------------------------
    def edit_staff(self) -> None:
        row = self.current
        if row is None or row.deleted or not self.can_manage:
            return
        actor, backend, staff_id = self.actor, self.backend, row.staff_id
        self.runner.run(
            lambda: backend.staff_detail(actor, staff_id),
            on_done=self._open_editor,
            on_error=self._failed,
            owner=self.view,
            label="staff detail",
        )

    def _open_editor(self, row: StaffRow | None) -> None:
        if not self.can_manage:
            return
        if self.editor is not None:
            self.editor.view.deleteLater()
        self.editor = StaffEditor(
            self.view, self.runner, self.backend, self.actor, self.stores, row=row
        )
        if row is None and self.view.store.currentData():
            self.editor.check_store(self.view.store.currentData())
        self.editor.saved.connect(self._saved)
        self.editor.open()

    def _saved(self, result: StaffSaved | StaffRow) -> None:
        row = result.row if isinstance(result, StaffSaved) else result
        set_message(
            self.view.message,
            self.tr("Account {account} “{name}” saved").format(account=row.account, name=row.name),
            "info",
        )
        self._reload(keep_message=True)
        if isinstance(result, StaffSaved) and (result.password or result.pin):
            lines = []
            if result.password:
                lines.append(self.tr("Password: {secret}").format(secret=result.password))
            if result.pin:
                lines.append(self.tr("PIN: {secret}").format(secret=result.pin))
            self._show_secrets(row, lines)

    def _show_secrets(self, row: StaffRow, lines: list[str]) -> None:
        """The generated secrets, once: they are not kept anywhere else."""
        if self.secret_view is not None:
            self.secret_view.deleteLater()
        view = self.secret_view = SecretShownView(self.view)
        view.setWindowTitle(self.tr("Generated secret"))
        view.title.setText(
            self.tr("New sign-in secret of {name} ({account})").format(
                name=row.name, account=row.account
            )
        )
        view.secrets.setText("\n".join(lines))
        view.note.setText(
            self.tr(
                "Shown this once only: write it down and hand it over now. It is stored hashed "
                "and cannot be shown again."
            )
        )
        view.close_button.setText(self.tr("Done"))
        view.close_button.clicked.connect(view.accept)
        view.finished.connect(lambda _r: self._forget_secrets(view))
        view.open()

    def _forget_secrets(self, view: SecretShownView) -> None:
        view.secrets.clear()
        if self.secret_view is view:
            self.secret_view = None
        view.deleteLater()

    # -- secrets ----------------------------------------------------------------------------------
    def reset(self, kind: str) -> None:
        row = self.current
        if row is None or row.deleted or not self.can_manage:
            return
        if self.reset_editor is not None:
            self.reset_editor.view.deleteLater()
        self.reset_editor = ResetEditor(self.view, self.runner, self.backend, self.actor, row, kind)
        self.reset_editor.done.connect(lambda result: self._reset_done(result, kind))
        self.reset_editor.open()

    def _reset_done(self, result: SecretReset, kind: str) -> None:
        row = result.row
        text = (
            self.tr("PIN of {account} reset")
            if kind == "pin"
            else self.tr("Password of {account} reset")
        ).format(account=row.account)
        if result.unlocked:
            text += self.tr("; the account is unlocked")
        set_message(self.view.message, text, "info")
        self._reload(keep_message=True)
        if result.secret:
            line = (
                self.tr("PIN: {secret}") if kind == "pin" else self.tr("Password: {secret}")
            ).format(secret=result.secret)
            self._show_secrets(row, [line])

    # -- enable / disable / delete ----------------------------------------------------------------
    def toggle_staff(self) -> None:
        row = self.current
        if row is None or row.deleted or not self.can_manage:
            return
        enabled = not row.enabled
        actor, backend = self.actor, self.backend
        self.view.toggle.setEnabled(False)
        self.runner.run(
            lambda: backend.set_staff_enabled(actor, row.staff_id, enabled),
            kind="write",
            on_done=self._toggled,
            on_error=self._action_refused,
            owner=self.view,
            label="enable or disable account",
        )

    def _toggled(self, row: StaffRow) -> None:
        text = (
            self.tr("Account {account} enabled")
            if row.enabled
            else self.tr("Account {account} disabled")
        )
        set_message(self.view.message, text.format(account=row.account), "info")
        self._reload(keep_message=True)

    def delete_staff(self) -> None:
        row = self.current
        if row is None or row.deleted or not self.can_manage:
            return
        if not self.confirm(
            self.tr("Delete account"),
            self.tr(
                "Delete the account {account} “{name}”? It can no longer sign in and is hidden "
                "from the lists; its sales, redemptions and log entries keep its name."
            ).format(account=row.account, name=row.name),
        ):
            return
        actor, backend = self.actor, self.backend
        self.view.delete.setEnabled(False)
        self.runner.run(
            lambda: backend.delete_staff(actor, row.staff_id),
            kind="write",
            on_done=self._deleted,
            on_error=self._action_refused,
            owner=self.view,
            label="delete account",
        )

    def _deleted(self, row: StaffRow) -> None:
        set_message(
            self.view.message,
            self.tr("Account {account} deleted").format(account=row.account),
            "info",
        )
        self._reload(keep_message=True)

    def _action_refused(self, exc: BaseException) -> None:
        self._enable_actions()
        self._failed(exc)

    # -- export -----------------------------------------------------------------------------------
    def _headers(self) -> list[str]:
        return [
            self.tr("Account"),
            self.tr("Name"),
            self.tr("Position"),
            self.tr("Roles"),
            self.tr("Stores"),
            self.tr("Status"),
            self.tr("PIN"),
            self.tr("Created"),
            self.tr("Updated"),
        ]

    def _cells(self):
        """The export's cells of a row (translated here, on the GUI thread, once)."""
        has_pin, no_pin = self.tr("Set"), self.tr("None")

        def cells(r: StaffRow) -> list[object]:
            return [
                r.account,
                r.name,
                r.position,
                roles_text(r.roles),
                "、".join(r.store_codes),
                staff_status_name(r),
                has_pin if r.has_pin else no_pin,
                local(r.created_at),
                local(r.updated_at),
            ]

        return cells

    def export(self, suffix: str) -> None:
        day = business_date(self.clock.now(), CHINA_TZ).isoformat()
        path = area_kit.ask_path(self.ask_save_path, f"staff-{day}", suffix)
        if path is None:
            return
        headers, cells = self._headers(), self._cells()
        actor, backend, query = self.actor, self.backend, self.query
        area_kit.run_export(
            self.runner,
            describe=describe,
            message=self.view.message,
            owner=self.view,
            path=path,
            job=lambda: backend.export_staff(actor, query, path, headers, cells),
            label="export staff",
        )
