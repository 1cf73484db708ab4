"""Import and export of a large interviews file, each beside its floor:

- import floor: pandas `read_csv` plus `executemany` of contacts, interviews and ticks;
- export floor: pandas `read_sql` of the export's columns (the same joins, checklist ticks
  pivoted in SQL, the same order) plus `to_csv`.

On SQLite always, and on PostgreSQL when NETWORKIT_BENCH_DATABASE_URL is set (in a schema of
its own, dropped afterwards). Prints seconds and rows per second.
"""

from __future__ import annotations

import argparse
import io
import os
import random
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pandas as pd
from sqlalchemy import Engine, Select, Table, case, delete, func, insert, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from networkit_core import migrate
from networkit_core.actor import Actor
from networkit_core.clock import FixedClock
from networkit_core.content import load_content
from networkit_core.context import Context
from networkit_core.db import make_engine
from networkit_core.interchange import export, import_now
from networkit_core.interchange.formats import Kind, checklist_columns, header_names
from networkit_core.models import (
    ChecklistTick,
    Cohort,
    Contact,
    Graduate,
    Interview,
    Role,
    User,
)
from networkit_core.settings import Settings

TODAY = date(2026, 3, 16)
STATUSES = ("planned", "completed", "cancelled", "no_show")
PLACES = ("office", "coffee_shop", "video", "phone", "other")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("--rows", type=int, default=40_000)
    args = parser.parse_args(argv)
    results: list[tuple[str, str, float, int]] = []
    with tempfile.TemporaryDirectory() as folder:
        targets = [("sqlite", f"sqlite:///{Path(folder) / 'bench.db'}")]
        if os.environ.get("NETWORKIT_BENCH_DATABASE_URL"):
            targets.append(("postgresql", os.environ["NETWORKIT_BENCH_DATABASE_URL"]))
        for backend, url in targets:
            with _database(url) as engine:
                results += run(backend, engine, url, args.rows)
    print(f"\n{'database':<11} {'measure':<38} {'seconds':>8} {'rows/s':>10}")
    for backend, label, seconds, rows in results:
        print(f"{backend:<11} {label:<38} {seconds:>8.2f} {rows / seconds:>10,.0f}")
    return 0


