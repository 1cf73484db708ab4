"""CSV reports for every role, scoped to what the user may see: each file is made by the core's
exporter when the button is pressed, so each download is written to the audit log."""

from __future__ import annotations

import streamlit as st

from networkit_core.figures.report import report_column_help
from networkit_core.interchange.formats import Kind
from networkit_core.models import Role
from networkit_core.services.cohorts import cohort_names
from pages.ui.downloads import FOR_EXCEL, csv_button, csv_file, file_name
from pages.ui.session import call, context, require

REPORTS = {
    Kind.COHORT_REPORT: ("Cohort report", "One row per graduate with their figures and due items."),
    Kind.ROSTER: ("Roster", "Graduates, their cohort, programme and advisor."),
    Kind.INTERVIEWS: ("Interviews", "Every interview with its checklist, notes and thank-you."),
    Kind.FOLLOW_UPS: ("Follow-ups", "Every follow-up, by interview."),
    Kind.DESTINATIONS: (
        "Destinations",
        "Where each graduate landed, every record kept (the newest counts).",
    ),
    Kind.FIRST_DESTINATION_REPORT: (
        "First-destination report",
        "NACE's figures per cohort and graduation year, for the dean (knowledge rate, career "
        "outcomes, found through networking, median days to land); a group of fewer than 5 "
        "graduates shows no figures.",
    ),
    Kind.QUESTIONS: ("Questions", "The questions of the banks you may read."),
}
# Figures across graduates, for the centre: not a graduate's own records.
STAFF_ONLY = {Kind.FIRST_DESTINATION_REPORT}

actor = require(Role.GRADUATE, Role.ADVISOR, Role.ADMIN)
ctx = context()
cohorts = call(cohort_names, ctx, actor)

st.title("Reports")
st.caption(
    "CSV files with what you may see"
    + (", your own records only." if actor.role is Role.GRADUATE else ".")
    + " Each download is recorded in the audit log."
)
cohort_column, excel_column = st.columns([3, 2])
cohort = None
if actor.role is not Role.GRADUATE and cohorts:
    cohort = cohort_column.selectbox(
        "Cohort",
        [None, *cohorts],
        format_func=lambda name: "All I may see" if name is None else name,
        key="report_cohort",
    )
excel = excel_column.toggle(
    "For Excel (UTF-8 with BOM)",
    value=FOR_EXCEL,
    key="report_excel",
    help="Excel reads accented names right only when the file starts with a byte-order mark.",
)
for kind, (title, what) in REPORTS.items():
    if kind in STAFF_ONLY and actor.role is Role.GRADUATE:
        continue
    with st.container(border=True):
        text_column, button_column = st.columns([3, 2], vertical_alignment="center")
        text_column.markdown(f"**{title}**  \n{what}")
        if kind is Kind.COHORT_REPORT:
            with text_column.expander("What the columns hold", icon=":material/help:"):
                st.markdown(
                    "\n".join(
                        f"- `{column}`: {words}"
                        for column, words in report_column_help(ctx.settings).items()
                    )
                )
        by_cohort = None if kind is Kind.QUESTIONS else cohort
        csv_button(
            button_column,
            f"Download {title.lower()}",
            csv_file(ctx, actor, kind, cohort=by_cohort, bom=excel),
            file_name(kind, by_cohort, ctx.clock.today()),
            key=f"download_{kind.value}",
            width="stretch",
        )
