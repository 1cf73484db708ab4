"""Issue 12, items 6, 7 and 8: every refusal is one clear line and a non-zero exit, never a
traceback; a message never tells a record out of scope from a missing one; a huge header is
refused before the file is read, and a file wrong everywhere lists 100 problems and counts the
rest. On SQLite and PostgreSQL."""

from __future__ import annotations

import os
import subprocess
import sys
import tracemalloc
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, select, update

from networkit_core.actor import Actor
from networkit_core.cli.main import main
from networkit_core.context import Context
from networkit_core.interchange import ImportRefused, import_now, preview
from networkit_core.interchange.preview import ImportConflict
from networkit_core.models import Interview, Role
from networkit_core.settings import Settings
from tests import factories
from tests.csv_support import dump, populate

INTERVIEWS = "interview_id,graduate_email,contact_name,meeting_date,status,notes\n"
ROSTER = "email,first_name,last_name,cohort,advisor_email\n"
CONFLICT = (
    "someone else changed these interviews meanwhile; nothing was imported: run the import again"
)
NETWORKIT = Path(sys.executable).parent / "networkit"


@pytest.fixture
def cli_env(ctx: Context, settings: Settings, monkeypatch: pytest.MonkeyPatch) -> Context:
    monkeypatch.setenv("DATABASE_URL", settings.database_url)
    return ctx


def _refused(ctx: Context, actor: Actor, kind: str, data: str | bytes) -> list[str]:
    raw = data.encode() if isinstance(data, str) else data
    with pytest.raises(ImportRefused) as refused:
        import_now(ctx, actor, kind, raw)
    return [str(problem) for problem in refused.value.problems]


def _notes_file(notes: str) -> bytes:
    """The completed interviews of populate()'s first two graduates, with new notes."""
    rows = "".join(
        f"HX-{n}000,{email},Dana Reyes,2026-02-04,completed,{notes}\n"
        for n, email in enumerate(["ana.lima@example.org", "ben.okafor@example.org"])
    )
    return (INTERVIEWS + rows).encode()


def _notes(ctx: Context) -> list[str]:
    with ctx.unit_of_work() as session:
        return list(
            session.scalars(
                select(Interview.notes)
                .where(Interview.public_id.in_(["HX-0000", "HX-1000"]))
                .order_by(Interview.public_id)
            )
        )


# --- item 6: tracebacks ---------------------------------------------------------------------


def test_two_imports_updating_the_same_interviews_end_in_one_clear_refusal(ctx: Context) -> None:
    admin = populate(ctx)["admin"]
    landed: list[object] = []

    def the_other_import_lands_first(_done: int, _total: int) -> None:
        # Ours has read the interviews; another import updates the same ones and commits.
        if not landed:
            landed.append(import_now(ctx, admin, "interviews", _notes_file("theirs")))

    with pytest.raises(ImportConflict) as conflict:
        import_now(
            ctx, admin, "interviews", _notes_file("mine"), progress=the_other_import_lands_first
        )
    assert str(conflict.value) == CONFLICT
    assert _notes(ctx) == ["theirs", "theirs"]  # theirs whole, nothing of ours


@pytest.fixture
def racing_import() -> Iterator[None]:
    """Another import's UPDATE lands between ours reading the interviews and writing them: it
    bumps each row's version on the same connection, just before ours (as tests/test_conflict)."""

    def bump(_mapper: Any, connection: Any, target: Interview) -> None:
        table = Interview.__table__
        connection.execute(
            update(table).where(table.c.id == target.id).values(version=table.c.version + 1)
        )

    event.listen(Interview, "before_update", bump)
    try:
        yield
    finally:
        event.remove(Interview, "before_update", bump)


