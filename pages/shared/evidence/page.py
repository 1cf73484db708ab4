"""Which habits went with doors opening (`/evidence?cohort=NAME&from=D&to=D&outcome=O`), for
advisors (their cohorts) and admins (all): for each habit and outcome, the share of completed
interviews with the outcome with and without the habit, their difference and its 95 %
interval, as a forest plot and in plain sentences. What went together, not what caused what:
the page says so once, at the top."""

from __future__ import annotations

import streamlit as st

from networkit_core.figures.evidence import EvidenceRow, Outcome
from networkit_core.models import Role
from networkit_core.read_models.evidence_page import EvidencePage, evidence_page
from pages.shared.evidence.forest import forest
from pages.ui.cache import cached
from pages.ui.charts import draw
from pages.ui.layout import table
from pages.ui.params import param, show, to_address
from pages.ui.session import require
from pages.ui.text import DATE_INPUT_FORMAT, day, escape, percent

ALL = ""  # the option for every cohort in reach

actor = require(Role.ADVISOR, Role.ADMIN)
board: EvidencePage = cached(
    evidence_page,
    actor,
    cohort=param("cohort") or None,
    start=param("from") or None,
    end=param("to") or None,
)
everyone = "All my cohorts" if actor.role is Role.ADVISOR else "All cohorts"


def outcome_label(outcome: Outcome) -> str:
    """ "A referral", from the core's "a referral"."""
    name = next(row.outcome_name for row in board.rows if row.outcome is outcome)
    return name[:1].upper() + name[1:]


def _number(value: float | None) -> float | None:
    return None if value is None else round(value * 100, 1)


st.title("Evidence")
st.info(escape(board.caveat), icon=":material/info:")
scope_name = board.cohort.name if board.cohort else everyone
start, end = board.period.start, board.period.end
st.caption(
    f"{escape(scope_name)} · interviews held "
    f"{'from ' + day(start) if start else 'since the beginning'} "
    f"{'to ' + day(end) if end else 'to today'} · {board.interviews} completed interviews counted"
)

show("evidence_cohort", board.cohort.name if board.cohort else ALL)
show("evidence_from", start)
show("evidence_to", end)
cohort_column, from_column, to_column = st.columns([3, 2, 2])
cohort_column.selectbox(
    "Cohort",
    [ALL, *(cohort.name for cohort in board.cohorts)],
    format_func=lambda name: name or everyone,
    key="evidence_cohort",
    on_change=to_address,
    args=("cohort", "evidence_cohort"),
)
from_column.date_input(
    "Held from",
    value=None,
    key="evidence_from",
    format=DATE_INPUT_FORMAT,
    on_change=to_address,
    args=("from", "evidence_from"),
    help="Empty: from the first interview.",
)
to_column.date_input(
    "Held to",
    value=None,
    key="evidence_to",
    format=DATE_INPUT_FORMAT,
    on_change=to_address,
    args=("to", "evidence_to"),
    help="Empty: to today.",
)

outcomes = [outcome for outcome in Outcome if any(row.outcome is outcome for row in board.rows)]
if not outcomes:
    st.info("No completed interview in this scope yet: nothing to compare.", icon=":material/info:")
    st.stop()

asked = param("outcome")
show("evidence_outcome", next((o for o in outcomes if o.value == asked), outcomes[0]))
chosen: Outcome = st.radio(
    "Went with",
    outcomes,
    format_func=outcome_label,
    horizontal=True,
    key="evidence_outcome",
    on_change=to_address,
    args=("outcome", "evidence_outcome"),
)
rows: list[EvidenceRow] = [row for row in board.rows if row.outcome is chosen]

st.subheader(f"What went with {escape(rows[0].outcome_name)}")
if any(not row.too_few for row in rows):
    st.caption(
        "Each row: how many percentage points more often (right of 0) or less often (left) "
        "an interview with the habit went with this outcome than one without. The dot is the "
        "difference, the bar its 95 % interval. Blue: a clear difference (the bar stays off "
        "0); grey: no clear difference (the bar crosses 0)."
    )
    draw(forest, rows)
few = [row.habit_name for row in rows if row.too_few]
if few:
    st.caption(
        "Too few to say (fewer than 10 interviews with or without the habit): "
        + ", ".join(escape(name) for name in few)
        + "."
    )
st.markdown("\n".join(f"- {escape(row.sentence)}" for row in rows))

with st.expander("Every habit and outcome, in numbers", icon=":material/table:"):
    table(
        [
            {
                "Habit": row.habit_name,
                "Outcome": row.outcome_name,
                "With: interviews": row.n_with,
                "With: rate": percent(row.rate_with),
                "Without: interviews": row.n_without,
                "Without: rate": percent(row.rate_without),
                "Difference (points)": _number(row.difference),
                "95 % from": _number(row.ci_low),
                "95 % to": _number(row.ci_high),
            }
            for row in board.rows
        ],
        key="evidence_numbers",
        hide_index=True,
        column_config={
            "With: rate": st.column_config.NumberColumn(format="%.1f %%"),
            "Without: rate": st.column_config.NumberColumn(format="%.1f %%"),
        },
    )
    st.caption(
        "The interval counts a graduate's interviews as one cluster (they are not "
        "independent). “None” or “—”: too few interviews to say."
    )
