"""Weekly series: each rate and the planned/completed counts per week (Monday to Sunday) of
meeting dates, grouped in SQL by the week's Monday."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from networkit_core import bounds
from networkit_core.actor import Actor
from networkit_core.context import Context
from networkit_core.figures.rates import NO_INTERVIEWS, GroupBy, Rates, grouped_rates
from networkit_core.figures.scope import ALL_TIME, FigureScope, Period, graduate_ids

WEEK = timedelta(days=7)


@dataclass(frozen=True)
class WeekPoint:
    week_start: date  # a Monday
    rates: Rates

    def as_dict(self) -> dict[str, Any]:
        return {"week_start": self.week_start, **self.rates.as_dict()}


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def weekly_series(
    ctx: Context, actor: Actor, scope: FigureScope, period: Period = ALL_TIME
) -> list[WeekPoint]:
    """One point per week, oldest first, with no gaps: a week without interviews has zero counts
    and undefined rates. The weeks run from the period's first week (or the first week with an
    interview) to its last week (or the last week with an interview), within the sane range of
    dates (bounds): a far-off period or a stored outlier never makes thousands of weeks."""
    with ctx.unit_of_work() as session:
        graduates = graduate_ids(session, actor, scope)
        by_week = grouped_rates(ctx, session, graduates, period, GroupBy.WEEK)
    first = monday_of(period.start) if period.start else min(by_week, default=None)
    last = monday_of(period.end) if period.end else max(by_week, default=None)
    if first is None or last is None:
        return []
    today = ctx.clock.today()
    first = max(first, monday_of(bounds.EARLIEST))
    last = min(last, monday_of(bounds.latest(today)))
    points = []
    week = first
    while week <= last:
        points.append(WeekPoint(week, by_week.get(week, NO_INTERVIEWS)))
        week += WEEK
    return points
