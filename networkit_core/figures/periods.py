"""The periods a dashboard offers (this term, the last 30 days, all time, from/to) and the
previous period of the same length that each figure is compared with."""

from __future__ import annotations

import enum
from datetime import date, timedelta

from networkit_core.errors import InvalidInput
from networkit_core.figures.scope import ALL_TIME, Period
from networkit_core.services._input import a_date

# Terms start on these months (January, May, September): three terms of four months.
TERM_START_MONTHS = (1, 5, 9)
RECENT_DAYS = 30


class PeriodChoice(enum.StrEnum):
    TERM = "term"
    LAST_30_DAYS = "30d"
    ALL_TIME = "all"
    CUSTOM = "custom"


def this_term(today: date) -> Period:
    """The term holding `today`, from its first to its last day (planned meetings included)."""
    month = max(start for start in TERM_START_MONTHS if start <= today.month)
    start = date(today.year, month, 1)
    following = [m for m in TERM_START_MONTHS if m > month]
    end = date(today.year, following[0], 1) if following else date(today.year + 1, 1, 1)
    return Period(start, end - timedelta(days=1))


def choose_period(
    today: date, choice: str | None, start: str | date | None = None, end: str | date | None = None
) -> tuple[PeriodChoice, Period]:
    """The period a dashboard address asks for. A from/to (either end may be open) means a
    custom period; otherwise `choice` (default: this term). Bad input names the field."""
    if start not in (None, "") or end not in (None, ""):
        first = None if start in (None, "") else a_date(start, "from")
        last = None if end in (None, "") else a_date(end, "to")
        return PeriodChoice.CUSTOM, Period(first, last)
    try:
        picked = PeriodChoice(choice or PeriodChoice.TERM)
    except ValueError:
        known = ", ".join(option.value for option in PeriodChoice if option.value != "custom")
        raise InvalidInput(f"The period {choice!r} is not one of {known}.", "period") from None
    if picked is PeriodChoice.TERM:
        return picked, this_term(today)
    if picked is PeriodChoice.LAST_30_DAYS:
        return picked, Period(today - timedelta(days=RECENT_DAYS - 1), today)
    if picked is PeriodChoice.ALL_TIME:
        return picked, ALL_TIME
    raise InvalidInput("A custom period needs a from date, a to date or both.", "from")


def previous_period(period: Period, today: date) -> Period | None:
    """The period of the same length just before `period` (an open end is today). None when
    the period has no start: all time has nothing before it to compare with."""
    if period.start is None:
        return None
    end = period.end if period.end is not None else max(today, period.start)
    length = (end - period.start).days + 1
    return Period(period.start - timedelta(days=length), period.start - timedelta(days=1))
