"""Keeps an open page true while nobody touches it: a fragment that wakes every WATCH_SECONDS and
redraws the whole page when the day it was drawn on has passed (so "due today" means today) or
when it has sat untouched as long as a sign-in may idle (so the page that stays is the sign-in
form, not a graduate's records on an unattended screen).

Its `run_every` matters for a second reason: Streamlit's frontend reruns the page when its
websocket reconnects only while the page has such a fragment. Without that, a browser whose app
process died reconnects to another one and draws nothing new; the next click reaches a session
that has drawn none of its widgets, so it saves nothing (pages/ui/saved.py)."""

from __future__ import annotations

import time
from datetime import date

import streamlit as st

from pages.ui.session import context

WATCH_SECONDS = 60
WATCH_KEY = "page_watch"  # the fragment's name (tests run it as the browser's timer does)
DRAWN_KEY = "page_drawn"  # (the day the page was last drawn on, time.monotonic() then)


def watch_page() -> None:
    """Early in every full run: note when the page is drawn, and keep watching it."""
    st.session_state[DRAWN_KEY] = (context().clock.today(), time.monotonic())
    _watch()


def stale(drawn: tuple[date, float] | None, today: date, now: float, idle_seconds: float) -> bool:
    """Whether a page drawn at `drawn` must be drawn again: a new day, or idle long enough that
    its sign-in may have ended (the run then decides, from the database)."""
    if drawn is None:
        return False
    day, at = drawn
    return day != today or now - at >= idle_seconds


@st.fragment(run_every=WATCH_SECONDS, key=WATCH_KEY)
def _watch() -> None:
    ctx = context()
    idle = ctx.settings.session_idle_minutes * 60
    if stale(st.session_state.get(DRAWN_KEY), ctx.clock.today(), time.monotonic(), idle):
        st.rerun(scope="app")
