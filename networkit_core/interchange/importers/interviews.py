"""Interviews import, matched by `interview_id`, for graduates the actor may change. Contacts
are matched per graduate by email (any case), else by name + organization, else created.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, time
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from networkit_core.access import graduate_scope
from networkit_core.actor import Actor
from networkit_core.context import Context
from networkit_core.interchange.formats import ChecklistColumn
from networkit_core.interchange.importers import Analysis, Job, chunks
from networkit_core.interchange.importers.bulk import (
    insert_returning_ids,
    insert_rows,
    update_rows,
)
from networkit_core.interchange.importers.interview_extras import (
    QuestionChanges,
    Questions,
    Referrals,
    parse_questions,
    write_questions,
)
from networkit_core.interchange.outcomes import Action, Problem
from networkit_core.interchange.reading import Table
from networkit_core.interchange.values import Cells
from networkit_core.models import (
    ChecklistTick,
    Connection,
    Contact,
    FollowUpPermission,
    Graduate,
    Interview,
    InterviewStatus,
    LocationType,
    ThankYouMethod,
    User,
)
from networkit_core.services.interviews import rules

# The contact's text columns; contact_email is parsed apart, as an email.
CONTACT_FIELDS = {
    "contact_name": "name",
    "contact_title": "title",
    "contact_organization": "organization",
    "contact_industry": "industry",
}
DEFAULTS = rules.DEFAULTS


def _choice(enum_type: type[Any]) -> Callable[[Cells, str], Any]:
    return lambda cells, name: cells.choice(name, enum_type, default=DEFAULTS.get(name))


def _clock(cells: Cells, column: str) -> time | None:
    raw = cells.text(column)
    if not raw:
        return None
    try:
        return time.fromisoformat(raw)
    except ValueError:
        cells.fail(column, f"{raw!r} is not a time of day: write it as HH:MM")
        return None


# The interview's columns after the meeting date, each its model field, read in this order (so
# are their problems).
VALUES: dict[str, Callable[[Cells, str], Any]] = {
    "location_type": _choice(LocationType),
    "status": _choice(InterviewStatus),
    "notes": Cells.text,
    "thank_you_sent_on": Cells.date,
    "thank_you_method": _choice(ThankYouMethod),
    "follow_up_permission": _choice(FollowUpPermission),
    "meeting_time": _clock,
    **{name: Cells.text for name in ("location_detail", *rules.OUTCOME_COLUMNS)},
}


@dataclass
class _NewContact:
    values: dict[str, Any]
    id: int | None = None


ContactRef = Contact | _NewContact


@dataclass
class _Plan:
    new_contacts: list[_NewContact] = field(default_factory=list)
    contact_updates: dict[int, tuple[Contact, dict[str, Any]]] = field(default_factory=dict)
    new_interviews: list[tuple[dict[str, Any], ContactRef, set[int]]] = field(default_factory=list)
    updates: list[tuple[Interview, dict[str, Any], ContactRef, set[int] | None]] = field(
        default_factory=list
    )
    # The questions each interview takes: a stored interview, or a new one's slot by its index.
    questions: list[tuple[Interview | _Slot, int, QuestionChanges]] = field(default_factory=list)
    slots: dict[int, _Slot] = field(default_factory=dict)
    referrals: Referrals = field(default_factory=Referrals)


@dataclass
class _Slot:
    """A new interview's id, known once it is written."""

    id: int | None = None


@dataclass
class _Stored:
    """What the file's rows are matched with, loaded in batches before the first row."""

    graduates: dict[str, int]  # by e-mail: the graduates the actor may import interviews for
    existing: dict[str, Interview]  # by interview_id, whoever's they are
    # The owners of those the actor may read: another owner's id is refused without saying
    # whose, or what it is (access.py: out of scope reads as missing).
    readable_owners: set[int]
    recorded: dict[int, rules.Recorded]
    ticks: dict[int, set[int]]
    by_email: dict[tuple[int, str], ContactRef]
    by_name: dict[tuple[int, str, str], ContactRef]
    meetings: dict[tuple[int, int, date], str]  # (graduate, contact, day) -> interview_id


