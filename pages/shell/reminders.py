"""The sidebar switch with which every user turns their own reminder e-mails on or off."""

from __future__ import annotations

import streamlit as st

from networkit_core.actor import Actor
from networkit_core.models import Role
from networkit_core.services.reminders import reminders_on, set_reminders
from pages.ui.calls import act, form_error
from pages.ui.session import REMINDERS_KEY, call, context

KEY = REMINDERS_KEY
HELP = {
    Role.GRADUATE: "An e-mail on the days something falls due for you: a thank-you, a follow-up, "
    "a meeting to prepare or to record.",
    Role.ADVISOR: "On Mondays, an e-mail with your nudge list and your cohorts' week.",
}


def _changed(actor: Actor) -> None:
    on = bool(st.session_state[KEY])
    done = "Reminder e-mails are on." if on else "Reminder e-mails are off."
    act(KEY, done, set_reminders, context(), actor, on)


def reminders_toggle(actor: Actor) -> None:
    if actor.role not in HELP:
        return  # admins get no reminders: no switch, so nothing to read
    # Read once a session, mostly by current_user() with the session itself (not when resuming
    # wrote to it); the switch keeps it after.
    if KEY not in st.session_state:
        st.session_state[KEY] = call(reminders_on, context(), actor)
    st.toggle("E-mail reminders", key=KEY, on_change=_changed, args=(actor,), help=HELP[actor.role])
    form_error(KEY)
