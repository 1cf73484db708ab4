"""`networkit remind`: the daily reminder run, meant for cron or a systemd timer. With
NETWORKIT_RETENTION_MONTHS set it runs retention first (nobody erased today gets an e-mail)."""

from __future__ import annotations

import argparse

from networkit_core.cli.common import acting_user, as_of_date, context
from networkit_core.cli.csv_cmds import ProgressBar
from networkit_core.cli.erasure_cmd import report_retention
from networkit_core.context import Context
from networkit_core.daily_run import OTHER_RUN, daily_run
from networkit_core.reminders.mailer import Mailer, MailSettings
from networkit_core.reminders.run import remind
from networkit_core.services.erasure import retention
from networkit_core.settings import DEFAULT_BASE_URL, configured_base_url


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = commands.add_parser(
        "remind",
        help="e-mail each graduate what fell due today (and advisors their digest on Mondays)",
    )
    parser.add_argument("--today", type=as_of_date, metavar="DATE", help="run as if on DATE")
    parser.add_argument(
        "--dry-run", action="store_true", help="print the e-mails instead of storing and sending"
    )
    parser.set_defaults(handler=run_remind)


def run_remind(args: argparse.Namespace) -> int:
    ctx = context(args.today)
    base_url = configured_base_url() or DEFAULT_BASE_URL
    if args.dry_run:
        _retention(ctx, dry_run=True)
        summary = remind(ctx, None, base_url=base_url, dry_run=True)
        for letter in summary.letters:
            print(f"To: {letter.recipient}\nSubject: {letter.subject}\n\n{letter.text}")
        print(f"networkit: dry run: {summary.composed} e-mail(s) would be sent; nothing was sent")
        return 0
    mailer = Mailer(MailSettings.from_env())  # checked before anything is stored
    with daily_run(ctx) as ours:
        if not ours:
            print(OTHER_RUN)
            return 0
        return _send(ctx, mailer, base_url)


def _send(ctx: Context, mailer: Mailer, base_url: str) -> int:
    _retention(ctx, dry_run=False)
    bar = ProgressBar("sending")
    try:
        summary = remind(ctx, mailer, base_url=base_url, progress=bar)
    finally:
        bar.close()
    line = f"networkit: {summary.composed} new e-mail(s) composed, {summary.sent} sent"
    if summary.failed:
        print(
            f"{line}, {summary.failed} could not be sent ({summary.errors[-1]}); "
            "they will be retried on the next run"
        )
        return 1
    print(line)
    return 0


def _retention(ctx: Context, *, dry_run: bool) -> None:
    """Retention, when NETWORKIT_RETENTION_MONTHS asks for it, as the first admin."""
    months = ctx.settings.retention_months
    if months:
        found = retention(ctx, acting_user(ctx, None), months, dry_run=dry_run)
        report_retention(found, months, dry_run=dry_run)
