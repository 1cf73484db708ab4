"""Floors: what a bare script would run to get the same figures, written by hand in plain SQL.

One statement with one GROUP BY per figure family (totals, per graduate, per week), and one
statement for the due-today list (a UNION ALL of its reasons). Each returns raw rows; the
floor does no more Python than turning them into a list. The benchmark checks that a floor
and the core agree on the counts, so the floor does the same work, not less.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Connection, Engine, text

from networkit_core.settings import Settings


@dataclass(frozen=True)
class Scope:
    """Graduates `g` of one cohort, one advisor's caseload, or all."""

    name: str
    where: str  # on the graduates table aliased as {g}
    params: dict[str, Any]

    def on(self, alias: str) -> str:
        return self.where.format(g=alias)


def everything() -> Scope:
    return Scope("everything", "1 = 1", {})


def cohort(cohort_id: int) -> Scope:
    return Scope("one cohort", "{g}.cohort_id = :cohort", {"cohort": cohort_id})


def caseload(advisor_id: int) -> Scope:
    return Scope(
        "one advisor",
        "{g}.cohort_id IN (SELECT cohort_id FROM cohort_advisors WHERE advisor_id = :advisor)",
        {"advisor": advisor_id},
    )


def _sqlite(connection: Connection) -> bool:
    return connection.dialect.name == "sqlite"


def _days(connection: Connection, later: str, earlier: str) -> str:
    if _sqlite(connection):
        return f"CAST(julianday({later}) - julianday({earlier}) AS INTEGER)"
    return f"({later} - {earlier})"


def _week(connection: Connection, day: str) -> str:
    if _sqlite(connection):
        return f"date({day}, '-' || ((CAST(strftime('%w', {day}) AS INTEGER) + 6) % 7) || ' days')"
    return f"CAST(date_trunc('week', {day}) AS DATE)"


def _prep_ids(connection: Connection) -> str:
    active = "1" if _sqlite(connection) else "true"
    ids = connection.execute(
        text(f"SELECT id FROM checklist_items WHERE kind = 'prep' AND is_active = {active}")
    ).scalars()
    return ", ".join(str(i) for i in ids) or "NULL"


def figure_families(engine: Engine, scope: Scope, settings: Settings) -> dict[str, list[Any]]:
    """Totals, per-graduate and weekly counts and rates: three statements, one GROUP BY each."""
    with engine.connect() as connection:
        prep = _prep_ids(connection)
        items = max(1, prep.count(",") + 1)
        # SQLite's unary + keeps the planner off the item_id index (see figures.sql.unindexed).
        item = "+t.item_id" if _sqlite(connection) else "t.item_id"
        body = f"""
 SUM(CASE WHEN i.status = 'planned' THEN 1 ELSE 0 END) AS planned,
 SUM(CASE WHEN i.status = 'completed' THEN 1 ELSE 0 END) AS completed,
 SUM(CASE WHEN i.status = 'completed' AND i.thank_you_sent_on IS NOT NULL
     THEN 1 ELSE 0 END) AS thanked,
 SUM(CASE WHEN i.status = 'completed' AND i.thank_you_sent_on IS NOT NULL
     AND {_days(connection, "i.thank_you_sent_on", "i.meeting_date")} <= :window
     THEN 1 ELSE 0 END) AS on_time,
 SUM(CASE WHEN i.status = 'completed' AND i.follow_up_permission IN ('granted', 'declined')
     THEN 1 ELSE 0 END) AS asked,
 SUM(CASE WHEN i.status = 'completed' AND i.follow_up_permission = 'granted'
     THEN 1 ELSE 0 END) AS granted,
 SUM(CASE WHEN f.interview_id IS NOT NULL THEN 1 ELSE 0 END) AS followed,
 SUM(CASE WHEN i.status = 'completed' AND trim(i.notes) <> '' THEN 1 ELSE 0 END) AS noted,
 AVG(CASE WHEN i.status IN ('planned', 'completed')
     THEN COALESCE(t.n, 0) * 1.0 / {items} END) AS prep
FROM graduates g
{{join}} interviews i ON i.graduate_id = g.id AND i.deleted_at IS NULL
LEFT JOIN (
  SELECT t.interview_id, COUNT(*) AS n FROM checklist_ticks t
  JOIN interviews ti ON ti.id = t.interview_id
  JOIN graduates tg ON tg.id = ti.graduate_id
  WHERE {scope.on("tg")} AND ti.deleted_at IS NULL AND {item} IN ({prep})
  GROUP BY t.interview_id
) t ON t.interview_id = i.id
LEFT JOIN (
  SELECT DISTINCT fu.interview_id FROM follow_ups fu
  JOIN interviews fi ON fi.id = fu.interview_id
  JOIN graduates fg ON fg.id = fi.graduate_id
  WHERE {scope.on("fg")} AND fu.deleted_at IS NULL
    AND fi.status = 'completed' AND fi.follow_up_permission = 'granted'
) f ON f.interview_id = i.id
WHERE {scope.on("g")}"""
        params = {**scope.params, "window": settings.thank_you_window_days}
        families = {
            "totals": f"SELECT {body.format(join='JOIN')}",
            "graduates": f"SELECT g.id, {body.format(join='LEFT JOIN')} GROUP BY g.id",
            "weeks": f"SELECT {_week(connection, 'i.meeting_date')} AS week, "
            f"{body.format(join='JOIN')} GROUP BY 1",
        }
        return {name: connection.execute(text(sql), params).all() for name, sql in families.items()}


