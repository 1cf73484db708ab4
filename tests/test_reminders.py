"""`networkit remind`: what fell due today reaches each graduate by e-mail, once; advisors get a
Monday digest; a refused connection is retried on the next run; turning reminders off stops
them. Against a real SMTP server on the loopback (tests/smtp_server.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import timedelta
from email.message import EmailMessage

import pytest
from sqlalchemy import select

from networkit_core.clock import FixedClock
from networkit_core.context import Context
from networkit_core.models import (
    EmailStatus,
    FollowUpPermission,
    Interview,
    InterviewStatus,
    OutboundEmail,
    Role,
)
from networkit_core.reminders.mailer import Mailer, MailSettings
from networkit_core.reminders.run import remind
from networkit_core.services.coaching import record_nudge
from networkit_core.services.cohorts import archive_cohort
from networkit_core.services.reminders import reminders_on, set_reminders
from tests import factories
from tests.conftest import TODAY
from tests.smtp_server import SmtpServer, free_port, smtp_server

BASE = "https://coach.example.edu"
server = pytest.fixture(smtp_server)


def mailer(smtp: SmtpServer) -> Mailer:
    env = {"NETWORKIT_SMTP_URL": smtp.url, "NETWORKIT_MAIL_FROM": "coach@example.edu"}
    return Mailer(MailSettings.from_env({**env, "NETWORKIT_SMTP_CA_FILE": str(smtp.ca_file)}))


def public_id(ctx: Context, interview_id: int) -> str:
    with ctx.unit_of_work() as session:
        return session.scalars(
            select(Interview.public_id).where(Interview.id == interview_id)
        ).one()


def body(message: EmailMessage, subtype: str) -> str:
    part = message.get_body(preferencelist=(subtype,))
    assert part is not None
    return part.get_content()


class Cohort:
    """An advisor, and a graduate whose thank-you to "Priya Shah" fell due today (met three
    days ago, window two days), plus one whose item fell due a week ago (no e-mail today)."""

    def __init__(self, ctx: Context) -> None:
        self.advisor = factories.user(ctx, Role.ADVISOR)
        self.cohort_id = factories.cohort(ctx, "Spring <b>2026</b>", advisors=(self.advisor,))
        self.due, self.due_id = factories.graduate(ctx, self.cohort_id)
        contact = factories.contact(ctx, self.due_id, "Priya <Shah>", organization="Acme & Co")
        self.interview = factories.interview(ctx, self.due_id, days_ago=3, contact_id=contact)
        self.quiet, self.quiet_id = factories.graduate(ctx, self.cohort_id)
        factories.interview(ctx, self.quiet_id, days_ago=10)


@pytest.fixture
def cohort(ctx: Context) -> Cohort:
    return Cohort(ctx)


def test_each_graduate_gets_what_fell_due_today_with_links(
    ctx: Context, cohort: Cohort, server: SmtpServer
) -> None:
    summary = remind(ctx, mailer(server), base_url=BASE)
    assert summary.failed == 0
    to_graduates = [m for m in server.inbox.messages if m["To"] == cohort.due.email]
    assert len(to_graduates) == 1
    message = to_graduates[0]
    assert message["From"] == "coach@example.edu"
    assert message["Subject"] == "NetWorkIt Coach: 1 thing to do today"
    text, html = body(message, "plain"), body(message, "html")
    link = f"{BASE}/interview?id={public_id(ctx, cohort.interview)}"
    assert "Thank-you to Priya <Shah> (Acme & Co) not recorded" in text
    assert link in text and f'href="{link}"' in html
    assert "Priya &lt;Shah&gt; (Acme &amp; Co)" in html and "<Shah>" not in html
    assert 'untick "E-mail reminders"' in text  # every e-mail says how to stop them
    # The other graduate's thank-you fell due a week ago: nothing new today.
    assert not [m for m in server.inbox.messages if m["To"] == cohort.quiet.email]


def test_a_second_run_the_same_day_sends_nothing(
    ctx: Context, cohort: Cohort, server: SmtpServer
) -> None:
    first = remind(ctx, mailer(server), base_url=BASE)
    received = len(server.inbox.messages)
    assert first.sent == received >= 1
    second = remind(ctx, mailer(server), base_url=BASE)
    assert (second.composed, second.sent) == (0, 0)
    assert len(server.inbox.messages) == received


def test_a_refused_connection_is_retried_on_the_next_run(
    ctx: Context, cohort: Cohort, server: SmtpServer
) -> None:
    closed = MailSettings.from_env(
        {"NETWORKIT_SMTP_URL": f"smtp://127.0.0.1:{free_port()}", "NETWORKIT_MAIL_FROM": "c@x.org"}
    )
    refused = remind(ctx, Mailer(closed), base_url=BASE)
    assert refused.sent == 0 and refused.failed == refused.composed >= 1
    assert "ConnectionRefusedError" in refused.errors[0]
    with ctx.unit_of_work() as session:
        assert {e.status for e in session.scalars(select(OutboundEmail))} == {EmailStatus.FAILED}

    tomorrow = Context(ctx.engine, ctx.settings, FixedClock.on(TODAY + timedelta(days=1)))
    retried = remind(tomorrow, mailer(server), base_url=BASE)
    assert retried.sent >= refused.failed
    assert [m for m in server.inbox.messages if m["To"] == cohort.due.email]
    with ctx.unit_of_work() as session:
        assert {e.status for e in session.scalars(select(OutboundEmail))} == {EmailStatus.SENT}


def test_turning_reminders_off_stops_them(ctx: Context, cohort: Cohort, server: SmtpServer) -> None:
    assert reminders_on(ctx, cohort.due)
    set_reminders(ctx, cohort.due, on=False)
    assert not reminders_on(ctx, cohort.due)
    remind(ctx, mailer(server), base_url=BASE)
    assert not [m for m in server.inbox.messages if m["To"] == cohort.due.email]
    set_reminders(ctx, cohort.due, on=True)
    tomorrow = Context(ctx.engine, ctx.settings, FixedClock.on(TODAY + timedelta(days=1)))
    factories.interview(ctx, cohort.due_id, days_ago=2)  # falls due tomorrow
    remind(tomorrow, mailer(server), base_url=BASE)
    assert [m for m in server.inbox.messages if m["To"] == cohort.due.email]


def test_a_deactivated_graduate_or_an_archived_cohort_gets_nothing(
    ctx: Context, cohort: Cohort, server: SmtpServer
) -> None:
    admin = factories.user(ctx, Role.ADMIN)
    archive_cohort(ctx, admin, cohort.cohort_id)
    remind(ctx, mailer(server), base_url=BASE)
    assert not [m for m in server.inbox.messages if m["To"] == cohort.due.email]


def test_the_monday_digest_lists_the_nudge_list_rates_and_nudges(
    ctx: Context, cohort: Cohort, server: SmtpServer
) -> None:
    assert TODAY.weekday() == 0  # a Monday
    # Inactive for weeks, with a thank-you long overdue: on the nudge list.
    lagging, lagging_id = factories.graduate(ctx, cohort.cohort_id)
    factories.backdate_account(ctx, lagging, days=60)
    old = factories.interview(ctx, lagging_id, days_ago=40, permission=FollowUpPermission.GRANTED)
    factories.backdate_logging(ctx, old, days=40)
    record_nudge(ctx, cohort.advisor, cohort.quiet_id, "Reminded by e-mail")

    remind(ctx, mailer(server), base_url=BASE)
    digests = [m for m in server.inbox.messages if m["To"] == cohort.advisor.email]
    assert len(digests) == 1
    text, html = body(digests[0], "plain"), body(digests[0], "html")
    assert digests[0]["Subject"].startswith("NetWorkIt Coach: your week")
    assert lagging.display_name in text
    assert f"{BASE}/graduate?email={lagging.email.replace('@', '%40')}" in text
    assert "Spring <b>2026</b>" in text and "Spring &lt;b&gt;2026&lt;/b&gt;" in html
    assert "Follow-up completion:" in text and "(a week before:" in text
    assert f"{cohort.quiet.display_name}, by {cohort.advisor.display_name}" in text
    assert "Reminded by e-mail" in text

    # Not on a Tuesday.
    tuesday = Context(ctx.engine, ctx.settings, FixedClock.on(TODAY + timedelta(days=1)))
    server.inbox.messages.clear()
    remind(tuesday, mailer(server), base_url=BASE)
    assert not [m for m in server.inbox.messages if m["To"] == cohort.advisor.email]


def test_cancelled_interviews_make_no_reminder(
    ctx: Context, cohort: Cohort, server: SmtpServer
) -> None:
    other, other_id = factories.graduate(ctx, cohort.cohort_id)
    factories.interview(ctx, other_id, days_ago=3, status=InterviewStatus.CANCELLED)
    remind(ctx, mailer(server), base_url=BASE)
    assert not [m for m in server.inbox.messages if m["To"] == other.email]


def test_a_dry_run_writes_and_sends_nothing(
    ctx: Context, cohort: Cohort, server: SmtpServer
) -> None:
    summary = remind(ctx, mailer(server), base_url=BASE, dry_run=True)
    assert cohort.due.email in [letter.recipient for letter in summary.letters]
    assert not server.inbox.messages
    with ctx.unit_of_work() as session:
        assert not session.scalars(select(OutboundEmail)).all()


@pytest.fixture
def cli_env(ctx: Context, database_url: str, server: SmtpServer) -> Iterator[dict[str, str]]:
    yield {
        **os.environ,
        "DATABASE_URL": database_url,
        "NETWORKIT_SMTP_URL": server.url,
        "NETWORKIT_SMTP_CA_FILE": str(server.ca_file),
        "NETWORKIT_MAIL_FROM": "coach@example.edu",
        "NETWORKIT_BASE_URL": BASE,
    }


def networkit(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "networkit_core.cli.main", *args]
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)


def test_the_command_reports_one_line_and_retries_a_refused_connection(
    cli_env: dict[str, str], cohort: Cohort, server: SmtpServer
) -> None:
    refused = networkit(
        {**cli_env, "NETWORKIT_SMTP_URL": f"smtp://127.0.0.1:{free_port()}"},
        "remind", "--today", TODAY.isoformat(),
    )  # fmt: skip
    assert refused.returncode == 1
    assert refused.stdout.count("\n") == 1
    assert "could not be sent" in refused.stdout and "retried on the next run" in refused.stdout
    assert "Traceback" not in refused.stderr

    sent = networkit(cli_env, "remind", "--today", TODAY.isoformat())
    assert sent.returncode == 0, sent.stderr
    assert sent.stdout.startswith("networkit: 0 new e-mail(s) composed, ")
    assert [m for m in server.inbox.messages if m["To"] == cohort.due.email]

    again = networkit(cli_env, "remind", "--today", TODAY.isoformat())
    assert again.stdout == "networkit: 0 new e-mail(s) composed, 0 sent\n"


def test_the_command_without_smtp_settings_says_what_is_missing(
    cli_env: dict[str, str], cohort: Cohort
) -> None:
    env = {k: v for k, v in cli_env.items() if k != "NETWORKIT_SMTP_URL"}
    result = networkit(env, "remind", "--today", TODAY.isoformat())
    assert result.returncode == 1
    assert result.stderr == (
        "networkit: NETWORKIT_SMTP_URL is not set: say which SMTP server sends e-mail\n"
    )


def test_a_dry_run_on_the_command_line_prints_the_e_mails(
    cli_env: dict[str, str], cohort: Cohort
) -> None:
    result = networkit(cli_env, "remind", "--today", TODAY.isoformat(), "--dry-run")
    assert result.returncode == 0, result.stderr
    assert f"To: {cohort.due.email}" in result.stdout
    assert "nothing was sent" in result.stdout