def _load(session: Session, actor: Actor, table: Table, plan: _Plan) -> _Stored:
    records = table.records
    emails = sorted({r.cells.get("graduate_email", "").lower() for r in records})
    graduates: dict[str, int] = {}
    for batch in chunks(emails):
        graduates.update(
            session.execute(
                select(User.email, Graduate.id)
                .join(Graduate, Graduate.user_id == User.id)
                .where(User.email.in_(batch), Graduate.id.in_(graduate_scope(actor)))
            ).all()
        )
    public_ids = sorted({r.cells.get("interview_id", "") for r in records})
    existing: dict[str, Interview] = {}
    for batch in chunks(public_ids):
        existing.update(
            (i.public_id, i)
            for i in session.scalars(select(Interview).where(Interview.public_id.in_(batch)))
        )
    stored = _Stored(graduates, existing, set(), {}, {}, {}, {}, {})
    for batch in chunks(sorted({i.graduate_id for i in existing.values()})):
        stored.readable_owners.update(
            session.scalars(graduate_scope(actor).where(Graduate.id.in_(batch)))
        )
    for batch in chunks([i.id for i in existing.values()]):
        stored.recorded.update(rules.recorded_after(session, list(batch)))
        for interview_id, item_id in session.execute(
            select(ChecklistTick.interview_id, ChecklistTick.item_id).where(
                ChecklistTick.interview_id.in_(batch)
            )
        ):
            stored.ticks.setdefault(interview_id, set()).add(item_id)
    for batch in chunks(sorted(set(graduates.values()))):
        for contact in session.scalars(
            select(Contact)
            .where(Contact.graduate_id.in_(batch), Contact.deleted_at.is_(None))
            .order_by(Contact.id)
        ):
            plan.referrals.know(contact.graduate_id, contact)
            if contact.email:
                stored.by_email.setdefault((contact.graduate_id, contact.email.lower()), contact)
            key = (contact.graduate_id, contact.name.casefold(), contact.organization.casefold())
            stored.by_name.setdefault(key, contact)
        for public_id, graduate_id, contact_id, met in session.execute(
            select(
                Interview.public_id,
                Interview.graduate_id,
                Interview.contact_id,
                Interview.meeting_date,
            ).where(Interview.graduate_id.in_(batch), Interview.deleted_at.is_(None))
        ):
            stored.meetings.setdefault((graduate_id, contact_id, met), public_id)
    return stored


@dataclass
class _Row:
    """One record's cells, read: the contact it names and the interview's fields it sets."""

    public_id: str
    email: str | None
    contact: dict[str, Any]
    values: dict[str, Any]
    ticked: set[int]


def _read(cells: Cells, table: Table, private: bool) -> _Row:
    """The record's values, each cell checked (in column order, so problems are too)."""
    public_id = cells.text("interview_id", required=True)
    raw_email = cells.text("graduate_email", required=True)
    email = cells.check_email("graduate_email", raw_email) if raw_email else None
    contact = {
        attr: cells.text(column, required=column == "contact_name")
        for column, attr in CONTACT_FIELDS.items()
        if table.has(column)
    }
    if table.has("contact_how_connected"):
        contact["how_connected"] = cells.choice(
            "contact_how_connected", Connection, default=Connection.OTHER
        )
    contact_email = cells.email("contact_email")
    if contact_email or table.has("contact_email"):
        contact["email"] = contact_email or None
    values: dict[str, Any] = {"meeting_date": cells.date("meeting_date", required=True)}
    values |= {name: read(cells, name) for name, read in VALUES.items() if table.has(name)}
    if private:
        values["private_notes"] = cells.text("private_notes")
    return _Row(public_id, email, contact, values, set())


