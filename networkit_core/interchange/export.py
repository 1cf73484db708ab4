"""CSV exports, scoped through `access`, columns as DESIGN.md lists them, audit-logged. Rows are
sorted in Python so both databases (whose collations differ) give the same bytes."""

from __future__ import annotations

import csv
import io
from datetime import date, time
from typing import Any

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session, aliased
from sqlalchemy.sql.elements import ColumnElement

from networkit_core import audit_log
from networkit_core.access import (
    bank_scope,
    get_bank,
    get_cohort,
    graduate_scope,
    interview_filter,
)
from networkit_core.actor import Actor
from networkit_core.context import Context
from networkit_core.errors import AccessDenied, InvalidInput, NetworkitError
from networkit_core.figures.destinations_report import (
    FIRST_DESTINATION_COLUMNS,
    first_destination_report,
)
from networkit_core.figures.report import cohort_report
from networkit_core.interchange.formats import (
    COHORT_REPORT,
    PRIVATE_NOTES,
    Kind,
    checklist_columns,
    header_names,
)
from networkit_core.interchange.neutralise import neutralise
from networkit_core.models import (
    ChecklistTick,
    Cohort,
    CohortAdvisor,
    Contact,
    Destination,
    FollowUp,
    Graduate,
    Interview,
    InterviewQuestion,
    Question,
    User,
)

Value = str | int | float | date | bool | None
BOM = "\ufeff"


def export(
    ctx: Context,
    actor: Actor,
    kind: Kind | str,
    *,
    cohort: str | None = None,
    bom: bool = False,
    bank_id: int | None = None,
) -> bytes:
    """The CSV file of `kind` as UTF-8 bytes (with a byte-order mark when `bom`); for
    questions, `bank_id` keeps one bank the actor may read, in the bank's order."""
    header, rows = export_rows(ctx, actor, kind, cohort=cohort, bank_id=bank_id)
    return write_csv(header, rows, bom=bom)


def write_csv(header: list[str], rows: list[list[Value]], *, bom: bool = False) -> bytes:
    """Every CSV the product writes: UTF-8, CRLF, text cells neutralised against formulas."""
    buffer = io.StringIO()
    if bom:
        buffer.write(BOM)
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([render(value) for value in row] for row in rows)
    return buffer.getvalue().encode("utf-8")


def export_rows(
    ctx: Context,
    actor: Actor,
    kind: Kind | str,
    *,
    cohort: str | None = None,
    bank_id: int | None = None,
) -> tuple[list[str], list[list[Value]]]:
    """The header and the typed rows of an export (audit-logged, a refused one too)."""
    try:
        return _export_rows(ctx, actor, kind, cohort, bank_id)
    except NetworkitError as error:
        what = kind.value if isinstance(kind, Kind) else str(kind)
        audit_log.record_refused(ctx, actor, "export", what, str(error), cohort=cohort)
        raise


def _export_rows(
    ctx: Context, actor: Actor, kind: Kind | str, cohort: str | None, bank_id: int | None
) -> tuple[list[str], list[list[Value]]]:
    try:
        kind = kind if isinstance(kind, Kind) else Kind.parse(kind)
    except ValueError as error:
        raise InvalidInput(str(error), "kind") from None
    if bank_id is not None and kind is not Kind.QUESTIONS:
        raise InvalidInput("only questions are exported by bank", "bank")
    if kind is Kind.COHORT_REPORT:
        header, rows = list(COHORT_REPORT), _cohort_report(ctx, actor, cohort)
        with ctx.unit_of_work() as session:
            audit_log.record(
                session, actor, "export", kind.value, None, rows=len(rows), cohort=cohort
            )
        return header, rows
    if kind is Kind.FIRST_DESTINATION_REPORT:
        # As of the context's today (`--today`): the figures' own default.
        report = first_destination_report(ctx, actor, cohort=cohort)
        rows = [row.cells() for row in report]
        with ctx.unit_of_work() as session:
            audit_log.record(
                session, actor, "export", kind.value, None, rows=len(rows), cohort=cohort
            )
        return list(FIRST_DESTINATION_COLUMNS), rows
    with ctx.unit_of_work() as session:
        cohort_id = _cohort_id(session, actor, cohort)
        checklist = checklist_columns(session)
        header = header_names(kind, checklist)
        if kind is Kind.ROSTER:
            rows = _roster(session, actor, cohort_id)
        elif kind is Kind.INTERVIEWS:
            # Private notes are the graduate's own: only their export carries the column.
            if not actor.is_graduate:
                header.remove(PRIVATE_NOTES.name)
            rows = _interviews(session, actor, cohort_id, [c.item_id for c in checklist])
        elif kind is Kind.FOLLOW_UPS:
            rows = _follow_ups(session, actor, cohort_id)
        elif kind is Kind.DESTINATIONS:
            rows = _destinations(session, actor, cohort_id)
        else:
            if cohort is not None:
                raise InvalidInput("questions are not exported by cohort: leave out --cohort")
            rows = _questions(session, actor, bank_id)
        audit_log.record(
            session, actor, "export", kind.value, None, rows=len(rows), cohort=cohort, bank=bank_id
        )
    return header, rows


