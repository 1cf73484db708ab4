"""Admin: accounts, lockouts, cohorts, advisor assignments, enrolment."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from networkit_core.clock import FixedClock
from networkit_core.context import Context
from networkit_core.errors import AccessDenied, AuthenticationFailed, InvalidInput
from networkit_core.models import AuditEntry, Role
from networkit_core.services import accounts, coaching, cohorts
from networkit_core.services.accounts import admin
from tests import factories


def test_accounts(ctx: Context) -> None:
    boss = factories.user(ctx, Role.ADMIN)
    created = admin.create_account(
        ctx, boss, email="New.Advisor@Example.org", first_name="Nia", role="advisor"
    )
    assert (created.email, created.role, created.has_password) == (
        "new.advisor@example.org",
        Role.ADVISOR,
        False,
    )
    with pytest.raises(InvalidInput, match="use one of admin, advisor, graduate"):
        admin.create_account(ctx, boss, email="x@example.org", first_name="X", role="boss")
    # Names longer than their columns are refused by name, not by a database error.
    with pytest.raises(InvalidInput, match="first name is too long: at most 80"):
        admin.create_account(ctx, boss, email="y@example.org", first_name="Y" * 81, role="advisor")
    with pytest.raises(InvalidInput, match="last name is too long"):
        admin.create_account(
            ctx, boss, email="y@example.org", first_name="Y", last_name="Z" * 81, role="advisor"
        )
    assert {u.email for u in admin.list_users(ctx, boss, role="advisor")} == {created.email}
    admin.reset_password(ctx, boss, created.id, "a brand new secret")
    assert accounts.authenticate(ctx, created.email, "a brand new secret").id == created.id
    assert not admin.deactivate_user(ctx, boss, created.id).is_active
    with pytest.raises(AuthenticationFailed):
        accounts.authenticate(ctx, created.email, "a brand new secret")
    admin.reactivate_user(ctx, boss, created.id)
    with pytest.raises(InvalidInput, match="cannot deactivate your own account"):
        admin.deactivate_user(ctx, boss, boss.id)
    with pytest.raises(InvalidInput, match="at least 10 characters"):
        admin.reset_password(ctx, boss, created.id, "short")


def test_unlock_clears_the_lockout(ctx: Context) -> None:
    boss = factories.user(ctx, Role.ADMIN)
    locked = factories.user(ctx, Role.GRADUATE, password=factories.PASSWORD)
    clock = FixedClock(ctx.clock.now())
    ctx = Context(ctx.engine, ctx.settings, clock)
    for _ in range(ctx.settings.max_failed_logins):
        with pytest.raises(AuthenticationFailed):
            accounts.authenticate(ctx, locked.email, "a wrong guess")
        clock.instant += timedelta(seconds=30)  # past each growing delay
    with pytest.raises(AuthenticationFailed, match="locked"):
        accounts.authenticate(ctx, locked.email, factories.PASSWORD)
    view = admin.unlock_user(ctx, boss, locked.id)
    assert (view.failed_login_count, view.locked_until) == (0, None)
    assert accounts.authenticate(ctx, locked.email, factories.PASSWORD).id == locked.id
    with ctx.unit_of_work() as session:
        assert (
            session.scalar(select(AuditEntry.actor_id).where(AuditEntry.action == "unlock"))
            == boss.id
        )


def test_cohorts_advisors_and_enrolment(ctx: Context) -> None:
    boss = factories.user(ctx, Role.ADMIN)
    advisor = factories.user(ctx, Role.ADVISOR)
    spring = cohorts.create_cohort(ctx, boss, name="Spring 2026", description="Business")
    with pytest.raises(InvalidInput, match="already exists"):
        cohorts.create_cohort(ctx, boss, name="spring 2026")
    autumn = cohorts.create_cohort(ctx, boss, name="Autumn")
    assert cohorts.rename_cohort(ctx, boss, autumn.id, name="Autumn 2026").name == "Autumn 2026"

    newcomer, enrolled_id = factories.graduate(ctx, spring.id)
    with pytest.raises(InvalidInput, match="only advisors coach cohorts"):
        cohorts.assign_advisor(ctx, boss, spring.id, newcomer.id)
    assert cohorts.assign_advisor(ctx, boss, spring.id, advisor.id).advisor_ids == (advisor.id,)
    # The advisor now reaches the graduate; after the move, no longer.
    assert coaching.graduate_timeline(ctx, advisor, enrolled_id).entries == ()
    moved = cohorts.move_graduate(ctx, boss, enrolled_id, autumn.id)
    assert moved.cohort_id == autumn.id
    with pytest.raises(AccessDenied):
        coaching.graduate_timeline(ctx, advisor, enrolled_id)
    # Lists gather counts for all rows at once; each row keeps its own.
    by_name = {c.name: c for c in cohorts.list_cohorts(ctx, boss)}
    assert (by_name["Spring 2026"].graduate_count, by_name["Spring 2026"].advisor_ids) == (
        0,
        (advisor.id,),
    )
    assert (by_name["Autumn 2026"].graduate_count, by_name["Autumn 2026"].advisor_ids) == (1, ())
    graduate_ids = {u.id: u.graduate_id for u in admin.list_users(ctx, boss)}
    assert (graduate_ids[newcomer.id], graduate_ids[advisor.id]) == (enrolled_id, None)
    # The names a report's filter offers: an advisor's own cohorts only, the admin's all.
    assert cohorts.cohort_names(ctx, advisor) == ["Spring 2026"]
    assert cohorts.cohort_names(ctx, boss) == ["Autumn 2026", "Spring 2026"]
    cohorts.unassign_advisor(ctx, boss, spring.id, advisor.id)
    assert cohorts.list_cohorts(ctx, advisor) == []
    assert cohorts.cohort_names(ctx, advisor) == []

    cohorts.archive_cohort(ctx, boss, spring.id)
    assert [c.name for c in cohorts.list_cohorts(ctx, boss)] == ["Autumn 2026"]
    assert {c.name for c in cohorts.list_cohorts(ctx, boss, include_archived=True)} == {
        "Autumn 2026",
        "Spring 2026",
    }
    assert cohorts.cohort_names(ctx, boss) == ["Autumn 2026", "Spring 2026"]  # archived too
    assert not cohorts.unarchive_cohort(ctx, boss, spring.id).archived
