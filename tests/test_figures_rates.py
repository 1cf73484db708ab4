"""Counts and rates: each definition, its edges, and scoping."""

from __future__ import annotations

from datetime import timedelta

import pytest

from networkit_core.clock import FixedClock
from networkit_core.context import Context
from networkit_core.errors import AccessDenied
from networkit_core.figures.rates import GroupBy, rates, rates_by
from networkit_core.figures.scope import FigureScope, Period
from networkit_core.models import FollowUpPermission, InterviewStatus, Role
from tests import factories as f
from tests.conftest import TODAY

EVERYTHING = FigureScope.everything()


def test_rates_without_interviews_are_undefined_not_zero(ctx: Context) -> None:
    admin = f.user(ctx, Role.ADMIN)
    f.graduate(ctx, f.cohort(ctx))
    figures = rates(ctx, admin, EVERYTHING)
    assert (figures.planned, figures.completed) == (0, 0)
    assert figures.thank_you_rate is None
    assert figures.on_time_thank_you_rate is None
    assert figures.follow_up_asked_rate is None
    assert figures.follow_up_completion_rate is None
    assert figures.notes_rate is None
    assert figures.prep_score is None


def test_thank_you_rates_count_only_completed_and_the_window_is_inclusive(ctx: Context) -> None:
    admin = f.user(ctx, Role.ADMIN)
    _, grad = f.graduate(ctx, f.cohort(ctx))
    f.interview(ctx, grad, days_ago=10, thank_you_after=2)  # on the last day of the window
    f.interview(ctx, grad, days_ago=10, thank_you_after=3)  # a day late
    f.interview(ctx, grad, days_ago=10)  # none
    f.interview(ctx, grad, days_ago=10, thank_you_after=0)
    f.interview(ctx, grad, days_ago=3, status=InterviewStatus.CANCELLED, thank_you_after=0)
    figures = rates(ctx, admin, EVERYTHING)
    assert figures.completed == 4
    assert figures.thank_you_rate == 3 / 4
    assert figures.on_time_thank_you_rate == 2 / 4


def test_follow_up_rates(ctx: Context) -> None:
    admin = f.user(ctx, Role.ADMIN)
    _, grad = f.graduate(ctx, f.cohort(ctx))
    f.interview(ctx, grad, permission=FollowUpPermission.GRANTED, follow_ups_after=(3,))
    # Granted 40 days ago, none logged: its first follow-up fell due ten days ago.
    f.interview(ctx, grad, days_ago=40, permission=FollowUpPermission.GRANTED)
    f.interview(ctx, grad, permission=FollowUpPermission.DECLINED)
    f.interview(ctx, grad, permission=FollowUpPermission.NOT_ASKED)
    figures = rates(ctx, admin, EVERYTHING)
    assert figures.follow_up_asked_rate == 3 / 4
    assert figures.follow_up_completion_rate == 1 / 2
    assert (figures.followed_up, figures.follow_up_fell_due) == (1, 2)


def test_a_meeting_held_yesterday_does_not_lower_follow_up_completion(ctx: Context) -> None:
    """DESIGN.md: the rate counts only granted interviews whose first follow-up has fallen due
    (meeting + 30 days <= today) or that have one. Held yesterday, granted, none logged: not
    counted until its first follow-up falls due, then counted as not followed up."""
    admin = f.user(ctx, Role.ADMIN)
    _, grad = f.graduate(ctx, f.cohort(ctx))
    f.interview(
        ctx, grad, days_ago=60, permission=FollowUpPermission.GRANTED, follow_ups_after=(30,)
    )
    f.interview(ctx, grad, days_ago=1, permission=FollowUpPermission.GRANTED)
    now = rates(ctx, admin, EVERYTHING)
    assert now.follow_up_completion_rate == 1.0
    assert (now.followed_up, now.follow_up_fell_due, now.follow_up_granted) == (1, 1, 2)
    # 28 days on it is not due yet; 29 days on is the meeting + 30: due, and so on after.
    for days, expected in ((28, 1.0), (29, 1 / 2), (31, 1 / 2)):
        later = Context(ctx.engine, ctx.settings, FixedClock.on(TODAY + timedelta(days=days)))
        assert rates(later, admin, EVERYTHING).follow_up_completion_rate == expected, days