def own_rows(
    session: Session, graduate: Actor, kind: Kind, *, deleted: bool = False
) -> tuple[list[str], list[list[Value]]]:
    """A graduate's own file of `kind` (roster, interviews, follow-ups, destinations), private
    notes included; with `deleted`, the interviews or follow-ups they deleted (kept so they can
    be restored). No audit entry: the records archive that asks logs itself."""
    if not graduate.is_graduate:
        raise AccessDenied("graduate")
    checklist = checklist_columns(session)
    header = header_names(kind, checklist)
    if kind is Kind.ROSTER:
        return header, _roster(session, graduate, None)
    if kind is Kind.INTERVIEWS:
        items = [c.item_id for c in checklist]
        return header, _interviews(session, graduate, None, items, deleted=deleted)
    if kind is Kind.FOLLOW_UPS:
        return header, _follow_ups(session, graduate, None, deleted=deleted)
    if kind is Kind.DESTINATIONS:
        return header, _destinations(session, graduate, None)
    raise ValueError(f"{kind.value} is not one graduate's own file")


def _kept(actor: Actor, deleted: bool) -> ColumnElement[bool]:
    """The interviews in scope that are live, or (`deleted`) deleted and kept for a restore."""
    if not deleted:
        return interview_filter(actor)
    return Interview.deleted_at.is_not(None) & Interview.graduate_id.in_(graduate_scope(actor))


def render(value: Value) -> str:
    if type(value) is str:  # most cells: checked first (a str enum takes the last line)
        return neutralise(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:.4f}"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    return neutralise(str(value))


def _cohort_id(session: Session, actor: Actor, name: str | None) -> int | None:
    if name is None:
        return None
    cohort_id = session.scalar(select(Cohort.id).where(Cohort.name == name))
    if cohort_id is None:
        raise AccessDenied("cohort")
    return get_cohort(session, actor, cohort_id).id


def _graduates(actor: Actor, cohort_id: int | None) -> Any:
    scope = graduate_scope(actor)
    if cohort_id is not None:
        scope = scope.where(Graduate.cohort_id == cohort_id)
    return scope


def _roster(session: Session, actor: Actor, cohort_id: int | None) -> list[list[Value]]:
    advisors: dict[int, list[str]] = {}
    for cid, email in session.execute(
        select(CohortAdvisor.cohort_id, User.email).join(User, User.id == CohortAdvisor.advisor_id)
    ):
        advisors.setdefault(cid, []).append(email)
    rows = session.execute(
        select(
            User.email,
            User.first_name,
            User.last_name,
            Cohort.name,
            Graduate.program,
            Graduate.graduation_year,
            Graduate.cohort_id,
            Graduate.graduation_date,
        )
        .join(User, User.id == Graduate.user_id)
        .join(Cohort, Cohort.id == Graduate.cohort_id)
        .where(Graduate.id.in_(_graduates(actor, cohort_id)))
    ).all()
    return sorted([*row[:6], ";".join(sorted(advisors.get(row[6], []))), row[7]] for row in rows)


def _destinations(session: Session, actor: Actor, cohort_id: int | None) -> list[list[Value]]:
    """Every destination recorded (the history: an import of this file restores it), by
    graduate and the order they were recorded in."""
    rows = session.execute(
        select(
            User.email,
            Destination.status,
            Destination.organization,
            Destination.job_title,
            Destination.start_date,
            Destination.recorded_on,
            Interview.public_id,
            Destination.id,
        )
        .join(Graduate, Graduate.id == Destination.graduate_id)
        .join(User, User.id == Graduate.user_id)
        # An interview since deleted is no longer named (an import could not find it).
        .outerjoin(
            Interview,
            (Interview.id == Destination.found_through_interview_id)
            & Interview.deleted_at.is_(None),
        )
        .where(Graduate.id.in_(_graduates(actor, cohort_id)))
    ).all()
    ordered = sorted(rows, key=lambda row: (row[0], row[5], row[7]))
    return [[*row[:1], row[1].value, *row[2:6], row[6] or ""] for row in ordered]


