"""The charts of the dashboard and of /progress, each drawn from an aggregate the core returned (a
point per week or month, a count per funnel step, a row per graduate), never from raw interview
rows."""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import altair as alt
import pandas as pd
import streamlit as st
from altair.utils.schemapi import disable_debug_mode
from streamlit.elements.vega_charts import _convert_altair_to_vega_lite_spec

from networkit_core.figures.goals import GoalProgress
from networkit_core.figures.rates import RATE_NAMES
from networkit_core.figures.report import CohortReportRow
from networkit_core.figures.series import MonthPoint, WeekPoint
from networkit_core.read_models.dashboard import FunnelStep
from pages.ui.figures import goal_value

Chart = alt.Chart | alt.LayerChart
# The dashboard's channels are given as objects (alt.X, alt.Tooltip, ...), never as "Field:T"
# strings or alt.datum: Altair finds the class of a string by validating it against each
# candidate of the schema (a third of the dashboard's cold run on PostgreSQL); the spec is the
# same (as pages/shared/outcomes/charts.py).

# Altair's debug mode checks every schema object against the schema as it is made (each
# alt.Axis, alt.Scale, ...): a third of building the outcomes' charts on a cold run. The
# builders are fixed code and tests/test_chart_specs.py checks each whole spec against the
# schema, so it is off for the process (the spec made is the same).
disable_debug_mode()


def draw(build: Callable[..., Chart], *inputs: Any) -> None:
    """The chart `build(*inputs)`. Its Vega-Lite spec is cached per inputs: building and
    validating an Altair chart took 10-50 ms, on every run of the page, warm ones too."""
    # The key is the inputs' repr (frozen dataclasses of the core: every field, in order):
    # Streamlit's own hashing of a hundred graduates' rows took longer than drawing them.
    key = hashlib.sha1(repr(inputs).encode()).hexdigest()
    spec = _spec(build, inputs, f"{build.__module__}.{build.__qualname__}", key)
    if spec is None:
        st.caption("Nothing to chart yet.")  # a chart of no data is empty axes
        return
    st.vega_lite_chart(spec=spec, width="stretch")


@st.cache_data(max_entries=1000, show_spinner=False)
def _spec(
    _build: Callable[..., Chart], _inputs: tuple[Any, ...], name: str, key: str
) -> dict[str, Any] | None:
    chart = _build(*_inputs)
    if chart.data.empty:
        return None
    # What st.altair_chart draws: the frame as a named Arrow dataset of the spec, which
    # Vega-Lite has at its first draw (data inserted after a first, empty draw warns "Infinite
    # extent" in the console).
    return dict(_convert_altair_to_vega_lite_spec(_Unchecked(chart)))


class _Unchecked:
    """`chart` as st.altair_chart converts it, its spec written without Altair's check against
    the Vega-Lite schema: the builders are fixed code (tests/test_chart_specs.py checks what
    they make), and the check took 5-25 ms a chart on every cold run, the spec the same."""

    def __init__(self, chart: Chart) -> None:
        self.chart = chart

    def to_dict(self) -> dict[str, Any]:
        return self.chart.to_dict(validate=False)


PLANNED, HELD = "Planned", "Held"
WEEK_TOOLTIP = alt.Tooltip("Week of:T", format="%a %-d %b %Y")  # as `day` writes it
WHOLE = alt.Axis(tickMinStep=1)  # counts: no tick between two whole numbers


def _rows_high(chart: Chart, rows: int, step: int) -> Chart:
    """A chart of one band per row: `step` pixels each, fitted to the width."""
    return chart.properties(
        height=step * rows, autosize=alt.AutoSizeParams(type="fit-x", contains="padding")
    )


def _week_of(title: str | None) -> alt.X:
    """The x axis of a weekly chart: one band per week, labelled by its Monday."""
    return alt.X("yearmonthdate(Week of):O", title=title, axis=alt.Axis(format="%d %b"))


def _frame(rows: list[dict[str, Any]], columns: list[str], *dates: str) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=columns)
    for column in dates:
        frame[column] = pd.to_datetime(frame[column])
    return frame


def weekly_interviews(weeks: Sequence[WeekPoint]) -> Chart:
    """Interviews planned and held per week (a week's bars side by side)."""
    frame = _frame(
        [
            {"Week of": point.week_start, "Status": status, "Interviews": count}
            for point in weeks
            for status, count in ((PLANNED, point.rates.planned), (HELD, point.rates.completed))
        ],
        ["Week of", "Status", "Interviews"],
        "Week of",
    )
    return (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            x=_week_of(title="Week of"),
            xOffset=alt.XOffset("Status:N"),
            y=alt.Y("Interviews:Q", axis=WHOLE),
            color=alt.Color(
                "Status:N",
                scale=alt.Scale(domain=[PLANNED, HELD]),
                legend=alt.Legend(orient="top"),
            ),
            tooltip=[WEEK_TOOLTIP, alt.Tooltip("Status:N"), alt.Tooltip("Interviews:Q")],
        )
    )


