"""import KIND FILE [--dry-run] and export KIND [--cohort NAME] [--out FILE] [--bom]."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from networkit_core.cli.common import acting_user, as_of_date, context, on_terminal, output_file
from networkit_core.errors import InvalidInput
from networkit_core.interchange import ImportRefused, Kind, Problem, export, import_now, preview
from networkit_core.interchange.formats import AS_OF_KINDS, IGNORE, IMPORTABLE, too_big
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
    importing.add_argument(
        "--cohort", help="roster: the cohort of every row whose file names none (by name)"
    )
    importing.add_argument(
        "--map",
        dest="mappings",
        action="append",
        default=[],
        metavar='"HEADER=COLUMN"',
        help='map a header of the file to a column, e.g. "Student E-mail Addr=email"; '
        '"HEADER=" leaves the column out (repeatable; remembered like the page\'s mapping)',
    )
    importing.add_argument(
        "--bring-back-erased",
        action="store_true",
        help="roster: import the rows of people erased on request (else each such row is "
        "refused by name and the rest of the file is imported)",
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
    exporting.add_argument(
        "--today",
        type=as_of_date,
        metavar="DATE",
        help="cohort-report, first-destination-report: the figures as of DATE (what was "
        "logged later is left out)",
    )
    exporting.add_argument("--as", dest="as_email", help="acting user's email (default: admin)")
    exporting.set_defaults(handler=run_export)


class ProgressBar:
    """A plain progress bar on stderr, shown only for large files and only on a terminal: in a
    log file its carriage-return frames would be noise."""

    def __init__(self, label: str, width: int = 30) -> None:
        self.label = label
        self.width = width
        self.shown = False

    def __call__(self, done: int, total: int) -> None:
        if total < PROGRESS_FROM_ROWS or not on_terminal():
            return
        filled = self.width * done // max(total, 1)
        bar = "#" * filled + "-" * (self.width - filled)
        print(f"\r{self.label} [{bar}] {done}/{total}", end="", file=sys.stderr, flush=True)
        self.shown = True

    def close(self) -> None:
        if self.shown:
            print(file=sys.stderr, flush=True)
            self.shown = False


def header_mapping(pairs: list[str]) -> dict[str, str]:
    """`--map "Student E-mail Addr=email"` options as a mapping; the header may hold spaces and
    the last `=` separates the column (headers keep any `=` of their own)."""
    mapping: dict[str, str] = {}
    for pair in pairs:
        header, separator, column = pair.rpartition("=")
        if not separator or not header.strip():
            raise InvalidInput(f'--map {pair!r}: write it as "HEADER=COLUMN"', "map")
        mapping[header.strip()] = column.strip() or IGNORE
    return mapping


def read_file(path: Path) -> bytes:
    """The file's bytes; one over the size limit is refused before it is read. A header to
    refuse (a million columns) gives its first bytes only: the import says why, and logs it."""
    try:
        refusal = too_big(path.stat().st_size)
        if refusal:
            raise InvalidInput(f"{path}: {refusal}", "file")
        with path.open("rb") as file:
            head = file.read(MAX_HEADER_BYTES + 1)
            if header_problem(head) is not None:
                return head
            return head + file.read()
    except OSError as error:
        raise InvalidInput(f"cannot read {path}: {error.strerror}") from None


def run_import(args: argparse.Namespace) -> int:
    mapping = header_mapping(args.mappings) or None
    data = read_file(args.file)
    ctx = context()
    actor = acting_user(ctx, args.as_email)
    bar = ProgressBar("checking" if args.dry_run else "importing")
    options = {"cohort": args.cohort, "bring_back_erased": args.bring_back_erased}
    try:
        if args.dry_run:
            checked = preview(ctx, actor, args.kind, data, mapping, bar, **options)
            bar.close()
            _print_warnings(checked.warnings)
            if checked.errors:
                return _refused(checked.errors)
            print(f"Dry run, nothing written: {checked.counts}.")
            return 0
        result = import_now(ctx, actor, args.kind, data, mapping, bar, **options)
    except ImportRefused as refused:
        bar.close()
        return _refused(refused.problems)
    bar.close()
    _print_warnings(list(result.warnings))
    print(f"Imported {args.kind}: {result.counts}.")
    return 0


def run_export(args: argparse.Namespace) -> int:
    if args.today is not None and Kind.parse(args.kind) not in AS_OF_KINDS:
        raise InvalidInput(
            f"--today is for the cohort report's figures and the first-destination report's; "
            f"a {args.kind} export is the record as it is now"
        )
    ctx = context(args.today, as_of=True)
    actor = acting_user(ctx, args.as_email)
    data = export(ctx, actor, args.kind, cohort=args.cohort, bom=args.bom)
    if args.out is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return 0
    with output_file(args.out) as out:
        out.write_bytes(data)
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
