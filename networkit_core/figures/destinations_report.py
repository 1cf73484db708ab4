"""The first-destination report for the dean: one row per cohort and graduation year, from
the outcomes figures' one definition. A group of fewer than 5 graduates shows "fewer than 5"
and no figure (DESIGN.md, "Student records": aggregates that leave the product suppress small
groups, so no one graduate's destination can be read off a row)."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date

from sqlalchemy import select

from networkit_core.access import get_cohort
from networkit_core.actor import Actor
from networkit_core.context import Context
from networkit_core.errors import AccessDenied
from networkit_core.figures.outcomes import OutcomesBy, outcomes_by
from networkit_core.figures.scope import FigureScope
from networkit_core.models import Cohort

MIN_GROUP = 5
SUPPRESSED = "fewer than 5"


@dataclass(frozen=True)
class FirstDestinationRow:
    """Fields in the order and with the names of the report's CSV columns."""

    cohort: str
    graduation_year: int | None
    graduates: int | None  # None when suppressed: even the count is not given
    destinations_known: int | None
    knowledge_rate: float | None
    career_outcomes_rate: float | None
    found_through_networking: float | None
    median_days_to_destination: int | None
    # Fewer than MIN_GROUP graduates: every figure is None and the CSV says SUPPRESSED.
    suppressed: bool = False

    def cells(self) -> list[str | int | float | None]:
        """The CSV row; a suppressed group's graduates cell says "fewer than 5"."""
        if self.suppressed:
            return [self.cohort, self.graduation_year, SUPPRESSED, None, None, None, None, None]
        return [
            self.cohort,
            self.graduation_year,
            self.graduates,
            self.destinations_known,
            self.knowledge_rate,
            self.career_outcomes_rate,
            self.found_through_networking,
            self.median_days_to_destination,
        ]


FIRST_DESTINATION_COLUMNS = tuple(f.name for f in fields(FirstDestinationRow))[:-1]


def first_destination_report(
    ctx: Context, actor: Actor, *, cohort: str | None = None, today: date | None = None
) -> tuple[FirstDestinationRow, ...]:
    """Every cohort × graduation year with graduates in the actor's scope (or in `cohort`,
    by name), by cohort name then year."""
    scope = FigureScope.everything()
    if cohort is not None:
        with ctx.unit_of_work() as session:
            cohort_id = session.scalar(select(Cohort.id).where(Cohort.name == cohort))
            if cohort_id is None:
                raise AccessDenied("cohort")
            get_cohort(session, actor, cohort_id)
        scope = FigureScope.cohort(cohort_id)
    rows = []
    for group in outcomes_by(ctx, actor, scope, by=OutcomesBy.COHORT_AND_YEAR, today=today):
        figures = group.figures
        name = group.cohort_name or ""
        if figures.graduates < MIN_GROUP:
            rows.append(
                FirstDestinationRow(name, group.graduation_year, *([None] * 6), suppressed=True)
            )
            continue
        median = figures.time_to_destination.median_days
        rows.append(
            FirstDestinationRow(
                cohort=name,
                graduation_year=group.graduation_year,
                graduates=figures.graduates,
                destinations_known=figures.with_destination,
                knowledge_rate=figures.knowledge_rate,
                career_outcomes_rate=figures.career_outcomes_rate,
                found_through_networking=figures.found_through_networking,
                median_days_to_destination=None if median is None else round(median),
            )
        )
    return tuple(rows)
