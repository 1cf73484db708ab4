"""Read-only summaries for each role's home page: what a user sees first after signing in."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import and_, func, not_, select
from sqlalchemy.orm import Session

from networkit_core.access import cohort_scope, interview_filter, own_graduate, require_role
from networkit_core.actor import Actor
from networkit_core.context import Context
from networkit_core.figures.due import DueItem, due_items
from networkit_core.models import (
    Cohort,
    Contact,
    Graduate,
    Interview,
    InterviewStatus,
    LocationType,
    Role,
    SignInThrottle,
    ThrottleScope,
    User,
)
from networkit_core.settings import Settings

HOME_LIST_LIMIT = 10


@dataclass(frozen=True)
class InterviewLine:
    interview_id: int
    public_id: str
    meeting_date: date
    contact_name: str
    contact_title: str
    organization: str
    location_type: LocationType
    status: InterviewStatus
    thank_you_sent_on: date | None


@dataclass(frozen=True)
class GraduateHome:
    cohort_name: str
    planned: int
    completed: int
    contacts: int
    upcoming: list[InterviewLine]
    recent: list[InterviewLine]
    # What the graduate should do next: the due-today items of their own record.
    due: list[DueItem]


@dataclass(frozen=True)
class CohortLine:
    cohort_id: int
    name: str
    graduates: int
    archived: bool


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


def graduate_home(ctx: Context, actor: Actor, limit: int = HOME_LIST_LIMIT) -> GraduateHome:
    """A graduate's own upcoming (planned, from today on) and most recent interviews."""
    require_role(actor, Role.GRADUATE)
    today = ctx.clock.today()
    with ctx.unit_of_work() as session:
        me = own_graduate(session, actor)
        scope = interview_filter(actor)
        upcoming_rule = and_(
            Interview.status == InterviewStatus.PLANNED, Interview.meeting_date >= today
        )
        counts = session.execute(
            select(
                func.count().filter(Interview.status == InterviewStatus.PLANNED),
                func.count().filter(Interview.status == InterviewStatus.COMPLETED),
            ).where(scope)
        ).one()
        contacts = session.scalar(
            select(func.count())
            .select_from(Contact)
            .where(Contact.graduate_id == me.id, Contact.deleted_at.is_(None))
        )
        upcoming = _lines(
            session,
            and_(scope, upcoming_rule),
            (
                Interview.meeting_date.asc(),
                Interview.meeting_time.asc().nulls_last(),
                Interview.id.asc(),
            ),
            limit,
        )
        recent = _lines(
            session,
            and_(scope, Interview.meeting_date <= today, not_(upcoming_rule)),
            (Interview.meeting_date.desc(), Interview.id.desc()),
            limit,
        )
        due = due_items(ctx, session, select(Graduate.id).where(Graduate.id == me.id))
        return GraduateHome(
            cohort_name=me.cohort.name,
            planned=counts[0],
            completed=counts[1],
            contacts=contacts or 0,
            upcoming=upcoming,
            recent=recent,
            due=due,
        )


def _lines(
    session: Session, where: object, order: tuple[object, ...], limit: int
) -> list[InterviewLine]:
    rows = session.execute(
        select(
            Interview.id,
            Interview.public_id,
            Interview.meeting_date,
            Contact.name,
            Contact.title,
            Contact.organization,
            Interview.location_type,
            Interview.status,
            Interview.thank_you_sent_on,
        )
        .join(Contact, Contact.id == Interview.contact_id)
        .where(where)  # type: ignore[arg-type]
        .order_by(*order)  # type: ignore[arg-type]
        .limit(limit)
    )
    return [InterviewLine(*row) for row in rows]


def coached_cohorts(ctx: Context, actor: Actor) -> list[CohortLine]:
    """The cohorts an advisor coaches (every cohort for an admin), with graduate counts."""
    require_role(actor, Role.ADVISOR, Role.ADMIN)
    with ctx.unit_of_work() as session:
        rows = session.execute(
            select(Cohort.id, Cohort.name, func.count(Graduate.id), Cohort.archived_at)
            .outerjoin(Graduate, Graduate.cohort_id == Cohort.id)
            .where(Cohort.id.in_(cohort_scope(actor)))
            .group_by(Cohort.id, Cohort.name, Cohort.archived_at)
            .order_by(Cohort.archived_at.is_not(None), Cohort.name)
        )
        return [
            CohortLine(cohort_id, name, graduates, archived_at is not None)
            for cohort_id, name, graduates, archived_at in rows
        ]


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
