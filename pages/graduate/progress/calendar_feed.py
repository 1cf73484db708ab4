"""My calendar, on `/progress`: the private calendar address (shown once) and the calendar file."""

from __future__ import annotations

from urllib.parse import urlsplit

import streamlit as st

from networkit_core.actor import Actor
from networkit_core.context import Context
from networkit_core.read_models.calendar_files import my_calendar
from networkit_core.services.calendar_feed import FeedStatus, start_feed, stop_feed
from networkit_core.settings import DEFAULT_BASE_URL, configured_base_url
from pages.ui.calls import act, form_error
from pages.ui.text import day

FORM = "calendar_feed"
# The address of a feed made in this browser session: only its hash is kept, so it is shown
# now or never.
MADE_KEY = "calendar_feed_made"
HOW_TO = (
    "Google Calendar: *Other calendars* → *From URL*. Outlook: *Add calendar* → "
    "*Subscribe from web*. Apple Calendar: *File* → *New Calendar Subscription*."
)


def calendar_box(ctx: Context, actor: Actor, status: FeedStatus | None) -> None:
    st.subheader(":material/calendar_month: My calendar")
    st.caption(
        "Your meetings and your thank-you-by and follow-up-by days, in the calendar you "
        "already use. It keeps itself up to date."
    )
    form_error(FORM)
    made = st.session_state.get(MADE_KEY)
    if status is None:
        st.button(
            "Make my calendar address",
            icon=":material/add_link:",
            on_click=_start,
            args=(ctx, actor, "Your calendar address is ready: add it to your calendar."),
        )
    else:
        if made:
            address = f"{_app_address()}/calendar/{made}.ics"
            st.markdown(
                "**Add this address to your calendar** (copy it with the button on its right):"
            )
            st.code(address, language=None, wrap_lines=True)
            st.caption(HOW_TO + " Keep it to yourself: anyone with it can read this calendar.")
        read = (
            f"a calendar last read it {day(status.last_read_at)}"
            if status.last_read_at
            else "no calendar has read it yet"
        )
        st.caption(f"Calendar address made {day(status.created_at)}; {read}.")
        new, stop = st.columns(2)
        new.button(
            "Make a new address",
            icon=":material/autorenew:",
            on_click=_start,
            args=(ctx, actor, "New address made: the old one no longer works."),
            help="The old address stops working: use this if you shared it by mistake.",
            width="stretch",
        )
        stop.button(
            "Stop my calendar address",
            icon=":material/link_off:",
            on_click=_stop,
            args=(ctx, actor),
            width="stretch",
        )
    st.download_button(
        "Download my calendar (.ics)",
        data=lambda: my_calendar(ctx, actor),
        file_name="my-networkit-calendar.ics",
        mime="text/calendar",
        icon=":material/download:",
        on_click="ignore",
        help="The same calendar as a file, for a calendar app that cannot subscribe.",
    )


def _start(ctx: Context, actor: Actor, done: str) -> None:
    def start() -> None:
        st.session_state[MADE_KEY] = start_feed(ctx, actor)

    act(FORM, done, start)


def _stop(ctx: Context, actor: Actor) -> None:
    st.session_state.pop(MADE_KEY, None)
    act(FORM, "Calendar address stopped: no calendar can read it any more.", stop_feed, ctx, actor)


def _app_address() -> str:
    """Where this app is reached: NETWORKIT_BASE_URL when set (as for the reminder e-mails), else
    the address this browser used."""
    configured = configured_base_url()
    if configured:
        return configured
    seen = st.context.url
    if not seen:
        return DEFAULT_BASE_URL
    parts = urlsplit(seen)
    prefix = str(st.get_option("server.baseUrlPath") or "").strip("/")
    return f"{parts.scheme}://{parts.netloc}" + (f"/{prefix}" if prefix else "")
