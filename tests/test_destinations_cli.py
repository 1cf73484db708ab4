"""`networkit outcomes`, `networkit evidence`, `import destinations`, `export destinations` and
`export first-destination-report`, run in-process against the test database."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from networkit_core.cli.main import main
from networkit_core.context import Context
from networkit_core.models import Role
from networkit_core.services.destinations import DestinationInput, record_destination
from tests import factories as f
from tests.csv_support import dump


@pytest.fixture
def cli_ctx(ctx: Context, monkeypatch: pytest.MonkeyPatch) -> Context:
    monkeypatch.setenv("DATABASE_URL", ctx.settings.database_url)
    return ctx


def test_outcomes_json(cli_ctx: Context, capsys: pytest.CaptureFixture[str]) -> None:
    admin = f.user(cli_ctx, Role.ADMIN)
    group = f.cohort(cli_ctx, "Spring")
    for status in ["employed_full_time", "still_seeking", "not_seeking", None]:
        _, graduate_id = f.graduate(cli_ctx, group)
        if status is not None:
            start = date(2025, 7, 30) if status == "employed_full_time" else None
            record_destination(
                cli_ctx, admin, DestinationInput(status, start_date=start), graduate_id=graduate_id
            )
    f.more_graduates(cli_ctx, group, 1)  # 5 graduates: the figures are given
    f.graduate(cli_ctx, f.cohort(cli_ctx, "Autumn"))
    code = main(["outcomes", "--cohort", "Spring", "--today", "2026-03-16", "--json"])
    out, _ = capsys.readouterr()
    assert code == 0
    report = json.loads(out)
    assert report["graduates"] == 5 and not report["suppressed"]
    assert report["knowledge_rate"] == 0.6
    assert report["career_outcomes_rate"] == 0.5  # 1 of the 2 seeking or placed
    assert report["found_through_networking"] == 0.0
    assert report["by_status"]["still_seeking"] == 1
    median = report["median_days_to_destination"]
    assert (median["landed"], median["still_seeking"], median["median"]) == (1, 1, None)
    assert main(["outcomes", "--today", "2026-03-16"]) == 0
    assert "Knowledge rate            50.0 % (NACE aims at 65.0 %)" in capsys.readouterr().out


def test_evidence_json_and_an_advisor_refused_another_cohort(
    cli_ctx: Context, capsys: pytest.CaptureFixture[str]
) -> None:
    f.user(cli_ctx, Role.ADMIN)
    advisor = f.user(cli_ctx, Role.ADVISOR, "coach@example.org")
    group = f.cohort(cli_ctx, "Spring", (advisor,))
    f.cohort(cli_ctx, "Autumn")
    _, graduate_id = f.graduate(cli_ctx, group)
    f.interview(cli_ctx, graduate_id, thank_you_after=1)
    code = main(["evidence", "--cohort", "Spring", "--from", "2026-01-01", "--json"])
    out, _ = capsys.readouterr()
    assert code == 0
    rows = json.loads(out)
    assert len(rows) == 18
    assert set(rows[0]) == {
        "habit", "outcome", "n_with", "k_with", "n_without", "k_without",
        "rate_with", "rate_without", "difference", "ci_low", "ci_high", "suppressed",
    }  # fmt: skip
    on_time = next(r for r in rows if (r["habit"], r["outcome"]) == ("thanked_on_time", "referral"))
    assert on_time["suppressed"] and on_time["n_with"] is None  # one graduate: fewer than 5
    assert main(["evidence", "--cohort", "Autumn", "--as", "coach@example.org"]) == 1
    assert "No such cohort" in capsys.readouterr().err


def test_import_and_export_destinations(
    cli_ctx: Context, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    f.user(cli_ctx, Role.ADMIN)
    f.graduate(cli_ctx, f.cohort(cli_ctx, "Spring"), "zoe@example.org")
    survey = tmp_path / "survey.csv"
    survey.write_text(
        "Email Address,Status,Employer,Job Title,Start Date,Survey Date\n"
        "zoe@example.org,employed_full_time,Acme,Analyst,2025-07-01,2026-01-15\n"
        "amy@example.org,not_seeking,,,,2026-01-15\n",
        encoding="utf-8",
    )
    before = dump(cli_ctx)
    assert main(["import", "destinations", str(survey), "--dry-run"]) == 1
    err = capsys.readouterr().err
    assert "row 3, column graduate_email: no graduate amy@example.org" in err
    assert dump(cli_ctx) == before
    survey.write_text(
        survey.read_text().splitlines()[0] + "\n" + survey.read_text().splitlines()[1]
    )
    assert main(["import", "destinations", str(survey)]) == 0
    assert "Imported destinations: 1 new" in capsys.readouterr().out
    assert main(["export", "destinations"]) == 0
    assert "zoe@example.org,employed_full_time,Acme,Analyst,2025-07-01,2026-01-15," in (
        capsys.readouterr().out
    )
    assert main(["export", "first-destination-report", "--today", "2026-03-16"]) == 0
    assert "Spring,2025,fewer than 5,,,,," in capsys.readouterr().out
