"""The outcomes and evidence figures (issue 19) for one cohort, one advisor and everything,
each beside a floor: the hand-written SQL a bare script would run for the same counts.

The bench populations have no destinations, so this seeds one (or two: a history) for most
graduates first, from their ids (no randomness: the same population gives the same rows). The
outcomes floor is two statements (grouped counts over the current destinations, and the rows
a survival curve needs); the evidence floor one (per-interview flags grouped by graduate). The
core does the same reading plus the Kaplan-Meier fit and the clustered intervals in Python, so
the ratio says what those cost.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from sqlalchemy import Engine, func, select, text
from sqlalchemy.orm import Session

from bench import floors
from bench.measure import Result, paired
from bench.populations import Population
from networkit_core.actor import Actor
from networkit_core.clock import FixedClock
from networkit_core.context import Context
from networkit_core.figures.evidence import Habit, evidence
from networkit_core.figures.outcomes import outcomes
from networkit_core.figures.scope import FigureScope
from networkit_core.interchange.importers.bulk import insert_rows
from networkit_core.models import Destination, Graduate, Interview, InterviewStatus, User
from networkit_core.settings import Settings

TARGET = 2.0  # everything's figures within 2x the floor, as the other figures (issue 13)
STATUS_BY_REMAINDER = (
    *["employed_full_time"] * 11,
    *["employed_part_time"] * 2,
    *["continuing_education"] * 2,
    "service",
    *["still_seeking"] * 2,
    "not_seeking",
    None,  # no destination known
)
LANDED = (
    "employed_full_time",
    "employed_part_time",
    "continuing_education",
    "service",
    "military",
)


def seed_destinations(engine: Engine, today: date) -> int:
    """One destination for 19 graduates in 20, an older still-seeking one before it for one in
    seven; half the employed found through their first completed interview."""
    with Session(engine) as session, session.begin():
        if session.scalar(select(func.count()).select_from(Destination)):
            return 0
        first_held = dict(
            session.execute(
                select(Interview.graduate_id, func.min(Interview.id))
                .where(Interview.status == InterviewStatus.COMPLETED)
                .group_by(Interview.graduate_id)
            ).all()
        )
        now = FixedClock.on(today).now()
        rows: list[dict[str, Any]] = []
        for graduate_id, year in session.execute(select(Graduate.id, Graduate.graduation_year)):
            status = STATUS_BY_REMAINDER[graduate_id % len(STATUS_BY_REMAINDER)]
            if status is None:
                continue
            graduated = date(year or today.year - 1, 5, 31)
            start = graduated + timedelta(days=20 + graduate_id * 37 % 300)
            landed = status in LANDED and start < today
            recorded = min(start + timedelta(days=10), today - timedelta(days=1))
            if not landed:
                status = "still_seeking" if status in LANDED else status
                recorded = today - timedelta(days=1 + graduate_id % 200)
            through = first_held.get(graduate_id) if landed and graduate_id % 2 == 0 else None
            base = {
                "graduate_id": graduate_id,
                "organization": "Acme" if landed else "",
                "job_title": "Analyst" if landed else "",
                "source": "import",
                "recorded_by_id": None,
                "created_at": now,
                "updated_at": now,
            }
            if graduate_id % 7 == 0:
                rows.append(
                    {
                        **base,
                        "status": "still_seeking",
                        "start_date": None,
                        "recorded_on": recorded - timedelta(days=30),
                        "found_through_interview_id": None,
                    }
                )
            rows.append(
                {
                    **base,
                    "status": status,
                    "start_date": start if landed else None,
                    "recorded_on": recorded,
                    "found_through_interview_id": through,
                }
            )
        insert_rows(session, Destination.__table__, rows)
        return len(rows)


_CURRENT = """
cur AS (
  SELECT d.id, d.graduate_id, d.status, d.start_date, d.found_through_interview_id,
         ROW_NUMBER() OVER (PARTITION BY d.graduate_id ORDER BY d.recorded_on DESC, d.id DESC)
           AS rn
  FROM destinations d WHERE d.recorded_on <= :today
)"""


def outcomes_floor(engine: Engine, scope: floors.Scope, today: date) -> dict[str, list[Any]]:
    landed = ", ".join(f"'{s}'" for s in LANDED)
    with engine.connect() as connection:
        params = {**scope.params, "today": today}
        counts = connection.execute(
            text(
                f"""WITH {_CURRENT}
