"""No traceback from the command line: what goes wrong outside the product's own checks (a
date at the end of the calendar, a file that cannot be written, two imports at once) is one
clear line on stderr and a non-zero exit, and nothing is half-written."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from networkit_core.cli.main import main
from networkit_core.context import Context
from networkit_core.models import Contact, Interview
from tests.csv_support import dump, populate

FAR_DATES = ["9999-12-31", "0001-01-01"]
AS_OF_COMMANDS = [
    ["figures", "--json"],
    ["export", "cohort-report"],
    ["remind", "--dry-run"],
]


@pytest.fixture
def cli_env(ctx: Context, monkeypatch: pytest.MonkeyPatch) -> Context:
    populate(ctx)
    monkeypatch.setenv("DATABASE_URL", ctx.settings.database_url)
    return ctx


def _one_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in err, err
    return lines[0]


@pytest.mark.parametrize("day", FAR_DATES)
@pytest.mark.parametrize("command", AS_OF_COMMANDS, ids=lambda argv: argv[0])
def test_today_at_the_ends_of_the_calendar_is_one_line(
    cli_env: Context, capsys: pytest.CaptureFixture[str], command: list[str], day: str
) -> None:
    before = dump(cli_env, audit=True)
    with pytest.raises(SystemExit) as exited:
        main([*command, "--today", day])
    assert exited.value.code != 0
    line = _one_line(capsys.readouterr().err)
    assert line.startswith(f"networkit: argument --today: {day} is out of range: dates run from")
    assert dump(cli_env, audit=True) == before


def test_a_today_inside_the_range_still_counts(
    cli_env: Context, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["figures", "--json", "--today", "1990-01-01"]) == 0
    assert '"today": "1990-01-01"' in capsys.readouterr().out


@pytest.mark.parametrize(
    ("where", "message"),
    [
        ("missing/roster.csv", "missing/roster.csv: there is no folder"),
        (".", ".: is a folder; give a file name"),
        ("/dev/full", "/dev/full: No space left on device"),
    ],
    ids=["missing folder", "a folder", "full disk"],
)
def test_export_that_cannot_be_written_is_one_line(
    cli_env: Context,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    where: str,
    message: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["export", "roster", "--out", where]) == 1
    assert message in _one_line(capsys.readouterr().err)
    assert list(tmp_path.iterdir()) == []  # nothing half-written


def test_export_to_a_full_disk_leaves_the_old_file_whole(
    cli_env: Context,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = tmp_path / "roster.csv"
    out.write_bytes(b"the export of yesterday\n")

    def disk_full(self: Path, data: bytes) -> int:
        with self.open("wb") as file:
            file.write(data[:10])
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Path, "write_bytes", disk_full)
    assert main(["export", "roster", "--out", str(out)]) == 1
    assert f"{out}: No space left on device" in _one_line(capsys.readouterr().err)
    assert out.read_bytes() == b"the export of yesterday\n"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["roster.csv"]


def test_backup_to_a_missing_folder_is_one_line(
    cli_env: Context, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "missing" / "copy.db"
    assert main(["backup", str(target)]) == 1
    assert f"{target}: there is no folder {target.parent}" in _one_line(capsys.readouterr().err)
    assert list(tmp_path.iterdir()) == []


# --- two imports of one file at once (PostgreSQL: the new rows go in by COPY) ----------------

RACE_ROWS = 300


def _race_file(path: Path) -> Path:
    lines = ["interview_id,graduate_email,contact_name,meeting_date,status"]
    lines += [
        f"RACE-{n:04d},ana.lima@example.org,Race contact {n},2026-02-{1 + n % 27:02d},planned"
        for n in range(RACE_ROWS)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _networkit(*argv: str, database_url: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "networkit_core.cli.main", *argv],
        env={**os.environ, "DATABASE_URL": database_url},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _waiting_for_interviews(ctx: Context) -> int:
    with ctx.engine.connect() as connection:
        return int(
            connection.execute(
                text(
                    "SELECT count(*) FROM pg_locks "
                    "WHERE NOT granted AND relation = 'interviews'::regclass"
                )
            ).scalar_one()
        )


def test_two_imports_of_one_file_at_once_one_wins_the_other_says_one_line(
    cli_env: Context, backend: str, tmp_path: Path
) -> None:
    if backend != "postgresql":
        pytest.skip("the COPY path is PostgreSQL's; SQLite takes one writer at a time")
    csv = _race_file(tmp_path / "interviews.csv")
    url = cli_env.settings.database_url
    # Both imports read (nothing is there yet) and then queue for the table behind this lock,
    # so that their writes really race: each inserts every row, and one must lose.
    with cli_env.engine.connect() as holder:
        holder.execute(text("LOCK TABLE interviews IN SHARE MODE"))
        runs = [_networkit("import", "interviews", str(csv), database_url=url) for _ in "ab"]
        deadline = time.monotonic() + 120
        while _waiting_for_interviews(cli_env) < len(runs):
            assert time.monotonic() < deadline, "the imports never reached their write"
            assert all(run.poll() is None for run in runs), [run.communicate() for run in runs]
            time.sleep(0.1)
        holder.rollback()  # the lock goes: both write now
    results = sorted((run.wait(timeout=120), *run.communicate()) for run in runs)

    (won, won_out, won_err), (lost, lost_out, lost_err) = results
    assert won == 0 and f"Imported interviews: {RACE_ROWS} new" in won_out, won_err
    assert lost != 0 and lost_out == ""
    line = _one_line(lost_err)
    assert line.startswith("networkit: the database refused the change: duplicate key"), line
    assert line.endswith("if another import or change ran at the same time, run this again")
    with cli_env.unit_of_work() as session:  # the rows of one import, not of two
        assert (
            session.scalar(select(func.count()).where(Interview.public_id.like("RACE-%")))
            == RACE_ROWS
        )
        assert (
            session.scalar(select(func.count()).where(Contact.name.like("Race contact %")))
            == RACE_ROWS
        )
    again = _networkit("import", "interviews", str(csv), database_url=url)
    out, err = again.communicate(timeout=120)
    assert again.returncode == 0, err
    assert f"0 new, 0 updated, {RACE_ROWS} unchanged" in out
