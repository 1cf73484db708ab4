"""The rules every write obeys, at the command line and in a round trip: a refused file names
the row and column and changes nothing; rows stored before the rules are kept as they are."""

from __future__ import annotations

import csv
import io
import json
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from networkit_core.cli.main import main
from networkit_core.context import Context
from networkit_core.interchange import export, import_now
from networkit_core.models import Interview, InterviewStatus, Role
from networkit_core.settings import Settings
from tests import factories as f
from tests.conftest import TODAY
from tests.csv_support import dump, populate

CORPUS = Path(__file__).parent / "bad_csv"


@pytest.fixture
def cli_env(ctx: Context, settings: Settings, monkeypatch: pytest.MonkeyPatch) -> Context:
    monkeypatch.setenv("DATABASE_URL", settings.database_url)
    return ctx


@pytest.mark.parametrize(
    ("kind", "name", "line"),
    [
        (
            "interviews",
            "interviews_thank_you_before_meeting.csv",
            "networkit: row 2, column thank_you_sent_on: the thank-you date 2026-02-05 is before "
            "the meeting on 2026-02-10",
        ),
        (
            "interviews",
            "interviews_conduct_on_cancelled.csv",
            "networkit: row 2, column conduct_arrived_early: the meeting-conduct self-check can "
            "only be recorded on a completed interview, and this one is cancelled",
        ),
        (
            "follow-ups",
            "follow_ups_before_meeting.csv",
            "networkit: row 2, column date: the follow-up date 2026-02-01 is before the meeting "
            "on 2026-02-04",
        ),
        (
            "follow-ups",
            "follow_ups_on_planned.csv",
            "networkit: row 2, column interview_id: HX-0003: a follow-up can only be recorded on "
            "a completed interview, and this one is planned",
        ),
        (
            "roster",
            "roster_missing_last_name.csv",
            "networkit: row 1: required column missing: last_name",
        ),
        (
            "interviews",
            "interviews_missing_status.csv",
            "networkit: row 1: required column missing: status",
        ),
    ],
)
def test_the_command_line_refuses_naming_row_and_column(
    cli_env: Context, capsys: pytest.CaptureFixture[str], kind: str, name: str, line: str
) -> None:
    populate(cli_env)
    before = dump(cli_env)
    assert main(["import", kind, str(CORPUS / name)]) == 1
    errors = capsys.readouterr().err.splitlines()
    assert errors[0] == line
    assert errors[-1].endswith("nothing was changed")
    assert dump(cli_env) == before


def test_rows_stored_before_the_rules_round_trip_unchanged(ctx: Context) -> None:
    """A cancelled interview with a thank-you (stored before the rule) exports and imports back
    as it is: only new or changed values are checked."""
    people = populate(ctx)
    with ctx.unit_of_work() as session:
        cancelled = session.scalars(select(Interview).where(Interview.public_id == "HX-0002")).one()
        assert cancelled.status is InterviewStatus.CANCELLED
        cancelled.thank_you_sent_on = cancelled.meeting_date
    admin = people["admin"]
    data = export(ctx, admin, "interviews")
    before = dump(ctx)
    result = import_now(ctx, admin, "interviews", data)
    assert (result.counts.new, result.counts.updated, result.counts.unchanged) == (0, 0, 12)
    assert dump(ctx) == before  # the dump leaves out the audit log, where the import is recorded


def _big_roster(path: Path, rows: int) -> Path:
    lines = ["email,first_name,last_name,cohort"]
    lines += [f"grad{n}@example.org,Grad,N{n},Spring 2026 Business" for n in range(rows)]
    path.write_text("\n".join(lines) + "\n")
    return path


def test_import_progress_is_drawn_only_on_a_terminal(
    cli_env: Context,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    populate(cli_env)
    roster = _big_roster(tmp_path / "roster.csv", 2000)
    # stderr redirected (here, captured): not a frame in it.
    assert main(["import", "roster", str(roster), "--dry-run"]) == 0
    out, err = capsys.readouterr()
    assert "\r" not in err and err == ""
    assert "2000 new" in out
    # On a terminal the bar is drawn, about a hundred frames, then the line is ended.
    monkeypatch.setattr("networkit_core.cli.common.sys.stderr.isatty", lambda: True)
    assert main(["import", "roster", str(roster), "--dry-run"]) == 0
    err = capsys.readouterr().err
    assert 50 <= err.count("\r") <= 110 and err.endswith("\n")


def _report(out: Path) -> dict[str, dict[str, str]]:
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    return {row["graduate_email"]: row for row in rows}


def test_cohort_report_as_of_a_day_leaves_out_what_was_logged_later(
    cli_env: Context, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    f.user(cli_env, Role.ADMIN)
    _, grad = f.graduate(cli_env, f.cohort(cli_env, "Spring"), "zoe@example.org")
    # Held 40 days ago, logged (imported) only today.
    f.interview(cli_env, grad, days_ago=40)
    out = tmp_path / "report.csv"
    earlier = (TODAY - timedelta(days=20)).isoformat()
    for day in (TODAY.isoformat(), earlier):
        args = ["export", "cohort-report", "--today", day, "--out", str(out)]
        assert main(args) == 0
        row = _report(out)["zoe@example.org"]
        assert main(["figures", "--today", day, "--json"]) == 0
        (figures,) = json.loads(capsys.readouterr().out)["graduates"]
        assert row["last_activity_on"] == str(figures["last_activity_on"])
        assert row["due_items"] == str(figures["due_items"])
        if day == earlier:
            # Seen from 20 days ago: the row was not logged yet, the meeting was held.
            assert row["last_activity_on"] == (TODAY - timedelta(days=40)).isoformat()
            assert row["due_items"] == "2"  # thank-you overdue, inactive
        else:
            assert row["last_activity_on"] == TODAY.isoformat()
            assert row["due_items"] == "1"  # thank-you overdue
    assert main(["export", "roster", "--today", earlier]) == 1
    assert "--today is for the cohort report" in capsys.readouterr().err
