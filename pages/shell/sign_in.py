"""The sign-in form, and the demo accounts beside it on a demo database."""

from __future__ import annotations

import streamlit as st

from networkit_core import startup
from networkit_core.actor import Actor
from networkit_core.context import Context
from networkit_core.demo import DEMO_PASSWORD, demo_accounts
from networkit_core.errors import InvalidInput
from networkit_core.services import accounts
from networkit_core.services.accounts import sessions, sign_in_links
from pages.shell.university import configured, end_identity, university_button
from pages.ui.browser_session import client_address, cookie_token, forget_token
from pages.ui.calls import failed, form_error, save
from pages.ui.session import (
    ACTOR_KEY,
    APP_NAME,
    ENDED_KEY,
    SESSION_ENDED,
    TOKEN_KEY,
    call,
    context,
    forget_user,
)
from pages.ui.text import escape, label

LOGIN = "login"  # the form, and the key its error is kept under (the link's error shows there)
PASSWORDS_OFF_NO_UNIVERSITY = (
    "Signing in with a password is turned off, and no university sign-in is set up. "
    "An administrator can turn passwords on again: networkit user passwords on"
)
# Set at sign-out: the next run has the browser drop its token.
FORGET_KEY = "forget_session_cookie"


def _signed_in(actor: Actor, token: str) -> None:
    st.session_state[TOKEN_KEY] = token
    st.session_state[ACTOR_KEY] = actor
    st.session_state.pop(ENDED_KEY, None)


def _sign_in(ctx: Context) -> None:
    """Form callback: runs before the rerun, so the password can be wiped from the session."""
    email = st.session_state.get("login_email", "")
    password = st.session_state.get("login_password", "")
    st.session_state["login_password"] = ""

    def start() -> None:
        if not email.strip() or not password:
            raise InvalidInput("Enter your email and your password.")
        actor = accounts.authenticate(ctx, email, password, address=client_address())
        _signed_in(actor, sessions.start_session(ctx, actor))

    save(LOGIN, start, done="")


def _sign_in_by_link(ctx: Context, token: str) -> None:
    """The address of an e-mailed one-time link: sign its owner in, then leave the address (the
    token is used up either way, and must not stay in the address bar or history)."""
    del st.query_params[sign_in_links.LINK_PARAM]

    def start() -> None:
        actor = sign_in_links.sign_in_with_link(ctx, token)
        _signed_in(actor, sessions.start_session(ctx, actor, sign_in_links.METHOD))

    if save(LOGIN, start, done=""):
        st.rerun()


def sign_out() -> None:
    """End the server-side session (so the token is dead wherever it was copied), then forget
    everything this tab held: it belonged to the user who leaves."""
    # Never fails: a locked database has the end retried, and the token is refused meanwhile.
    sessions.end_session(context(), st.session_state.get(TOKEN_KEY))
    forget_user()
    st.session_state[FORGET_KEY] = True
    end_identity()


def sign_in_page() -> None:
    """The whole page a signed-out visitor sees, whatever address they opened."""
    ctx = context()
    link = st.query_params.get(sign_in_links.LINK_PARAM)
    if link:
        _sign_in_by_link(ctx, link)
    if st.session_state.get(FORGET_KEY) or cookie_token():
        forget_token()  # a token the browser still holds is dead: drop it
    demo = call(startup.is_demo, ctx)
    st.title(f":material/handshake: {APP_NAME}")
    st.caption(
        "Prepare, hold and follow up informational interviews — and coach the graduates who do."
    )
    # A demo puts its accounts beside the form; a real installation shows the form alone.
    if demo:
        form_column, demo_column = st.columns([2, 3], gap="large")
        with demo_column:
            _demo_banner(ctx)
    else:
        form_column, _ = st.columns([2, 3], gap="large")
    with form_column:
        if call(accounts.passwords_allowed, ctx):
            _login_form(ctx)
            university_button()
        else:
            st.subheader("Sign in")
            university_button()
            if not configured():
                st.error(PASSWORDS_OFF_NO_UNIVERSITY, icon=":material/error:")


def _login_form(ctx: Context) -> None:
    with st.form("login", border=True):
        st.subheader("Sign in")
        if not failed(LOGIN) and st.session_state.get(ENDED_KEY):
            st.info(SESSION_ENDED, icon=":material/schedule:")
        form_error(LOGIN, icon=":material/lock:")
        st.text_input("Email", key="login_email", autocomplete="username")
        st.text_input(
            "Password", key="login_password", type="password", autocomplete="current-password"
        )
        st.form_submit_button(
            "Sign in", type="primary", on_click=_sign_in, args=(ctx,), width="stretch"
        )


def _demo_banner(ctx: Context) -> None:
    st.warning(
        "**Demo data** — every person, cohort and interview here is made up. "
        "Sign in as one of these accounts to look around.",
        icon=":material/science:",
    )
    # A list, not a table: each account reads whole at any width (a table's cells were cut).
    for account in call(demo_accounts, ctx):
        st.markdown(
            f"**{escape(account.name)}** · {label(account.role)} · `{account.email}`  \n"
            f"{escape(account.sees)}"
        )
    st.markdown(f"Password for every demo account: `{DEMO_PASSWORD}`")
