"""Files from other systems (issue 11, item 4): known synonyms map on their own, a column nobody
maps is ignored with one warning naming it, the cohort can be chosen for the whole file, a
hand-made mapping (page or `--map`) is remembered, and our own typos still get their hint."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from networkit_core.cli.main import main
from networkit_core.context import Context
from networkit_core.errors import InvalidInput
from networkit_core.interchange import import_now, preview
from networkit_core.interchange.formats import MAX_IMPORT_BYTES
from networkit_core.interchange.mappings import remembered_mapping
from networkit_core.models import Cohort, Graduate, User
from networkit_core.settings import Settings
from tests.csv_support import dump, populate

HANDSHAKE = (
    "email_address,username,first_name,last_name,school_year_name,major_names,graduation_date\n"
    "zoe.ng@example.edu,zng,Zoe,Ng,Senior,Business Administration,2026-05-15\n"
    "yan.li@example.edu,yli,Yan,Li,Alumni,Economics,2025-12-20 00:00:00\n"
)
IGNORED_WARNING = (
    "row 1: columns ignored: username, school_year_name (not part of this kind of file; "
    "map a column to import it)"
)


@pytest.fixture
def cli_env(ctx: Context, settings: Settings, monkeypatch: pytest.MonkeyPatch) -> Context:
    monkeypatch.setenv("DATABASE_URL", settings.database_url)
    return ctx


def enrolled(ctx: Context, email: str) -> tuple[str, str, int | None, str]:
    """(name, program, graduation year, cohort) of the graduate with `email`."""
    with ctx.unit_of_work() as session:
        user, graduate, cohort = session.execute(
            select(User, Graduate, Cohort)
            .join(Graduate, Graduate.user_id == User.id)
            .join(Cohort, Cohort.id == Graduate.cohort_id)
            .where(User.email == email)
        ).one()
        return user.display_name, graduate.program, graduate.graduation_year, cohort.name


def test_handshake_file_imports_into_the_cohort_given_on_the_command_line(
    cli_env: Context, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    populate(cli_env)
    students = tmp_path / "handshake_students.csv"
    students.write_text(HANDSHAKE, encoding="utf-8")

    before = dump(cli_env)
    code = main(
        ["import", "roster", str(students), "--cohort", "Spring 2026 Business", "--dry-run"]
    )
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "Dry run, nothing written: 2 new, 0 updated, 0 unchanged, 0 refused." in out
    assert err.splitlines() == [f"networkit: warning: {IGNORED_WARNING}"]
    assert dump(cli_env) == before

    assert main(["import", "roster", str(students), "--cohort", "Spring 2026 Business"]) == 0
    out, err = capsys.readouterr()
    assert "Imported roster: 2 new, 0 updated, 0 unchanged, 0 refused." in out
    # One warning names every ignored column, once.
    assert err.splitlines() == [f"networkit: warning: {IGNORED_WARNING}"]
    assert enrolled(cli_env, "zoe.ng@example.edu") == (
        "Zoe Ng",
        "Business Administration",
        2026,
        "Spring 2026 Business",
    )
    assert enrolled(cli_env, "yan.li@example.edu")[2] == 2025


def test_a_roster_without_cohort_column_or_choice_is_refused_saying_how(
    cli_env: Context, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    populate(cli_env)
    students = tmp_path / "handshake_students.csv"
    students.write_text(HANDSHAKE, encoding="utf-8")
    before = dump(cli_env)
    assert main(["import", "roster", str(students)]) == 1
    err = capsys.readouterr().err
    assert (
        "networkit: row 1: required column missing: cohort "
        "(or choose the cohort for the whole file)" in err
    )
    assert dump(cli_env) == before


def test_map_renames_a_header_and_is_remembered(
    cli_env: Context, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    people = populate(cli_env)
    roster = tmp_path / "roster.csv"
    roster.write_text(
        "Student E-mail Addr,First,Surname,cohort\nzoe.ng@example.edu,Zoe,Ng,Autumn 2025 Design\n",
        encoding="utf-8",
    )
    code = main(
        [
            "import",
            "roster",
            str(roster),
            "--map",
            "Student E-mail Addr=email",
            "--map",
            "First=first_name",
        ]
    )
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "Imported roster: 1 new" in out
    assert err == ""
    assert enrolled(cli_env, "zoe.ng@example.edu")[3] == "Autumn 2025 Design"
    # The next file with the same headers (any case, spacing) gets the same mapping offered.
    again = b"student e-mail addr,FIRST,SURNAME,Cohort\nyan@example.edu,Yan,Li,Autumn 2025 Design\n"
    assert remembered_mapping(cli_env, people["admin"], "roster", again) == {
        "student e-mail addr": "email",
        "FIRST": "first_name",
    }


def test_map_to_a_column_we_do_not_have_is_named(
    cli_env: Context, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    populate(cli_env)
    roster = tmp_path / "roster.csv"
    roster.write_text(
        "Mail Addr,first_name,last_name,cohort\nzoe@example.edu,Zoe,Ng,Autumn 2025 Design\n"
    )
    assert main(["import", "roster", str(roster), "--map", "Mail Addr=emial"]) == 1
    err = capsys.readouterr().err
    assert "row 1, column Mail Addr: mapped to 'emial', which is not a column of this file" in err
    assert main(["import", "roster", str(roster), "--map", "no separator"]) == 1
    assert "--map 'no separator': write it as \"HEADER=COLUMN\"" in capsys.readouterr().err


def test_a_typo_in_one_of_our_headers_still_gets_its_hint(ctx: Context) -> None:
    people = populate(ctx)
    data = b"emial,first_name,last_name,cohort\nzoe@example.org,Zoe,Ng,Spring 2026 Business\n"
    checked = preview(ctx, people["admin"], "roster", data)
    assert [str(problem) for problem in checked.errors] == [
        "row 1, column emial: unknown column (did you mean email?)",
        "row 1: required column missing: email",
    ]


def test_mapping_a_column_to_ignore_leaves_it_out_with_the_warning(ctx: Context) -> None:
    people = populate(ctx)
    data = (
        b"email,first_name,last_name,cohort,emial\nzoe@example.org,Zoe,Ng,Spring 2026 Business,x\n"
    )
    checked = preview(ctx, people["admin"], "roster", data, {"emial": ""})
    assert checked.ok
    assert checked.ignored_headers == ["emial"]
    assert str(checked.warnings[0]).startswith("row 1: column ignored: emial")


def test_the_file_cohort_fills_only_rows_without_one(ctx: Context) -> None:
    people = populate(ctx)
    data = (
        b"email,first_name,last_name,cohort\n"
        b"zoe@example.org,Zoe,Ng,\n"
        b"yan@example.org,Yan,Li,Autumn 2025 Design\n"
    )
    import_now(ctx, people["admin"], "roster", data, cohort="Spring 2026 Business")
    assert enrolled(ctx, "zoe@example.org")[3] == "Spring 2026 Business"
    assert enrolled(ctx, "yan@example.org")[3] == "Autumn 2025 Design"


def test_a_cohort_for_another_kind_of_file_is_refused(ctx: Context) -> None:
    people = populate(ctx)
    with pytest.raises(InvalidInput, match="roster only"):
        preview(ctx, people["admin"], "questions", b"question\nWhy?\n", cohort="Spring")


def test_a_file_over_the_limit_is_refused_before_it_is_read(
    cli_env: Context, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    people = populate(cli_env)
    huge = tmp_path / "huge.csv"
    with huge.open("wb") as out:  # sparse: the size is there without writing 20 MB
        out.truncate(MAX_IMPORT_BYTES + 1)
    assert main(["import", "roster", str(huge)]) == 1
    assert "files of at most 20 MB are imported" in capsys.readouterr().err
    with pytest.raises(InvalidInput, match="at most 20 MB"):
        preview(cli_env, people["admin"], "roster", b"x" * (MAX_IMPORT_BYTES + 1))
