"""Parsing one row's cells; each parser records a `Problem` and returns None instead of
raising, so every error in a file is reported at once."""

from __future__ import annotations

import enum
import re
from datetime import date
from functools import lru_cache
from typing import TypeVar

from email_validator import EmailNotValidError, validate_email

from networkit_core import bounds
from networkit_core.interchange.outcomes import Problem
from networkit_core.interchange.reading import Record

E = TypeVar("E", bound=enum.StrEnum)

TRUE = {"true", "yes", "1", "y"}
FALSE = {"false", "no", "0", "n", ""}
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_SLASHED = re.compile(r"^\d{1,4}[/.\-]\d{1,2}[/.\-]\d{1,4}$")


@lru_cache(maxsize=65536)
def _checked_email(raw: str) -> tuple[str | None, str | None]:
    """(normalized, None) or (None, reason); cached because files repeat the same emails."""
    try:
        checked = validate_email(raw, check_deliverability=False)
    except EmailNotValidError as error:
        return None, str(error)
    return checked.normalized.lower(), None


class Cells:
    """The cells of one record, parsed column by column; problems collect in `problems`.
    `today` bounds the dates (bounds.date_problem)."""

    def __init__(self, record: Record, problems: list[Problem], today: date) -> None:
        self.record = record
        self.today = today
        self.row = record.row
        self.problems = problems
        self._problems_before = len(problems)

    @property
    def refused(self) -> bool:
        """Whether a problem was found in this row (so it must not be written)."""
        return len(self.problems) > self._problems_before

    def has(self, column: str) -> bool:
        return column in self.record.cells

    def fail(self, column: str | None, message: str) -> None:
        self.problems.append(Problem(self.row, column, message))

    def text(self, column: str, *, required: bool = False) -> str:
        value = self.record.cells.get(column, "")
        if required and not value:
            self.fail(column, "a value is required")
        return value

    def date(self, column: str, *, required: bool = False) -> date | None:
        raw = self.text(column, required=required)
        if not raw:
            return None
        if _ISO.match(raw):
            try:
                day = date.fromisoformat(raw)
            except ValueError:
                self.fail(column, f"{raw!r} is not a real date")
                return None
            problem = bounds.date_problem(day, self.today)
            if problem is not None:
                self.fail(column, problem)
                return None
            return day
        if _SLASHED.match(raw):
            self.fail(column, f"{raw!r} is ambiguous (day and month order): write it as YYYY-MM-DD")
        else:
            self.fail(column, f"{raw!r} is not a date: write it as YYYY-MM-DD")
        return None

    def boolean(self, column: str) -> bool | None:
        raw = self.text(column).lower()
        if raw in TRUE:
            return True
        if raw in FALSE:
            return False
        self.fail(column, f"{raw!r} is not true/false (also accepted: yes/no, 1/0)")
        return None

    def choice(self, column: str, enum_type: type[E], *, default: E | None = None) -> E | None:
        raw = self.text(column)
        if not raw:
            return default
        try:
            return enum_type(raw.lower())
        except ValueError:
            allowed = ", ".join(member.value for member in enum_type)
            self.fail(column, f"{raw!r} is not one of {allowed}")
            return None

    def email(self, column: str, *, required: bool = False) -> str | None:
        raw = self.text(column, required=required)
        if not raw:
            return None
        return self.check_email(column, raw)

    def check_email(self, column: str, raw: str) -> str | None:
        normalized, reason = _checked_email(raw)
        if reason is not None:
            self.fail(column, f"{raw!r} is not a valid email address: {reason}")
        return normalized

    def whole_number(self, column: str, low: int, high: int) -> int | None:
        raw = self.text(column)
        if not raw:
            return None
        try:
            value = int(raw)
        except ValueError:
            self.fail(column, f"{raw!r} is not a whole number")
            return None
        if not low <= value <= high:
            self.fail(column, f"{value} is out of range ({low} to {high})")
            return None
        return value