def test_the_command_line_says_so_in_one_line_and_exits_non_zero(
    cli_env: Context, tmp_path: Path, capsys: pytest.CaptureFixture[str], racing_import: None
) -> None:
    populate(cli_env)
    before = dump(cli_env)
    file = tmp_path / "mine.csv"
    file.write_bytes(_notes_file("mine"))
    assert main(["import", "interviews", str(file)]) == 1
    captured = capsys.readouterr()
    assert captured.err == f"networkit: {CONFLICT}\n"
    assert dump(cli_env) == before


def test_figures_piped_into_head_stop_cleanly(cli_env: Context, settings: Settings) -> None:
    populate(cli_env)
    # Two thousand weekly points: far more than a pipe holds, so the write meets a closed pipe.
    command = (
        f"{NETWORKIT} figures --json --from 1990-01-01 --to 2028-01-01 | head -1; "
        "exit ${PIPESTATUS[0]}"
    )
    env = {**os.environ, "DATABASE_URL": settings.database_url}
    run = subprocess.run(
        ["bash", "-c", command], capture_output=True, text=True, env=env, timeout=300
    )
    assert run.stdout == "{\n"
    assert run.stderr == (
        "networkit: the output was closed before everything was written (broken pipe)\n"
    )
    assert run.returncode == 1


# --- item 7: probing through messages -------------------------------------------------------


def test_an_interview_id_out_of_scope_is_not_described(ctx: Context) -> None:
    people = populate(ctx)
    ana = people["grads"][0][0]
    before = dump(ctx)
    # HX-1000 is Ben's: Ana learns nothing of whose, or what, it is.
    data = f"{INTERVIEWS}HX-1000,ana.lima@example.org,Dana Reyes,2026-02-04,completed,x\n"
    problems = _refused(ctx, ana, "interviews", data)
    assert problems == [
        "row 2, column interview_id: HX-1000 cannot be used: choose another interview_id"
    ]
    assert "graduate" not in problems[0]
    # Follow-ups: Ben's interview and one that does not exist read the same.
    for public_id in ("HX-1000", "HX-NOPE"):
        follow = f"interview_id,date,kind\n{public_id},2026-03-01,article\n"
        assert _refused(ctx, ana, "follow-ups", follow) == [
            f"row 2, column interview_id: no interview {public_id} that you may add follow-ups to"
        ]
    assert dump(ctx) == before


def test_a_roster_says_the_same_of_any_account_out_of_reach(ctx: Context) -> None:
    people = populate(ctx)
    advisor = people["advisor"]  # coaches Spring 2026 Business only
    before = dump(ctx)
    # Issue 17, item 13: no account at all reads (and fares) the same: an advisor adds nobody.
    for email in (
        "chloe.durand@example.org",
        "admin@example.org",
        "coach.b@example.org",
        "nobody@example.org",
    ):
        data = f"{ROSTER}{email},X,Y,Spring 2026 Business,\n"
        assert _refused(ctx, advisor, "roster", data) == [
            f"row 2, column email: no graduate {email} in the cohorts you coach: an admin adds "
            "new accounts"
        ]
    for cohort in ("Autumn 2025 Design", "No Such Cohort"):
        data = f"{ROSTER}ben.okafor@example.org,Ben,Okafor,{cohort},\n"
        assert _refused(ctx, advisor, "roster", data) == [
            f"row 2, column cohort: there is no cohort named '{cohort}' that you coach"
        ]
    for other in ("admin@example.org", "coach.b@example.org", "nobody@example.org"):
        data = f"{ROSTER}ben.okafor@example.org,Ben,Okafor,Spring 2026 Business,{other}\n"
        assert _refused(ctx, advisor, "roster", data) == [
            f"row 2, column advisor_email: only an admin assigns another advisor ({other}) to "
            "a cohort"
        ]
    assert dump(ctx) == before


