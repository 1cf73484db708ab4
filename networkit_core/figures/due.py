"""Due today: what each graduate should do next (DESIGN.md, "Figures, defined once").

One SQL query per reason keeps the rows due today (active graduates of active cohorts; never a
cancelled or no-show interview); a fact dated after "today" (`--today`) is not yet recorded.
Each item's words are made here only: pages, e-mails and the command line show them as they are.
The rows are read through the session's connection (plain Core rows): the ORM's row handling
made the nudge list of 2,000 graduates twice its hand-written floor (bench/triage.py).
"""

from __future__ import annotations

import enum
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Select, Subquery, case, func, literal, select, union_all
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from networkit_core.actor import Actor
from networkit_core.context import Context
from networkit_core.dates import relative, written
from networkit_core.figures.rates import active_prep_count, prep_ticks
from networkit_core.figures.scope import FigureScope, Graduates, graduate_ids, pinned
from networkit_core.figures.sql import as_date, utc_date
from networkit_core.models import (
    Cohort,
    Contact,
    FollowUp,
    FollowUpPermission,
    Graduate,
    Interview,
    InterviewStatus,
    User,
)


class DueReason(enum.StrEnum):
    THANK_YOU_OVERDUE = "thank_you_overdue"
    FOLLOW_UP_DUE = "follow_up_due"
    MEETING_SOON_UNPREPARED = "meeting_soon_unprepared"
    OUTCOME_MISSING = "outcome_missing"
    INACTIVE = "inactive"


REASON_ORDER = {reason: position for position, reason in enumerate(DueReason)}
# Each reason's name for people, the same on every page, in every e-mail and on the command line.
REASON_NAMES = {
    DueReason.THANK_YOU_OVERDUE: "Thank-you overdue",
    DueReason.FOLLOW_UP_DUE: "Follow-up due",
    DueReason.MEETING_SOON_UNPREPARED: "Meeting soon, not prepared",
    DueReason.OUTCOME_MISSING: "Outcome missing",
    DueReason.INACTIVE: "Inactive",
}


def reasons_line(items: Iterable[DueItem]) -> str:
    """e.g. "Thank-you overdue ×2, Inactive" (in the order of the reasons)."""
    counts = Counter(item.reason for item in items)
    return ", ".join(
        name + (f" ×{counts[reason]}" if counts[reason] > 1 else "")
        for reason, name in REASON_NAMES.items()
        if counts[reason]
    )


def overdue(days: int) -> str:
    """ "due today", "1 day overdue", "3 days overdue"."""
    return "due today" if days <= 0 else f"{days} day{'s' * (days != 1)} overdue"


@dataclass(frozen=True)
class DueItem:
    graduate_id: int
    graduate_name: str
    graduate_email: str
    reason: DueReason
    interview_id: str | None  # the interview's text id (`Interview.public_id`)
    fell_due_on: date
    days_overdue: int  # 0 when it fell due today
    message: str  # the whole sentence, with its dates written as people read them
    # The database row, for a page that calls a service with it; never shown or exported.
    interview_row_id: int | None = None
    # When it is, in a few words: "1 day overdue", or for a meeting ahead "tomorrow, checklist
    # 0 of 8" (a meeting not held yet is never "overdue").
    when: str = ""

    @property
    def name(self) -> str:
        return REASON_NAMES[self.reason]

    @property
    def headline(self) -> str:
        """ "Meeting soon, not prepared · tomorrow, checklist 0 of 8"."""
        return f"{self.name} · {self.when}"

    def as_dict(self) -> dict[str, Any]:
        return {
            "graduate_id": self.graduate_id,
            "graduate_name": self.graduate_name,
            "graduate_email": self.graduate_email,
            "reason": self.reason.value,
            "interview_id": self.interview_id,
            "fell_due_on": self.fell_due_on,
            "days_overdue": self.days_overdue,
            "name": self.name,
            "when": self.when,
            "message": self.message,
        }


def due_today(ctx: Context, actor: Actor, scope: FigureScope) -> list[DueItem]:
    """Every item due today for the graduates in `scope`, most overdue first."""
    with ctx.unit_of_work() as session:
        return due_items(ctx, session, graduate_ids(session, actor, scope))


def listed_graduates(graduates: Graduates) -> Select[tuple[int]]:
    """Of `graduates`, those on the lists: active accounts in cohorts not archived."""
    return (
        select(Graduate.id)
        .join(User, User.id == Graduate.user_id)
        .join(Cohort, Cohort.id == Graduate.cohort_id)
        .where(Graduate.id.in_(graduates), User.is_active.is_(True), Cohort.archived_at.is_(None))
    )


