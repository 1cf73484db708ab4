"""Where a graduate landed: recorded by the graduate, by an advisor of their cohort, or
imported from a survey. Each record is a new row (history kept); the newest counts.

`clean_destination` holds the rules every write obeys (form, import, command line alike), so
the importer refuses a row for the same reason, in the same words, as the form.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from networkit_core import audit_log, bounds
from networkit_core.access import destination_graduate, readable_graduate
from networkit_core.actor import Actor
from networkit_core.context import Context
from networkit_core.dates import written
from networkit_core.errors import AccessDenied, InvalidInput
from networkit_core.models import (
    Contact,
    Destination,
    DestinationSource,
    DestinationStatus,
    Graduate,
    Interview,
    InterviewStatus,
    Role,
    User,
)
from networkit_core.models.destinations import CAREER_OUTCOMES
from networkit_core.services._input import a_date, choice, text_or_empty

STATUS_LABELS: dict[DestinationStatus, str] = {
    DestinationStatus.EMPLOYED_FULL_TIME: "Employed full time",
    DestinationStatus.EMPLOYED_PART_TIME: "Employed part time",
    DestinationStatus.CONTINUING_EDUCATION: "Continuing education",
    DestinationStatus.SERVICE: "Service (volunteer, e.g. Peace Corps)",
    DestinationStatus.MILITARY: "Military",
    DestinationStatus.STILL_SEEKING: "Still seeking",
    DestinationStatus.NOT_SEEKING: "Not seeking",
}


@dataclass(frozen=True)
class DestinationInput:
    """What a graduate or an advisor types; the interview is named by its text interview_id."""

    status: DestinationStatus | str
    organization: str = ""
    job_title: str = ""
    start_date: date | str | None = None
    found_through_interview_id: str | None = None
    recorded_on: date | str | None = None  # None: today


@dataclass(frozen=True)
class DestinationView:
    id: int
    graduate_id: int
    graduate_email: str
    graduate_name: str
    status: DestinationStatus
    status_label: str
    organization: str
    job_title: str
    start_date: date | None
    recorded_on: date
    source: DestinationSource
    found_through_interview_id: str | None  # the text interview_id
    found_through_contact: str | None  # that interview's contact
    recorded_by: str | None


@dataclass(frozen=True)
class InterviewChoice:
    interview_id: str
    label: str


@dataclass(frozen=True)
class DestinationForm:
    graduate_id: int
    graduate_name: str
    current: DestinationView | None
    history: tuple[DestinationView, ...]  # newest first
    interviews: tuple[InterviewChoice, ...]  # the graduate's completed interviews, newest first
    statuses: tuple[tuple[DestinationStatus, str], ...]
    may_record: bool


@dataclass(frozen=True)
class CleanDestination:
    status: DestinationStatus
    organization: str
    job_title: str
    start_date: date | None
    recorded_on: date
    found_through_interview_id: str | None


def clean_destination(values: Mapping[str, object], *, today: date) -> CleanDestination:
    """The checked fields of a destination, or `InvalidInput` naming the first bad field.

    A start date and the interview it came through belong to a destination (employed,
    education, service, military), not to "still seeking" or "not seeking"; a record is not
    dated later than today."""
    status = choice(DestinationStatus, values.get("status") or "", "status")
    organization = text_or_empty(values.get("organization"), "organization", bounds.ORGANIZATION)
    job_title = text_or_empty(values.get("job_title"), "job_title", bounds.JOB_TITLE)
    raw_start = values.get("start_date")
    start = None if raw_start in (None, "") else a_date(raw_start, "start_date", today=today)
    raw_recorded = values.get("recorded_on")
    recorded = (
        today if raw_recorded in (None, "") else a_date(raw_recorded, "recorded_on", today=today)
    )
    if recorded > today:
        raise InvalidInput(
            f"The recorded on date cannot be later than today ({today.isoformat()}).",
            "recorded_on",
        )
    through = text_or_empty(
        values.get("found_through_interview_id"), "found_through_interview_id", bounds.INTERVIEW_ID
    )
    landed = status in CAREER_OUTCOMES
    if start is not None and not landed:
        raise InvalidInput(
            f"A start date belongs to a destination, not to {STATUS_LABELS[status].lower()}.",
            "start_date",
        )
    if through and not landed:
        raise InvalidInput(
            "Only a destination (employed, continuing education, service, military) is found "
            f"through an interview, not {STATUS_LABELS[status].lower()}.",
            "found_through_interview_id",
        )
    return CleanDestination(status, organization, job_title, start, recorded, through or None)


def completed_interviews(
    graduate_ids: list[int] | Select[tuple[int]],
) -> Select[tuple[str, int, int]]:
    """(interview_id text, row id, graduate id) of the live completed interviews of graduates:
    the ones a destination can have come through."""
    return select(Interview.public_id, Interview.id, Interview.graduate_id).where(
        Interview.graduate_id.in_(graduate_ids),
        Interview.deleted_at.is_(None),
        Interview.status == InterviewStatus.COMPLETED,
    )


def not_an_interview_of(public_id: str) -> InvalidInput:
    return InvalidInput(
        f"{public_id} is not a completed interview of this graduate.", "found_through_interview_id"
    )


def source_of(actor: Actor) -> DestinationSource:
    return DestinationSource.GRADUATE if actor.role is Role.GRADUATE else DestinationSource.ADVISOR


def record_destination(
    ctx: Context, actor: Actor, data: DestinationInput, *, graduate_id: int | None = None
) -> DestinationView:
    """Record (or correct, by recording again) where a graduate landed: a graduate for
    themselves, an advisor for a graduate of a cohort they coach, an admin for anyone."""
    try:
        with ctx.unit_of_work() as session:
            graduate = destination_graduate(session, actor, graduate_id)
            clean = clean_destination(
                {
                    "status": data.status,
                    "organization": data.organization,
                    "job_title": data.job_title,
                    "start_date": data.start_date,
                    "recorded_on": data.recorded_on,
                    "found_through_interview_id": data.found_through_interview_id,
                },
                today=ctx.clock.today(),
            )
            through_id = None
            if clean.found_through_interview_id is not None:
                through_id = session.scalar(
                    select(Interview.id).where(
                        Interview.public_id == clean.found_through_interview_id,
                        Interview.id.in_(
                            completed_interviews([graduate.id]).with_only_columns(Interview.id)
                        ),
                    )
                )
                if through_id is None:
                    raise not_an_interview_of(clean.found_through_interview_id)
            row = Destination(
                graduate_id=graduate.id,
                status=clean.status,
                organization=clean.organization,
                job_title=clean.job_title,
                start_date=clean.start_date,
                recorded_on=clean.recorded_on,
                source=source_of(actor),
                found_through_interview_id=through_id,
                recorded_by_id=actor.id,
            )
            session.add(row)
            session.flush()
            audit_log.record(
                session,
                actor,
                "create",
                "destination",
                row.id,
                graduate_id=graduate.id,
                status=clean.status.value,
            )
            return _views(session, select(Destination).where(Destination.id == row.id))[0]
    except AccessDenied as refused:
        audit_log.record_refused(
            ctx, actor, "create", "destination", str(refused), graduate_id=graduate_id
        )
        raise


def destination_history(
    ctx: Context, actor: Actor, *, graduate_id: int | None = None
) -> tuple[DestinationView, ...]:
    """Every destination recorded for a graduate the actor may read, newest first."""
    with ctx.unit_of_work() as session:
        graduate = readable_graduate(session, actor, graduate_id)
        return tuple(_views(session, _history(graduate.id)))


def current_destination(
    ctx: Context, actor: Actor, *, graduate_id: int | None = None
) -> DestinationView | None:
    """The destination that counts: the newest recorded."""
    history = destination_history(ctx, actor, graduate_id=graduate_id)
    return history[0] if history else None


def destination_form(
    ctx: Context, actor: Actor, *, graduate_id: int | None = None
) -> DestinationForm:
    """What the destination form shows: the current destination, its history, the completed
    interviews it may have come through, and whether the actor may record one."""
    with ctx.unit_of_work() as session:
        return destination_form_of(session, actor, readable_graduate(session, actor, graduate_id))


def destination_form_of(session: Session, actor: Actor, graduate: Graduate) -> DestinationForm:
    """`destination_form` of a graduate `actor` may read, checked in `session`."""
    if actor.role is Role.GRADUATE:
        try:
            destination_graduate(session, actor, graduate.id)
            may_record = True
        except AccessDenied:
            may_record = False
    else:
        may_record = True  # an advisor or admin records for whom they may read (the same check)
    history = tuple(_views(session, _history(graduate.id)))
    choices = session.execute(
        select(Interview.public_id, Interview.meeting_date, Contact.name, Contact.organization)
        .join(Contact, Contact.id == Interview.contact_id)
        .where(
            Interview.id.in_(completed_interviews([graduate.id]).with_only_columns(Interview.id))
        )
        .order_by(Interview.meeting_date.desc(), Interview.id.desc())
    ).all()
    user = session.get_one(User, graduate.user_id)  # found, not read again, beside the timeline
    return DestinationForm(
        graduate_id=graduate.id,
        graduate_name=user.display_name,
        current=history[0] if history else None,
        history=history,
        interviews=tuple(
            InterviewChoice(public_id, _interview_label(met, contact, organization))
            for public_id, met, contact, organization in choices
        ),
        statuses=tuple(STATUS_LABELS.items()),
        may_record=may_record,
    )


def _interview_label(met: date, contact: str, organization: str) -> str:
    at = f", {organization}" if organization else ""
    return f"{written(met)} · {contact}{at}"


def _history(graduate_id: int) -> Select[tuple[Destination]]:
    return (
        select(Destination)
        .where(Destination.graduate_id == graduate_id)
        .order_by(Destination.recorded_on.desc(), Destination.id.desc())
    )


def newest_first() -> tuple[object, ...]:
    """The order in which a graduate's destinations count: the newest recorded first."""
    return (Destination.recorded_on.desc(), Destination.id.desc())


