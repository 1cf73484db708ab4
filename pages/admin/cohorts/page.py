"""Cohorts (admins): create, rename, archive; advisors, goals; `?cohort=NAME` opens one."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

from networkit_core import bounds
from networkit_core.figures.goals import PER_GRADUATE, goal_name
from networkit_core.models import GoalMetric, Role
from networkit_core.read_models.cohort_board import (
    CohortBoard,
    CohortLine,
    Person,
    cohort_board,
    cohort_members,
)
from networkit_core.services import cohorts
from networkit_core.services.cohorts import CohortView
from pages.ui.calls import act, fail, form_error, take_conflict, value
from pages.ui.figures import goal_value
from pages.ui.layout import name_and_description, table
from pages.ui.session import call, context, require
from pages.ui.text import DATE_INPUT_FORMAT, NO_VALUE, day, escape

actor = require(Role.ADMIN)
ctx = context()
asked = st.query_params.get("cohort", "")
board = call(cohort_board, ctx, actor)

Service = Callable[[Any], object]


def cohort_table(board: CohortBoard) -> None:
    reached: dict[int, list[bool]] = {}
    for goal in board.goals:
        reached.setdefault(goal.cohort_id, []).append(goal.reached)
    table(
        [
            {
                "Cohort": line.cohort.name,
                "Status": "Archived" if line.cohort.archived else "Active",
                "Graduates": line.cohort.graduate_count,
                "Advisors": ", ".join(person.name or person.email for person in line.advisors)
                or "Nobody yet",
                "Goals reached": (
                    f"{sum(reached[line.cohort.id])} of {len(reached[line.cohort.id])}"
                    if line.cohort.id in reached
                    else NO_VALUE
                ),
            }
            for line in board.cohorts
        ],
        key="cohorts",
        hide_index=True,
    )


def create_form() -> None:
    with st.form("create_cohort", clear_on_submit=True):
        st.markdown("**New cohort**")
        name_and_description(
            "new_cohort", bounds.COHORT_NAME, placeholder="Spring 2027 Engineering"
        )
        st.form_submit_button(
            "Create cohort",
            type="primary",
            icon=":material/add:",
            on_click=create,
        )
    form_error("create_cohort")


def create() -> None:
    def made() -> None:
        cohort = cohorts.create_cohort(
            ctx,
            actor,
            name=value("new_cohort_name") or "",
            description=value("new_cohort_description") or "",
        )
        st.query_params["cohort"] = cohort.name  # the new cohort opens, to assign its advisors

    act("create_cohort", f"Cohort {value('new_cohort_name')} created.", made)


def choose(board: CohortBoard) -> CohortLine | None:
    """The cohort the address names; choosing another puts it in the address."""
    names = [line.cohort.name for line in board.cohorts]
    wanted = asked
    conflict = take_conflict()
    theirs = conflict.error.theirs if conflict is not None else None
    if wanted not in names and isinstance(theirs, CohortView):
        # Renamed by someone else while this page showed it: open it by its new name, beside
        # the conflict that shows both names.
        wanted = theirs.name
        st.query_params["cohort"] = wanted
    # The address wins over what the select held, so a link opens the cohort it names.
    st.session_state["managed"] = wanted if wanted in names else None
    picked = st.selectbox(
        "Manage a cohort",
        names,
        placeholder="Choose a cohort",
        key="managed",
        on_change=lambda: st.query_params.update(cohort=st.session_state["managed"] or ""),
    )
    return next((line for line in board.cohorts if line.cohort.name == picked), None)


def name_and_status(line: CohortLine) -> None:
    cohort = line.cohort
    with st.form("rename_cohort"):
        name_and_description("rename", bounds.COHORT_NAME, cohort.name, cohort.description)
        st.form_submit_button(
            "Save name",
            on_click=rename,
            args=(cohort.id, cohort.version),
        )
    form_error("rename_cohort")
    if cohort.archived:
        st.caption("Archived: its graduates leave every list and the advisors' dashboards.")
        st.button(
            "Unarchive",
            icon=":material/unarchive:",
            on_click=act,
            args=("archive", "Cohort unarchived.", cohorts.unarchive_cohort, ctx, actor, cohort.id),
        )
    else:
        st.button(
            "Archive",
            icon=":material/archive:",
            help="The cohort and its graduates leave the lists; nothing is deleted.",
            on_click=act,
            args=("archive", "Cohort archived.", cohorts.archive_cohort, ctx, actor, cohort.id),
        )
    form_error("archive")


def advisors(line: CohortLine, board: CohortBoard) -> None:
    cohort = line.cohort
    if line.advisors:
        table(
            [{"Advisor": p.name, "Email": p.email} for p in line.advisors],
            key="advisors",
            hide_index=True,
        )
    else:
        st.info("Nobody coaches this cohort yet.", icon=":material/person_off:")
    free = [p for p in board.advisors if p.id not in cohort.advisor_ids]
    assign, unassign = st.columns(2)
    with assign:
        advisor_form("assign", free, "Advisor assigned.", ":material/person_add:", cohort.id)
    with unassign:
        advisor_form(
            "unassign",
            list(line.advisors),
            "Advisor unassigned.",
            ":material/person_remove:",
            cohort.id,
        )
    form_error("assign_advisor")


def advisor_form(verb: str, choices: list[Person], success: str, icon: str, cohort_id: int) -> None:
    """Assign or unassign (`verb`) one advisor of `choices`; errors show under both forms."""
    service = cohorts.assign_advisor if verb == "assign" else cohorts.unassign_advisor
    with st.form(f"{verb}_advisor"):
        st.selectbox(
            f"Advisor to {verb}",
            choices,
            format_func=lambda p: p.label,
            index=None,
            placeholder="Choose an advisor",
            key=f"{verb}_who",
        )
        st.form_submit_button(
            verb.capitalize(),
            icon=icon,
            on_click=with_choice,
            args=(f"{verb}_who", "an advisor", "assign_advisor", success),
            kwargs={"service": lambda who: service(ctx, actor, cohort_id, who.id)},
        )


def goals(line: CohortLine, board: CohortBoard) -> None:
    cohort = line.cohort
    mine = [goal for goal in board.goals if goal.cohort_id == cohort.id]
    st.caption(
        "Each goal counts the cohort's meetings up to its due date, as they stood that day; "
        "until then (or without a due date), its meetings so far."
    )
    if mine:
        table(
            [
                {
                    "Goal": goal.name,
                    "Target": goal_value(goal.metric, goal.target),
                    "Now": goal_value(goal.metric, goal.actual),
                    "Reached": goal.reached,
                    "Due": day(goal.due_on) if goal.due_on else NO_VALUE,
                    "Counts": goal.covers[:1].upper() + goal.covers[1:],
                }
                for goal in mine
            ],
            key="goals",
            hide_index=True,
        )
    else:
        st.info("No goal set for this cohort.", icon=":material/flag:")
    with st.form("set_goal"):
        metric_column, target_column, due_column = st.columns(3)
        metric_column.selectbox("Goal", list(GoalMetric), format_func=goal_name, key="goal_metric")
        target_column.number_input(
            "Target",
            min_value=0.0,
            value=4.0,
            step=1.0,
            key="goal_target",
            help="Interviews per graduate: a number (4). A rate: a percentage (80 for 80 %).",
        )
        due_column.date_input(
            "Due (optional)", value=None, key="goal_due", format=DATE_INPUT_FORMAT
        )
        st.form_submit_button(
            "Set goal",
            icon=":material/flag:",
            on_click=set_goal,
            args=(cohort.id, {goal.metric: goal.version for goal in mine}),
        )
    form_error("set_goal")
    if mine:
        with st.form("remove_goal"):
            st.selectbox("Goal", mine, format_func=lambda goal: goal.name, key="goal_removed")
            st.form_submit_button("Remove goal", icon=":material/delete:", on_click=remove_goal)


def set_goal(cohort_id: int, versions: dict[GoalMetric, int]) -> None:
    """Set the chosen goal, over the version of it shown (`versions`; 0: none was shown)."""
    metric = value("goal_metric")
    target = float(value("goal_target") or 0)
    if metric is not PER_GRADUATE:
        target /= 100  # the form asks for a percentage; the core keeps a fraction
    act(
        "set_goal",
        "Goal set.",
        cohorts.set_cohort_goal,
        ctx,
        actor,
        cohort_id,
        metric=metric,
        target=target,
        due_on=value("goal_due"),
        expected_version=versions.get(metric, 0),
    )


def remove_goal() -> None:
    goal = value("goal_removed")
    if goal is None:
        fail("set_goal", "Choose a goal first.")
        return
    act(
        "set_goal",
        "Goal removed.",
        cohorts.remove_cohort_goal,
        ctx,
        actor,
        goal.goal_id,
        expected_version=goal.version,
    )


def with_choice(key: str, what: str, form: str, success: str, *, service: Service) -> None:
    """A callback acting on the option chosen in the select `key`; none chosen is said."""
    chosen = value(key)
    if chosen is None:
        fail(form, f"Choose {what} first.")
        return
    act(form, success, service, chosen)


def rename(cohort_id: int, version: int) -> None:
    new_name = value("rename_name") or ""
    if act(
        "rename_cohort",
        "Cohort renamed.",
        cohorts.rename_cohort,
        ctx,
        actor,
        cohort_id,
        name=new_name,
        description=value("rename_description") or "",
        expected_version=version,
    ):
        st.query_params["cohort"] = new_name.strip()  # the address follows the new name


def move() -> None:
    who, where = value("move_who"), value("move_to")
    if who is None or where is None:
        fail("move_graduate", "Choose a graduate and the cohort to move them to.")
        return
    act(
        "move_graduate",
        f"{who.person.name} moved to {where.cohort.name}.",
        cohorts.move_graduate,
        ctx,
        actor,
        who.graduate_id,
        where.cohort.id,
    )


def graduates(line: CohortLine, board: CohortBoard) -> None:
    cohort = line.cohort
    members = call(cohort_members, ctx, actor, cohort.id)
    if not members:
        st.info("No graduate in this cohort yet: import a roster.", icon=":material/group:")
        return
    table(
        [{"Graduate": g.person.name, "Email": g.person.email} for g in members],
        key="members",
        hide_index=True,
    )
    others = [other for other in board.cohorts if other.cohort.id != cohort.id]
    with st.form("move_graduate"):
        who, where = st.columns(2)
        who.selectbox(
            "Graduate",
            members,
            format_func=lambda g: g.person.label,
            index=None,
            placeholder="Choose a graduate",
            key="move_who",
        )
        where.selectbox(
            "Move to",
            others,
            format_func=lambda other: other.cohort.name,
            index=None,
            placeholder="Choose a cohort",
            key="move_to",
        )
        st.form_submit_button(
            "Move graduate",
            icon=":material/move_down:",
            on_click=move,
        )
    form_error("move_graduate")


st.title("Cohorts")
st.caption("Who coaches each cohort, its goals, and its graduates")
create_column, table_column = st.columns([1, 2], gap="large")
with create_column:
    create_form()
with table_column:
    if board.cohorts:
        cohort_table(board)
    else:
        st.info("No cohort yet: create the first one.", icon=":material/info:")

line = choose(board)
if line is not None:
    st.subheader(escape(line.cohort.name))
    status, coaches, targets, members = st.tabs(
        ["Name and status", "Advisors", "Goals", "Graduates"]
    )
    with status:
        name_and_status(line)
    with coaches:
        advisors(line, board)
    with targets:
        goals(line, board)
    with members:
        graduates(line, board)
