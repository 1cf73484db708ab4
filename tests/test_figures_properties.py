"""Property: every figure computed in SQL equals a plain-Python reading of DESIGN.md.

Random populations (graduates in one or two cohorts, some archived, some accounts deactivated,
interviews of every status around today and up to the end of a follow-up plan, thank-yous,
permissions, follow-ups, blank and real notes, preparation ticks, soft deletions, retired
checklist items) are written through the ORM; the reference below recomputes each figure from the
generated Python objects alone, without the database or the figures package. The due list and the
cohort report are also read as of a day in the past (`--today`), when what was logged later does
not count yet.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from networkit_core.actor import Actor
from networkit_core.clock import FixedClock
from networkit_core.content import load_content
from networkit_core.context import Context
from networkit_core.figures.due import due_today
from networkit_core.figures.nudges import needs_nudge
from networkit_core.figures.rates import GroupBy, Rates, rates, rates_by
from networkit_core.figures.report import graduate_rows
from networkit_core.figures.scope import FigureScope, Period
from networkit_core.figures.series import month_points, weekly_series
from networkit_core.models import (
    ChecklistItem,
    ChecklistKind,
    ChecklistTick,
    Cohort,
    CohortAdvisor,
    Contact,
    FollowUp,
    FollowUpKind,
    FollowUpPermission,
    Graduate,
    Interview,
    InterviewStatus,
    Role,
    User,
)
from tests.conftest import TODAY, empty_all_tables

WINDOW, CADENCE, INACTIVITY, SOON = 2, 30, 14, 2
FOLLOW_UP_LIMIT, PLAN_DAYS, NUDGE_AFTER = 3, 180, 7
PREP_ITEMS = 8  # the shipped preparation checklist
NOTES = ["", " ", "  \t\n", "\u00a0\u3000", "Met Dana; hiring in June.", "  x  ", "\n ok"]


# --- the generated population: plain Python objects -------------------------------------------


@dataclass
class FollowUpSpec:
    days_after: int
    deleted: bool


@dataclass
class InterviewSpec:
    meeting_offset: int  # days from today; negative is the past
    status: InterviewStatus
    logged_days_ago: int
    logged_hour: int
    thank_you_after: int | None
    permission: FollowUpPermission
    follow_ups: list[FollowUpSpec]
    notes: str
    ticks: frozenset[int]  # positions of ticked preparation items
    deleted: bool
    db_id: int = 0
    public_id: str = ""

    @property
    def meeting(self) -> date:
        return TODAY + timedelta(days=self.meeting_offset)

    @property
    def logged_on(self) -> date:
        return TODAY - timedelta(days=self.logged_days_ago)

    @property
    def thank_you_on(self) -> date | None:
        if self.thank_you_after is None:
            return None
        return self.meeting + timedelta(days=self.thank_you_after)

    def live_follow_up_dates(self, by: date | None = None) -> list[date]:
        """The live follow-ups' dates; `by` a day, only those made by then."""
        days = [
            self.meeting + timedelta(days=f.days_after) for f in self.follow_ups if not f.deleted
        ]
        return [day for day in days if by is None or day <= by]


@dataclass
class GraduateSpec:
    cohort: int
    joined_days_ago: int
    interviews: list[InterviewSpec]
    active: bool = True
    db_id: int = 0
    email: str = ""

    def live(self) -> list[InterviewSpec]:
        return [i for i in self.interviews if not i.deleted]


@dataclass
class Population:
    cohorts: int
    graduates: list[GraduateSpec]
    retired: int  # the first `retired` preparation items are retired
    period: tuple[int | None, int | None]
    archived: frozenset[int] = frozenset()  # indices of archived cohorts
    as_of: int = 0  # days before TODAY the due list is also read for
    cohort_ids: list[int] = field(default_factory=list)

    def listed(self) -> list[GraduateSpec]:
        """The graduates on the lists: active accounts of cohorts not archived."""
        return [g for g in self.graduates if g.active and g.cohort not in self.archived]

    @property
    def active_positions(self) -> set[int]:
        return set(range(self.retired, PREP_ITEMS))


