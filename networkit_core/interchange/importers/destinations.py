"""Destinations import (a first-destination survey): each row records where a graduate landed.

History is kept, so a row adds a record; a row equal to one already recorded for the graduate
(same status, organization, title, start, recorded_on and interview) is unchanged, which is
what makes an export import back without doubling. The rules are the form's
(`services.destinations.clean_destination`), in the same words."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from networkit_core.access import graduate_scope
from networkit_core.errors import InvalidInput
from networkit_core.interchange.importers import Analysis, Job, chunks
from networkit_core.interchange.importers.bulk import insert_returning_ids
from networkit_core.interchange.outcomes import Action
from networkit_core.models import Destination, DestinationSource, DestinationStatus, Graduate, User
from networkit_core.services.destinations import clean_destination, completed_interviews

Identity = tuple[int, DestinationStatus, str, str, date | None, date, int | None]


def analyse(job: Job) -> Analysis:
    result = Analysis()
    session, actor, table = job.session, job.actor, job.table
    today = job.ctx.clock.today()
    emails = sorted({r.cells.get("graduate_email", "").strip().lower() for r in table.records})
    graduates: dict[str, int] = {}
    for batch in chunks(emails):
        graduates.update(
            session.execute(
                select(User.email, Graduate.id)
                .join(Graduate, Graduate.user_id == User.id)
                .where(User.email.in_(batch), Graduate.id.in_(graduate_scope(actor)))
            ).all()
        )
    graduate_ids = sorted(set(graduates.values()))
    interviews: dict[tuple[int, str], int] = {}
    recorded: set[Identity] = set()
    for batch in chunks(graduate_ids):
        for public_id, interview_id, graduate_id in session.execute(completed_interviews(batch)):
            interviews[graduate_id, public_id] = interview_id
        recorded.update(
            session.execute(
                select(
                    Destination.graduate_id,
                    Destination.status,
                    Destination.organization,
                    Destination.job_title,
                    Destination.start_date,
                    Destination.recorded_on,
                    Destination.found_through_interview_id,
                ).where(Destination.graduate_id.in_(batch))
            ).all()
        )
    new_rows: list[dict[str, Any]] = []
    seen: dict[Identity, int] = {}
    for cells in job.cells(result.errors):
        email = cells.email("graduate_email", required=True)
        status = cells.choice("status", DestinationStatus)
        if status is None and not cells.text("status"):
            cells.fail("status", "a value is required")
        start = cells.date("start_date")
        recorded_on = cells.date("recorded_on", required=True)
        graduate_id = graduates.get(email or "")
        if email and graduate_id is None:
            cells.fail("graduate_email", f"no graduate {email} whose destination you may record")
        key = f"{email or ''} {recorded_on or ''}"
        if cells.refused or status is None or recorded_on is None or graduate_id is None:
            result.outcome(cells.row, key, Action.REFUSED)
            continue
        try:
            clean = clean_destination(
                {
                    "status": status,
                    "organization": cells.text("organization"),
                    "job_title": cells.text("job_title"),
                    "start_date": start,
                    "recorded_on": recorded_on,
                    "found_through_interview_id": cells.text("found_through_interview_id"),
                },
                today=today,
            )
        except InvalidInput as error:
            cells.fail(error.field, str(error))
            result.outcome(cells.row, key, Action.REFUSED)
            continue
        through_id = None
        if clean.found_through_interview_id is not None:
            through_id = interviews.get((graduate_id, clean.found_through_interview_id))
            if through_id is None:
                cells.fail(
                    "found_through_interview_id",
                    f"{clean.found_through_interview_id} is not a completed interview of {email}",
                )
                result.outcome(cells.row, key, Action.REFUSED)
                continue
        identity: Identity = (
            graduate_id,
            clean.status,
            clean.organization,
            clean.job_title,
            clean.start_date,
            clean.recorded_on,
            through_id,
        )
        if identity in seen:
            cells.fail(None, f"the same destination appears also on row {seen[identity]}")
            result.outcome(cells.row, key, Action.REFUSED)
            continue
        seen[identity] = cells.row
        if identity in recorded:
            result.outcome(cells.row, key, Action.UNCHANGED)
            continue
        new_rows.append(
            {
                "graduate_id": graduate_id,
                "status": clean.status,
                "organization": clean.organization,
                "job_title": clean.job_title,
                "start_date": clean.start_date,
                "recorded_on": clean.recorded_on,
                "source": DestinationSource.IMPORT,
                "found_through_interview_id": through_id,
                "recorded_by_id": actor.id,
            }
        )
        result.outcome(cells.row, key, Action.NEW)

    def write(session: Session) -> None:
        now = job.ctx.clock.now()
        rows = [{**row, "created_at": now, "updated_at": now} for row in new_rows]
        ids = insert_returning_ids(session, Destination.__table__, rows)
        result.wrote("destination", ids, new=True)

    result.write = write
    return result
