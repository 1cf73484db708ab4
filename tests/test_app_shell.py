"""The app shell in Streamlit's AppTest: sign-in, role navigation, sign-out, demo banner."""

from __future__ import annotations

from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from networkit_core.context import Context
from networkit_core.db import make_engine
from networkit_core.demo import DEMO_PASSWORD, demo_accounts, load_demo
from networkit_core.models import Role
from networkit_core.services.accounts import SIGN_IN_FAILED
from networkit_core.services.accounts.throttle import locked_message
from networkit_core.services.reminders import reminders_on, set_reminders
from pages.ui import routes, session
from pages.ui.session import DATABASE_TROUBLE
from pages.ui.text import escape
from tests import app_session, factories
from tests.app_session import Opener, account, sign_in, titles, unfold
from tests.runs import statements
from tests.test_migrations import current_revision, head_revision

PAGES = app_session.PAGES
ROUTES = app_session.ROUTES
HOME = routes.HOME
SHARED_PAGES = [
    "pages/shared/reports/page.py",
    "pages/shared/questions/page.py",
    "pages/shared/records/page.py",
]
ROLE_PAGES = {
    Role.GRADUATE: [
        "pages/graduate/interviews/page.py",
        "pages/graduate/interview/page.py",
        "pages/graduate/progress/page.py",
        "pages/graduate/card/page.py",
        "pages/shared/contact/page.py",
        "pages/shared/import/page.py",
        *SHARED_PAGES,
    ],
    Role.ADVISOR: [
        "pages/advisor/dashboard/page.py",
        "pages/advisor/graduate/page.py",
        "pages/shared/contact/page.py",
        "pages/advisor/professionals/page.py",
        "pages/shared/outcomes/page.py",
        "pages/shared/evidence/page.py",
        "pages/shared/import/page.py",
        *SHARED_PAGES,
    ],
    Role.ADMIN: [
        "pages/admin/overview/page.py",
        "pages/admin/cohorts/page.py",
        "pages/shared/outcomes/page.py",
        "pages/shared/evidence/page.py",
        "pages/shared/import/page.py",
        "pages/admin/audit/page.py",
        "pages/admin/users/page.py",
        *SHARED_PAGES,
    ],
}
ROLE_TITLE = {Role.GRADUATE: "Hello, ", Role.ADVISOR: "Dashboard", Role.ADMIN: "Overview"}
# The title of each page that is not a role's home page (None: it needs a record in its
# address, and without one says so).
PAGE_TITLE: dict[str, str | None] = {
    "pages/graduate/interview/page.py": "New interview",
    "pages/graduate/progress/page.py": "My progress",
    "pages/admin/cohorts/page.py": "Cohorts",
    "pages/shared/import/page.py": "Import",
    "pages/admin/audit/page.py": "Audit log",
    "pages/admin/users/page.py": "Users",
    "pages/shared/reports/page.py": "Reports",
    "pages/shared/questions/page.py": "Question banks",
    "pages/advisor/professionals/page.py": "Professionals",
    "pages/shared/outcomes/page.py": "Outcomes",
    "pages/shared/evidence/page.py": "Evidence",
    "pages/shared/records/page.py": "My records",
    "pages/advisor/graduate/page.py": None,
    "pages/shared/contact/page.py": None,
    "pages/graduate/card/page.py": None,
}


def test_no_page_sits_directly_in_pages() -> None:
    # A fresh server would serve such a file as a page of its own, without app.py.
    assert not list((app_session.PROJECT / "pages").glob("*.py"))
    assert PAGES  # the pages are found one folder down, or the tests below prove nothing


def test_login_page_shows_the_form_and_nothing_else(open_app: Opener) -> None:
    at = open_app()
    assert not at.exception
    assert any("NetWorkIt Coach" in title for title in titles(at))
    assert [field.label for field in at.text_input] == ["Email", "Password"]
    assert [button.label for button in at.button] == ["Sign in"]
    assert not at.sidebar.button  # no sign-out before signing in
    # A real database never advertises demo accounts.
    assert not at.warning
    assert not at.dataframe
    assert "actor" not in at.session_state


