"""Inserting many new rows the way each database takes them fastest: on PostgreSQL ids from the
sequence, then `COPY` (a long multi-row INSERT was re-parsed by psycopg per batch: 19 of 30 s
of a 40,000-row import); on SQLite `executemany`. Left-out columns get the model's default.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from typing import Any

import psycopg
from sqlalchemy import Table, and_, bindparam, delete, insert, text, update
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from networkit_core.interchange.importers import chunks

BATCH = 5000


def insert_returning_ids(
    session: Session, table: Table, rows: Sequence[dict[str, Any]]
) -> list[int]:
    """Insert `rows` into `table`; their new ids, in the order of `rows`."""
    if not rows:
        return []
    if session.get_bind().dialect.name == "postgresql":
        ids = list(
            session.execute(
                text(
                    "SELECT nextval(pg_get_serial_sequence(:table, 'id')) "
                    "FROM generate_series(1, :count)"
                ),
                {"table": table.name, "count": len(rows)},
            ).scalars()
        )
        _copy(session, table, [{**row, "id": i} for row, i in zip(rows, ids, strict=True)])
        return ids
    statement = insert(table).returning(table.c.id, sort_by_parameter_order=True)
    ids = []
    for batch in chunks(rows, BATCH):
        ids += session.execute(statement, list(batch)).scalars().all()
    return ids


def insert_rows(session: Session, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """Insert `rows` into `table` (no ids wanted back)."""
    if not rows:
        return
    if session.get_bind().dialect.name == "postgresql":
        _copy(session, table, rows)
        return
    for batch in chunks(rows, BATCH):
        session.execute(insert(table), list(batch))


def update_rows(
    session: Session, table: Table, keys: Sequence[str], rows: Sequence[dict[str, Any]]
) -> None:
    """In each row of `table` whose `keys` columns hold a row's values, set its other values
    (with no other values: delete it)."""
    if rows:
        # Bound under other names: a column's own name is taken by the statement.
        where = and_(*(table.c[name] == bindparam(f"b_{name}") for name in keys))
        values = {name: bindparam(f"b_{name}") for name in rows[0] if name not in keys}
        change = update(table).where(where).values(values) if values else delete(table).where(where)
        bound = [{f"b_{name}": value for name, value in row.items()} for row in rows]
        session.execute(change, bound)


def _copy(session: Session, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    given = rows[0].keys()
    defaults = {c.name: _default(c) for c in table.columns if c.name not in given}
    names = [c.name for c in table.columns if c.name in given or defaults[c.name] is not None]
    connection = session.connection()
    driver = connection.connection.driver_connection
    listed = ", ".join(f'"{name}"' for name in names)
    statement = f'COPY "{table.name}" ({listed}) FROM STDIN'
    try:
        with driver.cursor().copy(statement) as copy:  # type: ignore[union-attr]
            for row in rows:
                copy.write_row([_plain(row[n] if n in row else defaults[n]) for n in names])
    except psycopg.Error as error:
        # The driver's own cursor bypasses SQLAlchemy, which wraps the errors of the statements
        # it runs: wrapped the same way (a key another import took first is an IntegrityError),
        # a refused COPY meets the handlers every other refusal meets, never a traceback.
        raise DBAPIError.instance(
            statement, None, error, psycopg.Error, dialect=connection.dialect
        ) from error


def _default(column: Any) -> Any:
    """The scalar default of `column` (None when it has none: the database's own applies)."""
    default = column.default
    if default is None:
        return None
    if not default.is_scalar:
        raise ValueError(
            f"{column.table.name}.{column.name} needs a value: its default is computed"
        )
    return default.arg


def _plain(value: Any) -> Any:
    """Enums go in as the values the columns hold (the CSV spelling), not their names."""
    return value.value if isinstance(value, enum.Enum) else value
