"""What a figure is about: a scope of graduates (always within what the actor may read) and a
period of meeting dates."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import BindParameter, Select, bindparam, func, select, true
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from networkit_core import access
from networkit_core.actor import Actor
from networkit_core.errors import InvalidInput
from networkit_core.figures.sql import IdList, among
from networkit_core.models import CohortAdvisor, Graduate, Interview


@dataclass(frozen=True)
class FigureScope:
    """One graduate, one cohort, one advisor's caseload, or everything the actor may read."""

    graduate_id: int | None = None
    cohort_id: int | None = None
    advisor_id: int | None = None

    def __post_init__(self) -> None:
        chosen = [v for v in (self.graduate_id, self.cohort_id, self.advisor_id) if v is not None]
        if len(chosen) > 1:
            raise InvalidInput("a figure scope is one graduate, one cohort or one caseload")

    @classmethod
    def everything(cls) -> FigureScope:
        return cls()

    @classmethod
    def graduate(cls, graduate_id: int) -> FigureScope:
        return cls(graduate_id=graduate_id)

    @classmethod
    def cohort(cls, cohort_id: int) -> FigureScope:
        return cls(cohort_id=cohort_id)

    @classmethod
    def caseload(cls, advisor_id: int) -> FigureScope:
        return cls(advisor_id=advisor_id)

    @property
    def kind(self) -> str:
        if self.graduate_id is not None:
            return "graduate"
        if self.cohort_id is not None:
            return "cohort"
        if self.advisor_id is not None:
            return "caseload"
        return "everything"


@dataclass(frozen=True)
class Period:
    """Meeting dates from `start` to `end`, both inclusive; an open end is unbounded."""

    start: date | None = None
    end: date | None = None

    def __post_init__(self) -> None:
        if self.start is not None and self.end is not None and self.start > self.end:
            raise InvalidInput(
                f"the period starts ({self.start}) after it ends ({self.end})", "period"
            )

    def contains(self, day: date) -> bool:
        return (self.start is None or day >= self.start) and (self.end is None or day <= self.end)

    def meeting_filter(self) -> ColumnElement[bool]:
        """A WHERE clause keeping the interviews met in this period."""
        condition: ColumnElement[bool] = true()
        if self.start is not None:
            condition = condition & (Interview.meeting_date >= self.start)
        if self.end is not None:
            condition = condition & (Interview.meeting_date <= self.end)
        return condition


ALL_TIME = Period()


def graduate_ids(
    session: Session,
    actor: Actor,
    scope: FigureScope,
    pool: ColumnElement[bool] | None = None,
) -> Select[tuple[int]]:
    """The ids of the graduates in `scope` that `actor` may read (or that `pool` keeps); a scope
    out of reach raises `AccessDenied`, as a missing one does."""
    reach = access.graduate_condition(actor) if pool is None else pool
    query = select(Graduate.id).where(reach)
    if scope.graduate_id is not None:
        access.get_graduate(session, actor, scope.graduate_id)
        return query.where(Graduate.id == scope.graduate_id)
    if scope.cohort_id is not None:
        access.get_cohort(session, actor, scope.cohort_id)
        return query.where(Graduate.cohort_id == scope.cohort_id)
    if scope.advisor_id is not None:
        access.require_caseload(actor, scope.advisor_id)
        coached = select(CohortAdvisor.cohort_id).where(
            CohortAdvisor.advisor_id == scope.advisor_id
        )
        return query.where(Graduate.cohort_id.in_(coached))
    return query


def graduate_count(session: Session, actor: Actor, scope: FigureScope) -> int:
    """How many graduates `scope` holds (the size of its group, for `suppression`)."""
    found = graduate_ids(session, actor, scope).subquery()
    return session.scalar(select(func.count()).select_from(found)) or 0


# A scope's graduates: the query that finds them or, for a small scope, their ids.
Graduates = Select[tuple[int]] | Sequence[int]
# Above this many graduates the query stays a subquery: the ids would cost more to send than
# the scan they save (and SQLite caps the parameters of one statement).
PIN_LIMIT = 1_000


def pinned(session: Session, graduates: Graduates, limit: int = PIN_LIMIT) -> Graduates:
    """The ids of a scope of up to `limit` graduates, read once; the query itself for a larger
    one. PostgreSQL plans `IN (<subquery>)` as one row and scans every interview (760 ms against
    18 ms at 1,000,000)."""
    if not isinstance(graduates, Select):
        return graduates  # pinned already
    ids = list(session.scalars(graduates.limit(limit + 1)))
    return graduates if len(ids) > limit else ids


# A pinned scope's ids as one parameter, for a statement built once and run with the ids of
# each call (`figures.due`). One array costs little to send, so larger scopes are pinned for
# it; SQLite gets an IN list, well within its 32,766 parameters at three lists a statement.
ID_PARAMETER_LIMIT = 5_000
GRADUATE_IDS: BindParameter[list[int]] = bindparam("graduate_ids", type_=IdList())
# Graduates as a statement sees them: a query, ids written out, or the `GRADUATE_IDS` parameter.
Among = Graduates | BindParameter[list[int]]


def within(column: ColumnElement[Any], graduates: Among) -> ColumnElement[bool]:
    """`column` is the id of one of `graduates`."""
    if isinstance(graduates, BindParameter):
        return among(column, graduates)
    return column.in_(graduates)
