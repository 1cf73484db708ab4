"""A graduate's own progress page in one call: their rates (the figures' one definition), the
weekly series, how they stand against their cohort's goals, and their referral links."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import aliased

from networkit_core.access import own_graduate, require_role
from networkit_core.actor import Actor
from networkit_core.context import Context
from networkit_core.figures.goals import GoalProgress, goal_progress
from networkit_core.figures.rates import Rates, rates
from networkit_core.figures.scope import FigureScope, Period
from networkit_core.figures.series import WeekPoint, monday_of, weekly_series
from networkit_core.models import Contact, Role
from networkit_core.services.calendar_feed import FeedStatus, status_of

# The chart looks back half a year and a month ahead (planned meetings).
WEEKS_BACK = 26
WEEKS_AHEAD = 4


@dataclass(frozen=True)
class ReferralLink:
    """Contact `referred_by` introduced the graduate to contact `name`."""

    referred_by_id: int
    referred_by_name: str
    contact_id: int
    name: str


@dataclass(frozen=True)
class MyProgress:
    cohort_name: str
    rates: Rates
    weeks: tuple[WeekPoint, ...]
    goals: tuple[GoalProgress, ...]  # my cohort's goals, each with my own figure
    referrals: tuple[ReferralLink, ...]
    # The graduate's live calendar address, or None (the address itself is shown only once).
    calendar_feed: FeedStatus | None


def my_progress(ctx: Context, actor: Actor) -> MyProgress:
    require_role(actor, Role.GRADUATE)
    with ctx.unit_of_work() as session:
        me = own_graduate(session, actor)
        graduate_id, cohort_id, cohort_name = me.id, me.cohort_id, me.cohort.name
        # The goals' one definition, over me alone: "per graduate" is then my own count.
        goals = goal_progress(ctx, session, [graduate_id], [cohort_id])
        feed = status_of(session, actor.id)
        referrer = aliased(Contact)
        links = session.execute(
            select(referrer.id, referrer.name, Contact.id, Contact.name)
            .join(referrer, referrer.id == Contact.referred_by_id)
            .where(
                Contact.graduate_id == graduate_id,
                Contact.deleted_at.is_(None),
                referrer.deleted_at.is_(None),
            )
            .order_by(referrer.name, Contact.name, Contact.id)
        ).all()
    scope = FigureScope.graduate(graduate_id)
    mine = rates(ctx, actor, scope)
    today = ctx.clock.today()
    period = Period(
        monday_of(today) - timedelta(weeks=WEEKS_BACK),
        monday_of(today) + timedelta(weeks=WEEKS_AHEAD, days=6),
    )
    return MyProgress(
        cohort_name=cohort_name,
        rates=mine,
        weeks=tuple(weekly_series(ctx, actor, scope, period)),
        goals=tuple(goals),
        referrals=tuple(ReferralLink(*row) for row in links),
        calendar_feed=feed,
    )
