"""The dashboard's nudge list in AppTest: one table at any size, filtered and paged in the
address, graduates ticked and nudged at once (through a real SMTP server on the loopback, or,
without one, the `mailto:` way), saved views, and a graduate refused.

The app runs on the system clock, so the data here is built relative to the real today.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from urllib.parse import unquote

import pytest
from sqlalchemy import select, update
from streamlit.testing.v1 import AppTest

from networkit_core.context import Context
from networkit_core.models import (
    CoachingComment,
    CommentKind,
    FollowUpPermission,
    OutboundEmail,
    Role,
    User,
)
from networkit_core.reminders.mailer import Mailer, MailSettings
from networkit_core.services.nudges import send_nudges
from networkit_core.services.saved_views import saved_views
from pages.ui.text import day, escape
from tests import factories
from tests.app_session import Opener, click, set_password, sign_in
from tests.smtp_server import SmtpServer, smtp_server

DASHBOARD = "pages/advisor/dashboard/page.py"
COLUMNS = ["Graduate", "Cohort", "Needs", "Most overdue", "Last nudged", "Open"]
HOSTILE = "![x](http://e.x/y.png)"
server = pytest.fixture(smtp_server)


@pytest.fixture
def live(ctx: Context) -> Context:
    return Context(ctx.engine, ctx.settings)


class Caseload:
    """An advisor with a cohort of `size` graduates on the nudge list (a thank-you overdue by
    10 days and more, the first graduate the most overdue), every third with a follow-up due
    too; a second cohort with one graduate; another advisor's cohort."""

    def __init__(self, live: Context, size: int) -> None:
        self.me = factories.user(
            live, Role.ADVISOR, "coach@example.org", password=factories.PASSWORD
        )
        spring = factories.cohort(live, "Spring 2026", advisors=(self.me,))
        autumn = factories.cohort(live, "Autumn 2026", advisors=(self.me,))
        self.ids: list[int] = []
        self.names: list[str] = []
        for n in range(size):
            graduate, graduate_id = factories.graduate(live, spring, f"g{n:03d}@example.org")
            name = (f"Gina{n:03d}", f"Fox{n:03d}")
            with live.unit_of_work() as session:
                session.execute(
                    update(User)
                    .where(User.id == graduate.id)
                    .values(first_name=name[0], last_name=name[1])
                )
            factories.interview(
                live,
                graduate_id,
                days_ago=60 - n,
                contact_id=factories.contact(live, graduate_id, f"Contact{n:03d} Person"),
            )
            if n % 3 == 0:
                factories.interview(
                    live,
                    graduate_id,
                    days_ago=45,
                    thank_you_after=1,
                    permission=FollowUpPermission.GRANTED,
                )
            self.ids.append(graduate_id)
            self.names.append(" ".join(name))
        self.autumn, self.autumn_id = factories.graduate(live, autumn, "autumn@example.org")
        factories.interview(live, self.autumn_id, days_ago=20)
        other = factories.user(live, Role.ADVISOR)
        self.stranger, self.stranger_id = factories.graduate(
            live, factories.cohort(live, "Not Mine", advisors=(other,)), "zed@example.org"
        )
        factories.interview(live, self.stranger_id, days_ago=30)


def _open(open_app: Opener, **params: str) -> AppTest:
    at = sign_in(open_app(), "coach@example.org")
    for name, value in params.items():
        at.query_params[name] = value
    return at.switch_page(DASHBOARD).run()


def _triage(at: AppTest) -> tuple[str, list[dict[str, object]]]:
    frame = next(f for f in at.dataframe if str(f.key or "").startswith("triage-"))
    return str(frame.key), frame.value.to_dict("records")


def _select(at: AppTest, rows: list[int]) -> AppTest:
    key, _ = _triage(at)
    at.session_state[key] = {"selection": {"rows": rows, "columns": []}}
    return at.run()


def _nudges(ctx: Context) -> list[int]:
    with ctx.unit_of_work() as session:
        return list(
            session.scalars(
                select(CoachingComment.graduate_id).where(CoachingComment.kind == CommentKind.NUDGE)
            )
        )


