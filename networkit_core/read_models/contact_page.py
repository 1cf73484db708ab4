"""One contact's page (`/contact?id=N`) in one call: who they are, every interview with them (the
thank-you, follow-ups and outcomes of each), who referred them and whom they referred, what is due
about them now and the plan's next days, and a draft of the request for an informational
interview. A graduate reads their own contacts; an advisor those of the graduates they coach,
never the private notes. Another's contact and an unknown id get the same refusal."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from networkit_core import audit_log
from networkit_core.access import get_contact, interview_filter, require_role
from networkit_core.actor import Actor
from networkit_core.context import Context
from networkit_core.figures.due import DueItem, due_items
from networkit_core.models import Contact, FollowUp, Graduate, Interview, Role, User
from networkit_core.read_models.my_interviews import DUE_AS, PlanDate, plan_days
from networkit_core.read_models.outreach import outreach_draft
from networkit_core.services.contacts import ContactView, contact_view
from networkit_core.services.interviews import InterviewView, interview_views
from networkit_core.services.interviews.follow_ups import FollowUpView, follow_up_view


@dataclass(frozen=True)
class ContactLink:
    """Another contact of the same graduate, to link to their page."""

    id: int
    name: str
    organization: str


@dataclass(frozen=True)
class ContactInterview:
    interview: InterviewView  # private notes None unless the reader is its graduate
    follow_ups: tuple[FollowUpView, ...]  # oldest first


@dataclass(frozen=True)
class ContactPage:
    today: date
    contact: ContactView
    graduate_id: int
    graduate_name: str
    graduate_email: str  # for the advisor's link back to the graduate's file
    # True when the reader is the graduate whose contact this is (they act; an advisor reads).
    mine: bool
    interviews: tuple[ContactInterview, ...]  # newest first
    referred_by: ContactLink | None  # who referred this contact to the graduate (live)
    referred: tuple[ContactLink, ...]  # whom this contact referred the graduate to (live)
    # What is due about this contact today (the due figures' one definition), most overdue first.
    due: tuple[DueItem, ...]
    # The plan's days about them from today on that are not yet due, soonest first.
    plan_ahead: tuple[PlanDate, ...]
    outreach_draft: str

    @property
    def next_due(self) -> str:
        """When the graduate should next reach out to them, in a sentence ("" when nothing is
        planned): what is due now first, else the plan's next day."""
        if self.due:
            item = self.due[0]
            return f"{item.name} · {item.when}: {item.message}"
        if self.plan_ahead:
            return self.plan_ahead[0].line(self.today)
        return ""


@audit_log.refusals_logged("read", "contact")
def contact_page(ctx: Context, actor: Actor, contact_id: int) -> ContactPage:
    """The page of contact `contact_id`, if `actor` may read it (see the module's docstring)."""
    require_role(actor, Role.GRADUATE, Role.ADVISOR)
    today = ctx.clock.today()
    with ctx.unit_of_work() as session:
        contact = get_contact(session, actor, contact_id)
        owner = session.execute(
            select(User.id, User.first_name, User.last_name, User.email)
            .join(Graduate, Graduate.user_id == User.id)
            .where(Graduate.id == contact.graduate_id)
        ).one()
        rows = list(
            session.scalars(
                select(Interview)
                .options(selectinload(Interview.contact))
                .where(interview_filter(actor), Interview.contact_id == contact.id)
                .order_by(Interview.meeting_date.desc(), Interview.id.desc())
            )
        )
        views = interview_views(session, actor, rows)
        follow_ups = _follow_ups(session, [view.id for view in views])
        ids = {view.id for view in views}
        graduate = select(Graduate.id).where(Graduate.id == contact.graduate_id)
        due = tuple(
            item for item in due_items(ctx, session, graduate) if item.interview_row_id in ids
        )
        already_due = {(item.interview_row_id, item.reason) for item in due}
        ahead = tuple(
            day
            for day in plan_days(ctx, session, views)
            if day.on >= today and (day.interview.id, DUE_AS[day.what]) not in already_due
        )
        referrer = _live_referrer(session, contact)
        referred = _referred(session, contact)
        graduate_name = f"{owner.first_name} {owner.last_name}".strip()
        view = contact_view(contact)
        return ContactPage(
            today=today,
            contact=view,
            graduate_id=contact.graduate_id,
            graduate_name=graduate_name,
            graduate_email=owner.email,
            mine=owner.id == actor.id,
            interviews=tuple(ContactInterview(v, tuple(follow_ups.get(v.id, ()))) for v in views),
            referred_by=referrer,
            referred=referred,
            due=due,
            plan_ahead=ahead,
            outreach_draft=outreach_draft(
                view, graduate_name, referred_by=referrer.name if referrer else None
            ),
        )


def _follow_ups(session: Session, interview_ids: list[int]) -> dict[int, list[FollowUpView]]:
    found: dict[int, list[FollowUpView]] = {}
    if not interview_ids:
        return found
    for row in session.scalars(
        select(FollowUp)
        .where(FollowUp.interview_id.in_(interview_ids), FollowUp.deleted_at.is_(None))
        .order_by(FollowUp.date, FollowUp.id)
    ):
        found.setdefault(row.interview_id, []).append(follow_up_view(row))
    return found


def _live_referrer(session: Session, contact: Contact) -> ContactLink | None:
    """Who referred `contact`, when that contact is live and the same graduate's."""
    if contact.referred_by_id is None:
        return None
    row = session.scalar(
        select(Contact).where(
            Contact.id == contact.referred_by_id,
            Contact.graduate_id == contact.graduate_id,
            Contact.deleted_at.is_(None),
        )
    )
    return ContactLink(row.id, row.name, row.organization) if row is not None else None


def _referred(session: Session, contact: Contact) -> tuple[ContactLink, ...]:
    rows = session.scalars(
        select(Contact)
        .where(
            Contact.referred_by_id == contact.id,
            Contact.graduate_id == contact.graduate_id,
            Contact.deleted_at.is_(None),
        )
        .order_by(Contact.name, Contact.id)
    )
    return tuple(ContactLink(row.id, row.name, row.organization) for row in rows)
