"""Counts and rates (DESIGN.md, "Figures, defined once"), from grouped SQL queries: every
figure on the dashboard, in the cohort report and on the command line comes from here."""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Date, Select, case, func, literal, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from networkit_core import bounds
from networkit_core.actor import Actor
from networkit_core.context import Context
from networkit_core.dates import NO_VALUE
from networkit_core.figures.scope import ALL_TIME, FigureScope, Graduates, Period, graduate_ids
from networkit_core.figures.sql import (
    days_between,
    is_blank,
    month_start,
    unindexed,
    week_start,
)
from networkit_core.models import (
    ChecklistItem,
    ChecklistKind,
    ChecklistTick,
    FollowUp,
    FollowUpPermission,
    Graduate,
    Interview,
    InterviewStatus,
)
from networkit_core.settings import Settings


class GroupBy(enum.StrEnum):
    GRADUATE = "graduate"
    COHORT = "cohort"
    WEEK = "week"
    MONTH = "month"
    DAY = "day"  # the meeting date as met (not clamped): `Counted` sums days into the rest


# The 0/1 flags summed per group, in the order of `Rates`' count fields.
COUNTS = (
    "planned",
    "completed",
    "thank_you_recorded",
    "thank_you_on_time",
    "follow_up_asked",
    "follow_up_granted",
    "follow_up_fell_due",
    "followed_up",
    "with_notes",
)


@dataclass(frozen=True)
class RateFigure:
    """One rate: its DESIGN.md key, its name and meaning for people (everywhere, via
    `rate_text`) and the two `COUNTS` it divides."""

    key: str
    name: str
    counts: str
    of: tuple[str, str] | None = None


_HELD = "Of the interviews held"
# Headline first: the follow-up completion rate.
RATE_FIGURES = (
    RateFigure(
        "follow_up_completion_rate",
        "Follow-up completion",
        "{held} whose contact welcomed a follow-up and whose first follow-up has fallen due "
        "({cadence} days after the meeting) or was already made: the share with at least one "
        "follow-up logged. A meeting held yesterday does not count yet.",
        ("followed_up", "follow_up_fell_due"),
    ),
    RateFigure(
        "thank_you_rate",
        "Thank-you",
        "{held}: the share with a thank-you recorded.",
        ("thank_you_recorded", "completed"),
    ),
    RateFigure(
        "on_time_thank_you_rate",
        "On-time thank-you",
        "{held}: the share thanked no later than {window} days after the meeting.",
        ("thank_you_on_time", "completed"),
    ),
    RateFigure(
        "follow_up_asked_rate",
        "Follow-up asked",
        "{held}: the share where the contact was asked whether a follow-up is welcome "
        "(granted or declined).",
        ("follow_up_asked", "completed"),
    ),
    RateFigure(
        "notes_rate",
        "Notes written",
        "{held}: the share with brain-dump notes written.",
        ("with_notes", "completed"),
    ),
    RateFigure(
        "prep_score",
        "Preparation",
        "Preparation checklist items ticked, on average over the planned and held interviews.",
    ),
)
RATE_NAMES = {figure.key: figure.name for figure in RATE_FIGURES}
_COUNTS_BY_KEY = {figure.key: figure.counts for figure in RATE_FIGURES}


def rate_help(key: str, settings: Settings) -> str:
    """What the rate `key` counts, in a sentence for a help text (DESIGN.md, "Figures")."""
    return _COUNTS_BY_KEY[key].format(
        held=_HELD,
        window=settings.thank_you_window_days,
        cadence=settings.follow_up_cadence_days,
    )


# Every output writes a rate these two ways: pages, e-mails and the command line alike.
def rate_text(value: float | None) -> str:
    """A rate as people read it, "69.6 %"; an undefined one (denominator 0) as "—", never 0 %."""
    return NO_VALUE if value is None else f"{value * 100:.1f} %"


def rate_change(current: float | None, previous: float | None) -> str | None:
    """A rate's change against another in percentage points ("+3.2 pts"); None when either
    rate is undefined (nothing to compare)."""
    if current is None or previous is None:
        return None
    return f"{(current - previous) * 100:+.1f} pts"


def rate(numerator: int, denominator: int) -> float | None:
    return None if denominator == 0 else numerator / denominator


@dataclass(frozen=True)
class Rates:
    """Counts and rates for one group; a rate whose denominator is 0 is None (undefined).
    `follow_up_fell_due` counts the granted interviews whose first follow-up has fallen due or
    that already have one: a meeting held yesterday is not yet "not followed up"."""

    planned: int
    completed: int
    thank_you_rate: float | None
    on_time_thank_you_rate: float | None
    follow_up_asked_rate: float | None
    follow_up_completion_rate: float | None
    notes_rate: float | None
    prep_score: float | None
    # The numerators and the follow-up denominator, for "3 of 5" displays.
    thank_you_recorded: int = 0
    thank_you_on_time: int = 0
    follow_up_asked: int = 0
    follow_up_granted: int = 0
    follow_up_fell_due: int = 0
    followed_up: int = 0
    with_notes: int = 0

    @classmethod
    def from_counts(cls, counts: dict[str, int], prep_score: float | None) -> Rates:
        divided = {
            figure.key: rate(counts[figure.of[0]], counts[figure.of[1]])
            for figure in RATE_FIGURES
            if figure.of is not None
        }
        return cls(prep_score=prep_score, **divided, **{name: counts[name] for name in COUNTS})

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


