"""Read-only summaries for each role's home page: what a user sees first after signing in."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from networkit_core.access import cohort_scope, require_role
from networkit_core.actor import Actor
from networkit_core.context import Context
from networkit_core.models import (
    Cohort,
    Role,
    SignInThrottle,
    ThrottleScope,
    User,
)
from networkit_core.services.cohorts import CohortView, cohort_views
from networkit_core.settings import Settings


@dataclass(frozen=True)
class LockedAccount:
    email: str
    name: str
    role: Role
    locked_until: datetime
    failed_logins: int


@dataclass(frozen=True)
class FailureBurst:
    """Many failed sign-ins for one e-mail (with or without an account) or from one address,
    within the throttle's window."""

    scope: ThrottleScope
    key: str
    failures: int
    first_at: datetime
    last_at: datetime
    locked_until: datetime | None
    has_account: bool


@dataclass(frozen=True)
class AdminSummary:
    accounts_by_role: dict[Role, int]
    inactive_accounts: int
    active_cohorts: int
    archived_cohorts: int
    locked: list[LockedAccount]
    bursts: list[FailureBurst]


# This many failures within the window make a burst worth an admin's look.
BURST_FAILURES = 3


def coached_cohorts(ctx: Context, actor: Actor) -> list[CohortView]:
    """The cohorts an advisor coaches (every cohort for an admin), active ones first."""
    require_role(actor, Role.ADVISOR, Role.ADMIN)
    with ctx.unit_of_work() as session:
        cohorts = session.scalars(
            select(Cohort)
            .where(Cohort.id.in_(cohort_scope(actor)))
            .order_by(Cohort.archived_at.is_not(None), Cohort.name)
        )
        return cohort_views(session, list(cohorts))


def admin_summary(ctx: Context, actor: Actor) -> AdminSummary:
    """Accounts by role, cohorts, and the accounts locked out right now."""
    require_role(actor, Role.ADMIN)
    now = ctx.clock.now()
    with ctx.unit_of_work() as session:
        by_role = dict(
            session.execute(
                select(User.role, func.count()).where(User.is_active.is_(True)).group_by(User.role)
            ).all()
        )
        inactive = session.scalar(
            select(func.count()).select_from(User).where(User.is_active.is_(False))
        )
        cohorts = session.execute(
            select(
                func.count().filter(Cohort.archived_at.is_(None)),
                func.count().filter(Cohort.archived_at.is_not(None)),
            ).select_from(Cohort)
        ).one()
        locked = session.execute(
            select(User)
            .where(User.locked_until.is_not(None), User.locked_until > now)
            .order_by(User.locked_until.desc(), User.email)
        ).scalars()
        bursts = _failure_bursts(session, ctx.settings, now)
        return AdminSummary(
            accounts_by_role={role: by_role.get(role, 0) for role in Role},
            inactive_accounts=inactive or 0,
            active_cohorts=cohorts[0],
            archived_cohorts=cohorts[1],
            locked=[
                LockedAccount(
                    user.email,
                    user.display_name,
                    user.role,
                    user.locked_until,  # type: ignore[arg-type]
                    user.failed_login_count,
                )
                for user in locked
            ],
            bursts=bursts,
        )


def _failure_bursts(session: Session, settings: Settings, now: datetime) -> list[FailureBurst]:
    since = now - timedelta(minutes=settings.throttle_window_minutes)
    rows = session.execute(
        select(SignInThrottle, User.id)
        .outerjoin(
            User,
            and_(SignInThrottle.scope == ThrottleScope.EMAIL, User.email == SignInThrottle.key),
        )
        .where(
            SignInThrottle.last_failure_at > since,
            SignInThrottle.window_failures >= BURST_FAILURES,
        )
        .order_by(SignInThrottle.window_failures.desc(), SignInThrottle.key)
    ).all()
    return [
        FailureBurst(
            row.scope,
            row.key,
            row.window_failures,
            row.window_started_at,
            row.last_failure_at,
            row.locked_until if row.locked_until and row.locked_until > now else None,
            user_id is not None,
        )
        for row, user_id in rows
    ]