def due_list(engine: Engine, scope: Scope, settings: Settings, today: date) -> list[Any]:
    """The due-today items of `scope` (graduate, reason, interview, day it fell due), one
    UNION ALL of the reasons, with the names and contacts a message needs."""
    window, cadence = settings.thank_you_window_days, settings.follow_up_cadence_days
    with engine.connect() as connection:
        prep = _prep_ids(connection)
        items = prep.count(",") + 1 if prep != "NULL" else 0
        sqlite = _sqlite(connection)
        created = "date(x.created_at)" if sqlite else "CAST(timezone('UTC', x.created_at) AS DATE)"
        user_created = created.replace("x.", "u.")
        greatest = (
            "max(i.meeting_date, COALESCE(lf.last, i.meeting_date))"
            if sqlite
            else "GREATEST(i.meeting_date, lf.last)"
        )
        item = "+t.item_id" if sqlite else "t.item_id"
        people = "JOIN graduates g ON g.id = i.graduate_id JOIN users u ON u.id = g.user_id"
        contact = "JOIN contacts c ON c.id = i.contact_id"
        live = f"i.deleted_at IS NULL AND {scope.on('g')}"
        sql = f"""
SELECT g.id, u.first_name, u.last_name, 'thank_you_overdue', i.id, i.meeting_date, c.name
FROM interviews i {people} {contact}
WHERE {live} AND i.status = 'completed' AND i.thank_you_sent_on IS NULL
  AND i.meeting_date < :thank_you_by
UNION ALL
SELECT g.id, u.first_name, u.last_name, 'follow_up_due', i.id, {greatest}, c.name
FROM interviews i {people} {contact}
LEFT JOIN (SELECT interview_id, MAX(date) AS last FROM follow_ups
           WHERE deleted_at IS NULL GROUP BY interview_id) lf ON lf.interview_id = i.id
WHERE {live} AND i.status = 'completed' AND i.follow_up_permission = 'granted'
  AND {greatest} <= :touched_by
UNION ALL
SELECT g.id, u.first_name, u.last_name, 'meeting_soon_unprepared', i.id, i.meeting_date, c.name
FROM interviews i {people} {contact}
WHERE {live} AND i.status = 'planned' AND i.meeting_date BETWEEN :today AND :soon
  AND 2 * (SELECT COUNT(*) FROM checklist_ticks t
           WHERE t.interview_id = i.id AND {item} IN ({prep})) < {items}
UNION ALL
SELECT g.id, u.first_name, u.last_name, 'inactive', NULL, COALESCE(a.last, {user_created}), NULL
FROM graduates g JOIN users u ON u.id = g.user_id
LEFT JOIN (
  SELECT graduate_id, MAX(day) AS last FROM (
    SELECT x.graduate_id, {created} AS day FROM interviews x
    WHERE x.deleted_at IS NULL
    UNION ALL
    SELECT x.graduate_id, x.meeting_date FROM interviews x
    WHERE x.deleted_at IS NULL AND x.status = 'completed' AND x.meeting_date <= :today
  ) days GROUP BY graduate_id
) a ON a.graduate_id = g.id
WHERE {scope.on("g")} AND COALESCE(a.last, {user_created}) <= :active_by"""
        params = {
            **scope.params,
            "today": today,
            "thank_you_by": today - timedelta(days=window),
            "touched_by": today - timedelta(days=cadence),
            "soon": today + timedelta(days=settings.meeting_soon_days),
            "active_by": today - timedelta(days=settings.inactivity_days),
        }
        return connection.execute(text(sql), params).all()