SELECT COUNT(g.id) AS graduates, COUNT(c.id) AS known,
 SUM(CASE WHEN c.status IN ({landed}) THEN 1 ELSE 0 END) AS landed,
 SUM(CASE WHEN c.status <> 'not_seeking' THEN 1 ELSE 0 END) AS seeking_or_placed,
 SUM(CASE WHEN c.status IN ('employed_full_time', 'employed_part_time') THEN 1 ELSE 0 END)
   AS employed,
 SUM(CASE WHEN c.status IN ('employed_full_time', 'employed_part_time')
     AND c.found_through_interview_id IS NOT NULL THEN 1 ELSE 0 END) AS through
FROM graduates g LEFT JOIN cur c ON c.graduate_id = g.id AND c.rn = 1
WHERE {scope.on("g")}"""
            ),
            params,
        ).all()
        spells = connection.execute(
            text(
                f"""WITH {_CURRENT}
SELECT g.graduation_date, g.graduation_year, c.status, c.start_date
FROM graduates g JOIN cur c ON c.graduate_id = g.id AND c.rn = 1
WHERE {scope.on("g")} AND c.status IN ({landed}, 'still_seeking')"""
            ),
            params,
        ).all()
        return {"counts": counts, "spells": spells}


def evidence_floor(
    engine: Engine, scope: floors.Scope, settings: Settings, today: date
) -> list[Any]:
    with engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        prep = floors._prep_ids(connection)
        items = max(1, prep.count(",") + 1)
        days = (
            "CAST(julianday(i.thank_you_sent_on) - julianday(i.meeting_date) AS INTEGER)"
            if sqlite
            else "(i.thank_you_sent_on - i.meeting_date)"
        )
        thanked = "i.thank_you_sent_on IS NOT NULL AND i.thank_you_sent_on <= :today"
        habits = {
            "prepared": f"CASE WHEN COALESCE(t.n, 0) * 4 >= {items} * 3 THEN 1 ELSE 0 END",
            "on_time": f"CASE WHEN {thanked} AND {days} <= :window THEN 1 ELSE 0 END",
            "card": f"CASE WHEN {thanked} THEN "
            "CASE WHEN i.thank_you_method = 'card' THEN 1 ELSE 0 END END",
            "asked": "CASE WHEN i.follow_up_permission IN ('granted', 'declined') "
            "THEN 1 ELSE 0 END",
            "followed": "CASE WHEN i.follow_up_permission = 'granted' THEN "
            "CASE WHEN f.interview_id IS NOT NULL THEN 1 ELSE 0 END END",
            "noted": "CASE WHEN trim(i.notes) <> '' THEN 1 ELSE 0 END",
        }
        outcomes_sql = {
            "referral": "CASE WHEN r.referred_by_id IS NOT NULL THEN 1 ELSE 0 END",
            "lead": "CASE WHEN trim(i.outcome_job_leads) <> '' THEN 1 ELSE 0 END",
            "landed": "CASE WHEN d.interview_id IS NOT NULL THEN 1 ELSE 0 END",
        }
        sums = []
        for h in habits:
            sums += [f"SUM({h}) AS {h}_n1", f"SUM(1 - {h}) AS {h}_n0"]
            for o in outcomes_sql:
                sums += [f"SUM({h} * {o}) AS {h}_{o}_k1", f"SUM((1 - {h}) * {o}) AS {h}_{o}_k0"]
        item = "+tk.item_id" if sqlite else "tk.item_id"
        flags = ", ".join(f"{sql} AS {name}" for name, sql in {**habits, **outcomes_sql}.items())
        sql = f"""WITH {_CURRENT}
