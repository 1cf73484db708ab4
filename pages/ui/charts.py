"""The charts of the dashboard and of /progress, each drawn from an aggregate the core returned
(a point per week or month, a count per funnel step, a row per graduate), never from raw
interview rows.

Each is a Vega-Lite specification written as a dict beside its data frame: Altair would build
and validate the same JSON through its object model on every run, which cost the dashboard
about 30 ms of each run for five small charts.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd
import streamlit as st

from networkit_core.figures.goals import GoalProgress
from networkit_core.figures.rates import RATE_NAMES
from networkit_core.figures.report import CohortReportRow
from networkit_core.figures.series import MonthPoint, WeekPoint
from networkit_core.read_models.dashboard import FunnelStep
from pages.ui.text import short_goal_value


@dataclass(frozen=True)
class Chart:
    data: pd.DataFrame
    spec: dict[str, Any]


def draw(chart: Chart) -> None:
    if chart.data.empty:
        st.caption("Nothing to chart yet.")  # a chart of no data is empty axes
        return
    # A named dataset travels inside the spec, so Vega-Lite's first draw has the data: data
    # passed beside the spec is inserted after a first, empty draw, whose scales have no
    # values ("Infinite extent" warnings in the browser's console).
    spec = {**chart.spec, "datasets": {"chart": chart.data}, "data": {"name": "chart"}}
    st.vega_lite_chart(spec=spec, width="stretch")


def _field(name: str, kind: str, **more: Any) -> dict[str, Any]:
    return {"field": name, "type": kind, **more}


PLANNED, HELD = "Planned", "Held"
WEEK_TOOLTIP = _field("Week of", "temporal", format="%a %-d %b %Y")  # as `day` writes it


def _rows_high(rows: int, step: int) -> dict[str, Any]:
    """The size of a chart of one band per row: `step` pixels each, fitted to the width.
    A height given as a step instead makes Vega-Lite drop the height half of Streamlit's
    "fit", with a warning in the browser's console."""
    return {"height": step * rows, "autosize": {"type": "fit-x", "contains": "padding"}}


def _week_of(title: str | None) -> dict[str, Any]:
    """The x axis of a weekly chart: one band per week, labelled by its Monday."""
    return _field(
        "Week of", "ordinal", timeUnit="yearmonthdate", title=title, axis={"format": "%d %b"}
    )


def weekly_interviews(weeks: Sequence[WeekPoint]) -> Chart:
    """Interviews planned and held per week (a week's bars side by side)."""
    frame = pd.DataFrame(
        [
            {"Week of": point.week_start, "Status": status, "Interviews": count}
            for point in weeks
            for status, count in ((PLANNED, point.rates.planned), (HELD, point.rates.completed))
        ],
        columns=["Week of", "Status", "Interviews"],
    )
    frame["Week of"] = pd.to_datetime(frame["Week of"])
    return Chart(
        frame,
        {
            "mark": "bar",
            "encoding": {
                "x": _week_of(title="Week of"),
                "xOffset": _field("Status", "nominal"),
                "y": _field("Interviews", "quantitative", axis={"tickMinStep": 1}),
                "color": _field(
                    "Status",
                    "nominal",
                    scale={"domain": [PLANNED, HELD]},
                    legend={"orient": "top"},
                ),
                "tooltip": [
                    WEEK_TOOLTIP,
                    _field("Status", "nominal"),
                    _field("Interviews", "quantitative"),
                ],
            },
        },
    )


def monthly_rates(months: Sequence[MonthPoint]) -> Chart:
    """Thank-you and follow-up completion rates per month; an undefined month leaves a gap."""
    frame = pd.DataFrame(
        [
            {"Month": point.month_start, "Rate": name, "Value": value}
            for point in months
            for name, value in (
                (RATE_NAMES["thank_you_rate"], point.rates.thank_you_rate),
                (RATE_NAMES["follow_up_completion_rate"], point.rates.follow_up_completion_rate),
            )
        ],
        columns=["Month", "Rate", "Value"],
    )
    frame["Month"] = pd.to_datetime(frame["Month"])
    frame["Value"] = frame["Value"].astype("float64")
    return Chart(
        frame,
        {
            "mark": {"type": "line", "point": True},
            "encoding": {
                "x": _field(
                    "Month",
                    "temporal",
                    timeUnit="yearmonth",
                    title="Month",
                    axis={"format": "%b %Y"},
                ),
                "y": _field(
                    "Value",
                    "quantitative",
                    title="Rate",
                    scale={"domain": [0, 1]},
                    axis={"format": "%"},
                ),
                "color": _field("Rate", "nominal", legend={"orient": "top"}),
                "tooltip": [
                    _field("Month", "temporal", format="%B %Y"),
                    _field("Rate", "nominal"),
                    _field("Value", "quantitative", format=".1%"),
                ],
            },
        },
    )


