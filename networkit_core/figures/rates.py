"""Counts and rates (DESIGN.md, "Figures, defined once"), from one grouped SQL query.

`interview_facts` turns each live interview in scope into 0/1 flags (is it completed, has a
thank-you, ...); `grouped_rates` sums the flags with GROUP BY graduate, cohort, week or nothing.
Every figure on the dashboard, in the cohort report and on the command line comes from here.
"""

from __future__ import annotations

import enum
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from sqlalchemy import Float, Select, Subquery, case, cast, exists, func, literal, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from networkit_core.actor import Actor
from networkit_core.context import Context
from networkit_core.figures.scope import ALL_TIME, FigureScope, Period, graduate_ids
from networkit_core.figures.sql import days_between, is_blank, month_start, week_start
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


class GroupBy(enum.StrEnum):
    GRADUATE = "graduate"
    COHORT = "cohort"
    WEEK = "week"
    MONTH = "month"


# The 0/1 flags summed per group, in the order of `Rates`' count fields.
COUNTS = (
    "planned",
    "completed",
    "thank_you_recorded",
    "thank_you_on_time",
    "follow_up_asked",
    "follow_up_granted",
    "followed_up",
    "with_notes",
)


def rate(numerator: int, denominator: int) -> float | None:
    return None if denominator == 0 else numerator / denominator


@dataclass(frozen=True)
class Rates:
    """Counts and rates for one group; a rate whose denominator is 0 is None (undefined).

    `planned` counts interviews whose status is planned (not yet held).
    """

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
    followed_up: int = 0
    with_notes: int = 0

    @classmethod
    def from_counts(cls, counts: dict[str, int], prep_score: float | None) -> Rates:
        completed = counts["completed"]
        return cls(
            planned=counts["planned"],
            completed=completed,
            thank_you_rate=rate(counts["thank_you_recorded"], completed),
            on_time_thank_you_rate=rate(counts["thank_you_on_time"], completed),
            follow_up_asked_rate=rate(counts["follow_up_asked"], completed),
            follow_up_completion_rate=rate(counts["followed_up"], counts["follow_up_granted"]),
            notes_rate=rate(counts["with_notes"], completed),
            prep_score=prep_score,
            thank_you_recorded=counts["thank_you_recorded"],
            thank_you_on_time=counts["thank_you_on_time"],
            follow_up_asked=counts["follow_up_asked"],
            follow_up_granted=counts["follow_up_granted"],
            followed_up=counts["followed_up"],
            with_notes=counts["with_notes"],
        )

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
    """Counts and rates per graduate id, cohort id, week start (a Monday) or month start.

    Every graduate (or cohort) in scope has an entry, with zero counts when it has no
    interviews; weeks and months appear only when an interview was met in them (see `series`).
    """
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


def interview_facts(ctx: Context, graduates: Select[tuple[int]], period: Period) -> Subquery:
    """One row per live interview of `graduates` met in `period`, its figures as 0/1 flags."""
    completed = Interview.status == InterviewStatus.COMPLETED
    thanked = Interview.thank_you_sent_on.is_not(None)
    granted = Interview.follow_up_permission == FollowUpPermission.GRANTED
    asked = Interview.follow_up_permission.in_(
        [FollowUpPermission.GRANTED, FollowUpPermission.DECLINED]
    )
    window = literal(ctx.settings.thank_you_window_days)
    followed = exists().where(FollowUp.interview_id == Interview.id, FollowUp.deleted_at.is_(None))
    counted_for_prep = Interview.status.in_([InterviewStatus.PLANNED, InterviewStatus.COMPLETED])
    return (
        select(
            Interview.graduate_id,
            week_start(Interview.meeting_date).label("week"),
            month_start(Interview.meeting_date).label("month"),
            _flag(Interview.status == InterviewStatus.PLANNED).label("planned"),
            _flag(completed).label("completed"),
            _flag(completed & thanked).label("thank_you_recorded"),
            _flag(
                completed
                & thanked
                & (days_between(Interview.thank_you_sent_on, Interview.meeting_date) <= window)
            ).label("thank_you_on_time"),
            _flag(completed & asked).label("follow_up_asked"),
            _flag(completed & granted).label("follow_up_granted"),
            _flag(completed & granted & followed).label("followed_up"),
            _flag(completed & ~is_blank(Interview.notes)).label("with_notes"),
            case((counted_for_prep, prep_ticks()), else_=None).label("prep_ticks"),
        )
        .where(
            Interview.deleted_at.is_(None),
            Interview.graduate_id.in_(graduates),
            period.meeting_filter(),
        )
        .subquery("interview_facts")
    )


def grouped_rates(
    ctx: Context,
    session: Session,
    graduates: Select[tuple[int]],
    period: Period,
    by: GroupBy | None,
) -> dict[Any, Rates]:
    """Rates of `graduates` per group (`by`), or all together under the key None."""
    facts = interview_facts(ctx, graduates, period)
    active = active_prep_count(session)
    sums = [func.coalesce(func.sum(facts.c[name]), 0).label(name) for name in COUNTS]
    # Each interview's prep score is ticks / active items; averaged over the interviews that
    # count (AVG skips the NULLs of cancelled and no-show ones). No active item: undefined.
    prep = (
        func.avg(cast(facts.c.prep_ticks, Float) / literal(active)) if active else literal(None)
    ).label("prep_score")
    if by is None:
        query = select(literal(None).label("key"), *sums, prep).select_from(facts)
    elif by in (GroupBy.WEEK, GroupBy.MONTH):
        period_start = facts.c[by.value]
        query = select(period_start.label("key"), *sums, prep).group_by(period_start)
    else:
        key = Graduate.id if by is GroupBy.GRADUATE else Graduate.cohort_id
        query = (
            select(key.label("key"), *sums, prep)
            .select_from(Graduate)
            .outerjoin(facts, facts.c.graduate_id == Graduate.id)
            .where(Graduate.id.in_(graduates))
            .group_by(key)
        )
    result: dict[Any, Rates] = {}
    for row in session.execute(query).mappings():
        counts = {name: int(row[name]) for name in COUNTS}
        score = None if row["prep_score"] is None else float(row["prep_score"])
        result[_key(row["key"], by)] = Rates.from_counts(counts, score)
    if by is None and None not in result:
        result[None] = NO_INTERVIEWS
    return result


def _key(value: Any, by: GroupBy | None) -> Any:
    if by in (GroupBy.WEEK, GroupBy.MONTH) and isinstance(value, str):
        return date.fromisoformat(value)
    return value
