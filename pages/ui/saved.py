"""Widgets that show a saved value (a tick, a rating, an answer): they start from the database
whenever this server session has not drawn them itself.

Why: when an app process dies, its browsers reconnect to another one (deploy/, issue 22) and
hand the new session the values their widgets held, a click among them that never reached a
server. A new session has no callback to call for it, so a checkbox ticked in that moment stayed
ticked on the page with nothing saved. Now the page shows what is saved; the click is lost, as a
form being typed into may be, and the person sees that it did not take.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

DRAWN = "_saved_widgets_drawn"  # the widget keys this server session has given a saved value


def show_saved(key: str, saved: Any) -> None:
    """Call just before drawing the widget `key` (without its own `value`/`index`): it shows
    `saved` unless this session already holds a value of its own drawing for it."""
    drawn: set[str] = st.session_state.setdefault(DRAWN, set())
    if key not in drawn or key not in st.session_state:
        # Set through session state, so that Streamlit sends it to the browser as well.
        st.session_state[key] = saved
        drawn.add(key)
