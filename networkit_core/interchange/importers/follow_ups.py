"""Follow-ups import: each row is matched on interview_id + date + kind + note; a row already
recorded is unchanged, any other is new (a follow-up has no other fields to update)."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from networkit_core.access import interview_filter
from networkit_core.interchange.importers import Analysis, Job, chunks
from networkit_core.interchange.importers.bulk import insert_returning_ids
from networkit_core.interchange.outcomes import Action
from networkit_core.models import FollowUp, FollowUpKind, Interview, InterviewStatus
from networkit_core.services.interviews import rules

Key = tuple[int, date, FollowUpKind, str]


def analyse(job: Job) -> Analysis:
    result = Analysis()
    session, actor = job.session, job.actor
    public_ids = sorted({r.cells.get("interview_id", "") for r in job.table.records})
    interviews: dict[str, int] = {}
    meetings: dict[int, tuple[InterviewStatus, date]] = {}
    for batch in chunks(public_ids):
        for public_id, interview_id, status, met in session.execute(
            select(
                Interview.public_id, Interview.id, Interview.status, Interview.meeting_date
            ).where(Interview.public_id.in_(batch), interview_filter(actor))
        ):
            interviews[public_id] = interview_id
            meetings[interview_id] = (status, met)
    today = job.ctx.clock.today()
    recorded: set[Key] = set()
    for batch in chunks(sorted(interviews.values())):
        recorded.update(
            session.execute(
                select(FollowUp.interview_id, FollowUp.date, FollowUp.kind, FollowUp.note).where(
                    FollowUp.interview_id.in_(batch), FollowUp.deleted_at.is_(None)
                )
            ).all()
        )
    new_rows: list[dict[str, Any]] = []
    seen: dict[tuple[str, date | None, FollowUpKind | None, str], int] = {}
    for cells in job.cells(result.errors):
        public_id = cells.text("interview_id", required=True)
        day = cells.date("date", required=True)
        kind = cells.choice("kind", FollowUpKind)
        if kind is None and not cells.text("kind"):
            cells.fail("kind", "a value is required")
        note = cells.text("note")
        interview_id = interviews.get(public_id)
        if public_id and interview_id is None:
            cells.fail("interview_id", f"no interview {public_id} that you may add follow-ups to")
        identity = (public_id, day, kind, note)
        if identity in seen:
            cells.fail(None, f"the same follow-up appears also on row {seen[identity]}")
        else:
            seen[identity] = cells.row
        key_text = f"{public_id} {day} {kind.value if kind else ''}"
        if cells.refused or interview_id is None or day is None or kind is None:
            result.outcome(cells.row, key_text, Action.REFUSED)
            continue
        if (interview_id, day, kind, note) in recorded:
            result.outcome(cells.row, key_text, Action.UNCHANGED)  # kept as it is
            continue
        # The rules every write obeys, on a new follow-up only (DESIGN.md).
        status, met = meetings[interview_id]
        not_completed = rules.only_when_completed(status, rules.FOLLOW_UP)
        if not_completed is not None:
            cells.fail("interview_id", f"{public_id}: {not_completed}")
        early = rules.not_before_meeting(day, met)
        if early is not None:
            cells.fail("date", f"the follow-up date {early}")
        elif (future := rules.in_future(day, today)) is not None:
            cells.fail("date", f"{future} (today is {today.isoformat()})")
        if cells.refused:
            result.outcome(cells.row, key_text, Action.REFUSED)
            continue
        new_rows.append({"interview_id": interview_id, "date": day, "kind": kind, "note": note})
        result.outcome(cells.row, key_text, Action.NEW)

    def write(session: Session) -> None:
        now = job.ctx.clock.now()
        rows = [{**row, "created_at": now, "updated_at": now} for row in new_rows]
        result.wrote("follow_up", insert_returning_ids(session, FollowUp.__table__, rows), new=True)

    result.write = write
    return result
