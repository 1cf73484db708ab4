"""University sign-in: an `[auth]` section in `.streamlit/secrets.toml` (an OIDC provider) turns on
`st.login` beside the local accounts."""

from __future__ import annotations

import streamlit as st

from networkit_core.actor import Actor
from networkit_core.context import Context
from networkit_core.errors import AuthenticationFailed
from networkit_core.services import accounts
from networkit_core.services.accounts import sessions
from pages.ui.browser_session import client_address
from pages.ui.session import ACTOR_KEY, TOKEN_KEY, call, context
from pages.ui.text import escape

# The refusal of the identity the browser holds, and for which e-mail (asked once, not per run).
REFUSED_KEY = "university_refused"


def configured() -> bool:
    """Whether secrets.toml has an `[auth]` section (read by Streamlit's own st.login)."""
    # load_if_toml_exists: without any secrets file, reading st.secrets would raise.
    return st.secrets.load_if_toml_exists() and "auth" in st.secrets


def _identity() -> tuple[str | None, bool] | None:
    """(e-mail, verified) of the university identity this browser holds, or None."""
    if not configured() or not st.user.is_logged_in:
        return None
    email = st.user.get("email")
    verified = st.user.get("email_verified") is True
    return (email if isinstance(email, str) else None), verified


def sign_in_by_identity() -> Actor | None:
    """Turn the university identity into a session of ours, once."""
    identity = _identity()
    if identity is None:
        return None
    email, verified = identity
    refused = st.session_state.get(REFUSED_KEY)
    if refused is not None and refused[0] == email:
        return None
    ctx = context()
    actor = call(_external, ctx, email, verified)
    if isinstance(actor, str):
        st.session_state[REFUSED_KEY] = (email, actor)
        return None
    st.session_state[TOKEN_KEY] = call(sessions.start_session, ctx, actor, sessions.UNIVERSITY)
    st.session_state[ACTOR_KEY] = actor
    return actor


def _external(ctx: Context, email: str | None, verified: bool) -> Actor | str:
    """The actor, or the refusal's message (kept to show, rather than stopping the run)."""
    try:
        return accounts.authenticate_external(
            ctx, email, verified=verified, address=client_address()
        )
    except AuthenticationFailed as error:
        return str(error)


def university_button() -> None:
    """On the sign-in page: the university's button, and why an identity was refused."""
    if not configured():
        return
    refused = st.session_state.get(REFUSED_KEY)
    if refused is not None:
        # The message names the e-mail the provider sent: shown as text, never as Markdown.
        st.error(escape(refused[1]), icon=":material/no_accounts:")
        st.button(
            "Sign out of the university account",
            on_click=st.logout,
            icon=":material/logout:",
            key="university_logout",
        )
        return
    st.button(
        "Sign in with your university account",
        on_click=st.login,
        icon=":material/school:",
        type="primary",
        width="stretch",
        key="university_login",
    )


def end_identity() -> None:
    """Sign-out ends the university identity too (Streamlit's cookie), not only our session."""
    if configured() and st.user.is_logged_in:
        st.logout()
