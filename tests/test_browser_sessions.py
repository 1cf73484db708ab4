"""A reload keeps the user signed in, by an HttpOnly cookie no script in the page can read;
sign-out ends the session and drops the cookie; the Users page in Chromium."""

from __future__ import annotations

from collections.abc import Callable

from playwright.sync_api import Page, expect
from sqlalchemy import select

from networkit_core.demo import DEMO_PASSWORD
from networkit_core.models import Role, UserSession
from networkit_core.services.accounts.sessions import resume_session, token_hash
from pages.ui.browser_session import COOKIE
from tests.browser_support import (
    DemoServer,
    session_cookie,
    settled,
    shot,
    sign_in,
    wait_for_no_session_cookie,
    wait_for_session_cookie,
)


def test_a_reload_keeps_the_user_signed_in_until_sign_out(
    page: Page, demo_server: DemoServer
) -> None:
    admin = demo_server.account(Role.ADMIN)
    sign_in(page, admin.email, DEMO_PASSWORD)
    expect(page.get_by_role("heading", name="Overview")).to_be_visible()
    cookie = wait_for_session_cookie(page)
    assert cookie.get("httpOnly") is True
    assert cookie.get("sameSite") == "Strict"
    assert cookie.get("secure") is False  # plain http here; Secure over TLS
    assert cookie.get("path") == "/"
    assert cookie.get("expires") == -1  # kept until the browser closes
    # No script in the page can read it.
    settled(page)
    assert COOKIE not in page.evaluate("document.cookie")
    assert str(cookie["value"]) not in page.evaluate("document.cookie")
    token = str(cookie["value"])
    assert DEMO_PASSWORD not in token
    with demo_server.ctx.unit_of_work() as session:  # the database has its hash, not the token
        hashes = set(session.scalars(select(UserSession.token_hash)))
    assert token_hash(token) in hashes and token not in hashes

    page.reload()
    expect(page.get_by_role("heading", name="Overview")).to_be_visible()
    assert COOKIE not in page.evaluate("document.cookie")
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    # A bookmarked address opens straight away too (a new page load, a new connection).
    page.goto(f"{demo_server.url}/users")
    expect(page.get_by_role("heading", name="Users")).to_be_visible()
    expect(page.get_by_role("heading", name="Sign in")).to_have_count(0)

    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    wait_for_no_session_cookie(page)  # the dead token is dropped too
    page.reload()
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    expect(page.get_by_label("Email")).to_be_visible()
    expect(page.get_by_role("heading", name="Overview")).to_have_count(0)
    expect(page.get_by_role("button", name="Sign out")).to_have_count(0)
    assert session_cookie(page) is None
    assert resume_session(demo_server.ctx, token) is None  # and refused by the server


def test_a_copied_token_stops_working_at_sign_out(
    new_tab: Callable[..., Page], page: Page, demo_server: DemoServer
) -> None:
    advisor = demo_server.account(Role.ADVISOR)
    sign_in(page, advisor.email, DEMO_PASSWORD)
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    cookie = wait_for_session_cookie(page)
    # A second browser holding a copy of the cookie is signed in ...
    copy = new_tab(width=1280, height=900)
    copy.context.add_cookies([cookie])  # type: ignore[list-item]
    copy.goto(demo_server.url)
    expect(copy.get_by_role("button", name="Sign out")).to_be_visible()
    # ... until the user signs out in the first: the server ends the session.
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    copy.reload()
    expect(copy.get_by_role("heading", name="Sign in")).to_be_visible()


def test_under_a_base_path_the_cookie_is_kept_and_dropped_at_deep_addresses(
    new_tab: Callable[..., Page], demo_under_a_path: DemoServer
) -> None:
    server = demo_under_a_path
    page = new_tab(f"{server.url}/users")  # a deep address: the page asks the routes from there
    admin = server.account(Role.ADMIN)
    sign_in(page, admin.email, DEMO_PASSWORD)
    expect(page.get_by_role("heading", name="Users")).to_be_visible()
    assert wait_for_session_cookie(page).get("httpOnly") is True
    page.goto(f"{server.url}/overview")
    expect(page.get_by_role("heading", name="Overview")).to_be_visible()
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    wait_for_no_session_cookie(page)


def test_users_page_at_both_widths(page: Page, demo_server: DemoServer) -> None:
    admin = demo_server.account(Role.ADMIN)
    sign_in(page, admin.email, DEMO_PASSWORD)
    expect(page.get_by_role("heading", name="Overview")).to_be_visible()
    wait_for_session_cookie(page)  # the next address is a new page load: it needs the cookie
    graduate = demo_server.account(Role.GRADUATE)
    page.goto(f"{demo_server.url}/users?email={graduate.email}")
    expect(page.get_by_role("heading", name="Users")).to_be_visible()
    expect(page.get_by_role("button", name="Set a temporary password")).to_be_visible()
    page.set_viewport_size({"width": 1280, "height": 900})
    shot(page, "identity-users-1280")
    page.set_viewport_size({"width": 390, "height": 844})
    shot(page, "identity-users-390")
