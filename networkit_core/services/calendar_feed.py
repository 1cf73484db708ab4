"""A graduate's private calendar address, opened by a random token (only its SHA-256 is
stored, so the address is shown once); replacing or stopping it ends the old one."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from networkit_core import audit_log
from networkit_core.access import require_role
from networkit_core.actor import Actor
from networkit_core.context import Context
from networkit_core.models import CalendarFeed, Role
from networkit_core.services.accounts.sessions import TOKEN_BYTES, token_hash


@dataclass(frozen=True)
class FeedStatus:
    created_at: datetime
    last_read_at: datetime | None


def status_of(session: Session, user_id: int) -> FeedStatus | None:
    feed = session.scalar(select(CalendarFeed).where(CalendarFeed.user_id == user_id))
    return None if feed is None else FeedStatus(feed.created_at, feed.last_read_at)


def start_feed(ctx: Context, actor: Actor) -> str:
    """A new calendar address (its token); any earlier one stops working at once."""
    require_role(actor, Role.GRADUATE)
    token = secrets.token_urlsafe(TOKEN_BYTES)
    with ctx.unit_of_work() as session:
        replaced = session.execute(
            delete(CalendarFeed).where(CalendarFeed.user_id == actor.id)
        ).rowcount
        session.flush()
        session.add(
            CalendarFeed(user_id=actor.id, token_hash=token_hash(token), created_at=ctx.clock.now())
        )
        audit_log.record(
            session, actor, "calendar_feed_started", "user", actor.id, replaced=bool(replaced)
        )
    return token


def stop_feed(ctx: Context, actor: Actor) -> bool:
    """Stop the graduate's calendar address; False when there was none."""
    require_role(actor, Role.GRADUATE)
    with ctx.unit_of_work() as session:
        return end_feed(session, actor, actor.id)


def end_feed(session: Session, actor: Actor, user_id: int) -> bool:
    """Delete the user's calendar address (their own stop, or their account's deactivation:
    a reactivated account must not find its old address working again); False if none."""
    stopped = session.execute(delete(CalendarFeed).where(CalendarFeed.user_id == user_id)).rowcount
    if stopped:
        audit_log.record(session, actor, "calendar_feed_stopped", "user", user_id)
    return bool(stopped)
