"""What a contact file holds once read: candidate contacts, the rows that cannot be one, and the
checks every field of a candidate passes (the limits of bounds.py, as a form's)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from networkit_core import bounds
from networkit_core.errors import InvalidInput
from networkit_core.models import ContactSource
from networkit_core.services.accounts import normalize_email


class UnreadableContactFile(InvalidInput):
    """The file as a whole cannot be read (not text, no header, too big): nothing in it is used."""

    def __init__(self, message: str) -> None:
        super().__init__(message, "file")


@dataclass(frozen=True)
class Candidate:
    """One contact a file brings, its fields checked and trimmed."""

    row: int  # the file's row as a spreadsheet counts it, or the card's number in a .vcf
    name: str
    title: str = ""
    organization: str = ""
    email: str | None = None  # lower-cased
    linkedin_url: str | None = None
    connected_on: date | None = None


@dataclass(frozen=True)
class BadRow:
    """A row (or card) that cannot be a contact: where it is, what name it gives, and why."""

    row: int
    name: str
    reason: str


@dataclass
class ContactFile:
    source: ContactSource
    row_word: str  # "row" (a CSV) or "card" (a .vcf): how a bad one is named
    candidates: list[Candidate] = field(default_factory=list)
    bad: list[BadRow] = field(default_factory=list)


class BadField(Exception):
    """Raised by the checks below; the reader turns it into a `BadRow`."""


# What a contact's profile address must look like to be kept: a web address, nothing a link could
# run (`javascript:`), no spaces.
_WEB_ADDRESS = re.compile(r"^https?://[^\s/]+\.[^\s/]+(/\S*)?$", re.IGNORECASE)


def checked_text(value: str, what: str, limit: bounds.Text) -> str:
    """`value` trimmed, within `limit` and without control characters, or `BadField` naming
    `what` (the file's own word for the field: "Company", "ORG")."""
    text = value.strip()
    # The length first: a 1 MB cell is named by its size, without searching it.
    if len(text) > limit.max_chars:
        raise BadField(f"{what} is too long: {len(text):,} characters, at most {limit.max_chars:,}")
    problem = bounds.control_problem(text, one_line=limit.one_line)
    if problem is not None:
        raise BadField(f"{what} {problem}")
    return text


def checked_name(value: str, what: str) -> str:
    name = " ".join(checked_text(value, what, bounds.CONTACT_NAME).split())
    if not name:
        raise BadField("no name: a contact needs at least a first or a last name")
    return name


def checked_email(value: str, what: str) -> str | None:
    text = checked_text(value, what, bounds.EMAIL)
    if not text:
        return None
    try:
        return normalize_email(text)
    except InvalidInput:
        raise BadField(f"{what} {text!r} is not a valid e-mail address") from None


def checked_url(value: str, what: str) -> str | None:
    text = checked_text(value, what, bounds.LINKEDIN_URL)
    if not text:
        return None
    if not _WEB_ADDRESS.match(text):
        raise BadField(f"{what} {text!r} is not a web address (https://...)")
    return text


def checked_day(day: date, what: str, today: date) -> date:
    problem = bounds.date_problem(day, today)
    if problem is not None:
        raise BadField(f"{what} {problem}")
    return day


def shown_name(text: str) -> str:
    """The name a bad row gives, to help find it in the file: one line, printable, cut short."""
    name = " ".join("".join(c if c.isprintable() else " " for c in text[:400]).split())
    return name if len(name) <= 80 else f"{name[:80]}…"
