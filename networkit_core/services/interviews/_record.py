"""An interview as its readers get it (private notes for its graduate only), and the one way
to change it: scoped fetch, optimistic lock (`_versions`), audit, fresh view."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import date, time
from typing import Any

from sqlalchemy.orm import Session

from networkit_core import audit_log
from networkit_core.access import get_interview, sees_private_notes
from networkit_core.actor import Actor
from networkit_core.context import Context
from networkit_core.errors import AccessDenied
from networkit_core.models import (
    FollowUpPermission,
    Interview,
    InterviewStatus,
    LocationType,
    ThankYouMethod,
)
from networkit_core.services._versions import saving


@dataclass(frozen=True)
class InterviewView:
    id: int
    public_id: str
    graduate_id: int
    contact_id: int
    contact_name: str
    contact_organization: str
    meeting_date: date
    meeting_time: time | None
    location_type: LocationType
    location_detail: str
    status: InterviewStatus
    notes: str
    # None unless the viewer is the graduate the interview belongs to.
    private_notes: str | None
    outcome_trends: str
    outcome_hiring: str
    outcome_marketability: str
    outcome_job_leads: str
    thank_you_sent_on: date | None
    thank_you_method: ThankYouMethod | None
    follow_up_permission: FollowUpPermission
    version: int
    deleted: bool


Apply = Callable[[Session, Interview], Mapping[str, Any]]


def change_interview(
    ctx: Context,
    actor: Actor,
    interview_id: int,
    expected_version: int | None,
    action: str,
    mine: Mapping[str, object],
    apply: Apply,
) -> InterviewView:
    """Run `apply` on the interview (it returns the audit detail) and save it, or raise
    `ConflictError` carrying `mine` and the current version when it changed meanwhile."""

    def view(session: Session, interview: Interview) -> InterviewView:
        return interview_view(session, actor, interview)

    try:
        with saving(
            ctx, "interview", get_interview, actor, interview_id, view, mine, expected_version
        ) as (session, interview):
            detail = apply(session, interview)
            session.flush()
            audit_log.record(session, actor, action, "interview", interview.id, **detail)
            return interview_view(session, actor, interview)
    except AccessDenied as error:  # someone else's interview (or contact): the log says who tried
        audit_log.record_refused(ctx, actor, action, "interview", str(error), interview_id)
        raise


# What an InterviewView takes from elsewhere than the interview's own column of that name.
_NOT_COLUMNS = {"contact_name", "contact_organization", "deleted"}
# The columns of an InterviewView, for a read that selects them beside the contact's name and
# organization (`interview_view_of`) rather than loading Interview and Contact objects.
VIEW_COLUMNS = (
    *(getattr(Interview, f) for f in InterviewView.__dataclass_fields__ if f not in _NOT_COLUMNS),
    Interview.deleted_at,
)


def interview_view_of(row: Any, *, show_private: bool) -> InterviewView:
    """The view of a row of VIEW_COLUMNS with the contact's `name` and `organization`."""
    fields = row._mapping
    view = InterviewView(
        **{f: fields[f] for f in InterviewView.__dataclass_fields__ if f not in _NOT_COLUMNS},
        contact_name=fields["name"],
        contact_organization=fields["organization"],
        deleted=fields["deleted_at"] is not None,
    )
    return view if show_private else replace(view, private_notes=None)


def interview_view(session: Session, actor: Actor, interview: Interview) -> InterviewView:
    return _interview_view(
        interview, show_private=sees_private_notes(session, actor, interview.graduate_id)
    )


def _interview_view(interview: Interview, *, show_private: bool) -> InterviewView:
    return InterviewView(
        id=interview.id,
        public_id=interview.public_id,
        graduate_id=interview.graduate_id,
        contact_id=interview.contact_id,
        contact_name=interview.contact.name,
        contact_organization=interview.contact.organization,
        meeting_date=interview.meeting_date,
        meeting_time=interview.meeting_time,
        location_type=interview.location_type,
        location_detail=interview.location_detail,
        status=interview.status,
        notes=interview.notes,
        private_notes=interview.private_notes if show_private else None,
        outcome_trends=interview.outcome_trends,
        outcome_hiring=interview.outcome_hiring,
        outcome_marketability=interview.outcome_marketability,
        outcome_job_leads=interview.outcome_job_leads,
        thank_you_sent_on=interview.thank_you_sent_on,
        thank_you_method=interview.thank_you_method,
        follow_up_permission=interview.follow_up_permission,
        version=interview.version,
        deleted=interview.deleted_at is not None,
    )


def interview_views(
    session: Session, actor: Actor, interviews: list[Interview]
) -> list[InterviewView]:
    owners: dict[int, bool] = {}
    views = []
    for interview in interviews:
        if interview.graduate_id not in owners:
            owners[interview.graduate_id] = sees_private_notes(
                session, actor, interview.graduate_id
            )
        views.append(_interview_view(interview, show_private=owners[interview.graduate_id]))
    return views
