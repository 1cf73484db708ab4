"""Journeys in a real headless Chromium against `streamlit run app.py` on the demo database.

Debian's Chromium is used as installed (never a downloaded browser). Without it the journeys
are skipped, unless NETWORKIT_REQUIRE_BROWSER=1 (as in CI), where its absence fails the run.
Screenshots land in artifacts/screenshots/ for a person to look at.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright
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

pytestmark = pytest.mark.browser

PROJECT = Path(__file__).resolve().parent.parent
SCREENSHOTS = PROJECT / "artifacts" / "screenshots"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SERVER_START_SECONDS = 60
WAIT_MS = 20_000
# Assertions wait as long as actions do: a run on a busy machine can take seconds.
expect.set_options(timeout=WAIT_MS)


@dataclass(frozen=True)
class DemoServer:
    url: str
    ctx: Context
    accounts: list[DemoAccount]
    log: Path


def _browser_or_skip() -> None:
    required = os.environ.get("NETWORKIT_REQUIRE_BROWSER") == "1"
    problem = None
    if not CHROMIUM.exists():
        problem = f"{CHROMIUM} is not installed (apt-get install chromium)"
    if problem and required:
        pytest.fail(f"NETWORKIT_REQUIRE_BROWSER=1 but {problem}")
    if problem:
        pytest.skip(problem)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_healthy(url: str, server: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + SERVER_START_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"streamlit exited with {server.returncode}:\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.25)
    pytest.fail(f"streamlit did not answer within {SERVER_START_SECONDS}s:\n{log.read_text()}")


@contextmanager
def streamlit_server(database_url: str, workdir: Path) -> Iterator[tuple[str, Path]]:
    """`streamlit run app.py` on `database_url` in a process of its own: (its URL, its log)."""
    port = _free_port()
    log = workdir / "streamlit.log"
    env = {**os.environ, "DATABASE_URL": database_url}
    env.pop("NETWORKIT_CONTENT_DIR", None)
    with log.open("wb") as sink:
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "streamlit",
                "run",
                "app.py",
                "--server.headless=true",
                f"--server.port={port}",
                "--server.address=127.0.0.1",
                "--browser.gatherUsageStats=false",
                "--server.fileWatcherType=none",
            ],
            cwd=PROJECT,
            env=env,
            stdout=sink,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(url, server, log)
        yield url, log
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=10)


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
        with streamlit_server(database_url, workdir) as (url, log):
            yield DemoServer(url, ctx, demo_accounts(ctx), log)
    finally:
        ctx.engine.dispose()


@pytest.fixture(scope="module")
def browser(demo_server: DemoServer) -> Iterator[Browser]:
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


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
