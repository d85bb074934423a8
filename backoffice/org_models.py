"""Table models, display names and refusals of the organisation areas (门店, 收银终端, 员工,
操作日志).

The list models are ``PagedTableModel``s (``backoffice.models``) over the services' DTO rows; the
import report's model is a ``RowTableModel``. The functions here turn stored values (statuses,
roles, periods, basis points, UTC times, audit details) into the text a manager reads, through
Qt's translation; they never query anything. ``describe`` words the refusals of
``services.org_admin`` and ``services.audit_log``, falling back to ``backoffice.messages``.
"""

from __future__ import annotations

import json
from datetime import datetime

from PySide6.QtCore import QCoreApplication, QObject

from backoffice.messages import describe as describe_backoffice
from backoffice.models import PagedTableModel
from shared.db.queries.audit import AuditRow
from shared.db.queries.org_admin import StaffRow, StoreRow, TerminalRow
from shared.domain.clock import local_time
from shared.domain.errors import DomainError
from shared.qt.operations import OperationRunner
from shared.qt.table_model import CENTER, RIGHT, Column, RowTableModel
from shared.services.audit_log import shown_detail
from shared.services.org_admin import RowProblem

CHINA_TZ = "Asia/Shanghai"
DIM_BACKGROUND = "#eceff1"
GONE_TEXT = "#9e9e9e"
BAD_TEXT = "#c62828"
OK_TEXT = "#2e7d32"
WAIT_TEXT = "#e65100"
#: the longest one-line detail a cell shows (the tooltip and the detail pane show it all)
DETAIL_CELL = 120


# -- display names ---------------------------------------------------------------------------------


def store_status_name(status: str) -> str:
    return {
        "open": QCoreApplication.translate("Org", "Open"),
        "closed": QCoreApplication.translate("Org", "Closed"),
    }.get(status, status)


def period_name(period: str) -> str:
    return {
        "day": QCoreApplication.translate("Org", "Daily"),
        "week": QCoreApplication.translate("Org", "Weekly"),
        "month": QCoreApplication.translate("Org", "Monthly"),
    }.get(period, period)


def terminal_status_name(status: str) -> str:
    return {
        "active": QCoreApplication.translate("Org", "Active"),
        "retired": QCoreApplication.translate("Org", "Retired"),
    }.get(status, status)


def role_name(role: str) -> str:
    return {
        "cashier": QCoreApplication.translate("Org", "Cashier"),
        "verifier": QCoreApplication.translate("Org", "Verifier"),
        "guide": QCoreApplication.translate("Org", "Sales guide"),
        "manager": QCoreApplication.translate("Org", "Store manager"),
        "admin": QCoreApplication.translate("Org", "Administrator"),
    }.get(role, role)


def roles_text(roles: tuple[str, ...] | list[str]) -> str:
    return "、".join(role_name(r) for r in roles)


def staff_status_name(row: StaffRow) -> str:
    if row.deleted:
        return QCoreApplication.translate("Org", "Deleted")
    return (
        QCoreApplication.translate("Org", "Enabled")
        if row.enabled
        else QCoreApplication.translate("Org", "Disabled")
    )


def percent(bp: int) -> str:
    """Basis points as a percent: 60 -> ``0.60%``."""
    return f"{bp // 100}.{bp % 100:02d}%"


def local(at: datetime | None, fmt: str = "%Y-%m-%d %H:%M") -> str:
    return local_time(at, CHINA_TZ).strftime(fmt) if at is not None else ""


