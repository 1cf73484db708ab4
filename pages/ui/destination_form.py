"""Where a graduate landed, and the form that records it: one helper for the graduate's own
/progress and for their advisor's /graduate?email=E, so both read and write it the same way.

Recording again is how a destination is corrected (the core keeps the history, the newest
counts), so the form carries no version: nothing is overwritten. Its fields start from the
current destination and follow it when a new one is saved (here or in another tab).
"""

from __future__ import annotations

import streamlit as st

from networkit_core import bounds
from networkit_core.actor import Actor
from networkit_core.context import Context
from networkit_core.services.destinations import (
    DestinationForm,
    DestinationInput,
    DestinationView,
    record_destination,
)
from pages.ui.cache import wrote
from pages.ui.calls import act, fail, field_error, form_error, value
from pages.ui.layout import table
from pages.ui.text import DATE_COLUMN_FORMAT, DATE_INPUT_FORMAT, day, escape, label

# The core's field names, in the form's order: each message shows under its own field.
FIELDS = ("status", "organization", "job_title", "start_date", "found_through_interview_id")
NOT_THROUGH = ""  # the option "not through an interview" (None would read as nothing chosen)


def current_line(current: DestinationView) -> str:
    """The destination that counts, in one line of escaped Markdown."""
    where = " at ".join(escape(part) for part in (current.job_title, current.organization) if part)
    parts = [f"**{escape(current.status_label)}**" + (f" — {where}" if where else "")]
    if current.start_date is not None:
        parts.append(f"started {day(current.start_date)}")
    if current.found_through_contact:
        parts.append(f"found through the interview with {escape(current.found_through_contact)}")
    by = f" by {escape(current.recorded_by)}" if current.recorded_by else ""
    parts.append(f"recorded {day(current.recorded_on)}{by}")
    return " · ".join(parts)


def destination_section(
    ctx: Context, actor: Actor, form: DestinationForm, *, key: str, own: bool
) -> None:
    """The current destination, the form (when `actor` may record one), the history in an
    expander. `own`: the graduate's own page ("my interviews"), else their advisor's."""
    if form.current is not None:
        st.markdown(current_line(form.current))
    elif own:
        st.caption(
            "Nothing recorded yet. Once you know where you landed (or that you are still "
            "seeking), record it here: it helps the centre see what the advice leads to."
        )
    else:
        st.caption("No destination recorded for this graduate yet.")
    if form.may_record and form.current is None:
        _form(ctx, actor, form, key=key, own=own)
    elif form.may_record:
        # Recorded already: changing it is the rarer act, one click away.
        with st.expander("Update or correct it", icon=":material/edit:"):
            _form(ctx, actor, form, key=key, own=own)
    if form.history:
        with st.expander(
            f"History ({len(form.history)} recorded, the newest counts)", icon=":material/history:"
        ):
            table(
                [
                    {
                        "Recorded on": row.recorded_on,
                        "Status": row.status_label,
                        "Organisation": row.organization,
                        "Job title": row.job_title,
                        "Start date": row.start_date,
                        "Found through": row.found_through_contact or "",
                        "Recorded by": row.recorded_by or label(row.source),
                    }
                    for row in form.history
                ],
                key=f"{key}_history",
                hide_index=True,
                column_config={
                    "Recorded on": st.column_config.DateColumn(format=DATE_COLUMN_FORMAT),
                    "Start date": st.column_config.DateColumn(format=DATE_COLUMN_FORMAT),
                },
            )


def _fill(form: DestinationForm, key: str) -> None:
    """Before the fields are drawn: start them from the current destination, once per current
    destination (what was typed stays after a refusal; a new save shows what was saved)."""
    state = st.session_state
    current = form.current
    shows = (form.graduate_id, current.id if current else None)
    if state.get(f"{key}_shows") == shows:
        return
    choices = {choice.interview_id for choice in form.interviews}
    through = current.found_through_interview_id if current else None
    state[f"{key}_status"] = current.status if current else None
    state[f"{key}_organization"] = current.organization if current else ""
    state[f"{key}_job_title"] = current.job_title if current else ""
    state[f"{key}_start_date"] = current.start_date if current else None
    state[f"{key}_found_through_interview_id"] = through if through in choices else NOT_THROUGH
    state[f"{key}_shows"] = shows


def _form(ctx: Context, actor: Actor, form: DestinationForm, *, key: str, own: bool) -> None:
    _fill(form, key)
    statuses = dict(form.statuses)
    interviews = {choice.interview_id: choice.label for choice in form.interviews}
    with st.form(f"{key}_form", border=True):
        st.markdown("**Record where " + ("I" if own else "they") + " landed**")
        form_error(f"{key}_form", FIELDS)
        st.selectbox(
            "Status",
            list(statuses),
            format_func=statuses.get,
            index=None,
            placeholder="Choose…",
            key=f"{key}_status",
        )
        field_error(f"{key}_form", "status")
        organization, job_title = st.columns(2)
        with organization:
            st.text_input(
                "Organisation",
                key=f"{key}_organization",
                max_chars=bounds.ORGANIZATION.max_chars,
                placeholder="Acme Analytics",
            )
            field_error(f"{key}_form", "organization")
        with job_title:
            st.text_input(
                "Job title (or programme)",
                key=f"{key}_job_title",
                max_chars=bounds.JOB_TITLE.max_chars,
                placeholder="Data analyst",
            )
            field_error(f"{key}_form", "job_title")
        st.date_input(
            "Start date",
            value=None,
            key=f"{key}_start_date",
            format=DATE_INPUT_FORMAT,
            help="Leave it empty if it is not known yet. Still seeking has none.",
        )
        field_error(f"{key}_form", "start_date")
        st.selectbox(
            "Found through " + ("one of my interviews" if own else "one of their interviews"),
            [NOT_THROUGH, *interviews],
            format_func=lambda choice: interviews.get(choice, "Not through an interview"),
            key=f"{key}_found_through_interview_id",
        )
        field_error(f"{key}_form", "found_through_interview_id")
        st.form_submit_button(
            "Save destination",
            icon=":material/save:",
            type="primary",
            on_click=_save,
            args=(ctx, actor, form.graduate_id, form.graduate_name, key, own),
        )


def _save(ctx: Context, actor: Actor, graduate_id: int, name: str, key: str, own: bool) -> None:
    form = f"{key}_form"
    status = value(f"{key}_status")
    if status is None:
        fail(form, "Choose a status: where " + ("you" if own else "they") + " landed.", "status")
        return
    data = DestinationInput(
        status=status,
        organization=value(f"{key}_organization") or "",
        job_title=value(f"{key}_job_title") or "",
        start_date=value(f"{key}_start_date"),
        found_through_interview_id=value(f"{key}_found_through_interview_id") or None,
    )
    done = "Destination saved." if own else f"Destination saved for {name}."
    # The form's own graduate, read in scope; the core decides again whether this actor may.
    if act(form, done, record_destination, ctx, actor, data, graduate_id=graduate_id):
        wrote(actor)  # the outcomes figures this user sees are stale
