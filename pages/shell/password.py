"""Changing one's own password: from the sidebar, and right after signing in with a temporary
password, before any page opens."""

from __future__ import annotations

import streamlit as st

from networkit_core.actor import Actor
from networkit_core.passwords import MIN_PASSWORD_LENGTH
from networkit_core.services import accounts
from pages.ui.calls import form_error, save
from pages.ui.layout import folded
from pages.ui.session import ACTOR_KEY, APP_NAME, TOKEN_KEY, context


def _change(actor: Actor, form: str) -> None:
    """Form callback: the fields are wiped from the session whatever happens."""
    values = {
        field: st.session_state.get(f"{form}_{field}", "") for field in ("current", "new", "repeat")
    }
    for field in values:
        st.session_state[f"{form}_{field}"] = ""

    def change() -> None:
        st.session_state[ACTOR_KEY] = accounts.change_password(
            context(), actor, **values, keep_session=st.session_state.get(TOKEN_KEY)
        )

    save(form, change, done="Your password is changed.")


def password_form(actor: Actor, form: str, *, current_label: str = "Current password") -> None:
    with st.form(form, border=False):
        form_error(form)
        st.text_input(
            current_label,
            key=f"{form}_current",
            type="password",
            autocomplete="current-password",
        )
        st.text_input(
            "New password",
            key=f"{form}_new",
            type="password",
            autocomplete="new-password",
            help=f"At least {MIN_PASSWORD_LENGTH} characters; a few words make a good one.",
        )
        st.text_input(
            "New password again", key=f"{form}_repeat", type="password", autocomplete="new-password"
        )
        st.form_submit_button(
            "Change password", type="primary", on_click=_change, args=(actor, form)
        )


def sidebar_password(actor: Actor) -> None:
    """Every user can change their own password from the sidebar; its form is drawn only once
    opened (it is on every page, and every element on a page slows the browser's redraws)."""
    with folded("Change password", key="own_password_section", icon=":material/key:") as shown:
        if shown:
            password_form(actor, "own_password")


def new_password_page(actor: Actor) -> None:
    """The whole page for a user holding a temporary password: nothing else opens until they have
    chosen their own."""
    st.title(f":material/handshake: {APP_NAME}")
    column, _ = st.columns([2, 3], gap="large")
    with column:
        st.subheader("Choose your own password")
        st.info(
            "You signed in with a temporary password. Choose your own to go on; "
            "the temporary one stops working.",
            icon=":material/key:",
        )
        password_form(actor, "first_password", current_label="Temporary password")
