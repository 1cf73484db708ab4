"""The sign-in throttle: failures counted per e-mail string (an account's or not, so answers
cannot tell which e-mails exist) and per client address (after `address_free_failures`; no
address is one shared bucket). Each failure doubles the next wait up to `max_delay_seconds`;
`max_failed_logins` in a row lock the e-mail for `lockout_minutes`, which tries never extend;
failures older than `throttle_window_minutes` are forgotten.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from networkit_core.models import SignInThrottle, ThrottleScope
from networkit_core.settings import Settings

KEY_LENGTH = 254


# The bucket of every client Streamlit gives no address: loopback, or none known.
NO_ADDRESS = "local or unknown"
LINK_NOTE = (
    "If this email has an account and the password you typed is right, a one-time sign-in "
    "link is on its way to that email: open it to sign in."
)


def locked_message(settings: Settings, by_link: bool = False) -> str:
    """What a try on a locked e-mail is told, the same whether the password was right or not.
    `by_link`: links can be e-mailed (NETWORKIT_SMTP_URL is set)."""
    locked = (
        f"Too many failed sign-ins: this email is locked for {settings.lockout_minutes} minutes."
    )
    if by_link:
        return f"{locked} {LINK_NOTE} An administrator can also unlock it."
    return f"{locked} To sign in sooner, ask an administrator of NetWorkIt Coach to unlock it."


def wait_message(seconds: int, by_link: bool = False) -> str:
    unit = "second" if seconds == 1 else "seconds"
    wait = f"Too many failed sign-ins: wait {seconds} {unit} before trying again."
    return f"{wait} {LINK_NOTE}" if by_link else wait


@dataclass(frozen=True)
class Refusal:
    """Why password sign-in is held back: "waiting" (the e-mail must wait: refused unheard),
    "address" (the client's address must wait) or "locked" (the e-mail is locked)."""

    reason: str
    seconds: int = 0


def email_key(email: str) -> str:
    return email.strip().lower()[:KEY_LENGTH]


def address_key(address: str | None) -> str:
    return (address or NO_ADDRESS)[:KEY_LENGTH]


def _row(session: Session, scope: ThrottleScope, key: str) -> SignInThrottle | None:
    return session.scalar(
        select(SignInThrottle).where(SignInThrottle.scope == scope, SignInThrottle.key == key)
    )


def _fresh(row: SignInThrottle | None, settings: Settings, now: datetime) -> bool:
    """False when the row's failures are older than the window: they no longer count."""
    window = timedelta(minutes=settings.throttle_window_minutes)
    return row is not None and row.last_failure_at > now - window


def refusal(
    session: Session, settings: Settings, now: datetime, email: str, address: str
) -> Refusal | None:
    """Why password sign-in is held back for this e-mail from this address; None to go on."""
    by_email = _row(session, ThrottleScope.EMAIL, email)
    if by_email is not None and by_email.locked_until is not None:
        if by_email.locked_until > now:
            return Refusal("locked")
        # The lock has run out: the count starts again (a lock is never extended).
        by_email.locked_until = None
        by_email.failures = 0
        by_email.retry_after = None
    by_address = _row(session, ThrottleScope.ADDRESS, address)
    waits = {
        scope: row.retry_after
        for scope, row in ((ThrottleScope.EMAIL, by_email), (ThrottleScope.ADDRESS, by_address))
        if row is not None and row.retry_after is not None and row.retry_after > now
    }
    if not waits:
        return None
    seconds = max(1, round((max(waits.values()) - now).total_seconds() + 0.49))
    return Refusal("waiting" if ThrottleScope.EMAIL in waits else "address", seconds)


def record_failure(
    session: Session,
    settings: Settings,
    now: datetime,
    email: str,
    address: str,
    *,
    count_email: bool = True,
) -> SignInThrottle | None:
    """Count one failure for the address and (unless it is locked: a lock is never extended)
    the e-mail; returns the e-mail's row when it was counted."""
    row = None
    if count_email:
        row = _count(session, settings, now, ThrottleScope.EMAIL, email)
        if row.failures >= settings.max_failed_logins:
            row.locked_until = now + timedelta(minutes=settings.lockout_minutes)
            row.retry_after = None
        else:
            row.retry_after = _after(now, row.failures, settings)
    by_address = _count(session, settings, now, ThrottleScope.ADDRESS, address)
    over = by_address.failures - settings.address_free_failures
    by_address.retry_after = _after(now, over, settings) if over > 0 else None
    session.flush()
    return row


def _count(
    session: Session, settings: Settings, now: datetime, scope: ThrottleScope, key: str
) -> SignInThrottle:
    row = _row(session, scope, key)
    if row is None:
        row = SignInThrottle(
            scope=scope,
            key=key,
            failures=0,
            window_failures=0,
            window_started_at=now,
            last_failure_at=now,
        )
        session.add(row)
    elif not _fresh(row, settings, now):
        row.failures = 0
        row.window_failures = 0
        row.window_started_at = now
    row.failures += 1
    row.window_failures += 1
    row.last_failure_at = now
    return row


def _after(now: datetime, failures: int, settings: Settings) -> datetime | None:
    """The growing delay: 1 s after the first failure, doubling, capped."""
    if settings.max_delay_seconds <= 0 or failures <= 0:
        return None
    seconds = min(2 ** min(failures - 1, 20), settings.max_delay_seconds)
    return now + timedelta(seconds=seconds)


def record_success(session: Session, email: str) -> None:
    """A right password ends the e-mail's run of failures (the address keeps its count: one
    good account must not reset the delay of an address that guesses at others)."""
    row = _row(session, ThrottleScope.EMAIL, email)
    if row is not None:
        row.failures = 0
        row.retry_after = None
        row.locked_until = None


def clear(session: Session, email: str) -> None:
    """An admin unlocks the e-mail: no lock, no delay, no count."""
    record_success(session, email)
