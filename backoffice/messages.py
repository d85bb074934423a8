"""Refusals as the back office words them: its own codes here, the counter's in
``shared.qt.errors``."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from shared.domain.errors import DomainError
from shared.qt.errors import describe as describe_common


def describe(exc: BaseException) -> str:
    if isinstance(exc, DomainError):
        store = str(exc.details.get("store", ""))
        text = {
            "backoffice_denied": lambda: QCoreApplication.translate(
                "BackofficeMessages", "Only managers and admins may use the back office"
            ),
            "store_not_allowed": lambda: QCoreApplication.translate(
                "BackofficeMessages", "You may not review the shifts of store {store}"
            ).format(store=store),
            "comment_required": lambda: QCoreApplication.translate(
                "BackofficeMessages", "Write a comment saying why the shift is flagged"
            ),
            "text_too_long": lambda: QCoreApplication.translate(
                "BackofficeMessages", "The comment is too long (at most 200 characters)"
            ),
            "shift_not_closed": lambda: QCoreApplication.translate(
                "BackofficeMessages", "Only a closed shift can be reviewed"
            ),
            "shift_not_found": lambda: QCoreApplication.translate(
                "BackofficeMessages", "This shift no longer exists"
            ),
            "date_range": lambda: QCoreApplication.translate(
                "BackofficeMessages", "The date range ends before it starts"
            ),
            "unknown_store": lambda: QCoreApplication.translate(
                "BackofficeMessages", "No such store"
            ),
            "export_format": lambda: QCoreApplication.translate(
                "BackofficeMessages", "Export to a .csv or .xlsx file"
            ),
            "account_required": lambda: QCoreApplication.translate(
                "BackofficeMessages", "Enter your account"
            ),
            "bad_credentials": lambda: QCoreApplication.translate(
                "BackofficeMessages", "Wrong account or password ({left} attempts left)"
            ).format(left=exc.details.get("attempts_left", "?")),
        }.get(exc.code)
        if text is not None:
            return text()
    return describe_common(exc)
