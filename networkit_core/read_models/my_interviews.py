"""A graduate's own interviews as their landing page shows them: due, coming up, past. The plan
(thank-you-by, follow-up-by days) is defined here once, for the page, the .ics and the feed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from networkit_core.access import interview_filter, require_role
from networkit_core.actor import Actor
from networkit_core.context import Context
from networkit_core.dates import relative, written
from networkit_core.errors import AccessDenied
from networkit_core.figures.due import DueItem, DueReason, due_items
from networkit_core.models import (
    Cohort,
    Contact,
    FollowUp,
    FollowUpPermission,
    Graduate,
    Interview,
    InterviewStatus,
    Role,
)
from networkit_core.services._input import choice
from networkit_core.services.contacts import CONTACT_COLUMNS, ContactView, contact_view_of
from networkit_core.services.interviews import InterviewView
from networkit_core.services.interviews._record import VIEW_COLUMNS, interview_view_of


@dataclass(frozen=True)
class DueAction:
    """A due item and the interview it is about (None for "inactive")."""

    item: DueItem
    interview: InterviewView | None


# What each day of the plan asks, before the contact's name (pages and calendar files alike).
PLAN_WORDS = {"thank_you": "Send the thank-you to", "follow_up": "Follow up with"}
# The due reason that takes a plan day over once it has come (it then shows under "Due now").
DUE_AS = {"thank_you": DueReason.THANK_YOU_OVERDUE, "follow_up": DueReason.FOLLOW_UP_DUE}


@dataclass(frozen=True)
class PlanDate:
    """A day by which something should be done about one interview."""

    on: date
    what: str  # "thank_you" | "follow_up"
    interview: InterviewView

    @property
    def title(self) -> str:
        """ "Send the thank-you to Dana Reyes (Acme)"."""
        view = self.interview
        who = view.contact_name
        if view.contact_organization:
            who = f"{who} ({view.contact_organization})"
        return f"{PLAN_WORDS[self.what]} {who}"

    def line(self, today: date) -> str:
        """ "By Wed 18 Mar 2026 (in 2 days) · Send the thank-you to Dana Reyes (Acme)"."""
        return f"By {written(self.on)} ({relative(self.on, today)}) · {self.title}"


@dataclass(frozen=True)
class MyInterviews:
    graduate_name: str
    cohort_name: str
    today: date
    due: tuple[DueAction, ...]
    # Planned meetings from today on, soonest first.
    upcoming: tuple[InterviewView, ...]
    # Everything else, most recent first, after the status and contact filters.
    past: tuple[InterviewView, ...]
    contacts: tuple[ContactView, ...]
    # Every day of the plan (for the calendar files), soonest first.
    plan: tuple[PlanDate, ...]

    @property
    def plan_ahead(self) -> tuple[PlanDate, ...]:
        """The plan's days from today on that are not yet due (a day that has come shows as a
        due item instead): what "Coming up" lists beside the meetings."""
        due = {(action.item.interview_row_id, action.item.reason) for action in self.due}
        return tuple(
            day
            for day in self.plan
            if day.on >= self.today and (day.interview.id, DUE_AS[day.what]) not in due
        )


def my_interviews(
    ctx: Context,
    actor: Actor,
    *,
    status: InterviewStatus | str | None = None,
    contact: str | None = None,
) -> MyInterviews:
    """The signed-in graduate's interviews; `status` and the `contact` name filter the past
    ones (names, not row ids, so the filter can live in the address)."""
    require_role(actor, Role.GRADUATE)
    wanted = None if status in (None, "") else choice(InterviewStatus, status, "status")
    today = ctx.clock.today()
    with ctx.unit_of_work() as session:
        me = session.execute(
            select(Graduate.id, Cohort.name)
            .join(Cohort, Cohort.id == Graduate.cohort_id)
            .where(Graduate.user_id == actor.id)
        ).one_or_none()
        if me is None:
            raise AccessDenied("graduate")
        # Columns, not Interview and Contact objects: a graduate's own, private notes and all.
        views = [
            interview_view_of(row, show_private=True)
            for row in session.execute(
                select(*VIEW_COLUMNS, Contact.name, Contact.organization)
                .join(Contact, Contact.id == Interview.contact_id)
                .where(interview_filter(actor), Interview.graduate_id == me.id)
                .order_by(Interview.meeting_date.desc(), Interview.id.desc())
            )
        ]
        upcoming = [
            v for v in views if v.status is InterviewStatus.PLANNED and v.meeting_date >= today
        ]
        upcoming.sort(key=lambda v: (v.meeting_date, v.meeting_time is None, v.meeting_time, v.id))
        ahead = {v.id for v in upcoming}
        past = [
            v
            for v in views
            if v.id not in ahead
            and (wanted is None or v.status is wanted)
            and (not contact or v.contact_name == contact)
        ]
        due = due_items(ctx, session, select(Graduate.id).where(Graduate.id == me.id))
        referrer = aliased(Contact)
        contacts = session.execute(
            select(*CONTACT_COLUMNS, referrer.name.label("referred_by_name"))
            .outerjoin(referrer, referrer.id == Contact.referred_by_id)
            .where(Contact.graduate_id == me.id, Contact.deleted_at.is_(None))
            .order_by(Contact.name, Contact.id)
        )
        return MyInterviews(
            graduate_name=actor.display_name,
            cohort_name=me.name,
            today=today,
            due=tuple(DueAction(item, _about(item, views)) for item in due),
            upcoming=tuple(upcoming),
            past=tuple(past),
            contacts=tuple(contact_view_of(row) for row in contacts),
            plan=plan_days(ctx, session, views),
        )


def _about(item: DueItem, views: list[InterviewView]) -> InterviewView | None:
    """The interview a due item is about (None for "inactive")."""
    return next((v for v in views if v.id == item.interview_row_id), None)


def plan_days(ctx: Context, session: Session, views: list[InterviewView]) -> tuple[PlanDate, ...]:
    """Thank-you-by for every planned or held meeting without a thank-you; follow-up-by for every
    held one whose contact welcomes follow-ups and whose plan has not ended."""
    ids = [v.id for v in views]
    logged = {
        interview_id: (count, last)
        for interview_id, count, last in session.execute(
            select(FollowUp.interview_id, func.count(), func.max(FollowUp.date))
            .where(FollowUp.interview_id.in_(ids), FollowUp.deleted_at.is_(None))
            .group_by(FollowUp.interview_id)
        )
    }
    today = ctx.clock.today()
    window = timedelta(days=ctx.settings.thank_you_window_days)
    cadence = timedelta(days=ctx.settings.follow_up_cadence_days)
    plan = []
    for view in views:
        if view.status not in (InterviewStatus.PLANNED, InterviewStatus.COMPLETED):
            continue
        if view.thank_you_sent_on is None:
            plan.append(PlanDate(view.meeting_date + window, "thank_you", view))
        count, last = logged.get(view.id, (0, None))
        if (
            view.status is InterviewStatus.COMPLETED
            and view.follow_up_permission is FollowUpPermission.GRANTED
            and count < ctx.settings.follow_up_limit
        ):
            touch = max(view.meeting_date, last) if last is not None else view.meeting_date
            due = touch + cadence
            # A follow-up plan ends after `follow_up_limit` follow-ups or `follow_up_plan_days`
            # after the meeting (DESIGN.md, "Due today").
            plan_ends = view.meeting_date + timedelta(days=ctx.settings.follow_up_plan_days)
            if due <= plan_ends and today <= plan_ends:
                plan.append(PlanDate(due, "follow_up", view))
    plan.sort(key=lambda p: (p.on, p.what, p.interview.public_id))
    return tuple(plan)
