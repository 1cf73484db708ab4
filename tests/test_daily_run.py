"""The daily run on several hosts (networkit_core/daily_run.py): two `networkit remind` started
at the same moment send each e-mail once; a run that finds another under way changes and sends
nothing. Against a real SMTP server on the loopback, on both databases."""

from __future__ import annotations

import os
import subprocess
import sys
from collections import Counter

import pytest
from sqlalchemy import func, select

from networkit_core.cli.main import main
from networkit_core.context import Context
from networkit_core.daily_run import OTHER_RUN, daily_run
from networkit_core.models import OutboundEmail, Role, User
from tests import factories
from tests.conftest import TODAY
from tests.smtp_server import SmtpServer, smtp_server

server = pytest.fixture(smtp_server)
GRADUATES = 12  # enough e-mails that the two runs' sending overlaps


@pytest.fixture
def due_emails(ctx: Context) -> list[str]:
    """Graduates whose thank-you fell due today (TODAY, a Monday: their advisor gets a digest)."""
    factories.user(ctx, Role.ADMIN)  # retention acts as the first admin
    advisor = factories.user(ctx, Role.ADVISOR)
    cohort_id = factories.cohort(ctx, advisors=(advisor,))
    emails = [advisor.email]
    for _ in range(GRADUATES):
        graduate, graduate_id = factories.graduate(ctx, cohort_id)
        factories.interview(ctx, graduate_id, days_ago=3)
        emails.append(graduate.email)
    return emails


@pytest.fixture
def env(database_url: str, server: SmtpServer) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "NETWORKIT_SMTP_URL": server.url,
        "NETWORKIT_SMTP_CA_FILE": str(server.ca_file),
        "NETWORKIT_MAIL_FROM": "coach@example.edu",
        "NETWORKIT_RETENTION_MONTHS": "24",
    }


def start(env: dict[str, str], *args: str) -> subprocess.Popen[str]:
    command = [sys.executable, "-m", "networkit_core.cli.main", *args]
    return subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def finish(run: subprocess.Popen[str]) -> str:
    stdout, stderr = run.communicate(timeout=120)
    assert run.returncode == 0, stderr
    assert "Traceback" not in stderr
    return stdout


def test_two_hosts_reminding_at_once_send_each_e_mail_once(
    env: dict[str, str], due_emails: list[str], server: SmtpServer
) -> None:
    runs = [start(env, "remind", "--today", TODAY.isoformat()) for _ in range(2)]
    outputs = [finish(run) for run in runs]
    received = Counter(str(message["To"]) for message in server.inbox.messages)
    assert received == Counter(due_emails), outputs
    # Each run either sent them or stopped for the other (or came after it: nothing left).
    assert any(f"{len(due_emails)} sent" in output for output in outputs), outputs


def test_a_run_while_another_is_under_way_changes_and_sends_nothing(
    ctx: Context,
    env: dict[str, str],
    due_emails: list[str],
    server: SmtpServer,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    day = ["--today", TODAY.isoformat()]
    with daily_run(ctx) as ours:  # this test is the host whose run is under way
        assert ours
        for command in (["remind", *day], ["retention", "--months", "1"]):
            assert main(command) == 0  # the command runs in this process, on its own connection
            assert capsys.readouterr().out == f"{OTHER_RUN}\n"
        with ctx.unit_of_work() as session:
            assert session.scalar(select(func.count()).select_from(OutboundEmail)) == 0
            assert session.scalar(select(func.count()).select_from(User)) == len(due_emails) + 1
    assert not server.inbox.messages
    # Once it has ended, the next run is the day's.
    assert main(["remind", *day]) == 0
    assert capsys.readouterr().out.endswith(f"{len(due_emails)} sent\n")
    assert Counter(str(message["To"]) for message in server.inbox.messages) == Counter(due_emails)
