"""Cohort goals ("80 % thanked on time by 1 June"): one definition of a goal's progress for the
dashboard, the cohorts page and the graduate's progress page.

A goal counts the cohort's figure over all its meetings up to its due date, as it stood that
day (a target *by* that day), or up to today while the date lies ahead or there is none: never
the period a page happens to show, so every page gives a goal the same answer.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from networkit_core.clock import AsOfClock
from networkit_core.context import Context
from networkit_core.dates import written
from networkit_core.figures.rates import (
    NO_INTERVIEWS,
    RATE_NAMES,
    GroupBy,
    Rates,
    grouped_rates,
    rate,
)
from networkit_core.figures.scope import Graduates, Period
from networkit_core.models import CohortGoal, GoalMetric, Graduate

PER_GRADUATE = GoalMetric.INTERVIEWS_COMPLETED_PER_GRADUATE
# A goal's name is its figure's name (`RATE_NAMES`), so a goal reads as the metric it targets.
GOAL_NAMES = {PER_GRADUATE: "Interviews held per graduate"} | {
    GoalMetric(key): name for key, name in RATE_NAMES.items()
}


def goal_name(metric: GoalMetric) -> str:
    return GOAL_NAMES[metric]


@dataclass(frozen=True)
class GoalProgress:
    goal_id: int
    cohort_id: int
    metric: GoalMetric
    target: float
    actual: float | None  # None when undefined (nothing completed, no graduate)
    due_on: date | None
    counted_to: date  # the last meeting day counted, and the day the figure is read as of
    version: int = 1  # the goal's, as read: a change over a newer one is refused

    @property
    def reached(self) -> bool:
        return self.actual is not None and self.actual >= self.target

    @property
    def name(self) -> str:
        return goal_name(self.metric)

    @property
    def is_rate(self) -> bool:
        return self.metric is not PER_GRADUATE

    @property
    def covers(self) -> str:
        """The period it counts, in words: "meetings up to the due date, Tue 1 Dec 2026"."""
        if self.due_on is not None and self.counted_to == self.due_on:
            return f"meetings up to the due date, {written(self.due_on)}"
        return f"meetings so far, up to today, {written(self.counted_to)}"


def counted_to(due_on: date | None, today: date) -> date:
    """The day a goal is measured to: its due date once it has come, else today."""
    return due_on if due_on is not None and due_on <= today else today


def goal_progress(
    ctx: Context,
    session: Session,
    graduates: Graduates,
    cohort_ids: list[int],
) -> list[GoalProgress]:
    """Every goal of `cohort_ids` with the figure of the cohort's graduates in scope, by cohort
    and metric (see the module's docstring for what each one counts)."""
    goals = list(
        session.scalars(
            select(CohortGoal)
            .where(CohortGoal.cohort_id.in_(cohort_ids))
            .order_by(CohortGoal.cohort_id, CohortGoal.metric)
        )
    )
    if not goals:
        return []
    today = ctx.clock.today()
    # One grouped query per day measured to (usually just today), read as of that day.
    by_day: dict[date, dict[int, Rates]] = {}
    for day in sorted({counted_to(goal.due_on, today) for goal in goals}):
        as_of = ctx if day == today else Context(ctx.engine, ctx.settings, AsOfClock(day))
        by_day[day] = grouped_rates(as_of, session, graduates, Period(None, day), GroupBy.COHORT)
    headcount = dict(
        session.execute(
            select(Graduate.cohort_id, func.count())
            .where(Graduate.id.in_(graduates), Graduate.cohort_id.in_(cohort_ids))
            .group_by(Graduate.cohort_id)
        ).all()
    )
    progress = []
    for goal in goals:
        day = counted_to(goal.due_on, today)
        figures = by_day[day].get(goal.cohort_id, NO_INTERVIEWS)
        if goal.metric is PER_GRADUATE:
            actual = rate(figures.completed, headcount.get(goal.cohort_id, 0))
        else:
            actual = getattr(figures, goal.metric.value)
        progress.append(
            GoalProgress(
                goal.id,
                goal.cohort_id,
                goal.metric,
                goal.target,
                actual,
                goal.due_on,
                day,
                goal.version,
            )
        )
    return progress