def _check(
    cells: Cells,
    row: _Row,
    stored: _Stored,
    tick_columns: list[ChecklistColumn],
    seen: dict[str, int],
    today: date,
) -> int | None:
    """The graduate the row is for, once checked: its dates, its scope, the write rules."""
    public_id, values, met = row.public_id, row.values, row.values["meeting_date"]
    status = values.get("status")
    held = rules.held_in_future(status, met, today) if met and status else None
    if held is not None:
        cells.fail("status", f"{held} ({met})")
    sent = values.get("thank_you_sent_on")
    future = rules.in_future(sent, today) if sent else None
    if future is not None:
        cells.fail("thank_you_sent_on", future)
    current = stored.existing.get(public_id)
    if public_id in seen:
        cells.fail("interview_id", f"{public_id} appears also on row {seen[public_id]}")
    elif public_id:
        seen[public_id] = cells.row
    # Scope first, and a row out of scope is checked no further: the rules compare the row
    # with the stored interview, and their messages would describe someone else's (its
    # dates, found by moving the meeting date). Someone else's graduate reads as one that
    # does not exist; someone else's interview id only as taken.
    graduate_id = stored.graduates.get(row.email or "")
    if row.email and graduate_id is None:
        cells.fail("graduate_email", f"no graduate {row.email} that you may import interviews for")
    if current is not None and graduate_id is not None:
        if current.graduate_id not in stored.readable_owners:
            cells.fail("interview_id", f"{public_id} cannot be used: choose another interview_id")
            return graduate_id
        if current.graduate_id != graduate_id:
            cells.fail("interview_id", f"{public_id} is the id of another graduate's interview")
            return graduate_id
        if current.deleted_at is not None:
            cells.fail("interview_id", f"{public_id} is the id of a deleted interview")
            return graduate_id
    if met is None or graduate_id is None:
        return graduate_id
    stored_ticks = stored.ticks.get(current.id, set()) if current is not None else set()
    conduct = [c for c in tick_columns if c.name.startswith("conduct_")]
    ticked = [c for c in conduct if c.item_id in row.ticked]
    kept = stored.recorded.get(current.id) if current is not None else None
    for refusal in rules.check_change(
        current,
        kept or rules.Recorded(),
        values,
        conduct_ticked=[c.name for c in ticked],
        conduct_new=any(c.item_id not in stored_ticks for c in ticked),
        conduct_set=bool(conduct),
    ):
        cells.fail(refusal.field, refusal.reason)
    return graduate_id


