"""My progress (`/progress`): my rates with, beside them, what the centre's records say each
habit went with; a weekly chart, my cohort's goals and where I stand, where I landed (the
destination form), my referral chains as a picture, my calendar address, and my data as CSV
files through the core's exporters."""

from __future__ import annotations

import streamlit as st

from networkit_core.figures.evidence import habit_evidence
from networkit_core.interchange.export import export
from networkit_core.models import Role
from networkit_core.read_models.my_progress import my_progress
from networkit_core.services.destinations import destination_form
from pages.graduate.progress.calendar_feed import calendar_box
from pages.graduate.progress.referrals import referral_tree
from pages.ui.cache import centre_wide
from pages.ui.charts import draw, graduate_weekly_chart
from pages.ui.destination_form import destination_section
from pages.ui.downloads import FOR_EXCEL, csv_button
from pages.ui.figures import goal_value, rate_metrics
from pages.ui.links import linked
from pages.ui.session import call, context, require
from pages.ui.text import day, escape

actor = require(Role.GRADUATE)
ctx = context()
progress = call(my_progress, ctx, actor)
# My destination fresh (I may have just saved it); the centre's evidence, the same for every
# graduate and about a second to count: one cache entry for every graduate.
landed = call(destination_form, ctx, actor)
evidence = centre_wide(habit_evidence, actor)
figures = progress.rates

st.title("My progress")
st.caption(f"{escape(progress.cohort_name)} · all my interviews so far")

st.metric("Interviews held", figures.completed, border=True)
rate_metrics(figures, None, settings=ctx.settings)
st.caption("“—” means there is nothing to count yet.")
# The centre's evidence, one line per habit it can speak of (too few anywhere: nothing said).
lines = [line for line in evidence if line.sentence]
if lines:
    with st.container(border=True):
        st.markdown("**:material/lightbulb: What these habits went with at the centre**")
        st.markdown("\n".join(f"- {escape(line.sentence)}" for line in lines))
        st.caption("From every graduate's records, no one named: what went together, not proof.")

st.subheader(":material/bar_chart: Week by week")
if any(point.rates.planned or point.rates.completed for point in progress.weeks):
    draw(graduate_weekly_chart, progress.weeks)
else:
    st.info("Your weekly chart starts with your first interview.", icon=":material/info:")

st.subheader(":material/flag: My cohort's goals")
if not progress.goals:
    st.caption("Your advisor has not set goals for your cohort yet.")
for goal in progress.goals:
    due = f" by {day(goal.due_on)}" if goal.due_on else ""
    target, mine = goal_value(goal.metric, goal.target), goal_value(goal.metric, goal.actual)
    st.markdown(f"**{goal.name}**: target {target}{due} · me: {mine}")
    st.caption(f"Counts my {goal.covers}.")
    share = 0.0 if not goal.target or goal.actual is None else min(goal.actual / goal.target, 1.0)
    st.progress(share, text="Reached" if goal.reached else None)

st.subheader(":material/work: Where I landed")
destination_section(ctx, actor, landed, key="my_destination", own=True)

st.subheader(":material/account_tree: How doors opened")
if progress.referrals:
    st.caption("Who led me to whom: each contact is listed under the one who referred them.")
    st.markdown(referral_tree(progress.referrals))
    named = {link.referred_by_id: link.referred_by_name for link in progress.referrals}
    named.update({link.contact_id: link.name for link in progress.referrals})
    with st.expander("Open a contact's page", icon=":material/person:"):
        for contact_id, name in sorted(named.items(), key=lambda item: (item[1], item[0])):
            st.page_link(
                linked("pages/shared/contact/page.py"),
                label=escape(name),
                icon=":material/person:",
                query_params={"id": str(contact_id)},
            )
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
for column, kind in zip(st.columns(2), ("interviews", "follow-ups"), strict=True):
    csv_button(
        column,
        f"My {kind} (CSV)",
        lambda kind=kind: export(ctx, actor, kind, bom=FOR_EXCEL),
        f"my-{kind}.csv",
        icon=":material/table:",
        width="stretch",
    )
