"""`networkit import` and `networkit export` against the test database."""

from __future__ import annotations

from pathlib import Path

import pytest

from networkit_core.cli.main import main
from networkit_core.context import Context
from networkit_core.settings import Settings
from tests.csv_support import dump, populate


@pytest.fixture
def cli_env(ctx: Context, settings: Settings, monkeypatch: pytest.MonkeyPatch) -> Context:
    monkeypatch.setenv("DATABASE_URL", settings.database_url)
    return ctx


def test_export_then_dry_run_then_import(
    cli_env: Context, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    populate(cli_env)
    out = tmp_path / "roster.csv"
    assert main(["export", "roster", "--out", str(out), "--bom"]) == 0
    assert out.read_bytes().startswith(b"\xef\xbb\xbfemail,first_name")
    edited = (
        out.read_text(encoding="utf-8-sig") + "yan@example.org,Yan,Li,Spring 2026 Business,,,,\n"
    )
    out.write_text(edited, encoding="utf-8")
    capsys.readouterr()

    before = dump(cli_env)
    assert main(["import", "roster", str(out), "--dry-run"]) == 0
    assert "Dry run, nothing written: 1 new, 0 updated, 3 unchanged, 0 refused." in (
        capsys.readouterr().out
    )
    assert dump(cli_env) == before
    assert main(["import", "roster", str(out)]) == 0
    assert "Imported roster: 1 new, 0 updated, 3 unchanged, 0 refused." in capsys.readouterr().out


def test_export_to_stdout_as_a_graduate(
    cli_env: Context, capsys: pytest.CaptureFixture[str]
) -> None:
    populate(cli_env)
    assert main(["export", "follow-ups", "--as", "ana.lima@example.org"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "interview_id,date,kind,note"
    assert {line.split(",")[0] for line in lines[1:]} == {"HX-0000"}


def test_bad_file_exits_non_zero_with_one_line_per_problem(
    cli_env: Context, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    populate(cli_env)
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "email,first_name,last_name,cohort,graduation_year\n"
        "bad-email,Zoe,Ng,Spring 2026 Business,2025\n"
        "yan@example.org,Yan,Li,Spring 2026 Business,03/04/2025\n"
    )
    before = dump(cli_env)
    assert main(["import", "roster", str(bad)]) == 1
    errors = capsys.readouterr().err.splitlines()
    assert errors[0].startswith("networkit: row 2, column email: 'bad-email' is not a valid")
    assert (
        errors[1] == "networkit: row 3, column graduation_year: '03/04/2025' is not a whole number"
    )
    assert errors[2] == ("networkit: the file was not imported (2 problems); nothing was changed")
    assert dump(cli_env) == before


def test_one_bad_row_is_counted_as_one_problem(
    cli_env: Context, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    populate(cli_env)
    bad = tmp_path / "bad.csv"
    bad.write_text("email,first_name,last_name,cohort\nbad-email,Zoe,Ng,Spring 2026 Business\n")
    assert main(["import", "roster", str(bad), "--dry-run"]) == 1
    errors = capsys.readouterr().err.splitlines()
    assert errors[-1] == "networkit: the file was not imported (1 problem); nothing was changed"


def test_advisor_cannot_export_a_cohort_they_do_not_coach(
    cli_env: Context, capsys: pytest.CaptureFixture[str]
) -> None:
    populate(cli_env)
    code = main(
        ["export", "roster", "--cohort", "Autumn 2025 Design", "--as", "coach.a@example.org"]
    )
    assert code == 1
    assert capsys.readouterr().err.strip() == (
        "networkit: No such cohort, or you do not have access to it."
    )


def test_missing_file_is_one_clear_line(
    cli_env: Context, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["import", "questions", "/nonexistent/q.csv"]) == 1
    assert capsys.readouterr().err.strip() == (
        "networkit: cannot read /nonexistent/q.csv: No such file or directory"
    )