def test_the_nudge_list_is_one_table_that_names_who_to_start_with(
    open_app: Opener, live: Context
) -> None:
    load = Caseload(live, 4)
    with live.unit_of_work() as session:
        session.execute(
            update(User)
            .where(User.email == "g000@example.org")
            .values(first_name=HOSTILE, last_name="<b>Fox</b>")
        )
        session.add(
            CoachingComment(
                graduate_id=load.ids[1],
                author_id=load.me.id,
                kind=CommentKind.NUDGE,
                body="Reminded by e-mail",
                created_at=datetime.now(UTC) - timedelta(days=10),
            )
        )
    at = _open(open_app)
    assert not at.exception
    _, rows = _triage(at)
    assert list(rows[0]) == COLUMNS
    assert [row["Graduate"] for row in rows] == [
        f"{HOSTILE} <b>Fox</b>",
        *load.names[1:],
        load.autumn.display_name,
    ]
    days = [row["Most overdue"] for row in rows]
    assert days == sorted(days, reverse=True)
    assert rows[0]["Needs"] == "Thank-you overdue, Follow-up due"
    assert rows[0]["Open"] == "/graduate?email=g000@example.org"
    # Never nudged reads so; a nudge older than the quiet days is its date, written as dates are.
    assert rows[0]["Last nudged"] == "never"
    assert rows[1]["Last nudged"] == day(date.today() - timedelta(days=10))
    lead = next(m.value for m in at.markdown if "Start with" in m.value)
    assert f"Start with **{escape(HOSTILE + ' <b>Fox</b>')}**" in lead
    assert "![x](" not in lead and "<b>" not in lead  # text, not an image or markup
    assert not at.get("imgs")
    shown = " ".join(str(f.value.to_dict("records")) for f in at.dataframe)
    assert "zed@example.org" not in shown and "Not Mine" not in shown
    assert "Nudge by e-mail" not in [e.label for e in at.expander]  # no more cards


def test_reason_and_cohort_filter_in_the_address(open_app: Opener, live: Context) -> None:
    load = Caseload(live, 6)
    at = _open(open_app, reason="follow_up_due")
    _, rows = _triage(at)
    assert [row["Graduate"] for row in rows] == [load.names[0], load.names[3]]
    at.selectbox(key="filter_reason").select_index(0).run()  # Thank-you overdue
    assert at.query_params["reason"] == "thank_you_overdue"
    assert len(_triage(at)[1]) == 7
    at = _open(open_app, cohort="Autumn 2026")
    _, rows = _triage(at)
    assert [row["Graduate"] for row in rows] == [load.autumn.display_name]
    at = _open(open_app, reason="sleepy")
    assert "no reason 'sleepy'" in at.error[0].value and not at.dataframe


def test_the_list_pages_25_at_a_time(open_app: Opener, live: Context) -> None:
    load = Caseload(live, 30)
    at = _open(open_app, cohort="Spring 2026")
    _, rows = _triage(at)
    assert len(rows) == 25 and rows[0]["Graduate"] == load.names[0]
    assert "Page 1 of 2" in [m.value for m in at.markdown]
    at = click(at, "Next")
    assert at.query_params["page"] == "2"
    _, rows = _triage(at)
    assert [row["Graduate"] for row in rows] == load.names[25:]
    lead = next(m.value for m in at.markdown if "Start with" in m.value)
    assert escape(load.names[0]) in lead  # still who to start with, on every page
    at = _open(open_app, cohort="Spring 2026", page="2")
    assert len(_triage(at)[1]) == 5


@pytest.fixture
def mail_on(server: SmtpServer, monkeypatch: pytest.MonkeyPatch) -> Iterator[SmtpServer]:
    monkeypatch.setenv("NETWORKIT_SMTP_URL", server.url)
    monkeypatch.setenv("NETWORKIT_MAIL_FROM", "coach@example.edu")
    monkeypatch.setenv("NETWORKIT_SMTP_CA_FILE", str(server.ca_file))
    yield server


