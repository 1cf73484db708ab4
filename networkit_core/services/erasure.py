"""Erasure on request (DESIGN.md, "Student records"): every row that names a person goes, in one
transaction; what others wrote or rely on stays without their name.

What goes: the account, the graduate record, their interviews and all under them (follow-ups,
ticks, questions taken, comments and nudges), their contacts (contacts are per graduate, so a
professional only they knew goes with them), destinations, sessions, sign-in links, calendar
address, e-mails, reminder opt-out, import mappings, the sign-in throttle of their e-mail, their
line in the demo's showcase, and their private question banks that nobody else used.
What stays, without their name: question banks others can read (or used), their suggestions to
others' banks, and comments they wrote about other graduates (advice on a graduate's timeline is
that graduate's record: deleting it would change someone else's history). Audit entries about
them (one of their records, or quoting their e-mail) keep their action and time, stripped of
who, which record and details; entries of what they did to others' records keep the record and
lose their name (others' history keeps its shape). One new entry "erase" keeps a keyed hash of
the e-mail (never the e-mail) beside `erased_people`, so that they stay erased.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import String, Table, Text, cast, delete, exists, func, or_, select, update
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from networkit_core import audit_log
from networkit_core.access import require_role
from networkit_core.actor import Actor
from networkit_core.context import Context
from networkit_core.errors import InvalidInput
from networkit_core.models import (
    AuditEntry,
    CalendarFeed,
    ChecklistTick,
    CoachingComment,
    CohortAdvisor,
    CohortGoal,
    Contact,
    Destination,
    FollowUp,
    Graduate,
    ImportMapping,
    InstanceSetting,
    Interview,
    InterviewQuestion,
    OutboundEmail,
    Question,
    QuestionBank,
    QuestionBankShare,
    QuestionSuggestion,
    ReminderOptOut,
    Role,
    SignInLink,
    SignInThrottle,
    ThrottleScope,
    User,
    UserSession,
    Visibility,
)
from networkit_core.services import erased

# What a preview lists first: the account and the records a person would name themselves.
FIRST = ("account", "graduate record", "interviews", "contacts", "follow-ups", "destinations")
DEMO_GRADUATES = "demo_graduates"  # as demo/accounts.py names it (the demo imports the core)
ERASED_DETAIL = {"erased": True}


@dataclass(frozen=True)
class ErasurePreview:
    """What erasing one person would do: `goes` (what is deleted) and `kept` (what stays
    without their name), each as (what, how many) with the empty ones left out."""

    email: str
    name: str
    role: Role
    goes: list[tuple[str, int]]
    kept: list[tuple[str, int]]

    @property
    def counts(self) -> dict[str, int]:
        return dict(self.goes)


@dataclass(frozen=True)
class _Step:
    """One statement of the erasure: delete the rows of `table` meeting `where`, or (with
    `forget`) set that column to NULL there. `words` name it in a preview (None: not shown)."""

    words: str | None
    table: Table
    where: ColumnElement[bool]
    forget: str | None = None
    kept: bool = False
    values: dict[str, Any] = field(default_factory=dict)


def _steps(session: Session, user: User) -> list[_Step]:
    """In order: a step's `where` is evaluated when it runs, so what names the person's rows
    (their interviews, contacts) runs before those rows go."""
    email = user.email
    graduate_id = session.scalar(select(Graduate.id).where(Graduate.user_id == user.id))
    graduate = -1 if graduate_id is None else graduate_id  # matches no row
    # Never correlated: a statement on `contacts` must not read this as its own row.
    interviews = select(Interview.id).where(Interview.graduate_id == graduate).correlate(None)
    contacts = select(Contact.id).where(Contact.graduate_id == graduate).correlate(None)
    comments = (CoachingComment.graduate_id == graduate) | CoachingComment.interview_id.in_(
        interviews
    )
    used_by_others = exists().where(
        InterviewQuestion.question_id == Question.id,
        Question.bank_id == QuestionBank.id,
        InterviewQuestion.interview_id.not_in(interviews),
    )
    # Read now, before their questions go (after that, nothing would tell them apart).
    private_banks = list(
        session.scalars(
            select(QuestionBank.id).where(
                QuestionBank.owner_id == user.id,
                QuestionBank.visibility == Visibility.PRIVATE,
                ~used_by_others,
            )
        )
    )
    about = _audit_about(user, graduate, interviews, contacts, comments)
    t = _table
    return [
        _Step(
            "audit entries about them (kept, without who, which record or details)",
            t(AuditEntry),
            about,
            values={"actor_id": None, "entity_id": None, "detail": ERASED_DETAIL},
            kept=True,
        ),
        # What they did to others' records stays those records' history, without their name.
        _Step(
            "audit entries of what they did to others' records (kept, without their name)",
            t(AuditEntry),
            (AuditEntry.actor_id == user.id) & ~about,
            forget="actor_id",
            kept=True,
        ),
        _Step("follow-ups", t(FollowUp), FollowUp.interview_id.in_(interviews)),
        _Step("checklist ticks", t(ChecklistTick), ChecklistTick.interview_id.in_(interviews)),
        _Step(
            "questions taken to interviews",
            t(InterviewQuestion),
            InterviewQuestion.interview_id.in_(interviews),
        ),
        _Step("comments and nudges about them", t(CoachingComment), comments),
        _Step("destinations", t(Destination), Destination.graduate_id == graduate),
        _Step("interviews", t(Interview), Interview.graduate_id == graduate),
        _Step(None, t(Contact), Contact.referred_by_id.in_(contacts), forget="referred_by_id"),
        _Step("contacts", t(Contact), Contact.graduate_id == graduate),
        # Another graduate's professional with their e-mail: the e-mail is theirs, not the
        # other graduate's record.
        _Step(
            "their e-mail on others' contacts (removed)",
            t(Contact),
            Contact.email == email,
            forget="email",
            kept=True,
        ),
        _Step("graduate record", t(Graduate), Graduate.id == graduate),
        _Step(
            "comments they wrote about others (kept, without their name)",
            t(CoachingComment),
            CoachingComment.author_id == user.id,
            forget="author_id",
            kept=True,
        ),
        _Step(None, t(Contact), Contact.added_by_id == user.id, forget="added_by_id"),
        _Step(None, t(CohortGoal), CohortGoal.set_by_id == user.id, forget="set_by_id"),
        _Step(None, t(Destination), Destination.recorded_by_id == user.id, forget="recorded_by_id"),
        _Step(
            "their suggestions to others' banks (kept, without their name)",
            t(QuestionSuggestion),
            QuestionSuggestion.suggested_by_id == user.id,
            forget="suggested_by_id",
            kept=True,
        ),
        _Step(
            None,
            t(QuestionSuggestion),
            QuestionSuggestion.decided_by_id == user.id,
            forget="decided_by_id",
        ),
        _Step(None, t(QuestionSuggestion), QuestionSuggestion.bank_id.in_(private_banks)),
        _Step(None, t(QuestionBankShare), QuestionBankShare.bank_id.in_(private_banks)),
        _Step(None, t(Question), Question.bank_id.in_(private_banks)),
        _Step("private question banks", t(QuestionBank), QuestionBank.id.in_(private_banks)),
        _Step(
            "question banks others use (kept, without an owner)",
            t(QuestionBank),
            (QuestionBank.owner_id == user.id) & QuestionBank.id.not_in(private_banks),
            forget="owner_id",
            kept=True,
        ),
        _Step("cohorts coached", t(CohortAdvisor), CohortAdvisor.advisor_id == user.id),
        _Step("sessions", t(UserSession), UserSession.user_id == user.id),
        _Step("sign-in links", t(SignInLink), SignInLink.user_id == user.id),
        _Step("calendar addresses", t(CalendarFeed), CalendarFeed.user_id == user.id),
        _Step(
            "e-mails",
            t(OutboundEmail),
            (OutboundEmail.user_id == user.id)
            | (OutboundEmail.recipient == email)
            | _quotes(OutboundEmail.body_text, email),
        ),
        _Step("reminder opt-outs", t(ReminderOptOut), ReminderOptOut.user_id == user.id),
        _Step("import mappings", t(ImportMapping), ImportMapping.user_id == user.id),
        _Step(
            "sign-in throttles",
            t(SignInThrottle),
            (SignInThrottle.scope == ThrottleScope.EMAIL) & (SignInThrottle.key == email),
        ),
        _Step("account", t(User), User.id == user.id),
    ]


def _table(model: type[Any]) -> Table:
    table = model.__table__
    assert isinstance(table, Table)
    return table


def _quotes(column: Any, email: str) -> ColumnElement[bool]:
    """Whether a text (or JSON) column holds `email`, in any case."""
    return func.lower(cast(column, Text)).contains(email.lower(), autoescape=True)


def _audit_about(
    user: User,
    graduate: int,
    interviews: Any,
    contacts: Any,
    comments: ColumnElement[bool],
) -> ColumnElement[bool]:
    """Audit entries about the person: about one of their records, or quoting their e-mail (a
    failed sign-in, a refused new account, the command line's `--as`)."""

    def ids(query: Any) -> Any:
        column = query.selected_columns[0]
        return query.with_only_columns(cast(column, String))

    records = {
        "user": [str(user.id)],
        "graduate": [str(graduate)],
        "interview": ids(interviews),
        "contact": ids(contacts),
        "comment": select(cast(CoachingComment.id, String)).where(comments),
        "destination": select(cast(Destination.id, String)).where(
            Destination.graduate_id == graduate
        ),
        "follow_up": select(cast(FollowUp.id, String)).where(FollowUp.interview_id.in_(interviews)),
    }
    return or_(
        *(
            (AuditEntry.entity == entity) & AuditEntry.entity_id.in_(query)
            for entity, query in records.items()
        ),
        _quotes(AuditEntry.detail, user.email),
    )


def _count(session: Session, step: _Step) -> int:
    return session.scalar(select(func.count()).select_from(step.table).where(step.where)) or 0


def _person(session: Session, actor: Actor, email: str) -> User:
    wanted = email.strip().lower()
    user = session.scalar(select(User).where(User.email == wanted)) if wanted else None
    if user is None:
        raise InvalidInput(f"No account has the email {email.strip()!r}.", "email")
    if user.id == actor.id:
        raise InvalidInput("You cannot erase your own account: ask another admin.", "email")
    return user


def _preview(session: Session, user: User) -> ErasurePreview:
    goes: dict[str, int] = {}
    kept: dict[str, int] = {}
    for step in _steps(session, user):
        if step.words is None:
            continue
        count = _count(session, step)
        if count:
            target = kept if step.kept else goes
            target[step.words] = target.get(step.words, 0) + count
    first = [(what, goes.pop(what)) for what in FIRST if what in goes]
    return ErasurePreview(
        user.email, user.display_name, user.role, first + list(goes.items()), list(kept.items())
    )


@audit_log.refusals_logged("erase", "user")
def erasure_preview(ctx: Context, actor: Actor, email: str) -> ErasurePreview:
    """What erasing the account with `email` would delete and keep; changes nothing."""
    require_role(actor, Role.ADMIN)
    with ctx.unit_of_work() as session:
        return _preview(session, _person(session, actor, email))


@audit_log.refusals_logged("erase", "user")
def erase(ctx: Context, actor: Actor, email: str, *, confirm_email: str) -> ErasurePreview:
    """Erase the person with `email` on their request, in one transaction. `confirm_email`
    must repeat the e-mail (a guard against erasing the wrong person). What was done."""
    require_role(actor, Role.ADMIN)
    with ctx.unit_of_work() as session:
        user = _person(session, actor, email)
        if confirm_email.strip().lower() != user.email:
            raise InvalidInput(
                f"To erase {user.email}, type that e-mail exactly to confirm; "
                f"{confirm_email.strip()!r} does not match. Nothing was erased.",
                "confirm_email",
            )
        return _erase(session, ctx, actor, user, reason="request")


def _erase(
    session: Session, ctx: Context, actor: Actor, user: User, *, reason: str, **detail: Any
) -> ErasurePreview:
    done = _preview(session, user)
    email = user.email
    session.expunge(user)  # deleted below by statement, not through the session
    for step in _steps(session, user):
        if step.values:
            statement: Any = update(step.table).where(step.where).values(step.values)
        elif step.forget is not None:
            statement = update(step.table).where(step.where).values({step.forget: None})
        else:
            statement = delete(step.table).where(step.where)
        session.execute(statement)
    _drop_from_showcase(session, email)
    digest = erased.remember(session, ctx.settings, email, ctx.clock.today())
    session.flush()
    audit_log.record(
        session,
        actor,
        "erase",
        "user",
        None,
        email_hash=digest,
        reason=reason,
        role=done.role.value,
        erased=dict(done.goes),
        **detail,
    )
    return done


def _drop_from_showcase(session: Session, email: str) -> None:
    """The demo's sign-in page lists a few graduates by e-mail ("email=profile;...")."""
    setting = session.get(InstanceSetting, DEMO_GRADUATES)
    if setting is None or email not in setting.value:
        return
    entries = [e for e in setting.value.split(";") if e.partition("=")[0].lower() != email]
    setting.value = ";".join(entries)


# --- Retention ------------------------------------------------------------------------------


@dataclass(frozen=True)
class RetentionCandidate:
    """A graduate retention would erase, and why."""

    email: str
    name: str
    graduated_on: date
    # The latest of their sign-ins (the audit log, sessions); None: never signed in.
    last_signed_in: datetime | None
    account_made: datetime

    @property
    def why(self) -> str:
        seen = (
            f"last signed in on {self.last_signed_in.date().isoformat()}"
            if self.last_signed_in is not None
            else f"never signed in (account made on {self.account_made.date().isoformat()})"
        )
        return f"graduated on {self.graduated_on.isoformat()}, {seen}"


def months_before(day: date, months: int) -> date:
    """`day` so many months earlier (the last day of a shorter month when it has no such day)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def graduation_day(graduation_date: date | None, graduation_year: int | None) -> date | None:
    """The day of graduation; without one, the 31 May of the graduation year (DESIGN.md)."""
    if graduation_date is not None:
        return graduation_date
    return date(graduation_year, 5, 31) if graduation_year is not None else None


def _candidates(session: Session, today: date, months: int) -> list[RetentionCandidate]:
    """Graduates whose graduation and last sign-in (or, never signed in, account's making) are
    both more than `months` months before `today`. A graduate without a graduation year is
    never erased by retention: nobody knows when they left."""
    if months <= 0:
        raise InvalidInput("Retention needs a number of months above 0.", "months")
    cutoff = months_before(today, months)
    since = datetime(cutoff.year, cutoff.month, cutoff.day, tzinfo=UTC)
    signed_in = (
        select(AuditEntry.actor_id.label("user_id"), func.max(AuditEntry.at).label("at"))
        .where(AuditEntry.action == "sign_in", AuditEntry.actor_id.is_not(None))
        .group_by(AuditEntry.actor_id)
        .subquery()
    )
    seen = (
        select(UserSession.user_id, func.max(UserSession.last_seen_at).label("at"))
        .group_by(UserSession.user_id)
        .subquery()
    )
    rows = session.execute(
        select(
            User,
            Graduate.graduation_date,
            Graduate.graduation_year,
            signed_in.c.at,
            seen.c.at,
        )
        .join(Graduate, Graduate.user_id == User.id)
        .outerjoin(signed_in, signed_in.c.user_id == User.id)
        .outerjoin(seen, seen.c.user_id == User.id)
        .where(User.role == Role.GRADUATE)
        .order_by(User.email)
    )
    found = []
    for user, graduation_date, graduation_year, audit_at, session_at in rows:
        graduated = graduation_day(graduation_date, graduation_year)
        if graduated is None or graduated >= cutoff:
            continue
        last = max((_aware(at) for at in (audit_at, session_at) if at is not None), default=None)
        if (last or user.created_at) >= since:
            continue
        found.append(
            RetentionCandidate(user.email, user.display_name, graduated, last, user.created_at)
        )
    return found


def _aware(instant: datetime) -> datetime:
    """An aggregate's instant (SQLite gives it back without its zone)."""
    return instant if instant.tzinfo is not None else instant.replace(tzinfo=UTC)


@audit_log.refusals_logged("retention", "user")
def retention(
    ctx: Context,
    actor: Actor,
    months: int,
    *,
    dry_run: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> list[RetentionCandidate]:
    """Erase the graduates past retention (`_candidates`), all in one transaction; `dry_run`
    only lists them. Who was (or would be) erased, and why."""
    require_role(actor, Role.ADMIN)
    with ctx.unit_of_work() as session:
        found = _candidates(session, ctx.clock.today(), months)
        if dry_run:
            return found
        for done, candidate in enumerate(found, 1):
            user = session.scalar(select(User).where(User.email == candidate.email))
            assert user is not None
            _erase(session, ctx, actor, user, reason="retention", months=months)
            if progress is not None:
                progress(done, len(found))
        return found
