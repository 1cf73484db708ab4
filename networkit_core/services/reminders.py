"""Each user turns their own reminder e-mails on or off."""

from __future__ import annotations

from sqlalchemy import bindparam, delete, select

from networkit_core import audit_log
from networkit_core.actor import Actor
from networkit_core.context import Context
from networkit_core.models import ReminderOptOut

# A Core read, no ORM session: the app's sidebar asks on each new tab's first run.
_OPTED_OUT = select(ReminderOptOut.user_id).where(ReminderOptOut.user_id == bindparam("user"))


def reminders_on(ctx: Context, actor: Actor) -> bool:
    with ctx.engine.connect() as connection:
        return connection.execute(_OPTED_OUT, {"user": actor.id}).first() is None


def set_reminders(ctx: Context, actor: Actor, on: bool) -> bool:
    """Turn `actor`'s own reminders on or off; returns the new state."""
    with ctx.unit_of_work() as session:
        off = session.scalar(select(ReminderOptOut).where(ReminderOptOut.user_id == actor.id))
        if on and off is not None:
            session.execute(delete(ReminderOptOut).where(ReminderOptOut.user_id == actor.id))
            audit_log.record(session, actor, "reminders_on", "user", actor.id)
        elif not on and off is None:
            session.add(ReminderOptOut(user_id=actor.id, turned_off_at=ctx.clock.now()))
            audit_log.record(session, actor, "reminders_off", "user", actor.id)
        return on
