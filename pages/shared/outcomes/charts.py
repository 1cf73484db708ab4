"""The charts of /outcomes, each drawn from what the core computed: a count per status, the
Kaplan–Meier curve's points with their band, a rate per cohort."""

from __future__ import annotations

from collections.abc import Sequence

import altair as alt
import pandas as pd

from networkit_core.figures.outcomes import OutcomeGroup, StatusCount, TimeToDestination
from pages.ui.charts import Chart

BAR_STEP = 30  # pixels per status bar: seven rows read on a phone without crowding
LANDED_COLOR = "#1f6fb4"
TARGET_COLOR = "#d9480f"  # NACE's target: apart from the bars it is drawn over


# Every channel is given as an object (alt.X, alt.Tooltip, ...), never as a "Field:T" string or
# alt.datum: Altair finds the class of a string or a dict by validating it against the schema's
# candidates, 5 ms each, 20-60 ms a chart on every cold run; the spec is the same.


def _fit(chart: Chart, height: int) -> Chart:
    """`height` pixels high, the width the page's (Vega-Lite's "fit", as pages/ui/charts). Set
    on the chart just built, not by `.properties()`, which copies it and checks each value
    against the schema (tests/test_chart_specs.py checks the whole spec)."""
    chart.height = height
    chart.autosize = alt.AutoSizeParams(type="fit-x", contains="padding")
    return chart


def by_status(counts: Sequence[StatusCount]) -> Chart:
    """Graduates per status, in the form's order, each bar with its count beside it."""
    frame = pd.DataFrame(
        [{"Status": count.label, "Graduates": count.graduates} for count in counts],
        columns=["Status", "Graduates"],
    )
    most = max((count.graduates for count in counts), default=0)
    bars = alt.Chart().encode(  # the frame on the layer: Altair need not hoist it there
        y=alt.Y(
            "Status:N",
            sort=[count.label for count in counts],
            title=None,
            # The words before a bracket ("Service", not "Service (volunteer, e.g. ...)"):
            # whole on a phone; the tooltip has the rest.
            axis=alt.Axis(labelExpr="split(datum.label, ' (')[0]", labelLimit=160),
        ),
        x=alt.X(
            "Graduates:Q",
            title="Graduates",
            # Room right of the longest bar for its count, so a phone shows it whole.
            scale=alt.Scale(domain=[0, max(most * 1.15, 1)], nice=True),
            axis=alt.Axis(tickMinStep=1, format="d"),
        ),
        tooltip=[alt.Tooltip("Status:N"), alt.Tooltip("Graduates:Q")],
    )
    layered = alt.layer(
        bars.mark_bar(color=LANDED_COLOR),
        bars.mark_text(align="left", dx=4).encode(text=alt.Text("Graduates:Q")),
        data=frame,
    )
    return _fit(layered, BAR_STEP * len(counts))


def landing_curve(time: TimeToDestination) -> Chart:
    """The share of graduates landed by each day since graduation (a Kaplan–Meier step line),
    its 95 % band shaded, and the median marked where half had landed."""
    frame = pd.DataFrame(
        [
            {"Day": point.day, "Landed": point.landed, "Low": point.low, "High": point.high}
            for point in time.curve
        ],
        columns=["Day", "Landed", "Low", "High"],
    )
    x = alt.X("Day:Q", title="Days since graduation")
    share = alt.Axis(format="%", values=[0, 0.25, 0.5, 0.75, 1])
    base = alt.Chart()  # the layer holds the frame (pages.ui.charts.draw reads it there)
    band = base.mark_area(interpolate="step-after", opacity=0.18, color=LANDED_COLOR).encode(
        x=x,
        y=alt.Y("Low:Q", title="Share landed", scale=alt.Scale(domain=[0, 1])),
        y2=alt.Y2("High:Q"),
    )
    line = base.mark_line(interpolate="step-after", color=LANDED_COLOR, strokeWidth=2.5).encode(
        x=x,
        y=alt.Y("Landed:Q", title="Share landed", scale=alt.Scale(domain=[0, 1]), axis=share),
        tooltip=[
            alt.Tooltip("Day:Q", title="Days since graduation"),
            alt.Tooltip("Landed:Q", title="Landed", format=".0%"),
            alt.Tooltip("Low:Q", title="95 % interval from", format=".0%"),
            alt.Tooltip("High:Q", title="to", format=".0%"),
        ],
    )
    layers: list[Chart] = [band, line]
    half = alt.Chart().mark_rule(strokeDash=[2, 3], color="#888").encode(y=alt.YDatum(0.5))
    layers.append(half)
    if time.median_days is not None:
        median = pd.DataFrame(
            [{"Day": time.median_days, "Text": f"half by day {time.median_days:.0f}"}]
        )
        mark = alt.Chart(median)
        layers.append(mark.mark_rule(strokeDash=[6, 3], color="#333").encode(x=alt.X("Day:Q")))
        layers.append(
            # At the foot of the rule: the curve has not reached there yet, so no overlap.
            mark.mark_text(align="left", dx=5, dy=-6, color="#333", fontWeight="bold").encode(
                x=alt.X("Day:Q"), y=alt.YDatum(0.0), text=alt.Text("Text:N")
            )
        )
    return _fit(alt.layer(*layers, data=frame), 280)


def knowledge_by_cohort(groups: Sequence[OutcomeGroup], target: float) -> Chart:
    """Each cohort's knowledge rate as a bar, NACE's target as a dashed rule."""
    frame = pd.DataFrame(
        [
            {
                "Cohort": group.cohort_name or "",
                "Knowledge rate": group.figures.knowledge_rate,
                "Graduates": group.figures.graduates,
            }
            for group in groups
            if group.figures.knowledge_rate is not None
        ],
        columns=["Cohort", "Knowledge rate", "Graduates"],
    )
    bars = alt.Chart().encode(  # the frame on the layer, as above
        y=alt.Y("Cohort:N", title=None, sort=None, axis=alt.Axis(labelLimit=160)),
        x=alt.X(
            "Knowledge rate:Q",
            title="Destination known",
            scale=alt.Scale(domain=[0, 1]),
            axis=alt.Axis(format="%", values=[0, 0.25, 0.5, 0.75, 1]),
        ),
        tooltip=[
            alt.Tooltip("Cohort:N"),
            alt.Tooltip("Knowledge rate:Q", format=".1%"),
            alt.Tooltip("Graduates:Q"),
        ],
    )
    goal = (
        alt.Chart()
        .mark_rule(strokeDash=[5, 3], color=TARGET_COLOR, strokeWidth=2.5)
        .encode(x=alt.XDatum(target))
    )
    return _fit(
        alt.layer(bars.mark_bar(color=LANDED_COLOR), goal, data=frame), BAR_STEP * len(frame)
    )