def action_name(action: str) -> str:
    """Head-office actions in words (the audit log's action column); any other as stored."""
    return {
        "store.create": QCoreApplication.translate("Org", "Store added"),
        "store.update": QCoreApplication.translate("Org", "Store changed"),
        "store.open": QCoreApplication.translate("Org", "Store opened"),
        "store.close": QCoreApplication.translate("Org", "Store closed"),
        "store.import": QCoreApplication.translate("Org", "Stores imported"),
        "terminal.register": QCoreApplication.translate("Org", "Terminal registered"),
        "terminal.retire": QCoreApplication.translate("Org", "Terminal retired"),
        "staff.create": QCoreApplication.translate("Org", "Account added"),
        "staff.update": QCoreApplication.translate("Org", "Account changed"),
        "staff.enable": QCoreApplication.translate("Org", "Account enabled"),
        "staff.disable": QCoreApplication.translate("Org", "Account disabled"),
        "staff.delete": QCoreApplication.translate("Org", "Account deleted"),
        "staff.reset_password": QCoreApplication.translate("Org", "Password reset"),
        "staff.reset_pin": QCoreApplication.translate("Org", "PIN reset"),
        "account_locked": QCoreApplication.translate("Org", "Account locked"),
        "approval": QCoreApplication.translate("Org", "Manager approval"),
        "shift_review": QCoreApplication.translate("Org", "Shift reviewed"),
        "sync_exception.resolve": QCoreApplication.translate("Org", "Sync exception handled"),
        "settlement.confirm": QCoreApplication.translate("Org", "Statement confirmed"),
        "settlement.settle": QCoreApplication.translate("Org", "Statement paid"),
        "product.create": QCoreApplication.translate("Org", "Product added"),
        "product.update": QCoreApplication.translate("Org", "Product changed"),
        "product.import": QCoreApplication.translate("Org", "Products imported"),
        "category.create": QCoreApplication.translate("Org", "Category added"),
        "category.rename": QCoreApplication.translate("Org", "Category renamed"),
        "category.move": QCoreApplication.translate("Org", "Category moved"),
        "category.delete": QCoreApplication.translate("Org", "Category deleted"),
        "store_price.set": QCoreApplication.translate("Org", "Store price set"),
        "store_price.clear": QCoreApplication.translate("Org", "Store price cleared"),
        "stock.import_opening": QCoreApplication.translate("Org", "Opening stock imported"),
    }.get(action, action)


def actor_text(row: AuditRow) -> str:
    if not row.actor_id:
        return QCoreApplication.translate("Org", "System")
    if not row.actor_account:
        return row.actor_id
    text = f"{row.actor_name} ({row.actor_account})"
    return text + QCoreApplication.translate("Org", " · deleted") if row.actor_deleted else text


def _value_text(value: object) -> str:
    if isinstance(value, bool):
        return (
            QCoreApplication.translate("Org", "yes")
            if value
            else QCoreApplication.translate("Org", "no")
        )
    if value is None or value == "":
        return "—"
    if isinstance(value, list):
        return "、".join(_value_text(v) for v in value) or "—"
    if isinstance(value, dict):
        return "; ".join(f"{k}: {_value_text(v)}" for k, v in value.items())
    return str(value)


def _change_text(changed: dict) -> str:
    """``{"field": [old, new]}`` (what the organisation writes record) as ``field: old → new``."""
    parts = []
    for k, v in changed.items():
        if isinstance(v, list) and len(v) == 2:
            parts.append(f"{k}: {_value_text(v[0])} → {_value_text(v[1])}")
        else:
            parts.append(f"{k}: {_value_text(v)}")
    return "; ".join(parts)


def detail_text(detail: object) -> str:
    """An entry's detail on one line: ``key: value; …`` (a change as ``old → new``), empty
    values left out."""
    shown = shown_detail(detail)
    return "; ".join(
        _change_text(v) if k == "changed" and isinstance(v, dict) else f"{k}: {_value_text(v)}"
        for k, v in shown.items()
        if v not in ("", None, [], {})  # the detail pane shows the empty ones too
    )


def detail_json(detail: object) -> str:
    """The whole detail, indented, for the detail pane (Chinese as it is, not escaped)."""
    return json.dumps(shown_detail(detail), ensure_ascii=False, indent=2, sort_keys=True)


def _short(text: str, limit: int = DETAIL_CELL) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


# -- refusals --------------------------------------------------------------------------------------