def test_every_address_shows_the_sign_in_form_before_signing_in(
    open_app: Opener, ctx: Context
) -> None:
    account(ctx, Role.GRADUATE)  # data that must not show
    at = open_app()
    for page in PAGES:
        at.switch_page(page).run()
        assert not at.exception
        assert [button.label for button in at.button] == ["Sign in"], page
        assert not at.dataframe and not at.metric
        assert "actor" not in at.session_state


def test_signing_in_opens_the_page_that_was_asked_for(open_app: Opener, ctx: Context) -> None:
    email = account(ctx, Role.ADMIN)
    at = open_app()
    at.switch_page(ROLE_PAGES[Role.ADMIN][0]).run()
    at = sign_in(at, email)
    assert not at.exception
    assert titles(at) == ["Overview"]


def test_wrong_password_shows_the_message_and_no_navigation(open_app: Opener, ctx: Context) -> None:
    email = account(ctx, Role.ADVISOR)
    at = sign_in(open_app(), email, "not the password")
    assert not at.exception
    assert [error.value for error in at.error] == [SIGN_IN_FAILED]
    assert "actor" not in at.session_state
    assert at.text_input(key="login_password").value == ""  # not kept in the session
    assert not at.sidebar.button
    at.switch_page(ROLE_PAGES[Role.ADVISOR][0]).run()
    assert [button.label for button in at.button] == ["Sign in"]


def test_unknown_email_gets_the_same_message(open_app: Opener) -> None:
    at = sign_in(open_app(), "nobody@example.org", factories.PASSWORD)
    assert [error.value for error in at.error] == [SIGN_IN_FAILED]


def test_empty_form_asks_for_both_fields(open_app: Opener) -> None:
    at = open_app()
    at = at.button[0].click().run()
    assert [error.value for error in at.error] == ["Enter your email and your password."]
    assert "actor" not in at.session_state


@pytest.mark.parametrize("known", [True, False])
def test_lockout_message_is_the_same_for_known_and_unknown_emails(
    open_app: Opener, ctx: Context, monkeypatch: pytest.MonkeyPatch, known: bool
) -> None:
    monkeypatch.setenv("NETWORKIT_MAX_DELAY_SECONDS", "0")  # the growing delay: tested apart
    email = account(ctx, Role.GRADUATE) if known else "nobody@example.org"
    at = open_app()
    for _ in range(ctx.settings.max_failed_logins):
        sign_in(at, email, "wrong")
    assert [error.value for error in at.error] == [locked_message(ctx.settings)]
    at = sign_in(at, email, factories.PASSWORD)
    assert [error.value for error in at.error] == [locked_message(ctx.settings)]
    assert "actor" not in at.session_state
    assert not at.exception


@pytest.mark.parametrize("role", list(Role))
def test_each_role_sees_exactly_its_pages(open_app: Opener, ctx: Context, role: Role) -> None:
    email = account(ctx, role)
    at = sign_in(open_app(), email, factories.PASSWORD)
    assert not at.exception
    assert not at.error
    assert at.session_state["actor"].role is role
    assert any(title.startswith(ROLE_TITLE[role]) for title in titles(at))
    # The password form is drawn only once its section is opened (pages/shell/password.py).
    assert [button.label for button in at.sidebar.button] == ["Sign out"]
    assert not at.sidebar.text_input
    at = unfold(at, "Change password")
    assert [button.label for button in at.sidebar.button] == ["Sign out", "Change password"]
    assert f"· {role.value.capitalize()}" in at.sidebar.caption[0].value

    for page in PAGES:
        if page in ROLE_PAGES[role]:
            at.switch_page(page).run()
            assert not at.exception
            assert not any(error.value.startswith("This page is for") for error in at.error)
            expected = PAGE_TITLE.get(page, ROLE_TITLE[role])
            if expected is not None:
                assert any(title.startswith(expected) for title in titles(at)), page
        else:
            # Another role's page refuses at its top and shows no data.
            at.switch_page(page).run()
            assert not at.exception
            assert len(at.error) == 1
            assert at.error[0].value.startswith("This page is for"), page
            assert not at.dataframe and not at.metric and not at.title


