"""The floor of the admin's cohorts page, as it opens (no `?cohort=`): the shell (shell.py), then
every cohort with its graduate count (one GROUP BY), their advisors (one join) and their goals,
drawn as the same elements: the new-cohort form, the cohorts' table (wide, and its rows stacked
for a phone) and the choice of a cohort to manage. A goal's figure is its cohort's all-time
one (bench/floors.py), one row per cohort with goals: M sets none, as the page's bench opens it."""

from __future__ import annotations

import os
from datetime import date
from typing import Any

import streamlit as st
from sqlalchemy import Engine, create_engine, text

from bench.bare.shell import shell
from bench.floors import all_time
from networkit_core.settings import Settings


@st.cache_resource
def engine(url: str) -> Engine:
    return create_engine(url)


db = engine(os.environ["DATABASE_URL"])
user = shell(db, "Cohorts")
settings = Settings.parsed_once()
sqlite = db.dialect.name == "sqlite"
with db.connect() as connection:
    cohorts = connection.execute(
        text(
            "SELECT c.id, c.name, c.archived_at, count(g.id) AS graduates FROM cohorts c "
            "LEFT JOIN graduates g ON g.cohort_id = c.id GROUP BY c.id, c.name, c.archived_at "
            "ORDER BY c.archived_at IS NOT NULL, c.name"
        )
    ).all()
    coaches: dict[int, list[str]] = {}
    for cohort_id, name in connection.execute(
        text(
            "SELECT a.cohort_id, u.first_name || ' ' || u.last_name FROM cohort_advisors a "
            "JOIN users u ON u.id = a.advisor_id ORDER BY a.advisor_id"
        )
    ):
        coaches.setdefault(cohort_id, []).append(name)
    goals = connection.execute(text("SELECT cohort_id, metric, target FROM cohort_goals")).all()
    figures = {}
    for cohort_id in sorted({goal.cohort_id for goal in goals}):
        figures[cohort_id] = connection.execute(
            text(all_time(sqlite, settings, "g.cohort_id = :cohort")),
            {
                "cohort": cohort_id,
                "today": date.today(),
                "window": settings.thank_you_window_days,
                "yes": True,
            },
        ).one()


def actual(goal: Any) -> float | None:
    """The goal's figure from its cohort's counts, as the core divides them."""
    row = figures[goal.cohort_id]
    heads = next(c.graduates for c in cohorts if c.id == goal.cohort_id)
    top, bottom = {
        "interviews_completed_per_graduate": (row.completed, heads),
        "thank_you_rate": (row.thanked, row.completed),
        "on_time_thank_you_rate": (row.on_time, row.completed),
        "follow_up_asked_rate": (row.asked, row.completed),
        "follow_up_completion_rate": (row.followed, (row.fell_due or 0) + (row.early or 0)),
        "notes_rate": (row.noted, row.completed),
        "prep_score": (row.ticks, (row.items or 0) * (row.counted or 0)),
    }[goal.metric]
    return (top or 0) / bottom if bottom else None


def reached(goal: Any) -> bool:
    value = actual(goal)
    return value is not None and value >= goal.target


tally: dict[int, list[bool]] = {}
for goal in goals:
    tally.setdefault(goal.cohort_id, []).append(reached(goal))
rows = [
    {
        "Cohort": c.name,
        "Status": "Archived" if c.archived_at else "Active",
        "Graduates": c.graduates,
        "Advisors": ", ".join(coaches.get(c.id, [])) or "Nobody yet",
        "Goals reached": f"{sum(tally[c.id])} of {len(tally[c.id])}" if c.id in tally else "—",
    }
    for c in cohorts
]

st.title("Cohorts")
st.caption("Who coaches each cohort, its goals, and its graduates")
left, right = st.columns([1, 2], gap="large")
with left, st.form("create_cohort"):
    st.markdown("**New cohort**")
    st.text_input("Name", key="new_cohort_name")
    st.text_input("Description (optional)", key="new_cohort_description")
    st.form_submit_button("Create cohort")
with right:
    with st.container(key="wide-cohorts"):
        st.dataframe(rows, hide_index=True)
    with st.container(key="narrow-cohorts"):
        st.markdown(
            "\n\n".join(
                f"**{row['Cohort']}**  \n"
                + " · ".join(f"{k}: {v}" for k, v in row.items() if v and k != "Cohort")
                for row in rows
            )
        )
st.selectbox("Manage a cohort", [c.name for c in cohorts], index=None, key="managed")
