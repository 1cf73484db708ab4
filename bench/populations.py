"""Seeded synthetic populations for the benchmarks, written by bulk insert.

- S: 1 advisor, 1 cohort, 40 graduates, 400 interviews, 600 follow-ups, 100 professionals;
- M: 20 advisors, 40 cohorts, 2,000 graduates, 40,000 interviews, 60,000 follow-ups,
  5,000 professionals;
- L: 500 advisors, 1,000 cohorts, 50,000 graduates, 1,000,000 interviews, 1,500,000
  follow-ups, 125,000 professionals (PostgreSQL).

The same seed and `today` give the same rows. Dates are drawn relative to `today`, so the
figures (due today above all) have the same shape whatever day the benchmark runs. Rows go in
with explicit ids, by SQLAlchemy Core `executemany` on SQLite and by `COPY` on PostgreSQL, a
batch of graduates at a time so that L never sits in memory whole.

A contact belongs to one graduate (models.Contact): a graduate meets a handful of the
professionals, some of them twice, so M holds about 28,000 contact rows for 5,000 professionals.
"""

from __future__ import annotations

import argparse
import random
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Engine, Table, func, select, text
from sqlalchemy.orm import Session

from networkit_core import migrate
from networkit_core.content import load_content
from networkit_core.db import make_engine
from networkit_core.demo import names
from networkit_core.interchange.importers.bulk import insert_rows
from networkit_core.models import (
    ChecklistItem,
    ChecklistKind,
    ChecklistTick,
    CoachingComment,
    Cohort,
    CohortAdvisor,
    Contact,
    FollowUp,
    Graduate,
    Interview,
    LocationType,
    User,
)
from networkit_core.passwords import hash_password
from networkit_core.settings import shipped_content_dir

PASSWORD = "bench-password-2026"
DOMAIN = "bench.example"
ADMIN_EMAIL = f"admin@{DOMAIN}"
SEED = 2026
BATCH_GRADUATES = 2_000  # graduates generated and written together (L: 25 batches)

# The made-up words are the demo's (one list of names, industries and titles); the bench adds
# only its sizes, its ids and its speed (bulk rows, a batch at a time).
FIRST, LAST = names.FIRST_NAMES, names.LAST_NAMES
INDUSTRIES = tuple(names.TITLES)
PLACES = tuple(place.value for place in LocationType)
NOTES = (
    "Talked about how the team hires and what a first year looks like.",
    "Trends: automation in reporting; suggested two people to contact.",
    "Advice on the CV: lead with the project, not the course list.",
)


@dataclass(frozen=True)
class Size:
    name: str
    advisors: int
    cohorts: int
    graduates: int
    interviews: int
    follow_ups: int
    professionals: int


SIZES = {
    "S": Size("S", 1, 1, 40, 400, 600, 100),
    "M": Size("M", 20, 40, 2_000, 40_000, 60_000, 5_000),
    "L": Size("L", 500, 1_000, 50_000, 1_000_000, 1_500_000, 125_000),
}


@dataclass
class Population:
    """What a benchmark needs to know about a built population."""

    size: Size
    today: date
    admin_id: int
    advisor_id: int  # the first advisor; coaches `cohort_id` among others
    advisor_email: str
    cohort_id: int  # the first cohort
    cohort_name: str
    rows: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0


@dataclass
class _Ids:
    """The next free id of each table, so rows can go in with their ids (no RETURNING)."""

    next: dict[str, int]

    def take(self, table: str, count: int = 1) -> int:
        first = self.next[table]
        self.next[table] = first + count
        return first


