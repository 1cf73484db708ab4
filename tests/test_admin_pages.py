"""The admin's cohorts and audit pages in AppTest: what they show, what their forms write, and
that advisors and graduates get a refusal and no data."""

from __future__ import annotations

import ast
import csv
import io
from pathlib import Path

import pytest
from sqlalchemy import select
from streamlit.testing.v1 import AppTest

from networkit_core import audit_log
from networkit_core.actor import Actor
from networkit_core.context import Context
from networkit_core.dates import written
from networkit_core.models import (
    Cohort,
    CohortAdvisor,
    CohortGoal,
    GoalMetric,
    Graduate,
    Role,
    User,
)
from networkit_core.services.audit import AuditFilter, audit_csv
from pages.ui.text import escape
from tests import factories
from tests.app_session import Opener, account, click, pick, sign_in, titles

COHORTS = "pages/admin/cohorts/page.py"
AUDIT = "pages/admin/audit/page.py"


@pytest.fixture
def live(ctx: Context) -> Context:
    """The test database on the system clock, as the app sees it."""
    return Context(ctx.engine, ctx.settings)


def table(at: AppTest, index: int = 0) -> list[dict[str, object]]:
    return at.dataframe[index].value.to_dict("records")


def as_admin(open_app: Opener, live: Context, page: str) -> AppTest:
    admin = factories.user(live, Role.ADMIN, "admin@example.org", password=factories.PASSWORD)
    at = sign_in(open_app(), admin.email)
    at.switch_page(page).run()
    assert not at.exception
    return at


def test_a_refusal_that_quotes_what_was_typed_shows_it_as_text(
    open_app: Opener, live: Context
) -> None:
    hostile = "![x](http://example.org/x.png) **Bold** <b>cohort</b>"
    factories.cohort(live, hostile)
    at = as_admin(open_app, live, COHORTS)
    at.text_input(key="new_cohort_name").input(hostile)
    at = click(at, "Create cohort")
    (shown,) = [error.value for error in at.error]
    assert shown == f"A cohort named {escape(repr(hostile))} already exists."
    assert "![x](" not in shown and "<b>" not in shown and "\\*\\*Bold" in shown


def test_admin_creates_renames_archives_and_unarchives_a_cohort(
    open_app: Opener, live: Context
) -> None:
    at = as_admin(open_app, live, COHORTS)
    assert titles(at) == ["Cohorts"]
    assert "No cohort yet" in at.info[0].value

    at.text_input(key="new_cohort_name").input("Spring 2027 Engineering")
    at = click(at, "Create cohort")
    assert not at.exception and not at.error
    assert [(r["Cohort"], r["Status"], r["Advisors"]) for r in table(at)] == [
        ("Spring 2027 Engineering", "Active", "Nobody yet")
    ]
    # The cohort just made is the one chosen to manage (issue 17, 7b).
    assert at.query_params["cohort"] == "Spring 2027 Engineering"
    assert at.selectbox(key="managed").value == "Spring 2027 Engineering"
    assert [h.value for h in at.subheader] == ["Spring 2027 Engineering"]

    # A second cohort with the same name (any case) is refused beside the form.
    at.text_input(key="new_cohort_name").input("spring 2027 engineering")
    at = click(at, "Create cohort")
    assert "already exists" in at.error[0].value

    pick(at, "managed", "Spring 2027 Engineering")
    at.run()
    assert at.query_params["cohort"] == "Spring 2027 Engineering"
    at.text_input(key="rename_name").input("Spring 2027 Engineers")
    at = click(at, "Save name")
    assert not at.error
    assert at.query_params["cohort"] == "Spring 2027 Engineers"
    assert table(at)[0]["Cohort"] == "Spring 2027 Engineers"

    at = click(at, "Archive")
    assert table(at)[0]["Status"] == "Archived"
    at = click(at, "Unarchive")
    assert table(at)[0]["Status"] == "Active"
    with live.unit_of_work() as session:
        cohort = session.scalars(select(Cohort)).one()
        assert (cohort.name, cohort.archived_at) == ("Spring 2027 Engineers", None)


def test_admin_assigns_and_unassigns_advisors_and_the_table_shows_who_coaches(
    open_app: Opener, live: Context
) -> None:
    coach = factories.user(live, Role.ADVISOR, "coach@example.org")
    factories.cohort(live, "Autumn 2026 Design")
    at = as_admin(open_app, live, COHORTS)
    pick(at, "managed", "Autumn 2026 Design")
    at.run()
    pick(at, "assign_who", "coach@example.org")
    at = click(at, "Assign")
    assert not at.error
    assert table(at)[0]["Advisors"] == coach.display_name

    at = click(at, "Unassign")  # nobody chosen: said, nothing done
    assert at.error[0].value == "Choose an advisor first."
    pick(at, "unassign_who", "coach@example.org")
    at = click(at, "Unassign")
    assert table(at)[0]["Advisors"] == "Nobody yet"
    with live.unit_of_work() as session:
        assert session.scalars(select(CohortAdvisor)).all() == []


