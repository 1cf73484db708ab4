"""The files of a records archive, in README order, each with what it holds in plain words
(README.txt and the page say it) and the table it is read from."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy.orm import Session

from networkit_core.interchange.export import Value
from networkit_core.records import tables
from networkit_core.records.tables import Person, Table

Reader = Callable[[Session, Person], Table]


@dataclass(frozen=True)
class FileSpec:
    name: str
    about: str  # its line of README.txt and of the page
    read: Reader


@dataclass(frozen=True)
class RecordFile:
    name: str
    about: str
    header: list[str]
    rows: list[list[Value]]


ACCOUNT = FileSpec(
    "account.csv",
    "Your account: e-mail, name, role, whether it is active and has a password (never the "
    "password, nor its one-way hash).",
    tables.account,
)
# A graduate's records, in the DESIGN.md formats where there is one (they import back).
GRADUATE_FILES = (
    FileSpec(
        "profile.csv",
        "Your graduate record in the roster format: cohort, programme, graduation year and "
        "date, your advisors.",
        tables.profile,
    ),
    FileSpec(
        "interviews.csv",
        "Your interviews in the interviews format: contact, date, time, place, status, "
        "checklist ticks, notes, private notes, thank-you, follow-up permission, outcomes, who "
        "referred the contact, the questions you took.",
        tables.interviews,
    ),
    FileSpec(
        "deleted_interviews.csv",
        "Interviews you deleted, kept so they can be restored (the same format).",
        tables.deleted_interviews,
    ),
    FileSpec("follow_ups.csv", "Your follow-ups in the follow-ups format.", tables.follow_ups),
    FileSpec(
        "deleted_follow_ups.csv",
        "Follow-ups deleted, or of a deleted interview, kept so they can be restored.",
        tables.deleted_follow_ups,
    ),
    FileSpec(
        "contacts.csv",
        "The professionals in your network, who referred whom, and who added them.",
        tables.contacts,
    ),
    FileSpec(
        "checklist_ticks.csv",
        "Each checklist item ticked on an interview, and when.",
        tables.checklist_ticks,
    ),
    FileSpec(
        "questions_taken.csv",
        "The questions you took to each interview and how useful you rated them (1-5).",
        tables.questions_taken,
    ),
    FileSpec(
        "destinations.csv",
        "Where you landed, every record kept (the newest counts), in the destinations format.",
        tables.destinations,
    ),
)
OTHER_FILES = (
    FileSpec(
        "coaching_comments.csv",
        "Coaching comments and nudges (reminders an advisor recorded) about you, and those "
        "you wrote; deleted ones have a deleted_at.",
        tables.coaching_comments,
    ),
    FileSpec(
        "reminder_emails.csv",
        "Every reminder or digest e-mail written to you, with its text.",
        tables.reminder_emails,
    ),
    FileSpec(
        "reminder_opt_outs.csv",
        "When you turned reminder e-mails off (no row: they are on).",
        tables.reminder_opt_outs,
    ),
    FileSpec(
        "calendar_feeds.csv",
        "Your calendar address: when it was made and last read (never its secret).",
        tables.calendar_feeds,
    ),
    FileSpec(
        "sessions.csv",
        "Each signed-in browser session: how you signed in and when (never its token).",
        tables.sessions,
    ),
    FileSpec(
        "sign_in_links.csv",
        "One-time sign-in links e-mailed to you: made, valid until, used.",
        tables.sign_in_links,
    ),
    FileSpec(
        "sign_in_failures.csv",
        "Failed sign-ins counted against your e-mail (they slow down password guessing).",
        tables.sign_in_failures,
    ),
    FileSpec(
        "import_mappings.csv",
        "Column mappings the importer remembers for files you imported.",
        tables.import_mappings,
    ),
    FileSpec("question_banks.csv", "Question banks you own.", tables.question_banks),
    FileSpec(
        "question_suggestions.csv",
        "Questions you suggested for a bank, and suggestions you accepted or declined.",
        tables.question_suggestions,
    ),
    FileSpec("cohort_goals.csv", "Goals you set for a cohort.", tables.cohort_goals),
    FileSpec("cohorts_coached.csv", "The cohorts you coach.", tables.cohorts_coached),
    FileSpec("saved_views.csv", "Dashboard views you saved, by name.", tables.saved_views),
    FileSpec(
        "destinations_recorded.csv",
        "Destinations you recorded for a graduate.",
        tables.destinations_recorded,
    ),
    FileSpec(
        "contacts_added.csv",
        "Contacts you added to a graduate's network (an import, say).",
        tables.contacts_added,
    ),
    FileSpec(
        "audit.csv",
        "The audit entries that name you: what you did, and who exported or changed "
        "your records, and when (UTC).",
        tables.audit,
    ),
)


def file_specs(graduate: bool) -> tuple[FileSpec, ...]:
    """The account, a graduate's records (for one), then the rest: the order of README.txt."""
    return (ACCOUNT, *(GRADUATE_FILES if graduate else ()), *OTHER_FILES)


def read_files(session: Session, person: Person) -> list[RecordFile]:
    """Every file of the person's archive, read in one transaction."""
    return [
        RecordFile(spec.name, spec.about, *spec.read(session, person))
        for spec in file_specs(person.graduate_id is not None)
    ]
