"""The rules every write obeys, worded once for the services and the importers alike
(DESIGN.md, "Rules every write obeys").

Each check returns None when the value is allowed, else the reason in words, so a service
raises it (naming the field) and an importer reports it (naming the row and column). Rows
already stored that break a rule are kept as they are: only new or changed values are checked.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from networkit_core.errors import InvalidInput
from networkit_core.figures.sql import as_date
from networkit_core.models import (
    ChecklistItem,
    ChecklistKind,
    ChecklistTick,
    FollowUp,
    Interview,
    InterviewQuestion,
    InterviewStatus,
)

# What the graduate records after a meeting: only a meeting that took place has them.
THANK_YOU = "a thank-you"
FOLLOW_UP = "a follow-up"
CONDUCT = "the meeting-conduct self-check"
OUTCOMES = "outcomes"
RATINGS = "question ratings"


def status_label(status: InterviewStatus) -> str:
    return status.value.replace("_", "-")


def only_when_completed(status: InterviewStatus, what: str) -> str | None:
    """Why `what` cannot be recorded on an interview of `status`; None when it can."""
    if status is InterviewStatus.COMPLETED:
        return None
    return (
        f"{what} can only be recorded on a completed interview, "
        f"and this one is {status_label(status)}"
    )


def not_before_meeting(day: date, meeting: date) -> str | None:
    """Why `day` (a thank-you's, a follow-up's) cannot follow a meeting on `meeting`; None when
    it can."""
    if day >= meeting:
        return None
    return f"{day.isoformat()} is before the meeting on {meeting.isoformat()}"


def leaves_completed(status: InterviewStatus, kept: list[str]) -> str | None:
    """Why the interview cannot become `status` while it keeps `kept` after-meeting records."""
    if status is InterviewStatus.COMPLETED or not kept:
        return None
    return (
        f"a {status_label(status)} interview cannot keep {', '.join(kept)}: "
        "remove them first, or keep the interview completed"
    )


def refuse(reason: str | None, field: str) -> None:
    """Raise the reason as a service's `InvalidInput` naming `field`."""
    if reason is not None:
        raise InvalidInput(reason[0].upper() + reason[1:] + ".", field)


@dataclass(frozen=True)
class Recorded:
    """What an interview keeps from after its meeting, besides its own columns."""

    follow_ups: int = 0
    conduct_ticks: int = 0
    ratings: int = 0
    first_follow_up: date | None = None


def recorded_after(session: Session, interview_ids: Sequence[int]) -> dict[int, Recorded]:
    """Per interview (of `interview_ids`, a batch): live follow-ups, conduct ticks and question
    ratings, each counted in one grouped query."""
    if not interview_ids:
        return {}
    follow_ups = {
        row[0]: (row[1], as_date(row[2]))
        for row in session.execute(
            select(FollowUp.interview_id, func.count(), func.min(FollowUp.date))
            .where(FollowUp.interview_id.in_(interview_ids), FollowUp.deleted_at.is_(None))
            .group_by(FollowUp.interview_id)
        )
    }
    conduct = dict(
        session.execute(
            select(ChecklistTick.interview_id, func.count())
            .join(ChecklistItem, ChecklistItem.id == ChecklistTick.item_id)
            .where(
                ChecklistTick.interview_id.in_(interview_ids),
                ChecklistItem.kind == ChecklistKind.CONDUCT,
            )
            .group_by(ChecklistTick.interview_id)
        ).all()
    )
    ratings = dict(
        session.execute(
            select(InterviewQuestion.interview_id, func.count())
            .where(
                InterviewQuestion.interview_id.in_(interview_ids),
                InterviewQuestion.usefulness.is_not(None),
            )
            .group_by(InterviewQuestion.interview_id)
        ).all()
    )
    return {
        interview_id: Recorded(
            follow_ups.get(interview_id, (0, None))[0],
            conduct.get(interview_id, 0),
            ratings.get(interview_id, 0),
            follow_ups.get(interview_id, (0, None))[1],
        )
        for interview_id in interview_ids
    }


def kept_records(
    recorded: Recorded, *, thank_you: bool, outcomes: bool, conduct: bool = True
) -> list[str]:
    """The after-meeting records an interview keeps, in words (`conduct` False when the caller
    sets the conduct ticks anew)."""
    kept = [THANK_YOU] if thank_you else []
    if recorded.follow_ups:
        kept.append(f"{recorded.follow_ups} follow-up{'s' * (recorded.follow_ups != 1)}")
    if conduct and recorded.conduct_ticks:
        kept.append(CONDUCT)
    if outcomes:
        kept.append(OUTCOMES)
    if recorded.ratings:
        kept.append(RATINGS)
    return kept


OUTCOME_COLUMNS = ("outcome_trends", "outcome_hiring", "outcome_marketability", "outcome_job_leads")


def has_outcomes(interview: Interview) -> bool:
    return any(getattr(interview, column) for column in OUTCOME_COLUMNS)
