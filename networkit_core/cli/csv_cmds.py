"""import KIND FILE [--dry-run] and export KIND [--cohort NAME] [--out FILE] [--bom]."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from networkit_core.cli.common import acting_user, context
from networkit_core.errors import InvalidInput
from networkit_core.interchange import ImportRefused, Kind, Problem, export, import_now, preview
from networkit_core.interchange.formats import IMPORTABLE
from networkit_core.interchange.reading import MAX_HEADER_BYTES, header_problem

IMPORT_KINDS = [kind.value for kind in IMPORTABLE]
EXPORT_KINDS = [kind.value for kind in Kind]
# Below this many rows a progress bar would only flicker.
PROGRESS_FROM_ROWS = 2000


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    importing = commands.add_parser("import", help="import a CSV file (all or nothing)")
    importing.add_argument("kind", choices=IMPORT_KINDS)
    importing.add_argument("file", type=Path)
    importing.add_argument(
        "--dry-run", action="store_true", help="check the file and show the counts; write nothing"
    )
    importing.add_argument("--as", dest="as_email", help="acting user's email (default: admin)")
    importing.set_defaults(handler=run_import)

    exporting = commands.add_parser("export", help="export a CSV file")
    exporting.add_argument("kind", choices=EXPORT_KINDS)
    exporting.add_argument("--cohort", help="only this cohort (by name)")
    exporting.add_argument("--out", type=Path, help="file to write (default: standard output)")
    exporting.add_argument(
        "--bom", action="store_true", help="start with a byte-order mark (for older Excel)"
    )
    exporting.add_argument("--as", dest="as_email", help="acting user's email (default: admin)")
    exporting.set_defaults(handler=run_export)


class ProgressBar:
    """A plain progress bar on stderr, shown only for large files on a terminal or when asked."""

    def __init__(self, label: str, width: int = 30) -> None:
        self.label = label
        self.width = width
        self.shown = False

    def __call__(self, done: int, total: int) -> None:
        if total < PROGRESS_FROM_ROWS:
            return
        filled = self.width * done // max(total, 1)
        bar = "#" * filled + "-" * (self.width - filled)
        print(f"\r{self.label} [{bar}] {done}/{total}", end="", file=sys.stderr, flush=True)
        self.shown = True

    def close(self) -> None:
        if self.shown:
            print(file=sys.stderr, flush=True)
            self.shown = False


def run_import(args: argparse.Namespace) -> int:
    # A header to refuse: only its first bytes go to the import, which says why (and logs it).
    data = _read(args.file) or _head(args.file)
    ctx = context()
    actor = acting_user(ctx, args.as_email)
    bar = ProgressBar("checking" if args.dry_run else "importing")
    try:
        if args.dry_run:
            checked = preview(ctx, actor, args.kind, data, progress=bar)
            bar.close()
            _print_warnings(checked.warnings)
            if checked.errors:
                return _refused(checked.errors)
            print(f"Dry run, nothing written: {checked.counts}.")
            return 0
        result = import_now(ctx, actor, args.kind, data, progress=bar)
    except ImportRefused as refused:
        bar.close()
        return _refused(refused.problems)
    bar.close()
    _print_warnings(list(result.warnings))
    print(f"Imported {args.kind}: {result.counts}.")
    return 0


def _head(path: Path) -> bytes:
    try:
        with path.open("rb") as file:
            return file.read(MAX_HEADER_BYTES + 1)
    except OSError as error:
        raise InvalidInput(f"cannot read {path}: {error.strerror}") from None


def _read(path: Path) -> bytes | None:
    """The whole file, or None when its first bytes already show a header to refuse: a file
    of a million columns (or gigabytes) is refused without being read into memory."""
    if header_problem(_head(path)) is not None:
        return None
    try:
        return path.read_bytes()
    except OSError as error:
        raise InvalidInput(f"cannot read {path}: {error.strerror}") from None


def run_export(args: argparse.Namespace) -> int:
    ctx = context()
    actor = acting_user(ctx, args.as_email)
    data = export(ctx, actor, args.kind, cohort=args.cohort, bom=args.bom)
    if args.out is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return 0
    args.out.write_bytes(data)
    print(f"Exported {args.kind} to {args.out}.", file=sys.stderr)
    return 0


def _print_warnings(warnings: list[Problem]) -> None:
    for warning in warnings:
        print(f"networkit: warning: {warning}", file=sys.stderr)


def _refused(problems: list[Problem]) -> int:
    for problem in problems:
        print(f"networkit: {problem}", file=sys.stderr)
    print(f"networkit: {ImportRefused(problems)}", file=sys.stderr)  # its count, said once
    return 1
