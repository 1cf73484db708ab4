"""The interview page's preparation: the checklist with the seed's advice beside each item, and the
questions to take (search the banks I may read, attach, detach, write my own, rate)."""

from __future__ import annotations

import streamlit as st

from networkit_core import bounds
from networkit_core.actor import Actor
from networkit_core.context import Context
from networkit_core.models import InterviewStatus
from networkit_core.read_models.interview_page import InterviewPage
from networkit_core.services import questions
from networkit_core.services.interviews import (
    AttachedQuestionView,
    InterviewDetail,
    InterviewView,
    checklists,
)
from networkit_core.services.interviews.checklists import ChecklistItemView, InterviewChecklists
from networkit_core.services.questions import add_own_question
from pages.ui.calls import act, button, field_error, flash, form_error, value
from pages.ui.fragments import fresh, keep, rerun_on_conflict
from pages.ui.layout import folded
from pages.ui.links import linked
from pages.ui.saved import show_saved
from pages.ui.text import escape

UNSEARCHED = 5
ADDED, REMOVED = "Question added to this interview.", "Question removed from this interview."
RATINGS = [None, 1, 2, 3, 4, 5]
# The words match the ranking on /questions, where a rating of USEFUL_FROM (4) or 5 is useful.
RATING_WORDS = {
    None: "Not rated",
    1: "1 · not useful",
    2: "2 · hardly useful",
    3: "3 · so-so",
    4: "4 · useful",
    5: "5 · very useful",
}


def steps(public_id: str) -> tuple[str, str, str]:
    """The keys of the sections shown one at a time: the checklist, the questions, the thank-you.
    A graduate works on one of them at a time, and every element open on the page slows the
    browser's redraw after each tick. The page opens the one due: the checklist before the
    meeting, the thank-you after it until it is sent, then the questions to rate."""
    return (
        f"prep_checklist_{public_id}",
        f"questions_{public_id}",
        f"thank_you_section_{public_id}",
    )


def _ticked(ctx: Context, actor: Actor, row_id: int, item_id: int, key: str, kept: str) -> None:
    tick = keep(kept, checklists.set_item_ticked)
    act(key, "Checklist saved.", tick, ctx, actor, row_id, item_id, value(key))


def _kept_checklists(public_id: str) -> str:
    return f"checklists_{public_id}"


def current(detail: InterviewDetail) -> InterviewChecklists:
    """The checklists as the page read them, or as the last tick since left them."""
    return fresh(_kept_checklists(detail.interview.public_id), detail.checklists)


def tick_boxes(
    ctx: Context,
    actor: Actor,
    detail: InterviewDetail,
    items: tuple[ChecklistItemView, ...],
    *,
    disabled: bool = False,
) -> None:
    """One checkbox per item, its advice underneath (visible on a phone, not in a tooltip)."""
    view = detail.interview
    kept = _kept_checklists(view.public_id)
    for item in items:
        key = f"tick_{view.public_id}_{item.item_id}"
        show_saved(key, item.ticked)
        st.checkbox(
            item.label,
            key=key,
            on_change=_ticked,
            args=(ctx, actor, view.id, item.item_id, key, kept),
            disabled=disabled,
        )
        st.caption(escape(item.hint))
        form_error(key, conflict=False)


@st.fragment
def checklist(ctx: Context, actor: Actor, detail: InterviewDetail) -> None:
    """A tick reruns this checklist alone."""
    flash()
    lists = current(detail)
    prep, done = lists.prep, lists.prep_ticked
    # Open while the meeting is ahead; after it, drawn only if opened (the count says enough).
    one_of = steps(detail.interview.public_id)
    # The count in the title while closed, on the bar while open: a tick keeps the title (a new
    # title would be a new expander, the whole list drawn anew by the browser).
    count = f"{done} of {len(prep)} done"
    with folded(
        f"Preparation checklist · {count}",
        key=one_of[0],
        icon=":material/checklist:",
        expanded=detail.interview.status is InterviewStatus.PLANNED,
        one_of=one_of,
        open_label="Preparation checklist",
    ) as shown:
        if shown:
            st.progress(done / len(prep) if prep else 0.0, text=count)
            tick_boxes(ctx, actor, detail, prep)


# --- questions ------------------------------------------------------------------------------


def _rated(
    ctx: Context, actor: Actor, row_id: int, question_id: int, key: str, read: int | None
) -> None:
    """A new rating, made from the one the page read (`read`): another tab's is not lost."""
    rating = value(key)
    act(
        key,
        "Rating saved.",
        keep(key, questions.rate_question),
        ctx,
        actor,
        row_id,
        question_id,
        rating,
        expected_usefulness=read,
    )
    rerun_on_conflict(key)


