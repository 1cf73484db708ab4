"""Entry point of `networkit`. Each command group lives in its own module with a `register`."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from typing import NoReturn

from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError

from networkit_core.cli import (
    admin_cmds,
    coaching_cmd,
    csv_cmds,
    destinations_cmd,
    erasure_cmd,
    figures_cmd,
    records_cmd,
    remind_cmd,
)
from networkit_core.errors import NetworkitError

Handler = Callable[[argparse.Namespace], int]
COMMAND_MODULES = (
    admin_cmds,
    csv_cmds,
    figures_cmd,
    destinations_cmd,
    coaching_cmd,
    remind_cmd,
    erasure_cmd,
    records_cmd,
)


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line and exit code 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"networkit: {message} (see 'networkit --help')\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="networkit", description="NetWorkIt Coach administration.")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    for module in COMMAND_MODULES:
        module.register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    handler: Handler = args.handler
    try:
        code = handler(args)
        sys.stdout.flush()  # a closed pipe shows here, not at exit
        return code
    except BrokenPipeError:
        return _output_closed()
    except NetworkitError as error:
        return fail(str(error))
    except OperationalError as error:
        return fail(f"cannot use the database: {_first_line(error.orig)}")
    except IntegrityError as error:
        # Most often two runs at once (two imports of one file): the later one is refused.
        return fail(
            f"the database refused the change: {_first_line(error.orig)}; "
            "if another import or change ran at the same time, run this again"
        )
    except DBAPIError as error:
        return fail(f"the database refused the change: {_first_line(error.orig)}")
    except OSError as error:  # a file to write: a missing folder, a folder, a full disk
        where = f"{error.filename}: " if error.filename else ""
        return fail(f"{where}{error.strerror or error}")
    except KeyboardInterrupt:
        return fail("interrupted; nothing more was written")
    except EOFError:
        return fail("input ended before a value was given")


def _output_closed() -> int:
    """The reader of our output (`| head -1`) stopped reading: say so once, write no more."""
    # Python flushes stdout again at exit; pointing it at /dev/null keeps that quiet.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)
    return fail("the output was closed before everything was written (broken pipe)")


def fail(message: str) -> int:
    print(f"networkit: {message}", file=sys.stderr)
    return 1


def _first_line(error: object) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__


if __name__ == "__main__":
    sys.exit(main())
