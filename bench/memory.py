"""The server's resident memory after 10 Chromium sessions have signed in and opened their home
page (advisors: the dashboard), against `streamlit run serve.py` on the population's database.

Debian's /usr/bin/chromium, driven by Playwright (never a downloaded browser). Opt-in
(BENCH_BROWSER=1): starting the server and ten browser sessions takes a minute or two.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

from bench.measure import Result
from bench.populations import PASSWORD, Population, _advisor_email

PROJECT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-sync"]
SESSIONS = 10
TARGET_MB = 400


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def resident_mb(pid: int) -> float:
    """VmRSS of a process, in MB."""
    with open(f"/proc/{pid}/status", encoding="utf-8") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for process {pid}")


def _wait_healthy(url: str, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"streamlit exited with {server.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.25)
    raise RuntimeError("streamlit did not answer within 120 s")


def run(database_url: str, population: Population) -> list[Result]:
    port = _free_port()
    env = {**os.environ, "DATABASE_URL": database_url}
    env.pop("NETWORKIT_CONTENT_DIR", None)
    with tempfile.TemporaryFile() as log:
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
            ],
            cwd=PROJECT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        url = f"http://127.0.0.1:{port}"
        try:
            _wait_healthy(url, server)
            started = resident_mb(server.pid)
            advisors = min(SESSIONS, population.size.advisors)
            emails = [_advisor_email(n % advisors) for n in range(SESSIONS)]
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                try:
                    contexts = []
                    for email in emails:
                        context = browser.new_context(viewport={"width": 1280, "height": 900})
                        context.set_default_timeout(120_000)
                        page = context.new_page()
                        page.goto(url)
                        page.get_by_label("Email").fill(email)
                        page.get_by_label("Password", exact=True).fill(PASSWORD)
                        page.get_by_role("button", name="Sign in").click()
                        page.get_by_role("button", name="Sign out").wait_for()
                        page.locator(
                            '[data-testid="stApp"][data-test-script-state="notRunning"]'
                        ).wait_for()
                        contexts.append(context)
                    after = resident_mb(server.pid)
                finally:
                    browser.close()
        finally:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait(timeout=10)
    return [
        Result(
            "sqlite" if database_url.startswith("sqlite") else "postgresql",
            population.size.name,
            f"server resident memory after {SESSIONS} browser sessions",
            after,
            started,
            "the server before any session (MB)",
            f"< {TARGET_MB} MB",
            after < TARGET_MB,
            unit="MB",
        )
    ]
