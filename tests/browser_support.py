"""What the browser tests share: Debian's Chromium as installed (never a downloaded browser),
and `streamlit run serve.py` on a database of the test's own, on a free port of this machine.

Without Chromium the browser tests are skipped, unless NETWORKIT_REQUIRE_BROWSER=1 (as in CI),
where its absence fails the run.
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
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

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
    database_url: str, log: Path, *options: str, port: int | None = None
) -> Iterator[tuple[str, int]]:
    """As `streamlit_server`, yielding the address and the server's process id (the memory
    benchmark reads its resident size)."""
    port = port or free_port()
    env = {**os.environ, "DATABASE_URL": database_url}
    env.pop("NETWORKIT_CONTENT_DIR", None)
    with log.open("wb") as sink:
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "streamlit",
                "run",
                "serve.py",
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
    url = f"http://127.0.0.1:{port}"
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


def settled(page: Page) -> None:
    """Wait until the run has finished and no placeholder is left on the page."""
    page.locator('[data-testid="stApp"][data-test-script-state="notRunning"]').wait_for()
    expect(page.locator('[data-testid="stSkeleton"]')).to_have_count(0)


def shot(page: Page, name: str) -> None:
    """A screenshot of the settled page, under artifacts/screenshots/."""
    settled(page)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
