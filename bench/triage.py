"""The advisor's triage list (the dashboard's nudge list as a table: figures/triage.py) for a
caseload of 300 and of 2,000 graduates, beside its floor: the hand-written due UNION ALL and
nudges query of `bench/floors.nudge_list`, cut to the first page.

Two advisors are added to the population: one coaching the first cohorts up to 300 graduates,
one coaching every cohort (2,000 at M). `python -m bench.triage [--rounds N] [--database
postgresql]` builds M on a new SQLite database (or a schema of NETWORKIT_BENCH_DATABASE_URL) and
prints these figures and one advisor's due-today and nudge lists (bench/figures.py);
`bench/__main__.py` calls `run` for `make bench`.
"""

from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, func, select

from bench import figures, floors
from bench.databases import PG_ENV, database
from bench.measure import Result, paired
from bench.populations import Population, build
from networkit_core.actor import Actor
from networkit_core.clock import FixedClock
from networkit_core.context import Context
from networkit_core.figures.nudges import needs_nudge
from networkit_core.figures.scope import FigureScope
from networkit_core.figures.triage import PAGE_SIZE, triage
from networkit_core.models import Cohort, CohortAdvisor, Graduate, Role, User
from networkit_core.settings import Settings

TARGET = 1.5  # within 1.5x the floor (issue 21)
CASELOADS = (300, 2_000)


def _advisor_of(ctx: Context, graduates: int) -> tuple[Actor, int]:
    """A new advisor coaching the first cohorts, by id, until `graduates` are reached (all of
    them when fewer exist); the advisor and the graduates they coach."""
    with ctx.unit_of_work() as session:
        sizes = session.execute(
            select(Cohort.id, func.count(Graduate.id))
            .join(Graduate, Graduate.cohort_id == Cohort.id)
            .group_by(Cohort.id)
            .order_by(Cohort.id)
        ).all()
        advisor = User(
            email=f"triage-{graduates}@bench.example",
            first_name="Triage",
            last_name=str(graduates),
            role=Role.ADVISOR,
            password_hash=None,
            failed_login_count=0,
            is_active=True,
        )
        session.add(advisor)
        session.flush()
        coached = 0
        for cohort_id, size in sizes:
            if coached >= graduates:
                break
            session.add(
                CohortAdvisor(
                    cohort_id=cohort_id, advisor_id=advisor.id, assigned_at=ctx.clock.now()
                )
            )
            coached += size
        return Actor.of(advisor), coached


def run(engine: Engine, url: str, population: Population, rounds: int) -> list[Result]:
    settings = Settings(database_url=url)
    ctx = Context(engine, settings, FixedClock.on(population.today))
    where = (engine.dialect.name, population.size.name)
    results = []
    for size in CASELOADS:
        advisor, coached = _advisor_of(ctx, size)

        def core(advisor: Actor = advisor) -> object:
            lines = needs_nudge(ctx, advisor, FigureScope.caseload(advisor.id))
            return triage(lines, page=1)

        def floor(advisor: Actor = advisor) -> tuple[int, list[Any]]:
            rows = floors.nudge_list(
                engine, floors.caseload(advisor.id), settings, population.today
            )
            return len(rows), rows[:PAGE_SIZE]

        shown = triage(needs_nudge(ctx, advisor, FigureScope.caseload(advisor.id)))
        found, _ = floor()
        note = (
            f"{shown.everyone} on the list"
            if shown.everyone == found
            else f"floor differs: core {shown.everyone}, floor {found}"
        )
        results.append(
            Result.of(
                where,
                f"advisor's triage list, {coached} graduates (first page of {PAGE_SIZE})",
                paired(core, floor, rounds),
                "due UNION ALL + one nudges query, first page",
                factor=TARGET,
                note=note,
            )
        )
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.triage")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--size", default="M")
    parser.add_argument("--database", choices=("sqlite", "postgresql"), default="sqlite")
    args = parser.parse_args(argv)
    target = "sqlite"
    if args.database == "postgresql":
        target = os.environ.get(PG_ENV, "")
        if not target:
            parser.error(f"--database postgresql needs {PG_ENV} (see the README, Benchmarks)")
    with (
        tempfile.TemporaryDirectory() as folder,
        database(target, Path(folder), "triage") as (engine, url),
    ):
        population = build(engine, args.size)
        results = figures.advisor_lists(engine, url, population, args.rounds)
        results += run(engine, url, population, args.rounds)
    print(f"{'measure':<58} {'seconds':>8} {'floor':>8} {'ratio':>6}  target")
    for r in results:
        verdict = "met" if r.met else "NOT met"
        print(
            f"{r.measure:<58} {r.seconds:>8.3f} {r.floor or 0:>8.3f} {r.ratio or 0:>5.2f}x  "
            f"{r.target} {verdict} ({r.note})"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