def test_follow_up_completion_of_a_past_period_is_as_of_today(ctx: Context) -> None:
    """A period's rate is computed as of the figures' today (the clock, `--today`): the same
    past period reads differently seen from the day after the meeting and a month later."""
    admin = f.user(ctx, Role.ADMIN)
    _, grad = f.graduate(ctx, f.cohort(ctx))
    f.interview(
        ctx, grad, days_ago=40, permission=FollowUpPermission.GRANTED, follow_ups_after=(5,)
    )
    f.interview(ctx, grad, days_ago=35, permission=FollowUpPermission.GRANTED)
    period = Period(TODAY - timedelta(days=40), TODAY - timedelta(days=30))
    assert rates(ctx, admin, EVERYTHING, period).follow_up_completion_rate == 1 / 2
    seen_early = Context(ctx.engine, ctx.settings, FixedClock.on(TODAY - timedelta(days=30)))
    # Then the second one's cadence had not run out yet (meeting + 30 days is 5 days later).
    assert rates(seen_early, admin, EVERYTHING, period).follow_up_completion_rate == 1.0
    # The weekly and monthly points, the per-graduate rows and the cohort groups agree.
    by_graduate = rates_by(seen_early, admin, EVERYTHING, period, by=GroupBy.GRADUATE)
    assert by_graduate[grad].follow_up_completion_rate == 1.0
    by_month = rates_by(ctx, admin, EVERYTHING, period, by=GroupBy.MONTH)
    assert sum(r.follow_up_fell_due for r in by_month.values()) == 2


def test_follow_up_completion_is_undefined_without_permission(ctx: Context) -> None:
    admin = f.user(ctx, Role.ADMIN)
    _, grad = f.graduate(ctx, f.cohort(ctx))
    f.interview(ctx, grad, permission=FollowUpPermission.DECLINED)
    figures = rates(ctx, admin, EVERYTHING)
    assert figures.follow_up_asked_rate == 1.0
    assert figures.follow_up_completion_rate is None


def test_blank_notes_do_not_count(ctx: Context) -> None:
    admin = f.user(ctx, Role.ADMIN)
    _, grad = f.graduate(ctx, f.cohort(ctx))
    f.interview(ctx, grad, notes="Learned about the hiring cycle.")
    f.interview(ctx, grad, notes="  \t\n ")
    f.interview(ctx, grad, notes="\u00a0\u3000")
    f.interview(ctx, grad, notes="")
    assert rates(ctx, admin, EVERYTHING).notes_rate == 1 / 4


def test_prep_score_averages_planned_and_completed(ctx: Context) -> None:
    admin = f.user(ctx, Role.ADMIN)
    _, grad = f.graduate(ctx, f.cohort(ctx))
    f.interview(ctx, grad, prep_ticked=8)
    f.interview(ctx, grad, days_ago=-3, status=InterviewStatus.PLANNED, prep_ticked=2)
    f.interview(ctx, grad, status=InterviewStatus.CANCELLED, prep_ticked=0)
    figures = rates(ctx, admin, EVERYTHING)
    assert figures.planned == 1
    assert figures.prep_score == pytest.approx((8 / 8 + 2 / 8) / 2)


def test_prep_score_counts_only_active_items(ctx: Context) -> None:
    admin = f.user(ctx, Role.ADMIN)
    _, grad = f.graduate(ctx, f.cohort(ctx))
    f.interview(ctx, grad, prep_ticked=4)
    f.retire_prep_items(ctx, 4)  # the first four, the ones ticked
    assert rates(ctx, admin, EVERYTHING).prep_score == 0.0
    f.retire_prep_items(ctx, 8)
    assert rates(ctx, admin, EVERYTHING).prep_score is None