def build(
    engine: Engine,
    size: Size | str,
    *,
    today: date | None = None,
    seed: int = SEED,
    with_interviews: bool = True,
) -> Population:
    """Write population `size` into the migrated database behind `engine` (which must hold no
    accounts yet). `with_interviews=False` writes only the people (to import interviews into)."""
    size = SIZES[size] if isinstance(size, str) else size
    today = today or date.today()
    started = time.perf_counter()
    with Session(engine) as session, session.begin():
        load_content(session, shipped_content_dir())
    rng = random.Random(seed)
    now = datetime.combine(today, datetime.min.time(), UTC) + timedelta(hours=12)
    rows: dict[str, int] = {}
    with engine.begin() as connection:
        if connection.scalar(select(func.count()).select_from(User)):
            raise RuntimeError("populations are built into a database without accounts")
        ids = _Ids({name: _next_id(connection, name) for name in _TABLES})
        items = dict(
            connection.execute(
                select(ChecklistItem.id, ChecklistItem.kind).where(ChecklistItem.is_active)
            ).all()
        )
        prep = sorted(i for i, kind in items.items() if kind == ChecklistKind.PREP)
        conduct = sorted(i for i, kind in items.items() if kind == ChecklistKind.CONDUCT)
        people = _people(connection, size, ids, rng, now, rows)
        if with_interviews:
            _interviews(connection, size, ids, rng, today, now, people, prep, conduct, rows)
            _nudges(connection, size, ids, rng, now, people, rows)
        _reset_sequences(connection)
    if engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            # Fresh planner statistics for the tables just filled (COPY leaves them stale).
            connection.exec_driver_sql(f"VACUUM ANALYZE {', '.join(_FILLED)}")
    advisor_id, cohort_id = people.advisor_ids[0], people.cohort_ids[0]
    return Population(
        size=size,
        today=today,
        admin_id=people.admin_id,
        advisor_id=advisor_id,
        advisor_email=_advisor_email(0),
        cohort_id=cohort_id,
        cohort_name=_cohort_name(0),
        rows=rows,
        seconds=time.perf_counter() - started,
    )


_TABLES = (
    "users",
    "cohorts",
    "graduates",
    "contacts",
    "interviews",
    "follow_ups",
    "coaching_comments",
)
_FILLED = (*_TABLES, "cohort_advisors", "checklist_ticks")


def _next_id(connection: Connection, table: str) -> int:
    return int(connection.scalar(text(f"SELECT coalesce(max(id), 0) + 1 FROM {table}")) or 1)


def _advisor_email(n: int) -> str:
    return f"advisor{n:03d}@{DOMAIN}"


def _cohort_name(n: int) -> str:
    return f"Cohort {n:04d}"


def graduate_email(n: int) -> str:
    return f"grad{n:06d}@{DOMAIN}"


@dataclass
class _People:
    admin_id: int
    advisor_ids: list[int]
    cohort_ids: list[int]
    graduate_ids: list[int]  # graduates.id, in graduate order


