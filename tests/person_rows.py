"""Every row of the database that names one person: what the records archive must hold and what
an erasure must leave none of. It walks the schema rather than a list of tables, so a table added
later is walked without anyone remembering to add it here.

A row names the person when
- one of its foreign keys points at their account, or at a row of theirs in a table that is
  theirs by nature (their graduate record, contacts, interviews; and what hangs off those, such as
  follow-ups, ticks and comments);
- an audit entry's record is one of those rows;
- any text in it holds their e-mail (a throttle keyed by it, an audit detail that quotes it).
A question bank they own names them, but its questions and other graduates' uses of them do not:
shared work outlives its author.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import JSON, String, Table, Text, func, or_, select, tuple_
from sqlalchemy.orm import Session

from networkit_core.models import Base

# Tables whose rows belong to one person: the walk follows foreign keys out of these only.
PERSONAL = {"users", "graduates", "contacts", "interviews"}
# The audit log names a record by its entity code and id.
AUDIT_ENTITIES = {
    "user": "users",
    "graduate": "graduates",
    "contact": "contacts",
    "interview": "interviews",
    "comment": "coaching_comments",
    "destination": "destinations",
    "follow_up": "follow_ups",
}

Key = tuple[Any, ...]


def _keys(table: Table) -> list[Any]:
    return list(table.primary_key.columns)


def rows_naming(session: Session, user_id: int, email: str) -> dict[str, set[Key]]:
    """Table name → primary keys of its rows that name the person (tables with none left out)."""
    tables = Base.metadata.tables
    found: dict[str, set[Key]] = {"users": {(user_id,)} if _exists(session, user_id) else set()}
    changed = True
    while changed:
        changed = False
        for table in Base.metadata.sorted_tables:
            for column in table.columns:
                for fk in column.foreign_keys:
                    parent = fk.column.table.name
                    if parent not in PERSONAL or not found.get(parent):
                        continue
                    ids = {key[0] for key in found[parent]}
                    rows = session.execute(
                        select(*_keys(table)).where(column.in_(ids))
                    ).all()
                    new = {tuple(row) for row in rows} - found.setdefault(table.name, set())
                    if new:
                        found[table.name] |= new
                        changed = True
    audit = tables["audit_log"]
    for entity, table_name in AUDIT_ENTITIES.items():
        ids = [str(key[0]) for key in found.get(table_name, ())]
        if ids:
            rows = session.execute(
                select(audit.c.id).where(audit.c.entity == entity, audit.c.entity_id.in_(ids))
            ).all()
            found.setdefault("audit_log", set()).update(tuple(row) for row in rows)
    for table in Base.metadata.sorted_tables:
        texts = [c for c in table.columns if isinstance(c.type, String | Text | JSON)]
        if not texts:
            continue
        wanted = f"%{email.lower()}%"
        rows = session.execute(
            select(*_keys(table)).where(
                or_(*(func.lower(func.cast(c, Text)).like(wanted) for c in texts))
            )
        ).all()
        if rows:
            found.setdefault(table.name, set()).update(tuple(row) for row in rows)
    return {name: keys for name, keys in found.items() if keys}


def _exists(session: Session, user_id: int) -> bool:
    users = Base.metadata.tables["users"]
    return session.execute(select(users.c.id).where(users.c.id == user_id)).first() is not None


def rows_of(session: Session, table_name: str, keys: set[Key]) -> list[dict[str, Any]]:
    """The rows themselves, as mappings (for a message that shows what was left behind)."""
    table = Base.metadata.tables[table_name]
    rows = session.execute(select(table).where(tuple_(*_keys(table)).in_(list(keys)))).mappings()
    return [dict(row) for row in rows]