# Edges are drawn often: the last day of each window, the day after, and half-done checklists.
EDGE_OFFSETS = [
    0,
    1,
    SOON,
    SOON + 1,
    -WINDOW,
    -WINDOW - 1,
    -CADENCE,
    -CADENCE + 1,
    -INACTIVITY,
    -INACTIVITY + 1,
    -PLAN_DAYS,
    -PLAN_DAYS - 1,
    -PLAN_DAYS + CADENCE,
]
# Weighted towards the statuses and permissions most figures look at.
STATUSES = [*InterviewStatus, InterviewStatus.COMPLETED, InterviewStatus.COMPLETED]
STATUSES += [InterviewStatus.PLANNED]
PERMISSIONS = [*FollowUpPermission, FollowUpPermission.GRANTED]
offsets = st.integers(-50, 6) | st.sampled_from(EDGE_OFFSETS) | st.integers(-200, -120)
ticks = st.frozensets(st.integers(0, PREP_ITEMS - 1)) | st.sampled_from(
    [frozenset(range(4)), frozenset(range(2, 6)), frozenset(range(3)), frozenset(range(2, 5))]
)
follow_ups = st.builds(
    FollowUpSpec, st.integers(0, 45) | st.sampled_from([CADENCE - 1, CADENCE]), st.booleans()
)
interviews = st.builds(
    InterviewSpec,
    meeting_offset=offsets,
    status=st.sampled_from(STATUSES),
    logged_days_ago=st.integers(0, 50) | st.sampled_from([INACTIVITY - 1, INACTIVITY]),
    logged_hour=st.integers(0, 23),
    thank_you_after=st.none() | st.integers(-1, 5) | st.sampled_from([WINDOW, WINDOW + 1]),
    permission=st.sampled_from(PERMISSIONS),
    follow_ups=st.lists(follow_ups, max_size=3),
    notes=st.sampled_from(NOTES),
    ticks=ticks,
    deleted=st.integers(0, 6).map(lambda n: n == 0),
)
# Follow-up plans near their ends: granted, held long ago, two to four follow-ups.
plans = st.builds(
    InterviewSpec,
    meeting_offset=st.integers(-PLAN_DAYS - 40, -2 * CADENCE)
    | st.sampled_from([-PLAN_DAYS, -PLAN_DAYS - 1, -PLAN_DAYS + 1]),
    status=st.just(InterviewStatus.COMPLETED),
    logged_days_ago=st.integers(0, 50),
    logged_hour=st.integers(0, 23),
    thank_you_after=st.just(1),
    permission=st.just(FollowUpPermission.GRANTED),
    follow_ups=st.lists(
        st.builds(
            FollowUpSpec,
            st.integers(0, PLAN_DAYS) | st.sampled_from([CADENCE, 2 * CADENCE, 3 * CADENCE]),
            st.integers(0, 4).map(lambda n: n == 0),
        ),
        min_size=2,
        max_size=4,
    ),
    notes=st.sampled_from(NOTES),
    ticks=ticks,
    deleted=st.just(False),
)


@st.composite
def populations(draw: st.DrawFn) -> Population:
    cohorts = draw(st.integers(1, 2))
    graduates = draw(
        st.lists(
            st.builds(
                GraduateSpec,
                cohort=st.integers(0, cohorts - 1),
                joined_days_ago=st.integers(0, 40) | st.sampled_from([INACTIVITY - 1, INACTIVITY]),
                interviews=st.lists(interviews | plans, max_size=5),
                active=st.integers(0, 5).map(lambda n: n != 0),
            ),
            min_size=1,
            max_size=4,
        )
    )
    retired = draw(st.sampled_from([0, 0, 0, 2, PREP_ITEMS]))
    start = draw(st.none() | st.integers(-40, 0))
    end = draw(st.none() | st.integers(-20, 6))
    if start is not None and end is not None and start > end:
        start, end = end, start
    archived = draw(st.sampled_from([frozenset(), frozenset(), frozenset({cohorts - 1})]))
    as_of = draw(
        st.sampled_from([0, 1, SOON, WINDOW + 1, INACTIVITY, CADENCE]) | st.integers(0, 60)
    )
    return Population(cohorts, graduates, retired, (start, end), archived, as_of)


