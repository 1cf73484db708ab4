"""The home-page summaries: each is scoped to the acting user and refuses other roles."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import update

from networkit_core.context import Context
from networkit_core.errors import AccessDenied
from networkit_core.models import Cohort, InterviewStatus, Role, User
from networkit_core.services import overview
from tests import factories


def test_graduate_home_splits_upcoming_from_recent(ctx: Context) -> None:
    cohort = factories.cohort(ctx, "Spring")
    me, my_id = factories.graduate(ctx, cohort)
    _, other_id = factories.graduate(ctx, cohort)
    later = factories.interview(ctx, my_id, days_ago=-5, status=InterviewStatus.PLANNED)
    sooner = factories.interview(ctx, my_id, days_ago=-1, status=InterviewStatus.PLANNED)
    today_planned = factories.interview(ctx, my_id, days_ago=0, status=InterviewStatus.PLANNED)
    held = factories.interview(ctx, my_id, days_ago=3)
    older = factories.interview(ctx, my_id, days_ago=9, status=InterviewStatus.CANCELLED)
    # Planned but in the past (never updated): recent, not upcoming.
    stale = factories.interview(ctx, my_id, days_ago=2, status=InterviewStatus.PLANNED)
    factories.interview(ctx, other_id, days_ago=-2, status=InterviewStatus.PLANNED)
    deleted = factories.interview(ctx, my_id, days_ago=1)
    factories.soft_delete_interview(ctx, deleted)

    home = overview.graduate_home(ctx, me)
    assert home.cohort_name == "Spring"
    assert [line.interview_id for line in home.upcoming] == [today_planned, sooner, later]
    assert [line.interview_id for line in home.recent] == [stale, held, older]
    assert (home.planned, home.completed) == (4, 1)
    assert home.contacts == 7  # one per interview made here, the deleted one's included
    assert home.upcoming[1].meeting_date == ctx.clock.today() + timedelta(days=1)
    assert home.upcoming[0].contact_name == "Dana Reyes"


def test_graduate_home_keeps_to_the_limit(ctx: Context) -> None:
    me, my_id = factories.graduate(ctx, factories.cohort(ctx))
    for days in range(1, 5):
        factories.interview(ctx, my_id, days_ago=days)
    home = overview.graduate_home(ctx, me, limit=2)
    assert [line.meeting_date for line in home.recent] == [
        ctx.clock.today() - timedelta(days=1),
        ctx.clock.today() - timedelta(days=2),
    ]
    assert home.completed == 4


@pytest.mark.parametrize("role", [Role.ADVISOR, Role.ADMIN])
def test_graduate_home_is_for_graduates_only(ctx: Context, role: Role) -> None:
    with pytest.raises(AccessDenied):
        overview.graduate_home(ctx, factories.user(ctx, role))


def test_advisor_sees_only_the_cohorts_they_coach(ctx: Context) -> None:
    advisor = factories.user(ctx, Role.ADVISOR)
    other = factories.user(ctx, Role.ADVISOR)
    mine = factories.cohort(ctx, "B cohort", advisors=(advisor,))
    empty = factories.cohort(ctx, "A cohort", advisors=(advisor, other))
    factories.cohort(ctx, "Not mine", advisors=(other,))
    for _ in range(3):
        factories.graduate(ctx, mine)
    assert [(c.name, c.graduates) for c in overview.coached_cohorts(ctx, advisor)] == [
        ("A cohort", 0),
        ("B cohort", 3),
    ]
    with ctx.unit_of_work() as session:
        session.execute(
            update(Cohort).where(Cohort.id == empty).values(archived_at=ctx.clock.now())
        )
    lines = overview.coached_cohorts(ctx, advisor)
    assert [(c.name, c.archived) for c in lines] == [("B cohort", False), ("A cohort", True)]


def test_admin_sees_every_cohort_and_a_graduate_none(ctx: Context) -> None:
    admin = factories.user(ctx, Role.ADMIN)
    cohort = factories.cohort(ctx, "One")
    factories.cohort(ctx, "Two")
    graduate, _ = factories.graduate(ctx, cohort)
    assert [c.name for c in overview.coached_cohorts(ctx, admin)] == ["One", "Two"]
    with pytest.raises(AccessDenied):
        overview.coached_cohorts(ctx, graduate)


def test_admin_summary_counts_and_lists_locked_accounts(ctx: Context) -> None:
    admin = factories.user(ctx, Role.ADMIN)
    advisor = factories.user(ctx, Role.ADVISOR)
    cohort = factories.cohort(ctx, advisors=(advisor,))
    locked, _ = factories.graduate(ctx, cohort)
    lapsed, _ = factories.graduate(ctx, cohort)
    gone = factories.user(ctx, Role.ADVISOR)
    archived = factories.cohort(ctx)
    now = ctx.clock.now()
    with ctx.unit_of_work() as session:
        session.execute(
            update(User)
            .where(User.id == locked.id)
            .values(failed_login_count=5, locked_until=now + timedelta(minutes=5))
        )
        # A lock that has run out is not a lock any more.
        session.execute(
            update(User)
            .where(User.id == lapsed.id)
            .values(failed_login_count=5, locked_until=now - timedelta(minutes=1))
        )
        session.execute(update(User).where(User.id == gone.id).values(is_active=False))
        session.execute(update(Cohort).where(Cohort.id == archived).values(archived_at=now))

    summary = overview.admin_summary(ctx, admin)
    assert summary.accounts_by_role == {Role.ADMIN: 1, Role.ADVISOR: 1, Role.GRADUATE: 2}
    assert summary.inactive_accounts == 1
    assert (summary.active_cohorts, summary.archived_cohorts) == (1, 1)
    assert [(a.email, a.failed_logins, a.role) for a in summary.locked] == [
        (locked.email, 5, Role.GRADUATE)
    ]
    assert summary.locked[0].locked_until == now + timedelta(minutes=5)


@pytest.mark.parametrize("role", [Role.ADVISOR, Role.GRADUATE])
def test_admin_summary_is_for_admins_only(ctx: Context, role: Role) -> None:
    with pytest.raises(AccessDenied):
        overview.admin_summary(ctx, factories.user(ctx, role))