def _field_text(exc: DomainError, what: str) -> str:
    """A text field's refusal by its reason: missing, too long, control characters, format."""
    reason = exc.details.get("reason")
    if reason == "required":
        return QCoreApplication.translate("Org", "Give the {what}").format(what=what)
    if reason == "too_long":
        return QCoreApplication.translate(
            "Org", "The {what} is too long (at most {limit} characters)"
        ).format(what=what, limit=exc.details.get("limit", "?"))
    if reason == "control":
        return QCoreApplication.translate("Org", "The {what} contains control characters").format(
            what=what
        )
    return QCoreApplication.translate("Org", "The {what} is not valid").format(what=what)


def describe(exc: BaseException) -> str:
    """A refusal of the organisation or audit services in the interface language (the rest:
    the back office's and the counter's wording)."""
    if not isinstance(exc, DomainError):
        return describe_backoffice(exc)
    d = exc.details

    def get(key: str) -> str:
        return str(d.get(key, ""))

    texts = {
        "store_code": lambda: (
            QCoreApplication.translate(
                "Org", "The store code is letters and digits only (e.g. S03)"
            )
            if get("reason") == "format"
            else _field_text(exc, QCoreApplication.translate("Org", "store code"))
        ),
        "store_code_taken": lambda: QCoreApplication.translate(
            "Org", "A store with code {code} exists already"
        ).format(code=get("value")),
        "store_code_in_use": lambda: QCoreApplication.translate(
            "Org", "Store {code} has registered terminals: its code cannot change"
        ).format(code=get("value")),
        "store_name": lambda: _field_text(exc, QCoreApplication.translate("Org", "store name")),
        "store_address": lambda: _field_text(exc, QCoreApplication.translate("Org", "address")),
        "store_introduction": lambda: _field_text(
            exc, QCoreApplication.translate("Org", "introduction")
        ),
        "store_phone": lambda: (
            QCoreApplication.translate(
                "Org", "A phone number is digits, spaces and + - ( ) only (e.g. 021-6288 0101)"
            )
            if get("reason") == "format"
            else _field_text(exc, QCoreApplication.translate("Org", "phone number"))
        ),
        "store_status": lambda: QCoreApplication.translate("Org", "Choose open or closed"),
        "store_period": lambda: QCoreApplication.translate(
            "Org", "Choose daily, weekly or monthly settlement"
        ),
        "store_fee": lambda: QCoreApplication.translate(
            "Org", "The fee rate is 0 to 100 %, with two decimals at most"
        ),
        "store_not_found": lambda: QCoreApplication.translate("Org", "This store no longer exists"),
        "unknown_store": lambda: QCoreApplication.translate("Org", "No such store"),
        "store_closed": lambda: QCoreApplication.translate(
            "Org", "Store {store} is closed: open it before adding a terminal"
        ).format(store=get("store")),
        "store_not_allowed": lambda: QCoreApplication.translate(
            "Org", "You may see only your own stores"
        ),
        "no_enterprise": lambda: QCoreApplication.translate(
            "Org", "The central database has no enterprise yet"
        ),
        "terminal_number": lambda: QCoreApplication.translate(
            "Org", "A terminal number is 1 to 99"
        ),
        "terminal_number_taken": lambda: QCoreApplication.translate(
            "Org",
            "Terminal number {number} is already used by store {store}: numbers are unique "
            "across the enterprise because they appear in receipt numbers",
        ).format(number=get("value"), store=get("store") or "?"),
        "terminal_name": lambda: _field_text(
            exc, QCoreApplication.translate("Org", "terminal name")
        ),
        "terminal_not_found": lambda: QCoreApplication.translate(
            "Org", "This terminal no longer exists"
        ),
        "terminal_retired": lambda: QCoreApplication.translate(
            "Org", "Terminal {number} is retired already"
        ).format(number=get("number")),
        "terminal_status": lambda: QCoreApplication.translate("Org", "Choose active or retired"),
        "staff_account": lambda: (
            QCoreApplication.translate("Org", "The account is letters, digits and . _ - @ only")
            if get("reason") == "format"
            else _field_text(exc, QCoreApplication.translate("Org", "account"))
        ),
        "staff_account_taken": lambda: QCoreApplication.translate(
            "Org", "The account {account} exists already (perhaps deleted): choose another"
        ).format(account=get("value")),
        "staff_account_fixed": lambda: QCoreApplication.translate(
            "Org", "An account cannot be renamed: add a new one"
        ),
        "staff_name": lambda: _field_text(exc, QCoreApplication.translate("Org", "name")),
        "staff_position": lambda: _field_text(exc, QCoreApplication.translate("Org", "position")),
        "staff_roles": lambda: QCoreApplication.translate("Org", "Choose one role at least"),
        "staff_stores": lambda: QCoreApplication.translate(
            "Org", "Choose the stores this person works at (only an administrator may have none)"
        ),
        "staff_store_unknown": lambda: QCoreApplication.translate(
            "Org", "One of the chosen stores no longer exists"
        ),
        "staff_enabled": lambda: QCoreApplication.translate("Org", "Enabled is yes or no"),
        "staff_not_found": lambda: QCoreApplication.translate(
            "Org", "This account no longer exists"
        ),
        "staff_deleted": lambda: QCoreApplication.translate(
            "Org", "The account {account} was deleted"
        ).format(account=get("account")),
        "self_disable": lambda: QCoreApplication.translate(
            "Org", "You cannot disable your own account"
        ),
        "self_delete": lambda: QCoreApplication.translate(
            "Org", "You cannot delete your own account"
        ),
        "self_demote": lambda: QCoreApplication.translate(
            "Org", "You cannot take the administrator role from yourself"
        ),
        "last_admin": lambda: QCoreApplication.translate(
            "Org", "{account} is the last enabled administrator: make another administrator first"
        ).format(account=get("account")),
        "actor_revoked": lambda: QCoreApplication.translate(
            "Org", "Your account was disabled or changed meanwhile: sign in again"
        ),
        "password_format": lambda: QCoreApplication.translate(
            "Org", "A password is 8 to 128 characters"
        ),
        "pin_format": lambda: QCoreApplication.translate("Org", "A PIN is 4 to 8 digits"),
        "text_too_long": lambda: QCoreApplication.translate("Org", "The search text is too long"),
        "filter_flag": lambda: QCoreApplication.translate("Org", "Choose yes, no or any"),
        "audit_action": lambda: QCoreApplication.translate(
            "Org", "Not an action name (e.g. store.update)"
        ),
        "audit_sort": lambda: QCoreApplication.translate(
            "Org", "The list cannot be sorted by this column"
        ),
        "file_encoding": lambda: QCoreApplication.translate(
            "Org", "The file is neither UTF-8 nor GB18030 text: save it as CSV UTF-8"
        ),
        "file_not_text": lambda: QCoreApplication.translate("Org", "This is not a CSV text file"),
        "file_too_large": lambda: QCoreApplication.translate(
            "Org", "The file is larger than {size} MB: split it"
        ).format(size=get("limit_mb") or "5"),
        "file_too_many_rows": lambda: QCoreApplication.translate(
            "Org", "The file has more than {limit} stores: split it"
        ).format(limit=get("limit") or "5000"),
        "file_csv": lambda: QCoreApplication.translate(
            "Org", "The CSV file is malformed (line {line})"
        ).format(line=get("line") or "?"),
        "file_unreadable": lambda: QCoreApplication.translate("Org", "The file could not be read"),
        "import_empty": lambda: QCoreApplication.translate("Org", "The file is empty"),
        "import_columns": lambda: (
            QCoreApplication.translate("Org", "The header row lacks the columns: {columns}").format(
                columns=", ".join(str(c) for c in d.get("missing") or [])
            )
            if d.get("missing")
            else QCoreApplication.translate(
                "Org", "The column {column} is given twice in the header row"
            ).format(column=get("column"))
        ),
        "import_conflict": lambda: QCoreApplication.translate(
            "Org", "Someone added one of these store codes meanwhile: import again"
        ),
    }.get(exc.code)
    return texts() if texts is not None else describe_backoffice(exc)


