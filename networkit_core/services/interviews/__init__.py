"""A graduate's informational interviews, and (in the package) what hangs on one."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, time
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from networkit_core import audit_log, bounds
from networkit_core.access import (
    get_contact,
    get_interview,
    graduate_scope,
    interview_filter,
    sees_private_notes,
    writable_graduate,
)
from networkit_core.actor import Actor
from networkit_core.context import Context
from networkit_core.errors import AccessDenied, InvalidInput
from networkit_core.models import (
    Interview,
    InterviewQuestion,
    InterviewStatus,
    LocationType,
    Question,
)
from networkit_core.services._input import a_date, choice, only_known_fields, text_or_empty
from networkit_core.services.contacts import (
    ContactView,
    NewContact,
    contact_view,
    make_contact,
    referrals_of,
)
from networkit_core.services.interviews import rules
from networkit_core.services.interviews._record import (
    InterviewView,
    change_interview,
    interview_view,
)
from networkit_core.services.interviews._record import (
    interview_views as interview_views,
)
from networkit_core.services.interviews.checklists import InterviewChecklists, checklists_view
from networkit_core.services.interviews.follow_ups import (
    FollowUpView,
    follow_up_view,
    live_follow_ups,
)


@dataclass(frozen=True)
class AttachedQuestionView:
    question_id: int
    text: str
    category: str
    tags: str
    usefulness: int | None  # also what a new rating was made from (questions.rate_question)


@dataclass(frozen=True)
class InterviewDetail:
    interview: InterviewView
    contact: ContactView
    checklists: InterviewChecklists
    questions: tuple[AttachedQuestionView, ...]
    follow_ups: tuple[FollowUpView, ...]
    # Contacts the person met referred the graduate to.
    referrals: tuple[ContactView, ...]


EDITABLE_FIELDS = (
    "meeting_date",
    "meeting_time",
    "location_type",
    "location_detail",
    "contact_id",
    "notes",
    "private_notes",
)


def log_interview(
    ctx: Context,
    actor: Actor,
    *,
    meeting_date: date | str,
    contact_id: int | None = None,
    new_contact: NewContact | None = None,
    graduate_id: int | None = None,
    meeting_time: time | str | None = None,
    location_type: LocationType | str = LocationType.COFFEE_SHOP,
    location_detail: str = "",
    status: InterviewStatus | str = InterviewStatus.PLANNED,
    notes: str = "",
    private_notes: str = "",
) -> InterviewView:
    """A new interview with a contact of the graduate's or a new one."""
    if (contact_id is None) == (new_contact is None):
        raise InvalidInput(
            "An interview needs one contact: choose one of yours or add a new one.", "contact"
        )
    day = a_date(meeting_date, "meeting_date", today=ctx.clock.today())
    state = choice(InterviewStatus, status, "status")
    _check_status_date(ctx, state, day)
    with ctx.unit_of_work() as session:
        graduate = writable_graduate(session, actor, graduate_id)
        if private_notes and not sees_private_notes(session, actor, graduate.id):
            raise _private_notes_refused()
        if contact_id is not None:
            contact = get_contact(
                session, actor, contact_id, for_write=True, of_graduate=graduate.id
            )
        else:
            assert new_contact is not None
            contact = make_contact(session, actor, graduate.id, new_contact)
        interview = Interview(
            graduate_id=graduate.id,
            contact=contact,
            meeting_date=day,
            meeting_time=_a_time(meeting_time),
            location_type=choice(LocationType, location_type, "location_type"),
            location_detail=text_or_empty(location_detail, "location_detail", bounds.PLACE_DETAIL),
            status=state,
            notes=text_or_empty(notes, "notes", bounds.NOTES),
            private_notes=text_or_empty(private_notes, "private_notes", bounds.NOTES),
        )
        session.add(interview)
        session.flush()
        audit_log.record(
            session,
            actor,
            "create",
            "interview",
            interview.id,
            graduate_id=graduate.id,
            status=state.value,
            meeting_date=day.isoformat(),
        )
        return interview_view(session, actor, interview)


