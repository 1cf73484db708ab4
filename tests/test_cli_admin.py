"""`networkit init`, `user add`, `backup`: what an admin scripts, and one-line errors."""

from __future__ import annotations

import io
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from networkit_core.cli.main import main
from networkit_core.context import Context
from networkit_core.errors import AuthenticationFailed
from networkit_core.models import AuditEntry, Role, User
from networkit_core.services import accounts
from tests.conftest import empty_all_tables

PASSWORD = "a long admin passphrase"


@pytest.fixture
def cli_db(ctx: Context, monkeypatch: pytest.MonkeyPatch) -> Context:
    """The test database, empty (no content either), as DATABASE_URL for the command."""
    empty_all_tables(ctx.engine)
    monkeypatch.setenv("DATABASE_URL", ctx.settings.database_url)
    return ctx


def _stdin(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(text))


def test_init_creates_the_first_admin_once(
    cli_db: Context, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _stdin(monkeypatch, PASSWORD + "\n")
    assert main(["init", "--email", "Head@Career.example.org", "--first-name", "Pat"]) == 0
    assert "Created admin head@career.example.org" in capsys.readouterr().out
    assert accounts.authenticate(cli_db, "head@career.example.org", PASSWORD).role is Role.ADMIN

    _stdin(monkeypatch, "")
    assert main(["init"]) == 0
    assert "exists already" in capsys.readouterr().out
    with cli_db.unit_of_work() as session:
        assert len(session.scalars(select(User)).all()) == 1


def test_user_add_reads_the_password_from_stdin(
    cli_db: Context, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _stdin(monkeypatch, PASSWORD + "\n")
    main(["init", "--email", "admin@example.org"])
    _stdin(monkeypatch, "advisor passphrase!\n")
    code = main(["user", "add", "Lee@Example.org", "--first-name", "Lee", "--role", "advisor"])
    assert code == 0
    lee = accounts.authenticate(cli_db, "lee@example.org", "advisor passphrase!")
    assert lee.is_advisor
    assert lee.must_change_password  # the admin typed it: Lee chooses their own at sign-in


def test_user_password_unlock_deactivate_reactivate(
    cli_db: Context, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _stdin(monkeypatch, PASSWORD + "\n")
    main(["init", "--email", "admin@example.org"])
    accounts.add_user(
        cli_db, None, email="kim@example.org", first_name="Kim", role=Role.GRADUATE,
        password="kims own password",
    )  # fmt: skip
    live = Context(cli_db.engine, cli_db.settings)  # the command runs on the system clock
    for _ in range(cli_db.settings.max_failed_logins + 1):
        with pytest.raises(AuthenticationFailed):
            accounts.authenticate(live, "kim@example.org", "a wrong guess")
    assert main(["user", "unlock", "KIM@example.org"]) == 0
    assert "Unlocked kim@example.org." in capsys.readouterr().out
    assert accounts.authenticate(live, "kim@example.org", "kims own password").email

    assert main(["user", "deactivate", "kim@example.org"]) == 0
    with pytest.raises(AuthenticationFailed):
        accounts.authenticate(live, "kim@example.org", "kims own password")
    assert main(["user", "reactivate", "kim@example.org"]) == 0
    assert "Reactivated kim@example.org." in capsys.readouterr().out.splitlines()[-1]

    _stdin(monkeypatch, "a temporary one\n")
    assert main(["user", "password", "kim@example.org"]) == 0
    assert "Temporary password set for kim@example.org" in capsys.readouterr().out
    kim = accounts.authenticate(live, "kim@example.org", "a temporary one")
    assert kim.must_change_password

    assert main(["user", "unlock", "nobody@example.org"]) == 1
    err = capsys.readouterr().err
    assert err.strip() == "networkit: No account has the email nobody@example.org."
    with cli_db.unit_of_work() as session:
        actions = set(session.scalars(select(AuditEntry.action)))
    assert {"unlock", "deactivate", "reactivate", "reset_password"} <= actions


@pytest.mark.parametrize(
    ("argv", "stdin", "message"),
    [
        (["user", "add", "x@example.org", "--first-name", "X", "--role", "advisor"], "",
         "no admin account yet"),
        (["user", "add", "not-an-email", "--first-name", "X", "--role", "advisor", "--as",
          "admin@example.org"], "some long password\n", "not a valid email"),
        (["user", "add", "y@example.org", "--first-name", "Y", "--role", "advisor", "--as",
          "admin@example.org"], "short\n", "at least 10 characters"),
    ],
)  # fmt: skip
def test_bad_input_is_one_clear_line(
    cli_db: Context,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    stdin: str,
    message: str,
) -> None:
    if "--as" in argv:
        accounts.add_user(cli_db, None, email="admin@example.org", first_name="A", role=Role.ADMIN)
    _stdin(monkeypatch, stdin)
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert message in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_unknown_role_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["user", "add", "x@example.org", "--first-name", "X", "--role", "dean"])
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert "invalid choice: 'dean'" in err and len(err.strip().splitlines()) == 1


def test_unreachable_database_is_one_line_and_exit_1() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "networkit_core.cli.main", "init", "--email", "a@example.org"],
        env={"DATABASE_URL": "postgresql+psycopg://nobody@127.0.0.1:1/none", "PATH": ""},
        capture_output=True,
        text=True,
        input=PASSWORD + "\n",
        timeout=60,
        check=False,
    )
    assert result.returncode == 1
    assert result.stderr.startswith("networkit: cannot use the database:")
    assert len(result.stderr.strip().splitlines()) == 1


def test_backup_writes_a_consistent_copy(
    cli_db: Context, backend: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _stdin(monkeypatch, PASSWORD + "\n")
    main(["init", "--email", "admin@example.org"])
    target = tmp_path / "copy.db"
    assert main(["backup", str(target)]) == 0
    if backend == "sqlite":
        with sqlite3.connect(target) as copy:
            assert copy.execute("SELECT email FROM users").fetchall() == [("admin@example.org",)]
    else:
        listing = subprocess.run(
            ["pg_restore", "--list", str(target)], capture_output=True, text=True, check=True
        ).stdout
        assert "TABLE DATA" in listing and " users " in listing
    assert main(["backup", str(target)]) == 1  # never overwrites
