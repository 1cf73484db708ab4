"""The advisor's and the admin's home pages in AppTest: each shows that user's data, and
nobody else's (the graduate's pages: test_graduate_pages.py).

The app runs on the system clock, so the data here is built relative to the real today.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import update
from streamlit.testing.v1 import AppTest

from networkit_core.context import Context
from networkit_core.models import FollowUpPermission, Role, User
from tests import app_session, factories
from tests.app_session import Opener, sign_in, titles

open_app = pytest.fixture(app_session.open_app)


@pytest.fixture
def live(ctx: Context) -> Context:
    """The test database on the system clock, as the app sees it."""
    return Context(ctx.engine, ctx.settings)


def table(at: AppTest, index: int = 0) -> list[dict[str, object]]:
    return at.dataframe[index].value.to_dict("records")


def test_advisor_home_lists_who_needs_a_nudge_and_why(open_app: Opener, live: Context) -> None:
    advisor = factories.user(live, Role.ADVISOR, password=factories.PASSWORD)
    stranger = factories.user(live, Role.ADVISOR)
    mine = factories.cohort(live, "Autumn Design", advisors=(advisor,))
    theirs = factories.cohort(live, "Not Mine", advisors=(stranger,))
    late, late_id = factories.graduate(live, mine)
    _, other_id = factories.graduate(live, theirs)
    # Met 4 days ago, no thank-you: overdue since the window (2 days) closed.
    factories.interview(
        live,
        late_id,
        days_ago=4,
        contact_id=factories.contact(live, late_id, "Ana Ortiz", organization="Globex"),
    )
    factories.interview(live, other_id, days_ago=4)

    at = sign_in(open_app(), advisor.email)
    assert not at.exception
    assert titles(at) == ["Today"]
    assert f"Start with **{late.display_name}**" in at.markdown[0].value
    per_graduate = table(at, 0)
    assert [row["Graduate"] for row in per_graduate] == [late.display_name]
    assert per_graduate[0]["Needs"] == "Thank-you overdue"
    assert "Thank-you to Ana Ortiz (Globex) not recorded" in str(per_graduate[0]["Most overdue"])
    assert per_graduate[0]["Days overdue"] == 1
    assert per_graduate[0]["Fell due"] == live.clock.today() - timedelta(days=1)
    items = table(at, 1)
    assert [(row["Graduate"], row["Reason"]) for row in items] == [
        (late.display_name, "Thank-you overdue")
    ]
    metrics = {metric.label: metric.value for metric in at.metric}
    assert metrics["Thank-you overdue"] == "1"
    assert metrics["Inactive"] == "0"
    cohorts = table(at, 2)
    assert [(row["Cohort"], row["Graduates"]) for row in cohorts] == [("Autumn Design", 1)]


def test_advisor_sees_one_row_per_graduate_with_every_reason(
    open_app: Opener, live: Context
) -> None:
    advisor = factories.user(live, Role.ADVISOR, password=factories.PASSWORD)
    busy, busy_id = factories.graduate(live, factories.cohort(live, advisors=(advisor,)))
    factories.interview(live, busy_id, days_ago=10)
    factories.interview(live, busy_id, days_ago=20)
    factories.interview(
        live, busy_id, days_ago=40, thank_you_after=1, permission=FollowUpPermission.GRANTED
    )

    at = sign_in(open_app(), advisor.email)
    assert not at.exception
    per_graduate = table(at, 0)
    assert [row["Graduate"] for row in per_graduate] == [busy.display_name]
    assert per_graduate[0]["Needs"] == "Thank-you overdue ×2, Follow-up due"
    assert per_graduate[0]["Days overdue"] == 17  # met 20 days ago, window 2 days
    assert len(table(at, 1)) == 3


def test_advisor_with_nothing_due_is_told_so(open_app: Opener, live: Context) -> None:
    advisor = factories.user(live, Role.ADVISOR, password=factories.PASSWORD)
    at = sign_in(open_app(), advisor.email)
    assert not at.exception
    assert at.success[0].value == "Nobody needs a nudge today."
    assert "do not coach any cohort" in at.info[0].value


def test_admin_home_counts_accounts_and_lists_locked_ones(open_app: Opener, live: Context) -> None:
    admin = factories.user(live, Role.ADMIN, password=factories.PASSWORD)
    advisor = factories.user(live, Role.ADVISOR)
    cohort = factories.cohort(live, advisors=(advisor,))
    locked, _ = factories.graduate(live, cohort)
    factories.graduate(live, cohort)
    factories.cohort(live)
    with live.unit_of_work() as session:
        session.execute(
            update(User)
            .where(User.id == locked.id)
            .values(failed_login_count=5, locked_until=live.clock.now() + timedelta(minutes=9))
        )

    at = sign_in(open_app(), admin.email)
    assert not at.exception
    metrics = {metric.label: metric.value for metric in at.metric}
    assert metrics == {"Graduates": "2", "Advisors": "1", "Admins": "1", "Cohorts": "2"}
    rows = table(at, 0)
    assert [(row["Email"], row["Failed sign-ins"]) for row in rows] == [(locked.email, 5)]
    assert sorted(row["Graduates"] for row in table(at, 1)) == [0, 2]


def test_admin_home_without_locked_accounts(open_app: Opener, live: Context) -> None:
    admin = factories.user(live, Role.ADMIN, password=factories.PASSWORD)
    at = sign_in(open_app(), admin.email)
    assert not at.exception
    assert at.success[0].value == "No account is locked out."
