"""Each role's home page in AppTest: it shows that user's data, and nobody else's.

The app runs on the system clock, so the data here is built relative to the real today.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import update
from streamlit.testing.v1 import AppTest

from networkit_core.context import Context
from networkit_core.models import FollowUpPermission, Role, User
from pages.ui.text import escape
from tests import factories
from tests.app_session import Opener, sign_in, titles


@pytest.fixture
def live(ctx: Context) -> Context:
    """The test database on the system clock, as the app sees it."""
    return Context(ctx.engine, ctx.settings)


def table(at: AppTest, index: int = 0) -> list[dict[str, object]]:
    return at.dataframe[index].value.to_dict("records")


def _nudge_rows(at: AppTest) -> list[dict[str, object]]:
    """The nudge list's table (one row per graduate)."""
    frame = next(f for f in at.dataframe if str(f.key or "").startswith("triage-"))
    return frame.value.to_dict("records")


def test_advisor_home_lists_who_needs_a_nudge_and_why(open_app: Opener, live: Context) -> None:
    advisor = factories.user(live, Role.ADVISOR, password=factories.PASSWORD)
    stranger = factories.user(live, Role.ADVISOR)
    mine = factories.cohort(live, "Autumn Design", advisors=(advisor,))
    theirs = factories.cohort(live, "Not Mine", advisors=(stranger,))
    late, late_id = factories.graduate(live, mine)
    other, other_id = factories.graduate(live, theirs)
    # Met 12 days ago, no thank-you: overdue since the window (2 days) closed, 9 days ago.
    factories.interview(
        live,
        late_id,
        days_ago=12,
        contact_id=factories.contact(live, late_id, "Ana Ortiz", organization="Globex"),
    )
    factories.interview(live, other_id, days_ago=12)

    at = sign_in(open_app(), advisor.email)
    assert not at.exception
    assert titles(at) == ["Dashboard"]
    lead = next(block.value for block in at.markdown if "Start with" in block.value)
    assert f"Start with **{escape(late.display_name)}**" in lead
    assert escape("Thank-you to Ana Ortiz (Globex) not recorded") in lead
    rows = _nudge_rows(at)
    assert len(rows) == 1
    assert rows[0]["Needs"] == "Thank-you overdue"
    assert rows[0]["Cohort"] == "Autumn Design"
    assert rows[0]["Most overdue"] == 9  # the window (2 days) closed nine days ago
    assert other.display_name not in str([block.value for block in at.markdown])
    assert other.display_name not in str(rows)


def test_advisor_sees_one_line_per_graduate_with_every_reason(
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
    rows = _nudge_rows(at)
    assert len(rows) == 1
    assert rows[0]["Graduate"] == busy.display_name
    assert rows[0]["Needs"] == "Thank-you overdue ×2, Follow-up due"


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
