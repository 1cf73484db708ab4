"""One-time sign-in links: while password sign-in is held back for an e-mail (locked, or its
address throttled), the right password has a link sent to the account's own e-mail, so nobody
failing on purpose keeps the owner out. The page answers alike, right password or not; a link
works once, for `sign_in_link_minutes`; only its token's SHA-256 is stored.
"""

from __future__ import annotations

import logging
import secrets
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from email.message import EmailMessage
from urllib.parse import urlencode

from sqlalchemy import delete, select, update

from networkit_core import audit_log
from networkit_core.actor import Actor
from networkit_core.context import Context
from networkit_core.errors import AuthenticationFailed, InvalidInput
from networkit_core.models import SignInLink, User
from networkit_core.reminders.mailer import Mailer, MailSettings
from networkit_core.services.accounts.sessions import TOKEN_BYTES, token_hash
from networkit_core.settings import DEFAULT_BASE_URL, configured_base_url

# The address parameter that carries a link's token: `<base>/?link=<token>`.
LINK_PARAM = "link"
# At most one link per account this often: typing the right password again and again must
# not flood the owner's inbox (nor replace the link they are about to open).
RESEND_SECONDS = 60
METHOD = "email_link"
LINK_REFUSED = (
    "This sign-in link does not work: it was used already, it has expired, or a newer one "
    "replaced it. Sign in with your email and password again (while your email is locked, "
    "that sends a new link)."
)

log = logging.getLogger("networkit.sign_in_links")
# One worker: links go out in the order asked, off the request that asked for them.
_outbox = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sign-in-links")


def mail_configured() -> bool:
    """Whether links can be e-mailed here (NETWORKIT_SMTP_URL and NETWORKIT_MAIL_FROM set)."""
    try:
        MailSettings.from_env()
    except InvalidInput:
        return False
    return True


def offer_link(ctx: Context, user_id: int) -> None:
    """E-mail the account a link, in the background (the caller has checked its password)."""
    _outbox.submit(_send_link, ctx, user_id)


def _send_link(ctx: Context, user_id: int) -> None:
    try:
        message = _issue(ctx, user_id)
        if message is None:
            return
        mailer = Mailer(MailSettings.from_env())
        try:
            mailer.send(message)
        finally:
            mailer.close()
    except Exception:  # a worker thread has nobody to tell but the log
        log.exception("a sign-in link could not be sent")


def _issue(ctx: Context, user_id: int) -> EmailMessage | None:
    """A new link for an active account (it replaces any older one), with its e-mail; None
    when the account is gone or inactive, or got a link less than RESEND_SECONDS ago."""
    now = ctx.clock.now()
    with ctx.unit_of_work() as session:
        user = session.get(User, user_id)
        if user is None or not user.is_active:
            return None
        recent = session.scalar(
            select(SignInLink.id).where(
                SignInLink.user_id == user_id,
                SignInLink.used_at.is_(None),
                SignInLink.created_at > now - timedelta(seconds=RESEND_SECONDS),
            )
        )
        if recent is not None:
            return None
        session.execute(delete(SignInLink).where(SignInLink.user_id == user_id))
        token = secrets.token_urlsafe(TOKEN_BYTES)
        minutes = ctx.settings.sign_in_link_minutes
        session.add(
            SignInLink(
                user_id=user_id,
                token_hash=token_hash(token),
                created_at=now,
                expires_at=now + timedelta(minutes=minutes),
            )
        )
        audit_log.record(session, None, "sign_in_link_sent", "user", user_id)
        return _message(user.email, user.first_name, token, minutes)


def link_url(token: str) -> str:
    # Never the address the request came in on: a forged Host header must not get the
    # owner a link that leads to someone else's server.
    base = configured_base_url() or DEFAULT_BASE_URL
    return f"{base}/?{urlencode({LINK_PARAM: token})}"


def _message(recipient: str, first_name: str, token: str, minutes: int) -> EmailMessage:
    message = EmailMessage()
    message["To"] = recipient
    message["Subject"] = "Your NetWorkIt Coach sign-in link"
    message.set_content(
        f"Hello {first_name},\n\n"
        "Signing in with a password alone is held back for your email after failed "
        "sign-ins, and someone has just typed your right password. If that was you, this "
        f"link signs you in, once, within {minutes} minutes:\n\n"
        f"{link_url(token)}\n\n"
        "If it was not you, do not open the link: someone knows your password. Ask an "
        "administrator of NetWorkIt Coach to set you a new one.\n\n"
        "-- \nNetWorkIt Coach\n"
    )
    return message


def sign_in_with_link(ctx: Context, token: str) -> Actor:
    """The owner of a live link, which this call uses up; AuthenticationFailed for a link
    that is unknown, used, expired or replaced, or whose account was deactivated since."""
    now = ctx.clock.now()
    with ctx.unit_of_work() as session:
        # One statement, so two tabs opening the same link cannot both use it.
        user_id = session.scalar(
            update(SignInLink)
            .where(
                SignInLink.token_hash == token_hash(token),
                SignInLink.used_at.is_(None),
                SignInLink.expires_at > now,
            )
            .values(used_at=now)
            .returning(SignInLink.user_id)
        )
        user = session.get(User, user_id) if user_id is not None else None
        if user is not None and user.is_active:
            audit_log.record(session, Actor.of(user), "sign_in", "user", user.id, method=METHOD)
            return Actor.of(user)
        audit_log.record(session, None, "sign_in_failed", "user", user_id, reason="link")
    raise AuthenticationFailed(LINK_REFUSED)
