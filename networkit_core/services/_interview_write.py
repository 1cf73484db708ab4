"""One way to change an interview: scoped fetch, optimistic lock, audit, fresh view.

The caller passes the version it loaded. A save over a newer version is refused with
`ConflictError` before anything is written; a race that slips past that check (another save
between our read and our UPDATE) surfaces as SQLAlchemy's `StaleDataError` and is turned
into the same error.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from networkit_core import audit_log
from networkit_core.access import get_interview
from networkit_core.actor import Actor
from networkit_core.context import Context
from networkit_core.errors import AccessDenied, ConflictError
from networkit_core.models import Interview
from networkit_core.services.views import InterviewView, interview_view

Apply = Callable[[Session, Interview], Mapping[str, Any]]


def change_interview(
    ctx: Context,
    actor: Actor,
    interview_id: int,
    *,
    expected_version: int | None,
    mine: Mapping[str, object],
    action: str,
    apply: Apply,
) -> InterviewView:
    """Run `apply` on the interview (it returns the audit detail) and save it, or raise
    `ConflictError` carrying `mine` and the current version when it changed meanwhile."""
    try:
        with ctx.unit_of_work() as session:
            interview = get_interview(session, actor, interview_id, for_write=True)
            if expected_version is not None and interview.version != expected_version:
                raise ConflictError(
                    "interview", mine=dict(mine), theirs=interview_view(session, actor, interview)
                )
            detail = apply(session, interview)
            session.flush()
            audit_log.record(session, actor, action, "interview", interview.id, **detail)
            return interview_view(session, actor, interview)
    except StaleDataError:
        raise ConflictError(
            "interview", mine=dict(mine), theirs=current_view(ctx, actor, interview_id)
        ) from None
    except AccessDenied as error:  # someone else's interview (or contact): the log says who tried
        audit_log.record_refused(ctx, actor, action, "interview", str(error), interview_id)
        raise


def current_view(ctx: Context, actor: Actor, interview_id: int) -> InterviewView | None:
    """The interview as saved now, or None when it is gone."""
    try:
        with ctx.unit_of_work() as session:
            return interview_view(session, actor, get_interview(session, actor, interview_id))
    except AccessDenied:
        return None
