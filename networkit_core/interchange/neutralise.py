"""Spreadsheet formula neutralisation (OWASP "CSV injection"), reversible: a text cell a
spreadsheet would run (=, +, -, @, tab, CR first, after any apostrophes) gets one more leading
apostrophe, which the importer removes."""

from __future__ import annotations

import re

TRIGGERS = "=+-@\t\r"
_QUOTED_FORMULA = re.compile(r"^'+[=+\-@\t\r]")


def neutralise(text: str) -> str:
    # Called for every text cell of an export: look at the first character before any regex.
    first = text[:1]
    if first and (first in TRIGGERS or (first == "'" and _QUOTED_FORMULA.match(text))):
        return "'" + text
    return text


def restore(cell: str) -> str:
    """The text an export neutralised: one leading apostrophe removed before a formula start."""
    return cell[1:] if cell[:1] == "'" and _QUOTED_FORMULA.match(cell) else cell
