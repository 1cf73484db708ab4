"""The floor of the app's shell (app.py), for the floors that draw it: what a bare script does to
get the same signed-in frame around a page. One SELECT finds the tab's session, its user and
their reminder switch; a new tab's first run hands the browser its cookie code (one INSERT); the
menu of the role's pages, the sidebar (who is signed in, the reminder switch but for an admin,
sign-out, the password form, the cookie component) and the phone layout's style and component
are drawn.

The dashboard's floor, written before it, skips the shell (no sign-in, no navigation, no sidebar;
its user is `?user=`): against it the dashboard carries its shell unmatched. Under AppTest on SQLite
at M the app's shell takes about 7 ms a run (the session 1, the reminder switch 1, 20 routed pages
1, the sidebar's forms 1, the cookie code 2-3), this one about 3: a floor without it leaves the
app's 7 ms unmatched, which on a 30 ms page is most of a 1.5x budget. Under bench/bare/app.py (the
browser's floors) the menu is that app's, and a tab with no session reads `?user=`."""

from __future__ import annotations

import hashlib
import secrets
from datetime import UTC, datetime, timedelta
from typing import Any

import streamlit as st
from sqlalchemy import Engine, text

ROUTED = "bare_routed"  # set by bench/bare/app.py: its navigation is the menu
HANDED = "bare_handoff"
MENUS = {
    "graduate": ["My interviews", "My progress", "Reports", "Questions", "Import", "My records"],
    "advisor": [
        "Dashboard",
        "Professionals",
        "Outcomes",
        "Evidence",
        "Reports",
        "Questions",
        "Import",
        "My records",
    ],
    "admin": [
        "Overview",
        "Outcomes",
        "Evidence",
        "Reports",
        "Users",
        "Questions",
        "Cohorts",
        "Import",
        "Audit log",
        "My records",
    ],
}
REMINDED = ("graduate", "advisor")  # admins get no reminders: the app draws no switch for them
_CSS = """<style>
[data-testid="stPageLink-NavLink"] > span { white-space: normal; }
.st-key-bare_menu { display: none; }
</style>"""
_JS = "export default function () {}"
_menu = st.components.v2.component("bare.close_menu", js=_JS)
_cookie = st.components.v2.component("bare.session_cookie", js=_JS)
USER = """SELECT u.id, u.first_name, u.last_name, u.role, s.id AS session_id,
  r.user_id IS NULL AS reminders
FROM user_sessions s JOIN users u ON u.id = s.user_id AND u.is_active = :yes
LEFT JOIN reminder_opt_outs r ON r.user_id = u.id
WHERE s.token_hash = :token AND s.ended_at IS NULL"""
BY_ID = """SELECT u.id, u.first_name, u.last_name, u.role, NULL AS session_id,
  r.user_id IS NULL AS reminders
FROM users u LEFT JOIN reminder_opt_outs r ON r.user_id = u.id WHERE u.id = :user"""


def _sealed(code: str, token: str) -> str:
    raw = token.encode("ascii")
    key = hashlib.shake_256(b"networkit cookie handoff\x00" + code.encode()).digest(len(raw))
    return bytes(a ^ b for a, b in zip(raw, key, strict=True)).hex()


def _cookie_token() -> str | None:
    token = st.context.cookies.get("networkit_session")
    return token if isinstance(token, str) and token else None  # AppTest's is a mock


@st.fragment(run_every=60)
def _watch() -> None:
    """The app's page watch (pages/shell/watch.py): a fragment on a timer, drawing nothing."""


def shell(db: Engine, this_page: str) -> Any:
    """The signed-in user's row (id, first_name, last_name, role, session_id, reminders), the
    frame drawn around `this_page` (its menu title)."""
    st.set_page_config(page_title="Bare", layout="wide")
    st.html(_CSS)
    _menu(key="bare_menu")
    _watch()
    # The tab's token, else the one the browser's cookie carries after a reload (as the app).
    token = st.session_state.get("session_token") or _cookie_token()
    with db.begin() as connection:
        if token:
            digest = hashlib.sha256(token.encode()).hexdigest()
            user = connection.execute(text(USER), {"token": digest, "yes": True}).one()
        else:
            user = connection.execute(text(BY_ID), {"user": int(st.query_params["user"])}).one()
        if token and HANDED not in st.session_state:
            code = secrets.token_urlsafe(32)
            connection.execute(
                text(
                    "INSERT INTO session_handoffs (session_id, code_hash, sealed_token, "
                    "expires_at) VALUES (:session, :code, :sealed, :expires)"
                ),
                {
                    "session": user.session_id,
                    "code": hashlib.sha256(code.encode()).hexdigest(),
                    "sealed": _sealed(code, token),
                    "expires": datetime.now(UTC).replace(tzinfo=None) + timedelta(seconds=60),
                },
            )
            st.session_state[HANDED] = code
    if not st.session_state.get(ROUTED):
        st.navigation(
            [
                st.Page(lambda: None, title=title, url_path=f"p{index}", default=title == this_page)
                for index, title in enumerate(MENUS[user.role])
            ]
            + ([] if this_page in MENUS[user.role] else [_hidden(this_page)])
        )
    st.session_state.setdefault("bare_reminders", bool(user.reminders))
    with st.sidebar:
        st.caption(f"Signed in as **{user.first_name} {user.last_name}** · {user.role.title()}")
        if user.role in REMINDED:
            st.toggle("E-mail reminders", key="bare_reminders")
        st.button("Sign out", key="bare_sign_out")
        # Drawn only once opened, as the app's (pages/ui/layout.folded).
        with (password := st.expander("Change password", key="bare_pw", on_change="rerun")):
            if password.open:
                with st.form("bare_password", border=False):
                    st.text_input("Current password", type="password")
                    st.text_input("New password", type="password")
                    st.text_input("New password again", type="password")
                    st.form_submit_button("Change password")
        if token and _cookie_token() != token:
            _cookie(data={"code": st.session_state.get(HANDED)}, key="bare_cookie")
    return user


def _hidden(title: str) -> st.Page:
    return st.Page(lambda: None, title=title, url_path="this", default=True, visibility="hidden")
