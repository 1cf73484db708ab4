"""The advisor's first screen: who in my cohorts needs a nudge today, and why."""

from __future__ import annotations

from collections import Counter

import streamlit as st

from networkit_core.figures.due import DueItem, DueReason, due_today
from networkit_core.figures.scope import FigureScope
from networkit_core.models import Role
from networkit_core.services import overview
from pages.ui.session import call, context, require
from pages.ui.tables import cohort_table
from pages.ui.text import first_name

REASONS = {
    DueReason.THANK_YOU_OVERDUE: ("Thank-you overdue", ":material/mail:"),
    DueReason.FOLLOW_UP_DUE: ("Follow-up due", ":material/forward_to_inbox:"),
    DueReason.MEETING_SOON_UNPREPARED: ("Meeting soon, not prepared", ":material/event:"),
    DueReason.OUTCOME_MISSING: ("Outcome missing", ":material/help:"),
    DueReason.INACTIVE: ("Inactive", ":material/bedtime:"),
}


def _needs(items: list[DueItem]) -> str:
    """The reasons of one graduate, e.g. "Follow-up due ×2, Inactive"."""
    counts = Counter(item.reason for item in items)
    return ", ".join(
        REASONS[reason][0] + (f" ×{counts[reason]}" if counts[reason] > 1 else "")
        for reason in REASONS
        if counts[reason]
    )


actor = require(Role.ADVISOR)
ctx = context()
today = ctx.clock.today()
# Everything this advisor may read is their caseload: the graduates of their cohorts.
due = call(due_today, ctx, actor, FigureScope.everything())
cohorts = call(overview.coached_cohorts, ctx, actor)

st.title("Today")
st.caption(f"Good day, {first_name(actor)} — {today:%A %-d %B %Y}")

st.subheader(":material/notifications_active: Who needs a nudge")
if due:
    # One row per graduate, in the order of their most overdue item (the list's order).
    per_graduate: dict[int, list[DueItem]] = {}
    for item in due:
        per_graduate.setdefault(item.graduate_id, []).append(item)
    people = len(per_graduate)
    first = due[0]
    st.markdown(
        f"**{people} graduate{'s' if people != 1 else ''}** "
        f"{'need' if people != 1 else 'needs'} a nudge today, for {len(due)} "
        f"reason{'s' if len(due) != 1 else ''}. Start with **{first.graduate_name}**: "
        f"{first.message} (due since {first.fell_due_on:%-d %b %Y})."
    )
    for column, (reason, (name, icon)) in zip(
        st.columns(len(REASONS)), REASONS.items(), strict=True
    ):
        column.metric(name, sum(item.reason is reason for item in due), border=True, icon=icon)
    st.dataframe(
        [
            {
                "Graduate": items[0].graduate_name,
                "Days overdue": items[0].days_overdue,
                "Fell due": items[0].fell_due_on,
                "Needs": _needs(items),
                "Most overdue": items[0].message,
                "Email": items[0].graduate_email,
            }
            for items in per_graduate.values()
        ],
        hide_index=True,
        column_config={
            "Most overdue": st.column_config.TextColumn(width="large"),
            "Fell due": st.column_config.DateColumn(format="D MMM YYYY"),
            "Days overdue": st.column_config.NumberColumn(format="%d d"),
        },
    )
    with st.expander(f"Every item due today ({len(due)})", icon=":material/list:"):
        st.dataframe(
            [
                {
                    "Graduate": item.graduate_name,
                    "Days overdue": item.days_overdue,
                    "Fell due": item.fell_due_on,
                    "Reason": REASONS[item.reason][0],
                    "Why": item.message,
                }
                for item in due
            ],
            hide_index=True,
            column_config={
                "Why": st.column_config.TextColumn(width="large"),
                "Fell due": st.column_config.DateColumn(format="D MMM YYYY"),
                "Days overdue": st.column_config.NumberColumn(format="%d d"),
            },
        )
else:
    st.success("Nobody needs a nudge today.", icon=":material/check_circle:")

st.subheader(":material/groups: Your cohorts")
cohort_table(cohorts, empty="You do not coach any cohort yet; an admin assigns cohorts.")
