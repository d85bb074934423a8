"""Domain errors. Every refusal the product gives is one of these, with a specific message.

``code`` is a stable machine-readable reason (for ``--json`` output and for tests);
the message is the English text, which the UI passes through translation.
"""

from __future__ import annotations


class DomainError(Exception):
    code = "error"

    def __init__(self, message: str, *, code: str | None = None, **details: object) -> None:
        super().__init__(message)
        self.message = message
        if code:
            self.code = code
        self.details = details

    def __str__(self) -> str:
        return self.message


class ValidationError(DomainError):
    code = "invalid"


class NotFound(DomainError):
    code = "not_found"


class Conflict(DomainError):
    code = "conflict"


class PermissionDenied(DomainError):
    code = "permission_denied"


class AuthenticationFailed(DomainError):
    code = "authentication_failed"


class AccountLocked(AuthenticationFailed):
    code = "account_locked"


class ApprovalRequired(DomainError):
    """The action needs a manager's PIN on the spot."""

    code = "approval_required"


class PaymentFailed(DomainError):
    code = "payment_failed"


class ConfigurationError(DomainError):
    code = "configuration"
