"""Nudging several graduates at once (services/nudges.py), against a real SMTP server on the
loopback: one e-mail each with their own items and nobody else's, once a day, retried by the
next `networkit remind` after a refused connection; a graduate the advisor does not coach is
refused with nothing stored."""

from __future__ import annotations

from email.message import EmailMessage

import pytest
from sqlalchemy import select, update

from networkit_core.context import Context
from networkit_core.errors import AccessDenied, InvalidInput
from networkit_core.figures.nudges import needs_nudge
from networkit_core.figures.scope import FigureScope
from networkit_core.models import (
    AuditEntry,
    CoachingComment,
    CommentKind,
    EmailKind,
    EmailStatus,
    OutboundEmail,
    Role,
    User,
)
from networkit_core.reminders.compose import NUDGE_SUBJECT
from networkit_core.reminders.mailer import Mailer, MailSettings
from networkit_core.reminders.run import remind
from networkit_core.services.nudges import nudge_drafts, record_nudges, send_nudges
from networkit_core.settings import Settings
from tests import factories
from tests.smtp_server import SmtpServer, free_port, smtp_server

server = pytest.fixture(smtp_server)
MESSAGE = "Checking in: a few things are waiting for you."
BASE = "https://coach.example.edu"


def mailer(smtp: SmtpServer) -> Mailer:
    env = {"NETWORKIT_SMTP_URL": smtp.url, "NETWORKIT_MAIL_FROM": "coach@example.edu"}
    return Mailer(MailSettings.from_env({**env, "NETWORKIT_SMTP_CA_FILE": str(smtp.ca_file)}))


def closed_port_mailer() -> Mailer:
    url = f"smtp://127.0.0.1:{free_port()}"
    return Mailer(
        MailSettings.from_env({"NETWORKIT_SMTP_URL": url, "NETWORKIT_MAIL_FROM": "c@x.org"})
    )


def text_of(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("plain",))
    assert part is not None
    return str(part.get_content())


def html_of(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("html",))
    assert part is not None
    return str(part.get_content())


class Caseload:
    """An advisor coaching `size` graduates, each with a thank-you to their own contact long
    overdue (met 12 days ago), and a graduate of another advisor's cohort."""

    def __init__(self, ctx: Context, size: int) -> None:
        self.advisor = factories.user(ctx, Role.ADVISOR)
        cohort = factories.cohort(ctx, "Spring 2026", advisors=(self.advisor,))
        self.ids: list[int] = []
        self.people: dict[int, tuple[str, str, str]] = {}  # id -> name, e-mail, contact
        for n in range(size):
            graduate, graduate_id = factories.graduate(ctx, cohort, f"grad{n:03d}@example.org")
            with ctx.unit_of_work() as session:
                session.execute(
                    update(User)
                    .where(User.id == graduate.id)
                    .values(first_name=f"Gina{n:03d}", last_name=f"Fox{n:03d}")
                )
            contact = f"Contact{n:03d} Person"
            factories.interview(
                ctx,
                graduate_id,
                days_ago=12,
                contact_id=factories.contact(ctx, graduate_id, contact, email=f"c{n:03d}@acme.io"),
            )
            self.ids.append(graduate_id)
            self.people[graduate_id] = (f"Gina{n:03d} Fox{n:03d}", graduate.email, contact)
        other = factories.user(ctx, Role.ADVISOR)
        self.stranger, self.stranger_id = factories.graduate(
            ctx, factories.cohort(ctx, "Not Mine", advisors=(other,))
        )
        factories.interview(ctx, self.stranger_id, days_ago=12)


def _emails(ctx: Context) -> list[OutboundEmail]:
    with ctx.unit_of_work() as session:
        rows = list(session.scalars(select(OutboundEmail).order_by(OutboundEmail.id)))
        session.expunge_all()
        return rows


def _nudges(ctx: Context) -> list[CoachingComment]:
    with ctx.unit_of_work() as session:
        rows = list(
            session.scalars(
                select(CoachingComment).where(CoachingComment.kind == CommentKind.NUDGE)
            )
        )
        session.expunge_all()
        return rows


def test_a_bulk_nudge_of_50_sends_50_emails_each_naming_only_its_own_items(
    ctx: Context, server: SmtpServer
) -> None:
    load = Caseload(ctx, 50)
    done = send_nudges(ctx, load.advisor, load.ids, MESSAGE, mailer=mailer(server))
    assert (done.sent, done.failed, done.already) == (50, 0, ())
    assert len(done.nudged) == 50
    messages = server.inbox.messages
    assert len(messages) == 50
    assert {m["To"] for m in messages} == {email for _, email, _ in load.people.values()}
    for message in messages:
        assert message["Subject"] == NUDGE_SUBJECT
        text, html = text_of(message), html_of(message)
        (mine,) = [p for p in load.people.values() if p[1] == message["To"]]
        name, _, contact = mine
        assert f"Hi {name.split()[0]}," in text and MESSAGE in text
        assert f"Thank-you to {contact}" in text and contact in html
        for other in load.people.values():
            if other != mine:
                for word in (other[0].split()[0], other[1], other[2]):
                    assert word not in text and word not in html
    assert {e.kind for e in _emails(ctx)} == {EmailKind.NUDGE}
    assert {e.status for e in _emails(ctx)} == {EmailStatus.SENT}
    assert sorted(n.graduate_id for n in _nudges(ctx)) == sorted(load.ids)
    # Nudged today: off the list for the quiet days.
    assert needs_nudge(ctx, load.advisor, FigureScope.caseload(load.advisor.id)) == []
    with ctx.unit_of_work() as session:
        audited = session.scalars(select(AuditEntry).where(AuditEntry.action == "nudge")).all()
        assert len(audited) == 50


