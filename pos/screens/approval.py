"""Asking for a manager's approval (price override, large refund, printer settings)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from pos.dialogs.approval import ApprovalDialog
from pos.screens.base import Parts
from shared.qt.errors import describe
from shared.services.auth import Actor


def request_approval(
    parts: Parts,
    what: str,
    action: str,
    on_approved: Callable[[Actor], None],
    *,
    parent: QWidget | None = None,
    on_cancel: Callable[[], None] | None = None,
    allow_self: bool = True,
) -> ApprovalDialog | None:
    """Run ``on_approved(approver)`` once a manager has given their PIN (``auth.approve``).

    A signed-in manager approves their own action without a PIN (``allow_self``).
    """
    session = parts.session
    if allow_self and session.is_manager and session.actor is not None:
        on_approved(session.actor)
        return None
    dialog = ApprovalDialog(what, parent or parts.window)

    def submitted(account: str, pin: str) -> None:
        requested_by = session.actor
        parts.runner.run(
            lambda: parts.backend.approve(account, pin, action, requested_by),
            kind="write",
            owner=dialog,
            on_done=approved,
            on_error=lambda exc: dialog.refused(describe(exc)),
            label="approve",
        )

    def approved(approver: Actor) -> None:
        dialog.set_busy(False)
        dialog.accept()
        on_approved(approver)

    def closed(result: int) -> None:
        if result != ApprovalDialog.DialogCode.Accepted and on_cancel is not None:
            on_cancel()

    dialog.submitted.connect(submitted)
    parts.open_dialog(dialog, closed)
    return dialog
