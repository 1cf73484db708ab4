"""Which habits went with doors opening (DESIGN.md, "Destinations and evidence").

The unit is a completed interview. For each habit (prepared, thanked on time, ...) and each
outcome (a referral, a job lead, the destination found through it): the interviews with and
without the habit, how many of each led to the outcome, both rates, their difference, and a
95 % interval of the difference.

The interval treats a graduate's interviews as one cluster: the same graduate's interviews are
not independent (a well-connected graduate gets referrals whatever they do), and treating them
as independent would make intervals too narrow. The method is the linear probability model
`outcome ~ habit`, whose slope is exactly the difference of the two rates, with a
cluster-robust (sandwich) standard error, the small-sample correction G/(G-1)·(N-1)/(N-K), and
Student's t with G-1 degrees of freedom: what statsmodels' `OLS(...).fit(cov_type="cluster",
use_t=True)` computes (tests/test_evidence.py checks the two agree). For a 0/1 regressor the
sandwich needs only each graduate's four counts, so SQL groups the interviews by graduate and
Python never sees an interview row: at a million interviews the figure reads 50,000 rows.

The words are "went with", never "caused": this is what went together in the centre's records.
"""

from __future__ import annotations

import enum
import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any, NamedTuple

from sqlalchemy import Integer, case, cast, func, literal, select, true
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from networkit_core.actor import Actor
from networkit_core.context import Context
from networkit_core.figures.rates import active_prep_items
from networkit_core.figures.scope import ALL_TIME, FigureScope, Graduates, Period, graduate_ids
from networkit_core.figures.sql import days_between, is_blank, unindexed
from networkit_core.figures.suppression import blanked, too_small
from networkit_core.models import (
    ChecklistTick,
    Contact,
    Destination,
    FollowUp,
    FollowUpPermission,
    Interview,
    InterviewStatus,
    ThankYouMethod,
)
from networkit_core.services.destinations import current_destinations


class Habit(enum.StrEnum):
    PREPARED = "prepared"
    THANKED_ON_TIME = "thanked_on_time"
    THANKED_WITH_CARD = "thanked_with_card"
    ASKED_TO_FOLLOW_UP = "asked_to_follow_up"
    FOLLOWED_UP = "followed_up"
    NOTES_WRITTEN = "notes_written"


class Outcome(enum.StrEnum):
    REFERRAL = "referral"
    JOB_LEAD = "job_lead"
    DESTINATION = "destination"


HABIT_NAMES = {
    Habit.PREPARED: "Prepared",
    Habit.THANKED_ON_TIME: "Thanked on time",
    Habit.THANKED_WITH_CARD: "Thanked with a card",
    Habit.ASKED_TO_FOLLOW_UP: "Asked to follow up",
    Habit.FOLLOWED_UP: "Followed up",
    Habit.NOTES_WRITTEN: "Notes written",
}
OUTCOME_NAMES = {
    Outcome.REFERRAL: "a referral",
    Outcome.JOB_LEAD: "a job lead",
    Outcome.DESTINATION: "the destination found through it",
}
MIN_INTERVIEWS = 10  # a group (with or without) under this shows no rates: too few to say
PREPARED_SHARE = 0.75  # prep score of the interview at least this: prepared
EVIDENCE_CAVEAT = (
    "This shows what went together in this centre's records, not what caused what: graduates "
    "who keep one habit may differ in other ways too."
)


@dataclass(frozen=True)
class Interval:
    """A difference of two rates with its 95 % interval (None where it cannot be said: all the
    interviews of one graduate)."""

    difference: float
    low: float | None
    high: float | None


class ClusterCounts(NamedTuple):
    """One graduate's interviews with the habit (n_with, of which k_with led to the outcome)
    and without it. A tuple: there are 18 per graduate in scope."""

    n_with: int
    k_with: int
    n_without: int
    k_without: int


