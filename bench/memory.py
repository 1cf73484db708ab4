"""The server's resident memory after 10 Chromium sessions have signed in and opened their home
page (advisors: the dashboard), against `streamlit run serve.py` on the population's database.

Debian's /usr/bin/chromium, driven by Playwright (never a downloaded browser). Opt-in
(BENCH_BROWSER=1): starting the server and ten browser sessions takes a minute or two.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from bench.measure import Result
from bench.populations import PASSWORD, Population, _advisor_email
from tests.browser_support import chromium, streamlit_process

SESSIONS = 10
TARGET_MB = 400


def resident_mb(pid: int) -> float:
    """VmRSS of a process, in MB."""
    with open(f"/proc/{pid}/status", encoding="utf-8") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for process {pid}")


def run(database_url: str, population: Population) -> list[Result]:
    with tempfile.TemporaryDirectory() as folder:
        log = Path(folder) / "streamlit.log"
        with streamlit_process(database_url, log) as (url, pid), chromium() as browser:
            started = resident_mb(pid)
            advisors = min(SESSIONS, population.size.advisors)
            contexts = []
            for n in range(SESSIONS):
                context = browser.new_context(viewport={"width": 1280, "height": 900})
                context.set_default_timeout(120_000)
                page = context.new_page()
                page.goto(url)
                page.get_by_label("Email").fill(_advisor_email(n % advisors))
                page.get_by_label("Password", exact=True).fill(PASSWORD)
                page.get_by_role("button", name="Sign in").click()
                page.get_by_role("button", name="Sign out").wait_for()
                page.locator(
                    '[data-testid="stApp"][data-test-script-state="notRunning"]'
                ).wait_for()
                contexts.append(context)  # every session stays open until the reading
            after = resident_mb(pid)
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
