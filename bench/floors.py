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
    """The due-today items of `scope`: (graduate, first name, last name, reason, interview,
    the day it fell due, contact), one UNION ALL of the reasons."""
    window, cadence = settings.thank_you_window_days, settings.follow_up_cadence_days
    soon, idle = settings.meeting_soon_days, settings.inactivity_days
    with engine.connect() as connection:
        prep = _prep_ids(connection)
        items = prep.count(",") + 1 if prep != "NULL" else 0
        sqlite = _sqlite(connection)
        yes = "1" if sqlite else "true"

        def plus(day: str, days: str) -> str:
            if sqlite:
                return f"date({day}, ({days}) || ' days')"
            return f"({day} + ({days}))"

        created = "date(x.created_at)" if sqlite else "CAST(timezone('UTC', x.created_at) AS DATE)"
        user_created = created.replace("x.", "u.")
        touch = (
            "max(i.meeting_date, COALESCE(lf.last, i.meeting_date))"
            if sqlite
            else "GREATEST(i.meeting_date, lf.last)"
        )
        item = "+t.item_id" if sqlite else "t.item_id"
        listed = (
            f"JOIN graduates g ON g.id = i.graduate_id JOIN users u ON u.id = g.user_id "
            f"AND u.is_active = {yes} JOIN cohorts co ON co.id = g.cohort_id "
            "AND co.archived_at IS NULL"
        )
        contact = "JOIN contacts c ON c.id = i.contact_id"
        live = f"i.deleted_at IS NULL AND {scope.on('g')}"
        who = "g.id, u.first_name, u.last_name"
        sql = f"""
SELECT {who}, 'thank_you_overdue', i.public_id, {plus("i.meeting_date", str(window + 1))}, c.name
FROM interviews i {listed} {contact}
WHERE {live} AND i.status = 'completed'
  AND (i.thank_you_sent_on IS NULL OR i.thank_you_sent_on > :today)
  AND i.meeting_date < :thank_you_by
UNION ALL
SELECT {who}, 'follow_up_due', i.public_id, {plus(touch, str(cadence))}, c.name
FROM interviews i {listed} {contact}
LEFT JOIN (SELECT f.interview_id, MAX(f.date) AS last, COUNT(*) AS n FROM follow_ups f
           JOIN interviews fi ON fi.id = f.interview_id JOIN graduates fg ON fg.id = fi.graduate_id
           WHERE {scope.on("fg")} AND f.deleted_at IS NULL AND f.date <= :today
           GROUP BY f.interview_id) lf ON lf.interview_id = i.id
WHERE {live} AND i.status = 'completed' AND i.follow_up_permission = 'granted'
  AND {touch} <= :touched_by AND COALESCE(lf.n, 0) < :limit AND i.meeting_date >= :plan_from
UNION ALL
SELECT {who}, 'meeting_soon_unprepared', i.public_id, {plus("i.meeting_date", str(-soon))}, c.name
FROM interviews i {listed} {contact}
WHERE {live} AND i.status = 'planned' AND i.meeting_date BETWEEN :today AND :soon
  AND 2 * (SELECT COUNT(*) FROM checklist_ticks t
           WHERE t.interview_id = i.id AND {item} IN ({prep})) < {items}
UNION ALL
SELECT {who}, 'outcome_missing', i.public_id, {plus("i.meeting_date", "1")}, c.name
FROM interviews i {listed} {contact}
WHERE {live} AND i.status = 'planned' AND i.meeting_date < :today
UNION ALL
SELECT {who}, 'inactive', NULL, {plus(f"COALESCE(a.last, {user_created})", str(idle))}, NULL
FROM graduates g JOIN users u ON u.id = g.user_id AND u.is_active = {yes}
JOIN cohorts co ON co.id = g.cohort_id AND co.archived_at IS NULL
LEFT JOIN (
  SELECT graduate_id, MAX(day) AS last FROM (
    SELECT x.graduate_id, {created} AS day FROM interviews x
    JOIN graduates xg ON xg.id = x.graduate_id
    WHERE {scope.on("xg")} AND x.deleted_at IS NULL AND {created} <= :today
    UNION ALL
    SELECT x.graduate_id, x.meeting_date FROM interviews x
    JOIN graduates xg ON xg.id = x.graduate_id
    WHERE {scope.on("xg")} AND x.deleted_at IS NULL AND x.status = 'completed'
      AND x.meeting_date <= :today
  ) days GROUP BY graduate_id
) a ON a.graduate_id = g.id
WHERE {scope.on("g")} AND COALESCE(a.last, {user_created}) <= :active_by"""
        params = {
            **scope.params,
            "today": today,
            "thank_you_by": today - timedelta(days=window),
            "touched_by": today - timedelta(days=cadence),
            "limit": settings.follow_up_limit,
            "plan_from": today - timedelta(days=settings.follow_up_plan_days),
            "soon": today + timedelta(days=soon),
            "active_by": today - timedelta(days=idle),
        }
        return connection.execute(text(sql), params).all()


