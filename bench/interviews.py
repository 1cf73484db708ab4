"""Import and export of the 40,000 interviews of population M, each beside its floor:

- import floor: pandas `read_csv` plus `executemany` of contacts, interviews and ticks; on
  PostgreSQL also `COPY` (ids taken from the sequences first);
- export floor: pandas `read_sql` of the export's columns (the same joins, checklist ticks
  pivoted in SQL, the same order) plus `to_csv`.

The file is the networkit export of the built population; it is imported into a second
database holding the same people and no interviews, which is emptied between runs.
"""

from __future__ import annotations

import io
import statistics
from datetime import date
from typing import Any

import pandas as pd
from sqlalchemy import Engine, Select, Table, case, delete, func, insert, select
from sqlalchemy.orm import Session

from bench.measure import Pair, Result, paired, timed
from bench.populations import Population
from networkit_core.actor import Actor
from networkit_core.clock import FixedClock
from networkit_core.context import Context
from networkit_core.interchange import export, import_now
from networkit_core.interchange.formats import Kind, checklist_columns, header_names
from networkit_core.interchange.importers import bulk
from networkit_core.models import AuditEntry, ChecklistTick, Contact, Graduate, Interview, User
from networkit_core.settings import Settings

IMPORT_TARGET = 2.0  # within 2x the floor (issue 13)
EXPORT_TARGET = 1.5


def run(
    source: tuple[Engine, str],
    target: tuple[Engine, str],
    population: Population,
    rounds: int,
) -> list[Result]:
    """`source` holds `population`; `target` the same people without interviews."""
    clock = FixedClock.on(population.today)
    source_ctx = Context(source[0], Settings(database_url=source[1]), clock)
    ctx = Context(target[0], Settings(database_url=target[1]), clock)
    database, size = source[0].dialect.name, population.size.name
    admin = _admin(source_ctx)
    data = export(source_ctx, admin, "interviews")
    rows = data.count(b"\n") - 1
    label = f"{rows:,} interviews"

    results: list[Result] = []
    pair = paired(
        lambda: export(source_ctx, admin, "interviews"),
        lambda: _export_floor(source_ctx),
        rounds,
    )
    results.append(
        Result.of(
            (database, size), f"export {label}", pair, "read_sql + to_csv", factor=EXPORT_TARGET
        )
    )

    admin = _admin(ctx)
    floors: dict[str, list[tuple[float, float]]] = {"read_csv + executemany": []}
    if database == "postgresql":
        floors["read_csv + COPY"] = []
    imports: list[tuple[float, float]] = []
    again: list[tuple[float, float]] = []
    contacts = 0
    for _ in range(rounds):
        for name, times in floors.items():
            floor = _floor_import if name.endswith("executemany") else _floor_copy
            times.append(timed(lambda floor=floor: floor(ctx, data)))  # type: ignore[misc]
            _clear(ctx)
        imports.append(timed(lambda: import_now(ctx, admin, "interviews", data)))
        contacts = _count(ctx, Contact)
        again.append(timed(lambda: import_now(ctx, admin, "interviews", data)))
        _clear(ctx)
    # The faster floor is the one to beat (on PostgreSQL, COPY).
    floor_name = min(floors, key=lambda name: _medians(floors[name])[0])
    frame = pd.read_csv(io.BytesIO(data), keep_default_na=False, dtype=str)
    pairs = len(frame[["graduate_email", "contact_name", "contact_organization"]].drop_duplicates())
    professionals = frame[["contact_name", "contact_organization"]].drop_duplicates()
    note = (
        f"{contacts:,} contact rows made for {pairs:,} distinct graduate-professional pairs "
        f"({len(professionals):,} distinct professionals) in the file"
    )
    where = (database, size)
    floor = _medians(floors[floor_name])
    pair = Pair(_medians(imports)[0], floor[0], _medians(imports)[1], floor[1])
    results.append(
        Result.of(where, f"import {label}", pair, floor_name, factor=IMPORT_TARGET, note=note)
    )
    for name, times in floors.items():
        if name != floor_name:
            wall, cpu = _medians(times)
            results.append(Result(database, size, f"import floor: {name}", wall, None, "", cpu=cpu))
    pair = Pair(_medians(again)[0], floor[0], _medians(again)[1], floor[1])
    results.append(Result.of(where, f"import {label} again, all unchanged", pair, floor_name))
    return results


def _medians(times: list[tuple[float, float]]) -> tuple[float, float]:
    return statistics.median(w for w, _ in times), statistics.median(c for _, c in times)


def _admin(ctx: Context) -> Actor:
    with ctx.unit_of_work() as session:
        return Actor.of(session.scalars(select(User).where(User.role == "admin")).first())


def _count(ctx: Context, model: type[Any]) -> int:
    with ctx.unit_of_work() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def _export_floor(ctx: Context) -> None:
    with ctx.unit_of_work() as session:
        query = _export_floor_query(session)
    pd.read_sql(query, ctx.engine).to_csv(io.StringIO(), index=False)


