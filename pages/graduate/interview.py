"""One interview (`/interview?id=NW-…`; without an id, a new one): who, when and where; the
preparation checklist; the questions to take; after the meeting, the notes, the self-check,
the thank-you, follow-ups and outcomes; a thank-you draft and calendar files."""

from __future__ import annotations

import streamlit as st

from networkit_core.models import Role
from networkit_core.services.interview_page import open_interview
from pages.ui import interview_after, interview_details, interview_prepare
from pages.ui.session import call, context, require

actor = require(Role.GRADUATE)
ctx = context()
public_id = st.query_params.get("id") or None
search = st.session_state.get(f"question_search_{public_id}", "")
page = call(open_interview, ctx, actor, public_id, search=search)
st.page_link("pages/graduate/interviews.py", label="My interviews", icon=":material/arrow_back:")

if page.detail is None:
    interview_details.new_interview(ctx, actor, page)
    st.stop()

detail = page.detail
interview_details.heading(ctx, actor, detail)
if detail.interview.deleted:
    st.stop()
interview_details.conflict_panel(page)
interview_after.next_step(ctx, actor, detail, page.today)
interview_details.details_form(ctx, actor, page)
interview_prepare.checklist(ctx, actor, detail)
interview_prepare.questions_section(ctx, actor, page)
interview_after.after_the_meeting(ctx, actor, page)
interview_details.calendar_and_delete(ctx, actor, detail)