def due_items(ctx: Context, session: Session, graduates: Select[tuple[int]]) -> list[DueItem]:
    today = ctx.clock.today()
    listed = pinned(session, listed_graduates(graduates))
    items = [
        *_thank_you_overdue(ctx, session, listed, today),
        *_follow_up_due(ctx, session, listed, today),
        *_meeting_soon_unprepared(ctx, session, listed, today),
        *_outcome_missing(session, listed, today),
        *_inactive(ctx, session, listed, today),
    ]
    items.sort(
        key=lambda item: (
            item.fell_due_on,
            item.graduate_name.lower(),
            item.graduate_id,
            REASON_ORDER[item.reason],
            item.interview_id or "",
        )
    )
    return items


def later_of(first: ColumnElement[Any], second: ColumnElement[Any]) -> ColumnElement[Any]:
    """The later of two dates, either of which may be NULL (portable GREATEST)."""
    return case(
        (first.is_(None), second),
        (second.is_(None), first),
        (first >= second, first),
        else_=second,
    )


def last_activity(graduates: Graduates, today: date, *, with_follow_ups: bool) -> Subquery:
    """Per graduate: the latest day, by today, an interview was logged (created) or held
    (completed), and, `with_follow_ups`, a follow-up was made. Soft-deleted rows ignored; a row
    logged after today (an import, seen from an earlier `--today`) is no activity yet."""
    live = Interview.deleted_at.is_(None) & Interview.graduate_id.in_(graduates)
    logged = utc_date(Interview.created_at)
    days = [
        select(Interview.graduate_id, logged.label("day")).where(live, logged <= today),
        select(Interview.graduate_id, Interview.meeting_date.label("day")).where(
            live,
            Interview.status == InterviewStatus.COMPLETED,
            Interview.meeting_date <= today,
        ),
    ]
    if with_follow_ups:
        days.append(
            select(Interview.graduate_id, FollowUp.date.label("day"))
            .join(FollowUp, FollowUp.interview_id == Interview.id)
            .where(live, FollowUp.deleted_at.is_(None), FollowUp.date <= today)
        )
    activity = union_all(*days).subquery("activity")
    return (
        select(activity.c.graduate_id, func.max(activity.c.day).label("last_on"))
        .group_by(activity.c.graduate_id)
        .subquery("last_activity")
    )


def _graduate_columns() -> tuple[Any, ...]:
    return (Graduate.id, User.first_name, User.last_name, User.email)


def _item(
    row: Any, reason: DueReason, fell_due_on: date, today: date, text: str, when: str = ""
) -> DueItem:
    """One item; `row` carries the graduate's columns, and the interview's when it is about one.
    `when` defaults to how long it has been due."""
    name = f"{row.first_name} {row.last_name}".strip()
    days = (today - fell_due_on).days
    return DueItem(
        row.id,
        name,
        row.email,
        reason,
        getattr(row, "public_id", None),
        fell_due_on,
        days,
        text,
        getattr(row, "interview_id", None),
        when or overdue(days),
    )


def _who(row: Any) -> str:
    return f"{row.contact_name} ({row.organization})" if row.organization else row.contact_name


def _interviews(graduates: Graduates) -> Select[Any]:
    query = (
        select(
            *_graduate_columns(),
            Interview.id.label("interview_id"),
            Interview.public_id,
            Interview.meeting_date,
            Contact.name.label("contact_name"),
            Contact.organization,
        )
        .join(Graduate, Graduate.id == Interview.graduate_id)
        .join(User, User.id == Graduate.user_id)
        .join(Contact, Contact.id == Interview.contact_id)
        .where(Interview.deleted_at.is_(None), Interview.graduate_id.in_(graduates))
    )
    if isinstance(graduates, Select):
        return query
    # Ids written out (a small scope): said of both sides, so that the graduates are read by
    # their key rather than scanned.
    return query.where(Graduate.id.in_(graduates))


def _thank_you_overdue(
    ctx: Context, session: Session, graduates: Graduates, today: date
) -> list[DueItem]:
    window = ctx.settings.thank_you_window_days
    # today > meeting + window  <=>  meeting < today - window
    query = _interviews(graduates).where(
        Interview.status == InterviewStatus.COMPLETED,
        # Not recorded by today: a thank-you dated later is not sent yet, seen from today.
        Interview.thank_you_sent_on.is_(None) | (Interview.thank_you_sent_on > today),
        Interview.meeting_date < today - timedelta(days=window),
    )
    return [
        _item(
            row,
            DueReason.THANK_YOU_OVERDUE,
            row.meeting_date + timedelta(days=window + 1),
            today,
            f"Thank-you to {_who(row)} not recorded; meeting was {written(row.meeting_date)}",
            # Late since the day after the window closed: on that day, 1 day overdue.
            overdue((today - row.meeting_date).days - window),
        )
        for row in session.connection().execute(query)
    ]


