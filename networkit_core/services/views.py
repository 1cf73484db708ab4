"""What services return: plain frozen dataclasses, safe to keep after the session has closed.

The `*_view` builders turn ORM rows into these inside a unit of work. Private notes are copied
only into the owning graduate's own view; everyone else gets None.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time

from sqlalchemy import select
from sqlalchemy.orm import Session

from networkit_core.access import sees_private_notes
from networkit_core.actor import Actor
from networkit_core.models import (
    ChecklistItem,
    ChecklistKind,
    ChecklistTick,
    Connection,
    Contact,
    FollowUp,
    FollowUpKind,
    FollowUpPermission,
    Interview,
    InterviewQuestion,
    InterviewStatus,
    LocationType,
    Question,
    ThankYouMethod,
)


@dataclass(frozen=True)
class ContactView:
    id: int
    graduate_id: int
    name: str
    title: str
    organization: str
    industry: str
    email: str | None
    how_connected: Connection
    referred_by_id: int | None
    referred_by_name: str | None
    deleted: bool
    version: int = 1  # the version read: a save over a newer one is refused


@dataclass(frozen=True)
class InterviewView:
    id: int
    public_id: str
    graduate_id: int
    contact_id: int
    contact_name: str
    contact_organization: str
    meeting_date: date
    meeting_time: time | None
    location_type: LocationType
    location_detail: str
    status: InterviewStatus
    notes: str
    # None unless the viewer is the graduate the interview belongs to.
    private_notes: str | None
    outcome_trends: str
    outcome_hiring: str
    outcome_marketability: str
    outcome_job_leads: str
    thank_you_sent_on: date | None
    thank_you_method: ThankYouMethod | None
    follow_up_permission: FollowUpPermission
    version: int
    deleted: bool


@dataclass(frozen=True)
class ChecklistItemView:
    item_id: int
    kind: ChecklistKind
    key: str
    label: str
    hint: str
    ticked: bool


@dataclass(frozen=True)
class AfterStepView:
    """An after-meeting step: done when the interview field it tracks is filled."""

    item_id: int
    key: str
    label: str
    hint: str
    tracks: str
    done: bool


@dataclass(frozen=True)
class InterviewChecklists:
    interview_id: int
    prep: tuple[ChecklistItemView, ...]
    conduct: tuple[ChecklistItemView, ...]
    after: tuple[AfterStepView, ...]

    @property
    def prep_ticked(self) -> int:
        return sum(item.ticked for item in self.prep)


@dataclass(frozen=True)
class FollowUpView:
    id: int
    interview_id: int
    date: date
    kind: FollowUpKind
    note: str


@dataclass(frozen=True)
class AttachedQuestionView:
    question_id: int
    text: str
    category: str
    tags: str
    usefulness: int | None  # also what a new rating was made from (questions.rate_question)


@dataclass(frozen=True)
class InterviewDetail:
    interview: InterviewView
    contact: ContactView
    checklists: InterviewChecklists
    questions: tuple[AttachedQuestionView, ...]
    follow_ups: tuple[FollowUpView, ...]
    # Contacts the person met referred the graduate to.
    referrals: tuple[ContactView, ...]


def contact_view(contact: Contact) -> ContactView:
    referrer = contact.referred_by
    return ContactView(
        id=contact.id,
        graduate_id=contact.graduate_id,
        name=contact.name,
        title=contact.title,
        organization=contact.organization,
        industry=contact.industry,
        email=contact.email,
        how_connected=contact.how_connected,
        referred_by_id=contact.referred_by_id,
        referred_by_name=referrer.name if referrer is not None else None,
        deleted=contact.deleted_at is not None,
        version=contact.version,
    )


def interview_view(session: Session, actor: Actor, interview: Interview) -> InterviewView:
    return _interview_view(
        interview, show_private=sees_private_notes(session, actor, interview.graduate_id)
    )


def _interview_view(interview: Interview, *, show_private: bool) -> InterviewView:
    return InterviewView(
        id=interview.id,
        public_id=interview.public_id,
        graduate_id=interview.graduate_id,
        contact_id=interview.contact_id,
        contact_name=interview.contact.name,
        contact_organization=interview.contact.organization,
        meeting_date=interview.meeting_date,
        meeting_time=interview.meeting_time,
        location_type=interview.location_type,
        location_detail=interview.location_detail,
        status=interview.status,
        notes=interview.notes,
        private_notes=interview.private_notes if show_private else None,
        outcome_trends=interview.outcome_trends,
        outcome_hiring=interview.outcome_hiring,
        outcome_marketability=interview.outcome_marketability,
        outcome_job_leads=interview.outcome_job_leads,
        thank_you_sent_on=interview.thank_you_sent_on,
        thank_you_method=interview.thank_you_method,
        follow_up_permission=interview.follow_up_permission,
        version=interview.version,
        deleted=interview.deleted_at is not None,
    )


def interview_views(
    session: Session, actor: Actor, interviews: list[Interview]
) -> list[InterviewView]:
    owners: dict[int, bool] = {}
    views = []
    for interview in interviews:
        if interview.graduate_id not in owners:
            owners[interview.graduate_id] = sees_private_notes(
                session, actor, interview.graduate_id
            )
        views.append(_interview_view(interview, show_private=owners[interview.graduate_id]))
    return views


def follow_up_view(follow_up: FollowUp) -> FollowUpView:
    return FollowUpView(
        id=follow_up.id,
        interview_id=follow_up.interview_id,
        date=follow_up.date,
        kind=follow_up.kind,
        note=follow_up.note,
    )


def live_follow_ups(session: Session, interview_id: int) -> list[FollowUp]:
    return list(
        session.scalars(
            select(FollowUp)
            .where(FollowUp.interview_id == interview_id, FollowUp.deleted_at.is_(None))
            .order_by(FollowUp.date, FollowUp.id)
        )
    )


def referrals_of(session: Session, contact_id: int) -> list[Contact]:
    return list(
        session.scalars(
            select(Contact)
            .where(Contact.referred_by_id == contact_id, Contact.deleted_at.is_(None))
            .order_by(Contact.name, Contact.id)
        )
    )


def after_step_done(session: Session, interview: Interview, tracks: str) -> bool:
    """Whether the interview field an after-step tracks is filled (see data/checklists.toml)."""
    if tracks == "notes":
        return bool(interview.notes.strip())
    if tracks == "thank_you":
        return interview.thank_you_sent_on is not None
    if tracks == "follow_up_permission":
        return interview.follow_up_permission is not FollowUpPermission.NOT_ASKED
    if tracks == "follow_ups":
        return bool(live_follow_ups(session, interview.id))
    if tracks == "outcomes":
        texts = (
            interview.outcome_trends,
            interview.outcome_hiring,
            interview.outcome_marketability,
            interview.outcome_job_leads,
        )
        return any(text.strip() for text in texts) or bool(
            referrals_of(session, interview.contact_id)
        )
    return False


def checklists_view(session: Session, interview: Interview) -> InterviewChecklists:
    items = session.scalars(
        select(ChecklistItem)
        .where(ChecklistItem.is_active.is_(True))
        .order_by(ChecklistItem.kind, ChecklistItem.position, ChecklistItem.id)
    ).all()
    ticked = set(
        session.scalars(
            select(ChecklistTick.item_id).where(ChecklistTick.interview_id == interview.id)
        )
    )

    def tickable(kind: ChecklistKind) -> tuple[ChecklistItemView, ...]:
        return tuple(
            ChecklistItemView(
                item.id, item.kind, item.key, item.label, item.hint, item.id in ticked
            )
            for item in items
            if item.kind is kind
        )

    after = tuple(
        AfterStepView(
            item.id,
            item.key,
            item.label,
            item.hint,
            item.tracks or "",
            after_step_done(session, interview, item.tracks or ""),
        )
        for item in items
        if item.kind is ChecklistKind.AFTER
    )
    return InterviewChecklists(
        interview.id, tickable(ChecklistKind.PREP), tickable(ChecklistKind.CONDUCT), after
    )


def attached_questions(session: Session, interview_id: int) -> tuple[AttachedQuestionView, ...]:
    rows = session.execute(
        select(Question, InterviewQuestion.usefulness)
        .join(InterviewQuestion, InterviewQuestion.question_id == Question.id)
        .where(InterviewQuestion.interview_id == interview_id)
        .order_by(InterviewQuestion.added_at, Question.id)
    ).all()
    return tuple(
        AttachedQuestionView(question.id, question.text, question.category, question.tags, rating)
        for question, rating in rows
    )


def interview_detail(session: Session, actor: Actor, interview: Interview) -> InterviewDetail:
    return InterviewDetail(
        interview=interview_view(session, actor, interview),
        contact=contact_view(interview.contact),
        checklists=checklists_view(session, interview),
        questions=attached_questions(session, interview.id),
        follow_ups=tuple(follow_up_view(f) for f in live_follow_ups(session, interview.id)),
        referrals=tuple(contact_view(c) for c in referrals_of(session, interview.contact_id)),
    )
