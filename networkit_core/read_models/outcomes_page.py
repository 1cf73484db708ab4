"""The outcomes page (/outcomes) in one call: where the graduates in reach landed, overall,
by cohort and by graduation year (advisors: their cohorts; admins: all)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from networkit_core.access import cohort_scope, require_role
from networkit_core.actor import Actor
from networkit_core.context import Context
from networkit_core.errors import AccessDenied
from networkit_core.figures.outcomes import (
    NACE_KNOWLEDGE_TARGET,
    OutcomeFigures,
    OutcomeGroup,
    outcomes_three_ways,
)
from networkit_core.figures.scope import FigureScope
from networkit_core.models import Cohort, Role
from networkit_core.read_models.dashboard import CohortChoice


@dataclass(frozen=True)
class OutcomesPage:
    cohorts: tuple[CohortChoice, ...]  # every cohort in reach, by name
    cohort: CohortChoice | None  # None: all of them
    today: date
    overall: OutcomeFigures
    by_cohort: tuple[OutcomeGroup, ...]
    by_year: tuple[OutcomeGroup, ...]
    nace_target: float


def cohorts_in_reach(session: Session, actor: Actor) -> tuple[CohortChoice, ...]:
    return tuple(
        CohortChoice(row.id, row.name, row.archived_at is not None)
        for row in session.execute(
            select(Cohort.id, Cohort.name, Cohort.archived_at)
            .where(Cohort.id.in_(cohort_scope(actor)))
            .order_by(Cohort.name)
        )
    )


def chosen_cohort(
    cohorts: tuple[CohortChoice, ...], name: str | None
) -> tuple[CohortChoice | None, FigureScope]:
    """The cohort asked for by name (one out of reach is refused as a missing one is), and the
    figures' scope: that cohort, or everything the actor may read."""
    if name is None:
        return None, FigureScope.everything()
    picked = next((choice for choice in cohorts if choice.name == name), None)
    if picked is None:
        raise AccessDenied("cohort")
    return picked, FigureScope.cohort(picked.id)


def outcomes_page(
    ctx: Context, actor: Actor, *, cohort: str | None = None, today: date | None = None
) -> OutcomesPage:
    require_role(actor, Role.ADVISOR, Role.ADMIN)
    today = today or ctx.clock.today()
    with ctx.unit_of_work() as session:
        cohorts = cohorts_in_reach(session, actor)
    picked, scope = chosen_cohort(cohorts, cohort)
    overall, by_cohort, by_year = outcomes_three_ways(ctx, actor, scope, today=today)
    return OutcomesPage(
        cohorts=cohorts,
        cohort=picked,
        today=today,
        overall=overall,
        by_cohort=by_cohort,
        by_year=by_year,
        nace_target=NACE_KNOWLEDGE_TARGET,
    )
