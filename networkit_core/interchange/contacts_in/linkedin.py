"""LinkedIn's Connections.csv as it comes: a few note lines ("Notes:", a quoted paragraph about
missing e-mail addresses, a blank line) before the header `First Name, Last Name, URL, Email
Address, Company, Position, Connected On`, days written `12 Mar 2024`, e-mails often empty."""

from __future__ import annotations

import csv
import io
import re
from datetime import date

from networkit_core import bounds
from networkit_core.interchange.contacts_in.candidates import (
    BadField,
    BadRow,
    Candidate,
    ContactFile,
    UnreadableContactFile,
    checked_day,
    checked_email,
    checked_name,
    checked_text,
    checked_url,
    shown_name,
)
from networkit_core.interchange.reading import detect_delimiter
from networkit_core.models import ContactSource

# The header is found among the first rows: LinkedIn writes two or three note lines before it.
HEADER_WITHIN = 20
# Each field by the headers that name it (compared without case, spaces or punctuation).
HEADERS = {
    "first_name": ("First Name",),
    "last_name": ("Last Name",),
    "url": ("URL", "Profile URL", "LinkedIn URL"),
    "email": ("Email Address", "E-mail Address", "Email", "E-mail"),
    "company": ("Company", "Organization", "Organisation"),
    "position": ("Position", "Title", "Job Title"),
    "connected_on": ("Connected On",),
}
MONTHS = {
    name: number
    for number, name in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1
    )
}
# "12 Mar 2024" (LinkedIn's, in any language's case), or an ISO day a spreadsheet rewrote it to.
_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})[ -]([A-Za-z]{3})[A-Za-z]*\.?[ -](\d{4})$")


def _key(header: str) -> str:
    return re.sub(r"[^a-z0-9]", "", header.casefold())


_FIELD_OF = {_key(header): name for name, headers in HEADERS.items() for header in headers}
NEEDED = ("first_name", "last_name")
WORDS = {name: headers[0] for name, headers in HEADERS.items()}  # the field named as LinkedIn does


def read_linkedin(text: str, today: date) -> ContactFile:
    """The candidates of a Connections.csv (the note lines before its header left out)."""
    # Split on line feeds only: `splitlines` would also split on the control characters a bad
    # cell may hold (form feed, U+2028), which must be named, not taken for rows.
    lines = [line.removesuffix("\r") for line in text.split("\n")]
    start, delimiter = _header_line(lines)
    if start is None or delimiter is None:
        raise UnreadableContactFile(
            "no header row found: a LinkedIn Connections.csv has the columns "
            + ", ".join(WORDS.values())
            + f" in one of its first {HEADER_WITHIN} rows"
        )
    body = "\n".join(lines[start:])
    reader = csv.reader(io.StringIO(body, newline=""), delimiter=delimiter)
    try:
        rows = list(reader)
    except csv.Error as error:
        raise UnreadableContactFile(
            f"the CSV is malformed at row {start + reader.line_num}: {error}"
        ) from None
    header = rows[0]
    columns = {
        _FIELD_OF[_key(cell)]: index for index, cell in enumerate(header) if _key(cell) in _FIELD_OF
    }
    found = ContactFile(ContactSource.LINKEDIN, "row")
    # Rows counted as a spreadsheet shows them: the note lines and the header count too.
    for offset, cells in enumerate(rows[1:], start + 2):
        if not any(cell.strip() for cell in cells):
            continue  # a blank row
        if len(cells) != len(header):
            found.bad.append(
                BadRow(
                    offset,
                    _loose_name(cells, columns),
                    f"the row has {len(cells)} cells but the header has {len(header)}",
                )
            )
            continue
        try:
            found.candidates.append(_candidate(offset, cells, columns, today))
        except BadField as problem:
            found.bad.append(BadRow(offset, _loose_name(cells, columns), str(problem)))
    return found


def _header_line(lines: list[str]) -> tuple[int | None, str | None]:
    """The index of the header line, and its delimiter."""
    for index, line in enumerate(lines[:HEADER_WITHIN]):
        delimiter, _problem = detect_delimiter(line)
        if delimiter is None:
            continue
        try:
            cells = next(csv.reader([line], delimiter=delimiter))
        except (csv.Error, StopIteration):
            continue
        named = {_FIELD_OF.get(_key(cell)) for cell in cells}
        if all(field in named for field in NEEDED):
            return index, delimiter
    return None, None


def _candidate(row: int, cells: list[str], columns: dict[str, int], today: date) -> Candidate:
    def cell(name: str) -> str:
        return cells[columns[name]] if name in columns else ""

    first = checked_text(cell("first_name"), WORDS["first_name"], bounds.CONTACT_NAME)
    last = checked_text(cell("last_name"), WORDS["last_name"], bounds.CONTACT_NAME)
    name = checked_name(f"{first} {last}", "The name (First Name and Last Name)")
    return Candidate(
        row=row,
        name=name,
        title=checked_text(cell("position"), WORDS["position"], bounds.JOB_TITLE),
        organization=checked_text(cell("company"), WORDS["company"], bounds.ORGANIZATION),
        email=checked_email(cell("email"), WORDS["email"]),
        linkedin_url=checked_url(cell("url"), WORDS["url"]),
        connected_on=_connected_on(cell("connected_on"), today),
    )


def _connected_on(value: str, today: date) -> date | None:
    what = WORDS["connected_on"]
    text = checked_text(value, what, bounds.CELL)
    if not text:
        return None
    day: date | None = None
    found = _DAY_MONTH_YEAR.match(text)
    try:
        if found is not None and found.group(2).casefold() in MONTHS:
            day_of, month, year = found.groups()
            day = date(int(year), MONTHS[month.casefold()], int(day_of))
        elif found is None:
            day = date.fromisoformat(text)
    except ValueError:
        day = None
    if day is None:
        shown = text if len(text) <= 40 else f"{text[:40]}…"
        raise BadField(f"{what} {shown!r} is not a day like 12 Mar 2024")
    return checked_day(day, what, today)


def _loose_name(cells: list[str], columns: dict[str, int]) -> str:
    """The name a bad row gives, cut short, to help find it in the file."""
    parts = [
        cells[columns[name]] for name in NEEDED if name in columns and columns[name] < len(cells)
    ]
    return shown_name(" ".join(parts))