@dataclass(frozen=True)
class EvidenceRow:
    habit: Habit
    outcome: Outcome
    habit_name: str
    outcome_name: str
    n_with: int
    k_with: int
    n_without: int
    k_without: int
    rate_with: float | None
    rate_without: float | None
    difference: float | None
    ci_low: float | None
    ci_high: float | None
    too_few: bool
    clear: bool  # the interval excludes 0
    sentence: str
    graduates_with: int = 0  # graduates with at least one interview in each group
    graduates_without: int = 0

    @property
    def graduates(self) -> int:
        """The graduates of the smaller of its two groups (with and without the habit)."""
        return min(self.graduates_with, self.graduates_without)

    @property
    def small_group(self) -> bool:
        """A group (with or without) spans fewer than 5 graduates (`suppression`)."""
        return too_small(self.graduates)

    def as_json(self) -> dict[str, Any]:
        """The row of `networkit evidence --json`: rates as fractions, null where too few. The
        output leaves the product, so a group of fewer than 5 graduates gives no figure at all,
        not even the counts a rate could be worked out from (`suppression`)."""
        figures = {
            "n_with": self.n_with,
            "k_with": self.k_with,
            "n_without": self.n_without,
            "k_without": self.k_without,
            "rate_with": self.rate_with,
            "rate_without": self.rate_without,
            "difference": self.difference,
            "ci_low": self.ci_low,
            "ci_high": self.ci_high,
        }
        return {
            "habit": self.habit.value,
            "outcome": self.outcome.value,
            **blanked(figures, self.graduates),
        }


@dataclass(frozen=True)
class HabitEvidence:
    habit: Habit
    habit_name: str
    sentence: str | None  # None: too few interviews in the centre to say anything


def difference_interval(clusters: Sequence[ClusterCounts]) -> Interval | None:
    """rate_with - rate_without and its 95 % interval, a graduate's interviews as one cluster
    (the linear probability model with CR1 cluster-robust errors and t with G-1 degrees of
    freedom, as statsmodels' OLS with cov_type="cluster", use_t=True). None when one of the two
    groups is empty."""
    n1 = sum(c.n_with for c in clusters)
    n0 = sum(c.n_without for c in clusters)
    if n1 == 0 or n0 == 0:
        return None
    p1 = sum(c.k_with for c in clusters) / n1
    p0 = sum(c.k_without for c in clusters) / n0
    difference = p1 - p0
    counted = [c for c in clusters if c.n_with + c.n_without > 0]
    groups, n = len(counted), n1 + n0
    if groups < 2 or n < 3:
        return Interval(difference, None, None)
    # The slope's row of (X'X)^-1 times a cluster's score X'e reduces to S1/N1 - S0/N0, where
    # S are the cluster's residual sums with and without the habit.
    meat = sum(
        ((c.k_with - c.n_with * p1) / n1 - (c.k_without - c.n_without * p0) / n0) ** 2
        for c in counted
    )
    variance = groups / (groups - 1) * (n - 1) / (n - 2) * meat
    # Imported here, as statsmodels is in figures.outcomes: scipy is slow to import.
    from scipy.special import stdtrit  # Student's t quantile

    half = float(stdtrit(groups - 1, 0.975)) * math.sqrt(variance)
    return Interval(difference, difference - half, difference + half)


# Two made-up graduates, one interview with the outcome and one without in each group: the
# "add two" of Agresti and Caffo, for the interval only.
_PLUS_TWO = (ClusterCounts(2, 1, 0, 0), ClusterCounts(0, 0, 2, 1))


def _edge_interval(clusters: Sequence[ClusterCounts], difference: float) -> Interval:
    """A group with no outcome at all (or only outcomes) has no spread of its own, so the
    clustered interval would be as narrow as the other group alone: the interval is taken from
    the counts with two made-up graduates added, around the difference as observed."""
    widened = difference_interval([*clusters, *_PLUS_TWO])
    if widened is None or widened.low is None or widened.high is None:
        return Interval(difference, None, None)
    half_low, half_high = widened.difference - widened.low, widened.high - widened.difference
    return Interval(difference, max(-1.0, difference - half_low), min(1.0, difference + half_high))


def evidence(
    ctx: Context,
    actor: Actor,
    scope: FigureScope,
    period: Period = ALL_TIME,
    *,
    today: date | None = None,
) -> tuple[EvidenceRow, ...]:
    """Every habit × outcome over the completed interviews of `scope` met in `period`, the
    clearest differences first."""
    today = today or ctx.clock.today()
    with ctx.unit_of_work() as session:
        graduates = graduate_ids(session, actor, scope)
        counts = cluster_counts(ctx, session, graduates, period, today)
    rows = [
        evidence_row(habit, outcome, counts[habit, outcome], ctx.settings.thank_you_window_days)
        for habit in Habit
        for outcome in Outcome
    ]
    return tuple(sorted(rows, key=importance))


