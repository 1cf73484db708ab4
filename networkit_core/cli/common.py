"""What every command shares: the context from DATABASE_URL, the acting user, dates."""

from __future__ import annotations

import argparse
import dataclasses
import errno
import getpass
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from sqlalchemy import select

from networkit_core.actor import Actor
from networkit_core.bounds import date_problem
from networkit_core.clock import AsOfClock, Clock, FixedClock, SystemClock
from networkit_core.context import Context
from networkit_core.errors import AccessDenied, InvalidInput, NetworkitError
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


def as_of_date(raw: str) -> date:
    """argparse type of `--today`: an ISO date in the range every date of the product keeps to
    (bounds.py), so that the figures' date arithmetic around it cannot overflow."""
    day = iso_date(raw)
    problem = date_problem(day, SystemClock().today())
    if problem:
        raise argparse.ArgumentTypeError(problem)
    return day


@contextmanager
def output_file(path: Path) -> Iterator[Path]:
    """Where to write `path` so it ends up whole or not at all (a file beside it, renamed over
    it at the end); a device or pipe is written as it is."""
    try:
        if path.is_dir():
            raise IsADirectoryError(errno.EISDIR, "is a folder; give a file name")
        if not path.parent.is_dir():
            raise FileNotFoundError(errno.ENOENT, f"there is no folder {path.parent}")
        if path.exists() and not path.is_file():
            yield path
            return
        partial = path.with_name(f".{path.name}.{os.getpid()}.partial")
        try:
            yield partial
            partial.replace(path)
        finally:
            partial.unlink(missing_ok=True)
    except OSError as error:
        raise OSError(error.errno, error.strerror, str(path)) from None


def acting_user(ctx: Context, email: str | None) -> Actor:
    """The user a command acts as: `--as EMAIL`, or the first active admin. No password is
    asked, so the actor carries `via`, which the audit log writes beside each entry."""
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
        how = f"--as {user.email}" if email else "as the first admin"
        via = f"command line ({how}, no password asked; system user {_system_user()})"
        return dataclasses.replace(Actor.of(user), via=via)


def _system_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no name for this uid (a bare container)
        return "unknown"


def graduate_id_by_email(ctx: Context, email: str) -> int:
    """The graduate record behind `email` (only to find the id: access is the core's to check).
    A missing one is refused as one out of scope is, in the same words (access.py)."""
    with ctx.unit_of_work() as session:
        graduate_id = session.scalar(
            select(Graduate.id)
            .join(User, User.id == Graduate.user_id)
            .where(User.email == email.strip().lower())
        )
    if graduate_id is None:
        raise AccessDenied("graduate")
    return graduate_id


def on_terminal() -> bool:
    """Whether stderr is a terminal: progress is drawn only there."""
    return sys.stderr.isatty()
