"""A browser whose app process died reconnects to another one and hands the new session the
values its widgets held (issue 22): a tick or a rating made in that moment never reached a
server, and the new session has no callback to run for it. The page must then show what is
saved, not a tick that nothing saved (pages/ui/saved.py)."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from streamlit.testing.v1 import AppTest

from networkit_core.context import Context
from networkit_core.models import (
    ChecklistTick,
    FollowUpPermission,
    Interview,
    InterviewQuestion,
    InterviewStatus,
    Role,
    User,
)
from pages.ui.session import REMINDERS_KEY, TOKEN_KEY
from tests import factories
from tests.app_session import Opener, set_password, sign_in

INTERVIEW = "pages/graduate/interview/page.py"


@pytest.fixture
def live(ctx: Context) -> Context:
    """The test database on the system clock, as the app sees it."""
    return Context(ctx.engine, ctx.settings)


def _ticks(live: Context, row_id: int) -> int:
    with live.unit_of_work() as session:
        query = select(func.count()).where(ChecklistTick.interview_id == row_id)
        return session.scalar(query) or 0


def _usefulness(live: Context, row_id: int) -> int | None:
    with live.unit_of_work() as session:
        query = select(InterviewQuestion.usefulness).where(InterviewQuestion.interview_id == row_id)
        return session.scalar(query)


def _graduate(live: Context) -> tuple[User, int]:
    advisor = factories.user(live, Role.ADVISOR)
    me, my_id = factories.graduate(live, factories.cohort(live, "Failover", (advisor,)))
    set_password(live, me.id)
    return me, my_id


def _on_interview(open_app: Opener, live: Context, email: str, row_id: int) -> AppTest:
    """A server session, signed in, about to run the interview page."""
    return _to_interview(sign_in(open_app(), email), live, row_id)


def _handed_over(open_app: Opener, live: Context, dying: AppTest, row_id: int) -> AppTest:
    """The session the other process makes for the same browser (the same sign-in, through the
    token its cookie carries; nothing drawn yet), run with what the dying one's widgets held."""
    survivor = open_app()
    survivor.session_state[TOKEN_KEY] = dying.session_state[TOKEN_KEY]
    held = dying._tree.get_widget_states()
    survivor = _to_interview(survivor, live, row_id)
    survivor._run(widget_state=held)
    assert not survivor.exception
    return survivor


def _to_interview(at: AppTest, live: Context, row_id: int) -> AppTest:
    with live.unit_of_work() as session:
        at.query_params["id"] = session.get_one(Interview, row_id).public_id
    return at.switch_page(INTERVIEW)


def test_a_tick_that_never_reached_a_server_is_not_shown_as_saved(
    open_app: Opener, live: Context
) -> None:
    me, my_id = _graduate(live)
    planned = factories.interview(live, my_id, days_ago=-2, status=InterviewStatus.PLANNED)

    dying = _on_interview(open_app, live, me.email, planned).run()
    assert not dying.exception
    key = next(box.key for box in dying.checkbox if box.key and box.key.startswith("tick_"))
    dying.checkbox(key=key).check()
    # The process dies before it runs the tick: the browser still holds it, and hands it over.
    survivor = _handed_over(open_app, live, dying, planned)
    assert _ticks(live, planned) == 0
    assert survivor.checkbox(key=key).value is False, "a tick nothing saved is shown as ticked"

    # On the new session a tick saves as it always does, and stays shown.
    survivor.checkbox(key=key).check().run()
    assert _ticks(live, planned) == 1
    assert survivor.checkbox(key=key).value is True
    survivor.run()
    assert survivor.checkbox(key=key).value is True


def test_a_rating_that_never_reached_a_server_is_not_shown_as_saved(
    open_app: Opener, live: Context
) -> None:
    me, my_id = _graduate(live)
    # Thanked already: the page opens the questions to rate.
    met = factories.interview(
        live, my_id, days_ago=2, status=InterviewStatus.COMPLETED, thank_you_after=1
    )
    _, (question,) = factories.bank(live, None, name="Shared", visibility="everyone")
    factories.use_question(live, met, question)

    dying = _on_interview(open_app, live, me.email, met).run()
    rating = next(box for box in dying.selectbox if box.key and box.key.startswith("rate_"))
    assert rating.value is None  # not rated yet
    rating.select(4)
    survivor = _handed_over(open_app, live, dying, met)
    assert survivor.selectbox(key=rating.key).value is None, "a rating nothing saved is shown"
    assert _usefulness(live, met) is None


def test_a_follow_up_answer_that_never_reached_a_server_is_not_shown_as_saved(
    open_app: Opener, live: Context
) -> None:
    me, my_id = _graduate(live)
    met = factories.interview(live, my_id, days_ago=2, status=InterviewStatus.COMPLETED)

    dying = _on_interview(open_app, live, me.email, met).run()
    answer = next(box for box in dying.radio if box.key and box.key.startswith("permission_"))
    assert answer.value is FollowUpPermission.NOT_ASKED
    answer.set_value(FollowUpPermission.GRANTED)
    survivor = _handed_over(open_app, live, dying, met)
    assert survivor.radio(key=answer.key).value is FollowUpPermission.NOT_ASKED
    with live.unit_of_work() as session:
        assert session.get_one(Interview, met).follow_up_permission is FollowUpPermission.NOT_ASKED


def test_a_reminder_switch_that_never_reached_a_server_is_not_shown_as_saved(
    open_app: Opener, live: Context
) -> None:
    # The switch gets its saved value through session state, which wins over the browser's.
    me, my_id = _graduate(live)
    met = factories.interview(live, my_id, days_ago=2, status=InterviewStatus.COMPLETED)

    dying = _on_interview(open_app, live, me.email, met).run()
    switch = dying.toggle(key=REMINDERS_KEY)
    saved = switch.value
    switch.set_value(not saved)
    survivor = _handed_over(open_app, live, dying, met)
    assert survivor.toggle(key=REMINDERS_KEY).value is saved
