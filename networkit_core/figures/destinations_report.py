"""The first-destination report for the dean: one row per cohort and graduation year, from
the outcomes figures' one definition. In the file a group of fewer than 5 graduates shows
"fewer than 5" and no figure (`suppression`: no one graduate's destination can be read off a
row)."""

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
from networkit_core.figures.suppression import blanked_cells, too_small
from networkit_core.models import Cohort


@dataclass(frozen=True)
class FirstDestinationRow:
    """Fields in the order and with the names of the report's CSV columns."""

    cohort: str
    graduation_year: int | None
    graduates: int
    destinations_known: int
    knowledge_rate: float | None
    career_outcomes_rate: float | None
    found_through_networking: float | None
    median_days_to_destination: int | None

    @property
    def suppressed(self) -> bool:
        return too_small(self.graduates)

    def cells(self) -> list[str | int | float | None]:
        """The CSV row; a small group's graduates cell says "fewer than 5", its figures empty
        (even the count is not given)."""
        figures = [getattr(self, name) for name in FIRST_DESTINATION_COLUMNS[2:]]
        return [self.cohort, self.graduation_year, *blanked_cells(figures, self.graduates)]


FIRST_DESTINATION_COLUMNS = tuple(f.name for f in fields(FirstDestinationRow))


def first_destination_report(
    ctx: Context, actor: Actor, *, cohort: str | None = None, today: date | None = None
) -> tuple[FirstDestinationRow, ...]:
    """Every cohort × graduation year with graduates in the actor's scope (or in `cohort`,
    by name), by cohort name then year. The rows hold every figure; `cells` leaves out a small
    group's."""
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
        median = figures.time_to_destination.median_days
        rows.append(
            FirstDestinationRow(
                cohort=group.cohort_name or "",
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