def _people(
    connection: Connection,
    size: Size,
    ids: _Ids,
    rng: random.Random,
    now: datetime,
    rows: dict[str, int],
) -> _People:
    secret = hash_password(PASSWORD)  # one argon2 hash for every account: sign-in works for all
    joined = now - timedelta(days=400)
    user_columns = ("id", "email", "first_name", "last_name", "role", "password_hash")
    admin_id = ids.take("users")
    users: list[tuple[Any, ...]] = [(admin_id, ADMIN_EMAIL, "Ada", "Admin", "admin", secret)]
    advisor_ids = []
    for n in range(size.advisors):
        advisor_ids.append(ids.take("users"))
        users.append(
            (
                advisor_ids[-1],
                _advisor_email(n),
                rng.choice(FIRST),
                rng.choice(LAST),
                "advisor",
                secret,
            )
        )
    cohort_ids = [ids.take("cohorts") for _ in range(size.cohorts)]
    graduate_user_ids = [ids.take("users") for _ in range(size.graduates)]
    graduate_ids = [ids.take("graduates") for _ in range(size.graduates)]
    for n, user_id in enumerate(graduate_user_ids):
        users.append(
            (
                user_id,
                graduate_email(n),
                rng.choice(FIRST),
                f"{rng.choice(LAST)} {n}",
                "graduate",
                secret,
            )
        )
    common = {
        "failed_login_count": 0,
        "is_active": True,
        "created_at": joined,
        "updated_at": joined,
    }
    _write(connection, User.__table__, user_columns, users, common)
    _write(
        connection,
        Cohort.__table__,
        ("id", "name", "description"),
        [(cohort_id, _cohort_name(n), "") for n, cohort_id in enumerate(cohort_ids)],
        {"created_at": joined, "updated_at": joined},
    )
    # Each cohort has one advisor, the advisors taking the cohorts in turn.
    _write(
        connection,
        CohortAdvisor.__table__,
        ("cohort_id", "advisor_id"),
        [(c, advisor_ids[n % len(advisor_ids)]) for n, c in enumerate(cohort_ids)],
        {"assigned_at": joined},
    )
    _write(
        connection,
        Graduate.__table__,
        ("id", "user_id", "cohort_id", "program", "graduation_year"),
        [
            (g, u, cohort_ids[n * len(cohort_ids) // len(graduate_ids)], "BA", 2025)
            for n, (g, u) in enumerate(zip(graduate_ids, graduate_user_ids, strict=True))
        ],
        {},
    )
    rows.update(users=len(users), cohorts=len(cohort_ids), graduates=len(graduate_ids))
    return _People(admin_id, advisor_ids, cohort_ids, graduate_ids)


@dataclass(frozen=True)
class _Professional:
    name: str
    title: str
    organization: str
    industry: str
    email: str | None


def professionals(size: Size, seed: int = SEED) -> list[_Professional]:
    """The people graduates meet; a fifth have no e-mail address on record."""
    rng = random.Random(seed + 1)
    found = []
    for n in range(size.professionals):
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)}-{n}"
        organization = f"Org {n % max(1, size.professionals // 8)}"
        email = f"pro{n}@org{n % 97}.example" if rng.random() < 0.8 else None
        industry = rng.choice(INDUSTRIES)
        found.append(
            _Professional(name, rng.choice(names.TITLES[industry]), organization, industry, email)
        )
    return found


def _interview_counts(size: Size, rng: random.Random) -> list[int]:
    """Interviews per graduate: uneven (some very busy, a few with none), summing exactly."""
    weights = [rng.gammavariate(2.0, 1.0) for _ in range(size.graduates)]
    counts = [0] * size.graduates
    for graduate in rng.choices(range(size.graduates), weights, k=size.interviews):
        counts[graduate] += 1
    return counts


