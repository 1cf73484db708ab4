"""Needs a nudge (DESIGN.md, "Figures, defined once"): graduates with a due item overdue by
`nudge_overdue_days` or more, or inactive, unless nudged in the last `nudge_quiet_days`."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import Date, Select, bindparam, func, select
from sqlalchemy.orm import Session

from networkit_core.access import require_role
from networkit_core.actor import Actor
from networkit_core.context import Context
from networkit_core.figures.due import DueItem, DueReason, due_items
from networkit_core.figures.scope import GRADUATE_IDS, FigureScope, Graduates, graduate_ids, within
from networkit_core.figures.sql import as_date, utc_date
from networkit_core.models import CoachingComment, Cohort, CommentKind, Graduate, Role


@dataclass(frozen=True)
class NudgeLine:
    graduate_id: int
    graduate_name: str
    graduate_email: str
    cohort_name: str
    reasons: tuple[DueItem, ...]  # the items that put the graduate on the list
    overdue_since: date  # earliest fell_due_on among those reasons
    last_nudged_on: date | None

    @property
    def most_overdue_days(self) -> int:
        """How many days the most overdue of the reasons is late (0: fell due today)."""
        return max(item.days_overdue for item in self.reasons)


def needs_nudge(ctx: Context, actor: Actor, scope: FigureScope) -> list[NudgeLine]:
    """The graduates in `scope` an advisor should nudge today, most overdue first."""
    require_role(actor, Role.ADVISOR, Role.ADMIN)
    with ctx.unit_of_work() as session:
        return nudge_lines(ctx, session, graduate_ids(session, actor, scope))


def puts_on_the_list(item: DueItem, today: date, overdue_days: int) -> bool:
    """Inactivity always calls for the advisor; any other item once it is long overdue."""
    return item.reason is DueReason.INACTIVE or item.fell_due_on <= today - timedelta(
        days=overdue_days
    )


def nudge_lines(
    ctx: Context,
    session: Session,
    graduates: Graduates,
    due: Sequence[DueItem] | None = None,
) -> list[NudgeLine]:
    """The nudge list of these graduates; `due` is their due items when the caller has them."""
    today = ctx.clock.today()
    settings = ctx.settings
    if due is None:
        due = due_items(ctx, session, graduates, overdue_days=settings.nudge_overdue_days)
    reasons: dict[int, list[DueItem]] = {}
    for item in due:
        if puts_on_the_list(item, today, settings.nudge_overdue_days):
            reasons.setdefault(item.graduate_id, []).append(item)
    if not reasons:
        return []
    nudged = _last_nudges(session, list(reasons), today)
    quiet_from = today - timedelta(days=settings.nudge_quiet_days)
    lines = []
    for graduate_id, items in reasons.items():
        cohort, last = nudged[graduate_id]
        if last is not None and last > quiet_from:
            continue  # nudged in the last days: give the graduate time to act
        first = items[0]
        lines.append(
            NudgeLine(
                graduate_id,
                first.graduate_name,
                first.graduate_email,
                cohort,
                tuple(items),
                min(item.fell_due_on for item in items),
                last,
            )
        )
    lines.sort(key=lambda line: (line.overdue_since, line.graduate_name.lower(), line.graduate_id))
    return lines


def _last_nudges(
    session: Session, graduate_ids: list[int], today: date
) -> dict[int, tuple[str, date | None]]:
    """Per graduate: the cohort's name and the day of the latest live nudge recorded by today."""
    rows = session.connection().execute(
        _last_nudges_query(), {GRADUATE_IDS.key: graduate_ids, "today": today}
    )
    return {graduate: (cohort, as_date(last)) for graduate, cohort, last in rows}


@functools.cache
def _last_nudges_query() -> Select[tuple[int, str, date | None]]:
    """Built once, the ids one parameter (`scope.GRADUATE_IDS`), however many are listed."""
    nudged_on = utc_date(CoachingComment.created_at)
    return (
        select(Graduate.id, Cohort.name, func.max(nudged_on))
        .join(Cohort, Cohort.id == Graduate.cohort_id)
        .outerjoin(
            CoachingComment,
            (CoachingComment.graduate_id == Graduate.id)
            & (CoachingComment.kind == CommentKind.NUDGE)
            & CoachingComment.deleted_at.is_(None)
            & (nudged_on <= bindparam("today", type_=Date())),
        )
        .where(within(Graduate.id, GRADUATE_IDS))
        .group_by(Graduate.id, Cohort.name)
    )
