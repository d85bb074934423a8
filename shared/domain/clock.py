"""Time. Everything is stored in UTC; a store's business day is computed in its own timezone."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo


class Clock(Protocol):
    def now(self) -> datetime: ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)


@dataclass
class FixedClock:
    """A clock for tests and replays: returns ``at`` and moves only when told."""

    at: datetime = field(default_factory=lambda: datetime(2026, 11, 22, 2, 0, tzinfo=UTC))

    def now(self) -> datetime:
        return self.at

    def advance(self, **kwargs: float) -> None:
        self.at = self.at + timedelta(**kwargs)


def business_date(at: datetime, timezone: str) -> date:
    if at.tzinfo is None:
        raise ValueError("naive datetime: StoreDesk times are always timezone-aware UTC")
    return at.astimezone(ZoneInfo(timezone)).date()


def local_time(at: datetime, timezone: str) -> datetime:
    return at.astimezone(ZoneInfo(timezone))
