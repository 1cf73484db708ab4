"""One interview (`/interview?id=NW-…`; without an id, a new one), before and after the meeting."""

from __future__ import annotations

import streamlit as st

from networkit_core.models import Role
from networkit_core.read_models.interview_page import open_interview
from pages.graduate.interview import after, details, prepare
from pages.ui.fragments import forget
from pages.ui.links import linked
from pages.ui.session import call, context, require

actor = require(Role.GRADUATE)
forget()  # this full run reads everything afresh: nothing a fragment kept is newer
ctx = context()
public_id = st.query_params.get("id") or None
# The banks are read only while "Find or write questions" is open (prepare.find_key).
finding = public_id is not None and bool(st.session_state.get(prepare.find_key(public_id)))
search = st.session_state.get(f"question_search_{public_id}", "") if finding else None
# The contacts to choose from, only for a new interview or while "Who, when and where" is open.
choosing = public_id is None or bool(st.session_state.get(details.where_key(public_id)))
page = call(open_interview, ctx, actor, public_id, search=search, with_contacts=choosing)
st.page_link(
    linked("pages/graduate/interviews/page.py"), label="My interviews", icon=":material/arrow_back:"
)

if page.detail is None:
    details.new_interview(ctx, actor, page)
    st.stop()

detail = page.detail
details.heading(ctx, actor, detail)
if detail.interview.deleted:
    st.stop()
details.conflict_panel(page)
after.next_step(ctx, actor, detail, page.today)
details.details_form(ctx, actor, page)
prepare.checklist(ctx, actor, detail)
prepare.questions_section(ctx, actor, page)
after.after_the_meeting(ctx, actor, page)
details.calendar_and_delete(ctx, actor, detail)
