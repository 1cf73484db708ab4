"""Outcomes figures (issue 19) against a plain-Python reading of DESIGN.md, on SQLite and
PostgreSQL: knowledge rate, career-outcomes rate, found through networking, the breakdown by
status, and the time to destination (Kaplan-Meier; still seeking censored at today, not
dropped), for the whole scope, per cohort and per graduation year, and as an advisor sees them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from networkit_core.actor import Actor
from networkit_core.context import Context
from networkit_core.errors import AccessDenied
from networkit_core.figures.outcomes import (
    OutcomeFigures,
    OutcomesBy,
    Spell,
    outcomes,
    outcomes_by,
    outcomes_three_ways,
    time_to_destination,
)
from networkit_core.figures.scope import FigureScope
from networkit_core.models import (
    Destination,
    DestinationSource,
    DestinationStatus,
    Graduate,
    Role,
)
from tests import factories
from tests.conftest import TODAY
from tests.test_figures_properties import reset

S = DestinationStatus
LANDED = {S.EMPLOYED_FULL_TIME, S.EMPLOYED_PART_TIME, S.CONTINUING_EDUCATION, S.SERVICE, S.MILITARY}
EMPLOYED = {S.EMPLOYED_FULL_TIME, S.EMPLOYED_PART_TIME}


@dataclass
class Record:
    status: DestinationStatus
    recorded_offset: int  # days from TODAY (later than today: not recorded yet)
    start_offset: int | None  # days after graduation
    through: bool


@dataclass
class Grad:
    cohort: int
    year: int | None
    date_offset: int | None  # graduation_date as days after 31 May of the year; None: no date
    records: list[Record] = field(default_factory=list)
    db_id: int = 0

    @property
    def graduated(self) -> date | None:
        if self.year is None:
            return None
        may = date(self.year, 5, 31)
        return may if self.date_offset is None else may + timedelta(self.date_offset)

    def current(self, today: date) -> Record | None:
        # Newest recorded by today; ties by insertion order (the later row wins).
        made = [(r.recorded_offset, n, r) for n, r in enumerate(self.records)]
        made = [m for m in made if TODAY + timedelta(m[0]) <= today]
        return max(made, key=lambda m: (m[0], m[1]))[2] if made else None


records = st.builds(
    Record,
    status=st.sampled_from(list(S)),
    recorded_offset=st.integers(-400, 30),
    start_offset=st.one_of(st.none(), st.integers(-30, 300)),
    through=st.booleans(),
)
grads = st.builds(
    Grad,
    cohort=st.integers(0, 1),
    year=st.sampled_from([2024, 2025, None]),
    date_offset=st.one_of(st.none(), st.integers(-20, 20)),
    records=st.lists(records, max_size=3),
)


def build(ctx: Context, population: list[Grad]) -> tuple[list[int], Actor]:
    advisor = factories.user(ctx, Role.ADVISOR)
    cohorts = [factories.cohort(ctx, advisors=(advisor,)), factories.cohort(ctx)]
    actors = [factories.user(ctx, Role.GRADUATE) for _ in population]
    with ctx.unit_of_work() as session:
        for actor, grad in zip(actors, population, strict=True):
            record = Graduate(
                user_id=actor.id,
                cohort_id=cohorts[grad.cohort],
                graduation_year=grad.year,
                graduation_date=grad.graduated if grad.date_offset is not None else None,
            )
            session.add(record)
            session.flush()
            grad.db_id = record.id
    for grad in population:
        for rec in grad.records:
            through_id = None
            if rec.through:
                through_id = factories.interview(ctx, grad.db_id, days_ago=400)
            graduated = grad.graduated or date(2025, 5, 31)
            start = None if rec.start_offset is None else graduated + timedelta(rec.start_offset)
            with ctx.unit_of_work() as session:
                session.add(
                    Destination(
                        graduate_id=grad.db_id,
                        status=rec.status,
                        start_date=start,
                        recorded_on=TODAY + timedelta(rec.recorded_offset),
                        source=DestinationSource.IMPORT,
                        found_through_interview_id=through_id,
                    )
                )
    return cohorts, advisor


def ratio(k: int, n: int) -> float | None:
    return None if n == 0 else k / n


def reference_spells(group: list[Grad], today: date) -> list[tuple[int, bool]]:
    spells = []
    for grad in group:
        rec = grad.current(today)
        graduated = grad.graduated
        if rec is None or graduated is None:
            continue
        if rec.status is S.STILL_SEEKING:
            spells.append((max(0, (today - graduated).days), False))
        elif rec.status in LANDED and rec.start_offset is not None:
            start = graduated + timedelta(rec.start_offset)
            spells.append((max(0, (start - graduated).days), True))
    return spells


def reference_median(spells: list[tuple[int, bool]]) -> float | None:
    """Product-limit estimate; the median is the first day on which the share still seeking
    falls below one half (the convention of statsmodels and SAS)."""
    survival = 1.0
    for day in sorted({d for d, landed in spells if landed}):
        at_risk = sum(1 for d, _ in spells if d >= day)
        events = sum(1 for d, landed in spells if landed and d == day)
        survival *= 1 - events / at_risk
        if survival < 0.5 - 1e-12:
            return float(day)
    return None


def check(figures: OutcomeFigures, group: list[Grad], today: date, where: str) -> None:
    current = [g.current(today) for g in group]
    known = [r for r in current if r is not None]
    assert figures.graduates == len(group), where
    assert figures.with_destination == len(known), where
    assert figures.knowledge_rate == ratio(len(known), len(group)), where
    landed = [r for r in known if r.status in LANDED]
    seeking_or_placed = [r for r in known if r.status is not S.NOT_SEEKING]
    assert figures.career_outcomes_rate == ratio(len(landed), len(seeking_or_placed)), where
    employed = [r for r in known if r.status in EMPLOYED]
    through = [r for r in employed if r.through]
    assert figures.found_through_networking == ratio(len(through), len(employed)), where
    assert {c.status: c.graduates for c in figures.by_status} == {
        status: sum(1 for r in known if r.status is status) for status in S
    }, where
    spells = reference_spells(group, today)
    time = figures.time_to_destination
    assert time.graduates == len(spells), where
    assert time.landed == sum(1 for _, landed in spells if landed), where
    assert time.still_seeking == sum(1 for _, landed in spells if not landed), where
    assert time.median_days == reference_median(spells), where
    if time.median_days is not None:
        assert time.median_low is None or time.median_low <= time.median_days
        assert time.median_high is None or time.median_high >= time.median_days
    for point in time.curve:
        assert 0.0 <= point.low <= point.landed + 1e-9 <= point.high + 2e-9 <= 1.0 + 3e-9, where


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(population=st.lists(grads, max_size=10), back=st.sampled_from([0, 45]))
def test_outcomes_match_the_reference(ctx: Context, population: list[Grad], back: int) -> None:
    reset(ctx)
    cohorts, advisor = build(ctx, population)
    admin = factories.user(ctx, Role.ADMIN)
    today = TODAY - timedelta(back)
    everything = FigureScope.everything()
    check(outcomes(ctx, admin, everything, today=today), population, today, "all")
    # The advisor coaches the first cohort only: the second's destinations never reach them.
    coached = [g for g in population if g.cohort == 0]
    check(outcomes(ctx, advisor, everything, today=today), coached, today, "advisor")
    for group in outcomes_by(ctx, advisor, everything, by=OutcomesBy.COHORT, today=today):
        assert group.cohort_id == cohorts[0]
    for group in outcomes_by(ctx, admin, everything, by=OutcomesBy.COHORT_AND_YEAR, today=today):
        members = [
            g
            for g in population
            if cohorts[g.cohort] == group.cohort_id and g.year == group.graduation_year
        ]
        assert members, group
        check(group.figures, members, today, f"{group.cohort_id}/{group.graduation_year}")
    years = outcomes_by(ctx, admin, everything, by=OutcomesBy.GRADUATION_YEAR, today=today)
    assert {g.graduation_year for g in years} == {g.year for g in population}
    for group in years:
        members = [g for g in population if g.year == group.graduation_year]
        check(group.figures, members, today, f"year {group.graduation_year}")
    # The page's one read, folded three ways, is the three figures read one by one.
    for who in (admin, advisor):
        assert outcomes_three_ways(ctx, who, everything, today=today) == (
            outcomes(ctx, who, everything, today=today),
            outcomes_by(ctx, who, everything, by=OutcomesBy.COHORT, today=today),
            outcomes_by(ctx, who, everything, by=OutcomesBy.GRADUATION_YEAR, today=today),
        )


def test_still_seeking_graduates_are_censored_not_dropped(ctx: Context) -> None:
    """Four landed at 30, 60, 90, 120 days; four still seeking at 200 days. Dropping the
    seekers would put the median at 60 days; censoring them, fewer than half have landed."""
    spells = [Spell(d, True) for d in (30, 60, 90, 120)] + [Spell(200, False)] * 4
    time = time_to_destination(spells)
    assert (time.landed, time.still_seeking) == (4, 4)
    assert time.median_days is None
    assert time.curve[-1].landed == pytest.approx(0.5)
    assert time.curve[-1].day == 200  # the curve runs on to the last graduate followed
    dropped = time_to_destination([Spell(d, True) for d in (30, 60, 90, 120)])
    assert dropped.median_days == 90.0  # first day under one half still seeking (SAS, statsmodels)
    one_seeker = time_to_destination(spells[:5])
    assert one_seeker.median_days == 90.0
    assert one_seeker.curve[-1].landed == pytest.approx(0.8)


def test_empty_scope_and_nobody_landed(ctx: Context) -> None:
    admin = factories.user(ctx, Role.ADMIN)
    nothing = outcomes(ctx, admin, FigureScope.everything())
    assert (nothing.graduates, nothing.knowledge_rate, nothing.career_outcomes_rate) == (
        0,
        None,
        None,
    )
    assert nothing.found_through_networking is None
    assert nothing.time_to_destination.curve == ()
    assert outcomes_by(ctx, admin, FigureScope.everything(), by=OutcomesBy.COHORT) == ()
    seeking = time_to_destination([Spell(10, False), Spell(40, False)])
    assert seeking.median_days is None and seeking.landed == 0
    assert [p.landed for p in seeking.curve] == [0.0, 0.0]


def test_a_graduation_date_overrides_the_31_may(ctx: Context) -> None:
    admin = factories.user(ctx, Role.ADMIN)
    cohort = factories.cohort(ctx)
    _, with_date = factories.graduate(ctx, cohort)
    _, without = factories.graduate(ctx, cohort)
    with ctx.unit_of_work() as session:
        session.get(Graduate, with_date).graduation_date = date(2025, 5, 1)
        for graduate_id in (with_date, without):
            session.add(
                Destination(
                    graduate_id=graduate_id,
                    status=S.EMPLOYED_FULL_TIME,
                    start_date=date(2025, 6, 30),
                    recorded_on=TODAY,
                    source=DestinationSource.IMPORT,
                )
            )
    days = {
        g.graduation_year: g.figures.time_to_destination.median_days
        for g in outcomes_by(ctx, admin, FigureScope.everything(), by=OutcomesBy.GRADUATION_YEAR)
    }
    # Both of 2025: 60 days from 1 May, 30 from 31 May. Half landed by day 30 is not under
    # one half still seeking: the median is day 60 (statsmodels and SAS: a strict "below").
    assert days == {2025: 60.0}
    mine = outcomes(ctx, admin, FigureScope.graduate(with_date))
    assert mine.time_to_destination.median_days == 60.0


def test_another_cohorts_scope_is_refused(ctx: Context) -> None:
    advisor = factories.user(ctx, Role.ADVISOR)
    factories.cohort(ctx, advisors=(advisor,))
    other = factories.cohort(ctx)
    graduate, graduate_id = factories.graduate(ctx, other)
    with pytest.raises(AccessDenied):
        outcomes(ctx, advisor, FigureScope.cohort(other))
    with pytest.raises(AccessDenied):
        outcomes(ctx, advisor, FigureScope.graduate(graduate_id))
    # A graduate's "everything" is themselves.
    assert outcomes(ctx, graduate, FigureScope.everything()).graduates == 1
