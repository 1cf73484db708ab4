"""init, demo, user add, backup, serve."""

from __future__ import annotations

import argparse
import getpass
import os
import shutil
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

from sqlalchemy.engine import make_url

from networkit_core import startup
from networkit_core.cli.common import acting_user, context, on_terminal, output_file
from networkit_core.errors import InvalidInput, NetworkitError
from networkit_core.models import Role
from networkit_core.services import accounts
from networkit_core.services.accounts import admin
from networkit_core.settings import PROJECT_DIR

SERVER = "serve.py"


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    init = commands.add_parser("init", help="migrate to head, load content, create the first admin")
    init.add_argument("--email", help="the first admin's email (asked when missing)")
    init.add_argument("--first-name", default="Administrator", help="the first admin's first name")
    init.add_argument("--last-name", default="", help="the first admin's last name")
    init.set_defaults(handler=run_init)

    demo = commands.add_parser("demo", help="load the demo cohort (demo mode)")
    demo.add_argument("--if-empty", action="store_true", help="only when no account exists yet")
    demo.add_argument("--seed", type=int, default=2026, help="random seed (default 2026)")
    demo.set_defaults(handler=run_demo)

    user = commands.add_parser("user", help="manage accounts")
    user_commands = user.add_subparsers(dest="user_command", required=True)
    add = user_commands.add_parser("add", help="add an account (password read from a prompt)")
    add.add_argument("email")
    add.add_argument("--first-name", required=True)
    add.add_argument("--last-name", default="")
    add.add_argument("--role", required=True, choices=[role.value for role in Role])
    add.add_argument("--as", dest="as_email", help="acting admin's email (default: first admin)")
    add.add_argument(
        "--no-password", action="store_true", help="create without a password (set one later)"
    )
    add.add_argument(
        "--bring-back-erased",
        action="store_true",
        help="create it even though this e-mail was erased on request",
    )
    add.set_defaults(handler=run_user_add)

    password = user_commands.add_parser(
        "password",
        help="set a temporary password (read from a prompt or stdin); the user must change it "
        "at their next sign-in; also unlocks the account and ends its sessions",
    )
    password.add_argument("email")
    password.add_argument(
        "--as", dest="as_email", help="acting admin's email (default: first admin)"
    )
    password.set_defaults(handler=run_user_password)
    passwords = user_commands.add_parser(
        "passwords", help="allow (on) or stop (off) signing in with a local password"
    )
    passwords.add_argument("state", choices=["on", "off"])
    passwords.add_argument(
        "--as", dest="as_email", help="acting admin's email (default: first admin)"
    )
    passwords.set_defaults(handler=run_user_passwords)
    for name, what in (
        ("unlock", "lift the lock and delay after failed sign-ins"),
        ("deactivate", "the account can no longer sign in (its records stay)"),
        ("reactivate", "the account can sign in again"),
    ):
        change = user_commands.add_parser(name, help=what)
        change.add_argument("email")
        change.add_argument(
            "--as", dest="as_email", help="acting admin's email (default: first admin)"
        )
        change.set_defaults(handler=run_user_change, change=name)

    backup = commands.add_parser("backup", help="write a consistent copy of the database")
    backup.add_argument("file", type=Path)
    backup.set_defaults(handler=run_backup)

    serve = commands.add_parser("serve", help="start the web app (as `make run` does)")
    serve.add_argument("--port", type=int, default=8501)
    serve.add_argument(
        "--app-dir",
        type=Path,
        metavar="DIR",
        help="the NetWorkIt Coach folder, with app.py and serve.py (default: the one this "
        "package was installed from, else the current folder)",
    )
    serve.set_defaults(handler=run_serve)


def read_password(prompt: str = "Password: ") -> str:
    """From a prompt on a terminal, else the first line of stdin: never from the command line."""
    if sys.stdin.isatty():
        password = getpass.getpass(prompt)
        if getpass.getpass("Repeat password: ") != password:
            raise InvalidInput("the two passwords differ")
        return password
    line = sys.stdin.readline()
    if not line:
        raise InvalidInput("no password given on standard input")
    return line.rstrip("\r\n")


def run_init(args: argparse.Namespace) -> int:
    ctx = context()
    loaded = startup.prepare(ctx)
    print(
        f"Database at head. Content: {loaded.checklist_items_added} checklist items added, "
        f"{loaded.checklist_items_updated} updated, "
        f"{loaded.questions_added} starter questions added."
    )
    if accounts.any_admin_exists(ctx):
        print("An admin account exists already; none created.")
        return 0
    email = args.email or input("First admin's email: ")
    password = read_password()
    admin = accounts.add_user(
        ctx,
        None,
        email=email,
        first_name=args.first_name,
        last_name=args.last_name,
        role=Role.ADMIN,
        password=password,
    )
    print(f"Created admin {admin.email}.")
    return 0


