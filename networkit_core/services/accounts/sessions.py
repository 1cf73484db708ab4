"""Signed-in sessions across page reloads: the browser holds a random token, the database its
SHA-256; a session ends when idle, at sign-out, and on deactivation or a password change."""

from __future__ import annotations

import hashlib
import logging
import secrets
import threading
import time
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from sqlalchemy import bindparam, select, update
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from networkit_core import audit_log
from networkit_core.actor import Actor
from networkit_core.context import Context
from networkit_core.models import ReminderOptOut, User, UserSession

TOKEN_BYTES = 32
PASSWORD = "password"
UNIVERSITY = "oidc"
# Touch `last_seen_at` at most this often: a rerun per click should not be a write per click.
TOUCH_SECONDS = 30

log = logging.getLogger("networkit.sessions")
# Token hashes signed out in this process whose end is not yet in the database (it was locked):
# refused here meanwhile. A hash, not the token, as in the database.
_ending: set[str] = set()
_ending_lock = threading.Lock()


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def start_session(ctx: Context, user: Actor, method: str = PASSWORD) -> str:
    """A new session for a user who has just proved who they are; returns its token."""
    token = secrets.token_urlsafe(TOKEN_BYTES)
    now = ctx.clock.now()
    with ctx.unit_of_work() as session:
        session.add(
            UserSession(
                user_id=user.id,
                token_hash=token_hash(token),
                method=method,
                created_at=now,
                last_seen_at=now,
            )
        )
    return token


# The session and its user's columns an Actor needs, and whether their reminders are on (no
# opt-out row): one Core SELECT (no ORM objects) for the check every run makes; the shell's
# reminder switch needs no read of its own.
_LIVE = (
    select(
        UserSession.last_seen_at,
        UserSession.method,
        User.id,
        User.role,
        User.email,
        User.first_name,
        User.last_name,
        User.is_active,
        User.must_change_password,
        ReminderOptOut.user_id.is_(None).label("reminders_on"),
    )
    .join(User, User.id == UserSession.user_id)
    .outerjoin(ReminderOptOut, ReminderOptOut.user_id == User.id)
    .where(UserSession.token_hash == bindparam("digest"), UserSession.ended_at.is_(None))
)


@dataclass(frozen=True)
class Resumed:
    """A live session's user, and whether their reminder e-mails are on (None: not read, when
    resuming wrote to the session)."""

    actor: Actor
    reminders_on: bool | None


def resume_session(ctx: Context, token: str | None) -> Actor | None:
    """The user of a live session, fresh from the database (role, name, active); None for an
    unknown, ended or idle token. Using it keeps it alive."""
    found = resumed(ctx, token)
    return found.actor if found is not None else None


def resumed(ctx: Context, token: str | None) -> Resumed | None:
    """resume_session, with the user's reminder switch read in the same SELECT."""
    if not token:
        return None
    digest = token_hash(token)
    with _ending_lock:
        if digest in _ending:
            return None  # signed out; the database has not been told yet
    now = ctx.clock.now()
    idle = timedelta(minutes=ctx.settings.session_idle_minutes)
    with ctx.engine.connect() as connection:
        row = connection.execute(_LIVE, {"digest": digest}).one_or_none()
    if row is None:
        return None
    seen = now - row.last_seen_at
    if row.is_active and seen < idle and seen.total_seconds() < TOUCH_SECONDS:
        # Nothing to write, as on most runs: a live session used within TOUCH_SECONDS.
        # A temporary password is no reason to stop someone the university vouched for.
        must_change = bool(row.must_change_password) and row.method != UNIVERSITY
        name = f"{row.first_name} {row.last_name}".strip()  # as User.display_name
        actor = Actor(row.id, row.role, row.email, name, must_change_password=must_change)
        return Resumed(actor, bool(row.reminders_on))
    actor = _resume_writing(ctx, digest, now, idle)
    return Resumed(actor, None) if actor is not None else None


def _resume_writing(ctx: Context, digest: str, now: datetime, idle: timedelta) -> Actor | None:
    """resume_session when it writes: the session ends (deactivated, idle) or is touched."""
    with ctx.unit_of_work() as session:
        row = session.execute(
            select(UserSession, User)
            .join(User, User.id == UserSession.user_id)
            .where(UserSession.token_hash == digest, UserSession.ended_at.is_(None))
        ).one_or_none()
        if row is None:
            return None
        live, user = row
        if not user.is_active:
            live.ended_at = now
            return None
        if live.last_seen_at + idle <= now:
            live.ended_at = live.last_seen_at + idle
            audit_log.record(session, Actor.of(user), "session_expired", "user", user.id)
            return None
        if (now - live.last_seen_at).total_seconds() >= TOUCH_SECONDS:
            live.last_seen_at = now
        actor = Actor.of(user)
        if live.method == UNIVERSITY:
            actor = replace(actor, must_change_password=False)
        return actor


def end_session(ctx: Context, token: str | None) -> None:
    """Sign-out: the token no longer works, in this tab or any copy of it. It never leaves the
    session valid: the token is refused here at once, and when the database cannot take the
    write right now (another writer holds the lock), the end is retried in the background."""
    if not token:
        return
    digest = token_hash(token)
    with _ending_lock:
        _ending.add(digest)
    now = ctx.clock.now()
    try:
        _end(ctx, digest, now)
    except SQLAlchemyError:
        log.warning("sign-out could not be written yet; retrying in the background")
        threading.Thread(target=_end_later, args=(ctx, digest, now), daemon=True).start()
        return
    with _ending_lock:
        _ending.discard(digest)  # written: the database refuses it from now on


def _end(ctx: Context, digest: str, now: datetime) -> None:
    with ctx.unit_of_work() as session:
        # The write comes first, so it takes the write lock (and waits for it) at once,
        # rather than a read that a writer could make stale before it turns into a write.
        user_id = session.scalar(
            update(UserSession)
            .where(UserSession.token_hash == digest, UserSession.ended_at.is_(None))
            .values(ended_at=now)
            .returning(UserSession.user_id)
        )
        if user_id is None:
            return
        user = session.get(User, user_id)
        audit_log.record(session, Actor.of(user) if user else None, "sign_out", "user", user_id)


def _end_later(ctx: Context, digest: str, now: datetime) -> None:
    """Retry a sign-out until it is written. Should it never be, this process still refuses
    the token, and the session dies of idleness everywhere else."""
    pause = 0.5
    give_up = time.monotonic() + ctx.settings.session_idle_minutes * 60
    while time.monotonic() < give_up:
        time.sleep(pause)
        try:
            _end(ctx, digest, now)
        except SQLAlchemyError:
            pause = min(pause * 2, 30.0)
            continue
        with _ending_lock:
            _ending.discard(digest)
        return
    log.error("a sign-out could not be written for %s minutes", ctx.settings.session_idle_minutes)


def end_user_sessions(
    session: Session, user_id: int, now: datetime, *, keep_token: str | None = None
) -> None:
    """End every session of a user (deactivated, or a new password), but `keep_token`'s."""
    query = update(UserSession).where(
        UserSession.user_id == user_id, UserSession.ended_at.is_(None)
    )
    if keep_token:
        query = query.where(UserSession.token_hash != token_hash(keep_token))
    session.execute(query.values(ended_at=now))