def habit_evidence(
    ctx: Context, actor: Actor, *, today: date | None = None
) -> tuple[HabitEvidence, ...]:
    """For a graduate's progress page: per habit, one line of what the centre's records show.

    Counts over every graduate of the centre: a graduate's own scope is one person, too few to
    learn from, and these are counts only, never who (as question ratings are); groups of fewer
    than 5 graduates say nothing."""
    today = today or ctx.clock.today()
    window = ctx.settings.thank_you_window_days
    with ctx.unit_of_work() as session:
        # Every graduate: `true()` as the pool, the centre's evidence is anonymous counts.
        graduates = graduate_ids(session, actor, FigureScope.everything(), pool=true())
        counts = cluster_counts(ctx, session, graduates, ALL_TIME, today)
    lines = []
    for habit in Habit:
        rows = [evidence_row(habit, outcome, counts[habit, outcome], window) for outcome in Outcome]
        usable = [row for row in rows if not row.too_few and not row.small_group]
        if not usable:
            lines.append(HabitEvidence(habit, HABIT_NAMES[habit], None))
            continue
        best = sorted(usable, key=importance)[0]
        lines.append(HabitEvidence(habit, HABIT_NAMES[habit], graduate_sentence(best, window)))
    return tuple(lines)


def importance(row: EvidenceRow) -> tuple[int, float]:
    """Clear differences first, the farthest from 0 first; then the others by the size of the
    difference; rows with too few interviews last."""
    if row.too_few or row.difference is None:
        return (2, 0.0)
    if row.clear and row.ci_low is not None and row.ci_high is not None:
        return (0, -min(abs(row.ci_low), abs(row.ci_high)))
    return (1, -abs(row.difference))


def evidence_row(
    habit: Habit, outcome: Outcome, clusters: Sequence[ClusterCounts], window: int
) -> EvidenceRow:
    n1 = sum(c.n_with for c in clusters)
    k1 = sum(c.k_with for c in clusters)
    n0 = sum(c.n_without for c in clusters)
    k0 = sum(c.k_without for c in clusters)
    base: dict[str, Any] = {
        "habit": habit,
        "outcome": outcome,
        "habit_name": HABIT_NAMES[habit],
        "outcome_name": OUTCOME_NAMES[outcome],
        "n_with": n1,
        "k_with": k1,
        "n_without": n0,
        "k_without": k0,
        "graduates_with": sum(1 for c in clusters if c.n_with),
        "graduates_without": sum(1 for c in clusters if c.n_without),
    }
    interval = difference_interval(clusters)
    if interval is not None and (k1 in (0, n1) or k0 in (0, n0)):
        interval = _edge_interval(clusters, interval.difference)
    if n1 < MIN_INTERVIEWS or n0 < MIN_INTERVIEWS or interval is None:
        row = EvidenceRow(
            **base,
            rate_with=None,
            rate_without=None,
            difference=None,
            ci_low=None,
            ci_high=None,
            too_few=True,
            clear=False,
            sentence="",
        )
    else:
        low, high = interval.low, interval.high
        row = EvidenceRow(
            **base,
            rate_with=k1 / n1,
            rate_without=k0 / n0,
            difference=interval.difference,
            ci_low=low,
            ci_high=high,
            too_few=False,
            clear=low is not None and high is not None and (low > 0 or high < 0),
            sentence="",
        )
    return _with_sentence(row, evidence_sentence(row, window))


def _with_sentence(row: EvidenceRow, sentence: str) -> EvidenceRow:
    return replace(row, sentence=sentence)


def _subject(habit: Habit, window: int) -> str:
    """The interviews that kept the habit, as the subject of a sentence."""
    days = f"{window} day{'s' if window != 1 else ''}"
    return {
        Habit.PREPARED: "Interviews prepared for (at least three quarters of the checklist)",
        Habit.THANKED_ON_TIME: f"Interviews followed by a thank-you within {days}",
        Habit.THANKED_WITH_CARD: "Interviews thanked with a card (of those thanked)",
        Habit.ASKED_TO_FOLLOW_UP: "Interviews where the graduate asked to follow up",
        Habit.FOLLOWED_UP: "Interviews followed up (of those where it was welcome)",
        Habit.NOTES_WRITTEN: "Interviews with notes written afterwards",
    }[habit]


