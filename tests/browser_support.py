"""What the browser tests share (their fixtures are in conftest.py): Debian's Chromium as
installed (never a downloaded browser), and `streamlit run serve.py` on a database of the
test's own, on a free port of this machine.

Without Chromium the browser tests are skipped, unless NETWORKIT_REQUIRE_BROWSER=1 (as in CI),
where its absence fails the run. Screenshots for a person to look at are taken only when
NETWORKIT_SCREENSHOTS=1 (`make screenshots`), into artifacts/screenshots/.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Cookie, Page, expect, sync_playwright

from networkit_core import startup
from networkit_core.context import Context
from networkit_core.demo import DemoAccount, demo_accounts
from networkit_core.models import Role
from networkit_core.settings import Settings
from pages.ui.browser_session import COOKIE

PROJECT = Path(__file__).resolve().parent.parent
SCREENSHOTS = PROJECT / "artifacts" / "screenshots"
TAKE_SCREENSHOTS = os.environ.get("NETWORKIT_SCREENSHOTS") == "1"
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
WAIT_MS = 60_000  # a run on a loaded two-core machine can take many seconds (CI runs two servers)


@dataclass(frozen=True)
class DemoServer:
    """`streamlit run serve.py` on a copy of the demo."""

    url: str
    ctx: Context
    log: Path

    @property
    def accounts(self) -> list[DemoAccount]:
        """The accounts the sign-in page lists, as the database has them now."""
        return demo_accounts(self.ctx)

    def account(self, role: Role) -> DemoAccount:
        """The first listed account of `role`."""
        return next(account for account in self.accounts if account.role is role)


@dataclass(frozen=True)
class BlankServer:
    """`streamlit run serve.py` on a new database: the shipped content, no accounts."""

    url: str
    ctx: Context


def browser_or_skip() -> None:
    required = os.environ.get("NETWORKIT_REQUIRE_BROWSER") == "1"
    problem = None
    if not CHROMIUM.exists():
        problem = f"{CHROMIUM} is not installed (apt-get install chromium)"
    if problem and required:
        pytest.fail(f"NETWORKIT_REQUIRE_BROWSER=1 but {problem}")
    if problem:
        pytest.skip(problem)


def free_port() -> int:
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
def streamlit_server(
    database_url: str, log: Path, *options: str, port: int | None = None
) -> Iterator[str]:
    """`streamlit run serve.py` (the app and its calendar feed, as `make run` serves them) on
    `database_url`, with more `--option=value`s; yields its address, stops it afterwards."""
    with streamlit_process(database_url, log, *options, port=port) as (url, _):
        yield url


@contextmanager
def streamlit_process(
    database_url: str,
    log: Path,
    *options: str,
    port: int | None = None,
    script: str = "serve.py",
) -> Iterator[tuple[str, int]]:
    """As `streamlit_server`, yielding the address and the server's process id (the memory
    benchmark reads its resident size); `script` is another app of the project to serve (the
    benchmark's bare pages)."""
    port = port or free_port()
    env = {**os.environ, "DATABASE_URL": database_url}
    # The project's packages for a script in a folder of its own (bench/bare/).
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(PROJECT), env.get("PYTHONPATH")]))
    env.pop("NETWORKIT_CONTENT_DIR", None)
    with log.open("wb") as sink:
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "streamlit",
                "run",
                script,
                "--server.headless=true",
                f"--server.port={port}",
                "--server.address=127.0.0.1",
                "--browser.gatherUsageStats=false",
                "--server.fileWatcherType=none",
                *options,
            ],
            cwd=PROJECT,
            env=env,
            stdout=sink,
            stderr=subprocess.STDOUT,
        )
    # Under `--server.baseUrlPath=...` the app's address (its health check too) ends in it.
    base = next((o.split("=", 1)[1] for o in options if o.startswith("--server.baseUrlPath=")), "")
    url = f"http://127.0.0.1:{port}" + (f"/{base.strip('/')}" if base.strip("/") else "")
    try:
        _wait_healthy(url, server, log)
        yield url, server.pid
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=10)


@contextmanager
def serving(workdir: Path) -> Iterator[BlankServer]:
    """A fresh `streamlit run serve.py` process on a new (not demo) database."""
    database_url = f"sqlite:///{workdir / 'app.db'}"
    ctx = Context.from_settings(Settings(database_url=database_url))
    startup.prepare(ctx)
    try:
        with streamlit_server(database_url, workdir / "streamlit.log") as url:
            yield BlankServer(url, ctx)
    finally:
        ctx.engine.dispose()


@contextmanager
def chromium() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def sign_in(page: Page, email: str, password: str) -> None:
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Sign in").click()


def session_cookie(page: Page) -> Cookie | None:
    """The session cookie this tab's browser holds (HttpOnly: read from the browser itself, as no
    script in the page can)."""
    return next((c for c in page.context.cookies() if c.get("name") == COOKIE), None)


def wait_for_session_cookie(page: Page) -> Cookie:
    """Wait until serve.py's route has set the session cookie (the page POSTs its code once the
    run has drawn the sidebar): the next address is a new page load, and needs it."""
    _wait_until(page, lambda: session_cookie(page) is not None, f"no {COOKIE} cookie")
    cookie = session_cookie(page)
    assert cookie is not None
    return cookie


def wait_for_no_session_cookie(page: Page) -> None:
    """Wait until the sign-out route has cleared the session cookie."""
    _wait_until(page, lambda: session_cookie(page) is None, f"{COOKIE} still held")


def _wait_until(page: Page, done: Callable[[], bool], failure: str) -> None:
    deadline = time.monotonic() + WAIT_MS / 1000
    while not done():
        if time.monotonic() > deadline:
            pytest.fail(f"{failure} after {WAIT_MS} ms")
        page.wait_for_timeout(100)


def settled(page: Page) -> None:
    """Wait until the run has finished and no placeholder is left on the page."""
    page.locator('[data-testid="stApp"][data-test-script-state="notRunning"]').wait_for()
    expect(page.locator('[data-testid="stSkeleton"]')).to_have_count(0)


def shot(page: Page, name: str) -> None:
    """Once the page has settled, with NETWORKIT_SCREENSHOTS=1: a picture of the whole page,
    artifacts/screenshots/<name>.png. The viewport is stretched to the main area's height for
    it (Streamlit scrolls inside that area, so a full-page screenshot alone stops at the fold),
    then given back."""
    settled(page)
    if not TAKE_SCREENSHOTS:
        return
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    size = page.viewport_size or {"width": 1280, "height": 900}
    height = page.evaluate(
        "Math.max(document.querySelector('[data-testid=stMain]').scrollHeight, 900)"
    )
    page.set_viewport_size({"width": size["width"], "height": min(int(height) + 40, 12000)})
    page.wait_for_timeout(400)  # a picture only: the charts and tables redraw at the new size
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
    page.set_viewport_size(size)
    settled(page)