EMPTY_COUNTS = dict.fromkeys(COUNTS, 0)
NO_INTERVIEWS = Rates.from_counts(EMPTY_COUNTS, None)


def rates(ctx: Context, actor: Actor, scope: FigureScope, period: Period = ALL_TIME) -> Rates:
    """The counts and rates of every graduate in `scope` together."""
    with ctx.unit_of_work() as session:
        graduates = graduate_ids(session, actor, scope)
        return grouped_rates(ctx, session, graduates, period, None)[None]


def rates_by(
    ctx: Context,
    actor: Actor,
    scope: FigureScope,
    period: Period = ALL_TIME,
    *,
    by: GroupBy = GroupBy.GRADUATE,
) -> dict[Any, Rates]:
    """Counts and rates per graduate id, cohort id or week start; every graduate (or cohort) in
    scope has an entry, weeks only when an interview was met in them."""
    with ctx.unit_of_work() as session:
        graduates = graduate_ids(session, actor, scope)
        return grouped_rates(ctx, session, graduates, period, by)


def active_prep_items() -> Select[tuple[int]]:
    return select(ChecklistItem.id).where(
        ChecklistItem.kind == ChecklistKind.PREP, ChecklistItem.is_active.is_(True)
    )


def active_prep_count(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(active_prep_items().subquery())) or 0


def prep_ticks() -> ColumnElement[int]:
    """Correlated: the active preparation items ticked on the interview of the outer query."""
    return (
        select(func.count())
        .select_from(ChecklistTick)
        .where(
            ChecklistTick.interview_id == Interview.id,
            ChecklistTick.item_id.in_(active_prep_items()),
        )
        .scalar_subquery()
    )


def _flag(condition: ColumnElement[bool]) -> ColumnElement[int]:
    return case((condition, 1), else_=0)


def clamped_meeting_date(today: date) -> ColumnElement[date]:
    """The meeting date moved into the sane range: an outlier such as 9999-12-31 counts in the
    last week of the range, not in a week of its own."""
    low = literal(bounds.EARLIEST, Date())
    high = literal(bounds.latest(today), Date())
    return case(
        (Interview.meeting_date < low, low),
        (Interview.meeting_date > high, high),
        else_=Interview.meeting_date,
    )


def _group_key(by: GroupBy | None, today: date) -> ColumnElement[Any]:
    """What an interview's figures are summed under."""
    if by is GroupBy.WEEK:
        return week_start(clamped_meeting_date(today))
    if by is GroupBy.MONTH:
        return month_start(clamped_meeting_date(today))
    if by is GroupBy.GRADUATE:
        return Interview.graduate_id
    if by is GroupBy.COHORT:
        return Graduate.cohort_id
    if by is GroupBy.DAY:
        return Interview.meeting_date
    return literal(0)


def _scoped(
    columns: list[ColumnElement[Any]],
    graduates: Graduates,
    period: Period,
    by: GroupBy | None,
    today: date,
) -> Select[Any]:
    """SELECT key, `columns` over the live interviews of `graduates` met in `period`."""
    key = _group_key(by, today)
    query = (
        select(key.label("key"), *columns)
        .select_from(Interview)
        .where(
            Interview.deleted_at.is_(None),
            Interview.graduate_id.in_(graduates),
            period.meeting_filter(),
        )
    )
    if by is GroupBy.COHORT:
        query = query.join(Graduate, Graduate.id == Interview.graduate_id)
    return query if by is None else query.group_by(key)


def grouped_rates(
    ctx: Context,
    session: Session,
    graduates: Graduates,
    period: Period,
    by: GroupBy | None,
) -> dict[Any, Rates]:
    """Rates of `graduates` per group (`by`), or all together under the key None."""
    groups = grouped_counts(ctx, session, graduates, period, by)
    if by is None:
        return {None: groups[0].rates() if 0 in groups else NO_INTERVIEWS}
    return {key: group.rates() for key, group in groups.items()}


