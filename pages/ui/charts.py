"""Altair charts of the dashboard, each drawn from an aggregate the core returned (a point per
week or month, a count per funnel step, a row per graduate), never from raw interview rows."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence

import altair as alt
import pandas as pd

from networkit_core.figures.dashboard import FunnelStep
from networkit_core.figures.goals import GoalProgress
from networkit_core.figures.report import CohortReportRow
from networkit_core.figures.series import MonthPoint, WeekPoint
from pages.ui.text import label, short_goal_value

PLANNED, HELD = "Planned", "Held"
BAR_ROW_PX = 22


def weekly_interviews(weeks: Sequence[WeekPoint]) -> alt.Chart:
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
    return (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            x=alt.X("yearmonthdate(Week of):O", title="Week of", axis=alt.Axis(format="%d %b")),
            xOffset="Status:N",
            y=alt.Y("Interviews:Q", title="Interviews", axis=alt.Axis(tickMinStep=1)),
            color=alt.Color(
                "Status:N", scale=alt.Scale(domain=[PLANNED, HELD]), legend=alt.Legend(orient="top")
            ),
            tooltip=[alt.Tooltip("Week of:T", format="%d %b %Y"), "Status:N", "Interviews:Q"],
        )
    )


def monthly_rates(months: Sequence[MonthPoint]) -> alt.Chart:
    """Thank-you and follow-up completion rates per month; an undefined month leaves a gap."""
    frame = pd.DataFrame(
        [
            {"Month": point.month_start, "Rate": name, "Value": value}
            for point in months
            for name, value in (
                ("Thank-you", point.rates.thank_you_rate),
                ("Follow-up completion", point.rates.follow_up_completion_rate),
            )
        ],
        columns=["Month", "Rate", "Value"],
    )
    frame["Month"] = pd.to_datetime(frame["Month"])
    frame["Value"] = frame["Value"].astype("float64")
    return (
        alt.Chart(frame)
        .mark_line(point=True)
        .encode(
            x=alt.X("yearmonth(Month):T", title="Month", axis=alt.Axis(format="%b %Y")),
            y=alt.Y(
                "Value:Q",
                title="Rate",
                scale=alt.Scale(domain=[0, 1]),
                axis=alt.Axis(format="%"),
            ),
            color=alt.Color("Rate:N", legend=alt.Legend(orient="top")),
            tooltip=[
                alt.Tooltip("Month:T", format="%B %Y"),
                "Rate:N",
                alt.Tooltip("Value:Q", format=".1%"),
            ],
        )
    )


def funnel(steps: Sequence[FunnelStep]) -> alt.Chart:
    """Held → thank-you sent → follow-up granted → followed up, as horizontal bars in order."""
    frame = pd.DataFrame(
        [{"Step": step.step, "Interviews": step.interviews} for step in steps],
        columns=["Step", "Interviews"],
    )
    order = [step.step for step in steps]
    bars = (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            y=alt.Y("Step:N", sort=order, title=None),
            x=alt.X("Interviews:Q", title="Interviews"),
            tooltip=["Step:N", "Interviews:Q"],
        )
    )
    return bars + bars.mark_text(align="left", dx=4).encode(text="Interviews:Q")


def interviews_per_graduate(rows: Sequence[CohortReportRow]) -> alt.Chart:
    """How many graduates held 0, 1, 2, ... interviews: the spread of the cohort at a glance
    (each graduate's own count is in the table above)."""
    held = Counter(row.interviews_completed for row in rows)
    frame = pd.DataFrame(
        [{"Interviews held": n, "Graduates": held.get(n, 0)} for n in range(max(held) + 1)]
        if held
        else [],
        columns=["Interviews held", "Graduates"],
    )
    return (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            x=alt.X("Interviews held:O", title="Interviews held", axis=alt.Axis(labelAngle=0)),
            y=alt.Y("Graduates:Q", title="Graduates", axis=alt.Axis(tickMinStep=1)),
            tooltip=["Interviews held:O", "Graduates:Q"],
        )
    )


def goal_progress(goals: Sequence[GoalProgress], cohorts: Mapping[int, str]) -> alt.Chart:
    """Each goal as the share of its target reached; the dashed rule marks the target."""
    frame = pd.DataFrame(
        [
            {
                "Goal": f"{label(goal.metric)} ({cohorts.get(goal.cohort_id, '')})",
                "Reached": min((goal.actual or 0.0) / goal.target, 1.5) if goal.target else 1.0,
                # Short, so it fits beside the bar; the captions under the chart say it in full.
                "Where": f"{short_goal_value(goal.metric, goal.actual)} / "
                f"{short_goal_value(goal.metric, goal.target)}",
            }
            for goal in goals
        ],
        columns=["Goal", "Reached", "Where"],
    )
    base = alt.Chart(frame, height=alt.Step(44))
    bars = base.mark_bar(color="#4c78a8").encode(
        y=alt.Y("Goal:N", title=None, axis=alt.Axis(labelLimit=150)),
        x=alt.X(
            "Reached:Q",
            title="Share of the target reached",
            scale=alt.Scale(domain=[0, 1.8]),
            axis=alt.Axis(format="%", values=[0, 0.5, 1, 1.5]),
        ),
        tooltip=["Goal:N", "Where:N"],
    )
    text = base.mark_text(align="left", dx=4).encode(y="Goal:N", x="Reached:Q", text="Where:N")
    target = base.mark_rule(strokeDash=[4, 3], color="#555").encode(x=alt.datum(1.0))
    return alt.layer(bars, text, target)


# The graduate's own weekly chart (/progress): planned, held and thank-yous sent.
GRADUATE_SERIES = {
    "planned": "Planned",
    "completed": "Held",
    "thank_you_recorded": "Thank-yous sent",
}


def graduate_weekly_chart(weeks: tuple[WeekPoint, ...] | list[WeekPoint]) -> alt.Chart:
    """Interviews planned and held, and thank-yous sent, per week of meeting dates."""
    rows = [
        {"Week of": point.week_start, "What": words, "Count": getattr(point.rates, field)}
        for point in weeks
        for field, words in GRADUATE_SERIES.items()
    ]
    data = pd.DataFrame(rows)
    return (
        alt.Chart(data)
        .mark_bar()
        .encode(
            # Bars side by side within each week, so equal counts never hide each other.
            x=alt.X("yearmonthdate(Week of):O", title=None, axis=alt.Axis(format="%d %b")),
            xOffset=alt.XOffset("What:N", sort=list(GRADUATE_SERIES.values())),
            y=alt.Y("Count:Q", title=None, axis=alt.Axis(tickMinStep=1)),
            color=alt.Color(
                "What:N",
                sort=list(GRADUATE_SERIES.values()),
                legend=alt.Legend(orient="bottom", title=None),
            ),
            tooltip=[alt.Tooltip("Week of:T", format="%d %b %Y"), "What:N", "Count:Q"],
        )
        .properties(height=260)
    )
