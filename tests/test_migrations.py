"""Migrations: empty to head and back, and the models agree with the revisions."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect

from networkit_core import migrate
from networkit_core.models import Base


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def head_revision() -> str | None:
    return ScriptDirectory.from_config(migrate.alembic_config()).get_current_head()


def test_head_matches_the_models(engine: Engine) -> None:
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert differences == []


def test_down_to_base_and_up_to_head_again(engine: Engine) -> None:
    assert current_revision(engine) == head_revision()
    migrate.downgrade(engine, "base")
    try:
        assert current_revision(engine) is None
        assert not set(inspect(engine).get_table_names()) & set(Base.metadata.tables)
    finally:
        migrate.upgrade(engine)
    assert current_revision(engine) == head_revision()
    assert set(Base.metadata.tables) <= set(inspect(engine).get_table_names())
