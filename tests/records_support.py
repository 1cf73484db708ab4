"""A graduate with a row in every table that can name a person, and another graduate beside
them, for the records archive's tests (core, page, command line); and reading an archive."""

from __future__ import annotations

import csv
import io
import zipfile
from contextlib import suppress
from dataclasses import dataclass
from datetime import time, timedelta

from sqlalchemy import update

from networkit_core import audit_log
from networkit_core.actor import Actor
from networkit_core.context import Context
from networkit_core.errors import AuthenticationFailed
from networkit_core.models import (
    ChecklistTick,
    CohortGoal,
    Contact,
    EmailKind,
    EmailStatus,
    FollowUpPermission,
    Graduate,
    ImportMapping,
    Interview,
    InterviewStatus,
    OutboundEmail,
    Role,
    SignInLink,
    ThankYouMethod,
    User,
)
from networkit_core.services.accounts import authenticate
from networkit_core.services.accounts.sessions import start_session
from networkit_core.services.calendar_feed import start_feed
from networkit_core.services.coaching import add_comment, record_nudge
from networkit_core.services.destinations import DestinationInput, record_destination
from networkit_core.services.reminders import set_reminders
from networkit_core.services.saved_views import save_view
from tests import factories as f
from tests.app_session import set_password

ANA = "ana@example.org"
ZED = "zed@example.org"
FORMULA = '=HYPERLINK("http://evil.example","click")'
# What only Zed's records hold: none of it may appear in Ana's archive.
ZED_SECRETS = (ZED, "Zebulon", "Quartz", "Zed's Contact", "ZED-NOTES-SECRET", "Zed Org")


@dataclass(frozen=True)
class People:
    admin: Actor
    coach: Actor
    ana: Actor
    ana_graduate: int
    zed: Actor
    zed_graduate: int
    held: str  # Ana's completed interview's interview_id
    deleted: str  # an interview Ana deleted
    session_token: str
    feed_token: str


def _name(ctx: Context, actor: Actor, first: str, last: str) -> Actor:
    with ctx.unit_of_work() as session:
        session.execute(
            update(User).where(User.id == actor.id).values(first_name=first, last_name=last)
        )
        return Actor.of(session.get_one(User, actor.id))


