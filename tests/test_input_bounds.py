"""Issue 12, items 4 and 5: a date far away and a control character are refused at every entry
point (service, import, command line) with a message naming the field (row and column in a
file), nothing written; a stored outlier never breaks a figure. On SQLite and PostgreSQL.

The sane range (networkit_core.bounds) runs from 1990-01-01 to two years after today: with the
tests' today, 2026-03-16, that is up to 2028-03-16.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from networkit_core.actor import Actor
from networkit_core.cli.figures_cmd import figures_report
from networkit_core.cli.main import main
from networkit_core.context import Context
from networkit_core.errors import InvalidInput
from networkit_core.figures.scope import ALL_TIME, FigureScope, Period
from networkit_core.figures.series import weekly_series
from networkit_core.interchange import ImportRefused, import_now
from networkit_core.models import GoalMetric, Interview, InterviewStatus, Role
from networkit_core.services import coaching, cohorts, contacts, interviews, questions
from networkit_core.services.accounts import admin as admin_service
from networkit_core.services.contacts import NewContact
from networkit_core.services.interviews import follow_ups
from networkit_core.settings import Settings
from tests import factories
from tests.csv_support import dump, populate

RANGE = "dates run from 1990-01-01 to 2028-03-16 (two years from today)"
INTERVIEWS = (
    "interview_id,graduate_email,contact_name,meeting_date,status,thank_you_sent_on,notes\n"
)
FAR = ["9999-12-31", "0001-01-01", "1989-12-31", "2028-03-17"]


@pytest.fixture
def cli_env(ctx: Context, settings: Settings, monkeypatch: pytest.MonkeyPatch) -> Context:
    monkeypatch.setenv("DATABASE_URL", settings.database_url)
    return ctx


def _refused(ctx: Context, actor: Actor, kind: str, data: str) -> list[str]:
    with pytest.raises(ImportRefused) as refused:
        import_now(ctx, actor, kind, data.encode())
    return [str(problem) for problem in refused.value.problems]


# --- item 4: dates far away ---------------------------------------------------------------


@pytest.mark.parametrize("day", FAR)
def test_import_refuses_a_meeting_far_away_naming_row_and_column(ctx: Context, day: str) -> None:
    people = populate(ctx)
    before = dump(ctx)
    data = f"{INTERVIEWS}HX-9,ana.lima@example.org,Dana,{day},planned,,\n"
    assert _refused(ctx, people["admin"], "interviews", data) == [
        f"row 2, column meeting_date: {day} is out of range: {RANGE}"
    ]
    assert dump(ctx) == before


def test_import_accepts_the_edges_of_the_range(ctx: Context) -> None:
    people = populate(ctx)
    data = (
        f"{INTERVIEWS}HX-A,ana.lima@example.org,Dana,1990-01-01,completed,1990-01-02,\n"
        "HX-B,ana.lima@example.org,Dana,2028-03-16,planned,,\n"
    )
    assert import_now(ctx, people["admin"], "interviews", data.encode()).counts.new == 2


def test_import_refuses_thank_you_and_follow_up_dates_far_away(ctx: Context) -> None:
    people = populate(ctx)
    before = dump(ctx)
    thanks = f"{INTERVIEWS}HX-9,ana.lima@example.org,Dana,2026-03-01,completed,0001-01-01,\n"
    assert f"row 2, column thank_you_sent_on: 0001-01-01 is out of range: {RANGE}" in _refused(
        ctx, people["admin"], "interviews", thanks
    )
    follow = "interview_id,date,kind\nHX-0000,9999-12-31,article\n"
    assert _refused(ctx, people["admin"], "follow-ups", follow) == [
        f"row 2, column date: 9999-12-31 is out of range: {RANGE}"
    ]
    assert dump(ctx) == before


def test_services_refuse_dates_far_away_naming_the_field(ctx: Context) -> None:
    cohort = factories.cohort(ctx)
    grad, graduate_id = factories.graduate(ctx, cohort)
    advisor = factories.user(ctx, Role.ADVISOR)
    cohort_of_advisor = factories.cohort(ctx, advisors=(advisor,))
    contact_id = factories.contact(ctx, graduate_id)
    interview_id = factories.interview(ctx, graduate_id, contact_id=contact_id)
    before = dump(ctx)
    attempts = {
        "meeting_date": lambda: interviews.log_interview(
            ctx, grad, meeting_date="9999-12-31", contact_id=contact_id
        ),
        "meeting_date ": lambda: interviews.edit_interview(
            ctx, grad, interview_id, expected_version=1, changes={"meeting_date": date(1, 1, 1)}
        ),
        "thank_you_sent_on": lambda: follow_ups.record_thank_you(
            ctx, grad, interview_id, sent_on="1989-12-31", method="card"
        ),
        "date": lambda: follow_ups.add_follow_up(
            ctx, grad, interview_id, on="2999-01-01", kind="article"
        ),
        "due_on": lambda: cohorts.set_cohort_goal(
            ctx,
            advisor,
            cohort_of_advisor,
            metric=GoalMetric.THANK_YOU_RATE,
            target=0.8,
            due_on="9999-12-31",
        ),
    }
    for field, attempt in attempts.items():
        with pytest.raises(InvalidInput) as refused:
            attempt()
        assert refused.value.field == field.strip()
        assert "is out of range: dates run from 1990-01-01 to 2028-03-16" in str(refused.value)
        assert str(refused.value).startswith(f"The {field.strip().replace('_', ' ')} ")
    assert dump(ctx) == before


def test_command_line_import_refuses_a_date_far_away(
    cli_env: Context, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    populate(cli_env)
    before = dump(cli_env)
    file = tmp_path / "far.csv"
    file.write_text(f"{INTERVIEWS}HX-9,ana.lima@example.org,Dana,9999-12-31,planned,,\n")
    assert main(["import", "interviews", str(file)]) == 1
    err = capsys.readouterr().err
    # The command line runs on the system clock: the range ends two years after the real today.
    far = "networkit: row 2, column meeting_date: 9999-12-31 is out of range: dates run from "
    assert f"{far}1990-01-01 to " in err
    assert "Traceback" not in err
    assert dump(cli_env) == before


def _outliers(ctx: Context) -> tuple[Actor, int]:
    """Interviews stored before the rule existed: 9999-12-31 (planned) and 0001-01-01
    (completed, thanked the next day), beside one in range."""
    admin = factories.user(ctx, Role.ADMIN)
    cohort = factories.cohort(ctx)
    _grad, graduate_id = factories.graduate(ctx, cohort)
    factories.more_graduates(ctx, cohort, 4)  # a group whose figures the command gives
    today = ctx.clock.today()
    factories.interview(
        ctx,
        graduate_id,
        days_ago=(today - date(9999, 12, 31)).days,
        status=(InterviewStatus.PLANNED),
    )
    factories.interview(ctx, graduate_id, days_ago=(today - date(1, 1, 1)).days, thank_you_after=1)
    factories.interview(ctx, graduate_id, days_ago=3, thank_you_after=1)
    return admin, graduate_id


def test_figures_clamp_stored_outliers(ctx: Context) -> None:
    admin, _graduate_id = _outliers(ctx)
    everything = FigureScope.everything()
    series = weekly_series(ctx, admin, everything)
    # From the week of 1990-01-01 (a Monday) to the week of 2028-03-16: not 105,710 weeks,
    # and no OverflowError past 9999-12-31.
    assert series[0].week_start == date(1990, 1, 1)
    assert series[-1].week_start == date(2028, 3, 13)
    assert len(series) == (date(2028, 3, 13) - date(1990, 1, 1)).days // 7 + 1
    # The outliers count in the edge weeks, so the weeks still add up to the whole.
    assert series[0].rates.completed == 1 and series[-1].rates.planned == 1
    assert sum(p.rates.planned for p in series) == 1
    assert sum(p.rates.completed for p in series) == 2
    wide = weekly_series(ctx, admin, everything, Period(date(1, 1, 1), date(9999, 12, 31)))
    assert [p.week_start for p in wide] == [p.week_start for p in series]
    report = figures_report(ctx, admin, everything, ALL_TIME)
    assert report["rates"]["completed"] == 2 and report["rates"]["planned"] == 1


def test_command_line_figures_survive_stored_outliers(
    cli_env: Context, capsys: pytest.CaptureFixture[str]
) -> None:
    _outliers(cli_env)
    assert main(["figures", "--json", "--today", "2026-03-16"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["weekly"][0]["week_start"] == "1990-01-01"
    assert report["weekly"][-1]["week_start"] == "2028-03-13"
    assert main(["figures", "--from", "0001-01-01", "--to", "9999-12-31"]) == 0
    assert "Traceback" not in capsys.readouterr().err


# --- item 5: NUL and control characters ----------------------------------------------------


def test_a_nul_past_the_first_4_kb_is_refused_with_its_row_and_column(ctx: Context) -> None:
    people = populate(ctx)
    before = dump(ctx)
    long_notes = "x" * 5000  # pushes the NUL past the binary sniff of the first 4 KB
    data = (
        f"{INTERVIEWS}HX-8,ana.lima@example.org,Dana,2026-03-01,completed,,{long_notes}\n"
        "HX-9,ana.lima@example.org,Dana,2026-03-02,completed,,before\x00after\n"
    )
    assert _refused(ctx, people["admin"], "interviews", data) == [
        "row 3, column notes: the cell holds a control character (NUL) at position 7; "
        "only tab and line breaks are allowed"
    ]
    assert dump(ctx) == before


@pytest.mark.parametrize(
    ("cell", "what", "code", "position"),
    [
        ("Ana\x1b[31m", "a control character", "U+001B", 4),
        ("bell\x07", "a control character", "U+0007", 5),
        ("a\rb", "a line break", "U+000D", 2),
    ],
)
def test_control_characters_in_any_column_are_refused(
    ctx: Context, cell: str, what: str, code: str, position: int
) -> None:
    people = populate(ctx)
    before = dump(ctx)
    # A name is one line (issue 17, item 11): said so.
    data = f'{INTERVIEWS}HX-9,ana.lima@example.org,"{cell}",2026-03-01,completed,,\n'
    assert _refused(ctx, people["admin"], "interviews", data) == [
        f"row 2, column contact_name: the cell holds {what} ({code}) at position {position}; "
        "it is one line of text, without control or text-direction characters"
    ]
    roster = (
        f'email,first_name,last_name,cohort\nzoe@example.org,Zoe,"{cell}",Spring 2026 Business\n'
    )
    assert _refused(ctx, people["admin"], "roster", roster)[0].startswith(
        f"row 2, column last_name: the cell holds {what}"
    )
    notes = f'{INTERVIEWS}HX-9,ana.lima@example.org,Dana,2026-03-01,completed,,"{cell}"\n'
    assert _refused(ctx, people["admin"], "interviews", notes) == [
        f"row 2, column notes: the cell holds a control character ({code}) at position "
        f"{position}; only tab and line breaks are allowed"
    ]
    header = "question,category\x1b\nWhat do you do?,x\n"
    assert _refused(ctx, people["admin"], "questions", header) == [
        "row 1: the header of column 2 holds a control character (U+001B) at position 9; "
        "only tab and line breaks are allowed"
    ]
    assert dump(ctx) == before


def test_tabs_and_line_breaks_are_kept(ctx: Context) -> None:
    people = populate(ctx)
    notes = "first line\r\nsecond\tline\nthird"
    data = f'{INTERVIEWS}HX-9,ana.lima@example.org,Dana,2026-03-01,completed,,"{notes}"\n'
    assert import_now(ctx, people["admin"], "interviews", data.encode()).counts.new == 1
    with ctx.unit_of_work() as session:
        stored = session.scalar(select(Interview.notes).where(Interview.public_id == "HX-9"))
    assert stored == notes


def test_services_refuse_control_characters_naming_the_field(ctx: Context) -> None:
    admin = factories.user(ctx, Role.ADMIN)
    advisor = factories.user(ctx, Role.ADVISOR)
    cohort = factories.cohort(ctx, advisors=(advisor,))
    grad, graduate_id = factories.graduate(ctx, cohort)
    contact_id = factories.contact(ctx, graduate_id)
    interview_id = factories.interview(ctx, graduate_id, contact_id=contact_id)
    bank_id, _questions = factories.bank(ctx, advisor.id)
    before = dump(ctx)
    nul = "evil\x00text"
    attempts = {
        "name": lambda: interviews.log_interview(
            ctx, grad, meeting_date="2026-03-01", new_contact=NewContact(name=nul)
        ),
        "organization": lambda: contacts.edit_contact(ctx, grad, contact_id, {"organization": nul}),
        "notes": lambda: interviews.edit_interview(
            ctx, grad, interview_id, expected_version=1, changes={"notes": nul}
        ),
        "note": lambda: follow_ups.add_follow_up(
            ctx, grad, interview_id, on="2026-03-15", kind="article", note=nul
        ),
        "comment": lambda: coaching.add_comment(ctx, advisor, graduate_id, "hi\x1b[2J"),
        "question": lambda: questions.add_question(ctx, advisor, bank_id, text=nul),
        "tags": lambda: questions.add_question(ctx, advisor, bank_id, text="Ok?", tags=[nul]),
        "cohort name": lambda: cohorts.create_cohort(ctx, admin, name=nul),
        "first_name": lambda: admin_service.create_account(
            ctx, admin, email="new@example.org", first_name=nul, role=Role.ADVISOR
        ),
    }
    for field, attempt in attempts.items():
        with pytest.raises(InvalidInput) as refused:
            attempt()
        assert refused.value.field == field, str(refused.value)
        assert "holds a control character" in str(refused.value)
    assert dump(ctx) == before
