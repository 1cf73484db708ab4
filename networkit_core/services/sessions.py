"""Signed-in sessions: what keeps a user signed in across a reload of the page.

The browser holds a random token; the database holds only its SHA-256, the user and when it
was last used. A session ends after `session_idle_minutes` without use, at sign-out, and when
the account is deactivated or its password changes. It never holds the password.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import replace
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from networkit_core import audit_log
from networkit_core.actor import Actor
from networkit_core.context import Context
from networkit_core.models import User, UserSession

TOKEN_BYTES = 32
PASSWORD = "password"
UNIVERSITY = "oidc"
# Touch `last_seen_at` at most this often: a rerun per click should not be a write per click.
TOUCH_SECONDS = 30


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


def resume_session(ctx: Context, token: str | None) -> Actor | None:
    """The user of a live session, fresh from the database (role, name, active); None for an
    unknown, ended or idle token. Using it keeps it alive."""
    if not token:
        return None
    now = ctx.clock.now()
    idle = timedelta(minutes=ctx.settings.session_idle_minutes)
    with ctx.unit_of_work() as session:
        row = session.execute(
            select(UserSession, User)
            .join(User, User.id == UserSession.user_id)
            .where(UserSession.token_hash == token_hash(token), UserSession.ended_at.is_(None))
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
        # A temporary password is no reason to stop someone the university vouched for.
        if live.method == UNIVERSITY:
            actor = replace(actor, must_change_password=False)
        return actor


def session_method(ctx: Context, token: str | None) -> str | None:
    """How the user of a live session signed in ("password", "oidc"), or None."""
    if not token:
        return None
    with ctx.unit_of_work() as session:
        return session.scalar(
            select(UserSession.method).where(
                UserSession.token_hash == token_hash(token), UserSession.ended_at.is_(None)
            )
        )


def end_session(ctx: Context, token: str | None) -> None:
    """Sign-out: the token no longer works, in this tab or any copy of it."""
    if not token:
        return
    now = ctx.clock.now()
    with ctx.unit_of_work() as session:
        live = session.scalar(
            select(UserSession).where(
                UserSession.token_hash == token_hash(token), UserSession.ended_at.is_(None)
            )
        )
        if live is None:
            return
        live.ended_at = now
        user = session.get(User, live.user_id)
        audit_log.record(
            session, Actor.of(user) if user else None, "sign_out", "user", live.user_id
        )


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
