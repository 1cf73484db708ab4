"""The app's pages at their addresses (DESIGN.md) and the st.navigation that routes them. Imported
once per process, where app.py runs again on every run: its menu is made here, not re-declared."""

from __future__ import annotations

import copy
from dataclasses import dataclass
from pathlib import Path

import streamlit as st
from streamlit.runtime.scriptrunner_utils.script_run_context import (
    ScriptRunContext,
    get_script_run_ctx,
)
from streamlit.util import calc_hash

from networkit_core.models import Role
from pages.ui.session import signed_in


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

# Every page at its stable address. A signed-in run routes its role's pages, and another role's
# only when its address is asked for (that page refuses at its top); the menu lists the role's.
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


# (the app's folder, role): the pages st.Page made once. st.Page resolves a script's path on
# the disk (a realpath and a stat each, 1-2 ms a run for 20 pages); st.navigation marks the
# page it picks (and may make one the default), so each run routes copies of them. Under
# (folder, None), every page, hidden: signed out, and the one of another role asked for.
_MADE: dict[tuple[Path, Role | None], list[st.Page]] = {}
# A page by the hash st.Page gives its url_path (a click asks by it) and by its address (a page
# load asks by name).
_ASKED = {key: spec for spec in PAGES for key in (calc_hash(spec.url_path), spec.url_path)}


def _made(ctx: ScriptRunContext | None, role: Role | None) -> list[st.Page]:
    key = (ctx.pages_manager.main_script_parent if ctx else Path(), role)
    made = _MADE.get(key)
    if made is None:
        specs = [spec for spec in PAGES if role is None or role in spec.roles]
        made = [
            st.Page(
                spec.script,
                title=spec.title,
                icon=spec.icon,
                url_path=spec.url_path,
                visibility="visible" if role is not None and spec.in_menu else "hidden",
            )
            for spec in specs
        ]
        # Run only for a signed-in user; signed out, app.py shows the form itself.
        entry = [
            st.Page(go_home, title="Home", url_path="", default=True, visibility="hidden"),
            st.Page(go_home, title="Sign in", url_path="sign-in", visibility="hidden"),
        ]
        made = [*entry, *made] if role is None else [*made, *entry]
        if ctx is not None:  # outside a run st.Page makes a husk: not kept
            _MADE[key] = made
    return made


def _pages(role: Role | None) -> list[st.Page]:
    ctx = get_script_run_ctx()
    pages = [copy.copy(page) for page in _made(ctx, role)]
    if role is None or ctx is None:
        return pages
    manager = ctx.pages_manager
    spec = _ASKED.get(manager.intended_page_script_hash or manager.intended_page_name or "")
    if spec is not None and role not in spec.roles:
        # Routed, so that its address shows the page's refusal rather than "Page not found".
        page = next(page for page in _made(ctx, None) if page.url_path == spec.url_path)
        pages.append(copy.copy(page))
    return pages


def navigation(role: Role | None) -> st.Page:
    """Route the address: the role's pages at their own (and another role's page asked for, to
    refuse); `/` is a hidden page that opens the role's home. Signed out (`role` None), every
    page, no menu."""
    if role is None:
        return st.navigation(_pages(None), position="hidden")
    return st.navigation(_pages(role))
