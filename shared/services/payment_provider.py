"""Payment-code providers (WeChat Pay / Alipay 付款码): the pluggable interface and the simulator.

A real provider (WeChat Pay micropay, Alipay trade.pay) implements ``PaymentProvider``; the shipped
``SimulatedProvider`` stands in for it here, since no real provider can be reached from a test or a
demo. It is configured with an outcome, and the customer's code can override it: a code ending in
``0001`` is declined, ``0002`` times out (and a later query finds it paid), ``0003`` is paid and
then notified twice with different trade numbers (a duplicate payment).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol


class ProviderTimeout(Exception):
    """The provider did not answer in time: the payment's state is unknown until queried."""


@dataclass(frozen=True)
class ProviderResult:
    #: paid | declined | pending
    status: str
    trade_no: str = ""
    message: str = ""


@dataclass(frozen=True)
class Notification:
    out_trade_no: str
    trade_no: str
    amount_fen: int


class PaymentProvider(Protocol):
    def pay(
        self, *, method: str, out_trade_no: str, auth_code: str, amount_fen: int
    ) -> ProviderResult: ...

    def query(self, *, out_trade_no: str) -> ProviderResult: ...

    def refund(self, *, out_trade_no: str, amount_fen: int) -> ProviderResult:
        """Give a captured payment back (status ``refunded``), e.g. when the sale is abandoned."""
        ...


OUTCOMES = ("success", "decline", "timeout", "duplicate")


@dataclass
class SimulatedProvider:
    """The provider simulator shipped for demos and tests (a stand-in for the real gateway).

    Thread-safe: the counter charges on a worker thread while the GUI may query.
    """

    outcome: str = "success"
    #: receives asynchronous notifications, as a provider's callback would
    notify: Callable[[Notification], None] | None = None
    _trades: dict[str, ProviderResult] = field(default_factory=dict)
    _counter: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def _outcome_for(self, auth_code: str) -> str:
        for suffix, outcome in (("0001", "decline"), ("0002", "timeout"), ("0003", "duplicate")):
            if auth_code.endswith(suffix):
                return outcome
        return self.outcome

    def _trade_no(self) -> str:
        self._counter += 1
        return f"SIM{self._counter:010d}"

    def pay(
        self, *, method: str, out_trade_no: str, auth_code: str, amount_fen: int
    ) -> ProviderResult:
        with self._lock:
            if out_trade_no in self._trades:
                return self._trades[out_trade_no]
            outcome = self._outcome_for(auth_code)
            if outcome == "decline":
                result = ProviderResult("declined", message="insufficient balance (simulated)")
            else:
                result = ProviderResult("paid", trade_no=self._trade_no())
            self._trades[out_trade_no] = result
            second = self._trade_no() if outcome == "duplicate" else ""
        if outcome == "timeout":
            raise ProviderTimeout("no answer from the payment provider (simulated)")
        if outcome == "duplicate" and self.notify:
            self.notify(Notification(out_trade_no, result.trade_no, amount_fen))
            self.notify(Notification(out_trade_no, second, amount_fen))
        return result

    def query(self, *, out_trade_no: str) -> ProviderResult:
        with self._lock:
            return self._trades.get(
                out_trade_no, ProviderResult("pending", message="unknown trade")
            )

    def refund(self, *, out_trade_no: str, amount_fen: int) -> ProviderResult:
        with self._lock:
            paid = self._trades.get(out_trade_no)
            if paid is None or paid.status != "paid":
                return ProviderResult(
                    "declined", message="no captured payment to refund (simulated)"
                )
            self._trades[out_trade_no] = ProviderResult("refunded", paid.trade_no)
            return self._trades[out_trade_no]