def import_problem_text(p: RowProblem) -> str:
    """A rejected cell's reason in the interface language (the service's English otherwise)."""
    return {
        "import_required": lambda: QCoreApplication.translate("Org", "Empty"),
        "import_too_long": lambda: QCoreApplication.translate("Org", "Too long"),
        "import_control": lambda: QCoreApplication.translate("Org", "Contains control characters"),
        "store_code": lambda: QCoreApplication.translate(
            "Org", "Not a store code (1 to 16 letters or digits)"
        ),
        "store_phone": lambda: QCoreApplication.translate("Org", "Not a phone number"),
        "import_status": lambda: QCoreApplication.translate(
            "Org", "Status is open or closed (营业/停业)"
        ),
        "import_period": lambda: QCoreApplication.translate(
            "Org", "Settlement period is day, week or month (日/周/月)"
        ),
        "import_fee": lambda: QCoreApplication.translate(
            "Org", "Fee rate is a percent from 0 to 100, e.g. 0.6"
        ),
        "import_code_exists": lambda: QCoreApplication.translate(
            "Org", "A store with this code exists already: not changed"
        ),
        "import_code_repeated": lambda: QCoreApplication.translate(
            "Org", "This code is given twice in the file"
        ),
    }.get(p.code, lambda: p.message)()


