"""An advisor's saved dashboard views: a name for a filter (cohort, period, reason), opened as
a plain address (`/dashboard?cohort=...`). Each advisor sees and deletes only their own."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode

from sqlalchemy import select

from networkit_core import audit_log, bounds
from networkit_core.access import require_role
from networkit_core.actor import Actor
from networkit_core.context import Context
from networkit_core.errors import AccessDenied, InvalidInput
from networkit_core.figures.triage import reason_of
from networkit_core.models import Role, SavedView
from networkit_core.services._input import required_text, text_or_empty

# The dashboard's filters, in the order an address writes them; nothing else is kept.
FILTERS = ("cohort", "period", "from", "to", "reason")
VIEW_NAME = bounds.Text(80)
MAX_VIEWS = 50


@dataclass(frozen=True)
class SavedViewLine:
    id: int
    name: str
    query: str  # e.g. "cohort=Spring+2026&reason=inactive"

    @property
    def params(self) -> dict[str, str]:
        return dict(parse_qsl(self.query))


def _query(filters: Mapping[str, object]) -> str:
    kept: dict[str, str] = {}
    for name in FILTERS:
        value = text_or_empty(filters.get(name), name, bounds.COHORT_NAME)
        if value:
            kept[name] = value
    reason_of(kept.get("reason"))  # a reason that is not one is refused, naming it
    return urlencode(kept)


def saved_views(ctx: Context, actor: Actor) -> list[SavedViewLine]:
    """`actor`'s own views, by name."""
    require_role(actor, Role.ADVISOR)
    with ctx.unit_of_work() as session:
        rows = session.scalars(
            select(SavedView).where(SavedView.advisor_id == actor.id).order_by(SavedView.name)
        )
        return [SavedViewLine(row.id, row.name, row.query) for row in rows]


def save_view(
    ctx: Context, actor: Actor, name: str, filters: Mapping[str, object]
) -> SavedViewLine:
    """Keep the dashboard's `filters` under `name` (a name already used is refused)."""
    require_role(actor, Role.ADVISOR)
    title = required_text(name, "name", VIEW_NAME)
    query = _query(filters)
    with ctx.unit_of_work() as session:
        mine = session.scalars(select(SavedView).where(SavedView.advisor_id == actor.id)).all()
        if any(view.name.casefold() == title.casefold() for view in mine):
            raise InvalidInput(f"You already have a view named {title}: pick another name.", "name")
        if len(mine) >= MAX_VIEWS:
            raise InvalidInput(f"You have {MAX_VIEWS} saved views: delete one first.", "name")
        view = SavedView(advisor_id=actor.id, name=title, query=query)
        session.add(view)
        session.flush()
        audit_log.record(session, actor, "create", "saved_view", view.id, query=query)
        return SavedViewLine(view.id, view.name, view.query)


@audit_log.refusals_logged("delete", "saved_view")
def delete_view(ctx: Context, actor: Actor, view_id: int) -> str:
    """Delete one of `actor`'s views (another's is refused as a missing one is); its name."""
    require_role(actor, Role.ADVISOR)
    with ctx.unit_of_work() as session:
        view = session.get(SavedView, view_id)
        if view is None or view.advisor_id != actor.id:
            raise AccessDenied("saved view")
        name = view.name
        session.delete(view)
        audit_log.record(session, actor, "delete", "saved_view", view_id)
        return name
