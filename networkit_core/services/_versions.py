"""Optimistic locking: a save over a newer `version` than the page read writes nothing and
raises `ConflictError` with both, so the page can show them and lose neither."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any, Protocol, TypeVar

from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from networkit_core.actor import Actor
from networkit_core.context import Context
from networkit_core.errors import AccessDenied, ConflictError


class Versioned(Protocol):
    version: int


R = TypeVar("R", bound=Versioned)


def refuse_stale(
    what: str,
    version: int,
    expected_version: int | None,
    mine: Mapping[str, object],
    theirs: Callable[[], object],
) -> None:
    """Refuse a save made from `expected_version` (None: nothing to compare) over `version`."""
    if expected_version is not None and version != expected_version:
        raise ConflictError(what, mine=dict(mine), theirs=theirs())


@contextmanager
def versioned(
    ctx: Context, what: str, mine: Mapping[str, object], current: Callable[[Session], Any]
) -> Iterator[Session]:
    """A unit of work for a versioned save: a save landing between our check and our UPDATE
    (`StaleDataError`) is the same conflict, with `current` (None when gone)."""
    try:
        with ctx.unit_of_work() as session:
            yield session
    except StaleDataError:
        try:
            with ctx.unit_of_work() as session:
                theirs = current(session)
        except AccessDenied:
            theirs = None
        raise ConflictError(what, mine=dict(mine), theirs=theirs) from None


@contextmanager
def saving(
    ctx: Context,
    what: str,
    get: Callable[..., R],
    actor: Actor,
    record_id: int,
    view: Callable[[Session, R], object],
    mine: Mapping[str, object],
    expected_version: int | None,
) -> Iterator[tuple[Session, R]]:
    """`versioned` for the record `get(session, actor, record_id, for_write=...)` (an access
    check): a save made from another version than is saved now is refused, showing `view`."""

    def current(session: Session) -> object:
        return view(session, get(session, actor, record_id))

    with versioned(ctx, what, mine, current) as session:
        record = get(session, actor, record_id, for_write=True)
        refuse_stale(what, record.version, expected_version, mine, lambda: view(session, record))
        yield session, record