def test_a_second_press_the_same_day_sends_none_twice(ctx: Context, server: SmtpServer) -> None:
    load = Caseload(ctx, 3)
    first = send_nudges(ctx, load.advisor, load.ids[:2], MESSAGE, mailer=mailer(server))
    assert first.sent == 2
    again = send_nudges(ctx, load.advisor, load.ids, MESSAGE, mailer=mailer(server))
    assert again.sent == 1 and again.nudged == (load.people[load.ids[2]][0],)
    assert set(again.already) == {load.people[i][0] for i in load.ids[:2]}
    assert len(server.inbox.messages) == 3
    assert len(_emails(ctx)) == 3 and len(_nudges(ctx)) == 3


def test_a_refused_connection_leaves_them_unsent_and_the_next_remind_run_sends_them(
    ctx: Context, server: SmtpServer
) -> None:
    load = Caseload(ctx, 4)
    refused = send_nudges(ctx, load.advisor, load.ids, MESSAGE, mailer=closed_port_mailer())
    assert (refused.sent, refused.failed) == (0, 4)
    assert "ConnectionRefusedError" in refused.errors[0]
    assert {e.status for e in _emails(ctx)} == {EmailStatus.FAILED}
    assert len(_nudges(ctx)) == 4  # recorded: the e-mail is on its way, not lost
    summary = remind(ctx, mailer(server), base_url=BASE)
    assert summary.sent >= 4
    nudges = [m for m in server.inbox.messages if m["Subject"] == NUDGE_SUBJECT]
    assert sorted(m["To"] for m in nudges) == sorted(p[1] for p in load.people.values())
    assert {e.status for e in _emails(ctx) if e.kind is EmailKind.NUDGE} == {EmailStatus.SENT}


def test_the_configured_smtp_server_is_used_when_none_is_given(
    ctx: Context, server: SmtpServer
) -> None:
    load = Caseload(ctx, 2)
    settings = Settings(
        database_url=ctx.settings.database_url,
        smtp_url=server.url,
        mail_from="coach@example.edu",
        smtp_ca_file=str(server.ca_file),
        base_url=BASE,
    )
    configured = Context(ctx.engine, settings, ctx.clock)
    assert send_nudges(configured, load.advisor, load.ids, MESSAGE).sent == 2
    assert all(f"{BASE}/interview?id=" in text_of(m) for m in server.inbox.messages)


def test_without_smtp_nothing_is_stored(ctx: Context) -> None:
    load = Caseload(ctx, 2)
    assert not ctx.settings.smtp_url
    with pytest.raises(InvalidInput, match="NETWORKIT_SMTP_URL"):
        send_nudges(ctx, load.advisor, load.ids, MESSAGE)
    assert _emails(ctx) == [] and _nudges(ctx) == []


def test_a_graduate_not_coached_is_refused_and_nothing_is_stored(
    ctx: Context, server: SmtpServer
) -> None:
    load = Caseload(ctx, 3)
    asked = [*load.ids, load.stranger_id]
    with pytest.raises(AccessDenied):
        send_nudges(ctx, load.advisor, asked, MESSAGE, mailer=mailer(server))
    assert _emails(ctx) == [] and _nudges(ctx) == [] and server.inbox.messages == []
    with pytest.raises(AccessDenied):
        record_nudges(ctx, load.advisor, asked)
    assert _nudges(ctx) == []
    with ctx.unit_of_work() as session:
        refused = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "nudge_refused")
        ).all()
        assert len(refused) == 2 and refused[0].actor_id == load.advisor.id


def test_a_graduate_cannot_nudge(ctx: Context, server: SmtpServer) -> None:
    load = Caseload(ctx, 1)
    with pytest.raises(AccessDenied):
        send_nudges(ctx, load.stranger, load.ids, MESSAGE, mailer=mailer(server))
    assert _emails(ctx) == []


def test_an_empty_message_or_selection_is_refused(ctx: Context, server: SmtpServer) -> None:
    load = Caseload(ctx, 1)
    with pytest.raises(InvalidInput, match="message"):
        send_nudges(ctx, load.advisor, load.ids, "  ", mailer=mailer(server))
    with pytest.raises(InvalidInput, match="at least one"):
        send_nudges(ctx, load.advisor, [], MESSAGE, mailer=mailer(server))
    assert _emails(ctx) == []


def test_mailto_drafts_hold_each_graduates_own_items_and_recording_them_nudges(
    ctx: Context,
) -> None:
    load = Caseload(ctx, 3)
    drafts = nudge_drafts(ctx, load.advisor, load.ids[:2], MESSAGE)
    assert [d.email for d in drafts] == [load.people[i][1] for i in load.ids[:2]]
    for draft in drafts:
        own = load.people[draft.graduate_id][2]
        assert own in draft.body and MESSAGE in draft.body
        assert [p[2] for p in load.people.values() if p[2] in draft.body] == [own]
    assert _nudges(ctx) == []  # a draft writes nothing
    names = record_nudges(ctx, load.advisor, load.ids[:2])
    assert names == tuple(load.people[i][0] for i in load.ids[:2])
    assert sorted(n.graduate_id for n in _nudges(ctx)) == sorted(load.ids[:2])
    assert all("Thank-you overdue" in n.body for n in _nudges(ctx))
    assert _emails(ctx) == []