def funnel(steps: Sequence[FunnelStep]) -> Chart:
    """Held → thank-you sent → follow-up granted → followed up, as horizontal bars in order,
    each with its count beside it."""
    frame = pd.DataFrame(
        [{"Step": step.step, "Interviews": step.interviews} for step in steps],
        columns=["Step", "Interviews"],
    )
    return Chart(
        frame,
        {
            **_rows_high(len(steps), step=20),
            "encoding": {
                "y": _field("Step", "nominal", sort=[step.step for step in steps], title=None),
                "x": _field("Interviews", "quantitative"),
                "tooltip": [_field("Step", "nominal"), _field("Interviews", "quantitative")],
            },
            "layer": [
                {"mark": "bar"},
                {
                    "mark": {"type": "text", "align": "left", "dx": 4},
                    "encoding": {"text": _field("Interviews", "quantitative")},
                },
            ],
        },
    )


def interviews_per_graduate(rows: Sequence[CohortReportRow]) -> Chart:
    """How many graduates held 0, 1, 2, ... interviews: the spread of the cohort at a glance
    (each graduate's own count is in the table above)."""
    held = Counter(row.interviews_completed for row in rows)
    frame = pd.DataFrame(
        [{"Interviews held": n, "Graduates": held.get(n, 0)} for n in range(max(held) + 1)]
        if held
        else [],
        columns=["Interviews held", "Graduates"],
    )
    return Chart(
        frame,
        {
            "mark": "bar",
            "encoding": {
                "x": _field("Interviews held", "ordinal", axis={"labelAngle": 0}),
                "y": _field("Graduates", "quantitative", axis={"tickMinStep": 1}),
                "tooltip": [
                    _field("Interviews held", "ordinal"),
                    _field("Graduates", "quantitative"),
                ],
            },
        },
    )


LINE_BREAK = " — "  # the axis cuts the label into lines here; a tooltip shows it whole


def goal_progress(goals: Sequence[GoalProgress], cohorts: Mapping[int, str]) -> Chart:
    """Each goal as the share of its target reached; the dashed rule marks the target."""
    frame = pd.DataFrame(
        [
            {
                # Two lines (cohort, then goal), so a phone shows the whole label.
                "Goal": f"{cohorts.get(goal.cohort_id, '')}{LINE_BREAK}{goal.name}",
                "Reached": min((goal.actual or 0.0) / goal.target, 1.5) if goal.target else 1.0,
                # Short, so it fits beside the bar; the captions under the chart say it in full.
                "Where": f"{short_goal_value(goal.metric, goal.actual)} / "
                f"{short_goal_value(goal.metric, goal.target)}",
            }
            for goal in goals
        ],
        columns=["Goal", "Reached", "Where"],
    )
    goal = _field(
        "Goal",
        "nominal",
        title=None,
        axis={"labelExpr": f"split(datum.label, '{LINE_BREAK}')", "labelLimit": 200},
    )
    reached = _field(
        "Reached",
        "quantitative",
        title="Share of the target reached",
        scale={"domain": [0, 1.8]},
        axis={"format": "%", "values": [0, 0.5, 1, 1.5]},
    )
    return Chart(
        frame,
        {
            **_rows_high(len(goals), step=44),
            "layer": [
                {
                    "mark": "bar",
                    "encoding": {
                        "y": goal,
                        "x": reached,
                        "tooltip": [_field("Goal", "nominal"), _field("Where", "nominal")],
                    },
                },
                {
                    "mark": {"type": "text", "align": "left", "dx": 4},
                    "encoding": {"y": goal, "x": reached, "text": _field("Where", "nominal")},
                },
                {
                    "mark": {"type": "rule", "strokeDash": [4, 3], "color": "#555"},
                    "encoding": {"x": {"datum": 1.0}},
                },
            ],
        },
    )


# The graduate's own weekly chart (/progress): planned, held and thank-yous sent.
GRADUATE_SERIES = {
    "planned": "Planned",
    "completed": "Held",
    "thank_you_recorded": "Thank-yous sent",
}


def graduate_weekly_chart(weeks: tuple[WeekPoint, ...] | list[WeekPoint]) -> Chart:
    """Interviews planned and held, and thank-yous sent, per week of meeting dates."""
    frame = pd.DataFrame(
        [
            {"Week of": point.week_start, "What": words, "Count": getattr(point.rates, field)}
            for point in weeks
            for field, words in GRADUATE_SERIES.items()
        ],
        columns=["Week of", "What", "Count"],
    )
    frame["Week of"] = pd.to_datetime(frame["Week of"])
    series = list(GRADUATE_SERIES.values())
    return Chart(
        frame,
        {
            "height": 260,
            "mark": "bar",
            "encoding": {
                # Bars side by side within each week, so equal counts never hide each other.
                "x": _week_of(title=None),
                "xOffset": _field("What", "nominal", sort=series),
                "y": _field("Count", "quantitative", title=None, axis={"tickMinStep": 1}),
                "color": _field(
                    "What", "nominal", sort=series, legend={"orient": "bottom", "title": None}
                ),
                "tooltip": [
                    WEEK_TOOLTIP,
                    _field("What", "nominal"),
                    _field("Count", "quantitative"),
                ],
            },
        },
    )
