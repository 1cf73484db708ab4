"""SQL expressions that differ between SQLite (dates as ISO text) and PostgreSQL, written once."""

from __future__ import annotations

import sys
from datetime import date
from typing import Any, overload

from sqlalchemy import Boolean, Date, Dialect, Integer, Text, TypeDecorator, bindparam, literal
from sqlalchemy.dialects import postgresql
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.sql.functions import FunctionElement
from sqlalchemy.sql.type_api import TypeEngine

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


def _two_ways(name: str, type_: Any, postgresql: str, sqlite: str) -> Any:
    """A SQL function, written `postgresql` or `sqlite` with {0} standing for its argument."""

    def write(template: str) -> Any:
        return lambda element, compiler, **kw: template.format(
            compiler.process(element.clauses, **kw)
        )

    function = type(name, (FunctionElement,), {"type": type_, "inherit_cache": True})
    compiles(function)(write(postgresql))
    compiles(function, "sqlite")(write(sqlite))
    return function


# The Monday starting the week of a date. SQLite's strftime('%w') counts from Sunday = 0.
week_start = _two_ways(
    "week_start",
    Date(),
    "CAST(date_trunc('week', {0}) AS DATE)",
    "date({0}, '-' || ((CAST(strftime('%w', {0}) AS INTEGER) + 6) % 7) || ' days')",
)
# The first day of the month of a date.
month_start = _two_ways(
    "month_start", Date(), "CAST(date_trunc('month', {0}) AS DATE)", "date({0}, 'start of month')"
)
# The UTC calendar date of an instant.
utc_date = _two_ways("utc_date", Date(), "CAST(timezone('UTC', {0}) AS DATE)", "date({0})")
# Both trims take the characters to remove as their second argument.
_strip = _two_ways("_strip", Text(), "btrim({0})", "trim({0})")


class unindexed(FunctionElement[Any]):
    """A column the planner must not reach through its index (SQLite's unary `+`, PostgreSQL's
    `+ 0`): SQLite without statistics drove one cohort's tick count through every tick of the
    installation, and PostgreSQL did the same for an advisor's 100 graduates (8 item lookups of
    20,000 ticks each at M, 5-7x slower than the ticks of their 700 interviews)."""

    inherit_cache = True

    def __init__(self, column: ColumnElement[Any]) -> None:
        super().__init__(column)
        self.type = column.type


@compiles(unindexed)
def _unindexed(element: unindexed, compiler: SQLCompiler, **kw: Any) -> str:
    return compiler.process(element.clauses, **kw)


@compiles(unindexed, "postgresql")
def _unindexed_postgresql(element: unindexed, compiler: SQLCompiler, **kw: Any) -> str:
    return f"({compiler.process(element.clauses, **kw)} + 0)"


@compiles(unindexed, "sqlite")
def _unindexed_sqlite(element: unindexed, compiler: SQLCompiler, **kw: Any) -> str:
    return f"+{compiler.process(element.clauses, **kw)}"


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


class IdList(TypeDecorator[list[int]]):
    """Ids bound as one parameter (see `among`): an array on PostgreSQL."""

    impl = Text
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "postgresql":
            return dialect.type_descriptor(postgresql.ARRAY(Integer()))
        return dialect.type_descriptor(Integer())


class among(FunctionElement[bool]):
    """`column IN` the ids of an `IdList` parameter, whose value is given at each execution.
    On PostgreSQL one array: an expanding `IN` of 300 ids is 300 parameters in every statement,
    written out, sent and parsed each time, and a statement of another length each time."""

    type = Boolean()
    inherit_cache = True
    _is_implicitly_boolean = True  # a condition as it stands: SQLite must not get "= 1"


@compiles(among)
def _among(element: among, compiler: SQLCompiler, **kw: Any) -> str:
    column, ids = list(element.clauses)
    return f"{compiler.process(column, **kw)} = ANY({compiler.process(ids, **kw)})"


@compiles(among, "sqlite")
def _among_sqlite(element: among, compiler: SQLCompiler, **kw: Any) -> str:
    # SQLite reads an IN list through the index; the rows of a table-valued function
    # (json_each) it cannot estimate, so it scanned every interview instead.
    column, ids = list(element.clauses)
    expanding = bindparam(ids.key, expanding=True, type_=Integer())
    return compiler.process(column.in_(expanding), **kw)