def run_demo(args: argparse.Namespace) -> int:
    from networkit_core.demo import load_demo

    ctx = context()
    startup.prepare(ctx)
    if startup.has_users(ctx):
        if args.if_empty:
            print("The database has accounts already; demo not loaded.")
            return 0
        raise NetworkitError("the database already has accounts: load the demo into an empty one")
    summary = load_demo(ctx, seed=args.seed, progress=_print_progress)
    if on_terminal():
        print(file=sys.stderr)  # end the progress line
    print(f"Demo loaded: {summary}")
    return 0


def _print_progress(done: int, total: int, what: str) -> None:
    if on_terminal():  # carriage-return frames are noise in a log file
        print(f"\r{what}: {done}/{total}", end="", file=sys.stderr, flush=True)


def run_user_add(args: argparse.Namespace) -> int:
    ctx = context()
    actor = acting_user(ctx, args.as_email)
    password = None if args.no_password else read_password()
    # A password typed by an admin is theirs to pass on: the user replaces it at first sign-in.
    user = accounts.add_user(
        ctx,
        actor,
        email=args.email,
        first_name=args.first_name,
        last_name=args.last_name,
        role=Role(args.role),
        password=password,
        temporary=True,
        bring_back_erased=args.bring_back_erased,
    )
    print(f"Created {user.role.value} {user.email}.")
    return 0


def run_user_password(args: argparse.Namespace) -> int:
    ctx = context()
    actor = acting_user(ctx, args.as_email)
    user = admin.find_user(ctx, actor, args.email)
    admin.reset_password(ctx, actor, user.id, read_password("Temporary password: "))
    print(f"Temporary password set for {user.email}: they choose their own at next sign-in.")
    return 0


def run_user_passwords(args: argparse.Namespace) -> int:
    ctx = context()
    on = admin.set_local_passwords(ctx, acting_user(ctx, args.as_email), args.state == "on")
    print("Local passwords are on." if on else "Local passwords are off: university sign-in only.")
    return 0


USER_CHANGES = {
    "unlock": (admin.unlock_user, "Unlocked"),
    "deactivate": (admin.deactivate_user, "Deactivated"),
    "reactivate": (admin.reactivate_user, "Reactivated"),
}


def run_user_change(args: argparse.Namespace) -> int:
    ctx = context()
    actor = acting_user(ctx, args.as_email)
    user = admin.find_user(ctx, actor, args.email)
    service, done = USER_CHANGES[args.change]
    service(ctx, actor, user.id)
    print(f"{done} {user.email}.")
    return 0


def run_backup(args: argparse.Namespace) -> int:
    url = make_url(context().settings.database_url)
    target: Path = args.file
    if target.exists():
        raise InvalidInput(f"{target} exists already; choose a new file name")
    with output_file(target) as copy_path:
        if url.get_backend_name() == "sqlite":
            _sqlite_backup(url.database or "", copy_path, target)
        else:
            _pg_dump(url.set(drivername="postgresql").render_as_string(False), copy_path)
    print(f"Backup written to {target}.")
    return 0


def _sqlite_backup(database: str, copy_path: Path, target: Path) -> None:
    source = sqlite3.connect(database)
    try:
        with closing(sqlite3.connect(copy_path)) as copy:
            source.backup(copy)  # consistent even while the app writes
    except sqlite3.Error as error:  # a full disk, say: the partial copy goes
        raise NetworkitError(f"the backup to {target} failed: {error}") from None
    finally:
        source.close()


def _pg_dump(database: str, copy_path: Path) -> None:
    if shutil.which("pg_dump") is None:
        raise NetworkitError("pg_dump is not installed; it is needed to back up PostgreSQL")
    result = subprocess.run(
        ["pg_dump", "--format=custom", f"--file={copy_path}", database],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise NetworkitError(f"pg_dump failed: {result.stderr.strip().splitlines()[-1]}")


def run_serve(args: argparse.Namespace) -> int:
    """`streamlit run serve.py` (the app and its calendar feed) from the project folder: beside
    the package, the current folder, or `--app-dir`."""
    app_dir = args.app_dir or (PROJECT_DIR if (PROJECT_DIR / SERVER).is_file() else Path.cwd())
    server = app_dir.resolve() / SERVER
    if not server.is_file():
        raise NetworkitError(
            f"no {SERVER} in {app_dir}: run networkit serve in the NetWorkIt Coach folder "
            "(the one with app.py and serve.py), or name it with --app-dir"
        )
    command = [sys.executable, "-m", "streamlit", "run", str(server), f"--server.port={args.port}"]
    os.execv(sys.executable, command)
    return 0  # not reached: execv replaces this process
