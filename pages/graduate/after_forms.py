"""The forms a graduate records a meeting's aftermath with, on the interview page and on the due
cards of My interviews: what happened (held, cancelled, missed), the thank-you sent, a follow-up
sent."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import streamlit as st

from networkit_core import bounds
from networkit_core.actor import Actor
from networkit_core.context import Context
from networkit_core.models import FollowUpKind, ThankYouMethod
from networkit_core.services import interviews
from networkit_core.services.interviews import follow_ups
from pages.ui.calls import act, fail, field_error, form_error, value
from pages.ui.fragments import INTERVIEW, fresh, keep, rerun_on_conflict, stale, wrote
from pages.ui.text import label

OUTCOMES = {
    "held": (interviews.complete_interview, "It took place", "Recorded as held."),
    "cancelled": (interviews.cancel_interview, "It was cancelled", "Recorded as cancelled."),
    "missed": (interviews.mark_no_show, "It was missed (no-show)", "Recorded as missed."),
}
METHOD_WORDS = {
    ThankYouMethod.CARD: "Handwritten card",
    ThankYouMethod.EMAIL: "E-mail",
    ThankYouMethod.OTHER: "Other",
}


def outcome_buttons(
    ctx: Context,
    actor: Actor,
    row_id: int,
    key: str,
    *,
    version: int | None,
    meeting_passed: bool = True,
) -> None:
    """Held, cancelled or missed: one click each (missed only once the day is over), over the
    `version` of the interview read. Drawn in a fragment too, a click reruns the whole page: what
    happened changes what is due, coming up and past."""
    for outcome, (service, words, done) in OUTCOMES.items():
        if outcome == "missed" and not meeting_passed:
            continue
        st.button(
            words,
            key=f"{key}_{outcome}",
            type="primary" if outcome == "held" else "secondary",
            on_click=_happened,
            args=(key, done, service, ctx, actor, row_id),
            kwargs={"expected_version": version},
            width="stretch",
        )
    form_error(key, conflict=False)


def _happened(key: str, done: str, service: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
    act(key, done, service, *args, **kwargs)
    st.rerun()  # in a callback: the whole page runs next, not only a fragment around the buttons


def _sent(
    ctx: Context,
    actor: Actor,
    row_id: int,
    key: str,
    version: int | None,
    kept: str | None,
    redraws: str | None,
    closes: str | None,
) -> None:
    sent_on = value(f"{key}_on")
    if not isinstance(sent_on, date):
        fail(key, "Enter the date the thank-you was sent.", "thank_you_sent_on")
        return
    record = follow_ups.record_thank_you
    if kept is not None:
        record = keep(kept, record)
    saved = act(
        key,
        "Thank-you recorded.",
        record,
        ctx,
        actor,
        row_id,
        sent_on=sent_on,
        method=value(f"{key}_how"),
        expected_version=version,
    )
    if kept is not None and saved and version is not None:
        wrote(INTERVIEW, version, fresh(kept, None))
    if redraws is not None and saved:
        stale(redraws)
    if closes is not None and saved:
        st.session_state[closes] = False  # done: the section folds to its title
    if kept is not None or redraws is not None:
        rerun_on_conflict(key)


def thank_you_form(
    ctx: Context,
    actor: Actor,
    row_id: int,
    key: str,
    *,
    sent_on: date,
    version: int | None,
    method: ThankYouMethod | None = None,
    primary: bool = True,
    kept: str | None = None,
    redraws: str | None = None,
    closes: str | None = None,
) -> None:
    """The date and the way a thank-you was sent, over the `version` of the interview read; in a
    fragment, the interview saved is `kept` for it, or the fragment `redraws` its part read again
    (pages/ui/fragments). Once saved, the section `closes` (a `folded` key) is closed."""
    with st.form(key, border=False):
        st.date_input("Sent on", value=sent_on, key=f"{key}_on", format="YYYY-MM-DD")
        field_error(key, "thank_you_sent_on", "date")
        methods = list(METHOD_WORDS)
        st.radio(
            "How",
            methods,
            index=methods.index(method) if method else 0,
            format_func=METHOD_WORDS.get,
            horizontal=True,
            key=f"{key}_how",
        )
        form_error(key, ("thank_you_sent_on", "date"), conflict=False)
        st.form_submit_button(
            "Mark thank-you sent",
            icon=":material/mark_email_read:",
            type="primary" if primary else "secondary",
            on_click=_sent,
            args=(ctx, actor, row_id, key, version, kept, redraws, closes),
        )


def _add_follow_up(ctx: Context, actor: Actor, row_id: int, key: str, redraws: str | None) -> None:
    on = value(f"{key}_on")
    if not isinstance(on, date):
        fail(key, "Enter the date of the follow-up.", "date")
        return
    kind, note = value(f"{key}_kind"), value(f"{key}_note") or ""
    if act(
        key,
        "Follow-up logged.",
        follow_ups.add_follow_up,
        ctx,
        actor,
        row_id,
        on=on,
        kind=kind,
        note=note,
    ):
        st.session_state[f"{key}_note"] = ""
        if redraws is not None:
            stale(redraws)


def follow_up_form(
    ctx: Context,
    actor: Actor,
    row_id: int,
    key: str,
    *,
    today: date,
    redraws: str | None = None,
) -> None:
    """A follow-up sent: its date, what it was, a note; in a fragment, the fragment `redraws` its
    part read again (pages/ui/fragments)."""
    with st.form(key, border=False):
        st.date_input("Date", value=today, key=f"{key}_on", format="YYYY-MM-DD")
        field_error(key, "date")
        st.selectbox("What you sent", list(FollowUpKind), format_func=label, key=f"{key}_kind")
        st.text_input("Note (optional)", key=f"{key}_note", max_chars=bounds.NOTES.max_chars)
        form_error(key, ("date",), conflict=False)
        st.form_submit_button(
            "Log follow-up",
            icon=":material/forward_to_inbox:",
            type="primary",
            on_click=_add_follow_up,
            args=(ctx, actor, row_id, key, redraws),
        )