def monthly_rates(months: Sequence[MonthPoint]) -> Chart:
    """Thank-you and follow-up completion rates per month; an undefined month leaves a gap."""
    frame = _frame(
        [
            {"Month": point.month_start, "Rate": name, "Value": value}
            for point in months
            for name, value in (
                (RATE_NAMES["thank_you_rate"], point.rates.thank_you_rate),
                (RATE_NAMES["follow_up_completion_rate"], point.rates.follow_up_completion_rate),
            )
        ],
        ["Month", "Rate", "Value"],
        "Month",
    )
    frame["Value"] = frame["Value"].astype("float64")
    return (
        alt.Chart(frame)
        .mark_line(point=True)
        .encode(
            x=alt.X("yearmonth(Month):T", title="Month", axis=alt.Axis(format="%b %Y")),
            y=alt.Y(
                "Value:Q", title="Rate", scale=alt.Scale(domain=[0, 1]), axis=alt.Axis(format="%")
            ),
            color=alt.Color("Rate:N", legend=alt.Legend(orient="top")),
            tooltip=[
                alt.Tooltip("Month:T", format="%B %Y"),
                alt.Tooltip("Rate:N"),
                alt.Tooltip("Value:Q", format=".1%"),
            ],
        )
    )


def funnel(steps: Sequence[FunnelStep]) -> Chart:
    """Held → thank-you sent → follow-up granted → followed up, as horizontal bars in order, each
    with its count beside it."""
    frame = _frame(
        [{"Step": step.step, "Interviews": step.interviews} for step in steps],
        ["Step", "Interviews"],
    )
    bars = alt.Chart(frame).encode(
        y=alt.Y("Step:N", sort=[step.step for step in steps], title=None),
        x=alt.X("Interviews:Q"),
        tooltip=[alt.Tooltip("Step:N"), alt.Tooltip("Interviews:Q")],
    )
    counts = bars.mark_text(align="left", dx=4).encode(text=alt.Text("Interviews:Q"))
    return _rows_high(bars.mark_bar() + counts, len(steps), step=20)


def interviews_per_graduate(rows: Sequence[CohortReportRow]) -> Chart:
    """How many graduates held 0, 1, 2, ... interviews: the cohort's spread at a glance."""
    held = Counter(row.interviews_completed for row in rows)
    frame = _frame(
        [{"Interviews held": n, "Graduates": held.get(n, 0)} for n in range(max(held) + 1)]
        if held
        else [],
        ["Interviews held", "Graduates"],
    )
    return (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            x=alt.X("Interviews held:O", axis=alt.Axis(labelAngle=0)),
            y=alt.Y("Graduates:Q", axis=WHOLE),
            tooltip=[alt.Tooltip("Interviews held:O"), alt.Tooltip("Graduates:Q")],
        )
    )


LINE_BREAK = " — "  # the axis cuts the label into lines here; a tooltip shows it whole


def goal_progress(goals: Sequence[GoalProgress], cohorts: Mapping[int, str]) -> Chart:
    """Each goal as the share of its target reached; the dashed rule marks the target."""
    frame = _frame(
        [
            {
                # Two lines (cohort, then goal), so a phone shows the whole label.
                "Goal": f"{cohorts.get(goal.cohort_id, '')}{LINE_BREAK}{goal.name}",
                "Reached": min((goal.actual or 0.0) / goal.target, 1.5) if goal.target else 1.0,
                # Short, so it fits beside the bar; the captions under the chart say it in full.
                "Where": f"{goal_value(goal.metric, goal.actual, short=True)} / "
                f"{goal_value(goal.metric, goal.target, short=True)}",
            }
            for goal in goals
        ],
        ["Goal", "Reached", "Where"],
    )
    bars = alt.Chart(frame).encode(
        y=alt.Y(
            "Goal:N",
            title=None,
            axis=alt.Axis(labelExpr=f"split(datum.label, '{LINE_BREAK}')", labelLimit=200),
        ),
        x=alt.X(
            "Reached:Q",
            title="Share of the target reached",
            scale=alt.Scale(domain=[0, 1.8]),
            axis=alt.Axis(format="%", values=[0, 0.5, 1, 1.5]),
        ),
    )
    target = alt.Chart().mark_rule(strokeDash=[4, 3], color="#555").encode(x=alt.XDatum(1.0))
    return _rows_high(
        alt.layer(
            bars.mark_bar().encode(tooltip=[alt.Tooltip("Goal:N"), alt.Tooltip("Where:N")]),
            bars.mark_text(align="left", dx=4).encode(text=alt.Text("Where:N")),
            target,
            data=frame,
        ),
        len(goals),
        step=44,
    )


# The graduate's own weekly chart (/progress): planned, held and thank-yous sent.
GRADUATE_SERIES = {
    "planned": "Planned",
    "completed": "Held",
    "thank_you_recorded": "Thank-yous sent",
}


def graduate_weekly_chart(weeks: tuple[WeekPoint, ...] | list[WeekPoint]) -> Chart:
    """Interviews planned and held, and thank-yous sent, per week of meeting dates."""
    frame = _frame(
        [
            {"Week of": point.week_start, "What": words, "Count": getattr(point.rates, field)}
            for point in weeks
            for field, words in GRADUATE_SERIES.items()
        ],
        ["Week of", "What", "Count"],
        "Week of",
    )
    series = list(GRADUATE_SERIES.values())
    return (
        alt.Chart(frame, height=260)
        .mark_bar()
        .encode(
            # Bars side by side within each week, so equal counts never hide each other.
            x=_week_of(title=None),
            xOffset=alt.XOffset("What:N", sort=series),
            y=alt.Y("Count:Q", title=None, axis=WHOLE),
            color=alt.Color("What:N", sort=series, legend=alt.Legend(orient="bottom", title=None)),
            tooltip=[WEEK_TOOLTIP, "What:N", "Count:Q"],
        )
    )