def test_admin_sets_a_goal_and_sees_its_progress(open_app: Opener, live: Context) -> None:
    cohort_id = factories.cohort(live, "Spring 2026 Business")
    _, first = factories.graduate(live, cohort_id)
    factories.graduate(live, cohort_id)
    factories.interview(live, first, days_ago=0)
    factories.interview(live, first, days_ago=0)
    at = as_admin(open_app, live, COHORTS)
    at.switch_page(COHORTS)
    at.query_params["cohort"] = "Spring 2026 Business"
    at.run()
    pick(at, "goal_metric", "Interviews held per graduate")
    at.number_input(key="goal_target").set_value(4.0)
    at = click(at, "Set goal")
    assert not at.error
    goals = [
        row for frame in at.dataframe for row in frame.value.to_dict("records") if "Goal" in row
    ]
    # Two completed interviews so far over two graduates: 1 per graduate, of 4.
    today = written(live.clock.today())
    assert goals == [
        {
            "Goal": "Interviews held per graduate",
            "Target": "4",
            "Now": "1",
            "Reached": False,
            "Due": "—",
            "Counts": f"Meetings so far, up to today, {today}",
        }
    ]
    assert table(at)[0]["Goals reached"] == "0 of 1"

    pick(at, "goal_metric", "Thank-you")
    at.number_input(key="goal_target").set_value(80.0)
    at = click(at, "Set goal")
    with live.unit_of_work() as session:
        targets = {g.metric: g.target for g in session.scalars(select(CohortGoal))}
    assert targets == {
        GoalMetric.INTERVIEWS_COMPLETED_PER_GRADUATE: 4.0,
        GoalMetric.THANK_YOU_RATE: 0.8,
    }


def test_admin_moves_a_graduate_to_another_cohort(open_app: Opener, live: Context) -> None:
    spring = factories.cohort(live, "Spring 2026 Business")
    autumn = factories.cohort(live, "Autumn 2025 Design")
    ana, ana_id = factories.graduate(live, spring, "ana@example.org")
    at = as_admin(open_app, live, COHORTS)
    at.switch_page(COHORTS)
    at.query_params["cohort"] = "Spring 2026 Business"
    at.run()
    pick(at, "move_who", "ana@example.org")
    pick(at, "move_to", "Autumn 2025 Design")
    at = click(at, "Move graduate")
    assert not at.exception and not at.error
    with live.unit_of_work() as session:
        assert session.get(Graduate, ana_id).cohort_id == autumn
    counts = {row["Cohort"]: row["Graduates"] for row in table(at)}
    assert counts == {"Autumn 2025 Design": 1, "Spring 2026 Business": 0}
    assert ana.email not in str([frame.value for frame in at.dataframe[1:]])


@pytest.mark.parametrize("page", [COHORTS, AUDIT])
@pytest.mark.parametrize("role", [Role.ADVISOR, Role.GRADUATE])
def test_advisors_and_graduates_get_a_refusal_and_no_data(
    open_app: Opener, live: Context, page: str, role: Role
) -> None:
    factories.cohort(live, "Secret Cohort")
    email = account(live, role)
    at = sign_in(open_app(), email)
    at.switch_page(page).run()
    assert not at.exception
    assert [error.value for error in at.error] == [
        "This page is for admins. Use the menu to find your own pages."
    ]
    assert not at.dataframe and not at.title and not at.get("download_button")
    assert "Secret Cohort" not in str(at)


def test_audit_log_filters_by_who_what_record_and_period(open_app: Opener, live: Context) -> None:
    coach = factories.user(live, Role.ADVISOR, "coach@example.org")
    cohort_id = factories.cohort(live, "Spring 2026 Business")
    with live.unit_of_work() as session:
        audit_log.record(session, coach, "create", "comment", 7)
        audit_log.record(session, coach, "rename", "cohort", cohort_id, name="=HYPERLINK(1)")
        audit_log.record(session, None, "create", "cohort", cohort_id)
    at = as_admin(open_app, live, AUDIT)
    assert titles(at) == ["Audit log"]
    # The admin's own sign-in is logged too; work without an account reads "(system)".
    assert [(r["Who"], r["What"]) for r in table(at)][1:] == [
        ("(system)", "Created"),
        ("coach@example.org", "Renamed"),
        ("coach@example.org", "Created"),
    ]
    assert "4 entries match." in [caption.value for caption in at.caption]

    pick(at, "audit_who", "coach@example.org")
    pick(at, "audit_record", "Cohort")
    at = click(at, "Filter")
    assert not at.exception
    assert at.query_params["who"] == "coach@example.org"
    assert [(r["Who"], r["What"], r["Record"], r["Record id"]) for r in table(at)] == [
        ("coach@example.org", "Renamed", "Cohort", str(cohort_id))
    ]
    at.text_input(key="audit_id").input("999")
    at = click(at, "Filter")
    assert "Nothing in the log matches" in at.info[0].value

    # The address alone gives the same view, e.g. from a bookmark; a future period is empty.
    at.query_params.clear()
    at.query_params["from"] = "2999-01-01"
    at.run()
    assert "Nothing in the log matches" in at.info[0].value
    at.query_params["from"] = "yesterday"
    at.run()
    assert "is not a date" in at.error[0].value
    assert not at.dataframe


