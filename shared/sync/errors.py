"""The two ways sync can fail that callers must tell apart."""

from __future__ import annotations

from shared.domain.errors import DomainError


class CentralUnreachable(DomainError):
    """The transport could not reach the central database (or lost it mid-call).

    Whatever was sent may or may not have been committed centrally; everything stays pending on
    the terminal and the next attempt gets the stored results for what did commit.
    """

    code = "central_unreachable"


class SyncRefused(DomainError):
    """The central side answered but will not serve this request (e.g. a terminal too old to
    pull). Selling goes on; the message says what to do."""

    code = "sync_refused"


def is_transport_error(exc: BaseException) -> bool:
    """True for a failure to reach or keep the central database (not a bug, not bad data)."""
    from sqlalchemy import exc as sa_exc

    if isinstance(exc, CentralUnreachable):
        return True
    if isinstance(exc, sa_exc.DBAPIError):
        if exc.connection_invalidated:
            return True
        return isinstance(exc, sa_exc.OperationalError | sa_exc.InterfaceError)
    return isinstance(exc, sa_exc.DisconnectionError | sa_exc.TimeoutError | ConnectionError)
