"""Issue 17, item 14: no outsider can keep an account from its owner. While password sign-in
is held back (the e-mail locked, or the client's address throttled), the owner's right
password gets a one-time link at the account's e-mail; the attacker, failing on purpose,
gets the same answer and nothing else. Against a real SMTP server on the loopback."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from datetime import timedelta
from email.message import EmailMessage

import pytest
from sqlalchemy import select
from streamlit.testing.v1 import AppTest

from networkit_core.clock import FixedClock
from networkit_core.context import Context
from networkit_core.errors import AuthenticationFailed
from networkit_core.models import (
    AuditEntry,
    OutboundEmail,
    Role,
    SignInLink,
    SignInThrottle,
    ThrottleScope,
)
from networkit_core.services import accounts
from networkit_core.services.accounts import admin, sessions, sign_in_links
from networkit_core.services.accounts.throttle import locked_message, wait_message
from tests import app_session, factories
from tests.smtp_server import SmtpServer, smtp_server

PASSWORD = factories.PASSWORD
BASE = "https://coach.example.edu"
WRONG = "not the password at all"

server = pytest.fixture(smtp_server)


@pytest.fixture
def mail(server: SmtpServer, monkeypatch: pytest.MonkeyPatch) -> Iterator[SmtpServer]:
    """E-mail configured, as NETWORKIT_SMTP_URL and friends do in production."""
    monkeypatch.setenv("NETWORKIT_SMTP_URL", server.url)
    monkeypatch.setenv("NETWORKIT_SMTP_CA_FILE", str(server.ca_file))
    monkeypatch.setenv("NETWORKIT_MAIL_FROM", "coach@example.edu")
    monkeypatch.setenv("NETWORKIT_BASE_URL", BASE)
    yield server


@pytest.fixture
def no_mail(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NETWORKIT_SMTP_URL", raising=False)


def _moving(ctx: Context, *, quick: bool = True) -> tuple[Context, FixedClock]:
    """A context whose clock the test moves on; `quick`: delays of at most 2 s, so that a
    lock of 15 minutes outlasts the failures that made it."""
    clock = FixedClock(ctx.clock.now())
    settings = ctx.settings.model_copy(update={"max_delay_seconds": 2}) if quick else ctx.settings
    return Context(ctx.engine, settings, clock), clock


def _refusal(ctx: Context, email: str, password: str, address: str | None = None) -> str:
    with pytest.raises(AuthenticationFailed) as refused:
        accounts.authenticate(ctx, email, password, address=address)
    return str(refused.value)


def _lock(ctx: Context, clock: FixedClock, email: str, address: str | None = None) -> None:
    """The attacker's script: wrong passwords until the e-mail is locked, waiting each delay."""
    for _ in range(ctx.settings.max_failed_logins):
        _refusal(ctx, email, WRONG, address)
        clock.instant += timedelta(seconds=ctx.settings.max_delay_seconds)


def _messages(server: SmtpServer, count: int, seconds: float = 20) -> list[EmailMessage]:
    """The inbox once it holds `count` messages (links go out in the background)."""
    deadline = time.monotonic() + seconds
    while len(server.inbox.messages) < count and time.monotonic() < deadline:
        time.sleep(0.05)
    return list(server.inbox.messages)


def _token(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("plain",))
    assert part is not None
    found = re.search(re.escape(BASE) + r"/\?link=([A-Za-z0-9_\-]+)", part.get_content())
    assert found, part.get_content()
    return found.group(1)


def _quiet(server: SmtpServer) -> None:
    """Nothing more arrives: the worker (one thread, in order) has sent whatever was queued
    before this no-op, and the test server files a message before it answers the send."""
    sign_in_links._outbox.submit(lambda: None).result(timeout=20)
    assert len(server.inbox.messages) == 0, [m["To"] for m in server.inbox.messages]


