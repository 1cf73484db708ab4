"""`networkit figures`: the dashboard's figures as JSON or a readable table. The output leaves
the product: a cohort's (or everything's) totals, weekly points, referral yield and question
usefulness are a group's figures, blanked for fewer than 5 graduates (`suppression`); one
graduate's figures, and the per-graduate rows and lists an advisor coaches from, are not
aggregates and stay."""

from __future__ import annotations

import argparse
import json
from collections.abc import Collection
from dataclasses import asdict
from datetime import date
from typing import Any

from sqlalchemy import select

from networkit_core import audit_log
from networkit_core.actor import Actor
from networkit_core.cli.common import (
    acting_user,
    as_of_date,
    context,
    graduate_id_by_email,
    iso_date,
)
from networkit_core.context import Context
from networkit_core.dates import NO_VALUE, written
from networkit_core.errors import AccessDenied
from networkit_core.figures.contacts import shared_contacts
from networkit_core.figures.due import due_today
from networkit_core.figures.questions import question_ranking
from networkit_core.figures.rates import RATE_NAMES, rate_text, rates
from networkit_core.figures.referrals import longest_referral_chains, referrals_per_interview
from networkit_core.figures.report import COUNT_NAMES, graduate_rows
from networkit_core.figures.scope import FigureScope, Period, graduate_count
from networkit_core.figures.series import weekly_series
from networkit_core.figures.suppression import FEWER_THAN, FLAG, blanked
from networkit_core.models import Cohort

TOP_QUESTIONS = 10
# What names a weekly point or a question, not a figure of the group: kept when it is blanked.
WEEK_NAME = {"week_start"}
QUESTION_NAME = {"question_id", "text", "category", "bank"}
# The graduates table: (report field, heading), each by the name the pages give it.
GRADUATE_COLUMNS = (
    *((key, COUNT_NAMES[key]) for key in ("interviews_planned", "interviews_completed")),
    *RATE_NAMES.items(),
    ("due_items", COUNT_NAMES["due_items"]),
)


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    figures = commands.add_parser("figures", help="completion rates, trends and who is due today")
    which = figures.add_mutually_exclusive_group()
    which.add_argument("--cohort", metavar="NAME", help="one cohort, by name")
    which.add_argument("--graduate", metavar="EMAIL", help="one graduate, by email")
    figures.add_argument("--from", dest="start", type=iso_date, metavar="DATE")
    figures.add_argument("--to", dest="end", type=iso_date, metavar="DATE")
    figures.add_argument("--today", type=as_of_date, metavar="DATE", help="count as if on DATE")
    figures.add_argument("--as", dest="as_email", help="acting user's email (default: first admin)")
    figures.add_argument("--json", action="store_true", help="print JSON instead of tables")
    figures.set_defaults(handler=run_figures)


def run_figures(args: argparse.Namespace) -> int:
    ctx = context(args.today)
    report = asked_figures(ctx, acting_user(ctx, args.as_email), args)
    if args.json:
        print(json.dumps(report, indent=2, default=_json_value))
    else:
        print(_tables(report))
    return 0


@audit_log.refusals_logged(
    "figures", "scope", detail=lambda args: {"cohort": args.cohort, "graduate": args.graduate}
)
def asked_figures(ctx: Context, actor: Actor, args: argparse.Namespace) -> dict[str, Any]:
    """The figures the command line asked for (a refused scope is recorded)."""
    scope, described = _scope(ctx, args)
    report = figures_report(ctx, actor, scope, Period(args.start, args.end))
    report["scope"] = described
    return report


