"""Find questions: search by text, category, tag and bank (all in the address)."""

from __future__ import annotations

import streamlit as st

from networkit_core.actor import Actor
from networkit_core.context import Context
from networkit_core.read_models.question_browser import (
    InterviewChoice,
    QuestionLine,
    QuestionSearch,
    QuestionsPage,
)
from networkit_core.services import questions
from pages.shared.questions.usefulness import USEFUL_HELP, useful_cell
from pages.ui.calls import act, fail, form_error, value
from pages.ui.layout import table
from pages.ui.params import filter_box, show, to_address
from pages.ui.text import day, escape, rate

ATTACH_FORM = "attach"


def search_box(page: QuestionsPage, search: QuestionSearch) -> None:
    """The filters, showing what the address says."""
    text, category, tag, bank = st.columns([3, 2, 2, 2])
    show("find_q", search.text)
    text.text_input(
        "Search questions",
        key="find_q",
        placeholder="Words in the question, its category or tags",
        on_change=to_address,
        args=("q", "find_q"),
    )
    filter_box(
        category,
        "Category",
        page.categories,
        key="find_category",
        name="category",
        current=search.category,
        placeholder="Any category",
    )
    filter_box(
        tag,
        "Tag",
        page.tags,
        key="find_tag",
        name="tag",
        current=search.tag.lower(),
        placeholder="Any tag",
    )
    names = {b.id: b.name for b in page.banks}
    filter_box(
        bank,
        "Bank",
        list(names),
        key="find_bank",
        name="bank",
        current=search.bank_id,
        placeholder="Every bank",
        format_func=lambda bank_id: names[bank_id],
    )


def results(page: QuestionsPage) -> None:
    found = page.questions
    count = len(found)
    st.caption(f"{count} question{'s' if count != 1 else ''} found · {USEFUL_HELP}")
    if not found:
        st.info("No question matches: try fewer words or another tag.", icon=":material/search:")
        return
    table(
        [
            {
                "Question": line.text,
                "Useful": useful_cell(line.times_useful, line.times_rated),
                "At least useful": rate(line.wilson_lower_bound),
                "Tags": list(line.tag_list),
                "Category": line.category,
                "Bank": line.bank_name,
                "From": line.owner_name,
                "Used": line.times_used,
            }
            for line in found
        ],
        key="questions",
        hide_index=True,
        column_config={
            "Question": st.column_config.TextColumn(width="large"),
            "Tags": st.column_config.ListColumn(),
            "Useful": st.column_config.TextColumn(help="Rated 4 or 5 out of 5, of those rated"),
            "Used": st.column_config.NumberColumn(help="Taken to this many interviews"),
            "At least useful": st.column_config.TextColumn(
                help="The lower bound of the 95 % Wilson interval: the share of useful "
                "ratings this question has at least, given how few ratings there are"
            ),
        },
    )


def attach_form(ctx: Context, actor: Actor, page: QuestionsPage) -> None:
    """A graduate takes one of the questions found to one of their upcoming interviews."""
    st.subheader(":material/playlist_add: Take a question to an interview")
    if not page.upcoming:
        st.info(
            "You have no planned interview coming up. Log one on your interviews page, then "
            "come back to pick its questions.",
            icon=":material/event_busy:",
        )
        return
    if not page.questions:
        return
    lines = {line.id: line for line in page.questions}
    meetings = {choice.id: choice for choice in page.upcoming}
    form_error(ATTACH_FORM)
    with st.form(ATTACH_FORM, border=True):
        st.selectbox(
            "Question (from those found above)",
            list(lines),
            key="attach_question",
            format_func=lambda question_id: lines[question_id].text,
        )
        st.selectbox(
            "Interview",
            list(meetings),
            key="attach_interview",
            format_func=lambda interview_id: _meeting(meetings[interview_id]),
        )
        st.form_submit_button(
            "Add to the interview",
            type="primary",
            icon=":material/add:",
            on_click=_attach,
            args=(ctx, actor, lines, meetings),
        )


def _meeting(choice: InterviewChoice) -> str:
    taken = len(choice.question_ids)
    questions_note = f" · {taken} question{'s' if taken != 1 else ''}" if taken else ""
    return f"{day(choice.meeting_date)} · {choice.contact_name}{questions_note}"


def _attach(
    ctx: Context,
    actor: Actor,
    lines: dict[int, QuestionLine],
    meetings: dict[int, InterviewChoice],
) -> None:
    question_id, interview_id = value("attach_question"), value("attach_interview")
    if question_id not in lines or interview_id not in meetings:
        fail(ATTACH_FORM, "Choose a question and an interview.")
        return
    meeting = meetings[interview_id]
    if question_id in meeting.question_ids:
        fail(
            ATTACH_FORM,
            f"That question is already on your interview with {meeting.contact_name}.",
        )
        return
    act(
        ATTACH_FORM,
        f"Added to your interview with {meeting.contact_name} on {day(meeting.meeting_date)}.",
        questions.attach_question,
        ctx,
        actor,
        interview_id,
        question_id,
    )


def bank_note(page: QuestionsPage, search: QuestionSearch) -> None:
    """When one bank is chosen: where it comes from, in words."""
    bank = next((b for b in page.banks if b.id == search.bank_id), None)
    if bank is not None:
        st.caption(
            f"**{escape(bank.name)}** · from {escape(bank.owner_name)} · "
            f"{bank.question_count} question{'s' if bank.question_count != 1 else ''}"
            + (f" · {escape(bank.description)}" if bank.description else "")
        )
