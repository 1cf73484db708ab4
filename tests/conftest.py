"""Database fixtures: every database test runs on SQLite and, when
NETWORKIT_TEST_DATABASE_URL is set, on PostgreSQL too (an unreachable server fails the run).

Each test run migrates a fresh schema once per backend (a new SQLite file; a new PostgreSQL
schema, dropped at the end); each test starts from empty tables plus the shipped content.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.engine import make_url

from networkit_core import migrate
from networkit_core.clock import FixedClock
from networkit_core.content import load_content
from networkit_core.context import Context
from networkit_core.db import make_engine
from networkit_core.models import Base
from networkit_core.settings import Settings

PG_ENV = "NETWORKIT_TEST_DATABASE_URL"
TODAY = date(2026, 3, 16)  # a Monday; tests that care about "today" use this clock
BACKENDS = ["sqlite", "postgresql"]


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