def test_figures_answer_the_same_for_a_missing_and_a_foreign_graduate(
    cli_env: Context, capsys: pytest.CaptureFixture[str]
) -> None:
    populate(cli_env)
    answers = []
    for email in ("chloe.durand@example.org", "ghost@example.org"):
        code = main(["figures", "--graduate", email, "--as", "coach.a@example.org"])
        answers.append((code, capsys.readouterr()))
    assert answers[0] == answers[1]
    assert answers[0][0] == 1
    assert answers[0][1].err == "networkit: No such graduate, or you do not have access to it.\n"
    for cohort in ("Autumn 2025 Design", "No Such Cohort"):
        assert main(["figures", "--cohort", cohort, "--as", "coach.a@example.org"]) == 1
        assert capsys.readouterr().err == (
            "networkit: No such cohort, or you do not have access to it.\n"
        )


# --- item 8: huge headers -------------------------------------------------------------------


def test_a_million_columns_are_refused_in_one_line(ctx: Context) -> None:
    admin = factories.user(ctx, Role.ADMIN)
    million = ",".join(f"c{n}" for n in range(1_000_000)).encode()
    # Only the first MiB of the header is looked at: its columns there are already too many.
    assert _refused(ctx, admin, "roster", million + b"\n" + b"," * 999_999 + b"\n") == [
        "row 1: the header has more than 144,960 columns; a file has at most 500"
    ]
    thousands = ",".join(f"c{n}" for n in range(100_000)).encode()
    assert _refused(ctx, admin, "roster", thousands + b"\n" + b"," * 99_999 + b"\n") == [
        "row 1: the header has 100,000 columns; a file has at most 500"
    ]
    assert _refused(ctx, admin, "roster", ",".join(["email"] * 501)) == [
        "row 1: the header has 501 columns; a file has at most 500"
    ]
    no_line_break = b"email," + b"x" * (2 << 20)
    assert _refused(ctx, admin, "roster", no_line_break) == [
        "row 1: the header row is longer than 1,048,576 bytes: not a header"
    ]


def test_the_command_line_refuses_before_reading_the_whole_file(
    cli_env: Context, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    factories.user(cli_env, Role.ADMIN)
    file = tmp_path / "wide.csv"
    with file.open("wb") as out:
        out.write(",".join(f"c{n}" for n in range(1_000_000)).encode() + b"\n")
        out.write(b"x" * (12 << 20) + b"\n")  # within the 20 MB file limit, never to be read
    size = file.stat().st_size
    tracemalloc.start()
    try:
        code = main(["import", "roster", str(file)])
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert code == 1
    assert capsys.readouterr().err.splitlines() == [
        "networkit: row 1: the header has more than 144,960 columns; a file has at most 500",
        "networkit: the file was not imported (1 problem); nothing was changed",
    ]
    assert peak < size // 4, (peak, size)  # the first MiB was read, not the whole file


def test_problems_past_100_are_counted_not_listed(
    cli_env: Context, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    admin = populate(cli_env)["admin"]
    before = dump(cli_env)
    rows = "".join(f"bad{n},X,Y,Spring 2026 Business,\n" for n in range(1000))
    problems = _refused(cli_env, admin, "roster", ROSTER + rows)
    assert len(problems) == 101
    assert problems[0].startswith("row 2, column email: 'bad0' is not a valid email address")
    assert problems[99].startswith("row 101, column email: 'bad99'")
    assert problems[100] == "and 900 more problems"
    file = tmp_path / "bad.csv"
    file.write_text(ROSTER + rows)
    assert main(["import", "roster", str(file)]) == 1
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 102
    assert lines[-2:] == [
        "networkit: and 900 more problems",
        "networkit: the file was not imported (1000 problems); nothing was changed",
    ]
    # Warnings too: 150 advisors without an account, each said once, 100 of them listed.
    rows = "".join(
        f"new{n}@example.org,N,{n},Spring 2026 Business,coach{n}@example.org\n" for n in range(150)
    )
    checked = preview(cli_env, admin, "roster", (ROSTER + rows).encode())
    assert checked.ok and len(checked.warnings) == 101
    assert str(checked.warnings[-1]) == "and 50 more warnings"
    assert dump(cli_env) == before