SELECT graduate_id, {", ".join(sums)} FROM (
 SELECT i.graduate_id, {flags}
 FROM interviews i JOIN graduates g ON g.id = i.graduate_id
 LEFT JOIN (
   SELECT tk.interview_id, COUNT(*) AS n FROM checklist_ticks tk
   JOIN interviews ti ON ti.id = tk.interview_id JOIN graduates tg ON tg.id = ti.graduate_id
   WHERE {scope.on("tg")} AND ti.deleted_at IS NULL AND ti.status = 'completed'
     AND {item} IN ({prep})
   GROUP BY tk.interview_id
 ) t ON t.interview_id = i.id
 LEFT JOIN (
   SELECT DISTINCT fu.interview_id FROM follow_ups fu
   JOIN interviews fi ON fi.id = fu.interview_id JOIN graduates fg ON fg.id = fi.graduate_id
   WHERE {scope.on("fg")} AND fu.deleted_at IS NULL AND fu.date <= :today
     AND fi.status = 'completed' AND fi.deleted_at IS NULL
 ) f ON f.interview_id = i.id
 LEFT JOIN (
   SELECT rc.graduate_id, rc.referred_by_id FROM contacts rc
   JOIN graduates rg ON rg.id = rc.graduate_id
   WHERE {scope.on("rg")} AND rc.deleted_at IS NULL AND rc.referred_by_id IS NOT NULL
   GROUP BY rc.graduate_id, rc.referred_by_id
 ) r ON r.graduate_id = i.graduate_id AND r.referred_by_id = i.contact_id
 LEFT JOIN (
   SELECT DISTINCT found_through_interview_id AS interview_id FROM cur
   WHERE rn = 1 AND found_through_interview_id IS NOT NULL
 ) d ON d.interview_id = i.id
 WHERE {scope.on("g")} AND i.deleted_at IS NULL AND i.status = 'completed'
) flags GROUP BY graduate_id"""
        params = {**scope.params, "today": today, "window": settings.thank_you_window_days}
        return list(connection.execute(text(sql), params).all())


def run(engine: Engine, url: str, population: Population, rounds: int) -> list[Result]:
    seeded = seed_destinations(engine, population.today)
    settings = Settings(database_url=url)
    ctx = Context(engine, settings, FixedClock.on(population.today))
    with ctx.unit_of_work() as session:
        admin = Actor.of(session.get_one(User, population.admin_id))
        advisor = Actor.of(session.get_one(User, population.advisor_id))
    scopes = [
        (FigureScope.cohort(population.cohort_id), admin, floors.cohort(population.cohort_id)),
        (FigureScope.caseload(advisor.id), advisor, floors.caseload(advisor.id)),
        (FigureScope.everything(), admin, floors.everything()),
    ]
    where = (engine.dialect.name, population.size.name)
    today = population.today
    results = []
    for scope, actor, floor_scope in scopes:
        everything = floor_scope.name == "everything"

        def landed(scope: FigureScope = scope, actor: Actor = actor) -> Any:
            return outcomes(ctx, actor, scope)

        def landed_floor(floor_scope: floors.Scope = floor_scope) -> Any:
            return outcomes_floor(engine, floor_scope, today)

        core, floor = landed(), landed_floor()
        row = floor["counts"][0]
        assert (core.graduates, core.with_destination, core.through_networking) == (
            row.graduates,
            row.known,
            row.through or 0,
        ), floor_scope.name
        assert core.time_to_destination.graduates <= len(floor["spells"]), floor_scope.name
        results.append(
            Result.of(
                where,
                f"outcomes figures, {floor_scope.name} (counts + Kaplan-Meier)",
                paired(landed, landed_floor, rounds),
                "grouped counts + curve rows, 2 statements",
                factor=TARGET if everything else None,
                note=f"{seeded} destinations seeded" if seeded and everything else "",
            )
        )

        def habits(scope: FigureScope = scope, actor: Actor = actor) -> Any:
            return evidence(ctx, actor, scope)

        def habits_floor(floor_scope: floors.Scope = floor_scope) -> Any:
            return evidence_floor(engine, floor_scope, settings, today)

        rows, floor_rows = habits(), habits_floor()
        asked = next(r for r in rows if r.habit is Habit.ASKED_TO_FOLLOW_UP)
        assert asked.n_with + asked.n_without == sum(
            (r.asked_n1 or 0) + (r.asked_n0 or 0) for r in floor_rows
        ), floor_scope.name
        results.append(
            Result.of(
                where,
                f"evidence figures, {floor_scope.name} (18 habit x outcome intervals)",
                paired(habits, habits_floor, rounds),
                "per-interview flags grouped by graduate, 1 statement",
                factor=TARGET if everything else None,
                note=f"{asked.n_with + asked.n_without} interviews",
            )
        )
    return results
