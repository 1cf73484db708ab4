"""The advisor's first screen: who needs a nudge today, then the figures of the period asked for."""

from __future__ import annotations

from datetime import timedelta

import streamlit as st

from networkit_core.figures.periods import PeriodChoice
from networkit_core.figures.rates import RATE_NAMES, rate_help
from networkit_core.figures.triage import reason_of
from networkit_core.models import Role
from networkit_core.read_models.dashboard import Dashboard, advisor_dashboard
from pages.advisor.dashboard import triage, views
from pages.ui import charts
from pages.ui.cache import cached
from pages.ui.figures import goal_value, rate_metrics
from pages.ui.fragments import forget
from pages.ui.layout import DAYS, table
from pages.ui.links import linked
from pages.ui.session import call, context, require
from pages.ui.text import (
    DATE_INPUT_FORMAT,
    day,
    escape,
    first_name,
    percent,
)

PERIODS = {
    PeriodChoice.TERM: "This term",
    PeriodChoice.LAST_30_DAYS: "Last 30 days",
    PeriodChoice.ALL_TIME: "All time",
    PeriodChoice.CUSTOM: "From … to …",
}
GRADUATE_PAGE = "pages/advisor/graduate/page.py"

actor = require(Role.ADVISOR)
forget()  # this full run reads the nudge list afresh: nothing the triage kept is newer
asked = st.query_params
board: Dashboard = cached(
    advisor_dashboard,
    actor,
    cohort=asked.get("cohort"),
    period=asked.get("period"),
    start=asked.get("from"),
    end=asked.get("to"),
)
call(reason_of, asked.get("reason"))  # a reason the address misnames stops the page here
today = context().clock.today()


def _apply_filters() -> None:
    """Filter callback: the address takes the filters, so the view can be bookmarked."""
    state = st.session_state
    params: dict[str, str] = {}
    if state["filter_cohort"]:
        params["cohort"] = state["filter_cohort"]
    choice = state["filter_period"]
    if choice is PeriodChoice.CUSTOM:
        start, end = state.get("filter_from"), state.get("filter_to")
        params["from"] = (start or today - timedelta(days=29)).isoformat()
        params["to"] = (end or today).isoformat()
    elif choice is not PeriodChoice.TERM:
        params["period"] = choice.value
    if st.query_params.get("reason"):
        params["reason"] = st.query_params["reason"]  # kept; a new scope starts on page 1
    st.query_params.from_dict(params)


st.title("Dashboard")
if not board.cohorts:
    st.info("You do not coach any cohort yet; an admin assigns cohorts.", icon=":material/info:")
scope_name = board.cohort.name if board.cohort else "all your cohorts"
st.caption(
    f"Good day, {escape(first_name(actor))} — {escape(scope_name)}, "
    f"{day(board.period.start) if board.period.start else 'the beginning'} to "
    f"{day(board.period.end) if board.period.end else 'today'}"
)

# The widgets show what the address says (the address is the truth, the widgets follow it).
ALL_COHORTS = ""  # the option for all my cohorts (None would read as "nothing chosen")
st.session_state["filter_cohort"] = board.cohort.name if board.cohort else ALL_COHORTS
st.session_state["filter_period"] = board.choice
st.session_state["filter_from"] = board.period.start or today - timedelta(days=29)
st.session_state["filter_to"] = board.period.end or today
cohort_column, period_column, from_column, to_column = st.columns([3, 2, 2, 2])
cohort_column.selectbox(
    "Cohort",
    [ALL_COHORTS, *(cohort.name for cohort in board.cohorts)],
    format_func=lambda name: name or "All my cohorts",
    key="filter_cohort",
    on_change=_apply_filters,
)
period_column.selectbox(
    "Period", list(PERIODS), format_func=PERIODS.get, key="filter_period", on_change=_apply_filters
)
if board.choice is PeriodChoice.CUSTOM:
    from_column.date_input(
        "From", key="filter_from", on_change=_apply_filters, format=DATE_INPUT_FORMAT
    )
    to_column.date_input("To", key="filter_to", on_change=_apply_filters, format=DATE_INPUT_FORMAT)