def figures_report(
    ctx: Context, actor: Actor, scope: FigureScope, period: Period
) -> dict[str, Any]:
    """Everything `networkit figures` shows, as plain values, a small group's figures blanked."""
    with ctx.unit_of_work() as session:
        size = None if scope.kind == "graduate" else graduate_count(session, actor, scope)

    def group(figures: dict[str, Any], keep: Collection[str] = ()) -> dict[str, Any]:
        # One graduate is no group: their figures are their advisor's to coach with.
        return {**figures, FLAG: False} if size is None else blanked(figures, size, keep=keep)

    return {
        "scope": {"kind": scope.kind},
        "period": {"from": period.start, "to": period.end},
        "today": ctx.clock.today(),
        "rates": group(rates(ctx, actor, scope, period).as_dict()),
        "weekly": [
            group(point.as_dict(), WEEK_NAME) for point in weekly_series(ctx, actor, scope, period)
        ],
        "due_today": [item.as_dict() for item in due_today(ctx, actor, scope)],
        "graduates": [row.as_dict() for row in graduate_rows(ctx, actor, scope, period)],
        "referrals": {
            **group(asdict(referrals_per_interview(ctx, actor, scope, period))),
            "longest_chains": _longest_chains(ctx, actor, scope),
        },
        "question_usefulness": [
            group(asdict(question), QUESTION_NAME)
            for question in question_ranking(ctx, actor, scope, period, limit=TOP_QUESTIONS)
        ],
        "shared_contacts": [asdict(c) for c in shared_contacts(ctx, actor, scope, period)],
    }


def _longest_chains(ctx: Context, actor: Actor, scope: FigureScope) -> list[dict[str, Any]]:
    chains = longest_referral_chains(ctx, actor, scope).values()
    return [
        {"graduate_email": c.graduate_email, "length": c.length, "contacts": list(c.contacts)}
        for c in sorted(chains, key=lambda c: (-c.length, c.graduate_email))
        if c.length > 0
    ]


def _scope(ctx: Context, args: argparse.Namespace) -> tuple[FigureScope, dict[str, Any]]:
    # Names and emails are looked up here only to find ids; access is checked by the figures.
    # A missing name or email is refused as one out of scope is (access.py): same words.
    with ctx.unit_of_work() as session:
        if args.cohort:
            cohort_id = session.scalar(select(Cohort.id).where(Cohort.name == args.cohort.strip()))
            if cohort_id is None:
                raise AccessDenied("cohort")
            return FigureScope.cohort(cohort_id), {"kind": "cohort", "cohort": args.cohort}
    if args.graduate:
        graduate_id = graduate_id_by_email(ctx, args.graduate)
        email = args.graduate.strip().lower()
        return FigureScope.graduate(graduate_id), {"kind": "graduate", "graduate": email}
    return FigureScope.everything(), {"kind": "everything"}


def _json_value(value: object) -> str:
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def _shown(value: object) -> str:
    """A cell the way the pages write it: a rate as "69.6 %", a date as "Tue 1 Dec 2026"."""
    if value is None:
        return NO_VALUE  # undefined: never shown as 0 %
    if isinstance(value, float):
        return rate_text(value)
    if isinstance(value, date):
        return written(value)
    return str(value)


def _tables(report: dict[str, Any]) -> str:
    period = report["period"]
    lines = [
        f"Figures for {report['scope']['kind']} "
        f"({_shown(period['from']) if period['from'] else 'all time'}"
        f" to {_shown(period['to']) if period['to'] else 'now'}), today {written(report['today'])}",
        "",
    ]
    figures = report["rates"]
    if figures[FLAG]:
        lines.append(f"  {FEWER_THAN} graduates: no figures for so small a group")
    else:
        lines.append(f"  {COUNT_NAMES['interviews_planned']:<24}{figures['planned']}")
        lines.append(f"  {COUNT_NAMES['interviews_completed']:<24}{figures['completed']}")
        lines += [f"  {name:<24}{_shown(figures[key])}" for key, name in RATE_NAMES.items()]
    lines += ["", f"Due today ({len(report['due_today'])}):"]
    lines += [
        f"  {_shown(item['fell_due_on']):<15}  {item['graduate_name']:<24}"
        f"{item['name']} · {item['when']}: {item['message']}"
        for item in report["due_today"]
    ] or ["  nothing due"]
    lines += ["", "Graduates:"]
    widths = [max(len(heading), 8) + 2 for _, heading in GRADUATE_COLUMNS]
    header = "".join(f"{h:<{w}}" for (_, h), w in zip(GRADUATE_COLUMNS, widths, strict=True))
    lines.append(f"  {'Graduate':<14}{header}".rstrip())
    for row in report["graduates"]:
        cells = "".join(
            f"{_shown(row[key]):<{width}}"
            for (key, _), width in zip(GRADUATE_COLUMNS, widths, strict=True)
        )
        lines.append(f"  {row['graduate_email'].split('@')[0][:13]:<14}{cells}".rstrip())
    return "\n".join(lines)
