"""What the graduate's /progress shows of destinations: their own destination form and, beside
each habit, the centre's evidence in one line."""

from __future__ import annotations

from dataclasses import dataclass

from networkit_core.access import require_role
from networkit_core.actor import Actor
from networkit_core.context import Context
from networkit_core.figures.evidence import HabitEvidence, habit_evidence
from networkit_core.models import Role
from networkit_core.services.destinations import DestinationForm, destination_form


@dataclass(frozen=True)
class MyDestination:
    form: DestinationForm
    evidence: tuple[HabitEvidence, ...]


def my_destination(ctx: Context, actor: Actor) -> MyDestination:
    require_role(actor, Role.GRADUATE)
    return MyDestination(destination_form(ctx, actor), habit_evidence(ctx, actor))
