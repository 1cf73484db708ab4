"""`networkit figures`: the dashboard's figures as JSON or a readable table."""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict
from datetime import date
from typing import Any

from sqlalchemy import select

from networkit_core import audit_log
from networkit_core.actor import Actor
from networkit_core.cli.common import acting_user, context, graduate_id_by_email, iso_date
from networkit_core.context import Context
from networkit_core.errors import AccessDenied
from networkit_core.figures.contacts import shared_contacts
from networkit_core.figures.due import due_today
from networkit_core.figures.questions import question_ranking
from networkit_core.figures.rates import rates
from networkit_core.figures.referrals import longest_referral_chains, referrals_per_interview
from networkit_core.figures.report import graduate_rows
from networkit_core.figures.scope import FigureScope, Period
from networkit_core.figures.series import weekly_series
from networkit_core.models import Cohort

TOP_QUESTIONS = 10
RATE_NAMES = (
    "thank_you_rate",
    "on_time_thank_you_rate",
    "follow_up_asked_rate",
    "follow_up_completion_rate",
    "notes_rate",
    "prep_score",
)


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    figures = commands.add_parser("figures", help="completion rates, trends and who is due today")
    which = figures.add_mutually_exclusive_group()
    which.add_argument("--cohort", metavar="NAME", help="one cohort, by name")
    which.add_argument("--graduate", metavar="EMAIL", help="one graduate, by email")
    figures.add_argument("--from", dest="start", type=iso_date, metavar="DATE")
    figures.add_argument("--to", dest="end", type=iso_date, metavar="DATE")
    figures.add_argument("--today", type=iso_date, metavar="DATE", help="count as if on DATE")
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
    """The figures the command line asked for; a scope out of reach (or missing) is refused
    and the refusal recorded."""
    scope, described = _scope(ctx, args)
    report = figures_report(ctx, actor, scope, Period(args.start, args.end))
    report["scope"] = described
    return report


def figures_report(
    ctx: Context, actor: Actor, scope: FigureScope, period: Period
) -> dict[str, Any]:
    """Everything `networkit figures` shows, as plain values."""
    return {
        "scope": {"kind": scope.kind},
        "period": {"from": period.start, "to": period.end},
        "today": ctx.clock.today(),
        "rates": rates(ctx, actor, scope, period).as_dict(),
        "weekly": [point.as_dict() for point in weekly_series(ctx, actor, scope, period)],
        "due_today": [item.as_dict() for item in due_today(ctx, actor, scope)],
        "graduates": [row.as_dict() for row in graduate_rows(ctx, actor, scope, period)],
        "referrals": _referrals(ctx, actor, scope, period),
        "question_usefulness": [
            asdict(question)
            for question in question_ranking(ctx, actor, scope, period, limit=TOP_QUESTIONS)
        ],
        "shared_contacts": [asdict(c) for c in shared_contacts(ctx, actor, scope, period)],
    }


def _referrals(ctx: Context, actor: Actor, scope: FigureScope, period: Period) -> dict[str, Any]:
    chains = longest_referral_chains(ctx, actor, scope).values()
    return {
        **asdict(referrals_per_interview(ctx, actor, scope, period)),
        "longest_chains": [
            {"graduate_email": c.graduate_email, "length": c.length, "contacts": list(c.contacts)}
            for c in sorted(chains, key=lambda c: (-c.length, c.graduate_email))
            if c.length > 0
        ],
    }


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
    if value is None:
        return "—"  # undefined: never shown as 0%
    if isinstance(value, float):
        return f"{value:.0%}"
    return str(value)


def _tables(report: dict[str, Any]) -> str:
    period = report["period"]
    lines = [
        f"Figures for {report['scope']['kind']} "
        f"({_shown(period['from']) if period['from'] else 'all time'}"
        f" to {_shown(period['to']) if period['to'] else 'now'}), today {report['today']}",
        "",
    ]
    figures = report["rates"]
    lines.append(f"  {'planned':<28}{figures['planned']}")
    lines.append(f"  {'completed':<28}{figures['completed']}")
    lines += [f"  {name:<28}{_shown(figures[name])}" for name in RATE_NAMES]
    lines += ["", f"Due today ({len(report['due_today'])}):"]
    lines += [
        f"  {item['fell_due_on']}  {item['graduate_name']:<24}{item['message']}"
        for item in report["due_today"]
    ] or ["  nothing due"]
    lines += ["", "Graduates:"]
    header = ["graduate", "planned", "completed", "thank-you", "on time", "notes", "prep", "due"]
    lines.append(("  " + "".join(f"{title:<12}" for title in header)).rstrip())
    for row in report["graduates"]:
        cells = [
            row["graduate_email"].split("@")[0][:11],
            row["interviews_planned"],
            row["interviews_completed"],
            row["thank_you_rate"],
            row["on_time_thank_you_rate"],
            row["notes_rate"],
            row["prep_score"],
            row["due_items"],
        ]
        lines.append(("  " + "".join(f"{_shown(cell):<12}" for cell in cells)).rstrip())
    return "\n".join(lines)
