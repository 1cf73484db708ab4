"""The cached context, the signed-in user and the refusal of other roles, safe service calls."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import replace
from typing import NoReturn, TypeVar

import streamlit as st
from sqlalchemy.exc import SQLAlchemyError
from streamlit.runtime.state.session_state_proxy import get_session_state

from networkit_core import startup
from networkit_core.actor import Actor
from networkit_core.context import Context
from networkit_core.errors import NetworkitError
from networkit_core.models import Role
from networkit_core.services.accounts import sessions
from networkit_core.settings import Settings
from pages.ui.browser_session import cookie_token
from pages.ui.text import escape

ACTOR_KEY = "actor"
# The token of this tab's server-side session (networkit_core.services.accounts.sessions).
TOKEN_KEY = "session_token"
# (token, when) a write's callback found the session live, for the run that follows it at once.
CHECKED_KEY = "session_checked"
CHECK_SECONDS = 2.0
# The sidebar's reminder switch (pages/shell/reminders.py): set from the session's own read.
REMINDERS_KEY = "reminders_on"
# Set when a session this tab held has ended, so the sign-in form can say why.
ENDED_KEY = "session_ended"
SESSION_ENDED = (
    "Your session has ended (signed out elsewhere, or too long without activity). "
    "Sign in again to go on."
)
APP_NAME = "NetWorkIt Coach"
DATABASE_TROUBLE = (
    "The database cannot be used right now. Try again in a minute; "
    "if it persists, tell your administrator."
)

log = logging.getLogger("networkit.app")
T = TypeVar("T")


# The context of the settings in force, as st.cache_resource keeps it: a page's run asks for it
# 3-6 times, and each ask of the cache hashes the settings (0.1-0.3 ms). Kept only when the ask
# found it in the cache and the cache made or let go of none meanwhile, emptied whenever it lets
# one go (st.cache_resource.clear()), and asked again after KEEP_SECONDS whatever happens.
_last: tuple[Settings, Context, float] | None = None  # ..., until (time.monotonic())
_changes = 0  # contexts the cache has made or let go so far
_last_lock = threading.Lock()
KEEP_SECONDS = 60.0


def _changed() -> None:
    global _last, _changes
    with _last_lock:
        _last = None
        _changes += 1


def _dispose(ctx: Context) -> None:
    _changed()
    ctx.engine.dispose()


@st.cache_resource(show_spinner="Preparing the database…", on_release=_dispose)
def _context(settings: Settings) -> Context:
    """One context per process and settings."""
    _changed()
    ctx = Context.from_settings(settings)
    startup.prepare(ctx)
    _changed()  # an ask waiting for this one gets it without keeping it: the next one asks
    return ctx


def context() -> Context:
    """The context for DATABASE_URL (and the other settings); stops the page if unusable."""
    global _last
    try:
        settings = Settings.parsed_once()
    except ValueError as error:
        stop_with(f"The app is misconfigured: {error}")
    last = _last
    now = time.monotonic()
    if last is not None and last[0] is settings and now < last[2]:
        return last[1]
    changes = _changes
    try:
        ctx = _context(settings)
    except NetworkitError as error:
        stop_with(str(error))
    except SQLAlchemyError:
        log.exception("start-up could not use the database")
        stop_with(DATABASE_TROUBLE)
    with _last_lock:
        if _changes == changes:
            _last = (settings, ctx, now + KEEP_SECONDS)
    return ctx


ROLE_WORDS = {Role.GRADUATE: "graduates", Role.ADVISOR: "advisors", Role.ADMIN: "admins"}


def require(*roles: Role) -> Actor:
    """The first line of every page: the signed-in user, if their role may use this page."""
    actor = signed_in()
    if actor.role not in roles:
        allowed = " and ".join(ROLE_WORDS[role] for role in roles)
        stop_with(f"This page is for {allowed}. Use the menu to find your own pages.")
    return actor


def current_user() -> Actor | None:
    """Who is signed in on this run: this tab's session, or, after a reload, the one whose token the
    browser sent."""
    token = st.session_state.get(TOKEN_KEY) or cookie_token()
    checked = st.session_state.pop(CHECKED_KEY, None)
    if (
        checked is not None
        and checked[0] == token
        and time.monotonic() - checked[1] < CHECK_SECONDS
    ):
        return st.session_state[ACTOR_KEY]  # this interaction's write checked it just now
    found = call(sessions.resumed, context(), token) if token else None
    if found is None:
        if st.session_state.get(ACTOR_KEY) is not None:
            forget_user()
            st.session_state[ENDED_KEY] = True
        return None
    actor = found.actor
    st.session_state[TOKEN_KEY] = token
    st.session_state[ACTOR_KEY] = actor
    if found.reminders_on is not None and REMINDERS_KEY not in st.session_state:
        # Once a session (the switch keeps its value after), from the same SELECT.
        st.session_state[REMINDERS_KEY] = found.reminders_on
    return actor


def forget_user() -> None:
    """Everything this tab held belonged to the user who left: the session state, and the
    widgets drawn for them. Streamlit keeps each widget's callback, with its arguments (that
    user), for the whole session: a value the browser still sends for one of them (a form
    submitted while the next run draws, on a loaded server) would run it, as them. Disabled, a
    widget's value from the browser is dropped and its callback not called; a widget drawn
    again is enabled again."""
    st.session_state.clear()
    widgets = get_session_state()._state._new_widget_state
    widgets.widget_metadata = {
        widget: replace(metadata, disabled=True, callback=None, callbacks=None)
        for widget, metadata in widgets.widget_metadata.items()
    }


def still_signed_in() -> bool:
    """Before a write from a widget: is the session that drew it still live? A callback runs
    before the run's own check, and a fragment's rerun makes none, so without this a tab
    whose session ended (signed out everywhere, deactivated, idle) could go on writing. Using
    the session keeps it alive, as a run does. True for a signed-out visitor's forms (signing
    in); on a database error the write itself says so."""
    token = st.session_state.get(TOKEN_KEY)
    if token is None:
        return True
    try:
        actor = sessions.resume_session(context(), token)
    except SQLAlchemyError:
        return True
    if actor is not None:
        st.session_state[ACTOR_KEY] = actor
        # The run this write asks for need not ask again (a fragment's rerun asks nothing).
        st.session_state[CHECKED_KEY] = (token, time.monotonic())
        return True
    forget_user()
    st.session_state[ENDED_KEY] = True
    return False


def signed_in() -> Actor:
    """The signed-in user. Pages run only for one, so a missing actor just ends the run."""
    actor = st.session_state.get(ACTOR_KEY)
    if not isinstance(actor, Actor):
        st.stop()
    return actor


def call(service: Callable[..., T], *args: object, **kwargs: object) -> T:
    """Run one service call; its error is shown as one sentence (never a trace) and ends the run."""
    try:
        return service(*args, **kwargs)
    except NetworkitError as error:
        stop_with(str(error))
    except SQLAlchemyError:
        log.exception("a page could not use the database")
        stop_with(DATABASE_TROUBLE)


def stop_with(message: str) -> NoReturn:
    # A core message may quote what a user typed: shown as text, never as Markdown.
    st.error(escape(message), icon=":material/error:")
    st.stop()