def _action(habit: Habit, window: int) -> str:
    """What a graduate did, for their own progress page."""
    days = f"{window} day{'s' if window != 1 else ''}"
    return {
        Habit.PREPARED: "prepared for the meeting (most of the checklist)",
        Habit.THANKED_ON_TIME: f"sent a thank-you within {days}",
        Habit.THANKED_WITH_CARD: "thanked with a card",
        Habit.ASKED_TO_FOLLOW_UP: "asked whether a follow-up was welcome",
        Habit.FOLLOWED_UP: "followed up when it was welcome",
        Habit.NOTES_WRITTEN: "wrote notes right after",
    }[habit]


def percent(value: float) -> str:
    return f"{value * 100:.0f} %"


def points(value: float) -> str:
    return f"{value * 100:.0f}"


def evidence_sentence(row: EvidenceRow, window: int) -> str:
    """The row in one plain sentence: "went with", never "caused"."""
    subject, outcome = _subject(row.habit, window), row.outcome_name
    if row.too_few or row.rate_with is None or row.rate_without is None:
        return (
            f"{subject} and {outcome}: too few to say ({row.n_with} interviews with, "
            f"{row.n_without} without; at least {MIN_INTERVIEWS} of each are needed)."
        )
    rates = (
        f"{subject} went with {outcome} {percent(row.rate_with)} of the time, "
        f"against {percent(row.rate_without)} without"
    )
    if row.ci_low is None or row.ci_high is None:
        return f"{rates}: no clear difference (all from one graduate)."
    interval = f"95 % interval {points(row.ci_low)} to {points(row.ci_high)}"
    if row.clear:
        return f"{rates} (difference {points(row.difference or 0.0)} points, {interval})."
    return f"{rates}: no clear difference ({interval} points)."


def _how_often(rate_with: float, rate_without: float) -> str:
    if rate_without > 0:
        ratio = rate_with / rate_without
        for target, words in ((2, "twice as often"), (3, "three times as often")):
            if abs(ratio - target) < 0.25:
                return words
        if ratio >= 1.25:
            return f"{ratio:.1f} times as often"
        if ratio <= 0.8:
            return "less often"
    return "more often" if rate_with > rate_without else "less often"


def graduate_sentence(row: EvidenceRow, window: int) -> str:
    """One line for a graduate beside their habit, in the centre's words."""
    action, outcome = _action(row.habit, window), row.outcome_name
    if not row.clear or row.rate_with is None or row.rate_without is None:
        return f"Graduates who {action}: no clear difference yet in this centre's records."
    how = _how_often(row.rate_with, row.rate_without)
    return (
        f"Graduates who {action} got {outcome} {how} "
        f"({percent(row.rate_with)} of interviews, against {percent(row.rate_without)})."
    )


def _flag(condition: ColumnElement[bool]) -> ColumnElement[int]:
    return case((condition, 1), else_=0)


