"""Spreadsheet formula neutralisation (OWASP "CSV injection"), reversible so round trips hold.

A text cell that a spreadsheet would run as a formula (starting with =, +, -, @, tab or
carriage return) is written with a leading apostrophe. To keep exports lossless, a text that
already starts with apostrophes followed by such a character gets one more; the importer
removes exactly one. Numbers and dates are not text cells and are written as they are.
"""

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
