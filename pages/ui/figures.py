"""The rates of DESIGN.md as metrics, in one order and with one wording on every page: the names and
what each counts come from the core (`figures.rates`), beside their definitions."""

from __future__ import annotations

import streamlit as st

from networkit_core.figures.goals import PER_GRADUATE
from networkit_core.figures.rates import RATE_NAMES, Rates, rate_change, rate_help, rate_text
from networkit_core.models import GoalMetric
from networkit_core.settings import Settings
from pages.ui.text import NO_VALUE

# The headline figure first: the follow-up completion rate.
RATES = tuple(RATE_NAMES.items())


def rate_metrics(
    figures: Rates,
    compared: Rates | None,
    *,
    settings: Settings,
    versus: str = "",
    per_row: int = 3,
) -> None:
    """One metric per rate, its help saying what it counts."""
    for start in range(0, len(RATES), per_row):
        for column, (field, name) in zip(
            st.columns(per_row), RATES[start : start + per_row], strict=False
        ):
            value = getattr(figures, field)
            other = getattr(compared, field) if compared is not None else None
            counts = rate_help(field, settings)
            if compared is not None:
                counts += f"  \n{versus}: {rate_text(other)}"
            column.metric(
                name,
                rate_text(value),
                delta=rate_change(value, other),
                delta_description=versus or None,
                border=True,
                help=counts,
            )


def goal_value(metric: GoalMetric, value: float | None, *, short: bool = False) -> str:
    """A goal's target or figure: interviews per graduate as a number ("4.3"), any other as a
    rate ("80.0 %", or "80 %" `short`, for a chart's label)."""
    if value is None:
        return NO_VALUE
    if metric is PER_GRADUATE:
        return f"{round(value, 1):g}"
    return f"{value * 100:.0f} %" if short else rate_text(value)