def test_soft_deleted_interviews_and_follow_ups_never_count(ctx: Context) -> None:
    admin = f.user(ctx, Role.ADMIN)
    _, grad = f.graduate(ctx, f.cohort(ctx))
    gone = f.interview(ctx, grad, thank_you_after=1)
    f.soft_delete_interview(ctx, gone)
    kept = f.interview(
        ctx, grad, days_ago=40, permission=FollowUpPermission.GRANTED, follow_ups_after=(2,)
    )
    f.soft_delete_follow_ups(ctx, kept)
    figures = rates(ctx, admin, EVERYTHING)
    assert figures.completed == 1
    assert figures.thank_you_rate == 0.0
    assert figures.follow_up_completion_rate == 0.0


def test_period_limits_by_meeting_date(ctx: Context) -> None:
    admin = f.user(ctx, Role.ADMIN)
    _, grad = f.graduate(ctx, f.cohort(ctx))
    f.interview(ctx, grad, days_ago=20)
    f.interview(ctx, grad, days_ago=10)
    f.interview(ctx, grad, days_ago=0)
    period = Period(TODAY - timedelta(days=10), TODAY)  # both ends inclusive
    assert rates(ctx, admin, EVERYTHING, period).completed == 2
    before = Period(end=TODAY - timedelta(days=21))
    assert rates(ctx, admin, EVERYTHING, before).completed == 0


def test_advisor_sees_only_coached_cohorts(ctx: Context) -> None:
    advisor = f.user(ctx, Role.ADVISOR)
    mine = f.cohort(ctx, advisors=(advisor,))
    other = f.cohort(ctx)
    _, my_grad = f.graduate(ctx, mine)
    _, other_grad = f.graduate(ctx, other)
    f.interview(ctx, my_grad, thank_you_after=1)
    f.interview(ctx, other_grad)
    f.interview(ctx, other_grad)
    figures = rates(ctx, advisor, EVERYTHING)
    assert (figures.completed, figures.thank_you_rate) == (1, 1.0)
    assert rates(ctx, advisor, FigureScope.caseload(advisor.id)).completed == 1
    assert set(rates_by(ctx, advisor, EVERYTHING, by=GroupBy.GRADUATE)) == {my_grad}
    with pytest.raises(AccessDenied):
        rates(ctx, advisor, FigureScope.cohort(other))
    with pytest.raises(AccessDenied):
        rates(ctx, advisor, FigureScope.graduate(other_grad))


def test_graduate_reaches_only_self_and_no_caseload(ctx: Context) -> None:
    advisor = f.user(ctx, Role.ADVISOR)
    group = f.cohort(ctx, advisors=(advisor,))
    me, my_id = f.graduate(ctx, group)
    _, peer = f.graduate(ctx, group)
    f.interview(ctx, my_id)
    f.interview(ctx, peer)
    assert rates(ctx, me, EVERYTHING).completed == 1
    assert rates(ctx, me, FigureScope.cohort(group)).completed == 1
    with pytest.raises(AccessDenied):
        rates(ctx, me, FigureScope.caseload(advisor.id))
    with pytest.raises(AccessDenied):
        rates(ctx, me, FigureScope.graduate(peer))


def test_grouped_by_graduate_and_cohort_include_empty_groups(ctx: Context) -> None:
    admin = f.user(ctx, Role.ADMIN)
    first, second = f.cohort(ctx), f.cohort(ctx)
    _, busy = f.graduate(ctx, first)
    _, idle = f.graduate(ctx, first)
    _, alone = f.graduate(ctx, second)
    f.interview(ctx, busy, thank_you_after=1)
    f.interview(ctx, busy, days_ago=-2, status=InterviewStatus.PLANNED)
    by_graduate = rates_by(ctx, admin, EVERYTHING, by=GroupBy.GRADUATE)
    assert by_graduate[busy].completed == 1 and by_graduate[busy].planned == 1
    assert by_graduate[idle].completed == 0 and by_graduate[idle].thank_you_rate is None
    assert by_graduate[alone].prep_score is None
    by_cohort = rates_by(ctx, admin, EVERYTHING, by=GroupBy.COHORT)
    assert by_cohort[first].thank_you_rate == 1.0
    assert by_cohort[second].completed == 0
