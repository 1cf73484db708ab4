"""Remembered header mappings: what a user mapped by hand for a file is offered again for their
next file with the same header row (same headers ignoring case, spacing and punctuation)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from networkit_core.actor import Actor
from networkit_core.context import Context
from networkit_core.interchange.formats import Kind, normalise_header
from networkit_core.interchange.reading import header_row, header_signature
from networkit_core.models import ImportMapping
from networkit_core.models.base import session_now


def remembered_mapping(ctx: Context, actor: Actor, kind: Kind | str, data: bytes) -> dict[str, str]:
    """The mapping `actor` last applied to a `kind` file with the header row of `data`, keyed
    by this file's own headers; empty when there is none."""
    headers = header_row(data)
    if not headers:
        return {}
    with ctx.sessions() as session:
        stored = session.get(ImportMapping, (actor.id, Kind(kind).value, header_signature(headers)))
        if stored is None:
            return {}
        # Stored under the headers as the earlier file spelled them: match loosely.
        by_key = {normalise_header(header): target for header, target in stored.mapping.items()}
        return {
            header: by_key[normalise_header(header)]
            for header in headers
            if normalise_header(header) in by_key
        }


def remember_mapping(
    session: Session, actor: Actor, kind: Kind, headers: list[str], mapping: dict[str, str]
) -> None:
    """Keep `mapping` (only the headers this file has) for the next file with these headers."""
    if not headers:
        return
    present = set(headers)
    kept = {header: target for header, target in mapping.items() if header in present}
    key = (actor.id, kind.value, header_signature(headers))
    stored = session.get(ImportMapping, key)
    if stored is None:
        stored = ImportMapping(user_id=actor.id, kind=kind.value, headers=key[2])
        session.add(stored)
    stored.mapping = kept
    stored.updated_at = session_now(session)
    session.flush()
