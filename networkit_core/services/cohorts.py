"""Cohorts: making and archiving them, who coaches which, moving graduates, goals."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from networkit_core import audit_log, bounds
from networkit_core.access import (
    cohort_scope,
    get_cohort,
    get_goal,
    get_graduate,
    get_user,
    require_role,
)
from networkit_core.actor import Actor
from networkit_core.context import Context
from networkit_core.errors import InvalidInput
from networkit_core.figures.goals import goal_name
from networkit_core.models import (
    Cohort,
    CohortAdvisor,
    CohortGoal,
    GoalMetric,
    Graduate,
    Role,
)
from networkit_core.services._input import a_date, choice, required_text, text_or_empty
from networkit_core.services._versions import refuse_stale, saving, versioned

# Goals on these metrics are fractions from 0 to 1; the others are counts.
RATE_METRICS = frozenset(GoalMetric) - {GoalMetric.INTERVIEWS_COMPLETED_PER_GRADUATE}


@dataclass(frozen=True)
class CohortView:
    id: int
    name: str
    description: str
    archived: bool
    graduate_count: int
    advisor_ids: tuple[int, ...]
    version: int = 1  # the version read: a save over a newer one is refused


@dataclass(frozen=True)
class GoalView:
    id: int
    cohort_id: int
    metric: GoalMetric
    target: float
    due_on: date | None
    set_by_id: int | None
    version: int = 1  # the version read: a save over a newer one is refused


@dataclass(frozen=True)
class GraduateView:
    id: int
    user_id: int
    cohort_id: int
    program: str
    graduation_year: int | None


def _graduate_view(graduate: Graduate) -> GraduateView:
    return GraduateView(
        graduate.id,
        graduate.user_id,
        graduate.cohort_id,
        graduate.program,
        graduate.graduation_year,
    )


@audit_log.refusals_logged("create", "cohort", detail=lambda **asked: {"name": asked.get("name")})
def create_cohort(ctx: Context, actor: Actor, *, name: str, description: str = "") -> CohortView:
    require_role(actor, Role.ADMIN)
    with ctx.unit_of_work() as session:
        cohort = Cohort(
            name=_unique_cohort_name(session, name, None),
            description=text_or_empty(description, "description", bounds.DESCRIPTION),
        )
        session.add(cohort)
        session.flush()
        audit_log.record(session, actor, "create", "cohort", cohort.id, name=cohort.name)
        return cohort_view(session, cohort)


@audit_log.refusals_logged("rename", "cohort")
def rename_cohort(
    ctx: Context,
    actor: Actor,
    cohort_id: int,
    *,
    name: str,
    description: str | None = None,
    expected_version: int | None = None,
) -> CohortView:
    """A new name (and description), over the version the caller read (`expected_version`)."""
    require_role(actor, Role.ADMIN)
    mine = {"name": name, **({} if description is None else {"description": description})}

    with saving(
        ctx, "cohort", get_cohort, actor, cohort_id, cohort_view, mine, expected_version
    ) as (session, cohort):
        cohort.name = _unique_cohort_name(session, name, cohort.id)
        if description is not None:
            cohort.description = text_or_empty(description, "description", bounds.DESCRIPTION)
        session.flush()
        audit_log.record(session, actor, "rename", "cohort", cohort.id, name=cohort.name)
        return cohort_view(session, cohort)


def _unique_cohort_name(session: Session, raw: str, cohort_id: int | None) -> str:
    name = required_text(raw, "cohort name", bounds.COHORT_NAME)
    clash = session.scalar(
        select(Cohort.id).where(
            func.lower(Cohort.name) == name.lower(), Cohort.id != (cohort_id or 0)
        )
    )
    if clash is not None:
        raise InvalidInput(f"A cohort named {name!r} already exists.", "name")
    return name


@audit_log.refusals_logged("archive", "cohort")
def archive_cohort(ctx: Context, actor: Actor, cohort_id: int) -> CohortView:
    """Archived cohorts leave the lists; their graduates and history stay."""
    return _set_archived(ctx, actor, cohort_id, True)


@audit_log.refusals_logged("unarchive", "cohort")
def unarchive_cohort(ctx: Context, actor: Actor, cohort_id: int) -> CohortView:
    return _set_archived(ctx, actor, cohort_id, False)


def _set_archived(ctx: Context, actor: Actor, cohort_id: int, archived: bool) -> CohortView:
    require_role(actor, Role.ADMIN)
    with ctx.unit_of_work() as session:
        cohort = get_cohort(session, actor, cohort_id, for_write=True)
        cohort.archived_at = ctx.clock.now() if archived else None
        session.flush()
        audit_log.record(
            session, actor, "archive" if archived else "unarchive", "cohort", cohort.id
        )
        return cohort_view(session, cohort)


@audit_log.refusals_logged("assign_advisor", "cohort")
def assign_advisor(ctx: Context, actor: Actor, cohort_id: int, advisor_id: int) -> CohortView:
    """The advisor now coaches the cohort (and sees its graduates)."""
    require_role(actor, Role.ADMIN)
    with ctx.unit_of_work() as session:
        cohort = get_cohort(session, actor, cohort_id, for_write=True)
        advisor = get_user(session, actor, advisor_id)
        if advisor.role is not Role.ADVISOR:
            raise InvalidInput(
                f"{advisor.display_name} is a {advisor.role.value}: only advisors coach cohorts.",
                "advisor",
            )
        if session.get(CohortAdvisor, (cohort.id, advisor.id)) is None:
            session.add(
                CohortAdvisor(
                    cohort_id=cohort.id, advisor_id=advisor.id, assigned_at=ctx.clock.now()
                )
            )
            session.flush()
            audit_log.record(
                session, actor, "assign_advisor", "cohort", cohort.id, advisor_id=advisor.id
            )
        return cohort_view(session, cohort)


@audit_log.refusals_logged("unassign_advisor", "cohort")
def unassign_advisor(ctx: Context, actor: Actor, cohort_id: int, advisor_id: int) -> CohortView:
    require_role(actor, Role.ADMIN)
    with ctx.unit_of_work() as session:
        cohort = get_cohort(session, actor, cohort_id, for_write=True)
        advisor = get_user(session, actor, advisor_id)
        session.execute(
            delete(CohortAdvisor).where(
                CohortAdvisor.cohort_id == cohort.id, CohortAdvisor.advisor_id == advisor.id
            )
        )
        audit_log.record(
            session, actor, "unassign_advisor", "cohort", cohort.id, advisor_id=advisor.id
        )
        return cohort_view(session, cohort)


@audit_log.refusals_logged("move", "graduate")
def move_graduate(ctx: Context, actor: Actor, graduate_id: int, cohort_id: int) -> GraduateView:
    require_role(actor, Role.ADMIN)
    with ctx.unit_of_work() as session:
        graduate = get_graduate(session, actor, graduate_id)
        cohort = get_cohort(session, actor, cohort_id, for_write=True)
        before = graduate.cohort_id
        graduate.cohort_id = cohort.id
        session.flush()
        audit_log.record(
            session, actor, "move", "graduate", graduate.id, cohort_id=cohort.id, was=before
        )
        return _graduate_view(graduate)


def cohort_view(session: Session, cohort: Cohort) -> CohortView:
    return cohort_views(session, [cohort])[0]


def cohort_views(session: Session, cohorts: list[Cohort]) -> list[CohortView]:
    """Views of `cohorts`, graduate counts and advisors fetched in two queries."""
    ids = [cohort.id for cohort in cohorts]
    graduates = {
        cohort_id: count
        for cohort_id, count in session.execute(
            select(Graduate.cohort_id, func.count())
            .where(Graduate.cohort_id.in_(ids))
            .group_by(Graduate.cohort_id)
        )
    }
    advisors: dict[int, list[int]] = {cohort_id: [] for cohort_id in ids}
    for cohort_id, advisor_id in session.execute(
        select(CohortAdvisor.cohort_id, CohortAdvisor.advisor_id)
        .where(CohortAdvisor.cohort_id.in_(ids))
        .order_by(CohortAdvisor.advisor_id)
    ):
        advisors[cohort_id].append(advisor_id)
    return [
        CohortView(
            cohort.id,
            cohort.name,
            cohort.description,
            cohort.archived_at is not None,
            graduates.get(cohort.id, 0),
            tuple(advisors[cohort.id]),
            cohort.version,
        )
        for cohort in cohorts
    ]


def _goal_in(_session: Session, goal: CohortGoal) -> GoalView:
    return _goal_view(goal)


def _goal_view(goal: CohortGoal) -> GoalView:
    return GoalView(
        goal.id, goal.cohort_id, goal.metric, goal.target, goal.due_on, goal.set_by_id, goal.version
    )


def list_cohorts(ctx: Context, actor: Actor, *, include_archived: bool = False) -> list[CohortView]:
    """The cohorts the actor may see (`access.cohort_scope`)."""
    with ctx.unit_of_work() as session:
        query = select(Cohort).where(Cohort.id.in_(cohort_scope(actor))).order_by(Cohort.name)
        if not include_archived:
            query = query.where(Cohort.archived_at.is_(None))
        return cohort_views(session, list(session.scalars(query)))


def cohort_names(ctx: Context, actor: Actor) -> list[str]:
    """The names of the cohorts the actor may see, archived ones too, by name: what a filter
    offers (one SELECT, where `list_cohorts` also counts graduates and reads advisors)."""
    with ctx.unit_of_work() as session:
        return list(
            session.scalars(
                select(Cohort.name).where(Cohort.id.in_(cohort_scope(actor))).order_by(Cohort.name)
            )
        )


@audit_log.refusals_logged("set_goal", "cohort")
def set_cohort_goal(
    ctx: Context,
    actor: Actor,
    cohort_id: int,
    *,
    metric: GoalMetric | str,
    target: float,
    due_on: date | str | None = None,
    expected_version: int | None = None,
) -> GoalView:
    """Set (or replace) the cohort's goal on one metric, over the version of it the caller read
    (`expected_version`; 0 when they read none)."""
    what = choice(GoalMetric, metric, "metric")
    if (
        isinstance(target, bool)
        or not isinstance(target, int | float)
        or not math.isfinite(target)
        or target < 0
    ):
        raise InvalidInput(f"The target must be a number of 0 or more, not {target!r}.", "target")
    if what in RATE_METRICS and target > 1:
        raise InvalidInput(
            f"A target for {goal_name(what)} is a fraction from 0 to 1 "
            f"(0.8 for 80%), not {target}.",
            "target",
        )
    due = None if due_on in (None, "") else a_date(due_on, "due_on", today=ctx.clock.today())
    mine = {"metric": what, "target": float(target), "due_on": due}

    def current(session: Session) -> GoalView | None:
        goal = _goal_on(session, actor, cohort_id, what)
        return _goal_view(goal) if goal is not None else None

    with versioned(ctx, "goal", mine, current) as session:
        cohort = get_cohort(session, actor, cohort_id, for_write=True)
        goal = _goal_on(session, actor, cohort.id, what)
        refuse_stale(
            "goal", goal.version if goal else 0, expected_version, mine, lambda: current(session)
        )
        if goal is None:
            goal = CohortGoal(cohort_id=cohort.id, metric=what, target=float(target))
            session.add(goal)
        goal.target = float(target)
        goal.due_on = due
        goal.set_by_id = actor.id
        session.flush()
        audit_log.record(
            session,
            actor,
            "set_goal",
            "cohort_goal",
            goal.id,
            cohort_id=cohort.id,
            metric=what.value,
            target=float(target),
        )
        return _goal_view(goal)


def _goal_on(
    session: Session, actor: Actor, cohort_id: int, metric: GoalMetric
) -> CohortGoal | None:
    return session.scalar(
        select(CohortGoal).where(
            CohortGoal.cohort_id == get_cohort(session, actor, cohort_id).id,
            CohortGoal.metric == metric,
        )
    )


@audit_log.refusals_logged("delete", "cohort_goal")
def remove_cohort_goal(
    ctx: Context, actor: Actor, goal_id: int, *, expected_version: int | None = None
) -> GoalView:
    with saving(
        ctx, "goal", get_goal, actor, goal_id, _goal_in, {"deleted": True}, expected_version
    ) as (session, goal):
        view = _goal_view(goal)
        session.delete(goal)
        audit_log.record(session, actor, "delete", "cohort_goal", goal_id, cohort_id=view.cohort_id)
        return view
