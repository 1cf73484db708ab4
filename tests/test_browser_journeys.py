"""Journeys in a real headless Chromium against `streamlit run serve.py` on the demo database
(the `demo_server` and `page` fixtures of conftest.py)."""

from __future__ import annotations

from collections.abc import Callable

from playwright.sync_api import Page, expect
from sqlalchemy import select

from networkit_core.actor import Actor
from networkit_core.demo import DEMO_PASSWORD
from networkit_core.figures.nudges import NudgeLine, needs_nudge
from networkit_core.figures.scope import FigureScope
from networkit_core.models import Role, User
from networkit_core.services.accounts import SIGN_IN_FAILED
from tests.browser_support import DemoServer, shot, sign_in


def _nudges_for(server: DemoServer, email: str) -> list[NudgeLine]:
    with server.ctx.unit_of_work() as session:
        user = session.scalars(select(User).where(User.email == email)).one()
        actor = Actor.of(user)
    return needs_nudge(server.ctx, actor, FigureScope.everything())


def test_login_page_shows_the_demo_banner(page: Page, demo_server: DemoServer) -> None:
    expect(page.get_by_text("Demo data")).to_be_visible()
    expect(page.get_by_text(DEMO_PASSWORD)).to_be_visible()
    shot(page, "01-login-demo")


def test_wrong_password_shows_the_error(page: Page, demo_server: DemoServer) -> None:
    # Marcus, the advisor no other journey signs in as: a refused try makes the next one for
    # its e-mail wait a second.
    marcus = [a for a in demo_server.accounts if a.role is Role.ADVISOR][-1]
    sign_in(page, marcus.email, "not the password")
    expect(page.get_by_text(SIGN_IN_FAILED)).to_be_visible()
    expect(page.get_by_role("button", name="Sign out")).to_have_count(0)
    shot(page, "02-login-wrong-password")


def test_advisor_sees_who_needs_a_nudge_today(
    new_tab: Callable[..., Page], own_demo_server: DemoServer
) -> None:
    # Its own server: the dashboard's figures, its nudge list included, are cached per advisor
    # for a few minutes, and another journey's writes as a graduate would show only after that.
    demo_server = own_demo_server
    page = new_tab(demo_server.url)
    page.get_by_label("Email").wait_for()
    advisor = demo_server.account(Role.ADVISOR)
    due = [item for line in _nudges_for(demo_server, advisor.email) for item in line.reasons]
    assert due, "the demo should give its advisors someone to nudge"
    sign_in(page, advisor.email, DEMO_PASSWORD)
    expect(page.get_by_role("heading", name="Dashboard")).to_be_visible()
    expect(page.get_by_text("Who needs a nudge")).to_be_visible()
    people = len({item.graduate_id for item in due})
    expect(page.get_by_text(f"{people} graduate")).to_be_visible()
    # The most overdue item is named in words, above the tables.
    lead = page.get_by_text(f"Start with {due[0].graduate_name}")
    expect(lead).to_contain_text(due[0].message)
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    shot(page, "03-advisor-today")


def test_graduate_sees_their_home(page: Page, demo_server: DemoServer) -> None:
    graduate = demo_server.account(Role.GRADUATE)
    sign_in(page, graduate.email, DEMO_PASSWORD)
    first = graduate.name.split(" ", 1)[0]
    expect(page.get_by_role("heading", name=f"Hello, {first}")).to_be_visible()
    expect(page.get_by_role("heading", name="Due now")).to_be_visible()
    expect(page.get_by_role("heading", name="Coming up")).to_be_visible()
    expect(page.get_by_role("heading", name="Past")).to_be_visible()
    # Nothing of the advisor's: no due list, no link to it.
    expect(page.get_by_text("Who needs a nudge")).to_have_count(0)
    expect(page.get_by_role("link", name="Dashboard")).to_have_count(0)
    shot(page, "04-graduate-home")


def test_admin_sees_the_overview_and_signs_out(page: Page, demo_server: DemoServer) -> None:
    sign_in(page, demo_server.account(Role.ADMIN).email, DEMO_PASSWORD)
    expect(page.get_by_role("heading", name="Overview")).to_be_visible()
    expect(page.get_by_role("heading", name="Locked accounts")).to_be_visible()
    shot(page, "05-admin-overview")
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    expect(page.get_by_role("heading", name="Overview")).to_have_count(0)
