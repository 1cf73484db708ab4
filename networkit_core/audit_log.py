"""Append to the audit log. Every write and every export calls `record` in its unit of work."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from networkit_core.actor import Actor
from networkit_core.context import Context
from networkit_core.models import AuditEntry
from networkit_core.models.base import session_now


def record(
    session: Session,
    actor: Actor | None,
    action: str,
    entity: str,
    entity_id: object = None,
    **detail: Any,
) -> None:
    session.add(
        AuditEntry(
            at=session_now(session),
            actor_id=actor.id if actor else None,
            action=action,
            entity=entity,
            entity_id=None if entity_id is None else str(entity_id),
            detail={**detail, "via": actor.via} if actor and actor.via else detail,
        )
    )


def record_refused(
    ctx: Context, actor: Actor | None, action: str, entity: str, reason: str, **detail: Any
) -> None:
    """A refused attempt (`<action>_refused`), in a transaction of its own: the attempt's own
    transaction rolled back, and the log must still say that someone tried."""
    with ctx.unit_of_work() as session:
        record(session, actor, f"{action}_refused", entity, None, reason=reason, **detail)
