"""What works: the questions ranked by the core's one rule (figures/questions.py), filterable by
cohort (advisors and admins) and category, with the counts behind each place."""

from __future__ import annotations

import streamlit as st

from networkit_core.actor import Actor
from networkit_core.figures.questions import RULE
from networkit_core.read_models.question_browser import QuestionsPage, RankingFilter
from pages.shared.questions.usefulness import useful_cell
from pages.ui.layout import table
from pages.ui.params import filter_box
from pages.ui.text import escape, rate


def ranking_filters(actor: Actor, page: QuestionsPage, wanted: RankingFilter) -> None:
    cohort_column, category_column = st.columns(2)
    if not actor.is_graduate:
        filter_box(
            cohort_column,
            "Cohort",
            [cohort.name for cohort in page.cohorts],
            key="rank_cohort",
            name="cohort",
            current=wanted.cohort,
            placeholder="All my cohorts" if actor.is_advisor else "Every cohort",
        )
    filter_box(
        category_column,
        "Category",
        page.categories,
        key="rank_category",
        name="rank_category",
        current=wanted.category,
        placeholder="Any category",
    )


def ranking_table(actor: Actor, page: QuestionsPage, wanted: RankingFilter) -> None:
    st.caption(escape(RULE))
    whose = (
        "every graduate's ratings (counts only: nobody's own ratings are shown)"
        if actor.is_graduate
        else f"the ratings of {escape(wanted.cohort) if wanted.cohort else 'your cohorts'}"
        if actor.is_advisor
        else f"the ratings of {escape(wanted.cohort) if wanted.cohort else 'every cohort'}"
    )
    st.caption(f"Counted from {whose}.")
    if not page.ranking:
        st.info(
            "No question was taken to an interview here yet: the ranking fills as graduates "
            "rate the questions they used.",
            icon=":material/leaderboard:",
        )
        return
    best = page.ranking[0]
    if best.times_rated:
        st.markdown(
            f"**Works best:** {escape(best.text)} — useful in "
            f"{useful_cell(best.times_useful, best.times_rated)} ratings, "
            f"at least {rate(best.wilson_lower_bound)}."
        )
    table(
        [
            {
                "Rank": place,
                "Question": q.text,
                "Useful": useful_cell(q.times_useful, q.times_rated),
                "At least useful": rate(q.wilson_lower_bound),
                "Useful share": rate(q.useful_share),
                "Used": q.times_used,
                "Category": q.category,
                "Bank": q.bank,
            }
            for place, q in enumerate(page.ranking, 1)
        ],
        key="ranking",
        hide_index=True,
        column_config={
            "Rank": st.column_config.NumberColumn(width="small"),
            "Question": st.column_config.TextColumn(width="large"),
            "Used": st.column_config.NumberColumn(help="Taken to this many interviews"),
            "At least useful": st.column_config.TextColumn(
                help="The ranking key: the 95 % Wilson lower bound of the useful share"
            ),
        },
    )