# -- stores ----------------------------------------------------------------------------------------


def store_columns() -> list[Column[StoreRow]]:
    return [
        Column(QCoreApplication.translate("Org", "Code"), lambda r: r.code),
        Column(QCoreApplication.translate("Org", "Name"), lambda r: r.name),
        Column(
            QCoreApplication.translate("Org", "Address"),
            lambda r: r.address,
            tooltip=lambda r: r.address,
        ),
        Column(QCoreApplication.translate("Org", "Phone"), lambda r: r.phone),
        Column(
            QCoreApplication.translate("Org", "Status"),
            lambda r: store_status_name(r.status),
            CENTER,
            color=lambda r: OK_TEXT if r.status == "open" else GONE_TEXT,
        ),
        Column(
            QCoreApplication.translate("Org", "Settlement"),
            lambda r: period_name(r.settlement_period),
            CENTER,
        ),
        Column(
            QCoreApplication.translate("Org", "Fee rate"), lambda r: r.fee_rate_bp, RIGHT, percent
        ),
        Column(QCoreApplication.translate("Org", "Terminals"), lambda r: r.terminals, RIGHT),
        Column(QCoreApplication.translate("Org", "Staff"), lambda r: r.staff, RIGHT),
        Column(
            QCoreApplication.translate("Org", "Introduction"),
            lambda r: _short(r.introduction.replace("\n", " "), 60),
            tooltip=lambda r: r.introduction,
        ),
    ]


def store_model(runner: OperationRunner, *, page_size: int, parent: QObject) -> PagedTableModel:
    """Stores; a closed one is greyed."""
    return PagedTableModel(
        store_columns(),
        runner,
        page_size=page_size,
        background=lambda row, _col: None if row.status == "open" else DIM_BACKGROUND,
        parent=parent,
    )


def import_columns() -> list[Column[RowProblem]]:
    return [
        Column(QCoreApplication.translate("Org", "Row"), lambda r: r.row, RIGHT),
        Column(QCoreApplication.translate("Org", "Column"), lambda r: r.column),
        Column(QCoreApplication.translate("Org", "Value"), lambda r: r.value),
        Column(
            QCoreApplication.translate("Org", "Reason"),
            import_problem_text,
            color=lambda r: GONE_TEXT if r.code == "import_code_exists" else BAD_TEXT,
        ),
    ]


def import_model(rows: list[RowProblem], parent: QObject | None) -> RowTableModel:
    model = RowTableModel(import_columns(), parent)
    model.set_rows(rows)
    return model


# -- terminals -------------------------------------------------------------------------------------


def terminal_columns() -> list[Column[TerminalRow]]:
    return [
        Column(
            QCoreApplication.translate("Org", "Store"), lambda r: f"{r.store_code} {r.store_name}"
        ),
        Column(QCoreApplication.translate("Org", "Number"), lambda r: r.number, RIGHT),
        Column(QCoreApplication.translate("Org", "Name"), lambda r: r.name),
        Column(
            QCoreApplication.translate("Org", "Status"),
            lambda r: terminal_status_name(r.status),
            CENTER,
            color=lambda r: OK_TEXT if r.status == "active" else GONE_TEXT,
        ),
        Column(QCoreApplication.translate("Org", "Registered"), lambda r: local(r.registered_at)),
        Column(
            QCoreApplication.translate("Org", "Last push"),
            lambda r: (
                local(r.last_push_at)
                if r.last_push_at
                else QCoreApplication.translate("Org", "Never")
            ),
            color=lambda r: None if r.last_push_at else WAIT_TEXT,
        ),
    ]


