"""Question banks, for every role: find questions (and, for a graduate, take them to an interview),
see what works, suggest a question."""

from __future__ import annotations

import streamlit as st

from networkit_core.models import Role
from networkit_core.read_models.question_browser import (
    QuestionSearch,
    RankingFilter,
    questions_page,
)
from pages.shared.questions import find, manage, ranking, suggest
from pages.ui.params import int_param, param
from pages.ui.session import call, context, require
from pages.ui.text import day, escape

actor = require(Role.GRADUATE, Role.ADVISOR, Role.ADMIN)
ctx = context()
search = QuestionSearch(
    text=param("q"), category=param("category"), tag=param("tag"), bank_id=int_param("bank")
)
wanted = RankingFilter(cohort=param("cohort"), category=param("rank_category"))
managed_id = int_param("manage")
page = call(questions_page, ctx, actor, search, wanted, manage_bank_id=managed_id)

st.title("Question banks")
if actor.is_graduate:
    if page.upcoming:
        soonest = page.upcoming[0]
        ready = len(soonest.question_ids)
        st.caption(
            f"Next: {day(soonest.meeting_date)} with **{escape(soonest.contact_name)}** — "
            f"{ready} question{'s' if ready != 1 else ''} ready. Find good ones below and add them."
        )
    else:
        st.caption("Find questions that worked for other graduates, for your next interview.")
else:
    waiting = suggest.pending_count(page)
    if waiting:
        st.info(
            f"{waiting} suggested question{'s' if waiting != 1 else ''} "
            f"{'wait' if waiting != 1 else 'waits'} for your answer: see **Suggestions**.",
            icon=":material/inbox:",
        )
    else:
        st.caption("Curate and share question banks; see which questions work for your cohorts.")

labels = (
    ["Find questions", "What works", "Suggest a question"]
    if actor.is_graduate
    else ["Find questions", "What works", "Manage banks", "Suggestions"]
)
tabs = dict(zip(labels, st.tabs(labels, key="tab", bind="query-params"), strict=True))

with tabs["Find questions"]:
    find.search_box(page, search)
    find.bank_note(page, search)
    find.results(page)
    if actor.is_graduate:
        find.attach_form(ctx, actor, page)

with tabs["What works"]:
    ranking.ranking_filters(actor, page, wanted)
    ranking.ranking_table(actor, page, wanted)

if actor.is_graduate:
    with tabs["Suggest a question"]:
        st.caption("Missing a question? Suggest it to a bank; its owner accepts or declines it.")
        suggest.suggest_form(ctx, actor, page)
        suggest.my_suggestions(page)
else:
    with tabs["Manage banks"]:
        manage.choose_bank(page, managed_id)
        manage.bank_panel(ctx, actor, page)
        st.markdown("#### New bank")
        manage.new_bank(ctx, actor)
    with tabs["Suggestions"]:
        suggest.review(ctx, actor, page)
