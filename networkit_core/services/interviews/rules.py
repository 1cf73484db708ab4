"""The rules every write obeys (DESIGN.md), worded once for services and importers: each check
returns None or the reason in words. Only new or changed values are checked."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from networkit_core.errors import InvalidInput
from networkit_core.figures.sql import as_date
from networkit_core.models import (
    ChecklistItem,
    ChecklistKind,
    ChecklistTick,
    FollowUp,
    FollowUpPermission,
    Interview,
    InterviewQuestion,
    InterviewStatus,
    LocationType,
)

# What the graduate records after a meeting: only a meeting that took place has them.
THANK_YOU = "a thank-you"
FOLLOW_UP = "a follow-up"
CONDUCT = "the meeting-conduct self-check"
OUTCOMES = "outcomes"
RATINGS = "question ratings"
# A status that says the meeting happened (or was missed) cannot be set before its date.
HELD_STATUSES = (InterviewStatus.COMPLETED, InterviewStatus.NO_SHOW)
# What a new interview has where the write gives nothing.
DEFAULTS: dict[str, Any] = {
    "location_type": LocationType.COFFEE_SHOP,
    "status": InterviewStatus.PLANNED,
    "notes": "",
    "thank_you_sent_on": None,
    "thank_you_method": None,
    "follow_up_permission": FollowUpPermission.NOT_ASKED,
}


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
    """Why `day` (a thank-you's, a follow-up's) cannot follow a meeting on `meeting`, or None."""
    if day >= meeting:
        return None
    return f"{day.isoformat()} is before the meeting on {meeting.isoformat()}"


def held_in_future(status: InterviewStatus, meeting: date, today: date) -> str | None:
    """Why an interview of `status` cannot meet on `meeting` (one held is not ahead), or None."""
    if status not in HELD_STATUSES or meeting <= today:
        return None
    return f"a {status_label(status)} interview cannot be in the future"


def in_future(day: date, today: date) -> str | None:
    """Why `day` (a thank-you's, a follow-up's) cannot be recorded yet; None when it can."""
    return None if day <= today else f"{day.isoformat()} is in the future"


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


def refuse_first(found: Sequence[Refusal]) -> None:
    """Raise the first of `found` as a service's `InvalidInput`."""
    if found:
        refuse(found[0].reason, found[0].field)


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


@dataclass(frozen=True)
class Refusal:
    """A rule a change breaks: the field (an importer's column) it names, and why."""

    field: str
    reason: str
    # What it is dated against, when the meeting moved before a later record: a service words
    # it from the meeting's side ("the meeting date ... would be after ...").
    later: tuple[str, date] | None = None


def check_change(
    stored: Interview | None,
    recorded: Recorded,
    values: Mapping[str, Any],
    *,
    conduct_ticked: Sequence[str] = (),
    conduct_new: bool = False,
    conduct_set: bool = False,
) -> list[Refusal]:
    """The rules on a change setting `values` over `stored` (None: new) and `recorded`, the
    conduct items it leaves ticked (any newly: `conduct_new`; set anew: `conduct_set`). A stored
    interview that breaks a rule is kept when the change leaves what the rule is about."""

    def after(name: str) -> Any:
        if name in values:
            return values[name]
        return getattr(stored, name) if stored is not None else DEFAULTS[name]

    def changes(name: str) -> bool:
        return stored is None or (name in values and values[name] != getattr(stored, name))

    status: InterviewStatus | None = after("status")
    meeting: date = after("meeting_date")
    if status is None or meeting is None:
        return []  # a bad value is reported already
    found: list[Refusal] = []
    status_changes, meeting_changes = changes("status"), changes("meeting_date")
    if status is not InterviewStatus.COMPLETED:
        for field in ("thank_you_sent_on", "thank_you_method"):
            if values.get(field) and (status_changes or changes(field)):
                found.append(Refusal(field, str(only_when_completed(status, THANK_YOU))))
        outcomes = [f for f in OUTCOME_COLUMNS if values.get(f) and (status_changes or changes(f))]
        if outcomes:
            found.append(Refusal(outcomes[0], str(only_when_completed(status, OUTCOMES))))
        if conduct_ticked and (status_changes or conduct_new):
            found.append(Refusal(conduct_ticked[0], str(only_when_completed(status, CONDUCT))))
        if stored is not None and status_changes:
            kept = kept_records(
                recorded,
                thank_you="thank_you_sent_on" not in values
                and stored.thank_you_sent_on is not None,
                outcomes=has_outcomes(stored),
                conduct=not conduct_set,
            )
            reason = leaves_completed(status, kept)
            if reason is not None:
                found.append(Refusal("status", reason))
    sent = after("thank_you_sent_on")
    if sent is not None and (changes("thank_you_sent_on") or meeting_changes):
        early = not_before_meeting(sent, meeting)
        if early is not None:
            field = "thank_you_sent_on" if "thank_you_sent_on" in values else "meeting_date"
            later = ("the thank-you sent on", sent) if field == "meeting_date" else None
            found.append(Refusal(field, f"the thank-you date {early}", later))
    first = recorded.first_follow_up
    if first is not None and meeting_changes and first < meeting:
        found.append(
            Refusal(
                "meeting_date",
                f"the meeting on {meeting.isoformat()} would be after its follow-up on "
                f"{first.isoformat()}",
                ("the follow-up on", first),
            )
        )
    return found
