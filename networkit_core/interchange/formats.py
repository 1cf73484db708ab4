"""The CSV formats: canonical columns per kind, which are required, and the header variants
the importer accepts. Checklist columns come from the active checklist items in the database."""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass, fields

from sqlalchemy import select
from sqlalchemy.orm import Session

from networkit_core import bounds
from networkit_core.figures.report import CohortReportRow
from networkit_core.models import ChecklistItem, ChecklistKind

# A file larger than this is refused before it is read (DESIGN.md: say so, read nothing).
MAX_IMPORT_BYTES = 20 * 1024 * 1024


def too_big(size: int) -> str | None:
    """The message for a file over the limit (None when it is within): said before reading."""
    if size <= MAX_IMPORT_BYTES:
        return None
    return (
        f"the file is {size / 1024 / 1024:.1f} MB; files of at most "
        f"{MAX_IMPORT_BYTES // 1024 // 1024} MB are imported: split it into smaller files"
    )


# The mapping target that says "leave this column out" (a page's "Ignore" choice, `--map H=`).
IGNORE = ""


class Kind(enum.StrEnum):
    ROSTER = "roster"
    INTERVIEWS = "interviews"
    FOLLOW_UPS = "follow-ups"
    QUESTIONS = "questions"
    COHORT_REPORT = "cohort-report"  # export only
    DESTINATIONS = "destinations"
    FIRST_DESTINATION_REPORT = "first-destination-report"  # export only

    @classmethod
    def parse(cls, raw: str) -> Kind:
        text = raw.strip().lower().replace("_", "-")
        aliases = {
            "followups": "follow-ups",
            "follow-up": "follow-ups",
            "report": "cohort-report",
            "destination": "destinations",
        }
        try:
            return cls(aliases.get(text, text))
        except ValueError:
            known = ", ".join(kind.value for kind in cls)
            raise ValueError(f"{raw!r} is not a kind of CSV file: use one of {known}") from None


IMPORTABLE = (Kind.ROSTER, Kind.INTERVIEWS, Kind.FOLLOW_UPS, Kind.QUESTIONS, Kind.DESTINATIONS)
# The kinds whose export computes figures as of a day (`--today`).
AS_OF_KINDS = (Kind.COHORT_REPORT, Kind.FIRST_DESTINATION_REPORT)


@dataclass(frozen=True)
class Column:
    name: str
    required: bool = False
    aliases: tuple[str, ...] = ()
    # A text field's column has the field's limit (bounds.py), the one its form and its service
    # have; any other cell is one line of at most bounds.CELL characters, which keeps a
    # malicious or broken file from filling memory.
    limit: bounds.Text = bounds.CELL
    # Headers of other systems whose cells are dates; the column takes the date's year.
    year_of_date: tuple[str, ...] = ()


# Aliases include the headers of the student systems a career centre exports from
# (Handshake: email_address, first_name, last_name, major_names, graduation_date).
ROSTER = (
    Column(
        "email",
        True,
        (
            "email address",
            "e-mail",
            "e-mail address",
            "mail",
            "graduate email",
            "student email",
            "student email address",
        ),
    ),
    Column(
        "first_name",
        True,
        ("first name", "firstname", "given name", "forename", "preferred name"),
        bounds.PERSON_NAME,
    ),
    Column(
        "last_name", True, ("last name", "lastname", "surname", "family name"), bounds.PERSON_NAME
    ),
    Column("cohort", True, ("cohort name", "group"), bounds.COHORT_NAME),
    Column(
        "program",
        False,
        ("programme", "program name", "degree", "major", "majors", "major name", "major names"),
        bounds.PROGRAM,
    ),
    Column("graduation_year", False, ("graduation year", "grad year", "year", "class of")),
    Column("advisor_email", False, ("advisor", "advisor email", "adviser email", "coach email")),
    # The day itself (Handshake's graduation_date, a date or a date-time); without a
    # graduation_year it gives the year too.
    Column("graduation_date", False, ("graduation date", "grad date", "expected graduation date")),
)

INTERVIEWS_BEFORE_CHECKLIST = (
    Column("interview_id", True, ("interview id", "id", "interview"), bounds.INTERVIEW_ID),
    Column(
        "graduate_email",
        True,
        ("graduate", "graduate email", "email", "email address"),
        bounds.EMAIL,
    ),
    Column("contact_name", True, ("contact", "contact name", "name"), bounds.CONTACT_NAME),
    Column("contact_title", False, ("title", "job title", "contact title"), bounds.JOB_TITLE),
    Column(
        "contact_organization",
        False,
        ("organization", "organisation", "company", "contact organisation", "employer"),
        bounds.ORGANIZATION,
    ),
    Column("contact_industry", False, ("industry", "contact industry"), bounds.INDUSTRY),
    Column("contact_email", False, ("contact email", "contact e-mail"), bounds.EMAIL),
    Column("meeting_date", True, ("date", "meeting date", "met on")),
    Column("location_type", False, ("location", "location type", "place")),
    Column("status", True, ("interview status",)),
)
INTERVIEWS_AFTER_CHECKLIST = (
    Column("notes", False, ("brain dump", "notes", "note"), bounds.NOTES),
    Column("thank_you_sent_on", False, ("thank you sent on", "thank-you sent on", "thank you")),
    Column("thank_you_method", False, ("thank you method", "thank-you method")),
    Column("follow_up_permission", False, ("follow up permission", "follow-up permission")),
)