def _follow_up_due(
    ctx: Context, session: Session, graduates: Graduates, today: date
) -> list[DueItem]:
    cadence = ctx.settings.follow_up_cadence_days
    completed_granted = (
        (Interview.status == InterviewStatus.COMPLETED)
        & (Interview.follow_up_permission == FollowUpPermission.GRANTED)
        & Interview.deleted_at.is_(None)
    )
    # Only the follow-ups of the scope's granted interviews: grouping every follow-up of the
    # installation made one cohort's list cost as much as everyone's.
    latest = (
        select(
            FollowUp.interview_id,
            func.max(FollowUp.date).label("last_follow_up"),
            func.count().label("follow_ups"),
        )
        .join(Interview, Interview.id == FollowUp.interview_id)
        .where(
            FollowUp.deleted_at.is_(None),
            FollowUp.date <= today,
            completed_granted,
            Interview.graduate_id.in_(graduates),
        )
        .group_by(FollowUp.interview_id)
        .subquery("latest_follow_up")
    )
    last_touch = later_of(Interview.meeting_date, latest.c.last_follow_up)
    query = (
        _interviews(graduates)
        .add_columns(last_touch.label("last_touch"), latest.c.last_follow_up)
        .outerjoin(latest, latest.c.interview_id == Interview.id)
        .where(
            Interview.status == InterviewStatus.COMPLETED,
            Interview.follow_up_permission == FollowUpPermission.GRANTED,
            # due when today >= last touch + cadence
            last_touch <= today - timedelta(days=cadence),
            # the plan has ended after enough follow-ups, or enough days after the meeting
            func.coalesce(latest.c.follow_ups, 0) < ctx.settings.follow_up_limit,
            Interview.meeting_date >= today - timedelta(days=ctx.settings.follow_up_plan_days),
        )
    )
    items = []
    for row in session.connection().execute(query):
        touch = as_date(row.last_touch)
        since = (
            f"last follow-up was {written(touch)}"
            if row.last_follow_up is not None and touch != row.meeting_date
            else f"meeting was {written(touch)}"
        )
        items.append(
            _item(
                row,
                DueReason.FOLLOW_UP_DUE,
                touch + timedelta(days=cadence),
                today,
                f"Follow-up with {_who(row)} due; {since}",
            )
        )
    return items


def _meeting_soon_unprepared(
    ctx: Context, session: Session, graduates: Graduates, today: date
) -> list[DueItem]:
    soon = ctx.settings.meeting_soon_days
    active = active_prep_count(session)
    if active == 0:
        return []  # no checklist in force: nothing can be under half done
    ticks = prep_ticks()
    query = (
        _interviews(graduates)
        .add_columns(ticks.label("ticks"))
        .where(
            Interview.status == InterviewStatus.PLANNED,
            Interview.meeting_date >= today,
            Interview.meeting_date <= today + timedelta(days=soon),
            ticks * 2 < literal(active),  # under half done, in whole numbers
        )
    )
    items = []
    for row in session.connection().execute(query):
        on = relative(row.meeting_date, today)
        items.append(
            _item(
                row,
                DueReason.MEETING_SOON_UNPREPARED,
                row.meeting_date - timedelta(days=soon),
                today,
                f"Meeting with {_who(row)} {on}, {written(row.meeting_date)}: "
                f"checklist {row.ticks} of {active} done",
                f"{on}, checklist {row.ticks} of {active}",
            )
        )
    return items


def _outcome_missing(session: Session, graduates: Graduates, today: date) -> list[DueItem]:
    query = _interviews(graduates).where(
        Interview.status == InterviewStatus.PLANNED, Interview.meeting_date < today
    )
    return [
        _item(
            row,
            DueReason.OUTCOME_MISSING,
            row.meeting_date + timedelta(days=1),
            today,
            f"Meeting with {_who(row)} on {written(row.meeting_date)} is still planned: "
            "record whether it was held, cancelled or missed",
            f"meeting {relative(row.meeting_date, today)}",
        )
        for row in session.connection().execute(query)
    ]


def _inactive(ctx: Context, session: Session, graduates: Graduates, today: date) -> list[DueItem]:
    days = ctx.settings.inactivity_days
    last = last_activity(graduates, today, with_follow_ups=False)
    since = func.coalesce(last.c.last_on, utc_date(User.created_at))
    query = (
        select(*_graduate_columns(), last.c.last_on, since.label("since"))
        .join(User, User.id == Graduate.user_id)
        .outerjoin(last, last.c.graduate_id == Graduate.id)
        .where(Graduate.id.in_(graduates), since <= today - timedelta(days=days))
    )
    items = []
    for row in session.connection().execute(query):
        since_day = as_date(row.since)
        text = (
            f"No interview logged or held since {written(since_day)}"
            if row.last_on is not None
            else f"No interview logged or held since joining on {written(since_day)}"
        )
        quiet = f"nothing for {(today - since_day).days} days"
        items.append(
            _item(row, DueReason.INACTIVE, since_day + timedelta(days=days), today, text, quiet)
        )
    return items
