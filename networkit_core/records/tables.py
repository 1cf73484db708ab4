"""What the product keeps about one person, one table a function: a header (the query's column
labels, or a DESIGN.md format) and typed rows. Secrets are never read: the account says a
password is set, a session when it began, a calendar address when it was made, not their
hashes or tokens."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session, aliased
from sqlalchemy.sql.elements import ColumnElement

from networkit_core.actor import Actor
from networkit_core.audit_log import action_words, detail_text
from networkit_core.interchange.export import Value, own_rows
from networkit_core.interchange.formats import Kind
from networkit_core.models import (
    AuditEntry,
    CalendarFeed,
    ChecklistItem,
    ChecklistTick,
    CoachingComment,
    Cohort,
    CohortAdvisor,
    CohortGoal,
    Contact,
    Destination,
    Graduate,
    ImportMapping,
    Interview,
    InterviewQuestion,
    OutboundEmail,
    Question,
    QuestionBank,
    QuestionSuggestion,
    ReminderOptOut,
    SavedView,
    SignInLink,
    SignInThrottle,
    ThrottleScope,
    User,
    UserSession,
)
from networkit_core.records.naming import NO_ROW, audit_ids_naming
from networkit_core.services.audit import NOBODY

Table = tuple[list[str], list[list[Value]]]


@dataclass(frozen=True)
class Person:
    """Whose records: the account, and their graduate record when they have one."""

    user_id: int
    email: str
    graduate_id: int | None
    actor: Actor  # the person as a graduate acting for themselves: the exporters' own scope


def _table(session: Session, query: Select[Any]) -> Table:
    header = [column.key or "" for column in query.selected_columns]
    return header, [list(row) for row in session.execute(query)]


def _mine_or_by(graduate_column: Any, user_column: Any, person: Person) -> ColumnElement[bool]:
    """About their graduate record, or done by their account."""
    return or_(graduate_column == person.graduate_id, user_column == person.user_id)


# --- the account and what signing in keeps ---------------------------------------------------


def account(session: Session, person: Person) -> Table:
    return _table(
        session,
        select(
            User.email,
            User.first_name,
            User.last_name,
            User.role,
            User.is_active.label("active"),
            User.password_hash.is_not(None).label("password_set"),
            User.must_change_password,
            User.failed_login_count.label("failed_sign_ins"),
            User.locked_until,
            User.created_at,
            User.updated_at,
        ).where(User.id == person.user_id),
    )


def sessions(session: Session, person: Person) -> Table:
    return _table(
        session,
        select(
            UserSession.method,
            UserSession.created_at,
            UserSession.last_seen_at,
            UserSession.ended_at,
        )
        .where(UserSession.user_id == person.user_id)
        .order_by(UserSession.created_at, UserSession.id),
    )


def sign_in_links(session: Session, person: Person) -> Table:
    return _table(
        session,
        select(SignInLink.created_at, SignInLink.expires_at, SignInLink.used_at)
        .where(SignInLink.user_id == person.user_id)
        .order_by(SignInLink.created_at, SignInLink.id),
    )


def sign_in_failures(session: Session, person: Person) -> Table:
    return _table(
        session,
        select(
            SignInThrottle.failures,
            SignInThrottle.window_failures,
            SignInThrottle.window_started_at,
            SignInThrottle.last_failure_at,
            SignInThrottle.retry_after,
            SignInThrottle.locked_until,
        ).where(SignInThrottle.scope == ThrottleScope.EMAIL, SignInThrottle.key == person.email),
    )


def calendar_feeds(session: Session, person: Person) -> Table:
    return _table(
        session,
        select(CalendarFeed.created_at, CalendarFeed.last_read_at).where(
            CalendarFeed.user_id == person.user_id
        ),
    )


def reminder_emails(session: Session, person: Person) -> Table:
    return _table(
        session,
        select(
            OutboundEmail.for_day,
            OutboundEmail.kind,
            OutboundEmail.recipient,
            OutboundEmail.subject,
            OutboundEmail.body_text,
            OutboundEmail.body_html,
            OutboundEmail.status,
            OutboundEmail.attempts,
            OutboundEmail.last_error,
            OutboundEmail.sent_at,
            OutboundEmail.created_at,
        )
        .where(OutboundEmail.user_id == person.user_id)
        .order_by(OutboundEmail.for_day, OutboundEmail.id),
    )


def reminder_opt_outs(session: Session, person: Person) -> Table:
    return _table(
        session,
        select(ReminderOptOut.turned_off_at).where(ReminderOptOut.user_id == person.user_id),
    )


def import_mappings(session: Session, person: Person) -> Table:
    header, rows = _table(
        session,
        select(ImportMapping.kind, ImportMapping.mapping, ImportMapping.updated_at)
        .where(ImportMapping.user_id == person.user_id)
        .order_by(ImportMapping.kind, ImportMapping.headers),
    )
    return header, [[kind, json.dumps(mapping, sort_keys=True), at] for kind, mapping, at in rows]


# --- a graduate's records ----------------------------------------------------------------------


def profile(session: Session, person: Person) -> Table:
    return own_rows(session, person.actor, Kind.ROSTER)


def interviews(session: Session, person: Person) -> Table:
    return own_rows(session, person.actor, Kind.INTERVIEWS)


def deleted_interviews(session: Session, person: Person) -> Table:
    return own_rows(session, person.actor, Kind.INTERVIEWS, deleted=True)


def follow_ups(session: Session, person: Person) -> Table:
    return own_rows(session, person.actor, Kind.FOLLOW_UPS)


def deleted_follow_ups(session: Session, person: Person) -> Table:
    return own_rows(session, person.actor, Kind.FOLLOW_UPS, deleted=True)


def destinations(session: Session, person: Person) -> Table:
    return own_rows(session, person.actor, Kind.DESTINATIONS)


def contacts(session: Session, person: Person) -> Table:
    referrer, adder = aliased(Contact), aliased(User)
    return _table(
        session,
        select(
            Contact.name,
            Contact.title,
            Contact.organization,
            Contact.industry,
            Contact.email,
            Contact.how_connected,
            Contact.linkedin_url,
            Contact.connected_on,
            Contact.source,
            referrer.name.label("referred_by"),
            adder.email.label("added_by"),
            Contact.created_at,
            Contact.updated_at,
            Contact.deleted_at,
        )
        .outerjoin(referrer, referrer.id == Contact.referred_by_id)
        .outerjoin(adder, adder.id == Contact.added_by_id)
        .where(Contact.graduate_id == person.graduate_id)
        .order_by(Contact.created_at, Contact.id),
    )


def checklist_ticks(session: Session, person: Person) -> Table:
    return _table(
        session,
        select(
            Interview.public_id.label("interview_id"),
            ChecklistItem.kind.label("checklist"),
            ChecklistItem.key.label("item"),
            ChecklistItem.label,
            ChecklistTick.ticked_at,
        )
        .join(Interview, Interview.id == ChecklistTick.interview_id)
        .join(ChecklistItem, ChecklistItem.id == ChecklistTick.item_id)
        .where(Interview.graduate_id == person.graduate_id)
        .order_by(Interview.meeting_date, Interview.id, ChecklistItem.kind, ChecklistItem.position),
    )


def questions_taken(session: Session, person: Person) -> Table:
    return _table(
        session,
        select(
            Interview.public_id.label("interview_id"),
            Question.text.label("question"),
            Question.category,
            QuestionBank.name.label("bank"),
            InterviewQuestion.usefulness,
            InterviewQuestion.added_at,
        )
        .join(Interview, Interview.id == InterviewQuestion.interview_id)
        .join(Question, Question.id == InterviewQuestion.question_id)
        .join(QuestionBank, QuestionBank.id == Question.bank_id)
        .where(Interview.graduate_id == person.graduate_id)
        .order_by(Interview.meeting_date, Interview.id, InterviewQuestion.added_at, Question.id),
    )


# --- what they wrote or did, whatever their role ---------------------------------------------


def coaching_comments(session: Session, person: Person) -> Table:
    """Comments and nudges about them, and those they wrote."""
    about, author = aliased(User), aliased(User)
    return _table(
        session,
        select(
            about.email.label("about"),
            Interview.public_id.label("interview_id"),
            CoachingComment.kind,
            author.email.label("author"),
            CoachingComment.body,
            CoachingComment.created_at,
            CoachingComment.updated_at,
            CoachingComment.deleted_at,
        )
        .join(Graduate, Graduate.id == CoachingComment.graduate_id)
        .join(about, about.id == Graduate.user_id)
        .outerjoin(author, author.id == CoachingComment.author_id)
        .outerjoin(Interview, Interview.id == CoachingComment.interview_id)
        .where(_mine_or_by(CoachingComment.graduate_id, CoachingComment.author_id, person))
        .order_by(CoachingComment.created_at, CoachingComment.id),
    )


def destinations_recorded(session: Session, person: Person) -> Table:
    """Destinations they recorded for someone else (an advisor's survey answers)."""
    return _table(
        session,
        select(
            User.email.label("graduate_email"),
            Destination.status,
            Destination.organization,
            Destination.job_title,
            Destination.recorded_on,
            Destination.source,
        )
        .join(Graduate, Graduate.id == Destination.graduate_id)
        .join(User, User.id == Graduate.user_id)
        .where(
            Destination.recorded_by_id == person.user_id,
            Destination.graduate_id != (person.graduate_id or NO_ROW),
        )
        .order_by(Destination.recorded_on, Destination.id),
    )


def contacts_added(session: Session, person: Person) -> Table:
    """Contacts they added to someone else's network (an admin's import)."""
    return _table(
        session,
        select(
            User.email.label("graduate_email"),
            Contact.name.label("contact_name"),
            Contact.organization.label("contact_organization"),
            Contact.created_at,
        )
        .join(Graduate, Graduate.id == Contact.graduate_id)
        .join(User, User.id == Graduate.user_id)
        .where(
            Contact.added_by_id == person.user_id,
            Contact.graduate_id != (person.graduate_id or NO_ROW),
        )
        .order_by(Contact.created_at, Contact.id),
    )


def question_banks(session: Session, person: Person) -> Table:
    questions = (
        select(func.count(Question.id))
        .where(Question.bank_id == QuestionBank.id, Question.deleted_at.is_(None))
        .scalar_subquery()
    )
    return _table(
        session,
        select(
            QuestionBank.name,
            QuestionBank.description,
            QuestionBank.visibility,
            questions.label("questions"),
            QuestionBank.created_at,
            QuestionBank.updated_at,
            QuestionBank.deleted_at,
        )
        .where(QuestionBank.owner_id == person.user_id)
        .order_by(QuestionBank.created_at, QuestionBank.id),
    )


def question_suggestions(session: Session, person: Person) -> Table:
    """Questions they suggested, and suggestions they decided on."""
    by, decider = aliased(User), aliased(User)
    return _table(
        session,
        select(
            QuestionBank.name.label("bank"),
            QuestionSuggestion.text.label("question"),
            QuestionSuggestion.category,
            QuestionSuggestion.tags,
            QuestionSuggestion.status,
            by.email.label("suggested_by"),
            decider.email.label("decided_by"),
            QuestionSuggestion.decided_at,
            QuestionSuggestion.created_at,
        )
        .join(QuestionBank, QuestionBank.id == QuestionSuggestion.bank_id)
        .outerjoin(by, by.id == QuestionSuggestion.suggested_by_id)
        .outerjoin(decider, decider.id == QuestionSuggestion.decided_by_id)
        .where(
            or_(
                QuestionSuggestion.suggested_by_id == person.user_id,
                QuestionSuggestion.decided_by_id == person.user_id,
            )
        )
        .order_by(QuestionSuggestion.created_at, QuestionSuggestion.id),
    )


def cohort_goals(session: Session, person: Person) -> Table:
    return _table(
        session,
        select(
            Cohort.name.label("cohort"),
            CohortGoal.metric,
            CohortGoal.target,
            CohortGoal.due_on,
            CohortGoal.created_at,
            CohortGoal.updated_at,
        )
        .join(Cohort, Cohort.id == CohortGoal.cohort_id)
        .where(CohortGoal.set_by_id == person.user_id)
        .order_by(Cohort.name, CohortGoal.metric),
    )


def saved_views(session: Session, person: Person) -> Table:
    return _table(
        session,
        select(SavedView.name, SavedView.query, SavedView.created_at, SavedView.updated_at)
        .where(SavedView.advisor_id == person.user_id)
        .order_by(SavedView.name),
    )


def cohorts_coached(session: Session, person: Person) -> Table:
    return _table(
        session,
        select(Cohort.name.label("cohort"), CohortAdvisor.assigned_at)
        .join(Cohort, Cohort.id == CohortAdvisor.cohort_id)
        .where(CohortAdvisor.advisor_id == person.user_id)
        .order_by(Cohort.name),
    )


def audit(session: Session, person: Person) -> Table:
    """The audit entries that name them, oldest first, each action also in words."""
    header = ["entry", "at", "who", "action", "what", "record", "record_id", "detail"]
    ids = audit_ids_naming(session, person.user_id, person.email, person.graduate_id)
    rows: list[list[Value]] = [
        [
            entry.id,
            entry.at,
            who or NOBODY,
            entry.action,
            action_words(entry.action),
            entry.entity,
            entry.entity_id,
            detail_text(entry.detail),
        ]
        for entry, who in session.execute(
            select(AuditEntry, User.email)
            .outerjoin(User, User.id == AuditEntry.actor_id)
            .where(AuditEntry.id.in_(ids))
            .order_by(AuditEntry.at, AuditEntry.id)
        )
    ]
    return header, rows
