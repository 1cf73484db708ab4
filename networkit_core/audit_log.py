"""Append to the audit log. Every write and every export calls `record` in its unit of work;
every privileged action refused (`refusals_logged`) is recorded too, in a transaction of its
own."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, Concatenate, ParamSpec, TypeVar

from sqlalchemy.orm import Session

from networkit_core.actor import Actor
from networkit_core.context import Context
from networkit_core.errors import AccessDenied, NetworkitError
from networkit_core.models import AuditEntry
from networkit_core.models.base import session_now

P = ParamSpec("P")
R = TypeVar("R")
Service = Callable[Concatenate[Context, Actor, P], R]


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
    ctx: Context,
    actor: Actor | None,
    action: str,
    entity: str,
    reason: str,
    entity_id: object = None,
    **detail: Any,
) -> None:
    """A refused attempt (`<action>_refused`), in a transaction of its own: the attempt's own
    transaction rolled back, and the log must still say that someone tried."""
    with ctx.unit_of_work() as session:
        record(session, actor, f"{action}_refused", entity, entity_id, reason=reason, **detail)


def refusals_logged(
    action: str,
    entity: str,
    *,
    also: tuple[type[NetworkitError], ...] = (),
    detail: Callable[..., dict[str, Any]] | None = None,
) -> Callable[[Service[P, R]], Service[P, R]]:
    """A privileged service `(ctx, actor, target, ...)` whose refusals are recorded: each
    `AccessDenied` (out of the actor's role or scope), and each error of `also` (the rules
    that guard accounts: one's own deactivation), as `<action>_refused` on `entity`, the
    target being the service's first argument after the actor when it is an id (a row's). `detail`
    (given the service's arguments) says what was asked when there is no id: never a
    password. The service's transaction has rolled back by then; the record has its own."""
    refused = (AccessDenied, *also)

    def decorate(service: Service[P, R]) -> Service[P, R]:
        @functools.wraps(service)
        def logged(ctx: Context, actor: Actor, *args: P.args, **kwargs: P.kwargs) -> R:
            try:
                return service(ctx, actor, *args, **kwargs)
            except refused as error:
                target = args[0] if args and isinstance(args[0], int) else None
                asked = detail(*args, **kwargs) if detail is not None else {}
                record_refused(ctx, actor, action, entity, str(error), target, **asked)
                raise

        return logged

    return decorate