def test_a_locked_out_owner_gets_in_with_password_and_link_while_the_attacker_keeps_failing(
    ctx: Context, mail: SmtpServer
) -> None:
    live, clock = _moving(ctx)
    owner = factories.user(ctx, Role.GRADUATE, "kim@example.org", PASSWORD)
    _lock(live, clock, owner.email)
    locked = locked_message(ctx.settings, by_link=True)
    assert "one-time sign-in link" in locked
    # The attacker keeps failing: the same answer, no e-mail.
    assert _refusal(live, owner.email, WRONG) == locked
    _quiet(mail)
    # The owner types the right password: the same answer on the page, and a link by e-mail.
    assert _refusal(live, owner.email, PASSWORD) == locked
    [message] = _messages(mail, 1)
    assert message["To"] == owner.email
    token = _token(message)
    actor = sign_in_links.sign_in_with_link(live, token)
    assert actor == owner
    session_token = sessions.start_session(live, actor, sign_in_links.METHOD)
    assert sessions.resume_session(live, session_token) == owner
    # Single use: the same link again, in any hands, signs nobody in.
    with pytest.raises(AuthenticationFailed, match="does not work"):
        sign_in_links.sign_in_with_link(live, token)
    # The attacker is still locked out, with a wrong password as with a guessed link.
    assert _refusal(live, owner.email, WRONG) == locked
    with pytest.raises(AuthenticationFailed, match="does not work"):
        sign_in_links.sign_in_with_link(live, token[:-2] + "xx")
    with ctx.unit_of_work() as session:
        stored = session.scalars(select(SignInLink)).one()
        assert stored.token_hash == sessions.token_hash(token) != token
        assert stored.used_at is not None
        # Never in the reminders' outbox, which keeps what it sends, nor in the audit log.
        assert session.scalars(select(OutboundEmail)).all() == []
        entries = session.scalars(select(AuditEntry)).all()
    assert token not in " ".join(str(entry.detail) for entry in entries)
    assert [e.action for e in entries].count("sign_in_link_sent") == 1
    [signed_in] = [e for e in entries if e.action == "sign_in"]
    assert signed_in.detail == {"method": "email_link"}


def test_a_link_expires_is_bound_to_its_account_and_the_newest_one_counts(
    ctx: Context, mail: SmtpServer
) -> None:
    live, clock = _moving(ctx)
    boss = factories.user(ctx, Role.ADMIN)
    kim = factories.user(ctx, Role.GRADUATE, "kim@example.org", PASSWORD)
    lee = factories.user(ctx, Role.ADVISOR, "lee@example.org", PASSWORD)
    for user in (kim, lee):
        _lock(live, clock, user.email)
    _refusal(live, kim.email, PASSWORD)
    _refusal(live, lee.email, PASSWORD)
    first_kim, first_lee = (_token(m) for m in _messages(mail, 2))
    # Bound to its account: Lee's link signs in Lee, whoever opens it, and nobody else.
    assert sign_in_links.sign_in_with_link(live, first_lee) == lee
    # Typing the right password again within a minute sends no second e-mail ...
    _refusal(live, kim.email, PASSWORD)
    sign_in_links._outbox.submit(lambda: None).result(timeout=20)
    assert len(mail.inbox.messages) == 2
    # ... later it does, and the newer link replaces the older one.
    clock.instant += timedelta(seconds=sign_in_links.RESEND_SECONDS + 1)
    _refusal(live, kim.email, PASSWORD)
    second_kim = _token(_messages(mail, 3)[2])
    with pytest.raises(AuthenticationFailed):
        sign_in_links.sign_in_with_link(live, first_kim)
    # A deactivated account's link, or its right password, opens nothing.
    _refusal(live, lee.email, PASSWORD)
    second_lee = _token(_messages(mail, 4)[3])
    admin.deactivate_user(ctx, boss, lee.id)
    with pytest.raises(AuthenticationFailed):
        sign_in_links.sign_in_with_link(live, second_lee)
    clock.instant += timedelta(seconds=sign_in_links.RESEND_SECONDS + 1)
    _refusal(live, lee.email, PASSWORD)
    sign_in_links._outbox.submit(lambda: None).result(timeout=20)
    assert len(mail.inbox.messages) == 4
    # And a link expires.
    clock.instant += timedelta(minutes=ctx.settings.sign_in_link_minutes, seconds=1)
    with pytest.raises(AuthenticationFailed):
        sign_in_links.sign_in_with_link(live, second_kim)


def test_the_answers_do_not_tell_whether_an_email_has_an_account(
    ctx: Context, mail: SmtpServer
) -> None:
    """Locked, a known e-mail with the right or a wrong password, a deactivated account and
    an e-mail nobody has all get one answer; only the owner's inbox tells the difference."""
    live, clock = _moving(ctx)
    boss = factories.user(ctx, Role.ADMIN)
    factories.user(ctx, Role.GRADUATE, "kim@example.org", PASSWORD)
    gone = factories.user(ctx, Role.GRADUATE, "gone@example.org", PASSWORD)
    admin.deactivate_user(ctx, boss, gone.id)
    emails = ["kim@example.org", "gone@example.org", "nobody@example.org"]
    failing = []
    for email in emails:
        for _ in range(ctx.settings.max_failed_logins):
            failing.append(_refusal(live, email, WRONG))
            clock.instant += timedelta(seconds=live.settings.max_delay_seconds)
    answers = {
        (email, password): _refusal(live, email, password)
        for email in emails
        for password in (PASSWORD, WRONG)
    }
    assert set(answers.values()) == {locked_message(ctx.settings, by_link=True)}
    assert failing[:4] == failing[5:9] == failing[10:14]  # before the lock, alike too
    [message] = _messages(mail, 1)
    assert message["To"] == "kim@example.org"


