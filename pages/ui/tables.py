"""Tables several pages draw alike."""

from __future__ import annotations

import streamlit as st

from networkit_core.services.overview import CohortLine


def cohort_table(cohorts: list[CohortLine], *, empty: str) -> None:
    if not cohorts:
        st.info(empty, icon=":material/info:")
        return
    st.dataframe(
        [
            {
                "Cohort": cohort.name,
                "Graduates": cohort.graduates,
                "Status": "Archived" if cohort.archived else "Active",
            }
            for cohort in cohorts
        ],
        hide_index=True,
    )
