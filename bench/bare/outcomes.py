"""The floor of the outcomes page for an advisor (all their cohorts): the shell (shell.py), then
one SELECT of their cohorts' graduates, each with their current destination (the newest
recorded by today); the counts overall, by cohort and by graduation year are added up from
those rows, and the time to a destination is statsmodels' Kaplan-Meier fit of each group's
spells (as the core's). Drawn as the same elements: the cohort box and the download, three
metrics, the status chart and the landing curve (or its note), the knowledge-rate chart by
cohort, and the two tables with their phone rows."""

from __future__ import annotations

import math
import os
import warnings
from datetime import date

import altair as alt
import numpy as np
import pandas as pd
import streamlit as st
from sqlalchemy import Engine, create_engine, text
from statsmodels.duration.survfunc import SurvfuncRight

from bench.bare.shell import shell


@st.cache_resource
def engine(url: str) -> Engine:
    return create_engine(url)


STATUSES = [
    ("employed_full_time", "Employed full time"),
    ("employed_part_time", "Employed part time"),
    ("continuing_education", "Continuing education"),
    ("service", "Service"),
    ("military", "Military"),
    ("still_seeking", "Still seeking"),
    ("not_seeking", "Not seeking"),
]
EMPLOYED = {"employed_full_time", "employed_part_time"}
LANDED = EMPLOYED | {"continuing_education", "service", "military"}
GRADUATES = """SELECT c.name AS cohort, g.id, g.graduation_year AS year, g.graduation_date,
  d.status, d.start_date, d.found_through_interview_id AS through
FROM cohorts c LEFT JOIN graduates g ON g.cohort_id = c.id
LEFT JOIN (SELECT graduate_id, status, start_date, found_through_interview_id,
    row_number() OVER (PARTITION BY graduate_id ORDER BY recorded_on DESC, id DESC) AS n
  FROM destinations WHERE recorded_on <= :today) d ON d.graduate_id = g.id AND d.n = 1
WHERE c.id IN (SELECT cohort_id FROM cohort_advisors WHERE advisor_id = :me)
ORDER BY c.name"""

db = engine(os.environ["DATABASE_URL"])
user = shell(db, "Outcomes")
today = date.today()
with db.connect() as connection:
    rows = connection.execute(text(GRADUATES), {"me": user.id, "today": today}).all()
cohorts = list(dict.fromkeys(row.cohort for row in rows))
graduates = [row for row in rows if row.id is not None]


def rate(top: int, bottom: int) -> float | None:
    return top / bottom if bottom else None


def shown(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f} %"


def days(value: object) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) else value  # type: ignore[return-value]


def landing(group: list) -> tuple[float | None, list[tuple[int, float]]]:
    """The median days to land and the curve's steps (statsmodels, as the core fits it)."""
    spells = []
    for g in group:
        graduated = days(g.graduation_date) or (g.year and date(g.year, 5, 31))
        if not graduated:
            continue
        if g.status == "still_seeking":
            spells.append((max(0, (today - graduated).days), 0))
        elif g.status in LANDED and g.start_date is not None:
            spells.append((max(0, (days(g.start_date) - graduated).days), 1))
    if not any(landed for _, landed in spells):
        last = max((d for d, _ in spells), default=0)
        return None, [(0, 0.0, 0.0, 0.0), (last, 0.0, 0.0, 0.0)] if spells else []
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore", RuntimeWarning)
        fit = SurvfuncRight(
            np.array([d for d, _ in spells], float), np.array([e for _, e in spells], float)
        )
        median = float(fit.quantile(0.5))
        fit.quantile_ci(0.5)
    curve = [(0, 0.0, 0.0, 0.0)]
    for day, survival, se in zip(fit.surv_times, fit.surv_prob, fit.surv_prob_se, strict=True):
        low = high = 1 - survival  # the band on the log-log scale, as the core draws it
        if 0 < survival < 1 and se > 0:
            spread = 1.96 * se / (survival * abs(math.log(survival)))
            log_log = math.log(-math.log(survival))
            low = 1 - math.exp(-math.exp(log_log - spread))
            high = 1 - math.exp(-math.exp(log_log + spread))
        curve.append((int(day), 1 - float(survival), float(low), float(high)))
    return (None if np.isnan(median) else median), curve


