"""Suggestions: a graduate proposes a question to a bank they read."""

from __future__ import annotations

import streamlit as st

from networkit_core import bounds
from networkit_core.actor import Actor
from networkit_core.context import Context
from networkit_core.models import SuggestionStatus
from networkit_core.read_models.question_browser import QuestionsPage
from networkit_core.services.questions import suggestions as question_suggestions
from networkit_core.services.questions.suggestions import SuggestionView
from pages.ui.calls import act, form_error, value
from pages.ui.layout import table
from pages.ui.text import day, escape, label

SUGGEST_FORM = "suggest"


def suggest_form(ctx: Context, actor: Actor, page: QuestionsPage) -> None:
    # Banks with a curator other than the graduate: the starter bank is read-only.
    banks = {b.id: b for b in page.banks if not b.is_starter and not b.can_edit}
    if not banks:
        st.info(
            "No bank is shared with you yet that takes suggestions: your advisor shares one.",
            icon=":material/info:",
        )
        return
    form_error(SUGGEST_FORM)
    with st.form(SUGGEST_FORM, clear_on_submit=True):
        st.selectbox(
            "Bank",
            list(banks),
            key="suggest_bank",
            format_func=lambda bank_id: f"{banks[bank_id].name} · {banks[bank_id].owner_name}",
        )
        st.text_area(
            "Your question", key="suggest_text", max_chars=bounds.QUESTION.max_chars, height=80
        )
        category, tags = st.columns(2)
        category.text_input(
            "Category (optional)", key="suggest_category", max_chars=bounds.CATEGORY.max_chars
        )
        tags.text_input(
            "Tags (optional, separated by ;)", key="suggest_tags", max_chars=bounds.TAGS.max_chars
        )
        st.form_submit_button(
            "Suggest", icon=":material/send:", on_click=_suggest, args=(ctx, actor)
        )


def _suggest(ctx: Context, actor: Actor) -> None:
    act(
        SUGGEST_FORM,
        "Suggested: the bank's owner will accept or decline it.",
        question_suggestions.suggest_question,
        ctx,
        actor,
        value("suggest_bank"),
        text=value("suggest_text") or "",
        category=value("suggest_category") or "",
        tags=value("suggest_tags") or "",
    )


def my_suggestions(page: QuestionsPage) -> None:
    if not page.suggestions:
        return
    st.markdown("##### Your suggestions")
    table(
        [
            {
                "Question": s.text,
                "Bank": s.bank_name,
                "Suggested": day(s.suggested_at),
                "Status": label(s.status),
            }
            for s in page.suggestions
        ],
        key="my_suggestions",
        hide_index=True,
        column_config={"Question": st.column_config.TextColumn(width="large")},
    )


def pending_count(page: QuestionsPage) -> int:
    return sum(s.can_decide for s in page.suggestions)


def review(ctx: Context, actor: Actor, page: QuestionsPage) -> None:
    """Each pending suggestion with its two answers; decided ones below."""
    pending = [s for s in page.suggestions if s.can_decide]
    if not pending:
        st.success("No suggestion is waiting for you.", icon=":material/check_circle:")
    for suggestion in pending:
        _pending(ctx, actor, suggestion)
    decided = [s for s in page.suggestions if s.status is not SuggestionStatus.PENDING]
    if decided:
        with st.expander(f"Answered ({len(decided)})", icon=":material/history:"):
            table(
                [
                    {
                        "Question": s.text,
                        "Bank": s.bank_name,
                        "From": s.suggested_by,
                        "Status": label(s.status),
                        "Answered": day(s.decided_at),
                    }
                    for s in decided
                ],
                key="answered",
                hide_index=True,
            )


def _pending(ctx: Context, actor: Actor, suggestion: SuggestionView) -> None:
    where = f"suggestion_{suggestion.id}"
    with st.container(border=True):
        st.markdown(escape(suggestion.text))
        details = [
            suggestion.bank_name,
            f"from {suggestion.suggested_by}",
            day(suggestion.suggested_at),
        ]
        if suggestion.category:
            details.append(suggestion.category)
        if suggestion.tags:
            details.append(suggestion.tags.replace(";", ", "))
        st.caption(" · ".join(escape(part) for part in details))
        form_error(where)
        accept, decline = st.columns(2)
        accept.button(
            "Accept",
            key=f"{where}_accept",
            type="primary",
            icon=":material/check:",
            on_click=act,
            args=(
                where,
                f"Accepted into {escape(suggestion.bank_name)}.",
                question_suggestions.accept_suggestion,
                ctx,
                actor,
                suggestion.id,
            ),
        )
        decline.button(
            "Decline",
            key=f"{where}_decline",
            icon=":material/close:",
            on_click=act,
            args=(
                where,
                "Declined.",
                question_suggestions.decline_suggestion,
                ctx,
                actor,
                suggestion.id,
            ),
        )
