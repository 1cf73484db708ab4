"""Everything the graduate's interview page shows, in one call."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from networkit_core.access import (
    bank_scope,
    own_graduate,
    require_role,
)
from networkit_core.actor import Actor
from networkit_core.context import Context
from networkit_core.models import (
    Contact,
    Question,
    QuestionBank,
    Role,
)
from networkit_core.read_models.thank_you import thank_you_draft
from networkit_core.services.contacts import ContactView, contact_view
from networkit_core.services.interviews import (
    InterviewDetail,
    interview_by_public_id,
    interview_detail,
)
from networkit_core.services.questions import matching

SEARCH_LIMIT = 20


@dataclass(frozen=True)
class QuestionChoice:
    id: int
    text: str
    category: str
    tags: str
    bank_name: str


@dataclass(frozen=True)
class InterviewPage:
    graduate_name: str
    today: date
    # None for a new interview.
    detail: InterviewDetail | None
    # The graduate's contacts, to choose from; none unless asked for (`with_contacts`).
    contacts: tuple[ContactView, ...]
    # Visible questions matching the search, not yet on the interview (at most SEARCH_LIMIT);
    # none when no search was asked for (`search=None`).
    questions: tuple[QuestionChoice, ...]
    thank_you_draft: str


def open_interview(
    ctx: Context,
    actor: Actor,
    public_id: str | None,
    *,
    search: str | None = "",
    with_contacts: bool = True,
) -> InterviewPage:
    """The page of `public_id` (a deleted one too, so it can be restored), or of a new one; with
    the questions to choose from matching `search`, unless it is None, and the graduate's
    contacts `with_contacts` (the page shows neither while their sections are closed)."""
    require_role(actor, Role.GRADUATE)
    with ctx.unit_of_work() as session:
        me = own_graduate(session, actor)
        # First: the interview's contact and its referrer are then found in the session.
        contacts = (
            session.scalars(
                select(Contact)
                .where(Contact.graduate_id == me.id, Contact.deleted_at.is_(None))
                .order_by(Contact.name, Contact.id)
            ).all()
            if with_contacts
            else ()
        )
        detail = None
        if public_id:
            interview = interview_by_public_id(session, actor, public_id, include_deleted=True)
            detail = interview_detail(session, actor, interview)
        attached = {q.question_id for q in detail.questions} if detail else set()
        draft = (
            thank_you_draft(
                detail.interview, detail.contact, actor.display_name, today=ctx.clock.today()
            )
            if detail
            else ""
        )
        return InterviewPage(
            graduate_name=actor.display_name,
            today=ctx.clock.today(),
            detail=detail,
            contacts=tuple(contact_view(c) for c in contacts),
            questions=()
            if search is None
            else _matching_questions(session, actor, search, attached),
            thank_you_draft=draft,
        )


def _matching_questions(
    session: Session, actor: Actor, search: str, attached: set[int]
) -> tuple[QuestionChoice, ...]:
    query = (
        select(Question, QuestionBank.name)
        .join(QuestionBank, QuestionBank.id == Question.bank_id)
        .where(Question.deleted_at.is_(None), Question.bank_id.in_(bank_scope(actor)))
        .where(*matching(search))
        .order_by(QuestionBank.name, Question.position, Question.id)
    )
    if attached:
        query = query.where(Question.id.not_in(attached))
    rows = session.execute(query.limit(SEARCH_LIMIT))
    return tuple(
        QuestionChoice(q.id, q.text, q.category, q.tags, bank_name) for q, bank_name in rows
    )
