"""NetWorkIt Coach, the web app: sign in, then the pages the user's role may see."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from networkit_core.models import Role
from pages.shell.password import new_password_page, sidebar_password
from pages.shell.reminders import reminders_toggle
from pages.shell.sign_in import sign_in_page, sign_out
from pages.shell.university import end_identity, sign_in_by_identity
from pages.ui.browser_session import keep_token
from pages.ui.calls import flash
from pages.ui.layout import phone_layout
from pages.ui.session import APP_NAME, ENDED_KEY, TOKEN_KEY, context, current_user, signed_in
from pages.ui.text import escape, label


@dataclass(frozen=True)
class PageSpec:
    folder: str  # under pages/: the page's script is its page.py, beside the page's sections
    title: str
    icon: str
    url_path: str
    roles: frozenset[Role]
    in_menu: bool = True  # False: reached by a link carrying its record (`?email=...`)

    @property
    def script(self) -> str:
        return f"pages/{self.folder}/page.py"


GRADUATE = frozenset({Role.GRADUATE})
ADVISOR = frozenset({Role.ADVISOR})
ADMIN = frozenset({Role.ADMIN})
STAFF = frozenset({Role.ADVISOR, Role.ADMIN})
COACHED = frozenset({Role.GRADUATE, Role.ADVISOR})
EVERYONE = frozenset(Role)

# Every page at its stable address (DESIGN.md), routed for everyone: another role's page refuses
# at its top; the menu lists only the pages of the user's role.
PAGES = [
    PageSpec("graduate/interviews", "My interviews", ":material/home:", "interviews", GRADUATE),
    PageSpec(
        "graduate/interview", "Interview", ":material/event:", "interview", GRADUATE, in_menu=False
    ),
    PageSpec("shared/contact", "Contact", ":material/person:", "contact", COACHED, in_menu=False),
    PageSpec("graduate/card", "Card", ":material/print:", "card", GRADUATE, in_menu=False),
    PageSpec("graduate/progress", "My progress", ":material/insights:", "progress", GRADUATE),
    PageSpec("advisor/dashboard", "Dashboard", ":material/monitoring:", "dashboard", ADVISOR),
    PageSpec(
        "advisor/graduate", "Graduate", ":material/person:", "graduate", ADVISOR, in_menu=False
    ),
    PageSpec(
        "advisor/professionals", "Professionals", ":material/contacts:", "professionals", ADVISOR
    ),
    # Above Reports: each role's menu starts with its home page.
    PageSpec("admin/overview", "Overview", ":material/admin_panel_settings:", "overview", ADMIN),
    PageSpec("shared/outcomes", "Outcomes", ":material/work:", "outcomes", STAFF),
    PageSpec("shared/evidence", "Evidence", ":material/lab_research:", "evidence", STAFF),
    PageSpec("shared/reports", "Reports", ":material/download:", "reports", EVERYONE),
    PageSpec("admin/users", "Users", ":material/manage_accounts:", "users", ADMIN),
    PageSpec("shared/questions", "Questions", ":material/quiz:", "questions", EVERYONE),
    PageSpec("admin/cohorts", "Cohorts", ":material/groups:", "cohorts", ADMIN),
    PageSpec("shared/import", "Import", ":material/upload_file:", "import", EVERYONE),
    PageSpec("admin/audit", "Audit log", ":material/history:", "audit", ADMIN),
    PageSpec("shared/records", "My records", ":material/folder_shared:", "my-records", EVERYONE),
]
HOME = {Role.GRADUATE: "interviews", Role.ADVISOR: "dashboard", Role.ADMIN: "overview"}


def go_home() -> None:
    """`/` and `/sign-in` for a signed-in user: their role's home, at its own address, with the
    filters the address carried."""
    actor = signed_in()
    home = next(spec for spec in PAGES if spec.url_path == HOME[actor.role])
    st.switch_page(home.script, query_params=st.query_params.to_dict())


def navigation(role: Role | None) -> st.Page:
    """Route the address: every page at its own; `/` is a hidden page that opens the role's home."""
    pages = [
        st.Page(
            spec.script,
            title=spec.title,
            icon=spec.icon,
            url_path=spec.url_path,
            visibility="visible" if role in spec.roles and spec.in_menu else "hidden",
        )
        for spec in PAGES
    ]
    # main() runs these only for a signed-in user; signed out it shows the form itself.
    entry = [
        st.Page(go_home, title="Home", url_path="", default=True, visibility="hidden"),
        st.Page(go_home, title="Sign in", url_path="sign-in", visibility="hidden"),
    ]
    if role is None:
        return st.navigation([*entry, *pages], position="hidden")
    return st.navigation([*pages, *entry])


def main() -> None:
    # An emoji, not a Material icon: that one would be fetched from fonts.gstatic.com.
    st.set_page_config(page_title=APP_NAME, page_icon="🤝", layout="wide")
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
        keep_token(context(), token)
        return
    page = navigation(actor.role)
    with st.sidebar:
        st.caption(f"Signed in as **{escape(actor.display_name)}** · {label(actor.role)}")
        reminders_toggle(actor)
        st.button("Sign out", icon=":material/logout:", on_click=sign_out, key="sign_out")
        sidebar_password(actor)
        keep_token(context(), token)  # a reload finds the session again
    flash()  # the toast of a write the last run's callback made, whatever the page
    page.run()


# Streamlit runs this file as `__main__`; serve.py imports it for the pages' addresses.
if __name__ == "__main__":
    main()