def terminal_model(runner: OperationRunner, *, page_size: int, parent: QObject) -> PagedTableModel:
    """Terminals; a retired one is greyed."""
    return PagedTableModel(
        terminal_columns(),
        runner,
        page_size=page_size,
        background=lambda row, _col: None if row.status == "active" else DIM_BACKGROUND,
        parent=parent,
    )


# -- staff -----------------------------------------------------------------------------------------


def _staff_colour(row: StaffRow) -> str | None:
    if row.deleted or not row.enabled:
        return GONE_TEXT
    return None


def staff_columns() -> list[Column[StaffRow]]:
    return [
        Column(QCoreApplication.translate("Org", "Account"), lambda r: r.account),
        Column(QCoreApplication.translate("Org", "Name"), lambda r: r.name),
        Column(QCoreApplication.translate("Org", "Position"), lambda r: r.position),
        Column(QCoreApplication.translate("Org", "Roles"), lambda r: roles_text(r.roles)),
        Column(QCoreApplication.translate("Org", "Stores"), lambda r: "、".join(r.store_codes)),
        Column(
            QCoreApplication.translate("Org", "Status"),
            staff_status_name,
            CENTER,
            color=lambda r: BAD_TEXT if r.deleted else _staff_colour(r),
        ),
        Column(
            QCoreApplication.translate("Org", "PIN"),
            lambda r: (
                QCoreApplication.translate("Org", "Set")
                if r.has_pin
                else QCoreApplication.translate("Org", "None")
            ),
            CENTER,
        ),
        Column(
            QCoreApplication.translate("Org", "Locked until"),
            lambda r: local(r.locked_until) if r.locked_until else "",
            color=lambda r: WAIT_TEXT,
        ),
        Column(QCoreApplication.translate("Org", "Updated"), lambda r: local(r.updated_at)),
    ]


def staff_model(runner: OperationRunner, *, page_size: int, parent: QObject) -> PagedTableModel:
    """Staff; a disabled or deleted account is greyed."""
    return PagedTableModel(
        staff_columns(),
        runner,
        page_size=page_size,
        background=lambda row, _col: DIM_BACKGROUND if (row.deleted or not row.enabled) else None,
        parent=parent,
    )


# -- the audit log ---------------------------------------------------------------------------------

#: the service's sort key of each audit column (None: not sortable)
AUDIT_SORT_KEYS = ["at", "actor", "action", "target", "store", None]


def audit_columns() -> list[Column[AuditRow]]:
    return [
        Column(
            QCoreApplication.translate("Org", "Time"), lambda r: local(r.at, "%Y-%m-%d %H:%M:%S")
        ),
        Column(
            QCoreApplication.translate("Org", "Who"),
            actor_text,
            color=lambda r: GONE_TEXT if r.actor_deleted else None,
        ),
        Column(
            QCoreApplication.translate("Org", "Action"),
            lambda r: action_name(r.action),
            tooltip=lambda r: r.action,
        ),
        Column(
            QCoreApplication.translate("Org", "Target"),
            lambda r: r.target,
            tooltip=lambda r: r.target,
        ),
        Column(
            QCoreApplication.translate("Org", "Store"),
            lambda r: f"{r.store_code} {r.store_name}".strip(),
        ),
        Column(
            QCoreApplication.translate("Org", "Detail"),
            lambda r: _short(detail_text(r.detail)),
            tooltip=lambda r: detail_text(r.detail),
        ),
    ]


def audit_model(runner: OperationRunner, *, page_size: int, parent: QObject) -> PagedTableModel:
    return PagedTableModel(
        audit_columns(),
        runner,
        page_size=page_size,
        sort_keys=AUDIT_SORT_KEYS,
        parent=parent,
    )
