"""What one run of the graduate's My interviews asks the database (tests/runs.py): a full run
reads nothing twice, and a thank-you marked sent or a follow-up logged on a due card reruns only
"Due now" and "Coming up" (`st.fragment`), read again through the core once the write is done:
the card leaves, the plan's next day shows. What happened at a meeting reruns the whole page
(the past list shows it), and a save over a newer version still shows the conflict panel."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select
from streamlit.testing.v1 import AppTest

from networkit_core.context import Context
from networkit_core.dates import written
from networkit_core.models import FollowUp, FollowUpPermission, InterviewStatus
from tests import factories
from tests.app_session import Opener, conflict_versions, sign_in
from tests.runs import after_write, as_browser, by_label, session_checks, statements, twice
from tests.test_graduate_pages import graduate, links, public_id, row

NOTHING_DUE = "Nothing is due: thank-yous and follow-ups are up to date."


@pytest.fixture
def live(ctx: Context) -> Context:
    return Context(ctx.engine, ctx.settings)


def due_cards(at: AppTest) -> list[str]:
    return [block.value for block in at.markdown if block.value.startswith("**")]


def test_a_full_run_reads_nothing_twice(open_app: Opener, live: Context) -> None:
    me, my_id = graduate(live)
    factories.interview(live, my_id, days_ago=5)
    factories.interview(
        live, my_id, days_ago=35, thank_you_after=1, permission=FollowUpPermission.GRANTED
    )
    at = sign_in(open_app(), me.email)
    with statements() as run:
        at.run()
    assert not at.exception
    assert session_checks(run) == 1, "the page's own read was not seen: the probe is blind"
    assert twice(run) == []


def test_a_thank_you_and_a_follow_up_rerun_only_the_due_list(
    open_app: Opener, live: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    me, my_id = graduate(live)
    thanked = factories.interview(
        live, my_id, days_ago=5, contact_id=factories.contact(live, my_id, "Ana Ortiz")
    )
    followed = factories.interview(
        live,
        my_id,
        days_ago=35,
        thank_you_after=1,
        permission=FollowUpPermission.GRANTED,
        contact_id=factories.contact(live, my_id, "Priya Shah", organization="Acme"),
    )
    at = sign_in(open_app(), me.email)
    assert len(due_cards(at)) == 2

    submit = by_label(at.button, "Mark thank-you sent").click()
    with statements() as run:
        at = as_browser(at, submit, monkeypatch)
    assert not at.exception and not at.error
    assert row(live, thanked).thank_you_sent_on == live.clock.today()
    assert [toast.value for toast in at.toast] == ["Thank-you recorded."]
    assert len(due_cards(at)) == 1 and "Ana Ortiz" not in " ".join(due_cards(at))
    assert run and twice(after_write(run)) == []
    assert session_checks(run) == 1  # the write's, none of a full run's
    assert not [s for s in at.subheader if "Past" in s.value]  # the past list was not drawn

    at.run()
    at.text_input(key=f"due_follow_up_due_{public_id(live, followed)}_note").input("An article")
    submit = by_label(at.button, "Log follow-up").click()
    with statements() as run:
        at = as_browser(at, submit, monkeypatch)
    assert not at.exception and not at.error
    with live.unit_of_work() as session:
        (logged,) = session.scalars(select(FollowUp).where(FollowUp.interview_id == followed))
        assert logged.note == "An article"
    assert [success.value for success in at.success] == [NOTHING_DUE]
    # The plan's next follow-up-by day, a cadence after this one, is coming up.
    next_one = written(live.clock.today() + timedelta(days=live.settings.follow_up_cadence_days))
    assert f"By {next_one} (in 30 days) · Follow up with Priya Shah (Acme)" in [
        text for _, _, text in links(at)
    ]
    assert session_checks(run) == 1 and twice(after_write(run)) == []
    assert not [s for s in at.subheader if "Past" in s.value]


def test_what_happened_reruns_the_whole_page(
    open_app: Opener, live: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    me, my_id = graduate(live)
    met = factories.interview(live, my_id, days_ago=3, status=InterviewStatus.PLANNED)
    at = sign_in(open_app(), me.email)
    at = as_browser(at, by_label(at.button, "It took place").click(), monkeypatch)
    assert not at.exception
    assert row(live, met).status is InterviewStatus.COMPLETED
    assert at.title and [s for s in at.subheader if "Past" in s.value]  # the whole page ran
    assert any("Completed" in text for _, _, text in links(at))


def test_a_stale_thank_you_on_a_due_card_shows_the_conflict_panel(
    open_app: Opener, live: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    me, my_id = graduate(live)
    met = factories.interview(live, my_id, days_ago=5)
    mine, other = sign_in(open_app(), me.email), sign_in(open_app(), me.email)
    sent = live.clock.today() - timedelta(days=1)
    by_label(other.date_input, "Sent on").set_value(sent)
    by_label(other.button, "Mark thank-you sent").click().run()  # the other tab first
    assert row(live, met).thank_you_sent_on == sent

    at = as_browser(mine, by_label(mine.button, "Mark thank-you sent").click(), monkeypatch)
    assert not at.exception
    assert any("changed by someone else" in error.value for error in at.error)
    assert conflict_versions(at)
    assert at.title  # the panel is the page's: the whole page ran
    assert row(live, met).thank_you_sent_on == sent  # the other tab's is kept
