"""`networkit erase EMAIL` (on a person's request) and `networkit retention --months N`."""

from __future__ import annotations

import argparse
from contextlib import nullcontext

from networkit_core.cli.common import acting_user, context
from networkit_core.cli.csv_cmds import ProgressBar
from networkit_core.daily_run import OTHER_RUN, daily_run
from networkit_core.errors import InvalidInput
from networkit_core.services.erasure import (
    ErasurePreview,
    RetentionCandidate,
    erase,
    erasure_preview,
    retention,
)


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    erasing = commands.add_parser(
        "erase",
        help="erase a person on their request: every record naming them goes, the audit keeps "
        "that it happened; a later import refuses their e-mail",
    )
    erasing.add_argument("email")
    erasing.add_argument(
        "--dry-run", action="store_true", help="show what would go; change nothing"
    )
    erasing.add_argument(
        "--yes", action="store_true", help="do not ask to type the e-mail again to confirm"
    )
    erasing.add_argument(
        "--as", dest="as_email", help="acting admin's email (default: first admin)"
    )
    erasing.set_defaults(handler=run_erase)

    keeping = commands.add_parser(
        "retention",
        help="erase the graduates who graduated, and last signed in, more than N months ago",
    )
    keeping.add_argument("--months", type=_months, required=True, metavar="N")
    keeping.add_argument(
        "--dry-run", action="store_true", help="list who would be erased, and why; change nothing"
    )
    keeping.add_argument(
        "--as", dest="as_email", help="acting admin's email (default: first admin)"
    )
    keeping.set_defaults(handler=run_retention)


def _months(raw: str) -> int:
    try:
        months = int(raw)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{raw!r} is not a whole number of months") from None
    if months <= 0:
        raise argparse.ArgumentTypeError(f"the months must be above 0, got {months}")
    return months


def _show(preview: ErasurePreview) -> None:
    name = f"{preview.name} <{preview.email}>" if preview.name else preview.email
    print(f"Erasing {name} ({preview.role.value}) deletes:")
    for what, count in preview.goes:
        print(f"  {count:>6}  {what}")
    for what, count in preview.kept:
        print(f"  {count:>6}  {what}")


def run_erase(args: argparse.Namespace) -> int:
    ctx = context()
    actor = acting_user(ctx, args.as_email)
    _show(erasure_preview(ctx, actor, args.email))
    if args.dry_run:
        print("networkit: dry run: nothing was erased")
        return 0
    confirm = args.email if args.yes else input("Type the e-mail again to erase for good: ")
    if confirm.strip().lower() != args.email.strip().lower():
        raise InvalidInput(f"{confirm.strip()!r} is not {args.email.strip()}: nothing was erased")
    done = erase(ctx, actor, args.email, confirm_email=confirm)
    print(f"Erased {done.email}; a later import of this e-mail is refused unless told otherwise.")
    return 0


def report_retention(found: list[RetentionCandidate], months: int, *, dry_run: bool) -> None:
    for candidate in found:
        print(f"{candidate.email}: {candidate.why}")
    verb = "would be erased (dry run: nothing was changed)" if dry_run else "erased"
    print(f"networkit: retention of {months} months: {len(found)} graduate(s) {verb}")


def run_retention(args: argparse.Namespace) -> int:
    ctx = context()
    actor = acting_user(ctx, args.as_email)
    with daily_run(ctx) if not args.dry_run else nullcontext(True) as ours:
        if not ours:
            print(OTHER_RUN)
            return 0
        bar = ProgressBar("erasing")
        try:
            found = retention(ctx, actor, args.months, dry_run=args.dry_run, progress=bar)
        finally:
            bar.close()
    report_retention(found, args.months, dry_run=args.dry_run)
    return 0
