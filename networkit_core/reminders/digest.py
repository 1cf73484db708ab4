"""An advisor's Monday digest: their nudge list, each cohort's rates against the week before,
and who was nudged in the last seven days. The figures are the dashboard's own."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from networkit_core.actor import Actor
from networkit_core.clock import FixedClock
from networkit_core.context import Context
from networkit_core.figures.nudges import needs_nudge
from networkit_core.figures.rates import RATE_NAMES, GroupBy, Rates, rates_by
from networkit_core.figures.scope import FigureScope, Period
from networkit_core.models import (
    CoachingComment,
    Cohort,
    CohortAdvisor,
    CommentKind,
    Graduate,
    User,
)
from networkit_core.reminders.compose import (
    CohortWeek,
    Letter,
    NudgeNote,
    NudgeWant,
    weekly_digest,
)

WEEK = timedelta(days=7)


def weekly_letter(ctx: Context, advisor: Actor, base_url: str) -> Letter:
    today = ctx.clock.today()
    caseload = FigureScope.caseload(advisor.id)
    wants = [
        NudgeWant(
            line.graduate_name,
            line.graduate_email,
            tuple(item.message for item in line.reasons),
            line.overdue_since,
        )
        for line in needs_nudge(ctx, advisor, caseload)
    ]
    now = rates_by(ctx, advisor, caseload, Period(end=today), by=GroupBy.COHORT)
    # The same figures as they stood a week ago: computed as of that day.
    week_ago = Context(ctx.engine, ctx.settings, FixedClock.on(today - WEEK))
    before = rates_by(week_ago, advisor, caseload, Period(end=today - WEEK), by=GroupBy.COHORT)
    with ctx.unit_of_work() as session:
        cohorts = session.execute(
            select(Cohort.id, Cohort.name)
            .join(CohortAdvisor, CohortAdvisor.cohort_id == Cohort.id)
            .where(CohortAdvisor.advisor_id == advisor.id, Cohort.archived_at.is_(None))
            .order_by(Cohort.name)
        ).all()
        graduate_user = User.__table__.alias("graduate_user")
        nudges = session.execute(
            select(
                graduate_user.c.first_name,
                graduate_user.c.last_name,
                User.first_name.label("by_first"),
                User.last_name.label("by_last"),
                CoachingComment.created_at,
                CoachingComment.body,
            )
            .join(Graduate, Graduate.id == CoachingComment.graduate_id)
            .join(graduate_user, graduate_user.c.id == Graduate.user_id)
            .outerjoin(User, User.id == CoachingComment.author_id)
            .where(
                CoachingComment.kind == CommentKind.NUDGE,
                CoachingComment.deleted_at.is_(None),
                CoachingComment.created_at >= ctx.clock.now() - WEEK,
                Graduate.cohort_id.in_([cohort.id for cohort in cohorts]),
            )
            .order_by(CoachingComment.created_at)
        ).all()
    weeks = [
        CohortWeek(cohort.name, _named(now.get(cohort.id)), _named(before.get(cohort.id)))
        for cohort in cohorts
    ]
    nudged = [
        NudgeNote(
            f"{row.first_name} {row.last_name}".strip(),
            f"{row.by_first or ''} {row.by_last or ''}".strip() or "an advisor",
            row.created_at.date(),
            row.body,
        )
        for row in nudges
    ]
    first = advisor.display_name.split(" ", 1)[0] or advisor.email
    return weekly_digest(advisor.email, first, wants, weeks, nudged, base_url, today)


def _named(rates: Rates | None) -> dict[str, float | None]:
    return {key: getattr(rates, key) if rates else None for key in RATE_NAMES}