def figures(group: list) -> dict:
    known = [g for g in group if g.status]
    employed = [g for g in known if g.status in EMPLOYED]
    median, curve = landing(group)
    return {
        "graduates": len(group),
        "known": len(known),
        "knowledge": rate(len(known), len(group)),
        "career": rate(
            sum(g.status in LANDED for g in known),
            sum(g.status != "not_seeking" for g in known),
        ),
        "networking": rate(sum(g.through is not None for g in employed), len(employed)),
        "status": [(name, sum(g.status == status for g in known)) for status, name in STATUSES],
        "median": median,
        "curve": curve,
    }


def table(groups: dict, first: str, key: str) -> None:
    rows = [
        {
            first: name,
            "Graduates": f["graduates"],
            "Known": f["known"],
            "Knowledge rate": None if f["knowledge"] is None else f["knowledge"] * 100,
            "Career outcomes": None if f["career"] is None else f["career"] * 100,
            "Through networking": None if f["networking"] is None else f["networking"] * 100,
            "Median days to land": None if f["median"] is None else round(f["median"]),
        }
        for name, f in groups.items()
    ]
    with st.container(key=f"wide-{key}"):
        st.dataframe(rows, hide_index=True)
    with st.container(key=f"narrow-{key}"):
        st.markdown(
            "\n\n".join(
                f"**{row[first]}**  \n" + " · ".join(f"{k}: {v}" for k, v in row.items() if v)
                for row in rows
            )
        )


overall = figures(graduates)
by_cohort = {name: figures([g for g in graduates if g.cohort == name]) for name in cohorts}
by_cohort = {name: f for name, f in by_cohort.items() if f["graduates"]}
years = sorted({g.year for g in graduates}, key=lambda y: (y is None, y or 0))
by_year = {
    str(year) if year else "Not given": figures([g for g in graduates if g.year == year])
    for year in years
}

st.title("Outcomes")
st.caption(f"Where graduates land — all my cohorts, as of {today}: NACE first-destination figures")
left, right = st.columns([3, 2], vertical_alignment="bottom")
left.selectbox("Cohort", ["", *cohorts], format_func=lambda name: name or "All my cohorts")
right.download_button(
    "First-destination report (CSV)",
    data=lambda: b"",  # made when pressed, as the page's
    file_name=f"first-destination-report_{today}.csv",
    mime="text/csv",
    on_click="ignore",
)
knowledge, career, networking = st.columns(3)
change = None if overall["knowledge"] is None else (overall["knowledge"] - 0.65) * 100
knowledge.metric(
    "Knowledge rate",
    shown(overall["knowledge"]),
    delta=None if change is None else f"{change:+.1f} pts",
    border=True,
)
career.metric("Career outcomes", shown(overall["career"]), border=True)
networking.metric("Found through networking", shown(overall["networking"]), border=True)
st.caption(f"{overall['known']} of {overall['graduates']} graduates have a destination recorded.")
status_column, time_column = st.columns(2)
with status_column:
    st.markdown("**Where they are now**")
    frame = pd.DataFrame(overall["status"], columns=["Status", "Graduates"])
    st.altair_chart(alt.Chart(frame).mark_bar().encode(y=alt.Y("Status:N"), x=alt.X("Graduates:Q")))
with time_column:
    st.markdown("**How long it took to land**")
    if overall["curve"]:
        frame = pd.DataFrame(overall["curve"], columns=["Day", "Landed", "Low", "High"])
        line = alt.Chart(frame).mark_line().encode(x=alt.X("Day:Q"), y=alt.Y("Landed:Q"))
        st.altair_chart(line + line.mark_area().encode(y=alt.Y("Low:Q"), y2=alt.Y2("High:Q")))
        st.caption(f"Half had landed by day {overall['median']}.")
    else:
        st.caption("No graduate with a start date or still seeking yet: nothing to draw.")
st.subheader("By cohort")
if len(by_cohort) > 1:
    st.markdown("**Knowledge rate by cohort** (the orange dashed line: NACE's 65.0 %)")
    frame = pd.DataFrame(
        [(name, f["knowledge"]) for name, f in by_cohort.items()], columns=["Cohort", "Rate"]
    )
    st.altair_chart(alt.Chart(frame).mark_bar().encode(y=alt.Y("Cohort:N"), x=alt.X("Rate:Q")))
table(by_cohort, "Cohort", "outcomes_by_cohort")
st.subheader("By graduation year")
table(by_year, "Graduation year", "outcomes_by_year")
st.caption("A graduate without a graduation date graduated on 31 May of their graduation year.")