@contextmanager
def _database(url: str) -> Iterator[Engine]:
    if make_url(url).get_backend_name() == "sqlite":
        engine = make_engine(url)
        migrate.upgrade(engine)
        yield engine
        engine.dispose()
        return
    schema = f"nwbench_{uuid.uuid4().hex[:8]}"
    admin = make_engine(url)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    scoped = make_url(url).update_query_dict({"options": f"-csearch_path={schema}"})
    engine = make_engine(scoped.render_as_string(hide_password=False))
    try:
        migrate.upgrade(engine)
        yield engine
    finally:
        engine.dispose()
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def run(backend: str, engine: Engine, url: str, rows: int) -> list[tuple[str, str, float, int]]:
    ctx = Context(engine, Settings(database_url=url), FixedClock.on(TODAY))
    admin = _setup(ctx, graduates=max(1, rows // 200))
    data = _interviews_file(ctx, rows)
    print(f"{backend}: {rows} interviews, {len(data) / 1e6:.1f} MB", flush=True)

    measured: list[tuple[str, str, float, int]] = []
    seconds = _time(lambda: import_now(ctx, admin, "interviews", data))
    measured.append((backend, "import (networkit)", seconds, rows))
    seconds = _time(lambda: import_now(ctx, admin, "interviews", data))
    measured.append((backend, "import again, all unchanged", seconds, rows))
    seconds = _time(lambda: export(ctx, admin, "interviews"))
    measured.append((backend, "export (networkit)", seconds, rows))
    with ctx.unit_of_work() as session:
        query = _export_floor_query(session)
    seconds = _time(lambda: pd.read_sql(query, engine).to_csv(io.StringIO(), index=False))
    measured.append((backend, "export floor (read_sql + to_csv)", seconds, rows))

    _clear(ctx)
    seconds = _time(lambda: _floor_import(ctx, data))
    measured.insert(0, (backend, "import floor (read_csv + executemany)", seconds, rows))
    return measured


def _time(work: Callable[[], object]) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def _setup(ctx: Context, graduates: int) -> Actor:
    with ctx.unit_of_work() as session:
        load_content(session, ctx.settings.content_dir)
        admin = User(
            email="admin@example.org",
            first_name="Ada",
            last_name="Admin",
            role=Role.ADMIN,
            failed_login_count=0,
            is_active=True,
        )
        cohort = Cohort(name="Bench cohort", description="")
        session.add_all([admin, cohort])
        session.flush()
        for n in range(graduates):
            user = User(
                email=f"grad{n:04d}@example.org",
                first_name="Grad",
                last_name=str(n),
                role=Role.GRADUATE,
                failed_login_count=0,
                is_active=True,
            )
            session.add(user)
            session.flush()
            session.add(Graduate(user_id=user.id, cohort_id=cohort.id, program="BA"))
        return Actor.of(admin)


def _interviews_file(ctx: Context, rows: int) -> bytes:
    rng = random.Random(2026)
    with ctx.unit_of_work() as session:
        header = header_names_for(session)
    ticks = [name for name in header if name.startswith(("prep_", "conduct_"))]
    graduates = max(1, rows // 200)
    out = io.StringIO()
    out.write(",".join(header) + "\n")
    for n in range(rows):
        grad = n % graduates
        contact = rng.randrange(40)
        status = rng.choice(STATUSES)
        met = TODAY - timedelta(days=rng.randrange(1, 700))
        thanked = status == "completed" and rng.random() < 0.7
        cells = {
            "interview_id": f"HX-{n:06d}",
            "graduate_email": f"grad{grad:04d}@example.org",
            "contact_name": f"Contact {contact}",
            "contact_title": "Manager",
            "contact_organization": f"Org {contact % 17}",
            "contact_industry": "Retail",
            "contact_email": f"c{contact}.g{grad}@org.example" if contact % 3 else "",
            "meeting_date": met.isoformat(),
            "location_type": rng.choice(PLACES),
            "status": status,
            "notes": "Talked about the industry and next steps" if thanked else "",
            "thank_you_sent_on": (met + timedelta(days=1)).isoformat() if thanked else "",
            "thank_you_method": "card" if thanked else "",
            "follow_up_permission": rng.choice(("granted", "declined", "not_asked")),
        }
        for name in ticks:
            cells[name] = "true" if rng.random() < 0.5 else "false"
        out.write(",".join(cells[name] for name in header) + "\n")
    return out.getvalue().encode()


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
        for model in (ChecklistTick, Interview, Contact):
            session.execute(delete(model))


def _floor_import(ctx: Context, data: bytes) -> None:
    """The least any importer must do: parse, then insert contacts, interviews and ticks."""
    frame = pd.read_csv(io.BytesIO(data), keep_default_na=False, dtype=str)
    now = ctx.clock.now()
    with ctx.unit_of_work() as session:
        graduates = dict(session.execute(select(User.email, Graduate.id).join(Graduate)).all())
        items = {c.name: c.item_id for c in checklist_columns(session)}
        frame["graduate_id"] = frame["graduate_email"].map(graduates)
        keys = frame[["graduate_id", "contact_name", "contact_organization"]].drop_duplicates()
        contact_rows = [
            {
                "graduate_id": int(g),
                "name": n,
                "organization": o,
                "title": "",
                "industry": "",
                "how_connected": "other",
                "created_at": now,
                "updated_at": now,
            }
            for g, n, o in keys.itertuples(index=False)
        ]
        ids = _insert_returning_ids(session, Contact.__table__, contact_rows)
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
                "follow_up_permission": r.follow_up_permission,
                "version": 1,
                "created_at": now,
                "updated_at": now,
            }
            for r in frame.itertuples(index=False)
        ]
        interview_ids = _insert_returning_ids(session, Interview.__table__, interview_rows)
        tick_rows = [
            {"interview_id": interview_id, "item_id": item_id, "ticked_at": now}
            for name, item_id in items.items()
            for interview_id, ticked in zip(
                interview_ids, (frame[name] == "true").to_list(), strict=True
            )
            if ticked
        ]
        session.execute(insert(ChecklistTick.__table__), tick_rows)


def _insert_returning_ids(session: Session, table: Table, rows: list[dict[str, Any]]) -> list[int]:
    """One executemany insert; the new ids in the order of `rows`."""
    statement = insert(table).returning(table.c.id, sort_by_parameter_order=True)
    return list(session.execute(statement, rows).scalars())