def edit_interview(
    ctx: Context,
    actor: Actor,
    interview_id: int,
    *,
    expected_version: int,
    changes: Mapping[str, object],
) -> InterviewView:
    """Save `changes` (fields of EDITABLE_FIELDS) over the version the caller loaded."""
    only_known_fields(changes, EDITABLE_FIELDS, "an interview")

    def apply(session: Session, interview: Interview) -> Mapping[str, Any]:
        values = _clean_changes(ctx, session, actor, interview, changes)
        for field, value in values.items():
            if field == "contact_id":
                interview.contact = value  # type: ignore[assignment]
            else:
                setattr(interview, field, value)
        return {"fields": sorted(values)}

    return change_interview(ctx, actor, interview_id, expected_version, "update", changes, apply)


def _clean_changes(
    ctx: Context,
    session: Session,
    actor: Actor,
    interview: Interview,
    changes: Mapping[str, object],
) -> dict[str, object]:
    values: dict[str, object] = {}
    for field, value in changes.items():
        if field == "meeting_date":
            day = a_date(value, "meeting_date", today=ctx.clock.today())
            _check_status_date(ctx, interview.status, day)
            recorded = rules.recorded_after(session, [interview.id])[interview.id]
            for refusal in rules.check_change(interview, recorded, {"meeting_date": day}):
                what, on = refusal.later or ("", day)
                raise InvalidInput(
                    f"The meeting date {day.isoformat()} would be after {what} {on.isoformat()}.",
                    "meeting_date",
                )
            values[field] = day
        elif field == "meeting_time":
            values[field] = _a_time(value)
        elif field == "location_type":
            values[field] = choice(LocationType, value, "location_type")
        elif field == "location_detail":
            values[field] = text_or_empty(value, field, bounds.PLACE_DETAIL)
        elif field == "contact_id":
            if not isinstance(value, int):
                raise InvalidInput("Choose the contact from your contacts.", "contact_id")
            values[field] = get_contact(
                session, actor, value, for_write=True, of_graduate=interview.graduate_id
            )
        elif field == "private_notes":
            if not sees_private_notes(session, actor, interview.graduate_id):
                raise _private_notes_refused()
            values[field] = text_or_empty(value, field, bounds.NOTES)
        else:
            values[field] = text_or_empty(value, field, bounds.NOTES)
    return values


def complete_interview(
    ctx: Context, actor: Actor, interview_id: int, *, expected_version: int | None = None
) -> InterviewView:
    """The meeting took place (not possible for a meeting still in the future)."""
    return _set_status(ctx, actor, interview_id, InterviewStatus.COMPLETED, expected_version)


def cancel_interview(
    ctx: Context, actor: Actor, interview_id: int, *, expected_version: int | None = None
) -> InterviewView:
    return _set_status(ctx, actor, interview_id, InterviewStatus.CANCELLED, expected_version)


def mark_no_show(
    ctx: Context, actor: Actor, interview_id: int, *, expected_version: int | None = None
) -> InterviewView:
    """The meeting did not happen because someone did not turn up."""
    return _set_status(ctx, actor, interview_id, InterviewStatus.NO_SHOW, expected_version)


def _set_status(
    ctx: Context,
    actor: Actor,
    interview_id: int,
    status: InterviewStatus,
    expected_version: int | None,
) -> InterviewView:
    def apply(session: Session, interview: Interview) -> Mapping[str, Any]:
        _check_status_date(ctx, status, interview.meeting_date)
        recorded = rules.recorded_after(session, [interview.id])[interview.id]
        rules.refuse_first(rules.check_change(interview, recorded, {"status": status}))
        before = interview.status
        interview.status = status
        return {"status": status.value, "was": before.value}

    return change_interview(
        ctx, actor, interview_id, expected_version, "status", {"status": status}, apply
    )


