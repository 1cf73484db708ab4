"""What one run of the advisor's one-graduate page asks the database (tests/runs.py): a full run
reads nothing twice, and a comment added, edited or deleted reruns only the comments and the
timeline (`st.fragment`), which read themselves again through the core (once, after the write's
own checks): never the figures, what is due or where the graduate landed. A save over a newer
comment still shows the conflict panel, drawn by the whole page."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from networkit_core.actor import Actor
from networkit_core.context import Context
from networkit_core.models import FollowUpPermission, Role
from networkit_core.services import coaching
from networkit_core.services.coaching import list_comments
from tests import factories
from tests.app_session import Opener, conflict_versions, sign_in
from tests.runs import (
    after_write,
    as_browser,
    by_label,
    reads_of,
    session_checks,
    statements,
    twice,
)

GRADUATE = "pages/advisor/graduate/page.py"
# What only the page's full run asks: the graduate found by e-mail, the figures, the destination.
PAGE_READS = ("lower(users.email)", "FROM destinations")


@pytest.fixture
def live(ctx: Context) -> Context:
    return Context(ctx.engine, ctx.settings)


def coached(live: Context) -> tuple[Actor, int]:
    """An advisor (signed in next) coaching a graduate with a meeting held: (advisor, graduate)."""
    me = factories.user(live, Role.ADVISOR, "coach@example.org", password=factories.PASSWORD)
    _, graduate_id = factories.graduate(
        live, factories.cohort(live, "Spring", advisors=(me,)), "ana@example.org"
    )
    factories.interview(
        live, graduate_id, days_ago=12, permission=FollowUpPermission.GRANTED, thank_you_after=1
    )
    return me, graduate_id


def opened(open_app: Opener) -> AppTest:
    at = sign_in(open_app(), "coach@example.org")
    at.query_params["email"] = "ana@example.org"
    at = at.switch_page(GRADUATE).run()
    assert not at.exception
    return at


def timeline(at: AppTest) -> list[str]:
    frame = next(f for f in at.dataframe if "Title" in f.value.columns)
    return [str(title) for title in frame.value["Title"]]


def test_a_full_run_reads_nothing_twice(open_app: Opener, live: Context) -> None:
    coached(live)
    at = opened(open_app)
    with statements() as run:
        at.run()
    assert not at.exception
    assert len(reads_of(run, PAGE_READS)) >= len(PAGE_READS), "the probe is blind"
    assert twice(run) == []


def test_a_comment_added_edited_and_deleted_reruns_only_its_part(
    open_app: Opener, live: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    me, graduate_id = coached(live)
    at = opened(open_app)

    at.text_area(key="new_comment").input("Send the thank-you today")
    with statements() as run:
        at = as_browser(at, by_label(at.button, "Add comment").click(), monkeypatch)
    assert not at.exception
    (comment,) = list_comments(live, me, graduate_id)
    assert comment.body == "Send the thank-you today"
    assert "Send the thank-you today" in [text.value for text in at.text]
    assert f"Comment from {me.display_name}" in timeline(at)
    assert at.text_area(key="new_comment").value == ""
    assert [toast.value for toast in at.toast] == ["Comment added."]
    assert run and reads_of(run, PAGE_READS) == [] and twice(after_write(run)) == []
    assert session_checks(run) == 1  # the write's own check

    # Two edits in a row: the second goes over the version the first saved, not a conflict.
    for body in ("Send the card today", "Send the card by Friday"):
        at.text_area(key=f"edit_comment_{comment.id}").input(body)
        with statements() as run:
            at = as_browser(at, by_label(at.button, "Save").click(), monkeypatch)
        assert [c.body for c in list_comments(live, me, graduate_id)] == [body]
        assert body in [text.value for text in at.text] and not at.error
        assert reads_of(run, PAGE_READS) == [] and twice(after_write(run)) == []
        assert session_checks(run) == 1  # the write's own check

    with statements() as run:
        delete = at.button(key=f"delete_{comment.id}").click()
        at = as_browser(at, delete, monkeypatch)
    assert list_comments(live, me, graduate_id) == []
    assert "No comment yet." in [caption.value for caption in at.caption]
    assert f"Comment from {me.display_name}" not in timeline(at)
    assert reads_of(run, PAGE_READS) == [] and twice(after_write(run)) == []
    assert session_checks(run) == 1  # the write's own check


def test_a_stale_comment_edit_shows_the_conflict_panel(
    open_app: Opener, live: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    me, graduate_id = coached(live)
    comment_id = factories.comment(live, graduate_id, me.id, "Well done")
    at = opened(open_app)
    coaching.edit_comment(live, me, comment_id, "Well done!", expected_version=1)  # another tab

    at.text_area(key=f"edit_comment_{comment_id}").input("Good work")
    at = as_browser(at, by_label(at.button, "Save").click(), monkeypatch)
    assert not at.exception
    assert any("changed by someone else" in error.value for error in at.error)
    assert conflict_versions(at) == {"Body": ("Good work", "Well done!")}
    assert [c.body for c in list_comments(live, me, graduate_id)] == ["Well done!"]
    # The panel is the page's: the whole page ran again (its figures are there).
    assert at.metric and at.title
    at = by_label(at.button, "Save my version over it").click().run()
    assert [c.body for c in list_comments(live, me, graduate_id)] == ["Good work"]
    assert "Good work" in [text.value for text in at.text]