def at(day: date, hour: int = 12) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=UTC)


def build(ctx: Context, population: Population) -> tuple[Actor, Actor]:
    """Write the population in one unit of work; return (admin, advisor of the first cohort)."""
    now = ctx.clock.now()
    with ctx.unit_of_work() as session:
        admin = User(email="admin@example.org", first_name="Ada", role=Role.ADMIN)
        advisor = User(email="advisor@example.org", first_name="Avi", role=Role.ADVISOR)
        session.add_all([admin, advisor])
        groups = [
            Cohort(name=f"Cohort {n}", archived_at=now if n in population.archived else None)
            for n in range(population.cohorts)
        ]
        session.add_all(groups)
        session.flush()
        population.cohort_ids = [group.id for group in groups]
        session.add(CohortAdvisor(cohort_id=groups[0].id, advisor_id=advisor.id, assigned_at=now))
        items = list(
            session.scalars(
                select(ChecklistItem)
                .where(ChecklistItem.kind == ChecklistKind.PREP)
                .order_by(ChecklistItem.position)
            )
        )
        assert len(items) == PREP_ITEMS
        for n, spec in enumerate(population.graduates):
            joined = at(TODAY - timedelta(days=spec.joined_days_ago), 9)
            account = User(
                email=f"grad{n}@example.org",
                first_name=f"Grad{n}",
                last_name="Test",
                role=Role.GRADUATE,
                is_active=spec.active,
                created_at=joined,
                updated_at=joined,
            )
            session.add(account)
            session.flush()
            record = Graduate(user_id=account.id, cohort_id=groups[spec.cohort].id)
            session.add(record)
            session.flush()
            spec.db_id, spec.email = record.id, account.email
            for k, meeting in enumerate(spec.interviews):
                person = Contact(
                    graduate_id=record.id, name=f"Contact {n}.{k}", organization="Acme" * (k % 2)
                )
                session.add(person)
                session.flush()
                logged = at(meeting.logged_on, meeting.logged_hour)
                row = Interview(
                    graduate_id=record.id,
                    contact_id=person.id,
                    meeting_date=meeting.meeting,
                    status=meeting.status,
                    notes=meeting.notes,
                    thank_you_sent_on=meeting.thank_you_on,
                    follow_up_permission=meeting.permission,
                    deleted_at=now if meeting.deleted else None,
                    created_at=logged,
                    updated_at=logged,
                )
                session.add(row)
                session.flush()
                meeting.db_id, meeting.public_id = row.id, row.public_id
                for spec_follow_up in meeting.follow_ups:
                    session.add(
                        FollowUp(
                            interview_id=row.id,
                            date=meeting.meeting + timedelta(days=spec_follow_up.days_after),
                            kind=FollowUpKind.OTHER,
                            deleted_at=now if spec_follow_up.deleted else None,
                        )
                    )
                for position in meeting.ticks:
                    session.add(
                        ChecklistTick(
                            interview_id=row.id, item_id=items[position].id, ticked_at=now
                        )
                    )
        for item in items[: population.retired]:
            item.is_active = False
        session.flush()
        return Actor.of(admin), Actor.of(advisor)


# --- the reference: DESIGN.md read literally, over the Python objects -------------------------


def ratio(numerator: int, denominator: int) -> float | None:
    return None if denominator == 0 else numerator / denominator


