"""Charts several pages draw alike (Altair)."""

from __future__ import annotations

import altair as alt
import pandas as pd

from networkit_core.figures.series import WeekPoint

SERIES = {
    "planned": "Planned",
    "completed": "Held",
    "thank_you_recorded": "Thank-yous sent",
}


def weekly_chart(weeks: tuple[WeekPoint, ...] | list[WeekPoint]) -> alt.Chart:
    """Interviews planned and held, and thank-yous sent, per week of meeting dates."""
    rows = [
        {"Week of": point.week_start, "What": words, "Count": getattr(point.rates, field)}
        for point in weeks
        for field, words in SERIES.items()
    ]
    data = pd.DataFrame(rows)
    return (
        alt.Chart(data)
        .mark_bar()
        .encode(
            # Bars side by side within each week, so equal counts never hide each other.
            x=alt.X("yearmonthdate(Week of):O", title=None, axis=alt.Axis(format="%d %b")),
            xOffset=alt.XOffset("What:N", sort=list(SERIES.values())),
            y=alt.Y("Count:Q", title=None, axis=alt.Axis(tickMinStep=1)),
            color=alt.Color(
                "What:N",
                sort=list(SERIES.values()),
                legend=alt.Legend(orient="bottom", title=None),
            ),
            tooltip=[alt.Tooltip("Week of:T", format="%d %b %Y"), "What:N", "Count:Q"],
        )
        .properties(height=260)
    )
