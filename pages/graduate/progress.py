"""My progress (`/progress`): my rates, a weekly chart, my cohort's goals and where I stand,
my referral chains as a picture, my calendar address, and my data as CSV files through the
core's exporters."""

from __future__ import annotations

import streamlit as st

from networkit_core.interchange.export import export
from networkit_core.models import Role
from networkit_core.services.my_progress import my_progress
from pages.ui.calendar_feed import calendar_box
from pages.ui.charts import draw, graduate_weekly_chart
from pages.ui.downloads import FOR_EXCEL
from pages.ui.referrals import referral_graph
from pages.ui.session import call, context, require
from pages.ui.text import escape, label, rate

actor = require(Role.GRADUATE)
ctx = context()
progress = call(my_progress, ctx, actor)
figures = progress.rates

st.title("My progress")
st.caption(f"{escape(progress.cohort_name)} · all my interviews so far")

held, thanked, on_time = st.columns(3)
held.metric("Interviews held", figures.completed, border=True)
thanked.metric(
    "Thank-you rate",
    rate(figures.thank_you_rate),
    border=True,
    help="Held interviews with a thank-you recorded",
)
on_time.metric(
    "On-time thank-yous",
    rate(figures.on_time_thank_you_rate),
    border=True,
    help=f"Sent within {ctx.settings.thank_you_window_days} days of the meeting",
)
asked, followed, notes, prep = st.columns(4)
asked.metric(
    "Follow-up asked",
    rate(figures.follow_up_asked_rate),
    border=True,
    help="Held interviews where you asked whether a follow-up is welcome",
)
followed.metric(
    "Followed up",
    rate(figures.follow_up_completion_rate),
    border=True,
    help="Of the contacts who welcomed a follow-up, those you followed up",
)
notes.metric(
    "Notes written",
    rate(figures.notes_rate),
    border=True,
    help="Held interviews with brain-dump notes",
)
prep.metric(
    "Preparation",
    rate(figures.prep_score),
    border=True,
    help="Checklist items ticked, on average, for planned and held interviews",
)
st.caption("“—” means there is nothing to count yet.")

st.subheader(":material/bar_chart: Week by week")
if any(point.rates.planned or point.rates.completed for point in progress.weeks):
    draw(graduate_weekly_chart(progress.weeks))
else:
    st.info("Your weekly chart starts with your first interview.", icon=":material/info:")

st.subheader(":material/flag: My cohort's goals")
if not progress.goals:
    st.caption("Your advisor has not set goals for your cohort yet.")
for goal in progress.goals:
    target = rate(goal.target) if goal.is_rate else f"{goal.target:g}"
    mine = rate(goal.mine) if goal.is_rate else f"{goal.mine or 0:g}"
    due = f" by {goal.due_on:%d %b %Y}" if goal.due_on else ""
    st.markdown(f"**{label(goal.metric)}**: target {target}{due} · me: {mine}")
    share = 0.0 if not goal.target or goal.mine is None else min(goal.mine / goal.target, 1.0)
    st.progress(share, text="Reached" if goal.reached else None)

st.subheader(":material/account_tree: How doors opened")
if progress.referrals:
    st.caption("Who led me to whom: each arrow is a referral.")
    st.graphviz_chart(referral_graph(progress.referrals), width="stretch")
else:
    st.caption(
        "No referrals yet. At the end of a meeting, ask: who else would you suggest I talk to?"
    )

calendar_box(ctx, actor, progress.calendar_feed)

st.subheader(":material/download: My data")
st.caption(
    "Everything I entered, as CSV files for a spreadsheet: my interviews (with their questions, "
    "outcomes and private notes) and my follow-ups. Each imports back as it is."
)
interviews_column, follow_ups_column = st.columns(2)
interviews_column.download_button(
    "My interviews (CSV)",
    data=lambda: export(ctx, actor, "interviews", bom=FOR_EXCEL),
    file_name="my-interviews.csv",
    mime="text/csv",
    icon=":material/table:",
    on_click="ignore",
    width="stretch",
)
follow_ups_column.download_button(
    "My follow-ups (CSV)",
    data=lambda: export(ctx, actor, "follow-ups", bom=FOR_EXCEL),
    file_name="my-follow-ups.csv",
    mime="text/csv",
    icon=":material/table:",
    on_click="ignore",
    width="stretch",
)