def reference_rates(
    meetings: list[InterviewSpec], active: set[int], today: date = TODAY
) -> dict[str, Any]:
    """The rates as of `today`: a thank-you or follow-up dated later is not recorded yet."""
    done = [m for m in meetings if m.status is InterviewStatus.COMPLETED]
    granted = [m for m in done if m.permission is FollowUpPermission.GRANTED]
    prepared = [
        m for m in meetings if m.status in (InterviewStatus.PLANNED, InterviewStatus.COMPLETED)
    ]
    thanked = [m for m in done if m.thank_you_on is not None and m.thank_you_on <= today]
    on_time = [m for m in thanked if m.thank_you_on <= m.meeting + timedelta(days=WINDOW)]
    return {
        "planned": sum(m.status is InterviewStatus.PLANNED for m in meetings),
        "completed": len(done),
        "thank_you_rate": ratio(len(thanked), len(done)),
        "on_time_thank_you_rate": ratio(len(on_time), len(done)),
        "follow_up_asked_rate": ratio(
            sum(m.permission is not FollowUpPermission.NOT_ASKED for m in done), len(done)
        ),
        # Only the granted ones whose first follow-up has fallen due, or that have one.
        "follow_up_completion_rate": ratio(
            sum(bool(m.live_follow_up_dates(by=today)) for m in granted),
            sum(
                m.meeting + timedelta(days=CADENCE) <= today
                or bool(m.live_follow_up_dates(by=today))
                for m in granted
            ),
        ),
        "notes_rate": ratio(sum(m.notes.strip() != "" for m in done), len(done)),
        "prep_score": (
            sum(len(m.ticks & active) / len(active) for m in prepared) / len(prepared)
            if prepared and active
            else None
        ),
    }


def in_period(meetings: list[InterviewSpec], period: Period) -> list[InterviewSpec]:
    return [m for m in meetings if period.contains(m.meeting)]


def reference_due(
    population: Population, today: date = TODAY
) -> Counter[tuple[int, str, int | None, date]]:
    """DESIGN.md's due list as of `today`: facts dated after it (a thank-you, a follow-up, the
    day a row was logged) are not recorded yet."""
    active = population.active_positions
    due: Counter[tuple[int, str, int | None, date]] = Counter()
    for grad in population.listed():
        for m in grad.live():
            completed = m.status is InterviewStatus.COMPLETED
            thanked = m.thank_you_on is not None and m.thank_you_on <= today
            if completed and not thanked and m.meeting + timedelta(WINDOW) < today:
                due[
                    grad.db_id, "thank_you_overdue", m.db_id, m.meeting + timedelta(WINDOW + 1)
                ] += 1
            if completed and m.permission is FollowUpPermission.GRANTED:
                made = m.live_follow_up_dates(by=today)
                last_touch = max([m.meeting, *made])
                if (
                    last_touch + timedelta(CADENCE) <= today
                    and len(made) < FOLLOW_UP_LIMIT
                    and today <= m.meeting + timedelta(PLAN_DAYS)
                ):
                    due[grad.db_id, "follow_up_due", m.db_id, last_touch + timedelta(CADENCE)] += 1
            if (
                m.status is InterviewStatus.PLANNED
                and today <= m.meeting <= today + timedelta(SOON)
                and active
                and len(m.ticks & active) / len(active) < 0.5
            ):
                key = (grad.db_id, "meeting_soon_unprepared", m.db_id, m.meeting - timedelta(SOON))
                due[key] += 1
            if m.status is InterviewStatus.PLANNED and m.meeting < today:
                due[grad.db_id, "outcome_missing", m.db_id, m.meeting + timedelta(1)] += 1
        activity = [m.logged_on for m in grad.live() if m.logged_on <= today] + [
            m.meeting
            for m in grad.live()
            if m.status is InterviewStatus.COMPLETED and m.meeting <= today
        ]
        since = max(activity) if activity else TODAY - timedelta(grad.joined_days_ago)
        if since + timedelta(INACTIVITY) <= today:
            due[grad.db_id, "inactive", None, since + timedelta(INACTIVITY)] += 1
    return due


