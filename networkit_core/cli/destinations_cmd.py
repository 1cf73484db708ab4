"""`networkit outcomes` and `networkit evidence`: where graduates landed, and which habits went
with it, as JSON or a readable table (the figures of /outcomes and /evidence). Both leave the
product, so a group of fewer than 5 graduates gives no figure (`suppression`)."""

from __future__ import annotations

import argparse
import json
from typing import Any

from sqlalchemy import select

from networkit_core import audit_log
from networkit_core.actor import Actor
from networkit_core.cli.common import acting_user, as_of_date, context, iso_date
from networkit_core.context import Context
from networkit_core.errors import AccessDenied
from networkit_core.figures.evidence import EVIDENCE_CAVEAT, evidence
from networkit_core.figures.outcomes import NACE_KNOWLEDGE_TARGET, OutcomeFigures, outcomes
from networkit_core.figures.rates import rate_text
from networkit_core.figures.scope import FigureScope, Period
from networkit_core.figures.suppression import FEWER_THAN, FLAG, blanked
from networkit_core.models import Cohort


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    landed = commands.add_parser("outcomes", help="where graduates landed (first destination)")
    landed.add_argument("--cohort", metavar="NAME", help="one cohort, by name")
    landed.add_argument("--today", type=as_of_date, metavar="DATE", help="count as if on DATE")
    landed.add_argument("--as", dest="as_email", help="acting user's email (default: first admin)")
    landed.add_argument("--json", action="store_true", help="print JSON instead of a table")
    landed.set_defaults(handler=run_outcomes)

    habits = commands.add_parser("evidence", help="which habits went with doors opening")
    habits.add_argument("--cohort", metavar="NAME", help="one cohort, by name")
    habits.add_argument("--from", dest="start", type=iso_date, metavar="DATE")
    habits.add_argument("--to", dest="end", type=iso_date, metavar="DATE")
    habits.add_argument("--today", type=as_of_date, metavar="DATE", help="count as if on DATE")
    habits.add_argument("--as", dest="as_email", help="acting user's email (default: first admin)")
    habits.add_argument("--json", action="store_true", help="print JSON instead of sentences")
    habits.set_defaults(handler=run_evidence)


def _scope(ctx: Context, cohort: str | None) -> FigureScope:
    # The name is looked up only to find the id; the figures check access (same words for a
    # cohort out of reach and a missing one).
    if not cohort:
        return FigureScope.everything()
    with ctx.unit_of_work() as session:
        cohort_id = session.scalar(select(Cohort.id).where(Cohort.name == cohort.strip()))
    if cohort_id is None:
        raise AccessDenied("cohort")
    return FigureScope.cohort(cohort_id)


def outcomes_json(figures: OutcomeFigures) -> dict[str, Any]:
    time = figures.time_to_destination
    return {
        "graduates": figures.graduates,
        "knowledge_rate": figures.knowledge_rate,
        "nace_knowledge_target": NACE_KNOWLEDGE_TARGET,
        "career_outcomes_rate": figures.career_outcomes_rate,
        "found_through_networking": figures.found_through_networking,
        "by_status": {count.status.value: count.graduates for count in figures.by_status},
        "median_days_to_destination": {
            "median": time.median_days,
            "ci_low": time.median_low,
            "ci_high": time.median_high,
            "landed": time.landed,
            "still_seeking": time.still_seeking,
        },
    }


@audit_log.refusals_logged("figures", "scope", detail=lambda args: {"cohort": args.cohort})
def asked_outcomes(ctx: Context, actor: Actor, args: argparse.Namespace) -> dict[str, Any]:
    figures = outcomes(ctx, actor, _scope(ctx, args.cohort))
    shown = blanked(outcomes_json(figures), figures.graduates, keep={"nace_knowledge_target"})
    return {"today": ctx.clock.today().isoformat(), "cohort": args.cohort, **shown}


def run_outcomes(args: argparse.Namespace) -> int:
    ctx = context(args.today)
    report = asked_outcomes(ctx, acting_user(ctx, args.as_email), args)
    if args.json:
        print(json.dumps(report, indent=2))
        return 0
    whose = report["cohort"] or "every graduate in reach"
    heading = f"Outcomes of {whose}, today {report['today']}"
    if report[FLAG]:
        print(f"{heading}\n  Graduates                 {FEWER_THAN}: no figures for so few")
        return 0
    median = report["median_days_to_destination"]
    days = "not reached yet" if median["median"] is None else f"{median['median']:.0f} days"
    interval = (
        f" (95 % interval {_days(median['ci_low'])} to {_days(median['ci_high'])})"
        if median["median"] is not None
        else ""
    )
    lines = [
        heading,
        f"  Graduates                 {report['graduates']}",
        f"  Knowledge rate            {rate_text(report['knowledge_rate'])}"
        f" (NACE aims at {rate_text(NACE_KNOWLEDGE_TARGET)})",
        f"  Career-outcomes rate      {rate_text(report['career_outcomes_rate'])}",
        f"  Found through networking  {rate_text(report['found_through_networking'])}",
        f"  Median time to destination {days}{interval}",
        "  By status:",
        *(f"    {status:<22}{count}" for status, count in report["by_status"].items()),
    ]
    print("\n".join(lines))
    return 0


def _days(value: float | None) -> str:
    return "open" if value is None else f"{value:.0f}"


@audit_log.refusals_logged("figures", "scope", detail=lambda args: {"cohort": args.cohort})
def asked_evidence(ctx: Context, actor: Actor, args: argparse.Namespace) -> list[Any]:
    return list(evidence(ctx, actor, _scope(ctx, args.cohort), Period(args.start, args.end)))


def run_evidence(args: argparse.Namespace) -> int:
    ctx = context(args.today)
    rows = asked_evidence(ctx, acting_user(ctx, args.as_email), args)
    if args.json:
        print(json.dumps([row.as_json() for row in rows], indent=2))
        return 0
    print(EVIDENCE_CAVEAT)
    for row in rows:
        if row.small_group:
            print(f"- {row.habit_name} and {row.outcome_name}: {FEWER_THAN} graduates, no figures.")
        else:
            print(f"- {row.sentence}")
    return 0
