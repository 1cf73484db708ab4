"""The sign-in throttle: failures are counted per e-mail string (whether an account has it or
not, so the answers cannot tell which e-mails exist) and per client address.

- Each failure for an e-mail makes the next try wait longer (1 s, 2 s, 4 s, ... up to
  `max_delay_seconds`); `max_failed_logins` failures in a row lock the e-mail for
  `lockout_minutes`. Tries while locked or waiting are refused without being counted, so they
  never extend the lock; when the lock ends the count starts again from zero.
- A client address may fail `address_free_failures` times (typos, a shared office) before its
  tries wait too, growing the same way: one address cannot keep many accounts locked.
- Failures older than `throttle_window_minutes` are forgotten.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from networkit_core.models import SignInThrottle, ThrottleScope
from networkit_core.settings import Settings

KEY_LENGTH = 254


def locked_message(settings: Settings) -> str:
    return (
        f"Too many failed sign-ins: this email is locked for {settings.lockout_minutes} minutes. "
        "An admin can unlock it sooner."
    )


def wait_message(seconds: int) -> str:
    unit = "second" if seconds == 1 else "seconds"
    return f"Too many failed sign-ins: wait {seconds} {unit} before trying again."


@dataclass(frozen=True)
class Refusal:
    """Why a try is refused before any password is checked: "locked" or "waiting"."""

    reason: str
    message: str


def email_key(email: str) -> str:
    return email.strip().lower()[:KEY_LENGTH]


def _row(session: Session, scope: ThrottleScope, key: str) -> SignInThrottle | None:
    return session.scalar(
        select(SignInThrottle).where(SignInThrottle.scope == scope, SignInThrottle.key == key)
    )


def _fresh(row: SignInThrottle | None, settings: Settings, now: datetime) -> bool:
    """False when the row's failures are older than the window: they no longer count."""
    window = timedelta(minutes=settings.throttle_window_minutes)
    return row is not None and row.last_failure_at > now - window


def refusal(
    session: Session, settings: Settings, now: datetime, email: str, address: str | None
) -> Refusal | None:
    """A refusal if this e-mail is locked or either key must still wait; None to go on."""
    by_email = _row(session, ThrottleScope.EMAIL, email)
    if by_email is not None and by_email.locked_until is not None:
        if by_email.locked_until > now:
            return Refusal("locked", locked_message(settings))
        # The lock has run out: the count starts again (a lock is never extended).
        by_email.locked_until = None
        by_email.failures = 0
        by_email.retry_after = None
    waits = [
        row.retry_after
        for row in (by_email, _row(session, ThrottleScope.ADDRESS, address) if address else None)
        if row is not None and row.retry_after is not None and row.retry_after > now
    ]
    if waits:
        seconds = max(1, round((max(waits) - now).total_seconds() + 0.49))
        return Refusal("waiting", wait_message(seconds))
    return None


def record_failure(
    session: Session, settings: Settings, now: datetime, email: str, address: str | None
) -> SignInThrottle:
    """Count one failure for the e-mail and the address; returns the e-mail's row."""
    row = _count(session, settings, now, ThrottleScope.EMAIL, email)
    if row.failures >= settings.max_failed_logins:
        row.locked_until = now + timedelta(minutes=settings.lockout_minutes)
        row.retry_after = None
    else:
        row.retry_after = _after(now, row.failures, settings)
    if address:
        by_address = _count(session, settings, now, ThrottleScope.ADDRESS, address[:KEY_LENGTH])
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
