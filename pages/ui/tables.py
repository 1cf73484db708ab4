"""Tables several pages draw alike."""

from __future__ import annotations

from collections.abc import Iterable

import streamlit as st

from networkit_core.services.cohorts import CohortView
from pages.ui.text import escape


def cohort_table(cohorts: list[CohortView], *, empty: str) -> None:
    if not cohorts:
        st.info(empty, icon=":material/info:")
        return
    st.dataframe(
        [
            {
                "Cohort": cohort.name,
                "Graduates": cohort.graduate_count,
                "Status": "Archived" if cohort.archived else "Active",
            }
            for cohort in cohorts
        ],
        hide_index=True,
    )


def problem_list(problems: Iterable[object]) -> None:
    """A file's problems as the core words them ("row 3, column email: ..."), one per line:
    they wrap on any screen, where a table's cells are cut."""
    st.markdown("\n".join(f"- {escape(problem)}" for problem in problems))
