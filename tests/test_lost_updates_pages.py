"""Issue 17, item 10, in the pages: two sessions (two AppTest instances on one database) open
the same record; the first saves; the second, still showing what it read, saves over it. The
second gets the conflict with both versions side by side, nothing of the first is overwritten,
and the second's typed text is still there to save on purpose. On SQLite and PostgreSQL."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select
from streamlit.testing.v1 import AppTest

from networkit_core.context import Context
from networkit_core.models import Cohort, FollowUpPermission, Interview, Role, ThankYouMethod
from tests import factories
from tests.app_session import Opener, conflict_versions, set_password, sign_in, unfold

INTERVIEW = "pages/graduate/interview/page.py"
COHORTS = "pages/admin/cohorts/page.py"
CHANGED = "This interview was changed by someone else since you opened it"


@pytest.fixture
def live(ctx: Context) -> Context:
    """The test database on the system clock, as the app sees it."""
    return Context(ctx.engine, ctx.settings)


@pytest.fixture
def held(live: Context) -> tuple[str, str]:
    """A graduate and an interview held ten days ago: (e-mail, interview id)."""
    me, my_id = factories.graduate(live, factories.cohort(live))
    set_password(live, me.id)
    row_id = factories.interview(live, my_id, days_ago=10)
    with live.unit_of_work() as session:
        return me.email, session.get_one(Interview, row_id).public_id


def _tab(open_app: Opener, email: str, page: str, **query: str) -> AppTest:
    """A browser tab of its own, signed in, on `page`."""
    at = sign_in(open_app(), email)
    at.query_params.update(query)
    at = at.switch_page(page).run()
    assert not at.exception
    return at


def _by_label(elements: Any, label: str) -> Any:
    found = [element for element in elements if element.label == label]
    assert found, f"no {label!r} among {[element.label for element in elements]}"
    return found[0]


def _click(at: AppTest, label: str) -> AppTest:
    at = _by_label(at.button, label).click().run()
    assert not at.exception
    return at


def _both(at: AppTest) -> dict[str, tuple[str, str]]:
    """The conflict panel: field -> (yours, saved)."""
    return conflict_versions(at)


def _saved(live: Context, public_id: str) -> Interview:
    with live.unit_of_work() as session:
        record = session.scalars(select(Interview).where(Interview.public_id == public_id)).one()
        session.expunge(record)
        return record


def _refused(at: AppTest, message: str = CHANGED) -> None:
    assert any(message in error.value for error in at.error), [e.value for e in at.error]


def test_stale_outcomes_show_both_and_overwrite_nothing(
    open_app: Opener, live: Context, held: tuple[str, str]
) -> None:
    email, public_id = held
    first, second = (
        unfold(_tab(open_app, email, INTERVIEW, id=public_id), "What it led to") for _ in range(2)
    )
    _by_label(first.text_area, "Industry trends I learned").input("Fintech is hiring")
    _click(first, "Save outcomes")
    _by_label(second.text_area, "Industry trends I learned").input("AI everywhere")
    second = _click(second, "Save outcomes")
    _refused(second)
    assert _both(second)["Industry trends I learned"] == ("AI everywhere", "Fintech is hiring")
    assert _saved(live, public_id).outcome_trends == "Fintech is hiring"
    # Neither is lost: the second tab saves its own on purpose.
    second = _click(second, "Save my version over it")
    assert _saved(live, public_id).outcome_trends == "AI everywhere"
    assert _both(second) == {}


def test_a_stale_thank_you_shows_both_and_overwrites_nothing(
    open_app: Opener, live: Context, held: tuple[str, str]
) -> None:
    email, public_id = held
    first, second = (_tab(open_app, email, INTERVIEW, id=public_id) for _ in range(2))
    _click(first, "Mark thank-you sent")  # today, a handwritten card
    _by_label(second.radio, "How").set_value(ThankYouMethod.EMAIL)
    second = _click(second, "Mark thank-you sent")
    _refused(second)
    assert _both(second)["Thank-you sent as"] == ("Email", "Card")
    assert _saved(live, public_id).thank_you_method is ThankYouMethod.CARD


def test_a_stale_follow_up_permission_shows_both_and_overwrites_nothing(
    open_app: Opener, live: Context, held: tuple[str, str]
) -> None:
    email, public_id = held
    first, second = (_tab(open_app, email, INTERVIEW, id=public_id) for _ in range(2))
    question = "Did they welcome a follow-up later on?"
    _by_label(first.radio, question).set_value(FollowUpPermission.GRANTED).run()
    assert _saved(live, public_id).follow_up_permission is FollowUpPermission.GRANTED
    second = _by_label(second.radio, question).set_value(FollowUpPermission.DECLINED).run()
    assert not second.exception
    _refused(second)
    assert _both(second)["Follow-up welcome"] == ("Declined", "Granted")
    assert _saved(live, public_id).follow_up_permission is FollowUpPermission.GRANTED


def test_a_stale_cohort_rename_shows_both_and_overwrites_nothing(
    open_app: Opener, live: Context
) -> None:
    emails = []
    for _ in range(2):
        admin = factories.user(live, Role.ADMIN)
        set_password(live, admin.id)
        emails.append(admin.email)
    factories.cohort(live, "Spring 2026")
    first, second = (_tab(open_app, email, COHORTS, cohort="Spring 2026") for email in emails)
    first.text_input(key="rename_name").input("Spring 2026 Business")
    first = _click(first, "Save name")
    second.text_input(key="rename_name").input("Spring 2026 Law")
    second = _click(second, "Save name")
    _refused(second, "This cohort was changed by someone else since you opened it")
    assert _both(second)["Name"] == ("Spring 2026 Law", "Spring 2026 Business")
    with live.unit_of_work() as session:
        assert session.scalars(select(Cohort.name)).all() == ["Spring 2026 Business"]
    # What the second admin typed is still in their form, and can be saved on purpose.
    assert second.text_input(key="rename_name").value == "Spring 2026 Law"
    second = _click(second, "Save my version over it")
    with live.unit_of_work() as session:
        assert session.scalars(select(Cohort.name)).all() == ["Spring 2026 Law"]
