"""The cohort report: one row per graduate, from the dashboard's own rates and due items."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from networkit_core.actor import Actor
from networkit_core.context import Context
from networkit_core.figures.due import DueItem, due_items, last_activity
from networkit_core.figures.rates import (
    NO_INTERVIEWS,
    RATE_NAMES,
    GroupBy,
    grouped_rates,
    rate_help,
)
from networkit_core.figures.scope import (
    ALL_TIME,
    FigureScope,
    Graduates,
    Period,
    graduate_ids,
    pinned,
)
from networkit_core.figures.sql import as_date
from networkit_core.models import Cohort, Graduate, User
from networkit_core.settings import Settings


@dataclass(frozen=True)
class CohortReportRow:
    """Fields in the order and with the names of the cohort-report CSV columns."""

    graduate_email: str
    first_name: str
    last_name: str
    cohort: str
    interviews_planned: int
    interviews_completed: int
    thank_you_rate: float | None
    on_time_thank_you_rate: float | None
    follow_up_asked_rate: float | None
    follow_up_completion_rate: float | None
    notes_rate: float | None
    prep_score: float | None
    # The latest interview logged or held, or follow-up made, by today; None without any.
    last_activity_on: date | None
    due_items: int

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


# The report's counts by the names every output gives them (the dashboard's table, the command
# line); the rates' names are `RATE_NAMES`.
COUNT_NAMES = {
    "interviews_planned": "Planned",
    "interviews_completed": "Held",
    "due_items": "Due items",
}


def report_column_help(settings: Settings) -> dict[str, str]:
    """What each cohort-report column holds, in people's words, by its canonical name (the
    headers stay DESIGN.md's names; this is their help)."""
    rate_cell = "A fraction from 0 to 1 (4 decimals); empty where there is nothing to count."
    return {
        "graduate_email": "The graduate's e-mail address.",
        "first_name": "First name.",
        "last_name": "Last name.",
        "cohort": "The graduate's cohort.",
        "interviews_planned": "Interviews planned, not held yet.",
        "interviews_completed": "Interviews held.",
        **{
            key: f"{name}. {rate_help(key, settings)} {rate_cell}"
            for key, name in RATE_NAMES.items()
        },
        "last_activity_on": (
            "The last day an interview was logged or held, or a follow-up made (YYYY-MM-DD)."
        ),
        "due_items": "How many items are due today (thank-yous, follow-ups, meetings, outcomes).",
    }


def cohort_report(
    ctx: Context, actor: Actor, cohort_id: int | None = None
) -> list[CohortReportRow]:
    """Every graduate of `cohort_id` (all the actor may read when None), all time."""
    scope = FigureScope.everything() if cohort_id is None else FigureScope.cohort(cohort_id)
    return graduate_rows(ctx, actor, scope)


def graduate_rows(
    ctx: Context, actor: Actor, scope: FigureScope, period: Period = ALL_TIME
) -> list[CohortReportRow]:
    """Cohort-report rows for `scope`; `period` limits the counts and rates (activity and due
    items are about today, whatever the period). Sorted by cohort, last and first name."""
    with ctx.unit_of_work() as session:
        graduates = graduate_ids(session, actor, scope)
        return report_rows(ctx, session, graduates, period)


def report_rows(
    ctx: Context,
    session: Session,
    graduates: Graduates,
    period: Period,
    due: Sequence[DueItem] | None = None,
) -> list[CohortReportRow]:
    """One row per graduate; `due` is these graduates' due items when the caller has them."""
    graduates = pinned(session, graduates)
    by_graduate = grouped_rates(ctx, session, graduates, period, GroupBy.GRADUATE)
    if due is None:
        due = due_items(ctx, session, graduates)
    due_count = Counter(item.graduate_id for item in due)
    last = last_activity(graduates, ctx.clock.today(), with_follow_ups=True)
    query = (
        select(
            Graduate.id,
            User.email,
            User.first_name,
            User.last_name,
            Cohort.name.label("cohort"),
            last.c.last_on,
        )
        .join(User, User.id == Graduate.user_id)
        .join(Cohort, Cohort.id == Graduate.cohort_id)
        .outerjoin(last, last.c.graduate_id == Graduate.id)
        .where(Graduate.id.in_(graduates))
        .order_by(Cohort.name, User.last_name, User.first_name, User.email)
    )
    rows = []
    for row in session.execute(query):
        figures = by_graduate.get(row.id, NO_INTERVIEWS)
        rows.append(
            CohortReportRow(
                graduate_email=row.email,
                first_name=row.first_name,
                last_name=row.last_name,
                cohort=row.cohort,
                interviews_planned=figures.planned,
                interviews_completed=figures.completed,
                thank_you_rate=figures.thank_you_rate,
                on_time_thank_you_rate=figures.on_time_thank_you_rate,
                follow_up_asked_rate=figures.follow_up_asked_rate,
                follow_up_completion_rate=figures.follow_up_completion_rate,
                notes_rate=figures.notes_rate,
                prep_score=figures.prep_score,
                last_activity_on=as_date(row.last_on),
                due_items=due_count[row.id],
            )
        )
    return rows
