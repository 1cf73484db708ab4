"""A graduate with rows in every table that can name a person, for the erasure tests."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, select

from networkit_core import audit_log
from networkit_core.actor import Actor
from networkit_core.context import Context
from networkit_core.models import (
    Base,
    CalendarFeed,
    CoachingComment,
    CommentKind,
    Contact,
    Destination,
    DestinationSource,
    DestinationStatus,
    EmailKind,
    ImportMapping,
    InstanceSetting,
    OutboundEmail,
    ReminderOptOut,
    SignInLink,
    SignInThrottle,
    ThrottleScope,
    UserSession,
)
from networkit_core.services.saved_views import save_view, saved_views
from tests import factories


@dataclass(frozen=True)
class Person:
    actor: Actor
    graduate_id: int
    interview_id: int

    @property
    def email(self) -> str:
        return self.actor.email


def populated_graduate(
    ctx: Context, cohort_id: int, advisor: Actor, admin: Actor, email: str | None = None
) -> Person:
    """A graduate with interviews, contacts (a referral chain), follow-ups, ticks, questions
    taken (from a private bank of theirs and from a shared bank of theirs), comments and a
    nudge, a destination, a session, a sign-in link, a calendar address, an e-mail, an opt-out,
    an import mapping, a throttle on their e-mail, audit entries and a line in the demo's
    showcase."""
    actor, graduate_id = factories.graduate(ctx, cohort_id, email)
    referrer = factories.contact(ctx, graduate_id, "Riley Referrer", email=f"r.{actor.id}@ex.org")
    met = factories.contact(ctx, graduate_id, "Morgan Met", referred_by_id=referrer)
    interview_id = factories.interview(
        ctx,
        graduate_id,
        contact_id=met,
        thank_you_after=1,
        follow_ups_after=(10, 40),
        prep_ticked=3,
        notes="Went well",
    )
    _, private_questions = factories.bank(ctx, actor.id, name="Mine")
    _, shared_questions = factories.bank(ctx, actor.id, name="Shared", visibility="everyone")
    factories.use_question(ctx, interview_id, private_questions[0], 4)
    factories.use_question(ctx, interview_id, shared_questions[0], 5)
    comment_id = factories.comment(ctx, graduate_id, advisor.id, "Keep going")
    if not any(v.name == "Mine" for v in saved_views(ctx, advisor)):
        save_view(ctx, advisor, "Mine", {"reason": "inactive"})
    now = ctx.clock.now()
    with ctx.unit_of_work() as session:
        session.add_all(
            [
                CoachingComment(
                    graduate_id=graduate_id,
                    interview_id=interview_id,
                    author_id=advisor.id,
                    body="Nudged",
                    kind=CommentKind.NUDGE,
                ),
                Destination(
                    graduate_id=graduate_id,
                    status=DestinationStatus.EMPLOYED_FULL_TIME,
                    organization="Acme",
                    recorded_on=ctx.clock.today(),
                    source=DestinationSource.GRADUATE,
                    found_through_interview_id=interview_id,
                    recorded_by_id=actor.id,
                ),
                UserSession(
                    user_id=actor.id,
                    token_hash=f"s{actor.id:063d}",
                    method="password",
                    created_at=now,
                    last_seen_at=now,
                ),
                SignInLink(
                    user_id=actor.id,
                    token_hash=f"l{actor.id:063d}",
                    created_at=now,
                    expires_at=now + timedelta(minutes=15),
                ),
                CalendarFeed(user_id=actor.id, token_hash=f"c{actor.id:063d}", created_at=now),
                OutboundEmail(
                    user_id=actor.id,
                    kind=EmailKind.DAILY_REMINDER,
                    for_day=ctx.clock.today(),
                    recipient=actor.email,
                    subject="Due today",
                    body_text="A thank-you",
                    body_html="<p>A thank-you</p>",
                ),
                ReminderOptOut(user_id=actor.id, turned_off_at=now),
                ImportMapping(
                    user_id=actor.id,
                    kind="interviews",
                    headers=f"h{actor.id:063d}",
                    mapping={"When": "meeting_date"},
                    updated_at=now,
                ),
                SignInThrottle(
                    scope=ThrottleScope.EMAIL,
                    key=actor.email,
                    failures=2,
                    window_failures=2,
                    window_started_at=now,
                    last_failure_at=now,
                ),
            ]
        )
        audit_log.record(session, actor, "sign_in", "user", actor.id)
        audit_log.record(session, actor, "update", "interview", interview_id)
        audit_log.record(session, advisor, "create", "comment", comment_id)
        audit_log.record(session, None, "sign_in_failed", "user", None, email=actor.email)
        audit_log.record(session, admin, "export", "roster", None, rows=3)
        showcase = session.get(InstanceSetting, "demo_graduates")
        line = f"{actor.email}=steady"
        if showcase is None:
            session.add(InstanceSetting(key="demo_graduates", value=line))
        else:
            showcase.value = f"{showcase.value};{line}"
    return Person(actor, graduate_id, interview_id)


def row_counts(ctx: Context) -> dict[str, int]:
    """Rows of every table."""
    with ctx.unit_of_work() as session:
        return {
            table.name: session.scalar(select(func.count()).select_from(table)) or 0
            for table in Base.metadata.sorted_tables
        }


def contact_count(ctx: Context, graduate_id: int) -> int:
    with ctx.unit_of_work() as session:
        return session.scalar(select(func.count()).where(Contact.graduate_id == graduate_id)) or 0


def roster_file(*rows: tuple[str, str, str]) -> bytes:
    """A roster CSV of (email, first name, cohort) rows."""
    lines = ["email,first_name,last_name,cohort"]
    lines += [f"{email},{first},Test,{cohort}" for email, first, cohort in rows]
    return ("\n".join(lines) + "\n").encode()


GRADUATED_LONG_AGO = date(2020, 6, 1)
