"""NetWorkIt Coach, the web app: sign in, then the pages the user's role may see."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from networkit_core.models import Role
from pages.ui.browser_session import keep_token
from pages.ui.layout import phone_layout
from pages.ui.password import new_password_page, sidebar_password
from pages.ui.reminders import reminders_toggle
from pages.ui.session import APP_NAME, ENDED_KEY, TOKEN_KEY, current_user
from pages.ui.sign_in import sign_in_page, sign_out
from pages.ui.text import escape, label
from pages.ui.university import end_identity, sign_in_by_identity


@dataclass(frozen=True)
class PageSpec:
    script: str
    title: str
    icon: str
    url_path: str
    roles: frozenset[Role]
    in_menu: bool = True  # False: reached by a link carrying its record (`?email=...`)


GRADUATE = frozenset({Role.GRADUATE})
ADVISOR = frozenset({Role.ADVISOR})
ADMIN = frozenset({Role.ADMIN})
EVERYONE = frozenset(Role)

# Every page of the app, with its stable address (DESIGN.md, "Addresses"). All of them are
# routed for everyone, so an address another role may not use reaches its page, which refuses
# at its top; the menu lists only the pages of the user's role.
PAGES = [
    PageSpec(
        "pages/graduate/interviews.py", "My interviews", ":material/home:", "interviews", GRADUATE
    ),
    PageSpec(
        "pages/graduate/interview.py",
        "Interview",
        ":material/event:",
        "interview",
        GRADUATE,
        in_menu=False,
    ),
    PageSpec(
        "pages/graduate/progress.py", "My progress", ":material/insights:", "progress", GRADUATE
    ),
    PageSpec(
        "pages/advisor/dashboard.py", "Dashboard", ":material/monitoring:", "dashboard", ADVISOR
    ),
    PageSpec(
        "pages/advisor/graduate.py",
        "Graduate",
        ":material/person:",
        "graduate",
        ADVISOR,
        in_menu=False,
    ),
    PageSpec(
        "pages/advisor/professionals.py",
        "Professionals",
        ":material/contacts:",
        "professionals",
        ADVISOR,
    ),
    # Above Reports: each role's menu starts with its home page.
    PageSpec(
        "pages/admin/overview.py",
        "Overview",
        ":material/admin_panel_settings:",
        "overview",
        ADMIN,
    ),
    PageSpec("pages/shared/reports.py", "Reports", ":material/download:", "reports", EVERYONE),
    PageSpec("pages/admin/users.py", "Users", ":material/manage_accounts:", "users", ADMIN),
    PageSpec("pages/shared/questions.py", "Questions", ":material/quiz:", "questions", EVERYONE),
    PageSpec("pages/admin/cohorts.py", "Cohorts", ":material/groups:", "cohorts", ADMIN),
    PageSpec("pages/shared/import.py", "Import", ":material/upload_file:", "import", EVERYONE),
    PageSpec("pages/admin/audit.py", "Audit log", ":material/history:", "audit", ADMIN),
]
HOME = {Role.GRADUATE: "interviews", Role.ADVISOR: "dashboard", Role.ADMIN: "overview"}


def navigation(role: Role | None) -> st.Page:
    """Route the address. Signed out (`role` None), every page is routed but none is shown: the
    sign-in page is the default, so after signing in at "/" the user's own home page opens."""
    pages = [
        st.Page(
            spec.script,
            title=spec.title,
            icon=spec.icon,
            url_path=spec.url_path,
            default=role is not None and spec.url_path == HOME[role],
            visibility="visible" if role in spec.roles and spec.in_menu else "hidden",
        )
        for spec in PAGES
    ]
    if role is None:
        sign_in = st.Page(sign_in_page, title="Sign in", url_path="sign-in", default=True)
        return st.navigation([sign_in, *pages], position="hidden")
    return st.navigation(pages)


def main() -> None:
    st.set_page_config(page_title=APP_NAME, page_icon=":material/handshake:", layout="wide")
    phone_layout()
    actor = current_user()
    if actor is None and st.session_state.get(ENDED_KEY):
        end_identity()  # a session that ended (idle) ends the university identity too
    elif actor is None:
        actor = sign_in_by_identity()
    if actor is None:
        navigation(None)  # keeps the address asked for: signing in reruns right there
        sign_in_page()  # whatever the address, a signed-out visitor sees only the form
        return
    token = st.session_state[TOKEN_KEY]
    if actor.must_change_password:
        navigation(None)  # the page asked for opens once the new password is set
        new_password_page(actor)
        st.button("Sign out", icon=":material/logout:", on_click=sign_out, key="sign_out")
        keep_token(token)
        return
    page = navigation(actor.role)
    with st.sidebar:
        st.caption(f"Signed in as **{escape(actor.display_name)}** · {label(actor.role)}")
        reminders_toggle(actor)
        st.button("Sign out", icon=":material/logout:", on_click=sign_out, key="sign_out")
        sidebar_password(actor)
        keep_token(token)  # a reload finds the session again
    page.run()


main()
