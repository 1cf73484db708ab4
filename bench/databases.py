"""Throw-away databases for a benchmark run: a SQLite file in a temporary folder, or a
PostgreSQL schema of its own (dropped afterwards), migrated to head."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, text
from sqlalchemy.engine import make_url

from networkit_core import migrate
from networkit_core.db import make_engine

# The PostgreSQL server to run the benchmarks on too (README, "Benchmarks").
PG_ENV = "NETWORKIT_BENCH_DATABASE_URL"


@contextmanager
def database(url: str, folder: Path, name: str) -> Iterator[tuple[Engine, str]]:
    """A migrated, empty database: `url` is a PostgreSQL server, or "sqlite" for a file in
    `folder`. Yields the engine and the URL the app would be given."""
    if url == "sqlite":
        url = f"sqlite:///{folder / f'{name}.db'}"
        engine = make_engine(url)
        try:
            migrate.upgrade(engine)
            yield engine, url
        finally:
            engine.dispose()
        return
    schema = f"nwbench_{name}_{uuid.uuid4().hex[:8]}"
    admin = make_engine(url)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    scoped = make_url(url).update_query_dict({"options": f"-csearch_path={schema}"})
    scoped_url = scoped.render_as_string(hide_password=False)
    engine = make_engine(scoped_url)
    try:
        migrate.upgrade(engine)
        yield engine, scoped_url
    finally:
        engine.dispose()
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()
