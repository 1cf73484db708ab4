"""`networkit figures`, run in-process against the test database."""

from __future__ import annotations

import json

import pytest

from networkit_core.cli.main import main
from networkit_core.context import Context
from networkit_core.interchange.formats import COHORT_REPORT
from networkit_core.models import FollowUpPermission, InterviewStatus, Role
from tests import factories as f


@pytest.fixture
def cli_ctx(ctx: Context, monkeypatch: pytest.MonkeyPatch) -> Context:
    monkeypatch.setenv("DATABASE_URL", ctx.settings.database_url)
    return ctx


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["figures", "--today", "2026-03-16", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_figures_json_for_a_cohort(cli_ctx: Context, capsys: pytest.CaptureFixture[str]) -> None:
    f.user(cli_ctx, Role.ADMIN)
    group = f.cohort(cli_ctx, "Spring 2026 Business")
    _, grad = f.graduate(cli_ctx, group, "zoe@example.org")
    f.graduate(cli_ctx, group, "amy@example.org")
    quiet = f.more_graduates(cli_ctx, group, 3)  # 5 graduates: the cohort's figures are given
    _, outsider = f.graduate(cli_ctx, f.cohort(cli_ctx, "Autumn"))
    f.interview(cli_ctx, grad, days_ago=6, thank_you_after=1, notes="Hiring in June")
    f.interview(cli_ctx, grad, days_ago=4, permission=FollowUpPermission.DECLINED)
    f.interview(cli_ctx, grad, days_ago=-1, status=InterviewStatus.PLANNED)
    f.interview(cli_ctx, outsider, days_ago=3)

    code, out, _ = _run(capsys, "--cohort", "Spring 2026 Business", "--json")
    assert code == 0
    report = json.loads(out)
    assert report["scope"] == {"kind": "cohort", "cohort": "Spring 2026 Business"}
    assert report["period"] == {"from": None, "to": None}
    assert report["today"] == "2026-03-16"
    figures = report["rates"]
    assert (figures["planned"], figures["completed"]) == (1, 2)
    assert figures["thank_you_rate"] == 0.5
    assert figures["follow_up_asked_rate"] == 0.5
    assert figures["follow_up_completion_rate"] is None
    assert [week["week_start"] for week in report["weekly"]] == ["2026-03-09", "2026-03-16"]
    reasons = sorted(item["reason"] for item in report["due_today"])
    assert reasons == ["meeting_soon_unprepared", "thank_you_overdue"]
    rows = {row["graduate_email"]: row for row in report["graduates"]}
    assert set(rows) == {"zoe@example.org", "amy@example.org", *quiet}
    # The field names themselves are pinned in test_figures_families; here: same order.
    assert list(rows["zoe@example.org"]) == list(COHORT_REPORT)
    assert rows["zoe@example.org"]["last_activity_on"] == "2026-03-16"
    assert rows["zoe@example.org"]["due_items"] == 2
    assert rows["amy@example.org"]["thank_you_rate"] is None


def test_figures_for_one_graduate_in_a_period(
    cli_ctx: Context, capsys: pytest.CaptureFixture[str]
) -> None:
    f.user(cli_ctx, Role.ADMIN)
    group = f.cohort(cli_ctx)
    _, grad = f.graduate(cli_ctx, group, "zoe@example.org")
    _, peer = f.graduate(cli_ctx, group)
    f.interview(cli_ctx, grad, days_ago=20)
    f.interview(cli_ctx, grad, days_ago=2, thank_you_after=0)
    f.interview(cli_ctx, peer, days_ago=2)
    code, out, _ = _run(
        capsys,
        "--graduate",
        "Zoe@Example.org",
        "--from",
        "2026-03-01",
        "--to",
        "2026-03-16",
        "--json",
    )
    assert code == 0
    report = json.loads(out)
    assert report["period"] == {"from": "2026-03-01", "to": "2026-03-16"}
    assert report["rates"]["completed"] == 1
    assert report["rates"]["thank_you_rate"] == 1.0
    assert [row["graduate_email"] for row in report["graduates"]] == ["zoe@example.org"]


def test_unknown_names_fail_with_one_line(
    cli_ctx: Context, capsys: pytest.CaptureFixture[str]
) -> None:
    f.user(cli_ctx, Role.ADMIN)
    code, out, err = _run(capsys, "--cohort", "Nope", "--json")
    assert (code, out) == (1, "")
    assert err == "networkit: No such cohort, or you do not have access to it.\n"
    code, _, err = _run(capsys, "--graduate", "ghost@example.org")
    assert code == 1 and err == "networkit: No such graduate, or you do not have access to it.\n"


def test_an_advisor_cannot_ask_for_another_cohort(
    cli_ctx: Context, capsys: pytest.CaptureFixture[str]
) -> None:
    advisor = f.user(cli_ctx, Role.ADVISOR)
    f.cohort(cli_ctx, "Mine", advisors=(advisor,))
    f.cohort(cli_ctx, "Theirs")
    code, _, err = _run(capsys, "--cohort", "Theirs", "--as", advisor.email)
    assert code == 1
    assert err == "networkit: No such cohort, or you do not have access to it.\n"


def test_readable_table_without_json(cli_ctx: Context, capsys: pytest.CaptureFixture[str]) -> None:
    f.user(cli_ctx, Role.ADMIN)
    group = f.cohort(cli_ctx)
    _, grad = f.graduate(cli_ctx, group, "zoe@example.org")
    f.more_graduates(cli_ctx, group, 4)
    f.interview(cli_ctx, grad, days_ago=5, thank_you_after=1)
    code, out, _ = _run(capsys)
    assert code == 0
    # The figures by the names and in the format of the pages (one name per figure).
    assert "Thank-you               100.0 %" in out
    assert "Follow-up completion    —" in out
    assert "Due today (0):" in out
    assert "zoe" in out


def test_json_holds_referrals_question_usefulness_and_shared_contacts(
    cli_ctx: Context, capsys: pytest.CaptureFixture[str]
) -> None:
    admin = f.user(cli_ctx, Role.ADMIN)
    group = f.cohort(cli_ctx, "Spring 2026 Business")
    _, zoe = f.graduate(cli_ctx, group, "zoe@example.org")
    _, amy = f.graduate(cli_ctx, group, "amy@example.org")
    f.more_graduates(cli_ctx, group, 3)
    ana = f.contact(cli_ctx, zoe, "Ana", email="ana@acme.example")
    ben = f.contact(cli_ctx, zoe, "Ben", referred_by_id=ana)
    f.contact(cli_ctx, zoe, "Cy", referred_by_id=ben)
    met_ana = f.interview(cli_ctx, zoe, contact_id=ana)
    f.interview(cli_ctx, zoe, contact_id=ben)
    f.interview(cli_ctx, amy, contact_id=f.contact(cli_ctx, amy, "Ana", email="ANA@acme.example"))
    _, (useful, dull) = f.bank(cli_ctx, admin.id, questions=("Useful one?", "Dull one?"))
    f.use_question(cli_ctx, met_ana, useful, usefulness=5)
    f.use_question(cli_ctx, met_ana, dull, usefulness=2)

    code, out, _ = _run(capsys, "--json")
    assert code == 0
    report = json.loads(out)
    referrals = report["referrals"]
    assert (referrals["referrals"], referrals["completed"]) == (2, 3)  # Ben via Ana, Cy via Ben
    assert referrals["longest_chains"] == [
        {"graduate_email": "zoe@example.org", "length": 2, "contacts": ["Ana", "Ben", "Cy"]}
    ]
    ranking = [(q["text"], q["average_rating"]) for q in report["question_usefulness"]]
    assert ranking == [("Useful one?", 5.0), ("Dull one?", 2.0)]
    (shared,) = report["shared_contacts"]
    assert (shared["email"], shared["graduates"]) == ("ana@acme.example", 2)


def test_follow_up_completion_counts_only_what_has_fallen_due_as_of_today(
    cli_ctx: Context, capsys: pytest.CaptureFixture[str]
) -> None:
    """Issue 17: held yesterday, permission granted, no follow-up yet: not "not followed up"
    (the rate stays as it was) until its first follow-up falls due 30 days after the meeting;
    `--today` 31 days on, it counts. The JSON's rates, weekly points and rows agree."""
    f.user(cli_ctx, Role.ADMIN)
    group = f.cohort(cli_ctx)
    _, grad = f.graduate(cli_ctx, group, "zoe@example.org")
    f.more_graduates(cli_ctx, group, 4)
    f.interview(
        cli_ctx, grad, days_ago=50, permission=FollowUpPermission.GRANTED, follow_ups_after=(30,)
    )
    f.interview(cli_ctx, grad, days_ago=1, permission=FollowUpPermission.GRANTED)

    def completion(today: str) -> tuple[object, object, object]:
        assert main(["figures", "--today", today, "--json"]) == 0
        report = json.loads(capsys.readouterr().out)
        (row,) = [r for r in report["graduates"] if r["graduate_email"] == "zoe@example.org"]
        held_yesterday = report["weekly"][-1]  # the week of 2026-03-09 (meeting on the 15th)
        return (
            report["rates"]["follow_up_completion_rate"],
            row["follow_up_completion_rate"],
            held_yesterday["follow_up_completion_rate"],
        )

    assert completion("2026-03-16") == (1.0, 1.0, None)
    assert completion("2026-04-15") == (0.5, 0.5, 0.0)
