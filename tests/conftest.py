"""The suite's fixtures, all of them here.

- Databases: every data test runs on SQLite and, when NETWORKIT_TEST_DATABASE_URL is set, on
  PostgreSQL too (an unreachable server fails the run). Each test run migrates a fresh schema
  once per backend (a new SQLite file; a new PostgreSQL schema, dropped at the end); each test
  starts from empty tables plus the shipped content. Page tests (AppTest) run on SQLite only.
- Passwords: a cheap argon2 profile, except where a test asks for production's.
- Browser: one Chromium, one demo server and one blank server per test process (xdist
  worker); a journey that changes what others read gets a demo server of its own.
"""

from __future__ import annotations

import os
import sqlite3
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import streamlit as st
from argon2 import PasswordHasher
from playwright.sync_api import Browser, BrowserContext, Page, expect
from sqlalchemy import Engine, text
from sqlalchemy.engine import make_url
from streamlit.testing.v1 import AppTest

from networkit_core import migrate, passwords, startup
from networkit_core.clock import FixedClock
from networkit_core.content import load_content
from networkit_core.context import Context
from networkit_core.db import make_engine
from networkit_core.demo import load_demo
from networkit_core.models import Base
from networkit_core.settings import Settings
from tests.app_session import APP, App, Opener
from tests.browser_support import (
    WAIT_MS,
    BlankServer,
    DemoServer,
    browser_or_skip,
    chromium,
    serving,
    streamlit_server,
)

PG_ENV = "NETWORKIT_TEST_DATABASE_URL"
TODAY = date(2026, 3, 16)  # a Monday; tests that care about "today" use this clock
BACKENDS = ["sqlite", "postgresql"]
PRODUCTION_HASHER = passwords._hasher  # as imported, before the tests' cheap one


def _worker() -> str:
    return os.environ.get("PYTEST_XDIST_WORKER", "main")


@pytest.fixture(scope="session")
def _pg_schema_url() -> Iterator[str]:
    base = os.environ[PG_ENV]
    schema = f"nwtest_{_worker()}_{uuid.uuid4().hex[:8]}"
    admin = make_engine(base)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = make_url(base).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def _database_url(backend: str, request: pytest.FixtureRequest, tmp_dir: Path) -> str:
    if backend == "sqlite":
        return f"sqlite:///{tmp_dir / f'test-{_worker()}.db'}"
    if not os.environ.get(PG_ENV):
        pytest.skip(f"PostgreSQL run not asked for: set {PG_ENV} (as .ci/run does)")
    return request.getfixturevalue("_pg_schema_url")


@pytest.fixture(scope="session", params=BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    """A migrated, empty database for this test run, one per backend."""
    url = _database_url(request.param, request, tmp_path_factory.mktemp(request.param))
    engine = make_engine(url)
    try:
        migrate.upgrade(engine)
    finally:
        engine.dispose()
    return url


@pytest.fixture(scope="session")
def engine(database_url: str) -> Iterator[Engine]:
    engine = make_engine(database_url)
    yield engine
    engine.dispose()


def empty_all_tables(engine: Engine) -> None:
    with engine.begin() as connection:
        for table in reversed(Base.metadata.sorted_tables):
            connection.execute(table.delete())


@pytest.fixture
def settings(database_url: str) -> Settings:
    return Settings(database_url=database_url)


@pytest.fixture
def ctx(engine: Engine, settings: Settings) -> Iterator[Context]:
    """A context on an empty database holding only the shipped content, today = TODAY."""
    empty_all_tables(engine)
    context = Context(engine, settings, FixedClock.on(TODAY))
    with context.unit_of_work() as session:
        load_content(session, settings.content_dir)
    yield context


@pytest.fixture
def backend(engine: Engine) -> str:
    return engine.dialect.name


# --- Which tests run where ----------------------------------------------------------------

# Page tests: they open the app in AppTest (through `open_app`). What they check is the page;
# the SQL under it is checked on both backends by the data tests, so they run on SQLite only.
PAGE_FIXTURE = "open_app"
# Browser tests: a real Chromium against `streamlit run serve.py` (`make test` runs them as a
# step of their own, `pytest -m browser`).
BROWSER_MODULES = ("test_browser_", "test_graduate_browser", "test_advisor_journey")
# Modules whose server is their own (seeded for them, or set up with mail or a university
# provider): each runs whole on one xdist worker, so that its server starts once.
OWN_SERVER_MODULES = {
    "test_browser_payloads": "payloads",
    "test_browser_security": "security",
    "test_browser_university": "university",
    "test_browser_coming_up": "blank",
    "test_browser_erasure": "erasure",
    "test_graduate_browser": "blank",
    "test_browser_triage": "triage",
}


@pytest.hookimpl(tryfirst=True)
def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """A page test takes `database_url` on SQLite only (before the fixture's own params are
    applied: a parametrize mark of the test wins over them)."""
    names = metafunc.fixturenames
    if PAGE_FIXTURE in names and "database_url" in names:
        metafunc.definition.add_marker(  # first of its marks: ids stay as they were, [sqlite-...]
            pytest.mark.parametrize("database_url", ["sqlite"], indirect=True), append=False
        )


@pytest.hookimpl(tryfirst=True)  # before xdist reads the groups
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        module = item.module.__name__.rsplit(".", 1)[-1] if item.module else ""
        if module.startswith(BROWSER_MODULES) or "browser" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)
        if module in OWN_SERVER_MODULES:
            item.add_marker(pytest.mark.xdist_group(OWN_SERVER_MODULES[module]))