def cluster_counts(
    ctx: Context, session: Session, graduates: Graduates, period: Period, today: date
) -> dict[tuple[Habit, Outcome], list[ClusterCounts]]:
    """Per habit × outcome, each graduate's four counts, from one statement grouped by
    graduate over the completed interviews of `graduates` met in `period`.

    Each habit is 1, 0, or NULL where it does not apply (a card among those thanked, a
    follow-up among those welcome); each outcome is 1 or 0. So SUM(h) counts the interviews
    with the habit, SUM(1 - h) those without, SUM(h * o) and SUM((1 - h) * o) their outcomes."""
    window = ctx.settings.thank_you_window_days
    scoped = (
        Interview.deleted_at.is_(None),
        Interview.status == InterviewStatus.COMPLETED,
        Interview.graduate_id.in_(graduates),
        period.meeting_filter(),
    )
    ticks = (
        select(ChecklistTick.interview_id, func.count().label("ticks"))
        .join(Interview, Interview.id == ChecklistTick.interview_id)
        # unindexed: as in rates.py, SQLite must not drive this through the item_id index.
        .where(*scoped, unindexed(ChecklistTick.item_id).in_(active_prep_items()))
        .group_by(ChecklistTick.interview_id)
        .subquery("ticks")
    )
    followed = (
        select(FollowUp.interview_id)
        .join(Interview, Interview.id == FollowUp.interview_id)
        .where(*scoped, FollowUp.deleted_at.is_(None), FollowUp.date <= today)
        .group_by(FollowUp.interview_id)
        .subquery("followed")
    )
    active = select(func.count()).select_from(active_prep_items().subquery()).scalar_subquery()
    thanked = Interview.thank_you_sent_on.is_not(None) & (Interview.thank_you_sent_on <= today)
    on_time = days_between(Interview.thank_you_sent_on, Interview.meeting_date) <= literal(window)
    granted = Interview.follow_up_permission == FollowUpPermission.GRANTED
    ticked = func.coalesce(ticks.c.ticks, 0)
    # Joined as grouped subqueries, not EXISTS per interview: SQLite ran a correlated EXISTS
    # once per interview (5 s at M against 1 s for one join).
    referred = (
        select(Contact.graduate_id, Contact.referred_by_id)
        .where(
            Contact.deleted_at.is_(None),
            Contact.referred_by_id.is_not(None),
            Contact.graduate_id.in_(graduates),
        )
        .group_by(Contact.graduate_id, Contact.referred_by_id)
        .subquery("referred")
    )
    through = (
        select(Destination.found_through_interview_id.label("interview_id"))
        .where(
            Destination.found_through_interview_id.is_not(None),
            Destination.id.in_(current_destinations(today)),
        )
        .group_by(Destination.found_through_interview_id)
        .subquery("through")
    )
    habits: dict[Habit, ColumnElement[Any]] = {
        # The prep score of the interview (ticked / items in force), reached as whole numbers.
        Habit.PREPARED: _flag((active > 0) & (ticked * 4 >= active * 3)),
        Habit.THANKED_ON_TIME: _flag(thanked & on_time),
        Habit.THANKED_WITH_CARD: case(
            (~thanked, None),
            (Interview.thank_you_method == ThankYouMethod.CARD, 1),
            else_=0,
        ),
        Habit.ASKED_TO_FOLLOW_UP: _flag(
            Interview.follow_up_permission.in_(
                [FollowUpPermission.GRANTED, FollowUpPermission.DECLINED]
            )
        ),
        Habit.FOLLOWED_UP: case(
            (~granted, None), (followed.c.interview_id.is_not(None), 1), else_=0
        ),
        Habit.NOTES_WRITTEN: _flag(~is_blank(Interview.notes)),
    }
    outcomes: dict[Outcome, ColumnElement[int]] = {
        Outcome.REFERRAL: _flag(referred.c.referred_by_id.is_not(None)),
        Outcome.JOB_LEAD: _flag(~is_blank(Interview.outcome_job_leads)),
        Outcome.DESTINATION: _flag(through.c.interview_id.is_not(None)),
    }
    flags = (
        select(
            Interview.graduate_id.label("graduate_id"),
            *[cast(column, Integer).label(habit.value) for habit, column in habits.items()],
            *[column.label(outcome.value) for outcome, column in outcomes.items()],
        )
        .outerjoin(ticks, ticks.c.interview_id == Interview.id)
        .outerjoin(followed, followed.c.interview_id == Interview.id)
        .outerjoin(
            referred,
            (referred.c.graduate_id == Interview.graduate_id)
            & (referred.c.referred_by_id == Interview.contact_id),
        )
        .outerjoin(through, through.c.interview_id == Interview.id)
        .where(*scoped)
        .subquery("flags")
    )
    columns: list[ColumnElement[Any]] = []
    for habit in Habit:
        h = flags.c[habit.value]
        columns += [func.sum(h).label(f"{habit}__n1"), func.sum(1 - h).label(f"{habit}__n0")]
        for outcome in Outcome:
            o = flags.c[outcome.value]
            columns += [
                func.sum(h * o).label(f"{habit}__{outcome}__k1"),
                func.sum((1 - h) * o).label(f"{habit}__{outcome}__k0"),
            ]
    query = select(*columns).group_by(flags.c.graduate_id)
    # Column positions worked out once: a row per graduate, 48 sums each (enum iteration and
    # key lookups per row cost more than the statement itself at 2,000 graduates).
    habits_list, outcomes_list = list(Habit), list(Outcome)
    width = 2 + 2 * len(outcomes_list)
    collected: list[list[ClusterCounts]] = [
        [] for _ in range(len(habits_list) * len(outcomes_list))
    ]
    for row in session.execute(query):
        for h in range(len(habits_list)):
            at = h * width
            n1, n0 = row[at] or 0, row[at + 1] or 0
            for o in range(len(outcomes_list)):
                k = at + 2 + 2 * o
                collected[h * len(outcomes_list) + o].append(
                    ClusterCounts(int(n1), int(row[k] or 0), int(n0), int(row[k + 1] or 0))
                )
    result = {
        (habit, outcome): collected[h * len(outcomes_list) + o]
        for h, habit in enumerate(habits_list)
        for o, outcome in enumerate(outcomes_list)
    }
    return result