views.render(actor)

st.subheader(":material/notifications_active: Who needs a nudge")
triage.render(actor, board)

st.subheader(":material/monitoring: How your graduates are doing")
versus = "vs the previous period" if board.previous else "all time: nothing to compare"
rate_metrics(board.rates, board.previous_rates, versus=versus, settings=context().settings)
if board.previous:
    st.caption(
        f"Changes in percentage points against {day(board.previous.start)} to "
        f"{day(board.previous.end)}, a period of the same length. "
        f"{board.rates.completed} interviews held, {board.rates.planned} planned."
    )

left, right = st.columns(2)
with left:
    st.markdown("**Interviews planned and held, per week**")
    charts.draw(charts.weekly_interviews, board.weeks)
with right:
    st.markdown("**Thank-you and follow-up completion, per month**")
    charts.draw(charts.monthly_rates, board.months)
left, right = st.columns(2)
with left:
    st.markdown("**From held to followed up**")
    charts.draw(charts.funnel, board.funnel)
with right:
    st.markdown("**Progress against the cohort goals**")
    if board.goals:
        names = {cohort.id: cohort.name for cohort in board.cohorts}
        charts.draw(charts.goal_progress, board.goals, names)
        for goal in board.goals:
            st.caption(
                f"{escape(names.get(goal.cohort_id, ''))} — {goal.name}: "
                f"{goal_value(goal.metric, goal.actual)} of {goal_value(goal.metric, goal.target)}"
                + (f", due {day(goal.due_on)}" if goal.due_on else "")
                + f" ({goal.covers})"
            )
    else:
        st.info("No goal is set for these cohorts; an admin sets them.", icon=":material/flag:")

st.subheader(":material/group: Your graduates")
if board.graduates:
    st.caption(
        "Select a row to open the graduate. Click a column heading to sort. A grey “None” "
        "(“—” on a phone) means there is nothing to count yet (say, no contact has welcomed a "
        "follow-up)."
    )

    def open_graduate(index: int) -> None:
        row = board.graduates[index]
        st.page_link(
            linked(GRADUATE_PAGE),
            label=f"Open {escape(f'{row.first_name} {row.last_name}')}",
            icon=":material/person:",
            query_params={"email": row.graduate_email},
        )

    selection = table(
        [
            {
                "Graduate": f"{row.first_name} {row.last_name}",
                "Cohort": row.cohort,
                "Held": row.interviews_completed,
                "Planned": row.interviews_planned,
                "Follow-up completion": percent(row.follow_up_completion_rate),
                "Thank-you": percent(row.thank_you_rate),
                "On-time thank-you": percent(row.on_time_thank_you_rate),
                "Follow-up asked": percent(row.follow_up_asked_rate),
                "Notes written": percent(row.notes_rate),
                "Preparation": percent(row.prep_score),
                "Last activity": row.last_activity_on,
                "Due items": row.due_items,
                "Email": row.graduate_email,
            }
            for row in board.graduates
        ],
        key="graduates",
        link=open_graduate,
        hide_index=True,
        on_select="rerun",
        selection_mode="single-row",
        column_config={
            name: st.column_config.NumberColumn(
                format="%.1f %%", help=rate_help(key, context().settings)
            )
            for key, name in RATE_NAMES.items()
        }
        | {"Last activity": DAYS},
    )
    if selection.selection.rows:
        picked = board.graduates[selection.selection.rows[0]]
        st.switch_page(GRADUATE_PAGE, query_params={"email": picked.graduate_email})
    st.markdown("**Interviews per graduate**")
    charts.draw(charts.interviews_per_graduate, board.graduates)
else:
    st.info("No graduate in these cohorts yet.", icon=":material/info:")
