"""The evidence page (/evidence) in one call: which habits went with referrals, job leads and
destinations, over the interviews of the cohorts in reach met in a period."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from datetime import date

from networkit_core.access import require_role
from networkit_core.actor import Actor
from networkit_core.context import Context
from networkit_core.errors import InvalidInput
from networkit_core.figures.evidence import EVIDENCE_CAVEAT, EvidenceRow, evidence
from networkit_core.figures.scope import Period
from networkit_core.models import Role
from networkit_core.read_models.dashboard import CohortChoice
from networkit_core.read_models.outcomes_page import chosen_cohort, cohorts_in_reach


@dataclass(frozen=True)
class EvidencePage:
    cohorts: tuple[CohortChoice, ...]
    cohort: CohortChoice | None
    period: Period
    rows: tuple[EvidenceRow, ...]  # the clearest differences first
    caveat: str  # said once, plainly: what went together, not what caused what
    interviews: int  # completed interviews counted


def _day(value: str | date | None, field: str) -> date | None:
    if value is None or isinstance(value, date):
        return value
    with contextlib.suppress(ValueError):
        return date.fromisoformat(value.strip()) if value.strip() else None
    raise InvalidInput(f"The {field} date must be YYYY-MM-DD.", field)


def evidence_page(
    ctx: Context,
    actor: Actor,
    *,
    cohort: str | None = None,
    start: str | date | None = None,
    end: str | date | None = None,
) -> EvidencePage:
    require_role(actor, Role.ADVISOR, Role.ADMIN)
    period = Period(_day(start, "from"), _day(end, "to"))
    with ctx.unit_of_work() as session:
        cohorts = cohorts_in_reach(session, actor)
    picked, scope = chosen_cohort(cohorts, cohort)
    rows = evidence(ctx, actor, scope, period)
    # Every habit splits the same interviews, except those counted among some (thanked, granted).
    counted = max((row.n_with + row.n_without for row in rows), default=0)
    return EvidencePage(cohorts, picked, period, rows, EVIDENCE_CAVEAT, counted)
