"""What every value a user gives stays within, whatever the entry point (form, import, command
line): dates in a sane range (9999-12-31 would overflow date arithmetic), text without control
or text-direction characters, and one limit per text field, shared by forms, services and
importers so that whatever a form saved, its export imports back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

# No informational interview, thank-you or follow-up in this product predates 1990, and none is
# planned more than two years ahead.
EARLIEST = date(1990, 1, 1)
YEARS_AHEAD = 2
GRADUATION_YEARS = (1950, 2100)  # the first and last a graduate's record may give

# C0 and C1 control characters and DEL, except tab and newline; a carriage return only as the
# first half of a CRLF line break (as spreadsheets write a line break inside a cell).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]|\r(?!\n)")
# In a single-line field, tab and line breaks too, and the bidirectional embeddings, overrides
# (U+202A-U+202E) and isolates (U+2066-U+2069) that reorder how the text reads.
_NOT_ONE_LINE = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


@dataclass(frozen=True)
class Text:
    """A text field's limit: at most `max_chars` characters, on one line unless `one_line` is
    False (notes keep line breaks and tabs)."""

    max_chars: int
    one_line: bool = True


# One line of plain text.
PERSON_NAME = Text(80)  # a first or last name
EMAIL = Text(254)
COHORT_NAME = Text(120)
PROGRAM = Text(120)
DESCRIPTION = Text(500)  # of a cohort, of a question bank
CONTACT_NAME = Text(160)
JOB_TITLE = Text(160)
ORGANIZATION = Text(160)
INDUSTRY = Text(120)
PLACE_DETAIL = Text(200)
INTERVIEW_ID = Text(64)
LINKEDIN_URL = Text(500)  # a contact's profile address
BANK_NAME = Text(160)
CATEGORY = Text(120)
TAGS = Text(500)
SEARCH = Text(254)
# Several lines.
NOTES = Text(10_000, one_line=False)  # brain dump, private notes, outcomes, follow-up notes
QUESTION = Text(2_000, one_line=False)
COMMENT = Text(5_000, one_line=False)  # a coaching comment, a nudge's note
# The questions taken to one interview, one a line in a file's cell.
QUESTIONS_TAKEN = Text(50 * QUESTION.max_chars, one_line=False)
# Any other cell of a file (a date, a choice, a flag, a list of e-mails): one line.
CELL = Text(10_000)


def latest(today: date) -> date:
    """Two years after `today` (29 February gives 28 February)."""
    try:
        return today.replace(year=today.year + YEARS_AHEAD)
    except ValueError:
        return today.replace(year=today.year + YEARS_AHEAD, day=28)


def date_problem(day: date, today: date) -> str | None:
    """Why `day` is out of the sane range, or None when it is in it."""
    last = latest(today)
    if EARLIEST <= day <= last:
        return None
    return (
        f"{day.isoformat()} is out of range: dates run from {EARLIEST.isoformat()} "
        f"to {last.isoformat()} (two years from today)"
    )


def control_problem(text: str, *, one_line: bool = False) -> str | None:
    """Why `text` may not be stored (a control character, named by its code, or in a
    `one_line` field a line break, a tab or a text-direction character), or None."""
    found = (_NOT_ONE_LINE if one_line else _CONTROL).search(text)
    if found is None:
        return None
    char = found.group()
    name = "NUL" if char == "\x00" else f"U+{ord(char):04X}"
    where = f"({name}) at position {found.start() + 1}"
    if not one_line:
        return f"holds a control character {where}; only tab and line breaks are allowed"
    what = {"\n": "a line break", "\r": "a line break", "\t": "a tab"}.get(char)
    if what is None:
        what = "a control character" if ord(char) < 0x2000 else "a text-direction character"
    return (
        f"holds {what} {where}; it is one line of text, without control or text-direction "
        "characters"
    )
