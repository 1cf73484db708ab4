"""The charts' specs: pages draw them without Altair's check against the Vega-Lite schema
(pages/ui/charts.py, for speed), so here each builder's spec is checked, and the spec drawn is
the one st.altair_chart would draw."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from streamlit.elements.vega_charts import _convert_altair_to_vega_lite_spec

from networkit_core.figures.evidence import EvidenceRow, Habit, Outcome
from networkit_core.figures.outcomes import (
    CurvePoint,
    OutcomeFigures,
    OutcomeGroup,
    StatusCount,
    TimeToDestination,
)
from networkit_core.models import DestinationStatus
from networkit_core.read_models.dashboard import FunnelStep
from networkit_core.services.destinations import STATUS_LABELS
from pages.shared.evidence.forest import forest
from pages.shared.outcomes import charts as outcome_charts
from pages.ui import charts

COUNTS = tuple(StatusCount(m, STATUS_LABELS[m], i) for i, m in enumerate(DestinationStatus))
POINTS = (CurvePoint(0, 0, 0, 0), CurvePoint(50, 0.2, 0.1, 0.3), CurvePoint(200, 0.6, 0.4, 0.8))
LANDED = TimeToDestination(10, 6, 4, 120.0, 90.0, None, POINTS)
NO_MEDIAN = TimeToDestination(10, 6, 4, None, None, None, POINTS[:2])


def _group(cohort: int, knowledge: float | None) -> OutcomeGroup:
    figures = OutcomeFigures(10, 5, knowledge, 3, 0.5, 2, 1, 0.5, COUNTS, LANDED)
    return OutcomeGroup(cohort, f"Cohort {cohort}", None, figures)


def _row(habit: Habit, few: bool, low: float | None, high: float | None) -> EvidenceRow:
    difference = None if low is None or high is None else (low + high) / 2
    clear = low is not None and high is not None and (low > 0 or high < 0)
    return EvidenceRow(
        habit, Outcome.REFERRAL, habit.value, "a referral", 20, 5, 30, 6, 0.25, 0.2,
        difference, low, high, few, clear, "",
    )  # fmt: skip


BUILDERS: dict[str, tuple[Callable[..., Any], tuple[Any, ...]]] = {
    "by status": (outcome_charts.by_status, (COUNTS,)),
    "landing curve": (outcome_charts.landing_curve, (LANDED,)),
    "landing curve, no median": (outcome_charts.landing_curve, (NO_MEDIAN,)),
    "knowledge by cohort": (
        outcome_charts.knowledge_by_cohort,
        ([_group(1, 0.5), _group(2, None), _group(3, 0.9)], 0.65),
    ),
    "forest": (
        forest,
        (
            [
                _row(Habit.PREPARED, False, 0.01, 0.09),
                _row(Habit.NOTES_WRITTEN, False, -0.05, 0.01),
                _row(Habit.FOLLOWED_UP, True, None, None),
            ],
        ),
    ),
    "funnel": (charts.funnel, ([FunnelStep("Held", 9), FunnelStep("Thanked", 4)],)),
}


@pytest.mark.parametrize("name", list(BUILDERS))
def test_each_chart_is_valid_vega_lite_and_drawn_as_st_altair_chart_draws_it(name: str) -> None:
    build, inputs = BUILDERS[name]
    chart = build(*inputs)
    chart.to_dict(validate=True)  # raises on a spec the schema refuses
    drawn = charts._spec(build, inputs, name, name)
    checked = dict(_convert_altair_to_vega_lite_spec(build(*inputs)))
    assert drawn == checked
