"""A graduate's home: what is coming up and what happened lately."""

from __future__ import annotations

from datetime import date

import streamlit as st

from networkit_core.models import Role
from networkit_core.services import overview
from pages.ui.session import call, context, require
from pages.ui.text import escape, first_name, label

actor = require(Role.GRADUATE)
home = call(overview.graduate_home, context(), actor)

st.title(f"Hello, {escape(first_name(actor))}")
st.caption(f"{escape(home.cohort_name)} · your informational interviews at a glance")

planned, completed, contacts = st.columns(3)
planned.metric("Planned", home.planned, border=True, help="Interviews still ahead of you")
completed.metric("Completed", home.completed, border=True, help="Interviews you have held")
contacts.metric("Contacts", home.contacts, border=True, help="Professionals in your network")


def _day(day: date | None) -> str:
    return f"{day.day} {day:%b %Y}" if day else "—"


def _table(lines: list[overview.InterviewLine], *, with_thank_you: bool) -> None:
    rows = [
        {
            "Date": line.meeting_date,
            "Contact": line.contact_name,
            "Title": line.contact_title,
            "Organization": line.organization,
            "Where": label(line.location_type),
            "Status": label(line.status),
            **({"Thank-you sent": _day(line.thank_you_sent_on)} if with_thank_you else {}),
        }
        for line in lines
    ]
    st.dataframe(
        rows,
        hide_index=True,
        column_config={
            "Date": st.column_config.DateColumn(format="ddd D MMM YYYY"),
        },
    )


st.subheader(":material/notifications: Due now")
if home.due:
    for item in home.due:
        days = item.days_overdue
        overdue = f"{days} day{'s' * (days != 1)} overdue" if days else "due today"
        st.warning(f"{escape(item.message)} — {overdue}.", icon=":material/schedule:")
else:
    st.success("Nothing is due: thank-yous and follow-ups are up to date.", icon=":material/check:")

st.subheader(":material/event_upcoming: Coming up")
if home.upcoming:
    _table(home.upcoming, with_thank_you=False)
else:
    st.info(
        "Nothing planned yet. Who could you ask for twenty minutes of advice this week?",
        icon=":material/lightbulb:",
    )

st.subheader(":material/history: Recent")
if home.recent:
    _table(home.recent, with_thank_you=True)
else:
    st.caption("No interviews held yet.")