def analyse(job: Job) -> Analysis:
    result = Analysis()
    session, actor, table = job.session, job.actor, job.table
    plan = _Plan()
    stored = _load(session, actor, table, plan)
    tick_columns = [c for c in job.checklist if table.has(c.name)]
    today = job.ctx.clock.today()
    asked = None
    if table.has("questions"):
        asked = Questions(session, actor, [i.id for i in stored.existing.values()])
    # Private notes are the graduate's own: from anyone else the column is left out.
    private = table.has("private_notes") and actor.is_graduate
    if table.has("private_notes") and not private:
        result.warnings.append(
            Problem(1, "private_notes", "ignored: private notes are imported by the graduate only")
        )
    referred: list[tuple[Cells, int, ContactRef, str, int]] = []
    seen: dict[str, int] = {}
    seen_meetings: dict[tuple[int, int, date], tuple[str, int]] = {}
    for cells in job.cells(result.errors):
        row = _read(cells, table, private)
        questions = parse_questions(cells) if asked is not None else []
        row.ticked = {c.item_id for c in tick_columns if cells.boolean(c.name)}
        public_id, values, current = row.public_id, row.values, stored.existing.get(row.public_id)
        graduate_id = _check(cells, row, stored, tick_columns, seen, today)
        if cells.refused or graduate_id is None:
            result.outcome(cells.row, public_id, Action.REFUSED)
            continue
        contact, contact_changes = _contact_for(
            plan, stored.by_email, stored.by_name, graduate_id, row.contact, actor
        )
        meeting = (
            graduate_id,
            id(contact) if isinstance(contact, _NewContact) else contact.id,
            values["meeting_date"],
        )
        twin = seen_meetings.get(meeting)
        same = stored.meetings.get(meeting) if not isinstance(contact, _NewContact) else None
        if twin is not None or (same is not None and same != public_id):
            other = f"row {twin[1]} ({twin[0]})" if twin else f"the existing interview {same}"
            result.warnings.append(
                Problem(
                    cells.row,
                    "interview_id",
                    f"likely a duplicate of {other}: same graduate, contact and meeting date",
                )
            )
        seen_meetings.setdefault(meeting, (public_id, cells.row))
        plan.referrals.know(graduate_id, contact)
        if table.has("contact_referred_by"):
            name = cells.text("contact_referred_by")
            referred.append((cells, graduate_id, contact, name, len(result.rows)))
        question_changes = (
            asked.changes(current.id if current else None, questions) if asked else None
        )
        if question_changes and question_changes.rated:
            status = values.get("status", current.status if current else DEFAULTS["status"])
            not_held = rules.only_when_completed(status, rules.RATINGS) if status else None
            if not_held is not None:
                cells.fail("questions", str(not_held))
                result.outcome(cells.row, public_id, Action.REFUSED)
                continue

        if current is None:
            full = {**DEFAULTS, **values, "public_id": public_id, "graduate_id": graduate_id}
            if question_changes:
                slot = plan.slots.setdefault(len(plan.new_interviews), _Slot())
                plan.questions.append((slot, graduate_id, question_changes))
            plan.new_interviews.append((full, contact, row.ticked))
            result.outcome(cells.row, public_id, Action.NEW)
            continue
        changed = [name for name, value in values.items() if getattr(current, name) != value]
        if question_changes:
            changed.append("questions")
            plan.questions.append((current, graduate_id, question_changes))
        changed += [f"contact_{name}" for name in contact_changes]
        if isinstance(contact, _NewContact) or contact.id != current.contact_id:
            changed.append("contact")
        new_ticks: set[int] | None = None
        old = stored.ticks.get(current.id, set()) & {c.item_id for c in tick_columns}
        if tick_columns and old != row.ticked:
            changed += [
                c.name for c in tick_columns if (c.item_id in old) != (c.item_id in row.ticked)
            ]
            new_ticks = row.ticked
        if changed:
            plan.updates.append((current, values, contact, new_ticks))
        result.outcome(
            cells.row, public_id, Action.UPDATED if changed else Action.UNCHANGED, changed
        )
    _choose_referrers(result, plan, actor, referred)
    result.write = lambda s: _write(s, job.ctx, result, plan, [c.item_id for c in tick_columns])
    return result


def _choose_referrers(
    result: Analysis,
    plan: _Plan,
    actor: Actor,
    referred: list[tuple[Cells, int, ContactRef, str, int]],
) -> None:
    """Referrers are found once every contact of the file is known (one may come later)."""
    for cells, graduate_id, contact, name, index in referred:
        refused = len(result.errors)
        make = _referrer_maker(plan, actor, graduate_id)
        changes = plan.referrals.choose(cells, graduate_id, contact, name, make)
        outcome = result.rows[index]
        if len(result.errors) > refused:
            result.rows[index] = replace(outcome, action=Action.REFUSED, changed=())
        elif changes and outcome.action is Action.UNCHANGED:
            result.rows[index] = replace(
                outcome, action=Action.UPDATED, changed=("contact_referred_by",)
            )
        elif changes and outcome.action is Action.UPDATED:
            result.rows[index] = replace(outcome, changed=(*outcome.changed, "contact_referred_by"))


def _referrer_maker(plan: _Plan, actor: Actor, graduate_id: int) -> Any:
    """Makes a contact the file names only as a referrer (its name, nothing else known)."""

    return lambda name: _new_contact(plan, actor, graduate_id, {"name": name})


def _new_contact(
    plan: _Plan, actor: Actor, graduate_id: int, values: dict[str, Any]
) -> _NewContact:
    """A contact the file adds: what it gives, blank for the rest."""
    blank = {"name": "", "title": "", "organization": "", "industry": "", "email": None}
    new = _NewContact({**blank, **values, "graduate_id": graduate_id, "added_by_id": actor.id})
    plan.new_contacts.append(new)
    return new


