"""One run of `networkit remind`: compose today's e-mails once (stored, unique per user, kind
and day), then send what is unsent, each send committed alone so a crash never sends twice."""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import groupby

from sqlalchemy import exists, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from networkit_core.actor import Actor
from networkit_core.context import Context
from networkit_core.figures.due import DueItem, DueReason, due_items
from networkit_core.models import (
    Cohort,
    EmailKind,
    EmailStatus,
    Graduate,
    OutboundEmail,
    ReminderOptOut,
    Role,
    User,
)
from networkit_core.reminders.compose import Letter, daily_reminder
from networkit_core.reminders.digest import weekly_letter
from networkit_core.reminders.mailer import Mailer

# What a graduate is reminded of (an advisor, not the graduate, hears about inactivity).
DAILY_REASONS = frozenset(DueReason) - {DueReason.INACTIVE}
RETRY_DAYS = 7  # an e-mail not sent within a week is no longer news
MAX_ATTEMPTS = 5
Progress = Callable[[int, int], None]


@dataclass
class RemindSummary:
    composed: int = 0
    sent: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)
    letters: list[Letter] = field(default_factory=list)  # a dry run's, to show


def remind(
    ctx: Context,
    mailer: Mailer | None,
    *,
    base_url: str,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> RemindSummary:
    """Compose today's reminders (and, on a Monday, the advisors' digests), then send every
    unsent one; `dry_run` composes and returns them, writing and sending nothing."""
    today = ctx.clock.today()
    summary = RemindSummary()
    with ctx.unit_of_work() as session:
        letters = _daily_letters(ctx, session, today, base_url)
        if today.weekday() == 0:
            letters += weekly_letter_list(ctx, session, today, base_url)
        if dry_run:
            summary.letters = [letter for _, _, letter in letters]
            summary.composed = len(letters)
            return summary
        summary.composed = _store(session, letters, today)
    if mailer is not None:
        send_unsent(ctx, mailer, today, summary, progress)
    return summary


def _wanting_reminders(role: Role) -> ColumnElement[bool]:
    """Active users of `role` who did not turn reminders off."""
    return (
        (User.role == role)
        & User.is_active.is_(True)
        & ~exists().where(ReminderOptOut.user_id == User.id)
    )


def _daily_letters(
    ctx: Context, session: Session, today: date, base_url: str
) -> list[tuple[int, EmailKind, Letter]]:
    graduates = (
        select(Graduate.id)
        .join(User, User.id == Graduate.user_id)
        .join(Cohort, Cohort.id == Graduate.cohort_id)
        .where(_wanting_reminders(Role.GRADUATE), Cohort.archived_at.is_(None))
    )
    fell_due_today = [
        item
        for item in due_items(ctx, session, graduates)
        if item.fell_due_on == today and item.reason in DAILY_REASONS
    ]
    fell_due_today.sort(key=lambda item: item.graduate_id)
    users = dict(
        session.execute(
            select(Graduate.id, User)
            .join(User, User.id == Graduate.user_id)
            .where(Graduate.id.in_({item.graduate_id for item in fell_due_today}))
        ).all()
    )
    letters = []
    for graduate_id, group in groupby(fell_due_today, key=lambda item: item.graduate_id):
        user = users[graduate_id]
        items: list[DueItem] = list(group)
        letter = daily_reminder(user.email, user.first_name, items, base_url, today)
        letters.append((user.id, EmailKind.DAILY_REMINDER, letter))
    return letters


def weekly_letter_list(
    ctx: Context, session: Session, today: date, base_url: str
) -> list[tuple[int, EmailKind, Letter]]:
    advisors = session.scalars(
        select(User).where(_wanting_reminders(Role.ADVISOR)).order_by(User.id)
    ).all()
    return [
        (advisor.id, EmailKind.WEEKLY_DIGEST, weekly_letter(ctx, Actor.of(advisor), base_url))
        for advisor in advisors
    ]


def _store(session: Session, letters: list[tuple[int, EmailKind, Letter]], today: date) -> int:
    already = set(
        session.execute(
            select(OutboundEmail.user_id, OutboundEmail.kind).where(OutboundEmail.for_day == today)
        ).all()
    )
    stored = 0
    for user_id, kind, letter in letters:
        if (user_id, kind) in already:
            continue
        session.add(
            OutboundEmail(
                user_id=user_id,
                kind=kind,
                for_day=today,
                recipient=letter.recipient,
                subject=letter.subject,
                body_text=letter.text,
                body_html=letter.html,
            )
        )
        stored += 1
    return stored


def send_unsent(
    ctx: Context,
    mailer: Mailer,
    today: date,
    summary: RemindSummary,
    progress: Progress | None = None,
    *,
    only: Collection[int] | None = None,
) -> None:
    """Send the stored e-mails not sent yet (of the last week, under `MAX_ATTEMPTS`), or only
    those of `only` (ids: what a page just stored); a refusal leaves them for the next run."""
    with ctx.unit_of_work() as session:
        query = select(OutboundEmail.id).where(
            OutboundEmail.status != EmailStatus.SENT,
            OutboundEmail.for_day >= today - timedelta(days=RETRY_DAYS),
            OutboundEmail.attempts < MAX_ATTEMPTS,
        )
        if only is not None:
            query = query.where(OutboundEmail.id.in_(list(only)))
        unsent = session.scalars(query.order_by(OutboundEmail.id)).all()
    try:
        for done, email_id in enumerate(unsent, start=1):
            with ctx.unit_of_work() as session:  # one commit per e-mail: none is sent twice
                # Locked (PostgreSQL) and read again: a page sending the same e-mail at this
                # moment waits for this send, then finds it sent.
                email = session.get_one(OutboundEmail, email_id, with_for_update=True)
                if email.status == EmailStatus.SENT:
                    continue
                letter = Letter(email.recipient, email.subject, email.body_text, email.body_html)
                email.attempts += 1
                try:
                    mailer.send(letter.message())
                except (
                    OSError
                ) as error:  # smtplib's and ssl's errors are OSErrors: retried next run
                    email.status = EmailStatus.FAILED
                    email.last_error = _one_line(error)[:500]
                    summary.failed += 1
                    summary.errors.append(email.last_error)
                else:
                    email.status = EmailStatus.SENT
                    email.sent_at = ctx.clock.now()
                    email.last_error = ""
                    summary.sent += 1
            if progress:
                progress(done, len(unsent))
    finally:
        mailer.close()


def _one_line(error: BaseException) -> str:
    text = str(error).strip().splitlines()
    return f"{type(error).__name__}: {text[0]}" if text else type(error).__name__
