"""The advisor's dashboard in one call: every figure for a cohort (or all theirs) and a period,
beside the previous period, from the figures' one definition over the advisor's caseload."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from networkit_core import audit_log, bounds
from networkit_core.access import require_role
from networkit_core.actor import Actor
from networkit_core.context import Context
from networkit_core.errors import AccessDenied
from networkit_core.figures.due import due_items
from networkit_core.figures.goals import GoalProgress, goal_progress
from networkit_core.figures.nudges import NudgeLine, needs_nudge, nudge_lines
from networkit_core.figures.periods import PeriodChoice, choose_period, previous_period
from networkit_core.figures.rates import Counted, GroupBy, Rates, combined, grouped_counts
from networkit_core.figures.report import CohortReportRow, report_rows
from networkit_core.figures.scope import FigureScope, Period, graduate_ids, pinned
from networkit_core.figures.series import (
    MonthPoint,
    WeekPoint,
    first_of_month,
    monday_of,
    month_points,
    week_points,
)
from networkit_core.figures.triage import Triage, triage
from networkit_core.models import Cohort, CohortAdvisor, Role


@dataclass(frozen=True)
class CohortChoice:
    id: int
    name: str
    archived: bool


@dataclass(frozen=True)
class FunnelStep:
    step: str
    interviews: int


@dataclass(frozen=True)
class Dashboard:
    cohorts: tuple[CohortChoice, ...]  # every cohort the advisor coaches, by name
    cohort: CohortChoice | None  # None: all of them
    choice: PeriodChoice
    period: Period
    previous: Period | None  # None for all time: nothing to compare with
    rates: Rates
    previous_rates: Rates | None
    weeks: tuple[WeekPoint, ...]
    months: tuple[MonthPoint, ...]
    graduates: tuple[CohortReportRow, ...]
    goals: tuple[GoalProgress, ...]  # each goal of the cohorts in view (its own period)
    nudges: tuple[NudgeLine, ...]  # who needs a nudge today, most overdue first

    def triage(self, *, reason: str | None = None, page: str | int | None = None) -> Triage:
        """The nudge list as the triage table shows it: `reason` filters, `page` pages."""
        return triage(self.nudges, reason=reason, page=page)

    @property
    def funnel(self) -> tuple[FunnelStep, ...]:
        """Held → thank-you sent → follow-up granted → followed up, as counts of interviews."""
        figures = self.rates
        return (
            FunnelStep("Held", figures.completed),
            FunnelStep("Thank-you sent", figures.thank_you_recorded),
            FunnelStep("Follow-up granted", figures.follow_up_granted),
            FunnelStep("Followed up", figures.followed_up),
        )


@audit_log.refusals_logged(
    "figures", "cohort", detail=lambda **asked: {"cohort": asked.get("cohort")}
)
def advisor_dashboard(
    ctx: Context,
    actor: Actor,
    *,
    cohort: str | None = None,
    period: str | None = None,
    start: str | date | None = None,
    end: str | date | None = None,
) -> Dashboard:
    """The dashboard for `cohort` (a name; None for all the advisor's cohorts) and the period
    asked for (see `choose_period`). A cohort the advisor does not coach is refused exactly as
    a missing one is."""
    require_role(actor, Role.ADVISOR)
    today = ctx.clock.today()
    choice, chosen = choose_period(today, period, start, end)
    before = previous_period(chosen, today)
    with ctx.unit_of_work() as session:
        cohorts = tuple(
            CohortChoice(row.id, row.name, row.archived_at is not None)
            for row in session.execute(
                select(Cohort.id, Cohort.name, Cohort.archived_at)
                .join(CohortAdvisor, CohortAdvisor.cohort_id == Cohort.id)
                .where(CohortAdvisor.advisor_id == actor.id)
                .order_by(Cohort.name)
            )
        )
        picked = None
        if cohort is not None:
            picked = next((choice for choice in cohorts if choice.name == cohort), None)
            if picked is None:
                raise AccessDenied("cohort")
        graduates = pinned(session, graduate_ids(session, actor, _scope(actor, picked)))
        # One statement by meeting day for both periods, summed here into the period's and the
        # previous period's figures, weeks and months (four statements before: a third of the
        # dashboard's database time on PostgreSQL).
        span = Period(before.start, chosen.end) if before else chosen
        days = grouped_counts(ctx, session, graduates, span, GroupBy.DAY)
        current = combined(c for day, c in days.items() if chosen.contains(day)).rates()
        earlier = (
            combined(c for day, c in days.items() if before.contains(day)).rates()
            if before
            else None
        )
        weeks = week_points(_summed(days, chosen, today, monday_of), chosen, today)
        months = month_points(_summed(days, chosen, today, first_of_month), chosen)
        # The table's due counts and the nudge list read the same due items: computed once.
        due = due_items(ctx, session, graduates)
        rows = report_rows(ctx, session, graduates, chosen, due)
        in_view = [c.id for c in cohorts if picked in (None, c)]
        goals = goal_progress(ctx, session, graduates, in_view)
        nudges = tuple(nudge_lines(ctx, session, graduates, due))
    return Dashboard(
        cohorts,
        picked,
        choice,
        chosen,
        before,
        current,
        earlier,
        tuple(weeks),
        tuple(months),
        tuple(rows),
        tuple(goals),
        nudges,
    )


def dashboard_nudges(
    ctx: Context, actor: Actor, cohort: CohortChoice | None
) -> tuple[NudgeLine, ...]:
    """The dashboard's nudge list alone, read again after nudges were recorded, for the `cohort`
    it shows (None: all the advisor's): the rest of the dashboard does not depend on nudges."""
    require_role(actor, Role.ADVISOR)
    return tuple(needs_nudge(ctx, actor, _scope(actor, cohort)))


def _scope(actor: Actor, cohort: CohortChoice | None) -> FigureScope:
    return FigureScope.cohort(cohort.id) if cohort else FigureScope.caseload(actor.id)


def _summed(
    days: dict[date, Counted], period: Period, today: date, bucket: Callable[[date], date]
) -> dict[date, Rates]:
    """The days of `period` summed per `bucket` (a week's Monday, a month's first), a meeting
    date outside the sane range counted at its edge (as figures.rates clamps it)."""
    low, high = bounds.EARLIEST, bounds.latest(today)
    grouped: dict[date, list[Counted]] = {}
    for day, counted in days.items():
        if period.contains(day):
            grouped.setdefault(bucket(min(max(day, low), high)), []).append(counted)
    return {key: combined(groups).rates() for key, groups in grouped.items()}
