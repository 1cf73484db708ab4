"""The forest plot of /evidence: for one outcome, one row per habit, the 95 % interval of the
difference (with the habit minus without, in percentage points) as a bar, the difference as a
dot, 0 marked; a difference whose interval covers 0 is drawn grey. Rows come in the core's
order (clear ones first); habits with too few interviews are left out (the page lists them)."""

from __future__ import annotations

from collections.abc import Sequence

import altair as alt
import pandas as pd

from networkit_core.figures.evidence import EvidenceRow
from pages.ui.charts import Chart
from pages.ui.text import rate

CLEAR, UNCLEAR = "Clear difference", "No clear difference"
COLORS = alt.Scale(domain=[CLEAR, UNCLEAR], range=["#1f6fb4", "#b5b5b5"])
ROW_STEP = 44  # pixels per habit: the label, the bar and the dot stay apart on a phone


def _points(value: float | None) -> float | None:
    return None if value is None else round(value * 100, 1)


def forest(rows: Sequence[EvidenceRow]) -> Chart:
    """`rows` (one outcome's, sorted by the core) with rates: a forest plot."""
    drawn = [row for row in rows if not row.too_few and row.difference is not None]
    frame = pd.DataFrame(
        [
            {
                "Habit": row.habit_name,
                "Difference": _points(row.difference),
                "Low": _points(row.ci_low),
                "High": _points(row.ci_high),
                "Reading": CLEAR if row.clear else UNCLEAR,
                "With the habit": f"{rate(row.rate_with)} of {row.n_with}",
                "Without": f"{rate(row.rate_without)} of {row.n_without}",
            }
            for row in drawn
        ],
        columns=["Habit", "Difference", "Low", "High", "Reading", "With the habit", "Without"],
    )
    y = alt.Y(
        "Habit:N",
        sort=[row.habit_name for row in drawn],
        title=None,
        axis=alt.Axis(labelLimit=150, labelFontSize=12),
    )
    # No legend (it is cut at 390 px): the caption above the chart says what grey means.
    color = alt.Color("Reading:N", scale=COLORS, legend=None)
    # Channels as objects, not "Field:T" strings (see pages/shared/outcomes/charts.py).
    tooltip = [
        alt.Tooltip("Habit:N"),
        alt.Tooltip("Difference:Q", title="Difference (points)", format="+.1f"),
        alt.Tooltip("Low:Q", title="95 % interval from", format="+.1f"),
        alt.Tooltip("High:Q", title="to", format="+.1f"),
        alt.Tooltip("With the habit:N"),
        alt.Tooltip("Without:N"),
    ]
    x = alt.X(
        "Low:Q",
        title="← less often · points · more often →",
        axis=alt.Axis(
            tickCount=6,
            format="d",
            labelExpr="datum.value > 0 ? '+' + datum.label : datum.label",
            labelFlush=False,
        ),
    )
    interval = (
        alt.Chart()
        .mark_bar(height=10, cornerRadius=5, opacity=0.55)
        .encode(x=x, x2=alt.X2("High:Q"), y=y, color=color, tooltip=tooltip)
    )
    point = (
        alt.Chart()
        .mark_point(filled=True, size=110, opacity=1)
        .encode(x=alt.X("Difference:Q"), y=y, color=color, tooltip=tooltip)
    )
    zero = alt.Chart().mark_rule(color="#333", strokeWidth=1.5).encode(x=alt.XDatum(0))
    chart = alt.layer(zero, interval, point, data=frame)
    # Set in place, not by `.properties()`: that copies the chart and checks each value against
    # the schema (tests/test_chart_specs.py checks the whole spec).
    chart.height = ROW_STEP * max(len(drawn), 1)
    chart.autosize = alt.AutoSizeParams(type="fit-x", contains="padding")
    return chart