def _nudges(
    connection: Connection,
    size: Size,
    ids: _Ids,
    rng: random.Random,
    now: datetime,
    people: _People,
    rows: dict[str, int],
) -> None:
    """An advisor nudged a fifth of the graduates at some point in the last 30 days (a nudge
    in the last 7 keeps a graduate off the advisor's list)."""
    nudged = rng.sample(range(size.graduates), size.graduates // 5)
    comments = []
    for n in nudged:
        cohort = n * size.cohorts // size.graduates
        advisor = people.advisor_ids[cohort % len(people.advisor_ids)]
        at = now - timedelta(days=rng.randrange(0, 30), hours=rng.randrange(0, 10))
        comments.append(
            (
                ids.take("coaching_comments"),
                people.graduate_ids[n],
                advisor,
                "Reminded by email",
                at,
                at,
            )
        )
    _write(
        connection,
        CoachingComment.__table__,
        ("id", "graduate_id", "author_id", "body", "created_at", "updated_at"),
        comments,
        {"kind": "nudge"},
    )
    rows["coaching_comments"] = len(comments)


def _interviews(
    connection: Connection,
    size: Size,
    ids: _Ids,
    rng: random.Random,
    today: date,
    now: datetime,
    people: _People,
    prep: list[int],
    conduct: list[int],
    rows: dict[str, int],
) -> None:
    pros = professionals(size)
    counts = _interview_counts(size, rng)
    written = dict.fromkeys(("contacts", "interviews", "checklist_ticks", "follow_ups"), 0)
    follow_ups_left = size.follow_ups
    interviews_left = size.interviews
    for start in range(0, size.graduates, BATCH_GRADUATES):
        batch = range(start, min(size.graduates, start + BATCH_GRADUATES))
        batch_interviews = sum(counts[n] for n in batch)
        quota = (
            follow_ups_left
            if batch.stop == size.graduates
            else round(follow_ups_left * batch_interviews / max(1, interviews_left))
        )
        generated = _batch(rng, ids, today, now, people, batch, counts, pros, prep, conduct, quota)
        contacts, interviews, ticks, follow_ups = generated
        _write(connection, Contact.__table__, CONTACT_COLUMNS, contacts, {"how_connected": "other"})
        _write(connection, Interview.__table__, INTERVIEW_COLUMNS, interviews, INTERVIEW_CONSTANTS)
        _write(
            connection, ChecklistTick.__table__, ("interview_id", "item_id", "ticked_at"), ticks, {}
        )
        _write(connection, FollowUp.__table__, FOLLOW_UP_COLUMNS, follow_ups, {})
        for name, made in zip(written, generated, strict=True):
            written[name] += len(made)
        follow_ups_left -= len(follow_ups)
        interviews_left -= batch_interviews
    rows.update(written)


CONTACT_COLUMNS = (
    "id",
    "graduate_id",
    "name",
    "title",
    "organization",
    "industry",
    "email",
    "referred_by_id",
    "created_at",
    "updated_at",
)
INTERVIEW_COLUMNS = (
    "id",
    "public_id",
    "graduate_id",
    "contact_id",
    "meeting_date",
    "location_type",
    "status",
    "notes",
    "thank_you_sent_on",
    "thank_you_method",
    "follow_up_permission",
    "deleted_at",
    "created_at",
    "updated_at",
)
INTERVIEW_CONSTANTS = {
    "location_detail": "",
    "private_notes": "",
    "outcome_trends": "",
    "outcome_hiring": "",
    "outcome_marketability": "",
    "outcome_job_leads": "",
    "version": 1,
}
FOLLOW_UP_COLUMNS = ("id", "interview_id", "date", "kind", "note", "created_at", "updated_at")


def _batch(
    rng: random.Random,
    ids: _Ids,
    today: date,
    now: datetime,
    people: _People,
    batch: range,
    counts: list[int],
    pros: list[_Professional],
    prep: list[int],
    conduct: list[int],
    follow_up_quota: int,
) -> tuple[list[tuple[Any, ...]], ...]:
    contacts: list[tuple[Any, ...]] = []
    interviews: list[tuple[Any, ...]] = []
    ticks: list[tuple[Any, ...]] = []
    # (interview id, meeting date, weight) of the interviews a follow-up may belong to.
    followable: list[tuple[int, date, int]] = []
    for n in batch:
        graduate_id = people.graduate_ids[n]
        count = counts[n]
        if count == 0:
            continue
        # A graduate meets about 0.7 distinct professionals per interview: some meet twice.
        met = rng.sample(range(len(pros)), max(1, round(count * 0.7)))
        own: list[int] = []
        for pro_index in met:
            pro = pros[pro_index]
            contact_id = ids.take("contacts")
            referred = rng.choice(own) if own and rng.random() < 0.1 else None
            added = now - timedelta(days=rng.randrange(30, 380))
            contacts.append(
                (
                    contact_id,
                    graduate_id,
                    pro.name,
                    pro.title,
                    pro.organization,
                    pro.industry,
                    pro.email,
                    referred,
                    added,
                    added,
                )
            )
            own.append(contact_id)
        diligence = rng.uniform(0.2, 0.95)
        for _ in range(count):
            interview_id = ids.take("interviews")
            offset = rng.randrange(-365, 0) if rng.random() < 0.9 else rng.randrange(0, 31)
            meeting = today + timedelta(days=offset)
            status = _status(rng, offset)
            completed = status == "completed"
            thanked = completed and rng.random() < 0.7
            thank_day = (
                min(today, meeting + timedelta(days=rng.choice((0, 1, 1, 2, 3, 5, 9))))
                if thanked
                else None
            )
            permission = (
                rng.choices(("granted", "declined", "not_asked"), (45, 15, 40))[0]
                if completed
                else "not_asked"
            )
            logged = min(
                now - timedelta(minutes=rng.randrange(1, 600)),
                datetime.combine(meeting, datetime.min.time(), UTC)
                + timedelta(days=rng.randrange(-30, 3), hours=rng.randrange(8, 20)),
            )
            deleted = now if rng.random() < 0.01 else None
            interviews.append(
                (
                    interview_id,
                    f"BX-{interview_id:07d}",
                    graduate_id,
                    rng.choice(own),
                    meeting,
                    rng.choice(PLACES),
                    status,
                    rng.choice(NOTES) if completed and rng.random() < 0.75 else "",
                    thank_day,
                    rng.choice(("card", "email")) if thanked else None,
                    permission,
                    deleted,
                    logged,
                    logged,
                )
            )
            if status in ("planned", "completed"):
                ticks += [(interview_id, i, logged) for i in prep if rng.random() < diligence]
            if completed:
                ticks += [(interview_id, i, logged) for i in conduct if rng.random() < 0.7]
                if offset < -1:
                    followable.append((interview_id, meeting, 5 if permission == "granted" else 1))
    follow_ups: list[tuple[Any, ...]] = []
    if followable and follow_up_quota:
        weights = [weight for _, _, weight in followable]
        for interview_id, meeting, _ in rng.choices(followable, weights, k=follow_up_quota):
            room = min(200, (today - meeting).days)
            day = meeting + timedelta(days=rng.randrange(1, room + 1))
            stamp = datetime.combine(day, datetime.min.time(), UTC) + timedelta(hours=18)
            follow_ups.append(
                (
                    ids.take("follow_ups"),
                    interview_id,
                    day,
                    rng.choice(("article", "job_search_update", "other")),
                    "" if rng.random() < 0.5 else "Sent the article we talked about.",
                    min(stamp, now),
                    min(stamp, now),
                )
            )
    return contacts, interviews, ticks, follow_ups


def _status(rng: random.Random, offset: int) -> str:
    if offset >= 0:
        return "planned" if rng.random() < 0.9 else "cancelled"
    return rng.choices(("completed", "cancelled", "no_show", "planned"), (72, 8, 5, 15))[0]


def _write(
    connection: Connection,
    table: Table,
    columns: Sequence[str],
    rows: list[tuple[Any, ...]],
    constants: dict[str, Any],
) -> None:
    """Insert `rows` (tuples in the order of `columns`, plus `constants` on every row) by the
    importers' own bulk writer: COPY on PostgreSQL, executemany elsewhere."""
    with Session(connection) as session:
        insert_rows(
            session, table, [{**dict(zip(columns, r, strict=True)), **constants} for r in rows]
        )


def _reset_sequences(connection: Connection) -> None:
    """Rows went in with explicit ids: move PostgreSQL's sequences past them."""
    if connection.dialect.name != "postgresql":
        return
    for name in _TABLES:
        connection.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "
                f"(SELECT coalesce(max(id), 1) FROM {name}))"
            )
        )


def main(argv: list[str] | None = None) -> int:
    """`python -m bench.populations M sqlite:///data/m.db`: build a population and say how long."""
    parser = argparse.ArgumentParser(prog="python -m bench.populations")
    parser.add_argument("size", choices=sorted(SIZES))
    parser.add_argument("url", help="an empty database, e.g. sqlite:///data/bench-m.db")
    parser.add_argument("--today", type=date.fromisoformat, default=None)
    args = parser.parse_args(argv)
    engine = make_engine(args.url)
    migrate.upgrade(engine)
    population = build(engine, args.size, today=args.today)
    engine.dispose()
    print(f"{args.size}: {population.seconds:.1f} s, {population.rows}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
