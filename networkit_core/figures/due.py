"""Due today: what each graduate should do next (DESIGN.md, "Figures, defined once").

One SQL query per reason keeps the rows due today (active graduates of active cohorts; never a
cancelled or no-show interview); a fact dated after "today" (`--today`) is not yet recorded.
Each item's words are made here only: pages, e-mails and the command line show them as they are.
The rows are read through the session's connection (plain Core rows): the ORM's row handling
made the nudge list of 2,000 graduates twice its hand-written floor (bench/triage.py).
"""

from __future__ import annotations

import enum
import functools
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import (
    BindParameter,
    Date,
    Integer,
    Select,
    Subquery,
    bindparam,
    func,
    select,
    union_all,
)
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from networkit_core.actor import Actor
from networkit_core.context import Context
from networkit_core.dates import relative, written
from networkit_core.figures.rates import active_prep_items, prep_ticks
from networkit_core.figures.scope import (
    GRADUATE_IDS,
    ID_PARAMETER_LIMIT,
    Among,
    FigureScope,
    Graduates,
    graduate_ids,
    pinned,
    within,
)
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
from networkit_core.settings import Settings


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


@dataclass(frozen=True, slots=True)
class DueItem:
    graduate_id: int
    graduate_name: str
    graduate_email: str
    reason: DueReason
    interview_id: str | None  # the interview's text id (`Interview.public_id`)
    fell_due_on: date
    days_overdue: int  # 0 when it fell due today
    # The database row, for a page that calls a service with it; never shown or exported.
    interview_row_id: int | None = None
    # What the words are made of (see `_WORDS`): a list of 2,000 graduates holds thousands of
    # items and shows a page of them, so the sentences are written only when read.
    facts: tuple[Any, ...] = ()

    @property
    def message(self) -> str:
        """The whole sentence, with its dates written as people read them."""
        return _WORDS[self.reason](self, *self.facts)[0]

    @property
    def when(self) -> str:
        """When it is, in a few words: "1 day overdue", or for a meeting ahead "tomorrow,
        checklist 0 of 8" (a meeting not held yet is never "overdue")."""
        return _WORDS[self.reason](self, *self.facts)[1]

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