def _interviews(
    session: Session,
    actor: Actor,
    cohort_id: int | None,
    item_ids: list[int],
    *,
    deleted: bool = False,
) -> list[list[Value]]:
    where = _kept(actor, deleted) & Interview.graduate_id.in_(_graduates(actor, cohort_id))
    # The checklist pivoted in SQL, one column per item (1 when ticked), for these interviews
    # only: a row per interview crosses the driver, not a row per tick.
    ticks = (
        select(
            ChecklistTick.interview_id,
            *(
                func.max(case((ChecklistTick.item_id == item, 1), else_=0)).label(f"item_{n}")
                for n, item in enumerate(item_ids)
            ),
        )
        .join(Interview, Interview.id == ChecklistTick.interview_id)
        .where(where)
        .group_by(ChecklistTick.interview_id)
        .subquery()
    )
    referrer = aliased(Contact)
    # The columns in the file's order, around the checklist's and the meeting time; enums and
    # Nones are written by `render` (a StrEnum as its value, None as an empty cell).
    first = (
        Interview.public_id,
        User.email,
        Contact.name,
        Contact.title,
        Contact.organization,
        Contact.industry,
        Contact.email,
        Interview.meeting_date,
        Interview.location_type,
        Interview.status,
    )
    then = (
        Interview.notes,
        Interview.thank_you_sent_on,
        Interview.thank_you_method,
        Interview.follow_up_permission,
        referrer.name,
        Interview.outcome_trends,
        Interview.outcome_hiring,
        Interview.outcome_marketability,
        Interview.outcome_job_leads,
    )
    result = session.execute(
        select(
            Interview.id,
            Interview.meeting_time,
            Interview.private_notes,
            *first,
            *(ticks.c[f"item_{n}"] for n in range(len(item_ids))),
            *then,
            Interview.location_detail,
            Contact.how_connected,
        )
        .join(Graduate, Graduate.id == Interview.graduate_id)
        .join(User, User.id == Graduate.user_id)
        .join(Contact, Contact.id == Interview.contact_id)
        .outerjoin(
            referrer, (referrer.id == Contact.referred_by_id) & referrer.deleted_at.is_(None)
        )
        .outerjoin(ticks, ticks.c.interview_id == Interview.id)
        .where(where)
    ).all()
    asked = _questions_asked(session, where)
    ticks_from, then_from = len(first), len(first) + len(item_ids)
    rows: list[list[Value]] = [
        [
            *cells[:ticks_from],
            *(tick == 1 for tick in cells[ticks_from:then_from]),
            *cells[then_from : then_from + len(then)],
            _clock_time(at),
            *cells[then_from + len(then) :],
            asked.get(row_id, ""),
            *([private_notes] if actor.is_graduate else []),
        ]
        for row_id, at, private_notes, *cells in result
    ]
    # graduate, meeting date, then id: the order a coach reads a caseload in.
    rows.sort(key=lambda row: (row[1], row[7], row[0]))
    return rows


def _clock_time(value: time | None) -> str:
    """ "14:30" (seconds only when there are some), "" for no time."""
    if value is None:
        return ""
    return value.isoformat(timespec="minutes" if not value.second else "seconds")


def question_line(text: str, usefulness: int | None) -> str:
    """One question taken to an interview, as a line of the `questions` cell."""
    return text if usefulness is None else f"[{usefulness}/5] {text}"


def _questions_asked(session: Session, where: Any) -> dict[int, str]:
    """Per interview, its questions one a line, in the order they were taken."""
    lines: dict[int, list[str]] = {}
    for interview_id, text, usefulness in session.execute(
        select(InterviewQuestion.interview_id, Question.text, InterviewQuestion.usefulness)
        .join(Question, Question.id == InterviewQuestion.question_id)
        .join(Interview, Interview.id == InterviewQuestion.interview_id)
        .where(where)
        .order_by(InterviewQuestion.interview_id, InterviewQuestion.added_at, Question.id)
    ):
        lines.setdefault(interview_id, []).append(question_line(text, usefulness))
    return {interview_id: "\n".join(texts) for interview_id, texts in lines.items()}


def _follow_ups(
    session: Session, actor: Actor, cohort_id: int | None, *, deleted: bool = False
) -> list[list[Value]]:
    # Deleted: the follow-up itself, or the interview it belongs to.
    kept = (
        (FollowUp.deleted_at.is_not(None) | Interview.deleted_at.is_not(None))
        & Interview.graduate_id.in_(graduate_scope(actor))
        if deleted
        else FollowUp.deleted_at.is_(None) & interview_filter(actor)
    )
    result = session.execute(
        select(Interview.public_id, FollowUp.date, FollowUp.kind, FollowUp.note)
        .join(Interview, Interview.id == FollowUp.interview_id)
        .where(kept, Interview.graduate_id.in_(_graduates(actor, cohort_id)))
    ).all()
    return sorted([public_id, day, kind.value, note] for public_id, day, kind, note in result)


def _questions(session: Session, actor: Actor, bank_id: int | None) -> list[list[Value]]:
    if bank_id is not None:
        bank = get_bank(session, actor, bank_id)
        return [
            [text, category, tags]
            for text, category, tags in session.execute(
                select(Question.text, Question.category, Question.tags)
                .where(Question.bank_id == bank.id, Question.deleted_at.is_(None))
                .order_by(Question.position, Question.id)
            )
        ]
    # The format names no bank: identical questions of several banks are one row.
    result = session.execute(
        select(Question.text, Question.category, Question.tags).where(
            Question.deleted_at.is_(None), Question.bank_id.in_(bank_scope(actor))
        )
    ).all()
    return [list(row) for row in sorted(set(result))]


def _cohort_report(ctx: Context, actor: Actor, cohort: str | None) -> list[list[Value]]:
    cohort_id = None
    if cohort is not None:
        with ctx.unit_of_work() as session:
            cohort_id = _cohort_id(session, actor, cohort)
    return [
        [getattr(entry, name) for name in COHORT_REPORT]
        for entry in cohort_report(ctx, actor, cohort_id)
    ]