def test_selected_graduates_are_nudged_by_email_at_once(
    open_app: Opener, live: Context, mail_on: SmtpServer
) -> None:
    load = Caseload(live, 4)
    at = _select(_open(open_app), [0, 2])
    assert not at.exception
    assert at.text_area(key="nudge_message").value.startswith("Just checking in")
    at.text_area(key="nudge_message").input("Quick check-in from your coach.")
    at = click(at, "Send 2 nudges")
    assert not at.exception
    inbox = mail_on.inbox.messages
    assert sorted(m["To"] for m in inbox) == ["g000@example.org", "g002@example.org"]
    for message in inbox:
        text = message.get_body(preferencelist=("plain",)).get_content()  # type: ignore[union-attr]
        assert "Quick check-in from your coach." in text
        own = "Contact000" if message["To"] == "g000@example.org" else "Contact002"
        assert own in text
        assert {c for c in ("Contact000", "Contact001", "Contact002") if c in text} == {own}
    assert "Sent 2 nudges" in at.success[0].value
    assert sorted(_nudges(live)) == sorted([load.ids[0], load.ids[2]])
    names = [row["Graduate"] for row in _triage(at)[1]]
    assert load.names[0] not in names and load.names[2] not in names  # nudged: off the list


def test_a_second_press_the_same_day_says_already_nudged(
    open_app: Opener, live: Context, mail_on: SmtpServer
) -> None:
    load = Caseload(live, 3)
    at = _select(_open(open_app), [0, 1])
    # The other tab pressed first.
    # The other tab pressed first.
    send_nudges(live, load.me, [load.ids[0]], "Hi", mailer=Mailer(MailSettings.from_env()))
    at = click(at, "Send 2 nudges")
    assert not at.exception
    assert "Sent 1 nudge" in at.success[0].value
    already = next(i.value for i in at.info if "Already nudged today" in i.value)
    assert escape(load.names[0]) in already
    assert sorted(m["To"] for m in mail_on.inbox.messages) == [
        "g000@example.org",
        "g001@example.org",
    ]
    with live.unit_of_work() as session:
        assert len(session.scalars(select(OutboundEmail)).all()) == 2


def test_select_all_shown(open_app: Opener, live: Context, mail_on: SmtpServer) -> None:
    Caseload(live, 3)
    at = click(_open(open_app, cohort="Spring 2026"), "Select all 3 shown")
    assert any(button.label == "Send 3 nudges" for button in at.button)


def test_without_smtp_the_page_offers_the_mailto_way(open_app: Opener, live: Context) -> None:
    load = Caseload(live, 3)
    at = _select(_open(open_app), [0, 1])
    assert not at.exception
    assert "NETWORKIT_SMTP_URL is not set" in at.warning[0].value
    assert not any(button.label.startswith("Send") for button in at.button)
    links = {link.label: unquote(link.proto.url) for link in at.link_button}
    assert set(links) == {f"Write to {escape(load.names[0])}", f"Write to {escape(load.names[1])}"}
    first = links[f"Write to {escape(load.names[0])}"]
    assert first.startswith("mailto:g000@example.org?subject=")
    assert "Contact000" in first and "Contact001" not in first
    at = click(at, "Record 2 nudges")
    assert not at.exception
    assert sorted(_nudges(live)) == sorted(load.ids[:2])
    with live.unit_of_work() as session:
        assert session.scalars(select(OutboundEmail)).all() == []


def test_saved_views_save_open_and_delete(open_app: Opener, live: Context) -> None:
    load = Caseload(live, 2)
    at = _open(open_app, cohort="Autumn 2026", reason="inactive")
    at.text_input(key="view_name").input(HOSTILE)
    at = click(at, "Save this view")
    assert not at.exception
    (view,) = saved_views(live, load.me)
    assert view.params == {"cohort": "Autumn 2026", "reason": "inactive"}
    links = [link for link in at.page_link if link.proto.page == "dashboard"]
    assert links and all(link.label == escape(HOSTILE) for link in links)
    assert {link.proto.query_string for link in links} == {"cohort=Autumn+2026&reason=inactive"}
    assert any(link.label == escape(HOSTILE) for link in at.sidebar.get("page_link"))
    at = click(at, "Delete")
    assert not at.exception
    assert saved_views(live, load.me) == []


def test_a_graduate_is_refused_the_dashboard(open_app: Opener, live: Context) -> None:
    Caseload(live, 1)
    with live.unit_of_work() as session:
        user = session.scalars(select(User).where(User.email == "g000@example.org")).one()
    set_password(live, user.id)
    at = sign_in(open_app(), "g000@example.org").switch_page(DASHBOARD).run()
    assert not at.exception
    assert "This page is for advisors" in at.error[0].value
    assert not at.dataframe and not at.title