def header_names_for(session: Session) -> list[str]:
    return header_names(Kind.INTERVIEWS, checklist_columns(session))


def _export_floor_query(session: Session) -> Select[tuple[object, ...]]:
    """Every column of the interviews export in one statement: the export's joins, one column
    per checklist item in force (its ticks pivoted by GROUP BY), the export's row order."""
    ticks = [
        func.max(case((ChecklistTick.item_id == column.item_id, 1), else_=0)).label(column.name)
        for column in checklist_columns(session)
    ]
    return (
        select(
            Interview.public_id.label("interview_id"),
            User.email.label("graduate_email"),
            Contact.name.label("contact_name"),
            Contact.title.label("contact_title"),
            Contact.organization.label("contact_organization"),
            Contact.industry.label("contact_industry"),
            Contact.email.label("contact_email"),
            Interview.meeting_date,
            Interview.location_type,
            Interview.status,
            *ticks,
            Interview.notes,
            Interview.thank_you_sent_on,
            Interview.thank_you_method,
            Interview.follow_up_permission,
        )
        .join(Graduate, Graduate.id == Interview.graduate_id)
        .join(User, User.id == Graduate.user_id)
        .join(Contact, Contact.id == Interview.contact_id)
        .outerjoin(ChecklistTick, ChecklistTick.interview_id == Interview.id)
        .where(Interview.deleted_at.is_(None))
        .group_by(Interview.id, User.id, Contact.id)
        .order_by(User.email, Interview.meeting_date, Interview.public_id)
    )


def _clear(ctx: Context) -> None:
    with ctx.unit_of_work() as session:
        for model in (ChecklistTick, Interview, Contact, AuditEntry):
            session.execute(delete(model))


def _floor_import(ctx: Context, data: bytes) -> None:
    _floor(ctx, data, copy=False)


def _floor_copy(ctx: Context, data: bytes) -> None:
    _floor(ctx, data, copy=True)


def _floor(ctx: Context, data: bytes, *, copy: bool) -> None:
    """The least any importer must do: parse, then insert contacts (one per graduate, name and
    organization), interviews and ticks, by executemany or (PostgreSQL) COPY."""
    frame = pd.read_csv(io.BytesIO(data), keep_default_na=False, dtype=str)
    now = ctx.clock.now()
    with ctx.unit_of_work() as session:
        graduates = dict(session.execute(select(User.email, Graduate.id).join(Graduate)).all())
        items = {c.name: c.item_id for c in checklist_columns(session)}
        frame["graduate_id"] = frame["graduate_email"].map(graduates)
        key = ["graduate_id", "contact_name", "contact_organization"]
        contacts = frame[[*key, "contact_title", "contact_industry", "contact_email"]]
        contact_rows = [
            {
                "graduate_id": int(g),
                "name": n,
                "organization": o,
                "title": t,
                "industry": i,
                "email": e or None,
                "how_connected": "other",
                "created_at": now,
                "updated_at": now,
            }
            for g, n, o, t, i, e in contacts.drop_duplicates(subset=key).itertuples(index=False)
        ]
        ids = _insert(session, Contact.__table__, contact_rows, copy)
        contact_of = {
            (r["graduate_id"], r["name"], r["organization"]): i
            for r, i in zip(contact_rows, ids, strict=True)
        }
        interview_rows = [
            {
                "public_id": r.interview_id,
                "graduate_id": int(r.graduate_id),
                "contact_id": contact_of[
                    (int(r.graduate_id), r.contact_name, r.contact_organization)
                ],
                "meeting_date": date.fromisoformat(r.meeting_date),
                "location_type": r.location_type,
                "status": r.status,
                "notes": r.notes,
                "thank_you_sent_on": (
                    date.fromisoformat(r.thank_you_sent_on) if r.thank_you_sent_on else None
                ),
                "thank_you_method": r.thank_you_method or None,
                "follow_up_permission": r.follow_up_permission,
                "version": 1,
                "created_at": now,
                "updated_at": now,
            }
            for r in frame.itertuples(index=False)
        ]
        interview_ids = _insert(session, Interview.__table__, interview_rows, copy)
        tick_rows = [
            {"interview_id": interview_id, "item_id": item_id, "ticked_at": now}
            for name, item_id in items.items()
            for interview_id, ticked in zip(
                interview_ids, (frame[name] == "true").to_list(), strict=True
            )
            if ticked
        ]
        if copy:
            bulk.insert_rows(session, ChecklistTick.__table__, tick_rows)
        else:
            session.execute(insert(ChecklistTick.__table__), tick_rows)


def _insert(session: Session, table: Table, rows: list[dict[str, Any]], copy: bool) -> list[int]:
    """Insert `rows`; their new ids in the order of `rows`. `copy`: ids from the sequence, then
    COPY (networkit's own bulk path on PostgreSQL, which fills the columns' defaults)."""
    if copy:
        return bulk.insert_returning_ids(session, table, rows)
    statement = insert(table).returning(table.c.id, sort_by_parameter_order=True)
    return list(session.execute(statement, rows).scalars())