def due_items(
    ctx: Context, session: Session, graduates: Select[tuple[int]], *, overdue_days: int = 0
) -> list[DueItem]:
    """The items due today of `graduates`, most overdue first. With `overdue_days`, only those
    overdue by that many days or more, and every inactivity: what puts a graduate on the nudge
    list (`nudges.puts_on_the_list`), said in SQL so that the rest are never read."""
    settings = ctx.settings
    today = ctx.clock.today()
    due_by = today - timedelta(days=overdue_days)  # the latest day an item may have fallen due
    listed = pinned(session, listed_graduates(graduates), ID_PARAMETER_LIMIT)
    if isinstance(listed, Select):
        queries = _queries(listed)
        params: dict[str, Any] = {}
    else:
        queries = _pinned_queries()
        params = {GRADUATE_IDS.key: list(listed)}
    params |= {
        "today": today,
        # Each reason's bound on the day it fell due, said of its own dates: e.g. a thank-you
        # fell due the day after the window closed, so by `due_by` when met before due_by - window.
        "thanked_before": due_by - timedelta(days=settings.thank_you_window_days),
        "touched_by": due_by - timedelta(days=settings.follow_up_cadence_days),
        "follow_up_limit": settings.follow_up_limit,
        "plan_from": today - timedelta(days=settings.follow_up_plan_days),
        "meeting_by": due_by + timedelta(days=settings.meeting_soon_days),
        "met_before": due_by,
        "idle_since": today - timedelta(days=settings.inactivity_days),
    }
    run = session.connection().execute
    items = [
        *_thank_you_items(run(queries.thank_you, params), today, settings),
        *_follow_up_items(run(queries.follow_up, params), today, settings),
        # A meeting ahead falls due `meeting_soon_days` before it: never overdue by more.
        *(
            _meeting_soon_items(run(queries.meeting_soon, params), today, settings)
            if params["meeting_by"] >= today
            else ()
        ),
        *_outcome_items(run(queries.outcome, params), today),
        *_inactive_items(run(queries.inactive, params), today, settings),
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


def _activity_days(
    live: ColumnElement[bool], today: date | BindParameter[date], with_follow_ups: bool
) -> list[Select[Any]]:
    """The days of activity (see `last_activity`) of the interviews `live` keeps."""
    live = live & Interview.deleted_at.is_(None)
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
    return days


def last_activity(
    graduates: Among, today: date | BindParameter[date], *, with_follow_ups: bool
) -> Subquery:
    """Per graduate: the latest day, by today, an interview was logged (created) or held
    (completed), and, `with_follow_ups`, a follow-up was made. Soft-deleted rows ignored; a row
    logged after today (an import, seen from an earlier `--today`) is no activity yet."""
    days = _activity_days(within(Interview.graduate_id, graduates), today, with_follow_ups)
    activity = union_all(*days).subquery("activity")
    return (
        select(activity.c.graduate_id, func.max(activity.c.day).label("last_on"))
        .group_by(activity.c.graduate_id)
        .subquery("last_activity")
    )


def last_activity_of(
    graduate_id: ColumnElement[int], today: BindParameter[date], *, with_follow_ups: bool
) -> ColumnElement[Any]:
    """`last_activity` of the graduate of the outer query, read through the interviews' index:
    the grouped form, planned for 100 graduates, made PostgreSQL start parallel workers."""
    days = [
        day.correlate(Graduate)
        for day in _activity_days(Interview.graduate_id == graduate_id, today, with_follow_ups)
    ]
    activity = union_all(*days).subquery("activity")
    return select(func.max(activity.c.day)).scalar_subquery()


def _graduate_columns() -> tuple[Any, ...]:
    return (Graduate.id, User.first_name, User.last_name, User.email)


def _name(first: str, last: str) -> str:
    return f"{first} {last}".strip()


def _who(contact: str, organization: str | None) -> str:
    return f"{contact} ({organization})" if organization else contact


def _thank_you_words(
    item: DueItem, contact: str, organization: str | None, meeting: date
) -> tuple[str, str]:
    return (
        f"Thank-you to {_who(contact, organization)} not recorded; meeting was {written(meeting)}",
        # Late since the day after the window closed: on that day, 1 day overdue.
        overdue(item.days_overdue + 1),
    )


def _follow_up_words(
    item: DueItem, contact: str, organization: str | None, touch: date, followed: bool
) -> tuple[str, str]:
    since = f"last follow-up was {written(touch)}" if followed else f"meeting was {written(touch)}"
    return f"Follow-up with {_who(contact, organization)} due; {since}", overdue(item.days_overdue)


def _meeting_soon_words(
    item: DueItem, contact: str, organization: str | None, meeting: date, ticks: int, of: int
) -> tuple[str, str]:
    on = relative(meeting, item.fell_due_on + timedelta(days=item.days_overdue))
    return (
        f"Meeting with {_who(contact, organization)} {on}, {written(meeting)}: "
        f"checklist {ticks} of {of} done",
        f"{on}, checklist {ticks} of {of}",
    )


def _outcome_words(
    item: DueItem, contact: str, organization: str | None, meeting: date
) -> tuple[str, str]:
    today = item.fell_due_on + timedelta(days=item.days_overdue)
    return (
        f"Meeting with {_who(contact, organization)} on {written(meeting)} is still planned: "
        "record whether it was held, cancelled or missed",
        f"meeting {relative(meeting, today)}",
    )


def _inactive_words(item: DueItem, since: date, joined: bool) -> tuple[str, str]:
    today = item.fell_due_on + timedelta(days=item.days_overdue)
    text = (
        f"No interview logged or held since joining on {written(since)}"
        if joined
        else f"No interview logged or held since {written(since)}"
    )
    return text, f"nothing for {(today - since).days} days"


# Each reason's words from its item and `DueItem.facts`; "today" is when it fell due plus how
# many days it is overdue.
_WORDS: dict[DueReason, Callable[..., tuple[str, str]]] = {
    DueReason.THANK_YOU_OVERDUE: _thank_you_words,
    DueReason.FOLLOW_UP_DUE: _follow_up_words,
    DueReason.MEETING_SOON_UNPREPARED: _meeting_soon_words,
    DueReason.OUTCOME_MISSING: _outcome_words,
    DueReason.INACTIVE: _inactive_words,
}


@dataclass(frozen=True)
class _Queries:
    """One statement per reason; their parameters are named in `due_items`."""

    thank_you: Select[Any]
    follow_up: Select[Any]
    meeting_soon: Select[Any]
    outcome: Select[Any]
    inactive: Select[Any]


@functools.cache
def _pinned_queries() -> _Queries:
    """The statements of a pinned scope, built once: only their parameters change."""
    return _queries(GRADUATE_IDS)


def _queries(graduates: Among) -> _Queries:
    today = bindparam("today", type_=Date())
    return _Queries(
        _thank_you_query(graduates, today),
        _follow_up_query(graduates, today),
        _meeting_soon_query(graduates, today),
        _interviews(graduates).where(
            Interview.status == InterviewStatus.PLANNED,
            # fell due (the day after the meeting) by `due_by`  <=>  met before due_by
            Interview.meeting_date < bindparam("met_before", type_=Date()),
        ),
        _inactive_query(graduates, today),
    )


def _interviews(graduates: Among) -> Select[Any]:
    """An interview of `graduates` with its graduate and contact (`_InterviewRow`'s columns)."""
    return (
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
        # Said of both sides, so that the graduates are read by their key rather than scanned.
        .where(
            Interview.deleted_at.is_(None),
            within(Interview.graduate_id, graduates),
            within(Graduate.id, graduates),
        )
    )


def _thank_you_query(graduates: Among, today: BindParameter[date]) -> Select[Any]:
    return _interviews(graduates).where(
        Interview.status == InterviewStatus.COMPLETED,
        # Not recorded by today: a thank-you dated later is not sent yet, seen from today.
        Interview.thank_you_sent_on.is_(None) | (Interview.thank_you_sent_on > today),
        # fell due (meeting + window + 1) by `due_by`  <=>  met before due_by - window
        Interview.meeting_date < bindparam("thanked_before", type_=Date()),
    )


def _follow_up_query(graduates: Among, today: BindParameter[date]) -> Select[Any]:
    # The interview's own follow-ups, by today, through their index (interview, date): grouping
    # them for the whole scope first made PostgreSQL read every follow-up of the installation.
    live = (
        (FollowUp.interview_id == Interview.id)
        & FollowUp.deleted_at.is_(None)
        & (FollowUp.date <= today)
    )
    last_follow_up = select(func.max(FollowUp.date)).where(live).scalar_subquery()
    follow_ups = select(func.count()).where(live).scalar_subquery()
    touched_by = bindparam("touched_by", type_=Date())
    return (
        _interviews(graduates)
        .add_columns(last_follow_up.label("last_follow_up"))
        .where(
            Interview.status == InterviewStatus.COMPLETED,
            Interview.follow_up_permission == FollowUpPermission.GRANTED,
            # fell due (the last touch, meeting or follow-up, + cadence) by `due_by`
            Interview.meeting_date <= touched_by,
            ~select(FollowUp.id).where(live, FollowUp.date > touched_by).exists(),
            # the plan has ended after enough follow-ups, or enough days after the meeting
            follow_ups < bindparam("follow_up_limit", type_=Integer()),
            Interview.meeting_date >= bindparam("plan_from", type_=Date()),
        )
    )


def _meeting_soon_query(graduates: Among, today: BindParameter[date]) -> Select[Any]:
    ticks = prep_ticks()
    # No checklist in force (0 items): nothing can be under half done.
    active = select(func.count()).select_from(active_prep_items().subquery()).scalar_subquery()
    return (
        _interviews(graduates)
        .add_columns(ticks.label("ticks"), active.label("active"))
        .where(
            Interview.status == InterviewStatus.PLANNED,
            Interview.meeting_date >= today,
            # fell due (`meeting_soon_days` before the meeting) by `due_by`
            Interview.meeting_date <= bindparam("meeting_by", type_=Date()),
            ticks * 2 < active,  # under half done, in whole numbers
        )
    )


def _inactive_query(graduates: Among, today: BindParameter[date]) -> Select[Any]:
    last_on = last_activity_of(Graduate.id, today, with_follow_ups=False)
    since = func.coalesce(last_on, utc_date(User.created_at))
    return (
        select(*_graduate_columns(), last_on.label("last_on"), since.label("since"))
        .join(User, User.id == Graduate.user_id)
        .where(within(Graduate.id, graduates), since <= bindparam("idle_since", type_=Date()))
    )


# The rows into items: plain tuples unpacked, the words kept as facts (`DueItem.facts`).


def _thank_you_items(rows: Iterable[Any], today: date, settings: Settings) -> list[DueItem]:
    late = timedelta(days=settings.thank_you_window_days + 1)
    reason = DueReason.THANK_YOU_OVERDUE
    items = []
    for graduate, first, last, email, row_id, public_id, meeting, contact, place in rows:
        fell_due = meeting + late
        items.append(
            DueItem(
                graduate,
                _name(first, last),
                email,
                reason,
                public_id,
                fell_due,
                (today - fell_due).days,
                row_id,
                (contact, place, meeting),
            )
        )
    return items


def _follow_up_items(rows: Iterable[Any], today: date, settings: Settings) -> list[DueItem]:
    every = timedelta(days=settings.follow_up_cadence_days)
    reason = DueReason.FOLLOW_UP_DUE
    items = []
    for row in rows:
        graduate, first, last, email, row_id, public_id, meeting, contact, place, lately = row
        lately = as_date(lately)
        touch = meeting if lately is None or lately < meeting else lately  # the later
        fell_due = touch + every
        items.append(
            DueItem(
                graduate,
                _name(first, last),
                email,
                reason,
                public_id,
                fell_due,
                (today - fell_due).days,
                row_id,
                # "last follow-up was ..." once a follow-up is the latest touch
                (contact, place, touch, lately is not None and touch != meeting),
            )
        )
    return items


def _meeting_soon_items(rows: Iterable[Any], today: date, settings: Settings) -> list[DueItem]:
    ahead = timedelta(days=settings.meeting_soon_days)
    reason = DueReason.MEETING_SOON_UNPREPARED
    items = []
    for row in rows:
        graduate, first, last, email, row_id, public_id, meeting, contact, place = row[:9]
        fell_due = meeting - ahead
        items.append(
            DueItem(
                graduate,
                _name(first, last),
                email,
                reason,
                public_id,
                fell_due,
                (today - fell_due).days,
                row_id,
                (contact, place, meeting, row[9], row[10]),
            )
        )
    return items


def _outcome_items(rows: Iterable[Any], today: date) -> list[DueItem]:
    day = timedelta(days=1)
    reason = DueReason.OUTCOME_MISSING
    items = []
    for graduate, first, last, email, row_id, public_id, meeting, contact, place in rows:
        fell_due = meeting + day
        items.append(
            DueItem(
                graduate,
                _name(first, last),
                email,
                reason,
                public_id,
                fell_due,
                (today - fell_due).days,
                row_id,
                (contact, place, meeting),
            )
        )
    return items


def _inactive_items(rows: Iterable[Any], today: date, settings: Settings) -> list[DueItem]:
    idle = timedelta(days=settings.inactivity_days)
    reason = DueReason.INACTIVE
    items = []
    for graduate, first, last, email, last_on, quiet_since in rows:
        since = as_date(quiet_since)
        fell_due = since + idle
        items.append(
            DueItem(
                graduate,
                _name(first, last),
                email,
                reason,
                None,
                fell_due,
                (today - fell_due).days,
                None,
                (since, last_on is None),
            )
        )
    return items