def people(ctx: Context) -> People:
    """Ana, coached by Coach, with interviews (one completed with every field, ticks, a rated
    question, follow-ups; one planned; one deleted), contacts in a referral chain, comments and
    a nudge, a destination, an e-mail, an opt-out, a calendar feed, a session, a sign-in link
    and failure, an import mapping, a bank and a suggestion, and audit entries; Zed, in the
    same cohort, with records of his own."""
    admin = f.user(ctx, Role.ADMIN, "admin@example.org", password=f.PASSWORD)
    coach = f.user(ctx, Role.ADVISOR, "coach@example.org", password=f.PASSWORD)
    spring = f.cohort(ctx, "Spring 2026", advisors=(coach,))
    ana, ana_id = f.graduate(ctx, spring, ANA)
    ana = _name(ctx, ana, "Ana", "Lima")
    set_password(ctx, ana.id)
    zed, zed_id = f.graduate(ctx, spring, ZED)
    zed = _name(ctx, zed, "Zebulon", "Quartz")
    set_password(ctx, zed.id)

    dana = f.contact(ctx, ana_id, "Dana Reyes", organization="Acme", email="dana@acme.example")
    eli = f.contact(ctx, ana_id, "+Eli Moss", organization="Beta")
    with ctx.unit_of_work() as session:
        session.get_one(Contact, eli).referred_by_id = dana
    held = f.interview(
        ctx,
        ana_id,
        days_ago=20,
        contact_id=dana,
        thank_you_after=1,
        permission=FollowUpPermission.GRANTED,
        notes=FORMULA,
        follow_ups_after=(5, 12),
        prep_ticked=3,
    )
    conduct = f.checklist_item(ctx, "conduct", "listened")
    with ctx.unit_of_work() as session:
        record = session.get_one(Interview, held)
        record.meeting_time = time(14, 30)
        record.location_detail = "Blue Bottle, 5th Ave"
        record.private_notes = "Ana's private thought"
        record.outcome_trends = "AI in audit"
        record.outcome_job_leads = "Junior analyst at Acme"
        record.thank_you_method = ThankYouMethod.CARD
        session.add(ChecklistTick(interview_id=held, item_id=conduct, ticked_at=ctx.clock.now()))
    f.interview(ctx, ana_id, days_ago=-3, status=InterviewStatus.PLANNED, contact_id=eli)
    gone = f.interview(ctx, ana_id, days_ago=40, follow_ups_after=(3,), notes="deleted one")
    f.soft_delete_interview(ctx, gone)
    bank, (question,) = f.bank(ctx, coach.id, name="Coach bank", visibility="everyone")
    f.use_question(ctx, held, question, usefulness=4)
    f.bank(ctx, ana.id, name="Ana's own bank")
    f.suggestion(ctx, bank, ana.id, "What surprised you?")
    goal = f.goal(ctx, spring)
    with ctx.unit_of_work() as session:
        session.get_one(CohortGoal, goal).set_by_id = coach.id
    add_comment(ctx, coach, ana_id, "@SUM(1) Great prep", interview_id=held)
    record_nudge(ctx, coach, ana_id, "Reminded by e-mail")
    save_view(
        ctx, coach, "Overdue in spring", {"cohort": "Spring 2026", "reason": "thank_you_overdue"}
    )
    record_destination(
        ctx,
        ana,
        DestinationInput("employed_full_time", "Acme", "Analyst", found_through_interview_id=None),
    )
    set_reminders(ctx, ana, False)
    feed_token = start_feed(ctx, ana)
    session_token = start_session(ctx, ana)
    with suppress(AuthenticationFailed):  # a failed sign-in: a throttle row and an entry
        authenticate(ctx, ANA, "wrong password")
    now = ctx.clock.now()
    with ctx.unit_of_work() as session:
        session.add(
            OutboundEmail(
                user_id=ana.id,
                kind=EmailKind.DAILY_REMINDER,
                for_day=ctx.clock.today(),
                recipient=ANA,
                subject="Due today: thank Dana",
                body_text="Thank Dana Reyes",
                body_html="<p>Thank Dana Reyes</p>",
                status=EmailStatus.SENT,
                sent_at=now,
            )
        )
        session.add(
            SignInLink(
                user_id=ana.id,
                token_hash="0" * 64,
                created_at=now,
                expires_at=now + timedelta(minutes=15),
            )
        )
        session.add(
            ImportMapping(user_id=ana.id, kind="interviews", headers="a" * 64, updated_at=now)
        )
        audit_log.record(session, coach, "export", "interview", held, note="looked at")

    # Zed's own records, which Ana's archive must not hold.
    zed_contact = f.contact(ctx, zed_id, "Zed's Contact", organization="Zed Org")
    f.interview(ctx, zed_id, contact_id=zed_contact, notes="ZED-NOTES-SECRET", prep_ticked=2)
    add_comment(ctx, coach, zed_id, "Zed comment ZED-NOTES-SECRET")
    record_destination(ctx, zed, DestinationInput("employed_full_time", "Zed Org"))
    set_reminders(ctx, zed, False)
    start_session(ctx, zed)
    with suppress(AuthenticationFailed):  # a failed sign-in: a throttle row and an entry
        authenticate(ctx, ZED, "wrong password")

    with ctx.unit_of_work() as session:
        public = {
            row.id: row.public_id
            for row in session.query(Interview).filter(Interview.id.in_([held, gone]))
        }
        assert session.get_one(Graduate, ana_id).user_id == ana.id
    return People(
        admin,
        coach,
        ana,
        ana_id,
        zed,
        zed_id,
        public[held],
        public[gone],
        session_token,
        feed_token,
    )


def open_archive(data: bytes) -> dict[str, str]:
    """File name → its text (byte-order mark removed)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name).decode("utf-8-sig") for name in archive.namelist()}


def csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))
