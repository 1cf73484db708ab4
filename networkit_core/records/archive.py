"""My records: everything the product keeps about one person, as one ZIP of CSV files and a
README.txt (DESIGN.md, "Student records"), and the audit entries that name them for their page.

Anyone may have their own; an admin anyone's (acting on the person's request, from the command
line); nobody else, whatever they may otherwise read: an advisor's view of a graduate is not
that graduate's archive. The archive holds private notes too: it is the person's own.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from networkit_core import audit_log
from networkit_core.actor import Actor
from networkit_core.context import Context
from networkit_core.errors import AccessDenied, InvalidInput, NetworkitError
from networkit_core.interchange.export import write_csv
from networkit_core.models import AuditEntry, Graduate, Role, User
from networkit_core.records.files import RecordFile, file_specs, read_files
from networkit_core.records.naming import audit_ids_naming
from networkit_core.records.tables import Person
from networkit_core.services.audit import AuditLine, audit_lines

README = "README.txt"
ACTION = "records_export"
# The page shows the newest entries; the archive's audit.csv holds them all.
ENTRIES_SHOWN = 20


def records_archive(ctx: Context, actor: Actor, person: str | int | None = None) -> bytes:
    """The ZIP of `person` (an e-mail or an account id; None: the actor), audit-logged; asking
    for someone else without being an admin is refused (and the refusal logged)."""
    try:
        with ctx.unit_of_work() as session:
            whose = _person(session, actor, person)
            files = read_files(session, whose)
            audit_log.record(
                session,
                actor,
                ACTION,
                "user",
                whose.user_id,
                files=len(files),
                rows=sum(len(file.rows) for file in files),
            )
            now = ctx.clock.now()
    except NetworkitError as error:
        asked = {"asked": person} if isinstance(person, str) else {}
        target = person if isinstance(person, int) else None
        audit_log.record_refused(ctx, actor, ACTION, "user", str(error), target, **asked)
        raise
    return _zip(files, whose.email, actor, now)


def _person(session: Session, actor: Actor, asked: str | int | None) -> Person:
    if asked is None:
        user = session.get(User, actor.id)
    elif isinstance(asked, int):
        user = session.get(User, asked)
    else:
        user = session.scalar(select(User).where(User.email == asked.strip().lower()))
    # Someone else's, or nobody's: the same refusal, so accounts cannot be probed.
    if not actor.is_admin and (user is None or user.id != actor.id):
        raise AccessDenied("records")
    if user is None:
        raise InvalidInput(f"No account has the e-mail or id {asked}.", "person")
    graduate_id = session.scalar(select(Graduate.id).where(Graduate.user_id == user.id))
    # The exporters read with a graduate's own scope (the rows of this user's graduate record),
    # whatever the account's role now is: a graduate made advisor keeps their records.
    own = replace(Actor.of(user), role=Role.GRADUATE)
    return Person(user.id, user.email, graduate_id, own)


def _zip(files: list[RecordFile], email: str, actor: Actor, now: datetime) -> bytes:
    buffer = io.BytesIO()
    stamp = now.timetuple()[:6]
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(zipfile.ZipInfo(README, stamp), _readme(files, email, actor, now))
        for file in files:
            # With a byte-order mark: a spreadsheet then reads accented names right.
            archive.writestr(
                zipfile.ZipInfo(file.name, stamp), write_csv(file.header, file.rows, bom=True)
            )
    return buffer.getvalue()


def _readme(files: list[RecordFile], email: str, actor: Actor, now: datetime) -> str:
    by = "you" if actor.email == email else f"{actor.email} (an administrator), at your request"
    lines = [
        f"NetWorkIt Coach: everything it keeps about {email}",
        f"Made {now.isoformat(timespec='seconds')} by {by}.",
        "",
        "Each .csv file is UTF-8 text with a header row and one row per record. Dates are",
        "YYYY-MM-DD, instants are in UTC. A cell that a spreadsheet would run as a formula",
        "starts with an apostrophe ('), so opening a file runs nothing.",
        "A file with only its header row means nothing of that kind is kept about you.",
        "",
    ]
    for file in files:
        count = len(file.rows)
        lines.append(f"{file.name} ({count} row{'' if count == 1 else 's'})")
        lines.append(f"    {file.about}")
    return "\r\n".join(lines) + "\r\n"


@dataclass(frozen=True)
class RecordsOverview:
    """What /my-records shows: what the archive holds, and who did what to the records."""

    files: tuple[tuple[str, str], ...]  # (file name, what it holds)
    entries: tuple[AuditLine, ...]  # newest first, at most ENTRIES_SHOWN
    entries_total: int


def my_records(ctx: Context, actor: Actor) -> RecordsOverview:
    """The signed-in person's own overview (it takes nobody else: a page cannot ask for one)."""
    with ctx.unit_of_work() as session:
        whose = _person(session, actor, None)
        ids = audit_ids_naming(session, whose.user_id, whose.email, whose.graduate_id)
        newest = ids[-ENTRIES_SHOWN:]
        entries = audit_lines(
            session,
            select(AuditEntry, User.email)
            .outerjoin(User, User.id == AuditEntry.actor_id)
            .where(AuditEntry.id.in_(newest))
            .order_by(AuditEntry.at.desc(), AuditEntry.id.desc()),
        )
        specs = file_specs(whose.graduate_id is not None)
    return RecordsOverview(
        ((README, "What each file holds."), *((spec.name, spec.about) for spec in specs)),
        entries,
        len(ids),
    )