# Optional, after the columns above: what the meeting led to, the referral chain, the time and
# place detail, and the questions taken (one a line, "[4/5] " before a rated one). The
# graduate's own export adds their private notes (PRIVATE_NOTES), which no one else reads.
INTERVIEWS_MORE = (
    Column("contact_referred_by", False, ("referred by",), bounds.CONTACT_NAME),
    Column("outcome_trends", False, ("industry trends", "trends"), bounds.NOTES),
    Column("outcome_hiring", False, ("organizations hiring", "hiring"), bounds.NOTES),
    Column("outcome_marketability", False, ("marketability",), bounds.NOTES),
    Column("outcome_job_leads", False, ("job leads",), bounds.NOTES),
    Column("meeting_time", False, ("time", "meeting time")),
    Column(
        "location_detail",
        False,
        ("place detail", "location detail", "address"),
        bounds.PLACE_DETAIL,
    ),
    Column("contact_how_connected", False, ("how connected", "connected through")),
    Column("questions", False, ("questions asked",), bounds.QUESTIONS_TAKEN),
)
PRIVATE_NOTES = Column("private_notes", False, ("private notes",), bounds.NOTES)

FOLLOW_UPS = (
    Column("interview_id", True, ("interview id", "interview"), bounds.INTERVIEW_ID),
    Column("date", True, ("follow up date", "follow-up date", "sent on")),
    Column("kind", True, ("type", "follow up kind", "follow-up kind")),
    Column("note", False, ("notes", "comment"), bounds.NOTES),
)

# A first-destination survey's results (DESIGN.md, "Destinations and evidence").
DESTINATIONS = (
    Column(
        "graduate_email",
        True,
        ("graduate", "graduate email", "email", "email address", "student email"),
        bounds.EMAIL,
    ),
    Column("status", True, ("destination status", "destination", "outcome status")),
    Column(
        "organization",
        False,
        ("organisation", "employer", "employer name", "company", "institution"),
        bounds.ORGANIZATION,
    ),
    Column("job_title", False, ("job title", "title", "position"), bounds.JOB_TITLE),
    Column("start_date", False, ("start date", "started on")),
    Column("recorded_on", True, ("recorded on", "survey date", "response date", "recorded")),
    Column(
        "found_through_interview_id",
        False,
        ("found through interview", "found through", "interview id", "interview_id"),
        bounds.INTERVIEW_ID,
    ),
)

QUESTIONS = (
    Column("question", True, ("question text", "text"), bounds.QUESTION),
    Column("category", False, (), bounds.CATEGORY),
    Column("tags", False, ("tag", "keywords"), bounds.TAGS),
)

# The cohort report is written in the field order of the figures' own row (DESIGN.md order).
COHORT_REPORT = tuple(field.name for field in fields(CohortReportRow))


@dataclass(frozen=True)
class ChecklistColumn:
    """`prep_<key>` or `conduct_<key>`: one active checklist item."""

    name: str
    item_id: int


def checklist_columns(session: Session) -> list[ChecklistColumn]:
    """The checklist items in force, prep first, each kind by position."""
    items = session.execute(
        select(ChecklistItem.id, ChecklistItem.kind, ChecklistItem.key)
        .where(
            ChecklistItem.is_active.is_(True),
            ChecklistItem.kind.in_([ChecklistKind.PREP, ChecklistKind.CONDUCT]),
        )
        # "prep" sorts after "conduct": descending puts preparation first, as in the file.
        .order_by(ChecklistItem.kind.desc(), ChecklistItem.position, ChecklistItem.key)
    ).all()
    return [ChecklistColumn(f"{kind.value}_{key}", item_id) for item_id, kind, key in items]


def columns_for(kind: Kind, checklist: list[ChecklistColumn]) -> tuple[Column, ...]:
    if kind is Kind.ROSTER:
        return ROSTER
    if kind is Kind.INTERVIEWS:
        ticks = tuple(Column(c.name) for c in checklist)
        return (
            INTERVIEWS_BEFORE_CHECKLIST
            + ticks
            + INTERVIEWS_AFTER_CHECKLIST
            + INTERVIEWS_MORE
            + (PRIVATE_NOTES,)
        )
    if kind is Kind.FOLLOW_UPS:
        return FOLLOW_UPS
    if kind is Kind.QUESTIONS:
        return QUESTIONS
    if kind is Kind.DESTINATIONS:
        return DESTINATIONS
    raise ValueError(f"{kind.value} files are exported only, not imported")


def required_columns(kind: Kind) -> list[str]:
    """The columns a file of `kind` must have (no checklist column is required)."""
    return [column.name for column in columns_for(kind, []) if column.required]


def header_names(kind: Kind, checklist: list[ChecklistColumn]) -> list[str]:
    if kind is Kind.COHORT_REPORT:
        return list(COHORT_REPORT)
    if kind is Kind.FIRST_DESTINATION_REPORT:
        from networkit_core.figures.destinations_report import FIRST_DESTINATION_COLUMNS

        return list(FIRST_DESTINATION_COLUMNS)
    return [column.name for column in columns_for(kind, checklist)]


def normalise_header(raw: str) -> str:
    """Compare headers ignoring case, spacing, punctuation: "E-mail Address" ~ "email_address"."""
    return re.sub(r"[^a-z0-9]+", "", raw.strip().lower())