def reference_nudges(
    due: Counter[tuple[int, str, int | None, date]], today: date
) -> dict[int, date]:
    """Per graduate who needs a nudge, the day their earliest qualifying item fell due."""
    since: dict[int, date] = {}
    for grad, reason, _, fell_due_on in due:
        if reason == "inactive" or fell_due_on <= today - timedelta(NUDGE_AFTER):
            since[grad] = min(since.get(grad, fell_due_on), fell_due_on)
    return since


def reference_last_activity(grad: GraduateSpec, today: date = TODAY) -> date | None:
    days = [m.logged_on for m in grad.live() if m.logged_on <= today]
    days += [
        m.meeting
        for m in grad.live()
        if m.status is InterviewStatus.COMPLETED and m.meeting <= today
    ]
    days += [d for m in grad.live() for d in m.live_follow_up_dates(by=today)]
    return max(days, default=None)


def reference_weeks(meetings: list[InterviewSpec], period: Period) -> list[date]:
    mondays = {m.meeting - timedelta(m.meeting.weekday()) for m in meetings}
    first = (
        period.start - timedelta(period.start.weekday())
        if period.start
        else min(mondays, default=None)
    )
    last = (
        period.end - timedelta(period.end.weekday()) if period.end else max(mondays, default=None)
    )
    if first is None or last is None:
        return []
    return [first + timedelta(weeks=n) for n in range((last - first).days // 7 + 1)]


# --- comparison -------------------------------------------------------------------------------


def assert_rates(actual: Rates, expected: dict[str, Any], where: str) -> None:
    for name, want in expected.items():
        got = getattr(actual, name)
        if want is None or got is None:
            assert got is want, f"{where}: {name} = {got}, expected {want}"
        else:
            assert got == pytest.approx(want, rel=1e-9, abs=1e-12), f"{where}: {name}"


def reset(ctx: Context) -> None:
    empty_all_tables(ctx.engine)
    with ctx.unit_of_work() as session:
        load_content(session, ctx.settings.content_dir)


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(population=populations())
def test_every_figure_matches_the_reference(ctx: Context, population: Population) -> None:
    reset(ctx)
    admin, advisor = build(ctx, population)
    active = population.active_positions
    start, end = population.period
    period = Period(
        None if start is None else TODAY + timedelta(start),
        None if end is None else TODAY + timedelta(end),
    )
    everyone = [m for g in population.graduates for m in g.live()]
    everything = FigureScope.everything()

    # Whole scope, all time and in the period.
    assert_rates(rates(ctx, admin, everything), reference_rates(everyone, active), "all")
    expected = reference_rates(in_period(everyone, period), active)
    assert_rates(rates(ctx, admin, everything, period), expected, "period")

    # Per graduate and per cohort, in the period.
    by_graduate = rates_by(ctx, admin, everything, period, by=GroupBy.GRADUATE)
    assert set(by_graduate) == {g.db_id for g in population.graduates}
    for grad in population.graduates:
        expected = reference_rates(in_period(grad.live(), period), active)
        assert_rates(by_graduate[grad.db_id], expected, f"graduate {grad.db_id}")
        single = rates(ctx, admin, FigureScope.graduate(grad.db_id), period)
        assert_rates(single, expected, f"graduate scope {grad.db_id}")
    by_cohort = rates_by(ctx, admin, everything, period, by=GroupBy.COHORT)
    for n, cohort_id in enumerate(population.cohort_ids):
        members = [m for g in population.graduates if g.cohort == n for m in g.live()]
        if any(g.cohort == n for g in population.graduates):
            expected = reference_rates(in_period(members, period), active)
            assert_rates(by_cohort[cohort_id], expected, f"cohort {n}")
        assert_rates(
            rates(ctx, admin, FigureScope.cohort(cohort_id), period),
            reference_rates(in_period(members, period), active),
            f"cohort scope {n}",
        )

    # The advisor coaches the first cohort only: their "everything" is that cohort.
    coached = [m for g in population.graduates if g.cohort == 0 for m in g.live()]
    assert_rates(
        rates(ctx, advisor, everything, period),
        reference_rates(in_period(coached, period), active),
        "advisor",
    )

    # Weekly series: gap-free weeks, each week's figures from that week's interviews.
    series = weekly_series(ctx, admin, everything, period)
    in_scope = in_period(everyone, period)
    assert [point.week_start for point in series] == reference_weeks(in_scope, period)
    for point in series:
        week = [m for m in in_scope if 0 <= (m.meeting - point.week_start).days < 7]
        assert_rates(point.rates, reference_rates(week, active), f"week {point.week_start}")

    # Due today, now and as of a day in the past: the same items, most overdue first.
    for today in (TODAY, TODAY - timedelta(population.as_of)):
        check_due_and_report(
            Context(ctx.engine, ctx.settings, FixedClock.on(today)),
            population,
            admin,
            advisor,
            period,
            today,
        )


def check_due_and_report(
    ctx: Context,
    population: Population,
    admin: Actor,
    advisor: Actor,
    period: Period,
    today: date,
) -> None:
    everything = FigureScope.everything()
    where = f"as of {today}"
    active = population.active_positions
    expected_due = reference_due(population, today)
    items = due_today(ctx, admin, everything)
    actual = Counter(
        (item.graduate_id, item.reason.value, item.interview_row_id, item.fell_due_on)
        for item in items
    )
    assert actual == expected_due, where
    public = {m.db_id: m.public_id for g in population.graduates for m in g.interviews}
    assert all(item.interview_id == public.get(item.interview_row_id) for item in items)
    assert [item.fell_due_on for item in items] == sorted(item.fell_due_on for item in items)
    assert all(item.days_overdue == (today - item.fell_due_on).days >= 0 for item in items)
    advisor_items = due_today(ctx, advisor, everything)
    coached_ids = {g.db_id for g in population.graduates if g.cohort == 0}
    assert Counter(
        (i.graduate_id, i.reason.value, i.interview_row_id, i.fell_due_on) for i in advisor_items
    ) == Counter({k: v for k, v in expected_due.items() if k[0] in coached_ids})

    # Needs a nudge (nobody nudged yet): an item overdue by a week or more, or inactive.
    lines = needs_nudge(ctx, advisor, everything)
    assert {line.graduate_id: line.overdue_since for line in lines} == {
        grad: since
        for grad, since in reference_nudges(expected_due, today).items()
        if grad in coached_ids
    }, where
    assert [line.overdue_since for line in lines] == sorted(line.overdue_since for line in lines)

    # The weekly and monthly points as of that day: a past week's rates as they stood then.
    in_scope = in_period([m for g in population.graduates for m in g.live()], period)
    for point in weekly_series(ctx, admin, everything, period):
        week = [m for m in in_scope if 0 <= (m.meeting - point.week_start).days < 7]
        expected = reference_rates(week, active, today)
        assert_rates(point.rates, expected, f"week {point.week_start} {where}")
    for month in month_points(rates_by(ctx, admin, everything, period, by=GroupBy.MONTH), period):
        same = [m for m in in_scope if m.meeting.replace(day=1) == month.month_start]
        expected = reference_rates(same, active, today)
        assert_rates(month.rates, expected, f"month {month.month_start} {where}")

    # Cohort-report rows, in the period (activity and due items are about today).
    rows = {row.graduate_email: row for row in graduate_rows(ctx, admin, everything, period)}
    assert set(rows) == {g.email for g in population.graduates}
    due_counts = Counter(key[0] for key in expected_due.elements())
    for grad in population.graduates:
        row = rows[grad.email]
        expected = reference_rates(in_period(grad.live(), period), active, today)
        assert row.interviews_planned == expected.pop("planned")
        assert row.interviews_completed == expected.pop("completed")
        for name, want in expected.items():
            got = getattr(row, name)
            assert (got is None and want is None) or got == pytest.approx(want), name
        assert row.cohort == f"Cohort {grad.cohort}"
        assert row.last_activity_on == reference_last_activity(grad, today), where
        assert row.due_items == due_counts[grad.db_id], where