@st.fragment
def _rating(
    ctx: Context, actor: Actor, view: InterviewView, question: AttachedQuestionView
) -> None:
    """A rating reruns its own select alone."""
    flash()
    key = f"rate_{view.public_id}_{question.question_id}"
    saved = fresh(key, (question,))
    mine = question.question_id
    usefulness = next((q.usefulness for q in saved if q.question_id == mine), question.usefulness)
    held = view.status is InterviewStatus.COMPLETED
    show_saved(key, usefulness)
    st.selectbox(
        "How useful was it?",
        RATINGS,
        format_func=RATING_WORDS.get,
        key=key,
        on_change=_rated,
        args=(ctx, actor, view.id, question.question_id, key, usefulness),
        disabled=not held,
        help=None if held else "Rate the questions once the meeting has taken place.",
    )
    form_error(key, conflict=False)


def _wrote(ctx: Context, actor: Actor, row_id: int, key: str) -> None:
    text, category = value(f"{key}_text") or "", value(f"{key}_category") or ""
    done = "Your question is on this interview and in “My questions”."
    if act(key, done, add_own_question, ctx, actor, row_id, text=text, category=category):
        st.session_state[f"{key}_text"] = ""
        st.session_state[f"{key}_category"] = ""


def find_key(public_id: str | None) -> str:
    """The key of the closed section for finding and writing questions: the page reads the banks
    only while it is open."""
    return f"find_questions_{public_id}"


def questions_section(ctx: Context, actor: Actor, page: InterviewPage) -> None:
    assert page.detail is not None
    detail = page.detail
    view = detail.interview
    one_of = steps(view.public_id)
    held = view.status is InterviewStatus.COMPLETED
    with folded(
        f"Questions to ask · {len(detail.questions)} chosen",
        key=one_of[1],
        icon=":material/quiz:",
        # Open to rate them once the thank-you is sent (until then, the thank-you is open).
        expanded=held and view.thank_you_sent_on is not None,
        one_of=one_of,
    ) as shown:
        if shown:
            _chosen(ctx, actor, detail)
    # Searching and writing are for before the meeting, and take room: drawn once opened.
    with folded(
        "Find or write questions", key=find_key(view.public_id), icon=":material/search:"
    ) as shown:
        if shown:
            _find(ctx, actor, page)
            _own_question_form(ctx, actor, view.id, view.public_id)


def _chosen(ctx: Context, actor: Actor, detail: InterviewDetail) -> None:
    view = detail.interview
    if not detail.questions:
        st.caption("No question chosen yet: open “Find or write questions” below.")
    for question in detail.questions:
        with st.container(border=True):
            st.markdown(escape(question.text))
            if question.category:
                st.caption(escape(question.category))
            _rating(ctx, actor, view, question)
            detach = f"detach_{view.public_id}_{question.question_id}"
            args = (questions.detach_question, ctx, actor, view.id, question.question_id)
            icon = ":material/remove_circle:"
            button("Remove from this interview", detach, REMOVED, *args, icon=icon)


def _find(ctx: Context, actor: Actor, page: InterviewPage) -> None:
    assert page.detail is not None
    view = page.detail.interview
    searched = st.text_input(
        "Search the question banks",
        placeholder="career path, hiring…",
        key=f"question_search_{view.public_id}",
    )
    # Unsearched, a few suggestions; a search shows every match the core returns.
    shown = page.questions if searched.strip() else page.questions[:UNSEARCHED]
    if not shown:
        st.caption("No question matches.")
    elif len(shown) < len(page.questions):
        st.caption("A few to start with; search to see more.")
    for choice in shown:
        with st.container(border=True):
            st.markdown(escape(choice.text))
            st.caption(
                escape(" · ".join(part for part in (choice.category, choice.bank_name) if part))
            )
            key = f"attach_{view.public_id}_{choice.id}"
            args = (questions.attach_question, ctx, actor, view.id, choice.id)
            button("Add to this interview", key, ADDED, *args, icon=":material/add:")


def _own_question_form(ctx: Context, actor: Actor, row_id: int, public_id: str) -> None:
    key = f"own_question_{public_id}"
    st.markdown("**Write a question of your own**")
    with st.form(key, border=False):
        st.text_area("Question", key=f"{key}_text", height=80, max_chars=bounds.QUESTION.max_chars)
        field_error(key, "question")
        st.text_input(
            "Category (optional)", key=f"{key}_category", max_chars=bounds.CATEGORY.max_chars
        )
        form_error(key, ("question",), conflict=False)
        st.form_submit_button(
            "Add my question",
            icon=":material/edit_note:",
            on_click=_wrote,
            args=(ctx, actor, row_id, key),
        )
    st.caption("It is kept in your private bank “My questions”, for later interviews too.")
    st.page_link(
        linked("pages/shared/questions/page.py"),
        label="A question others should ask too? Suggest it to a shared bank",
        icon=":material/add_comment:",
        query_params={"tab": "Suggest a question"},
    )