def test_a_throttled_address_holds_back_the_password_but_not_the_owner(
    ctx: Context, mail: SmtpServer
) -> None:
    """One client guessing at many e-mails makes its address wait; an owner behind the same
    address (a campus network) still gets in with the right password and the link."""
    live, clock = _moving(ctx)
    owner = factories.user(ctx, Role.GRADUATE, "kim@example.org", PASSWORD)
    for n in range(ctx.settings.address_free_failures + 1):
        _refusal(live, f"guess{n}@example.org", WRONG, "198.51.100.4")
    held = _refusal(live, owner.email, PASSWORD, "198.51.100.4")
    assert held == wait_message(1, by_link=True)
    assert _refusal(live, owner.email, WRONG, "198.51.100.4") == held  # the same answer
    actor = sign_in_links.sign_in_with_link(live, _token(_messages(mail, 1)[0]))
    assert actor == owner
    clock.instant += timedelta(minutes=ctx.settings.throttle_window_minutes + 1)
    assert accounts.authenticate(live, owner.email, PASSWORD, address="198.51.100.4") == owner


def test_without_e_mail_the_lock_holds_and_says_to_ask_an_admin(
    ctx: Context, no_mail: None, server: SmtpServer
) -> None:
    live, clock = _moving(ctx)
    boss = factories.user(ctx, Role.ADMIN)
    owner = factories.user(ctx, Role.GRADUATE, "kim@example.org", PASSWORD)
    _lock(live, clock, owner.email)
    locked = locked_message(ctx.settings)
    assert "ask an administrator" in locked and "link" not in locked
    assert _refusal(live, owner.email, PASSWORD) == locked
    sign_in_links._outbox.submit(lambda: None).result(timeout=20)
    assert server.inbox.messages == []
    admin.unlock_user(ctx, boss, owner.id)
    assert accounts.authenticate(live, owner.email, PASSWORD) == owner


def test_a_script_trying_ten_accounts_from_one_client_locks_at_most_one(
    ctx: Context, no_mail: None
) -> None:
    """Issue 17: a client without an address (loopback) had no address throttle, so one script
    locked 10 of 10 accounts in 25 s. Now it has a bucket: obeying every wait it is told, in
    25 s it can lock one account, and the tenth account is never touched."""
    live, clock = _moving(ctx, quick=False)
    victims = [
        factories.user(ctx, Role.GRADUATE, f"victim{n}@example.org", PASSWORD).email
        for n in range(10)
    ]
    start = clock.instant
    tries = 0
    while clock.instant < start + timedelta(seconds=25):
        message = _refusal(live, victims[tries % len(victims)], WRONG)
        tries += 1
        waited = re.search(r"wait (\d+) second", message)
        clock.instant += timedelta(seconds=int(waited.group(1)) if waited else 0.25)
    with ctx.unit_of_work() as session:
        locked = session.scalars(
            select(SignInThrottle.key).where(
                SignInThrottle.scope == ThrottleScope.EMAIL,
                SignInThrottle.locked_until > clock.instant,
            )
        ).all()
    assert len(locked) <= 1, locked
    # Its victims' owners, elsewhere, sign in as usual.
    clock.instant += timedelta(seconds=ctx.settings.max_delay_seconds)
    owner = next(email for email in victims if email not in locked)
    assert accounts.authenticate(live, owner, PASSWORD, address="192.0.2.8").email == owner


def test_the_link_address_signs_the_owner_in_once_and_leaves_the_address_bar(
    ctx: Context, mail: SmtpServer, open_app: app_session.Opener, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The page: `/?link=<token>` signs the owner in on their home page, and drops the token
    from the address; the same address again is refused, with a way on."""
    monkeypatch.setenv("NETWORKIT_MAX_DELAY_SECONDS", "0")  # the app runs on the real clock
    email = app_session.account(ctx, Role.ADVISOR)
    at = open_app()
    for _ in range(ctx.settings.max_failed_logins):  # the attacker
        app_session.sign_in(at, email, WRONG)
    at = app_session.sign_in(open_app(), email)  # the owner, on the page: held back, no session
    assert [error.value for error in at.error] == [locked_message(ctx.settings, by_link=True)]
    assert "actor" not in at.session_state
    token = _token(_messages(mail, 1)[0])

    at = AppTest.from_file(str(app_session.APP), default_timeout=60)
    at.query_params[sign_in_links.LINK_PARAM] = token
    at.run()
    assert not at.exception and not at.error
    assert at.session_state["actor"].email == email
    assert sign_in_links.LINK_PARAM not in at.query_params
    assert "Sign out" in [button.label for button in at.button]

    again = AppTest.from_file(str(app_session.APP), default_timeout=60)
    again.query_params[sign_in_links.LINK_PARAM] = token
    again.run()
    assert [error.value for error in again.error] == [sign_in_links.LINK_REFUSED]
    assert "actor" not in again.session_state
