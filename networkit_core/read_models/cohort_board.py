"""Everything the admin's cohorts page shows: the board in one call, and the graduates of the
cohort it opens in another (the page draws no one else's)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from networkit_core.access import graduate_scope, require_role
from networkit_core.actor import Actor
from networkit_core.context import Context
from networkit_core.figures.goals import GoalProgress, goal_progress
from networkit_core.models import Cohort, CohortAdvisor, Graduate, Role, User
from networkit_core.services.cohorts import CohortView


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


# The board's Core statements, made once (building one costs about as much as running it):
# every cohort with its graduate count, every assignment, every advisor account.
_HEADS = (
    select(Graduate.cohort_id, func.count().label("heads")).group_by(Graduate.cohort_id).subquery()
)
_COHORTS = (
    select(
        Cohort.id,
        Cohort.name,
        Cohort.description,
        Cohort.archived_at,
        func.coalesce(_HEADS.c.heads, 0),
        Cohort.version,
    )
    .outerjoin(_HEADS, _HEADS.c.cohort_id == Cohort.id)
    .order_by(Cohort.archived_at.is_not(None), Cohort.name)
)
_COACHES = select(CohortAdvisor.cohort_id, CohortAdvisor.advisor_id).order_by(
    CohortAdvisor.advisor_id
)
_ADVISORS = (
    select(User.id, User.first_name, User.last_name, User.email, User.is_active)
    .where(User.role == Role.ADVISOR)
    .order_by(User.last_name, User.first_name, User.id)
)


def cohort_board(ctx: Context, actor: Actor) -> CohortBoard:
    """Every cohort with its graduate count and advisors, every active advisor, the goals: read
    as columns in three SELECTs (and the goals'), not as Cohort and User objects."""
    require_role(actor, Role.ADMIN)
    with ctx.unit_of_work() as session:
        connection = session.connection()  # Core rows, in the unit of work's transaction
        rows = connection.execute(_COHORTS).all()
        coaches: dict[int, list[int]] = {}
        for cohort_id, advisor_id in connection.execute(_COACHES).all():
            coaches.setdefault(cohort_id, []).append(advisor_id)
        people = {
            user_id: Person(user_id, f"{first} {last}".strip(), email, active)
            for user_id, first, last, email, active in connection.execute(_ADVISORS).all()
        }
        lines = []
        for cohort_id, name, description, archived_at, count, version in rows:
            advisor_ids = tuple(coaches.get(cohort_id, ()))
            view = CohortView(
                cohort_id, name, description, archived_at is not None, count, advisor_ids, version
            )
            lines.append(CohortLine(view, tuple(people[i] for i in advisor_ids)))
        graduates = select(Graduate.id).where(Graduate.id.in_(graduate_scope(actor)))
        goals = goal_progress(ctx, session, graduates, [row[0] for row in rows])
        return CohortBoard(
            tuple(lines),
            tuple(person for person in people.values() if person.is_active),
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