def _contact_for(
    plan: _Plan,
    by_email: dict[tuple[int, str], ContactRef],
    by_name: dict[tuple[int, str, str], ContactRef],
    graduate_id: int,
    values: dict[str, Any],
    actor: Actor,
) -> tuple[ContactRef, list[str]]:
    """The contact a row names, and which of its details the row changes."""
    email = values.get("email")
    name_key = (graduate_id, values["name"].casefold(), values.get("organization", "").casefold())
    found = by_email.get((graduate_id, email)) if email else None
    if found is None:
        candidate = by_name.get(name_key)
        candidate_email = (
            candidate.values.get("email")
            if isinstance(candidate, _NewContact)
            else (candidate.email if candidate else None)
        )
        if candidate is not None and (not email or not candidate_email):
            found = candidate
    if found is None:
        found = _new_contact(plan, actor, graduate_id, values)
        changes: list[str] = []
    elif isinstance(found, _NewContact):
        changes = []
        found.values.update(values)
    else:
        changes = [k for k, v in values.items() if getattr(found, k) != v]
        if changes:
            pending = plan.contact_updates.setdefault(found.id, (found, {}))[1]
            pending.update({k: values[k] for k in changes})
    if email:
        by_email[(graduate_id, email)] = found
    by_name.setdefault(name_key, found)
    return found, changes


def _write(
    session: Session, ctx: Context, result: Analysis, plan: _Plan, tick_item_ids: list[int]
) -> None:
    now = ctx.clock.now()
    rows = [
        {"how_connected": Connection.OTHER, **c.values, "created_at": now, "updated_at": now}
        for c in plan.new_contacts
    ]
    ids = insert_returning_ids(session, Contact.__table__, rows)
    for new, contact_id in zip(plan.new_contacts, ids, strict=True):
        new.id = contact_id
    result.wrote("contact", ids, new=True)
    for contact, changes in plan.contact_updates.values():
        for name, value in changes.items():
            setattr(contact, name, value)
    result.wrote("contact", [contact.id for contact, _ in plan.contact_updates.values()], new=False)

    new_rows = [
        {
            **values,
            "contact_id": _id_of(contact),
            "version": 1,
            "created_at": now,
            "updated_at": now,
        }
        for values, contact, _ticks in plan.new_interviews
    ]
    tick_rows: list[dict[str, Any]] = []
    ids = insert_returning_ids(session, Interview.__table__, new_rows)
    result.wrote("interview", ids, new=True)
    for index, slot in plan.slots.items():
        slot.id = ids[index]
    for (_values, _contact, ticked), interview_id in zip(plan.new_interviews, ids, strict=True):
        tick_rows += [
            {"interview_id": interview_id, "item_id": item, "ticked_at": now}
            for item in sorted(ticked)
        ]
    untick: list[dict[str, int]] = []
    for interview, values, contact, new_ticks in plan.updates:
        for name, value in values.items():
            if getattr(interview, name) != value:
                setattr(interview, name, value)
        if interview.contact_id != _id_of(contact):
            interview.contact_id = _id_of(contact)
        if new_ticks is not None:
            untick += [{"interview_id": interview.id, "item_id": item} for item in tick_item_ids]
            tick_rows += [
                {"interview_id": interview.id, "item_id": item, "ticked_at": now}
                for item in sorted(new_ticks)
            ]
    result.wrote("interview", [interview.id for interview, *_ in plan.updates], new=False)
    result.wrote("contact", plan.referrals.write(session), new=False)
    write_questions(session, now, plan.questions)
    session.flush()
    update_rows(session, ChecklistTick.__table__, ("interview_id", "item_id"), untick)
    insert_rows(session, ChecklistTick.__table__, tick_rows)


def _id_of(contact: ContactRef) -> int:
    if contact.id is None:
        raise RuntimeError("a new contact is used before it is inserted")
    return contact.id
