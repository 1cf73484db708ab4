"""The audit log as admins (only) read and download it; a download is itself logged."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from networkit_core import audit_log
from networkit_core.access import require_role
from networkit_core.actor import Actor
from networkit_core.context import Context
from networkit_core.figures.scope import ALL_TIME, Period
from networkit_core.interchange.export import Value, write_csv
from networkit_core.models import AuditEntry, Role, User

# A page shows this many entries; the download has all that match.
PAGE_ROWS = 500
CSV_HEADER = ["at", "who", "action", "record", "record_id", "detail"]
# Work done before any account exists, or by the command line's first steps.
NOBODY = "(system)"


@dataclass(frozen=True)
class AuditFilter:
    """Empty fields do not filter. `who` is an account's e-mail; `period` holds the dates (UTC)
    of the entries, both ends included."""

    who: str = ""
    action: str = ""
    entity: str = ""
    entity_id: str = ""
    period: Period = ALL_TIME


@dataclass(frozen=True)
class AuditLine:
    at: datetime
    who: str  # the acting account's e-mail, or NOBODY
    action: str
    entity: str
    entity_id: str
    detail: str  # the details as compact JSON (the CSV's column)
    detail_text: str = ""  # the same as "key: value" text, for people

    @property
    def action_words(self) -> str:
        return audit_log.action_words(self.action)

    @property
    def record_words(self) -> str:
        return audit_log.record_words(self.entity)


@dataclass(frozen=True)
class AuditView:
    lines: tuple[AuditLine, ...]  # newest first, at most PAGE_ROWS
    matching: int  # how many entries match in all
    # What the filters can choose from: every acting account, action and kind of record logged.
    people: tuple[str, ...]
    actions: tuple[str, ...]
    entities: tuple[str, ...]


def audit_entries(ctx: Context, actor: Actor, filters: AuditFilter = AuditFilter()) -> AuditView:
    require_role(actor, Role.ADMIN)
    with ctx.unit_of_work() as session:
        query = _filtered(filters)
        matching = session.scalar(select(func.count()).select_from(query.subquery())) or 0
        lines = audit_lines(session, query.limit(PAGE_ROWS))
        people = session.scalars(
            select(User.email)
            .where(User.id.in_(select(AuditEntry.actor_id).distinct()))
            .order_by(User.email)
        )
        actions = session.scalars(select(AuditEntry.action).distinct().order_by(AuditEntry.action))
        entities = session.scalars(select(AuditEntry.entity).distinct().order_by(AuditEntry.entity))
        return AuditView(lines, matching, tuple(people), tuple(actions), tuple(entities))


def audit_csv(
    ctx: Context, actor: Actor, filters: AuditFilter = AuditFilter(), *, bom: bool = False
) -> bytes:
    """Every matching entry as CSV, newest first; the download is logged."""
    require_role(actor, Role.ADMIN)
    with ctx.unit_of_work() as session:
        lines = audit_lines(session, _filtered(filters))
        rows: list[list[Value]] = [
            [
                line.at.isoformat(timespec="seconds"),
                line.who,
                line.action,
                line.entity,
                line.entity_id,
                line.detail,
            ]
            for line in lines
        ]
        audit_log.record(session, actor, "export", "audit_log", None, rows=len(rows))
    return write_csv(CSV_HEADER, rows, bom=bom)


def _filtered(filters: AuditFilter) -> Select[tuple[AuditEntry, str | None]]:
    query = (
        select(AuditEntry, User.email)
        .outerjoin(User, User.id == AuditEntry.actor_id)
        .order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
    )
    if filters.who.strip():
        query = query.where(func.lower(User.email) == filters.who.strip().lower())
    if filters.action.strip():
        query = query.where(AuditEntry.action == filters.action.strip())
    if filters.entity.strip():
        query = query.where(AuditEntry.entity == filters.entity.strip())
    if filters.entity_id.strip():
        query = query.where(AuditEntry.entity_id == filters.entity_id.strip())
    if filters.period.start is not None:
        query = query.where(AuditEntry.at >= _midnight(filters.period.start))
    if filters.period.end is not None:
        query = query.where(AuditEntry.at < _midnight(filters.period.end + timedelta(days=1)))
    return query


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time(), tzinfo=UTC)


def audit_lines(
    session: Session, query: Select[tuple[AuditEntry, str | None]]
) -> tuple[AuditLine, ...]:
    """The rows of `query` (an entry and its actor's e-mail) as the audit's lines."""
    return tuple(
        AuditLine(
            entry.at,
            email or NOBODY,
            entry.action,
            entry.entity,
            entry.entity_id or "",
            json.dumps(entry.detail, sort_keys=True, default=str) if entry.detail else "",
            audit_log.detail_text(entry.detail),
        )
        for entry, email in session.execute(query)
    )
