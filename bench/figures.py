"""The figures for one cohort, one advisor and everything, and the due-today list, each beside
its floor (bench/floors.py), on a built population."""

from __future__ import annotations

from collections import Counter
from typing import Any

from sqlalchemy import Engine, select

from bench import floors
from bench.measure import Result, paired
from bench.populations import Population
from networkit_core.actor import Actor
from networkit_core.clock import FixedClock
from networkit_core.context import Context
from networkit_core.figures.due import due_today
from networkit_core.figures.nudges import needs_nudge
from networkit_core.figures.rates import rates, rates_by
from networkit_core.figures.report import graduate_rows
from networkit_core.figures.scope import FigureScope
from networkit_core.figures.series import weekly_series
from networkit_core.models import User
from networkit_core.settings import Settings

FIGURES_TARGET = 2.0  # all-graduate figures within 2x the floor (issue 13)
LISTS_TARGET = 1.5  # one advisor's due-today and nudge lists within 1.5x (issue 22)


def run(engine: Engine, url: str, population: Population, rounds: int) -> list[Result]:
    settings = Settings(database_url=url)
    ctx = Context(engine, settings, FixedClock.on(population.today))
    with ctx.unit_of_work() as session:
        admin = Actor.of(session.get_one(User, population.admin_id))
        advisor = Actor.of(
            session.scalars(select(User).where(User.id == population.advisor_id)).one()
        )
    scopes = [
        (FigureScope.cohort(population.cohort_id), admin, floors.cohort(population.cohort_id)),
        (FigureScope.caseload(advisor.id), advisor, floors.caseload(advisor.id)),
        (FigureScope.everything(), admin, floors.everything()),
    ]
    where = (engine.dialect.name, population.size.name)
    results = []
    for scope, actor, floor_scope in scopes:

        def figures(scope: FigureScope = scope, actor: Actor = actor) -> tuple[Any, ...]:
            return (
                rates(ctx, actor, scope),
                rates_by(ctx, actor, scope),
                weekly_series(ctx, actor, scope),
            )

        def floor(floor_scope: floors.Scope = floor_scope) -> dict[str, list[Any]]:
            return floors.figure_families(engine, floor_scope, settings)

        _same_figures(figures(), floor(), floor_scope.name)
        everything = floor_scope.name == "everything"
        results.append(
            Result.of(
                where,
                f"figures, {floor_scope.name} (rates, per graduate, weekly)",
                paired(figures, floor, rounds),
                "3 hand-written GROUP BY statements",
                factor=FIGURES_TARGET if everything else None,
            )
        )

        def report(scope: FigureScope = scope, actor: Actor = actor) -> object:
            return graduate_rows(ctx, actor, scope)

        def report_floor(floor_scope: floors.Scope = floor_scope) -> object:
            return (
                floors.figure_families(engine, floor_scope, settings)["graduates"],
                floors.due_list(engine, floor_scope, settings, population.today),
            )

        results.append(
            Result.of(
                where,
                f"cohort-report rows, {floor_scope.name}",
                paired(report, report_floor, rounds),
                "per-graduate GROUP BY + due-today UNION ALL",
            )
        )

        results += lists(ctx, engine, population, (scope, actor, floor_scope), rounds)
    return results


def advisor_lists(engine: Engine, url: str, population: Population, rounds: int) -> list[Result]:
    """Only the due-today and needs-a-nudge lists of one advisor (`python -m bench.triage`)."""
    ctx = Context(engine, Settings(database_url=url), FixedClock.on(population.today))
    with ctx.unit_of_work() as session:
        advisor = Actor.of(session.get_one(User, population.advisor_id))
    mine = (FigureScope.caseload(advisor.id), advisor, floors.caseload(advisor.id))
    return lists(ctx, engine, population, mine, rounds)


def lists(
    ctx: Context,
    engine: Engine,
    population: Population,
    chosen: tuple[FigureScope, Actor, floors.Scope],
    rounds: int,
) -> list[Result]:
    """The due-today and needs-a-nudge lists of one scope, each beside its floor."""
    scope, actor, floor_scope = chosen
    settings = ctx.settings
    where = (engine.dialect.name, population.size.name)
    target = LISTS_TARGET if floor_scope.name == "one advisor" else None

    def due() -> list[Any]:
        return due_today(ctx, actor, scope)

    def due_floor() -> list[Any]:
        return floors.due_list(engine, floor_scope, settings, population.today)

    def nudges() -> list[Any]:
        return needs_nudge(ctx, actor, scope)

    def nudge_floor() -> list[Any]:
        return floors.nudge_list(engine, floor_scope, settings, population.today)

    found, floor_found = len(nudges()), len(nudge_floor())
    return [
        Result.of(
            where,
            f"due-today list, {floor_scope.name}",
            paired(due, due_floor, rounds),
            "one UNION ALL statement",
            factor=target,
            note=_same_due(due(), due_floor()),
        ),
        Result.of(
            where,
            f"needs-a-nudge list, {floor_scope.name}",
            paired(nudges, nudge_floor, rounds),
            "due UNION ALL + one nudges query",
            factor=target,
            note=f"{found} graduates"
            if found == floor_found
            else f"floor differs: core {found}, floor {floor_found} graduates",
        ),
    ]


def _same_figures(core: tuple[Any, ...], floor: dict[str, list[Any]], where: str) -> None:
    """The floor must compute what the core computes, or the comparison means nothing."""
    totals, by_graduate, weeks = core
    row = floor["totals"][0]
    assert (totals.completed, totals.followed_up) == (row.completed or 0, row.followed or 0), where
    assert sum(r.completed for r in by_graduate.values()) == sum(
        r.completed or 0 for r in floor["graduates"]
    ), where
    assert len(by_graduate) == len(floor["graduates"]), where
    assert sum(p.rates.completed for p in weeks) == sum(r.completed for r in floor["weeks"]), where


def _same_due(core: list[Any], floor: list[Any]) -> str:
    """The floor's items by reason against the core's; a difference is reported, not hidden."""
    mine = Counter(item.reason.value for item in core)
    theirs = Counter(row[3] for row in floor)
    if mine == theirs:
        return f"{len(core)} items"
    return f"floor differs: core {dict(mine)}, floor {dict(theirs)}"
