"""What the product keeps about one person, as the files of their records archive: each file
a header and typed rows, from one query. Secrets (password hash, session and calendar tokens)
are never read: a file says a password is set, and when a session began, not its token."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, String, Text, cast, func, or_, select
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
    FollowUp,
    Graduate,
    ImportMapping,
    Interview,
    InterviewQuestion,
    OutboundEmail,
    Question,
    QuestionBank,
    QuestionSuggestion,
    ReminderOptOut,
    SignInLink,
    SignInThrottle,
    ThrottleScope,
    User,
    UserSession,
)


@dataclass(frozen=True)
class Person:
    """Whose records: the account, and their graduate record when they have one."""

    user_id: int
    email: str
    graduate_id: int | None
    actor: Actor  # the person as a graduate acting for themselves: the exporters' own scope


@dataclass(frozen=True)
class RecordFile:
    name: str
    about: str  # one line of README.txt
    header: list[str]
    rows: list[list[Value]]


Rows = list[list[Value]]
NO_ROW = 0  # no row has this id: stands for "no graduate record" in a comparison
Exported = tuple[list[str], Rows]  # a file of the exporter: its own header (DESIGN.md format)


def person_files(session: Session, person: Person) -> list[RecordFile]:
    """Every file of the archive, in README order."""
    return [_file(session, person, spec) for spec in file_specs(person.graduate_id is not None)]


def file_specs(graduate: bool) -> list[FileSpec]:
    """The account first, then a graduate's records (for a graduate), then the rest."""
    return [COMMON[0], *(GRADUATE_FILES if graduate else []), *COMMON[1:]]


@dataclass(frozen=True)
class FileSpec:
    name: str
    about: str
    header: list[str] | None  # None: the exporter's header (a DESIGN.md format)
    rows: Callable[[Session, Person], Rows | tuple[list[str], Rows]]


def _file(session: Session, person: Person, spec: FileSpec) -> RecordFile:
    made = spec.rows(session, person)
    if isinstance(made, tuple):
        header, rows = made
    else:
        header, rows = spec.header or [], made
    return RecordFile(spec.name, spec.about, header, rows)


def _listed(session: Session, query: Select[Any]) -> Rows:
    return [list(row) for row in session.execute(query)]


# --- the account and what signing in keeps ---------------------------------------------------


def _account(session: Session, person: Person) -> Rows:
    return [
        [
            user.email,
            user.first_name,
            user.last_name,
            user.role.value,
            user.is_active,
            user.password_hash is not None,
            user.must_change_password,
            user.failed_login_count,
            user.locked_until,
            user.created_at,
            user.updated_at,
        ]
        for user in session.scalars(select(User).where(User.id == person.user_id))
    ]


