"""`networkit records EMAIL --out FILE.zip`: a person's records archive, made by an admin
acting on their request (the web page gives each person their own)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from networkit_core.cli.common import acting_user, context, output_file
from networkit_core.records.archive import records_archive


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    records = commands.add_parser(
        "records", help="everything kept about one person, as a ZIP (on their request)"
    )
    records.add_argument("email", help="the person's e-mail")
    records.add_argument("--out", type=Path, required=True, metavar="FILE.zip")
    records.add_argument("--as", dest="as_email", help="acting user's email (default: admin)")
    records.set_defaults(handler=run_records)


def run_records(args: argparse.Namespace) -> int:
    ctx = context()
    data = records_archive(ctx, acting_user(ctx, args.as_email), args.email)
    with output_file(args.out) as out:
        out.write_bytes(data)
    print(f"Wrote the records of {args.email.strip().lower()} to {args.out}.", file=sys.stderr)
    return 0