# --- Passwords: a cheap argon2 profile in tests ---------------------------------------------

# argon2id at its cheapest sensible cost: hashing is what tests do most and check least. The
# production profile (RFC 9106's, tests/test_passwords.py) is unchanged; a hash made here
# still verifies with it, since a hash carries its own parameters.
CHEAP_HASHER = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)


def _use_hasher(hasher: PasswordHasher) -> PasswordHasher:
    before = passwords._hasher
    passwords._hasher = hasher
    passwords._dummy_hash.cache_clear()  # the dummy must cost what a real check costs
    return before


@pytest.fixture(scope="session", autouse=True)
def _cheap_passwords() -> Iterator[None]:
    production = _use_hasher(CHEAP_HASHER)
    yield
    _use_hasher(production)


@pytest.fixture
def production_passwords() -> Iterator[PasswordHasher]:
    """The production hasher, for the tests about its cost (the sign-in timing, the profile)."""
    cheap = _use_hasher(PRODUCTION_HASHER)
    yield PRODUCTION_HASHER
    _use_hasher(cheap)


# --- AppTest ------------------------------------------------------------------------------


@pytest.fixture
def open_app(ctx: Context, database_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[Opener]:
    """Opens the app on the test database, as a fresh browser session would."""
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.delenv("NETWORKIT_CONTENT_DIR", raising=False)
    # Each test's database reuses row ids: figures cached by an earlier test must not show.
    st.cache_resource.clear()
    st.cache_data.clear()

    def opener() -> AppTest:
        # Generous: the first run migrates and loads content on a shared machine.
        return App(APP, default_timeout=60).run()

    yield opener
    st.cache_resource.clear()  # disposes the app's engine
    st.cache_data.clear()


# --- Browser: one Chromium, one demo server and one blank server per worker -----------------

# Assertions wait as long as actions do: a run on a busy machine can take seconds.
expect.set_options(timeout=WAIT_MS)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    browser_or_skip()
    with chromium() as launched:
        yield launched


@pytest.fixture
def new_tab(browser: Browser) -> Iterator[Callable[..., Page]]:
    """Opens a tab in a browser session of its own (its own cookies, so its own Streamlit
    session): `new_tab(url, width=, height=, **context options)`; all closed afterwards."""
    opened: list[BrowserContext] = []

    def open_tab(
        url: str | None = None, width: int = 1400, height: int = 1400, **options: Any
    ) -> Page:
        context = browser.new_context(viewport={"width": width, "height": height}, **options)
        context.set_default_timeout(WAIT_MS)
        opened.append(context)
        tab = context.new_page()
        if url is not None:
            tab.goto(url)
        return tab

    yield open_tab
    for context in opened:
        context.close()


@pytest.fixture(scope="session")
def demo_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo, drawn once per worker (around today: the app runs on the system clock);
    each demo server runs on a copy."""
    browser_or_skip()
    path = tmp_path_factory.mktemp("demo-template") / "demo.db"
    ctx = Context.from_settings(Settings(database_url=f"sqlite:///{path}"))
    try:
        startup.prepare(ctx)
        load_demo(ctx, seed=2026)
    finally:
        ctx.engine.dispose()
    return path


@contextmanager
def _demo_on(template: Path, workdir: Path, *options: str) -> Iterator[DemoServer]:
    path = workdir / "demo.db"
    source, copy = sqlite3.connect(template), sqlite3.connect(path)
    try:
        source.backup(copy)  # far quicker than drawing the demo again
    finally:
        source.close()
        copy.close()
    database_url = f"sqlite:///{path}"
    ctx = Context.from_settings(Settings(database_url=database_url))
    try:
        log = workdir / "streamlit.log"
        with streamlit_server(database_url, log, *options) as url:
            yield DemoServer(url, ctx, log)
    finally:
        ctx.engine.dispose()


@pytest.fixture(scope="session")
def demo_server(
    demo_database: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[DemoServer]:
    """The demo, served, shared by this worker's journeys: a journey here may change only
    what no other journey reads (its own records, by names of its own)."""
    with _demo_on(demo_database, tmp_path_factory.mktemp("demo")) as server:
        yield server


@pytest.fixture
def own_demo_server(demo_database: Path, tmp_path: Path) -> Iterator[DemoServer]:
    """The demo, served for one journey alone: for the journeys that change what others read
    (an advisor's caseload, the accounts the sign-in page lists)."""
    with _demo_on(demo_database, tmp_path) as server:
        yield server


@pytest.fixture(scope="session")
def blank_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BlankServer]:
    """A served database with the shipped content and no accounts: each journey on it makes
    its own (the factories name them apart)."""
    browser_or_skip()
    with serving(tmp_path_factory.mktemp("blank")) as server:
        yield server


@pytest.fixture
def demo_under_a_path(demo_database: Path, tmp_path: Path) -> Iterator[DemoServer]:
    """The demo served under `server.baseUrlPath` "coach": its address ends in `/coach`."""
    with _demo_on(demo_database, tmp_path, "--server.baseUrlPath=coach") as server:
        yield server


@pytest.fixture
def page(new_tab: Callable[..., Page], demo_server: DemoServer) -> Page:
    """A fresh browser session on the demo's sign-in page."""
    tab = new_tab(demo_server.url)
    tab.get_by_role("heading", name="Sign in").wait_for()
    tab.get_by_label("Email").wait_for()
    return tab
