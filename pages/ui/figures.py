"""The rates of DESIGN.md as metrics, in one order and with one wording on every page."""

from __future__ import annotations

import streamlit as st

from networkit_core.figures.rates import Rates
from pages.ui.text import change, rate

# The headline figure first: the follow-up completion rate.
RATES = (
    ("follow_up_completion_rate", "Follow-up completion"),
    ("thank_you_rate", "Thank-you"),
    ("on_time_thank_you_rate", "On-time thank-you"),
    ("follow_up_asked_rate", "Follow-up asked"),
    ("notes_rate", "Notes written"),
    ("prep_score", "Preparation"),
)


def rate_metrics(figures: Rates, compared: Rates | None, *, versus: str, per_row: int = 3) -> None:
    """One metric per rate; `compared` gives each its change ("+3.2 pts"), `versus` says
    against what (the previous period, the cohort)."""
    for start in range(0, len(RATES), per_row):
        for column, (field, name) in zip(
            st.columns(per_row), RATES[start : start + per_row], strict=False
        ):
            value = getattr(figures, field)
            other = getattr(compared, field) if compared is not None else None
            column.metric(
                name,
                rate(value),
                delta=change(value, other),
                delta_description=versus,
                border=True,
                help=f"{versus}: {rate(other)}" if compared is not None else None,
            )
