"""What every command shares: the context from DATABASE_URL, the acting user, dates."""

from __future__ import annotations

import argparse
import sys
from datetime import date

from sqlalchemy import select

from networkit_core.actor import Actor
from networkit_core.clock import AsOfClock, Clock, FixedClock, SystemClock
from networkit_core.context import Context
from networkit_core.errors import InvalidInput, NetworkitError
from networkit_core.models import Graduate, Role, User
from networkit_core.settings import Settings


def context(today: date | None = None, *, as_of: bool = False) -> Context:
    """The context from DATABASE_URL; `today` fixes the clock's day (`as_of`: only its day,
    so an audit entry still gets the real instant)."""
    clock: Clock = SystemClock()
    if today is not None:
        clock = AsOfClock(today) if as_of else FixedClock.on(today)
    try:
        settings = Settings.from_env()
    except ValueError as error:
        raise InvalidInput(str(error)) from None
    return Context.from_settings(settings, clock)


def iso_date(raw: str) -> date:
    """argparse type: an ISO date, YYYY-MM-DD."""
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{raw!r} is not a date in YYYY-MM-DD form") from None


def acting_user(ctx: Context, email: str | None) -> Actor:
    """The user a command acts as: `--as EMAIL`, or the first active admin."""
    with ctx.unit_of_work() as session:
        query = select(User).where(User.is_active.is_(True))
        if email:
            user = session.scalar(query.where(User.email == email.strip().lower()))
            if user is None:
                raise NetworkitError(f"no active account with the email {email}")
        else:
            user = session.scalar(query.where(User.role == Role.ADMIN).order_by(User.id))
            if user is None:
                raise NetworkitError("no admin account yet: run 'networkit init' first")
        return Actor.of(user)


def graduate_id_by_email(ctx: Context, email: str) -> int:
    """The graduate record behind `email` (only to find the id: access is the core's to check)."""
    with ctx.unit_of_work() as session:
        graduate_id = session.scalar(
            select(Graduate.id)
            .join(User, User.id == Graduate.user_id)
            .where(User.email == email.strip().lower())
        )
    if graduate_id is None:
        raise NetworkitError(f"no graduate with the email {email}")
    return graduate_id


def on_terminal() -> bool:
    """Whether stderr is a terminal: progress is drawn only there."""
    return sys.stderr.isatty()
