"""Where graduates land (`/outcomes?cohort=NAME`), for advisors (their cohorts) and admins
(all): NACE's first-destination figures (the knowledge rate against NACE's 65 %, the
career-outcomes rate, the share found through networking), the destinations by status, the
time to a destination as a Kaplan–Meier curve, the same by cohort and by graduation year, and
the dean's first-destination report as a CSV file."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from networkit_core.figures.outcomes import OutcomeFigures, OutcomeGroup, TimeToDestination
from networkit_core.figures.rates import rate_change
from networkit_core.interchange.formats import Kind
from networkit_core.models import Role
from networkit_core.read_models.outcomes_page import OutcomesPage, outcomes_page
from pages.shared.outcomes import charts
from pages.ui.cache import cached
from pages.ui.charts import draw
from pages.ui.downloads import csv_file, file_name
from pages.ui.layout import table
from pages.ui.params import param, show, to_address
from pages.ui.session import context, require
from pages.ui.text import day, escape, percent, rate

ALL = ""  # the option for every cohort in reach (None would read as "nothing chosen")

actor = require(Role.ADVISOR, Role.ADMIN)
ctx = context()
board: OutcomesPage = cached(outcomes_page, actor, cohort=param("cohort") or None)
figures = board.overall
everyone = "All my cohorts" if actor.role is Role.ADVISOR else "All cohorts"
target = rate(board.nace_target)


def median_sentence(time: TimeToDestination) -> str:
    """The curve's caption, in words an advisor reads without a statistics course."""
    if time.median_days is None:
        lead = "Fewer than half have landed so far, so there is no median yet"
    else:
        low = f"day {time.median_low:.0f}" if time.median_low is not None else "the start"
        high = f"day {time.median_high:.0f}" if time.median_high is not None else "not yet known"
        lead = f"Half had landed by day {time.median_days:.0f} (95 % interval {low} to {high})"
    return (
        f"{lead}; graduates still seeking count until today. {time.graduates} graduates in the "
        f"curve: {time.landed} landed with a start date, {time.still_seeking} still seeking. "
        "The shaded band is where the true share likely lies."
    )


def group_rows(groups: Sequence[OutcomeGroup], first: str) -> list[dict[str, object]]:
    """One table row per group; `first` names the group's column."""
    rows: list[dict[str, object]] = []
    for group in groups:
        shown: OutcomeFigures = group.figures
        median = shown.time_to_destination.median_days
        if first == "Cohort":
            name = group.cohort_name or ""
        else:
            name = str(group.graduation_year) if group.graduation_year else "Not given"
        rows.append(
            {
                first: name,
                "Graduates": shown.graduates,
                "Known": shown.with_destination,
                "Knowledge rate": percent(shown.knowledge_rate),
                "Career outcomes": percent(shown.career_outcomes_rate),
                "Through networking": percent(shown.found_through_networking),
                "Median days to land": None if median is None else round(median),
            }
        )
    return rows


RATE_COLUMN = st.column_config.NumberColumn(format="%.1f %%")
GROUP_COLUMNS = {
    "Knowledge rate": RATE_COLUMN,
    "Career outcomes": RATE_COLUMN,
    "Through networking": RATE_COLUMN,
    "Median days to land": st.column_config.NumberColumn(
        help="Half of the group had landed by this day after graduation (Kaplan–Meier)."
    ),
}

st.title("Outcomes")
scope_name = board.cohort.name if board.cohort else everyone.lower()
st.caption(
    f"Where graduates land — {escape(scope_name)}, as of {day(board.today)}: NACE "
    "first-destination figures"
)

show("outcomes_cohort", board.cohort.name if board.cohort else ALL)
cohort_column, download_column = st.columns([3, 2], vertical_alignment="bottom")
cohort_column.selectbox(
    "Cohort",
    [ALL, *(cohort.name for cohort in board.cohorts)],
    format_func=lambda name: name or everyone,
    key="outcomes_cohort",
    on_change=to_address,
    args=("cohort", "outcomes_cohort"),
)
asked = board.cohort.name if board.cohort else None
download_column.download_button(
    "First-destination report (CSV)",
    data=csv_file(ctx, actor, Kind.FIRST_DESTINATION_REPORT, cohort=asked),
    file_name=file_name(Kind.FIRST_DESTINATION_REPORT, asked, board.today),
    mime="text/csv",
    icon=":material/download:",
    key="download_first_destination",
    on_click="ignore",
    width="stretch",
    help="For the dean: one row per cohort and graduation year; a group of fewer than 5 "
    "graduates shows no figures. The download is recorded in the audit log.",
)

if not figures.graduates:
    st.info("No graduate in these cohorts yet.", icon=":material/info:")
    st.stop()

knowledge, career, networking = st.columns(3)
knowledge.metric(
    "Knowledge rate",
    rate(figures.knowledge_rate),
    delta=rate_change(figures.knowledge_rate, board.nace_target),
    delta_description=f"vs NACE's {target}",
    border=True,
    help=f"Graduates with a destination recorded, of all graduates: "
    f"{figures.with_destination} of {figures.graduates}. NACE aims at {target}.",
)
career.metric(
    "Career outcomes",
    rate(figures.career_outcomes_rate),
    border=True,
    help="Employed (full or part time), in continuing education, service or the military, "
    "of the graduates whose destination is known and who are seeking one "
    f"({figures.career_outcomes} graduates).",
)
networking.metric(
    "Found through networking",
    rate(figures.found_through_networking),
    border=True,
    help="Of the graduates employed, those whose job came through one of their informational "
    f"interviews ({figures.through_networking} of {figures.employed}).",
)
st.caption(
    f"{figures.with_destination} of {figures.graduates} graduates have a destination recorded "
    f"(NACE aims at {target}). “—” means there is nothing to count yet."
)

status_column, time_column = st.columns(2)
with status_column:
    st.markdown("**Where they are now**")
    draw(charts.by_status, figures.by_status)
with time_column:
    st.markdown("**How long it took to land**")
    time = figures.time_to_destination
    if time.curve:
        draw(charts.landing_curve, time)
        st.caption(median_sentence(time))
    else:
        st.caption("No graduate with a start date or still seeking yet: nothing to draw.")

st.subheader(":material/groups: By cohort")
if len(board.by_cohort) > 1:
    st.markdown(f"**Knowledge rate by cohort** (the orange dashed line: NACE's {target})")
    draw(charts.knowledge_by_cohort, board.by_cohort, board.nace_target)
table(
    group_rows(board.by_cohort, "Cohort"),
    key="outcomes_by_cohort",
    hide_index=True,
    column_config=GROUP_COLUMNS,
)

st.subheader(":material/school: By graduation year")
table(
    group_rows(board.by_year, "Graduation year"),
    key="outcomes_by_year",
    hide_index=True,
    column_config=GROUP_COLUMNS,
)
st.caption(
    "A graduate without a graduation date graduated on 31 May of their graduation year. "
    "“Known”: graduates with a destination recorded."
)