def _sessions(session: Session, person: Person) -> Rows:
    return _listed(
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


def _sign_in_links(session: Session, person: Person) -> Rows:
    return _listed(
        session,
        select(SignInLink.created_at, SignInLink.expires_at, SignInLink.used_at)
        .where(SignInLink.user_id == person.user_id)
        .order_by(SignInLink.created_at, SignInLink.id),
    )


def _sign_in_failures(session: Session, person: Person) -> Rows:
    return _listed(
        session,
        select(
            SignInThrottle.failures,
            SignInThrottle.window_failures,
            SignInThrottle.window_started_at,
            SignInThrottle.last_failure_at,
            SignInThrottle.retry_after,
            SignInThrottle.locked_until,
        ).where(
            SignInThrottle.scope == ThrottleScope.EMAIL,
            SignInThrottle.key == person.email,
        ),
    )


def _calendar_feeds(session: Session, person: Person) -> Rows:
    return _listed(
        session,
        select(CalendarFeed.created_at, CalendarFeed.last_read_at).where(
            CalendarFeed.user_id == person.user_id
        ),
    )


def _reminder_emails(session: Session, person: Person) -> Rows:
    return _listed(
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


def _reminder_opt_outs(session: Session, person: Person) -> Rows:
    return _listed(
        session,
        select(ReminderOptOut.turned_off_at).where(ReminderOptOut.user_id == person.user_id),
    )


def _import_mappings(session: Session, person: Person) -> Rows:
    return [
        [kind, json.dumps(mapping, sort_keys=True), updated_at]
        for kind, mapping, updated_at in session.execute(
            select(ImportMapping.kind, ImportMapping.mapping, ImportMapping.updated_at)
            .where(ImportMapping.user_id == person.user_id)
            .order_by(ImportMapping.kind, ImportMapping.headers)
        )
    ]


# --- a graduate's records ----------------------------------------------------------------------


def _own(kind: Kind, *, deleted: bool = False) -> Callable[[Session, Person], Exported]:
    return lambda session, person: own_rows(session, person.actor, kind, deleted=deleted)


def _contacts(session: Session, person: Person) -> Rows:
    referrer, adder = aliased(Contact), aliased(User)
    return _listed(
        session,
        select(
            Contact.name,
            Contact.title,
            Contact.organization,
            Contact.industry,
            Contact.email,
            Contact.how_connected,
            referrer.name,
            adder.email,
            Contact.created_at,
            Contact.updated_at,
            Contact.deleted_at,
        )
        .outerjoin(referrer, referrer.id == Contact.referred_by_id)
        .outerjoin(adder, adder.id == Contact.added_by_id)
        .where(Contact.graduate_id == person.graduate_id)
        .order_by(Contact.created_at, Contact.id),
    )


def _ticks(session: Session, person: Person) -> Rows:
    return _listed(
        session,
        select(
            Interview.public_id,
            ChecklistItem.kind,
            ChecklistItem.key,
            ChecklistItem.label,
            ChecklistTick.ticked_at,
        )
        .join(Interview, Interview.id == ChecklistTick.interview_id)
        .join(ChecklistItem, ChecklistItem.id == ChecklistTick.item_id)
        .where(Interview.graduate_id == person.graduate_id)
        .order_by(Interview.meeting_date, Interview.id, ChecklistItem.kind, ChecklistItem.position),
    )


def _questions_taken(session: Session, person: Person) -> Rows:
    return _listed(
        session,
        select(
            Interview.public_id,
            Question.text,
            Question.category,
            QuestionBank.name,
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


def _comments(session: Session, person: Person) -> Rows:
    """Comments and nudges about them, and those they wrote."""
    about, author = aliased(User), aliased(User)
    return _listed(
        session,
        select(
            about.email,
            Interview.public_id,
            CoachingComment.kind,
            author.email,
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


def _mine_or_by(graduate_column: Any, user_column: Any, person: Person) -> ColumnElement[bool]:
    return or_(graduate_column == person.graduate_id, user_column == person.user_id)


def _recorded_for_others(session: Session, person: Person) -> Rows:
    """Destinations they recorded for someone else (an advisor's survey answers)."""
    return _listed(
        session,
        select(
            User.email,
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


def _contacts_added_for_others(session: Session, person: Person) -> Rows:
    """Contacts they added to someone else's network (an admin's import)."""
    return _listed(
        session,
        select(User.email, Contact.name, Contact.organization, Contact.created_at)
        .join(Graduate, Graduate.id == Contact.graduate_id)
        .join(User, User.id == Graduate.user_id)
        .where(
            Contact.added_by_id == person.user_id,
            Contact.graduate_id != (person.graduate_id or NO_ROW),
        )
        .order_by(Contact.created_at, Contact.id),
    )


def _banks(session: Session, person: Person) -> Rows:
    return _listed(
        session,
        select(
            QuestionBank.name,
            QuestionBank.description,
            QuestionBank.visibility,
            select(func.count(Question.id))
            .where(Question.bank_id == QuestionBank.id, Question.deleted_at.is_(None))
            .scalar_subquery(),
            QuestionBank.created_at,
            QuestionBank.updated_at,
            QuestionBank.deleted_at,
        )
        .where(QuestionBank.owner_id == person.user_id)
        .order_by(QuestionBank.created_at, QuestionBank.id),
    )


def _suggestions(session: Session, person: Person) -> Rows:
    """Questions they suggested, and suggestions they decided on."""
    by, decider = aliased(User), aliased(User)
    return _listed(
        session,
        select(
            QuestionBank.name,
            QuestionSuggestion.text,
            QuestionSuggestion.category,
            QuestionSuggestion.tags,
            QuestionSuggestion.status,
            by.email,
            decider.email,
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


def _goals(session: Session, person: Person) -> Rows:
    return _listed(
        session,
        select(
            Cohort.name,
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


def _coached(session: Session, person: Person) -> Rows:
    return _listed(
        session,
        select(Cohort.name, CohortAdvisor.assigned_at)
        .join(Cohort, Cohort.id == CohortAdvisor.cohort_id)
        .where(CohortAdvisor.advisor_id == person.user_id)
        .order_by(Cohort.name),
    )


# --- the audit entries that name them --------------------------------------------------------


def _ids_as_text(query: Select[Any]) -> Select[Any]:
    return select(cast(query.subquery().c[0], String))


def _records_of(person: Person) -> dict[str, Select[Any]]:
    """Per audit entity code, the ids of the person's records of that kind (as audit_log keeps
    them, text); the codes are those tests/person_rows.py walks."""
    graduate = person.graduate_id or NO_ROW
    interviews = select(Interview.id).where(Interview.graduate_id == graduate)
    return {
        "user": select(User.id).where(User.id == person.user_id),
        "graduate": select(Graduate.id).where(Graduate.id == graduate),
        "contact": select(Contact.id).where(
            _mine_or_by(Contact.graduate_id, Contact.added_by_id, person)
        ),
        "interview": interviews,
        "comment": select(CoachingComment.id).where(
            _mine_or_by(CoachingComment.graduate_id, CoachingComment.author_id, person)
        ),
        "destination": select(Destination.id).where(
            _mine_or_by(Destination.graduate_id, Destination.recorded_by_id, person)
        ),
        "follow_up": select(FollowUp.id).where(FollowUp.interview_id.in_(interviews)),
    }


def _naming_email(email: str) -> re.Pattern[str]:
    """The e-mail as a whole (ana@x.org, not diana@x.org nor ana@x.org.uk)."""
    return re.compile(rf"(?<![\w.+-]){re.escape(email)}(?![\w-]|\.\w)", re.IGNORECASE)


def audit_ids_naming(session: Session, person: Person) -> list[int]:
    """The audit entries that name the person, oldest first: what they did, what was done to a
    record of theirs (who exported, viewed or changed it), and any entry quoting their e-mail."""
    by_record = or_(
        AuditEntry.actor_id == person.user_id,
        *(
            (AuditEntry.entity == entity) & AuditEntry.entity_id.in_(_ids_as_text(ids))
            for entity, ids in _records_of(person).items()
        ),
    )
    found = set(session.scalars(select(AuditEntry.id).where(by_record)))
    # A LIKE finds the candidates; the pattern keeps those quoting this e-mail whole.
    like = f"%{person.email.lower()}%"
    whole = _naming_email(person.email)
    for entry_id, entity_id, detail in session.execute(
        select(AuditEntry.id, AuditEntry.entity_id, AuditEntry.detail).where(
            or_(
                func.lower(cast(AuditEntry.detail, Text)).like(like),
                func.lower(AuditEntry.entity_id).like(like),
            )
        )
    ):
        if whole.search(f"{entity_id or ''} {json.dumps(detail, default=str)}"):
            found.add(entry_id)
    return sorted(found)


def _audit(session: Session, person: Person) -> Rows:
    ids = audit_ids_naming(session, person)
    rows: Rows = []
    for entry, who in session.execute(
        select(AuditEntry, User.email)
        .outerjoin(User, User.id == AuditEntry.actor_id)
        .where(AuditEntry.id.in_(ids))
        .order_by(AuditEntry.at, AuditEntry.id)
    ):
        rows.append(
            [
                entry.id,
                entry.at,
                who or "(system)",
                entry.action,
                action_words(entry.action),
                entry.entity,
                entry.entity_id,
                detail_text(entry.detail),
            ]
        )
    return rows


AT = ["created_at", "updated_at"]
COMMON = [
    FileSpec(
        "account.csv",
        "Your account: e-mail, name, role, whether it is active and has a password (the "
        "password itself is never kept, only a one-way hash, which is not included).",
        [
            "email",
            "first_name",
            "last_name",
            "role",
            "active",
            "password_set",
            "must_change_password",
            "failed_sign_ins",
            "locked_until",
            *AT,
        ],
        _account,
    ),
    FileSpec(
        "coaching_comments.csv",
        "Coaching comments and nudges (reminders an advisor recorded) about you, and those you "
        "wrote; deleted ones have deleted_at.",
        ["about", "interview_id", "kind", "author", "body", *AT, "deleted_at"],
        _comments,
    ),
    FileSpec(
        "reminder_emails.csv",
        "Every reminder or digest e-mail the product wrote to you, with its text.",
        [
            "for_day",
            "kind",
            "recipient",
            "subject",
            "body_text",
            "body_html",
            "status",
            "attempts",
            "last_error",
            "sent_at",
            "created_at",
        ],
        _reminder_emails,
    ),
    FileSpec(
        "reminder_opt_outs.csv",
        "When you turned reminder e-mails off (no row: they are on).",
        ["turned_off_at"],
        _reminder_opt_outs,
    ),
    FileSpec(
        "calendar_feeds.csv",
        "Your calendar address: when it was made and last read (its secret is not included).",
        ["created_at", "last_read_at"],
        _calendar_feeds,
    ),
    FileSpec(
        "sessions.csv",
        "Each signed-in browser session: how you signed in and when (never its token).",
        ["method", "created_at", "last_seen_at", "ended_at"],
        _sessions,
    ),
    FileSpec(
        "sign_in_links.csv",
        "One-time sign-in links e-mailed to you: when made, until when valid, when used.",
        ["created_at", "expires_at", "used_at"],
        _sign_in_links,
    ),
    FileSpec(
        "sign_in_failures.csv",
        "Failed sign-ins counted against your e-mail (they slow down password guessing).",
        [
            "failures",
            "window_failures",
            "window_started_at",
            "last_failure_at",
            "retry_after",
            "locked_until",
        ],
        _sign_in_failures,
    ),
    FileSpec(
        "import_mappings.csv",
        "Column mappings the importer remembers for files you imported.",
        ["kind", "mapping", "updated_at"],
        _import_mappings,
    ),
    FileSpec(
        "question_banks.csv",
        "Question banks you own.",
        ["name", "description", "visibility", "questions", *AT, "deleted_at"],
        _banks,
    ),
    FileSpec(
        "question_suggestions.csv",
        "Questions you suggested for a bank, and suggestions you accepted or declined.",
        [
            "bank",
            "question",
            "category",
            "tags",
            "status",
            "suggested_by",
            "decided_by",
            "decided_at",
            "created_at",
        ],
        _suggestions,
    ),
    FileSpec(
        "cohort_goals.csv",
        "Goals you set for a cohort.",
        ["cohort", "metric", "target", "due_on", *AT],
        _goals,
    ),
    FileSpec(
        "cohorts_coached.csv",
        "The cohorts you coach (advisors).",
        ["cohort", "assigned_at"],
        _coached,
    ),
    FileSpec(
        "destinations_recorded.csv",
        "Destinations you recorded for a graduate (advisors, admins).",
        ["graduate_email", "status", "organization", "job_title", "recorded_on", "source"],
        _recorded_for_others,
    ),
    FileSpec(
        "contacts_added.csv",
        "Contacts you added to a graduate's network (an import, say).",
        ["graduate_email", "contact_name", "contact_organization", "created_at"],
        _contacts_added_for_others,
    ),
    FileSpec(
        "audit.csv",
        "The audit entries that name you: what you did, and who exported, viewed or changed "
        "your records, and when (times in UTC).",
        ["entry", "at", "who", "action", "what", "record", "record_id", "detail"],
        _audit,
    ),
]
GRADUATE_FILES = [
    FileSpec(
        "profile.csv",
        "Your graduate record, in the roster format: cohort, programme, graduation year and "
        "date, your advisors.",
        None,
        _own(Kind.ROSTER),
    ),
    FileSpec(
        "interviews.csv",
        "Your interviews in the interviews format (it can be imported back): contact, date, "
        "time, place, status, checklist ticks, notes, private notes, thank-you, follow-up "
        "permission, outcomes, who referred the contact, the questions you took.",
        None,
        _own(Kind.INTERVIEWS),
    ),
    FileSpec(
        "deleted_interviews.csv",
        "Interviews you deleted, kept so they can be restored (same format).",
        None,
        _own(Kind.INTERVIEWS, deleted=True),
    ),
    FileSpec(
        "follow_ups.csv",
        "Your follow-ups in the follow-ups format.",
        None,
        _own(Kind.FOLLOW_UPS),
    ),
    FileSpec(
        "deleted_follow_ups.csv",
        "Follow-ups deleted (or of a deleted interview), kept so they can be restored.",
        None,
        _own(Kind.FOLLOW_UPS, deleted=True),
    ),
    FileSpec(
        "contacts.csv",
        "The professionals in your network, who referred whom, and who added them.",
        [
            "name",
            "title",
            "organization",
            "industry",
            "email",
            "how_connected",
            "referred_by",
            "added_by",
            *AT,
            "deleted_at",
        ],
        _contacts,
    ),
    FileSpec(
        "checklist_ticks.csv",
        "Each checklist item you ticked on an interview, and when.",
        ["interview_id", "checklist", "item", "label", "ticked_at"],
        _ticks,
    ),
    FileSpec(
        "questions_taken.csv",
        "The questions you took to each interview and how useful you rated them (1-5).",
        ["interview_id", "question", "category", "bank", "usefulness", "added_at"],
        _questions_taken,
    ),
    FileSpec(
        "destinations.csv",
        "Where you landed, every record kept (the newest counts), in the destinations format.",
        None,
        _own(Kind.DESTINATIONS),
    ),
]
