"""Page loads in Chromium: the app's pages against `streamlit run serve.py`, each beside its
bare script (bench/bare/, the same reads and drawing) served by Streamlit too
(bench/bare/app.py), timed in turns. A load is a new tab of a signed-in browser opening the
page's address, until Streamlit's run has finished, no placeholder is left and the page's
heading shows. Debian's /usr/bin/chromium through Playwright (tests/browser_support.py).
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path

from playwright.sync_api import Browser, BrowserContext

from bench.measure import Result
from bench.pages import CASES, Case, Users, users
from bench.populations import PASSWORD, Population
from networkit_core.context import Context
from networkit_core.db import make_engine
from networkit_core.models import User
from networkit_core.settings import Settings
from pages.ui.routes import PAGES
from tests.browser_support import chromium, sign_in, streamlit_process, wait_for_session_cookie

TARGET = 1.5  # within 1.5x the bare page (issue 22)
IN_BROWSER = tuple(
    os.environ.get(
        "BENCH_BROWSER_PAGES",
        "advisor /dashboard,advisor /professionals,admin /overview,admin /users",
    ).split(",")
)


# Loaded: a heading drawn (the one asked for, if any) and Streamlit's run over. (Placeholders
# of elements below the fold can stay until scrolled to: not waited for.)
LOADED = """heading => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || app.getAttribute("data-test-script-state") !== "notRunning") return false;
  const titles = [...document.querySelectorAll("h1")].map(h => h.textContent.trim());
  return heading === null ? titles.length > 0 : titles.includes(heading);
}"""


def _url_path(case: Case) -> str:
    return next(spec.url_path for spec in PAGES if spec.script == case.page)


def _load(context: BrowserContext, address: str, heading: str | None) -> float:
    """Seconds from opening `address` in a new tab to the page settled, its heading shown."""
    tab = context.new_page()
    try:
        started = time.perf_counter()
        tab.goto(address)
        tab.wait_for_function(LOADED, arg=heading, polling=10)
        return time.perf_counter() - started
    finally:
        tab.close()


def _signed_in(browser: Browser, app: str, email: str) -> BrowserContext:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(180_000)
    tab = context.new_page()
    tab.goto(app)
    sign_in(tab, email, PASSWORD)
    tab.get_by_role("button", name="Sign out").wait_for()
    tab.wait_for_function(LOADED, arg=None, polling=10)
    wait_for_session_cookie(tab)  # the context's next tabs are new page loads: they need it
    tab.close()
    return context


def _emails(url: str, who: Users) -> dict[str, str]:
    ctx = Context(make_engine(url), Settings(database_url=url))
    with ctx.unit_of_work() as session:
        found = {
            role: session.get(User, getattr(who, role)).email  # type: ignore[union-attr]
            for role in ("graduate", "advisor", "admin")
        }
    ctx.engine.dispose()
    return found


def _paired(
    page: Callable[[], float], floor: Callable[[], float], rounds: int
) -> tuple[float, float]:
    page(), floor()  # each server's first load of the page (its imports, its caches)
    pages, floors = [], []
    for _ in range(rounds):
        floors.append(floor())
        pages.append(page())
    return statistics.median(pages), statistics.median(floors)


def run(url: str, population: Population, rounds: int) -> list[Result]:
    ctx = Context(make_engine(url), Settings(database_url=url))
    who = users(ctx, population)
    ctx.engine.dispose()
    emails = _emails(url, who)
    database = "sqlite" if url.startswith("sqlite") else "postgresql"
    results: list[Result] = []
    with _servers(url) as (app, bare), chromium() as browser:
        contexts = {role: _signed_in(browser, app, email) for role, email in emails.items()}
        plain = browser.new_context(viewport={"width": 1280, "height": 900})
        plain.set_default_timeout(180_000)
        for case in CASES:
            if case.name not in IN_BROWSER:
                continue
            query = _query(case, who)
            floor_query = "&".join(
                [f"user={getattr(who, case.who)}", *(query[1:].split("&") if query else [])]
            )
            page_address = f"{app}/{_url_path(case)}{query}"
            floor_address = f"{bare}/{Path(case.floor).stem}?{floor_query}"
            signed = contexts[case.who]
            seconds, floor = _paired(
                partial(_load, signed, page_address, case.title),
                partial(_load, plain, floor_address, None),
                rounds,
            )
            results.append(
                Result(
                    database,
                    population.size.name,
                    f"{case.name} page load (Chromium)",
                    seconds,
                    floor,
                    f"bare script {case.floor} served by Streamlit",
                    f"≤ {TARGET:g}x floor",
                    seconds <= floor * TARGET,
                    note=f"median of {rounds} loads, a new tab each",
                )
            )
            print(f"  {results[-1].measure:<58} {seconds:8.3f} {floor:8.3f}", file=sys.stderr)
    return results


@contextmanager
def _servers(url: str) -> Iterator[tuple[str, str]]:
    """The app (serve.py) and the bare scripts (bench/bare/app.py), each a Streamlit server."""
    with tempfile.TemporaryDirectory() as folder:
        logs = Path(folder)
        with (
            streamlit_process(url, logs / "app.log") as (app, _),
            streamlit_process(url, logs / "bare.log", script="bench/bare/app.py") as (bare, _),
        ):
            yield app, bare


def _query(case: Case, who: Users) -> str:
    if case.page.endswith("graduate/interview/page.py"):
        return f"?id={who.interview}"
    if case.page.endswith("advisor/graduate/page.py"):
        return f"?email={who.graduate_email}"
    return ""
