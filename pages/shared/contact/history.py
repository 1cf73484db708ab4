"""One interview on a contact's page: when, its status, the thank-you, follow-ups and outcomes."""

from __future__ import annotations

import streamlit as st

from networkit_core.models import InterviewStatus
from networkit_core.read_models.contact_page import ContactInterview
from pages.ui.text import day, escape, label

INTERVIEW_PAGE = "pages/graduate/interview/page.py"
OUTCOMES = {
    "outcome_trends": "Industry trends",
    "outcome_hiring": "May be hiring",
    "outcome_marketability": "Marketability",
    "outcome_job_leads": "Job leads",
}


def interview_card(item: ContactInterview, *, link: bool) -> None:
    """`link`: the graduate opens the interview; an advisor reads it here."""
    view = item.interview
    line = f"{day(view.meeting_date)} · {label(view.status)} · {label(view.location_type)}"
    with st.container(border=True):
        if link:
            st.page_link(
                INTERVIEW_PAGE,
                label=escape(line),
                icon=":material/event:",
                query_params={"id": view.public_id},
                width="stretch",
            )
        else:
            st.markdown(f"**{escape(line)}**")
        if view.thank_you_sent_on:
            how = f" by {label(view.thank_you_method).lower()}" if view.thank_you_method else ""
            st.markdown(escape(f"Thank-you sent {day(view.thank_you_sent_on)}{how}"))
        elif view.status is InterviewStatus.COMPLETED:
            st.markdown("Thank-you not sent yet")
        if item.follow_ups:
            st.markdown(f"Follow-ups ({len(item.follow_ups)}):")
            for follow_up in item.follow_ups:
                note = f" — {follow_up.note}" if follow_up.note else ""
                st.markdown(f"- {escape(f'{day(follow_up.date)} · {label(follow_up.kind)}{note}')}")
        outcomes = [(words, getattr(view, field)) for field, words in OUTCOMES.items()]
        for words, text in outcomes:
            if text:
                st.markdown(f"**{escape(words)}:** {escape(text)}")
        if view.notes or view.private_notes:
            with st.expander("Notes", icon=":material/edit_note:"):
                if view.notes:
                    st.markdown(escape(view.notes))
                if view.private_notes:
                    st.caption("Private notes (only you see these)")
                    st.markdown(escape(view.private_notes))
