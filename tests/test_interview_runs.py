"""What one run of the interview page asks the database (tests/runs.py): a full run reads nothing
twice, and a tick, a rating or a thank-you marked sent reruns only its own part of the page
(`st.fragment`), so it writes without reading the page again."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select
from streamlit.testing.v1 import AppTest

from networkit_core.context import Context
from networkit_core.models import (
    ChecklistTick,
    Interview,
    InterviewQuestion,
    InterviewStatus,
    Role,
    User,
)
from networkit_core.services.accounts.sessions import end_session
from pages.ui.session import ACTOR_KEY, SESSION_ENDED, TOKEN_KEY
from tests import factories
from tests.app_session import Opener, set_password, sign_in, unfold
from tests.runs import (
    as_browser,
    by_label,
    reads_of,
    session_checks,
    shown_states,
    statements,
    twice,
)

INTERVIEW = "pages/graduate/interview/page.py"
# What only the page's full read asks: the question banks to search (while "Find or write
# questions" is open, as `opened` leaves it).
PAGE_READS = ("JOIN question_banks",)


@pytest.fixture
def live(ctx: Context) -> Context:
    return Context(ctx.engine, ctx.settings)


def page_reads(run: list[tuple[str, str]]) -> list[str]:
    return reads_of(run, PAGE_READS)


def held_interview(live: Context) -> tuple[str, int, int]:
    """A graduate signed in on a held interview with one question: (email, row id, question)."""
    advisor = factories.user(live, Role.ADVISOR)
    me, my_id = factories.graduate(live, factories.cohort(live, "Runs", (advisor,)))
    set_password(live, me.id)
    met = factories.interview(live, my_id, days_ago=2, status=InterviewStatus.COMPLETED)
    _, (question,) = factories.bank(live, None, name="Shared", visibility="everyone")
    factories.use_question(live, met, question)
    return me.email, met, question


def opened(open_app: Opener, live: Context, email: str, row_id: int) -> AppTest:
    at = sign_in(open_app(), email)
    with live.unit_of_work() as session:
        at.query_params["id"] = session.get_one(Interview, row_id).public_id
    at = unfold(at.switch_page(INTERVIEW).run(), "Find or write questions")
    return unfold(at, "Questions to ask")  # the thank-you not sent, it is the one open


def test_a_full_run_reads_nothing_twice(open_app: Opener, live: Context) -> None:
    email, met, _ = held_interview(live)
    at = opened(open_app, live, email, met)
    with statements() as run:
        at.run()
    assert not at.exception
    assert page_reads(run), "the page's own read was not seen: the probe is blind"
    assert twice(run) == []


def test_the_banks_and_the_contacts_are_read_only_while_their_sections_are_open(
    open_app: Opener, live: Context
) -> None:
    email, met, _ = held_interview(live)
    at = sign_in(open_app(), email)
    with live.unit_of_work() as session:
        at.query_params["id"] = session.get_one(Interview, met).public_id
    at = at.switch_page(INTERVIEW).run()
    banks, contacts = ("JOIN question_banks",), ("WHERE contacts.graduate_id",)
    with statements() as run:
        at.run()
    assert not at.exception
    assert reads_of(run, banks) == [] and reads_of(run, contacts) == []
    at = unfold(unfold(at, "Find or write questions"), "Who, when and where")
    with statements() as run:
        at.run()
    assert reads_of(run, banks) and reads_of(run, contacts)
    assert twice(run) == []


def test_a_tick_a_rating_and_a_thank_you_rerun_only_their_part(
    open_app: Opener, live: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    email, met, question = held_interview(live)
    at = opened(open_app, live, email, met)

    # After a fragment's run, AppTest holds only what the fragment drew (the browser keeps the
    # rest of the page): a full run between the parts. The meeting held, the preparation
    # checklist is drawn once opened.
    at = unfold(at, "Preparation checklist")
    box = by_label(at.checkbox, "Researched the company").check()
    with statements() as run:
        as_browser(at, box, monkeypatch)
    with live.unit_of_work() as session:
        assert session.scalars(select(ChecklistTick.interview_id)).all() == [met]
    # Open, the count is on the bar (the title kept: the list is not drawn anew).
    assert [bar.proto.text for bar in at.get("progress")] == ["1 of 8 done"]
    assert run and page_reads(run) == [] and twice(run) == []
    assert session_checks(run) == 1
    assert [toast.value for toast in at.toast] == ["Checklist saved."]

    at.run()
    rating = by_label(at.selectbox, "How useful was it?").set_value(4)
    with statements() as run:
        as_browser(at, rating, monkeypatch)
    with live.unit_of_work() as session:
        assert session.get_one(InterviewQuestion, (met, question)).usefulness == 4
    assert run and page_reads(run) == [] and twice(run) == []
    assert session_checks(run) == 1
    # A second rating is made over the first (the fragment drew what it saved): no conflict.
    as_browser(at, by_label(at.selectbox, "How useful was it?").set_value(5), monkeypatch)
    with live.unit_of_work() as session:
        assert session.get_one(InterviewQuestion, (met, question)).usefulness == 5
    assert not at.error

    at.run()
    page = at.main  # the whole page, as the browser keeps showing it
    sent = live.clock.today() - timedelta(days=1)
    by_label(at.date_input, "Sent on").set_value(sent)
    submit = by_label(at.button, "Mark thank-you sent").click()
    with statements() as run:
        as_browser(at, submit, monkeypatch)
    with live.unit_of_work() as session:
        assert session.get_one(Interview, met).thank_you_sent_on == sent
    assert any(e.label.startswith("Thank-you · sent") for e in at.expander)
    assert run and page_reads(run) == [] and twice(run) == []
    assert session_checks(run) == 1

    # The notes form was drawn before the thank-you bumped the interview's version: its save
    # goes over the version this tab wrote, not refused as a conflict with the graduate's own.
    by_label(page.text_area, "Brain-dump notes").input("Hiring picks up in spring.")
    by_label(page.button, "Save notes").click()
    submit.set_value(False)  # a trigger fires once
    at._run(shown_states(page, at))
    with live.unit_of_work() as session:
        assert session.get_one(Interview, met).notes == "Hiring picks up in spring."
    assert not at.error and not at.exception


def test_a_save_that_reruns_the_page_checks_the_session_once(
    open_app: Opener, live: Context
) -> None:
    email, met, _ = held_interview(live)
    at = opened(open_app, live, email, met)
    by_label(at.text_area, "Brain-dump notes").input("Ask about the spring intake.")
    by_label(at.button, "Save notes").click()
    with statements() as run:
        at.run()
    assert not at.exception
    with live.unit_of_work() as session:
        assert session.get_one(Interview, met).notes == "Ask about the spring intake."
    assert page_reads(run), "the page's own read was not seen: the save did not rerun it"
    assert session_checks(run) == 1  # by the save's callback; the run after it trusts that


@pytest.mark.parametrize("ended_by", ["signed out everywhere", "deactivated"])
def test_a_tick_from_a_tab_whose_session_ended_writes_nothing(
    open_app: Opener, live: Context, monkeypatch: pytest.MonkeyPatch, ended_by: str
) -> None:
    """A fragment's rerun makes no session check of its own, and a callback runs before the
    page's: the write itself asks whether the session is still live."""
    email, met, _ = held_interview(live)
    at = unfold(opened(open_app, live, email, met), "Preparation checklist")
    actor = at.session_state[ACTOR_KEY]
    if ended_by == "deactivated":
        with live.unit_of_work() as session:
            session.get_one(User, actor.id).is_active = False
    else:
        end_session(live, at.session_state[TOKEN_KEY])
    box = by_label(at.checkbox, "Researched the company").check()
    as_browser(at, box, monkeypatch)
    assert not at.exception
    with live.unit_of_work() as session:
        assert session.scalars(select(ChecklistTick.interview_id)).all() == []
    assert [info.value for info in at.info] == [SESSION_ENDED]
    assert [button.label for button in at.button] == ["Sign in"]
    assert ACTOR_KEY not in at.session_state
