"""The home-page summaries: each is scoped to the acting user and refuses other roles."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import update

from networkit_core.context import Context
from networkit_core.errors import AccessDenied
from networkit_core.models import Cohort, Role, User
from networkit_core.read_models import overview
from tests import factories


def test_advisor_sees_only_the_cohorts_they_coach(ctx: Context) -> None:
    advisor = factories.user(ctx, Role.ADVISOR)
    other = factories.user(ctx, Role.ADVISOR)
    mine = factories.cohort(ctx, "B cohort", advisors=(advisor,))
    empty = factories.cohort(ctx, "A cohort", advisors=(advisor, other))
    factories.cohort(ctx, "Not mine", advisors=(other,))
    for _ in range(3):
        factories.graduate(ctx, mine)
    assert [(c.name, c.graduate_count) for c in overview.coached_cohorts(ctx, advisor)] == [
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