def nudge_list(engine: Engine, scope: Scope, settings: Settings, today: date) -> list[Any]:
    """Who needs a nudge: the due floor's rows, an item long overdue or inactivity, less the
    graduates nudged in the last days (one grouped query)."""
    overdue_by = today - timedelta(days=settings.nudge_overdue_days)
    due: dict[int, list[Any]] = {}
    for row in due_list(engine, scope, settings, today):
        fell_due = date.fromisoformat(row[5]) if isinstance(row[5], str) else row[5]
        if row[3] == "inactive" or fell_due <= overdue_by:
            due.setdefault(row[0], []).append(row)
    if not due:
        return []
    with engine.connect() as connection:
        day = (
            "date(created_at)"
            if _sqlite(connection)
            else "CAST(timezone('UTC', created_at) AS DATE)"
        )
        quiet = connection.execute(
            text(
                f"SELECT DISTINCT graduate_id FROM coaching_comments WHERE kind = 'nudge' "
                f"AND deleted_at IS NULL AND {day} > :quiet_from AND {day} <= :today"
            ),
            {"quiet_from": today - timedelta(days=settings.nudge_quiet_days), "today": today},
        ).scalars()
        for graduate_id in quiet:
            due.pop(graduate_id, None)
    return sorted(due.values(), key=lambda rows: min(str(r[5]) for r in rows))


def all_time(sqlite: bool, settings: Settings, scope: str) -> str:
    """The all-time counts of the graduates `g` of `scope` (SQL on `g`) as the pages show their
    rates: one row; binds :today, :window and :yes."""
    item = "+t.item_id" if sqlite else "t.item_id + 0"
    days = (
        "CAST(julianday(i.thank_you_sent_on) - julianday(i.meeting_date) AS INTEGER)"
        if sqlite
        else "(i.thank_you_sent_on - i.meeting_date)"
    )
    cadence = (
        f"date(:today, '-{settings.follow_up_cadence_days} days')"
        if sqlite
        else f"CAST(:today AS DATE) - {settings.follow_up_cadence_days}"
    )
    granted = "i.status = 'completed' AND i.follow_up_permission = 'granted'"
    return f"""SELECT
 SUM(CASE WHEN i.status = 'planned' THEN 1 ELSE 0 END) AS planned,
 SUM(CASE WHEN i.status = 'completed' THEN 1 ELSE 0 END) AS completed,
 SUM(CASE WHEN i.status = 'completed' AND i.thank_you_sent_on <= :today THEN 1 ELSE 0 END)
   AS thanked,
 SUM(CASE WHEN i.status = 'completed' AND i.thank_you_sent_on <= :today AND {days} <= :window
   THEN 1 ELSE 0 END) AS on_time,
 SUM(CASE WHEN i.status = 'completed' AND i.follow_up_permission IN ('granted', 'declined')
   THEN 1 ELSE 0 END) AS asked,
 SUM(CASE WHEN {granted} THEN 1 ELSE 0 END) AS granted,
 SUM(CASE WHEN {granted} AND i.meeting_date <= {cadence} THEN 1 ELSE 0 END) AS fell_due,
 SUM(CASE WHEN i.status = 'completed' AND trim(i.notes) <> '' THEN 1 ELSE 0 END) AS noted,
 SUM(CASE WHEN i.status IN ('planned', 'completed') THEN 1 ELSE 0 END) AS counted,
 (SELECT COUNT(*) FROM checklist_ticks t JOIN interviews i ON i.id = t.interview_id
  JOIN graduates g ON g.id = i.graduate_id WHERE {scope} AND i.deleted_at IS NULL
  AND i.status IN ('planned', 'completed') AND {item} IN (SELECT id FROM checklist_items
  WHERE kind = 'prep' AND is_active = :yes)) AS ticks,
 (SELECT COUNT(DISTINCT i.id) FROM follow_ups f JOIN interviews i ON i.id = f.interview_id
  JOIN graduates g ON g.id = i.graduate_id WHERE {scope} AND i.deleted_at IS NULL AND {granted}
  AND f.deleted_at IS NULL AND f.date <= :today) AS followed,
 (SELECT COUNT(DISTINCT i.id) FROM follow_ups f JOIN interviews i ON i.id = f.interview_id
  JOIN graduates g ON g.id = i.graduate_id WHERE {scope} AND i.deleted_at IS NULL AND {granted}
  AND f.deleted_at IS NULL AND f.date <= :today AND i.meeting_date > {cadence}) AS early,
 (SELECT COUNT(*) FROM checklist_items WHERE kind = 'prep' AND is_active = :yes) AS items
FROM interviews i JOIN graduates g ON g.id = i.graduate_id
WHERE {scope} AND i.deleted_at IS NULL"""
