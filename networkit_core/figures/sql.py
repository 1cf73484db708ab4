"""SQL expressions that differ between SQLite and PostgreSQL, written once.

SQLite keeps dates as ISO text and timestamps as naive UTC text; PostgreSQL has real date and
timestamptz types. Each construct below compiles to the right form for each database.
"""

from __future__ import annotations

import sys
from datetime import date
from typing import Any, overload

from sqlalchemy import Date, Integer, Text, literal
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.sql.functions import FunctionElement

# What Python's str.strip() removes, so "blank notes" mean the same in SQL and in Python.
WHITESPACE = "".join(chr(code) for code in range(sys.maxunicode + 1) if chr(code).isspace())


class days_between(FunctionElement[int]):
    """Whole days from the second date to the first (`later - earlier`)."""

    type = Integer()
    inherit_cache = True


@compiles(days_between)
def _days_between(element: days_between, compiler: SQLCompiler, **kw: Any) -> str:
    later, earlier = list(element.clauses)
    return f"({compiler.process(later, **kw)} - {compiler.process(earlier, **kw)})"


@compiles(days_between, "sqlite")
def _days_between_sqlite(element: days_between, compiler: SQLCompiler, **kw: Any) -> str:
    later, earlier = list(element.clauses)
    return (
        f"CAST(julianday({compiler.process(later, **kw)}) - "
        f"julianday({compiler.process(earlier, **kw)}) AS INTEGER)"
    )


class week_start(FunctionElement[Any]):
    """The Monday starting the week of a date."""

    type = Date()
    inherit_cache = True


@compiles(week_start)
def _week_start(element: week_start, compiler: SQLCompiler, **kw: Any) -> str:
    return f"CAST(date_trunc('week', {compiler.process(element.clauses, **kw)}) AS DATE)"


@compiles(week_start, "sqlite")
def _week_start_sqlite(element: week_start, compiler: SQLCompiler, **kw: Any) -> str:
    day = compiler.process(element.clauses, **kw)
    # strftime('%w') counts from Sunday = 0; Monday-based offset is (w + 6) % 7.
    return f"date({day}, '-' || ((CAST(strftime('%w', {day}) AS INTEGER) + 6) % 7) || ' days')"


class month_start(FunctionElement[Any]):
    """The first day of the month of a date."""

    type = Date()
    inherit_cache = True


@compiles(month_start)
def _month_start(element: month_start, compiler: SQLCompiler, **kw: Any) -> str:
    return f"CAST(date_trunc('month', {compiler.process(element.clauses, **kw)}) AS DATE)"


@compiles(month_start, "sqlite")
def _month_start_sqlite(element: month_start, compiler: SQLCompiler, **kw: Any) -> str:
    return f"date({compiler.process(element.clauses, **kw)}, 'start of month')"


class utc_date(FunctionElement[Any]):
    """The UTC calendar date of an instant."""

    type = Date()
    inherit_cache = True


@compiles(utc_date)
def _utc_date(element: utc_date, compiler: SQLCompiler, **kw: Any) -> str:
    return f"CAST(timezone('UTC', {compiler.process(element.clauses, **kw)}) AS DATE)"


@compiles(utc_date, "sqlite")
def _utc_date_sqlite(element: utc_date, compiler: SQLCompiler, **kw: Any) -> str:
    return f"date({compiler.process(element.clauses, **kw)})"


class unindexed(FunctionElement[Any]):
    """A column SQLite must not reach through its index (SQLite's unary `+`; as it is elsewhere).

    Without planner statistics SQLite guesses that an equality on any indexed column is
    selective, and drove the prep-tick count of one cohort through `checklist_ticks.item_id`
    (every tick of the installation) instead of the cohort's interviews."""

    inherit_cache = True

    def __init__(self, column: ColumnElement[Any]) -> None:
        super().__init__(column)
        self.type = column.type


@compiles(unindexed)
def _unindexed(element: unindexed, compiler: SQLCompiler, **kw: Any) -> str:
    return compiler.process(element.clauses, **kw)


@compiles(unindexed, "sqlite")
def _unindexed_sqlite(element: unindexed, compiler: SQLCompiler, **kw: Any) -> str:
    return f"+{compiler.process(element.clauses, **kw)}"


class _strip(FunctionElement[str]):
    type = Text()
    inherit_cache = True


@compiles(_strip)
def _strip_pg(element: _strip, compiler: SQLCompiler, **kw: Any) -> str:
    return f"btrim({compiler.process(element.clauses, **kw)})"


@compiles(_strip, "sqlite")
def _strip_sqlite(element: _strip, compiler: SQLCompiler, **kw: Any) -> str:
    return f"trim({compiler.process(element.clauses, **kw)})"


def is_blank(text: ColumnElement[str]) -> ColumnElement[bool]:
    """True when `text` is empty or only whitespace (as Python's str.strip() sees it)."""
    return _strip(text, literal(WHITESPACE, Text())) == ""


@overload
def as_date(value: date | str) -> date: ...
@overload
def as_date(value: date | str | None) -> date | None: ...
def as_date(value: date | str | None) -> date | None:
    """A date read back from SQL: SQLite hands back a computed date (CASE, COALESCE, MAX over a
    UNION) as ISO text."""
    return date.fromisoformat(value) if isinstance(value, str) else value
