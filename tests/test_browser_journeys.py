"""Journeys in a real headless Chromium against `streamlit run serve.py` on the demo database.

Debian's Chromium is used as installed (never a downloaded browser). Without it the journeys
are skipped, unless NETWORKIT_REQUIRE_BROWSER=1 (as in CI), where its absence fails the run.
Screenshots land in artifacts/screenshots/ for a person to look at.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect
from sqlalchemy import select

from networkit_core import startup
from networkit_core.actor import Actor
from networkit_core.context import Context
from networkit_core.demo import DEMO_PASSWORD, DemoAccount, demo_accounts, load_demo
from networkit_core.figures.nudges import NudgeLine, needs_nudge
from networkit_core.figures.scope import FigureScope
from networkit_core.models import Role, User
from networkit_core.services.accounts import SIGN_IN_FAILED
from networkit_core.settings import Settings
from tests.browser_support import (
    SCREENSHOTS,
    WAIT_MS,
    chromium,
    streamlit_server,
)
from tests.browser_support import browser_or_skip as _browser_or_skip

pytestmark = pytest.mark.browser

# Assertions wait as long as actions do: a run on a busy machine can take seconds.
expect.set_options(timeout=WAIT_MS)


@dataclass(frozen=True)
class DemoServer:
    url: str
    ctx: Context
    accounts: list[DemoAccount]
    log: Path


@pytest.fixture(scope="module")
def demo_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DemoServer]:
    _browser_or_skip()
    workdir = tmp_path_factory.mktemp("browser")
    database_url = f"sqlite:///{workdir / 'demo.db'}"
    # The app runs on the system clock, and so is the demo drawn around today.
    ctx = Context.from_settings(Settings(database_url=database_url))
    startup.prepare(ctx)
    load_demo(ctx, seed=2026)
    try:
        log = workdir / "streamlit.log"
        with streamlit_server(database_url, log) as url:
            yield DemoServer(url, ctx, demo_accounts(ctx), log)
    finally:
        ctx.engine.dispose()


@pytest.fixture(scope="module")
def browser(demo_server: DemoServer) -> Iterator[Browser]:
    with chromium() as launched:
        yield launched


@pytest.fixture
def page(browser: Browser, demo_server: DemoServer) -> Iterator[Page]:
    """A fresh browser session (its own cookies, so its own Streamlit session)."""
    context = browser.new_context(viewport={"width": 1400, "height": 1400})
    context.set_default_timeout(WAIT_MS)
    tab = context.new_page()
    try:
        tab.goto(demo_server.url)
        tab.get_by_role("heading", name="Sign in").wait_for()
        tab.get_by_label("Email").wait_for()
        yield tab
    finally:
        context.close()


def _sign_in(page: Page, email: str, password: str) -> None:
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Sign in").click()


def _shot(page: Page, name: str) -> None:
    """A screenshot once the run has finished and no placeholder is left on the page."""
    page.locator('[data-testid="stApp"][data-test-script-state="notRunning"]').wait_for()
    expect(page.locator('[data-testid="stSkeleton"]')).to_have_count(0)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def _account(server: DemoServer, role: Role) -> DemoAccount:
    return next(account for account in server.accounts if account.role is role)


def _nudges_for(server: DemoServer, email: str) -> list[NudgeLine]:
    with server.ctx.unit_of_work() as session:
        user = session.scalars(select(User).where(User.email == email)).one()
        actor = Actor.of(user)
    return needs_nudge(server.ctx, actor, FigureScope.everything())


def test_login_page_shows_the_demo_banner(page: Page, demo_server: DemoServer) -> None:
    expect(page.get_by_text("Demo data")).to_be_visible()
    expect(page.get_by_text(DEMO_PASSWORD)).to_be_visible()
    _shot(page, "01-login-demo")


def test_wrong_password_shows_the_error(page: Page, demo_server: DemoServer) -> None:
    _sign_in(page, _account(demo_server, Role.ADVISOR).email, "not the password")
    expect(page.get_by_text(SIGN_IN_FAILED)).to_be_visible()
    expect(page.get_by_role("button", name="Sign out")).to_have_count(0)
    _shot(page, "02-login-wrong-password")


def test_advisor_sees_who_needs_a_nudge_today(page: Page, demo_server: DemoServer) -> None:
    advisor = _account(demo_server, Role.ADVISOR)
    due = [item for line in _nudges_for(demo_server, advisor.email) for item in line.reasons]
    assert due, "the demo should give its advisors someone to nudge"
    _sign_in(page, advisor.email, DEMO_PASSWORD)
    expect(page.get_by_role("heading", name="Dashboard")).to_be_visible(timeout=WAIT_MS)
    expect(page.get_by_text("Who needs a nudge")).to_be_visible()
    people = len({item.graduate_id for item in due})
    expect(page.get_by_text(f"{people} graduate")).to_be_visible()
    # The most overdue item is named in words, above the tables.
    lead = page.get_by_text(f"Start with {due[0].graduate_name}")
    expect(lead).to_contain_text(due[0].message)
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    _shot(page, "03-advisor-today")


def test_graduate_sees_their_home(page: Page, demo_server: DemoServer) -> None:
    graduate = _account(demo_server, Role.GRADUATE)
    _sign_in(page, graduate.email, DEMO_PASSWORD)
    first = graduate.name.split(" ", 1)[0]
    expect(page.get_by_role("heading", name=f"Hello, {first}")).to_be_visible()
    expect(page.get_by_role("heading", name="Due now")).to_be_visible()
    expect(page.get_by_role("heading", name="Coming up")).to_be_visible()
    expect(page.get_by_role("heading", name="Past")).to_be_visible()
    # Nothing of the advisor's: no due list, no link to it.
    expect(page.get_by_text("Who needs a nudge")).to_have_count(0)
    expect(page.get_by_role("link", name="Dashboard")).to_have_count(0)
    _shot(page, "04-graduate-home")


def test_admin_sees_the_overview_and_signs_out(page: Page, demo_server: DemoServer) -> None:
    _sign_in(page, _account(demo_server, Role.ADMIN).email, DEMO_PASSWORD)
    expect(page.get_by_role("heading", name="Overview")).to_be_visible()
    expect(page.get_by_role("heading", name="Locked accounts")).to_be_visible()
    _shot(page, "05-admin-overview")
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    expect(page.get_by_role("heading", name="Overview")).to_have_count(0)
