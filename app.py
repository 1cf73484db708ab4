"""NetWorkIt Coach, the web app: sign in, then the pages the user's role may see."""

from __future__ import annotations

import streamlit as st
from sqlalchemy.exc import SQLAlchemyError

from app_pages._shared import (
    ACTOR_KEY,
    APP_NAME,
    DATABASE_TROUBLE,
    call,
    context,
    label,
    log,
    signed_in,
)
from networkit_core import startup
from networkit_core.context import Context
from networkit_core.demo import DEMO_PASSWORD, demo_accounts
from networkit_core.errors import NetworkitError
from networkit_core.models import Role
from networkit_core.services import accounts

LOGIN_ERROR_KEY = "login_error"


def role_pages(role: Role) -> list[st.Page]:
    """The pages of one role, first one the home page. Navigation offers nothing else, so a
    page of another role cannot even be addressed (the core refuses it anyway)."""
    if role is Role.GRADUATE:
        return [
            st.Page("app_pages/graduate_home.py", title="My interviews", icon=":material/home:"),
        ]
    if role is Role.ADVISOR:
        return [
            st.Page("app_pages/advisor_home.py", title="Today", icon=":material/notifications:"),
        ]
    return [
        st.Page(
            "app_pages/admin_home.py", title="Overview", icon=":material/admin_panel_settings:"
        ),
    ]


def _sign_in(ctx: Context) -> None:
    """Form callback: runs before the rerun, so the password can be wiped from the session."""
    email = st.session_state.get("login_email", "")
    password = st.session_state.get("login_password", "")
    st.session_state["login_password"] = ""
    st.session_state.pop(LOGIN_ERROR_KEY, None)
    if not email.strip() or not password:
        st.session_state[LOGIN_ERROR_KEY] = "Enter your email and your password."
        return
    try:
        st.session_state[ACTOR_KEY] = accounts.authenticate(ctx, email, password)
    except NetworkitError as error:
        st.session_state[LOGIN_ERROR_KEY] = str(error)
    except SQLAlchemyError:
        log.exception("sign-in could not use the database")
        st.session_state[LOGIN_ERROR_KEY] = DATABASE_TROUBLE


def _sign_out() -> None:
    # Everything the session held belonged to the user who leaves.
    st.session_state.clear()


def login_page() -> None:
    ctx = context()
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
        _login_form(ctx)


def _login_form(ctx: Context) -> None:
    with st.form("login", border=True):
        st.subheader("Sign in")
        error = st.session_state.get(LOGIN_ERROR_KEY)
        if error:
            st.error(error, icon=":material/lock:")
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
    rows = call(demo_accounts, ctx)
    st.table(
        [
            {"Email": a.email, "Role": label(a.role), "Name": a.name, "What you see": a.sees}
            for a in rows
        ],
        hide_index=True,
    )
    st.markdown(f"Password for every demo account: `{DEMO_PASSWORD}`")


def main() -> None:
    st.set_page_config(page_title=APP_NAME, page_icon=":material/handshake:", layout="wide")
    actor = st.session_state.get(ACTOR_KEY)
    if actor is None:
        page = st.navigation(
            [st.Page(login_page, title="Sign in", icon=":material/login:", url_path="sign-in")],
            position="hidden",
        )
    else:
        page = st.navigation(role_pages(signed_in().role))
        with st.sidebar:
            st.caption(f"Signed in as **{actor.display_name}** · {label(actor.role)}")
            st.button("Sign out", icon=":material/logout:", on_click=_sign_out, key="sign_out")
    page.run()


main()
