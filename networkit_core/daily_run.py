"""One daily run (`networkit remind`, `networkit retention`) at a time per database, whichever
host starts it: every app host may have the timer, and a run that finds another under way stops
before it erases or sends anything. A run after it, the same day, finds everything stored and
sent already (reminders are unique per user, kind and day), so it only retries what failed.

PostgreSQL: a session advisory lock, which the server drops when the holding host's connection
dies, so a crashed run never blocks the next day's. SQLite: the database is a file on one host,
so a lock on a file beside it, which the kernel drops when the process ends."""

from __future__ import annotations

import fcntl
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Connection, text

from networkit_core.context import Context

# The advisory lock's first key (any int4 no other part of the product uses); the second is the
# schema's, so that databases sharing one PostgreSQL database by schema do not block each other.
LOCK_SPACE = 0x4E57  # "NW"
OTHER_RUN = (
    "networkit: another daily run (remind or retention) is under way on this database, "
    "perhaps on another host; this one stopped and changed and sent nothing"
)


@contextmanager
def daily_run(ctx: Context) -> Iterator[bool]:
    """True when this process holds the daily run for the block; False when another does."""
    if ctx.engine.dialect.name == "postgresql":
        with ctx.engine.connect() as connection, _advisory_lock(connection) as held:
            yield held
        return
    database = ctx.engine.url.database
    if not database or database == ":memory:":  # no other process can reach it
        yield True
        return
    with _file_lock(Path(f"{database}-daily-run.lock")) as held:
        yield held


@contextmanager
def _advisory_lock(connection: Connection) -> Iterator[bool]:
    key = {"space": LOCK_SPACE}
    held = bool(
        connection.scalar(
            text("SELECT pg_try_advisory_lock(:space, hashtext(current_schema()))"), key
        )
    )
    connection.commit()  # a session lock: it outlives the transaction, which must not idle open
    try:
        yield held
    finally:
        if held:
            connection.execute(
                text("SELECT pg_advisory_unlock(:space, hashtext(current_schema()))"), key
            )
            connection.commit()


@contextmanager
def _file_lock(path: Path) -> Iterator[bool]:
    with path.open("a") as file:
        try:
            fcntl.flock(file, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(file, fcntl.LOCK_UN)
