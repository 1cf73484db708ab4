"""The one source of "now" and "today", injectable so figures and tests agree on the date."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime:
        """The current instant, timezone-aware UTC."""
        ...

    def today(self) -> date: ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)

    def today(self) -> date:
        return self.now().date()


@dataclass
class FixedClock:
    """A clock stuck at one instant: tests, and `--today` on the command line."""

    instant: datetime

    @classmethod
    def on(cls, day: date) -> FixedClock:
        return cls(datetime(day.year, day.month, day.day, 12, 0, tzinfo=UTC))

    def now(self) -> datetime:
        return self.instant

    def today(self) -> date:
        return self.instant.date()


@dataclass
class AsOfClock:
    """Figures as of an earlier day (`--today` of an export), while what is written (the audit
    entry of the export) keeps the real instant."""

    day: date

    def now(self) -> datetime:
        return datetime.now(UTC)

    def today(self) -> date:
        return self.day
