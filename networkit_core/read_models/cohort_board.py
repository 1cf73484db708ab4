"""Everything the admin's cohorts page shows: the board in one call, and the graduates of the
cohort it opens in another (the page draws no one else's)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from networkit_core.access import graduate_scope, require_role
from networkit_core.actor import Actor
from networkit_core.context import Context
from networkit_core.figures.goals import GoalProgress, goal_progress
from networkit_core.models import Cohort, Graduate, Role, User
from networkit_core.services.cohorts import CohortView, cohort_views


@dataclass(frozen=True)
class Person:
    id: int
    name: str
    email: str
    is_active: bool = True

    @property
    def label(self) -> str:
        return f"{self.name} ({self.email})" if self.name else self.email


@dataclass(frozen=True)
class CohortLine:
    cohort: CohortView
    advisors: tuple[Person, ...]


@dataclass(frozen=True)
class EnrolledGraduate:
    graduate_id: int
    person: Person
    cohort_id: int


@dataclass(frozen=True)
class CohortBoard:
    cohorts: tuple[CohortLine, ...]  # active ones by name, then archived ones by name
    advisors: tuple[Person, ...]  # every active advisor account, by name
    goals: tuple[GoalProgress, ...]


def _person(user: User) -> Person:
    return Person(user.id, user.display_name, user.email, user.is_active)


def cohort_board(ctx: Context, actor: Actor) -> CohortBoard:
    require_role(actor, Role.ADMIN)
    with ctx.unit_of_work() as session:
        cohorts = list(
            session.scalars(select(Cohort).order_by(Cohort.archived_at.is_not(None), Cohort.name))
        )
        views = cohort_views(session, cohorts)
        advisor_users = {
            user.id: user
            for user in session.scalars(
                select(User)
                .where(User.role == Role.ADVISOR)
                .order_by(User.last_name, User.first_name, User.id)
            )
        }
        lines = tuple(
            CohortLine(view, tuple(_person(advisor_users[i]) for i in view.advisor_ids))
            for view in views
        )
        graduates = select(Graduate.id).where(Graduate.id.in_(graduate_scope(actor)))
        goals = goal_progress(ctx, session, graduates, [c.id for c in cohorts])
        return CohortBoard(
            lines,
            tuple(_person(u) for u in advisor_users.values() if u.is_active),
            tuple(goals),
        )


def cohort_members(ctx: Context, actor: Actor, cohort_id: int) -> tuple[EnrolledGraduate, ...]:
    """The graduates of one cohort, by name. Read as columns, for the cohort the page opens only:
    every graduate as Graduate and User objects took most of the page's run (2,000 at M)."""
    require_role(actor, Role.ADMIN)
    with ctx.unit_of_work() as session:
        rows = session.execute(
            select(
                Graduate.id, User.id, User.first_name, User.last_name, User.email, User.is_active
            )
            .join(User, User.id == Graduate.user_id)
            .where(Graduate.cohort_id == cohort_id)
            .order_by(User.last_name, User.first_name, Graduate.id)
        )
        return tuple(
            EnrolledGraduate(
                graduate_id,
                Person(user_id, f"{first} {last}".strip(), email, active),
                cohort_id,
            )
            for graduate_id, user_id, first, last, email, active in rows
        )
