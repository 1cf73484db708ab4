"""Small groups (issue 20, item 4; DESIGN.md, "Student records"): every aggregate that leaves
the product gives no figure for a group of fewer than 5 graduates, and does for 5. A cohort of
4 ("Four") and one of 5 ("Five"), each graduate with three interviews with notes and three
without (so every habit group spans the whole cohort), the first with a question rated useful;
the first two graduates of each have a job:

- the first-destination report (CSV), `networkit outcomes`, `networkit evidence` and
  `networkit figures --cohort` (JSON and table) blank Four and give Five;
- what is not an aggregate keeps its figures: the per-graduate cohort report, one graduate's
  `networkit figures`, and the advisor's own /outcomes and /evidence pages.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from typing import Any

import pytest

from networkit_core.actor import Actor
from networkit_core.cli.main import main
from networkit_core.context import Context
from networkit_core.figures.report import COUNT_NAMES
from networkit_core.figures.suppression import FEWER_THAN, blanked, blanked_cells
from networkit_core.interchange import export
from networkit_core.models import Role
from networkit_core.services.destinations import DestinationInput, record_destination
from tests import factories
from tests.app_session import Opener, sign_in

COACH = "coach@example.org"
SIZES = {"Four": 4, "Five": 5}
QUESTION = "What surprised you most this year?"
JOB = DestinationInput("employed_full_time", "Acme", "Analyst", date(2025, 7, 1))


def build(ctx: Context) -> Actor:
    """An admin and the advisor COACH (with a password) of Four and Five."""
    admin = factories.user(ctx, Role.ADMIN)
    coach = factories.user(ctx, Role.ADVISOR, COACH, password=factories.PASSWORD)
    _, (question,) = factories.bank(ctx, coach.id, questions=(QUESTION,))
    for name, size in SIZES.items():
        cohort = factories.cohort(ctx, name, advisors=(coach,))
        for n in range(size):
            _, graduate_id = factories.graduate(ctx, cohort)
            for k in range(6):
                notes = "Hiring in June" if k % 2 else ""
                held = factories.interview(ctx, graduate_id, days_ago=10 + k, notes=notes)
                if k == 0:
                    factories.use_question(ctx, held, question, usefulness=5)
            if n < 2:
                record_destination(ctx, admin, JOB, graduate_id=graduate_id)
    return coach


@pytest.fixture
def cli_ctx(ctx: Context, monkeypatch: pytest.MonkeyPatch) -> Context:
    monkeypatch.setenv("DATABASE_URL", ctx.settings.database_url)
    return ctx


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    assert main([*argv, "--today", "2026-03-16", "--as", COACH]) == 0
    return capsys.readouterr().out


def _json(capsys: pytest.CaptureFixture[str], *argv: str) -> Any:
    return json.loads(_run(capsys, *argv, "--json"))


def _given(figures: dict[str, Any]) -> set[str]:
    """The keys of a JSON object that hold a value."""
    return {key for key, value in figures.items() if value is not None}


def test_the_rule_blanks_four_graduates_and_gives_five() -> None:
    figures = {"week_start": "2026-03-09", "graduates": 4, "rate": 0.5}
    assert blanked(figures, 4, keep={"week_start"}) == {
        "week_start": "2026-03-09",
        "graduates": None,
        "rate": None,
        "suppressed": True,
    }
    assert blanked(figures, 5) == {**figures, "suppressed": False}
    assert blanked_cells([4, 2, 0.5], 4) == [FEWER_THAN, None, None]
    assert blanked_cells([5, 2, 0.4], 5) == [5, 2, 0.4]


def test_the_first_destination_report_gives_no_figure_for_four(ctx: Context) -> None:
    lines = export(ctx, build(ctx), "first-destination-report").decode().splitlines()
    assert "Four,2025,fewer than 5,,,,," in lines
    assert "Five,2025,5,2,0.4000,1.0000,0.0000,31" in lines


def test_the_outcomes_command_gives_no_figure_for_four(
    cli_ctx: Context, capsys: pytest.CaptureFixture[str]
) -> None:
    build(cli_ctx)
    four = _json(capsys, "outcomes", "--cohort", "Four")
    assert four["suppressed"]
    assert _given(four) == {"today", "cohort", "nace_knowledge_target", "suppressed"}
    table = _run(capsys, "outcomes", "--cohort", "Four")
    assert f"Graduates                 {FEWER_THAN}" in table and "%" not in table
    five = _json(capsys, "outcomes", "--cohort", "Five")
    assert not five["suppressed"]
    assert (five["graduates"], five["knowledge_rate"], five["career_outcomes_rate"]) == (5, 0.4, 1)
    assert five["by_status"]["employed_full_time"] == 2
    assert "Knowledge rate            40.0 %" in _run(capsys, "outcomes", "--cohort", "Five")


def test_the_evidence_command_gives_no_figure_for_four(
    cli_ctx: Context, capsys: pytest.CaptureFixture[str]
) -> None:
    build(cli_ctx)
    four = _json(capsys, "evidence", "--cohort", "Four")
    assert len(four) == 18
    assert all(_given(row) == {"habit", "outcome", "suppressed"} for row in four)
    sentences = _run(capsys, "evidence", "--cohort", "Four")
    assert f"- Notes written and a referral: {FEWER_THAN} graduates, no figures." in sentences
    assert "%" not in sentences
    five = _json(capsys, "evidence", "--cohort", "Five")
    notes = next(r for r in five if (r["habit"], r["outcome"]) == ("notes_written", "referral"))
    assert not notes["suppressed"]
    assert (notes["n_with"], notes["n_without"], notes["rate_with"]) == (15, 15, 0.0)
    sentences = _run(capsys, "evidence", "--cohort", "Five")
    assert "- Interviews with notes written afterwards went with a referral 0 %" in sentences


def test_the_figures_command_gives_no_group_figure_for_four(
    cli_ctx: Context, capsys: pytest.CaptureFixture[str]
) -> None:
    build(cli_ctx)
    four = _json(capsys, "figures", "--cohort", "Four")
    assert _given(four["rates"]) == {"suppressed"}
    assert four["weekly"] and all(
        _given(point) == {"week_start", "suppressed"} for point in four["weekly"]
    )
    assert _given(four["referrals"]) == {"suppressed", "longest_chains"}
    (asked,) = four["question_usefulness"]
    assert _given(asked) == {"question_id", "text", "category", "bank", "suppressed"}
    # The per-graduate rows are the advisor's to coach with, not an aggregate.
    assert [row["notes_rate"] for row in four["graduates"]] == [0.5] * 4
    assert f"{FEWER_THAN} graduates: no figures" in _run(capsys, "figures", "--cohort", "Four")
    five = _json(capsys, "figures", "--cohort", "Five")
    assert not five["rates"]["suppressed"]
    assert (five["rates"]["completed"], five["rates"]["notes_rate"]) == (30, 0.5)
    assert sum(point["completed"] for point in five["weekly"]) == 30
    assert five["referrals"]["completed"] == 30
    assert five["question_usefulness"][0]["times_useful"] == 5
    held = f"  {COUNT_NAMES['interviews_completed']:<24}30"
    assert held in _run(capsys, "figures", "--cohort", "Five")


def test_one_graduate_and_the_per_graduate_cohort_report_keep_their_figures(
    cli_ctx: Context, capsys: pytest.CaptureFixture[str]
) -> None:
    coach = build(cli_ctx)
    email = _json(capsys, "figures", "--cohort", "Four")["graduates"][0]["graduate_email"]
    one = _json(capsys, "figures", "--graduate", email)
    assert not one["rates"]["suppressed"]
    assert (one["rates"]["completed"], one["rates"]["notes_rate"]) == (6, 0.5)
    report = export(cli_ctx, coach, "cohort-report", cohort="Four").decode()
    rows = list(csv.DictReader(io.StringIO(report)))
    assert len(rows) == 4
    assert {(row["interviews_completed"], row["notes_rate"]) for row in rows} == {("6", "0.5000")}


# --- The advisor's own pages (AppTest, on the system clock) --------------------------------


def test_the_advisors_pages_show_a_cohort_of_four_its_figures(
    open_app: Opener, ctx: Context
) -> None:
    build(Context(ctx.engine, ctx.settings))
    at = sign_in(open_app(), COACH)
    at.query_params["cohort"] = "Four"
    at = at.switch_page("pages/shared/outcomes/page.py").run()
    assert not at.exception, at.exception
    assert {m.label: m.value for m in at.metric}["Knowledge rate"] == "50.0 %"
    assert list(at.dataframe[0].value["Graduates"]) == [4]
    at.query_params["cohort"] = "Four"
    at = at.switch_page("pages/shared/evidence/page.py").run()
    assert not at.exception, at.exception
    numbers = at.dataframe[0].value
    notes = numbers[numbers["Habit"] == "Notes written"]
    assert len(notes) == 3 and notes["With: rate"].notna().all()
