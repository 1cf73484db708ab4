"""After the meeting: the thank-you, permission to follow up, follow-ups and outcomes."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from networkit_core import audit_log, bounds
from networkit_core.access import get_follow_up, get_interview
from networkit_core.actor import Actor
from networkit_core.context import Context
from networkit_core.errors import InvalidInput
from networkit_core.models import (
    FollowUp,
    FollowUpKind,
    FollowUpPermission,
    Interview,
    ThankYouMethod,
)
from networkit_core.services._input import a_date, choice, text_or_empty
from networkit_core.services.interviews import rules
from networkit_core.services.interviews._record import InterviewView, change_interview


@dataclass(frozen=True)
class FollowUpView:
    id: int
    interview_id: int
    date: date
    kind: FollowUpKind
    note: str


OUTCOME_FIELDS = {
    "trends": "outcome_trends",
    "hiring": "outcome_hiring",
    "marketability": "outcome_marketability",
    "job_leads": "outcome_job_leads",
}


def record_thank_you(
    ctx: Context,
    actor: Actor,
    interview_id: int,
    *,
    sent_on: date | str,
    method: ThankYouMethod | str,
    expected_version: int | None = None,
) -> InterviewView:
    day = a_date(sent_on, "thank_you_sent_on", today=ctx.clock.today())
    how = choice(ThankYouMethod, method, "thank_you_method")

    def apply(_session: Session, interview: Interview) -> Mapping[str, Any]:
        rules.refuse(rules.only_when_completed(interview.status, rules.THANK_YOU), "status")
        _check_between_meeting_and_today(ctx, interview, day, "thank-you", "thank_you_sent_on")
        interview.thank_you_sent_on = day
        interview.thank_you_method = how
        return {"sent_on": day.isoformat(), "method": how.value}

    mine = {"thank_you_sent_on": day, "thank_you_method": how}
    return change_interview(ctx, actor, interview_id, expected_version, "thank_you", mine, apply)


def set_follow_up_permission(
    ctx: Context,
    actor: Actor,
    interview_id: int,
    permission: FollowUpPermission | str,
    *,
    expected_version: int | None = None,
) -> InterviewView:
    """Whether the contact welcomes hearing from the graduate again."""
    answer = choice(FollowUpPermission, permission, "follow_up_permission")

    def apply(_session: Session, interview: Interview) -> Mapping[str, Any]:
        interview.follow_up_permission = answer
        return {"permission": answer.value}

    mine = {"follow_up_permission": answer}
    return change_interview(
        ctx, actor, interview_id, expected_version, "follow_up_permission", mine, apply
    )


def record_outcomes(
    ctx: Context,
    actor: Actor,
    interview_id: int,
    *,
    trends: str | None = None,
    hiring: str | None = None,
    marketability: str | None = None,
    job_leads: str | None = None,
    expected_version: int | None = None,
) -> InterviewView:
    """What the meeting led to; a field left None keeps its value, "" clears it."""
    given = {
        "trends": trends,
        "hiring": hiring,
        "marketability": marketability,
        "job_leads": job_leads,
    }
    values = {
        OUTCOME_FIELDS[name]: text_or_empty(value, OUTCOME_FIELDS[name], bounds.NOTES)
        for name, value in given.items()
        if value is not None
    }

    def apply(_session: Session, interview: Interview) -> Mapping[str, Any]:
        if any(values.values()):  # clearing them is always allowed
            rules.refuse(rules.only_when_completed(interview.status, rules.OUTCOMES), "status")
        for field, value in values.items():
            setattr(interview, field, value)
        return {"fields": sorted(values)}

    return change_interview(ctx, actor, interview_id, expected_version, "outcomes", values, apply)


@audit_log.refusals_logged("create_follow_up", "interview")
def add_follow_up(
    ctx: Context,
    actor: Actor,
    interview_id: int,
    *,
    on: date | str,
    kind: FollowUpKind | str,
    note: str = "",
) -> FollowUpView:
    """Something sent to the contact after the meeting (an article, a job-search update...)."""
    day = a_date(on, "date", today=ctx.clock.today())
    what = choice(FollowUpKind, kind, "kind")
    with ctx.unit_of_work() as session:
        interview = get_interview(session, actor, interview_id, for_write=True)
        rules.refuse(rules.only_when_completed(interview.status, rules.FOLLOW_UP), "status")
        _check_between_meeting_and_today(ctx, interview, day, "follow-up", "date")
        follow_up = FollowUp(
            interview_id=interview.id,
            date=day,
            kind=what,
            note=text_or_empty(note, "note", bounds.NOTES),
        )
        session.add(follow_up)
        session.flush()
        audit_log.record(
            session,
            actor,
            "create",
            "follow_up",
            follow_up.id,
            interview_id=interview.id,
            date=day.isoformat(),
            kind=what.value,
        )
        return follow_up_view(follow_up)


@audit_log.refusals_logged("delete", "follow_up")
def remove_follow_up(ctx: Context, actor: Actor, follow_up_id: int) -> FollowUpView:
    """Soft delete a follow-up logged by mistake."""
    with ctx.unit_of_work() as session:
        follow_up = get_follow_up(session, actor, follow_up_id, for_write=True)
        follow_up.deleted_at = ctx.clock.now()
        audit_log.record(
            session, actor, "delete", "follow_up", follow_up.id, interview_id=follow_up.interview_id
        )
        return follow_up_view(follow_up)


def _check_between_meeting_and_today(
    ctx: Context, interview: Interview, day: date, what: str, field: str
) -> None:
    """`day`, the value of `field`, is not before the meeting, nor after today."""
    early = rules.not_before_meeting(day, interview.meeting_date)
    if early is not None:
        raise InvalidInput(f"The {what} date ({field}) {early}.", field)
    today = ctx.clock.today()
    future = rules.in_future(day, today)
    if future is not None:
        raise InvalidInput(
            f"The {what} date ({field}) {future} (today is {today.isoformat()}).", field
        )


def follow_up_view(follow_up: FollowUp) -> FollowUpView:
    return FollowUpView(
        id=follow_up.id,
        interview_id=follow_up.interview_id,
        date=follow_up.date,
        kind=follow_up.kind,
        note=follow_up.note,
    )


def live_follow_ups(session: Session, interview_id: int) -> list[FollowUp]:
    return list(
        session.scalars(
            select(FollowUp)
            .where(FollowUp.interview_id == interview_id, FollowUp.deleted_at.is_(None))
            .order_by(FollowUp.date, FollowUp.id)
        )
    )