@pytest.mark.parametrize("role", list(Role))
def test_each_roles_menu_starts_with_its_home_page(
    open_app: Opener, ctx: Context, role: Role, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 17, 7f: the admin's menu listed Reports above Overview."""
    menus: list[list[str]] = []
    route = st.navigation

    def recording(pages: list[st.Page], **options: object) -> st.Page:
        menus.append([page.title for page in pages if page.visibility == "visible"])
        return route(pages, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(st, "navigation", recording)
    sign_in(open_app(), account(ctx, role), factories.PASSWORD)
    home = {Role.GRADUATE: "My interviews", Role.ADVISOR: "Dashboard", Role.ADMIN: "Overview"}
    assert menus and menus[-1][0] == home[role], menus[-1]


@pytest.mark.parametrize("role", list(Role))
def test_a_run_routes_its_roles_pages_and_another_roles_only_when_asked_for(
    open_app: Opener, ctx: Context, role: Role, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A page another role may not open is routed only for the run that asks for its address
    (to refuse it there), not on every run of every page."""
    routed: list[set[str]] = []
    route = st.navigation

    def recording(pages: list[st.Page], **options: object) -> st.Page:
        routed.append({page.url_path for page in pages})
        return route(pages, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(st, "navigation", recording)
    at = sign_in(open_app(), account(ctx, role), factories.PASSWORD)
    own = {f"pages/{spec.folder}/page.py": spec.url_path for spec in ROUTES if role in spec.roles}
    assert routed[-1] == {*own.values(), "", "sign-in"}
    foreign = next(spec for spec in ROUTES if role not in spec.roles)
    at.switch_page(foreign.script).run()
    assert routed[-1] == {*own.values(), "", "sign-in", foreign.url_path}
    assert at.error[0].value.startswith("This page is for")
    home = next(spec.script for spec in ROUTES if spec.url_path == HOME[role])
    at.switch_page(home).run()
    assert not at.exception and not at.error
    assert routed[-1] == {*own.values(), "", "sign-in"}


@pytest.mark.parametrize("on", [True, False])
def test_the_reminder_switch_is_read_with_the_session(
    open_app: Opener, ctx: Context, on: bool
) -> None:
    """A new session's reminder switch comes from the SELECT that finds the session: no read of
    its own."""
    advisor = factories.user(ctx, Role.ADVISOR, password=factories.PASSWORD)
    set_reminders(ctx, advisor, on)
    at = open_app()
    with statements() as run:
        sign_in(at, advisor.email)
    assert not at.exception
    assert at.sidebar.toggle(key="reminders_on").value is on
    reads = [
        sql for sql, _ in run if sql.upper().startswith("SELECT") and "reminder_opt_outs" in sql
    ]
    assert reads and all("user_sessions" in sql for sql in reads), reads


def test_sign_out_forgets_the_user(open_app: Opener, ctx: Context) -> None:
    at = sign_in(open_app(), account(ctx, Role.ADMIN), factories.PASSWORD)
    assert "actor" in at.session_state
    at = at.sidebar.button[0].click().run()
    assert not at.exception
    assert "actor" not in at.session_state
    assert [button.label for button in at.button] == ["Sign in"]
    at.switch_page(ROLE_PAGES[Role.ADMIN][0]).run()
    assert [button.label for button in at.button] == ["Sign in"]
    assert not at.metric


def test_the_last_users_widgets_do_nothing_once_they_signed_out(
    open_app: Opener, ctx: Context
) -> None:
    """A sign-in sent while the sign-out's run was still drawing (a loaded server) comes with
    the values of the widgets the browser still shows from before: the last user's sidebar
    switch among them. Its callback must not run, for that user or anyone (it crashed the
    page: "This app has encountered an error")."""
    advisor = factories.user(ctx, Role.ADVISOR, password=factories.PASSWORD)
    graduate_email = account(ctx, Role.GRADUATE)
    at = sign_in(open_app(), advisor.email)
    switch = at.sidebar.toggle(key="reminders_on")
    was_on = switch.value
    stale = switch.set_value(not was_on)._widget_state  # flipped as the sign-out's run draws
    switch.set_value(was_on)  # the sign-out itself is sent with the switch as it was
    at = at.sidebar.button(key="sign_out").click().run()
    assert [button.label for button in at.button] == ["Sign in"]
    at.text_input(key="login_email").input(graduate_email)
    at.text_input(key="login_password").input(factories.PASSWORD)
    at.button[0].click()
    states = at._tree.get_widget_states()
    states.widgets.append(stale)
    at._run(states)
    assert not at.exception
    assert at.session_state["actor"].email == graduate_email
    assert reminders_on(ctx, advisor) is was_on  # nothing done as the user who left
    # The same switch, drawn again for the graduate, works again (for the graduate).
    graduate = at.session_state["actor"]
    graduate_on = reminders_on(ctx, graduate)
    at.sidebar.toggle(key="reminders_on").set_value(not graduate_on).run()
    assert not at.exception
    assert reminders_on(ctx, graduate) is not graduate_on
    assert reminders_on(ctx, advisor) is was_on


def test_a_demo_database_lists_its_accounts_and_they_sign_in(
    open_app: Opener, ctx: Context
) -> None:
    live = Context(ctx.engine, ctx.settings)  # the app's clock: the demo is relative to today
    load_demo(live, seed=7)
    expected = demo_accounts(live)
    assert expected  # the demo lists some accounts, or this test proves nothing
    at = open_app()
    assert not at.exception
    assert "Demo data" in at.warning[0].value
    # A list, each account whole (issue 17, 7e: a table's last column was cut at 1280 px).
    listed = [block.value for block in at.markdown if " · `" in block.value]
    assert [line.split("`")[1] for line in listed] == [account.email for account in expected]
    assert all(escape(a.sees) in line for a, line in zip(expected, listed, strict=True))
    assert not at.dataframe
    assert any(DEMO_PASSWORD in block.value for block in at.markdown)

    advisor = next(account for account in expected if account.role is Role.ADVISOR)
    at = sign_in(at, advisor.email, DEMO_PASSWORD)
    assert not at.exception
    assert titles(at) == ["Dashboard"]
    assert at.session_state["actor"].email == advisor.email


def test_start_up_upgrades_a_new_database_to_head(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = f"sqlite:///{tmp_path / 'fresh.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    st.cache_resource.clear()
    try:
        at = AppTest.from_file(str(app_session.APP), default_timeout=60).run()
        assert not at.exception
        assert [button.label for button in at.button] == ["Sign in"]
    finally:
        st.cache_resource.clear()
    engine = make_engine(url)
    try:
        assert current_revision(engine) == head_revision()
    finally:
        engine.dispose()


def test_the_apps_context_is_kept_between_asks_until_the_cache_lets_it_go(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'kept.db'}")
    st.cache_resource.clear()
    try:
        first = session.context()
        assert session.context() is first
        st.cache_resource.clear()  # as a new database would need it
        again = session.context()
        assert again is not first
        assert session.context() is again
        monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'other.db'}")
        assert session.context().settings.database_url.endswith("other.db")
    finally:
        st.cache_resource.clear()


def test_an_unreachable_database_gets_one_plain_sentence(monkeypatch: pytest.MonkeyPatch) -> None:
    # Port 9 (discard) refuses connections: the app cannot start its context.
    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg://nobody@127.0.0.1:9/none")
    st.cache_resource.clear()
    try:
        at = AppTest.from_file(str(app_session.APP), default_timeout=60).run()
    finally:
        st.cache_resource.clear()
    assert not at.exception
    assert [error.value for error in at.error] == [DATABASE_TROUBLE]
    assert not at.button