def current_destinations(today: date) -> Select[tuple[int]]:
    """The ids of the destinations that count as of `today`: per graduate, the newest recorded
    no later than today (a later record is not made yet, as with every figure's `--today`)."""
    ranked = (
        select(
            Destination.id,
            func.row_number()
            .over(partition_by=Destination.graduate_id, order_by=newest_first())
            .label("rank"),
        )
        .where(Destination.recorded_on <= today)
        .subquery("ranked")
    )
    return select(ranked.c.id).where(ranked.c.rank == 1)


def _views(session: Session, query: Select[tuple[Destination]]) -> list[DestinationView]:
    rows = list(session.scalars(query))
    if not rows:
        return []
    graduate_ids = {row.graduate_id for row in rows}
    people = {
        graduate_id: (email, f"{first} {last}".strip())
        for graduate_id, email, first, last in session.execute(
            select(Graduate.id, User.email, User.first_name, User.last_name)
            .join(User, User.id == Graduate.user_id)
            .where(Graduate.id.in_(graduate_ids))
        )
    }
    interview_ids = {row.found_through_interview_id for row in rows} - {None}
    interviews = {
        interview_id: (public_id, contact)
        for interview_id, public_id, contact in session.execute(
            select(Interview.id, Interview.public_id, Contact.name)
            .join(Contact, Contact.id == Interview.contact_id)
            .where(Interview.id.in_(interview_ids))
        )
    }
    recorder_ids = {row.recorded_by_id for row in rows} - {None}
    recorders = {
        user.id: user.display_name
        for user in session.scalars(select(User).where(User.id.in_(recorder_ids)))
    }
    views = []
    for row in rows:
        email, name = people[row.graduate_id]
        public_id, contact = interviews.get(row.found_through_interview_id or -1, (None, None))
        views.append(
            DestinationView(
                id=row.id,
                graduate_id=row.graduate_id,
                graduate_email=email,
                graduate_name=name,
                status=row.status,
                status_label=STATUS_LABELS[row.status],
                organization=row.organization,
                job_title=row.job_title,
                start_date=row.start_date,
                recorded_on=row.recorded_on,
                source=row.source,
                found_through_interview_id=public_id,
                found_through_contact=contact,
                recorded_by=recorders.get(row.recorded_by_id or -1),
            )
        )
    return views