def test_audit_page_shows_words_not_codes_and_the_csv_keeps_the_codes(
    open_app: Opener, live: Context
) -> None:
    """Issue 17: the audit log showed `sign_in_failed` and `{"address": null}`. The page reads
    each action in words and its details as "key: value" text; the CSV keeps the raw columns."""
    coach = factories.user(live, Role.ADVISOR, "coach@example.org")
    with live.unit_of_work() as session:
        audit_log.record(session, None, "sign_in_failed", "user", None, address=None)
        audit_log.record(
            session, coach, "update", "question_bank", 3, fields=["name", "visibility"]
        )
        audit_log.record(session, coach, "change_role_refused", "user", 9, reason="scope")
    at = as_admin(open_app, live, AUDIT)
    # Newest first, after the admin's own sign-in.
    rows = [(r["What"], r["Record"], r["Details"]) for r in table(at)]
    assert rows[0][0] == "Signed in"
    assert rows[1:] == [
        ("Refused: change role", "User", "reason: scope"),
        ("Changed", "Question bank", "fields: name, visibility"),
        ("Sign-in failed", "User", "address: none"),
    ]
    shown = " ".join(str(cell) for row in table(at) for cell in row.values())
    for code in ("sign_in_failed", "question_bank", "change_role_refused", "{", "null", "_"):
        assert code not in shown, code
    # The filter lists the actions in words too, and still puts the code in the address.
    options = at.selectbox(key="audit_action").options
    assert "Sign-in failed" in options and "sign_in_failed" not in options
    pick(at, "audit_action", "Sign-in failed")
    at = click(at, "Filter")
    assert at.query_params["action"] == "sign_in_failed"
    assert [r["What"] for r in table(at)] == ["Sign-in failed"]

    with live.unit_of_work() as session:
        admin = Actor.of(session.scalars(select(User).where(User.role == Role.ADMIN)).one())
    data = audit_csv(live, admin, AuditFilter())
    raw = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    failed = next(row for row in raw if row["action"] == "sign_in_failed")
    assert (failed["record"], failed["detail"]) == ("user", '{"address": null}')


def _recorded_actions() -> set[str]:
    """Every action code the code records: the third argument of `audit_log.record` (each
    string in it: `"archive" if ... else "unarchive"`), and the action (the fifth argument) of
    the interview writes. `record_refused` codes end in `_refused`: words by themselves."""
    recorded: set[str] = set()
    for path in Path("networkit_core").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if not isinstance(node, ast.Call):
                continue
            called = ast.unparse(node.func)
            # (record_refused's own f"{action}_refused" is a refusal: words by itself.)
            if (
                called in ("audit_log.record", "record")
                and len(node.args) >= 3
                and not isinstance(node.args[2], ast.JoinedStr)
            ):
                recorded |= {n.value for n in ast.walk(node.args[2]) if isinstance(n, ast.Constant)}
            elif called.endswith("change_interview") and len(node.args) >= 5:
                recorded |= {n.value for n in ast.walk(node.args[4]) if isinstance(n, ast.Constant)}
    return {code for code in recorded if isinstance(code, str) and code}


def test_every_action_the_code_records_has_words() -> None:
    recorded = _recorded_actions()
    assert {"sign_in_failed", "create", "thank_you", "archive", "untick", "status"} <= recorded
    assert sorted(recorded - set(audit_log.ACTION_WORDS)) == []


def test_audit_csv_is_formula_safe_and_logged(ctx: Context) -> None:
    admin = factories.user(ctx, Role.ADMIN, "admin@example.org")
    coach = factories.user(ctx, Role.ADVISOR, "coach@example.org")
    with ctx.unit_of_work() as session:
        audit_log.record(session, coach, "=cmd", "cohort", 1, name="@SUM(A1)")
    data = audit_csv(ctx, admin, AuditFilter(who="coach@example.org"))
    rows = list(csv.reader(io.StringIO(data.decode("utf-8"))))
    assert rows[0] == ["at", "who", "action", "record", "record_id", "detail"]
    assert rows[1][1:5] == ["coach@example.org", "'=cmd", "cohort", "1"]
    assert rows[1][5] == '{"name": "@SUM(A1)"}'  # JSON starts with "{": nothing to run
    again = audit_csv(ctx, admin, AuditFilter(action="export"))
    assert "admin@example.org,export,audit_log" in again.decode()
