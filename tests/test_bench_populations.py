"""The benchmark's populations and floors are sound: population S is built as specified, the
hand-written floors compute what the core computes, and importing the population's own export
makes one contact per graduate and professional (no timings here: those are `make bench`)."""

from __future__ import annotations

import io

import pandas as pd
from sqlalchemy import delete, func, select

from bench import destinations, floors
from bench.figures import _same_figures
from bench.populations import SIZES, build
from networkit_core.actor import Actor
from networkit_core.context import Context
from networkit_core.figures.rates import rates, rates_by
from networkit_core.figures.scope import FigureScope
from networkit_core.figures.series import weekly_series
from networkit_core.interchange import export, import_now
from networkit_core.models import (
    ChecklistTick,
    Cohort,
    Contact,
    Destination,
    FollowUp,
    Graduate,
    Interview,
    User,
)
from tests.conftest import TODAY


def _count(ctx: Context, model: type) -> int:
    with ctx.unit_of_work() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def test_population_s_has_the_rows_it_promises(ctx: Context) -> None:
    population = build(ctx.engine, "S", today=TODAY)
    size = SIZES["S"]
    assert (_count(ctx, Cohort), _count(ctx, Graduate)) == (size.cohorts, size.graduates)
    assert _count(ctx, Interview) == size.interviews
    assert _count(ctx, FollowUp) == size.follow_ups
    assert population.rows["contacts"] == _count(ctx, Contact)
    with ctx.unit_of_work() as session:
        # A completed interview is never in the future, a follow-up never before its meeting.
        assert not session.scalar(
            select(func.count())
            .select_from(Interview)
            .where(Interview.status == "completed", Interview.meeting_date > TODAY)
        )
        assert not session.scalar(
            select(func.count())
            .select_from(FollowUp)
            .join(Interview, Interview.id == FollowUp.interview_id)
            .where(FollowUp.date <= Interview.meeting_date)
        )


def test_the_floors_compute_what_the_core_computes(ctx: Context) -> None:
    population = build(ctx.engine, "S", today=TODAY)
    with ctx.unit_of_work() as session:
        admin = Actor.of(session.get_one(User, population.admin_id))
    for scope, floor in [
        (FigureScope.everything(), floors.everything()),
        (FigureScope.cohort(population.cohort_id), floors.cohort(population.cohort_id)),
        (FigureScope.caseload(population.advisor_id), floors.caseload(population.advisor_id)),
    ]:
        core = (
            rates(ctx, admin, scope),
            rates_by(ctx, admin, scope),
            weekly_series(ctx, admin, scope),
        )
        _same_figures(core, floors.figure_families(ctx.engine, floor, ctx.settings), floor.name)


def test_importing_the_export_makes_one_contact_per_graduate_and_professional(
    ctx: Context,
) -> None:
    population = build(ctx.engine, "S", today=TODAY)
    with ctx.unit_of_work() as session:
        admin = Actor.of(session.get_one(User, population.admin_id))
    data = export(ctx, admin, "interviews")
    with ctx.unit_of_work() as session:
        for model in (FollowUp, ChecklistTick, Interview, Contact):
            session.execute(delete(model))

    import_now(ctx, admin, "interviews", data)
    frame = pd.read_csv(io.BytesIO(data), keep_default_na=False, dtype=str)
    pairs = frame[["graduate_email", "contact_name", "contact_organization"]].drop_duplicates()
    # A referrer the file names (contact_referred_by) who is met in no interview of the file
    # is a contact too, known by name.
    met = set(zip(frame.graduate_email, frame.contact_name.str.casefold(), strict=True))
    named = frame[frame.contact_referred_by != ""][["graduate_email", "contact_referred_by"]]
    referrers = {
        (email, name.casefold())
        for email, name in zip(named.graduate_email, named.contact_referred_by, strict=True)
    } - met
    assert _count(ctx, Contact) == len(pairs) + len(referrers) < len(frame)
    again = import_now(ctx, admin, "interviews", data)
    assert again.counts.unchanged == len(frame)
    assert _count(ctx, Contact) == len(pairs) + len(referrers)
    assert export(ctx, admin, "interviews") == data


def test_the_outcomes_and_evidence_floors_agree_with_the_core(ctx: Context) -> None:
    """bench/destinations.py seeds destinations into a population and times the outcomes and
    evidence figures beside hand-written floors; it checks that both count the same."""
    population = build(ctx.engine, "S", today=TODAY)
    results = destinations.run(ctx.engine, ctx.settings.database_url, population, rounds=1)
    assert [r.measure.split(",")[0] for r in results] == [
        "outcomes figures",
        "evidence figures",
    ] * 3
    assert destinations.seed_destinations(ctx.engine, TODAY) == 0  # seeded once
    assert _count(ctx, Destination) > population.size.graduates * 0.9
    with ctx.unit_of_work() as session:
        assert session.scalar(
            select(func.count()).where(Destination.found_through_interview_id.is_not(None))
        )
