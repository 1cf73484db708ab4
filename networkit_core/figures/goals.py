"""A cohort goal beside the cohort's figure: "4 interviews completed per graduate this month"
is reached when the cohort's completed interviews over the period, per graduate, are at least 4.
Rates come from `rates.grouped_rates` (one definition); the per-graduate count divides the
cohort's completed interviews by its number of graduates."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from networkit_core.context import Context
from networkit_core.figures.rates import NO_INTERVIEWS, GroupBy, grouped_rates, rate
from networkit_core.figures.scope import Graduates, Period
from networkit_core.models import CohortGoal, GoalMetric, Graduate


@dataclass(frozen=True)
class GoalProgress:
    goal_id: int
    cohort_id: int
    metric: GoalMetric
    target: float
    actual: float | None  # None when undefined (nothing completed, no graduate)
    due_on: date | None
    version: int = 1  # the goal's, as read: a change over a newer one is refused

    @property
    def reached(self) -> bool:
        return self.actual is not None and self.actual >= self.target


def month_to_date(today: date) -> Period:
    """The period goals are measured over: this calendar month up to today."""
    return Period(today.replace(day=1), today)


def goal_progress(
    ctx: Context,
    session: Session,
    graduates: Graduates,
    cohort_ids: list[int],
    period: Period,
) -> list[GoalProgress]:
    """Every goal of `cohort_ids` with the cohort's figure over `period` (graduates in scope
    only), by cohort and metric."""
    goals = list(
        session.scalars(
            select(CohortGoal)
            .where(CohortGoal.cohort_id.in_(cohort_ids))
            .order_by(CohortGoal.cohort_id, CohortGoal.metric)
        )
    )
    if not goals:
        return []
    by_cohort = grouped_rates(ctx, session, graduates, period, GroupBy.COHORT)
    headcount = dict(
        session.execute(
            select(Graduate.cohort_id, func.count())
            .where(Graduate.id.in_(graduates), Graduate.cohort_id.in_(cohort_ids))
            .group_by(Graduate.cohort_id)
        ).all()
    )
    progress = []
    for goal in goals:
        figures = by_cohort.get(goal.cohort_id, NO_INTERVIEWS)
        if goal.metric is GoalMetric.INTERVIEWS_COMPLETED_PER_GRADUATE:
            actual = rate(figures.completed, headcount.get(goal.cohort_id, 0))
        else:
            actual = getattr(figures, goal.metric.value)
        progress.append(
            GoalProgress(
                goal.id, goal.cohort_id, goal.metric, goal.target, actual, goal.due_on, goal.version
            )
        )
    return progress
