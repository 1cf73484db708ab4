"""What every value a user gives must stay within, whatever the entry point (form, import,
command line): dates in a sane range, text free of control characters.

One date far away (9999-12-31, 0001-01-01) would otherwise overflow date arithmetic or stretch
a weekly series over thousands of years; a NUL is refused by PostgreSQL and stored by SQLite.
"""

from __future__ import annotations

import re
from datetime import date

# No informational interview, thank-you or follow-up in this product predates 1990, and none is
# planned more than two years ahead.
EARLIEST = date(1990, 1, 1)
YEARS_AHEAD = 2

# C0 and C1 control characters and DEL, except tab and newline; a carriage return only as the
# first half of a CRLF line break (as spreadsheets write a line break inside a cell).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]|\r(?!\n)")


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


def clamp(day: date, today: date) -> date:
    """`day` moved into the sane range: figures use it for a stored outlier."""
    return min(max(day, EARLIEST), latest(today))


def control_problem(text: str) -> str | None:
    """Why `text` may not be stored (a control character, named by its code), or None."""
    found = _CONTROL.search(text)
    if found is None:
        return None
    char = found.group()
    name = "NUL" if char == "\x00" else f"U+{ord(char):04X}"
    return (
        f"holds a control character ({name}) at position {found.start() + 1}; "
        "only tab and line breaks are allowed"
    )