def grouped_counts(
    ctx: Context,
    session: Session,
    graduates: Graduates,
    period: Period,
    by: GroupBy | None,
) -> dict[Any, Counted]:
    """Counts of `graduates` per group (`by`; None: all together, under the key 0): three
    grouped subqueries joined on the group key (per-interview subqueries cost a lookup each and
    pushed PostgreSQL past its JIT threshold: docs/performance.md)."""
    # As of today: a thank-you or follow-up dated later (an earlier `--today`) is not made yet.
    today = ctx.clock.today()
    completed = Interview.status == InterviewStatus.COMPLETED
    thanked = Interview.thank_you_sent_on.is_not(None) & (Interview.thank_you_sent_on <= today)
    granted = Interview.follow_up_permission == FollowUpPermission.GRANTED
    asked = Interview.follow_up_permission.in_(
        [FollowUpPermission.GRANTED, FollowUpPermission.DECLINED]
    )
    window = literal(ctx.settings.thank_you_window_days)
    # A granted follow-up's first one falls due a cadence after the meeting (DESIGN.md).
    fell_due = Interview.meeting_date <= today - timedelta(days=ctx.settings.follow_up_cadence_days)
    on_time = days_between(Interview.thank_you_sent_on, Interview.meeting_date) <= window
    # The interviews a prep score averages over: planned and completed ones.
    counted_for_prep = Interview.status.in_([InterviewStatus.PLANNED, InterviewStatus.COMPLETED])
    flags = {
        "planned": Interview.status == InterviewStatus.PLANNED,
        "completed": completed,
        "thank_you_recorded": completed & thanked,
        "thank_you_on_time": completed & thanked & on_time,
        "follow_up_asked": completed & asked,
        "follow_up_granted": completed & granted,
        # The denominator's first half; the followed-up ones not yet due are added below.
        "follow_up_fell_due": completed & granted & fell_due,
        "with_notes": completed & ~is_blank(Interview.notes),
        "prep_counted": counted_for_prep,
    }
    totals = _scoped(
        [func.sum(_flag(condition)).label(name) for name, condition in flags.items()],
        graduates,
        period,
        by,
        today,
    ).subquery("totals")
    ticked = _scoped([func.count().label("ticks")], graduates, period, by, today)
    ticked = (
        ticked.join(ChecklistTick, ChecklistTick.interview_id == Interview.id)
        .where(counted_for_prep, unindexed(ChecklistTick.item_id).in_(active_prep_items()))
        .subquery("ticked")
    )
    followed = _scoped(
        [
            func.count(func.distinct(Interview.id)).label("followed_up"),
            # Followed up before the first one fell due: in the denominator all the same.
            func.count(func.distinct(case((~fell_due, Interview.id)))).label("followed_early"),
        ],
        graduates,
        period,
        by,
        today,
    )
    followed = (
        followed.join(FollowUp, FollowUp.interview_id == Interview.id)
        .where(completed, granted, FollowUp.deleted_at.is_(None), FollowUp.date <= today)
        .subquery("followed")
    )
    # Every graduate (or cohort) in scope gets a row, with or without interviews.
    keys: Any = totals
    if by is GroupBy.GRADUATE:
        keys = select(Graduate.id.label("key")).where(Graduate.id.in_(graduates)).subquery()
    elif by is GroupBy.COHORT:
        keys = (
            select(Graduate.cohort_id.label("key"))
            .where(Graduate.id.in_(graduates))
            .distinct()
            .subquery()
        )
    active = select(func.count()).select_from(active_prep_items().subquery()).scalar_subquery()
    query = select(
        keys.c.key,
        *[totals.c[name] for name in flags],
        ticked.c.ticks,
        followed.c.followed_up,
        followed.c.followed_early,
        active.label("active_items"),
    ).select_from(keys)
    if keys is not totals:
        query = query.outerjoin(totals, totals.c.key == keys.c.key)
    query = query.outerjoin(ticked, ticked.c.key == keys.c.key).outerjoin(
        followed, followed.c.key == keys.c.key
    )
    result: dict[Any, Counted] = {}
    for row in session.execute(query).mappings():
        counts = {name: int(row[name] or 0) for name in flags}
        counts["followed_up"] = int(row["followed_up"] or 0)
        counts["follow_up_fell_due"] += int(row["followed_early"] or 0)
        result[_key(row["key"], by)] = Counted(
            counts, int(row["ticks"] or 0), int(row["active_items"] or 0)
        )
    return result


@dataclass(frozen=True)
class Counted:
    """One group's counts as summed in SQL, before any division: groups add up (days into
    weeks, months and periods) and give their rates after."""

    counts: dict[str, int]
    ticks: int
    active_items: int

    def rates(self) -> Rates:
        counted = self.counts["prep_counted"]
        # The mean over counted interviews of ticked / active items, as one division.
        score = (
            self.ticks / (self.active_items * counted) if self.active_items and counted else None
        )
        return Rates.from_counts(self.counts, score)


def combined(groups: Iterable[Counted]) -> Counted:
    """The groups' counts together (no group: no interview)."""
    counts = dict.fromkeys((*COUNTS, "prep_counted"), 0)
    ticks, active_items = 0, 0
    for group in groups:
        for name, value in group.counts.items():
            counts[name] += value
        ticks += group.ticks
        active_items = group.active_items
    return Counted(counts, ticks, active_items)


def _key(value: Any, by: GroupBy | None) -> Any:
    if by in (GroupBy.WEEK, GroupBy.MONTH, GroupBy.DAY) and isinstance(value, str):
        return date.fromisoformat(value)
    return value
