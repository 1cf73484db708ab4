"""The floor of the reports page for an advisor: the shell (shell.py), then the names of the
cohorts they coach (one SELECT) for the cohort box; drawn as the same boxes: a title and a line
for each of the seven files, the cohort report's column help, and a download button whose file
is made only when pressed (as the page's are)."""

from __future__ import annotations

import os
from datetime import date

import streamlit as st
from sqlalchemy import Engine, create_engine, text

from bench.bare.shell import shell
from networkit_core.figures.report import report_column_help
from networkit_core.settings import Settings


@st.cache_resource
def engine(url: str) -> Engine:
    return create_engine(url)


REPORTS = [
    ("cohort-report", "Cohort report", "One row per graduate with their figures and due items."),
    ("roster", "Roster", "Graduates, their cohort, programme and advisor."),
    ("interviews", "Interviews", "Every interview with its checklist, notes and thank-you."),
    ("follow-ups", "Follow-ups", "Every follow-up, by interview."),
    ("destinations", "Destinations", "Where each graduate landed, every record kept."),
    ("first-destination-report", "First-destination report", "NACE's figures per cohort."),
    ("questions", "Questions", "The questions of the banks you may read."),
]
COHORTS = """SELECT name FROM cohorts
WHERE id IN (SELECT cohort_id FROM cohort_advisors WHERE advisor_id = :advisor) ORDER BY name"""

db = engine(os.environ["DATABASE_URL"])
user = shell(db, "Reports")
with db.connect() as connection:
    cohorts = connection.execute(text(COHORTS), {"advisor": user.id}).scalars().all()

st.title("Reports")
st.caption("CSV files with what you may see. Each download is recorded in the audit log.")
left, right = st.columns([3, 2])
if cohorts:
    cohort = left.selectbox("Cohort", [None, *cohorts], format_func=lambda c: c or "All")
excel = right.toggle("For Excel (UTF-8 with BOM)", value=True)
today = date.today().isoformat()
for kind, title, what in REPORTS:
    with st.container(border=True):
        words, button = st.columns([3, 2], vertical_alignment="center")
        words.markdown(f"**{title}**  \n{what}")
        if kind == "cohort-report":
            with words.expander("What the columns hold"):
                help = report_column_help(Settings.parsed_once())
                st.markdown("\n".join(f"- `{column}`: {line}" for column, line in help.items()))
        button.download_button(
            f"Download {title.lower()}",
            data=lambda: b"",  # made when pressed, as the page's: nothing read before
            file_name=f"{kind}_{today}.csv",
            mime="text/csv",
            on_click="ignore",
        )