def delete_interview(
    ctx: Context, actor: Actor, interview_id: int, *, expected_version: int | None = None
) -> InterviewView:
    """Soft delete: it leaves lists and figures; `restore_interview` undoes it."""

    def apply(_session: Session, interview: Interview) -> Mapping[str, Any]:
        interview.deleted_at = ctx.clock.now()
        return {}

    return change_interview(
        ctx, actor, interview_id, expected_version, "delete", {"deleted": True}, apply
    )


@audit_log.refusals_logged("restore", "interview")
def restore_interview(ctx: Context, actor: Actor, interview_id: int) -> InterviewView:
    """Undo a delete (restoring a live interview changes nothing)."""
    with ctx.unit_of_work() as session:
        interview = get_interview(
            session, actor, interview_id, for_write=True, include_deleted=True
        )
        if interview.deleted_at is not None:
            interview.deleted_at = None
            session.flush()
            audit_log.record(session, actor, "restore", "interview", interview.id)
        return interview_view(session, actor, interview)


def get_interview_detail(ctx: Context, actor: Actor, interview_id: int) -> InterviewDetail:
    """Everything about one interview: checklists, questions, follow-ups, referrals."""
    with ctx.unit_of_work() as session:
        return interview_detail(session, actor, get_interview(session, actor, interview_id))


def interview_by_public_id(
    session: Session, actor: Actor, public_id: str, include_deleted: bool = False
) -> Interview:
    # Advisors never see what a graduate deleted.
    deleted_too = include_deleted and not actor.is_advisor
    # One SELECT, in scope as get_interview reads it.
    in_scope = (
        Interview.graduate_id.in_(graduate_scope(actor)) if deleted_too else interview_filter(actor)
    )
    interview = session.scalar(
        select(Interview).where(Interview.public_id == str(public_id).strip(), in_scope)
    )
    if interview is None:
        raise AccessDenied("interview")
    return interview


def _check_status_date(ctx: Context, status: InterviewStatus, day: date) -> None:
    today = ctx.clock.today()
    held = rules.held_in_future(status, day, today)
    if held is not None:
        detail = f"the meeting date {day.isoformat()} is after today ({today.isoformat()})"
        rules.refuse(f"{held}: {detail}", "meeting_date")


def _a_time(value: object) -> time | None:
    if value is None or value == "":
        return None
    if isinstance(value, time):
        return value
    if isinstance(value, str):
        try:
            return time.fromisoformat(value.strip())
        except ValueError:
            pass
    raise InvalidInput("The meeting time must be a time of day (HH:MM).", "meeting_time")


def _private_notes_refused() -> InvalidInput:
    return InvalidInput(
        "Private notes belong to the graduate: only they can write them.", "private_notes"
    )


def attached_questions(session: Session, interview_id: int) -> tuple[AttachedQuestionView, ...]:
    rows = session.execute(
        select(Question, InterviewQuestion.usefulness)
        .join(InterviewQuestion, InterviewQuestion.question_id == Question.id)
        .where(InterviewQuestion.interview_id == interview_id)
        .order_by(InterviewQuestion.added_at, Question.id)
    ).all()
    return tuple(
        AttachedQuestionView(question.id, question.text, question.category, question.tags, rating)
        for question, rating in rows
    )


def interview_detail(session: Session, actor: Actor, interview: Interview) -> InterviewDetail:
    follow_ups = live_follow_ups(session, interview.id)
    referrals = referrals_of(session, interview.contact_id)
    return InterviewDetail(
        interview=interview_view(session, actor, interview),
        contact=contact_view(interview.contact),
        # Read once: the after-steps are done by the same follow-ups and referrals.
        checklists=checklists_view(session, interview, follow_ups=follow_ups, referrals=referrals),
        questions=attached_questions(session, interview.id),
        follow_ups=tuple(follow_up_view(f) for f in follow_ups),
        referrals=tuple(contact_view(c) for c in referrals),
    )
