"""Links to one interview, by its text id (never a row number), and how a line of it reads."""

from __future__ import annotations

import streamlit as st

from networkit_core.services.interviews import InterviewView
from pages.ui.links import linked
from pages.ui.text import day, escape, label

INTERVIEW_PAGE = "pages/graduate/interview/page.py"


def interview_line(view: InterviewView, *, with_status: bool = True) -> str:
    """ "Thu 26 Nov 2026 · 14:30 · Priya Shah (Acme) · Coffee shop", Markdown-escaped."""
    parts = [day(view.meeting_date)]
    if view.meeting_time is not None:
        parts.append(f"{view.meeting_time:%H:%M}")
    who = view.contact_name
    if view.contact_organization:
        who = f"{who} ({view.contact_organization})"
    parts.append(who)
    parts.append(label(view.location_type))
    if with_status:
        parts.append(label(view.status))
    return escape(" · ".join(parts))


def interview_link(
    view: InterviewView, *, text: str | None = None, with_status: bool = True
) -> None:
    st.page_link(
        linked(INTERVIEW_PAGE),
        label=text or interview_line(view, with_status=with_status),
        icon=":material/event:",
        query_params={"id": view.public_id},
        width="stretch",
    )


def new_interview_link(text: str = "Log a new interview") -> None:
    st.page_link(linked(INTERVIEW_PAGE), label=text, icon=":material/add_circle:")
