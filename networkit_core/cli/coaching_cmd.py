"""`networkit nudge`: record that an advisor reminded a graduate."""

from __future__ import annotations

import argparse

from networkit_core.cli.common import acting_user, context, graduate_id_by_email
from networkit_core.services.coaching import record_nudge


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    nudge = commands.add_parser(
        "nudge", help="record that you reminded a graduate (takes them off the nudge list a while)"
    )
    nudge.add_argument("email", help="the graduate's email")
    nudge.add_argument("--note", required=True, help='how, e.g. "reminded by e-mail"')
    nudge.add_argument(
        "--as", dest="as_email", help="acting advisor's email (default: first admin)"
    )
    nudge.set_defaults(handler=run_nudge)


def run_nudge(args: argparse.Namespace) -> int:
    ctx = context()
    actor = acting_user(ctx, args.as_email)
    comment = record_nudge(ctx, actor, graduate_id_by_email(ctx, args.email), args.note)
    print(
        f"Nudge recorded for {args.email.strip().lower()} by {comment.author_name} "
        f"on {comment.created_at.date().isoformat()}."
    )
    return 0
